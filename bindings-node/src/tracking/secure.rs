//! `tracking.SecureAccess`: the Node face of `envoi::tracking::SecureAccess` (one recipient's
//! access to a secure email: a sealed access link and a one-time code through a second channel).

use envoi::time::Instant;
use envoi::token::{CodeAlphabet, CodePolicy};
use envoi::tracking::{
    self as core_tracking, AccessLock, LockReason, SecureAccessPolicy, TrackingError,
};
use napi::bindgen_prelude::{JavaScriptClassExt, Object, Unknown};
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use super::email::ring_arg;
use crate::args::{
    bool_value, count_arg, napi_error, number_value, option_field, options_object, record_arg,
    string_arg, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::format_utc;
use crate::token::{JsClaims, NOW_OPTIONS, claims_arg, claims_to_js, now_option};

/// Options of {@link SecureAccess.create}: the time and the access's policy. Every field is
/// optional; `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct SecureAccessOptions {
    /// The creation (send) time; default the real clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
    /// How long the content can be opened, in seconds: 1 to ten years, default 30 days.
    #[napi(ts_type = "number | null")]
    pub validity_seconds: Option<f64>,
    /// Whether opening needs a one-time code besides the link (default `true`: the sender has a
    /// second channel for the recipient). `false`: the link alone opens.
    #[napi(ts_type = "boolean | null")]
    pub require_code: Option<bool>,
    /// The code's alphabet (`'digits'`, `'crockford'`), length (default 6) and wrong attempts per
    /// code (default 5).
    #[napi(
        ts_type = "{ alphabet?: 'digits' | 'crockford' | null; length?: number | null; maxAttempts?: number | null } | null"
    )]
    pub code: Option<String>,
    /// How long one code stays valid, in seconds: 60 to 86,400, default 15 minutes.
    #[napi(ts_type = "number | null")]
    pub code_validity_seconds: Option<f64>,
    /// Codes that may be issued over the access's life: 1 to 20, default 5.
    #[napi(ts_type = "number | null")]
    pub max_codes: Option<f64>,
    /// Wrong codes allowed over the access's life: 1 to 100, default 10; the last locks it.
    #[napi(ts_type = "number | null")]
    pub max_failed_attempts: Option<f64>,
}

/// A new access ({@link SecureAccess.create}): the state to store and the link's token.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field in create"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct NewSecureAccess {
    /// The access, to store ({@link SecureAccess.toJson}).
    #[napi(ts_type = "SecureAccess")]
    pub access: String,
    /// The sealed `secure_email` token of the access link (the host builds the URL around it).
    pub token: String,
}

/// When and why an access locked.
#[napi(object, object_from_js = false, namespace = "tracking")]
pub struct AccessLockInfo {
    /// `'expired'` (the validity period ended), `'too_many_attempts'` or `'revoked'`.
    #[napi(ts_type = "'expired' | 'too_many_attempts' | 'revoked'")]
    pub reason: String,
    /// When: the end of the validity for `'expired'`, else the time of the call that locked it.
    pub at: String,
}

/// A successful open: show the content.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field in open"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct SecureOpen {
    /// Whose access to what.
    #[napi(ts_type = "Claims")]
    pub claims: JsClaims,
    /// When, RFC 3339 in UTC.
    pub opened_at: String,
    /// Opens so far, this one included.
    pub open_count: u32,
}

const CREATE_OPTIONS: [&str; 7] = [
    "now",
    "validitySeconds",
    "requireCode",
    "code",
    "codeValiditySeconds",
    "maxCodes",
    "maxFailedAttempts",
];

/// One recipient's access to one secure email, as the host stores it ({@link SecureAccess.toJson},
/// the same JSON in every envoi binding).
///
/// The recipient gets a link carrying a sealed `secure_email` token (nobody reads whose it is)
/// and, when the sender has a second channel for them, a one-time code sent there. The content
/// opens with both, within the validity, for a bounded number of wrong codes; then the access
/// locks with a reason. `issueCode`, `open` and `revoke` update this object: store it back after
/// every call, whatever the outcome. These opens are counted here, never in the engagement
/// statistics.
///
/// Errors: `tracking.secure_locked` (`reason`, `at`), `tracking.secure_wrong_code`
/// (`attemptsLeft`), `tracking.secure_code_required`, `tracking.secure_no_code_issued`,
/// `tracking.secure_code_not_required`, `tracking.secure_too_many_codes` (`max`),
/// `tracking.secure_code_malformed` (`reason`), `tracking.secure_code_expired` (`expiresAt`),
/// `tracking.secure_code_used`, `tracking.secure_code_locked`, `tracking.secure_link_mismatch`
/// (`expected`, `found`), and the key ring's `token.*` for a link that does not verify.
///
/// ```js
/// const { tracking } = require('envoi')
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 3) }, 1)
/// const sent = '2026-03-02T09:00:00Z'
/// const { access, token } = tracking.SecureAccess.create(ring,
///   { account: 7, message: 42, recipient: 1001 }, { now: sent })
/// const later = '2026-03-02T11:00:00Z'
/// tracking.SecureAccess.readLink(ring, token, { now: later })  // { account: 7, message: 42, recipient: 1001 }
/// const code = access.issueCode(ring, { now: later })           // sent by SMS
/// access.open(ring, token, code, { now: later }).openCount      // 1
/// const stored = access.toJson()
/// tracking.SecureAccess.fromJson(stored).openCount              // 1
/// ```
#[napi(namespace = "tracking")]
pub struct SecureAccess {
    inner: core_tracking::SecureAccess,
}

