//! Letters (SPEC section 9): sheets, envelopes, weight, postage, destination country, dates and
//! job states of printed and posted mail.
//!
//! A [`Letter`] is its [`Document`]s (each described by its page sizes, A4 only; under the `pdf`
//! feature read from the uploaded file with [`pdf_page_sizes`]), colour or black and white,
//! simplex or duplex, and a [`Postage`]. [`quote`] says, offline and before upload, what it takes
//! to send it to one address: sheets (each document on its own sheets), the smallest
//! [`Envelope`] that fits (US ≤ 6 sheets, C5 ≤ 8, C4 ≤ 25), the weight from the paper's grammage
//! and the envelope, the weight band (data with its sources: [`PostData`]), the destination
//! [`Country`] read from the address's last line in French, Dutch, German or English
//! ([`destination`]), the handover date (before 12:00:00 Europe/Brussels on a business day: that
//! day) and the delivery date or range, and how long documents and receipts are kept. Every broken
//! rule is its own [`PostError`] with a stable `post.*` code that names the limit and the value.
//! A [`Job`] sends one letter to an address list, with the optional approval step (a signed link,
//! [`crate::token`]) and the states draft → submitted → processing → handed over.
//!
//! Uses the business calendar of [`crate::schedule`] for handover and delivery dates.
//!
//! ```
//! use chrono::NaiveDate;
//! use envoi::ErrorCode;
//! use envoi::post::{Document, Envelope, Letter, PostCalendars, Postage, country, quote};
//!
//! let submitted = "2026-03-10T13:30:00+01:00".parse()?; // after the 12:00 cut-off
//! let letter = Letter::new(vec![Document::a4(9)], Postage::Prior);
//! let address = ["Jan de Vries", "Keizersgracht 1", "1015 CJ AMSTERDAM", "PAYS-BAS"];
//! let sent = quote(&letter, &address, submitted, &PostCalendars::default())?;
//! assert_eq!((sent.sheets, sent.envelope), (9, Envelope::C4));
//! assert_eq!((sent.country.code(), sent.postage), ("NL", Postage::PriorInternational));
//! assert_eq!(sent.handover_date, NaiveDate::from_ymd_opt(2026, 3, 11).unwrap());
//! assert!(sent.delivery_range.is_some());
//!
//! assert_eq!(country("NIEDERLANDE")?.code(), "NL");
//! let mut registered = Letter::new(vec![Document::a4(1)], Postage::Registered);
//! registered.return_address = Some(vec!["Envoi SA".into(), "Rue Haute 1".into(), "1000 BRUXELLES".into()]);
//! let refused = quote(&registered, &address, submitted, &PostCalendars::default()).unwrap_err();
//! assert_eq!(refused.code(), "post.registered_national_only");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod page;

pub use page::PageSize;

// The destination country (country line) and, under the `pdf` feature, page sizes read from a PDF.
mod country;
pub use country::{Country, CountryCandidate, CountryError, Destination, country, destination};
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
pub use pdf::{PdfError, pdf_page_sizes};

// Letters: documents, sheets, envelope and weight; postage and its rules; the post's data; dates;
// the quote of one letter; jobs and their states; registered mail and its barcodes; retention
// deadlines.
mod barcode;
mod data;
mod dates;
mod error;
mod job;
mod letter;
mod postage;
mod quote;
mod registered;
mod retention;

pub use barcode::{
    BPOST_NATIONAL_LENGTH, BPOST_NATIONAL_START, Barcode, BarcodeFormat, BarcodeRange,
    S10_MAX_SERIAL, S10_WEIGHTS, s10_check_digit,
};
pub use data::{BusinessDayRange, PostData, PostalZone, WeightBand};
pub use dates::{CUT_OFF_HOUR, DeliveryRange, PostCalendars, submission_date};
pub use error::PostError;
pub use job::{
    ApprovalLink, Job, JobReport, JobState, RecipientFailure, RecipientPolicy, RecipientQuote,
    RegisteredLetter, Transition, quote_job,
};
pub use letter::{
    A4_AREA_M2, A4_HEIGHT_MM, A4_TOLERANCE_MM, A4_WIDTH_MM, Document, DocumentRef, Envelope,
    Format, GRAMMAGE_BLACK_AND_WHITE, GRAMMAGE_COLOR, Letter, MAX_SHEETS, Packing, grammage, is_a4,
    paper_grams,
};
pub use postage::Postage;
pub use quote::{Quote, quote};
pub use registered::RegisteredSummary;
pub use retention::{
    CLAIM_MONTHS, DEPOSIT_RECEIPT_KEPT_YEARS, DOCUMENTS_KEPT_DAYS, REGISTERED_SUMMARY_KEPT_DAYS,
    claim_deadline, deposit_receipt_kept_until, documents_kept_until,
    registered_summary_kept_until,
};
