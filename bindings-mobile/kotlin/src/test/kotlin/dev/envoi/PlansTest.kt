package dev.envoi

import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import java.time.YearMonth
import java.time.ZoneId
import java.time.ZonedDateTime
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The billing plans through the Kotlin binding: the block plan (Plannit) and the pay-as-you-go
 * monthly statement (Click & Post). The expectations are the core's (SPEC section 6,
 * core/src/credits/blocks.rs and payg.rs), as in bindings-python/tests/test_credits_plans.py.
 */
class PlansTest {
    private val brussels: ZoneId = ZoneId.of("Europe/Brussels")

    private fun at(text: String): Instant = Instant.parse(text)

    private fun midnight(date: LocalDate): Instant = date.atStartOfDay(brussels).toInstant()

    private fun creditError(block: () -> Unit): EnvoiException.Credit {
        val error = assertFailsWith<EnvoiException> { block() }
        assertIs<EnvoiException.Credit>(error)
        assertEquals("credits.invalid_argument", error.code())
        return error
    }

    /** USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels). */
    private fun plan(): BlockPlan = BlockPlan(500, "25", "USD", at("2026-01-31T09:00:00Z"))

    @Test
    fun `periods start on the subscription day, clamped to the month's end`() {
        val p = plan()
        assertEquals(500u, p.blockSize())
        assertEquals(Money("25", "USD"), p.fee())
        assertEquals("Europe/Brussels", p.zone())
        assertEquals(LocalDate.of(2026, 1, 31), p.subscriptionDay())
        assertEquals(at("2026-01-31T09:00:00Z"), p.subscribedAt())
        assertNull(p.end())
        val days = (0L..3L).map { assertNotNull(p.period(it)).firstDay }
        assertEquals(
            listOf(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30)),
            days,
        )
        val february = assertNotNull(p.period(1))
        assertEquals(1u, february.index)
        assertEquals(midnight(LocalDate.of(2026, 2, 28)), february.start) // local midnight
        assertEquals(midnight(LocalDate.of(2026, 3, 31)), february.end)
        assertTrue(february.contains(february.start))
        assertFalse(february.contains(february.end))
        assertEquals(p.period(1), february) // a record: equal by value
        assertEquals(p.period(1).hashCode(), february.hashCode())

        // A send belongs to the period of its instant on the wall clock.
        val inMarch = assertNotNull(p.periodAt(at("2026-03-30T22:30:00Z"))) // 00:30 on 31 March in Brussels
        assertEquals(2u, inMarch.index)
        assertEquals(1u, p.periodAt(at("2026-03-30T21:59:59Z"))?.index)
        assertNull(p.periodAt(at("2026-01-31T08:59:59Z"))) // before the subscription
        assertEquals(inMarch, p.periodAt(ZonedDateTime.of(2026, 3, 31, 0, 30, 0, 0, brussels)))
        assertNull(p.period(UInt.MAX_VALUE.toLong())) // beyond the supported dates

