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
 * Simple schedules through the Kotlin binding (generated Instant API and the ZonedDateTime layer).
 * The expectations are the core's (core/tests/schedule_repeat.rs).
 */
class ScheduleRepeatTest {
    private val brussels: ZoneId = ZoneId.of("Europe/Brussels")

    private fun at(text: String): Instant = Instant.parse(text)

    private fun local(text: String): ZonedDateTime = ZonedDateTime.of(java.time.LocalDateTime.parse(text), brussels)

    private fun iso(times: List<ZonedDateTime>): List<String> = times.map { it.toOffsetDateTime().toString() }

    @Test
    fun `daily 09h00 in Brussels stays 09h00 across the spring-forward day`() {
        val daily = Schedule(local("2026-03-28T09:00"), every = 1, unit = "days")
        assertEquals(
            listOf("2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00", "2026-03-30T09:00+02:00"),
            iso(daily.between(local("2026-03-28T00:00"), local("2026-03-30T23:00"))),
        )
        // The answers are in the schedule's zone.
        assertEquals(brussels, daily.nextAfter(local("2026-03-28T09:00"))!!.zone)
    }

    @Test
    fun `every 2 hours counts real hours across the spring-forward day`() {
        val schedule = Schedule(local("2026-03-29T00:00"), every = 2, unit = "hours")
        val next = schedule.nextAfter(local("2026-03-29T00:00"))!!
        assertEquals("2026-03-29T03:00+02:00", next.toOffsetDateTime().toString())
        assertEquals(at("2026-03-29T01:00:00Z"), next.toInstant()) // 2 real hours after 23:00Z
    }

    @Test
    fun `monthly from 31 January clamps to each month's last day without drifting`() {
        val monthly = Schedule(local("2026-01-31T10:00"), every = 1, unit = "months")
        val days = (1L..3L).map { monthly.occurrence(it)!!.let(monthly::atZone).toLocalDateTime().toString() }
        assertEquals(listOf("2026-02-28T10:00", "2026-03-31T10:00", "2026-04-30T10:00"), days)
    }

    @Test
    fun `the stop is inclusive and the count limits the occurrences`() {
        val start = at("2026-01-05T08:00:00Z")
        val stop = at("2026-01-07T08:00:00Z")
        val stopped = Schedule(start, every = 1, unit = "days", stop = stop)
        assertEquals(listOf(start, at("2026-01-06T08:00:00Z"), stop), stopped.between(start, at("2027-01-01T00:00:00Z")))
        assertNull(stopped.nextAfter(stop))
        assertTrue(stopped.isFinished(stop))
        assertFalse(stopped.isFinished(at("2026-01-07T07:59:59Z")))

        val counted = Schedule(start, every = 1, unit = "weeks", count = 3)
        assertEquals(3, counted.between(start, at("2030-01-01T00:00:00Z")).size)
        assertEquals(at("2026-01-19T08:00:00Z"), counted.occurrence(2))
        assertNull(counted.occurrence(3))
        assertEquals(3uL, counted.countUntil(at("2030-01-01T00:00:00Z")))
    }

    @Test
    fun `nextAfter is strict and between includes both ends`() {
        val start = at("2026-01-05T08:00:00Z")
        val weekly = Schedule(start, every = 1, unit = "weeks")
        assertEquals(at("2026-01-12T08:00:00Z"), weekly.nextAfter(start))
        assertEquals(start, weekly.nextAfter(start.minusNanos(1)))
        assertEquals(
            listOf(at("2026-01-12T08:00:00Z"), at("2026-01-19T08:00:00Z"), at("2026-01-26T08:00:00Z")),
            weekly.between(at("2026-01-12T08:00:00Z"), at("2026-01-26T08:00:00Z")),
        )
        // A one-shot schedule has its first date only.
        val once = Schedule(start)
        assertEquals(start, once.occurrence(0))
        assertNull(once.occurrence(1))
        assertNull(once.nextAfter(start))
    }

    @Test
    fun `nextAfter on a schedule started ten years ago, and countUntil`() {
        val daily = Schedule(at("2016-11-30T08:00:00Z"), every = 1, unit = "days")
        val t = at("2026-11-30T10:00:00Z")
        assertEquals(at("2026-12-01T08:00:00Z"), daily.nextAfter(t))
        assertEquals(3653uL, daily.countUntil(t))
        assertEquals(3653uL, daily.countUntil(t.atZone(brussels)))
    }

