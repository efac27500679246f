// Type-level usage of the generated index.d.ts, checked by `tsc --strict --noEmit -p test/tsconfig.json`.
// Not run: it only has to type-check (and `@ts-expect-error` lines must stay errors).
import {
  analyzeSms, nowIn, BusinessCalendar, belgiumCalendar, weekdaysCalendar, easterSunday, holidayName, Schedule, Ledger,
  BlockPlan, monthlyStatement, vat, invoice, tracking, post as letters, contacts, templates, senders, security,
  account as accounts, billing,
} from '../index.js'
import type {
  AnalyzeSmsOptions, Holiday, NonGsmChar, Replacement, ScheduleOptions, SmsAnalysis, UserData,
  Adjustment, Balance, CreditEntry, LedgerOptions, Lot, LotSource, Notices, Order, Reservation, ReservedUnits, Settled,
  StatementLine,
  BillableItem, BlockPeriod, BlockPlanOptions, Money, MonthlyStatement, MonthlyStatementOptions, UsageRecord,
} from '../index.js'

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

const scheduleOptions: ScheduleOptions = {
  every: 1,
  unit: 'months',
  stop: new Date('2027-01-31T09:00:00Z'),
  count: 12,
  tz: 'Europe/Brussels',
}
const monthly: Schedule = new Schedule('2026-01-31T10:00:00+01:00', scheduleOptions)
const once: Schedule = new Schedule(new Date())
new Schedule('2026-01-31T09:00:00Z', null)
new Schedule('2026-01-31T09:00:00Z', { every: 2, unit: 'hours', stop: '2026-02-01T00:00:00Z', tz: null })
const occurrences: string[] = monthly.between('2026-01-01T00:00:00Z', new Date(), 100)
const allUpTo: string[] = monthly.between(new Date(0), '2027-01-01T00:00:00Z')
const next: string | null = monthly.nextAfter(new Date())
const nth: string | null = monthly.occurrence(3)
const untilNow: number = monthly.countUntil('2026-06-01T00:00:00+02:00')
const finished: boolean = once.isFinished(new Date())
const scheduleStart: string = monthly.start
const scheduleTz: string = monthly.tz
const every: number | null = monthly.every
const unit: 'hours' | 'days' | 'weeks' | 'months' | null = monthly.unit
const stop: string | null = monthly.stop
const count: number | null = monthly.count
const scheduleJson: string = monthly.toJson()
const sameSchedule: boolean = Schedule.fromJson(scheduleJson).equals(monthly)
const ruled: Schedule = Schedule.fromRrule('RRULE:FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD', '2026-01-31T09:00:00Z')
Schedule.fromRrule('FREQ=DAILY', new Date(), 'UTC')
Schedule.fromRrule('FREQ=DAILY', new Date(), null)
const rrule: string | null = ruled.rrule

// @ts-expect-error: the unit is one of four names
new Schedule('2026-01-31T09:00:00Z', { every: 1, unit: 'fortnights' })
// @ts-expect-error: the zone option is called tz
new Schedule('2026-01-31T09:00:00Z', { zone: 'UTC' })
// @ts-expect-error: the start is a Date or an ISO string, not a number
new Schedule(1_767_254_400_000)
// @ts-expect-error: nextAfter may return null
const notNullNext: string = monthly.nextAfter(new Date())
// @ts-expect-error: getters are read-only
monthly.count = 3
// @ts-expect-error: rrule may be null
const notNullRrule: string = ruled.rrule
// @ts-expect-error: fromRrule needs the text and the start
Schedule.fromRrule('FREQ=DAILY')
// @ts-expect-error: the zone is the third argument, not an options object
Schedule.fromRrule('FREQ=DAILY', new Date(), { tz: 'UTC' })

const ledgerOptions: LedgerOptions = { tz: 'Europe/Brussels', validityMonths: 24 }
const ledger: Ledger = new Ledger(ledgerOptions)
new Ledger()
new Ledger(null)
new Ledger({ tz: null })
const order: Order = ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00')
ledger.purchase('order-2', 'email', 500, new Date(), { pending: true })
const orderStatus: 'pending' | 'active' | 'voided' = ledger.activate('order-2', new Date()).status
const orderFields: [string, string, number, number | null, string | null, string | null, boolean] = [
  order.orderId, order.kind, order.units, order.lot, order.expiresAt, order.voidedAt, order.replayed,
]
ledger.voidOrder('order-2', new Date())
const reservation: Reservation = ledger.reserve('send-1', 'sms', 3, new Date(), { timeoutS: 300 })
const reservedLots: ReservedUnits[] = reservation.lots
const reservationFields: [string, string | null, number, number] = [
  reservation.reservedAt, reservation.timesOutAt, reservedLots[0].lot, reservedLots[0].units,
]
const settled: Settled = ledger.commit('send-1', new Date(), { units: 2 })
const settledFields: [number, number, boolean] = [settled.consumed, settled.released, settled.timedOut]
ledger.release('send-2', new Date())
const consumed: Reservation = ledger.consume('send-3', 'sms', 1, new Date())
const adjustment: Adjustment = ledger.adjust('goodwill-1', 'sms', 50, 'outage', new Date(), { expiresAt: new Date() })
ledger.adjust('fix-1', 'sms', -5, 'granted twice', '2026-02-01T00:00:00Z')
const grantLot: number | null = adjustment.lot
const balance: Balance = ledger.balance('sms', new Date())
const balanceFields: number[] = [
  balance.bought, balance.granted, balance.consumed, balance.expired, balance.removed, balance.reserved, balance.available,
]
const balanceExpiry: string | null = balance.expiresAt
const lots: Lot[] = ledger.lotsAt(new Date())
const source: LotSource = lots[0].source
const sourceName: string = source.type === 'order' ? source.orderId : source.reason
const notices: Notices = ledger.noticesAt(new Date(), { sms: 100, email: 0 }, 30)
const lowKinds: string[] = notices.lowBalance.map((low) => low.kind)
const expiringAt: string[] = notices.expiring.map((soon) => soon.expiresAt)
const lines: StatementLine[] = ledger.statement('2026-01-01T00:00:00Z', new Date())
const events: ('purchase' | 'activation' | 'extension' | 'reservation' | 'commit' | 'release' | 'consumption' | 'expiry' | 'grant' | 'removal')[] =
  lines.map((line) => line.event)
