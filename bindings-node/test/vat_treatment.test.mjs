// Which VAT an order carries (envoi::vat::treatment, SPEC section 7) through Node: each Decision of
// the SPEC once through the binding, the evidence, the legal mentions, the JSON the host stores, and
// the refusal to remove VAT after the order. Amounts are decimal strings; a number is refused.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { vat } from '../index.js'
import { throwsCode } from './helpers.mjs'

const DAY = '2026-03-02'
const FR = 'FR40303265045' // valid offline
const summary = (t) => ({
  kind: t.kind,
  vatCountry: t.vatCountry,
  rate: t.rate,
  mention: t.mention,
  reason: t.reason,
  treatedAsConsumer: t.treatedAsConsumer,
})

test('a Belgian customer, business or consumer: Belgian VAT', () => {
  const consumer = vat.treatment('BE', 'consumer', 'electronic', DAY)
  assert.deepEqual(summary(consumer), {
    kind: 'charge',
    vatCountry: 'BE',
    rate: '21',
    mention: null,
    reason: 'belgian_customer',
    treatedAsConsumer: null,
  })
  assert.equal(consumer.rateUnverified, false)
  assert.equal(consumer.evidence, null)
  assert.equal(consumer.explanation, 'customer in Belgium: Belgian VAT')
  assert.equal(consumer.mentionText('fr'), null)
  const business = vat.treatment('be', 'business', 'letter', DAY, {
    vatNumber: 'BE 0403.170.701',
    vies: true,
    exemptionRequested: true,
  })
  assert.deepEqual([business.kind, business.vatCountry, business.rate, business.reason], ['charge', 'BE', '21', 'belgian_customer'])
  assert.deepEqual(business.evidence, {
    typed: 'BE 0403.170.701',
    compact: 'BE0403170701',
    offlineError: null,
    online: { valid: true, requestId: null, checkedAt: null },
  })
})

test('an EU business with a valid number that asked for the exemption at order time: reverse charge with its mention', () => {
  const t = vat.treatment('FR', 'business', 'electronic', DAY, {
    vatNumber: 'fr 40 303 265 045',
    vies: { valid: true, requestId: 'WAPIAAAAW1234567', checkedAt: '2026-03-02T10:15:00+01:00' },
    exemptionRequested: true,
  })
  assert.deepEqual(summary(t), {
    kind: 'reverse_charge',
    vatCountry: 'FR',
    rate: '0',
    mention: 'reverse_charge',
    reason: 'eu_business_reverse_charge',
    treatedAsConsumer: null,
  })
  assert.deepEqual(t.evidence, {
    typed: 'fr 40 303 265 045',
    compact: FR,
    offlineError: null,
    online: { valid: true, requestId: 'WAPIAAAAW1234567', checkedAt: '2026-03-02T09:15:00Z' },
  })
  assert.deepEqual(
    ['fr', 'nl', 'de', 'en'].map((language) => t.mentionText(language)),
    [
      'Autoliquidation – article 196 de la directive 2006/112/CE',
      'Btw verlegd – artikel 196 van richtlijn 2006/112/EG',
      'Steuerschuldnerschaft des Leistungsempfängers – Artikel 196 der Richtlinie 2006/112/EG',
      'Reverse charge – Article 196 of Directive 2006/112/EC',
    ],
  )
  assert.equal(t.mentionText('NL'), t.mentionText('nl'))
  const spanish = throwsCode(() => t.mentionText('es'), 'language.unsupported')
  assert.equal(spanish.value, 'es')
  // A Date is accepted for the time of the check too.
  const dated = vat.treatment('FR', 'business', 'electronic', DAY, {
    vatNumber: FR,
    vies: { valid: true, checkedAt: new Date('2026-03-02T09:15:00Z') },
    exemptionRequested: true,
  })
  assert.equal(dated.evidence.online.checkedAt, '2026-03-02T09:15:00Z')
})

test('the online check unavailable at order time: pending verification, never a silent reverse charge', () => {
  for (const vies of [undefined, null]) {
    const t = vat.treatment('DE', 'business', 'electronic', DAY, {
      vatNumber: 'DE136695976',
      vies,
      exemptionRequested: true,
    })
    assert.deepEqual(summary(t), {
      kind: 'pending_verification',
      vatCountry: 'DE',
      rate: null,
      mention: null,
      reason: 'eu_business_online_check_unavailable',
      treatedAsConsumer: null,
    })
    assert.equal(t.evidence.online, null)
  }
})

