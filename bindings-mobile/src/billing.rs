//! Billing (issue 10): price lists ([`PriceList`], a uniffi Object holding the core's
//! `envoi::billing::PriceList`, with plain records for its entries: [`UnitPrice`], [`Pack`],
//! [`BlockPlanPrice`], [`LetterTariff`], [`PostageRate`], [`Validity`]) and invoice numbers
//! ([`InvoiceNumber`], [`check_sequence`], [`sequence_problems`], [`SequenceProblem`]). Orders,
//! invoices and the monthly run will join this module.
//!
//! Conversions only; every rule is the core's (`envoi::billing`):
//!
//! - **Money** is a [`Money`] record: the core's decimal as text, every decimal kept (`"0.0825"`),
//!   and an ISO 4217 code (Kotlin: `Money.toBigDecimal()`, Credits.kt).
//! - **Days** are [`IsoDate`]: `java.time.LocalDate` in Kotlin, an ISO string in Swift (a string
//!   that is not one is `argument.invalid_date`).
//! - **Codes** cross as the core's snake-case names: a channel (`"email"`, `"sms"`,
//!   `"secure_email"`, `"letter"`; `argument.unknown_value` otherwise), a credit kind, a postage
//!   (`"prior"`, `"non_prior"`, `"prior_international"`), a format (`"small"`, `"large"`).
//! - **Errors**: every function throws [`BillingError`] (Kotlin `BillingException`): the core's
//!   `BillingError` as [`BillingError::Billing`] with its code (`billing.*`) and fields (a price
//!   list's name the file, the entry and the field); any other family (the `money.*` and
//!   `credits.*` errors it wraps, `argument.*`…) as [`BillingError::Envoi`], holding the
//!   [`EnvoiError`] every other function throws.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::billing::BillingError as CoreError;

use crate::account::AccountError;
use crate::contacts::channel;
use crate::credits::plans::{BlockPlan, IsoDate, Money};
use crate::credits::{to_instant, to_zone};
use crate::post::{PostData, Quote, code_arg, postage_arg};
use crate::schedule::parse_date;
use crate::token::to_core_int;
use crate::{EnvoiError, guard_as};

// ---- Errors --------------------------------------------------------------------------------------

/// The error every function of this module throws (Kotlin: `BillingException`, Swift:
/// `BillingError`): [`BillingError::Billing`] for the core's `billing.*` codes with their fields,
/// or [`BillingError::Envoi`] holding the [`EnvoiError`] of any other family (`money.*` and
/// `credits.*` the core's billing error wraps, `time.*`, `argument.*`, `internal.panic`). Like
/// [`EnvoiError`] it has `code()`, `family()` and `message()`.
///
/// A module error of its own, as matrix-rust-sdk has one per area: uniffi keeps each error type's
/// metadata (its variants, fields and docs) in one 32 KiB buffer, which [`EnvoiError`] nearly
/// fills.
// `Envoi` holds an EnvoiError by value (uniffi cannot pass a boxed field across the FFI); errors
// are the cold path (see the note on `clippy::result_large_err` in lib.rs).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum BillingError {
    /// A `billing.*` code (`syntax`, `missing_field`, `unknown_field`, `invalid_field`,
    /// `unknown_currency`, `unknown_channel`, `unknown_postage`, `unknown_format`,
    /// `unknown_weight_band`, `negative_price`, `overlapping_validity`, `inconsistent_entry`,
    /// `duplicate_field`, `duplicate_entry`, `no_price`, `invalid_query`,
    /// `invalid_invoice_number`, `invoice_sequence`), with the core error's fields, null/nil when
    /// the code has none (README, *Price lists*).
    #[error("{reason}")]
    Billing {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The file name the caller passed (a price list's errors).
        file: Option<String>,
        /// The entry (`"packs[2] (sms-1000)"`, `"top level"`, `"letter_tariffs[0].postage[1]"`).
        entry: Option<String>,
        /// The field.
        field: Option<String>,
        /// The value found or given, as text.
        value: Option<String>,
        /// The rule broken.
        rule: Option<String>,
        /// `"JSON"` or `"TOML"` (`syntax`); the letter format (`unknown_weight_band`).
        format: Option<String>,
        /// The fields the entry has (`unknown_field`).
        allowed: Option<String>,
        /// The postage's zone, `"national"` or `"international"` (`unknown_weight_band`).
        zone: Option<String>,
        /// The weight bands that exist (`unknown_weight_band`).
        bands: Option<String>,
        /// The entry's validity (`overlapping_validity`: `"2026-01-01..2026-07-01"`).
        validity: Option<String>,
        /// The other entry (`overlapping_validity`, `inconsistent_entry`, `duplicate_entry`).
        other: Option<String>,
        /// The other entry's validity (`overlapping_validity`).
        other_validity: Option<String>,
        /// The field's value in the other entry (`inconsistent_entry`).
        other_value: Option<String>,
        /// What has no price (`no_price`: `"pack sms-1000"`, `"unit price of sms"`).
        subject: Option<String>,
        /// The day asked for (`no_price`).
        on: Option<IsoDate>,
        /// The parser's message (`syntax`); what the list has for it (`no_price`).
        detail: Option<String>,
        /// Every gap and duplicate, by year, series and sequence (`invoice_sequence`).
        problems: Option<Vec<SequenceProblem>>,
        /// The VAT number whose online check was unavailable (`vat_pending_verification`).
        vat_number: Option<String>,
        /// The order (`exemption_after_order`, `order_not_paid`, `order_state`).
        order_id: Option<String>,
        /// The VAT treatment the order was placed with (`exemption_after_order`).
        treatment: Option<String>,
        /// The order's state (`order_not_paid`, `order_state`: `"pending_payment"`, `"paid"`…).
        state: Option<String>,
        /// What was asked of the order (`order_state`: `"record the payment of"`, `"cancel"`…).
        action: Option<String>,
        /// The draft's key (`invoice_conflict`).
        key: Option<String>,
        /// The number the key was issued as (`invoice_conflict`).
        number: Option<String>,
        /// What differs from the issued invoice (`invoice_conflict`).
        difference: Option<String>,
        /// The invoice's currency (`missing_exchange_rate`), the first currency met
        /// (`mixed_currencies`, `other` being the second).
        currency: Option<String>,
    },
    /// An `account.*` error of the account a billing function was given, with its fields.
    #[error("{error}")]
    Account {
        /// The account error.
        error: AccountError,
    },
    /// An error of another family, as every other function throws it.
    #[error("{error}")]
    Envoi {
        /// The error, with its code and fields.
        error: EnvoiError,
    },
}

