"""envoi.security: the lockout boundaries, the login guard's stored state, password-reset tokens."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi import security, tracking

START = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
RING = tracking.KeyRing({1: b"\x42" * 32}, 1)


def seconds(n: float) -> datetime:
    return START + timedelta(seconds=n)


def test_the_default_policy() -> None:
    policy = security.LockoutPolicy()
    assert (policy.max_failures, policy.window, policy.first_lock, policy.cap) == (
        5, timedelta(minutes=15), timedelta(minutes=15), timedelta(hours=24))
    assert [policy.lock_duration(n) for n in (1, 2, 3, 7, 100)] == [
        timedelta(minutes=15), timedelta(minutes=30), timedelta(hours=1), timedelta(hours=16), timedelta(hours=24)]
    assert security.LockoutPolicy.from_json(policy.to_json()) == policy
    assert json.loads(policy.to_json()) == {
        "max_failures": 5, "window_seconds": 900, "first_lock_seconds": 900, "cap_seconds": 86400}
    assert pickle.loads(pickle.dumps(policy)) == policy and hash(policy) == hash(security.LockoutPolicy())


def test_the_fifth_failure_within_the_window_locks() -> None:
    policy = security.LockoutPolicy()
    guard = security.LoginGuard()
    for n in range(4):
        guard.check(seconds(n))
        outcome = guard.record_failure(policy, seconds(n))
        assert (outcome.kind, outcome.failures, outcome.failures_left) == ("counted", n + 1, 4 - n)
    locked = guard.record_failure(policy, seconds(4))
    assert (locked.kind, locked.until, locked.duration, locked.lock_number) == (
        "locked", seconds(4) + timedelta(minutes=15), timedelta(minutes=15), 1)
    assert (guard.lock_count, guard.locked_until) == (1, seconds(4) + timedelta(minutes=15))
    with pytest.raises(envoi.SecurityError) as info:
        guard.check(seconds(5))
    error = info.value
    assert (error.code, error.locked_until, error.remaining) == (
        "security.account_locked", seconds(4) + timedelta(minutes=15), timedelta(minutes=14, seconds=59))
    # One second before the end, still locked; at the end, a login is tried again.
    with pytest.raises(envoi.SecurityError):
        guard.check(seconds(4 + 899))
    guard.check(seconds(4 + 900))
    already = guard.record_failure(policy, seconds(10))
    assert (already.kind, already.until, already.failures) == ("already_locked", seconds(904), None)


def test_a_failure_exactly_one_window_old_no_longer_counts() -> None:
    policy = security.LockoutPolicy(max_failures=2, window=timedelta(minutes=1), first_lock=timedelta(minutes=1),
                                    cap=timedelta(minutes=4))
    guard = security.LoginGuard()
    guard.record_failure(policy, seconds(0))
    assert guard.failures(policy, seconds(59)) == 1
    assert guard.failures(policy, seconds(60)) == 0
    assert guard.record_failure(policy, seconds(60)).kind == "counted"
    assert guard.record_failure(policy, seconds(119)).kind == "locked"


def test_each_further_lock_doubles_up_to_the_cap_and_a_success_resets_both() -> None:
    policy = security.LockoutPolicy(max_failures=1, window=timedelta(minutes=1), first_lock=timedelta(minutes=1),
                                    cap=timedelta(minutes=3))
    guard = security.LoginGuard()
    at = START
    durations = []
    for _ in range(4):
        outcome = guard.record_failure(policy, at)
        assert outcome.kind == "locked" and outcome.until is not None and outcome.duration is not None
        durations.append(outcome.duration)
        at = outcome.until
    assert durations == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=3), timedelta(minutes=3)]
    with pytest.raises(envoi.SecurityError) as info:
        guard.record_success(at - timedelta(seconds=1))
    assert info.value.code == "security.account_locked"
    guard.record_success(at)
    assert (guard.lock_count, guard.locked_until) == (0, None)
    assert guard.record_failure(policy, at).duration == timedelta(minutes=1)


def test_the_host_stores_the_guard() -> None:
    policy = security.LockoutPolicy()
    guard = security.LoginGuard()
    guard.record_failure(policy, START)
    stored = guard.to_json()
    back = security.LoginGuard.from_json(stored)
    assert back == guard and back.failures(policy, START) == 1
    assert pickle.loads(pickle.dumps(guard)) == guard
    assert eval(repr(guard), {"LoginGuard": security.LoginGuard}) == guard
    with pytest.raises(ValueError, match="not a LoginGuard JSON"):
        security.LoginGuard.from_json('{"recent_failures": [], "lock_count": 0, "locked_until": null, "extra": 1}')
    with pytest.raises(envoi.TimeError):
        guard.check(datetime(2026, 6, 1, 9, 0))


@pytest.mark.parametrize(
    ("arguments", "field", "value", "rule"),
    [
        ({"max_failures": 0}, "max_failures", "0", "is out of range: a policy locks after 1 to 100 failures"),
        ({"max_failures": 101}, "max_failures", "101", "is out of range: a policy locks after 1 to 100 failures"),
        ({"max_failures": 2**40}, "max_failures", str(2**40), "is out of range: a policy locks after 1 to 100 failures"),
        ({"window": timedelta(0)}, "window", "0 seconds", "must be positive (at least 1 second)"),
        ({"first_lock": timedelta(seconds=1.5)}, "first_lock", "1500 milliseconds", "must be a whole number of seconds"),
        ({"cap": timedelta(days=367)}, "cap", "31708800 seconds", "is too long: at most 366 days"),
    ],
)
def test_policy_parameters_are_checked_by_the_core(arguments: dict[str, object], field: str, value: str, rule: str) -> None:
    with pytest.raises(envoi.SecurityError) as info:
        security.LockoutPolicy(**arguments)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field, info.value.value, info.value.rule) == (
        "security.invalid_parameter", field, value, rule)


def test_a_cap_below_the_first_lock() -> None:
    with pytest.raises(envoi.SecurityError) as info:
        security.LockoutPolicy(first_lock=timedelta(hours=2), cap=timedelta(hours=1))
    assert (info.value.code, info.value.cap_seconds, info.value.first_lock_seconds) == (
        "security.invalid_parameter", 3600, 7200)


def test_a_reset_link_works_once_for_the_current_credential_version() -> None:
    link = security.PasswordReset.issue(RING, 1234, 7, validity=timedelta(hours=1), at=START)
    later = START + timedelta(minutes=20)
    token = security.PasswordReset.read(RING, link, later)
    assert (token.account, token.credential_version, token.issued_at, token.expires_at) == (
        1234, 7, START, START + timedelta(hours=1))
    assert len(token.token_id) == 22
    assert token.accept(7, False, later) == token.token_id
    assert json.loads(token.to_json())["token_id"] == token.token_id
    with pytest.raises(envoi.SecurityError) as info:
        token.accept(7, True, later)
    assert (info.value.code, info.value.token_id) == ("security.reset_token_used", token.token_id)
    with pytest.raises(envoi.SecurityError) as info:
        token.accept(8, False, later)
    assert (info.value.code, info.value.token_version, info.value.current_version) == (
        "security.credential_changed", 7, 8)
    # Expired: refused when read, and when accepted after reading.
    with pytest.raises(envoi.TokenError) as token_info:
        security.PasswordReset.read(RING, link, START + timedelta(hours=1))
    assert token_info.value.code == "token.expired"
    with pytest.raises(envoi.TokenError) as token_info:
        token.accept(7, False, START + timedelta(hours=1))
    assert (token_info.value.code, token_info.value.expires_at) == ("token.expired", START + timedelta(hours=1))


def test_verify_with_the_hosts_record_of_used_ids() -> None:
    link = security.PasswordReset.issue(RING, 1234, 7, validity=timedelta(minutes=30), at=START)
    now = START + timedelta(minutes=1)
    token = security.PasswordReset.verify(RING, link, 1234, 7, set(), now)
    with pytest.raises(envoi.SecurityError) as info:
        security.PasswordReset.verify(RING, link, 1234, 7, {token.token_id}, now)
    assert info.value.code == "security.reset_token_used"
    with pytest.raises(envoi.SecurityError) as info:
        security.PasswordReset.verify(RING, link, 99, 7, lambda _: False, now)
    assert (info.value.code, info.value.token_account, info.value.account) == ("security.wrong_account", 1234, 99)

    def store_down(_: str) -> bool:
        raise ConnectionError("the store is down")

    with pytest.raises(ConnectionError):
        security.PasswordReset.verify(RING, link, 1234, 7, store_down, now)
    # Another purpose's token is the key ring's refusal.
    click = RING.issue("click", {"account": 1234}, now=START)
    with pytest.raises(envoi.TokenError) as token_info:
        security.PasswordReset.read(RING, click, now)
    assert (token_info.value.code, token_info.value.expected, token_info.value.found) == (
        "token.wrong_purpose", "password_reset", "click")


def test_a_signed_token_without_the_reset_claims_is_incomplete() -> None:
    incomplete = RING.issue("password_reset", {"account": 1234}, expires=timedelta(hours=1), now=START)
    with pytest.raises(envoi.SecurityError) as info:
        security.PasswordReset.read(RING, incomplete, START)
    assert (info.value.code, info.value.missing) == ("security.reset_token_incomplete", "credential")


def test_reset_validity() -> None:
    with pytest.raises(envoi.SecurityError) as info:
        security.PasswordReset.issue(RING, 1234, 7, validity=timedelta(days=30), at=START)
    assert (info.value.code, info.value.field, info.value.value) == (
        "security.invalid_parameter", "validity", "2592000 seconds")
    with pytest.raises(envoi.TokenError) as token_info:
        security.PasswordReset.issue(RING, 1234, 7, validity=timedelta(hours=1), at=datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert token_info.value.code == "token.invalid_time"
