//! VAT (SPEC section 7): VAT numbers ([`parse_vat_number`], [`validate_vat_number`],
//! [`vat_countries`], [`is_eu_member_state`]), rates in force on a day ([`vat_rate`],
//! [`RateTable`]), and the VAT an order carries ([`vat_treatment`], [`Treatment`]).
//!
//! Conversions only; every rule is the core's (`envoi::vat`):
//!
//! - **Decimals** (rates in percent, the B2C sales totals in EUR) cross as text, never as a binary
//!   float: they go in as plain decimal text (digits, an optional sign and one dot: `"10000.01"`;
//!   anything else, such as a float's `"1.0E-5"`, is `argument.invalid_decimal`) and come out as the
//!   core's decimal as text (`"21"`, `"25.5"`). Kotlin reads them with `toBigDecimal()`; the
//!   hand-written Kotlin layer (kotlin/src/main/kotlin/dev/envoi/Vat.kt) adds `BigDecimal`
//!   overloads.
//! - **Days** are [`IsoDate`]: `java.time.LocalDate` in Kotlin, an ISO string `"2026-03-02"` in
//!   Swift (a string that is not one is `argument.invalid_date`).
//! - **Codes** cross as the core's snake-case strings: a customer kind (`"business"`,
//!   `"consumer"`), a service (`"electronic"`, `"letter"`), a treatment kind, a mention, a reason; a
//!   language is `"fr"`, `"nl"`, `"de"` or `"en"`. An unknown code is the core's
//!   `vat.invalid_argument` (or `language.unsupported`).
//! - **Errors**: the core's `VatError` as [`EnvoiError::Vat`] with its code and fields,
//!   `language.unsupported` as [`EnvoiError::Language`], and this binding's
//!   `argument.invalid_decimal`, `argument.invalid_date`, `argument.instant_out_of_range`,
//!   `argument.invalid_json`, `argument.host_error` and `argument.conflicting_arguments` as
//!   [`EnvoiError::Argument`].
//! - **The host's online check** (VIES): the foreign trait [`OnlineVatCheck`], given to
//!   [`vat_treatment`] as `online_checker`, is asked through the core's
//!   `TreatmentRequest::with_online_check_from`, so only when its answer decides the treatment.
//!
//! ## What happens to an error the host's online check raises
//!
//! It is not "unavailable" (that is a `null`/`nil` answer): a bug in host code must not turn into a
//! pending verification.
//!
//! - **Kotlin**: the hand-written overload `vatTreatment(…, onlineCheck = checker, …)`
//!   (kotlin/src/main/kotlin/dev/envoi/Vat.kt) re-throws *that same exception object* once the core
//!   has returned, as `nowIn` does for the clock.
//! - **Swift** (and the generated `vatTreatment(…, onlineChecker = …)` in Kotlin): the error crosses
//!   the FFI by value; a thrown [`OnlineVatCheckError`] keeps its `reason`, any other error is
//!   described as a string by uniffi. The call throws `argument.host_error`
//!   ([`EnvoiError::Argument`]) with a message that contains the host's.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::language::Language;
use envoi::vat::{
    CustomerKind, Mention, OnlineCheckUnavailable, Reason, ServiceKind, TreatmentRequest,
    VatNumberKind,
};
use rust_decimal::Decimal;

use crate::credits::plans::IsoDate;
use crate::credits::to_instant;
use crate::errors::{
    CONFLICTING_ARGUMENTS_CODE, HOST_ERROR_CODE, INVALID_DECIMAL_CODE, INVALID_JSON_CODE,
};
use crate::schedule::parse_date;
use crate::time::system_time;
use crate::{EnvoiError, guard};

/// Plain decimal text as the core's decimal: digits, an optional sign and one dot (`"21"`,
/// `"0.0075"`, `"-1.50"`); `field` names the argument in the error. Anything else (`"1.0E-5"`, a
/// binary float's text; `"25,00"`; `"NaN"`) is `argument.invalid_decimal`.
pub(crate) fn parse_decimal(field: &str, text: &str) -> Result<Decimal, EnvoiError> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let plain = match digits.split_once('.') {
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => all_digits(digits),
    };
    plain
        .then(|| Decimal::from_str_exact(text).ok())
        .flatten()
        .ok_or_else(|| {
            let shown: String = text.chars().take(40).collect();
            EnvoiError::argument(
                INVALID_DECIMAL_CODE,
                format!(
                    "{field}: {shown:?} is not a plain decimal number (digits, an optional sign and one dot, at most 28 digits, such as \"0.0075\"); decimals cross as exact text, never as a binary float"
                ),
            )
        })
}

