//! Engagement statistics: opens and clicks per message, per recipient's links and per link, with
//! human and machine events counted apart.
//!
//! Every number counts **links, not people**. Each recipient of a message gets personal links (an
//! open pixel and a tracked copy of each link); a forwarded mail carries the same links, so the
//! people who read a forwarded copy are counted as the original recipient, and "unique" means
//! "distinct recipient-links": distinct pixels for opens, distinct (recipient, link) copies for
//! clicks. The names say so: [`EngagementCounts::unique_links`], [`RecipientLinkStats`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::classify::{Classified, HUMAN, VerdictId};
use super::{EventKind, MachineRules, TrackingEvent, Verdict};
use crate::time::Instant;
use crate::token::Claims;

/// Which message (and which send of it) events belong to: the account, message and occurrence
/// claims of their tokens. A claim the tokens did not carry is `None`, a value of its own.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::MessageKey;
///
/// let claims = Claims { account: Some(1), message: Some(42), occurrence: Some(3), recipient: Some(7), link: None,
///                       credential: None };
/// let key = MessageKey::of(&claims);
/// assert_eq!(key, MessageKey { account: Some(1), message: Some(42), occurrence: Some(3) });
/// assert_eq!(serde_json::to_string(&key)?, r#"{"account":1,"message":42,"occurrence":3}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(
    Debug, Default, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct MessageKey {
    /// The account.
    pub account: Option<u64>,
    /// The message.
    pub message: Option<u64>,
    /// The occurrence (which send of a repeated message).
    pub occurrence: Option<u32>,
}

impl MessageKey {
    /// The message key of a token's claims.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::MessageKey;
    /// assert_eq!(MessageKey::of(&Claims::default()), MessageKey::default());
    /// ```
    pub fn of(claims: &Claims) -> MessageKey {
        MessageKey {
            account: claims.account,
            message: claims.message,
            occurrence: claims.occurrence,
        }
    }
}

/// Counts of one kind of event (opens or clicks) at one level of a [`StatsReport`].
///
/// `total` counts events; `unique_links` counts the distinct recipient-links (a recipient's own
/// pixel for opens, a recipient's own copy of a link for clicks) with at least one event. These
/// are links, not people: everyone who reads a forwarded mail uses the original recipient's links.
/// The human and machine numbers split them by [`Verdict`]: `human_total + machine_total == total`;
/// a link opened by a proxy and by its reader counts in both `human_unique_links` and
/// `machine_unique_links`, once in `unique_links`.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, Stats, TrackingEvent};
///
/// let pixel = Claims { message: Some(42), recipient: Some(7), ..Claims::default() };
/// let mut stats = Stats::new();
/// // Apple's proxy prefetches on delivery, then the reader opens twice.
/// stats.record(TrackingEvent::new(EventKind::Open, pixel, "2026-11-30T09:00:01Z".parse()?).with_user_agent("Mozilla/5.0"));
/// for at in ["2026-11-30T12:30:00Z", "2026-12-01T08:00:00Z"] {
///     stats.record(TrackingEvent::new(EventKind::Open, pixel, at.parse()?)
///         .with_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
/// }
/// let opens = stats.report().opens;
/// assert_eq!((opens.total, opens.unique_links), (3, 1));
/// assert_eq!((opens.human_total, opens.human_unique_links), (2, 1));
/// assert_eq!((opens.machine_total, opens.machine_unique_links), (1, 1));
/// assert_eq!(opens.machine_by_rule["apple_mpp_user_agent"], 1);
/// assert_eq!(opens.first_at, Some("2026-11-30T09:00:01Z".parse()?));
/// assert_eq!(opens.human_first_at, Some("2026-11-30T12:30:00Z".parse()?));
/// assert_eq!(opens.last_at, Some("2026-12-01T08:00:00Z".parse()?));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementCounts {
    /// Events, human and machine.
    pub total: u64,
    /// Distinct recipient-links with at least one event (not people: a forwarded mail shares them).
    pub unique_links: u64,
    /// Events with a human verdict.
    pub human_total: u64,
    /// Distinct recipient-links with at least one human event.
    pub human_unique_links: u64,
    /// Events with a machine verdict.
    pub machine_total: u64,
    /// Distinct recipient-links with at least one machine event.
    pub machine_unique_links: u64,
    /// The first event's time (`None` when there is none).
    pub first_at: Option<Instant>,
    /// The last event's time.
    pub last_at: Option<Instant>,
    /// The first human event's time.
    pub human_first_at: Option<Instant>,
    /// The last human event's time.
    pub human_last_at: Option<Instant>,
    /// Machine events per deciding rule (`apple_mpp_user_agent` → 12); sums to `machine_total`.
    pub machine_by_rule: BTreeMap<String, u64>,
}

