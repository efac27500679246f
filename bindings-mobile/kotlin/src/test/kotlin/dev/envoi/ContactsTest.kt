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
 * Contacts through the Kotlin binding: phone numbers, email addresses, the Contact record and its
 * JSON, opt-outs and replies, the account's SMS option, groups, and every `contacts.*` error with its
 * fields. The expectations are the core's (core/src/contacts, core/tests/contacts_*.rs).
 */
class ContactsTest {
    private val monday: Instant = Instant.parse("2026-03-02T09:00:00Z")
    private val tuesday: Instant = Instant.parse("2026-03-03T09:00:00Z")
    private val on = AccountSmsOption(enabled = true)

    private fun contactsError(code: String, block: () -> Unit): EnvoiException.Contacts {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Contacts>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("contacts", error.family())
        assertEquals(code, error.code)
        return error
    }

    private fun reachable(): Contact = Contact(
        email = "ann@example.be",
        mobile = "+32475123456",
        preferences = on.newContactPreferences(),
    )

    // ---- Phone numbers and email addresses ----------------------------------------------------

    @Test
    fun `phone numbers are read as people write them`() {
        for (text in listOf("0032475123456", "+32 475 12 34 56", "0475 12 34 56", "0475/12.34.56")) {
            assertEquals(PhoneNumber("+32475123456", "mobile", true, 32u), normalizePhone(text), text)
        }
        assertEquals(PhoneNumber("+3223456789", "fixed_line", false, 32u), normalizePhone("02 345 67 89"))
        assertEquals("+31612345678", normalizePhone("06 12345678", defaultRegion = "nl").e164)
        assertEquals("+4915123456789", normalizePhone("0151 23456789", "DE").e164)
    }

    @Test
    fun `a refused phone number names its problem and the problem's fields`() {
        val character = contactsError("contacts.invalid_phone") { normalizePhone("+32 475 12 34 5x") }
        assertEquals(
            "phone number \"+32 475 12 34 5x\": 'x' at character 16 is not allowed (digits, spaces, a leading + and ( ) - . / only)",
            character.message(),
        )
        assertEquals("+32 475 12 34 5x", character.value)
        assertEquals(Triple("unexpected_character", "x", 16uL), Triple(character.problem, character.character, character.position))
        assertEquals("'x' at character 16 is not allowed (digits, spaces, a leading + and ( ) - . / only)", character.detail)

        val region = contactsError("contacts.invalid_phone") { normalizePhone("0475 12 34 5") }
        assertEquals(Triple("invalid_for_region", "BE", 32.toUShort()), Triple(region.problem, region.region, region.countryCode))
        assertNull(region.character)

        assertEquals("empty", contactsError("contacts.invalid_phone") { normalizePhone("   ") }.problem)
        assertEquals("too_short", contactsError("contacts.invalid_phone") { normalizePhone("04") }.problem)
        assertEquals("too_long", contactsError("contacts.invalid_phone") { normalizePhone("+32 475 12 34 56 78 90 12 34 56 78") }.problem)
        assertEquals("invalid_country_code", contactsError("contacts.invalid_phone") { normalizePhone("+999 475 12 34 56") }.problem)
        val brazil = contactsError("contacts.invalid_phone") { normalizePhone("011 55 09 0 06(69839)", defaultRegion = "US") }
        assertEquals(Pair("not_reproducible", "+55900669839"), Pair(brazil.problem, brazil.e164))
        val long = contactsError("contacts.invalid_phone") { normalizePhone("1".repeat(70)) }
        assertEquals(Triple("text_too_long", 70uL, 64uL), Triple(long.problem, long.length, long.max))
        assertEquals(64, long.value?.length) // the text as given, cut to 64 characters
        // A stored mobile must be E.164: a national form in a Contact is refused when it is read.
        val national = contactsError("contacts.invalid_phone") { Contact(mobile = "0475123456").toJson() }
        assertEquals("not_e164", national.problem)

        val unknown = contactsError("contacts.unknown_region") { normalizePhone("0475 12 34 56", defaultRegion = "XX") }
        assertEquals("XX", unknown.value)
        assertContains(unknown.message(), "region \"XX\"")
    }

    @Test
    fun `email addresses are checked for syntax and keep the local part as written`() {
        assertEquals(
            EmailAddress("Ann.Peeters@example.be", "Ann.Peeters", "example.be"),
            parseEmailAddress("  Ann.Peeters@Example.BE "),
        )
        for (text in listOf("jean..dupont@exemple.fr", "Jean <jean@exemple.fr>", "jean@localhost", "")) {
            val error = contactsError("contacts.invalid_email") { parseEmailAddress(text) }
            assertEquals(text, error.value)
            assertTrue(error.detail!!.isNotEmpty(), text)
            assertTrue(error.message().startsWith("email address \"$text\": "), error.message())
        }
    }

