// Invoices and credit notes (envoi::invoice) through Node: lines with decimal strings (numbers
// refused), the EN 16931 totals, parties, the UBL 2.1 / Peppol BIS Billing 3.0 export (domestic,
// reverse charge, out of scope, credit note, another currency with its VAT in EUR), the JSON round
// trip, and every invoice error with its fields.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { invoice, vat } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { Invoice, InvoiceLine, Party } = invoice

const seller = () =>
  new Party('Envoi SA', 'BE', {
    street: 'Rue de la Loi 16',
    city: 'Bruxelles',
    postalCode: '1000',
    vatNumber: 'BE 0400.123.416',
    enterpriseNumber: '0400.123.416',
  })
const belgian = () =>
  new Party('Boulangerie Dupont & Fils SRL', 'BE', {
    street: 'Place du Marché 3',
    city: 'Namur',
    postalCode: '5000',
    vatNumber: 'BE0765432146',
    enterpriseNumber: '0765.432.146',
  })
const german = () =>
  new Party('Kunde GmbH', 'DE', {
    street: 'Unter den Linden 1',
    city: 'Berlin',
    postalCode: '10117',
    vatNumber: 'DE 136 695 976',
    endpoint: { scheme: '9930', id: 'DE136695976' },
  })
const american = () =>
  new Party('Acme Inc.', 'US', {
    street: '1 Market Street',
    city: 'San Francisco',
    postalCode: '94105',
    endpoint: { scheme: '0060', id: '123456789' },
  })
const sms = (quantity, options) => new InvoiceLine('SMS, parts sent in January <bulk & alerts>', quantity, '0.0745', '21', options)
const fields = (error) => {
  const { code: _, ...rest } = { ...error }
  return rest
}

test('InvoiceLine: decimal strings in and out, the category by code or name, the net amount', () => {
  const line = new InvoiceLine('SMS pack, 1000 parts', '1000', '0.0075', '21')
  assert.deepEqual(
    [line.description, line.quantity, line.unitPrice, line.rate, line.category],
    ['SMS pack, 1000 parts', '1000', '0.0075', '21', 'S'],
  )
  assert.equal(line.net('EUR'), '7.50')
  assert.equal(new InvoiceLine('Letters', '3', '8.125', '21.00').rate, '21')
  assert.equal(new InvoiceLine('Letters', '3', '8.125', '21').net('EUR'), '24.38') // 24.375 half away from zero
  assert.equal(new InvoiceLine('Refund', '-3', '8.125', '21').net('EUR'), '-24.38')
  assert.equal(new InvoiceLine('Letters', '3', '8.125', '21').net('JPY'), '24')
  assert.equal(new InvoiceLine('Newspaper', '1', '12.50', '0').category, 'Z')
  const reverse = new InvoiceLine('SMS', '10', '0.0745', '21', { category: 'AE' })
  assert.deepEqual([reverse.category, reverse.rate], ['AE', '0'])
  assert.equal(new InvoiceLine('x', '1', '1', '0', { category: 'out_of_scope' }).category, 'O')
  assert.equal(new InvoiceLine('x', '1', '1', '0', { category: 'exempt' }).category, 'E')
  assert.equal(new InvoiceLine('x', '1', '1', '6', { category: null }).category, 'S')
  assert.ok(line.equals(new InvoiceLine('SMS pack, 1000 parts', '1000', '0.0075', '21')))
  assert.equal(line.equals(reverse), false)
  throwsCode(() => line.equals({}), 'InvalidArg')
  throwsCode(() => line.net('EURO'), 'money.unknown_currency')
  assert.throws(() => InvoiceLine('x', '1', '1', '21'), /cannot be invoked without 'new'/)
})

