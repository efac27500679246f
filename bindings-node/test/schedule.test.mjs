// The business calendar (envoi::schedule) through Node: ISO "YYYY-MM-DD" strings in and out.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  BusinessCalendar,
  belgiumCalendar,
  easterSunday,
  holidayName,
  weekdaysCalendar,
} from '../index.js'
import { throwsCode } from './helpers.mjs'

/** `count` consecutive days from `first` (a "YYYY-MM-DD" string), as strings. */
function daysFrom(first, count) {
  const start = Date.parse(`${first}T00:00:00Z`)
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10))
}

const belgium = belgiumCalendar()

test('Easter Monday 2026-04-06 is a holiday and not a business day', () => {
  assert.equal(belgium.holiday('2026-04-06'), 'easter_monday')
  assert.equal(belgium.isBusinessDay('2026-04-06'), false)
  assert.equal(belgium.isBusinessDay('2026-04-07'), true)
  assert.equal(belgium.isBusinessDay('2026-04-11'), false) // a Saturday
  assert.equal(belgium.holiday('2026-04-07'), null)
  assert.equal(weekdaysCalendar().holiday('2026-04-06'), null)
  assert.equal(weekdaysCalendar().isBusinessDay('2026-04-06'), true)
})

test('Friday 2026-04-03 + 1 business day is Tuesday 2026-04-07', () => {
  assert.equal(belgium.addBusinessDays('2026-04-03', 1), '2026-04-07')
  assert.equal(belgium.addBusinessDays('2026-04-07', -1), '2026-04-03')
  assert.equal(belgium.addBusinessDays('2026-04-06', 0), '2026-04-06')
  assert.equal(belgium.addBusinessDays('2026-12-24', 1), '2026-12-28')
})

test('business days between 2026-04-03 and 2026-04-07 is 1, negative backwards', () => {
  assert.equal(belgium.businessDaysBetween('2026-04-03', '2026-04-07'), 1)
  assert.equal(belgium.businessDaysBetween('2026-04-07', '2026-04-03'), -1)
  assert.equal(belgium.businessDaysBetween('2026-04-03', '2026-04-03'), 0)
  assert.equal(belgium.businessDaysBetween('2025-12-31', '2026-12-31'), 253)
})

test('next, previous and this-or-next business day', () => {
  assert.equal(belgium.nextBusinessDay('2026-12-31'), '2027-01-04')
  assert.equal(belgium.previousBusinessDay('2027-01-04'), '2026-12-31')
  assert.equal(belgium.thisOrNextBusinessDay('2026-04-06'), '2026-04-07')
  assert.equal(belgium.thisOrNextBusinessDay('2026-04-07'), '2026-04-07')
})

test('holidays(2026) has the ten Belgian holidays in date order', () => {
  const holidays = belgium.holidays(2026)
  assert.equal(holidays.length, 10)
  assert.deepEqual(holidays[0], { date: '2026-01-01', code: 'new_year' })
  assert.deepEqual(holidays[1], { date: '2026-04-06', code: 'easter_monday' })
  assert.deepEqual(holidays[9], { date: '2026-12-25', code: 'christmas' })
  assert.deepEqual(
    holidays.map((h) => h.date),
    holidays.map((h) => h.date).toSorted(),
  )
  assert.deepEqual(weekdaysCalendar().holidays(2026), [])
})

test('holiday names in fr, nl, de and en; unknown code or language is InvalidArg', () => {
  assert.equal(holidayName('easter_monday', 'fr'), 'Lundi de Pâques')
  assert.equal(holidayName('easter_monday', 'nl'), 'Paasmaandag')
  assert.equal(holidayName('national_day', 'de'), 'Nationalfeiertag')
  assert.equal(holidayName('national_day', 'en'), 'National Day')
  for (const { code } of belgium.holidays(2026)) {
    assert.ok(holidayName(code, 'en').length > 0)
  }
  assert.match(throwsCode(() => holidayName('carnival', 'fr'), 'InvalidArg').message, /carnival/)
  assert.match(throwsCode(() => holidayName('christmas', 'es'), 'InvalidArg').message, /"es"/)
})

test('easterSunday', () => {
  assert.equal(easterSunday(2026), '2026-04-05')
  assert.equal(easterSunday(2038), '2038-04-25')
  assert.equal(easterSunday(2 ** 31 - 1), null)
  throwsCode(() => easterSunday(2026.5), 'InvalidArg')
  throwsCode(() => easterSunday(2 ** 40), 'InvalidArg')
})

test('withClosedDays and combine return new calendars', () => {
  const post = belgium.withClosedDays(['2026-05-15'])
  assert.equal(post.addBusinessDays('2026-05-13', 1), '2026-05-18')
  assert.equal(belgium.addBusinessDays('2026-05-13', 1), '2026-05-15') // unchanged
  assert.deepEqual(post.closedDays(), ['2026-05-15'])
  assert.deepEqual(belgium.closedDays(), [])

  const production = belgiumCalendar().withClosedDays(['2026-12-28'])
  const delivery = BusinessCalendar.belgium().withClosedDays(['2026-12-29'])
  const both = production.combine(delivery)
  assert.equal(both.nextBusinessDay('2026-12-25'), '2026-12-30')
  assert.equal(production.nextBusinessDay('2026-12-25'), '2026-12-29')
  assert.deepEqual(both.closedDays(), ['2026-12-28', '2026-12-29'])

  // Holiday rules combine too: weekdays + Belgium closes on Belgian holidays.
  const combined = weekdaysCalendar().combine(belgium)
  assert.equal(combined.isBusinessDay('2026-04-06'), false)
  assert.equal(combined.toJson(), belgium.toJson())
})

