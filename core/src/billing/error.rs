use std::fmt;

use chrono::NaiveDate;
use thiserror::Error;

use crate::account::AccountError;
use crate::credits::CreditError;
use crate::error::ErrorCode;
use crate::invoice::InvoiceError;
use crate::money::{Currency, MoneyError};
use crate::post::{Format, PostalZone};
use crate::vat::VatError;

use super::Validity;

/// Why a price list, a price query or an invoice number was refused.
///
/// The errors of a price list name the FILE (the name the caller passed), the ENTRY (`packs[2]
/// (sms-1000)`) and the FIELD, with the value and the rule; [`ErrorCode::code`] gives the stable
/// code (`billing.negative_price`, `billing.overlapping_validity`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::billing::PriceList;
///
/// let text = r#"
/// [[packs]]
/// id = "sms-1000"
/// kind = "sms"
/// units = 1000
/// price = "-5"
/// currency = "EUR"
/// valid_from = 2026-01-01
/// "#;
/// let error = PriceList::from_toml("prices.toml", text).unwrap_err();
/// assert_eq!(error.code(), "billing.negative_price");
/// assert_eq!(error.to_string(), r#"prices.toml: packs[0] (sms-1000): price: "-5" must be positive or zero"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BillingError {
    /// The text is not JSON (or TOML) at all.
    #[error("{file}: not {format}: {message}")]
    Syntax {
        /// The file name the caller passed.
        file: String,
        /// `JSON` or `TOML`.
        format: &'static str,
        /// The parser's message, with the line and column.
        message: Box<str>,
    },
    /// A field an entry must have.
    #[error("{at}: missing; {rule}")]
    MissingField {
        /// The file, the entry (`packs[2] (sms-1000)`, `top level`) and the field.
        at: Box<Location>,
        /// What it holds.
        rule: &'static str,
    },
    /// A field the entry does not have (a typo such as `valid_untill` would otherwise make a price
    /// valid forever).
    #[error("{at}: not a field here; the fields are {allowed}")]
    UnknownField {
        /// The file, the entry and the field found.
        at: Box<Location>,
        /// The fields this entry has.
        allowed: &'static str,
    },
    /// A field of the wrong type or form (a date, an amount, an id, a count).
    #[error("{at}: {value} {rule}")]
    InvalidField {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The value found (cut to 40 characters, quoted when it is text).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// A currency that is not an ISO 4217 code, or one without a minor unit (`XAU`).
    #[error("{at}: {value:?} {rule}")]
    UnknownCurrency {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The code found.
        value: String,
        /// Why it is refused.
        rule: &'static str,
    },
    /// A channel name that is not one of envoi's channels.
    #[error("{at}: {value:?} is not a channel; channels are email, sms, secure_email, letter")]
    UnknownChannel {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The name found.
        value: String,
    },
    /// A postage name that is not one of the post's postages, or one that has no row of its own.
    #[error("{at}: {value:?} {rule}")]
    UnknownPostage {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The name found.
        value: String,
        /// The rule.
        rule: &'static str,
    },
    /// A format name that is not `small` or `large`.
    #[error("{at}: {value:?} is not a letter format; formats are small and large")]
    UnknownFormat {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The name found.
        value: String,
    },
    /// A weight band that the post's data does not have for the postage's zone and the format.
    #[error(
        "{at}: {value} is not a weight band of {zone} {format} letters; their bands go up to {bands} grams"
    )]
    UnknownWeightBand {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The bound found, in grams.
        value: u64,
        /// The postage's zone.
        zone: PostalZone,
        /// The format.
        format: Format,
        /// The bounds that exist.
        bands: String,
    },
    /// A negative price.
    #[error("{at}: {value:?} must be positive or zero")]
    NegativePrice {
        /// The file, the entry and the field.
        at: Box<Location>,
        /// The amount as written.
        value: String,
    },
    /// Two entries with the same id valid on a common day.
    #[error(
        "{at}: valid {validity} overlaps {other} (valid {other_validity}); an id has one price on any day"
    )]
    OverlappingValidity {
        /// The file and the later entry (no field).
        at: Box<Location>,
        /// Its validity.
        validity: Validity,
        /// The entry it overlaps.
        other: String,
        /// That entry's validity.
        other_validity: Validity,
    },
    /// Two entries with the same id (two validity windows of one pack, plan or tariff) that differ
    /// in what the id stands for: only the price may change from one window to the next. (The
    /// values are boxed to keep the error small.)
    #[error(
        "{at}: {value} differs from {other_value} in {other}, the same id; an id keeps its kind, units, block size and currency across its validity windows, only its price changes (give a new id to sell something else)"
    )]
    InconsistentEntry {
        /// The file, the later entry and the field that changed (`kind`, `units`, `block_size`,
        /// `currency`).
        at: Box<Location>,
        /// Its value in the later entry.
        value: Box<str>,
        /// The earlier entry with the same id (`packs[0]`).
        other: Box<str>,
        /// Its value there.
        other_value: Box<str>,
    },
    /// The same key twice in one object of the file: JSON parsers keep one of them silently, so
    /// the file is refused rather than guessed.
    #[error("{at}: given twice; each field appears once")]
    DuplicateField {
        /// The file, the object holding the key (`top level`, `packs[2]`,
        /// `letter_tariffs[0].postage[1]`) and the repeated key.
        at: Box<Location>,
    },
    /// The same row twice in one entry (a letter tariff's postage × format × band).
    #[error("{at}: {value} is already priced by {other}")]
    DuplicateEntry {
        /// The file, the entry and the row.
        at: Box<Location>,
        /// What it prices.
        value: String,
        /// The row that already prices it.
        other: String,
    },
    /// Nothing in the price list has a price for this on that day: never a guess.
    #[error("{subject}: no price valid on {on}; {detail}")]
    NoPrice {
        /// What was asked for (`pack sms-1000`, `unit price of sms`, `letter prior small up to 50 g`).
        subject: String,
        /// The day asked for.
        on: NaiveDate,
        /// What the list has for it (validities), or that it has nothing.
        detail: String,
    },
    /// A price query that cannot be answered as asked.
    #[error("{field}: {value} {rule}")]
    InvalidQuery {
        /// The field of the query.
        field: &'static str,
        /// The value given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// Text that is not an invoice number of envoi's form, or parts out of range.
    #[error("invoice number: {value:?} {rule}")]
    InvalidInvoiceNumber {
        /// The text or parts given (cut to 40 characters).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// Gaps or duplicates in a list of invoice numbers.
    #[error("invoice numbers: {}", SequenceList(.problems))]
    InvoiceSequence {
        /// Every problem, per series and year, in order.
        problems: Vec<super::SequenceProblem>,
    },
    /// An amount computed from the prices overflowed.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The credits module refused what a price made (a block plan of a subscription); boxed to
    /// keep the error small.
    #[error(transparent)]
    Credit(Box<CreditError>),

    // Orders, invoice drafts, the invoice book and the runs (issue 10, part 2).
    /// An argument of an order, a run or an invoice that breaks a rule (a quantity of 0, an
    /// account that is not the order's, a month that does not exist…).
    #[error("{field}: {value} {rule}")]
    InvalidArgument {
        /// The argument (`quantity`, `account`, `month`…).
        field: &'static str,
        /// The value given (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: Box<str>,
    },
    /// The VAT treatment is `pending_verification`: the customer asked for the exemption with a
    /// number valid offline, but the online check (VIES) was unavailable at order time (SPEC
    /// section 7: never a silent reverse charge).
    #[error(
        "{subject}: the VAT exemption cannot be decided: the online check (VIES) of VAT number {vat_number:?} was unavailable at order time; retry when it answers, or order without the exemption"
    )]
    VatPendingVerification {
        /// What was being ordered or invoiced (`order o-17`, `letters:acc_1:2026-03`).
        subject: String,
        /// The VAT number as typed.
        vat_number: String,
    },
    /// A request, after the order, to remove its VAT: the exemption can only be asked for when
    /// ordering (SPEC section 7).
    #[error(
        "order {order_id}: the VAT exemption can only be asked for when ordering (SPEC section 7); this order was placed with {treatment}, so a later request to refund its VAT is refused"
    )]
    ExemptionAfterOrder {
        /// The order.
        order_id: String,
        /// Its treatment, as a person reads it (`charge NL 21% (eu_consumer_under_threshold)`).
        treatment: String,
    },
    /// An invoice asked for an order that is not paid: packs are invoiced when paid.
    #[error(
        "order {order_id}: {state}; a pack is invoiced when it is paid (by card at once, by bank transfer when the payment arrives), so this order has no invoice"
    )]
    OrderNotPaid {
        /// The order.
        order_id: String,
        /// Where it stands (`pending_payment`, `cancelled`).
        state: &'static str,
    },
    /// An operation the order's state does not allow.
    #[error("order {order_id}: cannot {action} an order that is {state}; {rule}")]
    OrderState {
        /// The order.
        order_id: Box<str>,
        /// What was asked (`record the payment of`, `cancel`, `reverse`, `credit`).
        action: &'static str,
        /// Where the order stands.
        state: &'static str,
        /// The rule.
        rule: &'static str,
    },
    /// A draft whose key was already issued with other content.
    #[error(
        "invoice {key}: already issued as {number} with other content ({difference}); a key is issued once: correct an issued invoice with a credit note"
    )]
    InvoiceConflict {
        /// The draft's key.
        key: String,
        /// The number the key was issued as.
        number: String,
        /// What differs (`lines`, `issue_date`…).
        difference: &'static str,
    },
    /// An invoice in another currency than EUR without the exchange rate to state its VAT in EUR.
    #[error(
        "{subject}: the invoice is in {currency}; give the exchange rate to EUR (EUR per {currency}) so that it states its VAT in EUR too"
    )]
    MissingExchangeRate {
        /// The invoice's key or the order.
        subject: String,
        /// The invoice's currency.
        currency: Currency,
    },
    /// Prices of one invoice in two currencies.
    #[error("{subject}: priced in {first} and in {other}; an invoice has one currency")]
    MixedCurrencies {
        /// The invoice's key.
        subject: String,
        /// The first currency met.
        first: Currency,
        /// The other one.
        other: Currency,
    },
    /// A stored order, issued invoice or book (JSON) that breaks a rule the methods keep.
    #[error("{what}: {field}: {value} {rule}")]
    InvalidRecord {
        /// What was read (`order`, `issued invoice`, `invoice book`).
        what: &'static str,
        /// The field (`json`, `state.at`, `number`…).
        field: &'static str,
        /// The value found (cut to 80 characters).
        value: Box<str>,
        /// The rule it breaks.
        rule: Box<str>,
    },
    /// The VAT rules refused the request (a country without a rate that day…).
    #[error(transparent)]
    Vat(Box<VatError>),
    /// The invoice module refused a line, a party or a reference.
    #[error(transparent)]
    Invoice(Box<InvoiceError>),
    /// The account refused a change (its activation by a paid order).
    #[error(transparent)]
    Account(Box<AccountError>),
}

