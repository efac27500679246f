//! Letters (SPEC section 9): the quote of a letter ([`quote`], [`quote_job`]), the destination
//! country ([`country`], [`destination`], [`country_name`]), a PDF's page sizes
//! ([`pdf_page_sizes`]), jobs and their states ([`Job`], an object holding the core's, behind a
//! mutex), registered mail ([`parse_barcode`], [`BarcodeRange`], [`RegisteredLetter`],
//! [`RegisteredSummary`]), the retention deadlines and the post's data ([`PostData`]).
//!
//! Conversions only; every rule is the core's (`envoi::post`):
//!
//! - **Documents** are a [`Document`]: `Pages` (a count of A4 pages), `PageSizes` (each page's
//!   width and height in millimetres) or `Pdf` (the bytes of a PDF, read by the core's `pdf`
//!   feature for its page count and sizes), each with an optional name that errors quote.
//! - **Decimals** (millimetres, grams) cross as text, never as a binary float: in as plain decimal
//!   text (`"215.9"`; anything else is `argument.invalid_decimal`), out as the core's decimal as
//!   text (`"24.9584"`). The hand-written Kotlin layer (kotlin/src/main/kotlin/dev/envoi/Post.kt)
//!   adds `BigDecimal` overloads.
//! - **Days** are [`IsoDate`] (`java.time.LocalDate` in Kotlin, an ISO string in Swift);
//!   **instants** `SystemTime` (`java.time.Instant`, Swift `Date`), so an instant is never naive;
//!   `Post.kt` adds `ZonedDateTime` overloads. The cut-off (noon) and the submission day are judged
//!   in Europe/Brussels whatever the caller's zone.
//! - **Codes** cross as the core's snake-case strings: postages (`"prior"`, `"non_prior"`,
//!   `"registered"`, `"rp"`, `"prior_international"`), envelopes (`"us"`, `"c5"`, `"c4"`), formats,
//!   job states, recipient policies (`"report_and_continue"`, `"refuse_job"`); countries are ISO
//!   3166-1 alpha-2 codes. An unknown code is `argument.unknown_value`.
//! - **Ids** (accounts, jobs, users) and barcode serials are `u64` (Kotlin `ULong`, Swift
//!   `UInt64`), as the token claims are; **counts** given (pages, barcodes to take) are signed
//!   (Kotlin `Long`) and range-checked (`argument.out_of_range`).
//! - **Barcodes** of registered mail cross as text (`"RR123456785BE"`, or bpost's 30 digits), in
//!   and out, checked by the core's `Barcode` on the way in; [`parse_barcode`] gives a barcode's
//!   compact form and format.
//! - **Errors**: the core's `PostError` (and the country line's and the PDF reader's errors it
//!   wraps) as [`EnvoiError::Post`] with the core's code and fields; a calendar error stays
//!   [`EnvoiError::Schedule`], an approval link's token error [`EnvoiError::Token`].

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use chrono::NaiveDate;
use envoi::language::Language;
use envoi::post::{
    BarcodeFormat, Country, DocumentRef, Envelope, Format, PostCalendars, PostError, Postage,
    RecipientPolicy,
};
use envoi::schedule::BusinessCalendar;

use crate::credits::plans::IsoDate;
use crate::credits::to_instant;
use crate::errors::{
    INVALID_JSON_CODE, OUT_OF_RANGE_CODE, PostFields, UNKNOWN_VALUE_CODE, post_error,
};
use crate::schedule::parse_date;
use crate::time::system_time;
use crate::token::{KeyRing, now_or_clock};
use crate::vat::parse_decimal;
use crate::{EnvoiError, guard};

// ---- Documents -----------------------------------------------------------------------------------

/// A page's size in millimetres, as decimal text (`"210"`, `"215.9"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PageSize {
    /// The width in millimetres.
    pub width_mm: String,
    /// The height in millimetres.
    pub height_mm: String,
}

impl PageSize {
    fn of(size: envoi::post::PageSize) -> Self {
        PageSize {
            width_mm: size.width_mm.to_string(),
            height_mm: size.height_mm.to_string(),
        }
    }

    fn to_core(&self, field: &str) -> Result<envoi::post::PageSize, EnvoiError> {
        Ok(envoi::post::PageSize {
            width_mm: parse_decimal(&format!("{field}.width_mm"), &self.width_mm)?,
            height_mm: parse_decimal(&format!("{field}.height_mm"), &self.height_mm)?,
        })
    }
}

/// One document of a letter: the main document first, then extra ones (a flyer, a reply coupon),
/// or the background. Each has an optional `name`, which errors quote (`documents[1] (flyer)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Document {
    /// `pages` A4 pages (0 is `post.empty_document`; a negative count or one past 4 294 967 295
    /// is `argument.out_of_range`).
    Pages {
        /// The number of A4 pages.
        pages: i64,
        /// The document's name, for errors.
        #[uniffi(default)]
        name: Option<String>,
    },
    /// Each page's width and height in millimetres, in order (a page that is not A4, 210 × 297 mm
    /// ± 2 mm in either orientation, is `post.not_a4`).
    PageSizes {
        /// The pages' sizes.
        sizes: Vec<PageSize>,
        /// The document's name, for errors.
        #[uniffi(default)]
        name: Option<String>,
    },
    /// The bytes of a PDF, read for its page count and each page's size as it prints (crop box,
    /// /Rotate); only the sizes are kept. A PDF that cannot be read is `post.pdf_corrupt`,
    /// `post.pdf_encrypted`, `post.pdf_no_pages`… naming the document.
    Pdf {
        /// The PDF file.
        bytes: Vec<u8>,
        /// The document's name, for errors.
        #[uniffi(default)]
        name: Option<String>,
    },
}

