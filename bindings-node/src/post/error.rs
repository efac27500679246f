//! `PostError` → a thrown JS `Error` whose `.code` is the core's code (`post.…`), whose `.message`
//! is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `sheets`, `max` and `over` for `post.too_many_sheets`, `document`,
//! `documentName`, `page`, `widthMm`, `heightMm` and `size` for `post.not_a4`, `suggestions` for
//! `post.unknown_country`, and so on. Counts are numbers, ids numbers (or `bigint`s above
//! 2^53 − 1), millimetres and grams decimal strings, days `"YYYY-MM-DD"` strings, instants RFC 3339
//! strings in Europe/Brussels. The country line's and the PDF reader's errors are post errors too;
//! the wrapped calendar errors keep their `schedule.*` code, the token errors their `token.*` code
//! and fields.

use std::ffi::CStr;

use envoi::ErrorCode;
use envoi::post::{
    CountryCandidate, CountryError, DocumentRef, PdfError, PostError, RecipientFailure,
};
use envoi::time::Zone;
use napi::Env;

use crate::errors::{Field, JsError, throw_with_fields};
use crate::time::{format_date, format_in};

/// A count or a position as a field.
#[allow(
    clippy::cast_precision_loss,
    reason = "counts and positions stay far below 2^53"
)]
fn number(value: u64) -> Field {
    Field::Number(value as f64)
}

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// `document`: the index of the document in the letter (from 0), or `'background'`;
/// `documentName`: its name, or `null`.
pub fn document_fields(document: &DocumentRef) -> Vec<(&'static CStr, Field)> {
    match document {
        DocumentRef::Document { index, name } => vec![
            (c"document", number(*index as u64)),
            (c"documentName", name.as_deref().map_or(Field::Null, text)),
        ],
        DocumentRef::Background => vec![
            (c"document", text("background")),
            (c"documentName", Field::Null),
        ],
    }
}

/// Country candidates as `[{ code, name }, …]`.
fn candidates(candidates: &[CountryCandidate]) -> Field {
    Field::List(
        candidates
            .iter()
            .map(|candidate| {
                Field::Object(vec![
                    (c"code", text(candidate.country.code())),
                    (c"name", text(&candidate.name)),
                ])
            })
            .collect(),
    )
}

/// The address line of a country-line error (from 0), or `null` for `post.country(name)`.
fn line(line: Option<usize>) -> Field {
    line.map_or(Field::Null, |line| number(line as u64))
}

