//! `envoi.security`: login protection and password reset (mirrors `envoi::security`).
//!
//! Only conversions. Durations are `datetime.timedelta`s, instants aware `datetime`s in (`at=None`
//! and `now=None` read the real clock) and `datetime`s in UTC out. A [`LoginGuard`] is the core's
//! state machine behind a lock (`record_failure` and `record_success` change it in place); the host
//! stores its JSON form (`to_json` / `LoginGuard.from_json`, the core's serde form) with the
//! account. Reset tokens are the key ring's (`envoi.tracking.KeyRing`) password-reset tokens; a
//! [`ResetToken`] is made only by `PasswordReset.read` and `PasswordReset.verify`.
//!
//! A [`SecurityError`] becomes `envoi.SecurityError` with the core's code and message and the
//! variant's fields as attributes ([`security_err`]); a token the key ring refuses keeps its
//! `envoi.TokenError`.

use chrono::TimeDelta;
use envoi::security::{FailureOutcome as CoreOutcome, SecurityError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::{guard, to_py_err_with_fields};
use crate::senders::timedelta_arg;
use crate::sms::WideInt;
use crate::token::{
    KeyRing, Shared, from_json, now_arg, optional_utc_datetime, to_json, token_err, utc_datetime,
};

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a security error: `envoi.SecurityError` with the variant's fields as
/// attributes; a wrapped token error keeps `envoi.TokenError` and its fields.
pub(crate) fn security_err(py: Python<'_>, error: SecurityError) -> PyErr {
    let error = match error {
        SecurityError::Token(error) => return token_err(py, error),
        error => error,
    };
    match security_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of a security error, named as the core names them.
fn security_fields<'py>(py: Python<'py>, error: &SecurityError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        SecurityError::InvalidParameter { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        SecurityError::CapBelowFirstLock {
            cap_seconds,
            first_lock_seconds,
        } => {
            fields.set_item("field", "cap")?;
            fields.set_item("cap_seconds", cap_seconds)?;
            fields.set_item("first_lock_seconds", first_lock_seconds)?;
        }
        SecurityError::AccountLocked {
            locked_until,
            remaining,
        } => {
            fields.set_item("locked_until", utc_datetime(py, *locked_until).ok())?;
            fields.set_item("remaining", timedelta_to_py(py, *remaining).ok())?;
        }
        SecurityError::CredentialChanged {
            token_version,
            current_version,
        } => {
            fields.set_item("token_version", token_version)?;
            fields.set_item("current_version", current_version)?;
        }
        SecurityError::ResetTokenUsed { token_id } => {
            fields.set_item("token_id", token_id.to_string())?;
        }
        SecurityError::WrongAccount {
            token_account,
            account,
        } => {
            fields.set_item("token_account", token_account)?;
            fields.set_item("account", account)?;
        }
        SecurityError::ResetTokenIncomplete { missing } => fields.set_item("missing", missing)?,
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

/// A duration as a `datetime.timedelta`, to the microsecond.
fn timedelta_to_py(py: Python<'_>, delta: TimeDelta) -> PyResult<Bound<'_, PyAny>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("seconds", delta.num_seconds())?;
    kwargs.set_item("microseconds", delta.subsec_nanos() / 1000)?;
    py.import("datetime")?
        .getattr("timedelta")?
        .call((), Some(&kwargs))
}

// ---- Lockout -------------------------------------------------------------------------------------

/// A lockout policy (SPEC section 1): `max_failures` failed logins within `window` lock the
/// account for `first_lock`; each further lock doubles, capped at `cap`; a success resets the count
/// and the doubling. Defaults: 5 failures in 15 minutes, 15 minutes, 24 hours. Checked by the core
/// (`envoi.SecurityError`, `security.invalid_parameter`: 1 to 100 failures; durations whole
/// seconds from 1 second to 366 days; `cap` at least `first_lock`). Immutable, hashable.
#[pyclass(module = "envoi.security", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LockoutPolicy(envoi::security::LockoutPolicy);

#[pymethods]
impl LockoutPolicy {
    /// A policy of these parameters (each a `timedelta` but `max_failures`; None: the default).
    #[new]
    #[pyo3(signature = (max_failures = WideInt(5), window = None, first_lock = None, cap = None))]
    #[pyo3(text_signature = "(max_failures=5, window=None, first_lock=None, cap=None)")]
    fn new(
        py: Python<'_>,
        max_failures: WideInt,
        window: Option<&Bound<'_, PyAny>>,
        first_lock: Option<&Bound<'_, PyAny>>,
        cap: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let defaults = envoi::security::LockoutPolicy::default();
            let duration = |value: Option<&Bound<'_, PyAny>>, name, default| match value {
                Some(value) if !value.is_none() => timedelta_arg(value, name),
                _ => Ok(default),
            };
            let window = duration(window, "window", defaults.window())?;
            let first_lock = duration(first_lock, "first_lock", defaults.first_lock())?;
            let cap = duration(cap, "cap", defaults.cap())?;
            let policy = match u32::try_from(max_failures.0) {
                Ok(count) => envoi::security::LockoutPolicy::new(count, window, first_lock, cap),
                // Past u32: the core's own check of the count as given.
                Err(_) => envoi::security::LockoutPolicy::from_seconds(
                    max_failures.0,
                    window.num_seconds(),
                    first_lock.num_seconds(),
                    cap.num_seconds(),
                ),
            };
            policy
                .map(LockoutPolicy)
                .map_err(|error| security_err(py, error))
        })
    }

    /// Failed logins within `window` that lock the account.
    #[getter]
    fn max_failures(&self) -> u32 {
        self.0.max_failures()
    }

    /// How far back failures count.
    #[getter]
    fn window<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        timedelta_to_py(py, self.0.window())
    }

    /// The first lock's duration.
    #[getter]
    fn first_lock<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        timedelta_to_py(py, self.0.first_lock())
    }

    /// The longest lock.
    #[getter]
    fn cap<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        timedelta_to_py(py, self.0.cap())
    }

    /// The duration of the `lock_number`-th lock since the last success (1 for the first):
    /// `first_lock` doubled each time, capped at `cap`.
    fn lock_duration<'py>(&self, py: Python<'py>, lock_number: u32) -> PyResult<Bound<'py, PyAny>> {
        timedelta_to_py(py, self.0.lock_duration(lock_number))
    }

    /// The policy's JSON form (the core's: durations in whole seconds).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&self.0, "LockoutPolicy"))
    }

    /// The policy of a JSON form written by `to_json`, checked again. Raises `ValueError` naming
    /// the problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || from_json!(text, "LockoutPolicy").map(LockoutPolicy))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<LockoutPolicy>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&self.0, "LockoutPolicy")?,)))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "LockoutPolicy(max_failures={}, window=timedelta(seconds={}), first_lock=timedelta(seconds={}), cap=timedelta(seconds={}))",
            self.0.max_failures(),
            self.0.window().num_seconds(),
            self.0.first_lock().num_seconds(),
            self.0.cap().num_seconds()
        )
    }
}

