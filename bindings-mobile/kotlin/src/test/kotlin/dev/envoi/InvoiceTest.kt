package dev.envoi

import org.junit.jupiter.api.Test
import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Invoices through the Kotlin binding: lines, parties, the EN 16931 totals, the UBL 2.1 / Peppol
 * BIS Billing 3.0 export and the JSON forms. The expectations are the core's (core/src/invoice,
 * core/tests/invoice_*.rs, examples/ubl.rs).
 *
 * The exported documents are also written to target/ubl-kotlin/, where
 * `bash bindings-mobile/peppol/validate.sh bindings-mobile/kotlin/target/ubl-kotlin` checks them
 * with the official UBL XSD and Peppol Schematron rules.
 */
class InvoiceTest {
    private fun invoiceError(code: String, block: () -> Unit): EnvoiException.Invoice {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Invoice>(error)
        assertEquals(code, error.code())
        assertEquals("invoice", error.family())
        return error
    }

    private fun keep(name: String, xml: String): String {
        val dir = File("target/ubl-kotlin").apply { mkdirs() }
        File(dir, "$name.xml").writeText(xml)
        return xml
    }

    private fun seller(): Party =
        Party("Envoi SA", "BE")
            .withAddress("Rue de la Loi 16", "Bruxelles", "1000")
            .withVatNumber("BE 0400.123.416")
            .withEnterpriseNumber("0400.123.416")

    private fun belgian(): Party =
        Party("Boulangerie Dupont & Fils SRL", "BE")
            .withAddress("Place du Marché 3", "Namur", "5000")
            .withVatNumber("BE0765432146")
            .withEnterpriseNumber("0765.432.146")

    private fun german(): Party =
        Party("Kunde GmbH", "DE")
            .withAddress("Unter den Linden 1", "Berlin", "10117")
            .withVatNumber("DE 136 695 976")
            .withEndpoint("9930", "DE136695976")

    private fun sms(quantity: String, rate: String = "21", category: String? = null) =
        InvoiceLine("SMS, parts sent in January <bulk & alerts>", quantity, "0.0745", rate, category)

    /** A domestic invoice with every field the UBL export needs. */
    private fun domestic(lines: List<InvoiceLine>, currency: String = "EUR"): Invoice =
        Invoice(
            currency,
            lines,
            number = "2026-0001",
            date = LocalDate.of(2026, 1, 31),
            dueDate = LocalDate.of(2026, 3, 2),
            language = "fr",
            seller = seller(),
            customer = belgian(),
            buyerReference = "Commande 42",
        )

    // ---- Lines -------------------------------------------------------------------------------

    @Test
    fun `a line takes decimals as text or BigDecimal, never a float`() {
        val line = InvoiceLine("SMS pack, 1000 parts", "1000", "0.0075", "21")
        assertEquals(listOf("SMS pack, 1000 parts", "1000", "0.0075", "21", "S"), listOf(line.description(), line.quantity(), line.unitPrice(), line.rate(), line.category()))
        assertEquals("7.50", line.net("EUR"))
        assertEquals("8", line.net("JPY")) // 7.5 → 8: half away from zero, to the yen
        assertEquals(line, InvoiceLine("SMS pack, 1000 parts", BigDecimal("1E+3"), BigDecimal("0.0075"), BigDecimal("21.00")))
        assertEquals("Z", InvoiceLine("Postage", "1", "1", "0").category())
        assertEquals("6", InvoiceLine("Book", "1", "1", "6.00").rate()) // without trailing zeros
        assertEquals("-1.50", InvoiceLine("Unused SMS", "-200", "0.0075", "21").net("EUR")) // a deduction

        // Categories by UBL code or name; every category but S has the rate 0.
        val reverse = line.withCategory("AE")
        assertEquals(Pair("AE", "0"), Pair(reverse.category(), reverse.rate()))
        assertEquals(reverse, InvoiceLine("SMS pack, 1000 parts", "1000", "0.0075", "21", category = "reverse_charge"))
        assertEquals(listOf("S", "Z", "E", "AE", "O"), listOf("standard", "z", "Exempt", "ae", "out_of_scope").map { InvoiceLine("x", "1", "1", "21", it).category() })
        assertNotEquals(line, reverse)

        // A value: JSON round trip, == and hashCode, toString.
        val json = line.toJson()
        assertEquals("{\"description\":\"SMS pack, 1000 parts\",\"quantity\":\"1000\",\"unit_price\":\"0.0075\",\"rate\":\"21\",\"category\":\"standard\"}", json)
        assertEquals(line, InvoiceLine.fromJson(json))
        assertEquals(line.hashCode(), InvoiceLine.fromJson(json).hashCode())
        assertEquals("InvoiceLine($json)", line.toString())

        for (text in listOf(7.5e-4.toString(), 1e9.toString(), "0,0075", "1/2", "")) {
            val error = assertFailsWith<EnvoiException.Argument>(text) { InvoiceLine("SMS", "1", text, "21") }
            assertEquals("argument.invalid_decimal", error.code())
            assertTrue(error.message().startsWith("unit_price: "), error.message())
        }
        assertEquals("money.unknown_currency", assertFailsWith<EnvoiException.Money> { line.net("EURO") }.code())
    }

