// VAT numbers and rates (envoi::vat) through Node: vat.validate never throws for a number's text and
// says why one is invalid; vat.parseNumber throws the core's error with its fields; rates are
// decimal strings, days "YYYY-MM-DD" strings. The whole python-stdnum comparison file of the core
// runs through the binding too.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import { vat } from '../index.js'
import { throwsCode } from './helpers.mjs'

const valid = (compact, kind = 'customer') => ({
  valid: true,
  country: compact.slice(0, 2),
  compact,
  national: compact.slice(2),
  kind,
  reason: null,
  message: null,
})

test('validate: the forms people type, GR as EL, GB only as XI, OSS ids as their own kind', () => {
  assert.deepEqual(vat.validate('be 0403.170.701'), valid('BE0403170701'))
  assert.deepEqual(vat.validate('BE (0)403.170.701'), valid('BE0403170701'))
  assert.deepEqual(vat.validate('BE403170701'), valid('BE0403170701')) // the leading 0 restored
  assert.deepEqual(vat.validate('0403170701', 'BE'), valid('BE0403170701'))
  assert.deepEqual(vat.validate('0403170701', 'be'), valid('BE0403170701'))
  assert.deepEqual(vat.validate('ＢＥ\u3000０４０３．１７０．７０１'), valid('BE0403170701')) // NFKC
  assert.deepEqual(vat.validate('GR 094259216'), valid('EL094259216'))
  assert.deepEqual(vat.validate('094259216', 'GR'), valid('EL094259216'))
  assert.deepEqual(vat.validate('GB980780684', 'XI'), valid('XI980780684'))
  assert.deepEqual(vat.validate('EU372022452'), valid('EU372022452', 'oss'))
  assert.deepEqual(vat.validate('IM3720000224'), valid('IM3720000224', 'oss'))
  assert.deepEqual(vat.validate('NL 4495.445.B01'), valid('NL004495445B01'))
  assert.deepEqual(vat.validate('FR 40 303 265 045', null), valid('FR40303265045'))
  assert.deepEqual(vat.validate('FR40303265045', ''), valid('FR40303265045'))
  assert.deepEqual(vat.validate('FR40303265045', undefined), valid('FR40303265045'))
})

test('validate: an invalid number is a verdict with the reason code and the message', () => {
  const invalid = (number, country, reason) => {
    const result = vat.validate(number, country)
    assert.equal(result.valid, false, number)
    assert.equal(result.reason, reason, `${number}: ${result.message}`)
    assert.deepEqual([result.country, result.compact, result.national, result.kind], [null, null, null, null])
    assert.equal(typeof result.message, 'string')
    return result
  }
  assert.match(invalid('FR40303265046', null, 'vat.bad_check_digit').message, /FR check-digit/)
  assert.equal(
    invalid('DE12345', null, 'vat.bad_length').message,
    'vat_number: DE12345 has 5 characters after DE; DE numbers have 9 digits',
  )
  invalid(' .-/ ', null, 'vat.empty')
  invalid('0403170701', null, 'vat.unknown_country') // no prefix, no country
  invalid('GB980780684', null, 'vat.unknown_country') // GB only as XI
  invalid('ZZ123456789', null, 'vat.unknown_country')
  invalid('0403170701', 'ZZ', 'vat.unknown_country')
  invalid('BE0403170701', 'FR', 'vat.country_mismatch')
  invalid('BE04031707€1', null, 'vat.invalid_character')
  invalid('AT114243102', null, 'vat.bad_format')
})

test('validate: a value that is not a string throws InvalidArg, not a verdict', () => {
  for (const value of [12, null, undefined, {}, ['BE0403170701']]) {
    throwsCode(() => vat.validate(value), 'InvalidArg')
  }
  throwsCode(() => vat.validate('BE0403170701', 32), 'InvalidArg')
  // The wrapper reads nothing else: a second call after a throw works.
  assert.equal(vat.validate('BE0403170701').valid, true)
})

