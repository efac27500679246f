// Billing, part 2 (envoi::billing orders, drafts, the invoice book and the runs) through Node: the
// issue's four scenarios (a Belgian company paying by bank transfer, a Dutch company's reverse
// charge at order time and another refused a week later, Click & Post letters of March invoiced on
// 1 April, a Plannit customer's extra blocks in USD with the VAT in EUR), a reversal credited,
// letter prices, and every new billing.* error with its fields.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import { account, billing, invoice, vat, Ledger, BlockPlan } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { PriceList, InvoiceBook, Seller, PackOrder, IssuedInvoice, InvoiceNumber } = billing
const { Account } = account
const { Party } = invoice

const data = new URL('../../core/tests/data/billing/', import.meta.url)
const prices = () => PriceList.fromJson(readFileSync(new URL('prices.json', data), 'utf8'))
const seller = () =>
  new Seller(
    new Party('Envoi SA', 'BE', {
      street: 'Rue de la Loi 16', city: 'Bruxelles', postalCode: '1000',
      vatNumber: 'BE0403170701', enterpriseNumber: '0403170701',
    }),
    'F',
    30,
  )
const VIES = { valid: true, requestId: 'WAPIAAAAW1Fz5rY0', checkedAt: '2026-03-02T10:00:00Z' }
const belgianCompany = () =>
  new Account('acc_be', 'fr', 'business', 'BE',
    new Party('Boulangerie Dupont SRL', 'BE', { street: 'Place du Marché 3', city: 'Namur', postalCode: '5000', enterpriseNumber: '0202239951' }),
    '2026-03-01T09:00:00Z').withVatNumber('BE 0202.239.951')
const dutchCompany = (id) =>
  new Account(id, 'nl', 'business', 'NL',
    new Party('Bakkerij Jansen BV', 'NL', { street: 'Kerkstraat 5', city: 'Utrecht', postalCode: '3511 LX', endpoint: { scheme: '9944', id: 'NL004495445B01' } }),
    '2026-03-01T09:00:00Z').withVatNumber('NL004495445B01', VIES)
const beCustomer = (id, language, created) =>
  new Account(id, language, 'business', 'BE',
    new Party('Cabinet Lambert SRL', 'BE', { street: 'Rue Haute 12', city: 'Bruxelles', postalCode: '1000', enterpriseNumber: '0202239951' }),
    created).withVatNumber('BE0202239951')
const flat = (xml) => xml.split('\n').map((line) => line.trim()).join('')
const query = (postage, format, upToGrams, sheets, options = {}) => ({
  postage, zone: postage === 'prior_international' ? 'international' : 'national', format, upToGrams, sheets, ...options,
})

