package dev.envoi

import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Paths
import java.time.Instant
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The monthly run and the block plan run through the Kotlin binding: the issue's Click & Post and
 * Plannit scenarios (core/tests/billing_runs.rs) on the core's sample price list.
 */
class RunsTest {
    private val prices: PriceList by lazy {
        PriceList.fromJson(Files.readString(Paths.get(System.getProperty("user.dir"), "..", "..", "core", "tests", "data", "billing", "prices.json").normalize()))
    }

    private fun at(text: String): Instant = Instant.parse(text)

    private fun billingError(code: String, block: () -> Unit): BillingException.Billing {
        val error = assertFailsWith<BillingException>(code) { block() }
        assertIs<BillingException.Billing>(error)
        assertEquals(code, error.code())
        return error
    }

    private fun seller(): Seller = Seller(
        Party("Envoi SA", "BE").withAddress("Rue de la Loi 16", "Bruxelles", "1000")
            .withVatNumber("BE0403170701").withEnterpriseNumber("0403170701"),
        "F", 30u,
    )

    private fun customer(id: String, language: String, name: String, created: String): Account =
        Account(id, language, "business", "BE",
            Party(name, "BE").withAddress("Rue Haute 12", "Bruxelles", "1000").withEnterpriseNumber("0202239951"),
            at(created))
            .withVatNumber("BE0202239951", null)

    private fun marchLetters(): List<LetterUsage> = listOf(
        LetterUsage("job-1", LetterQuery("prior", "national", "small", 50u, 2u, duplex = true), 120u, at("2026-03-10T09:00:00Z")),
        LetterUsage("job-2", LetterQuery("registered", "national", "large", 100u, 3u, color = true, acknowledgementOfReceipt = true), 5u, at("2026-03-20T14:00:00Z")),
        // Cancelled before processing: never billed.
        LetterUsage("job-3", LetterQuery("prior", "national", "small", 50u, 1u), 40u, null, cancelled = true),
        // 00:30 on 1 April in Brussels: April, though still 31 March in UTC.
        LetterUsage("job-4", LetterQuery("prior", "national", "small", 50u, 1u), 7u, at("2026-03-31T22:30:00Z")),
    )

    @Test
    fun `Click and Post letters of March are invoiced on 1 April, once however often the run runs`() {
        val account = customer("acc_cp", "fr", "Cabinet Lambert SRL", "2026-01-05T09:00:00Z")
        val usage = MonthlyUsage(letters = marchLetters())
        val drafts = monthlyRun(account, prices, "2026-03", usage)
        assertEquals(1, drafts.size)
        val draft = drafts[0]
        assertEquals(Pair("letters:acc_cp:2026-03", LocalDate.parse("2026-04-01")), Pair(draft.key(), draft.issueDate()))
        assertEquals(
            listOf(
                Triple("Affranchissement Prior, petit format, jusqu'à 50 g", "120", "1.95"),
                Triple("Affranchissement recommandé, grand format, jusqu'à 100 g", "5", "3.90"),
                Triple("Frais de recommandé", "5", "6.10"),
                Triple("Accusé de réception", "5", "1.25"),
                Triple("Supplément couleur, par feuille", "15", "0.20"),
                Triple("Supplément recto verso, par feuille", "240", "0.03"),
            ),
            draft.lines().map { Triple(it.description(), it.quantity(), it.unitPrice()) },
        )
        val totals = draft.totals()
        assertEquals(Triple("300.45", "63.09", "363.54"), Triple(totals.totalWithoutVat, totals.totalVat, totals.totalWithVat))

        // Running twice gives equal drafts; issuing twice, one number.
        assertEquals(drafts, monthlyRun(account, prices, "2026-03", usage))
        val book = InvoiceBook(seller())
        val first = book.issue(draft)
        val again = book.issue(monthlyRun(account, prices, "2026-03", usage)[0])
        assertFalse(first.replayed)
        assertTrue(again.replayed)
        assertEquals(first.invoice, again.invoice)
        assertEquals(listOf("2026-F-000001"), book.invoices().map { it.number().toString() })
        assertEquals(LocalDate.parse("2026-05-01"), first.invoice.dueDate())
        assertTrue(first.invoice.toUbl().contains("<cbc:IssueDate>2026-04-01</cbc:IssueDate>"))

        // April has job-4 only; May nothing.
        assertEquals(listOf("7"), monthlyRun(account, prices, "2026-04", usage)[0].lines().map { it.quantity() })
        assertTrue(monthlyRun(account, prices, "2026-05", usage).isEmpty())

        val month = billingError("billing.invalid_argument") { monthlyRun(account, prices, "2026-3", usage) }
        assertEquals(Pair("month", "\"2026-3\""), Pair(month.field, month.value))
        val noSheet = billingError("billing.invalid_query") {
            monthlyRun(account, prices, "2026-03", MonthlyUsage(letters = listOf(LetterUsage("job-9", LetterQuery("prior", "national", "small", 50u, 0u), 1u, at("2026-03-10T09:00:00Z")))))
        }
        assertEquals("sheets", noSheet.field)
    }

