//! The rules that tell likely machine events (privacy proxies, link scanners) from human ones.
//!
//! The built-in rules are the data file `machine_rules.json` beside this module, embedded in the
//! crate and parsed once, at first use; its `about` lines state the format and each rule says
//! where its data comes from (`source`) and when that was checked (`checked_on`). A host loads its
//! own list in the same format with [`MachineRules::from_json`], or takes the built-in rules and
//! changes them ([`MachineRules::rules`], [`MachineRules::new`]).

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{EventKind, StatsError};

/// The built-in rules' data file (see the module documentation and its `about` lines).
const BUILTIN_JSON: &str = include_str!("machine_rules.json");

/// The built-in rules, parsed and checked once. A test (`builtin_rules_are_valid`) keeps the data
/// file valid, so the panic below can only follow an edit of `machine_rules.json` never tested.
static BUILTIN: LazyLock<MachineRules> = LazyLock::new(|| {
    match MachineRules::from_json(BUILTIN_JSON) {
        Ok(rules) => rules,
        Err(error) => {
            panic!(
                "the built-in machine rules core/src/tracking/machine_rules.json are invalid: {error}"
            )
        }
    }
});

/// The longest name of a user-agent or IP-range rule.
const MAX_NAME_LENGTH: usize = 64;
/// The longest user-agent pattern or client class.
const MAX_PATTERN_LENGTH: usize = 512;
/// The longest delay after delivery [`MachineSignal::ClickSoonAfterDelivery`] accepts: a day.
pub const MAX_SECONDS_AFTER_DELIVERY: u32 = 86_400;
/// The widest window [`MachineSignal::AllLinksWithin`] accepts: a minute.
pub const MAX_ALL_LINKS_WINDOW_MS: u32 = 60_000;

/// An ordered list of rules that mark tracking events as likely machine events.
///
/// For each event the rules are tried in order and the first enabled rule that matches decides:
/// the event's [`Verdict`](super::Verdict) is machine and names that rule. An event no rule matches
/// is human. [`MachineRules::builtin`] are envoi's rules (privacy proxies by user agent, link
/// scanners by HEAD requests, clicks seconds after delivery or every link clicked within a
/// second); a host loads its own with [`from_json`](Self::from_json), with the same format, or
/// changes the built-in ones and checks them again with [`new`](Self::new). The serde form of
/// `MachineRules` is that JSON format (and deserialising checks the same rules).
///
/// ```
/// use envoi::tracking::{MachineRule, MachineRules, MachineSignal};
///
/// let builtin = MachineRules::builtin();
/// let names: Vec<String> = builtin.rules().iter().map(MachineRule::verdict_rule).collect();
/// assert!(names.contains(&"apple_mpp_user_agent".to_string()));
/// assert!(names.contains(&"all_links_within_1s".to_string()));
///
/// // A host adds its own scanner ranges first and gives link scanners 30 seconds.
/// let mut rules = vec![MachineRule::ip_range(
///     "corporate_gateway",
///     &["192.0.2.0/24", "2001:db8::/32"],
///     "our mail gateway's egress addresses",
///     "2026-11-30".parse()?,
/// )?];
/// rules.extend(builtin.rules().iter().cloned().map(|mut rule| {
///     if let MachineSignal::ClickSoonAfterDelivery { seconds } = &mut rule.signal {
///         *seconds = 30;
///     }
///     rule
/// }));
/// let tuned = MachineRules::new(rules)?;
/// assert_eq!(tuned.rules()[0].verdict_rule(), "ip_range:corporate_gateway");
/// assert_eq!(MachineRules::from_json(&tuned.to_json())?, tuned);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct MachineRules {
    /// The header lines: what the list holds and its conventions.
    about: Vec<String>,
    /// The rules, in the order they are tried.
    rules: Vec<MachineRule>,
}

/// One rule of [`MachineRules`]: the signal it looks for, whether it is on, and where its data
/// comes from.
///
/// ```
/// use envoi::tracking::{EventKind, MachineRule, MachineSignal};
///
/// let rule = MachineRule {
///     signal: MachineSignal::UserAgent {
///         name: "mail_scanner_user_agent".into(),
///         equals: vec![],
///         starts_with: vec![],
///         contains: vec!["ExampleMailScanner/".into()],
///         kinds: vec![EventKind::Click],
///     },
///     enabled: true,
///     source: "the scanner's documentation".into(),
///     checked_on: "2026-11-30".parse()?,
/// };
/// assert_eq!(rule.verdict_rule(), "mail_scanner_user_agent");
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineRule {
    /// What the rule looks for.
    pub signal: MachineSignal,
    /// False to keep the rule in the list without applying it.
    pub enabled: bool,
    /// Where the rule's data comes from (documentation, measurement, the host's own choice).
    pub source: String,
    /// The day the source was last checked.
    pub checked_on: NaiveDate,
}

