// Type-level usage of the generated index.d.ts, checked by `tsc --strict --noEmit -p test/tsconfig.json`.
// Not run: it only has to type-check (and `@ts-expect-error` lines must stay errors).
import {
  analyzeSms, nowIn, BusinessCalendar, belgiumCalendar, weekdaysCalendar, easterSunday, holidayName,
} from '../index.js'
import type { AnalyzeSmsOptions, Holiday, NonGsmChar, Replacement, SmsAnalysis, UserData } from '../index.js'

const options: AnalyzeSmsOptions = {
  smartEncoding: true,
  languages: ['turkish', 'spanish'],
  maxParts: 3,
  reference: 4242,
  referenceBits: 16,
  userData: true,
}
const analysis: SmsAnalysis = analyzeSms('Hello 👋', options)
analyzeSms('no options')
analyzeSms('null options', null)
analyzeSms('partial options', { maxParts: 2 })

const encoding: 'gsm7' | 'ucs2' = analysis.encoding
const lockingShift: string | null = analysis.lockingShift
const singleShift: string | null = analysis.singleShift
const counts: number[] = [analysis.partCount, analysis.unitsPerPart, analysis.unitsUsed, analysis.unitsLeft]
const parts: string[] = analysis.parts
const partUnits: number[] = analysis.partUnits
const nonGsm: NonGsmChar[] = analysis.nonGsm
const firstChar: { index: number; char: string } | undefined = nonGsm[0]
const replacements: Replacement[] = analysis.replacements
const replaced: [number, string, string][] = replacements.map((r) => [r.index, r.original, r.replacement])
const text: string = analysis.text
const userData: UserData[] | null = analysis.userData
const octets: Buffer[] = (userData ?? []).map((ud) => ud.octets)
const lengths: number[] = (userData ?? []).flatMap((ud) => [ud.length, ud.headerLength])

const now: string = nowIn({ now: () => new Date() })
const nowThere: string = nowIn({ now: () => new Date() }, 'America/New_York')
class SystemClock {
  now(): Date {
    return new Date()
  }
}
nowIn(new SystemClock(), 'Europe/Brussels')

const belgium: BusinessCalendar = belgiumCalendar()
const post: BusinessCalendar = BusinessCalendar.belgium().withClosedDays(['2026-05-15'])
const both: BusinessCalendar = post.combine(weekdaysCalendar()).combine(BusinessCalendar.weekdays())
const open: boolean = belgium.isBusinessDay('2026-04-06')
const days: string[] = [
  belgium.nextBusinessDay('2026-04-03'),
  belgium.previousBusinessDay('2026-04-07'),
  belgium.thisOrNextBusinessDay('2026-04-06'),
  belgium.addBusinessDays('2026-04-03', 1),
  ...both.closedDays(),
]
const between: number = belgium.businessDaysBetween('2026-04-03', '2026-04-07')
const holidayCode: string | null = belgium.holiday('2026-04-06')
const holidays: Holiday[] = belgium.holidays(2026)
const holidayDates: [string, string][] = holidays.map((h) => [h.date, h.code])
const json: string = belgium.toJson()
const restored: BusinessCalendar = BusinessCalendar.fromJson(json)
const easter: string | null = easterSunday(2026)
const name: string = holidayName('easter_monday', 'nl')

// @ts-expect-error: days are ISO strings, not Dates
belgium.isBusinessDay(new Date())
// @ts-expect-error: the count is required
belgium.addBusinessDays('2026-04-03')
// @ts-expect-error: holiday() may return null
const notNull: string = belgium.holiday('2026-04-06')
// @ts-expect-error: withClosedDays takes an array
belgium.withClosedDays('2026-05-15')

// @ts-expect-error: the text is required
analyzeSms()
// @ts-expect-error: maxParts is a number
analyzeSms('x', { maxParts: '3' })
// @ts-expect-error: encoding is one of two names
const wrong: 'utf8' = analysis.encoding
// @ts-expect-error: a clock must have now(): Date
nowIn({ now: () => '2026-11-30T08:00:00Z' })

export const used = [
  encoding, lockingShift, singleShift, counts, parts, partUnits, firstChar, replaced, text, octets, lengths,
  now, nowThere, wrong,
  open, days, between, holidayCode, holidayDates, restored, easter, name, notNull,
]
