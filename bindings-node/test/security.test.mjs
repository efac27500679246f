// security: the lockout policy, the login guard's boundaries, password-reset tokens.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { security, tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { LockoutPolicy, LoginGuard } = security
const start = Date.parse('2026-06-01T09:00:00Z')
const at = (seconds) => new Date(start + seconds * 1000)
const iso = (seconds) => at(seconds).toISOString().replace('.000Z', 'Z')

test('the default policy is the SPEC\'s decision; every parameter is checked and named', () => {
  const policy = new LockoutPolicy()
  assert.deepEqual([policy.maxFailures, policy.windowSeconds, policy.firstLockSeconds, policy.capSeconds],
    [5, 900, 900, 86400])
  assert.equal(policy.toJson(), '{"max_failures":5,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400}')
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 0].map((n) => policy.lockDurationSeconds(n) / 60),
    [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 15])
  assert.equal(policy.lockDurationSeconds(2 ** 40), 86400)
  const strict = new LockoutPolicy({ maxFailures: 3, windowSeconds: 600, firstLockSeconds: 300, capSeconds: 3600 })
  assert.deepEqual([strict.lockDurationSeconds(1), strict.lockDurationSeconds(5)], [300, 3600])
  assert.equal(new LockoutPolicy({ maxFailures: 3 }).windowSeconds, 900)
  const back = LockoutPolicy.fromJson(strict.toJson())
  assert.deepEqual([back.maxFailures, back.capSeconds], [3, 3600])

  const window = throwsCode(() => new LockoutPolicy({ windowSeconds: 0 }), 'security.invalid_parameter')
  assert.deepEqual([window.field, window.value, window.rule],
    ['window', '0 seconds', 'must be positive (at least 1 second)'])
  assert.equal(window.message, 'window: 0 seconds must be positive (at least 1 second)')
  assert.equal(throwsCode(() => new LockoutPolicy({ maxFailures: 101 }), 'security.invalid_parameter').field, 'max_failures')
  assert.equal(throwsCode(() => new LockoutPolicy({ maxFailures: -1 }), 'security.invalid_parameter').value, '-1')
  assert.equal(throwsCode(() => new LockoutPolicy({ firstLockSeconds: -60 }), 'security.invalid_parameter').field, 'first_lock')
  assert.equal(throwsCode(() => new LockoutPolicy({ capSeconds: 367 * 86400 }), 'security.invalid_parameter').rule,
    'is too long: at most 366 days')
  const cap = throwsCode(() => new LockoutPolicy({ firstLockSeconds: 7200, capSeconds: 3600 }), 'security.invalid_parameter')
  assert.deepEqual([cap.capSeconds, cap.firstLockSeconds], [3600, 7200])
  assert.equal(cap.message, 'cap: 3600 seconds must be at least first_lock (7200 seconds)')
  throwsCode(() => new LockoutPolicy({ windowSeconds: 1.5 }), 'InvalidArg')
  throwsCode(() => new LockoutPolicy({ window: 900 }), 'InvalidArg')
  throwsCode(() => LockoutPolicy.fromJson('{"max_failures":0,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400}'),
    'InvalidArg')
  assert.throws(() => LockoutPolicy(), TypeError)
})

test('four failures do not lock, the fifth does; the lock holds strictly before its end', () => {
  const policy = new LockoutPolicy()
  const guard = new LoginGuard()
  for (let n = 1; n <= 4; n += 1) {
    assert.deepEqual(guard.recordFailure(policy, at(n - 1)), { kind: 'counted', failures: n, failuresLeft: 5 - n })
    guard.check(at(n))
  }
  assert.deepEqual(guard.recordFailure(policy, at(4)),
    { kind: 'locked', until: iso(4 + 900), durationSeconds: 900, lockNumber: 1 })
  assert.deepEqual([guard.lockCount, guard.lockedUntil, guard.failures(policy, at(4))], [1, iso(904), 0])

  const locked = throwsCode(() => guard.check(at(903)), 'security.account_locked')
  assert.deepEqual([locked.lockedUntil, locked.remainingSeconds], [iso(904), 1])
  assert.equal(locked.message, 'login: locked until 2026-06-01 09:15:04 UTC (1 seconds left) after repeated failed logins; try again then')
  // A millisecond before the end is still locked; at the end instant a login is allowed.
  assert.equal(throwsCode(() => guard.check(new Date(start + 904 * 1000 - 1)), 'security.account_locked').remainingSeconds, 0.001)
  guard.check(at(904))
  // Attempts during a lock are neither counted nor extend it; a success during it is refused.
  const before = guard.toJson()
  assert.deepEqual(guard.recordFailure(policy, at(500)), { kind: 'already_locked', until: iso(904) })
  throwsCode(() => guard.recordSuccess(at(500)), 'security.account_locked')
  assert.equal(guard.toJson(), before)
})