#[napi(namespace = "tracking")]
impl SecureAccess {
    /// Creates the access to one secure email for one recipient (`claims`: account, message,
    /// occurrence, recipient; no `link`): `{ access, token }`. The token is sealed and has no
    /// expiry of its own: the access carries the validity, so a late link is answered with the
    /// lock reason.
    ///
    /// Errors: `tracking.invalid_option` (`field`, `value`, `rule`: a policy out of its ranges),
    /// `tracking.invalid_claims` (`claims.link` set), `token.invalid_time`.
    #[napi(
        ts_args_type = "keyRing: KeyRing, claims: Claims, options?: SecureAccessOptions | undefined | null",
        ts_return_type = "NewSecureAccess"
    )]
    pub fn create(
        env: Env,
        key_ring: Unknown<'_>,
        claims: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let claims = claims_arg(env, "claims", &claims)?;
            let options = options_object(
                options.as_ref(),
                &CREATE_OPTIONS,
                "{ validitySeconds: 30 * 86400, requireCode: true, code: { length: 6 } }",
            )?;
            let now = now_option(options.as_ref())?;
            let (policy, given) = policy_option(env, options.as_ref())?;
            let created = core_tracking::SecureAccess::create(ring, claims, now, policy)
                .map_err(|error| envoi_error(env, with_given(error, &given)))?;
            let access = SecureAccess {
                inner: created.access,
            }
            .into_instance(&env)
            .map_err(napi_error)?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"access", access.raw())?;
                js.set_named(object, c"token", js.str(&created.token)?)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Which access a link is for: the claims of a valid `secure_email` token, for the host to find
    /// the stored access. Throws the key ring's `token.*` error when it does not verify.
    #[napi(
        ts_args_type = "keyRing: KeyRing, token: string, options?: NowOptions | undefined | null",
        ts_return_type = "Claims"
    )]
    pub fn read_link(
        env: Env,
        key_ring: Unknown<'_>,
        token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let token = string_arg("token", &token)?;
            let now = now_of(options.as_ref())?;
            let claims = core_tracking::SecureAccess::read_link(ring, &token, now)
                .map_err(|error| envoi_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            claims_to_js(js, &claims).map(Raw).map_err(napi_error)
        })
    }

    /// Reads an access stored with {@link SecureAccess.toJson}. `InvalidArg` for a JSON that is
    /// not one.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<SecureAccess, Code> {
        guard(|| {
            let inner = serde_json::from_str(&json)
                .map_err(|error| invalid_arg(format!("json: not a secure access: {error}")))?;
            Ok(SecureAccess { inner })
        })
    }

    /// The access's JSON form (snake_case, instants RFC 3339 in UTC), the same in every envoi
    /// binding: what the host stores (the code itself is not in it).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("access: {error}")))
        })
    }

    /// Issues a one-time code at `now` for the host to send through the second channel. It replaces
    /// any previous code, is valid for the policy's code validity (never past the access's end) and
    /// allows the policy's attempts, within the access's own bound. Store the access back.
    ///
    /// Errors: `tracking.secure_locked` (`reason`, `at`), `tracking.secure_code_not_required`,
    /// `tracking.secure_too_many_codes` (`max`), the key ring's `token.*`.
    #[napi(ts_args_type = "keyRing: KeyRing, options?: NowOptions | undefined | null")]
    pub fn issue_code(
        &mut self,
        env: Env,
        key_ring: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let now = now_of(options.as_ref())?;
            self.inner
                .issue_code(ring, now)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Opens the content at `now` with the access link's `token` and, when the policy requires
    /// it, the one-time `code` the recipient typed (`null` when none was typed). A right code
    /// opens once. Store the access back afterwards, whatever the result: a wrong code is counted.
    ///
    /// Errors, in order: the key ring's `token.*` (a link that does not verify; nothing counted),
    /// `tracking.secure_link_mismatch` (`expected`, `found`: another access's link),
    /// `tracking.secure_locked` (`reason`, `at`), `tracking.secure_code_required`,
    /// `tracking.secure_no_code_issued`, `tracking.secure_code_malformed` (`reason`, not counted),
    /// `tracking.secure_code_used`, `tracking.secure_code_expired` (`expiresAt`),
    /// `tracking.secure_code_locked` (ask for a new code), `tracking.secure_wrong_code`
    /// (`attemptsLeft`), or `tracking.secure_locked` with `reason: 'too_many_attempts'` for the
    /// last wrong code the access allows.
    #[napi(
        ts_args_type = "keyRing: KeyRing, token: string, code: string | null | undefined, options?: NowOptions | undefined | null",
        ts_return_type = "SecureOpen"
    )]
    pub fn open(
        &mut self,
        env: Env,
        key_ring: Unknown<'_>,
        token: Unknown<'_>,
        code: Option<Unknown<'_>>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let token = string_arg("token", &token)?;
            let code = match code {
                Some(value)
                    if !matches!(
                        type_of("code", &value)?,
                        ValueType::Undefined | ValueType::Null
                    ) =>
                {
                    Some(string_arg("code", &value)?)
                }
                _ => None,
            };
            let now = now_of(options.as_ref())?;
            let opened = self
                .inner
                .open(ring, &token, code.as_deref(), now)
                .map_err(|error| envoi_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"claims", claims_to_js(js, &opened.claims)?)?;
                js.set_named(object, c"openedAt", js.str(&format_utc(opened.opened_at))?)?;
                js.set_named(object, c"openCount", js.u32(opened.open_count)?)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Locks the access for good at `now` (`'revoked'`: the sender withdrew the message). An access
    /// already locked keeps its first lock.
    #[napi(ts_args_type = "options?: NowOptions | undefined | null")]
    pub fn revoke(&mut self, options: Option<Unknown<'_>>) -> napi::Result<(), Code> {
        guard(|| {
            let now = now_of(options.as_ref())?;
            self.inner.revoke(now);
            Ok(())
        })
    }

    /// The lock in force at `now` (the recorded one, or an expiry not yet recorded), or `null`.
    #[napi(ts_args_type = "options?: NowOptions | undefined | null")]
    pub fn lock_at(
        &self,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Option<AccessLockInfo>, Code> {
        guard(|| {
            let now = now_of(options.as_ref())?;
            Ok(self.inner.lock_at(now).map(lock_info))
        })
    }

    /// The recorded lock, or `null` (an expiry is recorded at the first call after it; see
    /// {@link SecureAccess.lockAt}).
    #[napi(getter)]
    pub fn lock(&self) -> napi::Result<Option<AccessLockInfo>, Code> {
        guard(|| Ok(self.inner.lock.map(lock_info)))
    }

    /// Whose access to what: the link's claims.
    #[napi(getter, ts_return_type = "Claims")]
    pub fn claims(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            claims_to_js(js, &self.inner.claims)
                .map(Raw)
                .map_err(napi_error)
        })
    }

    /// When the access was created (the send time), RFC 3339 in UTC.
    #[napi(getter)]
    pub fn created_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_utc(self.inner.created_at)))
    }

    /// The end of the validity: the content opens strictly before it.
    #[napi(getter)]
    pub fn expires_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_utc(self.inner.expires_at)))
    }

    /// Whether opening needs a one-time code.
    #[napi(getter)]
    pub fn require_code(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.policy.require_code))
    }

    /// Codes issued so far.
    #[napi(getter)]
    pub fn codes_issued(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.codes_issued))
    }

    /// Wrong codes given so far, over every code.
    #[napi(getter)]
    pub fn failed_attempts(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.failed_attempts))
    }

    /// Wrong codes still allowed before the access locks (0 when locked or no code is pending).
    #[napi(getter)]
    pub fn attempts_left(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.attempts_left()))
    }

    /// Times the content was opened.
    #[napi(getter)]
    pub fn open_count(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.open_count))
    }

    /// The first open, or `null`.
    #[napi(getter)]
    pub fn first_opened_at(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.first_opened_at.map(format_utc)))
    }

    /// The latest open, or `null`.
    #[napi(getter)]
    pub fn last_opened_at(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.last_opened_at.map(format_utc)))
    }
}

