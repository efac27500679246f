//! Contact import over messy, real-looking exports (core/tests/data/contacts/): every decision of
//! the module documentation of `envoi::contacts::import` pinned, and the counts proven to add up.

use std::collections::BTreeMap;

use envoi::ErrorCode;
use envoi::contacts::import::{
    ColumnTarget, ContactField, ContactImporter, DuplicateKey, DuplicatePolicy, DuplicateRow,
    ImportCounts, ImportError, ImportOptions, ImportReport, MAX_ROW_BYTES, RowOutcome, RowProblem,
    SourceEncoding, import_contacts, resolve_header,
};
use envoi::contacts::{AccountSmsOption, Region};
use envoi::language::Language;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/contacts/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn options(duplicates: DuplicatePolicy) -> ImportOptions {
    ImportOptions {
        duplicates,
        ..ImportOptions::default()
    }
}

fn import(bytes: &[u8], options: &ImportOptions) -> ImportReport {
    let report = import_contacts(bytes, options).expect("the import runs");
    assert_eq!(report.counts.rows, report.counts.accounted());
    assert_eq!(report.counts.imported, report.contacts.len() as u64);
    report
}

/// (line, column, code) of every row error.
fn errors(report: &ImportReport) -> Vec<(u64, Option<&str>, &str)> {
    report
        .errors
        .iter()
        .map(|error| (error.line, error.column.as_deref(), error.code()))
        .collect()
}

fn mobile(report: &ImportReport, index: usize) -> Option<&str> {
    report.contacts[index]
        .mobile
        .as_ref()
        .map(|mobile| mobile.e164())
}

fn custom<'a>(report: &'a ImportReport, index: usize, name: &str) -> Option<&'a str> {
    report.contacts[index]
        .custom_fields
        .get(name)
        .map(String::as_str)
}

#[test]
fn excel_fr_windows_1252_with_semicolons() {
    let report = import(
        &fixture("excel_fr_windows1252.csv"),
        &options(DuplicatePolicy::KeepFirst),
    );
    assert_eq!(report.encoding, SourceEncoding::Windows1252);
    assert_eq!(report.delimiter, ';');
    let targets: Vec<String> = report
        .columns
        .iter()
        .map(|column| column.target.to_string())
        .collect();
    assert_eq!(
        targets,
        [
            "last_name",
            "first_name",
            "mobile",
            "email",
            "custom field \"Société\"",
            "custom field \"Remarque\"",
            "custom field \"column 7\"",
            "custom field \"column 8\"",
        ]
    );
    let names: Vec<(&str, &str)> = report
        .contacts
        .iter()
        .map(|contact| (contact.first_name.as_str(), contact.last_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Hélène", "Dupont"),
            ("François", "Lefèvre"),
            ("Zoé", "Martin"),
            ("Émile", "Dubois"),
            ("Gaëlle", "Lambert"),
            ("Benoît", "Roux"),
        ]
    );
    assert_eq!(mobile(&report, 0), Some("+32475123456"));
    assert_eq!(mobile(&report, 1), Some("+32476987654"));
    // A quoted value keeps its CR LF and its semicolon; doubled quotes are one quote.
    assert_eq!(
        custom(&report, 1, "Remarque"),
        Some("Livraison le mardi\r\nsonner deux fois; merci")
    );
    assert_eq!(custom(&report, 1, "Société"), Some("Garçon & Fils"));
    assert_eq!(custom(&report, 2, "Remarque"), Some("Abonnement 12 €"));
    assert_eq!(custom(&report, 4, "Société"), Some("Société \"Le Coin\""));
    // A fixed line is not a mobile: kept in E.164 under the column's header, the row imported.
    assert_eq!(mobile(&report, 3), None);
    assert_eq!(custom(&report, 3, "Téléphone"), Some("+3223456789"));
    // Empty values (the unnamed columns) are not stored.
    assert_eq!(report.contacts[0].custom_fields.len(), 2);
    // Lambert has an email only, Roux a mobile only: both imported.
    assert_eq!(mobile(&report, 4), None);
    assert!(report.contacts[5].email.is_none());

    assert_eq!(
        errors(&report),
        [
            (10, Some("Téléphone"), "contacts.invalid_phone"),
            (11, Some("E-mail"), "contacts.invalid_email"),
        ]
    );
    assert_eq!(report.errors[0].value, "12345");
    assert_eq!(report.errors[1].value, "cecile.moreau.example.be");
    // Line 9: the mobile of line 6 written 0477/11.22.33; its email differs from line 6's by the
    // case of the local part, so it is not the same email (only the domain's case is ignored).
    assert_eq!(
        report.duplicates,
        [DuplicateRow {
            line: 9,
            first_line: 6,
            key: DuplicateKey::Mobile,
            column: "Téléphone".to_owned(),
            value: "0477/11.22.33".to_owned(),
            resolution: DuplicatePolicy::KeepFirst,
        }]
    );
    assert_eq!(
        report.counts,
        ImportCounts {
            rows: 11,
            imported: 6,
            duplicates_skipped: 1,
            rejected: 2,
            blank: 2,
            ..ImportCounts::default()
        }
    );
}

#[test]
fn every_outcome_in_file_order_with_its_line() {
    let bytes = fixture("excel_fr_windows1252.csv");
    let importer = ContactImporter::new(&bytes[..], &options(DuplicatePolicy::Report))
        .expect("the header is read");
    let outcomes: Vec<RowOutcome> = importer.collect::<Result<_, _>>().expect("no fatal error");
    let kinds: Vec<(u64, &str)> = outcomes
        .iter()
        .map(|outcome| {
            let kind = match outcome {
                RowOutcome::Imported { .. } => "imported",
                RowOutcome::Blank { .. } => "blank",
                RowOutcome::Rejected { errors, .. } => errors[0].code(),
                _ => "other",
            };
            (outcome.line(), kind)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (2, "imported"),
            (3, "imported"),
            (5, "blank"),
            (6, "imported"),
            (7, "blank"),
            (8, "imported"),
            (9, "contacts.import.duplicate"),
            (10, "contacts.invalid_phone"),
            (11, "contacts.invalid_email"),
            (12, "imported"),
            (13, "imported"),
        ]
    );
}

