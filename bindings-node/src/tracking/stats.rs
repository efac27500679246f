//! `tracking.Stats`, `tracking.MachineRules` and `tracking.StatsReport`: the Node face of the
//! core's engagement statistics (raw events, the machine-event classifier, the report).
//!
//! Every number counts **links, not people**: a forwarded mail carries the same links, and
//! "unique" means distinct recipient-links (the names say `uniqueLinks`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use envoi::time::Instant;
use envoi::token::{Purpose, TokenId, Verified};
use envoi::tracking::{
    self as core_tracking, EngagementCounts as CoreCounts, EventKind, MachineRules as CoreRules,
    MessageKey, TrackingEvent,
};
use napi::bindgen_prelude::{Object, ToNapiValue, Unknown};
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use crate::args::{
    array_items, bool_value, count_arg, instance_arg, napi_error, number_value, option_field,
    options_object, record_arg, string_arg, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::json;
use crate::time::{format_utc, instant_arg};
use crate::token::{JsClaims, claims_arg, claims_from};

/// An id as JS reads it exactly: a number up to 2^53 − 1, a `bigint` above.
pub struct Id(pub u64);

impl ToNapiValue for Id {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi-rs calls this inside a Node-API call of `env`, on its thread.
        unsafe { Js::new(env) }.id(value.0)
    }
}

/// The rules that tell likely machine events (privacy proxies, link scanners) from human ones:
/// the built-in ones ({@link MachineRules.builtin}: Apple Mail Privacy Protection, Google's image
/// proxy, Yahoo, Outlook by user agent; link scanners by HEAD requests, clicks seconds after
/// delivery, every link clicked within a second), or a host's own list in the same JSON format
/// ({@link MachineRules.fromJson}). Immutable.
///
/// ```js
/// const { tracking } = require('envoi')
/// const builtin = tracking.MachineRules.builtin()
/// builtin.ruleNames.includes('apple_mpp_user_agent')   // true
/// const same = tracking.MachineRules.fromJson(builtin.toJson())
/// same.equals(builtin)                                 // true
/// ```
#[napi(namespace = "tracking")]
pub struct MachineRules {
    inner: Cow<'static, CoreRules>,
}

#[napi(namespace = "tracking")]
impl MachineRules {
    /// envoi's rules (see their `source` and `checked_on` in {@link MachineRules.toJson}).
    #[napi(factory)]
    pub fn builtin() -> napi::Result<MachineRules, Code> {
        guard(|| {
            Ok(MachineRules {
                inner: Cow::Borrowed(CoreRules::builtin()),
            })
        })
    }

    /// Reads rules in the built-in rules' JSON format. Errors: `tracking.invalid_rules_json`
    /// (`line`, `column`, `reason`), `tracking.invalid_machine_rule` and
    /// `tracking.invalid_ip_range` (`entry`, `field`, `value`, `rule`),
    /// `tracking.duplicate_rule_name` (`name`, `first`, `second`).
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<MachineRules, Code> {
        guard(|| {
            let inner = CoreRules::from_json(&json).map_err(|error| envoi_error(env, error))?;
            Ok(MachineRules {
                inner: Cow::Owned(inner),
            })
        })
    }

    /// The rules' JSON form (pretty-printed), the same in every envoi binding: edit it and read it
    /// back with {@link MachineRules.fromJson} to tune the rules.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The verdict rule name of each rule, in the order they are tried
    /// (`'apple_mpp_user_agent'`, `'ip_range:corporate_gateway'`…).
    #[napi(getter)]
    pub fn rule_names(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .rules()
                .iter()
                .map(core_tracking::MachineRule::verdict_rule)
                .collect())
        })
    }

    /// Whether `other` holds the same rules. `InvalidArg` when `other` is not a `MachineRules`.
    #[napi(strict)]
    pub fn equals(&self, other: &MachineRules) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// Options of {@link Stats.record}: what the host's HTTP endpoint knew about the request. Every
