// Billing (envoi::billing) through Node: the price list read from the sample JSON and TOML of the
// core's tests, its entries as plain objects (money as { amount, currency }, days as strings),
// the queries at a date, invoice numbers and the sequence check, and every billing error with its
// fields (naming the file, the entry and the field).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import { billing } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { PriceList, InvoiceNumber, checkSequence, checkSequenceAfter } = billing

const data = new URL('../../core/tests/data/billing/', import.meta.url)
const JSON_TEXT = readFileSync(new URL('prices.json', data), 'utf8')
const TOML_TEXT = readFileSync(new URL('prices.toml', data), 'utf8')
const sample = () => PriceList.fromJson(JSON_TEXT)
const fields = (error) => {
  const { code: _, ...rest } = { ...error }
  return rest
}
/** The sample JSON edited, read back: the error it throws (with `code`). */
const edited = (edit, code) => {
  const value = JSON.parse(JSON_TEXT)
  edit(value)
  return throwsCode(() => PriceList.fromJson(JSON.stringify(value)), code)
}

test('the sample reads from JSON and TOML alike; its getters', () => {
  const list = sample()
  const toml = PriceList.fromToml(TOML_TEXT)
  assert.ok(toml.equals(list))
  assert.match(list.source, /^Illustrative prices/)
  assert.equal(list.asOf, '2026-01-15')
  assert.deepEqual(
    list.unitPrices.map((price) => [price.channel, price.price.amount, price.validity.validFrom, price.validity.validUntil]),
    [
      ['email', '0.0045', '2026-01-01', null],
      ['sms', '0.0825', '2026-01-01', '2026-07-01'],
      ['sms', '0.0790', '2026-07-01', null],
      ['secure_email', '0.0150', '2026-01-01', null],
    ],
  )
  assert.equal(list.packs.length, JSON.parse(JSON_TEXT).packs.length)
  assert.deepEqual(list.blockPlans, [
    { id: 'plannit-sms', blockSize: 500, fee: { amount: '25.00', currency: 'USD' }, validity: { validFrom: '2026-01-01', validUntil: null } },
  ])
  const [tariff] = list.letterTariffs
  assert.deepEqual(
    [tariff.id, tariff.colorPerSheet, tariff.duplexPerSheet, tariff.registeredFee, tariff.acknowledgementOfReceiptFee],
    [
      'click-and-post-2026',
      { amount: '0.20', currency: 'EUR' },
      { amount: '0.03', currency: 'EUR' },
      { amount: '6.10', currency: 'EUR' },
      { amount: '1.25', currency: 'EUR' },
    ],
  )
  assert.deepEqual(tariff.postage[0], { postage: 'prior', format: 'small', upToGrams: 50, price: { amount: '1.95', currency: 'EUR' } })
  assert.deepEqual(new Set(tariff.postage.map((rate) => rate.postage)), new Set(['prior', 'non_prior', 'prior_international']))
  assert.equal(PriceList.fromJson('{}').source, null)
  assert.equal(PriceList.fromJson('{}').asOf, null)
  assert.equal(sample().equals(PriceList.fromJson('{}')), false)
  throwsCode(() => list.equals({}), 'InvalidArg')
  assert.throws(() => new PriceList(), /constructor/)
})

test('queries at a date take the price valid that day (half-open validity)', () => {
  const list = sample()
  assert.deepEqual(list.pack('sms-1000', '2026-06-30'), {
    id: 'sms-1000',
    kind: 'sms',
    units: 1000,
    price: { amount: '75.00', currency: 'EUR' },
    validity: { validFrom: '2026-01-01', validUntil: '2026-07-01' },
  })
  assert.equal(list.pack('sms-1000', '2026-07-01').price.amount, '72.00')
  assert.equal(list.unitPrice('sms', '2026-06-30').price.amount, '0.0825')
  assert.equal(list.unitPrice('sms', '2026-07-01').price.amount, '0.0790')
  assert.equal(list.blockPlan('plannit-sms', '2026-03-01').fee.currency, 'USD')
  assert.equal(list.letterTariff('2026-03-01').id, 'click-and-post-2026')
  const onSale = list.packsOn('2026-03-10').map((pack) => pack.id)
  assert.ok(onSale.includes('sms-1000') && onSale.includes('email-5000'))
  assert.equal(new Set(onSale).size, onSale.length) // one price per id on a day
  assert.deepEqual(list.packsOn('2025-12-31'), [])
  throwsCode(() => list.pack('sms-1000', new Date()), 'InvalidArg')
  throwsCode(() => list.pack('sms-1000', '2026-3-1'), 'InvalidArg')
  throwsCode(() => list.unitPrice('fax', '2026-03-01'), 'InvalidArg')
})

