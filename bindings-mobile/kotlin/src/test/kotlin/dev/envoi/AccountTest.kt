package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Accounts through the Kotlin binding: the state machine and its history, the VAT number and the
 * invoicing address, the options, the JSON form, and every `account.*` code with its fields. The
 * expectations are the core's (core/src/account, core/tests/account.rs).
 */
class AccountTest {
    private fun at(text: String): Instant = Instant.parse(text)

    private fun accountError(code: String, block: () -> Unit): AccountException.Account {
        val error = assertFailsWith<AccountException>(code) { block() }
        assertIs<AccountException.Account>(error)
        assertEquals(code, error.code())
        assertEquals(code, error.code)
        assertEquals("account", error.family())
        assertEquals(error.reason, error.message())
        return error
    }

    /** An error of another family, held as the EnvoiException every other function throws. */
    private inline fun <reified T : EnvoiException> otherError(code: String, block: () -> Unit): T {
        val error = assertFailsWith<AccountException.Envoi>(code) { block() }
        assertEquals(code, error.code())
        assertEquals(code.substringBefore('.'), error.family())
        assertEquals(error.error.message(), error.message())
        return assertIs<T>(error.error)
    }

    private fun dupont(): Party = Party("Boulangerie Dupont SPRL", "BE").withAddress("Rue Haute 12", "Bruxelles", "1000")

    private fun account(): Account =
        Account("acc_42", "fr", "business", "be", dupont(), at("2026-03-02T09:00:00Z"))

    @Test
    fun `a new account waits for its payment, then sends until it is suspended`() {
        val account = account()
        assertEquals(listOf("acc_42", "fr", "business", "BE", "Europe/Brussels"), listOf(account.id(), account.language(), account.customerKind(), account.country(), account.zone()))
        assertEquals(at("2026-03-02T09:00:00Z"), account.createdAt())
        assertEquals("pending_payment", account.state())
        assertTrue(account.history().isEmpty())
        assertFalse(account.maySend(at("2026-03-02T10:00:00Z")))

        val paid = account.activate(at("2026-03-04T08:00:00Z"), "bank transfer received")
        assertEquals(StateChange("pending_payment", "active", at("2026-03-04T08:00:00Z"), "bank transfer received"), paid)
        account.requireActive(at("2026-03-04T08:00:00Z")) // a change takes effect at its instant
        val suspended = account.suspend(at("2026-05-01T00:00:00Z"), "invoice 2026-F-000012 unpaid")
        assertEquals(Pair("active", "suspended"), Pair(suspended.from, suspended.to))
        assertEquals("suspended", account.state())
        assertEquals(listOf(paid, suspended), account.history())

        // The state at any time, from the history.
        assertEquals("pending_payment", account.stateAt(at("2026-03-04T07:59:59Z")))
        assertEquals("active", account.stateAt(at("2026-04-01T00:00:00Z")))
        assertTrue(account.maySend(at("2026-04-01T00:00:00Z")))
        assertFalse(account.maySend(at("2026-05-02T00:00:00Z")))

        val back = account.changeState("active", at("2026-05-03T00:00:00Z"), "paid at last")
        assertEquals(Pair("suspended", "active"), Pair(back.from, back.to))
        assertEquals(listOf("suspended"), accountNextStates("active"))
        assertEquals(listOf("active"), accountNextStates("pending_payment"))
        otherError<EnvoiException.Argument>("argument.unknown_value") { accountNextStates("closed") }
    }

    @Test
    fun `the VAT number goes on the invoicing address when it is valid`() {
        val account = Account("a1", "nl", "business", "NL", Party("Bakkerij BV", "NL"), at("2026-03-02T09:00:00Z"))
            .withVatNumber("NL 0044.95.445 B01")
        val evidence = account.vatEvidence()!!
        assertEquals(VatEvidence("NL 0044.95.445 B01", "NL004495445B01", null, null), evidence)
        assertEquals("NL004495445B01", account.invoicingAddress().vatNumber())

        // A typo is no error: the evidence says why, the address carries no number.
        val typo = account.withVatNumber("NL001241640B01")
        assertEquals("vat.bad_check_digit", typo.vatEvidence()!!.offlineError)
        assertNull(typo.invoicingAddress().vatNumber())
        assertEquals("NL004495445B01", account.invoicingAddress().vatNumber()) // with… leaves it as it was

        // An online check that says invalid keeps the number off the address too.
        val answer = OnlineCheck(valid = false, requestId = "WAPIAAAAW1Fz5rY0", checkedAt = at("2026-03-02T09:00:00Z"))
        val refused = account.withVatNumber("NL004495445B01", answer)
        assertEquals(answer, refused.vatEvidence()!!.online)
        assertNull(refused.invoicingAddress().vatNumber())

        // Another address gets the account's number.
        val moved = account.withInvoicingAddress(Party("Bakkerij BV", "NL").withAddress("Kerkstraat 5", "Utrecht", "3511"))
        assertEquals(Pair("Utrecht", "NL004495445B01"), Pair(moved.invoicingAddress().city(), moved.invoicingAddress().vatNumber()))
        assertEquals("America/New_York", account.withZone("America/New_York").zone())
    }