impl<E: Into<EnvoiError>> From<E> for BillingError {
    fn from(error: E) -> Self {
        BillingError::Envoi {
            error: error.into(),
        }
    }
}

impl BillingError {
    fn parts(&self) -> (String, String) {
        match self {
            BillingError::Billing { code, reason, .. } => (code.clone(), reason.clone()),
            BillingError::Envoi { error } => (error.code(), error.message()),
            BillingError::Account { error } => (error.code(), error.message()),
        }
    }
}

#[uniffi::export]
impl BillingError {
    /// The stable code, such as `"billing.no_price"` (or the code of the error held).
    pub fn code(&self) -> String {
        self.parts().0
    }

    /// The family of the code: the part before the first dot (`"billing"`).
    pub fn family(&self) -> String {
        let code = self.parts().0;
        code.split_once('.')
            .map_or(code.as_str(), |(family, _)| family)
            .to_owned()
    }

    /// The core's message: it names the field, the value and the rule.
    pub fn message(&self) -> String {
        self.parts().1
    }
}

/// The fields of [`BillingError::Billing`], all null/nil until a core variant sets them.
#[derive(Default)]
struct BillingFields {
    file: Option<String>,
    entry: Option<String>,
    field: Option<String>,
    value: Option<String>,
    rule: Option<String>,
    format: Option<String>,
    allowed: Option<String>,
    zone: Option<String>,
    bands: Option<String>,
    validity: Option<String>,
    other: Option<String>,
    other_validity: Option<String>,
    other_value: Option<String>,
    subject: Option<String>,
    on: Option<IsoDate>,
    detail: Option<String>,
    problems: Option<Vec<SequenceProblem>>,
    vat_number: Option<String>,
    order_id: Option<String>,
    treatment: Option<String>,
    state: Option<String>,
    action: Option<String>,
    key: Option<String>,
    number: Option<String>,
    difference: Option<String>,
    currency: Option<String>,
}

impl BillingFields {
    /// A price list error's place: its file, entry and field.
    fn locate(&mut self, at: envoi::billing::Location) {
        (self.file, self.entry, self.field) = (Some(at.file), Some(at.entry), at.field);
    }
}

