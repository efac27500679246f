//! Fuzzes every parser of outside input in the shared vocabulary and the SMS options: zone names,
//! currency codes, amounts, credit kinds, ids, language names, contact languages (`fr-BE`…), SMS
//! replies (`STOP`…), concatenation references and part limits. None may panic; whatever parses
//! must print back to a value that parses to the same thing.
#![no_main]

use arbitrary::Arbitrary;
use envoi::contacts::{classify_reply, reply_keywords};
use envoi::credits::CreditKind;
use envoi::ids::{AccountId, MAX_ID_LEN};
use envoi::language::Language;
use envoi::money::{Currency, Money};
use envoi::sms::{ConcatReference, NationalLanguage, SmsOptions};
use envoi::time::Zone;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    bits: i64,
    value: i64,
}

fuzz_target!(|input: Input| {
    if let Ok(zone) = input.text.parse::<Zone>() {
        assert_eq!(zone.name().parse::<Zone>().ok(), Some(zone));
    }
    if let Ok(currency) = input.text.parse::<Currency>() {
        assert_eq!(currency.code().len(), 3);
        assert_eq!(currency.code().parse::<Currency>().ok(), Some(currency));
    }
    if let Ok(money) = Money::parse(&input.text, "EUR") {
        // The amount prints back (Decimal's own form) to the same value.
        let again =
            Money::parse(&money.amount().to_string(), "EUR").expect("an amount prints back");
        assert_eq!(again, money);
    }
    if let Ok(kind) = CreditKind::new(&input.text) {
        assert_eq!(kind.as_str(), input.text);
        assert_eq!(kind.as_str().parse::<CreditKind>().ok(), Some(kind));
    }
    if let Ok(language) = input.text.parse::<NationalLanguage>() {
        assert_eq!(
            language.name().parse::<NationalLanguage>().ok(),
            Some(language)
        );
    }
    match input.text.parse::<Language>() {
        Ok(language) => assert_eq!(language.code().parse::<Language>().ok(), Some(language)),
        Err(error) => assert!(error.to_string().contains("fr, nl, de, en")),
    }
    if let Some(reply) = classify_reply(&input.text) {
        assert!(reply_keywords().contains(&reply));
        assert_eq!(classify_reply(reply.keyword), Some(reply));
    }
    match AccountId::new(input.text.clone()) {
        Ok(id) => {
            assert_eq!(id.as_str(), input.text);
            assert!(!id.as_str().is_empty() && id.as_str().len() <= MAX_ID_LEN);
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    match ConcatReference::new(input.bits, input.value) {
        Ok(reference) => {
            assert_eq!(i64::from(reference.bits()), input.bits);
            assert_eq!(i64::from(reference.value()), input.value);
        }
        Err(error) => assert!(error.to_string().contains(&input.value.to_string())),
    }
    match SmsOptions::max_parts_from(input.value) {
        Ok(parts) => assert!((1..=255).contains(&parts)),
        Err(error) => assert!(error.to_string().contains(&input.value.to_string())),
    }
});
