//! Error codes shared by every domain.
//!
//! Each domain has its own error enum (for example [`SmsError`]); every one of
//! them implements [`ErrorCode`], which gives a stable, machine-readable code such as
//! `"sms.too_many_parts"`. The code is part of the public contract: bindings expose it as `.code` in
//! Python and Node and as `code()` in Kotlin, and it never changes once released. The human message
//! (`Display`) names the field, the value and the rule, and may be improved at any time.
//!
//! [`Error`](enum@Error) gathers every domain's error for callers that handle them together.

use thiserror::Error;

use crate::account::AccountError;
use crate::billing::BillingError;
use crate::contacts::ContactError;
use crate::contacts::import::ImportError;
use crate::credits::CreditError;
use crate::ids::IdError;
use crate::invoice::InvoiceError;
use crate::language::LanguageError;
use crate::money::MoneyError;
use crate::post::PostError;
use crate::schedule::ScheduleError;
use crate::security::SecurityError;
use crate::senders::SenderError;
use crate::sms::SmsError;
use crate::templates::TemplateError;
use crate::time::{ClockError, TimeError};
use crate::token::TokenError;
use crate::tracking::{SecureAccessError, StatsError, TrackingError};
use crate::vat::VatError;

/// A stable, machine-readable error code.
///
/// Codes are `family.reason` in snake case; the family is the domain (`sms`, `money`, `time`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::sms::{analyze, SmsOptions};
///
/// let options = SmsOptions { max_parts: 1, ..SmsOptions::default() };
/// let error = analyze(&"x".repeat(200), &options).unwrap_err();
/// assert_eq!(error.code(), "sms.too_many_parts");
/// assert_eq!(error.family(), "sms");
/// ```
pub trait ErrorCode: std::error::Error {
    /// The stable code of this error, such as `"sms.too_many_parts"`.
    fn code(&self) -> &'static str;

    /// The family of the code: the part before the first dot (`"sms"` for `"sms.too_many_parts"`).
    fn family(&self) -> &'static str {
        let code = self.code();
        code.split_once('.').map_or(code, |(family, _)| family)
    }
}

/// Any error envoi returns, one variant per domain.
///
/// Convert a domain error with `?` or `From`, and read its stable code with [`ErrorCode::code`].
///
/// ```
/// use envoi::{Error, ErrorCode};
/// use envoi::money::Currency;
///
/// fn parse(code: &str) -> Result<Currency, Error> {
///     Ok(code.parse::<Currency>()?)
/// }
/// let error = parse("EURO").unwrap_err();
/// assert_eq!(error.code(), "money.unknown_currency");
/// assert!(error.to_string().contains("EURO"));
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// An SMS segmentation error.
    #[error(transparent)]
    Sms(#[from] SmsError),
    /// A money error.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A time or time-zone error.
    #[error(transparent)]
    Time(#[from] TimeError),
    /// The host's clock failed.
    #[error(transparent)]
    Clock(#[from] ClockError),
    /// An identifier was refused.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A business-day (schedule) error.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// A credit (ledger or billing plan) error.
    #[error(transparent)]
    Credit(#[from] CreditError),
    /// A VAT number, rate or treatment error.
    #[error(transparent)]
    Vat(#[from] VatError),
    /// An invoice error.
    #[error(transparent)]
    Invoice(#[from] InvoiceError),
    /// A language code envoi does not write in.
    #[error(transparent)]
    Language(#[from] LanguageError),
    /// A signed token, key ring or one-time code error.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// A tracked-email error (options, links, HTML).
    #[error(transparent)]
    Tracking(#[from] TrackingError),
    /// A secure-email access error (link, code, lock).
    #[error(transparent)]
    SecureAccess(#[from] SecureAccessError),
    /// An engagement-statistics or machine-rule error.
    #[error(transparent)]
    Stats(#[from] StatsError),
    /// A letter error (documents, sheets, postage, country line, dates, jobs).
    #[error(transparent)]
    Post(#[from] PostError),
    /// A merge-field template error (syntax, unknown field, missing value).
    #[error(transparent)]
    Templates(#[from] TemplateError),
    /// A contact, phone number, email address or region error.
    #[error(transparent)]
    Contacts(#[from] ContactError),
    /// A login-protection or password-reset error.
    #[error(transparent)]
    Security(#[from] SecurityError),
    /// A sender error (number form, verification, channel).
    #[error(transparent)]
    Sender(#[from] SenderError),
    /// A contact import that could not go on (header, options, source).
    #[error(transparent)]
    ContactImport(#[from] ImportError),
    /// An account error (state, options, country, stored account).
    #[error(transparent)]
    Account(#[from] AccountError),
    /// A price list, price query or invoice-number error.
    #[error(transparent)]
    Billing(#[from] BillingError),
}

impl From<crate::post::CountryError> for Error {
    /// A country-line error is a letter error ([`Error::Post`]).
    fn from(error: crate::post::CountryError) -> Self {
        Error::Post(PostError::from(error))
    }
}

#[cfg(feature = "pdf")]
impl From<crate::post::PdfError> for Error {
    /// A PDF error is a letter error ([`Error::Post`]).
    fn from(error: crate::post::PdfError) -> Self {
        Error::Post(PostError::from(error))
    }
}

impl ErrorCode for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Sms(error) => error.code(),
            Error::Money(error) => error.code(),
            Error::Time(error) => error.code(),
            Error::Clock(error) => error.code(),
            Error::Id(error) => error.code(),
            Error::Schedule(error) => error.code(),
            Error::Credit(error) => error.code(),
            Error::Vat(error) => error.code(),
            Error::Invoice(error) => error.code(),
            Error::Language(error) => error.code(),
            Error::Token(error) => error.code(),
            Error::Tracking(error) => error.code(),
            Error::SecureAccess(error) => error.code(),
            Error::Stats(error) => error.code(),
            Error::Post(error) => error.code(),
            Error::Templates(error) => error.code(),
            Error::Contacts(error) => error.code(),
            Error::Security(error) => error.code(),
            Error::Sender(error) => error.code(),
            Error::ContactImport(error) => error.code(),
            Error::Account(error) => error.code(),
            Error::Billing(error) => error.code(),
        }
    }
}
