package dev.envoi

import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Price lists and invoice numbers through the Kotlin binding, on the core's sample price list
 * (core/tests/data/billing/prices.json and prices.toml), and every reachable `billing.*` code with
 * its fields. The expectations are the core's (core/src/billing, core/tests/billing_*.rs).
 */
class BillingTest {
    private val data: Path = Paths.get(System.getProperty("user.dir"), "..", "..", "core", "tests", "data", "billing").normalize()

    private fun sample(name: String): String = Files.readString(data.resolve(name))

    private val list: PriceList by lazy { PriceList.fromJson(sample("prices.json")) }

    private fun day(text: String): LocalDate = LocalDate.parse(text)

    private fun billingError(code: String, block: () -> Unit): BillingException.Billing {
        val error = assertFailsWith<BillingException>(code) { block() }
        assertIs<BillingException.Billing>(error)
        assertEquals(code, error.code())
        assertEquals(code, error.code)
        assertEquals("billing", error.family())
        assertEquals(error.reason, error.message())
        return error
    }

    /** A price list of one pack, with [field] replaced by [value] (JSON text). */
    private fun pack(field: String? = null, value: String? = null): String {
        val fields = linkedMapOf(
            "id" to "\"sms-1000\"", "kind" to "\"sms\"", "units" to "1000", "price" to "\"75.00\"",
            "currency" to "\"EUR\"", "valid_from" to "\"2026-01-01\"",
        )
        if (field != null) if (value == null) fields.remove(field) else fields[field] = value
        return """{"packs": [{${fields.entries.joinToString(", ") { "\"${it.key}\": ${it.value}" }}}]}"""
    }

    /** A letter tariff with the postage rows given (JSON objects). */
    private fun tariff(vararg rows: String): String =
        """{"letter_tariffs": [{"id": "cp", "currency": "EUR", "valid_from": "2026-01-01", "color_per_sheet": "0.20",
            "duplex_per_sheet": "0.03", "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
            "postage": [${rows.joinToString(", ")}]}]}"""

    @Test
    fun `the sample reads the same from JSON and TOML`() {
        val toml = PriceList.fromToml(sample("prices.toml"))
        assertEquals(list, toml)
        assertEquals("2026-01-15", list.asOf().toString())
        assertTrue(list.source()!!.startsWith("Illustrative prices"))
        assertEquals(listOf(4, 8, 1, 1), listOf(list.unitPrices().size, list.packs().size, list.blockPlans().size, list.letterTariffs().size))
        assertTrue(list.toString().startsWith("PriceList(source=\"Illustrative prices"), list.toString())
        assertTrue(list.toString().endsWith("as_of=2026-01-15, unit_prices=4, packs=8, block_plans=1, letter_tariffs=1)"), list.toString())
        assertNotEquals(list, PriceList.fromJson("{}"))
        assertNull(PriceList.fromJson("{}").source())
        assertNull(PriceList.fromJson("{}").asOf())
    }

    @Test
    fun `queries at a date use the price valid that day`() {
        val june30 = list.pack("sms-1000", day("2026-06-30"))
        assertEquals(Pack("sms-1000", "sms", 1000uL, Money("75.00", "EUR"), Validity(day("2026-01-01"), day("2026-07-01"))), june30)
        assertEquals("72.00", list.pack("sms-1000", day("2026-07-01")).price.amount)
        assertEquals(BigDecimal("72"), list.pack("sms-1000", day("2026-07-01")).price.toBigDecimal().stripTrailingZeros())
        assertEquals(
            listOf("email-test", "email-5000", "email-20000", "sms-test", "sms-1000", "sms-5000", "secure-email-1000"),
            list.packsOn(day("2026-03-10")).map { it.id },
        )
        assertTrue(list.packsOn(day("2025-12-31")).isEmpty())

        // Unit prices keep their decimals beyond the cent.
        assertEquals(UnitPrice("sms", Money("0.0825", "EUR"), Validity(day("2026-01-01"), day("2026-07-01"))), list.unitPrice("sms", day("2026-03-10")))
        assertEquals("0.0790", list.unitPrice("sms", day("2026-07-01")).price.amount)
        assertEquals("0.0045", list.unitPrice("email", day("2026-03-10")).price.amount)

        val plan = list.blockPlan("plannit-sms", day("2026-03-01"))
        assertEquals(BlockPlanPrice("plannit-sms", 500u, Money("25.00", "USD"), Validity(day("2026-01-01"), null)), plan)
        val subscribed = plan.subscribe(Instant.parse("2026-03-01T09:00:00Z"))
        assertEquals(Triple(500u, Money("25.00", "USD"), "Europe/Brussels"), Triple(subscribed.blockSize(), subscribed.fee(), subscribed.zone()))
        assertEquals("America/New_York", plan.subscribe(Instant.parse("2026-03-01T09:00:00Z"), "America/New_York").zone())

        val tariff = list.letterTariff(day("2026-03-10"))
        assertEquals(Pair("click-and-post-2026", 11), Pair(tariff.id, tariff.postage.size))
        assertEquals(PostageRate("prior", "small", 50u, Money("1.95", "EUR")), tariff.postage[0])
        assertEquals(PostageRate("prior_international", "large", 350u, Money("12.40", "EUR")), tariff.postage[10])
        assertEquals(listOf("0.20", "0.03", "6.10", "1.25"), listOf(tariff.colorPerSheet, tariff.duplexPerSheet, tariff.registeredFee, tariff.acknowledgementOfReceiptFee).map { it.amount })

        // Validity is half-open.
        assertTrue(june30.validity.contains(day("2026-06-30")))
        assertFalse(june30.validity.contains(day("2026-07-01")))
        assertTrue(plan.validity.contains(day("2099-01-01")))
    }

