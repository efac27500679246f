//! Senders (SPEC section 2): the SMS sender number ([`sms_sender_number`]: international form and
//! mobile only; an alphanumeric sender is refused with the SPEC's reason) and the [`Sender`] (an
//! object holding the core's `envoi::senders::Sender`, behind a mutex): its address, its
//! verification with a one-time code sent through the host's transport, and its SMS settings.
//!
//! Conversions only; every rule is the core's (`envoi::senders`): what a sender number is, the
//! verification states, the code's validity, which channel an address sends, what a message may
//! use. Codes are the key ring's ([`KeyRing`]); instants are `SystemTime` and `now` defaults to the
//! system clock, read by this binding, as in [`crate::token`]. The SMS settings cross as
//! [`SmsSettings`] (national language names as in [`crate::sms::SmsOptions`]).
//!
//! Errors: the core's `SenderError` as [`EnvoiError::Sender`] (`senders.*`), except a number that
//! is not a valid phone number at all ([`EnvoiError::Contacts`], `contacts.invalid_phone`) and a
//! code the key ring refused ([`EnvoiError::Token`], `token.code_mismatch`…): the family follows
//! the code.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use chrono::TimeDelta;
use envoi::senders::{SenderAddress, SmsSenderNumber, Verification};
use envoi::sms::NationalLanguage;
use envoi::token::CodePolicy;

use crate::contacts::{PhoneNumber, channel};
use crate::errors::{INVALID_JSON_CODE, OUT_OF_RANGE_CODE};
use crate::sms::SmsOptions;
use crate::time::system_time;
use crate::token::{KeyRing, alphabet, now_or_clock, to_core_int};
use crate::{EnvoiError, guard};

/// Reads an SMS sender number: international form only (`"+32475123456"`, `"0032 475 12 34 56"`),
/// a mobile number only. Returns it as a [`PhoneNumber`] (E.164).
///
/// Throws `senders.alphanumeric_sender` (with `value`: an alphanumeric sender is not accepted in
/// every country and the recipient cannot reply), `senders.not_international` (with `value` and,
/// for a Belgian mobile written nationally, `suggestion`: its international form),
/// `senders.not_mobile` (with `number` and `kind`), and `contacts.invalid_phone`.
#[uniffi::export]
pub fn sms_sender_number(text: String) -> Result<PhoneNumber, EnvoiError> {
    guard(|| {
        Ok(PhoneNumber::of(
            SmsSenderNumber::parse(&text)?.phone_number(),
        ))
    })
}

/// The SMS settings of a sender (SPEC section 5): the national language shift tables it opted in
/// to (`"turkish"`, `"spanish"`, `"portuguese"`…, each once) and smart encoding. Off by default.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SmsSettings {
    /// The national languages whose shift tables the segmenter may use, in order of preference.
    #[uniffi(default)]
    pub languages: Vec<String>,
    /// Whether typographic look-alikes are replaced to stay in GSM-7.
    #[uniffi(default = false)]
    pub smart_encoding: bool,
}

impl SmsSettings {
    fn of(settings: &envoi::senders::SmsSettings) -> Self {
        SmsSettings {
            languages: settings
                .languages
                .iter()
                .map(|language| language.name().to_owned())
                .collect(),
            smart_encoding: settings.smart_encoding,
        }
    }

    fn to_core(&self) -> Result<envoi::senders::SmsSettings, EnvoiError> {
        Ok(envoi::senders::SmsSettings {
            languages: self
                .languages
                .iter()
                .map(|name| name.parse::<NationalLanguage>())
                .collect::<Result<_, _>>()?,
            smart_encoding: self.smart_encoding,
        })
    }
}

/// An email address or an SMS number an account sends from, verified with a one-time code before a
/// message can use it. The states: `"unverified"` → `"pending"` (`start_verification` gives the
/// code for the host to send; starting again sends a new code) → `"verified"` (`confirm` with the
/// right code). Mutable (each call updates it in place, also a `confirm` that throws: the challenge
/// counts the attempt) and safe to share between threads: store `to_json()` after every call.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Sender {
    inner: Mutex<envoi::senders::Sender>,
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.lock(), f)
    }
}