/// A VAT number that passed its country's format and check digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct VatNumber {
    /// The country prefix: `"BE"`, `"EL"` for Greece, `"XI"`, or `"EU"`/`"IM"` for OSS ids.
    pub country: String,
    /// The prefix and the national part, upper case, without separators: `"BE0403170701"`.
    pub compact: String,
    /// The part after the prefix: `"0403170701"`.
    pub national: String,
    /// `"customer"` (a business's VAT number in a member state or Northern Ireland) or `"oss"` (a
    /// One-Stop-Shop id, `EU…`/`IM…`: never a customer's VAT number).
    pub kind: String,
}

fn kind_code(kind: VatNumberKind) -> String {
    match kind {
        VatNumberKind::Customer => "customer",
        VatNumberKind::Oss => "oss",
    }
    .to_owned()
}

impl VatNumber {
    fn of(number: &envoi::vat::VatNumber) -> Self {
        VatNumber {
            country: number.country().to_owned(),
            compact: number.compact().to_owned(),
            national: number.national().to_owned(),
            kind: kind_code(number.kind()),
        }
    }
}

/// Reads and checks a VAT number as people type it (spaces, dots, dashes, slashes, lower case, the
/// Belgian "(0)", full-width digits), with python-stdnum's checks.
///
/// `country` is the country the number should belong to (`"BE"`, `"EL"` or `"GR"`, `"XI"`, or
/// `"EU"`/`"IM"`; any case; null/nil or `""` when unknown). Without it the number must start with
/// its prefix; with it the prefix is optional. A `GB…` number is read as `XI` only when `country` is
/// `"XI"`.
///
/// Throws `vat.empty`, `vat.unknown_country`, `vat.country_mismatch`, `vat.invalid_character`,
/// `vat.bad_length`, `vat.bad_format`, `vat.bad_check_digit` (`EnvoiException.Vat`, with the
/// fields that say which part is wrong). [`validate_vat_number`] gives the same verdict without
/// throwing.
///
/// ```
/// use envoi_mobile::vat::parse_vat_number;
/// let number = parse_vat_number("be 0403.170.701".into(), None)?;
/// assert_eq!((number.country.as_str(), number.compact.as_str()), ("BE", "BE0403170701"));
/// assert_eq!(parse_vat_number("094259216".into(), Some("GR".into()))?.compact, "EL094259216");
/// assert_eq!(parse_vat_number("FR40303265046".into(), None).unwrap_err().code(), "vat.bad_check_digit");
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export(default(country = None))]
pub fn parse_vat_number(number: String, country: Option<String>) -> Result<VatNumber, EnvoiError> {
    guard(|| {
        let parsed = envoi::vat::VatNumber::parse(&number, country.as_deref())?;
        Ok(VatNumber::of(&parsed))
    })
}

/// The verdict of [`validate_vat_number`] on one input: valid with its parts, or invalid with the
/// core's error code and message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct VatValidation {
    /// The number as given.
    pub number: String,
    /// Whether the number passes its country's format and check digits.
    pub valid: bool,
    /// The country prefix (`"BE"`, `"EL"`, `"XI"`, `"EU"`…) when valid; null/nil otherwise.
    pub country: Option<String>,
    /// The compact form (`"BE0403170701"`) when valid; null/nil otherwise.
    pub compact: Option<String>,
    /// The part after the prefix when valid; null/nil otherwise.
    pub national: Option<String>,
    /// `"customer"` or `"oss"` when valid; null/nil otherwise.
    pub kind: Option<String>,
    /// Null/nil when valid, else the core's error code (`"vat.bad_check_digit"`…).
    pub reason: Option<String>,
    /// Null/nil when valid, else the core's message, naming the part that is wrong.
    pub message: Option<String>,
}

/// Checks a VAT number as [`parse_vat_number`] does, without throwing: an invalid number (or an
/// unknown `country`) is a [`VatValidation`] with `valid = false`, the error code as `reason` and
/// the core's `message`.
///
/// ```
/// use envoi_mobile::vat::validate_vat_number;
/// let good = validate_vat_number("NL 4495.445.B01".into(), None)?;
/// assert!(good.valid);
/// assert_eq!(good.compact.as_deref(), Some("NL004495445B01"));
/// let bad = validate_vat_number("DE12345".into(), None)?;
/// assert_eq!((bad.valid, bad.reason.as_deref()), (false, Some("vat.bad_length")));
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export(default(country = None))]
pub fn validate_vat_number(
    number: String,
    country: Option<String>,
) -> Result<VatValidation, EnvoiError> {
    guard(|| {
        Ok(
            match envoi::vat::VatNumber::parse(&number, country.as_deref()) {
                Ok(parsed) => {
                    let parts = VatNumber::of(&parsed);
                    VatValidation {
                        number,
                        valid: true,
                        country: Some(parts.country),
                        compact: Some(parts.compact),
                        national: Some(parts.national),
                        kind: Some(parts.kind),
                        reason: None,
                        message: None,
                    }
                }
                Err(error) => VatValidation {
                    number,
                    valid: false,
                    country: None,
                    compact: None,
                    national: None,
                    kind: None,
                    reason: Some(error.code().to_owned()),
                    message: Some(error.to_string()),
                },
            },
        )
    })
}

