//! `tracking.KeyRing`: the Node face of `envoi::token::KeyRing` (signed and sealed tokens with key
//! rotation) and of its one-time codes (`issueCode`, `checkCode`).

use envoi::token::{self as core_token, CodeAlphabet, CodeChallenge, CodePolicy, TokenError};
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use super::{
    JsClaims, claims_arg, expiry_option, expiry_values, now_option, now_value, purpose_arg,
    verified_to_js,
};
use crate::args::{
    bool_value, count_arg, napi_error, number_value, option_field, option_fields, options_object,
    string_arg, type_name,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::json;

/// Options of the {@link KeyRing} constructor.
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
pub struct KeyRingOptions {
    /// The length of the ring's tags in bytes, 16 (128 bits, the default) to 32 (else
    /// `token.invalid_argument`). A ring verifies tags of its own length only.
    #[napi(ts_type = "number | null")]
    pub tag_length: Option<f64>,
}

/// Options of {@link KeyRing.issue}. Every field is optional; `null` is the same as absent.
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
pub struct IssueOptions {
    /// The token's expiry: a `Date` or an ISO 8601 string with an offset. It is valid strictly
    /// before it (to the whole second, rounded down). Absent: it never expires.
    #[napi(ts_type = "Date | string | null")]
    pub expires: Option<String>,
    /// The expiry as seconds after `now` (`90 * 86400` for 90 days), instead of `expires`.
    #[napi(ts_type = "number | null")]
    pub expires_in: Option<f64>,
    /// The issue time: a `Date` or an ISO 8601 string with an offset; default the real clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
    /// Whether the claims and times are encrypted (AES-SIV): nobody without the key can read them.
    /// Same length; default `false` (signed: the ids are readable, never names or addresses).
    #[napi(ts_type = "boolean | null")]
    pub sealed: Option<bool>,
}

/// Options of {@link KeyRing.verify}, {@link KeyRing.checkCode} and of the tracking methods that
/// only need the time.
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
pub struct NowOptions {
    /// The time of the check: a `Date` or an ISO 8601 string with an offset; default the real
    /// clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
}

/// Options of {@link KeyRing.issueCode}: the expiry is required (`expires` or `expiresIn`).
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
pub struct IssueCodeOptions {
    /// The code's expiry: a `Date` or an ISO 8601 string with an offset (or give `expiresIn`).
    #[napi(ts_type = "Date | string | null")]
    pub expires: Option<String>,
    /// The expiry as seconds after `now` (`15 * 60`), instead of `expires`.
    #[napi(ts_type = "number | null")]
    pub expires_in: Option<f64>,
    /// The issue time; default the real clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
    /// `'digits'` (default: 6 to 10 digits) or `'crockford'` (Crockford base32, 6 to 16
    /// characters, read in any case with I and L as 1 and O as 0).
    #[napi(ts_type = "'digits' | 'crockford' | null")]
    pub alphabet: Option<String>,
    /// The number of characters, default 6.
    #[napi(ts_type = "number | null")]
    pub length: Option<f64>,
    /// Wrong codes allowed before the challenge locks, 1 to 10, default 5.
    #[napi(ts_type = "number | null")]
    pub max_attempts: Option<f64>,
}

/// The instant of an options argument that has only `now` (default the real clock).
pub fn now_arg(env: Env, options: Option<&Unknown<'_>>) -> Result<envoi::time::Instant, JsError> {
    let [now] = option_fields(env, options, [c"now"], &NOW_OPTIONS, "{ now: new Date() }")?;
    now_value(now.as_ref())
}

/// A one-time code's challenge as the host stores it: the core's JSON form (snake_case, instants
/// RFC 3339 in UTC), the same in every envoi binding. The code itself is not in it.
/// {@link KeyRing.checkCode} updates `attempts_used` and `state` in place.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "CodeChallenge"
)]
pub struct JsCodeChallenge {
    /// The ring key the code was derived with.
    #[napi(js_name = "key_id")]
    pub key_id: u32,
    /// What the code is for.
    #[napi(
        ts_type = "'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email'"
    )]
    pub purpose: String,
    /// What the code proves.
    #[napi(ts_type = "Claims")]
    pub claims: JsClaims,
    /// The host's unique id of this challenge.
    #[napi(js_name = "challenge_id")]
    pub challenge_id: String,
    /// When the code was issued, to the whole second.
    #[napi(js_name = "issued_at")]
    pub issued_at: String,
    /// The code is valid strictly before this instant.
    #[napi(js_name = "expires_at")]
    pub expires_at: String,
    /// The code's alphabet, length and attempts.
    #[napi(ts_type = "CodePolicy")]
    pub policy: JsCodePolicy,
    /// Codes checked so far (right or wrong).
    #[napi(js_name = "attempts_used")]
    pub attempts_used: u32,
    /// `'pending'`, `'used'` (the right code was given: spent) or `'locked'` (every attempt used).
    #[napi(ts_type = "'pending' | 'used' | 'locked'")]
    pub state: String,
}

