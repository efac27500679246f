package dev.envoi

import org.junit.jupiter.api.Test
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertSame
import kotlin.test.assertTrue

/** The host clock: a Kotlin implementation of [Clock] called from Rust through [nowIn]. */
class TimeTest {
    private class FixedClock(private val instant: Instant) : Clock {
        var calls = 0
            private set

        override fun now(): Instant {
            calls += 1
            return instant
        }
    }

    private class ThrowingClock(private val failure: Throwable) : Clock {
        override fun now(): Instant = throw failure
    }

    private class NtpDown(message: String) : RuntimeException(message)

    @Test
    fun `shows the host time in Brussels by default`() {
        val clock = FixedClock(Instant.parse("2026-11-30T08:00:00Z"))
        assertEquals("2026-11-30T09:00:00+01:00", nowIn(clock))
        assertEquals(1, clock.calls)
    }

    @Test
    fun `shows the host time in a given zone, with summer time`() {
        val clock = FixedClock(Instant.parse("2026-07-01T10:00:00Z"))
        assertEquals("2026-07-01T12:00:00+02:00", nowIn(clock, "Europe/Brussels"))
        assertEquals("2026-07-01T06:00:00-04:00", nowIn(clock, "America/New_York"))
        assertEquals("2026-07-01T10:00:00+00:00", nowIn(clock, "UTC"))
    }

    @Test
    fun `keeps sub-second precision and instants before 1970`() {
        assertEquals(
            "2026-11-30T09:00:00.250+01:00",
            nowIn(FixedClock(Instant.parse("2026-11-30T08:00:00.250Z"))),
        )
        assertEquals(
            "1969-12-31T23:59:58.500+00:00",
            nowIn(FixedClock(Instant.ofEpochMilli(-1500)), "UTC"),
        )
    }

    @Test
    fun `a lambda-like object works as a clock`() {
        val clock = object : Clock {
            override fun now(): Instant = Instant.parse("2026-01-15T08:00:00Z")
        }
        assertEquals("2026-01-15T09:00:00+01:00", nowIn(clock))
    }

    @Test
    fun `the host exception reaches the caller unchanged`() {
        val failure = NtpDown("NTP unreachable")
        val thrown = assertFailsWith<NtpDown> { nowIn(ThrowingClock(failure)) }
        assertSame(failure, thrown)
        assertEquals("NTP unreachable", thrown.message)
    }

    @Test
    fun `checked exceptions, errors and envoi's own exceptions come back unchanged too`() {
        val failures = listOf(
            java.io.IOException("disk"),
            IllegalStateException("state"),
            AssertionError("assert"),
            ClockException.Failed("typed"),
            EnvoiException.Internal("internal.panic", "not really"),
        )
        for (failure in failures) {
            val thrown = assertFailsWith<Throwable> { nowIn(ThrowingClock(failure)) }
            assertSame(failure, thrown, "for ${failure::class}")
        }
    }

    @Test
    fun `the clock keeps working after a failure`() {
        assertFailsWith<NtpDown> { nowIn(ThrowingClock(NtpDown("once"))) }
        assertEquals("2026-11-30T09:00:00+01:00", nowIn(FixedClock(Instant.parse("2026-11-30T08:00:00Z"))))
    }

    @Test
    fun `an unknown zone is envoi's typed error`() {
        val clock = FixedClock(Instant.parse("2026-11-30T08:00:00Z"))
        val error = assertFailsWith<EnvoiException.Time> { nowIn(clock, "Mars/Olympus") }
        assertEquals("time.unknown_zone", error.code())
        assertEquals("time", error.family())
        assertTrue(error.message().contains("Mars/Olympus"))
    }

    @Test
    fun `the generated nowInFfi maps a clock failure to clock_host_error`() {
        val typed = assertFailsWith<EnvoiException.Clock> {
            nowInFfi(ThrowingClock(ClockException.Failed("NTP unreachable")), null)
        }
        assertEquals("clock.host_error", typed.code())
        assertEquals("clock: the host clock failed: NTP unreachable", typed.message())

        val other = assertFailsWith<EnvoiException.Clock> {
            nowInFfi(ThrowingClock(NtpDown("no network")), null)
        }
        assertEquals("clock.host_error", other.code())
        assertTrue(other.message().contains("no network"))
    }
}
