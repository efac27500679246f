//! Engagement statistics: `MachineRules`, `Stats` and the report's classes.
//!
//! Every number counts links, not people: a forwarded mail carries the original recipient's
//! links, and "unique" means distinct recipient-links. Raw events go out and come back as the
//! core's JSON form (plain dicts), so the host stores them and aggregates them again.

use std::net::IpAddr;

use envoi::tracking::{EventClass, EventKind, MessageKey, TrackingEvent};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use super::stats_err;
use crate::errors::guard;
use crate::sms::WideInt;
use crate::token::{
    Shared, Verified, claims_arg, json_to_py, now_arg, optional_utc_datetime, py_to_json,
    serde_arg, serde_name, to_json,
};

// ---- Machine rules -------------------------------------------------------------------------------

/// The rules that tell likely machine events (privacy proxies, link scanners) from human ones,
/// tried in order: the first enabled rule that matches decides, and the verdict names it.
///
/// `MachineRules.builtin()` are envoi's (HEAD requests, machine client classes, missing and
/// HTTP-library user agents, Apple Mail Privacy Protection, Gmail's prefetch, Yahoo Mail Proxy,
/// Microsoft's link checks, clicks within 5 s of delivery, every link clicked within 1 s); a host
/// loads its own with `MachineRules.from_json(text)` in the same format (`to_json()` gives the
/// built-in ones to start from). Immutable.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineRules(pub(crate) envoi::tracking::MachineRules);

#[pymethods]
impl MachineRules {
    /// envoi's built-in rules (the core's `machine_rules.json`).
    #[staticmethod]
    fn builtin() -> Self {
        MachineRules(envoi::tracking::MachineRules::builtin().clone())
    }

