//! `tracking.Tracker`: the Node face of `envoi::tracking::Tracker` (tracking an email: the open
//! pixel and the rewritten links; resolving click and open tokens), with the host's link lookup
//! written in JS.

use std::cell::Cell;

use envoi::ErrorCode;
use envoi::token::Claims;
use envoi::tracking::{
    self as core_tracking, ClickResolution, EmailToTrack, OpenResolution, TrackingOptions,
};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use crate::args::{
    instance_arg, napi_error, option_field, options_object, string_arg, type_name, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg, throw_type_error};
use crate::js::{Js, Raw};
use crate::time::rethrow;
use crate::token::{
    JsVerified, KeyRing, claims_arg, claims_to_js, expiry_option, now_arg, now_option,
    verified_to_js,
};

/// Options of the {@link Tracker} constructor. Every field is optional; `null` is the same as
/// absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct TrackerOptions {
    /// The path of the open pixel under the base URL (default `'/o'`): starts with `/`, then
    /// letters, digits and `-._~/`.
    #[napi(ts_type = "string | null")]
    pub open_path: Option<String>,
    /// The path of the tracked links under the base URL (default `'/c'`), same rule.
    #[napi(ts_type = "string | null")]
    pub click_path: Option<String>,
    /// The attribute that keeps an `<a>` untracked (default `'data-envoi-notrack'`); it is removed
    /// from the output.
    #[napi(ts_type = "string | null")]
    pub opt_out_attribute: Option<String>,
}

/// Options of {@link Tracker.track}. Every field is optional; `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking"
)]
pub struct TrackOptions {
    /// The plain-text part, when the email has one: its URLs that an HTML link tracks become the
    /// same tracked links.
    #[napi(ts_type = "string | null")]
    pub text: Option<String>,
    /// The tokens' issue time (the send time, as a rule); default the real clock.
    #[napi(ts_type = "Date | string | null")]
    pub now: Option<String>,
    /// The tokens' expiry (a link followed at or after it goes to the fallback); absent: never.
    #[napi(ts_type = "Date | string | null")]
    pub expires: Option<String>,
    /// The expiry as seconds after `now`, instead of `expires`.
    #[napi(ts_type = "number | null")]
    pub expires_in: Option<f64>,
}

/// A tracked email ({@link Tracker.track}): what goes out, and the link table the host keeps.
#[napi(
    object,
    object_from_js = false,
    namespace = "tracking",
    use_nullable = true
)]
pub struct TrackedEmail {
    /// The HTML body with the open pixel and the tracked links.
    pub html: String,
    /// The text part with the same tracked links; `null` when no text part was given.
    pub text: Option<String>,
    /// The target of each tracked link by its index (0, 1, 2… in document order): the link table,
    /// also its JSON form. The host stores it with the message and gives it back through the
    /// lookup of {@link Tracker.resolveClick}: the redirect target never comes from the token.
    pub links: Vec<String>,
    /// The open pixel's URL (already in the HTML).
    pub open_url: String,
    /// The links left untouched and why, HTML part first then text part, in document order.
    pub untracked: Vec<UntrackedLink>,
}

/// A link the tracker left as it was, and why.
#[napi(object, object_from_js = false, namespace = "tracking")]
pub struct UntrackedLink {
    /// Where it is.
    #[napi(ts_type = "'html' | 'text'")]
    pub part: String,
    /// The `href` as written in the HTML, or the URL as found in the text.
    pub href: String,
    /// Why: `'opt_out'`, `'other_scheme'` (`mailto:`, `tel:`…), `'fragment'`, `'empty'`,
    /// `'relative'`, `'unparseable'`, `'unknown_character_reference'` or `'not_in_html'`.
    pub reason: String,
}

/// Where a click goes ({@link Tracker.resolveClick}).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field in resolveClick"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "ClickResolution",
    use_nullable = true
)]
pub struct JsClickResolution {
    /// The URL to redirect the visitor to: the original target, or the tracker's fallback URL.
    pub url: String,
    /// The verified token when the click resolved to its target (record a click event for its
    /// claims); `null` when it fell back.
    #[napi(ts_type = "Verified | null")]
    pub verified: Option<JsVerified>,
    /// Why the click fell back, for the host's logs only (never show it): the key ring's code
    /// (`'token.bad_tag'`, `'token.expired'`…), `'tracking.no_link_claim'`,
    /// `'tracking.unknown_link'` or `'tracking.unsafe_target'`; `null` when it resolved.
    pub reason: Option<String>,
    /// The reason in words (the core's message), for the logs; `null` when it resolved.
    pub detail: Option<String>,
}

