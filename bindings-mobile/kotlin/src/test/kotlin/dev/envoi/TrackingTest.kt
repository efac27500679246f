package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import kotlin.test.assertContains
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertSame
import kotlin.test.assertTrue

/**
 * Tracked email, engagement statistics and secure-email access through the Kotlin binding, with
 * every `tracking.*` error and its fields. The expectations are the core's (core/src/tracking,
 * core/tests/tracking_*.rs).
 */
class TrackingTest {
    private val ring = KeyRing(mapOf(1 to ByteArray(32) { 0x11 }), 1)
    private val sent: Instant = Instant.parse("2026-03-02T09:00:00Z")
    private val tracker = Tracker("https://t.example.com", "https://example.com/")
    private val recipient = Claims(account = 7uL, message = 42uL, recipient = 1001uL)

    private fun trackingError(code: String, block: () -> Unit): EnvoiException.Tracking {
        val error = assertFailsWith<EnvoiException>(code) { block() }
        assertIs<EnvoiException.Tracking>(error, "$code: ${error.message}")
        assertEquals(code, error.code())
        assertEquals("tracking", error.family())
        return error
    }

    private val html = """
        <html><body>
        <p><a href="https://example.com/offer?a=1&amp;b=2">Offer</a></p>
        <p><a href="https://example.com/shop">Shop</a> <a href="https://example.com/offer?a=1&amp;b=2">Again</a></p>
        <a href="mailto:shop@example.com">Mail us</a> <a href="#top">Top</a>
        <a data-envoi-notrack href="https://example.com/unsubscribe">Unsubscribe</a>
        </body></html>
    """.trimIndent()
    private val text = "Offer: https://example.com/offer?a=1&b=2\nElsewhere: https://example.org/"

    /** The host's store: the link table of each message, as links_json. */
    private val store = mutableMapOf<ULong, String>()

    private fun tokenOf(url: String) = url.substringAfterLast('/')

