"""envoi.tracking: secure-email access (a sealed link and a one-time code)."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi import tracking

SENT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
CLICKED = SENT + timedelta(hours=2)
RING = tracking.KeyRing({1: b"a secret of at least 32 bytes, really"}, 1)
CLAIMS = {"account": 7, "message": 42, "recipient": 1001}


def create(**policy: int | bool | str) -> tuple[tracking.SecureAccess, str]:
    return tracking.SecureAccess.create(RING, CLAIMS, now=SENT, **policy)  # type: ignore[arg-type]


def tracking_error(call: Callable[[], object]) -> envoi.TrackingError:
    with pytest.raises(envoi.TrackingError) as info:
        call()
    return info.value


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_open_with_link_and_code() -> None:
    access, link = create()
    assert len(link) > 20
    assert tracking.SecureAccess.read_link(RING, link, now=CLICKED) == CLAIMS
    assert access.claims == CLAIMS
    assert (access.created_at, access.expires_at) == (SENT, SENT + timedelta(days=30))
    assert access.policy == {
        "validity_seconds": 2_592_000,
        "require_code": True,
        "code": {"alphabet": "digits", "length": 6, "max_attempts": 5},
        "code_validity_seconds": 900,
        "max_codes": 5,
        "max_failed_attempts": 10,
    }
    code = access.issue_code(RING, now=CLICKED)
    assert len(code) == 6 and access.codes_issued == 1 and access.attempts_left == 5
    opened = access.open(RING, link, code, now=CLICKED + timedelta(minutes=1))
    assert (opened.claims, opened.open_count) == (CLAIMS, 1)
    assert opened.opened_at == CLICKED + timedelta(minutes=1)
    assert (access.open_count, access.first_opened_at, access.last_opened_at) == (
        1,
        CLICKED + timedelta(minutes=1),
        CLICKED + timedelta(minutes=1),
    )
    assert access.lock is None and access.lock_at(CLICKED) is None
    # The sealed link does not show its claims.
    with pytest.raises(envoi.TokenError) as info:
        RING.verify("click", link, now=CLICKED)
    assert info.value.code == "token.wrong_purpose"


def test_the_access_is_stored_as_json_and_pickles() -> None:
    access, link = create()
    code = access.issue_code(RING, now=CLICKED)
    tracking_error(lambda: access.open(RING, link, wrong(code), now=CLICKED))
    stored = access.to_json()
    assert json.loads(stored)["failed_attempts"] == 1
    back = tracking.SecureAccess.from_json(stored)
    assert back == access and back is not access
    assert pickle.loads(pickle.dumps(access)) == access
    assert back.open(RING, link, code, now=CLICKED).open_count == 1
    assert back != access
    assert repr(access).startswith("<envoi.tracking.SecureAccess claims={'account': 7")
    with pytest.raises(ValueError, match="not a SecureAccess JSON"):
        tracking.SecureAccess.from_json("{}")
    with pytest.raises(TypeError):
        hash(access)


def test_wrong_codes_lock_the_access() -> None:
    access, link = create(max_failed_attempts=3)
    code = access.issue_code(RING, now=CLICKED)
    error = tracking_error(lambda: access.open(RING, link, wrong(code), now=CLICKED))
    assert (error.code, error.attempts_left) == ("tracking.secure_wrong_code", 2)
    error = tracking_error(lambda: access.open(RING, link, wrong(code), now=CLICKED))
    assert (error.code, error.attempts_left) == ("tracking.secure_wrong_code", 1)
    error = tracking_error(lambda: access.open(RING, link, wrong(code), now=CLICKED))
    assert (error.code, error.reason, error.at) == ("tracking.secure_locked", "too_many_attempts", CLICKED)
    lock = access.lock
    assert lock is not None and (lock.reason, lock.at) == ("too_many_attempts", CLICKED)
    assert repr(lock).startswith("AccessLock(reason='too_many_attempts', at=datetime.datetime(2026, 3, 2, 11, 0")
    assert access.attempts_left == 0 and access.failed_attempts == 3
    error = tracking_error(lambda: access.open(RING, link, code, now=CLICKED))
    assert error.code == "tracking.secure_locked"


def test_every_secure_error_with_its_fields() -> None:
    access, link = create()
    # A code is needed, none issued yet.
    assert tracking_error(lambda: access.open(RING, link, now=CLICKED)).code == "tracking.secure_code_required"
    assert tracking_error(lambda: access.open(RING, link, "123456", now=CLICKED)).code == "tracking.secure_no_code_issued"
    code = access.issue_code(RING, now=CLICKED)
    error = tracking_error(lambda: access.open(RING, link, "12", now=CLICKED))
    assert error.code == "tracking.secure_code_malformed" and error.reason
    assert access.failed_attempts == 0
    later = CLICKED + timedelta(minutes=15)
    error = tracking_error(lambda: access.open(RING, link, code, now=later))
    assert (error.code, error.expires_at) == ("tracking.secure_code_expired", later)
    code = access.issue_code(RING, now=later)
    assert access.open(RING, link, code, now=later).open_count == 1
    assert tracking_error(lambda: access.open(RING, link, code, now=later)).code == "tracking.secure_code_used"
    # A link for another access.
    other, other_link = tracking.SecureAccess.create(RING, CLAIMS | {"recipient": 1002}, now=SENT)
    error = tracking_error(lambda: access.open(RING, other_link, code, now=later))
    assert (error.code, error.expected, error.found) == (
        "tracking.secure_link_mismatch",
        CLAIMS,
        CLAIMS | {"recipient": 1002},
    )
    # One code used all its attempts (5) before the access's 10: ask for a new code.
    code = other.issue_code(RING, now=CLICKED)
    for _ in range(4):
        tracking_error(lambda: other.open(RING, other_link, wrong(code), now=CLICKED))
    assert tracking_error(lambda: other.open(RING, other_link, wrong(code), now=CLICKED)).code == "tracking.secure_code_locked"
    assert other.lock is None and other.failed_attempts == 5
    assert tracking_error(lambda: other.open(RING, other_link, code, now=CLICKED)).code == "tracking.secure_code_locked"
    # Too many codes.
    few, _ = create(max_codes=1)
    few.issue_code(RING, now=CLICKED)
    error = tracking_error(lambda: few.issue_code(RING, now=CLICKED))
    assert (error.code, error.max) == ("tracking.secure_too_many_codes", 1)
    # No code needed.
    link_only, link_only_token = create(require_code=False)
    error = tracking_error(lambda: link_only.issue_code(RING, now=CLICKED))
    assert error.code == "tracking.secure_code_not_required"
    assert link_only.open(RING, link_only_token, now=CLICKED).open_count == 1
    # Revoked, expired.
    link_only.revoke(now=CLICKED)
    error = tracking_error(lambda: link_only.open(RING, link_only_token, now=CLICKED))
    assert (error.code, error.reason, error.at) == ("tracking.secure_locked", "revoked", CLICKED)
    expired, expired_link = create(validity_seconds=3600)
    end = SENT + timedelta(hours=1)
    lock = expired.lock_at(end)
    assert lock is not None and (lock.reason, lock.at) == ("expired", end)
    assert expired.lock is None  # not recorded yet
    error = tracking_error(lambda: expired.issue_code(RING, now=end))
    assert (error.code, error.reason, error.at) == ("tracking.secure_locked", "expired", end)
    assert expired.lock is not None and expired.lock.reason == "expired"
    # A link that does not verify: the key ring's error; nothing counted.
    with pytest.raises(envoi.TokenError) as info:
        access.open(RING, expired_link[:-2] + "AA", code, now=later)
    assert info.value.code.startswith("token.")
    with pytest.raises(envoi.TokenError) as info:
        tracking.SecureAccess.read_link(RING, "nope", now=CLICKED)
    assert info.value.code.startswith("token.")
    # The code's key removed from the ring.
    rotated = tracking.KeyRing({2: b"\x22" * 32, 1: b"a secret of at least 32 bytes, really"}, 2)
    fresh, fresh_link = create()
    fresh_code = fresh.issue_code(RING, now=CLICKED)
    assert fresh.open(rotated, fresh_link, fresh_code, now=CLICKED).open_count == 1
    gone = tracking.KeyRing({2: b"\x22" * 32}, 2)
    fresh_code = fresh.issue_code(RING, now=CLICKED)
    with pytest.raises(envoi.TokenError) as info:
        fresh.open(gone, fresh_link, fresh_code, now=CLICKED)
    assert (info.value.code, info.value.key_id) == ("token.unknown_key", 1)


def test_policy_and_claims_are_checked() -> None:
    for policy, field, value in (
        ({"validity_seconds": 0}, "validity_seconds", "0"),
        ({"validity_seconds": -5}, "validity_seconds", "-5"),
        ({"code_validity_seconds": 10}, "code_validity_seconds", "10"),
        ({"max_codes": 21}, "max_codes", "21"),
        ({"max_codes": 2**40}, "max_codes", str(2**40)),
        ({"max_failed_attempts": 0}, "max_failed_attempts", "0"),
        ({"code_length": 4}, "code.length", "4"),
        ({"code_length": 300}, "code.length", "300"),
        ({"code_max_attempts": 11}, "code.max_attempts", "11"),
    ):
        error = tracking_error(lambda: create(**policy))
        assert (error.code, error.field, error.value) == ("tracking.invalid_option", field, value), policy
        assert error.rule
    error = tracking_error(lambda: tracking.SecureAccess.create(RING, CLAIMS | {"link": 1}, now=SENT))
    assert (error.code, error.field, error.value) == ("tracking.invalid_claims", "claims.link", "1")
    access, _ = create(code_alphabet="crockford", code_length=8)
    assert len(access.issue_code(RING, now=CLICKED)) == 8
    with pytest.raises(ValueError, match="code_alphabet"):
        create(code_alphabet="emoji")