const entries: CreditEntry[] = ledger.entries()
const newer: CreditEntry[] = ledger.entriesSince(3)
const orderIds: string[] = entries.flatMap((entry) => (entry.op === 'purchase' ? [entry.order_id] : []))
const rebuilt: Ledger = Ledger.fromEntries(JSON.parse(JSON.stringify(entries)) as CreditEntry[], { validityMonths: 24 })
const ledgerInfo: [string, number, number, string | null] = [
  rebuilt.tz, rebuilt.validityMonths, rebuilt.version, rebuilt.lastOperationAt,
]

// @ts-expect-error: pending is an option, not a positional argument
ledger.purchase('order-3', 'sms', 1, new Date(), true)
// @ts-expect-error: the timeout option is timeoutS
ledger.reserve('send-4', 'sms', 1, new Date(), { timeout: 300 })
// @ts-expect-error: units are a number
ledger.consume('send-5', 'sms', '3', new Date())
// @ts-expect-error: an adjustment needs its reason
ledger.adjust('fix-2', 'sms', 5, new Date())
// @ts-expect-error: the balance's expiry may be null
const notNullExpiry: string = balance.expiresAt
// @ts-expect-error: the version is read-only
ledger.version = 3
// @ts-expect-error: an entry's op is one of eight names
const badEntry: CreditEntry = { op: 'refund', key: 'k', at: '2026-01-01T00:00:00Z' }

const planOptions: BlockPlanOptions = { tz: 'Europe/Brussels' }
const plan: BlockPlan = new BlockPlan(500, '25.00', 'USD', '2026-01-31T09:00:00Z', planOptions)
new BlockPlan(500, '25', 'EUR', new Date())
new BlockPlan(500, '25', 'EUR', new Date(), null)
const ended: BlockPlan = plan.endingAt(new Date())
const fee: Money = plan.fee
const planFields: [number, string, string, string, string, string, string, string | null, boolean] = [
  plan.blockSize, fee.amount, fee.currency, plan.subscribedAt, plan.subscriptionDay, plan.tz, ended.tz, ended.end,
  ended.equals(plan),
]
const period: BlockPeriod | null = plan.period(1)
const periodFields: [number, string, string, string] | null = period && [period.index, period.start, period.end, period.firstDay]
const periodNow: BlockPeriod | null = plan.periodAt(new Date())
const lastPeriod: BlockPeriod | null = ended.lastPeriod()
const active: boolean = period !== null && plan.isActive(period)
const billed: BillableItem[] = period ? plan.bill(period, 1200) : []
const charges: ('block_fee' | 'extra_blocks' | 'usage')[] = billed.map((item) => item.charge)
const itemFields: [number | null, number | null, string | null, number, string, string, string][] = billed.map((item) => [
  item.blockSize, item.usage, item.kind, item.quantity, item.periodStart, item.periodEnd, item.billedOn,
])
const itemMoney: (Money | null)[] = billed.flatMap((item) => [item.unitPrice, item.amount])
const extra: number = plan.extraBlocks(1200)
const usage: Record<number, number> = plan.usageByPeriod([['2026-02-10T09:00:00+01:00', 3], [new Date(), 1]])
const previousUsage: number = usage[0] ?? 0

const records: UsageRecord[] = [
  { id: 'job-1', kind: 'prior_national', units: 3, handedOverAt: new Date(), unitPrice: '1.234', currency: 'EUR' },
  { id: 'job-2', kind: 'registered', units: 1, handedOverAt: '2026-05-04T10:00:00Z', cancelled: false },
  { id: 'job-3', kind: 'registered', units: 1, handedOverAt: null, unitPrice: null, currency: null },
]
const statementOptions: MonthlyStatementOptions = { tz: 'UTC' }
const statement: MonthlyStatement | null = monthlyStatement(records, 2026, 5, statementOptions)
monthlyStatement([], 2026, 5)
const statementFields: [number, number, string, string, string, BillableItem[], string[]] | null = statement && [
  statement.year, statement.month, statement.periodStart, statement.periodEnd, statement.issueDate, statement.items,
  statement.recordIds,
]

// @ts-expect-error: a fee is a decimal string, never a number
new BlockPlan(500, 25, 'EUR', new Date())
// @ts-expect-error: the currency is required
new BlockPlan(500, '25', new Date())
// @ts-expect-error: the zone option is called tz
new BlockPlan(500, '25', 'EUR', new Date(), { zone: 'UTC' })
// @ts-expect-error: period() may return null
const notNullPeriod: BlockPeriod = plan.period(1)
// @ts-expect-error: bill takes a period, not an index
plan.bill(2, 1200)
// @ts-expect-error: an item's amount may be null
const notNullAmount: Money = billed[0].amount
// @ts-expect-error: sends are [at, units] pairs
plan.usageByPeriod([{ at: new Date(), units: 1 }])
// @ts-expect-error: a unit price is a decimal string
const badRecord: UsageRecord = { id: 'job-1', kind: 'letter', units: 1, unitPrice: 1.35, currency: 'EUR' }
// @ts-expect-error: the statement may be null
const notNullStatement: MonthlyStatement = monthlyStatement([], 2026, 5)
// @ts-expect-error: the fee is read-only
plan.fee = fee

