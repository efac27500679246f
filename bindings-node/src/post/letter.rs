//! Letters as JS gives them: documents (`{ pages }`, `{ pageSizesMm }`, the bytes of a PDF or
//! `{ pdf }`, each with an optional `name`), the letter's options, address lines, the post's
//! calendars, codes and ids.

use envoi::post::{
    Document, DocumentRef, Envelope, Letter, PageSize, PostCalendars, Postage, RecipientPolicy,
};
use envoi::schedule::BusinessCalendar;
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, ValueType};
use rust_decimal::Decimal;

use super::error::document_error;
use crate::args::{
    array_items, bool_value, decimal_arg, napi_error, number_value, option_field, record_arg,
    string_arg, type_name, type_of,
};
use crate::errors::{JsError, invalid_arg};
use crate::js::{Js, MAX_SAFE_INTEGER};
use crate::time::date_arg;

const DOCUMENT_FORMS: &str = "{ pages: 3 }, { pageSizesMm: [['210', '297'], …] } or { pdf: bytes } (with an optional name), or the bytes of a PDF (a Buffer or Uint8Array)";

/// The bytes of a `Uint8Array` (a `Buffer` included), or `None` for another value.
pub fn pdf_bytes(env: Env, value: &Unknown<'_>) -> Result<Option<Vec<u8>>, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    js.uint8_bytes(value.raw()).map_err(napi_error)
}

/// A document of `field`: a PDF is read now, its errors naming the document (`which(name)`).
fn read_pdf(
    env: Env,
    bytes: &[u8],
    name: Option<String>,
    which: impl FnOnce(Option<String>) -> DocumentRef,
) -> Result<Document, JsError> {
    match Document::from_pdf(bytes) {
        Ok(document) => Ok(match name {
            Some(name) => document.named(name),
            None => document,
        }),
        Err(error) => Err(document_error(env, &which(name), error)),
    }
}

/// A number of A4 pages: a non-negative safe integer up to 2^32 − 1 (0 is left to the core:
/// `post.empty_document`).
fn pages_arg(name: &str, value: &Unknown<'_>) -> Result<u32, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::Number {
        return Err(invalid_arg(format!(
            "{name}: expected a number of A4 pages (an integer), got a value of type {}",
            type_name(kind)
        )));
    }
    let pages = number_value(name, value)?;
    if !pages.is_finite() || pages.fract() != 0.0 {
        return Err(invalid_arg(format!(
            "{name}: expected a whole number of A4 pages, got {pages}"
        )));
    }
    if pages < 0.0 {
        return Err(invalid_arg(format!(
            "{name}: {pages} is negative; a document has at least one page"
        )));
    }
    if pages > f64::from(u32::MAX) {
        return Err(invalid_arg(format!(
            "{name}: {pages} pages is more than envoi counts (at most {})",
            u32::MAX
        )));
    }
    // Checked just above: an integer from 0 to 2^32 − 1.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(pages as u32)
}

/// A size in millimetres: a decimal string (`'295.5'`), or a JS integer (`297`). A fractional
/// number throws `InvalidArg` (binary floating point is never a measure here).
fn mm_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<Decimal, JsError> {
    if type_of(name, value)? == ValueType::Number {
        let number = number_value(name, value)?;
        #[allow(clippy::cast_precision_loss)]
        let safe =
            number.is_finite() && number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER as f64;
        if !safe {
            return Err(invalid_arg(format!(
                "{name}: expected millimetres as a decimal string such as '295.5' or an integer, got the number {number}; write '{number}'"
            )));
        }
        // Checked just above: an integer within ±2^53, exact in i64.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Decimal::from(number as i64));
    }
    decimal_arg(env, name, value)
}

/// The page sizes of a document: `[[widthMm, heightMm], …]`.
fn page_sizes_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<Vec<PageSize>, JsError> {
    let pages = array_items(name, value, "an array of [widthMm, heightMm] pairs")?;
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let field = format!("{name}[{index}]");
            let pair = array_items(&field, page, "a [widthMm, heightMm] pair")?;
            match pair.as_slice() {
                [width, height] => Ok(PageSize {
                    width_mm: mm_arg(env, &format!("{field}[0]"), width)?,
                    height_mm: mm_arg(env, &format!("{field}[1]"), height)?,
                }),
                _ => Err(invalid_arg(format!(
                    "{field}: expected a [widthMm, heightMm] pair, got an array of {} items",
                    pair.len()
                ))),
            }
        })
        .collect()
}

