//! Accounts (SPEC section 1, issue 10): [`Account`] (a uniffi Object holding the core's
//! `envoi::account::Account` behind a mutex), its [`AccountOptions`] (an immutable Object holding
//! the core's options) and the [`StateChange`] records of its history.
//!
//! Conversions only; every rule is the core's (`envoi::account`):
//!
//! - **Codes** cross as the core's snake-case names: a state (`"pending_payment"`, `"active"`,
//!   `"suspended"`), a channel (`"email"`, `"sms"`, `"secure_email"`, `"letter"`), a customer kind
//!   (`"business"`, `"consumer"`), a language (`"fr"`, `"nl"`, `"de"`, `"en"`), a credit kind
//!   (`"sms"`, `"email"`…). An unknown state or channel is `argument.unknown_value`, an unknown
//!   customer kind the core's `vat.invalid_argument`, an unknown language `language.unsupported`.
//! - **Instants** are `SystemTime` (`java.time.Instant`, Swift `Date`;
//!   `argument.instant_out_of_range` outside the core's years); the zone is an IANA name (default
//!   `"Europe/Brussels"`, `time.unknown_zone` otherwise). The hand-written Kotlin layer
//!   (kotlin/src/main/kotlin/dev/envoi/Account.kt) adds `ZonedDateTime` overloads.
//! - **The invoicing address** is an [`invoice::Party`](crate::invoice::Party); the VAT evidence a
//!   [`vat::VatEvidence`](crate::vat::VatEvidence) record, the online check a
//!   [`vat::OnlineCheck`](crate::vat::OnlineCheck).
//! - **Errors**: every function throws [`AccountError`] (Kotlin `AccountException`): the core's
//!   `AccountError` as [`AccountError::Account`] with its code (`account.*`) and fields; any other
//!   family (the invoicing address's `invoice.*`, `id.*` for a blank or too long account id…) as
//!   [`AccountError::Envoi`], holding the [`EnvoiError`] every other function throws.
//!
//! An account is mutable (a change of state or of its options updates it in place, and is safe
//! between threads: each call takes its mutex); the `with_…` methods return a new account and leave
//! this one as it was. The host stores `to_json()` after each change and reads it back with
//! `Account.from_json`, which checks what the methods keep.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::account::{AccountError as CoreError, AccountState};
use envoi::ids::AccountId;
use envoi::language::Language;
use envoi::vat::CustomerKind;

use crate::contacts::{AccountSmsOption, channel};
use crate::credits::{to_instant, to_kind, to_u64, to_zone};
use crate::invoice::Party;
use crate::post::code_arg;
use crate::time::system_time;
use crate::vat::{OnlineCheck, VatEvidence};
use crate::{EnvoiError, guard_as};

/// `Name({json})` of a core value, for `Display` (`Name(?)` if it cannot be written).
fn show<T: serde::Serialize>(f: &mut fmt::Formatter<'_>, name: &str, value: &T) -> fmt::Result {
    match serde_json::to_string(value) {
        Ok(json) => write!(f, "{name}({json})"),
        Err(_) => write!(f, "{name}(?)"),
    }
}

/// The core's JSON form of `value`; `what` names it in the (impossible) error.
fn to_json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, EnvoiError> {
    serde_json::to_string(value)
        .map_err(|error| EnvoiError::panic(&format!("serializing {what}: {error}")))
}

fn state_arg(field: &str, name: &str) -> Result<AccountState, EnvoiError> {
    code_arg(field, name, &AccountState::ALL, AccountState::code)
}

/// One recorded change of an account's state: from, to, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct StateChange {
    /// The state before (`"pending_payment"`, `"active"`, `"suspended"`).
    pub from: String,
    /// The state after.
    pub to: String,
    /// When it changed.
    pub at: SystemTime,
    /// Why (never blank).
    pub reason: String,
}

impl StateChange {
    fn of(change: &envoi::account::StateChange) -> Self {
        StateChange {
            from: change.from.code().to_owned(),
            to: change.to.code().to_owned(),
            at: system_time(change.at),
            reason: change.reason.clone(),
        }
    }
}

