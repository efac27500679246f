use chrono::TimeDelta;
use thiserror::Error;

use crate::error::ErrorCode;
use crate::time::Instant;
use crate::token::{TokenError, TokenId};

/// Why a login, a lockout policy or a password reset was refused.
///
/// Every variant names the field, the value and the rule; [`ErrorCode::code`] gives the stable code
/// (`security.account_locked`, `security.credential_changed`…). A reset token that does not verify
/// as a token (forged, altered, expired, another purpose) keeps the key ring's own code
/// (`token.bad_tag`, `token.expired`, `token.wrong_purpose`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::security::SecurityError;
///
/// let error = SecurityError::CredentialChanged { token_version: 3, current_version: 4 };
/// assert_eq!(error.code(), "security.credential_changed");
/// assert_eq!(
///     error.to_string(),
///     "credential: the reset link was made for credential version 3, the account is at version 4; \
///      the password changed since, which cancels every earlier reset link"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SecurityError {
    /// A policy or reset parameter out of its range (zero, negative, a fraction of a second, too
    /// long).
    #[error("{field}: {value} {rule}")]
    InvalidParameter {
        /// The parameter (`max_failures`, `window`, `first_lock`, `cap`, `validity`).
        field: &'static str,
        /// The value as given (durations in seconds).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A lockout policy whose cap is shorter than its first lock.
    #[error(
        "cap: {cap_seconds} seconds must be at least first_lock ({first_lock_seconds} seconds)"
    )]
    CapBelowFirstLock {
        /// The cap, in seconds.
        cap_seconds: i64,
        /// The first lock, in seconds.
        first_lock_seconds: i64,
    },
    /// The account is locked after repeated failed logins: no login is tried until `locked_until`.
    #[error(
        "login: locked until {locked_until} ({} seconds left) after repeated failed logins; try again then",
        seconds_left(*.remaining)
    )]
    AccountLocked {
        /// The lock ends at this instant (a login is allowed from then on).
        locked_until: Instant,
        /// The time left, from the instant of the check.
        remaining: TimeDelta,
    },
    /// A valid password-reset token of an earlier (or another) credential version: the password
    /// changed since it was issued.
    #[error(
        "credential: the reset link was made for credential version {token_version}, the account is at version {current_version}; the password changed since, which cancels every earlier reset link"
    )]
    CredentialChanged {
        /// The version in the token.
        token_version: u32,
        /// The account's current version.
        current_version: u32,
    },
    /// A valid password-reset token that was already used once (its id is in the host's record).
    #[error("reset link: {token_id} was already used; a reset link works once, ask for a new one")]
    ResetTokenUsed {
        /// The token's id.
        token_id: TokenId,
    },
    /// A password-reset token for another account than the one resetting.
    #[error("account: the reset link is for account {token_account}, not account {account}")]
    WrongAccount {
        /// The account the token names.
        token_account: u64,
        /// The account that asked.
        account: u64,
    },
    /// A correctly signed password-reset token that lacks a claim [`PasswordReset::issue`] always
    /// writes (the account, the credential version or the expiry): not made by it.
    ///
    /// [`PasswordReset::issue`]: super::PasswordReset::issue
    #[error(
        "reset link: the token has no {missing}; a password-reset token carries the account, the credential version and an expiry"
    )]
    ResetTokenIncomplete {
        /// The missing part: `account`, `credential` or `expires_at`.
        missing: &'static str,
    },
    /// The token machinery refused: the reset token does not verify (forged, altered, expired,
    /// another purpose, unknown key…) or could not be issued. The code is the key ring's
    /// (`token.*`).
    #[error(transparent)]
    Token(#[from] TokenError),
}

/// Whole seconds left, rounded up (a lock with half a second left still says 1).
fn seconds_left(remaining: TimeDelta) -> i64 {
    let seconds = remaining.num_seconds();
    if remaining.subsec_nanos() > 0 {
        seconds.saturating_add(1)
    } else {
        seconds
    }
}

impl ErrorCode for SecurityError {
    fn code(&self) -> &'static str {
        match self {
            SecurityError::InvalidParameter { .. } | SecurityError::CapBelowFirstLock { .. } => {
                "security.invalid_parameter"
            }
            SecurityError::AccountLocked { .. } => "security.account_locked",
            SecurityError::CredentialChanged { .. } => "security.credential_changed",
            SecurityError::ResetTokenUsed { .. } => "security.reset_token_used",
            SecurityError::WrongAccount { .. } => "security.wrong_account",
            SecurityError::ResetTokenIncomplete { .. } => "security.reset_token_incomplete",
            SecurityError::Token(error) => error.code(),
        }
    }
}
