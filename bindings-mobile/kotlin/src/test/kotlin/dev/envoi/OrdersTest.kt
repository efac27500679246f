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
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Orders, invoice drafts and the invoice book through the Kotlin binding: the issue's scenarios
 * (core/tests/billing_orders.rs, billing_book.rs) on the core's sample price list, and the
 * `billing.*` codes of orders and the book with their fields.
 */
class OrdersTest {
    private val prices: PriceList by lazy {
        PriceList.fromJson(Files.readString(Paths.get(System.getProperty("user.dir"), "..", "..", "core", "tests", "data", "billing", "prices.json").normalize()))
    }

    private fun at(text: String): Instant = Instant.parse(text)

    private fun billingError(code: String, block: () -> Unit): BillingException.Billing {
        val error = assertFailsWith<BillingException>(code) { block() }
        assertIs<BillingException.Billing>(error)
        assertEquals(code, error.code())
        assertEquals(error.reason, error.message())
        return error
    }

    private fun seller(): Seller = Seller(
        Party("Envoi SA", "BE").withAddress("Rue de la Loi 16", "Bruxelles", "1000")
            .withVatNumber("BE0403170701").withEnterpriseNumber("0403170701"),
        "F", 30u,
    )

    private val viesValid = OnlineCheck(true, "WAPIAAAAW1Fz5rY0", at("2026-03-02T10:00:00Z"))

    private fun belgianCompany(): Account =
        Account("acc_be", "fr", "business", "BE",
            Party("Boulangerie Dupont SRL", "BE").withAddress("Place du Marché 3", "Namur", "5000").withEnterpriseNumber("0202239951"),
            at("2026-03-01T09:00:00Z"))
            .withVatNumber("BE 0202.239.951", null)

    private fun dutchCompany(id: String): Account =
        Account(id, "nl", "business", "NL",
            Party("Bakkerij Jansen BV", "NL").withAddress("Kerkstraat 5", "Utrecht", "3511 LX").withEndpoint("9944", "NL004495445B01"),
            at("2026-03-01T09:00:00Z"))
            .withVatNumber("NL004495445B01", viesValid)

