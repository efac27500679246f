//! Signed tokens and one-time codes (SPEC section 8): [`KeyRing`] (an object holding the core's
//! `envoi::token::KeyRing`), the [`Claims`] a token carries, what [`KeyRing::verify`] gives back
//! ([`Verified`]), and the one-time codes' [`CodeChallenge`] (an object the host stores as JSON).
//!
//! Conversions only; every rule is the core's (`envoi::token`: wire format, verification order,
//! codes):
//!
//! - **Purposes** cross as the core's names: `"open"`, `"click"`, `"approval"`,
//!   `"sender_verification"`, `"password_reset"`, `"secure_email"` (another is
//!   `token.unknown_purpose`).
//! - **Claims** are a record of optional unsigned ids: `account`, `message`, `recipient` (`u64`:
//!   Kotlin `ULong`, Swift `UInt64`), `occurrence` (`u32`) and `link` (`u16`), as the core holds
//!   them; no value of these types is out of range.
//! - **Key ids** go in as signed integers (Kotlin `Long`, Swift `Int64`, as the other counts of
//!   this binding) and come out unsigned (`u32`: `UInt`, `UInt32`; a list of `u8` would cross as
//!   bytes); an id outside 0 to 255 is `argument.out_of_range`. Secrets are bytes (`ByteArray`,
//!   `Data`).
//! - **Instants** are `SystemTime` (`java.time.Instant`, `Date`); `now` defaults to the system
//!   clock, read by this binding (the core never reads a clock). An instant outside the core's
//!   range is `argument.instant_out_of_range`.
//! - **Errors**: the core's `TokenError` as [`EnvoiError::Token`], with its code and fields.
//!
//! ## Code challenges are mutable objects
//!
//! [`KeyRing::check_code`] records each attempt in the challenge, whether it succeeds or throws
//! (a wrong code counts, a right one spends the challenge). A value returned by the call would be
//! lost when it throws, so the challenge is an object the call updates in place: store
//! `challenge.to_json()` after every check, whatever its outcome, and rebuild it with
//! `CodeChallenge.from_json` when the code comes back.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use envoi::time::Instant;
use envoi::token::{CodeAlphabet, CodePolicy, CodeState, Purpose, TokenError, TokenId};
use serde::Serialize;

use crate::credits::to_instant;
use crate::errors::{INVALID_JSON_CODE, OUT_OF_RANGE_CODE};
use crate::time::system_time;
use crate::{EnvoiError, guard};

/// What a token says, every id optional: the ids of what it points to. Tracking tokens carry the
/// account, message, occurrence (which send of a repeated message), recipient and link; a
/// password-reset token the account and its credential version, and so on.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Claims {
    /// The account (the host's id).
    #[uniffi(default)]
    pub account: Option<u64>,
    /// The message.
    #[uniffi(default)]
    pub message: Option<u64>,
    /// The occurrence of a repeated message (which send).
    #[uniffi(default)]
    pub occurrence: Option<u32>,
    /// The recipient.
    #[uniffi(default)]
    pub recipient: Option<u64>,
    /// The link in the message (its index).
    #[uniffi(default)]
    pub link: Option<u16>,
    /// The version of the account's credential (its password) when a password-reset token was
    /// issued: a token of an earlier version is refused.
    #[uniffi(default)]
    pub credential: Option<u32>,
}

impl Claims {
    pub(crate) fn of(claims: &envoi::token::Claims) -> Self {
        Claims {
            account: claims.account,
            message: claims.message,
            occurrence: claims.occurrence,
            recipient: claims.recipient,
            link: claims.link,
            credential: claims.credential,
        }
    }

    pub(crate) fn to_core(self) -> envoi::token::Claims {
        envoi::token::Claims {
            account: self.account,
            message: self.message,
            occurrence: self.occurrence,
            recipient: self.recipient,
            link: self.link,
            credential: self.credential,
        }
    }
}

/// A token that passed every check of [`KeyRing::verify`] (or a code that matched, from
/// [`KeyRing::check_code`]): what it says and who signed it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Verified {
    /// The purpose the token was made (and verified) for (`"click"`…).
    pub purpose: String,
    /// The ring key that signed it (active or retired): 0 to 255.
    pub key_id: u32,
    /// What it says.
    pub claims: Claims,
    /// When it was issued, to the whole second.
    pub issued_at: SystemTime,
    /// When it expires (it was valid strictly before), if it does.
    pub expires_at: Option<SystemTime>,
    /// A stable id of the token: 22 characters of base64url (16 bytes). A host that makes a token
    /// single use (password reset, approval) stores it once used and refuses a token whose id is
    /// stored until its expiry has passed.
    pub token_id: String,
}

