use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use crate::error::ErrorCode;
use crate::schedule::ScheduleError;
use crate::time::Instant;
use crate::token::TokenError;

use super::country::{Country, CountryError};
use super::job::JobState;
use super::letter::{DocumentRef, Envelope, Format};
use super::postage::Postage;

/// Why a letter, a job or a post computation was refused.
///
/// Every variant names the field, the value and the rule (for a page: the document, the page and
/// its size; for sheets: how many and by how many over); [`ErrorCode::code`] gives the stable code
/// (`post.too_many_sheets`, `post.not_a4`…). Errors of the business calendar and of the token
/// machinery are wrapped as they are and keep their own codes (`schedule.*`, `token.*`), as are
/// the errors of the country line and, under the `pdf` feature, of reading a PDF (`post.*`).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::PostError;
///
/// let error = PostError::TooManySheets { sheets: 27, max: 25, over: 2 };
/// assert_eq!(error.code(), "post.too_many_sheets");
/// assert_eq!(
///     error.to_string(),
///     "sheets: 27 sheets, 2 over the limit of 25 sheets per letter (the largest envelope, C4, holds 25)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PostError {
    /// A letter without any document.
    #[error("documents: no document; a letter has at least its main document")]
    NoDocuments,
    /// A document without pages.
    #[error("{document}: no page; every document has at least one page")]
    EmptyDocument {
        /// The document.
        document: DocumentRef,
    },
    /// A page that is not A4 (210 × 297 mm ± 2 mm, either orientation).
    #[error(
        "{document}, page {page}: {width_mm} × {height_mm} mm is not A4 (210 × 297 mm ± 2 mm, either orientation)"
    )]
    NotA4 {
        /// The document.
        document: DocumentRef,
        /// The page, counting from 1.
        page: u64,
        /// The page's width in millimetres.
        width_mm: Decimal,
        /// The page's height in millimetres.
        height_mm: Decimal,
    },
    /// A background (fond-de-page) that is not exactly one page.
    #[error(
        "background: {pages} pages; a background (fond-de-page) is one A4 page printed under every page of the main document"
    )]
    BackgroundNotOnePage {
        /// The number of pages it has.
        pages: u64,
    },
    /// More sheets than the largest envelope holds.
    #[error(
        "sheets: {sheets} sheets, {over} over the limit of {max} sheets per letter (the largest envelope, C4, holds {max})"
    )]
    TooManySheets {
        /// The sheets the letter needs.
        sheets: u64,
        /// The most a letter may have ([`MAX_SHEETS`](super::MAX_SHEETS)).
        max: u32,
        /// How many sheets too many (`sheets - max`).
        over: u64,
    },
    /// The envelope the caller forced holds fewer sheets than the letter needs.
    #[error(
        "envelope: {envelope} holds {capacity} sheets, the letter needs {sheets} ({over} over); the smallest envelope that fits is {smallest_fitting}"
    )]
    EnvelopeTooSmall {
        /// The envelope forced.
        envelope: Envelope,
        /// The sheets it holds.
        capacity: u32,
        /// The sheets the letter needs.
        sheets: u64,
        /// How many sheets too many for it (`sheets - capacity`).
        over: u64,
        /// The smallest envelope that holds the letter.
        smallest_fitting: Envelope,
    },
    /// A letter heavier than every weight band of its format in the post data.
    #[error(
        "weight: {weight_grams} g in a {format}-format envelope; the heaviest {format}-format letter the post data knows is {max_grams} g"
    )]
    TooHeavy {
        /// The letter's weight in grams (paper and envelope).
        weight_grams: Decimal,
        /// The format.
        format: Format,
        /// The heaviest weight band of the format.
        max_grams: u32,
    },
    /// "RP" (registered mail reserved to administrations) was asked for.
    #[error(
        "postage: rp (registered mail reserved to administrations) is not available; administrations send registered"
    )]
    RpNotAvailable,
    /// Registered mail to an address outside Belgium.
    #[error(
        "postage: registered mail goes to Belgian addresses only; this address is in {}",
        country.code()
    )]
    RegisteredNationalOnly {
        /// The destination country.
        country: Country,
    },
    /// Registered mail without a return address.
    #[error(
        "return_address: registered mail needs a return address (the post returns an undelivered registered letter to the sender)"
    )]
    ReturnAddressRequired,
    /// An acknowledgement of receipt asked for a postage other than registered.
    #[error(
        "acknowledgement: an acknowledgement of receipt exists for registered mail only, not {postage}"
    )]
    AcknowledgementRegisteredOnly {
        /// The postage asked for.
        postage: Postage,
    },
    /// Non-prior (preferential) postage to an address outside Belgium.
    #[error(
        "postage: non_prior (preferential) postage is for Belgian addresses only; this address is in {}, send it prior",
        country.code()
    )]
    NonPriorNationalOnly {
        /// The destination country.
        country: Country,
    },
    /// Prior international postage to a Belgian address.
    #[error(
        "postage: prior_international is for addresses outside Belgium; this address is in Belgium (no country line, or BELGIQUE), send it prior"
    )]
    PriorInternationalAbroadOnly,
    /// A recipient address without any line.
    #[error("address: no line; a recipient address has at least one non-blank line")]
    EmptyAddress,
    /// An international destination the post data has no delivery time for.
    #[error(
        "country: {} has no international delivery time in the post data (verified on {verified_on}); a host that knows it can load its own data",
        country.code()
    )]
    NoDeliveryData {
        /// The destination country.
        country: Country,
        /// The day the data was last checked.
        verified_on: NaiveDate,
    },
    /// Post data (the built-in `postage.json` or a host's) that breaks a rule of its format.
    #[error("post data: {field}: {value} {rule}")]
    InvalidData {
        /// Where (`envelopes[1].grams`…).
        field: String,
        /// The value found (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// A retention or claim deadline past the last date chrono can represent.
    #[error("{field}: {date} plus {rule} is past the last supported date")]
    DateOutOfRange {
        /// The deadline being computed.
        field: &'static str,
        /// The date it counts from.
        date: NaiveDate,
        /// The period added.
        rule: &'static str,
    },
    /// A job state change that the state machine does not allow.
    #[error("job: cannot go from {from} to {to}; {rule}")]
    IllegalTransition {
        /// The job's state.
        from: JobState,
        /// The state asked for.
        to: JobState,
        /// What is allowed from `from`.
        rule: &'static str,
    },
    /// A job submitted without the approval its account requires for the sender.
    #[error(
        "job: submitted from {from}; this sender's jobs need a manager's approval first (draft → awaiting_approval → approved → submitted)"
    )]
    ApprovalRequired {
        /// The job's state.
        from: JobState,
    },
    /// A sender approving (or rejecting) their own job.
    #[error(
        "approver: user {approver} is the job's sender; a job is approved or rejected by someone else"
    )]
    SelfApproval {
        /// The approver (also the sender).
        approver: u64,
    },
    /// An approval link that is valid but made for another job (or account).
    #[error(
        "approval link: made for account {link_account} job {link_job}, used for account {account} job {job}"
    )]
    ApprovalLinkMismatch {
        /// The account the link names.
        link_account: u64,
        /// The job the link names.
        link_job: u64,
        /// The account of the job it was used for.
        account: u64,
        /// The job it was used for.
        job: u64,
    },
    /// An approval or rejection by someone other than the approver asked.
    #[error(
        "approver: user {given} is not the approver asked for this job (user {approver}); only they may approve or reject it"
    )]
    WrongApprover {
        /// The approver asked ([`Job::request_approval`](super::Job::request_approval)).
        approver: u64,
        /// The user who tried to approve or reject.
        given: u64,
    },
    /// An approval link that is valid but names no account or no job (not made by this module).
    #[error(
        "approval link: it names no {missing}; approval links carry the account and the job (in the message claim)"
    )]
    ApprovalLinkWithoutJob {
        /// The claim missing: `account`, `message` or `account and message`.
        missing: &'static str,
    },
    /// An approval link that is valid but does not name the approver (not made by this module).
    #[error(
        "approval link: it names no approver; approval links carry the approver in their recipient claim"
    )]
    ApprovalLinkWithoutApprover,
    /// The base of an approval link that does not make an http(s) URL.
    #[error(
        "link_base: {value:?} is not the start of an absolute http or https URL with a host, to which the token is appended"
    )]
    InvalidLinkBase {
        /// The base as given (cut to 80 characters).
        value: String,
    },
    /// A transition dated before the job's last one.
    #[error(
        "at: {at} is before the job's last change ({last}); a job's history never goes back in time"
    )]
    TimeRegression {
        /// The time given.
        at: Instant,
        /// The time of the last change.
        last: Instant,
    },
    /// A stored job (JSON) that breaks a rule the job's methods keep.
    #[error("job: {field}: {value} {rule}")]
    InvalidJob {
        /// Where (`history[2].from`, `state`, `approver`, `sent_rows[1]`…; `json` for text that is
        /// not a job's JSON).
        field: String,
        /// The value found (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// Barcodes or registered-mail summaries asked for a job whose postage is not registered.
    #[error(
        "postage: {postage}; only registered letters have a barcode and a registered-mail summary"
    )]
    NotRegistered {
        /// The job's postage.
        postage: Postage,
    },
    /// An action asked of a job in a state where it cannot be done.
    #[error("job: {action} needs a job in {needed}; this one is {state}")]
    WrongJobState {
        /// The action (`assign_barcodes`, `registered_summaries`).
        action: &'static str,
        /// The job's state.
        state: JobState,
        /// The state the action needs.
        needed: JobState,
    },
    /// A registered job handed over before its letters have their barcodes.
    #[error(
        "registered_letters: none of the {letters} registered letters has its barcode; assign_barcodes once printing starts, before the hand-over"
    )]
    BarcodesNotAssigned {
        /// The number of letters of the job.
        letters: usize,
    },
    /// A job without any recipient.
    #[error("recipients: none; a job sends its letter to at least one address")]
    NoRecipients,
    /// Recipients refused, and the caller asked to refuse the whole job in that case.
    #[error(
        "job refused: {} of {recipients} recipients break a rule; first: recipients[{}]: {}",
        failures.len(),
        failures.first().map_or(0, |failure| failure.row),
        failures.first().map_or_else(String::new, |failure| failure.error.to_string())
    )]
    JobRefused {
        /// The number of recipients of the job.
        recipients: usize,
        /// Each refused recipient with its reason, in row order.
        failures: Vec<super::job::RecipientFailure>,
    },
    /// A registered-mail barcode that is neither a UPU S10 identifier nor a bpost national
    /// number (see [`Barcode`](super::Barcode)).
    #[error("{field}: {value:?} {rule}")]
    InvalidBarcode {
        /// The field (`barcode`, or `service`, `serial`, `country` of [`Barcode::s10`](super::Barcode::s10)).
        field: &'static str,
        /// The value given (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// A UPU S10 barcode whose check digit is not the one its serial gives.
    #[error(
        "barcode: {value:?} has check digit {found}; the UPU S10 check digit of serial {serial} is {expected}"
    )]
    BarcodeCheckDigitMismatch {
        /// The barcode given (cut to 80 characters).
        value: String,
        /// Its eight-digit serial.
        serial: String,
        /// The check digit the serial gives.
        expected: u8,
        /// The check digit the barcode has.
        found: u8,
    },
    /// A barcode range whose prefix, suffix or serials break a rule of its format.
    #[error("barcode range: {field} {value:?} {rule}")]
    InvalidBarcodeRange {
        /// The field (`prefix`, `suffix`, `first`, `last`).
        field: &'static str,
        /// The value given (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// A stored barcode range whose next serial is outside the range.
    #[error(
        "barcode range: next {next} is outside the range {first} to {last}; the next serial is one of the range, or null once every serial is used"
    )]
    BarcodeNextOutsideRange {
        /// The next serial given.
        next: u64,
        /// The first serial of the range.
        first: u64,
        /// The last serial of the range.
        last: u64,
    },
    /// Fewer barcodes are left in the host's range than asked for.
    #[error(
        "barcode range {first} to {last}: {requested} asked, {remaining} left; the host needs a new range from the post"
    )]
    BarcodeRangeExhausted {
        /// The first barcode of the range.
        first: String,
        /// The last barcode of the range.
        last: String,
        /// How many barcodes were asked for.
        requested: u64,
        /// How many are left (fewer than asked; nothing was handed out).
        remaining: u64,
    },
    /// A registered-mail summary whose handover is before its submission.
    #[error(
        "handed_over_on: {handed_over_on} is before the submission day {submitted_on}; a letter is handed over on or after the day it was submitted"
    )]
    HandoverBeforeSubmission {
        /// The submission day (Europe/Brussels).
        submitted_on: NaiveDate,
        /// The handover day given.
        handed_over_on: NaiveDate,
    },
    /// The address's country line could not be read (`post.unknown_country`,
    /// `post.country_not_in_capitals`, `post.ambiguous_country`…).
    #[error(transparent)]
    Country(#[from] CountryError),
    /// A PDF's pages could not be read (`post.pdf_corrupt`, `post.pdf_encrypted`…), under the `pdf`
    /// feature.
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] super::pdf::PdfError),
    /// A business-day computation failed (the calendar's closed days leave no business day).
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// The approval link could not be made or read.
    #[error(transparent)]
    Token(#[from] TokenError),
}

