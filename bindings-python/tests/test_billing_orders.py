"""envoi.billing, issue 10 part 2: orders, invoice drafts, the invoice book, the monthly and
block-plan runs, and every new ``billing.*`` error with its fields, through the binding. The
scenarios are the issue's (and the core's tests/billing_orders.rs, billing_runs.rs,
billing_book.rs)."""

from __future__ import annotations

import json
import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

import envoi
from envoi.account import Account
from envoi.billing import (
    PAYMENT_METHODS,
    BlockSubscription,
    InvoiceBook,
    InvoiceDraft,
    InvoiceNumber,
    IssuedInvoice,
    LetterQuery,
    LetterUsage,
    MessageUsage,
    MonthlyUsage,
    PackOrder,
    PriceList,
    Seller,
    block_plan_run,
    monthly_run,
    place_order,
    subscribe_block_plan,
)
from envoi.credits import Ledger
from envoi.invoice import Invoice, InvoiceLine, Party, Totals
from envoi.vat import OnlineCheck, Treatment

DATA = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "billing"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def prices() -> PriceList:
    return PriceList.from_json((DATA / "prices.json").read_text(encoding="utf-8"), file="prices.json")


def seller() -> Seller:
    party = Party(
        "Envoi SA",
        "BE",
        street="Rue de la Loi 16",
        city="Bruxelles",
        postal_code="1000",
        vat_number="BE0403170701",
        enterprise_number="0403170701",
    )
    return Seller(party, "F", 30)


def vies_valid() -> OnlineCheck:
    return OnlineCheck(True, "WAPIAAAAW1Fz5rY0", at("2026-03-02T10:00:00"))


def belgian_company() -> Account:
    address = Party(
        "Boulangerie Dupont SRL",
        "BE",
        street="Place du Marché 3",
        city="Namur",
        postal_code="5000",
        enterprise_number="0202239951",
    )
    account = Account("acc_be", "fr", "business", "BE", address, at("2026-03-01T09:00:00"))
    return account.with_vat_number("BE 0202.239.951")


def dutch_company(id: str) -> Account:
    address = Party(
        "Bakkerij Jansen BV",
        "NL",
        street="Kerkstraat 5",
        city="Utrecht",
        postal_code="3511 LX",
        endpoint=("9944", "NL004495445B01"),
    )
    account = Account(id, "nl", "business", "NL", address, at("2026-03-01T09:00:00"))
    return account.with_vat_number("NL004495445B01", vies_valid())


def belgian_customer(id: str, name: str, language: str) -> Account:
    address = Party(name, "BE", street="Rue Haute 12", city="Bruxelles", postal_code="1000",
                    enterprise_number="0202239951")
    account = Account(id, language, "business", "BE", address, at("2026-01-05T09:00:00"))
    return account.with_vat_number("BE0202239951")


def letter(postage: str, format: str, grams: int, sheets: int, *, color: bool = False, duplex: bool = False,
           acknowledgement: bool = False) -> LetterQuery:
    zone = "international" if postage == "prior_international" else "national"
    return LetterQuery(postage, zone=zone, format=format, up_to_grams=grams, sheets=sheets, color=color,
                       duplex=duplex, acknowledgement_of_receipt=acknowledgement)


def flat(xml: str) -> str:
    return "".join(line.strip() for line in xml.splitlines())


# ---- Scenario 1: a Belgian company, bank transfer, pending then active, 21% invoice ----------------