test('failures count while less than the window old: 14:59 locks, 15:00 does not', () => {
  const policy = new LockoutPolicy()
  const within = new LoginGuard()
  for (const seconds of [0, 60, 120, 180]) within.recordFailure(policy, at(seconds))
  assert.equal(within.recordFailure(policy, at(899)).kind, 'locked')
  const outside = new LoginGuard()
  for (const seconds of [0, 60, 120, 180]) outside.recordFailure(policy, at(seconds))
  assert.deepEqual(outside.recordFailure(policy, at(900)), { kind: 'counted', failures: 4, failuresLeft: 1 })
  assert.deepEqual([outside.failures(policy, at(900)), outside.failures(policy, at(960))], [4, 3])
})

test('each further lock doubles up to the cap; a success resets the count and the doubling', () => {
  const policy = new LockoutPolicy()
  const guard = new LoginGuard()
  let now = 0
  const locks = []
  for (let lock = 0; lock < 10; lock += 1) {
    let outcome
    for (let n = 0; n < 5; n += 1) outcome = guard.recordFailure(policy, at(now))
    locks.push(outcome.durationSeconds / 60)
    assert.equal(outcome.lockNumber, lock + 1)
    now += outcome.durationSeconds
  }
  assert.deepEqual(locks, [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440])
  assert.equal(guard.lockCount, 10)
  guard.recordSuccess(at(now))
  assert.deepEqual([guard.lockCount, guard.lockedUntil], [0, null])
  assert.equal(guard.toJson(), '{"recent_failures":[],"lock_count":0,"locked_until":null}')
  let outcome
  for (let n = 0; n < 5; n += 1) outcome = guard.recordFailure(policy, at(now + 60))
  assert.deepEqual([outcome.kind, outcome.durationSeconds, outcome.lockNumber], ['locked', 900, 1])
})

test('the guard is plain JSON the host stores', () => {
  const policy = new LockoutPolicy({ maxFailures: 2 })
  const guard = new LoginGuard()
  guard.recordFailure(policy, '2026-06-01T09:00:00Z')
  const stored = LoginGuard.fromJson(guard.toJson())
  assert.deepEqual(JSON.parse(stored.toJson()).recent_failures, ['2026-06-01T09:00:00Z'])
  assert.equal(stored.recordFailure(policy, '2026-06-01T09:01:00Z').kind, 'locked')
  throwsCode(() => LoginGuard.fromJson('{"recent_failures":[],"lock_count":0,"locked_until":null,"extra":1}'), 'InvalidArg')
  throwsCode(() => guard.recordFailure({ maxFailures: 5 }, '2026-06-01T09:00:00Z'), 'InvalidArg')
  throwsCode(() => guard.check('2026-06-01T09:00:00'), 'time.not_zone_aware')
  assert.throws(() => LoginGuard(), TypeError)
})

const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
const issue = (version, seconds = 3600) =>
  security.issuePasswordReset(ring, 1234, version, { now: '2026-06-01T09:00:00Z', validitySeconds: seconds })

test('a password change kills every earlier reset token; a token expires at its end instant', () => {
  const link = issue(7)
  assert.match(link, /^[A-Za-z0-9_-]+$/)
  const now = { now: '2026-06-01T09:20:00Z' }
  const token = security.readPasswordReset(ring, link, now)
  assert.deepEqual([token.account, token.credentialVersion, token.issuedAt, token.expiresAt],
    [1234, 7, '2026-06-01T09:00:00Z', '2026-06-01T10:00:00Z'])
  assert.equal(token.tokenId.length, 22)
  assert.equal(token.accept(7, false, now), token.tokenId)
  const changed = throwsCode(() => token.accept(8, false, now), 'security.credential_changed')
  assert.deepEqual([changed.tokenVersion, changed.currentVersion], [7, 8])
  const used = throwsCode(() => token.accept(7, true, now), 'security.reset_token_used')
  assert.equal(used.tokenId, token.tokenId)
  // Read in time, accepted too late: expired.
  const late = throwsCode(() => token.accept(7, false, { now: '2026-06-01T10:00:00Z' }), 'token.expired')
  assert.deepEqual([late.expiresAt, late.now], ['2026-06-01T10:00:00Z', '2026-06-01T10:00:00Z'])
  throwsCode(() => security.readPasswordReset(ring, link, { now: '2026-06-01T10:00:00Z' }), 'token.expired')
  assert.equal(JSON.parse(token.toJson()).credential_version, 7)
  // A token has no constructor and no fromJson: it is only ever read from its link.
  assert.throws(() => new security.ResetToken())
  assert.equal(security.ResetToken.fromJson, undefined)
  throwsCode(() => token.accept(7, 'no', now), 'InvalidArg')
})

