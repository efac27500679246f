//! The machine-event classifier: a verdict for each event, naming the rule that decided it.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

use chrono::TimeDelta;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

use super::{EventKind, MachineRules, MachineSignal, MessageKey, TrackingEvent};

/// Whether an event was likely made by a person or by a machine.
///
/// ```
/// use envoi::tracking::EventClass;
/// assert_eq!(serde_json::to_string(&EventClass::Machine)?, r#""machine""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventClass {
    /// No rule matched: counted as a person's open or click.
    Human,
    /// A rule matched: a privacy proxy, a prefetch, a link scanner or another machine.
    Machine,
}

/// The classifier's answer for one event: human or machine, and the rule that decided.
///
/// `rule` is the deciding rule's [verdict name](super::MachineRule::verdict_rule)
/// (`apple_mpp_user_agent`, `ip_range:office`, `head_request`, `click_soon_after_delivery`,
/// `all_links_within_1s`, `client_class:bot`…), or `human` when no rule matched.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, MachineRules, TrackingEvent, Verdict};
///
/// let at = "2026-11-30T09:00:00Z".parse()?;
/// let proxy = TrackingEvent::new(EventKind::Open, Claims::default(), at).with_user_agent("Mozilla/5.0");
/// let person = TrackingEvent::new(EventKind::Open, Claims::default(), at).with_user_agent(
///     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
/// let verdicts = MachineRules::builtin().classify(&[proxy, person]);
/// assert_eq!(verdicts, [Verdict::machine("apple_mpp_user_agent"), Verdict::human()]);
/// assert_eq!(serde_json::to_string(&verdicts[0])?, r#"{"class":"machine","rule":"apple_mpp_user_agent"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Verdict {
    /// Human or machine.
    pub class: EventClass,
    /// The rule that decided: a machine rule's verdict name, or `human`.
    pub rule: String,
}

impl Verdict {
    /// The rule name of a human verdict.
    pub const HUMAN_RULE: &'static str = "human";

    /// A human verdict (`rule` is `human`).
    ///
    /// ```
    /// use envoi::tracking::{EventClass, Verdict};
    /// assert_eq!(Verdict::human().class, EventClass::Human);
    /// assert_eq!(Verdict::human().rule, "human");
    /// ```
    pub fn human() -> Verdict {
        Verdict {
            class: EventClass::Human,
            rule: Verdict::HUMAN_RULE.to_string(),
        }
    }

    /// A machine verdict decided by the rule named `rule`.
    ///
    /// ```
    /// use envoi::tracking::Verdict;
    /// assert!(Verdict::machine("head_request").is_machine());
    /// ```
    pub fn machine(rule: impl Into<String>) -> Verdict {
        Verdict {
            class: EventClass::Machine,
            rule: rule.into(),
        }
    }

    /// True for a machine verdict.
    ///
    /// ```
    /// assert!(!envoi::tracking::Verdict::human().is_machine());
    /// ```
    pub fn is_machine(&self) -> bool {
        self.class == EventClass::Machine
    }
}

impl fmt::Display for Verdict {
    /// `machine (apple_mpp_user_agent)` or `human`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.class {
            EventClass::Human => f.write_str("human"),
            EventClass::Machine => write!(f, "machine ({})", self.rule),
        }
    }
}

/// One enabled rule, ready to match.
struct Matcher<'a> {
    kinds: &'a [EventKind],
    test: Test<'a>,
}

/// A verdict as a number: `HUMAN` (0), or the position of a machine rule's name in
/// [`Classified::names`].
pub(super) type VerdictId = u32;
pub(super) const HUMAN: VerdictId = 0;

/// The verdicts of a list of events as numbers into a table of names (`names[0]` is `human`):
/// what [`MachineRules::classify`] returns, without a `String` per event.
pub(super) struct Classified {
    /// The verdict names; `names[0]` is `human`.
    pub(super) names: Vec<String>,
    /// Per event, in the order of the events: the position of its verdict's name.
    pub(super) ids: Vec<VerdictId>,
}

impl Classified {
    /// The verdict a number stands for (human when it stands for none).
    pub(super) fn verdict(&self, id: VerdictId) -> Verdict {
        match self.names.get(id as usize) {
            Some(name) if id != HUMAN => Verdict::machine(name.clone()),
            _ => Verdict::human(),
        }
    }
}

enum Test<'a> {
    HeadRequest(VerdictId),
    /// Lower-case classes, each with its verdict.
    ClientClass(Vec<(String, VerdictId)>),
    /// Lower-case patterns.
    UserAgent {
        verdict: VerdictId,
        equals: Vec<String>,
        starts_with: Vec<String>,
        contains: Vec<String>,
    },
    IpRange {
        verdict: VerdictId,
        ranges: &'a [IpNet],
    },
    ClickSoonAfterDelivery {
        verdict: VerdictId,
        delay: TimeDelta,
    },
    /// Which events (by position) the rule marks.
    AllLinksWithin {
        verdict: VerdictId,
        marked: Vec<bool>,
    },
}