#[test]
fn outlook_utf8_with_bom_languages_time_zones_and_reported_duplicates() {
    let report = import(
        &fixture("outlook_en_utf8_bom.csv"),
        &ImportOptions::default(),
    );
    assert_eq!(report.encoding, SourceEncoding::Utf8 { bom: true });
    assert_eq!(report.delimiter, ',');
    // The BOM is not part of the first header name.
    assert_eq!(
        report.columns[0].target,
        ColumnTarget::Field(ContactField::FirstName)
    );
    let first_names: Vec<&str> = report
        .contacts
        .iter()
        .map(|contact| contact.first_name.as_str())
        .collect();
    // Els (line 9) writes Anna's address with the local part in capitals: another address.
    assert_eq!(first_names, ["Anna", "Tom", "Sophie", "Els", "Ruben"]);
    let anna = &report.contacts[0];
    assert_eq!(anna.language, Some(Language::Nl));
    assert_eq!(
        anna.time_zone.map(|zone| zone.name()),
        Some("Europe/Brussels")
    );
    assert_eq!(custom(&report, 0, "Notes"), Some("Met \"VIP\" status"));
    assert_eq!(report.contacts[1].language, Some(Language::En));
    assert_eq!(
        custom(&report, 1, "Notes"),
        Some("Line one\nLine two, with a comma")
    );
    assert_eq!(report.contacts[2].language, Some(Language::Fr));
    assert_eq!(mobile(&report, 2), Some("+33612345678"));

    assert_eq!(
        errors(&report),
        [
            (6, Some("Mobile Phone"), "contacts.import.duplicate"),
            (7, Some("Language"), "contacts.import.unknown_language"),
            (8, Some("Time Zone"), "contacts.import.unknown_time_zone"),
            (10, None, "contacts.import.ambiguous_duplicate"),
            (12, Some("E-mail Address"), "contacts.import.duplicate"),
        ]
    );
    assert_eq!(
        report.errors[0].reason,
        RowProblem::Duplicate {
            key: DuplicateKey::Mobile,
            first_line: 2
        }
    );
    assert_eq!(report.errors[0].value, "0470 12 34 01"); // as written
    // Line 12: Anna's address with the domain in capitals: the same address.
    assert_eq!(report.errors[4].value, "anna.janssens@EXAMPLE.COM");
    assert_eq!(
        report.errors[4].reason,
        RowProblem::Duplicate {
            key: DuplicateKey::Email,
            first_line: 2
        }
    );
    assert_eq!(
        report.errors[3].reason,
        RowProblem::AmbiguousDuplicate {
            email_line: 3,
            mobile_line: 2
        }
    );
    assert_eq!(
        report.errors[3].to_string(),
        "line 10: the email is that of the contact of line 3 and the mobile that of line 2"
    );
    assert_eq!(
        report.counts,
        ImportCounts {
            rows: 10,
            imported: 5,
            duplicates_reported: 2,
            rejected: 3,
            ..ImportCounts::default()
        }
    );
}

#[test]
fn merge_non_empty_and_keep_last_update_the_earlier_contact() {
    let bytes = fixture("outlook_en_utf8_bom.csv");
    let merged = import(&bytes, &options(DuplicatePolicy::MergeNonEmpty));
    let anna = &merged.contacts[0];
    // Line 6 (Jan, Anna's mobile with another email) is rejected; line 12 (Nina, Anna's email with
    // the domain in capitals) is merged.
    assert_eq!(
        (anna.first_name.as_str(), anna.last_name.as_str()),
        ("Nina", "Jacobs")
    );
    assert_eq!(
        anna.email.as_ref().map(|email| email.as_str()),
        Some("anna.janssens@example.com") // the domain in lower case
    );
    assert_eq!(mobile(&merged, 0), Some("+32470123401"));
    assert_eq!(anna.language, Some(Language::Nl)); // Nina's row has none: Anna's stays.
    assert_eq!(
        anna.time_zone.map(|zone| zone.name()),
        Some("Europe/Brussels")
    );
    assert_eq!(custom(&merged, 0, "Company"), Some("Acme"));
    assert_eq!(
        custom(&merged, 0, "Notes"),
        Some("same email as Anna, the domain in capitals")
    );
    assert_eq!(
        merged.duplicates,
        [DuplicateRow {
            line: 12,
            first_line: 2,
            key: DuplicateKey::Email,
            column: "E-mail Address".to_owned(),
            value: "anna.janssens@EXAMPLE.COM".to_owned(),
            resolution: DuplicatePolicy::MergeNonEmpty,
        }]
    );
    assert_eq!((merged.counts.merged, merged.counts.imported), (1, 5));
    assert_eq!(merged.counts.rejected, 4);

    let last = import(&bytes, &options(DuplicatePolicy::KeepLast));
    let anna = &last.contacts[0];
    assert_eq!(anna.first_name, "Nina");
    assert_eq!(anna.language, None); // replaced whole
    assert_eq!(anna.time_zone, None);
    assert_eq!(
        last.duplicates
            .iter()
            .map(|row| (
                row.line,
                row.first_line,
                row.column.as_str(),
                row.value.as_str()
            ))
            .collect::<Vec<_>>(),
        [
            (6, 2, "Mobile Phone", "0470 12 34 01"),
            // Jan's row replaced Anna's, but her email stays bound to the contact.
            (12, 6, "E-mail Address", "anna.janssens@EXAMPLE.COM"),
        ]
    );
    assert_eq!((last.counts.replaced, last.counts.rejected), (2, 3));
}