impl Verified {
    pub(crate) fn of(verified: &envoi::token::Verified) -> Self {
        Verified {
            purpose: verified.purpose.as_str().to_owned(),
            key_id: u32::from(verified.key_id),
            claims: Claims::of(&verified.claims),
            issued_at: system_time(verified.issued_at),
            expires_at: verified.expires_at.map(system_time),
            token_id: verified.token_id.to_string(),
        }
    }

    /// The core's value; `field` names the argument in the errors (`token.unknown_purpose`,
    /// `token.invalid_argument` for a `token_id` that is not 22 characters of base64url,
    /// `argument.instant_out_of_range`).
    pub(crate) fn to_core(&self, field: &str) -> Result<envoi::token::Verified, EnvoiError> {
        Ok(envoi::token::Verified {
            purpose: purpose(&self.purpose)?,
            key_id: to_core_int(
                "verified.key_id",
                i64::from(self.key_id),
                "a key id is 0 to 255",
            )?,
            claims: self.claims.to_core(),
            issued_at: to_instant(&format!("{field}.issued_at"), self.issued_at)?,
            expires_at: self
                .expires_at
                .map(|at| to_instant(&format!("{field}.expires_at"), at))
                .transpose()?,
            token_id: self.token_id.parse::<TokenId>()?,
        })
    }
}

/// A purpose's name as the core's purpose (`token.unknown_purpose` otherwise).
pub(crate) fn purpose(name: &str) -> Result<Purpose, EnvoiError> {
    Ok(name.parse::<Purpose>()?)
}

/// `now` as the core's instant, the system clock when null/nil (`field` names it in an
/// `argument.instant_out_of_range`).
pub(crate) fn now_or_clock(now: Option<SystemTime>) -> Result<Instant, EnvoiError> {
    to_instant("now", now.unwrap_or_else(SystemTime::now))
}

/// An optional host instant as the core's; `field` names it in an `argument.instant_out_of_range`.
pub(crate) fn optional_instant(
    field: &str,
    time: Option<SystemTime>,
) -> Result<Option<Instant>, EnvoiError> {
    time.map(|time| to_instant(field, time)).transpose()
}

/// A host integer (Kotlin `Long`, Swift `Int64`) as the core's type `T`; `field` names it in an
/// `argument.out_of_range` when it does not fit (`range` says what fits, as a person reads it).
pub(crate) fn to_core_int<T: TryFrom<i64>>(
    field: &str,
    value: i64,
    range: &str,
) -> Result<T, EnvoiError> {
    T::try_from(value).map_err(|_| {
        EnvoiError::argument(
            OUT_OF_RANGE_CODE,
            format!("{field}: {value} is out of range; {range}"),
        )
    })
}

/// The snake-case name the core's serde form gives a unit enum (`"digits"`, `"pending"`…).
pub(crate) fn serde_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => format!("{other:?}"),
    }
}

/// A code alphabet's name as the core's alphabet: `"digits"` or `"crockford"`; another is the
/// core's `token.invalid_argument` naming `alphabet`.
pub(crate) fn alphabet(name: &str) -> Result<CodeAlphabet, EnvoiError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|_| {
        TokenError::InvalidArgument {
            field: "alphabet",
            value: name.chars().take(40).collect(),
            rule: "is not a code alphabet; use digits or crockford",
        }
        .into()
    })
}

/// The keys that sign and verify tokens: each with a small integer id (0 to 255), one active for
/// signing, the others retired (they verify what they signed, never sign again). A key removed from
/// the ring is gone: its tokens are refused with `token.unknown_key`. Immutable: rotate by building
/// a new ring. Its text form shows the ids alone, never a secret.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct KeyRing {
    pub(crate) inner: envoi::token::KeyRing,
}

