package dev.envoi

import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertSame
import kotlin.test.assertTrue

/**
 * VAT through the Kotlin binding: VAT numbers, rates, and the treatment of SPEC section 7 with its
 * Decisions. The expectations are the core's (core/src/vat, core/tests/vat_*.rs).
 */
class VatTest {
    private val march2: LocalDate = LocalDate.of(2026, 3, 2)

    private fun vatError(code: String, block: () -> Unit): EnvoiException.Vat {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Vat>(error)
        assertEquals(code, error.code())
        assertEquals("vat", error.family())
        assertEquals(code, error.code) // the field, as in a `when` on the subclass
        return error
    }

    // ---- VAT numbers -------------------------------------------------------------------------

    @Test
    fun `numbers are read as people type them and come back compact`() {
        val belgian = parseVatNumber("be 0403.170.701")
        assertEquals(VatNumber(country = "BE", compact = "BE0403170701", national = "0403170701", kind = "customer"), belgian)
        assertEquals("BE0403170701", parseVatNumber("BE (0)403.170.701").compact)
        assertEquals("BE0403170701", parseVatNumber("0403-170-701", country = "be").compact) // prefix optional with a country
        assertEquals("NL004495445B01", parseVatNumber("NL 4495.445.B01").compact) // leading zeros restored
        assertEquals("BE0403170701", parseVatNumber("BE０４０３１７０７０１").compact) // full-width digits (NFKC)
        // GR typed by a user is Greece's EL; a GB number is XI only when XI is named.
        assertEquals("EL094259216", parseVatNumber("094259216", "GR").compact)
        assertEquals("EL", parseVatNumber("GR 094259216").country)
        assertEquals("XI980780684", parseVatNumber("GB980780684", "XI").compact)
        // OSS identifiers validate as their own kind, never as a customer number.
        assertEquals("oss", parseVatNumber("EU372022452").kind)
        assertEquals("oss", parseVatNumber("IM3720000224").kind)
    }

    @Test
    fun `each wrong part of a number has its code and fields`() {
        val empty = vatError("vat.empty") { parseVatNumber(" .-/ ") }
        assertEquals("vat_number", empty.field)
        assertEquals(" .-/ ", empty.value)

        val unknown = vatError("vat.unknown_country") { parseVatNumber("QQ124567") }
        assertEquals("QQ", unknown.value)
        assertEquals("vat.unknown_country", vatError("vat.unknown_country") { parseVatNumber("GB980780684") }.code())
        assertEquals("country", vatError("vat.unknown_country") { parseVatNumber("0403170701", "ZZ") }.field)

        val mismatch = vatError("vat.country_mismatch") { parseVatNumber("DE136695976", "FR") }
        assertEquals(Triple("DE", "FR", "DE136695976"), Triple(mismatch.prefix, mismatch.country, mismatch.value))

        val character = vatError("vat.invalid_character") { parseVatNumber("BE04031707é1") }
        assertEquals(Triple("BE", "é", "BE04031707é1"), Triple(character.country, character.character, character.value))

        val length = vatError("vat.bad_length") { parseVatNumber("DE12345") }
        assertEquals(listOf("DE", "DE12345", "9 digits"), listOf(length.country, length.compact, length.expected))
        assertEquals(5uL, length.length)
        assertEquals("vat_number: DE12345 has 5 characters after DE; DE numbers have 9 digits", length.message())
        assertEquals("code=vat.bad_length, reason=${length.message()}", length.message!!.substringBefore(", field="))

        val format = vatError("vat.bad_format") { parseVatNumber("BE2403170701") }
        assertEquals(Triple("BE", "BE2403170701", "starts with 0 or 1"), Triple(format.country, format.compact, format.rule))

        val digit = vatError("vat.bad_check_digit") { parseVatNumber("FR40303265046") }
        assertEquals(Pair("FR", "FR40303265046"), Pair(digit.country, digit.compact))
        assertNull(digit.field)
        assertNull(digit.length)
    }

