// What a call threw or a promise rejected with, for tests that check the error itself.
import assert from "node:assert/strict";

/** The thrown value of `fn`, which must throw. */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected a throw");
}

/** The rejection of `promise`, which must reject. */
export async function rejection(promise) {
  return promise.then(
    () => assert.fail("expected a rejection"),
    (error) => error,
  );
}