/// The 27 member states (Greece as `"EL"`) and `"XI"` (Northern Ireland), in alphabetical order: the
/// countries whose VAT numbers are checked.
#[uniffi::export]
pub fn vat_countries() -> Vec<String> {
    envoi::vat::VAT_COUNTRIES
        .iter()
        .map(|&code| code.to_owned())
        .collect()
}

/// Whether `country` is one of the 27 EU member states (any case; Greece is `"EL"` or `"GR"`).
/// `"XI"`, whose numbers validate, is outside the EU for services: false.
#[uniffi::export]
pub fn is_eu_member_state(country: String) -> bool {
    envoi::vat::is_eu_member_state(&country)
}

/// The VAT rates in force in a member state on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct VatRate {
    /// The member state's VAT code (`"EL"` for Greece, even when asked as `"GR"`).
    pub country: String,
    /// The standard rate in percent, as text (`"21"`, `"25.5"`).
    pub standard: String,
    /// The general reduced rates in percent, highest first (empty for Denmark).
    pub reduced: Vec<String>,
    /// The first day these rates were in force.
    pub effective_from: IsoDate,
    /// True when the day asked for is after the table's `verified_on`: the last known rates, which
    /// may have changed since.
    pub unverified: bool,
}

impl VatRate {
    fn of(rate: &envoi::vat::Rate) -> Self {
        VatRate {
            country: rate.country().to_owned(),
            standard: rate.standard().to_string(),
            reduced: rate.reduced().iter().map(Decimal::to_string).collect(),
            effective_from: IsoDate::of(rate.effective_from()),
            unverified: rate.unverified(),
        }
    }
}

/// The rates in force in `country` (a member state's code in any case; `"GR"` for Greece) on `date`,
/// from the built-in table.
///
/// Throws `vat.unknown_country` (not a member state), `vat.no_rate` (`"XI"`, or a day before the
/// table's first period, 2019-01-01), `argument.invalid_date` (Swift: not `YYYY-MM-DD`).
///
/// ```
/// use envoi_mobile::credits::plans::IsoDate;
/// use envoi_mobile::vat::vat_rate;
/// let finland = vat_rate("fi".into(), IsoDate("2024-09-01".into()))?;
/// assert_eq!((finland.standard.as_str(), finland.effective_from.0.as_str()), ("25.5", "2024-09-01"));
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export]
pub fn vat_rate(country: String, date: IsoDate) -> Result<VatRate, EnvoiError> {
    guard(|| {
        let date = parse_date("date", &date.0)?;
        Ok(VatRate::of(&envoi::vat::rate(&country, date)?))
    })
}

/// A table of VAT rates per EU member state with their effective dates: the built-in one
/// (`builtin()`), or one the host loads (`from_json`) when it knows newer rates. Immutable; `==`
/// compares every period and source.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct RateTable {
    inner: Cow<'static, envoi::vat::RateTable>,
}

impl fmt::Display for RateTable {
    /// `RateTable(verified_on=2026-11-30, countries=27)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RateTable(verified_on={}, countries={})",
            self.inner.verified_on(),
            self.inner.countries().count()
        )
    }
}

impl Hash for RateTable {
    /// The JSON form, which `==` agrees with.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.inner.to_json().hash(state);
    }
}

#[uniffi::export]
impl RateTable {
    /// The built-in table (the core's `rates.json`): the EU-27 from 2019-01-01, verified on
    /// `verified_on()`.
    #[uniffi::constructor]
    pub fn builtin() -> Arc<Self> {
        Arc::new(RateTable {
            inner: Cow::Borrowed(envoi::vat::RateTable::builtin()),
        })
    }

    /// Reads a table in the JSON format of `to_json()` and checks every rule of the format.
    ///
    /// Throws `vat.invalid_rate_table` (with `entry`, `field`, `value` and `rule`; malformed JSON
    /// too).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(RateTable {
                inner: Cow::Owned(envoi::vat::RateTable::from_json(&json)?),
            }))
        })
    }

    /// The table in its JSON format (pretty-printed), which `from_json` reads back into an equal
    /// table.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The day the table was last checked against its sources.
    pub fn verified_on(&self) -> IsoDate {
        IsoDate::of(self.inner.verified_on())
    }

    /// The member states of the table, as VAT codes in alphabetical order (`"EL"` for Greece).
    pub fn countries(&self) -> Vec<String> {
        self.inner.countries().map(str::to_owned).collect()
    }

    /// The rates in force in `country` on `date`; see [`vat_rate`] for the errors.
    pub fn rate(&self, country: String, date: IsoDate) -> Result<VatRate, EnvoiError> {
        guard(|| {
            let date = parse_date("date", &date.0)?;
            Ok(VatRate::of(&self.inner.rate(&country, date)?))
        })
    }
}

