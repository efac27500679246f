"""envoi.credits through Python: the ledger, its results, its errors and their attributes."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
import envoi._testing
from envoi import credits
from envoi.credits import Ledger

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = timezone.utc


def at(text: str) -> datetime:
    """An aware UTC datetime from an RFC 3339 text ending in Z."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_buy_use_buy_a_year_later_then_two_years_without_an_order() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 1000, datetime(2025, 3, 1, 11, 0, tzinfo=BRUSSELS))
    ledger.consume("march-newsletter", "sms", 300, datetime(2025, 3, 15, 11, 0, tzinfo=BRUSSELS))
    second = ledger.purchase("o2", "sms", 500, datetime(2026, 3, 1, 11, 0, tzinfo=BRUSSELS))
    assert second.status == "active" and second.lot == 2

    balance = ledger.balance("sms", datetime(2026, 3, 2, tzinfo=BRUSSELS))
    assert balance.available == 1200
    assert (balance.bought, balance.consumed, balance.expired) == (1500, 300, 0)
    # 24 months after the second order, on the Brussels wall clock; out in the ledger's zone.
    assert balance.expires_at == datetime(2028, 3, 1, 11, 0, tzinfo=BRUSSELS)
    assert balance.expires_at is not None and balance.expires_at.tzinfo == BRUSSELS
    assert balance.is_consistent()

    # No order for two years: everything expired (validity is half-open).
    expired = ledger.balance("sms", datetime(2028, 3, 1, 11, 0, tzinfo=BRUSSELS))
    assert (expired.available, expired.expired, expired.expires_at) == (0, 1200, None)
    assert ledger.balance("sms", datetime(2028, 3, 1, 10, 59, 59, tzinfo=BRUSSELS)).available == 1200


def test_a_pending_order_adds_nothing_until_activated() -> None:
    ledger = Ledger()
    order = ledger.purchase("o1", "email", 500, at("2026-01-05T09:00:00Z"), pending=True)
    assert (order.status, order.lot, order.expires_at, order.replayed) == ("pending", None, None, False)
    assert ledger.balance("email", at("2026-01-06T00:00:00Z")).available == 0

    active = ledger.activate("o1", at("2026-01-08T09:00:00Z"))
    assert active.status == "active" and active.lot == 1
    assert active.expires_at == at("2028-01-08T09:00:00Z")
    assert ledger.balance("email", at("2026-01-09T00:00:00Z")).available == 500
    assert ledger.activate("o1", at("2026-01-09T09:00:00Z")).replayed

    voided = ledger.void_order("o1", at("2026-01-10T09:00:00Z"))
    assert (voided.status, voided.lot) == ("voided", 1)  # voided after activation: its lot
    assert voided.voided_at == at("2026-01-10T09:00:00Z")
    balance = ledger.balance("email", at("2026-01-11T00:00:00Z"))
    assert (balance.available, balance.removed) == (0, 500)

    ledger.purchase("o2", "email", 10, at("2026-01-12T09:00:00Z"), pending=True)
    assert ledger.void_order("o2", at("2026-01-12T10:00:00Z")).lot is None  # never activated
    with pytest.raises(envoi.CreditError) as info:
        ledger.activate("o2", at("2026-01-12T11:00:00Z"))
    assert info.value.code == "credits.order_voided"
    assert info.value.order_id == "o2"
    assert info.value.voided_at == at("2026-01-12T10:00:00Z")
    with pytest.raises(envoi.CreditError) as missing:
        ledger.activate("nope", at("2026-01-12T11:00:00Z"))
    assert (missing.value.code, missing.value.order_id) == ("credits.order_not_found", "nope")


def test_reserve_then_commit_part_then_release() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    reservation = ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"))
    assert (reservation.key, reservation.kind, reservation.units) == ("send-1", "sms", 4)
    assert reservation.lots == [(1, 4)]
    assert reservation.times_out_at is None
    assert reservation.reserved_at == at("2026-01-06T09:00:00Z")
    assert reservation.reserved_at.tzinfo == BRUSSELS
    assert ledger.balance("sms", at("2026-01-06T09:00:30Z")).reserved == 4

    settled = ledger.commit("send-1", at("2026-01-06T09:01:00Z"), units=3)
    assert (settled.consumed, settled.released, settled.timed_out) == (3, 1, False)
    balance = ledger.balance("sms", at("2026-01-07T00:00:00Z"))
    assert (balance.consumed, balance.reserved, balance.available) == (3, 0, 7)

    ledger.reserve("send-2", "sms", 5, at("2026-01-07T09:00:00Z"))
    released = ledger.release("send-2", at("2026-01-07T09:01:00Z"))
    assert (released.consumed, released.released, released.timed_out) == (0, 5, False)
    assert ledger.balance("sms", at("2026-01-08T00:00:00Z")).available == 7

    with pytest.raises(envoi.CreditError) as twice:
        ledger.commit("send-1", at("2026-01-08T09:00:00Z"))
    assert twice.value.code == "credits.reservation_already_committed"
    assert (twice.value.key, twice.value.units) == ("send-1", 3)
    with pytest.raises(envoi.CreditError) as again:
        ledger.release("send-2", at("2026-01-08T09:00:00Z"))
    assert again.value.code == "credits.reservation_already_released"
    with pytest.raises(envoi.CreditError) as unknown:
        ledger.commit("send-9", at("2026-01-08T09:00:00Z"))
    assert (unknown.value.code, unknown.value.key) == ("credits.unknown_reservation", "send-9")