test('billing.no_price names what has no price and what the list has', () => {
  const list = sample()
  const missing = throwsCode(() => list.pack('sms-2000', '2026-02-01'), 'billing.no_price')
  assert.deepEqual(fields(missing), { subject: 'pack sms-2000', on: '2026-02-01', detail: 'the price list has no entry for it' })
  assert.equal(missing.message, 'pack sms-2000: no price valid on 2026-02-01; the price list has no entry for it')
  const before = throwsCode(() => list.unitPrice('sms', '2025-12-31'), 'billing.no_price')
  assert.equal(before.subject, 'unit price of sms')
  assert.match(before.detail, /2026-01-01\.\.2026-07-01/)
  throwsCode(() => list.blockPlan('plannit-sms', '2025-12-31'), 'billing.no_price')
  assert.equal(throwsCode(() => PriceList.fromJson('{}').letterTariff('2026-02-01'), 'billing.no_price').subject, 'letter tariff')
})

test('a file name names the file in the errors (defaults prices.json and prices.toml)', () => {
  const bad = '{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "-5", "currency": "EUR", "valid_from": "2026-01-01"}]}'
  const named = throwsCode(() => PriceList.fromJson(bad, 'tariffs/2026.json'), 'billing.negative_price')
  assert.deepEqual(fields(named), { file: 'tariffs/2026.json', entry: 'packs[0] (sms-1000)', field: 'price', value: '-5' })
  assert.equal(named.message, 'tariffs/2026.json: packs[0] (sms-1000): price: "-5" must be positive or zero')
  assert.equal(throwsCode(() => PriceList.fromJson(bad), 'billing.negative_price').file, 'prices.json')
  const toml = TOML_TEXT.replace('price = "75.00"', 'price = "-5"')
  assert.equal(throwsCode(() => PriceList.fromToml(toml), 'billing.negative_price').file, 'prices.toml')
  assert.equal(throwsCode(() => PriceList.fromToml(toml, null), 'billing.negative_price').file, 'prices.toml')
})

test('billing.syntax and billing.duplicate_field: text that is not a list, a key given twice', () => {
  const json = throwsCode(() => PriceList.fromJson('{"packs": ['), 'billing.syntax')
  assert.deepEqual([json.file, json.format], ['prices.json', 'JSON'])
  assert.match(json.detail, /line 1/)
  assert.match(json.message, /^prices\.json: not JSON: /)
  const toml = throwsCode(() => PriceList.fromToml('[[packs]\n', 'p.toml'), 'billing.syntax')
  assert.deepEqual([toml.file, toml.format], ['p.toml', 'TOML'])
  const twice = throwsCode(
    () => PriceList.fromJson(JSON_TEXT.replace('"price": "0.0825",', '"price": "0.0825", "price": "0.0001",')),
    'billing.duplicate_field',
  )
  assert.deepEqual(fields(twice), { file: 'prices.json', entry: 'unit_prices[1]', field: 'price' })
})

