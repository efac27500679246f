// Type-level usage of the generated index.d.ts, checked by `tsc --strict --noEmit -p test/tsconfig.json`.
// Not run: it only has to type-check (and `@ts-expect-error` lines must stay errors).
import { analyzeSms, nowIn } from '../index.js'
import type { AnalyzeSmsOptions, NonGsmChar, Replacement, SmsAnalysis, UserData } from '../index.js'

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
]
