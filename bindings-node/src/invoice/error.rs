//! `InvoiceError` → a thrown JS `Error` whose `.code` is the core's code (`invoice.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `field`, `value` and `rule` for a text or an identifier, `value` and `rule` for a
//! quantity, unit price or rate, `category` and `rate` for a category that does not suit the rate,
//! `field` and `rule` for a field the UBL export misses, and so on. Decimals are strings (never
//! floats), days `"YYYY-MM-DD"` strings, categories their EN 16931 code (`'S'`), a line's index a
//! number.

use std::ffi::CStr;

use envoi::invoice::InvoiceError;

use crate::errors::Field;
use crate::time::format_date;

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &InvoiceError) -> Vec<(&'static CStr, Field)> {
    let text = |value: &str| Field::Text(value.to_owned());
    let shown = |value: &dyn std::fmt::Display| Field::Text(value.to_string());
    match error {
        InvoiceError::InvalidText { field, value, rule }
        | InvoiceError::InvalidIdentifier { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        InvoiceError::InvalidQuantity { value, rule }
        | InvoiceError::InvalidUnitPrice { value, rule }
        | InvoiceError::InvalidRate { value, rule } => {
            vec![(c"value", shown(value)), (c"rule", text(rule))]
        }
        InvoiceError::CategoryRateMismatch {
            category,
            rate,
            rule,
        } => vec![
            (c"category", text(category.code())),
            (c"rate", shown(rate)),
            (c"rule", text(rule)),
        ],
        InvoiceError::InvalidArgument {
            field,
            value,
            expected,
        } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"expected", text(expected)),
        ],
        InvoiceError::InvalidTaxCurrency {
            currency,
            exchange_rate,
            rule,
        } => vec![
            (c"currency", text(currency.code())),
            (c"exchangeRate", shown(exchange_rate)),
            (c"rule", text(rule)),
        ],
        InvoiceError::InvalidDate { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", Field::Text(format_date(*value))),
            (c"rule", text(rule)),
        ],
        InvoiceError::MissingField { field, rule }
        | InvoiceError::NotApplicable { field, rule }
        | InvoiceError::AmountOutOfRange { field, rule } => {
            vec![(c"field", text(field)), (c"rule", text(rule))]
        }
        InvoiceError::IncompatibleCategories {
            first,
            second,
            rule,
        } => vec![
            (c"first", text(first.code())),
            (c"second", text(second.code())),
            (c"rule", text(rule)),
        ],
        InvoiceError::UnsupportedCurrency {
            field,
            currency,
            rule,
        } => vec![
            (c"field", text(field)),
            (c"currency", text(currency.code())),
            (c"rule", text(rule)),
        ],
        InvoiceError::LineRounding {
            index,
            exact,
            net,
            currency,
        } => vec![
            (c"index", Field::Number(*index as f64)),
            (c"exact", shown(exact)),
            (c"net", shown(net)),
            (c"currency", text(currency.code())),
        ],
        InvoiceError::Xml { reason } => vec![(c"reason", text(reason))],
        // A variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}