test('every error of an entry names the file, the entry and the field, with its own fields', () => {
  assert.deepEqual(
    fields(edited((v) => { delete v.packs[1].currency }, 'billing.missing_field')),
    { file: 'prices.json', entry: 'packs[1] (email-5000)', field: 'currency', rule: 'an ISO 4217 code such as EUR or USD' },
  )
  const unknown = edited((v) => { v.packs[0].valid_untill = '2027-01-01' }, 'billing.unknown_field')
  assert.deepEqual([unknown.entry, unknown.field], ['packs[0] (email-test)', 'valid_untill'])
  assert.match(unknown.allowed, /valid_until/)
  const float = edited((v) => { v.packs[1].price = 25.0 }, 'billing.invalid_field')
  assert.deepEqual([float.entry, float.field, float.value], ['packs[1] (email-5000)', 'price', '25'])
  assert.match(float.rule, /binary floating point/)
  const units = edited((v) => { v.packs[1].units = 0 }, 'billing.invalid_field')
  assert.deepEqual(fields(units), { file: 'prices.json', entry: 'packs[1] (email-5000)', field: 'units', value: '0', rule: 'is not a whole number from 1 to 1000000000000' })
  assert.deepEqual(
    fields(edited((v) => { v.block_plans[0].currency = 'US$' }, 'billing.unknown_currency')),
    { file: 'prices.json', entry: 'block_plans[0] (plannit-sms)', field: 'currency', value: 'US$', rule: 'is not an ISO 4217 currency code (such as EUR or USD)' },
  )
  assert.deepEqual(
    fields(edited((v) => { v.unit_prices[0].channel = 'fax' }, 'billing.unknown_channel')),
    { file: 'prices.json', entry: 'unit_prices[0]', field: 'channel', value: 'fax' },
  )
  assert.deepEqual(
    fields(edited((v) => { v.letter_tariffs[0].postage[3].postage = 'express' }, 'billing.unknown_postage')),
    {
      file: 'prices.json',
      entry: 'letter_tariffs[0] (click-and-post-2026)',
      field: 'postage[3].postage',
      value: 'express',
      rule: 'is not a postage; rows are for prior, non_prior or prior_international',
    },
  )
  assert.deepEqual(
    fields(edited((v) => { v.letter_tariffs[0].postage[1].format = 'a4' }, 'billing.unknown_format')),
    { file: 'prices.json', entry: 'letter_tariffs[0] (click-and-post-2026)', field: 'postage[1].format', value: 'a4' },
  )
  assert.deepEqual(
    fields(edited((v) => { v.letter_tariffs[0].postage[1].up_to_grams = 250 }, 'billing.unknown_weight_band')),
    {
      file: 'prices.json',
      entry: 'letter_tariffs[0] (click-and-post-2026)',
      field: 'postage[1].up_to_grams',
      value: 250,
      zone: 'national',
      format: 'large',
      bands: '100, 350, 1000, 2000',
    },
  )
  assert.deepEqual(
    fields(edited((v) => { v.letter_tariffs[0].postage[2].up_to_grams = 100 }, 'billing.duplicate_entry')),
    {
      file: 'prices.json',
      entry: 'letter_tariffs[0] (click-and-post-2026)',
      field: 'postage[2]',
      value: 'prior large up to 100 g',
      other: 'postage[1]',
    },
  )
  assert.deepEqual(
    fields(edited((v) => { v.packs[5].valid_from = '2026-06-30' }, 'billing.overlapping_validity')),
    {
      file: 'prices.json',
      entry: 'packs[5] (sms-1000)',
      field: null,
      validity: '2026-06-30..',
      other: 'packs[4]',
      otherValidity: '2026-01-01..2026-07-01',
    },
  )
  assert.deepEqual(
    fields(edited((v) => { v.packs[5].units = 2000 }, 'billing.inconsistent_entry')),
    { file: 'prices.json', entry: 'packs[5] (sms-1000)', field: 'units', value: '2000', other: 'packs[4]', otherValue: '1000' },
  )
})

test('InvoiceNumber: parse, fields, next, toString, first, equals', () => {
  const number = InvoiceNumber.parse('2026-F-000123')
  assert.deepEqual([number.year, number.series, number.sequence], [2026, 'F', 123])
  assert.equal(number.toString(), '2026-F-000123')
  assert.equal(`${number.next()}`, '2026-F-000124')
  assert.equal(InvoiceNumber.parse('2026-F-1234567').sequence, 1234567)
  assert.equal(new InvoiceNumber(2026, 'C', 7).toString(), '2026-C-000007')
  assert.equal(InvoiceNumber.first('CN', 2027).toString(), '2027-CN-000001')
  assert.ok(new InvoiceNumber(2026, 'F', 123).equals(number))
  assert.equal(number.equals(number.next()), false)
  throwsCode(() => number.equals('2026-F-000123'), 'InvalidArg')
  assert.throws(() => InvoiceNumber(2026, 'F', 1), /without 'new'/)
})

