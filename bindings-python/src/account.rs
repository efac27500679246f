//! `envoi.account`: the customer account, its state and its options (mirrors `envoi::account`).
//!
//! Only conversions. Ids, countries and reasons are text; the language is `"fr"`, `"nl"`, `"de"`
//! or `"en"`, the customer kind `"business"` or `"consumer"`, states `"pending_payment"`,
//! `"active"` and `"suspended"`, channels `"email"`, `"sms"`, `"secure_email"` and `"letter"`,
//! credit kinds their names (`"sms"`). The invoicing address is an `envoi.invoice.Party`, the VAT
//! evidence an `envoi.vat.VatEvidence`, the SMS option an `envoi.contacts.AccountSmsOption`.
//! Instants in are aware `datetime`s (any tzinfo; [`instant_arg`]); instants out are `datetime`s
//! in the account's zone (`tz`, `"Europe/Brussels"` by default), as the credit ledger gives them.
//!
//! An [`Account`] and its [`AccountOptions`] are the core's values behind a lock
//! ([`Shared`]): `activate`, `suspend`, `change_state`, `enable`… change them in place with the
//! core's methods; `with_*` return a new account, as in the core. Their JSON form is the core's
//! serde form; `Account.from_json` checks every rule again (the core's
//! [`envoi::account::Account::from_json`]).
//!
//! An [`AccountError`] becomes `envoi.AccountError` with the core's code and message and the
//! variant's fields as attributes ([`account_err`]); an error of the invoicing address keeps its
//! own class and fields (`envoi.InvoiceError`).

use envoi::account::{AccountError, AccountState};
use envoi::contacts::Channel;
use envoi::credits::CreditKind;
use envoi::ids::AccountId;
use envoi::time::{Instant, Zone};
use envoi::vat::CustomerKind;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::contacts::AccountSmsOption;
use crate::credits::{credit_err, datetime, repr, unsigned};
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::invoice::{Party, invoice_err};
use crate::post::Job;
use crate::sms::WideInt;
use crate::time::instant_arg;
use crate::token::{Shared, from_json, serde_arg, to_json};
use crate::vat::{VatEvidence, language_arg, online_answer, vat_code_arg};

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of an account error: `envoi.AccountError` with the variant's fields as
/// attributes, times in `zone`; an error of the invoicing address is `envoi.InvoiceError`.
pub(crate) fn account_err(py: Python<'_>, zone: Zone, error: AccountError) -> PyErr {
    if let AccountError::Address(error) = error {
        return invoice_err(py, error);
    }
    match account_fields(py, zone, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of an account error, named as the core names them (`from` is `from_`).
fn account_fields<'py>(
    py: Python<'py>,
    zone: Zone,
    error: &AccountError,
) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    let time = |t: &Instant| datetime(py, zone, *t).ok();
    match error {
        AccountError::InvalidCountry { value } => {
            fields.set_item("value", value)?;
        }
        AccountError::IllegalTransition { account, from, to } => {
            fields.set_item("account", account)?;
            fields.set_item("from_", from.code())?;
            fields.set_item("to", to.code())?;
        }
        AccountError::TimeWentBack {
            account,
            field,
            at,
            last,
        } => {
            fields.set_item("account", account)?;
            fields.set_item("field", field)?;
            fields.set_item("at", time(at))?;
            fields.set_item("last", time(last))?;
        }
        AccountError::MissingReason { account, value } => {
            fields.set_item("account", account)?;
            fields.set_item("value", value)?;
        }
        AccountError::Suspended {
            account,
            since,
            reason,
        } => {
            fields.set_item("account", account)?;
            fields.set_item("since", time(since))?;
            fields.set_item("reason", reason)?;
        }
        AccountError::PendingPayment { account, since } => {
            fields.set_item("account", account)?;
            fields.set_item("since", time(since))?;
        }
        AccountError::ChannelDisabled { account, channel } => {
            fields.set_item("account", account)?;
            fields.set_item("channel", channel.as_str())?;
        }
        AccountError::VatNumberMismatch { address, account } => {
            fields.set_item("address", address)?;
            fields.set_item("account", account)?;
        }
        AccountError::CountryMismatch { address, account } => {
            fields.set_item("address", address)?;
            fields.set_item("account", account)?;
        }
        AccountError::InvalidAccount {
            account,
            field,
            value,
            rule,
            ..
        } => {
            fields.set_item("account", account)?;
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
            fields.set_item("inner_code", error.inner_code())?;
        }
        AccountError::JobOfAnotherAccount {
            job,
            job_account,
            account,
        } => {
            fields.set_item("job", job)?;
            fields.set_item("job_account", job_account)?;
            fields.set_item("account", account)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

// ---- Arguments -----------------------------------------------------------------------------------

/// A channel argument: its snake_case name (`ValueError` naming the names accepted).
fn channel_arg(channel: &str) -> PyResult<Channel> {
    serde_arg!(channel, "channel")
}

/// A state argument: `"pending_payment"`, `"active"` or `"suspended"`.
fn state_arg(state: &str) -> PyResult<AccountState> {
    serde_arg!(state, "state")
}

/// A credit kind argument, checked by the core (`credits.invalid_kind`).
fn kind_arg(py: Python<'_>, name: &str) -> PyResult<CreditKind> {
    CreditKind::new(name).map_err(|error| credit_err(py, Zone::default(), error))
}

/// A zone argument (`time.unknown_zone`).
fn zone_arg(py: Python<'_>, tz: &str) -> PyResult<Zone> {
    tz.parse().map_err(|error| to_py_err(py, error))
}

// ---- State changes -------------------------------------------------------------------------------

/// One recorded change of an account's state: `from_`, `to`, `at` (in the account's zone) and
/// `reason`. Immutable; compared by value.
#[pyclass(module = "envoi.account", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChange {
    zone: Zone,
    change: envoi::account::StateChange,
}

#[pymethods]
impl StateChange {
    /// The state before: `"pending_payment"`, `"active"` or `"suspended"`.
    #[getter]
    fn from_(&self) -> &'static str {
        self.change.from.code()
    }

    /// The state after.
    #[getter]
    fn to(&self) -> &'static str {
        self.change.to.code()
    }

    /// When it changed, in the account's zone.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.change.at))
    }

    /// Why (never blank).
    #[getter]
    fn reason(&self) -> &str {
        &self.change.reason
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "StateChange",
                &[
                    ("from_", PyString::new(py, self.from_()).into_any()),
                    ("to", PyString::new(py, self.to()).into_any()),
                    ("at", self.at(py)?),
                    ("reason", PyString::new(py, self.reason()).into_any()),
                ],
            )
        })
    }
}

