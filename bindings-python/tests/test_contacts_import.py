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
    # Line 9: line 6's mobile written 0477/11.22.33; its email differs from line 6's by the case of
    # the local part, so it is not the same email (only the domain's case is ignored).
    [duplicate] = report.duplicates
    assert (duplicate.line, duplicate.first_line, duplicate.key, duplicate.column, duplicate.value,
            duplicate.resolution) == (9, 6, "mobile", "Téléphone", "0477/11.22.33", "keep_first")
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
    # Els (line 9) writes Anna's address with the local part in capitals: another address.
    assert [c.first_name for c in report.contacts] == ["Anna", "Tom", "Sophie", "Els", "Ruben"]
    anna = report.contacts[0]
    assert (anna.language, anna.time_zone, anna.custom_fields["Notes"]) == ("nl", "Europe/Brussels", 'Met "VIP" status')
    assert errors(report) == [
        (6, "Mobile Phone", "contacts.import.duplicate"),
        (7, "Language", "contacts.import.unknown_language"),
        (8, "Time Zone", "contacts.import.unknown_time_zone"),
        (10, None, "contacts.import.ambiguous_duplicate"),
        (12, "E-mail Address", "contacts.import.duplicate"),
    ]
    by_mobile, language, zone, ambiguous, by_email = report.errors
    assert (by_mobile.key, by_mobile.first_line, by_mobile.value) == ("mobile", 2, "0470 12 34 01")
    # Line 12: Anna's address with the domain in capitals: the same address.
    assert (by_email.key, by_email.first_line, by_email.value) == ("email", 2, "anna.janssens@EXAMPLE.COM")
    assert by_email.reason == "same email as the contact of line 2"
    assert (language.value, zone.value) == ("es", "Mars/Olympus")
    assert (ambiguous.email_line, ambiguous.mobile_line) == (3, 2)
    assert str(ambiguous) == "line 10: the email is that of the contact of line 3 and the mobile that of line 2"
    assert ambiguous.reason == "the email is that of the contact of line 3 and the mobile that of line 2"
    counts = report.counts
    assert (counts.rows, counts.imported, counts.duplicates_reported, counts.rejected) == (10, 5, 2, 3)


def test_merge_non_empty_and_keep_last() -> None:
    data = (DATA / "outlook_en_utf8_bom.csv").read_bytes()
    merged = contacts.import_csv(data, duplicates="merge_non_empty")
    anna = merged.contacts[0]
    # Line 6 (Jan, Anna's mobile with another email) is rejected; line 12 (Nina, Anna's email with
    # the domain in capitals) is merged; the domain is kept in lower case.
    assert (anna.first_name, anna.last_name, str(anna.email)) == ("Nina", "Jacobs", "anna.janssens@example.com")
    assert (mobile(anna), anna.language, anna.time_zone) == ("+32470123401", "nl", "Europe/Brussels")
    assert anna.custom_fields["Company"] == "Acme"
    assert anna.custom_fields["Notes"] == "same email as Anna, the domain in capitals"
    assert [(row.line, row.first_line, row.key, row.column, row.value, row.resolution) for row in merged.duplicates] == [
        (12, 2, "email", "E-mail Address", "anna.janssens@EXAMPLE.COM", "merge_non_empty")]
    assert (merged.counts.merged, merged.counts.imported, merged.counts.rejected) == (1, 5, 4)
    last = contacts.import_csv(data, duplicates="keep_last")
    assert (last.contacts[0].first_name, last.contacts[0].language, last.contacts[0].time_zone) == ("Nina", None, None)
    # Jan's row replaced Anna's, but her email stays bound to the contact.
    assert [(row.line, row.first_line, row.column, row.value, row.resolution) for row in last.duplicates] == [
        (6, 2, "Mobile Phone", "0470 12 34 01", "keep_last"),
        (12, 6, "E-mail Address", "anna.janssens@EXAMPLE.COM", "keep_last")]
    assert (last.counts.replaced, last.counts.rejected) == (2, 3)


