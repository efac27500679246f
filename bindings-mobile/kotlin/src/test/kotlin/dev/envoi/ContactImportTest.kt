package dev.envoi

import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The CSV import of contacts through the Kotlin binding, over the core's messy, real-looking exports
 * (core/tests/data/contacts/): whole files, chunks, paths, duplicates, and every
 * `contacts.import.*` error with its fields. The expectations are the core's
 * (core/tests/contacts_import.rs).
 */
class ContactImportTest {
    private val data: Path = Paths.get(System.getProperty("user.dir"), "..", "..", "core", "tests", "data", "contacts").normalize()

    private fun fixture(name: String): ByteArray = Files.readAllBytes(data.resolve(name))

    private fun importError(code: String, block: () -> Unit): EnvoiException.ContactImport {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.ContactImport>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("contacts", error.family())
        return error
    }

    private fun ImportReport.errorCodes() = errors.map { Triple(it.line, it.column, it.code) }
    private fun ImportReport.names() = contacts.map { Pair(it.firstName, it.lastName) }

    // ---- Whole files --------------------------------------------------------------------------

    @Test
    fun `Excel FR, Windows-1252 with semicolons, keep first`() {
        val report = importCsv(fixture("excel_fr_windows1252.csv"), duplicates = "keep_first")
        assertEquals(Triple("windows-1252", false, ";"), Triple(report.encoding, report.bom, report.delimiter))
        assertEquals(
            listOf(
                ColumnTarget.Field("last_name"), ColumnTarget.Field("first_name"), ColumnTarget.Field("mobile"),
                ColumnTarget.Field("email"), ColumnTarget.Custom("Société"), ColumnTarget.Custom("Remarque"),
                ColumnTarget.Custom("column 7"), ColumnTarget.Custom("column 8"),
            ),
            report.columns.map { it.target },
        )
        assertEquals(Column("Téléphone", ColumnTarget.Field("mobile"), guessed = true), report.columns[2])
        assertEquals(
            listOf("Hélène" to "Dupont", "François" to "Lefèvre", "Zoé" to "Martin", "Émile" to "Dubois", "Gaëlle" to "Lambert", "Benoît" to "Roux"),
            report.names(),
        )
        val (helene, francois) = report.contacts
        assertEquals("+32475123456", helene.mobile)
        assertEquals("+32476987654", francois.mobile)
        // A quoted value keeps its CR LF and its semicolon; doubled quotes are one quote.
        assertEquals("Livraison le mardi\r\nsonner deux fois; merci", francois.customFields["Remarque"])
        assertEquals("Garçon & Fils", francois.customFields["Société"])
        assertEquals("Société \"Le Coin\"", report.contacts[4].customFields["Société"])
        // A fixed line is kept in E.164 under the column's header; empty values are not stored.
        assertNull(report.contacts[3].mobile)
        assertEquals("+3223456789", report.contacts[3].customFields["Téléphone"])
        assertEquals(2, helene.customFields.size)

        assertEquals(listOf(Triple(10uL, "Téléphone", "contacts.invalid_phone"), Triple(11uL, "E-mail", "contacts.invalid_email")), report.errorCodes())
        val phone = report.errors[0]
        assertEquals("12345", phone.value)
        assertEquals("phone number \"12345\": not a valid number of BE (+32): wrong length or a prefix not in use", phone.reason)
        assertEquals("line 10, column \"Téléphone\": ${phone.reason}", phone.message)
        assertEquals("cecile.moreau.example.be", report.errors[1].value)
        // Line 9: line 6's mobile written 0477/11.22.33; its email differs by the case of the local
        // part, so it is not the same email (only the domain's case is ignored).
        assertEquals(listOf(DuplicateRow(9uL, 6uL, "mobile", "Téléphone", "0477/11.22.33", "keep_first")), report.duplicates)
        assertEquals(ImportCounts(rows = 11uL, imported = 6uL, replaced = 0uL, merged = 0uL, duplicatesSkipped = 1uL, duplicatesReported = 0uL, rejected = 2uL, blank = 2uL), report.counts)
    }