def test_a_reservation_times_out() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    reservation = ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"), timeout_s=60)
    assert reservation.times_out_at == at("2026-01-06T09:01:00Z")
    assert ledger.balance("sms", at("2026-01-06T09:00:59Z")).reserved == 4
    # No cleanup job: at the timeout the hold is gone from every query.
    later = ledger.balance("sms", at("2026-01-06T09:01:00Z"))
    assert (later.reserved, later.available) == (0, 10)

    with pytest.raises(envoi.CreditError) as info:
        ledger.commit("send-1", at("2026-01-06T09:01:00Z"))
    error = info.value
    assert error.code == "credits.reservation_timed_out"
    assert error.key == "send-1"
    assert (error.reserved_at, error.timed_out_at) == (at("2026-01-06T09:00:00Z"), at("2026-01-06T09:01:00Z"))

    version = ledger.version
    settled = ledger.release("send-1", at("2026-01-06T09:02:00Z"))
    assert (settled.released, settled.timed_out) == (4, True)
    assert ledger.version == version  # a release after the timeout writes nothing

    with pytest.raises(envoi.CreditError) as zero:
        ledger.reserve("send-2", "sms", 1, at("2026-01-07T09:00:00Z"), timeout_s=0)
    assert (zero.value.code, zero.value.field) == ("credits.invalid_argument", "timeout_s")


def test_a_replay_returns_the_first_result_and_writes_nothing() -> None:
    ledger = Ledger()
    first = ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    version = ledger.version
    again = ledger.purchase("o1", "sms", 10, at("2026-01-05T10:00:00Z"))
    assert not first.replayed and again.replayed
    assert (again.order_id, again.units, again.status, again.lot, again.expires_at) == (
        first.order_id,
        first.units,
        first.status,
        first.lot,
        first.expires_at,
    )
    assert ledger.version == version

    used = ledger.consume("mail-1", "sms", 4, at("2026-01-06T09:00:00Z"))
    retry = ledger.consume("mail-1", "sms", 4, at("2026-01-06T09:05:00Z"))
    assert retry.replayed and not used.replayed
    assert retry.reserved_at == used.reserved_at  # a replay keeps the first time
    assert retry.lots == used.lots
    assert ledger.version == version + 1
    assert ledger.balance("sms", at("2026-01-07T00:00:00Z")).available == 6

    grant = ledger.adjust("goodwill", "sms", 5, "outage", at("2026-01-08T09:00:00Z"))
    assert (grant.lot, grant.replayed) == (2, False)
    regrant = ledger.adjust("goodwill", "sms", 5, "outage", at("2026-01-09T09:00:00Z"))
    assert (regrant.lot, regrant.replayed) == (2, True)
    assert regrant != grant and isinstance(regrant, credits.Adjustment)
    assert ledger.version == version + 2


def test_an_idempotency_conflict() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    version = ledger.version
    with pytest.raises(envoi.CreditError) as info:
        ledger.purchase("o1", "sms", 20, at("2026-01-05T10:00:00Z"))
    error = info.value
    assert type(error) is envoi.CreditError
    assert error.code == "credits.idempotency_conflict"
    assert error.key == "o1"
    assert error.first is not None and "10" in error.first
    assert error.this is not None and "20" in error.this
    assert str(error).startswith("o1: already used for ")
    assert ledger.version == version  # a refused operation writes nothing