/// What a [`MachineRule`] looks for in an event (and, for [`AllLinksWithin`](Self::AllLinksWithin),
/// in the other events of the same recipient).
///
/// `kinds` lists the event kinds a rule looks at (both by default in the JSON form), sorted, without
/// repeats.
///
/// ```
/// use envoi::tracking::{MachineRule, MachineSignal};
/// let rule = MachineRule {
///     signal: MachineSignal::AllLinksWithin { window_ms: 1500, min_links: 2 },
///     enabled: true,
///     source: "our measurements".into(),
///     checked_on: "2026-11-30".parse()?,
/// };
/// assert_eq!(rule.verdict_rule(), "all_links_within_1500ms");
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MachineSignal {
    /// The request was an HTTP `HEAD`. Verdict rule `head_request`.
    HeadRequest {
        /// The kinds it applies to.
        kinds: Vec<EventKind>,
    },
    /// The host's class of the client is one of `classes` (ASCII case-insensitive). Verdict rule
    /// `client_class:<the event's class>`.
    ClientClass {
        /// The classes that mean a machine.
        classes: Vec<String>,
        /// The kinds it applies to.
        kinds: Vec<EventKind>,
    },
    /// The user agent (trimmed, ASCII case-insensitive; a request without one has `""`) equals,
    /// starts with or contains one of the patterns. Events whose user agent the host did not record
    /// are not looked at. Verdict rule: `name`.
    UserAgent {
        /// The rule's name (`apple_mpp_user_agent`), 1 to 64 of `a-z`, `0-9`, `_`.
        name: String,
        /// Whole user agents.
        equals: Vec<String>,
        /// Prefixes (not empty).
        starts_with: Vec<String>,
        /// Substrings (not empty).
        contains: Vec<String>,
        /// The kinds it applies to.
        kinds: Vec<EventKind>,
    },
    /// The client's IP address is in one of the ranges (IPv4-mapped IPv6 addresses count as
    /// IPv4). Verdict rule `ip_range:<name>`.
    IpRange {
        /// The range list's name (`apple_private_relay`), 1 to 64 of `a-z`, `0-9`, `_`.
        name: String,
        /// The ranges.
        ranges: Vec<IpNet>,
        /// The kinds it applies to.
        kinds: Vec<EventKind>,
    },
    /// A click at most `seconds` after the message's delivery (or before it), when the event
    /// carries the delivery time. Verdict rule `click_soon_after_delivery`.
    ClickSoonAfterDelivery {
        /// The delay, 0 to [`MAX_SECONDS_AFTER_DELIVERY`].
        seconds: u32,
    },
    /// Clicks of one recipient on one message (occurrence) on every link (at least `min_links`
    /// distinct links, and all `links_in_message` when the events say) within `window_ms` from the
    /// first to the last. Decided over the whole set of events. Verdict rule
    /// `all_links_within_<window>` (`1s`, `1500ms`).
    AllLinksWithin {
        /// The window, 1 to [`MAX_ALL_LINKS_WINDOW_MS`] milliseconds.
        window_ms: u32,
        /// The fewest distinct links, at least 2.
        min_links: u16,
    },
}

impl MachineSignal {
    /// The signal's `type` in the JSON form (`"user_agent"`…).
    ///
    /// ```
    /// use envoi::tracking::MachineSignal;
    /// assert_eq!(MachineSignal::ClickSoonAfterDelivery { seconds: 5 }.type_name(), "click_soon_after_delivery");
    /// ```
    pub fn type_name(&self) -> &'static str {
        match self {
            MachineSignal::HeadRequest { .. } => "head_request",
            MachineSignal::ClientClass { .. } => "client_class",
            MachineSignal::UserAgent { .. } => "user_agent",
            MachineSignal::IpRange { .. } => "ip_range",
            MachineSignal::ClickSoonAfterDelivery { .. } => "click_soon_after_delivery",
            MachineSignal::AllLinksWithin { .. } => "all_links_within",
        }
    }

    /// The event kinds the signal looks at.
    ///
    /// ```
    /// use envoi::tracking::{EventKind, MachineSignal};
    /// let signal = MachineSignal::AllLinksWithin { window_ms: 1000, min_links: 2 };
    /// assert_eq!(signal.kinds(), [EventKind::Click]);
    /// ```
    pub fn kinds(&self) -> &[EventKind] {
        match self {
            MachineSignal::HeadRequest { kinds }
            | MachineSignal::ClientClass { kinds, .. }
            | MachineSignal::UserAgent { kinds, .. }
            | MachineSignal::IpRange { kinds, .. } => kinds,
            MachineSignal::ClickSoonAfterDelivery { .. } | MachineSignal::AllLinksWithin { .. } => {
                &[EventKind::Click]
            }
        }
    }
}