    @Test
    fun `validate gives the verdict without throwing`() {
        val good = validateVatNumber("FR 40 303 265 045", country = "fr")
        assertTrue(good.valid)
        assertEquals(listOf("FR", "FR40303265045", "40303265045", "customer"), listOf(good.country, good.compact, good.national, good.kind))
        assertNull(good.reason)
        assertNull(good.message)
        assertEquals("FR 40 303 265 045", good.number)

        val bad = validateVatNumber("BE0403170702")
        assertFalse(bad.valid)
        assertEquals("vat.bad_check_digit", bad.reason)
        assertEquals("vat_number: BE0403170702 fails the BE check-digit test", bad.message)
        assertNull(bad.compact)
        assertNull(bad.country)
        // An unknown country is a verdict too.
        assertEquals("vat.unknown_country", validateVatNumber("0403170701", "ZZ").reason)
        assertEquals("vat.empty", validateVatNumber("").reason)
    }

    @Test
    fun `the countries of VAT numbers and of the EU`() {
        val countries = vatCountries()
        assertEquals(28, countries.size)
        assertEquals(countries.sorted(), countries)
        assertTrue("EL" in countries && "XI" in countries && "GR" !in countries)
        assertTrue(isEuMemberState("BE") && isEuMemberState("el") && isEuMemberState("GR"))
        assertFalse(isEuMemberState("XI") || isEuMemberState("GB") || isEuMemberState("EU") || isEuMemberState("Belgium"))
    }

    // ---- Rates -------------------------------------------------------------------------------

    @Test
    fun `the rate in force on a day, as decimal text`() {
        val belgium = vatRate("BE", LocalDate.of(2026, 1, 1))
        assertEquals(VatRate("BE", "21", listOf("12", "6"), LocalDate.of(2019, 1, 1), false), belgium)
        assertEquals(0, BigDecimal(21).compareTo(belgium.standard.toBigDecimal()))
        assertEquals(emptyList(), vatRate("DK", LocalDate.of(2026, 1, 1)).reduced)
        // Both sides of change dates.
        assertEquals("19", vatRate("DE", LocalDate.of(2020, 6, 30)).standard)
        val germany = vatRate("DE", LocalDate.of(2020, 7, 1))
        assertEquals("16", germany.standard)
        assertEquals(LocalDate.of(2020, 7, 1), germany.effectiveFrom)
        assertEquals("24", vatRate("FI", LocalDate.of(2024, 8, 31)).standard)
        assertEquals("25.5", vatRate("fi", LocalDate.of(2024, 9, 1)).standard)
        assertEquals("EL", vatRate("GR", LocalDate.of(2025, 1, 1)).country)
        // After the table's verification day: the last known rate, flagged.
        val table = RateTable.builtin()
        assertFalse(vatRate("BE", table.verifiedOn()).unverified)
        assertTrue(vatRate("BE", table.verifiedOn().plusDays(1)).unverified)

        val xi = vatError("vat.no_rate") { vatRate("XI", LocalDate.of(2026, 1, 1)) }
        assertEquals("XI", xi.country)
        val early = vatError("vat.no_rate") { vatRate("DE", LocalDate.of(2018, 12, 31)) }
        assertEquals(LocalDate.of(2018, 12, 31), early.date)
        assertEquals("DE", early.country)
        assertEquals("vat.unknown_country", vatError("vat.unknown_country") { vatRate("US", march2) }.code())
        // A day beyond the core's dates is refused with the binding's code for days.
        val far = assertFailsWith<EnvoiException.Schedule> { vatRate("BE", LocalDate.of(300_000, 1, 1)) }
        assertEquals("schedule.date_out_of_range", far.code())
    }

    @Test
    fun `a rate table round trips through its JSON and a loaded one is used`() {
        val builtin = RateTable.builtin()
        assertEquals(LocalDate.of(2026, 11, 30), builtin.verifiedOn())
        assertEquals(27, builtin.countries().size)
        assertEquals("AT", builtin.countries().first())
        assertEquals("RateTable(verified_on=2026-11-30, countries=27)", builtin.toString())
        assertEquals(vatRate("FI", march2), builtin.rate("FI", march2))
        val json = builtin.toJson()
        val loaded = RateTable.fromJson(json)
        assertEquals(builtin, loaded)
        assertEquals(builtin.hashCode(), loaded.hashCode())
        assertEquals(json, loaded.toJson())

        // A table verified earlier flags the same day's rate as unverified: the table given is used.
        val older = RateTable.fromJson(json.replace("\"verified_on\": \"2026-11-30\"", "\"verified_on\": \"2025-01-01\""))
        assertNotEquals(builtin, older)
        assertFalse(vatTreatment("BE", "consumer", "letter", march2).rateUnverified())
        assertTrue(vatTreatment("BE", "consumer", "letter", march2, table = older).rateUnverified())

        val bad = vatError("vat.invalid_rate_table") { RateTable.fromJson(json.replaceFirst("\"25.5\"", "\"125.5\"")) }
        assertEquals(Pair("standard", "125.5"), Pair(bad.field, bad.value))
        assertNotNull(bad.entry)
        assertNotNull(bad.rule)
        assertEquals("vat.invalid_rate_table", vatError("vat.invalid_rate_table") { RateTable.fromJson("{") }.code())
    }

