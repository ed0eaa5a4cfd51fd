/**
 * Invite links are mostly opened from a chat, inside the chat app's own browser (a WebView), where the
 * camera, storage and service workers misbehave. These helpers tell which app it is, and give the
 * Android link that reopens the page in Chrome. iOS has no such link: the screen asks the person to
 * use the app's "Open in Safari" menu instead.
 */

export type InAppBrowser = 'zalo' | 'facebook' | 'messenger' | 'instagram' | 'tiktok' | 'line';

/** Most specific first: Messenger's and Instagram's browsers carry Facebook-like tokens too. */
const patterns: ReadonlyArray<readonly [InAppBrowser, RegExp]> = [
  // Android: "… Zalo android/12100621 ZaloTheme/light ZaloLanguage/vi"; iOS: "… Zalo iOS/536 ZaloTheme/light".
  ['zalo', /\bZalo(?:Theme|Language)?\/|\bZalo (?:android|iOS)\//i],
  // Android: "[FB_IAB/Orca-Android;FBAV/…]"; iOS: "[FBAN/MessengerForiOS;…]"; Messenger Lite: "FBAN/MessengerLite…".
  ['messenger', /FB_IAB\/(?:Orca-Android|MESSENGER)|FBAN\/Messenger|\bMessengerLite|\bOrca-Android\b/i],
  // Android: "… Instagram 301.0.0.33.110 Android (…)"; iOS: "… Instagram 335.0.0.34.95 (iPhone16,1; …)".
  ['instagram', /\bInstagram[ /]\d/i],
  // Android: "[FB_IAB/FB4A;FBAV/473.0.0.40.109;]"; iOS: "[FBAN/FBIOS;FBAV/…]"; Facebook Lite: "[FBAN/EMA;…]".
  ['facebook', /\bFB_IAB\/|\bFBAN\/|\bFBAV\/|\bFB4A\b|\bFBIOS\b/],
  // "musical_ly_34.0.0", "trill_340002" (TikTok's other builds), "BytedanceWebview/d8a21c6", "TikTok 34.1.0".
  ['tiktok', /\bmusical_ly|\btrill_\d|\bBytedanceWebview\/|\bTikTok[ /]\d|\bByteLocale\//i],
  // "… Safari Line/13.1.0", "… Mobile Safari/537.36 Line/13.1.1/IAB".
  ['line', /\bLine\/\d/],
];

/** The chat or social app whose built-in browser shows this page, or null (a real browser, or unknown). */
export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  if (!userAgent) return null;
  for (const [app, pattern] of patterns) if (pattern.test(userAgent)) return app;
  return null;
}

/** Android, as its browsers and WebViews say it (not Windows phones or desktops pretending). */
export const isAndroid = (userAgent: string) => /\bAndroid\b/i.test(userAgent);

/**
 * A link that opens this very page (path, query and hash, so an invite's secret survives) in Chrome:
 * `intent://host/path?query#hash#Intent;scheme=https;package=com.android.chrome;end`. Android reads
 * everything before the last `#` as the address, so the page's own hash stays in it. Null on iOS and
 * on anything that is not Android, and for pages not served over http(s).
 */
export function openInChromeUrl(
  location: Pick<Location, 'protocol' | 'host' | 'pathname' | 'search' | 'hash'>,
  userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent,
): string | null {
  if (!isAndroid(userAgent)) return null;
  const scheme = location.protocol.replace(/:$/, '').toLowerCase();
  if ((scheme !== 'https' && scheme !== 'http') || !location.host) return null;
  // A hash that is only "#" adds nothing; the Intent part must be the last "#".
  const hash = location.hash && location.hash !== '#' ? location.hash : '';
  return `intent://${location.host}${location.pathname || '/'}${location.search}${hash}#Intent;scheme=${scheme};package=com.android.chrome;end`;
}
