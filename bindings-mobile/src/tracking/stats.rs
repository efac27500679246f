//! Engagement statistics: [`Stats`] (an object holding the core's `envoi::tracking::Stats` behind
//! a mutex), the raw [`TrackingEvent`]s it keeps, the [`MachineRules`] that classify them, and the
//! [`StatsReport`] it aggregates them into.
//!
//! Every number counts **links, not people**: each recipient gets personal links, a forwarded mail
//! carries the same links, and "unique" means distinct recipient-links (`unique_links`). Machine
//! events (privacy proxies that prefetch images, link scanners) are counted apart from human ones,
//! each machine verdict naming the rule that decided it (`machine_by_rule`).
//!
//! Conversions only: event kinds cross as `"open"` / `"click"` (another is
//! `argument.unknown_event_kind`), IP addresses as text (`"17.58.0.1"`, `"2620:149::1"`; another is
//! `argument.invalid_ip`), instants as `SystemTime`, raw events also as the core's JSON (an array,
//! `events_json` / `from_events_json`).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use envoi::tracking::{EventKind, MessageKey as CoreMessageKey};

use crate::credits::to_instant;
use crate::errors::{INVALID_IP_CODE, INVALID_JSON_CODE, UNKNOWN_EVENT_KIND_CODE};
use crate::time::system_time;
use crate::token::{Claims, Verified, serde_name};
use crate::{EnvoiError, guard};

/// One open of a pixel or one click on a tracked link, as the host saw it. Only `kind`, `claims`
/// and `at` are required; the rest feeds the machine rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct TrackingEvent {
    /// `"open"` or `"click"`.
    pub kind: String,
    /// The verified token's claims (a click's carry the link index).
    pub claims: Claims,
    /// When the request arrived.
    pub at: SystemTime,
    /// The request's `User-Agent`.
    #[uniffi(default)]
    pub user_agent: Option<String>,
    /// The client's IP address as text (IPv4 or IPv6).
    #[uniffi(default)]
    pub ip: Option<String>,
    /// Whether the request was a `HEAD` (link scanners check links without following them).
    #[uniffi(default = false)]
    pub head_request: bool,
    /// The host's own class of the client, if it has one (matched by `client_class` rules).
    #[uniffi(default)]
    pub client_class: Option<String>,
    /// When the message was delivered to this recipient (for clicks seconds after delivery).
    #[uniffi(default)]
    pub delivered_at: Option<SystemTime>,
    /// The number of tracked links in the message (for "every link clicked within a second").
    #[uniffi(default)]
    pub links_in_message: Option<u16>,
}

impl TrackingEvent {
    fn of(event: &envoi::tracking::TrackingEvent) -> Self {
        TrackingEvent {
            kind: event.kind.as_str().to_owned(),
            claims: Claims::of(&event.claims),
            at: system_time(event.at),
            user_agent: event.user_agent.clone(),
            ip: event.ip.map(|ip| ip.to_string()),
            head_request: event.head_request,
            client_class: event.client_class.clone(),
            delivered_at: event.delivered_at.map(system_time),
            links_in_message: event.links_in_message,
        }
    }

    /// The core's event; `field` names the event in the errors (`events[3]`).
    fn to_core(&self, field: &str) -> Result<envoi::tracking::TrackingEvent, EnvoiError> {
        let kind = EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == self.kind)
            .ok_or_else(|| {
                let shown: String = self.kind.chars().take(40).collect();
                EnvoiError::argument(
                    UNKNOWN_EVENT_KIND_CODE,
                    format!("{field}.kind: {shown:?} is not an event kind; use open or click"),
                )
            })?;
        let ip = self
            .ip
            .as_deref()
            .map(|text| {
                text.parse::<IpAddr>().map_err(|_| {
                    let shown: String = text.chars().take(60).collect();
                    EnvoiError::argument(
                        INVALID_IP_CODE,
                        format!("{field}.ip: {shown:?} is not an IPv4 or IPv6 address"),
                    )
                })
            })
            .transpose()?;
        let mut event = envoi::tracking::TrackingEvent::new(
            kind,
            self.claims.to_core(),
            to_instant(&format!("{field}.at"), self.at)?,
        );
        event.user_agent = self.user_agent.clone();
        event.ip = ip;
        event.head_request = self.head_request;
        event.client_class = self.client_class.clone();
        event.delivered_at = self
            .delivered_at
            .map(|at| to_instant(&format!("{field}.delivered_at"), at))
            .transpose()?;
        event.links_in_message = self.links_in_message;
        Ok(event)
    }
}

