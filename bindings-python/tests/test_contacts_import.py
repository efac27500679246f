"""envoi.contacts.import_csv and ContactImporter over the core's messy fixtures (core/tests/data/contacts/)."""

from __future__ import annotations

from pathlib import Path

import pytest

import envoi
from envoi import contacts

DATA = Path(__file__).resolve().parent.parent.parent / "core" / "tests" / "data" / "contacts"


def errors(report: contacts.ImportReport) -> list[tuple[int, str | None, str]]:
    return [(error.line, error.column, error.code) for error in report.errors]


def mobile(contact: contacts.Contact) -> str | None:
    number = contact.mobile
    return None if number is None else number.e164


def test_excel_fr_windows_1252_with_semicolons() -> None:
    report = contacts.import_csv(DATA / "excel_fr_windows1252.csv", duplicates="keep_first")
    assert (report.encoding, report.bom, report.delimiter) == ("windows-1252", False, ";")
    assert [str(column.target) for column in report.columns] == [
        "last_name", "first_name", "mobile", "email", 'custom field "Société"', 'custom field "Remarque"',
        'custom field "column 7"', 'custom field "column 8"']
    assert [(c.first_name, c.last_name) for c in report.contacts] == [
        ("Hélène", "Dupont"), ("François", "Lefèvre"), ("Zoé", "Martin"), ("Émile", "Dubois"),
        ("Gaëlle", "Lambert"), ("Benoît", "Roux")]
    people = report.contacts
    assert [mobile(c) for c in people[:2]] == ["+32475123456", "+32476987654"]
    assert people[1].custom_fields["Remarque"] == "Livraison le mardi\r\nsonner deux fois; merci"
    assert people[4].custom_fields["Société"] == 'Société "Le Coin"'
    # A fixed line is kept in E.164 under the column's header; the row is imported.
    assert mobile(people[3]) is None and people[3].custom_fields["Téléphone"] == "+3223456789"
    assert errors(report) == [(10, "Téléphone", "contacts.invalid_phone"), (11, "E-mail", "contacts.invalid_email")]
    phone, email = report.errors
    assert (phone.value, email.value) == ("12345", "cecile.moreau.example.be")
    assert phone.details is not None and phone.details["region"] == "BE" and phone.details["value"] == "12345"
    assert str(phone).startswith('line 10, column "Téléphone": phone number "12345"')
    assert report.duplicates == [report.duplicates[0]]
    duplicate = report.duplicates[0]
    assert (duplicate.line, duplicate.first_line, duplicate.key, duplicate.resolution) == (9, 6, "email", "keep_first")
    counts = report.counts
    assert (counts.rows, counts.imported, counts.duplicates_skipped, counts.rejected, counts.blank) == (11, 6, 1, 2, 2)
    assert counts.accounted() == counts.rows


def test_bytes_bytearray_memoryview_and_path_read_the_same() -> None:
    path = DATA / "excel_fr_windows1252.csv"
    data = path.read_bytes()
    reports = [contacts.import_csv(source) for source in (data, bytearray(data), memoryview(data), path, str(path))]
    assert all(report.counts == reports[0].counts for report in reports)
    assert all(report.contacts == reports[0].contacts for report in reports)


def test_outlook_utf8_bom_languages_time_zones_and_reported_duplicates() -> None:
    report = contacts.import_csv((DATA / "outlook_en_utf8_bom.csv").read_bytes())
    assert (report.encoding, report.bom, report.delimiter) == ("UTF-8", True, ",")
    assert report.columns[0].target == contacts.ColumnTarget.field("first_name")
    assert [c.first_name for c in report.contacts] == ["Anna", "Tom", "Sophie", "Ruben"]
    anna = report.contacts[0]
    assert (anna.language, anna.time_zone, anna.custom_fields["Notes"]) == ("nl", "Europe/Brussels", 'Met "VIP" status')
    assert errors(report) == [
        (6, "Mobile Phone", "contacts.import.duplicate"),
        (7, "Language", "contacts.import.unknown_language"),
        (8, "Time Zone", "contacts.import.unknown_time_zone"),
        (9, "E-mail Address", "contacts.import.duplicate"),
        (10, None, "contacts.import.ambiguous_duplicate"),
    ]
    by_mobile, language, zone, by_email, ambiguous = report.errors
    assert (by_mobile.key, by_mobile.first_line, by_mobile.value) == ("mobile", 2, "0470 12 34 01")
    assert (by_email.key, by_email.first_line, by_email.value) == ("email", 2, "Anna.Janssens@Example.com")
    assert (language.value, zone.value) == ("es", "Mars/Olympus")
    assert (ambiguous.email_line, ambiguous.mobile_line) == (3, 2)
    assert str(ambiguous) == "line 10: the email is that of the contact of line 3 and the mobile that of line 2"
    assert ambiguous.reason == "the email is that of the contact of line 3 and the mobile that of line 2"
    counts = report.counts
    assert (counts.rows, counts.imported, counts.duplicates_reported, counts.rejected) == (9, 4, 2, 3)


