//! Login protection (SPEC section 1): the lockout policy and the state machine the host stores per
//! account.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::time::Instant;

use super::SecurityError;

/// The most failures a policy may count before it locks.
const MAX_FAILURES_LIMIT: u32 = 100;
/// The longest window, first lock or cap: 366 days.
const MAX_DURATION_SECONDS: i64 = 366 * 24 * 3600;

/// When repeated failed logins lock an account, and for how long (SPEC section 1).
///
/// `max_failures` failures within `window` lock the account for `first_lock`; each further lock
/// (without a successful login in between) lasts twice the previous one, never more than `cap`.
/// The default is the SPEC's decision: 5 failures within 15 minutes lock for 15 minutes, then 30,
/// 60, 120… minutes, capped at 24 hours.
///
/// Checked when made ([`LockoutPolicy::new`], and when read from JSON): `max_failures` 1 to 100;
/// `window`, `first_lock` and `cap` whole seconds, from 1 second to 366 days; `cap` at least
/// `first_lock`. In JSON the durations are whole seconds.
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::ErrorCode;
/// use envoi::security::LockoutPolicy;
///
/// let policy = LockoutPolicy::default();
/// assert_eq!(policy.max_failures(), 5);
/// assert_eq!((policy.window(), policy.first_lock(), policy.cap()),
///            (TimeDelta::minutes(15), TimeDelta::minutes(15), TimeDelta::hours(24)));
/// assert_eq!(policy.lock_duration(3), TimeDelta::minutes(60));
/// assert_eq!(
///     serde_json::to_string(&policy)?,
///     r#"{"max_failures":5,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400}"#
/// );
///
/// let error = LockoutPolicy::new(5, TimeDelta::zero(), TimeDelta::minutes(15), TimeDelta::hours(24))
///     .unwrap_err();
/// assert_eq!(error.code(), "security.invalid_parameter");
/// assert_eq!(error.to_string(), "window: 0 seconds must be positive (at least 1 second)");
/// assert!(serde_json::from_str::<LockoutPolicy>(
///     r#"{"max_failures":0,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400}"#
/// ).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PolicyFields", into = "PolicyFields")]
pub struct LockoutPolicy {
    max_failures: u32,
    window: TimeDelta,
    first_lock: TimeDelta,
    cap: TimeDelta,
}

/// The JSON form of a [`LockoutPolicy`], durations in whole seconds.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFields {
    max_failures: i64,
    window_seconds: i64,
    first_lock_seconds: i64,
    cap_seconds: i64,
}

impl From<LockoutPolicy> for PolicyFields {
    fn from(policy: LockoutPolicy) -> PolicyFields {
        PolicyFields {
            max_failures: i64::from(policy.max_failures),
            window_seconds: policy.window.num_seconds(),
            first_lock_seconds: policy.first_lock.num_seconds(),
            cap_seconds: policy.cap.num_seconds(),
        }
    }
}

impl TryFrom<PolicyFields> for LockoutPolicy {
    type Error = SecurityError;

    fn try_from(fields: PolicyFields) -> Result<LockoutPolicy, SecurityError> {
        LockoutPolicy::from_seconds(
            fields.max_failures,
            fields.window_seconds,
            fields.first_lock_seconds,
            fields.cap_seconds,
        )
    }
}

impl Default for LockoutPolicy {
    /// The SPEC's decision: 5 failures within 15 minutes, a first lock of 15 minutes, a cap of 24
    /// hours.
    fn default() -> LockoutPolicy {
        LockoutPolicy {
            max_failures: 5,
            window: TimeDelta::minutes(15),
            first_lock: TimeDelta::minutes(15),
            cap: TimeDelta::hours(24),
        }
    }
}

