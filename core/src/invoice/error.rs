use chrono::NaiveDate;
use rust_decimal::Decimal;
use thiserror::Error;

use crate::error::ErrorCode;
use crate::money::Currency;

use super::VatCategory;

/// Why an invoice line, a party, an invoice or its UBL export was refused.
///
/// Every variant names the field, the value and the rule it breaks (with the EN 16931 or Peppol
/// rule id where there is one); [`ErrorCode::code`] gives the stable code (`invoice.missing_field`…)
/// that every binding exposes.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::invoice::{InvoiceError, InvoiceLine};
/// use rust_decimal::Decimal;
///
/// let error = InvoiceLine::new("SMS", Decimal::ONE, Decimal::ONE, Decimal::from(121)).unwrap_err();
/// assert_eq!(error.code(), "invoice.invalid_rate");
/// assert_eq!(error.to_string(), "rate: 121 is not a VAT rate; a rate is a percentage from 0 to 100");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InvoiceError {
    /// A text field that is empty, or holds a character XML 1.0 cannot carry (control characters
    /// other than tab and line breaks).
    #[error("{field}: {value:?} {rule}")]
    InvalidText {
        /// The field (`description`, `seller.name`, `number`…).
        field: String,
        /// The value as given (cut to 40 characters).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A line quantity out of range.
    #[error("quantity: {value} {rule}")]
    InvalidQuantity {
        /// The quantity as given.
        value: Decimal,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A unit price out of range (negative, too large or too many decimals).
    #[error("unit_price: {value} {rule}")]
    InvalidUnitPrice {
        /// The unit price as given.
        value: Decimal,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A VAT rate outside 0 to 100 percent, or with more than 4 decimals.
    #[error("rate: {value} is not a VAT rate; {rule}")]
    InvalidRate {
        /// The rate as given, in percent.
        value: Decimal,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A VAT category that cannot go with the line's rate (standard rated at 0%).
    #[error("category: {category} cannot have the rate {rate}; {rule}")]
    CategoryRateMismatch {
        /// The category asked for.
        category: VatCategory,
        /// The line's rate, in percent.
        rate: Decimal,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A country code, VAT number, enterprise number or Peppol endpoint that is not well formed.
    #[error("{field}: {value:?} {rule}")]
    InvalidIdentifier {
        /// The field (`seller.country`, `customer.enterprise_number`…).
        field: String,
        /// The value as given (cut to 40 characters).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A name that is not one of the accepted values (language, VAT category, document kind).
    #[error("{field}: {value:?} is not one of {expected}")]
    InvalidArgument {
        /// The argument.
        field: &'static str,
        /// The value as given (cut to 40 characters).
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A tax currency (BT-6) that cannot be used with this invoice.
    #[error("tax_currency: {currency} at {exchange_rate} {rule}")]
    InvalidTaxCurrency {
        /// The tax currency.
        currency: Currency,
        /// The exchange rate given (units of the tax currency per unit of the invoice currency).
        exchange_rate: Decimal,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A date that a UBL document cannot carry.
    #[error("{field}: {value} {rule}")]
    InvalidDate {
        /// The field (`date`, `due_date`, `preceding_invoice.date`).
        field: &'static str,
        /// The date.
        value: NaiveDate,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A field the UBL export needs is missing.
    #[error("{field}: missing; {rule}")]
    MissingField {
        /// The field (`number`, `date`, `seller`, `customer.endpoint`…).
        field: &'static str,
        /// Why it is needed.
        rule: &'static str,
    },
    /// A field the UBL document cannot carry for this kind of document.
    #[error("{field}: {rule}")]
    NotApplicable {
        /// The field.
        field: &'static str,
        /// Why it cannot be carried.
        rule: &'static str,
    },
    /// VAT categories that cannot appear together on one invoice.
    #[error("lines: {first} and {second} cannot appear on the same invoice; {rule}")]
    IncompatibleCategories {
        /// One category present.
        first: VatCategory,
        /// Another category present.
        second: VatCategory,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A currency the UBL export cannot use.
    #[error("{field}: {currency} {rule}")]
    UnsupportedCurrency {
        /// The field (`currency`, `tax_currency`).
        field: &'static str,
        /// The currency.
        currency: Currency,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A line whose net amount, rounded to the currency's minor unit, is too far from quantity × unit
    /// price for Peppol (more than 0.02 apart, PEPPOL-EN16931-R120). Only currencies without cents
    /// (JPY…) can get there.
    #[error(
        "lines[{index}]: quantity × unit price is {exact} {currency}, but its net amount in whole units of {currency} is {net}; Peppol allows 0.02 between them (PEPPOL-EN16931-R120): choose a unit price that gives a whole amount"
    )]
    LineRounding {
        /// The position of the line in the invoice (from 0).
        index: usize,
        /// Quantity × unit price, unrounded.
        exact: Decimal,
        /// The net amount, rounded to the currency's minor unit.
        net: Decimal,
        /// The currency.
        currency: Currency,
    },
    /// An amount too large for the decimal range.
    #[error("{field}: {rule}")]
    AmountOutOfRange {
        /// The amount (`tax_currency`: the VAT total converted to the tax currency…).
        field: &'static str,
        /// What overflowed.
        rule: &'static str,
    },
    /// The XML writer failed (it writes to memory, so this signals a bug, not bad input).
    #[error("ubl: the XML writer failed: {reason}")]
    Xml {
        /// The writer's message.
        reason: String,
    },
}

impl ErrorCode for InvoiceError {
    fn code(&self) -> &'static str {
        match self {
            InvoiceError::InvalidText { .. } => "invoice.invalid_text",
            InvoiceError::InvalidQuantity { .. } => "invoice.invalid_quantity",
            InvoiceError::InvalidUnitPrice { .. } => "invoice.invalid_unit_price",
            InvoiceError::InvalidRate { .. } => "invoice.invalid_rate",
            InvoiceError::CategoryRateMismatch { .. } => "invoice.category_rate_mismatch",
            InvoiceError::InvalidIdentifier { .. } => "invoice.invalid_identifier",
            InvoiceError::InvalidArgument { .. } => "invoice.invalid_argument",
            InvoiceError::InvalidTaxCurrency { .. } => "invoice.invalid_tax_currency",
            InvoiceError::InvalidDate { .. } => "invoice.invalid_date",
            InvoiceError::MissingField { .. } => "invoice.missing_field",
            InvoiceError::NotApplicable { .. } => "invoice.not_applicable",
            InvoiceError::IncompatibleCategories { .. } => "invoice.incompatible_categories",
            InvoiceError::UnsupportedCurrency { .. } => "invoice.unsupported_currency",
            InvoiceError::LineRounding { .. } => "invoice.line_rounding",
            InvoiceError::AmountOutOfRange { .. } => "invoice.amount_out_of_range",
            InvoiceError::Xml { .. } => "invoice.xml",
        }
    }
}

/// The first 40 characters of a value, for error messages.
pub(crate) fn excerpt(value: &str) -> String {
    value.chars().take(40).collect()
}

/// Checks a text field: not blank, and only characters XML 1.0 can carry.
pub(crate) fn check_text(field: &str, value: &str) -> Result<(), InvoiceError> {
    if value.trim().is_empty() {
        return Err(InvoiceError::InvalidText {
            field: field.to_owned(),
            value: excerpt(value),
            rule: "is empty; give a text with at least one visible character",
        });
    }
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if value.chars().any(bad) {
        return Err(InvoiceError::InvalidText {
            field: field.to_owned(),
            value: excerpt(value),
            rule: "contains a control character; XML 1.0 carries only tab, line feed and carriage return",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_in_the_invoice_family() {
        let cases: Vec<(InvoiceError, &str)> = vec![
            (
                InvoiceError::InvalidText {
                    field: "description".into(),
                    value: String::new(),
                    rule: "",
                },
                "invoice.invalid_text",
            ),
            (
                InvoiceError::InvalidQuantity {
                    value: Decimal::ONE,
                    rule: "",
                },
                "invoice.invalid_quantity",
            ),
            (
                InvoiceError::InvalidUnitPrice {
                    value: Decimal::ONE,
                    rule: "",
                },
                "invoice.invalid_unit_price",
            ),
            (
                InvoiceError::InvalidRate {
                    value: Decimal::ONE,
                    rule: "",
                },
                "invoice.invalid_rate",
            ),
            (
                InvoiceError::CategoryRateMismatch {
                    category: VatCategory::Standard,
                    rate: Decimal::ZERO,
                    rule: "",
                },
                "invoice.category_rate_mismatch",
            ),
            (
                InvoiceError::InvalidIdentifier {
                    field: "seller.country".into(),
                    value: "ZZ".into(),
                    rule: "",
                },
                "invoice.invalid_identifier",
            ),
            (
                InvoiceError::InvalidArgument {
                    field: "language",
                    value: "it".into(),
                    expected: "",
                },
                "invoice.invalid_argument",
            ),
            (
                InvoiceError::InvalidTaxCurrency {
                    currency: Currency::EUR,
                    exchange_rate: Decimal::ONE,
                    rule: "",
                },
                "invoice.invalid_tax_currency",
            ),
            (
                InvoiceError::InvalidDate {
                    field: "date",
                    value: NaiveDate::MIN,
                    rule: "",
                },
                "invoice.invalid_date",
            ),
            (
                InvoiceError::MissingField {
                    field: "number",
                    rule: "",
                },
                "invoice.missing_field",
            ),
            (
                InvoiceError::NotApplicable {
                    field: "due_date",
                    rule: "",
                },
                "invoice.not_applicable",
            ),
            (
                InvoiceError::IncompatibleCategories {
                    first: VatCategory::Standard,
                    second: VatCategory::OutOfScope,
                    rule: "",
                },
                "invoice.incompatible_categories",
            ),
            (
                InvoiceError::UnsupportedCurrency {
                    field: "currency",
                    currency: Currency::EUR,
                    rule: "",
                },
                "invoice.unsupported_currency",
            ),
            (
                InvoiceError::LineRounding {
                    index: 0,
                    exact: Decimal::ONE,
                    net: Decimal::ONE,
                    currency: Currency::EUR,
                },
                "invoice.line_rounding",
            ),
            (
                InvoiceError::AmountOutOfRange {
                    field: "tax_currency",
                    rule: "",
                },
                "invoice.amount_out_of_range",
            ),
            (
                InvoiceError::Xml {
                    reason: String::new(),
                },
                "invoice.xml",
            ),
        ];
        for (error, code) in cases {
            assert_eq!(error.code(), code);
            assert_eq!(error.family(), "invoice");
        }
    }

    #[test]
    fn text_check_refuses_blank_and_control_characters() {
        assert!(check_text("description", "SMS <&> \"pack\"\n\tline").is_ok());
        let blank = check_text("description", "  ").unwrap_err();
        assert_eq!(blank.code(), "invoice.invalid_text");
        assert!(
            blank
                .to_string()
                .starts_with("description: \"  \" is empty")
        );
        let control = check_text("seller.name", "Acme\u{1}").unwrap_err();
        assert!(
            control.to_string().contains("control character"),
            "{control}"
        );
        assert!(check_text("note", "x\u{FFFE}").is_err());
    }
}
