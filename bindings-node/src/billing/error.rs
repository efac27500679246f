//! `BillingError` → a thrown JS `Error` whose `.code` is the core's code (`billing.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `file`, `entry`, `field` (and `value`, `rule`…) for an error of a price list,
//! naming the file the caller passed, the entry (`'packs[2] (sms-1000)'`) and the field;
//! `subject`, `on` and `detail` for `billing.no_price`; `value` and `rule` for
//! `billing.invalid_invoice_number`; `problems` ({@link billing.SequenceProblem}s) for
//! `billing.invoice_sequence`; `orderId`, `action`, `state`… for the errors of the orders, the
//! book and the runs (`billing.order_state`, `billing.invoice_conflict`,
//! `billing.missing_exchange_rate`…). An amount that overflows keeps the money code (`money.…`),
//! a block plan the credits code (`credits.…`), a VAT, invoice or account error inside its own
//! code and fields.
//!
//! Days are `"YYYY-MM-DD"` strings, a weight band's bound and a duplicate's count numbers,
//! invoice numbers their text (`'2026-F-000123'`), everything else strings.

use std::ffi::CStr;

use envoi::billing::{BillingError, Location, SequenceProblem};

use crate::errors::{Field, money_fields};
use crate::time::format_date;

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &BillingError) -> Vec<(&'static CStr, Field)> {
    // A price list's location: the file, the entry and the field (`null` for a whole entry).
    let located = |at: &Location, more: Vec<(&'static CStr, Field)>| {
        let mut fields = vec![
            (c"file", text(&at.file)),
            (c"entry", text(&at.entry)),
            (c"field", at.field.as_deref().map_or(Field::Null, text)),
        ];
        fields.extend(more);
        fields
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
        BillingError::MissingField { at, rule } => located(at, vec![(c"rule", text(rule))]),
        BillingError::UnknownField { at, allowed } => {
            located(at, vec![(c"allowed", text(allowed))])
        }
        BillingError::InvalidField { at, value, rule } => {
            located(at, vec![(c"value", text(value)), (c"rule", text(rule))])
        }
        BillingError::UnknownCurrency { at, value, rule }
        | BillingError::UnknownPostage { at, value, rule } => {
            located(at, vec![(c"value", text(value)), (c"rule", text(rule))])
        }
        BillingError::UnknownChannel { at, value }
        | BillingError::UnknownFormat { at, value }
        | BillingError::NegativePrice { at, value } => located(at, vec![(c"value", text(value))]),
        BillingError::UnknownWeightBand {
            at,
            value,
            zone,
            format,
            bands,
        } => located(
            at,
            vec![
                #[allow(clippy::cast_precision_loss, reason = "a bound in grams is small")]
                (c"value", Field::Number(*value as f64)),
                (c"zone", Field::Text(zone.to_string())),
                (c"format", text(format.code())),
                (c"bands", text(bands)),
            ],
        ),
        BillingError::OverlappingValidity {
            at,
            validity,
            other,
            other_validity,
        } => located(
            at,
            vec![
                (c"validity", Field::Text(validity.to_string())),
                (c"other", text(other)),
                (c"otherValidity", Field::Text(other_validity.to_string())),
            ],
        ),
        BillingError::InconsistentEntry {
            at,
            value,
            other,
            other_value,
        } => located(
            at,
            vec![
                (c"value", text(value)),
                (c"other", text(other)),
                (c"otherValue", text(other_value)),
            ],
        ),
        BillingError::DuplicateField { at } => located(at, Vec::new()),
        BillingError::DuplicateEntry { at, value, other } => {
            located(at, vec![(c"value", text(value)), (c"other", text(other))])
        }
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
        BillingError::InvalidArgument { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        BillingError::VatPendingVerification {
            subject,
            vat_number,
        } => vec![
            (c"subject", text(subject)),
            (c"vatNumber", text(vat_number)),
        ],
        BillingError::ExemptionAfterOrder {
            order_id,
            treatment,
        } => vec![
            (c"orderId", text(order_id)),
            (c"treatment", text(treatment)),
        ],
        BillingError::OrderNotPaid { order_id, state } => {
            vec![(c"orderId", text(order_id)), (c"state", text(state))]
        }
        BillingError::OrderState {
            order_id,
            action,
            state,
            rule,
        } => vec![
            (c"orderId", text(order_id)),
            (c"action", text(action)),
            (c"state", text(state)),
            (c"rule", text(rule)),
        ],
        BillingError::InvoiceConflict {
            key,
            number,
            difference,
        } => vec![
            (c"key", text(key)),
            (c"number", text(number)),
            (c"difference", text(difference)),
        ],
        BillingError::MissingExchangeRate { subject, currency } => vec![
            (c"subject", text(subject)),
            (c"currency", Field::Text(currency.to_string())),
        ],
        BillingError::MixedCurrencies {
            subject,
            first,
            other,
        } => vec![
            (c"subject", text(subject)),
            (c"first", Field::Text(first.to_string())),
            (c"other", Field::Text(other.to_string())),
        ],
        BillingError::InvalidRecord {
            what,
            field,
            value,
            rule,
        } => vec![
            (c"what", text(what)),
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        // The errors of the domains below keep their codes and fields.
        BillingError::Vat(error) => crate::vat::error::fields(error),
        BillingError::Invoice(error) => crate::invoice::error::fields(error),
        BillingError::Account(error) => crate::account::error::fields(error, None),
        // Instants of a credits error read on the default wall clock (Europe/Brussels), as the
        // ledger's errors do when no zone is at hand.
        BillingError::Credit(error) => {
            crate::credits::error::fields(envoi::time::Zone::default(), error)
                .into_iter()
                .map(|(name, value)| {
                    let value = match value {
                        crate::credits::error::Field::Number(number) => Field::Number(number),
                        crate::credits::error::Field::Text(text) => Field::Text(text),
                    };
                    (name, value)
                })
                .collect()
        }
        // `BillingError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
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
