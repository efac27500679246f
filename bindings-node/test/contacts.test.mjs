// contacts: phone numbers, email addresses, the contact record, consent, groups and SMS replies.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { contacts } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { Contact, AccountSmsOption, Group } = contacts

test('normalizePhone: every written form of a Belgian mobile is one E.164 number', () => {
  for (const text of ['0475 12 34 56', '+32 475 12 34 56', '0032475123456', '+32 (0)475 12.34.56', '0475/12.34.56']) {
    assert.deepEqual(contacts.normalizePhone(text), {
      e164: '+32475123456', kind: 'mobile', isMobile: true, countryCode: 32,
    })
  }
  assert.equal(contacts.normalizePhone('06 12 34 56 78', 'FR').e164, '+33612345678')
  assert.equal(contacts.normalizePhone('06 12345678', 'nl').e164, '+31612345678')
  const landline = contacts.normalizePhone('02 555 12 34')
  assert.deepEqual([landline.kind, landline.isMobile], ['fixed_line', false])
  assert.equal(contacts.normalizePhone('+1 201 555 0123').kind, 'fixed_line_or_mobile')
  assert.equal(contacts.normalizePhone('0475 12 34 56', null).e164, '+32475123456')
})

test('normalizePhone refusals: contacts.invalid_phone with the problem and its fields', () => {
  const letters = throwsCode(() => contacts.normalizePhone('+32 475 12 34 5x'), 'contacts.invalid_phone')
  assert.equal(letters.value, '+32 475 12 34 5x')
  assert.equal(letters.problem, 'unexpected_character')
  assert.deepEqual([letters.character, letters.position], ['x', 16])
  assert.match(letters.reason, /'x' at character 16 is not allowed/)
  assert.equal(letters.message,
    'phone number "+32 475 12 34 5x": \'x\' at character 16 is not allowed (digits, spaces, a leading + and ( ) - . / only)')

  const short = throwsCode(() => contacts.normalizePhone('0475 12 34 5'), 'contacts.invalid_phone')
  assert.deepEqual([short.problem, short.region, short.countryCode], ['invalid_for_region', 'BE', 32])
  assert.equal(throwsCode(() => contacts.normalizePhone('   '), 'contacts.invalid_phone').problem, 'empty')
  const long = throwsCode(() => contacts.normalizePhone('1'.repeat(65)), 'contacts.invalid_phone')
  assert.deepEqual([long.problem, long.length, long.max], ['text_too_long', 65, 64])
  assert.equal(throwsCode(() => contacts.normalizePhone('+999 1234 5678'), 'contacts.invalid_phone').problem,
    'invalid_country_code')
  assert.equal(throwsCode(() => contacts.normalizePhone('1'), 'contacts.invalid_phone').problem, 'too_short')

  const region = throwsCode(() => contacts.normalizePhone('0475 12 34 56', 'UK'), 'contacts.unknown_region')
  assert.equal(region.value, 'UK')
  throwsCode(() => contacts.normalizePhone(475123456), 'InvalidArg')
})

test('parseE164 reads the stored form only', () => {
  assert.deepEqual(contacts.parseE164('+33612345678'), {
    e164: '+33612345678', kind: 'mobile', isMobile: true, countryCode: 33,
  })
  const error = throwsCode(() => contacts.parseE164('+32 475 12 34 56'), 'contacts.invalid_phone')
  assert.equal(error.problem, 'not_e164')
})

test('parseEmail: the domain in lower case, the local part as written; contacts.invalid_email', () => {
  assert.deepEqual(contacts.parseEmail('  Ann.Peeters@Example.BE '), {
    address: 'Ann.Peeters@example.be', localPart: 'Ann.Peeters', domain: 'example.be',
  })
  for (const text of ['jean..dupont@exemple.fr', 'Jean <jean@exemple.fr>', 'jean@localhost', 'cecile.example.be']) {
    const error = throwsCode(() => contacts.parseEmail(text), 'contacts.invalid_email')
    assert.equal(error.value, text)
    assert.equal(typeof error.reason, 'string')
    assert.ok(error.message.startsWith(`email address ${JSON.stringify(text)}: `))
  }
})