    // ---- The Contact record -------------------------------------------------------------------

    @Test
    fun `an empty contact has the core's defaults`() {
        val contact = Contact()
        assertEquals(ChannelPreferences(email = true, sms = false), contact.preferences)
        assertEquals(NotificationSwitches(documents = true, messages = true, reminders = true, routes = true), contact.notifications)
        assertTrue(contact.optOuts.isEmpty() && contact.customFields.isEmpty() && contact.id == null)
        assertEquals(listOf("first_name", "last_name", "email", "mobile", "language"), contactStandardFields())
    }

    @Test
    fun `a contact round trips through the core's JSON`() {
        val contact = Contact(
            id = "c-17",
            firstName = "Ann",
            lastName = "Peeters",
            email = "Ann@Example.BE",
            mobile = "+32475123456",
            customFields = mapOf("city" to "Gent", "Code postal" to "9000"),
            language = "NL",
            timeZone = "Europe/Brussels",
            notifications = NotificationSwitches(reminders = false),
        ).optOut("email", monday, ConsentSource.UnsubscribeLink).contact
        val json = contact.toJson()
        assertContains(json, "\"email\":\"Ann@example.be\"")
        assertContains(json, "\"language\":\"nl\"")
        assertContains(json, "\"source\":{\"type\":\"unsubscribe_link\"}")
        val back = contactFromJson(json)
        // The core's forms: the domain in lower case, the language code in lower case.
        assertEquals(contact.copy(email = "Ann@example.be", language = "nl"), back)
        assertEquals(json, back.toJson())

        val error = assertFailsWith<EnvoiException.Argument> { contactFromJson("""{"mobile":"0475"}""") }
        assertEquals("argument.invalid_json", error.code())
        assertContains(error.message(), "not in E.164 form")
    }

    @Test
    fun `every value of a contact is read by the core`() {
        assertEquals("language.unsupported", assertFailsWith<EnvoiException.Language> { Contact(language = "es").toJson() }.code())
        assertEquals("time.unknown_zone", assertFailsWith<EnvoiException.Time> { Contact(timeZone = "Mars/Olympus").toJson() }.code())
        assertEquals("id.empty", assertFailsWith<EnvoiException.Id> { Contact(id = "").toJson() }.code())
        assertEquals("contacts.invalid_email", contactsError("contacts.invalid_email") { Contact(email = "nope").field("first_name") }.code)
        val channel = assertFailsWith<EnvoiException.Argument> {
            Contact(optOuts = listOf(OptOut("fax", monday, ConsentSource.AccountUser))).toJson()
        }
        assertEquals("argument.unknown_value", channel.code())
        assertContains(channel.message(), "opt_outs[0].channel: unknown value \"fax\"")
        assertEquals(
            "argument.invalid_json",
            assertFailsWith<EnvoiException.Argument> { Contact().optOut("sms", monday, ConsentSource.Other("{}")) }.code(),
        )
    }

    @Test
    fun `merge fields read standard fields first and blank values as none`() {
        val contact = Contact(
            firstName = "Léa",
            mobile = "+32475123456",
            language = "nl",
            customFields = mapOf("language" to "Vlaams", "note" to "", "shop" to "  ", "city" to "Gent"),
        )
        assertEquals("Léa", contact.field("first_name"))
        assertEquals("+32475123456", contact.field("mobile"))
        assertEquals("nl", contact.field("language"))
        assertEquals("Gent", contact.field("city"))
        assertNull(contact.field("note"))
        assertNull(contact.field("shop"))
        assertNull(contact.field("last_name"))
    }

    // ---- Opt-outs and replies -----------------------------------------------------------------

    @Test
    fun `opt-outs are kept in time order, idempotent, and lifted by an opt-in`() {
        val out = Contact().optOut("sms", monday, ConsentSource.Api("asked by phone"))
        assertTrue(out.changed)
        val again = out.contact.optOut("sms", tuesday, ConsentSource.AccountUser)
        assertFalse(again.changed)
        assertEquals(out.contact, again.contact)
        assertEquals(OptOut("sms", monday, ConsentSource.Api("asked by phone"), null), out.contact.activeOptOut("sms"))
        assertNull(out.contact.optOutInForce("sms", monday.minusSeconds(1)))

        val order = contactsError("contacts.consent_out_of_order") {
            out.contact.optIn("sms", monday.minusSeconds(60), ConsentSource.AccountUser)
        }
        assertEquals(Pair("sms", "opt-in"), Pair(order.channel, order.action))
        assertEquals(Pair(monday.minusSeconds(60), monday), Pair(order.at, order.last))

        val lifted = out.contact.optIn("sms", tuesday, ConsentSource.AccountUser)
        assertTrue(lifted.changed)
        assertEquals(OptIn(tuesday, ConsentSource.AccountUser), lifted.contact.optOuts.single().lifted)
        assertNull(lifted.contact.activeOptOut("sms"))
        assertEquals(monday, lifted.contact.optOutInForce("sms", monday)?.at) // in force on Monday
        assertFalse(lifted.contact.optIn("sms", tuesday, ConsentSource.AccountUser).changed)
    }