impl LockoutPolicy {
    /// A policy of these parameters, checked (see the type's documentation).
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::LockoutPolicy;
    ///
    /// let strict = LockoutPolicy::new(3, TimeDelta::minutes(10), TimeDelta::minutes(5), TimeDelta::hours(1))?;
    /// assert_eq!(strict.lock_duration(1), TimeDelta::minutes(5));
    /// assert_eq!(strict.lock_duration(5), TimeDelta::hours(1)); // 80 minutes, capped
    ///
    /// let error = LockoutPolicy::new(3, TimeDelta::minutes(10), TimeDelta::hours(2), TimeDelta::hours(1))
    ///     .unwrap_err();
    /// assert_eq!(error.to_string(), "cap: 3600 seconds must be at least first_lock (7200 seconds)");
    /// # Ok::<(), envoi::security::SecurityError>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::InvalidParameter`] naming the first parameter out of its range;
    /// [`SecurityError::CapBelowFirstLock`].
    pub fn new(
        max_failures: u32,
        window: TimeDelta,
        first_lock: TimeDelta,
        cap: TimeDelta,
    ) -> Result<LockoutPolicy, SecurityError> {
        if !(1..=MAX_FAILURES_LIMIT).contains(&max_failures) {
            return Err(SecurityError::InvalidParameter {
                field: "max_failures",
                value: max_failures.to_string(),
                rule: "is out of range: a policy locks after 1 to 100 failures",
            });
        }
        check_duration("window", window)?;
        check_duration("first_lock", first_lock)?;
        check_duration("cap", cap)?;
        if cap < first_lock {
            return Err(SecurityError::CapBelowFirstLock {
                cap_seconds: cap.num_seconds(),
                first_lock_seconds: first_lock.num_seconds(),
            });
        }
        Ok(LockoutPolicy {
            max_failures,
            window,
            first_lock,
            cap,
        })
    }

    /// A policy from whole numbers (the durations in seconds), as bindings and JSON give them:
    /// a negative or zero value is refused with its field named.
    ///
    /// ```
    /// use envoi::security::LockoutPolicy;
    ///
    /// assert_eq!(LockoutPolicy::from_seconds(5, 900, 900, 86_400)?, LockoutPolicy::default());
    /// let error = LockoutPolicy::from_seconds(5, 900, -60, 86_400).unwrap_err();
    /// assert_eq!(error.to_string(), "first_lock: -60 seconds must be positive (at least 1 second)");
    /// # Ok::<(), envoi::security::SecurityError>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::InvalidParameter`] naming the first parameter out of its range.
    pub fn from_seconds(
        max_failures: i64,
        window_seconds: i64,
        first_lock_seconds: i64,
        cap_seconds: i64,
    ) -> Result<LockoutPolicy, SecurityError> {
        let max_failures =
            u32::try_from(max_failures).map_err(|_| SecurityError::InvalidParameter {
                field: "max_failures",
                value: max_failures.to_string(),
                rule: "is out of range: a policy locks after 1 to 100 failures",
            })?;
        let duration = |field: &'static str, seconds: i64| {
            // Out of TimeDelta's range is far beyond the 366-day limit: report it against that rule.
            TimeDelta::try_seconds(seconds).ok_or_else(|| SecurityError::InvalidParameter {
                field,
                value: format!("{seconds} seconds"),
                rule: "is too long: at most 366 days",
            })
        };
        LockoutPolicy::new(
            max_failures,
            duration("window", window_seconds)?,
            duration("first_lock", first_lock_seconds)?,
            duration("cap", cap_seconds)?,
        )
    }

    /// Failures within [`LockoutPolicy::window`] that lock the account.
    ///
    /// ```
    /// use envoi::security::LockoutPolicy;
    ///
    /// assert_eq!(LockoutPolicy::default().max_failures(), 5);
    /// assert_eq!(LockoutPolicy::from_seconds(3, 600, 300, 3600)?.max_failures(), 3);
    /// # Ok::<(), envoi::security::SecurityError>(())
    /// ```
    pub fn max_failures(&self) -> u32 {
        self.max_failures
    }

    /// How far back failures count: a failure counts while it is less than this old.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::LockoutPolicy;
    ///
    /// assert_eq!(LockoutPolicy::default().window(), TimeDelta::minutes(15));
    /// assert_eq!(LockoutPolicy::from_seconds(3, 600, 300, 3600)?.window(), TimeDelta::minutes(10));
    /// # Ok::<(), envoi::security::SecurityError>(())
    /// ```
    pub fn window(&self) -> TimeDelta {
        self.window
    }

    /// How long the first lock lasts.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::LockoutPolicy;
    ///
    /// assert_eq!(LockoutPolicy::default().first_lock(), TimeDelta::minutes(15));
    /// assert_eq!(LockoutPolicy::from_seconds(3, 600, 300, 3600)?.first_lock(), TimeDelta::minutes(5));
    /// # Ok::<(), envoi::security::SecurityError>(())
    /// ```
    pub fn first_lock(&self) -> TimeDelta {
        self.first_lock
    }

    /// The longest lock: the doubling stops there.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::LockoutPolicy;
    ///
    /// let policy = LockoutPolicy::default();
    /// assert_eq!(policy.cap(), TimeDelta::hours(24));
    /// assert_eq!(policy.lock_duration(20), policy.cap());
    /// ```
    pub fn cap(&self) -> TimeDelta {
        self.cap
    }

    /// How long the `lock_number`-th lock since the last successful login lasts:
    /// `first_lock × 2^(lock_number − 1)`, at most `cap` (0 is read as 1).
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::LockoutPolicy;
    ///
    /// let policy = LockoutPolicy::default();
    /// let minutes: Vec<i64> = (1..=9).map(|n| policy.lock_duration(n).num_minutes()).collect();
    /// assert_eq!(minutes, [15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
    /// assert_eq!(policy.lock_duration(u32::MAX), TimeDelta::hours(24));
    /// ```
    pub fn lock_duration(&self, lock_number: u32) -> TimeDelta {
        let mut duration = self.first_lock;
        for _ in 1..lock_number {
            match duration.checked_mul(2) {
                Some(doubled) if doubled < self.cap => duration = doubled,
                _ => return self.cap,
            }
        }
        duration.min(self.cap)
    }
}

