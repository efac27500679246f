//! `envoi.post`: letters (mirrors `envoi::post`): sheets, envelopes, weight, postage, the
//! destination country, handover and delivery dates, jobs and their states, registered mail (its
//! barcodes and summaries) and retention deadlines.
//!
//! Only conversions. A letter comes in as keyword arguments (`documents`, `postage`, `color`…);
//! a document is a dict (`{"pages": 3}`, `{"page_sizes_mm": [[210, 297], …]}`, `{"pdf": data}`,
//! each with an optional `"name"`) or the bytes of a PDF, read by the core's `pdf` feature with the
//! interpreter released. Page counts are `int`s (a `float` is a `TypeError`), millimetres and grams
//! `decimal.Decimal`, days `datetime.date`s ([`Day`]), times aware `datetime`s in and `datetime`s
//! in Europe/Brussels (the post's zone) out. Enumerations are the core's snake_case codes.
//!
//! A [`PostError`] (and the country line's and the PDF reader's errors it wraps) becomes
//! `envoi.PostError` with the core's code and message and the variant's fields as attributes
//! ([`post_err`]); the business calendar's errors stay `envoi.ScheduleError`.
//!
//! Registered-mail barcodes are `str`s in and out, checked by the core's `Barcode` (a UPU S10
//! identifier with its check digit, or a bpost national 30-digit number); `parse_barcode` checks one.
//! A stored `Job` or `BarcodeRange` is read back by the core's `from_json`, which checks its rules
//! and raises `envoi.PostError` naming the field.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard};

use chrono::{Datelike, NaiveDate};
use envoi::post::{
    Barcode, BarcodeFormat, Country, CountryCandidate, CountryError, Document, DocumentRef,
    Envelope, Letter, PageSize, PdfError, PostCalendars, PostError, Postage, RecipientPolicy,
};
use envoi::schedule::BusinessCalendar;
use envoi::time::{Instant, Zone};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
};

use crate::credits::repr;
use crate::errors::{guard, poisoned, to_py_err_with_fields, to_py_err_with_message_and_fields};
use crate::schedule::Day;
use crate::sms::WideInt;
use crate::time::{PyZone, instant_arg};
use crate::vat::{date_to_py, decimal_arg, decimal_to_py, language_arg};

/// The years a Python `datetime.date` can hold.
const PYTHON_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a post error: `envoi.PostError` (or `envoi.ScheduleError` for a wrapped
/// calendar error, `envoi.TokenError` with its fields for an approval link's token) with the
/// variant's fields as attributes.
pub(crate) fn post_err(py: Python<'_>, error: PostError) -> PyErr {
    // An approval link's token error is the key ring's, with its fields (`expires_at`, `now`…).
    let error = match error {
        PostError::Token(error) => return crate::token::token_err(py, error),
        error => error,
    };
    match post_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The Python exception of an error while reading `document` (a PDF): its fields, `document` and
/// `document_name`, and the core's message prefixed with the document (`documents[1] (flyer): …`).
fn document_err(py: Python<'_>, document: &DocumentRef, error: PostError) -> PyErr {
    let built = post_fields(py, &error).and_then(|fields| {
        set_document(&fields, document)?;
        let message = format!("{document}: {error}");
        Ok(to_py_err_with_message_and_fields(
            py, error, &message, &fields,
        ))
    });
    built.unwrap_or_else(|failure| failure)
}

/// The exception object (not raised) of a post error, for `RecipientFailure.error`.
fn post_err_value(py: Python<'_>, error: PostError) -> Py<PyAny> {
    post_err(py, error).value(py).clone().into_any().unbind()
}

/// `document`: the index of the document in the letter (from 0), or `"background"`;
/// `document_name`: its name, or None.
fn set_document(fields: &Bound<'_, PyDict>, document: &DocumentRef) -> PyResult<()> {
    match document {
        DocumentRef::Document { index, name } => {
            fields.set_item("document", index)?;
            fields.set_item("document_name", name.as_deref())?;
        }
        DocumentRef::Background => {
            fields.set_item("document", "background")?;
            fields.set_item("document_name", None::<&str>)?;
        }
    }
    Ok(())
}

/// A date of an error, or None past Python's dates.
fn error_date(py: Python<'_>, date: NaiveDate) -> Option<Bound<'_, PyAny>> {
    PYTHON_YEARS
        .contains(&date.year())
        .then(|| date_to_py(py, date).ok())
        .flatten()
}

/// The fields of a post error, named as the core names them (`from` is `from_`).
fn post_fields<'py>(py: Python<'py>, error: &PostError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    let time = |t: &Instant| {
        PyZone::new(py, Zone::default())
            .and_then(|zone| zone.instant(*t))
            .ok()
    };
    match error {
        PostError::EmptyDocument { document } => set_document(&fields, document)?,
        PostError::NotA4 {
            document,
            page,
            width_mm,
            height_mm,
        } => {
            set_document(&fields, document)?;
            fields.set_item("page", page)?;
            let width = decimal_to_py(py, *width_mm)?;
            let height = decimal_to_py(py, *height_mm)?;
            fields.set_item("width_mm", &width)?;
            fields.set_item("height_mm", &height)?;
            fields.set_item("size", (width, height))?;
        }
        PostError::BackgroundNotOnePage { pages } => fields.set_item("pages", pages)?,
        PostError::TooManySheets { sheets, max, over } => {
            fields.set_item("sheets", sheets)?;
            fields.set_item("max", max)?;
            fields.set_item("over", over)?;
        }
        PostError::EnvelopeTooSmall {
            envelope,
            capacity,
            sheets,
            over,
            smallest_fitting,
        } => {
            fields.set_item("envelope", envelope.code())?;
            fields.set_item("capacity", capacity)?;
            fields.set_item("sheets", sheets)?;
            fields.set_item("over", over)?;
            fields.set_item("smallest_fitting", smallest_fitting.code())?;
        }
        PostError::TooHeavy {
            weight_grams,
            format,
            max_grams,
        } => {
            fields.set_item("weight_grams", decimal_to_py(py, *weight_grams)?)?;
            fields.set_item("format", format.code())?;
            fields.set_item("max_grams", max_grams)?;
        }
        PostError::RegisteredNationalOnly { country }
        | PostError::NonPriorNationalOnly { country } => {
            fields.set_item("country", country.code())?;
        }
        PostError::AcknowledgementRegisteredOnly { postage } => {
            fields.set_item("postage", postage.code())?;
        }
        PostError::NoDeliveryData {
            country,
            verified_on,
        } => {
            fields.set_item("country", country.code())?;
            fields.set_item("verified_on", error_date(py, *verified_on))?;
        }
        PostError::InvalidData { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        PostError::DateOutOfRange { field, date, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("date", error_date(py, *date))?;
            fields.set_item("rule", rule)?;
        }
        PostError::IllegalTransition { from, to, rule } => {
            fields.set_item("from_", from.code())?;
            fields.set_item("to", to.code())?;
            fields.set_item("rule", rule)?;
        }
        PostError::ApprovalRequired { from } => fields.set_item("from_", from.code())?,
        PostError::SelfApproval { approver } => fields.set_item("approver", approver)?,
        PostError::ApprovalLinkMismatch {
            link_account,
            link_job,
            account,
            job,
        } => {
            fields.set_item("link_account", link_account)?;
            fields.set_item("link_job", link_job)?;
            fields.set_item("account", account)?;
            fields.set_item("job", job)?;
        }
        PostError::InvalidLinkBase { value } => fields.set_item("value", value)?,
        PostError::TimeRegression { at, last } => {
            fields.set_item("at", time(at))?;
            fields.set_item("last", time(last))?;
        }
        PostError::JobRefused {
            recipients,
            failures,
        } => {
            fields.set_item("recipients", recipients)?;
            let failures = failures
                .iter()
                .map(|failure| RecipientFailure::of(py, failure.clone()))
                .collect::<Vec<_>>();
            fields.set_item("failures", failures)?;
        }
        PostError::WrongApprover { approver, given } => {
            fields.set_item("approver", approver)?;
            fields.set_item("given", given)?;
        }
        PostError::ApprovalLinkWithoutJob { missing } => fields.set_item("missing", missing)?,
        PostError::InvalidJob { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        PostError::NotRegistered { postage } => fields.set_item("postage", postage.code())?,
        PostError::WrongJobState {
            action,
            state,
            needed,
        } => {
            fields.set_item("action", action)?;
            fields.set_item("state", state.code())?;
            fields.set_item("needed", needed.code())?;
        }
        PostError::BarcodesNotAssigned { letters } => fields.set_item("letters", letters)?,
        PostError::InvalidBarcode { field, value, rule }
        | PostError::InvalidBarcodeRange { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        PostError::BarcodeCheckDigitMismatch {
            value,
            serial,
            expected,
            found,
        } => {
            fields.set_item("value", value)?;
            fields.set_item("serial", serial)?;
            fields.set_item("expected", expected)?;
            fields.set_item("found", found)?;
        }
        PostError::BarcodeNextOutsideRange { next, first, last } => {
            fields.set_item("next", next)?;
            fields.set_item("first", first)?;
            fields.set_item("last", last)?;
        }
        PostError::BarcodeRangeExhausted {
            first,
            last,
            requested,
            remaining,
        } => {
            fields.set_item("first", first)?;
            fields.set_item("last", last)?;
            fields.set_item("requested", requested)?;
            fields.set_item("remaining", remaining)?;
        }
        PostError::HandoverBeforeSubmission {
            submitted_on,
            handed_over_on,
        } => {
            fields.set_item("submitted_on", error_date(py, *submitted_on))?;
            fields.set_item("handed_over_on", error_date(py, *handed_over_on))?;
        }
        PostError::Country(error) => country_fields(py, &fields, error)?,
        PostError::Pdf(error) => pdf_fields(&fields, error)?,
        // No fields: the code and the message say it all.
        PostError::NoDocuments
        | PostError::RpNotAvailable
        | PostError::ReturnAddressRequired
        | PostError::PriorInternationalAbroadOnly
        | PostError::EmptyAddress
        | PostError::ApprovalLinkWithoutApprover
        | PostError::NoRecipients => {}
        // The wrapped calendar error keeps its code and is raised as `envoi.ScheduleError`; a token
        // error never gets here (`post_err` maps it with the key ring's fields).
        PostError::Schedule(_) | PostError::Token(_) => {}
        // `PostError` is `#[non_exhaustive]`: a variant added to the core later still raises with
        // its code and message (every variant of this version is listed above).
        _ => {}
    }
    Ok(fields)
}

/// Country candidates as `[(code, name), …]`.
fn candidates<'py>(
    py: Python<'py>,
    candidates: &[CountryCandidate],
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(
        py,
        candidates
            .iter()
            .map(|candidate| (candidate.country.code(), candidate.name.as_str())),
    )
}

/// The fields of a country-line error: `line` (the address line, None for `country()`), `value`
/// and `proposed`, `suggestions`, `candidates` or `prefix`.
fn country_fields(
    py: Python<'_>,
    fields: &Bound<'_, PyDict>,
    error: &CountryError,
) -> PyResult<()> {
    match error {
        CountryError::NotInCapitals {
            line,
            value,
            proposed,
        } => {
            fields.set_item("line", line)?;
            fields.set_item("value", value)?;
            fields.set_item("proposed", proposed)?;
        }
        CountryError::UnknownCountry {
            line,
            value,
            suggestions,
        } => {
            fields.set_item("line", line)?;
            fields.set_item("value", value)?;
            fields.set_item("suggestions", candidates(py, suggestions)?)?;
        }
        CountryError::AmbiguousCountry {
            line,
            value,
            candidates: found,
        } => {
            fields.set_item("line", line)?;
            fields.set_item("value", value)?;
            fields.set_item("candidates", candidates(py, found)?)?;
        }
        CountryError::CountryLineMissing {
            line,
            value,
            prefix,
        } => {
            fields.set_item("line", line)?;
            fields.set_item("value", value)?;
            fields.set_item("prefix", prefix)?;
        }
        _ => {}
    }
    Ok(())
}

/// The fields of a PDF error: `reason`, `page` (from 1), `name` (the box), `value`, `rule`.
fn pdf_fields(fields: &Bound<'_, PyDict>, error: &PdfError) -> PyResult<()> {
    match error {
        PdfError::Corrupt { reason } => fields.set_item("reason", reason)?,
        PdfError::PageWithoutBox { page } => fields.set_item("page", page)?,
        PdfError::InvalidBox {
            page,
            name,
            value,
            rule,
        } => {
            fields.set_item("page", page)?;
            fields.set_item("name", name)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        PdfError::InvalidRotate { page, value } => {
            fields.set_item("page", page)?;
            fields.set_item("value", value)?;
        }
        _ => {}
    }
    Ok(())
}

/// Why a letter could not be made or quoted: a core error, or a PDF error of one document.
enum Failure {
    Post(PostError),
    Document(DocumentRef, PostError),
}

impl From<PostError> for Failure {
    fn from(error: PostError) -> Self {
        Failure::Post(error)
    }
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Post(error) => post_err(py, error),
            Failure::Document(document, error) => document_err(py, &document, error),
        }
    }
}

// ---- Arguments -----------------------------------------------------------------------------------

/// The name of a value's type, for error messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

/// `repr(value)`, for error messages.
fn repr_of(value: &Bound<'_, PyAny>) -> String {
    value
        .repr()
        .map_or_else(|_| "?".to_owned(), |text| text.to_string())
}

/// An `int` argument the core takes as `u64` (ids, barcode serials). A `bool` or a non-int is a
/// `TypeError`; a negative value or one past 2**64 - 1 a `ValueError` naming the argument.
fn u64_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected an int, not {}",
            type_name(value)
        )));
    }
    value.extract::<u64>().map_err(|_| {
        PyValueError::new_err(format!(
            "{field}: {} is out of range; it is a number from 0 to 18446744073709551615",
            repr_of(value)
        ))
    })
}