def test_merge_non_empty_and_keep_last() -> None:
    data = (DATA / "outlook_en_utf8_bom.csv").read_bytes()
    merged = contacts.import_csv(data, duplicates="merge_non_empty")
    anna = merged.contacts[0]
    assert (anna.first_name, anna.last_name, str(anna.email)) == ("Els", "Jacobs", "Anna.Janssens@example.com")
    assert (anna.language, anna.custom_fields["Company"]) == ("nl", "Acme Europe")
    assert (merged.counts.merged, merged.counts.imported) == (2, 4)
    last = contacts.import_csv(data, duplicates="keep_last")
    assert (last.contacts[0].first_name, last.contacts[0].language) == ("Els", None)
    assert [(row.line, row.first_line, row.resolution) for row in last.duplicates] == [
        (6, 2, "keep_last"), (9, 6, "keep_last")]


def test_dutch_tab_export_with_blank_lines_and_wrong_field_counts() -> None:
    report = contacts.import_csv(DATA / "export_nl_tab.tsv")
    assert report.delimiter == "\t"
    assert [c.first_name for c in report.contacts] == ["Pieter", "Griet", "Sven", "Ine"]
    assert errors(report) == [(5, None, "contacts.import.field_count"), (6, None, "contacts.import.field_count")]
    few, many = report.errors
    assert (few.expected, few.found, few.value) == (6, 3, "Joris\tGoossens\t0486 65 43 21")
    assert (many.expected, many.found) == (6, 7)
    assert (report.counts.rows, report.counts.blank) == (9, 3)


def test_german_headers_and_the_default_region() -> None:
    german = contacts.import_csv(DATA / "kunden_de.csv", default_region="DE")
    assert [mobile(c) for c in german.contacts] == ["+4915123456789", "+491609876543", "+491711234567"]
    assert german.contacts[1].custom_fields["Straße"] == "Weißdornweg 12\r\n2. Etage"
    belgian = contacts.import_csv(DATA / "kunden_de.csv")
    assert errors(belgian) == [(2, "Handy", "contacts.invalid_phone")]


def test_excel_unicode_text_is_utf16le() -> None:
    report = contacts.import_csv(DATA / "excel_unicode_utf16le.txt")
    assert (report.encoding, report.delimiter, report.contacts[0].first_name) == ("UTF-16LE", "\t", "Amélie")


def test_two_columns_for_one_field_stop_the_import_until_a_mapping_says() -> None:
    path = DATA / "two_phone_columns.csv"
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.import_csv(path)
    error = info.value
    assert isinstance(error, envoi.ContactError)
    assert (error.code, error.target, error.first, error.first_position, error.second, error.second_position) == (
        "contacts.import.duplicate_column", "mobile", "Téléphone", 3, "GSM", 4)
    report = contacts.import_csv(path, mapping={"Téléphone": contacts.ColumnTarget.custom("Téléphone fixe")})
    assert mobile(report.contacts[0]) == "+32475123456"
    assert report.contacts[0].custom_fields["Téléphone fixe"] == "02 345 67 89"
    assert not report.columns[2].guessed and report.columns[3].guessed


def test_header_errors_have_their_codes_and_fields() -> None:
    def fails(data: bytes, **options: object) -> envoi.ContactImportError:
        with pytest.raises(envoi.ContactImportError) as info:
            contacts.import_csv(data, **options)  # type: ignore[arg-type]
        return info.value

    assert fails(b"\r\n\n").code == "contacts.import.no_header"
    error = fails(b"Jan;Peeters;0475123456\n")
    assert (error.code, error.headers) == ("contacts.import.no_address_column", ["Jan", "Peeters", "0475123456"])
    error = fails(b"GSM,Email\n", mapping={"Gsm": None})
    assert (error.code, error.column, error.headers) == ("contacts.import.unknown_mapping_column", "Gsm", ["GSM", "Email"])
    assert fails(b"GSM;Nom\n", mapping={"GSM": contacts.ColumnTarget.ignore()}).code == "contacts.import.no_address_column"
    error = fails(b"Email\n", delimiter='"')
    assert (error.code, error.value) == ("contacts.import.invalid_delimiter", '"')
    error = fails(b"Email;Tel\n", mapping={"Tel": "phone"})
    assert (error.code, error.value) == ("contacts.import.unknown_field", "phone")
    with pytest.raises(envoi.ContactImportError):
        contacts.ColumnTarget.field("phone")
    # Malformed UTF-16 (an odd number of bytes) stops the import, with the offset.
    error = fails(b"\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a")
    assert error.code == "contacts.import.malformed_text" and error.detail
    with pytest.raises(ValueError, match="duplicates"):
        contacts.import_csv(b"Email\n", duplicates="first")
    with pytest.raises(FileNotFoundError):
        contacts.import_csv(DATA / "no such file.csv")
    # A directory opens but does not read: the reader's failure stops the import.
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.import_csv(DATA)
    assert info.value.code == "contacts.import.read_failed" and info.value.detail
    with pytest.raises(TypeError, match="source"):
        contacts.import_csv(12)  # type: ignore[arg-type]