impl From<CoreError> for BillingError {
    /// `code`, `reason` and the core's fields (see [`BillingError::Billing`]); the money and
    /// credits errors it wraps as [`BillingError::Envoi`] holding an [`EnvoiError::Money`] or
    /// [`EnvoiError::Credit`]. A variant this binding does not know yet keeps its code and message.
    fn from(error: CoreError) -> Self {
        let error = match error {
            CoreError::Money(error) => return EnvoiError::from(error).into(),
            CoreError::Credit(error) => return EnvoiError::from(*error).into(),
            CoreError::Vat(error) => return EnvoiError::from(*error).into(),
            CoreError::Invoice(error) => return EnvoiError::from(*error).into(),
            CoreError::Account(error) => {
                return BillingError::Account {
                    error: AccountError::from(*error),
                };
            }
            other => other,
        };
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut f = BillingFields::default();
        let text = |value: &str| Some(value.to_owned());
        match error {
            CoreError::Syntax {
                file,
                format,
                message,
            } => (f.file, f.format, f.detail) = (Some(file), text(format), Some(message.into())),
            CoreError::MissingField { at, rule } => {
                f.locate(*at);
                f.rule = text(rule);
            }
            CoreError::UnknownField { at, allowed } => {
                f.locate(*at);
                f.allowed = text(allowed);
            }
            CoreError::InvalidField { at, value, rule } => {
                f.locate(*at);
                (f.value, f.rule) = (Some(value), Some(rule));
            }
            CoreError::UnknownCurrency { at, value, rule }
            | CoreError::UnknownPostage { at, value, rule } => {
                f.locate(*at);
                (f.value, f.rule) = (Some(value), text(rule));
            }
            CoreError::UnknownChannel { at, value }
            | CoreError::UnknownFormat { at, value }
            | CoreError::NegativePrice { at, value } => {
                f.locate(*at);
                f.value = Some(value);
            }
            CoreError::UnknownWeightBand {
                at,
                value,
                zone,
                format,
                bands,
            } => {
                f.locate(*at);
                (f.value, f.zone) = (Some(value.to_string()), Some(zone.to_string()));
                (f.format, f.bands) = (text(format.code()), Some(bands));
            }
            CoreError::OverlappingValidity {
                at,
                validity,
                other,
                other_validity,
            } => {
                f.locate(*at);
                f.validity = Some(validity.to_string());
                (f.other, f.other_validity) = (Some(other), Some(other_validity.to_string()));
            }
            CoreError::InconsistentEntry {
                at,
                value,
                other,
                other_value,
            } => {
                f.locate(*at);
                (f.value, f.other) = (Some(value.into()), Some(other.into()));
                f.other_value = Some(other_value.into());
            }
            CoreError::DuplicateField { at } => f.locate(*at),
            CoreError::DuplicateEntry { at, value, other } => {
                f.locate(*at);
                (f.value, f.other) = (Some(value), Some(other));
            }
            CoreError::NoPrice {
                subject,
                on,
                detail,
            } => (f.subject, f.on, f.detail) = (Some(subject), Some(IsoDate::of(on)), Some(detail)),
            CoreError::InvalidQuery { field, value, rule } => {
                (f.field, f.value, f.rule) = (text(field), Some(value), text(rule));
            }
            CoreError::InvalidInvoiceNumber { value, rule } => {
                (f.value, f.rule) = (Some(value), text(rule));
            }
            CoreError::InvoiceSequence { problems } => {
                f.problems = Some(problems.iter().filter_map(SequenceProblem::of).collect());
            }
            CoreError::InvalidArgument { field, value, rule } => {
                (f.field, f.value, f.rule) = (text(field), Some(value), Some(rule.into()));
            }
            CoreError::VatPendingVerification {
                subject,
                vat_number,
            } => (f.subject, f.vat_number) = (Some(subject), Some(vat_number)),
            CoreError::ExemptionAfterOrder {
                order_id,
                treatment,
            } => (f.order_id, f.treatment) = (Some(order_id), Some(treatment)),
            CoreError::OrderNotPaid { order_id, state } => {
                (f.order_id, f.state) = (Some(order_id), text(state));
            }
            CoreError::OrderState {
                order_id,
                action,
                state,
                rule,
            } => {
                (f.order_id, f.action) = (Some(order_id.into()), text(action));
                (f.state, f.rule) = (text(state), text(rule));
            }
            CoreError::InvoiceConflict {
                key,
                number,
                difference,
            } => (f.key, f.number, f.difference) = (Some(key), Some(number), text(difference)),
            CoreError::MissingExchangeRate { subject, currency } => {
                (f.subject, f.currency) = (Some(subject), text(currency.code()));
            }
            CoreError::MixedCurrencies {
                subject,
                first,
                other,
            } => {
                (f.subject, f.currency) = (Some(subject), text(first.code()));
                f.other = text(other.code());
            }
            CoreError::InvalidRecord {
                what,
                field,
                value,
                rule,
            } => {
                (f.subject, f.field) = (text(what), text(field));
                (f.value, f.rule) = (Some(value.into()), Some(rule.into()));
            }
            _ => {}
        }
        BillingError::Billing {
            code,
            reason,
            file: f.file,
            entry: f.entry,
            field: f.field,
            value: f.value,
            rule: f.rule,
            format: f.format,
            allowed: f.allowed,
            zone: f.zone,
            bands: f.bands,
            validity: f.validity,
            other: f.other,
            other_validity: f.other_validity,
            other_value: f.other_value,
            subject: f.subject,
            on: f.on,
            detail: f.detail,
            problems: f.problems,
            vat_number: f.vat_number,
            order_id: f.order_id,
            treatment: f.treatment,
            state: f.state,
            action: f.action,
            key: f.key,
            number: f.number,
            difference: f.difference,
            currency: f.currency,
        }
    }
}

// ---- Price lists ---------------------------------------------------------------------------------

/// The days a price is valid: from `valid_from` (included) to `valid_until` (excluded; null/nil:
/// until further notice), on the account's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Validity {
    /// The first day the price applies.
    pub valid_from: IsoDate,
    /// The first day it no longer applies; null/nil: for good.
    pub valid_until: Option<IsoDate>,
}

impl Validity {
    fn of(validity: envoi::billing::Validity) -> Self {
        Validity {
            valid_from: IsoDate::of(validity.valid_from),
            valid_until: validity.valid_until.map(IsoDate::of),
        }
    }