/// field is optional; `null` is the same as absent.
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
pub struct RecordOptions {
    /// The request's `User-Agent` header as sent (`''` when it had none).
    #[napi(ts_type = "string | null")]
    pub user_agent: Option<String>,
    /// The client's IP address (`'17.58.0.1'`, `'2a02:a03f::1'`).
    #[napi(ts_type = "string | null")]
    pub ip: Option<String>,
    /// Whether the request was an HTTP `HEAD` (a link checker).
    #[napi(ts_type = "boolean | null")]
    pub head_request: Option<bool>,
    /// The host's own class of the client (`'bot'`, `'webmail'`…).
    #[napi(ts_type = "string | null")]
    pub client_class: Option<String>,
    /// When the message was delivered (the host's delivery report): a `Date` or an ISO string.
    #[napi(ts_type = "Date | string | null")]
    pub delivered_at: Option<String>,
    /// How many tracked links the message has (`tracked.links.length`).
    #[napi(ts_type = "number | null")]
    pub links_in_message: Option<f64>,
}

/// One raw tracking event in the core's JSON form (snake_case, instants RFC 3339 in UTC), the same
/// in every envoi binding: {@link Stats.events} returns them, {@link Stats.fromEvents} reads them
/// back. Only `kind`, `claims` and `at` are required.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "tracking",
    js_name = "TrackingEvent"
)]
pub struct JsTrackingEvent {
    /// `'open'` or `'click'`.
    #[napi(ts_type = "'open' | 'click'")]
    pub kind: String,
    /// The token's claims: they identify the link, not a person.
    #[napi(ts_type = "Claims")]
    pub claims: JsClaims,
    /// When the request arrived.
    #[napi(ts_type = "Date | string")]
    pub at: String,
    /// The `User-Agent` header, when recorded.
    #[napi(js_name = "user_agent")]
    pub user_agent: Option<String>,
    /// The client's IP address, when recorded.
    pub ip: Option<String>,
    /// Whether the request was a `HEAD`.
    #[napi(js_name = "head_request")]
    pub head_request: Option<bool>,
    /// The host's class of the client.
    #[napi(js_name = "client_class")]
    pub client_class: Option<String>,
    /// When the message was delivered.
    #[napi(js_name = "delivered_at", ts_type = "Date | string")]
    pub delivered_at: Option<String>,
    /// How many tracked links the message has.
    #[napi(js_name = "links_in_message")]
    pub links_in_message: Option<u32>,
}

/// The verdict on one event: human, or machine with the rule that decided.
#[napi(object, object_from_js = false, namespace = "tracking")]
pub struct Verdict {
    /// `'human'` or `'machine'`.
    #[napi(js_name = "class", ts_type = "'human' | 'machine'")]
    pub class: String,
    /// `'human'`, or the machine rule's name (`'apple_mpp_user_agent'`).
    pub rule: String,
}

/// Counts of one kind of event (opens or clicks) at one level of a {@link StatsReport}: events
/// (`total`) and distinct recipient-links (`uniqueLinks`): links, not people. `humanTotal +
/// machineTotal === total`; a link opened by a proxy and by its reader counts once in
/// `uniqueLinks`, and in both `humanUniqueLinks` and `machineUniqueLinks`.
#[napi(
    object,
    object_from_js = false,
    namespace = "tracking",
    use_nullable = true
)]
pub struct EngagementCounts {
    /// Events.
    pub total: f64,
    /// Distinct recipient-links with at least one event.
    pub unique_links: f64,
    /// Events judged human.
    pub human_total: f64,
    /// Distinct recipient-links with at least one human event.
    pub human_unique_links: f64,
    /// Events judged machine.
    pub machine_total: f64,
    /// Distinct recipient-links with at least one machine event.
    pub machine_unique_links: f64,
    /// The first event, RFC 3339 in UTC; `null` when none.
    pub first_at: Option<String>,
    /// The last event; `null` when none.
    pub last_at: Option<String>,
    /// The first human event; `null` when none.
    pub human_first_at: Option<String>,
    /// The last human event; `null` when none.
    pub human_last_at: Option<String>,
    /// Machine events by the rule that decided (`{ apple_mpp_user_agent: 1 }`).
    #[napi(ts_type = "Record<string, number>")]
    pub machine_by_rule: BTreeMap<String, f64>,
}

