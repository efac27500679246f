use thiserror::Error;

use crate::error::ErrorCode;
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