fn check_duration(field: &'static str, duration: TimeDelta) -> Result<(), SecurityError> {
    let refuse = |rule| SecurityError::InvalidParameter {
        field,
        value: if duration.subsec_nanos() == 0 {
            format!("{} seconds", duration.num_seconds())
        } else {
            format!("{} milliseconds", duration.num_milliseconds())
        },
        rule,
    };
    if duration <= TimeDelta::zero() {
        return Err(refuse("must be positive (at least 1 second)"));
    }
    if duration.subsec_nanos() != 0 {
        return Err(refuse("must be a whole number of seconds"));
    }
    if duration.num_seconds() > MAX_DURATION_SECONDS {
        return Err(refuse("is too long: at most 366 days"));
    }
    Ok(())
}

/// What [`LoginGuard::record_failure`] did with a failed login.
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::security::{FailureOutcome, LockoutPolicy, LoginGuard};
/// use envoi::time::Instant;
///
/// let policy = LockoutPolicy::from_seconds(2, 600, 300, 3600)?;
/// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
/// let mut guard = LoginGuard::new();
/// // The first failure counts: one more locks.
/// assert_eq!(guard.record_failure(&policy, at), FailureOutcome::Counted { failures: 1, failures_left: 1 });
/// // The second locks for the first lock's 5 minutes.
/// let until = at + TimeDelta::minutes(5);
/// assert_eq!(guard.record_failure(&policy, at),
///            FailureOutcome::Locked { until, duration: TimeDelta::minutes(5), lock_number: 1 });
/// // During the lock a failure is neither counted nor extends the lock.
/// assert_eq!(guard.record_failure(&policy, at + TimeDelta::minutes(1)), FailureOutcome::AlreadyLocked { until });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureOutcome {
    /// The failure counted; the account is not locked.
    Counted {
        /// Failures within the window, this one included.
        failures: u32,
        /// Further failures within the window that lock the account.
        failures_left: u32,
    },
    /// The failure locked the account.
    Locked {
        /// No login until this instant.
        until: Instant,
        /// How long this lock lasts.
        duration: TimeDelta,
        /// Which lock since the last successful login (1 for the first), the doubling's exponent.
        lock_number: u32,
    },
    /// The account was already locked: the attempt is not counted and the lock is not extended.
    AlreadyLocked {
        /// The lock's end, unchanged.
        until: Instant,
    },
}