/// The online check's (VIES) answer at order time, as the host got it. Pass null/nil instead when
/// the check was unavailable or not made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OnlineCheck {
    /// Whether the service said the number is valid.
    pub valid: bool,
    /// The service's consultation number, kept as evidence.
    #[uniffi(default)]
    pub request_id: Option<String>,
    /// When the host asked, if it kept the time.
    #[uniffi(default)]
    pub checked_at: Option<SystemTime>,
}

impl OnlineCheck {
    fn of(check: &envoi::vat::OnlineCheck) -> Self {
        OnlineCheck {
            valid: check.valid,
            request_id: check.request_id.clone(),
            checked_at: check.checked_at.map(system_time),
        }
    }

    /// The core's answer; `field` names the argument in an `argument.instant_out_of_range`.
    pub(crate) fn to_core(&self, field: &str) -> Result<envoi::vat::OnlineCheck, EnvoiError> {
        Ok(envoi::vat::OnlineCheck {
            valid: self.valid,
            request_id: self.request_id.clone(),
            checked_at: self
                .checked_at
                .map(|at| to_instant(&format!("{field}.checked_at"), at))
                .transpose()?,
        })
    }
}

/// The error a host's [`OnlineVatCheck`] may throw (Kotlin: `OnlineVatCheckException`). It is not
/// "unavailable" (return null/nil for that): see the module documentation for what reaches the
/// caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum OnlineVatCheckError {
    /// The host's check failed.
    #[error("{reason}")]
    Failed {
        /// Why, in the host's words.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for OnlineVatCheckError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        OnlineVatCheckError::Failed {
            reason: error.reason,
        }
    }
}

/// The host's online check of a VAT number (VIES), implemented in Kotlin or Swift and given to
/// [`vat_treatment`]; envoi never does I/O itself. envoi asks it only when its answer decides the
/// treatment (a business in another member state that asked for the exemption, with a customer
/// number valid offline), at most once per call.
///
/// Kotlin: `object : OnlineVatCheck { override fun check(number: String): OnlineCheck? = … }`.
#[uniffi::export(foreign)]
pub trait OnlineVatCheck: Send + Sync {
    /// Asks the service about `number`, the compact number with its prefix (`"DE136695976"`;
    /// Greece's is `"EL…"` even when typed `GR`). Returns its answer, or null/nil when the service
    /// could not answer (the treatment is then `pending_verification`).
    fn check(&self, number: String) -> Result<Option<OnlineCheck>, OnlineVatCheckError>;
}

/// The host's [`OnlineVatCheck`] seen as the core's `envoi::vat::OnlineVatCheck`. A failure of the
/// host (an error thrown, an answer the core cannot hold) is kept in `failure`, for
/// [`vat_treatment`] to throw once the core has returned: it must not read as "unavailable".
struct HostOnlineCheck<'a> {
    host: &'a dyn OnlineVatCheck,
    failure: RefCell<Option<EnvoiError>>,
}

impl envoi::vat::OnlineVatCheck for HostOnlineCheck<'_> {
    fn check(
        &self,
        number: &envoi::vat::VatNumber,
    ) -> Result<envoi::vat::OnlineCheck, OnlineCheckUnavailable> {
        let failed = |error: EnvoiError| {
            let unavailable = OnlineCheckUnavailable::new(error.message());
            *self.failure.borrow_mut() = Some(error);
            unavailable
        };
        match self.host.check(number.compact().to_owned()) {
            Ok(Some(answer)) => answer.to_core("online_checker").map_err(failed),
            Ok(None) => Err(OnlineCheckUnavailable::new(
                "the host's check was unavailable",
            )),
            Err(OnlineVatCheckError::Failed { reason }) => Err(failed(EnvoiError::argument(
                HOST_ERROR_CODE,
                format!("online_checker: the host's online VAT check failed: {reason}"),
            ))),
        }
    }
}

/// What an order's VAT treatment rests on when a VAT number was given, frozen into the order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct VatEvidence {
    /// The number exactly as the customer typed it.
    pub typed: String,
    /// Its compact form, when it could be read.
    pub compact: Option<String>,
    /// Null/nil when the offline checks pass, else the error code (`"vat.bad_check_digit"`…).
    pub offline_error: Option<String>,
    /// The online check's answer, if the host made one.
    pub online: Option<OnlineCheck>,
}