test('verifyPasswordReset: the account, the version and the host\'s record of used ids', () => {
  const link = issue(7)
  const now = { now: '2026-06-01T09:05:00Z' }
  const used = new Set()
  const token = security.verifyPasswordReset(ring, link, 1234, 7, (id) => used.has(id), now)
  used.add(token.tokenId)
  const again = throwsCode(() => security.verifyPasswordReset(ring, link, 1234, 7, (id) => used.has(id), now),
    'security.reset_token_used')
  assert.equal(again.tokenId, token.tokenId)
  const other = throwsCode(() => security.verifyPasswordReset(ring, link, 99, 7, () => false, now), 'security.wrong_account')
  assert.deepEqual([other.tokenAccount, other.account], [1234, 99])
  const thrown = new Error('store down')
  assert.throws(() => security.verifyPasswordReset(ring, link, 1234, 7, () => { throw thrown }, now), (caught) => caught === thrown)
  assert.ok(throwsCode(() => security.verifyPasswordReset(ring, link, 1234, 7, () => 1, now), 'InvalidArg') instanceof TypeError)
  throwsCode(() => security.verifyPasswordReset(ring, link, 1234, 7, used, now), 'InvalidArg')
})

test('other purposes, forgeries, incomplete tokens and the validity range are refused', () => {
  const now = '2026-06-01T09:00:00Z'
  const click = ring.issue('click', { account: 1234, credential: 7 }, { now })
  const purpose = throwsCode(() => security.readPasswordReset(ring, click, { now }), 'token.wrong_purpose')
  assert.deepEqual([purpose.expected, purpose.found], ['password_reset', 'click'])
  const link = issue(7)
  const forged = link.slice(0, -2) + (link.endsWith('AA') ? 'BB' : 'AA')
  throwsCode(() => security.readPasswordReset(ring, forged, { now }), 'token.bad_tag')
  const bare = ring.issue('password_reset', { account: 1234 }, { now, expiresIn: 3600 })
  assert.equal(throwsCode(() => security.readPasswordReset(ring, bare, { now }), 'security.reset_token_incomplete').missing,
    'credential')
  const noExpiry = ring.issue('password_reset', { account: 1234, credential: 7 }, { now })
  assert.equal(throwsCode(() => security.readPasswordReset(ring, noExpiry, { now }), 'security.reset_token_incomplete').missing,
    'expires_at')

  issue(7, 60)
  issue(7, 7 * 86400)
  const long = throwsCode(() => issue(7, 30 * 86400), 'security.invalid_parameter')
  assert.deepEqual([long.field, long.value, long.rule],
    ['validity', '2592000 seconds', 'is out of range: a reset link is valid 1 minute to 7 days'])
  throwsCode(() => issue(7, 59), 'security.invalid_parameter')
  throwsCode(() => security.issuePasswordReset(ring, 1234, 7, { now: '2024-06-01T09:00:00Z', validitySeconds: 3600 }),
    'token.invalid_time')
  throwsCode(() => security.issuePasswordReset(ring, 1234, 7, { now }), 'InvalidArg')
  throwsCode(() => security.issuePasswordReset(ring, 1234, -1, { now, validitySeconds: 3600 }), 'InvalidArg')
  throwsCode(() => security.issuePasswordReset(ring, 1234, 2 ** 32, { now, validitySeconds: 3600 }), 'InvalidArg')
  throwsCode(() => security.issuePasswordReset({}, 1234, 7, { now, validitySeconds: 3600 }), 'InvalidArg')
  const bigAccount = security.issuePasswordReset(ring, 2n ** 60n, 0, { now, validitySeconds: 3600 })
  assert.equal(security.readPasswordReset(ring, bigAccount, { now }).account, 2n ** 60n)
})
