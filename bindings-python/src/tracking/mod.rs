//! `envoi.tracking` (second part): tracked email, secure-email access and engagement statistics
//! (mirrors `envoi::tracking`; the key ring and tokens are in [`crate::token`]).
//!
//! Only conversions, as in [`crate::token`]: claims are dicts, instants aware `datetime`s in and
//! UTC `datetime`s out, `now=None` the real clock, enumerations their snake_case names. Tracking an
//! email (the HTML rewrite) and the statistics' report run with the interpreter released; resolving
//! a click or an open takes about a microsecond and keeps it (the click's lookup is a Python call).
//!
//! The host's click `lookup` is called like the VAT online check's `vies` checker: at most once,
//! with the interpreter held, only once the token verified; an exception it raises (or a return
//! value that is neither a `str` nor None, a `TypeError` naming `lookup`) is kept, the core goes on
//! with "no target", and the same exception is raised once the core has returned: never a crash,
//! never taken for "unknown link".
//!
//! A [`TrackingError`], [`SecureAccessError`] or [`StatsError`] becomes `envoi.TrackingError`
//! (codes `tracking.*`) with the variant's fields as attributes; one that carries a key ring's
//! error becomes `envoi.TokenError` (codes `token.*`) like the key ring's own.

mod secure;
mod stats;

