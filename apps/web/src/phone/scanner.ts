/**
 * The QR scanner: the back camera into a <video>, frames decoded with the browser's `BarcodeDetector`
 * where it exists (Chrome on Android), else with jsQR, loaded on first use only (its own lazy chunk,
 * kept out of the phone's first load and out of the service worker's precache). A few frames a
 * second, downscaled: enough to read a poster, gentle on a cheap phone's battery.
 *
 *   const scanner = startScanner(video, (text) => { … });   // stops by itself on the first code
 *   scanner.started.then(…, (e: ScannerError) => show(e.code));
 *   scanner();                                               // stop (idempotent): camera off
 */

export type ScannerErrorCode =
  /** Plain HTTP (not localhost): browsers give no camera there. */
  | 'insecure-context'
  /** No camera API at all (an old browser, or a WebView that hides it). */
  | 'unsupported'
  /** The person (or the browser's settings) refused the camera. */
  | 'permission-denied'
  /** No camera on this device. */
  | 'no-camera'
  /** The camera is in use by another app, or failed to start. */
  | 'camera-busy'
  /** The camera stopped while scanning (unplugged, taken by another app). */
  | 'camera-ended'
  /** jsQR could not be loaded (offline before it was ever cached). */
  | 'decoder-unavailable'
  | 'failed';

export class ScannerError extends Error {
  constructor(
    readonly code: ScannerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScannerError';
  }
}

export type ScannerOptions = {
  /** Frames decoded per second (default 6; at most one decode runs at a time). */
  fps?: number;
  /** Frames are scaled down to at most this many pixels on their longer side for jsQR (default 640). */
  maxSide?: number;
  /** Errors after the start (the camera ended): `started` has resolved by then. */
  onError?: (error: ScannerError) => void;
};

/** Stops the scanner (camera off, no more decoding); `started` settles when the camera runs or fails. */
export type StopScanner = (() => void) & { started: Promise<void> };

type Decode = (frame: HTMLVideoElement) => Promise<string | null>;

type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>> };
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
};
type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' }) => { data: string } | null;

/** Uses the browser's detector when it reads QR codes. */
async function nativeDecoder(): Promise<Decode | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (Detector.getSupportedFormats && !(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (frame) => {
      const codes = await detector.detect(frame);
      return codes.find((c) => c.rawValue)?.rawValue ?? null;
    };
  } catch {
    return null;
  }
}

/** jsQR on a downscaled canvas copy of the frame. */
async function jsQrDecoder(maxSide: number): Promise<Decode> {
  let jsQR: JsQr;
  try {
    const module = (await import('jsqr')) as unknown as { default: JsQr | { default: JsQr } };
    jsQR = typeof module.default === 'function' ? module.default : module.default.default;
  } catch (cause) {
    throw new ScannerError('decoder-unavailable', 'The QR reader could not be loaded (offline?)', { cause });
  }
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ScannerError('failed', 'No 2D canvas to read camera frames');
  return async (frame) => {
    const scale = Math.min(1, maxSide / Math.max(frame.videoWidth, frame.videoHeight));
    const width = Math.max(1, Math.round(frame.videoWidth * scale));
    const height = Math.max(1, Math.round(frame.videoHeight * scale));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.drawImage(frame, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    // Posters are dark on light: skipping the inverted pass halves the work.
    return jsQR(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

function cameraError(error: unknown): ScannerError {
  if (error instanceof ScannerError) return error;
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name ?? '') : '';
  const message = typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? '') : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new ScannerError('permission-denied', `Camera permission denied (${message})`, { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new ScannerError('no-camera', `No camera found (${message})`, { cause: error });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new ScannerError('camera-busy', `The camera could not start (${message})`, { cause: error });
    default:
      return new ScannerError('failed', `The camera could not start (${message})`, { cause: error });
  }
}

/**
 * Starts the back camera in `video` and calls `onText` with the first QR code read, then stops.
 * If `onText` returns `false` the scanner keeps going (a QR that is not a poster), ignoring that
 * same text from then on.
 */
export function startScanner(video: HTMLVideoElement, onText: (text: string) => boolean | void, options: ScannerOptions = {}): StopScanner {
  const interval = 1000 / Math.min(30, Math.max(1, options.fps ?? 6));
  const maxSide = options.maxSide ?? 640;
  let stopped = false;
  let stream: MediaStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ignored = new Set<string>();

  const stop = (() => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    if (video.srcObject === stream) video.srcObject = null;
    stream = undefined;
  }) as StopScanner;

  const start = async () => {
    if (globalThis.isSecureContext === false) throw new ScannerError('insecure-context', 'The camera needs HTTPS (or localhost)');
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) throw new ScannerError('unsupported', 'This browser gives no camera access');
    // The decoder loads while the person answers the camera prompt.
    const decoderPromise = nativeDecoder().then((native) => native ?? jsQrDecoder(maxSide));
    decoderPromise.catch(() => {});
    try {
      stream = await media.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    } catch (error) {
      throw cameraError(error);
    }
    if (stopped) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    for (const track of stream.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (stopped) return;
        stop();
        options.onError?.(new ScannerError('camera-ended', 'The camera stopped'));
      });
    }
    video.muted = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.srcObject = stream;
    const decode = await decoderPromise;
    if (stopped) return;
    try {
      await video.play();
    } catch (error) {
      // Play is refused only when the element was detached or stopped meanwhile.
      if (!stopped) throw cameraError(error);
    }
    const tick = async () => {
      timer = undefined;
      if (stopped) return;
      const started = performance.now();
      if (video.readyState >= 2 && video.videoWidth > 0 && document.visibilityState !== 'hidden') {
        let text: string | null = null;
        try {
          text = await decode(video);
        } catch {
          // A frame the decoder could not read: try the next one.
        }
        if (stopped) return;
        if (text && !ignored.has(text)) {
          const keep = onText(text) === false;
          if (!keep) return stop();
          ignored.add(text);
          if (stopped) return;
        }
      }
      timer = setTimeout(() => void tick(), Math.max(0, interval - (performance.now() - started)));
    };
    void tick();
  };

  const started = start().catch((error: unknown) => {
    stop();
    throw cameraError(error);
  });
  started.catch(() => {});
  stop.started = started;
  return stop;
}
