// Accounts (envoi::account) through Node: the constructor and its checks, the VAT number and its
// evidence, the invoicing address, the state machine with its history (instants in the account's
// zone), may-send checks, options (channels, the SMS option, letter approval, low-balance
// thresholds), the JSON round trip, and every account error with its fields.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { account, contacts, invoice, post } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { Account } = account
const { Party } = invoice

const fields = (error) => {
  const { code: _, ...rest } = { ...error }
  return rest
}
const dupont = () => new Party('Boulangerie Dupont SPRL', 'BE', { street: 'Rue Haute 12', city: 'Bruxelles', postalCode: '1000' })
const belgian = (options) => new Account('acc_42', 'fr', 'business', 'be', dupont(), '2026-03-02T09:00:00Z', options)

test('a new account: its fields, pending payment, the default options, Brussels time', () => {
  const customer = belgian()
  assert.deepEqual(
    [customer.id, customer.language, customer.customerKind, customer.country, customer.tz, customer.createdAt],
    ['acc_42', 'fr', 'business', 'BE', 'Europe/Brussels', '2026-03-02T10:00:00+01:00'],
  )
  assert.equal(customer.state, 'pending_payment')
  assert.deepEqual(customer.nextStates, ['active'])
  assert.deepEqual(customer.history, [])
  assert.equal(customer.vatEvidence, null)
  assert.ok(customer.invoicingAddress instanceof Party)
  assert.ok(customer.invoicingAddress.equals(dupont()))
  assert.deepEqual(customer.enabledChannels, ['email', 'secure_email', 'letter'])
  assert.equal(customer.maySend('2026-03-02T10:00:00Z'), false)
})

test('the zone option: instants come out with its offset; a bad zone or option is refused', () => {
  const customer = new Account('acc_us', 'en', 'business', 'US', new Party('Acme Inc.', 'US'), new Date('2026-03-02T14:00:00Z'), {
    tz: 'America/New_York',
  })
  assert.equal(customer.tz, 'America/New_York')
  assert.equal(customer.createdAt, '2026-03-02T09:00:00-05:00')
  customer.activate('2026-03-09T13:00:00Z', 'card payment') // after the DST change of 8 March
  assert.equal(customer.history[0].at, '2026-03-09T09:00:00-04:00')
  assert.equal(belgian({ tz: null }).tz, 'Europe/Brussels')
  throwsCode(() => belgian({ tz: 'Mars/Olympus' }), 'time.unknown_zone')
  throwsCode(() => belgian({ zone: 'Europe/Brussels' }), 'InvalidArg')
})

test('the constructor reads its arguments with the core rules', () => {
  const at = '2026-03-02T09:00:00Z'
  throwsCode(() => new Account('', 'fr', 'business', 'BE', dupont(), at), 'id.empty')
  assert.equal(throwsCode(() => new Account('a1', 'es', 'business', 'BE', dupont(), at), 'language.unsupported').value, 'es')
  assert.deepEqual(
    fields(throwsCode(() => new Account('a1', 'fr', 'company', 'BE', dupont(), at), 'vat.invalid_argument')),
    { field: 'customer_kind', value: 'company', expected: 'business, consumer' },
  )
  throwsCode(() => new Account('a1', 'fr', 'business', 'BE', { name: 'Dupont' }, at), 'InvalidArg')
  throwsCode(() => new Account('a1', 'fr', 'business', 'BE', dupont(), '2026-03-02T09:00:00'), 'time.not_zone_aware')
  assert.throws(() => Account('a1', 'fr', 'business', 'BE', dupont(), at), /without 'new'/)
})