/// A number of A4 pages: an `int` (a `float` or a `bool` is a `TypeError`, a negative number or one
/// past 2**32 - 1 a `ValueError`). 0 is left to the core (`post.empty_document`).
fn pages_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<u32> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        let hint = if value.is_instance_of::<PyFloat>() {
            "; a number of pages is a whole number, never a float"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "{field}: expected an int (a number of A4 pages), not {} ({}){hint}",
            type_name(value),
            repr_of(value)
        )));
    }
    match value.extract::<i64>() {
        Ok(pages) if pages < 0 => Err(PyValueError::new_err(format!(
            "{field}: {pages} is negative; a document has at least one page"
        ))),
        Ok(pages) => u32::try_from(pages).map_err(|_| too_many_pages(field, value)),
        Err(_) => Err(too_many_pages(field, value)),
    }
}

fn too_many_pages(field: &str, value: &Bound<'_, PyAny>) -> PyErr {
    if value.lt(0).unwrap_or(false) {
        return PyValueError::new_err(format!(
            "{field}: {} is negative; a document has at least one page",
            repr_of(value)
        ));
    }
    PyValueError::new_err(format!(
        "{field}: {} pages is more than envoi counts (at most {})",
        repr_of(value),
        u32::MAX
    ))
}

/// A size in millimetres: an `int` or a `decimal.Decimal` (a `float` is a `TypeError`).
fn mm_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<rust_decimal::Decimal> {
    if value.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected an int or a decimal.Decimal (millimetres), not float ({}); write \
             decimal.Decimal(\"{}\")",
            repr_of(value),
            value
                .str()
                .map_or_else(|_| "?".to_owned(), |s| s.to_string())
        )));
    }
    decimal_arg(value, field)
}

/// The page sizes of a document: `[[width_mm, height_mm], …]`.
fn page_sizes_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<PageSize>> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a list of [width_mm, height_mm] pairs, not {}",
            type_name(value)
        )));
    }
    let pages = value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{field}: expected a list of [width_mm, height_mm] pairs, not {}",
            type_name(value)
        ))
    })?;
    pages
        .enumerate()
        .map(|(index, page)| {
            let page = page?;
            let field = format!("{field}[{index}]");
            let pair = if page.is_instance_of::<PyString>() {
                None
            } else {
                page.try_iter()
                    .ok()
                    .map(|items| items.collect::<PyResult<Vec<_>>>())
                    .transpose()?
            };
            match pair.as_deref() {
                Some([width, height]) => Ok(PageSize {
                    width_mm: mm_arg(width, &format!("{field}[0]"))?,
                    height_mm: mm_arg(height, &format!("{field}[1]"))?,
                }),
                _ => Err(PyTypeError::new_err(format!(
                    "{field}: expected a [width_mm, height_mm] pair, not {}",
                    repr_of(&page)
                ))),
            }
        })
        .collect()
}

/// The bytes of a PDF (`bytes` or `bytearray`), or None for another type.
fn pdf_bytes(value: &Bound<'_, PyAny>) -> Option<Vec<u8>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Some(bytes.as_bytes().to_vec());
    }
    value.cast::<PyByteArray>().ok().map(|bytes| bytes.to_vec())
}

/// A document as Python gave it: ready, or a PDF still to read (with the interpreter released).
enum DocumentArg {
    Ready(Document),
    Pdf {
        bytes: Vec<u8>,
        name: Option<String>,
    },
}

impl DocumentArg {
    /// The document; a PDF is read now, its errors naming the document (`which(name)`).
    fn resolve(
        self,
        which: impl FnOnce(Option<String>) -> DocumentRef,
    ) -> Result<Document, Failure> {
        match self {
            DocumentArg::Ready(document) => Ok(document),
            DocumentArg::Pdf { bytes, name } => match Document::from_pdf(&bytes) {
                Ok(document) => Ok(match &name {
                    Some(name) => document.named(name.clone()),
                    None => document,
                }),
                Err(error) => Err(Failure::Document(which(name), error)),
            },
        }
    }
}

const DOCUMENT_FORMS: &str = "a dict such as {\"pages\": 3}, {\"page_sizes_mm\": [[210, 297], …]} \
     or {\"pdf\": data} (with an optional \"name\"), or the bytes of a PDF";

/// One document: a dict (`pages`, `page_sizes_mm` or `pdf`, and an optional `name`) or the bytes
/// of a PDF.
fn document_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<DocumentArg> {
    if let Some(bytes) = pdf_bytes(value) {
        return Ok(DocumentArg::Pdf { bytes, name: None });
    }
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected {DOCUMENT_FORMS}, not {}",
            type_name(value)
        )));
    };
    let mut pages = None;
    let mut sizes = None;
    let mut pdf = None;
    let mut name = None;
    for (key, item) in dict.iter() {
        let Ok(key) = key.extract::<String>() else {
            return Err(PyTypeError::new_err(format!(
                "{field}: keys are str, not {}",
                type_name(&key)
            )));
        };
        match key.as_str() {
            "pages" => pages = Some(pages_arg(&item, &format!("{field}.pages"))?),
            "page_sizes_mm" => {
                sizes = Some(page_sizes_arg(&item, &format!("{field}.page_sizes_mm"))?);
            }
            "pdf" => {
                pdf = Some(pdf_bytes(&item).ok_or_else(|| {
                    PyTypeError::new_err(format!(
                        "{field}.pdf: expected the bytes of a PDF (bytes or bytearray), not {}",
                        type_name(&item)
                    ))
                })?);
            }
            "name" if item.is_none() => name = None,
            "name" => {
                name = Some(item.extract::<String>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{field}.name: expected a str, not {}",
                        type_name(&item)
                    ))
                })?);
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "{field}: unknown key {other:?}; a document has \"pages\" (a count of A4 \
                     pages), \"page_sizes_mm\" (each page's [width, height]) or \"pdf\" (the \
                     bytes of a PDF), and an optional \"name\""
                )));
            }
        }
    }
    let named = |document: Document| match &name {
        Some(name) => document.named(name.clone()),
        None => document,
    };
    match (pages, sizes, pdf) {
        (Some(pages), None, None) => Ok(DocumentArg::Ready(named(Document::a4(pages)))),
        (None, Some(sizes), None) => {
            Ok(DocumentArg::Ready(named(Document::from_page_sizes(sizes))))
        }
        (None, None, Some(bytes)) => Ok(DocumentArg::Pdf { bytes, name }),
        _ => Err(PyValueError::new_err(format!(
            "{field}: a document has exactly one of \"pages\" (a count of A4 pages), \
             \"page_sizes_mm\" (each page's [width, height]) and \"pdf\" (the bytes of a PDF)"
        ))),
    }
}

/// The documents of a letter: a list (any iterable but a str, bytes or a dict) of documents.
fn documents_arg(value: &Bound<'_, PyAny>) -> PyResult<Vec<DocumentArg>> {
    let single = value.is_instance_of::<PyString>()
        || value.is_instance_of::<PyDict>()
        || pdf_bytes(value).is_some();
    let items = if single { None } else { value.try_iter().ok() };
    let Some(items) = items else {
        return Err(PyTypeError::new_err(format!(
            "documents: expected a list of documents (each {DOCUMENT_FORMS}), not {}; a single \
             document goes in a list",
            type_name(value)
        )));
    };
    items
        .enumerate()
        .map(|(index, item)| document_arg(&item?, &format!("documents[{index}]")))
        .collect()
}

/// Address lines: a list (any iterable but a str) of `str`.
fn lines_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<String>> {
    let single = value.is_instance_of::<PyString>() || pdf_bytes(value).is_some();
    let items = if single { None } else { value.try_iter().ok() };
    let Some(items) = items else {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a list of address lines (str), not {}{}",
            type_name(value),
            if single {
                "; split the address into its lines"
            } else {
                ""
            }
        )));
    };
    items
        .enumerate()
        .map(|(index, line)| {
            let line = line?;
            line.extract::<String>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{field}[{index}]: expected a str, not {}",
                    type_name(&line)
                ))
            })
        })
        .collect()
}

