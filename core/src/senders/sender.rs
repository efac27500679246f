//! A sender: its address, its verification and, for SMS, its segmentation settings.

use std::fmt::Write as _;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::contacts::{Channel, EmailAddress};
use crate::sms::{NationalLanguage, SmsOptions};
use crate::time::Instant;
use crate::token::{Claims, CodeChallenge, CodePolicy, KeyRing, Purpose, TokenError};

use super::{SenderError, SmsSenderNumber};

/// The shortest validity of a verification code: one minute.
const MIN_CODE_VALIDITY_SECONDS: i64 = 60;
/// The longest validity of a verification code: one day.
const MAX_CODE_VALIDITY_SECONDS: i64 = 24 * 3600;
/// The most verifications a sender may start within [`VERIFICATION_WINDOW_HOURS`].
const MAX_VERIFICATIONS_PER_WINDOW: usize = 5;
/// The window, in hours, over which verification starts are counted.
const VERIFICATION_WINDOW_HOURS: i64 = 24;
/// The label hashed before a sender's address in its challenge id.
const ADDRESS_DIGEST_LABEL: &[u8] = b"envoi-sender-address-v1\0";
/// The address digest's length in the challenge id: 16 hexadecimal digits (64 bits), then `:`.
const ADDRESS_DIGEST_PREFIX_LEN: usize = 17;
/// The longest challenge id a host may give: the key ring's 128 bytes less the address digest.
const MAX_HOST_CHALLENGE_ID_LEN: usize = 128 - ADDRESS_DIGEST_PREFIX_LEN;

/// What a sender sends from: an email address (email and secure email) or a mobile number (SMS).
///
/// In JSON, `{"email": "…"}` or `{"sms": "+32…"}`; reading checks the address again.
///
/// ```
/// use envoi::contacts::{Channel, EmailAddress};
/// use envoi::senders::{SenderAddress, SmsSenderNumber};
///
/// let sms = SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?);
/// assert_eq!((sms.channel(), sms.as_str()), (Channel::Sms, "+32475123456"));
/// assert_eq!(serde_json::to_string(&sms)?, r#"{"sms":"+32475123456"}"#);
/// let email = SenderAddress::Email(EmailAddress::parse("news@example.be")?);
/// assert_eq!(email.channel(), Channel::Email);
/// assert!(serde_json::from_str::<SenderAddress>(r#"{"sms":"0475123456"}"#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SenderAddress {
    /// An email address, for email and secure email.
    Email(EmailAddress),
    /// A mobile number in international form, for SMS.
    Sms(SmsSenderNumber),
}

impl SenderAddress {
    /// The channel of the address: [`Channel::Email`] or [`Channel::Sms`].
    ///
    /// ```
    /// use envoi::contacts::{Channel, EmailAddress};
    /// use envoi::senders::{SenderAddress, SmsSenderNumber};
    ///
    /// assert_eq!(SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?).channel(), Channel::Sms);
    /// assert_eq!(SenderAddress::Email(EmailAddress::parse("news@example.be")?).channel(), Channel::Email);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn channel(&self) -> Channel {
        match self {
            SenderAddress::Email(_) => Channel::Email,
            SenderAddress::Sms(_) => Channel::Sms,
        }
    }

    /// The address as text: the email address (its domain in lower case), or the number in E.164
    /// form.
    ///
    /// ```
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{SenderAddress, SmsSenderNumber};
    ///
    /// assert_eq!(SenderAddress::Sms(SmsSenderNumber::parse("0032 475 12 34 56")?).as_str(), "+32475123456");
    /// assert_eq!(SenderAddress::Email(EmailAddress::parse("News@Example.BE")?).as_str(), "News@example.be");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self {
            SenderAddress::Email(email) => email.as_str(),
            SenderAddress::Sms(number) => number.e164(),
        }
    }

    /// Whether this address may send on `channel`: email and secure email from an email address,
    /// SMS from a number; letters have no such sender.
    ///
    /// ```
    /// use envoi::contacts::{Channel, EmailAddress};
    /// use envoi::senders::SenderAddress;
    ///
    /// let email = SenderAddress::Email(EmailAddress::parse("news@example.be")?);
    /// assert!(email.sends(Channel::SecureEmail));
    /// assert!(!email.sends(Channel::Sms));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sends(&self, channel: Channel) -> bool {
        matches!(
            (self, channel),
            (
                SenderAddress::Email(_),
                Channel::Email | Channel::SecureEmail
            ) | (SenderAddress::Sms(_), Channel::Sms)
        )
    }
}

