// Simple schedules (envoi::schedule::Schedule) through Node: Date or offset ISO strings in, ISO
// strings with the zone's offset out. Expectations from the core's tests/schedule_repeat.rs.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'

import { Schedule } from '../index.js'
import { throwsCode } from './helpers.mjs'

/** The first `n` occurrences (fewer when the schedule ends). */
function first(schedule, n) {
  const out = []
  for (let i = 0; i < n; i += 1) {
    const t = schedule.occurrence(i)
    if (t === null) break
    out.push(t)
  }
  return out
}

const FAR_PAST = '1900-01-01T00:00:00Z'
const FAR_FUTURE = '2100-01-01T00:00:00Z'

test('daily 09:00 Brussels across 29 March 2026 stays 09:00 (+01:00 then +02:00), and in October', () => {
  const spring = new Schedule('2026-03-28T09:00:00+01:00', { every: 1, unit: 'days' })
  assert.deepEqual(first(spring, 3), [
    '2026-03-28T09:00:00+01:00',
    '2026-03-29T09:00:00+02:00',
    '2026-03-30T09:00:00+02:00',
  ])
  const autumn = new Schedule(new Date('2026-10-24T07:00:00Z'), { every: 1, unit: 'days' })
  assert.deepEqual(first(autumn, 3), [
    '2026-10-24T09:00:00+02:00',
    '2026-10-25T09:00:00+01:00',
    '2026-10-26T09:00:00+01:00',
  ])
})

test('a wall time in the gap moves forward by the gap; one in the fold takes the first instant', () => {
  const gap = new Schedule('2026-03-28T02:30:00+01:00', { every: 1, unit: 'days' })
  assert.deepEqual(first(gap, 3), [
    '2026-03-28T02:30:00+01:00',
    '2026-03-29T03:30:00+02:00',
    '2026-03-30T02:30:00+02:00',
  ])
  const newYork = new Schedule('2026-03-07T07:30:00Z', { every: 1, unit: 'days', tz: 'America/New_York' })
  assert.deepEqual(first(newYork, 3), [
    '2026-03-07T02:30:00-05:00',
    '2026-03-08T03:30:00-04:00',
    '2026-03-09T02:30:00-04:00',
  ])
  const fold = new Schedule('2026-10-24T02:30:00+02:00', { every: 1, unit: 'days' })
  assert.deepEqual(first(fold, 3), [
    '2026-10-24T02:30:00+02:00',
    '2026-10-25T02:30:00+02:00',
    '2026-10-26T02:30:00+01:00',
  ])
})

test('every 2 hours from 2026-03-29 00:00 Brussels: 03:00 next (2 real hours)', () => {
  const twoHourly = new Schedule('2026-03-29T00:00:00+01:00', { every: 2, unit: 'hours' })
  assert.equal(twoHourly.nextAfter('2026-03-29T00:00:00+01:00'), '2026-03-29T03:00:00+02:00')
  assert.deepEqual(first(twoHourly, 3), [
    '2026-03-29T00:00:00+01:00',
    '2026-03-29T03:00:00+02:00',
    '2026-03-29T05:00:00+02:00',
  ])
  // Every hour on the fall-back day: 02:00 happens twice, and both are occurrences.
  const hourly = new Schedule('2026-10-24T23:00:00Z', { every: 1, unit: 'hours' })
  assert.deepEqual(first(hourly, 5), [
    '2026-10-25T01:00:00+02:00',
    '2026-10-25T02:00:00+02:00',
    '2026-10-25T02:00:00+01:00',
    '2026-10-25T03:00:00+01:00',
    '2026-10-25T04:00:00+01:00',
  ])
})

test('monthly from 31 January 2026: 28 February, 31 March, 30 April (no drift); weeks are 7 days', () => {
  const monthly = new Schedule('2026-01-31T10:00:00+01:00', { every: 1, unit: 'months' })
  assert.deepEqual(first(monthly, 5), [
    '2026-01-31T10:00:00+01:00',
    '2026-02-28T10:00:00+01:00',
    '2026-03-31T10:00:00+02:00',
    '2026-04-30T10:00:00+02:00',
    '2026-05-31T10:00:00+02:00',
  ])
  const yearly = new Schedule('2024-02-29T11:00:00Z', { every: 12, unit: 'months' })
  assert.deepEqual(
    first(yearly, 5).map((t) => t.slice(0, 10)),
    ['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29'],
  )
  const fortnightly = new Schedule('2026-03-20T09:00:00+01:00', { every: 2, unit: 'weeks' })
  assert.deepEqual(first(fortnightly, 3), [
    '2026-03-20T09:00:00+01:00',
    '2026-04-03T09:00:00+02:00',
    '2026-04-17T09:00:00+02:00',
  ])
})

