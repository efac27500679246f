//! `senders.Sender` and `senders.parseSmsSenderNumber`: the Node face of `envoi::senders::Sender`
//! (a sender's address, verification and SMS settings) and `SmsSenderNumber`.

use chrono::TimeDelta;
use envoi::contacts::EmailAddress;
use envoi::senders::{self as core_senders, SenderAddress, SmsSenderNumber, SmsSettings};
use envoi::sms::NationalLanguage;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use crate::args::{
    array_items, bool_value, instance_arg, napi_error, number_value, option_field, options_object,
    record_arg, string_arg,
};
use crate::contacts::{PhoneNumber, channel_arg, to_js_value};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg, to_js};
use crate::js::{Js, Raw};
use crate::sms::{AnalyzeSmsOptions, core_options};
use crate::token::{KeyRing, code_policy, now_arg, now_option};

/// A sender's address: `{ email: 'news@example.be' }` (email and secure email) or
/// `{ sms: '+32475123456' }` (SMS), the core's JSON form.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "senders"
)]
pub struct Address {
    /// An email address (checked: `contacts.invalid_email`).
    pub email: Option<String>,
    /// A mobile number in international form (checked: see {@link parseSmsSenderNumber}).
    pub sms: Option<String>,
}

/// An SMS sender's segmentation settings (SPEC section 5): the national language shift tables it
/// opted in to, and smart encoding.
#[napi(object, namespace = "senders")]
pub struct SmsSenderSettings {
    /// The national languages whose shift tables its messages may use (`'turkish'`,
    /// `'portuguese'`…), in order of preference on a tie, each once.
    pub languages: Vec<String>,
    /// Replace typographic look-alikes to stay in GSM-7.
    pub smart_encoding: bool,
}

/// Where a sender's verification stands: the core's JSON form.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "senders"
)]
pub struct Verification {
    /// `'unverified'` (no code sent), `'pending'` (a code was sent: `challenge`) or `'verified'`
    /// (`at`).
    #[napi(ts_type = "'unverified' | 'pending' | 'verified'")]
    pub state: String,
    /// The key ring's challenge of the code sent (`'pending'`).
    #[napi(ts_type = "tracking.CodeChallenge")]
    pub challenge: Option<String>,
    /// When the code was confirmed (`'verified'`), RFC 3339 in UTC.
    pub at: Option<String>,
}

/// Options of {@link Sender.startVerification}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "senders"
)]
pub struct StartVerificationOptions {
    /// How long the code is valid, in whole seconds: 60 (a minute) to 86,400 (a day); required.
    pub validity_seconds: f64,
    /// The time the code is sent: a `Date` or an ISO 8601 string with an offset; default the real
    /// clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
    /// `'digits'` (default) or `'crockford'`.
    #[napi(ts_type = "'digits' | 'crockford' | null")]
    pub alphabet: Option<String>,
    /// The number of characters, default 6.
    #[napi(ts_type = "number | null")]
    pub length: Option<f64>,
    /// Wrong codes allowed before the code locks, 1 to 10, default 5.
    #[napi(ts_type = "number | null")]
    pub max_attempts: Option<f64>,
}

const START_OPTIONS: [&str; 5] = [
    "validitySeconds",
    "now",
    "alphabet",
    "length",
    "maxAttempts",
];
const SMS_OPTIONS: [&str; 6] = [
    "smartEncoding",
    "languages",
    "maxParts",
    "reference",
    "referenceBits",
    "userData",
];

/// Reads an SMS sender number: international form only (`'+32475123456'`, `'0032475123456'`,
/// any spacing), a mobile only. Every envoi function taking a sender number reads it so.
///
/// Errors: `senders.alphanumeric_sender` (`value`: `'John Tel'` is refused: it is not accepted in
/// every country and the recipient cannot reply), `senders.not_international` (`value`,
/// `suggestion`: the international form when the text reads as a Belgian mobile),
/// `senders.not_mobile` (`number`, `kind`), `contacts.invalid_phone` (`value`, `reason`,
/// `problem`).
///
/// ```js
/// const { senders } = require('envoi')
/// senders.parseSmsSenderNumber('0032 475 12 34 56').e164  // '+32475123456'
/// senders.parseSmsSenderNumber('0475123456')              // throws senders.not_international (suggestion '+32475123456')
/// ```
#[napi(
    namespace = "senders",
    ts_args_type = "text: string",
    ts_return_type = "contacts.PhoneNumber"
)]
pub fn parse_sms_sender_number(env: Env, text: Unknown<'_>) -> napi::Result<PhoneNumber, Code> {
    guard(|| {
        let text = string_arg("text", &text)?;
        let number = SmsSenderNumber::parse(&text).map_err(|error| envoi_error(env, error))?;
        Ok(PhoneNumber::from_core(number.phone_number()))
    })
}