    @Test
    fun `a day without a price is billing no_price, never a guess`() {
        val pack = billingError("billing.no_price") { list.pack("sms-200", day("2026-02-01")) }
        assertEquals(Triple("pack sms-200", day("2026-02-01"), "the price list has no entry for it"), Triple(pack.subject, pack.on, pack.detail))
        assertEquals("pack sms-200: no price valid on 2026-02-01; the price list has no entry for it", pack.message())
        val early = billingError("billing.no_price") { list.unitPrice("sms", day("2025-12-31")) }
        assertEquals("unit price of sms", early.subject)
        assertTrue(early.detail!!.contains("2026-01-01..2026-07-01"), early.detail)
        billingError("billing.no_price") { list.blockPlan("plannit-email", day("2026-03-01")) }
        assertEquals("letter tariff", billingError("billing.no_price") { list.letterTariff(day("2025-06-01")) }.subject)
        // A plan is subscribed only on a day its price is valid (the day in the account's zone).
        val windowed = PriceList.fromJson("""{"block_plans": [{"id": "b", "block_size": 500, "fee": "25", "currency": "USD", "valid_from": "2026-01-01", "valid_until": "2026-07-01"}]}""")
            .blockPlan("b", day("2026-03-01"))
        val late = billingError("billing.no_price") { windowed.subscribe(Instant.parse("2026-06-30T22:30:00Z")) }
        assertEquals(Pair("block plan b", day("2026-07-01")), Pair(late.subject, late.on))

        assertEquals("argument.unknown_value", assertFailsWith<BillingException.Envoi> { list.unitPrice("fax", day("2026-03-01")) }.code())
    }

