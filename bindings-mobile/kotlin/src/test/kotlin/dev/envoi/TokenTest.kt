package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.Base64
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Signed tokens and one-time codes through the Kotlin binding: KeyRing, its tokens and codes, and
 * every `token.*` error with its fields. The expectations are the core's (core/src/token).
 */
class TokenTest {
    private val secret1 = ByteArray(32) { 0x11 }
    private val secret2 = ByteArray(32) { 0x22 }
    private val sent: Instant = Instant.parse("2026-06-01T09:00:00Z")
    private val claims = Claims(account = 12_345uL, message = 1_234_567uL, occurrence = 3u, recipient = 45_678_901uL, link = 7u)

    private fun tokenError(code: String, block: () -> Unit): EnvoiException.Token {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Token>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("token", error.family())
        assertEquals(code, error.code)
        return error
    }

    private fun argumentError(code: String, block: () -> Unit): EnvoiException.Argument {
        val error = assertFailsWith<EnvoiException.Argument>(code) { block() }
        assertEquals(code, error.code())
        return error
    }

    // ---- Key ring, issue and verify -----------------------------------------------------------

    @Test
    fun `a token round trips with its claims, key, times and id`() {
        val ring = KeyRing(mapOf(1 to secret1), active = 1)
        val token = ring.issue("click", claims, expires = sent.plusSeconds(90L * 86_400), now = sent)
        assertEquals(52, token.length) // the core's typical tracking token
        assertTrue(token.all { it.isLetterOrDigit() || it == '-' || it == '_' }, token)
        val verified = ring.verify("click", token, now = sent)
        assertEquals("click", verified.purpose)
        assertEquals(1u, verified.keyId)
        assertEquals(claims, verified.claims)
        assertEquals(sent, verified.issuedAt)
        assertEquals(sent.plusSeconds(90L * 86_400), verified.expiresAt)
        assertEquals(22, verified.tokenId.length)
        // Times are whole seconds, rounded down; no expiry is null.
        val noExpiry = ring.verify("password_reset", ring.issue("password_reset", Claims(account = 1uL), now = sent.plusMillis(750)), sent)
        assertEquals(sent, noExpiry.issuedAt)
        assertNull(noExpiry.expiresAt)
        // `now` defaults to the system clock.
        val fresh = ring.verify("open", ring.issue("open", Claims(message = 42uL)))
        assertTrue(Duration.between(fresh.issuedAt, Instant.now()).seconds in 0..5)
        // Deterministic: the same inputs make the same token, and the same id.
        assertEquals(token, ring.issue("click", claims, expires = sent.plusSeconds(90L * 86_400), now = sent))
    }

    @Test
    fun `the ring shows its ids, never a secret`() {
        val ring = KeyRing(mapOf(1L to secret1, 2L to secret2), active = 2L, tagLength = 32L) // the generated constructor
        assertEquals(listOf(1u, 2u), ring.keyIds())
        assertEquals(2u, ring.activeKeyId())
        assertEquals(32u, ring.tagLength())
        assertEquals("KeyRing { key_ids: [1, 2], active: 2, tag_length: 32 }", ring.toString())
        val token = ring.issue("open", Claims(), now = sent)
        assertEquals(54, token.length) // 4 + 4 + 32 bytes
        // A ring verifies its own tag length only.
        val short = KeyRing(mapOf(1 to secret1, 2 to secret2), active = 2)
        val error = assertFailsWith<EnvoiException.Token> { short.verify("open", token, sent) }
        assertTrue(error.code() in setOf("token.bad_tag", "token.wrong_length"), error.code())
    }