#[test]
fn merge_non_empty_keeps_the_first_address_and_rejects_a_conflicting_row() {
    let bytes = fixture("outlook_en_utf8_bom.csv");
    let merged = import(&bytes, &options(DuplicatePolicy::MergeNonEmpty));
    // Line 6: Anna's mobile, but jan.desmet@example.com where Anna has her own address. Merging
    // would drop one address: the row is rejected whole, naming its email column and value.
    let conflict = &merged.errors[0];
    assert_eq!(
        (
            conflict.line,
            conflict.column.as_deref(),
            conflict.value.as_str()
        ),
        (6, Some("E-mail Address"), "jan.desmet@example.com")
    );
    assert_eq!(conflict.code(), "contacts.import.conflicting_email");
    assert_eq!(
        conflict.reason,
        RowProblem::ConflictingAddress {
            key: DuplicateKey::Email,
            first_line: 2
        }
    );
    assert_eq!(
        conflict.to_string(),
        "line 6, column \"E-mail Address\": another email than the contact of line 2, which this row \
         matches by mobile; the first is kept, merge by hand if they are one person"
    );
    assert_eq!(merged.contacts[0].first_name, "Nina"); // not Jan
    assert!(
        merged
            .contacts
            .iter()
            .all(|contact| contact.first_name != "Jan")
    );

    // The reverse: the same email, another mobile than the contact's.
    let csv = "Email;GSM;Nom\nann@example.be;0475 12 34 56;Peeters\nann@example.be;0476 12 34 56;Maes\n\
               ann@example.be;;Claes\n";
    let report = import(csv.as_bytes(), &options(DuplicatePolicy::MergeNonEmpty));
    assert_eq!(
        errors(&report),
        [(3, Some("GSM"), "contacts.import.conflicting_mobile")]
    );
    assert_eq!(report.errors[0].value, "0476 12 34 56");
    assert_eq!(mobile(&report, 0), Some("+32475123456"));
    assert_eq!(report.contacts[0].last_name, "Claes"); // line 4 merged: no mobile to conflict
    // A contact without an email takes the row's email (nothing is dropped).
    let csv = "Email;GSM\n;0475 12 34 56\nann@example.be;0475123456\n";
    let report = import(csv.as_bytes(), &options(DuplicatePolicy::MergeNonEmpty));
    assert_eq!(report.counts.merged, 1);
    assert_eq!(
        report.contacts[0]
            .email
            .as_ref()
            .map(|email| email.as_str()),
        Some("ann@example.be")
    );
}

#[test]
fn dutch_tab_export_with_blank_lines_short_rows_and_extra_fields() {
    let report = import(&fixture("export_nl_tab.tsv"), &ImportOptions::default());
    assert_eq!(report.delimiter, '\t');
    assert_eq!(report.encoding, SourceEncoding::Utf8 { bom: false });
    let names: Vec<&str> = report
        .contacts
        .iter()
        .map(|contact| contact.first_name.as_str())
        .collect();
    assert_eq!(names, ["Pieter", "Griet", "Joris", "Sven", "Ine"]);
    assert_eq!(mobile(&report, 1), Some("+31612345678"));
    assert_eq!(report.contacts[1].language, Some(Language::Nl));
    // Line 5 has 3 fields of 6 (trailing empty cells dropped): the missing ones are empty.
    let joris = &report.contacts[2];
    assert_eq!(mobile(&report, 2), Some("+32486654321"));
    assert!(joris.email.is_none() && joris.language.is_none() && joris.custom_fields.is_empty());
    assert_eq!(report.contacts[4].language, Some(Language::Nl)); // "nederlands"
    assert_eq!(custom(&report, 3, "Klantnummer"), Some("K-005"));
    // Too many fields, one of the extra not empty, is still an error.
    assert_eq!(errors(&report), [(6, None, "contacts.import.field_count")]);
    assert_eq!(
        report.errors[0].reason,
        RowProblem::FieldCount {
            expected: 6,
            found: 7
        }
    );
    assert_eq!(
        report.errors[0].value,
        "Lotte\tPeeters\t0487 11 11 11\tlotte@example.nl\tnl\tK-004\textra"
    );
    // Blank: line 3 (empty), line 8 (white space and a tab), line 10 (after the last row).
    assert_eq!(
        report.counts,
        ImportCounts {
            rows: 9,
            imported: 5,
            rejected: 1,
            blank: 3,
            ..ImportCounts::default()
        }
    );
}

#[test]
fn german_headers_and_the_default_region() {
    let bytes = fixture("kunden_de.csv");
    let german = import(
        &bytes,
        &ImportOptions {
            default_region: Region::DE,
            ..ImportOptions::default()
        },
    );
    let fields: Vec<String> = german
        .columns
        .iter()
        .map(|column| column.target.to_string())
        .collect();
    assert_eq!(
        fields,
        [
            "custom field \"Anrede\"",
            "first_name",
            "last_name",
            "mobile",
            "email",
            "language",
            "time_zone",
            "custom field \"Straße\"",
        ]
    );
    assert_eq!(mobile(&german, 0), Some("+4915123456789"));
    assert_eq!(mobile(&german, 1), Some("+491609876543"));
    assert_eq!(mobile(&german, 2), Some("+491711234567"));
    assert!(
        german
            .contacts
            .iter()
            .all(|c| c.language == Some(Language::De))
    );
    assert_eq!(
        custom(&german, 1, "Straße"),
        Some("Weißdornweg 12\r\n2. Etage")
    );
    assert_eq!(german.contacts[2].last_name, "Groß");

    // With the default region BE, the German national number is not a valid number.
    let belgian = import(&bytes, &ImportOptions::default());
    assert_eq!(
        errors(&belgian),
        [(2, Some("Handy"), "contacts.invalid_phone")]
    );
    assert_eq!(belgian.counts.imported, 2);
}

