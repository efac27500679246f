package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Senders through the Kotlin binding: the SMS sender number, verification with one-time codes,
 * SMS settings, and every `senders.*` error with its fields. The expectations are the core's
 * (core/src/senders, core/tests/senders.rs).
 */
class SendersTest {
    private val ring = KeyRing(mapOf(1 to ByteArray(32) { 0x42 }), active = 1)
    private val at: Instant = Instant.parse("2026-06-01T09:00:00Z")

    private fun senderError(code: String, block: () -> Unit): EnvoiException.Sender {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Sender>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("senders", error.family())
        return error
    }

    private fun wrongCode(code: String) = if (code == "000000") "000001" else "000000"

    // ---- The SMS sender number ----------------------------------------------------------------

    @Test
    fun `an SMS sender number is international and mobile`() {
        for (text in listOf("+32475123456", "0032475123456", " +32 475 12 34 56 ", "0032 475 12 34 56")) {
            assertEquals(PhoneNumber("+32475123456", "mobile", true, 32u), smsSenderNumber(text), text)
        }
        val alphanumeric = senderError("senders.alphanumeric_sender") { smsSenderNumber("John Tel") }
        assertEquals("John Tel", alphanumeric.value)
        assertEquals(
            "sender \"John Tel\": an alphanumeric sender is refused: it is not accepted in every country and the recipient " +
                "cannot reply; use a mobile number in international form, such as +32475123456",
            alphanumeric.message(),
        )
        val national = senderError("senders.not_international") { smsSenderNumber("0475123456") }
        assertEquals(Pair("0475123456", "+32475123456"), Pair(national.value, national.suggestion))
        assertContains(national.message(), "+32475123456")
        val dutch = senderError("senders.not_international") { smsSenderNumber("0612345678") }
        assertNull(dutch.suggestion)
        assertContains(dutch.message(), "(+32 for Belgium, +33 for France…)")
        val fixed = senderError("senders.not_mobile") { smsSenderNumber("+3223456789") }
        assertEquals(Pair("+3223456789", "fixed_line"), Pair(fixed.number, fixed.kind))
        // Not a phone number at all: the contacts' code and reason.
        val empty = assertFailsWith<EnvoiException.Contacts> { smsSenderNumber("") }
        assertEquals(Pair("contacts.invalid_phone", "empty"), Pair(empty.code(), empty.problem))
        assertEquals("contacts.invalid_phone", assertFailsWith<EnvoiException.Contacts> { smsSenderNumber("+32 475") }.code())
    }

    // ---- Verification -------------------------------------------------------------------------

    @Test
    fun `a sender is verified with the code sent to it, and only then used`() {
        val sender = Sender.sms(12uL, 3uL, "0032475123456")
        assertEquals(Triple(12uL, 3uL, "+32475123456"), Triple(sender.account(), sender.id(), sender.address()))
        assertEquals(Pair("sms", "unverified"), Pair(sender.channel(), sender.verificationState()))
        assertEquals("Sender(account=12, id=3, sms=+32475123456, state=unverified)", sender.toString())
        val unverified = senderError("senders.not_verified") { sender.requireFor("sms") }
        assertEquals(Pair(3uL, "unverified"), Pair(unverified.sender, unverified.state))
        assertEquals(
            "sender 3: not verified (unverified); a message can only use a verified sender: confirm the code sent to it first",
            unverified.message(),
        )
        assertEquals(3uL, senderError("senders.no_pending_verification") { sender.confirm(ring, "123456", at) }.sender)

        val code = sender.startVerification(ring, "sender-3", validitySeconds = 900, now = at)
        assertEquals(6, code.length)
        assertEquals("pending", sender.verificationState())
        assertEquals("pending", senderError("senders.not_verified") { sender.requireFor("sms") }.state)

        // A wrong code is counted in the sender, whatever the call throws: store it after every call.
        val mismatch = assertFailsWith<EnvoiException.Token> { sender.confirm(ring, wrongCode(code), at.plusSeconds(30)) }
        assertEquals(Pair("token.code_mismatch", 4u), Pair(mismatch.code(), mismatch.attemptsLeft))
        val stored = Sender.fromJson(sender.toJson())
        assertEquals(sender, stored)

        stored.confirm(ring, code, at.plusSeconds(60))
        assertTrue(stored.isVerified())
        assertEquals(Pair("verified", at.plusSeconds(60)), Pair(stored.verificationState(), stored.verifiedAt()))
        stored.requireFor("sms")
        val channel = senderError("senders.wrong_channel") { stored.requireFor("email") }
        assertEquals(Triple(3uL, "sms", "email"), Triple(channel.sender, channel.address, channel.channel))
        val again = senderError("senders.already_verified") { stored.startVerification(ring, "sender-3b", 900, at.plusSeconds(90)) }
        assertEquals(Pair(3uL, at.plusSeconds(60)), Pair(again.sender, again.at))
        assertEquals(3uL, senderError("senders.already_verified") { stored.confirm(ring, code) }.sender)
    }

