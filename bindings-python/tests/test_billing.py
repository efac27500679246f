"""envoi.billing: price lists (JSON and TOML, queries at a day), invoice numbers, the sequence check
and every ``billing.*`` error with its fields, through the binding."""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import envoi
from envoi.billing import (
    SEQUENCE_DIGITS,
    BlockPlanPrice,
    InvoiceNumber,
    LetterPrice,
    LetterQuery,
    LetterTariff,
    Pack,
    PostageRate,
    PriceList,
    SequenceProblem,
    UnitPrice,
    Validity,
    check_sequence,
    check_sequence_after,
)
from envoi.credits import BlockPlan
from envoi.post import PostData, quote

DATA = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "billing"


def prices() -> PriceList:
    return PriceList.from_json((DATA / "prices.json").read_text(encoding="utf-8"))


def pack(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "sms-1000",
        "kind": "sms",
        "units": 1000,
        "price": "75.00",
        "currency": "EUR",
        "valid_from": "2026-01-01",
    }
    entry.update(fields)
    return {key: value for key, value in entry.items() if value is not None}


def tariff(*rows: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "click-and-post",
        "currency": "EUR",
        "valid_from": "2026-01-01",
        "color_per_sheet": "0.20",
        "duplex_per_sheet": "0.03",
        "registered_fee": "6.10",
        "acknowledgement_of_receipt_fee": "1.25",
        "postage": list(rows),
    }


def row(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}
    entry.update(fields)
    return entry


def refused(text: str, file: str = "prices.json") -> envoi.BillingError:
    with pytest.raises(envoi.BillingError) as raised:
        PriceList.from_json(text, file)
    return raised.value


def test_the_seed_price_list_reads_the_same_from_json_and_toml() -> None:
    from_json = prices()
    from_toml = PriceList.from_toml((DATA / "prices.toml").read_text(encoding="utf-8"))
    assert from_json == from_toml
    assert from_json.source is not None and from_json.source.startswith("Illustrative prices")
    assert from_json.as_of == date(2026, 1, 15)
    assert [p.channel for p in from_json.unit_prices] == ["email", "sms", "sms", "secure_email"]
    assert [p.id for p in from_json.packs] == [
        "email-test",
        "email-5000",
        "email-20000",
        "sms-test",
        "sms-1000",
        "sms-1000",
        "sms-5000",
        "secure-email-1000",
    ]
    assert [plan.id for plan in from_json.block_plans] == ["plannit-sms"]
    assert [t.id for t in from_json.letter_tariffs] == ["click-and-post-2026"]
    assert repr(from_json).startswith('<PriceList source="Illustrative prices')
    assert repr(from_json).endswith("as_of=datetime.date(2026, 1, 15): 4 unit prices, 8 packs, 1 block plans, 1 letter tariffs>")


def test_queries_take_the_price_valid_that_day() -> None:
    list_ = prices()
    june, july = date(2026, 6, 30), date(2026, 7, 1)
    sms = list_.unit_price("sms", june)
    assert isinstance(sms, UnitPrice)
    assert (sms.channel, sms.price, sms.currency) == ("sms", Decimal("0.0825"), "EUR")
    assert list_.unit_price("sms", july).price == Decimal("0.0790")
    assert sms.validity.valid_until == july

    before, after = list_.pack("sms-1000", june), list_.pack("sms-1000", july)
    assert isinstance(before, Pack)
    assert (before.id, before.kind, before.units, before.price, before.currency) == (
        "sms-1000",
        "sms",
        1000,
        Decimal("75.00"),
        "EUR",
    )
    assert after.price == Decimal("72.00") and before != after
    assert [p.id for p in list_.packs_on(july)] == [
        "email-test",
        "email-5000",
        "email-20000",
        "sms-test",
        "sms-1000",
        "sms-5000",
        "secure-email-1000",
    ]
    assert list_.packs_on(date(2025, 12, 31)) == []
    assert "price=Decimal('75.00')" in repr(before)

    plan = list_.block_plan("plannit-sms", june)
    assert isinstance(plan, BlockPlanPrice)
    assert (plan.id, plan.block_size, plan.fee, plan.currency) == ("plannit-sms", 500, Decimal("25.00"), "USD")

    letters = list_.letter_tariff(june)
    assert isinstance(letters, LetterTariff)
    assert (letters.id, letters.currency, letters.color_per_sheet, letters.duplex_per_sheet) == (
        "click-and-post-2026",
        "EUR",
        Decimal("0.20"),
        Decimal("0.03"),
    )
    assert (letters.registered_fee, letters.acknowledgement_of_receipt_fee) == (Decimal("6.10"), Decimal("1.25"))
    first = letters.postage[0]
    assert isinstance(first, PostageRate)
    assert (first.postage, first.format, first.up_to_grams, first.price, first.currency) == (
        "prior",
        "small",
        50,
        Decimal("1.95"),
        "EUR",
    )
    assert {r.postage for r in letters.postage} == {"prior", "non_prior", "prior_international"}
    assert letters.validity.valid_until is None

    with pytest.raises(ValueError, match="channel"):
        list_.unit_price("fax", june)
    with pytest.raises(TypeError, match="datetime"):
        list_.pack("sms-1000", datetime(2026, 6, 30, tzinfo=timezone.utc))