test('account.invalid_country, account.country_mismatch, account.vat_number_mismatch with their fields', () => {
  const at = '2026-03-02T09:00:00Z'
  const invalid = throwsCode(() => new Account('a1', 'nl', 'consumer', 'Belgium', new Party('Jan Peeters', 'BE'), at), 'account.invalid_country')
  assert.deepEqual(fields(invalid), { value: 'Belgium' })
  const mismatch = throwsCode(() => new Account('a1', 'nl', 'consumer', 'NL', new Party('Jan Peeters', 'BE'), at), 'account.country_mismatch')
  assert.deepEqual(fields(mismatch), { address: 'BE', account: 'NL' })
  const withVat = new Party('Dupont SPRL', 'BE', { vatNumber: 'BE0403170701' })
  const vat = throwsCode(() => new Account('a1', 'fr', 'business', 'BE', withVat, at), 'account.vat_number_mismatch')
  assert.deepEqual(fields(vat), { address: 'BE0403170701', account: null })
  assert.match(vat.message, /invoicing_address\.vat_number/)
  const later = throwsCode(() => belgian().withInvoicingAddress(withVat), 'account.vat_number_mismatch')
  assert.deepEqual(fields(later), { address: 'BE0403170701', account: null })
  throwsCode(() => belgian().withInvoicingAddress(new Party('Dupont', 'FR')), 'account.country_mismatch')
  throwsCode(() => belgian().withInvoicingAddress('Rue Haute 12'), 'InvalidArg')
})

test('withVatNumber keeps the evidence; the address carries the compact number when valid', () => {
  const customer = belgian().withVatNumber('BE 0403.170.701')
  assert.deepEqual(customer.vatEvidence, { typed: 'BE 0403.170.701', compact: 'BE0403170701', offlineError: null, online: null })
  assert.equal(customer.invoicingAddress.vatNumber, 'BE0403170701')
  const checked = belgian().withVatNumber('BE0403170701', { valid: true, requestId: 'WAPI-1', checkedAt: '2026-03-02T10:00:00+01:00' })
  assert.deepEqual(checked.vatEvidence.online, { valid: true, requestId: 'WAPI-1', checkedAt: '2026-03-02T09:00:00Z' })
  const refused = belgian().withVatNumber('BE0403170701', false)
  assert.equal(refused.vatEvidence.online.valid, false)
  assert.equal(refused.invoicingAddress.vatNumber, null)
  const typo = belgian().withVatNumber('BE0403170702')
  assert.equal(typo.vatEvidence.offlineError, 'vat.bad_check_digit')
  assert.equal(typo.invoicingAddress.vatNumber, null)
  // The original is unchanged: the with… methods return a new account.
  const original = belgian()
  original.withVatNumber('BE0403170701')
  assert.equal(original.vatEvidence, null)
  // A new address gets the account's number.
  const moved = customer.withInvoicingAddress(new Party('Boulangerie Dupont SPRL', 'BE', { street: 'Place du Marché 3', city: 'Namur' }))
  assert.deepEqual([moved.invoicingAddress.city, moved.invoicingAddress.vatNumber], ['Namur', 'BE0403170701'])
  // An OSS number is no VAT number of a Belgian business: kept as evidence, not on the address.
  const oss = belgian().withVatNumber('EU372000041')
  assert.equal(typeof oss.vatEvidence.offlineError, 'string')
  assert.equal(oss.invoicingAddress.vatNumber, null)
  throwsCode(() => belgian().withVatNumber('BE0403170701', 'yes'), 'InvalidArg')
})

test('the state machine: activate, suspend, reactivate; the history and the state at a time', () => {
  const customer = belgian()
  const change = customer.activate('2026-03-04T08:00:00Z', 'bank transfer received')
  assert.deepEqual(change, { from: 'pending_payment', to: 'active', at: '2026-03-04T09:00:00+01:00', reason: 'bank transfer received' })
  customer.suspend(new Date('2026-05-01T00:00:00Z'), 'invoice 2026-F-000012 unpaid')
  customer.changeState('active', '2026-05-03T00:00:00Z', 'paid')
  assert.equal(customer.state, 'active')
  assert.deepEqual(
    customer.history.map((c) => [c.from, c.to, c.at]),
    [
      ['pending_payment', 'active', '2026-03-04T09:00:00+01:00'],
      ['active', 'suspended', '2026-05-01T02:00:00+02:00'],
      ['suspended', 'active', '2026-05-03T02:00:00+02:00'],
    ],
  )
  assert.equal(customer.stateAt('2026-03-04T07:59:59Z'), 'pending_payment')
  assert.equal(customer.stateAt('2026-03-04T08:00:00Z'), 'active')
  assert.equal(customer.stateAt('2026-05-02T00:00:00Z'), 'suspended')
  assert.equal(customer.maySend('2026-04-01T00:00:00Z'), true)
  assert.equal(customer.maySend('2026-05-02T00:00:00Z'), false)
  throwsCode(() => customer.changeState('closed', '2026-06-01T00:00:00Z', 'x'), 'InvalidArg')
})