impl From<CreditError> for BillingError {
    fn from(error: CreditError) -> Self {
        BillingError::Credit(Box::new(error))
    }
}

impl From<VatError> for BillingError {
    fn from(error: VatError) -> Self {
        BillingError::Vat(Box::new(error))
    }
}

impl From<InvoiceError> for BillingError {
    fn from(error: InvoiceError) -> Self {
        BillingError::Invoice(Box::new(error))
    }
}

impl From<AccountError> for BillingError {
    fn from(error: AccountError) -> Self {
        BillingError::Account(Box::new(error))
    }
}

/// Where an error of a price list is: the file (the name the caller passed), the entry
/// (`packs[2] (sms-1000)`, `top level`) and the field, if the error is about one. Boxed in
/// [`BillingError`]'s variants so that the error stays small.
///
/// ```
/// use envoi::billing::Location;
/// let at = Location { file: "prices.toml".into(), entry: "packs[2] (sms-1000)".into(), field: Some("price".into()) };
/// assert_eq!(at.to_string(), "prices.toml: packs[2] (sms-1000): price");
/// assert_eq!(Location { field: None, ..at }.to_string(), "prices.toml: packs[2] (sms-1000)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file name the caller passed.
    pub file: String,
    /// The entry (`packs[2] (sms-1000)`, `top level`, `letter_tariffs[0] (click-and-post)`).
    pub entry: String,
    /// The field (`price`, `postage[3].up_to_grams`); `None` for an error about the whole entry.
    pub field: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.entry)?;
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        Ok(())
    }
}