test('validate agrees with python-stdnum on every row of core/tests/data/vat_stdnum.tsv (SPEC normalisation)', () => {
  const url = new URL('../../core/tests/data/vat_stdnum.tsv', import.meta.url)
  const lines = readFileSync(url, 'utf8').split('\n').filter((line) => line && !line.startsWith('#'))
  assert.equal(lines.shift(), 'input\tcountry\tstdnum\tstdnum_compact\tspec\tspec_compact\tdifference\tcase')
  const unescape = (text) => text.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c])
  let rows = 0
  let sameAsStdnum = 0
  for (const line of lines) {
    const [input, country, stdnum, , spec, specCompact, difference] = line.split('\t')
    const result = vat.validate(unescape(input), country || null)
    // `spec`: stdnum's verdict on the input normalised as SPEC section 7 says (the core's contract).
    assert.equal(result.valid ? 'valid' : 'invalid', spec, `${input} (${country}): ${result.message}`)
    if (result.valid) assert.equal(result.compact, specCompact, input)
    if (difference === '') assert.equal(result.valid ? 'valid' : 'invalid', stdnum, input)
    if ((result.valid ? 'valid' : 'invalid') === stdnum) sameAsStdnum += 1
    rows += 1
  }
  assert.ok(rows > 10_000, `${rows} rows`)
  assert.ok(sameAsStdnum / rows > 0.85, `${sameAsStdnum} of ${rows}`)
})

test('parseNumber: the number, or the core error with its fields', () => {
  assert.deepEqual(vat.parseNumber('NL 4495.445.B01'), {
    country: 'NL',
    compact: 'NL004495445B01',
    national: '004495445B01',
    kind: 'customer',
  })
  assert.deepEqual(vat.parseNumber('372022452', 'EU').kind, 'oss')
  const fields = (number, country, code) => {
    const error = throwsCode(() => vat.parseNumber(number, country), code)
    const { code: _, ...rest } = { ...error }
    return rest
  }
  assert.deepEqual(fields('DE12345', null, 'vat.bad_length'), {
    country: 'DE',
    compact: 'DE12345',
    length: 5,
    expected: '9 digits',
  })
  assert.deepEqual(fields('FR40303265046', null, 'vat.bad_check_digit'), { country: 'FR', compact: 'FR40303265046' })
  assert.deepEqual(fields('BE0403170701', 'FR', 'vat.country_mismatch'), {
    value: 'BE0403170701',
    prefix: 'BE',
    country: 'FR',
  })
  assert.deepEqual(fields('BE04031707€1', null, 'vat.invalid_character'), {
    country: 'BE',
    value: 'BE04031707€1',
    character: '€',
  })
  const gb = fields('GB980780684', null, 'vat.unknown_country')
  assert.deepEqual([gb.field, gb.value], ['vat_number', 'GB'])
  assert.match(gb.hint, /only as XI/)
  assert.deepEqual(fields('x', 'ZZ', 'vat.unknown_country'), { field: 'country', value: 'ZZ', hint: '' })
  assert.deepEqual(fields('--', null, 'vat.empty'), { field: 'vat_number', value: '--' })
  assert.deepEqual(fields('AT114243102', null, 'vat.bad_format'), {
    country: 'AT',
    compact: 'AT114243102',
    rule: 'starts with U',
  })
  throwsCode(() => vat.parseNumber('BE0403170701', 1), 'InvalidArg')
})

test('countries and member states: 27 + XI; Greece as EL (and GR), XI outside the EU', () => {
  const countries = vat.countries()
  assert.equal(countries.length, 28)
  assert.deepEqual([countries[0], countries.at(-1)], ['AT', 'XI'])
  assert.ok(countries.includes('EL') && !countries.includes('GR'))
  assert.deepEqual(
    ['BE', 'el', 'GR', 'XI', 'GB', 'EU', 'US', ''].map((code) => vat.isEuMemberState(code)),
    [true, true, true, false, false, false, false, false],
  )
})

test('rate: the rate in force that day, on both sides of each change', () => {
  const standard = (country, date) => vat.rate(country, date).standard
  assert.deepEqual(vat.rate('BE', '2026-03-02'), {
    country: 'BE',
    standard: '21',
    reduced: ['12', '6'],
    effectiveFrom: '2019-01-01',
    unverified: false,
  })
  // DE 16% in H2 2020.
  assert.deepEqual(
    ['2020-06-30', '2020-07-01', '2020-12-31', '2021-01-01'].map((d) => standard('DE', d)),
    ['19', '16', '16', '19'],
  )
  assert.deepEqual(vat.rate('DE', '2020-07-01').reduced, ['5'])
  // IE 21% from September 2020 to February 2021.
  assert.deepEqual(
    ['2020-08-31', '2020-09-01', '2021-02-28', '2021-03-01'].map((d) => standard('IE', d)),
    ['23', '21', '21', '23'],
  )
  // LU 16% in 2023; EE 22% then 24%; FI 25.5%.
  assert.deepEqual(['2022-12-31', '2023-01-01', '2024-01-01'].map((d) => standard('LU', d)), ['17', '16', '17'])
  assert.deepEqual(['2023-12-31', '2024-01-01', '2025-07-01'].map((d) => standard('EE', d)), ['20', '22', '24'])
  assert.deepEqual(['2024-08-31', '2024-09-01'].map((d) => standard('FI', d)), ['24', '25.5'])
  assert.equal(vat.rate('FI', '2024-09-01').effectiveFrom, '2024-09-01')
  // Greece as EL, any case.
  assert.equal(vat.rate('gr', '2026-01-01').country, 'EL')
})