/// A code policy in the core's JSON form.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "CodePolicy"
)]
pub struct JsCodePolicy {
    /// `'digits'` or `'crockford'`.
    #[napi(ts_type = "'digits' | 'crockford'")]
    pub alphabet: String,
    /// The number of characters.
    pub length: u32,
    /// Wrong codes allowed.
    #[napi(js_name = "max_attempts")]
    pub max_attempts: u32,
}

/// What {@link KeyRing.issueCode} gives: the code to send, and the challenge to store.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field in issueCode"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct IssuedCode {
    /// The code to send to the person (`'042917'`; Crockford codes in upper case).
    pub code: String,
    /// The challenge the host stores (as is, e.g. `JSON.stringify`) until the code comes back.
    #[napi(ts_type = "CodeChallenge")]
    pub challenge: JsCodeChallenge,
}

/// The option names of the constructor, `issue`, `verify`/`checkCode` and `issueCode`.
const RING_OPTIONS: [&str; 1] = ["tagLength"];
const ISSUE_OPTIONS: [&str; 4] = ["expires", "expiresIn", "now", "sealed"];
pub const NOW_OPTIONS: [&str; 1] = ["now"];
const CODE_OPTIONS: [&str; 6] = [
    "expires",
    "expiresIn",
    "now",
    "alphabet",
    "length",
    "maxAttempts",
];

/// The keys that sign and verify tokens: each with a small integer id (0 to 255), one active for
/// signing, the others retired (they verify what they signed, never sign again). A key removed
/// from the ring is gone: its tokens throw `token.unknown_key`.
///
/// Keys are secrets of at least 32 random bytes, as a `Buffer` or `Uint8Array`, given as an
/// object `{ 1: secret1, 2: secret2 }`, a `Map` or an array of `[id, secret]` pairs. Rotation: add
/// a new key and make it active, keep the old one for as long as its tokens must work, then remove
/// it.
///
/// Tokens are compact (the typical tracking token is 52 characters), URL-safe and authenticated:
/// a token made for one purpose (`'open'`, `'click'`, `'approval'`, `'sender_verification'`,
/// `'password_reset'`, `'secure_email'`) is refused for another. Errors throw an `Error` whose
/// `.code` is the core's (`token.bad_tag`, `token.expired`, `token.wrong_purpose`…) and whose
/// properties are the error's fields.
///
/// ```js
/// const { tracking } = require('envoi')
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 1), 2: Buffer.alloc(32, 2) }, 2)
/// const now = '2026-06-01T09:00:00Z'
/// const token = ring.issue('click', { account: 1, message: 42, recipient: 7, link: 0 },
///   { now, expiresIn: 90 * 86400 })
/// ring.verify('click', token, { now }).claims   // { account: 1, message: 42, recipient: 7, link: 0 }
/// ring.verify('click', token, { now }).keyId    // 2
/// ```
#[napi(namespace = "tracking")]
pub struct KeyRing {
    pub(crate) inner: core_token::KeyRing,
}

