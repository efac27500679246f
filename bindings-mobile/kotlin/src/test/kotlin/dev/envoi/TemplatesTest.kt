package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.LocalDate
import java.time.LocalTime
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Merge-field templates through the Kotlin binding: parsing, validation, rendering from a Contact
 * or a map, task fields and date formats, and every `templates.*` error with its line, column and
 * other fields. The expectations are the core's (core/src/templates, core/tests/templates.rs).
 */
class TemplatesTest {
    private fun templateError(code: String, block: () -> Unit): EnvoiException.Templates {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Templates>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("templates", error.family())
        return error
    }

    // ---- Reading ------------------------------------------------------------------------------

    @Test
    fun `a template keeps its source, its fields in order and a canonical form`() {
        val template = Template("Bonjour {{ first_name | client }}, votre RDV est le {{date}}.")
        assertEquals(listOf("first_name", "date"), template.fields())
        assertEquals("Bonjour {{ first_name | client }}, votre RDV est le {{date}}.", template.source())
        assertEquals("Bonjour {{first_name|client}}, votre RDV est le {{date}}.", template.toString())
        assertEquals(template, Template(template.toString()))
        assertNotEquals(template, Template("Bonjour {{first_name}}"))
        assertEquals(listOf("b", "a"), Template("{{b}} {{a}} {{B|x}}").fields()) // capitals read as lower case
        assertEquals(
            listOf(
                TemplateSegment.Text("Hi "),
                TemplateSegment.Field("name", "there"),
                TemplateSegment.Text("!"),
            ),
            Template("Hi {{ Name | there }}!").segments(),
        )
        // A literal {{ is written \{{.
        assertEquals(TemplateSegment.Text("Prix: {{ 5 € }} pour "), Template("Prix: \\{{ 5 € }} pour {{name}}").segments()[0])
        // Positions count characters, across lines.
        assertEquals(
            listOf(FieldUse("a", null, 1uL, 1uL), FieldUse("b", "x", 2uL, 3uL), FieldUse("date", null, 3uL, 3uL)),
            Template("{{a}}\n  {{b|x}}\n😀 {{date}}").occurrences(),
        )
    }

    @Test
    fun `syntax errors give the line, the column and the offending text`() {
        val unclosed = templateError("templates.unclosed_field") { Template("Bonjour,\nvotre RDV: {{date\nà bientôt") }
        assertEquals(Triple(2uL, 12uL, "{{date"), Triple(unclosed.line, unclosed.column, unclosed.excerpt))
        assertEquals("end_of_line", unclosed.until)
        assertNull(unclosed.untilLine)
        val next = templateError("templates.unclosed_field") { Template("Hi {{name, see {{date}}") }
        assertEquals(Triple("next_field", 1uL, 16uL), Triple(next.until, next.untilLine, next.untilColumn))
        assertEquals("end_of_text", templateError("templates.unclosed_field") { Template("Hi {{name") }.until)

        val empty = templateError("templates.empty_name") { Template("{{ | x }}") }
        assertEquals(Triple(1uL, 1uL, "{{ | x }}"), Triple(empty.line, empty.column, empty.excerpt))

        val accent = templateError("templates.invalid_name") { Template("Bonjour {{prénom}}") }
        assertEquals(
            "line 1, column 13: 'é' cannot be in a field name ({{prénom}}); a field name is letters a–z, digits and _, " +
                "not starting with a digit, optionally followed by | and a fallback; did you mean {{prenom}}?",
            accent.message(),
        )
        assertEquals(Triple("é", "prenom", "{{prénom}}"), Triple(accent.character, accent.hint, accent.excerpt))
        val space = templateError("templates.invalid_name") { Template("Très cher 😀\nvotre {{ rdv le }}") }
        assertEquals(Triple(2uL, 13uL, " "), Triple(space.line, space.column, space.character))
        assertTrue(space.message().startsWith("line 2, column 13: ' ' cannot be in a field name"))
    }