#[test]
fn a_mobile_specific_column_outranks_a_generic_phone_column() {
    let bytes = fixture("two_phone_columns.csv");
    let report = import(&bytes, &ImportOptions::default());
    // GSM is the mobile; Téléphone, a generic name, is a custom field kept as written.
    assert_eq!(
        report.columns[2].target,
        ColumnTarget::Custom("Téléphone".to_owned())
    );
    assert_eq!(
        report.columns[3].target,
        ColumnTarget::Field(ContactField::Mobile)
    );
    assert!(report.columns[2].guessed);
    assert_eq!(mobile(&report, 0), Some("+32475123456"));
    assert_eq!(custom(&report, 0, "Téléphone"), Some("02 345 67 89"));
    // The same in every language, in either order.
    let mobile_of = |headers: &[&str]| -> Vec<String> {
        resolve_header(headers, &BTreeMap::new())
            .expect("no duplicate column")
            .into_iter()
            .map(|column| column.target.to_string())
            .collect()
    };
    for (generic, specific) in [
        ("Phone", "Mobile"),
        ("Telefoon", "GSM"),
        ("Telefon", "Handy"),
        ("Téléphone", "Portable"),
        ("Telefoon", "Mobiel"),
        ("Phone", "Mobile Phone"),
        ("Phone", "Cell"),
    ] {
        assert_eq!(
            mobile_of(&["Email", generic, specific]),
            ["email", &format!("custom field {generic:?}"), "mobile"]
        );
        assert_eq!(
            mobile_of(&[specific, "Email", generic]),
            ["mobile", "email", &format!("custom field {generic:?}")]
        );
    }
    // Two names of one rank still stop the import, naming both.
    let error = resolve_header(&["GSM", "Handy"], &BTreeMap::new()).unwrap_err();
    assert_eq!(
        error,
        ImportError::DuplicateColumn {
            target: "mobile".to_owned(),
            first: "GSM".to_owned(),
            first_position: 1,
            second: "Handy".to_owned(),
            second_position: 2,
        }
    );
    let error = resolve_header(&["Phone", "Téléphone", "Email"], &BTreeMap::new()).unwrap_err();
    assert_eq!(error.code(), "contacts.import.duplicate_column");
    // A mapped column and a guessed one too: the mapping decides the field, not the rank.
    let mapping = BTreeMap::from([(
        "Téléphone".to_owned(),
        ColumnTarget::Field(ContactField::Mobile),
    )]);
    assert_eq!(
        resolve_header(&["Téléphone", "GSM"], &mapping)
            .unwrap_err()
            .code(),
        "contacts.import.duplicate_column"
    );
    // A mapping still overrides the guess.
    let mapping = BTreeMap::from([(
        "Téléphone".to_owned(),
        ColumnTarget::Custom("Téléphone fixe".to_owned()),
    )]);
    let report = import(
        &bytes,
        &ImportOptions {
            mapping,
            ..ImportOptions::default()
        },
    );
    assert_eq!(mobile(&report, 0), Some("+32475123456"));
    assert_eq!(custom(&report, 0, "Téléphone fixe"), Some("02 345 67 89"));
    assert!(!report.columns[2].guessed && report.columns[3].guessed);
}

#[test]
fn google_contacts_export() {
    let report = import(&fixture("google_contacts.csv"), &ImportOptions::default());
    let targets: Vec<(&str, String)> = report
        .columns
        .iter()
        .filter(|column| matches!(column.target, ColumnTarget::Field(_)))
        .map(|column| (column.header.as_str(), column.target.to_string()))
        .collect();
    assert_eq!(
        targets,
        [
            ("Given Name", "first_name".to_owned()),
            ("Family Name", "last_name".to_owned()),
            ("E-mail 1 - Value", "email".to_owned()),
            ("Phone 1 - Value", "mobile".to_owned()),
        ]
    );
    // `Name` (the full name) loses the last name to `Family Name`; the second addresses are custom.
    assert_eq!(custom(&report, 0, "Name"), Some("Sarah Vermeersch"));
    assert_eq!(
        custom(&report, 1, "E-mail 2 - Value"),
        Some("koen.dw@example.com")
    );
    assert_eq!(
        custom(&report, 0, "Phone 2 - Value"),
        Some("+32 9 123 45 67")
    );
    let sarah = &report.contacts[0];
    assert_eq!(
        (sarah.first_name.as_str(), sarah.last_name.as_str()),
        ("Sarah", "Vermeersch")
    );
    assert_eq!(mobile(&report, 0), Some("+32478123456"));
    // Koen's first phone is a fixed line: kept in E.164 under its header, no mobile.
    assert_eq!(mobile(&report, 1), None);
    assert_eq!(custom(&report, 1, "Phone 1 - Value"), Some("+3292345678"));
    assert_eq!(
        custom(&report, 1, "Notes"),
        Some("Vraagt een offerte, per mail")
    );
    assert_eq!(mobile(&report, 2), Some("+32479654321"));
    assert!(report.errors.is_empty());
    assert_eq!(report.counts.imported, 3);
}

