package dev.envoi

import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Letters through the Kotlin binding (SPEC section 9, issue 8): the quote, every limit at its
 * boundary, every postage rule, the country line in four languages, dates, PDFs, jobs and their
 * states with the approval step, registered mail and retention. It mirrors
 * bindings-python/tests/test_post.py; the expectations are the core's (core/src/post).
 */
class PostTest {
    private val brussels: ZoneId = ZoneId.of("Europe/Brussels")

    /** Tuesday 10 March 2026, 10:00 in Brussels (UTC+1). */
    private val at: Instant = Instant.parse("2026-03-10T09:00:00Z")
    private val ghent = listOf("Marie Janssens", "Kerkstraat 5", "9000 GENT")
    private val amsterdam = listOf("Jan de Vries", "Keizersgracht 1", "1015 CJ AMSTERDAM", "PAYS-BAS")

    private fun a4(pages: Long, name: String? = null) = Document.Pages(pages, name)

    private fun day(text: String): LocalDate = LocalDate.parse(text)

    private fun brussels(text: String): ZonedDateTime = ZonedDateTime.of(java.time.LocalDateTime.parse(text), brussels)

    /** `quote` of a one-page letter to Ghent submitted at [at], unless told otherwise. */
    private fun quote(
        documents: List<Document> = listOf(a4(1)),
        address: List<String> = ghent,
        submittedAt: Instant = at,
        postage: String = "prior",
        color: Boolean = false,
        duplex: Boolean = false,
        acknowledgement: Boolean = false,
        envelope: String? = null,
        returnAddress: List<String>? = null,
        background: Document? = null,
        productionClosedDays: List<LocalDate>? = null,
        deliveryClosedDays: List<LocalDate>? = null,
        data: PostData? = null,
    ): Quote = dev.envoi.quote(
        documents, address, submittedAt, postage, color, duplex, acknowledgement, envelope, returnAddress,
        background, productionClosedDays, deliveryClosedDays, data,
    )

    /** The `EnvoiException.Post` that [block] throws, with its code checked. */
    private fun refused(code: String, block: () -> Unit): EnvoiException.Post {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Post>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("post", error.family())
        return error
    }

    private fun argumentError(code: String, block: () -> Unit): EnvoiException.Argument {
        val error = assertFailsWith<EnvoiException.Argument>(code) { block() }
        assertEquals(code, error.code())
        return error
    }

    /** A minimal PDF with one page per (width, height) in points, with a correct xref table. */
    private fun makePdf(vararg pages: Pair<Int, Int>): ByteArray {
        val kids = pages.indices.joinToString(" ") { "${3 + it} 0 R" }
        val objects = listOf(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [$kids] /Count ${pages.size} >>",
        ) + pages.map { (width, height) -> "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 $width $height] >>" }
        val out = StringBuilder("%PDF-1.7\n")
        val offsets = objects.mapIndexed { index, body ->
            val offset = out.length
            out.append("${index + 1} 0 obj\n$body\nendobj\n")
            offset
        }
        val xref = out.length
        out.append("xref\n0 ${objects.size + 1}\n0000000000 65535 f \n")
        offsets.forEach { out.append(String.format("%010d 00000 n \n", it)) }
        out.append("trailer\n<< /Size ${objects.size + 1} /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n")
        return out.toString().toByteArray(Charsets.US_ASCII)
    }

    private val a4Points = 595 to 842
    private val letterPoints = 612 to 792

    // ---- The issue's surface, end to end ---------------------------------------------------------

    @Test
    fun `the quote of the issue`() {
        val q = dev.envoi.quote(
            documents = listOf(Document.Pages(3), Document.Pages(1)),
            address = listOf("Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"),
            submittedAt = at,
            postage = "prior",
            color = false,
            duplex = false,
            acknowledgement = false,
            envelope = null,
            returnAddress = null,
        )
        assertEquals(Triple(4u, "us", "small"), Triple(q.sheets, q.envelope, q.format))
        assertEquals("19.9584", q.paperGrams) // 4 × 80 g/m² × 0.06237 m²
        assertEquals(BigDecimal("24.9584"), q.weightGramsDecimal) // + the US envelope, 5 g
        assertEquals(BigDecimal("19.9584"), q.paperGramsDecimal)
        assertEquals(50u, q.weightBandGrams)
        assertEquals(Triple("BE", null, "prior"), Triple(q.country, q.countryLine, q.postage))
        assertEquals(day("2026-03-10"), q.submittedOn)
        assertEquals(day("2026-03-10"), q.handoverDate)
        assertEquals(day("2026-03-11"), q.deliveryDate)
        assertNull(q.deliveryRange)
        assertEquals(day("2026-05-09"), q.documentsKeptUntil)
        assertNull(q.depositReceiptKeptUntil)
        assertNull(q.registeredSummaryKeptUntil)
        assertNull(q.claimDeadline)
    }

    @Test
    fun `an international letter has a delivery range`() {
        val q = quote(listOf(a4(2)), address = amsterdam)
        assertEquals(Triple("NL", 3uL, "prior_international"), Triple(q.country, q.countryLine, q.postage))
        assertNull(q.deliveryDate)
        assertEquals(DeliveryRange(day("2026-03-13"), day("2026-03-17")), q.deliveryRange)
        assertEquals(q, quote(listOf(a4(2)), address = amsterdam, postage = "prior_international"))
    }

    @Test
    fun `a registered letter has its deadlines`() {
        val q = quote(listOf(a4(2)), postage = "registered", returnAddress = listOf("Envoi SA", "1000 BRUXELLES"), acknowledgement = true)
        assertEquals(Triple("registered", day("2026-03-10"), day("2026-03-11")), Triple(q.postage, q.handoverDate, q.deliveryDate))
        assertEquals(day("2026-05-09"), q.registeredSummaryKeptUntil)
        assertEquals(day("2029-03-10"), q.depositReceiptKeptUntil)
        assertEquals(day("2027-03-10"), q.claimDeadline)
    }

    @Test
    fun `non prior is delivered three business days after handover`() {
        assertEquals(day("2026-03-13"), quote(postage = "non_prior").deliveryDate)
    }

    @Test
    fun `a quote is a value`() {
        val q = quote(listOf(a4(3)), address = amsterdam, color = true)
        assertEquals(q, quote(listOf(a4(3)), address = amsterdam, color = true))
        assertEquals(q.hashCode(), quote(listOf(a4(3)), address = amsterdam, color = true).hashCode())
        assertNotEquals(q, quote(listOf(a4(3)), address = amsterdam))
        assertEquals(5u, q.copy(sheets = 5u).sheets)
    }