/// A refused recipient of a job: `{ row, code, message, error }`, `error` being the `Error` (not
/// thrown) with the reason's code, message and fields.
pub fn failure_field(failure: &RecipientFailure) -> Field {
    Field::Object(vec![
        (c"row", number(failure.row as u64)),
        (c"code", text(failure.code())),
        (c"message", Field::Text(failure.error.to_string())),
        (
            c"error",
            Field::Error {
                code: failure.code(),
                message: failure.error.to_string(),
                fields: fields(&failure.error),
            },
        ),
    ])
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &PostError) -> Vec<(&'static CStr, Field)> {
    let time = |t: &envoi::time::Instant| Field::Text(format_in(Zone::default(), *t));
    let day = |d: &chrono::NaiveDate| Field::Text(format_date(*d));
    match error {
        PostError::EmptyDocument { document } => document_fields(document),
        PostError::NotA4 {
            document,
            page,
            width_mm,
            height_mm,
        } => {
            let mut fields = document_fields(document);
            fields.extend([
                (c"page", number(*page)),
                (c"widthMm", Field::Text(width_mm.to_string())),
                (c"heightMm", Field::Text(height_mm.to_string())),
                (
                    c"size",
                    Field::List(vec![
                        Field::Text(width_mm.to_string()),
                        Field::Text(height_mm.to_string()),
                    ]),
                ),
            ]);
            fields
        }
        PostError::BackgroundNotOnePage { pages } => vec![(c"pages", number(*pages))],
        PostError::TooManySheets { sheets, max, over } => vec![
            (c"sheets", number(*sheets)),
            (c"max", number(u64::from(*max))),
            (c"over", number(*over)),
        ],
        PostError::EnvelopeTooSmall {
            envelope,
            capacity,
            sheets,
            over,
            smallest_fitting,
        } => vec![
            (c"envelope", text(envelope.code())),
            (c"capacity", number(u64::from(*capacity))),
            (c"sheets", number(*sheets)),
            (c"over", number(*over)),
            (c"smallestFitting", text(smallest_fitting.code())),
        ],
        PostError::TooHeavy {
            weight_grams,
            format,
            max_grams,
        } => vec![
            (c"weightGrams", Field::Text(weight_grams.to_string())),
            (c"format", text(format.code())),
            (c"maxGrams", number(u64::from(*max_grams))),
        ],
        PostError::RegisteredNationalOnly { country }
        | PostError::NonPriorNationalOnly { country } => {
            vec![(c"country", text(country.code()))]
        }
        PostError::AcknowledgementRegisteredOnly { postage } => {
            vec![(c"postage", text(postage.code()))]
        }
        PostError::NoDeliveryData {
            country,
            verified_on,
        } => vec![
            (c"country", text(country.code())),
            (c"verifiedOn", day(verified_on)),
        ],
        PostError::InvalidData { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        PostError::DateOutOfRange { field, date, rule } => vec![
            (c"field", text(field)),
            (c"date", day(date)),
            (c"rule", text(rule)),
        ],
        PostError::IllegalTransition { from, to, rule } => vec![
            (c"from", text(from.code())),
            (c"to", text(to.code())),
            (c"rule", text(rule)),
        ],
        PostError::ApprovalRequired { from } => vec![(c"from", text(from.code()))],
        PostError::SelfApproval { approver } => vec![(c"approver", Field::Id(*approver))],
        PostError::ApprovalLinkMismatch {
            link_account,
            link_job,
            account,
            job,
        } => vec![
            (c"linkAccount", Field::Id(*link_account)),
            (c"linkJob", Field::Id(*link_job)),
            (c"account", Field::Id(*account)),
            (c"job", Field::Id(*job)),
        ],
        PostError::InvalidLinkBase { value } => vec![(c"value", text(value))],
        PostError::TimeRegression { at, last } => {
            vec![(c"at", time(at)), (c"last", time(last))]
        }
        PostError::JobRefused {
            recipients,
            failures,
        } => vec![
            (c"recipients", number(*recipients as u64)),
            (
                c"failures",
                Field::List(failures.iter().map(failure_field).collect()),
            ),
        ],
        PostError::WrongApprover { approver, given } => vec![
            (c"approver", Field::Id(*approver)),
            (c"given", Field::Id(*given)),
        ],
        PostError::ApprovalLinkWithoutJob { missing } => vec![(c"missing", text(missing))],
        PostError::InvalidJob { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        PostError::NotRegistered { postage } => vec![(c"postage", text(postage.code()))],
        PostError::WrongJobState {
            action,
            state,
            needed,
        } => vec![
            (c"action", text(action)),
            (c"state", text(state.code())),
            (c"needed", text(needed.code())),
        ],
        PostError::BarcodesNotAssigned { letters } => vec![(c"letters", number(*letters as u64))],
        PostError::InvalidBarcode { field, value, rule }
        | PostError::InvalidBarcodeRange { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        PostError::BarcodeCheckDigitMismatch {
            value,
            serial,
            expected,
            found,
        } => vec![
            (c"value", text(value)),
            (c"serial", text(serial)),
            (c"expected", number(u64::from(*expected))),
            (c"found", number(u64::from(*found))),
        ],
        PostError::BarcodeNextOutsideRange { next, first, last } => vec![
            (c"next", Field::Id(*next)),
            (c"first", Field::Id(*first)),
            (c"last", Field::Id(*last)),
        ],
        PostError::BarcodeRangeExhausted {
            first,
            last,
            requested,
            remaining,
        } => vec![
            (c"first", text(first)),
            (c"last", text(last)),
            (c"requested", Field::Id(*requested)),
            (c"remaining", Field::Id(*remaining)),
        ],
        PostError::HandoverBeforeSubmission {
            submitted_on,
            handed_over_on,
        } => vec![
            (c"submittedOn", day(submitted_on)),
            (c"handedOverOn", day(handed_over_on)),
        ],
        PostError::Country(error) => country_fields(error),
        PostError::Pdf(error) => pdf_fields(error),
        PostError::Token(error) => crate::token::error::fields(error),
        // No fields: the code and the message say it all. The calendar's errors keep their
        // `schedule.*` code and message.
        PostError::NoDocuments
        | PostError::RpNotAvailable
        | PostError::ReturnAddressRequired
        | PostError::PriorInternationalAbroadOnly
        | PostError::EmptyAddress
        | PostError::ApprovalLinkWithoutApprover
        | PostError::NoRecipients
        | PostError::Schedule(_) => Vec::new(),
        // `PostError` is `#[non_exhaustive]`: every variant is listed above, and a variant added
        // to the core later still throws with its code and message.
        _ => Vec::new(),
    }
}

/// The fields of a country-line error: `line` (the address line, `null` for `country(name)`),
/// `value`, and `proposed`, `suggestions`, `candidates` or `prefix`.
fn country_fields(error: &CountryError) -> Vec<(&'static CStr, Field)> {
    match error {
        CountryError::NotInCapitals {
            line: at,
            value,
            proposed,
        } => vec![
            (c"line", line(*at)),
            (c"value", text(value)),
            (c"proposed", text(proposed)),
        ],
        CountryError::UnknownCountry {
            line: at,
            value,
            suggestions,
        } => vec![
            (c"line", line(*at)),
            (c"value", text(value)),
            (c"suggestions", candidates(suggestions)),
        ],
        CountryError::AmbiguousCountry {
            line: at,
            value,
            candidates: found,
        } => vec![
            (c"line", line(*at)),
            (c"value", text(value)),
            (c"candidates", candidates(found)),
        ],
        CountryError::CountryLineMissing {
            line: at,
            value,
            prefix,
        } => vec![
            (c"line", number(*at as u64)),
            (c"value", text(value)),
            (c"prefix", text(prefix)),
        ],
        _ => Vec::new(),
    }
}

/// The fields of a PDF error: `reason`, `page` (from 1), `name` (the box), `value`, `rule`.
fn pdf_fields(error: &PdfError) -> Vec<(&'static CStr, Field)> {
    match error {
        PdfError::Corrupt { reason } => vec![(c"reason", text(reason))],
        PdfError::PageWithoutBox { page } => vec![(c"page", number(*page as u64))],
        PdfError::InvalidBox {
            page,
            name,
            value,
            rule,
        } => vec![
            (c"page", number(*page as u64)),
            (c"name", text(name)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        PdfError::InvalidRotate { page, value } => {
            vec![(c"page", number(*page as u64)), (c"value", text(value))]
        }
        _ => Vec::new(),
    }
}

/// Throws an error of reading `document` (a PDF): its fields, `document` and `documentName`, and
/// the core's message prefixed with the document (`documents[1] (flyer): …`).
pub fn document_error(env: Env, document: &DocumentRef, error: PostError) -> JsError {
    let mut all = document_fields(document);
    all.extend(fields(&error));
    let message = format!("{document}: {error}");
    throw_with_fields(env, error.code(), message, all)
}

/// Throws a post error with its fields (see [`crate::errors::envoi_error`]).
pub fn post_error(env: Env, error: impl Into<PostError>) -> JsError {
    crate::errors::envoi_error(env, error.into())
}
