import { type Component, createResource, Show } from 'solid-js';

/** The empty border a QR code needs around it, in modules (the standard's 4). */
const QUIET_ZONE = 4;

// The QR library comes with the print view only, not with the tab.
let library: Promise<typeof import('qrcode')> | undefined;

/** The dark modules of `text`'s QR code as one SVG path (a run of modules in a row is one rectangle), and its size in modules. */
export async function qrPath(text: string): Promise<{ size: number; d: string }> {
  library ??= import('qrcode');
  // A CommonJS package: its functions may come as named exports or under `default`, by bundler.
  const mod: typeof import('qrcode') & { default?: typeof import('qrcode') } = await library;
  const create = mod.default?.create ?? mod.create;
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules.get(y, x)) continue;
      let run = 1;
      while (x + run < size && modules.get(y, x + run)) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size, d };
}

/** A QR code as SVG, sharp at any print size, with its quiet zone; `label` is what a screen reader says. */
export const QrCode: Component<{ text: string; label: string; class?: string }> = (props) => {
  const [path] = createResource(() => props.text, qrPath);
  return (
    <Show when={path()}>
      {(p) => (
        <svg
          class={`qr ${props.class ?? ''}`}
          viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${p().size + 2 * QUIET_ZONE} ${p().size + 2 * QUIET_ZONE}`}
          role="img"
          aria-label={props.label}
          data-testid="qr"
          shape-rendering="crispEdges"
        >
          <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={p().size + 2 * QUIET_ZONE} height={p().size + 2 * QUIET_ZONE} fill="#fff" />
          <path d={p().d} fill="#000" />
        </svg>
      )}
    </Show>
  );
};
