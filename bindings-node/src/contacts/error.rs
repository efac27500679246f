//! `ContactError`, `ImportError`, `Refusal` and `RowError` → JS.
//!
//! A `ContactError` or an `ImportError` is thrown as an `Error` whose `.code` is the core's code
//! (`contacts.…`, `contacts.import.…`), whose `.message` is the core's message, and whose
//! properties are the error's fields, camelCased (see [`fields`] and [`import_fields`]): `value`,
//! `reason` and `problem` (with the problem's own fields) for `contacts.invalid_phone`, `ids` for
//! `contacts.unknown_contact`, `headers` for `contacts.import.no_address_column`, and so on.
//! A [`Refusal`] (a recipient to skip) and a [`RowError`] (a row not imported) are not thrown:
//! they are plain objects with `code` and `message` (see [`refusal_to_js`] and [`row_error_field`]).
//! Counts, lines and positions are numbers, instants RFC 3339 strings in UTC.

use std::ffi::CStr;

use envoi::ErrorCode;
use envoi::contacts::import::{ImportError, RowError, RowProblem};
use envoi::contacts::{ContactError, PhoneProblem, Refusal};
use envoi::time::Instant;
use napi::sys;

use super::to_js_value;
use crate::errors::{Field, field_value};
use crate::js::Js;
use crate::time::format_utc;

/// A count, a line or a position as a field.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts, lines and positions stay far below 2^53"
)]
fn number(value: u64) -> Field {
    Field::Number(value as f64)
}

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

fn time(value: &Instant) -> Field {
    Field::Text(format_utc(*value))
}

fn texts(values: &[String]) -> Field {
    Field::List(values.iter().map(|value| text(value)).collect())
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &ContactError) -> Vec<(&'static CStr, Field)> {
    match error {
        ContactError::UnknownRegion { value, .. } => vec![(c"value", text(value))],
        ContactError::InvalidPhone { value, reason, .. } => {
            let mut fields = vec![
                (c"value", text(value)),
                (c"reason", Field::Text(reason.to_string())),
            ];
            fields.extend(phone_problem_fields(reason));
            fields
        }
        ContactError::InvalidEmail { value, reason, .. } => {
            vec![(c"value", text(value)), (c"reason", text(reason))]
        }
        ContactError::UnknownContact { ids, .. } => vec![(
            c"ids",
            Field::List(ids.iter().map(|id| text(id.as_str())).collect()),
        )],
        ContactError::ConsentOutOfOrder {
            channel,
            action,
            at,
            last,
            ..
        } => vec![
            (c"channel", text(channel.as_str())),
            (c"action", text(action)),
            (c"at", time(at)),
            (c"last", time(last)),
        ],
        // `ContactError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
        _ => Vec::new(),
    }
}

/// Why a phone number was refused: `problem` (the reason's snake_case name) and its fields
/// (`character` and `position`, `length` and `max`, `e164`, `region` and `countryCode`).
pub fn phone_problem_fields(problem: &PhoneProblem) -> Vec<(&'static CStr, Field)> {
    let name = |name: &str| (c"problem", text(name));
    match problem {
        PhoneProblem::Empty => vec![name("empty")],
        PhoneProblem::UnexpectedCharacter {
            character,
            position,
            ..
        } => vec![
            name("unexpected_character"),
            (c"character", Field::Text(character.to_string())),
            (c"position", number(*position as u64)),
        ],
        PhoneProblem::TextTooLong { len, max, .. } => vec![
            name("text_too_long"),
            (c"length", number(*len as u64)),
            (c"max", number(*max as u64)),
        ],
        PhoneProblem::TooShort => vec![name("too_short")],
        PhoneProblem::TooLong => vec![name("too_long")],
        PhoneProblem::InvalidCountryCode => vec![name("invalid_country_code")],
        PhoneProblem::NotReproducible { e164, .. } => {
            vec![name("not_reproducible"), (c"e164", text(e164))]
        }
        PhoneProblem::NotE164 => vec![name("not_e164")],
        PhoneProblem::InvalidForRegion {
            region,
            country_code,
            ..
        } => vec![
            name("invalid_for_region"),
            (
                c"region",
                region
                    .as_ref()
                    .map_or(Field::Null, |region| text(region.as_str())),
            ),
            (c"countryCode", number(u64::from(*country_code))),
        ],
        _ => Vec::new(),
    }
}

/// The fields of `error` as (property name, value). `contacts.import.read_failed` names the
/// reader's message `detail` (an `Error`'s `message` is the whole message); the header's
/// `contacts.import.unterminated_quote` has `quoteLine`, its `contacts.import.row_too_long` has
/// `limit` (bytes).
pub fn import_fields(error: &ImportError) -> Vec<(&'static CStr, Field)> {
    match error {
        ImportError::NoAddressColumn { headers, .. } => vec![(c"headers", texts(headers))],
        ImportError::DuplicateColumn {
            target,
            first,
            first_position,
            second,
            second_position,
            ..
        } => vec![
            (c"target", text(target)),
            (c"first", text(first)),
            (c"firstPosition", number(*first_position as u64)),
            (c"second", text(second)),
            (c"secondPosition", number(*second_position as u64)),
        ],
        ImportError::UnknownMappingColumn {
            column, headers, ..
        } => vec![(c"column", text(column)), (c"headers", texts(headers))],
        ImportError::UnknownField { value, .. } => vec![(c"value", text(value))],
        ImportError::InvalidDelimiter { value, .. } => {
            vec![(c"value", Field::Text(value.to_string()))]
        }
        ImportError::MalformedText { detail, .. } => vec![(c"detail", text(detail))],
        ImportError::HeaderUnterminatedQuote { quote_line, .. } => {
            vec![(c"quoteLine", number(*quote_line))]
        }
        ImportError::HeaderTooLong { limit, .. } => vec![(c"limit", number(*limit as u64))],
        ImportError::ReadFailed { message, .. } => vec![(c"detail", text(message))],
        // `contacts.import.no_header` has no fields; a variant added to the core later: its code
        // and message.
        _ => Vec::new(),
    }
}