        val negative = assertFailsWith<EnvoiException.Argument> { p.period(-1) }
        assertEquals("argument.invalid_index", negative.code())
        assertTrue(negative.message().startsWith("index: -1 is negative"))
    }

    @Test
    fun `the fee is billed upfront, 1,200 SMS give 2 extra blocks on the next period's first day`() {
        val p = plan()
        val march = assertNotNull(p.period(2))
        val items = p.bill(march, 1_200)
        assertEquals(
            listOf(Triple("block_fee", 500u, null), Triple("extra_blocks", 500u, 1_200uL)),
            items.map { Triple(it.charge, it.blockSize, it.usage) },
        )
        assertEquals(listOf(1uL, 2uL), items.map { it.quantity })
        val (fee, extra) = items
        assertEquals(LocalDate.of(2026, 3, 31), fee.billedOn)
        assertEquals(march.start, fee.periodStart)
        assertEquals(march.end, fee.periodEnd)
        assertNull(fee.kind)
        // The extra blocks cover the previous period (from 28 February) and are billed on 31 March.
        assertEquals(LocalDate.of(2026, 3, 31), extra.billedOn)
        assertEquals(midnight(LocalDate.of(2026, 2, 28)), extra.periodStart)
        assertEquals(march.start, extra.periodEnd)
        assertEquals(Money("25", "USD"), extra.unitPrice)
        assertEquals(Money("50", "USD"), extra.amount)
        assertEquals(0, BigDecimal(50).compareTo(extra.amount!!.toBigDecimal()))

        assertEquals(0uL, p.extraBlocks(500))
        assertEquals(1uL, p.extraBlocks(501))
        assertEquals(2uL, p.extraBlocks(1_200))

        // Period 0 has no previous period: its usage must be 0; the first block is billed upfront.
        val first = assertNotNull(p.period(0))
        assertEquals(listOf("block_fee"), p.bill(first, 0).map { it.charge })
        assertEquals(LocalDate.of(2026, 1, 31), p.bill(first, 0).single().billedOn)
        val error = creditError { p.bill(first, 3) }
        assertEquals("previous_usage", error.field)
        // A period that is not the plan's own is refused by the core.
        assertEquals("period", creditError { p.bill(march.copy(index = 3u), 0) }.field)
        val negative = assertFailsWith<EnvoiException.Argument> { p.bill(march, -1) }
        assertEquals("argument.out_of_range", negative.code())
    }

    @Test
    fun `an ended plan bills the last period's extra blocks and no more fees`() {
        val ended = plan().endingAt(at("2026-04-15T12:00:00Z"))
        assertEquals(at("2026-04-15T12:00:00Z"), ended.end())
        val last = assertNotNull(ended.lastPeriod())
        assertEquals(LocalDate.of(2026, 3, 31), last.firstDay)
        val april = assertNotNull(ended.period(3))
        assertTrue(ended.isActive(last))
        assertFalse(ended.isActive(april))
        val items = ended.bill(april, 700)
        assertEquals(listOf(Triple("extra_blocks", 1uL, LocalDate.of(2026, 4, 30))), items.map { Triple(it.charge, it.quantity, it.billedOn) })
        assertEquals(emptyList(), ended.bill(assertNotNull(ended.period(4)), 0))
        assertNull(ended.periodAt(at("2026-04-15T12:00:00Z"))) // the end is excluded
        assertNull(plan().lastPeriod())

        // Immutable values: ending returns a new plan; == and hashCode compare every field.
        assertNotEquals(plan(), ended)
        assertEquals(plan(), plan())
        assertEquals(plan().hashCode(), plan().hashCode())
        assertEquals(ended, plan().endingAt(ZonedDateTime.of(2026, 4, 15, 14, 0, 0, 0, brussels)))
        assertTrue(plan().toString().startsWith("BlockPlan(block_size=500, fee=25.00 USD, "))

        val error = creditError { plan().endingAt(at("2026-01-31T09:00:00Z")) }
        assertEquals("end", error.field)
        assertEquals(
            "end: 2026-01-31T09:00:00+00:00 is not after the subscription instant; an option ends after it starts",
            error.message(),
        )
    }

    @Test
    fun `usage by period`() {
        val p = plan()
        val sends =
            listOf(
                SendUnits(at("2026-01-31T12:00:00Z"), 3),
                SendUnits(midnight(LocalDate.of(2026, 2, 28)), 2), // midnight: the second period
                SendUnits(at("2026-02-28T10:00:00Z"), 1),
                SendUnits(at("2026-01-01T10:00:00Z"), 9), // before the subscription: not on the plan
                SendUnits(at("2026-03-05T10:00:00Z"), 0), // 0 units: left out
            )
        assertEquals(mapOf(0u to 3uL, 1u to 3uL), p.usageByPeriod(sends))
        assertEquals(mapOf(0u to 3uL), p.usageByPeriod(listOf(at("2026-01-31T12:00:00Z") to 3L)))
        assertEquals(emptyMap(), p.usageByPeriod(emptyList<SendUnits>()))
        val negative = assertFailsWith<EnvoiException.Argument> { p.usageByPeriod(listOf(SendUnits(at("2026-02-01T10:00:00Z"), -2))) }
        assertEquals("argument.out_of_range", negative.code())
        assertTrue(negative.message().startsWith("sends[0].units: -2 is negative"))
    }

    @Test
    fun `bad block plan parameters are refused with their codes`() {
        val t = at("2026-01-31T09:00:00Z")
        val zero = creditError { BlockPlan(0, "25", "USD", t) }
        assertEquals("block_size", zero.field)
        assertEquals("block_size: 0 is not a block size; a block holds 1 message or more", zero.message())
        assertEquals("fee", creditError { BlockPlan(500, "-1", "EUR", t) }.field)

        for (text in listOf("25,00", "1e3", "€25", "", "NaN", "2.5.0")) {
            val amount = assertFailsWith<EnvoiException.Money>(text) { BlockPlan(500, text, "EUR", t) }
            assertEquals("money.invalid_amount", amount.code())
            assertEquals("money", amount.family())
        }
        val currency = assertFailsWith<EnvoiException.Money> { BlockPlan(500, "25", "EURO", t) }
        assertEquals("money.unknown_currency", currency.code())
        assertEquals("time.unknown_zone", assertFailsWith<EnvoiException.Time> { BlockPlan(500, "25", "EUR", t, "Mars/Olympus") }.code())
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { BlockPlan(-500, "25", "EUR", t) }.code())
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { BlockPlan(1L shl 40, "25", "EUR", t) }.code())
        assertEquals("argument.instant_out_of_range", assertFailsWith<EnvoiException.Argument> { BlockPlan(500, "25", "EUR", Instant.MAX) }.code())

        // Money as text, exactly: every decimal kept, the currency code upper case.
        assertEquals(Money("0.135", "EUR"), BlockPlan(500, "0.135", "eur", t).fee())
        // BigDecimal overloads write plain decimal text (never through a Double).
        assertEquals(Money("25", "EUR"), BlockPlan(500, BigDecimal("2.5E+1"), "EUR", t).fee())
        assertEquals(Money("0.10", "EUR"), BlockPlan(500, BigDecimal("0.10"), "EUR", ZonedDateTime.of(2026, 1, 31, 10, 0, 0, 0, brussels)).fee())
        assertEquals(BigDecimal("0.135"), Money(BigDecimal("0.135"), "EUR").toBigDecimal())
        assertEquals(LocalDate.of(2026, 1, 31), BlockPlan(500, "25", "EUR", ZonedDateTime.of(2026, 1, 31, 0, 30, 0, 0, brussels)).subscriptionDay())
        // The plan's zone counts the days: 23:30 UTC on 30 January is 31 January in Brussels, not in New York.
        assertEquals(LocalDate.of(2026, 1, 30), BlockPlan(500, "25", "EUR", at("2026-01-30T23:30:00Z"), "America/New_York").subscriptionDay())
    }

    @Test
    fun `a monthly statement bills the letters handed over that month, cancelled ones excluded`() {
        val price = Money("1.234", "EUR")
        val records =
            listOf(
                UsageRecord("job-1", "prior_national", 3, handedOverAt = at("2026-05-04T10:00:00Z"), unitPrice = price),
                UsageRecord("job-2", "prior_national", 2, handedOverAt = at("2026-05-20T10:00:00Z"), unitPrice = price),
                UsageRecord("job-3", "registered", 1, handedOverAt = at("2026-06-01T10:00:00Z")), // June
                UsageRecord("job-4", "registered", 5), // not handed over yet
                UsageRecord("job-5", "registered", 5, cancelled = true), // cancelled: never billed
                // 23:30 UTC on 31 May is 1 June in Brussels: a June letter.
                UsageRecord("job-6", "prior_national", 1, handedOverAt = at("2026-05-31T23:30:00Z")),
                UsageRecord("job-7", "prior_national", 0, handedOverAt = at("2026-05-10T10:00:00Z")), // no unit
            )
        val may = assertNotNull(monthlyStatement(records, 2026, 5))
        assertEquals(Triple(2026, 5u, LocalDate.of(2026, 6, 1)), Triple(may.year, may.month, may.issueDate))
        assertEquals(midnight(LocalDate.of(2026, 5, 1)), may.periodStart)
        assertEquals(midnight(LocalDate.of(2026, 6, 1)), may.periodEnd)
        assertEquals(listOf("job-1", "job-2"), may.recordIds)
        val item = may.items.single()
        assertEquals(listOf("usage", "prior_national"), listOf(item.charge, item.kind))
        assertEquals(5uL, item.quantity)
        assertEquals(LocalDate.of(2026, 6, 1), item.billedOn)
        assertNull(item.blockSize)
        assertEquals(price, item.unitPrice)
        assertEquals(Money("6.170", "EUR"), item.amount) // every decimal kept: round when invoicing

        val june = assertNotNull(monthlyStatement(records, YearMonth.of(2026, 6)))
        assertEquals(listOf("job-3", "job-6"), june.recordIds)
        // One item per kind and unit price, ordered by kind; no unit price, no amount.
        assertEquals(listOf("prior_national", "registered"), june.items.map { it.kind })
        assertEquals(listOf(null, null), june.items.map { it.amount })
        assertNull(monthlyStatement(records, 2026, 7)) // no billable job: no statement
        assertNull(monthlyStatement(emptyList(), 2026, 5))
        // The zone counts the month: in UTC, job-6 is a May letter.
        assertEquals(listOf("job-1", "job-2", "job-6"), monthlyStatement(records, 2026, 5, "UTC")?.recordIds)
    }

    @Test
    fun `monthly statement errors`() {
        assertEquals("month", creditError { monthlyStatement(emptyList(), 2026, 13) }.field)
        assertEquals("month", creditError { monthlyStatement(emptyList(), 2026, 0) }.field)
        assertEquals("year", creditError { monthlyStatement(emptyList(), Int.MAX_VALUE, 5) }.field)
        val twice = listOf(UsageRecord("job-1", "letter", 1), UsageRecord("job-1", "letter", 1))
        val duplicate = creditError { monthlyStatement(twice, 2026, 5) }
        assertEquals("records", duplicate.field)
        assertEquals("""records: id "job-1" appears twice; a job is one record and is billed once""", duplicate.message())
        val contradictory = UsageRecord("job-1", "letter", 1, handedOverAt = at("2026-05-04T10:00:00Z"), cancelled = true)
        assertEquals("records", creditError { monthlyStatement(listOf(contradictory), 2026, 5) }.field)
        assertEquals("kind", creditError { monthlyStatement(listOf(UsageRecord("job-1", " ", 1)), 2026, 5) }.field)

        val amount = assertFailsWith<EnvoiException.Money> {
            monthlyStatement(listOf(UsageRecord("job-1", "letter", 1, unitPrice = Money("1,50", "EUR"))), 2026, 5)
        }
        assertEquals("money.invalid_amount", amount.code())
        val currency = assertFailsWith<EnvoiException.Money> {
            monthlyStatement(listOf(UsageRecord("job-1", "letter", 1, unitPrice = Money("1.50", "XYZ1"))), 2026, 5)
        }
        assertEquals("money.unknown_currency", currency.code())
        val units = assertFailsWith<EnvoiException.Argument> {
            monthlyStatement(listOf(UsageRecord("job-1", "letter", 1), UsageRecord("job-2", "letter", -3)), 2026, 5)
        }
        assertEquals("argument.out_of_range", units.code())
        assertTrue(units.message().startsWith("records[1].units: -3 is negative"))
        assertEquals("argument.out_of_range", assertFailsWith<EnvoiException.Argument> { monthlyStatement(emptyList(), 2026, -1) }.code())
        assertEquals("time.unknown_zone", assertFailsWith<EnvoiException.Time> { monthlyStatement(emptyList(), 2026, 5, "Nowhere/Land") }.code())
    }
}
