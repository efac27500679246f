//! `envoi.senders`: the verified email addresses and SMS numbers an account sends from (mirrors
//! `envoi::senders`).
//!
//! Only conversions. A [`Sender`] is the core's `Sender` behind a lock: `start_verification`,
//! `confirm` and `set_sms_settings` change it in place (the core's methods; store it back after
//! every call), and its JSON form is the core's serde form. Verification codes are the key ring's
//! one-time codes (`envoi.tracking.KeyRing`); validities are `datetime.timedelta`s, instants aware
//! `datetime`s in (`at=None` reads the real clock) and `datetime`s in UTC out. National languages
//! are the segmenter's names (`"portuguese"`), read by the core.
//!
//! A [`SenderError`] becomes `envoi.SenderError` with the core's code and message and the variant's
//! fields as attributes ([`sender_err`]); the errors it wraps keep their own class: a number that is
//! no phone number at all `envoi.ContactError`, a refused code `envoi.TokenError`.

use chrono::TimeDelta;
use envoi::contacts::Channel;
use envoi::senders::{SenderAddress, SenderError, SmsSettings, Verification};
use envoi::sms::NationalLanguage;
use envoi::time::Instant;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};

use crate::contacts::{EmailAddress, PhoneNumber, contact_err};
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::sms::WideInt;
use crate::token::{
    CodeChallenge, KeyRing, Shared, code_policy, from_json, now_arg, serde_arg, to_json, token_err,
    utc_datetime,
};

/// `datetime.timedelta`.
static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a sender error: `envoi.SenderError` with the variant's fields as
/// attributes; a wrapped contact or token error keeps its own class and fields.
pub(crate) fn sender_err(py: Python<'_>, error: SenderError) -> PyErr {
    let error = match error {
        SenderError::Contact(error) => return contact_err(py, error),
        SenderError::Token(error) => return token_err(py, error),
        error => error,
    };
    match sender_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of a sender error, named as the core names them.
fn sender_fields<'py>(py: Python<'py>, error: &SenderError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        SenderError::NotInternational { value, suggestion } => {
            fields.set_item("value", value)?;
            fields.set_item("suggestion", suggestion)?;
        }
        SenderError::AlphanumericSender { value } => fields.set_item("value", value)?,
        SenderError::NotMobile { number, kind } => {
            fields.set_item("number", number)?;
            fields.set_item("kind", kind.as_str())?;
        }
        SenderError::NotVerified { sender, state } => {
            fields.set_item("sender", sender)?;
            fields.set_item("state", state)?;
        }
        SenderError::WrongChannel {
            sender,
            address,
            channel,
        } => {
            fields.set_item("sender", sender)?;
            fields.set_item("address", address.as_str())?;
            fields.set_item("channel", channel.as_str())?;
        }
        SenderError::AlreadyVerified { sender, at } => {
            fields.set_item("sender", sender)?;
            fields.set_item("at", utc_datetime(py, *at).ok())?;
        }
        SenderError::NoPendingVerification { sender } => fields.set_item("sender", sender)?,
        SenderError::ChallengeMismatch {
            sender,
            found_account,
            found_sender,
        } => {
            fields.set_item("sender", sender)?;
            fields.set_item("found_account", found_account)?;
            fields.set_item("found_sender", found_sender)?;
        }
        SenderError::ChallengeForAnotherAddress { sender, address } => {
            fields.set_item("sender", sender)?;
            fields.set_item("address", address)?;
        }
        SenderError::TooManyVerifications {
            sender,
            count,
            next_allowed_at,
        } => {
            fields.set_item("sender", sender)?;
            fields.set_item("count", count)?;
            fields.set_item("next_allowed_at", utc_datetime(py, *next_allowed_at).ok())?;
        }
        SenderError::InvalidParameter { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

// ---- Arguments -----------------------------------------------------------------------------------

/// A `datetime.timedelta` argument as the core's duration, to the microsecond (`TypeError` for
/// anything else).
pub(crate) fn timedelta_arg(value: &Bound<'_, PyAny>, name: &str) -> PyResult<TimeDelta> {
    let py = value.py();
    if !value.is_instance(TIMEDELTA.import(py, "datetime", "timedelta")?)? {
        return Err(PyTypeError::new_err(format!(
            "{name}: expected a datetime.timedelta, not {}",
            value.get_type().name()?
        )));
    }
    let days: i64 = value.getattr(pyo3::intern!(py, "days"))?.extract()?;
    let seconds: i64 = value.getattr(pyo3::intern!(py, "seconds"))?.extract()?;
    let micros: i64 = value
        .getattr(pyo3::intern!(py, "microseconds"))?
        .extract()?;
    TimeDelta::try_days(days)
        .and_then(|delta| delta.checked_add(&TimeDelta::seconds(seconds)))
        .and_then(|delta| delta.checked_add(&TimeDelta::microseconds(micros)))
        .ok_or_else(|| PyValueError::new_err(format!("{name}: out of range")))
}

// ---- SMS sender number ---------------------------------------------------------------------------

/// An SMS sender number: a mobile number in international form (`+32475123456`, `0032475123456`),
/// kept in E.164. Alphanumeric senders are refused (not accepted in every country, and the
/// recipient cannot reply). Immutable, hashable; `str()` is the E.164 text.
#[pyclass(module = "envoi.senders", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SmsSenderNumber(envoi::senders::SmsSenderNumber);

#[pymethods]
impl SmsSenderNumber {
    /// Reads a sender number. Raises `envoi.SenderError` (`senders.alphanumeric_sender`,
    /// `senders.not_international` with the `suggestion`, `senders.not_mobile`) or
    /// `envoi.ContactError` (`contacts.invalid_phone`).
    #[new]
    fn new(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::senders::SmsSenderNumber::parse(text)
                .map(SmsSenderNumber)
                .map_err(|error| sender_err(py, error))
        })
    }

    /// The E.164 text.
    #[getter]
    fn e164(&self) -> &str {
        self.0.e164()
    }

    /// The number as a contact's phone number (its kind is `"mobile"`).
    #[getter]
    fn phone_number(&self) -> PhoneNumber {
        PhoneNumber(self.0.phone_number().clone())
    }

    fn __str__(&self) -> &str {
        self.0.e164()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            py.get_type::<SmsSenderNumber>().into_any(),
            (self.0.e164().to_owned(),),
        ))
    }

    fn __repr__(&self) -> String {
        format!("SmsSenderNumber({:?})", self.0.e164())
    }
}