impl MachineRule {
    /// The name a verdict decided by this rule carries: `head_request`, `client_class` (the
    /// verdict adds `:<class>`), the user-agent rule's name, `ip_range:<name>`,
    /// `click_soon_after_delivery` or `all_links_within_<window>`.
    ///
    /// ```
    /// use envoi::tracking::MachineRules;
    /// let first = &MachineRules::builtin().rules()[0];
    /// assert_eq!(first.verdict_rule(), "head_request");
    /// ```
    pub fn verdict_rule(&self) -> String {
        match &self.signal {
            MachineSignal::HeadRequest { .. } => "head_request".to_string(),
            MachineSignal::ClientClass { .. } => "client_class".to_string(),
            MachineSignal::UserAgent { name, .. } => name.clone(),
            MachineSignal::IpRange { name, .. } => format!("ip_range:{name}"),
            MachineSignal::ClickSoonAfterDelivery { .. } => "click_soon_after_delivery".to_string(),
            MachineSignal::AllLinksWithin { window_ms, .. } => {
                format!("all_links_within_{}", window_name(*window_ms))
            }
        }
    }

    /// An enabled IP-range rule for both kinds, from ranges as text (`"17.0.0.0/8"`,
    /// `"2620:149::/32"`, or a single address).
    ///
    /// A range that is not CIDR, or has bits set after its prefix (`10.1.2.3/8`: write
    /// `10.0.0.0/8`), is refused with `tracking.invalid_ip_range`; a name that is not 1 to 64 of
    /// `a-z`, `0-9`, `_` with `tracking.invalid_machine_rule`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::tracking::MachineRule;
    ///
    /// let day = "2026-11-30".parse()?;
    /// let rule = MachineRule::ip_range("office", &["10.0.0.0/8", "192.0.2.7"], "our VPN", day)?;
    /// assert_eq!(rule.verdict_rule(), "ip_range:office");
    ///
    /// let error = MachineRule::ip_range("office", &["10.1.2.3/8"], "our VPN", day).unwrap_err();
    /// assert_eq!(error.code(), "tracking.invalid_ip_range");
    /// assert!(error.to_string().contains("ranges[0] = \"10.1.2.3/8\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ip_range(
        name: &str,
        ranges: &[&str],
        source: &str,
        checked_on: NaiveDate,
    ) -> Result<MachineRule, StatsError> {
        let entry = format!("ip_range ({})", cut(name));
        check_name(&entry, "name", name)?;
        let ranges = ranges
            .iter()
            .enumerate()
            .map(|(index, text)| parse_range(&entry, &format!("ranges[{index}]"), text))
            .collect::<Result<Vec<_>, _>>()?;
        let rule = MachineRule {
            signal: MachineSignal::IpRange {
                name: name.to_string(),
                ranges,
                kinds: EventKind::ALL.to_vec(),
            },
            enabled: true,
            source: source.to_string(),
            checked_on,
        };
        check_rule(&entry, &rule)?;
        Ok(rule)
    }
}

/// `1s` for 1000 ms, `1500ms` for 1500.
fn window_name(window_ms: u32) -> String {
    if window_ms % 1000 == 0 {
        format!("{}s", window_ms / 1000)
    } else {
        format!("{window_ms}ms")
    }
}