/// The states an account in `state` may go to (`"active"` → `["suspended"]`), as the core's state
/// machine says. Throws `argument.unknown_value`.
#[uniffi::export]
pub fn account_next_states(state: String) -> Result<Vec<String>, AccountError> {
    guard_as(|| {
        Ok(state_arg("state", &state)?
            .next_states()
            .iter()
            .map(|next| next.code().to_owned())
            .collect())
    })
}

// ---- Errors --------------------------------------------------------------------------------------

/// The error every function of this module throws (Kotlin: `AccountException`, Swift:
/// `AccountError`): [`AccountError::Account`] for the core's `account.*` codes with their fields,
/// or [`AccountError::Envoi`] holding the [`EnvoiError`] of any other family (`invoice.*` of the
/// invoicing address, `id.*`, `language.unsupported`, `vat.invalid_argument`, `time.*`,
/// `credits.invalid_kind`, `argument.*`, `internal.panic`). Like [`EnvoiError`] it has `code()`,
/// `family()` and `message()`.
///
/// A module error of its own, as matrix-rust-sdk has one per area: uniffi keeps each error type's
/// metadata (its variants, fields and docs) in one 32 KiB buffer, which [`EnvoiError`] nearly
/// fills.
// `Envoi` holds an EnvoiError by value (uniffi cannot pass a boxed field across the FFI); errors
// are the cold path (see the note on `clippy::result_large_err` in lib.rs).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum AccountError {
    /// An `account.*` code (`invalid_country`, `illegal_transition`, `time_went_back`,
    /// `missing_reason`, `suspended`, `pending_payment`, `channel_disabled`, `vat_number_mismatch`,
    /// `country_mismatch`, `invalid_account`, `job_of_another_account`), with the core error's fields, null/nil when the code
    /// has none (README, *Accounts*).
    #[error("{reason}")]
    Account {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The account id; for `vat_number_mismatch` and `country_mismatch`, the account's VAT
        /// number (null/nil: none valid) or country (the core's field `account`); for
        /// `job_of_another_account`, the host's number of the account whose options were asked.
        account: Option<String>,
        /// The value given (`invalid_country`, `missing_reason`, `invalid_account`).
        value: Option<String>,
        /// The state it was in (`illegal_transition`).
        from: Option<String>,
        /// The state asked for (`illegal_transition`).
        to: Option<String>,
        /// The field (`time_went_back`: `"at"`; `invalid_account`: `"history[1].at"`, `"json"`…).
        field: Option<String>,
        /// The time given (`time_went_back`).
        at: Option<SystemTime>,
        /// The account's last change, or its creation (`time_went_back`).
        last: Option<SystemTime>,
        /// Since when (`suspended`, `pending_payment`).
        since: Option<SystemTime>,
        /// Why it was suspended (`suspended`: the core's `reason`, renamed: `reason` is the message
        /// here).
        detail: Option<String>,
        /// The channel (`channel_disabled`).
        channel: Option<String>,
        /// The invoicing address's VAT number (null/nil: none) or country (the mismatches).
        address: Option<String>,
        /// The rule broken (`invalid_account`).
        rule: Option<String>,
        /// The host's job id (`job_of_another_account`).
        job: Option<u64>,
        /// The job's account, the host's number (`job_of_another_account`; `account` is the one
        /// whose options were asked).
        job_account: Option<u64>,
    },
    /// An error of another family, as every other function throws it.
    #[error("{error}")]
    Envoi {
        /// The error, with its code and fields.
        error: EnvoiError,
    },
}

impl<E: Into<EnvoiError>> From<E> for AccountError {
    fn from(error: E) -> Self {
        AccountError::Envoi {
            error: error.into(),
        }
    }
}

impl AccountError {
    fn parts(&self) -> (String, String) {
        match self {
            AccountError::Account { code, reason, .. } => (code.clone(), reason.clone()),
            AccountError::Envoi { error } => (error.code(), error.message()),
        }
    }
}

