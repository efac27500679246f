//! `envoi.tracking` (first part): key rings, signed tokens and one-time codes (mirrors
//! `envoi::token`).
//!
//! Only conversions. Purposes are their names (`"open"`, `"click"`, `"approval"`,
//! `"sender_verification"`, `"password_reset"`, `"secure_email"`), read by the core's `FromStr`
//! (`token.unknown_purpose`). Claims are dicts (any mapping) with the keys `account`, `message`,
//! `recipient` (0 to 2^64 - 1), `occurrence` and `credential` (0 to 2^32 - 1) and `link` (0 to
//! 65,535), a value of
//! None meaning absent ([`claims_arg`]); an unknown key or a value out of its type's range is
//! `envoi.TokenError` (`token.invalid_argument`, naming it), a value that is not an `int` a
//! `TypeError`. Claims come back as dicts of the claims present ([`claims_to_py`]).
//!
//! Instants in are aware `datetime`s (any tzinfo, [`instant_arg`]); `now=None` reads the real
//! clock here, in the binding (the core never reads a clock); an expiry may also be a `timedelta`
//! from `now`. Instants out are `datetime`s in UTC (`tzinfo=ZoneInfo("UTC")`).
//!
//! Issuing and verifying a token take about a microsecond: they run with the interpreter held
//! (releasing it costs more), like `envoi.vat.validate`.
//!
//! A [`TokenError`] becomes `envoi.TokenError` with the core's code and message and the variant's
//! fields as attributes ([`token_err`]).

use std::sync::{Mutex, MutexGuard};

use chrono::{TimeDelta, Utc};
use envoi::time::{Instant, TimeError, Zone};
use envoi::token::{Claims, CodePolicy, CodeState, Purpose, TokenError, Verified as CoreVerified};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyString, PyType};

use crate::credits::{repr, unsigned};
use crate::errors::{guard, poisoned, to_py_err, to_py_err_with_fields};
use crate::sms::WideInt;
use crate::time::{PyZone, instant_arg};

/// `datetime.timedelta`.
static TIMEDELTA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `json.loads`.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// `json.dumps`.
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

// ---- Conversions shared with the tracking classes ------------------------------------------------

/// The UTC zone: instants come out as `datetime`s with `tzinfo=ZoneInfo("UTC")`.
pub(crate) fn utc(py: Python<'_>) -> PyResult<Zone> {
    "UTC".parse().map_err(|error| to_py_err(py, error))
}

/// An instant as a `datetime` in UTC.
pub(crate) fn utc_datetime(py: Python<'_>, instant: Instant) -> PyResult<Bound<'_, PyAny>> {
    PyZone::new(py, utc(py)?)?.instant(instant)
}

/// An optional instant as a `datetime` in UTC, or None.
pub(crate) fn optional_utc_datetime(
    py: Python<'_>,
    instant: Option<Instant>,
) -> PyResult<Option<Bound<'_, PyAny>>> {
    instant.map(|instant| utc_datetime(py, instant)).transpose()
}