impl MachineRules {
    /// envoi's rules, from `machine_rules.json`: HEAD requests, the host's machine client classes,
    /// missing and HTTP-library user agents, the privacy proxies and link fetchers by user agent
    /// (Apple Mail Privacy Protection, Gmail's prefetch, Yahoo Mail Proxy, Microsoft Office's link
    /// checks, Outlook.com's link preview), clicks within 5 s of delivery and every link clicked
    /// within 1 s. Gmail's image proxy (`GoogleImageProxy`) is in the list but off: it fetches when
    /// the recipient opens the message.
    ///
    /// ```
    /// use envoi::tracking::MachineRules;
    /// let rules = MachineRules::builtin();
    /// let google = rules.rules().iter().find(|rule| rule.verdict_rule() == "google_image_proxy_user_agent");
    /// assert!(!google.map_or(true, |rule| rule.enabled));
    /// ```
    pub fn builtin() -> &'static MachineRules {
        &BUILTIN
    }

    /// Checks rules given in code and keeps them in this order. The checks are those of
    /// [`from_json`](Self::from_json): names, patterns, ranges, numbers in range, kinds not empty,
    /// no two rules with the same verdict rule name.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::tracking::{MachineRule, MachineRules, MachineSignal};
    ///
    /// let too_long = MachineRule {
    ///     signal: MachineSignal::AllLinksWithin { window_ms: 120_000, min_links: 2 },
    ///     enabled: true,
    ///     source: "a guess".into(),
    ///     checked_on: "2026-11-30".parse()?,
    /// };
    /// let error = MachineRules::new(vec![too_long]).unwrap_err();
    /// assert_eq!(error.code(), "tracking.invalid_machine_rule");
    /// assert!(error.to_string().starts_with("machine rules: rules[0] (all_links_within): window_ms = \"120000\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(rules: Vec<MachineRule>) -> Result<MachineRules, StatsError> {
        MachineRules::with_about(Vec::new(), rules)
    }

    fn with_about(about: Vec<String>, rules: Vec<MachineRule>) -> Result<MachineRules, StatsError> {
        let mut names: HashMap<String, usize> = HashMap::new();
        for (index, rule) in rules.iter().enumerate() {
            check_rule(&entry_name(index, rule), rule)?;
            let name = rule.verdict_rule();
            if let Some(&first) = names.get(&name) {
                return Err(StatsError::DuplicateRuleName {
                    name,
                    first,
                    second: index,
                });
            }
            names.insert(name, index);
        }
        Ok(MachineRules { about, rules })
    }

    /// Reads rules in the format of `machine_rules.json` (see its `about` lines): an object with
    /// `rules`, a list tried in order, and optional `about` lines. Every field is checked; an
    /// error names the rule (`rules[3] (apple_mpp_user_agent)`), the field and the value.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::tracking::{MachineRules, StatsError};
    ///
    /// let rules = MachineRules::from_json(r#"{"rules": [
    ///     {"type": "user_agent", "name": "scanner", "contains": ["ExampleScanner"],
    ///      "kinds": ["click"], "source": "vendor docs", "checked_on": "2026-11-30"},
    ///     {"type": "click_soon_after_delivery", "seconds": 20, "source": "our delivery logs",
    ///      "checked_on": "2026-11-30"}
    /// ]}"#)?;
    /// assert_eq!(rules.rules().len(), 2);
    ///
    /// let error = MachineRules::from_json(r#"{"rules": [{"type": "click_soon_after_delivery",
    ///     "seconds": "20", "source": "our delivery logs", "checked_on": "2026-11-30"}]}"#).unwrap_err();
    /// assert_eq!(error.code(), "tracking.invalid_machine_rule");
    /// assert!(matches!(&error, StatsError::InvalidMachineRule { entry, field, value, .. }
    ///     if entry == "rules[0] (click_soon_after_delivery)" && field == "seconds" && value == "\"20\""));
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<MachineRules, StatsError> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| StatsError::InvalidRulesJson {
                line: error.line(),
                column: error.column(),
                reason: error.to_string(),
            })?;
        MachineRules::try_from(value)
    }

    /// The rules in their JSON format (pretty-printed), which [`from_json`](Self::from_json) reads
    /// back into equal rules. Fields at their default (`enabled: true`, both `kinds`, empty pattern
    /// lists) are left out.
    ///
    /// ```
    /// use envoi::tracking::MachineRules;
    /// let text = MachineRules::builtin().to_json();
    /// assert!(text.contains(r#""name": "apple_mpp_user_agent""#));
    /// assert_eq!(&MachineRules::from_json(&text)?, MachineRules::builtin());
    /// # Ok::<(), envoi::tracking::StatsError>(())
    /// ```
    pub fn to_json(&self) -> String {
        match serde_json::to_string_pretty(&Value::from(self.clone())) {
            Ok(text) => text,
            // A Value of strings, numbers, booleans, arrays and string-keyed objects always writes.
            Err(error) => unreachable!("machine rules always serialise to JSON: {error}"),
        }
    }

    /// The rules, in the order they are tried.
    ///
    /// ```
    /// let rules = envoi::tracking::MachineRules::builtin().rules();
    /// assert!(rules.iter().all(|rule| !rule.source.is_empty()));
    /// ```
    pub fn rules(&self) -> &[MachineRule] {
        &self.rules
    }

    /// The header lines of the rules' JSON form (empty for rules made with [`new`](Self::new)).
    ///
    /// ```
    /// let about = envoi::tracking::MachineRules::builtin().about();
    /// assert!(about[0].contains("machine"));
    /// ```
    pub fn about(&self) -> &[String] {
        &self.about
    }
}

