//! Tracked email, secure-email access and engagement statistics (SPEC section 8): [`Tracker`] (an
//! object holding the core's `envoi::tracking::Tracker`) with the host's [`ClickLookup`] (a
//! foreign trait); the statistics in module [`stats`] ([`stats::Stats`], [`stats::MachineRules`]);
//! secure-email access in module [`secure`] ([`secure::SecureAccess`]).
//!
//! Conversions only; every rule is the core's (`envoi::tracking`). Tokens are the core's, issued
//! and verified with a [`KeyRing`]; claims, instants, purposes and errors cross as in
//! [`crate::token`]. Codes cross as the core's snake-case names (`"html"`, `"opt_out"`…); a link
//! table crosses as the list of its targets and as its JSON form (`links_json`, a JSON array of
//! URLs) for the host's store.
//!
//! ## What happens to an error the host's click lookup raises
//!
//! It is not "no such link" (that is a `null`/`nil` answer, which resolves to the fallback): a bug
//! in host code must not turn silently into a redirect to the home page.
//!
//! - **Kotlin**: the hand-written overload `resolveClick(keyRing, token, now) { claims -> … }`
//!   (kotlin/src/main/kotlin/dev/envoi/Tracking.kt) re-throws *that same exception object* once
//!   the core has returned, as `vatTreatment(…, onlineCheck = …)` does.
//! - **Swift** (and the generated `resolveClick(…, lookup = …)` in Kotlin): the error crosses the
//!   FFI by value; a thrown [`ClickLookupError`] keeps its `reason`, any other error is described
//!   as a string by uniffi. The call throws `argument.host_error` ([`EnvoiError::Argument`]) with
//!   a message that contains the host's.

pub mod secure;
pub mod stats;

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::tracking::{ClickResolution as CoreClick, EmailToTrack, LinkTable, TrackingOptions};

pub use secure::AccessLock;

use crate::errors::{HOST_ERROR_CODE, INVALID_JSON_CODE};
use crate::token::{Claims, KeyRing, Verified, now_or_clock, optional_instant, serde_name};
use crate::{EnvoiError, guard};

/// Tracks emails and resolves their tokens: where the tracked links and the open pixel point
/// (`{base_url}{click_path}/{token}`, `{base_url}{open_path}/{token}`: the host serves both paths),
/// which attribute keeps a link untracked, and where a refused click lands. Immutable.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display)]
pub struct Tracker {
    inner: envoi::tracking::Tracker,
}

impl fmt::Display for Tracker {
    /// `Tracker(base_url=https://t.example.com, fallback_url=https://example.com/)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Tracker(base_url={}, fallback_url={})",
            self.inner.options().base_url,
            self.inner.fallback_url()
        )
    }
}

/// A link the tracker left untouched, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct UntrackedLink {
    /// `"html"` or `"text"`: the part it is in.
    pub part: String,
    /// The link as written (`"mailto:shop@example.com"`, `"#top"`…).
    pub href: String,
    /// Why: `"opt_out"`, `"other_scheme"`, `"fragment"`, `"empty"`, `"relative"`,
    /// `"unparseable"`, `"unknown_character_reference"` or `"not_in_html"` (a URL of the text part
    /// whose target no tracked HTML link has).
    pub reason: String,
}

/// A tracked email: what goes out, and the link table the host keeps to resolve clicks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct TrackedEmail {
    /// The HTML body with the open pixel and the tracked links.
    pub html: String,
    /// The text part with the same tracked links, when a text part was given.
    pub text: Option<String>,
    /// The target of each tracked link by its index (0, 1, 2… in document order). The redirect
    /// target of a click comes from this table, never from the token.
    pub links: Vec<String>,
    /// The same table in the core's JSON form (an array of URLs), for the host's store; read it
    /// back with `link_targets_from_json`.
    pub links_json: String,
    /// The open pixel's URL (in the HTML already; for a host that places its own pixel).
    pub open_url: String,
    /// The links left untouched and why, HTML part first then text part, each in document order.
    pub untracked: Vec<UntrackedLink>,
}