/// A lock reason's name, as its JSON form writes it (`"too_many_attempts"`).
pub fn lock_reason_name(reason: LockReason) -> &'static str {
    match reason {
        LockReason::Expired => "expired",
        LockReason::TooManyAttempts => "too_many_attempts",
        LockReason::Revoked => "revoked",
    }
}

fn lock_info(lock: AccessLock) -> AccessLockInfo {
    AccessLockInfo {
        reason: lock_reason_name(lock.reason).to_owned(),
        at: format_utc(lock.at),
    }
}

/// Option values given that did not fit the policy's types: (the core's field name, the value).
type Given = Vec<(&'static str, String)>;

/// The `now` of an options object that has only `now`.
fn now_of(options: Option<&Unknown<'_>>) -> Result<Instant, JsError> {
    let object = options_object(options, &NOW_OPTIONS, "{ now: new Date() }")?;
    now_option(object.as_ref())
}

/// The policy of `create`'s options, defaults for what is absent, and the values given that did
/// not fit the policy's types (saturated, for [`with_given`] to restore in the core's error).
fn policy_option(
    env: Env,
    options: Option<&Object<'_>>,
) -> Result<(SecureAccessPolicy, Given), JsError> {
    let mut policy = SecureAccessPolicy::default();
    let mut given = Vec::new();
    let Some(object) = options else {
        return Ok((policy, given));
    };
    let count = |name: &str| -> Result<Option<u64>, JsError> {
        option_field(object, name)?
            .map(|value| count_arg(name, number_value(name, &value)?))
            .transpose()
    };
    if let Some(value) = count("validitySeconds")? {
        policy.validity_seconds = value;
    }
    if let Some(value) = option_field(object, "requireCode")? {
        policy.require_code = bool_value("requireCode", &value)?;
    }
    if let Some(value) = count("codeValiditySeconds")? {
        policy.code_validity_seconds = value;
    }
    if let Some(value) = count("maxCodes")? {
        policy.max_codes = narrow(&mut given, "max_codes", value, u32::MAX);
    }
    if let Some(value) = count("maxFailedAttempts")? {
        policy.max_failed_attempts = narrow(&mut given, "max_failed_attempts", value, u32::MAX);
    }
    if let Some(value) = option_field(object, "code")? {
        let code = record_arg(
            "code",
            &value,
            &["alphabet", "length", "maxAttempts"],
            "{ alphabet: 'digits', length: 6, maxAttempts: 5 }",
        )?;
        policy.code = code_policy(env, &code, &mut given)?;
    }
    Ok((policy, given))
}

/// The nested code policy of `create`'s options.
fn code_policy(env: Env, object: &Object<'_>, given: &mut Given) -> Result<CodePolicy, JsError> {
    let mut policy = CodePolicy::default();
    if let Some(value) = option_field(object, "alphabet")? {
        let name = string_arg("code.alphabet", &value)?;
        policy.alphabet = match name.as_str() {
            "digits" => CodeAlphabet::Digits,
            "crockford" => CodeAlphabet::Crockford,
            _ => {
                return Err(envoi_error(
                    env,
                    TrackingError::InvalidOption {
                        field: "code.alphabet",
                        value: name.chars().take(200).collect(),
                        rule: "is not an alphabet: use digits or crockford",
                    },
                ));
            }
        };
    }
    if let Some(value) = option_field(object, "length")? {
        let length = count_arg("code.length", number_value("code.length", &value)?)?;
        let length = narrow(given, "code.length", length, u32::from(u8::MAX));
        policy.length = u8::try_from(length).unwrap_or(u8::MAX);
    }
    if let Some(value) = option_field(object, "maxAttempts")? {
        let attempts = count_arg(
            "code.maxAttempts",
            number_value("code.maxAttempts", &value)?,
        )?;
        policy.max_attempts = narrow(given, "code.max_attempts", attempts, u32::MAX);
    }
    Ok(policy)
}

/// `value` if it is at most `max`, else `max`, the value as given kept in `given` under `field`.
fn narrow(given: &mut Given, field: &'static str, value: u64, max: u32) -> u32 {
    match u32::try_from(value) {
        Ok(narrow) if narrow <= max => narrow,
        _ => {
            given.push((field, value.to_string()));
            max
        }
    }
}

/// The core's error about an option whose value was saturated to fit its type, with the value as
/// given.
fn with_given(error: TrackingError, given: &Given) -> TrackingError {
    match error {
        TrackingError::InvalidOption { field, value, rule } => {
            let value = given
                .iter()
                .find(|(name, _)| *name == field)
                .map_or(value, |(_, text)| text.clone());
            TrackingError::InvalidOption { field, value, rule }
        }
        other => other,
    }
}
