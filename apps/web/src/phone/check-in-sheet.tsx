import type { PhoneToday } from '@xk/contract';
import { type Component, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useLocale } from '../lib/i18n';
import { parsePosterToken, verifyPosterToken } from './poster-code';
import { type ScannerError, type ScannerErrorCode, startScanner, type StopScanner } from './scanner';

type Station = PhoneToday['stations'][number];

/** Metres between two points (haversine): enough to sort a district's stations. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** What a scanned text means for this phone: a station of its campaign, or why not. */
export async function readPoster(text: string, today: PhoneToday): Promise<{ station: Station; token: string } | { problem: 'invalid' | 'other-campaign' | 'unknown-station' }> {
  const token = parsePosterToken(text);
  if (!token) return { problem: 'invalid' };
  const verdict = await verifyPosterToken(token, today.posterKeys);
  // 'unverifiable': no WebCrypto (plain HTTP); 'unknown-key': a key newer than this phone's copy. The hub checks again either way.
  if (verdict === 'invalid') return { problem: 'invalid' };
  if (today.campaign && token.campaignId !== today.campaign.id) return { problem: 'other-campaign' };
  const station = today.stations.find((s) => s.id === token.stationId);
  if (!station) return { problem: 'unknown-station' };
  return { station, token: token.token };
}

/**
 * Checking in: scan the station's poster (the hub signed it, so the phone checks it with no network),
 * or pick the station from the list — nearest first once the phone may read its location.
 */
export const CheckInSheet: Component<{
  today: PhoneToday;
  /** A poster code that opened the phone (`#/checkin/<token>`): checked at once. */
  initialCode?: string | undefined;
  onPick: (station: Station, posterCode?: string) => void;
  onClose: () => void;
}> = (props) => {
  const locale = useLocale();
  const t = () => locale.t().phone;
  const [scanning, setScanning] = createSignal(false);
  const [cameraProblem, setCameraProblem] = createSignal<ScannerErrorCode | null>(null);
  const [posterProblem, setPosterProblem] = createSignal<'invalid' | 'other-campaign' | 'unknown-station' | null>(null);
  const [here, setHere] = createSignal<{ lat: number; lng: number } | null>(null);
  let video: HTMLVideoElement | undefined;
  let stop: StopScanner | undefined;
  const canScan = typeof window !== 'undefined' && window.isSecureContext && !!navigator.mediaDevices?.getUserMedia;
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator && window.isSecureContext;

  const onText = async (text: string) => {
    const read = await readPoster(text, props.today);
    if ('problem' in read) {
      setPosterProblem(read.problem);
      return;
    }
    stopScanning();
    props.onPick(read.station, read.token);
  };

  const stopScanning = () => {
    stop?.();
    stop = undefined;
    setScanning(false);
  };
  const scan = () => {
    setCameraProblem(null);
    setPosterProblem(null);
    setScanning(true);
    queueMicrotask(() => {
      if (!video) return;
      stop = startScanner(video, (text) => {
        void onText(text);
        return false; // keep scanning until a good poster: onText stops it
      });
      stop.started.catch((err: ScannerError) => {
        setCameraProblem(err.code);
        stopScanning();
      });
    });
  };
  onCleanup(stopScanning);
  if (props.initialCode) void onText(props.initialCode);

  const locate = () =>
    navigator.geolocation.getCurrentPosition(
      (p) => setHere({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => setHere(null),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );

  const sorted = createMemo(() => {
    const from = here();
    const withDistance = props.today.stations.map((s) => ({
      station: s,
      metres: from && s.lat !== null && s.lng !== null ? distanceMetres(from, { lat: s.lat, lng: s.lng }) : null,
    }));
    if (from) withDistance.sort((a, b) => (a.metres ?? Infinity) - (b.metres ?? Infinity));
    return withDistance;
  });

  const cameraText = (code: ScannerErrorCode) => {
    const c = t().camera;
    if (code === 'insecure-context' || code === 'unsupported') return c.insecure;
    if (code === 'permission-denied') return c.denied;
    if (code === 'no-camera') return c.none;
    return c.failed;
  };
  const posterText = (p: 'invalid' | 'other-campaign' | 'unknown-station') =>
    p === 'invalid' ? t().posterInvalid : p === 'other-campaign' ? t().posterOtherCampaign : t().posterUnknownStation;

  return (
    <>
    <div class="sheet-backdrop" onClick={props.onClose} />
    <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="check-in-title" data-testid="check-in-sheet">
      <div class="sheet__head">
        <h2 id="check-in-title">{t().checkInTitle}</h2>
        <button type="button" class="button button--secondary" onClick={props.onClose} data-testid="check-in-close">
          {t().cancel}
        </button>
      </div>
      <Show when={canScan}>
        <Show
          when={scanning()}
          fallback={
            <button type="button" class="button button--primary button--big" onClick={scan} data-testid="scan-poster">
              {t().scanPoster}
            </button>
          }
        >
          <p class="sheet__hint">{t().scanning}</p>
          <video ref={video} class="scanner__video" muted playsinline data-testid="scanner-video" />
        </Show>
      </Show>
      <Show when={!canScan}>
        <p class="sheet__hint">{t().camera.insecure}</p>
      </Show>
      <Show when={cameraProblem()}>{(code) => <p class="sheet__problem" role="alert">{cameraText(code())}</p>}</Show>
      <Show when={posterProblem()}>
        {(p) => (
          <p class="sheet__problem" role="alert" data-testid="poster-problem">
            {posterText(p())}
          </p>
        )}
      </Show>
      <div class="sheet__list-head">
        <h3>{t().pickStation}</h3>
        <Show when={canLocate && !here()}>
          <button type="button" class="button button--secondary" onClick={locate} data-testid="sort-by-distance">
            {t().useLocation}
          </button>
        </Show>
        <Show when={here()}>
          <span class="sheet__sorted">{t().nearestFirst}</span>
        </Show>
      </div>
      <ul class="station-list" data-testid="station-list">
        <For each={sorted()}>
          {(row) => (
            <li>
              <button type="button" class="station-list__item" onClick={() => props.onPick(row.station)} data-testid="station-option">
                <span class="station-list__name">{row.station.name}</span>
                <Show when={row.station.address}>{(a) => <span class="station-list__address">{a()}</span>}</Show>
                <Show when={row.metres !== null}>
                  <span class="station-list__distance">{t().distance(row.metres!)}</span>
                </Show>
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
    </>
  );
};