/// One account's login protection state, kept by the host (plain data, JSON) and handed to each
/// login: [`LoginGuard::check`] before the password is checked, then
/// [`LoginGuard::record_failure`] or [`LoginGuard::record_success`], and the host stores the guard
/// back.
///
/// - A failure counts while it is less than the policy's window old (with the default, a failure
///   15:00 minutes old no longer counts; 14:59 old still does).
/// - The failure that reaches `max_failures` within the window locks the account for
///   [`LockoutPolicy::lock_duration`] of the lock's number since the last success (15, 30, 60…
///   minutes up to 24 hours by default) and clears the count: after the lock, counting starts
///   again from zero.
/// - A lock holds strictly before its end: at the end instant itself a login is allowed.
/// - **Decision** (the SPEC does not say): attempts during a lock are refused by `check` and,
///   if recorded anyway, are neither counted nor extend the lock, so an attacker cannot keep the
///   owner locked out beyond the doubling; a success during a lock is refused too (the password
///   is not even tried while locked).
/// - A successful login resets both the count and the doubling: the next lock is a first lock.
///   The doubling has no other decay: only a success resets it.
///
/// Checks of one account must be serialised by the host (a row lock, or a compare-and-swap on
/// the stored guard), as for any counter.
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::ErrorCode;
/// use envoi::security::{FailureOutcome, LockoutPolicy, LoginGuard};
/// use envoi::time::Instant;
///
/// let policy = LockoutPolicy::default();
/// let mut guard = LoginGuard::new();
/// let start: Instant = "2026-06-01T09:00:00Z".parse()?;
/// for minute in 0..4 {
///     guard.record_failure(&policy, start + TimeDelta::minutes(minute));
/// }
/// assert!(guard.check(start + TimeDelta::minutes(4)).is_ok());
/// let fifth = guard.record_failure(&policy, start + TimeDelta::minutes(4));
/// let until = start + TimeDelta::minutes(19);
/// assert_eq!(fifth, FailureOutcome::Locked { until, duration: TimeDelta::minutes(15), lock_number: 1 });
///
/// let error = guard.check(start + TimeDelta::minutes(10)).unwrap_err();
/// assert_eq!(error.code(), "security.account_locked");
/// assert_eq!(error.to_string(),
///     "login: locked until 2026-06-01 09:19:00 UTC (540 seconds left) after repeated failed logins; try again then");
/// assert!(guard.check(until).is_ok()); // the lock ends at its end instant
///
/// guard.record_success(until)?;
/// assert_eq!((guard.lock_count(), guard.locked_until()), (0, None));
/// assert_eq!(serde_json::to_string(&guard)?, r#"{"recent_failures":[],"lock_count":0,"locked_until":null}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginGuard {
    /// The failures counted since the last lock or success (those older than the window are
    /// dropped at the next failure).
    recent_failures: Vec<Instant>,
    /// Locks since the last success: the doubling's exponent.
    lock_count: u32,
    /// The end of the current (or last) lock.
    locked_until: Option<Instant>,
}

