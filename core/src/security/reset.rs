//! Password reset (SPEC section 1): single-use, expiring signed tokens that embed the account's
//! credential version.

use chrono::TimeDelta;
use serde::Serialize;

use crate::time::Instant;
use crate::token::{Claims, KeyRing, Purpose, TokenError, TokenId};

use super::SecurityError;

/// The shortest validity of a reset token: one minute.
const MIN_VALIDITY_SECONDS: i64 = 60;
/// The longest validity of a reset token: seven days.
const MAX_VALIDITY_SECONDS: i64 = 7 * 24 * 3600;

/// Password-reset tokens: issue one for an account, and later accept it once.
///
/// A reset token is a [`Purpose::PasswordReset`] token of the key ring carrying the account and its
/// **credential version**: a number the host keeps per account and increments at every password
/// change (by reset or otherwise). A token is accepted only while its version is the account's
/// current one, so any password change cancels every reset link issued before it. It expires
/// (validity 1 minute to 7 days), and it is single use: the host stores the
/// [`TokenId`] of an accepted token until the token's expiry and answers `already_used` from that
/// record (after the expiry the token refuses itself and the record can go). Since the first use
/// changes the password, the version check alone already refuses a second use once the new
/// password is saved; the record covers the time in between and a use that did not end in a change.
///
/// Two steps, because the account comes from the token: [`PasswordReset::read`] checks the token
/// and says which account it is for; the host loads that account's current version and used ids,
/// and [`ResetToken::accept`] decides. [`PasswordReset::verify`] does both for a host that knows
/// the account already.
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::ErrorCode;
/// use envoi::security::PasswordReset;
/// use envoi::time::Instant;
/// use envoi::token::KeyRing;
///
/// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
/// let at: Instant = "2026-06-01T09:00:00Z".parse()?;
/// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
///
/// let later = at + TimeDelta::minutes(20);
/// let token = PasswordReset::read(&ring, &link, later)?;
/// assert_eq!((token.account(), token.credential_version()), (1234, 7));
/// let used_id = token.accept(7, false, later)?; // the host stores it, then saves the new password as version 8
///
/// assert_eq!(token.accept(7, true, later).unwrap_err().code(), "security.reset_token_used");
/// assert_eq!(token.accept(8, false, later).unwrap_err().code(), "security.credential_changed");
/// let expired = PasswordReset::read(&ring, &link, at + TimeDelta::hours(1)).unwrap_err();
/// assert_eq!(expired.code(), "token.expired");
/// # let _ = used_id;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PasswordReset;

/// A password-reset token that verified (authentic, for password reset, not expired when read),
/// before the host's checks of [`ResetToken::accept`].
///
/// Only [`PasswordReset::read`] and [`PasswordReset::verify`] make one: its fields are private and
/// it cannot be read from JSON, so a host cannot forge an accepted token from stored or sent data.
/// It can be written as JSON (for a log line: the account, the version, the id and the instants,
/// nothing secret).
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::security::PasswordReset;
/// use envoi::token::KeyRing;
///
/// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
/// let at = "2026-06-01T09:00:00Z".parse()?;
/// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
/// let token = PasswordReset::read(&ring, &link, at)?;
/// assert_eq!((token.account(), token.credential_version()), (1234, 7));
/// assert_eq!((token.issued_at(), token.expires_at()), (at, at + TimeDelta::hours(1)));
/// let json = serde_json::to_string(&token)?;
/// assert!(json.starts_with(r#"{"account":1234,"credential_version":7,"token_id":""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// No host can make one from JSON:
///
/// ```compile_fail
/// let token: envoi::security::ResetToken = serde_json::from_str("{}").unwrap();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ResetToken {
    /// The account whose password the token resets.
    account: u64,
    /// The account's credential version when the token was issued.
    credential_version: u32,
    /// The token's stable id: what the host stores once the token is used.
    token_id: TokenId,
    /// When it was issued, to the whole second.
    issued_at: Instant,
    /// It is valid strictly before this instant.
    expires_at: Instant,
}