/// One document (`field` names it in messages; `which` in the errors of its PDF).
pub fn document_arg(
    env: Env,
    field: &str,
    value: &Unknown<'_>,
    which: impl FnOnce(Option<String>) -> DocumentRef,
) -> Result<Document, JsError> {
    if let Some(bytes) = pdf_bytes(env, value)? {
        return read_pdf(env, &bytes, None, which);
    }
    let kind = type_of(field, value)?;
    if kind != ValueType::Object || value.is_array().unwrap_or(false) {
        return Err(invalid_arg(format!(
            "{field}: expected {DOCUMENT_FORMS}, got {}",
            if kind == ValueType::Object {
                "an array".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    let object = record_arg(
        field,
        value,
        &["pages", "pageSizesMm", "pdf", "name"],
        "{ pages: 3 }",
    )?;
    let name = option_field(&object, "name")?
        .map(|name| string_arg(&format!("{field}.name"), &name))
        .transpose()?;
    let pages = option_field(&object, "pages")?;
    let sizes = option_field(&object, "pageSizesMm")?;
    let pdf = option_field(&object, "pdf")?;
    let named = |document: Document| match &name {
        Some(name) => document.named(name.clone()),
        None => document,
    };
    match (pages, sizes, pdf) {
        (Some(pages), None, None) => Ok(named(Document::a4(pages_arg(
            &format!("{field}.pages"),
            &pages,
        )?))),
        (None, Some(sizes), None) => Ok(named(Document::from_page_sizes(page_sizes_arg(
            env,
            &format!("{field}.pageSizesMm"),
            &sizes,
        )?))),
        (None, None, Some(pdf)) => {
            let bytes = pdf_bytes(env, &pdf)?.ok_or_else(|| {
                invalid_arg(format!(
                    "{field}.pdf: expected the bytes of a PDF (a Buffer or Uint8Array)"
                ))
            })?;
            read_pdf(env, &bytes, name, which)
        }
        _ => Err(invalid_arg(format!(
            "{field}: a document has exactly one of pages (a count of A4 pages), pageSizesMm (each page's [width, height]) and pdf (the bytes of a PDF)"
        ))),
    }
}

/// The documents of a letter: an array of documents.
pub fn documents_arg(env: Env, value: &Unknown<'_>) -> Result<Vec<Document>, JsError> {
    let items = array_items(
        "documents",
        value,
        "an array of documents (a single document goes in an array)",
    )?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            document_arg(env, &format!("documents[{index}]"), item, |name| {
                DocumentRef::Document { index, name }
            })
        })
        .collect()
}

/// Address lines: an array of strings.
pub fn lines_arg(name: &str, value: &Unknown<'_>) -> Result<Vec<String>, JsError> {
    array_items(name, value, "an array of address lines (strings)")?
        .iter()
        .enumerate()
        .map(|(index, line)| string_arg(&format!("{name}[{index}]"), line))
        .collect()
}

/// The recipients of a job: an array of addresses, each an array of lines.
pub fn recipients_arg(value: &Unknown<'_>) -> Result<Vec<Vec<String>>, JsError> {
    array_items(
        "recipients",
        value,
        "an array of addresses (each an array of lines)",
    )?
    .iter()
    .enumerate()
    .map(|(row, address)| lines_arg(&format!("recipients[{row}]"), address))
    .collect()
}

/// A code among `all` (the core's snake_case names), else `InvalidArg` naming the argument.
fn code_arg<T: Copy>(
    field: &str,
    value: &Unknown<'_>,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Result<T, JsError> {
    let text = string_arg(field, value)?;
    all.iter()
        .copied()
        .find(|item| code(*item) == text)
        .ok_or_else(|| {
            let codes: Vec<String> = all
                .iter()
                .map(|item| format!("'{}'", code(*item)))
                .collect();
            invalid_arg(format!(
                "{field}: unknown value {text:?}; expected one of {}",
                codes.join(", ")
            ))
        })
}

/// A postage code (`'prior'`, `'non_prior'`, `'registered'`, `'rp'`, `'prior_international'`).
pub fn postage_arg(value: &Unknown<'_>) -> Result<Postage, JsError> {
    code_arg("postage", value, &Postage::ALL, Postage::code)
}

/// An envelope code (`'us'`, `'c5'`, `'c4'`).
pub fn envelope_arg(value: &Unknown<'_>) -> Result<Envelope, JsError> {
    code_arg("envelope", value, &Envelope::ALL, Envelope::code)
}

/// The code of a recipient policy.
pub fn policy_code(policy: RecipientPolicy) -> &'static str {
    match policy {
        RecipientPolicy::ReportAndContinue => "report_and_continue",
        RecipientPolicy::RefuseJob => "refuse_job",
    }
}

/// A recipient policy (`'report_and_continue'`, `'refuse_job'`).
pub fn policy_arg(value: &Unknown<'_>) -> Result<RecipientPolicy, JsError> {
    code_arg(
        "policy",
        value,
        &[
            RecipientPolicy::ReportAndContinue,
            RecipientPolicy::RefuseJob,
        ],
        policy_code,
    )
}

/// The field `name` of `options`, required.
pub fn required<'env>(object: &Object<'env>, name: &str) -> Result<Unknown<'env>, JsError> {
    option_field(object, name)?.ok_or_else(|| invalid_arg(format!("options.{name}: is required")))
}