    fn to_core(&self, field: &str) -> Result<envoi::billing::Validity, BillingError> {
        Ok(envoi::billing::Validity {
            valid_from: parse_date(&format!("{field}.valid_from"), &self.valid_from.0)?,
            valid_until: self
                .valid_until
                .as_ref()
                .map(|day| parse_date(&format!("{field}.valid_until"), &day.0))
                .transpose()?,
        })
    }
}

#[uniffi::export]
impl Validity {
    /// Whether the price applies on `day`. Throws `argument.invalid_date`.
    pub fn contains(&self, day: IsoDate) -> Result<bool, BillingError> {
        guard_as(|| {
            let validity = self.to_core("validity")?;
            Ok(validity.contains(parse_date("day", &day.0)?))
        })
    }
}

/// The price of one message on a channel (pay-as-you-go), possibly with more decimals than the
/// cent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct UnitPrice {
    /// The channel: `"email"`, `"sms"`, `"secure_email"` or `"letter"`.
    pub channel: String,
    /// The price of one message.
    pub price: Money,
    /// When it applies.
    pub validity: Validity,
}

impl UnitPrice {
    fn of(price: &envoi::billing::UnitPrice) -> Self {
        UnitPrice {
            channel: price.channel.as_str().to_owned(),
            price: Money::of(price.price),
            validity: Validity::of(price.validity),
        }
    }
}

/// A credit pack of the catalogue: `units` of credit kind `kind` for `price` (without VAT).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Pack {
    /// The pack's id in the catalogue (`"sms-1000"`).
    pub id: String,
    /// The credit kind of its units (`"sms"`, `"email"`, `"secure_email"`…).
    pub kind: String,
    /// The units it adds.
    pub units: u64,
    /// Its price, without VAT.
    pub price: Money,
    /// When this price applies.
    pub validity: Validity,
}

impl Pack {
    fn of(pack: &envoi::billing::Pack) -> Self {
        Pack {
            id: pack.id.clone(),
            kind: pack.kind.as_str().to_owned(),
            units: pack.units,
            price: Money::of(pack.price),
            validity: Validity::of(pack.validity),
        }
    }
}

/// A monthly block plan's price: `fee` (without VAT; USD allowed) per started block of
/// `block_size` messages per period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct BlockPlanPrice {
    /// The plan's id (`"plannit-sms"`).
    pub id: String,
    /// The messages in one block.
    pub block_size: u32,
    /// The fee per started block, without VAT.
    pub fee: Money,
    /// When this price applies.
    pub validity: Validity,
}

impl BlockPlanPrice {
    fn of(plan: &envoi::billing::BlockPlanPrice) -> Self {
        BlockPlanPrice {
            id: plan.id.clone(),
            block_size: plan.block_size,
            fee: Money::of(plan.fee),
            validity: Validity::of(plan.validity),
        }
    }
}

#[uniffi::export]
impl BlockPlanPrice {
    /// The `BlockPlan` of a subscription at `subscribed_at`, its periods on the wall clock of
    /// `zone` (the account's IANA zone; null/nil: `"Europe/Brussels"`). The price must be valid on
    /// the subscription day: `billing.no_price` otherwise. Throws also `credits.invalid_argument`,
    /// `money.*`, `time.unknown_zone`, `argument.invalid_date`, `argument.instant_out_of_range`.
    #[uniffi::method(default(zone = None))]
    pub fn subscribe(
        &self,
        subscribed_at: SystemTime,
        zone: Option<String>,
    ) -> Result<Arc<BlockPlan>, BillingError> {
        guard_as(|| {
            let price = envoi::billing::BlockPlanPrice {
                id: self.id.clone(),
                block_size: self.block_size,
                fee: self.fee.to_core()?,
                validity: self.validity.to_core("validity")?,
            };
            let plan =
                price.subscribe(to_instant("subscribed_at", subscribed_at)?, to_zone(zone)?)?;
            Ok(BlockPlan::wrap(plan))
        })
    }
}

/// One postage row of a letter tariff: printing and posting a letter of this postage, format and
/// weight band (black and white, simplex).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PostageRate {
    /// `"prior"`, `"non_prior"` or `"prior_international"` (a registered letter is priced as prior
    /// plus the registered fee).
    pub postage: String,
    /// `"small"` or `"large"`.
    pub format: String,
    /// The weight band's upper bound, in grams.
    pub up_to_grams: u32,
    /// The price.
    pub price: Money,
}

/// A letter tariff: postage rows, color and duplex supplements per printed sheet, and the
/// registered and acknowledgement-of-receipt fees, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LetterTariff {
    /// The tariff's id (`"click-and-post-2026"`).
    pub id: String,
    /// The postage rows, in file order.
    pub postage: Vec<PostageRate>,
    /// The supplement per sheet printed in color.
    pub color_per_sheet: Money,
    /// The supplement per sheet printed on both sides.
    pub duplex_per_sheet: Money,
    /// The fee of a registered letter, on top of its prior postage.
    pub registered_fee: Money,
    /// The fee of an acknowledgement of receipt (registered letters only).
    pub acknowledgement_of_receipt_fee: Money,
    /// When it applies.
    pub validity: Validity,
}

