"""envoi.tracking: key rings, signed and sealed tokens, one-time codes, and their errors."""

from __future__ import annotations

import pickle
import threading
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi import tracking

UTC = ZoneInfo("UTC")
SENT = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
TYPICAL = {"account": 12_345, "message": 1_234_567, "occurrence": 3, "recipient": 45_678_901, "link": 7}
KEY_1 = b"\x11" * 32
KEY_2 = b"\x22" * 32
BASE64URL = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def ring() -> tracking.KeyRing:
    return tracking.KeyRing({1: KEY_1, 2: KEY_2}, active=2)


def token_error(call: object) -> envoi.TokenError:
    assert callable(call)
    with pytest.raises(envoi.TokenError) as info:
        call()
    return info.value


# ---- KeyRing -------------------------------------------------------------------------------------


def test_key_ring_properties_and_repr_never_show_a_secret() -> None:
    keys = ring()
    assert keys.key_ids == [1, 2]
    assert keys.active_key_id == 2
    assert keys.tag_length == 16
    assert repr(keys) == "<envoi.tracking.KeyRing key_ids=[1, 2] active_key_id=2 tag_length=16>"
    assert tracking.KeyRing([(9, bytearray(KEY_1))], 9, tag_length=32).tag_length == 32


def test_typical_tracking_token_is_52_characters_signed_or_sealed() -> None:
    keys = ring()
    signed = keys.issue("click", TYPICAL, expires=timedelta(days=90), now=SENT)
    sealed = keys.issue("click", TYPICAL, expires=timedelta(days=90), now=SENT, sealed=True)
    assert (len(signed), len(sealed)) == (52, 52)
    assert set(signed) <= BASE64URL and set(sealed) <= BASE64URL
    assert signed != sealed
    for token in (signed, sealed):
        verified = keys.verify("click", token, now=SENT)
        assert verified.claims == TYPICAL
        assert verified.purpose == "click"
        assert verified.key_id == 2
        assert verified.issued_at == SENT and verified.issued_at.tzinfo == UTC
        assert verified.expires_at == SENT + timedelta(days=90)
        assert len(verified.token_id) == 22


def test_the_same_claims_and_times_give_the_same_token_and_id() -> None:
    keys = ring()
    first = keys.issue("password_reset", {"account": 7}, now=SENT)
    assert first == keys.issue("password_reset", {"account": 7}, now=SENT + timedelta(microseconds=999_999))
    one = keys.verify("password_reset", first, now=SENT)
    assert one == keys.verify("password_reset", first, now=SENT + timedelta(days=1))
    assert one.expires_at is None
    assert one.token_id != keys.verify("password_reset", keys.issue("password_reset", {"account": 8}, now=SENT), now=SENT).token_id


def test_claims_come_back_as_given_and_none_is_absent() -> None:
    keys = ring()
    for claims in ({}, {"account": 0}, {"link": 65_535}, {"occurrence": 2**32 - 1, "recipient": 2**64 - 1}):
        token = keys.issue("approval", claims, now=SENT)
        assert keys.verify("approval", token, now=SENT).claims == claims
    with_none = keys.issue("approval", {"account": 1, "message": None}, now=SENT)
    assert keys.verify("approval", with_none, now=SENT).claims == {"account": 1}
    assert keys.verify("approval", keys.issue("approval", None, now=SENT), now=SENT).claims == {}


