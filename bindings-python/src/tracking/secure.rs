//! Secure-email access: `SecureAccess`, `SecureOpen` and `AccessLock`.

use envoi::tracking::{SecureAccessPolicy, TrackingError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::{secure_err, tracking_err};
use crate::errors::guard;
use crate::sms::WideInt;
use crate::token::{
    KeyRing, Shared, claims_arg, claims_to_py, from_json, json_to_py, now_arg,
    optional_utc_datetime, serde_arg, serde_name, to_json, token_err, utc_datetime,
};

/// One policy argument past its core type: the core refuses the saturated value, and the error
/// names the value as given.
struct OutOfType {
    field: &'static str,
    value: String,
}

/// A policy number: the value, or (past the core's type) the nearest end of the type, which the
/// core refuses, and the value as given for its error.
fn policy_number<T: TryFrom<i64> + Copy>(
    value: Option<WideInt>,
    default: T,
    min: T,
    max: T,
    field: &'static str,
    out_of_type: &mut Vec<OutOfType>,
) -> T {
    let Some(value) = value else {
        return default;
    };
    T::try_from(value.0).unwrap_or_else(|_| {
        out_of_type.push(OutOfType {
            field,
            value: value.0.to_string(),
        });
        if value.0 < 0 { min } else { max }
    })
}

/// When and why an access locked: `reason` `"expired"` (at the end of the validity),
/// `"too_many_attempts"` or `"revoked"`, and `at`, a datetime in UTC.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessLock(envoi::tracking::AccessLock);

#[pymethods]
impl AccessLock {
    /// `"expired"`, `"too_many_attempts"` or `"revoked"`.
    #[getter]
    fn reason(&self) -> String {
        serde_name!(self.0.reason)
    }

    /// When: the end of the validity for `"expired"`, else the time of the call that locked it.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || utc_datetime(py, self.0.at))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "AccessLock(reason={}, at={})",
                PyString::new(py, &self.reason()).repr()?,
                self.at(py)?.repr()?
            ))
        })
    }
}

/// A successful open of a secure email: show the content.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecureOpen(envoi::tracking::SecureOpen);

#[pymethods]
impl SecureOpen {
    /// Whose access to what (the access's claims, a dict).
    #[getter]
    fn claims<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        claims_to_py(py, &self.0.claims)
    }

    /// When (UTC).
    #[getter]
    fn opened_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || utc_datetime(py, self.0.opened_at))
    }

    /// Opens so far, this one included.
    #[getter]
    fn open_count(&self) -> u32 {
        self.0.open_count
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "SecureOpen(claims={}, opened_at={}, open_count={})",
                self.claims(py)?.repr()?,
                self.opened_at(py)?.repr()?,
                self.0.open_count
            ))
        })
    }
}

/// One recipient's access to one secure email, as the host stores it (`to_json` /
/// `SecureAccess.from_json`: the core's JSON form, the same in every binding).
///
/// The recipient gets a link carrying a sealed `secure_email` token and, when the sender has a
/// second channel for them, a one-time code sent there (`issue_code`); the content opens with both
/// (`open`), within the validity, for a bounded number of wrong codes; then the access locks and
/// says why. The methods that take a key ring change the access in place: store it back after
/// every call, whatever the outcome (the attempts counted and the lock live there). These opens are
/// counted here, never in the engagement statistics. Mutable and safe to share between threads.
#[pyclass(module = "envoi.tracking", frozen)]
pub struct SecureAccess(Shared<envoi::tracking::SecureAccess>);

impl SecureAccess {
    fn from_core(access: envoi::tracking::SecureAccess) -> Self {
        SecureAccess(Shared::new(access, "SecureAccess"))
    }
}