    @Test
    fun `replies are classified in four languages and applied to the SMS channel`() {
        assertEquals(ReplyKeyword("ARRET", listOf("fr"), "opt_out"), classifyReply("  Arrêt. "))
        assertEquals("opt_out", classifyReply("uitschrijven")?.action)
        assertEquals(ReplyKeyword("ANMELDEN", listOf("de"), "opt_in"), classifyReply("Anmelden!"))
        assertEquals(listOf("en", "fr", "nl", "de"), classifyReply("stop")?.languages)
        for (text in listOf("STOPPING", "non stop", "Stop, I'm driving", "")) assertNull(classifyReply(text), text)
        val keywords = replyKeywords()
        assertTrue(keywords.any { it.keyword == "UITSCHRIJVEN" })
        assertEquals("opt_out", keywords.first().action) // opt-outs first

        val stopped = reachable().applyReply(classifyReply("STOP")!!, monday)
        assertTrue(stopped.changed)
        assertEquals(ConsentSource.SmsReply("STOP"), stopped.contact.activeOptOut("sms")?.source)
        val started = stopped.contact.applyReply(classifyReply("start")!!, tuesday)
        assertTrue(started.changed)
        assertNull(started.contact.activeOptOut("sms"))
        assertEquals(OptIn(tuesday, ConsentSource.SmsReply("START")), started.contact.optOuts.single().lifted)

        val forged = assertFailsWith<EnvoiException.Argument> { Contact().applyReply(ReplyKeyword("PLEASE", listOf("en"), "opt_out"), monday) }
        assertEquals("argument.unknown_value", forged.code())
    }

    // ---- Who may be sent what -----------------------------------------------------------------

    @Test
    fun `the account's SMS option decides SMS for new contacts only`() {
        val off = AccountSmsOption()
        assertFalse(off.newContactPreferences().sms)
        val switched = off.switch(true, monday)
        assertEquals(AccountSmsOptionChange(AccountSmsOption(true, monday), true), switched)
        assertEquals(switched, switched.option.switch(true, tuesday).copy(changed = true)) // unchanged, changedAt kept
        assertTrue(switched.option.newContactPreferences().sms)

        val before = Contact(mobile = "+32475123456", preferences = off.newContactPreferences())
        assertEquals("contacts.preference_off", before.mayReceive("sms", switched.option, tuesday)?.code)
        val whileOff = reachable().mayReceive("sms", off, monday)!!
        assertEquals("contacts.sms_off_for_account", whileOff.code)
        assertEquals("sms: the account's SMS option is off, nobody gets SMS", whileOff.message)
        assertNull(reachable().mayReceive("sms", on, monday))
    }

    @Test
    fun `refusals carry the core's code, message and fields`() {
        val contact = reachable().optOut("email", monday, ConsentSource.UnsubscribeLink).contact
        val opted = contact.mayReceive("secure_email", on, tuesday)!!
        assertEquals("contacts.opted_out", opted.code)
        assertEquals(Triple("secure_email", "email", monday), Triple(opted.channel, opted.optedOutOf, opted.since))
        assertEquals(ConsentSource.UnsubscribeLink, opted.origin)
        // An active opt-out blocks whatever its date (a STOP recorded after the send was planned).
        assertEquals("contacts.opted_out", contact.mayReceive("email", on, monday.minusSeconds(3600))?.code)
        assertNull(contact.optOutInForce("email", monday.minusSeconds(3600))) // the history's view

        val noAddress = Contact(preferences = on.newContactPreferences()).mayReceive("sms", on, monday)!!
        assertEquals(Pair("contacts.no_address", "sms"), Pair(noAddress.code, noAddress.channel))
        assertEquals("sms: the contact has no mobile number", noAddress.message)

        val fixed = reachable().copy(mobile = "+3223456789").mayReceive("sms", on, monday)!!
        assertEquals(Triple("contacts.not_mobile", "+3223456789", "fixed_line"), Triple(fixed.code, fixed.number, fixed.kind))

        val vip = reachable().copy(notifications = NotificationSwitches(reminders = false))
        val reminder = vip.mayNotify("reminder", "email", on, monday)!!
        assertEquals(Pair("contacts.notification_off", "reminder"), Pair(reminder.code, reminder.kind))
        assertNull(vip.mayNotify("document", "email", on, monday))
        assertNull(vip.mayReceive("letter", AccountSmsOption(), monday))
        assertEquals("argument.unknown_value", assertFailsWith<EnvoiException.Argument> { vip.mayNotify("invoice", "email", on, monday) }.code())

        assertEquals(listOf("email", "sms"), reachable().preferredChannels(on, monday))
        assertEquals(listOf("email"), reachable().preferredChannels(AccountSmsOption(), monday))
    }