/// The fields of a row's problem: a contact error's (`contacts.invalid_phone`…), `expected` and
/// `found` (`contacts.import.field_count`), `value` (an unknown language or time zone), `key` and
/// `firstLine` (`contacts.import.duplicate`; `contacts.import.conflicting_email` and
/// `conflicting_mobile`, whose `key` is the kind of address that differs), `emailLine` and
/// `mobileLine` (`contacts.import.ambiguous_duplicate`), `quoteLine`
/// (`contacts.import.unterminated_quote`), `limit` (`contacts.import.row_too_long`, in bytes).
pub fn row_problem_fields(problem: &RowProblem) -> Vec<(&'static CStr, Field)> {
    match problem {
        RowProblem::Contact(error) => fields(error),
        RowProblem::FieldCount {
            expected, found, ..
        } => vec![
            (c"expected", number(*expected as u64)),
            (c"found", number(*found as u64)),
        ],
        RowProblem::UnknownLanguage { value, .. } | RowProblem::UnknownTimeZone { value, .. } => {
            vec![(c"value", text(value))]
        }
        RowProblem::Duplicate {
            key, first_line, ..
        }
        | RowProblem::ConflictingAddress {
            key, first_line, ..
        } => vec![
            (c"key", Field::Text(key.to_string())),
            (c"firstLine", number(*first_line)),
        ],
        RowProblem::AmbiguousDuplicate {
            email_line,
            mobile_line,
            ..
        } => vec![
            (c"emailLine", number(*email_line)),
            (c"mobileLine", number(*mobile_line)),
        ],
        RowProblem::UnterminatedQuote { quote_line, .. } => {
            vec![(c"quoteLine", number(*quote_line))]
        }
        RowProblem::RowTooLong { limit, .. } => vec![(c"limit", number(*limit as u64))],
        // `contacts.import.invalid_text`, `contacts.import.no_address`: no fields; a variant
        // added to the core later: its code and message.
        _ => Vec::new(),
    }
}

/// A row error as a plain object `{ line, column, value, code, message, reason, error }`:
/// `column` is the header of the column at fault (`null` for the row as a whole), `message` the
/// whole message (`line 4, column "GSM": …`), `reason` the problem's message alone, and `error` an
/// `Error` (not thrown) with the problem's code, message and fields.
pub fn row_error_field(error: &RowError) -> Field {
    let reason = error.reason.to_string();
    Field::Object(vec![
        (c"line", number(error.line)),
        (c"column", error.column.as_deref().map_or(Field::Null, text)),
        (c"value", text(&error.value)),
        (c"code", text(error.code())),
        (c"message", Field::Text(error.to_string())),
        (c"reason", Field::Text(reason.clone())),
        (
            c"error",
            Field::Error {
                code: error.code(),
                message: reason,
                fields: row_problem_fields(&error.reason),
            },
        ),
    ])
}

/// A refusal as a plain object `{ code, message, …fields }` (not thrown: the recipient is skipped
/// and reported). The fields: `channel`, `optedOutOf`, `since` and `origin` (the opt-out's consent
/// source, its JSON form) for `contacts.opted_out`; `channel` for `contacts.preference_off` and
/// `contacts.no_address`; `number` and `kind` for `contacts.not_mobile`; `kind` for
/// `contacts.notification_off`.
pub fn refusal_to_js(js: Js, refusal: &Refusal) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    js.set_named(object, c"code", js.str(refusal.code())?)?;
    js.set_named(object, c"message", js.str(&refusal.to_string())?)?;
    let fields = match refusal {
        Refusal::OptedOut {
            channel,
            opted_out_of,
            since,
            origin,
            ..
        } => {
            js.set_named(object, c"origin", to_js_value(js, origin)?)?;
            vec![
                (c"channel", text(channel.as_str())),
                (c"optedOutOf", text(opted_out_of.as_str())),
                (c"since", time(since)),
            ]
        }
        Refusal::PreferenceOff { channel, .. } | Refusal::NoAddress { channel, .. } => {
            vec![(c"channel", text(channel.as_str()))]
        }
        Refusal::NotMobile { number, kind, .. } => {
            vec![(c"number", text(number)), (c"kind", text(kind.as_str()))]
        }
        Refusal::NotificationOff { kind, .. } => vec![(c"kind", text(kind.as_str()))],
        // `contacts.sms_off_for_account` has no fields; a variant added to the core later: its
        // code and message.
        _ => Vec::new(),
    };
    for (name, field) in fields {
        js.set_named(object, name, field_value(js, field)?)?;
    }
    Ok(object)
}

/// A row error as a JS value (see [`row_error_field`]).
pub fn row_error_to_js(js: Js, error: &RowError) -> napi::Result<sys::napi_value> {
    field_value(js, row_error_field(error))
}