def test_a_belgian_company_buys_an_sms_pack_by_bank_transfer() -> None:
    account = belgian_company()
    ledger = Ledger()
    book = InvoiceBook(seller())
    order = place_order(account, prices(), "sms-1000", 2, payment="bank_transfer",
                        at=at("2026-03-02T10:00:00"), order_id="o-be-1")
    assert (order.id, order.account, order.pack_id, order.kind, order.quantity, order.units) == (
        "o-be-1", "acc_be", "sms-1000", "sms", 2, 2000)
    assert (order.unit_price, order.currency, order.payment, order.state) == (
        Decimal("75.00"), "EUR", "bank_transfer", "pending_payment")
    assert order.placed_at == at("2026-03-02T10:00:00") and order.tz == "Europe/Brussels"
    assert order.paid_at is None and isinstance(order.treatment, Treatment)

    # Pending: no invoice, the ledger's purchase waits, the account waits.
    with pytest.raises(envoi.BillingError) as raised:
        order.invoice_draft(account)
    error = raised.value
    assert (error.code, error.order_id, error.state) == ("billing.order_not_paid", "o-be-1", "pending_payment")
    assert order.apply(ledger).status == "pending"
    assert ledger.balance("sms", at("2026-03-03T00:00:00")).available == 0
    assert order.activate_account(account) is False
    assert account.state == "pending_payment"

    # The transfer arrives: paid, the ledger activates, the account too.
    assert order.record_payment(at("2026-03-05T08:00:00")) == "paid"
    assert order.paid_at == at("2026-03-05T08:00:00")
    activated = order.apply(ledger)
    assert (activated.order_id, activated.status, activated.lot, activated.replayed) == ("o-be-1", "active", 1, False)
    assert activated.expires_at == at("2028-03-05T08:00:00")
    assert order.apply(ledger).replayed
    assert len(ledger.entries()) == 2, "applying again writes nothing"
    assert ledger.balance("sms", at("2026-03-05T09:00:00")).available == 2000
    assert order.activate_account(account) is True
    assert account.state == "active"
    assert account.history[0].reason == "order o-be-1 paid (bank_transfer)"

    # Invoiced when paid, with 21% Belgian VAT.
    draft = order.invoice_draft(account)
    assert isinstance(draft, InvoiceDraft)
    assert (draft.key, draft.account, draft.kind, draft.issue_date) == (
        "order:o-be-1", "acc_be", "invoice", date(2026, 3, 5))
    issued, replayed = book.issue(draft)
    assert not replayed
    assert str(issued.number) == "2026-F-000001"
    assert (issued.issue_date, issued.due_date, issued.kind) == (date(2026, 3, 5), date(2026, 4, 4), "invoice")
    line = issued.lines[0]
    assert isinstance(line, InvoiceLine)
    assert (line.description, line.quantity, line.unit_price, line.rate, line.category) == (
        "Pack SMS 1 000 unités", Decimal(2), Decimal("75.00"), Decimal(21), "S")
    totals = issued.totals()
    assert isinstance(totals, Totals)
    assert (totals.total_without_vat, totals.total_vat, totals.total_with_vat) == (
        Decimal("150.00"), Decimal("31.50"), Decimal("181.50"))
    assert isinstance(issued.invoice, Invoice)
    assert issued.invoice.payment_terms == "Payé par virement le 05/03/2026"
    ubl = flat(issued.to_ubl())
    assert '<cbc:PayableAmount currencyID="EUR">181.50</cbc:PayableAmount>' in ubl
    assert "<cac:OrderReference><cbc:ID>o-be-1</cbc:ID>" in ubl
    assert "Pack SMS 1 000 unités" in issued.to_text() and "<" in issued.to_html()
    assert draft.to_text() and draft.to_html() and draft.totals() == totals and draft.lines == issued.lines
    assert draft.invoice.number is None and issued.invoice.number == "2026-F-000001"
    assert issued.draft == draft

    # A repeated payment report changes nothing; the book replays the same draft.
    assert order.record_payment(at("2026-03-06T08:00:00")) == "paid"
    assert order.paid_at == at("2026-03-05T08:00:00")
    again, replayed = book.issue(order.invoice_draft(account))
    assert replayed and again == issued
    assert len(book) == 1