    @Test
    fun `a Belgian company buys SMS by bank transfer, pending then active, invoiced with 21 percent VAT`() {
        val account = belgianCompany()
        val ledger = Ledger(account.zone())
        val book = InvoiceBook(seller())
        val order = placeOrder(account, prices, "sms-1000", 2u, "bank_transfer", at("2026-03-02T10:00:00Z"), "o-be-1")
        assertEquals(OrderState("pending_payment", null, null, null), order.state())
        assertEquals(OrderedPack("sms-1000", "sms", 1000uL, Money("75.00", "EUR")), order.pack())
        assertEquals(Triple(2u, 2000uL, "bank_transfer"), Triple(order.quantity(), order.units(), order.payment()))
        assertEquals(Pair("o-be-1", "acc_be"), Pair(order.id(), order.account()))

        // Pending: no invoice, the ledger's purchase waits, the account waits.
        val notPaid = billingError("billing.order_not_paid") { order.invoiceDraft(account) }
        assertEquals(Pair("o-be-1", "pending_payment"), Pair(notPaid.orderId, notPaid.state))
        assertEquals("pending", order.apply(ledger).status)
        assertEquals(0uL, ledger.balance("sms", at("2026-03-03T00:00:00Z")).available)
        assertFalse(order.activateAccount(account))
        assertEquals("pending_payment", account.state())

        // The transfer arrives: paid, the ledger activates, the account too.
        assertEquals(OrderState("paid", at("2026-03-05T08:00:00Z"), null, null), order.recordPayment(at("2026-03-05T08:00:00Z")))
        val activated = order.apply(ledger)
        assertEquals(Triple("active", 1uL, at("2028-03-05T08:00:00Z")), Triple(activated.status, activated.lot, activated.expiresAt))
        assertFalse(activated.replayed)
        assertTrue(order.apply(ledger).replayed) // applying again writes nothing
        assertEquals(2, ledger.entries().size)
        assertEquals(2000uL, ledger.balance("sms", at("2026-03-05T09:00:00Z")).available)
        assertTrue(order.activateAccount(account))
        assertEquals("active", account.state())

        // Invoiced when paid, with 21% Belgian VAT.
        val draft = order.invoiceDraft(account)
        assertEquals(listOf("order:o-be-1", "acc_be", "invoice"), listOf(draft.key(), draft.account(), draft.kind()))
        val issued = book.issue(draft)
        assertFalse(issued.replayed)
        val invoice = issued.invoice
        assertEquals("2026-F-000001", invoice.number().toString())
        assertEquals(LocalDate.parse("2026-03-05"), invoice.issueDate())
        assertEquals(LocalDate.parse("2026-04-04"), invoice.dueDate())
        val line = invoice.lines()[0]
        assertEquals(listOf("Pack SMS 1 000 unités", "2", "75.00", "21", "S"), listOf(line.description(), line.quantity(), line.unitPrice(), line.rate(), line.category()))
        val totals = invoice.totals()
        assertEquals(Triple("150.00", "31.50", "181.50"), Triple(totals.totalWithoutVat, totals.totalVat, totals.totalWithVat))
        assertEquals(draft.totals(), totals)
        assertEquals("BE0202239951", invoice.invoice().customer()!!.vatNumber())
        assertEquals("Payé par virement le 05/03/2026", invoice.invoice().paymentTerms())
        assertTrue(invoice.toUbl().contains("""<cbc:PayableAmount currencyID="EUR">181.50</cbc:PayableAmount>"""))
        assertTrue(invoice.toText().contains("2026-F-000001"), invoice.toText())
        assertTrue(invoice.toHtml().contains("2026-F-000001"))
        assertTrue(draft.toText().isNotEmpty() && draft.toHtml().isNotEmpty())

        // The book: issuing the draft again is a replay, never a second number.
        val again = book.issue(order.invoiceDraft(account))
        assertTrue(again.replayed)
        assertEquals(invoice, again.invoice)
        assertEquals(listOf(invoice), book.invoices())
        assertEquals(listOf(invoice), book.forAccount("acc_be"))
        assertTrue(book.forAccount("acc_other").isEmpty())
        assertEquals(invoice, book.get(InvoiceNumber.parse("2026-F-000001")))
        assertNull(book.get(InvoiceNumber.parse("2026-F-000002")))
        assertEquals(invoice, book.byKey("order:o-be-1"))
        assertNull(book.byKey("order:nope"))

        // JSON round trips; the book rebuilds from its stored invoices.
        assertEquals(invoice, IssuedInvoice.fromJson(invoice.toJson()))
        assertEquals(order, PackOrder.fromJson(order.toJson()))
        val rebuilt = InvoiceBook.fromInvoices(seller(), listOf(IssuedInvoice.fromJson(invoice.toJson())))
        assertTrue(rebuilt.issue(order.invoiceDraft(account)).replayed)

        // A repeated payment report changes nothing.
        assertEquals(at("2026-03-05T08:00:00Z"), order.recordPayment(at("2026-03-06T08:00:00Z")).paidAt)
    }

