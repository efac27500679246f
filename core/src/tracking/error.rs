use thiserror::Error;

use crate::error::ErrorCode;
use crate::time::Instant;
use crate::token::TokenError;

/// Why an email could not be tracked, or tracking or secure-access options were refused.
///
/// Every variant names the field, the value and the rule; [`ErrorCode::code`] gives the stable code
/// (`tracking.invalid_option`…). A token the key ring refused to issue keeps the key ring's own
/// error and its `token.*` code.
///
/// Resolving a click or an open never fails: a token that does not verify resolves to the fallback
/// (see [`ClickResolution`](super::ClickResolution)), so these errors are only about the host's
/// configuration and the content it asks to track.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::tracking::{Tracker, TrackingError, TrackingOptions};
///
/// let error = Tracker::new(TrackingOptions::new("ftp://t.example.com", "https://example.com/"))
///     .unwrap_err();
/// assert_eq!(error.code(), "tracking.invalid_option");
/// assert!(error.to_string().starts_with("base_url: \"ftp://t.example.com\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TrackingError {
    /// A tracking or secure-access option out of its rule (a base URL that is not http(s), a path
    /// with a character a URL path cannot hold…).
    #[error("{field}: {value:?} {rule}")]
    InvalidOption {
        /// The option (`base_url`, `click_path`, `max_attempts`…).
        field: &'static str,
        /// The value as given (cut to 200 characters).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// The recipient's claims cannot be tracked as given.
    #[error("{field}: {value} {rule}")]
    InvalidClaims {
        /// The claim (`claims.link`).
        field: &'static str,
        /// The value as given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// More links to track than a link index can number.
    #[error(
        "html: more than {limit} links to track in one email; a link index is a u16 (mark the others with the opt-out attribute)"
    )]
    TooManyLinks {
        /// The most links one email can track (65,536).
        limit: usize,
    },
    /// The HTML drives a streaming parser into a state a browser resolves only with the whole tree
    /// (a `<script>`, `<style>` or `<textarea>` inside a `<select>`…): rewriting it could touch
    /// text that is not a link, so it is refused.
    #[error("html: ambiguous markup, not rewritten: {detail}")]
    AmbiguousHtml {
        /// The rewriter's description (names the tag).
        detail: String,
    },
    /// The HTML rewriter failed for another reason.
    #[error("html: could not be rewritten: {detail}")]
    HtmlRewrite {
        /// The rewriter's description.
        detail: String,
    },
    /// The key ring refused to issue a token (an expiry not after the issue time, a claim out of
    /// range…). The code is the key ring's (`token.*`).
    #[error(transparent)]
    Token(#[from] TokenError),
}

impl ErrorCode for TrackingError {
    fn code(&self) -> &'static str {
        match self {
            TrackingError::InvalidOption { .. } => "tracking.invalid_option",
            TrackingError::InvalidClaims { .. } => "tracking.invalid_claims",
            TrackingError::TooManyLinks { .. } => "tracking.too_many_links",
            TrackingError::AmbiguousHtml { .. } => "tracking.ambiguous_html",
            TrackingError::HtmlRewrite { .. } => "tracking.html_rewrite_failed",
            TrackingError::Token(error) => error.code(),
        }
    }
}

/// The value of an option as it goes into an error: cut to 200 characters.
pub(crate) fn shown(value: &str) -> String {
    value.chars().take(200).collect()
}