/// The clicks on one link of a message: one entry of [`MessageStats::links`] (every recipient's
/// copy of the link) or of [`RecipientLinkStats::links`] (one recipient's copy).
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, MessageKey, Stats, TrackingEvent};
///
/// let mut stats = Stats::new();
/// for recipient in [7, 8] {
///     let claims = Claims { message: Some(42), recipient: Some(recipient), link: Some(0), ..Claims::default() };
///     stats.record(TrackingEvent::new(EventKind::Click, claims, "2026-11-30T12:00:00Z".parse()?).with_user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));
/// }
/// let report = stats.report();
/// let message = report.message(&MessageKey { message: Some(42), ..MessageKey::default() }).unwrap();
/// let link = message.link(Some(0)).unwrap();
/// assert_eq!((link.clicks.total, link.clicks.unique_links), (2, 2));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkStats {
    /// The link's index in the message (`None` for click tokens without a link claim).
    pub link: Option<u16>,
    /// The clicks on it.
    pub clicks: EngagementCounts,
}

/// The engagement of one recipient's links in one message: their open pixel and their copy of
/// each link. Named for the links, not the person: whoever reads a forwarded copy of the mail is
/// counted here too.
///
/// `opens.unique_links` is 0 or 1 (one pixel); `clicks.unique_links` is the number of distinct
/// links clicked.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, MessageKey, Stats, TrackingEvent};
///
/// let pixel = Claims { message: Some(42), recipient: Some(7), ..Claims::default() };
/// let link = |link| Claims { link: Some(link), ..pixel };
/// let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
/// let mut stats = Stats::new();
/// stats.record(TrackingEvent::new(EventKind::Open, pixel, "2026-11-30T12:00:00Z".parse()?).with_user_agent(firefox));
/// stats.record(TrackingEvent::new(EventKind::Click, link(0), "2026-11-30T12:01:00Z".parse()?).with_user_agent(firefox));
/// stats.record(TrackingEvent::new(EventKind::Click, link(2), "2026-11-30T12:05:00Z".parse()?).with_user_agent(firefox));
/// stats.record(TrackingEvent::new(EventKind::Click, link(2), "2026-11-30T12:06:00Z".parse()?).with_user_agent(firefox));
/// let report = stats.report();
/// let recipient = report.message(&MessageKey::of(&pixel)).and_then(|m| m.recipient(Some(7))).unwrap();
/// assert_eq!((recipient.opens.total, recipient.opens.unique_links), (1, 1));
/// assert_eq!((recipient.clicks.total, recipient.clicks.unique_links), (3, 2));
/// assert_eq!(recipient.link(Some(2)).map(|link| link.clicks.total), Some(2));
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientLinkStats {
    /// The recipient the links were made for (`None` for tokens without a recipient claim).
    pub recipient: Option<u64>,
    /// Loads of this recipient's open pixel.
    pub opens: EngagementCounts,
    /// Clicks on this recipient's links, all links together.
    pub clicks: EngagementCounts,
    /// Clicks per link, sorted by link.
    pub links: Vec<LinkStats>,
}

impl RecipientLinkStats {
    /// The clicks on this recipient's copy of one link, if it was clicked.
    ///
    /// ```
    /// use envoi::tracking::RecipientLinkStats;
    /// assert!(RecipientLinkStats::default().link(Some(0)).is_none());
    /// ```
    pub fn link(&self, link: Option<u16>) -> Option<&LinkStats> {
        find_link(&self.links, link)
    }
}