test('InvoiceLine: numbers are refused for quantities, prices and rates; each invalid value has its code and fields', () => {
  for (const [name, args] of [
    ['quantity', ['x', 3, '1', '21']],
    ['unitPrice', ['x', '3', 8.125, '21']],
    ['rate', ['x', '3', '1', 21]],
  ]) {
    const error = throwsCode(() => new InvoiceLine(...args), 'InvalidArg')
    assert.match(error.message, new RegExp(`^${name}: expected a decimal string.*never binary floating point`))
  }
  const text = throwsCode(() => new InvoiceLine('x', '1', '1', '21%'), 'money.invalid_amount')
  assert.deepEqual(fields(text), { field: 'rate', value: '21%' })
  throwsCode(() => new InvoiceLine('x', '1e3', '1', '21'), 'money.invalid_amount')
  throwsCode(() => new InvoiceLine('x', '1,5', '1', '21'), 'money.invalid_amount')
  assert.deepEqual(fields(throwsCode(() => new InvoiceLine(' ', '1', '1', '21'), 'invoice.invalid_text')), {
    field: 'description',
    value: ' ',
    rule: 'is empty; give a text with at least one visible character',
  })
  const quantity = throwsCode(() => new InvoiceLine('x', '0.0000001', '1', '21'), 'invoice.invalid_quantity')
  assert.deepEqual([quantity.value, quantity.rule], ['0.0000001', 'has too many decimals; a quantity has at most 6'])
  const price = throwsCode(() => new InvoiceLine('x', '1', '-1', '21'), 'invoice.invalid_unit_price')
  assert.equal(price.value, '-1')
  assert.match(price.rule, /BR-27/)
  const rate = throwsCode(() => new InvoiceLine('x', '1', '1', '101'), 'invoice.invalid_rate')
  assert.deepEqual([rate.value, rate.rule], ['101', 'a rate is a percentage from 0 to 100'])
  const mismatch = throwsCode(() => new InvoiceLine('x', '1', '1', '0', { category: 'S' }), 'invoice.category_rate_mismatch')
  assert.deepEqual([mismatch.category, mismatch.rate], ['S', '0'])
  const category = throwsCode(() => new InvoiceLine('x', '1', '1', '21', { category: 'K' }), 'invoice.invalid_argument')
  assert.deepEqual([category.field, category.value], ['category', 'K'])
  assert.match(category.expected, /AE/)
  throwsCode(() => new InvoiceLine('x', '1', '1', '21', { categry: 'S' }), 'InvalidArg')
  throwsCode(() => new InvoiceLine('x', '1', '1', '21', { category: 5 }), 'InvalidArg')
})

test('totals: EN 16931 arithmetic per (category, rate), highest rate first, decimal strings', () => {
  const draft = new Invoice('EUR', [
    new InvoiceLine('SMS pack, 1000 parts', '1000', '0.0075', '21'),
    new InvoiceLine('Registered letters', '3', '8.125', '21'),
  ])
  assert.deepEqual(draft.totals(), {
    currency: 'EUR',
    perRate: [{ category: 'S', rate: '21', base: '31.88', vat: '6.69' }],
    totalWithoutVat: '31.88',
    totalVat: '6.69',
    totalWithVat: '38.57',
  })
  const multi = new Invoice('EUR', [
    sms('500'),
    new InvoiceLine('Printed brochures', '250', '0.3333', '6'),
    new InvoiceLine('Newspaper subscription', '1', '12.50', '0'),
    new InvoiceLine('Unused SMS credit returned', '-7', '0.075', '21'), // -0.525 → -0.53
  ])
  assert.deepEqual(multi.totals(), {
    currency: 'EUR',
    perRate: [
      { category: 'S', rate: '21', base: '36.72', vat: '7.71' },
      { category: 'S', rate: '6', base: '83.33', vat: '5.00' },
      { category: 'Z', rate: '0', base: '12.50', vat: '0.00' },
    ],
    totalWithoutVat: '132.55',
    totalVat: '12.71',
    totalWithVat: '145.26',
  })
  // VAT rounded half away from zero, negative amounts included: -2.50 × 21% = -0.525 → -0.53.
  const refund = new Invoice('EUR', [new InvoiceLine('Refund', '-1', '2.50', '21')]).totals()
  assert.deepEqual([refund.perRate[0].base, refund.perRate[0].vat, refund.totalWithVat], ['-2.50', '-0.53', '-3.03'])
  const empty = new Invoice('EUR', []).totals()
  assert.deepEqual([empty.perRate, empty.totalWithVat], [[], '0.00'])
})