    // ---- Groups -------------------------------------------------------------------------------

    @Test
    fun `groups hold each contact once and round trip through JSON`() {
        val group = Group("g-1", "Clients Namur")
        val added = group.add("c-2").group.add("c-1")
        assertTrue(added.changed)
        assertEquals(listOf("c-1", "c-2"), added.group.members) // the core's order
        assertFalse(added.group.add("c-1").changed)
        assertTrue(added.group.contains("c-2"))
        val removed = added.group.remove("c-2")
        assertEquals(Pair(true, listOf("c-1")), Pair(removed.changed, removed.group.members))
        assertFalse(removed.group.remove("c-2").changed)
        assertEquals(added.group, groupFromJson(added.group.toJson()))
        assertEquals("id.empty", assertFailsWith<EnvoiException.Id> { group.add("") }.code())
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { groupFromJson("[]") }.code())
    }

    @Test
    fun `recipients must be in the address book`() {
        ensureContactsExist(listOf("c-1", "c-2"), listOf("c-1", "c-2", "c-3"))
        val error = contactsError("contacts.unknown_contact") {
            ensureContactsExist(listOf("c-1", "c-9", "c-8", "c-9"), listOf("c-1"))
        }
        assertEquals(listOf("c-9", "c-8"), error.ids)
        assertEquals("recipients: 2 not in the address book: c-9, c-8; a contact must exist before it is a recipient", error.message())
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        // The host's side, as the README leaves it to the reader.
        val excelExport = java.nio.file.Files.readAllBytes(
            java.nio.file.Paths.get(System.getProperty("user.dir"), "..", "..", "core", "tests", "data", "contacts", "excel_fr_windows1252.csv"),
        )
        val at = monday
        val stored = mutableListOf<Contact>()
        fun store(contact: Contact) { stored += contact }
        val printed = mutableListOf<String>()
        fun println(line: String) { printed += line }

        assertEquals(PhoneNumber(e164 = "+32475123456", kind = "mobile", isMobile = true, countryCode = 32u), normalizePhone("0475 12 34 56"))
        assertEquals("+31612345678", normalizePhone("06 12345678", "NL").e164)
        assertEquals(EmailAddress(address = "Ann@example.be", localPart = "Ann", domain = "example.be"), parseEmailAddress(" Ann@Example.BE "))

        val option = AccountSmsOption().switch(true, at).option
        var ann = Contact(firstName = "Ann", email = "ann@example.be", mobile = "+32475123456",
            preferences = option.newContactPreferences())
        assertNull(ann.mayReceive("sms", option, at))
        val stop = classifyReply("Arrêt !")!!
        assertEquals(ReplyKeyword("ARRET", listOf("fr"), "opt_out"), stop)
        val change = ann.applyReply(stop, at)
        assertTrue(change.changed)
        ann = change.contact
        assertEquals("contacts.opted_out", ann.mayReceive("sms", option, at)?.code)
        assertEquals(ann, contactFromJson(ann.toJson()))

        val report = importCsv(excelExport, duplicates = "keep_first")
        assertEquals(Pair("windows-1252", ";"), Pair(report.encoding, report.delimiter))
        assertEquals(6, report.contacts.size)
        assertEquals(listOf("10 Téléphone contacts.invalid_phone", "11 E-mail contacts.invalid_email"), report.errors.map { "${it.line} ${it.column} ${it.code}" })
        assertTrue(report.counts.rows == report.counts.imported + report.counts.duplicatesSkipped + report.counts.rejected + report.counts.blank)

        val importer = ContactImporter(excelExport)
        for (outcome in importer.outcomes(chunkSize = 1000)) when (outcome) {
            is RowOutcome.Imported -> store(outcome.contact)
            is RowOutcome.Rejected -> outcome.errors.forEach { println(it.message) }
            else -> {}
        }
        assertEquals(report.contacts, stored)
        assertEquals("line 9, column \"Téléphone\": same mobile as the contact of line 6", printed.first())
        assertEquals(3, printed.size)
    }
}