    @Test
    fun `a Dutch company is reverse charged when it asks at order time, another is refused a week later`() {
        val account = dutchCompany("acc_nl")
        val order = placeOrder(account, prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-nl-1",
            exemptionRequested = true, onlineCheck = viesValid)
        assertEquals("reverse_charge", order.treatment().kind())
        assertEquals("reverse_charge", order.requestExemption().kind())
        val issued = InvoiceBook(seller()).issue(order.invoiceDraft(account)).invoice
        val line = issued.lines()[0]
        assertEquals(Triple("SMS-pakket 1.000 eenheden", "AE", "0"), Triple(line.description(), line.category(), line.rate()))
        assertEquals("Btw verlegd – artikel 196 van richtlijn 2006/112/EG", issued.invoice().note())
        assertEquals("75.00", issued.totals().totalWithVat)
        assertTrue(issued.toUbl().contains("VATEX-EU-AE"))

        // Without asking at order time: Belgian VAT, and a week later the exemption is refused.
        val other = dutchCompany("acc_nl_2")
        val charged = placeOrder(other, prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-nl-2", onlineCheck = viesValid)
        assertEquals(Pair("charge", "21"), Pair(charged.treatment().kind(), charged.treatment().rate()))
        val refused = billingError("billing.exemption_after_order") { charged.requestExemption() }
        assertEquals(Pair("o-nl-2", "charge BE 21% (eu_consumer_under_threshold)"), Pair(refused.orderId, refused.treatment))

        // Without the online check, the exemption is refused, not assumed.
        val pending = billingError("billing.vat_pending_verification") {
            placeOrder(dutchCompany("acc_nl_3"), prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-nl-3", exemptionRequested = true)
        }
        assertEquals(Pair("order o-nl-3", "NL004495445B01"), Pair(pending.subject, pending.vatNumber))
    }

    @Test
    fun `a reversed payment voids the order and its invoice gets a credit note`() {
        val account = belgianCompany()
        val ledger = Ledger(account.zone())
        val book = InvoiceBook(seller())
        val order = placeOrder(account, prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-rev")
        order.apply(ledger)
        order.activateAccount(account)
        ledger.consume("send-1", "sms", 300, at("2026-03-03T09:00:00Z"))
        val invoice = book.issue(order.invoiceDraft(account)).invoice

        val early = billingError("billing.order_state") { order.creditNoteDraft(account, invoice) }
        assertEquals(listOf("o-rev", "credit", "paid"), listOf(early.orderId, early.action, early.state))
        assertTrue(early.rule!!.contains("reversed"), early.rule)

        val reversed = order.reverse(at("2026-03-10T08:00:00Z"), "chargeback")
        assertEquals(OrderState("reversed", at("2026-03-02T10:00:00Z"), at("2026-03-10T08:00:00Z"), "chargeback"), reversed)
        val voided = order.apply(ledger)
        assertEquals(Triple("voided", 1uL, at("2026-03-10T08:00:00Z")), Triple(voided.status, voided.lot, voided.voidedAt))
        val balance = ledger.balance("sms", at("2026-03-11T00:00:00Z"))
        assertEquals(Triple(300uL, 700uL, 0uL), Triple(balance.consumed, balance.removed, balance.available))

        val note = book.issue(order.creditNoteDraft(account, invoice)).invoice
        assertEquals(listOf("credit:o-rev", "2026-F-000002", "credit_note"), listOf(note.key(), note.number().toString(), note.kind()))
        assertNull(note.dueDate())
        assertEquals("2026-F-000001", note.invoice().precedingInvoice()!!.number)
        assertEquals(invoice.totals(), note.totals())
        assertEquals("Remboursement de la facture 2026-F-000001", note.invoice().paymentTerms())
        assertTrue(note.toUbl().contains("<CreditNote"))

        // The credit note of another order's invoice is refused.
        val other = placeOrder(account, prices, "sms-1000", 1u, "card", at("2026-03-12T10:00:00Z"), "o-other")
        other.reverse(at("2026-03-13T10:00:00Z"), "refund")
        val wrong = billingError("billing.invalid_argument") { other.creditNoteDraft(account, invoice) }
        assertEquals("invoice", wrong.field)
        assertEquals("invoice: 2026-F-000001 (order:o-rev) is not the invoice of order o-other (key order:o-other)", wrong.message())
    }

    @Test
    fun `order and book codes carry their fields`() {
        val account = belgianCompany()
        val pending = placeOrder(account, prices, "sms-1000", 1u, "bank_transfer", at("2026-03-02T10:00:00Z"), "o-s")
        val early = billingError("billing.invalid_argument") { pending.recordPayment(at("2026-03-01T10:00:00Z")) }
        assertEquals(Pair("at", "2026-03-01T10:00:00+00:00"), Pair(early.field, early.value))
        val reverse = billingError("billing.order_state") { pending.reverse(at("2026-03-03T10:00:00Z"), "x") }
        assertEquals(listOf("o-s", "reverse", "pending_payment"), listOf(reverse.orderId, reverse.action, reverse.state))
        assertEquals(OrderState("cancelled", null, at("2026-03-20T10:00:00Z"), "never paid"), pending.cancel(at("2026-03-20T10:00:00Z"), "never paid"))
        val voided = pending.apply(Ledger(account.zone()))
        assertEquals(Pair("voided", null), Pair(voided.status, voided.lot))

        // Another account's order: billing.invalid_argument; account errors pass through.
        val paid = placeOrder(account, prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-p")
        assertEquals("account: acc_x is not the account of order o-p (acc_be)", billingError("billing.invalid_argument") { paid.invoiceDraft(dutchCompany("acc_x")) }.message())

        // The same key with other content: billing.invoice_conflict, no number used.
        val book = InvoiceBook(seller())
        book.issue(placeOrder(account, prices, "sms-1000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-1").invoiceDraft(account))
        val conflict = billingError("billing.invoice_conflict") {
            book.issue(placeOrder(account, prices, "sms-5000", 1u, "card", at("2026-03-02T10:00:00Z"), "o-1").invoiceDraft(account))
        }
        assertEquals(Triple("order:o-1", "2026-F-000001", "lines"), Triple(conflict.key, conflict.number, conflict.difference))
        assertEquals(1, book.invoices().size)

        // A stored order that breaks a rule: billing.invalid_record.
        val json = paid.toJson().replace("\"quantity\":1", "\"quantity\":0")
        assertNotEquals(paid.toJson(), json)
        val record = billingError("billing.invalid_record") { PackOrder.fromJson(json) }
        assertEquals(listOf("order", "quantity", "0"), listOf(record.subject, record.field, record.value))
        assertEquals("order: quantity: 0 is no pack; an order has 1 pack or more", record.message())
        billingError("billing.invalid_record") { IssuedInvoice.fromJson("not json") }

        // Other families keep their codes.
        assertEquals("argument.unknown_value", assertFailsWith<BillingException.Envoi> {
            placeOrder(account, prices, "sms-1000", 1u, "cash", at("2026-03-02T10:00:00Z"), "o-c")
        }.code())
        billingError("billing.no_price") { placeOrder(account, prices, "fax-10", 1u, "card", at("2026-03-02T10:00:00Z"), "o-f") }
        billingError("billing.invalid_argument") { placeOrder(account, prices, "sms-1000", 0u, "card", at("2026-03-02T10:00:00Z"), "o-0") }
    }

    @Test
    fun `the README example runs`() {
        val account = belgianCompany()
        val ledger = Ledger(account.zone())
        val envoiSa = seller().party
        // README, "Orders, invoices and runs".
        val order = placeOrder(account, prices, "sms-1000", 2u, "bank_transfer", Instant.parse("2026-03-02T10:00:00Z"), "o-be-1")
        assertEquals("pending_payment", order.state().state)
        order.recordPayment(Instant.parse("2026-03-05T08:00:00Z"))
        assertEquals("active", order.apply(ledger).status)
        assertTrue(order.activateAccount(account))
        val book = InvoiceBook(Seller(envoiSa, "F", 30u))
        val issued = book.issue(order.invoiceDraft(account))
        assertFalse(issued.replayed)
        assertEquals("2026-F-000001", issued.invoice.number().toString())
        assertEquals("181.50", issued.invoice.totals().totalWithVat)
        assertTrue(book.issue(order.invoiceDraft(account)).replayed)
        val drafts = monthlyRun(account, prices, "2026-03", MonthlyUsage(letters = listOf(
            LetterUsage("job-1", LetterQuery("prior", "national", "small", 50u, 1u), 10u, Instant.parse("2026-03-10T09:00:00Z")))))
        assertEquals(listOf("letters:acc_be:2026-03"), drafts.map { it.key() })
    }
}
