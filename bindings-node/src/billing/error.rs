//! `BillingError` → a thrown JS `Error` whose `.code` is the core's code (`billing.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `file`, `entry`, `field` (and `value`, `rule`…) for an error of a price list,
//! naming the file the caller passed, the entry (`'packs[2] (sms-1000)'`) and the field;
//! `subject`, `on` and `detail` for `billing.no_price`; `value` and `rule` for
//! `billing.invalid_invoice_number`; `problems` ({@link billing.SequenceProblem}s) for
//! `billing.invoice_sequence`. An amount that overflows keeps the money code (`money.…`), a block
//! plan the credits code (`credits.…`).
//!
//! Days are `"YYYY-MM-DD"` strings, a weight band's bound and a duplicate's count numbers,
//! invoice numbers their text (`'2026-F-000123'`), everything else strings.

use std::ffi::CStr;

use envoi::billing::{BillingError, SequenceProblem};

use crate::errors::{Field, money_fields};
use crate::time::format_date;

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &BillingError) -> Vec<(&'static CStr, Field)> {
    let located = |file: &str, entry: &str, field: &str| {
        vec![
            (c"file", text(file)),
            (c"entry", text(entry)),
            (c"field", text(field)),
        ]
    };
    let with = |mut base: Vec<(&'static CStr, Field)>, more: Vec<(&'static CStr, Field)>| {
        base.extend(more);
        base
    };
    match error {
        BillingError::Syntax {
            file,
            format,
            message,
        } => vec![
            (c"file", text(file)),
            (c"format", text(format)),
            (c"detail", text(message)),
        ],
        BillingError::MissingField {
            file,
            entry,
            field,
            rule,
        } => with(located(file, entry, field), vec![(c"rule", text(rule))]),
        BillingError::UnknownField {
            file,
            entry,
            field,
            allowed,
        } => with(
            located(file, entry, field),
            vec![(c"allowed", text(allowed))],
        ),
        BillingError::InvalidField {
            file,
            entry,
            field,
            value,
            rule,
        } => with(
            located(file, entry, field),
            vec![(c"value", text(value)), (c"rule", text(rule))],
        ),
        BillingError::UnknownPostage {
            file,
            entry,
            field,
            value,
            rule,
        } => with(
            located(file, entry, field),
            vec![(c"value", text(value)), (c"rule", text(rule))],
        ),
        BillingError::UnknownCurrency {
            file,
            entry,
            field,
            value,
        }
        | BillingError::UnknownChannel {
            file,
            entry,
            field,
            value,
        }
        | BillingError::UnknownFormat {
            file,
            entry,
            field,
            value,
        }
        | BillingError::NegativePrice {
            file,
            entry,
            field,
            value,
        } => with(located(file, entry, field), vec![(c"value", text(value))]),
        BillingError::UnknownWeightBand {
            file,
            entry,
            field,
            value,
            zone,
            format,
            bands,
        } => with(
            located(file, entry, field),
            vec![
                #[allow(clippy::cast_precision_loss, reason = "a bound in grams is small")]
                (c"value", Field::Number(*value as f64)),
                (c"zone", Field::Text(zone.to_string())),
                (c"format", text(format.code())),
                (c"bands", text(bands)),
            ],
        ),
        BillingError::OverlappingValidity {
            file,
            entry,
            validity,
            other,
            other_validity,
        } => vec![
            (c"file", text(file)),
            (c"entry", text(entry)),
            (c"validity", text(validity)),
            (c"other", text(other)),
            (c"otherValidity", text(other_validity)),
        ],
        BillingError::InconsistentEntry {
            file,
            entry,
            field,
            value,
            other,
            other_value,
        } => with(
            located(file, entry, field),
            vec![
                (c"value", text(value)),
                (c"other", text(other)),
                (c"otherValue", text(other_value)),
            ],
        ),
        BillingError::DuplicateField { file, entry, field } => located(file, entry, field),
        BillingError::DuplicateEntry {
            file,
            entry,
            field,
            value,
            other,
        } => with(
            located(file, entry, field),
            vec![(c"value", text(value)), (c"other", text(other))],
        ),
        BillingError::NoPrice {
            subject,
            on,
            detail,
        } => vec![
            (c"subject", text(subject)),
            (c"on", Field::Text(format_date(*on))),
            (c"detail", text(detail)),
        ],
        BillingError::InvalidQuery { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        BillingError::InvalidInvoiceNumber { value, rule } => {
            vec![(c"value", text(value)), (c"rule", text(rule))]
        }
        BillingError::InvoiceSequence { problems } => vec![(
            c"problems",
            Field::List(problems.iter().map(problem).collect()),
        )],
        BillingError::Money(error) => money_fields(error),
        // `BillingError` is `#[non_exhaustive]`: a variant added to the core later (and a credits
        // error of a block plan) still throws with its code and message.
        _ => Vec::new(),
    }
}

/// A break in a sequence as a plain object ({@link billing.SequenceProblem}).
fn problem(problem: &SequenceProblem) -> Field {
    let mut fields = match problem {
        SequenceProblem::Gap { from, to } => vec![
            (c"kind", text("gap")),
            (c"from", Field::Text(from.to_string())),
            (c"to", Field::Text(to.to_string())),
        ],
        SequenceProblem::Duplicate { number, count } => vec![
            (c"kind", text("duplicate")),
            (c"number", Field::Text(number.to_string())),
            #[allow(clippy::cast_precision_loss, reason = "a count of a list's numbers")]
            (c"count", Field::Number(*count as f64)),
        ],
    };
    fields.push((c"message", Field::Text(problem.to_string())));
    Field::Object(fields)
}