// VAT (the `vat` namespace): rates and amounts are decimal strings, days "YYYY-MM-DD" strings.
const verdict: vat.VatValidation = vat.validate('BE0403170701')
vat.validate('0403170701', 'BE')
vat.validate('0403170701', null)
const verdictFields: [boolean, string | null, string | null, string | null, 'customer' | 'oss' | null, string | null, string | null] = [
  verdict.valid, verdict.country, verdict.compact, verdict.national, verdict.kind, verdict.reason, verdict.message,
]
const parsedNumber: vat.VatNumber = vat.parseNumber('NL 4495.445.B01')
const numberFields: [string, string, string, 'customer' | 'oss'] = [
  parsedNumber.country, parsedNumber.compact, parsedNumber.national, parsedNumber.kind,
]
const vatCountries: string[] = vat.countries()
const member: boolean = vat.isEuMemberState('GR')
const rateNow: vat.Rate = vat.rate('BE', '2026-03-02')
const rateFields: [string, string, string[], string, boolean] = [
  rateNow.country, rateNow.standard, rateNow.reduced, rateNow.effectiveFrom, rateNow.unverified,
]
const table: vat.RateTable = vat.RateTable.builtin()
const tableFields: [string, string, string[], vat.Rate, boolean] = [
  table.verifiedOn, table.toJson(), table.countries(), table.rate('DE', '2020-07-01'),
  vat.RateTable.fromJson(table.toJson()).equals(table),
]
const online: vat.OnlineCheck = { valid: true, requestId: 'WAPI-1', checkedAt: new Date() }
const treatmentOptions: vat.TreatmentOptions = {
  vatNumber: 'FR40303265045',
  vies: online,
  exemptionRequested: true,
  b2cCurrentYear: '10000.01',
  b2cPreviousYear: null,
  rateTable: table,
}
const treated: vat.Treatment = vat.treatment('FR', 'business', 'electronic', '2026-03-02', treatmentOptions)
vat.treatment('BE', 'consumer', 'letter', '2026-03-02')
vat.treatment('DE', 'business', 'electronic', '2026-03-02', { vies: false })
vat.treatment('DE', 'business', 'electronic', '2026-03-02', { vies: (number: string) => number.startsWith('DE') })
vat.treatment('DE', 'business', 'electronic', '2026-03-02', { vies: (): vat.OnlineCheck | null => null })
const treatmentKind: 'charge' | 'reverse_charge' | 'out_of_scope' | 'pending_verification' = treated.kind
const treatmentFields: [string | null, string | null, boolean, 'reverse_charge' | 'out_of_scope' | null, string, string, string | null] = [
  treated.vatCountry, treated.rate, treated.rateUnverified, treated.mention, treated.reason, treated.explanation,
  treated.treatedAsConsumer,
]
const evidence: vat.VatEvidence | null = treated.evidence
const onlineEvidence: vat.OnlineCheckEvidence | null | undefined = evidence?.online
const mentionFr: string | null = treated.mentionText('fr')
const kept: vat.Treatment = vat.Treatment.fromJson(treated.toJson()).removeVatAfterOrder('ord-1')
const sameTreatment: boolean = kept.equals(treated)
const mentionNl: string = vat.mentionText('reverse_charge', 'nl')
const explained: string = vat.reasonExplanation('belgian_customer')

// @ts-expect-error: a total is a decimal string, never a number
vat.treatment('DE', 'consumer', 'electronic', '2026-03-02', { b2cCurrentYear: 10000 })
// @ts-expect-error: a day is a "YYYY-MM-DD" string, not a Date
vat.rate('BE', new Date())
// @ts-expect-error: the option is vatNumber
vat.treatment('FR', 'business', 'electronic', '2026-03-02', { vat_number: 'FR40303265045' })
// @ts-expect-error: the rate is null while the verification is pending
const notNullRate: string = treated.rate

// Invoices (the `invoice` namespace).
const lineOptions: invoice.InvoiceLineOptions = { category: 'AE' }
const invoiceLine: invoice.InvoiceLine = new invoice.InvoiceLine('SMS', '1000', '0.0075', '21', lineOptions)
new invoice.InvoiceLine('SMS', '1000', '0.0075', '21')
const lineFields: [string, string, string, string, 'S' | 'Z' | 'E' | 'AE' | 'O', string, boolean] = [
  invoiceLine.description, invoiceLine.quantity, invoiceLine.unitPrice, invoiceLine.rate, invoiceLine.category,
  invoiceLine.net('EUR'), invoiceLine.equals(invoiceLine),
]
const partyOptions: invoice.PartyOptions = {
  street: 'Rue de la Loi 16', city: 'Bruxelles', postalCode: '1000', vatNumber: 'BE0400123416',
  enterpriseNumber: '0400123416', endpoint: { scheme: '0208', id: '0400123416' },
}
const party: invoice.Party = new invoice.Party('Envoi SA', 'BE', partyOptions)
const partyFields: [string, string, string | null, string | null, string | null, string | null, string | null, invoice.Endpoint | null] = [
  party.name, party.country, party.street, party.city, party.postalCode, party.vatNumber, party.enterpriseNumber,
  party.endpoint,
]
const invoiceOptions: invoice.InvoiceOptions = {
  number: '2026-0001', date: '2026-01-31', dueDate: '2026-03-02', language: 'fr', seller: party, customer: party,
  buyerReference: 'PO-1', orderReference: null, note: 'Merci', paymentTerms: '30 jours',
  taxCurrency: { currency: 'EUR', exchangeRate: '0.92' },
}
const draft: invoice.Invoice = new invoice.Invoice('USD', [invoiceLine], invoiceOptions)
const creditNote: invoice.Invoice = invoice.Invoice.creditNote('EUR', [invoiceLine], { precedingInvoice: { number: '2026-0001' } })
const totals: invoice.Totals = draft.totals()
const perRate: invoice.RateTotal[] = totals.perRate
const totalFields: [string, string, string, string, string, string, string] = [
  totals.currency, totals.totalWithoutVat, totals.totalVat, totals.totalWithVat, perRate[0].rate, perRate[0].base,
  perRate[0].vat,
]
const invoiceFields: ['invoice' | 'credit_note', string, string | null, string, string | null, 'fr' | 'nl' | 'de' | 'en', invoice.Party | null, invoice.InvoiceLine[]] = [
  creditNote.kind, creditNote.typeCode, draft.number, draft.currency, draft.date, draft.language, draft.seller,
  draft.lines,
]
const taxCurrency: invoice.TaxCurrency | null = draft.taxCurrency
const preceding: invoice.PrecedingInvoice | null = creditNote.precedingInvoice
const xml: string = draft.toUbl()
const roundTrip: boolean = invoice.Invoice.fromJson(draft.toJson()).equals(draft)