#[test]
fn outlook_desktop_export() {
    let report = import(
        &fixture("outlook_export_windows1252.csv"),
        &ImportOptions::default(),
    );
    assert_eq!(report.encoding, SourceEncoding::Windows1252);
    assert_eq!(report.columns.len(), 61);
    let fields: Vec<(&str, String)> = report
        .columns
        .iter()
        .filter(|column| matches!(column.target, ColumnTarget::Field(_)))
        .map(|column| (column.header.as_str(), column.target.to_string()))
        .collect();
    assert_eq!(
        fields,
        [
            ("First Name", "first_name".to_owned()),
            ("Last Name", "last_name".to_owned()),
            ("E-mail Address", "email".to_owned()),
            ("Mobile Phone", "mobile".to_owned()),
        ]
    );
    let marc = &report.contacts[0];
    assert_eq!(
        (marc.first_name.as_str(), marc.last_name.as_str()),
        ("Marc", "Lemaire")
    );
    assert_eq!(mobile(&report, 0), Some("+32475556677"));
    // Business Phone and Home Phone are custom fields, as written.
    assert_eq!(
        custom(&report, 0, "Business Phone"),
        Some("+32 2 555 12 34")
    );
    assert_eq!(custom(&report, 0, "Business City"), Some("Liège"));
    assert_eq!(mobile(&report, 1), None);
    assert_eq!(custom(&report, 1, "Home Phone"), Some("010 45 67 89"));
    assert_eq!(report.contacts[2].last_name, "Noël");
    assert_eq!(mobile(&report, 2), Some("+32476334455"));
    assert!(report.errors.is_empty());
    assert_eq!(report.counts.imported, 3);
}

#[test]
fn excel_unicode_text_is_utf16le() {
    let report = import(
        &fixture("excel_unicode_utf16le.txt"),
        &ImportOptions::default(),
    );
    assert_eq!(report.encoding, SourceEncoding::Utf16Le);
    assert_eq!(report.delimiter, '\t');
    assert_eq!(report.contacts[0].first_name, "Amélie");
    assert_eq!(mobile(&report, 0), Some("+32472102030"));
    assert_eq!(mobile(&report, 1), Some("+33781234567"));
    assert_eq!(report.counts.rows, 2);
}

#[test]
fn encoding_is_decided_at_the_first_non_ascii_byte() {
    // Windows-1252 after ASCII rows.
    let report = import(
        b"Email;Nom\na@example.be;Peeters\nb@example.be;Ren\xe9\n",
        &ImportOptions::default(),
    );
    assert_eq!(report.encoding, SourceEncoding::Windows1252);
    assert_eq!(report.contacts[1].last_name, "René");
    // UTF-8 first, then, more than 4 KiB later, a Windows-1252 byte: that field is reported, not
    // replaced.
    let mut bytes = b"Email;Nom\na@example.be;H\xc3\xa9l\xc3\xa8ne\n".to_vec();
    for row in 0..200 {
        bytes.extend_from_slice(format!("p{row}@example.be;Peeters\n").as_bytes());
    }
    bytes.extend_from_slice(b"c@example.be;Ren\xe9\n");
    let mixed = import(&bytes, &ImportOptions::default());
    assert_eq!(mixed.encoding, SourceEncoding::Utf8 { bom: false });
    assert_eq!(
        errors(&mixed),
        [(203, Some("Nom"), "contacts.import.invalid_text")]
    );
    assert_eq!(mixed.errors[0].value, "Ren\u{fffd}");
    // Within 4 KiB, the same byte makes the whole file Windows-1252.
    let near = import(
        b"Email;Nom\na@example.be;H\xc3\xa9l\xc3\xa8ne\nc@example.be;Ren\xe9\n",
        &ImportOptions::default(),
    );
    assert_eq!(near.encoding, SourceEncoding::Windows1252);
    assert_eq!(near.contacts[0].last_name, "HÃ©lÃ¨ne");
    // A file that ends inside a UTF-8 sequence is not UTF-8.
    let cut = import(
        b"Email;Nom\na@example.be;Ren\xc3",
        &ImportOptions::default(),
    );
    assert_eq!(cut.encoding, SourceEncoding::Windows1252);
    assert_eq!(cut.contacts[0].last_name, "RenÃ");
}

#[test]
fn malformed_utf16_stops_the_import() {
    let error = import_contacts(
        &b"\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a"[..],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "contacts.import.malformed_text");
    assert_eq!(error.to_string(), "import: not UTF-16LE text at byte 14");
}