/// The IP address as IPv4 when it is an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`).
fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

fn lower_all(items: &[String]) -> Vec<String> {
    items.iter().map(|item| item.to_ascii_lowercase()).collect()
}

impl MachineRules {
    /// The verdict of each event, in the order of `events`.
    ///
    /// Each event's verdict depends on the event, the rules and the other events of the same
    /// recipient (the every-link rule), never on the order of `events`: the same events in any
    /// order get the same verdicts.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, MachineRules, TrackingEvent, Verdict};
    ///
    /// let delivered = "2026-11-30T09:00:00Z".parse()?;
    /// let click = |link: u16, at: &str| -> Result<TrackingEvent, chrono::ParseError> {
    ///     let claims = Claims { message: Some(42), recipient: Some(7), link: Some(link), ..Claims::default() };
    ///     Ok(TrackingEvent::new(EventKind::Click, claims, at.parse()?).with_delivered_at(delivered))
    /// };
    /// let events = [
    ///     click(0, "2026-11-30T09:00:03Z")?,     // 3 s after delivery: a link scanner
    ///     click(1, "2026-11-30T09:10:00.100Z")?, // links 1 and 2 within 1 s
    ///     click(2, "2026-11-30T09:10:00.900Z")?,
    ///     click(1, "2026-11-30T09:15:00Z")?,     // a person
    ///     click(2, "2026-11-30T09:20:00Z")?.with_head_request(),
    /// ];
    /// let verdicts = MachineRules::builtin().classify(&events);
    /// let rules: Vec<&str> = verdicts.iter().map(|verdict| verdict.rule.as_str()).collect();
    /// assert_eq!(rules, ["click_soon_after_delivery", "all_links_within_1s", "all_links_within_1s",
    ///                    "human", "head_request"]);
    ///
    /// // Any order, the same verdicts.
    /// let mut reversed = events.to_vec();
    /// reversed.reverse();
    /// let mut again = MachineRules::builtin().classify(&reversed);
    /// again.reverse();
    /// assert_eq!(again, verdicts);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn classify(&self, events: &[TrackingEvent]) -> Vec<Verdict> {
        let classified = self.classify_ids(events);
        classified
            .ids
            .iter()
            .map(|&id| classified.verdict(id))
            .collect()
    }

    /// [`classify`](Self::classify) with the verdicts as numbers into a table of names.
    pub(super) fn classify_ids(&self, events: &[TrackingEvent]) -> Classified {
        let mut names = vec![Verdict::HUMAN_RULE.to_string()];
        let mut name = |text: String| -> VerdictId {
            names.push(text);
            VerdictId::try_from(names.len() - 1).unwrap_or(HUMAN)
        };
        let matchers: Vec<Matcher<'_>> = self
            .rules()
            .iter()
            .filter(|rule| rule.enabled)
            .map(|rule| Matcher {
                kinds: rule.signal.kinds(),
                test: match &rule.signal {
                    MachineSignal::HeadRequest { .. } => {
                        Test::HeadRequest(name(rule.verdict_rule()))
                    }
                    MachineSignal::ClientClass { classes, .. } => Test::ClientClass(
                        classes
                            .iter()
                            .map(|class| {
                                (
                                    class.to_ascii_lowercase(),
                                    name(format!("client_class:{class}")),
                                )
                            })
                            .collect(),
                    ),
                    MachineSignal::UserAgent {
                        equals,
                        starts_with,
                        contains,
                        ..
                    } => Test::UserAgent {
                        verdict: name(rule.verdict_rule()),
                        equals: lower_all(equals),
                        starts_with: lower_all(starts_with),
                        contains: lower_all(contains),
                    },
                    MachineSignal::IpRange { ranges, .. } => Test::IpRange {
                        verdict: name(rule.verdict_rule()),
                        ranges,
                    },
                    MachineSignal::ClickSoonAfterDelivery { seconds } => {
                        Test::ClickSoonAfterDelivery {
                            verdict: name(rule.verdict_rule()),
                            delay: TimeDelta::seconds(i64::from(*seconds)),
                        }
                    }
                    MachineSignal::AllLinksWithin {
                        window_ms,
                        min_links,
                    } => Test::AllLinksWithin {
                        verdict: name(rule.verdict_rule()),
                        marked: all_links_within(events, *window_ms, *min_links),
                    },
                },
            })
            .collect();
        let needs_user_agent = matchers
            .iter()
            .any(|matcher| matches!(matcher.test, Test::UserAgent { .. }));

        let mut lower = String::new();
        let ids = events
            .iter()
            .enumerate()
            .map(|(position, event)| {
                let user_agent = match (&event.user_agent, needs_user_agent) {
                    (Some(user_agent), true) => {
                        lower.clear();
                        lower.push_str(user_agent.trim());
                        lower.make_ascii_lowercase();
                        Some(lower.as_str())
                    }
                    _ => None,
                };
                matchers
                    .iter()
                    .filter(|matcher| matcher.kinds.contains(&event.kind))
                    .find_map(|matcher| matcher.test.decide(event, position, user_agent))
                    .unwrap_or(HUMAN)
            })
            .collect();
        Classified { names, ids }
    }
}