// @ts-expect-error: a quantity is a decimal string, never a number
new invoice.InvoiceLine('SMS', 1000, '0.0075', '21')
// @ts-expect-error: lines are InvoiceLine objects
new invoice.Invoice('EUR', [{ description: 'SMS', quantity: '1', unitPrice: '1', rate: '21' }])
// @ts-expect-error: the seller is a Party
new invoice.Invoice('EUR', [], { seller: { name: 'Envoi SA', country: 'BE' } })
// @ts-expect-error: an exchange rate is a decimal string
new invoice.Invoice('USD', [], { taxCurrency: { currency: 'EUR', exchangeRate: 0.92 } })

// Tracking: key ring, tokens, codes, tracked email, statistics, secure access.
const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 1), 2: new Uint8Array(32) }, 2, { tagLength: 16 })
new tracking.KeyRing(new Map([[1, Buffer.alloc(32)]]), 1)
new tracking.KeyRing([[1, Buffer.alloc(32)]], 1)
const ringInfo: [number[], number, number] = [ring.keyIds, ring.activeKeyId, ring.tagLength]
const claims: tracking.Claims = { account: 1, message: 2n ** 60n, occurrence: 3, recipient: 4, link: 0 }
const token: string = ring.issue('click', claims, { now: new Date(), expiresIn: 90 * 86400, sealed: true })
ring.issue('open', {}, { expires: '2026-09-01T00:00:00Z', now: '2026-06-01T00:00:00Z' })
const verified: tracking.Verified = ring.verify('click', token, { now: new Date() })
const verifiedFields: [string, number, string, string | null, string] = [
  verified.purpose, verified.keyId, verified.issuedAt, verified.expiresAt, verified.tokenId,
]
const account: number | bigint | undefined = verified.claims.account
const link: number | undefined = verified.claims.link
const issued: tracking.IssuedCode = ring.issueCode('sender_verification', { account: 1 }, 'c-1', { expiresIn: 900, alphabet: 'crockford', length: 8, maxAttempts: 3 })
const challengeFields: [string, number, 'pending' | 'used' | 'locked', string, number] = [
  issued.code, issued.challenge.attempts_used, issued.challenge.state, issued.challenge.expires_at, issued.challenge.policy.max_attempts,
]
const checked: tracking.Verified = ring.checkCode('sender_verification', issued.challenge, '123456', { now: new Date() })

const tracker = new tracking.Tracker('https://t.example.com', 'https://example.com/', { openPath: '/o', clickPath: '/c' })
const tracked: tracking.TrackedEmail = tracker.track(ring, '<a href="https://example.com/">x</a>', { message: 1 }, { text: 'x', expiresIn: 60 })
const trackedFields: [string, string | null, string[], string, string] = [
  tracked.html, tracked.text, tracked.links, tracked.openUrl, tracked.untracked[0]?.reason ?? '',
]
const click: tracking.ClickResolution = tracker.resolveClick(ring, token, (c) => tracked.links[c.link ?? 0], { now: new Date() })
tracker.resolveClick(ring, token, () => null)
const clickFields: [string, tracking.Verified | null, string | null, string | null] = [click.url, click.verified, click.reason, click.detail]
const pixel: tracking.OpenResolution = tracker.resolveOpen(ring, token)
const trackerInfo: string[] = [tracker.baseUrl, tracker.fallbackUrl, tracker.openPath, tracker.clickPath, tracker.optOutAttribute, tracker.clickUrl('t'), tracker.openUrl('t')]

const rules: tracking.MachineRules = tracking.MachineRules.fromJson(tracking.MachineRules.builtin().toJson())
const ruleNames: string[] = rules.ruleNames
const stats = new tracking.Stats(rules)
stats.record('open', claims, new Date(), { userAgent: 'Mozilla/5.0', ip: '17.58.0.1', headRequest: false, clientClass: null, deliveredAt: '2026-06-01T00:00:00Z', linksInMessage: 2 })
stats.recordVerified(verified, '2026-06-01T00:00:00Z')
const stored: tracking.TrackingEvent[] = stats.events()
const again: tracking.Stats = tracking.Stats.fromEvents(stats.eventsJson(), null)
tracking.Stats.fromEvents(stored)
const verdicts: tracking.Verdict[] = again.verdicts()
const verdictClass: 'human' | 'machine' = verdicts[0]!.class
const report: tracking.StatsReport = stats.report()
const opensCounts: tracking.EngagementCounts = report.opens
const byRule: Record<string, number> = opensCounts.machineByRule
const messageStats: tracking.MessageStats | null = report.message({ account: 1, message: 2n ** 60n })
const recipientId: number | bigint | null | undefined = messageStats?.recipients[0]?.recipient
const statsInfo: [number, string] = [stats.eventCount, report.toJson()]

const created: tracking.NewSecureAccess = tracking.SecureAccess.create(ring, { message: 1 }, {
  validitySeconds: 86400, requireCode: true, code: { alphabet: 'digits', length: 6, maxAttempts: 5 }, codeValiditySeconds: 900,
  maxCodes: 5, maxFailedAttempts: 10,
})
const access: tracking.SecureAccess = created.access
const linkClaims: tracking.Claims = tracking.SecureAccess.readLink(ring, created.token)
const secureCode: string = access.issueCode(ring, { now: new Date() })
const opened: tracking.SecureOpen = access.open(ring, created.token, secureCode)
access.open(ring, created.token, null, { now: '2026-06-01T00:00:00Z' })
access.revoke()
const lock: tracking.AccessLockInfo | null = access.lockAt({ now: new Date() })
const lockReason: 'expired' | 'too_many_attempts' | 'revoked' | undefined = access.lock?.reason
const accessInfo: [number, number, number, number, string, string, string | null, boolean] = [
  access.codesIssued, access.failedAttempts, access.attemptsLeft, access.openCount, access.createdAt, access.expiresAt,
  access.firstOpenedAt, access.requireCode,
]
const restoredAccess: tracking.SecureAccess = tracking.SecureAccess.fromJson(access.toJson())

