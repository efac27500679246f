//! Tracking an email: the options, the [`Tracker`], what it needs and what it gives back.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use url::Url;

use super::error::{TrackingError, shown};
use super::html::{escape_html, rewrite_html};
use super::text::rewrite_text;
use crate::time::Instant;
use crate::token::{Claims, KeyRing, Purpose};

/// Where the tracked links and the open pixel point, which attribute keeps a link untracked, and
/// where a refused click lands.
///
/// Plain data the host configures once; [`Tracker::new`] checks it. A tracked link is
/// `{base_url}{click_path}/{token}` and the pixel `{base_url}{open_path}/{token}`: the host serves
/// both paths, handing the token to [`Tracker::resolve_click`] and [`Tracker::resolve_open`].
///
/// ```
/// use envoi::tracking::TrackingOptions;
///
/// let options = TrackingOptions::new("https://t.example.com", "https://example.com/");
/// assert_eq!(options.click_path, "/c");
/// assert_eq!(options.open_path, "/o");
/// assert_eq!(options.opt_out_attribute, "data-envoi-notrack");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingOptions {
    /// The tracking site: an absolute `https` (or `http`) URL with a host and no query, fragment
    /// or credentials; it may have a path prefix (`https://example.com/t`). A trailing `/` is
    /// ignored.
    pub base_url: String,
    /// The path of the open pixel under `base_url`: starts with `/`, then letters, digits and
    /// `-._~/`, no `//`, no trailing `/` (default `/o`).
    pub open_path: String,
    /// The path of the tracked links under `base_url`, same rule (default `/c`).
    pub click_path: String,
    /// The attribute that keeps an `<a>` untracked (default `data-envoi-notrack`): a letter then
    /// letters, digits and `-_.:`, compared without regard to case. It is removed from the output.
    pub opt_out_attribute: String,
    /// Where a click whose token does not verify, or whose link is unknown, is sent: an absolute
    /// http(s) URL (the sender's home page, say).
    pub fallback_url: String,
}

impl TrackingOptions {
    /// Options with the default paths (`/o`, `/c`) and opt-out attribute (`data-envoi-notrack`).
    pub fn new(base_url: impl Into<String>, fallback_url: impl Into<String>) -> TrackingOptions {
        TrackingOptions {
            base_url: base_url.into(),
            open_path: "/o".to_owned(),
            click_path: "/c".to_owned(),
            opt_out_attribute: "data-envoi-notrack".to_owned(),
            fallback_url: fallback_url.into(),
        }
    }
}

/// Tracks emails and resolves their tokens, with checked [`TrackingOptions`].
///
/// ```
/// use chrono::TimeDelta;
/// use envoi::token::{Claims, KeyRing};
/// use envoi::tracking::{EmailToTrack, Tracker, TrackingOptions};
///
/// let tracker = Tracker::new(TrackingOptions::new("https://t.example.com", "https://example.com/"))?;
/// let key_ring = KeyRing::new([(1, b"a secret of at least 32 bytes, really".to_vec())], 1)?;
/// let sent = "2026-03-02T09:00:00Z".parse()?;
/// let claims = Claims { account: Some(7), message: Some(42), recipient: Some(1001), ..Claims::default() };
/// let tracked = tracker.track(&key_ring, &EmailToTrack {
///     html: r#"<body><a href="https://example.com/offer?a=1&amp;b=2">Offer</a>
///              <a href="mailto:shop@example.com">Mail us</a></body>"#,
///     text: Some("Offer: https://example.com/offer?a=1&b=2"),
///     claims,
///     issued_at: sent,
///     expires_at: Some(sent + TimeDelta::days(365)),
/// })?;
/// // The host stores the link table of message 42; the HTML and text go out.
/// assert_eq!(tracked.links.get(0), Some("https://example.com/offer?a=1&b=2"));
/// assert!(tracked.html.contains(r#"<a href="https://t.example.com/c/"#));
/// assert!(tracked.html.contains(r#"<a href="mailto:shop@example.com">"#));
/// assert!(tracked.html.contains(&format!(r#"<img src="{}""#, tracked.open_url)));
/// assert!(tracked.text.as_deref().unwrap().starts_with("Offer: https://t.example.com/c/"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracker {
    options: TrackingOptions,
    /// `base_url` normalised, without its trailing `/`.
    base: String,
    /// `fallback_url` normalised.
    fallback: String,
}