    @Test
    fun `between throws schedule too_many_occurrences past its limit, 10 000 by default`() {
        val hourly = Schedule(at("2026-01-01T00:00:00Z"), every = 1, unit = "hours")
        val (from, to) = at("2026-01-01T00:00:00Z") to at("2036-01-01T00:00:00Z")
        val queries: List<() -> Unit> = listOf(
            { hourly.between(from, to) },
            { hourly.between(from, to, limit = 3) },
            { hourly.between(from, to, limit = 0) },
        )
        for (query in queries) {
            val error = assertFailsWith<EnvoiException.Schedule> { query() }
            assertEquals("schedule.too_many_occurrences", error.code())
            assertEquals("schedule", error.family())
        }
        val all = hourly.between(from, at("2027-02-21T15:00:00Z")) // exactly 10 000: indexes 0 to 9 999
        assertEquals(10_000, all.size)
        assertEquals(at("2027-02-21T15:00:00Z"), all.last())
        assertFailsWith<EnvoiException.Schedule> { hourly.between(from, at("2027-02-21T16:00:00Z")) }
        assertEquals(3, hourly.between(from, at("2026-01-01T02:00:00Z"), limit = 3).size)
        assertEquals(emptyList(), hourly.between(at("2025-01-01T00:00:00Z"), at("2025-12-31T00:00:00Z"), limit = 0))
        val error = assertFailsWith<EnvoiException.Argument> { hourly.between(from, to, limit = -1) }
        assertEquals("argument.invalid_limit", error.code())
    }

    @Test
    fun `JSON round trip, exact form, equality and toString`() {
        val schedule = Schedule(at("2026-01-31T09:00:00Z"), every = 1, unit = "months", count = 12)
        val json = schedule.toJson()
        assertEquals(
            """{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}""",
            json,
        )
        val back = Schedule.fromJson(json)
        assertEquals(schedule, back)
        assertEquals(schedule.hashCode(), back.hashCode())
        assertEquals("Schedule($json)", schedule.toString())
        assertNotEquals(schedule, Schedule(at("2026-01-31T09:00:00Z"), every = 1, unit = "months", count = 11))
        for (bad in listOf("", "{", """{"x":1}""", json.replace("12}", "0}"))) {
            val error = assertFailsWith<EnvoiException.Argument>(bad) { Schedule.fromJson(bad) }
            assertEquals("argument.invalid_json", error.code())
        }
    }

    @Test
    fun `accessors give back the arguments`() {
        val start = at("2026-01-01T08:00:00.123456789Z")
        val stop = at("2026-12-31T08:00:00Z")
        val schedule = Schedule(start, every = 2, unit = "Weeks", stop = stop, count = 5, zone = "America/New_York")
        assertEquals(start, schedule.start()) // to the nanosecond
        assertEquals("America/New_York", schedule.zone())
        assertEquals(ZoneId.of("America/New_York"), schedule.zoneId)
        assertEquals(2u, schedule.every())
        assertEquals("weeks", schedule.unit())
        assertEquals(stop, schedule.stop())
        assertEquals(5u, schedule.count())
        val once = Schedule(at("1969-07-20T20:17:40Z"))
        assertEquals(at("1969-07-20T20:17:40Z"), once.start()) // before the epoch
        assertEquals("Europe/Brussels", once.zone())
        assertNull(once.every())
        assertNull(once.unit())
        assertNull(once.stop())
        assertNull(once.count())
    }

    @Test
    fun `errors have their families and codes`() {
        val start = at("2026-01-01T08:00:00Z")
        val cases: List<Pair<String, () -> Unit>> = listOf(
            "schedule.invalid_interval" to { Schedule(start, every = 0, unit = "days") },
            "schedule.invalid_interval" to { Schedule(start, every = Long.MAX_VALUE, unit = "days") },
            "schedule.invalid_count" to { Schedule(start, count = 0) },
            "schedule.unknown_unit" to { Schedule(start, every = 1, unit = "fortnights") },
            "schedule.stop_before_start" to { Schedule(start, stop = at("2025-12-31T08:00:00Z")) },
            "time.unknown_zone" to { Schedule(start, zone = "Mars/Olympus") },
            "argument.incomplete_repeat" to { Schedule(start, every = 1) },
            "argument.incomplete_repeat" to { Schedule(start, unit = "days") },
            "argument.invalid_index" to { Schedule(start).occurrence(-1) },
            "schedule.date_out_of_range" to { Schedule(Instant.MAX) },
            "schedule.date_out_of_range" to { Schedule(start).nextAfter(Instant.MIN) },
        )
        for ((code, call) in cases) {
            val error = assertFailsWith<EnvoiException>(code) { call() }
            assertEquals(code, error.code())
            assertEquals(code.substringBefore('.'), error.family())
            when (code.substringBefore('.')) {
                "schedule" -> assertIs<EnvoiException.Schedule>(error)
                "time" -> assertIs<EnvoiException.Time>(error)
                else -> assertIs<EnvoiException.Argument>(error)
            }
        }
        val error = assertFailsWith<EnvoiException.Schedule> { Schedule(start, count = 0) }
        assertTrue(error.message().startsWith("count: 0"), error.message())
    }
}