// ---- Options -------------------------------------------------------------------------------------

/// An account's options: the channels it uses, the SMS option of SPEC section 3, the senders
/// whose letters need a manager's approval, and the low-balance thresholds per credit kind.
///
/// By default email, secure email and letters are on and SMS is off; SMS is switched by the SMS
/// option alone. Mutable (`enable`, `disable`, `set_letter_approval`,
/// `set_low_balance_threshold`) and safe to share between threads; its JSON form is the core's.
#[pyclass(module = "envoi.account", frozen)]
pub struct AccountOptions(Shared<envoi::account::AccountOptions>);

impl AccountOptions {
    fn from_core(options: envoi::account::AccountOptions) -> Self {
        AccountOptions(Shared::new(options, "AccountOptions"))
    }

    fn read<R>(
        &self,
        py: Python<'_>,
        read: impl FnOnce(&envoi::account::AccountOptions) -> R,
    ) -> PyResult<R> {
        Ok(read(&*self.0.lock(py)?))
    }

    fn json(&self, py: Python<'_>) -> PyResult<String> {
        to_json!(&*self.0.lock(py)?, "AccountOptions")
    }
}

#[pymethods]
impl AccountOptions {
    /// The default options: email, secure email and letters on, SMS off, no approval, no
    /// threshold.
    #[new]
    fn new() -> Self {
        AccountOptions::from_core(envoi::account::AccountOptions::default())
    }

    /// Whether the account uses `channel` (for `"sms"`: whether the SMS option is on). Raises
    /// `ValueError` for an unknown channel.
    fn is_enabled(&self, py: Python<'_>, channel: &str) -> PyResult<bool> {
        guard(py, || {
            let channel = channel_arg(channel)?;
            self.read(py, |options| options.is_enabled(channel))
        })
    }

