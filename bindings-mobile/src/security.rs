//! Account security (SPEC section 1): login protection ([`LockoutPolicy`], [`LoginGuard`]: objects
//! holding the core's; the guard is the state the host stores with the account, as JSON) and
//! password reset ([`issue_password_reset`], [`read_password_reset`], [`verify_password_reset`],
//! and the read [`ResetToken`], which only the library makes).
//!
//! Conversions only; every rule is the core's (`envoi::security`: the failure window, the
//! doubling and its cap, the reset on success, the token's claims, expiry, credential version and
//! single use). Durations cross as whole seconds (`i64`, checked by the core), instants as
//! `SystemTime`; `now` defaults to the system clock, read by this binding, as in [`crate::token`].
//!
//! Errors: the core's `SecurityError` as [`EnvoiError::Security`] (`security.*`); a reset token
//! that does not verify as a token keeps the key ring's code ([`EnvoiError::Token`]:
//! `token.bad_tag`, `token.expired`, `token.wrong_purpose`…).

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use chrono::TimeDelta;
use envoi::security::PasswordReset;

use crate::errors::{INVALID_JSON_CODE, OUT_OF_RANGE_CODE};
use crate::time::system_time;
use crate::token::{KeyRing, now_or_clock};
use crate::{EnvoiError, guard};

/// Whole seconds of a core duration (the core's durations are whole seconds).
fn seconds(duration: TimeDelta) -> i64 {
    duration.num_seconds()
}

/// A host's seconds as a duration (`argument.out_of_range` past chrono's range, far beyond any
/// limit of the core).
fn duration(field: &str, seconds: i64) -> Result<TimeDelta, EnvoiError> {
    TimeDelta::try_seconds(seconds).ok_or_else(|| {
        EnvoiError::argument(
            OUT_OF_RANGE_CODE,
            format!("{field}: {seconds} seconds is out of range"),
        )
    })
}

/// The lockout rule of failed logins (SPEC section 1): after `max_failures` failures within
/// `window`, the account is locked for `first_lock`; each further lock doubles, up to `cap`; a
/// success resets the count and the doubling. Immutable.
#[derive(Debug, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct LockoutPolicy {
    inner: envoi::security::LockoutPolicy,
}

impl fmt::Display for LockoutPolicy {
    /// `LockoutPolicy(max_failures=5, window=900s, first_lock=900s, cap=86400s)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "LockoutPolicy(max_failures={}, window={}s, first_lock={}s, cap={}s)",
            self.inner.max_failures(),
            seconds(self.inner.window()),
            seconds(self.inner.first_lock()),
            seconds(self.inner.cap())
        )
    }
}

#[uniffi::export]
impl LockoutPolicy {
    /// A policy; each argument left null/nil is the core's default (5 failures within 900 seconds
    /// lock for 900 seconds, doubling up to 86 400). Throws `security.invalid_parameter` (with
    /// `field`, `value` and `rule`: 1 to 100 failures; durations of 1 second to 366 days; a cap
    /// below the first lock), `argument.out_of_range` for seconds past any duration.
    #[uniffi::constructor(default(
        max_failures = None,
        window_seconds = None,
        first_lock_seconds = None,
        cap_seconds = None
    ))]
    pub fn new(
        max_failures: Option<i64>,
        window_seconds: Option<i64>,
        first_lock_seconds: Option<i64>,
        cap_seconds: Option<i64>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let default = envoi::security::LockoutPolicy::default();
            let max_failures = max_failures.unwrap_or(i64::from(default.max_failures()));
            let window = window_seconds.unwrap_or(seconds(default.window()));
            let first_lock = first_lock_seconds.unwrap_or(seconds(default.first_lock()));
            let cap = cap_seconds.unwrap_or(seconds(default.cap()));
            let inner = envoi::security::LockoutPolicy::from_seconds(
                max_failures,
                window,
                first_lock,
                cap,
            )?;
            Ok(Arc::new(LockoutPolicy { inner }))
        })
    }

    /// A policy written by `to_json`, checked by the core. Throws `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a lockout policy: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Arc::new(LockoutPolicy { inner }))
        })
    }

    /// The core's JSON form: `{"max_failures":5,"window_seconds":900,…}`.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a policy: {error}")))
        })
    }

    /// The failures within the window that lock the account.
    pub fn max_failures(&self) -> u32 {
        self.inner.max_failures()
    }

    /// The window over which failures count, in seconds.
    pub fn window_seconds(&self) -> i64 {
        seconds(self.inner.window())
    }

    /// The first lock's duration, in seconds.
    pub fn first_lock_seconds(&self) -> i64 {
        seconds(self.inner.first_lock())
    }

    /// The longest lock, in seconds.
    pub fn cap_seconds(&self) -> i64 {
        seconds(self.inner.cap())
    }

    /// How long the `lock_number`-th lock in a row lasts (from 1), in seconds: the first lock
    /// doubled each time, up to the cap.
    pub fn lock_duration_seconds(&self, lock_number: u32) -> i64 {
        seconds(self.inner.lock_duration(lock_number))
    }
}

