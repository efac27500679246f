"""envoi.post: letters (SPEC section 9, issue 8) through the binding: the quote, every limit at its
boundary, every postage rule, the country line in four languages, dates, PDFs, jobs and their
states, registered mail and retention."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi import post

BRUSSELS = ZoneInfo("Europe/Brussels")
# Tuesday 10 March 2026, 10:00 in Brussels (UTC+1).
AT = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
GHENT = ["Marie Janssens", "Kerkstraat 5", "9000 GENT"]
AMSTERDAM = ["Jan de Vries", "Keizersgracht 1", "1015 CJ AMSTERDAM", "PAYS-BAS"]


def a4(pages: int, name: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"pages": pages}
    if name is not None:
        document["name"] = name
    return document


def quote(documents: list[Any] | None = None, **options: Any) -> post.Quote:
    """`post.quote` with a one-page letter to Ghent submitted at AT, unless told otherwise."""
    arguments: dict[str, Any] = {"postage": "prior", "address": GHENT, "submitted_at": AT}
    arguments.update(options)
    return post.quote([a4(1)] if documents is None else documents, **arguments)


def refused(call: Callable[[], object]) -> envoi.PostError:
    """The `envoi.PostError` that `call` raises."""
    with pytest.raises(envoi.PostError) as info:
        call()
    return info.value


def make_pdf(*pages: tuple[int, int]) -> bytes:
    """A minimal PDF with one page per (width, height) in points, with a correct xref table."""
    kids = " ".join(f"{3 + index} 0 R" for index in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
    ]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] >>".encode() for width, height in pages]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)

# ---- The issue's surface, end to end --------------------------------------------------------------


def test_quote_of_the_issue() -> None:
    q = post.quote(
        documents=[{"pages": 3}, {"pages": 1}],
        color=False,
        duplex=False,
        postage="prior",
        acknowledgement=False,
        envelope=None,
        address=["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"],
        return_address=None,
        submitted_at=AT,
    )
    assert (q.sheets, q.envelope, q.format) == (4, "us", "small")
    assert q.paper_grams == Decimal("19.9584")  # 4 × 80 g/m² × 0.06237 m²
    assert q.weight_grams == Decimal("24.9584")  # + the US envelope, 5 g
    assert q.weight_band_grams == 50
    assert (q.country, q.country_line, q.postage) == ("BE", None, "prior")
    assert q.submitted_on == date(2026, 3, 10)
    assert q.handover_date == date(2026, 3, 10)
    assert q.delivery_date == date(2026, 3, 11)
    assert q.delivery_range is None
    assert q.documents_kept_until == date(2026, 5, 9)
    assert q.deposit_receipt_kept_until is None
    assert q.registered_summary_kept_until is None and q.claim_deadline is None
    assert repr(q) == (
        "Quote(sheets=4, envelope='us', weight_grams=Decimal('24.9584'), country='BE', "
        "postage='prior', handover_date=datetime.date(2026, 3, 10), "
        "delivery_date=datetime.date(2026, 3, 11))"
    )


def test_international_letter_has_a_delivery_range() -> None:
    q = quote([a4(2)], address=AMSTERDAM)
    assert (q.country, q.country_line, q.postage) == ("NL", 3, "prior_international")
    assert q.delivery_date is None
    assert q.delivery_range is not None
    assert (q.delivery_range.earliest, q.delivery_range.latest) == (date(2026, 3, 13), date(2026, 3, 17))
    assert q.delivery_range == q.delivery_range
    assert "DeliveryRange(earliest=datetime.date(2026, 3, 13)" in repr(q.delivery_range)
    assert quote([a4(2)], address=AMSTERDAM, postage="prior_international") == q


def test_registered_letter_has_its_deadlines() -> None:
    q = quote([a4(2)], postage="registered", return_address=["Envoi SA", "1000 BRUXELLES"], acknowledgement=True)
    assert (q.postage, q.handover_date, q.delivery_date) == ("registered", date(2026, 3, 10), date(2026, 3, 11))
    assert q.registered_summary_kept_until == date(2026, 5, 9)
    assert q.deposit_receipt_kept_until == date(2029, 3, 10)
    assert q.claim_deadline == date(2027, 3, 10)


def test_non_prior_is_delivered_three_business_days_after_handover() -> None:
    q = quote(postage="non_prior")
    assert q.delivery_date == date(2026, 3, 13)


def test_quote_is_plain_data() -> None:
    q = quote([a4(3)], address=AMSTERDAM, color=True)
    assert post.Quote.from_json(q.to_json()) == q
    assert pickle.loads(pickle.dumps(q)) == q
    assert json.loads(q.to_json())["country"] == "NL"
    assert q != quote([a4(3)], address=AMSTERDAM)
    with pytest.raises(ValueError, match="not a Quote JSON"):
        post.Quote.from_json("{}")


def test_colour_paper_is_heavier() -> None:
    q = quote([a4(7)], color=True)
    assert (q.sheets, q.envelope, q.format) == (7, "c5", "large")
    assert q.paper_grams == Decimal("39.2931")  # 7 × 90 g/m² × 0.06237 m²
    assert q.weight_grams == Decimal("46.2931")  # + C5, 7 g
    assert q.weight_band_grams == 100


def test_country_and_destination() -> None:
    assert post.country("PAYS-BAS") == "NL"
    found = post.destination(["Jan de Vries", "1015 CJ AMSTERDAM", "NEDERLAND"])
    assert (found.country, found.country_line) == ("NL", 2)
    assert repr(found) == "Destination(country='NL', country_line=2)"
    belgian = post.destination(["Léa Dubois", "Rue Neuve 1", "1000 BRUXELLES", ""])
    assert (belgian.country, belgian.country_line) == ("BE", None)
    assert belgian == post.destination(["1000 BRUXELLES"]) and hash(belgian) == hash(post.destination([]))


# ---- Sheets and envelopes at their boundaries ---------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "envelope", "format_"),
    [
        (1, "us", "small"),
        (6, "us", "small"),
        (7, "c5", "large"),
        (8, "c5", "large"),
        (9, "c4", "large"),
        (25, "c4", "large"),
    ],
)
def test_smallest_envelope_that_fits(pages: int, envelope: str, format_: str) -> None:
    q = quote([a4(pages)])
    assert (q.sheets, q.envelope, q.format) == (pages, envelope, format_)


def test_26_sheets_is_one_too_many() -> None:
    error = refused(lambda: quote([a4(20), a4(6, "flyer")]))
    assert type(error) is envoi.PostError and isinstance(error, envoi.EnvoiError)
    assert error.code == "post.too_many_sheets"
    assert (error.sheets, error.max, error.over) == (26, 25, 1)
    assert "26 sheets, 1 over the limit of 25" in str(error)
    assert post.MAX_SHEETS == 25


def test_duplex_puts_two_pages_on_a_sheet_and_each_document_starts_a_new_one() -> None:
    assert quote([a4(13)], duplex=True).sheets == 7  # an odd last page takes its own sheet
    assert quote([a4(13)], duplex=True).envelope == "c5"
    assert quote([a4(12)], duplex=True).envelope == "us"
    assert quote([a4(3), a4(1, "flyer")], duplex=True).sheets == 3  # 2 + 1
    assert quote([a4(50)], duplex=True).sheets == 25
    assert refused(lambda: quote([a4(51)], duplex=True)).sheets == 26


def test_forced_envelope() -> None:
    assert quote([a4(2)], envelope="c4").envelope == "c4"
    error = refused(lambda: quote([a4(7)], envelope="us"))
    assert error.code == "post.envelope_too_small"
    assert (error.envelope, error.capacity, error.sheets, error.over, error.smallest_fitting) == ("us", 6, 7, 1, "c5")
    assert refused(lambda: quote([a4(9)], envelope="c5")).smallest_fitting == "c4"
    assert refused(lambda: quote([a4(26)], envelope="c4")).code == "post.too_many_sheets"


def test_background_adds_no_sheet() -> None:
    plain = quote([a4(6)])
    with_background = quote([a4(6)], background={"pages": 1})
    assert (with_background.sheets, with_background.envelope) == (6, "us")
    assert with_background.weight_grams == plain.weight_grams
    error = refused(lambda: quote([a4(1)], background={"pages": 2}))
    assert (error.code, error.pages) == ("post.background_not_one_page", 2)
    error = refused(lambda: quote([a4(1)], background={"page_sizes_mm": [[148, 210]]}))
    assert (error.code, error.document, error.document_name) == ("post.not_a4", "background", None)


# ---- Documents: pages and their sizes -------------------------------------------------------------


def test_page_sizes() -> None:
    q = quote([{"page_sizes_mm": [[210, 297], [297, 210], [Decimal("212"), Decimal("295.5")]]}])
    assert q.sheets == 3
    error = refused(
        lambda: quote([a4(2), {"page_sizes_mm": [[210, 297], [Decimal("215.9"), Decimal("279.4")]], "name": "scan"}])
    )
    assert error.code == "post.not_a4"
    assert (error.document, error.document_name, error.page) == (1, "scan", 2)
    assert (error.width_mm, error.height_mm) == (Decimal("215.9"), Decimal("279.4"))
    assert error.size == (Decimal("215.9"), Decimal("279.4"))
    assert str(error).startswith("documents[1] (scan), page 2: 215.9 × 279.4 mm is not A4")


@pytest.mark.parametrize("size", [[213, 297], [148, 210], [210, 300]])
def test_a_page_that_is_not_a4(size: list[int]) -> None:
    error = refused(lambda: quote([{"page_sizes_mm": [size]}]))
    assert (error.code, error.document, error.page) == ("post.not_a4", 0, 1)


def test_empty_document() -> None:
    error = refused(lambda: quote([a4(2), a4(0, "flyer")]))
    assert error.code == "post.empty_document"
    assert (error.document, error.document_name) == (1, "flyer")
    assert str(error) == "documents[1] (flyer): no page; every document has at least one page"
    assert refused(lambda: quote([{"page_sizes_mm": []}])).code == "post.empty_document"
    assert refused(lambda: quote([])).code == "post.no_documents"


def test_a_float_number_of_pages_is_refused() -> None:
    with pytest.raises(TypeError) as info:
        quote([a4(1), {"pages": 3.0}])
    message = str(info.value)
    assert message.startswith("documents[1].pages: expected an int (a number of A4 pages), not float (3.0)")
    assert "never a float" in message
    with pytest.raises(TypeError, match=r"documents\[0\].pages: expected an int"):
        quote([{"pages": True}])
    with pytest.raises(TypeError, match=r"documents\[0\].pages: expected an int"):
        quote([{"pages": "3"}])


def test_a_float_page_size_is_refused() -> None:
    with pytest.raises(
        TypeError, match=r'page_sizes_mm\[0\]\[1\]: expected an int or a decimal.Decimal .*Decimal\("297.0"\)'
    ):
        quote([{"page_sizes_mm": [[210, 297.0]]}])


@pytest.mark.parametrize(
    ("documents", "error", "match"),
    [
        ({"pages": 3}, TypeError, "documents: expected a list of documents .* a single document goes in a list"),
        ("letter.pdf", TypeError, "documents: expected a list"),
        ([3], TypeError, r"documents\[0\]: expected a dict"),
        ([{"pages": -1}], ValueError, r"documents\[0\].pages: -1 is negative"),
        ([{"pages": 2**40}], ValueError, r"documents\[0\].pages: 1099511627776 pages is more than envoi counts"),
        ([{"pages": 1, "page_sizes_mm": [[210, 297]]}], ValueError, "exactly one of"),
        ([{"name": "flyer"}], ValueError, "exactly one of"),
        ([{"pages": 1, "colour": True}], ValueError, r'unknown key "colour"'),
        ([{"pages": 1, "name": 3}], TypeError, r"documents\[0\].name: expected a str"),
        ([{"page_sizes_mm": [[210]]}], TypeError, r"page_sizes_mm\[0\]: expected a \[width_mm, height_mm\] pair"),
        ([{"page_sizes_mm": "A4"}], TypeError, "page_sizes_mm: expected a list"),
        ([{"pdf": "letter.pdf"}], TypeError, r"documents\[0\].pdf: expected the bytes of a PDF"),
    ],
)
def test_documents_of_the_wrong_shape(documents: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        post.quote(documents, postage="prior", address=GHENT, submitted_at=AT)


def test_arguments_of_the_wrong_kind() -> None:
    with pytest.raises(TypeError, match="address: expected a list of address lines .* split the address"):
        quote(address="9000 GENT")
    with pytest.raises(TypeError, match=r"address\[1\]: expected a str, not int"):
        quote(address=["Marie", 9000])
    with pytest.raises(ValueError, match='postage: unknown value "priority"; expected one of "prior"'):
        quote(postage="priority")
    with pytest.raises(ValueError, match='envelope: unknown value "dl"'):
        quote(envelope="dl")
    with pytest.raises(TypeError, match=r"delivery_closed_days\[0\]: expected a datetime.date, got the datetime"):
        quote(delivery_closed_days=[datetime(2026, 3, 11, tzinfo=BRUSSELS)])


# ---- PDFs -----------------------------------------------------------------------------------------


def test_pdf_page_sizes() -> None:
    sizes = post.pdf_page_sizes(make_pdf(A4_POINTS, (842, 595), LETTER_POINTS))
    assert sizes == [
        (Decimal("209.9028"), Decimal("297.0389")),
        (Decimal("297.0389"), Decimal("209.9028")),
        (Decimal("215.9"), Decimal("279.4")),
    ]
    assert post.pdf_page_sizes(bytearray(make_pdf(A4_POINTS))) == sizes[:1]


def test_a_pdf_is_a_document() -> None:
    three = make_pdf(A4_POINTS, A4_POINTS, (842, 595))
    assert quote([three]).sheets == 3
    assert quote([three], duplex=True).sheets == 2
    assert quote([{"pdf": bytearray(three), "name": "letter"}, a4(1)]).sheets == 4
    assert quote([a4(1)], background=make_pdf(A4_POINTS)).sheets == 1


def test_a_pdf_page_that_is_not_a4_names_the_document() -> None:
    error = refused(lambda: quote([a4(1), {"pdf": make_pdf(A4_POINTS, LETTER_POINTS), "name": "scan"}]))
    assert error.code == "post.not_a4"
    assert (error.document, error.document_name, error.page, error.size) == (
        1,
        "scan",
        2,
        (Decimal("215.9"), Decimal("279.4")),
    )


def test_a_corrupt_pdf_names_the_document() -> None:
    error = refused(lambda: quote([a4(1), b"%PDF-1.7 garbage"]))
    assert error.code == "post.pdf_corrupt"
    assert (error.document, error.document_name) == (1, None)
    assert error.reason is not None and "invalid file header" in error.reason
    assert str(error).startswith("documents[1]: pdf: the file is not a readable PDF")
    no_pages = refused(lambda: quote([{"pdf": make_pdf(), "name": "empty"}]))
    assert (no_pages.code, no_pages.document, no_pages.document_name) == ("post.pdf_no_pages", 0, "empty")
    assert str(no_pages) == "documents[0] (empty): pdf: the file has no pages"
    assert refused(lambda: post.pdf_page_sizes(b"garbage")).code == "post.pdf_corrupt"
    with pytest.raises(TypeError, match="data: expected the bytes of a PDF"):
        post.pdf_page_sizes("letter.pdf")  # type: ignore[arg-type]


# ---- Postage rules --------------------------------------------------------------------------------


def test_registered_goes_to_belgian_addresses_only() -> None:
    error = refused(lambda: quote(postage="registered", return_address=["Envoi SA"], address=AMSTERDAM))
    assert (error.code, error.country) == ("post.registered_national_only", "NL")


def test_registered_needs_a_return_address() -> None:
    assert refused(lambda: quote(postage="registered")).code == "post.return_address_required"
    blank = refused(lambda: quote(postage="registered", return_address=["  "]))
    assert blank.code == "post.return_address_required"


def test_rp_is_not_available() -> None:
    error = refused(lambda: quote(postage="rp"))
    assert error.code == "post.rp_not_available"
    assert "administrations" in str(error)


def test_other_postage_rules() -> None:
    error = refused(lambda: quote(acknowledgement=True))
    assert (error.code, error.postage) == ("post.acknowledgement_registered_only", "prior")
    error = refused(lambda: quote(postage="non_prior", address=AMSTERDAM))
    assert (error.code, error.country) == ("post.non_prior_national_only", "NL")
    assert refused(lambda: quote(postage="prior_international")).code == "post.prior_international_abroad_only"
    assert refused(lambda: quote(address=["", " "])).code == "post.empty_address"
    error = refused(lambda: quote(address=["Jane Doe", "NEW YORK NY 10001", "ETATS-UNIS"]))
    assert (error.code, error.country, error.verified_on) == ("post.no_delivery_data", "US", date(2026, 11, 30))


# ---- The country line -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # French, Dutch, German, English
        ("PAYS-BAS", "NL"),
        ("NEDERLAND", "NL"),
        ("NIEDERLANDE", "NL"),
        ("NETHERLANDS", "NL"),
        ("ALLEMAGNE", "DE"),
        ("DUITSLAND", "DE"),
        ("DEUTSCHLAND", "DE"),
        ("GERMANY", "DE"),
        ("ROYAUME-UNI", "GB"),
        ("VERENIGD KONINKRIJK", "GB"),
        ("VEREINIGTES KÖNIGREICH", "GB"),
        ("UNITED KINGDOM", "GB"),
        ("SUISSE", "CH"),
        ("ZWITSERLAND", "CH"),
        ("SCHWEIZ", "CH"),
        ("SWITZERLAND", "CH"),
        ("CÔTE D'IVOIRE", "CI"),
        ("IVOORKUST", "CI"),
        ("ELFENBEINKÜSTE", "CI"),
        ("IVORY COAST", "CI"),
        # with and without accents, spaces for hyphens, aliases
        ("ÉTATS-UNIS", "US"),
        ("ETATS UNIS", "US"),
        ("VERENIGDE STATEN", "US"),
        ("VEREINIGTE STAATEN", "US"),
        ("USA", "US"),
        ("THE NETHERLANDS", "NL"),
        ("GROSSBRITANNIEN", "GB"),
        ("GROßBRITANNIEN", "GB"),
        ("BELGIQUE", "BE"),
        ("BELGIË", "BE"),
        ("BELGIEN", "BE"),
        ("BELGIUM", "BE"),
    ],
)
def test_country_names_in_four_languages(name: str, code: str) -> None:
    assert post.country(name) == code
    assert post.destination(["Someone", "Somewhere 1", name]).country == code


def test_country_names_by_code() -> None:
    assert [post.country_name("NL", language) for language in ("fr", "nl", "de", "en")] == [
        "Pays-Bas",
        "Nederland",
        "Niederlande",
        "Netherlands",
    ]
    assert post.country_name("nl") == "Netherlands"
    with pytest.raises(ValueError, match="not an ISO 3166-1 alpha-2 code"):
        post.country_name("NLD")
    with pytest.raises(envoi.LanguageError):
        post.country_name("NL", "es")


def test_country_not_in_capitals_proposes_the_capitalised_form() -> None:
    error = refused(lambda: quote(address=["Jan de Vries", "1015 CJ AMSTERDAM", "Pays-Bas"]))
    assert error.code == "post.country_not_in_capitals"
    assert (error.line, error.value, error.proposed) == (2, "Pays-Bas", "PAYS-BAS")
    error = refused(lambda: post.country("Nederland"))
    assert (error.line, error.proposed) == (None, "NEDERLAND")


def test_unknown_country_has_suggestions() -> None:
    error = refused(lambda: quote(address=["Jan de Vries", "NEDERLNAD"]))
    assert error.code == "post.unknown_country"
    assert (error.line, error.value, error.suggestions) == (1, "NEDERLNAD", [("NL", "NEDERLAND")])
    assert "did you mean NEDERLAND (NL)?" in str(error)
    nothing_near = refused(lambda: post.country("ATLANTIS"))
    assert (nothing_near.code, nothing_near.suggestions) == ("post.unknown_country", [])
    assert refused(lambda: post.country("BRUXELLES")).code == "post.unknown_country"


def test_ambiguous_country_lists_the_candidates() -> None:
    error = refused(lambda: quote(address=["Someone", "CONGO"]))
    assert error.code == "post.ambiguous_country"
    assert error.line == 1
    assert error.candidates is not None
    assert [code for code, _ in error.candidates] == ["CD", "CG"]
    korea = refused(lambda: post.country("KOREA"))
    assert korea.candidates == [("KP", "NORTH KOREA"), ("KR", "SOUTH KOREA")]


def test_a_locality_abroad_without_its_country() -> None:
    error = refused(lambda: post.destination(["Jean Dupont", "F-75001 PARIS"]))
    assert (error.code, error.line, error.value, error.prefix) == ("post.country_line_missing", 1, "F-75001 PARIS", "F")


# ---- Dates ----------------------------------------------------------------------------------------


def brussels(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS)


def test_before_noon_is_handed_over_the_same_day() -> None:
    assert quote(submitted_at=brussels(2026, 3, 10, 11, 59, 59)).handover_date == date(2026, 3, 10)


def test_noon_exactly_is_afternoon() -> None:
    q = quote(submitted_at=brussels(2026, 3, 10, 12, 0, 0))
    assert (q.handover_date, q.delivery_date) == (date(2026, 3, 11), date(2026, 3, 12))
    assert post.CUT_OFF_HOUR == 12


def test_noon_is_judged_in_brussels_whatever_the_offset() -> None:
    noon = [
        brussels(2026, 3, 10, 12, 0),
        datetime(2026, 3, 10, 11, 0, tzinfo=timezone.utc),
        datetime(2026, 3, 10, 6, 0, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 3, 10, 7, 0, tzinfo=ZoneInfo("America/New_York")),  # EDT since 8 March
    ]
    assert {quote(submitted_at=at).handover_date for at in noon} == {date(2026, 3, 11)}
    before = datetime(2026, 3, 10, 10, 59, 59, tzinfo=timezone.utc)
    assert quote(submitted_at=before).handover_date == date(2026, 3, 10)


def test_friday_afternoon_is_handed_over_on_monday() -> None:
    q = quote(submitted_at=brussels(2026, 3, 13, 14, 0))
    assert (q.submitted_on, q.handover_date, q.delivery_date) == (
        date(2026, 3, 13),
        date(2026, 3, 16),
        date(2026, 3, 17),
    )
    assert quote(submitted_at=brussels(2026, 3, 13, 14, 0), postage="non_prior").delivery_date == date(2026, 3, 19)
    weekend = quote(submitted_at=brussels(2026, 3, 14, 9, 0))
    assert weekend.handover_date == date(2026, 3, 16)


def test_the_day_before_a_holiday() -> None:
    # Friday 3 April 2026 afternoon: Monday 6 April is Easter Monday.
    q = quote(submitted_at=brussels(2026, 4, 3, 15, 0))
    assert (q.handover_date, q.delivery_date) == (date(2026, 4, 7), date(2026, 4, 8))
    # Thursday morning: handed over that day, delivered after the weekend and Easter Monday with non-prior.
    thursday = quote(submitted_at=brussels(2026, 4, 2, 9, 0), postage="non_prior")
    assert (thursday.handover_date, thursday.delivery_date) == (date(2026, 4, 2), date(2026, 4, 8))


def test_closed_days_for_production_and_for_delivery() -> None:
    closed = quote(production_closed_days=[date(2026, 3, 10)])
    assert (closed.handover_date, closed.delivery_date) == (date(2026, 3, 11), date(2026, 3, 12))
    post_closed = quote(delivery_closed_days=[date(2026, 3, 11)])
    assert (post_closed.handover_date, post_closed.delivery_date) == (date(2026, 3, 10), date(2026, 3, 12))
    both = quote(production_closed_days=(date(2026, 3, 10),), delivery_closed_days={date(2026, 3, 12)})
    assert (both.handover_date, both.delivery_date) == (date(2026, 3, 11), date(2026, 3, 13))
    abroad = quote(address=AMSTERDAM, delivery_closed_days=[date(2026, 3, 13)])
    assert abroad.delivery_range is not None and abroad.delivery_range.earliest == date(2026, 3, 16)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(envoi.TimeError) as info:
        quote(submitted_at=datetime(2026, 3, 10, 9, 0))
    assert info.value.code == "time.not_zone_aware"
    assert "submitted_at" in str(info.value)
    with pytest.raises(TypeError, match="submitted_at: expected an aware datetime.datetime, not date"):
        quote(submitted_at=date(2026, 3, 10))


# ---- Post data ------------------------------------------------------------------------------------


def test_post_data() -> None:
    data = post.PostData.builtin()
    assert data.verified_on == date(2026, 11, 30)
    assert data.envelope_grams("c4") == Decimal("16")
    assert data.international_delivery("de") == (3, 5)
    assert "NL" in data.countries_with_delivery_data()
    error = refused(lambda: data.international_delivery("US"))
    assert (error.code, error.country) == ("post.no_delivery_data", "US")
    assert post.PostData.from_json(post.PostData.builtin_json()) == data


def test_a_hosts_post_data() -> None:
    heavier = post.PostData.from_json(post.PostData.builtin_json().replace('"grams": "16"', '"grams": "20"', 1))
    assert heavier.envelope_grams("c4") == Decimal("20")
    assert quote([a4(9)], data=heavier).weight_grams == quote([a4(9)]).weight_grams + 4
    error = refused(
        lambda: post.PostData.from_json(post.PostData.builtin_json().replace('"grams": "5"', '"grams": "0"', 1))
    )
    assert (error.code, error.field) == ("post.invalid_data", "envelopes[0].grams")
    assert refused(lambda: post.PostData.from_json("{")).code == "post.invalid_data"


# ---- Jobs -----------------------------------------------------------------------------------------


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute, tzinfo=timezone.utc)


RECIPIENTS = [
    ["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"],
    ["Jan de Vries", "1015 CJ AMSTERDAM", "PAYS-BAS"],
    ["Marie Janssens", "9000 GENT"],
]


def test_quote_job_reports_each_refused_recipient() -> None:
    report = post.quote_job(
        [a4(2)], recipients=RECIPIENTS, submitted_at=AT, postage="non_prior", policy="report_and_continue"
    )
    assert report.recipients == 3
    assert [(q.row, q.quote.country) for q in report.quotes] == [(0, "BE"), (2, "BE")]
    [failure] = report.failures
    assert (failure.row, failure.code) == (1, "post.non_prior_national_only")
    assert isinstance(failure.error, envoi.PostError) and failure.error.country == "NL"
    assert failure.message.startswith("postage: non_prior (preferential) postage is for Belgian addresses only")
    assert repr(failure) == "RecipientFailure(row=1, code='post.non_prior_national_only')"
    copy = pickle.loads(pickle.dumps(failure))
    assert (copy.row, copy.code, copy.error.country) == (1, "post.non_prior_national_only", "NL")
    assert repr(report) == "<JobReport recipients=3 quotes=2 failures=1>"


def test_quote_job_mixes_national_and_international() -> None:
    report = post.quote_job([a4(2)], recipients=RECIPIENTS, submitted_at=AT, postage="prior", policy="refuse_job")
    assert [q.quote.postage for q in report.quotes] == ["prior", "prior_international", "prior"]
    assert report.failures == []
    assert report == post.quote_job(
        (a4(2),), recipients=iter(RECIPIENTS), submitted_at=AT, postage="prior", policy="refuse_job"
    )


def test_quote_job_can_refuse_the_whole_job() -> None:
    error = refused(
        lambda: post.quote_job(
            [a4(2)], recipients=RECIPIENTS, submitted_at=AT, postage="non_prior", policy="refuse_job"
        )
    )
    assert (error.code, error.recipients) == ("post.job_refused", 3)
    assert error.failures is not None
    assert [(failure.row, failure.code) for failure in error.failures] == [(1, "post.non_prior_national_only")]
    assert "1 of 3 recipients break a rule; first: recipients[1]" in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, copy.recipients, copy.failures[0].row) == ("post.job_refused", 3, 1)


def test_quote_job_letter_errors_and_arguments() -> None:
    error = refused(
        lambda: post.quote_job(
            [a4(30)], recipients=RECIPIENTS, submitted_at=AT, postage="prior", policy="report_and_continue"
        )
    )
    assert (error.code, error.over) == ("post.too_many_sheets", 5)
    error = refused(
        lambda: post.quote_job([a4(1)], recipients=[], submitted_at=AT, postage="prior", policy="refuse_job")
    )
    assert error.code == "post.no_recipients"
    none_left = refused(
        lambda: post.quote_job(
            [a4(1)], recipients=[RECIPIENTS[1]], submitted_at=AT, postage="non_prior", policy="report_and_continue"
        )
    )
    assert none_left.code == "post.job_refused"
    with pytest.raises(ValueError, match='policy: unknown value "report"'):
        post.quote_job([a4(1)], recipients=RECIPIENTS, submitted_at=AT, postage="prior", policy="report")
    with pytest.raises(TypeError, match=r"recipients\[0\]: expected a list of address lines"):
        post.quote_job([a4(1)], recipients=["9000 GENT"], submitted_at=AT, postage="prior", policy="refuse_job")


def new_job(**options: Any) -> post.Job:
    arguments: dict[str, Any] = {"recipients": RECIPIENTS, "created_at": at(8), "postage": "prior"}
    arguments.update(options)
    return post.Job(12, 345, 7, [a4(1)], **arguments)


def test_job_goes_from_draft_to_handed_over() -> None:
    job = new_job()
    assert (job.account, job.id, job.sender, job.approval_required) == (12, 345, 7, False)
    assert (job.state, job.next_states) == ("draft", ["awaiting_approval", "submitted", "cancelled"])
    assert job.created_at == datetime(2026, 3, 10, 9, 0, tzinfo=BRUSSELS)
    assert job.recipients == RECIPIENTS
    assert job.submitted_at is None and job.handed_over_on is None and not job.billable
    report = job.submit(at(9), policy="refuse_job")
    assert len(report.quotes) == 3 and job.state == "submitted"
    assert job.submitted_at == at(9)
    job.start_processing(at(10))
    assert job.billable
    error = refused(lambda: job.cancel(at(10, 1), by=7))
    assert (error.code, error.from_, error.to) == ("post.illegal_transition", "processing", "cancelled")
    assert error.rule is not None and "can no longer be cancelled" in error.rule
    assert job.state == "processing"  # nothing changed
    job.hand_over(at(15))
    assert (job.state, job.next_states, job.handed_over_on) == ("handed_over", [], date(2026, 3, 10))
    assert [(t.from_, t.to, t.by) for t in job.history] == [
        ("draft", "submitted", None),
        ("submitted", "processing", None),
        ("processing", "handed_over", None),
    ]
    assert job.history[0].at == at(9) and job.history[0].at.tzinfo == BRUSSELS
    assert "Transition(from_='draft', to='submitted'" in repr(job.history[0])
    assert repr(job) == "<Job account=12 id=345 sender=7 state='handed_over' recipients=3>"


def test_job_cancel_before_processing_is_free() -> None:
    job = new_job()
    job.submit(at(9), policy="report_and_continue")
    job.cancel(at(9, 30), by=7)
    assert (job.state, job.billable) == ("cancelled", False)
    assert job.history[-1].by == 7
    error = refused(lambda: job.submit(at(10), policy="refuse_job"))
    assert (error.code, error.from_, error.to) == ("post.illegal_transition", "cancelled", "submitted")


def test_job_never_goes_back_in_time() -> None:
    job = new_job()
    error = refused(lambda: job.cancel(at(7)))
    assert error.code == "post.time_regression"
    assert (error.at, error.last) == (at(7), at(8))
    assert isinstance(error.at, datetime) and error.at.tzinfo == BRUSSELS


def test_job_refused_on_submit_changes_nothing() -> None:
    job = new_job(postage="non_prior")
    error = refused(lambda: job.submit(at(9), policy="refuse_job"))
    assert error.code == "post.job_refused"
    assert job.state == "draft" and job.history == []
    report = job.submit(at(9), policy="report_and_continue", delivery_closed_days=[date(2026, 3, 13)])
    assert [failure.row for failure in report.failures] == [1]
    assert report.quotes[0].quote.delivery_date == date(2026, 3, 16)


def test_job_that_needs_approval() -> None:
    job = new_job(approval_required=True)
    assert job.approval_required
    error = refused(lambda: job.submit(at(9), policy="refuse_job"))
    assert (error.code, error.from_) == ("post.approval_required", "draft")
    error = refused(lambda: job.approve(9, at(9)))
    assert (error.code, error.from_, error.to) == ("post.illegal_transition", "draft", "approved")
    # The approval request: a signed link for the approver, checked when it comes back.
    ring = envoi.tracking.KeyRing({1: b"an approval key of at least 32 bytes"}, 1)
    error = refused(lambda: job.request_approval(7, ring, "https://app.example/approve/", now=at(8, 30)))
    assert (error.code, error.approver) == ("post.self_approval", 7)
    error = refused(lambda: job.request_approval(9, ring, "approve/", now=at(8, 30)))
    assert error.code == "post.invalid_link_base"
    link = job.request_approval(9, ring, "https://app.example/approve/", now=at(8, 30), expires=timedelta(days=7))
    assert isinstance(link, post.ApprovalLink)
    assert link.url == "https://app.example/approve/" + link.token
    assert (link.approver, link.expires_at) == (9, at(8, 30) + timedelta(days=7))
    assert (job.state, job.next_states) == ("awaiting_approval", ["approved", "rejected", "cancelled"])
    assert job.approver == 9
    assert job.verify_approval_link(ring, link.token, now=at(9)) == 9
    with pytest.raises(envoi.TokenError) as expired:
        job.verify_approval_link(ring, link.token, now=at(8, 30) + timedelta(days=7))
    assert expired.value.code == "token.expired"
    assert expired.value.expires_at == at(8, 30) + timedelta(days=7)  # the key ring's fields
    with pytest.raises(envoi.TokenError) as forged:
        job.verify_approval_link(ring, link.token[:-1] + ("A" if link.token[-1] != "A" else "B"), now=at(9))
    assert forged.value.code in {"token.bad_tag", "token.bad_base64"}
    other = post.Job(12, 346, 7, [a4(1)], recipients=RECIPIENTS, created_at=at(8), postage="prior")
    error = refused(lambda: other.verify_approval_link(ring, link.token, now=at(9)))
    assert (error.code, error.link_job, error.job) == ("post.approval_link_mismatch", 345, 346)
    # A valid approval token that names no account (not made by request_approval).
    no_account = ring.issue("approval", {"message": 345, "recipient": 9}, now=at(8, 30))
    error = refused(lambda: job.verify_approval_link(ring, no_account, now=at(9)))
    assert (error.code, error.missing) == ("post.approval_link_without_job", "account")
    no_job = ring.issue("approval", {"recipient": 9}, now=at(8, 30))
    error = refused(lambda: job.verify_approval_link(ring, no_job, now=at(9)))
    assert (error.code, error.missing) == ("post.approval_link_without_job", "account and message")
    no_approver = ring.issue("approval", {"account": 12, "message": 345}, now=at(8, 30))
    assert refused(lambda: job.verify_approval_link(ring, no_approver, now=at(9))).code == (
        "post.approval_link_without_approver"
    )
    # A job stored awaiting approval (by the host, or another binding) is approved or rejected.
    stored = json.loads(job.to_json())
    waiting = post.Job.from_json(json.dumps(stored))
    assert waiting.next_states == ["approved", "rejected", "cancelled"]
    assert waiting.approver == 9
    error = refused(lambda: waiting.approve(7, at(9)))
    assert (error.code, error.approver) == ("post.self_approval", 7)
    # Only the approver asked may decide.
    for decide in (waiting.approve, waiting.reject):
        error = refused(lambda: decide(10, at(9)))
        assert (error.code, error.approver, error.given) == ("post.wrong_approver", 9, 10)
        assert str(error) == (
            "approver: user 10 is not the approver asked for this job (user 9); only they may approve or reject it"
        )
    assert waiting.state == "awaiting_approval"
    waiting.approve(9, at(9))
    assert (waiting.state, waiting.history[-1].by) == ("approved", 9)
    waiting.submit(at(9, 5), policy="refuse_job")
    assert waiting.state == "submitted"
    rejected = post.Job.from_json(json.dumps(stored))
    rejected.reject(9, at(9))
    assert (rejected.state, rejected.next_states) == ("rejected", [])


def test_job_is_plain_data() -> None:
    job = new_job(color=True, duplex=True, return_address=["Envoi SA"], envelope="c4")
    job.submit(at(9), policy="refuse_job")
    copy = pickle.loads(pickle.dumps(job))
    assert copy.to_json() == job.to_json()
    assert (copy.state, copy.history[0].at) == ("submitted", at(9))
    letter = json.loads(job.to_json())["letter"]
    assert (letter["color"], letter["duplex"], letter["envelope"]) == (True, True, "c4")
    assert job.sent_rows == [0, 1, 2] and copy.sent_rows == [0, 1, 2]
    assert (job.approver, job.registered_letters) == (None, [])
    error = refused(lambda: post.Job.from_json('{"account": 1}'))
    assert (error.code, error.field) == ("post.invalid_job", "json")
    assert error.rule is not None and "missing field" in error.rule


def test_a_tampered_job_is_refused() -> None:
    """Job.from_json is the core's: a stored job cannot skip its rules."""
    job = new_job(approval_required=True)
    text = job.to_json()
    # Submitted without the approval its account requires.
    forged = json.loads(text)
    forged["state"] = "submitted"
    forged["history"] = [{"from": "draft", "to": "submitted", "at": "2026-03-10T09:00:00Z", "by": None}]
    forged["sent_rows"] = [0]
    error = refused(lambda: post.Job.from_json(json.dumps(forged)))
    assert (error.code, error.field, error.value) == ("post.invalid_job", "history[0].to", "submitted")
    assert error.rule is not None and "requires approval" in error.rule
    # A state the history does not lead to.
    forged = json.loads(text)
    forged["state"] = "handed_over"
    error = refused(lambda: post.Job.from_json(json.dumps(forged)))
    assert (error.code, error.field, error.value) == ("post.invalid_job", "state", "handed_over")
    # An approver set although approval was never asked; the sender as approver.
    forged = json.loads(text)
    forged["approver"] = 9
    error = refused(lambda: post.Job.from_json(json.dumps(forged)))
    assert (error.code, error.field, error.value) == ("post.invalid_job", "approver", "9")
    forged["approver"] = 7
    assert refused(lambda: post.Job.from_json(json.dumps(forged))).code == "post.self_approval"
    # Barcodes on a job that is not registered.
    forged = json.loads(text)
    forged["registered_letters"] = [{"row": 0, "barcode": "RR000000014BE"}]
    error = refused(lambda: post.Job.from_json(json.dumps(forged)))
    assert (error.code, error.field) == ("post.invalid_job", "registered_letters")
    assert post.Job.from_json(text).to_json() == text