test('a Belgian company pays an SMS pack by bank transfer: pending, then active, invoiced with 21% VAT', () => {
  const customer = belgianCompany()
  const ledger = new Ledger({ tz: customer.tz })
  const book = new InvoiceBook(seller())
  const order = billing.placeOrder(customer, prices(), 'sms-1000', 2, {
    orderId: 'o-be-1', payment: 'bank_transfer', at: '2026-03-02T10:00:00Z',
  })
  assert.equal(order.state, 'pending_payment')
  assert.deepEqual([order.id, order.account, order.quantity, order.units, order.payment], ['o-be-1', 'acc_be', 2, 2000, 'bank_transfer'])
  assert.deepEqual(order.pack, { id: 'sms-1000', kind: 'sms', units: 1000, unitPrice: { amount: '75.00', currency: 'EUR' } })
  assert.equal(order.placedAt, '2026-03-02T11:00:00+01:00')
  assert.equal(order.treatment.kind, 'charge')

  // Pending: no invoice, the ledger's purchase waits, the account waits.
  const notPaid = throwsCode(() => order.invoiceDraft(customer), 'billing.order_not_paid')
  assert.deepEqual([notPaid.orderId, notPaid.state], ['o-be-1', 'pending_payment'])
  assert.equal(order.apply(ledger).status, 'pending')
  assert.equal(order.activateAccount(customer), false)
  assert.equal(customer.state, 'pending_payment')

  // The transfer arrives: paid, active in the ledger, the account too.
  assert.deepEqual(order.recordPayment('2026-03-05T08:00:00Z'), { state: 'paid', paidAt: '2026-03-05T09:00:00+01:00', at: null, reason: null })
  const activated = order.apply(ledger)
  assert.deepEqual([activated.status, activated.lot, activated.expiresAt, activated.replayed], ['active', 1, '2028-03-05T09:00:00+01:00', false])
  assert.equal(order.apply(ledger).replayed, true)
  assert.equal(ledger.balance('sms', '2026-03-05T09:00:00Z').available, 2000)
  assert.equal(order.activateAccount(customer), true)
  assert.equal(customer.state, 'active')

  const { invoice: issued, replayed } = book.issue(order.invoiceDraft(customer))
  assert.equal(replayed, false)
  assert.ok(issued.number instanceof InvoiceNumber)
  assert.equal(issued.number.toString(), '2026-F-000001')
  assert.deepEqual([issued.key, issued.account, issued.kind, issued.issueDate, issued.dueDate], ['order:o-be-1', 'acc_be', 'invoice', '2026-03-05', '2026-04-04'])
  const [line] = issued.lines
  assert.ok(line instanceof invoice.InvoiceLine)
  assert.deepEqual([line.description, line.quantity, line.unitPrice, line.rate, line.category], ['Pack SMS 1 000 unités', '2', '75.00', '21', 'S'])
  const totals = issued.totals()
  assert.deepEqual([totals.totalWithoutVat, totals.totalVat, totals.totalWithVat], ['150.00', '31.50', '181.50'])
  assert.ok(issued.invoice instanceof invoice.Invoice)
  assert.equal(issued.invoice.paymentTerms, 'Payé par virement le 05/03/2026')
  const ubl = flat(issued.toUbl())
  assert.ok(ubl.includes('<cbc:PayableAmount currencyID="EUR">181.50</cbc:PayableAmount>'))
  assert.ok(ubl.includes('<cac:OrderReference><cbc:ID>o-be-1</cbc:ID>'))
  assert.match(issued.toText(), /181,50/)
  assert.match(issued.toHtml(), /<h1>Facture 2026-F-000001<\/h1>/)

  // The order and the issued invoice round-trip through JSON; the book is built again from them.
  const stored = PackOrder.fromJson(order.toJson())
  assert.ok(stored.equals(order))
  assert.equal(stored.state, 'paid')
  const back = IssuedInvoice.fromJson(issued.toJson())
  assert.ok(back.equals(issued))
  const rebuilt = InvoiceBook.fromInvoices(seller(), [back])
  assert.equal(rebuilt.get('2026-F-000001').key, 'order:o-be-1')
  assert.equal(rebuilt.get(InvoiceNumber.parse('2026-F-000002')), null)
  assert.equal(rebuilt.byKey('order:o-be-1').number.toString(), '2026-F-000001')
  assert.equal(rebuilt.byKey('order:none'), null)
  assert.deepEqual(rebuilt.forAccount('acc_be').map((i) => i.key), ['order:o-be-1'])
  assert.deepEqual(rebuilt.forAccount('acc_other'), [])
  assert.equal(rebuilt.invoices.length, 1)
  assert.equal(rebuilt.seller.series, 'F')
  assert.equal(rebuilt.seller.paymentDays, 30)
  // Issuing the same draft again is a replay: the same number.
  const again = rebuilt.issue(order.invoiceDraft(customer))
  assert.equal(again.replayed, true)
  assert.equal(again.invoice.number.toString(), '2026-F-000001')
})