#[uniffi::export]
impl AccountError {
    /// The stable code, such as `"account.suspended"` (or the code of the error held).
    pub fn code(&self) -> String {
        self.parts().0
    }

    /// The family of the code: the part before the first dot (`"account"`).
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

impl From<CoreError> for AccountError {
    /// `code`, `reason` and the core's fields (see [`AccountError::Account`]); the invoicing
    /// address's errors as [`AccountError::Envoi`] holding an [`EnvoiError::Invoice`]. A variant
    /// this binding does not know yet keeps its code and message.
    fn from(error: CoreError) -> Self {
        let error = match error {
            CoreError::Address(error) => return EnvoiError::from(error).into(),
            other => other,
        };
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut account, mut value, mut from, mut to, mut field) = (None, None, None, None, None);
        let (mut at, mut last, mut since, mut detail) = (None, None, None, None);
        let (mut channel, mut address, mut rule) = (None, None, None);
        let (mut job, mut job_account) = (None, None);
        let state = |state: envoi::account::AccountState| Some(state.code().to_owned());
        match error {
            CoreError::InvalidCountry { value: v } => value = Some(v),
            CoreError::IllegalTransition {
                account: a,
                from: f,
                to: t,
            } => (account, from, to) = (Some(a), state(f), state(t)),
            CoreError::TimeWentBack {
                account: a,
                field: f,
                at: t,
                last: l,
            } => {
                (account, field) = (Some(a), Some(f));
                (at, last) = (Some(system_time(t)), Some(system_time(l)));
            }
            CoreError::MissingReason {
                account: a,
                value: v,
            } => (account, value) = (Some(a), Some(v)),
            CoreError::Suspended {
                account: a,
                since: s,
                reason: r,
            } => (account, since, detail) = (Some(a), Some(system_time(s)), Some(r)),
            CoreError::PendingPayment {
                account: a,
                since: s,
            } => (account, since) = (Some(a), Some(system_time(s))),
            CoreError::ChannelDisabled {
                account: a,
                channel: c,
            } => (account, channel) = (Some(a), Some(c.as_str().to_owned())),
            CoreError::VatNumberMismatch {
                address: d,
                account: a,
            } => (address, account) = (d, a),
            CoreError::CountryMismatch {
                address: d,
                account: a,
            } => (address, account) = (Some(d), Some(a)),
            CoreError::InvalidAccount {
                account: a,
                field: f,
                value: v,
                rule: r,
                ..
            } => (account, field, value, rule) = (a, Some(f), Some(v), Some(r)),
            CoreError::JobOfAnotherAccount {
                job: j,
                job_account: ja,
                account: a,
            } => (job, job_account, account) = (Some(j), Some(ja), Some(a.to_string())),
            _ => {}
        }
        AccountError::Account {
            code,
            reason,
            account,
            value,
            from,
            to,
            field,
            at,
            last,
            since,
            detail,
            channel,
            address,
            rule,
            job,
            job_account,
        }
    }
}

// ---- Options -------------------------------------------------------------------------------------

/// An account's options (issue 10): the channels it uses, the SMS option of SPEC section 3 (SMS is
/// switched by it alone), which senders' letters need a manager's approval, and the low-balance
/// thresholds per credit kind. `AccountOptions()` is the core's default: email, secure email and
/// letters on, SMS off, no approval, no threshold.
///
/// Immutable: each change returns a new object. `==`/`hashCode` compare every field, `toString()`
/// shows the core's JSON form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct AccountOptions {
    inner: envoi::account::AccountOptions,
}

impl fmt::Display for AccountOptions {
    /// `AccountOptions({"channels":["email","secure_email","letter"],…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "AccountOptions", &self.inner)
    }
}

impl Hash for AccountOptions {
    /// The JSON form, which `==` agrees with.
    fn hash<H: Hasher>(&self, state: &mut H) {
        serde_json::to_string(&self.inner)
            .unwrap_or_default()
            .hash(state);
    }
}