def test_job_arguments() -> None:
    assert refused(lambda: new_job(recipients=[])).code == "post.no_recipients"
    with pytest.raises(ValueError, match="account: -1 is out of range"):
        post.Job(-1, 345, 7, [a4(1)], recipients=RECIPIENTS, created_at=at(8), postage="prior")
    with pytest.raises(TypeError, match="id: expected an int, not str"):
        post.Job(12, "345", 7, [a4(1)], recipients=RECIPIENTS, created_at=at(8), postage="prior")  # type: ignore[arg-type]
    with pytest.raises(envoi.TimeError):
        new_job(created_at=datetime(2026, 3, 10, 8, 0))
    pdf_job = post.Job(1, 2, 3, [make_pdf(A4_POINTS, A4_POINTS)], recipients=[GHENT], created_at=at(8), postage="prior")
    assert pdf_job.submit(at(9), policy="refuse_job").quotes[0].quote.sheets == 2
    error = refused(lambda: post.Job(1, 2, 3, [b"garbage"], recipients=[GHENT], created_at=at(8), postage="prior"))
    assert (error.code, error.document) == ("post.pdf_corrupt", 0)


# ---- Registered mail ------------------------------------------------------------------------------

NATIONAL = "010541288500452621221234567890"  # bpost's FAQ example