def test_any_aware_instant_and_the_real_clock() -> None:
    keys = ring()
    brussels = datetime(2026, 6, 1, 11, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    offset = datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    for now in (brussels, offset):
        assert keys.verify("open", keys.issue("open", {}, now=now), now=SENT).issued_at == SENT
    token = keys.issue("open", {}, expires=timedelta(minutes=5))
    verified = keys.verify("open", token)
    assert verified.expires_at is not None
    assert abs(verified.issued_at - datetime.now(timezone.utc)) < timedelta(seconds=5)
    assert verified.expires_at - verified.issued_at in (timedelta(minutes=5), timedelta(minutes=5, seconds=1))
    expiry = datetime(2026, 6, 2, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert keys.verify("open", keys.issue("open", {}, expires=expiry, now=SENT), now=SENT).expires_at == expiry
    with pytest.raises(envoi.TimeError) as info:
        keys.issue("open", {}, now=datetime(2026, 6, 1, 9, 0))
    assert info.value.code == "time.not_zone_aware"
    with pytest.raises(envoi.TimeError) as info:
        keys.verify("open", token, now=datetime(2026, 6, 1, 9, 0))
    assert info.value.code == "time.not_zone_aware"
    with pytest.raises(envoi.TimeError) as info:
        keys.issue("open", {}, expires=timedelta(days=999_999_999), now=SENT)
    assert info.value.code == "time.out_of_range"
    with pytest.raises(TypeError):
        keys.issue("open", {}, expires="tomorrow", now=SENT)  # type: ignore[arg-type]


def test_expiry_boundary_valid_strictly_before() -> None:
    keys = ring()
    expires = SENT + timedelta(hours=1)
    token = keys.issue("click", TYPICAL, expires=expires, now=SENT)
    assert keys.verify("click", token, now=expires - timedelta(microseconds=1)).expires_at == expires
    error = token_error(lambda: keys.verify("click", token, now=expires))
    assert error.code == "token.expired"
    assert (error.expires_at, error.now) == (expires, expires)
    assert error.expires_at is not None and error.expires_at.tzinfo == UTC
    # A token issued "later" than now (clock skew between servers) is accepted.
    assert keys.verify("click", token, now=SENT - timedelta(hours=1)).claims == TYPICAL


def test_purpose_confusion_is_refused() -> None:
    keys = ring()
    purposes = ["open", "click", "approval", "sender_verification", "password_reset", "secure_email"]
    for made in purposes:
        token = keys.issue(made, TYPICAL, now=SENT)
        for asked in purposes:
            if asked == made:
                assert keys.verify(asked, token, now=SENT).purpose == made
            else:
                error = token_error(lambda: keys.verify(asked, token, now=SENT))
                assert (error.code, error.expected, error.found) == ("token.wrong_purpose", asked, made)
    error = token_error(lambda: keys.verify("pixel", "x", now=SENT))
    assert (error.code, error.value) == ("token.unknown_purpose", "pixel")


def test_every_single_character_change_is_refused() -> None:
    keys = ring()
    for sealed in (False, True):
        token = keys.issue("click", TYPICAL, expires=timedelta(days=90), now=SENT, sealed=sealed)
        for index, character in enumerate(token):
            for replacement in ("A", "z", "-"):
                if replacement == character:
                    continue
                altered = token[:index] + replacement + token[index + 1 :]
                error = token_error(lambda: keys.verify("click", altered, now=SENT))
                assert error.code in {
                    "token.bad_tag",
                    "token.bad_base64",
                    "token.unknown_key",
                    "token.unsupported_version",
                    "token.wrong_length",
                }, (index, replacement, error.code)
        # Truncations and extensions.
        for cut in range(len(token)):
            assert token_error(lambda: keys.verify("click", token[:cut], now=SENT)).code.startswith("token.")
        for extra in ("A", "AA", "AAAA"):
            assert token_error(lambda: keys.verify("click", token + extra, now=SENT)).code.startswith("token.")


def test_a_flipped_tag_character_is_bad_tag_with_the_key_id() -> None:
    keys = ring()
    token = keys.issue("click", TYPICAL, now=SENT)
    altered = token[:30] + ("B" if token[30] == "A" else "A") + token[31:]
    error = token_error(lambda: keys.verify("click", altered, now=SENT))
    assert (error.code, error.key_id) == ("token.bad_tag", 2)
    assert str(error) == "token: the tag does not match key 2 (altered, forged or signed with another secret)"


def test_retired_key_verifies_removed_key_is_unknown() -> None:
    old = tracking.KeyRing({1: KEY_1}, 1)
    token = old.issue("click", TYPICAL, now=SENT)
    rotated = ring()  # key 2 signs, key 1 retired
    assert rotated.verify("click", token, now=SENT).key_id == 1
    new_token = rotated.issue("click", TYPICAL, now=SENT)
    assert rotated.verify("click", new_token, now=SENT).key_id == 2
    later = tracking.KeyRing({2: KEY_2}, 2)
    error = token_error(lambda: later.verify("click", token, now=SENT))
    assert (error.code, error.key_id) == ("token.unknown_key", 1)
    assert later.verify("click", new_token, now=SENT).key_id == 2
    # Another secret under the same id: bad tag.
    impostor = tracking.KeyRing({1: b"\x33" * 32}, 1)
    assert token_error(lambda: impostor.verify("click", token, now=SENT)).code == "token.bad_tag"


def test_token_errors_of_malformed_text_have_their_fields() -> None:
    keys = ring()
    error = token_error(lambda: keys.verify("click", "not a token!", now=SENT))
    assert error.code == "token.bad_base64" and error.reason
    error = token_error(lambda: keys.verify("click", "A" * 500, now=SENT))
    assert (error.code, error.unit, error.length) == ("token.wrong_length", "characters", 500)
    assert error.min is not None and error.max is not None and error.min < error.max
    error = token_error(lambda: keys.verify("click", "AQIC", now=SENT))
    assert (error.code, error.unit) == ("token.wrong_length", "bytes")
    token = keys.issue("click", TYPICAL, now=SENT)
    version_2 = "Ag" + token[2:]  # first byte 0x02
    error = token_error(lambda: keys.verify("click", version_2, now=SENT))
    assert (error.code, error.version, error.supported) == ("token.unsupported_version", 2, 1)


def test_a_short_tag_ring_refuses_long_tag_tokens() -> None:
    long = tracking.KeyRing({1: KEY_1}, 1, tag_length=32)
    token = long.issue("open", {}, now=SENT)
    assert len(token) == 54
    assert token_error(lambda: tracking.KeyRing({1: KEY_1}, 1).verify("open", token, now=SENT)).code in {
        "token.bad_tag",
        "token.wrong_length",
    }


def test_key_ring_errors_with_their_fields() -> None:
    error = token_error(lambda: tracking.KeyRing({3: b"\x00" * 20}, 3))
    assert (error.code, error.key_id, error.length, error.min) == ("token.key_too_short", 3, 20, 32)
    error = token_error(lambda: tracking.KeyRing([(1, KEY_1), (1, KEY_2)], 1))
    assert (error.code, error.key_id) == ("token.duplicate_key", 1)
    error = token_error(lambda: tracking.KeyRing({1: KEY_1}, 2))
    assert (error.code, error.key_id) == ("token.active_key_missing", 2)
    error = token_error(lambda: tracking.KeyRing({256: KEY_1}, 1))
    assert (error.code, error.field, error.value) == ("token.invalid_argument", "key_id", "256")
    error = token_error(lambda: tracking.KeyRing({1: KEY_1}, -1))
    assert (error.code, error.field, error.value) == ("token.invalid_argument", "active", "-1")
    error = token_error(lambda: tracking.KeyRing({1: KEY_1}, 1, tag_length=8))
    assert (error.code, error.field, error.value) == ("token.invalid_argument", "tag_length", "8")
    assert error.rule == "is out of range: a tag has 16 (128 bits) to 32 bytes"
    with pytest.raises(TypeError):
        tracking.KeyRing({1: "a secret as text is not bytes!!!!"}, 1)  # type: ignore[arg-type]


def test_claims_are_checked() -> None:
    keys = ring()
    error = token_error(lambda: keys.issue("click", {"acount": 1}, now=SENT))
    assert (error.code, error.field, error.value) == ("token.invalid_argument", "claims", "acount")
    for field, value in (("link", 65_536), ("occurrence", 2**32), ("account", 2**64), ("recipient", -1)):
        error = token_error(lambda: keys.issue("click", {field: value}, now=SENT))
        assert (error.code, error.field, error.value) == ("token.invalid_argument", f"claims.{field}", str(value))
    with pytest.raises(TypeError):
        keys.issue("click", {"link": 1.0}, now=SENT)  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        keys.issue("click", {"link": True}, now=SENT)
    with pytest.raises(TypeError):
        keys.issue("click", [("link", 1)], now=SENT)  # type: ignore[arg-type]


def test_issue_times_a_token_cannot_carry() -> None:
    keys = ring()
    error = token_error(lambda: keys.issue("open", {}, now=datetime(2024, 12, 31, tzinfo=timezone.utc)))
    assert (error.code, error.field) == ("token.invalid_time", "issued_at")
    assert error.value == datetime(2024, 12, 31, tzinfo=timezone.utc)
    error = token_error(lambda: keys.issue("open", {}, expires=SENT, now=SENT))
    assert (error.code, error.field) == ("token.invalid_time", "expires_at")
    assert token_error(lambda: keys.issue("open", {}, expires=timedelta(seconds=-5), now=SENT)).code == "token.invalid_time"


def test_verified_is_a_value() -> None:
    keys = ring()
    verified = keys.verify("click", keys.issue("click", TYPICAL, now=SENT), now=SENT)
    assert repr(verified).startswith("Verified(purpose='click', key_id=2, claims={'account': 12345")
    with pytest.raises(TypeError):
        hash(verified)


def test_keys_are_shared_between_threads() -> None:
    keys = ring()
    tokens: list[str] = []

    def work(recipient: int) -> None:
        for link in range(200):
            token = keys.issue("click", {"recipient": recipient, "link": link}, now=SENT)
            assert keys.verify("click", token, now=SENT).claims == {"recipient": recipient, "link": link}
        tokens.append(token)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tokens)) == 4