/// The instant of the `now` argument: the aware `datetime` given, or the real clock when None.
pub(crate) fn now_arg(now: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Instant> {
    match now {
        Some(value) if !value.is_none() => instant_arg(value, name),
        _ => Ok(Utc::now()),
    }
}

/// An expiry argument: None, an aware `datetime`, or a `datetime.timedelta` counted from `now`.
/// A `timedelta` that leads past the instants envoi represents is `envoi.TimeError`
/// (`time.out_of_range`).
pub(crate) fn expires_arg(
    expires: Option<&Bound<'_, PyAny>>,
    now: Instant,
    name: &str,
) -> PyResult<Option<Instant>> {
    let Some(value) = expires.filter(|value| !value.is_none()) else {
        return Ok(None);
    };
    let py = value.py();
    if !value.is_instance(TIMEDELTA.import(py, "datetime", "timedelta")?)? {
        return instant_arg(value, name).map(Some);
    }
    let days: i64 = value.getattr("days")?.extract()?;
    let seconds: i64 = value.getattr("seconds")?.extract()?;
    let micros: i64 = value.getattr("microseconds")?.extract()?;
    TimeDelta::try_days(days)
        .and_then(|delta| delta.checked_add(&TimeDelta::seconds(seconds)))
        .and_then(|delta| delta.checked_add(&TimeDelta::microseconds(micros)))
        .and_then(|delta| now.checked_add_signed(delta))
        .map(Some)
        .ok_or_else(|| {
            let error = TimeError::OutOfRange {
                value: format!(
                    "{name}: {now} + {}",
                    value
                        .str()
                        .map_or_else(|_| "?".to_owned(), |s| s.to_string())
                ),
                zone: "UTC".to_owned(),
            };
            to_py_err(py, error)
        })
}

/// A purpose argument, read by the core (`token.unknown_purpose`).
pub(crate) fn purpose_arg(py: Python<'_>, purpose: &str) -> PyResult<Purpose> {
    purpose.parse().map_err(|error| token_err(py, error))
}

/// A claim value: an `int` (not a `bool`) in `0..=max`, else `token.invalid_argument` naming the
/// claim; None is absent.
fn claim_value(
    value: &Bound<'_, PyAny>,
    field: &'static str,
    max: u64,
    rule: &'static str,
) -> PyResult<Option<u64>> {
    if value.is_none() {
        return Ok(None);
    }
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected an int, not {}",
            value.get_type().name()?
        )));
    }
    match value.extract::<u64>() {
        Ok(number) if number <= max => Ok(Some(number)),
        _ => Err(token_err(
            value.py(),
            TokenError::InvalidArgument {
                field,
                value: value.str()?.to_string(),
                rule,
            },
        )),
    }
}

/// Sets one claim by its key.
fn set_claim(
    claims: &mut Claims,
    key: &Bound<'_, PyAny>,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    const U64: &str = "is out of range: account, message and recipient are 0 to 2^64 - 1";
    let key = key.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(
            "claims: the keys are str (account, message, occurrence, recipient, link, credential)",
        )
    })?;
    match key.to_str()? {
        "account" => claims.account = claim_value(value, "claims.account", u64::MAX, U64)?,
        "message" => claims.message = claim_value(value, "claims.message", u64::MAX, U64)?,
        "recipient" => claims.recipient = claim_value(value, "claims.recipient", u64::MAX, U64)?,
        "occurrence" => {
            claims.occurrence = claim_value(
                value,
                "claims.occurrence",
                u64::from(u32::MAX),
                "is out of range: an occurrence is 0 to 2^32 - 1",
            )?
            .and_then(|number| u32::try_from(number).ok());
        }
        "link" => {
            claims.link = claim_value(
                value,
                "claims.link",
                u64::from(u16::MAX),
                "is out of range: a link is 0 to 65535",
            )?
            .and_then(|number| u16::try_from(number).ok());
        }
        "credential" => {
            claims.credential = claim_value(
                value,
                "claims.credential",
                u64::from(u32::MAX),
                "is out of range: a credential version is 0 to 2^32 - 1",
            )?
            .and_then(|number| u32::try_from(number).ok());
        }
        other => {
            return Err(token_err(
                key.py(),
                TokenError::InvalidArgument {
                    field: "claims",
                    value: other.chars().take(40).collect(),
                    rule: "is not a claim; the claims are account, message, occurrence, recipient, link and credential",
                },
            ));
        }
    }
    Ok(())
}

/// Claims from a dict (or any mapping with `items()`), None being no claims.
pub(crate) fn claims_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Claims> {
    let mut claims = Claims::default();
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(claims);
    };
    if let Ok(dict) = value.cast::<PyDict>() {
        for (key, item) in dict.iter() {
            set_claim(&mut claims, &key, &item)?;
        }
        return Ok(claims);
    }
    if !value.hasattr("items")? {
        return Err(PyTypeError::new_err(format!(
            "claims: expected a dict of account, message, occurrence, recipient, link and credential, not {}",
            value.get_type().name()?
        )));
    }
    for item in value.call_method0("items")?.try_iter()? {
        let (key, item): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        set_claim(&mut claims, &key, &item)?;
    }
    Ok(claims)
}