    @Test
    fun `validation lists the known fields and suggests the closest`() {
        val known = listOf("first_name", "last_name", "email", "date")
        Template("Bonjour {{ first_name | client }}, votre RDV est le {{date}}.").validate(known)
        val typo = templateError("templates.unknown_field") { Template("Bonjour {{frist_name}}").validate(known) }
        assertEquals(
            "line 1, column 9: {{frist_name}} is not a known field (did you mean {{first_name}}?); " +
                "the known fields are date, email, first_name, last_name",
            typo.message(),
        )
        assertEquals(Triple("frist_name", 1uL, 9uL), Triple(typo.name, typo.line, typo.column))
        assertEquals(listOf("date", "email", "first_name", "last_name"), typo.known)
        assertEquals("first_name", typo.suggestion)
        assertEquals(listOf(UnknownField("frist_name", 1uL, 9uL, "first_name")), typo.fields)
        assertNull(templateError("templates.unknown_field") { Template("{{zzz}}").validate(known) }.suggestion)
        // One error reports every use of an unknown field, in reading order.
        val several = templateError("templates.unknown_field") {
            Template("Dear {{ lastname }},\nyour {{ citty }} shop, {{zzz}}").validate(listOf("first_name", "last_name", "city"))
        }
        assertEquals(
            listOf(UnknownField("lastname", 1uL, 6uL, "last_name"), UnknownField("citty", 2uL, 6uL, "city"), UnknownField("zzz", 2uL, 24uL, null)),
            several.fields,
        )
        assertEquals(Triple("lastname", 1uL, "last_name"), Triple(several.name, several.line, several.suggestion)) // the first use
        assertEquals(
            "line 1, column 6: {{lastname}} is not a known field (did you mean {{last_name}}?); " +
                "line 2, column 6: {{citty}} is not a known field (did you mean {{city}}?); " +
                "line 2, column 24: {{zzz}} is not a known field; the known fields are city, first_name, last_name",
            several.message(),
        )
        // A custom field is known under the name a template writes it as.
        Template("{{code_postal}} {{prenom}}").validate(contactStandardFields() + listOf("Code postal", "Prénom"))
        assertEquals("code_postal", fieldNameFor("Code postal"))
        assertNull(fieldNameFor("3e"))
    }

    // ---- Rendering ----------------------------------------------------------------------------

    @Test
    fun `a recipient's values come from the contact, then the extra fields, then the fallback`() {
        val template = Template("Bonjour {{first_name}}, RDV {{date}} à {{magasin}} ({{last_name|client}}).")
        val contact = Contact(firstName = "Léa", customFields = mapOf("Magasin" to "Mons"))
        assertEquals(
            "Bonjour Léa, RDV mardi 3 mars à Mons (client).",
            template.render(contact, mapOf("date" to "mardi 3 mars", "first_name" to "x")),
        )
        // A blank contact value gives way to the extra fields.
        assertEquals(
            "Bonjour Zoé, RDV demain à Gent (client).",
            template.render(Contact(firstName = "  "), mapOf("first_name" to "Zoé", "date" to "demain", "magasin" to "Gent")),
        )
        // Maps alone (Templates.kt), and values are never read as template text.
        assertEquals("Hi {{x}}!", Template("Hi {{name}}!").render(mapOf("name" to "{{x}}")))
        assertEquals("Hi Bob!", Template("Hi {{name}}!").render(mapOf("name" to " "), mapOf("name" to "Bob")))
        assertEquals("Hi there!", Template("Hi {{name|there}}!").render())

        val missing = templateError("templates.missing_value") { template.render(contact) }
        assertEquals(Triple("date", 1uL, 29uL), Triple(missing.name, missing.line, missing.column))
        assertEquals(
            "line 1, column 29: {{date}} has no value for this recipient and no fallback; write {{date|fallback text}} to send anyway",
            missing.message(),
        )
        assertEquals("contacts.invalid_phone", assertFailsWith<EnvoiException.Contacts> { template.render(Contact(mobile = "0475")) }.code())
    }

    @Test
    fun `for SMS the cost is per recipient`() {
        val template = Template(
            "Bonjour {{first_name}}, votre rendez-vous chez Garage Dupont est confirme pour demain " +
                "a 9h30. Merci d'arriver 10 minutes en avance. Pour annuler: 0475123456",
        )
        fun parts(firstName: String) = analyzeSms(template.render(Contact(firstName = firstName))).partCount
        assertEquals(1u, parts("Ann"))
        assertEquals(2u, parts("Marie-Christine Van den Bossche"))
    }

    // ---- Task fields and dates ----------------------------------------------------------------