# ---- One-time codes ------------------------------------------------------------------------------


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_a_code_counts_down_to_locked() -> None:
    keys = ring()
    code, challenge = keys.issue_code(
        "sender_verification", {"account": 42, "recipient": 9}, "verification-8812",
        expires=timedelta(minutes=15), now=SENT,
    )
    assert len(code) == 6 and code.isdigit()
    assert (challenge.state, challenge.attempts_left, challenge.attempts_used) == ("pending", 5, 0)
    assert (challenge.alphabet, challenge.length, challenge.max_attempts) == ("digits", 6, 5)
    assert challenge.expires_at == SENT + timedelta(minutes=15)
    assert challenge.claims == {"account": 42, "recipient": 9}
    assert (challenge.key_id, challenge.purpose, challenge.challenge_id) == (2, "sender_verification", "verification-8812")
    for left in (4, 3, 2, 1):
        error = token_error(lambda: keys.check_code("sender_verification", challenge, wrong(code), now=SENT))
        assert (error.code, error.attempts_left) == ("token.code_mismatch", left)
        assert challenge.attempts_left == left
    error = token_error(lambda: keys.check_code("sender_verification", challenge, wrong(code), now=SENT))
    assert (error.code, error.attempts) == ("token.code_locked", 5)
    assert (challenge.state, challenge.attempts_left, challenge.attempts_used) == ("locked", 0, 5)
    # Locked: even the right code is refused now.
    assert token_error(lambda: keys.check_code("sender_verification", challenge, code, now=SENT)).code == "token.code_locked"