/// The engagement of one message (one occurrence of it): opens and clicks of all its recipients'
/// links, per link and per recipient's links.
///
/// `opens.unique_links` is the number of recipients' pixels loaded at least once,
/// `clicks.unique_links` the number of distinct (recipient, link) copies clicked: counts of
/// links, not of people (a forwarded mail shares its links).
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, MessageKey, Stats, TrackingEvent};
///
/// let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
/// let mut stats = Stats::new();
/// for (recipient, at) in [(7, "2026-11-30T12:00:00Z"), (8, "2026-11-30T13:00:00Z"), (7, "2026-11-30T14:00:00Z")] {
///     let pixel = Claims { message: Some(42), recipient: Some(recipient), ..Claims::default() };
///     stats.record(TrackingEvent::new(EventKind::Open, pixel, at.parse()?).with_user_agent(firefox));
/// }
/// let report = stats.report();
/// let message = report.message(&MessageKey { message: Some(42), ..MessageKey::default() }).unwrap();
/// assert_eq!((message.opens.total, message.opens.unique_links), (3, 2));
/// assert_eq!(message.recipients.len(), 2);
/// assert_eq!(message.clicks.total, 0);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageStats {
    /// Which message.
    pub message: MessageKey,
    /// Loads of the message's open pixels, all recipients together.
    pub opens: EngagementCounts,
    /// Clicks on the message's links, all recipients and links together.
    pub clicks: EngagementCounts,
    /// Clicks per link (every recipient's copy of it), sorted by link.
    pub links: Vec<LinkStats>,
    /// Per recipient's links, sorted by recipient.
    pub recipients: Vec<RecipientLinkStats>,
}

impl MessageStats {
    /// The clicks on one link (every recipient's copy), if it was clicked.
    ///
    /// ```
    /// use envoi::tracking::MessageStats;
    /// assert!(MessageStats::default().link(None).is_none());
    /// ```
    pub fn link(&self, link: Option<u16>) -> Option<&LinkStats> {
        find_link(&self.links, link)
    }

    /// One recipient's links, if any event used them.
    ///
    /// ```
    /// use envoi::tracking::MessageStats;
    /// assert!(MessageStats::default().recipient(Some(7)).is_none());
    /// ```
    pub fn recipient(&self, recipient: Option<u64>) -> Option<&RecipientLinkStats> {
        self.recipients
            .binary_search_by(|entry| entry.recipient.cmp(&recipient))
            .ok()
            .and_then(|index| self.recipients.get(index))
    }
}

fn find_link(links: &[LinkStats], link: Option<u16>) -> Option<&LinkStats> {
    links
        .binary_search_by(|entry| entry.link.cmp(&link))
        .ok()
        .and_then(|index| links.get(index))
}

/// The aggregate of a set of events: every message's opens and clicks, per link and per
/// recipient's links, and the totals over all messages. A pure function of the set of events and
/// the rules: the same events recorded in any order give an equal report.
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, Stats, TrackingEvent};
///
/// let mut stats = Stats::new();
/// let pixel = Claims { message: Some(42), recipient: Some(7), ..Claims::default() };
/// stats.record(TrackingEvent::new(EventKind::Open, pixel, "2026-11-30T09:00:00Z".parse()?).with_head_request());
/// let report = stats.report();
/// assert_eq!(report.messages.len(), 1);
/// assert_eq!((report.opens.total, report.opens.machine_total), (1, 1));
/// let json = serde_json::to_string(&report)?;
/// assert!(json.contains(r#""machine_by_rule":{"head_request":1}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsReport {
    /// Open-pixel loads over all messages.
    pub opens: EngagementCounts,
    /// Clicks over all messages.
    pub clicks: EngagementCounts,
    /// Per message, sorted by [`MessageKey`].
    pub messages: Vec<MessageStats>,
}