test('the stop is inclusive', () => {
  const stopped = new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days', stop: '2026-01-03T08:00:00Z' })
  assert.deepEqual(first(stopped, 10), [
    '2026-01-01T09:00:00+01:00',
    '2026-01-02T09:00:00+01:00',
    '2026-01-03T09:00:00+01:00',
  ])
  assert.equal(stopped.nextAfter('2026-01-02T08:00:00Z'), '2026-01-03T09:00:00+01:00')
  assert.equal(stopped.nextAfter('2026-01-03T08:00:00Z'), null)
  assert.equal(stopped.isFinished('2026-01-03T08:00:00Z'), true)
  assert.equal(stopped.isFinished('2026-01-02T08:00:00Z'), false)
  assert.equal(stopped.countUntil('2030-01-01T00:00:00Z'), 3)
  assert.equal(stopped.stop, '2026-01-03T09:00:00+01:00')
  // A stop equal to the start is allowed: one occurrence.
  assert.deepEqual(first(new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days', stop: '2026-01-01T08:00:00Z' }), 3), [
    '2026-01-01T09:00:00+01:00',
  ])
})

test('the count includes the first date', () => {
  const counted = new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days', count: 2 })
  assert.deepEqual(first(counted, 10), ['2026-01-01T09:00:00+01:00', '2026-01-02T09:00:00+01:00'])
  assert.equal(counted.countUntil('2030-01-01T00:00:00Z'), 2)
  assert.equal(counted.isFinished('2026-01-02T08:00:00Z'), true)
  assert.equal(counted.count, 2)
})

test('a one-shot schedule', () => {
  const once = new Schedule('2026-12-01T08:00:00Z')
  assert.equal(once.nextAfter('2026-12-01T07:59:59Z'), '2026-12-01T09:00:00+01:00')
  assert.equal(once.nextAfter('2026-12-01T08:00:00Z'), null)
  assert.equal(once.occurrence(1), null)
  assert.deepEqual(once.between('2026-12-01T08:00:00Z', '2026-12-01T08:00:00Z'), ['2026-12-01T09:00:00+01:00'])
  assert.equal(once.countUntil('2026-12-01T08:00:00Z'), 1)
  assert.equal(once.countUntil('2026-11-30T08:00:00Z'), 0)
  assert.equal(once.every, null)
  assert.equal(once.unit, null)
  assert.equal(once.stop, null)
  assert.equal(once.count, null)
  assert.equal(once.tz, 'Europe/Brussels')
})

test('nextAfter is strict and between includes both ends (empty when reversed)', () => {
  const daily = new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days' })
  assert.equal(daily.nextAfter('2026-01-02T08:00:00Z'), '2026-01-03T09:00:00+01:00')
  assert.equal(daily.nextAfter('2026-01-02T07:59:59.999Z'), '2026-01-02T09:00:00+01:00')
  assert.deepEqual(daily.between('2026-01-02T08:00:00Z', '2026-01-04T08:00:00Z'), [
    '2026-01-02T09:00:00+01:00',
    '2026-01-03T09:00:00+01:00',
    '2026-01-04T09:00:00+01:00',
  ])
  assert.deepEqual(daily.between('2026-01-04T08:00:00Z', '2026-01-02T08:00:00Z'), [])
  assert.equal(daily.occurrence(0), '2026-01-01T09:00:00+01:00')
  assert.equal(daily.occurrence(365), '2027-01-01T09:00:00+01:00')
})

test('a daily schedule started 2016-11-30T08:00Z, queried at 2026-11-30T10:00Z', () => {
  const daily = new Schedule('2016-11-30T08:00:00Z', { every: 1, unit: 'days' })
  const now = new Date('2026-11-30T10:00:00Z')
  assert.equal(daily.nextAfter(now), '2026-12-01T09:00:00+01:00')
  assert.equal(new Date(daily.nextAfter(now)).toISOString(), '2026-12-01T08:00:00.000Z')
  assert.equal(daily.countUntil(now), 3653)
  const threeHourly = new Schedule('2016-11-30T08:00:00Z', { every: 3, unit: 'hours' })
  assert.equal(threeHourly.nextAfter(now), '2026-11-30T12:00:00+01:00')
})