impl Location {
    /// A boxed location of a field.
    pub(super) fn field(file: &str, entry: &str, field: impl Into<String>) -> Box<Location> {
        Box::new(Location {
            file: file.to_owned(),
            entry: entry.to_owned(),
            field: Some(field.into()),
        })
    }

    /// A boxed location of a whole entry.
    pub(super) fn entry(file: &str, entry: &str) -> Box<Location> {
        Box::new(Location {
            file: file.to_owned(),
            entry: entry.to_owned(),
            field: None,
        })
    }
}

struct SequenceList<'a>(&'a [super::SequenceProblem]);

impl fmt::Display for SequenceList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl ErrorCode for BillingError {
    fn code(&self) -> &'static str {
        match self {
            BillingError::Syntax { .. } => "billing.syntax",
            BillingError::MissingField { .. } => "billing.missing_field",
            BillingError::UnknownField { .. } => "billing.unknown_field",
            BillingError::InvalidField { .. } => "billing.invalid_field",
            BillingError::UnknownCurrency { .. } => "billing.unknown_currency",
            BillingError::UnknownChannel { .. } => "billing.unknown_channel",
            BillingError::UnknownPostage { .. } => "billing.unknown_postage",
            BillingError::UnknownFormat { .. } => "billing.unknown_format",
            BillingError::UnknownWeightBand { .. } => "billing.unknown_weight_band",
            BillingError::NegativePrice { .. } => "billing.negative_price",
            BillingError::OverlappingValidity { .. } => "billing.overlapping_validity",
            BillingError::InconsistentEntry { .. } => "billing.inconsistent_entry",
            BillingError::DuplicateField { .. } => "billing.duplicate_field",
            BillingError::DuplicateEntry { .. } => "billing.duplicate_entry",
            BillingError::NoPrice { .. } => "billing.no_price",
            BillingError::InvalidQuery { .. } => "billing.invalid_query",
            BillingError::InvalidInvoiceNumber { .. } => "billing.invalid_invoice_number",
            BillingError::InvoiceSequence { .. } => "billing.invoice_sequence",
            BillingError::Money(error) => error.code(),
            BillingError::Credit(error) => error.code(),
            BillingError::InvalidArgument { .. } => "billing.invalid_argument",
            BillingError::VatPendingVerification { .. } => "billing.vat_pending_verification",
            BillingError::ExemptionAfterOrder { .. } => "billing.exemption_after_order",
            BillingError::OrderNotPaid { .. } => "billing.order_not_paid",
            BillingError::OrderState { .. } => "billing.order_state",
            BillingError::InvoiceConflict { .. } => "billing.invoice_conflict",
            BillingError::MissingExchangeRate { .. } => "billing.missing_exchange_rate",
            BillingError::MixedCurrencies { .. } => "billing.mixed_currencies",
            BillingError::InvalidRecord { .. } => "billing.invalid_record",
            BillingError::Vat(error) => error.code(),
            BillingError::Invoice(error) => error.code(),
            BillingError::Account(error) => error.code(),
        }
    }
}