impl fmt::Debug for KeyRing {
    /// The core's: the ids, the active id and the tag length, never a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl fmt::Display for KeyRing {
    /// `KeyRing { key_ids: [1, 2], active: 2, tag_length: 16 }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

/// A one-time code to send to a person, and the challenge the host stores to check it.
#[derive(Debug, Clone, uniffi::Record)]
pub struct IssuedCode {
    /// The code to send (by SMS, email or a second channel); never stored by envoi.
    pub code: String,
    /// The challenge: store `challenge.to_json()` with the host's record.
    pub challenge: Arc<CodeChallenge>,
}

#[uniffi::export]
impl KeyRing {
    /// A ring of `keys` (key id → secret of at least 32 random bytes) where the key `active` signs
    /// and every other key is retired; tags of `tag_length` bytes (16, 128 bits, to 32). A ring
    /// verifies tags of its own length only.
    ///
    /// Throws `token.key_too_short` (with `key_id`, `length` and `min`; keys are tried in
    /// increasing id order), `token.active_key_missing` (with `key_id`), `token.invalid_argument`
    /// (`tag_length` out of 16 to 32), `argument.out_of_range` (a key id outside 0 to 255, a
    /// negative `tag_length`).
    #[uniffi::constructor(default(tag_length = 16))]
    pub fn new(
        keys: HashMap<i64, Vec<u8>>,
        active: i64,
        tag_length: i64,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let mut ring_keys = Vec::with_capacity(keys.len());
            for (id, secret) in keys {
                ring_keys.push((
                    to_core_int::<u8>("keys", id, "a key id is 0 to 255")?,
                    secret,
                ));
            }
            ring_keys.sort_unstable_by_key(|(id, _)| *id);
            let active = to_core_int::<u8>("active", active, "a key id is 0 to 255")?;
            let tag_length = to_core_int::<usize>("tag_length", tag_length, "give 16 to 32")?;
            let inner =
                envoi::token::KeyRing::new(ring_keys, active)?.with_tag_length(tag_length)?;
            Ok(Arc::new(KeyRing { inner }))
        })
    }

    /// The ids of every key in the ring (active and retired), in increasing order.
    pub fn key_ids(&self) -> Vec<u32> {
        self.inner.key_ids().map(u32::from).collect()
    }

    /// The id of the key that signs.
    pub fn active_key_id(&self) -> u32 {
        u32::from(self.inner.active_key_id())
    }

    /// The length of this ring's tags, in bytes.
    pub fn tag_length(&self) -> u32 {
        u32::try_from(self.inner.tag_length()).unwrap_or(u32::MAX)
    }

    /// A token for `purpose` saying `claims`, issued at `now` (null/nil: the system clock), valid
    /// strictly before `expires` when given, signed with the active key; URL-safe base64 text.
    /// `sealed`: encrypted too (AES-SIV), so that the claims and times are unreadable, at no cost
    /// in length. Times are kept to the whole second, rounded down.
    ///
    /// Throws `token.unknown_purpose`, `token.invalid_time` (`now` before 2025, an expiry less than
    /// a second after it), `argument.instant_out_of_range`.
    #[uniffi::method(default(expires = None, now = None, sealed = false))]
    pub fn issue(
        &self,
        purpose: String,
        claims: Claims,
        expires: Option<SystemTime>,
        now: Option<SystemTime>,
        sealed: bool,
    ) -> Result<String, EnvoiError> {
        guard(|| {
            let purpose = self::purpose(&purpose)?;
            let expires = optional_instant("expires", expires)?;
            let now = now_or_clock(now)?;
            let claims = claims.to_core();
            Ok(if sealed {
                self.inner.issue_sealed(purpose, &claims, now, expires)?
            } else {
                self.inner.issue(purpose, &claims, now, expires)?
            })
        })
    }

    /// Verifies `token` for `purpose` at `now` (null/nil: the system clock): what it says and who
    /// signed it. A token is valid strictly before its expiry.
    ///
    /// Throws, with the first check that fails: `token.wrong_length`, `token.bad_base64`,
    /// `token.unsupported_version`, `token.unknown_key`, `token.bad_tag`, `token.non_canonical`,
    /// `token.wrong_purpose`, `token.expired`; also `token.unknown_purpose`,
    /// `argument.instant_out_of_range`.
    #[uniffi::method(default(now = None))]
    pub fn verify(
        &self,
        purpose: String,
        token: String,
        now: Option<SystemTime>,
    ) -> Result<Verified, EnvoiError> {
        guard(|| {
            let purpose = self::purpose(&purpose)?;
            let now = now_or_clock(now)?;
            Ok(Verified::of(&self.inner.verify(purpose, &token, now)?))
        })
    }

    /// A one-time code for `purpose` about `claims`, valid strictly before `expires` for
    /// `max_attempts` checks (1 to 10), of `length` characters of `alphabet` (`"digits"`: 6 to 10;
    /// `"crockford"`: 6 to 16), issued at `now` (null/nil: the system clock). `challenge_id` is the
    /// host's unique id of the challenge (the same inputs give the same code: a re-send shows the
    /// same code). Returns the code to send and the [`CodeChallenge`] to store.
    ///
    /// Throws `token.invalid_argument` (`alphabet`, `length`, `max_attempts`, `challenge_id`),
    /// `token.invalid_time`, `token.unknown_purpose`, `argument.out_of_range` (`length` or
    /// `max_attempts` negative or too large for the core's type),
    /// `argument.instant_out_of_range`.
    #[allow(clippy::too_many_arguments)]
    #[uniffi::method(default(now = None, alphabet = "digits", length = 6, max_attempts = 5))]
    pub fn issue_code(
        &self,
        purpose: String,
        claims: Claims,
        challenge_id: String,
        expires: SystemTime,
        now: Option<SystemTime>,
        alphabet: String,
        length: i64,
        max_attempts: i64,
    ) -> Result<IssuedCode, EnvoiError> {
        guard(|| {
            let purpose = self::purpose(&purpose)?;
            let policy = CodePolicy {
                alphabet: self::alphabet(&alphabet)?,
                length: to_core_int("length", length, "give 6 to 16")?,
                max_attempts: to_core_int("max_attempts", max_attempts, "give 1 to 10")?,
            };
            let expires = to_instant("expires", expires)?;
            let now = now_or_clock(now)?;
            let (code, challenge) = self.inner.issue_code(
                purpose,
                &claims.to_core(),
                &challenge_id,
                now,
                expires,
                &policy,
            )?;
            Ok(IssuedCode {
                code,
                challenge: CodeChallenge::wrap(challenge),
            })
        })
    }

    /// Checks the code a person typed (`given`: spaces and dashes ignored, any case) against
    /// `challenge` at `now` (null/nil: the system clock), and records the attempt **in
    /// `challenge`**, whether the call returns or throws: store `challenge.to_json()` after it
    /// either way. The right code gives what the challenge proves and spends it.
    ///
    /// Throws, without using an attempt: `token.wrong_purpose`, `token.code_used`,
    /// `token.code_locked` (with `attempts`), `token.code_expired` (with `expires_at` and `now`),
    /// `token.unknown_key` (the challenge's key was removed), `token.code_malformed`; using one:
    /// `token.code_mismatch` (with `attempts_left`), or `token.code_locked` when it was the last.
    #[uniffi::method(default(now = None))]
    pub fn check_code(
        &self,
        purpose: String,
        challenge: Arc<CodeChallenge>,
        given: String,
        now: Option<SystemTime>,
    ) -> Result<Verified, EnvoiError> {
        guard(|| {
            let purpose = self::purpose(&purpose)?;
            let now = now_or_clock(now)?;
            let mut challenge = challenge.lock();
            let verified = self
                .inner
                .check_code(purpose, &mut challenge, &given, now)?;
            Ok(Verified::of(&verified))
        })
    }
}

