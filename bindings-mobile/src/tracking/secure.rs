//! Secure-email access (the `secure_email` channel): [`SecureAccess`], an object holding the
//! core's `envoi::tracking::SecureAccess` behind a mutex, with its policy and results as records.
//!
//! The flow is the core's: [`secure_access_create`] gives the access (store `to_json()`) and the
//! sealed link token (send the link); [`SecureAccess::issue_code`] gives a one-time code to send
//! through the second channel; [`secure_access_read_link`] reads a link's claims to find the stored
//! access; [`SecureAccess::open`] checks the link and the code and counts the open. The access is
//! updated **in place** by `issue_code`, `open` (also when it throws: a wrong code counts, a lock
//! is recorded) and `revoke`: store `to_json()` after each, whatever the outcome. These opens are
//! counted in the access, never in the engagement statistics.
//!
//! Kotlin adds `SecureAccess.create(…)` and `SecureAccess.readLink(…)` on the companion
//! (kotlin/src/main/kotlin/dev/envoi/Tracking.kt); Swift calls the two functions.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use crate::errors::INVALID_JSON_CODE;
use crate::token::{Claims, CodeChallenge, KeyRing, alphabet, now_or_clock, serde_name};
use crate::{EnvoiError, guard};

/// The alphabet, length and attempts of a one-time code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct CodePolicy {
    /// `"digits"` (6 to 10 of them) or `"crockford"` (base32 without I, L, O, U: 6 to 16).
    #[uniffi(default = "digits")]
    pub alphabet: String,
    /// The number of characters.
    #[uniffi(default = 6)]
    pub length: u8,
    /// Wrong codes allowed before the code locks: 1 to 10.
    #[uniffi(default = 5)]
    pub max_attempts: u32,
}

impl CodePolicy {
    fn of(policy: &envoi::token::CodePolicy) -> Self {
        CodePolicy {
            alphabet: serde_name(&policy.alphabet),
            length: policy.length,
            max_attempts: policy.max_attempts,
        }
    }

    fn to_core(&self) -> Result<envoi::token::CodePolicy, EnvoiError> {
        Ok(envoi::token::CodePolicy {
            alphabet: alphabet(&self.alphabet)?,
            length: self.length,
            max_attempts: self.max_attempts,
        })
    }
}

/// How long a secure-email access lasts and how it is opened. The defaults are the core's: 30 days,
/// a code required, 6 digits valid 15 minutes with 5 attempts each, 5 codes, 10 wrong codes in
/// all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SecureAccessPolicy {
    /// How long the access stays open after its creation, in seconds (1 to 10 years).
    #[uniffi(default = 2592000)]
    pub validity_seconds: u64,
    /// Whether opening needs a one-time code besides the link.
    #[uniffi(default = true)]
    pub require_code: bool,
    /// The codes' alphabet, length and attempts.
    #[uniffi(default)]
    pub code: CodePolicy,
    /// How long a code is valid, in seconds (60 to 86,400; never past the access's end).
    #[uniffi(default = 900)]
    pub code_validity_seconds: u64,
    /// How many codes the access may issue (1 to 20).
    #[uniffi(default = 5)]
    pub max_codes: u32,
    /// Wrong codes, all codes together, before the access locks (1 to 100).
    #[uniffi(default = 10)]
    pub max_failed_attempts: u32,
}

impl SecureAccessPolicy {
    fn of(policy: &envoi::tracking::SecureAccessPolicy) -> Self {
        SecureAccessPolicy {
            validity_seconds: policy.validity_seconds,
            require_code: policy.require_code,
            code: CodePolicy::of(&policy.code),
            code_validity_seconds: policy.code_validity_seconds,
            max_codes: policy.max_codes,
            max_failed_attempts: policy.max_failed_attempts,
        }
    }

    fn to_core(&self) -> Result<envoi::tracking::SecureAccessPolicy, EnvoiError> {
        Ok(envoi::tracking::SecureAccessPolicy {
            validity_seconds: self.validity_seconds,
            require_code: self.require_code,
            code: self.code.to_core()?,
            code_validity_seconds: self.code_validity_seconds,
            max_codes: self.max_codes,
            max_failed_attempts: self.max_failed_attempts,
        })
    }
}

impl Default for CodePolicy {
    fn default() -> Self {
        CodePolicy::of(&envoi::token::CodePolicy::default())
    }
}

impl Default for SecureAccessPolicy {
    fn default() -> Self {
        SecureAccessPolicy::of(&envoi::tracking::SecureAccessPolicy::default())
    }
}

/// Why and since when an access is locked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct AccessLock {
    /// `"expired"` (the validity period ended), `"too_many_attempts"` or `"revoked"`; safe to show.
    pub reason: String,
    /// Since when.
    pub at: SystemTime,
}