    private fun hrefs(html: String) = Regex("""href="(https://t\.example\.com/c/[^"]+)"""").findAll(html).map { it.groupValues[1] }.toList()

    // ---- Tracker ------------------------------------------------------------------------------

    @Test
    fun `a tracked email round trips every link to its original target`() {
        assertEquals(Triple("/o", "/c", "data-envoi-notrack"), Triple(tracker.openPath(), tracker.clickPath(), tracker.optOutAttribute()))
        assertEquals(Pair("https://t.example.com", "https://example.com/"), Pair(tracker.baseUrl(), tracker.fallbackUrl()))
        val tracked = tracker.track(ring, html, recipient, text = text, now = sent, expires = Duration.ofDays(365))
        assertEquals(listOf("https://example.com/offer?a=1&b=2", "https://example.com/shop", "https://example.com/offer?a=1&b=2"), tracked.links)
        assertEquals("""["https://example.com/offer?a=1&b=2","https://example.com/shop","https://example.com/offer?a=1&b=2"]""", tracked.linksJson)
        store[42uL] = tracked.linksJson
        assertContains(tracked.html, """<img src="${tracked.openUrl}"""")
        assertTrue(tracked.openUrl.startsWith("https://t.example.com/o/"))
        assertContains(tracked.html, """<a href="mailto:shop@example.com">""")
        assertContains(tracked.html, "https://example.com/unsubscribe\"") // untouched
        assertFalse(tracked.html.contains("data-envoi-notrack"))
        assertEquals(
            listOf(UntrackedLink("html", "mailto:shop@example.com", "other_scheme"), UntrackedLink("html", "#top", "fragment"), UntrackedLink("html", "https://example.com/unsubscribe", "opt_out")),
            tracked.untracked.filter { it.part == "html" },
        )
        assertEquals(listOf(UntrackedLink("text", "https://example.org/", "not_in_html")), tracked.untracked.filter { it.part == "text" })
        assertTrue(tracked.text!!.startsWith("Offer: https://t.example.com/c/"), tracked.text)

        // The click endpoint: resolve every link through the host's stored table.
        val lookup = { claims: Claims -> linkTargetsFromJson(store.getValue(claims.message!!)).getOrNull(claims.link!!.toInt()) }
        val urls = hrefs(tracked.html)
        assertEquals(3, urls.size)
        for ((index, url) in urls.withIndex()) {
            assertEquals(tracker.clickUrl(tokenOf(url)), url)
            val resolution = tracker.resolveClick(ring, tokenOf(url), now = sent.plusSeconds(60), lookup = lookup)
            assertEquals(tracked.links[index], resolution.url)
            assertEquals(recipient.copy(link = index.toUShort()), resolution.verified!!.claims)
            assertEquals("click", resolution.verified!!.purpose)
            assertNull(resolution.reason)
        }
        // The text part's link shares the first HTML link's token.
        assertContains(tracked.text!!, urls[0])

        // The open pixel.
        val open = tracker.resolveOpen(ring, tokenOf(tracked.openUrl), sent.plusSeconds(60))
        assertEquals(recipient, open.verified!!.claims)
        assertNull(open.reason)
    }

    @Test
    fun `a forged, expired or unknown click goes to the fallback with a reason`() {
        val tracked = tracker.track(ring, html, recipient, now = sent, expires = sent.plusSeconds(3600))
        store[42uL] = tracked.linksJson
        val lookup = { claims: Claims -> linkTargetsFromJson(store[claims.message!!] ?: "[]").getOrNull(claims.link!!.toInt()) }
        val token = tokenOf(hrefs(tracked.html)[1])
        val middle = token.length / 2
        val forged = token.replaceRange(middle, middle + 1, if (token[middle] == 'A') "B" else "A")
        val refused = tracker.resolveClick(ring, forged, sent) { error("never asked") }
        assertEquals("https://example.com/", refused.url)
        assertNull(refused.verified)
        assertEquals("token.bad_tag", refused.reason)
        assertNotNull(refused.message)

        assertEquals("token.expired", tracker.resolveClick(ring, token, sent.plusSeconds(3600), lookup).reason)
        assertEquals("token.wrong_purpose", tracker.resolveClick(ring, tokenOf(tracked.openUrl), sent, lookup).reason)
        assertEquals("token.bad_base64", tracker.resolveClick(ring, "not a token", sent, lookup).reason)
        val noLink = ring.issue("click", recipient, now = sent)
        assertEquals("tracking.no_link_claim", tracker.resolveClick(ring, noLink, sent, lookup).reason)
        val unknown = ring.issue("click", recipient.copy(message = 43uL, link = 0u), now = sent)
        val unknownLink = tracker.resolveClick(ring, unknown, sent, lookup)
        assertEquals(Pair("https://example.com/", "tracking.unknown_link"), Pair(unknownLink.url, unknownLink.reason))
        assertEquals("link 0 of message 43: not in the host's link table", unknownLink.message)
        // A corrupt store never turns into an open redirect.
        val unsafe = tracker.resolveClick(ring, token, sent) { "javascript:alert(1)" }
        assertEquals(Pair("https://example.com/", "tracking.unsafe_target"), Pair(unsafe.url, unsafe.reason))
        // An ignored open says why.
        val ignored = tracker.resolveOpen(ring, token, ZonedDateTime.ofInstant(sent, ZoneId.of("Europe/Brussels")))
        assertNull(ignored.verified)
        assertEquals("token.wrong_purpose", ignored.reason)
    }

    @Test
    fun `an exception of the host's lookup reaches the caller unchanged`() {
        val token = tokenOf(hrefs(tracker.track(ring, html, recipient, now = sent).html)[0])
        class StoreDown(message: String) : RuntimeException(message)
        for (failure in listOf(StoreDown("database down"), java.io.IOException("socket"), AssertionError("assert"))) {
            val thrown = assertFailsWith<Throwable> { tracker.resolveClick(ring, token, sent) { throw failure } }
            assertSame(failure, thrown, "for ${failure::class}")
        }
        // The generated method (Swift's API) gives it by value, as argument.host_error.
        val byValue = assertFailsWith<EnvoiException.Argument> {
            tracker.resolveClick(ring, token, object : ClickLookup {
                override fun target(claims: Claims): String? = throw StoreDown("database down")
            }, sent)
        }
        assertEquals("argument.host_error", byValue.code())
        assertContains(byValue.message(), "database down")
        // A lookup that is never asked cannot fail the call.
        assertEquals("token.bad_base64", tracker.resolveClick(ring, "%%", sent) { throw StoreDown("never") }.reason)
    }

    @Test
    fun `tracking errors name the option, the claim or the markup`() {
        val base = trackingError("tracking.invalid_option") { Tracker("ftp://t.example.com", "https://example.com/") }
        assertEquals(Triple("base_url", "ftp://t.example.com", "is not an http or https URL"), Triple(base.field, base.value, base.rule))
        assertEquals("click_path", trackingError("tracking.invalid_option") { Tracker("https://t.example.com", "https://example.com/", clickPath = "/o") }.field)
        assertEquals("opt_out_attribute", trackingError("tracking.invalid_option") { Tracker("https://t.example.com", "https://example.com/", optOutAttribute = "1x") }.field)
        assertEquals("fallback_url", trackingError("tracking.invalid_option") { Tracker("https://t.example.com", "/home") }.field)

        val link = trackingError("tracking.invalid_claims") { tracker.track(ring, html, recipient.copy(link = 2u), now = sent) }
        assertEquals(Pair("claims.link", "2"), Pair(link.field, link.value))
        val ambiguous = trackingError("tracking.ambiguous_html") {
            tracker.track(ring, """<select><xmp><a href="https://example.com/">x</a></xmp></select>""", recipient, now = sent)
        }
        assertTrue(ambiguous.detail!!.isNotEmpty())
        val many = trackingError("tracking.too_many_links") { tracker.track(ring, """<a href="https://example.com/">x</a>""".repeat(65_537), recipient, now = sent) }
        assertEquals(65_536uL, many.limit)
        // A token the key ring refuses to issue keeps its token code (and family).
        val time = assertFailsWith<EnvoiException.Token> { tracker.track(ring, html, recipient, now = sent, expires = sent) }
        assertEquals(Pair("token.invalid_time", "expires_at"), Pair(time.code(), time.field))
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { linkTargetsFromJson("{}") }.code())
    }

    // ---- Statistics ---------------------------------------------------------------------------

    private val mpp = "Mozilla/5.0" // Apple Mail Privacy Protection's prefetch
    private val iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"

    @Test
    fun `an Apple MPP open and a human open are counted apart, per link`() {
        val pixel = ring.issue("open", recipient, now = sent)
        val stats = Stats()
        for ((at, userAgent) in listOf(sent.plusSeconds(2) to mpp, sent.plusSeconds(8100) to iphone)) {
            val verified = tracker.resolveOpen(ring, pixel, at).verified!!
            val event = trackingEventFromVerified(verified, at).copy(userAgent = userAgent)
            stats.record(event)
        }
        // A click from another recipient's link, and a HEAD request of a scanner.
        val other = recipient.copy(recipient = 1002uL, link = 0u)
        stats.record("click", other, sent.plusSeconds(600), userAgent = iphone)
        stats.record("click", other, sent.plusSeconds(601), userAgent = iphone)
        stats.record("click", other.copy(link = 1u), sent.plusSeconds(5), headRequest = true, ip = "192.0.2.7")
        assertEquals(5uL, stats.eventCount())

        val verdicts = stats.verdicts()
        assertEquals(Verdict("machine", "apple_mpp_user_agent"), verdicts[0])
        assertEquals(Verdict("human", "human"), verdicts[1])
        assertEquals(Verdict("machine", "head_request"), verdicts[4])

        val report = stats.report()
        val message = report.message(account = 7uL, message = 42uL)!!
        assertEquals(MessageKey(account = 7uL, message = 42uL), message.message)
        assertEquals(message, report.message(MessageKey(7uL, 42uL, null)))
        assertEquals(listOf(message), report.messages())
        val opens = message.opens
        assertEquals(listOf(2uL, 1uL), listOf(opens.total, opens.uniqueLinks)) // one pixel: per link, not per person
        assertEquals(listOf(1uL, 1uL, 1uL, 1uL), listOf(opens.humanTotal, opens.humanUniqueLinks, opens.machineTotal, opens.machineUniqueLinks))
        assertEquals(mapOf("apple_mpp_user_agent" to 1uL), opens.machineByRule)
        assertEquals(Pair(sent.plusSeconds(2), sent.plusSeconds(8100)), Pair(opens.firstAt, opens.lastAt))
        assertEquals(Pair(sent.plusSeconds(8100), sent.plusSeconds(8100)), Pair(opens.humanFirstAt, opens.humanLastAt))
        assertEquals(listOf(3uL, 2uL, 2uL, 1uL), listOf(message.clicks.total, message.clicks.uniqueLinks, message.clicks.humanTotal, message.clicks.humanUniqueLinks))
        assertEquals(2uL, message.link(0u)!!.clicks.total)
        assertEquals(mapOf("head_request" to 1uL), message.link(1u)!!.clicks.machineByRule)
        assertEquals(2uL, message.recipient(1002uL)!!.link(0u)!!.clicks.humanTotal)
        assertEquals(2uL, message.recipient(1001uL)!!.opens.total)
        assertNull(message.recipient(1003uL))
        assertEquals(Pair(2uL, 3uL), Pair(report.opens().total, report.clicks().total))
        assertNull(report.message(account = 7uL, message = 99uL))
        assertContains(report.toJson(), "\"machine_by_rule\":{\"apple_mpp_user_agent\":1}")

        // Raw events are kept for the host to store and re-aggregate.
        val again = Stats.fromEventsJson(stats.eventsJson())
        assertEquals(stats.events(), again.events())
        assertEquals(stats.events(), Stats.fromEvents(stats.events()).events())
        // Re-aggregated with rules that leave out Apple's user agent: both opens are human.
        val rules = MachineRules.fromJson("""{"rules": [{"type": "head_request", "source": "RFC 9110", "checked_on": "2026-11-30"}]}""")
        assertEquals(listOf("head_request"), rules.ruleNames())
        val tuned = Stats.fromEvents(stats.events(), rules).report().message(7uL, 42uL)!!
        assertEquals(2uL, tuned.opens.humanTotal)
        assertEquals(rules, Stats(rules).rules())
    }

    @Test
    fun `machine rules round trip and name what is wrong`() {
        val builtin = MachineRules.builtin()
        assertTrue("apple_mpp_user_agent" in builtin.ruleNames())
        assertTrue(builtin.about().isNotEmpty())
        assertEquals(builtin, MachineRules.fromJson(builtin.toJson()))
        assertEquals(builtin, Stats().rules())

        val json = trackingError("tracking.invalid_rules_json") { MachineRules.fromJson("{\n  \"rules\": [") }
        assertEquals(2uL, json.line)
        assertTrue(json.column!! > 0uL && json.detail!!.isNotEmpty())
        val range = trackingError("tracking.invalid_ip_range") {
            MachineRules.fromJson("""{"rules": [{"type": "ip_range", "name": "office", "ranges": ["10.0.0.0/33"], "source": "our VPN", "checked_on": "2026-11-30"}]}""")
        }
        assertEquals(listOf("rules[0] (office)", "ranges[0]", "10.0.0.0/33"), listOf(range.entry, range.field, range.value))
        assertTrue(range.rule!!.startsWith("not an IP address or CIDR range"))
        val rule = trackingError("tracking.invalid_machine_rule") { MachineRules.fromJson("""{"rules": [{"type": "moon_phase", "source": "x", "checked_on": "2026-11-30"}]}""") }
        assertEquals("type", rule.field)
        val head = """{"type": "head_request", "source": "x", "checked_on": "2026-11-30"}"""
        val duplicate = trackingError("tracking.duplicate_rule_name") { MachineRules.fromJson("""{"rules": [$head, $head]}""") }
        assertEquals(Triple("head_request", 0uL, 1uL), Triple(duplicate.name, duplicate.first, duplicate.second))
    }

    @Test
    fun `events are checked before they are counted`() {
        val reset = ring.verify("password_reset", ring.issue("password_reset", Claims(account = 7uL), now = sent), sent)
        val notTracking = trackingError("tracking.not_a_tracking_token") { trackingEventFromVerified(reset, sent) }
        assertEquals("password_reset", notTracking.purpose)
        val stats = Stats()
        val kind = assertFailsWith<EnvoiException.Argument> { stats.record("view", recipient, sent) }
        assertEquals("argument.unknown_event_kind", kind.code())
        val ip = assertFailsWith<EnvoiException.Argument> { stats.record("open", recipient, sent, ip = "10.0.0.300") }
        assertEquals("argument.invalid_ip", ip.code())
        assertTrue(ip.message().startsWith("event.ip: "), ip.message())
        val many = assertFailsWith<EnvoiException.Argument> { Stats.fromEvents(listOf(TrackingEvent("open", recipient, sent), TrackingEvent("click", recipient, Instant.MAX))) }
        assertEquals("argument.instant_out_of_range", many.code())
        assertTrue(many.message().startsWith("events[1].at: "), many.message())
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { Stats.fromEventsJson("[{\"kind\": \"open\"}]") }.code())
        assertEquals(0uL, stats.eventCount())
        assertEquals("[]", stats.eventsJson())
    }

