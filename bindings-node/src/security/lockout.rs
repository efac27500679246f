//! `security.LockoutPolicy` and `security.LoginGuard`: the Node face of
//! `envoi::security::LockoutPolicy` and `LoginGuard` (login protection, SPEC section 1).

use envoi::security::{self as core_security, FailureOutcome};
use napi::bindgen_prelude::Unknown;
use napi::{Env, sys};
use napi_derive::napi;

use crate::args::{
    count_arg, instance_arg, napi_error, number_value, option_field, options_object,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::{format_utc, instant_arg};

/// Options of the {@link LockoutPolicy} constructor: every field optional, the SPEC's default
/// for what is absent (5 failures within 900 seconds lock for 900 seconds, doubling up to 86,400).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "security"
)]
pub struct LockoutPolicyOptions {
    /// Failures within the window that lock the account, 1 to 100.
    #[napi(ts_type = "number | null")]
    pub max_failures: Option<f64>,
    /// How far back failures count, in whole seconds (1 second to 366 days).
    #[napi(ts_type = "number | null")]
    pub window_seconds: Option<f64>,
    /// How long the first lock lasts, in whole seconds.
    #[napi(ts_type = "number | null")]
    pub first_lock_seconds: Option<f64>,
    /// The longest lock, in whole seconds, at least the first lock.
    #[napi(ts_type = "number | null")]
    pub cap_seconds: Option<f64>,
}

const POLICY_OPTIONS: [&str; 4] = [
    "maxFailures",
    "windowSeconds",
    "firstLockSeconds",
    "capSeconds",
];

/// What {@link LoginGuard.recordFailure} did with a failed login.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "security"
)]
pub struct FailureResult {
    /// `'counted'` (the account is not locked: `failures`, `failuresLeft`), `'locked'` (this
    /// failure locked it: `until`, `durationSeconds`, `lockNumber`) or `'already_locked'` (the
    /// attempt was not counted and the lock not extended: `until`).
    #[napi(ts_type = "'counted' | 'locked' | 'already_locked'")]
    pub kind: String,
    /// Failures within the window, this one included (`'counted'`).
    pub failures: Option<u32>,
    /// Further failures within the window that lock the account (`'counted'`).
    pub failures_left: Option<u32>,
    /// No login until this instant, RFC 3339 in UTC (`'locked'`, `'already_locked'`).
    pub until: Option<String>,
    /// How long this lock lasts, in seconds (`'locked'`).
    pub duration_seconds: Option<f64>,
    /// Which lock since the last successful login, from 1 (`'locked'`).
    pub lock_number: Option<u32>,
}

/// A whole number (an integral JS number, saturating past `i64`), for the core's range checks.
fn whole(name: &str, value: f64) -> Result<i64, JsError> {
    if value.is_finite() && value.fract() == 0.0 {
        // Integral: `as` saturates past i64's range, which the core refuses with its own rule.
        #[allow(clippy::cast_possible_truncation)]
        Ok(value as i64)
    } else {
        Err(invalid_arg(format!(
            "{name}: expected a whole number, got {value}"
        )))
    }
}

/// A duration in seconds as a JS number (fractional only for a fraction of a second).
#[allow(
    clippy::cast_precision_loss,
    reason = "durations stay far below 2^53 milliseconds"
)]
fn seconds(duration: chrono::TimeDelta) -> f64 {
    duration.num_milliseconds() as f64 / 1000.0
}

/// When repeated failed logins lock an account, and for how long (SPEC section 1): `maxFailures`
/// failures within `windowSeconds` lock it for `firstLockSeconds`; each further lock without a
/// successful login in between lasts twice the previous one, never more than `capSeconds`. The
/// default is the SPEC's decision: 5 failures within 15 minutes lock for 15 minutes, then 30, 60,
/// 120… minutes, capped at 24 hours. Immutable; `toJson()` / `LockoutPolicy.fromJson(text)`.
///
/// Errors: `security.invalid_parameter` (`field`, `value`, `rule`: a value out of its range, or
/// `capSeconds` and `firstLockSeconds` when the cap is below the first lock).
///
/// ```js
/// const { security } = require('envoi')
/// const policy = new security.LockoutPolicy()
/// policy.maxFailures                                     // 5
/// ;[1, 2, 3, 9].map((n) => policy.lockDurationSeconds(n))  // [900, 1800, 3600, 86400]
/// new security.LockoutPolicy({ maxFailures: 3, windowSeconds: 600, firstLockSeconds: 300, capSeconds: 3600 })
/// ```
#[napi(namespace = "security")]
pub struct LockoutPolicy {
    inner: core_security::LockoutPolicy,
}