/// The event a verified `open` or `click` token makes at `at`, to complete (user agent, IP…) and
/// record. Throws `tracking.not_a_tracking_token` (with `purpose`) for a token of another purpose:
/// approval, password-reset, sender-verification and secure-email links are never counted.
#[uniffi::export]
pub fn tracking_event_from_verified(
    verified: Verified,
    at: SystemTime,
) -> Result<TrackingEvent, EnvoiError> {
    guard(|| {
        let verified = verified.to_core("verified")?;
        let at = to_instant("at", at)?;
        let event = envoi::tracking::TrackingEvent::from_verified(&verified, at)?;
        Ok(TrackingEvent::of(&event))
    })
}

/// A verdict of the machine rules on one event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Verdict {
    /// `"human"` or `"machine"` (the core's `class`).
    pub classification: String,
    /// The rule that decided (`"apple_mpp_user_agent"`, `"head_request"`…), or `"human"`.
    pub rule: String,
}

/// The ordered rules that mark tracking events as likely machine events: the first enabled rule
/// that matches decides, an event no rule matches is human. `builtin()` are envoi's (privacy
/// proxies by user agent, link scanners by HEAD requests, clicks seconds after delivery, every link
/// clicked within a second); a host tunes them in the same JSON format (`to_json`, `from_json`).
/// Immutable; `==` compares every rule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct MachineRules {
    inner: envoi::tracking::MachineRules,
}

impl std::fmt::Display for MachineRules {
    /// `MachineRules(rules=9)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MachineRules(rules={})", self.inner.rules().len())
    }
}

#[uniffi::export]
impl MachineRules {
    /// envoi's built-in rules (the core's `machine_rules.json`, each rule with its source and the
    /// day it was checked).
    #[uniffi::constructor]
    pub fn builtin() -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(MachineRules {
                inner: envoi::tracking::MachineRules::builtin().clone(),
            }))
        })
    }

    /// Rules in the JSON format of `to_json`, every rule checked. Throws
    /// `tracking.invalid_rules_json` (with `line`, `column`, `detail`),
    /// `tracking.invalid_machine_rule` and `tracking.invalid_ip_range` (with `entry`, `field`,
    /// `value`, `rule`), `tracking.duplicate_rule_name` (with `name`, `first`, `second`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(MachineRules {
                inner: envoi::tracking::MachineRules::from_json(&json)?,
            }))
        })
    }

    /// The rules in their JSON format (pretty-printed), which `from_json` reads back.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The verdict rule name of each rule, in the order they are tried.
    pub fn rule_names(&self) -> Vec<String> {
        self.inner
            .rules()
            .iter()
            .map(envoi::tracking::MachineRule::verdict_rule)
            .collect()
    }

    /// The list's header lines: what it holds and its conventions.
    pub fn about(&self) -> Vec<String> {
        self.inner.about().to_vec()
    }
}