/// What an open-pixel request means ({@link Tracker.resolveOpen}): serve the pixel either way.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built field by field in resolveOpen"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "OpenResolution",
    use_nullable = true
)]
pub struct JsOpenResolution {
    /// The verified `open` token (record an open event for its claims); `null` to ignore.
    #[napi(ts_type = "Verified | null")]
    pub verified: Option<JsVerified>,
    /// Why the request is ignored (the key ring's code), for the logs; `null` when it counts.
    pub reason: Option<String>,
    /// The reason in words, for the logs; `null` when it counts.
    pub detail: Option<String>,
}

const TRACKER_OPTIONS: [&str; 3] = ["openPath", "clickPath", "optOutAttribute"];
const TRACK_OPTIONS: [&str; 4] = ["text", "now", "expires", "expiresIn"];

/// Tracks emails and resolves their tokens: a tracked link is `{baseUrl}{clickPath}/{token}` and
/// the pixel `{baseUrl}{openPath}/{token}`; the host serves both paths and hands the token to
/// {@link Tracker.resolveClick} and {@link Tracker.resolveOpen}. A click that does not resolve
/// goes to `fallbackUrl` (an absolute http(s) URL, the sender's home page say).
///
/// Errors: `tracking.invalid_option` (`field`, `value`, `rule`) for a base URL that is not an
/// absolute http(s) URL without query, a path or attribute out of its rule, the same path twice.
///
/// ```js
/// const { tracking } = require('envoi')
/// const tracker = new tracking.Tracker('https://t.example.com', 'https://example.com/')
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 1) }, 1)
/// const sent = '2026-03-02T09:00:00Z'
/// const email = tracker.track(ring, '<a href="https://example.com/offer">Offer</a>',
///   { account: 7, message: 42, recipient: 1001 }, { now: sent, expiresIn: 365 * 86400 })
/// email.links                                     // ['https://example.com/offer']
/// const token = email.html.match(/\/c\/([\w-]+)/)[1]
/// const click = tracker.resolveClick(ring, token, (claims) => email.links[claims.link], { now: sent })
/// click.url                                       // 'https://example.com/offer'
/// tracker.resolveClick(ring, 'forged', () => null).url   // 'https://example.com/'
/// ```
#[napi(namespace = "tracking")]
pub struct Tracker {
    inner: core_tracking::Tracker,
}

