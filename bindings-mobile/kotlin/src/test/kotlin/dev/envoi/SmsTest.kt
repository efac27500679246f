package dev.envoi

import org.junit.jupiter.api.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The SMS behaviours of the contract, asserted through the Kotlin binding. */
class SmsTest {
    private fun a(count: Int) = "a".repeat(count)

    @Test
    fun `empty text is one empty GSM-7 part`() {
        val analysis = analyzeSms("")
        assertEquals("gsm7", analysis.encoding)
        assertEquals(1u, analysis.partCount)
        assertEquals(listOf(""), analysis.parts)
        assertEquals(0u, analysis.unitsUsed)
        assertEquals(160u, analysis.unitsLeft)
        assertNull(analysis.lockingShift)
        assertNull(analysis.singleShift)
        assertNull(analysis.userData)
    }

    @Test
    fun `160 septets fit one part and 161 take two of 153`() {
        assertEquals(1u, analyzeSms(a(160)).partCount)
        val long = analyzeSms(a(161))
        assertEquals(2u, long.partCount)
        assertEquals(153u, long.unitsPerPart)
        assertEquals(listOf(153u, 8u), long.partUnits)
        assertEquals(listOf(a(153), a(8)), long.parts)
        assertEquals(161u, long.unitsUsed)
        assertEquals(145u, long.unitsLeft)
    }

    @Test
    fun `the euro sign takes two septets and its escape pair is not split`() {
        assertEquals(2u, analyzeSms("€").unitsUsed)
        val analysis = analyzeSms(a(152) + "€" + a(10))
        assertEquals("gsm7", analysis.encoding)
        assertEquals(164u, analysis.unitsUsed)
        assertEquals(listOf(a(152), "€" + a(10)), analysis.parts)
        assertEquals(listOf(152u, 12u), analysis.partUnits)
    }

    @Test
    fun `an emoji forces UCS-2 and is reported with its position`() {
        val analysis = analyzeSms("Hello 👋")
        assertEquals("ucs2", analysis.encoding)
        assertEquals(listOf(NonGsmChar(6uL, "👋")), analysis.nonGsm)
        assertEquals(8u, analysis.unitsUsed)
        assertEquals(1u, analysis.partCount)
    }

    @Test
    fun `UCS-2 surrogate pairs are counted as two units and never split`() {
        val single = analyzeSms(a(66) + "👍")
        assertEquals("ucs2", single.encoding)
        assertEquals(68u, single.unitsUsed)
        assertEquals(1u, single.partCount)

        val split = analyzeSms(a(66) + "👍" + a(10))
        assertEquals(78u, split.unitsUsed)
        assertEquals(67u, split.unitsPerPart)
        assertEquals(listOf(a(66), "👍" + a(10)), split.parts)
        assertEquals(listOf(66u, 12u), split.partUnits)
    }

    @Test
    fun `smart encoding replaces look-alikes and reports them`() {
        val analysis = analyzeSms("It’s “fine” — ok…", SmsOptions(smartEncoding = true))
        assertEquals("gsm7", analysis.encoding)
        assertEquals("It's \"fine\" - ok...", analysis.text)
        assertEquals(
            listOf(
                Replacement(2uL, "’", "'"),
                Replacement(5uL, "“", "\""),
                Replacement(10uL, "”", "\""),
                Replacement(12uL, "—", "-"),
                Replacement(16uL, "…", "..."),
            ),
            analysis.replacements,
        )
        assertEquals(emptyList(), analysis.nonGsm)

        val plain = analyzeSms("It’s “fine” — ok…")
        assertEquals("ucs2", plain.encoding)
        assertEquals(emptyList(), plain.replacements)
    }

    @Test
    fun `a national language table can save parts`() {
        val euros = "€".repeat(100)
        assertEquals(2u, analyzeSms(euros).partCount)
        val turkish = analyzeSms(euros, SmsOptions(languages = listOf("turkish")))
        assertEquals(1u, turkish.partCount)
        assertEquals("gsm7", turkish.encoding)
        assertEquals("turkish", turkish.lockingShift)
    }

    @Test
    fun `user data is packed GSM-7`() {
        val analysis = analyzeSms("hello", SmsOptions(userData = true))
        val userData = analysis.userData!!
        assertEquals(1, userData.size)
        assertContentEquals(
            byteArrayOf(0xE8.toByte(), 0x32, 0x9B.toByte(), 0xFD.toByte(), 0x06),
            userData[0].octets,
        )
        assertEquals(5u, userData[0].length)
        assertEquals(0u, userData[0].headerLength)
    }

    @Test
    fun `a 16-bit reference costs one septet per part`() {
        val analysis = analyzeSms(a(161), SmsOptions(reference = 4242, referenceBits = 16))
        assertEquals(152u, analysis.unitsPerPart)
    }

    @Test
    fun `too many parts has its code and message`() {
        val error = assertFailsWith<EnvoiException.Sms> { analyzeSms(a(200), SmsOptions(maxParts = 1)) }
        assertEquals("sms.too_many_parts", error.code())
        assertEquals("sms", error.family())
        assertEquals(
            "text: needs 2 parts but max_parts is 1; shorten the text or raise max_parts (at most 255)",
            error.message(),
        )
        assertTrue(error.message!!.contains("sms.too_many_parts"))
    }

    @Test
    fun `max_parts out of range is envoi's typed error even for huge values`() {
        for (maxParts in listOf(256L, 0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)) {
            val error = assertFailsWith<EnvoiException> { analyzeSms("hi", SmsOptions(maxParts = maxParts)) }
            assertEquals("sms.invalid_max_parts", error.code(), "max_parts=$maxParts")
            assertTrue(error.message().contains("$maxParts"))
        }
    }

    @Test
    fun `a reference that does not fit is invalid`() {
        for ((bits, value) in listOf(8L to 256L, 16L to 65536L, 12L to 1L, 8L to -1L)) {
            val error = assertFailsWith<EnvoiException.Sms> {
                analyzeSms("hi", SmsOptions(reference = value, referenceBits = bits))
            }
            assertEquals("sms.invalid_reference", error.code())
        }
    }

    @Test
    fun `an unknown language is refused`() {
        val error = assertFailsWith<EnvoiException.Sms> {
            analyzeSms("hi", SmsOptions(languages = listOf("klingon")))
        }
        assertEquals("sms.unknown_language", error.code())
        assertTrue(error.message().contains("klingon"))
    }

    @Test
    fun `records are values`() {
        assertEquals(SmsOptions(), SmsOptions(maxParts = 10, reference = 0, referenceBits = 8))
        assertEquals(analyzeSms("Hi"), analyzeSms("Hi"))
        assertEquals(SmsOptions(userData = true), SmsOptions().copy(userData = true))
    }
}