def test_the_order_and_the_issued_invoice_round_trip_through_json_and_pickle() -> None:
    account = belgian_company()
    order = place_order(account, prices(), "email-5000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                        order_id="o-card")
    assert order.state == "paid" and order.paid_at == at("2026-03-02T10:00:00")
    stored = order.to_json()
    assert json.loads(stored)["id"] == "o-card"
    assert PackOrder.from_json(stored) == order
    assert pickle.loads(pickle.dumps(order)) == order
    assert repr(order) == "<PackOrder o-card email-5000 x1 card paid>"
    issued, _ = InvoiceBook(seller()).issue(order.invoice_draft(account))
    assert IssuedInvoice.from_json(issued.to_json()) == issued
    assert pickle.loads(pickle.dumps(issued)) == issued
    assert issued.lines[0].description == "Pack e-mail 5 000 unités"
    assert PAYMENT_METHODS == ("card", "bank_transfer")


# ---- Scenario 2: Dutch reverse charge at order time, refused a week later -----------------------------


def test_a_dutch_company_asks_for_the_exemption_when_ordering() -> None:
    account = dutch_company("acc_nl")
    order = place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                        order_id="o-nl-1", exemption_requested=True, online_check=vies_valid())
    assert order.treatment.kind == "reverse_charge"
    evidence = order.treatment.evidence
    assert evidence is not None and evidence.compact == "NL004495445B01"
    # Asking again after the order changes nothing: it is already reverse charged.
    assert order.request_exemption().kind == "reverse_charge"
    issued, _ = InvoiceBook(seller()).issue(order.invoice_draft(account))
    line = issued.lines[0]
    assert (line.description, line.category, line.rate) == ("SMS-pakket 1.000 eenheden", "AE", Decimal(0))
    assert issued.invoice.note == "Btw verlegd – artikel 196 van richtlijn 2006/112/EG"
    assert issued.totals().total_with_vat == Decimal("75.00")
    ubl = flat(issued.to_ubl())
    assert "<cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent>" in ubl and "VATEX-EU-AE" in ubl
    assert "Btw verlegd op 75,00 EUR: 0,00 EUR" in issued.to_text()


def test_another_dutch_company_asks_a_week_later_and_is_refused() -> None:
    account = dutch_company("acc_nl_2")
    order = place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                        order_id="o-nl-2", online_check=True)
    assert (order.treatment.kind, order.treatment.rate) == ("charge", Decimal(21))
    with pytest.raises(envoi.BillingError) as raised:
        order.request_exemption()
    error = raised.value
    assert (error.code, error.order_id) == ("billing.exemption_after_order", "o-nl-2")
    assert error.treatment == "charge BE 21% (eu_consumer_under_threshold)"
    assert str(error) == (
        "order o-nl-2: the VAT exemption can only be asked for when ordering (SPEC section 7); this order was "
        "placed with charge BE 21% (eu_consumer_under_threshold), so a later request to refund its VAT is refused"
    )


def test_without_the_online_check_the_exemption_is_refused_not_assumed() -> None:
    with pytest.raises(envoi.BillingError) as raised:
        place_order(dutch_company("acc_nl_3"), prices(), "sms-1000", 1, payment="card",
                    at=at("2026-03-02T10:00:00"), order_id="o-nl-3", exemption_requested=True)
    error = raised.value
    assert (error.code, error.subject, error.vat_number) == (
        "billing.vat_pending_verification", "order o-nl-3", "NL004495445B01")


# ---- A reversal: the ledger voids the order, a credit note cancels the invoice -------------------