test('Party: options, compact identifiers, the Peppol endpoint, and refused values with their fields', () => {
  const party = seller()
  assert.deepEqual(
    [party.name, party.country, party.street, party.city, party.postalCode, party.vatNumber, party.enterpriseNumber],
    ['Envoi SA', 'BE', 'Rue de la Loi 16', 'Bruxelles', '1000', 'BE0400123416', '0400123416'],
  )
  // The enterprise number is the Belgian Peppol endpoint (scheme 0208).
  assert.deepEqual(party.endpoint, { scheme: '0208', id: '0400123416' })
  assert.deepEqual(german().endpoint, { scheme: '9930', id: 'DE136695976' })
  const bare = new Party('Client', 'gr')
  assert.deepEqual([bare.country, bare.street, bare.vatNumber, bare.endpoint], ['GR', null, null, null])
  assert.ok(seller().equals(party))
  assert.equal(party.equals(bare), false)

  const country = throwsCode(() => new Party('X', 'Belgium'), 'invoice.invalid_identifier')
  assert.deepEqual([country.field, country.value], ['country', 'Belgium'])
  const oss = throwsCode(() => new Party('X', 'BE', { vatNumber: 'EU372022452' }), 'invoice.invalid_identifier')
  assert.deepEqual([oss.field, oss.value], ['vat_number', 'EU372022452'])
  const differ = throwsCode(
    () => new Party('X', 'BE', { vatNumber: 'BE0400123416', enterpriseNumber: '0765.432.146' }),
    'invoice.invalid_identifier',
  )
  assert.equal(differ.field, 'enterprise_number')
  const digits = throwsCode(() => new Party('X', 'BE', { enterpriseNumber: '0400.123.417' }), 'invoice.invalid_identifier')
  assert.match(digits.rule, /check digits/)
  const endpoint = throwsCode(() => new Party('X', 'BE', { endpoint: { scheme: '208', id: '1' } }), 'invoice.invalid_identifier')
  assert.equal(endpoint.field, 'endpoint.scheme')
  // An address is a street and a city together.
  assert.equal(throwsCode(() => new Party('X', 'BE', { city: 'Namur' }), 'invoice.invalid_text').field, 'street')
  throwsCode(() => new Party('', 'BE'), 'invoice.invalid_text')
  throwsCode(() => new Party('X', 'BE', { vat: 'BE0400123416' }), 'InvalidArg')
  throwsCode(() => new Party('X', 'BE', { endpoint: { scheme: '0208' } }), 'InvalidArg')
  throwsCode(() => new Party('X', 'BE', { endpoint: { scheme: '0208', id: '0400123416', kind: 'x' } }), 'InvalidArg')
  throwsCode(() => new Party('X', 'BE', { endpoint: '0208:0400123416' }), 'InvalidArg')
  assert.throws(() => Party('X', 'BE'), /without 'new'/)
})

