"""Error mapping: the class hierarchy, `.code`, and the panic guard."""

from __future__ import annotations

import pickle

import pytest

import envoi
import envoi._testing
from envoi import errors


@pytest.mark.parametrize(
    "cls",
    [
        envoi.SmsError,
        envoi.TimeError,
        envoi.ClockError,
        envoi.MoneyError,
        envoi.IdError,
        envoi.ScheduleError,
        envoi.CreditError,
        envoi.VatError,
        envoi.InvoiceError,
        envoi.PostError,
        envoi.LanguageError,
        envoi.TokenError,
        envoi.TrackingError,
        envoi.ContactError,
        envoi.ContactImportError,
        envoi.TemplateError,
        envoi.SenderError,
        envoi.SecurityError,
        envoi.AccountError,
        envoi.BillingError,
        envoi.InternalError,
    ],
)
def test_every_family_is_an_envoi_error(cls: type[envoi.EnvoiError]) -> None:
    assert issubclass(cls, envoi.EnvoiError)
    assert issubclass(cls, Exception)
    assert cls is getattr(errors, cls.__name__)
    assert cls.__module__ == "envoi.errors"


def test_families_are_distinct() -> None:
    assert not issubclass(envoi.SmsError, envoi.TimeError)
    assert not issubclass(envoi.ClockError, envoi.TimeError)
    assert not issubclass(envoi.ScheduleError, envoi.TimeError)
    assert not issubclass(envoi.CreditError, envoi.ScheduleError)
    assert not issubclass(envoi.VatError, envoi.InvoiceError)
    assert not issubclass(envoi.InvoiceError, envoi.VatError)
    assert not issubclass(envoi.LanguageError, envoi.VatError)
    assert not issubclass(envoi.TokenError, envoi.TrackingError)
    assert not issubclass(envoi.TrackingError, envoi.TokenError)
    assert not issubclass(envoi.PostError, envoi.ScheduleError)
    # The import's errors are contact errors (code family ``contacts``), not the reverse.
    assert issubclass(envoi.ContactImportError, envoi.ContactError)
    assert not issubclass(envoi.ContactError, envoi.ContactImportError)
    assert not issubclass(envoi.SenderError, envoi.ContactError)
    assert not issubclass(envoi.SecurityError, envoi.TokenError)
    assert not issubclass(envoi.TemplateError, envoi.ContactError)
    assert not issubclass(envoi.AccountError, envoi.InvoiceError)
    assert not issubclass(envoi.BillingError, envoi.CreditError)


def test_token_error_pickles_with_its_fields() -> None:
    ring = envoi.tracking.KeyRing({1: b"k" * 32}, 1)
    with pytest.raises(envoi.TokenError) as info:
        ring.verify("open", ring.issue("click", {}), now=None)
    copy = pickle.loads(pickle.dumps(info.value))
    assert (type(copy), copy.code, copy.expected, copy.found) == (envoi.TokenError, "token.wrong_purpose", "open", "click")


def test_error_carries_code_and_core_message() -> None:
    with pytest.raises(envoi.EnvoiError) as info:
        envoi.sms.analyze("x" * 200, max_parts=1)
    error = info.value
    assert type(error) is envoi.SmsError
    assert error.code == "sms.too_many_parts"
    assert str(error) == (
        "text: needs 2 parts but max_parts is 1; shorten the text or raise max_parts (at most 255)"
    )


def test_error_pickles_with_its_code() -> None:
    with pytest.raises(envoi.SmsError) as info:
        envoi.sms.analyze("hi", languages=["klingon"])
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is envoi.SmsError
    assert copy.code == "sms.unknown_language"
    assert str(copy) == str(info.value)


def test_panic_becomes_internal_error_and_the_process_survives() -> None:
    with pytest.raises(envoi.InternalError) as info:
        envoi._testing.panic()
    assert info.value.code == "internal.panic"
    assert "panic" in str(info.value)
    # an ordinary `except Exception` catches it (pyo3's PanicException would escape it)
    try:
        envoi._testing.panic()
    except Exception as error:  # noqa: BLE001
        assert isinstance(error, envoi.EnvoiError)
    # the next call works
    assert envoi.sms.analyze("still alive").part_count == 1
    with pytest.raises(envoi.InternalError):
        envoi._testing.panic()
    assert envoi.sms.analyze("still alive").encoding == "gsm7"