/// Where a click goes: redirect to `url` whatever the outcome; record a click event for
/// `verified` when it is set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ClickResolution {
    /// The URL to redirect the visitor to: the original target, or the tracker's fallback.
    pub url: String,
    /// The verified token (claims with the link index) when the click resolved to its target;
    /// null/nil when it fell back.
    pub verified: Option<Verified>,
    /// Why it fell back, as a code for the host's logs (never shown to the visitor): a key ring
    /// code (`"token.bad_tag"`, `"token.expired"`, `"token.wrong_purpose"`…),
    /// `"tracking.no_link_claim"`, `"tracking.unknown_link"` (the lookup gave null/nil) or
    /// `"tracking.unsafe_target"` (the lookup gave a target that is not an absolute http(s) URL);
    /// null/nil when it resolved.
    pub reason: Option<String>,
    /// The reason's message, for the logs; null/nil when it resolved.
    pub message: Option<String>,
}

/// What an open-pixel request means: an open to record (`verified`), or a request to ignore
/// (serve the pixel all the same).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OpenResolution {
    /// The verified `open` token: record an open event for its claims; null/nil to ignore.
    pub verified: Option<Verified>,
    /// Why it is ignored, as the key ring's code (`"token.bad_tag"`…), for the logs; null/nil when
    /// the open counts.
    pub reason: Option<String>,
    /// The reason's message, for the logs; null/nil when the open counts.
    pub message: Option<String>,
}

/// The error a host's [`ClickLookup`] may throw (Kotlin: `ClickLookupException`). It is not "no
/// such link" (return null/nil for that): see the module documentation for what reaches the
/// caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ClickLookupError {
    /// The host's lookup failed.
    #[error("{reason}")]
    Failed {
        /// Why, in the host's words.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ClickLookupError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ClickLookupError::Failed {
            reason: error.reason,
        }
    }
}

/// The host's link lookup, implemented in Kotlin or Swift and given to
/// [`Tracker::resolve_click`]: the target the host stored for a message's link. envoi asks it only
/// once the token verified as a `click` token with a link, at most once per call.
///
/// Kotlin: use the `resolveClick(keyRing, token) { claims -> … }` overload with a lambda, or
/// `object : ClickLookup { override fun target(claims: Claims): String? = … }`.
#[uniffi::export(foreign)]
pub trait ClickLookup: Send + Sync {
    /// The target URL the host stored for `claims.link` of the email `claims` name (message,
    /// recipient…), from the `links` of its [`TrackedEmail`]; null/nil when it has none.
    fn target(&self, claims: Claims) -> Result<Option<String>, ClickLookupError>;
}