test('Invoice: options and getters; a credit note; the JSON form round-trips', () => {
  const inv = new Invoice('eur', [sms('1234'), new InvoiceLine('Registered letters', '3', '8.125', '21')], {
    number: '2026-0001',
    date: '2026-01-31',
    dueDate: '2026-03-02',
    language: 'fr',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Commande 42',
    orderReference: 'PO-7',
    note: 'Merci',
    paymentTerms: '30 jours',
  })
  assert.deepEqual(
    [inv.kind, inv.typeCode, inv.number, inv.currency, inv.date, inv.dueDate, inv.language],
    ['invoice', '380', '2026-0001', 'EUR', '2026-01-31', '2026-03-02', 'fr'],
  )
  assert.deepEqual(
    [inv.buyerReference, inv.orderReference, inv.note, inv.paymentTerms, inv.taxCurrency, inv.precedingInvoice],
    ['Commande 42', 'PO-7', 'Merci', '30 jours', null, null],
  )
  assert.ok(inv.seller.equals(seller()) && inv.customer.equals(belgian()))
  assert.equal(inv.lines.length, 2)
  assert.ok(inv.lines[0] instanceof InvoiceLine && inv.lines[0].equals(sms('1234')))

  const json = inv.toJson()
  const parsed = JSON.parse(json)
  assert.deepEqual([parsed.kind, parsed.currency, parsed.language, parsed.lines[0].unit_price], ['invoice', 'EUR', 'fr', '0.0745'])
  const back = Invoice.fromJson(json)
  assert.ok(back.equals(inv))
  assert.equal(back.toJson(), json)
  assert.equal(back.toUbl(), inv.toUbl())
  assert.deepEqual(back.totals(), inv.totals())
  throwsCode(() => Invoice.fromJson('{"kind":"invoice"}'), 'InvalidArg')
  throwsCode(() => Invoice.fromJson(json.replace('"0.0745"', '0.0745')), 'InvalidArg')
  throwsCode(() => inv.equals(sms('1')), 'InvalidArg')

  const note = Invoice.creditNote('EUR', [sms('100')], { precedingInvoice: { number: '2026-0001', date: '2026-01-31' } })
  assert.deepEqual([note.kind, note.typeCode, note.precedingInvoice], ['credit_note', '381', { number: '2026-0001', date: '2026-01-31' }])
  assert.deepEqual(Invoice.creditNote('EUR', [], { precedingInvoice: { number: 'A-1' } }).precedingInvoice, { number: 'A-1', date: null })
  assert.ok(Invoice.fromJson(note.toJson()).equals(note))
  assert.equal(new Invoice('EUR', []).language, 'en')
})

test('Invoice: refused arguments with their codes and fields', () => {
  throwsCode(() => new Invoice('EURO', []), 'money.unknown_currency')
  throwsCode(() => new Invoice('EUR', sms('1')), 'InvalidArg')
  const notLine = throwsCode(() => new Invoice('EUR', [sms('1'), { description: 'x' }]), 'InvalidArg')
  assert.match(notLine.message, /^lines\[1\]: expected an invoice.InvoiceLine/)
  throwsCode(() => new Invoice('EUR', [], { seller: { name: 'Envoi SA', country: 'BE' } }), 'InvalidArg')
  throwsCode(() => new Invoice('EUR', [], { customer: sms('1') }), 'InvalidArg')
  throwsCode(() => new Invoice('EUR', [], { date: new Date('2026-01-31T00:00:00Z') }), 'InvalidArg')
  throwsCode(() => new Invoice('EUR', [], { dueDate: '31/01/2026' }), 'InvalidArg')
  throwsCode(() => new Invoice('EUR', [], { numbr: '1' }), 'InvalidArg')
  assert.equal(throwsCode(() => new Invoice('EUR', [], { language: 'es' }), 'language.unsupported').value, 'es')
  assert.equal(throwsCode(() => new Invoice('EUR', [], { number: '' }), 'invoice.invalid_text').field, 'number')
  assert.equal(throwsCode(() => new Invoice('EUR', [], { note: 'a\u0000b' }), 'invoice.invalid_text').field, 'note')
  const own = throwsCode(() => new Invoice('EUR', [], { taxCurrency: { currency: 'EUR', exchangeRate: '1' } }), 'invoice.invalid_tax_currency')
  assert.deepEqual([own.currency, own.exchangeRate], ['EUR', '1'])
  assert.match(own.rule, /own currency/)
  const zero = throwsCode(() => new Invoice('USD', [], { taxCurrency: { currency: 'EUR', exchangeRate: '0' } }), 'invoice.invalid_tax_currency')
  assert.equal(zero.exchangeRate, '0')
  throwsCode(() => new Invoice('USD', [], { taxCurrency: { currency: 'EUR', exchangeRate: 0.92 } }), 'InvalidArg')
  throwsCode(() => new Invoice('USD', [], { taxCurrency: { currency: 'EUR' } }), 'InvalidArg')
  throwsCode(() => new Invoice('USD', [], { taxCurrency: 'EUR' }), 'InvalidArg')
  throwsCode(() => new Invoice('EUR', [], { precedingInvoice: { date: '2026-01-01' } }), 'InvalidArg')
  assert.equal(
    throwsCode(() => Invoice.creditNote('EUR', [], { precedingInvoice: { number: ' ' } }), 'invoice.invalid_text').field,
    'preceding_invoice.number',
  )
  assert.throws(() => Invoice('EUR', []), /without 'new'/)
})