test('Contact: every field, checked when set, and the JSON round trip through the core', () => {
  const empty = new Contact()
  assert.deepEqual(
    [empty.id, empty.firstName, empty.lastName, empty.email, empty.mobile, empty.language, empty.timeZone],
    [null, '', '', null, null, null, null])
  assert.deepEqual(empty.preferences, { email: true, sms: false })
  assert.deepEqual(empty.notifications, { documents: true, messages: true, reminders: true, routes: true })
  assert.deepEqual([empty.customFields, empty.optOuts], [{}, []])

  const ann = new Contact({
    id: 'c-1', firstName: 'Ann', lastName: 'Peeters', email: 'Ann@Example.BE', mobile: '+32475123456',
    customFields: { city: 'Gent', Magasin: 'Mons' }, language: 'nl', timeZone: 'Europe/Brussels',
    preferences: { sms: true }, notifications: { reminders: false },
  })
  assert.deepEqual([ann.id, ann.email, ann.mobile, ann.language, ann.timeZone], [
    'c-1', 'Ann@example.be', '+32475123456', 'nl', 'Europe/Brussels'])
  assert.deepEqual(ann.preferences, { email: true, sms: true })
  assert.equal(ann.notifications.reminders, false)
  assert.deepEqual(ann.customFields, { Magasin: 'Mons', city: 'Gent' })
  assert.equal(ann.field('first_name'), 'Ann')
  assert.equal(ann.field('mobile'), '+32475123456')
  assert.equal(ann.field('language'), 'nl')
  assert.equal(ann.field('city'), 'Gent')
  assert.equal(ann.field('nothing'), null)
  assert.deepEqual(Contact.standardFields(), ['first_name', 'last_name', 'email', 'mobile', 'language'])

  const json = ann.toJson()
  assert.equal(JSON.parse(json).first_name, 'Ann')
  assert.equal(JSON.parse(json).time_zone, 'Europe/Brussels')
  const back = Contact.fromJson(json)
  assert.ok(back.equals(ann))
  assert.equal(back.toJson(), json)

  // Setters check as the core does; a copy returned by a getter changes nothing.
  ann.customFields.city = 'Brugge'
  assert.equal(ann.customFields.city, 'Gent')
  ann.customFields = { city: 'Brugge' }
  assert.deepEqual(ann.customFields, { city: 'Brugge' })
  ann.email = null
  ann.lastName = 'Claes'
  assert.deepEqual([ann.email, ann.lastName], [null, 'Claes'])
  const email = throwsCode(() => { ann.email = 'ann@' }, 'contacts.invalid_email')
  assert.equal(email.value, 'ann@')
  assert.equal(throwsCode(() => { ann.mobile = '0475123456' }, 'contacts.invalid_phone').problem, 'not_e164')
  assert.equal(throwsCode(() => { ann.language = 'es' }, 'language.unsupported').value, 'es')
  throwsCode(() => { ann.timeZone = 'Mars/Olympus' }, 'time.unknown_zone')
  const id = throwsCode(() => { ann.id = '' }, 'id.empty')
  assert.equal(id.kind, 'contact id')
  assert.equal(throwsCode(() => { ann.id = ' c-2' }, 'id.invalid_character').value, ' c-2')
  assert.equal(throwsCode(() => { ann.id = 'x'.repeat(129) }, 'id.too_long').length, 129)
  throwsCode(() => new Contact({ phone: '+32475123456' }), 'InvalidArg')
  throwsCode(() => new Contact({ customFields: { city: 9000 } }), 'InvalidArg')
  throwsCode(() => Contact.fromJson('{"email":"nope"}'), 'InvalidArg')
  assert.throws(() => Contact(), TypeError)
})