use envoi::ErrorCode;
use envoi::tracking::{
    ClickResolution as CoreClick, EmailToTrack, OpenResolution as CoreOpen, SecureAccessError,
    StatsError, TrackedEmail as CoreTracked, TrackingError, TrackingOptions,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::credits::repr;
use crate::errors::{guard, to_py_err_with_fields};
use crate::token::{
    KeyRing, Verified, claims_arg, claims_to_py, expires_arg, now_arg, serde_name, to_json,
    token_err, utc_datetime,
};

pub(crate) use secure::{AccessLock, SecureAccess, SecureOpen};
pub(crate) use stats::{
    EngagementCounts, LinkStats, MachineRules, MessageStats, RecipientLinkStats, Stats,
    StatsReport, Verdict,
};

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a tracking error: `envoi.TrackingError` with the variant's fields, or
/// the key ring's `envoi.TokenError` for [`TrackingError::Token`].
pub(crate) fn tracking_err(py: Python<'_>, error: TrackingError) -> PyErr {
    let fields = PyDict::new(py);
    let filled = (|| -> PyResult<()> {
        match &error {
            TrackingError::InvalidOption { field, value, rule }
            | TrackingError::InvalidClaims { field, value, rule } => {
                fields.set_item("field", field)?;
                fields.set_item("value", value)?;
                fields.set_item("rule", rule)?;
            }
            TrackingError::TooManyLinks { limit } => fields.set_item("limit", limit)?,
            TrackingError::AmbiguousHtml { detail } | TrackingError::HtmlRewrite { detail } => {
                fields.set_item("detail", detail)?;
            }
            TrackingError::Token(_) => {}
            // A variant added to the core later still raises with its code and message.
            _ => {}
        }
        Ok(())
    })();
    if let Err(failure) = filled {
        return failure;
    }
    match error {
        TrackingError::Token(error) => token_err(py, error),
        other => to_py_err_with_fields(py, other, &fields),
    }
}

/// The Python exception of a secure-access error: `envoi.TrackingError` (`tracking.secure_*`) with
/// the variant's fields, or the key ring's `envoi.TokenError` for a link or a code the key ring
/// refused.
pub(crate) fn secure_err(py: Python<'_>, error: SecureAccessError) -> PyErr {
    let fields = PyDict::new(py);
    let filled = (|| -> PyResult<()> {
        match &error {
            SecureAccessError::LinkMismatch { expected, found } => {
                fields.set_item("expected", claims_to_py(py, expected)?)?;
                fields.set_item("found", claims_to_py(py, found)?)?;
            }
            SecureAccessError::Locked(lock) => {
                fields.set_item("reason", serde_name!(lock.reason))?;
                fields.set_item("at", utc_datetime(py, lock.at).ok())?;
            }
            SecureAccessError::TooManyCodes { max } => fields.set_item("max", max)?,
            SecureAccessError::WrongCode { attempts_left } => {
                fields.set_item("attempts_left", attempts_left)?;
            }
            SecureAccessError::CodeMalformed { reason } => fields.set_item("reason", reason)?,
            SecureAccessError::CodeExpired { expires_at } => {
                fields.set_item("expires_at", utc_datetime(py, *expires_at).ok())?;
            }
            // The others have no field; a variant added to the core later still raises with its
            // code and message.
            _ => {}
        }
        Ok(())
    })();
    if let Err(failure) = filled {
        return failure;
    }
    match error {
        SecureAccessError::InvalidLink(error) | SecureAccessError::Code(error) => {
            token_err(py, error)
        }
        other => to_py_err_with_fields(py, other, &fields),
    }
}

/// The Python exception of a statistics error: `envoi.TrackingError` with the variant's fields.
pub(crate) fn stats_err(py: Python<'_>, error: StatsError) -> PyErr {
    let fields = PyDict::new(py);
    let filled = (|| -> PyResult<()> {
        match &error {
            StatsError::InvalidRulesJson {
                line,
                column,
                reason,
            } => {
                fields.set_item("line", line)?;
                fields.set_item("column", column)?;
                fields.set_item("reason", reason)?;
            }
            StatsError::InvalidMachineRule {
                entry,
                field,
                value,
                rule,
            }
            | StatsError::InvalidIpRange {
                entry,
                field,
                value,
                rule,
            } => {
                fields.set_item("entry", entry)?;
                fields.set_item("field", field)?;
                fields.set_item("value", value)?;
                fields.set_item("rule", rule)?;
            }
            StatsError::DuplicateRuleName {
                name,
                first,
                second,
            } => {
                fields.set_item("name", name)?;
                fields.set_item("first", first)?;
                fields.set_item("second", second)?;
            }
            StatsError::NotATrackingToken { purpose } => fields.set_item("purpose", purpose)?,
            // A variant added to the core later still raises with its code and message.
            _ => {}
        }
        Ok(())
    })();
    match filled {
        Ok(()) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

// ---- Tracker -------------------------------------------------------------------------------------

/// Tracks emails (the open pixel and the tracked links) and resolves their tokens, with checked
/// options. Immutable and safe to share between threads.
///
/// A tracked link is `{base_url}{click_path}/{token}` and the pixel `{base_url}{open_path}/{token}`:
/// the host serves both paths and hands the token to `resolve_click` and `resolve_open`.
#[pyclass(module = "envoi.tracking", frozen)]
pub struct Tracker(envoi::tracking::Tracker);

#[pymethods]
impl Tracker {
    /// Checks the options: `base_url`, the tracking site (an absolute http(s) URL with a host, no
    /// query, fragment or credentials; a path prefix allowed); `fallback_url`, where a click that
    /// does not resolve is sent (an absolute http(s) URL); `open_path` and `click_path` (`/` then
    /// letters, digits and `-._~/`); `opt_out_attribute`, the attribute that keeps an `<a>`
    /// untracked. Raises `envoi.TrackingError` (`tracking.invalid_option`, with `field`, `value`,
    /// `rule`).
    #[new]
    #[pyo3(signature = (base_url, fallback_url, *, open_path = "/o", click_path = "/c", opt_out_attribute = "data-envoi-notrack"))]
    fn new(
        py: Python<'_>,
        base_url: &str,
        fallback_url: &str,
        open_path: &str,
        click_path: &str,
        opt_out_attribute: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let options = TrackingOptions {
                base_url: base_url.to_owned(),
                open_path: open_path.to_owned(),
                click_path: click_path.to_owned(),
                opt_out_attribute: opt_out_attribute.to_owned(),
                fallback_url: fallback_url.to_owned(),
            };
            envoi::tracking::Tracker::new(options)
                .map(Tracker)
                .map_err(|error| tracking_err(py, error))
        })
    }

    /// The tracking site, as given.
    #[getter]
    fn base_url(&self) -> &str {
        &self.0.options().base_url
    }

    /// Where a click that does not resolve is sent (normalised by the URL parser).
    #[getter]
    fn fallback_url(&self) -> &str {
        self.0.fallback_url()
    }

    /// The open pixel's path under `base_url`.
    #[getter]
    fn open_path(&self) -> &str {
        &self.0.options().open_path
    }

    /// The tracked links' path under `base_url`.
    #[getter]
    fn click_path(&self) -> &str {
        &self.0.options().click_path
    }

    /// The attribute that keeps an `<a>` untracked (removed from the output).
    #[getter]
    fn opt_out_attribute(&self) -> &str {
        &self.0.options().opt_out_attribute
    }

    /// The tracked-link URL carrying `token`: `{base_url}{click_path}/{token}`.
    fn click_url(&self, token: &str) -> String {
        self.0.click_url(token)
    }

    /// The open-pixel URL carrying `token`: `{base_url}{open_path}/{token}`.
    fn open_url(&self, token: &str) -> String {
        self.0.open_url(token)
    }

    /// Tracks one email for one recipient: the open pixel (an `open` token with `claims`) before
    /// `</body>`, each `<a href>` to an absolute http(s) URL rewritten to a tracked link (a `click`
    /// token whose `link` claim is the link's index, from 0 in document order), the same links in
    /// the plain-text part `text`, and the link table the host stores.
    ///
    /// `claims` (account, message, occurrence, recipient) must not hold `link`; `now` is the
    /// tokens' issue time (None: the real clock); `expires` an aware datetime or a `timedelta` from
    /// `now` (None: never). Raises `envoi.TrackingError` (`tracking.invalid_claims`,
    /// `tracking.too_many_links`, `tracking.ambiguous_html`, `tracking.html_rewrite_failed`) and
    /// `envoi.TokenError` (`token.invalid_time`…). Runs with the interpreter released.
    #[pyo3(signature = (key_ring, html, claims, *, text = None, now = None, expires = None))]
    #[allow(clippy::too_many_arguments)]
    fn track(
        &self,
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        html: &str,
        claims: Option<&Bound<'_, PyAny>>,
        text: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
        expires: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<TrackedEmail> {
        guard(py, || {
            let claims = claims_arg(claims)?;
            let issued_at = now_arg(now, "now")?;
            let expires_at = expires_arg(expires, issued_at, "expires")?;
            let ring = &key_ring.get().0;
            let email = EmailToTrack {
                html,
                text,
                claims,
                issued_at,
                expires_at,
            };
            py.detach(|| self.0.track(ring, &email))
                .map(TrackedEmail)
                .map_err(|error| tracking_err(py, error))
        })
    }

    /// Resolves the token of a tracked link at `now` (None: the real clock): where to redirect.
    ///
    /// `lookup` is the host's link table: a callable that takes the verified claims (a dict with
    /// `message`, `recipient`…, and `link`, the link's index) and returns the target it stored for
    /// that email and index (a `str`), or None. It is called only once the token verified as a
    /// `click` token. The redirect goes to that target only if it is an absolute http(s) URL; in
    /// every other case to `fallback_url`, with the reason code for the logs. Never raises for a
    /// token; an exception raised by `lookup` reaches the caller unchanged, and a return value of
    /// another type is a `TypeError` naming `lookup`.
    #[pyo3(signature = (key_ring, token, lookup, *, now = None))]
    fn resolve_click(
        &self,
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        token: &str,
        lookup: &Bound<'_, PyAny>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<ClickResolution> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            let mut failure: Option<PyErr> = None;
            let resolution = self
                .0
                .resolve_click(&key_ring.get().0, token, now, |claims| {
                    match call_lookup(lookup, claims) {
                        Ok(target) => target,
                        Err(error) => {
                            failure = Some(error);
                            None
                        }
                    }
                });
            match failure {
                Some(error) => Err(error),
                None => Ok(ClickResolution::from(resolution)),
            }
        })
    }

    /// Resolves the token of an open pixel at `now` (None: the real clock): the verified token to
    /// record an open for, or nothing with the reason (serve the pixel either way). Never raises
    /// for a token.
    #[pyo3(signature = (key_ring, token, *, now = None))]
    fn resolve_open(
        &self,
        py: Python<'_>,
        key_ring: &Bound<'_, KeyRing>,
        token: &str,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<OpenResolution> {
        guard(py, || {
            let now = now_arg(now, "now")?;
            Ok(OpenResolution::from(self.0.resolve_open(
                &key_ring.get().0,
                token,
                now,
            )))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Tracker",
                &[
                    ("base_url", PyString::new(py, self.base_url()).into_any()),
                    (
                        "fallback_url",
                        PyString::new(py, self.fallback_url()).into_any(),
                    ),
                    ("open_path", PyString::new(py, self.open_path()).into_any()),
                    (
                        "click_path",
                        PyString::new(py, self.click_path()).into_any(),
                    ),
                    (
                        "opt_out_attribute",
                        PyString::new(py, self.opt_out_attribute()).into_any(),
                    ),
                ],
            )
        })
    }
}