def test_validity_is_half_open() -> None:
    validity = prices().pack("sms-1000", date(2026, 3, 1)).validity
    assert (validity.valid_from, validity.valid_until) == (date(2026, 1, 1), date(2026, 7, 1))
    assert validity.contains(date(2026, 1, 1)) and validity.contains(date(2026, 6, 30))
    assert not validity.contains(date(2026, 7, 1))
    assert str(validity) == "2026-01-01..2026-07-01"
    assert repr(validity) == "Validity(valid_from=datetime.date(2026, 1, 1), valid_until=datetime.date(2026, 7, 1))"
    assert hash(validity) == hash(prices().pack("sms-1000", date(2026, 1, 1)).validity)
    assert str(prices().pack("sms-1000", date(2026, 7, 1)).validity) == "2026-07-01.."


def test_a_block_plan_price_subscribes_a_block_plan() -> None:
    price = prices().block_plan("plannit-sms", date(2026, 3, 1))
    plan = price.subscribe(datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc))
    assert isinstance(plan, BlockPlan)
    assert (plan.block_size, plan.fee, plan.currency, plan.tz) == (500, Decimal("25.00"), "USD", "Europe/Brussels")
    assert price.subscribe(datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc), tz="America/New_York").tz == (
        "America/New_York"
    )

    limited = PriceList.from_json(
        json.dumps({"block_plans": [{"id": "b", "block_size": 500, "fee": "25", "currency": "USD",
                                     "valid_from": "2026-01-01", "valid_until": "2026-07-01"}]})
    ).block_plan("b", date(2026, 3, 1))
    # 30 June 22:30 UTC is already 1 July in Brussels: the price no longer applies.
    with pytest.raises(envoi.BillingError) as raised:
        limited.subscribe(datetime(2026, 6, 30, 22, 30, tzinfo=timezone.utc))
    error = raised.value
    assert (error.code, error.subject, error.on) == ("billing.no_price", "block plan b", date(2026, 7, 1))
    assert error.detail is not None and "Europe/Brussels" in error.detail
    assert limited.subscribe(datetime(2026, 6, 30, 22, 30, tzinfo=timezone.utc), tz="UTC").block_size == 500


def test_the_host_post_data_checks_the_weight_bands() -> None:
    post = PostData.from_json(PostData.builtin_json().replace("[100, 350, 1000, 2000]", "[100, 250, 1000, 2000]"))
    text = json.dumps({"letter_tariffs": [tariff(row(format="large", up_to_grams=250, price="3.20"))]})
    assert PriceList.from_json(text, post=post).letter_tariffs[0].postage[0].up_to_grams == 250
    error = refused(text)
    assert (error.code, error.value, error.zone, error.format) == ("billing.unknown_weight_band", 250, "national", "large")
    assert error.bands == "100, 350, 1000, 2000"
    toml = (
        '[[letter_tariffs]]\nid = "letters"\ncurrency = "EUR"\nvalid_from = 2026-01-01\n'
        'color_per_sheet = "0.10"\nduplex_per_sheet = "0.02"\nregistered_fee = "7.50"\n'
        'acknowledgement_of_receipt_fee = "1.50"\n'
        '[[letter_tariffs.postage]]\npostage = "prior"\nformat = "large"\nup_to_grams = 250\nprice = "3.20"\n'
    )
    assert PriceList.from_toml(toml, post=post).letter_tariffs[0].id == "letters"
    with pytest.raises(envoi.BillingError) as raised:
        PriceList.from_toml(toml, "mine.toml")
    assert (raised.value.code, raised.value.file) == ("billing.unknown_weight_band", "mine.toml")