def test_merge_non_empty_rejects_a_row_whose_other_address_conflicts() -> None:
    merged = contacts.import_csv(DATA / "outlook_en_utf8_bom.csv", duplicates="merge_non_empty")
    # Line 6: Anna's mobile, but another email than hers. Merging would drop one: rejected whole.
    conflict = merged.errors[0]
    assert (conflict.line, conflict.column, conflict.value, conflict.code) == (
        6, "E-mail Address", "jan.desmet@example.com", "contacts.import.conflicting_email")
    assert (conflict.key, conflict.first_line) == ("email", 2)
    assert (conflict.email_line, conflict.quote_line, conflict.limit, conflict.details) == (None, None, None, None)
    assert str(conflict) == (
        'line 6, column "E-mail Address": another email than the contact of line 2, which this row '
        "matches by mobile; the first is kept, merge by hand if they are one person")
    assert all(contact.first_name != "Jan" for contact in merged.contacts)
    # The reverse: the same email, another mobile than the contact's.
    csv = b"Email;GSM;Nom\nann@example.be;0475 12 34 56;Peeters\nann@example.be;0476 12 34 56;Maes\nann@example.be;;Claes\n"
    report = contacts.import_csv(csv, duplicates="merge_non_empty")
    assert errors(report) == [(3, "GSM", "contacts.import.conflicting_mobile")]
    assert (report.errors[0].key, report.errors[0].first_line, report.errors[0].value) == ("mobile", 2, "0476 12 34 56")
    assert (mobile(report.contacts[0]), report.contacts[0].last_name) == ("+32475123456", "Claes")
    # The chunked import rejects the same row.
    outcomes = [o for chunk in contacts.ContactImporter(csv, duplicates="merge_non_empty") for o in chunk]
    assert [(o.line, o.kind) for o in outcomes] == [(2, "imported"), (3, "rejected"), (4, "merged")]
    assert outcomes[1].errors[0].code == "contacts.import.conflicting_mobile"
    assert (outcomes[2].key, outcomes[2].column, outcomes[2].value) == ("email", "Email", "ann@example.be")


def test_dutch_tab_export_with_blank_lines_and_wrong_field_counts() -> None:
    report = contacts.import_csv(DATA / "export_nl_tab.tsv")
    assert report.delimiter == "\t"
    assert [c.first_name for c in report.contacts] == ["Pieter", "Griet", "Joris", "Sven", "Ine"]
    # Line 5 has 3 fields of 6 (trailing empty cells dropped): the missing ones are empty.
    joris = report.contacts[2]
    assert (mobile(joris), joris.email, joris.language, joris.custom_fields) == ("+32486654321", None, None, {})
    # Too many fields, one of the extra not empty, is still an error.
    assert errors(report) == [(6, None, "contacts.import.field_count")]
    [many] = report.errors
    assert (many.expected, many.found) == (6, 7)
    assert many.value == "Lotte\tPeeters\t0487 11 11 11\tlotte@example.nl\tnl\tK-004\textra"
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