impl Document {
    /// The core's document; `which` names it in the error of a PDF that cannot be read.
    fn to_core(
        &self,
        field: &str,
        which: impl FnOnce(Option<String>) -> DocumentRef,
    ) -> Result<envoi::post::Document, EnvoiError> {
        let named = |document: envoi::post::Document, name: &Option<String>| match name {
            Some(name) => document.named(name.clone()),
            None => document,
        };
        match self {
            Document::Pages { pages, name } => {
                let count = u32::try_from(*pages).map_err(|_| {
                    EnvoiError::argument(
                        OUT_OF_RANGE_CODE,
                        format!(
                            "{field}.pages: {pages} is not a number of pages (0 to {}); a document has at least one page",
                            u32::MAX
                        ),
                    )
                })?;
                Ok(named(envoi::post::Document::a4(count), name))
            }
            Document::PageSizes { sizes, name } => {
                let sizes = sizes
                    .iter()
                    .enumerate()
                    .map(|(index, size)| size.to_core(&format!("{field}.sizes[{index}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(named(envoi::post::Document::from_page_sizes(sizes), name))
            }
            Document::Pdf { bytes, name } => match envoi::post::Document::from_pdf(bytes) {
                Ok(document) => Ok(named(document, name)),
                Err(error) => Err(document_error(&which(name.clone()), error)),
            },
        }
    }
}

/// The error of a PDF document that cannot be read: the core's, with the document's fields and
/// the message prefixed with the document (`documents[1] (flyer): pdf: …`).
fn document_error(document: &DocumentRef, error: PostError) -> EnvoiError {
    let mut fields = PostFields::of(&error);
    fields.set_document(document);
    fields.into_error(
        envoi::ErrorCode::code(&error),
        format!("{document}: {error}"),
    )
}

/// A code among `all` (the core's snake-case names), else `argument.unknown_value` naming `field`.
pub(crate) fn code_arg<T: Copy>(
    field: &str,
    value: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Result<T, EnvoiError> {
    all.iter()
        .copied()
        .find(|item| code(*item) == value)
        .ok_or_else(|| {
            let codes: Vec<String> = all
                .iter()
                .map(|item| format!("{:?}", code(*item)))
                .collect();
            EnvoiError::argument(
                UNKNOWN_VALUE_CODE,
                format!(
                    "{field}: unknown value {value:?}; expected one of {}",
                    codes.join(", ")
                ),
            )
        })
}

pub(crate) fn postage_arg(value: &str) -> Result<Postage, EnvoiError> {
    code_arg("postage", value, &Postage::ALL, Postage::code)
}

fn envelope_arg(value: &str) -> Result<Envelope, EnvoiError> {
    code_arg("envelope", value, &Envelope::ALL, Envelope::code)
}

fn policy_code(policy: RecipientPolicy) -> &'static str {
    match policy {
        RecipientPolicy::ReportAndContinue => "report_and_continue",
        RecipientPolicy::RefuseJob => "refuse_job",
    }
}

fn policy_arg(value: &str) -> Result<RecipientPolicy, EnvoiError> {
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

/// An ISO 3166-1 alpha-2 code envoi knows (any case), else `argument.unknown_value`.
fn country_code_arg(code: &str) -> Result<Country, EnvoiError> {
    Country::from_code(&code.trim().to_ascii_uppercase()).ok_or_else(|| {
        EnvoiError::argument(
            UNKNOWN_VALUE_CODE,
            format!(
                "country: {code:?} is not an ISO 3166-1 alpha-2 code envoi knows (two letters, such as \"BE\"); to read a country name, use country(name)"
            ),
        )
    })
}

/// The post's calendars: Belgian business days, with the host's closed days for production (the
/// printer's handover days) and for the post's delivery.
fn calendars_arg(
    production_closed_days: Option<Vec<IsoDate>>,
    delivery_closed_days: Option<Vec<IsoDate>>,
) -> Result<PostCalendars, EnvoiError> {
    let calendar = |days: Option<Vec<IsoDate>>, field: &str| {
        let days = days
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(index, day)| parse_date(&format!("{field}[{index}]"), &day.0))
            .collect::<Result<Vec<NaiveDate>, _>>()?;
        Ok::<_, EnvoiError>(BusinessCalendar::belgium().with_closed_days(days))
    };
    Ok(PostCalendars {
        production: calendar(production_closed_days, "production_closed_days")?,
        delivery: calendar(delivery_closed_days, "delivery_closed_days")?,
    })
}

/// The post data to use: the host's, or the built-in data.
fn data_arg(data: &Option<Arc<PostData>>) -> &envoi::post::PostData {
    match data {
        Some(data) => &data.inner,
        None => envoi::post::PostData::builtin(),
    }
}

/// A letter as the host gave it.
struct LetterArgs {
    documents: Vec<Document>,
    postage: String,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
    envelope: Option<String>,
    return_address: Option<Vec<String>>,
    background: Option<Document>,
}

impl LetterArgs {
    /// The core's letter, its PDFs read.
    fn letter(&self) -> Result<envoi::post::Letter, EnvoiError> {
        let documents = self
            .documents
            .iter()
            .enumerate()
            .map(|(index, document)| {
                document.to_core(&format!("documents[{index}]"), |name| {
                    DocumentRef::Document { index, name }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let background = self
            .background
            .as_ref()
            .map(|background| background.to_core("background", |_| DocumentRef::Background))
            .transpose()?;
        Ok(envoi::post::Letter {
            documents,
            background,
            color: self.color,
            duplex: self.duplex,
            postage: postage_arg(&self.postage)?,
            acknowledgement: self.acknowledgement,
            envelope: self.envelope.as_deref().map(envelope_arg).transpose()?,
            return_address: self.return_address.clone(),
        })
    }
}

// ---- Values out ----------------------------------------------------------------------------------

/// A `usize` of the core as the FFI's `u64`.
fn wide(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// The earliest and latest delivery days of an international letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct DeliveryRange {
    /// The earliest delivery day.
    pub earliest: IsoDate,
    /// The latest delivery day.
    pub latest: IsoDate,
}

impl DeliveryRange {
    fn of(range: envoi::post::DeliveryRange) -> Self {
        DeliveryRange {
            earliest: IsoDate::of(range.earliest),
            latest: IsoDate::of(range.latest),
        }
    }
}

/// What a letter to one recipient takes and when it arrives (see [`quote`]).
///
/// National letters have a `delivery_date`, international ones a `delivery_range` (exactly one of
/// the two is set). The registered-mail deadlines are set for registered letters only; they count
/// from the expected handover day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Quote {
    /// The A4 sheets printed.
    pub sheets: u32,
    /// The envelope: `"us"`, `"c5"` or `"c4"`.
    pub envelope: String,
    /// The post's format: `"small"` (US) or `"large"` (C5, C4).
    pub format: String,
    /// The paper's weight in grams, decimal text.
    pub paper_grams: String,
    /// The letter's weight in grams (paper and envelope), decimal text.
    pub weight_grams: String,
    /// The postage's weight band: letters up to this many grams (inclusive).
    pub weight_band_grams: u32,
    /// The postage's zone: `"national"` (Belgium) or `"international"`.
    pub weight_band_zone: String,
    /// The destination country, an ISO 3166-1 alpha-2 code (`"BE"`, `"NL"`).
    pub country: String,
    /// The address line the country was read from (from 0), or null/nil (no country line:
    /// Belgium).
    pub country_line: Option<u64>,
    /// The postage applied: the one asked for, except prior abroad, which is
    /// `"prior_international"`.
    pub postage: String,
    /// The submission day (Europe/Brussels).
    pub submitted_on: IsoDate,
    /// The day the letter is handed to the post.
    pub handover_date: IsoDate,
    /// The delivery day of a national letter; null/nil abroad.
    pub delivery_date: Option<IsoDate>,
    /// The earliest and latest delivery days of an international letter; null/nil in Belgium.
    pub delivery_range: Option<DeliveryRange>,
    /// The last day the documents are kept (60 days after submission).
    pub documents_kept_until: IsoDate,
    /// Registered: the last day the summary is kept (60 days after handover); else null/nil.
    pub registered_summary_kept_until: Option<IsoDate>,
    /// Registered: the last day the post's deposit receipt is kept (3 years after handover); else
    /// null/nil.
    pub deposit_receipt_kept_until: Option<IsoDate>,
    /// Registered: the last day to file a claim with the post (12 months after handover); else
    /// null/nil.
    pub claim_deadline: Option<IsoDate>,
}

impl Quote {
    fn of(quote: &envoi::post::Quote) -> Self {
        Quote {
            sheets: quote.sheets,
            envelope: quote.envelope.code().to_owned(),
            format: quote.format.code().to_owned(),
            paper_grams: quote.paper_grams.to_string(),
            weight_grams: quote.weight_grams.to_string(),
            weight_band_grams: quote.weight_band.up_to_grams,
            weight_band_zone: quote.weight_band.zone.to_string(),
            country: quote.country.code().to_owned(),
            country_line: quote.country_line.map(wide),
            postage: quote.postage.code().to_owned(),
            submitted_on: IsoDate::of(quote.submitted_on),
            handover_date: IsoDate::of(quote.handover_date),
            delivery_date: quote.delivery_date.map(IsoDate::of),
            delivery_range: quote.delivery_range.map(DeliveryRange::of),
            documents_kept_until: IsoDate::of(quote.documents_kept_until),
            registered_summary_kept_until: quote.registered_summary_kept_until.map(IsoDate::of),
            deposit_receipt_kept_until: quote.deposit_receipt_kept_until.map(IsoDate::of),
            claim_deadline: quote.claim_deadline.map(IsoDate::of),
        }
    }
}

// ---- Quotes --------------------------------------------------------------------------------------

/// The quote of one letter to one recipient: sheets, envelope, format, weights, destination,
/// postage, handover and delivery dates, retention deadlines.
///
/// `documents`: the main document first, then extra ones (see [`Document`]). `address` and
/// `return_address`: lines, the country line last (none: Belgium). `submitted_at`: when the letter
/// is submitted (before noon in Brussels on a business day: handed over that day). `postage`:
/// `"prior"`, `"non_prior"`, `"registered"`, `"rp"` or `"prior_international"`. `envelope`:
/// null/nil (the smallest that fits), `"us"`, `"c5"` or `"c4"`. `background`: a one-page A4
/// letterhead printed under the main document (adds no sheet). `production_closed_days` and
/// `delivery_closed_days`: the host's closed days added to the Belgian business days, for the
/// handover and for the post's delivery. `data`: the post data (null/nil: the built-in data).
///
/// Throws `EnvoiException.Post` (`post.too_many_sheets`, `post.not_a4`… with the error's numbers
/// as fields), `EnvoiException.Schedule`, `EnvoiException.Argument` (`argument.unknown_value`,
/// `argument.invalid_decimal`, `argument.out_of_range`, `argument.instant_out_of_range`).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use envoi_mobile::post::{Document, quote};
/// let at = UNIX_EPOCH + Duration::from_secs(1_773_133_200); // 2026-03-10T09:00:00Z
/// let address = vec!["Marie Janssens".into(), "Kerkstraat 5".into(), "1000 BRUSSEL".into()];
/// let documents = vec![Document::Pages { pages: 3, name: None }, Document::Pages { pages: 1, name: Some("flyer".into()) }];
/// let q = quote(documents, address, at, "prior".into(), false, false, false, None, None, None, None, None, None)?;
/// assert_eq!((q.sheets, q.envelope.as_str(), q.weight_grams.as_str()), (4, "us", "24.9584"));
/// assert_eq!(q.delivery_date.map(|day| day.0).as_deref(), Some("2026-03-11"));
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export(default(
    color = false,
    duplex = false,
    acknowledgement = false,
    envelope = None,
    return_address = None,
    background = None,
    production_closed_days = None,
    delivery_closed_days = None,
    data = None
))]
#[allow(clippy::too_many_arguments)]
pub fn quote(
    documents: Vec<Document>,
    address: Vec<String>,
    submitted_at: SystemTime,
    postage: String,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
    envelope: Option<String>,
    return_address: Option<Vec<String>>,
    background: Option<Document>,
    production_closed_days: Option<Vec<IsoDate>>,
    delivery_closed_days: Option<Vec<IsoDate>>,
    data: Option<Arc<PostData>>,
) -> Result<Quote, EnvoiError> {
    guard(|| {
        let letter = LetterArgs {
            documents,
            postage,
            color,
            duplex,
            acknowledgement,
            envelope,
            return_address,
            background,
        }
        .letter()?;
        let at = to_instant("submitted_at", submitted_at)?;
        let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
        let quote = data_arg(&data).quote(&letter, &address, at, &calendars)?;
        Ok(Quote::of(&quote))
    })
}

/// The quote of one recipient of a job.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RecipientQuote {
    /// The recipient's position in the job's address list, from 0.
    pub row: u64,
    /// Its quote.
    pub quote: Quote,
}

/// A recipient of a job that breaks a rule: its row and the reason, an [`EnvoiError`] (not
/// thrown; usually `EnvoiException.Post`) with its `code()` and fields.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecipientFailure {
    /// The recipient's position in the job's address list, from 0.
    pub row: u64,
    /// The stable code of the reason (`"post.registered_national_only"`…).
    pub code: String,
    /// Why it is refused.
    pub error: EnvoiError,
}

impl RecipientFailure {
    pub(crate) fn of(failure: &envoi::post::RecipientFailure) -> Self {
        RecipientFailure {
            row: wide(failure.row),
            code: failure.code().to_owned(),
            error: post_error(failure.error.clone()),
        }
    }
}

/// The recipients of a job, quoted one by one: those that go (`quotes`, with their quote) and
/// those refused (`failures`, with their reason), each in row order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JobReport {
    /// The number of recipients of the job.
    pub recipients: u64,
    /// The recipients that go, with their quote, in row order.
    pub quotes: Vec<RecipientQuote>,
    /// The recipients refused, with their reason, in row order.
    pub failures: Vec<RecipientFailure>,
}

impl JobReport {
    fn of(report: &envoi::post::JobReport) -> Self {
        JobReport {
            recipients: wide(report.recipients),
            quotes: report
                .quotes
                .iter()
                .map(|quote| RecipientQuote {
                    row: wide(quote.row),
                    quote: Quote::of(&quote.quote),
                })
                .collect(),
            failures: report.failures.iter().map(RecipientFailure::of).collect(),
        }
    }
}

/// Quotes one letter for each address of `recipients` (each an address's lines), submitted at
/// `submitted_at`.
///
/// The letter's arguments are those of [`quote`]. The letter's own checks (documents, sheets,
/// envelope, weight, RP, return address, acknowledgement) are made once: a failure throws, whatever
/// `policy`. Then each recipient gets its own country, postage check and dates (national and
/// international addresses mix; prior is applied as prior international abroad). `policy`:
/// `"report_and_continue"` reports each refused recipient with its row and reason in
/// `JobReport.failures`; `"refuse_job"` throws `post.job_refused` (with `recipients` and
/// `failures`) when any recipient is refused, as does either policy when none is left. Throws as
/// [`quote`], and `post.no_recipients`.
#[uniffi::export(default(
    color = false,
    duplex = false,
    acknowledgement = false,
    envelope = None,
    return_address = None,
    background = None,
    production_closed_days = None,
    delivery_closed_days = None,
    data = None
))]
#[allow(clippy::too_many_arguments)]
pub fn quote_job(
    documents: Vec<Document>,
    recipients: Vec<Vec<String>>,
    submitted_at: SystemTime,
    postage: String,
    policy: String,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
    envelope: Option<String>,
    return_address: Option<Vec<String>>,
    background: Option<Document>,
    production_closed_days: Option<Vec<IsoDate>>,
    delivery_closed_days: Option<Vec<IsoDate>>,
    data: Option<Arc<PostData>>,
) -> Result<JobReport, EnvoiError> {
    guard(|| {
        let letter = LetterArgs {
            documents,
            postage,
            color,
            duplex,
            acknowledgement,
            envelope,
            return_address,
            background,
        }
        .letter()?;
        let at = to_instant("submitted_at", submitted_at)?;
        let policy = policy_arg(&policy)?;
        let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
        let report = envoi::post::quote_job(
            &letter,
            &recipients,
            at,
            data_arg(&data),
            &calendars,
            policy,
        )?;
        Ok(JobReport::of(&report))
    })
}