/// Claims as a dict of the claims present, in the order account, message, occurrence, recipient,
/// link, credential.
pub(crate) fn claims_to_py<'py>(py: Python<'py>, claims: &Claims) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    if let Some(account) = claims.account {
        dict.set_item(pyo3::intern!(py, "account"), account)?;
    }
    if let Some(message) = claims.message {
        dict.set_item(pyo3::intern!(py, "message"), message)?;
    }
    if let Some(occurrence) = claims.occurrence {
        dict.set_item(pyo3::intern!(py, "occurrence"), occurrence)?;
    }
    if let Some(recipient) = claims.recipient {
        dict.set_item(pyo3::intern!(py, "recipient"), recipient)?;
    }
    if let Some(link) = claims.link {
        dict.set_item(pyo3::intern!(py, "link"), link)?;
    }
    if let Some(credential) = claims.credential {
        dict.set_item(pyo3::intern!(py, "credential"), credential)?;
    }
    Ok(dict)
}

/// A serde enum's name (`"crockford"`, `"opt_out"`…), through its JSON form.
macro_rules! serde_name {
    ($value:expr) => {
        match serde_json::to_value($value) {
            Ok(serde_json::Value::String(name)) => name,
            _ => String::new(),
        }
    };
}
pub(crate) use serde_name;

/// A serde enum read from its name, or a `ValueError` naming the argument and the names accepted.
macro_rules! serde_arg {
    ($value:expr, $field:expr) => {
        serde_json::from_value(serde_json::Value::String($value.to_owned())).map_err(|error| {
            pyo3::exceptions::PyValueError::new_err(format!("{}: {error}", $field))
        })
    };
}
pub(crate) use serde_arg;

/// A serde value as JSON text (`ValueError` naming `what` if it cannot be written).
macro_rules! to_json {
    ($value:expr, $what:expr) => {
        serde_json::to_string($value)
            .map_err(|error| pyo3::exceptions::PyValueError::new_err(format!("{}: {error}", $what)))
    };
}
pub(crate) use to_json;

/// A serde value read from JSON text written by `to_json` (`ValueError` naming `what`).
macro_rules! from_json {
    ($text:expr, $what:expr) => {
        serde_json::from_str($text).map_err(|error| {
            pyo3::exceptions::PyValueError::new_err(format!("not a {} JSON: {error}", $what))
        })
    };
}
pub(crate) use from_json;

/// JSON text as plain Python values (dicts, lists, str, int, None).
pub(crate) fn json_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.import(py, "json", "loads")?.call1((json,))
}

/// Plain Python values as JSON text.
pub(crate) fn py_to_json(value: &Bound<'_, PyAny>) -> PyResult<String> {
    JSON_DUMPS
        .import(value.py(), "json", "dumps")?
        .call1((value,))?
        .extract()
}

/// A mutable core value shared by a frozen Python object: locked for each operation (never across
/// a call into Python). A lock poisoned by a panic raises `envoi.InternalError`.
pub(crate) struct Shared<T> {
    value: Mutex<T>,
    name: &'static str,
}

impl<T> Shared<T> {
    pub(crate) fn new(value: T, name: &'static str) -> Self {
        Shared {
            value: Mutex::new(value),
            name,
        }
    }

