import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectInAppBrowser, openInChromeUrl } from '../../src/phone/in-app-browser';

/** Chat apps' built-in browsers, told apart by the user-agent strings they really send. */
const test = suite('in-app browsers');

const ua = {
  zaloAndroid: 'Mozilla/5.0 (Linux; Android 11; RMX1973 Build/RKQ1.201217.002;) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/142.0.7444.171 Safari/537.36 Zalo android/25112868 ZaloTheme/dark ZaloLanguage/vi',
  zaloAndroidWv: 'Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36 Zalo android/12100621 ZaloTheme/light ZaloLanguage/vi',
  zaloIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/25.07.01 ZaloTheme/light ZaloLanguage/vi',
  facebookAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.134 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/473.0.0.40.109;]',
  facebookIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.40.97;FBBV/612345678;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBID/phone;FBLC/vi_VN;FBOP/5]',
  messengerAndroid: 'Mozilla/5.0 (Linux; Android 12; RMX2111 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/108.0.5359.128 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/390.2.0.29.103;]',
  messengerIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/MessengerForiOS;FBAV/425.0.0.22.108;FBBV/508493431;FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/16.6;FBSS/3;FBCR/;FBID/phone;FBLC/vi_VN;FBOP/5]',
  instagramAndroid: 'Mozilla/5.0 (Linux; Android 13; SM-A536E Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 309.1.0.41.113 Android (33/13; 450dpi; 1080x2177; samsung; SM-A536E; a53x; s5e8825; vi_VN; 541635890)',
  instagramIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/21F90 Instagram 335.0.0.34.95 (iPhone16,1; iOS 17_5_1; vi_VN; vi; scale=3.00; 1179x2556; 614409932)',
  tiktokAndroid: 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.0.0 Mobile Safari/537.36 trill_340002 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/34.0.2 ByteLocale/en ByteFullLocale/en Region/US BytedanceWebview/d8a21c6',
  tiktokIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 musical_ly_34.0.0 JsSdk/2.0 NetType/WIFI Channel/App Store ByteLocale/en Region/US',
  lineAndroid: 'Mozilla/5.0 (Linux; Android 13; SM-G991B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.193 Mobile Safari/537.36 Line/13.22.1/IAB',
  lineIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari Line/13.21.0',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  samsungInternet: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  coccoc: 'Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/137.0.214 Chrome/131.0.6778.214 Mobile Safari/537.36',
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.153 Mobile/15E148 Safari/604.1',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  headlessChromium: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
};

test('tells the chat apps apart', () => {
  const expected: Record<keyof typeof ua, ReturnType<typeof detectInAppBrowser>> = {
    zaloAndroid: 'zalo',
    zaloAndroidWv: 'zalo',
    zaloIos: 'zalo',
    facebookAndroid: 'facebook',
    facebookIos: 'facebook',
    messengerAndroid: 'messenger',
    messengerIos: 'messenger',
    instagramAndroid: 'instagram',
    instagramIos: 'instagram',
    tiktokAndroid: 'tiktok',
    tiktokIos: 'tiktok',
    lineAndroid: 'line',
    lineIos: 'line',
    chromeAndroid: null,
    samsungInternet: null,
    coccoc: null,
    safariIos: null,
    chromeIos: null,
    desktop: null,
    headlessChromium: null,
  };
  for (const [name, app] of Object.entries(expected)) assert.is(detectInAppBrowser(ua[name as keyof typeof ua]), app, name);
  assert.is(detectInAppBrowser(''), null);
});

const invite = { protocol: 'https:', host: 'xk.example.vn', pathname: '/phone/', search: '', hash: '#/join/abcDEF_123-xyz' };

test('Android: an intent link to the same page in Chrome, the hash (the invite’s secret) kept', () => {
  assert.is(
    openInChromeUrl(invite, ua.zaloAndroid),
    'intent://xk.example.vn/phone/#/join/abcDEF_123-xyz#Intent;scheme=https;package=com.android.chrome;end',
  );
  assert.is(
    openInChromeUrl({ protocol: 'http:', host: '192.168.1.20:3000', pathname: '/phone/', search: '?zarsrc=30', hash: '' }, ua.facebookAndroid),
    'intent://192.168.1.20:3000/phone/?zarsrc=30#Intent;scheme=http;package=com.android.chrome;end',
    'a hub on the hall’s Wi-Fi over plain HTTP keeps its scheme and port',
  );
  assert.is(openInChromeUrl({ ...invite, hash: '#' }, ua.messengerAndroid), 'intent://xk.example.vn/phone/#Intent;scheme=https;package=com.android.chrome;end');
  // Android reads the address as everything before the last "#", and the Intent's fields after it.
  const link = openInChromeUrl(invite, ua.tiktokAndroid)!;
  const cut = link.lastIndexOf('#');
  assert.is(`https:${link.slice('intent:'.length, cut)}`, 'https://xk.example.vn/phone/#/join/abcDEF_123-xyz');
  assert.is(link.slice(cut), '#Intent;scheme=https;package=com.android.chrome;end');
});

test('no intent link on iOS, desktops, or pages not served over http(s)', () => {
  for (const name of ['zaloIos', 'facebookIos', 'messengerIos', 'instagramIos', 'safariIos', 'desktop'] as const) assert.is(openInChromeUrl(invite, ua[name]), null, name);
  assert.is(openInChromeUrl({ ...invite, protocol: 'file:', host: '' }, ua.zaloAndroid), null);
  assert.is(openInChromeUrl({ ...invite, protocol: 'javascript:' }, ua.zaloAndroid), null);
});

test.run();
