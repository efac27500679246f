//! `security.issuePasswordReset`, `security.readPasswordReset`, `security.verifyPasswordReset`
//! and `security.ResetToken`: the Node face of `envoi::security::PasswordReset` and `ResetToken`
//! (single-use, expiring password-reset tokens that embed the account's credential version).

use chrono::TimeDelta;
use envoi::security::{self as core_security, PasswordReset};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;

use crate::args::{
    bool_value, count_arg, instance_arg, napi_error, number_value, option_field, options_object,
    type_name, type_of,
};
use crate::contacts::HostPredicate;
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::format_utc;
use crate::token::{KeyRing, now_arg, now_option};

/// Options of {@link issuePasswordReset}.
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
pub struct IssueResetOptions {
    /// How long the link is valid, in whole seconds: 60 (a minute) to 604,800 (seven days);
    /// required.
    pub validity_seconds: f64,
    /// The issue time: a `Date` or an ISO 8601 string with an offset; default the real clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
}

/// A `tracking.KeyRing` argument.
fn ring_arg(value: &Unknown<'_>) -> Result<&'static envoi::token::KeyRing, JsError> {
    instance_arg::<KeyRing>("keyRing", value, "a tracking.KeyRing").map(|ring| &ring.inner)
}

/// An account id (`u64`): a non-negative safe integer or a `bigint`.
fn account_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    crate::token::id_value(js, name, value.raw(), u64::MAX)?
        .ok_or_else(|| invalid_arg(format!("{name}: is required")))
}

/// A credential version (`u32`).
fn version_arg(name: &str, value: f64) -> Result<u32, JsError> {
    u32::try_from(count_arg(name, value)?).map_err(|_| {
        invalid_arg(format!(
            "{name}: expected an integer from 0 to 4294967295, got {value}"
        ))
    })
}

/// A password-reset link's token for `account` at its current `credentialVersion` (the number the
/// host keeps per account and increments at every password change), signed with the ring's active
/// key, valid `validitySeconds` (60 to 604,800) from `now`. Its text is URL-safe: put it in the
/// reset link as is.
///
/// Errors: `security.invalid_parameter` (`field` `'validity'`, `value`, `rule`), the key ring's
/// `token.invalid_time` (an issue time before 2025).
///
/// ```js
/// const { security, tracking } = require('envoi')
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
/// const link = security.issuePasswordReset(ring, 1234, 7, { now: '2026-06-01T09:00:00Z', validitySeconds: 3600 })
/// const token = security.readPasswordReset(ring, link, { now: '2026-06-01T09:20:00Z' })
/// ;[token.account, token.credentialVersion]   // [1234, 7]
/// const usedId = token.accept(7, false, { now: '2026-06-01T09:21:00Z' })  // store it, save the password as version 8
/// token.accept(8, false, { now: '2026-06-01T09:21:00Z' })  // throws security.credential_changed
/// ```
#[napi(
    namespace = "security",
    ts_args_type = "keyRing: tracking.KeyRing, account: number | bigint, credentialVersion: number, options: IssueResetOptions"
)]
pub fn issue_password_reset(
    env: Env,
    key_ring: Unknown<'_>,
    account: Unknown<'_>,
    credential_version: f64,
    options: Option<Unknown<'_>>,
) -> napi::Result<String, Code> {
    guard(|| {
        let ring = ring_arg(&key_ring)?;
        let account = account_arg(env, "account", &account)?;
        let version = version_arg("credentialVersion", credential_version)?;
        let object = options_object(
            options.as_ref(),
            &["validitySeconds", "now"],
            "{ validitySeconds: 3600, now: new Date() }",
        )?;
        let now = now_option(object.as_ref())?;
        let seconds = object
            .as_ref()
            .map(|object| option_field(object, "validitySeconds"))
            .transpose()?
            .flatten()
            .ok_or_else(|| {
                invalid_arg("options.validitySeconds: is required (60 to 604800 seconds)")
            })?;
        let seconds = number_value("validitySeconds", &seconds)?;
        if !seconds.is_finite() || seconds.fract() != 0.0 {
            return Err(invalid_arg(format!(
                "validitySeconds: expected a whole number of seconds, got {seconds}"
            )));
        }
        // A whole number; far out of range saturates, and the core refuses it with its own rule.
        #[allow(clippy::cast_possible_truncation)]
        let validity = TimeDelta::try_seconds(seconds as i64).unwrap_or(TimeDelta::MAX);
        PasswordReset::issue(ring, account, version, now, validity)
            .map_err(|error| envoi_error(env, error))
    })
}