/// Opens or clicks of one scope (everything, a message, a recipient's links, a link). `total`
/// counts events; `unique_links` counts distinct recipient-links (pixels for opens, a recipient's
/// copy of a link for clicks), not people. Human and machine counts add up to the whole.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EngagementCounts {
    /// Every event.
    pub total: u64,
    /// Distinct recipient-links with at least one event.
    pub unique_links: u64,
    /// Events the rules judged human.
    pub human_total: u64,
    /// Distinct recipient-links with at least one human event.
    pub human_unique_links: u64,
    /// Events the rules judged machine.
    pub machine_total: u64,
    /// Distinct recipient-links with at least one machine event.
    pub machine_unique_links: u64,
    /// The first event, if any.
    pub first_at: Option<SystemTime>,
    /// The last event, if any.
    pub last_at: Option<SystemTime>,
    /// The first human event, if any.
    pub human_first_at: Option<SystemTime>,
    /// The last human event, if any.
    pub human_last_at: Option<SystemTime>,
    /// Machine events by the rule that decided (`{"apple_mpp_user_agent": 3}`).
    pub machine_by_rule: HashMap<String, u64>,
}

impl EngagementCounts {
    fn of(counts: &envoi::tracking::EngagementCounts) -> Self {
        EngagementCounts {
            total: counts.total,
            unique_links: counts.unique_links,
            human_total: counts.human_total,
            human_unique_links: counts.human_unique_links,
            machine_total: counts.machine_total,
            machine_unique_links: counts.machine_unique_links,
            first_at: counts.first_at.map(system_time),
            last_at: counts.last_at.map(system_time),
            human_first_at: counts.human_first_at.map(system_time),
            human_last_at: counts.human_last_at.map(system_time),
            machine_by_rule: counts
                .machine_by_rule
                .iter()
                .map(|(rule, count)| (rule.clone(), *count))
                .collect(),
        }
    }
}

/// The clicks on one link (by index) of a message, or of one recipient's copy of it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LinkStats {
    /// The link index (null/nil for click tokens without one).
    pub link: Option<u16>,
    /// Its clicks.
    pub clicks: EngagementCounts,
}

impl LinkStats {
    fn of(link: &envoi::tracking::LinkStats) -> Self {
        LinkStats {
            link: link.link,
            clicks: EngagementCounts::of(&link.clicks),
        }
    }
}

/// One recipient's links of a message (their pixel and their copies of the links: whoever opened
/// them, a forwarded mail included).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecipientLinkStats {
    /// The recipient id the links carry.
    pub recipient: Option<u64>,
    /// Opens of the recipient's pixel.
    pub opens: EngagementCounts,
    /// Clicks on the recipient's links, all links together.
    pub clicks: EngagementCounts,
    /// Clicks per link, by increasing index.
    pub links: Vec<LinkStats>,
}

/// The ids that name a message (a send of it, for a repeated message).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct MessageKey {
    /// The account.
    #[uniffi(default)]
    pub account: Option<u64>,
    /// The message.
    #[uniffi(default)]
    pub message: Option<u64>,
    /// The occurrence of a repeated message.
    #[uniffi(default)]
    pub occurrence: Option<u32>,
}

/// The opens and clicks of one message (one occurrence of it).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MessageStats {
    /// Which message.
    pub message: MessageKey,
    /// Opens of its pixels, all recipients together.
    pub opens: EngagementCounts,
    /// Clicks on its links, all recipients and links together.
    pub clicks: EngagementCounts,
    /// Clicks per link index, all recipients together, by increasing index.
    pub links: Vec<LinkStats>,
    /// Per recipient's links, by increasing recipient id.
    pub recipients: Vec<RecipientLinkStats>,
}

impl MessageStats {
    fn of(stats: &envoi::tracking::MessageStats) -> Self {
        MessageStats {
            message: MessageKey {
                account: stats.message.account,
                message: stats.message.message,
                occurrence: stats.message.occurrence,
            },
            opens: EngagementCounts::of(&stats.opens),
            clicks: EngagementCounts::of(&stats.clicks),
            links: stats.links.iter().map(LinkStats::of).collect(),
            recipients: stats
                .recipients
                .iter()
                .map(|recipient| RecipientLinkStats {
                    recipient: recipient.recipient,
                    opens: EngagementCounts::of(&recipient.opens),
                    clicks: EngagementCounts::of(&recipient.clicks),
                    links: recipient.links.iter().map(LinkStats::of).collect(),
                })
                .collect(),
        }
    }
}