#[napi(namespace = "tracking")]
impl KeyRing {
    /// A ring of `keys` where `active` signs and every other key is retired.
    ///
    /// Errors: `token.key_too_short` (`keyId`, `length`, `min`), `token.duplicate_key` (`keyId`:
    /// an id given twice in pairs), `token.active_key_missing` (`keyId`), `token.invalid_argument`
    /// (a `tagLength` out of 16 to 32); `InvalidArg` for a key id that is not an integer from 0 to
    /// 255, or a secret that is not a `Buffer`/`Uint8Array`.
    #[napi(
        constructor,
        ts_args_type = "keys: Record<number, Uint8Array> | Map<number, Uint8Array> | Array<[number, Uint8Array]>, active: number, options?: KeyRingOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        keys: Unknown<'_>,
        active: f64,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let keys = keys_arg(env, &keys)?;
            let active = key_id("active", active)?;
            let mut inner =
                core_token::KeyRing::new(keys, active).map_err(|error| envoi_error(env, error))?;
            if let Some(object) =
                options_object(options.as_ref(), &RING_OPTIONS, "{ tagLength: 16 }")?
                && let Some(value) = option_field(&object, "tagLength")?
            {
                let length = count_arg("tagLength", number_value("tagLength", &value)?)?;
                inner = inner
                    .with_tag_length(usize::try_from(length).unwrap_or(usize::MAX))
                    .map_err(|error| envoi_error(env, error))?;
            }
            Ok(KeyRing { inner })
        })
    }

    /// The ids of every key in the ring (active and retired), in increasing order.
    #[napi(getter)]
    pub fn key_ids(&self) -> napi::Result<Vec<u32>, Code> {
        guard(|| Ok(self.inner.key_ids().map(u32::from).collect()))
    }

    /// The id of the key that signs.
    #[napi(getter)]
    pub fn active_key_id(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(u32::from(self.inner.active_key_id())))
    }

    /// The length of this ring's tags, in bytes.
    #[napi(getter)]
    pub fn tag_length(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(u32::try_from(self.inner.tag_length()).unwrap_or(u32::MAX)))
    }

    /// A token for `purpose` saying `claims`, signed with the active key (or, with
    /// `{ sealed: true }`, encrypted with it), issued at `now` (default the real clock), valid
    /// strictly before `expires` (or `now + expiresIn` seconds) when given. Its text is base64url:
    /// URL-safe as is.
    ///
    /// Errors: `token.unknown_purpose` (`value`), `token.invalid_time` (`field`, `value`, `rule`:
    /// an issue time before 2025, an expiry less than a second after it); `InvalidArg` for claims
    /// that are not {@link Claims} (an unknown field, an id out of range) or an unknown option.
    #[napi(
        ts_args_type = "purpose: 'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email', claims: Claims, options?: IssueOptions | undefined | null"
    )]
    pub fn issue(
        &self,
        env: Env,
        purpose: Unknown<'_>,
        claims: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Code> {
        guard(|| {
            let purpose = purpose_arg(env, &purpose)?;
            let claims = claims_arg(env, "claims", &claims)?;
            let [expires, expires_in, now, sealed] = option_fields(
                env,
                options.as_ref(),
                [c"expires", c"expiresIn", c"now", c"sealed"],
                &ISSUE_OPTIONS,
                "{ expiresIn: 90 * 86400, sealed: false }",
            )?;
            let now = now_value(now.as_ref())?;
            let expires = expiry_values(expires.as_ref(), expires_in.as_ref(), now)?;
            let sealed = sealed
                .map(|value| bool_value("sealed", &value))
                .transpose()?
                .unwrap_or(false);
            let issued = if sealed {
                self.inner.issue_sealed(purpose, &claims, now, expires)
            } else {
                self.inner.issue(purpose, &claims, now, expires)
            };
            issued.map_err(|error| envoi_error(env, error))
        })
    }

    /// Checks a token (signed or sealed) for `purpose` at `now` (default the real clock) and says
    /// what it says.
    ///
    /// Throws the first check that fails, in this order: `token.wrong_length` (`length`, `unit`,
    /// `min`, `max`), `token.bad_base64` (`reason`), `token.unsupported_version`,
    /// `token.unknown_key` (`keyId`: never in the ring, or removed), `token.bad_tag` (`keyId`:
    /// altered or forged), `token.non_canonical` (`field`, `rule`), `token.wrong_purpose`
    /// (`expected`, `found`), `token.expired` (`expiresAt`, `now`: a token is valid strictly
    /// before its expiry). A token issued after `now` (clock skew) is accepted.
    ///
    /// ```js
    /// const { tracking } = require('envoi')
    /// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 7) }, 1)
    /// const token = ring.issue('password_reset', { account: 42 }, { now: '2026-01-15T10:00:00Z' })
    /// try {
    ///   ring.verify('open', token)
    /// } catch (error) {
    ///   error.code                      // 'token.wrong_purpose'
    ///   [error.expected, error.found]   // ['open', 'password_reset']
    /// }
    /// ```
    #[napi(
        ts_args_type = "purpose: 'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email', token: string, options?: NowOptions | undefined | null",
        ts_return_type = "Verified"
    )]
    pub fn verify(
        &self,
        env: Env,
        purpose: Unknown<'_>,
        token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let purpose = purpose_arg(env, &purpose)?;
            let token = string_arg("token", &token)?;
            let now = now_arg(env, options.as_ref())?;
            let verified = self
                .inner
                .verify(purpose, &token, now)
                .map_err(|error| envoi_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            verified_to_js(js, &verified).map(Raw).map_err(napi_error)
        })
    }

    /// A one-time code for `purpose` about `claims`, to send to a person (by SMS, email…), and the
    /// challenge the host stores to check it: `{ code, challenge }`. The code is derived (an HMAC
    /// with the active key of the purpose, claims, times, policy and `challengeId`, the host's
    /// unique id of this challenge): the same inputs give the same code. Valid strictly before
    /// `expires` (or `now + expiresIn` seconds; one of them is required) for `maxAttempts` checks.
    ///
    /// Errors: `token.invalid_argument` (`field`, `value`, `rule`: a length or attempts out of
    /// range, an empty or overlong challenge id, an unknown alphabet), `token.invalid_time`,
    /// `token.unknown_purpose`; `InvalidArg` without an expiry.
    ///
    /// ```js
    /// const { tracking } = require('envoi')
    /// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 7) }, 1)
    /// const now = '2026-05-04T10:00:00Z'
    /// const { code, challenge } = ring.issueCode('sender_verification', { account: 42 },
    ///   'verification-8812', { now, expiresIn: 15 * 60 })
    /// code.length                                   // 6
    /// ring.checkCode('sender_verification', challenge, code, { now }).claims  // { account: 42 }
    /// challenge.state                               // 'used'
    /// ```
    #[napi(
        ts_args_type = "purpose: 'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email', claims: Claims, challengeId: string, options: IssueCodeOptions",
        ts_return_type = "IssuedCode"
    )]
    pub fn issue_code(
        &self,
        env: Env,
        purpose: Unknown<'_>,
        claims: Unknown<'_>,
        challenge_id: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let purpose = purpose_arg(env, &purpose)?;
            let claims = claims_arg(env, "claims", &claims)?;
            let options = options_object(
                options.as_ref(),
                &CODE_OPTIONS,
                "{ expiresIn: 900, alphabet: 'digits', length: 6, maxAttempts: 5 }",
            )?;
            let now = now_option(options.as_ref())?;
            let expires = expiry_option(options.as_ref(), now)?.ok_or_else(|| {
                invalid_arg("options: a code needs its expiry: give expires or expiresIn")
            })?;
            let policy = code_policy(env, options.as_ref())?;
            let (code, challenge) = self
                .inner
                .issue_code(purpose, &claims, &challenge_id, now, expires, &policy)
                .map_err(|error| envoi_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"code", js.str(&code)?)?;
                js.set_named(object, c"challenge", challenge_to_js(js, &challenge)?)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Checks a code a person typed (`given`: spaces and dashes ignored, any case) against its
    /// `challenge` (as {@link KeyRing.issueCode} gave it, or read back from the store) at `now`.
    ///
    /// The attempt is recorded **in the challenge object itself**: its `attempts_used` and `state`
    /// are updated in place, whether the code is right or not; store it back after every call.
    /// The right code gives what the challenge proves (a {@link Verified}) and spends it.
    ///
    /// Errors, without using an attempt: `token.wrong_purpose`, `token.code_used`,
    /// `token.code_locked` (`attempts`), `token.code_expired` (`expiresAt`, `now`),
    /// `token.unknown_key` (the challenge's key was removed), `token.code_malformed` (`reason`);
    /// then a wrong code counts: `token.code_mismatch` (`attemptsLeft`), or `token.code_locked`
    /// when it was the last. `InvalidArg` for a challenge that is not one.
    #[napi(
        ts_args_type = "purpose: 'open' | 'click' | 'approval' | 'sender_verification' | 'password_reset' | 'secure_email', challenge: CodeChallenge, given: string, options?: NowOptions | undefined | null",
        ts_return_type = "Verified"
    )]
    pub fn check_code(
        &self,
        env: Env,
        purpose: Unknown<'_>,
        challenge: Unknown<'_>,
        given: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let purpose = purpose_arg(env, &purpose)?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let object = challenge.raw();
            let mut core = challenge_from_js(js, object)?;
            let now = now_arg(env, options.as_ref())?;
            let result = self.inner.check_code(purpose, &mut core, &given, now);
            // The progress goes back into the host's object, whatever the outcome.
            let write_back = || -> napi::Result<()> {
                js.set_named(object, c"attempts_used", js.u32(core.attempts_used)?)?;
                let state = serde_json::to_value(core.state)
                    .ok()
                    .and_then(|value| value.as_str().map(str::to_owned))
                    .unwrap_or_default();
                js.set_named(object, c"state", js.str(&state)?)
            };
            write_back().map_err(napi_error)?;
            let verified = result.map_err(|error| envoi_error(env, error))?;
            verified_to_js(js, &verified).map(Raw).map_err(napi_error)
        })
    }
}