test('between throws schedule.too_many_occurrences past limit (default 10,000), never a shortened list', () => {
  const hourly = new Schedule('2026-01-01T00:00:00Z', { every: 1, unit: 'hours', tz: 'UTC' })
  // Exactly the default limit is answered in full.
  const all = hourly.between('2026-01-01T00:00:00Z', hourly.occurrence(9_999))
  assert.equal(all.length, 10_000)
  assert.equal(all[0], '2026-01-01T00:00:00+00:00')
  assert.equal(all[9_999], hourly.occurrence(9_999))
  // One more is refused, with the core's message.
  const error = throwsCode(() => hourly.between('2026-01-01T00:00:00Z', hourly.occurrence(10_000)), 'schedule.too_many_occurrences')
  assert.ok(error.message.includes('more than 10000 occurrences'), error.message)
  throwsCode(() => hourly.between('2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z'), 'schedule.too_many_occurrences')
  const two = throwsCode(() => hourly.between('2026-01-01T00:00:00Z', FAR_FUTURE, 2), 'schedule.too_many_occurrences')
  assert.ok(two.message.includes('more than 2 occurrences'), two.message)
  assert.deepEqual(hourly.between('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 2), [
    '2026-01-01T00:00:00+00:00',
    '2026-01-01T01:00:00+00:00',
  ])
  throwsCode(() => hourly.between('2026-01-01T00:00:00Z', FAR_FUTURE, 0), 'schedule.too_many_occurrences')
  assert.deepEqual(hourly.between('2026-01-01T00:30:00Z', '2026-01-01T00:40:00Z', 0), [])
  assert.deepEqual(hourly.between(FAR_FUTURE, '2026-01-01T00:00:00Z', 0), [])
  assert.equal(hourly.between('2026-01-01T00:00:00Z', '2026-01-01T05:00:00Z', null).length, 6)
  assert.equal(hourly.between('2026-01-01T00:00:00Z', '2026-01-01T05:00:00Z', undefined).length, 6)
  // Stepping on from the last one returned, as the error suggests.
  const next = hourly.between(hourly.nextAfter(all[9_999]), hourly.occurrence(10_000), 1)
  assert.deepEqual(next, [hourly.occurrence(10_000)])
  throwsCode(() => hourly.between(FAR_PAST, FAR_FUTURE, -1), 'InvalidArg')
  throwsCode(() => hourly.between(FAR_PAST, FAR_FUTURE, 1.5), 'InvalidArg')
})

test('inputs: Date or ISO 8601 strings with an offset, all the same instant', () => {
  const daily = new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days' })
  const expected = '2026-01-03T09:00:00+01:00'
  for (const t of [
    new Date('2026-01-02T08:00:00Z'),
    '2026-01-02T08:00:00Z',
    '2026-01-02T08:00:00.000Z',
    '2026-01-02T09:00:00+01:00',
    '2026-01-02T09:00+01:00',
    '2026-01-02T03:00:00-05:00',
    '2026-01-02 09:00:00+0100',
    '2026-01-02T09:00:00+01',
  ]) {
    assert.equal(daily.nextAfter(t), expected, String(t))
  }
  // Fractional seconds are kept.
  assert.equal(new Schedule('2026-01-01T08:00:00.250Z').start, '2026-01-01T09:00:00.250+01:00')
})

test('outputs carry the offset of the schedule zone', () => {
  const newYork = new Schedule('2026-07-01T10:00:00Z', { tz: 'America/New_York' })
  assert.equal(newYork.start, '2026-07-01T06:00:00-04:00')
  assert.equal(newYork.tz, 'America/New_York')
  assert.equal(new Schedule('2026-07-01T10:00:00Z', { tz: 'Asia/Kolkata' }).start, '2026-07-01T15:30:00+05:30')
})