def test_barcodes_are_checked_text() -> None:
    assert post.parse_barcode("RR 123 456 785 BE") == "RR123456785BE"
    assert post.parse_barcode(NATIONAL) == NATIONAL
    assert (post.barcode_format("RR123456785BE"), post.barcode_format(NATIONAL)) == ("s10", "bpost_national")
    assert post.BARCODE_FORMATS == ("s10", "bpost_national")
    assert post.s10_barcode("RR", 12345678, "BE") == "RR123456785BE"
    assert post.s10_barcode("RR", 16, "BE") == "RR000000164BE"
    error = refused(lambda: post.parse_barcode("RR123456789BE"))
    assert (error.code, error.value, error.serial, error.expected, error.found) == (
        "post.barcode_check_digit_mismatch",
        "RR123456789BE",
        "12345678",
        5,
        9,
    )
    assert str(error) == (
        'barcode: "RR123456789BE" has check digit 9; the UPU S10 check digit of serial 12345678 is 5'
    )
    for text in ("rr123456785be", "CE123456785BE", "0105412885"):
        error = refused(lambda: post.parse_barcode(text))
        assert (error.code, error.field, error.value) == ("post.invalid_barcode", "barcode", text)
        assert error.rule
    error = refused(lambda: post.s10_barcode("RR", 100_000_000, "BE"))
    assert (error.code, error.field, error.value) == ("post.invalid_barcode", "serial", "100000000")
    assert refused(lambda: post.s10_barcode("CE", 1, "BE")).field == "service"
    with pytest.raises(TypeError, match="barcode: expected a str"):
        post.parse_barcode(123456785)  # type: ignore[arg-type]