impl Default for MachineRules {
    /// The built-in rules.
    fn default() -> MachineRules {
        MachineRules::builtin().clone()
    }
}

impl fmt::Display for MachineSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.type_name())
    }
}

// ---- Checks ---------------------------------------------------------------------------------

/// `rules[3] (apple_mpp_user_agent)`.
fn entry_name(index: usize, rule: &MachineRule) -> String {
    let label = match &rule.signal {
        MachineSignal::UserAgent { name, .. } | MachineSignal::IpRange { name, .. } => cut(name),
        other => other.type_name().to_string(),
    };
    format!("rules[{index}] ({label})")
}

fn invalid(
    entry: &str,
    field: &str,
    value: impl Into<String>,
    rule: impl Into<String>,
) -> StatsError {
    StatsError::InvalidMachineRule {
        entry: entry.to_string(),
        field: field.to_string(),
        value: value.into(),
        rule: rule.into(),
    }
}

/// The first 80 characters of a value, for messages.
fn cut(text: &str) -> String {
    text.chars().take(80).collect()
}

fn check_name(entry: &str, field: &str, name: &str) -> Result<(), StatsError> {
    let well_formed = !name.is_empty()
        && name.len() <= MAX_NAME_LENGTH
        && name
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
    if !well_formed {
        return Err(invalid(
            entry,
            field,
            cut(name),
            "a rule name is 1 to 64 of a-z, 0-9 and _",
        ));
    }
    let reserved = matches!(
        name,
        "human" | "head_request" | "client_class" | "ip_range" | "click_soon_after_delivery"
    ) || name.starts_with("all_links_within");
    if reserved {
        return Err(invalid(
            entry,
            field,
            name,
            "reserved: verdicts of another rule type carry this name",
        ));
    }
    Ok(())
}

