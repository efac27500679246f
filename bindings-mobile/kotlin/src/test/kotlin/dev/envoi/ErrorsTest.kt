package dev.envoi

import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Errors: codes, messages and the panic guard. */
class ErrorsTest {
    @Test
    fun `a panic inside Rust becomes an EnvoiException with code internal_panic`() {
        val error = assertFailsWith<EnvoiException> { envoiPanicForTest() }
        assertIs<EnvoiException.Internal>(error)
        assertEquals("internal.panic", error.code())
        assertEquals("internal", error.family())
        assertTrue(error.message().contains("envoi_panic_for_test was called"))
    }

    @Test
    fun `the library keeps working after a panic`() {
        repeat(3) { assertFailsWith<EnvoiException.Internal> { envoiPanicForTest() } }
        assertEquals(1u, analyzeSms("still alive").partCount)
    }

    @Test
    fun `every error is an EnvoiException with code, family and message`() {
        val error: EnvoiException = assertFailsWith { analyzeSms("x".repeat(400), SmsOptions(maxParts = 2)) }
        assertEquals("sms.too_many_parts", error.code())
        assertEquals("sms", error.family())
        assertTrue(error.message().startsWith("text: needs 3 parts but max_parts is 2"))
        // The Throwable message carries both, for logs and stack traces.
        assertEquals("code=${error.code()}, reason=${error.message()}", error.message)
        val code = when (error) {
            is EnvoiException.Sms -> error.code
            else -> "not sms"
        }
        assertEquals("sms.too_many_parts", code)
    }
}