def test_a_mobile_specific_column_outranks_a_generic_phone_column() -> None:
    path = DATA / "two_phone_columns.csv"
    report = contacts.import_csv(path)
    # GSM is the mobile; Téléphone, a generic name, is a custom field kept as written.
    telephone, gsm = report.columns[2], report.columns[3]
    assert (telephone.target, telephone.guessed) == (contacts.ColumnTarget.custom("Téléphone"), True)
    assert gsm.target == contacts.ColumnTarget.field("mobile")
    assert mobile(report.contacts[0]) == "+32475123456"
    assert report.contacts[0].custom_fields["Téléphone"] == "02 345 67 89"
    assert report.errors == []
    # Two names of one rank still stop the import, naming both.
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.import_csv(b"GSM;Handy\n0475123456;0476123456\n")
    error = info.value
    assert isinstance(error, envoi.ContactError)
    assert (error.code, error.target, error.first, error.first_position, error.second, error.second_position) == (
        "contacts.import.duplicate_column", "mobile", "GSM", 1, "Handy", 2)
    # A mapped column and a guessed one too: the mapping decides the field, not the rank.
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.import_csv(path, mapping={"Téléphone": "mobile"})
    assert (info.value.code, info.value.first, info.value.second) == (
        "contacts.import.duplicate_column", "Téléphone", "GSM")
    # A mapping still overrides the guess.
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
    assert [(o.line, o.first_line, o.key, o.column, o.value, o.contact) for o in skipped] == [
        (6, 2, "mobile", "Mobile Phone", "0470 12 34 01", None),
        (12, 2, "email", "E-mail Address", "anna.janssens@EXAMPLE.COM", None)]
    replaced = [o for chunk in contacts.ContactImporter(data, duplicates="keep_last") for o in chunk
                if o.kind == "replaced"]
    assert [(o.line, o.index, o.first_line, o.column) for o in replaced] == [
        (6, 0, 2, "Mobile Phone"), (12, 0, 6, "E-mail Address")]
    assert [o.contact.first_name for o in replaced if o.contact is not None] == ["Jan", "Nina"]
    imported = next(o for o in contacts.ContactImporter(data).next_chunk(1))
    assert (imported.kind, imported.first_line, imported.key, imported.column, imported.value) == (
        "imported", None, None, None, None)


def test_a_failure_while_reading_ends_the_chunked_import() -> None:
    importer = contacts.ContactImporter(b"\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a\x00@\x00b\x00.\x00b\x00e\x00\n\x00x", chunk_size=10)
    with pytest.raises(envoi.ContactImportError) as info:
        list(importer)
    assert info.value.code == "contacts.import.malformed_text"
    with pytest.raises(ValueError, match="failed earlier"):
        importer.counts


def test_an_unterminated_quote_rejects_its_row_and_the_next_lines_are_read_again() -> None:
    path = DATA / "unterminated_quote.csv"
    outcomes = [o for chunk in contacts.ContactImporter(path) for o in chunk]
    # Line 2 spans lines 2-3 (a closed quote); the row of line 4 opens a quote on line 5 that the
    # file never closes: it ends with line 5, and lines 6 and 7 are rows again.
    assert [(o.line, o.kind) for o in outcomes] == [(2, "imported"), (4, "rejected"), (6, "imported"), (7, "imported")]
    report = contacts.import_csv(path)
    assert errors(report) == [(4, "Remarque", "contacts.import.unterminated_quote")]
    [error] = report.errors
    assert (error.quote_line, error.value, error.limit, error.key, error.first_line) == (5, "à rappeler", None, None, None)
    assert str(error) == (
        'line 4, column "Remarque": a quote opened on line 5 is not closed within 262144 bytes '
        "or before the end of the file; the row ends with that line and the next lines are read as rows")
    assert outcomes[1].errors[0].quote_line == 5
    assert report.contacts[1].first_name == "Émile"
    assert report.contacts[2].custom_fields["Remarque"] == "Cliente fidèle"
    assert (report.counts.rows, report.counts.imported, report.counts.rejected) == (4, 3, 1)
    # The last line's quote, alone.
    report = contacts.import_csv(b'Email;Nom\na@example.be;"Peeters')
    assert errors(report) == [(2, "Nom", "contacts.import.unterminated_quote")]
    assert (report.errors[0].quote_line, report.errors[0].value) == (2, "Peeters")


def test_a_row_longer_than_the_limit_is_rejected_and_reading_resumes() -> None:
    assert contacts.MAX_ROW_BYTES == 262144
    long = b"Email;Nom\na@example.be;" + b"x" * contacts.MAX_ROW_BYTES + b"\nb@example.be;Maes\n"
    report = contacts.import_csv(long)
    assert errors(report) == [(2, None, "contacts.import.row_too_long")]
    [error] = report.errors
    assert (error.limit, error.quote_line) == (contacts.MAX_ROW_BYTES, None)
    assert error.value.startswith("a@example.be;xxx")
    assert [c.last_name for c in report.contacts] == ["Maes"]
    # Just under the limit is a row.
    fits = b"Email;Nom\na@example.be;" + b"x" * (contacts.MAX_ROW_BYTES - len(b"a@example.be;\n")) + b"\n"
    assert contacts.import_csv(fits).counts.imported == 1