    @Test
    fun `Outlook, UTF-8 with BOM, languages, zones and reported duplicates`() {
        val report = importCsv(fixture("outlook_en_utf8_bom.csv"))
        assertEquals(Triple("UTF-8", true, ","), Triple(report.encoding, report.bom, report.delimiter))
        assertEquals(ColumnTarget.Field("first_name"), report.columns[0].target) // the BOM is not part of the name
        // Els (line 9) writes Anna's address with the local part in capitals: another address.
        assertEquals(listOf("Anna", "Tom", "Sophie", "Els", "Ruben"), report.contacts.map { it.firstName })
        val anna = report.contacts[0]
        assertEquals(Pair("nl", "Europe/Brussels"), Pair(anna.language, anna.timeZone))
        assertEquals("Met \"VIP\" status", anna.customFields["Notes"])
        assertEquals("Line one\nLine two, with a comma", report.contacts[1].customFields["Notes"])
        assertEquals(Pair("fr", "+33612345678"), Pair(report.contacts[2].language, report.contacts[2].mobile))

        assertEquals(
            listOf(
                Triple(6uL, "Mobile Phone", "contacts.import.duplicate"),
                Triple(7uL, "Language", "contacts.import.unknown_language"),
                Triple(8uL, "Time Zone", "contacts.import.unknown_time_zone"),
                Triple(10uL, null, "contacts.import.ambiguous_duplicate"),
                Triple(12uL, "E-mail Address", "contacts.import.duplicate"),
            ),
            report.errorCodes(),
        )
        val duplicate = report.errors[0]
        assertEquals(Triple("mobile", 2uL, "0470 12 34 01"), Triple(duplicate.key, duplicate.firstLine, duplicate.value))
        // Line 12: Anna's address with the domain in capitals: the same address.
        assertEquals(Triple("email", 2uL, "anna.janssens@EXAMPLE.COM"), Triple(report.errors[4].key, report.errors[4].firstLine, report.errors[4].value))
        val ambiguous = report.errors[3]
        assertEquals(Pair(3uL, 2uL), Pair(ambiguous.emailLine, ambiguous.mobileLine))
        assertEquals("line 10: the email is that of the contact of line 3 and the mobile that of line 2", ambiguous.message)
        assertNull(ambiguous.key)
        assertEquals(ImportCounts(10uL, 5uL, 0uL, 0uL, 0uL, 2uL, 3uL, 0uL), report.counts)
    }

    @Test
    fun `merge non-empty and keep last update the earlier contact`() {
        val bytes = fixture("outlook_en_utf8_bom.csv")
        val merged = importCsv(bytes, duplicates = "merge_non_empty")
        // Line 6 (Jan, Anna's mobile with another email) is rejected; line 12 (Nina, Anna's email
        // with the domain in capitals) is merged.
        val anna = merged.contacts[0]
        assertEquals(Pair("Nina", "Jacobs"), Pair(anna.firstName, anna.lastName))
        assertEquals("anna.janssens@example.com", anna.email)
        assertEquals(Pair("nl", "Europe/Brussels"), Pair(anna.language, anna.timeZone))
        assertEquals(Pair("Acme", "same email as Anna, the domain in capitals"), Pair(anna.customFields["Company"], anna.customFields["Notes"]))
        assertEquals(
            listOf(DuplicateRow(12uL, 2uL, "email", "E-mail Address", "anna.janssens@EXAMPLE.COM", "merge_non_empty")),
            merged.duplicates,
        )
        assertEquals(Triple(1uL, 5uL, 4uL), Triple(merged.counts.merged, merged.counts.imported, merged.counts.rejected))

        val last = importCsv(bytes, duplicates = "keep_last")
        assertEquals("Nina", last.contacts[0].firstName)
        assertNull(last.contacts[0].language) // replaced whole
        assertEquals(
            listOf(
                DuplicateRow(6uL, 2uL, "mobile", "Mobile Phone", "0470 12 34 01", "keep_last"),
                // Jan's row replaced Anna's, but her email stays bound to the contact.
                DuplicateRow(12uL, 6uL, "email", "E-mail Address", "anna.janssens@EXAMPLE.COM", "keep_last"),
            ),
            last.duplicates,
        )
        assertEquals(Pair(2uL, 3uL), Pair(last.counts.replaced, last.counts.rejected))

        val error = assertFailsWith<EnvoiException.Argument> { importCsv(bytes, duplicates = "keep_both") }
        assertEquals("argument.unknown_value", error.code())
        assertContains(error.message(), "duplicates: unknown value \"keep_both\"")
    }