test('a Dutch company gets the reverse charge at order time; another asking a week later is refused', () => {
  const customer = dutchCompany('acc_nl')
  const order = billing.placeOrder(customer, prices(), 'sms-1000', 1, {
    orderId: 'o-nl-1', payment: 'card', at: '2026-03-02T10:00:00Z', exemptionRequested: true, onlineCheck: VIES,
  })
  assert.equal(order.state, 'paid')
  assert.equal(order.treatment.kind, 'reverse_charge')
  assert.equal(order.treatment.evidence.compact, 'NL004495445B01')
  assert.equal(order.requestExemption().kind, 'reverse_charge')
  const issued = new InvoiceBook(seller()).issue(order.invoiceDraft(customer)).invoice
  const [line] = issued.lines
  assert.deepEqual([line.description, line.category, line.rate], ['SMS-pakket 1.000 eenheden', 'AE', '0'])
  assert.equal(issued.invoice.note, 'Btw verlegd – artikel 196 van richtlijn 2006/112/EG')
  assert.equal(issued.totals().totalWithVat, '75.00')
  assert.ok(flat(issued.toUbl()).includes('VATEX-EU-AE'))

  const late = billing.placeOrder(dutchCompany('acc_nl_2'), prices(), 'sms-1000', 1, {
    orderId: 'o-nl-2', payment: 'card', at: '2026-03-02T10:00:00Z', onlineCheck: VIES,
  })
  assert.equal(late.treatment.kind, 'charge')
  const refused = throwsCode(() => late.requestExemption(), 'billing.exemption_after_order')
  assert.deepEqual([refused.orderId, refused.treatment], ['o-nl-2', 'charge BE 21% (eu_consumer_under_threshold)'])

  // Without the online check the exemption is refused, never assumed.
  const pending = throwsCode(
    () => billing.placeOrder(dutchCompany('acc_nl_3'), prices(), 'sms-1000', 1, {
      orderId: 'o-nl-3', payment: 'card', at: '2026-03-02T10:00:00Z', exemptionRequested: true,
    }),
    'billing.vat_pending_verification',
  )
  assert.deepEqual([pending.subject, pending.vatNumber], ['order o-nl-3', 'NL004495445B01'])
})

test('a payment reversed after activation voids the order in the ledger and credits the invoice', () => {
  const customer = belgianCompany()
  const ledger = new Ledger({ tz: customer.tz })
  const book = new InvoiceBook(seller())
  const order = billing.placeOrder(customer, prices(), 'sms-1000', 1, { orderId: 'o-rev', payment: 'card', at: '2026-03-02T10:00:00Z' })
  order.apply(ledger)
  order.activateAccount(customer)
  ledger.consume('send-1', 'sms', 300, '2026-03-03T09:00:00Z')
  const { invoice: paid } = book.issue(order.invoiceDraft(customer))

  const early = throwsCode(() => order.creditNoteDraft(customer, paid), 'billing.order_state')
  assert.deepEqual([early.orderId, early.action, early.state], ['o-rev', 'credit', 'paid'])
  assert.match(early.rule, /reversed/)

  assert.deepEqual(order.reverse('2026-03-10T08:00:00Z', 'chargeback'), {
    state: 'reversed', paidAt: '2026-03-02T11:00:00+01:00', at: '2026-03-10T09:00:00+01:00', reason: 'chargeback',
  })
  const voided = order.apply(ledger)
  assert.deepEqual([voided.status, voided.lot], ['voided', 1])
  assert.equal(ledger.balance('sms', '2026-03-11T00:00:00Z').available, 0)

  const draft = order.creditNoteDraft(customer, paid)
  assert.equal(draft.kind, 'credit_note')
  const { invoice: note } = book.issue(draft)
  assert.deepEqual([note.key, note.number.toString(), note.kind, note.dueDate], ['credit:o-rev', '2026-F-000002', 'credit_note', null])
  assert.deepEqual(note.totals(), paid.totals())
  assert.equal(note.invoice.precedingInvoice.number, '2026-F-000001')
  assert.ok(flat(note.toUbl()).includes('<CreditNote'))

  // Another order's reversal cannot credit this invoice; a cancelled order is not paid.
  const other = billing.placeOrder(customer, prices(), 'sms-1000', 1, { orderId: 'o-other', payment: 'card', at: '2026-03-12T10:00:00Z' })
  other.reverse('2026-03-13T10:00:00Z', 'refund')
  const wrong = throwsCode(() => other.creditNoteDraft(customer, paid), 'billing.invalid_argument')
  assert.deepEqual([wrong.field, wrong.value], ['invoice', '2026-F-000001 (order:o-rev)'])
  assert.match(wrong.rule, /is not the invoice of order o-other/)
  const transfer = billing.placeOrder(customer, prices(), 'sms-1000', 1, { orderId: 'o-c', payment: 'bank_transfer', at: '2026-03-12T10:00:00Z' })
  assert.deepEqual(transfer.cancel('2026-03-13T10:00:00Z', 'never paid'), { state: 'cancelled', paidAt: null, at: '2026-03-13T11:00:00+01:00', reason: 'never paid' })
  throwsCode(() => transfer.recordPayment('2026-03-14T10:00:00Z'), 'billing.order_state')
})