    /// The channels the account uses, in the order email, sms, secure_email, letter.
    #[getter]
    fn enabled_channels(&self, py: Python<'_>) -> PyResult<Vec<&'static str>> {
        guard(py, || {
            self.read(py, |options| {
                options
                    .enabled_channels()
                    .into_iter()
                    .map(Channel::as_str)
                    .collect()
            })
        })
    }

    /// Enables `channel` at `at` (an aware datetime); False if it already was (`"sms"` switches
    /// the SMS option, which records `at`). Raises `ValueError` for an unknown channel and
    /// `envoi.TimeError` (`time.not_zone_aware`).
    fn enable(&self, py: Python<'_>, channel: &str, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || {
            let channel = channel_arg(channel)?;
            let at = instant_arg(at, "at")?;
            Ok(self.0.lock(py)?.enable(channel, at))
        })
    }

    /// Disables `channel` at `at`; False if it already was off.
    fn disable(&self, py: Python<'_>, channel: &str, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || {
            let channel = channel_arg(channel)?;
            let at = instant_arg(at, "at")?;
            Ok(self.0.lock(py)?.disable(channel, at))
        })
    }

    /// The SMS option of SPEC section 3 (a copy), as `envoi.contacts.Contact.may_receive` takes
    /// it.
    #[getter]
    fn sms_option(&self, py: Python<'_>) -> PyResult<AccountSmsOption> {
        guard(py, || {
            self.read(py, |options| {
                AccountSmsOption::from_core(*options.sms_option())
            })
        })
    }

    /// Whether letters from the user `sender` need a manager's approval before printing. Raises
    /// `ValueError` for a negative `sender`.
    fn letter_approval_required(&self, py: Python<'_>, sender: WideInt) -> PyResult<bool> {
        guard(py, || {
            let sender = unsigned(sender, "sender")?;
            self.read(py, |options| options.letter_approval_required(sender))
        })
    }

    /// Requires (or no longer requires) a manager's approval for the letters of `sender`.
    fn set_letter_approval(&self, py: Python<'_>, sender: WideInt, required: bool) -> PyResult<()> {
        guard(py, || {
            let sender = unsigned(sender, "sender")?;
            self.0.lock(py)?.set_letter_approval(sender, required);
            Ok(())
        })
    }

    /// The letter job `job` (an `envoi.post.Job`) of the host's account number `account`, with its
    /// approval step as these options say for its sender: a new job (`job` is unchanged). Raises
    /// `envoi.AccountError` (`account.job_of_another_account`, with `job`, `job_account` and
    /// `account`) for a job of another account, `ValueError` for a negative `account`.
    fn apply_letter_approval_for_account(
        &self,
        py: Python<'_>,
        account: WideInt,
        job: &Job,
    ) -> PyResult<Job> {
        guard(py, || {
            let account = unsigned(account, "account")?;
            let job = job.snapshot(py)?;
            self.read(py, |options| {
                options.apply_letter_approval_for_account(account, job)
            })?
            .map(Job::from_core)
            .map_err(|error| account_err(py, Zone::default(), error))
        })
    }

    /// The senders whose letters need approval, in increasing order.
    #[getter]
    fn letter_approval_senders(&self, py: Python<'_>) -> PyResult<Vec<u64>> {
        guard(py, || {
            self.read(py, |options| options.letter_approval_senders().collect())
        })
    }

    /// Sets (an int) or removes (None) the low-balance threshold of the credit kind `kind`: the
    /// account is warned when its available units are at or under it. Raises
    /// `envoi.CreditError` (`credits.invalid_kind`) and `ValueError` for a negative threshold.
    fn set_low_balance_threshold(
        &self,
        py: Python<'_>,
        kind: &str,
        threshold: Option<WideInt>,
    ) -> PyResult<()> {
        guard(py, || {
            let kind = kind_arg(py, kind)?;
            let threshold = threshold
                .map(|threshold| unsigned(threshold, "threshold"))
                .transpose()?;
            self.0.lock(py)?.set_low_balance_threshold(kind, threshold);
            Ok(())
        })
    }

    /// The low-balance thresholds per credit kind, as `envoi.credits.Ledger.notices_at` takes
    /// them.
    #[getter]
    fn low_balance_thresholds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let thresholds = self.read(py, |options| options.low_balance_thresholds().clone())?;
            let dict = PyDict::new(py);
            for (kind, threshold) in thresholds {
                dict.set_item(kind.as_str(), threshold)?;
            }
            Ok(dict)
        })
    }

    /// The options' JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json(py))
    }

    /// The options of a JSON form written by `to_json`. Raises `ValueError` naming the problem
    /// when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "AccountOptions").map(AccountOptions::from_core)
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Self>) -> PyResult<bool> {
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.0.snapshot(py)? == other.get().0.snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<AccountOptions>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json(py)?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &self.json(py)?).repr()?;
            Ok(format!("AccountOptions.from_json({json})"))
        })
    }
}