def test_insufficient_credit_names_needed_and_available() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 5, at("2026-01-05T09:00:00Z"))
    with pytest.raises(envoi.CreditError) as info:
        ledger.reserve("send-1", "sms", 8, at("2026-01-06T09:00:00Z"))
    error = info.value
    assert error.code == "credits.insufficient_credit"
    assert (error.kind, error.needed, error.available) == ("sms", 8, 5)
    assert str(error) == "sms: 8 units needed, 5 available"
    assert error.reserved is None and error.key is None  # fields the error does not have
    # Not remembered: the same key succeeds after a top-up.
    ledger.purchase("o2", "sms", 5, at("2026-01-06T10:00:00Z"))
    assert ledger.reserve("send-1", "sms", 8, at("2026-01-06T11:00:00Z")).units == 8
    # A removal never takes more than available.
    with pytest.raises(envoi.CreditError) as removal:
        ledger.adjust("fix-1", "sms", -3, "double grant", at("2026-01-06T12:00:00Z"))
    assert (removal.value.needed, removal.value.available) == (3, 2)


def test_exceeds_reserved_names_its_numbers() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    ledger.reserve("send-1", "sms", 4, at("2026-01-06T09:00:00Z"))
    with pytest.raises(envoi.CreditError) as info:
        ledger.commit("send-1", at("2026-01-06T09:01:00Z"), units=6)
    error = info.value
    assert error.code == "credits.exceeds_reserved"
    assert (error.key, error.reserved, error.requested) == ("send-1", 4, 6)
    # Still open: a commit within the reservation works.
    assert ledger.commit("send-1", at("2026-01-06T09:02:00Z")).consumed == 4


def test_time_regression_names_both_times_in_the_ledgers_zone() -> None:
    ledger = Ledger(tz="America/New_York")
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    with pytest.raises(envoi.CreditError) as info:
        ledger.consume("send-1", "sms", 1, at("2026-01-05T08:00:00Z"))
    error = info.value
    assert error.code == "credits.time_regression"
    assert (error.at, error.last) == (at("2026-01-05T08:00:00Z"), at("2026-01-05T09:00:00Z"))
    assert error.last is not None and error.last.tzinfo == ZoneInfo("America/New_York")
    assert ledger.last_operation_at == at("2026-01-05T09:00:00Z")
    # Queries may ask any instant.
    assert ledger.balance("sms", at("2026-01-01T00:00:00Z")).available == 0


def test_errors_are_credit_errors_and_pickle_with_their_attributes() -> None:
    assert issubclass(envoi.CreditError, envoi.EnvoiError)
    assert envoi.errors.CreditError is envoi.CreditError
    ledger = Ledger()
    with pytest.raises(envoi.EnvoiError) as info:
        ledger.consume("send-1", "sms", 8, at("2026-01-06T09:00:00Z"))
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is envoi.CreditError
    assert (copy.code, copy.needed, copy.available, copy.kind) == ("credits.insufficient_credit", 8, 0, "sms")
    assert str(copy) == str(info.value)


def test_naive_times_bad_kinds_and_bad_counts_are_refused() -> None:
    ledger = Ledger()
    with pytest.raises(envoi.TimeError) as naive:
        ledger.purchase("o1", "sms", 10, datetime(2026, 1, 5, 9, 0))
    assert naive.value.code == "time.not_zone_aware"
    assert str(naive.value).startswith("at:")
    with pytest.raises(TypeError, match="at: expected an aware datetime.datetime, not str"):
        ledger.purchase("o1", "sms", 10, "2026-01-05T09:00:00Z")  # type: ignore[arg-type]
    with pytest.raises(envoi.TimeError) as naive_expiry:
        ledger.adjust("g", "sms", 1, "gift", at("2026-01-05T09:00:00Z"), expires_at=datetime(2027, 1, 1))
    assert str(naive_expiry.value).startswith("expires_at:")

    with pytest.raises(envoi.CreditError) as kind:
        ledger.purchase("o1", "SMS", 10, at("2026-01-05T09:00:00Z"))
    assert (kind.value.code, kind.value.value) == ("credits.invalid_kind", "SMS")
    assert str(kind.value) == 'kind: "SMS" is not a credit kind; kinds are 1 to 32 of a-z, 0-9 and _'
    assert ledger.purchase("o1", "fax_pages", 10, at("2026-01-05T09:00:00Z")).kind == "fax_pages"

    with pytest.raises(envoi.CreditError) as zero:
        ledger.consume("send-1", "sms", 0, at("2026-01-06T09:00:00Z"))
    assert (zero.value.code, zero.value.field, zero.value.value) == ("credits.invalid_units", "units", 0)
    with pytest.raises(envoi.CreditError) as huge:
        ledger.purchase("o2", "sms", 2**70, at("2026-01-06T09:00:00Z"))
    assert (huge.value.code, huge.value.value) == ("credits.invalid_units", 2**70)
    with pytest.raises(envoi.CreditError) as negative:
        ledger.consume("send-1", "sms", -3, at("2026-01-06T09:00:00Z"))
    assert (negative.value.code, negative.value.field, negative.value.value) == ("credits.invalid_units", "units", -3)
    assert str(negative.value).startswith("units: -3 is not a number of units")
    with pytest.raises(envoi.CreditError) as past_u64:
        ledger.reserve("send-1", "sms", 2**64, at("2026-01-06T09:00:00Z"))
    assert past_u64.value.value == 2**64
    with pytest.raises(envoi.CreditError) as commit_negative:
        ledger.commit("send-1", at("2026-01-06T09:00:00Z"), units=-1)
    assert (commit_negative.value.code, commit_negative.value.value) == ("credits.invalid_units", -1)
    with pytest.raises(envoi.CreditError) as adjust_huge:
        ledger.adjust("g", "sms", -(2**63), "fix", at("2026-01-06T09:00:00Z"))
    assert (adjust_huge.value.code, adjust_huge.value.value) == ("credits.invalid_units", -(2**63))
    with pytest.raises(envoi.CreditError) as months:
        Ledger(validity_months=0)
    assert (months.value.code, months.value.field) == ("credits.invalid_argument", "validity_months")
    with pytest.raises(envoi.TimeError) as zone:
        Ledger(tz="Mars/Olympus")
    assert zone.value.code == "time.unknown_zone"
    with pytest.raises(envoi.CreditError) as key:
        ledger.consume("", "sms", 1, at("2026-01-06T09:00:00Z"))
    assert (key.value.code, key.value.field) == ("credits.invalid_argument", "key")
    assert ledger.version == 1