    /// Rules in the format of `to_json()` (an object with `rules`, tried in order, and optional
    /// `about` lines). Raises `envoi.TrackingError`: `tracking.invalid_rules_json` (`line`,
    /// `column`, `reason`), `tracking.invalid_machine_rule` and `tracking.invalid_ip_range`
    /// (`entry`, `field`, `value`, `rule`), `tracking.duplicate_rule_name` (`name`, `first`,
    /// `second`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::tracking::MachineRules::from_json(text)
                .map(MachineRules)
                .map_err(|error| stats_err(py, error))
        })
    }

    /// The rules in their JSON format (pretty-printed), which `from_json` reads back.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The verdict rule name of each rule, in the order they are tried (`head_request`,
    /// `apple_mpp_user_agent`, `ip_range:office`…), enabled or not.
    #[getter]
    fn rule_names(&self) -> Vec<String> {
        self.0
            .rules()
            .iter()
            .map(|rule| rule.verdict_rule())
            .collect()
    }

    /// The names of the enabled rules, in order.
    #[getter]
    fn enabled_rule_names(&self) -> Vec<String> {
        self.0
            .rules()
            .iter()
            .filter(|rule| rule.enabled)
            .map(|rule| rule.verdict_rule())
            .collect()
    }

    /// The header lines of the JSON form (what the list holds, its conventions).
    #[getter]
    fn about(&self) -> Vec<String> {
        self.0.about().to_vec()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py
            .get_type::<MachineRules>()
            .getattr(pyo3::intern!(py, "from_json"))?;
        Ok((from_json, (self.0.to_json(),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "<envoi.tracking.MachineRules {} rules: {}>",
            self.0.rules().len(),
            self.rule_names().join(", ")
        )
    }
}

// ---- Stats ---------------------------------------------------------------------------------------

/// What the host knew about a request, besides its kind, claims and time.
struct Extras<'a, 'py> {
    user_agent: Option<String>,
    ip: Option<&'a Bound<'py, PyAny>>,
    head_request: bool,
    client_class: Option<String>,
    delivered_at: Option<&'a Bound<'py, PyAny>>,
    links_in_message: Option<WideInt>,
}

impl Extras<'_, '_> {
    /// `event` with these extras.
    fn apply(self, mut event: TrackingEvent) -> PyResult<TrackingEvent> {
        event.user_agent = self.user_agent;
        if let Some(ip) = self.ip.filter(|ip| !ip.is_none()) {
            let text = ip.str()?.to_string();
            event.ip = Some(text.parse::<IpAddr>().map_err(|_| {
                PyValueError::new_err(format!(
                    "ip: {text:?} is not an IPv4 or IPv6 address (give a str or an ipaddress object)"
                ))
            })?);
        }
        event.head_request = self.head_request;
        event.client_class = self.client_class;
        if let Some(delivered_at) = self.delivered_at.filter(|at| !at.is_none()) {
            event.delivered_at = Some(crate::time::instant_arg(delivered_at, "delivered_at")?);
        }
        if let Some(links) = self.links_in_message {
            event.links_in_message = Some(u16::try_from(links.0).map_err(|_| {
                PyValueError::new_err(format!(
                    "links_in_message: {} is out of range: a message has 0 to 65535 tracked links",
                    links.0
                ))
            })?);
        }
        Ok(event)
    }
}

/// Raw tracking events and their aggregate: opens and clicks per message, per recipient's links
/// and per link, human and machine counted apart by the rules (`MachineRules.builtin()` unless
/// given).
///
/// Every number counts links, not people (a forwarded mail shares the original recipient's links);
/// "unique" counts distinct recipient-links. Every event is kept (`events()`, JSON-ready dicts) so
/// the host can aggregate again with other rules (`Stats.from_events`). Secure-email opens are
/// never recorded here. Mutable (`record`) and safe to share between threads.
#[pyclass(module = "envoi.tracking", frozen)]
pub struct Stats(Shared<envoi::tracking::Stats>);

impl Stats {
    fn rules_of(rules: Option<&Bound<'_, MachineRules>>) -> envoi::tracking::MachineRules {
        rules.map_or_else(
            || envoi::tracking::MachineRules::builtin().clone(),
            |rules| rules.get().0.clone(),
        )
    }
}

#[pymethods]
impl Stats {
    /// No events; `rules` (a `MachineRules`) classify them, the built-in rules when None.
    #[new]
    #[pyo3(signature = (rules = None))]
    fn new(rules: Option<&Bound<'_, MachineRules>>) -> Self {
        Stats(Shared::new(
            envoi::tracking::Stats::with_rules(Stats::rules_of(rules)),
            "Stats",
        ))
    }

    /// Events the host kept (dicts as `events()` gives them, or the same JSON from another
    /// binding), with `rules`: the way to aggregate again. Raises `ValueError` naming the first
    /// that is not an event.
    #[staticmethod]
    #[pyo3(signature = (events, rules = None))]
    fn from_events(
        py: Python<'_>,
        events: &Bound<'_, PyAny>,
        rules: Option<&Bound<'_, MachineRules>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let events = events
                .try_iter()?
                .enumerate()
                .map(|(index, event)| {
                    let text = py_to_json(&event?)?;
                    serde_json::from_str::<TrackingEvent>(&text).map_err(|error| {
                        PyValueError::new_err(format!(
                            "events[{index}]: not a tracking event: {error}"
                        ))
                    })
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(Stats(Shared::new(
                envoi::tracking::Stats::from_events(Stats::rules_of(rules), events),
                "Stats",
            )))
        })
    }

    /// Records one event: `kind` `"open"` or `"click"`, the verified token's `claims` (a dict), `at`
    /// when the request arrived (an aware datetime; None: the real clock), and what the host knew:
    /// `user_agent` (the header as sent, `""` when there was none; None: not recorded),
    /// `ip` (a str or an `ipaddress` address), `head_request` (an HTTP HEAD), `client_class` (the
    /// host's own class of the client, such as `"bot"`), `delivered_at` (the message's delivery
    /// time) and `links_in_message` (its number of tracked links). An identical event recorded
    /// twice counts twice. `ValueError` for an unknown kind, an IP that is not one.
    #[pyo3(signature = (kind, claims, at = None, *, user_agent = None, ip = None, head_request = false, client_class = None, delivered_at = None, links_in_message = None))]
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        py: Python<'_>,
        kind: &str,
        claims: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        user_agent: Option<String>,
        ip: Option<&Bound<'_, PyAny>>,
        head_request: bool,
        client_class: Option<String>,
        delivered_at: Option<&Bound<'_, PyAny>>,
        links_in_message: Option<WideInt>,
    ) -> PyResult<()> {
        guard(py, || {
            let kind: EventKind = serde_arg!(kind, "kind")?;
            let claims = claims_arg(claims)?;
            let at = now_arg(at, "at")?;
            let extras = Extras {
                user_agent,
                ip,
                head_request,
                client_class,
                delivered_at,
                links_in_message,
            };
            let event = extras.apply(TrackingEvent::new(kind, claims, at))?;
            self.0.lock(py)?.record(event);
            Ok(())
        })
    }

    /// Records the event of a request whose token verified (`KeyRing.verify`,
    /// `Tracker.resolve_open`/`resolve_click`): the kind comes from its purpose, the claims from the
    /// token; the other arguments as in `record`. A token of another purpose than open or click
    /// raises `envoi.TrackingError` (`tracking.not_a_tracking_token`, with `purpose`): approval,
    /// password-reset, sender-verification and secure-email tokens are never counted.
    #[pyo3(signature = (verified, at = None, *, user_agent = None, ip = None, head_request = false, client_class = None, delivered_at = None, links_in_message = None))]
    #[allow(clippy::too_many_arguments)]
    fn record_verified(
        &self,
        py: Python<'_>,
        verified: &Bound<'_, Verified>,
        at: Option<&Bound<'_, PyAny>>,
        user_agent: Option<String>,
        ip: Option<&Bound<'_, PyAny>>,
        head_request: bool,
        client_class: Option<String>,
        delivered_at: Option<&Bound<'_, PyAny>>,
        links_in_message: Option<WideInt>,
    ) -> PyResult<()> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let event = TrackingEvent::from_verified(&verified.get().0, at)
                .map_err(|error| stats_err(py, error))?;
            let extras = Extras {
                user_agent,
                ip,
                head_request,
                client_class,
                delivered_at,
                links_in_message,
            };
            let event = extras.apply(event)?;
            self.0.lock(py)?.record(event);
            Ok(())
        })
    }

    /// The raw events, in the order they were recorded, as plain dicts (the core's JSON form:
    /// `kind`, `claims`, `at` as RFC 3339 text, and `user_agent`, `ip`, `head_request`,
    /// `client_class`, `delivered_at`, `links_in_message` when set): what a store keeps.
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let json = self
                .0
                .detached(py, |stats| serde_json::to_string(stats.events()))?
                .map_err(|error| PyValueError::new_err(format!("events: {error}")))?;
            json_to_py(py, &json)
        })
    }

    /// The verdict of each event, in the order of `events()`.
    fn verdicts(&self, py: Python<'_>) -> PyResult<Vec<Verdict>> {
        guard(py, || {
            let verdicts = self.0.detached(py, |stats| stats.verdicts())?;
            Ok(verdicts.into_iter().map(Verdict::from).collect())
        })
    }

    /// The aggregate of every event: per message, per recipient's links and per link.
    fn report(&self, py: Python<'_>) -> PyResult<StatsReport> {
        guard(py, || {
            Ok(StatsReport(self.0.detached(py, |stats| stats.report())?))
        })
    }

    /// The rules the statistics classify with.
    #[getter]
    fn rules(&self, py: Python<'_>) -> PyResult<MachineRules> {
        Ok(MachineRules(self.0.lock(py)?.rules().clone()))
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.0.lock(py)?.events().len())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "<envoi.tracking.Stats events={}>",
            self.__len__(py)?
        ))
    }
}

