/* Quick exit's keyboard gesture, the GOV.UK pattern: Shift pressed three times in quick succession, with no
   other key between. Escape is not used: it already stops a page loading and closes Material's search.
   Pure (no DOM), so it runs under Node's test runner: tests/js/quick_exit_keys.test.mjs. */

export const SHIFT_PRESSES = 3;
export const WITHIN_MS = 1000;  // the longest wait from one Shift press to the next

// keydown(key, timeMs, repeat) is true on the press that completes the gesture. `key` is KeyboardEvent.key
// ("Shift" for either Shift key); a held key's auto-repeat neither counts nor breaks the run.
export function createShiftPresses({ presses = SHIFT_PRESSES, withinMs = WITHIN_MS } = {}) {
  let count = 0;
  let last = -Infinity;
  const reset = () => {
    count = 0;
    last = -Infinity;
  };
  return {
    keydown(key, timeMs, repeat = false) {
      if (repeat) return false;
      if (key !== "Shift") {
        reset();
        return false;
      }
      count = timeMs - last <= withinMs ? count + 1 : 1;
      last = timeMs;
      if (count < presses) return false;
      reset();
      return true;
    },
    reset,
  };
}
