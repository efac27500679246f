//! Registered mail: barcodes (UPU S10 and bpost national) and the host's range of them, and the
//! printable summary with its deadlines.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::language::Language;
use envoi::post::{
    Barcode, BarcodeFormat, BarcodeRange, PostError, RegisteredSummary, S10_MAX_SERIAL,
    s10_check_digit,
};
use envoi::time::Instant;
use proptest::prelude::*;

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

// ---- Barcodes ------------------------------------------------------------------------------------

#[test]
fn the_s10_check_digit_matches_the_standard_and_published_examples() {
    // The UPU S10 standard's worked example: 47312482 gives 9.
    assert_eq!(s10_check_digit(47_312_482), Some(9));
    // The `s10` npm package's test vectors.
    assert_eq!(s10_check_digit(71_758), Some(1));
    assert_eq!(s10_check_digit(96_633_102), Some(0)); // 11 - (sum mod 11) = 10 becomes 0
    assert_eq!(s10_check_digit(76_129_403), Some(8));
    assert_eq!(s10_check_digit(71_761), Some(8));
    // 11 becomes 5: a sum divisible by 11.
    assert_eq!(s10_check_digit(0), Some(5));
    assert_eq!(s10_check_digit(S10_MAX_SERIAL), Some(5)); // 99999999: sum 396 = 36 × 11
    assert_eq!(s10_check_digit(S10_MAX_SERIAL + 1), None);
    for text in [
        "RB123456785GB",
        "RR473124829FR",
        "RA000717618HK",
        "RR999999995BE",
    ] {
        let barcode = Barcode::parse(text).unwrap();
        assert_eq!(
            (barcode.as_str(), barcode.format()),
            (text, BarcodeFormat::S10)
        );
    }
}

