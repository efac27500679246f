package dev.envoi

import org.junit.jupiter.api.Test
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The business calendar through the Kotlin binding (LocalDate layer and the generated FFI API). */
class ScheduleTest {
    private fun date(year: Int, month: Int, day: Int): LocalDate = LocalDate.of(year, month, day)

    private val belgium = BusinessCalendar.belgium()

    @Test
    fun `Easter Monday 2026 is a holiday and not a business day`() {
        val easterMonday = date(2026, 4, 6)
        assertFalse(belgium.isBusinessDay(easterMonday))
        assertEquals("easter_monday", belgium.holiday(easterMonday))
        assertTrue(belgium.isBusinessDay(date(2026, 4, 7)))
        assertNull(belgium.holiday(date(2026, 4, 7)))
        // Without the Belgian rule it is an ordinary Monday.
        assertTrue(BusinessCalendar.weekdays().isBusinessDay(easterMonday))
        assertNull(BusinessCalendar.weekdays().holiday(easterMonday))
    }

    @Test
    fun `Friday before Easter plus one business day is the Tuesday`() {
        val friday = date(2026, 4, 3)
        val tuesday = date(2026, 4, 7)
        assertEquals(tuesday, belgium.addBusinessDays(friday, 1))
        assertEquals(tuesday, belgium.nextBusinessDay(friday))
        assertEquals(friday, belgium.previousBusinessDay(tuesday))
        assertEquals(friday, belgium.addBusinessDays(tuesday, -1))
        assertEquals(date(2026, 4, 4), belgium.addBusinessDays(date(2026, 4, 4), 0))
        assertEquals(tuesday, belgium.thisOrNextBusinessDay(date(2026, 4, 4)))
        assertEquals(tuesday, belgium.thisOrNextBusinessDay(tuesday))
    }

    @Test
    fun `business days between counts the half-open interval`() {
        assertEquals(1L, belgium.businessDaysBetween(date(2026, 4, 3), date(2026, 4, 7)))
        assertEquals(-1L, belgium.businessDaysBetween(date(2026, 4, 7), date(2026, 4, 3)))
        assertEquals(0L, belgium.businessDaysBetween(date(2026, 4, 3), date(2026, 4, 3)))
        assertEquals(253L, belgium.businessDaysBetween(date(2025, 12, 31), date(2026, 12, 31)))
    }

    @Test
    fun `holidays of 2026 are ten, in date order, with names`() {
        val holidays = belgium.holidays(2026)
        assertEquals(10, holidays.size)
        assertEquals(Holiday(date(2026, 1, 1), "new_year"), holidays.first())
        assertEquals(Holiday(date(2026, 4, 6), "easter_monday"), holidays[1])
        assertEquals(Holiday(date(2026, 12, 25), "christmas"), holidays.last())
        assertEquals(holidays.sortedBy { it.date }, holidays)
        assertEquals("Paasmaandag", holidays[1].name("nl"))
        assertEquals("Lundi de Pâques", holidays[1].name("fr"))
        assertEquals("Ostermontag", holidays[1].name("de"))
        assertEquals("Easter Monday", holidayName("easter_monday", "en"))
        assertEquals(emptyList(), BusinessCalendar.weekdays().holidays(2026))
        assertEquals(date(2026, 4, 5), easterSunday(2026))
        assertNull(easterSunday(Int.MAX_VALUE))
    }

    @Test
    fun `unknown holiday codes and languages are argument errors`() {
        val language = assertFailsWith<EnvoiException.Argument> { holidayName("christmas", "es") }
        assertEquals("argument.unknown_language", language.code())
        assertEquals("argument", language.family())
        assertTrue(language.message().contains("\"es\""))
        val holiday = assertFailsWith<EnvoiException.Argument> { holidayName("boxing_day", "en") }
        assertEquals("argument.unknown_holiday", holiday.code())
    }

    @Test
    fun `400 consecutive closed days are schedule_no_business_day`() {
        val start = date(2026, 1, 1)
        val closed = belgium.withClosedDays((1L..400L).map { start.plusDays(it) })
        val error = assertFailsWith<EnvoiException> { closed.nextBusinessDay(start) }
        assertIs<EnvoiException.Schedule>(error)
        assertEquals("schedule.no_business_day", error.code())
        assertEquals("schedule", error.family())
        assertTrue(error.message().contains("no business day"))
        assertFailsWith<EnvoiException.Schedule> { closed.addBusinessDays(start, 5) }
    }