#[test]
fn header_errors() {
    let code =
        |bytes: &[u8], options: &ImportOptions| import_contacts(bytes, options).unwrap_err().code();
    let default = ImportOptions::default();
    assert_eq!(code(b"", &default), "contacts.import.no_header");
    assert_eq!(code(b"\r\n\n", &default), "contacts.import.no_header");
    assert_eq!(
        code(b"Jan;Peeters;0475123456\n", &default),
        "contacts.import.no_address_column"
    );
    let mapping = BTreeMap::from([("Gsm".to_owned(), ColumnTarget::Ignore)]);
    let error = import_contacts(
        &b"GSM,Email\n"[..],
        &ImportOptions {
            mapping,
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(error.code(), "contacts.import.unknown_mapping_column");
    // Mapping the only address column away leaves none.
    let mapping = BTreeMap::from([("GSM".to_owned(), ColumnTarget::Ignore)]);
    assert_eq!(
        code(
            b"GSM;Nom\n",
            &ImportOptions {
                mapping,
                ..ImportOptions::default()
            }
        ),
        "contacts.import.no_address_column"
    );
    assert_eq!(
        code(
            b"Email\n",
            &ImportOptions {
                delimiter: Some('"'),
                ..ImportOptions::default()
            }
        ),
        "contacts.import.invalid_delimiter"
    );
    assert_eq!(
        "phone".parse::<ContactField>().unwrap_err().code(),
        "contacts.import.unknown_field"
    );
    // A custom column named like the phone column would collide with a fixed line kept there.
    let mapping = BTreeMap::from([("Fixe".to_owned(), ColumnTarget::Custom("GSM".to_owned()))]);
    assert_eq!(
        code(
            b"GSM;Fixe\n",
            &ImportOptions {
                mapping,
                ..ImportOptions::default()
            }
        ),
        "contacts.import.duplicate_column"
    );
}

#[test]
fn small_decisions() {
    // Blank lines before the header are not data rows; lines still count from the file's start.
    let report = import(b"\n\nEmail\na@example.be\n", &ImportOptions::default());
    assert_eq!(report.counts.rows, 1);
    let outcomes =
        ContactImporter::new(&b"\n\nEmail\na@example.be\n"[..], &ImportOptions::default())
            .expect("a header")
            .collect::<Result<Vec<_>, _>>()
            .expect("no fatal error");
    assert_eq!(outcomes[0].line(), 4);
    // No email and no mobile: rejected, the fixed line stays in the message's value.
    let report = import(
        b"Nom;T\xc3\xa9l\xc3\xa9phone\nDupont;02 345 67 89\n",
        &ImportOptions::default(),
    );
    assert_eq!(errors(&report), [(2, None, "contacts.import.no_address")]);
    assert_eq!(report.errors[0].value, "Dupont;02 345 67 89");
    // Several problems in one row: all reported, the row counted once.
    let report = import(b"Email;GSM\nnope;12\n", &ImportOptions::default());
    assert_eq!(
        errors(&report),
        [
            (2, Some("Email"), "contacts.invalid_email"),
            (2, Some("GSM"), "contacts.invalid_phone"),
        ]
    );
    assert_eq!(report.counts.rejected, 1);
    // A chosen delimiter wins over sniffing.
    let report = import(
        b"Email|Nom;Pr\xc3\xa9nom\na@example.be|Peeters;Jan\n",
        &ImportOptions {
            delimiter: Some('|'),
            ..ImportOptions::default()
        },
    );
    assert_eq!(custom(&report, 0, "Nom;Prénom"), Some("Peeters;Jan"));
    // Values are trimmed of spaces, tabs and non-breaking spaces.
    let report = import(
        "Email;Nom\n  a@example.be\u{a0};\u{a0}Peeters \n".as_bytes(),
        &ImportOptions::default(),
    );
    assert_eq!(report.contacts[0].last_name, "Peeters");
    // A long value is cut to 200 characters in the error.
    let long = format!("Email\n{}\n", "x".repeat(5000));
    let report = import(long.as_bytes(), &ImportOptions::default());
    assert_eq!(report.errors[0].value.chars().count(), 200);
}

#[test]
fn chunks_and_iteration_give_the_same_outcomes() {
    let bytes = fixture("excel_fr_windows1252.csv");
    let all: Vec<RowOutcome> = ContactImporter::new(&bytes[..], &ImportOptions::default())
        .expect("a header")
        .collect::<Result<_, _>>()
        .expect("no fatal error");
    let mut importer =
        ContactImporter::new(&bytes[..], &ImportOptions::default()).expect("a header");
    let mut chunked = Vec::new();
    loop {
        let chunk = importer.next_chunk(3).expect("no fatal error");
        if chunk.is_empty() {
            break;
        }
        assert!(chunk.len() <= 3);
        chunked.extend(chunk);
    }
    assert_eq!(chunked, all);
    assert_eq!(importer.counts().rows, all.len() as u64);
}

/// One generated data row: what it is, and how it is written.
#[derive(Debug, Clone)]
enum GeneratedRow {
    Blank,
    Fields(Vec<String>),
}

fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("0475 12 34 56".to_owned()),
        Just("+32 476 00 00 01".to_owned()),
        Just("02 345 67 89".to_owned()),
        Just("12345".to_owned()),
        Just("ann@example.be".to_owned()),
        Just("ANN@example.be".to_owned()),
        Just("bob@example.be".to_owned()),
        Just("not an email".to_owned()),
        Just("Hélène".to_owned()),
        Just("line\nbreak".to_owned()),
        Just("a \"quote\"; and, delimiters\t".to_owned()),
        Just("nl".to_owned()),
        Just("Europe/Brussels".to_owned()),
        "[a-z0-9@. ]{0,12}",
    ]
}

fn generated_row() -> impl Strategy<Value = GeneratedRow> {
    prop_oneof![
        1 => Just(GeneratedRow::Blank),
        6 => prop::collection::vec(field_value(), 1..8).prop_map(GeneratedRow::Fields),
    ]
}

fn policy() -> impl Strategy<Value = DuplicatePolicy> {
    prop_oneof![
        Just(DuplicatePolicy::KeepFirst),
        Just(DuplicatePolicy::KeepLast),
        Just(DuplicatePolicy::MergeNonEmpty),
        Just(DuplicatePolicy::Report),
    ]
}

fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

proptest! {
    #[test]
    fn counts_add_up_to_the_data_rows(
        rows in prop::collection::vec(generated_row(), 0..40),
        delimiter in prop_oneof![Just(','), Just(';'), Just('\t')],
        end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        windows_1252 in any::<bool>(),
        duplicates in policy(),
    ) {
        let d = delimiter.to_string();
        let mut text = ["Email", "GSM", "Prénom", "Taal", "Time zone", "Notes"].join(&d) + end;
        let mut expected_lines = Vec::new();
        let mut line = 2u64;
        for row in &rows {
            match row {
                GeneratedRow::Blank => text.push_str(end),
                GeneratedRow::Fields(fields) => {
                    let written: Vec<String> = fields.iter().map(|field| quote(field)).collect();
                    text.push_str(&written.join(&d));
                    text.push_str(end);
                }
            }
            expected_lines.push(line);
            if let GeneratedRow::Fields(fields) = row {
                line += fields.iter().map(|field| field.matches('\n').count() as u64).sum::<u64>();
            }
            line += 1;
        }
        let bytes = if windows_1252 {
            encoding_bytes(&text)
        } else {
            text.into_bytes()
        };
        let options = ImportOptions { duplicates, ..ImportOptions::default() };
        let importer = ContactImporter::new(&bytes[..], &options).expect("the header is valid");
        let outcomes: Vec<RowOutcome> = importer.collect::<Result<_, _>>().expect("no fatal error");
        let lines: Vec<u64> = outcomes.iter().map(RowOutcome::line).collect();
        prop_assert_eq!(&lines, &expected_lines);
        let report = import_contacts(&bytes[..], &options).expect("the import runs");
        prop_assert_eq!(report.counts.rows, rows.len() as u64);
        prop_assert_eq!(report.counts.accounted(), report.counts.rows);
        prop_assert_eq!(report.counts.imported, report.contacts.len() as u64);
        for contact in &report.contacts {
            prop_assert!(contact.email.is_some() || contact.mobile.is_some());
            prop_assert!(contact.mobile.as_ref().is_none_or(|mobile| mobile.is_mobile()));
        }
    }
}

