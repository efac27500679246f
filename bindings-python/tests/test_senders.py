"""envoi.senders: sender numbers, email senders, verification by one-time codes, SMS settings."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi import contacts, senders, tracking

RING = tracking.KeyRing({1: b"\x42" * 32}, 1)
AT = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["+32475123456", "0032475123456", "+32 475 12 34 56", " +32 (0)475 12.34.56 "])
def test_international_mobile_numbers_are_sender_numbers(text: str) -> None:
    number = senders.SmsSenderNumber(text)
    assert (number.e164, str(number), number.phone_number.kind) == ("+32475123456", "+32475123456", "mobile")
    assert pickle.loads(pickle.dumps(number)) == number and hash(number) == hash(senders.SmsSenderNumber("+32475123456"))


def test_an_alphanumeric_sender_is_refused_with_the_specs_reason() -> None:
    with pytest.raises(envoi.SenderError) as info:
        senders.SmsSenderNumber("John Tel")
    assert (info.value.code, info.value.value) == ("senders.alphanumeric_sender", "John Tel")
    assert "not accepted in every country and the recipient cannot reply" in str(info.value)


def test_national_fixed_and_invalid_numbers() -> None:
    with pytest.raises(envoi.SenderError) as info:
        senders.SmsSenderNumber("0475123456")
    assert (info.value.code, info.value.value, info.value.suggestion) == (
        "senders.not_international", "0475123456", "+32475123456")
    with pytest.raises(envoi.SenderError) as info:
        senders.SmsSenderNumber("+3225551234")
    assert (info.value.code, info.value.number, info.value.kind) == ("senders.not_mobile", "+3225551234", "fixed_line")
    with pytest.raises(envoi.ContactError) as contact_info:
        senders.SmsSenderNumber("+32 475")
    assert contact_info.value.code == "contacts.invalid_phone"


def test_verification_of_an_sms_sender() -> None:
    sender = senders.Sender(12, 3, sms="0032475123456")
    assert (sender.account, sender.id, sender.address, sender.channel) == (12, 3, "+32475123456", "sms")
    assert (sender.verification, sender.is_verified, sender.challenge, sender.verified_at) == (
        "unverified", False, None, None)
    with pytest.raises(envoi.SenderError) as info:
        sender.require_for("sms")
    assert (info.value.code, info.value.sender, info.value.state) == ("senders.not_verified", 3, "unverified")
    with pytest.raises(envoi.SenderError) as info:
        sender.confirm(RING, "123456", AT)
    assert (info.value.code, info.value.sender) == ("senders.no_pending_verification", 3)

    code = sender.start_verification(RING, "sender-3-1", validity=timedelta(minutes=15), at=AT)
    assert len(code) == 6 and sender.verification == "pending"
    assert sender.challenge is not None and sender.challenge.purpose == "sender_verification"
    wrong = "000001" if code == "000000" else "000000"
    with pytest.raises(envoi.TokenError) as token_info:
        sender.confirm(RING, wrong, AT)
    assert (token_info.value.code, token_info.value.attempts_left) == ("token.code_mismatch", 4)
    with pytest.raises(envoi.TokenError) as token_info:
        sender.confirm(RING, code, AT + timedelta(minutes=15))
    assert token_info.value.code == "token.code_expired"
    stored = senders.Sender.from_json(sender.to_json())
    assert stored == sender and pickle.loads(pickle.dumps(sender)) == sender

    stored.confirm(RING, code, AT + timedelta(minutes=2))
    assert (stored.verification, stored.verified_at) == ("verified", AT + timedelta(minutes=2))
    stored.require_for("sms")
    with pytest.raises(envoi.SenderError) as info:
        stored.require_for("email")
    assert (info.value.code, info.value.address, info.value.channel) == ("senders.wrong_channel", "sms", "email")
    with pytest.raises(envoi.SenderError) as info:
        stored.start_verification(RING, "sender-3-2", validity=timedelta(minutes=15), at=AT)
    assert (info.value.code, info.value.at) == ("senders.already_verified", AT + timedelta(minutes=2))


def test_verification_parameters() -> None:
    sender = senders.Sender(12, 4, email="news@example.be")
    assert (sender.channel, sender.address) == ("email", "news@example.be")
    with pytest.raises(envoi.SenderError) as info:
        sender.start_verification(RING, "v-1", validity=timedelta(days=2), at=AT)
    error = info.value
    assert (error.code, error.field, error.value) == ("senders.invalid_parameter", "validity", "172800 seconds")
    assert error.rule == "is out of range: a verification code is valid 1 minute to 1 day"
    code = sender.start_verification(RING, "v-1", validity=timedelta(hours=1), at=AT, alphabet="crockford", length=8)
    assert len(code) == 8
    with pytest.raises(envoi.TokenError) as token_info:
        sender.start_verification(RING, "v-2", validity=timedelta(hours=1), at=AT, length=300)
    assert token_info.value.code == "token.invalid_argument"
    with pytest.raises(TypeError, match="validity"):
        sender.start_verification(RING, "v-3", validity=900, at=AT)  # type: ignore[arg-type]


def test_a_stored_challenge_of_another_sender_is_refused() -> None:
    first = senders.Sender(12, 3, sms="+32475123456")
    code = first.start_verification(RING, "v-1", validity=timedelta(minutes=15), at=AT)
    other = senders.Sender(12, 9, sms="+32475123456")
    # A host that mixed its records up: sender 9 with sender 3's pending verification.
    record = json.loads(other.to_json())
    record["verification"] = json.loads(first.to_json())["verification"]
    mixed = senders.Sender.from_json(json.dumps(record))
    with pytest.raises(envoi.SenderError) as info:
        mixed.confirm(RING, code, AT)
    assert (info.value.code, info.value.sender, info.value.found_account, info.value.found_sender) == (
        "senders.challenge_mismatch", 9, 12, 3)


def test_a_code_sent_to_another_address_is_refused() -> None:
    sender = senders.Sender(12, 3, sms="+32475123456")
    code = sender.start_verification(RING, "v-1", validity=timedelta(minutes=15), at=AT)
    # The stored address was edited after the code went out: the code proves nothing about it.
    record = json.loads(sender.to_json())
    record["address"] = json.loads(senders.Sender(12, 3, sms="+32475999999").to_json())["address"]
    edited = senders.Sender.from_json(json.dumps(record))
    with pytest.raises(envoi.SenderError) as info:
        edited.confirm(RING, code, AT)
    assert (info.value.code, info.value.sender, info.value.address) == (
        "senders.challenge_mismatch", 3, "+32475999999")


def test_verification_starts_are_limited_to_five_a_day() -> None:
    sender = senders.Sender(12, 3, sms="+32475123456")
    for attempt in range(5):
        sender.start_verification(RING, f"v-{attempt}", validity=timedelta(minutes=15), at=AT + timedelta(minutes=attempt))
    with pytest.raises(envoi.SenderError) as info:
        sender.start_verification(RING, "v-5", validity=timedelta(minutes=15), at=AT + timedelta(hours=1))
    assert (info.value.code, info.value.sender, info.value.count, info.value.next_allowed_at) == (
        "senders.too_many_verifications", 3, 5, AT + timedelta(days=1))
    # A day after the first start, a new code may go out.
    sender.start_verification(RING, "v-6", validity=timedelta(minutes=15), at=AT + timedelta(days=1))


def test_sms_settings_feed_the_segmenter() -> None:
    sender = senders.Sender(1, 1, sms=senders.SmsSenderNumber("+351912345678"))
    assert sender.sms_options() == {"languages": [], "smart_encoding": False}
    text = "Olá, João! Até amanhã às 9h."
    assert envoi.sms.analyze(text, **sender.sms_options()).encoding == "ucs2"
    sender.set_sms_settings(languages=["portuguese"], smart_encoding=True)
    assert sender.sms_settings == {"languages": ["portuguese"], "smart_encoding": True}
    assert envoi.sms.analyze(text, **sender.sms_options()).encoding == "gsm7"
    with pytest.raises(envoi.SenderError) as info:
        sender.set_sms_settings(languages=["portuguese", "portuguese"])
    assert (info.value.code, info.value.field, info.value.value) == ("senders.invalid_parameter", "sms.languages", "portuguese")
    with pytest.raises(envoi.SmsError):
        sender.set_sms_settings(languages=["klingon"])
    email = senders.Sender(1, 2, email=contacts.EmailAddress("news@example.be"))
    with pytest.raises(envoi.SenderError) as info:
        email.set_sms_settings()
    assert info.value.code == "senders.wrong_channel"


def test_exactly_one_address() -> None:
    with pytest.raises(TypeError, match="exactly one"):
        senders.Sender(1, 1)
    with pytest.raises(TypeError, match="exactly one"):
        senders.Sender(1, 1, email="a@example.be", sms="+32475123456")
    with pytest.raises(envoi.ContactError):
        senders.Sender(1, 1, email="not an address")
    with pytest.raises(ValueError, match="not a Sender JSON"):
        senders.Sender.from_json('{"account": 1, "id": 1, "address": {"sms": "0475123456"}}')