    @Test
    fun `Dutch tab export with blank lines and wrong field counts`() {
        val report = importCsv(fixture("export_nl_tab.tsv"))
        assertEquals(Pair("\t", "UTF-8"), Pair(report.delimiter, report.encoding))
        assertEquals(listOf("Pieter", "Griet", "Joris", "Sven", "Ine"), report.contacts.map { it.firstName })
        assertEquals(Pair("+31612345678", "nl"), Pair(report.contacts[1].mobile, report.contacts[1].language))
        // Line 5 has 3 fields of 6 (trailing empty cells dropped): the missing ones are empty.
        val joris = report.contacts[2]
        assertEquals("+32486654321", joris.mobile)
        assertTrue(joris.email == null && joris.language == null && joris.customFields.isEmpty())
        assertEquals("nl", report.contacts[4].language) // "nederlands"
        assertEquals("K-005", report.contacts[3].customFields["Klantnummer"])
        // Too many fields, one of the extra not empty, is still an error.
        assertEquals(listOf(Triple(6uL, null, "contacts.import.field_count")), report.errorCodes())
        val many = report.errors[0]
        assertEquals(Triple(6uL, 7uL, "Lotte\tPeeters\t0487 11 11 11\tlotte@example.nl\tnl\tK-004\textra"), Triple(many.expected, many.found, many.value))
        assertEquals("7 fields where the header has 6, the extra ones not empty", many.reason)
        assertEquals(ImportCounts(rows = 9uL, imported = 5uL, replaced = 0uL, merged = 0uL, duplicatesSkipped = 0uL, duplicatesReported = 0uL, rejected = 1uL, blank = 3uL), report.counts)
    }

    @Test
    fun `German headers and the default region`() {
        val bytes = fixture("kunden_de.csv")
        val german = importCsv(bytes, defaultRegion = "DE")
        assertEquals(
            listOf("Anrede", "first_name", "last_name", "mobile", "email", "language", "time_zone", "Straße"),
            german.columns.map { (it.target as? ColumnTarget.Field)?.field ?: (it.target as ColumnTarget.Custom).name },
        )
        assertEquals(listOf("+4915123456789", "+491609876543", "+491711234567"), german.contacts.map { it.mobile })
        assertTrue(german.contacts.all { it.language == "de" })
        assertEquals("Weißdornweg 12\r\n2. Etage", german.contacts[1].customFields["Straße"])
        assertEquals("Groß", german.contacts[2].lastName)

        val belgian = importCsv(bytes) // "BE": the German national number is not a Belgian number
        assertEquals(listOf(Triple(2uL, "Handy", "contacts.invalid_phone")), belgian.errorCodes())
        assertEquals(2uL, belgian.counts.imported)
        assertEquals("contacts.unknown_region", assertFailsWith<EnvoiException.Contacts> { importCsv(bytes, defaultRegion = "Germany") }.code())
    }