// ---- Country line --------------------------------------------------------------------------------

/// A country an error proposes: a suggestion for an unknown name, or one meaning of an ambiguous
/// name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CountryCandidate {
    /// The country, an ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Its name as a country line, in capitals (`"PAYS-BAS"`).
    pub name: String,
}

impl CountryCandidate {
    pub(crate) fn of(candidate: &envoi::post::CountryCandidate) -> Self {
        CountryCandidate {
            country: candidate.country.code().to_owned(),
            name: candidate.name.clone(),
        }
    }
}

/// The country an address goes to, and the line it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Destination {
    /// The destination country, an ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The address line the country was read from (from 0), or null/nil (no country line:
    /// Belgium).
    pub country_line: Option<u64>,
}

/// The ISO 3166-1 alpha-2 code of a country name in French, Dutch, German or English, in capitals
/// (`"PAYS-BAS"`, `"NEDERLAND"`, `"NIEDERLANDE"`, `"NETHERLANDS"` → `"NL"`; with or without
/// accents, common aliases). Throws `post.unknown_country` (with `suggestions`),
/// `post.country_not_in_capitals` (with `proposed`), `post.ambiguous_country` (with
/// `candidates`).
#[uniffi::export]
pub fn country(name: String) -> Result<String, EnvoiError> {
    guard(|| Ok(envoi::post::country(&name)?.code().to_owned()))
}