// @ts-expect-error: a purpose is one of six names
ring.issue('pixel', {})
// @ts-expect-error: an unknown claim
ring.issue('open', { acount: 1 })
// @ts-expect-error: a code needs its options (the expiry)
ring.issueCode('sender_verification', {}, 'c-1')
// @ts-expect-error: the lookup returns a URL string
tracker.resolveClick(ring, token, () => 42)
// @ts-expect-error: an event kind is open or click
stats.record('view', claims, new Date())

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
  occurrences, allUpTo, next, nth, untilNow, finished, scheduleStart, scheduleTz, every, unit, stop, count,
  sameSchedule, notNullNext, rrule, notNullRrule,
  orderStatus, orderFields, reservationFields, settledFields, consumed, grantLot, balanceFields, balanceExpiry, sourceName,
  lowKinds, expiringAt, events, newer, orderIds, ledgerInfo, notNullExpiry, badEntry,
  planFields, periodFields, periodNow, lastPeriod, active, charges, itemFields, itemMoney, extra, previousUsage,
  statementFields, notNullPeriod, notNullAmount, badRecord, notNullStatement,
  verdictFields, numberFields, vatCountries, member, rateFields, tableFields, treatmentKind, treatmentFields,
  onlineEvidence, mentionFr, sameTreatment, mentionNl, explained, notNullRate,
  lineFields, partyFields, totalFields, invoiceFields, taxCurrency, preceding, xml, roundTrip,
  ringInfo, verifiedFields, account, link, challengeFields, checked, trackedFields, clickFields, pixel, trackerInfo,
  ruleNames, verdictClass, byRule, recipientId, statsInfo, linkClaims, opened, lock, lockReason, accessInfo,
  restoredAccess,
]

// ---- post ----------------------------------------------------------------------------------------
const letterQuote: letters.Quote = letters.quote([{ pages: 3 }, { pageSizesMm: [['210', 297]], name: 'scan' }, new Uint8Array(0)], {
  postage: 'prior', address: ['9000 GENT'], submittedAt: new Date(), color: null, envelope: 'c5',
  productionClosedDays: ['2026-05-15'], data: letters.PostData.builtin(),
})
const quoteFields: [number, 'us' | 'c5' | 'c4', 'small' | 'large', string, string | null, number | null] = [
  letterQuote.sheets, letterQuote.envelope, letterQuote.format, letterQuote.weightGrams, letterQuote.deliveryDate,
  letterQuote.countryLine,
]
const range: letters.DeliveryRange | null = letterQuote.deliveryRange
// @ts-expect-error postage is one of the core's codes
letters.quote([{ pages: 1 }], { postage: 'priority', address: [], submittedAt: '' })
const destinationFound: letters.Destination = letters.destination(['NEDERLAND'])
const countryCode: string = letters.country('PAYS-BAS') + letters.countryName('NL', 'fr')
const pdfSizes: string[][] = letters.pdfPageSizes(Buffer.alloc(0))
const jobReport: letters.JobReport = letters.quoteJob([{ pages: 1 }], {
  recipients: [['9000 GENT']], submittedAt: '2026-03-10T09:00:00Z', postage: 'non_prior', policy: 'report_and_continue',
})
const failureError: Error & { code: string } = jobReport.failures[0].error
const job = new letters.Job(1, 2n, 3, [{ pages: 1 }], { recipients: [['9000 GENT']], createdAt: new Date(), postage: 'prior', approvalRequired: true })
const approval: letters.ApprovalLink = job.requestApproval(9, new Date(), ring, 'https://app.example/a/', { expiresAt: null })
const approver: number | bigint = job.verifyApprovalLink(ring, approval.token, new Date())
job.approve(approver, new Date())
const submitted: letters.JobReport = job.submit(new Date(), { policy: 'refuse_job', deliveryClosedDays: ['2026-05-15'] })
const jobState: 'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'submitted' | 'processing' | 'handed_over' | 'cancelled' = job.state
const transitions: letters.Transition[] = job.history
job.cancel(new Date(), 7)
letters.Job.fromJson(job.toJson())
const jobApprover: number | bigint | null = job.approver
const sentRows: number[] = job.sentRows
const barcodes: letters.BarcodeRange = letters.BarcodeRange.s10('RR', 1, 2n, 'BE')
const national: letters.BarcodeRange = letters.BarcodeRange.bpostNational('010541288500', 1, 999)
const rangeFields: ['s10' | 'bpost_national', string, string, number | bigint | null, number | bigint] = [
  national.format, national.prefix, national.suffix, national.next, letters.BarcodeRange.fromJson(barcodes.toJson()).remaining,
]
// @ts-expect-error a range is made by its factories, not `new`
void new letters.BarcodeRange(1, 2)
const barcode: string = barcodes.nextBarcode()
const moreBarcodes: string[] = barcodes.take(1)
const parsed: letters.ParsedBarcode = letters.parseBarcode(letters.s10Barcode('RR', 12345678, 'BE'))
const parsedFormat: 's10' | 'bpost_national' = parsed.format
const registered: letters.RegisteredLetter[] = job.assignBarcodes(barcodes)
const storedLetters: letters.RegisteredLetter[] = job.registeredLetters
const registeredSummaries: letters.RegisteredSummary[] = job.registeredSummaries()
const summary = new letters.RegisteredSummary(barcode, ['9000 GENT'], new Date(), '2026-03-10', true)
const summaryBarcode: string = summary.barcode
const summaryText: string = summary.toText('nl') + summary.claimDeadline + letters.claimDeadline('2026-03-10')
const constants: number[] = [letters.MAX_SHEETS, letters.CUT_OFF_HOUR, letters.DOCUMENTS_KEPT_DAYS, letters.CLAIM_MONTHS, letters.BPOST_NATIONAL_LENGTH, letters.S10_MAX_SERIAL]
void [quoteFields, range, destinationFound, countryCode, pdfSizes, failureError, submitted, jobState, transitions, summaryText, constants]
void [jobApprover, sentRows, rangeFields, moreBarcodes, parsedFormat, registered, storedLetters, registeredSummaries, summaryBarcode]