def test_a_header_with_an_unterminated_quote_or_too_long_stops_the_import() -> None:
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.import_csv(b'Email;"Nom\na@example.be;Peeters\n')
    assert (info.value.code, info.value.quote_line, info.value.limit) == ("contacts.import.unterminated_quote", 1, None)
    with pytest.raises(envoi.ContactImportError) as info:
        contacts.ContactImporter(b"Email;" + b"N" * contacts.MAX_ROW_BYTES + b"\n")
    assert (info.value.code, info.value.limit, info.value.quote_line) == (
        "contacts.import.row_too_long", contacts.MAX_ROW_BYTES, None)


def test_google_contacts_export() -> None:
    report = contacts.import_csv(DATA / "google_contacts.csv")
    assert [(c.header, c.target.name) for c in report.columns if c.target.kind == "field"] == [
        ("Given Name", "first_name"), ("Family Name", "last_name"), ("E-mail 1 - Value", "email"),
        ("Phone 1 - Value", "mobile")]
    sarah, koen, ilse = report.contacts
    # `Name` (the full name) loses the last name to `Family Name`; the second addresses are custom.
    assert (sarah.first_name, sarah.last_name, mobile(sarah)) == ("Sarah", "Vermeersch", "+32478123456")
    assert (sarah.custom_fields["Name"], sarah.custom_fields["Phone 2 - Value"]) == ("Sarah Vermeersch", "+32 9 123 45 67")
    assert koen.custom_fields["E-mail 2 - Value"] == "koen.dw@example.com"
    # Koen's first phone is a fixed line: kept in E.164 under its header, no mobile.
    assert (mobile(koen), koen.custom_fields["Phone 1 - Value"]) == (None, "+3292345678")
    assert koen.custom_fields["Notes"] == "Vraagt een offerte, per mail"
    assert mobile(ilse) == "+32479654321"
    assert (report.errors, report.counts.imported) == ([], 3)


def test_outlook_desktop_export() -> None:
    report = contacts.import_csv(DATA / "outlook_export_windows1252.csv")
    assert (report.encoding, len(report.columns)) == ("windows-1252", 61)
    assert [(c.header, c.target.name) for c in report.columns if c.target.kind == "field"] == [
        ("First Name", "first_name"), ("Last Name", "last_name"), ("E-mail Address", "email"),
        ("Mobile Phone", "mobile")]
    marc, anne_sophie, veronique = report.contacts
    assert (marc.first_name, marc.last_name, mobile(marc)) == ("Marc", "Lemaire", "+32475556677")
    # Business Phone and Home Phone are custom fields, as written.
    assert (marc.custom_fields["Business Phone"], marc.custom_fields["Business City"]) == ("+32 2 555 12 34", "Liège")
    assert (mobile(anne_sophie), anne_sophie.custom_fields["Home Phone"]) == (None, "010 45 67 89")
    assert (veronique.last_name, mobile(veronique)) == ("Noël", "+32476334455")
    assert (report.errors, report.counts.imported) == ([], 3)


def test_new_contacts_get_the_preferences_of_the_account_sms_option() -> None:
    csv = b"GSM;Email\n0475 12 34 56;a@example.be\n"
    default = contacts.import_csv(csv).contacts[0].preferences
    assert default == {"email": True, "sms": False}
    on = contacts.AccountSmsOption(enabled=True)
    [contact] = contacts.import_csv(csv, sms_option=on).contacts
    assert contact.preferences == on.new_contact_preferences()
    assert contact.preferences == {"email": True, "sms": True}
    [[outcome]] = list(contacts.ContactImporter(csv, sms_option=on))
    assert outcome.contact is not None and outcome.contact.preferences == on.new_contact_preferences()
    off = contacts.AccountSmsOption(enabled=False)
    assert contacts.import_csv(csv, sms_option=off).contacts[0].preferences == {"email": True, "sms": False}
    with pytest.raises(TypeError):
        contacts.import_csv(csv, sms_option="on")  # type: ignore[arg-type]