/// What a failed login did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FailureOutcome {
    /// Counted; the account is not locked.
    Counted {
        /// The failures within the window, this one included.
        failures: u32,
        /// Failures left before the account locks.
        failures_left: u32,
    },
    /// This failure locked the account.
    Locked {
        /// A login is allowed again from this instant.
        until: SystemTime,
        /// The lock's duration, in seconds.
        duration_seconds: i64,
        /// The locks in a row, this one included (since the last success).
        lock_number: u32,
    },
    /// The account was already locked: nothing counted (the host should not have tried).
    AlreadyLocked {
        /// The end of the lock.
        until: SystemTime,
    },
}

impl FailureOutcome {
    fn of(outcome: envoi::security::FailureOutcome) -> Self {
        use envoi::security::FailureOutcome as Core;
        match outcome {
            Core::Counted {
                failures,
                failures_left,
            } => FailureOutcome::Counted {
                failures,
                failures_left,
            },
            Core::Locked {
                until,
                duration,
                lock_number,
            } => FailureOutcome::Locked {
                until: system_time(until),
                duration_seconds: seconds(duration),
                lock_number,
            },
            Core::AlreadyLocked { until } => FailureOutcome::AlreadyLocked {
                until: system_time(until),
            },
        }
    }
}

/// One account's failed logins under a [`LockoutPolicy`]: the state the host stores with the
/// account (`to_json()` after every call, `LoginGuard.from_json` to read it back). Before checking
/// a password, `check`; then `record_failure` or `record_success`. Mutable and safe to share
/// between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct LoginGuard {
    inner: Mutex<envoi::security::LoginGuard>,
}

impl PartialEq for LoginGuard {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for LoginGuard {}

impl fmt::Display for LoginGuard {
    /// The JSON form, as `to_json` gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(&*self.lock()).unwrap_or_default())
    }
}

impl LoginGuard {
    fn lock(&self) -> MutexGuard<'_, envoi::security::LoginGuard> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl LoginGuard {
    /// No failures, not locked.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(LoginGuard {
            inner: Mutex::new(envoi::security::LoginGuard::new()),
        })
    }

    /// A guard written by `to_json`. Throws `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a login guard: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Arc::new(LoginGuard {
                inner: Mutex::new(inner),
            }))
        })
    }

    /// The core's JSON form, to store with the account after every call.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing a guard: {error}")))
        })
    }

    /// Whether a login may be tried at `now` (null/nil: the system clock). Throws
    /// `security.account_locked` (with `locked_until` and `remaining_millis`) while locked.
    #[uniffi::method(default(now = None))]
    pub fn check(&self, now: Option<SystemTime>) -> Result<(), EnvoiError> {
        guard(|| Ok(self.lock().check(now_or_clock(now)?)?))
    }

    /// Records a failed login at `now` (null/nil: the system clock) under `policy`.
    #[uniffi::method(default(now = None))]
    pub fn record_failure(
        &self,
        policy: Arc<LockoutPolicy>,
        now: Option<SystemTime>,
    ) -> Result<FailureOutcome, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(FailureOutcome::of(
                self.lock().record_failure(&policy.inner, now),
            ))
        })
    }

    /// Records a successful login at `now`: the failures and the doubling are reset. Throws
    /// `security.account_locked` while locked (and changes nothing).
    #[uniffi::method(default(now = None))]
    pub fn record_success(&self, now: Option<SystemTime>) -> Result<(), EnvoiError> {
        guard(|| Ok(self.lock().record_success(now_or_clock(now)?)?))
    }

    /// The failures that count at `now` under `policy` (within its window).
    #[uniffi::method(default(now = None))]
    pub fn failures(
        &self,
        policy: Arc<LockoutPolicy>,
        now: Option<SystemTime>,
    ) -> Result<u32, EnvoiError> {
        guard(|| Ok(self.lock().failures(&policy.inner, now_or_clock(now)?)))
    }

    /// The locks in a row since the last success.
    pub fn lock_count(&self) -> u32 {
        self.lock().lock_count()
    }

    /// The end of the last lock, null/nil if none.
    pub fn locked_until(&self) -> Option<SystemTime> {
        self.lock().locked_until().map(system_time)
    }
}

