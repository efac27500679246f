// RRULE schedules (envoi::schedule::Schedule::from_rrule) through Node: Schedule.fromRrule, the
// rrule getter, the schedule.* errors of the rule and of its queries, and the JSON form.
// Expectations from the core's tests/schedule_rrule.rs.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Schedule } from '../index.js'
import { throwsCode } from './helpers.mjs'

const FAR_PAST = '1900-01-01T00:00:00Z'
const FAR_FUTURE = '2100-01-01T00:00:00Z'

test('monthly on the 31st with SKIP=BACKWARD: the last day of February, 10:00 Brussels', () => {
  const monthly = Schedule.fromRrule('FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD', '2026-01-31T09:00:00Z')
  assert.ok(monthly instanceof Schedule)
  assert.equal(monthly.start, '2026-01-31T10:00:00+01:00')
  const next = monthly.nextAfter(monthly.start)
  assert.equal(next, '2026-02-28T10:00:00+01:00')
  assert.equal(new Date(next).toISOString(), '2026-02-28T09:00:00.000Z')
  assert.deepEqual([0, 1, 2, 3].map((i) => monthly.occurrence(i)), [
    '2026-01-31T10:00:00+01:00',
    '2026-02-28T10:00:00+01:00',
    '2026-03-31T10:00:00+02:00',
    '2026-04-30T10:00:00+02:00',
  ])
  assert.equal(monthly.tz, 'Europe/Brussels')
  assert.equal(monthly.rrule, 'FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD')
  // Not a simple repeat: those getters stay null.
  assert.equal(monthly.every, null)
  assert.equal(monthly.unit, null)
  assert.equal(monthly.stop, null)
  assert.equal(monthly.count, null)
})

test('hourly from 00:00 Brussels on 29 March 2026, COUNT=5: 00, 01, 03, 04, 05 (the gap instant once)', () => {
  const hourly = Schedule.fromRrule('FREQ=HOURLY;COUNT=5', '2026-03-28T23:00:00Z', 'Europe/Brussels')
  const expected = [
    '2026-03-29T00:00:00+01:00',
    '2026-03-29T01:00:00+01:00',
    '2026-03-29T03:00:00+02:00',
    '2026-03-29T04:00:00+02:00',
    '2026-03-29T05:00:00+02:00',
  ]
  assert.deepEqual(hourly.between(FAR_PAST, FAR_FUTURE), expected)
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => hourly.occurrence(i)), [...expected, null])
  assert.equal(hourly.countUntil(FAR_FUTURE), 5)
  assert.equal(hourly.nextAfter('2026-03-29T01:00:00+01:00'), '2026-03-29T03:00:00+02:00')
  assert.equal(hourly.isFinished('2026-03-29T05:00:00+02:00'), true)
  assert.equal(hourly.isFinished('2026-03-29T04:00:00+02:00'), false)
})

test('a date-time or Date start and a tz, as for the constructor', () => {
  const daily = Schedule.fromRrule('RRULE:FREQ=DAILY;COUNT=3', new Date('2026-03-07T07:30:00Z'), 'America/New_York')
  assert.equal(daily.tz, 'America/New_York')
  assert.deepEqual(daily.between(FAR_PAST, FAR_FUTURE), [
    '2026-03-07T02:30:00-05:00',
    '2026-03-08T03:30:00-04:00',
    '2026-03-09T02:30:00-04:00',
  ])
  // tz null or undefined: Europe/Brussels.
  assert.equal(Schedule.fromRrule('FREQ=DAILY', '2026-01-01T08:00:00Z', null).tz, 'Europe/Brussels')
  assert.equal(Schedule.fromRrule('FREQ=DAILY', '2026-01-01T08:00:00Z', undefined).tz, 'Europe/Brussels')
})

test('EXDATE and RDATE lines', () => {
  const text = 'RRULE:FREQ=DAILY;COUNT=3\nEXDATE:19970903T090000\nRDATE;TZID=America/New_York:19970910T120000,19970902T090000'
  const schedule = Schedule.fromRrule(text, '1997-09-02T09:00:00-04:00', 'America/New_York')
  assert.deepEqual(schedule.between(FAR_PAST, FAR_FUTURE), [
    '1997-09-02T09:00:00-04:00',
    '1997-09-04T09:00:00-04:00',
    '1997-09-10T12:00:00-04:00',
  ])
  assert.equal(schedule.rrule, text)
})

test('between includes both ends, nextAfter is strict, more than limit throws', () => {
  const daily = Schedule.fromRrule('FREQ=DAILY', '2026-01-01T08:00:00Z')
  assert.deepEqual(daily.between('2026-01-02T08:00:00Z', '2026-01-04T08:00:00Z'), [
    '2026-01-02T09:00:00+01:00',
    '2026-01-03T09:00:00+01:00',
    '2026-01-04T09:00:00+01:00',
  ])
  assert.equal(daily.between('2026-01-02T08:00:00Z', '2026-01-04T08:00:00Z', 3).length, 3)
  const error = throwsCode(() => daily.between('2026-01-02T08:00:00Z', '2026-01-04T08:00:00Z', 2), 'schedule.too_many_occurrences')
  assert.ok(error.message.includes('more than 2 occurrences'), error.message)
  assert.deepEqual(daily.between('2026-01-04T08:00:00Z', '2026-01-02T08:00:00Z'), [])
  assert.equal(daily.nextAfter('2026-01-02T08:00:00Z'), '2026-01-03T09:00:00+01:00')
  assert.equal(daily.countUntil('2026-01-10T08:00:00Z'), 10)
  assert.equal(daily.isFinished('2030-01-01T00:00:00Z'), false)
})