/// A challenge as its core JSON form, a plain JS object.
pub fn challenge_to_js(js: Js, challenge: &CodeChallenge) -> napi::Result<sys::napi_value> {
    let value = serde_json::to_value(challenge)
        .map_err(|error| napi::Error::new(napi::Status::GenericFailure, error.to_string()))?;
    json::to_js(js, &value)
}

/// Reads a challenge (its core JSON form): `InvalidArg` naming what is wrong.
fn challenge_from_js(js: Js, value: sys::napi_value) -> Result<CodeChallenge, JsError> {
    let kind = js.type_of(value).map_err(napi_error)?;
    if kind != sys::ValueType::napi_object || js.is_array(value).map_err(napi_error)? {
        return Err(invalid_arg(format!(
            "challenge: expected the challenge object issueCode gave (or read back from the store), got a value of type {}",
            type_name(napi::ValueType::from(kind))
        )));
    }
    let json = json::from_js(js, value, "challenge")?;
    serde_json::from_value(json).map_err(|error| invalid_arg(format!("challenge: {error}")))
}

/// The code policy of `issueCode`'s options, defaults for what is absent. A value the core's
/// policy type cannot hold (a length past 255) is refused with the core's own rule for it.
pub fn code_policy(env: Env, options: Option<&Object<'_>>) -> Result<CodePolicy, JsError> {
    let mut policy = CodePolicy::default();
    let Some(object) = options else {
        return Ok(policy);
    };
    if let Some(value) = option_field(object, "alphabet")? {
        let name = string_arg("alphabet", &value)?;
        policy.alphabet = match name.as_str() {
            "digits" => CodeAlphabet::Digits,
            "crockford" => CodeAlphabet::Crockford,
            _ => {
                return Err(envoi_error(
                    env,
                    TokenError::InvalidArgument {
                        field: "alphabet",
                        value: name.chars().take(40).collect(),
                        rule: "is not an alphabet: use digits or crockford",
                    },
                ));
            }
        };
    }
    // The core's rule for a field out of its range, with the value as given.
    let base = policy;
    let out_of_range = |field: &str, given: u64| -> JsError {
        let mut probe = base;
        if field == "length" {
            probe.length = 0;
        } else {
            probe.max_attempts = 0;
        }
        match probe.check() {
            Err(TokenError::InvalidArgument { field, rule, .. }) => envoi_error(
                env,
                TokenError::InvalidArgument {
                    field,
                    value: given.to_string(),
                    rule,
                },
            ),
            _ => invalid_arg(format!("{field}: {given} is out of range")),
        }
    };
    if let Some(value) = option_field(object, "length")? {
        let length = count_arg("length", number_value("length", &value)?)?;
        policy.length = u8::try_from(length).map_err(|_| out_of_range("length", length))?;
    }
    if let Some(value) = option_field(object, "maxAttempts")? {
        let attempts = count_arg("maxAttempts", number_value("maxAttempts", &value)?)?;
        policy.max_attempts =
            u32::try_from(attempts).map_err(|_| out_of_range("max_attempts", attempts))?;
    }
    Ok(policy)
}