    @Test
    fun `colour paper is heavier`() {
        val q = quote(listOf(a4(7)), color = true)
        assertEquals(Triple(7u, "c5", "large"), Triple(q.sheets, q.envelope, q.format))
        assertEquals("39.2931", q.paperGrams) // 7 × 90 g/m² × 0.06237 m²
        assertEquals("46.2931", q.weightGrams) // + C5, 7 g
        assertEquals(100u, q.weightBandGrams)
    }

    @Test
    fun `country and destination`() {
        assertEquals("NL", country("PAYS-BAS"))
        assertEquals(Destination("NL", 2uL), destination(listOf("Jan de Vries", "1015 CJ AMSTERDAM", "NEDERLAND")))
        val belgian = destination(listOf("Léa Dubois", "Rue Neuve 1", "1000 BRUXELLES", ""))
        assertEquals(Destination("BE", null), belgian)
        assertEquals(belgian, destination(listOf("1000 BRUXELLES")))
        assertEquals(belgian, destination(emptyList()))
    }

    // ---- Sheets and envelopes at their boundaries ------------------------------------------------

    @ParameterizedTest
    @CsvSource("1, us, small", "6, us, small", "7, c5, large", "8, c5, large", "9, c4, large", "25, c4, large")
    fun `the smallest envelope that fits`(pages: Long, envelope: String, format: String) {
        val q = quote(listOf(a4(pages)))
        assertEquals(Triple(pages.toUInt(), envelope, format), Triple(q.sheets, q.envelope, q.format))
    }

    @Test
    fun `26 sheets is one too many`() {
        val error = refused("post.too_many_sheets") { quote(listOf(a4(20), a4(6, "flyer"))) }
        assertEquals(Triple(26uL, 25uL, 1uL), Triple(error.sheets, error.max, error.over))
        assertContains(error.message(), "26 sheets, 1 over the limit of 25")
        assertEquals(25u, postConstants().maxSheets)
    }

    @Test
    fun `duplex puts two pages on a sheet and each document starts a new one`() {
        assertEquals(7u, quote(listOf(a4(13)), duplex = true).sheets) // an odd last page takes its own sheet
        assertEquals("c5", quote(listOf(a4(13)), duplex = true).envelope)
        assertEquals("us", quote(listOf(a4(12)), duplex = true).envelope)
        assertEquals(3u, quote(listOf(a4(3), a4(1, "flyer")), duplex = true).sheets) // 2 + 1
        assertEquals(25u, quote(listOf(a4(50)), duplex = true).sheets)
        assertEquals(26uL, refused("post.too_many_sheets") { quote(listOf(a4(51)), duplex = true) }.sheets)
    }

    @Test
    fun `a forced envelope`() {
        assertEquals("c4", quote(listOf(a4(2)), envelope = "c4").envelope)
        val error = refused("post.envelope_too_small") { quote(listOf(a4(7)), envelope = "us") }
        assertEquals(
            listOf<Any?>("us", 6uL, 7uL, 1uL, "c5"),
            listOf(error.envelope, error.capacity, error.sheets, error.over, error.smallestFitting),
        )
        assertEquals("c4", refused("post.envelope_too_small") { quote(listOf(a4(9)), envelope = "c5") }.smallestFitting)
        refused("post.too_many_sheets") { quote(listOf(a4(26)), envelope = "c4") }
    }

    @Test
    fun `a background adds no sheet`() {
        val plain = quote(listOf(a4(6)))
        val withBackground = quote(listOf(a4(6)), background = Document.Pages(1))
        assertEquals(Pair(6u, "us"), Pair(withBackground.sheets, withBackground.envelope))
        assertEquals(plain.weightGrams, withBackground.weightGrams)
        assertEquals(2uL, refused("post.background_not_one_page") { quote(background = Document.Pages(2)) }.pages)
        val error = refused("post.not_a4") { quote(background = Document.PageSizes(listOf(PageSize(148, 210)))) }
        assertEquals(Triple("background", null, null), Triple(error.document, error.documentIndex, error.documentName))
    }

    // ---- Documents: pages and their sizes --------------------------------------------------------

    @Test
    fun `page sizes`() {
        val sizes = listOf(PageSize(210, 297), PageSize(297, 210), PageSize(BigDecimal("212"), BigDecimal("295.5")))
        assertEquals(3u, quote(listOf(Document.PageSizes(sizes))).sheets)
        val error = refused("post.not_a4") {
            quote(listOf(a4(2), Document.PageSizes(listOf(PageSize(210, 297), PageSize("215.9", "279.4")), "scan")))
        }
        assertEquals(Triple(1uL, "scan", 2uL), Triple(error.documentIndex, error.documentName, error.page))
        assertEquals("documents[1] (scan)", error.document)
        assertEquals(Pair("215.9", "279.4"), Pair(error.widthMm, error.heightMm))
        assertTrue(error.message().startsWith("documents[1] (scan), page 2: 215.9 × 279.4 mm is not A4"), error.message())
    }

    @ParameterizedTest
    @CsvSource("213, 297", "148, 210", "210, 300")
    fun `a page that is not A4`(width: Int, height: Int) {
        val error = refused("post.not_a4") { quote(listOf(Document.PageSizes(listOf(PageSize(width, height))))) }
        assertEquals(Pair(0uL, 1uL), Pair(error.documentIndex, error.page))
    }

    @Test
    fun `an empty document`() {
        val error = refused("post.empty_document") { quote(listOf(a4(2), a4(0, "flyer"))) }
        assertEquals(Pair(1uL, "flyer"), Pair(error.documentIndex, error.documentName))
        assertEquals("documents[1] (flyer): no page; every document has at least one page", error.message())
        refused("post.empty_document") { quote(listOf(Document.PageSizes(emptyList()))) }
        refused("post.no_documents") { quote(emptyList()) }
    }