def test_a_payment_reversed_after_activation_voids_the_order_and_credits_the_invoice() -> None:
    account = belgian_company()
    ledger = Ledger()
    book = InvoiceBook(seller())
    order = place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                        order_id="o-rev")
    assert order.apply(ledger).status == "active"
    invoice, _ = book.issue(order.invoice_draft(account))
    with pytest.raises(envoi.BillingError) as raised:
        order.credit_note_draft(account, invoice)
    error = raised.value
    assert (error.code, error.order_id, error.action, error.state) == (
        "billing.order_state", "o-rev", "credit", "paid")
    assert error.rule is not None

    assert order.reverse(at("2026-03-10T08:00:00"), "chargeback") == "reversed"
    assert (order.state, order.reason, order.ended_at) == ("reversed", "chargeback", at("2026-03-10T08:00:00"))
    assert order.paid_at == at("2026-03-02T10:00:00")
    assert order.apply(ledger).status == "voided"
    assert ledger.balance("sms", at("2026-03-11T00:00:00")).available == 0
    note_draft = order.credit_note_draft(account, invoice)
    assert note_draft.kind == "credit_note"
    note, replayed = book.issue(note_draft)
    assert not replayed
    assert (str(note.number), note.kind) == ("2026-F-000002", "credit_note")
    assert note.invoice.preceding_invoice == "2026-F-000001"
    assert [str(i.number) for i in book.for_account("acc_be")] == ["2026-F-000001", "2026-F-000002"]


def test_state_changes_the_state_machine_has_not_are_billing_order_state() -> None:
    order = place_order(belgian_company(), prices(), "sms-1000", 1, payment="card",
                        at=at("2026-03-02T10:00:00"), order_id="o-paid")
    with pytest.raises(envoi.BillingError) as raised:
        order.cancel(at("2026-03-03T10:00:00"), "changed my mind")
    assert (raised.value.code, raised.value.action, raised.value.state) == ("billing.order_state", "cancel", "paid")
    pending = place_order(belgian_company(), prices(), "sms-1000", 1, payment="bank_transfer",
                          at=at("2026-03-02T10:00:00"), order_id="o-pending")
    assert pending.cancel(at("2026-03-03T10:00:00"), "no transfer") == "cancelled"
    assert pending.ended_at == at("2026-03-03T10:00:00")


# ---- The book ------------------------------------------------------------------------------------


def test_the_book_numbers_per_year_issues_a_key_once_and_reads_back() -> None:
    account = belgian_company()
    book = InvoiceBook(seller())

    def draft(id: str, pack: str, when: str) -> InvoiceDraft:
        return place_order(account, prices(), pack, 1, payment="card", at=at(when), order_id=id).invoice_draft(account)

    numbers = [
        str(book.issue(draft(id, "sms-1000", when))[0].number)
        for id, when in [("o-1", "2026-12-31T10:00:00"), ("o-2", "2026-12-31T23:30:00"), ("o-3", "2027-01-02T10:00:00")]
    ]
    assert numbers == ["2026-F-000001", "2027-F-000001", "2027-F-000002"]
    with pytest.raises(envoi.BillingError) as raised:
        book.issue(draft("o-1", "sms-5000", "2026-12-31T10:00:00"))
    error = raised.value
    assert (error.code, error.key, error.number, error.difference) == (
        "billing.invoice_conflict", "order:o-1", "2026-F-000001", "lines")
    assert len(book.invoices) == 3
    by_key = book.by_key("order:o-2")
    assert by_key is not None and str(by_key.number) == "2027-F-000001"
    got = book.get("2027-F-000002")
    assert got is not None and got.key == "order:o-3"
    assert book.get(InvoiceNumber(2027, "F", 3)) is None and book.by_key("order:o-9") is None
    assert book.seller == seller()

    stored = [invoice.to_json() for invoice in book.invoices]
    again = InvoiceBook.from_invoices(seller(), [IssuedInvoice.from_json(text) for text in stored])
    assert again.invoices == book.invoices
    assert str(again.issue(draft("o-4", "sms-1000", "2027-01-03T10:00:00"))[0].number) == "2027-F-000003"
    with pytest.raises(envoi.BillingError) as raised:
        InvoiceBook.from_invoices(seller(), book.invoices[:1] + book.invoices[2:])
    assert raised.value.code == "billing.invoice_sequence"