/// A key id: an integer from 0 to 255 (`InvalidArg` otherwise).
fn key_id(name: &str, value: f64) -> Result<u8, JsError> {
    if value.fract() == 0.0 && (0.0..=255.0).contains(&value) {
        // Checked just above: an integer from 0 to 255.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(value as u8);
    }
    Err(invalid_arg(format!(
        "{name}: a key id is an integer from 0 to 255, got {value}"
    )))
}

/// Reads the keys: an object `{ id: secret }`, a `Map` or an array of `[id, secret]` pairs.
fn keys_arg(env: Env, value: &Unknown<'_>) -> Result<Vec<(u8, Vec<u8>)>, JsError> {
    // SAFETY: `env` is the environment of this call, on its thread.
    let js = unsafe { Js::new(env.raw()) };
    let raw = value.raw();
    let expected = "an object { 1: secret }, a Map or an array of [id, secret] pairs (secrets: Buffer or Uint8Array)";
    let kind = js.type_of(raw).map_err(napi_error)?;
    if kind != sys::ValueType::napi_object {
        return Err(invalid_arg(format!(
            "keys: expected {expected}, got a value of type {}",
            type_name(napi::ValueType::from(kind))
        )));
    }
    let pairs = if js.is_array(raw).map_err(napi_error)? {
        Some(raw)
    } else if is_map(js, raw).map_err(napi_error)? {
        Some(array_from(js, raw).map_err(napi_error)?)
    } else {
        None
    };
    let mut keys = Vec::new();
    match pairs {
        Some(pairs) => {
            for (index, pair) in js
                .get_array(pairs, "keys")
                .map_err(napi_error)?
                .into_iter()
                .enumerate()
            {
                let name = format!("keys[{index}]");
                let is_pair = js.is_array(pair).map_err(napi_error)?
                    && js.get_array(pair, &name).map_err(napi_error)?.len() == 2;
                if !is_pair {
                    return Err(invalid_arg(format!(
                        "{name}: expected an [id, secret] pair"
                    )));
                }
                let id = js.element(pair, 0).map_err(napi_error)?;
                let id = match js.type_of(id).map_err(napi_error)? {
                    sys::ValueType::napi_number => {
                        key_id(&name, js.get_f64(id, &name).map_err(napi_error)?)?
                    }
                    _ => return Err(invalid_arg(format!("{name}: the key id must be a number"))),
                };
                let secret = js.element(pair, 1).map_err(napi_error)?;
                keys.push((id, secret_value(js, &format!("{name}[1]"), secret)?));
            }
        }
        None => {
            for key in js.keys(raw).map_err(napi_error)? {
                let text = js.get_string(key, "keys").map_err(napi_error)?;
                let canonical = text.parse::<u8>().ok().filter(|id| id.to_string() == text);
                let id = canonical.ok_or_else(|| {
                    invalid_arg(format!(
                        "keys: {text:?} is not a key id (an integer from 0 to 255)"
                    ))
                })?;
                let secret = js.get_key(raw, key).map_err(napi_error)?;
                keys.push((id, secret_value(js, &format!("keys[{id}]"), secret)?));
            }
        }
    }
    Ok(keys)
}