    @Test
    fun `every price list code names the file, the entry and the field`() {
        val syntax = billingError("billing.syntax") { PriceList.fromJson("{", file = "tarifs.json") }
        assertEquals(Triple("tarifs.json", "JSON", true), Triple(syntax.file, syntax.format, syntax.detail!!.contains("line 1")))
        assertEquals(Pair("prices.toml", "TOML"), billingError("billing.syntax") { PriceList.fromToml("packs = [") }.let { Pair(it.file, it.format) })

        val missing = billingError("billing.missing_field") { PriceList.fromJson(pack("kind", null)) }
        assertEquals(listOf("prices.json", "packs[0] (sms-1000)", "kind"), listOf(missing.file, missing.entry, missing.field))
        assertEquals("a credit kind such as sms, email or secure_email", missing.rule)

        val unknownField = billingError("billing.unknown_field") { PriceList.fromJson(pack("valid_untill", "\"2027-01-01\"")) }
        assertEquals(Triple("packs[0] (sms-1000)", "valid_untill", "id, kind, units, price, currency, valid_from, valid_until"), Triple(unknownField.entry, unknownField.field, unknownField.allowed))

        val invalid = billingError("billing.invalid_field") { PriceList.fromJson(pack("units", "0")) }
        assertEquals(Triple("units", "0", "is not a whole number from 1 to 1000000000000"), Triple(invalid.field, invalid.value, invalid.rule))
        assertTrue(billingError("billing.invalid_field") { PriceList.fromJson(pack("price", "25.0")) }.rule!!.contains("binary floating point"))

        val currency = billingError("billing.unknown_currency") { PriceList.fromJson(pack("currency", "\"US$\"")) }
        assertEquals(Triple("packs[0] (sms-1000)", "currency", "US$"), Triple(currency.entry, currency.field, currency.value))

        val channel = billingError("billing.unknown_channel") {
            PriceList.fromToml("[[unit_prices]]\nchannel = \"fax\"\nprice = \"1\"\ncurrency = \"EUR\"\nvalid_from = 2026-01-01\n")
        }
        assertEquals(Triple("prices.toml", "channel", "fax"), Triple(channel.file, channel.field, channel.value))

        val negative = billingError("billing.negative_price") { PriceList.fromJson(pack("price", "\"-5\"")) }
        assertEquals(Triple("price", "-5", "prices.json: packs[0] (sms-1000): price: \"-5\" must be positive or zero"), Triple(negative.field, negative.value, negative.message()))

        val row = """{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}"""
        val postage = billingError("billing.unknown_postage") { PriceList.fromJson(tariff(row.replace("\"prior\"", "\"express\""))) }
        assertEquals(Triple("postage[0].postage", "express", "is not a postage; rows are for prior, non_prior or prior_international"), Triple(postage.field, postage.value, postage.rule))
        val format = billingError("billing.unknown_format") { PriceList.fromJson(tariff(row.replace("\"small\"", "\"a4\""))) }
        assertEquals(Pair("postage[0].format", "a4"), Pair(format.field, format.value))

        val band = billingError("billing.unknown_weight_band") { PriceList.fromJson(tariff(row.replace("\"small\"", "\"large\"").replace("50", "250"))) }
        assertEquals(listOf("letter_tariffs[0] (cp)", "postage[0].up_to_grams", "250", "national", "large", "100, 350, 1000, 2000"), listOf(band.entry, band.field, band.value, band.zone, band.format, band.bands))
        // The host's own post data has other bands.
        val post = PostData.fromJson(postDataBuiltinJson().replace("[100, 350, 1000, 2000]", "[100, 250, 1000, 2000]"))
        assertEquals(1, PriceList.fromJson(tariff(row.replace("\"small\"", "\"large\"").replace("50", "250")), data = post).letterTariffs().size)

        val duplicateRow = billingError("billing.duplicate_entry") { PriceList.fromJson(tariff(row, row.replace("1.95", "2.00"))) }
        assertEquals(Triple("postage[1]", "prior small up to 50 g", "postage[0]"), Triple(duplicateRow.field, duplicateRow.value, duplicateRow.other))

        val later = pack().replace("\"2026-01-01\"", "\"2026-06-30\"").removePrefix("{\"packs\": [").removeSuffix("]}")
        val first = pack().replace("\"2026-01-01\"", "\"2026-01-01\", \"valid_until\": \"2026-07-01\"").removePrefix("{\"packs\": [").removeSuffix("]}")
        val overlap = billingError("billing.overlapping_validity") { PriceList.fromJson("""{"packs": [$first, $later]}""") }
        assertEquals(listOf("packs[1] (sms-1000)", "2026-06-30..", "packs[0]", "2026-01-01..2026-07-01"), listOf(overlap.entry, overlap.validity, overlap.other, overlap.otherValidity))

        val otherUnits = later.replace("\"2026-06-30\"", "\"2026-07-01\"").replace("1000,", "2000,")
        val inconsistent = billingError("billing.inconsistent_entry") { PriceList.fromJson("""{"packs": [$first, $otherUnits]}""") }
        assertEquals(listOf("units", "2000", "packs[0]", "1000"), listOf(inconsistent.field, inconsistent.value, inconsistent.other, inconsistent.otherValue))

        val twice = billingError("billing.duplicate_field") { PriceList.fromJson("""{"packs": [{"id": "sms-1000", "price": "50", "price": "5"}]}""") }
        assertEquals(Triple("prices.json", "packs[0]", "price"), Triple(twice.file, twice.entry, twice.field))
        assertNull(twice.value)
    }