test('account.illegal_transition, account.time_went_back, account.missing_reason: nothing recorded', () => {
  const customer = belgian()
  const illegal = throwsCode(() => customer.suspend('2026-03-03T09:00:00Z', 'unpaid'), 'account.illegal_transition')
  assert.deepEqual(fields(illegal), { account: 'acc_42', from: 'pending_payment', to: 'suspended' })
  assert.equal(illegal.message, 'account acc_42: pending_payment → suspended is not allowed; pending_payment goes to active')
  const back = throwsCode(() => customer.activate('2026-03-01T09:00:00Z', 'paid'), 'account.time_went_back')
  assert.deepEqual(fields(back), { account: 'acc_42', field: 'at', at: '2026-03-01T10:00:00+01:00', last: '2026-03-02T10:00:00+01:00' })
  const blank = throwsCode(() => customer.activate('2026-03-03T09:00:00Z', '  '), 'account.missing_reason')
  assert.deepEqual(fields(blank), { account: 'acc_42', value: '  ' })
  assert.deepEqual(customer.history, [])
  customer.activate('2026-03-03T09:00:00Z', 'paid')
  throwsCode(() => customer.activate('2026-03-04T09:00:00Z', 'paid again'), 'account.illegal_transition')
})

test('requireActive and requireChannel: account.pending_payment, account.suspended, account.channel_disabled', () => {
  const customer = belgian()
  const pending = throwsCode(() => customer.requireActive('2026-03-02T10:00:00Z'), 'account.pending_payment')
  assert.deepEqual(fields(pending), { account: 'acc_42', since: '2026-03-02T10:00:00+01:00' })
  customer.activate('2026-03-02T09:00:00Z', 'card payment')
  assert.equal(customer.requireActive('2026-03-02T10:00:00Z'), undefined)
  assert.equal(customer.requireChannel('email', '2026-03-02T10:00:00Z'), undefined)
  const disabled = throwsCode(() => customer.requireChannel('sms', '2026-03-02T10:00:00Z'), 'account.channel_disabled')
  assert.deepEqual(fields(disabled), { account: 'acc_42', channel: 'sms' })
  customer.suspend('2026-04-02T09:00:00Z', 'chargeback')
  const suspended = throwsCode(() => customer.requireChannel('email', '2026-04-03T09:00:00Z'), 'account.suspended')
  assert.deepEqual(fields(suspended), { account: 'acc_42', since: '2026-04-02T11:00:00+02:00', reason: 'chargeback' })
  assert.equal(suspended.message, 'account acc_42: suspended since 2026-04-02 09:00:00 UTC (chargeback); a suspended account sends nothing')
  throwsCode(() => customer.requireChannel('fax', '2026-04-03T09:00:00Z'), 'InvalidArg')
})

test('options: channels, the SMS option as a contacts.AccountSmsOption, letter approval, thresholds', () => {
  const customer = belgian()
  assert.equal(customer.isEnabled('sms'), false)
  assert.equal(customer.enableChannel('sms', '2026-03-04T08:00:00Z'), true)
  assert.equal(customer.enableChannel('sms', '2026-03-05T08:00:00Z'), false)
  assert.equal(customer.disableChannel('letter', '2026-03-04T08:00:00Z'), true)
  assert.deepEqual(customer.enabledChannels, ['email', 'sms', 'secure_email'])
  const option = customer.smsOption
  assert.ok(option instanceof contacts.AccountSmsOption)
  assert.deepEqual([option.enabled, option.changedAt], [true, '2026-03-04T08:00:00Z'])
  const ann = new contacts.Contact({ mobile: '+32475123456', preferences: { email: true, sms: true } })
  assert.equal(ann.mayReceive('sms', customer.smsOption, '2026-03-05T08:00:00Z'), null)

  customer.setLetterApproval(7, true)
  customer.setLetterApproval(2n ** 60n, true)
  assert.equal(customer.letterApprovalRequired(7), true)
  assert.equal(customer.letterApprovalRequired(8), false)
  assert.deepEqual(customer.letterApprovalSenders, [7, 2n ** 60n])
  customer.setLetterApproval(7, false)
  assert.deepEqual(customer.letterApprovalSenders, [2n ** 60n])
  throwsCode(() => customer.setLetterApproval(-1, true), 'InvalidArg')

  customer.setLowBalanceThreshold('sms', 100)
  customer.setLowBalanceThreshold('email', 500)
  assert.deepEqual(customer.lowBalanceThresholds, { email: 500, sms: 100 })
  customer.setLowBalanceThreshold('email', null)
  assert.deepEqual(customer.lowBalanceThresholds, { sms: 100 })
  throwsCode(() => customer.setLowBalanceThreshold('SMS!', 1), 'credits.invalid_kind')
  throwsCode(() => customer.setLowBalanceThreshold('sms', 1.5), 'InvalidArg')
  throwsCode(() => customer.setLowBalanceThreshold('sms', '100'), 'InvalidArg')
})