// ---- Account -------------------------------------------------------------------------------------

/// A customer account (SPEC section 1, issue 10): id, language, zone, customer kind, country, VAT
/// number with its evidence, invoicing address, options, and its state
/// `pending_payment` → `active` ⇄ `suspended` with every change recorded.
///
/// Mutable (`activate`, `suspend`, `change_state`) and safe to share between threads; `with_*`
/// return a new account. Plain data the host stores (`to_json` / `Account.from_json`, the core's
/// serde form, checked again when read); compared by value.
#[pyclass(module = "envoi.account", frozen)]
pub struct Account(pub(crate) Shared<envoi::account::Account>);

impl Account {
    fn from_core(account: envoi::account::Account) -> Self {
        Account(Shared::new(account, "Account"))
    }

    fn read<R>(
        &self,
        py: Python<'_>,
        read: impl FnOnce(&envoi::account::Account) -> R,
    ) -> PyResult<R> {
        Ok(read(&*self.0.lock(py)?))
    }

    fn zone(&self, py: Python<'_>) -> PyResult<Zone> {
        self.read(py, envoi::account::Account::zone)
    }

    fn json(&self, py: Python<'_>) -> PyResult<String> {
        to_json!(&*self.0.lock(py)?, "Account")
    }

    /// The state change a core method made, or its error.
    fn changed(
        &self,
        py: Python<'_>,
        change: impl FnOnce(
            &mut envoi::account::Account,
        ) -> Result<envoi::account::StateChange, AccountError>,
    ) -> PyResult<StateChange> {
        let (zone, result) = {
            let mut account = self.0.lock(py)?;
            (account.zone(), change(&mut account))
        };
        result
            .map(|change| StateChange { zone, change })
            .map_err(|error| account_err(py, zone, error))
    }

    /// `Ok` or the account error of a check, mapped.
    fn check(
        &self,
        py: Python<'_>,
        check: impl FnOnce(&envoi::account::Account) -> Result<(), AccountError>,
    ) -> PyResult<()> {
        let (zone, result) = self.read(py, |account| (account.zone(), check(account)))?;
        result.map_err(|error| account_err(py, zone, error))
    }
}