/// The aggregate of a [`Stats`] at the time of `report()`: totals, and per message (sorted by
/// account, message, occurrence), per recipient's links and per link. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct StatsReport {
    inner: envoi::tracking::StatsReport,
}

#[uniffi::export]
impl StatsReport {
    /// Opens of every message.
    pub fn opens(&self) -> EngagementCounts {
        EngagementCounts::of(&self.inner.opens)
    }

    /// Clicks of every message.
    pub fn clicks(&self) -> EngagementCounts {
        EngagementCounts::of(&self.inner.clicks)
    }

    /// Every message with at least one event, sorted by account, message, occurrence (null/nil
    /// first).
    pub fn messages(&self) -> Vec<MessageStats> {
        self.inner.messages.iter().map(MessageStats::of).collect()
    }

    /// The message with these ids, if it has events (ids not given are null/nil, and must be null/nil
    /// in the events too).
    #[uniffi::method(default(account = None, message = None, occurrence = None))]
    pub fn message(
        &self,
        account: Option<u64>,
        message: Option<u64>,
        occurrence: Option<u32>,
    ) -> Option<MessageStats> {
        let key = CoreMessageKey {
            account,
            message,
            occurrence,
        };
        self.inner.message(&key).map(MessageStats::of)
    }

    /// The report in the core's JSON form.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a report: {error}")))
        })
    }
}

/// Raw tracking events and their aggregation. Events are kept as recorded (`events()`,
/// `events_json()`), so the host can store them and re-aggregate later with other rules
/// (`from_events`). Safe to share between threads: each call takes its mutex.
#[derive(Debug, uniffi::Object)]
pub struct Stats {
    inner: Mutex<envoi::tracking::Stats>,
}

impl Stats {
    fn wrap(inner: envoi::tracking::Stats) -> Arc<Self> {
        Arc::new(Stats {
            inner: Mutex::new(inner),
        })
    }

    /// The core's statistics. Recording pushes one event: a panic cannot leave them half updated,
    /// so a poisoned mutex is used as is.
    fn lock(&self) -> MutexGuard<'_, envoi::tracking::Stats> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn rules_or_builtin(rules: Option<Arc<MachineRules>>) -> envoi::tracking::MachineRules {
    match rules {
        Some(rules) => rules.inner.clone(),
        None => envoi::tracking::MachineRules::builtin().clone(),
    }
}

fn core_events(
    events: &[TrackingEvent],
) -> Result<Vec<envoi::tracking::TrackingEvent>, EnvoiError> {
    events
        .iter()
        .enumerate()
        .map(|(index, event)| event.to_core(&format!("events[{index}]")))
        .collect()
}