/// The destination of an address (its lines, the country line last when abroad): the last line
/// that is not blank, in capitals, names the country; none, or a postcode and locality
/// (`"1000 BRUXELLES"`), is Belgium. Throws as [`country`], with `line`, and
/// `post.country_line_missing` for a locality abroad (`"F-75001 PARIS"`) without its country.
#[uniffi::export]
pub fn destination(lines: Vec<String>) -> Result<Destination, EnvoiError> {
    guard(|| {
        let found = envoi::post::destination(&lines)?;
        Ok(Destination {
            country: found.country.code().to_owned(),
            country_line: found.country_line.map(wide),
        })
    })
}

/// The name of a country (an ISO code, any case) in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`),
/// as CLDR writes it; upper-case it for a country line. Throws `argument.unknown_value` for an
/// unknown code and `language.unsupported`.
#[uniffi::export(default(language = "en"))]
pub fn country_name(code: String, language: String) -> Result<String, EnvoiError> {
    guard(|| {
        let country = country_code_arg(&code)?;
        let language: Language = language.parse()?;
        Ok(country.name(language).to_owned())
    })
}

/// The page sizes of a PDF, one per page, as it prints (crop box, /Rotate). Throws
/// `post.pdf_corrupt` (with `detail`), `post.pdf_encrypted`, `post.pdf_no_pages`,
/// `post.pdf_page_without_box`, `post.pdf_invalid_box`, `post.pdf_invalid_rotate`.
#[uniffi::export]
pub fn pdf_page_sizes(bytes: Vec<u8>) -> Result<Vec<PageSize>, EnvoiError> {
    guard(|| {
        Ok(envoi::post::pdf_page_sizes(&bytes)?
            .into_iter()
            .map(PageSize::of)
            .collect())
    })
}

// ---- Post data -----------------------------------------------------------------------------------

/// The delivery time of prior international letters to a destination, in business days after
/// handover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct BusinessDayRange {
    /// The fewest business days.
    pub from: u32,
    /// The most business days.
    pub to: u32,
}

/// The post's data: envelope weights, weight bands and the delivery time of prior international
/// letters per destination, with its sources and the day it was verified.
///
/// `PostData.builtin()` is the data envoi ships; a host that knows better figures loads data in
/// the same format ([`post_data_builtin_json`] is a starting point) with `PostData.fromJson`.
/// Immutable.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct PostData {
    pub(crate) inner: Cow<'static, envoi::post::PostData>,
}

impl fmt::Display for PostData {
    /// `PostData(verified_on=2026-11-30, destinations=…)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PostData(verified_on={}, destinations={})",
            self.inner.verified_on(),
            self.inner.countries_with_delivery_data().count()
        )
    }
}

#[uniffi::export]
impl PostData {
    /// The data envoi ships (the core's `postage.json`).
    #[uniffi::constructor]
    pub fn builtin() -> Arc<Self> {
        Arc::new(PostData {
            inner: Cow::Borrowed(envoi::post::PostData::builtin()),
        })
    }

    /// Data in the format of the built-in file, checked. Throws `post.invalid_data` (with
    /// `field`, `value` and `rule`; malformed JSON too).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(PostData {
                inner: Cow::Owned(envoi::post::PostData::from_json(&json)?),
            }))
        })
    }

    /// The day the data was last checked against its sources.
    pub fn verified_on(&self) -> IsoDate {
        IsoDate::of(self.inner.verified_on())
    }

    /// The weight of an envelope (`"us"`, `"c5"`, `"c4"`) in grams, decimal text. Throws
    /// `argument.unknown_value`.
    pub fn envelope_grams(&self, envelope: String) -> Result<String, EnvoiError> {
        guard(|| {
            Ok(self
                .inner
                .envelope_grams(envelope_arg(&envelope)?)
                .to_string())
        })
    }

    /// The delivery time of prior international letters to `country` (an ISO code, any case).
    /// Throws `post.no_delivery_data` and `argument.unknown_value` for a code envoi does not know.
    pub fn international_delivery(&self, country: String) -> Result<BusinessDayRange, EnvoiError> {
        guard(|| {
            let range = self
                .inner
                .international_delivery(country_code_arg(&country)?)?;
            Ok(BusinessDayRange {
                from: range.from,
                to: range.to,
            })
        })
    }

    /// The destinations with a delivery time, ISO codes in alphabetical order.
    pub fn countries_with_delivery_data(&self) -> Vec<String> {
        self.inner
            .countries_with_delivery_data()
            .map(|country| country.code().to_owned())
            .collect()
    }
}

/// The text of the built-in post data file (`postage.json`), with its sources and notes: the
/// format `PostData.fromJson` reads.
#[uniffi::export]
pub fn post_data_builtin_json() -> String {
    envoi::post::PostData::builtin_json().to_owned()
}

/// The limits and deadlines of the letters' rules, and the codes they take.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PostConstants {
    /// The most sheets a letter may have (the C4 envelope's), 25.
    pub max_sheets: u32,
    /// The hour (Europe/Brussels) from which a letter is handed over the next business day, 12.
    pub cut_off_hour: u32,
    /// Days the documents are kept after submission, 60.
    pub documents_kept_days: u64,
    /// Days a registered letter's summary is kept after handover, 60.
    pub registered_summary_kept_days: u64,
    /// Years the post's deposit receipt is kept after handover, 3.
    pub deposit_receipt_kept_years: u32,
    /// Months to file a claim after handover, 12.
    pub claim_months: u32,
    /// The postages, in the core's order.
    pub postages: Vec<String>,
    /// The envelopes, smallest first.
    pub envelopes: Vec<String>,
    /// The post's formats.
    pub formats: Vec<String>,
    /// The formats of registered-mail barcodes: `"s10"`, `"bpost_national"`.
    pub barcode_formats: Vec<String>,
    /// The length of a bpost national barcode, 30.
    pub bpost_national_length: u32,
    /// How every bpost national barcode starts, `"010"`.
    pub bpost_national_start: String,
    /// The largest serial of a UPU S10 barcode, 99 999 999.
    pub s10_max_serial: u64,
}

/// The limits and deadlines of the letters' rules (the core's constants), and the codes they take.
#[uniffi::export]
pub fn post_constants() -> PostConstants {
    let codes = |all: &[&'static str]| all.iter().map(|code| (*code).to_owned()).collect();
    PostConstants {
        max_sheets: envoi::post::MAX_SHEETS,
        cut_off_hour: envoi::post::CUT_OFF_HOUR,
        documents_kept_days: envoi::post::DOCUMENTS_KEPT_DAYS,
        registered_summary_kept_days: envoi::post::REGISTERED_SUMMARY_KEPT_DAYS,
        deposit_receipt_kept_years: envoi::post::DEPOSIT_RECEIPT_KEPT_YEARS,
        claim_months: envoi::post::CLAIM_MONTHS,
        postages: codes(&Postage::ALL.map(Postage::code)),
        envelopes: codes(&Envelope::ALL.map(Envelope::code)),
        formats: codes(&Format::ALL.map(Format::code)),
        barcode_formats: codes(
            &[BarcodeFormat::S10, BarcodeFormat::BpostNational].map(BarcodeFormat::code),
        ),
        bpost_national_length: u32::try_from(envoi::post::BPOST_NATIONAL_LENGTH)
            .unwrap_or(u32::MAX),
        bpost_national_start: envoi::post::BPOST_NATIONAL_START.to_owned(),
        s10_max_serial: envoi::post::S10_MAX_SERIAL,
    }
}

// ---- Jobs ----------------------------------------------------------------------------------------

/// One change of a job's state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Transition {
    /// The state before.
    pub from: String,
    /// The state after.
    pub to: String,
    /// When.
    pub at: SystemTime,
    /// Who: the approver for approved and rejected, the sender for an approval request, the
    /// canceller when given; else null/nil.
    pub by: Option<u64>,
}