/// `text` in Windows-1252 (every character of the generator is in it).
fn encoding_bytes(text: &str) -> Vec<u8> {
    text.chars()
        .map(|character| match character {
            'é' => 0xE9,
            other => u8::try_from(u32::from(other)).expect("an ASCII character"),
        })
        .collect()
}

#[test]
fn an_unterminated_quote_rejects_its_row_and_the_next_lines_are_read_again() {
    let bytes = fixture("unterminated_quote.csv");
    let outcomes: Vec<RowOutcome> = ContactImporter::new(&bytes[..], &ImportOptions::default())
        .expect("a header")
        .collect::<Result<_, _>>()
        .expect("no fatal error");
    let lines: Vec<(u64, bool)> = outcomes
        .iter()
        .map(|outcome| {
            (
                outcome.line(),
                matches!(outcome, RowOutcome::Imported { .. }),
            )
        })
        .collect();
    // Line 2 spans lines 2–3 (a closed quote); the row of line 4 opens a quote on line 5 that the
    // file never closes: it ends with line 5, and lines 6 and 7 are rows again.
    assert_eq!(lines, [(2, true), (4, false), (6, true), (7, true)]);
    let report = import(&bytes, &ImportOptions::default());
    assert_eq!(
        errors(&report),
        [(4, Some("Remarque"), "contacts.import.unterminated_quote")]
    );
    assert_eq!(
        report.errors[0].reason,
        RowProblem::UnterminatedQuote { quote_line: 5 }
    );
    assert_eq!(report.errors[0].value, "à rappeler");
    assert_eq!(
        report.errors[0].to_string(),
        "line 4, column \"Remarque\": a quote opened on line 5 is not closed within 262144 bytes \
         or before the end of the file; the row ends with that line and the next lines are read \
         as rows"
    );
    assert_eq!(report.contacts[1].first_name, "Émile");
    assert_eq!(custom(&report, 2, "Remarque"), Some("Cliente fidèle"));
    assert_eq!(
        (
            report.counts.rows,
            report.counts.imported,
            report.counts.rejected
        ),
        (4, 3, 1)
    );
    // The last line's quote, alone.
    let report = import(
        b"Email;Nom\na@example.be;\"Peeters",
        &ImportOptions::default(),
    );
    assert_eq!(
        errors(&report),
        [(2, Some("Nom"), "contacts.import.unterminated_quote")]
    );
    assert_eq!(report.errors[0].value, "Peeters");
}

#[test]
fn a_quote_open_past_the_row_limit_is_given_up_and_the_rows_it_swallowed_come_back() {
    // Line 4 opens a quote and no other quote follows for 12,000 rows (~400 KB, past the limit),
    // then a multi-line quoted value.
    let mut csv = String::from("Email;Nom;Remarque\r\na@example.be;A;\"ok\r\nok\"\r\n");
    csv.push_str("b@example.be;B;\"oublié\r\n");
    let rows = 12_000;
    for row in 0..rows {
        csv.push_str(&format!("p{row}@example.be;Peeters {row};-\r\n"));
    }
    csv.push_str("z@example.be;Z;\"deux\r\nlignes\"\r\n");
    assert!(csv.len() > MAX_ROW_BYTES);
    let report = import(csv.as_bytes(), &ImportOptions::default());
    assert_eq!(
        errors(&report),
        [(4, Some("Remarque"), "contacts.import.unterminated_quote")]
    );
    assert_eq!(report.errors[0].value, "oublié");
    // Every row after the quote's line is imported: nothing swallowed.
    assert_eq!(report.counts.imported, 2 + rows);
    assert_eq!(report.counts.rows, 3 + rows);
    assert_eq!(
        custom(&report, report.contacts.len() - 1, "Remarque"),
        Some("deux\r\nlignes")
    );
    let lines: Vec<u64> = ContactImporter::new(csv.as_bytes(), &ImportOptions::default())
        .expect("a header")
        .map(|outcome| outcome.expect("no fatal error").line())
        .collect();
    assert_eq!(lines[..4], [2, 4, 5, 6]);
    assert_eq!(lines.last(), Some(&(5 + rows)));

    // A line longer than the limit with no quote: rejected, reading resumes at the next line.
    let long = format!(
        "Email;Nom\na@example.be;{}\nb@example.be;Maes\n",
        "x".repeat(MAX_ROW_BYTES)
    );
    let report = import(long.as_bytes(), &ImportOptions::default());
    assert_eq!(errors(&report), [(2, None, "contacts.import.row_too_long")]);
    assert!(report.errors[0].value.starts_with("a@example.be;xxx"));
    assert_eq!(report.contacts[0].last_name, "Maes");
    // Just under the limit is a row.
    let fits = format!(
        "Email;Nom\na@example.be;{}\n",
        "x".repeat(MAX_ROW_BYTES - "a@example.be;\n".len())
    );
    assert_eq!(
        import(fits.as_bytes(), &ImportOptions::default())
            .counts
            .imported,
        1
    );
}