test('getters', () => {
  const schedule = new Schedule('2026-01-31T10:00:00+01:00', {
    every: 1,
    unit: 'Months',
    stop: '2027-01-31T10:00:00+01:00',
    count: 12,
    tz: 'Europe/Brussels',
  })
  assert.equal(schedule.start, '2026-01-31T10:00:00+01:00')
  assert.equal(schedule.every, 1)
  assert.equal(schedule.unit, 'months')
  assert.equal(schedule.stop, '2027-01-31T10:00:00+01:00')
  assert.equal(schedule.count, 12)
  assert.equal(schedule.tz, 'Europe/Brussels')
  // null options are absent options.
  const once = new Schedule('2026-01-31T09:00:00Z', { every: null, unit: null, stop: null, count: null, tz: null })
  assert.equal(once.every, null)
  assert.equal(once.tz, 'Europe/Brussels')
  assert.equal(new Schedule('2026-01-31T09:00:00Z', null).every, null)
})

test('JSON: the exact stable form and a round trip', () => {
  const schedule = new Schedule('2026-01-31T09:00:00Z', { every: 1, unit: 'months', count: 12 })
  const json = schedule.toJson()
  assert.equal(
    json,
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}',
  )
  const restored = Schedule.fromJson(json)
  assert.ok(restored instanceof Schedule)
  assert.ok(restored.equals(schedule))
  assert.equal(restored.toJson(), json)
  assert.deepEqual(first(restored, 4), first(schedule, 4))
  assert.equal(schedule.equals(new Schedule('2026-01-31T09:00:00Z', { every: 1, unit: 'months', count: 11 })), false)
  const stopped = new Schedule('2026-01-01T09:00:00+01:00', { stop: '2026-02-01T00:00:00+01:00', tz: 'UTC' })
  assert.equal(
    stopped.toJson(),
    '{"start":"2026-01-01T08:00:00Z","zone":"UTC","repeat":null,"stop":"2026-01-31T23:00:00Z","count":null}',
  )
  assert.ok(Schedule.fromJson(stopped.toJson()).equals(stopped))
})

test('JSON that is not a schedule throws InvalidArg naming the problem', () => {
  for (const bad of [
    'not json',
    '{}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":0,"unit":"days"},"stop":null,"count":null}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Mars/Base","repeat":null,"stop":null,"count":null}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":"2026-01-01T00:00:00Z","count":null}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":null,"count":0}',
    '{"start":"2026-01-31T09:00:00","zone":"Europe/Brussels","repeat":null,"stop":null,"count":null}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":null,"count":null,"extra":1}',
  ]) {
    const error = throwsCode(() => Schedule.fromJson(bad), 'InvalidArg')
    assert.match(error.message, /^schedule JSON: /, bad)
  }
})

test('errors: every 0, count 0, unknown unit, stop before start, unknown zone', () => {
  const start = '2026-01-01T08:00:00Z'
  for (const every of [0, -1, 2 ** 32]) {
    const error = throwsCode(() => new Schedule(start, { every, unit: 'days' }), 'schedule.invalid_interval')
    assert.match(error.message, /^every: /)
  }
  throwsCode(() => new Schedule(start, { count: 0 }), 'schedule.invalid_count')
  throwsCode(() => new Schedule(start, { every: 1, unit: 'days', count: -3 }), 'schedule.invalid_count')
  assert.match(
    throwsCode(() => new Schedule(start, { every: 1, unit: 'fortnights' }), 'schedule.unknown_unit').message,
    /"fortnights"/,
  )
  assert.match(
    throwsCode(() => new Schedule(start, { stop: '2025-12-31T08:00:00Z' }), 'schedule.stop_before_start').message,
    /2025-12-31/,
  )
  assert.match(throwsCode(() => new Schedule(start, { tz: 'Mars/Base' }), 'time.unknown_zone').message, /Mars\/Base/)
})

test('errors: a string without an offset is time.not_zone_aware, wherever an instant goes', () => {
  const daily = new Schedule('2026-01-01T08:00:00Z', { every: 1, unit: 'days' })
  for (const naive of ['2026-01-02T09:00:00', '2026-01-02T09:00', '2026-01-02 09:00:00.5', '2026-01-02']) {
    const error = throwsCode(() => new Schedule(naive), 'time.not_zone_aware')
    assert.match(error.message, /^start: /)
    assert.ok(error.message.includes(naive))
    throwsCode(() => new Schedule('2026-01-01T08:00:00Z', { stop: naive }), 'time.not_zone_aware')
    throwsCode(() => daily.nextAfter(naive), 'time.not_zone_aware')
    throwsCode(() => daily.between(naive, '2026-02-01T00:00:00Z'), 'time.not_zone_aware')
    throwsCode(() => daily.between('2026-01-01T00:00:00Z', naive), 'time.not_zone_aware')
    throwsCode(() => daily.countUntil(naive), 'time.not_zone_aware')
    throwsCode(() => daily.isFinished(naive), 'time.not_zone_aware')
  }
})