def test_syntax_errors_name_the_file_and_the_format() -> None:
    error = refused("{", "p.json")
    assert (error.code, error.file, error.format) == ("billing.syntax", "p.json", "JSON")
    assert error.message is not None and "line 1" in error.message
    with pytest.raises(envoi.BillingError) as raised:
        PriceList.from_toml("packs = [")
    assert (raised.value.code, raised.value.file, raised.value.format) == ("billing.syntax", "prices.toml", "TOML")


@pytest.mark.parametrize(
    ("document", "code", "fields"),
    [
        (
            {"packs": [{"id": "sms-1000"}]},
            "billing.missing_field",
            {"entry": "packs[0] (sms-1000)", "field": "kind", "rule": "a credit kind such as sms, email or secure_email"},
        ),
        (
            {"packs": [pack(valid_untill="2027-01-01")]},
            "billing.unknown_field",
            {"entry": "packs[0] (sms-1000)", "field": "valid_untill", "allowed": "id, kind, units, price, currency, valid_from, valid_until"},
        ),
        (
            {"packs": [pack(units=0)]},
            "billing.invalid_field",
            {"entry": "packs[0] (sms-1000)", "field": "units", "value": "0"},
        ),
        (
            {"packs": [pack(currency="EURO")]},
            "billing.unknown_currency",
            {"entry": "packs[0] (sms-1000)", "field": "currency", "value": "EURO"},
        ),
        (
            {"unit_prices": [{"channel": "fax", "price": "1", "currency": "EUR", "valid_from": "2026-01-01"}]},
            "billing.unknown_channel",
            {"entry": "unit_prices[0]", "field": "channel", "value": "fax"},
        ),
        (
            {"letter_tariffs": [tariff(row(postage="registered"))]},
            "billing.unknown_postage",
            {"entry": "letter_tariffs[0] (click-and-post)", "field": "postage[0].postage", "value": "registered"},
        ),
        (
            {"letter_tariffs": [tariff(row(format="medium"))]},
            "billing.unknown_format",
            {"entry": "letter_tariffs[0] (click-and-post)", "field": "postage[0].format", "value": "medium"},
        ),
        (
            {"letter_tariffs": [tariff(row(up_to_grams=60))]},
            "billing.unknown_weight_band",
            {"field": "postage[0].up_to_grams", "value": 60, "zone": "national", "format": "small"},
        ),
        (
            {"packs": [pack(price="-5")]},
            "billing.negative_price",
            {"entry": "packs[0] (sms-1000)", "field": "price", "value": "-5"},
        ),
        (
            {"packs": [pack(valid_until="2026-07-01"), pack(valid_from="2026-06-01")]},
            "billing.overlapping_validity",
            {
                "entry": "packs[1] (sms-1000)",
                "validity": "2026-06-01..",
                "other": "packs[0]",
                "other_validity": "2026-01-01..2026-07-01",
            },
        ),
        (
            {"packs": [pack(valid_until="2026-07-01"), pack(valid_from="2026-07-01", units=2000)]},
            "billing.inconsistent_entry",
            {"entry": "packs[1] (sms-1000)", "field": "units", "value": "2000", "other": "packs[0]", "other_value": "1000"},
        ),
        (
            {"letter_tariffs": [tariff(row(), row(price="2.00"))]},
            "billing.duplicate_entry",
            {"field": "postage[1]", "value": "prior small up to 50 g", "other": "postage[0]"},
        ),
    ],
)
def test_price_list_errors_name_the_file_the_entry_and_the_field(
    document: dict[str, Any], code: str, fields: dict[str, object]
) -> None:
    error = refused(json.dumps(document), "catalogue.json")
    assert error.code == code
    assert error.file == "catalogue.json"
    for name, value in fields.items():
        assert getattr(error, name) == value, name
    assert str(error).startswith("catalogue.json: ")
    assert isinstance(error, envoi.EnvoiError)


def test_a_key_given_twice_is_refused() -> None:
    error = refused('{"packs": [{"id": "sms-1000", "price": "50", "price": "5"}]}')
    assert (error.code, error.entry, error.field) == ("billing.duplicate_field", "packs[0]", "price")
    assert str(error) == "prices.json: packs[0]: price: given twice; each field appears once"