    @Test
    fun `key ring errors name the key and the rule`() {
        val tooShort = tokenError("token.key_too_short") { KeyRing(mapOf(3 to ByteArray(20)), 3) }
        assertEquals(Triple(3u, 20uL, 32uL), Triple(tooShort.keyId, tooShort.length, tooShort.min))
        assertEquals("key id 3: 20 bytes, a key needs at least 32 bytes (256 bits) of secret", tooShort.message())
        val missing = tokenError("token.active_key_missing") { KeyRing(mapOf(1 to secret1), 2) }
        assertEquals(2u, missing.keyId)
        val tagLength = tokenError("token.invalid_argument") { KeyRing(mapOf(1 to secret1), 1, tagLength = 8) }
        assertEquals(Triple("tag_length", "8", "is out of range: a tag has 16 (128 bits) to 32 bytes"), Triple(tagLength.field, tagLength.value, tagLength.rule))
        // What the core's types cannot hold is this binding's argument.out_of_range.
        assertTrue(argumentError("argument.out_of_range") { KeyRing(mapOf(256 to secret1), 1) }.message().startsWith("keys: 256"))
        assertTrue(argumentError("argument.out_of_range") { KeyRing(mapOf(1 to secret1), -1) }.message().startsWith("active: -1"))
        argumentError("argument.out_of_range") { KeyRing(mapOf(1 to secret1), 1, tagLength = -16) }
        // token.duplicate_key cannot be reached: a Map holds each id once.
    }

    @Test
    fun `every flipped character is refused, most by the tag`() {
        val ring = KeyRing(mapOf(1 to secret1, 2 to secret2), active = 1)
        val token = ring.issue("click", claims, now = sent)
        val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        val codes = mutableMapOf<String, Int>()
        for (index in token.indices) {
            for (replacement in listOf(alphabet[(alphabet.indexOf(token[index]) + 1) % 64], alphabet[(alphabet.indexOf(token[index]) + 33) % 64])) {
                val tampered = token.substring(0, index) + replacement + token.substring(index + 1)
                val error = assertFailsWith<EnvoiException.Token>("flip at $index") { ring.verify("click", tampered, sent) }
                codes.merge(error.code(), 1, Int::plus)
            }
        }
        // The header's first bytes say the version and key id; every other change breaks the tag
        // (or, in the last character, the base64 padding bits).
        assertTrue(setOf("token.bad_tag", "token.bad_base64", "token.unsupported_version", "token.unknown_key").containsAll(codes.keys), codes.toString())
        assertTrue("token.bad_base64" in codes && "token.unsupported_version" in codes, codes.toString())
        assertTrue(codes.getValue("token.bad_tag") > token.length, codes.toString())
        val middle = token.length / 2
        val flipped = token.substring(0, middle) + (if (token[middle] == 'A') 'B' else 'A') + token.substring(middle + 1)
        assertEquals(1u, tokenError("token.bad_tag") { ring.verify("click", flipped, sent) }.keyId)
        // Truncated, extended, not base64, empty.
        for (bad in listOf(token.dropLast(1), token.dropLast(8), token + "AAAA", token.take(4), "")) {
            val error = assertFailsWith<EnvoiException.Token>(bad) { ring.verify("click", bad, sent) }
            assertTrue(error.code() in setOf("token.bad_tag", "token.bad_base64", "token.wrong_length"), "$bad: ${error.code()}")
        }
        assertTrue(tokenError("token.bad_base64") { ring.verify("click", token.replaceRange(3, 4, "="), sent) }.detail!!.isNotEmpty())
        val long = tokenError("token.wrong_length") { ring.verify("click", "A".repeat(400), sent) }
        assertEquals("characters", long.unit)
        assertEquals(400uL, long.length)
        val bytes = tokenError("token.wrong_length") { ring.verify("click", "AQEBAQ", sent) }
        assertEquals("bytes", bytes.unit)
        assertEquals(4uL, bytes.length)
        assertTrue(bytes.min!! > 4uL && bytes.max!! > bytes.min!!)
        val version = tokenError("token.unsupported_version") { ring.verify("click", "B" + token.drop(1), sent) }
        assertEquals(Pair(5u, 1u), Pair(version.version, version.supported)) // "B": the byte 0b101
    }