def test_any_aware_datetime_is_accepted() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, datetime(2026, 1, 5, 10, 0, tzinfo=BRUSSELS))
    ledger.consume("s1", "sms", 1, datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    ledger.consume("s2", "sms", 1, datetime(2026, 1, 5, 11, 0, tzinfo=timezone(timedelta(hours=1))))
    lines = ledger.statement(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"))
    assert [line.at.isoformat() for line in lines if line.event == "consumption"] == [
        "2026-01-05T10:30:00+01:00",
        "2026-01-05T11:00:00+01:00",
    ]


def test_adjustments_lots_notices_and_statement() -> None:
    ledger = Ledger(validity_months=12)
    assert (ledger.tz, ledger.validity_months, ledger.version) == ("Europe/Brussels", 12, 0)
    ledger.purchase("o1", "sms", 100, at("2025-01-05T09:00:00Z"))
    grant = ledger.adjust(
        "goodwill-1", "sms", 50, "outage on 3 Jan", at("2025-01-06T09:00:00Z"), expires_at=at("2025-06-01T00:00:00Z")
    )
    assert grant.lot == 2
    removal = ledger.adjust("fix-1", "sms", -20, "granted twice", at("2025-01-07T09:00:00Z"))
    assert (removal.lot, removal.replayed) == (None, False)

    lots = ledger.lots_at(at("2025-01-08T00:00:00Z"))
    assert [(lot.id, lot.source, lot.units, lot.available) for lot in lots] == [(1, "order", 100, 100), (2, "grant", 50, 30)]
    assert (lots[0].order_id, lots[0].key, lots[0].reason) == ("o1", None, None)
    assert (lots[1].order_id, lots[1].key, lots[1].reason) == (None, "goodwill-1", "outage on 3 Jan")
    assert lots[0].expires_at == at("2026-01-05T09:00:00Z") and not lots[0].voided
    assert lots[1].activated_at == at("2025-01-06T09:00:00Z")

    balance = ledger.balance("sms", at("2025-01-08T00:00:00Z"))
    assert (balance.granted, balance.removed, balance.available) == (50, 20, 130)

    notices = ledger.notices_at(at("2025-05-15T00:00:00Z"), {"sms": 200, "email": 0}, 30)
    assert [(low.kind, low.available, low.threshold) for low in notices.low_balance] == [("email", 0, 0), ("sms", 130, 200)]
    assert [(e.kind, e.units, e.expires_at) for e in notices.expiring] == [("sms", 30, at("2025-06-01T00:00:00Z"))]
    assert len(set(notices.low_balance)) == 2  # plain values: hashable
    with pytest.raises(ValueError, match="thresholds: -1 is negative"):
        ledger.notices_at(at("2025-05-15T00:00:00Z"), {"sms": -1}, 30)

    lines = ledger.statement(at("2025-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))
    events = [line.event for line in lines]
    assert events[:4] == ["purchase", "activation", "grant", "removal"]
    assert "expiry" in events
    removal_line = lines[3]
    assert (removal_line.units, removal_line.reference, removal_line.note) == (-20, "fix-1", "granted twice")
    assert removal_line.kind == "sms" and removal_line.at.tzinfo == BRUSSELS
    assert (lines[0].lot, lines[1].lot) == (None, 1)
    assert repr(lines[0]).startswith("StatementLine(at=datetime.datetime(2025, 1, 5, 10, 0, tzinfo=zoneinfo.ZoneInfo(")


def test_entries_round_trip_through_json_and_from_entries() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 1000, at("2026-01-05T09:00:00Z"))
    ledger.purchase("o2", "email", 10, at("2026-01-05T09:30:00Z"), pending=True)
    ledger.reserve("send-1", "sms", 3, at("2026-01-06T09:00:00Z"), timeout_s=300)
    ledger.commit("send-1", at("2026-01-06T09:00:05Z"))
    ledger.adjust("gift", "sms", 5, "welcome", at("2026-01-07T09:00:00Z"))
    entries = ledger.entries()
    assert entries[0] == {
        "op": "purchase",
        "order_id": "o1",
        "kind": "sms",
        "units": 1000,
        "pending": False,
        "at": "2026-01-05T09:00:00Z",
    }
    assert [entry["op"] for entry in entries] == ["purchase", "purchase", "reserve", "commit", "adjust"]
    assert len(entries) == ledger.version == 5
    loaded = ledger.version
    ledger.consume("send-2", "sms", 2, at("2026-01-08T09:00:00Z"))
    assert ledger.entries_since(loaded) == [
        {"op": "consume", "key": "send-2", "kind": "sms", "units": 2, "at": "2026-01-08T09:00:00Z"}
    ]
    assert ledger.entries_since(99) == []
    with pytest.raises(ValueError, match="version: -1 is negative"):
        ledger.entries_since(-1)

    stored = json.dumps(ledger.entries())
    again = Ledger.from_entries(json.loads(stored), tz="Europe/Brussels", validity_months=24)
    assert again.entries() == ledger.entries()
    assert again.version == ledger.version
    t = at("2026-02-01T00:00:00Z")
    assert again.balance("sms", t) == ledger.balance("sms", t)
    assert again.lots_at(t) == ledger.lots_at(t)
    # The rebuilt ledger goes on: replays and conflicts as the original.
    assert again.consume("send-2", "sms", 2, at("2026-01-09T09:00:00Z")).replayed

    with pytest.raises(ValueError, match=r"entries\[1\]: not a ledger entry"):
        Ledger.from_entries([entries[0], {"op": "teleport", "at": "2026-01-05T09:00:00Z"}])
    with pytest.raises(envoi.CreditError) as info:
        Ledger.from_entries([entries[0], entries[0]])
    assert (info.value.code, info.value.index) == ("credits.invalid_entries", 1)
    assert info.value.reason is not None and "replay" in info.value.reason


def test_reprs() -> None:
    ledger = Ledger()
    order = ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    assert repr(order).startswith("Order(order_id='o1', kind='sms', units=10, status='active', lot=1, expires_at=")
    assert repr(ledger) == "<envoi.credits.Ledger tz='Europe/Brussels' validity_months=24 version=1>"
    settled_repr = repr(ledger.reserve("k", "sms", 2, at("2026-01-06T09:00:00Z")))
    assert settled_repr.startswith("Reservation(key='k', kind='sms', units=2, lots=[(1, 2)], reserved_at=")
    assert repr(ledger.release("k", at("2026-01-06T09:01:00Z"))) == "Settled(consumed=0, released=2, timed_out=False)"
    assert "available=10" in repr(ledger.balance("sms", at("2026-01-07T00:00:00Z")))
    assert credits.DEFAULT_VALIDITY_MONTHS == 24
    assert credits.MAX_UNITS == 10**12


def test_one_ledger_shared_by_threads_stays_consistent() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10_000, at("2026-01-05T09:00:00Z"))
    t = at("2026-01-06T09:00:00Z")

    def send(i: int) -> int:
        return ledger.consume(f"send-{i}", "sms", 3, t).units

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(send, range(1000))) == 3000
    balance = ledger.balance("sms", t)
    assert (balance.consumed, balance.available) == (3000, 7000)
    assert ledger.version == 1001


def test_a_panic_never_crosses_and_the_ledger_keeps_working() -> None:
    ledger = Ledger()
    ledger.purchase("o1", "sms", 10, at("2026-01-05T09:00:00Z"))
    with pytest.raises(envoi.InternalError) as info:
        envoi._testing.panic()
    assert info.value.code == "internal.panic"
    assert ledger.consume("s1", "sms", 1, at("2026-01-06T09:00:00Z")).units == 1