test('rate: unknown country, XI, a day before the table, a Date or a malformed day', () => {
  const xi = throwsCode(() => vat.rate('XI', '2026-01-01'), 'vat.no_rate')
  assert.deepEqual([xi.country, xi.date], ['XI', '2026-01-01'])
  assert.match(xi.covered, /27 EU member states/)
  const early = throwsCode(() => vat.rate('BE', '2018-12-31'), 'vat.no_rate')
  assert.deepEqual([early.country, early.date, early.covered], ['BE', '2018-12-31', 'BE from 2019-01-01 on'])
  const unknown = throwsCode(() => vat.rate('US', '2026-01-01'), 'vat.unknown_country')
  assert.deepEqual([unknown.field, unknown.value], ['country', 'US'])
  throwsCode(() => vat.rate('BE', new Date('2026-01-01T00:00:00Z')), 'InvalidArg')
  throwsCode(() => vat.rate('BE', '2026-1-1'), 'InvalidArg')
  throwsCode(() => vat.rate('BE', '2026-02-30'), 'InvalidArg')
  throwsCode(() => vat.rate('BE', 20260101), 'InvalidArg')
})

test('RateTable: the built-in table, its verification day, JSON round trip, a host table', () => {
  const table = vat.RateTable.builtin()
  assert.match(table.verifiedOn, /^\d{4}-\d{2}-\d{2}$/)
  assert.equal(table.countries().length, 27)
  assert.ok(table.countries().includes('EL'))
  assert.deepEqual(table.rate('LU', '2023-06-01'), vat.rate('LU', '2023-06-01'))
  // A day after the verification day: the last known rate, flagged unverified.
  const later = new Date(`${table.verifiedOn}T00:00:00Z`)
  later.setUTCFullYear(later.getUTCFullYear() + 1)
  const next = table.rate('BE', later.toISOString().slice(0, 10))
  assert.deepEqual([next.standard, next.unverified], ['21', true])
  assert.equal(table.rate('BE', table.verifiedOn).unverified, false)

  const json = table.toJson()
  const same = vat.RateTable.fromJson(json)
  assert.ok(same.equals(table) && table.equals(same))
  assert.equal(same.toJson(), json)

  // A host's newer table (same format): Belgium at 22% from 2027.
  const data = JSON.parse(json)
  data.verified_on = '2027-06-30'
  data.countries.find((entry) => entry.country === 'BE').periods.push({
    from: '2027-01-01',
    standard: '22',
    reduced: ['12', '6'],
  })
  const newer = vat.RateTable.fromJson(JSON.stringify(data))
  assert.equal(newer.equals(table), false)
  assert.deepEqual(newer.rate('BE', '2027-03-01'), {
    country: 'BE',
    standard: '22',
    reduced: ['12', '6'],
    effectiveFrom: '2027-01-01',
    unverified: false,
  })
  assert.equal(newer.rate('BE', '2026-12-31').standard, '21')
  assert.equal(vat.treatment('BE', 'consumer', 'letter', '2027-03-01', { rateTable: newer }).rate, '22')
  assert.equal(vat.treatment('BE', 'consumer', 'letter', '2027-03-01').rate, '21')
})

test('RateTable: a malformed table throws vat.invalid_rate_table with its fields; no `new`', () => {
  const data = JSON.parse(vat.RateTable.builtin().toJson())
  data.countries[0].periods[0].standard = 21 // a JSON number, not a decimal string
  const error = throwsCode(() => vat.RateTable.fromJson(JSON.stringify(data)), 'vat.invalid_rate_table')
  assert.deepEqual([typeof error.entry, error.field, error.value], ['string', 'standard', '21'])
  assert.equal(typeof error.rule, 'string')
  throwsCode(() => vat.RateTable.fromJson('{'), 'vat.invalid_rate_table')
  const fresh = JSON.parse(vat.RateTable.builtin().toJson())
  fresh.countries = fresh.countries.filter((entry) => entry.country !== 'SK')
  const missing = throwsCode(() => vat.RateTable.fromJson(JSON.stringify(fresh)), 'vat.invalid_rate_table')
  assert.deepEqual([missing.entry, missing.field, missing.value], ['table', 'countries', 'SK'])
  assert.throws(() => new vat.RateTable())
  throwsCode(() => vat.RateTable.builtin().equals({}), 'InvalidArg')
})