    pub(crate) fn lock(&self, py: Python<'_>) -> PyResult<MutexGuard<'_, T>> {
        self.value.lock().map_err(|_| self.poisoned(py))
    }

    /// The `envoi.InternalError` of a lock a panic poisoned.
    fn poisoned(&self, py: Python<'_>) -> PyErr {
        poisoned(
            py,
            &format!(
                "{}: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild it from its JSON",
                self.name
            ),
        )
    }
}

impl<T: Send> Shared<T> {
    /// Runs `operation` on the value, locked, with the interpreter released.
    pub(crate) fn detached<R: Send>(
        &self,
        py: Python<'_>,
        operation: impl FnOnce(&mut T) -> R + Send,
    ) -> PyResult<R> {
        let ran = py.detach(|| {
            self.value
                .lock()
                .ok()
                .map(|mut value| operation(&mut value))
        });
        match ran {
            Some(result) => Ok(result),
            None => Err(self.poisoned(py)),
        }
    }
}

impl<T: Clone> Shared<T> {
    /// A copy of the value.
    pub(crate) fn snapshot(&self, py: Python<'_>) -> PyResult<T> {
        self.lock(py).map(|value| value.clone())
    }
}

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a token error: `envoi.TokenError` with the variant's fields as
/// attributes, times as `datetime`s in UTC.
pub(crate) fn token_err(py: Python<'_>, error: TokenError) -> PyErr {
    match token_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of a token error, named as the core names them.
fn token_fields<'py>(py: Python<'py>, error: &TokenError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    let time = |instant: &Instant| utc_datetime(py, *instant).ok();
    match error {
        TokenError::BadBase64 { reason } | TokenError::CodeMalformed { reason } => {
            fields.set_item("reason", reason)?;
        }
        TokenError::WrongLength {
            length,
            unit,
            min,
            max,
        } => {
            fields.set_item("length", length)?;
            fields.set_item("unit", unit)?;
            fields.set_item("min", min)?;
            fields.set_item("max", max)?;
        }
        TokenError::UnsupportedVersion { version, supported } => {
            fields.set_item("version", version)?;
            fields.set_item("supported", supported)?;
        }
        TokenError::UnknownKey { key_id }
        | TokenError::BadTag { key_id }
        | TokenError::DuplicateKey { key_id }
        | TokenError::ActiveKeyMissing { key_id } => {
            fields.set_item("key_id", key_id)?;
        }
        TokenError::NonCanonical { field, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("rule", rule)?;
        }
        TokenError::WrongPurpose { expected, found } => {
            fields.set_item("expected", expected.as_str())?;
            fields.set_item("found", found.as_str())?;
        }
        TokenError::Expired { expires_at, now } | TokenError::CodeExpired { expires_at, now } => {
            fields.set_item("expires_at", time(expires_at))?;
            fields.set_item("now", time(now))?;
        }
        TokenError::UnknownPurpose { value } => {
            fields.set_item("value", value)?;
        }
        TokenError::KeyTooShort {
            key_id,
            length,
            min,
        } => {
            fields.set_item("key_id", key_id)?;
            fields.set_item("length", length)?;
            fields.set_item("min", min)?;
        }
        TokenError::InvalidTime { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", time(value))?;
            fields.set_item("rule", rule)?;
        }
        TokenError::InvalidArgument { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        TokenError::CodeMismatch { attempts_left } => {
            fields.set_item("attempts_left", attempts_left)?;
        }
        TokenError::CodeLocked { attempts } => {
            fields.set_item("attempts", attempts)?;
        }
        // `token.code_used` has no field; a variant added to the core later still raises with its
        // code and message.
        _ => {}
    }
    Ok(fields)
}

/// A key id (or the active id) argument: 0 to 255, else `token.invalid_argument` naming it.
fn key_id_arg(py: Python<'_>, value: WideInt, field: &'static str) -> PyResult<u8> {
    u8::try_from(value.0).map_err(|_| {
        token_err(
            py,
            TokenError::InvalidArgument {
                field,
                value: value.0.to_string(),
                rule: "is out of range: a key id is 0 to 255",
            },
        )
    })
}

/// A key's secret: `bytes` or `bytearray`.
fn secret_arg(value: &Bound<'_, PyAny>, key_id: u8) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return Ok(bytes.to_vec());
    }
    Err(PyTypeError::new_err(format!(
        "keys: the secret of key {key_id} must be bytes, not {}",
        value.get_type().name()?
    )))
}

// ---- Key ring ------------------------------------------------------------------------------------

/// The keys that sign and verify tokens: each with a small integer id (0 to 255), one active for
/// signing, the others retired (they verify what they signed, never sign again). A key removed from
/// the ring is gone: its tokens are refused with `token.unknown_key`.
///
/// Immutable and safe to share between threads; its `repr` shows the ids alone, never a secret.
#[pyclass(module = "envoi.tracking", frozen)]
pub struct KeyRing(pub(crate) envoi::token::KeyRing);

#[pymethods]
impl KeyRing {
    /// A ring of `keys` (a dict `{key_id: secret}`, or an iterable of `(key_id, secret)` pairs;
    /// secrets are `bytes` of at least 32 random bytes) where `active` signs and every other key is
    /// retired; tags of `tag_length` bytes (16 to 32).
    ///
    /// Raises `envoi.TokenError`: `token.key_too_short` (`key_id`, `length`, `min`),
    /// `token.duplicate_key` (`key_id`), `token.active_key_missing` (`key_id`),
    /// `token.invalid_argument` (`field`, `value`, `rule`: a key id outside 0 to 255, a tag length
    /// outside 16 to 32); `TypeError` for a secret that is not bytes.
    #[new]
    #[pyo3(signature = (keys, active, *, tag_length = WideInt(envoi::token::DEFAULT_TAG_LENGTH as i64)))]
    #[pyo3(text_signature = "(keys, active, *, tag_length=16)")]
    fn new(
        py: Python<'_>,
        keys: &Bound<'_, PyAny>,
        active: WideInt,
        tag_length: WideInt,
    ) -> PyResult<Self> {
        guard(py, || {
            let pairs: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = match keys.cast::<PyDict>() {
                Ok(dict) => dict.iter().collect(),
                Err(_) => keys
                    .try_iter()?
                    .map(|pair| pair?.extract())
                    .collect::<PyResult<_>>()?,
            };
            let mut ring_keys = Vec::with_capacity(pairs.len());
            for (id, secret) in &pairs {
                let id = key_id_arg(py, id.extract()?, "key_id")?;
                ring_keys.push((id, secret_arg(secret, id)?));
            }
            let active = key_id_arg(py, active, "active")?;
            let tag_length =
                usize::try_from(unsigned(tag_length, "tag_length")?).unwrap_or(usize::MAX);
            envoi::token::KeyRing::new(ring_keys, active)
                .and_then(|ring| ring.with_tag_length(tag_length))
                .map(KeyRing)
                .map_err(|error| token_err(py, error))
        })
    }