    @Test
    fun `arguments the library cannot hold`() {
        assertContains(argumentError("argument.out_of_range") { quote(listOf(a4(1), a4(-1))) }.message(), "documents[1].pages: -1")
        argumentError("argument.out_of_range") { quote(listOf(a4(1L shl 40))) }
        // A binary float's text is refused: millimetres cross as exact decimal text.
        val float = argumentError("argument.invalid_decimal") { quote(listOf(Document.PageSizes(listOf(PageSize("210", 1e-5.toString()))))) }
        assertContains(float.message(), "documents[0].sizes[0].height_mm")
        argumentError("argument.invalid_decimal") { quote(listOf(Document.PageSizes(listOf(PageSize("2.1E2", "297"))))) }
        val postage = argumentError("argument.unknown_value") { quote(postage = "priority") }
        assertContains(postage.message(), "postage: unknown value \"priority\"; expected one of \"prior\"")
        argumentError("argument.unknown_value") { quote(envelope = "dl") }
    }

    // ---- PDFs ------------------------------------------------------------------------------------

    @Test
    fun `the page sizes of a PDF`() {
        val sizes = pdfPageSizes(makePdf(a4Points, 842 to 595, letterPoints))
        assertEquals(
            listOf(PageSize("209.9028", "297.0389"), PageSize("297.0389", "209.9028"), PageSize("215.9", "279.4")),
            sizes,
        )
        assertEquals(BigDecimal("215.9"), sizes[2].widthMmDecimal)
        assertEquals(BigDecimal("279.4"), sizes[2].heightMmDecimal)
    }

    @Test
    fun `a PDF is a document`() {
        val three = makePdf(a4Points, a4Points, 842 to 595)
        assertEquals(3u, quote(listOf(Document.Pdf(three))).sheets)
        assertEquals(2u, quote(listOf(Document.Pdf(three)), duplex = true).sheets)
        assertEquals(4u, quote(listOf(Document.Pdf(three, "letter"), a4(1))).sheets)
        assertEquals(1u, quote(listOf(a4(1)), background = Document.Pdf(makePdf(a4Points))).sheets)
    }

    @Test
    fun `a PDF page that is not A4 names the document`() {
        val error = refused("post.not_a4") { quote(listOf(a4(1), Document.Pdf(makePdf(a4Points, letterPoints), "scan"))) }
        assertEquals(Triple(1uL, "scan", 2uL), Triple(error.documentIndex, error.documentName, error.page))
        assertEquals(Pair("215.9", "279.4"), Pair(error.widthMm, error.heightMm))
        val corrupt = refused("post.pdf_corrupt") { quote(listOf(a4(1), Document.Pdf("garbage".toByteArray()))) }
        assertEquals(Triple("documents[1]", 1uL, null), Triple(corrupt.document, corrupt.documentIndex, corrupt.documentName))
        assertContains(corrupt.detail!!, "invalid file header")
        assertTrue(corrupt.message().startsWith("documents[1]: pdf: the file is not a readable PDF"), corrupt.message())
        val noPages = refused("post.pdf_no_pages") { quote(listOf(Document.Pdf(makePdf(), "empty"))) }
        assertEquals(Pair(0uL, "empty"), Pair(noPages.documentIndex, noPages.documentName))
        assertEquals("documents[0] (empty): pdf: the file has no pages", noPages.message())
        val background = refused("post.pdf_corrupt") { quote(background = Document.Pdf(ByteArray(3))) }
        assertEquals(Pair("background", null), Pair(background.document, background.documentIndex))
        refused("post.pdf_corrupt") { pdfPageSizes("garbage".toByteArray()) }
    }

    // ---- Postage rules ---------------------------------------------------------------------------

    @Test
    fun `registered goes to Belgian addresses only`() {
        val error = refused("post.registered_national_only") {
            quote(postage = "registered", returnAddress = listOf("Envoi SA"), address = amsterdam)
        }
        assertEquals("NL", error.country)
    }

    @Test
    fun `registered needs a return address`() {
        refused("post.return_address_required") { quote(postage = "registered") }
        refused("post.return_address_required") { quote(postage = "registered", returnAddress = listOf("  ")) }
    }

    @Test
    fun `rp is not available`() {
        assertContains(refused("post.rp_not_available") { quote(postage = "rp") }.message(), "administrations")
    }

    @Test
    fun `the other postage rules`() {
        assertEquals("prior", refused("post.acknowledgement_registered_only") { quote(acknowledgement = true) }.postage)
        assertEquals("NL", refused("post.non_prior_national_only") { quote(postage = "non_prior", address = amsterdam) }.country)
        refused("post.prior_international_abroad_only") { quote(postage = "prior_international") }
        refused("post.empty_address") { quote(address = listOf("", " ")) }
        val error = refused("post.no_delivery_data") { quote(address = listOf("Jane Doe", "NEW YORK NY 10001", "ETATS-UNIS")) }
        assertEquals(Pair("US", day("2026-11-30")), Pair(error.country, error.verifiedOn))
    }

