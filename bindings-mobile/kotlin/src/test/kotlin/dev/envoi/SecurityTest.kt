package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNull

/**
 * Login protection and password reset through the Kotlin binding: the lockout policy and its
 * boundaries, the guard's JSON state, reset tokens with the tracking KeyRing, and every
 * `security.*` error with its fields. The expectations are the core's (core/src/security,
 * core/tests/security.rs).
 */
class SecurityTest {
    private val ring = KeyRing(mapOf(1 to ByteArray(32) { 0x42 }), active = 1)
    private val t0: Instant = Instant.parse("2026-06-01T09:00:00Z")

    private fun securityError(code: String, block: () -> Unit): EnvoiException.Security {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Security>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("security", error.family())
        return error
    }

    // ---- The policy ---------------------------------------------------------------------------

    @Test
    fun `the default policy doubles each lock up to its cap`() {
        val policy = LockoutPolicy()
        assertEquals(listOf(5L, 900L, 900L, 86_400L), listOf(policy.maxFailures().toLong(), policy.windowSeconds(), policy.firstLockSeconds(), policy.capSeconds()))
        assertEquals("LockoutPolicy(max_failures=5, window=900s, first_lock=900s, cap=86400s)", policy.toString())
        assertEquals(
            listOf(900L, 1_800L, 3_600L, 7_200L, 14_400L, 28_800L, 57_600L, 86_400L, 86_400L),
            (1u..9u).map { policy.lockDurationSeconds(it) },
        )
        val strict = LockoutPolicy(maxFailures = 3, windowSeconds = 60, firstLockSeconds = 60, capSeconds = 150)
        assertEquals(listOf(60L, 120L, 150L), (1u..3u).map { strict.lockDurationSeconds(it) })
        assertEquals("""{"max_failures":3,"window_seconds":60,"first_lock_seconds":60,"cap_seconds":150}""", strict.toJson())
        assertEquals(strict, LockoutPolicy.fromJson(strict.toJson()))
        assertEquals(LockoutPolicy(), LockoutPolicy(maxFailures = 5))
    }