#[pymethods]
impl SecureAccess {
    /// Creates the access to one secure email for one recipient at `now` (None: the real clock):
    /// `(access, link_token)`: the state to store, and the sealed token of the access link (the host
    /// builds the URL around it).
    ///
    /// The policy's arguments default to the core's policy (None): `validity_seconds` (30 days),
    /// `require_code` (True: a second channel exists), `code_alphabet` (`"digits"` or
    /// `"crockford"`), `code_length` (6), `code_max_attempts` (5 per code),
    /// `code_validity_seconds` (15 minutes), `max_codes` (5), `max_failed_attempts` (10 over the
    /// access's life). Raises `envoi.TrackingError` (`tracking.invalid_option` with `field`, `value`,
    /// `rule`; `tracking.invalid_claims` when `claims` holds `link`), `envoi.TokenError` and
    /// `ValueError` for an unknown alphabet.
    #[staticmethod]
    #[pyo3(signature = (key_ring, claims, *, now = None, validity_seconds = None, require_code = None, code_alphabet = None, code_length = None, code_max_attempts = None, code_validity_seconds = None, max_codes = None, max_failed_attempts = None))]
    #[allow(clippy::too_many_arguments)]
    fn create(
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        claims: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
        validity_seconds: Option<WideInt>,
        require_code: Option<bool>,
        code_alphabet: Option<&str>,
        code_length: Option<WideInt>,
        code_max_attempts: Option<WideInt>,
        code_validity_seconds: Option<WideInt>,
        max_codes: Option<WideInt>,
        max_failed_attempts: Option<WideInt>,
    ) -> PyResult<(SecureAccess, String)> {
        guard(py, || {
            let claims = claims_arg(claims)?;
            let now = now_arg(now, "now")?;
            let default = SecureAccessPolicy::default();
            let mut out_of_type = Vec::new();
            let mut policy = SecureAccessPolicy {
                validity_seconds: policy_number(
                    validity_seconds,
                    default.validity_seconds,
                    u64::MIN,
                    u64::MAX,
                    "validity_seconds",
                    &mut out_of_type,
                ),
                require_code: require_code.unwrap_or(default.require_code),
                code: default.code,
                code_validity_seconds: policy_number(
                    code_validity_seconds,
                    default.code_validity_seconds,
                    u64::MIN,
                    u64::MAX,
                    "code_validity_seconds",
                    &mut out_of_type,
                ),
                max_codes: policy_number(
                    max_codes,
                    default.max_codes,
                    u32::MIN,
                    u32::MAX,
                    "max_codes",
                    &mut out_of_type,
                ),
                max_failed_attempts: policy_number(
                    max_failed_attempts,
                    default.max_failed_attempts,
                    u32::MIN,
                    u32::MAX,
                    "max_failed_attempts",
                    &mut out_of_type,
                ),
            };
            if let Some(alphabet) = code_alphabet {
                policy.code.alphabet = serde_arg!(alphabet, "code_alphabet")?;
            }
            policy.code.length = policy_number(
                code_length,
                default.code.length,
                u8::MIN,
                u8::MAX,
                "code.length",
                &mut out_of_type,
            );
            policy.code.max_attempts = policy_number(
                code_max_attempts,
                default.code.max_attempts,
                u32::MIN,
                u32::MAX,
                "code.max_attempts",
                &mut out_of_type,
            );
            match envoi::tracking::SecureAccess::create(&key_ring.get().0, claims, now, policy) {
                Ok(new) => Ok((SecureAccess::from_core(new.access), new.token)),
                Err(TrackingError::InvalidOption { field, value, rule }) => {
                    let value = out_of_type
                        .into_iter()
                        .find(|given| given.field == field)
                        .map_or(value, |given| given.value);
                    Err(tracking_err(
                        py,
                        TrackingError::InvalidOption { field, value, rule },
                    ))
                }
                Err(error) => Err(tracking_err(py, error)),
            }
        })
    }

