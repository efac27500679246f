"""envoi.invoice: lines, the EN 16931 arithmetic, parties, invoices and credit notes, the UBL export
and the JSON form, through the binding."""

from __future__ import annotations

import json
import pickle
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import envoi
from envoi import vat
from envoi.invoice import LANGUAGES, VAT_CATEGORIES, Invoice, InvoiceLine, Party, RateTotal, Totals

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def seller() -> Party:
    return Party(
        "Envoi SA",
        "BE",
        street="Rue de la Loi 16",
        city="Bruxelles",
        postal_code="1000",
        vat_number="BE 0400.123.416",
        enterprise_number="0400.123.416",
    )


def belgian_customer() -> Party:
    return Party(
        "Boulangerie Dupont & Fils SRL",
        "be",
        street="Place du Marché 3",
        city="Namur",
        postal_code="5000",
        vat_number="BE0765432146",
        enterprise_number="0765.432.146",
    )


def german_customer() -> Party:
    return Party(
        "Kunde GmbH",
        "DE",
        street="Unter den Linden 1",
        city="Berlin",
        postal_code="10117",
        vat_number="DE 136 695 976",
        endpoint=("9930", "DE136695976"),
    )


def sms(quantity: int, category: str | None = None) -> InvoiceLine:
    return InvoiceLine("SMS, parts sent <bulk & alerts>", quantity, Decimal("0.0745"), 21, category=category)


def domestic() -> Invoice:
    return Invoice(
        "EUR",
        [sms(1234), InvoiceLine("Registered letters", 3, Decimal("8.125"), 21)],
        number="2026-0001",
        date=date(2026, 1, 31),
        due_date=date(2026, 3, 2),
        language="fr",
        seller=seller(),
        customer=belgian_customer(),
        buyer_reference="Commande 42",
    )


def amount(root: ET.Element, path: str) -> Decimal:
    found = root.find(path, NS)
    assert found is not None and found.text is not None, path
    return Decimal(found.text)


# ---- Lines ----------------------------------------------------------------------------------------


def test_line_holds_decimals() -> None:
    line = InvoiceLine("SMS pack, 1000 parts", 1000, Decimal("0.0075"), Decimal("21.0"))
    assert line.description == "SMS pack, 1000 parts"
    assert (line.quantity, line.unit_price, line.rate, line.category) == (
        Decimal("1000"),
        Decimal("0.0075"),
        Decimal("21"),
        "S",
    )
    assert all(isinstance(value, Decimal) for value in (line.quantity, line.unit_price, line.rate))
    assert line.net("EUR") == Decimal("7.50")
    assert line.net("JPY") == Decimal("8")  # no minor unit
    assert repr(line) == (
        "InvoiceLine('SMS pack, 1000 parts', Decimal('1000'), Decimal('0.0075'), Decimal('21'), category='S')"
    )
    assert line == InvoiceLine("SMS pack, 1000 parts", Decimal("1000"), Decimal("0.00750"), 21)
    assert InvoiceLine("Newspaper", 1, Decimal("12.50"), 0).category == "Z"


@pytest.mark.parametrize("category", ["AE", "ae", "reverse_charge", "O", "E", "Z"])
def test_categories_other_than_standard_have_rate_zero(category: str) -> None:
    line = InvoiceLine("SMS", 10, Decimal("0.075"), 21, category=category)
    assert line.rate == Decimal("0")
    assert line.category in VAT_CATEGORIES and line.category != "S"