/// Calls the host's lookup with the verified claims: its target, or None.
fn call_lookup(
    lookup: &Bound<'_, PyAny>,
    claims: &envoi::token::Claims,
) -> PyResult<Option<String>> {
    let answer = lookup.call1((claims_to_py(lookup.py(), claims)?,))?;
    if answer.is_none() {
        return Ok(None);
    }
    match answer.cast::<PyString>() {
        Ok(target) => Ok(Some(target.to_str()?.to_owned())),
        Err(_) => Err(PyTypeError::new_err(format!(
            "lookup: must return the stored target (a str) or None, not {}",
            answer.get_type().name()?
        ))),
    }
}

/// A tracked email: the HTML and text that go out, and the link table the host keeps.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedEmail(CoreTracked);

#[pymethods]
impl TrackedEmail {
    /// The HTML body with the pixel and the tracked links.
    #[getter]
    fn html(&self) -> &str {
        &self.0.html
    }

    /// The text part with the same tracked links (a URL of the text whose target is a tracked HTML
    /// link's becomes that link), or None when no text part was given.
    #[getter]
    fn text(&self) -> Option<&str> {
        self.0.text.as_deref()
    }

    /// The target of each tracked link, by link index (0, 1, 2… in document order).
    #[getter]
    fn links(&self) -> Vec<String> {
        self.0.links.targets().to_vec()
    }

