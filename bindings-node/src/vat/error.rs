//! `VatError` → a thrown JS `Error` whose `.code` is the core's code (`vat.…`), whose `.message` is
//! the core's message, and whose properties are the error's fields, camelCased (see [`fields`]):
//! `country`, `compact`, `length` and `expected` for `vat.bad_length`, `orderId` and `treatment`
//! for `vat.exemption_not_requested_at_order`, `field`, `value` and `rule` for an amount, and so
//! on. Lengths are numbers, days `"YYYY-MM-DD"` strings, everything else strings.

use std::ffi::CStr;

use envoi::vat::VatError;

use crate::errors::Field;
use crate::time::format_date;

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &VatError) -> Vec<(&'static CStr, Field)> {
    let text = |value: &str| Field::Text(value.to_owned());
    match error {
        VatError::Empty { field, value } => vec![(c"field", text(field)), (c"value", text(value))],
        VatError::UnknownCountry { field, value, hint } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"hint", text(hint.trim_start_matches("; "))),
        ],
        VatError::CountryMismatch {
            value,
            prefix,
            country,
        } => vec![
            (c"value", text(value)),
            (c"prefix", text(prefix)),
            (c"country", text(country)),
        ],
        VatError::InvalidCharacter {
            country,
            value,
            character,
        } => vec![
            (c"country", text(country)),
            (c"value", text(value)),
            (c"character", Field::Text(character.to_string())),
        ],
        VatError::BadLength {
            country,
            compact,
            length,
            expected,
        } => vec![
            (c"country", text(country)),
            (c"compact", text(compact)),
            (c"length", Field::Number(*length as f64)),
            (c"expected", text(expected)),
        ],
        VatError::BadFormat {
            country,
            compact,
            rule,
        } => vec![
            (c"country", text(country)),
            (c"compact", text(compact)),
            (c"rule", text(rule)),
        ],
        VatError::BadCheckDigit { country, compact } => {
            vec![(c"country", text(country)), (c"compact", text(compact))]
        }
        VatError::NoRate {
            country,
            date,
            covered,
        } => vec![
            (c"country", text(country)),
            (c"date", Field::Text(format_date(*date))),
            (c"covered", text(covered)),
        ],
        VatError::InvalidRateTable {
            entry,
            field,
            value,
            rule,
        } => vec![
            (c"entry", text(entry)),
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        VatError::InvalidArgument {
            field,
            value,
            expected,
        } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"expected", text(expected)),
        ],
        VatError::InvalidAmount { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        VatError::ExemptionNotRequestedAtOrder {
            order_id,
            treatment,
        } => vec![
            (c"orderId", text(order_id)),
            (c"treatment", text(treatment)),
        ],
        // A variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}