    /// The ids of every key (active and retired), in increasing order.
    #[getter]
    fn key_ids(&self) -> Vec<u16> {
        // Not `Vec<u8>`: pyo3 gives that as `bytes`.
        self.0.key_ids().map(u16::from).collect()
    }

    /// The id of the key that signs.
    #[getter]
    fn active_key_id(&self) -> u8 {
        self.0.active_key_id()
    }

    /// The length of this ring's tags, in bytes.
    #[getter]
    fn tag_length(&self) -> usize {
        self.0.tag_length()
    }

    /// A token for `purpose` saying `claims`, signed with the active key (or sealed: the claims and
    /// times encrypted with AES-256-SIV, unreadable without the key; same length). URL-safe text.
    ///
    /// `expires`: an aware datetime, or a `timedelta` from `now`; None: never. `now` (the issue
    /// time): an aware datetime, or None for the real clock. Times are kept to the whole second,
    /// rounded down; a token is valid strictly before its expiry. Raises `envoi.TokenError`
    /// (`token.unknown_purpose`, `token.invalid_time` for an issue time before 2025 or an expiry
    /// less than a second after it, `token.invalid_argument` for an unknown claim or one out of
    /// range) and `envoi.TimeError` (`time.not_zone_aware`).
    #[pyo3(signature = (purpose, claims, *, expires = None, now = None, sealed = false))]
    fn issue(
        &self,
        py: Python<'_>,
        purpose: &str,
        claims: Option<&Bound<'_, PyAny>>,
        expires: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        sealed: bool,
    ) -> PyResult<String> {
        guard(py, || {
            let purpose = purpose_arg(py, purpose)?;
            let claims = claims_arg(claims)?;
            let now = now_arg(now, "now")?;
            let expires = expires_arg(expires, now, "expires")?;
            let issued = if sealed {
                self.0.issue_sealed(purpose, &claims, now, expires)
            } else {
                self.0.issue(purpose, &claims, now, expires)
            };
            issued.map_err(|error| token_err(py, error))
        })
    }