    @Test
    fun `a mobile-specific column outranks a generic phone column`() {
        val bytes = fixture("two_phone_columns.csv")
        // GSM is the mobile; Téléphone, a generic name, is a custom field kept as written.
        val guessed = importCsv(bytes)
        assertEquals(
            listOf(Column("Téléphone", ColumnTarget.Custom("Téléphone"), true), Column("GSM", ColumnTarget.Field("mobile"), true)),
            guessed.columns.subList(2, 4),
        )
        assertEquals("+32475123456", guessed.contacts[0].mobile)
        assertEquals("02 345 67 89", guessed.contacts[0].customFields["Téléphone"])
        assertTrue(guessed.errors.isEmpty())
        // A mapped column and a guessed one that fill one field still stop the import.
        val error = importError("contacts.import.duplicate_column") {
            importCsv(bytes, mapping = mapOf("Téléphone" to ColumnTarget.Field("mobile")))
        }
        assertEquals(Triple("mobile", "Téléphone", 3uL), Triple(error.target, error.first, error.firstPosition))
        assertEquals(Pair("GSM", 4uL), Pair(error.second, error.secondPosition))
        assertContains(error.message(), "both fill mobile")

        // A mapping still overrides the guess.
        val report = importCsv(bytes, mapping = mapOf("Téléphone" to ColumnTarget.Custom("Téléphone fixe")))
        assertEquals("+32475123456", report.contacts[0].mobile)
        assertEquals("02 345 67 89", report.contacts[0].customFields["Téléphone fixe"]) // as written
        assertEquals(Pair(false, true), Pair(report.columns[2].guessed, report.columns[3].guessed))
    }

    @Test
    fun `Excel Unicode text is UTF-16LE, and malformed UTF-16 stops the import`() {
        val report = importCsv(fixture("excel_unicode_utf16le.txt"))
        assertEquals(Triple("UTF-16LE", true, "\t"), Triple(report.encoding, report.bom, report.delimiter))
        assertEquals("Amélie", report.contacts[0].firstName)
        assertEquals(listOf("+32472102030", "+33781234567"), report.contacts.map { it.mobile })

        val bytes = byteArrayOf(0xff.toByte(), 0xfe.toByte(), 'E'.code.toByte(), 0, 'm'.code.toByte(), 0, 'a'.code.toByte(), 0, 'i'.code.toByte(), 0, 'l'.code.toByte(), 0, '\n'.code.toByte(), 0, 'a'.code.toByte())
        val error = importError("contacts.import.malformed_text") { importCsv(bytes) }
        assertEquals("import: not UTF-16LE text at byte 14", error.message())
        assertEquals("not UTF-16LE text at byte 14", error.detail)
    }

    @Test
    fun `a field that is not UTF-8 in a UTF-8 file is a row error`() {
        val bytes = ("Email;Nom\na@example.be;H\u00e9l\u00e8ne\n" + (0 until 200).joinToString("") { "p$it@example.be;Peeters\n" }).toByteArray() +
            "c@example.be;Ren".toByteArray() + byteArrayOf(0xe9.toByte(), '\n'.code.toByte())
        val report = importCsv(bytes)
        assertEquals("UTF-8", report.encoding)
        assertEquals(listOf(Triple(203uL, "Nom", "contacts.import.invalid_text")), report.errorCodes())
        assertEquals("Ren\uFFFD", report.errors[0].value)
    }

    @Test
    fun `a row with no address is rejected, several problems of a row are all reported`() {
        val none = importCsv("Nom;Téléphone\nDupont;02 345 67 89\n".toByteArray())
        assertEquals(listOf(Triple(2uL, null, "contacts.import.no_address")), none.errorCodes())
        assertEquals("Dupont;02 345 67 89", none.errors[0].value) // the row, joined by its delimiter
        val both = importCsv("Email;GSM\nnope;12\n".toByteArray())
        assertEquals(listOf(Triple(2uL, "Email", "contacts.invalid_email"), Triple(2uL, "GSM", "contacts.invalid_phone")), both.errorCodes())
        assertEquals(1uL, both.counts.rejected) // one row
        // Blank lines before the header are not data rows; lines still count from the file's start.
        val late = importCsv("\n\nEmail\na@example.be\n".toByteArray())
        assertEquals(1uL, late.counts.rows)
        assertEquals(RowOutcome.Blank(2uL), ContactImporter("Email\n\na@example.be\n".toByteArray()).nextChunk(1).single())
    }