impl StatsReport {
    /// One message's statistics, if any event belongs to it.
    ///
    /// ```
    /// use envoi::tracking::{MessageKey, StatsReport};
    /// assert!(StatsReport::default().message(&MessageKey::default()).is_none());
    /// ```
    pub fn message(&self, message: &MessageKey) -> Option<&MessageStats> {
        self.messages
            .binary_search_by(|entry| entry.message.cmp(message))
            .ok()
            .and_then(|index| self.messages.get(index))
    }
}

/// Records raw tracking events and aggregates them into a [`StatsReport`], telling machine events
/// from human ones with [`MachineRules`].
///
/// The raw events are kept ([`events`](Self::events)); the host stores them (their JSON form is
/// stable) and can aggregate them again later, with other rules. [`report`](Self::report) and
/// [`verdicts`](Self::verdicts) are computed over the whole set of events each time, so a late
/// event can change earlier verdicts (the every-link-within-a-second rule looks at all clicks of a
/// recipient), and the order in which events arrive never matters.
///
/// All numbers count links, not people: see the [module documentation](crate::tracking) and
/// [`EngagementCounts`].
///
/// ```
/// use envoi::token::Claims;
/// use envoi::tracking::{EventKind, MessageKey, Stats, TrackingEvent};
///
/// let delivered = "2026-11-30T09:00:00Z".parse()?;
/// let link = |recipient, link| Claims { account: Some(1), message: Some(42), occurrence: None,
///                                      recipient: Some(recipient), link: Some(link), credential: None };
/// let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
/// let mut stats = Stats::new();
/// // Recipient 7's gateway scans both links at delivery, then the person clicks one.
/// stats.record(TrackingEvent::new(EventKind::Click, link(7, 0), "2026-11-30T09:00:01.200Z".parse()?).with_delivered_at(delivered));
/// stats.record(TrackingEvent::new(EventKind::Click, link(7, 1), "2026-11-30T09:00:01.300Z".parse()?).with_delivered_at(delivered));
/// stats.record(TrackingEvent::new(EventKind::Click, link(7, 1), "2026-11-30T10:42:00Z".parse()?)
///     .with_user_agent(chrome).with_delivered_at(delivered));
///
/// let report = stats.report();
/// let message = report.message(&MessageKey { account: Some(1), message: Some(42), occurrence: None }).unwrap();
/// assert_eq!((message.clicks.total, message.clicks.human_total, message.clicks.machine_total), (3, 1, 2));
/// assert_eq!(message.clicks.unique_links, 2);       // recipient 7's links 0 and 1
/// assert_eq!(message.clicks.human_unique_links, 1); // link 1
/// assert_eq!(message.link(Some(1)).map(|link| link.clicks.human_total), Some(1));
/// let rules: Vec<String> = stats.verdicts().into_iter().map(|verdict| verdict.rule).collect();
/// assert_eq!(rules, ["click_soon_after_delivery", "click_soon_after_delivery", "human"]);
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    rules: MachineRules,
    events: Vec<TrackingEvent>,
}

impl Stats {
    /// No events, the built-in [`MachineRules`].
    ///
    /// ```
    /// let stats = envoi::tracking::Stats::new();
    /// assert!(stats.events().is_empty());
    /// assert_eq!(stats.rules(), envoi::tracking::MachineRules::builtin());
    /// ```
    pub fn new() -> Stats {
        Stats::default()
    }

    /// No events, the given rules.
    ///
    /// ```
    /// use envoi::tracking::{MachineRules, Stats};
    /// let rules = MachineRules::new(vec![])?; // every event is human
    /// assert!(Stats::with_rules(rules).rules().rules().is_empty());
    /// # Ok::<(), envoi::tracking::StatsError>(())
    /// ```
    pub fn with_rules(rules: MachineRules) -> Stats {
        Stats {
            rules,
            events: Vec::new(),
        }
    }