impl LoginGuard {
    /// A guard with no failure and no lock: a new account's, or one just after a success.
    ///
    /// ```
    /// let guard = envoi::security::LoginGuard::new();
    /// assert!(guard.check("2026-01-01T00:00:00Z".parse()?).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new() -> LoginGuard {
        LoginGuard::default()
    }

    /// Whether a login may be tried at `at`: `Ok` or [`SecurityError::AccountLocked`] with the
    /// lock's end and the time left. Call it before checking the password.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::{LockoutPolicy, LoginGuard, SecurityError};
    /// use envoi::time::Instant;
    ///
    /// let policy = LockoutPolicy::default();
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// for _ in 0..5 {
    ///     guard.record_failure(&policy, at);
    /// }
    /// let later = at + TimeDelta::minutes(5);
    /// assert_eq!(guard.check(later), Err(SecurityError::AccountLocked {
    ///     locked_until: at + TimeDelta::minutes(15),
    ///     remaining: TimeDelta::minutes(10),
    /// }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::AccountLocked`] while `at` is before the lock's end.
    pub fn check(&self, at: Instant) -> Result<(), SecurityError> {
        match self.locked_until {
            Some(locked_until) if at < locked_until => Err(SecurityError::AccountLocked {
                locked_until,
                remaining: locked_until.signed_duration_since(at),
            }),
            _ => Ok(()),
        }
    }

    /// Records a failed login at `at` and says what it did: counted, locked the account, or
    /// ignored because the account was already locked (see the type's documentation).
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::{FailureOutcome, LockoutPolicy, LoginGuard};
    /// use envoi::time::Instant;
    ///
    /// let policy = LockoutPolicy::default();
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// assert_eq!(guard.record_failure(&policy, at), FailureOutcome::Counted { failures: 1, failures_left: 4 });
    /// // Fifteen minutes later the first failure no longer counts.
    /// assert_eq!(guard.record_failure(&policy, at + TimeDelta::minutes(15)),
    ///            FailureOutcome::Counted { failures: 1, failures_left: 4 });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_failure(&mut self, policy: &LockoutPolicy, at: Instant) -> FailureOutcome {
        if let Some(until) = self.locked_until
            && at < until
        {
            return FailureOutcome::AlreadyLocked { until };
        }
        self.recent_failures
            .retain(|failure| at.signed_duration_since(*failure) < policy.window);
        self.recent_failures.push(at);
        let failures = u32::try_from(self.recent_failures.len()).unwrap_or(u32::MAX);
        if failures < policy.max_failures {
            return FailureOutcome::Counted {
                failures,
                failures_left: policy.max_failures - failures,
            };
        }
        self.lock_count = self.lock_count.saturating_add(1);
        let duration = policy.lock_duration(self.lock_count);
        // An instant near the end of time cannot move further: the lock then lasts to that end.
        let until = at.checked_add_signed(duration).unwrap_or(Instant::MAX_UTC);
        self.locked_until = Some(until);
        self.recent_failures.clear();
        FailureOutcome::Locked {
            until,
            duration,
            lock_number: self.lock_count,
        }
    }

    /// Records a successful login at `at`: the failure count and the doubling start again.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::security::{LockoutPolicy, LoginGuard};
    /// use envoi::time::Instant;
    ///
    /// let policy = LockoutPolicy::default();
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// for _ in 0..5 {
    ///     guard.record_failure(&policy, at);
    /// }
    /// // A success while locked is refused and changes nothing.
    /// assert_eq!(guard.record_success(at).unwrap_err().code(), "security.account_locked");
    /// assert_eq!(guard.lock_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::AccountLocked`] when `at` is during a lock: the guard is unchanged (the
    /// host should not have tried the password, see [`LoginGuard::check`]).
    pub fn record_success(&mut self, at: Instant) -> Result<(), SecurityError> {
        self.check(at)?;
        *self = LoginGuard::default();
        Ok(())
    }

    /// The failures that count at `at` under `policy` (those less than the window old), since the
    /// last lock or success.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::{LockoutPolicy, LoginGuard};
    ///
    /// let policy = LockoutPolicy::default();
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// guard.record_failure(&policy, at);
    /// assert_eq!(guard.failures(&policy, at + TimeDelta::seconds(899)), 1);
    /// assert_eq!(guard.failures(&policy, at + TimeDelta::seconds(900)), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn failures(&self, policy: &LockoutPolicy, at: Instant) -> u32 {
        let counted = self
            .recent_failures
            .iter()
            .filter(|failure| at.signed_duration_since(**failure) < policy.window)
            .count();
        u32::try_from(counted).unwrap_or(u32::MAX)
    }

    /// The locks since the last success (0 after a success): the next lock is number
    /// `lock_count() + 1`.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::{FailureOutcome, LockoutPolicy, LoginGuard};
    /// use envoi::time::Instant;
    ///
    /// let policy = LockoutPolicy::from_seconds(1, 600, 300, 3600)?;
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// guard.record_failure(&policy, at);
    /// let second = guard.record_failure(&policy, at + TimeDelta::minutes(5));
    /// assert_eq!(guard.lock_count(), 2);
    /// assert!(matches!(second, FailureOutcome::Locked { lock_number: 2, .. }));
    /// guard.record_success(at + TimeDelta::minutes(15))?;
    /// assert_eq!(guard.lock_count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lock_count(&self) -> u32 {
        self.lock_count
    }

    /// The end of the current lock, or of the last one since the last success; `None` when there
    /// was none.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::{LockoutPolicy, LoginGuard};
    /// use envoi::time::Instant;
    ///
    /// let policy = LockoutPolicy::from_seconds(1, 600, 300, 3600)?;
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let mut guard = LoginGuard::new();
    /// assert_eq!(guard.locked_until(), None);
    /// guard.record_failure(&policy, at);
    /// let until = at + TimeDelta::minutes(5);
    /// assert_eq!(guard.locked_until(), Some(until));
    /// // Still said after the lock ended, until a success.
    /// assert!(guard.check(until).is_ok());
    /// assert_eq!(guard.locked_until(), Some(until));
    /// guard.record_success(until)?;
    /// assert_eq!(guard.locked_until(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn locked_until(&self) -> Option<Instant> {
        self.locked_until
    }
}