    @Test
    fun `invoice numbers parse, count on and check their sequence`() {
        val number = InvoiceNumber.parse("2026-F-000123")
        assertEquals(Triple(2026, "F", 123u), Triple(number.year(), number.series(), number.sequence()))
        assertEquals("2026-F-000123", number.toString())
        assertEquals(InvoiceNumber.parse("2026-F-000124"), number.next())
        assertEquals(number, InvoiceNumber(2026, "F", 123))
        assertEquals(number.hashCode(), InvoiceNumber(2026, "F", 123).hashCode())
        assertEquals("2026-C-000001", InvoiceNumber.first("C", 2026).toString())
        assertEquals(1_234_567u, InvoiceNumber.parse("2026-F-1234567").sequence())

        val unpadded = billingError("billing.invalid_invoice_number") { InvoiceNumber.parse("2026-F-123") }
        assertEquals("2026-F-123", unpadded.value)
        assertTrue(unpadded.rule!!.contains("6 digits"), unpadded.rule)
        assertEquals("f", billingError("billing.invalid_invoice_number") { InvoiceNumber(2026, "f", 1) }.value)
        billingError("billing.invalid_invoice_number") { InvoiceNumber(2026, "F", 0) }
        billingError("billing.invalid_invoice_number") { InvoiceNumber.first("F", 999) }
        billingError("billing.invalid_invoice_number") { InvoiceNumber(2026, "F", 4_294_967_295).next() }
        assertEquals("argument.out_of_range", assertFailsWith<BillingException.Envoi> { InvoiceNumber(2026, "F", -1) }.code())

        val parse = { list: List<String> -> list.map(InvoiceNumber::parse) }
        checkSequence(parse(listOf("2026-F-000002", "2026-F-000001", "2026-C-000001", "2027-F-000001")))
        assertTrue(sequenceProblems(parse(listOf("2026-F-000001", "2026-F-000002"))).isEmpty())
        val broken = parse(listOf("2026-F-000001", "2026-F-000001", "2026-C-000002", "2026-F-000005"))
        val expected = listOf(
            SequenceProblem.Gap(InvoiceNumber.parse("2026-C-000001"), InvoiceNumber.parse("2026-C-000001")),
            SequenceProblem.Duplicate(InvoiceNumber.parse("2026-F-000001"), 2uL),
            SequenceProblem.Gap(InvoiceNumber.parse("2026-F-000002"), InvoiceNumber.parse("2026-F-000004")),
        )
        val error = billingError("billing.invoice_sequence") { checkSequence(broken) }
        assertEquals(expected, error.problems)
        assertEquals(
            "invoice numbers: 2026-C: 2026-C-000001 missing; 2026-F: 2026-F-000001 given 2 times; 2026-F: 2026-F-000002 to 2026-F-000004 missing",
            error.message(),
        )
        assertEquals(expected, sequenceProblems(broken))

        // Numbers are ordered as the core orders them: series, year, sequence.
        val sorted = parse(listOf("2026-F-000002", "2026-F-000001", "2025-F-000007", "2026-C-000009")).sorted()
        assertEquals(listOf("2026-C-000009", "2025-F-000007", "2026-F-000001", "2026-F-000002"), sorted.map { it.toString() })
        assertTrue(InvoiceNumber.parse("2026-F-000001") < InvoiceNumber.parse("2026-F-000002"))
        assertEquals(0, number.compareTo(InvoiceNumber(2026, "F", 123)))

        // A stored list continues the last number issued before it.
        val last = InvoiceNumber.parse("2026-F-000041")
        checkSequenceAfter(last, parse(listOf("2026-F-000043", "2026-F-000042", "2027-F-000001")))
        checkSequenceAfter(null, parse(listOf("2026-F-000001")))
        val after = billingError("billing.invoice_sequence") { checkSequenceAfter(last, parse(listOf("2026-F-000041", "2026-F-000044"))) }
        assertEquals(
            listOf(
                SequenceProblem.Duplicate(last, 2uL),
                SequenceProblem.Gap(InvoiceNumber.parse("2026-F-000042"), InvoiceNumber.parse("2026-F-000043")),
            ),
            after.problems,
        )
    }