    @Test
    fun `options switch channels, the SMS option, letter approval and thresholds`() {
        val account = account()
        assertEquals(listOf("email", "secure_email", "letter"), account.options().enabledChannels())
        assertFalse(account.options().smsOption().enabled)
        assertTrue(account.enableChannel("sms", at("2026-03-04T08:00:00Z")))
        assertFalse(account.enableChannel("sms", at("2026-03-05T08:00:00Z"))) // already on
        assertEquals(AccountSmsOption(true, at("2026-03-04T08:00:00Z")), account.options().smsOption())
        assertTrue(account.disableChannel("letter", at("2026-03-04T08:00:00Z")))
        assertEquals(listOf("email", "sms", "secure_email"), account.options().enabledChannels())
        account.setLetterApproval(7uL, true)
        assertTrue(account.options().letterApprovalRequired(7uL))
        assertEquals(listOf(7uL), account.options().letterApprovalSenders())
        account.setLowBalanceThreshold("sms", 100)
        assertEquals(mapOf("sms" to 100uL), account.options().lowBalanceThresholds())
        account.setLowBalanceThreshold("sms", null)
        assertTrue(account.options().lowBalanceThresholds().isEmpty())
        assertEquals("argument.out_of_range", otherError<EnvoiException.Argument>("argument.out_of_range") { account.setLowBalanceThreshold("sms", -1) }.code())
        assertEquals("credits.invalid_kind", otherError<EnvoiException.Credit>("credits.invalid_kind") { account.setLowBalanceThreshold("SMS!", 1) }.code())
        otherError<EnvoiException.Argument>("argument.unknown_value") { account.enableChannel("fax", at("2026-03-04T08:00:00Z")) }

        // The options as a value of their own.
        val options = AccountOptions()
            .enable("sms", at("2026-03-01T09:00:00Z"))
            .disable("letter", at("2026-03-01T09:00:00Z"))
            .withLetterApproval(9uL, true)
            .withLowBalanceThreshold("email", 500)
        assertTrue(options.isEnabled("sms"))
        assertFalse(options.isEnabled("letter"))
        assertEquals(options, AccountOptions.fromJson(options.toJson()))
        assertEquals(options.hashCode(), AccountOptions.fromJson(options.toJson()).hashCode())
        assertEquals("AccountOptions(${options.toJson()})", options.toString())
        assertNotEquals(AccountOptions(), options)
        val refused = otherError<EnvoiException.Argument>("argument.invalid_json") {
            AccountOptions.fromJson("""{"channels":["sms"],"sms_option":{"enabled":false,"changed_at":null}}""")
        }
        assertTrue(refused.message().contains("sms_option"), refused.message())
        val withOptions = account.withOptions(options)
        assertEquals(options, withOptions.options())
        assertTrue(withOptions.options().isEnabled("sms"))
    }

    @Test
    fun `letter approval is applied to a job of the account only`() {
        val options = AccountOptions().withLetterApproval(7uL, true)
        val job = Job(12uL, 345uL, 7uL, listOf(Document.Pages(1, null)), listOf(listOf("9000 GENT")), at("2026-03-10T08:00:00Z"), "prior")
        val approved = options.applyLetterApprovalForAccount(12uL, job)
        assertTrue(approved.approvalRequired())
        assertFalse(job.approvalRequired()) // the job given is left as it was
        assertFalse(AccountOptions().applyLetterApprovalForAccount(12uL, job).approvalRequired())

        val other = Job(13uL, 346uL, 7uL, listOf(Document.Pages(1, null)), listOf(listOf("9000 GENT")), at("2026-03-10T08:00:00Z"), "prior")
        val error = accountError("account.job_of_another_account") { options.applyLetterApprovalForAccount(12uL, other) }
        assertEquals(Triple(346uL, 13uL, "12"), Triple(error.job, error.jobAccount, error.account))
        assertEquals(
            "job 346: account 13 is not account 12, whose options were asked; a job's approval step follows its own account's options",
            error.message(),
        )
    }

