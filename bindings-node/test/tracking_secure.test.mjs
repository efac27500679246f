// tracking.SecureAccess: a secure email's access link and one-time code, its bounds and locks, and
// its JSON round trip, through Node; every `tracking.secure_*` error with its fields.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { KeyRing, SecureAccess } = tracking

const ring = new KeyRing({ 1: Buffer.from('a secret of at least 32 bytes, really') }, 1)
const SENT = '2026-03-02T09:00:00Z'
const LATER = '2026-03-02T11:00:00Z'
const CLAIMS = { account: 7, message: 42, recipient: 1001 }

const create = (options = {}, claims = CLAIMS) => SecureAccess.create(ring, claims, { now: SENT, ...options })
const wrongFor = (code) => (code === '000000' ? '000001' : '000000')

test('open with the link and the code; the code opens once; the state round-trips as JSON', () => {
  const { access, token } = create()
  assert.ok(access instanceof SecureAccess)
  assert.match(token, /^[A-Za-z0-9_-]+$/)
  assert.deepEqual(SecureAccess.readLink(ring, token, { now: LATER }), CLAIMS)
  assert.deepEqual(access.claims, CLAIMS)
  assert.deepEqual([access.createdAt, access.expiresAt], [SENT, '2026-04-01T09:00:00Z'])
  assert.deepEqual([access.requireCode, access.codesIssued, access.openCount, access.lock], [true, 0, 0, null])
  const code = access.issueCode(ring, { now: LATER })
  assert.match(code, /^\d{6}$/)
  assert.deepEqual([access.codesIssued, access.attemptsLeft], [1, 5])
  const opened = access.open(ring, token, code, { now: LATER })
  assert.deepEqual(opened, { claims: CLAIMS, openedAt: LATER, openCount: 1 })
  assert.deepEqual([access.firstOpenedAt, access.lastOpenedAt], [LATER, LATER])
  throwsCode(() => access.open(ring, token, code, { now: LATER }), 'tracking.secure_code_used')

  const stored = access.toJson()
  const json = JSON.parse(stored)
  assert.equal(json.expires_at, '2026-04-01T09:00:00Z')
  assert.equal(json.open_count, 1)
  const back = SecureAccess.fromJson(stored)
  assert.equal(back.toJson(), stored)
  assert.deepEqual([back.openCount, back.codesIssued], [1, 1])
  // A new code opens again.
  const second = back.issueCode(ring, { now: '2026-03-03T09:00:00Z' })
  assert.equal(back.open(ring, token, second, { now: '2026-03-03T09:01:00Z' }).openCount, 2)
  throwsCode(() => SecureAccess.fromJson('{"claims": {}}'), 'InvalidArg')
})

test('wrong codes are counted: attempts left, then the access locks (too_many_attempts)', () => {
  const { access, token } = create({ maxFailedAttempts: 3 })
  const code = access.issueCode(ring, { now: LATER })
  const wrong = wrongFor(code)
  assert.equal(throwsCode(() => access.open(ring, token, wrong, { now: LATER }), 'tracking.secure_wrong_code').attemptsLeft, 2)
  assert.equal(access.failedAttempts, 1)
  // Malformed: not a guess, not counted.
  assert.match(throwsCode(() => access.open(ring, token, '12', { now: LATER }), 'tracking.secure_code_malformed').reason, /6/)
  assert.equal(access.failedAttempts, 1)
  assert.equal(throwsCode(() => access.open(ring, token, wrong, { now: LATER }), 'tracking.secure_wrong_code').attemptsLeft, 1)
  const locked = throwsCode(() => access.open(ring, token, wrong, { now: LATER }), 'tracking.secure_locked')
  assert.deepEqual([locked.reason, locked.at], ['too_many_attempts', LATER])
  assert.deepEqual(access.lock, { reason: 'too_many_attempts', at: LATER })
  assert.equal(access.attemptsLeft, 0)
  // Locked for good: even the right code, even a new code.
  throwsCode(() => access.open(ring, token, code, { now: LATER }), 'tracking.secure_locked')
  throwsCode(() => access.issueCode(ring, { now: LATER }), 'tracking.secure_locked')
})

test('the code flow: required, none issued, expired, locked per code, too many codes', () => {
  const { access, token } = create({ code: { maxAttempts: 2 }, codeValiditySeconds: 60, maxCodes: 2 })
  throwsCode(() => access.open(ring, token, null, { now: LATER }), 'tracking.secure_code_required')
  throwsCode(() => access.open(ring, token, undefined, { now: LATER }), 'tracking.secure_code_required')
  throwsCode(() => access.open(ring, token, '123456', { now: LATER }), 'tracking.secure_no_code_issued')
  const first = access.issueCode(ring, { now: LATER })
  assert.equal(throwsCode(() => access.open(ring, token, wrongFor(first), { now: LATER }), 'tracking.secure_wrong_code').attemptsLeft, 1)
  throwsCode(() => access.open(ring, token, wrongFor(first), { now: LATER }), 'tracking.secure_code_locked')
  throwsCode(() => access.open(ring, token, first, { now: LATER }), 'tracking.secure_code_locked')
  const second = access.issueCode(ring, { now: LATER })
  const expired = throwsCode(() => access.open(ring, token, second, { now: '2026-03-02T11:01:00Z' }), 'tracking.secure_code_expired')
  assert.equal(expired.expiresAt, '2026-03-02T11:01:00Z')
  const tooMany = throwsCode(() => access.issueCode(ring, { now: LATER }), 'tracking.secure_too_many_codes')
  assert.equal(tooMany.max, 2)
  assert.equal(access.lock, null) // a spent code does not lock the access
})