// contacts
const phoneNumber: contacts.PhoneNumber = contacts.normalizePhone('0475 12 34 56', 'BE')
const phoneKind: 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'toll_free' | 'premium_rate' | 'shared_cost' | 'voip'
  | 'personal_number' | 'pager' | 'other' = contacts.parseE164(phoneNumber.e164).kind
const parsedEmail: contacts.Email = contacts.parseEmail('ann@example.be')
const smsOption = new contacts.AccountSmsOption(true)
const preferences: contacts.ChannelPreferences = smsOption.newContactPreferences()
const contact = new contacts.Contact({ firstName: 'Ann', mobile: phoneNumber.e164, preferences, customFields: { city: 'Gent' } })
contact.email = parsedEmail.address
contact.language = null
const contactLanguage: 'fr' | 'nl' | 'de' | 'en' | null = contact.language
const switches: contacts.NotificationSwitches = contact.notifications
const refusal: contacts.Refusal | null = contact.mayReceive('sms', smsOption, new Date())
  ?? contact.mayNotify('reminder', 'email', { enabled: false }, '2026-03-02T09:00:00Z')
// @ts-expect-error a channel is one of the core's names
contact.mayReceive('fax', smsOption, new Date())
const changed: boolean = contact.optOut('sms', new Date(), { type: 'api', note: 'CRM' })
  || contact.optIn('sms', new Date(), { type: 'account_user' })
const optOuts: contacts.OptOutRecord[] = contact.optOuts
const inForce: contacts.OptOutRecord | null = contact.optOutInForce('email', new Date())
const channels: Array<'email' | 'sms'> = contact.preferredChannels(smsOption, new Date())
const reply: contacts.ReplyKeyword | null = contacts.classifyReply('STOP')
if (reply) contact.applyReply(reply, new Date())
const keywords: contacts.ReplyKeyword[] = contacts.replyKeywords()
const sameContact: boolean = contacts.Contact.fromJson(contact.toJson()).equals(contact)
const group = new contacts.Group('g-1', 'VIP')
const added: boolean = group.add('c-1')
const members: string[] = group.members
contacts.ensureContactsExist(members, (id: string) => id.length > 0)
const importReport: contacts.ImportReport = contacts.importCsv(Buffer.from('Email\na@example.be\n'), {
  defaultRegion: 'BE', duplicates: 'merge_non_empty', delimiter: ';', mapping: { GSM: 'mobile', Notes: null, Ville: { custom: 'city' } },
  smsOption: new contacts.AccountSmsOption(true),
})
contacts.importCsv(Buffer.alloc(0), { smsOption: { enabled: true, changedAt: new Date() } })
const duplicateRow: contacts.DuplicateRow | undefined = importReport.duplicates[0]
const duplicateMatch: [string, string] | undefined = duplicateRow && [duplicateRow.column, duplicateRow.value]
const reportContacts: contacts.Contact[] = importReport.contacts
const rowErrors: contacts.RowError[] = importReport.errors
const rowColumn: string | null = rowErrors[0].column
const importCounts: contacts.ImportCounts = importReport.counts
const importer = new contacts.CsvImporter('contacts.csv', { duplicates: 'report' })
const outcomes: contacts.RowOutcome[] = importer.nextChunk(1000)
const outcomeKind: 'imported' | 'replaced' | 'merged' | 'duplicate_skipped' | 'rejected' | 'blank' = outcomes[0].kind
const outcomeMatch: [string | null | undefined, string | null | undefined] = [outcomes[0].column, outcomes[0].value]
// @ts-expect-error smsOption is an AccountSmsOption or { enabled }
contacts.importCsv(Buffer.alloc(0), { smsOption: true })
// @ts-expect-error duplicates is one of the four policies
contacts.importCsv(Buffer.alloc(0), { duplicates: 'skip' })
void [phoneKind, contactLanguage, switches, refusal, changed, optOuts, inForce, channels, keywords, sameContact, added]
void [reportContacts, rowColumn, importCounts, outcomeKind, duplicateMatch, outcomeMatch, importer.columns, importer.encoding, importer.delimiter, importer.counts]

// templates
const template = new templates.Template('Bonjour {{ first_name | client }}, RDV {{date}}')
const templateFields: string[] = template.fields
const segment: templates.TemplateSegment = template.segments[0]
const segmentText: string | null = segment.text
const uses: templates.FieldUse[] = template.occurrences()
const canonical: string = template.toString() + template.source
template.validate([...contacts.Contact.standardFields(), 'date'])
const rendered: string = template.render(contact, { date: '3 mars' }) + template.render({ first_name: 'Léa' })
const sameTemplate: boolean = template.equals(new templates.Template(canonical))
const fieldName: string | null = templates.fieldNameFor('Code postal')
const written: string = templates.formatDate('2026-03-03', 'fr', { weekday: true }) + templates.formatTime('14:30')
  + templates.formatDateTime(new Date(), 'nl', { timeZone: 'Europe/Brussels', weekday: false })
// @ts-expect-error extra values are strings
template.render(contact, { date: 3 })
void [templateFields, segmentText, uses, rendered, sameTemplate, fieldName, written]

// senders
const senderNumber: contacts.PhoneNumber = senders.parseSmsSenderNumber('+32475123456')
const sender = new senders.Sender(12, 3n, { sms: senderNumber.e164 })
const verificationCode: string = sender.startVerification(ring, 'sender-3', { validitySeconds: 900, now: new Date(), maxAttempts: 5 })
sender.confirm(ring, verificationCode, { now: '2026-06-01T09:02:00Z' })
sender.requireFor('sms')
const verification: senders.Verification = sender.verification
const verificationState: 'unverified' | 'pending' | 'verified' = verification.state
const senderAddress: senders.Address = sender.address
const senderIds: Array<number | bigint> = [sender.account, sender.id]
const senderChannel: 'email' | 'sms' = sender.channel
sender.setSmsSettings({ languages: ['portuguese'], smartEncoding: true })
const senderSettings: senders.SmsSenderSettings = sender.smsSettings
const senderSms: SmsAnalysis = analyzeSms('Olá', sender.smsOptions({ maxParts: 4 }))
const storedSender: senders.Sender = senders.Sender.fromJson(sender.toJson())
// @ts-expect-error the validity is required
sender.startVerification(ring, 'sender-3', { now: new Date() })
void [verificationState, senderAddress, senderIds, senderChannel, senderSettings, senderSms, storedSender]