test("Click & Post letters of March (one job cancelled) are invoiced on 1 April; run twice, issued once", () => {
  const customer = beCustomer('acc_cp', 'fr', '2026-01-05T09:00:00Z')
  const usage = {
    letters: [
      { jobId: 'job-1', query: query('prior', 'small', 50, 2, { duplex: true }), letters: 120, handedOverAt: '2026-03-10T09:00:00Z' },
      { jobId: 'job-2', query: query('registered', 'large', 100, 3, { color: true, acknowledgementOfReceipt: true }), letters: 5, handedOverAt: new Date('2026-03-20T14:00:00Z') },
      { jobId: 'job-3', query: query('prior', 'small', 50, 1), letters: 40, cancelled: true },
      // 00:30 on 1 April in Brussels: April's, though still 31 March in UTC.
      { jobId: 'job-4', query: query('prior', 'small', 50, 1), letters: 7, handedOverAt: '2026-03-31T22:30:00Z' },
    ],
  }
  const drafts = billing.monthlyRun(customer, prices(), '2026-03', usage)
  assert.equal(drafts.length, 1)
  const [draft] = drafts
  assert.ok(draft instanceof billing.InvoiceDraft)
  assert.deepEqual([draft.key, draft.account, draft.kind, draft.issueDate], ['letters:acc_cp:2026-03', 'acc_cp', 'invoice', '2026-04-01'])
  assert.deepEqual(draft.lines.map((line) => [line.description, line.quantity, line.unitPrice]), [
    ["Affranchissement Prior, petit format, jusqu'à 50 g", '120', '1.95'],
    ["Affranchissement recommandé, grand format, jusqu'à 100 g", '5', '3.90'],
    ['Frais de recommandé', '5', '6.10'],
    ['Accusé de réception', '5', '1.25'],
    ['Supplément couleur, par feuille', '15', '0.20'],
    ['Supplément recto verso, par feuille', '240', '0.03'],
  ])
  const totals = draft.totals()
  assert.deepEqual([totals.totalWithoutVat, totals.totalVat, totals.totalWithVat], ['300.45', '63.09', '363.54'])
  assert.ok(draft.invoice instanceof invoice.Invoice)
  assert.match(draft.toText(), /Affranchissement Prior/)
  assert.match(draft.toHtml(), /Affranchissement Prior/)

  // Running twice gives equal drafts; issuing twice, one number.
  const again = billing.monthlyRun(customer, prices(), '2026-03', usage)
  assert.ok(again[0].equals(draft))
  const book = new InvoiceBook(seller())
  const first = book.issue(draft)
  const second = book.issue(again[0])
  assert.deepEqual([first.replayed, second.replayed], [false, true])
  assert.ok(first.invoice.equals(second.invoice))
  assert.equal(book.invoices.length, 1)
  assert.deepEqual([first.invoice.number.toString(), first.invoice.dueDate], ['2026-F-000001', '2026-05-01'])

  // April holds the job handed over at 00:30 on 1 April (Brussels).
  const april = billing.monthlyRun(customer, prices(), '2026-04', usage)
  assert.deepEqual([april.length, april[0].issueDate, april[0].totals().totalWithoutVat], [1, '2026-05-01', '13.65'])
  assert.deepEqual(billing.monthlyRun(customer, prices(), '2026-05', usage), [])
  throwsCode(() => billing.monthlyRun(customer, prices(), '2026-13', usage), 'billing.invalid_argument')
  throwsCode(() => billing.monthlyRun(customer, prices(), '2026-03', { letters: [{ jobId: 'x' }] }), 'InvalidArg')
})

