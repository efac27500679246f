// The billing plans (envoi::credits) through Node: the block plan (periods on the subscription day,
// the fee upfront, extra blocks the period after, the option ending) and the pay-as-you-go monthly
// statement. Money crosses as decimal strings, never as numbers.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { BlockPlan, monthlyStatement } from '../index.js'
import { throwsCode } from './helpers.mjs'

const usd = (amount) => ({ amount, currency: 'USD' })

// USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels).
const plan = () => new BlockPlan(500, '25', 'USD', '2026-01-31T09:00:00Z')

test('periods start on the subscription day, clamped to the month end (31 Jan, 28 Feb, 31 Mar, 30 Apr)', () => {
  const p = plan()
  assert.deepEqual(
    [p.blockSize, p.fee, p.tz, p.subscribedAt, p.subscriptionDay, p.end],
    [500, usd('25'), 'Europe/Brussels', '2026-01-31T10:00:00+01:00', '2026-01-31', null],
  )
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => p.period(i).firstDay),
    ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'],
  )
  // Local midnight, in the plan's zone (winter, then summer time).
  assert.deepEqual(p.period(1), {
    index: 1,
    start: '2026-02-28T00:00:00+01:00',
    end: '2026-03-31T00:00:00+02:00',
    firstDay: '2026-02-28',
  })
  assert.deepEqual(p.period(1), plan().period(1))
  // A send belongs to the period of its instant on the wall clock: 00:30 on 31 March in Brussels.
  assert.equal(p.periodAt('2026-03-30T22:30:00Z').index, 2)
  assert.equal(p.periodAt(new Date('2026-03-30T21:59:59Z')).index, 1)
  assert.equal(p.periodAt('2026-01-31T08:59:59Z'), null)
  assert.equal(p.period(4_294_967_295), null) // beyond the supported dates
  throwsCode(() => p.period(-1), 'InvalidArg')
  throwsCode(() => p.period(1.5), 'InvalidArg')
  throwsCode(() => p.period(2 ** 32), 'InvalidArg')

  const newYork = new BlockPlan(500, '25', 'USD', '2026-01-31T09:00:00Z', { tz: 'America/New_York' })
  assert.deepEqual([newYork.tz, newYork.subscribedAt], ['America/New_York', '2026-01-31T04:00:00-05:00'])
  assert.equal(newYork.period(1).start, '2026-02-28T00:00:00-05:00')
})

test('the first block is billed upfront; 1,200 SMS in a period bill 2 extra blocks on the next first day', () => {
  const p = plan()
  assert.deepEqual(p.bill(p.period(0), 0), [
    {
      charge: 'block_fee',
      blockSize: 500,
      usage: null,
      kind: null,
      quantity: 1,
      periodStart: '2026-01-31T00:00:00+01:00',
      periodEnd: '2026-02-28T00:00:00+01:00',
      billedOn: '2026-01-31',
      unitPrice: usd('25'),
      amount: usd('25'),
    },
  ])
  const items = p.bill(p.period(2), 1_200)
  assert.deepEqual(
    items.map((item) => [item.charge, item.blockSize, item.usage, item.quantity, item.billedOn]),
    [
      ['block_fee', 500, null, 1, '2026-03-31'],
      ['extra_blocks', 500, 1_200, 2, '2026-03-31'],
    ],
  )
  // The extra blocks cover the previous period, at the plan's fee.
  assert.deepEqual(
    [items[1].periodStart, items[1].periodEnd, items[1].unitPrice, items[1].amount],
    ['2026-02-28T00:00:00+01:00', '2026-03-31T00:00:00+02:00', usd('25'), usd('50')],
  )
  assert.deepEqual([0, 500, 501, 1_200].map((usage) => p.extraBlocks(usage)), [0, 0, 1, 2])
  // A period read back from its JSON is the same period.
  assert.deepEqual(p.bill(JSON.parse(JSON.stringify(p.period(2))), 1_200), items)

  const first = throwsCode(() => p.bill(p.period(0), 3), 'credits.invalid_argument')
  assert.deepEqual([first.field, first.value], ['previous_usage', '3'])
  const other = new BlockPlan(500, '25', 'USD', '2026-01-15T09:00:00Z')
  assert.equal(throwsCode(() => p.bill(other.period(1), 0), 'credits.invalid_argument').field, 'period')
  throwsCode(() => p.bill({ ...p.period(1), index: 2 }, 0), 'credits.invalid_argument')
  throwsCode(() => p.bill(p.period(1), -1), 'InvalidArg')
  throwsCode(() => p.bill(p.period(1), 1.5), 'InvalidArg')
  throwsCode(() => p.extraBlocks(-1), 'InvalidArg')
  throwsCode(() => p.bill(1, 0), 'InvalidArg')
  assert.match(throwsCode(() => p.bill({ index: 1 }, 0), 'InvalidArg').message, /period\.start/)
  throwsCode(() => p.bill({ ...p.period(1), firstDay: new Date() }, 0), 'InvalidArg')
  throwsCode(() => p.isActive(null), 'InvalidArg')
})