    @Test
    fun `task fields are written in each recipient's language and zone`() {
        val task = TaskFields()
        task.insert("date", TaskValue.Date(LocalDate.of(2026, 3, 3), weekday = true))
        task.insert("shop", TaskValue.Text("Namur"))
        task.insert("opens", TaskValue.time(LocalTime.of(9, 5)))
        task.insert("webinar", TaskValue.DateTime(Instant.parse("2026-03-03T13:30:00Z"), zone = null, weekday = false))
        task.insert("visit", TaskValue.DateTime(Instant.parse("2026-03-03T13:30:00Z"), zone = "Europe/Brussels", weekday = false))
        assertEquals(listOf("date", "opens", "shop", "visit", "webinar"), task.names())

        val template = Template("{{first_name|Bonjour}}, RDV {{date}} à {{shop}}")
        template.validate(listOf("first_name", "last_name") + task.names())
        val french = task.forRecipient("fr")
        assertEquals("Marie, RDV mardi 3 mars 2026 à Namur", template.render(Contact(firstName = "Marie"), french))
        assertEquals(
            mapOf(
                "date" to "mardi 3 mars 2026", "shop" to "Namur", "opens" to "09:05",
                "webinar" to "3 mars 2026 à 14:30", "visit" to "3 mars 2026 à 14:30",
            ),
            french,
        )
        val london = task.forRecipient("EN", zone = "Europe/London")
        assertEquals("3 March 2026 at 13:30", london["webinar"]) // the recipient's zone
        assertEquals("3 March 2026 at 14:30", london["visit"]) // the place's zone
        assertEquals("Tuesday 3 March 2026", london["date"])

        assertEquals(task, TaskFields.fromJson(task.toJson()))
        assertTrue(task.toJson().contains("\"date\":{\"type\":\"date\",\"date\":\"2026-03-03\",\"weekday\":true}"))
        val name = templateError("templates.invalid_task_field") { task.insert("Shop name", TaskValue.Text("x")) }
        assertEquals("Shop name", name.name)
        assertNull(name.line)
        assertEquals("argument.invalid_time", assertFailsWith<EnvoiException.Argument> { task.insert("at", TaskValue.Time("25:00")) }.code())
        assertEquals("time.unknown_zone", assertFailsWith<EnvoiException.Time> { task.forRecipient("fr", "Mars/Olympus") }.code())
        assertEquals("language.unsupported", assertFailsWith<EnvoiException.Language> { task.forRecipient("es") }.code())
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { TaskFields.fromJson("[]") }.code())
    }

    @Test
    fun `dates and times as a letter writes them`() {
        val day = LocalDate.of(2026, 3, 3)
        assertEquals(
            listOf("3 mars 2026", "3 maart 2026", "3. März 2026", "3 March 2026"),
            listOf("fr", "nl", "de", "en").map { formatDate(day, it) },
        )
        assertEquals("1er mai 2026", formatDate(LocalDate.of(2026, 5, 1), "fr"))
        assertEquals("Dienstag, 3. März 2026", formatDateWithWeekday(day, "de"))
        assertEquals("dinsdag 3 maart 2026", formatDateWithWeekday(day, "nl"))
        assertEquals("14:30", formatTime("14:30:59"))
        assertEquals("09:05", formatTime(LocalTime.of(9, 5)))
        val at = Instant.parse("2026-03-03T13:30:00Z")
        assertEquals("3 maart 2026 om 14:30", formatDateTime(at, "nl"))
        assertEquals("Tuesday 3 March 2026 at 13:30", formatDateTime(at, "en", zone = "Europe/London", weekday = true))
        assertEquals("language.unsupported", assertFailsWith<EnvoiException.Language> { formatDate(day, "es") }.code())
        assertEquals("argument.invalid_time", assertFailsWith<EnvoiException.Argument> { formatTime("half past two") }.code())
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        val contact = Contact(firstName = "Léa", language = "fr", customFields = mapOf("Magasin" to "Mons"))

        val template = Template("Bonjour {{ first_name | client }}, RDV {{date}} à {{magasin}}.")
        assertEquals(listOf("first_name", "date", "magasin"), template.fields())
        assertEquals("Bonjour {{first_name|client}}, RDV {{date}} à {{magasin}}.", template.toString())

        val task = TaskFields()
        task.insert("date", TaskValue.Date(LocalDate.of(2026, 3, 3), weekday = true))
        template.validate(contactStandardFields() + contact.customFields.keys + task.names())
        val error = templateError("templates.unknown_field") { Template("Bonjour {{frist_name}}").validate(contactStandardFields()) }
        assertEquals(Triple(1uL, 9uL, "first_name"), Triple(error.line, error.column, error.suggestion))

        assertEquals("Bonjour Léa, RDV mardi 3 mars 2026 à Mons.", template.render(contact, task.forRecipient(contact.language ?: "fr")))
        assertEquals("Bonjour client, RDV demain à Gent.", template.render(mapOf("date" to "demain", "magasin" to "Gent")))
        assertEquals("3 maart 2026", formatDate(LocalDate.of(2026, 3, 3), "nl"))
    }
}