    // ---- Treatment: SPEC section 7 and its Decisions ---------------------------------------------

    @Test
    fun `a Belgian customer pays Belgian VAT`() {
        for (kind in listOf("business", "consumer")) {
            for (service in listOf("electronic", "letter")) {
                val decided = vatTreatment("BE", kind, service, march2)
                assertEquals("charge", decided.kind())
                assertEquals("BE", decided.vatCountry())
                assertEquals("21", decided.rate())
                assertEquals("belgian_customer", decided.reason())
                assertEquals("customer in Belgium: Belgian VAT", decided.reasonExplanation())
                assertNull(decided.mention())
                assertNull(decided.mentionText("fr"))
                assertNull(decided.treatedAsConsumer())
                assertNull(decided.evidence())
                assertEquals("charge BE 21% (belgian_customer)", decided.toString())
            }
        }
    }

    @Test
    fun `an EU business with a number valid offline and online that asked for the exemption is reverse charged`() {
        val checkedAt = Instant.parse("2026-03-02T10:00:00Z")
        val answer = OnlineCheck(valid = true, requestId = "WAPIAAAAW1Fz5rY0", checkedAt = checkedAt)
        val decided = vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE 136 695 976", onlineCheck = answer, exemptionRequested = true)
        assertEquals("reverse_charge", decided.kind())
        assertEquals("DE", decided.vatCountry())
        assertEquals("0", decided.rate())
        assertEquals("reverse_charge", decided.mention())
        assertEquals("eu_business_reverse_charge", decided.reason())
        assertNull(decided.treatedAsConsumer())
        // The legal mention in the invoice's language.
        assertEquals("Autoliquidation – article 196 de la directive 2006/112/CE", decided.mentionText("fr"))
        assertEquals("Btw verlegd – artikel 196 van richtlijn 2006/112/EG", decided.mentionText("NL"))
        assertEquals("Steuerschuldnerschaft des Leistungsempfängers – Artikel 196 der Richtlinie 2006/112/EG", decided.mentionText("de"))
        assertEquals("Reverse charge – Article 196 of Directive 2006/112/EC", decided.mentionText(" en "))
        // The evidence is frozen into the order: as typed, compact, offline verdict, online answer.
        assertEquals(VatEvidence(typed = "DE 136 695 976", compact = "DE136695976", offlineError = null, online = answer), decided.evidence())
        // Asking again after the order changes nothing: it is already reverse charged.
        assertEquals(decided, decided.removeVatAfterOrder("order-17"))
    }

    @Test
    fun `with the online check unavailable the treatment is pending verification, never a silent reverse charge`() {
        val pending = vatTreatment("NL", "business", "electronic", march2, vatNumber = "NL004495445B01", onlineCheck = null, exemptionRequested = true)
        assertEquals("pending_verification", pending.kind())
        assertNull(pending.rate())
        assertNull(pending.mention())
        assertEquals("NL", pending.vatCountry())
        assertEquals("eu_business_online_check_unavailable", pending.reason())
        assertNull(pending.evidence()!!.online)
        assertEquals("pending_verification NL (eu_business_online_check_unavailable)", pending.toString())
        val refused = vatError("vat.exemption_not_requested_at_order") { pending.removeVatAfterOrder("order-18") }
        assertEquals("order-18", refused.orderId)
    }