#[uniffi::export]
impl Tracker {
    /// A tracker whose links point under `base_url` (an absolute http(s) URL without query,
    /// fragment or credentials; it may have a path prefix) and whose refused clicks go to
    /// `fallback_url` (an absolute http(s) URL). `open_path` and `click_path` start with `/`
    /// (letters, digits and `-._~/`, no empty segment) and differ; `opt_out_attribute` is the
    /// attribute that keeps an `<a>` untracked (removed from the output).
    ///
    /// Throws `tracking.invalid_option` (with `field`, `value` and `rule`).
    #[uniffi::constructor(default(
        open_path = "/o",
        click_path = "/c",
        opt_out_attribute = "data-envoi-notrack"
    ))]
    pub fn new(
        base_url: String,
        fallback_url: String,
        open_path: String,
        click_path: String,
        opt_out_attribute: String,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let options = TrackingOptions {
                base_url,
                open_path,
                click_path,
                opt_out_attribute,
                fallback_url,
            };
            Ok(Arc::new(Tracker {
                inner: envoi::tracking::Tracker::new(options)?,
            }))
        })
    }

    /// The tracking site, as given.
    pub fn base_url(&self) -> String {
        self.inner.options().base_url.clone()
    }

    /// The URL a refused click is sent to (normalised by the URL parser).
    pub fn fallback_url(&self) -> String {
        self.inner.fallback_url().to_owned()
    }

    /// The open pixel's path under `base_url`.
    pub fn open_path(&self) -> String {
        self.inner.options().open_path.clone()
    }

    /// The tracked links' path under `base_url`.
    pub fn click_path(&self) -> String {
        self.inner.options().click_path.clone()
    }

    /// The attribute that keeps an `<a>` untracked.
    pub fn opt_out_attribute(&self) -> String {
        self.inner.options().opt_out_attribute.clone()
    }

    /// The tracked-link URL carrying `token`: `{base_url}{click_path}/{token}`.
    pub fn click_url(&self, token: String) -> String {
        self.inner.click_url(&token)
    }

    /// The open-pixel URL carrying `token`: `{base_url}{open_path}/{token}`.
    pub fn open_url(&self, token: String) -> String {
        self.inner.open_url(&token)
    }

    /// Tracks one email for one recipient (`claims`: account, message, occurrence, recipient;
    /// `link` must be null/nil): the open pixel before `</body>`, each `<a href>` to an absolute
    /// http(s) URL rewritten to a tracked link whose token carries the link's index, the same
    /// tracked links in `text` when given, and the link table to store. Tokens are issued at `now`
    /// (null/nil: the system clock) and expire at `expires` (null/nil: never), deterministically.
    ///
    /// Throws `tracking.invalid_claims` (`claims.link` set), `tracking.too_many_links` (beyond
    /// 65,536), `tracking.ambiguous_html`, `tracking.html_rewrite_failed`, `token.invalid_time`,
    /// `argument.instant_out_of_range`.
    #[uniffi::method(default(text = None, now = None, expires = None))]
    pub fn track(
        &self,
        key_ring: Arc<KeyRing>,
        html: String,
        claims: Claims,
        text: Option<String>,
        now: Option<SystemTime>,
        expires: Option<SystemTime>,
    ) -> Result<TrackedEmail, EnvoiError> {
        guard(|| {
            let email = EmailToTrack {
                html: &html,
                text: text.as_deref(),
                claims: claims.to_core(),
                expires_at: optional_instant("expires", expires)?,
                issued_at: now_or_clock(now)?,
            };
            let tracked = self.inner.track(&key_ring.inner, &email)?;
            let links_json = serde_json::to_string(&tracked.links).map_err(|error| {
                EnvoiError::panic(&format!("serializing a link table: {error}"))
            })?;
            Ok(TrackedEmail {
                html: tracked.html,
                text: tracked.text,
                links: tracked.links.targets().to_vec(),
                links_json,
                open_url: tracked.open_url,
                untracked: tracked
                    .untracked
                    .iter()
                    .map(|link| UntrackedLink {
                        part: serde_name(&link.part),
                        href: link.href.clone(),
                        reason: serde_name(&link.reason),
                    })
                    .collect(),
            })
        })
    }

    /// Resolves the token of a tracked link at `now` (null/nil: the system clock). Once the token
    /// verified as a `click` token with a link, the host's `lookup` is asked for the target it
    /// stored; the redirect goes there only if it is an absolute http(s) URL, and to the fallback
    /// URL in every other case (with the reason, for the logs). A token never redirects to a URL
    /// envoi did not put in an email.
    ///
    /// Throws only `argument.host_error` (the lookup threw; Kotlin: use the lambda overload, which
    /// re-throws the host's own exception) and `argument.instant_out_of_range`.
    #[uniffi::method(default(now = None))]
    pub fn resolve_click(
        &self,
        key_ring: Arc<KeyRing>,
        token: String,
        lookup: Arc<dyn ClickLookup>,
        now: Option<SystemTime>,
    ) -> Result<ClickResolution, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            let failure = RefCell::new(None);
            let target_of = |claims: &envoi::token::Claims| match lookup.target(Claims::of(claims))
            {
                Ok(target) => target,
                Err(ClickLookupError::Failed { reason }) => {
                    *failure.borrow_mut() = Some(EnvoiError::argument(
                        HOST_ERROR_CODE,
                        format!("lookup: the host's click lookup failed: {reason}"),
                    ));
                    None
                }
            };
            let resolution = self
                .inner
                .resolve_click(&key_ring.inner, &token, now, target_of);
            if let Some(failure) = failure.into_inner() {
                return Err(failure);
            }
            Ok(match resolution {
                CoreClick::Target { url, verified } => ClickResolution {
                    url,
                    verified: Some(Verified::of(&verified)),
                    reason: None,
                    message: None,
                },
                CoreClick::Fallback { url, reason } => ClickResolution {
                    url,
                    verified: None,
                    reason: Some(reason.code().to_owned()),
                    message: Some(reason.to_string()),
                },
            })
        })
    }

    /// Resolves the token of an open pixel at `now` (null/nil: the system clock): the verified
    /// claims to record, or a silent "ignore" with the key ring's reason (serve the pixel either
    /// way). Throws only `argument.instant_out_of_range`.
    #[uniffi::method(default(now = None))]
    pub fn resolve_open(
        &self,
        key_ring: Arc<KeyRing>,
        token: String,
        now: Option<SystemTime>,
    ) -> Result<OpenResolution, EnvoiError> {
        guard(|| {
            let now = now_or_clock(now)?;
            let open = self.inner.resolve_open(&key_ring.inner, &token, now);
            Ok(match open {
                envoi::tracking::OpenResolution::Open { verified } => OpenResolution {
                    verified: Some(Verified::of(&verified)),
                    reason: None,
                    message: None,
                },
                envoi::tracking::OpenResolution::Ignore { reason } => OpenResolution {
                    verified: None,
                    reason: Some(reason.code().to_owned()),
                    message: Some(reason.to_string()),
                },
            })
        })
    }
}