    @Test
    fun `Google Contacts export`() {
        val report = importCsv(fixture("google_contacts.csv"))
        assertEquals(
            listOf("Given Name" to "first_name", "Family Name" to "last_name", "E-mail 1 - Value" to "email", "Phone 1 - Value" to "mobile"),
            report.columns.mapNotNull { column -> (column.target as? ColumnTarget.Field)?.let { column.header to it.field } },
        )
        // `Name` (the full name) loses the last name to `Family Name`; the second addresses are custom.
        val (sarah, koen) = report.contacts
        assertEquals(Triple("Sarah", "Vermeersch", "Sarah Vermeersch"), Triple(sarah.firstName, sarah.lastName, sarah.customFields["Name"]))
        assertEquals("+32478123456", sarah.mobile)
        assertEquals("+32 9 123 45 67", sarah.customFields["Phone 2 - Value"])
        assertEquals("koen.dw@example.com", koen.customFields["E-mail 2 - Value"])
        // Koen's first phone is a fixed line: kept in E.164 under its header, no mobile.
        assertNull(koen.mobile)
        assertEquals("+3292345678", koen.customFields["Phone 1 - Value"])
        assertEquals("Vraagt een offerte, per mail", koen.customFields["Notes"])
        assertEquals("+32479654321", report.contacts[2].mobile)
        assertTrue(report.errors.isEmpty())
        assertEquals(3uL, report.counts.imported)
    }

    @Test
    fun `Outlook desktop export, Windows-1252 with 61 columns`() {
        val report = importCsv(data.resolve("outlook_export_windows1252.csv"))
        assertEquals(Pair("windows-1252", 61), Pair(report.encoding, report.columns.size))
        assertEquals(
            listOf("First Name" to "first_name", "Last Name" to "last_name", "E-mail Address" to "email", "Mobile Phone" to "mobile"),
            report.columns.mapNotNull { column -> (column.target as? ColumnTarget.Field)?.let { column.header to it.field } },
        )
        val (marc, second, noel) = report.contacts
        assertEquals(Triple("Marc", "Lemaire", "+32475556677"), Triple(marc.firstName, marc.lastName, marc.mobile))
        // Business Phone and Home Phone are custom fields, as written.
        assertEquals(Pair("+32 2 555 12 34", "Liège"), Pair(marc.customFields["Business Phone"], marc.customFields["Business City"]))
        assertNull(second.mobile)
        assertEquals("010 45 67 89", second.customFields["Home Phone"])
        assertEquals(Pair("Noël", "+32476334455"), Pair(noel.lastName, noel.mobile))
        assertTrue(report.errors.isEmpty())
        assertEquals(3uL, report.counts.imported)
    }

    @Test
    fun `an unterminated quote rejects its row and the next lines are read again`() {
        val bytes = fixture("unterminated_quote.csv")
        // Line 2 spans lines 2-3 (a closed quote); the row of line 4 opens a quote on line 5 that the
        // file never closes: it ends with line 5, and lines 6 and 7 are rows again.
        val outcomes = ContactImporter(bytes).outcomes().toList()
        assertEquals(listOf(2uL to true, 4uL to false, 6uL to true, 7uL to true), outcomes.map {
            when (it) {
                is RowOutcome.Imported -> it.line to true
                is RowOutcome.Rejected -> it.line to false
                else -> error("unexpected $it")
            }
        })
        val report = importCsv(bytes)
        assertEquals(listOf(Triple(4uL, "Remarque", "contacts.import.unterminated_quote")), report.errorCodes())
        val quote = report.errors[0]
        assertEquals(Triple(5uL, "à rappeler", null), Triple(quote.quoteLine, quote.value, quote.limit))
        assertEquals(
            "line 4, column \"Remarque\": a quote opened on line 5 is not closed within 262144 bytes or before the end of the file; " +
                "the row ends with that line and the next lines are read as rows",
            quote.message,
        )
        assertEquals("Émile", report.contacts[1].firstName)
        assertEquals("Cliente fidèle", report.contacts[2].customFields["Remarque"])
        assertEquals(Triple(4uL, 3uL, 1uL), Triple(report.counts.rows, report.counts.imported, report.counts.rejected))
    }