    @Test
    fun `bad lines are refused with their codes and fields`() {
        val blank = invoiceError("invoice.invalid_text") { InvoiceLine(" ", "1", "1", "21") }
        assertEquals(Pair("description", " "), Pair(blank.field, blank.value))
        assertNotNull(blank.rule)
        val quantity = invoiceError("invoice.invalid_quantity") { InvoiceLine("SMS", "1000000000", "1", "21") }
        assertEquals(Pair("quantity", "1000000000"), Pair(quantity.field, quantity.value))
        assertEquals("quantity", invoiceError("invoice.invalid_quantity") { InvoiceLine("SMS", "0.0000001", "1", "21") }.field)
        val price = invoiceError("invoice.invalid_unit_price") { InvoiceLine("Discount", "1", "-5", "21") }
        assertEquals(Pair("unit_price", "-5"), Pair(price.field, price.value))
        val rate = invoiceError("invoice.invalid_rate") { InvoiceLine("SMS", "1", "1", "121") }
        assertEquals(Pair("rate", "121"), Pair(rate.field, rate.value))
        assertEquals("rate: 121 is not a VAT rate; a rate is a percentage from 0 to 100", rate.message())
        val category = invoiceError("invoice.invalid_argument") { InvoiceLine("SMS", "1", "1", "21", "X") }
        assertEquals(Triple("category", "X", "S, Z, E, AE, O (or standard, zero_rated, exempt, reverse_charge, out_of_scope)"), Triple(category.field, category.value, category.expected))
        val mismatch = invoiceError("invoice.category_rate_mismatch") { InvoiceLine("Postage", "1", "1", "0").withCategory("S") }
        assertEquals(Triple("category", "S", "0"), Triple(mismatch.field, mismatch.category, mismatch.rate))
        val json = assertFailsWith<EnvoiException.Argument> { InvoiceLine.fromJson("{\"description\":\"x\",\"quantity\":\"1\",\"unit_price\":\"1\",\"rate\":\"21\",\"category\":\"exempt\"}") }
        assertEquals("argument.invalid_json", json.code()) // the core's rule (exempt has the rate 0), read from JSON
        assertTrue(json.message().contains("every category but standard rated (S) has the rate 0"), json.message())
    }

    // ---- Parties -----------------------------------------------------------------------------

