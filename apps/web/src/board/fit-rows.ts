// A list that shows only the rows that fit its box, whole: a hall screen cannot scroll, and a row cut
// in half looks broken. Rows that do not fit are hidden (they keep their place, below the fold).
import { onCleanup } from 'solid-js';

export function fitRows(list: HTMLElement): void {
  let frame = 0;
  const fit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const bottom = list.getBoundingClientRect().bottom;
      for (const row of Array.from(list.children) as HTMLElement[]) {
        resize.observe(row); // a row that grows later (the font swapped in, another language) is fitted again
        row.style.visibility = row.getBoundingClientRect().bottom <= bottom + 0.5 ? '' : 'hidden';
      }
    });
  };
  const resize = new ResizeObserver(fit);
  resize.observe(list);
  const rows = new MutationObserver(fit);
  rows.observe(list, { childList: true });
  fit();
  void document.fonts?.ready.then(fit);
  onCleanup(() => {
    cancelAnimationFrame(frame);
    resize.disconnect();
    rows.disconnect();
  });
}
