// tracking.KeyRing: signed and sealed tokens (issue, verify, rotation, tampering, expiry, purposes)
// and one-time codes, through Node. The rules are the core's; this checks the conversions and that
// every `token.*` error reaches JS with its code and fields.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { test } from 'node:test'

import { tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { KeyRing } = tracking

const SECRET_1 = Buffer.alloc(32, 0x11)
const SECRET_2 = Buffer.alloc(32, 0x22)
const PURPOSES = ['open', 'click', 'approval', 'sender_verification', 'password_reset', 'secure_email']
// The typical tracking token of the core's benches/token.rs.
const CLAIMS = { account: 12345, message: 1234567, occurrence: 3, recipient: 45678901, link: 7 }
const ISSUED = '2026-06-01T09:00:00Z'
const EXPIRES = '2026-08-30T09:00:00Z'

const ring = () => new KeyRing({ 1: SECRET_1, 2: SECRET_2 }, 2)

test('issue and verify: the typical tracking token is 52 characters, signed or sealed', () => {
  const keys = ring()
  assert.deepEqual([keys.keyIds, keys.activeKeyId, keys.tagLength], [[1, 2], 2, 16])
  const token = keys.issue('click', CLAIMS, { now: ISSUED, expires: EXPIRES })
  assert.equal(token.length, 52)
  assert.match(token, /^[A-Za-z0-9_-]+$/)
  const sealed = keys.issue('click', CLAIMS, { now: ISSUED, expires: EXPIRES, sealed: true })
  assert.equal(sealed.length, 52)
  assert.notEqual(sealed, token)
  for (const text of [token, sealed]) {
    const verified = keys.verify('click', text, { now: ISSUED })
    assert.deepEqual(verified.claims, CLAIMS)
    assert.equal(verified.purpose, 'click')
    assert.equal(verified.keyId, 2)
    assert.equal(verified.issuedAt, ISSUED)
    assert.equal(verified.expiresAt, EXPIRES)
    assert.match(verified.tokenId, /^[A-Za-z0-9_-]{22}$/)
  }
  // Deterministic: the same claims and times give the same token and id.
  assert.equal(keys.issue('click', CLAIMS, { now: ISSUED, expires: EXPIRES }), token)
  // expiresIn is seconds after now; a Date is an instant too.
  assert.equal(keys.issue('click', CLAIMS, { now: new Date(ISSUED), expiresIn: 90 * 86400 }), token)
})

test('claims keep their shape: absent fields stay absent; no expiry is null', () => {
  const keys = ring()
  const token = keys.issue('password_reset', { account: 42 }, { now: '2026-01-15T10:00:00.750+01:00' })
  const verified = keys.verify('password_reset', token, { now: '2026-01-15T10:00:00+01:00' })
  assert.deepEqual(verified.claims, { account: 42 })
  assert.equal(verified.issuedAt, '2026-01-15T09:00:00Z') // whole seconds, UTC
  assert.equal(verified.expiresAt, null)
  assert.deepEqual(keys.verify('open', keys.issue('open', {}, { now: ISSUED }), { now: ISSUED }).claims, {})
  // null and undefined are absent.
  const withNulls = keys.issue('open', { account: 1, message: null, link: undefined }, { now: ISSUED })
  assert.deepEqual(keys.verify('open', withNulls, { now: ISSUED }).claims, { account: 1 })
})

test('now defaults to the real clock', () => {
  const keys = ring()
  const token = keys.issue('approval', { account: 1 }, { expiresIn: 60 })
  const verified = keys.verify('approval', token)
  assert.ok(Math.abs(Date.parse(verified.issuedAt) - Date.now()) < 5000)
  assert.equal(Date.parse(verified.expiresAt) - Date.parse(verified.issuedAt), 60_000)
})

test('u64 ids: safe integers or bigints in, numbers or bigints out; out of range refused', () => {
  const keys = ring()
  const big = { account: 2n ** 64n - 1n, message: 2n ** 53n, recipient: 9007199254740991n }
  const verified = keys.verify('open', keys.issue('open', big, { now: ISSUED }), { now: ISSUED })
  assert.deepEqual(verified.claims, { account: 2n ** 64n - 1n, message: 2n ** 53n, recipient: Number.MAX_SAFE_INTEGER })
  assert.deepEqual(
    keys.verify('click', keys.issue('click', { occurrence: 4294967295, link: 65535 }, { now: ISSUED }), { now: ISSUED }).claims,
    { occurrence: 4294967295, link: 65535 },
  )
  for (const claims of [
    { account: 2 ** 53 },
    { account: -1 },
    { account: 1.5 },
    { account: 2n ** 64n },
    { account: -1n },
    { account: '12' },
    { occurrence: 2 ** 32 },
    { link: 65536 },
    { link: 1n << 16n },
    { acount: 1 },
  ]) {
    throwsCode(() => keys.issue('open', claims, { now: ISSUED }), 'InvalidArg')
  }
  // An unknown key is named whatever the other keys hold (read by name first, then listed).
  for (const claims of [{ account: 1, nope: 2 }, { account: undefined, nope: 2 }, { nope: undefined }]) {
    assert.match(throwsCode(() => keys.issue('open', claims, { now: ISSUED }), 'InvalidArg').message, /"nope"/)
  }
  assert.deepEqual(keys.verify('open', keys.issue('open', { account: undefined }, { now: ISSUED }), { now: ISSUED }).claims, {})
  const inherited = Object.create({ account: 5 })
  inherited.link = 1
  assert.deepEqual(keys.verify('open', keys.issue('open', inherited, { now: ISSUED }), { now: ISSUED }).claims, { account: 5, link: 1 })
  throwsCode(() => keys.issue('open', {}, { now: undefined, when: ISSUED }), 'InvalidArg')
  throwsCode(() => keys.issue('open', {}, new Date()), 'InvalidArg')
  throwsCode(() => keys.verify('open', 'x', [ISSUED]), 'InvalidArg')
  assert.equal(keys.verify('open', keys.issue('open', {}, { now: ISSUED, expires: null }), { now: ISSUED, }).expiresAt, null)
  throwsCode(() => keys.issue('open', [1, 2], { now: ISSUED }), 'InvalidArg')
  throwsCode(() => keys.issue('open', null, { now: ISSUED }), 'InvalidArg')
})

test('purpose confusion: a token made for one purpose is refused for every other', () => {
  const keys = ring()
  for (const made of PURPOSES) {
    const token = keys.issue(made, CLAIMS, { now: ISSUED })
    for (const asked of PURPOSES) {
      if (asked === made) {
        assert.equal(keys.verify(asked, token, { now: ISSUED }).purpose, made)
      } else {
        const error = throwsCode(() => keys.verify(asked, token, { now: ISSUED }), 'token.wrong_purpose')
        assert.deepEqual([error.expected, error.found], [asked, made])
      }
    }
  }
  const error = throwsCode(() => keys.verify('pixel', 'x'), 'token.unknown_purpose')
  assert.equal(error.value, 'pixel')
  throwsCode(() => keys.issue('Click', {}), 'token.unknown_purpose')
  throwsCode(() => keys.verify(1, 'x'), 'InvalidArg')
})

test('expiry boundary: valid strictly before the expiry, token.expired from it on', () => {
  const keys = ring()
  const token = keys.issue('click', CLAIMS, { now: ISSUED, expires: EXPIRES })
  assert.equal(keys.verify('click', token, { now: '2026-08-30T08:59:59Z' }).expiresAt, EXPIRES)
  assert.equal(keys.verify('click', token, { now: '2026-08-30T08:59:59.999Z' }).expiresAt, EXPIRES)
  for (const now of [EXPIRES, '2026-08-30T11:00:00+02:00', '2027-01-01T00:00:00Z']) {
    const error = throwsCode(() => keys.verify('click', token, { now }), 'token.expired')
    assert.equal(error.expiresAt, EXPIRES)
    assert.equal(error.now, new Date(now).toISOString().replace('.000Z', 'Z'))
  }
  // Issued "in the future" (clock skew between servers) is accepted.
  assert.equal(keys.verify('click', token, { now: '2026-05-31T09:00:00Z' }).issuedAt, ISSUED)
})

test('tamper: every single-character change is refused; in the tag or payload with token.bad_tag', () => {
  const keys = ring()
  for (const sealed of [false, true]) {
    const token = keys.issue('click', CLAIMS, { now: ISSUED, expires: EXPIRES, sealed })
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const codes = new Set()
    for (let index = 0; index < token.length; index++) {
      for (const replacement of [alphabet[(alphabet.indexOf(token[index]) + 1) % 64], '!']) {
        const altered = token.slice(0, index) + replacement + token.slice(index + 1)
        let caught
        assert.throws(() => keys.verify('click', altered, { now: ISSUED }), (error) => { caught = error; return true })
        codes.add(caught.code)
        if (replacement === '!') assert.equal(caught.code, 'token.bad_base64')
        // Characters 6.. are past the version and the key id: the tag decides.
        if (replacement !== '!' && index >= 6 && index < token.length - 1) {
          assert.equal(caught.code, 'token.bad_tag', `index ${index}`)
          assert.equal(caught.keyId, 2)
        }
      }
    }
    for (const code of codes) {
      assert.ok(
        ['token.bad_tag', 'token.bad_base64', 'token.unsupported_version', 'token.unknown_key'].includes(code),
        code,
      )
    }
  }
})

test('truncated, extended and oversized tokens: token.wrong_length or token.bad_base64', () => {
  const keys = ring()
  const token = keys.issue('click', CLAIMS, { now: ISSUED })
  for (let length = 0; length < token.length; length++) {
    let caught
    assert.throws(() => keys.verify('click', token.slice(0, length), { now: ISSUED }), (error) => { caught = error; return true })
    assert.ok(['token.wrong_length', 'token.bad_base64', 'token.bad_tag'].includes(caught.code), `${length}: ${caught.code}`)
  }
  const short = throwsCode(() => keys.verify('click', 'AAAA'), 'token.wrong_length')
  assert.deepEqual([short.length, short.unit], [3, 'bytes'])
  assert.equal(typeof short.min, 'number')
  const long = throwsCode(() => keys.verify('click', 'A'.repeat(1000)), 'token.wrong_length')
  assert.deepEqual([long.length, long.unit], [1000, 'characters'])
  const base64 = throwsCode(() => keys.verify('click', 'not a token!'), 'token.bad_base64')
  assert.equal(typeof base64.reason, 'string')
  throwsCode(() => keys.verify('click', token + 'AAAA', { now: ISSUED }), 'token.bad_tag')
  throwsCode(() => keys.verify('click', 42), 'InvalidArg')
})

test('rotation: a retired key verifies but never signs; a removed key is gone', () => {
  const old = new KeyRing({ 1: SECRET_1 }, 1)
  const token = old.issue('click', CLAIMS, { now: ISSUED })
  const rotated = new KeyRing(new Map([[1, SECRET_1], [2, SECRET_2]]), 2)
  assert.equal(rotated.verify('click', token, { now: ISSUED }).keyId, 1)
  const fresh = rotated.issue('click', CLAIMS, { now: ISSUED })
  assert.equal(rotated.verify('click', fresh, { now: ISSUED }).keyId, 2)
  const later = new KeyRing([[2, SECRET_2]], 2)
  const error = throwsCode(() => later.verify('click', token, { now: ISSUED }), 'token.unknown_key')
  assert.equal(error.keyId, 1)
  assert.equal(later.verify('click', fresh, { now: ISSUED }).keyId, 2)
  // Another secret under the same id: the tag does not match.
  const impostor = new KeyRing({ 2: Buffer.alloc(32, 0x33) }, 2)
  assert.equal(throwsCode(() => impostor.verify('click', fresh, { now: ISSUED }), 'token.bad_tag').keyId, 2)
})

test('tag length: a ring verifies its own length only', () => {
  const long = new KeyRing({ 1: SECRET_1 }, 1, { tagLength: 32 })
  assert.equal(long.tagLength, 32)
  const token = long.issue('open', {}, { now: '2026-03-01T00:00:00Z' })
  assert.equal(token.length, 54)
  assert.deepEqual(long.verify('open', token, { now: '2026-03-01T00:00:00Z' }).claims, {})
  const usual = new KeyRing({ 1: SECRET_1 }, 1)
  assert.throws(() => usual.verify('open', token), (error) => ['token.bad_tag', 'token.wrong_length'].includes(error.code))
  const error = throwsCode(() => new KeyRing({ 1: SECRET_1 }, 1, { tagLength: 8 }), 'token.invalid_argument')
  assert.deepEqual([error.field, error.value], ['tag_length', '8'])
  assert.match(error.rule, /16/)
  throwsCode(() => new KeyRing({ 1: SECRET_1 }, 1, { tagLength: 16.5 }), 'InvalidArg')
  throwsCode(() => new KeyRing({ 1: SECRET_1 }, 1, { tagSize: 16 }), 'InvalidArg')
})

test('key ring errors: key_too_short, duplicate_key, active_key_missing, and the argument shapes', () => {
  const short = throwsCode(() => new KeyRing({ 3: Buffer.alloc(20) }, 3), 'token.key_too_short')
  assert.deepEqual([short.keyId, short.length, short.min], [3, 20, 32])
  assert.equal(short.message, 'key id 3: 20 bytes, a key needs at least 32 bytes (256 bits) of secret')
  assert.equal(throwsCode(() => new KeyRing([[1, SECRET_1], [1, SECRET_2]], 1), 'token.duplicate_key').keyId, 1)
  assert.equal(throwsCode(() => new KeyRing({ 1: SECRET_1 }, 2), 'token.active_key_missing').keyId, 2)
  // A Uint8Array that is not a Buffer is a secret too.
  assert.equal(new KeyRing({ 0: new Uint8Array(32).fill(9) }, 0).activeKeyId, 0)
  assert.equal(new KeyRing({ 255: SECRET_1 }, 255).activeKeyId, 255)
  for (const [keys, active] of [
    [{ 256: SECRET_1 }, 256],
    [{ '01': SECRET_1 }, 1],
    [{ one: SECRET_1 }, 1],
    [{ 1: 'a secret of at least 32 characters!!' }, 1],
    [{ 1: new Uint16Array(32) }, 1],
    [[[1]], 1],
    [[['1', SECRET_1]], 1],
    ['keys', 1],
    [{ 1: SECRET_1 }, 1.5],
    [{ 1: SECRET_1 }, -1],
  ]) {
    throwsCode(() => new KeyRing(keys, active), 'InvalidArg')
  }
  assert.throws(() => KeyRing({ 1: SECRET_1 }, 1), TypeError)
})

test('issue errors: token.invalid_time; both expires and expiresIn refused', () => {
  const keys = ring()
  const before = throwsCode(() => keys.issue('open', {}, { now: '2024-12-31T23:59:59Z' }), 'token.invalid_time')
  assert.deepEqual([before.field, before.value], ['issued_at', '2024-12-31T23:59:59Z'])
  const soon = throwsCode(() => keys.issue('open', {}, { now: ISSUED, expires: ISSUED }), 'token.invalid_time')
  assert.equal(soon.field, 'expires_at')
  throwsCode(() => keys.issue('open', {}, { now: ISSUED, expiresIn: -5 }), 'token.invalid_time')
  throwsCode(() => keys.issue('open', {}, { now: ISSUED, expires: EXPIRES, expiresIn: 60 }), 'InvalidArg')
  throwsCode(() => keys.issue('open', {}, { now: '2026-06-01T09:00:00' }), 'time.not_zone_aware')
  throwsCode(() => keys.issue('open', {}, { now: ISSUED, expiresIn: Infinity }), 'InvalidArg')
  throwsCode(() => keys.issue('open', {}, { now: ISSUED, sealed: 'yes' }), 'InvalidArg')
  throwsCode(() => keys.issue('open', {}, { when: ISSUED }), 'InvalidArg')
})

/** A token whose tag is right but whose payload is not canonical, or of another version. */
function forged(secret, bytes) {
  const mac = createHmac('sha256', secret)
  mac.update(Buffer.from('envoi-token-v1-mac\0'))
  mac.update(Buffer.from([16]))
  mac.update(Buffer.from(bytes))
  const tag = mac.digest().subarray(0, 16)
  return Buffer.concat([Buffer.from(bytes), tag]).toString('base64url')
}

test('non-canonical and unsupported tokens (forged with the key): token.non_canonical, token.unsupported_version', () => {
  const keys = new KeyRing({ 1: SECRET_1 }, 1)
  // version 1, key 1, open, flags: account; account 0 written as 0x80 0x00; issued-at 1 s after 2025.
  const padded = forged(SECRET_1, [1, 1, 1, 0x01, 0x80, 0x00, 0x01])
  const error = throwsCode(() => keys.verify('open', padded), 'token.non_canonical')
  assert.equal(error.field, 'account')
  assert.equal(typeof error.rule, 'string')
  // The same, minimal: accepted.
  const minimal = forged(SECRET_1, [1, 1, 1, 0x01, 0x00, 0x01, 0x00])
  assert.throws(() => keys.verify('open', minimal)) // trailing byte
  assert.deepEqual(keys.verify('open', forged(SECRET_1, [1, 1, 1, 0x01, 0x00, 0x01])).claims, { account: 0 })
  const version = throwsCode(() => keys.verify('open', forged(SECRET_1, [2, 1, 1, 0x00, 0x01, 0x00, 0x00])), 'token.unsupported_version')
  assert.deepEqual([version.version, version.supported], [2, 1])
})

test('one-time codes: issue, a wrong code counts down, the right one spends the challenge', () => {
  const keys = ring()
  const now = '2026-05-04T10:00:00Z'
  const { code, challenge } = keys.issueCode('sender_verification', { account: 42, recipient: 9 }, 'verification-8812', {
    now,
    expiresIn: 15 * 60,
  })
  assert.match(code, /^\d{6}$/)
  assert.deepEqual(challenge, {
    attempts_used: 0,
    challenge_id: 'verification-8812',
    claims: { account: 42, recipient: 9 },
    expires_at: '2026-05-04T10:15:00Z',
    issued_at: now,
    key_id: 2,
    policy: { alphabet: 'digits', length: 6, max_attempts: 5 },
    purpose: 'sender_verification',
    state: 'pending',
  })
  // The challenge is plain JSON: stored and read back, it still checks.
  const stored = JSON.parse(JSON.stringify(challenge))
  const wrong = code === '000000' ? '000001' : '000000'
  const mismatch = throwsCode(() => keys.checkCode('sender_verification', stored, wrong, { now }), 'token.code_mismatch')
  assert.equal(mismatch.attemptsLeft, 4)
  assert.deepEqual([stored.attempts_used, stored.state], [1, 'pending'])
  const typed = `${code.slice(0, 3)} ${code.slice(3)}`
  const verified = keys.checkCode('sender_verification', stored, typed, { now })
  assert.deepEqual(verified.claims, { account: 42, recipient: 9 })
  assert.equal(verified.purpose, 'sender_verification')
  assert.equal(verified.expiresAt, '2026-05-04T10:15:00Z')
  assert.deepEqual([stored.attempts_used, stored.state], [2, 'used'])
  throwsCode(() => keys.checkCode('sender_verification', stored, code, { now }), 'token.code_used')
  // The same inputs give the same code (a re-send shows the same code).
  assert.equal(keys.issueCode('sender_verification', { account: 42, recipient: 9 }, 'verification-8812', { now, expiresIn: 900 }).code, code)
})

test('one-time codes: counting down to locked; expiry; malformed; purpose; removed key', () => {
  const keys = ring()
  const now = '2026-05-04T10:00:00Z'
  const { code, challenge } = keys.issueCode('secure_email', {}, 'c-1', {
    now,
    expires: '2026-05-04T10:05:00Z',
    alphabet: 'crockford',
    length: 8,
    maxAttempts: 3,
  })
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{8}$/)
  const wrong = code.startsWith('Z') ? '00000000' : 'ZZZZZZZZ'
  const malformed = throwsCode(() => keys.checkCode('secure_email', challenge, 'ZZZZ', { now }), 'token.code_malformed')
  assert.match(malformed.reason, /8/)
  assert.equal(challenge.attempts_used, 0) // not a guess: no attempt used
  throwsCode(() => keys.checkCode('open', challenge, code, { now }), 'token.wrong_purpose')
  assert.equal(throwsCode(() => keys.checkCode('secure_email', challenge, wrong, { now }), 'token.code_mismatch').attemptsLeft, 2)
  assert.equal(throwsCode(() => keys.checkCode('secure_email', challenge, wrong, { now }), 'token.code_mismatch').attemptsLeft, 1)
  const locked = throwsCode(() => keys.checkCode('secure_email', challenge, wrong, { now }), 'token.code_locked')
  assert.equal(locked.attempts, 3)
  assert.deepEqual([challenge.attempts_used, challenge.state], [3, 'locked'])
  // Locked: even the right code is refused.
  throwsCode(() => keys.checkCode('secure_email', challenge, code.toLowerCase(), { now }), 'token.code_locked')

  const fresh = keys.issueCode('secure_email', {}, 'c-2', { now, expiresIn: 300 })
  const expired = throwsCode(
    () => keys.checkCode('secure_email', fresh.challenge, fresh.code, { now: '2026-05-04T10:05:00Z' }),
    'token.code_expired',
  )
  assert.deepEqual([expired.expiresAt, expired.now], ['2026-05-04T10:05:00Z', '2026-05-04T10:05:00Z'])
  assert.equal(keys.checkCode('secure_email', fresh.challenge, fresh.code, { now: '2026-05-04T10:04:59Z' }).keyId, 2)

  const other = keys.issueCode('secure_email', {}, 'c-3', { now, expiresIn: 300 })
  const removed = new KeyRing({ 1: SECRET_1 }, 1)
  assert.equal(throwsCode(() => removed.checkCode('secure_email', other.challenge, other.code, { now }), 'token.unknown_key').keyId, 2)
})