impl LetterTariff {
    fn of(tariff: &envoi::billing::LetterTariff) -> Self {
        LetterTariff {
            id: tariff.id.clone(),
            postage: tariff
                .postage
                .iter()
                .map(|rate| PostageRate {
                    postage: rate.postage.code().to_owned(),
                    format: rate.format.code().to_owned(),
                    up_to_grams: rate.up_to_grams,
                    price: Money::of(rate.price),
                })
                .collect(),
            color_per_sheet: Money::of(tariff.color_per_sheet),
            duplex_per_sheet: Money::of(tariff.duplex_per_sheet),
            registered_fee: Money::of(tariff.registered_fee),
            acknowledgement_of_receipt_fee: Money::of(tariff.acknowledgement_of_receipt_fee),
            validity: Validity::of(tariff.validity),
        }
    }
}

/// One letter as a letter tariff prices it: its postage, weight band (`zone`, `format`,
/// `up_to_grams`), printed sheets and options. Codes as the post's: a postage (`"prior"`,
/// `"non_prior"`, `"registered"`, `"rp"`, `"prior_international"`), a zone (`"national"`,
/// `"international"`), a format (`"small"`, `"large"`). `letter_query_from_quote` makes it from a
/// quote; `PriceList.letter_price` prices it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LetterQuery {
    /// The postage applied (a quote's, so prior abroad is `"prior_international"`).
    pub postage: String,
    /// `"national"` or `"international"`.
    pub zone: String,
    /// `"small"` or `"large"`.
    pub format: String,
    /// The weight band: letters up to this many grams (inclusive).
    pub up_to_grams: u32,
    /// The A4 sheets printed.
    pub sheets: u32,
    /// Printed in color.
    #[uniffi(default)]
    pub color: bool,
    /// Printed on both sides.
    #[uniffi(default)]
    pub duplex: bool,
    /// With an acknowledgement of receipt (registered letters only).
    #[uniffi(default)]
    pub acknowledgement_of_receipt: bool,
}

impl LetterQuery {
    fn of(query: &envoi::billing::LetterQuery) -> Self {
        LetterQuery {
            postage: query.postage.code().to_owned(),
            zone: query.band.zone.to_string(),
            format: query.band.format.code().to_owned(),
            up_to_grams: query.band.up_to_grams,
            sheets: query.sheets,
            color: query.color,
            duplex: query.duplex,
            acknowledgement_of_receipt: query.acknowledgement_of_receipt,
        }
    }

    pub(crate) fn to_core(&self) -> Result<envoi::billing::LetterQuery, EnvoiError> {
        use envoi::post::{Format, PostalZone};
        let zones = [PostalZone::National, PostalZone::International];
        let zone = code_arg("zone", &self.zone, &zones, |zone| match zone {
            PostalZone::National => "national",
            PostalZone::International => "international",
        })?;
        let band = envoi::post::WeightBand {
            zone,
            format: code_arg("format", &self.format, &Format::ALL, Format::code)?,
            up_to_grams: self.up_to_grams,
        };
        let mut query =
            envoi::billing::LetterQuery::new(postage_arg(&self.postage)?, band, self.sheets);
        query.color = self.color;
        query.duplex = self.duplex;
        query.acknowledgement_of_receipt = self.acknowledgement_of_receipt;
        Ok(query)
    }
}

/// The letter query of a quoted letter (the core's `LetterQuery::from_quote`): the quote's postage,
/// weight band and sheets, with the letter's `color`, `duplex` and `acknowledgement` (the arguments
/// given to `quote`). Throws `argument.unknown_value` for a quote whose codes are not the post's.
/// The three flags have no default: a forgotten one would price a colour registered letter with
/// acknowledgement as a plain one.
#[uniffi::export]
pub fn letter_query_from_quote(
    quote: Quote,
    color: bool,
    duplex: bool,
    acknowledgement: bool,
) -> Result<LetterQuery, BillingError> {
    guard_as(|| {
        let query = LetterQuery {
            postage: quote.postage,
            zone: quote.weight_band_zone,
            format: quote.format,
            up_to_grams: quote.weight_band_grams,
            sheets: quote.sheets,
            color,
            duplex,
            acknowledgement_of_receipt: acknowledgement,
        };
        // Read back through the core's types, so a forged quote is refused here.
        Ok(LetterQuery::of(&query.to_core()?))
    })
}

/// The price of one letter, part by part (each zero when it does not apply), without VAT.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LetterPrice {
    /// The postage of the letter's weight band.
    pub postage: Money,
    /// The color supplement (per sheet).
    pub color: Money,
    /// The duplex supplement (per sheet).
    pub duplex: Money,
    /// The registered fee.
    pub registered: Money,
    /// The acknowledgement of receipt fee.
    pub acknowledgement_of_receipt: Money,
    /// The sum of the parts.
    pub total: Money,
}

