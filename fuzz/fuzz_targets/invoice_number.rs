//! Fuzzes invoice numbers as a host reads them back from its store or an import: any text parsed
//! by `InvoiceNumber::from_str`. It may not panic. A number that parses displays as the same text
//! (the form has one spelling) and parses back equal; its next number (when there is one) sorts
//! after it and continues it without a gap for `check_sequence`.
#![no_main]

use envoi::billing::{InvoiceNumber, check_sequence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(number) = text.parse::<InvoiceNumber>() else {
        return;
    };
    let written = number.to_string();
    assert_eq!(written, text, "one spelling per number");
    assert_eq!(written.parse::<InvoiceNumber>().ok(), Some(number.clone()));
    if let Ok(next) = number.next() {
        assert_eq!(next.sequence(), number.sequence() + 1);
        assert_eq!(
            next.to_string().parse::<InvoiceNumber>().ok(),
            Some(next.clone())
        );
        if number.sequence() == 1 {
            assert!(check_sequence(&[number, next]).is_ok());
        }
    }
});