def test_no_price_says_what_and_when() -> None:
    with pytest.raises(envoi.BillingError) as raised:
        prices().pack("sms-1000", date(2025, 12, 31))
    error = raised.value
    assert (error.code, error.subject, error.on) == ("billing.no_price", "pack sms-1000", date(2025, 12, 31))
    assert error.detail == "the price list has it for 2026-01-01..2026-07-01, 2026-07-01.."
    with pytest.raises(envoi.BillingError) as raised:
        prices().block_plan("plannit-mail", date(2026, 3, 1))
    assert raised.value.detail == "the price list has no entry for it"
    with pytest.raises(envoi.BillingError) as raised:
        PriceList.from_json("{}").letter_tariff(date(2026, 3, 1))
    assert str(raised.value) == "letter tariff: no price valid on 2026-03-01; the price list has no entry for it"
    with pytest.raises(envoi.BillingError) as raised:
        PriceList.from_json("{}").unit_price("letter", date(2026, 3, 1))
    assert raised.value.subject == "unit price of letter"


def test_invoice_numbers() -> None:
    number = InvoiceNumber.parse("2026-F-000123")
    assert (number.year, number.series, number.sequence) == (2026, "F", 123)
    assert str(number) == "2026-F-000123" and repr(number) == "InvoiceNumber.parse('2026-F-000123')"
    assert number.next() == InvoiceNumber(2026, "F", 124)
    assert str(InvoiceNumber.first("CN", 2027)) == "2027-CN-000001"
    assert InvoiceNumber.parse("2026-F-1234567").sequence == 1_234_567
    assert SEQUENCE_DIGITS == 6
    assert len({number, InvoiceNumber.parse("2026-F-000123"), number.next()}) == 2
    assert pickle.loads(pickle.dumps(number)) == number


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (lambda: InvoiceNumber.parse("2026-F-123"), "2026-F-123"),
        (lambda: InvoiceNumber.parse("2026-F-0001234567"), "2026-F-0001234567"),
        (lambda: InvoiceNumber.parse("26-F-000001"), "26-F-000001"),
        (lambda: InvoiceNumber(2026, "f", 1), "f"),
        (lambda: InvoiceNumber(999, "F", 1), "999"),
        (lambda: InvoiceNumber(2026, "F", 0), "2026-F-0"),
        (lambda: InvoiceNumber.first("FACT1", 2026), "FACT1"),
        (lambda: InvoiceNumber(2026, "F", 4_294_967_295).next(), "2026-F-4294967295"),
    ],
)
def test_invalid_invoice_numbers(make: Any, value: str) -> None:
    with pytest.raises(envoi.BillingError) as raised:
        make()
    assert (raised.value.code, raised.value.value) == ("billing.invalid_invoice_number", value)
    assert raised.value.rule


def test_check_sequence_lists_every_gap_and_duplicate() -> None:
    check_sequence([InvoiceNumber.parse("2026-F-000002"), "2026-F-000001", "2026-C-000001", "2027-F-000001"])
    check_sequence([])
    with pytest.raises(envoi.BillingError) as raised:
        check_sequence(["2026-F-000001", "2026-F-000001", "2026-C-000002", "2026-F-000005"])
    error = raised.value
    assert error.code == "billing.invoice_sequence"
    assert str(error) == (
        "invoice numbers: 2026-C: 2026-C-000001 missing; 2026-F: 2026-F-000001 given 2 times; "
        "2026-F: 2026-F-000002 to 2026-F-000004 missing"
    )
    assert error.problems is not None
    missing_c, duplicate, gap = error.problems
    assert all(isinstance(problem, SequenceProblem) for problem in error.problems)
    assert (missing_c.kind, missing_c.from_, missing_c.to) == (
        "gap",
        InvoiceNumber.parse("2026-C-000001"),
        InvoiceNumber.parse("2026-C-000001"),
    )
    assert (duplicate.kind, duplicate.number, duplicate.count, duplicate.from_) == (
        "duplicate",
        InvoiceNumber.parse("2026-F-000001"),
        2,
        None,
    )
    assert (gap.from_, gap.to, gap.number, gap.count) == (
        InvoiceNumber.parse("2026-F-000002"),
        InvoiceNumber.parse("2026-F-000004"),
        None,
        None,
    )
    assert str(gap) == "2026-F: 2026-F-000002 to 2026-F-000004 missing"
    assert repr(duplicate) == "<SequenceProblem duplicate: 2026-F: 2026-F-000001 given 2 times>"
    assert pickle.loads(pickle.dumps(error)).problems == error.problems
    assert SequenceProblem.duplicate(InvoiceNumber.parse("2026-F-000001"), 2) == duplicate
    assert SequenceProblem.gap(InvoiceNumber.parse("2026-F-000002"), InvoiceNumber.parse("2026-F-000004")) == gap

    with pytest.raises(envoi.BillingError) as raised:
        check_sequence(["2026-F-000001", "2026/F/2"])
    assert raised.value.code == "billing.invalid_invoice_number"
    with pytest.raises(TypeError, match="InvoiceNumber or str"):
        check_sequence([2026])  # type: ignore[list-item]