    /// Checks a token (signed or sealed) for `purpose` at `now` (an aware datetime, None for the
    /// real clock) and says what it says.
    ///
    /// Raises `envoi.TokenError` with the first check that fails: `token.wrong_length`,
    /// `token.bad_base64`, `token.unsupported_version`, `token.unknown_key`, `token.bad_tag`,
    /// `token.non_canonical`, `token.wrong_purpose`, `token.expired` (valid strictly before the
    /// expiry); `token.unknown_purpose` for a purpose name that is not one.
    #[pyo3(signature = (purpose, token, *, now = None))]
    fn verify(
        &self,
        py: Python<'_>,
        purpose: &str,
        token: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verified> {
        guard(py, || {
            let purpose = purpose_arg(py, purpose)?;
            let now = now_arg(now, "now")?;
            self.0
                .verify(purpose, token, now)
                .map(Verified)
                .map_err(|error| token_err(py, error))
        })
    }

    /// A one-time code for `purpose` about `claims` (to send by SMS or email) and the
    /// `CodeChallenge` to store until the code comes back to `check_code`.
    ///
    /// `challenge_id` is the host's unique id of the challenge (1 to 128 bytes): the same inputs
    /// give the same code. `expires`: an aware datetime or a `timedelta` from `now`. `alphabet`
    /// `"digits"` (6 to 10) or `"crockford"` (base32, 6 to 16), `length` characters, `max_attempts`
    /// wrong codes before it locks (1 to 10); None: the core's default (6 digits, 5 attempts).
    /// Raises `envoi.TokenError` (`token.invalid_argument`, `token.invalid_time`,
    /// `token.unknown_purpose`) and `ValueError` for an unknown alphabet.
    #[pyo3(signature = (purpose, claims, challenge_id, *, expires, now = None, alphabet = None, length = None, max_attempts = None))]
    #[allow(clippy::too_many_arguments)]
    fn issue_code(
        &self,
        py: Python<'_>,
        purpose: &str,
        claims: Option<&Bound<'_, PyAny>>,
        challenge_id: &str,
        expires: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
        alphabet: Option<&str>,
        length: Option<WideInt>,
        max_attempts: Option<WideInt>,
    ) -> PyResult<(String, CodeChallenge)> {
        guard(py, || {
            let purpose = purpose_arg(py, purpose)?;
            let claims = claims_arg(claims)?;
            let policy = code_policy(py, alphabet, length, max_attempts)?;
            let now = now_arg(now, "now")?;
            let Some(expires) = expires_arg(Some(expires), now, "expires")? else {
                return Err(PyTypeError::new_err(
                    "expires: expected an aware datetime or a timedelta, not None",
                ));
            };
            let (code, challenge) = self
                .0
                .issue_code(purpose, &claims, challenge_id, now, expires, &policy)
                .map_err(|error| token_err(py, error))?;
            Ok((code, CodeChallenge::from_core(challenge)))
        })
    }

    /// Checks a code a person typed (spaces and dashes ignored, any case; Crockford's I and L read
    /// as 1, O as 0) against `challenge` at `now`, and records the attempt in `challenge` (changed
    /// in place: store it back, whatever the result).
    ///
    /// Raises `envoi.TokenError`: `token.wrong_purpose`, `token.code_used`, `token.code_locked`
    /// (`attempts`), `token.code_expired` (`expires_at`, `now`), `token.unknown_key`,
    /// `token.code_malformed` (`reason`; no attempt used), `token.code_mismatch`
    /// (`attempts_left`); the last wrong code gives `token.code_locked`.
    #[pyo3(signature = (purpose, challenge, given, *, now = None))]
    fn check_code(
        &self,
        py: Python<'_>,
        purpose: &str,
        challenge: &Bound<'_, CodeChallenge>,
        given: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verified> {
        guard(py, || {
            let purpose = purpose_arg(py, purpose)?;
            let now = now_arg(now, "now")?;
            let mut challenge = challenge.get().0.lock(py)?;
            self.0
                .check_code(purpose, &mut challenge, given, now)
                .map(Verified)
                .map_err(|error| token_err(py, error))
        })
    }

    /// The ids and the tag length, never a secret.
    fn __repr__(&self) -> String {
        format!(
            "<envoi.tracking.KeyRing key_ids={:?} active_key_id={} tag_length={}>",
            self.key_ids(),
            self.0.active_key_id(),
            self.0.tag_length()
        )
    }
}

/// A code policy from the arguments, the core's default for those not given.
pub(crate) fn code_policy(
    py: Python<'_>,
    alphabet: Option<&str>,
    length: Option<WideInt>,
    max_attempts: Option<WideInt>,
) -> PyResult<CodePolicy> {
    let mut policy = CodePolicy::default();
    if let Some(alphabet) = alphabet {
        policy.alphabet = serde_arg!(alphabet, "alphabet")?;
    }
    if let Some(length) = length {
        match u8::try_from(length.0) {
            Ok(value) => policy.length = value,
            Err(_) => {
                let probe = CodePolicy {
                    length: u8::MAX,
                    ..policy
                };
                return Err(out_of_type(py, probe, "length", length.0));
            }
        }
    }
    if let Some(attempts) = max_attempts {
        match u32::try_from(attempts.0) {
            Ok(value) => policy.max_attempts = value,
            Err(_) => {
                let probe = CodePolicy {
                    max_attempts: u32::MAX,
                    ..policy
                };
                return Err(out_of_type(py, probe, "max_attempts", attempts.0));
            }
        }
    }
    Ok(policy)
}

/// The core's error for a policy argument past the core's type: the core checks `probe` (the
/// argument at its type's maximum) and the error names the value as given.
fn out_of_type(py: Python<'_>, probe: CodePolicy, field: &'static str, value: i64) -> PyErr {
    let error = match probe.check() {
        Err(TokenError::InvalidArgument {
            field: named, rule, ..
        }) if named == field => TokenError::InvalidArgument {
            field,
            value: value.to_string(),
            rule,
        },
        Err(other) => other,
        Ok(()) => TokenError::InvalidArgument {
            field,
            value: value.to_string(),
            rule: "is out of range",
        },
    };
    token_err(py, error)
}

// ---- Verified ------------------------------------------------------------------------------------

/// A token (or a one-time code) that passed every check: what it says and who signed it.
///
/// `claims` is a dict of the claims the token carries; `issued_at` and `expires_at` are datetimes
/// in UTC, to the whole second; `token_id` is a stable id of the token (22 characters), for a host
/// that makes it single use (a password reset).
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified(pub(crate) CoreVerified);

#[pymethods]
impl Verified {
    /// The purpose the token was made (and verified) for.
    #[getter]
    fn purpose(&self) -> &'static str {
        self.0.purpose.as_str()
    }

    /// The ring key that signed it (active or retired).
    #[getter]
    fn key_id(&self) -> u8 {
        self.0.key_id
    }

    /// What it says: a dict of the claims present (`account`, `message`, `occurrence`,
    /// `recipient`, `link`).
    #[getter]
    fn claims<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        claims_to_py(py, &self.0.claims)
    }