    // ---- Secure email -------------------------------------------------------------------------

    private val reader = Claims(account = 7uL, message = 42uL, recipient = 1001uL)

    @Test
    fun `a secure email opens with its link and its code, once per code`() {
        val (access, token) = SecureAccess.create(ring, reader, now = sent)
        assertEquals(reader, SecureAccess.readLink(ring, token, sent))
        assertEquals(SecureAccessPolicy(), access.policy())
        assertEquals(Pair(sent, sent.plus(Duration.ofDays(30))), Pair(access.createdAt(), access.expiresAt()))
        assertEquals(reader, access.claims())
        // The link is sealed: another purpose's ring check refuses it, a flipped character too.
        assertEquals("token.wrong_purpose", assertFailsWith<EnvoiException.Token> { ring.verify("open", token, sent) }.code())

        trackingError("tracking.secure_code_required") { access.open(ring, token, now = sent) }
        trackingError("tracking.secure_no_code_issued") { access.open(ring, token, "123456", sent) }
        val code = access.issueCode(ring, sent)
        assertEquals(1u, access.codesIssued())
        assertEquals(5u, access.attemptsLeft())
        val challenge = access.challenge()!!
        assertEquals(Pair("secure_email", sent.plusSeconds(900)), Pair(challenge.purpose(), challenge.expiresAt()))
        val wrongCode = if (code == "000000") "000001" else "000000"
        val wrong = trackingError("tracking.secure_wrong_code") { access.open(ring, token, wrongCode, sent.plusSeconds(10)) }
        assertEquals(4u, wrong.attemptsLeft)
        assertEquals(1u, access.failedAttempts())
        val malformed = trackingError("tracking.secure_code_malformed") { access.open(ring, token, "12", sent.plusSeconds(10)) }
        assertTrue(malformed.detail!!.isNotEmpty())
        assertEquals(1u, access.failedAttempts()) // not a guess: not counted

        // The host stores the access after every call and opens the stored one.
        val stored = SecureAccess.fromJson(access.toJson())
        assertEquals(access, stored)
        val opened = stored.open(ring, token, code, ZonedDateTime.ofInstant(sent.plusSeconds(20), ZoneId.of("Europe/Brussels")))
        assertEquals(SecureOpen(reader, sent.plusSeconds(20), 1u), opened)
        assertEquals(Triple(1u, sent.plusSeconds(20), sent.plusSeconds(20)), Triple(stored.openCount(), stored.firstOpenedAt(), stored.lastOpenedAt()))
        trackingError("tracking.secure_code_used") { stored.open(ring, token, code, sent.plusSeconds(30)) }
        val next = stored.issueCode(ring, sent.plusSeconds(40))
        stored.open(ring, token, next, sent.plusSeconds(50))
        assertEquals(2u, stored.openCount())
        assertNull(stored.lock())
        assertNull(stored.lockAt(sent.plusSeconds(60)))
        assertEquals(AccessLock("expired", sent.plus(Duration.ofDays(30))), stored.lockAt(sent.plus(Duration.ofDays(31))))
    }