/// Which message (and which send of it) events belong to: the account, message and occurrence
/// claims of their tokens; `null` for a claim the tokens did not carry.
#[napi(
    object,
    namespace = "tracking",
    js_name = "MessageKey",
    object_from_js = false,
    use_nullable = true
)]
pub struct JsMessageKey {
    /// The account.
    #[napi(ts_type = "number | bigint | null")]
    pub account: Option<Id>,
    /// The message.
    #[napi(ts_type = "number | bigint | null")]
    pub message: Option<Id>,
    /// The occurrence.
    pub occurrence: Option<u32>,
}

/// The clicks of one link.
#[napi(
    object,
    object_from_js = false,
    namespace = "tracking",
    use_nullable = true
)]
pub struct LinkStats {
    /// The link index; `null` for click tokens without one.
    pub link: Option<u32>,
    /// Its clicks.
    pub clicks: EngagementCounts,
}

/// The opens and clicks of one recipient's links (a recipient-link, not a person).
#[napi(
    object,
    object_from_js = false,
    namespace = "tracking",
    use_nullable = true
)]
pub struct RecipientLinkStats {
    /// The recipient; `null` for tokens without one.
    #[napi(ts_type = "number | bigint | null")]
    pub recipient: Option<Id>,
    /// Opens of the recipient's pixel.
    pub opens: EngagementCounts,
    /// Clicks on the recipient's copies of the links.
    pub clicks: EngagementCounts,
    /// Per link, in link order.
    pub links: Vec<LinkStats>,
}

/// The statistics of one message.
#[napi(object, object_from_js = false, namespace = "tracking")]
pub struct MessageStats {
    /// Which message.
    #[napi(ts_type = "MessageKey")]
    pub message: JsMessageKey,
    /// Its opens.
    pub opens: EngagementCounts,
    /// Its clicks.
    pub clicks: EngagementCounts,
    /// Clicks per link (every recipient's copy of it), in link order.
    pub links: Vec<LinkStats>,
    /// Per recipient, in recipient order.
    pub recipients: Vec<RecipientLinkStats>,
}

const RECORD_OPTIONS: [&str; 6] = [
    "userAgent",
    "ip",
    "headRequest",
    "clientClass",
    "deliveredAt",
    "linksInMessage",
];

/// Engagement statistics: raw tracking events (opens and clicks) and their aggregate, with likely
/// machine events (privacy proxies, link scanners) told from human ones by
/// {@link MachineRules}. Every event is kept, so the host can aggregate again with other rules.
///
/// The numbers count **links, not people**: a forwarded mail carries the same links, so "unique"
/// means distinct recipient-links.
///
/// ```js
/// const { tracking } = require('envoi')
/// const stats = new tracking.Stats()
/// const pixel = { account: 1, message: 42, recipient: 7 }
/// stats.record('open', pixel, '2026-11-30T09:00:02Z', { userAgent: 'Mozilla/5.0' }) // Apple's proxy
/// stats.record('open', pixel, '2026-11-30T11:15:00Z', {
///   userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
/// })
/// const opens = stats.report().message({ account: 1, message: 42 }).opens
/// ;[opens.total, opens.uniqueLinks, opens.humanTotal, opens.machineTotal] // [2, 1, 1, 1]
/// opens.machineByRule                           // { apple_mpp_user_agent: 1 }
/// ```
#[napi(namespace = "tracking")]
pub struct Stats {
    inner: core_tracking::Stats,
}

#[napi(namespace = "tracking")]
impl Stats {
    /// No events, and `rules` (default the built-in ones).
    #[napi(constructor, ts_args_type = "rules?: MachineRules | undefined | null")]
    pub fn new(rules: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        guard(|| {
            Ok(Stats {
                inner: core_tracking::Stats::with_rules(rules_arg(rules.as_ref())?),
            })
        })
    }