impl PasswordReset {
    /// A reset token for `account` at its current `credential_version`, issued at `issued_at` and
    /// valid for `validity` (1 minute to 7 days; times to the whole second, rounded down), signed
    /// with the ring's active key. Its text is URL-safe: put it in the reset link as is.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    /// let error = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::days(30)).unwrap_err();
    /// assert_eq!(error.code(), "security.invalid_parameter");
    /// assert_eq!(error.to_string(), "validity: 2592000 seconds is out of range: a reset link is valid 1 minute to 7 days");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::InvalidParameter`] for a validity out of range; the key ring's
    /// `token.invalid_time` for an `issued_at` before 2025.
    pub fn issue(
        ring: &KeyRing,
        account: u64,
        credential_version: u32,
        issued_at: Instant,
        validity: TimeDelta,
    ) -> Result<String, SecurityError> {
        let in_range = validity >= TimeDelta::seconds(MIN_VALIDITY_SECONDS)
            && validity <= TimeDelta::seconds(MAX_VALIDITY_SECONDS);
        let expires_at = issued_at.checked_add_signed(validity);
        let (true, Some(expires_at)) = (in_range, expires_at) else {
            return Err(SecurityError::InvalidParameter {
                field: "validity",
                value: format!("{} seconds", validity.num_seconds()),
                rule: "is out of range: a reset link is valid 1 minute to 7 days",
            });
        };
        let claims = Claims {
            account: Some(account),
            credential: Some(credential_version),
            ..Claims::default()
        };
        Ok(ring.issue(Purpose::PasswordReset, &claims, issued_at, Some(expires_at))?)
    }

    /// Checks a reset token at `now`: authentic, made for password reset, not expired, and carrying
    /// what [`PasswordReset::issue`] writes. Says which account and credential version it is for;
    /// the host then calls [`ResetToken::accept`].
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::{Claims, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// // A token of another purpose is refused.
    /// let click = ring.issue(Purpose::Click, &Claims { account: Some(1), credential: Some(1), ..Claims::default() },
    ///                        at, None)?;
    /// assert_eq!(PasswordReset::read(&ring, &click, at).unwrap_err().code(), "token.wrong_purpose");
    /// // A password-reset token without a credential version was not made by `issue`.
    /// let bare = ring.issue(Purpose::PasswordReset, &Claims { account: Some(1), ..Claims::default() },
    ///                       at, Some(at + TimeDelta::hours(1)))?;
    /// assert_eq!(PasswordReset::read(&ring, &bare, at).unwrap_err().code(), "security.reset_token_incomplete");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The key ring's `token.*` refusal (see [`KeyRing::verify`]: forged or altered, unknown key,
    /// another purpose, expired…); [`SecurityError::ResetTokenIncomplete`].
    pub fn read(ring: &KeyRing, token: &str, now: Instant) -> Result<ResetToken, SecurityError> {
        let verified = ring.verify(Purpose::PasswordReset, token, now)?;
        let missing = |missing| SecurityError::ResetTokenIncomplete { missing };
        Ok(ResetToken {
            account: verified.claims.account.ok_or(missing("account"))?,
            credential_version: verified.claims.credential.ok_or(missing("credential"))?,
            token_id: verified.token_id,
            issued_at: verified.issued_at,
            expires_at: verified.expires_at.ok_or(missing("expires_at"))?,
        })
    }

    /// [`PasswordReset::read`] then [`ResetToken::accept`], for a host that knows the account
    /// resetting (`account`, its `current_credential_version`) and answers `is_used` from its
    /// record of used token ids. Gives the token, whose id the host stores before changing the
    /// password.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// let mut used = Vec::new();
    /// let token = PasswordReset::verify(&ring, &link, 1234, 7, |id| used.contains(id), at)?;
    /// used.push(token.token_id());
    /// let again = PasswordReset::verify(&ring, &link, 1234, 7, |id| used.contains(id), at);
    /// assert_eq!(again.unwrap_err().code(), "security.reset_token_used");
    /// let other = PasswordReset::verify(&ring, &link, 99, 7, |_| false, at);
    /// assert_eq!(other.unwrap_err().code(), "security.wrong_account");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`PasswordReset::read`], then [`SecurityError::WrongAccount`], then as
    /// [`ResetToken::accept`].
    pub fn verify(
        ring: &KeyRing,
        token: &str,
        account: u64,
        current_credential_version: u32,
        is_used: impl FnOnce(&TokenId) -> bool,
        now: Instant,
    ) -> Result<ResetToken, SecurityError> {
        let reset = PasswordReset::read(ring, token, now)?;
        if reset.account != account {
            return Err(SecurityError::WrongAccount {
                token_account: reset.account,
                account,
            });
        }
        reset.accept(current_credential_version, is_used(&reset.token_id), now)?;
        Ok(reset)
    }
}

impl ResetToken {
    /// The account whose password the token resets.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// assert_eq!(PasswordReset::read(&ring, &link, at)?.account(), 1234);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> u64 {
        self.account
    }