#[test]
fn a_barcode_that_breaks_its_format_is_an_error_naming_the_value_and_the_rule() {
    let mismatch = Barcode::parse("RR123456789BE").unwrap_err();
    assert_eq!(
        mismatch,
        PostError::BarcodeCheckDigitMismatch {
            value: "RR123456789BE".into(),
            serial: "12345678".into(),
            expected: 5,
            found: 9,
        }
    );
    let cases = [
        ("rr123456785be", "starts with \"rr\""),
        ("CE123456785BE", "starts with \"CE\""), // a parcel, not registered mail
        ("RR12345678BE", "has 12 characters"),
        ("RR1234567855BE", "has 14 characters"),
        ("RR12345X785BE", "does not have 9 digits"),
        ("RR123456785XX", "ends with \"XX\""),
        ("RR123456785be", "ends with \"be\""),
        (
            "RR123456785BÉ",
            "has a character that is not a letter or a digit",
        ),
        ("", "has 0 characters"),
        ("01054128850045262122123456789", "has 29 characters"),
        ("0105412885004526212212345678901", "has 31 characters"),
        ("020541288500452621221234567890", "does not start with 010"),
        ("01054128850045262122123456789A", "has 30 characters"), // not all digits
    ];
    for (text, rule) in cases {
        let error = Barcode::parse(text).unwrap_err();
        assert_eq!(error.code(), "post.invalid_barcode", "{text:?}");
        let PostError::InvalidBarcode {
            field,
            value,
            rule: broken,
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!((*field, value.as_str()), ("barcode", text));
        assert!(broken.starts_with(rule), "{text:?}: {broken}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("barcode: {text:?} ")),
            "{error}"
        );
    }
    // A very long value is cut to 80 characters in the error.
    let long = "R".repeat(500);
    let PostError::InvalidBarcode { value, .. } = Barcode::parse(&long).unwrap_err() else {
        panic!();
    };
    assert_eq!(value.chars().count(), 80);
    // Spaces, as printed under the bars, are dropped.
    assert_eq!(
        Barcode::parse(" RR 123 456 785 BE ").unwrap().as_str(),
        "RR123456785BE"
    );
    assert_eq!(
        Barcode::parse("0105 4128 8500 4526 2122 1234 5678 90")
            .unwrap()
            .format(),
        BarcodeFormat::BpostNational
    );
}

#[test]
fn an_s10_barcode_is_made_from_its_parts_with_its_check_digit() {
    assert_eq!(
        Barcode::s10("RR", 12_345_678, "BE").unwrap().as_str(),
        "RR123456785BE"
    );
    assert_eq!(
        Barcode::s10("RR", 0, "BE").unwrap().as_str(),
        "RR000000005BE"
    );
    let error = Barcode::s10("RR", 100_000_000, "BE").unwrap_err();
    assert_eq!(
        error.to_string(),
        "serial: \"100000000\" is over 99999999; a UPU S10 serial has 8 digits"
    );
    for (service, country, field) in [
        ("EE", "BE", "service"),
        ("R", "BE", "service"),
        ("RR", "B", "country"),
        ("RR", "ZZ", "country"),
    ] {
        let error = Barcode::s10(service, 1, country).unwrap_err();
        assert!(
            matches!(&error, PostError::InvalidBarcode { field: f, .. } if *f == field),
            "{service} {country}: {error:?}"
        );
    }
}

#[test]
fn a_barcode_is_stored_as_its_checked_text() {
    let barcode = Barcode::parse("RR123456785BE").unwrap();
    assert_eq!(
        serde_json::to_string(&barcode).unwrap(),
        "\"RR123456785BE\""
    );
    assert_eq!(
        serde_json::from_str::<Barcode>("\"RR123456785BE\"").unwrap(),
        barcode
    );
    assert_eq!("RR123456785BE".parse::<Barcode>().unwrap(), barcode);
    for bad in ["\"RR123456789BE\"", "123", "\"\"", "null"] {
        assert!(serde_json::from_str::<Barcode>(bad).is_err(), "{bad}");
    }
}

// ---- Ranges --------------------------------------------------------------------------------------

#[test]
fn an_s10_range_hands_out_each_barcode_once_then_is_exhausted() {
    let mut range = BarcodeRange::s10("RR", 100, 102, "BE").unwrap();
    assert_eq!(
        (
            range.format(),
            range.prefix(),
            range.suffix(),
            range.first(),
            range.last()
        ),
        (BarcodeFormat::S10, "RR", "BE", 100, 102)
    );
    assert_eq!(range.remaining(), 3);
    let handed: Vec<String> = (0..3)
        .map(|_| range.next_barcode().unwrap().to_string())
        .collect();
    assert_eq!(handed, ["RR000001006BE", "RR000001010BE", "RR000001023BE"]);
    for text in &handed {
        assert_eq!(Barcode::parse(text).unwrap().as_str(), text);
    }
    assert_eq!((range.remaining(), range.next()), (0, None));
    let error = range.next_barcode().unwrap_err();
    assert_eq!(
        error,
        PostError::BarcodeRangeExhausted {
            first: "RR000001006BE".into(),
            last: "RR000001023BE".into(),
            requested: 1,
            remaining: 0,
        }
    );
    assert_eq!(
        error.to_string(),
        "barcode range RR000001006BE to RR000001023BE: 1 asked, 0 left; the host needs a new range from the post"
    );
    // The top of the eight-digit serials.
    let mut top = BarcodeRange::s10("RR", S10_MAX_SERIAL - 1, S10_MAX_SERIAL, "BE").unwrap();
    let texts: Vec<String> = top
        .take(2)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(texts, ["RR999999987BE", "RR999999995BE"]);
    assert!(top.next_barcode().is_err());
}

#[test]
fn a_range_that_breaks_its_format_is_an_error_naming_the_field() {
    let field_of = |error: PostError| match error {
        PostError::InvalidBarcodeRange { field, .. } => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        BarcodeRange::s10("RR", 3, 2, "BE").unwrap_err(),
        PostError::InvalidBarcodeRange {
            field: "first",
            value: "3".into(),
            rule: "is after last (2); a range runs from its first serial to its last".into(),
        }
    );
    assert_eq!(
        field_of(BarcodeRange::s10("RR", 1, 100_000_000, "BE").unwrap_err()),
        "last"
    );
    assert_eq!(
        field_of(BarcodeRange::s10("CE", 1, 2, "BE").unwrap_err()),
        "prefix"
    );
    assert_eq!(
        field_of(BarcodeRange::s10("RR", 1, 2, "be").unwrap_err()),
        "suffix"
    );
    assert_eq!(
        field_of(BarcodeRange::bpost_national("020", 1, 2, "").unwrap_err()),
        "prefix"
    );
    assert_eq!(
        field_of(BarcodeRange::bpost_national("01", 1, 2, "").unwrap_err()),
        "prefix"
    );
    assert_eq!(
        field_of(BarcodeRange::bpost_national("010", 1, 2, "7a").unwrap_err()),
        "suffix"
    );
    // Prefix and suffix leave no serial digit.
    let full = format!("010{}", "5".repeat(27));
    assert_eq!(
        field_of(BarcodeRange::bpost_national(&full, 0, 0, "").unwrap_err()),
        "prefix"
    );
    // A serial with more digits than the prefix and suffix leave.
    let error =
        BarcodeRange::bpost_national("0105412885004526212212345", 1, 100_000, "").unwrap_err();
    assert_eq!(
        error.to_string(),
        "barcode range: last \"100000\" has 6 digits; the prefix and suffix leave 5 of the 30"
    );
    assert!(BarcodeRange::bpost_national("0105412885004526212212345", 1, 99_999, "").is_ok());
}

#[test]
fn a_bpost_national_range_fills_thirty_digits() {
    let mut range = BarcodeRange::bpost_national("0105412885", 7, 8, "99").unwrap();
    assert_eq!(
        range.next_barcode().unwrap().as_str(),
        "010541288500000000000000000799"
    );
    let last = range.next_barcode().unwrap();
    assert_eq!(last.as_str(), "010541288500000000000000000899");
    assert_eq!(last.format(), BarcodeFormat::BpostNational);
    assert_eq!(last.as_str().len(), 30);
    // The whole u64 fits in the 27 digits "010" leaves, without overflow.
    let mut top = BarcodeRange::bpost_national("010", u64::MAX - 1, u64::MAX, "").unwrap();
    let barcodes = top.take(2).unwrap();
    assert_eq!(barcodes[1].as_str(), format!("010{:027}", u64::MAX));
    assert_eq!(top.remaining(), 0);
    let mut all = BarcodeRange::bpost_national("010", 0, u64::MAX, "").unwrap();
    all.next_barcode().unwrap();
    all.next_barcode().unwrap();
    assert_eq!(all.remaining(), (1u128 << 64) - 2);
    assert_eq!(
        all.take(usize::MAX).unwrap_err().code(),
        "post.barcode_range_exhausted"
    );
}

#[test]
fn take_is_all_or_nothing() {
    let mut range = BarcodeRange::s10("RR", 1, 5, "BE").unwrap();
    assert_eq!(
        range.take(6).unwrap_err(),
        PostError::BarcodeRangeExhausted {
            first: "RR000000014BE".into(),
            last: "RR000000059BE".into(),
            requested: 6,
            remaining: 5,
        }
    );
    assert_eq!(range.remaining(), 5);
    assert_eq!(range.take(5).unwrap().len(), 5);
    assert_eq!(range.take(0).unwrap(), Vec::<Barcode>::new());
    assert_eq!(
        range.take(1).unwrap_err().code(),
        "post.barcode_range_exhausted"
    );
}

#[test]
fn a_range_is_stored_as_plain_checked_data() {
    let mut range = BarcodeRange::s10("RR", 10, 11, "BE").unwrap();
    range.next_barcode().unwrap();
    let text = serde_json::to_string(&range).unwrap();
    assert_eq!(
        text,
        r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":11}"#
    );
    let mut back: BarcodeRange = serde_json::from_str(&text).unwrap();
    assert_eq!(back, range);
    assert_eq!(back.next_barcode().unwrap().as_str(), "RR000000116BE");
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":null}"#
    );
    let national = BarcodeRange::bpost_national("0105412885", 1, 2, "").unwrap();
    let text = serde_json::to_string(&national).unwrap();
    assert_eq!(
        text,
        r#"{"format":"bpost_national","prefix":"0105412885","suffix":"","first":1,"last":2,"next":1}"#
    );
    assert_eq!(
        serde_json::from_str::<BarcodeRange>(&text).unwrap(),
        national
    );

    // `next` outside the range is its own error, carrying next, first and last.
    for (next, message) in [(12, "next 12"), (9, "next 9")] {
        let json = format!(
            r#"{{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":{next}}}"#
        );
        let error = serde_json::from_str::<BarcodeRange>(&json).unwrap_err();
        assert!(
            error.to_string().starts_with(&format!(
                "barcode range: {message} is outside the range 10 to 11"
            )),
            "{error}"
        );
    }
    let outside = r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":9}"#;
    assert_eq!(
        BarcodeRange::from_json(outside).unwrap_err(),
        PostError::BarcodeNextOutsideRange {
            next: 9,
            first: 10,
            last: 11
        }
    );
    let error = BarcodeRange::from_json(r#"{"format":"s10","prefix":"RR"}"#).unwrap_err();
    assert!(
        matches!(&error, PostError::InvalidBarcodeRange { field: "json", rule, .. } if rule.contains("missing field")),
        "{error:?}"
    );
    assert_eq!(
        BarcodeRange::from_json(
            r#"{"format":"s10","prefix":"RR","suffix":"BE","first":12,"last":11,"next":null}"#
        )
        .unwrap_err()
        .code(),
        "post.invalid_barcode_range"
    );
    for bad in [
        r#"{"format":"s10","prefix":"RR","suffix":"BE","first":12,"last":11,"next":null}"#,
        r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11}"#,
        r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":null,"used":1}"#,
        r#"{"format":"s10","prefix":"010","suffix":"","first":10,"last":11,"next":10}"#,
        r#"{"format":"bpost_national","prefix":"RR","suffix":"BE","first":10,"last":11,"next":10}"#,
        r#"{"format":"s9","prefix":"RR","suffix":"BE","first":10,"last":11,"next":10}"#,
        r#"{"first":10,"last":11,"next":10}"#,
    ] {
        assert!(serde_json::from_str::<BarcodeRange>(bad).is_err(), "{bad}");
    }
}