impl Tracker {
    /// Checks the options.
    ///
    /// # Errors
    /// [`TrackingError::InvalidOption`] naming the option, its value and the rule.
    pub fn new(options: TrackingOptions) -> Result<Tracker, TrackingError> {
        let base = check_base_url(&options.base_url)?;
        check_path("open_path", &options.open_path)?;
        check_path("click_path", &options.click_path)?;
        if options.open_path == options.click_path {
            return Err(TrackingError::InvalidOption {
                field: "click_path",
                value: shown(&options.click_path),
                rule: "is also the open_path; clicks and opens need paths of their own",
            });
        }
        check_attribute_name(&options.opt_out_attribute)?;
        let fallback = check_absolute_http_url("fallback_url", &options.fallback_url)?;
        Ok(Tracker {
            options,
            base,
            fallback: fallback.into(),
        })
    }

    /// The options, as given.
    pub fn options(&self) -> &TrackingOptions {
        &self.options
    }

    /// The URL a refused click is sent to (normalised by the URL parser).
    pub fn fallback_url(&self) -> &str {
        &self.fallback
    }

    /// The tracked-link URL carrying `token`: `{base_url}{click_path}/{token}`.
    pub fn click_url(&self, token: &str) -> String {
        format!("{}{}/{}", self.base, self.options.click_path, token)
    }

    /// The open-pixel URL carrying `token`: `{base_url}{open_path}/{token}`.
    pub fn open_url(&self, token: &str) -> String {
        format!("{}{}/{}", self.base, self.options.open_path, token)
    }

    /// Tracks one email for one recipient: the open pixel and the tracked links in the HTML, the same
    /// tracked links in the text part, and the link table the host stores.
    ///
    /// - The pixel (an `<img>` of 1×1 pixel, `alt=""`) carries an `open` token with `email.claims`;
    ///   it is inserted before the first `</body>` end tag, or appended at the end of a document that
    ///   has none. A mail client that cuts a long message (Gmail beyond about 100 kB) may never load
    ///   it.
    /// - Each `<a>` whose `href` is an absolute `http`/`https` URL (character references decoded as a
    ///   browser does) is rewritten to a tracked link carrying a `click` token whose `link` claim is
    ///   the link's index, numbered from 0 in document order. Each such `<a>` has an index of its own
    ///   even when another one has the same target: a button and a footer link are counted apart
    ///   (merge them by target in the link table for per-URL figures).
    /// - Left untouched, and listed in [`TrackedEmail::untracked`] with the reason: `mailto:`,
    ///   `tel:`, `javascript:` and every other scheme, `#fragment`, empty and relative references
    ///   (a `<base href>` is not applied: mail clients differ), URLs that do not parse, hrefs with a
    ///   named character reference outside the table envoi knows, and links carrying the opt-out
    ///   attribute (which is removed).
    /// - The text part: see [`TrackedEmail::text`].
    ///
    /// Tokens are deterministic: tracking the same email with the same claims, times and key gives
    /// the same output.
    ///
    /// # Errors
    /// [`TrackingError::InvalidClaims`] when `claims.link` is set (the tracker numbers the links);
    /// [`TrackingError::TooManyLinks`] beyond 65,536 links; [`TrackingError::AmbiguousHtml`] for
    /// markup a streaming rewriter cannot place safely; [`TrackingError::Token`] when the key ring
    /// refuses to issue (an expiry not after `issued_at`…).
    pub fn track(
        &self,
        key_ring: &KeyRing,
        email: &EmailToTrack<'_>,
    ) -> Result<TrackedEmail, TrackingError> {
        if let Some(link) = email.claims.link {
            return Err(TrackingError::InvalidClaims {
                field: "claims.link",
                value: link.to_string(),
                rule: "must be empty: the tracker numbers the links of the email itself",
            });
        }
        let open_token = key_ring.issue(
            Purpose::Open,
            &email.claims,
            email.issued_at,
            email.expires_at,
        )?;
        let open_url = self.open_url(&open_token);
        let pixel = format!(
            "<img src=\"{}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\" />",
            escape_html(&open_url)
        );
        let mut click_url = |link: u16| -> Result<String, TrackingError> {
            let claims = Claims {
                link: Some(link),
                ..email.claims
            };
            let token =
                key_ring.issue(Purpose::Click, &claims, email.issued_at, email.expires_at)?;
            Ok(self.click_url(&token))
        };
        let html = rewrite_html(
            email.html,
            &self.options.opt_out_attribute,
            &pixel,
            &mut click_url,
        )?;
        let mut untracked = html.untracked;
        let text = email.text.map(|text| {
            let mut first_link_of_target: HashMap<&str, &str> = HashMap::new();
            for (target, url) in html.targets.iter().zip(&html.tracked_urls) {
                first_link_of_target.entry(target).or_insert(url);
            }
            let opted_out: HashSet<&str> =
                html.opted_out_targets.iter().map(String::as_str).collect();
            let rewritten = rewrite_text(text, &first_link_of_target, &opted_out);
            untracked.extend(rewritten.untracked);
            rewritten.text
        });
        Ok(TrackedEmail {
            html: html.html,
            text,
            links: LinkTable {
                targets: html.targets,
            },
            open_url,
            untracked,
        })
    }
}