test('the account SMS option: off for everyone, then on for contacts created from then on', () => {
  const option = new AccountSmsOption()
  const before = new Contact({ email: 'a@example.be', mobile: '+32475123456', preferences: option.newContactPreferences() })
  assert.deepEqual(before.preferences, { email: true, sms: false })
  const at = '2026-03-01T09:00:00Z'
  const off = before.mayReceive('sms', option, at)
  assert.deepEqual(off, { code: 'contacts.sms_off_for_account', message: "sms: the account's SMS option is off, nobody gets SMS" })

  assert.equal(option.switch(false, at), false)
  assert.equal(option.changedAt, null)
  assert.equal(option.switch(true, at), true)
  assert.deepEqual([option.enabled, option.changedAt], [true, '2026-03-01T09:00:00Z'])
  const after = new Contact({ email: 'b@example.be', mobile: '+32475123457', preferences: option.newContactPreferences() })
  assert.equal(after.mayReceive('sms', option, at), null)
  // An existing contact keeps its preference until edited.
  assert.deepEqual(before.mayReceive('sms', option, at), {
    code: 'contacts.preference_off', message: "sms: the contact's sms preference is off", channel: 'sms' })
  assert.deepEqual(after.preferredChannels(option, at), ['email', 'sms'])
  assert.deepEqual(before.preferredChannels({ enabled: true }, at), ['email'])

  const stored = AccountSmsOption.fromJson(option.toJson())
  assert.deepEqual([stored.enabled, stored.changedAt], [true, '2026-03-01T09:00:00Z'])
  assert.equal(JSON.parse(option.toJson()).changed_at, '2026-03-01T09:00:00Z')
  throwsCode(() => after.mayReceive('sms', { enabled: 'yes' }, at), 'InvalidArg')
  throwsCode(() => after.mayReceive('fax', option, at), 'InvalidArg')
})

test('refusals: no address, not a mobile, notification off, opted out (secure email too)', () => {
  const at = '2026-03-02T09:00:00Z'
  const option = { enabled: true }
  const bare = new Contact({ preferences: { email: true, sms: true } })
  assert.deepEqual(bare.mayReceive('email', option, at), {
    code: 'contacts.no_address', message: 'email: the contact has no email address', channel: 'email' })
  assert.equal(bare.mayReceive('sms', option, at).message, 'sms: the contact has no mobile number')
  assert.equal(bare.mayReceive('letter', option, at), null)

  // A landline stored as the mobile (E.164 by hand) is not a mobile.
  const landline = new Contact({ mobile: '+3225551234', preferences: { sms: true } })
  assert.deepEqual(landline.mayReceive('sms', option, at), {
    code: 'contacts.not_mobile', message: 'sms: +3225551234 is a fixed_line number, SMS go to mobile numbers only',
    number: '+3225551234', kind: 'fixed_line',
  })

  const vip = new Contact({ email: 'vip@example.be', notifications: { reminders: false } })
  assert.deepEqual(vip.mayNotify('reminder', 'email', option, at), {
    code: 'contacts.notification_off', message: "the contact's reminder notifications are off", kind: 'reminder' })
  assert.equal(vip.mayNotify('document', 'email', option, at), null)
  throwsCode(() => vip.mayNotify('newsletter', 'email', option, at), 'InvalidArg')

  assert.equal(vip.optOut('email', at, { type: 'unsubscribe_link' }), true)
  assert.equal(vip.optOut('email', at, { type: 'unsubscribe_link' }), false)
  const refusal = vip.mayReceive('secure_email', option, at)
  assert.deepEqual(refusal, {
    code: 'contacts.opted_out',
    message: 'secure_email: the contact opted out of email at 2026-03-02 09:00:00 UTC',
    origin: { type: 'unsubscribe_link' },
    channel: 'secure_email', optedOutOf: 'email', since: '2026-03-02T09:00:00Z',
  })
  // An active opt-out blocks whatever its date: asked about an instant before it was made too.
  assert.deepEqual(vip.mayReceive('email', option, '2026-03-01T09:00:00Z'),
    { ...refusal, channel: 'email', message: 'email: the contact opted out of email at 2026-03-02 09:00:00 UTC' })
  // The history still says it was not in force then.
  assert.equal(vip.optOutInForce('email', '2026-03-01T09:00:00Z'), null)
  // Only an opt-in lifts it, and then for every instant asked about.
  assert.equal(vip.optIn('email', '2026-03-03T09:00:00Z', { type: 'account_user' }), true)
  for (const asked of ['2026-03-01T09:00:00Z', at, '2026-03-04T09:00:00Z']) {
    assert.equal(vip.mayReceive('email', option, asked), null)
  }
  // Where the numbering plan cannot tell mobile from fixed (US), SMS is allowed.
  const american = new Contact({ mobile: '+12015550123', preferences: { sms: true } })
  assert.equal(american.mayReceive('sms', option, at), null)
})