#[uniffi::export]
impl Stats {
    /// No events yet, classified with `rules` (null/nil: the built-in rules).
    #[uniffi::constructor(default(rules = None))]
    pub fn new(rules: Option<Arc<MachineRules>>) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Self::wrap(envoi::tracking::Stats::with_rules(
                rules_or_builtin(rules),
            )))
        })
    }

    /// Statistics of stored `events`, classified with `rules` (null/nil: the built-in rules).
    /// Throws `argument.unknown_event_kind`, `argument.invalid_ip`,
    /// `argument.instant_out_of_range` (the message names `events[i]`).
    #[uniffi::constructor(default(rules = None))]
    pub fn from_events(
        events: Vec<TrackingEvent>,
        rules: Option<Arc<MachineRules>>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let events = core_events(&events)?;
            Ok(Self::wrap(envoi::tracking::Stats::from_events(
                rules_or_builtin(rules),
                events,
            )))
        })
    }

    /// Statistics of events stored as `events_json()` wrote them (a JSON array in the core's form).
    /// Throws `argument.invalid_json`.
    #[uniffi::constructor(default(rules = None))]
    pub fn from_events_json(
        json: String,
        rules: Option<Arc<MachineRules>>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let events: Vec<envoi::tracking::TrackingEvent> =
                serde_json::from_str(&json).map_err(|error| {
                    EnvoiError::argument(
                        INVALID_JSON_CODE,
                        format!(
                            "json: not tracking events: {error}; expected the form of events_json"
                        ),
                    )
                })?;
            Ok(Self::wrap(envoi::tracking::Stats::from_events(
                rules_or_builtin(rules),
                events,
            )))
        })
    }

    /// Records one event. Throws `argument.unknown_event_kind`, `argument.invalid_ip`,
    /// `argument.instant_out_of_range`.
    pub fn record(&self, event: TrackingEvent) -> Result<(), EnvoiError> {
        guard(|| {
            let event = event.to_core("event")?;
            self.lock().record(event);
            Ok(())
        })
    }

    /// The raw events, in the order recorded.
    pub fn events(&self) -> Vec<TrackingEvent> {
        self.lock().events().iter().map(TrackingEvent::of).collect()
    }

    /// The raw events in the core's JSON form (an array), for the host's store.
    pub fn events_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(self.lock().events())
                .map_err(|error| EnvoiError::panic(&format!("serializing events: {error}")))
        })
    }

    /// The number of events recorded.
    pub fn event_count(&self) -> u64 {
        u64::try_from(self.lock().events().len()).unwrap_or(u64::MAX)
    }

    /// The rules that classify the events.
    pub fn rules(&self) -> Arc<MachineRules> {
        Arc::new(MachineRules {
            inner: self.lock().rules().clone(),
        })
    }

    /// The verdict on each event, in the order recorded.
    pub fn verdicts(&self) -> Result<Vec<Verdict>, EnvoiError> {
        guard(|| {
            Ok(self
                .lock()
                .verdicts()
                .into_iter()
                .map(|verdict| Verdict {
                    classification: serde_name(&verdict.class),
                    rule: verdict.rule,
                })
                .collect())
        })
    }

    /// The aggregate of the events recorded so far.
    pub fn report(&self) -> Result<Arc<StatsReport>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(StatsReport {
                inner: self.lock().report(),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<envoi::time::Instant>().unwrap())
    }

    fn open(at_text: &str, user_agent: &str) -> TrackingEvent {
        TrackingEvent {
            kind: "open".into(),
            claims: Claims {
                account: Some(1),
                message: Some(42),
                recipient: Some(7),
                ..Claims::default()
            },
            at: at(at_text),
            user_agent: Some(user_agent.into()),
            ip: None,
            head_request: false,
            client_class: None,
            delivered_at: None,
            links_in_message: None,
        }
    }

    #[test]
    fn counts_machine_and_human_opens_apart() {
        let stats = Stats::new(None).unwrap();
        stats
            .record(open("2026-11-30T09:00:02Z", "Mozilla/5.0"))
            .unwrap();
        stats
            .record(open(
                "2026-11-30T11:15:00Z",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            ))
            .unwrap();
        let report = stats.report().unwrap();
        let message = report.message(Some(1), Some(42), None).unwrap();
        assert_eq!((message.opens.total, message.opens.unique_links), (2, 1));
        assert_eq!(message.opens.machine_by_rule["apple_mpp_user_agent"], 1);
        let verdicts = stats.verdicts().unwrap();
        assert_eq!(verdicts[0].classification, "machine");
        assert_eq!(verdicts[1].rule, "human");

        let again = Stats::from_events_json(stats.events_json().unwrap(), None).unwrap();
        assert_eq!(again.events(), stats.events());
    }

    #[test]
    fn kinds_and_ips_are_checked() {
        let stats = Stats::new(None).unwrap();
        let mut event = open("2026-11-30T09:00:02Z", "x");
        event.kind = "view".into();
        assert_eq!(
            stats.record(event.clone()).unwrap_err().code(),
            UNKNOWN_EVENT_KIND_CODE
        );
        event.kind = "open".into();
        event.ip = Some("10.0.0.300".into());
        assert_eq!(stats.record(event).unwrap_err().code(), INVALID_IP_CODE);
    }
}