    @Test
    fun `the JSON form round trips and a forged one is refused`() {
        val account = account()
        account.activate(at("2026-03-02T09:05:00Z"), "card payment")
        val json = account.toJson()
        val copy = Account.fromJson(json)
        assertEquals(account, copy)
        assertEquals("Account($json)", account.toString())
        assertNotEquals(account, account.withZone("Europe/Paris"))

        val forged = accountError("account.invalid_account") { Account.fromJson(json.replace("\"state\":\"active\"", "\"state\":\"suspended\"")) }
        assertEquals(Triple("state", "suspended", true), Triple(forged.field, forged.value, forged.rule!!.startsWith("differs from where the history ends")))
        val notJson = accountError("account.invalid_account") { Account.fromJson("{") }
        assertEquals("json", notJson.field)
        assertTrue(notJson.value!!.startsWith("line 1 column"), notJson.value)
    }

    @Test
    fun `every account code carries its fields`() {
        val invalidCountry = accountError("account.invalid_country") { Account("a1", "nl", "consumer", "Belgium", Party("Jan Peeters", "BE"), at("2026-03-02T09:00:00Z")) }
        assertEquals("Belgium", invalidCountry.value)
        assertNull(invalidCountry.account)

        val countryMismatch = accountError("account.country_mismatch") { Account("a1", "nl", "consumer", "NL", Party("Jan Peeters", "BE"), at("2026-03-02T09:00:00Z")) }
        assertEquals(Pair("BE", "NL"), Pair(countryMismatch.address, countryMismatch.account))

        val vatMismatch = accountError("account.vat_number_mismatch") {
            Account("a1", "fr", "business", "BE", Party("Dupont SPRL", "BE").withVatNumber("BE0403170701"), at("2026-03-02T09:00:00Z"))
        }
        assertEquals(Pair("BE0403170701", null), Pair(vatMismatch.address, vatMismatch.account))

        val account = account()
        val illegal = accountError("account.illegal_transition") { account.suspend(at("2026-03-03T09:00:00Z"), "fraud") }
        assertEquals(Triple("acc_42", "pending_payment", "suspended"), Triple(illegal.account, illegal.from, illegal.to))
        assertEquals("account acc_42: pending_payment → suspended is not allowed; pending_payment goes to active", illegal.message())

        val back = accountError("account.time_went_back") { account.activate(at("2026-03-01T09:00:00Z"), "paid") }
        assertEquals(listOf("acc_42", "at", at("2026-03-01T09:00:00Z"), at("2026-03-02T09:00:00Z")), listOf(back.account, back.field, back.at, back.last))

        val blank = accountError("account.missing_reason") { account.activate(at("2026-03-03T09:00:00Z"), "  ") }
        assertEquals(Pair("acc_42", "  "), Pair(blank.account, blank.value))
        assertTrue(account.history().isEmpty()) // a refused change records nothing

        val pending = accountError("account.pending_payment") { account.requireActive(at("2026-03-02T10:00:00Z")) }
        assertEquals(Pair("acc_42", at("2026-03-02T09:00:00Z")), Pair(pending.account, pending.since))

        account.activate(at("2026-03-03T09:00:00Z"), "card payment")
        val disabled = accountError("account.channel_disabled") { account.requireChannel("sms", at("2026-03-03T10:00:00Z")) }
        assertEquals(Pair("acc_42", "sms"), Pair(disabled.account, disabled.channel))
        account.requireChannel("email", at("2026-03-03T10:00:00Z"))

        account.suspend(at("2026-04-02T09:00:00Z"), "chargeback")
        val suspended = accountError("account.suspended") { account.requireChannel("email", at("2026-04-03T09:00:00Z")) }
        assertEquals(Triple("acc_42", at("2026-04-02T09:00:00Z"), "chargeback"), Triple(suspended.account, suspended.since, suspended.detail))
        assertNull(suspended.rule)
    }