    @Test
    fun `every secure access error has its code and fields`() {
        val (access, token) = SecureAccess.create(ring, reader, now = sent)
        // Links: forged (the key ring's code), for another access.
        val middle = token.length / 2
        val forged = token.replaceRange(middle, middle + 1, if (token[middle] == 'A') "B" else "A")
        assertEquals("token.bad_tag", assertFailsWith<EnvoiException.Token> { access.open(ring, forged, "123456", sent) }.code())
        assertEquals("token.bad_tag", assertFailsWith<EnvoiException.Token> { SecureAccess.readLink(ring, forged, sent) }.code())
        val otherToken = SecureAccess.create(ring, reader.copy(recipient = 1002uL), now = sent).token
        val mismatch = trackingError("tracking.secure_link_mismatch") { access.open(ring, otherToken, "123456", sent) }
        assertEquals(Pair(reader, reader.copy(recipient = 1002uL)), Pair(mismatch.expected, mismatch.found))

        // A code expires; a code's own attempts run out (the access is not locked).
        val strict = SecureAccessPolicy(code = CodePolicy(maxAttempts = 1u), codeValiditySeconds = 60u, maxCodes = 2u)
        val (limited, link) = SecureAccess.create(ring, reader, sent, strict)
        val first = limited.issueCode(ring, sent)
        val expired = trackingError("tracking.secure_code_expired") { limited.open(ring, link, first, sent.plusSeconds(60)) }
        assertEquals(sent.plusSeconds(60), expired.expiresAt)
        val second = limited.issueCode(ring, sent.plusSeconds(60))
        // One attempt per code: the wrong one was the last, the right one comes too late.
        trackingError("tracking.secure_code_locked") { limited.open(ring, link, if (second == "000000") "000001" else "000000", sent.plusSeconds(61)) }
        trackingError("tracking.secure_code_locked") { limited.open(ring, link, second, sent.plusSeconds(62)) }
        assertEquals(1u, limited.failedAttempts())
        assertEquals(2u, trackingError("tracking.secure_too_many_codes") { limited.issueCode(ring, sent.plusSeconds(63)) }.max)
        assertNull(limited.lock())

        // Too many wrong codes lock the access.
        val (fragile, fragileLink) = SecureAccess.create(ring, reader, sent, SecureAccessPolicy(maxFailedAttempts = 1u))
        val code = fragile.issueCode(ring, sent)
        val locked = trackingError("tracking.secure_locked") { fragile.open(ring, fragileLink, if (code == "000000") "000001" else "000000", sent) }
        assertEquals(AccessLock("too_many_attempts", sent), locked.lock)
        assertEquals(AccessLock("too_many_attempts", sent), fragile.lock())
        assertEquals(0u, fragile.attemptsLeft())

        // Revoked, expired.
        access.revoke(sent.plusSeconds(5))
        assertEquals(AccessLock("revoked", sent.plusSeconds(5)), trackingError("tracking.secure_locked") { access.issueCode(ring, sent.plusSeconds(6)) }.lock)
        val (late, lateLink) = SecureAccess.create(ring, reader, sent, SecureAccessPolicy(validitySeconds = 3600u, requireCode = false))
        assertEquals("expired", trackingError("tracking.secure_locked") { late.open(ring, lateLink, now = sent.plusSeconds(3600)) }.lock!!.reason)

        // A policy without code opens with the link alone.
        val (open, openLink) = SecureAccess.create(ring, reader, sent, SecureAccessPolicy(requireCode = false))
        trackingError("tracking.secure_code_not_required") { open.issueCode(ring, sent) }
        assertEquals(1u, open.open(ring, openLink, now = sent).openCount)

        // Options and claims.
        val validity = trackingError("tracking.invalid_option") { SecureAccess.create(ring, reader, sent, SecureAccessPolicy(validitySeconds = 0u)) }
        assertEquals(Pair("validity_seconds", "0"), Pair(validity.field, validity.value))
        assertEquals("code.length", trackingError("tracking.invalid_option") { SecureAccess.create(ring, reader, sent, SecureAccessPolicy(code = CodePolicy(length = 4u))) }.field)
        assertEquals("alphabet", assertFailsWith<EnvoiException.Token> { SecureAccess.create(ring, reader, sent, SecureAccessPolicy(code = CodePolicy(alphabet = "hex"))) }.field)
        assertEquals("claims.link", trackingError("tracking.invalid_claims") { SecureAccess.create(ring, reader.copy(link = 0u), sent) }.field)
        assertEquals("argument.invalid_json", assertFailsWith<EnvoiException.Argument> { SecureAccess.fromJson("{}") }.code())
    }