/// What a failed login did: `kind` is `"counted"` (`failures` within the window,
/// `failures_left` before a lock), `"locked"` (this failure locked the account: `until`,
/// `duration`, `lock_number` since the last success) or `"already_locked"` (`until`; nothing
/// counted).
#[pyclass(module = "envoi.security", frozen, get_all)]
pub struct FailureOutcome {
    /// `"counted"`, `"locked"` or `"already_locked"`.
    kind: &'static str,
    /// Failures within the window (`counted`).
    failures: Option<u32>,
    /// Failures left before a lock (`counted`).
    failures_left: Option<u32>,
    /// When the lock ends, UTC (`locked`, `already_locked`).
    until: Option<Py<PyAny>>,
    /// The lock's duration (`locked`).
    duration: Option<Py<PyAny>>,
    /// The lock's number since the last success, from 1 (`locked`).
    lock_number: Option<u32>,
}

impl FailureOutcome {
    fn of(py: Python<'_>, outcome: CoreOutcome) -> PyResult<Self> {
        let mut built = FailureOutcome {
            kind: "counted",
            failures: None,
            failures_left: None,
            until: None,
            duration: None,
            lock_number: None,
        };
        match outcome {
            CoreOutcome::Counted {
                failures,
                failures_left,
            } => {
                built.failures = Some(failures);
                built.failures_left = Some(failures_left);
            }
            CoreOutcome::Locked {
                until,
                duration,
                lock_number,
            } => {
                built.kind = "locked";
                built.until = Some(utc_datetime(py, until)?.unbind());
                built.duration = Some(timedelta_to_py(py, duration)?.unbind());
                built.lock_number = Some(lock_number);
            }
            CoreOutcome::AlreadyLocked { until } => {
                built.kind = "already_locked";
                built.until = Some(utc_datetime(py, until)?.unbind());
            }
        }
        Ok(built)
    }
}