/// The targets of a link table stored as `TrackedEmail.links_json` (a JSON array of URLs), by link
/// index. Throws `argument.invalid_json`.
#[uniffi::export]
pub fn link_targets_from_json(json: String) -> Result<Vec<String>, EnvoiError> {
    guard(|| {
        let table: LinkTable = serde_json::from_str(&json).map_err(|error| {
            EnvoiError::argument(
                INVALID_JSON_CODE,
                format!(
                    "json: not a link table: {error}; expected a JSON array of URLs, as links_json"
                ),
            )
        })?;
        Ok(table.targets().to_vec())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    use crate::time::system_time;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<envoi::time::Instant>().unwrap())
    }

    struct Table(Vec<String>, bool);
    impl ClickLookup for Table {
        fn target(&self, claims: Claims) -> Result<Option<String>, ClickLookupError> {
            if self.1 {
                return Err(ClickLookupError::Failed {
                    reason: "store down".into(),
                });
            }
            Ok(claims
                .link
                .and_then(|link| self.0.get(usize::from(link)).cloned()))
        }
    }

    #[test]
    fn tracks_and_resolves_through_the_host_lookup() {
        let tracker = Tracker::new(
            "https://t.example.com".into(),
            "https://example.com/".into(),
            "/o".into(),
            "/c".into(),
            "data-envoi-notrack".into(),
        )
        .unwrap();
        let ring = KeyRing::new(HashMap::from([(1, vec![1; 32])]), 1, 16).unwrap();
        let now = at("2026-03-02T09:00:00Z");
        let claims = Claims {
            message: Some(42),
            recipient: Some(7),
            ..Claims::default()
        };
        let tracked = tracker
            .track(
                ring.clone(),
                r##"<a href="https://example.com/a">A</a><a href="#top">top</a>"##.into(),
                claims,
                None,
                Some(now),
                None,
            )
            .unwrap();
        assert_eq!(tracked.links, ["https://example.com/a"]);
        assert_eq!(tracked.links_json, r#"["https://example.com/a"]"#);
        assert_eq!(
            link_targets_from_json(tracked.links_json.clone()).unwrap(),
            tracked.links
        );
        assert_eq!(tracked.untracked[0].reason, "fragment");
        assert_eq!(tracked.untracked[0].part, "html");
        let href = tracked.html.split('"').nth(1).unwrap();
        let token = href.rsplit('/').next().unwrap().to_owned();
        let table = Arc::new(Table(tracked.links.clone(), false));
        let resolution = tracker
            .resolve_click(ring.clone(), token.clone(), table, Some(now))
            .unwrap();
        assert_eq!(resolution.url, "https://example.com/a");
        assert_eq!(resolution.verified.unwrap().claims.link, Some(0));

        let broken = Arc::new(Table(vec![], true));
        let error = tracker
            .resolve_click(ring.clone(), token, broken, Some(now))
            .unwrap_err();
        assert_eq!(error.code(), HOST_ERROR_CODE);
        assert!(error.message().contains("store down"));

        let forged = tracker
            .resolve_click(
                ring.clone(),
                "AAAA".into(),
                Arc::new(Table(vec![], false)),
                Some(now),
            )
            .unwrap();
        assert_eq!(forged.url, "https://example.com/");
        assert!(forged.reason.unwrap().starts_with("token."));
        let open = tracker
            .resolve_open(ring, "AAAA".into(), Some(now))
            .unwrap();
        assert!(open.verified.is_none());
        assert_eq!(
            link_targets_from_json("{".into()).unwrap_err().code(),
            INVALID_JSON_CODE
        );
    }
}