test('a business without a valid number, or that did not ask for the exemption, is treated as a consumer', () => {
  const as = (options) => {
    const t = vat.treatment('FR', 'business', 'electronic', DAY, options)
    return [t.kind, t.vatCountry, t.rate, t.reason, t.treatedAsConsumer]
  }
  const under = ['charge', 'BE', '21', 'eu_consumer_under_threshold']
  assert.deepEqual(as({}), [...under, 'no_vat_number'])
  assert.deepEqual(as({ vatNumber: 'FR40303265046', vies: true, exemptionRequested: true }), [...under, 'invalid_offline'])
  // "Invalid" includes a number valid offline that the online check answers invalid.
  assert.deepEqual(as({ vatNumber: FR, vies: false, exemptionRequested: true }), [...under, 'invalid_online'])
  assert.deepEqual(as({ vatNumber: FR, vies: true }), [...under, 'exemption_not_requested'])
  assert.deepEqual(as({ vatNumber: FR, vies: true, exemptionRequested: false }), [...under, 'exemption_not_requested'])
  // An OSS id is never a customer VAT number.
  assert.deepEqual(as({ vatNumber: 'EU372022452', vies: true, exemptionRequested: true }), [...under, 'oss_number'])
  const offline = vat.treatment('FR', 'business', 'electronic', DAY, { vatNumber: 'FR40303265046', vies: true })
  assert.deepEqual([offline.evidence.compact, offline.evidence.offlineError], [null, 'vat.bad_check_digit'])
})

// The host's checker as the vies option: envoi asks it only when its answer decides (the core's rule).
const checker = (answer) => {
  const calls = []
  const check = (number) => {
    calls.push(number)
    return typeof answer === 'function' ? answer(number) : answer
  }
  return { check, calls }
}

test('a vies checker is not called when its answer cannot change the treatment', () => {
  const cases = [
    ['FR', 'consumer', { vatNumber: FR, exemptionRequested: true }, 'eu_consumer_under_threshold'],
    ['FR', 'business', { vatNumber: FR }, 'eu_consumer_under_threshold'], // exemption not asked for
    ['FR', 'business', { vatNumber: FR, exemptionRequested: false }, 'eu_consumer_under_threshold'],
    ['BE', 'business', { vatNumber: 'BE0403170701', exemptionRequested: true }, 'belgian_customer'],
    ['XI', 'business', { vatNumber: 'XI980780684', exemptionRequested: true }, 'outside_eu_electronic'],
    ['US', 'business', { vatNumber: FR, exemptionRequested: true }, 'outside_eu_electronic'],
    ['FR', 'business', { vatNumber: 'FR40303265046', exemptionRequested: true }, 'eu_consumer_under_threshold'], // invalid offline
    ['FR', 'business', { vatNumber: 'EU372022452', exemptionRequested: true }, 'eu_consumer_under_threshold'], // an OSS id
    ['FR', 'business', { exemptionRequested: true }, 'eu_consumer_under_threshold'], // no number
  ]
  for (const [country, kind, options, reason] of cases) {
    const host = checker(true)
    const t = vat.treatment(country, kind, 'electronic', DAY, { ...options, vies: host.check })
    assert.deepEqual([country, kind, host.calls], [country, kind, []])
    assert.equal(t.reason, reason, `${country} ${kind} ${JSON.stringify(options)}`)
    if (t.evidence) assert.equal(t.evidence.online, null)
  }
})