test('the option ending: no fee from the period after the end, the last extras still billed', () => {
  const p = plan()
  const ended = p.endingAt('2026-04-15T12:00:00Z')
  assert.equal(ended.end, '2026-04-15T14:00:00+02:00')
  assert.equal(p.end, null) // immutable: a new plan
  assert.equal(ended.lastPeriod().firstDay, '2026-03-31')
  assert.equal(p.lastPeriod(), null)
  const april = ended.period(3)
  assert.deepEqual([ended.isActive(ended.period(2)), ended.isActive(april), p.isActive(april)], [true, false, true])
  assert.deepEqual(
    ended.bill(april, 700).map((item) => [item.charge, item.quantity, item.billedOn, item.amount]),
    [['extra_blocks', 1, '2026-04-30', usd('25')]],
  )
  assert.deepEqual(ended.bill(ended.period(4), 0), [])
  const after = throwsCode(() => ended.bill(ended.period(4), 5), 'credits.invalid_argument')
  assert.equal(after.field, 'previous_usage')
  // Sends at or after the end are not on the plan.
  assert.equal(ended.periodAt('2026-04-15T12:00:00Z'), null)

  assert.equal(ended.equals(p), false)
  assert.equal(p.equals(plan()), true)
  assert.equal(ended.equals(plan().endingAt(new Date('2026-04-15T12:00:00Z'))), true)
  const early = throwsCode(() => p.endingAt('2026-01-31T09:00:00Z'), 'credits.invalid_argument')
  assert.deepEqual([early.field, early.rule], ['end', 'is not after the subscription instant; an option ends after it starts'])
})

test('usage by period: per period index, sends outside the plan and 0-unit sends left out', () => {
  const sends = [
    ['2026-01-31T12:00:00Z', 3],
    [new Date('2026-02-27T23:00:00Z'), 2], // midnight, 28 February in Brussels
    ['2026-02-28T10:00:00+00:00', 1],
    ['2026-01-01T10:00:00Z', 9], // before the subscription
    ['2026-02-01T10:00:00Z', 0],
  ]
  const usage = plan().usageByPeriod(sends)
  assert.deepEqual(usage, { 0: 3, 1: 3 })
  assert.equal(usage[2] ?? 0, 0)
  assert.deepEqual(plan().usageByPeriod([]), {})
  const ended = plan().endingAt('2026-02-28T09:00:00Z')
  assert.deepEqual(ended.usageByPeriod(sends), { 0: 3, 1: 2 })
  // What a host does with it: bill each period with the previous period's usage.
  assert.deepEqual(
    plan().bill(plan().period(1), usage[0] ?? 0).map((item) => item.charge),
    ['block_fee'],
  )

  throwsCode(() => plan().usageByPeriod('2026-01-31T12:00:00Z'), 'InvalidArg')
  assert.match(throwsCode(() => plan().usageByPeriod([['2026-01-31T12:00:00Z']]), 'InvalidArg').message, /sends\[0\]/)
  throwsCode(() => plan().usageByPeriod([{ at: '2026-01-31T12:00:00Z', units: 1 }]), 'InvalidArg')
  throwsCode(() => plan().usageByPeriod([['2026-01-31T12:00:00Z', -1]]), 'InvalidArg')
  throwsCode(() => plan().usageByPeriod([['2026-01-31T12:00:00', 1]]), 'time.not_zone_aware')
})

