import { createRoot, createSignal } from 'solid-js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCountUp } from '../../src/board/count-up';

// createCountUp with a hand-driven clock: frames run when the test says, at the time it says.
const frames: Array<(t: number) => void> = [];
let now = 0;
Object.assign(globalThis, {
  requestAnimationFrame: (fn: (t: number) => void) => frames.push(fn),
  cancelAnimationFrame: () => void frames.splice(0),
  document: { hidden: false, addEventListener() {}, removeEventListener() {} },
});
const frame = (at: number) => {
  now = at;
  for (const fn of frames.splice(0)) fn(at);
};
const realNow = performance.now.bind(performance);

const retarget = suite('board count-up, retargeted');
retarget.before(() => void (performance.now = () => now));
retarget.after(() => void (performance.now = realNow));
retarget('a new value mid-way counts on from what is shown, and ends on it when the new count ends: no queue', () => {
  const { shown, setTarget, dispose } = createRoot((dispose) => {
    const [target, setTarget] = createSignal(100);
    return { shown: createCountUp(target, 900), setTarget, dispose };
  });
  assert.is(shown(), 100, 'the first value is shown as it is');
  now = 0;
  setTarget(200);
  frame(450);
  const mid = shown();
  assert.ok(mid > 100 && mid < 200, `half-way: ${mid}`);
  setTarget(300); // retargeted at t=450, from `mid`
  frame(900);
  assert.ok(shown() > mid && shown() < 300, `on from ${mid}: ${shown()}`);
  frame(1350);
  assert.is(shown(), 300, 'the new value, 900 ms after it came: the first count did not have to finish');
  assert.is(frames.length, 0, 'no frame asked for once it stands');
  setTarget(300);
  assert.is(frames.length, 0, 'the same value again: nothing to do');
  dispose();
});
retarget.run();