test('billing.invalid_invoice_number: value and rule', () => {
  const padded = throwsCode(() => InvoiceNumber.parse('2026-F-123'), 'billing.invalid_invoice_number')
  assert.deepEqual(fields(padded), {
    value: '2026-F-123',
    rule: 'has a sequence not written with 6 digits (zero-padded) or more without leading zeros',
  })
  assert.equal(throwsCode(() => InvoiceNumber.parse('F-2026-000001'), 'billing.invalid_invoice_number').value, 'F-2026-000001')
  assert.equal(throwsCode(() => new InvoiceNumber(2026, 'f', 1), 'billing.invalid_invoice_number').value, 'f')
  assert.equal(throwsCode(() => new InvoiceNumber(26, 'F', 1), 'billing.invalid_invoice_number').value, '26')
  assert.match(throwsCode(() => new InvoiceNumber(2026, 'F', 0), 'billing.invalid_invoice_number').rule, /sequence 0/)
  const last = new InvoiceNumber(2026, 'F', 4294967295)
  assert.equal(throwsCode(() => last.next(), 'billing.invalid_invoice_number').rule, 'is the last number of its series and year')
  throwsCode(() => new InvoiceNumber(2026, 'F', 4294967296), 'InvalidArg')
  throwsCode(() => new InvoiceNumber(2026, 'F', -1), 'InvalidArg')
  throwsCode(() => new InvoiceNumber(2026.5, 'F', 1), 'InvalidArg')
  throwsCode(() => InvoiceNumber.first('F', 2 ** 40), 'InvalidArg')
})

test('checkSequence: fine, or billing.invoice_sequence with every gap and duplicate', () => {
  assert.equal(checkSequence(['2026-F-000002', InvoiceNumber.parse('2026-F-000001'), '2026-C-000001', '2027-F-000001']), undefined)
  assert.equal(checkSequence([]), undefined)
  const error = throwsCode(() => checkSequence(['2026-F-000001', '2026-F-000001', '2026-C-000002', '2026-F-000005']), 'billing.invoice_sequence')
  assert.deepEqual(error.problems, [
    { kind: 'gap', from: '2026-C-000001', to: '2026-C-000001', message: '2026-C: 2026-C-000001 missing' },
    { kind: 'duplicate', number: '2026-F-000001', count: 2, message: '2026-F: 2026-F-000001 given 2 times' },
    { kind: 'gap', from: '2026-F-000002', to: '2026-F-000004', message: '2026-F: 2026-F-000002 to 2026-F-000004 missing' },
  ])
  assert.equal(
    error.message,
    'invoice numbers: 2026-C: 2026-C-000001 missing; 2026-F: 2026-F-000001 given 2 times; 2026-F: 2026-F-000002 to 2026-F-000004 missing',
  )
  throwsCode(() => checkSequence(['2026-F-000001', '2026-F-1']), 'billing.invalid_invoice_number')
  throwsCode(() => checkSequence(['2026-F-000001', 2]), 'InvalidArg')
  throwsCode(() => checkSequence(['2026-F-000001', {}]), 'InvalidArg')
  throwsCode(() => checkSequence('2026-F-000001'), 'InvalidArg')
})

test('InvoiceNumber.compare and isBefore: the core order (year, series, sequence)', () => {
  const numbers = ['2027-F-000001', '2026-F-000010', '2026-C-000002', '2026-F-000002'].map((n) => InvoiceNumber.parse(n))
  assert.deepEqual(numbers.sort(InvoiceNumber.compare).map(String), ['2026-C-000002', '2026-F-000002', '2026-F-000010', '2027-F-000001'])
  assert.equal(InvoiceNumber.compare(numbers[1], InvoiceNumber.parse('2026-F-000002')), 0)
  assert.ok(numbers[1].isBefore(numbers[2]))
  assert.equal(numbers[2].isBefore(numbers[1]), false)
  throwsCode(() => InvoiceNumber.compare(numbers[0], '2026-F-000001'), 'InvalidArg')
})

test('checkSequenceAfter: numbers continue the last one issued', () => {
  assert.equal(checkSequenceAfter('2026-F-000041', ['2026-F-000043', InvoiceNumber.parse('2026-F-000042'), '2027-F-000001']), undefined)
  assert.equal(checkSequenceAfter(null, ['2026-F-000001']), undefined)
  const error = throwsCode(() => checkSequenceAfter(InvoiceNumber.parse('2026-F-000041'), ['2026-F-000041', '2026-F-000044']), 'billing.invoice_sequence')
  assert.deepEqual(error.problems.map((p) => [p.kind, p.number ?? p.from, p.to ?? p.count]), [['duplicate', '2026-F-000041', 2], ['gap', '2026-F-000042', '2026-F-000043']])
  throwsCode(() => checkSequenceAfter('2026-F-41', []), 'billing.invalid_invoice_number')
})