test('locks: expiry at the end of the validity, revocation', () => {
  const { access, token } = create({ validitySeconds: 3600 })
  const code = access.issueCode(ring, { now: SENT })
  assert.deepEqual(access.lockAt({ now: '2026-03-02T10:00:00Z' }), { reason: 'expired', at: '2026-03-02T10:00:00Z' })
  assert.equal(access.lockAt({ now: '2026-03-02T09:59:59Z' }), null)
  const locked = throwsCode(() => access.open(ring, token, code, { now: '2026-03-02T10:00:00Z' }), 'tracking.secure_locked')
  assert.deepEqual([locked.reason, locked.at], ['expired', '2026-03-02T10:00:00Z'])
  assert.equal(access.lock.reason, 'expired') // recorded

  const other = create()
  other.access.revoke({ now: LATER })
  assert.deepEqual(other.access.lock, { reason: 'revoked', at: LATER })
  other.access.revoke({ now: '2026-03-05T00:00:00Z' }) // keeps its first lock
  assert.equal(other.access.lock.at, LATER)
  assert.equal(throwsCode(() => other.access.issueCode(ring, { now: LATER }), 'tracking.secure_locked').reason, 'revoked')
})

test('the link: another access, a forged link, a link alone when no code is required', () => {
  const { access } = create()
  const { token: otherToken } = create({}, { ...CLAIMS, recipient: 1002 })
  const mismatch = throwsCode(() => access.open(ring, otherToken, '123456', { now: LATER }), 'tracking.secure_link_mismatch')
  assert.deepEqual(mismatch.expected, CLAIMS)
  assert.deepEqual(mismatch.found, { ...CLAIMS, recipient: 1002 })
  throwsCode(() => access.open(ring, 'forged', '123456', { now: LATER }), 'token.bad_base64')
  const clickToken = ring.issue('click', CLAIMS, { now: SENT })
  throwsCode(() => access.open(ring, clickToken, '123456', { now: LATER }), 'token.wrong_purpose')
  throwsCode(() => SecureAccess.readLink(ring, clickToken, { now: LATER }), 'token.wrong_purpose')
  throwsCode(() => SecureAccess.readLink(new KeyRing({ 9: Buffer.alloc(32) }, 9), otherToken), 'token.unknown_key')

  const open = create({ requireCode: false })
  throwsCode(() => open.access.issueCode(ring, { now: LATER }), 'tracking.secure_code_not_required')
  assert.equal(open.access.open(ring, open.token, null, { now: LATER }).openCount, 1)
  assert.equal(open.access.open(ring, open.token, 'ignored', { now: LATER }).openCount, 2)
})

test('create errors: the policy ranges (with the value as given) and the claims', () => {
  for (const [options, field, value] of [
    [{ validitySeconds: 0 }, 'validity_seconds', '0'],
    [{ codeValiditySeconds: 30 }, 'code_validity_seconds', '30'],
    [{ maxCodes: 21 }, 'max_codes', '21'],
    [{ maxCodes: 2 ** 40 }, 'max_codes', String(2 ** 40)],
    [{ maxFailedAttempts: 0 }, 'max_failed_attempts', '0'],
    [{ code: { length: 5 } }, 'code.length', '5'],
    [{ code: { length: 300 } }, 'code.length', '300'],
    [{ code: { maxAttempts: 11 } }, 'code.max_attempts', '11'],
    [{ code: { alphabet: 'emoji' } }, 'code.alphabet', 'emoji'],
  ]) {
    const error = throwsCode(() => create(options), 'tracking.invalid_option')
    assert.deepEqual([error.field, error.value], [field, value], JSON.stringify(options))
    assert.equal(typeof error.rule, 'string')
  }
  const claims = throwsCode(() => create({}, { ...CLAIMS, link: 0 }), 'tracking.invalid_claims')
  assert.deepEqual([claims.field, claims.value], ['claims.link', '0'])
  throwsCode(() => create({ validity: 60 }), 'InvalidArg')
  throwsCode(() => create({ code: { size: 6 } }), 'InvalidArg')
  throwsCode(() => create({ requireCode: 'yes' }), 'InvalidArg')
  throwsCode(() => create({ now: '2024-06-01T00:00:00Z' }), 'token.invalid_time')
  // A Crockford code policy works end to end.
  const { access, token } = create({ code: { alphabet: 'crockford', length: 8 } })
  const code = access.issueCode(ring, { now: LATER })
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{8}$/)
  assert.equal(access.open(ring, token, code.toLowerCase(), { now: LATER }).openCount, 1)
})