    @Test
    fun `verification codes expire, lock, and belong to one sender`() {
        val sender = Sender.email(12uL, 4uL, "News@Example.BE")
        assertEquals(Pair("News@example.be", "email"), Pair(sender.address(), sender.channel()))
        assertTrue(sender.sends("secure_email"))
        assertFalse(sender.sends("sms"))
        val code = sender.startVerification(ring, "sender-4", 60, at, alphabet = "crockford", length = 8, maxAttempts = 1)
        assertEquals(8, code.length)
        val expired = assertFailsWith<EnvoiException.Token> { sender.confirm(ring, code, at.plusSeconds(60)) }
        assertEquals(Pair("token.code_expired", at.plusSeconds(60)), Pair(expired.code(), expired.expiresAt))

        val fresh = sender.startVerification(ring, "sender-4b", 60, at.plusSeconds(120), maxAttempts = 1)
        assertEquals("token.code_locked", assertFailsWith<EnvoiException.Token> { sender.confirm(ring, wrongCode(fresh), at.plusSeconds(121)) }.code())
        assertEquals("token.code_locked", assertFailsWith<EnvoiException.Token> { sender.confirm(ring, fresh, at.plusSeconds(122)) }.code())

        // The host mixed up its records: sender 5 got sender 4's pending challenge.
        val next = sender.startVerification(ring, "sender-4c", 600, at.plusSeconds(200))
        val mixed = Sender.fromJson(sender.toJson().replace("\"id\":4,", "\"id\":5,"))
        val mismatch = senderError("senders.challenge_mismatch") { mixed.confirm(ring, next, at.plusSeconds(201)) }
        assertEquals(Triple(5uL, 12uL, 4uL), Triple(mismatch.sender, mismatch.foundAccount, mismatch.foundSender))
        assertFalse(mixed.isVerified())

        val validity = senderError("senders.invalid_parameter") { sender.startVerification(ring, "sender-4d", 30, at) }
        assertEquals(Triple("validity", "30 seconds", "is out of range: a verification code is valid 1 minute to 1 day"), Triple(validity.field, validity.value, validity.rule))
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { sender.startVerification(ring, "x", Long.MAX_VALUE, at) }.code())
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { sender.startVerification(ring, "x", 600, at, length = -1) }.code())
        assertEquals("token.invalid_argument", assertFailsWith<EnvoiException.Token> { sender.startVerification(ring, "x", 600, at, alphabet = "hex") }.code())
        assertEquals("contacts.invalid_email", assertFailsWith<EnvoiException.Contacts> { Sender.email(12uL, 6uL, "news@localhost") }.code())
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { Sender.fromJson("{}") }.code())
    }

    @Test
    fun `restarts are limited and a code is bound to the address it was sent to`() {
        val sender = Sender.sms(12uL, 3uL, "+32475123456")
        for (minute in 0L until 5L) sender.startVerification(ring, "v-$minute", 600, at.plusSeconds(60 * minute))
        val limit = senderError("senders.too_many_verifications") { sender.startVerification(ring, "v-5", 600, at.plusSeconds(300)) }
        assertEquals(Triple(3uL, 5uL, at.plusSeconds(24 * 3600)), Triple(limit.sender, limit.count, limit.nextAllowedAt))
        val code = sender.startVerification(ring, "v-6", 600, at.plusSeconds(24 * 3600)) // the oldest start is a day old

        // The stored address was edited after the code was sent: the code proves nothing about it.
        val edited = Sender.fromJson(sender.toJson().replace("+32475123456", "+32475000000"))
        val other = senderError("senders.challenge_mismatch") { edited.confirm(ring, code, at.plusSeconds(24 * 3600 + 10)) }
        assertEquals(Pair(3uL, "+32475000000"), Pair(other.sender, other.address))
        assertNull(other.foundSender)
        assertEquals("token.invalid_argument", assertFailsWith<EnvoiException.Token> { sender.startVerification(ring, "", 600, at.plusSeconds(24 * 3600)) }.code())
    }

    // ---- SMS settings -------------------------------------------------------------------------

    @Test
    fun `a sender's SMS settings go to the segmenter`() {
        val sender = Sender.sms(12uL, 3uL, "+32475123456")
        assertEquals(SmsSettings(languages = listOf(), smartEncoding = false), sender.smsSettings())
        sender.setSmsSettings(SmsSettings(languages = listOf("turkish", "spanish"), smartEncoding = true))
        val options = sender.smsOptions(SmsOptions(maxParts = 3, languages = listOf("portuguese")))
        assertEquals(SmsOptions(smartEncoding = true, languages = listOf("turkish", "spanish"), maxParts = 3), options)
        assertEquals("It's \"fine\"", analyzeSms("It’s “fine”", sender.smsOptions()).text)
        assertEquals(sender, Sender.fromJson(sender.toJson()))

        val twice = senderError("senders.invalid_parameter") { sender.setSmsSettings(SmsSettings(listOf("turkish", "turkish"))) }
        assertEquals(Triple("sms.languages", "turkish", "is given twice; each national language is listed once"), Triple(twice.field, twice.value, twice.rule))
        assertEquals("sms.unknown_language", assertFailsWith<EnvoiException.Sms> { sender.setSmsSettings(SmsSettings(listOf("klingon"))) }.code())
        val email = Sender.email(12uL, 4uL, "news@example.be")
        val channel = senderError("senders.wrong_channel") { email.setSmsSettings(SmsSettings(smartEncoding = true)) }
        assertEquals(Triple(4uL, "email", "sms"), Triple(channel.sender, channel.address, channel.channel))
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        // The host's side, as the README leaves it to the reader.
        val sms = mutableListOf<String>()
        fun sendSms(to: String, text: String) { sms += "$to: $text" }
        val store = mutableMapOf<ULong, String>()

        assertEquals("+32475123456", smsSenderNumber("0032 475 12 34 56").e164)
        assertEquals("senders.alphanumeric_sender", assertFailsWith<EnvoiException.Sender> { smsSenderNumber("John Tel") }.code())

        val sender = Sender.sms(account = 12uL, id = 3uL, number = "+32475123456")
        sender.setSmsSettings(SmsSettings(languages = listOf("turkish"), smartEncoding = true))
        val code = sender.startVerification(ring, "sender-3", validitySeconds = 900)
        sendSms(sender.address(), "Your envoi code: $code")
        store[sender.id()] = sender.toJson()

        val typed = sms.last().substringAfterLast(' ')
        val stored = Sender.fromJson(store.getValue(3uL))
        stored.confirm(ring, typed)
        store[stored.id()] = stored.toJson()
        stored.requireFor("sms")
        assertEquals(1u, analyzeSms("Your appointment is tomorrow at 09:30.", stored.smsOptions()).partCount)
    }
}
