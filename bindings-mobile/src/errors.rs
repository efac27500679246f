//! The error every exported function throws: [`EnvoiError`], one variant per family of codes.
//!
//! It mirrors the core's `envoi::Error` (one variant per domain). Each variant carries the core's
//! stable `code` (`"sms.too_many_parts"`…) and its message (`reason`, the core error's `Display`).
//! Kotlin sees a sealed `EnvoiException` with one subclass per variant, Swift an `EnvoiError` enum;
//! both have `code()`, `family()` and `message()`. [`EnvoiError::Credit`] also carries the numbers
//! and keys of the core's `CreditError` (`needed`, `available`, `reserved`, `requested`, `at`,
//! `last`, `key`…) as fields; [`EnvoiError::Vat`], [`EnvoiError::Invoice`] and
//! [`EnvoiError::Language`] likewise carry the fields of the core's `VatError`, `InvoiceError` and
//! `LanguageError`.

use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::credits::CreditError;
use envoi::invoice::InvoiceError;
use envoi::language::LanguageError;
use envoi::vat::VatError;

use crate::credits::plans::IsoDate;
use crate::time::system_time;

/// The code of [`EnvoiError::Internal`] when a Rust panic was caught.
pub const PANIC_CODE: &str = "internal.panic";

/// The core's code for a date outside the supported range; this binding also gives it to an input
/// date past the core's dates (`EnvoiError::Schedule`).
pub const DATE_OUT_OF_RANGE_CODE: &str = "schedule.date_out_of_range";
/// [`EnvoiError::Argument`]: a string that is not an ISO 8601 calendar date `YYYY-MM-DD`.
pub const INVALID_DATE_CODE: &str = "argument.invalid_date";
/// [`EnvoiError::Argument`]: a JSON that is not a business calendar or a schedule in the core's form.
pub const INVALID_JSON_CODE: &str = "argument.invalid_json";
/// [`EnvoiError::Argument`]: a schedule given `every` without `unit`, or `unit` without `every`.
pub const INCOMPLETE_REPEAT_CODE: &str = "argument.incomplete_repeat";
/// [`EnvoiError::Argument`]: a negative `limit` for `Schedule.between`.
pub const INVALID_LIMIT_CODE: &str = "argument.invalid_limit";
/// [`EnvoiError::Argument`]: a negative occurrence index for `Schedule.occurrence`.
pub const INVALID_INDEX_CODE: &str = "argument.invalid_index";
/// [`EnvoiError::Argument`]: a holiday code that is not one of the core's.
pub const UNKNOWN_HOLIDAY_CODE: &str = "argument.unknown_holiday";
/// [`EnvoiError::Argument`]: a holiday language other than `fr`, `nl`, `de`, `en`.
pub const UNKNOWN_LANGUAGE_CODE: &str = "argument.unknown_language";
/// [`EnvoiError::Argument`]: an instant given to a credit ledger outside the core's range (years
/// -262143 to 262142; `java.time.Instant` reaches further).
pub const INSTANT_OUT_OF_RANGE_CODE: &str = "argument.instant_out_of_range";
/// [`EnvoiError::Argument`]: an integer the core's type cannot hold, such as negative `units` for a
/// purchase (the core takes an unsigned count) or a `validity_months` past 4 294 967 295.
pub const OUT_OF_RANGE_CODE: &str = "argument.out_of_range";
/// [`EnvoiError::Argument`]: a decimal number given as text that is not plain decimal text (digits,
/// an optional sign and one dot), such as `"1.0E-5"` (a binary float's `toString`) or `"25,00"`.
pub const INVALID_DECIMAL_CODE: &str = "argument.invalid_decimal";
/// [`EnvoiError::Argument`]: a host callback given as an argument failed (the host's online VAT
/// check threw, in `vat_treatment`'s `online_checker`); the message contains the host's.
pub const HOST_ERROR_CODE: &str = "argument.host_error";
/// [`EnvoiError::Argument`]: two arguments that exclude each other were both given (`vat_treatment`'s
/// `online_check` and `online_checker`).
pub const CONFLICTING_ARGUMENTS_CODE: &str = "argument.conflicting_arguments";

