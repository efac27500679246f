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
        assertEquals(emptyList(), job.sentRows())
        val report = job.submit(at(9), "refuse_job")
        assertEquals(3, report.quotes.size)
        assertEquals(Pair("submitted", listOf(0uL, 1uL, 2uL)), Pair(job.state(), job.sentRows()))
        assertEquals(at(9), job.submittedAt())
        job.startProcessing(at(10))
        assertTrue(job.billable())
        val error = refused("post.illegal_transition") { job.cancel(at(10, 1), by = 7uL) }
        assertEquals(Pair("processing", "cancelled"), Pair(error.from, error.to))
        assertContains(error.rule!!, "can no longer be cancelled")
        assertEquals("processing", job.state()) // nothing changed
        assertEquals("prior", refused("post.not_registered") { job.assignBarcodes(BarcodeRange.s10("RR", 1uL, 9uL, "BE")) }.postage)
        job.handOver(at(15).atZone(brussels))
        assertEquals(Triple("handed_over", emptyList(), day("2026-03-10")), Triple(job.state(), job.nextStates(), job.handedOverOn()))
        assertEquals(emptyList(), job.registeredLetters())
        refused("post.not_registered") { job.registeredSummaries() }
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
        assertEquals(9uL, job.approver())
        assertNull(newJob().approver())

        assertEquals(9uL, job.verifyApprovalLink(ring, link.token, now = at(9)))
        assertEquals(9uL, job.verifyApprovalLink(ring, link.token, at(9).atZone(brussels)))
        val expired = assertFailsWith<EnvoiException.Token> { job.verifyApprovalLink(ring, link.token, now = at(21)) }
        assertEquals("token.expired", expired.code())
        val other = Job(12uL, 346uL, 7uL, listOf(a4(1)), recipients, at(8), "prior")
        val mismatch = refused("post.approval_link_mismatch") { other.verifyApprovalLink(ring, link.token, now = at(9)) }
        assertEquals(listOf(12uL, 345uL, 12uL, 346uL), listOf(mismatch.linkAccount, mismatch.linkJob, mismatch.account, mismatch.job))
        val otherRing = KeyRing(mapOf(1 to ByteArray(32) { 0x43 }), active = 1)
        assertEquals("token.bad_tag", assertFailsWith<EnvoiException.Token> { job.verifyApprovalLink(otherRing, link.token, now = at(9)) }.code())
        // A valid approval token that names no job (not made by requestApproval).
        val bare = ring.issue("approval", Claims(recipient = 9uL), now = at(8, 40))
        assertEquals("account and message", refused("post.approval_link_without_job") { job.verifyApprovalLink(ring, bare, now = at(9)) }.missing)
        val noJob = ring.issue("approval", Claims(account = 12uL, recipient = 9uL), now = at(8, 40))
        assertEquals("message", refused("post.approval_link_without_job") { job.verifyApprovalLink(ring, noJob, now = at(9)) }.missing)

        val stored = job.toJson()
        assertEquals(7uL, refused("post.self_approval") { job.approve(7uL, at(9)) }.approver)
        // Only the approver asked may decide.
        val wrong = refused("post.wrong_approver") { job.approve(8uL, at(9)) }
        assertEquals(Pair(9uL, 8uL), Pair(wrong.approver, wrong.given))
        refused("post.wrong_approver") { job.reject(8uL, at(9)) }
        assertEquals("awaiting_approval", job.state()) // nothing changed
        job.approve(job.verifyApprovalLink(ring, link.token, now = at(9)), at(9))
        assertEquals(Pair("approved", 9uL), Pair(job.state(), job.history().last().by))
        job.submit(at(9, 5), "refuse_job")
        assertEquals("submitted", job.state())

        val rejected = Job.fromJson(stored)
        assertEquals(9uL, rejected.approver())
        refused("post.wrong_approver") { rejected.reject(8uL, at(9)) }
        rejected.reject(9uL, at(9).atZone(brussels))
        assertEquals(Pair("rejected", emptyList()), Pair(rejected.state(), rejected.nextStates()))
    }

    @Test
    fun `a stored job that skips its rules is refused`() {
        val stored = newJob(approvalRequired = true).toJson()
        val skipped = stored.replace(
            "\"state\":\"draft\",\"history\":[]",
            "\"state\":\"submitted\",\"history\":[{\"from\":\"draft\",\"to\":\"submitted\",\"at\":\"2026-03-10T08:01:00Z\",\"by\":null}]",
        )
        assertNotEquals(stored, skipped)
        val error = refused("post.invalid_job") { Job.fromJson(skipped) }
        assertEquals(Pair("history[0].to", "submitted"), Pair(error.field, error.value))
        assertContains(error.rule!!, "requires approval")

        // An approver who decides without having been asked.
        val asked = newJob(approvalRequired = true)
        asked.requestApproval(9uL, at(8, 30), KeyRing(mapOf(1 to ByteArray(32) { 0x42 }), active = 1), "https://app.example/approve/")
        asked.approve(9uL, at(9))
        val forged = asked.toJson().replace("\"by\":9", "\"by\":8")
        assertEquals("history[1].by", refused("post.invalid_job") { Job.fromJson(forged) }.field)
        assertEquals(asked, Job.fromJson(asked.toJson()))

        val garbage = refused("post.invalid_job") { Job.fromJson("{\"account\": 1}") }
        assertEquals(Pair("json", "line 1 column 14"), Pair(garbage.field, garbage.value))
        refused("post.no_recipients") { Job.fromJson(newJob().toJson().replace(Regex("\"recipients\":\\[.*?\\]\\],"), "\"recipients\":[],")) }
    }

    @Test
    fun `a job round trips through JSON`() {
        val job = Job(12uL, 345uL, 7uL, listOf(a4(1)), recipients, at(8), "prior", color = true, duplex = true, returnAddress = listOf("Envoi SA"), envelope = "c4")
        job.submit(at(9), "refuse_job")
        val copy = Job.fromJson(job.toJson())
        assertEquals(job, copy)
        assertEquals(job.toJson(), copy.toJson())
        assertEquals(Pair("submitted", at(9)), Pair(copy.state(), copy.history()[0].at))
        assertEquals(listOf(0uL, 1uL, 2uL), copy.sentRows())
        assertContains(job.toJson(), "\"envelope\":\"c4\"")
        copy.startProcessing(at(10))
        assertNotEquals(job, copy)
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
    fun `a barcode is checked`() {
        assertEquals(Barcode("RR123456785BE", "s10"), parseBarcode("RR 123 456 785 BE"))
        assertEquals("bpost_national", parseBarcode("010541288500452621221234567890").format)
        assertEquals("RR123456785BE", s10Barcode("RR", 12_345_678uL, "BE"))
        assertEquals("RR000000164BE", s10Barcode("RR", 16uL, "BE"))
        assertEquals(Pair<UByte?, UByte?>(9u, null), Pair(s10CheckDigit(47_312_482uL), s10CheckDigit(100_000_000uL)))

        val mismatch = refused("post.barcode_check_digit_mismatch") { parseBarcode("RR123456789BE") }
        assertEquals(listOf<Any?>("RR123456789BE", "12345678", 5uL, 9uL), listOf(mismatch.value, mismatch.serial, mismatch.expected, mismatch.found))
        assertEquals("barcode: \"RR123456789BE\" has check digit 9; the UPU S10 check digit of serial 12345678 is 5", mismatch.message())

        for (text in listOf("rr123456785be", "CE123456785BE", "0105412885", "")) {
            val error = refused("post.invalid_barcode") { parseBarcode(text) }
            assertEquals(Pair("barcode", text), Pair(error.field, error.value))
            assertNotNull(error.rule)
        }
        val serial = refused("post.invalid_barcode") { s10Barcode("RR", 100_000_000uL, "BE") }
        assertEquals(Pair("serial", "100000000"), Pair(serial.field, serial.value))
        assertEquals("service", refused("post.invalid_barcode") { s10Barcode("CE", 1uL, "BE") }.field)
        assertEquals("country", refused("post.invalid_barcode") { s10Barcode("RR", 1uL, "B1") }.field)
    }

    @Test
    fun `an S10 barcode range`() {
        val barcodes = BarcodeRange.s10("RR", 1uL, 3uL, "BE")
        assertEquals(listOf<Any?>("s10", "RR", "BE", 1uL, 3uL, 1uL, 3uL), listOf(barcodes.format(), barcodes.prefix(), barcodes.suffix(), barcodes.first(), barcodes.last(), barcodes.nextSerial(), barcodes.remaining()))
        assertEquals("RR000000014BE", barcodes.nextBarcode())
        val copy = BarcodeRange.fromJson(barcodes.toJson())
        assertEquals(barcodes, copy)
        assertEquals(listOf("RR000000028BE", "RR000000031BE"), barcodes.take(2))
        assertEquals(Pair(0uL, null), Pair(barcodes.remaining(), barcodes.nextSerial()))
        assertEquals(emptyList(), barcodes.take(0))
        val error = refused("post.barcode_range_exhausted") { barcodes.nextBarcode() }
        assertEquals(listOf<Any?>("RR000000014BE", "RR000000031BE", 1uL, 0uL), listOf(error.firstBarcode, error.lastBarcode, error.requested, error.remaining))
        assertEquals(Pair(null, null), Pair(error.first, error.last))
        assertEquals(2uL, copy.remaining())
        val short = refused("post.barcode_range_exhausted") { copy.take(3) }
        assertEquals(Pair(3uL, 2uL), Pair(short.requested, short.remaining))
        assertEquals(2uL, copy.remaining()) // all or none
        assertEquals("{\"format\":\"s10\",\"prefix\":\"RR\",\"suffix\":\"BE\",\"first\":1,\"last\":3,\"next\":2}", copy.toJson())
        assertEquals("BarcodeRange(format=s10, prefix=RR, suffix=BE, first=1, last=3, remaining=2)", copy.toString())
        assertEquals(0uL, BarcodeRange.fromJson(barcodes.toJson()).remaining())
        assertContains(barcodes.toJson(), "\"next\":null")
        argumentError("argument.out_of_range") { copy.take(-1) }
        assertEquals(100_000_000uL, BarcodeRange.s10("RR", 0uL, 99_999_999uL, "BE").remaining())
    }

    @Test
    fun `a bpost national barcode range`() {
        val barcodes = BarcodeRange.bpostNational("0105412885004526", 1uL, 9_999uL)
        assertEquals(Triple("bpost_national", "0105412885004526", ""), Triple(barcodes.format(), barcodes.prefix(), barcodes.suffix()))
        assertEquals("010541288500452600000000000001", barcodes.nextBarcode())
        val suffixed = BarcodeRange.bpostNational("010", 7uL, 8uL, suffix = "99")
        assertEquals(listOf("010000000000000000000000000799", "010000000000000000000000000899"), suffixed.take(2))
        assertEquals(barcodes, BarcodeRange.fromJson(barcodes.toJson()))
        // Every u64 serial: the one count past ULong.
        assertEquals(ULong.MAX_VALUE, BarcodeRange.bpostNational("010", 0uL, ULong.MAX_VALUE).remaining())
        assertEquals(listOf(ULong.MAX_VALUE - 1uL, ULong.MAX_VALUE), BarcodeRange.bpostNational("010", ULong.MAX_VALUE - 1uL, ULong.MAX_VALUE).let { range ->
            range.take(2).map { it.drop(3).toULong() }
        })
    }

    @Test
    fun `barcode range errors`() {
        val cases: List<Triple<() -> Unit, String, String>> = listOf(
            Triple({ BarcodeRange.s10("CE", 1uL, 10uL, "BE") }, "prefix", "CE"),
            Triple({ BarcodeRange.s10("RR", 1uL, 10uL, "ZZ") }, "suffix", "ZZ"),
            Triple({ BarcodeRange.s10("RR", 5uL, 4uL, "BE") }, "first", "5"),
            Triple({ BarcodeRange.s10("RR", 1uL, 100_000_000uL, "BE") }, "last", "100000000"),
            Triple({ BarcodeRange.bpostNational("020", 1uL, 9uL) }, "prefix", "020"),
            Triple({ BarcodeRange.bpostNational("010", 1uL, 9uL, "9a") }, "suffix", "9a"),
            Triple({ BarcodeRange.bpostNational("0105412885004526", 1uL, 100_000_000_000_000uL) }, "last", "100000000000000"),
        )
        for ((call, field, value) in cases) {
            val error = refused("post.invalid_barcode_range", call)
            assertEquals(Pair(field, value), Pair(error.field, error.value))
            assertNotNull(error.rule)
            assertNull(error.first)
        }
        assertEquals(
            "barcode range: prefix \"CE\" is not a registered-mail service indicator; UPU S10 registered letter post is RA to RZ",
            refused("post.invalid_barcode_range") { BarcodeRange.s10("CE", 1uL, 10uL, "BE") }.message(),
        )
        val json = refused("post.invalid_barcode_range") { BarcodeRange.fromJson("{\"first\":1,\"last\":3,\"next\":1}") }
        assertEquals("json", json.field)
        val outside = refused("post.barcode_next_outside_range") {
            BarcodeRange.fromJson("{\"format\":\"s10\",\"prefix\":\"RR\",\"suffix\":\"BE\",\"first\":10,\"last\":11,\"next\":12}")
        }
        assertEquals(Triple(12uL, 10uL, 11uL), Triple(outside.next, outside.first, outside.last))
        // A stored range keeps the constructors' rules.
        assertEquals("prefix", refused("post.invalid_barcode_range") {
            BarcodeRange.fromJson("{\"format\":\"s10\",\"prefix\":\"CE\",\"suffix\":\"BE\",\"first\":1,\"last\":3,\"next\":1}")
        }.field)
    }

    @Test
    fun `barcodes are handed out once across threads`() {
        val barcodes = BarcodeRange.s10("RR", 1uL, 4000uL, "BE")
        val pool = Executors.newFixedThreadPool(4)
        val batches = (1..400).map { pool.submit<List<String>> { barcodes.take(10) } }.map { it.get() }
        pool.shutdown()
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS))
        assertEquals((1uL..4000uL).map { s10Barcode("RR", it, "BE") }.sorted(), batches.flatten().sorted())
        assertEquals(0uL, barcodes.remaining())
    }

    private fun registeredJob(): Job =
        Job(12uL, 347uL, 7uL, listOf(a4(1)), recipients, at(8), "registered", returnAddress = listOf("Envoi SA", "1000 BRUXELLES"))

    @Test
    fun `a registered job gets its barcodes when printing starts`() {
        val job = registeredJob()
        val range = BarcodeRange.s10("RR", 1uL, 500uL, "BE")
        val early = refused("post.wrong_job_state") { job.assignBarcodes(range) }
        assertEquals(Triple("assign_barcodes", "draft", "processing"), Triple(early.action, early.state, early.needed))
        val report = job.submit(at(9), "report_and_continue")
        assertEquals(listOf(1uL to "post.registered_national_only"), report.failures.map { it.row to it.code })
        assertEquals(listOf(0uL, 2uL), job.sentRows()) // Amsterdam was refused: no letter
        refused("post.wrong_job_state") { job.assignBarcodes(range) }
        job.startProcessing(at(10))

        assertEquals(2uL, refused("post.barcodes_not_assigned") { job.handOver(at(15)) }.letters)
        assertEquals("processing", job.state()) // nothing changed
        val before = refused("post.wrong_job_state") { job.registeredSummaries() }
        assertEquals(Triple("registered_summaries", "processing", "handed_over"), Triple(before.action, before.state, before.needed))

        val small = BarcodeRange.s10("RR", 1uL, 1uL, "BE")
        val exhausted = refused("post.barcode_range_exhausted") { job.assignBarcodes(small) }
        assertEquals(Pair(2uL, 1uL), Pair(exhausted.requested, exhausted.remaining))
        assertEquals(Pair(1uL, emptyList()), Pair(small.remaining(), job.registeredLetters())) // all or none

        val letters = listOf(RegisteredLetter(0uL, "RR000000014BE"), RegisteredLetter(2uL, "RR000000028BE"))
        assertEquals(letters, job.assignBarcodes(range))
        assertEquals(letters, job.assignBarcodes(range)) // the same, nothing more used
        assertEquals(Pair(498uL, letters), Pair(range.remaining(), job.registeredLetters()))
        val stored = Job.fromJson(job.toJson())
        assertEquals(Pair(job, letters), Pair(stored, stored.registeredLetters()))

        job.handOver(at(15))
        val summaries = job.registeredSummaries()
        assertEquals(listOf("RR000000014BE", "RR000000028BE"), summaries.map { it.barcode() })
        assertEquals(listOf(recipients[0], recipients[2]), summaries.map { it.recipient() })
        assertEquals(Triple(at(9), day("2026-03-10"), false), Triple(summaries[0].submittedAt(), summaries[0].handedOverOn(), summaries[0].acknowledgement()))
        assertEquals(day("2027-03-10"), summaries[0].claimDeadline())
        assertContains(summaries[1].toText("fr"), "Numéro du recommandé : RR000000028BE")
        assertEquals(letters, job.assignBarcodes(range)) // after the hand-over too: the letters given
        assertEquals(498uL, range.remaining())
    }

    @Test
    fun `a registered job with bpost national barcodes`() {
        val job = registeredJob()
        job.submit(at(9), "report_and_continue")
        job.startProcessing(at(10))
        val expected = listOf("010541288500452600000000000001", "010541288500452600000000000002")
        assertEquals(expected, job.assignBarcodes(BarcodeRange.bpostNational("0105412885004526", 1uL, 9_999uL)).map { it.barcode })
        job.handOver(at(15).atZone(brussels))
        assertEquals(expected, job.registeredSummaries().map { it.barcode() })
        assertEquals("bpost_national", parseBarcode(job.registeredLetters()[0].barcode).format)
    }

    @Test
    fun `a stored registered job that breaks its rules is refused`() {
        val job = registeredJob()
        job.submit(at(9), "report_and_continue")
        job.startProcessing(at(10))
        job.assignBarcodes(BarcodeRange.s10("RR", 1uL, 500uL, "BE"))
        val stored = job.toJson()
        val twice = refused("post.invalid_job") { Job.fromJson(stored.replace("RR000000028BE", "RR000000014BE")) }
        assertEquals(Pair("registered_letters[1].barcode", "RR000000014BE"), Pair(twice.field, twice.value))
        // A barcode whose check digit is wrong is not a barcode.
        val digit = refused("post.invalid_job") { Job.fromJson(stored.replace("RR000000028BE", "RR000000029BE")) }
        assertEquals("json", digit.field)
        assertContains(digit.rule!!, "check digit")
        // Handed over without its barcodes.
        val bare = stored.replace(Regex(",\"registered_letters\":\\[.*?\\]"), "").replace(
            "\"state\":\"processing\"",
            "\"state\":\"handed_over\"",
        ).replace("}],\"approver\"", "},{\"from\":\"processing\",\"to\":\"handed_over\",\"at\":\"2026-03-10T15:00:00Z\",\"by\":null}],\"approver\"")
        assertEquals("registered_letters", refused("post.invalid_job") { Job.fromJson(bare) }.field)
    }

    @Test
    fun `a registered summary`() {
        val summary = RegisteredSummary("RR 000 000 014 BE", listOf("Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"), at, day("2026-03-10"), acknowledgement = true)
        assertEquals(Pair("RR000000014BE", true), Pair(summary.barcode(), summary.acknowledgement()))
        assertEquals(Triple(at, day("2026-03-10"), day("2026-03-10")), Triple(summary.submittedAt(), summary.submittedOn(), summary.handedOverOn()))
        assertEquals(day("2026-05-09"), summary.keptUntil())
        assertEquals(day("2029-03-10"), summary.depositReceiptKeptUntil())
        assertEquals(day("2027-03-10"), summary.claimDeadline())
        assertEquals(summary, RegisteredSummary.fromJson(summary.toJson()))
        assertEquals(summary.hashCode(), RegisteredSummary.fromJson(summary.toJson()).hashCode())
        assertEquals(summary, RegisteredSummary("RR000000014BE", summary.recipient(), at.atZone(brussels), day("2026-03-10"), true))
        assertEquals("RegisteredSummary(barcode=RR000000014BE, handed_over_on=2026-03-10)", summary.toString())
        assertContains(summary.toJson(), "\"barcode\":\"RR000000014BE\"")
        val forged = argumentError("argument.invalid_json") { RegisteredSummary.fromJson(summary.toJson().replace("RR000000014BE", "RR000000015BE")) }
        assertContains(forged.message(), "check digit")
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = [
            "fr|Envoi recommandé : récapitulatif|Numéro du recommandé : 010541288500452621221234567890|Réclamation possible jusqu'au : 10/03/2027",
            "nl|Aangetekende zending: overzicht|Ontvangstbewijs: ja|Klacht mogelijk tot: 10/03/2027",
            "de|Einschreiben: Übersicht|Rückschein: ja|Nachforschungsantrag möglich bis: 10.03.2027",
            "en|Registered letter: summary|Date handed to the post: 2026-03-10|Claims possible until: 2027-03-10",
        ],
    )
    fun `a registered summary as text`(language: String, first: String, second: String, third: String) {
        val summary = RegisteredSummary("010541288500452621221234567890", listOf("Jean Dupont", "1000 BRUXELLES"), at, day("2026-03-10"), true)
        val lines = summary.toText(language).lines()
        for (line in listOf(first, second, third, "  1000 BRUXELLES")) {
            assertContains(lines, line)
        }
    }

    @Test
    fun `registered summary errors`() {
        val error = refused("post.handover_before_submission") { RegisteredSummary("RR000000014BE", listOf("9000 GENT"), at, day("2026-03-09")) }
        assertEquals(Pair(day("2026-03-10"), day("2026-03-09")), Pair(error.submittedOn, error.handedOverOn))
        refused("post.empty_address") { RegisteredSummary("RR000000014BE", listOf(" "), at, day("2026-03-10")) }
        assertEquals("barcode", refused("post.invalid_barcode") { RegisteredSummary("42", listOf("9000 GENT"), at, day("2026-03-10")) }.field)
        assertEquals(4uL, refused("post.barcode_check_digit_mismatch") { RegisteredSummary("RR000000015BE", listOf("9000 GENT"), at, day("2026-03-10")) }.expected)
        val summary = RegisteredSummary("RR000000014BE", listOf("9000 GENT"), at, day("2026-03-10"))
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

        val registered = Job(account = 12uL, id = 346uL, sender = 7uL, documents = listOf(Document.Pages(2)),
            recipients = recipients, createdAt = at, postage = "registered", returnAddress = listOf("Envoi SA", "1000 BRUXELLES"))
        registered.submit(at.plusMinutes(1), policy = "refuse_job")
        registered.startProcessing(at.plusHours(1))
        val barcodes = BarcodeRange.s10("RR", 1uL, 500uL, "BE")
        assertEquals(
            listOf(RegisteredLetter(0uL, "RR000000014BE"), RegisteredLetter(1uL, "RR000000028BE")),
            registered.assignBarcodes(barcodes),
        )
        registered.handOver(at.plusDays(3))
        val summary = registered.registeredSummaries()[0]
        assertEquals(Pair("RR000000014BE", day("2027-03-16")), Pair(summary.barcode(), summary.claimDeadline()))
        assertTrue(summary.toText("fr").startsWith("Envoi recommandé : récapitulatif\n"), summary.toText("fr"))
        assertEquals(498uL, barcodes.remaining())
    }
}