impl AccessLock {
    pub(crate) fn of(lock: &envoi::tracking::AccessLock) -> Self {
        AccessLock {
            reason: serde_name(&lock.reason),
            at: crate::time::system_time(lock.at),
        }
    }
}

/// A successful open: what the access is for, and the opens so far.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SecureOpen {
    /// The access's claims (account, message, recipient…).
    pub claims: Claims,
    /// When it was opened.
    pub opened_at: SystemTime,
    /// The opens of this access so far, this one included.
    pub open_count: u32,
}

/// A new access and the sealed token of its link (`{site}/secure/{token}`, say) to send.
#[derive(Debug, Clone, uniffi::Record)]
pub struct NewSecureAccess {
    /// The access: store `access.to_json()`.
    pub access: Arc<SecureAccess>,
    /// The link's token (sealed: its claims are unreadable).
    pub token: String,
}

/// One recipient's access to a secure email, as the host stores it (`to_json`, `from_json`). Its
/// methods update it in place (see the module documentation); safe to share between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct SecureAccess {
    inner: Mutex<envoi::tracking::SecureAccess>,
}

impl PartialEq for SecureAccess {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.access() == *other.access()
    }
}

impl Eq for SecureAccess {}

impl fmt::Display for SecureAccess {
    /// The JSON form, as `to_json` gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(&*self.access()).unwrap_or_default())
    }
}

impl SecureAccess {
    fn wrap(inner: envoi::tracking::SecureAccess) -> Arc<Self> {
        Arc::new(SecureAccess {
            inner: Mutex::new(inner),
        })
    }

