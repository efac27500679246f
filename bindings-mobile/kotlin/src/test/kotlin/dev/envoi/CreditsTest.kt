package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The credit ledger through the Kotlin binding (generated Instant API and the ZonedDateTime layer).
 * The expectations are the core's (SPEC section 6, core/src/credits/ledger.rs).
 */
class CreditsTest {
    private val brussels: ZoneId = ZoneId.of("Europe/Brussels")

    private fun at(text: String): Instant = Instant.parse(text)

    private fun local(text: String): ZonedDateTime = ZonedDateTime.of(java.time.LocalDateTime.parse(text), brussels)

    private fun creditError(block: () -> Unit): EnvoiException.Credit {
        val error = assertFailsWith<EnvoiException> { block() }
        assertIs<EnvoiException.Credit>(error)
        assertEquals("credits", error.family())
        return error
    }

    @Test
    fun `buy 1000 SMS, use 300, buy 500 a year later, then two years without an order`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 1000, at("2025-03-01T10:00:00Z"))
        ledger.consume("march-newsletter", "sms", 300, at("2025-03-15T10:00:00Z"))
        val second = ledger.purchase("o2", "sms", 500, at("2026-03-01T10:00:00Z"))
        assertEquals("active", second.status)
        assertEquals(at("2028-03-01T10:00:00Z"), second.expiresAt)

        val balance = ledger.balance("sms", at("2026-03-02T00:00:00Z"))
        assertEquals(1200uL, balance.available)
        assertEquals(at("2028-03-01T10:00:00Z"), balance.expiresAt) // 24 months after the second order
        assertEquals(Triple(1500uL, 300uL, 0uL), Triple(balance.bought, balance.consumed, balance.expired))

        val expired = ledger.balance("sms", at("2028-03-01T10:00:00Z")) // half-open: expired at the instant
        assertEquals(0uL, expired.available)
        assertEquals(1200uL, expired.expired)
        assertNull(expired.expiresAt)
        assertEquals(0, ledger.lotsAt(at("2028-03-01T10:00:00Z")).sumOf { it.available.toInt() })
    }

    @Test
    fun `a pending order adds nothing until it is activated, and a voided one never`() {
        val ledger = Ledger()
        val pending = ledger.purchase("o1", "email", 500, at("2026-01-05T09:00:00Z"), pending = true)
        assertEquals("pending", pending.status)
        assertNull(pending.lot)
        assertEquals(0uL, ledger.balance("email", at("2026-01-06T00:00:00Z")).available)

        val active = ledger.activate("o1", at("2026-01-08T09:00:00Z"))
        assertEquals("active", active.status)
        assertEquals(1uL, active.lot)
        assertEquals(at("2028-01-08T09:00:00Z"), active.expiresAt)
        assertEquals(500uL, ledger.balance("email", at("2026-01-09T00:00:00Z")).available)
        assertTrue(ledger.activate("o1", at("2026-01-09T09:00:00Z")).replayed)

        ledger.purchase("o2", "email", 100, at("2026-01-10T09:00:00Z"), pending = true)
        val voided = ledger.voidOrder("o2", at("2026-01-11T09:00:00Z"))
        assertEquals("voided", voided.status)
        assertNull(voided.lot) // cancelled while pending: it never had a lot
        assertEquals(1uL, ledger.voidOrder("o1", at("2026-01-11T10:00:00Z")).lot) // voided after activation
        assertEquals(at("2026-01-11T09:00:00Z"), voided.voidedAt)
        val error = creditError { ledger.activate("o2", at("2026-01-12T09:00:00Z")) }
        assertEquals("credits.order_voided", error.code())
        assertEquals("o2", error.orderId)
        assertEquals("credits.order_not_found", creditError { ledger.activate("nope", at("2026-01-12T09:00:00Z")) }.code())
    }

    @Test
    fun `reserve, commit part of it, release another`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        val reservation = ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"))
        assertEquals(listOf(LotUnits(lot = 1uL, units = 4uL)), reservation.lots)
        assertNull(reservation.timesOutAt) // no timeout: never times out
        assertEquals(4uL, ledger.balance("sms", at("2026-01-06T09:00:01Z")).reserved)

        val partial = ledger.commit("send-1", at("2026-01-06T09:01:00Z"), units = 3)
        assertEquals(Settled(consumed = 3uL, released = 1uL, timedOut = false), partial)
        assertEquals("credits.reservation_already_committed", creditError { ledger.commit("send-1", at("2026-01-06T09:02:00Z")) }.code())

        ledger.reserve("send-2", "sms", 5, at("2026-01-06T10:00:00Z"))
        assertEquals(5uL, ledger.release("send-2", at("2026-01-06T10:01:00Z")).released)
        val error = creditError { ledger.commit("send-2", at("2026-01-06T10:02:00Z")) }
        assertEquals("credits.reservation_already_released", error.code())
        assertEquals("send-2", error.key)

        val balance = ledger.balance("sms", at("2026-01-07T00:00:00Z"))
        assertEquals(Triple(3uL, 0uL, 7uL), Triple(balance.consumed, balance.reserved, balance.available))
    }

    @Test
    fun `a reservation times out at exactly reserved_at plus the timeout`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        val reservation = ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"), timeoutS = 60)
        assertEquals(at("2026-01-06T09:01:00Z"), reservation.timesOutAt)
        assertEquals(4uL, ledger.balance("sms", at("2026-01-06T09:00:59Z")).reserved)
        // No cleanup job: at the timeout the hold is gone from every query.
        assertEquals(10uL, ledger.balance("sms", at("2026-01-06T09:01:00Z")).available)

        val late = creditError { ledger.commit("send-1", at("2026-01-06T09:01:00Z")) }
        assertEquals("credits.reservation_timed_out", late.code())
        assertEquals("send-1", late.key)
        val version = ledger.version()
        val release = ledger.release("send-1", at("2026-01-06T09:02:00Z"))
        assertTrue(release.timedOut)
        assertEquals(version, ledger.version()) // a release after the timeout writes nothing
    }

    @Test
    fun `a replay returns the same result and writes nothing`() {
        val ledger = Ledger()
        val first = ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        val consumed = ledger.consume("mail-1", "sms", 4, at("2026-01-06T09:00:00Z"))
        val version = ledger.version()
        assertEquals(2uL, version)

        val again = ledger.purchase("o1", "sms", 10, at("2026-01-07T09:00:00Z"))
        assertTrue(again.replayed)
        assertFalse(first.replayed)
        assertEquals(first.copy(replayed = true), again)
        val consumedAgain = ledger.consume("mail-1", "sms", 4, at("2026-01-07T09:05:00Z"))
        assertEquals(consumed.copy(replayed = true), consumedAgain) // the first time is kept
        assertEquals(version, ledger.version())
        assertTrue(ledger.entriesSince(version.toLong()).isEmpty())
        assertEquals(6uL, ledger.balance("sms", at("2026-01-08T00:00:00Z")).available)
    }

    @Test
    fun `an idempotency conflict names the key`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        val error = creditError { ledger.purchase("o1", "sms", 20, at("2026-01-06T09:00:00Z")) }
        assertEquals("credits.idempotency_conflict", error.code())
        assertEquals("o1", error.key)
        assertTrue(error.message().startsWith("o1: already used for a purchase of 10 sms units"))
        assertEquals(1uL, ledger.version())
    }

    @Test
    fun `insufficient credit carries needed, available and kind`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 5, at("2026-01-05T09:00:00Z"))
        val error = creditError { ledger.reserve("send-1", "sms", 8, at("2026-01-06T09:00:00Z")) }
        assertEquals("credits.insufficient_credit", error.code())
        assertEquals(8uL, error.needed)
        assertEquals(5uL, error.available)
        assertEquals("sms", error.kind)
        assertEquals("sms: 8 units needed, 5 available", error.message())
        assertNull(error.key)
        // A refused operation writes nothing and is not remembered: after a top-up the retry works.
        ledger.purchase("o2", "sms", 5, at("2026-01-06T10:00:00Z"))
        assertFalse(ledger.reserve("send-1", "sms", 8, at("2026-01-06T10:01:00Z")).replayed)
    }

    @Test
    fun `exceeds_reserved and time_regression carry their numbers`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"))
        val exceeds = creditError { ledger.commit("send-1", at("2026-01-06T09:01:00Z"), units = 5) }
        assertEquals("credits.exceeds_reserved", exceeds.code())
        assertEquals(Triple("send-1", 4uL, 5uL), Triple(exceeds.key, exceeds.reserved, exceeds.requested))

        val regression = creditError { ledger.consume("late", "sms", 1, at("2026-01-01T00:00:00Z")) }
        assertEquals("credits.time_regression", regression.code())
        assertEquals(at("2026-01-01T00:00:00Z"), regression.at)
        assertEquals(at("2026-01-06T09:00:00Z"), regression.last)
        assertEquals(at("2026-01-06T09:00:00Z"), ledger.lastOperationAt())
    }

    @Test
    fun `entries round-trip through JSON and fromEntries`() {
        val ledger = Ledger("Europe/Brussels", validityMonths = 12)
        val loaded = ledger.version()
        ledger.purchase("o1", "sms", 100, at("2026-01-05T09:00:00Z"))
        ledger.reserve("send-1", "sms", 10, at("2026-01-06T09:00:00Z"), timeoutS = 600)
        ledger.commit("send-1", at("2026-01-06T09:01:00Z"), units = 7)
        ledger.adjust("goodwill-1", "sms", 50, "outage on 3 Jan", at("2026-01-07T09:00:00Z"))
        val entries = ledger.entries()
        assertEquals(4, entries.size)
        assertEquals(entries, ledger.entriesSince(loaded.toLong()))
        assertEquals(
            """{"op":"purchase","order_id":"o1","kind":"sms","units":100,"pending":false,"at":"2026-01-05T09:00:00Z"}""",
            entries[0],
        )

        val again = Ledger.fromEntries(entries, "Europe/Brussels", validityMonths = 12)
        assertEquals(ledger.version(), again.version())
        assertEquals(12u, again.validityMonths())
        val t = at("2026-02-01T00:00:00Z")
        assertEquals(ledger.balance("sms", t), again.balance("sms", t))
        assertEquals(ledger.lotsAt(t), again.lotsAt(t))
        assertEquals(at("2027-01-05T09:00:00Z"), again.balance("sms", t).expiresAt) // 12 months

        val json = assertFailsWith<EnvoiException.Argument> { Ledger.fromEntries(listOf("""{"op":"steal"}""")) }
        assertEquals("argument.invalid_json", json.code())
        assertTrue(json.message().startsWith("entries[0]: not a credit entry"))
        val replayed = creditError { Ledger.fromEntries(listOf(entries[0], entries[0])) }
        assertEquals("credits.invalid_entries", replayed.code())
    }

    @Test
    fun `an out-of-range instant, a bad kind and a negative count are refused with clear errors`() {
        val ledger = Ledger()
        val t = at("2026-01-05T09:00:00Z")
        val far = assertFailsWith<EnvoiException.Argument> { ledger.purchase("o1", "sms", 10, Instant.MAX) }
        assertEquals("argument.instant_out_of_range", far.code())
        assertTrue(far.message().startsWith("at: "))

        val kind = creditError { ledger.purchase("o1", "SMS", 10, t) }
        assertEquals("credits.invalid_kind", kind.code())
        assertEquals("""kind: "SMS" is not a credit kind; kinds are 1 to 32 of a-z, 0-9 and _""", kind.message())
        assertEquals("credits.invalid_kind", creditError { ledger.balance("", t) }.code())

        val negative = creditError { ledger.purchase("o1", "sms", -10, t) }
        assertEquals("credits.invalid_units", negative.code())
        assertEquals("units", negative.field)
        assertTrue(negative.message().startsWith("units: -10 is not a number of units"), negative.message())
        assertEquals("credits.invalid_units", creditError { ledger.adjust("a1", "sms", Long.MIN_VALUE, "fix", t) }.code())
        assertEquals("credits.invalid_units", creditError { ledger.purchase("o1", "sms", 0, t) }.code())
        assertEquals("time.unknown_zone", assertFailsWith<EnvoiException.Time> { Ledger("Mars/Olympus") }.code())
        assertEquals("credits.invalid_argument", creditError { Ledger(validityMonths = 0) }.code())
        assertEquals(0uL, ledger.version())
    }

    @Test
    fun `a host kind, grants and removals, lots, notices and the statement`() {
        val ledger = Ledger()
        ledger.purchase("o1", "fax", 100, local("2024-01-05T10:00"))
        val grant = ledger.adjust("goodwill-1", "fax", 20, "outage", local("2024-02-01T10:00"))
        assertEquals(2uL, grant.lot)
        assertNull(ledger.adjust("fix-1", "fax", -30, "granted twice", local("2024-02-02T10:00")).lot)
        val removalError = creditError { ledger.adjust("fix-2", "fax", -1000, "too much", local("2024-02-03T10:00")) }
        assertEquals("credits.insufficient_credit", removalError.code())

        val lots = ledger.lotsAt(local("2024-03-01T00:00"))
        assertEquals(listOf("order", "grant"), lots.map { it.source })
        assertEquals(listOf("o1", "goodwill-1"), lots.map { it.reference })
        assertEquals("outage", lots[1].reason)
        assertEquals(90uL, lots.sumOf { it.available })

        val notices = ledger.noticesAt(local("2025-12-20T10:00"), mapOf("fax" to 100L, "sms" to 0L), withinDays = 30)
        assertEquals(setOf("fax", "sms"), notices.lowBalance.map { it.kind }.toSet())
        // Only the order's lot (70 left after the removal) expires within 30 days; the grant's is later.
        assertEquals(70uL, notices.expiring.single().units)
        assertEquals(local("2026-01-05T10:00"), ledger.atZone(notices.expiring.single().expiresAt))
        val days = assertFailsWith<EnvoiException.Argument> { ledger.noticesAt(Instant.EPOCH, emptyMap(), -1) }
        assertEquals("argument.out_of_range", days.code())

        val lines = ledger.statement(local("2024-01-01T00:00"), local("2030-01-01T00:00"))
        assertEquals(listOf("purchase", "activation", "grant", "removal", "expiry", "expiry"), lines.map { it.event })
        assertEquals(listOf(100L, 100L, 20L, -30L, -70L, -20L), lines.map { it.units })
    }

    @Test
    fun `ZonedDateTime overloads - only the instant counts, the account zone counts the months`() {
        val ledger = Ledger("America/New_York")
        assertEquals(ZoneId.of("America/New_York"), ledger.zoneId)
        // 29 February 2024 at 23:30 in Brussels is 17:30 in New York, same day: +24 months clamps to 28 February.
        val order = ledger.purchase("o1", "sms", 10, local("2024-02-29T23:30"))
        assertEquals("2026-02-28T17:30-05:00", ledger.atZone(order.expiresAt!!).toOffsetDateTime().toString())
        ledger.reserve("send-1", "sms", 2, local("2024-03-01T09:00"), timeoutS = 30)
        assertEquals(Settled(2uL, 0uL, false), ledger.commit("send-1", local("2024-03-01T09:00:10")))
        assertEquals(8uL, ledger.balance("sms", local("2024-03-02T00:00")).available)
    }

    @Test
    fun `one ledger shared by threads loses no operation`() {
        val ledger = Ledger()
        ledger.purchase("o1", "sms", 1000, at("2026-01-05T09:00:00Z"))
        val t = at("2026-01-06T09:00:00Z")
        val pool = Executors.newFixedThreadPool(8)
        repeat(200) { i -> pool.submit { ledger.consume("send-$i", "sms", 2, t) } }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        assertEquals(201uL, ledger.version())
        assertEquals(600uL, ledger.balance("sms", at("2026-01-07T00:00:00Z")).available)
    }

    @Test
    fun `a panic in Rust does not cross, and ledgers keep working`() {
        val ledger = Ledger()
        assertFailsWith<EnvoiException.Internal> { envoiPanicForTest() }
        ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
        assertEquals(10uL, ledger.balance("sms", at("2026-01-06T00:00:00Z")).available)
    }
}
