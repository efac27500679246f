use thiserror::Error;

use crate::contacts::{Channel, ContactError, PhoneKind};
use crate::error::ErrorCode;
use crate::time::Instant;
use crate::token::TokenError;

/// Why a sender, its number or its verification was refused.
///
/// Every variant names the value and the rule; [`ErrorCode::code`] gives the stable code
/// (`senders.not_international`, `senders.not_verified`…). A number that is not a valid phone
/// number at all keeps the contacts code (`contacts.invalid_phone`, with the reason), and a
/// verification code refused by the key ring keeps its `token.*` code (`token.code_mismatch`,
/// `token.code_expired`, `token.code_locked`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::senders::SmsSenderNumber;
///
/// let error = SmsSenderNumber::parse("John Tel").unwrap_err();
/// assert_eq!(error.code(), "senders.alphanumeric_sender");
/// assert_eq!(
///     error.to_string(),
///     "sender \"John Tel\": an alphanumeric sender is refused: it is not accepted in every country \
///      and the recipient cannot reply; use a mobile number in international form, such as +32475123456"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SenderError {
    /// An SMS sender number written in a national form (`0475123456`) or without any prefix: a
    /// sender number is accepted only in international form (SPEC section 2).
    #[error(
        "sender number {value:?}: not in international form; write + and the country code, then the number without its national 0{}",
        .suggestion.as_ref().map_or_else(
            || " (+32 for Belgium, +33 for France…)".to_owned(),
            |suggestion| format!(": {suggestion}"),
        )
    )]
    NotInternational {
        /// The text as given (cut to 64 characters).
        value: String,
        /// The international form, when the text reads as a Belgian mobile number.
        suggestion: Option<String>,
    },
    /// An alphanumeric sender (`John Tel`): refused, with the SPEC's reason.
    #[error(
        "sender {value:?}: an alphanumeric sender is refused: it is not accepted in every country and the recipient cannot reply; use a mobile number in international form, such as +32475123456"
    )]
    AlphanumericSender {
        /// The text as given (cut to 64 characters).
        value: String,
    },
    /// A valid number that does not accept SMS
    /// ([`PhoneKind::accepts_sms`](crate::contacts::PhoneKind::accepts_sms): a fixed line, a
    /// freephone number…): an SMS sender is a mobile the recipient can reply to.
    #[error(
        "sender number {number}: a {} number, not a mobile number; an SMS sender must be a mobile number",
        kind_name(*.kind)
    )]
    NotMobile {
        /// The number in E.164 form.
        number: String,
        /// The kind of line its numbering plan gives.
        kind: PhoneKind,
    },
    /// A message asked to use a sender that is not verified (SPEC section 2).
    #[error(
        "sender {sender}: not verified ({state}); a message can only use a verified sender: confirm the code sent to it first"
    )]
    NotVerified {
        /// The sender's id.
        sender: u64,
        /// `unverified` or `pending` (a code was sent, not confirmed yet).
        state: &'static str,
    },
    /// A sender used for a channel its address cannot send on (an email address for SMS…).
    #[error("sender {sender}: an {address} sender cannot send {channel}")]
    WrongChannel {
        /// The sender's id.
        sender: u64,
        /// The channel of the sender's address (`email` or `sms`).
        address: Channel,
        /// The channel asked for.
        channel: Channel,
    },
    /// A verification started for a sender that is already verified.
    #[error("sender {sender}: already verified at {at}")]
    AlreadyVerified {
        /// The sender's id.
        sender: u64,
        /// When it was verified.
        at: Instant,
    },
    /// A code confirmed for a sender without a verification in progress.
    #[error("sender {sender}: no verification in progress; send a code first")]
    NoPendingVerification {
        /// The sender's id.
        sender: u64,
    },
    /// The stored challenge is not this sender's (another account or sender id): the stored data
    /// was mixed up, and nothing is verified.
    #[error(
        "sender {sender}: the stored verification is for another sender (account {found_account:?}, sender {found_sender:?})"
    )]
    ChallengeMismatch {
        /// The sender's id.
        sender: u64,
        /// The account the challenge names.
        found_account: Option<u64>,
        /// The sender the challenge names.
        found_sender: Option<u64>,
    },
    /// The stored challenge was made for another address than the sender's current one (the
    /// stored address was changed after the code was sent, or the challenge predates address
    /// binding): the code proves nothing about this address, and nothing is verified.
    #[error(
        "sender {sender}: the stored verification code was sent to another address than {address}; send a new code to this address"
    )]
    ChallengeForAnotherAddress {
        /// The sender's id.
        sender: u64,
        /// The sender's current address (email address or E.164 number).
        address: String,
    },
    /// Too many verifications started within 24 hours: each start gives fresh attempts, so
    /// restarts are limited too.
    #[error(
        "sender {sender}: {count} verification codes sent within 24 hours, the most allowed; the next can be sent from {next_allowed_at}"
    )]
    TooManyVerifications {
        /// The sender's id.
        sender: u64,
        /// The starts within the last 24 hours.
        count: usize,
        /// When the next start is allowed: 24 hours after the oldest of them.
        next_allowed_at: Instant,
    },
    /// A parameter out of its range (the code's validity, the SMS settings).
    #[error("{field}: {value} {rule}")]
    InvalidParameter {
        /// The parameter (`validity`, `sms.languages`).
        field: &'static str,
        /// The value as given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// The number or email address is not valid at all (`contacts.invalid_phone`,
    /// `contacts.invalid_email`), with the reason.
    #[error(transparent)]
    Contact(#[from] ContactError),
    /// The key ring refused to issue or check the verification code (`token.*`: wrong code,
    /// expired, locked, already used…).
    #[error(transparent)]
    Token(#[from] TokenError),
}

fn kind_name(kind: PhoneKind) -> &'static str {
    match kind {
        PhoneKind::Mobile => "mobile",
        PhoneKind::FixedLine => "fixed-line",
        PhoneKind::FixedLineOrMobile => "fixed-line-or-mobile (its numbering plan cannot tell)",
        PhoneKind::TollFree => "freephone",
        PhoneKind::PremiumRate => "premium-rate",
        PhoneKind::SharedCost => "shared-cost",
        PhoneKind::Voip => "voice-over-IP",
        PhoneKind::PersonalNumber => "personal",
        PhoneKind::Pager => "pager",
        _ => "non-mobile",
    }
}

impl ErrorCode for SenderError {
    fn code(&self) -> &'static str {
        match self {
            SenderError::NotInternational { .. } => "senders.not_international",
            SenderError::AlphanumericSender { .. } => "senders.alphanumeric_sender",
            SenderError::NotMobile { .. } => "senders.not_mobile",
            SenderError::NotVerified { .. } => "senders.not_verified",
            SenderError::WrongChannel { .. } => "senders.wrong_channel",
            SenderError::AlreadyVerified { .. } => "senders.already_verified",
            SenderError::NoPendingVerification { .. } => "senders.no_pending_verification",
            SenderError::ChallengeMismatch { .. }
            | SenderError::ChallengeForAnotherAddress { .. } => "senders.challenge_mismatch",
            SenderError::TooManyVerifications { .. } => "senders.too_many_verifications",
            SenderError::InvalidParameter { .. } => "senders.invalid_parameter",
            SenderError::Contact(error) => error.code(),
            SenderError::Token(error) => error.code(),
        }
    }
}
