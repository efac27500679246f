// senders: SMS sender numbers (international, mobile), senders verified with one-time codes, their
// SMS settings.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { analyzeSms, senders, tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { Sender } = senders
const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
const wrong = (code) => (code === '000000' ? '000001' : '000000')

test('SMS sender numbers: international form and a mobile only, each refusal with its fields', () => {
  for (const text of ['+32475123456', '0032475123456', '+32 475 12 34 56', '0032 (0)475/12.34.56']) {
    assert.deepEqual(senders.parseSmsSenderNumber(text), {
      e164: '+32475123456', kind: 'mobile', isMobile: true, countryCode: 32,
    })
  }
  assert.equal(senders.parseSmsSenderNumber('0031 6 12345678').e164, '+31612345678')

  const alphanumeric = throwsCode(() => senders.parseSmsSenderNumber('John Tel'), 'senders.alphanumeric_sender')
  assert.equal(alphanumeric.value, 'John Tel')
  assert.equal(alphanumeric.message,
    'sender "John Tel": an alphanumeric sender is refused: it is not accepted in every country and the recipient ' +
    'cannot reply; use a mobile number in international form, such as +32475123456')
  const national = throwsCode(() => senders.parseSmsSenderNumber('0475123456'), 'senders.not_international')
  assert.deepEqual([national.value, national.suggestion], ['0475123456', '+32475123456'])
  assert.equal(throwsCode(() => senders.parseSmsSenderNumber('32475123456'), 'senders.not_international').suggestion, null)
  const landline = throwsCode(() => senders.parseSmsSenderNumber('+3224012345'), 'senders.not_mobile')
  assert.deepEqual([landline.number, landline.kind], ['+3224012345', 'fixed_line'])
  const short = throwsCode(() => senders.parseSmsSenderNumber('+32 475'), 'contacts.invalid_phone')
  assert.equal(short.value, '+32 475')
})

test('a sender is verified with the code sent to it, then used for its channel only', () => {
  const sender = new Sender(12, 3, { sms: '+32 475 12 34 56' })
  assert.deepEqual([sender.account, sender.id, sender.channel, sender.isVerified], [12, 3, 'sms', false])
  assert.deepEqual(sender.address, { sms: '+32475123456' })
  assert.deepEqual(sender.verification, { state: 'unverified' })
  const unverified = throwsCode(() => sender.requireFor('sms'), 'senders.not_verified')
  assert.deepEqual([unverified.sender, unverified.state], [3, 'unverified'])
  const none = throwsCode(() => sender.confirm(ring, '123456', { now: '2026-06-01T09:00:00Z' }),
    'senders.no_pending_verification')
  assert.equal(none.sender, 3)

  const now = '2026-06-01T09:00:00Z'
  const code = sender.startVerification(ring, 'sender-3-1', { now, validitySeconds: 15 * 60 })
  assert.match(code, /^\d{6}$/)
  const pending = sender.verification
  assert.equal(pending.state, 'pending')
  assert.deepEqual(pending.challenge.claims, { account: 12, recipient: 3 })
  assert.equal(throwsCode(() => sender.requireFor('sms'), 'senders.not_verified').state, 'pending')

  const mismatch = throwsCode(() => sender.confirm(ring, wrong(code), { now }), 'token.code_mismatch')
  assert.equal(mismatch.attemptsLeft, 4)
  // The attempt is counted in the stored sender.
  assert.equal(Sender.fromJson(sender.toJson()).verification.challenge.attempts_used, 1)
  const late = throwsCode(() => sender.confirm(ring, code, { now: '2026-06-01T09:15:00Z' }), 'token.code_expired')
  assert.deepEqual([late.expiresAt, late.now], ['2026-06-01T09:15:00Z', '2026-06-01T09:15:00Z'])

  const stored = Sender.fromJson(sender.toJson())
  stored.confirm(ring, code, { now: new Date('2026-06-01T09:02:00Z') })
  assert.deepEqual(stored.verification, { state: 'verified', at: '2026-06-01T09:02:00Z' })
  assert.equal(stored.isVerified, true)
  stored.requireFor('sms')
  const channel = throwsCode(() => stored.requireFor('email'), 'senders.wrong_channel')
  assert.deepEqual([channel.sender, channel.address, channel.channel], [3, 'sms', 'email'])
  const again = throwsCode(() => stored.startVerification(ring, 'sender-3-2', { now, validitySeconds: 900 }),
    'senders.already_verified')
  assert.deepEqual([again.sender, again.at], [3, '2026-06-01T09:02:00Z'])
  assert.equal(throwsCode(() => stored.confirm(ring, code, { now }), 'senders.already_verified').sender, 3)
})