    /// When it was issued, to the whole second, in UTC.
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || utc_datetime(py, self.0.issued_at))
    }

    /// When it expires (it was valid strictly before), in UTC; None: never.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_utc_datetime(py, self.0.expires_at))
    }

    /// A stable id of the token: 22 characters of base64url (the leftmost 16 bytes of its tag).
    #[getter]
    fn token_id(&self) -> String {
        self.0.token_id.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Verified",
                &[
                    ("purpose", PyString::new(py, self.purpose()).into_any()),
                    ("key_id", self.key_id().into_pyobject(py)?.into_any()),
                    ("claims", self.claims(py)?.into_any()),
                    ("issued_at", self.issued_at(py)?),
                    ("expires_at", self.expires_at(py)?.into_pyobject(py)?),
                    ("token_id", PyString::new(py, &self.token_id()).into_any()),
                ],
            )
        })
    }
}

// ---- One-time code challenge ---------------------------------------------------------------------

/// A one-time code sent to a person, as the host stores it until the code comes back to
/// `KeyRing.check_code`, which updates it in place (attempts used, state): store it back after
/// every check. The code itself is not in it.
///
/// Its JSON form (`to_json` / `CodeChallenge.from_json`) is the core's, the same in every
/// binding. Mutable (by `check_code` only) and safe to share between threads.
#[pyclass(module = "envoi.tracking", frozen)]
pub struct CodeChallenge(pub(crate) Shared<envoi::token::CodeChallenge>);