/// The recipients of a job: a list of addresses, each a list of lines.
fn recipients_arg(value: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<String>>> {
    let items = if value.is_instance_of::<PyString>() {
        None
    } else {
        value.try_iter().ok()
    };
    let Some(items) = items else {
        return Err(PyTypeError::new_err(format!(
            "recipients: expected a list of addresses (each a list of lines), not {}",
            type_name(value)
        )));
    };
    items
        .enumerate()
        .map(|(row, address)| lines_arg(&address?, &format!("recipients[{row}]")))
        .collect()
}

/// A code among `codes` (the core's snake_case names), else a `ValueError` naming the argument.
pub(crate) fn code_arg<T: Copy>(
    field: &str,
    value: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> PyResult<T> {
    all.iter()
        .copied()
        .find(|item| code(*item) == value)
        .ok_or_else(|| {
            let codes: Vec<String> = all
                .iter()
                .map(|item| format!("{:?}", code(*item)))
                .collect();
            PyValueError::new_err(format!(
                "{field}: unknown value {value:?}; expected one of {}",
                codes.join(", ")
            ))
        })
}

pub(crate) fn postage_arg(value: &str) -> PyResult<Postage> {
    code_arg("postage", value, &Postage::ALL, Postage::code)
}

fn envelope_arg(value: &str) -> PyResult<Envelope> {
    code_arg("envelope", value, &Envelope::ALL, Envelope::code)
}

fn policy_code(policy: RecipientPolicy) -> &'static str {
    match policy {
        RecipientPolicy::ReportAndContinue => "report_and_continue",
        RecipientPolicy::RefuseJob => "refuse_job",
    }
}

fn policy_arg(value: &str) -> PyResult<RecipientPolicy> {
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

/// The post's calendars: Belgian business days, with the host's closed days for production (the
/// printer's handover days) and for the post's delivery.
fn calendars_arg(
    production_closed_days: Option<&Bound<'_, PyAny>>,
    delivery_closed_days: Option<&Bound<'_, PyAny>>,
) -> PyResult<PostCalendars> {
    let calendar = |days: Option<&Bound<'_, PyAny>>, field: &str| -> PyResult<BusinessCalendar> {
        let belgium = BusinessCalendar::belgium();
        let Some(days) = days.filter(|days| !days.is_none()) else {
            return Ok(belgium);
        };
        let items = days.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "{field}: expected a list of datetime.date, not {}",
                type_name(days)
            ))
        })?;
        let days = items
            .enumerate()
            .map(|(index, day)| {
                let day = day?;
                day.extract::<Day>().map(|day| day.0).map_err(|error| {
                    PyTypeError::new_err(format!("{field}[{index}]: {}", error.value(day.py())))
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(belgium.with_closed_days(days))
    };
    Ok(PostCalendars {
        production: calendar(production_closed_days, "production_closed_days")?,
        delivery: calendar(delivery_closed_days, "delivery_closed_days")?,
    })
}

/// The post data to use: the host's, or the built-in data.
pub(crate) fn data_arg<'a>(data: Option<&'a Bound<'_, PostData>>) -> &'a envoi::post::PostData {
    match data {
        Some(data) => &data.get().0,
        None => envoi::post::PostData::builtin(),
    }
}

/// A letter as Python gave it, its PDFs still to read.
struct LetterArgs {
    documents: Vec<DocumentArg>,
    background: Option<DocumentArg>,
    color: bool,
    duplex: bool,
    postage: Postage,
    acknowledgement: bool,
    envelope: Option<Envelope>,
    return_address: Option<Vec<String>>,
}

impl LetterArgs {
    #[allow(clippy::too_many_arguments)]
    fn new(
        documents: &Bound<'_, PyAny>,
        postage: &str,
        color: bool,
        duplex: bool,
        acknowledgement: bool,
        envelope: Option<&str>,
        return_address: Option<&Bound<'_, PyAny>>,
        background: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let documents = documents_arg(documents)?;
        let background = background
            .filter(|background| !background.is_none())
            .map(|background| document_arg(background, "background"))
            .transpose()?;
        let return_address = return_address
            .filter(|lines| !lines.is_none())
            .map(|lines| lines_arg(lines, "return_address"))
            .transpose()?;
        Ok(LetterArgs {
            documents,
            background,
            color,
            duplex,
            postage: postage_arg(postage)?,
            acknowledgement,
            envelope: envelope.map(envelope_arg).transpose()?,
            return_address,
        })
    }

    /// The core's letter, its PDFs read (call it with the interpreter released).
    fn letter(self) -> Result<Letter, Failure> {
        let documents = self
            .documents
            .into_iter()
            .enumerate()
            .map(|(index, document)| document.resolve(|name| DocumentRef::Document { index, name }))
            .collect::<Result<Vec<_>, _>>()?;
        let background = self
            .background
            .map(|background| background.resolve(|_| DocumentRef::Background))
            .transpose()?;
        Ok(Letter {
            documents,
            background,
            color: self.color,
            duplex: self.duplex,
            postage: self.postage,
            acknowledgement: self.acknowledgement,
            envelope: self.envelope,
            return_address: self.return_address,
        })
    }
}

// ---- Values out ----------------------------------------------------------------------------------

/// A date as a `datetime.date`; past Python's dates (year 9999), `post.date_out_of_range` naming
/// `field`.
fn day_to_py<'py>(
    py: Python<'py>,
    date: NaiveDate,
    field: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    if PYTHON_YEARS.contains(&date.year()) {
        return date_to_py(py, date);
    }
    let error = PostError::DateOutOfRange {
        field,
        date,
        rule: "Python's dates end on 9999-12-31",
    };
    let fields = PyDict::new(py);
    fields.set_item("field", field)?;
    fields.set_item("date", None::<&str>)?;
    fields.set_item("rule", "Python's dates end on 9999-12-31")?;
    let message = format!("{field}: {date} is past the last date Python holds (9999-12-31)");
    Err(to_py_err_with_message_and_fields(
        py, error, &message, &fields,
    ))
}

fn optional_day<'py>(
    py: Python<'py>,
    date: Option<NaiveDate>,
    field: &'static str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    date.map(|date| day_to_py(py, date, field)).transpose()
}

/// An instant as a `datetime` in Europe/Brussels, the post's zone.
fn brussels(py: Python<'_>, t: Instant) -> PyResult<Bound<'_, PyAny>> {
    PyZone::new(py, Zone::default())?.instant(t)
}

/// The JSON form `serde_json::to_string` wrote, or a `ValueError` naming `what`.
fn json_of(written: serde_json::Result<String>, what: &str) -> PyResult<String> {
    written.map_err(|error| PyValueError::new_err(format!("{what} JSON: {error}")))
}

/// The value `serde_json::from_str` read, or a `ValueError` saying the text is not a `what`.
fn from_json<T>(read: serde_json::Result<T>, what: &str) -> PyResult<T> {
    read.map_err(|error| PyValueError::new_err(format!("not a {what} JSON: {error}")))
}

/// `(cls.from_json, (json,))`, for pickling.
fn reduce<'py, T: pyo3::PyTypeInfo>(
    py: Python<'py>,
    json: String,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    let from_json = py.get_type::<T>().getattr(pyo3::intern!(py, "from_json"))?;
    Ok((from_json, (json,)))
}

/// The earliest and latest delivery days of an international letter.
#[pyclass(module = "envoi.post", frozen, eq, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeliveryRange(envoi::post::DeliveryRange);

#[pymethods]
impl DeliveryRange {
    /// The earliest delivery day.
    #[getter]
    fn earliest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.earliest, "delivery_range"))
    }

    /// The latest delivery day.
    #[getter]
    fn latest<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.latest, "delivery_range"))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "DeliveryRange",
                &[
                    ("earliest", self.earliest(py)?),
                    ("latest", self.latest(py)?),
                ],
            )
        })
    }
}

/// What a letter to one recipient takes and when it arrives (see `quote`).
///
/// National letters have a `delivery_date`, international ones a `delivery_range` (exactly one of
/// the two is set). The registered-mail deadlines are set for registered letters only. Plain
/// data: `==`, `to_json()` / `Quote.from_json(text)`, pickling.
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote(pub(crate) envoi::post::Quote);

#[pymethods]
impl Quote {
    /// The A4 sheets printed.
    #[getter]
    fn sheets(&self) -> u32 {
        self.0.sheets
    }

    /// The envelope: `"us"`, `"c5"` or `"c4"`.
    #[getter]
    fn envelope(&self) -> &'static str {
        self.0.envelope.code()
    }

    /// The post's format: `"small"` (US) or `"large"` (C5, C4).
    #[getter]
    fn format(&self) -> &'static str {
        self.0.format.code()
    }

    /// The paper's weight in grams.
    #[getter]
    fn paper_grams<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.paper_grams))
    }

    /// The letter's weight in grams (paper and envelope).
    #[getter]
    fn weight_grams<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.weight_grams))
    }

    /// The postage's weight band: letters up to this many grams (inclusive).
    #[getter]
    fn weight_band_grams(&self) -> u32 {
        self.0.weight_band.up_to_grams
    }

    /// The destination country, an ISO 3166-1 alpha-2 code (`"BE"`, `"NL"`).
    #[getter]
    fn country(&self) -> &'static str {
        self.0.country.code()
    }

    /// The address line the country was read from (from 0), or None (no country line: Belgium).
    #[getter]
    fn country_line(&self) -> Option<usize> {
        self.0.country_line
    }

    /// The postage applied: the one asked for, except prior abroad, which is
    /// `"prior_international"`.
    #[getter]
    fn postage(&self) -> &'static str {
        self.0.postage.code()
    }

    /// The submission day (Europe/Brussels).
    #[getter]
    fn submitted_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.submitted_on, "submitted_on"))
    }

    /// The day the letter is handed to the post.
    #[getter]
    fn handover_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.handover_date, "handover_date"))
    }

    /// The delivery day of a national letter; None abroad.
    #[getter]
    fn delivery_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_day(py, self.0.delivery_date, "delivery_date")
        })
    }

    /// The earliest and latest delivery days of an international letter; None in Belgium.
    #[getter]
    fn delivery_range(&self) -> Option<DeliveryRange> {
        self.0.delivery_range.map(DeliveryRange)
    }

    /// The last day the documents are kept (60 days after submission).
    #[getter]
    fn documents_kept_until<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            day_to_py(py, self.0.documents_kept_until, "documents_kept_until")
        })
    }

    /// Registered: the last day the summary is kept (60 days after handover); else None.
    #[getter]
    fn registered_summary_kept_until<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_day(
                py,
                self.0.registered_summary_kept_until,
                "registered_summary_kept_until",
            )
        })
    }

    /// Registered: the last day the post's deposit receipt is kept (3 years after handover); else
    /// None.
    #[getter]
    fn deposit_receipt_kept_until<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_day(
                py,
                self.0.deposit_receipt_kept_until,
                "deposit_receipt_kept_until",
            )
        })
    }

    /// Registered: the last day to file a claim with the post (12 months after handover); else
    /// None.
    #[getter]
    fn claim_deadline<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_day(py, self.0.claim_deadline, "claim_deadline")
        })
    }

    /// The quote's JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || json_of(serde_json::to_string(&self.0), "Quote"))
    }

    /// The quote of a JSON form written by `to_json` (in any language). Raises `ValueError` naming
    /// the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json(serde_json::from_str(text), "Quote").map(Quote)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let delivery = match self.delivery_range() {
                Some(range) => ("delivery_range", range.into_pyobject(py)?.into_any()),
                None => ("delivery_date", self.delivery_date(py)?.into_pyobject(py)?),
            };
            repr(
                "Quote",
                &[
                    ("sheets", self.0.sheets.into_pyobject(py)?.into_any()),
                    ("envelope", PyString::new(py, self.envelope()).into_any()),
                    ("weight_grams", self.weight_grams(py)?),
                    ("country", PyString::new(py, self.country()).into_any()),
                    ("postage", PyString::new(py, self.postage()).into_any()),
                    ("handover_date", self.handover_date(py)?),
                    delivery,
                ],
            )
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            reduce::<Quote>(py, json_of(serde_json::to_string(&self.0), "Quote")?)
        })
    }
}

