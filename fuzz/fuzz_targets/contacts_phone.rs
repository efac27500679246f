//! Differential fuzzing of phone-number normalisation (`normalize_phone`, text from a contact list
//! or a form). The first byte picks the default region, the rest is the text (UTF-8). The fast path
//! must give exactly the `phonenumber` crate's answer (`normalize_phone_with_library`): the same
//! number and kind, or the same error. Nothing panics; a number is `+` and digits (up to 20: the
//! libphonenumber metadata allows national numbers longer than E.164's 15 digits, such as German
//! numbers with a direct-dial extension, `+4951234566125689`), reads back from its E.164 form in any region and survives serde; a refusal has the
//! `contacts.invalid_phone` code and names the text.
#![no_main]

use envoi::ErrorCode;
use envoi::contacts::{
    ContactError, PhoneNumber, Region, normalize_phone, normalize_phone_with_library,
};
use libfuzzer_sys::fuzz_target;

const REGIONS: [Region; 7] = [
    Region::BE,
    Region::NL,
    Region::FR,
    Region::DE,
    Region::LU,
    Region::GB,
    Region::US,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let region = REGIONS[usize::from(selector) % REGIONS.len()];
    let fast = normalize_phone(text, region);
    let library = normalize_phone_with_library(text, region);
    assert_eq!(fast, library, "{text:?} in {region}");
    match fast {
        Ok(number) => {
            let library = library.expect("equal to an Ok");
            assert_eq!(number.kind(), library.kind());
            let e164 = number.e164();
            let digits = e164.strip_prefix('+').expect("E.164 starts with +");
            assert!(
                (4..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()),
                "{e164}"
            );
            assert!(
                digits.starts_with(&number.country_code().to_string()),
                "{e164}"
            );
            assert_eq!(PhoneNumber::parse_e164(e164).as_ref(), Ok(&number));
            for other in REGIONS {
                assert_eq!(
                    normalize_phone(e164, other).as_ref(),
                    Ok(&number),
                    "{e164} in {other}"
                );
            }
            let json = serde_json::to_string(&number).expect("a number serialises");
            let back: PhoneNumber = serde_json::from_str(&json).expect("a number deserialises");
            assert_eq!(back, number);
        }
        Err(error) => {
            assert_eq!(error.code(), "contacts.invalid_phone");
            match error {
                ContactError::InvalidPhone { value, .. } => {
                    assert!(text.starts_with(&value), "{value:?} is not from {text:?}")
                }
                other => panic!("{other:?}"),
            }
        }
    }
});