test('opt-outs and opt-ins keep their history in time order: contacts.consent_out_of_order', () => {
  const contact = new Contact({ mobile: '+32475123456' })
  const monday = '2026-03-02T09:00:00Z'
  const tuesday = new Date('2026-03-03T09:00:00Z')
  assert.equal(contact.optOut('sms', tuesday, { type: 'account_user' }), true)
  assert.equal(contact.optOutInForce('sms', monday), null)
  assert.deepEqual(contact.optOutInForce('sms', tuesday), {
    channel: 'sms', at: '2026-03-03T09:00:00Z', source: { type: 'account_user' }, lifted: null })
  const error = throwsCode(() => contact.optIn('sms', monday, { type: 'api', note: 'CRM' }), 'contacts.consent_out_of_order')
  assert.deepEqual([error.channel, error.action, error.at, error.last],
    ['sms', 'opt-in', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'])
  assert.equal(contact.optIn('sms', '2026-03-04T09:00:00+01:00', { type: 'api', note: 'CRM' }), true)
  assert.equal(contact.optIn('sms', '2026-03-05T09:00:00Z', { type: 'api', note: 'CRM' }), false)
  assert.deepEqual(contact.optOuts, [{
    channel: 'sms', at: '2026-03-03T09:00:00Z', source: { type: 'account_user' },
    lifted: { at: '2026-03-04T08:00:00Z', source: { type: 'api', note: 'CRM' } },
  }])
  const outOfOrder = throwsCode(() => contact.optOut('sms', monday, { type: 'import' }), 'contacts.consent_out_of_order')
  assert.equal(outOfOrder.action, 'opt-out')
  // The history can be given back as the getter gave it (Dates accepted for instants).
  const copy = new Contact({ optOuts: contact.optOuts })
  assert.deepEqual(copy.optOuts, contact.optOuts)
  copy.optOuts = [{ channel: 'email', at: tuesday, source: { type: 'import' }, lifted: null }]
  assert.equal(copy.optOuts[0].at, '2026-03-03T09:00:00Z')
  throwsCode(() => { copy.optOuts = [{ channel: 'fax', at: monday, source: { type: 'import' } }] }, 'InvalidArg')
  throwsCode(() => contact.optOut('sms', monday, { type: 'carrier' }), 'InvalidArg')
  throwsCode(() => contact.optOut('sms', monday, 'account_user'), 'InvalidArg')
  throwsCode(() => contact.optOut('sms', '2026-03-02T09:00:00', { type: 'import' }), 'time.not_zone_aware')
})

test('SMS replies: the whole message is one keyword, in four languages', () => {
  assert.deepEqual(contacts.classifyReply('  Arrêt. '), { keyword: 'ARRET', languages: ['fr'], action: 'opt_out' })
  assert.deepEqual(contacts.classifyReply('stop'), { keyword: 'STOP', languages: ['en', 'fr', 'nl', 'de'], action: 'opt_out' })
  assert.equal(contacts.classifyReply('uitschrijven').action, 'opt_out')
  assert.equal(contacts.classifyReply('Anmelden!').action, 'opt_in')
  assert.equal(contacts.classifyReply('ＳＴＯＰ').keyword, 'STOP')
  for (const text of ['STOPPING', 'non stop', 'Stop, I am driving', 'S.T.O.P', 'cancel', '']) {
    assert.equal(contacts.classifyReply(text), null, text)
  }
  const keywords = contacts.replyKeywords()
  assert.ok(keywords.some((keyword) => keyword.keyword === 'DESINSCRIRE'))
  assert.equal(keywords[0].action, 'opt_out')
  assert.equal(keywords.at(-1).action, 'opt_in')

  const contact = new Contact({ mobile: '+32475123456', preferences: { sms: true } })
  const at = '2026-03-02T18:30:00Z'
  assert.equal(contact.applyReply(contacts.classifyReply('STOP'), at), true)
  assert.equal(contact.applyReply(contacts.classifyReply('stop'), at), false)
  assert.deepEqual(contact.optOuts[0].source, { type: 'sms_reply', keyword: 'STOP' })
  assert.equal(contact.mayReceive('sms', { enabled: true }, at).code, 'contacts.opted_out')
  assert.equal(contact.applyReply(contacts.classifyReply('Start'), at), true)
  assert.equal(contact.mayReceive('sms', { enabled: true }, at), null)
  assert.deepEqual(contact.optOuts[0].lifted.source, { type: 'sms_reply', keyword: 'START' })
  throwsCode(() => contact.applyReply({ keyword: 'PLEASE STOP' }, at), 'InvalidArg')
  throwsCode(() => contact.applyReply(null, at), 'InvalidArg')
})

test('mergeNonEmpty: the update\'s non-empty fields win, its empty ones leave the contact\'s', () => {
  const contact = new Contact({ firstName: 'Ann', lastName: 'Peeters', customFields: { city: 'Gent' } })
  contact.mergeNonEmpty(new Contact({ lastName: 'Peeters-Claes', customFields: { zip: '9000' } }))
  assert.deepEqual([contact.firstName, contact.lastName], ['Ann', 'Peeters-Claes'])
  assert.deepEqual(contact.customFields, { city: 'Gent', zip: '9000' })
  throwsCode(() => contact.mergeNonEmpty({ lastName: 'x' }), 'InvalidArg')
})

test('Group: a set of contact ids, its JSON form; contacts.unknown_contact lists every unknown id once', () => {
  const group = new Group('g-1', 'Clients Namur')
  assert.equal(group.add('c-2'), true)
  assert.equal(group.add('c-1'), true)
  assert.equal(group.add('c-1'), false)
  assert.deepEqual(group.members, ['c-1', 'c-2'])
  assert.equal(group.contains('c-2'), true)
  assert.equal(group.remove('c-2'), true)
  assert.equal(group.remove('c-2'), false)
  group.name = 'VIP'
  assert.equal(group.toJson(), '{"id":"g-1","name":"VIP","members":["c-1"]}')
  const back = Group.fromJson(group.toJson())
  assert.deepEqual([back.id, back.name, back.members], ['g-1', 'VIP', ['c-1']])
  throwsCode(() => new Group('', 'x'), 'id.empty')
  throwsCode(() => group.add(''), 'id.empty')
  throwsCode(() => Group.fromJson('{"id":"g","name":"x"}'), 'InvalidArg')

  const book = new Set(['c-1', 'c-2'])
  let calls = 0
  contacts.ensureContactsExist(['c-1', 'c-2'], (id) => { calls += 1; return book.has(id) })
  assert.equal(calls, 2)
  const error = throwsCode(() => contacts.ensureContactsExist(['c-9', 'c-1', 'c-8', 'c-9'], (id) => book.has(id)),
    'contacts.unknown_contact')
  assert.deepEqual(error.ids, ['c-9', 'c-8'])
  assert.equal(error.message,
    'recipients: 2 not in the address book: c-9, c-8; a contact must exist before it is a recipient')
  // The host's exception reaches the caller unchanged; a non-boolean answer is a TypeError.
  const thrown = new Error('database down')
  assert.throws(() => contacts.ensureContactsExist(['c-1'], () => { throw thrown }), (caught) => caught === thrown)
  const typeError = throwsCode(() => contacts.ensureContactsExist(['c-1'], () => 'yes'), 'InvalidArg')
  assert.ok(typeError instanceof TypeError)
  throwsCode(() => contacts.ensureContactsExist(['c-1'], book), 'InvalidArg')
  throwsCode(() => contacts.ensureContactsExist([''], () => true), 'id.empty')
})