/// Checks a reset link's token at `now` (default the real clock): authentic, made for password
/// reset, not expired, carrying what {@link issuePasswordReset} writes. Says which account and
/// credential version it is for; the host then loads that account and calls
/// {@link ResetToken.accept}.
///
/// Errors: the key ring's refusal (`token.bad_tag`, `token.expired`, `token.wrong_purpose`… with
/// their fields), `security.reset_token_incomplete` (`missing`).
#[napi(
    namespace = "security",
    ts_args_type = "keyRing: tracking.KeyRing, token: string, options?: tracking.NowOptions | undefined | null"
)]
pub fn read_password_reset(
    env: Env,
    key_ring: Unknown<'_>,
    token: String,
    options: Option<Unknown<'_>>,
) -> napi::Result<ResetToken, Code> {
    guard(|| {
        let ring = ring_arg(&key_ring)?;
        let now = now_arg(env, options.as_ref())?;
        PasswordReset::read(ring, &token, now)
            .map(|inner| ResetToken { inner })
            .map_err(|error| envoi_error(env, error))
    })
}

/// {@link readPasswordReset} then {@link ResetToken.accept}, for a host that knows the account
/// resetting (`account`, its `currentCredentialVersion`) and answers `isUsed(tokenId)` from its
/// record of used token ids. Gives the token, whose `tokenId` the host stores before changing the
/// password.
///
/// Errors: as {@link readPasswordReset}, then `security.wrong_account` (`tokenAccount`,
/// `account`), then as {@link ResetToken.accept}. An exception `isUsed` throws reaches the caller
/// unchanged; an answer that is not a boolean throws a `TypeError` with code `InvalidArg`.
#[napi(
    namespace = "security",
    ts_args_type = "keyRing: tracking.KeyRing, token: string, account: number | bigint, currentCredentialVersion: number, isUsed: (tokenId: string) => boolean, options?: tracking.NowOptions | undefined | null"
)]
pub fn verify_password_reset(
    env: Env,
    key_ring: Unknown<'_>,
    token: String,
    account: Unknown<'_>,
    current_credential_version: f64,
    is_used: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<ResetToken, Code> {
    guard(|| {
        let ring = ring_arg(&key_ring)?;
        let account = account_arg(env, "account", &account)?;
        let version = version_arg("currentCredentialVersion", current_credential_version)?;
        if type_of("isUsed", &is_used)? != ValueType::Function {
            return Err(invalid_arg(format!(
                "isUsed: expected a function (tokenId) => boolean, got a value of type {}",
                type_name(type_of("isUsed", &is_used)?)
            )));
        }
        let now = now_arg(env, options.as_ref())?;
        let host = HostPredicate::new(env, is_used.raw(), "isUsed(tokenId)");
        let result = PasswordReset::verify(
            ring,
            &token,
            account,
            version,
            |id| host.ask(&id.to_string()),
            now,
        );
        host.finish()?;
        result
            .map(|inner| ResetToken { inner })
            .map_err(|error| envoi_error(env, error))
    })
}

/// A password-reset token that verified (authentic, for password reset, not expired when read),
/// before the host's checks of {@link ResetToken.accept}. Only {@link readPasswordReset} and
/// {@link verifyPasswordReset} make one (it has no constructor and cannot be read from JSON), so a
/// host cannot forge an accepted token from stored or sent data. `toJson()` writes it for a log line
/// (nothing secret).
#[napi(namespace = "security")]
pub struct ResetToken {
    inner: core_security::ResetToken,
}

#[napi(namespace = "security")]
impl ResetToken {
    /// The account whose password the token resets.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn account(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            js.id(self.inner.account()).map(Raw).map_err(napi_error)
        })
    }

    /// The account's credential version when the token was issued.
    #[napi(getter)]
    pub fn credential_version(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.credential_version()))
    }

    /// The token's stable id (22 characters of base64url; the same link always gives the same id):
    /// what the host stores once the token is used, until `expiresAt`.
    #[napi(getter)]
    pub fn token_id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.token_id().to_string()))
    }

    /// When it was issued, to the whole second, RFC 3339 in UTC.
    #[napi(getter)]
    pub fn issued_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_utc(self.inner.issued_at())))
    }

    /// The end of its validity (it is valid strictly before), RFC 3339 in UTC.
    #[napi(getter)]
    pub fn expires_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_utc(self.inner.expires_at())))
    }

    /// Whether the token may reset the password at `now` (default the real clock), in this order:
    /// it has not expired (the key ring's `token.expired`: a host may read the token, then accept
    /// it later), its credential version is the account's current one
    /// (`security.credential_changed`: `tokenVersion`, `currentVersion`), and it was not used
    /// before (`alreadyUsed`, from the host's record of token ids: `security.reset_token_used`
    /// with `tokenId`). Gives the id to store before the new password is saved.
    #[napi(
        ts_args_type = "currentCredentialVersion: number, alreadyUsed: boolean, options?: tracking.NowOptions | undefined | null"
    )]
    pub fn accept(
        &self,
        env: Env,
        current_credential_version: f64,
        already_used: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Code> {
        guard(|| {
            let version = version_arg("currentCredentialVersion", current_credential_version)?;
            let already_used = bool_value("alreadyUsed", &already_used)?;
            let now = now_arg(env, options.as_ref())?;
            self.inner
                .accept(version, already_used, now)
                .map(|id| id.to_string())
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The core's JSON form, for a log line: the account, the version, the id and the instants
    /// (nothing secret). There is no `fromJson`: a token is only ever read from its link.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }
}