impl CodeChallenge {
    pub(crate) fn from_core(challenge: envoi::token::CodeChallenge) -> Self {
        CodeChallenge(Shared::new(challenge, "CodeChallenge"))
    }
}

#[pymethods]
impl CodeChallenge {
    /// The challenge of a JSON form written by `to_json` (in any binding). Raises `ValueError`
    /// naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "CodeChallenge").map(CodeChallenge::from_core)
        })
    }

    /// The challenge's JSON form (the core's serde form), to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "CodeChallenge"))
    }

    /// The ring key the code was derived with.
    #[getter]
    fn key_id(&self, py: Python<'_>) -> PyResult<u8> {
        Ok(self.0.lock(py)?.key_id)
    }

    /// What the code is for (a purpose name).
    #[getter]
    fn purpose(&self, py: Python<'_>) -> PyResult<&'static str> {
        Ok(self.0.lock(py)?.purpose.as_str())
    }

    /// What the code proves: a dict of claims.
    #[getter]
    fn claims<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let claims = self.0.lock(py)?.claims;
        claims_to_py(py, &claims)
    }

    /// The host's unique id of the challenge.
    #[getter]
    fn challenge_id(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.0.lock(py)?.challenge_id.clone())
    }

    /// When the code was issued, to the whole second, in UTC.
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let at = self.0.lock(py)?.issued_at;
        guard(py, || utc_datetime(py, at))
    }

    /// The code is valid strictly before this instant (UTC).
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let at = self.0.lock(py)?.expires_at;
        guard(py, || utc_datetime(py, at))
    }

    /// `"digits"` or `"crockford"`.
    #[getter]
    fn alphabet(&self, py: Python<'_>) -> PyResult<String> {
        Ok(serde_name!(self.0.lock(py)?.policy.alphabet))
    }

    /// The number of characters of the code.
    #[getter]
    fn length(&self, py: Python<'_>) -> PyResult<u8> {
        Ok(self.0.lock(py)?.policy.length)
    }

    /// Wrong codes allowed before the challenge locks.
    #[getter]
    fn max_attempts(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.policy.max_attempts)
    }

    /// Codes checked so far (right or wrong).
    #[getter]
    fn attempts_used(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.attempts_used)
    }

    /// Wrong codes still allowed before the challenge locks (0 once used or locked).
    #[getter]
    fn attempts_left(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.attempts_left())
    }

    /// `"pending"`, `"used"` (the right code was given: spent) or `"locked"` (every attempt used
    /// on wrong codes).
    #[getter]
    fn state(&self, py: Python<'_>) -> PyResult<&'static str> {
        Ok(match self.0.lock(py)?.state {
            CodeState::Pending => "pending",
            CodeState::Used => "used",
            CodeState::Locked => "locked",
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Self>) -> PyResult<bool> {
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        let mine = self.0.snapshot(py)?;
        let theirs = other.get().0.snapshot(py)?;
        Ok(mine == theirs)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<CodeChallenge>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "CodeChallenge")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &to_json!(&*self.0.lock(py)?, "CodeChallenge")?).repr()?;
            Ok(format!("CodeChallenge.from_json({json})"))
        })
    }
}