/// A price list: per-channel unit prices, the pack catalogue, block plans and letter tariffs, each
/// with its currency and validity, read from JSON or TOML (the core's format: see the README,
/// *Price lists*) and queried at a date. Immutable; `==` compares every entry.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct PriceList {
    inner: envoi::billing::PriceList,
}

impl fmt::Display for PriceList {
    /// `PriceList(source="…", as_of=2026-01-15, unit_prices=4, packs=8, block_plans=1,
    /// letter_tariffs=1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = &self.inner;
        match list.source() {
            Some(source) => write!(f, "PriceList(source={source:?}, as_of=")?,
            None => f.write_str("PriceList(source=None, as_of=")?,
        }
        match list.as_of() {
            Some(day) => write!(f, "{day}")?,
            None => f.write_str("None")?,
        }
        write!(
            f,
            ", unit_prices={}, packs={}, block_plans={}, letter_tariffs={})",
            list.unit_prices().len(),
            list.packs().len(),
            list.block_plans().len(),
            list.letter_tariffs().len()
        )
    }
}

impl PriceList {
    /// The core's price list.
    pub(crate) fn core(&self) -> &envoi::billing::PriceList {
        &self.inner
    }

    fn wrap(inner: envoi::billing::PriceList) -> Arc<Self> {
        Arc::new(PriceList { inner })
    }
}

#[uniffi::export]
impl PriceList {
    /// Reads a price list from JSON; `file` names it in the errors (the host reads the file). The
    /// letter tariffs' weight bands are checked against `data` (null/nil: the built-in post data).
    /// Throws `billing.syntax`, `billing.duplicate_field` (a key given twice in one object), and the
    /// error of the first entry and field that breaks a rule (`billing.*`, with `file`, `entry`,
    /// `field`…).
    #[uniffi::constructor(default(file = "prices.json", data = None))]
    pub fn from_json(
        text: String,
        file: String,
        data: Option<Arc<PostData>>,
    ) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let list = match data.as_deref() {
                Some(data) => envoi::billing::PriceList::from_json_with(&file, &text, &data.inner),
                None => envoi::billing::PriceList::from_json(&file, &text),
            };
            Ok(Self::wrap(list?))
        })
    }

    /// Reads a price list from TOML (the same fields; dates may be bare TOML dates). Throws as
    /// `from_json`.
    #[uniffi::constructor(default(file = "prices.toml", data = None))]
    pub fn from_toml(
        text: String,
        file: String,
        data: Option<Arc<PostData>>,
    ) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let list = match data.as_deref() {
                Some(data) => envoi::billing::PriceList::from_toml_with(&file, &text, &data.inner),
                None => envoi::billing::PriceList::from_toml(&file, &text),
            };
            Ok(Self::wrap(list?))
        })
    }

    /// Where the prices come from, as the file says; null/nil when it does not.
    pub fn source(&self) -> Option<String> {
        self.inner.source().map(str::to_owned)
    }

    /// When the prices were last checked against their source, as the file says; null/nil when it
    /// does not.
    pub fn as_of(&self) -> Option<IsoDate> {
        self.inner.as_of().map(IsoDate::of)
    }

    /// Every unit price, in file order.
    pub fn unit_prices(&self) -> Vec<UnitPrice> {
        self.inner.unit_prices().iter().map(UnitPrice::of).collect()
    }

    /// Every pack price, in file order (one id may have several, with disjoint validities).
    pub fn packs(&self) -> Vec<Pack> {
        self.inner.packs().iter().map(Pack::of).collect()
    }

    /// Every block plan price, in file order.
    pub fn block_plans(&self) -> Vec<BlockPlanPrice> {
        self.inner
            .block_plans()
            .iter()
            .map(BlockPlanPrice::of)
            .collect()
    }

    /// Every letter tariff, in file order.
    pub fn letter_tariffs(&self) -> Vec<LetterTariff> {
        self.inner
            .letter_tariffs()
            .iter()
            .map(LetterTariff::of)
            .collect()
    }

    /// The packs on sale on `on` (that day's catalogue), in file order. Throws
    /// `argument.invalid_date`.
    pub fn packs_on(&self, on: IsoDate) -> Result<Vec<Pack>, BillingError> {
        guard_as(|| {
            let on = parse_date("on", &on.0)?;
            Ok(self.inner.packs_on(on).map(Pack::of).collect())
        })
    }

    /// The pack `id` at its price valid on `on`. Throws `billing.no_price` (with `subject`, `on`
    /// and `detail`: the validities the list has for it, or that it has none),
    /// `argument.invalid_date`.
    pub fn pack(&self, id: String, on: IsoDate) -> Result<Pack, BillingError> {
        guard_as(|| {
            let on = parse_date("on", &on.0)?;
            Ok(Pack::of(self.inner.pack(&id, on)?))
        })
    }

    /// The price of one message on `channel` valid on `on`. Throws `billing.no_price`,
    /// `argument.unknown_value`, `argument.invalid_date`.
    pub fn unit_price(&self, channel: String, on: IsoDate) -> Result<UnitPrice, BillingError> {
        guard_as(|| {
            let channel = self::channel("channel", &channel)?;
            let on = parse_date("on", &on.0)?;
            Ok(UnitPrice::of(self.inner.unit_price(channel, on)?))
        })
    }

    /// The block plan `id` at its price valid on `on`. Throws `billing.no_price`,
    /// `argument.invalid_date`.
    pub fn block_plan(&self, id: String, on: IsoDate) -> Result<BlockPlanPrice, BillingError> {
        guard_as(|| {
            let on = parse_date("on", &on.0)?;
            Ok(BlockPlanPrice::of(self.inner.block_plan(&id, on)?))
        })
    }

    /// The price of the letter `query` on `on`, by the letter tariff valid that day. Throws
    /// `billing.invalid_query` (with `field`, `value`, `rule`: no sheet, an acknowledgement of
    /// receipt without registration…), `billing.no_price` (no tariff that day, no postage row for
    /// the band), `argument.unknown_value` (a code), `argument.invalid_date`.
    pub fn letter_price(
        &self,
        query: LetterQuery,
        on: IsoDate,
    ) -> Result<LetterPrice, BillingError> {
        guard_as(|| {
            let query = query.to_core()?;
            let on = parse_date("on", &on.0)?;
            let price = self.inner.letter_price(&query, on)?;
            Ok(LetterPrice {
                postage: Money::of(price.postage),
                color: Money::of(price.color),
                duplex: Money::of(price.duplex),
                registered: Money::of(price.registered),
                acknowledgement_of_receipt: Money::of(price.acknowledgement_of_receipt),
                total: Money::of(price.total()?),
            })
        })
    }

    /// The letter tariff valid on `on`. Throws `billing.no_price`, `argument.invalid_date`.
    pub fn letter_tariff(&self, on: IsoDate) -> Result<LetterTariff, BillingError> {
        guard_as(|| {
            let on = parse_date("on", &on.0)?;
            Ok(LetterTariff::of(self.inner.letter_tariff(on)?))
        })
    }
}