/// A secret's bytes: a `Uint8Array` (a `Buffer` included), `InvalidArg` otherwise.
fn secret_value(js: Js, name: &str, value: sys::napi_value) -> Result<Vec<u8>, JsError> {
    match js.uint8_bytes(value).map_err(napi_error)? {
        Some(bytes) => Ok(bytes),
        None => {
            let kind = js.type_of(value).map_err(napi_error)?;
            Err(invalid_arg(format!(
                "{name}: expected a Buffer or Uint8Array of at least 32 random bytes, got {}",
                if kind == sys::ValueType::napi_object {
                    "an object that is not a Uint8Array".to_owned()
                } else {
                    format!("a value of type {}", type_name(napi::ValueType::from(kind)))
                }
            )))
        }
    }
}

/// Whether `value` is a `Map` (`value instanceof Map`, the global `Map`).
fn is_map(js: Js, value: sys::napi_value) -> napi::Result<bool> {
    let map = js.get_named(js.global()?, c"Map")?;
    js.instance_of(value, map)
}

/// `Array.from(value)`.
fn array_from(js: Js, value: sys::napi_value) -> napi::Result<sys::napi_value> {
    let array = js.get_named(js.global()?, c"Array")?;
    let from = js.get_named(array, c"from")?;
    js.call(from, &[value])
}