    @Test
    fun `a policy out of range is refused with the parameter, the value and the rule`() {
        val zero = securityError("security.invalid_parameter") { LockoutPolicy(maxFailures = 0) }
        assertEquals(Triple("max_failures", "0", "is out of range: a policy locks after 1 to 100 failures"), Triple(zero.field, zero.value, zero.rule))
        assertEquals("101", securityError("security.invalid_parameter") { LockoutPolicy(maxFailures = 101) }.value)
        val window = securityError("security.invalid_parameter") { LockoutPolicy(windowSeconds = 0) }
        assertEquals(Triple("window", "0 seconds", "must be positive (at least 1 second)"), Triple(window.field, window.value, window.rule))
        assertEquals("is too long: at most 366 days", securityError("security.invalid_parameter") { LockoutPolicy(capSeconds = 366L * 86_400 + 1) }.rule)
        assertEquals("is too long: at most 366 days", securityError("security.invalid_parameter") { LockoutPolicy(firstLockSeconds = Long.MAX_VALUE) }.rule)
        val cap = securityError("security.invalid_parameter") { LockoutPolicy(firstLockSeconds = 600, capSeconds = 300) }
        assertEquals(Triple("cap", 300L, 600L), Triple(cap.field, cap.capSeconds, cap.firstLockSeconds))
        assertEquals("cap: 300 seconds must be at least first_lock (600 seconds)", cap.message())
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { LockoutPolicy.fromJson("""{"max_failures":0}""") }.code())
    }

    // ---- The guard ----------------------------------------------------------------------------

    @Test
    fun `the fifth failure within the window locks, exactly until the lock's end`() {
        val policy = LockoutPolicy()
        val guard = LoginGuard()
        for (second in 0L until 4L) {
            guard.check(t0.plusSeconds(second))
            assertEquals(
                FailureOutcome.Counted(failures = (second + 1).toUInt(), failuresLeft = (4 - second).toUInt()),
                guard.recordFailure(policy, t0.plusSeconds(second)),
            )
        }
        assertEquals(4u, guard.failures(policy, t0.plusSeconds(4)))
        val until = t0.plusSeconds(4 + 900)
        assertEquals(FailureOutcome.Locked(until, 900, 1u), guard.recordFailure(policy, t0.plusSeconds(4)))
        assertEquals(Pair(1u, until), Pair(guard.lockCount(), guard.lockedUntil()))

        val locked = securityError("security.account_locked") { guard.check(until.minusMillis(1)) }
        assertEquals(Pair(until, 1L), Pair(locked.lockedUntil, locked.remainingMillis))
        assertEquals("login: locked until 2026-06-01 09:15:04 UTC (1 seconds left) after repeated failed logins; try again then", locked.message())
        assertEquals(FailureOutcome.AlreadyLocked(until), guard.recordFailure(policy, until.minusSeconds(1)))
        assertEquals(until, securityError("security.account_locked") { guard.recordSuccess(until.minusSeconds(1)) }.lockedUntil)
        guard.check(until) // a login is allowed from the lock's end

        // The stored state reads back equal; the next lock doubles.
        val stored = LoginGuard.fromJson(guard.toJson())
        assertEquals(guard, stored)
        repeat(4) { stored.recordFailure(policy, until.plusSeconds(it.toLong())) }
        assertEquals(FailureOutcome.Locked(until.plusSeconds(4 + 1_800), 1_800, 2u), stored.recordFailure(policy, until.plusSeconds(4)))
        // A success after the lock resets the count and the doubling.
        stored.recordSuccess(until.plusSeconds(4 + 1_800))
        assertEquals(Pair(0u, null), Pair(stored.lockCount(), stored.lockedUntil()))
        assertEquals(LoginGuard(), stored)
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { LoginGuard.fromJson("[]") }.code())
    }

    @Test
    fun `failures older than the window do not count`() {
        val policy = LockoutPolicy(maxFailures = 2, windowSeconds = 60, firstLockSeconds = 60, capSeconds = 60)
        val guard = LoginGuard()
        assertEquals(FailureOutcome.Counted(1u, 1u), guard.recordFailure(policy, t0))
        assertEquals(0u, guard.failures(policy, t0.plusSeconds(60))) // exactly the window later: out
        assertEquals(FailureOutcome.Counted(1u, 1u), guard.recordFailure(policy, t0.plusSeconds(60)))
        assertIs<FailureOutcome.Locked>(guard.recordFailure(policy, t0.plusSeconds(119)))
    }

    // ---- Password reset -----------------------------------------------------------------------

    @Test
    fun `a reset link works once, for the current credential version, before it expires`() {
        val link = issuePasswordReset(ring, account = 1234uL, credentialVersion = 7u, validitySeconds = 3600, now = t0)
        val now = t0.plusSeconds(120)
        val token = readPasswordReset(ring, link, now)
        assertEquals(Triple(1234uL, 7u, 22), Triple(token.account(), token.credentialVersion(), token.tokenId().length))
        assertEquals(Pair(t0, t0.plusSeconds(3600)), Pair(token.issuedAt(), token.expiresAt()))
        assertContains(token.toString(), "ResetToken(account=1234, credential_version=7, token_id=")
        assertContains(token.toJson(), "\"credential_version\":7")
        assertEquals(token.tokenId(), token.accept(7u, false, now))

        val changed = securityError("security.credential_changed") { token.accept(8u, false, now) }
        assertEquals(Pair(7u, 8u), Pair(changed.tokenVersion, changed.currentVersion))
        assertEquals(
            "credential: the reset link was made for credential version 7, the account is at version 8; " +
                "the password changed since, which cancels every earlier reset link",
            changed.message(),
        )
        assertEquals(token.tokenId(), securityError("security.reset_token_used") { token.accept(7u, true, now) }.tokenId)
        val expired = assertFailsWith<EnvoiException.Token> { token.accept(7u, false, t0.plusSeconds(3600)) }
        assertEquals(Pair("token.expired", t0.plusSeconds(3600)), Pair(expired.code(), expired.expiresAt))

        assertEquals(token, verifyPasswordReset(ring, link, 1234uL, 7u, now = now))
        val account = securityError("security.wrong_account") { verifyPasswordReset(ring, link, 99uL, 7u, now = now) }
        assertEquals(Pair(1234uL, 99uL), Pair(account.tokenAccount, account.account))
        val used = securityError("security.reset_token_used") { verifyPasswordReset(ring, link, 1234uL, 7u, listOf("other", token.tokenId()), now) }
        assertEquals(token.tokenId(), used.tokenId)
        assertEquals("token.expired", assertFailsWith<EnvoiException.Token> { readPasswordReset(ring, link, t0.plusSeconds(3600)) }.code())
    }

    @Test
    fun `a link that is not a reset link of this ring is the key ring's error`() {
        val link = issuePasswordReset(ring, 1234uL, 7u, 3600, t0)
        // One character of the tag (the last 16 bytes), not the last one (its spare bits).
        val at = link.length - 5
        val tampered = link.substring(0, at) + (if (link[at] == 'A') 'B' else 'A') + link.substring(at + 1)
        assertEquals("token.bad_tag", assertFailsWith<EnvoiException.Token> { readPasswordReset(ring, tampered, t0) }.code())
        val click = ring.issue("click", Claims(account = 1234uL), now = t0)
        val purpose = assertFailsWith<EnvoiException.Token> { readPasswordReset(ring, click, t0) }
        assertEquals(Triple("token.wrong_purpose", "password_reset", "click"), Triple(purpose.code(), purpose.expected, purpose.found))
        // Signed for password reset, but not by issuePasswordReset: a claim is missing.
        val noVersion = ring.issue("password_reset", Claims(account = 1234uL), expires = t0.plusSeconds(600), now = t0)
        assertEquals("credential", securityError("security.reset_token_incomplete") { readPasswordReset(ring, noVersion, t0) }.missing)
        val noExpiry = ring.issue("password_reset", Claims(account = 1234uL, credential = 7u), now = t0)
        assertEquals("expires_at", securityError("security.reset_token_incomplete") { readPasswordReset(ring, noExpiry, t0) }.missing)

        val validity = securityError("security.invalid_parameter") { issuePasswordReset(ring, 1234uL, 7u, 30, t0) }
        assertEquals(Triple("validity", "30 seconds", "is out of range: a reset link is valid 1 minute to 7 days"), Triple(validity.field, validity.value, validity.rule))
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { issuePasswordReset(ring, 1234uL, 7u, Long.MAX_VALUE, t0) }.code())
        assertEquals("token.invalid_time", assertFailsWith<EnvoiException.Token> { issuePasswordReset(ring, 1234uL, 7u, 3600, Instant.parse("2020-01-01T00:00:00Z")) }.code())
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        // The host's side, as the README leaves it to the reader.
        var storedGuard: String? = null
        val usedIds = mutableListOf<String>()
        var credentialVersion = 7u
        val emails = mutableListOf<String>()
        fun sendEmail(text: String) { emails += text }
        fun passwordMatches() = false

        val policy = LockoutPolicy()                        // 5 failures in 15 minutes: 15 minutes, doubling up to 24 hours
        val guard = storedGuard?.let { LoginGuard.fromJson(it) } ?: LoginGuard()
        guard.check()                                        // throws security.account_locked while locked
        if (passwordMatches()) guard.recordSuccess() else guard.recordFailure(policy)
        storedGuard = guard.toJson()
        assertEquals(1u, LoginGuard.fromJson(storedGuard).failures(policy))

        val link = issuePasswordReset(ring, account = 1234uL, credentialVersion = credentialVersion, validitySeconds = 3600)
        sendEmail("https://app.example/reset/$link")
        val token = verifyPasswordReset(ring, emails.last().substringAfterLast('/'), 1234uL, credentialVersion, usedIds)
        usedIds += token.tokenId()
        credentialVersion += 1u                              // the new password: every earlier link is dead
        assertEquals("security.credential_changed", assertFailsWith<EnvoiException.Security> { verifyPasswordReset(ring, link, 1234uL, credentialVersion, usedIds) }.code())
    }
}
