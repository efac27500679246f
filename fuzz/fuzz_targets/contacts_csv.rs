//! Fuzzes the contact CSV import (`envoi::contacts::import`) with any bytes. The first byte chooses
//! the options (bits 0–1 the duplicate policy, bit 2 the default region BE or FR, bit 3 a given `;`
//! delimiter instead of sniffing, bit 4 the account's SMS option on); the rest is the file. It must
//! never panic; an import that stops does so with a `contacts.import.` code; otherwise every data
//! row has exactly one outcome, lines increase, the counts add up, every imported contact has a
//! valid email or a mobile number (E.164, re-read to itself, and accepting SMS) and the preferences of
//! the SMS option, every duplicate names its column and value, and an unterminated quote opened
//! on or after its row's line.
#![no_main]

use envoi::ErrorCode;
use envoi::contacts::import::{
    ContactImporter, DuplicatePolicy, ImportOptions, RowOutcome, RowProblem,
};
use envoi::contacts::{AccountSmsOption, Contact, EmailAddress, PhoneNumber, Region};
use libfuzzer_sys::fuzz_target;

fn check(contact: &Contact) {
    assert!(contact.email.is_some() || contact.mobile.is_some());
    if let Some(email) = &contact.email {
        assert_eq!(EmailAddress::parse(email.as_str()).as_ref(), Ok(email));
    }
    if let Some(mobile) = &contact.mobile {
        assert!(mobile.accepts_sms());
        assert_eq!(PhoneNumber::parse_e164(mobile.e164()).as_ref(), Ok(mobile));
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, csv)) = data.split_first() else {
        return;
    };
    let options = ImportOptions {
        duplicates: [
            DuplicatePolicy::KeepFirst,
            DuplicatePolicy::KeepLast,
            DuplicatePolicy::MergeNonEmpty,
            DuplicatePolicy::Report,
        ][usize::from(selector & 3)],
        default_region: if selector & 4 == 0 {
            Region::BE
        } else {
            Region::FR
        },
        delimiter: (selector & 8 != 0).then_some(';'),
        sms_option: AccountSmsOption {
            enabled: selector & 16 != 0,
            changed_at: None,
        },
        ..ImportOptions::default()
    };
    let preferences = options.sms_option.new_contact_preferences();
    let named = |column: &str, value: &str| {
        assert!(!column.is_empty());
        assert!(value.chars().count() <= 200);
    };
    let mut importer = match ContactImporter::new(csv, &options) {
        Ok(importer) => importer,
        Err(error) => {
            assert!(error.code().starts_with("contacts.import."), "{error:?}");
            return;
        }
    };
    let mut outcomes = 0u64;
    let mut last_line = 0;
    let mut contacts = 0usize;
    for outcome in importer.by_ref() {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                assert_eq!(error.code(), "contacts.import.malformed_text", "{error:?}");
                return;
            }
        };
        outcomes += 1;
        assert!(
            outcome.line() > last_line,
            "{outcome:?} after line {last_line}"
        );
        last_line = outcome.line();
        match &outcome {
            RowOutcome::Imported { index, contact, .. } => {
                assert_eq!(*index, contacts);
                contacts += 1;
                check(contact);
                assert_eq!(contact.preferences, preferences);
            }
            RowOutcome::Replaced {
                index,
                contact,
                column,
                value,
                ..
            } => {
                assert!(*index < contacts);
                check(contact);
                named(column, value);
            }
            RowOutcome::Merged {
                index,
                column,
                value,
                ..
            }
            | RowOutcome::DuplicateSkipped {
                index,
                column,
                value,
                ..
            } => {
                assert!(*index < contacts);
                named(column, value);
            }
            RowOutcome::Rejected { errors, .. } => {
                assert!(!errors.is_empty());
                for error in errors {
                    assert_eq!(error.line, outcome.line());
                    assert!(error.value.chars().count() <= 200);
                    assert!(error.code().starts_with("contacts."), "{error:?}");
                    if let RowProblem::UnterminatedQuote { quote_line } = error.reason {
                        assert!(quote_line >= error.line, "{error:?}");
                    }
                }
            }
            RowOutcome::Blank { .. } => {}
        }
    }
    let counts = importer.counts();
    assert_eq!(counts.rows, outcomes);
    assert_eq!(counts.accounted(), counts.rows);
    assert_eq!(counts.imported, contacts as u64);
    // The whole-report form agrees, with merges applied.
    let report = envoi::contacts::import::import_contacts(csv, &options).expect("same input");
    assert_eq!(report.counts, counts);
    report.contacts.iter().for_each(check);
});