impl Test<'_> {
    /// The machine verdict when this test matches the event at `position`.
    /// `user_agent` is the event's, trimmed and in lower case (`None` when not recorded).
    fn decide(
        &self,
        event: &TrackingEvent,
        position: usize,
        user_agent: Option<&str>,
    ) -> Option<VerdictId> {
        match self {
            Test::HeadRequest(verdict) => event.head_request.then_some(*verdict),
            Test::ClientClass(classes) => {
                let class = event.client_class.as_deref()?.trim();
                classes
                    .iter()
                    .find(|(lower, _)| lower.eq_ignore_ascii_case(class))
                    .map(|(_, verdict)| *verdict)
            }
            Test::UserAgent {
                verdict,
                equals,
                starts_with,
                contains,
            } => {
                let user_agent = user_agent?;
                let matched = equals.iter().any(|pattern| user_agent == pattern)
                    || starts_with
                        .iter()
                        .any(|pattern| user_agent.starts_with(pattern.as_str()))
                    || contains
                        .iter()
                        .any(|pattern| user_agent.contains(pattern.as_str()));
                matched.then_some(*verdict)
            }
            Test::IpRange { verdict, ranges } => {
                let ip = canonical_ip(event.ip?);
                ranges
                    .iter()
                    .any(|range| range.contains(&ip))
                    .then_some(*verdict)
            }
            Test::ClickSoonAfterDelivery { verdict, delay } => {
                let delivered = event.delivered_at?;
                (event.kind == EventKind::Click
                    && event.at.signed_duration_since(delivered) <= *delay)
                    .then_some(*verdict)
            }
            Test::AllLinksWithin { verdict, marked } => marked
                .get(position)
                .copied()
                .unwrap_or(false)
                .then_some(*verdict),
        }
    }
}

/// The clicks (by position in `events`) that belong to a burst of one recipient of one message
/// covering every link: at least `min_links` distinct links (and every link of the message when the
/// clicks say how many it has) within `window_ms` from the first click to the last.
///
/// A click is marked when some window of that width contains it and such a burst. Every such
/// window can slide right until it starts on a click, so only windows starting on a click are
/// tried: sorted by time, a two-pointer sweep counts the distinct links of each. The result is a
/// function of the set of clicks alone.
fn all_links_within(events: &[TrackingEvent], window_ms: u32, min_links: u16) -> Vec<bool> {
    let window = TimeDelta::milliseconds(i64::from(window_ms));
    // One recipient of one message (occurrence): their clicks, by position.
    let mut groups: HashMap<(MessageKey, Option<u64>), Vec<usize>> = HashMap::new();
    for (position, event) in events.iter().enumerate() {
        if event.kind == EventKind::Click {
            groups
                .entry((MessageKey::of(&event.claims), event.claims.recipient))
                .or_default()
                .push(position);
        }
    }

    let mut marked = vec![false; events.len()];
    for mut clicks in groups.into_values() {
        let links_in_message = clicks
            .iter()
            .filter_map(|&position| events.get(position)?.links_in_message)
            .max()
            .unwrap_or(0);
        let needed = usize::from(min_links.max(links_in_message));
        if clicks.len() < needed {
            continue;
        }
        let key = |position: usize| {
            events
                .get(position)
                .map(|event| (event.at, event.claims.link))
        };
        clicks.sort_by_key(|&position| key(position));
        let times_links: Vec<_> = clicks
            .iter()
            .filter_map(|&position| key(position))
            .collect();

        let mut counts: HashMap<Option<u16>, usize> = HashMap::new();
        let mut end = 0; // one past the last click in the window
        let mut marked_until = 0; // clicks before this index are already marked
        for (start, &(start_at, start_link)) in times_links.iter().enumerate() {
            while let Some(&(at, link)) = times_links.get(end) {
                if at.signed_duration_since(start_at) > window {
                    break;
                }
                *counts.entry(link).or_insert(0) += 1;
                end += 1;
            }
            if counts.len() >= needed {
                for &position in clicks.get(start.max(marked_until)..end).unwrap_or(&[]) {
                    if let Some(mark) = marked.get_mut(position) {
                        *mark = true;
                    }
                }
                marked_until = end;
            }
            // The window moves past its first click.
            if let Some(count) = counts.get_mut(&start_link) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&start_link);
                }
            }
        }
    }
    marked
}