#[pymethods]
impl Account {
    /// A new account waiting for its first payment, with the default options and no VAT number.
    ///
    /// `language` is `"fr"`, `"nl"`, `"de"` or `"en"`; `customer_kind` `"business"` or
    /// `"consumer"`; `country` where the customer is established (ISO 3166-1 alpha-2, any case;
    /// `"XI"` for Northern Ireland), which must be the invoicing address's; `invoicing_address` an
    /// `envoi.invoice.Party` without a VAT number (`with_vat_number` gives the account's);
    /// `created_at` an aware datetime; `tz` the IANA zone of every wall-clock rule of the account.
    /// Raises `envoi.AccountError` (`account.invalid_country`, `account.country_mismatch`,
    /// `account.vat_number_mismatch`), `envoi.IdError`, `envoi.LanguageError`, `envoi.VatError`
    /// (`vat.invalid_argument` for the customer kind) and `envoi.TimeError` (`time.unknown_zone`,
    /// `time.not_zone_aware`).
    #[new]
    #[pyo3(signature = (id, language, customer_kind, country, invoicing_address, created_at, *, tz = Zone::default().name()))]
    #[pyo3(
        text_signature = "(id, language, customer_kind, country, invoicing_address, created_at, *, tz='Europe/Brussels')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        id: &str,
        language: &str,
        customer_kind: &str,
        country: &str,
        invoicing_address: &Bound<'_, Party>,
        created_at: &Bound<'_, PyAny>,
        tz: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let id = AccountId::new(id).map_err(|error| to_py_err(py, error))?;
            let language = language_arg(py, language)?;
            let customer_kind: CustomerKind = vat_code_arg(py, customer_kind)?;
            let created_at = instant_arg(created_at, "created_at")?;
            let zone = zone_arg(py, tz)?;
            envoi::account::Account::new(
                id,
                language,
                customer_kind,
                country,
                invoicing_address.get().0.clone(),
                created_at,
            )
            .map(|account| Account::from_core(account.with_zone(zone)))
            .map_err(|error| account_err(py, zone, error))
        })
    }

    /// The account of a JSON form written by `to_json`, every rule checked again (a legal,
    /// time-ordered history with reasons that ends in the state stored, the country, the VAT
    /// evidence and the address's number). Raises `envoi.AccountError`
    /// (`account.invalid_account` naming the field, or the error of the rule broken).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::account::Account::from_json(text)
                .map(Account::from_core)
                .map_err(|error| account_err(py, Zone::default(), error))
        })
    }

    /// The account's JSON form (the core's serde form), to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json(py))
    }

    /// A new account with the VAT number the customer typed and the online check's answer, if the
    /// host made one (`online_check`: an `envoi.vat.OnlineCheck`, True/False, or None). The
    /// evidence is kept; the invoicing address carries the compact number when it is valid
    /// offline and the online check did not say invalid (an invalid number is not an error: the
    /// VAT rules treat such a business as a consumer). Raises `envoi.InvoiceError` if the
    /// address refuses the number (an OSS `EU…` number) and `TypeError` for another
    /// `online_check`.
    #[pyo3(signature = (typed, online_check = None))]
    fn with_vat_number(
        &self,
        py: Python<'_>,
        typed: &str,
        online_check: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let online = match online_check {
                Some(value) => online_answer(value).map_err(|kind| {
                    pyo3::exceptions::PyTypeError::new_err(format!(
                        "online_check: expected an envoi.vat.OnlineCheck, True, False or None, \
                         not {kind}"
                    ))
                })?,
                None => None,
            };
            let account = self.0.snapshot(py)?;
            let zone = account.zone();
            account
                .with_vat_number(typed, online)
                .map(Account::from_core)
                .map_err(|error| account_err(py, zone, error))
        })
    }

    /// A new account with another invoicing address (an `envoi.invoice.Party` without a VAT
    /// number: it gets the account's). Raises `envoi.AccountError` (`account.country_mismatch`,
    /// `account.vat_number_mismatch`).
    fn with_invoicing_address(&self, py: Python<'_>, address: &Bound<'_, Party>) -> PyResult<Self> {
        guard(py, || {
            let account = self.0.snapshot(py)?;
            let zone = account.zone();
            account
                .with_invoicing_address(address.get().0.clone())
                .map(Account::from_core)
                .map_err(|error| account_err(py, zone, error))
        })
    }

    /// A new account with `options` (copied).
    fn with_options(&self, py: Python<'_>, options: &Bound<'_, AccountOptions>) -> PyResult<Self> {
        guard(py, || {
            let options = options.get().0.snapshot(py)?;
            Ok(Account::from_core(
                self.0.snapshot(py)?.with_options(options),
            ))
        })
    }

    /// The account's id.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |account| account.id().to_string()))
    }

    /// The language of the account's interface, invoices and messages: `"fr"`, `"nl"`, `"de"` or
    /// `"en"`.
    #[getter]
    fn language(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |account| account.language().code()))
    }

    /// The IANA name of the zone of every wall-clock rule of the account.
    #[getter]
    fn tz(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || Ok(self.zone(py)?.name()))
    }

    /// `"business"` or `"consumer"`.
    #[getter]
    fn customer_kind(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || {
            self.read(py, |account| account.customer_kind().code())
        })
    }

    /// The country the customer is established in: ISO 3166-1 alpha-2 in capitals, or `"XI"`.
    #[getter]
    fn country(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |account| account.country().to_owned()))
    }

    /// The evidence of the VAT number the customer gave (an `envoi.vat.VatEvidence`), or None.
    #[getter]
    fn vat_evidence(&self, py: Python<'_>) -> PyResult<Option<VatEvidence>> {
        guard(py, || {
            self.read(py, |account| {
                account.vat_evidence().cloned().map(VatEvidence)
            })
        })
    }

    /// The invoicing address (an `envoi.invoice.Party`): the buyer of the account's invoices.
    #[getter]
    fn invoicing_address(&self, py: Python<'_>) -> PyResult<Party> {
        guard(py, || {
            self.read(py, |account| Party(account.invoicing_address().clone()))
        })
    }

    /// A copy of the account's options; give a changed copy back with `with_options`.
    #[getter]
    fn options(&self, py: Python<'_>) -> PyResult<AccountOptions> {
        guard(py, || {
            self.read(py, |account| {
                AccountOptions::from_core(account.options().clone())
            })
        })
    }

    /// When the account was created, in its zone.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let (zone, at) = self.read(py, |account| (account.zone(), account.created_at()))?;
            datetime(py, zone, at)
        })
    }

    /// The current state: `"pending_payment"`, `"active"` or `"suspended"`.
    #[getter]
    fn state(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |account| account.state().code()))
    }

    /// Every change of state, oldest first.
    #[getter]
    fn history(&self, py: Python<'_>) -> PyResult<Vec<StateChange>> {
        guard(py, || {
            self.read(py, |account| {
                let zone = account.zone();
                account
                    .history()
                    .iter()
                    .map(|change| StateChange {
                        zone,
                        change: change.clone(),
                    })
                    .collect()
            })
        })
    }

    /// The state at `at` (an aware datetime): after every change made at or before `at`; before
    /// the first change, `"pending_payment"`.
    fn state_at(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<&'static str> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.read(py, |account| account.state_at(at).code())
        })
    }

    /// Whether the account may send at `at`: only an active account sends.
    fn may_send(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.read(py, |account| account.may_send(at))
        })
    }

    /// Returns None when the account may send at `at`, else raises `envoi.AccountError` saying
    /// why: `account.pending_payment` (`account`, `since`) or `account.suspended` (`account`,
    /// `since`, `reason`). The engine asks this before every send.
    fn require_active(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.check(py, |account| account.require_active(at))
        })
    }

    /// As `require_active`, then `account.channel_disabled` (`account`, `channel`) when the
    /// account has not enabled `channel`. Raises `ValueError` for an unknown channel.
    fn require_channel(
        &self,
        py: Python<'_>,
        channel: &str,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        guard(py, || {
            let channel = channel_arg(channel)?;
            let at = instant_arg(at, "at")?;
            self.check(py, |account| account.require_channel(channel, at))
        })
    }

    /// Changes the state to `to` at `at` for `reason` and records the change (returned). Raises
    /// `envoi.AccountError`: `account.illegal_transition` (`account`, `from_`, `to`; the same
    /// state included), `account.time_went_back` (`account`, `field`, `at`, `last`),
    /// `account.missing_reason` (`account`, `value`); a refused change records nothing.
    /// `ValueError` for an unknown state.
    fn change_state(
        &self,
        py: Python<'_>,
        to: &str,
        at: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<StateChange> {
        guard(py, || {
            let to = state_arg(to)?;
            let at = instant_arg(at, "at")?;
            self.changed(py, |account| account.change_state(to, at, reason).cloned())
        })
    }

    /// Activates the account (its payment arrived, or it is reactivated after a suspension); as
    /// `change_state("active", at, reason)`.
    fn activate(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<StateChange> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.changed(py, |account| account.activate(at, reason).cloned())
        })
    }

    /// Suspends an active account (it sends nothing until activated again); as
    /// `change_state("suspended", at, reason)`.
    fn suspend(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<StateChange> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.changed(py, |account| account.suspend(at, reason).cloned())
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Self>) -> PyResult<bool> {
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.0.snapshot(py)? == other.get().0.snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Account>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json(py)?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let (id, country, state, zone) = self.read(py, |account| {
                (
                    account.id().to_string(),
                    account.country().to_owned(),
                    account.state().code(),
                    account.zone().name(),
                )
            })?;
            repr(
                "Account",
                &[
                    ("id", PyString::new(py, &id).into_any()),
                    ("country", PyString::new(py, &country).into_any()),
                    ("state", PyString::new(py, state).into_any()),
                    ("tz", PyString::new(py, zone).into_any()),
                ],
            )
        })
    }
}

/// Registers the classes and constants of `envoi.account`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Account>()?;
    module.add_class::<AccountOptions>()?;
    module.add_class::<StateChange>()?;
    let states = AccountState::ALL.map(AccountState::code);
    module.add("ACCOUNT_STATES", PyTuple::new(module.py(), states)?)?;
    Ok(())
}