test('a vies checker is called once with the compact number when its answer decides', () => {
  const asked = (vies, country = 'DE', vatNumber = 'de 136.695.976') =>
    vat.treatment(country, 'business', 'electronic', DAY, { vatNumber, exemptionRequested: true, vies })
  // true: reverse charge, the answer kept as evidence.
  const yes = checker(true)
  const reverse = asked(yes.check)
  assert.deepEqual(yes.calls, ['DE136695976'])
  assert.deepEqual([reverse.kind, reverse.reason], ['reverse_charge', 'eu_business_reverse_charge'])
  assert.deepEqual(reverse.evidence.online, { valid: true, requestId: null, checkedAt: null })
  // Greece: GR typed, the service asked for EL.
  const greek = checker(true)
  assert.equal(asked(greek.check, 'GR', '094259216').kind, 'reverse_charge')
  assert.deepEqual(greek.calls, ['EL094259216'])
  // An OnlineCheck object, with its request id and time.
  const full = checker({ valid: true, requestId: 'WAPI-7', checkedAt: new Date('2026-03-02T09:15:00Z') })
  assert.deepEqual(asked(full.check).evidence.online, { valid: true, requestId: 'WAPI-7', checkedAt: '2026-03-02T09:15:00Z' })
  // false: treated as a consumer, invalid online.
  const no = checker(false)
  const consumer = asked(no.check)
  assert.deepEqual([consumer.kind, consumer.reason, consumer.treatedAsConsumer], ['charge', 'eu_consumer_under_threshold', 'invalid_online'])
  assert.equal(no.calls.length, 1)
  // null: the service is unavailable, pending verification.
  const down = checker(null)
  const pending = asked(down.check)
  assert.deepEqual([pending.kind, pending.rate, pending.reason], ['pending_verification', null, 'eu_business_online_check_unavailable'])
  assert.equal(pending.evidence.online, null)
  assert.equal(down.calls.length, 1)
  // The same treatment as the answer passed as a value.
  assert.ok(asked(checker(false).check).equals(asked(false)))
  // Called as a plain function (this undefined); may call envoi again.
  const reentrant = asked(function (number) {
    'use strict'
    assert.equal(this, undefined)
    return vat.validate(number).valid
  })
  assert.equal(reentrant.kind, 'reverse_charge')
})

test('an exception thrown by a vies checker propagates unchanged; a wrong answer is a TypeError naming vies', () => {
  const options = (vies) => ({ vatNumber: 'DE136695976', exemptionRequested: true, vies })
  const thrown = new RangeError('VIES client bug')
  assert.throws(
    () => vat.treatment('DE', 'business', 'electronic', DAY, options(() => { throw thrown })),
    (error) => error === thrown,
  )
  const notAnError = { reason: 'thrown object' }
  assert.throws(
    () => vat.treatment('DE', 'business', 'electronic', DAY, options(() => { throw notAnError })),
    (error) => error === notAnError,
  )
  for (const answer of [undefined, 'valid', 1, {}, { valid: 'yes' }, { valid: true, at: 'x' }, [true], Promise.resolve(true)]) {
    const error = throwsCode(() => vat.treatment('DE', 'business', 'electronic', DAY, options(() => answer)), 'InvalidArg')
    assert.ok(error instanceof TypeError, `${error.constructor.name}: ${error.message}`)
    assert.match(error.message, /^vies/)
  }
  // async: a Promise, refused with a hint.
  const promise = throwsCode(() => vat.treatment('DE', 'business', 'electronic', DAY, options(async () => true)), 'InvalidArg')
  assert.match(promise.message, /Promise.*synchronous/)
  // A wrong answer is not an error while the checker is not asked.
  assert.equal(vat.treatment('DE', 'consumer', 'electronic', DAY, options(() => 'valid')).kind, 'charge')
})

test('EU consumers of electronic services: the threshold "exceeds" EUR 10,000.00 this year or last', () => {
  const consumer = (options) => {
    const t = vat.treatment('DE', 'consumer', 'electronic', DAY, options)
    return [t.vatCountry, t.rate, t.reason]
  }
  assert.deepEqual(consumer(), ['BE', '21', 'eu_consumer_under_threshold'])
  assert.deepEqual(consumer({ b2cCurrentYear: '10000.00', b2cPreviousYear: '10000' }), ['BE', '21', 'eu_consumer_under_threshold'])
  assert.deepEqual(consumer({ b2cCurrentYear: '10000.01' }), ['DE', '19', 'eu_consumer_over_threshold'])
  assert.deepEqual(consumer({ b2cPreviousYear: '25000' }), ['DE', '19', 'eu_consumer_over_threshold'])
  assert.deepEqual(consumer({ b2cCurrentYear: null, b2cPreviousYear: null }), ['BE', '21', 'eu_consumer_under_threshold'])
  // Greece: GR typed, EL charged.
  const greek = vat.treatment('GR', 'consumer', 'electronic', DAY, { b2cCurrentYear: '12000' })
  assert.deepEqual([greek.vatCountry, greek.rate], ['EL', '24'])
})