    @Test
    fun `closed days and combine`() {
        val bridge = date(2026, 5, 15) // the Friday after Ascension
        val post = belgium.withClosedDays(bridge)
        assertFalse(post.isBusinessDay(bridge))
        assertTrue(belgium.isBusinessDay(bridge)) // the original is unchanged
        assertEquals(date(2026, 5, 18), post.addBusinessDays(date(2026, 5, 13), 1))
        assertEquals(bridge, belgium.addBusinessDays(date(2026, 5, 13), 1))

        val production = belgium.withClosedDays(listOf(date(2026, 12, 28)))
        val delivery = belgium.withClosedDays(date(2026, 12, 29))
        val both = production.combine(delivery)
        assertEquals(date(2026, 12, 30), both.nextBusinessDay(date(2026, 12, 25)))
        assertEquals(both, delivery.combine(production))
        assertEquals(both.hashCode(), delivery.combine(production).hashCode())
        assertNotEquals(production, delivery)
        assertEquals(BusinessCalendar.belgium(), BusinessCalendar.weekdays().combine(belgium))
    }

    @Test
    fun `JSON round trip`() {
        val calendar = belgium.withClosedDays(date(2026, 12, 28), date(2026, 5, 15))
        val json = calendar.toJson()
        assertEquals("""{"holidays":["belgium"],"closed_days":["2026-05-15","2026-12-28"]}""", json)
        val back = BusinessCalendar.fromJson(json)
        assertEquals(calendar, back)
        assertEquals(json, back.toJson())
        assertEquals("BusinessCalendar($json)", calendar.toString())
        assertEquals("""{"holidays":[],"closed_days":[]}""", BusinessCalendar.weekdays().toJson())
    }

    @Test
    fun `a JSON that is not a calendar is argument_invalid_json naming the problem`() {
        for ((json, problem) in listOf(
            "{" to "EOF",
            """{"holidays":["mars"],"closed_days":[]}""" to "mars",
            """{"holidays":[],"closed_days":[],"zone":"UTC"}""" to "zone",
            """{"holidays":[],"closed_days":["2026-02-30"]}""" to "line 1",
        )) {
            val error = assertFailsWith<EnvoiException.Argument>(json) { BusinessCalendar.fromJson(json) }
            assertEquals("argument.invalid_json", error.code())
            assertTrue(error.message().startsWith("json: not a business calendar: "), error.message())
            assertTrue(error.message().contains(problem), error.message())
        }
    }

    @Test
    fun `dates out of range are schedule_date_out_of_range`() {
        // The core's last date: there is no next day.
        val last = date(262142, 12, 31)
        val error = assertFailsWith<EnvoiException.Schedule> { belgium.nextBusinessDay(last) }
        assertEquals("schedule.date_out_of_range", error.code())
        // n business days beyond the whole range, also the core's error.
        assertEquals(
            "schedule.date_out_of_range",
            assertFailsWith<EnvoiException.Schedule> { belgium.addBusinessDays(date(2026, 1, 1), Long.MAX_VALUE) }.code(),
        )
        // LocalDate reaches further than the core: the binding refuses with the same code.
        for (far in listOf(date(262143, 1, 1), LocalDate.MAX, LocalDate.MIN)) {
            val refused = assertFailsWith<EnvoiException.Schedule>("$far") { belgium.isBusinessDay(far) }
            assertEquals("schedule.date_out_of_range", refused.code())
            assertTrue(refused.message().contains("$far"), refused.message())
        }
        // Large years that do fit keep their sign both ways.
        assertEquals(date(10000, 1, 3), belgium.nextBusinessDay(date(9999, 12, 31)))
        assertEquals(date(-1, 1, 1), BusinessCalendar.weekdays().addBusinessDays(date(-1, 1, 1), 0))
    }

    @Test
    fun `the generated API takes ISO strings and refuses malformed ones`() {
        val ffi = BusinessCalendar.belgium()
        assertEquals("2026-04-07", ffi.addBusinessDays("2026-04-03", 1L))
        assertEquals(listOf(HolidayFfi("2026-04-06", "easter_monday")), ffi.holidaysFfi(2026).filter { it.code == "easter_monday" })
        assertEquals("2026-04-05", easterSundayFfi(2026))
        for (bad in listOf("2026-4-6", "06/04/2026", "2026-02-30", "2026-04-06T00:00:00", "")) {
            val error = assertFailsWith<EnvoiException.Argument>(bad) { ffi.isBusinessDay(bad) }
            assertEquals("argument.invalid_date", error.code())
            assertTrue(error.message().startsWith("date: "), error.message())
        }
        val closed = assertFailsWith<EnvoiException.Argument> { ffi.withClosedDays(listOf("2026-05-15", "nope")) }
        assertTrue(closed.message().startsWith("days[1]: \"nope\""), closed.message())
        val between = assertFailsWith<EnvoiException.Argument> { ffi.businessDaysBetween("2026-04-03", "x") }
        assertTrue(between.message().startsWith("b: "), between.message())
    }
}