def test_a_stored_record_that_breaks_a_rule_is_billing_invalid_record() -> None:
    with pytest.raises(envoi.BillingError) as raised:
        PackOrder.from_json("{}")
    error = raised.value
    assert (error.code, error.what, error.field) == ("billing.invalid_record", "order", "json")
    assert error.value is not None and error.rule is not None


# ---- Scenario 3: Click & Post letters of March, invoiced on 1 April --------------------------------


def march_letters() -> list[LetterUsage]:
    return [
        LetterUsage("job-1", letter("prior", "small", 50, 2, duplex=True), 120, handed_over_at=at("2026-03-10T09:00:00")),
        LetterUsage("job-2", letter("registered", "large", 100, 3, color=True, acknowledgement=True), 5,
                    handed_over_at=at("2026-03-20T14:00:00")),
        # Cancelled before processing: never billed.
        LetterUsage("job-3", letter("prior", "small", 50, 1), 40, cancelled=True),
        # 00:30 on 1 April in Brussels: April, though still 31 March in UTC.
        LetterUsage("job-4", letter("prior", "small", 50, 1), 7, handed_over_at=at("2026-03-31T22:30:00")),
    ]


def test_a_click_and_post_customers_letters_of_march_are_invoiced_on_1_april() -> None:
    account = belgian_customer("acc_cp", "Cabinet Lambert SRL", "fr")
    usage = MonthlyUsage(letters=march_letters())
    assert [u.job_id for u in usage.letters] == ["job-1", "job-2", "job-3", "job-4"]
    assert usage.letters[2].cancelled and usage.letters[2].handed_over_at is None
    drafts = monthly_run(account, prices(), "2026-03", usage)
    assert len(drafts) == 1
    draft = drafts[0]
    assert (draft.key, draft.issue_date) == ("letters:acc_cp:2026-03", date(2026, 4, 1))
    assert [(line.description, line.quantity, line.unit_price) for line in draft.lines] == [
        ("Affranchissement Prior, petit format, jusqu'à 50 g", Decimal(120), Decimal("1.95")),
        ("Affranchissement recommandé, grand format, jusqu'à 100 g", Decimal(5), Decimal("3.90")),
        ("Frais de recommandé", Decimal(5), Decimal("6.10")),
        ("Accusé de réception", Decimal(5), Decimal("1.25")),
        ("Supplément couleur, par feuille", Decimal(15), Decimal("0.20")),
        ("Supplément recto verso, par feuille", Decimal(240), Decimal("0.03")),
    ]
    totals = draft.totals()
    assert (totals.total_without_vat, totals.total_vat, totals.total_with_vat) == (
        Decimal("300.45"), Decimal("63.09"), Decimal("363.54"))

    # Running twice gives equal drafts; issuing twice, one number.
    assert monthly_run(account, prices(), "2026-03", usage) == drafts
    book = InvoiceBook(seller())
    first, first_replayed = book.issue(draft)
    again, again_replayed = book.issue(monthly_run(account, prices(), "2026-03", usage)[0])
    assert (first_replayed, again_replayed) == (False, True)
    assert first == again and len(book.invoices) == 1
    assert (str(first.number), first.due_date) == ("2026-F-000001", date(2026, 5, 1))
    assert "<cbc:IssueDate>2026-04-01</cbc:IssueDate>" in flat(first.to_ubl())

    # April holds the job handed over at 00:30 on 1 April; May has nothing.
    april = monthly_run(account, prices(), "2026-04", usage)
    assert [d.totals().total_without_vat for d in april] == [Decimal("13.65")]
    assert monthly_run(account, prices(), "2026-05", usage) == []