    /// Events the host kept (as {@link Stats.events} gave them, or their JSON text as
    /// {@link Stats.eventsJson} gave it), with `rules` (default the built-in ones): the way to
    /// aggregate again. `InvalidArg` naming the position of an element that is not an event.
    #[napi(
        factory,
        ts_args_type = "events: TrackingEvent[] | string, rules?: MachineRules | undefined | null"
    )]
    pub fn from_events(
        env: Env,
        events: Unknown<'_>,
        rules: Option<Unknown<'_>>,
    ) -> napi::Result<Stats, Code> {
        guard(|| {
            let rules = rules_arg(rules.as_ref())?;
            let events: Vec<TrackingEvent> = if type_of("events", &events)? == ValueType::String {
                let text = string_arg("events", &events)?;
                serde_json::from_str(&text)
                    .map_err(|error| invalid_arg(format!("events: {error}")))?
            } else {
                // SAFETY: `env` is the environment of this call, on its thread.
                let js = unsafe { Js::new(env.raw()) };
                array_items(
                    "events",
                    &events,
                    "an array of events (as stats.events() returns) or their JSON text",
                )?
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let name = format!("events[{index}]");
                    let value = json::from_js(js, item.raw(), &name)?;
                    serde_json::from_value(value)
                        .map_err(|error| invalid_arg(format!("{name}: {error}")))
                })
                .collect::<Result<_, JsError>>()?
            };
            Ok(Stats {
                inner: core_tracking::Stats::from_events(rules, events),
            })
        })
    }

    /// Records one open or click at `at`, for a token's `claims` (as {@link KeyRing.verify} or
    /// {@link Tracker.resolveClick} gave them), with what the host's endpoint knew about the
    /// request. Every event is kept; the same event twice counts twice.
    #[napi(
        ts_args_type = "kind: 'open' | 'click', claims: Claims, at: Date | string, options?: RecordOptions | undefined | null"
    )]
    pub fn record(
        &mut self,
        env: Env,
        kind: Unknown<'_>,
        claims: Unknown<'_>,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let kind = match string_arg("kind", &kind)?.as_str() {
                "open" => EventKind::Open,
                "click" => EventKind::Click,
                other => {
                    return Err(invalid_arg(format!(
                        "kind: {other:?} is not an event kind; use 'open' or 'click'"
                    )));
                }
            };
            let claims = claims_arg(env, "claims", &claims)?;
            let at = instant_arg("at", &at)?;
            let event = with_options(TrackingEvent::new(kind, claims, at), options.as_ref())?;
            self.inner.record(event);
            Ok(())
        })
    }

    /// Records the open or click of a verified token (as {@link KeyRing.verify} or
    /// {@link Tracker.resolveClick} gave it) at `at`: the kind comes from its purpose. A token of
    /// another purpose throws `tracking.not_a_tracking_token` (`purpose`): approval, password
    /// reset, sender verification and secure-email links are never counted.
    #[napi(
        ts_args_type = "verified: Verified, at: Date | string, options?: RecordOptions | undefined | null"
    )]
    pub fn record_verified(
        &mut self,
        env: Env,
        verified: Unknown<'_>,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let verified = verified_arg(env, &verified)?;
            let at = instant_arg("at", &at)?;
            let event = TrackingEvent::from_verified(&verified, at)
                .map_err(|error| envoi_error(env, error))?;
            self.inner.record(with_options(event, options.as_ref())?);
            Ok(())
        })
    }

    /// The number of events recorded.
    #[napi(getter)]
    pub fn event_count(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(u32::try_from(self.inner.events().len()).unwrap_or(u32::MAX)))
    }

    /// The rules the statistics classify with.
    #[napi(getter)]
    pub fn rules(&self) -> napi::Result<MachineRules, Code> {
        guard(|| {
            Ok(MachineRules {
                inner: Cow::Owned(self.inner.rules().clone()),
            })
        })
    }

    /// The raw events in the order recorded, in the core's JSON form (what the host stores). Ids
    /// above 2^53 − 1 are `bigint`s, which `JSON.stringify` refuses: store
    /// {@link Stats.eventsJson} then.
    #[napi(ts_return_type = "TrackingEvent[]")]
    pub fn events(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            let value = serde_json::to_value(self.inner.events())
                .map_err(|error| invalid_arg(format!("events: {error}")))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            json::to_js(js, &value).map(Raw).map_err(napi_error)
        })
    }

    /// The raw events as JSON text (exact for every id), for {@link Stats.fromEvents}.
    #[napi]
    pub fn events_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(self.inner.events())
                .map_err(|error| invalid_arg(format!("events: {error}")))
        })
    }

    /// The verdict of each event, in the order of {@link Stats.events}.
    #[napi]
    pub fn verdicts(&self) -> napi::Result<Vec<Verdict>, Code> {
        guard(|| {
            Ok(self
                .inner
                .verdicts()
                .into_iter()
                .map(|verdict| Verdict {
                    class: if verdict.is_machine() {
                        "machine"
                    } else {
                        "human"
                    }
                    .to_owned(),
                    rule: verdict.rule,
                })
                .collect())
        })
    }

    /// The aggregate of every event: totals, per message, per recipient-link and per link.
    #[napi]
    pub fn report(&self) -> napi::Result<StatsReport, Code> {
        guard(|| {
            Ok(StatsReport {
                inner: self.inner.report(),
            })
        })
    }
}

