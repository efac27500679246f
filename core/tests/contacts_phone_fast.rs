//! Contacts: the fast path of `normalize_phone` gives exactly the `phonenumber` crate's answer
//! (`normalize_phone_with_library`): same number and kind, or same error, on generated numbers in
//! every written form and on arbitrary phone-like text.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::contacts::{PhoneKind, Region, normalize_phone, normalize_phone_with_library};
use proptest::prelude::*;

const REGIONS: [Region; 6] = [
    Region::BE,
    Region::NL,
    Region::FR,
    Region::DE,
    Region::LU,
    Region::US,
];

fn same_answer(text: &str, region: Region) -> Result<(), TestCaseError> {
    let fast = normalize_phone(text, region);
    let library = normalize_phone_with_library(text, region);
    prop_assert_eq!(&fast, &library, "{:?} in {}", text, region);
    if let Ok(number) = fast {
        prop_assert_eq!(number.kind(), library.unwrap().kind());
        // The E.164 form reads back to the same number in any region.
        for other in REGIONS {
            let again = normalize_phone(number.e164(), other);
            prop_assert_eq!(again, Ok(number.clone()));
        }
    }
    Ok(())
}

#[test]
fn the_common_mobile_forms() {
    let cases = [
        ("+32 475 12 34 56", Region::BE, "+32475123456"),
        ("0032475123456", Region::NL, "+32475123456"),
        ("0475/12.34.56", Region::BE, "+32475123456"),
        ("0499-99-99-99", Region::BE, "+32499999999"),
        ("06-12345678", Region::NL, "+31612345678"),
        ("+31 6 1234 5678", Region::BE, "+31612345678"),
        ("06 12 34 56 78", Region::FR, "+33612345678"),
        ("07 81 23 45 67", Region::FR, "+33781234567"),
        ("+33 6 38 12 34 56", Region::DE, "+33638123456"),
        ("0151 23456789", Region::DE, "+4915123456789"),
        ("0170 1234567", Region::DE, "+491701234567"),
        ("+49 1531 0123456", Region::BE, "+4915310123456"),
    ];
    for (text, region, e164) in cases {
        let number = normalize_phone(text, region).unwrap();
        assert_eq!(number.e164(), e164, "{text:?}");
        assert_eq!(number.kind(), PhoneKind::Mobile, "{text:?}");
        assert_eq!(
            Ok(number),
            normalize_phone_with_library(text, region),
            "{text:?}"
        );
    }
    // Near the edges of the patterns: the library decides, and both agree.
    for text in [
        "0445 12 34 56",
        "04751234567",
        "047512345",
        "+32 4751234567",
        "+320475123456",
        "0662345678",
        "06 9712345678",
        "0634 12 34 56",
        "0639123456",
        "0697 12 34 56",
        "0721234567",
        "0164 1234567",
        "0161 1234567",
        "01532 123456",
        "01531 012345",
        "0153 1012345",
        "01701234567890",
        "0 475 12 34 56",
        "0475  12 34 56",
        "0475 12 34 56 ",
        "+ 32475123456",
        "++32475123456",
        "32475123456",
        "475123456",
        "0475.12.34.56.",
        "-0475123456",
    ] {
        for region in REGIONS {
            same_answer(text, region).unwrap();
        }
    }
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "", "", "", " ", ".", "-", "/", "  ", "(0)", " (0) ", "\u{a0}", ". ", "\t", "\n",
        "\u{202f}", "\u{2009}", "\u{3000}", " \u{a0}",
    ])
}

fn prefix() -> impl Strategy<Value = String> {
    let calling_codes =
        prop::sample::select(vec!["32", "31", "33", "49", "352", "1", "44", "3", ""]);
    prop_oneof![
        calling_codes.clone().prop_map(|code| format!("+{code}")),
        calling_codes.prop_map(|code| format!("00{code}")),
        Just("0".to_owned()),
        Just(String::new()),
        Just("+0".to_owned()),
        Just("000".to_owned()),
    ]
}

fn national_number() -> impl Strategy<Value = String> {
    let leads = prop::sample::select(vec![
        "4", "45", "47", "49", "44", "6", "61", "62", "66", "68", "63", "638", "639", "69", "695",
        "697", "7", "73", "72", "1", "15", "150", "153", "1531", "1533", "154", "16", "160", "164",
        "17", "2", "0", "",
    ]);
    (leads, "[0-9]{4,11}").prop_map(|(lead, rest)| format!("{lead}{rest}"))
}

/// A number written by a person: prefix and digits with separators anywhere.
fn written() -> impl Strategy<Value = String> {
    (
        prefix(),
        national_number(),
        prop::collection::vec(separator(), 16),
        separator(),
    )
        .prop_map(|(prefix, national, separators, after_prefix)| {
            let mut text = prefix;
            text.push_str(after_prefix);
            for (index, digit) in national.chars().enumerate() {
                text.push(digit);
                text.push_str(separators[index % separators.len()]);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn fast_path_equals_library_on_written_numbers(text in written(), region in prop::sample::select(REGIONS.to_vec())) {
        same_answer(&text, region)?;
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn fast_path_equals_library_on_phone_like_text(text in "[0-9 +./()\t\u{a0}\u{202f}\u{2009}-]{0,24}", region in prop::sample::select(REGIONS.to_vec())) {
        same_answer(&text, region)?;
    }
}