test('bad block plan parameters are refused with their codes', () => {
  const at = '2026-01-31T09:00:00Z'
  const zero = throwsCode(() => new BlockPlan(0, '25', 'USD', at), 'credits.invalid_argument')
  assert.deepEqual([zero.field, zero.value], ['block_size', '0'])
  assert.equal(zero.message, 'block_size: 0 is not a block size; a block holds 1 message or more')
  assert.equal(throwsCode(() => new BlockPlan(500, '-1', 'EUR', at), 'credits.invalid_argument').field, 'fee')
  for (const amount of ['25,00', '1e3', '€25', '', ' 25', 'NaN']) {
    throwsCode(() => new BlockPlan(500, amount, 'EUR', at), 'money.invalid_amount')
  }
  throwsCode(() => new BlockPlan(500, '25', 'EURO', at), 'money.unknown_currency')
  assert.match(throwsCode(() => new BlockPlan(500, 25, 'EUR', at), 'InvalidArg').message, /never binary floating point/)
  throwsCode(() => new BlockPlan(500, 25n, 'EUR', at), 'InvalidArg')
  throwsCode(() => new BlockPlan(500, '25', 'EUR', '2026-01-31T09:00:00'), 'time.not_zone_aware')
  throwsCode(() => new BlockPlan(500, '25', 'EUR', at, { tz: 'Mars/Olympus' }), 'time.unknown_zone')
  assert.match(throwsCode(() => new BlockPlan(500, '25', 'EUR', at, { zone: 'UTC' }), 'InvalidArg').message, /unknown option "zone"/)
  throwsCode(() => new BlockPlan(-1, '25', 'EUR', at), 'InvalidArg')
  throwsCode(() => new BlockPlan(2 ** 32, '25', 'EUR', at), 'InvalidArg')
  throwsCode(() => new BlockPlan(1.5, '25', 'EUR', at), 'InvalidArg')
  assert.throws(() => BlockPlan(500, '25', 'EUR', at), TypeError)

  // Exact decimals, as given: never through a binary float.
  assert.deepEqual(new BlockPlan(500, '25.00', 'usd', at).fee, usd('25.00'))
  assert.deepEqual(new BlockPlan(500, '0.135', 'EUR', at).fee, { amount: '0.135', currency: 'EUR' })
  assert.deepEqual(new BlockPlan(500, '0', 'EUR', at, null).fee, { amount: '0', currency: 'EUR' })
  const cents = new BlockPlan(3, '0.1', 'EUR', at)
  assert.deepEqual(cents.bill(cents.period(1), 7).map((item) => item.amount.amount), ['0.1', '0.2'])
})

test('a monthly statement bills the letters handed over that month, the month after; cancelled ones excluded', () => {
  const price = { unitPrice: '1.234', currency: 'EUR' }
  const records = [
    { id: 'job-1', kind: 'prior_national', units: 3, handedOverAt: '2026-05-04T10:00:00Z', ...price },
    { id: 'job-2', kind: 'prior_national', units: 2, handedOverAt: new Date('2026-05-20T10:00:00Z'), ...price },
    { id: 'job-3', kind: 'registered', units: 1, handedOverAt: '2026-06-01T10:00:00Z' }, // June
    { id: 'job-4', kind: 'registered', units: 5 }, // not handed over yet
    { id: 'job-5', kind: 'registered', units: 5, cancelled: true },
    // 23:30 UTC on 31 May is 1 June in Brussels: a June letter.
    { id: 'job-6', kind: 'prior_national', units: 1, handedOverAt: '2026-05-31T23:30:00Z' },
    { id: 'job-7', kind: 'registered', units: 0, handedOverAt: '2026-05-10T10:00:00Z' }, // nothing to bill
    { id: 'job-8', kind: 'registered', units: 2, handedOverAt: null, cancelled: null, unitPrice: null, currency: null },
  ]
  const may = monthlyStatement(records, 2026, 5)
  assert.deepEqual(may, {
    year: 2026,
    month: 5,
    periodStart: '2026-05-01T00:00:00+02:00',
    periodEnd: '2026-06-01T00:00:00+02:00',
    issueDate: '2026-06-01',
    items: [
      {
        charge: 'usage',
        blockSize: null,
        usage: null,
        kind: 'prior_national',
        quantity: 5,
        periodStart: '2026-05-01T00:00:00+02:00',
        periodEnd: '2026-06-01T00:00:00+02:00',
        billedOn: '2026-06-01',
        unitPrice: { amount: '1.234', currency: 'EUR' },
        amount: { amount: '6.170', currency: 'EUR' },
      },
    ],
    recordIds: ['job-1', 'job-2'],
  })
  const june = monthlyStatement(records, 2026, 6)
  assert.deepEqual(june.recordIds, ['job-3', 'job-6'])
  assert.deepEqual(
    june.items.map((item) => [item.kind, item.quantity, item.billedOn, item.unitPrice, item.amount]),
    [
      ['prior_national', 1, '2026-07-01', null, null],
      ['registered', 1, '2026-07-01', null, null],
    ],
  )
  // An empty month gives no statement.
  assert.equal(monthlyStatement(records, 2026, 7), null)
  assert.equal(monthlyStatement([], 2026, 5), null)
  // Months on the wall clock of tz: in UTC job-6 is a May letter.
  const utc = monthlyStatement(records, 2026, 5, { tz: 'UTC' })
  assert.deepEqual([utc.periodStart, utc.recordIds], ['2026-05-01T00:00:00+00:00', ['job-1', 'job-2', 'job-6']])
  // One item per kind and unit price (the same price written differently is one price).
  const prices = monthlyStatement(
    [
      { id: 'a', kind: 'letter', units: 1, handedOverAt: '2026-05-04T10:00:00Z', unitPrice: '1.35', currency: 'EUR' },
      { id: 'b', kind: 'letter', units: 2, handedOverAt: '2026-05-05T10:00:00Z', unitPrice: '1.350', currency: 'EUR' },
      { id: 'c', kind: 'letter', units: 4, handedOverAt: '2026-05-06T10:00:00Z', unitPrice: '0.9', currency: 'EUR' },
    ],
    2026,
    5,
  )
  assert.deepEqual(
    prices.items.map((item) => [item.quantity, item.amount.amount]),
    [
      [4, '3.6'],
      [3, '4.05'],
    ],
  )
})