// ---- Post data -----------------------------------------------------------------------------------

/// The post's data: envelope weights, weight bands and the delivery time of prior international
/// letters per destination, with its sources and the day it was verified.
///
/// `PostData.builtin()` is the data envoi ships; a host that knows better figures loads data in the
/// same format (`PostData.builtin_json()` is a starting point) with `PostData.from_json`.
/// Immutable.
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostData(Cow<'static, envoi::post::PostData>);

#[pymethods]
impl PostData {
    /// The data envoi ships.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            Ok(PostData(Cow::Borrowed(envoi::post::PostData::builtin())))
        })
    }

    /// Data in the format of the built-in file, checked. Raises `envoi.PostError`
    /// (`post.invalid_data`, with `field`, `value` and `rule`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            py.detach(|| envoi::post::PostData::from_json(text))
                .map(|data| PostData(Cow::Owned(data)))
                .map_err(|error| post_err(py, error))
        })
    }

    /// The text of the built-in data file (`postage.json`), with its sources and notes.
    #[staticmethod]
    fn builtin_json(py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || Ok(envoi::post::PostData::builtin_json()))
    }

    /// The day the data was last checked against its sources.
    #[getter]
    fn verified_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.verified_on(), "verified_on"))
    }

    /// The weight of an envelope (`"us"`, `"c5"`, `"c4"`) in grams.
    fn envelope_grams<'py>(&self, py: Python<'py>, envelope: &str) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            decimal_to_py(py, self.0.envelope_grams(envelope_arg(envelope)?))
        })
    }

    /// The delivery time of prior international letters to `country` (an ISO code), in business
    /// days after handover: `(earliest, latest)`. Raises `envoi.PostError`
    /// (`post.no_delivery_data`) and `ValueError` for a code envoi does not know.
    fn international_delivery(&self, py: Python<'_>, country: &str) -> PyResult<(u32, u32)> {
        guard(py, || {
            let country = country_code_arg(country)?;
            self.0
                .international_delivery(country)
                .map(|range| (range.from, range.to))
                .map_err(|error| post_err(py, error))
        })
    }

    /// The destinations with a delivery time, ISO codes in alphabetical order.
    fn countries_with_delivery_data(&self, py: Python<'_>) -> PyResult<Vec<&'static str>> {
        guard(py, || {
            Ok(self
                .0
                .countries_with_delivery_data()
                .map(|country| country.code())
                .collect())
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "<PostData verified_on={} destinations={}>",
                self.0.verified_on(),
                self.0.countries_with_delivery_data().count()
            ))
        })
    }
}

/// An ISO 3166-1 alpha-2 code envoi knows (any case), else a `ValueError`.
fn country_code_arg(code: &str) -> PyResult<Country> {
    Country::from_code(&code.trim().to_ascii_uppercase()).ok_or_else(|| {
        PyValueError::new_err(format!(
            "country: {code:?} is not an ISO 3166-1 alpha-2 code envoi knows (two letters, such \
             as \"BE\"); to read a country name, use envoi.post.country(name)"
        ))
    })
}

// ---- Quotes --------------------------------------------------------------------------------------

/// The quote of one letter to one recipient: sheets, envelope, format, weights, destination,
/// postage, handover and delivery dates, retention deadlines.
///
/// `documents`: the main document first, then extra ones (flyer, reply coupon); each is
/// `{"pages": 3}` (three A4 pages), `{"page_sizes_mm": [[210, 297], …]}` (each page's width and
/// height in millimetres, `int` or `decimal.Decimal`), `{"pdf": data}` or the bytes of a PDF (read
/// for its page count and sizes), with an optional `"name"` that errors quote. `postage`:
/// `"prior"`, `"non_prior"`, `"registered"`, `"rp"` or `"prior_international"`. `envelope`: None
/// (the smallest that fits), `"us"`, `"c5"` or `"c4"`. `address` and `return_address`: lists of
/// lines, the country line last (none: Belgium). `submitted_at`: an aware datetime.
/// `background`: a one-page A4 letterhead printed under the main document (adds no sheet).
/// `production_closed_days` and `delivery_closed_days`: the host's closed days (dates) added to the
/// Belgian business days, for the handover and for the post's delivery. `data`: the post data
/// (default: the built-in data).
///
/// Raises `envoi.PostError` (`.code` `post.too_many_sheets`, `post.not_a4`…, with the error's
/// numbers as attributes), `envoi.ScheduleError`, `envoi.TimeError` (`time.not_zone_aware`),
/// `TypeError` for a wrong type (a `float` page count) and `ValueError` for an unknown code.
#[pyfunction]
#[pyo3(signature = (
    documents, *, address, submitted_at, postage, color = false, duplex = false,
    acknowledgement = false, envelope = None, return_address = None, background = None,
    production_closed_days = None, delivery_closed_days = None, data = None
))]
#[allow(clippy::too_many_arguments)]
pub fn quote(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    address: &Bound<'_, PyAny>,
    submitted_at: &Bound<'_, PyAny>,
    postage: &str,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
    envelope: Option<&str>,
    return_address: Option<&Bound<'_, PyAny>>,
    background: Option<&Bound<'_, PyAny>>,
    production_closed_days: Option<&Bound<'_, PyAny>>,
    delivery_closed_days: Option<&Bound<'_, PyAny>>,
    data: Option<&Bound<'_, PostData>>,
) -> PyResult<Quote> {
    guard(py, || {
        let letter = LetterArgs::new(
            documents,
            postage,
            color,
            duplex,
            acknowledgement,
            envelope,
            return_address,
            background,
        )?;
        let address = lines_arg(address, "address")?;
        let at = instant_arg(submitted_at, "submitted_at")?;
        let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
        let data = data_arg(data);
        py.detach(|| -> Result<_, Failure> {
            let letter = letter.letter()?;
            Ok(data.quote(&letter, &address, at, &calendars)?)
        })
        .map(Quote)
        .map_err(|failure| failure.into_py(py))
    })
}

/// The quote of one recipient of a job.
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientQuote(envoi::post::RecipientQuote);

#[pymethods]
impl RecipientQuote {
    /// The recipient's position in the job's address list, from 0.
    #[getter]
    fn row(&self) -> usize {
        self.0.row
    }

    /// Its quote.
    #[getter]
    fn quote(&self) -> Quote {
        Quote(self.0.quote.clone())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "RecipientQuote(row={}, quote={})",
                self.0.row,
                self.quote().__repr__(py)?
            ))
        })
    }
}

/// What `__reduce__` returns: a callable and its arguments.
type Reduced<'py, A> = (Bound<'py, PyAny>, A);

/// A recipient of a job that breaks a rule: its row and the reason, an `envoi.EnvoiError` (not
/// raised) with its `.code` and attributes.
#[pyclass(module = "envoi.post", frozen)]
pub struct RecipientFailure {
    row: usize,
    error: Py<PyAny>,
}

impl RecipientFailure {
    fn of(py: Python<'_>, failure: envoi::post::RecipientFailure) -> Self {
        RecipientFailure {
            row: failure.row,
            error: post_err_value(py, failure.error),
        }
    }
}

#[pymethods]
impl RecipientFailure {
    /// A failure of the recipient at `row` (from 0) for `error` (an exception).
    #[new]
    fn new(row: usize, error: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !error.is_instance_of::<pyo3::exceptions::PyBaseException>() {
            return Err(PyTypeError::new_err(format!(
                "error: expected an exception, not {}",
                type_name(error)
            )));
        }
        Ok(RecipientFailure {
            row,
            error: error.clone().unbind(),
        })
    }

    /// The recipient's position in the job's address list, from 0.
    #[getter]
    fn row(&self) -> usize {
        self.row
    }

    /// Why it is refused: an `envoi.PostError` (or `envoi.ScheduleError`) with its attributes.
    #[getter]
    fn error(&self, py: Python<'_>) -> Py<PyAny> {
        self.error.clone_ref(py)
    }

    /// The stable code of the reason (`"post.registered_national_only"`…).
    #[getter]
    fn code(&self, py: Python<'_>) -> PyResult<String> {
        self.error
            .bind(py)
            .getattr(pyo3::intern!(py, "code"))?
            .extract()
    }

    /// The reason, as a person reads it.
    #[getter]
    fn message(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.error.bind(py).str()?.to_string())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "RecipientFailure(row={}, code={})",
                self.row,
                PyString::new(py, &self.code(py)?).repr()?
            ))
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (usize, Py<PyAny>)>> {
        let py = slf.py();
        let this = slf.get();
        Ok((
            slf.get_type().into_any(),
            (this.row, this.error.clone_ref(py)),
        ))
    }
}

/// The recipients of a job, quoted one by one: those that go (`quotes`, with their quote) and
/// those refused (`failures`, with their reason), each in row order.
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReport(envoi::post::JobReport);

#[pymethods]
impl JobReport {
    /// The number of recipients of the job.
    #[getter]
    fn recipients(&self) -> usize {
        self.0.recipients
    }

    /// The recipients that go, with their quote, in row order.
    #[getter]
    fn quotes(&self) -> Vec<RecipientQuote> {
        self.0.quotes.iter().cloned().map(RecipientQuote).collect()
    }