test('applyLetterApproval: the job of a sender needing approval asks for it', () => {
  const customer = belgian()
  customer.setLetterApproval(7, true)
  const job = (sender) =>
    new post.Job(12, 345, sender, [{ pages: 1 }], {
      recipients: [['Jean Dupont', 'Rue Haute 1', '1000 BRUXELLES']],
      createdAt: '2026-03-10T08:00:00Z',
      postage: 'prior',
    })
  const approved = customer.applyLetterApproval(job(7))
  assert.ok(approved instanceof post.Job)
  assert.equal(approved.approvalRequired, true)
  assert.equal(customer.applyLetterApproval(job(8)).approvalRequired, false)
  throwsCode(() => customer.applyLetterApproval({ sender: 7 }), 'InvalidArg')
  // The one call of the host: the job must be of this account (the host's number 12).
  assert.equal(customer.applyLetterApprovalForAccount(12, job(7)).approvalRequired, true)
  assert.equal(customer.applyLetterApprovalForAccount(12n, job(8)).approvalRequired, false)
  const other = throwsCode(() => customer.applyLetterApprovalForAccount(13, job(7)), 'account.job_of_another_account')
  assert.deepEqual([other.job, other.jobAccount, other.account], [345, 12, 13])
})

test('JSON: the core form round-trips; equals compares the whole account', () => {
  const customer = belgian().withVatNumber('BE0403170701', true)
  customer.activate('2026-03-04T08:00:00Z', 'bank transfer received')
  customer.enableChannel('sms', '2026-03-04T08:00:00Z')
  customer.setLetterApproval(7, true)
  customer.setLowBalanceThreshold('sms', 100)
  const text = customer.toJson()
  const data = JSON.parse(text)
  assert.equal(data.state, 'active')
  assert.equal(data.zone, 'Europe/Brussels')
  assert.equal(data.history[0].at, '2026-03-04T08:00:00Z')
  const back = Account.fromJson(text)
  assert.ok(back.equals(customer))
  assert.equal(back.toJson(), text)
  assert.equal(back.equals(belgian()), false)
  throwsCode(() => customer.equals({}), 'InvalidArg')
})

test('account.invalid_account: a stored account that breaks a rule, or text that is not one', () => {
  const customer = belgian()
  customer.activate('2026-03-02T09:05:00Z', 'card payment')
  const text = customer.toJson()
  const forged = throwsCode(() => Account.fromJson(text.replace('"state":"active"', '"state":"suspended"')), 'account.invalid_account')
  assert.deepEqual(fields(forged), { account: 'acc_42', field: 'state', value: 'suspended', rule: 'differs from where the history ends (active)', innerCode: null })
  const json = throwsCode(() => Account.fromJson('{"id":'), 'account.invalid_account')
  assert.equal(json.field, 'json')
  assert.match(json.value, /^line 1 column/)
  // A rule of the methods refused the stored value: its code is innerCode.
  const country = throwsCode(() => Account.fromJson(text.replace('"country":"BE"', '"country":"NL"')), 'account.invalid_account')
  assert.deepEqual([country.account, country.field, country.innerCode], ['acc_42', 'invoicing_address.country', 'account.country_mismatch'])
})