    @Test
    fun `a line longer than the limit is rejected and reading resumes at the next line`() {
        val limit = 262144
        val report = importCsv("Email;Nom\na@example.be;${"x".repeat(limit)}\nb@example.be;Maes\n".toByteArray())
        assertEquals(listOf(Triple(2uL, null, "contacts.import.row_too_long")), report.errorCodes())
        val long = report.errors[0]
        assertEquals(Pair(limit.toULong(), null), Pair(long.limit, long.quoteLine))
        assertTrue(long.value.startsWith("a@example.be;xxx"))
        assertEquals(listOf("Maes"), report.contacts.map { it.lastName })
        // Just under the limit is a row.
        val fits = "Email;Nom\na@example.be;${"x".repeat(limit - "a@example.be;\n".length)}\n"
        assertEquals(1uL, importCsv(fits.toByteArray()).counts.imported)
    }

    @Test
    fun `merge non-empty rejects a row that would drop an address`() {
        // Line 6: Anna's mobile, but another email than Anna's: rejected whole, naming the email.
        val merged = importCsv(fixture("outlook_en_utf8_bom.csv"), duplicates = "merge_non_empty")
        val conflict = merged.errors[0]
        assertEquals(Triple(6uL, "E-mail Address", "contacts.import.conflicting_email"), Triple(conflict.line, conflict.column, conflict.code))
        assertEquals(Triple("jan.desmet@example.com", "email", 2uL), Triple(conflict.value, conflict.key, conflict.firstLine))
        assertEquals(
            "line 6, column \"E-mail Address\": another email than the contact of line 2, which this row matches by mobile; " +
                "the first is kept, merge by hand if they are one person",
            conflict.message,
        )
        assertTrue(merged.contacts.none { it.firstName == "Jan" })
        // The reverse: the same email, another mobile than the contact's.
        val csv = "Email;GSM;Nom\nann@example.be;0475 12 34 56;Peeters\nann@example.be;0476 12 34 56;Maes\nann@example.be;;Claes\n"
        val report = importCsv(csv.toByteArray(), duplicates = "merge_non_empty")
        assertEquals(listOf(Triple(3uL, "GSM", "contacts.import.conflicting_mobile")), report.errorCodes())
        assertEquals(Triple("0476 12 34 56", "mobile", 2uL), Triple(report.errors[0].value, report.errors[0].key, report.errors[0].firstLine))
        assertEquals(Pair("+32475123456", "Claes"), Pair(report.contacts[0].mobile, report.contacts[0].lastName))
    }

    @Test
    fun `new contacts get the preferences of the account's SMS option`() {
        val csv = "GSM;Email\n0475 12 34 56;a@example.be\n".toByteArray()
        assertEquals(ChannelPreferences(email = true, sms = false), importCsv(csv).contacts[0].preferences)
        val on = AccountSmsOption(enabled = true)
        val report = importCsv(csv, smsOption = on)
        assertEquals(on.newContactPreferences(), report.contacts[0].preferences)
        assertTrue(report.contacts[0].preferences.sms)
        val imported = assertIs<RowOutcome.Imported>(ContactImporter(csv, smsOption = on).nextChunk(1).single())
        assertTrue(imported.contact.preferences.sms)
        val file = Files.createTempFile("envoi-sms-option", ".csv")
        try {
            Files.write(file, csv)
            assertTrue(importCsv(file, smsOption = on).contacts[0].preferences.sms)
            assertTrue(assertIs<RowOutcome.Imported>(ContactImporter.open(file, smsOption = on).nextChunk(1).single()).contact.preferences.sms)
            assertEquals(ChannelPreferences(email = true, sms = false), importCsv(file, smsOption = AccountSmsOption()).contacts[0].preferences)
        } finally {
            Files.delete(file)
        }
    }