test('errors: wrong shapes throw InvalidArg naming the argument', () => {
  const start = '2026-01-01T08:00:00Z'
  const cases = [
    [() => new Schedule('not a date'), /^start: /],
    [() => new Schedule(new Date(Number.NaN)), /^start: an invalid Date/],
    [() => new Schedule(1_767_254_400_000), /^start: expected a Date or an ISO 8601/],
    [() => new Schedule(), /^start: /],
    [() => new Schedule(start, 'days'), /^options: /],
    [() => new Schedule(start, { every: 1 }), /^unit: /],
    [() => new Schedule(start, { unit: 'days' }), /^every: /],
    [() => new Schedule(start, { every: 1.5, unit: 'days' }), /^every: /],
    [() => new Schedule(start, { every: '1', unit: 'days' }), /^every: expected a number/],
    [() => new Schedule(start, { every: 1, unit: 1 }), /^unit: expected a string/],
    [() => new Schedule(start, { count: 2.5 }), /^count: /],
    [() => new Schedule(start, { stop: 5 }), /^stop: /],
    [() => new Schedule(start, { tz: 5 }), /^tz: /],
    [() => new Schedule(start, { zone: 'UTC' }), /unknown option "zone"/],
    [() => new Schedule(start).occurrence(-1), /^index: /],
    [() => new Schedule(start).occurrence(0.5), /^index: /],
  ]
  for (const [fn, message] of cases) {
    assert.match(throwsCode(fn, 'InvalidArg').message, message)
  }
})

test('an exception thrown by an option getter reaches the caller unchanged', () => {
  const thrown = new RangeError('no every for you')
  assert.throws(
    () => new Schedule('2026-01-01T08:00:00Z', { get every() { throw thrown }, unit: 'days' }),
    (error) => error === thrown,
  )
  // The binding keeps working.
  assert.equal(new Schedule('2026-01-01T08:00:00Z').tz, 'Europe/Brussels')
})

test('Schedule is a class: new is required, instanceof and subclasses work', () => {
  assert.throws(() => Schedule('2026-01-01T08:00:00Z'), TypeError)
  assert.equal(globalThis.nextAfter, undefined)
  class Tagged extends Schedule {
    tag() {
      return `${this.unit}@${this.start}`
    }
  }
  const tagged = new Tagged('2026-01-01T08:00:00Z', { every: 1, unit: 'weeks' })
  assert.ok(tagged instanceof Tagged && tagged instanceof Schedule)
  assert.equal(tagged.tag(), 'weeks@2026-01-01T09:00:00+01:00')
  assert.ok(Schedule.fromJson(tagged.toJson()).equals(tagged))
  throwsCode(() => tagged.equals({}), 'InvalidArg')
})

test('inputs at the ends of the supported range give plain answers (in a child process: a panic would not abort the run)', () => {
  // Far ends of the supported range: no panic, plain answers.
  const script = `
    const { Schedule } = require(${JSON.stringify(new URL('../index.js', import.meta.url).pathname)})
    const s = new Schedule('+262142-12-31T00:00:00Z', { every: 4294967295, unit: 'months' })
    const out = [s.occurrence(1), s.occurrence(Number.MAX_SAFE_INTEGER), s.nextAfter('2026-01-01T00:00:00Z'),
      s.between('-262143-01-02T00:00:00Z', '+262142-12-31T23:59:59Z').length, s.isFinished('+262142-12-31T00:00:00Z')]
    process.stdout.write(JSON.stringify(out))
  `
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  assert.equal(child.signal, null, `child killed by ${child.signal}; stderr: ${child.stderr}`)
  assert.equal(child.status, 0, `stderr: ${child.stderr}`)
  assert.deepEqual(JSON.parse(child.stdout), [null, null, '+262142-12-31T01:00:00+01:00', 1, true])
})