    @Test
    fun `errors of other families keep their codes and fields`() {
        otherError<EnvoiException.Id>("id.empty") { Account("", "fr", "business", "BE", dupont(), at("2026-03-02T09:00:00Z")) }
        val language = otherError<EnvoiException.Language>("language.unsupported") { Account("a1", "es", "business", "BE", dupont(), at("2026-03-02T09:00:00Z")) }
        assertEquals("es", language.value)
        val kind = otherError<EnvoiException.Vat>("vat.invalid_argument") { Account("a1", "fr", "company", "BE", dupont(), at("2026-03-02T09:00:00Z")) }
        assertEquals("customer_kind", kind.field)
        otherError<EnvoiException.Time>("time.unknown_zone") { Account("a1", "fr", "business", "BE", dupont(), at("2026-03-02T09:00:00Z"), zone = "Europe/Bruxelles") }
        // The address refuses a Belgian VAT number that is not its enterprise number.
        val other = Account("a1", "fr", "business", "BE", dupont().withEnterpriseNumber("0765.432.146"), at("2026-03-02T09:00:00Z"))
        val address = otherError<EnvoiException.Invoice>("invoice.invalid_identifier") { other.withVatNumber("BE 0403.170.701") }
        assertEquals("vat_number", address.field)
        otherError<EnvoiException.Argument>("argument.unknown_value") { account().changeState("closed", at("2026-03-04T08:00:00Z"), "x") }
        otherError<EnvoiException.Argument>("argument.instant_out_of_range") { account().stateAt(Instant.MAX) }
    }

    @Test
    fun `ZonedDateTime overloads convert the instant`() {
        val brussels = ZoneId.of("Europe/Brussels")
        val created = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, brussels)
        val account = Account("a1", "de", "consumer", "DE", Party("Max Muster", "DE"), created, zone = "Europe/Berlin")
        assertEquals(ZoneId.of("Europe/Berlin"), account.zoneId)
        val change = account.activate(created.plusDays(1), "card payment")
        assertEquals(created.plusDays(1).toInstant(), change.at)
        assertEquals(ZonedDateTime.of(2026, 3, 3, 10, 0, 0, 0, ZoneId.of("Europe/Berlin")), account.atZone(change.at))
        assertTrue(account.maySend(created.plusDays(2)))
        assertEquals("pending_payment", account.stateAt(created))
        account.requireActive(created.plusDays(2))
        assertTrue(account.enableChannel("sms", created.plusDays(2)))
        account.requireChannel("sms", created.plusDays(2))
        assertTrue(account.disableChannel("sms", created.plusDays(3)))
        account.suspend(created.plusDays(4), "unpaid")
        account.changeState("active", created.plusDays(5), "paid")
        assertEquals(3, account.history().size)
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        val store = mutableMapOf<String, String>()

        val address = Party("Boulangerie Dupont SPRL", "BE").withAddress("Rue Haute 12", "Bruxelles", "1000")
        val account = Account("acc_42", "fr", "business", "BE", address, Instant.parse("2026-03-02T09:00:00Z"))
            .withVatNumber("BE 0403.170.701")
        account.invoicingAddress().vatNumber()
        try {
            account.requireActive(Instant.parse("2026-03-02T10:00:00Z"))
        } catch (e: AccountException.Account) {
            assertEquals("account.pending_payment", e.code())
        }
        account.activate(Instant.parse("2026-03-04T08:00:00Z"), "bank transfer received")
        account.enableChannel("sms", Instant.parse("2026-03-04T08:00:00Z"))
        account.requireChannel("sms", Instant.parse("2026-03-05T08:00:00Z"))
        store[account.id()] = account.toJson()

        val stored = Account.fromJson(store.getValue("acc_42"))
        stored.suspend(Instant.parse("2026-05-01T00:00:00Z"), "invoice 2026-F-000012 unpaid")
        val error = assertFailsWith<AccountException.Account> { stored.requireActive(Instant.parse("2026-05-02T00:00:00Z")) }
        assertEquals(Pair("account.suspended", "invoice 2026-F-000012 unpaid"), Pair(error.code(), error.detail))
        assertEquals("active", stored.stateAt(Instant.parse("2026-04-01T00:00:00Z")))
        assertEquals("BE0403170701", stored.invoicingAddress().vatNumber())
    }
}
