// The host clock callback: a JS object with now(): Date, called from Rust.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { analyzeSms, nowIn } from '../index.js'

const fixed = (iso) => ({ now: () => new Date(iso) })

test('nowIn shows the clock time in Europe/Brussels by default (winter, +01:00)', () => {
  assert.equal(nowIn(fixed('2026-11-30T08:00:00Z')), '2026-11-30T09:00:00+01:00')
  assert.equal(nowIn(fixed('2026-11-30T08:00:00Z'), undefined), '2026-11-30T09:00:00+01:00')
  assert.equal(nowIn(fixed('2026-11-30T08:00:00Z'), null), '2026-11-30T09:00:00+01:00')
})

test('nowIn in summer time (+02:00) and in other zones', () => {
  assert.equal(nowIn(fixed('2026-07-01T10:00:00Z'), 'Europe/Brussels'), '2026-07-01T12:00:00+02:00')
  assert.equal(nowIn(fixed('2026-07-01T10:00:00Z'), 'America/New_York'), '2026-07-01T06:00:00-04:00')
  assert.equal(nowIn(fixed('2026-07-01T10:00:00Z'), 'Asia/Kolkata'), '2026-07-01T15:30:00+05:30')
})

test('now() is called once, as a method of the clock (this === clock)', () => {
  const clock = {
    calls: 0,
    instant: new Date('2026-11-30T08:00:00Z'),
    now() {
      this.calls += 1
      return this.instant
    },
  }
  assert.equal(nowIn(clock), '2026-11-30T09:00:00+01:00')
  assert.equal(clock.calls, 1)
})

test('a class instance works as a clock', () => {
  class FixedClock {
    #instant
    constructor(iso) { this.#instant = new Date(iso) }
    now() { return new Date(this.#instant) }
  }
  assert.equal(nowIn(new FixedClock('2026-07-01T10:00:00Z')), '2026-07-01T12:00:00+02:00')
})

test('a Date with milliseconds keeps them', () => {
  assert.equal(nowIn(fixed('2026-11-30T08:00:00.250Z')), '2026-11-30T09:00:00.250+01:00')
})

test('an exception thrown by now() reaches the caller unchanged (same object)', () => {
  class NtpError extends Error {
    constructor() {
      super('NTP unreachable')
      this.name = 'NtpError'
      this.code = 'E_NTP'
    }
  }
  const thrown = new NtpError()
  const clock = { now() { throw thrown } }
  let caught
  try {
    nowIn(clock)
  } catch (error) {
    caught = error
  }
  assert.ok(caught === thrown, 'the very object thrown by now() must reach the caller')
  assert.ok(caught instanceof NtpError)
  assert.equal(caught.message, 'NTP unreachable')
  assert.equal(caught.code, 'E_NTP')
  // Nothing stays pending: the binding keeps working.
  assert.equal(nowIn(fixed('2026-11-30T08:00:00Z')), '2026-11-30T09:00:00+01:00')
  assert.equal(analyzeSms('ok').partCount, 1)
})

test('non-Error values thrown by now() also pass through unchanged', () => {
  for (const value of ['a string', 42, null, undefined, { plain: 'object' }, Symbol('s')]) {
    let caught = 'nothing was thrown'
    try {
      nowIn({ now() { throw value } })
    } catch (error) {
      caught = error
    }
    assert.ok(Object.is(caught, value), `expected ${String(value)} to pass through`)
  }
})

test('an exception thrown by a now getter passes through unchanged', () => {
  const thrown = new RangeError('no clock here')
  const clock = { get now() { throw thrown } }
  assert.throws(() => nowIn(clock), (error) => error === thrown)
})

test('a clock that does not give a Date: clock.host_error', () => {
  const cases = [
    { now: () => '2026-11-30T08:00:00Z' },
    { now: () => 1796025600000 },
    { now: () => new Date(Number.NaN) },
    { now: 'not a function' },
    {},
  ]
  for (const clock of cases) {
    assert.throws(() => nowIn(clock), (error) => error instanceof Error && error.code === 'clock.host_error')
  }
  for (const clock of [null, undefined]) {
    assert.throws(() => nowIn(clock), (error) => error instanceof Error && error.code === 'clock.host_error')
  }
})

test('a clock re-entering envoi from now() works', () => {
  const clock = {
    now() {
      assert.equal(analyzeSms('inner').partCount, 1)
      assert.equal(nowIn(fixed('2026-07-01T10:00:00Z')), '2026-07-01T12:00:00+02:00')
      return new Date('2026-11-30T08:00:00Z')
    },
  }
  assert.equal(nowIn(clock), '2026-11-30T09:00:00+01:00')
})
