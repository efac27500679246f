//! Fuzzes `SmsSenderNumber::parse` (the sender number an account owner types). The input is UTF-8
//! text. Parsing must never panic; a refusal carries a `senders.` code (not international,
//! alphanumeric, not a mobile) or the contacts' `contacts.invalid_phone`, with a message; a number it
//! accepts is E.164 (`+` then digits), accepts SMS, and parses again to itself from its E.164 text and
//! its serde form. Text that does not start with `+` or `00` is never accepted (international form
//! only).
#![no_main]

use envoi::ErrorCode;
use envoi::senders::SmsSenderNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let number = match SmsSenderNumber::parse(text) {
        Ok(number) => number,
        Err(error) => {
            let code = error.code();
            assert!(
                code.starts_with("senders.") || code == "contacts.invalid_phone",
                "{code}: {error:?}"
            );
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    let trimmed = text.trim();
    assert!(
        trimmed.starts_with('+') || trimmed.starts_with("00"),
        "{text:?} accepted without an international prefix"
    );
    let e164 = number.e164();
    assert!(e164.starts_with('+'), "{e164}");
    assert!(e164.len() <= 16, "{e164}");
    assert!(e164[1..].bytes().all(|b| b.is_ascii_digit()), "{e164}");
    assert!(number.phone_number().accepts_sms());
    let again = SmsSenderNumber::parse(e164).expect("its E.164 text parses");
    assert_eq!(again, number);
    let json = serde_json::to_string(&number).expect("a sender number serialises");
    let back: SmsSenderNumber = serde_json::from_str(&json).expect("a sender number deserialises");
    assert_eq!(back, number);
});