// ---- Sender --------------------------------------------------------------------------------------

/// A sender of an account: an email address (`email=`) or an SMS number (`sms=`), unverified until
/// the one-time code sent to it comes back. States: `"unverified"` → `"pending"`
/// (`start_verification` gives the code for the host to send) → `"verified"` (`confirm` with the
/// right code). A message uses a sender only through `require_for`. An SMS sender carries its SMS
/// settings (the national shift tables it opted in to, smart encoding), which `sms_options` hands
/// to `envoi.sms.analyze`. Mutable and safe to share between threads; store its JSON form.
#[pyclass(module = "envoi.senders", frozen)]
pub struct Sender(Shared<envoi::senders::Sender>);

impl Sender {
    fn read<R>(
        &self,
        py: Python<'_>,
        read: impl FnOnce(&envoi::senders::Sender) -> R,
    ) -> PyResult<R> {
        let sender = self.0.lock(py)?;
        Ok(read(&sender))
    }
}

/// The address of `Sender(…)`: exactly one of `email` and `sms`.
fn address_arg(
    py: Python<'_>,
    email: Option<&Bound<'_, PyAny>>,
    sms: Option<&Bound<'_, PyAny>>,
) -> PyResult<SenderAddress> {
    let email = email.filter(|value| !value.is_none());
    let sms = sms.filter(|value| !value.is_none());
    match (email, sms) {
        (Some(email), None) => {
            if let Ok(address) = email.cast::<EmailAddress>() {
                return Ok(SenderAddress::Email(address.get().0.clone()));
            }
            let text: &str = email.extract()?;
            envoi::contacts::EmailAddress::parse(text)
                .map(SenderAddress::Email)
                .map_err(|error| contact_err(py, error))
        }
        (None, Some(sms)) => {
            if let Ok(number) = sms.cast::<SmsSenderNumber>() {
                return Ok(SenderAddress::Sms(number.get().0.clone()));
            }
            let text: &str = sms.extract()?;
            envoi::senders::SmsSenderNumber::parse(text)
                .map(SenderAddress::Sms)
                .map_err(|error| sender_err(py, error))
        }
        _ => Err(PyTypeError::new_err(
            "Sender: give exactly one address, email=… or sms=…",
        )),
    }
}