    // ---- Errors that stop the import -----------------------------------------------------------

    @Test
    fun `header and option errors carry the core's fields`() {
        importError("contacts.import.no_header") { importCsv("\r\n\n".toByteArray()) }
        val noAddress = importError("contacts.import.no_address_column") { importCsv("Jan;Peeters;0475123456\n".toByteArray()) }
        assertEquals(listOf("Jan", "Peeters", "0475123456"), noAddress.headers)
        val mapping = importError("contacts.import.unknown_mapping_column") {
            importCsv("GSM,Email\n".toByteArray(), mapping = mapOf("Gsm" to ColumnTarget.Ignore))
        }
        assertEquals(Pair("Gsm", listOf("GSM", "Email")), Pair(mapping.column, mapping.headers))
        val field = importError("contacts.import.unknown_field") {
            importCsv("Tel,Email\n".toByteArray(), mapping = mapOf("Tel" to ColumnTarget.Field("phone")))
        }
        assertEquals("phone", field.value)
        val delimiter = importError("contacts.import.invalid_delimiter") { importCsv("Email\n".toByteArray(), delimiter = "\"") }
        assertEquals("\"", delimiter.value)
        val twoCharacters = assertFailsWith<EnvoiException.Argument> { importCsv("Email\n".toByteArray(), delimiter = ";;") }
        assertEquals("argument.invalid_character", twoCharacters.code())
        // A chosen delimiter wins over sniffing.
        val piped = importCsv("Email|Nom;Prénom\na@example.be|Peeters;Jan\n".toByteArray(), delimiter = "|")
        assertEquals("Peeters;Jan", piped.contacts[0].customFields["Nom;Prénom"])

        // A header that cannot be read whole stops the import, with the line or the limit.
        val quote = importError("contacts.import.unterminated_quote") { importCsv("Email;\"Nom\na@example.be;Peeters\n".toByteArray()) }
        assertEquals(Pair(1uL, null), Pair(quote.quoteLine, quote.limit))
        val long = importError("contacts.import.row_too_long") { importCsv("Email;${"N".repeat(262144)}\n".toByteArray()) }
        assertEquals(Pair(262144uL, null), Pair(long.limit, long.quoteLine))

        val missing = data.resolve("no_such_file.csv")
        val read = importError("contacts.import.read_failed") { importCsv(missing) }
        assertContains(read.detail!!, missing.toString())
        importError("contacts.import.read_failed") { ContactImporter.open(missing) }
    }

    // ---- Chunks, paths and the header alone ---------------------------------------------------