proptest! {
    #[test]
    fn every_barcode_a_range_hands_out_parses_back_in_order(
        first in 0u64..=S10_MAX_SERIAL,
        count in 1usize..40,
        national in any::<bool>(),
    ) {
        let last = (first + count as u64 - 1).min(S10_MAX_SERIAL);
        let mut range = if national {
            BarcodeRange::bpost_national("0105412885004526", first, last, "").unwrap()
        } else {
            BarcodeRange::s10("RR", first, last, "BE").unwrap()
        };
        let expected = (last - first + 1) as usize;
        let barcodes = range.take(expected).unwrap();
        prop_assert_eq!(barcodes.len(), expected);
        for pair in barcodes.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
        for barcode in &barcodes {
            let back = Barcode::parse(barcode.as_str()).unwrap();
            prop_assert_eq!(&back, barcode);
            prop_assert_eq!(back.format(), range.format());
        }
        prop_assert!(range.next_barcode().is_err());
    }

    #[test]
    fn a_wrong_s10_check_digit_is_always_found(serial in 0u64..=S10_MAX_SERIAL, digit in 0u8..10) {
        let good = Barcode::s10("RR", serial, "BE").unwrap();
        let expected = s10_check_digit(serial).unwrap();
        let text = format!("RR{serial:08}{digit}BE");
        let parsed = Barcode::parse(&text);
        if digit == expected {
            prop_assert_eq!(parsed.unwrap(), good);
        } else {
            prop_assert_eq!(parsed.unwrap_err().code(), "post.barcode_check_digit_mismatch");
        }
    }
}

fn barcode() -> Barcode {
    Barcode::s10("RR", 1, "BE").unwrap()
}

fn summary(acknowledgement: bool) -> RegisteredSummary {
    RegisteredSummary::new(
        Barcode::parse("RR123456785BE").unwrap(),
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
         Numéro du recommandé : RR123456785BE\n\
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
    assert!(english.contains("Registered letter number: RR123456785BE\n"));
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
        barcode(),
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
            barcode(),
            vec!["A".into()],
            at("2026-03-10T23:30:00Z"),
            day(2026, 3, 11),
            false
        )
        .is_ok()
    );
    assert_eq!(
        RegisteredSummary::new(
            barcode(),
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