#[napi(namespace = "tracking")]
impl Tracker {
    /// A tracker for `baseUrl` (the tracking site) whose refused clicks go to `fallbackUrl`, with
    /// the default paths (`'/o'`, `'/c'`) and opt-out attribute (`'data-envoi-notrack'`) unless
    /// given.
    #[napi(
        constructor,
        ts_args_type = "baseUrl: string, fallbackUrl: string, options?: TrackerOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        base_url: String,
        fallback_url: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let mut config = TrackingOptions::new(base_url, fallback_url);
            if let Some(object) = options_object(
                options.as_ref(),
                &TRACKER_OPTIONS,
                "{ openPath: '/o', clickPath: '/c', optOutAttribute: 'data-envoi-notrack' }",
            )? {
                if let Some(value) = option_field(&object, "openPath")? {
                    config.open_path = string_arg("openPath", &value)?;
                }
                if let Some(value) = option_field(&object, "clickPath")? {
                    config.click_path = string_arg("clickPath", &value)?;
                }
                if let Some(value) = option_field(&object, "optOutAttribute")? {
                    config.opt_out_attribute = string_arg("optOutAttribute", &value)?;
                }
            }
            let inner =
                core_tracking::Tracker::new(config).map_err(|error| envoi_error(env, error))?;
            Ok(Tracker { inner })
        })
    }

    /// The base URL, as given.
    #[napi(getter)]
    pub fn base_url(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.options().base_url.clone()))
    }

    /// The URL a refused click is sent to (normalised by the URL parser).
    #[napi(getter)]
    pub fn fallback_url(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.fallback_url().to_owned()))
    }

    /// The path of the open pixel.
    #[napi(getter)]
    pub fn open_path(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.options().open_path.clone()))
    }

    /// The path of the tracked links.
    #[napi(getter)]
    pub fn click_path(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.options().click_path.clone()))
    }

    /// The attribute that keeps a link untracked.
    #[napi(getter)]
    pub fn opt_out_attribute(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.options().opt_out_attribute.clone()))
    }

    /// The tracked-link URL carrying `token`: `{baseUrl}{clickPath}/{token}`.
    #[napi]
    pub fn click_url(&self, token: String) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.click_url(&token)))
    }

    /// The open-pixel URL carrying `token`: `{baseUrl}{openPath}/{token}`.
    #[napi]
    pub fn open_url(&self, token: String) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.open_url(&token)))
    }

    /// Tracks one email for one recipient: inserts the open pixel (an `open` token with `claims`)
    /// before `</body>`, rewrites each `<a href>` with an absolute http(s) URL into a tracked link
    /// (a `click` token whose `link` is the link's index), and the same links in the text part
    /// (`{ text }`). `mailto:`, `tel:`, fragments, relative links and links with the opt-out
    /// attribute are left as they are and listed in `untracked`. Tokens are deterministic.
    ///
    /// Errors: `tracking.invalid_claims` (`claims.link` is set: the tracker numbers the links),
    /// `tracking.too_many_links` (`limit`), `tracking.ambiguous_html` (`detail`: markup a
    /// streaming rewriter cannot place safely), `token.invalid_time` (an expiry not after `now`).
    #[napi(
        ts_args_type = "keyRing: KeyRing, html: string, claims: Claims, options?: TrackOptions | undefined | null"
    )]
    pub fn track(
        &self,
        env: Env,
        key_ring: Unknown<'_>,
        html: String,
        claims: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<TrackedEmail, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let claims = claims_arg(env, "claims", &claims)?;
            let options = options_object(
                options.as_ref(),
                &TRACK_OPTIONS,
                "{ text: 'Offer: https://example.com/offer', expiresIn: 365 * 86400 }",
            )?;
            let text = match options.as_ref() {
                Some(object) => option_field(object, "text")?
                    .map(|value| string_arg("text", &value))
                    .transpose()?,
                None => None,
            };
            let now = now_option(options.as_ref())?;
            let expires_at = expiry_option(options.as_ref(), now)?;
            let tracked = self
                .inner
                .track(
                    ring,
                    &EmailToTrack {
                        html: &html,
                        text: text.as_deref(),
                        claims,
                        issued_at: now,
                        expires_at,
                    },
                )
                .map_err(|error| envoi_error(env, error))?;
            Ok(TrackedEmail {
                html: tracked.html,
                text: tracked.text,
                links: tracked.links.targets().to_vec(),
                open_url: tracked.open_url,
                untracked: tracked
                    .untracked
                    .into_iter()
                    .map(|link| UntrackedLink {
                        part: snake_name!(&link.part),
                        href: link.href,
                        reason: snake_name!(&link.reason),
                    })
                    .collect(),
            })
        })
    }

    /// Resolves the token of a tracked link at `now`: the original target, or the fallback URL
    /// with the reason. Never throws for a token, whatever its text.
    ///
    /// `lookup` is the host's: given the verified claims (message, recipient…, and the `link`
    /// index), the target it stored in that email's link table, or `null`/`undefined`. envoi calls
    /// it once, only after the token verified as a `click` token with a `link`, and redirects to
    /// its answer only if it is an absolute http(s) URL (no open redirect). An exception it
    /// throws reaches the caller unchanged (the same object), as the `vies` checker's does; an
    /// answer of another type (a `Promise`: the call is synchronous) throws a `TypeError` with
    /// code `InvalidArg`.
    #[napi(
        ts_args_type = "keyRing: KeyRing, token: string, lookup: (claims: Claims) => string | null | undefined, options?: NowOptions | undefined | null",
        ts_return_type = "ClickResolution"
    )]
    pub fn resolve_click(
        &self,
        env: Env,
        key_ring: Unknown<'_>,
        token: Unknown<'_>,
        lookup: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let token = string_arg("token", &token)?;
            if type_of("lookup", &lookup)? != ValueType::Function {
                return Err(invalid_arg(format!(
                    "lookup: expected a function (claims) => target URL or null, got a value of type {}",
                    type_name(type_of("lookup", &lookup)?)
                )));
            }
            let now = now_arg(env, options.as_ref())?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let host = HostLookup {
                js,
                function: lookup.raw(),
                failure: Cell::new(None),
            };
            let resolution = self
                .inner
                .resolve_click(ring, &token, now, |claims| host.ask(claims));
            match host.failure.take() {
                Some(Failure::Thrown(exception)) => return Err(rethrow(env.raw(), exception)),
                Some(Failure::Answer(message)) => return Err(throw_type_error(env, message)),
                Some(Failure::Error(error)) => return Err(error),
                None => {}
            }
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"url", js.str(resolution.redirect_url())?)?;
                let (verified, reason, detail) = match &resolution {
                    ClickResolution::Target { verified, .. } => {
                        (verified_to_js(js, verified)?, js.null()?, js.null()?)
                    }
                    ClickResolution::Fallback { reason, .. } => (
                        js.null()?,
                        js.str(reason.code())?,
                        js.str(&reason.to_string())?,
                    ),
                };
                js.set_named(object, c"verified", verified)?;
                js.set_named(object, c"reason", reason)?;
                js.set_named(object, c"detail", detail)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Resolves the token of an open pixel at `now`: the verified claims to record, or
    /// `verified: null` with the reason (serve the pixel either way, so the visitor learns
    /// nothing). Never throws for a token.
    #[napi(
        ts_args_type = "keyRing: KeyRing, token: string, options?: NowOptions | undefined | null",
        ts_return_type = "OpenResolution"
    )]
    pub fn resolve_open(
        &self,
        env: Env,
        key_ring: Unknown<'_>,
        token: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = ring_arg(&key_ring)?;
            let token = string_arg("token", &token)?;
            let now = now_arg(env, options.as_ref())?;
            let resolution = self.inner.resolve_open(ring, &token, now);
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                let (verified, reason, detail) = match &resolution {
                    OpenResolution::Open { verified } => {
                        (verified_to_js(js, verified)?, js.null()?, js.null()?)
                    }
                    OpenResolution::Ignore { reason } => (
                        js.null()?,
                        js.str(reason.code())?,
                        js.str(&reason.to_string())?,
                    ),
                };
                js.set_named(object, c"verified", verified)?;
                js.set_named(object, c"reason", reason)?;
                js.set_named(object, c"detail", detail)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }
}