impl ErrorCode for PostError {
    fn code(&self) -> &'static str {
        match self {
            PostError::NoDocuments => "post.no_documents",
            PostError::EmptyDocument { .. } => "post.empty_document",
            PostError::NotA4 { .. } => "post.not_a4",
            PostError::BackgroundNotOnePage { .. } => "post.background_not_one_page",
            PostError::TooManySheets { .. } => "post.too_many_sheets",
            PostError::EnvelopeTooSmall { .. } => "post.envelope_too_small",
            PostError::TooHeavy { .. } => "post.too_heavy",
            PostError::RpNotAvailable => "post.rp_not_available",
            PostError::RegisteredNationalOnly { .. } => "post.registered_national_only",
            PostError::ReturnAddressRequired => "post.return_address_required",
            PostError::AcknowledgementRegisteredOnly { .. } => {
                "post.acknowledgement_registered_only"
            }
            PostError::NonPriorNationalOnly { .. } => "post.non_prior_national_only",
            PostError::PriorInternationalAbroadOnly => "post.prior_international_abroad_only",
            PostError::EmptyAddress => "post.empty_address",
            PostError::NoDeliveryData { .. } => "post.no_delivery_data",
            PostError::InvalidData { .. } => "post.invalid_data",
            PostError::DateOutOfRange { .. } => "post.date_out_of_range",
            PostError::IllegalTransition { .. } => "post.illegal_transition",
            PostError::ApprovalRequired { .. } => "post.approval_required",
            PostError::SelfApproval { .. } => "post.self_approval",
            PostError::ApprovalLinkMismatch { .. } => "post.approval_link_mismatch",
            PostError::WrongApprover { .. } => "post.wrong_approver",
            PostError::ApprovalLinkWithoutJob { .. } => "post.approval_link_without_job",
            PostError::ApprovalLinkWithoutApprover => "post.approval_link_without_approver",
            PostError::InvalidLinkBase { .. } => "post.invalid_link_base",
            PostError::TimeRegression { .. } => "post.time_regression",
            PostError::InvalidJob { .. } => "post.invalid_job",
            PostError::NotRegistered { .. } => "post.not_registered",
            PostError::WrongJobState { .. } => "post.wrong_job_state",
            PostError::BarcodesNotAssigned { .. } => "post.barcodes_not_assigned",
            PostError::NoRecipients => "post.no_recipients",
            PostError::JobRefused { .. } => "post.job_refused",
            PostError::InvalidBarcode { .. } => "post.invalid_barcode",
            PostError::BarcodeCheckDigitMismatch { .. } => "post.barcode_check_digit_mismatch",
            PostError::InvalidBarcodeRange { .. } => "post.invalid_barcode_range",
            PostError::BarcodeNextOutsideRange { .. } => "post.barcode_next_outside_range",
            PostError::BarcodeRangeExhausted { .. } => "post.barcode_range_exhausted",
            PostError::HandoverBeforeSubmission { .. } => "post.handover_before_submission",
            PostError::Country(error) => error.code(),
            #[cfg(feature = "pdf")]
            PostError::Pdf(error) => error.code(),
            PostError::Schedule(error) => error.code(),
            PostError::Token(error) => error.code(),
        }
    }
}