#[pymethods]
impl FailureOutcome {
    fn __repr__(&self) -> String {
        format!("FailureOutcome(kind={:?})", self.kind)
    }
}

/// One account's failed logins: the state machine the host stores with the account (its JSON
/// form). `check` before trying a password; `record_failure` or `record_success` after. Mutable
/// and safe to share between threads.
#[pyclass(module = "envoi.security", frozen)]
pub struct LoginGuard(Shared<envoi::security::LoginGuard>);

#[pymethods]
impl LoginGuard {
    /// A guard with no failure and no lock.
    #[new]
    fn new() -> Self {
        LoginGuard(Shared::new(
            envoi::security::LoginGuard::new(),
            "LoginGuard",
        ))
    }

    /// Raises `envoi.SecurityError` (`security.account_locked`, with `locked_until` and
    /// `remaining`) while the account is locked at `at` (None: now).
    #[pyo3(signature = (at = None))]
    fn check(&self, py: Python<'_>, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let result = self.0.lock(py)?.check(at);
            result.map_err(|error| security_err(py, error))
        })
    }

    /// Records a failed login at `at` (None: now) under `policy`: counted, or the lock it caused,
    /// or nothing while already locked.
    #[pyo3(signature = (policy, at = None))]
    fn record_failure(
        &self,
        py: Python<'_>,
        policy: &Bound<'_, LockoutPolicy>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<FailureOutcome> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let outcome = self.0.lock(py)?.record_failure(&policy.get().0, at);
            FailureOutcome::of(py, outcome)
        })
    }

    /// Records a successful login at `at` (None: now): the failure count and the doubling start
    /// over. Raises `envoi.SecurityError` (`security.account_locked`) while locked (a login is
    /// not tried then).
    #[pyo3(signature = (at = None))]
    fn record_success(&self, py: Python<'_>, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let result = self.0.lock(py)?.record_success(at);
            result.map_err(|error| security_err(py, error))
        })
    }

    /// The failures within `policy`'s window at `at` (None: now).
    #[pyo3(signature = (policy, at = None))]
    fn failures(
        &self,
        py: Python<'_>,
        policy: &Bound<'_, LockoutPolicy>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<u32> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            Ok(self.0.lock(py)?.failures(&policy.get().0, at))
        })
    }

    /// Locks since the last success.
    #[getter]
    fn lock_count(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.0.lock(py)?.lock_count())
    }

    /// When the last lock ends (UTC), or None.
    #[getter]
    fn locked_until<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let until = self.0.lock(py)?.locked_until();
        optional_utc_datetime(py, until)
    }

    /// The guard's JSON form (the core's serde form), to store with the account.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "LoginGuard"))
    }

    /// The guard of a JSON form written by `to_json`. Raises `ValueError` naming the problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "LoginGuard").map(|state| LoginGuard(Shared::new(state, "LoginGuard")))
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<LoginGuard>() else {
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
                .get_type::<LoginGuard>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "LoginGuard")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &to_json!(&*self.0.lock(py)?, "LoginGuard")?).repr()?;
            Ok(format!("LoginGuard.from_json({json})"))
        })
    }
}

// ---- Password reset ------------------------------------------------------------------------------

/// A password-reset token that verified (authentic, for password reset, not expired when read),
/// before the host's checks of `accept`. Made only by `PasswordReset.read` and
/// `PasswordReset.verify`. Immutable, hashable; `to_json` writes it for a log line (nothing
/// secret), and nothing reads it back.
#[pyclass(module = "envoi.security", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResetToken(envoi::security::ResetToken);

#[pymethods]
impl ResetToken {
    /// The account whose password the token resets.
    #[getter]
    fn account(&self) -> u64 {
        self.0.account()
    }

    /// The account's credential version when the token was issued.
    #[getter]
    fn credential_version(&self) -> u32 {
        self.0.credential_version()
    }

    /// The token's stable id (22 characters): what the host stores once the token is used.
    #[getter]
    fn token_id(&self) -> String {
        self.0.token_id().to_string()
    }