    /// The recipients refused, with their reason, in row order.
    #[getter]
    fn failures(&self, py: Python<'_>) -> PyResult<Vec<RecipientFailure>> {
        guard(py, || {
            Ok(self
                .0
                .failures
                .iter()
                .map(|failure| RecipientFailure::of(py, failure.clone()))
                .collect())
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<JobReport recipients={} quotes={} failures={}>",
            self.0.recipients,
            self.0.quotes.len(),
            self.0.failures.len()
        )
    }
}

/// Quotes one letter for each address of `recipients` (a list of addresses, each a list of lines),
/// submitted at `submitted_at`.
///
/// The letter's arguments are those of `quote`. The letter's own checks (documents, sheets,
/// envelope, weight, RP, return address, acknowledgement) are made once: a failure raises,
/// whatever `policy`. Then each recipient gets its own country, postage check and dates (national
/// and international addresses mix; prior is applied as prior international abroad). `policy`:
/// `"report_and_continue"` reports each refused recipient with its row and reason in
/// `JobReport.failures`; `"refuse_job"` raises `envoi.PostError` (`post.job_refused`, with
/// `recipients` and `failures`) when any recipient is refused, as does either policy when none is
/// left. Raises as `quote`, and `post.no_recipients`.
#[pyfunction]
#[pyo3(signature = (
    documents, *, recipients, submitted_at, postage, policy, color = false, duplex = false,
    acknowledgement = false, envelope = None, return_address = None, background = None,
    production_closed_days = None, delivery_closed_days = None, data = None
))]
#[allow(clippy::too_many_arguments)]
pub fn quote_job(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    recipients: &Bound<'_, PyAny>,
    submitted_at: &Bound<'_, PyAny>,
    postage: &str,
    policy: &str,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
    envelope: Option<&str>,
    return_address: Option<&Bound<'_, PyAny>>,
    background: Option<&Bound<'_, PyAny>>,
    production_closed_days: Option<&Bound<'_, PyAny>>,
    delivery_closed_days: Option<&Bound<'_, PyAny>>,
    data: Option<&Bound<'_, PostData>>,
) -> PyResult<JobReport> {
    guard(py, || {
        let letter = LetterArgs::new(
            documents,
            postage,
            color,
            duplex,
            acknowledgement,
            envelope,
            return_address,
            background,
        )?;
        let recipients = recipients_arg(recipients)?;
        let at = instant_arg(submitted_at, "submitted_at")?;
        let policy = policy_arg(policy)?;
        let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
        let data = data_arg(data);
        py.detach(|| -> Result<_, Failure> {
            let letter = letter.letter()?;
            Ok(envoi::post::quote_job(
                &letter,
                &recipients,
                at,
                data,
                &calendars,
                policy,
            )?)
        })
        .map(JobReport)
        .map_err(|failure| failure.into_py(py))
    })
}

// ---- Country line --------------------------------------------------------------------------------

/// The country an address goes to, and the line it was read from.
#[pyclass(module = "envoi.post", frozen, eq, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Destination(envoi::post::Destination);

#[pymethods]
impl Destination {
    /// The destination country, an ISO 3166-1 alpha-2 code.
    #[getter]
    fn country(&self) -> &'static str {
        self.0.country.code()
    }

    /// The address line the country was read from (from 0), or None (no country line: Belgium).
    #[getter]
    fn country_line(&self) -> Option<usize> {
        self.0.country_line
    }

    fn __repr__(&self) -> String {
        let line = self
            .0
            .country_line
            .map_or_else(|| "None".to_owned(), |line| line.to_string());
        format!(
            "Destination(country='{}', country_line={line})",
            self.0.country.code()
        )
    }
}

/// The ISO 3166-1 alpha-2 code of a country name in French, Dutch, German or English, in capitals
/// (`"PAYS-BAS"`, `"NEDERLAND"`, `"NIEDERLANDE"`, `"NETHERLANDS"` → `"NL"`; with or without
/// accents, common aliases). Raises `envoi.PostError` (`post.unknown_country` with `suggestions`,
/// `post.country_not_in_capitals` with `proposed`, `post.ambiguous_country` with `candidates`).
#[pyfunction]
pub fn country(py: Python<'_>, name: &str) -> PyResult<&'static str> {
    guard(py, || {
        envoi::post::country(name)
            .map(|country| country.code())
            .map_err(|error| post_err(py, error.into()))
    })
}

/// The destination of an address (its lines, the country line last when abroad): the last line
/// that is not blank, in capitals, names the country; none, or a postcode and locality
/// (`"1000 BRUXELLES"`), is Belgium. Raises `envoi.PostError` as `country`, with `line`, and
/// `post.country_line_missing` for a locality abroad (`"F-75001 PARIS"`) without its country.
#[pyfunction]
pub fn destination(py: Python<'_>, lines: &Bound<'_, PyAny>) -> PyResult<Destination> {
    guard(py, || {
        let lines = lines_arg(lines, "lines")?;
        py.detach(|| envoi::post::destination(&lines))
            .map(Destination)
            .map_err(|error| post_err(py, error.into()))
    })
}

/// The name of a country (an ISO code, any case) in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`),
/// as CLDR writes it; `.upper()` it for a country line. Raises `ValueError` for an unknown code and
/// `envoi.LanguageError`.
#[pyfunction]
#[pyo3(signature = (code, language = "en"))]
pub fn country_name(py: Python<'_>, code: &str, language: &str) -> PyResult<&'static str> {
    guard(py, || {
        let country = country_code_arg(code)?;
        Ok(country.name(language_arg(py, language)?))
    })
}

/// The page sizes of a PDF (`bytes` or `bytearray`), one `(width_mm, height_mm)` pair of
/// `decimal.Decimal` per page, as it prints (crop box, /Rotate). Raises `envoi.PostError`
/// (`post.pdf_corrupt` with `reason`, `post.pdf_encrypted`, `post.pdf_no_pages`…).
#[pyfunction]
pub fn pdf_page_sizes<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
) -> PyResult<Vec<Bound<'py, PyTuple>>> {
    guard(py, || {
        let bytes = pdf_bytes(data).ok_or_else(|| {
            PyTypeError::new_err(format!(
                "data: expected the bytes of a PDF (bytes or bytearray), not {}",
                type_name(data)
            ))
        })?;
        let sizes = py
            .detach(|| envoi::post::pdf_page_sizes(&bytes))
            .map_err(|error| post_err(py, error.into()))?;
        sizes
            .into_iter()
            .map(|size| {
                PyTuple::new(
                    py,
                    [
                        decimal_to_py(py, size.width_mm)?,
                        decimal_to_py(py, size.height_mm)?,
                    ],
                )
            })
            .collect()
    })
}

// ---- Jobs ----------------------------------------------------------------------------------------

/// One change of a job's state: `from_`, `to`, `at` (in Europe/Brussels) and `by` (the host's
/// user id, when known).
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition(envoi::post::Transition);

#[pymethods]
impl Transition {
    /// The state before.
    #[getter(from_)]
    fn from(&self) -> &'static str {
        self.0.from.code()
    }

    /// The state after.
    #[getter]
    fn to(&self) -> &'static str {
        self.0.to.code()
    }

    /// When, in Europe/Brussels.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || brussels(py, self.0.at))
    }

    /// Who: the approver for approved and rejected, the sender for an approval request, the
    /// canceller when given; else None.
    #[getter]
    fn by(&self) -> Option<u64> {
        self.0.by
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Transition",
                &[
                    ("from_", PyString::new(py, self.from()).into_any()),
                    ("to", PyString::new(py, self.to()).into_any()),
                    ("at", self.at(py)?),
                    ("by", self.0.by.into_pyobject(py)?),
                ],
            )
        })
    }
}

/// What happened to a value behind a lock.
enum Locked<T> {
    Ran(T),
    Poisoned,
}

/// Runs `operation` on the value behind `lock`, with the interpreter detached. A lock poisoned by a
/// panic raises `envoi.InternalError`.
fn with_locked<V: Send, T: Send>(
    py: Python<'_>,
    lock: &Mutex<V>,
    what: &str,
    operation: impl FnOnce(&mut V) -> T + Send,
) -> PyResult<T> {
    let locked = py.detach(|| match lock.lock() {
        Ok(mut value) => Locked::Ran(operation(&mut value)),
        Err(_) => Locked::Poisoned,
    });
    match locked {
        Locked::Ran(value) => Ok(value),
        Locked::Poisoned => Err(poisoned(
            py,
            &format!(
                "{what}: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild it from its JSON form"
            ),
        )),
    }
}

/// The value behind `lock`, for a read (never held across Python calls).
fn read<'a, V>(py: Python<'_>, lock: &'a Mutex<V>, what: &str) -> PyResult<MutexGuard<'a, V>> {
    lock.lock().map_err(|_| {
        poisoned(
            py,
            &format!("{what}: an earlier operation panicked (a bug in envoi, please report it)"),
        )
    })
}

/// The approval link of a job: `url` (the host's base followed by `token`), `token`, `approver`
/// and `expires_at` (a UTC datetime, or None).
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalLink(envoi::post::ApprovalLink);

#[pymethods]
impl ApprovalLink {
    /// The link to send to the approver.
    #[getter]
    fn url(&self) -> String {
        self.0.url.clone()
    }

    /// The signed `approval` token in the link.
    #[getter]
    fn token(&self) -> String {
        self.0.token.clone()
    }

    /// The approver the link is for.
    #[getter]
    fn approver(&self) -> u64 {
        self.0.approver
    }

    /// When the link expires (UTC), or None.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::token::optional_utc_datetime(py, self.0.expires_at)
    }

    fn __repr__(&self) -> String {
        format!(
            "ApprovalLink(url={:?}, approver={}, expires_at={:?})",
            self.0.url,
            self.0.approver,
            self.0.expires_at.map(|at| at.to_rfc3339())
        )
    }
}

/// A job (a mailing): one letter sent to each address of a list, with its state and history.
///
/// States: `"draft"` → (`"awaiting_approval"` → `"approved"` | `"rejected"`) → `"submitted"` →
/// `"processing"` → `"handed_over"`; `"cancelled"` from any state before processing (not billed).
/// Each change takes its time (an aware datetime; never before the last change:
/// `post.time_regression`) and is kept in `history`; an illegal change raises `envoi.PostError`
/// (`post.illegal_transition`, with `from_`, `to` and `rule`) and changes nothing. A sender whose
/// account requires approval (`approval_required=True`) cannot submit a draft
/// (`post.approval_required`).
///
/// The approval request (`request_approval`) signs a link with an `envoi.tracking.KeyRing` and
/// keeps the approver asked: only they may `approve` or `reject`. Registered mail: once printing
/// starts, `assign_barcodes` gives each letter its barcode from the host's `BarcodeRange`; the job
/// is handed over only with them, and then `registered_summaries` gives each letter's summary.
///
/// Mutable and safe to share between threads; plain data: `to_json()` / `Job.from_json(text)`,
/// pickling.
#[pyclass(module = "envoi.post", frozen)]
pub struct Job(Mutex<envoi::post::Job>);

impl Job {
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        operation: impl FnOnce(&mut envoi::post::Job) -> T + Send,
    ) -> PyResult<T> {
        with_locked(py, &self.0, "Job", operation)
    }

    /// Runs a state change, mapping its error.
    fn change(
        &self,
        py: Python<'_>,
        operation: impl FnOnce(&mut envoi::post::Job) -> Result<(), PostError> + Send,
    ) -> PyResult<()> {
        self.with(py, operation)?
            .map_err(|error| post_err(py, error))
    }

    fn read<T>(&self, py: Python<'_>, get: impl FnOnce(&envoi::post::Job) -> T) -> PyResult<T> {
        let job = read(py, &self.0, "Job")?;
        Ok(get(&job))
    }

    fn json(&self, py: Python<'_>) -> PyResult<String> {
        let job = self.read(py, Clone::clone)?;
        json_of(serde_json::to_string(&job), "Job")
    }

    /// A copy of the core job.
    pub(crate) fn snapshot(&self, py: Python<'_>) -> PyResult<envoi::post::Job> {
        self.read(py, Clone::clone)
    }

    /// A Python job holding `job`.
    pub(crate) fn from_core(job: envoi::post::Job) -> Self {
        Job(Mutex::new(job))
    }
}