    @Test
    fun `a business without a valid number or without the exemption is treated as a consumer`() {
        fun decide(number: String?, check: OnlineCheck? = OnlineCheck(true), exemption: Boolean = true) =
            vatTreatment("FR", "business", "electronic", march2, vatNumber = number, onlineCheck = check, exemptionRequested = exemption)

        val cases =
            mapOf(
                "no_vat_number" to decide(null),
                "invalid_offline" to decide("FR40303265046"),
                "invalid_online" to decide("FR40303265045", OnlineCheck(valid = false, requestId = "R-1")),
                "oss_number" to decide("EU372022452"),
                "exemption_not_requested" to decide("FR40303265045", exemption = false),
            )
        for ((why, decided) in cases) {
            assertEquals(why, decided.treatedAsConsumer(), why)
            assertEquals("charge", decided.kind(), why)
            assertEquals("BE", decided.vatCountry(), why) // under the threshold: Belgian VAT
            assertEquals("eu_consumer_under_threshold", decided.reason(), why)
        }
        assertEquals("vat.bad_check_digit", cases.getValue("invalid_offline").evidence()!!.offlineError)
        assertEquals("FR40303265045", cases.getValue("invalid_online").evidence()!!.compact)
        assertEquals(OnlineCheck(false, "R-1", null), cases.getValue("invalid_online").evidence()!!.online)
        assertNull(cases.getValue("no_vat_number").evidence())
    }

    @Test
    fun `EU consumers of electronic services pay their own VAT only above EUR 10,000 of B2C sales`() {
        fun decide(current: String, previous: String = "0") = vatTreatment("FR", "consumer", "electronic", march2, b2cCurrentYear = current, b2cPreviousYear = previous)
        val at = decide("10000.00") // "exceeds" means more than
        assertEquals(Triple("BE", "21", "eu_consumer_under_threshold"), Triple(at.vatCountry(), at.rate(), at.reason()))
        val over = decide("10000.01")
        assertEquals(Triple("FR", "20", "eu_consumer_over_threshold"), Triple(over.vatCountry(), over.rate(), over.reason()))
        assertEquals("FR", decide("0", "10000.01").vatCountry()) // last year counts too
        // BigDecimal totals, written as plain text.
        assertEquals("FR", vatTreatment("FR", "consumer", "electronic", march2, b2cCurrentYear = BigDecimal("1.000001E+4")).vatCountry())
        assertEquals("BE", vatTreatment("FR", "consumer", "electronic", march2, b2cCurrentYear = BigDecimal("10000")).vatCountry())
        // Letters follow the general rule: Belgian VAT for a consumer anywhere, whatever the sales.
        val letter = vatTreatment("FR", "consumer", "letter", march2, b2cCurrentYear = "50000")
        assertEquals(Pair("BE", "letter_consumer_general_rule"), Pair(letter.vatCountry(), letter.reason()))
        assertEquals("BE", vatTreatment("US", "consumer", "letter", march2).vatCountry())
    }

    @Test
    fun `GR is Greece's EL`() {
        val greek = vatTreatment("gr", "consumer", "electronic", march2, b2cPreviousYear = "20000")
        assertEquals(Pair("EL", "24"), Pair(greek.vatCountry(), greek.rate()))
    }

    @Test
    fun `outside the EU electronic services are out of scope, XI included`() {
        val american = vatTreatment("US", "business", "electronic", march2)
        assertEquals("out_of_scope", american.kind())
        assertNull(american.vatCountry())
        assertEquals("0", american.rate())
        assertEquals("out_of_scope", american.mention())
        assertEquals("outside_eu_electronic", american.reason())
        assertEquals("Outside the scope of EU VAT – place of supply outside the EU", american.mentionText("en"))
        assertEquals("outside_eu_business_letter", vatTreatment("US", "business", "letter", march2).reason())

        // XI numbers validate, but an XI customer is outside the EU for services.
        val answer = OnlineCheck(valid = true, requestId = "XI-1")
        val northernIrish = vatTreatment("XI", "business", "electronic", march2, vatNumber = "GB980780684", onlineCheck = answer, exemptionRequested = true)
        assertEquals(Pair("out_of_scope", "outside_eu_electronic"), Pair(northernIrish.kind(), northernIrish.reason()))
        assertEquals("XI980780684", northernIrish.evidence()!!.compact)
    }

    @Test
    fun `the exemption cannot be granted after the order`() {
        val decided = vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976") // exemption not asked for
        assertEquals("exemption_not_requested", decided.treatedAsConsumer())
        val refused = vatError("vat.exemption_not_requested_at_order") { decided.removeVatAfterOrder("order-17") }
        assertTrue(refused.code().endsWith("exemption_not_requested_at_order"))
        assertEquals("order-17", refused.orderId)
        assertEquals("charge BE 21% (eu_consumer_under_threshold)", refused.treatment)
        assertTrue(refused.message().startsWith("order order-17: the VAT exemption can only be requested when ordering"))
    }