/// The classifier's answer for one event: `event_class` `"human"` or `"machine"`, and `rule`, the
/// rule that decided (`"apple_mpp_user_agent"`, `"ip_range:office"`, `"head_request"`,
/// `"click_soon_after_delivery"`, `"all_links_within_1s"`, `"client_class:bot"`…, or `"human"`).
#[pyclass(module = "envoi.tracking", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// `"human"` or `"machine"`.
    pub event_class: String,
    /// The rule that decided: a machine rule's verdict name, or `"human"`.
    pub rule: String,
}

impl From<envoi::tracking::Verdict> for Verdict {
    fn from(verdict: envoi::tracking::Verdict) -> Self {
        Verdict {
            event_class: serde_name!(verdict.class),
            rule: verdict.rule,
        }
    }
}

#[pymethods]
impl Verdict {
    /// True for a machine verdict.
    #[getter]
    fn is_machine(&self) -> bool {
        self.event_class == serde_name!(EventClass::Machine)
    }

    /// `machine (apple_mpp_user_agent)` or `human`.
    fn __str__(&self) -> String {
        if self.is_machine() {
            format!("machine ({})", self.rule)
        } else {
            "human".to_owned()
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Verdict(event_class={}, rule={})",
            PyString::new(py, &self.event_class).repr()?,
            PyString::new(py, &self.rule).repr()?
        ))
    }
}

// ---- Report --------------------------------------------------------------------------------------

/// An id argument of a lookup: None, or an `int` (one out of the claim's range matches nothing).
fn id_of<T: TryFrom<i128>>(value: Option<i128>) -> Result<Option<T>, ()> {
    match value {
        None => Ok(None),
        Some(value) => T::try_from(value).map(Some).map_err(|_| ()),
    }
}