#[pymethods]
impl Job {
    /// A draft job of the host's `account`, with the host's job `id`, made by the user `sender`,
    /// sending the letter (the arguments of `quote`) to each address of `recipients`, created at
    /// `created_at`. `approval_required`: the account requires a manager's approval for this
    /// sender. PDFs are read now (their page sizes are kept, not their bytes). Raises
    /// `envoi.PostError` (`post.no_recipients`, a PDF's errors), `envoi.TimeError`, `TypeError` and
    /// `ValueError` as `quote`. The letter's rules are checked at `submit`.
    #[new]
    #[pyo3(signature = (
        account, id, sender, documents, *, recipients, created_at, postage, color = false,
        duplex = false, acknowledgement = false, envelope = None, return_address = None,
        background = None, approval_required = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        id: &Bound<'_, PyAny>,
        sender: &Bound<'_, PyAny>,
        documents: &Bound<'_, PyAny>,
        recipients: &Bound<'_, PyAny>,
        created_at: &Bound<'_, PyAny>,
        postage: &str,
        color: bool,
        duplex: bool,
        acknowledgement: bool,
        envelope: Option<&str>,
        return_address: Option<&Bound<'_, PyAny>>,
        background: Option<&Bound<'_, PyAny>>,
        approval_required: bool,
    ) -> PyResult<Self> {
        guard(py, || {
            let account = u64_arg(account, "account")?;
            let id = u64_arg(id, "id")?;
            let sender = u64_arg(sender, "sender")?;
            let letter = LetterArgs::new(
                documents,
                postage,
                color,
                duplex,
                acknowledgement,
                envelope,
                return_address,
                background,
            )?;
            let recipients = recipients_arg(recipients)?;
            let created_at = instant_arg(created_at, "created_at")?;
            py.detach(|| -> Result<_, Failure> {
                let letter = letter.letter()?;
                let job =
                    envoi::post::Job::new(account, id, sender, letter, recipients, created_at)?;
                Ok(job.with_approval_required(approval_required))
            })
            .map(|job| Job(Mutex::new(job)))
            .map_err(|failure| failure.into_py(py))
        })
    }

    /// The host's account id.
    #[getter]
    fn account(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::post::Job::account))
    }

    /// The host's job id.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::post::Job::id))
    }

    /// The user who made the job.
    #[getter]
    fn sender(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::post::Job::sender))
    }

    /// Whether the account requires a manager's approval for the sender.
    #[getter]
    fn approval_required(&self, py: Python<'_>) -> PyResult<bool> {
        guard(py, || self.read(py, envoi::post::Job::approval_required))
    }

    /// The recipients' addresses, in row order.
    #[getter]
    fn recipients(&self, py: Python<'_>) -> PyResult<Vec<Vec<String>>> {
        guard(py, || self.read(py, |job| job.recipients().to_vec()))
    }

    /// When the job was made, in Europe/Brussels.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            brussels(py, self.read(py, envoi::post::Job::created_at)?)
        })
    }

    /// The current state (`"draft"`, `"awaiting_approval"`, `"approved"`, `"rejected"`,
    /// `"submitted"`, `"processing"`, `"handed_over"`, `"cancelled"`).
    #[getter]
    fn state(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |job| job.state().code()))
    }

    /// The states the job may go to from its state (a draft may go to submitted only when its
    /// sender needs no approval).
    #[getter]
    fn next_states(&self, py: Python<'_>) -> PyResult<Vec<&'static str>> {
        guard(py, || {
            self.read(py, |job| {
                job.state()
                    .next_states()
                    .iter()
                    .map(|state| state.code())
                    .collect()
            })
        })
    }

    /// Every change of state, oldest first.
    #[getter]
    fn history(&self, py: Python<'_>) -> PyResult<Vec<Transition>> {
        guard(py, || {
            self.read(py, |job| {
                job.history().iter().cloned().map(Transition).collect()
            })
        })
    }

    /// The approver asked (`request_approval`), or None when approval was not asked.
    #[getter]
    fn approver(&self, py: Python<'_>) -> PyResult<Option<u64>> {
        guard(py, || self.read(py, envoi::post::Job::approver))
    }

    /// The rows of the recipients that go, chosen at `submit` (those refused then are not sent);
    /// empty before.
    #[getter]
    fn sent_rows(&self, py: Python<'_>) -> PyResult<Vec<usize>> {
        guard(py, || self.read(py, |job| job.sent_rows().to_vec()))
    }

    /// The barcode of each registered letter (`assign_barcodes`), in row order; empty before, and
    /// for other postages.
    #[getter]
    fn registered_letters(&self, py: Python<'_>) -> PyResult<Vec<RegisteredLetter>> {
        guard(py, || {
            self.read(py, |job| {
                job.registered_letters()
                    .iter()
                    .cloned()
                    .map(RegisteredLetter::from)
                    .collect()
            })
        })
    }

    /// When the job was submitted (Europe/Brussels), or None.
    #[getter]
    fn submitted_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.read(py, envoi::post::Job::submitted_at)?
                .map(|t| brussels(py, t))
                .transpose()
        })
    }

    /// The day the job was handed to the post (Europe/Brussels), or None.
    #[getter]
    fn handed_over_on<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let day = self.read(py, envoi::post::Job::handed_over_on)?;
            optional_day(py, day, "handed_over_on")
        })
    }

    /// Whether the job is billed: it reached processing (a job cancelled before is free).
    #[getter]
    fn billable(&self, py: Python<'_>) -> PyResult<bool> {
        guard(py, || self.read(py, envoi::post::Job::billable))
    }

    /// The approver asked (`request_approval`) approves the job awaiting approval. Raises
    /// `envoi.PostError` (`post.self_approval` when the approver is the sender,
    /// `post.wrong_approver` (with `approver`, the one asked, and `given`) for anyone else,
    /// `post.illegal_transition`, `post.time_regression`); nothing changes on error.
    fn approve(
        &self,
        py: Python<'_>,
        approver: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(py, || {
            let approver = u64_arg(approver, "approver")?;
            let at = instant_arg(at, "at")?;
            self.change(py, |job| job.approve(approver, at))
        })
    }

    /// Asks `approver` (a user id of the host) to approve the draft job: the job moves to
    /// `"awaiting_approval"`, keeps the approver (`approver`: only they may approve or reject) and
    /// the result carries the signed approval link (`link_base` followed by an `approval` token of
    /// `key_ring`, an `envoi.tracking.KeyRing`) to send to the approver. `now`: an aware datetime,
    /// or None for the real clock; `expires`: None (the link never expires: the job's state bounds
    /// what it can do), an aware datetime or a `timedelta` from `now`. Raises `envoi.PostError` (`post.self_approval`,
    /// `post.illegal_transition`, `post.time_regression`, `post.invalid_link_base` for a link base that
    /// is not an http(s) URL), `envoi.TokenError` (the key ring's).
    #[pyo3(signature = (approver, key_ring, link_base, *, now = None, expires = None))]
    fn request_approval(
        &self,
        py: Python<'_>,
        approver: &Bound<'_, PyAny>,
        key_ring: PyRef<'_, crate::token::KeyRing>,
        link_base: &str,
        now: Option<&Bound<'_, PyAny>>,
        expires: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ApprovalLink> {
        guard(py, || {
            let approver = u64_arg(approver, "approver")?;
            let now = crate::token::now_arg(now, "now")?;
            let expires = crate::token::expires_arg(expires, now, "expires")?;
            let ring = &key_ring.0;
            self.with(py, |job| {
                job.request_approval(approver, now, ring, link_base, expires)
            })?
            .map(ApprovalLink)
            .map_err(|error| post_err(py, error))
        })
    }

    /// Checks an approval link's token at `now` (None: the real clock) for this job and returns
    /// the approver it was made for. Raises `envoi.TokenError` (`token.bad_tag`, `token.expired`,
    /// `token.wrong_purpose`…, with its fields) or `envoi.PostError` (`post.approval_link_mismatch`:
    /// a link of another job; `post.approval_link_without_job` with `missing` (`"account"`,
    /// `"message"` or `"account and message"`) and `post.approval_link_without_approver` for a
    /// token this module did not make).
    #[pyo3(signature = (key_ring, token, *, now = None))]
    fn verify_approval_link(
        &self,
        py: Python<'_>,
        key_ring: PyRef<'_, crate::token::KeyRing>,
        token: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<u64> {
        guard(py, || {
            let now = crate::token::now_arg(now, "now")?;
            self.read(py, |job| job.verify_approval_link(&key_ring.0, token, now))?
                .map_err(|error| post_err(py, error))
        })
    }

    /// The approver rejects the job awaiting approval (final). Raises as `approve`.
    fn reject(
        &self,
        py: Python<'_>,
        approver: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(py, || {
            let approver = u64_arg(approver, "approver")?;
            let at = instant_arg(at, "at")?;
            self.change(py, |job| job.reject(approver, at))
        })
    }

    /// Submits the job at `at`: quotes every recipient (as `quote_job`, with `policy`,
    /// `production_closed_days`, `delivery_closed_days` and `data`) and, unless the job is refused,
    /// goes to submitted and returns the report. Raises `envoi.PostError`
    /// (`post.approval_required`, `post.illegal_transition`, `post.time_regression`, the letter's
    /// errors, `post.job_refused`); nothing changes on error.
    #[pyo3(signature = (at, *, policy, production_closed_days = None, delivery_closed_days = None, data = None))]
    fn submit(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        policy: &str,
        production_closed_days: Option<&Bound<'_, PyAny>>,
        delivery_closed_days: Option<&Bound<'_, PyAny>>,
        data: Option<&Bound<'_, PostData>>,
    ) -> PyResult<JobReport> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let policy = policy_arg(policy)?;
            let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
            let data = data_arg(data);
            self.with(py, |job| job.submit(at, data, &calendars, policy))?
                .map(JobReport)
                .map_err(|error| post_err(py, error))
        })
    }

    /// Printing starts: the job can no longer be cancelled and will be billed. Raises
    /// `envoi.PostError` (`post.illegal_transition` unless submitted, `post.time_regression`).
    fn start_processing(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.change(py, |job| job.start_processing(at))
        })
    }

    /// The letters are handed to the post (final); a registered job only once its letters have
    /// their barcodes (`assign_barcodes`). Raises `envoi.PostError` (`post.illegal_transition`
    /// unless processing, `post.time_regression`, `post.barcodes_not_assigned` with `letters`).
    fn hand_over(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.change(py, |job| job.hand_over(at))
        })
    }

    /// Gives each registered letter of the job its barcode from the host's `barcodes` (a
    /// `BarcodeRange`), once printing has started (the barcode is printed on the letter): one per
    /// sent row, in row order, all or none. Asked again, it returns the barcodes already given and
    /// leaves the range untouched. Raises `envoi.PostError` (`post.not_registered` with `postage`;
    /// `post.wrong_job_state` with `action`, `state` and `needed` when the job is not processing;
    /// `post.barcode_range_exhausted` when fewer barcodes are left than letters, nothing used).
    fn assign_barcodes(
        &self,
        py: Python<'_>,
        barcodes: &Bound<'_, BarcodeRange>,
    ) -> PyResult<Vec<RegisteredLetter>> {
        guard(py, || {
            let range = &barcodes.get().0;
            let assigned = py.detach(|| {
                let (Ok(mut job), Ok(mut range)) = (self.0.lock(), range.lock()) else {
                    return Locked::Poisoned;
                };
                Locked::Ran(
                    job.assign_barcodes(&mut range)
                        .map(|letters| letters.to_vec()),
                )
            });
            match assigned {
                Locked::Ran(letters) => letters
                    .map(|letters| letters.into_iter().map(RegisteredLetter::from).collect())
                    .map_err(|error| post_err(py, error)),
                Locked::Poisoned => Err(poisoned(
                    py,
                    "Job or BarcodeRange: an earlier operation panicked (a bug in envoi, please \
                     report it); rebuild it from its JSON form",
                )),
            }
        })
    }

    /// The summary of each registered letter of the job, in row order, once it is handed over
    /// (barcode, recipient, submission time, handover day, acknowledgement). Raises
    /// `envoi.PostError` (`post.not_registered` with `postage`; `post.wrong_job_state` with
    /// `action`, `state` and `needed` before the hand-over).
    fn registered_summaries(&self, py: Python<'_>) -> PyResult<Vec<RegisteredSummary>> {
        guard(py, || {
            self.read(py, envoi::post::Job::registered_summaries)?
                .map(|summaries| summaries.into_iter().map(RegisteredSummary).collect())
                .map_err(|error| post_err(py, error))
        })
    }

    /// Cancels the job (free), by the user `by` when known: from draft, awaiting approval,
    /// approved or submitted. Raises `envoi.PostError` (`post.illegal_transition` from processing
    /// and the final states, `post.time_regression`).
    #[pyo3(signature = (at, by = None))]
    fn cancel(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        by: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let by = by
                .filter(|by| !by.is_none())
                .map(|by| u64_arg(by, "by"))
                .transpose()?;
            self.change(py, |job| job.cancel(at, by))
        })
    }

    /// The job's JSON form (the core's serde form), to store it.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json(py))
    }

    /// The job of a JSON form written by `to_json` (in any language), checked by the core: a job
    /// read back keeps the rules its methods keep (the history a chain of allowed changes from
    /// draft whose times never go back, no submission without a required approval, the approver,
    /// the sent rows and the barcodes consistent with the state). Raises `envoi.PostError`
    /// (`post.invalid_job` with `field` (`history[0].to`, `approver`, `sent_rows[1]`…; `json` for
    /// text that is not a job's JSON), `value` and `rule`; `post.no_recipients`;
    /// `post.self_approval`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            py.detach(|| envoi::post::Job::from_json(text))
                .map(|job| Job(Mutex::new(job)))
                .map_err(|error| post_err(py, error))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            self.read(py, |job| {
                format!(
                    "<Job account={} id={} sender={} state='{}' recipients={}>",
                    job.account(),
                    job.id(),
                    job.sender(),
                    job.state(),
                    job.recipients().len()
                )
            })
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || reduce::<Job>(py, self.json(py)?))
    }
}