test('a Plannit customer: 1,240 SMS in a period are two extra blocks, billed in USD with the VAT in EUR', () => {
  const customer = beCustomer('acc_pl', 'en', '2026-01-05T09:00:00Z')
  const subscription = billing.subscribeBlockPlan(customer, prices(), { subscriptionId: 'sms-option', planId: 'plannit-sms', at: '2026-03-10T09:00:00Z' })
  assert.deepEqual([subscription.id, subscription.account, subscription.planId, subscription.treatment.kind], ['sms-option', 'acc_pl', 'plannit-sms', 'charge'])
  assert.ok(subscription.plan instanceof BlockPlan)
  const book = new InvoiceBook(seller())

  const upfront = billing.blockPlanRun(customer, subscription, 0, 0, '0.92')
  assert.deepEqual([upfront.key, upfront.issueDate], ['blocks:acc_pl:sms-option:0', '2026-03-10'])
  const first = book.issue(upfront).invoice
  assert.deepEqual([first.totals().totalWithVat, first.invoice.currency], ['30.25', 'USD'])

  // 1,240 SMS sent in the first period, one every 20 minutes.
  const start = Date.parse('2026-03-10T10:00:00Z')
  const sends = Array.from({ length: 1240 }, (_, i) => [new Date(start + i * 20 * 60_000), 1])
  const usage = subscription.plan.usageByPeriod(sends)
  assert.equal(usage[0], 1240)
  const next = billing.blockPlanRun(customer, subscription, 1, usage[0], '0.9')
  assert.equal(next.issueDate, '2026-04-10')
  assert.deepEqual(next.lines.map((line) => [line.description, line.quantity]), [
    ['Block fee per 500 messages, period 2026-04-10 to 2026-05-09', '1'],
    ['Extra blocks of 500 messages (1,240 messages sent), period 2026-03-10 to 2026-04-09', '2'],
  ])
  const issued = book.issue(next).invoice
  const totals = issued.totals()
  assert.deepEqual([totals.currency, totals.totalWithoutVat, totals.totalVat, totals.totalWithVat], ['USD', '75.00', '15.75', '90.75'])
  const ubl = flat(issued.toUbl())
  assert.ok(ubl.includes('<cbc:TaxAmount currencyID="EUR">14.18</cbc:TaxAmount>'))
  assert.match(issued.toText(), /VAT in EUR \(rate 0\.9\): 14\.18 EUR/)

  const missing = throwsCode(() => billing.blockPlanRun(customer, subscription, 1, 1240), 'billing.missing_exchange_rate')
  assert.deepEqual([missing.subject, missing.currency], ['blocks:acc_pl:sms-option:1', 'USD'])
  // After the option ended: no fee, the last period's extra blocks still.
  const ended = subscription.endingAt('2026-04-20T09:00:00Z')
  assert.equal(billing.blockPlanRun(customer, ended, 2, 700, '0.92').lines.length, 1)
})