    @Test
    fun `Plannit 1240 SMS are two extra blocks, in USD with the VAT in EUR`() {
        val account = customer("acc_pl", "en", "Plomberie Dubois SRL", "2026-01-05T09:00:00Z")
        val subscription = subscribeBlockPlan(account, prices, "sms-option", "plannit-sms", at("2026-03-10T09:00:00Z"))
        assertEquals(listOf("sms-option", "acc_pl", "plannit-sms"), listOf(subscription.id(), subscription.account(), subscription.planId()))
        assertEquals("charge", subscription.treatment().kind())
        val book = InvoiceBook(seller())

        val upfront = blockPlanRun(account, subscription, 0u, 0uL, "0.92")!!
        assertEquals(Pair("blocks:acc_pl:sms-option:0", LocalDate.parse("2026-03-10")), Pair(upfront.key(), upfront.issueDate()))
        assertEquals("Block fee per 500 messages, period 2026-03-10 to 2026-04-09", upfront.lines()[0].description())
        assertEquals("30.25", book.issue(upfront).invoice.totals().totalWithVat)

        // 1,240 SMS in the first period: 3 started blocks, 1 paid, 2 extra billed on 10 April.
        val sends = (0 until 1240).map { SendUnits(at("2026-03-10T10:00:00Z").plusSeconds(it * 1200L), 1) }
        val usage = subscription.plan().usageByPeriod(sends)
        assertEquals(1240uL, usage[0u])
        val next = blockPlanRun(account, subscription, 1u, usage[0u]!!, "0.9")!!
        assertEquals(
            listOf(
                Pair("Block fee per 500 messages, period 2026-04-10 to 2026-05-09", "1"),
                Pair("Extra blocks of 500 messages (1,240 messages sent), period 2026-03-10 to 2026-04-09", "2"),
            ),
            next.lines().map { Pair(it.description(), it.quantity()) },
        )
        val issued = book.issue(next).invoice
        val totals = issued.totals()
        assertEquals(listOf("USD", "75.00", "15.75", "90.75"), listOf(totals.currency, totals.totalWithoutVat, totals.totalVat, totals.totalWithVat))
        val ubl = issued.toUbl()
        assertTrue(ubl.contains("""<cbc:TaxAmount currencyID="EUR">14.18</cbc:TaxAmount>"""), ubl)
        assertTrue(issued.toText().contains("VAT in EUR (rate 0.9): 14.18 EUR"), issued.toText())

        // Without the exchange rate, a USD invoice is refused.
        val missing = billingError("billing.missing_exchange_rate") { blockPlanRun(account, subscription, 1u, 1240uL) }
        assertEquals(Pair("blocks:acc_pl:sms-option:1", "USD"), Pair(missing.subject, missing.currency))

        // After the option ended: no fee, the last period's extra blocks still; then nothing.
        val ended = subscription.endingAt(at("2026-04-20T09:00:00Z"))
        assertTrue(blockPlanRun(account, ended, 2u, 700uL, "0.92") != null)
        assertNull(blockPlanRun(account, ended, 2u, 0uL, "0.92"))
    }

    @Test
    fun `prices in two currencies in one month are billing mixed_currencies`() {
        val account = customer("acc_mx", "en", "Mixed SRL", "2026-01-05T09:00:00Z")
        val twoCurrencies = PriceList.fromJson(
            """{"unit_prices": [{"channel": "email", "price": "0.01", "currency": "EUR", "valid_from": "2026-01-01"},
                {"channel": "sms", "price": "0.09", "currency": "USD", "valid_from": "2026-01-01"}]}""",
        )
        val usage = MonthlyUsage(messages = listOf(
            MessageUsage("send-1", "email", 10uL, at("2026-03-10T09:00:00Z")),
            MessageUsage("send-2", "sms", 10uL, at("2026-03-20T09:00:00Z")),
        ), eurRate = "0.9")
        val mixed = billingError("billing.mixed_currencies") { monthlyRun(account, twoCurrencies, "2026-03", usage) }
        assertEquals("messages:acc_mx:2026-03", mixed.subject)
        assertEquals(setOf("EUR", "USD"), setOf(mixed.currency, mixed.other))
    }
}