// ---- Invoice numbers -----------------------------------------------------------------------------

/// An invoice number, `YEAR-SERIES-SEQUENCE` such as `"2026-F-000123"`: one gapless sequence per
/// series (1 to 4 capital letters: `"F"` for invoices, `"C"` for credit notes, as the host
/// chooses) and year, from 1, written with at least 6 digits. The host's store allocates them
/// (`next()`); `toString()` writes exactly what `parse` reads. Immutable; `==`/`hashCode` compare
/// the year, the series and the sequence, and numbers are ordered (Kotlin `Comparable`, Swift
/// `Comparable`) as the core orders them: by series, then year, then sequence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash, Ord)]
pub struct InvoiceNumber {
    inner: envoi::billing::InvoiceNumber,
}

impl fmt::Display for InvoiceNumber {
    /// `2026-F-000123`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl InvoiceNumber {
    /// The core's number.
    pub(crate) fn core(&self) -> &envoi::billing::InvoiceNumber {
        &self.inner
    }

    pub(crate) fn wrap(inner: envoi::billing::InvoiceNumber) -> Arc<Self> {
        Arc::new(InvoiceNumber { inner })
    }
}

#[uniffi::export]
impl InvoiceNumber {
    /// The number `sequence` of `series` in `year`. Throws `billing.invalid_invoice_number` (a year
    /// outside 1000–9999, a series that is not 1 to 4 capital letters, sequence 0),
    /// `argument.out_of_range` (a negative sequence or one past 4 294 967 295).
    #[uniffi::constructor]
    pub fn new(year: i32, series: String, sequence: i64) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let sequence: u32 =
                to_core_int("sequence", sequence, "a sequence is 1 to 4 294 967 295")?;
            let series = envoi::billing::NumberSeries::new(&series)?;
            Ok(Self::wrap(envoi::billing::InvoiceNumber::new(
                year, series, sequence,
            )?))
        })
    }

    /// The first number of `series` in `year` (`"2026-F-000001"`). Throws as `new`.
    #[uniffi::constructor]
    pub fn first(series: String, year: i32) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let series = envoi::billing::NumberSeries::new(&series)?;
            Ok(Self::wrap(series.first(year)?))
        })
    }

    /// Reads `"2026-F-000123"`. Throws `billing.invalid_invoice_number` (with `value` and `rule`):
    /// another form, a sequence not padded to 6 digits or padded beyond, parts out of range.
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<Self>, BillingError> {
        guard_as(|| Ok(Self::wrap(text.parse()?)))
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.inner.year()
    }

    /// The series (`"F"`).
    pub fn series(&self) -> String {
        self.inner.series().as_str().to_owned()
    }

    /// The sequence within the series and year, from 1.
    pub fn sequence(&self) -> u32 {
        self.inner.sequence()
    }

    /// The next number of the same series and year. Throws `billing.invalid_invoice_number` past
    /// the last sequence.
    pub fn next(&self) -> Result<Arc<Self>, BillingError> {
        guard_as(|| Ok(Self::wrap(self.inner.next()?)))
    }
}