#[test]
fn a_header_with_an_unterminated_quote_or_too_long_stops_the_import() {
    let error = import_contacts(
        &b"Email;\"Nom\na@example.be;Peeters\n"[..],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        ImportError::HeaderUnterminatedQuote { quote_line: 1 }
    );
    assert_eq!(error.code(), "contacts.import.unterminated_quote");
    let long = format!("Email;{}\n", "N".repeat(MAX_ROW_BYTES));
    let error = import_contacts(long.as_bytes(), &ImportOptions::default()).unwrap_err();
    assert_eq!(error.code(), "contacts.import.row_too_long");
}

#[test]
fn an_ignored_column_is_not_read() {
    // UTF-8 (decided by the é of line 2), then, more than 4 KiB later, a Windows-1252 byte and an
    // unknown language, both in ignored columns.
    let mut bytes = b"Email;Nom;Langue;Remarque\na@example.be;H\xc3\xa9l\xc3\xa8ne;fr;\n".to_vec();
    for row in 0..200 {
        bytes.extend_from_slice(format!("p{row}@example.be;Peeters;nl;\n").as_bytes());
    }
    bytes.extend_from_slice(b"c@example.be;Ren\xe9;es;caf\xe9\n");
    let mapping = BTreeMap::from([
        ("Langue".to_owned(), ColumnTarget::Ignore),
        ("Remarque".to_owned(), ColumnTarget::Ignore),
    ]);
    let ignoring = ImportOptions {
        mapping,
        ..ImportOptions::default()
    };
    let report = import(&bytes, &ignoring);
    assert_eq!(report.encoding, SourceEncoding::Utf8 { bom: false });
    // Only the Nom column, which is read, is reported.
    assert_eq!(
        errors(&report),
        [(203, Some("Nom"), "contacts.import.invalid_text")]
    );
    let fine = b"Email;Langue;Remarque\nc@example.be;es;caf\xe9\xff\n";
    let report = import(&fine[..], &ignoring);
    assert!(report.errors.is_empty());
    assert!(report.contacts[0].language.is_none() && report.contacts[0].custom_fields.is_empty());
}

#[test]
fn new_contacts_get_the_preferences_of_the_account_sms_option() {
    let csv = "GSM;Email\n0475 12 34 56;a@example.be\n";
    let default = import(csv.as_bytes(), &ImportOptions::default());
    assert!(default.contacts[0].preferences.email && !default.contacts[0].preferences.sms);
    let on = AccountSmsOption {
        enabled: true,
        changed_at: None,
    };
    let report = import(
        csv.as_bytes(),
        &ImportOptions {
            sms_option: on,
            ..ImportOptions::default()
        },
    );
    assert_eq!(report.contacts[0].preferences, on.new_contact_preferences());
    assert!(report.contacts[0].preferences.sms);
}

#[test]
fn finish_after_taking_rows_hands_back_the_updates_of_contacts_taken() {
    let csv = "Email;Nom\nann@example.be;Peeters\nbob@example.be;Maes\nann@example.be;Claes\n";
    let options = options(DuplicatePolicy::KeepLast);
    let mut importer = ContactImporter::new(csv.as_bytes(), &options).expect("a header");
    assert_eq!(importer.next_chunk(1).expect("no fatal error").len(), 1);
    let report = importer.finish().expect("no fatal error");
    assert_eq!(report.contacts.len(), 1); // bob only
    assert!(matches!(
        &report.earlier_updates[..],
        [RowOutcome::Replaced { line: 4, index: 0, contact, .. }] if contact.last_name == "Claes"
    ));
    assert_eq!(report.counts.rows, 3);
    assert!(import(csv.as_bytes(), &options).earlier_updates.is_empty());
}

proptest! {
    #[test]
    fn stray_quotes_never_lose_a_row_nor_break_the_counts(
        rows in prop::collection::vec(prop::collection::vec("[a-z0-9@. ]{0,6}", 1..4), 1..30),
        stray in prop::collection::vec((0usize..30, 0usize..4, prop_oneof![Just("\""), Just("\"\""), Just("\"\"\"")]), 0..3),
        end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    ) {
        let mut lines: Vec<Vec<String>> = rows;
        for (row, field, quotes) in &stray {
            if let Some(fields) = lines.get_mut(*row) {
                if let Some(value) = fields.get_mut(*field) {
                    value.insert_str(0, quotes);
                }
            }
        }
        let mut text = format!("Email;Nom;Remarque{end}");
        for fields in &lines {
            text.push_str(&fields.join(";"));
            text.push_str(end);
        }
        let importer = ContactImporter::new(text.as_bytes(), &ImportOptions::default())
            .expect("the header is valid");
        let outcomes: Vec<RowOutcome> = importer.collect::<Result<_, _>>().expect("no fatal error");
        let seen: Vec<u64> = outcomes.iter().map(RowOutcome::line).collect();
        prop_assert!(seen.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", seen);
        // Every outcome starts on a line of the file's data.
        prop_assert!(seen.iter().all(|line| *line >= 2 && *line <= 1 + lines.len() as u64));
        let report = import_contacts(text.as_bytes(), &ImportOptions::default()).expect("runs");
        prop_assert_eq!(report.counts.accounted(), report.counts.rows);
        prop_assert_eq!(report.counts.rows, outcomes.len() as u64);
        if stray.is_empty() {
            prop_assert_eq!(report.counts.rows, lines.len() as u64);
        }
        for error in &report.errors {
            if let RowProblem::UnterminatedQuote { quote_line } = error.reason {
                prop_assert!(quote_line >= error.line);
            }
        }
    }
}