/// How an SMS sender's messages are segmented (SPEC section 5): the national language shift
/// tables it opted in to, and smart encoding. The default is neither.
///
/// ```
/// use envoi::senders::SmsSettings;
/// use envoi::sms::NationalLanguage;
///
/// let settings = SmsSettings { languages: vec![NationalLanguage::Portuguese], smart_encoding: true };
/// assert_eq!(serde_json::to_string(&settings)?, r#"{"languages":["portuguese"],"smart_encoding":true}"#);
/// assert_eq!(SmsSettings::default(), SmsSettings { languages: vec![], smart_encoding: false });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsSettings {
    /// The national languages whose shift tables this sender's messages may use, in order of
    /// preference on a tie; each at most once.
    pub languages: Vec<NationalLanguage>,
    /// Replace typographic look-alikes to stay in GSM-7.
    pub smart_encoding: bool,
}

/// Where a sender's verification stands (SPEC section 2).
///
/// In JSON, `{"state": "unverified"}`, `{"state": "pending", "challenge": {…}}` or
/// `{"state": "verified", "at": "…"}`.
///
/// ```
/// use envoi::senders::Verification;
/// use envoi::time::Instant;
///
/// assert_eq!(serde_json::to_string(&Verification::Unverified)?, r#"{"state":"unverified"}"#);
/// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
/// let verified = Verification::Verified { at };
/// assert_eq!(serde_json::to_string(&verified)?, r#"{"state":"verified","at":"2026-06-01T09:00:00Z"}"#);
/// assert_eq!(verified.name(), "verified");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Verification {
    /// No code confirmed yet, none sent.
    #[default]
    Unverified,
    /// A code was sent through the host's transport; the challenge checks it (attempts, expiry,
    /// single use).
    Pending {
        /// The key ring's challenge for the code sent.
        challenge: CodeChallenge,
    },
    /// The code was confirmed at this instant: the sender may send.
    Verified {
        /// When the code was confirmed.
        at: Instant,
    },
}

impl Verification {
    /// `"unverified"`, `"pending"` or `"verified"`.
    ///
    /// ```
    /// assert_eq!(envoi::senders::Verification::Unverified.name(), "unverified");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Verification::Unverified => "unverified",
            Verification::Pending { .. } => "pending",
            Verification::Verified { .. } => "verified",
        }
    }
}

/// A sender of an account: an email address or an SMS number, unverified until the code sent to
/// it comes back (SPEC section 2). Plain data with serde: the host stores it.
///
/// The states: unverified → pending ([`Sender::start_verification`] gives the code for the host to
/// send; starting again sends a new code and replaces the pending one, at most 5 starts within
/// 24 hours) → verified
/// ([`Sender::confirm`] with the right code). A wrong code, an expired code or too many attempts
/// are the key ring's `token.code_*` errors and leave the sender pending (the challenge counts the
/// attempts; the host stores the sender back after every call). The address cannot change: another
/// address is another sender, verified on its own; a code is bound to the address it was sent to,
/// so a stored sender whose address was edited cannot confirm with it.
///
/// A message uses a sender only through [`Sender::require_for`]: verified, and an address of the
/// message's channel (`senders.not_verified`, `senders.wrong_channel`).
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::ErrorCode;
/// use envoi::contacts::Channel;
/// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber};
/// use envoi::time::Instant;
/// use envoi::token::{CodePolicy, KeyRing};
///
/// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
/// let number = SmsSenderNumber::parse("+32 475 12 34 56")?;
/// let mut sender = Sender::new(12, 3, SenderAddress::Sms(number));
/// assert_eq!(sender.require_for(Channel::Sms).unwrap_err().code(), "senders.not_verified");
///
/// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
/// let code = sender.start_verification(&ring, "sender-3-1", at, TimeDelta::minutes(15),
///                                      &CodePolicy::default())?;
/// // The host sends `code` to +32475123456 by SMS; the person types it back.
/// sender.confirm(&ring, &code, at + TimeDelta::minutes(2))?;
/// assert!(sender.require_for(Channel::Sms).is_ok());
/// assert_eq!(sender.require_for(Channel::Email).unwrap_err().code(), "senders.wrong_channel");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SenderFields")]
pub struct Sender {
    account: u64,
    id: u64,
    address: SenderAddress,
    sms_settings: SmsSettings,
    verification: Verification,
    /// When the verifications of the last 24 hours were started (as of the last start), oldest
    /// first: what limits restarts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    verification_starts: Vec<Instant>,
}