/// An error raised by envoi. `code()` is the stable, machine-readable code (such as
/// `"sms.too_many_parts"`); `message()` is the human message, naming the field, the value and the
/// rule. Match on the code, not on the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum EnvoiError {
    /// An SMS segmentation error (codes `sms.*`).
    #[error("{reason}")]
    Sms {
        /// The stable code, such as `"sms.too_many_parts"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A time or time-zone error (codes `time.*`).
    #[error("{reason}")]
    Time {
        /// The stable code, such as `"time.unknown_zone"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// The host's clock failed (code `clock.host_error`).
    #[error("{reason}")]
    Clock {
        /// The stable code, `"clock.host_error"`.
        code: String,
        /// The message of the core, with the host's message.
        reason: String,
    },
    /// A money error (codes `money.*`: `money.invalid_amount` for an amount that is not a plain
    /// decimal number as text, `money.unknown_currency` for a code that is not ISO 4217).
    #[error("{reason}")]
    Money {
        /// The stable code, such as `"money.unknown_currency"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// An identifier was refused (codes `id.*`).
    #[error("{reason}")]
    Id {
        /// The stable code, such as `"id.empty"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A schedule or business-calendar error (codes `schedule.*`: `schedule.invalid_interval`,
    /// `schedule.invalid_count`, `schedule.unknown_unit`, `schedule.stop_before_start`,
    /// `schedule.invalid_rrule`, `schedule.never_occurs`, `schedule.too_expensive`,
    /// `schedule.too_many_occurrences`, `schedule.no_business_day`, `schedule.date_out_of_range`).
    #[error("{reason}")]
    Schedule {
        /// The stable code, such as `"schedule.no_business_day"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A credit ledger or billing-plan error (codes `credits.*`: `credits.insufficient_credit`,
    /// `credits.idempotency_conflict`, `credits.invalid_units`, `credits.order_not_found`,
    /// `credits.order_voided`, `credits.unknown_reservation`,
    /// `credits.reservation_already_committed`, `credits.reservation_already_released`,
    /// `credits.reservation_timed_out`, `credits.exceeds_reserved`, `credits.time_regression`,
    /// `credits.invalid_kind`, `credits.invalid_argument`, `credits.invalid_entries`).
    ///
    /// Besides `code` and `reason`, it carries the core error's numbers and keys under the core's
    /// field names, null/nil when the error has no such field: `insufficient_credit` has `kind`,
    /// `needed` and `available`; `exceeds_reserved` has `key`, `reserved` and `requested`;
    /// `time_regression` has `at` and `last`; `idempotency_conflict` and the reservation errors
    /// have `key`; `order_not_found` and `order_voided` have `order_id`; `invalid_argument` and
    /// `invalid_units` have `field` (the argument refused, such as `"block_size"`).
    #[error("{reason}")]
    Credit {
        /// The stable code, such as `"credits.insufficient_credit"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The credit kind (`insufficient_credit`).
        kind: Option<String>,
        /// The units the operation needed (`insufficient_credit`).
        needed: Option<u64>,
        /// The units available at the operation's time (`insufficient_credit`).
        available: Option<u64>,
        /// The units the reservation holds (`exceeds_reserved`).
        reserved: Option<u64>,
        /// The units the commit asked for (`exceeds_reserved`).
        requested: Option<u64>,
        /// The refused operation's time (`time_regression`).
        at: Option<SystemTime>,
        /// The time of the ledger's last operation (`time_regression`).
        last: Option<SystemTime>,
        /// The idempotency key or reservation key (`idempotency_conflict`, `unknown_reservation`,
        /// `reservation_already_committed`, `reservation_already_released`,
        /// `reservation_timed_out`, `exceeds_reserved`).
        key: Option<String>,
        /// The order id (`order_not_found`, `order_voided`).
        order_id: Option<String>,
        /// The argument refused, as the core names it (`invalid_argument`: `"validity_months"`,
        /// `"block_size"`, `"fee"`, `"end"`, `"period"`, `"previous_usage"`, `"month"`…;
        /// `invalid_units`: `"units"`).
        field: Option<String>,
    },
    /// A VAT number, rate, rate table or VAT treatment error (codes `vat.*`: `vat.empty`,
    /// `vat.unknown_country`, `vat.country_mismatch`, `vat.invalid_character`, `vat.bad_length`,
    /// `vat.bad_format`, `vat.bad_check_digit`, `vat.no_rate`, `vat.invalid_rate_table`,
    /// `vat.invalid_argument`, `vat.invalid_amount`, `vat.exemption_not_requested_at_order`).
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field: `empty` has `field` and `value`;
    /// `unknown_country` has `field` and `value`; `country_mismatch` has `value`, `prefix` and
    /// `country` (the country given); `invalid_character` has `country`, `value` and `character`;
    /// `bad_length` has `country`, `compact`, `length` and `expected`; `bad_format` has `country`,
    /// `compact` and `rule`; `bad_check_digit` has `country` and `compact`; `no_rate` has `country`
    /// and `date`; `invalid_rate_table` has `entry`, `field`, `value` and `rule`;
    /// `invalid_argument` has `field`, `value` and `expected`; `invalid_amount` has `field`, `value`
    /// and `rule`; `exemption_not_requested_at_order` has `order_id` and `treatment`.
    #[error("{reason}")]
    Vat {
        /// The stable code, such as `"vat.bad_check_digit"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The argument or field refused (`"vat_number"`, `"country"`, `"customer_kind"`,
        /// `"b2c_current_year"`, a rate table's `"standard"`…).
        field: Option<String>,
        /// The value refused, as given.
        value: Option<String>,
        /// The country of the number or rate (`"BE"`, `"EL"`); for `country_mismatch`, the country
        /// the caller gave.
        country: Option<String>,
        /// The prefix read from the number (`country_mismatch`).
        prefix: Option<String>,
        /// The character no number of the country contains (`invalid_character`).
        character: Option<String>,
        /// The number in compact form (`bad_length`, `bad_format`, `bad_check_digit`).
        compact: Option<String>,
        /// The number's length after the country prefix (`bad_length`).
        length: Option<u64>,
        /// What was expected, as a person reads it (`bad_length`: `"9 digits"`;
        /// `invalid_argument`: `"business, consumer"`).
        expected: Option<String>,
        /// The rule broken, as a person reads it (`bad_format`, `invalid_rate_table`,
        /// `invalid_amount`).
        rule: Option<String>,
        /// The day asked for (`no_rate`).
        date: Option<IsoDate>,
        /// Where in the rate table (`invalid_rate_table`: `"FI, period from 2024-09-01"`…).
        entry: Option<String>,
        /// The order (`exemption_not_requested_at_order`).
        order_id: Option<String>,
        /// The treatment the order was placed with, as a person reads it
        /// (`exemption_not_requested_at_order`: `"charge BE 21% (belgian_customer)"`).
        treatment: Option<String>,
    },
    /// An invoice, invoice line, party or UBL export error (codes `invoice.*`:
    /// `invoice.invalid_text`, `invoice.invalid_quantity`, `invoice.invalid_unit_price`,
    /// `invoice.invalid_rate`, `invoice.category_rate_mismatch`, `invoice.invalid_identifier`,
    /// `invoice.invalid_argument`, `invoice.invalid_tax_currency`, `invoice.invalid_date`,
    /// `invoice.missing_field`, `invoice.not_applicable`, `invoice.incompatible_categories`,
    /// `invoice.unsupported_currency`, `invoice.line_rounding`, `invoice.amount_out_of_range`,
    /// `invoice.xml`).
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field. `field` names the field refused for every code
    /// but `invoice.xml`: the core's own field, or the one its message starts with (`"quantity"`,
    /// `"unit_price"`, `"rate"`, `"category"`, `"tax_currency"`, `"lines"`). Decimals are text.
    #[error("{reason}")]
    Invoice {
        /// The stable code, such as `"invoice.missing_field"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The field refused (`"description"`, `"seller.name"`, `"customer.endpoint"`,
        /// `"quantity"`…).
        field: Option<String>,
        /// The value refused, as text (`invalid_text`, `invalid_quantity`, `invalid_unit_price`,
        /// `invalid_rate`, `invalid_identifier`, `invalid_argument`, `invalid_date`).
        value: Option<String>,
        /// The rule broken, as a person reads it (every code but `invalid_argument`,
        /// `line_rounding` and `xml`).
        rule: Option<String>,
        /// The accepted values (`invalid_argument`).
        expected: Option<String>,
        /// The category asked for, as its UBL code (`category_rate_mismatch`: `"S"`).
        category: Option<String>,
        /// The line's rate in percent (`category_rate_mismatch`).
        rate: Option<String>,
        /// The currency (`invalid_tax_currency`, `unsupported_currency`, `line_rounding`).
        currency: Option<String>,
        /// The exchange rate given (`invalid_tax_currency`).
        exchange_rate: Option<String>,
        /// One category present, as its UBL code (`incompatible_categories`: `"O"`).
        first: Option<String>,
        /// Another category present, as its UBL code (`incompatible_categories`).
        second: Option<String>,
        /// The position of the line, from 0 (`line_rounding`).
        index: Option<u64>,
        /// Quantity × unit price, unrounded (`line_rounding`).
        exact: Option<String>,
        /// The line's net amount, rounded to the currency's minor unit (`line_rounding`).
        net: Option<String>,
    },
    /// A language envoi does not write in (code `language.unsupported`): an invoice's language or
    /// the language of a VAT mention must be one of `fr`, `nl`, `de`, `en` (any case).
    #[error("{reason}")]
    Language {
        /// The stable code, `"language.unsupported"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The language code as given.
        value: String,
    },
    /// An argument this binding could not convert for the core (codes `argument.*`): a string that
    /// is not an ISO date (`argument.invalid_date`), a JSON that is not a calendar or a schedule
    /// (`argument.invalid_json`), an unknown holiday code or language (`argument.unknown_holiday`,
    /// `argument.unknown_language`), a schedule's `every` without `unit` or the reverse
    /// (`argument.incomplete_repeat`), a negative `limit` or occurrence index
    /// (`argument.invalid_limit`, `argument.invalid_index`), an entry of a credit ledger that is not
    /// JSON of the core's form (`argument.invalid_json`), an instant outside the core's range given
    /// to a ledger (`argument.instant_out_of_range`), an integer the core's type cannot hold
    /// (`argument.out_of_range`: negative units for a purchase…), a decimal number as text that is
    /// not plain decimal text (`argument.invalid_decimal`: `"1.0E-5"`, `"25,00"`), a host callback
    /// that failed (`argument.host_error`: the online VAT check given to `vat_treatment`), two
    /// arguments that exclude each other (`argument.conflicting_arguments`). These codes are the
    /// binding's, not the core's.
    #[error("{reason}")]
    Argument {
        /// The stable code, such as `"argument.invalid_date"`.
        code: String,
        /// What was wrong, naming the argument and the value.
        reason: String,
    },
    /// A bug in envoi: a Rust panic was caught (code `internal.panic`). Please report it.
    #[error("{reason}")]
    Internal {
        /// The stable code, `"internal.panic"`.
        code: String,
        /// What panicked.
        reason: String,
    },
    /// An error of a core domain this binding does not know yet (the core's `Error` is
    /// non-exhaustive); `code()` still gives its stable code.
    #[error("{reason}")]
    Other {
        /// The stable code.
        code: String,
        /// The message of the core.
        reason: String,
    },
}

impl EnvoiError {
    /// The error for a caught panic.
    pub(crate) fn panic(detail: &str) -> Self {
        EnvoiError::Internal {
            code: PANIC_CODE.to_owned(),
            reason: format!("internal: envoi panicked (this is a bug in envoi): {detail}"),
        }
    }

    /// An [`EnvoiError::Argument`].
    pub(crate) fn argument(code: &str, reason: String) -> Self {
        EnvoiError::Argument {
            code: code.to_owned(),
            reason,
        }
    }

    fn parts(&self) -> (&str, &str) {
        match self {
            EnvoiError::Sms { code, reason }
            | EnvoiError::Time { code, reason }
            | EnvoiError::Clock { code, reason }
            | EnvoiError::Money { code, reason }
            | EnvoiError::Id { code, reason }
            | EnvoiError::Schedule { code, reason }
            | EnvoiError::Argument { code, reason }
            | EnvoiError::Internal { code, reason }
            | EnvoiError::Other { code, reason }
            | EnvoiError::Credit { code, reason, .. }
            | EnvoiError::Vat { code, reason, .. }
            | EnvoiError::Invoice { code, reason, .. }
            | EnvoiError::Language { code, reason, .. } => (code, reason),
        }
    }
}

#[uniffi::export]
impl EnvoiError {
    /// The stable code of the error, such as `"sms.too_many_parts"`.
    pub fn code(&self) -> String {
        self.parts().0.to_owned()
    }

    /// The family of the code: the part before the first dot (`"sms"` for `"sms.too_many_parts"`).
    pub fn family(&self) -> String {
        let code = self.parts().0;
        code.split_once('.')
            .map_or(code, |(family, _)| family)
            .to_owned()
    }

    /// The human message of the core: it names the field, the value and the rule.
    pub fn message(&self) -> String {
        self.parts().1.to_owned()
    }
}

impl From<envoi::Error> for EnvoiError {
    fn from(error: envoi::Error) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        match error {
            envoi::Error::Sms(_) => EnvoiError::Sms { code, reason },
            envoi::Error::Time(_) => EnvoiError::Time { code, reason },
            envoi::Error::Clock(_) => EnvoiError::Clock { code, reason },
            envoi::Error::Money(_) => EnvoiError::Money { code, reason },
            envoi::Error::Id(_) => EnvoiError::Id { code, reason },
            envoi::Error::Schedule(_) => EnvoiError::Schedule { code, reason },
            envoi::Error::Credit(error) => error.into(),
            envoi::Error::Vat(error) => error.into(),
            envoi::Error::Invoice(error) => error.into(),
            envoi::Error::Language(error) => error.into(),
            _ => EnvoiError::Other { code, reason },
        }
    }
}

impl From<envoi::sms::SmsError> for EnvoiError {
    fn from(error: envoi::sms::SmsError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::time::TimeError> for EnvoiError {
    fn from(error: envoi::time::TimeError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::time::ClockError> for EnvoiError {
    fn from(error: envoi::time::ClockError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::money::MoneyError> for EnvoiError {
    fn from(error: envoi::money::MoneyError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::schedule::ScheduleError> for EnvoiError {
    fn from(error: envoi::schedule::ScheduleError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<CreditError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Credit`]).
    fn from(error: CreditError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut kind = None;
        let (mut needed, mut available, mut reserved, mut requested) = (None, None, None, None);
        let (mut at, mut last, mut key, mut order_id) = (None, None, None, None);
        let mut field = None;
        match error {
            CreditError::InsufficientCredit {
                kind: k,
                needed: n,
                available: a,
            } => {
                kind = Some(k.to_string());
                (needed, available) = (Some(n), Some(a));
            }
            CreditError::ExceedsReserved {
                key: k,
                reserved: r,
                requested: q,
            } => {
                key = Some(k);
                (reserved, requested) = (Some(r), Some(q));
            }
            CreditError::TimeRegression { at: a, last: l } => {
                (at, last) = (Some(system_time(a)), Some(system_time(l)));
            }
            CreditError::IdempotencyConflict { key: k, .. }
            | CreditError::UnknownReservation { key: k }
            | CreditError::ReservationAlreadyCommitted { key: k, .. }
            | CreditError::ReservationAlreadyReleased { key: k, .. }
            | CreditError::ReservationTimedOut { key: k, .. } => key = Some(k),
            CreditError::OrderNotFound { order_id: o }
            | CreditError::OrderVoided { order_id: o, .. } => {
                order_id = Some(o);
            }
            CreditError::InvalidArgument { field: f, .. }
            | CreditError::InvalidUnits { field: f, .. } => field = Some(f.to_owned()),
            _ => {}
        }
        EnvoiError::Credit {
            code,
            reason,
            kind,
            needed,
            available,
            reserved,
            requested,
            at,
            last,
            key,
            order_id,
            field,
        }
    }
}

impl From<VatError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Vat`]).
    fn from(error: VatError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut field, mut value, mut country, mut prefix) = (None, None, None, None);
        let (mut character, mut compact, mut length, mut expected) = (None, None, None, None);
        let (mut rule, mut date, mut entry) = (None, None, None);
        let (mut order_id, mut treatment) = (None, None);
        match error {
            VatError::Empty { field: f, value: v }
            | VatError::UnknownCountry {
                field: f, value: v, ..
            } => {
                (field, value) = (Some(f.to_owned()), Some(v));
            }
            VatError::CountryMismatch {
                value: v,
                prefix: p,
                country: c,
            } => (value, prefix, country) = (Some(v), Some(p), Some(c)),
            VatError::InvalidCharacter {
                country: c,
                value: v,
                character: ch,
            } => (country, value, character) = (Some(c), Some(v), Some(ch.to_string())),
            VatError::BadLength {
                country: c,
                compact: n,
                length: l,
                expected: e,
            } => {
                (country, compact) = (Some(c), Some(n));
                (length, expected) = (u64::try_from(l).ok(), Some(e.to_owned()));
            }
            VatError::BadFormat {
                country: c,
                compact: n,
                rule: r,
            } => (country, compact, rule) = (Some(c), Some(n), Some(r.to_owned())),
            VatError::BadCheckDigit {
                country: c,
                compact: n,
            } => (country, compact) = (Some(c), Some(n)),
            VatError::NoRate {
                country: c,
                date: d,
                ..
            } => (country, date) = (Some(c), Some(IsoDate::of(d))),
            VatError::InvalidRateTable {
                entry: e,
                field: f,
                value: v,
                rule: r,
            } => (entry, field, value, rule) = (Some(e), Some(f), Some(v), Some(r)),
            VatError::InvalidArgument {
                field: f,
                value: v,
                expected: e,
            } => (field, value, expected) = (Some(f.to_owned()), Some(v), Some(e.to_owned())),
            VatError::InvalidAmount {
                field: f,
                value: v,
                rule: r,
            } => (field, value, rule) = (Some(f.to_owned()), Some(v), Some(r.to_owned())),
            VatError::ExemptionNotRequestedAtOrder {
                order_id: o,
                treatment: t,
            } => (order_id, treatment) = (Some(o), Some(t)),
            _ => {}
        }
        EnvoiError::Vat {
            code,
            reason,
            field,
            value,
            country,
            prefix,
            character,
            compact,
            length,
            expected,
            rule,
            date,
            entry,
            order_id,
            treatment,
        }
    }
}

impl From<InvoiceError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Invoice`]).
    fn from(error: InvoiceError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut field, mut value, mut rule, mut expected) = (None, None, None, None);
        let (mut category, mut rate, mut currency, mut exchange_rate) = (None, None, None, None);
        let (mut first, mut second, mut index, mut exact, mut net) = (None, None, None, None, None);
        let name = |field: &str| Some(field.to_owned());
        match error {
            InvoiceError::InvalidText {
                field: f,
                value: v,
                rule: r,
            }
            | InvoiceError::InvalidIdentifier {
                field: f,
                value: v,
                rule: r,
            } => (field, value, rule) = (Some(f), Some(v), name(r)),
            InvoiceError::InvalidQuantity { value: v, rule: r } => {
                (field, value, rule) = (name("quantity"), Some(v.to_string()), name(r));
            }
            InvoiceError::InvalidUnitPrice { value: v, rule: r } => {
                (field, value, rule) = (name("unit_price"), Some(v.to_string()), name(r));
            }
            InvoiceError::InvalidRate { value: v, rule: r } => {
                (field, value, rule) = (name("rate"), Some(v.to_string()), name(r));
            }
            InvoiceError::CategoryRateMismatch {
                category: c,
                rate: t,
                rule: r,
            } => {
                (field, category, rate) = (name("category"), name(c.code()), Some(t.to_string()));
                rule = name(r);
            }
            InvoiceError::InvalidArgument {
                field: f,
                value: v,
                expected: e,
            } => (field, value, expected) = (name(f), Some(v), name(e)),
            InvoiceError::InvalidTaxCurrency {
                currency: c,
                exchange_rate: x,
                rule: r,
            } => {
                (field, currency, exchange_rate) =
                    (name("tax_currency"), name(c.code()), Some(x.to_string()));
                rule = name(r);
            }
            InvoiceError::InvalidDate {
                field: f,
                value: d,
                rule: r,
            } => (field, value, rule) = (name(f), Some(IsoDate::of(d).0), name(r)),
            InvoiceError::MissingField { field: f, rule: r }
            | InvoiceError::NotApplicable { field: f, rule: r }
            | InvoiceError::AmountOutOfRange { field: f, rule: r } => {
                (field, rule) = (name(f), name(r));
            }
            InvoiceError::IncompatibleCategories {
                first: a,
                second: b,
                rule: r,
            } => {
                (field, first, second) = (name("lines"), name(a.code()), name(b.code()));
                rule = name(r);
            }
            InvoiceError::UnsupportedCurrency {
                field: f,
                currency: c,
                rule: r,
            } => (field, currency, rule) = (name(f), name(c.code()), name(r)),
            InvoiceError::LineRounding {
                index: i,
                exact: e,
                net: n,
                currency: c,
            } => {
                (field, index) = (name("lines"), u64::try_from(i).ok());
                (exact, net, currency) = (Some(e.to_string()), Some(n.to_string()), name(c.code()));
            }
            _ => {}
        }
        EnvoiError::Invoice {
            code,
            reason,
            field,
            value,
            rule,
            expected,
            category,
            rate,
            currency,
            exchange_rate,
            first,
            second,
            index,
            exact,
            net,
        }
    }
}

impl From<LanguageError> for EnvoiError {
    /// `code`, `reason` and the code as given (see [`EnvoiError::Language`]).
    fn from(error: LanguageError) -> Self {
        EnvoiError::Language {
            code: error.code().to_owned(),
            reason: error.to_string(),
            value: error.value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_code_family_and_message_of_the_core() {
        let core = envoi::sms::SmsOptions::max_parts_from(256).unwrap_err();
        let error = EnvoiError::from(core.clone());
        assert!(matches!(error, EnvoiError::Sms { .. }));
        assert_eq!(error.code(), "sms.invalid_max_parts");
        assert_eq!(error.family(), "sms");
        assert_eq!(error.message(), core.to_string());
        assert_eq!(error.to_string(), core.to_string());
    }

    #[test]
    fn clock_and_time_errors_keep_their_family() {
        let clock = EnvoiError::from(envoi::time::ClockError::new("down"));
        assert!(matches!(clock, EnvoiError::Clock { .. }));
        assert_eq!(clock.code(), "clock.host_error");
        let zone = EnvoiError::from("Mars/Olympus".parse::<envoi::time::Zone>().unwrap_err());
        assert!(matches!(zone, EnvoiError::Time { .. }));
        assert_eq!(zone.code(), "time.unknown_zone");
    }

    #[test]
    fn schedule_errors_keep_their_family() {
        let core = envoi::schedule::BusinessCalendar::belgium()
            .next_business_day(chrono::NaiveDate::MAX)
            .unwrap_err();
        let error = EnvoiError::from(core.clone());
        assert!(matches!(error, EnvoiError::Schedule { .. }));
        assert_eq!(error.code(), DATE_OUT_OF_RANGE_CODE);
        assert_eq!(error.family(), "schedule");
        assert_eq!(error.message(), core.to_string());
    }

    #[test]
    fn credit_errors_carry_the_core_fields() {
        let core = CreditError::InsufficientCredit {
            kind: envoi::credits::CreditKind::sms(),
            needed: 12,
            available: 5,
        };
        let error = EnvoiError::from(envoi::Error::from(core.clone()));
        let EnvoiError::Credit {
            kind,
            needed,
            available,
            key,
            at,
            ..
        } = &error
        else {
            panic!("not a credit error: {error:?}");
        };
        assert_eq!(
            (kind.as_deref(), *needed, *available),
            (Some("sms"), Some(12), Some(5))
        );
        assert_eq!((key, at), (&None, &None));
        assert_eq!(error.code(), "credits.insufficient_credit");
        assert_eq!(error.family(), "credits");
        assert_eq!(error.message(), core.to_string());
    }

    #[test]
    fn invalid_arguments_name_their_field() {
        let core =
            envoi::credits::monthly_statement(&[], 2026, 13, Default::default()).unwrap_err();
        let error = EnvoiError::from(core);
        let EnvoiError::Credit { field, key, .. } = &error else {
            panic!("not a credit error: {error:?}");
        };
        assert_eq!((field.as_deref(), key), (Some("month"), &None));
        assert_eq!(error.code(), "credits.invalid_argument");
    }

    #[test]
    fn money_errors_keep_their_family() {
        let error = EnvoiError::from(envoi::money::Money::parse("1e3", "EUR").unwrap_err());
        assert!(matches!(error, EnvoiError::Money { .. }));
        assert_eq!(error.code(), "money.invalid_amount");
        assert_eq!(error.family(), "money");
    }

    #[test]
    fn panic_error_has_the_internal_code() {
        let error = EnvoiError::panic("boom");
        assert_eq!(error.code(), PANIC_CODE);
        assert_eq!(error.family(), "internal");
        assert!(error.message().contains("boom"));
    }
}
