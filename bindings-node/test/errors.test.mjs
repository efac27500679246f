// Errors: thrown `Error`s whose `.code` is envoi's stable code and whose message is the core's.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import envoi, { analyzeSms, nowIn } from '../index.js'
import { throwsCode } from './helpers.mjs'

test('too many parts: sms.too_many_parts, with the core message', () => {
  const error = throwsCode(() => analyzeSms('a'.repeat(200), { maxParts: 1 }), 'sms.too_many_parts')
  assert.match(error.message, /max_parts is 1/)
  assert.equal(analyzeSms('a'.repeat(200), { maxParts: 2 }).partCount, 2)
})

test('max parts outside 1..=255: sms.invalid_max_parts, even far past any integer type', () => {
  for (const maxParts of [256, 0, -1, 2 ** 31, 2 ** 32 + 1, 2 ** 53, 2 ** 70, -(2 ** 70)]) {
    throwsCode(() => analyzeSms('hi', { maxParts }), 'sms.invalid_max_parts')
  }
  assert.match(throwsCode(() => analyzeSms('hi', { maxParts: 256 }), 'sms.invalid_max_parts').message, /256/)
  assert.equal(analyzeSms('hi', { maxParts: 255 }).partCount, 1)
  assert.equal(analyzeSms('hi', { maxParts: 1 }).partCount, 1)
})

test('a reference that does not fit its width: sms.invalid_reference', () => {
  throwsCode(() => analyzeSms('hi', { reference: 256 }), 'sms.invalid_reference')
  throwsCode(() => analyzeSms('hi', { reference: 65536, referenceBits: 16 }), 'sms.invalid_reference')
  throwsCode(() => analyzeSms('hi', { reference: -1 }), 'sms.invalid_reference')
  throwsCode(() => analyzeSms('hi', { reference: 1, referenceBits: 12 }), 'sms.invalid_reference')
  throwsCode(() => analyzeSms('hi', { reference: 2 ** 70, referenceBits: 16 }), 'sms.invalid_reference')
})

test('an unknown language: sms.unknown_language naming it', () => {
  const error = throwsCode(() => analyzeSms('hi', { languages: ['klingon'] }), 'sms.unknown_language')
  assert.match(error.message, /klingon/)
})

test('an unknown time zone: time.unknown_zone, and the clock is not called', () => {
  let calls = 0
  const clock = { now: () => { calls += 1; return new Date() } }
  const error = throwsCode(() => nowIn(clock, 'Mars/Olympus'), 'time.unknown_zone')
  assert.match(error.message, /Mars\/Olympus/)
  assert.equal(calls, 0)
})

test('a fractional number where an integer is required is refused', () => {
  throwsCode(() => analyzeSms('hi', { maxParts: 1.5 }), 'InvalidArg')
  throwsCode(() => analyzeSms('hi', { maxParts: Number.NaN }), 'InvalidArg')
  throwsCode(() => analyzeSms('hi', { reference: 0.5 }), 'InvalidArg')
})

test('the panic hook throws code internal.panic; the next call works', () => {
  const error = throwsCode(() => envoi.__envoiPanicForTest(), 'internal.panic')
  assert.match(error.message, /panic/)
  assert.equal(analyzeSms('still alive').partCount, 1)
  throwsCode(() => envoi.__envoiPanicForTest(), 'internal.panic')
  assert.equal(analyzeSms('a'.repeat(161)).partCount, 2)
})

test('a panic does not abort the process (child process)', () => {
  const indexJs = fileURLToPath(new URL('../index.js', import.meta.url))
  const script = `
    const envoi = require(${JSON.stringify(indexJs)})
    let code = null
    try { envoi.__envoiPanicForTest() } catch (error) { code = error.code }
    const after = envoi.analyzeSms('a'.repeat(161)).partCount
    process.stdout.write(JSON.stringify({ code, after }))
  `
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(child.signal, null, `child killed by ${child.signal}; stderr: ${child.stderr}`)
  assert.equal(child.status, 0, `child exited ${child.status}; stderr: ${child.stderr}`)
  assert.deepEqual(JSON.parse(child.stdout), { code: 'internal.panic', after: 2 })
})