// ---- Registered mail -----------------------------------------------------------------------------

/// A registered-mail barcode given as text, checked by the core: a `str`, else a `TypeError`
/// naming `field`; a text that is not a barcode raises `envoi.PostError` (`post.invalid_barcode`,
/// `post.barcode_check_digit_mismatch`).
fn barcode_arg(py: Python<'_>, value: &Bound<'_, PyAny>, field: &str) -> PyResult<Barcode> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a str (a registered-mail barcode such as \"RR123456785BE\"), not {}",
            type_name(value)
        )));
    };
    Barcode::parse(&text.to_cow()?).map_err(|error| post_err(py, error))
}

/// The barcode as written (`"RR123456785BE"`, spaces dropped), checked: a UPU S10 identifier
/// (service `RA`–`RZ`, eight-digit serial, its check digit, an ISO country) or a bpost national
/// number (30 digits starting with `010`). Raises `envoi.PostError` (`post.invalid_barcode` with
/// `field`, `value` and `rule`; `post.barcode_check_digit_mismatch` with `value`, `serial`,
/// `expected` and `found`) and `TypeError` for a non-str.
#[pyfunction]
pub fn parse_barcode(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || Ok(barcode_arg(py, text, "barcode")?.to_string()))
}

/// The format of a barcode: `"s10"` (UPU S10) or `"bpost_national"`. Raises as `parse_barcode`.
#[pyfunction]
pub fn barcode_format(py: Python<'_>, barcode: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    guard(py, || {
        Ok(barcode_arg(py, barcode, "barcode")?.format().code())
    })
}

/// The UPU S10 identifier of registered mail with `service` (`"RA"`–`"RZ"`), `serial` (0 to
/// 99999999) and the issuing `country` (ISO 3166-1 alpha-2), with its check digit
/// (`s10_barcode("RR", 12345678, "BE") == "RR123456785BE"`). Raises `envoi.PostError`
/// (`post.invalid_barcode` naming `service`, `serial` or `country`).
#[pyfunction]
pub fn s10_barcode(
    py: Python<'_>,
    service: &str,
    serial: &Bound<'_, PyAny>,
    country: &str,
) -> PyResult<String> {
    guard(py, || {
        let serial = u64_arg(serial, "serial")?;
        Barcode::s10(service, serial, country)
            .map(|barcode| barcode.to_string())
            .map_err(|error| post_err(py, error))
    })
}

/// The range of registered-mail barcodes the post gave the host (a fixed prefix and suffix around
/// a range of serials), handed out in order as `str`s.
///
/// Mutable and safe to share between threads (each barcode is handed out once); plain data:
/// `to_json()` / `BarcodeRange.from_json(text)`, pickling.
#[pyclass(module = "envoi.post", frozen)]
pub struct BarcodeRange(Mutex<envoi::post::BarcodeRange>);

impl BarcodeRange {
    fn read<T>(
        &self,
        py: Python<'_>,
        get: impl FnOnce(&envoi::post::BarcodeRange) -> T,
    ) -> PyResult<T> {
        let range = read(py, &self.0, "BarcodeRange")?;
        Ok(get(&range))
    }

    fn json(&self, py: Python<'_>) -> PyResult<String> {
        let range = self.read(py, Clone::clone)?;
        json_of(serde_json::to_string(&range), "BarcodeRange")
    }

    fn made(py: Python<'_>, range: Result<envoi::post::BarcodeRange, PostError>) -> PyResult<Self> {
        range
            .map(|range| BarcodeRange(Mutex::new(range)))
            .map_err(|error| post_err(py, error))
    }
}

#[pymethods]
impl BarcodeRange {
    /// UPU S10 barcodes: `service` (`"RA"`–`"RZ"`) + the serial (eight digits, `first` to `last`
    /// included) + its check digit + `country` (`BarcodeRange.s10("RR", 1, 500, "BE")` yields
    /// `"RR000000014BE"`, `"RR000000028BE"`…). Raises `envoi.PostError`
    /// (`post.invalid_barcode_range`, with `field` (`prefix`, `suffix`, `first`, `last`), `value`
    /// and `rule`).
    #[staticmethod]
    fn s10(
        py: Python<'_>,
        service: &str,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        country: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let first = u64_arg(first, "first")?;
            let last = u64_arg(last, "last")?;
            Self::made(
                py,
                envoi::post::BarcodeRange::s10(service, first, last, country),
            )
        })
    }

    /// bpost national barcodes: `prefix` (digits starting with `010`, the fixed start of the
    /// post's range) + the serial (`first` to `last` included, zero-padded to fill 30 digits) +
    /// `suffix` (digits, often empty). Raises `envoi.PostError` (`post.invalid_barcode_range`, with
    /// `field`, `value` and `rule`).
    #[staticmethod]
    #[pyo3(signature = (prefix, first, last, suffix = ""))]
    fn bpost_national(
        py: Python<'_>,
        prefix: &str,
        first: &Bound<'_, PyAny>,
        last: &Bound<'_, PyAny>,
        suffix: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let first = u64_arg(first, "first")?;
            let last = u64_arg(last, "last")?;
            Self::made(
                py,
                envoi::post::BarcodeRange::bpost_national(prefix, first, last, suffix),
            )
        })
    }

    /// The format of the range's barcodes: `"s10"` or `"bpost_national"`.
    #[getter]
    fn format(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |range| range.format().code()))
    }

    /// The fixed start: the S10 service indicator, or the bpost national prefix.
    #[getter]
    fn prefix(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |range| range.prefix().to_owned()))
    }

    /// The fixed end: the S10 country code, or the bpost national suffix (may be empty).
    #[getter]
    fn suffix(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |range| range.suffix().to_owned()))
    }

    /// The first serial of the range.
    #[getter]
    fn first(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::post::BarcodeRange::first))
    }

    /// The last serial of the range.
    #[getter]
    fn last(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::post::BarcodeRange::last))
    }

    /// The next serial to hand out, or None once every serial is used.
    #[getter]
    fn next(&self, py: Python<'_>) -> PyResult<Option<u64>> {
        guard(py, || self.read(py, envoi::post::BarcodeRange::next))
    }

    /// How many barcodes are left.
    #[getter]
    fn remaining(&self, py: Python<'_>) -> PyResult<u128> {
        guard(py, || self.read(py, envoi::post::BarcodeRange::remaining))
    }

    /// The next barcode. Raises `envoi.PostError` (`post.barcode_range_exhausted`, with `first` and
    /// `last` (the range's first and last barcodes), `requested` and `remaining`).
    fn next_barcode(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            with_locked(py, &self.0, "BarcodeRange", |range| range.next_barcode())?
                .map(|barcode| barcode.to_string())
                .map_err(|error| post_err(py, error))
        })
    }

    /// The next `count` barcodes, all or none. Raises `envoi.PostError`
    /// (`post.barcode_range_exhausted`) when fewer are left, and `ValueError` for a negative count.
    fn take(&self, py: Python<'_>, count: WideInt) -> PyResult<Vec<String>> {
        guard(py, || {
            let count = usize::try_from(count.0).map_err(|_| {
                PyValueError::new_err(format!(
                    "count: {} is negative; give a count of 0 or more",
                    count.0
                ))
            })?;
            with_locked(py, &self.0, "BarcodeRange", |range| range.take(count))?
                .map(|barcodes| barcodes.into_iter().map(String::from).collect())
                .map_err(|error| post_err(py, error))
        })
    }

    /// The range's JSON form,
    /// `{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":500,"next":1}` (`next` null
    /// when used up).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json(py))
    }

    /// The range of a JSON form written by `to_json` (in any language), checked as the
    /// constructors check. Raises `envoi.PostError` (`post.invalid_barcode_range`, field `json`
    /// for text that is not a range's JSON; `post.barcode_next_outside_range` with `next`, `first`
    /// and `last`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            Self::made(py, envoi::post::BarcodeRange::from_json(text))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &self.json(py)?).repr()?;
            Ok(format!("BarcodeRange.from_json({json})"))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || reduce::<BarcodeRange>(py, self.json(py)?))
    }
}

/// The barcode of one registered letter of a job: the recipient's `row` and the `barcode` printed
/// on its letter (see `Job.assign_barcodes`).
#[pyclass(module = "envoi.post", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegisteredLetter {
    row: usize,
    barcode: Barcode,
}