/// The aggregate of a {@link Stats}: opens and clicks of every message, then per message
/// (`messages`, sorted by account, message and occurrence; {@link StatsReport.message} finds one),
/// per recipient-link and per link. Links, not people.
#[napi(namespace = "tracking")]
pub struct StatsReport {
    inner: core_tracking::StatsReport,
}

#[napi(namespace = "tracking")]
impl StatsReport {
    /// Every open.
    #[napi(getter)]
    pub fn opens(&self) -> napi::Result<EngagementCounts, Code> {
        guard(|| Ok(counts(&self.inner.opens)))
    }

    /// Every click.
    #[napi(getter)]
    pub fn clicks(&self) -> napi::Result<EngagementCounts, Code> {
        guard(|| Ok(counts(&self.inner.clicks)))
    }

    /// Per message, sorted by account, message and occurrence.
    #[napi(getter)]
    pub fn messages(&self) -> napi::Result<Vec<MessageStats>, Code> {
        guard(|| Ok(self.inner.messages.iter().map(message_stats).collect()))
    }

    /// The statistics of one message: `{ account, message, occurrence }` (a claim absent or `null`
    /// is the tokens' absent claim, a value of its own); `null` when it had no event.
    #[napi(
        ts_args_type = "key: { account?: number | bigint | null; message?: number | bigint | null; occurrence?: number | null }"
    )]
    pub fn message(&self, env: Env, key: Unknown<'_>) -> napi::Result<Option<MessageStats>, Code> {
        guard(|| {
            let object = record_arg(
                "key",
                &key,
                &["account", "message", "occurrence"],
                "{ account: 1, message: 42 }",
            )?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let claims = claims_from(js, "key", object.raw())?;
            let key = MessageKey::of(&claims);
            Ok(self.inner.message(&key).map(message_stats))
        })
    }

    /// The report's JSON form (snake_case), the same in every envoi binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("report: {error}")))
        })
    }
}

fn counts(counts: &CoreCounts) -> EngagementCounts {
    #[allow(clippy::cast_precision_loss)]
    let number = |value: u64| value as f64;
    let time = |at: Option<Instant>| at.map(format_utc);
    EngagementCounts {
        total: number(counts.total),
        unique_links: number(counts.unique_links),
        human_total: number(counts.human_total),
        human_unique_links: number(counts.human_unique_links),
        machine_total: number(counts.machine_total),
        machine_unique_links: number(counts.machine_unique_links),
        first_at: time(counts.first_at),
        last_at: time(counts.last_at),
        human_first_at: time(counts.human_first_at),
        human_last_at: time(counts.human_last_at),
        machine_by_rule: counts
            .machine_by_rule
            .iter()
            .map(|(rule, count)| (rule.clone(), number(*count)))
            .collect(),
    }
}

fn link_stats(link: &core_tracking::LinkStats) -> LinkStats {
    LinkStats {
        link: link.link.map(u32::from),
        clicks: counts(&link.clicks),
    }
}

fn message_stats(message: &core_tracking::MessageStats) -> MessageStats {
    MessageStats {
        message: JsMessageKey {
            account: message.message.account.map(Id),
            message: message.message.message.map(Id),
            occurrence: message.message.occurrence,
        },
        opens: counts(&message.opens),
        clicks: counts(&message.clicks),
        links: message.links.iter().map(link_stats).collect(),
        recipients: message
            .recipients
            .iter()
            .map(|recipient| RecipientLinkStats {
                recipient: recipient.recipient.map(Id),
                opens: counts(&recipient.opens),
                clicks: counts(&recipient.clicks),
                links: recipient.links.iter().map(link_stats).collect(),
            })
            .collect(),
    }
}

