//! Resolving the tokens of tracked links and open pixels.
//!
//! A click token never holds the target URL: it holds the recipient's claims and the link's index,
//! and the target comes only from the host's link table for that message and index. A token cannot
//! be made into a redirect to a URL envoi did not put in an email (no open redirect), and a token
//! that fails for any reason redirects to the configured fallback: the visitor never sees why.

use thiserror::Error;
use url::Url;

use super::email::Tracker;
use crate::error::ErrorCode;
use crate::time::Instant;
use crate::token::{Claims, KeyRing, Purpose, TokenError, Verified};

/// Where a click goes: the original target (record the click with the verified claims), or the
/// fallback (log the reason, never show it).
///
/// ```
/// use envoi::tracking::{ClickResolution, RefusedClick};
///
/// let resolution = ClickResolution::Fallback {
///     url: "https://example.com/".into(),
///     reason: RefusedClick::NoLinkClaim,
/// };
/// assert_eq!(resolution.redirect_url(), "https://example.com/");
/// assert!(resolution.verified().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClickResolution {
    /// The token verified and the host's table has the link: redirect to `url` and record a click
    /// event for `verified.claims`.
    Target {
        /// The original target, from the host's link table.
        url: String,
        /// The verified token (claims with the link index, issue time, key id).
        verified: Verified,
    },
    /// Redirect to the fallback URL; `reason` is for the host's logs only.
    Fallback {
        /// The tracker's fallback URL.
        url: String,
        /// Why the click did not resolve.
        reason: RefusedClick,
    },
}

impl ClickResolution {
    /// The URL to redirect the visitor to, whichever the outcome.
    pub fn redirect_url(&self) -> &str {
        match self {
            ClickResolution::Target { url, .. } | ClickResolution::Fallback { url, .. } => url,
        }
    }

    /// The verified token, for the click event, when the click resolved to its target.
    pub fn verified(&self) -> Option<&Verified> {
        match self {
            ClickResolution::Target { verified, .. } => Some(verified),
            ClickResolution::Fallback { .. } => None,
        }
    }
}

/// Why a click went to the fallback URL. For the host's logs: [`ErrorCode::code`] gives a stable
/// code (the key ring's `token.*` code for a token that did not verify).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::tracking::RefusedClick;
///
/// let reason = RefusedClick::UnknownLink { message: Some(42), link: 9 };
/// assert_eq!(reason.code(), "tracking.unknown_link");
/// assert_eq!(reason.to_string(), "link 9 of message 42: not in the host's link table");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RefusedClick {
    /// The token did not verify as a `click` token (forged, altered, expired, another purpose,
    /// unknown key…).
    #[error("token refused: {0}")]
    InvalidToken(TokenError),
    /// A valid `click` token without a `link` claim: not one a tracker issued for a link.
    #[error("the click token has no link claim")]
    NoLinkClaim,
    /// The host's table has no target for this message and link.
    #[error("link {link} of message {}: not in the host's link table", shown_id(*.message))]
    UnknownLink {
        /// The token's message claim.
        message: Option<u64>,
        /// The token's link claim.
        link: u16,
    },
    /// The host's table gave a target that is not an absolute http(s) URL (a corrupt or edited
    /// store): envoi redirects only to http(s).
    #[error("link {link}: the stored target {target:?} is not an absolute http(s) URL")]
    UnsafeTarget {
        /// The token's link claim.
        link: u16,
        /// The target the table gave (cut to 200 characters).
        target: String,
    },
}

fn shown_id(id: Option<u64>) -> String {
    id.map_or_else(|| "(none)".to_owned(), |id| id.to_string())
}

impl ErrorCode for RefusedClick {
    fn code(&self) -> &'static str {
        match self {
            RefusedClick::InvalidToken(error) => error.code(),
            RefusedClick::NoLinkClaim => "tracking.no_link_claim",
            RefusedClick::UnknownLink { .. } => "tracking.unknown_link",
            RefusedClick::UnsafeTarget { .. } => "tracking.unsafe_target",
        }
    }
}

/// What an open-pixel request means: an open to record, or a request to ignore (serve the pixel
/// all the same).
///
/// ```
/// use envoi::tracking::OpenResolution;
/// use envoi::token::TokenError;
///
/// let ignored = OpenResolution::Ignore { reason: TokenError::BadBase64 { reason: "empty".into() } };
/// assert!(ignored.verified().is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenResolution {
    /// A valid `open` token: record an open event for `verified.claims`.
    Open {
        /// The verified token.
        verified: Verified,
    },
    /// The token did not verify as an `open` token: record nothing; `reason` is for the logs.
    Ignore {
        /// The key ring's reason.
        reason: TokenError,
    },
}