/// Why a secure-email access did not open, or did not issue a code.
///
/// [`ErrorCode::code`] gives a stable `tracking.secure_*` code, or the key ring's `token.*` code for
/// a link that does not verify ([`SecureAccessError::InvalidLink`]) or a code the key ring could not
/// handle ([`SecureAccessError::Code`]). The host shows the recipient what to do next (type the
/// code, ask for a new one, contact the sender) from the code; the lock reason is safe to show.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::tracking::{AccessLock, LockReason, SecureAccessError};
///
/// let error = SecureAccessError::WrongCode { attempts_left: 2 };
/// assert_eq!(error.code(), "tracking.secure_wrong_code");
/// assert_eq!(error.to_string(), "code: wrong code, 2 attempts left");
/// let at = "2026-04-01T09:00:00Z".parse()?;
/// let locked = SecureAccessError::Locked(AccessLock { reason: LockReason::Expired, at });
/// assert_eq!(locked.code(), "tracking.secure_locked");
/// assert_eq!(locked.to_string(), "access: locked since 2026-04-01 09:00:00 UTC: the validity period ended");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SecureAccessError {
    /// The link's token does not verify as a `secure_email` token (forged, altered, another
    /// purpose, removed key…). Nothing is counted.
    #[error(transparent)]
    InvalidLink(TokenError),
    /// A valid link, but of another access than the one given (other claims, or an earlier access
    /// for the same claims). Nothing is counted.
    #[error(
        "link: not this access's link (the link names {found:?}, this access {expected:?}); a link opens only the access it was created with, not another or a later one for the same recipient"
    )]
    LinkMismatch {
        /// The access's claims (boxed: they are the largest part of this error).
        expected: Box<crate::token::Claims>,
        /// The link's claims.
        found: Box<crate::token::Claims>,
    },
    /// The access is locked (expired, too many wrong codes, revoked).
    #[error("access: locked since {}: {}", .0.at, .0.reason)]
    Locked(super::secure::AccessLock),
    /// The access needs the one-time code and none was given.
    #[error("code: this access needs the one-time code sent through the second channel")]
    CodeRequired,
    /// A code was given but none was issued for this access yet.
    #[error("code: none was issued for this access yet; issue one and send it")]
    NoCodeIssued,
    /// `issue_code` on an access whose policy needs no code.
    #[error("code: this access opens with its link alone (require_code is false)")]
    CodeNotRequired,
    /// Every code the policy allows was issued.
    #[error("code: the {max} codes this access allows were all issued")]
    TooManyCodes {
        /// `policy.max_codes`.
        max: u32,
    },
    /// A wrong code; it was counted.
    #[error("code: wrong code, {attempts_left} attempts left")]
    WrongCode {
        /// Wrong codes still allowed (for this code, within the access's bound).
        attempts_left: u32,
    },
    /// Characters outside the code's alphabet or the wrong number of them: not a guess, not counted.
    #[error("code: {reason}; no attempt was used")]
    CodeMalformed {
        /// What is wrong with it.
        reason: String,
    },
    /// The current code expired: ask for a new one.
    #[error("code: expired at {expires_at}; ask for a new code")]
    CodeExpired {
        /// The code's expiry.
        expires_at: Instant,
    },
    /// The current code was used already (a code opens once): ask for a new one.
    #[error("code: already used; a code opens once, ask for a new code")]
    CodeUsed,
    /// The current code used all its attempts: ask for a new one (the access is not locked).
    #[error("code: this code used all its attempts; ask for a new code")]
    CodeLocked,
    /// The key ring could not issue or check the code (the code's key was removed from the ring…).
    #[error(transparent)]
    Code(TokenError),
}

impl ErrorCode for SecureAccessError {
    fn code(&self) -> &'static str {
        match self {
            SecureAccessError::InvalidLink(error) | SecureAccessError::Code(error) => error.code(),
            SecureAccessError::LinkMismatch { .. } => "tracking.secure_link_mismatch",
            SecureAccessError::Locked(_) => "tracking.secure_locked",
            SecureAccessError::CodeRequired => "tracking.secure_code_required",
            SecureAccessError::NoCodeIssued => "tracking.secure_no_code_issued",
            SecureAccessError::CodeNotRequired => "tracking.secure_code_not_required",
            SecureAccessError::TooManyCodes { .. } => "tracking.secure_too_many_codes",
            SecureAccessError::WrongCode { .. } => "tracking.secure_wrong_code",
            SecureAccessError::CodeMalformed { .. } => "tracking.secure_code_malformed",
            SecureAccessError::CodeExpired { .. } => "tracking.secure_code_expired",
            SecureAccessError::CodeUsed => "tracking.secure_code_used",
            SecureAccessError::CodeLocked => "tracking.secure_code_locked",
        }
    }
}
