use chrono::NaiveDate;
use thiserror::Error;

use crate::error::ErrorCode;

/// Why a VAT number, a rate lookup, a rate table or a VAT treatment was refused.
///
/// Every variant names the field or value and the rule it breaks; [`ErrorCode::code`] gives the stable
/// code (`vat.bad_check_digit`…) that every binding exposes.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::vat::VatError;
///
/// let error = VatError::UnknownCountry { field: "vat_number", value: "ZZ".into(), hint: "" };
/// assert_eq!(error.code(), "vat.unknown_country");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum VatError {
    // ---- VAT numbers -------------------------------------------------------------------------
    /// Nothing left once separators are removed.
    #[error(
        "{field}: {value:?} holds no VAT number once spaces, dots, dashes, slashes, commas and colons are removed"
    )]
    Empty {
        /// The argument (`vat_number`…).
        field: &'static str,
        /// The value as given.
        value: String,
    },
    /// The country (given, or read from the number's prefix) is not one with EU VAT numbers.
    #[error("{field}: {value:?} is not an EU member state or XI{hint}")]
    UnknownCountry {
        /// The argument (`country`, `vat_number`…).
        field: &'static str,
        /// The country code or prefix as read.
        value: String,
        /// A suggestion such as "; a GB number is accepted only as XI (Northern Ireland)", or "".
        hint: &'static str,
    },
    /// The number's prefix names another country than the `country` argument.
    #[error("vat_number: {value:?} starts with {prefix} but the country given is {country}")]
    CountryMismatch {
        /// The number as given.
        value: String,
        /// The prefix read from the number.
        prefix: String,
        /// The country given by the caller.
        country: String,
    },
    /// A character that no VAT number of the country contains.
    #[error("vat_number: {value:?} contains {character:?}, which no {country} VAT number contains")]
    InvalidCharacter {
        /// The country.
        country: String,
        /// The number as given.
        value: String,
        /// The offending character.
        character: char,
    },
    /// The number has the wrong length for its country.
    #[error(
        "vat_number: {compact} has {length} characters after {country}; {country} numbers have {expected}"
    )]
    BadLength {
        /// The country.
        country: String,
        /// The compact form (without separators).
        compact: String,
        /// Its length after the country prefix.
        length: usize,
        /// The lengths the country uses, as a person reads them ("9 digits", "8 or 10 digits").
        expected: &'static str,
    },
    /// The length is right but the characters are not in the country's format.
    #[error("vat_number: {compact} is not in the {country} format: {rule}")]
    BadFormat {
        /// The country.
        country: String,
        /// The compact form.
        compact: String,
        /// The format rule it breaks.
        rule: &'static str,
    },
    /// The check digit(s) do not match.
    #[error("vat_number: {compact} fails the {country} check-digit test")]
    BadCheckDigit {
        /// The country.
        country: String,
        /// The compact form.
        compact: String,
    },

    // ---- Rates -----------------------------------------------------------------------------
    /// The rate table has no rate for the country on that date.
    #[error("rate: no VAT rate for {country} on {date}; the table covers {covered}")]
    NoRate {
        /// The country.
        country: String,
        /// The date asked for.
        date: NaiveDate,
        /// What the table covers, as a person reads it.
        covered: String,
    },
    /// A rate table (built in or loaded by the host) is malformed.
    #[error("rate table: {entry}: {field} = {value:?}: {rule}")]
    InvalidRateTable {
        /// Where in the table ("FI, period from 2024-09-01", "line 3"…).
        entry: String,
        /// The field.
        field: String,
        /// The value as found.
        value: String,
        /// The rule it breaks.
        rule: String,
    },

    // ---- Treatment -------------------------------------------------------------------------
    /// An argument that is not one of the accepted values (`customer_kind`, `service`, `language`…).
    #[error("{field}: {value:?} is not one of {expected}")]
    InvalidArgument {
        /// The argument.
        field: &'static str,
        /// The value as given.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// An amount that breaks a rule (a negative B2B total, an amount in another currency than EUR…).
    #[error("{field}: {value} {rule}")]
    InvalidAmount {
        /// The argument.
        field: &'static str,
        /// The value as given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// The VAT exemption (reverse charge) is asked for after the order was placed.
    #[error(
        "order {order_id}: the VAT exemption can only be requested when ordering; this order was placed \
         with {treatment}, so its VAT cannot be removed afterwards"
    )]
    ExemptionNotRequestedAtOrder {
        /// The order.
        order_id: String,
        /// The treatment the order was placed with, as a person reads it.
        treatment: String,
    },
}

impl ErrorCode for VatError {
    fn code(&self) -> &'static str {
        match self {
            VatError::Empty { .. } => "vat.empty",
            VatError::UnknownCountry { .. } => "vat.unknown_country",
            VatError::CountryMismatch { .. } => "vat.country_mismatch",
            VatError::InvalidCharacter { .. } => "vat.invalid_character",
            VatError::BadLength { .. } => "vat.bad_length",
            VatError::BadFormat { .. } => "vat.bad_format",
            VatError::BadCheckDigit { .. } => "vat.bad_check_digit",
            VatError::NoRate { .. } => "vat.no_rate",
            VatError::InvalidRateTable { .. } => "vat.invalid_rate_table",
            VatError::InvalidArgument { .. } => "vat.invalid_argument",
            VatError::InvalidAmount { .. } => "vat.invalid_amount",
            VatError::ExemptionNotRequestedAtOrder { .. } => "vat.exemption_not_requested_at_order",
        }
    }
}