impl VatEvidence {
    pub(crate) fn of(evidence: &envoi::vat::VatEvidence) -> Self {
        VatEvidence {
            typed: evidence.typed.clone(),
            compact: evidence.compact.clone(),
            offline_error: evidence.offline_error.clone(),
            online: evidence.online.as_ref().map(OnlineCheck::of),
        }
    }
}

/// The VAT an order carries, with the rule that decided it (SPEC section 7): an immutable value the
/// host stores with the order (`to_json`, `from_json`). Plain accessors do not throw.
///
/// `kind()` is `"charge"` (VAT at `rate()` of `vat_country()`), `"reverse_charge"` (0%, the
/// customer accounts for the VAT), `"out_of_scope"` (no EU VAT) or `"pending_verification"` (the
/// online check was unavailable: no treatment is assumed, `rate()` is null/nil).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Treatment {
    pub(crate) inner: envoi::vat::Treatment,
}

impl fmt::Display for Treatment {
    /// The core's: `charge BE 21% (belgian_customer)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl Hash for Treatment {
    /// The JSON form, which `==` agrees with.
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(&self.inner)
            .unwrap_or_default()
            .hash(state);
    }
}

#[uniffi::export]
impl Treatment {
    /// A treatment written by `to_json`. Throws `argument.invalid_json` (the message is serde's,
    /// with line and column).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a VAT treatment: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Arc::new(Treatment { inner }))
        })
    }

    /// The core's JSON form, every field named (`{"kind":"charge","vat_country":"BE","rate":"21",…}`),
    /// to store with the order.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a treatment: {error}")))
        })
    }

    /// `"charge"`, `"reverse_charge"`, `"out_of_scope"` or `"pending_verification"`.
    pub fn kind(&self) -> String {
        self.inner.kind().code().to_owned()
    }

    /// The member state whose VAT applies (`"EL"` for Greece); null/nil when out of scope.
    pub fn vat_country(&self) -> Option<String> {
        self.inner.vat_country().map(str::to_owned)
    }

    /// The VAT rate in percent as text (`"21"`); `"0"` for reverse charge and out of scope;
    /// null/nil while the treatment is pending verification.
    pub fn rate(&self) -> Option<String> {
        self.inner.rate().map(|rate| rate.to_string())
    }

    /// Whether the rate comes from after the day the rate table was last verified.
    pub fn rate_unverified(&self) -> bool {
        self.inner.rate_unverified()
    }

    /// The legal mention the invoice must carry: `"reverse_charge"`, `"out_of_scope"`, or null/nil.
    pub fn mention(&self) -> Option<String> {
        self.inner
            .mention()
            .map(|mention| mention.code().to_owned())
    }

    /// The legal mention's text in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`, any case), or
    /// null/nil without a mention. Throws `language.unsupported`.
    pub fn mention_text(&self, language: String) -> Result<Option<String>, EnvoiError> {
        guard(|| {
            let language: Language = language.parse()?;
            Ok(self
                .inner
                .mention()
                .map(|mention| mention.text(language).to_owned()))
        })
    }

    /// The rule of SPEC section 7 that decided the treatment, as a code (`"belgian_customer"`,
    /// `"eu_business_reverse_charge"`, `"eu_business_online_check_unavailable"`,
    /// `"eu_consumer_over_threshold"`, `"eu_consumer_under_threshold"`,
    /// `"letter_consumer_general_rule"`, `"outside_eu_electronic"`,
    /// `"outside_eu_business_letter"`).
    pub fn reason(&self) -> String {
        self.inner.reason().code().to_owned()
    }

    /// What the rule says, for an accountant reading the order.
    pub fn reason_explanation(&self) -> String {
        self.inner.reason().explanation().to_owned()
    }

    /// Why a declared business is treated as a consumer (`"no_vat_number"`, `"invalid_offline"`,
    /// `"invalid_online"`, `"oss_number"`, `"exemption_not_requested"`), or null/nil.
    pub fn treated_as_consumer(&self) -> Option<String> {
        self.inner
            .treated_as_consumer()
            .map(|why| why.code().to_owned())
    }

    /// The VAT number evidence, when a number was given.
    pub fn evidence(&self) -> Option<VatEvidence> {
        self.inner.evidence().map(VatEvidence::of)
    }

    /// A request, after the order, to remove its VAT (grant the exemption): an order already
    /// reverse charged is returned unchanged; any other is refused with
    /// `vat.exemption_not_requested_at_order` (with `order_id` and `treatment`): the exemption can
    /// only be asked for when ordering.
    pub fn remove_vat_after_order(&self, order_id: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let kept = self.inner.remove_vat_after_order(&order_id)?;
            Ok(Arc::new(Treatment {
                inner: kept.clone(),
            }))
        })
    }
}