    // ---- The country line ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(
        // French, Dutch, German, English
        "PAYS-BAS, NL", "NEDERLAND, NL", "NIEDERLANDE, NL", "NETHERLANDS, NL",
        "ALLEMAGNE, DE", "DUITSLAND, DE", "DEUTSCHLAND, DE", "GERMANY, DE",
        "ROYAUME-UNI, GB", "VERENIGD KONINKRIJK, GB", "VEREINIGTES KÖNIGREICH, GB", "UNITED KINGDOM, GB",
        "SUISSE, CH", "ZWITSERLAND, CH", "SCHWEIZ, CH", "SWITZERLAND, CH",
        "'CÔTE D''IVOIRE', CI", "IVOORKUST, CI", "ELFENBEINKÜSTE, CI", "IVORY COAST, CI",
        // with and without accents, spaces for hyphens, aliases
        "ÉTATS-UNIS, US", "ETATS UNIS, US", "VERENIGDE STATEN, US", "VEREINIGTE STAATEN, US", "USA, US",
        "THE NETHERLANDS, NL", "GROSSBRITANNIEN, GB", "GROßBRITANNIEN, GB",
        "BELGIQUE, BE", "BELGIË, BE", "BELGIEN, BE", "BELGIUM, BE",
    )
    fun `country names in four languages`(name: String, code: String) {
        assertEquals(code, country(name))
        assertEquals(code, destination(listOf("Someone", "Somewhere 1", name)).country)
    }

    @Test
    fun `country names by code`() {
        assertEquals(
            listOf("Pays-Bas", "Nederland", "Niederlande", "Netherlands"),
            listOf("fr", "nl", "de", "en").map { countryName("NL", it) },
        )
        assertEquals("Netherlands", countryName("nl"))
        assertContains(argumentError("argument.unknown_value") { countryName("NLD") }.message(), "not an ISO 3166-1 alpha-2 code")
        assertFailsWith<EnvoiException.Language> { countryName("NL", "es") }
    }

    @Test
    fun `a country not in capitals proposes the capitalised form`() {
        val error = refused("post.country_not_in_capitals") { quote(address = listOf("Jan de Vries", "1015 CJ AMSTERDAM", "Pays-Bas")) }
        assertEquals(Triple(2uL, "Pays-Bas", "PAYS-BAS"), Triple(error.line, error.value, error.proposed))
        val alone = refused("post.country_not_in_capitals") { country("Nederland") }
        assertEquals(Pair(null, "NEDERLAND"), Pair(alone.line, alone.proposed))
    }

    @Test
    fun `an unknown country has suggestions`() {
        val error = refused("post.unknown_country") { quote(address = listOf("Jan de Vries", "NEDERLNAD")) }
        assertEquals(1uL, error.line)
        assertEquals("NEDERLNAD", error.value)
        assertEquals(listOf(CountryCandidate("NL", "NEDERLAND")), error.suggestions)
        assertContains(error.message(), "did you mean NEDERLAND (NL)?")
        assertEquals(emptyList(), refused("post.unknown_country") { country("ATLANTIS") }.suggestions)
        refused("post.unknown_country") { country("BRUXELLES") }
    }

    @Test
    fun `an ambiguous country lists the candidates`() {
        val error = refused("post.ambiguous_country") { quote(address = listOf("Someone", "CONGO")) }
        assertEquals(1uL, error.line)
        assertEquals(listOf("CD", "CG"), error.candidates!!.map { it.country })
        assertEquals(
            listOf(CountryCandidate("KP", "NORTH KOREA"), CountryCandidate("KR", "SOUTH KOREA")),
            refused("post.ambiguous_country") { country("KOREA") }.candidates,
        )
    }

    @Test
    fun `a locality abroad without its country`() {
        val error = refused("post.country_line_missing") { destination(listOf("Jean Dupont", "F-75001 PARIS")) }
        assertEquals(Triple(1uL, "F-75001 PARIS", "F"), Triple(error.line, error.value, error.prefix))
    }

    // ---- Dates -----------------------------------------------------------------------------------

    @Test
    fun `before noon is handed over the same day`() {
        assertEquals(day("2026-03-10"), quote(listOf(a4(1)), ghent, brussels("2026-03-10T11:59:59"), "prior").handoverDate)
    }

    @Test
    fun `noon exactly is afternoon`() {
        val q = quote(listOf(a4(1)), ghent, brussels("2026-03-10T12:00:00"), "prior")
        assertEquals(Pair(day("2026-03-11"), day("2026-03-12")), Pair(q.handoverDate, q.deliveryDate))
        assertEquals(12u, postConstants().cutOffHour)
    }

    @Test
    fun `noon is judged in Brussels whatever the offset`() {
        val noon = listOf(
            brussels("2026-03-10T12:00:00"),
            ZonedDateTime.of(2026, 3, 10, 11, 0, 0, 0, ZoneOffset.UTC),
            ZonedDateTime.of(2026, 3, 10, 6, 0, 0, 0, ZoneOffset.ofHours(-5)),
            ZonedDateTime.of(2026, 3, 10, 7, 0, 0, 0, ZoneId.of("America/New_York")), // EDT since 8 March
        )
        assertEquals(setOf(day("2026-03-11")), noon.map { quote(listOf(a4(1)), ghent, it, "prior").handoverDate }.toSet())
        assertEquals(day("2026-03-10"), quote(submittedAt = Instant.parse("2026-03-10T10:59:59Z")).handoverDate)
    }

    @Test
    fun `Friday afternoon is handed over on Monday`() {
        val q = quote(listOf(a4(1)), ghent, brussels("2026-03-13T14:00:00"), "prior")
        assertEquals(
            Triple(day("2026-03-13"), day("2026-03-16"), day("2026-03-17")),
            Triple(q.submittedOn, q.handoverDate, q.deliveryDate),
        )
        assertEquals(day("2026-03-19"), quote(listOf(a4(1)), ghent, brussels("2026-03-13T14:00:00"), "non_prior").deliveryDate)
        assertEquals(day("2026-03-16"), quote(listOf(a4(1)), ghent, brussels("2026-03-14T09:00:00"), "prior").handoverDate)
    }

    @Test
    fun `the day before a holiday`() {
        // Friday 3 April 2026 afternoon: Monday 6 April is Easter Monday.
        val q = quote(listOf(a4(1)), ghent, brussels("2026-04-03T15:00:00"), "prior")
        assertEquals(Pair(day("2026-04-07"), day("2026-04-08")), Pair(q.handoverDate, q.deliveryDate))
        val thursday = quote(listOf(a4(1)), ghent, brussels("2026-04-02T09:00:00"), "non_prior")
        assertEquals(Pair(day("2026-04-02"), day("2026-04-08")), Pair(thursday.handoverDate, thursday.deliveryDate))
    }

    @Test
    fun `closed days for production and for delivery`() {
        val closed = quote(productionClosedDays = listOf(day("2026-03-10")))
        assertEquals(Pair(day("2026-03-11"), day("2026-03-12")), Pair(closed.handoverDate, closed.deliveryDate))
        val postClosed = quote(deliveryClosedDays = listOf(day("2026-03-11")))
        assertEquals(Pair(day("2026-03-10"), day("2026-03-12")), Pair(postClosed.handoverDate, postClosed.deliveryDate))
        val both = quote(productionClosedDays = listOf(day("2026-03-10")), deliveryClosedDays = listOf(day("2026-03-12")))
        assertEquals(Pair(day("2026-03-11"), day("2026-03-13")), Pair(both.handoverDate, both.deliveryDate))
        val abroad = quote(address = amsterdam, deliveryClosedDays = listOf(day("2026-03-13")))
        assertEquals(day("2026-03-16"), abroad.deliveryRange!!.earliest)
    }

    @Test
    fun `calendar errors stay schedule errors`() {
        val wholeYear = (0L until 800L).map { day("2026-01-01").plusDays(it) }
        val error = assertFailsWith<EnvoiException.Schedule> { quote(productionClosedDays = wholeYear) }
        assertEquals("schedule.no_business_day", error.code())
    }

    @Test
    fun `an instant is never naive`() {
        // The API takes java.time.Instant or ZonedDateTime: a LocalDateTime does not compile. What is
        // left to refuse is an instant past the library's dates.
        val error = argumentError("argument.instant_out_of_range") { quote(submittedAt = Instant.MAX) }
        assertContains(error.message(), "submitted_at")
        assertEquals(day("2026-03-11"), submissionDate(Instant.parse("2026-03-10T23:30:00Z")))
        assertEquals(day("2026-03-10"), submissionDate(ZonedDateTime.of(2026, 3, 10, 23, 30, 0, 0, ZoneOffset.ofHours(1))))
    }

    // ---- Post data -------------------------------------------------------------------------------

    @Test
    fun `the post data`() {
        val data = PostData.builtin()
        assertEquals(day("2026-11-30"), data.verifiedOn())
        assertEquals("16", data.envelopeGrams("c4"))
        assertEquals(BigDecimal("16"), data.envelopeGramsDecimal("c4"))
        assertEquals(BusinessDayRange(3u, 5u), data.internationalDelivery("de"))
        assertContains(data.countriesWithDeliveryData(), "NL")
        assertEquals("US", refused("post.no_delivery_data") { data.internationalDelivery("US") }.country)
        argumentError("argument.unknown_value") { data.internationalDelivery("XX") }
        assertEquals(data, PostData.fromJson(postDataBuiltinJson()))
        assertTrue(data.toString().startsWith("PostData(verified_on=2026-11-30"), data.toString())
    }

    @Test
    fun `a host's post data`() {
        val heavier = PostData.fromJson(postDataBuiltinJson().replaceFirst("\"grams\": \"16\"", "\"grams\": \"20\""))
        assertEquals("20", heavier.envelopeGrams("c4"))
        assertEquals(
            quote(listOf(a4(9))).weightGramsDecimal + BigDecimal(4),
            quote(listOf(a4(9)), data = heavier).weightGramsDecimal,
        )
        val error = refused("post.invalid_data") {
            PostData.fromJson(postDataBuiltinJson().replaceFirst("\"grams\": \"5\"", "\"grams\": \"0\""))
        }
        assertEquals("envelopes[0].grams", error.field)
        refused("post.invalid_data") { PostData.fromJson("{") }
    }

    // ---- Jobs ------------------------------------------------------------------------------------

    private fun at(hour: Int, minute: Int = 0): Instant = ZonedDateTime.of(2026, 3, 10, hour, minute, 0, 0, ZoneOffset.UTC).toInstant()

    private val recipients = listOf(
        listOf("Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"),
        listOf("Jan de Vries", "1015 CJ AMSTERDAM", "PAYS-BAS"),
        listOf("Marie Janssens", "9000 GENT"),
    )

    @Test
    fun `quoteJob reports each refused recipient`() {
        val report = quoteJob(listOf(a4(2)), recipients, at, "non_prior", "report_and_continue")
        assertEquals(3uL, report.recipients)
        assertEquals(listOf(0uL to "BE", 2uL to "BE"), report.quotes.map { it.row to it.quote.country })
        val failure = report.failures.single()
        assertEquals(1uL to "post.non_prior_national_only", failure.row to failure.code)
        val error = assertIs<EnvoiException.Post>(failure.error)
        assertEquals("NL", error.country)
        assertTrue(error.message().startsWith("postage: non_prior (preferential) postage is for Belgian addresses only"))
    }

    @Test
    fun `quoteJob mixes national and international`() {
        val report = quoteJob(listOf(a4(2)), recipients, at, "prior", "refuse_job")
        assertEquals(listOf("prior", "prior_international", "prior"), report.quotes.map { it.quote.postage })
        assertEquals(emptyList(), report.failures)
        assertEquals(report, quoteJob(listOf(a4(2)), recipients, at.atZone(brussels), "prior", "refuse_job"))
    }

    @Test
    fun `quoteJob can refuse the whole job`() {
        val error = refused("post.job_refused") { quoteJob(listOf(a4(2)), recipients, at, "non_prior", "refuse_job") }
        assertEquals(3uL, error.recipients)
        assertEquals(listOf(1uL to "post.non_prior_national_only"), error.failures!!.map { it.row to it.code })
        assertEquals("NL", (error.failures!!.single().error as EnvoiException.Post).country)
        assertContains(error.message(), "1 of 3 recipients break a rule; first: recipients[1]")
    }

    @Test
    fun `quoteJob letter errors and arguments`() {
        assertEquals(5uL, refused("post.too_many_sheets") { quoteJob(listOf(a4(30)), recipients, at, "prior", "report_and_continue") }.over)
        refused("post.no_recipients") { quoteJob(listOf(a4(1)), emptyList(), at, "prior", "refuse_job") }
        refused("post.job_refused") { quoteJob(listOf(a4(1)), listOf(recipients[1]), at, "non_prior", "report_and_continue") }
        assertContains(
            argumentError("argument.unknown_value") { quoteJob(listOf(a4(1)), recipients, at, "prior", "report") }.message(),
            "policy: unknown value \"report\"",
        )
    }

    private fun newJob(postage: String = "prior", approvalRequired: Boolean = false): Job =
        Job(12uL, 345uL, 7uL, listOf(a4(1)), recipients, at(8), postage, approvalRequired = approvalRequired)

    @Test
    fun `a job goes from draft to handed over`() {
        val job = newJob()
        assertEquals(listOf<Any>(12uL, 345uL, 7uL, false), listOf(job.account(), job.id(), job.sender(), job.approvalRequired()))
        assertEquals("draft", job.state())
        assertEquals(listOf("awaiting_approval", "submitted", "cancelled"), job.nextStates())
        assertEquals(at(8), job.createdAt())
        assertEquals(brussels("2026-03-10T09:00:00"), job.createdAtInPostZone())
        assertEquals(recipients, job.recipients())
        assertNull(job.submittedAt())
        assertNull(job.handedOverOn())
        assertFalse(job.billable())
        val report = job.submit(at(9), "refuse_job")
        assertEquals(3, report.quotes.size)
        assertEquals("submitted", job.state())
        assertEquals(at(9), job.submittedAt())
        job.startProcessing(at(10))
        assertTrue(job.billable())
        val error = refused("post.illegal_transition") { job.cancel(at(10, 1), by = 7uL) }
        assertEquals(Pair("processing", "cancelled"), Pair(error.from, error.to))
        assertContains(error.rule!!, "can no longer be cancelled")
        assertEquals("processing", job.state()) // nothing changed
        job.handOver(at(15).atZone(brussels))
        assertEquals(Triple("handed_over", emptyList(), day("2026-03-10")), Triple(job.state(), job.nextStates(), job.handedOverOn()))
        assertEquals(
            listOf(Triple("draft", "submitted", null), Triple("submitted", "processing", null), Triple("processing", "handed_over", null)),
            job.history().map { Triple(it.from, it.to, it.by) },
        )
        assertEquals(Transition("draft", "submitted", at(9), null), job.history()[0])
        assertEquals(brussels("2026-03-10T10:00:00"), job.history()[0].atInPostZone)
        assertEquals("Job(account=12, id=345, sender=7, state=handed_over, recipients=3)", job.toString())
    }

    @Test
    fun `cancelling a job before processing is free`() {
        val job = newJob()
        job.submit(at(9), "report_and_continue")
        job.cancel(at(9, 30), by = 7uL)
        assertEquals(Pair("cancelled", false), Pair(job.state(), job.billable()))
        assertEquals(7uL, job.history().last().by)
        val error = refused("post.illegal_transition") { job.submit(at(10), "refuse_job") }
        assertEquals(Pair("cancelled", "submitted"), Pair(error.from, error.to))
    }

    @Test
    fun `a job never goes back in time`() {
        val error = refused("post.time_regression") { newJob().cancel(at(7)) }
        assertEquals(Pair(at(7), at(8)), Pair(error.at, error.lastChange))
    }

    @Test
    fun `a job refused on submit changes nothing`() {
        val job = newJob(postage = "non_prior")
        refused("post.job_refused") { job.submit(at(9), "refuse_job") }
        assertEquals(Pair("draft", emptyList()), Pair(job.state(), job.history()))
        val report = job.submit(at(9), "report_and_continue", deliveryClosedDays = listOf(day("2026-03-13")))
        assertEquals(listOf(1uL), report.failures.map { it.row })
        assertEquals(day("2026-03-16"), report.quotes[0].quote.deliveryDate)
    }

    @Test
    fun `a job that needs approval goes through a signed link`() {
        val ring = KeyRing(mapOf(1 to ByteArray(32) { 0x42 }), active = 1)
        val job = newJob(approvalRequired = true)
        assertTrue(job.approvalRequired())
        assertEquals("draft", refused("post.approval_required") { job.submit(at(9), "refuse_job") }.from)
        val early = refused("post.illegal_transition") { job.approve(9uL, at(9)) }
        assertEquals(Pair("draft", "approved"), Pair(early.from, early.to))
        assertEquals(7uL, refused("post.self_approval") { job.requestApproval(7uL, at(8, 30), ring, "https://app.example/approve/") }.approver)
        assertEquals("ftp://app.example/", refused("post.invalid_link_base") { job.requestApproval(9uL, at(8, 30), ring, "ftp://app.example/") }.value)
        assertEquals("draft", job.state()) // nothing changed

        val link = job.requestApproval(9uL, at(8, 30), ring, "https://app.example/approve/", expiresAt = at(20))
        assertTrue(link.url.startsWith("https://app.example/approve/") && link.url.endsWith(link.token), link.url)
        assertEquals(Pair(9uL, at(20)), Pair(link.approver, link.expiresAt))
        assertEquals(Triple("awaiting_approval", listOf("approved", "rejected", "cancelled"), 7uL), Triple(job.state(), job.nextStates(), job.history().last().by))

        assertEquals(9uL, job.verifyApprovalLink(ring, link.token, now = at(9)))
        assertEquals(9uL, job.verifyApprovalLink(ring, link.token, at(9).atZone(brussels)))
        val expired = assertFailsWith<EnvoiException.Token> { job.verifyApprovalLink(ring, link.token, now = at(21)) }
        assertEquals("token.expired", expired.code())
        val other = Job(12uL, 346uL, 7uL, listOf(a4(1)), recipients, at(8), "prior")
        val mismatch = refused("post.approval_link_mismatch") { other.verifyApprovalLink(ring, link.token, now = at(9)) }
        assertEquals(listOf(12uL, 345uL, 12uL, 346uL), listOf(mismatch.linkAccount, mismatch.linkJob, mismatch.account, mismatch.job))
        val otherRing = KeyRing(mapOf(1 to ByteArray(32) { 0x43 }), active = 1)
        assertEquals("token.bad_tag", assertFailsWith<EnvoiException.Token> { job.verifyApprovalLink(otherRing, link.token, now = at(9)) }.code())

        val stored = job.toJson()
        assertEquals(7uL, refused("post.self_approval") { job.approve(7uL, at(9)) }.approver)
        job.approve(job.verifyApprovalLink(ring, link.token, now = at(9)), at(9))
        assertEquals(Pair("approved", 9uL), Pair(job.state(), job.history().last().by))
        job.submit(at(9, 5), "refuse_job")
        assertEquals("submitted", job.state())

        val rejected = Job.fromJson(stored)
        rejected.reject(9uL, at(9).atZone(brussels))
        assertEquals(Pair("rejected", emptyList()), Pair(rejected.state(), rejected.nextStates()))
    }

    @Test
    fun `a job round trips through JSON`() {
        val job = Job(12uL, 345uL, 7uL, listOf(a4(1)), recipients, at(8), "prior", color = true, duplex = true, returnAddress = listOf("Envoi SA"), envelope = "c4")
        job.submit(at(9), "refuse_job")
        val copy = Job.fromJson(job.toJson())
        assertEquals(job, copy)
        assertEquals(job.toJson(), copy.toJson())
        assertEquals(Pair("submitted", at(9)), Pair(copy.state(), copy.history()[0].at))
        assertContains(job.toJson(), "\"envelope\":\"c4\"")
        copy.startProcessing(at(10))
        assertNotEquals(job, copy)
        argumentError("argument.invalid_json") { Job.fromJson("{\"account\": 1}") }
    }

    @Test
    fun `job arguments`() {
        refused("post.no_recipients") { Job(1uL, 2uL, 3uL, listOf(a4(1)), emptyList(), at(8), "prior") }
        val pdfJob = Job(1uL, 2uL, 3uL, listOf(Document.Pdf(makePdf(a4Points, a4Points))), listOf(ghent), at(8).atZone(brussels), "prior")
        assertEquals(2u, pdfJob.submit(at(9), "refuse_job").quotes[0].quote.sheets)
        val error = refused("post.pdf_corrupt") { Job(1uL, 2uL, 3uL, listOf(Document.Pdf("garbage".toByteArray())), listOf(ghent), at(8), "prior") }
        assertEquals(0uL, error.documentIndex)
        argumentError("argument.instant_out_of_range") { newJob().startProcessing(Instant.MIN) }
    }

    // ---- Registered mail -------------------------------------------------------------------------

    @Test
    fun `a barcode range`() {
        val barcodes = BarcodeRange(100uL, 102uL)
        assertEquals(Triple(100uL, 102uL, 3uL), Triple(barcodes.first(), barcodes.last(), barcodes.remaining()))
        assertEquals(100uL, barcodes.nextBarcode())
        val copy = BarcodeRange.fromJson(barcodes.toJson())
        assertEquals(barcodes, copy)
        assertEquals(listOf(101uL, 102uL), barcodes.take(2))
        assertEquals(0uL, barcodes.remaining())
        assertEquals(emptyList(), barcodes.take(0))
        val error = refused("post.barcode_range_exhausted") { barcodes.nextBarcode() }
        assertEquals(Pair(100uL, 102uL), Pair(error.first, error.last))
        assertEquals(2uL, copy.remaining())
        refused("post.barcode_range_exhausted") { copy.take(3) }
        assertEquals(2uL, copy.remaining()) // all or none
        assertEquals("{\"first\":100,\"last\":102,\"next\":101}", copy.toJson())
        assertEquals("BarcodeRange(first=100, last=102, remaining=2)", copy.toString())
        assertEquals(0uL, BarcodeRange.fromJson(barcodes.toJson()).remaining())
        val invalid = refused("post.invalid_barcode_range") { BarcodeRange(5uL, 4uL) }
        assertEquals(Pair(5uL, 4uL), Pair(invalid.first, invalid.last))
        argumentError("argument.out_of_range") { copy.take(-1) }
        assertEquals(listOf(ULong.MAX_VALUE - 1uL, ULong.MAX_VALUE), BarcodeRange(ULong.MAX_VALUE - 1uL, ULong.MAX_VALUE).take(2))
        assertEquals(ULong.MAX_VALUE, BarcodeRange(0uL, ULong.MAX_VALUE).remaining())
    }

    @Test
    fun `barcodes are handed out once across threads`() {
        val barcodes = BarcodeRange(1uL, 4000uL)
        val pool = Executors.newFixedThreadPool(4)
        val batches = (1..400).map { pool.submit<List<ULong>> { barcodes.take(10) } }.map { it.get() }
        pool.shutdown()
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS))
        assertEquals((1uL..4000uL).toList(), batches.flatten().sorted())
        assertEquals(0uL, barcodes.remaining())
    }

    @Test
    fun `a registered summary`() {
        val summary = RegisteredSummary(323299000123uL, listOf("Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"), at, day("2026-03-10"), acknowledgement = true)
        assertEquals(Pair(323299000123uL, true), Pair(summary.barcode(), summary.acknowledgement()))
        assertEquals(Triple(at, day("2026-03-10"), day("2026-03-10")), Triple(summary.submittedAt(), summary.submittedOn(), summary.handedOverOn()))
        assertEquals(day("2026-05-09"), summary.keptUntil())
        assertEquals(day("2029-03-10"), summary.depositReceiptKeptUntil())
        assertEquals(day("2027-03-10"), summary.claimDeadline())
        assertEquals(summary, RegisteredSummary.fromJson(summary.toJson()))
        assertEquals(summary.hashCode(), RegisteredSummary.fromJson(summary.toJson()).hashCode())
        assertEquals(summary, RegisteredSummary(323299000123uL, summary.recipient(), at.atZone(brussels), day("2026-03-10"), true))
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = [
            "fr|Envoi recommandé : récapitulatif|Numéro du recommandé : 323299000123|Réclamation possible jusqu'au : 10/03/2027",
            "nl|Aangetekende zending: overzicht|Ontvangstbewijs: ja|Klacht mogelijk tot: 10/03/2027",
            "de|Einschreiben: Übersicht|Rückschein: ja|Nachforschungsantrag möglich bis: 10.03.2027",
            "en|Registered letter: summary|Date handed to the post: 2026-03-10|Claims possible until: 2027-03-10",
        ],
    )
    fun `a registered summary as text`(language: String, first: String, second: String, third: String) {
        val summary = RegisteredSummary(323299000123uL, listOf("Jean Dupont", "1000 BRUXELLES"), at, day("2026-03-10"), true)
        val lines = summary.toText(language).lines()
        for (line in listOf(first, second, third, "  1000 BRUXELLES")) {
            assertContains(lines, line)
        }
    }

    @Test
    fun `registered summary errors`() {
        val error = refused("post.handover_before_submission") { RegisteredSummary(1uL, listOf("9000 GENT"), at, day("2026-03-09")) }
        assertEquals(Pair(day("2026-03-10"), day("2026-03-09")), Pair(error.submittedOn, error.handedOverOn))
        refused("post.empty_address") { RegisteredSummary(1uL, listOf(" "), at, day("2026-03-10")) }
        val summary = RegisteredSummary(1uL, listOf("9000 GENT"), at, day("2026-03-10"))
        assertFailsWith<EnvoiException.Language> { summary.toText("es") }
        assertContains(summary.toText(), "Registered letter: summary")
    }

    // ---- Retention -------------------------------------------------------------------------------

    @Test
    fun `retention deadlines`() {
        assertEquals(day("2026-05-09"), documentsKeptUntil(day("2026-03-10")))
        assertEquals(day("2026-05-09"), registeredSummaryKeptUntil(day("2026-03-10")))
        assertEquals(day("2031-02-28"), depositReceiptKeptUntil(day("2028-02-29")))
        assertEquals(day("2029-02-28"), claimDeadline(day("2028-02-29")))
        val constants = postConstants()
        assertEquals(Pair(60uL, 60uL), Pair(constants.documentsKeptDays, constants.registeredSummaryKeptDays))
        assertEquals(Pair(3u, 12u), Pair(constants.depositReceiptKeptYears, constants.claimMonths))
        assertEquals(listOf("prior", "non_prior", "registered", "rp", "prior_international"), constants.postages)
        assertEquals(listOf("us", "c5", "c4"), constants.envelopes)
        assertEquals(listOf("small", "large"), constants.formats)
    }

    @Test
    fun `dates past the library's are post errors`() {
        val error = refused("post.date_out_of_range") { depositReceiptKeptUntil(LocalDate.of(262_142, 6, 1)) }
        assertEquals("deposit_receipt_kept_until", error.field)
        assertEquals(LocalDate.of(262_142, 6, 1), error.date)
        // Kotlin's LocalDate reaches past 9999: no limit of the binding's own.
        assertEquals(LocalDate.of(10_000, 2, 28), claimDeadline(LocalDate.of(9_999, 2, 28)))
    }

    // ---- Errors ----------------------------------------------------------------------------------

    @Test
    fun `every rule of the issue is a post error with its numbers`() {
        val rules: List<Triple<String, () -> Unit, (EnvoiException.Post) -> Unit>> = listOf(
            Triple("too_many_sheets", { quote(listOf(a4(26))) }, { e -> assertEquals(listOf(26uL, 25uL, 1uL), listOf(e.sheets, e.max, e.over)) }),
            Triple("envelope_too_small", { quote(listOf(a4(9)), envelope = "c5") }, { e -> assertEquals(listOf(8uL, 9uL, 1uL), listOf(e.capacity, e.sheets, e.over)) }),
            Triple("empty_document", { quote(listOf(a4(0))) }, { e -> assertEquals(Pair(0uL, null), Pair(e.documentIndex, e.documentName)) }),
            Triple(
                "registered_national_only",
                { quote(postage = "registered", returnAddress = listOf("Envoi SA"), address = amsterdam) },
                { e -> assertEquals("NL", e.country) },
            ),
            Triple("return_address_required", { quote(postage = "registered") }, { e -> assertNull(e.sheets) }),
            Triple("rp_not_available", { quote(postage = "rp") }, { e -> assertNull(e.country) }),
            Triple("country_not_in_capitals", { country("Duitsland") }, { e -> assertEquals("DUITSLAND", e.proposed) }),
            Triple("unknown_country", { country("DUITSLNAD") }, { e -> assertEquals(listOf(CountryCandidate("DE", "DUITSLAND")), e.suggestions) }),
            Triple("ambiguous_country", { country("CONGO") }, { e -> assertEquals("CONGO", e.value) }),
            Triple(
                "not_a4",
                { quote(listOf(Document.PageSizes(listOf(PageSize(148, 210))))) },
                { e -> assertEquals(Triple(1uL, "148", "210"), Triple(e.page, e.widthMm, e.heightMm)) },
            ),
        )
        for ((rule, call, check) in rules) {
            val error = refused("post.$rule", call)
            assertTrue(error.code.endsWith(rule))
            check(error)
            assertTrue(error.sheets == null || rule in setOf("too_many_sheets", "envelope_too_small"), rule)
            assertNotNull(error.message)
        }
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        // The host's side, as the README leaves it to the reader.
        val letterPdf = makePdf(a4Points, a4Points)
        val approvalSecret = ByteArray(32) { 0x42 }
        val sent = mutableListOf<String>()
        fun sendToApprover(url: String) { sent += url }

        val at = ZonedDateTime.of(2026, 3, 13, 14, 0, 0, 0, ZoneId.of("Europe/Brussels")) // Friday afternoon
        val q = quote(
            documents = listOf(Document.Pdf(letterPdf, name = "letter"), Document.Pages(1, name = "flyer")),
            address = listOf("Jan de Vries", "Keizersgracht 1", "1015 CJ AMSTERDAM", "PAYS-BAS"),
            submittedAt = at,
            postage = "prior",
        )
        assertEquals(Triple(3u, "us", "small"), Triple(q.sheets, q.envelope, q.format))
        assertEquals(Pair("19.9688", BigDecimal("19.9688")), Pair(q.weightGrams, q.weightGramsDecimal))
        assertEquals(Triple("NL", 3uL, "prior_international"), Triple(q.country, q.countryLine, q.postage))
        assertEquals(day("2026-03-16"), q.handoverDate)
        assertEquals(DeliveryRange(day("2026-03-19"), day("2026-03-23")), q.deliveryRange)

        try {
            quote(listOf(Document.Pages(26)), listOf("Marie Janssens", "9000 GENT"), at, "prior")
            error("not refused")
        } catch (e: EnvoiException.Post) {
            assertEquals(listOf<Any?>("post.too_many_sheets", 26uL, 25uL, 1uL), listOf(e.code(), e.sheets, e.max, e.over))
        }
        assertEquals("NL", country("NEDERLAND"))

        val recipients = listOf(listOf("Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"), listOf("Marie Janssens", "9000 GENT"))
        val job = Job(account = 12uL, id = 345uL, sender = 7uL, documents = listOf(Document.Pages(2)),
            recipients = recipients, createdAt = at, postage = "non_prior", approvalRequired = true)
        val ring = KeyRing(mapOf(1 to approvalSecret), active = 1)
        val link = job.requestApproval(9uL, at.plusMinutes(1), ring, "https://app.example/approve/")
        sendToApprover(link.url)
        assertEquals(Pair("awaiting_approval", listOf(link.url)), Pair(job.state(), sent))
        val approver = job.verifyApprovalLink(ring, link.token, at.plusMinutes(30))
        assertEquals(9uL, approver)
        job.approve(approver, at.plusMinutes(30))
        val report = job.submit(at.plusMinutes(31), policy = "report_and_continue")
        assertEquals(Pair(listOf(0uL, 1uL), emptyList()), Pair(report.quotes.map { it.row }, report.failures))
        job.startProcessing(at.plusHours(1))
        assertTrue(job.billable())
        refused("post.illegal_transition") { job.cancel(at.plusHours(2)) }
        job.handOver(at.plusDays(3))
        assertEquals(listOf("awaiting_approval", "approved", "submitted", "processing", "handed_over"), job.history().map { it.to })

        val barcodes = BarcodeRange(323299000100uL, 323299000199uL)
        val summary = RegisteredSummary(barcodes.nextBarcode(), recipients[0], at, job.handedOverOn()!!)
        assertEquals(323299000100uL, summary.barcode())
        assertEquals(day("2027-03-16"), summary.claimDeadline())
        assertTrue(summary.toText("fr").startsWith("Envoi recommandé : récapitulatif\n"), summary.toText("fr"))
    }
}