/// A signed approval link for a job: the URL to send to the approver, and the token in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ApprovalLink {
    /// The link: the host's base followed by the token.
    pub url: String,
    /// The signed token (URL-safe).
    pub token: String,
    /// The approver the link is for.
    pub approver: u64,
    /// When the link expires; null/nil: it never expires (what it can do is bounded by the job:
    /// it approves or rejects only while the job awaits approval, only for this approver).
    pub expires_at: Option<SystemTime>,
}

/// The barcode of one registered letter of a job: the recipient's row and the barcode printed on
/// its letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RegisteredLetter {
    /// The recipient's position in the job's address list, from 0.
    pub row: u64,
    /// The letter's barcode (`"RR000000014BE"`, or 30 digits starting with `010`).
    pub barcode: String,
}

impl RegisteredLetter {
    fn all(letters: &[envoi::post::RegisteredLetter]) -> Vec<Self> {
        letters
            .iter()
            .map(|letter| RegisteredLetter {
                row: wide(letter.row),
                barcode: letter.barcode.as_str().to_owned(),
            })
            .collect()
    }
}

/// A job (a mailing): one letter sent to each address of a list, with its state and history.
///
/// States: `"draft"` → (`"awaiting_approval"` → `"approved"` | `"rejected"`) → `"submitted"` →
/// `"processing"` → `"handed_over"`; `"cancelled"` from any state before processing (not billed).
/// Each change takes its time (never before the last change: `post.time_regression`) and is kept
/// in `history()`; an illegal change throws `post.illegal_transition` (with `from`, `to` and
/// `rule`) and changes nothing. A sender whose account requires approval
/// (`approval_required = true`) cannot submit a draft (`post.approval_required`): they ask an
/// approver with `request_approval`, whose signed link the host sends; `verify_approval_link` reads
/// it back, then `approve` or `reject` (by that approver only). Registered mail: once processing,
/// `assign_barcodes` gives each letter its barcode from the host's [`BarcodeRange`]; a registered
/// job is handed over only with them, then `registered_summaries` gives each letter's summary.
///
/// Mutable (each change updates it in place) and safe to share between threads; the host stores
/// `to_json()` after each change and rebuilds it with `Job.fromJson`.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Job {
    inner: Mutex<envoi::post::Job>,
}

impl fmt::Debug for Job {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.lock(), f)
    }
}

impl fmt::Display for Job {
    /// `Job(account=12, id=345, sender=7, state=draft, recipients=3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let job = self.lock();
        write!(
            f,
            "Job(account={}, id={}, sender={}, state={}, recipients={})",
            job.account(),
            job.id(),
            job.sender(),
            job.state(),
            job.recipients().len()
        )
    }
}

impl PartialEq for Job {
    /// Every field and the history.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for Job {}

impl Job {
    fn lock(&self) -> MutexGuard<'_, envoi::post::Job> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A copy of the core's job, as it is now.
    pub(crate) fn snapshot(&self) -> envoi::post::Job {
        self.lock().clone()
    }

    /// A new job object holding `job`.
    pub(crate) fn wrap(job: envoi::post::Job) -> Arc<Self> {
        Arc::new(Job {
            inner: Mutex::new(job),
        })
    }