// security
const lockoutPolicy = new security.LockoutPolicy({ maxFailures: 5, windowSeconds: 900 })
const lockSeconds: number = lockoutPolicy.lockDurationSeconds(2) + lockoutPolicy.capSeconds
const loginGuard = security.LoginGuard.fromJson(new security.LoginGuard().toJson())
loginGuard.check(new Date())
const failure: security.FailureResult = loginGuard.recordFailure(lockoutPolicy, '2026-06-01T09:00:00Z')
const failureKind: 'counted' | 'locked' | 'already_locked' = failure.kind
loginGuard.recordSuccess(new Date())
const lockedUntil: string | null = loginGuard.lockedUntil
const resetLink: string = security.issuePasswordReset(ring, 1234n, 7, { validitySeconds: 3600, now: new Date() })
const resetToken: security.ResetToken = security.readPasswordReset(ring, resetLink, { now: new Date() })
const resetAccount: number | bigint = resetToken.account
const usedTokenId: string = resetToken.accept(7, false, { now: new Date() })
const verifiedReset: security.ResetToken = security.verifyPasswordReset(ring, resetLink, 1234, 7, (id: string) => id === usedTokenId)
void [lockSeconds, failureKind, lockedUntil, resetAccount, verifiedReset.expiresAt, loginGuard.failures(lockoutPolicy, new Date())]

// account
const accountOptions: accounts.AccountOptions = { tz: 'Europe/Brussels' }
const customer = new accounts.Account('acc_42', 'fr', 'business', 'BE', new invoice.Party('Dupont SPRL', 'BE'), new Date(), accountOptions)
new accounts.Account('acc_43', 'nl', 'consumer', 'BE', new invoice.Party('Jan Peeters', 'BE'), '2026-03-02T09:00:00Z')
const withVat: accounts.Account = customer.withVatNumber('BE0403170701', { valid: true, requestId: 'WAPI-1' })
  .withVatNumber('BE0403170701', true).withVatNumber('BE0403170701')
  .withInvoicingAddress(new invoice.Party('Dupont SPRL', 'BE', { city: 'Namur', street: 'Place du Marché 3' }))
const accountFields: [string, 'fr' | 'nl' | 'de' | 'en', string, 'business' | 'consumer', string, string] = [
  withVat.id, withVat.language, withVat.tz, withVat.customerKind, withVat.country, withVat.createdAt,
]
const accountEvidence: vat.VatEvidence | null = withVat.vatEvidence
const invoicingAddress: invoice.Party = withVat.invoicingAddress
const accountState: 'pending_payment' | 'active' | 'suspended' = customer.state
const stateChange: accounts.StateChange = customer.activate(new Date(), 'card payment')
customer.suspend('2026-05-01T00:00:00Z', 'unpaid')
customer.changeState('active', '2026-05-02T00:00:00Z', 'paid')
const accountHistory: accounts.StateChange[] = customer.history
const stateThen: 'pending_payment' | 'active' | 'suspended' = customer.stateAt(new Date())
const sends: boolean = customer.maySend('2026-05-02T00:00:00Z')
customer.requireActive(new Date())
customer.requireChannel('sms', new Date())
const channelOn: boolean = customer.enableChannel('sms', new Date()) && customer.disableChannel('letter', new Date())
const accountChannels: Array<'email' | 'sms' | 'secure_email' | 'letter'> = customer.enabledChannels
const accountSms: contacts.AccountSmsOption = customer.smsOption
customer.setLetterApproval(7, true)
customer.setLetterApproval(7n, false)
const letterApproval: boolean = customer.letterApprovalRequired(7)
const approvers: Array<number | bigint> = customer.letterApprovalSenders
const approvedJob: letters.Job = customer.applyLetterApproval(new letters.Job(1, 2, 7, [{ pages: 1 }], { recipients: [['A', 'B', '1000 BRUXELLES']], createdAt: new Date(), postage: 'prior' }))
customer.setLowBalanceThreshold('sms', 100)
customer.setLowBalanceThreshold('sms', null)
const thresholds: Record<string, number> = customer.lowBalanceThresholds
const storedAccount: accounts.Account = accounts.Account.fromJson(customer.toJson())
const sameAccount: boolean = storedAccount.equals(customer) && customer.isEnabled('email')
// @ts-expect-error a state is one of three names
customer.changeState('closed', new Date(), 'x')
// @ts-expect-error the invoicing address is an invoice.Party
new accounts.Account('a', 'fr', 'business', 'BE', { name: 'Dupont' }, new Date())
void [accountFields, accountEvidence, invoicingAddress, accountState, stateChange, accountHistory, stateThen, sends, channelOn]
void [accountChannels, accountSms, letterApproval, approvers, approvedJob, thresholds, sameAccount, customer.nextStates]

