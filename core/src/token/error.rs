use thiserror::Error;

use crate::error::ErrorCode;
use crate::time::Instant;

use super::Purpose;

/// Why a token, a key ring or a one-time code was refused.
///
/// Every variant names what was wrong, the value and the rule; [`ErrorCode::code`] gives the stable
/// code (`token.bad_tag`, `token.expired`…). A token that fails to verify gets exactly one reason, the
/// first check it fails in the documented order (see the [module documentation](super)): decoding,
/// length, version, key id, tag, canonical payload, purpose, expiry.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::token::{Purpose, TokenError};
///
/// let error = TokenError::WrongPurpose { expected: Purpose::Click, found: Purpose::Open };
/// assert_eq!(error.code(), "token.wrong_purpose");
/// assert_eq!(error.to_string(), "token: made for open, refused for click");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token text is not URL-safe base64 without padding (a character outside `A–Z a–z 0–9 - _`,
    /// padding `=`, an impossible length, or non-zero unused bits in the last character).
    #[error("token: not URL-safe base64 without padding: {reason}")]
    BadBase64 {
        /// What is wrong and where (character position in the text).
        reason: String,
    },
    /// The token is too short or too long to be a token of this format.
    #[error("token: {length} {unit}, a token has {min} to {max} {unit}")]
    WrongLength {
        /// The length found.
        length: usize,
        /// `"characters"` (of the text, checked before decoding) or `"bytes"` (decoded).
        unit: &'static str,
        /// The shortest possible token in this unit.
        min: usize,
        /// The longest possible token in this unit.
        max: usize,
    },
    /// The token starts with a format version this envoi does not read.
    #[error("token: version {version} is not supported (this envoi reads version {supported})")]
    UnsupportedVersion {
        /// The version byte found.
        version: u8,
        /// The version this envoi reads and writes.
        supported: u8,
    },
    /// The token names a key id that is not in the key ring (never added, or removed).
    #[error("key id {key_id}: not in the key ring (never added or removed)")]
    UnknownKey {
        /// The key id.
        key_id: u8,
    },
    /// The authentication tag does not match: the token was altered or forged, or signed with another
    /// secret under the same key id.
    #[error(
        "token: the tag does not match key {key_id} (altered, forged or signed with another secret)"
    )]
    BadTag {
        /// The key id the token names.
        key_id: u8,
    },
    /// The token's tag is right but its payload is not the one canonical encoding `issue` writes
    /// (a varint with superfluous bytes or out of its type's range, an unused flag bit, trailing
    /// bytes, an unknown purpose byte, a time out of range).
    #[error("token: {field} is not canonically encoded: {rule}")]
    NonCanonical {
        /// The part of the payload (`flags`, `account`, `issued_at`…).
        field: &'static str,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// The token was made for another purpose.
    #[error("token: made for {found}, refused for {expected}")]
    WrongPurpose {
        /// The purpose the caller verifies for.
        expected: Purpose,
        /// The purpose the token was made for.
        found: Purpose,
    },
    /// The token has expired: it is valid strictly before its expiry instant.
    #[error(
        "token: expired at {expires_at} (now {now}); a token is valid strictly before its expiry"
    )]
    Expired {
        /// The token's expiry.
        expires_at: Instant,
        /// The time of the verification.
        now: Instant,
    },
    /// A purpose name that is not one of envoi's purposes.
    #[error(
        "purpose: {value:?} is not a purpose; use open, click, approval, sender_verification, password_reset or secure_email"
    )]
    UnknownPurpose {
        /// The name as given (cut to 40 characters).
        value: String,
    },
    /// A key shorter than [`MIN_KEY_LENGTH`](super::MIN_KEY_LENGTH) bytes.
    #[error(
        "key id {key_id}: {length} bytes, a key needs at least {min} bytes (256 bits) of secret"
    )]
    KeyTooShort {
        /// The key id.
        key_id: u8,
        /// The key's length in bytes.
        length: usize,
        /// The minimum length in bytes.
        min: usize,
    },
    /// Two keys with the same id given to [`KeyRing::new`](super::KeyRing::new).
    #[error("key id {key_id}: given twice; each key id names one key")]
    DuplicateKey {
        /// The key id.
        key_id: u8,
    },
    /// The active key id given to [`KeyRing::new`](super::KeyRing::new) is not among the keys.
    #[error(
        "active key id {key_id}: not among the keys given; the active key signs and must be in the ring"
    )]
    ActiveKeyMissing {
        /// The active key id asked for.
        key_id: u8,
    },
    /// A time given to `issue` (or `issue_code`) that a token cannot carry.
    #[error("{field}: {value} {rule}")]
    InvalidTime {
        /// `issued_at` or `expires_at`.
        field: &'static str,
        /// The instant as given.
        value: Instant,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A parameter out of its range (tag length, code length, attempts, challenge id).
    #[error("{field}: {value} {rule}")]
    InvalidArgument {
        /// The parameter (`tag_length`, `max_attempts`, `challenge_id`…).
        field: &'static str,
        /// The value as given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A one-time code typed with characters outside its alphabet or of the wrong length. It does
    /// not use an attempt: it cannot be a guess.
    #[error("code: {reason}; no attempt was used")]
    CodeMalformed {
        /// What is wrong with it.
        reason: String,
    },
    /// A wrong one-time code; the attempt was counted.
    #[error("code: wrong code, {attempts_left} attempts left")]
    CodeMismatch {
        /// Attempts left before the challenge locks.
        attempts_left: u32,
    },
    /// The one-time code's challenge has expired.
    #[error("code: expired at {expires_at} (now {now}); ask for a new code")]
    CodeExpired {
        /// The challenge's expiry.
        expires_at: Instant,
        /// The time of the check.
        now: Instant,
    },
    /// The challenge is locked: all its attempts were used on wrong codes.
    #[error("code: locked after {attempts} wrong attempts; ask for a new code")]
    CodeLocked {
        /// The number of attempts the challenge allowed (all used).
        attempts: u32,
    },
    /// The challenge's code was already used once (a code is single use).
    #[error("code: already used; a code opens once, ask for a new code")]
    CodeUsed,
}

impl ErrorCode for TokenError {
    fn code(&self) -> &'static str {
        match self {
            TokenError::BadBase64 { .. } => "token.bad_base64",
            TokenError::WrongLength { .. } => "token.wrong_length",
            TokenError::UnsupportedVersion { .. } => "token.unsupported_version",
            TokenError::UnknownKey { .. } => "token.unknown_key",
            TokenError::BadTag { .. } => "token.bad_tag",
            TokenError::NonCanonical { .. } => "token.non_canonical",
            TokenError::WrongPurpose { .. } => "token.wrong_purpose",
            TokenError::Expired { .. } => "token.expired",
            TokenError::UnknownPurpose { .. } => "token.unknown_purpose",
            TokenError::KeyTooShort { .. } => "token.key_too_short",
            TokenError::DuplicateKey { .. } => "token.duplicate_key",
            TokenError::ActiveKeyMissing { .. } => "token.active_key_missing",
            TokenError::InvalidTime { .. } => "token.invalid_time",
            TokenError::InvalidArgument { .. } => "token.invalid_argument",
            TokenError::CodeMalformed { .. } => "token.code_malformed",
            TokenError::CodeMismatch { .. } => "token.code_mismatch",
            TokenError::CodeExpired { .. } => "token.code_expired",
            TokenError::CodeLocked { .. } => "token.code_locked",
            TokenError::CodeUsed => "token.code_used",
        }
    }
}