def test_s10_barcode_range() -> None:
    barcodes = post.BarcodeRange.s10("RR", 1, 3, "BE")
    assert (barcodes.format, barcodes.prefix, barcodes.suffix) == ("s10", "RR", "BE")
    assert (barcodes.first, barcodes.last, barcodes.next, barcodes.remaining) == (1, 3, 1, 3)
    assert barcodes.next_barcode() == "RR000000014BE"
    copy = pickle.loads(pickle.dumps(barcodes))
    assert barcodes.take(2) == ["RR000000028BE", "RR000000031BE"]
    assert (barcodes.remaining, barcodes.next, barcodes.take(0)) == (0, None, [])
    error = refused(barcodes.next_barcode)
    assert (error.code, error.first, error.last, error.requested, error.remaining) == (
        "post.barcode_range_exhausted",
        "RR000000014BE",
        "RR000000031BE",
        1,
        0,
    )
    assert copy.remaining == 2
    error = refused(lambda: copy.take(3))
    assert (error.code, error.requested, error.remaining) == ("post.barcode_range_exhausted", 3, 2)
    assert copy.remaining == 2  # all or none
    assert repr(copy) == (
        'BarcodeRange.from_json(\'{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":3,"next":2}\')'
    )
    assert post.BarcodeRange.from_json(barcodes.to_json()).remaining == 0
    with pytest.raises(ValueError, match="count: -1 is negative"):
        copy.take(-1)
    assert post.BarcodeRange.s10("RR", 0, 99_999_999, "BE").remaining == 100_000_000