test('a calendar closed for 400 consecutive days: schedule.no_business_day', () => {
  const closed = belgium.withClosedDays(daysFrom('2026-01-02', 400))
  const error = throwsCode(() => closed.nextBusinessDay('2026-01-01'), 'schedule.no_business_day')
  assert.match(error.message, /no business day/)
  throwsCode(() => closed.addBusinessDays('2026-01-01', 1), 'schedule.no_business_day')
  throwsCode(() => closed.thisOrNextBusinessDay('2026-01-02'), 'schedule.no_business_day')
  throwsCode(() => closed.previousBusinessDay('2027-02-07'), 'schedule.no_business_day')
  assert.equal(closed.previousBusinessDay('2027-02-09'), '2027-02-08') // just after the stretch
  // The calendar still answers questions that do not cross the closed stretch.
  assert.equal(closed.isBusinessDay('2026-01-02'), false)
})

test('a result past the last supported date: schedule.date_out_of_range', () => {
  const last = '+262142-12-31'
  assert.equal(weekdaysCalendar().isBusinessDay(last), true) // the last date parses
  const error = throwsCode(() => belgium.nextBusinessDay(last), 'schedule.date_out_of_range')
  assert.match(error.message, /262142/)
  throwsCode(() => belgium.addBusinessDays('2026-01-01', 2 ** 53 - 1), 'schedule.date_out_of_range')
  throwsCode(() => belgium.addBusinessDays('2026-01-01', -(2 ** 40)), 'schedule.date_out_of_range')
  // Years outside 0000-9999 round-trip in ISO 8601's expanded form.
  assert.equal(belgium.nextBusinessDay('+10000-01-01'), '+10000-01-03')
  assert.equal(belgium.previousBusinessDay('0000-01-03'), '-0001-12-31')
})

test('JSON round trip, in the core serde form', () => {
  const calendar = belgium.withClosedDays(['2026-05-15', '2026-05-14'])
  const json = calendar.toJson()
  assert.equal(json, '{"holidays":["belgium"],"closed_days":["2026-05-14","2026-05-15"]}')
  const back = BusinessCalendar.fromJson(json)
  assert.ok(back instanceof BusinessCalendar)
  assert.equal(back.toJson(), json)
  assert.equal(back.addBusinessDays('2026-05-13', 1), '2026-05-18')
  assert.equal(weekdaysCalendar().toJson(), '{"holidays":[],"closed_days":[]}')
  assert.equal(BusinessCalendar.fromJson('{"holidays":[],"closed_days":[]}').isBusinessDay('2026-04-06'), true)
})

test('a bad JSON is InvalidArg naming the problem', () => {
  assert.match(throwsCode(() => BusinessCalendar.fromJson('{'), 'InvalidArg').message, /calendar JSON: .*EOF/)
  assert.match(
    throwsCode(() => BusinessCalendar.fromJson('{"holidays":[],"closed_days":[],"extra":1}'), 'InvalidArg').message,
    /unknown field `extra`/,
  )
  assert.match(
    throwsCode(() => BusinessCalendar.fromJson('{"holidays":["france"],"closed_days":[]}'), 'InvalidArg').message,
    /france/,
  )
  throwsCode(() => BusinessCalendar.fromJson('{"holidays":[],"closed_days":["2026-02-30"]}'), 'InvalidArg')
})

test('dates must be ISO "YYYY-MM-DD" strings: a Date or a malformed string is InvalidArg', () => {
  const dateError = throwsCode(() => belgium.isBusinessDay(new Date('2026-04-06T00:00:00Z')), 'InvalidArg')
  assert.match(dateError.message, /got a Date/)
  assert.match(dateError.message, /time zone/)
  for (const bad of ['2026-4-6', '2026-04-06T00:00:00Z', '2026-02-30', '26-04-06', '', ' 2026-04-06', '20260406', '2026-13-01']) {
    const error = throwsCode(() => belgium.isBusinessDay(bad), 'InvalidArg')
    assert.match(error.message, /ISO date/, bad)
  }
  assert.match(throwsCode(() => belgium.isBusinessDay(20260406), 'InvalidArg').message, /type number/)
  assert.match(throwsCode(() => belgium.businessDaysBetween('2026-04-03', null), 'InvalidArg').message, /^b: /)
  assert.match(
    throwsCode(() => belgium.withClosedDays(['2026-05-15', 'tomorrow']), 'InvalidArg').message,
    /days\[1\]: "tomorrow"/,
  )
  throwsCode(() => belgium.addBusinessDays('2026-04-03', 1.5), 'InvalidArg')
  throwsCode(() => belgium.addBusinessDays('2026-04-03', Number.NaN), 'InvalidArg')
  throwsCode(() => belgium.addBusinessDays('2026-04-03', 2 ** 53), 'InvalidArg')
})

test('a calendar is built by its factories, not with new', () => {
  assert.throws(() => new BusinessCalendar())
  assert.ok(BusinessCalendar.weekdays() instanceof BusinessCalendar)
  assert.ok(belgiumCalendar() instanceof BusinessCalendar)
})