test('bad statement parameters and records are refused with their codes', () => {
  const at = '2026-05-04T10:00:00Z'
  const month = throwsCode(() => monthlyStatement([], 2026, 13), 'credits.invalid_argument')
  assert.deepEqual([month.field, month.value], ['month', '13'])
  throwsCode(() => monthlyStatement([], 2026, 0), 'credits.invalid_argument')
  throwsCode(() => monthlyStatement([], 2026, 2 ** 40), 'credits.invalid_argument')
  assert.equal(throwsCode(() => monthlyStatement([], 2 ** 40, 5), 'credits.invalid_argument').field, 'year')
  throwsCode(() => monthlyStatement([], 2026, -1), 'InvalidArg')
  throwsCode(() => monthlyStatement([], 2026.5, 5), 'InvalidArg')

  const job = { id: 'job-1', kind: 'letter', units: 1, handedOverAt: at }
  const twice = throwsCode(() => monthlyStatement([job, job], 2026, 5), 'credits.invalid_argument')
  assert.deepEqual([twice.field, twice.value], ['records', 'id "job-1"'])
  const both = throwsCode(() => monthlyStatement([{ ...job, cancelled: true }], 2026, 5), 'credits.invalid_argument')
  assert.match(both.rule, /contradictory/)
  assert.equal(throwsCode(() => monthlyStatement([{ ...job, kind: ' ' }], 2026, 5), 'credits.invalid_argument').field, 'kind')

  throwsCode(() => monthlyStatement([{ ...job, unitPrice: '1,35', currency: 'EUR' }], 2026, 5), 'money.invalid_amount')
  throwsCode(() => monthlyStatement([{ ...job, unitPrice: '1.35', currency: 'EURO' }], 2026, 5), 'money.unknown_currency')
  assert.match(
    throwsCode(() => monthlyStatement([{ ...job, unitPrice: 1.35, currency: 'EUR' }], 2026, 5), 'InvalidArg').message,
    /records\[0\]\.unitPrice: .*never binary floating point/,
  )
  assert.match(throwsCode(() => monthlyStatement([{ ...job, unitPrice: '1.35' }], 2026, 5), 'InvalidArg').message, /needs its currency/)
  assert.match(throwsCode(() => monthlyStatement([{ ...job, currency: 'EUR' }], 2026, 5), 'InvalidArg').message, /needs a unitPrice/)
  assert.match(
    throwsCode(() => monthlyStatement([job, { ...job, id: 'job-2', handed_over_at: at }], 2026, 5), 'InvalidArg').message,
    /records\[1\]: unknown field "handed_over_at"/,
  )
  assert.match(throwsCode(() => monthlyStatement([{ id: 'job-1', kind: 'letter' }], 2026, 5), 'InvalidArg').message, /records\[0\]\.units/)
  throwsCode(() => monthlyStatement([{ ...job, units: -1 }], 2026, 5), 'InvalidArg')
  throwsCode(() => monthlyStatement([{ ...job, id: 7 }], 2026, 5), 'InvalidArg')
  throwsCode(() => monthlyStatement([{ ...job, cancelled: 'no' }], 2026, 5), 'InvalidArg')
  throwsCode(() => monthlyStatement(['job-1'], 2026, 5), 'InvalidArg')
  throwsCode(() => monthlyStatement({ 0: job }, 2026, 5), 'InvalidArg')
  throwsCode(() => monthlyStatement([{ ...job, handedOverAt: '2026-05-04T10:00:00' }], 2026, 5), 'time.not_zone_aware')
  throwsCode(() => monthlyStatement([], 2026, 5, { tz: 'Nowhere/Land' }), 'time.unknown_zone')
  throwsCode(() => monthlyStatement([], 2026, 5, 'UTC'), 'InvalidArg')
})