/// A password-reset token that verified (signature, purpose, expiry): which account it is for, at
/// which credential version, its id, and when it was issued and expires. Only the library makes
/// one ([`read_password_reset`], [`verify_password_reset`]); `accept` decides.
#[derive(Debug, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct ResetToken {
    inner: envoi::security::ResetToken,
}

impl fmt::Display for ResetToken {
    /// `ResetToken(account=1234, credential_version=7, token_id=…)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ResetToken(account={}, credential_version={}, token_id={})",
            self.inner.account(),
            self.inner.credential_version(),
            self.inner.token_id()
        )
    }
}

#[uniffi::export]
impl ResetToken {
    /// The account it is for.
    pub fn account(&self) -> u64 {
        self.inner.account()
    }

    /// The account's credential version when it was issued.
    pub fn credential_version(&self) -> u32 {
        self.inner.credential_version()
    }

    /// Its stable id (22 characters): what the host stores once it is used.
    pub fn token_id(&self) -> String {
        self.inner.token_id().to_string()
    }

    /// When it was issued.
    pub fn issued_at(&self) -> SystemTime {
        system_time(self.inner.issued_at())
    }

    /// It is valid strictly before this instant.
    pub fn expires_at(&self) -> SystemTime {
        system_time(self.inner.expires_at())
    }

    /// The core's JSON form (for logs; a token cannot be read back from it).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a token: {error}")))
        })
    }

    /// Accepts the token for a password change at `now` (null/nil: the system clock): returns
    /// its id, which the host stores as used, then saves the new password as the next credential
    /// version. Throws `security.credential_changed` (with `token_version` and
    /// `current_version`), `security.reset_token_used` (with `token_id`; `already_used`: the
    /// host's record has the id), `token.expired`.
    #[uniffi::method(default(now = None))]
    pub fn accept(
        &self,
        current_credential_version: u32,
        already_used: bool,
        now: Option<SystemTime>,
    ) -> Result<String, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(self
                .inner
                .accept(current_credential_version, already_used, now)?
                .to_string())
        })
    }
}

/// A password-reset token for `account` at its current `credential_version`, issued at `now`
/// (null/nil: the system clock) and valid `validity_seconds` (60 to 604 800), signed with the
/// ring's active key: URL-safe text for the link. Throws `security.invalid_parameter` (`field =
/// "validity"`), `token.invalid_time`, `argument.out_of_range`.
#[uniffi::export(default(now = None))]
pub fn issue_password_reset(
    key_ring: Arc<KeyRing>,
    account: u64,
    credential_version: u32,
    validity_seconds: i64,
    now: Option<SystemTime>,
) -> Result<String, EnvoiError> {
    guard(|| {
        let validity = duration("validity_seconds", validity_seconds)?;
        let now = now_or_clock(now)?;
        Ok(PasswordReset::issue(
            &key_ring.inner,
            account,
            credential_version,
            now,
            validity,
        )?)
    })
}

/// Reads a reset token at `now` (null/nil: the system clock): authentic, for password reset, not
/// expired; the host then loads that account's current version and used ids, and calls
/// `ResetToken.accept`. Throws the key ring's `token.*` (`token.bad_tag`, `token.expired`,
/// `token.wrong_purpose`…) and `security.reset_token_incomplete` (with `missing`).
#[uniffi::export(default(now = None))]
pub fn read_password_reset(
    key_ring: Arc<KeyRing>,
    token: String,
    now: Option<SystemTime>,
) -> Result<Arc<ResetToken>, EnvoiError> {
    guard(|| {
        let now = now_or_clock(now)?;
        Ok(Arc::new(ResetToken {
            inner: PasswordReset::read(&key_ring.inner, &token, now)?,
        }))
    })
}

/// [`read_password_reset`], then the checks for `account` at `current_credential_version`:
/// `used_token_ids` is the host's record of this account's used token ids. Returns the token (its
/// `token_id` is the one to store as used). Throws what reading and `ResetToken.accept` throw and
/// `security.wrong_account` (with `token_account` and `account`).
#[uniffi::export(default(used_token_ids = [], now = None))]
pub fn verify_password_reset(
    key_ring: Arc<KeyRing>,
    token: String,
    account: u64,
    current_credential_version: u32,
    used_token_ids: Vec<String>,
    now: Option<SystemTime>,
) -> Result<Arc<ResetToken>, EnvoiError> {
    guard(|| {
        let now = now_or_clock(now)?;
        let inner = PasswordReset::verify(
            &key_ring.inner,
            &token,
            account,
            current_credential_version,
            |id| used_token_ids.iter().any(|used| *used == id.to_string()),
            now,
        )?;
        Ok(Arc::new(ResetToken { inner }))
    })
}