    @Test
    fun `chunks give every outcome in file order, once, with counts that add up`() {
        val importer = ContactImporter(fixture("excel_fr_windows1252.csv"))
        assertEquals(";", importer.delimiter())
        assertEquals(8, importer.columns().size)
        val first = importer.nextChunk(3)
        assertEquals(3, first.size)
        val imported = assertIs<RowOutcome.Imported>(first[0])
        assertEquals(Triple(2uL, 0uL, "Hélène"), Triple(imported.line, imported.index, imported.contact.firstName))
        assertEquals(RowOutcome.Blank(5uL), first[2])
        val rest = importer.outcomes(chunkSize = 2).toList()
        assertTrue(importer.nextChunk(10).isEmpty()) // none after the end
        val all = first + rest
        assertEquals(
            listOf(2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13).map { it.toULong() },
            all.map {
                when (it) {
                    is RowOutcome.Imported -> it.line
                    is RowOutcome.Blank -> it.line
                    is RowOutcome.Rejected -> it.line
                    is RowOutcome.Replaced -> it.line
                    is RowOutcome.Merged -> it.line
                    is RowOutcome.DuplicateSkipped -> it.line
                }
            },
        )
        val duplicate = all.filterIsInstance<RowOutcome.Rejected>().first()
        assertEquals(Pair(9uL, "contacts.import.duplicate"), Pair(duplicate.line, duplicate.errors.single().code))
        assertEquals("windows-1252", importer.encoding())
        val counts = importer.counts()
        assertEquals(ImportCounts(11uL, 6uL, 0uL, 0uL, 0uL, 1uL, 2uL, 2uL), counts)
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { importer.nextChunk(-1) }.code())
        assertEquals("ContactImporter(delimiter=\";\", encoding=windows-1252, rows=11)", importer.toString())
    }

    @Test
    fun `a path is read as it goes, and merges are the consumer's to apply`() {
        val importer = ContactImporter.open(data.resolve("outlook_en_utf8_bom.csv"), duplicates = "merge_non_empty")
        val contacts = mutableListOf<Contact>()
        for (outcome in importer.outcomes(chunkSize = 4)) {
            when (outcome) {
                is RowOutcome.Imported -> contacts += outcome.contact
                is RowOutcome.Merged -> contacts[outcome.index.toInt()] = mergeNonEmpty(contacts[outcome.index.toInt()], outcome.update)
                else -> {}
            }
        }
        assertEquals(importCsv(data.resolve("outlook_en_utf8_bom.csv"), duplicates = "merge_non_empty").contacts, contacts)
        val replaced = ContactImporter(fixture("outlook_en_utf8_bom.csv"), duplicates = "keep_last").outcomes().filterIsInstance<RowOutcome.Replaced>().first()
        assertEquals(Triple(6uL, 0uL, 2uL), Triple(replaced.line, replaced.index, replaced.replacedLine))
        assertEquals(Pair("mobile", "Jan"), Pair(replaced.key, replaced.contact.firstName))
        assertEquals(Pair("Mobile Phone", "0470 12 34 01"), Pair(replaced.column, replaced.value))
        val merge = ContactImporter(fixture("outlook_en_utf8_bom.csv"), duplicates = "merge_non_empty").outcomes().filterIsInstance<RowOutcome.Merged>().single()
        assertEquals(Triple(12uL, 0uL, 2uL), Triple(merge.line, merge.index, merge.firstLine))
        assertEquals(Triple("email", "E-mail Address", "anna.janssens@EXAMPLE.COM"), Triple(merge.key, merge.column, merge.value))
        val skipped = ContactImporter(fixture("outlook_en_utf8_bom.csv"), duplicates = "keep_first").outcomes().filterIsInstance<RowOutcome.DuplicateSkipped>()
        assertEquals(
            listOf(
                RowOutcome.DuplicateSkipped(6uL, 0uL, 2uL, "mobile", "Mobile Phone", "0470 12 34 01"),
                RowOutcome.DuplicateSkipped(12uL, 0uL, 2uL, "email", "E-mail Address", "anna.janssens@EXAMPLE.COM"),
            ),
            skipped.toList(),
        )
    }

    @Test
    fun `the header alone, for a mapping screen`() {
        assertEquals("mobile", guessContactField("GSM"))
        assertEquals("first_name", guessContactField("Prénom"))
        assertNull(guessContactField("Société"))
        val columns = resolveHeader(listOf("Prénom", "NOM", "Gsm", "Société"), mapping = mapOf("Société" to ColumnTarget.Ignore))
        assertEquals(Column("Gsm", ColumnTarget.Field("mobile"), true), columns[2])
        assertEquals(Column("Société", ColumnTarget.Ignore, false), columns[3])
        val error = importError("contacts.import.duplicate_column") { resolveHeader(listOf("GSM", "Handy")) }
        assertEquals(Pair("GSM", "Handy"), Pair(error.first, error.second))
    }
}