/// An id argument (`u64`): a non-negative safe integer or a `bigint` up to 2^64 − 1.
fn id_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    crate::token::id_value(js, name, value.raw(), u64::MAX)?
        .ok_or_else(|| invalid_arg(format!("{name}: is required")))
}

/// The address argument: `{ email }` or `{ sms }`, exactly one.
fn address_arg(env: Env, value: &Unknown<'_>) -> Result<SenderAddress, JsError> {
    let object = record_arg(
        "address",
        value,
        &["email", "sms"],
        "{ email: 'news@example.be' } or { sms: '+32475123456' }",
    )?;
    match (
        option_field(&object, "email")?,
        option_field(&object, "sms")?,
    ) {
        (Some(email), None) => EmailAddress::parse(&string_arg("address.email", &email)?)
            .map(SenderAddress::Email)
            .map_err(|error| envoi_error(env, error)),
        (None, Some(sms)) => SmsSenderNumber::parse(&string_arg("address.sms", &sms)?)
            .map(SenderAddress::Sms)
            .map_err(|error| envoi_error(env, error)),
        _ => Err(invalid_arg(
            "address: give exactly one of email (an email sender) or sms (an SMS sender number)",
        )),
    }
}

/// A `tracking.KeyRing` argument.
fn ring_arg(value: &Unknown<'_>) -> Result<&'static envoi::token::KeyRing, JsError> {
    instance_arg::<KeyRing>("keyRing", value, "a tracking.KeyRing").map(|ring| &ring.inner)
}

/// A sender of an account (SPEC section 2): an email address or an SMS number, unverified until
/// the one-time code sent to it comes back. Plain data: `toJson()` / `Sender.fromJson(text)` (the
/// core's JSON form, the same in every envoi binding).
///
/// States: unverified → pending ({@link Sender.startVerification} gives the code for the host to
/// send; starting again replaces it) → verified ({@link Sender.confirm} with the right code). A
/// wrong, expired or locked code throws the key ring's `token.code_*` error and leaves the sender
/// pending with the attempt counted: store the sender back after every call. A message uses a
/// sender only through {@link Sender.requireFor} (`senders.not_verified`, `senders.wrong_channel`).
///
/// ```js
/// const { senders, tracking } = require('envoi')
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
/// const sender = new senders.Sender(12, 3, { sms: '+32 475 12 34 56' })
/// const now = '2026-06-01T09:00:00Z'
/// const code = sender.startVerification(ring, 'sender-3-1', { now, validitySeconds: 15 * 60 })
/// // The host sends `code` by SMS to +32475123456; the person types it back.
/// sender.confirm(ring, code, { now: '2026-06-01T09:02:00Z' })
/// sender.verification   // { state: 'verified', at: '2026-06-01T09:02:00Z' }
/// sender.requireFor('sms')
/// ```
#[napi(namespace = "senders")]
pub struct Sender {
    inner: core_senders::Sender,
}

#[napi(namespace = "senders")]
impl Sender {
    /// A new, unverified sender `id` of `account` (the host's ids: safe integers or `bigint`s) for
    /// `address`, with no national language table and no smart encoding.
    #[napi(
        constructor,
        ts_args_type = "account: number | bigint, id: number | bigint, address: Address"
    )]
    pub fn new(
        env: Env,
        account: Unknown<'_>,
        id: Unknown<'_>,
        address: Unknown<'_>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let account = id_arg(env, "account", &account)?;
            let id = id_arg(env, "id", &id)?;
            let address = address_arg(env, &address)?;
            Ok(Sender {
                inner: core_senders::Sender::new(account, id, address),
            })
        })
    }

    /// The sender of a JSON text written by {@link Sender.toJson} (in any envoi binding): the
    /// address and the SMS settings are checked again. `InvalidArg` naming what is wrong otherwise.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Sender, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| Sender { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }

    /// The core's JSON form, the same in every envoi binding: what the host stores.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// The account (the host's id).
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn account(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id_to_js(env, self.inner.account()))
    }

    /// The sender's id (the host's).
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn id(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id_to_js(env, self.inner.id()))
    }

    /// The address it sends from: `{ email }` or `{ sms }` (E.164).
    #[napi(getter, ts_return_type = "Address")]
    pub fn address(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| json_to_js(env, self.inner.address()))
    }

    /// The channel of its address: `'email'` or `'sms'`.
    #[napi(getter, ts_return_type = "'email' | 'sms'")]
    pub fn channel(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.address().channel().as_str().to_owned()))
    }

    /// Its SMS settings (the default for an email sender).
    #[napi(getter)]
    pub fn sms_settings(&self) -> napi::Result<SmsSenderSettings, Code> {
        guard(|| {
            let settings = self.inner.sms_settings();
            Ok(SmsSenderSettings {
                languages: settings
                    .languages
                    .iter()
                    .map(|language| language.name().to_owned())
                    .collect(),
                smart_encoding: settings.smart_encoding,
            })
        })
    }

    /// Where its verification stands (the core's JSON form).
    #[napi(getter, ts_return_type = "Verification")]
    pub fn verification(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| json_to_js(env, self.inner.verification()))
    }

    /// Whether it is verified.
    #[napi(getter)]
    pub fn is_verified(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.is_verified()))
    }

    /// Sets the SMS settings of an SMS sender (the verification is kept: they are not the
    /// address). Errors: `senders.wrong_channel` for an email sender, `senders.invalid_parameter`
    /// (`field` `'sms.languages'`) for a language given twice, `sms.unknown_language`.
    #[napi(
        ts_args_type = "settings: { languages?: string[] | null, smartEncoding?: boolean | null }"
    )]
    pub fn set_sms_settings(&mut self, env: Env, settings: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let object = record_arg(
                "settings",
                &settings,
                &["languages", "smartEncoding"],
                "{ languages: ['portuguese'], smartEncoding: true }",
            )?;
            let languages = match option_field(&object, "languages")? {
                Some(list) => array_items("languages", &list, "an array of language names")?
                    .iter()
                    .enumerate()
                    .map(|(index, name)| {
                        string_arg(&format!("languages[{index}]"), name)?
                            .parse::<NationalLanguage>()
                            .map_err(to_js)
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                None => Vec::new(),
            };
            let smart_encoding = option_field(&object, "smartEncoding")?
                .map(|value| bool_value("smartEncoding", &value))
                .transpose()?
                .unwrap_or(false);
            self.inner
                .set_sms_settings(SmsSettings {
                    languages,
                    smart_encoding,
                })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The segmenter's options for a message of this sender: `base` (the options of
    /// {@link analyzeSms}: the engine's `maxParts`, reference…) with this sender's national
    /// languages and smart encoding in place of `base`'s (a table the sender did not opt in to is
    /// never used). Give the result to {@link analyzeSms}.
    #[napi(
        ts_args_type = "base?: AnalyzeSmsOptions | undefined | null",
        ts_return_type = "AnalyzeSmsOptions"
    )]
    pub fn sms_options(&self, env: Env, base: Option<Unknown<'_>>) -> napi::Result<Raw, Code> {
        guard(|| {
            let object = options_object(base.as_ref(), &SMS_OPTIONS, "{ maxParts: 4 }")?;
            let field = |name: &str| match &object {
                Some(object) => option_field(object, name),
                None => Ok(None),
            };
            let number = |name: &str| -> Result<Option<f64>, JsError> {
                field(name)?
                    .map(|value| number_value(name, &value))
                    .transpose()
            };
            let flag = |name: &str| -> Result<Option<bool>, JsError> {
                field(name)?
                    .map(|value| bool_value(name, &value))
                    .transpose()
            };
            let languages = match field("languages")? {
                Some(list) => Some(
                    array_items("languages", &list, "an array of language names")?
                        .iter()
                        .enumerate()
                        .map(|(index, name)| string_arg(&format!("languages[{index}]"), name))
                        .collect::<Result<Vec<_>, _>>()?,
                ),
                None => None,
            };
            let base = core_options(AnalyzeSmsOptions {
                smart_encoding: flag("smartEncoding")?,
                languages,
                max_parts: number("maxParts")?,
                reference: number("reference")?,
                reference_bits: number("referenceBits")?,
                user_data: flag("userData")?,
            })?;
            let options = self.inner.sms_options(&base);
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"smartEncoding", js.bool(options.smart_encoding)?)?;
                js.set_named(
                    object,
                    c"languages",
                    js.array(
                        options
                            .languages
                            .iter()
                            .map(|language| js.str(language.name())),
                    )?,
                )?;
                js.set_named(object, c"maxParts", js.u32(options.max_parts)?)?;
                js.set_named(
                    object,
                    c"reference",
                    js.u32(u32::from(options.reference.value()))?,
                )?;
                js.set_named(object, c"referenceBits", js.u32(options.reference.bits())?)?;
                js.set_named(object, c"userData", js.bool(options.user_data)?)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Starts (or restarts) the verification: the one-time code for the host to send to the
    /// address through its own transport, valid `validitySeconds` (60 to 86,400) from `now`, with
    /// the `alphabet`, `length` and `maxAttempts` of {@link tracking.KeyRing.issueCode}. The sender
    /// becomes pending; a code sent before is replaced. `challengeId` is the host's unique id of
    /// this attempt: the same inputs give the same code.
    ///
    /// Errors: `senders.already_verified` (`sender`, `at`), `senders.invalid_parameter` (`field`
    /// `'validity'`, `value`, `rule`), the key ring's `token.invalid_argument` or
    /// `token.invalid_time`.
    #[napi(
        ts_args_type = "keyRing: tracking.KeyRing, challengeId: string, options: StartVerificationOptions"
    )]
    pub fn start_verification(
        &mut self,
        env: Env,
        key_ring: Unknown<'_>,
        challenge_id: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<String, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let object = options_object(
                options.as_ref(),
                &START_OPTIONS,
                "{ validitySeconds: 900, alphabet: 'digits', length: 6, maxAttempts: 5 }",
            )?;
            let now = now_option(object.as_ref())?;
            let seconds = object
                .as_ref()
                .map(|object| option_field(object, "validitySeconds"))
                .transpose()?
                .flatten()
                .ok_or_else(|| {
                    invalid_arg("options.validitySeconds: is required (60 to 86400 seconds)")
                })?;
            let seconds = number_value("validitySeconds", &seconds)?;
            let validity = validity(seconds)?;
            let policy = code_policy(env, object.as_ref())?;
            self.inner
                .start_verification(ring, &challenge_id, now, validity, &policy)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Confirms the code the person typed, at `now` (default the real clock). The right code
    /// verifies the sender; any refusal leaves it pending with the attempt counted (store the
    /// sender back either way).
    ///
    /// Errors: `senders.already_verified`, `senders.no_pending_verification` (`sender`), the key
    /// ring's `token.code_mismatch` (`attemptsLeft`), `token.code_expired`, `token.code_locked`,
    /// `token.code_used`, `token.code_malformed`; `senders.challenge_mismatch` (`sender`,
    /// `foundAccount`, `foundSender`: the stored challenge is another sender's).
    #[napi(
        ts_args_type = "keyRing: tracking.KeyRing, code: string, options?: tracking.NowOptions | undefined | null"
    )]
    pub fn confirm(
        &mut self,
        env: Env,
        key_ring: Unknown<'_>,
        code: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let now = now_arg(env, options.as_ref())?;
            self.inner
                .confirm(ring, &code, now)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Checks that a message on `channel` may use this sender: its address sends on that channel
    /// (`senders.wrong_channel`: `sender`, `address`, `channel`), then it is verified
    /// (`senders.not_verified`: `sender`, `state`).
    #[napi(ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter'")]
    pub fn require_for(&self, env: Env, channel: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            self.inner
                .require_for(channel)
                .map_err(|error| envoi_error(env, error))
        })
    }
}

/// A validity in whole seconds (the core checks the range: `senders.invalid_parameter`).
fn validity(seconds: f64) -> Result<TimeDelta, JsError> {
    if !seconds.is_finite() || seconds.fract() != 0.0 {
        return Err(invalid_arg(format!(
            "validitySeconds: expected a whole number of seconds, got {seconds}"
        )));
    }
    // A whole number; far out of range saturates, and the core refuses it with its own rule.
    #[allow(clippy::cast_possible_truncation)]
    let seconds = seconds as i64;
    Ok(TimeDelta::try_seconds(seconds).unwrap_or(TimeDelta::MAX))
}

/// An id as JS reads it exactly.
fn id_to_js(env: Env, id: u64) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    js.id(id).map(Raw).map_err(napi_error)
}

/// A core value's JSON form as a plain JS value.
fn json_to_js<T: serde::Serialize>(env: Env, value: &T) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    to_js_value(js, value).map(Raw).map_err(napi_error)
}