test('UBL: a domestic invoice, with the EN 16931 totals and the Peppol endpoints', () => {
  const inv = new Invoice('EUR', [sms('1234'), new InvoiceLine('Registered letters', '3', '8.125', '21')], {
    number: '2026-0001',
    date: '2026-01-31',
    dueDate: '2026-03-02',
    language: 'fr',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Commande 42',
  })
  const xml = inv.toUbl()
  const totals = inv.totals()
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/)
  assert.ok(xml.includes('<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>'))
  assert.ok(xml.includes('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>'))
  assert.ok(xml.includes('<cbc:EndpointID schemeID="0208">0400123416</cbc:EndpointID>'))
  assert.ok(xml.includes('<cbc:EndpointID schemeID="0208">0765432146</cbc:EndpointID>'))
  assert.ok(xml.includes(`<cbc:PayableAmount currencyID="EUR">${totals.totalWithVat}</cbc:PayableAmount>`))
  assert.ok(xml.includes(`<cbc:TaxAmount currencyID="EUR">${totals.totalVat}</cbc:TaxAmount>`))
  assert.ok(xml.includes('SMS, parts sent in January &lt;bulk &amp; alerts&gt;')) // escaped by the XML writer
})

test('UBL: reverse charge (AE) and out of scope (O) with their exemption reasons', () => {
  const reverse = new Invoice('EUR', [sms('10000', { category: 'AE' })], {
    number: '2026-0003',
    date: '2026-02-02',
    dueDate: '2026-03-04',
    language: 'de',
    seller: seller(),
    customer: german(),
    buyerReference: 'Bestellung 2026/17',
    note: vat.mentionText('reverse_charge', 'de'),
  })
  const xml = reverse.toUbl()
  assert.ok(xml.includes('<cbc:ID>AE</cbc:ID>'))
  assert.ok(xml.includes('<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>'))
  assert.ok(xml.includes('<cbc:PayableAmount currencyID="EUR">745.00</cbc:PayableAmount>'))
  const outside = new Invoice('EUR', [sms('2000', { category: 'O' })], {
    number: '2026-0004',
    date: '2026-02-03',
    dueDate: '2026-03-05',
    seller: seller(),
    customer: american(),
    orderReference: 'PO 7781',
  })
  assert.ok(outside.toUbl().includes('<cbc:TaxExemptionReasonCode>VATEX-EU-O</cbc:TaxExemptionReasonCode>'))
  // A reverse charge needs the customer's VAT number (BR-AE-2).
  const missing = throwsCode(
    () =>
      new Invoice('EUR', [sms('1', { category: 'AE' })], {
        number: '1',
        date: '2026-02-02',
        dueDate: '2026-03-04',
        seller: seller(),
        customer: american(),
        buyerReference: 'x',
      }).toUbl(),
    'invoice.missing_field',
  )
  assert.equal(missing.field, 'customer.vat_number')
  const mixed = throwsCode(
    () =>
      new Invoice('EUR', [sms('1', { category: 'O' }), sms('1')], {
        number: '1',
        date: '2026-02-02',
        dueDate: '2026-03-04',
        seller: seller(),
        customer: american(),
        buyerReference: 'x',
      }).toUbl(),
    'invoice.incompatible_categories',
  )
  assert.deepEqual([mixed.first, mixed.second].sort(), ['O', 'S'])
  assert.match(mixed.rule, /BR-O-11/)
})