    /// Runs a state change at `at` (named `field`), mapping its error.
    fn change(
        &self,
        at: SystemTime,
        operation: impl FnOnce(&mut envoi::post::Job, envoi::time::Instant) -> Result<(), PostError>,
    ) -> Result<(), EnvoiError> {
        guard(|| {
            let at = to_instant("at", at)?;
            Ok(operation(&mut self.lock(), at)?)
        })
    }
}

#[uniffi::export]
impl Job {
    /// A draft job of the host's `account`, with the host's job `id`, made by the user `sender`,
    /// sending the letter (the arguments of [`quote`]) to each address of `recipients`, created at
    /// `created_at`. `approval_required`: the account requires a manager's approval for this
    /// sender. PDFs are read now (their page sizes are kept, not their bytes). Throws
    /// `post.no_recipients`, a PDF's errors, and the argument errors of [`quote`]; the letter's
    /// rules are checked at `submit`.
    #[uniffi::constructor(default(
        color = false,
        duplex = false,
        acknowledgement = false,
        envelope = None,
        return_address = None,
        background = None,
        approval_required = false
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        account: u64,
        id: u64,
        sender: u64,
        documents: Vec<Document>,
        recipients: Vec<Vec<String>>,
        created_at: SystemTime,
        postage: String,
        color: bool,
        duplex: bool,
        acknowledgement: bool,
        envelope: Option<String>,
        return_address: Option<Vec<String>>,
        background: Option<Document>,
        approval_required: bool,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let letter = LetterArgs {
                documents,
                postage,
                color,
                duplex,
                acknowledgement,
                envelope,
                return_address,
                background,
            }
            .letter()?;
            let created_at = to_instant("created_at", created_at)?;
            let job = envoi::post::Job::new(account, id, sender, letter, recipients, created_at)?
                .with_approval_required(approval_required);
            Ok(Arc::new(Job {
                inner: Mutex::new(job),
            }))
        })
    }

    /// A job written by `to_json` (in any language), checked by the core: a stored job never
    /// skips a state, an approval or a time order. Throws `post.invalid_job` (with `field`,
    /// `value` and `rule`: `"history[0].to"`, `"approver"`, `"sent_rows[1]"`…; `field` is
    /// `"json"` for text that is not a job's JSON, `value` its line and column),
    /// `post.no_recipients`, `post.self_approval` (an approver who is the sender).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(Job {
                inner: Mutex::new(envoi::post::Job::from_json(&json)?),
            }))
        })
    }

    /// The job's JSON form (the core's serde form), to store it.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing a job: {error}")))
        })
    }

    /// The host's account id.
    pub fn account(&self) -> u64 {
        self.lock().account()
    }

    /// The host's job id.
    pub fn id(&self) -> u64 {
        self.lock().id()
    }

    /// The user who made the job.
    pub fn sender(&self) -> u64 {
        self.lock().sender()
    }

    /// Whether the account requires a manager's approval for the sender.
    pub fn approval_required(&self) -> bool {
        self.lock().approval_required()
    }

    /// The recipients' addresses, in row order.
    pub fn recipients(&self) -> Vec<Vec<String>> {
        self.lock().recipients().to_vec()
    }

    /// When the job was made.
    pub fn created_at(&self) -> SystemTime {
        system_time(self.lock().created_at())
    }

    /// The current state (`"draft"`, `"awaiting_approval"`, `"approved"`, `"rejected"`,
    /// `"submitted"`, `"processing"`, `"handed_over"`, `"cancelled"`).
    pub fn state(&self) -> String {
        self.lock().state().code().to_owned()
    }

    /// The states the job may go to from its state (a draft may go to submitted only when its
    /// sender needs no approval).
    pub fn next_states(&self) -> Vec<String> {
        self.lock()
            .state()
            .next_states()
            .iter()
            .map(|state| state.code().to_owned())
            .collect()
    }

    /// Every change of state, oldest first.
    pub fn history(&self) -> Vec<Transition> {
        self.lock()
            .history()
            .iter()
            .map(|change| Transition {
                from: change.from.code().to_owned(),
                to: change.to.code().to_owned(),
                at: system_time(change.at),
                by: change.by,
            })
            .collect()
    }

    /// The approver asked (`request_approval`), or null/nil when approval was not asked.
    pub fn approver(&self) -> Option<u64> {
        self.lock().approver()
    }

    /// The rows (from 0) of the recipients that go, chosen when the job was submitted (those
    /// refused then are not sent); empty before.
    pub fn sent_rows(&self) -> Vec<u64> {
        self.lock().sent_rows().iter().copied().map(wide).collect()
    }

    /// The barcode of each registered letter (`assign_barcodes`), in row order; empty before, and
    /// for other postages.
    pub fn registered_letters(&self) -> Vec<RegisteredLetter> {
        RegisteredLetter::all(self.lock().registered_letters())
    }

    /// When the job was submitted, or null/nil.
    pub fn submitted_at(&self) -> Option<SystemTime> {
        self.lock().submitted_at().map(system_time)
    }

    /// The day the job was handed to the post (Europe/Brussels), or null/nil.
    pub fn handed_over_on(&self) -> Option<IsoDate> {
        self.lock().handed_over_on().map(IsoDate::of)
    }

    /// Whether the job is billed: it reached processing (a job cancelled before is free).
    pub fn billable(&self) -> bool {
        self.lock().billable()
    }

    /// Asks `approver` (a user of the host, not the sender) to approve the draft at `at`: the job
    /// goes to awaiting approval, and the link to send them is returned: `link_base` (an absolute
    /// http(s) URL) followed by a token signed with `key_ring`'s active key for the `"approval"`
    /// purpose, valid until `expires_at` when given (null/nil: it never expires; the job's state
    /// bounds what it can do). The job keeps the approver (`approver()`): only they may approve
    /// or reject. Throws `post.self_approval`, `post.time_regression`, `post.illegal_transition`
    /// (from any state but draft),
    /// `post.invalid_link_base`, `token.*` (`token.invalid_time`: `at` before 2025, an expiry not
    /// after `at`); nothing changes on error.
    #[uniffi::method(default(expires_at = None))]
    pub fn request_approval(
        &self,
        approver: u64,
        at: SystemTime,
        key_ring: Arc<KeyRing>,
        link_base: String,
        expires_at: Option<SystemTime>,
    ) -> Result<ApprovalLink, EnvoiError> {
        guard(|| {
            let at = to_instant("at", at)?;
            let expires_at = expires_at
                .map(|time| to_instant("expires_at", time))
                .transpose()?;
            let link = self.lock().request_approval(
                approver,
                at,
                &key_ring.inner,
                &link_base,
                expires_at,
            )?;
            Ok(ApprovalLink {
                url: link.url,
                token: link.token,
                approver: link.approver,
                expires_at: link.expires_at.map(system_time),
            })
        })
    }

    /// Checks an approval link's token at `now` (null/nil: the system clock) and returns the
    /// approver it was sent to: a token signed by `key_ring` for `"approval"`, unexpired, naming
    /// this job's account and id. The host then calls `approve` or `reject` with that approver.
    /// Throws `token.*` (altered, forged, expired, another purpose…),
    /// `post.approval_link_without_job` (a token naming no account or no job, with `missing`),
    /// `post.approval_link_mismatch` (another job's link), `post.approval_link_without_approver`.
    #[uniffi::method(default(now = None))]
    pub fn verify_approval_link(
        &self,
        key_ring: Arc<KeyRing>,
        token: String,
        now: Option<SystemTime>,
    ) -> Result<u64, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(self
                .lock()
                .verify_approval_link(&key_ring.inner, &token, now)?)
        })
    }

    /// The approver approves the job awaiting approval. Throws `post.self_approval` (the approver
    /// is the sender), `post.wrong_approver` (not the approver asked: with `approver` and
    /// `given`), `post.illegal_transition`, `post.time_regression`.
    pub fn approve(&self, approver: u64, at: SystemTime) -> Result<(), EnvoiError> {
        self.change(at, |job, at| job.approve(approver, at))
    }

    /// The approver rejects the job awaiting approval (final). Throws as `approve`.
    pub fn reject(&self, approver: u64, at: SystemTime) -> Result<(), EnvoiError> {
        self.change(at, |job, at| job.reject(approver, at))
    }

    /// Submits the job at `at`: quotes every recipient (as [`quote_job`], with `policy`, the
    /// closed days and `data`) and, unless the job is refused, goes to submitted, keeps the rows
    /// that go (`sent_rows()`) and returns the report. Throws `post.approval_required`, `post.illegal_transition`, `post.time_regression`,
    /// the letter's errors, `post.job_refused`; nothing changes on error.
    #[uniffi::method(default(
        production_closed_days = None,
        delivery_closed_days = None,
        data = None
    ))]
    pub fn submit(
        &self,
        at: SystemTime,
        policy: String,
        production_closed_days: Option<Vec<IsoDate>>,
        delivery_closed_days: Option<Vec<IsoDate>>,
        data: Option<Arc<PostData>>,
    ) -> Result<JobReport, EnvoiError> {
        guard(|| {
            let at = to_instant("at", at)?;
            let policy = policy_arg(&policy)?;
            let calendars = calendars_arg(production_closed_days, delivery_closed_days)?;
            let report = self
                .lock()
                .submit(at, data_arg(&data), &calendars, policy)?;
            Ok(JobReport::of(&report))
        })
    }

    /// Printing starts: the job can no longer be cancelled and will be billed. Throws
    /// `post.illegal_transition` (unless submitted), `post.time_regression`.
    pub fn start_processing(&self, at: SystemTime) -> Result<(), EnvoiError> {
        self.change(at, |job, at| job.start_processing(at))
    }

    /// The letters are handed to the post (final); a registered job only once its letters have
    /// their barcodes (`assign_barcodes`). Throws `post.illegal_transition` (unless processing),
    /// `post.time_regression`, `post.barcodes_not_assigned` (with `letters`).
    pub fn hand_over(&self, at: SystemTime) -> Result<(), EnvoiError> {
        self.change(at, |job, at| job.hand_over(at))
    }

    /// Gives each registered letter of the job its barcode from the host's `range` (printed on
    /// the letter), all or none, once printing has started: one per sent row, in row order.
    /// Asked again, it returns the barcodes already given and leaves `range` untouched. Store
    /// both `to_json()`s afterwards. Throws `post.not_registered` (with `postage`),
    /// `post.wrong_job_state` (unless processing: with `action`, `state` and `needed`),
    /// `post.barcode_range_exhausted` (nothing is used).
    pub fn assign_barcodes(
        &self,
        range: Arc<BarcodeRange>,
    ) -> Result<Vec<RegisteredLetter>, EnvoiError> {
        guard(|| {
            // Always the job first, then the range: no other call holds both.
            let mut job = self.lock();
            let letters = job.assign_barcodes(&mut range.lock())?;
            Ok(RegisteredLetter::all(letters))
        })
    }

    /// The summary of each registered letter of the job, in row order, once it is handed over.
    /// Throws `post.not_registered` (with `postage`), `post.wrong_job_state` (before the
    /// handover: with `action`, `state` and `needed`).
    pub fn registered_summaries(&self) -> Result<Vec<Arc<RegisteredSummary>>, EnvoiError> {
        guard(|| {
            Ok(self
                .lock()
                .registered_summaries()?
                .into_iter()
                .map(|inner| Arc::new(RegisteredSummary { inner }))
                .collect())
        })
    }

    /// Cancels the job (free), by the user `by` when known: from draft, awaiting approval, approved
    /// or submitted. Throws `post.illegal_transition` (from processing and the final states),
    /// `post.time_regression`.
    #[uniffi::method(default(by = None))]
    pub fn cancel(&self, at: SystemTime, by: Option<u64>) -> Result<(), EnvoiError> {
        self.change(at, |job, at| job.cancel(at, by))
    }
}

// ---- Registered mail -----------------------------------------------------------------------------