def test_the_right_code_opens_once() -> None:
    keys = ring()
    code, challenge = keys.issue_code("secure_email", {"message": 1}, "c-1", expires=timedelta(minutes=5), now=SENT)
    spaced = f"{code[:3]} {code[3:]}"
    verified = keys.check_code("secure_email", challenge, spaced, now=SENT + timedelta(minutes=1))
    assert (verified.purpose, verified.claims, verified.key_id) == ("secure_email", {"message": 1}, 2)
    assert verified.expires_at == SENT + timedelta(minutes=5)
    assert challenge.state == "used"
    assert token_error(lambda: keys.check_code("secure_email", challenge, code, now=SENT)).code == "token.code_used"


def test_code_errors() -> None:
    keys = ring()
    code, challenge = keys.issue_code(
        "secure_email", None, "c-2", expires=SENT + timedelta(minutes=5), now=SENT, alphabet="crockford", length=8,
        max_attempts=2,
    )
    assert len(code) == 8 and challenge.alphabet == "crockford"
    error = token_error(lambda: keys.check_code("secure_email", challenge, "ZZZZ", now=SENT))
    assert error.code == "token.code_malformed" and error.reason
    assert challenge.attempts_used == 0  # not a guess
    error = token_error(lambda: keys.check_code("open", challenge, code, now=SENT))
    assert (error.code, error.expected, error.found) == ("token.wrong_purpose", "open", "secure_email")
    error = token_error(lambda: keys.check_code("secure_email", challenge, code, now=SENT + timedelta(minutes=5)))
    assert error.code == "token.code_expired"
    assert (error.expires_at, error.now) == (SENT + timedelta(minutes=5), SENT + timedelta(minutes=5))
    without_key = tracking.KeyRing({1: KEY_1}, 1)
    error = token_error(lambda: without_key.check_code("secure_email", challenge, code, now=SENT))
    assert (error.code, error.key_id) == ("token.unknown_key", 2)
    # Crockford codes read in any case, with I/L as 1 and O as 0.
    typed = code.lower().replace("1", "l").replace("0", "o")
    assert keys.check_code("secure_email", challenge, typed, now=SENT).purpose == "secure_email"