def test_invoice_numbers_are_ordered_by_series_year_and_sequence() -> None:
    numbers = [InvoiceNumber.parse(text) for text in ["2027-F-000001", "2026-G-000001", "2026-F-000002", "2026-F-000001"]]
    assert [str(number) for number in sorted(numbers)] == [
        "2026-F-000001",
        "2026-F-000002",
        "2027-F-000001",
        "2026-G-000001",
    ]
    assert InvoiceNumber(2026, "F", 1) < InvoiceNumber(2026, "F", 2) <= InvoiceNumber(2026, "F", 2)
    assert InvoiceNumber(2027, "F", 1) > InvoiceNumber(2026, "F", 999)


def test_check_sequence_after_continues_the_last_issued_number() -> None:
    check_sequence_after("2026-F-000041", ["2026-F-000043", InvoiceNumber(2026, "F", 42)])
    check_sequence_after(None, ["2026-F-000001"])
    with pytest.raises(envoi.BillingError) as raised:
        check_sequence_after(InvoiceNumber(2026, "F", 41), ["2026-F-000041", "2026-F-000044"])
    assert str(raised.value) == (
        "invoice numbers: 2026-F: 2026-F-000041 given 2 times; 2026-F: 2026-F-000042 to 2026-F-000043 missing"
    )
    assert [problem.kind for problem in raised.value.problems or []] == ["duplicate", "gap"]


def test_letter_price_from_a_quote_and_from_plain_fields() -> None:
    sent = quote(
        [{"pages": 5}],
        address=["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"],
        submitted_at=datetime(2026, 3, 10, 9, tzinfo=timezone.utc),
        postage="registered",
        color=True,
        duplex=True,
        acknowledgement=True,
        return_address=["Envoi SA", "1000 BRUSSEL"],
    )
    query = LetterQuery.from_quote(sent, color=True, duplex=True, acknowledgement=True)
    with pytest.raises(TypeError):  # the flags are required: a forgotten one would under-price
        LetterQuery.from_quote(sent)  # type: ignore[call-arg]
    assert (query.postage, query.zone, query.format, query.sheets) == ("registered", "national", sent.format, 3)
    assert query.up_to_grams == sent.weight_band_grams
    assert query.color and query.duplex and query.acknowledgement_of_receipt
    price = prices().letter_price(query, date(2026, 3, 10))
    assert isinstance(price, LetterPrice)
    assert (price.color, price.duplex, price.registered, price.acknowledgement_of_receipt, price.currency) == (
        Decimal("0.60"),
        Decimal("0.09"),
        Decimal("6.10"),
        Decimal("1.25"),
        "EUR",
    )
    assert price.total() == price.postage + Decimal("0.60") + Decimal("0.09") + Decimal("6.10") + Decimal("1.25")
    plain = LetterQuery("prior", zone="national", format="small", up_to_grams=50, sheets=1)
    assert plain == LetterQuery("prior", zone="national", format="small", up_to_grams=50, sheets=1, color=False)
    assert prices().letter_price(plain, date(2026, 3, 10)).total() == Decimal("1.95")
    assert repr(plain).startswith('LetterQuery("prior", zone="national", format="small", up_to_grams=50')
    with pytest.raises(ValueError, match="zone"):
        LetterQuery("prior", zone="moon", format="small", up_to_grams=50, sheets=1)


def test_a_letter_query_the_tariff_does_not_take_is_billing_invalid_query() -> None:
    abroad = LetterQuery("prior", zone="international", format="small", up_to_grams=50, sheets=1)
    with pytest.raises(envoi.BillingError) as raised:
        prices().letter_price(abroad, date(2026, 3, 10))
    error = raised.value
    assert (error.code, error.field, error.value) == ("billing.invalid_query", "band.zone", "international")
    assert error.rule is not None and "prior_international" in error.rule