    /// Which access a link is for: the claims (a dict) of a valid `secure_email` token, for the host
    /// to find the stored access. Raises `envoi.TokenError` (`token.*`) when the token does not
    /// verify as one.
    #[staticmethod]
    #[pyo3(signature = (key_ring, token, *, now = None))]
    fn read_link<'py>(
        py: Python<'py>,
        key_ring: &Bound<'py, KeyRing>,
        token: &str,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            let claims = envoi::tracking::SecureAccess::read_link(&key_ring.get().0, token, now)
                .map_err(|error| token_err(py, error))?;
            claims_to_py(py, &claims)
        })
    }

    /// The access of a JSON form written by `to_json` (in any binding). Raises `ValueError` naming
    /// the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "SecureAccess").map(SecureAccess::from_core)
        })
    }

    /// The access's JSON form (the core's serde form), to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "SecureAccess"))
    }

    /// Issues a one-time code at `now` (None: the real clock) for the host to send through the
    /// second channel; it replaces any previous code. Changes the access: store it back. Raises
    /// `envoi.TrackingError`: `tracking.secure_locked` (`reason`, `at`),
    /// `tracking.secure_code_not_required`, `tracking.secure_too_many_codes` (`max`); or the key
    /// ring's `envoi.TokenError`.
    #[pyo3(signature = (key_ring, *, now = None))]
    fn issue_code(
        &self,
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            let result = self.0.lock(py)?.issue_code(&key_ring.get().0, now);
            result.map_err(|error| secure_err(py, error))
        })
    }

    /// Opens the content at `now` (None: the real clock) with the access link's `token` and, when
    /// the policy requires it, the `code` the recipient typed. Changes the access (a wrong code is
    /// counted, an open too): store it back, whatever the result.
    ///
    /// Raises, in order: `envoi.TokenError` for a link that does not verify (nothing counted);
    /// `envoi.TrackingError` `tracking.secure_link_mismatch` (`expected`, `found`),
    /// `tracking.secure_locked` (`reason`, `at`), `tracking.secure_code_required`,
    /// `tracking.secure_no_code_issued`, `tracking.secure_code_malformed` (`reason`; not counted),
    /// `tracking.secure_code_used`, `tracking.secure_code_expired` (`expires_at`),
    /// `tracking.secure_code_locked` (ask for a new code), `tracking.secure_wrong_code`
    /// (`attempts_left`; counted; the last one the access allows locks it:
    /// `tracking.secure_locked`).
    #[pyo3(signature = (key_ring, token, code = None, *, now = None))]
    fn open(
        &self,
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        token: &str,
        code: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<SecureOpen> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            let result = self.0.lock(py)?.open(&key_ring.get().0, token, code, now);
            result
                .map(SecureOpen)
                .map_err(|error| secure_err(py, error))
        })
    }

    /// Locks the access for good at `now` (None: the real clock) with the reason `"revoked"` (the
    /// sender withdrew the message); an access already locked keeps its first lock.
    #[pyo3(signature = (*, now = None))]
    fn revoke(&self, py: Python<'_>, now: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            self.0.lock(py)?.revoke(now);
            Ok(())
        })
    }

    /// The lock in force at `now` (None: the real clock): the recorded one, or an expiry not yet
    /// recorded; None when the access is open.
    #[pyo3(signature = (now = None))]
    fn lock_at(
        &self,
        py: Python<'_>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<AccessLock>> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            Ok(self.0.lock(py)?.lock_at(now).map(AccessLock))
        })
    }

    /// Whose access to what: the link's claims (a dict).
    #[getter]
    fn claims<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let claims = self.0.lock(py)?.claims;
        claims_to_py(py, &claims)
    }

    /// When the access was created (UTC).
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let at = self.0.lock(py)?.created_at;
        guard(py, || utc_datetime(py, at))
    }

    /// The end of the validity (UTC): the content opens strictly before it.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let at = self.0.lock(py)?.expires_at;
        guard(py, || utc_datetime(py, at))
    }

    /// The policy it was created with, as a dict (the core's JSON form: `validity_seconds`,
    /// `require_code`, `code` with `alphabet`, `length` and `max_attempts`,
    /// `code_validity_seconds`, `max_codes`, `max_failed_attempts`).
    #[getter]
    fn policy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let policy = self.0.lock(py)?.policy;
        guard(py, || json_to_py(py, &to_json!(&policy, "policy")?))
    }

    /// Codes issued so far.
    #[getter]
    fn codes_issued(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.codes_issued)
    }

    /// Wrong codes given so far, over every code.
    #[getter]
    fn failed_attempts(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.failed_attempts)
    }

    /// Wrong codes still allowed before the access locks (0 when locked or no code is pending).
    #[getter]
    fn attempts_left(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.attempts_left())
    }

    /// Times the content was opened.
    #[getter]
    fn open_count(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.open_count)
    }

    /// The first open (UTC), or None.
    #[getter]
    fn first_opened_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let at = self.0.lock(py)?.first_opened_at;
        guard(py, || optional_utc_datetime(py, at))
    }

    /// The latest open (UTC), or None.
    #[getter]
    fn last_opened_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let at = self.0.lock(py)?.last_opened_at;
        guard(py, || optional_utc_datetime(py, at))
    }

    /// The lock, once recorded (an expiry is recorded at the first call after it; see `lock_at`),
    /// else None.
    #[getter]
    fn lock(&self, py: Python<'_>) -> PyResult<Option<AccessLock>> {
        Ok(self.0.lock(py)?.lock.map(AccessLock))
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
                .get_type::<SecureAccess>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "SecureAccess")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let access = self.0.snapshot(py)?;
            let lock = access
                .lock
                .map_or_else(|| "None".to_owned(), |lock| serde_name!(lock.reason));
            Ok(format!(
                "<envoi.tracking.SecureAccess claims={} codes_issued={} failed_attempts={} \
                 open_count={} lock={lock}>",
                claims_to_py(py, &access.claims)?.repr()?,
                access.codes_issued,
                access.failed_attempts,
                access.open_count
            ))
        })
    }
}