/// One email to track for one recipient: its parts, the recipient's claims and the tokens' times.
///
/// See [`Tracker::track`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailToTrack<'a> {
    /// The HTML body, as it will be sent (already personalised).
    pub html: &'a str,
    /// The plain-text part, when the email has one.
    pub text: Option<&'a str>,
    /// The recipient's claims (account, message, occurrence, recipient); `link` must be empty.
    pub claims: Claims,
    /// The tokens' issue time (the send time, as a rule).
    pub issued_at: Instant,
    /// The tokens' expiry: a link followed at or after it resolves to the fallback. `None`: never.
    pub expires_at: Option<Instant>,
}

/// A tracked email: what goes out, and the link table the host keeps to resolve clicks.
///
/// ```
/// use envoi::tracking::{LinkPart, LinkTable, TrackedEmail, UntrackedLink, UntrackedReason};
///
/// let tracked = TrackedEmail {
///     html: "<a href=\"https://t.example.com/c/TOKEN\">A</a>".into(),
///     text: None,
///     links: LinkTable::new(vec!["https://example.com/a".into()]),
///     open_url: "https://t.example.com/o/TOKEN".into(),
///     untracked: vec![UntrackedLink {
///         part: LinkPart::Html,
///         href: "#top".into(),
///         reason: UntrackedReason::Fragment,
///     }],
/// };
/// let json = serde_json::to_value(&tracked)?;
/// assert_eq!(json["links"], serde_json::json!(["https://example.com/a"]));
/// assert_eq!(json["untracked"][0]["reason"], "fragment");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedEmail {
    /// The HTML body with the pixel and the tracked links.
    pub html: String,
    /// The text part with the same tracked links, when a text part was given. A `scheme://` URL in
    /// the text (its end found as mail clients find it, by the `linkify` crate) whose normalised
    /// target is the target of a tracked HTML link becomes that link's tracked URL (the first HTML
    /// link with that target: the index is shared). Other URLs stay as written: the text part
    /// tracks only what the HTML part tracks, so an opted-out HTML link stays untracked in the text
    /// too.
    pub text: Option<String>,
    /// The target of each tracked link by its index. The host stores it with the message (one table
    /// serves every recipient when the links are the same for all; per recipient when the links are
    /// personalised) and hands it back to resolve a click: the redirect target never comes from the
    /// token.
    pub links: LinkTable,
    /// The open pixel's URL (in the HTML already; for a host that places its own pixel).
    pub open_url: String,
    /// The links left untouched and why, HTML part first then text part, each in document order.
    pub untracked: Vec<UntrackedLink>,
}

/// The target URL of each tracked link of one email, by link index (0, 1, 2… in document order).
///
/// Serialises as a JSON array of URLs. A table read back from the host's store is not trusted
/// blindly: [`Tracker::resolve_click`] still redirects only to an absolute http(s) target.
///
/// ```
/// use envoi::tracking::LinkTable;
///
/// let table = LinkTable::new(vec!["https://example.com/a".into(), "https://example.com/b".into()]);
/// assert_eq!(table.get(1), Some("https://example.com/b"));
/// assert_eq!(table.get(2), None);
/// assert_eq!(serde_json::to_string(&table)?, r#"["https://example.com/a","https://example.com/b"]"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LinkTable {
    targets: Vec<String>,
}

