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
        assertEquals(listOf(DuplicateRow(9uL, 6uL, "email", "keep_first")), report.duplicates)
        assertEquals(ImportCounts(rows = 11uL, imported = 6uL, replaced = 0uL, merged = 0uL, duplicatesSkipped = 1uL, duplicatesReported = 0uL, rejected = 2uL, blank = 2uL), report.counts)
    }

    @Test
    fun `Outlook, UTF-8 with BOM, languages, zones and reported duplicates`() {
        val report = importCsv(fixture("outlook_en_utf8_bom.csv"))
        assertEquals(Triple("UTF-8", true, ","), Triple(report.encoding, report.bom, report.delimiter))
        assertEquals(ColumnTarget.Field("first_name"), report.columns[0].target) // the BOM is not part of the name
        assertEquals(listOf("Anna", "Tom", "Sophie", "Ruben"), report.contacts.map { it.firstName })
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
                Triple(9uL, "E-mail Address", "contacts.import.duplicate"),
                Triple(10uL, null, "contacts.import.ambiguous_duplicate"),
            ),
            report.errorCodes(),
        )
        val duplicate = report.errors[0]
        assertEquals(Triple("mobile", 2uL, "0470 12 34 01"), Triple(duplicate.key, duplicate.firstLine, duplicate.value))
        assertEquals(Pair("email", "Anna.Janssens@Example.com"), Pair(report.errors[3].key, report.errors[3].value))
        val ambiguous = report.errors[4]
        assertEquals(Pair(3uL, 2uL), Pair(ambiguous.emailLine, ambiguous.mobileLine))
        assertEquals("line 10: the email is that of the contact of line 3 and the mobile that of line 2", ambiguous.message)
        assertNull(ambiguous.key)
        assertEquals(ImportCounts(9uL, 4uL, 0uL, 0uL, 0uL, 2uL, 3uL, 0uL), report.counts)
    }

    @Test
    fun `merge non-empty and keep last update the earlier contact`() {
        val bytes = fixture("outlook_en_utf8_bom.csv")
        val merged = importCsv(bytes, duplicates = "merge_non_empty")
        val anna = merged.contacts[0]
        assertEquals(Pair("Els", "Jacobs"), Pair(anna.firstName, anna.lastName))
        assertEquals("Anna.Janssens@example.com", anna.email)
        assertEquals(Pair("nl", "Europe/Brussels"), Pair(anna.language, anna.timeZone))
        assertEquals(Pair("Acme Europe", "same email as Anna"), Pair(anna.customFields["Company"], anna.customFields["Notes"]))
        assertEquals(Pair(2uL, 4uL), Pair(merged.counts.merged, merged.counts.imported))

        val last = importCsv(bytes, duplicates = "keep_last")
        assertEquals("Els", last.contacts[0].firstName)
        assertNull(last.contacts[0].language) // replaced whole
        assertEquals(listOf(6uL to 2uL, 9uL to 6uL), last.duplicates.map { it.line to it.firstLine })
        assertEquals(listOf("keep_last", "keep_last"), last.duplicates.map { it.resolution })
        assertEquals(Pair(2uL, 3uL), Pair(last.counts.replaced, last.counts.rejected))

        val error = assertFailsWith<EnvoiException.Argument> { importCsv(bytes, duplicates = "keep_both") }
        assertEquals("argument.unknown_value", error.code())
        assertContains(error.message(), "duplicates: unknown value \"keep_both\"")
    }

    @Test
    fun `Dutch tab export with blank lines and wrong field counts`() {
        val report = importCsv(fixture("export_nl_tab.tsv"))
        assertEquals(Pair("\t", "UTF-8"), Pair(report.delimiter, report.encoding))
        assertEquals(listOf("Pieter", "Griet", "Sven", "Ine"), report.contacts.map { it.firstName })
        assertEquals(Pair("+31612345678", "nl"), Pair(report.contacts[1].mobile, report.contacts[1].language))
        assertEquals("nl", report.contacts[3].language) // "nederlands"
        assertEquals("K-005", report.contacts[2].customFields["Klantnummer"])
        assertEquals(listOf(Triple(5uL, null, "contacts.import.field_count"), Triple(6uL, null, "contacts.import.field_count")), report.errorCodes())
        val few = report.errors[0]
        assertEquals(Triple(6uL, 3uL, "Joris\tGoossens\t0486 65 43 21"), Triple(few.expected, few.found, few.value))
        assertEquals("3 fields where the header has 6", few.reason)
        assertEquals(Pair(6uL, 7uL), Pair(report.errors[1].expected, report.errors[1].found))
        assertEquals(ImportCounts(rows = 9uL, imported = 4uL, replaced = 0uL, merged = 0uL, duplicatesSkipped = 0uL, duplicatesReported = 0uL, rejected = 2uL, blank = 3uL), report.counts)
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
    fun `two columns for one field stop the import until a mapping says`() {
        val bytes = fixture("two_phone_columns.csv")
        val error = importError("contacts.import.duplicate_column") { importCsv(bytes) }
        assertEquals(Triple("mobile", "Téléphone", 3uL), Triple(error.target, error.first, error.firstPosition))
        assertEquals(Pair("GSM", 4uL), Pair(error.second, error.secondPosition))
        assertContains(error.message(), "both fill mobile")

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
        val skipped = ContactImporter(fixture("outlook_en_utf8_bom.csv"), duplicates = "keep_first").outcomes().filterIsInstance<RowOutcome.DuplicateSkipped>()
        assertEquals(listOf(RowOutcome.DuplicateSkipped(6uL, 0uL, 2uL, "mobile"), RowOutcome.DuplicateSkipped(9uL, 0uL, 2uL, "email")), skipped.toList())
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