def test_bpost_national_barcode_range() -> None:
    barcodes = post.BarcodeRange.bpost_national("0105412885004526", 1, 9_999)
    assert (barcodes.format, barcodes.prefix, barcodes.suffix) == ("bpost_national", "0105412885004526", "")
    assert barcodes.next_barcode() == "010541288500452600000000000001"
    with_suffix = post.BarcodeRange.bpost_national("010", 7, 7, suffix="99")
    assert with_suffix.take(1) == ["010" + "7".zfill(25) + "99"]
    assert all(post.barcode_format(code) == "bpost_national" for code in barcodes.take(3))


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (lambda: post.BarcodeRange.s10("RR", 11, 10, "BE"), "first", "11"),
        (lambda: post.BarcodeRange.s10("CE", 1, 10, "BE"), "prefix", "CE"),
        (lambda: post.BarcodeRange.s10("RR", 1, 10, "XX"), "suffix", "XX"),
        (lambda: post.BarcodeRange.s10("RR", 1, 100_000_000, "BE"), "last", "100000000"),
        (lambda: post.BarcodeRange.bpost_national("020", 1, 10), "prefix", "020"),
        (lambda: post.BarcodeRange.bpost_national("010", 1, 10, "A"), "suffix", "A"),
        (lambda: post.BarcodeRange.bpost_national("010" + "0" * 26, 1, 10), "last", "10"),
        (lambda: post.BarcodeRange.bpost_national("010" + "0" * 27, 1, 1), "prefix", "010" + "0" * 27),
        (lambda: post.BarcodeRange.from_json("{"), "json", "line 1 column 1"),
    ],
)
def test_invalid_barcode_ranges(make: Callable[[], object], field: str, value: str) -> None:
    error = refused(make)
    assert (error.code, error.field, error.value) == ("post.invalid_barcode_range", field, value)
    assert error.rule