    // ---- The README's example ------------------------------------------------------------------

    @Test
    fun `the README example runs`() {
        // The host's side, as the README leaves it to the reader.
        val oldSecret = ByteArray(32) { 1 }
        val newSecret = ByteArray(32) { 2 }
        val sms = mutableListOf<String>()
        fun sendSms(text: String) { sms += text }
        val linkStore = mutableMapOf<ULong, String>()
        fun saveLinks(message: ULong, json: String) { linkStore[message] = json }
        fun loadLinks(message: ULong) = linkStore.getValue(message)
        val html = """<p><a href="https://example.com/offer">Offer</a> <a href="mailto:shop@example.com">Mail</a></p>"""
        val textPart = "Offer: https://example.com/offer"

        val ring = KeyRing(mapOf(1 to oldSecret, 2 to newSecret), active = 2)
        val claims = Claims(account = 7uL, message = 42uL, recipient = 1001uL)

        val token = ring.issue("password_reset", Claims(account = 7uL), expires = Duration.ofHours(1))
        val verified = ring.verify("password_reset", token)
        assertEquals(Pair(2u, 22), Pair(verified.keyId, verified.tokenId.length))
        assertEquals(claims, ring.verify("click", ring.issue("click", claims, sealed = true)).claims)

        val (code, challenge) = ring.issueCode("sender_verification", claims, "verification-8812", expires = Duration.ofMinutes(15))
        sendSms(code)
        val stored = challenge.toJson()
        val typed = sms.last()
        assertEquals(claims, ring.checkCode("sender_verification", CodeChallenge.fromJson(stored), typed).claims)

        val tracker = Tracker("https://t.example.com", "https://example.com/")
        val tracked = tracker.track(ring, html, claims, text = textPart, expires = Duration.ofDays(365))
        assertEquals(listOf("https://example.com/offer"), tracked.links)
        saveLinks(42uL, tracked.linksJson)
        assertEquals(listOf(UntrackedLink(part = "html", href = "mailto:shop@example.com", reason = "other_scheme")), tracked.untracked)

        val clickToken = tokenOf(hrefs(tracked.html).single())
        val resolution = tracker.resolveClick(ring, clickToken) { c -> linkTargetsFromJson(loadLinks(c.message!!)).getOrNull(c.link!!.toInt()) }
        assertEquals("https://example.com/offer", resolution.url)
        assertNotNull(resolution.verified)
        val pixelToken = tokenOf(tracked.openUrl)
        val opened = tracker.resolveOpen(ring, pixelToken).verified!!

        val at = Instant.now()
        val at2 = at.plusSeconds(3600)
        val stats = Stats()
        stats.record(trackingEventFromVerified(opened, at).copy(userAgent = "Mozilla/5.0"))
        stats.record("open", claims, at2, userAgent = iphone)
        val message = stats.report().message(account = 7uL, message = 42uL)!!
        assertEquals(Pair(2uL, 1uL), Pair(message.opens.total, message.opens.uniqueLinks))
        assertEquals(Pair(1uL, mapOf("apple_mpp_user_agent" to 1uL)), Pair(message.opens.humanTotal, message.opens.machineByRule))
        assertEquals(2uL, message.recipient(1001uL)?.opens?.total)
        assertNull(message.link(0u)?.clicks)
        assertEquals(listOf(Verdict("machine", "apple_mpp_user_agent"), Verdict("human", "human")), stats.verdicts())
        assertEquals(stats.events(), Stats.fromEventsJson(stats.eventsJson(), MachineRules.builtin()).events())

        val (access, link) = SecureAccess.create(ring, claims)
        sendSms(access.issueCode(ring))
        assertEquals(claims, SecureAccess.readLink(ring, link))
        val typedCode = sms.last()
        assertEquals(1u, access.open(ring, link, typedCode).openCount)
        access.revoke()
        assertEquals("revoked", trackingError("tracking.secure_locked") { access.open(ring, link, typedCode) }.lock!!.reason)
    }
}