    /// The link table's JSON form (a JSON array of the targets), what the host stores with the
    /// message to resolve clicks.
    #[getter]
    fn links_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&self.0.links, "links"))
    }

    /// The open pixel's URL (in the HTML already).
    #[getter]
    fn open_url(&self) -> &str {
        &self.0.open_url
    }

    /// The links left untouched and why, HTML part first then text part, each in document order.
    #[getter]
    fn untracked(&self) -> Vec<UntrackedLink> {
        self.0
            .untracked
            .iter()
            .map(|link| UntrackedLink {
                part: serde_name!(link.part),
                href: link.href.clone(),
                reason: serde_name!(link.reason),
            })
            .collect()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "<envoi.tracking.TrackedEmail links={} untracked={} open_url={}>",
                self.0.links.len(),
                self.0.untracked.len(),
                PyString::new(py, &self.0.open_url).repr()?
            ))
        })
    }
}

/// A link the tracker left as it was, and why.
#[pyclass(module = "envoi.tracking", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UntrackedLink {
    /// `"html"` or `"text"`: the part it is in.
    pub part: String,
    /// The `href` as written in the HTML (character references not decoded), or the URL as found
    /// in the text.
    pub href: String,
    /// Why: `"opt_out"`, `"other_scheme"`, `"fragment"`, `"empty"`, `"relative"`,
    /// `"unparseable"`, `"unknown_character_reference"` or `"not_in_html"`.
    pub reason: String,
}

#[pymethods]
impl UntrackedLink {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "UntrackedLink(part={}, href={}, reason={})",
            PyString::new(py, &self.part).repr()?,
            PyString::new(py, &self.href).repr()?,
            PyString::new(py, &self.reason).repr()?
        ))
    }
}

/// Where a click goes: `url`, the original target (then `verified` is the token, for the click
/// event) or the fallback (then `reason` is the code of why, for the logs only: a `token.*` code
/// for a token that did not verify, `tracking.no_link_claim`, `tracking.unknown_link`,
/// `tracking.unsafe_target`; `message` says it as a person reads it).
#[pyclass(module = "envoi.tracking", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClickResolution {
    /// The URL to redirect the visitor to, whichever the outcome.
    pub url: String,
    /// The verified token when the click resolved to its target; None for the fallback.
    pub verified: Option<Verified>,
    /// None when the click resolved to its target; else the code of why it went to the fallback.
    pub reason: Option<&'static str>,
    /// None when the click resolved; else why it went to the fallback, for the logs.
    pub message: Option<String>,
}

impl From<CoreClick> for ClickResolution {
    fn from(resolution: CoreClick) -> Self {
        match resolution {
            CoreClick::Target { url, verified } => ClickResolution {
                url,
                verified: Some(Verified(verified)),
                reason: None,
                message: None,
            },
            CoreClick::Fallback { url, reason } => ClickResolution {
                url,
                verified: None,
                reason: Some(reason.code()),
                message: Some(reason.to_string()),
            },
        }
    }
}

#[pymethods]
impl ClickResolution {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "ClickResolution",
                &[
                    ("url", PyString::new(py, &self.url).into_any()),
                    (
                        "verified",
                        self.verified.clone().into_pyobject(py)?.into_any(),
                    ),
                    ("reason", self.reason.into_pyobject(py)?),
                ],
            )
        })
    }
}

/// What an open-pixel request means: `verified`, the token to record an open for, or None with
/// `reason` (the key ring's `token.*` code, for the logs) and `message`. Serve the pixel either way.
#[pyclass(module = "envoi.tracking", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenResolution {
    /// The verified `open` token when the open counts; else None.
    pub verified: Option<Verified>,
    /// None when the open counts; else the key ring's code of why not.
    pub reason: Option<&'static str>,
    /// None when the open counts; else why not, for the logs.
    pub message: Option<String>,
}

impl From<CoreOpen> for OpenResolution {
    fn from(resolution: CoreOpen) -> Self {
        match resolution {
            CoreOpen::Open { verified } => OpenResolution {
                verified: Some(Verified(verified)),
                reason: None,
                message: None,
            },
            CoreOpen::Ignore { reason } => OpenResolution {
                verified: None,
                reason: Some(reason.code()),
                message: Some(reason.to_string()),
            },
        }
    }
}

#[pymethods]
impl OpenResolution {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "OpenResolution",
                &[
                    (
                        "verified",
                        self.verified.clone().into_pyobject(py)?.into_any(),
                    ),
                    ("reason", self.reason.into_pyobject(py)?),
                ],
            )
        })
    }
}