def test_a_stored_range_whose_next_is_outside_it() -> None:
    stored = '{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":12}'
    error = refused(lambda: post.BarcodeRange.from_json(stored))
    assert (error.code, error.next, error.first, error.last) == ("post.barcode_next_outside_range", 12, 10, 11)


def test_barcodes_are_handed_out_once_across_threads() -> None:
    barcodes = post.BarcodeRange.s10("RR", 1, 4000, "BE")
    with ThreadPoolExecutor(max_workers=4) as pool:
        taken = list(pool.map(lambda _: barcodes.take(10), range(400)))
    handed_out = [barcode for batch in taken for barcode in batch]
    assert sorted(handed_out) == [post.s10_barcode("RR", serial, "BE") for serial in range(1, 4001)]
    assert barcodes.remaining == 0


def registered_job(**options: Any) -> post.Job:
    """A registered job to Brussels, Amsterdam (refused at submission: registered is national) and
    Ghent, submitted and processing."""
    arguments: dict[str, Any] = {"postage": "registered", "return_address": ["Envoi SA", "1000 BRUXELLES"]}
    arguments.update(options)
    job = new_job(**arguments)
    report = job.submit(at(9), policy="report_and_continue")
    assert [failure.code for failure in report.failures] == ["post.registered_national_only"]
    assert job.sent_rows == [0, 2]
    assert refused(lambda: job.assign_barcodes(post.BarcodeRange.s10("RR", 1, 9, "BE"))).code == (
        "post.wrong_job_state"
    )
    job.start_processing(at(10))
    return job


