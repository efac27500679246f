package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * RRULE schedules through the Kotlin binding (Schedule.fromRrule, rrule(), the schedule.* errors of
 * a query). The expectations are the core's (core/tests/schedule_rrule.rs).
 */
class ScheduleRruleTest {
    private val brussels: ZoneId = ZoneId.of("Europe/Brussels")

    private fun at(text: String): Instant = Instant.parse(text)

    private fun local(text: String): ZonedDateTime = ZonedDateTime.of(java.time.LocalDateTime.parse(text), brussels)

    @Test
    fun `monthly on the 31st with SKIP=BACKWARD falls on the last day of February`() {
        val start = at("2026-01-31T09:00:00Z")
        val monthly = Schedule.fromRrule("FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD", start, "Europe/Brussels")
        val next = monthly.nextAfter(start)
        assertEquals(at("2026-02-28T09:00:00Z"), next)
        assertEquals("2026-02-28T10:00+01:00", monthly.atZone(next!!).toOffsetDateTime().toString())
        // The ZonedDateTime layer: the same schedule, answers in its zone.
        val zoned = Schedule.fromRrule("FREQ=MONTHLY;RSCALE=GREGORIAN;SKIP=BACKWARD", local("2026-01-31T10:00"))
        assertEquals(monthly, zoned)
        assertEquals(local("2026-02-28T10:00"), zoned.nextAfter(local("2026-01-31T10:00")))
    }

    @Test
    fun `hourly across the spring-forward gap counts the gap instant once`() {
        val hourly = Schedule.fromRrule("FREQ=HOURLY;COUNT=5", at("2026-03-28T23:00:00Z"), null)
        val times = hourly.between(local("2026-03-28T00:00"), local("2026-03-30T00:00"))
        assertEquals(listOf("00:00", "01:00", "03:00", "04:00", "05:00"), times.map { it.toLocalTime().toString() })
        assertEquals(5uL, hourly.countUntil(at("2026-03-30T00:00:00Z")))
        assertEquals(at("2026-03-29T03:00:00Z"), hourly.occurrence(4)) // 05:00 +02:00
        assertNull(hourly.occurrence(5))
        assertTrue(hourly.isFinished(at("2026-03-29T03:00:00Z")))
    }

    @Test
    fun `rule errors and the query bound have their codes`() {
        val start = at("2026-01-01T08:00:00Z")
        val cases: List<Pair<String, () -> Unit>> = listOf(
            "schedule.never_occurs" to { Schedule.fromRrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", start, null) },
            "schedule.invalid_rrule" to { Schedule.fromRrule("FREQ=DAILY;COUNT=0", start, null) },
            "schedule.invalid_rrule" to { Schedule.fromRrule("not a rule", start, null) },
        )
        for ((code, call) in cases) {
            val error = assertFailsWith<EnvoiException.Schedule>(code) { call() }
            assertEquals(code, error.code())
            assertEquals("schedule", error.family())
        }
        assertEquals(
            "time.unknown_zone",
            assertFailsWith<EnvoiException.Time> { Schedule.fromRrule("FREQ=DAILY", start, "Mars/Olympus") }.code(),
        )

        // With COUNT every query counts from the first date: two days of seconds is past the bound.
        val secondly = Schedule.fromRrule("FREQ=SECONDLY;COUNT=1000000", at("2026-01-01T00:00:00Z"), null)
        val later = at("2026-01-03T00:00:00Z")
        // Without a count the expansion starts near the query, however old the schedule.
        val uncounted = Schedule.fromRrule("FREQ=SECONDLY", at("2026-01-01T00:00:00Z"), null)
        assertEquals(at("2026-01-03T00:00:01Z"), uncounted.nextAfter(later))
        val queries: List<() -> Unit> = listOf(
            { secondly.nextAfter(later) },
            { secondly.isFinished(later) },
            { secondly.countUntil(later) },
            { secondly.between(later, later) },
        )
        for (query in queries) {
            val error = assertFailsWith<EnvoiException.Schedule> { query() }
            assertEquals("schedule.too_expensive", error.code())
            assertEquals("schedule", error.family())
        }
        // Near the start, the same schedule answers.
        assertEquals(at("2026-01-01T00:00:01Z"), secondly.nextAfter(at("2026-01-01T00:00:00Z")))
    }

    @Test
    fun `JSON round trip of an RRULE schedule, and rrule() of a simple one`() {
        val text = "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\nEXDATE:20260107T090000"
        val weekly = Schedule.fromRrule(text, at("2026-01-05T08:00:00Z"), "Europe/Brussels")
        assertEquals(text, weekly.rrule())
        assertNull(weekly.every())
        assertNull(weekly.unit())
        val json = weekly.toJson()
        assertEquals(
            """{"start":"2026-01-05T08:00:00Z","zone":"Europe/Brussels","rrule":"RRULE:FREQ=WEEKLY;BYDAY=MO,WE\nEXDATE:20260107T090000"}""",
            json,
        )
        val back = Schedule.fromJson(json)
        assertEquals(weekly, back)
        assertEquals(weekly.hashCode(), back.hashCode())
        assertEquals(text, back.rrule())
        assertEquals("Schedule($json)", weekly.toString())
        assertEquals(at("2026-01-12T08:00:00Z"), back.nextAfter(at("2026-01-05T08:00:00Z"))) // 7 January excluded
        assertNotEquals(weekly, Schedule.fromRrule("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", at("2026-01-05T08:00:00Z"), null))

        assertNull(Schedule(at("2026-01-05T08:00:00Z"), every = 1, unit = "days").rrule())
        assertNull(Schedule(at("2026-01-05T08:00:00Z")).rrule())
    }
}
