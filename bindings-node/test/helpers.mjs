// Helpers shared by the test files.
import assert from 'node:assert/strict'

/** Asserts that `fn` throws an `Error` with `code` and a non-empty message, and returns it. */
export function throwsCode(fn, code) {
  let caught
  assert.throws(fn, (error) => {
    caught = error
    return true
  })
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`)
  assert.equal(caught.code, code, `code of: ${caught.message}`)
  assert.equal(typeof caught.message, 'string')
  assert.ok(caught.message.length > 0)
  return caught
}