    @Test
    fun `a non-canonical payload under a valid tag is refused`() {
        // Made by hand with the ring's secret, as the module documentation describes the format:
        // the account 0 written on two bytes (0x80 0x00) instead of one.
        val issuedAt = Duration.between(Instant.parse("2025-01-01T00:00:00Z"), sent).seconds
        val payload = mutableListOf<Byte>(1, 1, 1, 0x01, 0x80.toByte(), 0x00)
        var rest = issuedAt
        while (rest >= 0x80) { payload += ((rest and 0x7f) or 0x80).toByte(); rest = rest ushr 7 }
        payload += rest.toByte()
        val mac = Mac.getInstance("HmacSHA256").apply { init(SecretKeySpec(secret1, "HmacSHA256")) }
        mac.update("envoi-token-v1-mac\u0000".toByteArray())
        mac.update(16.toByte())
        val tag = mac.doFinal(payload.toByteArray()).copyOf(16)
        val token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.toByteArray() + tag)
        val ring = KeyRing(mapOf(1 to secret1), 1)
        val error = tokenError("token.non_canonical") { ring.verify("open", token, sent) }
        assertEquals("account", error.field)
        assertTrue(error.rule!!.isNotEmpty())
    }

    @Test
    fun `expiry is exclusive and purposes do not mix`() {
        val ring = KeyRing(mapOf(1 to secret1), 1)
        val expires = sent.plusSeconds(3600)
        val token = ring.issue("approval", claims, expires = expires, now = sent)
        ring.verify("approval", token, expires.minusMillis(1)) // valid strictly before
        val expired = tokenError("token.expired") { ring.verify("approval", token, expires) }
        assertEquals(Pair(expires, expires), Pair(expired.expiresAt, expired.now))
        // A token issued after `now` (clock skew) is accepted.
        ring.verify("approval", token, sent.minusSeconds(60))

        val wrong = tokenError("token.wrong_purpose") { ring.verify("click", token, sent) }
        assertEquals(Pair("click", "approval"), Pair(wrong.expected, wrong.found))
        assertEquals("token: made for approval, refused for click", wrong.message())
        for (purpose in listOf("open", "click", "approval", "sender_verification", "password_reset", "secure_email")) {
            assertEquals(purpose, ring.verify(purpose, ring.issue(purpose, claims, now = sent), sent).purpose)
        }
        val unknown = tokenError("token.unknown_purpose") { ring.issue("pixel", claims, now = sent) }
        assertEquals("pixel", unknown.value)
        tokenError("token.unknown_purpose") { ring.verify("Click", token, sent) }

        // Times a token cannot carry.
        val early = tokenError("token.invalid_time") { ring.issue("open", claims, now = Instant.parse("2024-12-31T23:59:59Z")) }
        assertEquals(Pair("issued_at", "2024-12-31T23:59:59Z"), Pair(early.field, early.value))
        assertEquals("expires_at", tokenError("token.invalid_time") { ring.issue("open", claims, expires = sent, now = sent) }.field)
        val far = argumentError("argument.instant_out_of_range") { ring.issue("open", claims, now = Instant.MAX) }
        assertTrue(far.message().startsWith("now: "), far.message())
        assertTrue(argumentError("argument.instant_out_of_range") { ring.issue("open", claims, expires = Instant.MAX, now = sent) }.message().startsWith("expires: "))
    }

    @Test
    fun `a retired key verifies, a removed key is gone`() {
        val first = KeyRing(mapOf(1 to secret1), 1)
        val old = first.issue("click", claims, now = sent)
        val rotated = KeyRing(mapOf(1 to secret1, 2 to secret2), 2)
        assertEquals(1u, rotated.verify("click", old, sent).keyId)
        val new = rotated.issue("click", claims, now = sent)
        assertNotEquals(old, new)
        assertEquals(2u, rotated.verify("click", new, sent).keyId)
        val later = KeyRing(mapOf(2 to secret2), 2)
        assertEquals(1u, tokenError("token.unknown_key") { later.verify("click", old, sent) }.keyId)
        later.verify("click", new, sent)
        // Another secret under the same id: the tag does not match.
        val impostor = KeyRing(mapOf(1 to secret2), 1)
        tokenError("token.bad_tag") { impostor.verify("click", old, sent) }
    }

    @Test
    fun `a sealed token hides its claims at no cost in length`() {
        val ring = KeyRing(mapOf(1 to secret1), 1)
        val expires = sent.plusSeconds(90L * 86_400)
        val signed = ring.issue("click", claims, expires = expires, now = sent)
        val sealed = ring.issue("click", claims, expires = expires, now = sent, sealed = true)
        assertEquals(signed.length, sealed.length)
        assertNotEquals(signed, sealed)
        assertEquals(claims, ring.verify("click", sealed, sent).claims)
        val flipped = sealed.replaceRange(10, 11, if (sealed[10] == 'A') "B" else "A")
        tokenError("token.bad_tag") { ring.verify("click", flipped, sent) }
    }

    @Test
    fun `Kotlin overloads take a Duration or ZonedDateTime`() {
        val ring = KeyRing(mapOf(1 to secret1), 1)
        val brussels = ZonedDateTime.of(2026, 6, 1, 11, 0, 0, 0, ZoneId.of("Europe/Brussels")) // = sent
        val byDuration = ring.issue("click", claims, expires = Duration.ofDays(90), now = sent)
        val byZoned = ring.issue("click", claims, expires = brussels.plusDays(90), now = brussels)
        assertEquals(byDuration, byZoned)
        assertEquals(sent.plus(Duration.ofDays(90)), ring.verify("click", byZoned, brussels).expiresAt)
        val fromNow = ring.verify("click", ring.issue("click", claims, expires = Duration.ofMinutes(5)))
        assertEquals(Duration.ofMinutes(5), Duration.between(fromNow.issuedAt, fromNow.expiresAt))
    }

    // ---- One-time codes ------------------------------------------------------------------------

    private val ring = KeyRing(mapOf(1 to secret1), 1)
    private val verification = Claims(account = 42uL, recipient = 9uL)

    private fun wrong(code: String) = if (code == "000000") "000001" else "000000"

    @Test
    fun `a code counts down its attempts to locked, updating the challenge in place`() {
        val (code, challenge) = ring.issueCode("sender_verification", verification, "verification-8812", expires = Duration.ofMinutes(15), now = sent)
        assertEquals(6, code.length)
        assertTrue(code.all { it.isDigit() })
        assertEquals(Triple("pending", 0u, 5u), Triple(challenge.state(), challenge.attemptsUsed(), challenge.attemptsLeft()))
        assertEquals(Triple("digits", 6.toUByte(), 5u), Triple(challenge.alphabet(), challenge.length(), challenge.maxAttempts()))
        assertEquals(Triple("sender_verification", verification, "verification-8812"), Triple(challenge.purpose(), challenge.claims(), challenge.challengeId()))
        assertEquals(Pair(sent, sent.plusSeconds(900)), Pair(challenge.issuedAt(), challenge.expiresAt()))
        assertEquals(1u, challenge.keyId())
        for (left in 4u downTo 1u) {
            val mismatch = tokenError("token.code_mismatch") { ring.checkCode("sender_verification", challenge, wrong(code), sent) }
            assertEquals(left, mismatch.attemptsLeft)
            assertEquals(left, challenge.attemptsLeft())
        }
        val locked = tokenError("token.code_locked") { ring.checkCode("sender_verification", challenge, wrong(code), sent) }
        assertEquals(5u, locked.attempts)
        assertEquals("locked", challenge.state())
        // Locked for good, even with the right code; the stored form keeps it locked.
        tokenError("token.code_locked") { ring.checkCode("sender_verification", challenge, code, sent) }
        val stored = CodeChallenge.fromJson(challenge.toJson())
        assertEquals(challenge, stored)
        assertEquals("locked", stored.state())
        tokenError("token.code_locked") { ring.checkCode("sender_verification", stored, code, sent) }
    }

    @Test
    fun `the right code opens once`() {
        val (code, challenge) = ring.issueCode("sender_verification", verification, "c-1", expires = sent.plusSeconds(900), now = sent)
        tokenError("token.code_mismatch") { ring.checkCode("sender_verification", challenge, wrong(code), sent) }
        // The host stores the challenge after each check, and checks the stored one.
        val stored = CodeChallenge.fromJson(challenge.toJson())
        assertEquals(1u, stored.attemptsUsed())
        val verified = ring.checkCode("sender_verification", stored, code.substring(0, 3) + " " + code.substring(3), sent)
        assertEquals(verification, verified.claims)
        assertEquals(Pair("sender_verification", sent.plusSeconds(900)), Pair(verified.purpose, verified.expiresAt))
        assertEquals(22, verified.tokenId.length)
        assertEquals("used", stored.state())
        tokenError("token.code_used") { ring.checkCode("sender_verification", stored, code, sent) }
        // Another challenge id, another code; a re-send of the same challenge, the same code.
        assertEquals(code, ring.issueCode("sender_verification", verification, "c-1", expires = sent.plusSeconds(900), now = sent).code)
        assertNotEquals(code, ring.issueCode("sender_verification", verification, "c-2", expires = sent.plusSeconds(900), now = sent).code)
    }

    @Test
    fun `code errors have their fields and use no attempt`() {
        val (code, challenge) = ring.issueCode("secure_email", Claims(), "c-9", expires = sent.plusSeconds(600), now = sent, alphabet = "crockford", length = 8, maxAttempts = 2)
        assertEquals(8, code.length)
        val malformed = tokenError("token.code_malformed") { ring.checkCode("secure_email", challenge, "ZZZZ", sent) }
        assertTrue(malformed.detail!!.isNotEmpty())
        val purpose = tokenError("token.wrong_purpose") { ring.checkCode("sender_verification", challenge, code, sent) }
        assertEquals(Pair("sender_verification", "secure_email"), Pair(purpose.expected, purpose.found))
        val expired = tokenError("token.code_expired") { ring.checkCode("secure_email", challenge, code, sent.plusSeconds(600)) }
        assertEquals(Pair(sent.plusSeconds(600), sent.plusSeconds(600)), Pair(expired.expiresAt, expired.now))
        val removed = KeyRing(mapOf(2 to secret2), 2)
        assertEquals(1u, tokenError("token.unknown_key") { removed.checkCode("secure_email", challenge, code, sent) }.keyId)
        assertEquals(0u, challenge.attemptsUsed())
        // Crockford codes read leniently: any case, dashes, I/L as 1 and O as 0.
        val typed = code.substring(0, 4).lowercase() + "-" + code.substring(4)
        ring.checkCode("secure_email", challenge, typed, ZonedDateTime.ofInstant(sent, ZoneId.of("Europe/Brussels")))
        assertEquals("used", challenge.state())
    }

    @Test
    fun `code parameters are checked`() {
        val alphabet = tokenError("token.invalid_argument") { ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5), alphabet = "hex") }
        assertEquals(Pair("alphabet", "hex"), Pair(alphabet.field, alphabet.value))
        assertEquals("length", tokenError("token.invalid_argument") { ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5), length = 4) }.field)
        assertEquals("max_attempts", tokenError("token.invalid_argument") { ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5), maxAttempts = 11) }.field)
        assertEquals("challenge_id", tokenError("token.invalid_argument") { ring.issueCode("open", Claims(), "", expires = Duration.ofMinutes(5)) }.field)
        assertEquals("expires_at", tokenError("token.invalid_time") { ring.issueCode("open", Claims(), "c", expires = sent, now = sent) }.field)
        assertTrue(argumentError("argument.out_of_range") { ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5), length = 300) }.message().startsWith("length: 300"))
        argumentError("argument.out_of_range") { ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5), maxAttempts = -1) }
        val json = argumentError("argument.invalid_json") { CodeChallenge.fromJson("{\"key_id\": 1}") }
        assertContains(json.message(), "not a code challenge")
        assertFalse(CodeChallenge.fromJson(ring.issueCode("open", Claims(), "c", expires = Duration.ofMinutes(5)).challenge.toJson()).toString().contains("code\":"))
    }
}