    @Test
    fun `a letter is priced from its quote or from plain fields`() {
        val on = day("2026-03-10")
        val at = Instant.parse("2026-03-10T09:00:00Z")
        // Registered, color, duplex, with an acknowledgement: 5 pages on 3 sheets.
        val sent = quote(listOf(Document.Pages(5, null)), listOf("Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"), at, "registered",
            color = true, duplex = true, acknowledgement = true, returnAddress = listOf("Envoi SA", "1000 BRUSSEL"))
        val query = letterQueryFromQuote(sent, color = true, duplex = true, acknowledgement = true)
        assertEquals(LetterQuery("registered", "national", sent.format, sent.weightBandGrams, 3u, color = true, duplex = true, acknowledgementOfReceipt = true), query)
        val price = list.letterPrice(query, on)
        assertEquals(listOf("0.60", "0.09", "6.10", "1.25", "9.99"), listOf(price.color, price.duplex, price.registered, price.acknowledgementOfReceipt, price.total).map { it.amount })
        assertEquals("EUR", price.total.currency)

        // Abroad, the quote's postage (prior international) is the one priced.
        val abroad = quote(listOf(Document.Pages(9, null)), listOf("Jan de Vries", "1015 CJ AMSTERDAM", "PAYS-BAS"), at, "prior")
        val international = letterQueryFromQuote(abroad, color = false, duplex = false, acknowledgement = false)
        assertEquals(Triple("prior_international", "international", "large"), Triple(international.postage, international.zone, international.format))
        assertEquals("6.20", list.letterPrice(international, on).total.amount)

        // Plain fields: 3 sheets, color and duplex, prior, small, up to 50 g.
        val plain = list.letterPrice(LetterQuery("prior", "national", "small", 50u, 3u, color = true, duplex = true), on)
        assertEquals(listOf("1.95", "0.60", "0.09", "2.64"), listOf(plain.postage, plain.color, plain.duplex, plain.total).map { it.amount })
        assertEquals(0, plain.registered.toBigDecimal().signum())

        val invalid = billingError("billing.invalid_query") { list.letterPrice(LetterQuery("prior", "national", "small", 50u, 0u), on) }
        assertEquals(Pair("sheets", "0"), Pair(invalid.field, invalid.value))
        assertTrue(invalid.rule!!.isNotEmpty())
        billingError("billing.invalid_query") { list.letterPrice(LetterQuery("prior", "national", "small", 50u, 1u, acknowledgementOfReceipt = true), on) }
        billingError("billing.no_price") { list.letterPrice(LetterQuery("prior", "national", "small", 50u, 1u), day("2025-12-31")) }
        assertEquals("argument.unknown_value", assertFailsWith<BillingException.Envoi> { list.letterPrice(LetterQuery("prior", "moon", "small", 50u, 1u), on) }.code())
    }

    @Test
    fun `errors of other families keep their codes and fields`() {
        val plan = list.blockPlan("plannit-sms", day("2026-03-01"))
        val credit = assertFailsWith<BillingException.Envoi> { plan.copy(blockSize = 0u).subscribe(Instant.parse("2026-03-01T09:00:00Z")) }
        assertEquals(Pair("credits.invalid_argument", "credits"), Pair(credit.code(), credit.family()))
        assertEquals("block_size", assertIs<EnvoiException.Credit>(credit.error).field)
        val money = assertFailsWith<BillingException.Envoi> { plan.copy(fee = Money("25,00", "USD")).subscribe(Instant.parse("2026-03-01T09:00:00Z")) }
        assertIs<EnvoiException.Money>(money.error)
        assertEquals("money.invalid_amount", money.code())
        val zone = assertFailsWith<BillingException.Envoi> { plan.subscribe(Instant.parse("2026-03-01T09:00:00Z"), "Mars/Olympus") }
        assertEquals("time.unknown_zone", zone.code())
        val far = assertFailsWith<BillingException.Envoi> { plan.subscribe(Instant.MAX) }
        assertEquals("argument.instant_out_of_range", far.code())
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        val text = sample("prices.json") // the host reads the file
        val prices = PriceList.fromJson(text, file = "prices.json")     // or PriceList.fromToml(text, file = "prices.toml")
        val on = LocalDate.of(2026, 3, 10)
        val pack = prices.pack("sms-1000", on)
        assertEquals(Triple("sms", 1000uL, BigDecimal("75.00")), Triple(pack.kind, pack.units, pack.price.toBigDecimal()))
        assertEquals("0.0825", prices.unitPrice("sms", on).price.amount)
        assertEquals(7, prices.packsOn(on).size)
        val plan = prices.blockPlan("plannit-sms", on).subscribe(Instant.parse("2026-03-10T09:00:00Z"))
        assertEquals(Money("25.00", "USD"), plan.fee())
        try {
            prices.pack("sms-1000", LocalDate.of(2025, 12, 31))
        } catch (e: BillingException.Billing) {
            assertEquals(Pair("billing.no_price", "pack sms-1000"), Pair(e.code(), e.subject))
        }

        val last = InvoiceNumber.parse("2026-F-000123")
        assertEquals("2026-F-000124", last.next().toString())
        val error = assertFailsWith<BillingException.Billing> { checkSequence(listOf(InvoiceNumber.first("F", 2026), last)) }
        assertEquals(listOf(SequenceProblem.Gap(InvoiceNumber.parse("2026-F-000002"), InvoiceNumber.parse("2026-F-000122"))), error.problems)
    }
}