def test_row_problems_small_decisions() -> None:
    report = contacts.import_csv("Nom;Téléphone\nDupont;02 345 67 89\n".encode())
    assert errors(report) == [(2, None, "contacts.import.no_address")]
    assert report.errors[0].value == "Dupont;02 345 67 89"
    report = contacts.import_csv(b"Email;GSM\nnope;12\n")
    assert errors(report) == [(2, "Email", "contacts.invalid_email"), (2, "GSM", "contacts.invalid_phone")]
    assert report.counts.rejected == 1
    # The encoding is decided at the first non-ASCII byte: UTF-8, then a Windows-1252 byte more
    # than 4 KiB later is a row error, not replaced silently.
    mixed = b"Email;Nom\na@example.be;H\xc3\xa9l\xc3\xa8ne\n"
    mixed += b"".join(f"p{row}@example.be;Peeters\n".encode() for row in range(200))
    mixed += b"c@example.be;Ren\xe9\n"
    report = contacts.import_csv(mixed)
    assert report.encoding == "UTF-8"
    assert errors(report) == [(203, "Nom", "contacts.import.invalid_text")]
    assert report.errors[0].value == "Ren\ufffd"
    near = contacts.import_csv(b"Email;Nom\na@example.be;Ren\xe9\n")
    assert (near.encoding, near.contacts[0].last_name) == ("windows-1252", "René")


def test_the_chunked_importer_gives_the_same_outcomes_in_file_order() -> None:
    path = DATA / "excel_fr_windows1252.csv"
    importer = contacts.ContactImporter(path, chunk_size=4)
    # "Prénom" in the header: Windows-1252 from the header on.
    assert (importer.delimiter, importer.encoding, importer.bom) == (";", "windows-1252", False)
    assert [column.header for column in importer.columns][:3] == ["Nom", "Prénom", "Téléphone"]
    chunks = list(importer)
    assert [len(chunk) for chunk in chunks] == [4, 4, 3]
    outcomes = [outcome for chunk in chunks for outcome in chunk]
    kinds = [(o.line, o.kind if o.kind != "rejected" else o.errors[0].code) for o in outcomes]
    assert kinds == [
        (2, "imported"), (3, "imported"), (5, "blank"), (6, "imported"), (7, "blank"), (8, "imported"),
        (9, "contacts.import.duplicate"), (10, "contacts.invalid_phone"), (11, "contacts.invalid_email"),
        (12, "imported"), (13, "imported")]
    assert [o.index for o in outcomes if o.kind == "imported"] == [0, 1, 2, 3, 4, 5]
    assert importer.encoding == "windows-1252"
    assert importer.counts.rows == 11 and importer.counts.duplicates_reported == 1
    assert importer.next_chunk(10) == []
    with pytest.raises(ValueError, match="chunk_size"):
        contacts.ContactImporter(path, chunk_size=0)


def test_chunks_carry_replacements_and_merges_to_apply() -> None:
    data = (DATA / "outlook_en_utf8_bom.csv").read_bytes()
    importer = contacts.ContactImporter(data, duplicates="merge_non_empty")
    people: list[contacts.Contact] = []
    while chunk := importer.next_chunk(3):
        for outcome in chunk:
            if outcome.kind == "imported":
                assert outcome.contact is not None and outcome.index == len(people)
                people.append(outcome.contact)
            elif outcome.kind == "merged":
                assert outcome.contact is not None and outcome.index is not None
                assert outcome.key in ("email", "mobile") and outcome.first_line is not None
                contacts.merge_non_empty(people[outcome.index], outcome.contact)
    assert people == contacts.import_csv(data, duplicates="merge_non_empty").contacts
    skipped = [o for chunk in contacts.ContactImporter(data, duplicates="keep_first") for o in chunk
               if o.kind == "duplicate_skipped"]
    assert [(o.line, o.first_line, o.key) for o in skipped] == [(6, 2, "mobile"), (9, 2, "email")]
    replaced = [o for chunk in contacts.ContactImporter(data, duplicates="keep_last") for o in chunk
                if o.kind == "replaced"]
    assert [(o.line, o.index) for o in replaced] == [(6, 0), (9, 0)]


def test_a_failure_while_reading_ends_the_chunked_import() -> None:
    importer = contacts.ContactImporter(b"\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a\x00@\x00b\x00.\x00b\x00e\x00\n\x00x", chunk_size=10)
    with pytest.raises(envoi.ContactImportError) as info:
        list(importer)
    assert info.value.code == "contacts.import.malformed_text"
    with pytest.raises(ValueError, match="failed earlier"):
        importer.counts