impl AccountOptions {
    fn wrap(inner: envoi::account::AccountOptions) -> Arc<Self> {
        Arc::new(AccountOptions { inner })
    }

    fn changed(
        &self,
        change: impl FnOnce(&mut envoi::account::AccountOptions) -> Result<(), AccountError>,
    ) -> Result<Arc<Self>, AccountError> {
        guard_as(|| {
            let mut options = self.inner.clone();
            change(&mut options)?;
            Ok(Self::wrap(options))
        })
    }
}

/// The low-balance thresholds as a map of credit kind names.
fn thresholds(options: &envoi::account::AccountOptions) -> HashMap<String, u64> {
    options
        .low_balance_thresholds()
        .iter()
        .map(|(kind, threshold)| (kind.as_str().to_owned(), *threshold))
        .collect()
}

#[uniffi::export]
impl AccountOptions {
    /// The default options.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Self::wrap(envoi::account::AccountOptions::default())
    }

    /// Options written by `to_json`, checked by the core (`"sms"` may not be listed in
    /// `channels`: SMS is the SMS option's). Throws `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, AccountError> {
        guard_as(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    crate::errors::INVALID_JSON_CODE,
                    format!("json: not account options: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Self::wrap(inner))
        })
    }

    /// The core's JSON form: `{"channels":[…],"sms_option":{…},"letter_approval_senders":[…],
    /// "low_balance_thresholds":{…}}`.
    pub fn to_json(&self) -> Result<String, AccountError> {
        guard_as(|| Ok(to_json("account options", &self.inner)?))
    }

    /// Whether the account uses `channel` (for `"sms"`: whether the SMS option is on). Throws
    /// `argument.unknown_value`.
    pub fn is_enabled(&self, channel: String) -> Result<bool, AccountError> {
        guard_as(|| Ok(self.inner.is_enabled(self::channel("channel", &channel)?)))
    }

    /// The channels the account uses, in the core's order (`"email"`, `"sms"`, `"secure_email"`,
    /// `"letter"`).
    pub fn enabled_channels(&self) -> Vec<String> {
        self.inner
            .enabled_channels()
            .into_iter()
            .map(|channel| channel.as_str().to_owned())
            .collect()
    }

    /// The SMS option of SPEC section 3, as `Contact.may_receive` takes it.
    pub fn sms_option(&self) -> AccountSmsOption {
        AccountSmsOption::of(*self.inner.sms_option())
    }

    /// Whether letters from the user `sender` need a manager's approval before printing.
    pub fn letter_approval_required(&self, sender: u64) -> bool {
        self.inner.letter_approval_required(sender)
    }

    /// The senders whose letters need approval, in increasing order.
    pub fn letter_approval_senders(&self) -> Vec<u64> {
        self.inner.letter_approval_senders().collect()
    }

    /// The low-balance threshold of each credit kind that has one (`{"sms": 100}`), as
    /// `Ledger.notices_at` takes them.
    pub fn low_balance_thresholds(&self) -> HashMap<String, u64> {
        thresholds(&self.inner)
    }

    /// The same options with `channel` on (`"sms"`: the SMS option switched on at `at`; the other
    /// channels ignore `at`). Throws `argument.unknown_value`, `argument.instant_out_of_range`.
    pub fn enable(&self, channel: String, at: SystemTime) -> Result<Arc<Self>, AccountError> {
        self.changed(|options| {
            options.enable(self::channel("channel", &channel)?, to_instant("at", at)?);
            Ok(())
        })
    }

    /// The same options with `channel` off (see `enable`).
    pub fn disable(&self, channel: String, at: SystemTime) -> Result<Arc<Self>, AccountError> {
        self.changed(|options| {
            options.disable(self::channel("channel", &channel)?, to_instant("at", at)?);
            Ok(())
        })
    }

    /// A new job: `job` with the approval step these options ask for its sender, after checking
    /// that it is a job of `account` (the host's number of the account these options belong to,
    /// as `Job.account()` gives it); `job` itself is left as it was. The one call the host makes
    /// when it creates a letter job. Throws `account.job_of_another_account` (with `job`,
    /// `jobAccount` and `account`).
    pub fn apply_letter_approval_for_account(
        &self,
        account: u64,
        job: Arc<crate::post::Job>,
    ) -> Result<Arc<crate::post::Job>, AccountError> {
        guard_as(|| {
            let job = self
                .inner
                .apply_letter_approval_for_account(account, job.snapshot())?;
            Ok(crate::post::Job::wrap(job))
        })
    }

    /// The same options with the letters of `sender` needing (or no longer needing) approval.
    pub fn with_letter_approval(&self, sender: u64, required: bool) -> Arc<Self> {
        let mut options = self.inner.clone();
        options.set_letter_approval(sender, required);
        Self::wrap(options)
    }

    /// The same options with the low-balance threshold of credit kind `kind` set (null/nil:
    /// removed). Throws `credits.invalid_kind`, `argument.out_of_range` (a negative threshold).
    pub fn with_low_balance_threshold(
        &self,
        kind: String,
        threshold: Option<i64>,
    ) -> Result<Arc<Self>, AccountError> {
        self.changed(|options| {
            let threshold = threshold
                .map(|units| to_u64("threshold", units))
                .transpose()?;
            options.set_low_balance_threshold(to_kind(&kind)?, threshold);
            Ok(())
        })
    }
}