impl LinkTable {
    /// A table of these targets, index = position.
    pub fn new(targets: Vec<String>) -> LinkTable {
        LinkTable { targets }
    }

    /// The target of link `link`, if the email has that many tracked links.
    pub fn get(&self, link: u16) -> Option<&str> {
        self.targets.get(usize::from(link)).map(String::as_str)
    }

    /// The number of tracked links.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether the email has no tracked link.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// The targets, index = link index.
    pub fn targets(&self) -> &[String] {
        &self.targets
    }

    /// Each link index with its target, in order.
    pub fn iter(&self) -> impl Iterator<Item = (u16, &str)> {
        (0..=u16::MAX).zip(self.targets.iter().map(String::as_str))
    }
}

/// Which part of the email a link was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPart {
    /// An `<a href>` of the HTML body.
    Html,
    /// A URL of the plain-text part.
    Text,
}

/// A link the tracker left as it was, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UntrackedLink {
    /// Where it is.
    pub part: LinkPart,
    /// The `href` as written in the HTML (character references not decoded), or the URL as found in
    /// the text.
    pub href: String,
    /// Why it is not tracked.
    pub reason: UntrackedReason,
}

/// Why a link was left untracked. Serialises in snake case (`opt_out`, `other_scheme`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UntrackedReason {
    /// The `<a>` carries the opt-out attribute (or, in the text part, an HTML link to the same
    /// target does).
    OptOut,
    /// A scheme other than http and https (`mailto:`, `tel:`, `javascript:`, `ftp:`…).
    OtherScheme,
    /// A reference to a fragment of the document itself (`#top`).
    Fragment,
    /// An empty `href`.
    Empty,
    /// A relative reference (`/page`, `page.html`, `//host/page`): `<base href>` is not applied.
    Relative,
    /// Not a URL the WHATWG parser accepts (`http://`, a space in the host…).
    Unparseable,
    /// An `href` holding a named character reference (`&name;`) outside the table envoi decodes:
    /// the target a browser would open is not certain.
    UnknownCharacterReference,
    /// A URL of the text part that no tracked HTML link points to.
    NotInHtml,
}

fn check_base_url(value: &str) -> Result<String, TrackingError> {
    let url = check_absolute_http_url("base_url", value)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(TrackingError::InvalidOption {
            field: "base_url",
            value: shown(value),
            rule: "has a query or a fragment; the tracked paths are appended to it",
        });
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn check_absolute_http_url(field: &'static str, value: &str) -> Result<Url, TrackingError> {
    let invalid = |rule| TrackingError::InvalidOption {
        field,
        value: shown(value),
        rule,
    };
    let url = Url::parse(value).map_err(|_| invalid("is not an absolute URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("is not an http or https URL"));
    }
    if url.host().is_none() {
        return Err(invalid("has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("holds credentials (user:password@)"));
    }
    Ok(url)
}

fn check_path(field: &'static str, value: &str) -> Result<(), TrackingError> {
    let invalid = |rule| TrackingError::InvalidOption {
        field,
        value: shown(value),
        rule,
    };
    let Some(rest) = value.strip_prefix('/') else {
        return Err(invalid("must start with /"));
    };
    if rest.is_empty() || rest.len() > 64 {
        return Err(invalid("must have 1 to 64 characters after the leading /"));
    }
    if !rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b))
    {
        return Err(invalid("may hold only letters, digits and -._~/"));
    }
    if rest.contains("//") || rest.ends_with('/') {
        return Err(invalid(
            "may not have an empty segment (// or a trailing /)",
        ));
    }
    if rest
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err(invalid("may not have a . or .. segment"));
    }
    Ok(())
}

fn check_attribute_name(value: &str) -> Result<(), TrackingError> {
    let valid = value.len() <= 64
        && value
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    if valid {
        Ok(())
    } else {
        Err(TrackingError::InvalidOption {
            field: "opt_out_attribute",
            value: shown(value),
            rule: "must be a letter then letters, digits and -_.: (at most 64)",
        })
    }
}