    /// The account's credential version when the token was issued.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// assert_eq!(PasswordReset::read(&ring, &link, at)?.credential_version(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn credential_version(&self) -> u32 {
        self.credential_version
    }

    /// The token's stable id (the same link always gives the same id): what the host stores once
    /// the token is used, until [`ResetToken::expires_at`].
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// let later = at + TimeDelta::minutes(5);
    /// assert_eq!(PasswordReset::read(&ring, &link, at)?.token_id(),
    ///            PasswordReset::read(&ring, &link, later)?.token_id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn token_id(&self) -> TokenId {
        self.token_id
    }

    /// When the token was issued, to the whole second (a fraction given to
    /// [`PasswordReset::issue`] is dropped).
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::PasswordReset;
    /// use envoi::time::Instant;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at: Instant = "2026-06-01T09:00:00.750Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// assert_eq!(PasswordReset::read(&ring, &link, at)?.issued_at(), "2026-06-01T09:00:00Z".parse::<Instant>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issued_at(&self) -> Instant {
        self.issued_at
    }

    /// The end of the token's validity: it is valid strictly before this instant.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::security::PasswordReset;
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let link = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// assert_eq!(PasswordReset::read(&ring, &link, at)?.expires_at(), at + TimeDelta::hours(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expires_at(&self) -> Instant {
        self.expires_at
    }

    /// Whether the token may reset the password at `now`, in this order: it has not expired
    /// (the key ring's `token.expired`, as [`PasswordReset::read`] says it: a host may read the
    /// token, then accept it later), its credential version is the account's current one
    /// (`security.credential_changed` otherwise: the password changed since), and it was not used
    /// before (`already_used`, from the host's record of token ids: `security.reset_token_used`).
    /// Gives the id to store before the new password is saved.
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use envoi::ErrorCode;
    /// use envoi::security::{PasswordReset, SecurityError};
    /// use envoi::token::KeyRing;
    ///
    /// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
    /// let at = "2026-06-01T09:00:00Z".parse()?;
    /// let earlier = PasswordReset::issue(&ring, 1234, 7, at, TimeDelta::hours(1))?;
    /// let token = PasswordReset::read(&ring, &earlier, at)?;
    /// assert_eq!(token.accept(7, false, at)?, token.token_id());
    /// // The password changed (version 8): the earlier link is dead.
    /// assert_eq!(token.accept(8, false, at),
    ///            Err(SecurityError::CredentialChanged { token_version: 7, current_version: 8 }));
    /// // Read in time, accepted too late: expired.
    /// let late = token.accept(7, false, at + TimeDelta::hours(1)).unwrap_err();
    /// assert_eq!(late.code(), "token.expired");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`SecurityError::Token`] with [`TokenError::Expired`] at or after
    /// [`ResetToken::expires_at`], then [`SecurityError::CredentialChanged`], then
    /// [`SecurityError::ResetTokenUsed`].
    pub fn accept(
        &self,
        current_credential_version: u32,
        already_used: bool,
        now: Instant,
    ) -> Result<TokenId, SecurityError> {
        if now >= self.expires_at {
            return Err(SecurityError::Token(TokenError::Expired {
                expires_at: self.expires_at,
                now,
            }));
        }
        if self.credential_version != current_credential_version {
            return Err(SecurityError::CredentialChanged {
                token_version: self.credential_version,
                current_version: current_credential_version,
            });
        }
        if already_used {
            return Err(SecurityError::ResetTokenUsed {
                token_id: self.token_id,
            });
        }
        Ok(self.token_id)
    }
}