// ---- The account ---------------------------------------------------------------------------------

/// A customer account (SPEC section 1, issue 10): its id, interface language, time zone of every
/// wall-clock rule, customer kind and country (for VAT), VAT number with its evidence, invoicing
/// address, options, and its state `"pending_payment"` → `"active"` ⇄ `"suspended"` with every
/// change recorded. Only an active account sends: the host asks `require_active` (or
/// `require_channel`) before every send.
///
/// Mutable (`activate`, `suspend`, `change_state` and the option setters update it in place; a
/// refused change changes nothing) and safe to share between threads; `with_…` return a new
/// account. `==` compares every field and the history; `toString()` shows the core's JSON form.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Account {
    inner: Mutex<envoi::account::Account>,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.lock(), f)
    }
}

impl fmt::Display for Account {
    /// `Account({"id":"acc_42","language":"fr",…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "Account", &*self.lock())
    }
}

impl PartialEq for Account {
    /// Every field and the history.
    fn eq(&self, other: &Self) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let mine = self.lock().clone();
        mine == *other.lock()
    }
}

impl Eq for Account {}

impl Account {
    fn wrap(inner: envoi::account::Account) -> Arc<Self> {
        Arc::new(Account {
            inner: Mutex::new(inner),
        })
    }

    /// The account; a panic cannot leave it half-changed (each core change checks before it
    /// writes), so a poisoned lock is taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, envoi::account::Account> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A copy of the account changed by the core into a new object.
    fn with(
        &self,
        change: impl FnOnce(envoi::account::Account) -> Result<envoi::account::Account, AccountError>,
    ) -> Result<Arc<Self>, AccountError> {
        guard_as(|| {
            let account = self.lock().clone();
            Ok(Self::wrap(change(account)?))
        })
    }

    /// A change of state at `at` for `reason`, recorded.
    fn change(
        &self,
        to: AccountState,
        at: SystemTime,
        reason: &str,
    ) -> Result<StateChange, AccountError> {
        let at = to_instant("at", at)?;
        Ok(StateChange::of(self.lock().change_state(to, at, reason)?))
    }
}

