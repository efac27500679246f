//! Account security (SPEC section 1): login protection and password reset.
//!
//! - [`LoginGuard`] is the state machine of one account's failed logins under a
//!   [`LockoutPolicy`] (default: 5 failures within 15 minutes lock for 15 minutes, each further
//!   lock doubles, capped at 24 hours; a success resets the count and the doubling). It is plain
//!   data that the host stores with the account; the rules do no I/O and read no clock.
//! - [`PasswordReset`] issues and accepts single-use, expiring reset tokens (the key ring's
//!   [`Purpose::PasswordReset`](crate::token::Purpose::PasswordReset) tokens) that embed the
//!   account's credential version, so any password change cancels every earlier link. A read
//!   token ([`ResetToken`]) cannot be forged from JSON, and [`ResetToken::accept`] checks the
//!   expiry again at the instant it is accepted.
//!
//! ```
//! use chrono::TimeDelta;
//! use envoi::ErrorCode;
//! use envoi::security::{LockoutPolicy, LoginGuard, PasswordReset};
//! use envoi::time::Instant;
//! use envoi::token::KeyRing;
//!
//! let policy = LockoutPolicy::default();
//! let mut guard = LoginGuard::new();
//! let start: Instant = "2026-06-01T09:00:00Z".parse()?;
//! for second in 0..5 {
//!     guard.check(start)?;
//!     guard.record_failure(&policy, start + TimeDelta::seconds(second));
//! }
//! assert_eq!(guard.check(start + TimeDelta::minutes(1)).unwrap_err().code(), "security.account_locked");
//!
//! // The owner resets the password instead: the link works once, for the current credential version.
//! let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
//! let link = PasswordReset::issue(&ring, 1234, 7, start, TimeDelta::hours(1))?;
//! let now = start + TimeDelta::minutes(2);
//! let token = PasswordReset::read(&ring, &link, now)?;
//! let used_id = token.accept(7, false, now)?; // store the id, save the new password as version 8
//! assert_eq!(token.accept(8, false, now).unwrap_err().code(), "security.credential_changed");
//! # let _ = used_id;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod lockout;
mod reset;

pub use error::SecurityError;
pub use lockout::{FailureOutcome, LockoutPolicy, LoginGuard};
pub use reset::{PasswordReset, ResetToken};
