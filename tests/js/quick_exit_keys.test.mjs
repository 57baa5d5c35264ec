import assert from "node:assert/strict";
import { test } from "node:test";

import { createShiftPresses, SHIFT_PRESSES, WITHIN_MS } from "../../generator/assets/quick_exit_keys.js";

// Feed [key, time] pairs; the indexes of the presses that completed the gesture.
function triggers(presses, detector = createShiftPresses()) {
  return presses.flatMap(([key, time, repeat], index) => (detector.keydown(key, time, repeat) ? [index] : []));
}

test("the gesture is three Shift presses within a second of each other", () => {
  assert.equal(SHIFT_PRESSES, 3);
  assert.equal(WITHIN_MS, 1000);
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 200], ["Shift", 400]]), [2]);
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 1000], ["Shift", 2000]]), [2]);  // each gap at the limit
});

test("two Shift presses do nothing", () => {
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 150]]), []);
});

test("another key between the presses starts the count again", () => {
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 100], ["a", 150], ["Shift", 200]]), []);
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 100], ["Tab", 150], ["Shift", 200], ["Shift", 300]]), []);
  assert.deepEqual(triggers([["Shift", 0], ["A", 50], ["Shift", 100], ["Shift", 200], ["Shift", 300]]), [4]);
});

test("Escape is not part of the gesture", () => {
  assert.deepEqual(triggers([["Escape", 0], ["Escape", 100], ["Escape", 200]]), []);
  assert.deepEqual(triggers([["Shift", 0], ["Escape", 100], ["Shift", 200], ["Shift", 300]]), []);
});

test("a slow press starts a new run instead of completing the old one", () => {
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 500], ["Shift", 1501]]), []);
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 500], ["Shift", 1501], ["Shift", 1700], ["Shift", 1900]]), [4]);
});

test("holding Shift down (auto-repeat) counts once and breaks nothing", () => {
  const held = [["Shift", 0], ["Shift", 30, true], ["Shift", 60, true], ["Shift", 90, true]];
  assert.deepEqual(triggers(held), []);
  assert.deepEqual(triggers([...held, ["Shift", 300], ["Shift", 500]]), [5]);
});

test("after the gesture the count starts again from nothing", () => {
  const detector = createShiftPresses();
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 100], ["Shift", 200], ["Shift", 300], ["Shift", 400]], detector),
                   [2]);
  assert.equal(detector.keydown("Shift", 500), true);  // the 4th, 5th and 6th presses are a new gesture
});

test("reset forgets the presses so far", () => {
  const detector = createShiftPresses();
  detector.keydown("Shift", 0);
  detector.keydown("Shift", 100);
  detector.reset();
  assert.equal(detector.keydown("Shift", 200), false);
  assert.equal(detector.keydown("Shift", 300), false);
  assert.equal(detector.keydown("Shift", 400), true);
});

test("the count and the wait can be set", () => {
  const detector = createShiftPresses({ presses: 2, withinMs: 300 });
  assert.deepEqual(triggers([["Shift", 0], ["Shift", 301], ["Shift", 600]], detector), [2]);
});