impl fmt::Display for Sender {
    /// `Sender(account=12, id=3, sms=+32475123456, state=verified)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sender = self.lock();
        write!(
            f,
            "Sender(account={}, id={}, {}={}, state={})",
            sender.account(),
            sender.id(),
            sender.address().channel(),
            sender.address().as_str(),
            sender.verification().name()
        )
    }
}

impl PartialEq for Sender {
    /// Every field, the verification included.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for Sender {}

impl Sender {
    fn lock(&self) -> MutexGuard<'_, envoi::senders::Sender> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wrap(sender: envoi::senders::Sender) -> Arc<Self> {
        Arc::new(Sender {
            inner: Mutex::new(sender),
        })
    }
}

#[uniffi::export]
impl Sender {
    /// An unverified email sender of the host's `account`, with the host's sender `id`. Throws
    /// `contacts.invalid_email`.
    #[uniffi::constructor]
    pub fn email(account: u64, id: u64, address: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let address = envoi::contacts::EmailAddress::parse(&address)?;
            Ok(Self::wrap(envoi::senders::Sender::new(
                account,
                id,
                SenderAddress::Email(address),
            )))
        })
    }

    /// An unverified SMS sender: `number` as [`sms_sender_number`] reads it (its errors).
    #[uniffi::constructor]
    pub fn sms(account: u64, id: u64, number: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let number = SmsSenderNumber::parse(&number)?;
            Ok(Self::wrap(envoi::senders::Sender::new(
                account,
                id,
                SenderAddress::Sms(number),
            )))
        })
    }

    /// A sender written by `to_json` (in any language), checked by the core (its address, its SMS
    /// settings). Throws `argument.invalid_json` (serde's message, with the core's reason).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let sender = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a sender: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Self::wrap(sender))
        })
    }

    /// The core's JSON form, to store after every call.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing a sender: {error}")))
        })
    }

    /// The host's account id.
    pub fn account(&self) -> u64 {
        self.lock().account()
    }

    /// The host's sender id.
    pub fn id(&self) -> u64 {
        self.lock().id()
    }

    /// The channel of the address: `"email"` or `"sms"`.
    pub fn channel(&self) -> String {
        self.lock().address().channel().as_str().to_owned()
    }

    /// The address: the email address, or the number in E.164 form.
    pub fn address(&self) -> String {
        self.lock().address().as_str().to_owned()
    }

    /// Whether the address sends on `channel` (an email address also sends secure email). Throws
    /// `argument.unknown_value` for an unknown channel.
    pub fn sends(&self, channel: String) -> Result<bool, EnvoiError> {
        guard(|| {
            let channel = self::channel("channel", &channel)?;
            Ok(self.lock().address().sends(channel))
        })
    }

    /// The SMS settings (the default for an email sender).
    pub fn sms_settings(&self) -> SmsSettings {
        SmsSettings::of(self.lock().sms_settings())
    }

    /// Sets the SMS settings. Throws `senders.wrong_channel` for an email sender,
    /// `senders.invalid_parameter` (with `field = "sms.languages"`, `value`, `rule`) for a language
    /// given twice, `sms.unknown_language` for an unknown name.
    pub fn set_sms_settings(&self, settings: SmsSettings) -> Result<(), EnvoiError> {
        guard(|| {
            let settings = settings.to_core()?;
            Ok(self.lock().set_sms_settings(settings)?)
        })
    }

    /// The options to segment a message from this sender: `base` (null/nil: the defaults) with the
    /// sender's national languages and smart encoding. Give them to `analyze_sms`.
    #[uniffi::method(default(base = None))]
    pub fn sms_options(&self, base: Option<SmsOptions>) -> Result<SmsOptions, EnvoiError> {
        guard(|| {
            let base = base.unwrap_or_default().to_core()?;
            Ok(SmsOptions::of(&self.lock().sms_options(&base)))
        })
    }

    /// The verification's state: `"unverified"`, `"pending"` (a code was sent) or `"verified"`.
    pub fn verification_state(&self) -> String {
        self.lock().verification().name().to_owned()
    }

    /// When the sender was verified, null/nil before.
    pub fn verified_at(&self) -> Option<SystemTime> {
        match self.lock().verification() {
            Verification::Verified { at } => Some(system_time(*at)),
            _ => None,
        }
    }

    /// Whether the sender is verified.
    pub fn is_verified(&self) -> bool {
        self.lock().is_verified()
    }

    /// Starts (or restarts) the verification at `now` (null/nil: the system clock): returns the
    /// one-time code to send to the address through the host's transport (never stored by envoi),
    /// valid `validity_seconds` (60 to 86 400), of `length` characters of `alphabet`, checked at
    /// most `max_attempts` times; the sender becomes pending. `challenge_id` is the host's unique
    /// id of this verification.
    ///
    /// Throws `senders.already_verified` (with `sender` and `at`), `senders.invalid_parameter`
    /// (`field = "validity"`), the key ring's `token.invalid_argument`, and
    /// `argument.out_of_range` (a negative `length` or `max_attempts`).
    #[allow(clippy::too_many_arguments)]
    #[uniffi::method(default(
        now = None,
        alphabet = "digits",
        length = 6,
        max_attempts = 5
    ))]
    pub fn start_verification(
        &self,
        key_ring: Arc<KeyRing>,
        challenge_id: String,
        validity_seconds: i64,
        now: Option<SystemTime>,
        alphabet: String,
        length: i64,
        max_attempts: i64,
    ) -> Result<String, EnvoiError> {
        guard(|| {
            let policy = CodePolicy {
                alphabet: self::alphabet(&alphabet)?,
                length: to_core_int("length", length, "give 6 to 16")?,
                max_attempts: to_core_int("max_attempts", max_attempts, "give 1 to 10")?,
            };
            let validity = TimeDelta::try_seconds(validity_seconds).ok_or_else(|| {
                EnvoiError::argument(
                    OUT_OF_RANGE_CODE,
                    format!(
                        "validity_seconds: {validity_seconds} is out of range; a verification code is valid 60 to 86400 seconds"
                    ),
                )
            })?;
            let now = now_or_clock(now)?;
            Ok(self.lock().start_verification(
                &key_ring.inner,
                &challenge_id,
                now,
                validity,
                &policy,
            )?)
        })
    }

    /// Confirms the code the person received, at `now` (null/nil: the system clock): the sender
    /// becomes verified. A wrong code is counted in the sender (store `to_json()` whatever the
    /// outcome).
    ///
    /// Throws `senders.no_pending_verification`, `senders.already_verified`,
    /// `senders.challenge_mismatch` (a stored challenge of another sender), and the key ring's
    /// `token.code_mismatch` (with `attempts_left`), `token.code_expired`, `token.code_locked`,
    /// `token.code_used`, `token.code_malformed`.
    #[uniffi::method(default(now = None))]
    pub fn confirm(
        &self,
        key_ring: Arc<KeyRing>,
        code: String,
        now: Option<SystemTime>,
    ) -> Result<(), EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            Ok(self.lock().confirm(&key_ring.inner, &code, now)?)
        })
    }

    /// Checks that a message on `channel` may use this sender: verified, and an address of that
    /// channel. Throws `senders.not_verified` (with `sender` and `state`) or
    /// `senders.wrong_channel` (with `sender`, `address` and `channel`).
    pub fn require_for(&self, channel: String) -> Result<(), EnvoiError> {
        guard(|| {
            let channel = self::channel("channel", &channel)?;
            Ok(self.lock().require_for(channel)?)
        })
    }
}