#[napi(namespace = "security")]
impl LockoutPolicy {
    /// A policy of `options` ({@link LockoutPolicyOptions}; the SPEC's default for what is absent),
    /// checked.
    #[napi(
        constructor,
        ts_args_type = "options?: LockoutPolicyOptions | undefined | null"
    )]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        guard(|| {
            let defaults = core_security::LockoutPolicy::default();
            let Some(object) = options_object(
                options.as_ref(),
                &POLICY_OPTIONS,
                "{ maxFailures: 5, windowSeconds: 900, firstLockSeconds: 900, capSeconds: 86400 }",
            )?
            else {
                return Ok(LockoutPolicy { inner: defaults });
            };
            let field = |name: &str, default: i64| -> Result<i64, JsError> {
                match option_field(&object, name)? {
                    Some(value) => whole(name, number_value(name, &value)?),
                    None => Ok(default),
                }
            };
            let inner = core_security::LockoutPolicy::from_seconds(
                field("maxFailures", i64::from(defaults.max_failures()))?,
                field("windowSeconds", defaults.window().num_seconds())?,
                field("firstLockSeconds", defaults.first_lock().num_seconds())?,
                field("capSeconds", defaults.cap().num_seconds())?,
            )
            .map_err(|error| envoi_error(env, error))?;
            Ok(LockoutPolicy { inner })
        })
    }

    /// Failures within the window that lock the account.
    #[napi(getter)]
    pub fn max_failures(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.max_failures()))
    }

    /// How far back failures count, in seconds: a failure counts while it is less than this old.
    #[napi(getter)]
    pub fn window_seconds(&self) -> napi::Result<f64, Code> {
        guard(|| Ok(seconds(self.inner.window())))
    }

    /// How long the first lock lasts, in seconds.
    #[napi(getter)]
    pub fn first_lock_seconds(&self) -> napi::Result<f64, Code> {
        guard(|| Ok(seconds(self.inner.first_lock())))
    }

    /// The longest lock, in seconds: the doubling stops there.
    #[napi(getter)]
    pub fn cap_seconds(&self) -> napi::Result<f64, Code> {
        guard(|| Ok(seconds(self.inner.cap())))
    }

    /// How long the `lockNumber`-th lock since the last successful login lasts, in seconds:
    /// `firstLockSeconds × 2^(lockNumber − 1)`, at most `capSeconds` (0 is read as 1).
    #[napi]
    pub fn lock_duration_seconds(&self, lock_number: f64) -> napi::Result<f64, Code> {
        guard(|| {
            let number = count_arg("lockNumber", lock_number)?;
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            Ok(seconds(self.inner.lock_duration(number)))
        })
    }

    /// The core's JSON form (`{"max_failures":5,"window_seconds":900,…}`), the same in every envoi
    /// binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// The policy of a JSON text written by {@link LockoutPolicy.toJson} (in any envoi binding),
    /// checked again. `InvalidArg` naming what is wrong otherwise.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<LockoutPolicy, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| LockoutPolicy { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }
}

/// A {@link LockoutPolicy} argument.
fn policy_arg(value: &Unknown<'_>) -> Result<core_security::LockoutPolicy, JsError> {
    instance_arg::<LockoutPolicy>("policy", value, "a security.LockoutPolicy")
        .map(|policy| policy.inner)
}

/// One account's login protection state: plain data the host stores with the account
/// (`toJson()` / `LoginGuard.fromJson(text)`) and hands to each login: {@link LoginGuard.check}
/// before the password is checked, then {@link LoginGuard.recordFailure} or
/// {@link LoginGuard.recordSuccess}, and the host stores the guard back. Checks of one account must
/// be serialised by the host (a row lock, or a compare-and-swap on the stored guard).
///
/// A failure counts while it is less than the window old; the failure that reaches `maxFailures`
/// locks the account and clears the count; a lock holds strictly before its end; attempts during a
/// lock are neither counted nor extend it; a successful login resets the count and the doubling.
///
/// ```js
/// const { security } = require('envoi')
/// const policy = new security.LockoutPolicy()
/// const guard = new security.LoginGuard()
/// const at = new Date('2026-06-01T09:00:00Z')
/// for (let i = 0; i < 4; i += 1) guard.recordFailure(policy, at)
/// guard.recordFailure(policy, at)   // { kind: 'locked', until: '2026-06-01T09:15:00Z', durationSeconds: 900, lockNumber: 1 }
/// guard.check('2026-06-01T09:10:00Z')  // throws security.account_locked (lockedUntil, remainingSeconds: 300)
/// guard.check('2026-06-01T09:15:00Z')  // the lock ends at its end instant
/// ```
#[napi(namespace = "security")]
pub struct LoginGuard {
    inner: core_security::LoginGuard,
}