/// A one-time code sent to a person, as the host stores it (`to_json`, `from_json`): the code
/// itself is not in it (it is recomputed with the ring key). [`KeyRing::check_code`] updates it
/// in place: attempts used, and the state (`"pending"`, `"used"` after the right code, `"locked"`
/// after the last wrong one). Safe to share between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct CodeChallenge {
    inner: Mutex<envoi::token::CodeChallenge>,
}

impl PartialEq for CodeChallenge {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for CodeChallenge {}

impl fmt::Display for CodeChallenge {
    /// The JSON form, as `to_json` gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(&*self.lock()).unwrap_or_default())
    }
}

impl CodeChallenge {
    pub(crate) fn wrap(inner: envoi::token::CodeChallenge) -> Arc<Self> {
        Arc::new(CodeChallenge {
            inner: Mutex::new(inner),
        })
    }

    /// The core's challenge. A panic while it was held cannot leave it half updated (the core
    /// updates plain counters), so a poisoned mutex is used as is.
    pub(crate) fn lock(&self) -> MutexGuard<'_, envoi::token::CodeChallenge> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl CodeChallenge {
    /// A challenge written by `to_json`. Throws `argument.invalid_json` (serde's message, with
    /// line and column).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a code challenge: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Self::wrap(inner))
        })
    }

    /// The core's JSON form (`{"key_id":1,"purpose":"sender_verification","claims":{…},…}`), to
    /// store after every issue and check.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing a challenge: {error}")))
        })
    }

    /// The ring key the code was derived with.
    pub fn key_id(&self) -> u32 {
        u32::from(self.lock().key_id)
    }

    /// What the code is for (`"sender_verification"`…).
    pub fn purpose(&self) -> String {
        self.lock().purpose.as_str().to_owned()
    }

    /// What the code proves.
    pub fn claims(&self) -> Claims {
        Claims::of(&self.lock().claims)
    }

    /// The host's id of the challenge.
    pub fn challenge_id(&self) -> String {
        self.lock().challenge_id.clone()
    }

    /// When the code was issued, to the whole second.
    pub fn issued_at(&self) -> SystemTime {
        system_time(self.lock().issued_at)
    }

    /// The code is valid strictly before this instant.
    pub fn expires_at(&self) -> SystemTime {
        system_time(self.lock().expires_at)
    }

    /// The code's alphabet: `"digits"` or `"crockford"`.
    pub fn alphabet(&self) -> String {
        serde_name(&self.lock().policy.alphabet)
    }

    /// The code's number of characters.
    pub fn length(&self) -> u8 {
        self.lock().policy.length
    }

    /// The checks the challenge allows.
    pub fn max_attempts(&self) -> u32 {
        self.lock().policy.max_attempts
    }

    /// Codes checked so far (right or wrong).
    pub fn attempts_used(&self) -> u32 {
        self.lock().attempts_used
    }

    /// Wrong codes still allowed before the challenge locks (0 once used or locked).
    pub fn attempts_left(&self) -> u32 {
        self.lock().attempts_left()
    }

    /// Where the challenge stands: `"pending"`, `"used"` or `"locked"`.
    pub fn state(&self) -> String {
        let state: CodeState = self.lock().state;
        serde_name(&state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<Instant>().unwrap())
    }

    fn ring() -> Arc<KeyRing> {
        KeyRing::new(HashMap::from([(1, vec![1; 32]), (2, vec![2; 32])]), 2, 16).unwrap()
    }

    #[test]
    fn issues_and_verifies_with_rotation() {
        let ring = ring();
        assert_eq!(
            (ring.key_ids(), ring.active_key_id(), ring.tag_length()),
            (vec![1, 2], 2, 16)
        );
        let claims = Claims {
            account: Some(7),
            link: Some(3),
            ..Claims::default()
        };
        let now = at("2026-06-01T09:00:00Z");
        let token = ring
            .issue("click".into(), claims, None, Some(now), false)
            .unwrap();
        let verified = ring.verify("click".into(), token, Some(now)).unwrap();
        assert_eq!((verified.claims, verified.key_id), (claims, 2));
        assert_eq!(verified.token_id.len(), 22);
        assert_eq!(
            ring.to_string(),
            "KeyRing { key_ids: [1, 2], active: 2, tag_length: 16 }"
        );
    }

    #[test]
    fn key_ids_and_lengths_out_of_range() {
        let error = KeyRing::new(HashMap::from([(256, vec![1; 32])]), 1, 16).unwrap_err();
        assert_eq!(error.code(), OUT_OF_RANGE_CODE);
        assert!(error.message().starts_with("keys: 256"), "{error}");
        let error = KeyRing::new(HashMap::from([(1, vec![1; 32])]), 1, -1).unwrap_err();
        assert_eq!(error.code(), OUT_OF_RANGE_CODE);
        let error = KeyRing::new(HashMap::from([(1, vec![1; 32])]), 1, 8).unwrap_err();
        assert_eq!(error.code(), "token.invalid_argument");
        let error =
            KeyRing::new(HashMap::from([(9, vec![1; 8]), (3, vec![1; 4])]), 3, 16).unwrap_err();
        let EnvoiError::Token { key_id, length, .. } = error else {
            panic!("{error:?}");
        };
        assert_eq!((key_id, length), (Some(3), Some(4)), "the lowest id first");
    }

    #[test]
    fn codes_update_the_challenge_in_place() {
        let ring = ring();
        let now = at("2026-06-01T09:00:00Z");
        let issued = ring
            .issue_code(
                "sender_verification".into(),
                Claims::default(),
                "c-1".into(),
                at("2026-06-01T09:15:00Z"),
                Some(now),
                "digits".into(),
                6,
                2,
            )
            .unwrap();
        let wrong = if issued.code == "000000" {
            "000001"
        } else {
            "000000"
        };
        let error = ring
            .check_code(
                "sender_verification".into(),
                issued.challenge.clone(),
                wrong.into(),
                Some(now),
            )
            .unwrap_err();
        assert_eq!(error.code(), "token.code_mismatch");
        assert_eq!(issued.challenge.attempts_left(), 1);
        let stored = CodeChallenge::from_json(issued.challenge.to_json().unwrap()).unwrap();
        assert_eq!(*stored, *issued.challenge);
        ring.check_code(
            "sender_verification".into(),
            stored.clone(),
            issued.code,
            Some(now),
        )
        .unwrap();
        assert_eq!(stored.state(), "used");
        let error = alphabet("hex").unwrap_err();
        assert_eq!(error.code(), "token.invalid_argument");
    }
}