/// Decides the VAT of an order per SPEC section 7 (the seller is in Belgium), with the rates of
/// `table` (null/nil: the built-in one) on `date`, the day of the supply.
///
/// - `customer_country`: ISO 3166 alpha-2 (`"GR"` is read as `"EL"`; `"XI"` is outside the EU for
///   services); `customer_kind`: `"business"` or `"consumer"`, as declared; `service`:
///   `"electronic"` (SMS, email, secure email and their packs) or `"letter"`.
/// - `vat_number`: as typed, if any; `online_check`: the online check's (VIES) answer at order time,
///   null/nil when it was unavailable; `exemption_requested`: whether the customer asked for the
///   exemption when ordering.
/// - `online_checker`: instead of `online_check`, the host's [`OnlineVatCheck`], asked (once, with
///   the compact number) only when its answer decides the treatment; both at once is
///   `argument.conflicting_arguments`. An error it throws is `argument.host_error` (Kotlin: use the
///   `vatTreatment(…, onlineCheck = checker, …)` overload, which re-throws the host's own
///   exception).
/// - `b2c_current_year`, `b2c_previous_year`: the seller's cross-border EU B2C sales of electronic
///   services in EUR, as decimal text (the current year includes this supply).
///
/// An invalid VAT number is not an error: the customer is treated as a consumer and the evidence
/// says why. Throws `vat.unknown_country` (a country that is not two letters),
/// `vat.invalid_argument` (an unknown `customer_kind` or `service`), `vat.invalid_amount` (a
/// negative total), `vat.no_rate`, `argument.invalid_decimal`, `argument.invalid_date`,
/// `argument.instant_out_of_range` (`online_check.checked_at`, `online_checker.checked_at`).
///
/// ```
/// use envoi_mobile::credits::plans::IsoDate;
/// use envoi_mobile::vat::{vat_treatment, OnlineCheck};
/// let answer = OnlineCheck { valid: true, request_id: Some("WAPIAAAAW1Fz5rY0".into()), checked_at: None };
/// let decided = vat_treatment(
///     "DE".into(), "business".into(), "electronic".into(), IsoDate("2026-03-02".into()),
///     Some("DE136695976".into()), Some(answer), true, "0".into(), "0".into(), None, None,
/// )?;
/// assert_eq!(decided.kind(), "reverse_charge");
/// assert_eq!(decided.rate().as_deref(), Some("0"));
/// assert_eq!(decided.mention().as_deref(), Some("reverse_charge"));
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
// The arguments are the core's TreatmentRequest, one by one, so that Kotlin and Swift callers name
// them (with defaults) as Python's keyword arguments.
#[allow(clippy::too_many_arguments)]
#[uniffi::export(default(
    vat_number = None,
    online_check = None,
    exemption_requested = false,
    b2c_current_year = "0",
    b2c_previous_year = "0",
    table = None,
    online_checker = None
))]
pub fn vat_treatment(
    customer_country: String,
    customer_kind: String,
    service: String,
    date: IsoDate,
    vat_number: Option<String>,
    online_check: Option<OnlineCheck>,
    exemption_requested: bool,
    b2c_current_year: String,
    b2c_previous_year: String,
    table: Option<Arc<RateTable>>,
    online_checker: Option<Arc<dyn OnlineVatCheck>>,
) -> Result<Arc<Treatment>, EnvoiError> {
    guard(|| {
        if online_check.is_some() && online_checker.is_some() {
            return Err(EnvoiError::argument(
                CONFLICTING_ARGUMENTS_CODE,
                "online_check, online_checker: give the online check's answer or the host's checker, not both".to_owned(),
            ));
        }
        let mut request = TreatmentRequest {
            customer_country,
            customer_kind: customer_kind.parse::<CustomerKind>()?,
            service: service.parse::<ServiceKind>()?,
            date: parse_date("date", &date.0)?,
            vat_number,
            online_check: online_check
                .as_ref()
                .map(|answer| answer.to_core("online_check"))
                .transpose()?,
            exemption_requested,
            b2c_current_year: parse_decimal("b2c_current_year", &b2c_current_year)?,
            b2c_previous_year: parse_decimal("b2c_previous_year", &b2c_previous_year)?,
        };
        if let Some(host) = online_checker.as_deref() {
            let checker = HostOnlineCheck {
                host,
                failure: RefCell::new(None),
            };
            request = request.with_online_check_from(&checker);
            if let Some(failure) = checker.failure.into_inner() {
                return Err(failure);
            }
        }
        let table: &envoi::vat::RateTable = match table.as_deref() {
            Some(table) => &table.inner,
            None => envoi::vat::RateTable::builtin(),
        };
        Ok(Arc::new(Treatment {
            inner: envoi::vat::treatment(&request, table)?,
        }))
    })
}