test('one-time code errors: policy out of range, challenge id, a challenge that is not one', () => {
  const keys = ring()
  const now = '2026-05-04T10:00:00Z'
  const issue = (options, id = 'c-1') => keys.issueCode('sender_verification', {}, id, { now, expiresIn: 300, ...options })
  for (const [options, field, value] of [
    [{ length: 4 }, 'length', '4'],
    [{ length: 300 }, 'length', '300'],
    [{ alphabet: 'crockford', length: 17 }, 'length', '17'],
    [{ maxAttempts: 0 }, 'max_attempts', '0'],
    [{ maxAttempts: 2 ** 40 }, 'max_attempts', String(2 ** 40)],
    [{ alphabet: 'hex' }, 'alphabet', 'hex'],
  ]) {
    const error = throwsCode(() => issue(options), 'token.invalid_argument')
    assert.deepEqual([error.field, error.value], [field, value])
    assert.equal(typeof error.rule, 'string')
  }
  assert.equal(throwsCode(() => issue({}, ''), 'token.invalid_argument').field, 'challenge_id')
  assert.equal(throwsCode(() => issue({}, 'x'.repeat(129)), 'token.invalid_argument').field, 'challenge_id')
  throwsCode(() => keys.issueCode('sender_verification', {}, 'c-1', { now }), 'InvalidArg') // no expiry
  throwsCode(() => keys.issueCode('sender_verification', {}, 'c-1'), 'InvalidArg')
  throwsCode(() => issue({ length: 6.5 }), 'InvalidArg')
  const { challenge } = issue({})
  throwsCode(() => keys.checkCode('sender_verification', 'challenge', '123456', { now }), 'InvalidArg')
  throwsCode(() => keys.checkCode('sender_verification', { ...challenge, state: 'open' }, '123456', { now }), 'InvalidArg')
  // An edited challenge (other claims) never matches its code.
  const { code, challenge: original } = issue({}, 'c-9')
  const edited = { ...original, claims: { account: 1 } }
  throwsCode(() => keys.checkCode('sender_verification', edited, code, { now }), 'token.code_mismatch')
})