fn check_kinds(entry: &str, kinds: &[EventKind]) -> Result<(), StatsError> {
    let listed = kinds
        .iter()
        .map(|kind| kind.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if kinds.is_empty() {
        return Err(invalid(entry, "kinds", "[]", "list open, click or both"));
    }
    if kinds.windows(2).any(|pair| pair[0] >= pair[1]) {
        return Err(invalid(
            entry,
            "kinds",
            format!("[{listed}]"),
            "kinds are sorted (open before click) and listed once each",
        ));
    }
    Ok(())
}

fn check_patterns(
    entry: &str,
    field: &str,
    patterns: &[String],
    empty_allowed: bool,
) -> Result<(), StatsError> {
    for (index, pattern) in patterns.iter().enumerate() {
        let field = format!("{field}[{index}]");
        if pattern.trim() != pattern {
            return Err(invalid(
                entry,
                &field,
                cut(pattern),
                "a pattern has no space at either end (user agents are trimmed before matching)",
            ));
        }
        if pattern.is_empty() && !empty_allowed {
            return Err(invalid(
                entry,
                &field,
                "",
                "an empty prefix or substring matches every user agent; to match a missing user agent write equals [\"\"]",
            ));
        }
        if pattern.chars().count() > MAX_PATTERN_LENGTH {
            return Err(invalid(
                entry,
                &field,
                cut(pattern),
                "a pattern is at most 512 characters",
            ));
        }
    }
    Ok(())
}

fn check_rule(entry: &str, rule: &MachineRule) -> Result<(), StatsError> {
    if rule.source.trim().is_empty() {
        return Err(invalid(
            entry,
            "source",
            cut(&rule.source),
            "say where the rule's data comes from",
        ));
    }
    match &rule.signal {
        MachineSignal::HeadRequest { kinds } => check_kinds(entry, kinds),
        MachineSignal::ClientClass { classes, kinds } => {
            check_kinds(entry, kinds)?;
            if classes.is_empty() {
                return Err(invalid(
                    entry,
                    "classes",
                    "[]",
                    "list at least one client class",
                ));
            }
            check_patterns(entry, "classes", classes, false)
        }
        MachineSignal::UserAgent {
            name,
            equals,
            starts_with,
            contains,
            kinds,
        } => {
            check_name(entry, "name", name)?;
            check_kinds(entry, kinds)?;
            if equals.is_empty() && starts_with.is_empty() && contains.is_empty() {
                return Err(invalid(
                    entry,
                    "equals",
                    "",
                    "a user_agent rule needs at least one pattern in equals, starts_with or contains",
                ));
            }
            check_patterns(entry, "equals", equals, true)?;
            check_patterns(entry, "starts_with", starts_with, false)?;
            check_patterns(entry, "contains", contains, false)
        }
        MachineSignal::IpRange {
            name,
            ranges,
            kinds,
        } => {
            check_name(entry, "name", name)?;
            check_kinds(entry, kinds)?;
            if ranges.is_empty() {
                return Err(invalid(entry, "ranges", "[]", "list at least one range"));
            }
            for (index, range) in ranges.iter().enumerate() {
                if range.trunc() != *range {
                    return Err(StatsError::InvalidIpRange {
                        entry: entry.to_string(),
                        field: format!("ranges[{index}]"),
                        value: range.to_string(),
                        rule: format!("bits set after the prefix; write {}", range.trunc()),
                    });
                }
            }
            Ok(())
        }
        MachineSignal::ClickSoonAfterDelivery { seconds } => {
            if *seconds > MAX_SECONDS_AFTER_DELIVERY {
                return Err(invalid(
                    entry,
                    "seconds",
                    seconds.to_string(),
                    "at most 86400 (a day)",
                ));
            }
            Ok(())
        }
        MachineSignal::AllLinksWithin {
            window_ms,
            min_links,
        } => {
            if *window_ms == 0 || *window_ms > MAX_ALL_LINKS_WINDOW_MS {
                return Err(invalid(
                    entry,
                    "window_ms",
                    window_ms.to_string(),
                    "from 1 to 60000 milliseconds",
                ));
            }
            if *min_links < 2 {
                return Err(invalid(
                    entry,
                    "min_links",
                    min_links.to_string(),
                    "at least 2: one click alone is not every link within a window",
                ));
            }
            Ok(())
        }
    }
}

fn parse_range(entry: &str, field: &str, text: &str) -> Result<IpNet, StatsError> {
    let bad = |rule: String| StatsError::InvalidIpRange {
        entry: entry.to_string(),
        field: field.to_string(),
        value: cut(text),
        rule,
    };
    let range = match text.parse::<IpNet>() {
        Ok(range) => range,
        Err(_) => match text.parse::<IpAddr>() {
            Ok(address) => IpNet::from(address),
            Err(_) => {
                return Err(bad(
                    "not an IP address or CIDR range (write 17.0.0.0/8, 2620:149::/32 or a single address)"
                        .to_string(),
                ));
            }
        },
    };
    if range.trunc() != range {
        return Err(bad(format!(
            "bits set after the prefix; write {}",
            range.trunc()
        )));
    }
    Ok(range)
}

// ---- JSON form -------------------------------------------------------------------------------

/// The JSON text of a value, cut to 80 characters, for messages.
fn shown(value: &Value) -> String {
    cut(&value.to_string())
}

/// Reads one rule object's fields, remembering which were read so unknown ones are refused.
struct Fields<'a> {
    entry: String,
    object: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    fn get(&self, field: &str) -> Option<&'a Value> {
        self.object.get(field)
    }

    fn string(&self, field: &str) -> Result<&'a str, StatsError> {
        match self.get(field) {
            Some(Value::String(text)) => Ok(text),
            Some(other) => Err(invalid(
                &self.entry,
                field,
                shown(other),
                "must be a string",
            )),
            None => Err(invalid(&self.entry, field, "", "missing")),
        }
    }

    fn strings(&self, field: &str) -> Result<Vec<String>, StatsError> {
        match self.get(field) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Value::String(text) => Ok(text.clone()),
                    other => Err(invalid(
                        &self.entry,
                        &format!("{field}[{index}]"),
                        shown(other),
                        "must be a string",
                    )),
                })
                .collect(),
            Some(other) => Err(invalid(
                &self.entry,
                field,
                shown(other),
                "must be a list of strings",
            )),
        }
    }

    fn number<T: TryFrom<u64>>(&self, field: &str, range: &str) -> Result<T, StatsError> {
        let value = self
            .get(field)
            .ok_or_else(|| invalid(&self.entry, field, "", "missing"))?;
        value
            .as_u64()
            .and_then(|number| T::try_from(number).ok())
            .ok_or_else(|| {
                invalid(
                    &self.entry,
                    field,
                    shown(value),
                    format!("must be a whole number {range}"),
                )
            })
    }

    fn kinds(&self) -> Result<Vec<EventKind>, StatsError> {
        let Some(value) = self.get("kinds") else {
            return Ok(EventKind::ALL.to_vec());
        };
        let Value::Array(items) = value else {
            return Err(invalid(
                &self.entry,
                "kinds",
                shown(value),
                "must be a list of \"open\" and \"click\"",
            ));
        };
        let mut kinds = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let kind = match item.as_str() {
                Some("open") => EventKind::Open,
                Some("click") => EventKind::Click,
                _ => {
                    return Err(invalid(
                        &self.entry,
                        &format!("kinds[{index}]"),
                        shown(item),
                        "must be \"open\" or \"click\"",
                    ));
                }
            };
            if kinds.contains(&kind) {
                return Err(invalid(
                    &self.entry,
                    &format!("kinds[{index}]"),
                    shown(item),
                    "listed twice",
                ));
            }
            kinds.push(kind);
        }
        kinds.sort();
        Ok(kinds)
    }

    fn only(&self, allowed: &[&str]) -> Result<(), StatsError> {
        for (key, value) in self.object {
            if !allowed.contains(&key.as_str()) {
                return Err(invalid(
                    &self.entry,
                    &cut(key),
                    shown(value),
                    format!("unknown field; this rule type has {}", allowed.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

/// Parses `YYYY-MM-DD` exactly (four-digit year).
fn parse_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

fn write_day(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

fn parse_rule(index: usize, value: &Value) -> Result<MachineRule, StatsError> {
    let Value::Object(object) = value else {
        return Err(invalid(
            &format!("rules[{index}]"),
            "",
            shown(value),
            "a rule is a JSON object",
        ));
    };
    // The entry names the rule by its name when it has a usable one, else by its type.
    let label = object
        .get("name")
        .and_then(Value::as_str)
        .or_else(|| object.get("type").and_then(Value::as_str))
        .map(|label| format!(" ({})", cut(label)))
        .unwrap_or_default();
    let fields = Fields {
        entry: format!("rules[{index}]{label}"),
        object,
    };
    let type_name = fields.string("type")?;
    let common = ["type", "enabled", "source", "checked_on"];
    let allowed = |extra: &[&'static str]| -> Vec<&'static str> {
        common.iter().chain(extra).copied().collect()
    };
    let signal = match type_name {
        "head_request" => {
            fields.only(&allowed(&["kinds"]))?;
            MachineSignal::HeadRequest {
                kinds: fields.kinds()?,
            }
        }
        "client_class" => {
            fields.only(&allowed(&["classes", "kinds"]))?;
            MachineSignal::ClientClass {
                classes: fields.strings("classes")?,
                kinds: fields.kinds()?,
            }
        }
        "user_agent" => {
            fields.only(&allowed(&[
                "name",
                "equals",
                "starts_with",
                "contains",
                "kinds",
            ]))?;
            MachineSignal::UserAgent {
                name: fields.string("name")?.to_string(),
                equals: fields.strings("equals")?,
                starts_with: fields.strings("starts_with")?,
                contains: fields.strings("contains")?,
                kinds: fields.kinds()?,
            }
        }
        "ip_range" => {
            fields.only(&allowed(&["name", "ranges", "kinds"]))?;
            let ranges = fields
                .strings("ranges")?
                .iter()
                .enumerate()
                .map(|(index, text)| parse_range(&fields.entry, &format!("ranges[{index}]"), text))
                .collect::<Result<Vec<_>, _>>()?;
            MachineSignal::IpRange {
                name: fields.string("name")?.to_string(),
                ranges,
                kinds: fields.kinds()?,
            }
        }
        "click_soon_after_delivery" => {
            fields.only(&allowed(&["seconds"]))?;
            MachineSignal::ClickSoonAfterDelivery {
                seconds: fields.number("seconds", "from 0 to 86400")?,
            }
        }
        "all_links_within" => {
            fields.only(&allowed(&["window_ms", "min_links"]))?;
            MachineSignal::AllLinksWithin {
                window_ms: fields.number("window_ms", "from 1 to 60000")?,
                min_links: fields.number("min_links", "from 2 to 65535")?,
            }
        }
        other => {
            return Err(invalid(
                &fields.entry,
                "type",
                cut(other),
                "unknown rule type; one of head_request, client_class, user_agent, ip_range, click_soon_after_delivery, all_links_within",
            ));
        }
    };
    let enabled = match fields.get("enabled") {
        None => true,
        Some(Value::Bool(enabled)) => *enabled,
        Some(other) => {
            return Err(invalid(
                &fields.entry,
                "enabled",
                shown(other),
                "must be true or false",
            ));
        }
    };
    let source = fields.string("source")?.to_string();
    let checked_on = fields.string("checked_on")?;
    let checked_on = parse_day(checked_on).ok_or_else(|| {
        invalid(
            &fields.entry,
            "checked_on",
            cut(checked_on),
            "must be a date written YYYY-MM-DD",
        )
    })?;
    let rule = MachineRule {
        signal,
        enabled,
        source,
        checked_on,
    };
    check_rule(&fields.entry, &rule)?;
    Ok(rule)
}

impl TryFrom<Value> for MachineRules {
    type Error = StatsError;

    fn try_from(value: Value) -> Result<MachineRules, StatsError> {
        let top = "top level";
        let Value::Object(object) = value else {
            return Err(invalid(
                top,
                "",
                shown(&value),
                "the rules are a JSON object with `rules` (and optional `about`)",
            ));
        };
        for (key, value) in &object {
            if key != "about" && key != "rules" {
                return Err(invalid(
                    top,
                    &cut(key),
                    shown(value),
                    "unknown field; the top level has about and rules",
                ));
            }
        }
        let about = match object.get("about") {
            None => Vec::new(),
            Some(Value::Array(lines)) => lines
                .iter()
                .enumerate()
                .map(|(index, line)| match line {
                    Value::String(text) => Ok(text.clone()),
                    other => Err(invalid(
                        top,
                        &format!("about[{index}]"),
                        shown(other),
                        "must be a string",
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => {
                return Err(invalid(
                    top,
                    "about",
                    shown(other),
                    "must be a list of strings",
                ));
            }
        };
        let rules = match object.get("rules") {
            Some(Value::Array(rules)) => rules
                .iter()
                .enumerate()
                .map(|(index, rule)| parse_rule(index, rule))
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => {
                return Err(invalid(
                    top,
                    "rules",
                    shown(other),
                    "must be a list of rules",
                ));
            }
            None => return Err(invalid(top, "rules", "", "missing")),
        };
        MachineRules::with_about(about, rules)
    }
}

fn strings_value(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// Writes a list of strings, unless it is empty (the JSON form's default).
fn put_list(object: &mut Map<String, Value>, field: &str, items: &[String]) {
    if !items.is_empty() {
        object.insert(field.into(), strings_value(items));
    }
}

impl From<MachineRules> for Value {
    fn from(rules: MachineRules) -> Value {
        let mut top = Map::new();
        if !rules.about.is_empty() {
            top.insert("about".into(), strings_value(&rules.about));
        }
        let list = rules
            .rules
            .iter()
            .map(|rule| {
                let mut object = Map::new();
                object.insert("type".into(), rule.signal.type_name().into());
                let kinds = match &rule.signal {
                    MachineSignal::HeadRequest { kinds } => Some(kinds),
                    MachineSignal::ClientClass { classes, kinds } => {
                        put_list(&mut object, "classes", classes);
                        Some(kinds)
                    }
                    MachineSignal::UserAgent {
                        name,
                        equals,
                        starts_with,
                        contains,
                        kinds,
                    } => {
                        object.insert("name".into(), name.clone().into());
                        put_list(&mut object, "equals", equals);
                        put_list(&mut object, "starts_with", starts_with);
                        put_list(&mut object, "contains", contains);
                        Some(kinds)
                    }
                    MachineSignal::IpRange {
                        name,
                        ranges,
                        kinds,
                    } => {
                        object.insert("name".into(), name.clone().into());
                        let ranges: Vec<String> = ranges.iter().map(IpNet::to_string).collect();
                        put_list(&mut object, "ranges", &ranges);
                        Some(kinds)
                    }
                    MachineSignal::ClickSoonAfterDelivery { seconds } => {
                        object.insert("seconds".into(), (*seconds).into());
                        None
                    }
                    MachineSignal::AllLinksWithin {
                        window_ms,
                        min_links,
                    } => {
                        object.insert("window_ms".into(), (*window_ms).into());
                        object.insert("min_links".into(), (*min_links).into());
                        None
                    }
                };
                if let Some(kinds) = kinds.filter(|kinds| kinds.as_slice() != EventKind::ALL) {
                    let kinds = kinds
                        .iter()
                        .map(|kind| Value::from(kind.as_str()))
                        .collect();
                    object.insert("kinds".into(), Value::Array(kinds));
                }
                if !rule.enabled {
                    object.insert("enabled".into(), false.into());
                }
                object.insert("source".into(), rule.source.clone().into());
                object.insert("checked_on".into(), write_day(rule.checked_on).into());
                Value::Object(object)
            })
            .collect();
        top.insert("rules".into(), Value::Array(list));
        Value::Object(top)
    }
}