/// A registered-mail barcode that passed its format's checks: a UPU S10 identifier with its check
/// digit (`"RR123456785BE"`) or a bpost national number (30 digits starting with `010`).
/// Barcodes cross as text everywhere else; this is what [`parse_barcode`] reads from one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Barcode {
    /// The barcode without spaces: `"RR123456785BE"`.
    pub compact: String,
    /// Its format: `"s10"` or `"bpost_national"`.
    pub format: String,
}

impl Barcode {
    fn of(barcode: &envoi::post::Barcode) -> Self {
        Barcode {
            compact: barcode.as_str().to_owned(),
            format: barcode.format().code().to_owned(),
        }
    }
}

/// A barcode given as text, read by the core (`post.invalid_barcode`,
/// `post.barcode_check_digit_mismatch`).
fn barcode_arg(text: &str) -> Result<envoi::post::Barcode, EnvoiError> {
    Ok(envoi::post::Barcode::parse(text)?)
}

/// Reads and checks a registered-mail barcode: a UPU S10 identifier (`"RR123456785BE"`: service
/// `RA`–`RZ`, 8-digit serial, check digit, ISO country) or a bpost national number (30 digits
/// starting with `010`). Spaces, as printed under the bars, are dropped; letters must be capitals.
/// Throws `post.invalid_barcode` (with `field`, `value` and `rule`),
/// `post.barcode_check_digit_mismatch` (with `value`, `serial`, `expected` and `found`).
///
/// ```
/// use envoi_mobile::post::parse_barcode;
/// let barcode = parse_barcode("RR 123 456 785 BE".into())?;
/// assert_eq!((barcode.compact.as_str(), barcode.format.as_str()), ("RR123456785BE", "s10"));
/// assert_eq!(parse_barcode("RR123456789BE".into()).unwrap_err().code(), "post.barcode_check_digit_mismatch");
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export]
pub fn parse_barcode(barcode: String) -> Result<Barcode, EnvoiError> {
    guard(|| Ok(Barcode::of(&barcode_arg(&barcode)?)))
}

/// The UPU S10 identifier of registered mail with `service` (`"RA"`–`"RZ"`), `serial` (0 to
/// 99 999 999) and the issuing `country` (ISO 3166-1 alpha-2), with its check digit:
/// `s10_barcode("RR", 12345678, "BE")` is `"RR123456785BE"`. Throws `post.invalid_barcode` (with
/// `field`: `"service"`, `"serial"` or `"country"`, `value` and `rule`).
#[uniffi::export]
pub fn s10_barcode(service: String, serial: u64, country: String) -> Result<String, EnvoiError> {
    guard(|| {
        Ok(envoi::post::Barcode::s10(&service, serial, &country)?
            .as_str()
            .to_owned())
    })
}

/// The UPU S10 check digit of `serial` (0 to 99 999 999), or null/nil for a larger number.
#[uniffi::export]
pub fn s10_check_digit(serial: u64) -> Option<u8> {
    envoi::post::s10_check_digit(serial)
}

/// The host's range of registered-mail barcodes (from the post) — a fixed prefix and suffix
/// around a range of serials — handed out in order.
///
/// `BarcodeRange.s10("RR", 1, 500, "BE")` yields `"RR000000014BE"`, `"RR000000028BE"`… (the
/// check digit computed); `BarcodeRange.bpostNational("0105412885004526", 1, 9999)` yields
/// `"010541288500452600000000000001"`… (the serial zero-padded to fill 30 digits with the
/// prefix and suffix). Mutable (each barcode is handed out once) and safe to share between
/// threads; the host stores `to_json()`
/// (`{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":500,"next":1}`, `next` null
/// once used up) and rebuilds it with `BarcodeRange.fromJson`.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct BarcodeRange {
    inner: Mutex<envoi::post::BarcodeRange>,
}

impl fmt::Debug for BarcodeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.lock(), f)
    }
}

impl fmt::Display for BarcodeRange {
    /// `BarcodeRange(format=s10, prefix=RR, suffix=BE, first=1, last=500, remaining=500)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let range = self.lock();
        write!(
            f,
            "BarcodeRange(format={}, prefix={}, suffix={}, first={}, last={}, remaining={})",
            range.format(),
            range.prefix(),
            range.suffix(),
            range.first(),
            range.last(),
            range.remaining()
        )
    }
}

impl PartialEq for BarcodeRange {
    /// The same barcodes, and the same next one.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for BarcodeRange {}

impl BarcodeRange {
    fn lock(&self) -> MutexGuard<'_, envoi::post::BarcodeRange> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn of(range: envoi::post::BarcodeRange) -> Arc<Self> {
        Arc::new(BarcodeRange {
            inner: Mutex::new(range),
        })
    }
}

#[uniffi::export]
impl BarcodeRange {
    /// UPU S10 barcodes: `service` (`"RA"`–`"RZ"`) + serial (8 digits, `first` to `last`
    /// included) + check digit + `country` (ISO 3166-1 alpha-2), none used yet. Throws
    /// `post.invalid_barcode_range` (with `field`: `"prefix"`, `"suffix"`, `"first"` (after
    /// `last`) or `"last"` (over 99 999 999), `value` and `rule`).
    #[uniffi::constructor]
    pub fn s10(
        service: String,
        first: u64,
        last: u64,
        country: String,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let range = envoi::post::BarcodeRange::s10(&service, first, last, &country)?;
            Ok(BarcodeRange::of(range))
        })
    }

    /// bpost national barcodes: `prefix` (digits starting with `010`, the fixed start of the
    /// post's range) + serial (`first` to `last` included, zero-padded to fill the 30 digits) +
    /// `suffix` (digits, often empty), none used yet. Throws `post.invalid_barcode_range` (with
    /// `field`: `"prefix"`, `"suffix"`, `"first"` or `"last"` (more digits than the prefix and
    /// suffix leave), `value` and `rule`).
    #[uniffi::constructor(default(suffix = ""))]
    pub fn bpost_national(
        prefix: String,
        first: u64,
        last: u64,
        suffix: String,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let range = envoi::post::BarcodeRange::bpost_national(&prefix, first, last, &suffix)?;
            Ok(BarcodeRange::of(range))
        })
    }

    /// A range written by `to_json` (in any language), checked by the core. Throws
    /// `post.invalid_barcode_range` (the constructors' checks; `field` `"json"` for text that is
    /// not a range's JSON, `value` its line and column), `post.barcode_next_outside_range` (with
    /// `next`, `first` and `last`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(BarcodeRange::of(envoi::post::BarcodeRange::from_json(
                &json,
            )?))
        })
    }

    /// The range's JSON form,
    /// `{"format":…,"prefix":…,"suffix":…,"first":…,"last":…,"next":…}` (`next` null when used
    /// up).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing a range: {error}")))
        })
    }

    /// The format of the range's barcodes: `"s10"` or `"bpost_national"`.
    pub fn format(&self) -> String {
        self.lock().format().code().to_owned()
    }

    /// The fixed start: the S10 service indicator, or the bpost national prefix.
    pub fn prefix(&self) -> String {
        self.lock().prefix().to_owned()
    }

    /// The fixed end: the S10 country code, or the bpost national suffix (may be empty).
    pub fn suffix(&self) -> String {
        self.lock().suffix().to_owned()
    }

    /// The first serial of the range.
    pub fn first(&self) -> u64 {
        self.lock().first()
    }

    /// The last serial of the range.
    pub fn last(&self) -> u64 {
        self.lock().last()
    }

    /// The next serial to hand out (the core's `next`), null/nil once every serial is used.
    pub fn next_serial(&self) -> Option<u64> {
        self.lock().next()
    }

    /// How many barcodes are left. A bpost national range of every `u64` serial (2^64) is the one
    /// count past `u64`: it reads 18446744073709551615 until the first barcode is handed out.
    pub fn remaining(&self) -> u64 {
        u64::try_from(self.lock().remaining()).unwrap_or(u64::MAX)
    }

    /// The next barcode. Throws `post.barcode_range_exhausted` (with `first_barcode`,
    /// `last_barcode`, `requested` and `remaining`).
    pub fn next_barcode(&self) -> Result<String, EnvoiError> {
        guard(|| Ok(self.lock().next_barcode()?.as_str().to_owned()))
    }

    /// The next `count` barcodes, all or none. Throws `post.barcode_range_exhausted` when fewer
    /// are left (nothing is used), and `argument.out_of_range` for a negative count.
    pub fn take(&self, count: i64) -> Result<Vec<String>, EnvoiError> {
        guard(|| {
            let count = usize::try_from(count).map_err(|_| {
                EnvoiError::argument(
                    OUT_OF_RANGE_CODE,
                    format!("count: {count} is negative; give a count of 0 or more"),
                )
            })?;
            Ok(self
                .lock()
                .take(count)?
                .iter()
                .map(|barcode| barcode.as_str().to_owned())
                .collect())
        })
    }
}