test('verification options: the validity range, the code policy, the key ring', () => {
  const sender = new Sender(12, 4, { email: 'News@Example.BE' })
  assert.deepEqual([sender.address, sender.channel], [{ email: 'News@example.be' }, 'email'])
  const now = '2026-06-01T09:00:00Z'
  const validity = throwsCode(() => sender.startVerification(ring, 'v-1', { now, validitySeconds: 2 * 86400 }),
    'senders.invalid_parameter')
  assert.deepEqual([validity.field, validity.value, validity.rule],
    ['validity', '172800 seconds', 'is out of range: a verification code is valid 1 minute to 1 day'])
  assert.equal(throwsCode(() => sender.startVerification(ring, 'v-1', { now, validitySeconds: 59 }),
    'senders.invalid_parameter').value, '59 seconds')
  const code = sender.startVerification(ring, 'v-1', { now, validitySeconds: 600, alphabet: 'crockford', length: 8, maxAttempts: 2 })
  assert.match(code, /^[0-9A-Z]{8}$/)
  assert.equal(sender.verification.challenge.policy.max_attempts, 2)
  assert.equal(throwsCode(() => sender.startVerification(ring, 'v-2', { now, validitySeconds: 600, length: 3 }),
    'token.invalid_argument').field, 'length')
  assert.equal(throwsCode(() => sender.startVerification(ring, '', { now, validitySeconds: 600 }),
    'token.invalid_argument').field, 'challenge_id')
  throwsCode(() => sender.startVerification(ring, 'v-3', { now }), 'InvalidArg')
  throwsCode(() => sender.startVerification(ring, 'v-3', { now, validitySeconds: 90.5 }), 'InvalidArg')
  throwsCode(() => sender.startVerification({}, 'v-3', { now, validitySeconds: 600 }), 'InvalidArg')
  throwsCode(() => sender.startVerification(ring, 'v-3', { now, validity: 600 }), 'InvalidArg')
  // Two wrong codes lock it.
  const fourth = sender.startVerification(ring, 'v-4', { now, validitySeconds: 600, maxAttempts: 2 })
  assert.equal(sender.verification.challenge.attempts_used, 0)
  assert.equal(throwsCode(() => sender.confirm(ring, 'nope!', { now }), 'token.code_malformed').reason.length > 0, true)
  throwsCode(() => sender.confirm(ring, wrong(fourth), { now }), 'token.code_mismatch')
  assert.equal(throwsCode(() => sender.confirm(ring, wrong(fourth), { now }), 'token.code_locked').attempts, 2)
  throwsCode(() => sender.confirm(ring, fourth, { now }), 'token.code_locked')
})

test('a stored challenge of another sender is refused: senders.challenge_mismatch', () => {
  const now = '2026-06-01T09:00:00Z'
  const other = new Sender(99, 8, { sms: '+32475123456' })
  other.startVerification(ring, 'other-1', { now, validitySeconds: 600 })
  const mixed = JSON.parse(new Sender(12, 3, { sms: '+32475123456' }).toJson())
  mixed.verification = JSON.parse(other.toJson()).verification
  const sender = Sender.fromJson(JSON.stringify(mixed))
  const error = throwsCode(() => sender.confirm(ring, '000000', { now }), 'senders.challenge_mismatch')
  assert.deepEqual([error.sender, error.foundAccount, error.foundSender], [3, 99, 8])
  throwsCode(() => Sender.fromJson('{"account":1,"id":2,"address":{"sms":"0475123456"}}'), 'InvalidArg')
})