/// Counts of one kind of event (opens or clicks) at one level of the report.
///
/// `total` counts events; `unique_links` the distinct recipient-links with at least one event (a
/// recipient's own pixel for opens, own copy of a link for clicks): links, not people. The human
/// and machine numbers split them by verdict (`human_total + machine_total == total`; a link opened
/// by a proxy and by its reader counts in both `human_unique_links` and `machine_unique_links`).
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementCounts(envoi::tracking::EngagementCounts);

#[pymethods]
impl EngagementCounts {
    /// Events, human and machine.
    #[getter]
    fn total(&self) -> u64 {
        self.0.total
    }

    /// Distinct recipient-links with at least one event (not people).
    #[getter]
    fn unique_links(&self) -> u64 {
        self.0.unique_links
    }

    /// Events with a human verdict.
    #[getter]
    fn human_total(&self) -> u64 {
        self.0.human_total
    }

    /// Distinct recipient-links with at least one human event.
    #[getter]
    fn human_unique_links(&self) -> u64 {
        self.0.human_unique_links
    }

    /// Events with a machine verdict.
    #[getter]
    fn machine_total(&self) -> u64 {
        self.0.machine_total
    }

    /// Distinct recipient-links with at least one machine event.
    #[getter]
    fn machine_unique_links(&self) -> u64 {
        self.0.machine_unique_links
    }

    /// The first event's time (UTC), or None.
    #[getter]
    fn first_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_utc_datetime(py, self.0.first_at))
    }

    /// The last event's time (UTC), or None.
    #[getter]
    fn last_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_utc_datetime(py, self.0.last_at))
    }

    /// The first human event's time (UTC), or None.
    #[getter]
    fn human_first_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_utc_datetime(py, self.0.human_first_at))
    }

    /// The last human event's time (UTC), or None.
    #[getter]
    fn human_last_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_utc_datetime(py, self.0.human_last_at))
    }

    /// Machine events per deciding rule (`{"apple_mpp_user_agent": 12}`); sums to
    /// `machine_total`.
    #[getter]
    fn machine_by_rule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (rule, count) in &self.0.machine_by_rule {
            dict.set_item(rule, count)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let c = &self.0;
        format!(
            "EngagementCounts(total={}, unique_links={}, human_total={}, human_unique_links={}, \
             machine_total={}, machine_unique_links={})",
            c.total,
            c.unique_links,
            c.human_total,
            c.human_unique_links,
            c.machine_total,
            c.machine_unique_links
        )
    }
}

/// The clicks on one link: every recipient's copy (in `MessageStats.links`) or one recipient's
/// (in `RecipientLinkStats.links`).
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkStats(envoi::tracking::LinkStats);

#[pymethods]
impl LinkStats {
    /// The link's index in the message (None for click tokens without a link claim).
    #[getter]
    fn link(&self) -> Option<u16> {
        self.0.link
    }

    /// The clicks on it.
    #[getter]
    fn clicks(&self) -> EngagementCounts {
        EngagementCounts(self.0.clicks.clone())
    }

    fn __repr__(&self) -> String {
        format!(
            "LinkStats(link={}, clicks={})",
            self.0
                .link
                .map_or_else(|| "None".to_owned(), |link| link.to_string()),
            self.clicks().__repr__()
        )
    }
}

/// One recipient's links in one message: their pixel's opens, their clicks, per link.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientLinkStats(envoi::tracking::RecipientLinkStats);

#[pymethods]
impl RecipientLinkStats {
    /// The recipient the links were made for (None for tokens without a recipient claim).
    #[getter]
    fn recipient(&self) -> Option<u64> {
        self.0.recipient
    }

    /// Loads of this recipient's open pixel.
    #[getter]
    fn opens(&self) -> EngagementCounts {
        EngagementCounts(self.0.opens.clone())
    }

    /// Clicks on this recipient's links, all links together.
    #[getter]
    fn clicks(&self) -> EngagementCounts {
        EngagementCounts(self.0.clicks.clone())
    }

    /// Clicks per link, sorted by link.
    #[getter]
    fn links(&self) -> Vec<LinkStats> {
        self.0.links.iter().cloned().map(LinkStats).collect()
    }

    /// The clicks on this recipient's copy of link `link` (an index, or None), if it was clicked.
    fn link(&self, link: Option<i128>) -> Option<LinkStats> {
        let link = id_of::<u16>(link).ok()?;
        self.0.link(link).cloned().map(LinkStats)
    }