def test_pay_as_you_go_messages_are_invoiced_and_months_are_checked() -> None:
    account = belgian_customer("acc_cp", "Cabinet Lambert SRL", "fr")
    usage = MonthlyUsage(messages=[
        MessageUsage("m-1", "sms", 600, at("2026-06-10T09:00:00")),
        MessageUsage("m-3", "email", 2000, at("2026-06-12T09:00:00")),
    ])
    assert [(m.id, m.channel, m.units) for m in usage.messages] == [("m-1", "sms", 600), ("m-3", "email", 2000)]
    assert (usage.letter_treatment, usage.message_treatment, usage.eur_rate) == (None, None, None)
    assert MonthlyUsage(eur_rate=Decimal("0.9")).eur_rate == Decimal("0.9")
    drafts = monthly_run(account, prices(), "2026-06", usage)
    assert [d.key for d in drafts] == ["messages:acc_cp:2026-06"]
    with pytest.raises(envoi.BillingError) as raised:
        monthly_run(account, prices(), "2026-13", usage)
    error = raised.value
    assert (error.code, error.field) == ("billing.invalid_argument", "month")
    assert error.value is not None and error.rule is not None
    with pytest.raises(ValueError, match="channel"):
        MessageUsage("m-9", "fax", 1, at("2026-06-10T09:00:00"))


def test_one_invoice_priced_in_two_currencies_is_billing_mixed_currencies() -> None:
    mixed = PriceList.from_json(json.dumps({"unit_prices": [
        {"channel": "sms", "price": "0.08", "currency": "EUR", "valid_from": "2026-01-01"},
        {"channel": "email", "price": "0.01", "currency": "USD", "valid_from": "2026-01-01"},
    ]}))
    usage = MonthlyUsage(messages=[
        MessageUsage("m-1", "sms", 10, at("2026-06-10T09:00:00")),
        MessageUsage("m-2", "email", 10, at("2026-06-11T09:00:00")),
    ], eur_rate=Decimal("0.9"))
    with pytest.raises(envoi.BillingError) as raised:
        monthly_run(belgian_customer("acc_cp", "Cabinet Lambert SRL", "fr"), mixed, "2026-06", usage)
    error = raised.value
    assert error.code == "billing.mixed_currencies"
    assert (error.subject, {error.first, error.other}) == ("messages:acc_cp:2026-06", {"EUR", "USD"})


# ---- Scenario 4: Plannit, 1,240 SMS, two extra blocks in USD with the VAT in EUR -------------------


def test_a_plannit_customer_pays_the_block_fee_upfront_and_two_extra_blocks_the_next_period() -> None:
    account = belgian_customer("acc_pl", "Plomberie Dubois SRL", "en")
    subscription = subscribe_block_plan(account, prices(), "sms-option", "plannit-sms", at=at("2026-03-10T09:00:00"))
    assert isinstance(subscription, BlockSubscription)
    assert (subscription.id, subscription.account, subscription.plan_id) == ("sms-option", "acc_pl", "plannit-sms")
    assert subscription.treatment.kind == "charge"
    book = InvoiceBook(seller())

    upfront = block_plan_run(account, subscription, 0, 0, eur_rate=Decimal("0.92"))
    assert upfront is not None
    assert (upfront.key, upfront.issue_date) == ("blocks:acc_pl:sms-option:0", date(2026, 3, 10))
    assert upfront.lines[0].description == "Block fee per 500 messages, period 2026-03-10 to 2026-04-09"
    issued, _ = book.issue(upfront)
    assert (issued.totals().total_with_vat, issued.invoice.currency) == (Decimal("30.25"), "USD")

    # 1,240 SMS in the first period: 3 started blocks, 1 paid, 2 extra billed on 10 April.
    start = at("2026-03-10T10:00:00")
    usage = subscription.plan.usage_by_period((start + timedelta(minutes=20 * i), 1) for i in range(1240))
    assert usage[0] == 1240
    following = block_plan_run(account, subscription, 1, usage[0], eur_rate=Decimal("0.9"))
    assert following is not None and following.issue_date == date(2026, 4, 10)
    assert [(line.description, line.quantity) for line in following.lines] == [
        ("Block fee per 500 messages, period 2026-04-10 to 2026-05-09", Decimal(1)),
        ("Extra blocks of 500 messages (1,240 messages sent), period 2026-03-10 to 2026-04-09", Decimal(2)),
    ]
    issued, _ = book.issue(following)
    totals = issued.totals()
    assert (totals.total_without_vat, totals.total_vat, totals.total_with_vat) == (
        Decimal("75.00"), Decimal("15.75"), Decimal("90.75"))
    ubl = flat(issued.to_ubl())
    assert "<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>" in ubl
    assert '<cbc:TaxAmount currencyID="EUR">14.18</cbc:TaxAmount>' in ubl
    assert "VAT in EUR (rate 0.9): 14.18 EUR" in issued.to_text()

    # Without the exchange rate, a USD invoice is refused.
    with pytest.raises(envoi.BillingError) as raised:
        block_plan_run(account, subscription, 1, 1240)
    error = raised.value
    assert (error.code, error.subject, error.currency) == (
        "billing.missing_exchange_rate", "blocks:acc_pl:sms-option:1", "USD")
    # After the option ended: the last period's extra blocks, then nothing.
    ended = subscription.ending_at(at("2026-04-20T09:00:00"))
    last = block_plan_run(account, ended, 2, 700, eur_rate=Decimal("0.92"))
    assert last is not None and len(last.lines) == 1
    assert block_plan_run(account, ended, 3, 0, eur_rate=Decimal("0.92")) is None