#[pymethods]
impl Sender {
    /// A new, unverified sender `id` of `account` (the host's ids) for `email` (an address) or
    /// `sms` (a number in international form). Raises what `EmailAddress` and `SmsSenderNumber`
    /// raise; `TypeError` unless exactly one address is given.
    #[new]
    #[pyo3(signature = (account, id, *, email = None, sms = None))]
    fn new(
        py: Python<'_>,
        account: u64,
        id: u64,
        email: Option<&Bound<'_, PyAny>>,
        sms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let address = address_arg(py, email, sms)?;
            Ok(Sender(Shared::new(
                envoi::senders::Sender::new(account, id, address),
                "Sender",
            )))
        })
    }

    /// The account (the host's id).
    #[getter]
    fn account(&self, py: Python<'_>) -> PyResult<u64> {
        self.read(py, envoi::senders::Sender::account)
    }

    /// The sender's id (the host's).
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<u64> {
        self.read(py, envoi::senders::Sender::id)
    }

    /// The address: the email address or the number in E.164 form.
    #[getter]
    fn address(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |sender| sender.address().as_str().to_owned())
    }

    /// The channel of the address: `"email"` or `"sms"`.
    #[getter]
    fn channel(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.read(py, |sender| sender.address().channel().as_str())
    }

    /// `"unverified"`, `"pending"` or `"verified"`.
    #[getter]
    fn verification(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.read(py, |sender| sender.verification().name())
    }

    /// Whether it is verified.
    #[getter]
    fn is_verified(&self, py: Python<'_>) -> PyResult<bool> {
        self.read(py, envoi::senders::Sender::is_verified)
    }

    /// When the code was confirmed (UTC), or None.
    #[getter]
    fn verified_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let at: Option<Instant> = self.read(py, |sender| match sender.verification() {
            Verification::Verified { at } => Some(*at),
            _ => None,
        })?;
        at.map(|at| utc_datetime(py, at)).transpose()
    }

    /// The pending verification's challenge (a copy), or None.
    #[getter]
    fn challenge(&self, py: Python<'_>) -> PyResult<Option<CodeChallenge>> {
        self.read(py, |sender| match sender.verification() {
            Verification::Pending { challenge } => {
                Some(CodeChallenge::from_core(challenge.clone()))
            }
            _ => None,
        })
    }

    /// The SMS settings: `{"languages": [national language names], "smart_encoding": bool}`.
    #[getter]
    fn sms_settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let settings = self.read(py, |sender| sender.sms_settings().clone())?;
        settings_to_py(py, &settings.languages, settings.smart_encoding)
    }

    /// Sets the SMS settings (the verification stays). Raises `envoi.SenderError`
    /// (`senders.wrong_channel` for an email sender, `senders.invalid_parameter` for a language
    /// listed twice) or `envoi.SmsError` (`sms.unknown_language`).
    #[pyo3(signature = (*, languages = Vec::new(), smart_encoding = false))]
    #[pyo3(text_signature = "($self, *, languages=(), smart_encoding=False)")]
    fn set_sms_settings(
        &self,
        py: Python<'_>,
        languages: Vec<String>,
        smart_encoding: bool,
    ) -> PyResult<()> {
        guard(py, || {
            let languages = languages
                .iter()
                .map(|name| name.parse::<NationalLanguage>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|error| to_py_err(py, error))?;
            let settings = SmsSettings {
                languages,
                smart_encoding,
            };
            let result = self.0.lock(py)?.set_sms_settings(settings);
            result.map_err(|error| sender_err(py, error))
        })
    }

    /// The segmenter's options of this sender's messages, as keyword arguments of
    /// `envoi.sms.analyze`: `{"languages": […], "smart_encoding": bool}` (the core's
    /// `Sender::sms_options`; a table the sender did not opt in to is never used).
    fn sms_options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let options = self.read(py, |sender| {
            sender.sms_options(&envoi::sms::SmsOptions::default())
        })?;
        settings_to_py(py, &options.languages, options.smart_encoding)
    }

    /// Starts (or restarts) the verification: the code for the host to send to the address, valid
    /// for `validity` (a `timedelta`, 1 minute to 1 day) under the code policy (`alphabet`,
    /// `length`, `max_attempts`, as `KeyRing.issue_code`). `challenge_id` is the host's unique id
    /// of this attempt. Raises `envoi.SenderError` (`senders.already_verified`,
    /// `senders.invalid_parameter`) and `envoi.TokenError` (the key ring's).
    #[pyo3(signature = (ring, challenge_id, *, validity, at = None, alphabet = None, length = None, max_attempts = None))]
    #[allow(clippy::too_many_arguments)]
    fn start_verification(
        &self,
        py: Python<'_>,
        ring: &Bound<'_, KeyRing>,
        challenge_id: &str,
        validity: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        alphabet: Option<&str>,
        length: Option<WideInt>,
        max_attempts: Option<WideInt>,
    ) -> PyResult<String> {
        guard(py, || {
            let validity = timedelta_arg(validity, "validity")?;
            let at = now_arg(at, "at")?;
            let policy = code_policy(py, alphabet, length, max_attempts)?;
            let result = self.0.lock(py)?.start_verification(
                &ring.get().0,
                challenge_id,
                at,
                validity,
                &policy,
            );
            result.map_err(|error| sender_err(py, error))
        })
    }

    /// Confirms the code the person typed, at `at` (None: now). The right code verifies the
    /// sender; any refusal leaves it pending with the attempt counted (store it back either way).
    /// Raises `envoi.SenderError` (`senders.already_verified`, `senders.no_pending_verification`,
    /// `senders.challenge_mismatch`) and `envoi.TokenError` (`token.code_mismatch`,
    /// `token.code_expired`, `token.code_locked`…).
    #[pyo3(signature = (ring, code, at = None))]
    fn confirm(
        &self,
        py: Python<'_>,
        ring: &Bound<'_, KeyRing>,
        code: &str,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let result = self.0.lock(py)?.confirm(&ring.get().0, code, at);
            result.map_err(|error| sender_err(py, error))
        })
    }

    /// Checks that a message on `channel` may use this sender. Raises `envoi.SenderError`
    /// (`senders.wrong_channel`, then `senders.not_verified`).
    fn require_for(&self, py: Python<'_>, channel: &str) -> PyResult<()> {
        guard(py, || {
            let channel: Channel = serde_arg!(channel, "channel")?;
            let result = self.read(py, |sender| sender.require_for(channel))?;
            result.map_err(|error| sender_err(py, error))
        })
    }

    /// The sender's JSON form (the core's serde form), to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "Sender"))
    }

    /// The sender of a JSON form written by `to_json` (in any binding); the core checks it again.
    /// Raises `ValueError` naming the problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "Sender").map(|sender| Sender(Shared::new(sender, "Sender")))
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Sender>() else {
            return Ok(false);
        };
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.0.snapshot(py)? == other.get().0.snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Sender>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "Sender")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &to_json!(&*self.0.lock(py)?, "Sender")?).repr()?;
            Ok(format!("Sender.from_json({json})"))
        })
    }
}

/// `{"languages": [names], "smart_encoding": bool}`.
fn settings_to_py<'py>(
    py: Python<'py>,
    languages: &[NationalLanguage],
    smart_encoding: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let names: Vec<&str> = languages.iter().map(|language| language.name()).collect();
    dict.set_item("languages", names)?;
    dict.set_item("smart_encoding", smart_encoding)?;
    Ok(dict)
}

/// Registers the classes of `envoi.senders`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<SmsSenderNumber>()?;
    module.add_class::<Sender>()?;
    Ok(())
}