def test_registered_job_with_s10_barcodes() -> None:
    job = registered_job(acknowledgement=True)
    error = refused(job.registered_summaries)
    assert (error.code, error.action, error.state, error.needed) == (
        "post.wrong_job_state",
        "registered_summaries",
        "processing",
        "handed_over",
    )
    error = refused(lambda: job.hand_over(at(15)))
    assert (error.code, error.letters) == ("post.barcodes_not_assigned", 2)
    assert job.state == "processing"
    # Too few barcodes left: nothing is used.
    short = post.BarcodeRange.s10("RR", 1, 1, "BE")
    error = refused(lambda: job.assign_barcodes(short))
    assert (error.code, error.requested, error.remaining) == ("post.barcode_range_exhausted", 2, 1)
    assert (short.remaining, job.registered_letters) == (1, [])
    barcodes = post.BarcodeRange.s10("RR", 1, 500, "BE")
    letters = job.assign_barcodes(barcodes)
    assert letters == [post.RegisteredLetter(0, "RR000000014BE"), post.RegisteredLetter(2, "RR000000028BE")]
    assert [(letter.row, letter.barcode) for letter in letters] == [(0, "RR000000014BE"), (2, "RR000000028BE")]
    assert repr(letters[0]) == "RegisteredLetter(row=0, barcode='RR000000014BE')"
    assert pickle.loads(pickle.dumps(letters[1])) == letters[1] and len({*letters, *letters}) == 2
    assert job.assign_barcodes(barcodes) == letters  # idempotent: nothing more used
    assert (barcodes.remaining, job.registered_letters) == (498, letters)
    stored = post.Job.from_json(job.to_json())
    assert stored.registered_letters == letters
    job.hand_over(at(15))
    summaries = job.registered_summaries()
    assert [(s.barcode, s.recipient) for s in summaries] == [
        ("RR000000014BE", RECIPIENTS[0]),
        ("RR000000028BE", RECIPIENTS[2]),
    ]
    assert all(s.acknowledgement and s.handed_over_on == date(2026, 3, 10) for s in summaries)
    assert summaries[0].submitted_at == at(9)
    assert "Numéro du recommandé : RR000000014BE" in summaries[0].to_text("fr")
    assert job.assign_barcodes(post.BarcodeRange.s10("RR", 1, 9, "BE")) == letters  # still the same


def test_registered_job_with_bpost_national_barcodes() -> None:
    job = registered_job()
    barcodes = post.BarcodeRange.bpost_national("0105412885004526", 1, 9_999)
    letters = job.assign_barcodes(barcodes)
    assert [letter.barcode for letter in letters] == [
        "010541288500452600000000000001",
        "010541288500452600000000000002",
    ]
    job.hand_over(at(15))
    assert [s.barcode for s in job.registered_summaries()] == [letter.barcode for letter in letters]


def test_barcodes_only_for_registered_jobs() -> None:
    job = new_job()
    job.submit(at(9), policy="refuse_job")
    job.start_processing(at(10))
    error = refused(lambda: job.assign_barcodes(post.BarcodeRange.s10("RR", 1, 9, "BE")))
    assert (error.code, error.postage) == ("post.not_registered", "prior")
    assert refused(job.registered_summaries).code == "post.not_registered"
    job.hand_over(at(15))  # a prior job needs no barcode