/// The summary of a registered letter that a person can print: barcode, recipient, submission and
/// handover dates, acknowledgement, and the deadline to file a claim. It exists once the letter is
/// handed over. Immutable; `to_json()` / `RegisteredSummary.fromJson(json)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct RegisteredSummary {
    inner: envoi::post::RegisteredSummary,
}

impl fmt::Display for RegisteredSummary {
    /// `RegisteredSummary(barcode=RR000000014BE, handed_over_on=2026-03-10)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RegisteredSummary(barcode={}, handed_over_on={})",
            self.inner.barcode, self.inner.handed_over_on
        )
    }
}

impl Hash for RegisteredSummary {
    /// The JSON form, which `==` agrees with.
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(&self.inner)
            .unwrap_or_default()
            .hash(state);
    }
}

/// A retention deadline of the core, as an [`IsoDate`].
fn deadline(
    date: &IsoDate,
    field: &str,
    compute: fn(NaiveDate) -> Result<NaiveDate, PostError>,
) -> Result<IsoDate, EnvoiError> {
    guard(|| Ok(IsoDate::of(compute(parse_date(field, &date.0)?)?)))
}

#[uniffi::export]
impl RegisteredSummary {
    /// The summary of the letter with `barcode` (read as [`parse_barcode`] reads it) to
    /// `recipient` (its address lines), submitted at `submitted_at` and handed over on
    /// `handed_over_on`; a job's summaries come from `Job.registered_summaries`. Throws the
    /// errors of [`parse_barcode`], `post.handover_before_submission` (with `submitted_on` and
    /// `handed_over_on`), `post.empty_address`.
    #[uniffi::constructor(default(acknowledgement = false))]
    pub fn new(
        barcode: String,
        recipient: Vec<String>,
        submitted_at: SystemTime,
        handed_over_on: IsoDate,
        acknowledgement: bool,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let barcode = barcode_arg(&barcode)?;
            let submitted_at = to_instant("submitted_at", submitted_at)?;
            let handed_over_on = parse_date("handed_over_on", &handed_over_on.0)?;
            Ok(Arc::new(RegisteredSummary {
                inner: envoi::post::RegisteredSummary::new(
                    barcode,
                    recipient,
                    submitted_at,
                    handed_over_on,
                    acknowledgement,
                )?,
            }))
        })
    }

    /// A summary written by `to_json` (in any language). Throws `argument.invalid_json` (a
    /// barcode that does not pass [`parse_barcode`] too, with the core's reason).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!(
                        "json: not a registered summary: {error}; expected the form of to_json"
                    ),
                )
            })?;
            Ok(Arc::new(RegisteredSummary { inner }))
        })
    }

    /// The summary's JSON form (the core's serde form).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a summary: {error}")))
        })
    }

    /// The letter's barcode (`"RR000000014BE"`, or 30 digits starting with `010`).
    pub fn barcode(&self) -> String {
        self.inner.barcode.as_str().to_owned()
    }

    /// The recipient's address lines.
    pub fn recipient(&self) -> Vec<String> {
        self.inner.recipient.clone()
    }

    /// When the letter was submitted.
    pub fn submitted_at(&self) -> SystemTime {
        system_time(self.inner.submitted_at)
    }

    /// The submission day (Europe/Brussels).
    pub fn submitted_on(&self) -> IsoDate {
        IsoDate::of(self.inner.submitted_on())
    }

    /// The day it was handed to the post.
    pub fn handed_over_on(&self) -> IsoDate {
        IsoDate::of(self.inner.handed_over_on)
    }

    /// Whether an acknowledgement of receipt was asked for.
    pub fn acknowledgement(&self) -> bool {
        self.inner.acknowledgement
    }

    /// The last day the summary is kept (60 days after handover). Throws
    /// `post.date_out_of_range`.
    pub fn kept_until(&self) -> Result<IsoDate, EnvoiError> {
        guard(|| Ok(IsoDate::of(self.inner.kept_until()?)))
    }

    /// The last day the post's deposit receipt is kept (3 years after handover). Throws
    /// `post.date_out_of_range`.
    pub fn deposit_receipt_kept_until(&self) -> Result<IsoDate, EnvoiError> {
        guard(|| Ok(IsoDate::of(self.inner.deposit_receipt_kept_until()?)))
    }

    /// The last day to file a claim with the post (12 months after handover). Throws
    /// `post.date_out_of_range`.
    pub fn claim_deadline(&self) -> Result<IsoDate, EnvoiError> {
        guard(|| Ok(IsoDate::of(self.inner.claim_deadline()?)))
    }

    /// The summary as text a person can print, in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`,
    /// any case). Throws `language.unsupported`.
    #[uniffi::method(default(language = "en"))]
    pub fn to_text(&self, language: String) -> Result<String, EnvoiError> {
        guard(|| {
            let language: Language = language.parse()?;
            Ok(self.inner.to_text(language)?)
        })
    }
}

// ---- Dates and retention -------------------------------------------------------------------------

/// The submission day of `submitted_at`: its date in Europe/Brussels.
#[uniffi::export]
pub fn submission_date(submitted_at: SystemTime) -> Result<IsoDate, EnvoiError> {
    guard(|| {
        let at = to_instant("submitted_at", submitted_at)?;
        Ok(IsoDate::of(envoi::post::submission_date(at)))
    })
}

/// The last day the documents of a letter submitted on `submitted_on` are kept (60 days after).
/// Throws `post.date_out_of_range`.
#[uniffi::export]
pub fn documents_kept_until(submitted_on: IsoDate) -> Result<IsoDate, EnvoiError> {
    deadline(
        &submitted_on,
        "submitted_on",
        envoi::post::documents_kept_until,
    )
}

/// The last day the summary of a registered letter handed over on `handed_over_on` is kept (60
/// days after). Throws `post.date_out_of_range`.
#[uniffi::export]
pub fn registered_summary_kept_until(handed_over_on: IsoDate) -> Result<IsoDate, EnvoiError> {
    deadline(
        &handed_over_on,
        "handed_over_on",
        envoi::post::registered_summary_kept_until,
    )
}

/// The last day the post's deposit receipt of a registered letter handed over on
/// `handed_over_on` is kept (3 years after; 29 February + 3 years is 28 February). Throws
/// `post.date_out_of_range`.
#[uniffi::export]
pub fn deposit_receipt_kept_until(handed_over_on: IsoDate) -> Result<IsoDate, EnvoiError> {
    deadline(
        &handed_over_on,
        "handed_over_on",
        envoi::post::deposit_receipt_kept_until,
    )
}

/// The last day to file a claim for a registered letter handed over on `handed_over_on` (12
/// months after). Throws `post.date_out_of_range`.
#[uniffi::export]
pub fn claim_deadline(handed_over_on: IsoDate) -> Result<IsoDate, EnvoiError> {
    deadline(
        &handed_over_on,
        "handed_over_on",
        envoi::post::claim_deadline,
    )
}
