//! Registered mail: the host's barcode range and the printable summary with its deadlines.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::language::Language;
use envoi::post::{BarcodeRange, PostError, RegisteredSummary};
use envoi::time::Instant;

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

#[test]
fn a_range_hands_out_each_number_once_then_is_exhausted() {
    let mut range = BarcodeRange::new(100, 102).unwrap();
    assert_eq!(range.remaining(), 3);
    assert_eq!(range.next_barcode().unwrap(), 100);
    assert_eq!(range.next_barcode().unwrap(), 101);
    assert_eq!(range.next_barcode().unwrap(), 102);
    assert_eq!(range.remaining(), 0);
    let error = range.next_barcode().unwrap_err();
    assert_eq!(
        error,
        PostError::BarcodeRangeExhausted {
            first: 100,
            last: 102
        }
    );
    assert_eq!(
        error.to_string(),
        "barcode range: every number from 100 to 102 has been used; the host needs a new range from the post"
    );
    // A range of one number.
    let mut single = BarcodeRange::new(7, 7).unwrap();
    assert_eq!(single.next_barcode().unwrap(), 7);
    assert_eq!(
        single.next_barcode().unwrap_err().code(),
        "post.barcode_range_exhausted"
    );
    // At the top of u64, without overflow.
    let mut top = BarcodeRange::new(u64::MAX - 1, u64::MAX).unwrap();
    assert_eq!(top.take(2).unwrap(), [u64::MAX - 1, u64::MAX]);
    assert_eq!(top.remaining(), 0);
    assert!(top.next_barcode().is_err());
    assert_eq!(
        BarcodeRange::new(3, 2).unwrap_err(),
        PostError::InvalidBarcodeRange { first: 3, last: 2 }
    );
}

#[test]
fn take_is_all_or_nothing() {
    let mut range = BarcodeRange::new(1, 5).unwrap();
    assert_eq!(
        range.take(6).unwrap_err().code(),
        "post.barcode_range_exhausted"
    );
    assert_eq!(range.remaining(), 5);
    assert_eq!(range.take(5).unwrap(), [1, 2, 3, 4, 5]);
    assert_eq!(range.take(0).unwrap(), Vec::<u64>::new());
    assert_eq!(
        range.take(1).unwrap_err().code(),
        "post.barcode_range_exhausted"
    );
}

#[test]
fn a_range_is_stored_as_plain_checked_data() {
    let mut range = BarcodeRange::new(10, 11).unwrap();
    range.next_barcode().unwrap();
    let text = serde_json::to_string(&range).unwrap();
    assert_eq!(text, r#"{"first":10,"last":11,"next":11}"#);
    let mut back: BarcodeRange = serde_json::from_str(&text).unwrap();
    assert_eq!(back, range);
    assert_eq!(back.next_barcode().unwrap(), 11);
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        r#"{"first":10,"last":11,"next":null}"#
    );
    for bad in [
        r#"{"first":12,"last":11,"next":null}"#,
        r#"{"first":10,"last":11,"next":12}"#,
        r#"{"first":10,"last":11,"next":9}"#,
        r#"{"first":10,"last":11}"#,
        r#"{"first":10,"last":11,"next":null,"used":1}"#,
    ] {
        assert!(serde_json::from_str::<BarcodeRange>(bad).is_err(), "{bad}");
    }
}

fn summary(acknowledgement: bool) -> RegisteredSummary {
    RegisteredSummary::new(
        323_200_000_017,
        vec![
            "SPRL Dupont".into(),
            "  Rue Haute 1  ".into(),
            "".into(),
            "1000 BRUXELLES".into(),
        ],
        at("2026-03-13T14:00:00Z"), // Friday 15:00 in Brussels
        day(2026, 3, 16),
        acknowledgement,
    )
    .unwrap()
}

#[test]
fn the_summary_prints_in_the_four_languages() {
    assert_eq!(
        summary(true).to_text(Language::Fr).unwrap(),
        "Envoi recommandé : récapitulatif\n\
         Date de soumission : 13/03/2026\n\
         Date de dépôt à la poste : 16/03/2026\n\
         Destinataire :\n\
         \x20 SPRL Dupont\n\
         \x20 Rue Haute 1\n\
         \x20 1000 BRUXELLES\n\
         Numéro du recommandé : 323200000017\n\
         Avis de réception : oui\n\
         Réclamation possible jusqu'au : 16/03/2027\n"
    );
    let dutch = summary(false).to_text(Language::Nl).unwrap();
    assert!(
        dutch.starts_with("Aangetekende zending: overzicht\nDatum van indiening: 13/03/2026\n")
    );
    assert!(dutch.contains("Ontvangstbewijs: nee\n"));
    let german = summary(true).to_text(Language::De).unwrap();
    assert!(german.contains("Einlieferungsdatum bei der Post: 16.03.2026\n"));
    assert!(german.contains("Rückschein: ja\n"));
    let english = summary(false).to_text(Language::En).unwrap();
    assert!(english.contains("Registered letter number: 323200000017\n"));
    assert!(english.ends_with("Claims possible until: 2027-03-16\n"));
}

#[test]
fn the_summary_exists_only_from_handover_and_carries_its_deadlines() {
    let summary = summary(false);
    assert_eq!(summary.submitted_on(), day(2026, 3, 13));
    assert_eq!(summary.kept_until().unwrap(), day(2026, 5, 15));
    assert_eq!(
        summary.deposit_receipt_kept_until().unwrap(),
        day(2029, 3, 16)
    );
    assert_eq!(summary.claim_deadline().unwrap(), day(2027, 3, 16));

    // Submitted at 00:30 on 11 March in Brussels (23:30 UTC on the 10th): a handover on the 10th
    // would be before the submission day.
    let error = RegisteredSummary::new(
        1,
        vec!["A".into()],
        at("2026-03-10T23:30:00Z"),
        day(2026, 3, 10),
        false,
    )
    .unwrap_err();
    assert_eq!(
        error,
        PostError::HandoverBeforeSubmission {
            submitted_on: day(2026, 3, 11),
            handed_over_on: day(2026, 3, 10)
        }
    );
    assert!(
        RegisteredSummary::new(
            1,
            vec!["A".into()],
            at("2026-03-10T23:30:00Z"),
            day(2026, 3, 11),
            false
        )
        .is_ok()
    );
    assert_eq!(
        RegisteredSummary::new(
            1,
            vec![" ".into()],
            at("2026-03-10T08:00:00Z"),
            day(2026, 3, 10),
            false
        )
        .unwrap_err(),
        PostError::EmptyAddress
    );
    let text = serde_json::to_string(&summary).unwrap();
    assert_eq!(
        serde_json::from_str::<RegisteredSummary>(&text).unwrap(),
        summary
    );
}