    fn __repr__(&self) -> String {
        format!(
            "<envoi.tracking.RecipientLinkStats recipient={} opens={} clicks={} links={}>",
            self.0
                .recipient
                .map_or_else(|| "None".to_owned(), |id| id.to_string()),
            self.0.opens.total,
            self.0.clicks.total,
            self.0.links.len()
        )
    }
}

/// One message's statistics (one send of it: account, message and occurrence), all recipients.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageStats(envoi::tracking::MessageStats);

#[pymethods]
impl MessageStats {
    /// The account claim of its tokens (None when they carry none).
    #[getter]
    fn account(&self) -> Option<u64> {
        self.0.message.account
    }

    /// The message claim of its tokens.
    #[getter]
    fn message(&self) -> Option<u64> {
        self.0.message.message
    }

    /// The occurrence claim of its tokens (which send of a repeated message).
    #[getter]
    fn occurrence(&self) -> Option<u32> {
        self.0.message.occurrence
    }

    /// Loads of the message's open pixels, all recipients together.
    #[getter]
    fn opens(&self) -> EngagementCounts {
        EngagementCounts(self.0.opens.clone())
    }

    /// Clicks on the message's links, all recipients and links together.
    #[getter]
    fn clicks(&self) -> EngagementCounts {
        EngagementCounts(self.0.clicks.clone())
    }

    /// Clicks per link (every recipient's copy of it), sorted by link.
    #[getter]
    fn links(&self) -> Vec<LinkStats> {
        self.0.links.iter().cloned().map(LinkStats).collect()
    }

    /// Per recipient's links, sorted by recipient.
    #[getter]
    fn recipients(&self) -> Vec<RecipientLinkStats> {
        self.0
            .recipients
            .iter()
            .cloned()
            .map(RecipientLinkStats)
            .collect()
    }

    /// The clicks on link `link` (an index, or None; every recipient's copy), if it was clicked.
    fn link(&self, link: Option<i128>) -> Option<LinkStats> {
        let link = id_of::<u16>(link).ok()?;
        self.0.link(link).cloned().map(LinkStats)
    }

    /// One recipient's links (`recipient` an id, or None), if any event used them.
    fn recipient(&self, recipient: Option<i128>) -> Option<RecipientLinkStats> {
        let recipient = id_of::<u64>(recipient).ok()?;
        self.0.recipient(recipient).cloned().map(RecipientLinkStats)
    }

    fn __repr__(&self) -> String {
        let id = |value: Option<u64>| value.map_or_else(|| "None".to_owned(), |v| v.to_string());
        format!(
            "<envoi.tracking.MessageStats account={} message={} occurrence={} opens={} clicks={} recipients={}>",
            id(self.0.message.account),
            id(self.0.message.message),
            id(self.0.message.occurrence.map(u64::from)),
            self.0.opens.total,
            self.0.clicks.total,
            self.0.recipients.len()
        )
    }
}

/// The aggregate of a `Stats`: all messages together (`opens`, `clicks`) and per message.
#[pyclass(module = "envoi.tracking", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsReport(envoi::tracking::StatsReport);

#[pymethods]
impl StatsReport {
    /// Open-pixel loads over all messages.
    #[getter]
    fn opens(&self) -> EngagementCounts {
        EngagementCounts(self.0.opens.clone())
    }

    /// Clicks over all messages.
    #[getter]
    fn clicks(&self) -> EngagementCounts {
        EngagementCounts(self.0.clicks.clone())
    }

    /// Per message, sorted by account, message and occurrence.
    #[getter]
    fn messages(&self) -> Vec<MessageStats> {
        self.0.messages.iter().cloned().map(MessageStats).collect()
    }

    /// One message's statistics, by the claims of its tokens (None: a claim they did not carry,
    /// a value of its own), if any event belongs to it.
    #[pyo3(signature = (account = None, message = None, occurrence = None))]
    fn message(
        &self,
        account: Option<i128>,
        message: Option<i128>,
        occurrence: Option<i128>,
    ) -> Option<MessageStats> {
        let key = MessageKey {
            account: id_of(account).ok()?,
            message: id_of(message).ok()?,
            occurrence: id_of(occurrence).ok()?,
        };
        self.0.message(&key).cloned().map(MessageStats)
    }

    /// The report's JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&self.0, "StatsReport"))
    }

    fn __repr__(&self) -> String {
        format!(
            "<envoi.tracking.StatsReport messages={} opens={} clicks={}>",
            self.0.messages.len(),
            self.0.opens.total,
            self.0.clicks.total
        )
    }
}