    @Test
    fun `a treatment is a value stored with the order`() {
        val answer = OnlineCheck(valid = true, requestId = "WAPI-1", checkedAt = Instant.parse("2026-03-02T10:00:00.123456789Z"))
        val decided = vatTreatment("AT", "business", "letter", march2, vatNumber = "ATU13585627", onlineCheck = answer, exemptionRequested = true)
        val json = decided.toJson()
        assertTrue(json.startsWith("{\"kind\":\"reverse_charge\",\"vat_country\":\"AT\",\"rate\":\"0\""), json)
        val stored = Treatment.fromJson(json)
        assertEquals(decided, stored)
        assertEquals(decided.hashCode(), stored.hashCode())
        assertEquals(answer, stored.evidence()!!.online) // the instant to the nanosecond
        assertNotEquals(decided, vatTreatment("AT", "business", "letter", march2))

        val invalid = assertFailsWith<EnvoiException.Argument> { Treatment.fromJson("{\"kind\":\"charge\"}") }
        assertEquals("argument.invalid_json", invalid.code())
        assertTrue(invalid.message().startsWith("json: not a VAT treatment: "))
    }

    @Test
    fun `mention texts and reason explanations for stored codes`() {
        assertEquals("Btw verlegd – artikel 196 van richtlijn 2006/112/EG", vatMentionText("reverse_charge", "nl"))
        assertEquals(vatTreatment("US", "consumer", "electronic", march2).mentionText("de"), vatMentionText("out_of_scope", "de"))
        assertEquals("letters for a consumer follow the general rule: Belgian VAT", vatReasonExplanation("letter_consumer_general_rule"))
        val mention = vatError("vat.invalid_argument") { vatMentionText("exempt", "en") }
        assertEquals(Pair("mention", "exempt"), Pair(mention.field, mention.value))
        assertEquals("reason", vatError("vat.invalid_argument") { vatReasonExplanation("because") }.field)

        val language = assertFailsWith<EnvoiException.Language> { vatMentionText("reverse_charge", "es") }
        assertEquals("language.unsupported", language.code())
        assertEquals("language", language.family())
        assertEquals("es", language.value)
        assertEquals("language: \"es\" is not one of fr, nl, de, en", language.message())
        assertEquals("language.unsupported", assertFailsWith<EnvoiException.Language> { vatTreatment("US", "consumer", "electronic", march2).mentionText("it") }.code())
    }

    // ---- The host's online check (VIES) ------------------------------------------------------

    /** A host checker: answers [answer] (or throws [failure]) and records the numbers asked. */
    private class Registry(private val answer: OnlineCheck?, private val failure: Throwable? = null) : OnlineVatCheck {
        val asked = mutableListOf<String>()

        override fun check(number: String): OnlineCheck? {
            asked += number
            failure?.let { throw it }
            return answer
        }
    }

    private class ViesBug(message: String) : RuntimeException(message)

    @Test
    fun `the host's online check is not asked when its answer changes nothing`() {
        val cases =
            listOf(
                Triple("DE", "consumer", "DE136695976") to true, // a consumer
                Triple("DE", "business", "DE136695976") to false, // a business without the exemption
                Triple("BE", "business", "BE0403170701") to true, // a Belgian customer
                Triple("XI", "business", "XI980780684") to true, // Northern Ireland: outside the EU for services
                Triple("FR", "business", "FR40303265046") to true, // invalid offline
                Triple("FR", "business", "EU372022452") to true, // an OSS id
            )
        for ((request, exemption) in cases) {
            val (country, kind, number) = request
            val registry = Registry(OnlineCheck(valid = true))
            vatTreatment(country, kind, "electronic", march2, vatNumber = number, onlineCheck = registry, exemptionRequested = exemption)
            assertEquals(emptyList(), registry.asked, "$request")
        }
    }