def test_code_policy_and_challenge_id_are_checked() -> None:
    keys = ring()
    expires = timedelta(minutes=5)
    error = token_error(lambda: keys.issue_code("open", None, "c", expires=expires, now=SENT, length=4))
    assert (error.code, error.field, error.value) == ("token.invalid_argument", "length", "4")
    error = token_error(lambda: keys.issue_code("open", None, "c", expires=expires, now=SENT, length=1000))
    assert (error.field, error.value, error.rule) == ("length", "1000", "is out of range: a code of digits has 6 to 10 of them")
    error = token_error(lambda: keys.issue_code("open", None, "c", expires=expires, now=SENT, max_attempts=-3))
    assert (error.field, error.value) == ("max_attempts", "-3")
    error = token_error(lambda: keys.issue_code("open", None, "c", expires=expires, now=SENT, max_attempts=11))
    assert (error.field, error.value) == ("max_attempts", "11")
    error = token_error(lambda: keys.issue_code("open", None, "", expires=expires, now=SENT))
    assert (error.code, error.field) == ("token.invalid_argument", "challenge_id")
    error = token_error(lambda: keys.issue_code("open", None, "c", expires=SENT, now=SENT))
    assert (error.code, error.field) == ("token.invalid_time", "expires_at")
    with pytest.raises(ValueError, match="alphabet"):
        keys.issue_code("open", None, "c", expires=expires, now=SENT, alphabet="hex")


def test_a_challenge_is_stored_as_json_and_pickles() -> None:
    keys = ring()
    code, challenge = keys.issue_code("password_reset", {"account": 5}, "c-3", expires=timedelta(minutes=5), now=SENT)
    token_error(lambda: keys.check_code("password_reset", challenge, wrong(code), now=SENT))
    stored = challenge.to_json()
    assert '"attempts_used":1' in stored and '"state":"pending"' in stored
    back = tracking.CodeChallenge.from_json(stored)
    assert back == challenge and back is not challenge
    assert pickle.loads(pickle.dumps(challenge)) == challenge
    assert eval(repr(challenge), {"CodeChallenge": tracking.CodeChallenge}) == challenge  # noqa: S307
    assert back != "a challenge"
    with pytest.raises(TypeError):
        hash(challenge)
    # The copy checks on its own.
    assert keys.check_code("password_reset", back, code, now=SENT).claims == {"account": 5}
    assert (back.state, challenge.state) == ("used", "pending")
    with pytest.raises(ValueError, match="not a CodeChallenge JSON"):
        tracking.CodeChallenge.from_json('{"key_id": 1}')


def test_a_non_canonical_payload_under_a_valid_tag_is_refused() -> None:
    # Built by hand with the key (the core's wire format, version 1): a click token whose account
    # claim 0 is written with a superfluous varint byte, under a correct HMAC-SHA-256 tag.
    import base64
    import hashlib
    import hmac

    signed = bytes([1, 1, 2, 0x01, 0x80, 0x00, 0xE8, 0x07])  # version, key 1, click, account; 0x80 0x00; issued-at 1000 s
    tag = hmac.new(KEY_1, b"envoi-token-v1-mac\0" + bytes([16]) + signed, hashlib.sha256).digest()[:16]
    token = base64.urlsafe_b64encode(signed + tag).rstrip(b"=").decode()
    keys = tracking.KeyRing({1: KEY_1}, 1)
    error = token_error(lambda: keys.verify("click", token, now=SENT))
    assert (error.code, error.field) == ("token.non_canonical", "account")
    assert error.rule
    # The same bytes written canonically verify.
    canonical = bytes([1, 1, 2, 0x01, 0x00, 0xE8, 0x07])
    tag = hmac.new(KEY_1, b"envoi-token-v1-mac\0" + bytes([16]) + canonical, hashlib.sha256).digest()[:16]
    token = base64.urlsafe_b64encode(canonical + tag).rstrip(b"=").decode()
    verified = keys.verify("click", token, now=SENT)
    assert verified.claims == {"account": 0}
    assert verified.issued_at == datetime(2025, 1, 1, 0, 16, 40, tzinfo=timezone.utc)