test('SMS settings: the national tables a sender opted in to reach the segmenter', () => {
  const sender = new Sender(1, 1, { sms: '+351912345678' })
  assert.deepEqual(sender.smsSettings, { languages: [], smartEncoding: false })
  const engine = { maxParts: 4, languages: ['turkish'], reference: 7 }
  assert.deepEqual(sender.smsOptions(engine), {
    smartEncoding: false, languages: [], maxParts: 4, reference: 7, referenceBits: 8, userData: false,
  })
  sender.setSmsSettings({ languages: ['portuguese'], smartEncoding: true })
  assert.deepEqual(sender.smsSettings, { languages: ['portuguese'], smartEncoding: true })
  const options = sender.smsOptions(engine)
  assert.deepEqual([options.languages, options.smartEncoding, options.maxParts], [['portuguese'], true, 4])
  assert.equal(analyzeSms('Olá, João! Até amanhã às 9h.', options).encoding, 'gsm7')
  assert.equal(sender.smsOptions().maxParts, 10)
  assert.deepEqual(Sender.fromJson(sender.toJson()).smsSettings, { languages: ['portuguese'], smartEncoding: true })

  const twice = throwsCode(() => sender.setSmsSettings({ languages: ['spanish', 'spanish'] }), 'senders.invalid_parameter')
  assert.deepEqual([twice.field, twice.value], ['sms.languages', 'spanish'])
  throwsCode(() => sender.setSmsSettings({ languages: ['klingon'] }), 'sms.unknown_language')
  throwsCode(() => sender.smsOptions({ maxParts: 256 }), 'sms.invalid_max_parts')
  const email = new Sender(1, 2, { email: 'news@example.be' })
  const channel = throwsCode(() => email.setSmsSettings({}), 'senders.wrong_channel')
  assert.deepEqual([channel.address, channel.channel], ['email', 'sms'])
})

test('sender arguments: ids as safe integers or bigints, exactly one address', () => {
  const big = new Sender(2n ** 60n, 9007199254740991, { email: 'a@example.be' })
  assert.deepEqual([big.account, big.id], [2n ** 60n, 9007199254740991])
  throwsCode(() => new Sender(1.5, 1, { email: 'a@example.be' }), 'InvalidArg')
  throwsCode(() => new Sender(-1, 1, { email: 'a@example.be' }), 'InvalidArg')
  throwsCode(() => new Sender(1, 1, { email: 'a@example.be', sms: '+32475123456' }), 'InvalidArg')
  throwsCode(() => new Sender(1, 1, {}), 'InvalidArg')
  throwsCode(() => new Sender(1, 1, { fax: '+32475123456' }), 'InvalidArg')
  assert.equal(throwsCode(() => new Sender(1, 1, { email: 'a@' }), 'contacts.invalid_email').value, 'a@')
  throwsCode(() => new Sender(1, 1, { sms: 'John Tel' }), 'senders.alphanumeric_sender')
  assert.throws(() => Sender(1, 1, { email: 'a@example.be' }), TypeError)
})

test('a code sent to another address is refused: senders.challenge_mismatch with the address', () => {
  const now = '2026-06-01T09:00:00Z'
  const sender = new Sender(12, 3, { sms: '+32475123456' })
  const code = sender.startVerification(ring, 'v-1', { now, validitySeconds: 600 })
  const edited = JSON.parse(sender.toJson())
  edited.address = JSON.parse(new Sender(12, 3, { sms: '+32475999999' }).toJson()).address
  const error = throwsCode(() => Sender.fromJson(JSON.stringify(edited)).confirm(ring, code, { now }), 'senders.challenge_mismatch')
  assert.deepEqual([error.sender, error.address], [3, '+32475999999'])
})

test('five verification starts a day: senders.too_many_verifications', () => {
  const sender = new Sender(12, 3, { sms: '+32475123456' })
  for (let minute = 0; minute < 5; minute++) {
    sender.startVerification(ring, `v-${minute}`, { now: `2026-06-01T09:0${minute}:00Z`, validitySeconds: 600 })
  }
  const error = throwsCode(() => sender.startVerification(ring, 'v-5', { now: '2026-06-01T10:00:00Z', validitySeconds: 600 }),
    'senders.too_many_verifications')
  assert.deepEqual([error.sender, error.count, error.nextAllowedAt], [3, 5, '2026-06-02T09:00:00Z'])
  sender.startVerification(ring, 'v-6', { now: '2026-06-02T09:00:00Z', validitySeconds: 600 })
})