def test_registered_summary() -> None:
    summary = post.RegisteredSummary(
        "RR000000014BE", ["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"], AT, date(2026, 3, 10), acknowledgement=True
    )
    assert (summary.barcode, summary.acknowledgement) == ("RR000000014BE", True)
    assert (summary.submitted_at, summary.submitted_on, summary.handed_over_on) == (
        AT,
        date(2026, 3, 10),
        date(2026, 3, 10),
    )
    assert summary.kept_until == date(2026, 5, 9)
    assert summary.deposit_receipt_kept_until == date(2029, 3, 10)
    assert summary.claim_deadline == date(2027, 3, 10)
    assert post.RegisteredSummary.from_json(summary.to_json()) == summary
    assert json.loads(summary.to_json())["barcode"] == "RR000000014BE"
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert post.RegisteredSummary(NATIONAL, ["9000 GENT"], AT, date(2026, 3, 10)).barcode == NATIONAL


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "fr",
            [
                "Envoi recommandé : récapitulatif",
                "Numéro du recommandé : RR000000014BE",
                "Réclamation possible jusqu'au : 10/03/2027",
            ],
        ),
        ("nl", ["Aangetekende zending: overzicht", "Ontvangstbewijs: ja", "Klacht mogelijk tot: 10/03/2027"]),
        ("de", ["Einschreiben: Übersicht", "Rückschein: ja", "Nachforschungsantrag möglich bis: 10.03.2027"]),
        (
            "en",
            ["Registered letter: summary", "Date handed to the post: 2026-03-10", "Claims possible until: 2027-03-10"],
        ),
    ],
)
def test_registered_summary_text(language: str, lines: list[str]) -> None:
    summary = post.RegisteredSummary("RR000000014BE", ["Jean Dupont", "1000 BRUXELLES"], AT, date(2026, 3, 10), True)
    text = summary.to_text(language)
    assert all(line in text.splitlines() for line in lines), text
    assert "  1000 BRUXELLES" in text.splitlines()


def test_registered_summary_errors() -> None:
    barcode = "RR000000014BE"
    error = refused(lambda: post.RegisteredSummary(barcode, ["9000 GENT"], AT, date(2026, 3, 9)))
    assert error.code == "post.handover_before_submission"
    assert (error.submitted_on, error.handed_over_on) == (date(2026, 3, 10), date(2026, 3, 9))
    assert refused(lambda: post.RegisteredSummary(barcode, [" "], AT, date(2026, 3, 10))).code == "post.empty_address"
    error = refused(lambda: post.RegisteredSummary("RR000000015BE", ["9000 GENT"], AT, date(2026, 3, 10)))
    assert (error.code, error.expected, error.found) == ("post.barcode_check_digit_mismatch", 4, 5)
    with pytest.raises(TypeError, match="barcode: expected a str"):
        post.RegisteredSummary(1, ["9000 GENT"], AT, date(2026, 3, 10))  # type: ignore[arg-type]
    summary = post.RegisteredSummary(barcode, ["9000 GENT"], AT, date(2026, 3, 10))
    with pytest.raises(envoi.LanguageError):
        summary.to_text("es")
    with pytest.raises(TypeError, match="expected a datetime.date, got the datetime"):
        post.RegisteredSummary(barcode, ["9000 GENT"], AT, AT)
    with pytest.raises(ValueError, match="not a RegisteredSummary JSON"):
        post.RegisteredSummary.from_json(summary.to_json().replace(barcode, "RR000000015BE"))


# ---- Retention ------------------------------------------------------------------------------------


def test_retention_deadlines() -> None:
    assert post.documents_kept_until(date(2026, 3, 10)) == date(2026, 5, 9)
    assert post.registered_summary_kept_until(date(2026, 3, 10)) == date(2026, 5, 9)
    assert post.deposit_receipt_kept_until(date(2028, 2, 29)) == date(2031, 2, 28)
    assert post.claim_deadline(date(2028, 2, 29)) == date(2029, 2, 28)
    assert (post.DOCUMENTS_KEPT_DAYS, post.REGISTERED_SUMMARY_KEPT_DAYS) == (60, 60)
    assert (post.DEPOSIT_RECEIPT_KEPT_YEARS, post.CLAIM_MONTHS) == (3, 12)
    assert post.submission_date(datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)) == date(2026, 3, 11)
    with pytest.raises(TypeError, match="expected a datetime.date"):
        post.documents_kept_until(AT)


def test_dates_past_python_are_post_errors() -> None:
    error = refused(lambda: post.deposit_receipt_kept_until(date(9998, 6, 1)))
    assert (error.code, error.field) == ("post.date_out_of_range", "deposit_receipt_kept_until")
    assert "9999-12-31" in str(error)
    q = quote(submitted_at=datetime(9999, 12, 31, 13, 0, tzinfo=BRUSSELS))
    assert q.submitted_on == date(9999, 12, 31)
    error = refused(lambda: q.handover_date)
    assert (error.code, error.field) == ("post.date_out_of_range", "handover_date")


# ---- Errors ---------------------------------------------------------------------------------------

RULES: list[tuple[str, Callable[[], object], Mapping[str, object]]] = [
    ("too_many_sheets", lambda: quote([a4(26)]), {"sheets": 26, "max": 25, "over": 1}),
    ("envelope_too_small", lambda: quote([a4(9)], envelope="c5"), {"capacity": 8, "sheets": 9, "over": 1}),
    ("empty_document", lambda: quote([a4(0)]), {"document": 0, "document_name": None}),
    (
        "registered_national_only",
        lambda: quote(postage="registered", return_address=["Envoi SA"], address=AMSTERDAM),
        {"country": "NL"},
    ),
    ("return_address_required", lambda: quote(postage="registered"), {}),
    ("rp_not_available", lambda: quote(postage="rp"), {}),
    ("country_not_in_capitals", lambda: post.country("Duitsland"), {"proposed": "DUITSLAND"}),
    ("unknown_country", lambda: post.country("DUITSLNAD"), {"suggestions": [("DE", "DUITSLAND")]}),
    ("ambiguous_country", lambda: post.country("CONGO"), {"value": "CONGO"}),
    ("not_a4", lambda: quote([{"page_sizes_mm": [[148, 210]]}]), {"page": 1, "size": (Decimal("148"), Decimal("210"))}),
]


@pytest.mark.parametrize(("rule", "call", "fields"), RULES, ids=[rule for rule, _, _ in RULES])
def test_every_rule_of_the_issue_is_a_post_error(
    rule: str, call: Callable[[], object], fields: Mapping[str, object]
) -> None:
    error = refused(call)
    assert error.code == f"post.{rule}"
    assert error.code.endswith(rule)
    for name, value in fields.items():
        assert getattr(error, name) == value, name
    assert error.sheets is None or rule in ("too_many_sheets", "envelope_too_small")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.code, str(copy)) == (envoi.PostError, error.code, str(error))


def test_calendar_errors_stay_schedule_errors() -> None:
    whole_year = [date(2026, 1, 1) + timedelta(days=n) for n in range(800)]
    with pytest.raises(envoi.ScheduleError) as info:
        quote(production_closed_days=whole_year)
    assert info.value.code == "schedule.no_business_day"


def test_constants() -> None:
    assert post.POSTAGES == ("prior", "non_prior", "registered", "rp", "prior_international")
    assert post.ENVELOPES == ("us", "c5", "c4")