#[uniffi::export]
impl Account {
    /// A new account, waiting for its first payment (`"pending_payment"`), with the default
    /// options and no VAT number, in `zone` (an IANA name; null/nil: `"Europe/Brussels"`).
    ///
    /// `id` is the host's account id; `language` `"fr"`, `"nl"`, `"de"` or `"en"`; `customer_kind`
    /// `"business"` or `"consumer"`; `country` where the customer is established (ISO 3166-1
    /// alpha-2, any case; `"XI"` for Northern Ireland), which must be the invoicing address's; the
    /// address carries no VAT number of its own (`with_vat_number` gives the account's).
    ///
    /// Throws `account.invalid_country`, `account.country_mismatch`,
    /// `account.vat_number_mismatch`, `id.*`, `language.unsupported`, `vat.invalid_argument` (an
    /// unknown customer kind), `time.unknown_zone`, `argument.instant_out_of_range`.
    #[uniffi::constructor(default(zone = None))]
    pub fn new(
        id: String,
        language: String,
        customer_kind: String,
        country: String,
        invoicing_address: Arc<Party>,
        created_at: SystemTime,
        zone: Option<String>,
    ) -> Result<Arc<Self>, AccountError> {
        guard_as(|| {
            let id = AccountId::new(&id)?;
            let language: Language = language.parse()?;
            let customer_kind: CustomerKind = customer_kind.parse()?;
            let created_at = to_instant("created_at", created_at)?;
            let zone = zone.map(|name| to_zone(Some(name))).transpose()?;
            let account = envoi::account::Account::new(
                id,
                language,
                customer_kind,
                &country,
                invoicing_address.inner.clone(),
                created_at,
            )?;
            Ok(Self::wrap(match zone {
                Some(zone) => account.with_zone(zone),
                None => account,
            }))
        })
    }