    /// When it was issued, in UTC.
    #[getter]
    fn issued_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        utc_datetime(py, self.0.issued_at())
    }

    /// It is valid strictly before this instant (UTC).
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        utc_datetime(py, self.0.expires_at())
    }

    /// The host's checks, at `now` (None: the real clock): the token has not expired, its version
    /// is `current_credential_version`, and it was not `already_used`. Returns the id to store as
    /// used. Raises `envoi.TokenError` (`token.expired`) and `envoi.SecurityError`
    /// (`security.credential_changed`, `security.reset_token_used`).
    #[pyo3(signature = (current_credential_version, already_used, now = None))]
    fn accept(
        &self,
        py: Python<'_>,
        current_credential_version: u32,
        already_used: bool,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            self.0
                .accept(current_credential_version, already_used, now)
                .map(|id| id.to_string())
                .map_err(|error| security_err(py, error))
        })
    }

    /// The token's JSON form (the account, the version, the id and the instants), for a log.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&self.0, "ResetToken"))
    }

    fn __repr__(&self) -> String {
        format!(
            "ResetToken(account={}, credential_version={}, token_id={:?})",
            self.0.account(),
            self.0.credential_version(),
            self.0.token_id().to_string()
        )
    }
}

/// Password-reset tokens (SPEC section 1): single use, expiring, and embedding the account's
/// credential version, so any password change kills every earlier token. `issue` makes the link's
/// token; `read` checks it and says which account it is for; the host loads that account's
/// current version and used ids, then `ResetToken.accept` decides. `verify` does both for a host
/// that knows the account.
#[pyclass(module = "envoi.security", frozen)]
pub struct PasswordReset;

#[pymethods]
impl PasswordReset {
    /// A reset token for `account` at its current `credential_version`, valid for `validity` (a
    /// `timedelta`, 1 minute to 7 days) from `at` (None: now), signed with the ring's active key;
    /// URL-safe text. Raises `envoi.SecurityError` (`security.invalid_parameter`) and
    /// `envoi.TokenError` (`token.invalid_time`).
    #[staticmethod]
    #[pyo3(signature = (ring, account, credential_version, *, validity, at = None))]
    fn issue(
        py: Python<'_>,
        ring: &Bound<'_, KeyRing>,
        account: u64,
        credential_version: u32,
        validity: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        guard(py, || {
            let validity = timedelta_arg(validity, "validity")?;
            let at = now_arg(at, "at")?;
            envoi::security::PasswordReset::issue(
                &ring.get().0,
                account,
                credential_version,
                at,
                validity,
            )
            .map_err(|error| security_err(py, error))
        })
    }

    /// Checks a reset token at `now` (None: now): authentic, for password reset, not expired.
    /// Raises `envoi.TokenError` (`token.bad_tag`, `token.expired`, `token.wrong_purpose`…) and
    /// `envoi.SecurityError` (`security.reset_token_incomplete`).
    #[staticmethod]
    #[pyo3(signature = (ring, token, now = None))]
    fn read(
        py: Python<'_>,
        ring: &Bound<'_, KeyRing>,
        token: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ResetToken> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            envoi::security::PasswordReset::read(&ring.get().0, token, now)
                .map(ResetToken)
                .map_err(|error| security_err(py, error))
        })
    }

    /// `read`, then the checks for `account` at `current_credential_version`: `is_used` is the
    /// host's record of used token ids (a container, `id in is_used`, or a callable
    /// `is_used(id) -> bool`; an exception it raises passes through). Raises what `read` and
    /// `ResetToken.accept` raise and `envoi.SecurityError` (`security.wrong_account`).
    #[staticmethod]
    #[pyo3(signature = (ring, token, account, current_credential_version, is_used, now = None))]
    fn verify(
        py: Python<'_>,
        ring: &Bound<'_, KeyRing>,
        token: &str,
        account: u64,
        current_credential_version: u32,
        is_used: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ResetToken> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            let callable = is_used.is_callable();
            let mut failure = None;
            let result = envoi::security::PasswordReset::verify(
                &ring.get().0,
                token,
                account,
                current_credential_version,
                |id| {
                    let id = id.to_string();
                    let answer = if callable {
                        is_used.call1((id,)).and_then(|value| value.is_truthy())
                    } else {
                        is_used.contains(id)
                    };
                    answer.unwrap_or_else(|error| {
                        failure = Some(error);
                        // Refused either way: the host's error is raised instead.
                        true
                    })
                },
                now,
            );
            if let Some(error) = failure {
                return Err(error);
            }
            result
                .map(ResetToken)
                .map_err(|error| security_err(py, error))
        })
    }
}

/// Registers the classes of `envoi.security`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<LockoutPolicy>()?;
    module.add_class::<FailureOutcome>()?;
    module.add_class::<LoginGuard>()?;
    module.add_class::<ResetToken>()?;
    module.add_class::<PasswordReset>()?;
    Ok(())
}