/// Reads a `tracking.KeyRing` argument.
pub fn ring_arg(value: &Unknown<'_>) -> Result<&'static envoi::token::KeyRing, JsError> {
    instance_arg::<KeyRing>("keyRing", value, "a tracking.KeyRing").map(|ring| &ring.inner)
}

/// The name a unit enum has in the core's JSON form (`"other_scheme"`).
macro_rules! snake_name {
    ($value:expr) => {
        match serde_json::to_value($value) {
            Ok(serde_json::Value::String(name)) => name,
            _ => String::new(),
        }
    };
}
use snake_name;

/// Why the host's lookup gave no answer the core can use, kept to throw once the core returns.
enum Failure {
    /// The lookup threw this value (the pending exception, cleared).
    Thrown(sys::napi_value),
    /// Its answer was not a string, `null` or `undefined` (the message of the `TypeError`).
    Answer(String),
    /// Node-API failed.
    Error(JsError),
}

/// Adapts a JS function `(claims) => string | null | undefined` to the core's lookup.
///
/// Lives only for one synchronous call on the JS thread, so its raw handles stay valid. A failure
/// is kept in `failure` and the core is told there is no target; `resolveClick` then throws it.
struct HostLookup {
    js: Js,
    function: sys::napi_value,
    failure: Cell<Option<Failure>>,
}

impl HostLookup {
    fn ask(&self, claims: &Claims) -> Option<String> {
        match self.answer(claims) {
            Ok(answer) => answer,
            Err(failure) => {
                self.failure.set(Some(failure));
                None
            }
        }
    }

    fn answer(&self, claims: &Claims) -> Result<Option<String>, Failure> {
        let js = self.js;
        let node_api = |error: napi::Error| Failure::Error(napi_error(error));
        let argument = claims_to_js(js, claims).map_err(node_api)?;
        let (status, result) = js.call_raw(self.function, &[argument]);
        if status == sys::Status::napi_pending_exception
            && let Some(exception) = js.take_exception()
        {
            return Err(Failure::Thrown(exception));
        }
        if status != sys::Status::napi_ok {
            return Err(Failure::Error(napi::Error::new(
                Code::Napi(napi::Status::from(status)),
                "lookup: calling the host's lookup failed".to_owned(),
            )));
        }
        match js.type_of(result).map_err(node_api)? {
            sys::ValueType::napi_null | sys::ValueType::napi_undefined => Ok(None),
            sys::ValueType::napi_string => js
                .get_string(result, "lookup(claims)")
                .map(Some)
                .map_err(node_api),
            kind => {
                let what = if kind == sys::ValueType::napi_object
                    && js.is_promise(result).map_err(node_api)?
                {
                    "a Promise (the call is synchronous: look the target up first)".to_owned()
                } else {
                    format!("a value of type {}", type_name(ValueType::from(kind)))
                };
                Err(Failure::Answer(format!(
                    "lookup(claims): the lookup returned {what}; expected the target URL (a string), null or undefined"
                )))
            }
        }
    }
}