test('letterPrice: a query of plain fields or of a letter and its quote; billing.invalid_query', () => {
  const list = prices()
  const registered = list.letterPrice(query('registered', 'large', 100, 3, { color: true, acknowledgementOfReceipt: true }), '2026-03-10')
  assert.deepEqual(registered.postage, { amount: '3.90', currency: 'EUR' })
  assert.deepEqual(
    [registered.color.amount, registered.duplex.amount, registered.registered.amount, registered.acknowledgementOfReceipt.amount, registered.total.amount],
    ['0.60', '0', '6.10', '1.25', '11.85'],
  )
  const fromQuote = billing.letterQuery([{ pages: 3 }], {
    postage: 'prior', address: ['Marie Janssens', 'Kerkstraat 5', '1000 BRUSSEL'], submittedAt: '2026-03-10T09:00:00Z', duplex: true,
  })
  assert.deepEqual(fromQuote, { postage: 'prior', zone: 'national', format: 'small', upToGrams: 50, sheets: 2, color: false, duplex: true, acknowledgementOfReceipt: false })
  assert.equal(list.letterPrice(fromQuote, '2026-03-10').total.amount, '2.01')
  const abroad = billing.letterQuery([{ pages: 1 }], { postage: 'prior', address: ['Jan Jansen', 'Kerkstraat 5', '3511 LX Utrecht', 'NEDERLAND'], submittedAt: '2026-03-10T09:00:00Z' })
  assert.deepEqual([abroad.postage, abroad.zone], ['prior_international', 'international'])

  const ack = throwsCode(() => list.letterPrice(query('prior', 'small', 50, 1, { acknowledgementOfReceipt: true }), '2026-03-10'), 'billing.invalid_query')
  assert.deepEqual([ack.field, ack.value], ['acknowledgement_of_receipt', 'prior'])
  assert.match(ack.rule, /only registered letters/)
  const zone = throwsCode(() => list.letterPrice({ ...query('prior', 'small', 50, 1), zone: 'international' }, '2026-03-10'), 'billing.invalid_query')
  assert.deepEqual([zone.field, zone.value], ['band.zone', 'international'])
  throwsCode(() => list.letterPrice(query('prior', 'small', 50, 1), '2020-01-01'), 'billing.no_price')
  throwsCode(() => list.letterPrice({ ...query('prior', 'small', 50, 1), zone: 'mars' }, '2026-03-10'), 'InvalidArg')
  throwsCode(() => list.letterPrice({ ...query('prior', 'small', 50, 1), colour: true }, '2026-03-10'), 'InvalidArg')
})