/// A [`Sender`] as read from JSON, before its SMS settings are checked as
/// [`Sender::set_sms_settings`] checks them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SenderFields {
    account: u64,
    id: u64,
    address: SenderAddress,
    #[serde(default)]
    sms_settings: SmsSettings,
    #[serde(default)]
    verification: Verification,
    /// Absent from JSON written before restarts were limited: none known.
    #[serde(default)]
    verification_starts: Vec<Instant>,
}

impl TryFrom<SenderFields> for Sender {
    type Error = SenderError;

    fn try_from(fields: SenderFields) -> Result<Sender, SenderError> {
        let mut sender = Sender::new(fields.account, fields.id, fields.address);
        if fields.sms_settings != SmsSettings::default() {
            sender.set_sms_settings(fields.sms_settings)?;
        }
        sender.verification = fields.verification;
        sender.verification_starts = fields.verification_starts;
        sender.verification_starts.sort_unstable();
        Ok(sender)
    }
}

impl Sender {
    /// A new, unverified sender `id` of `account` (the host's ids) for `address`, with no national
    /// language table and no smart encoding.
    ///
    /// ```
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{Sender, SenderAddress, Verification};
    ///
    /// let sender = Sender::new(12, 4, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// assert_eq!((sender.account(), sender.id()), (12, 4));
    /// assert_eq!(sender.verification(), &Verification::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(account: u64, id: u64, address: SenderAddress) -> Sender {
        Sender {
            account,
            id,
            address,
            sms_settings: SmsSettings::default(),
            verification: Verification::Unverified,
            verification_starts: Vec::new(),
        }
    }

    /// The account (the host's id).
    ///
    /// ```
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{Sender, SenderAddress};
    ///
    /// let sender = Sender::new(12, 4, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// assert_eq!(sender.account(), 12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> u64 {
        self.account
    }

    /// The sender's id (the host's).
    ///
    /// ```
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{Sender, SenderAddress};
    ///
    /// let sender = Sender::new(12, 4, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// assert_eq!(sender.id(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The address it sends from.
    ///
    /// ```
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber};
    ///
    /// let sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("0032475123456")?));
    /// assert_eq!(sender.address().as_str(), "+32475123456");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn address(&self) -> &SenderAddress {
        &self.address
    }

    /// Its SMS settings (the default for an email sender).
    ///
    /// ```
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber, SmsSettings};
    ///
    /// let sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?));
    /// assert_eq!(sender.sms_settings(), &SmsSettings::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sms_settings(&self) -> &SmsSettings {
        &self.sms_settings
    }

    /// Where its verification stands.
    ///
    /// ```
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber, Verification};
    ///
    /// let sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?));
    /// assert_eq!(sender.verification(), &Verification::Unverified);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// Whether it is verified.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber};
    /// use envoi::token::{CodePolicy, KeyRing};
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let mut sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?));
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let code = sender.start_verification(&ring, "v-1", at, TimeDelta::minutes(15), &CodePolicy::default())?;
    /// assert!(!sender.is_verified()); // pending
    /// sender.confirm(&ring, &code, at)?;
    /// assert!(sender.is_verified());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_verified(&self) -> bool {
        matches!(self.verification, Verification::Verified { .. })
    }

    /// When the verifications of the last 24 hours (as of the last start) were started, oldest
    /// first: at most 5 ([`Sender::start_verification`] refuses a sixth).
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber};
    /// use envoi::time::Instant;
    /// use envoi::token::{CodePolicy, KeyRing};
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let mut sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?));
    /// assert!(sender.verification_starts().is_empty());
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// sender.start_verification(&ring, "v-1", at, TimeDelta::minutes(15), &CodePolicy::default())?;
    /// assert_eq!(sender.verification_starts(), [at]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verification_starts(&self) -> &[Instant] {
        &self.verification_starts
    }

    /// Sets the SMS settings of an SMS sender (changing them keeps the verification: they are not
    /// the address).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber, SmsSettings};
    /// use envoi::sms::NationalLanguage;
    ///
    /// let mut sms = Sender::new(1, 1, SenderAddress::Sms(SmsSenderNumber::parse("+351912345678")?));
    /// sms.set_sms_settings(SmsSettings { languages: vec![NationalLanguage::Portuguese], smart_encoding: true })?;
    /// let twice = SmsSettings { languages: vec![NationalLanguage::Spanish; 2], smart_encoding: false };
    /// assert_eq!(sms.set_sms_settings(twice).unwrap_err().code(), "senders.invalid_parameter");
    ///
    /// let mut email = Sender::new(1, 2, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// assert_eq!(email.set_sms_settings(SmsSettings::default()).unwrap_err().code(), "senders.wrong_channel");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SenderError::WrongChannel`] for an email sender; [`SenderError::InvalidParameter`] for a
    /// language given twice.
    pub fn set_sms_settings(&mut self, settings: SmsSettings) -> Result<(), SenderError> {
        if !self.address.sends(Channel::Sms) {
            return Err(self.wrong_channel(Channel::Sms));
        }
        for (index, language) in settings.languages.iter().enumerate() {
            if settings
                .languages
                .get(..index)
                .unwrap_or(&[])
                .contains(language)
            {
                return Err(SenderError::InvalidParameter {
                    field: "sms.languages",
                    value: language.name().to_owned(),
                    rule: "is given twice; each national language is listed once",
                });
            }
        }
        self.sms_settings = settings;
        Ok(())
    }

    /// The segmenter's options for a message of this sender: `base` (the engine's part limit,
    /// concatenation reference…) with this sender's national languages and smart encoding in place
    /// of `base`'s. The shift tables are an opt-in per sender (SPEC section 5): a table the sender
    /// did not opt in to is never used, whatever `base` says.
    ///
    /// ```
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber, SmsSettings};
    /// use envoi::sms::{analyze, Encoding, NationalLanguage, SmsOptions};
    ///
    /// let engine = SmsOptions { max_parts: 4, languages: vec![NationalLanguage::Turkish], ..SmsOptions::default() };
    /// let mut sender = Sender::new(1, 1, SenderAddress::Sms(SmsSenderNumber::parse("+351912345678")?));
    /// assert!(sender.sms_options(&engine).languages.is_empty()); // no opt-in, no table
    ///
    /// sender.set_sms_settings(SmsSettings { languages: vec![NationalLanguage::Portuguese], smart_encoding: false })?;
    /// let options = sender.sms_options(&engine);
    /// assert_eq!((options.max_parts, options.languages.clone()), (4, vec![NationalLanguage::Portuguese]));
    /// assert_eq!(analyze("Olá, João! Até amanhã às 9h.", &options)?.encoding, Encoding::Gsm7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sms_options(&self, base: &SmsOptions) -> SmsOptions {
        SmsOptions {
            languages: self.sms_settings.languages.clone(),
            smart_encoding: self.sms_settings.smart_encoding,
            ..base.clone()
        }
    }

    /// Starts (or restarts) the verification: a one-time code for the host to send to the address
    /// through its own transport (email or SMS), valid for `validity` (1 minute to 1 day) under
    /// `policy` (length, attempts). The sender becomes pending; a code sent before is replaced.
    ///
    /// `challenge_id` is the host's unique id of this attempt (its record id or a random nonce, 1
    /// to 111 bytes): the same inputs give the same code, another id another code. The code is
    /// derived with the ring's active key for [`Purpose::SenderVerification`] about the account,
    /// the sender id and the sender's **address**: the stored challenge id is a digest of the
    /// address (16 hexadecimal digits of SHA-256), `:` and the host's id, so a code sent to one
    /// address never confirms a sender whose stored address was changed since
    /// (`senders.challenge_mismatch`).
    ///
    /// At most 5 verifications start within 24 hours (each start gives fresh attempts, so without
    /// a limit the attempt limit would be worth nothing): the sixth start within 24 hours of the
    /// first of them is refused with `senders.too_many_verifications`, saying when the next is
    /// allowed (24 hours after the oldest of the five). The starts are kept in the sender.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::contacts::EmailAddress;
    /// use envoi::senders::{Sender, SenderAddress};
    /// use envoi::token::{CodePolicy, KeyRing};
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let mut sender = Sender::new(12, 4, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let code = sender.start_verification(&ring, "v-1", at, TimeDelta::minutes(30), &CodePolicy::default())?;
    /// assert_eq!(code.len(), 6);
    /// assert_eq!(sender.verification().name(), "pending");
    /// let error = sender.start_verification(&ring, "v-2", at, TimeDelta::days(2), &CodePolicy::default());
    /// assert_eq!(error.unwrap_err().code(), "senders.invalid_parameter");
    ///
    /// // Four more starts the same day, then a sixth is refused.
    /// for n in 2..=5 {
    ///     sender.start_verification(&ring, &format!("v-{n}"), at, TimeDelta::minutes(30), &CodePolicy::default())?;
    /// }
    /// let error = sender.start_verification(&ring, "v-6", at, TimeDelta::minutes(30), &CodePolicy::default());
    /// assert_eq!(error.unwrap_err().code(), "senders.too_many_verifications");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SenderError::AlreadyVerified`]; [`SenderError::InvalidParameter`] for the validity; the
    /// key ring's `token.invalid_argument` (policy, a challenge id empty or longer than 111 bytes);
    /// [`SenderError::TooManyVerifications`]; the key ring's `token.invalid_time`.
    pub fn start_verification(
        &mut self,
        ring: &KeyRing,
        challenge_id: &str,
        at: Instant,
        validity: TimeDelta,
        policy: &CodePolicy,
    ) -> Result<String, SenderError> {
        if let Verification::Verified { at: verified_at } = self.verification {
            return Err(SenderError::AlreadyVerified {
                sender: self.id,
                at: verified_at,
            });
        }
        let in_range = validity >= TimeDelta::seconds(MIN_CODE_VALIDITY_SECONDS)
            && validity <= TimeDelta::seconds(MAX_CODE_VALIDITY_SECONDS);
        let (true, Some(expires_at)) = (in_range, at.checked_add_signed(validity)) else {
            return Err(SenderError::InvalidParameter {
                field: "validity",
                value: format!("{} seconds", validity.num_seconds()),
                rule: "is out of range: a verification code is valid 1 minute to 1 day",
            });
        };
        policy.check()?;
        if challenge_id.is_empty() || challenge_id.len() > MAX_HOST_CHALLENGE_ID_LEN {
            return Err(SenderError::Token(TokenError::InvalidArgument {
                field: "challenge_id",
                value: challenge_id.chars().take(40).collect(),
                rule: "must have 1 to 111 bytes: the host's unique id of the verification (the sender adds its address digest)",
            }));
        }
        let window = TimeDelta::hours(VERIFICATION_WINDOW_HOURS);
        // A start counts while it is less than 24 hours old (or after `at`, on a clock that went
        // back).
        let recent: Vec<Instant> = self
            .verification_starts
            .iter()
            .copied()
            .filter(|start| at.signed_duration_since(*start) < window)
            .collect();
        if recent.len() >= MAX_VERIFICATIONS_PER_WINDOW {
            let oldest = recent.iter().min().copied().unwrap_or(at);
            return Err(SenderError::TooManyVerifications {
                sender: self.id,
                count: recent.len(),
                next_allowed_at: oldest
                    .checked_add_signed(window)
                    .unwrap_or(Instant::MAX_UTC),
            });
        }
        let bound_id = format!("{}:{challenge_id}", address_digest(&self.address));
        let (code, challenge) = ring.issue_code(
            Purpose::SenderVerification,
            &self.claims(),
            &bound_id,
            at,
            expires_at,
            policy,
        )?;
        self.verification = Verification::Pending { challenge };
        self.verification_starts = recent;
        self.verification_starts.push(at);
        self.verification_starts.sort_unstable();
        Ok(code)
    }

    /// Confirms the code the person typed, at `at`. The right code verifies the sender; any
    /// refusal leaves it pending with the attempt counted (store the sender back either way).
    ///
    /// The stored challenge must be this sender's: its account, its id and its current address
    /// (see [`Sender::start_verification`]); otherwise `senders.challenge_mismatch` and no attempt
    /// is used. A challenge stored before codes were bound to the address has no address digest
    /// and is refused the same way: start a new verification.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::senders::{Sender, SenderAddress, SmsSenderNumber, Verification};
    /// use envoi::time::Instant;
    /// use envoi::token::{CodePolicy, KeyRing};
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let mut sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("+32475123456")?));
    /// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
    /// let code = sender.start_verification(&ring, "v-1", at, TimeDelta::minutes(15), &CodePolicy::default())?;
    /// let wrong = if code == "000000" { "000001" } else { "000000" };
    /// assert_eq!(sender.confirm(&ring, wrong, at).unwrap_err().code(), "token.code_mismatch");
    /// let late = at + TimeDelta::minutes(15);
    /// assert_eq!(sender.confirm(&ring, &code, late).unwrap_err().code(), "token.code_expired");
    /// sender.confirm(&ring, &code, at + TimeDelta::minutes(1))?;
    /// assert_eq!(sender.verification(), &Verification::Verified { at: at + TimeDelta::minutes(1) });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SenderError::AlreadyVerified`], [`SenderError::NoPendingVerification`], the key ring's
    /// `token.code_*` refusals, [`SenderError::ChallengeMismatch`].
    pub fn confirm(&mut self, ring: &KeyRing, code: &str, at: Instant) -> Result<(), SenderError> {
        let claims = self.claims();
        let challenge = match &mut self.verification {
            Verification::Verified { at: verified_at } => {
                return Err(SenderError::AlreadyVerified {
                    sender: self.id,
                    at: *verified_at,
                });
            }
            Verification::Unverified => {
                return Err(SenderError::NoPendingVerification { sender: self.id });
            }
            Verification::Pending { challenge } => challenge,
        };
        if challenge.claims != claims {
            return Err(SenderError::ChallengeMismatch {
                sender: self.id,
                found_account: challenge.claims.account,
                found_sender: challenge.claims.recipient,
            });
        }
        let digest = address_digest(&self.address);
        let bound = challenge
            .challenge_id
            .split_once(':')
            .is_some_and(|(found, _)| found == digest);
        if !bound {
            return Err(SenderError::ChallengeForAnotherAddress {
                sender: self.id,
                address: self.address.as_str().to_owned(),
            });
        }
        ring.check_code(Purpose::SenderVerification, challenge, code, at)?;
        self.verification = Verification::Verified { at };
        Ok(())
    }

    /// Checks that a message on `channel` may use this sender: its address sends on that channel
    /// and it is verified.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::contacts::{Channel, EmailAddress};
    /// use envoi::senders::{Sender, SenderAddress};
    ///
    /// let sender = Sender::new(12, 4, SenderAddress::Email(EmailAddress::parse("news@example.be")?));
    /// let error = sender.require_for(Channel::Email).unwrap_err();
    /// assert_eq!(error.code(), "senders.not_verified");
    /// assert_eq!(error.to_string(),
    ///     "sender 4: not verified (unverified); a message can only use a verified sender: confirm the code sent to it first");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SenderError::WrongChannel`], then [`SenderError::NotVerified`].
    pub fn require_for(&self, channel: Channel) -> Result<(), SenderError> {
        if !self.address.sends(channel) {
            return Err(self.wrong_channel(channel));
        }
        if !self.is_verified() {
            return Err(SenderError::NotVerified {
                sender: self.id,
                state: self.verification.name(),
            });
        }
        Ok(())
    }

    /// What a verification code proves: this account's sender (the sender id in `recipient`, the
    /// id of whom the code was sent to).
    fn claims(&self) -> Claims {
        Claims {
            account: Some(self.account),
            recipient: Some(self.id),
            ..Claims::default()
        }
    }

    fn wrong_channel(&self, channel: Channel) -> SenderError {
        SenderError::WrongChannel {
            sender: self.id,
            address: self.address.channel(),
            channel,
        }
    }
}

/// The first 64 bits of SHA-256 over the address (its channel and text), in 16 lower-case
/// hexadecimal digits: what binds a verification code to the address it was sent to.
fn address_digest(address: &SenderAddress) -> String {
    let mut hasher = Sha256::new();
    hasher.update(ADDRESS_DIGEST_LABEL);
    hasher.update(address.channel().as_str().as_bytes());
    hasher.update([0]);
    hasher.update(address.as_str().as_bytes());
    let digest = hasher.finalize();
    let mut text = String::with_capacity(16);
    for byte in digest.iter().take(8) {
        let _ = write!(text, "{byte:02x}");
    }
    text
}