    /// Events the host kept (from its store), with the given rules: the way to aggregate again.
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, MachineRules, Stats, TrackingEvent};
    ///
    /// let stored: Vec<TrackingEvent> = serde_json::from_str(
    ///     r#"[{"kind": "open", "claims": {"message": 42, "recipient": 7}, "at": "2026-11-30T09:00:00Z",
    ///          "user_agent": "Mozilla/5.0"}]"#)?;
    /// let stats = Stats::from_events(MachineRules::builtin().clone(), stored);
    /// assert_eq!(stats.report().opens.machine_total, 1);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn from_events(
        rules: MachineRules,
        events: impl IntoIterator<Item = TrackingEvent>,
    ) -> Stats {
        Stats {
            rules,
            events: events.into_iter().collect(),
        }
    }

    /// Records one event. Every event is kept; an identical event recorded twice counts twice
    /// (envoi cannot tell a retried request from a second open: the host drops its own retries).
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, Stats, TrackingEvent};
    /// let mut stats = Stats::new();
    /// stats.record(TrackingEvent::new(EventKind::Open, Claims::default(), "2026-11-30T09:00:00Z".parse()?));
    /// assert_eq!(stats.events().len(), 1);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn record(&mut self, event: TrackingEvent) {
        self.events.push(event);
    }

    /// The raw events, in the order they were recorded.
    ///
    /// ```
    /// assert!(envoi::tracking::Stats::new().events().is_empty());
    /// ```
    pub fn events(&self) -> &[TrackingEvent] {
        &self.events
    }

    /// The rules the statistics classify with.
    ///
    /// ```
    /// let stats = envoi::tracking::Stats::new();
    /// assert!(!stats.rules().rules().is_empty());
    /// ```
    pub fn rules(&self) -> &MachineRules {
        &self.rules
    }

    /// The verdict of each recorded event, in the order of [`events`](Self::events).
    ///
    /// ```
    /// use envoi::token::Claims;
    /// use envoi::tracking::{EventKind, Stats, TrackingEvent, Verdict};
    /// let mut stats = Stats::new();
    /// stats.record(TrackingEvent::new(EventKind::Open, Claims::default(), "2026-11-30T09:00:00Z".parse()?)
    ///     .with_user_agent("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html"));
    /// assert_eq!(stats.verdicts(), [Verdict::machine("yahoo_mail_proxy_user_agent")]);
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn verdicts(&self) -> Vec<Verdict> {
        self.rules.classify(&self.events)
    }

    /// The aggregate of every recorded event (see [`StatsReport`]).
    ///
    /// ```
    /// let report = envoi::tracking::Stats::new().report();
    /// assert_eq!((report.opens.total, report.clicks.total, report.messages.len()), (0, 0, 0));
    /// ```
    pub fn report(&self) -> StatsReport {
        let classified = self.rules.classify_ids(&self.events);
        // Sorted by message, recipient, kind and link, every level is a run of events, and a
        // recipient-link (the same claims and kind) is one run: counted once in `unique_links`.
        let mut events: Vec<(RunKey, &TrackingEvent, VerdictId)> = self
            .events
            .iter()
            .zip(classified.ids.iter().copied())
            .map(|(event, id)| (RunKey::of(event), event, id))
            .collect();
        events.sort_unstable_by_key(|(key, _, _)| *key);

        let finish = |tally: Tally| tally.finish(&classified);
        let mut all_opens = Tally::default();
        let mut all_clicks = Tally::default();
        let mut messages = Vec::new();
        for message_run in events.chunk_by(|a, b| a.0.message == b.0.message) {
            let mut opens = Tally::default();
            let mut clicks = Tally::default();
            let mut message_links: BTreeMap<Option<u16>, Tally> = BTreeMap::new();
            let mut recipients = Vec::new();
            for recipient_run in message_run.chunk_by(|a, b| a.0.recipient == b.0.recipient) {
                let mut recipient_opens = Tally::default();
                let mut recipient_clicks = Tally::default();
                let mut recipient_links = Vec::new();
                for link_run in recipient_run.chunk_by(|a, b| a.0 == b.0) {
                    let Some(&(key, _, _)) = link_run.first() else {
                        continue;
                    };
                    let mut link_tally = Tally::default();
                    let mut tallies: Vec<&mut Tally> = match key.kind {
                        EventKind::Open => vec![&mut all_opens, &mut opens, &mut recipient_opens],
                        EventKind::Click => vec![
                            &mut all_clicks,
                            &mut clicks,
                            &mut recipient_clicks,
                            &mut link_tally,
                            message_links.entry(key.link).or_default(),
                        ],
                    };
                    let (mut human, mut machine) = (false, false);
                    for &(_, event, id) in link_run {
                        human |= id == HUMAN;
                        machine |= id != HUMAN;
                        for tally in tallies.iter_mut() {
                            tally.add(event.at, id);
                        }
                    }
                    for tally in tallies {
                        tally.add_link(human, machine);
                    }
                    if key.kind == EventKind::Click {
                        recipient_links.push(LinkStats {
                            link: key.link,
                            clicks: finish(link_tally),
                        });
                    }
                }
                if let Some(&(key, _, _)) = recipient_run.first() {
                    recipients.push(RecipientLinkStats {
                        recipient: key.recipient,
                        opens: finish(recipient_opens),
                        clicks: finish(recipient_clicks),
                        links: recipient_links,
                    });
                }
            }
            if let Some(&(key, _, _)) = message_run.first() {
                messages.push(MessageStats {
                    message: key.message,
                    opens: finish(opens),
                    clicks: finish(clicks),
                    links: message_links
                        .into_iter()
                        .map(|(link, tally)| LinkStats {
                            link,
                            clicks: finish(tally),
                        })
                        .collect(),
                    recipients,
                });
            }
        }
        StatsReport {
            opens: finish(all_opens),
            clicks: finish(all_clicks),
            messages,
        }
    }
}