test('letters follow the general rule; outside the EU (XI included for services) is out of scope', () => {
  const letter = vat.treatment('FR', 'consumer', 'letter', DAY, { b2cCurrentYear: '50000' })
  assert.deepEqual([letter.kind, letter.vatCountry, letter.rate, letter.reason], ['charge', 'BE', '21', 'letter_consumer_general_rule'])
  const usConsumerLetter = vat.treatment('US', 'consumer', 'letter', DAY)
  assert.deepEqual([usConsumerLetter.vatCountry, usConsumerLetter.reason], ['BE', 'letter_consumer_general_rule'])
  const usBusinessLetter = vat.treatment('US', 'business', 'letter', DAY)
  assert.deepEqual(summary(usBusinessLetter), {
    kind: 'out_of_scope',
    vatCountry: null,
    rate: '0',
    mention: 'out_of_scope',
    reason: 'outside_eu_business_letter',
    treatedAsConsumer: null,
  })
  const us = vat.treatment('US', 'business', 'electronic', DAY)
  assert.deepEqual([us.kind, us.mention, us.reason], ['out_of_scope', 'out_of_scope', 'outside_eu_electronic'])
  assert.equal(us.mentionText('en'), 'Outside the scope of EU VAT – place of supply outside the EU')
  // XI numbers validate, but an XI customer is outside the EU for services.
  const xi = vat.treatment('XI', 'business', 'electronic', DAY, {
    vatNumber: 'GB980780684',
    vies: true,
    exemptionRequested: true,
  })
  assert.deepEqual([xi.kind, xi.reason, xi.evidence.compact], ['out_of_scope', 'outside_eu_electronic', 'XI980780684'])
  assert.equal(vat.treatment('XI', 'consumer', 'electronic', DAY).kind, 'out_of_scope')
})

test('a rate from a day after the table was verified is flagged', () => {
  const table = vat.RateTable.builtin()
  const later = `${Number(table.verifiedOn.slice(0, 4)) + 2}-01-15`
  const t = vat.treatment('BE', 'consumer', 'electronic', later)
  assert.deepEqual([t.rate, t.rateUnverified], ['21', true])
  assert.equal(vat.treatment('BE', 'consumer', 'electronic', table.verifiedOn).rateUnverified, false)
})

test('removing VAT after the order is refused unless the order already had the reverse charge', () => {
  const charged = vat.treatment('FR', 'business', 'electronic', DAY, { vatNumber: FR, vies: true })
  const error = throwsCode(() => charged.removeVatAfterOrder('ord-42'), 'vat.exemption_not_requested_at_order')
  assert.ok(error.code.endsWith('exemption_not_requested_at_order'))
  assert.equal(error.orderId, 'ord-42')
  assert.equal(error.treatment, 'charge BE 21% (eu_consumer_under_threshold)')
  assert.match(error.message, /only be requested when ordering/)
  const reverse = vat.treatment('FR', 'business', 'electronic', DAY, { vatNumber: FR, vies: true, exemptionRequested: true })
  assert.ok(reverse.removeVatAfterOrder('ord-43').equals(reverse))
  const pending = vat.treatment('FR', 'business', 'electronic', DAY, { vatNumber: FR, exemptionRequested: true })
  throwsCode(() => pending.removeVatAfterOrder('ord-44'), 'vat.exemption_not_requested_at_order')
})

test('the treatment JSON the host stores with the order round-trips', () => {
  const t = vat.treatment('FR', 'business', 'electronic', DAY, {
    vatNumber: FR,
    vies: { valid: true, requestId: 'WAPI-1', checkedAt: '2026-03-02T09:15:00Z' },
    exemptionRequested: true,
  })
  const json = t.toJson()
  assert.deepEqual(JSON.parse(json), {
    kind: 'reverse_charge',
    vat_country: 'FR',
    rate: '0',
    rate_unverified: false,
    mention: 'reverse_charge',
    reason: 'eu_business_reverse_charge',
    treated_as_consumer: null,
    evidence: {
      typed: FR,
      compact: FR,
      offline_error: null,
      online: { valid: true, request_id: 'WAPI-1', checked_at: '2026-03-02T09:15:00Z' },
    },
  })
  const back = vat.Treatment.fromJson(json)
  assert.ok(back.equals(t))
  assert.equal(back.toJson(), json)
  assert.deepEqual(summary(back), summary(t))
  assert.equal(back.equals(vat.treatment('BE', 'consumer', 'electronic', DAY)), false)
  throwsCode(() => vat.Treatment.fromJson('{"kind":"maybe"}'), 'InvalidArg')
  throwsCode(() => t.equals(vat.RateTable.builtin()), 'InvalidArg')
  assert.throws(() => new vat.Treatment())
})