    /// The core's access. The core updates plain counters and options: a panic cannot leave it half
    /// updated, so a poisoned mutex is used as is.
    fn access(&self) -> MutexGuard<'_, envoi::tracking::SecureAccess> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A new access for `claims` (account, message, recipient…; `link` must be null/nil), created at
/// `now` (null/nil: the system clock) with `policy` (null/nil: the default policy), and its link
/// token (sealed, no expiry of its own: the access's validity decides).
///
/// Throws `tracking.invalid_claims` (`claims.link` set), `tracking.invalid_option` (a policy field
/// out of range, named `validity_seconds`, `code.length`…), `token.invalid_argument` (an unknown
/// `code.alphabet`), `token.invalid_time`, `argument.instant_out_of_range`.
#[uniffi::export(default(now = None, policy = None))]
pub fn secure_access_create(
    key_ring: Arc<KeyRing>,
    claims: Claims,
    now: Option<SystemTime>,
    policy: Option<SecureAccessPolicy>,
) -> Result<NewSecureAccess, EnvoiError> {
    guard(|| {
        let policy = policy.unwrap_or_default().to_core()?;
        let now = now_or_clock(now)?;
        let created =
            envoi::tracking::SecureAccess::create(&key_ring.inner, claims.to_core(), now, policy)?;
        Ok(NewSecureAccess {
            access: SecureAccess::wrap(created.access),
            token: created.token,
        })
    })
}

/// The claims of a secure-email link's token, verified at `now` (null/nil: the system clock), to
/// find the stored access. Throws the key ring's `token.*` errors (`token.bad_tag`…).
#[uniffi::export(default(now = None))]
pub fn secure_access_read_link(
    key_ring: Arc<KeyRing>,
    token: String,
    now: Option<SystemTime>,
) -> Result<Claims, EnvoiError> {
    guard(|| {
        let now = now_or_clock(now)?;
        let claims = envoi::tracking::SecureAccess::read_link(&key_ring.inner, &token, now)?;
        Ok(Claims::of(&claims))
    })
}

#[uniffi::export]
impl SecureAccess {
    /// An access written by `to_json`. Throws `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!(
                        "json: not a secure-email access: {error}; expected the form of to_json"
                    ),
                )
            })?;
            Ok(Self::wrap(inner))
        })
    }

    /// The core's JSON form, to store after every call that changes the access.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.access())
                .map_err(|error| EnvoiError::panic(&format!("serializing an access: {error}")))
        })
    }

    /// A one-time code to send through the second channel, issued at `now` (null/nil: the system
    /// clock); it replaces the previous code. Throws `tracking.secure_locked` (with `lock`),
    /// `tracking.secure_code_not_required`, `tracking.secure_too_many_codes` (with `max`),
    /// `token.*` (the key ring could not issue it).
    #[uniffi::method(default(now = None))]
    pub fn issue_code(
        &self,
        key_ring: Arc<KeyRing>,
        now: Option<SystemTime>,
    ) -> Result<String, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(self.access().issue_code(&key_ring.inner, now)?)
        })
    }

    /// Opens the access with its link's `token` and, when the policy requires it, the one-time
    /// `code`, at `now` (null/nil: the system clock); counts the open.
    ///
    /// Throws the key ring's `token.*` errors (a link that does not verify: nothing counted),
    /// `tracking.secure_link_mismatch` (with `expected` and `found`), `tracking.secure_locked`
    /// (with `lock`), `tracking.secure_code_required`, `tracking.secure_no_code_issued`,
    /// `tracking.secure_wrong_code` (with `attempts_left`; counted), `tracking.secure_code_malformed`
    /// (not counted), `tracking.secure_code_expired` (with `expires_at`),
    /// `tracking.secure_code_used`, `tracking.secure_code_locked` (ask for a new code).
    #[uniffi::method(default(code = None, now = None))]
    pub fn open(
        &self,
        key_ring: Arc<KeyRing>,
        token: String,
        code: Option<String>,
        now: Option<SystemTime>,
    ) -> Result<SecureOpen, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            let opened = self
                .access()
                .open(&key_ring.inner, &token, code.as_deref(), now)?;
            Ok(SecureOpen {
                claims: Claims::of(&opened.claims),
                opened_at: crate::time::system_time(opened.opened_at),
                open_count: opened.open_count,
            })
        })
    }

    /// Locks the access for good at `now` (null/nil: the system clock), with reason `"revoked"`;
    /// an access already locked keeps its lock.
    #[uniffi::method(default(now = None))]
    pub fn revoke(&self, now: Option<SystemTime>) -> Result<(), EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            self.access().revoke(now);
            Ok(())
        })
    }

    /// The lock in force at `now` (null/nil: the system clock): the recorded one, or `"expired"`
    /// from the end of the validity period; null/nil when the access is open.
    #[uniffi::method(default(now = None))]
    pub fn lock_at(&self, now: Option<SystemTime>) -> Result<Option<AccessLock>, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(self.access().lock_at(now).as_ref().map(AccessLock::of))
        })
    }

    /// The recorded lock, if any (an expiry is recorded by the first call after it).
    pub fn lock(&self) -> Option<AccessLock> {
        self.access().lock.as_ref().map(AccessLock::of)
    }

    /// Wrong codes still allowed for the current code, within the access's bound (0 without a code
    /// or when locked).
    pub fn attempts_left(&self) -> u32 {
        self.access().attempts_left()
    }

    /// What the access is for.
    pub fn claims(&self) -> Claims {
        Claims::of(&self.access().claims)
    }

    /// When it was created, to the instant given.
    pub fn created_at(&self) -> SystemTime {
        crate::time::system_time(self.access().created_at)
    }

    /// The end of its validity period.
    pub fn expires_at(&self) -> SystemTime {
        crate::time::system_time(self.access().expires_at)
    }

    /// Its policy.
    pub fn policy(&self) -> SecureAccessPolicy {
        SecureAccessPolicy::of(&self.access().policy)
    }

    /// A copy of the current code's challenge, if a code was issued.
    pub fn challenge(&self) -> Option<Arc<CodeChallenge>> {
        self.access().challenge.clone().map(CodeChallenge::wrap)
    }

    /// The codes issued so far.
    pub fn codes_issued(&self) -> u32 {
        self.access().codes_issued
    }

    /// The wrong codes so far, all codes together.
    pub fn failed_attempts(&self) -> u32 {
        self.access().failed_attempts
    }

    /// The successful opens so far.
    pub fn open_count(&self) -> u32 {
        self.access().open_count
    }

    /// The first successful open, if any.
    pub fn first_opened_at(&self) -> Option<SystemTime> {
        self.access().first_opened_at.map(crate::time::system_time)
    }

    /// The last successful open, if any.
    pub fn last_opened_at(&self) -> Option<SystemTime> {
        self.access().last_opened_at.map(crate::time::system_time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn at(rfc3339: &str) -> SystemTime {
        crate::time::system_time(rfc3339.parse::<envoi::time::Instant>().unwrap())
    }

    #[test]
    fn opens_with_link_and_code() {
        let ring = KeyRing::new(HashMap::from([(1, vec![1; 32])]), 1, 16).unwrap();
        let now = at("2026-04-01T09:00:00Z");
        let claims = Claims {
            account: Some(1),
            message: Some(2),
            recipient: Some(3),
            ..Claims::default()
        };
        let created = secure_access_create(ring.clone(), claims, Some(now), None).unwrap();
        assert_eq!(
            secure_access_read_link(ring.clone(), created.token.clone(), Some(now)).unwrap(),
            claims
        );
        let access = created.access;
        let error = access
            .open(ring.clone(), created.token.clone(), None, Some(now))
            .unwrap_err();
        assert_eq!(error.code(), "tracking.secure_code_required");
        let code = access.issue_code(ring.clone(), Some(now)).unwrap();
        let opened = access
            .open(ring.clone(), created.token, Some(code), Some(now))
            .unwrap();
        assert_eq!(opened.open_count, 1);
        let stored = SecureAccess::from_json(access.to_json().unwrap()).unwrap();
        assert_eq!(*stored, *access);
        assert_eq!(stored.policy(), SecureAccessPolicy::default());
    }
}