// billing
const priceList: billing.PriceList = billing.PriceList.fromJson('{}', 'prices.json')
billing.PriceList.fromToml('', null).equals(billing.PriceList.fromToml(''))
const priceSource: string | null = priceList.source
const priceDate: string | null = priceList.asOf
const unitPrices: billing.UnitPrice[] = priceList.unitPrices
const smsPrice: Money = priceList.unitPrice('sms', '2026-03-01').price
const catalogue: billing.Pack[] = priceList.packsOn('2026-03-01').concat(priceList.packs)
const packUnits: number = priceList.pack('sms-1000', '2026-03-01').units
const planPrice: billing.BlockPlanPrice = priceList.blockPlan('plannit-sms', '2026-03-01')
const validity: billing.Validity = planPrice.validity
const validUntil: string | null = validity.validUntil
const tariff: billing.LetterTariff = priceList.letterTariff('2026-03-01')
const postageRate: billing.PostageRate = tariff.postage[0]!
const postageName: 'prior' | 'non_prior' | 'prior_international' = postageRate.postage
const tariffs: billing.LetterTariff[] = priceList.letterTariffs
const blockPlans: billing.BlockPlanPrice[] = priceList.blockPlans
const invoiceNumber: billing.InvoiceNumber = billing.InvoiceNumber.parse('2026-F-000123').next()
const numberParts: [number, string, number, string] = [invoiceNumber.year, invoiceNumber.series, invoiceNumber.sequence, invoiceNumber.toString()]
const firstNumber: billing.InvoiceNumber = billing.InvoiceNumber.first('F', 2026)
const sameNumber: boolean = new billing.InvoiceNumber(2026, 'F', 124).equals(invoiceNumber)
billing.checkSequence([invoiceNumber, '2026-F-000001'])
const sequenceProblem: billing.SequenceProblem = { kind: 'gap', from: '2026-F-000002', to: '2026-F-000003', message: '…' }
// @ts-expect-error a day is a "YYYY-MM-DD" string, not a Date
priceList.pack('sms-1000', new Date())
// @ts-expect-error invoice numbers, not numbers
billing.checkSequence([1, 2])
void [priceSource, priceDate, unitPrices, smsPrice, catalogue, packUnits, validUntil, postageName, tariffs, blockPlans]
void [numberParts, firstNumber, sameNumber, sequenceProblem]

// billing, part 2: orders, drafts, the book, the runs
const sorted: billing.InvoiceNumber[] = [invoiceNumber, firstNumber].sort(billing.InvoiceNumber.compare)
const before: boolean = firstNumber.isBefore(invoiceNumber)
billing.checkSequenceAfter(null, ['2026-F-000001'])
billing.checkSequenceAfter('2026-F-000001', [invoiceNumber])
const letterQuery: billing.LetterQuery = { postage: 'prior', zone: 'national', format: 'small', upToGrams: 50, sheets: 1 }
const quotedQuery: billing.LetterQuery = billing.letterQuery([{ pages: 2 }], { postage: 'prior', address: ['x', '1000 BRUXELLES'], submittedAt: new Date() })
const letterPrice: billing.LetterPrice = priceList.letterPrice(letterQuery, '2026-03-01')
const letterTotal: Money = letterPrice.total
const packOrder: billing.PackOrder = billing.placeOrder(customer, priceList, 'sms-1000', 1, {
  orderId: 'o-1', payment: 'bank_transfer', at: new Date(), exemptionRequested: false, onlineCheck: { valid: true }, b2cTotals: { currentYear: '0', previousYear: '0' }, eurRate: null,
})
const orderState: 'pending_payment' | 'paid' | 'reversed' | 'cancelled' = packOrder.recordPayment('2026-03-05T08:00:00Z').state
const orderPack: billing.OrderedPack = packOrder.pack
const orderTreatment: vat.Treatment = packOrder.treatment
const ledgerOrder: Order = packOrder.apply(new Ledger())
const activated: boolean = packOrder.activateAccount(customer)
const seller = new billing.Seller(new invoice.Party('Envoi SA', 'BE'), 'F', 30)
const book = new billing.InvoiceBook(seller)
const orderDraft: billing.InvoiceDraft = packOrder.invoiceDraft(customer)
const issuedResult: billing.Issued = book.issue(orderDraft)
const issuedInvoice: billing.IssuedInvoice = issuedResult.invoice
const issuedParts: [billing.InvoiceNumber, string, 'invoice' | 'credit_note', string | null, invoice.Invoice, invoice.InvoiceLine[], invoice.Totals] = [
  issuedInvoice.number, issuedInvoice.key, issuedInvoice.kind, issuedInvoice.dueDate, issuedInvoice.invoice, issuedInvoice.lines, issuedInvoice.totals(),
]
const renderedInvoice: string = issuedInvoice.toUbl() + issuedInvoice.toText() + issuedInvoice.toHtml() + orderDraft.toText() + orderDraft.toHtml()
const orderCreditNote: billing.InvoiceDraft = packOrder.creditNoteDraft(customer, issuedInvoice)
const rebuiltBook: billing.InvoiceBook = billing.InvoiceBook.fromInvoices(seller, [billing.IssuedInvoice.fromJson(issuedInvoice.toJson())])
const found: billing.IssuedInvoice | null = rebuiltBook.get('2026-F-000001') ?? rebuiltBook.byKey('order:o-1')
const accountInvoices: billing.IssuedInvoice[] = rebuiltBook.forAccount('acc_42').concat(rebuiltBook.invoices)
const drafts: billing.InvoiceDraft[] = billing.monthlyRun(customer, priceList, '2026-03', {
  letters: [{ jobId: 'job-1', query: letterQuery, letters: 10, handedOverAt: new Date(), cancelled: false }],
  messages: [{ id: 's-1', channel: 'sms', units: 3, sentAt: '2026-03-10T09:00:00Z' }],
})
const subscription: billing.BlockSubscription = billing.subscribeBlockPlan(customer, priceList, { subscriptionId: 's', planId: 'plannit-sms', at: new Date() })
const blockPlan: BlockPlan = subscription.endingAt(new Date()).plan
const blockDraft: billing.InvoiceDraft | null = billing.blockPlanRun(customer, subscription, 1, 1240, '0.92')
billing.PackOrder.fromJson(packOrder.toJson()).equals(packOrder)
// @ts-expect-error a payment method is 'card' or 'bank_transfer'
billing.placeOrder(customer, priceList, 'sms-1000', 1, { orderId: 'o', payment: 'cash', at: new Date() })
void [sorted, before, quotedQuery, letterTotal, orderState, orderPack, orderTreatment, ledgerOrder, activated, issuedParts, renderedInvoice]
void [orderCreditNote, found, accountInvoices, drafts, blockPlan, blockDraft]