/// Where an event counts: its message, recipient, kind and link, in the report's order. Equal keys
/// are the same recipient-link (the whole claims) and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RunKey {
    message: MessageKey,
    recipient: Option<u64>,
    kind: EventKind,
    link: Option<u16>,
}

impl RunKey {
    fn of(event: &TrackingEvent) -> RunKey {
        RunKey {
            message: MessageKey::of(&event.claims),
            recipient: event.claims.recipient,
            kind: event.kind,
            // An open is the recipient's one pixel, whatever link claim its token carries.
            link: match event.kind {
                EventKind::Open => None,
                EventKind::Click => event.claims.link,
            },
        }
    }
}

/// What [`EngagementCounts`] is made from, one event (then one recipient-link) at a time.
#[derive(Default)]
struct Tally {
    counts: EngagementCounts,
    /// Machine events per verdict id (few: a short list beats a map).
    by_rule: Vec<(VerdictId, u64)>,
}

fn earliest(current: Option<Instant>, at: Instant) -> Option<Instant> {
    Some(current.map_or(at, |current| current.min(at)))
}

fn latest(current: Option<Instant>, at: Instant) -> Option<Instant> {
    Some(current.map_or(at, |current| current.max(at)))
}

impl Tally {
    fn add(&mut self, at: Instant, id: VerdictId) {
        let counts = &mut self.counts;
        counts.total += 1;
        counts.first_at = earliest(counts.first_at, at);
        counts.last_at = latest(counts.last_at, at);
        if id == HUMAN {
            counts.human_total += 1;
            counts.human_first_at = earliest(counts.human_first_at, at);
            counts.human_last_at = latest(counts.human_last_at, at);
        } else {
            counts.machine_total += 1;
            match self.by_rule.iter_mut().find(|(rule, _)| *rule == id) {
                Some((_, count)) => *count += 1,
                None => self.by_rule.push((id, 1)),
            }
        }
    }

    /// One distinct recipient-link of this tally, with whether it had human and machine events.
    fn add_link(&mut self, human: bool, machine: bool) {
        self.counts.unique_links += 1;
        self.counts.human_unique_links += u64::from(human);
        self.counts.machine_unique_links += u64::from(machine);
    }

    fn finish(self, classified: &Classified) -> EngagementCounts {
        let mut counts = self.counts;
        for (id, count) in self.by_rule {
            *counts
                .machine_by_rule
                .entry(classified.verdict(id).rule)
                .or_default() += count;
        }
        counts
    }
}
