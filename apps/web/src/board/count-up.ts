// Figures that count up to their new value instead of jumping, and never fall behind the data: a new
// value mid-way retargets from what is shown now (no queue of animations), a hidden page (a TV asleep,
// another tab) shows the value at once, and the very first value is shown as it is.
import { type Accessor, createEffect, createSignal, on, onCleanup } from 'solid-js';

export const COUNT_UP_MS = 900;

/** The value shown `elapsed` ms into a count from `from` to `to`: ease-out, whole numbers, exact at the end. */
export function countUpAt(from: number, to: number, elapsed: number, duration = COUNT_UP_MS): number {
  if (elapsed >= duration || from === to) return to;
  const x = Math.max(0, elapsed) / duration;
  const eased = 1 - (1 - x) ** 3;
  const value = from + (to - from) * eased;
  return to > from ? Math.min(to, Math.floor(value)) : Math.max(to, Math.ceil(value));
}

/** The shown value of `target()`, counting towards it on every change. */
export function createCountUp(target: Accessor<number>, duration = COUNT_UP_MS): Accessor<number> {
  const [shown, setShown] = createSignal(target());
  let frame = 0;
  onCleanup(() => cancelAnimationFrame(frame));
  createEffect(
    on(
      target,
      (to) => {
        cancelAnimationFrame(frame);
        const from = shown();
        if (from === to || document.hidden) return void setShown(to);
        const started = performance.now();
        const step = (now: number) => {
          const value = countUpAt(from, to, now - started, duration);
          setShown(value);
          if (value !== to) frame = requestAnimationFrame(step);
        };
        frame = requestAnimationFrame(step);
      },
      { defer: true },
    ),
  );
  // A page hidden mid-count gets no frames: show the value the moment it is seen again.
  const onVisible = () => {
    if (!document.hidden && shown() !== target()) {
      cancelAnimationFrame(frame);
      setShown(target());
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisible));
  return shown;
}