/// The text of a legal mention (`"reverse_charge"`, `"out_of_scope"`) in `language` (`"fr"`,
/// `"nl"`, `"de"`, `"en"`), for a mention code stored with an order. Throws `vat.invalid_argument`
/// (an unknown mention), `language.unsupported`.
#[uniffi::export]
pub fn vat_mention_text(mention: String, language: String) -> Result<String, EnvoiError> {
    guard(|| {
        let mention: Mention = mention.parse()?;
        let language: Language = language.parse()?;
        Ok(mention.text(language).to_owned())
    })
}

/// What a treatment reason code (see `Treatment.reason`) says, for an accountant. Throws
/// `vat.invalid_argument` for an unknown reason.
#[uniffi::export]
pub fn vat_reason_explanation(reason: String) -> Result<String, EnvoiError> {
    guard(|| {
        let reason: Reason = reason.parse()?;
        Ok(reason.explanation().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::INVALID_DATE_CODE;

    fn day(text: &str) -> IsoDate {
        IsoDate(text.to_owned())
    }

    fn decide(country: &str, kind: &str, service: &str) -> Result<Arc<Treatment>, EnvoiError> {
        vat_treatment(
            country.into(),
            kind.into(),
            service.into(),
            day("2026-03-02"),
            None,
            None,
            false,
            "0".into(),
            "0".into(),
            None,
            None,
        )
    }

    #[test]
    fn decimals_are_plain_text_only() {
        assert_eq!(parse_decimal("x", "0.0075").unwrap(), Decimal::new(75, 4));
        assert_eq!(parse_decimal("x", "-1.50").unwrap(), Decimal::new(-150, 2));
        assert_eq!(parse_decimal("x", "+3").unwrap(), Decimal::from(3));
        for bad in [
            "",
            "1.0E-5",
            "1e3",
            "25,00",
            "NaN",
            "Infinity",
            " 1",
            "1.",
            ".5",
            "--1",
            "0x10",
            "99999999999999999999999999999999",
        ] {
            let error = parse_decimal("quantity", bad).unwrap_err();
            assert_eq!(error.code(), INVALID_DECIMAL_CODE, "{bad:?}");
            assert!(error.message().starts_with("quantity: "), "{error}");
        }
    }

    #[test]
    fn vat_errors_carry_their_fields() {
        let error = parse_vat_number("DE12345".into(), None).unwrap_err();
        let EnvoiError::Vat {
            country,
            compact,
            length,
            expected,
            field,
            ..
        } = &error
        else {
            panic!("not a VAT error: {error:?}");
        };
        assert_eq!(
            (country.as_deref(), compact.as_deref(), *length),
            (Some("DE"), Some("DE12345"), Some(5))
        );
        assert_eq!((expected.as_deref(), field), (Some("9 digits"), &None));
        assert_eq!(error.code(), "vat.bad_length");
        assert_eq!(error.family(), "vat");

        let error = vat_rate("DE".into(), day("2018-12-31")).unwrap_err();
        let EnvoiError::Vat { date, .. } = &error else {
            panic!("not a VAT error: {error:?}");
        };
        assert_eq!(date, &Some(day("2018-12-31")));
    }

    #[test]
    fn validation_never_throws_for_a_bad_number() {
        let bad = validate_vat_number("BE0403170702".into(), None).unwrap();
        assert!(!bad.valid);
        assert_eq!(bad.reason.as_deref(), Some("vat.bad_check_digit"));
        assert!(bad.message.unwrap().contains("check-digit"));
        let oss = validate_vat_number("EU372022452".into(), None).unwrap();
        assert_eq!(oss.kind.as_deref(), Some("oss"));
    }

    #[test]
    fn treatment_converts_codes_dates_and_errors() {
        let belgian = decide("be", "consumer", "letter").unwrap();
        assert_eq!(belgian.to_string(), "charge BE 21% (belgian_customer)");
        assert_eq!(belgian.rate().as_deref(), Some("21"));
        let again = Treatment::from_json(belgian.to_json().unwrap()).unwrap();
        assert_eq!(*again, *belgian);

        let error = decide("DE", "company", "letter").unwrap_err();
        assert_eq!(error.code(), "vat.invalid_argument");
        let EnvoiError::Vat { field, value, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            (field.as_deref(), value.as_deref()),
            (Some("customer_kind"), Some("company"))
        );

        let error = vat_treatment(
            "BE".into(),
            "consumer".into(),
            "letter".into(),
            day("2026-3-2"),
            None,
            None,
            false,
            "0".into(),
            "0".into(),
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(error.code(), INVALID_DATE_CODE);

        let language = belgian.mention_text("es".into()).unwrap_err();
        assert!(matches!(language, EnvoiError::Language { ref value, .. } if value == "es"));
        assert_eq!(language.code(), "language.unsupported");
    }

    /// A host checker that records the numbers it is asked about.
    struct Recorder {
        answer: Result<Option<OnlineCheck>, OnlineVatCheckError>,
        asked: std::sync::Mutex<Vec<String>>,
    }

    impl OnlineVatCheck for Recorder {
        fn check(&self, number: String) -> Result<Option<OnlineCheck>, OnlineVatCheckError> {
            self.asked.lock().unwrap().push(number);
            self.answer.clone()
        }
    }

    fn recorder(answer: Result<Option<OnlineCheck>, OnlineVatCheckError>) -> Arc<Recorder> {
        Arc::new(Recorder {
            answer,
            asked: Default::default(),
        })
    }

    fn decide_with(
        checker: &Arc<Recorder>,
        country: &str,
        kind: &str,
        number: &str,
        exemption: bool,
    ) -> Result<Arc<Treatment>, EnvoiError> {
        vat_treatment(
            country.into(),
            kind.into(),
            "electronic".into(),
            day("2026-03-02"),
            Some(number.into()),
            None,
            exemption,
            "0".into(),
            "0".into(),
            None,
            Some(checker.clone() as Arc<dyn OnlineVatCheck>),
        )
    }

    #[test]
    fn the_host_checker_is_asked_only_when_it_decides() {
        let valid = Ok(Some(OnlineCheck {
            valid: true,
            request_id: None,
            checked_at: None,
        }));
        for (country, kind, number, exemption) in [
            ("DE", "consumer", "DE136695976", true),
            ("DE", "business", "DE136695976", false),
            ("BE", "business", "BE0403170701", true),
            ("XI", "business", "XI980780684", true),
            ("DE", "business", "DE136695977", true),
            ("DE", "business", "EU372022452", true),
        ] {
            let checker = recorder(valid.clone());
            decide_with(&checker, country, kind, number, exemption).unwrap();
            assert!(
                checker.asked.lock().unwrap().is_empty(),
                "{country} {number}"
            );
        }

        let checker = recorder(valid);
        let decided = decide_with(&checker, "GR", "business", "094259216", true).unwrap();
        assert_eq!(*checker.asked.lock().unwrap(), ["EL094259216"]);
        assert_eq!(decided.kind(), "reverse_charge");

        let checker = recorder(Ok(None));
        let pending = decide_with(&checker, "DE", "business", "DE136695976", true).unwrap();
        assert_eq!(pending.kind(), "pending_verification");
    }

    #[test]
    fn a_host_checker_failure_is_not_unavailable() {
        let checker = recorder(Err(OnlineVatCheckError::Failed {
            reason: "bug in the host".into(),
        }));
        let error = decide_with(&checker, "DE", "business", "DE136695976", true).unwrap_err();
        assert_eq!(error.code(), HOST_ERROR_CODE);
        assert!(error.message().contains("bug in the host"), "{error}");

        let far = recorder(Ok(Some(OnlineCheck {
            valid: true,
            request_id: None,
            checked_at: Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(u64::MAX / 2)),
        })));
        let error = decide_with(&far, "DE", "business", "DE136695976", true).unwrap_err();
        assert_eq!(error.code(), "argument.instant_out_of_range");
        assert!(error.message().starts_with("online_checker.checked_at: "));

        let both = vat_treatment(
            "DE".into(),
            "business".into(),
            "electronic".into(),
            day("2026-03-02"),
            None,
            Some(OnlineCheck {
                valid: true,
                request_id: None,
                checked_at: None,
            }),
            true,
            "0".into(),
            "0".into(),
            None,
            Some(recorder(Ok(None)) as Arc<dyn OnlineVatCheck>),
        )
        .unwrap_err();
        assert_eq!(both.code(), CONFLICTING_ARGUMENTS_CODE);
    }

    #[test]
    fn unexpected_callback_errors_become_check_failures() {
        let error = OnlineVatCheckError::from(uniffi::UnexpectedUniFFICallbackError::new("boom"));
        assert_eq!(
            error,
            OnlineVatCheckError::Failed {
                reason: "boom".into()
            }
        );
    }

    #[test]
    fn a_loaded_table_is_used() {
        let builtin = RateTable::builtin();
        let loaded = RateTable::from_json(builtin.to_json().unwrap()).unwrap();
        assert_eq!(*loaded, *builtin);
        assert_eq!(
            builtin.to_string(),
            "RateTable(verified_on=2026-11-30, countries=27)"
        );
        let error = RateTable::from_json("{".into()).unwrap_err();
        assert_eq!(error.code(), "vat.invalid_rate_table");
    }
}
