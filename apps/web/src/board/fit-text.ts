// A headline figure that stays on one line in its tile however many digits it grows to: the font
// shrinks just enough when the figure is wider than its box (a province's "1.234.567"), and is back
// to full size when it fits. Measured only when the figure's length or the box's size changes.
import { type Accessor, createEffect, on, onCleanup } from 'solid-js';

export function fitText(el: HTMLElement, length: Accessor<number>): void {
  const fit = () => {
    el.style.removeProperty('--fit');
    const overflow = el.scrollWidth / Math.max(1, el.clientWidth);
    if (overflow > 1) el.style.setProperty('--fit', String(Math.floor((1 / overflow) * 100) / 100));
  };
  createEffect(on(length, fit));
  // Only a new width matters (fitting changes the height, which must not fit again: no loop).
  let width = 0;
  const resize = new ResizeObserver(() => {
    if (el.clientWidth === width) return;
    width = el.clientWidth;
    fit();
  });
  resize.observe(el);
  void document.fonts?.ready.then(fit);
  onCleanup(() => resize.disconnect());
}