    @Test
    fun `the host's online check is asked once with the compact number when it decides`() {
        val answer = OnlineCheck(valid = true, requestId = "WAPIAAAAW1Fz5rY0", checkedAt = Instant.parse("2026-03-02T10:00:00Z"))
        val registry = Registry(answer)
        val decided = vatTreatment("GR", "business", "electronic", march2, vatNumber = "GR 094 259 216", onlineCheck = registry, exemptionRequested = true)
        assertEquals(listOf("EL094259216"), registry.asked)
        assertEquals("reverse_charge", decided.kind())
        assertEquals("EL", decided.vatCountry())
        assertEquals(answer, decided.evidence()!!.online)

        val invalid = vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE 136 695 976", onlineCheck = Registry(OnlineCheck(valid = false)), exemptionRequested = true)
        assertEquals("charge", invalid.kind())
        assertEquals("invalid_online", invalid.treatedAsConsumer())

        val down = Registry(null) // null: the service was unavailable
        val pending = vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", onlineCheck = down, exemptionRequested = true)
        assertEquals(listOf("DE136695976"), down.asked)
        assertEquals("pending_verification", pending.kind())
        assertNull(pending.evidence()!!.online)
    }

    @Test
    fun `an exception of the host's online check reaches the caller unchanged`() {
        for (failure in listOf(ViesBug("NPE in the VIES client"), java.io.IOException("socket"), AssertionError("assert"))) {
            val thrown = assertFailsWith<Throwable> {
                vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", onlineCheck = Registry(null, failure), exemptionRequested = true)
            }
            assertSame(failure, thrown, "for ${failure::class}")
        }
        // The generated function (Swift's API) gives it by value, as argument.host_error.
        val byValue = assertFailsWith<EnvoiException.Argument> {
            vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", exemptionRequested = true, onlineChecker = Registry(null, ViesBug("NPE in the VIES client")))
        }
        assertEquals("argument.host_error", byValue.code())
        assertTrue(byValue.message().contains("NPE in the VIES client"), byValue.message())
    }

    @Test
    fun `an answer the core cannot hold, or an answer and a checker together, are refused`() {
        val far = assertFailsWith<EnvoiException.Argument> {
            vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", onlineCheck = Registry(OnlineCheck(true, null, Instant.MAX)), exemptionRequested = true)
        }
        assertEquals("argument.instant_out_of_range", far.code())
        assertTrue(far.message().startsWith("online_checker.checked_at: "), far.message())
        val both = assertFailsWith<EnvoiException.Argument> {
            vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", onlineCheck = OnlineCheck(true), exemptionRequested = true, onlineChecker = Registry(null))
        }
        assertEquals("argument.conflicting_arguments", both.code())
    }

    @Test
    fun `bad treatment arguments are refused with their codes`() {
        val country = vatError("vat.unknown_country") { vatTreatment("Belgium", "consumer", "letter", march2) }
        assertEquals(Pair("customer_country", "Belgium"), Pair(country.field, country.value))
        val kind = vatError("vat.invalid_argument") { vatTreatment("BE", "company", "letter", march2) }
        assertEquals(Triple("customer_kind", "company", "business, consumer"), Triple(kind.field, kind.value, kind.expected))
        assertEquals("service", vatError("vat.invalid_argument") { vatTreatment("BE", "consumer", "sms", march2) }.field)
        val negative = vatError("vat.invalid_amount") { vatTreatment("FR", "consumer", "electronic", march2, b2cPreviousYear = "-0.01") }
        assertEquals(Pair("b2c_previous_year", "-0.01"), Pair(negative.field, negative.value))
        assertNotNull(negative.rule)
        val noRate = vatError("vat.no_rate") { vatTreatment("BE", "consumer", "letter", LocalDate.of(2018, 6, 1)) }
        assertEquals(Pair("BE", LocalDate.of(2018, 6, 1)), Pair(noRate.country, noRate.date))

        // Decimals cross as exact text: a binary float's text is refused, as are other forms.
        for (text in listOf(1e-5.toString(), 1e21.toString(), "10000,00", "1e4", "", "NaN", " 1")) {
            val error = assertFailsWith<EnvoiException.Argument>(text) { vatTreatment("FR", "consumer", "electronic", march2, b2cCurrentYear = text) }
            assertEquals("argument.invalid_decimal", error.code())
            assertTrue(error.message().startsWith("b2c_current_year: "), error.message())
        }
        val instant = assertFailsWith<EnvoiException.Argument> {
            vatTreatment("DE", "business", "electronic", march2, vatNumber = "DE136695976", onlineCheck = OnlineCheck(true, null, Instant.MAX), exemptionRequested = true)
        }
        assertEquals("argument.instant_out_of_range", instant.code())
        assertTrue(instant.message().startsWith("online_check.checked_at: "))
    }
}