test('the other billing.* errors of part 2 carry their fields', () => {
  const customer = belgianCompany()
  // billing.invalid_argument: no pack.
  const zero = throwsCode(() => billing.placeOrder(customer, prices(), 'sms-1000', 0, { orderId: 'o-0', payment: 'card', at: '2026-03-02T10:00:00Z' }), 'billing.invalid_argument')
  assert.deepEqual([zero.field, zero.value], ['quantity', '0'])
  assert.equal(typeof zero.rule, 'string')
  throwsCode(() => billing.placeOrder(customer, prices(), 'sms-1000', 1, { orderId: 'o-1', payment: 'cash', at: '2026-03-02T10:00:00Z' }), 'InvalidArg')
  throwsCode(() => billing.placeOrder(customer, prices(), 'sms-1000', 1, { orderId: 'o-1', payment: 'card', at: '2026-03-02T10:00:00Z', coupon: 'X' }), 'InvalidArg')
  throwsCode(() => billing.placeOrder({}, prices(), 'sms-1000', 1, { orderId: 'o-1', payment: 'card', at: '2026-03-02T10:00:00Z' }), 'InvalidArg')

  // billing.invoice_conflict: the same key with another content.
  const book = new InvoiceBook(seller())
  const order = (quantity) => billing.placeOrder(customer, prices(), 'sms-1000', quantity, { orderId: 'o-k', payment: 'card', at: '2026-03-02T10:00:00Z' })
  book.issue(order(1).invoiceDraft(customer))
  const conflict = throwsCode(() => book.issue(order(2).invoiceDraft(customer)), 'billing.invoice_conflict')
  assert.deepEqual([conflict.key, conflict.number], ['order:o-k', '2026-F-000001'])
  assert.equal(typeof conflict.difference, 'string')
  assert.equal(book.invoices.length, 1)

  // billing.invalid_record: stored text that is not an order or an issued invoice.
  const record = throwsCode(() => PackOrder.fromJson('{"id": 1}'), 'billing.invalid_record')
  assert.equal(typeof record.what, 'string')
  assert.equal(typeof record.field, 'string')
  assert.equal(typeof record.rule, 'string')
  throwsCode(() => IssuedInvoice.fromJson('[]'), 'billing.invalid_record')
  // billing.invoice_sequence when a book is built from numbers with a gap.
  const issued = book.invoices[0]
  const second = new InvoiceBook(seller()).issue(order(1).invoiceDraft(customer)).invoice
  throwsCode(() => InvoiceBook.fromInvoices(seller(), [issued, second]), 'billing.invoice_sequence')

  // billing.mixed_currencies: a month whose letters and messages are priced in two currencies.
  const usd = JSON.parse(readFileSync(new URL('prices.json', data), 'utf8'))
  usd.unit_prices = usd.unit_prices.map((price) => (price.channel === 'sms' ? { ...price, currency: 'USD' } : price))
  const mixedList = PriceList.fromJson(JSON.stringify(usd))
  const cp = beCustomer('acc_mx', 'en', '2026-01-05T09:00:00Z')
  try {
    billing.monthlyRun(cp, mixedList, '2026-06', {
      messages: [
        { id: 's-1', channel: 'sms', units: 3, sentAt: '2026-06-10T09:00:00Z' },
        { id: 'e-1', channel: 'email', units: 3, sentAt: '2026-06-10T09:00:00Z' },
      ],
    })
    assert.fail('expected billing.mixed_currencies')
  } catch (error) {
    assert.equal(error.code, 'billing.mixed_currencies', error.message)
    assert.equal(error.subject, 'messages:acc_mx:2026-06')
    assert.deepEqual([error.first, error.other].sort(), ['EUR', 'USD'])
  }

  throwsCode(() => billing.subscribeBlockPlan(customer, prices(), { subscriptionId: 's', planId: 'nope', at: '2026-03-10T09:00:00Z' }), 'billing.no_price')

  // The vat and invoice errors inside keep their codes and fields.
  const negative = throwsCode(
    () => billing.placeOrder(customer, prices(), 'sms-1000', 1, {
      orderId: 'o-v', payment: 'card', at: '2026-03-02T10:00:00Z', b2cTotals: { currentYear: '-1', previousYear: '0' },
    }),
    'vat.invalid_amount',
  )
  assert.deepEqual([negative.field, negative.value], ['b2c_current_year', '-1'])
  const bare = new InvoiceBook(new Seller(new Party('Envoi SA', 'BE'), 'F', 30)).issue(order(1).invoiceDraft(customer)).invoice
  assert.equal(throwsCode(() => bare.toUbl(), 'invoice.missing_field').field, 'seller.endpoint')
  // An order is another account's: billing.invalid_argument names it.
  const stranger = dutchCompany('acc_nl_9')
  const another = throwsCode(() => order(1).invoiceDraft(stranger), 'billing.invalid_argument')
  assert.deepEqual([another.field, another.value, another.rule], ['account', 'acc_nl_9', 'is not the account of order o-k (acc_be)'])
})

test('InvoiceBook, Seller: constructors check their arguments', () => {
  throwsCode(() => new Seller('Envoi SA', 'F', 30), 'InvalidArg')
  throwsCode(() => new Seller(new Party('Envoi SA', 'BE'), 'f-1', 30), 'billing.invalid_invoice_number')
  throwsCode(() => new InvoiceBook({}), 'InvalidArg')
  throwsCode(() => new InvoiceBook(seller()).issue({}), 'InvalidArg')
  assert.ok(new Seller(new Party('Envoi SA', 'BE'), 'F', 30).party instanceof Party)
  assert.equal(typeof vat.treatment, 'function')
})

test('a credits error inside a billing call keeps its fields (apply after a later ledger operation)', () => {
  const customer = belgianCompany()
  const ledger = new Ledger({ tz: customer.tz })
  ledger.purchase('earlier', 'sms', 10, '2026-03-04T09:00:00Z')
  const order = billing.placeOrder(customer, prices(), 'sms-1000', 1, {
    orderId: 'o-late', payment: 'card', at: '2026-03-02T10:00:00Z',
  })
  const error = throwsCode(() => order.apply(ledger), 'credits.time_regression')
  assert.deepEqual([error.at, error.last], ['2026-03-02T11:00:00+01:00', '2026-03-04T10:00:00+01:00'])
})
