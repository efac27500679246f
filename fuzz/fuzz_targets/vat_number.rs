//! Fuzzes VAT-number parsing (`VatNumber::parse`, text a customer types). The input is UTF-8: the
//! number, or `country<TAB>number`. Parsing must never panic; a number it accepts is in compact form
//! (upper-case ASCII letters and digits after a known prefix, or + or * in an old Irish number) and parses again to itself from its
//! compact form, from its national part with its country, and from its serde form. A refusal carries a
//! `vat.` code and a message.
#![no_main]

use envoi::ErrorCode;
use envoi::vat::{VAT_COUNTRIES, VatNumber, VatNumberKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (country, input) = match text.split_once('\t') {
        Some((country, input)) => (Some(country), input),
        None => (None, text),
    };
    let number = match VatNumber::parse(input, country) {
        Ok(number) => number,
        Err(error) => {
            assert!(error.code().starts_with("vat."), "{error:?}");
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    let compact = number.compact();
    assert!(compact.len() <= 16, "{compact}");
    // Upper-case letters and digits; old Irish numbers may hold + or * as their second character.
    let irish_sign = |b: u8| number.country() == "IE" && (b == b'+' || b == b'*');
    assert!(
        compact
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || irish_sign(b)),
        "{compact}"
    );
    assert_eq!(
        format!("{}{}", number.country(), number.national()),
        compact
    );
    assert!(!number.national().is_empty());
    let oss = matches!(number.country(), "EU" | "IM");
    assert!(
        oss || VAT_COUNTRIES.contains(&number.country()),
        "{compact}"
    );
    assert_eq!(number.kind() == VatNumberKind::Oss, oss);

    let again = |input: &str, country: Option<&str>| {
        VatNumber::parse(input, country)
            .unwrap_or_else(|error| panic!("{input:?} {country:?}: {error}"))
    };
    assert_eq!(again(compact, None), number);
    assert_eq!(again(compact, Some(number.country())), number);
    assert_eq!(again(number.national(), Some(number.country())), number);
    let json = serde_json::to_string(&number).expect("a VAT number serialises");
    let back: VatNumber = serde_json::from_str(&json).expect("a VAT number deserialises");
    assert_eq!(back, number);
});