test('UBL: a credit note, and an invoice in USD stating its VAT in EUR too (BT-111)', () => {
  const note = Invoice.creditNote('EUR', [new InvoiceLine('SMS credited', '100', '0.0745', '21')], {
    number: 'CN-2026-0001',
    date: '2026-02-10',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Commande 42',
    precedingInvoice: { number: '2026-0001', date: '2026-01-31' },
    paymentTerms: 'Credited to your account',
  })
  const xml = note.toUbl()
  assert.match(xml, /<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/)
  assert.ok(xml.includes('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>'))
  assert.ok(xml.includes('<cbc:ID>2026-0001</cbc:ID>'))
  const undated = throwsCode(
    () => Invoice.creditNote('EUR', [sms('1')], { number: 'CN', date: '2026-02-10', seller: seller(), customer: belgian(), buyerReference: 'x' }).toUbl(),
    'invoice.missing_field',
  )
  assert.equal(undated.field, 'preceding_invoice')
  const due = throwsCode(
    () =>
      Invoice.creditNote('EUR', [sms('1')], {
        number: 'CN',
        date: '2026-02-10',
        dueDate: '2026-03-10',
        seller: seller(),
        customer: belgian(),
        buyerReference: 'x',
        precedingInvoice: { number: '2026-0001' },
      }).toUbl(),
    'invoice.not_applicable',
  )
  assert.equal(due.field, 'due_date')

  const usd = new Invoice('USD', [new InvoiceLine('SMS block of 500', '2', '25', '21')], {
    number: '2026-0005',
    date: '2026-02-04',
    dueDate: '2026-03-06',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Plannit',
    taxCurrency: { currency: 'EUR', exchangeRate: '0.92' },
  })
  assert.deepEqual(usd.taxCurrency, { currency: 'EUR', exchangeRate: '0.92' })
  assert.deepEqual(usd.totals().totalVat, '10.50')
  const usdXml = usd.toUbl()
  assert.ok(usdXml.includes('<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>'))
  assert.ok(usdXml.includes('<cbc:TaxAmount currencyID="EUR">9.66</cbc:TaxAmount>')) // 10.50 × 0.92
  assert.ok(Invoice.fromJson(usd.toJson()).equals(usd))
})

test('UBL: each missing field is named', () => {
  const base = {
    number: '2026-0001',
    date: '2026-01-31',
    dueDate: '2026-03-02',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Commande 42',
  }
  const missing = (drop) => {
    const options = { ...base }
    delete options[drop]
    const error = throwsCode(() => new Invoice('EUR', [sms('1')], options).toUbl(), 'invoice.missing_field')
    assert.equal(typeof error.rule, 'string')
    return error.field
  }
  assert.deepEqual(
    ['number', 'date', 'seller', 'customer', 'buyerReference'].map(missing),
    ['number', 'date', 'seller', 'customer', 'buyer_reference'],
  )
  assert.equal(throwsCode(() => new Invoice('EUR', [], base).toUbl(), 'invoice.missing_field').field, 'lines')
  assert.match(new Invoice('EUR', [sms('1')], base).toUbl(), /<\/Invoice>\n?$/)
})

test('UBL: dates, currencies and line amounts an e-invoice cannot carry, with their fields', () => {
  const base = {
    number: '2026-0001',
    date: '2026-01-31',
    dueDate: '2026-03-02',
    seller: seller(),
    customer: belgian(),
    buyerReference: 'Commande 42',
  }
  const ubl = (currency, unitPrice, options = {}) =>
    new Invoice(currency, [new InvoiceLine('SMS', '1', unitPrice, '21')], { ...base, ...options }).toUbl()
  assert.deepEqual(fields(throwsCode(() => ubl('EUR', '1', { date: '0999-12-31' }), 'invoice.invalid_date')), {
    field: 'date',
    value: '0999-12-31',
    rule: 'is out of range; a UBL date has a year from 1000 to 9999 (YYYY-MM-DD)',
  })
  assert.equal(throwsCode(() => ubl('EUR', '1', { dueDate: '+10000-01-01' }), 'invoice.invalid_date').value, '+10000-01-01')
  const kwd = throwsCode(() => ubl('KWD', '1'), 'invoice.unsupported_currency')
  assert.deepEqual([kwd.field, kwd.currency], ['currency', 'KWD'])
  assert.match(kwd.rule, /BR-DEC/)
  // 1 × JPY 0.5 is JPY 1 once rounded to whole yen: more than Peppol's 0.02 (R120).
  assert.deepEqual(fields(throwsCode(() => ubl('JPY', '0.5'), 'invoice.line_rounding')), {
    index: 0,
    exact: '0.5',
    net: '1',
    currency: 'JPY',
  })
  assert.match(ubl('JPY', '120'), /<cbc:PayableAmount currencyID="JPY">145<\/cbc:PayableAmount>/)
})