# ---- Arguments and passed-through errors ------------------------------------------------------------


def test_order_arguments_are_checked() -> None:
    account = belgian_company()
    with pytest.raises(envoi.BillingError) as raised:
        place_order(account, prices(), "sms-1000", 0, payment="card", at=at("2026-03-02T10:00:00"), order_id="o-0")
    error = raised.value
    assert (error.code, error.field, error.value) == ("billing.invalid_argument", "quantity", "0")
    with pytest.raises(envoi.BillingError) as raised:
        place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2025-03-02T10:00:00"), order_id="o-old")
    assert raised.value.code == "billing.no_price"
    with pytest.raises(ValueError, match="payment"):
        place_order(account, prices(), "sms-1000", 1, payment="cash", at=at("2026-03-02T10:00:00"), order_id="o-1")
    with pytest.raises(TypeError, match="online_check"):
        place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                    order_id="o-1", online_check="yes")  # type: ignore[arg-type]
    with pytest.raises(envoi.TimeError):
        place_order(account, prices(), "sms-1000", 1, payment="card", at=datetime(2026, 3, 2), order_id="o-1")
    with pytest.raises(envoi.IdError):
        place_order(account, prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"), order_id="")


def test_another_accounts_order_and_the_accounts_own_errors() -> None:
    paid = place_order(belgian_company(), prices(), "sms-1000", 1, payment="card", at=at("2026-03-02T10:00:00"),
                       order_id="o-1")
    with pytest.raises(envoi.BillingError) as raised:
        paid.invoice_draft(dutch_company("acc_nl"))
    assert (raised.value.code, raised.value.field, raised.value.value) == ("billing.invalid_argument", "account", "acc_nl")
    # The account refuses an activation before its creation: its own error, with its class.
    address = Party("Boulangerie Dupont SRL", "BE", enterprise_number="0202239951")
    late = Account("acc_be", "fr", "business", "BE", address, at("2026-03-04T09:00:00"))
    with pytest.raises(envoi.AccountError) as refused:
        paid.activate_account(late)
    assert refused.value.code == "account.time_went_back"


def test_the_vat_rules_errors_pass_through_with_their_class() -> None:
    old = PriceList.from_json(json.dumps({"packs": [
        {"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2018-01-01"},
    ]}))
    with pytest.raises(envoi.VatError) as raised:
        place_order(belgian_company(), old, "sms-1000", 1, payment="card", at=at("2018-06-01T10:00:00"), order_id="o-old")
    assert raised.value.code == "vat.no_rate"