test('a rule that never occurs is schedule.never_occurs; a wrong one is schedule.invalid_rrule', () => {
  const start = '2026-01-01T08:00:00Z'
  const never = throwsCode(() => Schedule.fromRrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', start), 'schedule.never_occurs')
  assert.ok(never.message.includes('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'), never.message)
  for (const [text, part] of [
    ['FREQ=DAILY;COUNT=0', 'COUNT'],
    ['FREQ=FORTNIGHTLY', 'FREQ'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY'],
    ['RRULE:FREQ=DAILY\nEXDATE:yesterday', 'EXDATE'],
    ['', 'RRULE'],
  ]) {
    const error = throwsCode(() => Schedule.fromRrule(text, start), 'schedule.invalid_rrule')
    assert.ok(error.message.startsWith(`rrule: ${part} `), `${text}: ${error.message}`)
  }
})

test('a query past 100,000 candidates throws schedule.too_expensive, naming the rule', () => {
  // With COUNT every query counts from the first date: two days of seconds is past the bound.
  const secondly = Schedule.fromRrule('FREQ=SECONDLY;COUNT=1000000', '2026-01-01T00:00:00Z')
  const twoDaysLater = '2026-01-03T00:00:00Z'
  const error = throwsCode(() => secondly.nextAfter(twoDaysLater), 'schedule.too_expensive')
  assert.ok(error.message.includes('FREQ=SECONDLY;COUNT=1000000'), error.message)
  // Without a count the expansion starts near the query, however old the schedule.
  const uncounted = Schedule.fromRrule('FREQ=SECONDLY', '2026-01-01T00:00:00Z', 'UTC')
  assert.equal(uncounted.nextAfter(twoDaysLater), '2026-01-03T00:00:01+00:00')
  assert.ok(error.message.includes('100000'), error.message)
  throwsCode(() => secondly.countUntil(twoDaysLater), 'schedule.too_expensive')
  throwsCode(() => secondly.isFinished(twoDaysLater), 'schedule.too_expensive')
  throwsCode(() => secondly.between(twoDaysLater, '2026-01-04T00:00:00Z'), 'schedule.too_expensive')
  throwsCode(() => secondly.occurrence(200_000), 'schedule.too_expensive')
  // Close to the start, the same rule answers; between is bounded per step, not in total.
  assert.equal(secondly.nextAfter('2026-01-01T00:00:10Z'), '2026-01-01T01:00:11+01:00')
  const minutely = Schedule.fromRrule('FREQ=MINUTELY', '2026-01-01T00:00:00Z', 'UTC')
  assert.equal(minutely.between('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', 200_000).length, 90 * 24 * 60 + 1)
})

test('JSON: the rrule form round-trips; a simple schedule has no rrule', () => {
  const text = 'RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD\nEXDATE:20260228T090000Z'
  const schedule = Schedule.fromRrule(text, '2026-01-31T09:00:00Z')
  const json = schedule.toJson()
  assert.equal(
    json,
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","rrule":"RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD\\nEXDATE:20260228T090000Z"}',
  )
  const restored = Schedule.fromJson(json)
  assert.ok(restored instanceof Schedule)
  assert.ok(restored.equals(schedule))
  assert.equal(restored.rrule, text)
  assert.equal(restored.toJson(), json)
  assert.equal(restored.nextAfter('2026-01-31T09:00:00Z'), '2026-03-31T10:00:00+02:00')
  assert.equal(schedule.equals(Schedule.fromRrule('FREQ=MONTHLY', '2026-01-31T09:00:00Z')), false)
  // The same days as a simple monthly schedule, but not the same schedule.
  assert.equal(schedule.equals(new Schedule('2026-01-31T09:00:00Z', { every: 1, unit: 'months' })), false)

  const simple = new Schedule('2026-01-31T09:00:00Z', { every: 1, unit: 'months' })
  assert.equal(simple.rrule, null)
  assert.equal(new Schedule('2026-01-31T09:00:00Z').rrule, null)
  assert.equal(
    simple.toJson(),
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":null}',
  )
  // A bad rule or a rule with a repeat in JSON: InvalidArg, as any JSON that is not a schedule.
  for (const bad of [
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","rrule":"FREQ=DAILY;COUNT=0"}',
    '{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"days"},"rrule":"FREQ=DAILY"}',
  ]) {
    assert.match(throwsCode(() => Schedule.fromJson(bad), 'InvalidArg').message, /^schedule JSON: /, bad)
  }
})

test('errors of the arguments: zone, offset-less start, wrong types', () => {
  throwsCode(() => Schedule.fromRrule('FREQ=DAILY', '2026-01-01T08:00:00Z', 'Mars/Base'), 'time.unknown_zone')
  assert.match(
    throwsCode(() => Schedule.fromRrule('FREQ=DAILY', '2026-01-01T09:00:00'), 'time.not_zone_aware').message,
    /^start: /,
  )
  assert.match(throwsCode(() => Schedule.fromRrule('FREQ=DAILY', 5), 'InvalidArg').message, /^start: /)
  assert.throws(() => Schedule.fromRrule(5, '2026-01-01T08:00:00Z'), (error) => error.code === 'StringExpected')
})