/// A boolean option, default `false`.
pub fn flag(object: &Object<'_>, name: &str) -> Result<bool, JsError> {
    option_field(object, name)?
        .map(|value| bool_value(name, &value))
        .transpose()
        .map(Option::unwrap_or_default)
}

/// The post's calendars: Belgian business days, with the host's closed days (`"YYYY-MM-DD"`
/// arrays) for production (the handover) and for the post's delivery.
pub fn calendars_arg(object: &Object<'_>) -> Result<PostCalendars, JsError> {
    let calendar = |name: &str| -> Result<BusinessCalendar, JsError> {
        let belgium = BusinessCalendar::belgium();
        let Some(days) = option_field(object, name)? else {
            return Ok(belgium);
        };
        let days = array_items(name, &days, "an array of \"YYYY-MM-DD\" strings")?
            .iter()
            .enumerate()
            .map(|(index, day)| date_arg(&format!("{name}[{index}]"), day))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(belgium.with_closed_days(days))
    };
    Ok(PostCalendars {
        production: calendar("productionClosedDays")?,
        delivery: calendar("deliveryClosedDays")?,
    })
}

/// The letter's options shared by `quote`, `quoteJob` and `new Job`.
pub const LETTER_OPTIONS: [&str; 7] = [
    "postage",
    "color",
    "duplex",
    "acknowledgement",
    "envelope",
    "returnAddress",
    "background",
];

/// The letter of `documents` and the options `object` (its keys already checked).
pub fn letter_arg(
    env: Env,
    documents: &Unknown<'_>,
    object: &Object<'_>,
) -> Result<Letter, JsError> {
    let documents = documents_arg(env, documents)?;
    let postage = postage_arg(&required(object, "postage")?)?;
    let background = option_field(object, "background")?
        .map(|value| document_arg(env, "background", &value, |_| DocumentRef::Background))
        .transpose()?;
    let envelope = option_field(object, "envelope")?
        .map(|value| envelope_arg(&value))
        .transpose()?;
    let return_address = option_field(object, "returnAddress")?
        .map(|value| lines_arg("returnAddress", &value))
        .transpose()?;
    Ok(Letter {
        documents,
        background,
        color: flag(object, "color")?,
        duplex: flag(object, "duplex")?,
        postage,
        acknowledgement: flag(object, "acknowledgement")?,
        envelope,
        return_address,
    })
}

/// An id (`u64`): a non-negative safe integer or a `bigint` up to 2^64 − 1.
pub fn id_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    crate::token::id_value(js, name, value.raw(), u64::MAX)?
        .ok_or_else(|| invalid_arg(format!("{name}: is required")))
}

/// The options object `value` (required) with keys among `names`.
pub fn options_arg<'env>(
    value: &Unknown<'env>,
    names: &[&str],
    example: &str,
) -> Result<Object<'env>, JsError> {
    record_arg("options", value, names, example)
}