impl OpenResolution {
    /// The verified token when the open counts.
    pub fn verified(&self) -> Option<&Verified> {
        match self {
            OpenResolution::Open { verified } => Some(verified),
            OpenResolution::Ignore { .. } => None,
        }
    }
}

impl Tracker {
    /// Resolves the token of a tracked link at `now`.
    ///
    /// `target_of` is the host's lookup: given the verified claims (message, recipient…, and the
    /// `link` index), the target it stored in the [`LinkTable`](super::LinkTable) of that email, or
    /// `None`. It is asked only once the token verified as a `click` token. The redirect goes to
    /// that target only if it is an absolute http(s) URL; in every other case it goes to the
    /// fallback URL with the reason. Never fails, never panics.
    ///
    /// ```
    /// use envoi::token::{Claims, KeyRing, Purpose};
    /// use envoi::tracking::{ClickResolution, LinkTable, Tracker, TrackingOptions};
    ///
    /// let tracker = Tracker::new(TrackingOptions::new("https://t.example.com", "https://example.com/"))?;
    /// let key_ring = KeyRing::new([(1, b"a secret of at least 32 bytes, really".to_vec())], 1)?;
    /// let now = "2026-03-02T10:00:00Z".parse()?;
    /// let table = LinkTable::new(vec!["https://example.com/offer".into()]);
    /// let lookup = |claims: &Claims| {
    ///     (claims.message == Some(42)).then(|| table.get(claims.link?).map(str::to_owned)).flatten()
    /// };
    ///
    /// let claims = Claims { message: Some(42), link: Some(0), ..Claims::default() };
    /// let token = key_ring.issue(Purpose::Click, &claims, now, None)?;
    /// let resolution = tracker.resolve_click(&key_ring, &token, now, lookup);
    /// assert_eq!(resolution.redirect_url(), "https://example.com/offer");
    ///
    /// // An open token is not a click token: the fallback, whatever the table says.
    /// let open = key_ring.issue(Purpose::Open, &claims, now, None)?;
    /// let resolution = tracker.resolve_click(&key_ring, &open, now, lookup);
    /// assert!(matches!(resolution, ClickResolution::Fallback { .. }));
    /// assert_eq!(resolution.redirect_url(), "https://example.com/");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve_click(
        &self,
        key_ring: &KeyRing,
        token: &str,
        now: Instant,
        target_of: impl FnOnce(&Claims) -> Option<String>,
    ) -> ClickResolution {
        match self.click_target(key_ring, token, now, target_of) {
            Ok((url, verified)) => ClickResolution::Target { url, verified },
            Err(reason) => ClickResolution::Fallback {
                url: self.fallback_url().to_owned(),
                reason,
            },
        }
    }

    fn click_target(
        &self,
        key_ring: &KeyRing,
        token: &str,
        now: Instant,
        target_of: impl FnOnce(&Claims) -> Option<String>,
    ) -> Result<(String, Verified), RefusedClick> {
        let verified = key_ring
            .verify(Purpose::Click, token, now)
            .map_err(RefusedClick::InvalidToken)?;
        let link = verified.claims.link.ok_or(RefusedClick::NoLinkClaim)?;
        let target = target_of(&verified.claims).ok_or(RefusedClick::UnknownLink {
            message: verified.claims.message,
            link,
        })?;
        let safe = Url::parse(&target)
            .ok()
            .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some());
        match safe {
            Some(url) => Ok((url.into(), verified)),
            None => Err(RefusedClick::UnsafeTarget {
                link,
                target: target.chars().take(200).collect(),
            }),
        }
    }

    /// Resolves the token of an open pixel at `now`: the verified claims to record, or a silent
    /// "ignore" (serve the pixel either way, so that the visitor learns nothing).
    ///
    /// ```
    /// use envoi::token::{Claims, KeyRing, Purpose};
    /// use envoi::tracking::{Tracker, TrackingOptions};
    ///
    /// let tracker = Tracker::new(TrackingOptions::new("https://t.example.com", "https://example.com/"))?;
    /// let key_ring = KeyRing::new([(1, b"a secret of at least 32 bytes, really".to_vec())], 1)?;
    /// let now = "2026-03-02T10:00:00Z".parse()?;
    /// let claims = Claims { message: Some(42), recipient: Some(1001), ..Claims::default() };
    /// let token = key_ring.issue(Purpose::Open, &claims, now, None)?;
    /// let open = tracker.resolve_open(&key_ring, &token, now);
    /// assert_eq!(open.verified().map(|verified| verified.claims), Some(claims));
    /// assert!(tracker.resolve_open(&key_ring, "not-a-token", now).verified().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve_open(&self, key_ring: &KeyRing, token: &str, now: Instant) -> OpenResolution {
        match key_ring.verify(Purpose::Open, token, now) {
            Ok(verified) => OpenResolution::Open { verified },
            Err(reason) => OpenResolution::Ignore { reason },
        }
    }
}
