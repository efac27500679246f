"""envoi.credits billing plans through Python: the block plan and the pay-as-you-go statement."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi.credits import BlockPlan, UsageRecord, monthly_statement

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def plan() -> BlockPlan:
    # USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels).
    return BlockPlan(500, Decimal("25"), "USD", at("2026-01-31T09:00:00Z"))


def test_periods_start_on_the_subscription_day_clamped() -> None:
    p = plan()
    assert (p.block_size, p.fee, p.currency, p.tz) == (500, Decimal("25"), "USD", "Europe/Brussels")
    assert p.subscription_day == date(2026, 1, 31)
    assert p.subscribed_at == at("2026-01-31T09:00:00Z") and p.subscribed_at.tzinfo == BRUSSELS
    days = []
    for i in range(4):
        period = p.period(i)
        assert period is not None
        days.append(period.first_day)
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    february = p.period(1)
    assert february is not None
    assert february.start == datetime(2026, 2, 28, tzinfo=BRUSSELS)  # local midnight
    assert february.end == datetime(2026, 3, 31, tzinfo=BRUSSELS)
    assert february.contains(february.start) and not february.contains(february.end)
    assert february == p.period(1) and hash(february) == hash(p.period(1))
    # A send belongs to the period of its instant on the wall clock.
    in_march = p.period_at(at("2026-03-30T22:30:00Z"))  # 00:30 on 31 March in Brussels
    assert in_march is not None and in_march.index == 2
    assert p.period_at(at("2026-01-31T08:59:59Z")) is None
    with pytest.raises(ValueError, match="index: -1 is negative"):
        p.period(-1)


def test_bill_the_fee_upfront_and_extra_blocks_the_month_after() -> None:
    p = plan()
    march = p.period(2)
    assert march is not None
    items = p.bill(march, 1_200)
    assert [(i.charge, i.block_size, i.usage, i.quantity) for i in items] == [
        ("block_fee", 500, None, 1),
        ("extra_blocks", 500, 1_200, 2),
    ]
    assert items[1].billed_on == date(2026, 3, 31)
    assert items[1].period_start == datetime(2026, 2, 28, tzinfo=BRUSSELS)
    assert (items[1].unit_price, items[1].currency, items[1].amount) == (Decimal("25"), "USD", Decimal("50"))
    assert p.extra_blocks(501) == 1
    first = p.period(0)
    assert first is not None
    with pytest.raises(envoi.CreditError) as info:
        p.bill(first, 3)
    assert (info.value.code, info.value.field) == ("credits.invalid_argument", "previous_usage")


def test_an_ended_plan_bills_the_last_extras_and_no_more_fees() -> None:
    ended = plan().ending_at(at("2026-04-15T12:00:00Z"))
    assert ended.end == at("2026-04-15T12:00:00Z")
    last = ended.last_period()
    assert last is not None and last.first_day == date(2026, 3, 31)
    april = ended.period(3)
    assert april is not None and not ended.is_active(april)
    items = ended.bill(april, 700)
    assert [(i.charge, i.quantity, i.billed_on) for i in items] == [("extra_blocks", 1, date(2026, 4, 30))]
    assert plan().last_period() is None
    assert ended != plan()
    with pytest.raises(envoi.CreditError) as info:
        plan().ending_at(at("2026-01-31T09:00:00Z"))
    assert (info.value.code, info.value.field) == ("credits.invalid_argument", "end")


def test_usage_by_period() -> None:
    usage = plan().usage_by_period(
        [
            (at("2026-01-31T12:00:00Z"), 3),
            (datetime(2026, 2, 28, 0, 0, tzinfo=BRUSSELS), 2),
            (at("2026-02-28T10:00:00Z"), 1),
            (at("2026-01-01T10:00:00Z"), 9),  # before the subscription
        ]
    )
    assert usage == {0: 3, 1: 3}


def test_block_plan_arguments_are_checked() -> None:
    with pytest.raises(envoi.CreditError) as zero:
        BlockPlan(0, Decimal("25"), "USD", at("2026-01-31T09:00:00Z"))
    assert str(zero.value) == "block_size: 0 is not a block size; a block holds 1 message or more"
    with pytest.raises(envoi.CreditError) as negative:
        BlockPlan(500, Decimal("-1"), "EUR", at("2026-01-31T09:00:00Z"))
    assert negative.value.field == "fee"
    with pytest.raises(envoi.MoneyError) as currency:
        BlockPlan(500, Decimal("25"), "EURO", at("2026-01-31T09:00:00Z"))
    assert currency.value.code == "money.unknown_currency"
    with pytest.raises(TypeError, match="never binary floating point"):
        BlockPlan(500, 25.0, "EUR", at("2026-01-31T09:00:00Z"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not an amount"):
        BlockPlan(500, Decimal("NaN"), "EUR", at("2026-01-31T09:00:00Z"))
    with pytest.raises(envoi.TimeError) as naive:
        BlockPlan(500, 25, "EUR", datetime(2026, 1, 31, 9, 0))
    assert naive.value.code == "time.not_zone_aware"
    assert BlockPlan(500, 25, "EUR", at("2026-01-31T09:00:00Z")).fee == Decimal("25")
    assert BlockPlan(500, Decimal("2.5E+1"), "EUR", at("2026-01-31T09:00:00Z")).fee == Decimal("25")
    assert repr(plan()).startswith("BlockPlan(500, Decimal('25'), 'USD', datetime.datetime(2026, 1, 31, 10, 0")


def test_monthly_statement_bills_handed_over_jobs_the_month_after() -> None:
    price = Decimal("1.234")
    records = [
        UsageRecord("job-1", "prior_national", 3, handed_over_at=at("2026-05-04T10:00:00Z"), unit_price=price, currency="EUR"),
        UsageRecord("job-2", "prior_national", 2, handed_over_at=at("2026-05-20T10:00:00Z"), unit_price=price, currency="EUR"),
        UsageRecord("job-3", "registered", 1, handed_over_at=at("2026-06-01T10:00:00Z")),  # June
        UsageRecord("job-4", "registered", 5),  # not handed over yet
        UsageRecord("job-5", "registered", 5, cancelled=True),
        # 23:30 UTC on 31 May is 1 June in Brussels: a June letter.
        UsageRecord("job-6", "prior_national", 1, handed_over_at=datetime(2026, 5, 31, 23, 30, tzinfo=timezone.utc)),
    ]
    statement = monthly_statement(records, 2026, 5)
    assert statement is not None
    assert (statement.year, statement.month, statement.issue_date) == (2026, 5, date(2026, 6, 1))
    assert statement.period_start == datetime(2026, 5, 1, tzinfo=BRUSSELS)
    assert statement.record_ids == ["job-1", "job-2"]
    [item] = statement.items
    assert (item.charge, item.kind, item.quantity, item.billed_on) == ("usage", "prior_national", 5, date(2026, 6, 1))
    assert (item.unit_price, item.currency, item.amount) == (price, "EUR", Decimal("6.170"))
    june = monthly_statement(records, 2026, 6)
    assert june is not None and june.record_ids == ["job-3", "job-6"]
    assert monthly_statement(records, 2026, 7) is None

    assert records[0].unit_price == price and records[0].currency == "EUR"
    assert records[0].handed_over_at == at("2026-05-04T10:00:00Z")
    assert records[3].handed_over_at is None and records[4].cancelled
    assert records[0] == UsageRecord(
        "job-1", "prior_national", 3, handed_over_at=at("2026-05-04T10:00:00Z"), unit_price=price, currency="EUR"
    )


def test_monthly_statement_errors() -> None:
    with pytest.raises(envoi.CreditError) as month:
        monthly_statement([], 2026, 13)
    assert (month.value.code, month.value.field) == ("credits.invalid_argument", "month")
    twice = [UsageRecord("job-1", "letter", 1), UsageRecord("job-1", "letter", 1)]
    with pytest.raises(envoi.CreditError) as duplicate:
        monthly_statement(twice, 2026, 5)
    assert duplicate.value.field == "records"
    with pytest.raises(ValueError, match="unit_price needs its currency"):
        UsageRecord("job-1", "letter", 1, unit_price=Decimal("1"))
    with pytest.raises(ValueError, match="needs a unit_price"):
        UsageRecord("job-1", "letter", 1, currency="EUR")
    with pytest.raises(TypeError):
        monthly_statement(["job-1"], 2026, 5)  # type: ignore[list-item]
    with pytest.raises(envoi.TimeError):
        monthly_statement([], 2026, 5, tz="Nowhere/Land")
