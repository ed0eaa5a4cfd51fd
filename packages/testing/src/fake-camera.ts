import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export type PosterVideoOptions = {
  /** Frame size in pixels (even numbers: the chroma planes are half size). Default 640×480. */
  width?: number;
  height?: number;
  /** Frames in the file (Chromium loops it) and their rate. Default 10 at 10 fps. */
  frames?: number;
  fps?: number;
};

/** Video-range luma (BT.601): the camera's black and white, and the table the poster lies on. */
const black = 16;
const white = 235;
const table = 150;
/** The empty border a QR code needs around it, in modules (the standard's 4). */
const quietZone = 4;

/**
 * Writes a Y4M video (YUV4MPEG2, I420, `C420jpeg`) of a poster showing the QR code of `text`: big
 * square modules, a white quiet zone, a grey surround. For Chromium's fake camera:
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<path>` (the path must end in
 * `.y4m`; Chromium loops the frames). Returns `path`.
 */
export function writePosterVideo(text: string, path: string, options: PosterVideoOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 10;
  const fps = options.fps ?? 10;
  if (width % 2 || height % 2) throw new Error(`writePosterVideo: ${width}×${height} must be even for 4:2:0 chroma`);
  if (!path.toLowerCase().endsWith('.y4m')) throw new Error(`writePosterVideo: Chromium reads only *.y4m files, not ${path}`);

  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * quietZone;
  // Whole pixels per module, the poster filling ~90 % of the frame's shorter side.
  const scale = Math.floor((Math.min(width, height) * 0.9) / side);
  if (scale < 2) throw new Error(`writePosterVideo: the text is too long for a readable QR code at ${width}×${height}`);
  const left = Math.floor((width - side * scale) / 2);
  const top = Math.floor((height - side * scale) / 2);

  const luma = new Uint8Array(width * height).fill(table);
  for (let y = 0; y < side * scale; y++) {
    const row = Math.floor(y / scale) - quietZone;
    for (let x = 0; x < side * scale; x++) {
      const col = Math.floor(x / scale) - quietZone;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.data[row * modules.size + col] === 1;
      luma[(top + y) * width + left + x] = dark ? black : white;
    }
  }
  // Grey has no colour: both chroma planes at their midpoint.
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);

  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frameMark = Buffer.from('FRAME\n', 'ascii');
  const parts: Uint8Array[] = [header];
  for (let i = 0; i < frames; i++) parts.push(frameMark, luma, chroma);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