/// A break in a sequence of invoice numbers (Kotlin: a sealed class; Swift: an enum).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SequenceProblem {
    /// Numbers missing from `from` to `to` (both included).
    Gap {
        /// The first missing number.
        from: Arc<InvoiceNumber>,
        /// The last missing number.
        to: Arc<InvoiceNumber>,
    },
    /// A number given more than once.
    Duplicate {
        /// The number.
        number: Arc<InvoiceNumber>,
        /// How many times it was given.
        count: u64,
    },
}

impl SequenceProblem {
    pub(crate) fn of(problem: &envoi::billing::SequenceProblem) -> Option<Self> {
        match problem {
            envoi::billing::SequenceProblem::Gap { from, to } => Some(SequenceProblem::Gap {
                from: InvoiceNumber::wrap(from.clone()),
                to: InvoiceNumber::wrap(to.clone()),
            }),
            envoi::billing::SequenceProblem::Duplicate { number, count } => {
                Some(SequenceProblem::Duplicate {
                    number: InvoiceNumber::wrap(number.clone()),
                    count: u64::try_from(*count).unwrap_or(u64::MAX),
                })
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}

fn numbers(numbers: &[Arc<InvoiceNumber>]) -> Vec<envoi::billing::InvoiceNumber> {
    numbers.iter().map(|number| number.inner.clone()).collect()
}

/// Checks that `numbers` (in any order) hold each series' sequence of each year without a gap or a
/// duplicate: 1, 2, … up to the highest number given. Throws `billing.invoice_sequence` with every
/// problem in `problems`, by year, series and sequence.
#[uniffi::export]
pub fn check_sequence(numbers: Vec<Arc<InvoiceNumber>>) -> Result<(), BillingError> {
    guard_as(|| Ok(envoi::billing::check_sequence(&self::numbers(&numbers))?))
}

/// Checks that `numbers` (in any order) continue `last_issued`, the last number the host issued
/// before them (null/nil: none, which is `check_sequence`): in its series and year they run from
/// the next sequence on without a gap or a duplicate; a number at or before it counts as a
/// duplicate. Other series and years run from 1. Throws `billing.invoice_sequence` with every
/// problem in `problems`.
#[uniffi::export]
pub fn check_sequence_after(
    last_issued: Option<Arc<InvoiceNumber>>,
    numbers: Vec<Arc<InvoiceNumber>>,
) -> Result<(), BillingError> {
    guard_as(|| {
        let last = last_issued.as_ref().map(|number| &number.inner);
        Ok(envoi::billing::check_sequence_after(
            last,
            &self::numbers(&numbers),
        )?)
    })
}

/// The gaps and duplicates of `numbers`, as `check_sequence` would throw them (empty when there is
/// none).
#[uniffi::export]
pub fn sequence_problems(
    numbers: Vec<Arc<InvoiceNumber>>,
) -> Result<Vec<SequenceProblem>, BillingError> {
    guard_as(
        || match envoi::billing::check_sequence(&self::numbers(&numbers)) {
            Ok(()) => Ok(Vec::new()),
            Err(CoreError::InvoiceSequence { problems }) => {
                Ok(problems.iter().filter_map(SequenceProblem::of).collect())
            }
            Err(other) => Err(EnvoiError::panic(&format!(
                "check_sequence gave {} instead of billing.invoice_sequence",
                other.code()
            ))
            .into()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(error: BillingError) -> (String, Option<String>, Option<String>, Option<String>) {
        match error {
            BillingError::Billing {
                code,
                field,
                value,
                rule,
                ..
            } => (code, field, value, rule),
            other => panic!("not a billing error: {other:?}"),
        }
    }

    #[test]
    fn an_invalid_query_carries_its_field_value_and_rule() {
        let error = BillingError::from(CoreError::InvalidQuery {
            field: "sheets",
            value: "0".into(),
            rule: "is no sheet; a letter has at least one printed sheet",
        });
        assert_eq!(error.code(), "billing.invalid_query");
        assert_eq!(
            fields(error),
            (
                "billing.invalid_query".to_owned(),
                Some("sheets".to_owned()),
                Some("0".to_owned()),
                Some("is no sheet; a letter has at least one printed sheet".to_owned())
            )
        );
    }

    #[test]
    fn wrapped_errors_keep_their_family() {
        let money = envoi::money::Money::parse("1", "EURO").unwrap_err();
        let error = BillingError::from(CoreError::Money(money));
        assert_eq!(
            (error.code().as_str(), error.family().as_str()),
            ("money.unknown_currency", "money")
        );
        assert!(matches!(
            error,
            BillingError::Envoi {
                error: EnvoiError::Money { .. }
            }
        ));
    }

    #[test]
    fn a_panic_is_internal() {
        let error = guard_as::<(), BillingError>(|| panic!("boom")).unwrap_err();
        assert_eq!(error.code(), crate::errors::PANIC_CODE);
        assert!(error.message().contains("boom"));
    }
}