/// The `rules` argument: a `MachineRules`, or absent/`null` for the built-in ones.
fn rules_arg(value: Option<&Unknown<'_>>) -> Result<CoreRules, JsError> {
    match value {
        Some(value)
            if !matches!(
                type_of("rules", value)?,
                ValueType::Undefined | ValueType::Null
            ) =>
        {
            instance_arg::<MachineRules>("rules", value, "a tracking.MachineRules")
                .map(|rules| rules.inner.as_ref().clone())
        }
        _ => Ok(CoreRules::builtin().clone()),
    }
}

/// The event with the options of `record`.
fn with_options(
    mut event: TrackingEvent,
    options: Option<&Unknown<'_>>,
) -> Result<TrackingEvent, JsError> {
    let Some(object) = options_object(
        options,
        &RECORD_OPTIONS,
        "{ userAgent: 'Mozilla/5.0', ip: '17.58.0.1', headRequest: false }",
    )?
    else {
        return Ok(event);
    };
    let field = |name: &str| option_field(&object, name);
    if let Some(value) = field("userAgent")? {
        event.user_agent = Some(string_arg("userAgent", &value)?);
    }
    if let Some(value) = field("ip")? {
        let text = string_arg("ip", &value)?;
        event.ip = Some(text.trim().parse().map_err(|_| {
            invalid_arg(format!(
                "ip: {text:?} is not an IP address (such as '17.58.0.1' or '2a02:a03f::1')"
            ))
        })?);
    }
    if let Some(value) = field("headRequest")? {
        event.head_request = bool_value("headRequest", &value)?;
    }
    if let Some(value) = field("clientClass")? {
        event.client_class = Some(string_arg("clientClass", &value)?);
    }
    if let Some(value) = field("deliveredAt")? {
        event.delivered_at = Some(instant_arg("deliveredAt", &value)?);
    }
    if let Some(value) = field("linksInMessage")? {
        let links = count_arg("linksInMessage", number_value("linksInMessage", &value)?)?;
        event.links_in_message = Some(u16::try_from(links).map_err(|_| {
            invalid_arg(format!(
                "linksInMessage: {links} is more links than an email can track (65,535)"
            ))
        })?);
    }
    Ok(event)
}

/// Reads a {@link Verified} object as `verify` gave it.
fn verified_arg(env: Env, value: &Unknown<'_>) -> Result<Verified, JsError> {
    let names = [
        "purpose",
        "keyId",
        "claims",
        "issuedAt",
        "expiresAt",
        "tokenId",
    ];
    let object: Object<'_> = record_arg(
        "verified",
        value,
        &names,
        "the object keyRing.verify() returned",
    )?;
    let field = |name: &str| crate::args::required_field(&object, "verified", name);
    let purpose_name = string_arg("verified.purpose", &field("purpose")?)?;
    let purpose = purpose_name
        .parse::<Purpose>()
        .map_err(|error| envoi_error(env, error))?;
    let key_id = count_arg(
        "verified.keyId",
        number_value("verified.keyId", &field("keyId")?)?,
    )?;
    let claims = claims_arg(env, "verified.claims", &field("claims")?)?;
    let issued_at = instant_arg("verified.issuedAt", &field("issuedAt")?)?;
    let expires_at = option_field(&object, "expiresAt")?
        .map(|value| instant_arg("verified.expiresAt", &value))
        .transpose()?;
    let token_id = string_arg("verified.tokenId", &field("tokenId")?)?
        .parse::<TokenId>()
        .map_err(|error| envoi_error(env, error))?;
    Ok(Verified {
        purpose,
        key_id: u8::try_from(key_id).map_err(|_| {
            invalid_arg(format!(
                "verified.keyId: {key_id} is not a key id (0 to 255)"
            ))
        })?,
        claims,
        issued_at,
        expires_at,
        token_id,
    })
}