    /// An account written by `to_json` (in any language), checked by the core: a legal,
    /// time-ordered history with reasons that ends in the state stored, a country that is the
    /// address's, VAT evidence rebuilt from the typed number, an address carrying the account's VAT
    /// number. Throws `account.invalid_account` (with `field`, `value` and `rule`; `field` is
    /// `"json"` for text that is not an account's JSON), `account.invalid_country`,
    /// `account.country_mismatch`, `account.vat_number_mismatch`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, AccountError> {
        guard_as(|| Ok(Self::wrap(envoi::account::Account::from_json(&json)?)))
    }

    /// The core's JSON form, to store the account.
    pub fn to_json(&self) -> Result<String, AccountError> {
        guard_as(|| Ok(to_json("an account", &*self.lock())?))
    }

    /// The same account with the VAT number the customer typed and the online check's (VIES)
    /// answer, if the host made one. The evidence is kept (`vat_evidence()`), and the invoicing
    /// address carries the compact number when it is valid offline and the online check did not
    /// say invalid; an invalid number is not an error (the VAT rules then treat the business as a
    /// consumer). Throws `invoice.invalid_identifier` (a Belgian number that differs from the
    /// address's enterprise number),
    /// `argument.instant_out_of_range` (`online_check.checked_at`).
    #[uniffi::method(default(online_check = None))]
    pub fn with_vat_number(
        &self,
        typed: String,
        online_check: Option<OnlineCheck>,
    ) -> Result<Arc<Self>, AccountError> {
        self.with(|account| {
            let online = online_check
                .as_ref()
                .map(|answer| answer.to_core("online_check"))
                .transpose()?;
            Ok(account.with_vat_number(&typed, online)?)
        })
    }

    /// The same account with another invoicing address, given without a VAT number (it gets the
    /// account's). Throws `account.country_mismatch`, `account.vat_number_mismatch`.
    pub fn with_invoicing_address(&self, address: Arc<Party>) -> Result<Arc<Self>, AccountError> {
        self.with(|account| Ok(account.with_invoicing_address(address.inner.clone())?))
    }

    /// The same account with its wall-clock rules in `zone` (an IANA name). Throws
    /// `time.unknown_zone`.
    pub fn with_zone(&self, zone: String) -> Result<Arc<Self>, AccountError> {
        self.with(|account| Ok(account.with_zone(to_zone(Some(zone))?)))
    }

    /// The same account with other options.
    pub fn with_options(&self, options: Arc<AccountOptions>) -> Arc<Self> {
        Self::wrap(self.lock().clone().with_options(options.inner.clone()))
    }

    /// The host's account id.
    pub fn id(&self) -> String {
        self.lock().id().as_str().to_owned()
    }

    /// The language of the account's interface, invoices and messages (`"fr"`, `"nl"`, `"de"`,
    /// `"en"`).
    pub fn language(&self) -> String {
        self.lock().language().code().to_owned()
    }

    /// The IANA name of the time zone of every wall-clock rule of the account.
    pub fn zone(&self) -> String {
        self.lock().zone().name().to_owned()
    }

    /// `"business"` or `"consumer"`.
    pub fn customer_kind(&self) -> String {
        self.lock().customer_kind().code().to_owned()
    }

    /// The country the customer is established in: ISO 3166-1 alpha-2 in capitals, or `"XI"`.
    pub fn country(&self) -> String {
        self.lock().country().to_owned()
    }

    /// The evidence of the VAT number the customer gave, or null/nil.
    pub fn vat_evidence(&self) -> Option<VatEvidence> {
        self.lock().vat_evidence().map(VatEvidence::of)
    }

    /// The invoicing address: the buyer of the account's invoices.
    pub fn invoicing_address(&self) -> Arc<Party> {
        Party::wrap(self.lock().invoicing_address().clone())
    }

    /// The account's options (a copy: change them with the setters below or `with_options`).
    pub fn options(&self) -> Arc<AccountOptions> {
        AccountOptions::wrap(self.lock().options().clone())
    }

    /// When the account was created.
    pub fn created_at(&self) -> SystemTime {
        system_time(self.lock().created_at())
    }

    /// The current state: `"pending_payment"`, `"active"` or `"suspended"`.
    pub fn state(&self) -> String {
        self.lock().state().code().to_owned()
    }

    /// Every change of state, oldest first.
    pub fn history(&self) -> Vec<StateChange> {
        self.lock().history().iter().map(StateChange::of).collect()
    }

    /// The state at `at`: after every change made at or before `at`; `"pending_payment"` before
    /// the first. Throws `argument.instant_out_of_range`.
    pub fn state_at(&self, at: SystemTime) -> Result<String, AccountError> {
        guard_as(|| {
            let at = to_instant("at", at)?;
            Ok(self.lock().state_at(at).code().to_owned())
        })
    }

    /// Whether the account may send at `at` (only an active account sends). Throws
    /// `argument.instant_out_of_range`.
    pub fn may_send(&self, at: SystemTime) -> Result<bool, AccountError> {
        guard_as(|| {
            let at = to_instant("at", at)?;
            Ok(self.lock().may_send(at))
        })
    }

    /// Returns when the account may send at `at`, else throws why not: `account.pending_payment`
    /// (with `since`) or `account.suspended` (with `since` and `detail`, the suspension's reason).
    pub fn require_active(&self, at: SystemTime) -> Result<(), AccountError> {
        guard_as(|| {
            let at = to_instant("at", at)?;
            Ok(self.lock().require_active(at)?)
        })
    }

    /// Returns when the account may send on `channel` at `at`: active, and the channel enabled.
    /// Throws as `require_active`, then `account.channel_disabled` (with `channel`);
    /// `argument.unknown_value`.
    pub fn require_channel(&self, channel: String, at: SystemTime) -> Result<(), AccountError> {
        guard_as(|| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(self.lock().require_channel(channel, at)?)
        })
    }

    /// Changes the state to `to` at `at` for `reason` and records the change, returned. Throws
    /// `account.illegal_transition` (with `from` and `to`; the same state included),
    /// `account.time_went_back` (before the last change or the creation: with `at` and `last`),
    /// `account.missing_reason` (a blank reason), `argument.unknown_value`; a refused change
    /// records nothing.
    pub fn change_state(
        &self,
        to: String,
        at: SystemTime,
        reason: String,
    ) -> Result<StateChange, AccountError> {
        guard_as(|| self.change(state_arg("to", &to)?, at, &reason))
    }

    /// Activates the account (its payment arrived, or after a suspension). Throws as
    /// `change_state` (an active account is not activated again).
    pub fn activate(&self, at: SystemTime, reason: String) -> Result<StateChange, AccountError> {
        guard_as(|| self.change(AccountState::Active, at, &reason))
    }

    /// Suspends an active account: it sends nothing until activated again. Throws as
    /// `change_state`.
    pub fn suspend(&self, at: SystemTime, reason: String) -> Result<StateChange, AccountError> {
        guard_as(|| self.change(AccountState::Suspended, at, &reason))
    }

    /// Enables `channel` at `at` (`"sms"`: switches the SMS option on, recording `at`); `false`
    /// if it already was. Throws `argument.unknown_value`, `argument.instant_out_of_range`.
    pub fn enable_channel(&self, channel: String, at: SystemTime) -> Result<bool, AccountError> {
        guard_as(|| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(self.lock().options_mut().enable(channel, at))
        })
    }

    /// Disables `channel` at `at`; `false` if it already was off. Throws as `enable_channel`.
    pub fn disable_channel(&self, channel: String, at: SystemTime) -> Result<bool, AccountError> {
        guard_as(|| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(self.lock().options_mut().disable(channel, at))
        })
    }

    /// Requires (or no longer requires) a manager's approval for the letters of the user `sender`.
    pub fn set_letter_approval(&self, sender: u64, required: bool) {
        self.lock()
            .options_mut()
            .set_letter_approval(sender, required);
    }

    /// Sets (null/nil: removes) the low-balance threshold of credit kind `kind`: the account is
    /// warned when the available units are at or under it. Throws `credits.invalid_kind`,
    /// `argument.out_of_range` (negative).
    pub fn set_low_balance_threshold(
        &self,
        kind: String,
        threshold: Option<i64>,
    ) -> Result<(), AccountError> {
        guard_as(|| {
            let kind = to_kind(&kind)?;
            let threshold = threshold
                .map(|units| to_u64("threshold", units))
                .transpose()?;
            self.lock()
                .options_mut()
                .set_low_balance_threshold(kind, threshold);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::instant;

    fn at(text: &str) -> SystemTime {
        system_time(text.parse().unwrap())
    }

    fn account() -> Arc<Account> {
        let address = Party::new("Boulangerie Dupont SPRL".into(), "BE".into()).unwrap();
        Account::new(
            "acc_42".into(),
            "fr".into(),
            "business".into(),
            "be".into(),
            address,
            at("2026-03-02T09:00:00Z"),
            None,
        )
        .unwrap()
    }

    #[test]
    fn lifecycle_and_json_round_trip() {
        let account = account();
        assert_eq!(account.state(), "pending_payment");
        assert_eq!(account.country(), "BE");
        assert_eq!(account.zone(), "Europe/Brussels");
        let error = account
            .require_active(at("2026-03-02T10:00:00Z"))
            .unwrap_err();
        assert_eq!(error.code(), "account.pending_payment");
        let change = account
            .activate(at("2026-03-04T08:00:00Z"), "bank transfer received".into())
            .unwrap();
        assert_eq!(
            (change.from.as_str(), change.to.as_str()),
            ("pending_payment", "active")
        );
        assert!(account.may_send(at("2026-03-05T00:00:00Z")).unwrap());
        assert!(
            account
                .enable_channel("sms".into(), at("2026-03-04T08:00:00Z"))
                .unwrap()
        );
        account
            .require_channel("sms".into(), at("2026-03-05T00:00:00Z"))
            .unwrap();
        let copy = Account::from_json(account.to_json().unwrap()).unwrap();
        assert_eq!(*copy, *account);
        assert!(instant(copy.history()[0].at).is_some());
    }

    #[test]
    fn unknown_codes_are_argument_errors() {
        let account = account();
        let error = account
            .change_state("closed".into(), at("2026-03-04T08:00:00Z"), "x".into())
            .unwrap_err();
        assert_eq!(error.code(), "argument.unknown_value");
        assert_eq!(
            account_next_states("active".into()).unwrap(),
            vec!["suspended".to_owned()]
        );
    }
}