impl From<envoi::post::RegisteredLetter> for RegisteredLetter {
    fn from(letter: envoi::post::RegisteredLetter) -> Self {
        RegisteredLetter {
            row: letter.row,
            barcode: letter.barcode,
        }
    }
}

#[pymethods]
impl RegisteredLetter {
    /// The letter to the recipient at `row` (from 0) with `barcode` (checked as `parse_barcode`).
    #[new]
    fn new(py: Python<'_>, row: usize, barcode: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            Ok(RegisteredLetter {
                row,
                barcode: barcode_arg(py, barcode, "barcode")?,
            })
        })
    }

    /// The recipient's position in the job's address list, from 0.
    #[getter]
    fn row(&self) -> usize {
        self.row
    }

    /// The letter's barcode.
    #[getter]
    fn barcode(&self) -> &str {
        self.barcode.as_str()
    }

    fn __repr__(&self) -> String {
        format!(
            "RegisteredLetter(row={}, barcode='{}')",
            self.row, self.barcode
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, (usize, String)> {
        let this = slf.get();
        (
            slf.get_type().into_any(),
            (this.row, this.barcode.to_string()),
        )
    }
}

/// The summary of a registered letter that a person can print: barcode, recipient, submission and
/// handover dates, acknowledgement, and the deadline to file a claim.
///
/// It exists once the letter is handed over. Immutable; plain data: `==`, `to_json()` /
/// `RegisteredSummary.from_json(text)`, pickling.
#[pyclass(module = "envoi.post", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredSummary(envoi::post::RegisteredSummary);

#[pymethods]
impl RegisteredSummary {
    /// The summary of the letter with `barcode` (a `str`, checked as `parse_barcode`) to
    /// `recipient` (its address lines), submitted at `submitted_at` (an aware datetime) and handed
    /// over on `handed_over_on` (a date). Raises `envoi.PostError` (`post.invalid_barcode`,
    /// `post.barcode_check_digit_mismatch`, `post.handover_before_submission`,
    /// `post.empty_address`).
    #[new]
    #[pyo3(signature = (barcode, recipient, submitted_at, handed_over_on, acknowledgement = false))]
    fn new(
        py: Python<'_>,
        barcode: &Bound<'_, PyAny>,
        recipient: &Bound<'_, PyAny>,
        submitted_at: &Bound<'_, PyAny>,
        handed_over_on: Day,
        acknowledgement: bool,
    ) -> PyResult<Self> {
        guard(py, || {
            let barcode = barcode_arg(py, barcode, "barcode")?;
            let recipient = lines_arg(recipient, "recipient")?;
            let submitted_at = instant_arg(submitted_at, "submitted_at")?;
            envoi::post::RegisteredSummary::new(
                barcode,
                recipient,
                submitted_at,
                handed_over_on.0,
                acknowledgement,
            )
            .map(RegisteredSummary)
            .map_err(|error| post_err(py, error))
        })
    }

    /// The letter's barcode (`"RR123456785BE"`, or 30 digits for bpost national).
    #[getter]
    fn barcode(&self) -> &str {
        self.0.barcode.as_str()
    }

    /// The recipient's address lines.
    #[getter]
    fn recipient(&self) -> Vec<String> {
        self.0.recipient.clone()
    }

    /// When the letter was submitted, in Europe/Brussels.
    #[getter]
    fn submitted_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || brussels(py, self.0.submitted_at))
    }

    /// The submission day (Europe/Brussels).
    #[getter]
    fn submitted_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || day_to_py(py, self.0.submitted_on(), "submitted_on"))
    }

    /// The day it was handed to the post.
    #[getter]
    fn handed_over_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            day_to_py(py, self.0.handed_over_on, "handed_over_on")
        })
    }

    /// Whether an acknowledgement of receipt was asked for.
    #[getter]
    fn acknowledgement(&self) -> bool {
        self.0.acknowledgement
    }

    /// The last day the summary is kept (60 days after handover).
    #[getter]
    fn kept_until<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let day = self.0.kept_until().map_err(|error| post_err(py, error))?;
            day_to_py(py, day, "registered_summary_kept_until")
        })
    }

    /// The last day the post's deposit receipt is kept (3 years after handover).
    #[getter]
    fn deposit_receipt_kept_until<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let day = self
                .0
                .deposit_receipt_kept_until()
                .map_err(|error| post_err(py, error))?;
            day_to_py(py, day, "deposit_receipt_kept_until")
        })
    }

    /// The last day to file a claim with the post (12 months after handover).
    #[getter]
    fn claim_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let day = self
                .0
                .claim_deadline()
                .map_err(|error| post_err(py, error))?;
            day_to_py(py, day, "claim_deadline")
        })
    }

    /// The summary as text a person can print, in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`).
    /// Raises `envoi.LanguageError`.
    #[pyo3(signature = (language = "en"))]
    fn to_text(&self, py: Python<'_>, language: &str) -> PyResult<String> {
        guard(py, || {
            let language = language_arg(py, language)?;
            self.0
                .to_text(language)
                .map_err(|error| post_err(py, error))
        })
    }

    /// The summary's JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            json_of(serde_json::to_string(&self.0), "RegisteredSummary")
        })
    }

    /// The summary of a JSON form written by `to_json` (in any language). Raises `ValueError`
    /// naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json(serde_json::from_str(text), "RegisteredSummary").map(RegisteredSummary)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(
                py,
                &json_of(serde_json::to_string(&self.0), "RegisteredSummary")?,
            )
            .repr()?;
            Ok(format!("RegisteredSummary.from_json({json})"))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            reduce::<RegisteredSummary>(
                py,
                json_of(serde_json::to_string(&self.0), "RegisteredSummary")?,
            )
        })
    }
}

// ---- Retention -----------------------------------------------------------------------------------

/// The submission day of `submitted_at` (an aware datetime): its date in Europe/Brussels.
#[pyfunction]
pub fn submission_date<'py>(
    py: Python<'py>,
    submitted_at: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let at = instant_arg(submitted_at, "submitted_at")?;
        day_to_py(py, envoi::post::submission_date(at), "submitted_on")
    })
}

/// A retention deadline of the core, as a Python date.
fn deadline<'py>(
    py: Python<'py>,
    date: Day,
    field: &'static str,
    compute: fn(NaiveDate) -> Result<NaiveDate, PostError>,
) -> PyResult<Bound<'py, PyAny>> {
    let day = compute(date.0).map_err(|error| post_err(py, error))?;
    day_to_py(py, day, field)
}

/// The last day the documents of a letter submitted on `submitted_on` are kept (60 days after).
#[pyfunction]
pub fn documents_kept_until(py: Python<'_>, submitted_on: Day) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        deadline(
            py,
            submitted_on,
            "documents_kept_until",
            envoi::post::documents_kept_until,
        )
    })
}

/// The last day the summary of a registered letter handed over on `handed_over_on` is kept (60
/// days after).
#[pyfunction]
pub fn registered_summary_kept_until(
    py: Python<'_>,
    handed_over_on: Day,
) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        deadline(
            py,
            handed_over_on,
            "registered_summary_kept_until",
            envoi::post::registered_summary_kept_until,
        )
    })
}

/// The last day the post's deposit receipt of a registered letter handed over on `handed_over_on`
/// is kept (3 years after; 29 February + 3 years is 28 February).
#[pyfunction]
pub fn deposit_receipt_kept_until(
    py: Python<'_>,
    handed_over_on: Day,
) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        deadline(
            py,
            handed_over_on,
            "deposit_receipt_kept_until",
            envoi::post::deposit_receipt_kept_until,
        )
    })
}

/// The last day to file a claim for a registered letter handed over on `handed_over_on` (12 months
/// after).
#[pyfunction]
pub fn claim_deadline(py: Python<'_>, handed_over_on: Day) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        deadline(
            py,
            handed_over_on,
            "claim_deadline",
            envoi::post::claim_deadline,
        )
    })
}

// ---- Module --------------------------------------------------------------------------------------

/// Adds `envoi.post`'s classes, functions and constants to the native module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add_class::<Quote>()?;
    module.add_class::<DeliveryRange>()?;
    module.add_class::<PostData>()?;
    module.add_class::<RecipientQuote>()?;
    module.add_class::<RecipientFailure>()?;
    module.add_class::<JobReport>()?;
    module.add_class::<Destination>()?;
    module.add_class::<Transition>()?;
    module.add_class::<Job>()?;
    module.add_class::<ApprovalLink>()?;
    module.add_class::<BarcodeRange>()?;
    module.add_class::<RegisteredLetter>()?;
    module.add_class::<RegisteredSummary>()?;
    module.add_function(wrap_pyfunction!(quote, module)?)?;
    module.add_function(wrap_pyfunction!(quote_job, module)?)?;
    module.add_function(wrap_pyfunction!(country, module)?)?;
    module.add_function(wrap_pyfunction!(destination, module)?)?;
    module.add_function(wrap_pyfunction!(country_name, module)?)?;
    module.add_function(wrap_pyfunction!(pdf_page_sizes, module)?)?;
    module.add_function(wrap_pyfunction!(parse_barcode, module)?)?;
    module.add_function(wrap_pyfunction!(barcode_format, module)?)?;
    module.add_function(wrap_pyfunction!(s10_barcode, module)?)?;
    module.add_function(wrap_pyfunction!(submission_date, module)?)?;
    module.add_function(wrap_pyfunction!(documents_kept_until, module)?)?;
    module.add_function(wrap_pyfunction!(registered_summary_kept_until, module)?)?;
    module.add_function(wrap_pyfunction!(deposit_receipt_kept_until, module)?)?;
    module.add_function(wrap_pyfunction!(claim_deadline, module)?)?;
    module.add("MAX_SHEETS", envoi::post::MAX_SHEETS)?;
    module.add("CUT_OFF_HOUR", envoi::post::CUT_OFF_HOUR)?;
    module.add("DOCUMENTS_KEPT_DAYS", envoi::post::DOCUMENTS_KEPT_DAYS)?;
    module.add(
        "REGISTERED_SUMMARY_KEPT_DAYS",
        envoi::post::REGISTERED_SUMMARY_KEPT_DAYS,
    )?;
    module.add(
        "DEPOSIT_RECEIPT_KEPT_YEARS",
        envoi::post::DEPOSIT_RECEIPT_KEPT_YEARS,
    )?;
    module.add("CLAIM_MONTHS", envoi::post::CLAIM_MONTHS)?;
    let postages: Vec<&str> = Postage::ALL.iter().map(|postage| postage.code()).collect();
    module.add("POSTAGES", PyTuple::new(py, postages)?)?;
    let envelopes: Vec<&str> = Envelope::ALL
        .iter()
        .map(|envelope| envelope.code())
        .collect();
    module.add("ENVELOPES", PyTuple::new(py, envelopes)?)?;
    let barcode_formats =
        [BarcodeFormat::S10, BarcodeFormat::BpostNational].map(BarcodeFormat::code);
    module.add("BARCODE_FORMATS", PyTuple::new(py, barcode_formats)?)?;
    Ok(())
}