def test_line_errors_carry_their_fields() -> None:
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine(" ", 1, 1, 21)
    assert (info.value.code, info.value.field, info.value.value) == ("invoice.invalid_text", "description", " ")
    assert info.value.rule
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine("SMS", Decimal("1.0000001"), 1, 21)
    assert (info.value.code, info.value.value) == ("invoice.invalid_quantity", Decimal("1.0000001"))
    assert isinstance(info.value.value, Decimal)
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine("SMS", 1, Decimal("-0.01"), 21)
    assert (info.value.code, info.value.value) == ("invoice.invalid_unit_price", Decimal("-0.01"))
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine("SMS", 1, 1, 121)
    assert (info.value.code, info.value.value) == ("invoice.invalid_rate", Decimal("121"))
    assert str(info.value) == "rate: 121 is not a VAT rate; a rate is a percentage from 0 to 100"
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine("SMS", 1, 1, 21, category="X")
    assert (info.value.code, info.value.field, info.value.value) == ("invoice.invalid_argument", "category", "X")
    assert info.value.expected and "AE" in info.value.expected
    with pytest.raises(envoi.InvoiceError) as info:
        InvoiceLine("SMS", 1, 1, 0, category="S")
    assert (info.value.code, info.value.category, info.value.rate) == (
        "invoice.category_rate_mismatch",
        "S",
        Decimal("0"),
    )
    with pytest.raises(envoi.MoneyError) as money:
        InvoiceLine("SMS", 1, 1, 21).net("EURO")
    assert money.value.code == "money.unknown_currency"


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="float"):
        InvoiceLine("SMS", 1.0, 1, 21)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        InvoiceLine("SMS", 1, 0.0745, 21)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        InvoiceLine("SMS", 1, 1, 21.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        InvoiceLine("SMS", 1, "0.0745", 21)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        InvoiceLine("SMS", True, 1, 21)
    with pytest.raises(ValueError):
        InvoiceLine("SMS", 1, Decimal("Infinity"), 21)
    with pytest.raises(ValueError, match="digits"):
        InvoiceLine("SMS", 1, Decimal("1." + "1" * 40), 21)
    with pytest.raises(TypeError, match="float"):
        Invoice("USD", [sms(1)], tax_currency="EUR", exchange_rate=0.92)  # type: ignore[arg-type]


# ---- Totals (EN 16931) ----------------------------------------------------------------------------


def test_totals_round_lines_then_vat_per_rate() -> None:
    lines = [
        InvoiceLine("SMS pack, 1000 parts", 1000, Decimal("0.0075"), 21),
        InvoiceLine("Registered letters", 3, Decimal("8.125"), 21),
    ]
    totals = Invoice("EUR", lines).totals()
    assert totals.currency == "EUR"
    assert (totals.total_without_vat, totals.total_vat, totals.total_with_vat) == (
        Decimal("31.88"),  # 7.50 + 24.38 (24.375 rounded)
        Decimal("6.69"),  # 31.88 × 21% = 6.6948
        Decimal("38.57"),
    )
    assert str(totals.total_vat) == "6.69"  # two decimals, as written on the invoice


def test_totals_per_rate_highest_first() -> None:
    lines = [
        InvoiceLine("Newspaper", 1, Decimal("12.50"), 0),
        InvoiceLine("Brochures", 250, Decimal("0.3333"), 6),
        sms(500),
        InvoiceLine("Unused SMS credit returned", -7, Decimal("0.075"), 21),
    ]
    totals = Invoice("EUR", lines).totals()
    per_rate = totals.per_rate
    assert all(isinstance(total, RateTotal) for total in per_rate)
    assert [(t.category, t.rate, t.base, t.vat) for t in per_rate] == [
        ("S", Decimal("21"), Decimal("36.72"), Decimal("7.71")),  # 37.25 - 0.53 (0.525)
        ("S", Decimal("6"), Decimal("83.33"), Decimal("5.00")),
        ("Z", Decimal("0"), Decimal("12.50"), Decimal("0.00")),
    ]
    assert totals.total_without_vat == sum((t.base for t in per_rate), Decimal(0))
    assert totals.total_vat == sum((t.vat for t in per_rate), Decimal(0))
    assert totals.total_with_vat == totals.total_without_vat + totals.total_vat
    assert isinstance(totals, Totals) and totals == Invoice("EUR", lines).totals()
    assert repr(per_rate[1]) == (
        "RateTotal(category='S', rate=Decimal('6'), base=Decimal('83.33'), vat=Decimal('5.00'))"
    )


def test_negative_half_cent_rounds_away_from_zero() -> None:
    # -2.50 × 21% = -0.525 → -0.53 (half away from zero, SPEC section 7).
    totals = Invoice("EUR", [InvoiceLine("Refund", -1, Decimal("2.50"), 21)]).totals()
    assert (totals.total_without_vat, totals.total_vat, totals.total_with_vat) == (
        Decimal("-2.50"),
        Decimal("-0.53"),
        Decimal("-3.03"),
    )


def test_treatment_rate_goes_on_the_line() -> None:
    decided = vat.treatment("FR", "consumer", "electronic", date(2026, 3, 2), b2c_current_year=20_000)
    assert decided.rate is not None
    line = InvoiceLine("SMS", 100, Decimal("0.075"), decided.rate)
    assert Invoice("EUR", [line]).totals().total_vat == Decimal("1.50")  # 7.50 × 20%


# ---- Parties --------------------------------------------------------------------------------------


def test_party_fields() -> None:
    party = seller()
    assert (party.name, party.country, party.street, party.city, party.postal_code) == (
        "Envoi SA",
        "BE",
        "Rue de la Loi 16",
        "Bruxelles",
        "1000",
    )
    assert (party.vat_number, party.enterprise_number) == ("BE0400123416", "0400123416")
    assert party.endpoint == ("0208", "0400123416")  # from the enterprise number
    assert german_customer().endpoint == ("9930", "DE136695976")
    assert Party("Acme Inc.", "US").endpoint is None
    assert Party("Acme Inc.", "US").street is None
    assert party == seller() and party != belgian_customer()
    assert repr(Party("Acme Inc.", "US", endpoint=("0060", "123456789"))) == (
        "Party('Acme Inc.', 'US', endpoint=('0060', '123456789'))"
    )


def test_party_errors() -> None:
    with pytest.raises(envoi.InvoiceError) as info:
        Party("Acme", "ZZ")
    assert (info.value.code, info.value.field, info.value.value) == ("invoice.invalid_identifier", "country", "ZZ")
    with pytest.raises(envoi.InvoiceError) as info:
        Party("", "BE")
    assert (info.value.code, info.value.field) == ("invoice.invalid_text", "name")
    with pytest.raises(envoi.InvoiceError) as info:
        Party("Envoi SA", "BE", vat_number="BE0403170701", enterprise_number="0400123416")
    assert (info.value.code, info.value.field) == ("invoice.invalid_identifier", "enterprise_number")
    with pytest.raises(envoi.InvoiceError) as info:
        Party("Envoi SA", "BE", vat_number="EU372022452")
    assert info.value.code == "invoice.invalid_identifier"
    with pytest.raises(envoi.InvoiceError) as info:
        Party("Envoi SA", "BE", endpoint=("208", "0400123416"))
    assert (info.value.code, info.value.field) == ("invoice.invalid_identifier", "endpoint.scheme")
    with pytest.raises(envoi.InvoiceError) as info:
        Party("Envoi SA", "BE", street="Rue de la Loi 16")  # a street without its city
    assert (info.value.code, info.value.field) == ("invoice.invalid_text", "city")


# ---- Invoices -------------------------------------------------------------------------------------


def test_invoice_fields() -> None:
    invoice = domestic()
    assert (invoice.kind, invoice.number, invoice.currency, invoice.language) == ("invoice", "2026-0001", "EUR", "fr")
    assert (invoice.date, invoice.due_date) == (date(2026, 1, 31), date(2026, 3, 2))
    assert invoice.seller == seller() and invoice.customer == belgian_customer()
    assert invoice.lines[1] == InvoiceLine("Registered letters", 3, Decimal("8.125"), 21)
    assert (invoice.buyer_reference, invoice.order_reference, invoice.note, invoice.payment_terms) == (
        "Commande 42",
        None,
        None,
        None,
    )
    assert (invoice.tax_currency, invoice.exchange_rate) == (None, None)
    assert (invoice.preceding_invoice, invoice.preceding_invoice_date) == (None, None)
    bare = Invoice("eur", [])
    assert (bare.language, bare.seller, bare.date, bare.number, bare.lines) == ("en", None, None, None, [])
    assert bare.totals().total_with_vat == Decimal("0.00")
    assert set(LANGUAGES) == {"fr", "nl", "de", "en"}
    # Lines from any iterable.
    assert Invoice("EUR", (line for line in domestic().lines)).lines == domestic().lines


def test_invoice_errors() -> None:
    with pytest.raises(envoi.MoneyError) as money:
        Invoice("EURO", [])
    assert money.value.code == "money.unknown_currency"
    with pytest.raises(envoi.LanguageError) as language:
        Invoice("EUR", [], language="es")
    assert (language.value.code, language.value.value) == ("language.unsupported", "es")
    with pytest.raises(envoi.InvoiceError) as info:
        Invoice("EUR", [], number=" ")
    assert (info.value.code, info.value.field) == ("invoice.invalid_text", "number")
    with pytest.raises(envoi.InvoiceError) as info:
        Invoice("EUR", [], tax_currency="EUR", exchange_rate=Decimal("1"))
    error = info.value
    assert (error.code, error.currency, error.exchange_rate) == ("invoice.invalid_tax_currency", "EUR", Decimal("1"))
    assert error.rule and "own currency" in error.rule
    with pytest.raises(ValueError, match="together"):
        Invoice("USD", [], tax_currency="EUR")
    with pytest.raises(ValueError, match="together"):
        Invoice("USD", [], exchange_rate=Decimal("0.92"))
    with pytest.raises(ValueError, match="preceding_invoice"):
        Invoice.credit_note("EUR", [], preceding_invoice_date=date(2026, 1, 31))
    with pytest.raises(TypeError):
        Invoice("EUR", [sms(1), "SMS"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="date"):
        Invoice("EUR", [], date=datetime(2026, 1, 31, 23, 0, tzinfo=timezone.utc))
    with pytest.raises(TypeError):
        Invoice("EUR", [], seller="Envoi SA")  # type: ignore[arg-type]


# ---- UBL ------------------------------------------------------------------------------------------


def test_ubl_export_of_a_belgian_b2b_invoice() -> None:
    xml = domestic().to_ubl()
    assert xml.startswith("<?xml")
    root = ET.fromstring(xml)
    assert root.tag == "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
    assert root.findtext("cbc:ID", namespaces=NS) == "2026-0001"
    assert root.findtext("cbc:InvoiceTypeCode", namespaces=NS) == "380"
    assert root.findtext("cbc:IssueDate", namespaces=NS) == "2026-01-31"
    endpoint = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
    assert endpoint is not None and (endpoint.get("schemeID"), endpoint.text) == ("0208", "0400123416")
    totals = domestic().totals()
    assert amount(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount") == totals.total_without_vat
    assert amount(root, "cac:TaxTotal/cbc:TaxAmount") == totals.total_vat
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == totals.total_with_vat
    assert "&lt;bulk &amp; alerts&gt;" in xml  # escaped by the XML writer


def test_ubl_reverse_charge_out_of_scope_and_foreign_currency() -> None:
    reverse = Invoice(
        "EUR",
        [sms(10_000, "AE")],
        number="2026-0003",
        date=date(2026, 2, 2),
        due_date=date(2026, 3, 4),
        language="de",
        seller=seller(),
        customer=german_customer(),
        buyer_reference="Bestellung 2026/17",
    )
    xml = reverse.to_ubl()
    assert "VATEX-EU-AE" in xml and ">AE<" in xml
    assert reverse.totals().total_vat == Decimal("0.00")

    out_of_scope = Invoice(
        "EUR",
        [sms(2_000, "O")],
        number="2026-0004",
        date=date(2026, 2, 3),
        due_date=date(2026, 3, 5),
        seller=seller(),
        customer=Party("Acme Inc.", "US", street="1 Market Street", city="San Francisco", endpoint=("0060", "123456789")),
        order_reference="PO 7781",
    )
    assert "VATEX-EU-O" in out_of_scope.to_ubl()

    dollars = Invoice(
        "USD",
        [InvoiceLine("Block plan: 50,000 SMS parts", 1, Decimal("2450.00"), 21)],
        number="2026-0005",
        date=date(2026, 2, 4),
        due_date=date(2026, 3, 6),
        seller=seller(),
        customer=belgian_customer(),
        buyer_reference="Block plan 2026",
        tax_currency="EUR",
        exchange_rate=Decimal("0.9245"),
    )
    assert (dollars.tax_currency, dollars.exchange_rate) == ("EUR", Decimal("0.9245"))
    root = ET.fromstring(dollars.to_ubl())
    assert root.findtext("cbc:TaxCurrencyCode", namespaces=NS) == "EUR"
    tax_amounts = {
        element.get("currencyID"): Decimal(element.text or "")
        for element in root.findall("cac:TaxTotal/cbc:TaxAmount", NS)
    }
    assert tax_amounts == {"USD": Decimal("514.50"), "EUR": Decimal("475.66")}  # 514.50 × 0.9245 = 475.655


def test_ubl_credit_note() -> None:
    note = Invoice.credit_note(
        "EUR",
        [InvoiceLine("Registered letters not delivered", 1, Decimal("8.125"), 21)],
        number="CN-2026-0001",
        date=date(2026, 2, 10),
        language="fr",
        seller=seller(),
        customer=belgian_customer(),
        buyer_reference="Commande 42",
        preceding_invoice="2026-0001",
        preceding_invoice_date=date(2026, 1, 31),
        payment_terms="Remboursé sur le compte du client sous 14 jours",
    )
    assert (note.kind, note.preceding_invoice, note.preceding_invoice_date) == (
        "credit_note",
        "2026-0001",
        date(2026, 1, 31),
    )
    root = ET.fromstring(note.to_ubl())
    assert root.tag == "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    assert root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS) == "2026-0001"
    assert amount(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == Decimal("9.84")  # 8.13 + 1.71 (1.7073)


def test_ubl_says_what_is_missing_or_wrong() -> None:
    with pytest.raises(envoi.InvoiceError) as info:
        Invoice("EUR", [sms(1)]).to_ubl()
    assert (info.value.code, info.value.field) == ("invoice.missing_field", "number")
    assert info.value.rule
    with pytest.raises(envoi.InvoiceError) as info:
        Invoice("EUR", [sms(1)], number="1", date=date(2026, 1, 1), seller=seller()).to_ubl()
    assert (info.value.code, info.value.field) == ("invoice.missing_field", "customer")
    mixed = Invoice(
        "EUR",
        [sms(1, "O"), sms(1)],
        number="1",
        date=date(2026, 1, 1),
        seller=seller(),
        customer=belgian_customer(),
        buyer_reference="x",
    )
    with pytest.raises(envoi.InvoiceError) as info:
        mixed.to_ubl()
    assert (info.value.code, info.value.first, info.value.second) == ("invoice.incompatible_categories", "O", "S")


def test_ubl_refuses_what_a_ubl_document_cannot_carry() -> None:
    def complete(currency: str, lines: list[InvoiceLine], day: date = date(2026, 1, 31)) -> Invoice:
        return Invoice(
            currency,
            lines,
            number="1",
            date=day,
            due_date=date(2026, 3, 2),
            seller=seller(),
            customer=belgian_customer(),
            buyer_reference="x",
        )

    with pytest.raises(envoi.InvoiceError) as info:
        complete("EUR", [sms(1)], date(999, 12, 31)).to_ubl()
    assert (info.value.code, info.value.field, info.value.value) == ("invoice.invalid_date", "date", date(999, 12, 31))
    with pytest.raises(envoi.InvoiceError) as info:
        complete("KWD", [sms(1)]).to_ubl()  # 3 decimals
    assert (info.value.code, info.value.field, info.value.currency) == ("invoice.unsupported_currency", "currency", "KWD")
    with pytest.raises(envoi.InvoiceError) as info:
        complete("JPY", [InvoiceLine("SMS", 1, Decimal("0.3"), 21)]).to_ubl()  # no minor unit: 0.3 → 0
    error = info.value
    assert (error.code, error.index, error.exact, error.net, error.currency) == (
        "invoice.line_rounding",
        0,
        Decimal("0.3"),
        Decimal("0"),
        "JPY",
    )
    note = Invoice.credit_note(
        "EUR",
        [sms(1)],
        number="CN-1",
        date=date(2026, 2, 1),
        due_date=date(2026, 3, 1),
        seller=seller(),
        customer=belgian_customer(),
        buyer_reference="x",
    )
    with pytest.raises(envoi.InvoiceError) as info:
        note.to_ubl()
    assert (info.value.code, info.value.field) == ("invoice.not_applicable", "due_date")


# ---- JSON -----------------------------------------------------------------------------------------


def test_json_round_trip() -> None:
    for invoice in (
        domestic(),
        Invoice("EUR", []),
        Invoice.credit_note("USD", [sms(3)], tax_currency="EUR", exchange_rate=Decimal("0.9245"), preceding_invoice="7"),
    ):
        text = invoice.to_json()
        assert Invoice.from_json(text) == invoice
        assert pickle.loads(pickle.dumps(invoice)) == invoice
        assert repr(invoice).startswith("Invoice.from_json(")
    data = json.loads(domestic().to_json())
    assert data["lines"][1] == {
        "description": "Registered letters",
        "quantity": "3",
        "unit_price": "8.125",
        "rate": "21",
        "category": "standard",
    }
    # Reading the JSON checks the rules again.
    data["lines"][1]["rate"] = "121"
    with pytest.raises(ValueError, match="121"):
        Invoice.from_json(json.dumps(data))
    with pytest.raises(ValueError, match="Invoice"):
        Invoice.from_json("[]")