    @Test
    fun `parties keep identifiers compact and round trip`() {
        val s = seller()
        assertEquals(listOf("Envoi SA", "BE", "Rue de la Loi 16", "Bruxelles", "1000", "BE0400123416", "0400123416"), listOf(s.name(), s.country(), s.street(), s.city(), s.postalCode(), s.vatNumber(), s.enterpriseNumber()))
        assertEquals(Endpoint("0208", "0400123416"), s.endpoint()) // the enterprise number
        assertEquals(Endpoint("9930", "DE136695976"), german().endpoint())
        val bare = Party("Acme Inc.", "us")
        assertEquals("US", bare.country())
        assertNull(bare.street())
        assertNull(bare.endpoint())
        assertNull(Party("Acme", "IE").withAddress("1 Main St", "Cork", "").postalCode())

        val json = s.toJson()
        assertEquals(s, Party.fromJson(json))
        assertEquals(s.hashCode(), Party.fromJson(json).hashCode())
        assertEquals("Party($json)", s.toString())
        assertNotEquals(s, belgian())

        assertEquals("name", invoiceError("invoice.invalid_text") { Party(" ", "BE") }.field)
        val greece = invoiceError("invoice.invalid_identifier") { Party("Acme", "EL") } // EL is a VAT prefix, not a country
        assertEquals(Pair("country", "EL"), Pair(greece.field, greece.value))
        assertEquals("vat_number", invoiceError("invoice.invalid_identifier") { bare.withVatNumber("EU372022452") }.field)
        assertEquals("enterprise_number", invoiceError("invoice.invalid_identifier") { bare.withEnterpriseNumber("0403.170.702") }.field)
        assertEquals("endpoint.scheme", invoiceError("invoice.invalid_identifier") { bare.withEndpoint("EM", "billing@example.com") }.field)
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { Party.fromJson("{\"name\":\"X\",\"country\":\"US\",\"vat\":\"1\"}") }.code())
    }

    // ---- Totals ------------------------------------------------------------------------------

    @Test
    fun `totals follow EN 16931 and cross as decimal text`() {
        val lines = listOf(InvoiceLine("SMS pack, 1000 parts", "1000", "0.0075", "21"), InvoiceLine("Registered letters", "3", "8.125", "21"))
        val totals = Invoice("EUR", lines).totals()
        assertEquals(Totals("EUR", listOf(RateTotal("S", "21", "31.88", "6.69")), "31.88", "6.69", "38.57"), totals)
        assertEquals(0, BigDecimal("38.57").compareTo(totals.totalWithVat.toBigDecimal()))

        // Several rates: highest first; a deduction; a zero-rated line.
        val multi =
            Invoice(
                "EUR",
                listOf(
                    InvoiceLine("Printed book", "2", "12.50", "6"),
                    InvoiceLine("SMS", "1000", "0.0075", "21"),
                    InvoiceLine("Newspaper", "1", "12.50", "0"),
                    InvoiceLine("Unused SMS credit returned", "-7", "0.075", "21"),
                ),
            ).totals()
        assertEquals(listOf(Pair("S", "21"), Pair("S", "6"), Pair("Z", "0")), multi.perRate.map { Pair(it.category, it.rate) })
        assertEquals(listOf("6.97", "25.00", "12.50"), multi.perRate.map { it.base }) // 7.50 - 0.53
        assertEquals(listOf("1.46", "1.50", "0.00"), multi.perRate.map { it.vat })
        assertEquals(Triple("44.47", "2.96", "47.43"), Triple(multi.totalWithoutVat, multi.totalVat, multi.totalWithVat))

        // VAT rounds half away from zero, negative amounts included: -2.50 × 21% = -0.525 → -0.53.
        val refund = Invoice("EUR", listOf(InvoiceLine("Refund", "-1", "2.50", "21"))).totals()
        assertEquals(Triple("-2.50", "-0.53", "-3.03"), Triple(refund.totalWithoutVat, refund.totalVat, refund.totalWithVat))
        assertEquals("0", Invoice("JPY", listOf(InvoiceLine("x", "1", "0.4", "10"))).totals().totalWithVat)
        assertEquals(Totals("EUR", emptyList(), "0.00", "0.00", "0.00"), Invoice("EUR", emptyList()).totals())
    }

    // ---- Invoices ----------------------------------------------------------------------------

    @Test
    fun `an invoice takes its parts by name or with the builder, and round trips`() {
        val lines = listOf(sms("1234"), InvoiceLine("Registered letters", "3", "8.125", "21"))
        val invoice =
            Invoice(
                "eur",
                lines,
                number = "2026-0001",
                date = LocalDate.of(2026, 1, 31),
                dueDate = LocalDate.of(2026, 3, 2),
                language = "FR",
                seller = seller(),
                customer = belgian(),
                buyerReference = "Commande 42",
                orderReference = "ord_01JHX8",
                note = "Merci",
                paymentTerms = "30 jours",
            )
        assertEquals(
            listOf("invoice", "2026-0001", "EUR", "fr", "Commande 42", "ord_01JHX8", "Merci", "30 jours"),
            listOf(invoice.kind(), invoice.number(), invoice.currency(), invoice.language(), invoice.buyerReference(), invoice.orderReference(), invoice.note(), invoice.paymentTerms()),
        )
        assertEquals(Pair(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 2)), Pair(invoice.date(), invoice.dueDate()))
        assertEquals(seller(), invoice.seller())
        assertEquals(belgian(), invoice.customer())
        assertEquals(lines, invoice.lines())
        assertNull(invoice.taxCurrency())
        assertNull(invoice.precedingInvoice())

        val built =
            Invoice("EUR", lines)
                .withNumber("2026-0001")
                .withDate(LocalDate.of(2026, 1, 31))
                .withDueDate(LocalDate.of(2026, 3, 2))
                .withLanguage("fr")
                .withSeller(seller())
                .withCustomer(belgian())
                .withBuyerReference("Commande 42")
                .withOrderReference("ord_01JHX8")
                .withNote("Merci")
                .withPaymentTerms("30 jours")
        assertEquals(invoice, built)
        assertEquals(invoice.hashCode(), built.hashCode())
        assertNotEquals(invoice, built.withNumber("2026-0002"))
        assertEquals("en", Invoice("EUR", lines).language())
        assertNull(Invoice("EUR", lines).number())

        val json = invoice.toJson()
        assertTrue(json.startsWith("{\"kind\":\"invoice\",\"number\":\"2026-0001\",\"currency\":\"EUR\",\"date\":\"2026-01-31\""), json)
        val again = Invoice.fromJson(json)
        assertEquals(invoice, again)
        assertEquals(invoice.toUbl(), again.toUbl())
        assertEquals("Invoice($json)", invoice.toString())
        val extra = assertFailsWith<EnvoiException.Argument> { Invoice.fromJson(json.replaceFirst("{", "{\"vat\":1,")) }
        assertEquals("argument.invalid_json", extra.code())
        assertTrue(extra.message().startsWith("json: not an invoice: "))
    }

    @Test
    fun `a domestic invoice exports to UBL with its endpoints and totals`() {
        val invoice = domestic(listOf(sms("1234"), InvoiceLine("Registered letters", "3", "8.125", "21")))
        val totals = invoice.totals()
        assertEquals(Triple("116.31", "24.43", "140.74"), Triple(totals.totalWithoutVat, totals.totalVat, totals.totalWithVat))
        val xml = keep("domestic", invoice.toUbl())
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml.take(80))
        assertTrue("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"" in xml)
        assertTrue("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>" in xml)
        assertTrue("<cbc:EndpointID schemeID=\"0208\">0400123416</cbc:EndpointID>" in xml)
        assertTrue("<cbc:EndpointID schemeID=\"0208\">0765432146</cbc:EndpointID>" in xml)
        assertTrue("<cbc:PayableAmount currencyID=\"EUR\">140.74</cbc:PayableAmount>" in xml)
        assertTrue("&lt;bulk &amp; alerts&gt;" in xml) // escaped by the XML writer
    }

    @Test
    fun `a reverse-charge invoice exports with category AE, its exemption reason and the mention`() {
        val answer = OnlineCheck(valid = true, requestId = "WAPIAAAAW1Fz5rY0")
        val decided = vatTreatment("DE", "business", "electronic", LocalDate.of(2026, 2, 2), vatNumber = "DE 136 695 976", onlineCheck = answer, exemptionRequested = true)
        assertEquals("reverse_charge", decided.kind())
        val category = if (decided.kind() == "reverse_charge") "AE" else null
        val invoice =
            Invoice(
                "EUR",
                listOf(sms("10000", category = category), InvoiceLine("Secure email, 200 messages", "200", "0.25", decided.rate()!!, category)),
                number = "2026-0003",
                date = LocalDate.of(2026, 2, 2),
                dueDate = LocalDate.of(2026, 3, 4),
                language = "de",
                seller = seller(),
                customer = german(),
                buyerReference = "Bestellung 2026/17",
                note = decided.mentionText("de"),
            )
        val totals = invoice.totals()
        assertEquals(listOf(RateTotal("AE", "0", "795.00", "0.00")), totals.perRate)
        assertEquals("795.00", totals.totalWithVat)
        val xml = keep("reverse_charge", invoice.toUbl())
        assertTrue("<cbc:ID>AE</cbc:ID>" in xml)
        assertTrue("<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>" in xml)
        assertTrue("<cbc:Note>Steuerschuldnerschaft des Leistungsempfängers – Artikel 196 der Richtlinie 2006/112/EG</cbc:Note>" in xml)
        assertTrue("<cbc:CompanyID>DE136695976</cbc:CompanyID>" in xml)

        // Without the customer's VAT number a reverse charge cannot be exported (BR-AE-2).
        val noNumber = invoiceError("invoice.missing_field") { invoice.withCustomer(Party("Kunde GmbH", "DE").withEndpoint("9930", "DE136695976")).toUbl() }
        assertEquals("customer.vat_number", noNumber.field)
        assertNotNull(noNumber.rule)
    }

    @Test
    fun `a credit note and an invoice in USD with its VAT in EUR export`() {
        val note =
            Invoice.creditNote(
                "EUR",
                listOf(InvoiceLine("Registered letters not delivered", "1", "8.125", "21")),
                number = "CN-2026-0001",
                date = LocalDate.of(2026, 2, 10),
                language = "fr",
                seller = seller(),
                customer = belgian(),
                buyerReference = "Commande 42",
                precedingInvoice = PrecedingInvoice("2026-0001", LocalDate.of(2026, 1, 31)),
                paymentTerms = "Remboursé sur le compte du client sous 14 jours",
            )
        assertEquals("credit_note", note.kind())
        assertEquals(PrecedingInvoice("2026-0001", LocalDate.of(2026, 1, 31)), note.precedingInvoice())
        assertEquals(Triple("8.13", "1.71", "9.84"), note.totals().let { Triple(it.totalWithoutVat, it.totalVat, it.totalWithVat) })
        val xml = keep("credit_note", note.toUbl())
        assertTrue("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"" in xml)
        assertTrue("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>" in xml)
        assertTrue("<cbc:ID>2026-0001</cbc:ID>" in xml)
        assertEquals(note, Invoice.fromJson(note.toJson()))
        val built =
            Invoice.creditNote("EUR", note.lines())
                .withNumber("CN-2026-0001")
                .withDate(LocalDate.of(2026, 2, 10))
                .withLanguage("fr")
                .withSeller(seller())
                .withCustomer(belgian())
                .withBuyerReference("Commande 42")
                .withPrecedingInvoice(PrecedingInvoice("2026-0001", LocalDate.of(2026, 1, 31)))
                .withPaymentTerms("Remboursé sur le compte du client sous 14 jours")
        assertEquals(note, built)

        val dollars =
            domestic(listOf(InvoiceLine("Block plan: 50,000 SMS parts", "1", "2450.00", "21")), currency = "USD")
                .withTaxCurrency(TaxCurrency("EUR", BigDecimal("0.9245")))
        assertEquals(TaxCurrency("EUR", "0.9245"), dollars.taxCurrency())
        val usd = keep("usd_vat_in_eur", dollars.toUbl())
        assertTrue("<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>" in usd)
        assertTrue("<cbc:TaxAmount currencyID=\"EUR\">475.66</cbc:TaxAmount>" in usd) // 514.50 USD × 0.9245
        assertTrue("<cbc:PayableAmount currencyID=\"USD\">2964.50</cbc:PayableAmount>" in usd)
        assertEquals(dollars, domestic(dollars.lines(), "USD").withTaxCurrency(TaxCurrency("EUR", "0.9245")))
    }

    @Test
    fun `export errors name what is missing or wrong`() {
        val line = InvoiceLine("SMS", "1", "1", "21")
        val bare = Invoice("EUR", listOf(line))
        assertEquals("number", invoiceError("invoice.missing_field") { bare.toUbl() }.field)
        assertEquals("date", invoiceError("invoice.missing_field") { bare.withNumber("A-1").toUbl() }.field)
        assertEquals("lines", invoiceError("invoice.missing_field") { domestic(emptyList()).toUbl() }.field)
        assertEquals("buyer_reference", invoiceError("invoice.missing_field") { Invoice("EUR", listOf(line), number = "A-1", date = LocalDate.of(2026, 1, 1), dueDate = LocalDate.of(2026, 2, 1), seller = seller(), customer = belgian()).toUbl() }.field)

        val dueOnNote = invoiceError("invoice.not_applicable") { Invoice.creditNote("EUR", listOf(line), number = "CN-1", date = LocalDate.of(2026, 1, 1), dueDate = LocalDate.of(2026, 2, 1)).toUbl() }
        assertEquals("due_date", dueOnNote.field)

        val mixed = invoiceError("invoice.incompatible_categories") { domestic(listOf(line.withCategory("O"), line)).toUbl() }
        assertEquals(Triple("lines", "O", "S"), Triple(mixed.field, mixed.first, mixed.second))

        val dinar = invoiceError("invoice.unsupported_currency") { domestic(listOf(line), currency = "BHD").toUbl() }
        assertEquals(Pair("currency", "BHD"), Pair(dinar.field, dinar.currency))

        // A currency without cents: the net must stay within 0.02 of quantity × unit price (Peppol R120).
        val yen = invoiceError("invoice.line_rounding") { domestic(listOf(InvoiceLine("a", "2", "100", "10"), InvoiceLine("b", "3", "333.5", "10")), currency = "JPY").toUbl() }
        assertEquals(listOf("lines", "1000.5", "1001", "JPY"), listOf(yen.field, yen.exact, yen.net, yen.currency))
        assertEquals(1uL, yen.index)

        val ancient = invoiceError("invoice.invalid_date") { domestic(listOf(line)).withDate(LocalDate.of(999, 12, 31)).toUbl() }
        assertEquals(Pair("date", "0999-12-31"), Pair(ancient.field, ancient.value))

        // The VAT converted to the tax currency beyond the decimal range.
        val huge = InvoiceLine("x", "999999999", "999999999", "100")
        val overflow = invoiceError("invoice.amount_out_of_range") { domestic(List(200) { huge }).withTaxCurrency(TaxCurrency("USD", "999999.9999999999")).toUbl() }
        assertEquals("tax_currency", overflow.field)

        val own = invoiceError("invoice.invalid_tax_currency") { bare.withTaxCurrency(TaxCurrency("EUR", "1")) }
        assertEquals(listOf("tax_currency", "EUR", "1"), listOf(own.field, own.currency, own.exchangeRate))
        assertEquals("0", invoiceError("invoice.invalid_tax_currency") { bare.withTaxCurrency(TaxCurrency("USD", "0")) }.exchangeRate)
        assertEquals("argument.invalid_decimal", assertFailsWith<EnvoiException.Argument> { bare.withTaxCurrency(TaxCurrency("USD", 0.92.toString() + "E0")) }.code())

        assertEquals("number", invoiceError("invoice.invalid_text") { bare.withNumber("  ") }.field)
        assertEquals("note", invoiceError("invoice.invalid_text") { Invoice("EUR", listOf(line), note = "bell\u0007") }.field)
        assertEquals("preceding_invoice.number", invoiceError("invoice.invalid_text") { bare.withPrecedingInvoice(PrecedingInvoice("")) }.field)
        val language = assertFailsWith<EnvoiException.Language> { Invoice("EUR", listOf(line), language = "es") }
        assertEquals(Pair("language.unsupported", "es"), Pair(language.code(), language.value))
        assertEquals("language.unsupported", assertFailsWith<EnvoiException.Language> { bare.withLanguage("es-ES") }.code())
        assertEquals("en", bare.withLanguage("EN-GB").language()) // the core reads a tag with a region as its language
        assertEquals("money.unknown_currency", assertFailsWith<EnvoiException.Money> { Invoice("EURO", listOf(line)) }.code())
        assertEquals("money.unknown_currency", assertFailsWith<EnvoiException.Money> { bare.withTaxCurrency(TaxCurrency("XXXX", "1")) }.code())
        // A day beyond the core's dates is refused with the binding's code for days.
        assertEquals("schedule.date_out_of_range", assertFailsWith<EnvoiException.Schedule> { bare.withDate(LocalDate.of(-300_000, 1, 1)) }.code())
    }
}