test('refused arguments: codes with fields, numbers for amounts, Dates for days, unknown options', () => {
  const kind = throwsCode(() => vat.treatment('FR', 'company', 'electronic', DAY), 'vat.invalid_argument')
  assert.deepEqual([kind.field, kind.value, kind.expected], ['customer_kind', 'company', 'business, consumer'])
  const service = throwsCode(() => vat.treatment('FR', 'consumer', 'sms', DAY), 'vat.invalid_argument')
  assert.deepEqual([service.field, service.value], ['service', 'sms'])
  const country = throwsCode(() => vat.treatment('BEL', 'consumer', 'letter', DAY), 'vat.unknown_country')
  assert.deepEqual([country.field, country.value], ['customer_country', 'BEL'])
  const negative = throwsCode(
    () => vat.treatment('DE', 'consumer', 'electronic', DAY, { b2cPreviousYear: '-1' }),
    'vat.invalid_amount',
  )
  assert.deepEqual([negative.field, negative.value], ['b2c_previous_year', '-1'])
  // Money is never binary floating point.
  const float = throwsCode(() => vat.treatment('DE', 'consumer', 'electronic', DAY, { b2cCurrentYear: 10000.01 }), 'InvalidArg')
  assert.match(float.message, /b2cCurrentYear: expected a decimal string.*never binary floating point/)
  const text = throwsCode(
    () => vat.treatment('DE', 'consumer', 'electronic', DAY, { b2cCurrentYear: '10 000' }),
    'money.invalid_amount',
  )
  assert.deepEqual([text.field, text.value], ['b2cCurrentYear', '10 000'])
  assert.match(text.message, /^b2cCurrentYear: "10 000" is not a decimal amount/)
  // A day is not an instant.
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', new Date('2026-03-02T00:00:00Z')), 'InvalidArg')
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', '2026-03-02T00:00:00Z'), 'InvalidArg')
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', DAY, { vatNr: FR }), 'InvalidArg')
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', DAY, 'FR'), 'InvalidArg')
  throwsCode(() => vat.treatment('FR', 'business', 'letter', DAY, { vies: 'yes' }), 'InvalidArg')
  throwsCode(() => vat.treatment('FR', 'business', 'letter', DAY, { vies: { requestId: 'x' } }), 'InvalidArg')
  throwsCode(() => vat.treatment('FR', 'business', 'letter', DAY, { vies: { valid: true, at: 'x' } }), 'InvalidArg')
  // An instant without an offset is a wall-clock reading, not an instant.
  throwsCode(
    () => vat.treatment('FR', 'business', 'letter', DAY, { vies: { valid: true, checkedAt: '2026-03-02T10:00:00' } }),
    'time.not_zone_aware',
  )
  throwsCode(() => vat.treatment('FR', 'business', 'letter', DAY, { exemptionRequested: 'yes' }), 'InvalidArg')
  throwsCode(() => vat.treatment('FR', 'business', 'letter', DAY, { vatNumber: 403170701 }), 'InvalidArg')
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', DAY, { rateTable: {} }), 'InvalidArg')
  throwsCode(() => vat.treatment('BE', 'consumer', 'letter', DAY, { rateTable: JSON.parse(vat.RateTable.builtin().toJson()) }), 'InvalidArg')
})

test('mentionText and reasonExplanation by code', () => {
  assert.equal(vat.mentionText('reverse_charge', 'nl'), 'Btw verlegd – artikel 196 van richtlijn 2006/112/EG')
  assert.equal(vat.mentionText('out_of_scope', 'de'), 'Nicht im Anwendungsbereich der EU-Mehrwertsteuer – Ort der Leistung außerhalb der EU')
  const mention = throwsCode(() => vat.mentionText('exempt', 'fr'), 'vat.invalid_argument')
  assert.deepEqual([mention.field, mention.value], ['mention', 'exempt'])
  throwsCode(() => vat.mentionText('reverse_charge', 'it'), 'language.unsupported')
  assert.equal(vat.reasonExplanation('belgian_customer'), 'customer in Belgium: Belgian VAT')
  for (const reason of [
    'eu_business_reverse_charge',
    'eu_business_online_check_unavailable',
    'eu_consumer_over_threshold',
    'eu_consumer_under_threshold',
    'letter_consumer_general_rule',
    'outside_eu_electronic',
    'outside_eu_business_letter',
  ]) {
    assert.ok(vat.reasonExplanation(reason).length > 10, reason)
  }
  throwsCode(() => vat.reasonExplanation('because'), 'vat.invalid_argument')
})