#[napi(namespace = "security")]
impl LoginGuard {
    /// A guard with no failure and no lock: a new account's.
    #[napi(constructor)]
    pub fn new() -> napi::Result<Self, Code> {
        guard(|| {
            Ok(LoginGuard {
                inner: core_security::LoginGuard::new(),
            })
        })
    }

    /// The guard of a JSON text written by {@link LoginGuard.toJson} (in any envoi binding).
    /// `InvalidArg` naming what is wrong otherwise.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<LoginGuard, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| LoginGuard { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }

    /// The core's JSON form (`{"recent_failures":[…],"lock_count":0,"locked_until":null}`), the
    /// same in every envoi binding: what the host stores.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// Whether a login may be tried at `at` (a `Date` or an ISO 8601 string with an offset): call
    /// it before checking the password. Throws `security.account_locked` (`lockedUntil`,
    /// `remainingSeconds`) during a lock.
    #[napi(ts_args_type = "at: Date | string")]
    pub fn check(&self, env: Env, at: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            self.inner
                .check(at)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Records a failed login at `at` under `policy` ({@link FailureResult}).
    #[napi(
        ts_args_type = "policy: LockoutPolicy, at: Date | string",
        ts_return_type = "FailureResult"
    )]
    pub fn record_failure(
        &mut self,
        env: Env,
        policy: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let policy = policy_arg(&policy)?;
            let at = instant_arg("at", &at)?;
            let outcome = self.inner.record_failure(&policy, at);
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            outcome_to_js(js, outcome).map(Raw).map_err(napi_error)
        })
    }

    /// Records a successful login at `at`: the failure count and the doubling start again. Throws
    /// `security.account_locked` (and changes nothing) during a lock: the password should not have
    /// been tried.
    #[napi(ts_args_type = "at: Date | string")]
    pub fn record_success(&mut self, env: Env, at: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            self.inner
                .record_success(at)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The failures that count at `at` under `policy` (less than the window old), since the last
    /// lock or success.
    #[napi(ts_args_type = "policy: LockoutPolicy, at: Date | string")]
    pub fn failures(&self, policy: Unknown<'_>, at: Unknown<'_>) -> napi::Result<u32, Code> {
        guard(|| {
            let policy = policy_arg(&policy)?;
            let at = instant_arg("at", &at)?;
            Ok(self.inner.failures(&policy, at))
        })
    }

    /// The locks since the last success (0 after a success): the next lock is number
    /// `lockCount + 1`.
    #[napi(getter)]
    pub fn lock_count(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.lock_count()))
    }

    /// The end of the current lock, or of the last one since the last success (RFC 3339 in UTC);
    /// `null` when there was none.
    #[napi(getter)]
    pub fn locked_until(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.locked_until().map(format_utc)))
    }
}

/// A failure's outcome as a plain object ({@link FailureResult}).
fn outcome_to_js(js: Js, outcome: FailureOutcome) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    match outcome {
        FailureOutcome::Counted {
            failures,
            failures_left,
        } => {
            js.set_named(object, c"kind", js.str("counted")?)?;
            js.set_named(object, c"failures", js.u32(failures)?)?;
            js.set_named(object, c"failuresLeft", js.u32(failures_left)?)?;
        }
        FailureOutcome::Locked {
            until,
            duration,
            lock_number,
        } => {
            js.set_named(object, c"kind", js.str("locked")?)?;
            js.set_named(object, c"until", js.str(&format_utc(until))?)?;
            js.set_named(object, c"durationSeconds", js.f64(seconds(duration))?)?;
            js.set_named(object, c"lockNumber", js.u32(lock_number)?)?;
        }
        FailureOutcome::AlreadyLocked { until } => {
            js.set_named(object, c"kind", js.str("already_locked")?)?;
            js.set_named(object, c"until", js.str(&format_utc(until))?)?;
        }
    }
    Ok(object)
}
