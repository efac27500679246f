//! Engagement statistics and the machine-event classifier (issue 7, SPEC section 8): the
//! user-agent fixtures, each rule at its boundaries, the rules' JSON format and its errors, the
//! report's numbers, and properties: order independence, human + machine = total, unique <= total,
//! first <= last.

use std::collections::BTreeMap;
use std::net::IpAddr;

use chrono::TimeDelta;
use envoi::ErrorCode;
use envoi::time::Instant;
use envoi::token::{Claims, KeyRing, Purpose};
use envoi::tracking::{
    EngagementCounts, EventClass, EventKind, MachineRule, MachineRules, MachineSignal, MessageKey,
    Stats, StatsError, StatsReport, TrackingEvent, Verdict,
};
use proptest::prelude::*;

const CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIXTURES: &str = include_str!("data/tracking/user_agents.tsv");

fn at(text: &str) -> Instant {
    text.parse().expect("a valid instant")
}

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().expect("a valid date")
}

fn claims(message: u64, recipient: u64, link: Option<u16>) -> Claims {
    Claims {
        account: Some(1),
        message: Some(message),
        occurrence: None,
        recipient: Some(recipient),
        link,
        credential: None,
    }
}

fn click(recipient: u64, link: u16, time: Instant) -> TrackingEvent {
    TrackingEvent::new(EventKind::Click, claims(42, recipient, Some(link)), time)
        .with_user_agent(CHROME)
}

fn rules_of(verdicts: &[Verdict]) -> Vec<&str> {
    verdicts
        .iter()
        .map(|verdict| verdict.rule.as_str())
        .collect()
}

fn builtin_with(change: impl Fn(&mut MachineRule)) -> MachineRules {
    let rules = MachineRules::builtin()
        .rules()
        .iter()
        .cloned()
        .map(|mut rule| {
            change(&mut rule);
            rule
        })
        .collect();
    MachineRules::new(rules).expect("valid rules")
}

// ---- Fixtures ------------------------------------------------------------------------------

struct Fixture<'a> {
    line: usize,
    kind: EventKind,
    expected: &'a str,
    user_agent: &'a str,
    source: &'a str,
}

fn fixtures() -> Vec<Fixture<'static>> {
    FIXTURES
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                4,
                "line {}: four tab-separated fields",
                index + 1
            );
            let kind = match fields[0] {
                "open" => EventKind::Open,
                "click" => EventKind::Click,
                other => panic!("line {}: kind {other:?}", index + 1),
            };
            Fixture {
                line: index + 1,
                kind,
                expected: fields[1],
                user_agent: fields[2],
                source: fields[3],
            }
        })
        .collect()
}

#[test]
fn every_fixture_user_agent_gets_its_verdict() {
    let fixtures = fixtures();
    let events: Vec<TrackingEvent> = fixtures
        .iter()
        .map(|fixture| {
            TrackingEvent::new(fixture.kind, Claims::default(), at("2026-11-30T09:00:00Z"))
                .with_user_agent(fixture.user_agent)
        })
        .collect();
    let verdicts = MachineRules::builtin().classify(&events);
    for (fixture, verdict) in fixtures.iter().zip(&verdicts) {
        assert!(
            !fixture.source.trim().is_empty(),
            "line {}: a source",
            fixture.line
        );
        assert_eq!(
            verdict.rule, fixture.expected,
            "line {}: {:?} ({})",
            fixture.line, fixture.user_agent, fixture.source
        );
        let class = if fixture.expected == "human" {
            EventClass::Human
        } else {
            EventClass::Machine
        };
        assert_eq!(verdict.class, class, "line {}", fixture.line);
    }
    // Every user-agent rule of the built-in list has a fixture, and so do ordinary clients.
    for rule in MachineRules::builtin().rules() {
        if let (MachineSignal::UserAgent { name, .. }, true) = (&rule.signal, rule.enabled) {
            assert!(
                fixtures.iter().any(|fixture| fixture.expected == name),
                "no fixture for {name}"
            );
        }
    }
    assert!(fixtures.iter().filter(|f| f.expected == "human").count() >= 8);
}

#[test]
fn user_agent_matching_trims_and_ignores_ascii_case() {
    let event = |user_agent: &str| {
        TrackingEvent::new(
            EventKind::Open,
            Claims::default(),
            at("2026-11-30T09:00:00Z"),
        )
        .with_user_agent(user_agent)
    };
    let verdicts = MachineRules::builtin().classify(&[
        event("  mozilla/5.0 "),
        event("YAHOOMAILPROXY; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html"),
        event("Mozilla/5.0 (Windows NT 10.0) Mozilla/5.0"),
        event("   "),
    ]);
    assert_eq!(
        rules_of(&verdicts),
        [
            "apple_mpp_user_agent",
            "yahoo_mail_proxy_user_agent",
            "human",
            "empty_user_agent"
        ]
    );
    // A user agent the host did not record is not looked at by user-agent rules.
    let unknown = TrackingEvent::new(
        EventKind::Open,
        Claims::default(),
        at("2026-11-30T09:00:00Z"),
    );
    assert_eq!(
        MachineRules::builtin().classify(&[unknown]),
        [Verdict::human()]
    );
}

#[test]
fn the_google_image_proxy_rule_ships_off_and_a_host_can_turn_it_on() {
    let proxy = TrackingEvent::new(
        EventKind::Open,
        Claims::default(),
        at("2026-11-30T09:00:00Z"),
    )
    .with_user_agent(
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    );
    assert_eq!(
        MachineRules::builtin().classify(std::slice::from_ref(&proxy)),
        [Verdict::human()]
    );
    let on = builtin_with(|rule| {
        if rule.verdict_rule() == "google_image_proxy_user_agent" {
            rule.enabled = true;
        }
    });
    assert_eq!(
        on.classify(&[proxy]),
        [Verdict::machine("google_image_proxy_user_agent")]
    );
}

// ---- Each rule -------------------------------------------------------------------------------

#[test]
fn head_requests_are_machine_for_both_kinds() {
    let time = at("2026-11-30T09:00:00Z");
    let events = [
        TrackingEvent::new(EventKind::Open, claims(42, 7, None), time).with_head_request(),
        click(7, 0, time).with_head_request(),
        click(7, 0, time),
    ];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["head_request", "head_request", "human"]
    );
}

#[test]
fn client_classes_the_rules_name_are_machine_and_the_verdict_says_which() {
    let time = at("2026-11-30T09:00:00Z");
    let events = [
        click(7, 0, time).with_client_class(" Link_Scanner "),
        click(7, 0, time).with_client_class("bot"),
        click(7, 0, time).with_client_class("webmail"),
    ];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["client_class:link_scanner", "client_class:bot", "human"]
    );
}

#[test]
fn ip_ranges_match_v4_v6_and_v4_mapped_addresses() {
    let range = MachineRule::ip_range(
        "apple_private_relay",
        &["17.0.0.0/8", "2620:149::/32", "192.0.2.7"],
        "Apple's egress list (extract)",
        day("2026-11-30"),
    )
    .expect("valid ranges");
    let mut rules = vec![range];
    rules.extend(MachineRules::builtin().rules().iter().cloned());
    let rules = MachineRules::new(rules).expect("valid rules");
    let event = |ip: &str| {
        let ip: IpAddr = ip.parse().expect("an IP address");
        click(7, 0, at("2026-11-30T09:00:00Z")).with_ip(ip)
    };
    let verdicts = rules.classify(&[
        event("17.58.63.1"),
        event("2620:149:a:1::1"),
        event("::ffff:17.1.2.3"),
        event("192.0.2.7"),
        event("192.0.2.8"),
        event("18.0.0.1"),
    ]);
    let range = "ip_range:apple_private_relay";
    assert_eq!(
        rules_of(&verdicts),
        [range, range, range, range, "human", "human"]
    );
    // Without an address, the range rule does not apply.
    assert_eq!(
        rules.classify(&[click(7, 0, at("2026-11-30T09:00:00Z"))]),
        [Verdict::human()]
    );
}

#[test]
fn clicks_soon_after_delivery_are_machine_up_to_the_boundary() {
    let delivered = at("2026-11-30T09:00:00Z");
    let after = |milliseconds: i64| delivered + TimeDelta::milliseconds(milliseconds);
    let events = [
        click(7, 0, after(-2_000)).with_delivered_at(delivered), // before the delivery report
        click(7, 0, after(0)).with_delivered_at(delivered),
        click(7, 0, after(5_000)).with_delivered_at(delivered), // exactly 5 s: still machine
        click(8, 0, after(5_001)).with_delivered_at(delivered),
        click(9, 0, after(1_000)), // delivery time unknown
        TrackingEvent::new(EventKind::Open, claims(42, 7, None), after(1_000))
            .with_user_agent(CHROME)
            .with_delivered_at(delivered), // opens are not looked at
    ];
    let soon = "click_soon_after_delivery";
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        [soon, soon, soon, "human", "human", "human"]
    );
    // The host tunes the delay.
    let thirty = builtin_with(|rule| {
        if let MachineSignal::ClickSoonAfterDelivery { seconds } = &mut rule.signal {
            *seconds = 30;
        }
    });
    assert_eq!(thirty.classify(&events[3..4]), [Verdict::machine(soon)]);
}

#[test]
fn every_link_within_a_second_is_machine_at_the_boundary_and_per_recipient() {
    let start = at("2026-11-30T10:00:00Z");
    let after = |milliseconds: i64| start + TimeDelta::milliseconds(milliseconds);
    let rule = "all_links_within_1s";

    // Exactly one second apart: within.
    let events = [click(7, 0, after(0)), click(7, 1, after(1_000))];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        [rule, rule]
    );
    // A millisecond more: a person could have done it.
    let events = [click(7, 0, after(0)), click(7, 1, after(1_001))];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human"]
    );
    // The same link twice is not every link.
    let events = [click(7, 0, after(0)), click(7, 0, after(100))];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human"]
    );
    // Two recipients, one link each: not one recipient's burst.
    let events = [click(7, 0, after(0)), click(8, 1, after(100))];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human"]
    );
    // Two occurrences of a message are two sends.
    let mut second_send = click(7, 1, after(100));
    second_send.claims.occurrence = Some(2);
    let events = [click(7, 0, after(0)), second_send];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human"]
    );
    // An open in between does not count as a link.
    let open =
        TrackingEvent::new(EventKind::Open, claims(42, 7, None), after(50)).with_user_agent(CHROME);
    let events = [click(7, 0, after(0)), open];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human"]
    );

    // When the events say the message has 3 links, two of them are not every link...
    let three = |link, milliseconds| click(7, link, after(milliseconds)).with_links_in_message(3);
    let events = [three(0, 0), three(1, 400), three(0, 5_000)];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        ["human", "human", "human"]
    );
    // ...and all three within the second are, together with a repeat inside the window, while a
    // later click on one of them is not.
    let events = [
        three(0, 0),
        three(1, 400),
        three(1, 450),
        three(2, 900),
        three(0, 1_950),
    ];
    assert_eq!(
        rules_of(&MachineRules::builtin().classify(&events)),
        [rule, rule, rule, rule, "human"]
    );
}

#[test]
fn a_late_event_revises_earlier_verdicts() {
    let first = click(7, 0, at("2026-11-30T10:00:00.100Z"));
    let mut stats = Stats::new();
    stats.record(first);
    assert_eq!(stats.verdicts(), [Verdict::human()]);
    assert_eq!(stats.report().clicks.human_total, 1);
    // The second link of the scan arrives later (queues, several web servers).
    stats.record(click(7, 1, at("2026-11-30T10:00:00.700Z")));
    assert_eq!(
        rules_of(&stats.verdicts()),
        ["all_links_within_1s", "all_links_within_1s"]
    );
    let clicks = stats.report().clicks;
    assert_eq!((clicks.human_total, clicks.machine_total), (0, 2));
}

#[test]
fn the_first_matching_rule_decides() {
    let delivered = at("2026-11-30T09:00:00Z");
    // HEAD, a proxy user agent and a click at delivery: the HEAD rule comes first in the list.
    let event = click(7, 0, delivered)
        .with_user_agent("Mozilla/5.0")
        .with_head_request()
        .with_delivered_at(delivered);
    assert_eq!(
        MachineRules::builtin().classify(std::slice::from_ref(&event)),
        [Verdict::machine("head_request")]
    );
    // Disabling a rule lets the next one decide.
    let no_head = builtin_with(|rule| {
        if rule.verdict_rule() == "head_request" {
            rule.enabled = false;
        }
    });
    assert_eq!(
        no_head.classify(&[event]),
        [Verdict::machine("apple_mpp_user_agent")]
    );
    // No rules: everything is human.
    let none = MachineRules::new(Vec::new()).expect("an empty list is valid");
    let event = click(7, 0, delivered).with_head_request();
    assert_eq!(none.classify(&[event]), [Verdict::human()]);
}

// ---- The rules' JSON format ----------------------------------------------------------------------

#[test]
fn builtin_rules_are_valid_dated_and_round_trip() {
    let builtin = MachineRules::builtin();
    assert!(builtin.rules().len() >= 10);
    for rule in builtin.rules() {
        assert!(!rule.source.trim().is_empty(), "{}", rule.verdict_rule());
        assert!(rule.checked_on >= day("2026-01-01") && rule.checked_on <= day("2026-11-30"));
    }
    let text = builtin.to_json();
    let reloaded = MachineRules::from_json(&text).expect("its own JSON");
    assert_eq!(&reloaded, builtin);
    assert_eq!(reloaded.to_json(), text);
    // Serde gives the same format.
    let value = serde_json::to_value(builtin).expect("serialises");
    let back: MachineRules = serde_json::from_value(value).expect("deserialises");
    assert_eq!(&back, builtin);
    // The data file itself parses to the built-in rules.
    let file = include_str!("../src/tracking/machine_rules.json");
    assert_eq!(
        &MachineRules::from_json(file).expect("the data file"),
        builtin
    );
    let names: Vec<String> = builtin
        .rules()
        .iter()
        .map(MachineRule::verdict_rule)
        .collect();
    for name in [
        "head_request",
        "apple_mpp_user_agent",
        "gmail_prefetch_user_agent",
        "yahoo_mail_proxy_user_agent",
        "microsoft_office_link_check_user_agent",
        "google_image_proxy_user_agent",
        "click_soon_after_delivery",
        "all_links_within_1s",
    ] {
        assert!(names.contains(&name.to_string()), "{name}");
    }
}

#[test]
fn host_rules_with_every_type_round_trip() {
    let text = r#"{
      "about": ["our rules"],
      "rules": [
        {"type": "ip_range", "name": "gateway", "ranges": ["192.0.2.0/24", "2001:db8::/32", "198.51.100.9"],
         "kinds": ["click"], "source": "our gateway", "checked_on": "2026-11-01"},
        {"type": "head_request", "kinds": ["click"], "source": "RFC 9110", "checked_on": "2026-11-01"},
        {"type": "client_class", "classes": ["crawler"], "enabled": false, "source": "our UA parser", "checked_on": "2026-11-01"},
        {"type": "user_agent", "name": "scanner", "equals": ["Scanner"], "starts_with": ["Scan/"],
         "contains": ["ScanBot"], "kinds": ["click", "open"], "source": "vendor", "checked_on": "2026-11-01"},
        {"type": "click_soon_after_delivery", "seconds": 0, "source": "us", "checked_on": "2026-11-01"},
        {"type": "all_links_within", "window_ms": 1500, "min_links": 3, "source": "us", "checked_on": "2026-11-01"}
      ]
    }"#;
    let rules = MachineRules::from_json(text).expect("valid rules");
    assert_eq!(rules.about(), ["our rules"]);
    let names: Vec<String> = rules
        .rules()
        .iter()
        .map(MachineRule::verdict_rule)
        .collect();
    assert_eq!(
        names,
        [
            "ip_range:gateway",
            "head_request",
            "client_class",
            "scanner",
            "click_soon_after_delivery",
            "all_links_within_1500ms"
        ]
    );
    // Kinds are kept sorted; the single address is a /32.
    match &rules.rules()[3].signal {
        MachineSignal::UserAgent { kinds, .. } => assert_eq!(kinds, &EventKind::ALL),
        other => panic!("{other:?}"),
    }
    let json = rules.to_json();
    assert!(json.contains("\"198.51.100.9/32\""));
    assert_eq!(MachineRules::from_json(&json).expect("round trip"), rules);
}

fn rule_error(rule_json: &str) -> StatsError {
    MachineRules::from_json(&format!(r#"{{"rules": [{rule_json}]}}"#)).expect_err("refused")
}

fn assert_invalid(error: &StatsError, want_entry: &str, want_field: &str, want_value: &str) {
    match error {
        StatsError::InvalidMachineRule {
            entry,
            field,
            value,
            ..
        }
        | StatsError::InvalidIpRange {
            entry,
            field,
            value,
            ..
        } => {
            assert_eq!(
                (entry.as_str(), field.as_str(), value.as_str()),
                (want_entry, want_field, want_value),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_rules_are_refused_naming_the_entry_the_field_and_the_value() {
    const DATED: &str = r#""source": "s", "checked_on": "2026-11-30""#;
    let cases: Vec<(String, &str, &str, &str, &str)> = vec![
        (
            format!(
                r#"{{"type": "ip_range", "name": "office", "ranges": ["10.0.0.0/33"], {DATED}}}"#
            ),
            "tracking.invalid_ip_range",
            "rules[0] (office)",
            "ranges[0]",
            "10.0.0.0/33",
        ),
        (
            format!(
                r#"{{"type": "ip_range", "name": "office", "ranges": ["10.0.0.0/8", "10.1.2.3/8"], {DATED}}}"#
            ),
            "tracking.invalid_ip_range",
            "rules[0] (office)",
            "ranges[1]",
            "10.1.2.3/8",
        ),
        (
            format!(
                r#"{{"type": "ip_range", "name": "office", "ranges": ["vpn.example"], {DATED}}}"#
            ),
            "tracking.invalid_ip_range",
            "rules[0] (office)",
            "ranges[0]",
            "vpn.example",
        ),
        (
            format!(r#"{{"type": "ip_range", "name": "office", "ranges": [], {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (office)",
            "ranges",
            "[]",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "Apple MPP", "equals": ["Mozilla/5.0"], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (Apple MPP)",
            "name",
            "Apple MPP",
        ),
        (
            format!(r#"{{"type": "user_agent", "name": "human", "equals": ["x"], {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (human)",
            "name",
            "human",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "all_links_within_2s", "equals": ["x"], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (all_links_within_2s)",
            "name",
            "all_links_within_2s",
        ),
        (
            format!(r#"{{"type": "user_agent", "name": "proxy", "contains": ["x", ""], {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "contains[1]",
            "",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "proxy", "equals": [" Mozilla/5.0"], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "equals[0]",
            " Mozilla/5.0",
        ),
        (
            format!(r#"{{"type": "user_agent", "name": "proxy", {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "equals",
            "",
        ),
        (
            format!(r#"{{"type": "user_agent", "name": "proxy", "equals": [3], {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "equals[0]",
            "3",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "proxy", "equals": ["x"], "kinds": ["open", "view"], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "kinds[1]",
            "\"view\"",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "proxy", "equals": ["x"], "kinds": [], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "kinds",
            "[]",
        ),
        (
            format!(
                r#"{{"type": "user_agent", "name": "proxy", "equals": ["x"], "kinds": ["open", "open"], {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (proxy)",
            "kinds[1]",
            "\"open\"",
        ),
        (
            format!(r#"{{"type": "referrer", {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (referrer)",
            "type",
            "referrer",
        ),
        (
            r#"{"source": "s", "checked_on": "2026-11-30"}"#.to_string(),
            "tracking.invalid_machine_rule",
            "rules[0]",
            "type",
            "",
        ),
        (
            format!(r#"{{"type": "head_request", "seconds": 3, {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "seconds",
            "3",
        ),
        (
            r#"{"type": "head_request", "checked_on": "2026-11-30"}"#.to_string(),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "source",
            "",
        ),
        (
            r#"{"type": "head_request", "source": "  ", "checked_on": "2026-11-30"}"#.to_string(),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "source",
            "  ",
        ),
        (
            r#"{"type": "head_request", "source": "s", "checked_on": "30/11/2026"}"#.to_string(),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "checked_on",
            "30/11/2026",
        ),
        (
            r#"{"type": "head_request", "source": "s", "checked_on": "2026-02-30"}"#.to_string(),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "checked_on",
            "2026-02-30",
        ),
        (
            format!(r#"{{"type": "head_request", "enabled": "yes", {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (head_request)",
            "enabled",
            "\"yes\"",
        ),
        (
            format!(r#"{{"type": "click_soon_after_delivery", "seconds": -1, {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (click_soon_after_delivery)",
            "seconds",
            "-1",
        ),
        (
            format!(r#"{{"type": "click_soon_after_delivery", "seconds": 86401, {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (click_soon_after_delivery)",
            "seconds",
            "86401",
        ),
        (
            format!(r#"{{"type": "click_soon_after_delivery", "seconds": 2.5, {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (click_soon_after_delivery)",
            "seconds",
            "2.5",
        ),
        (
            format!(r#"{{"type": "all_links_within", "window_ms": 0, "min_links": 2, {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (all_links_within)",
            "window_ms",
            "0",
        ),
        (
            format!(
                r#"{{"type": "all_links_within", "window_ms": 1000, "min_links": 1, {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (all_links_within)",
            "min_links",
            "1",
        ),
        (
            format!(
                r#"{{"type": "all_links_within", "window_ms": 1000, "min_links": 70000, {DATED}}}"#
            ),
            "tracking.invalid_machine_rule",
            "rules[0] (all_links_within)",
            "min_links",
            "70000",
        ),
        (
            format!(r#"{{"type": "client_class", "classes": [], {DATED}}}"#),
            "tracking.invalid_machine_rule",
            "rules[0] (client_class)",
            "classes",
            "[]",
        ),
        (
            "[\"head_request\"]".to_string(),
            "tracking.invalid_machine_rule",
            "rules[0]",
            "",
            "[\"head_request\"]",
        ),
    ];
    for (rule, code, entry, field, value) in cases {
        let error = rule_error(&rule);
        assert_eq!(error.code(), code, "{rule}: {error}");
        assert_invalid(&error, entry, field, value);
        assert!(error.to_string().contains(entry), "{error}");
    }
}

#[test]
fn the_rules_list_itself_is_checked() {
    let error = MachineRules::from_json("{\"rules\": [\n  {\"type\": }\n]}").expect_err("not JSON");
    assert_eq!(error.code(), "tracking.invalid_rules_json");
    assert!(
        matches!(error, StatsError::InvalidRulesJson { line: 2, .. }),
        "{error:?}"
    );

    let error = MachineRules::from_json("[]").expect_err("not an object");
    assert_invalid(&error, "top level", "", "[]");
    let error = MachineRules::from_json("{}").expect_err("no rules");
    assert_invalid(&error, "top level", "rules", "");
    let error = MachineRules::from_json(r#"{"rules": [], "verified_on": "2026-11-30"}"#)
        .expect_err("unknown field");
    assert_invalid(&error, "top level", "verified_on", "\"2026-11-30\"");
    let error = MachineRules::from_json(r#"{"rules": {}}"#).expect_err("not a list");
    assert_invalid(&error, "top level", "rules", "{}");
    let error = MachineRules::from_json(r#"{"rules": [], "about": [1]}"#).expect_err("not text");
    assert_invalid(&error, "top level", "about[0]", "1");

    let dup = r#"{"rules": [
        {"type": "head_request", "source": "a", "checked_on": "2026-11-30"},
        {"type": "user_agent", "name": "x", "equals": ["x"], "source": "a", "checked_on": "2026-11-30"},
        {"type": "head_request", "kinds": ["click"], "source": "b", "checked_on": "2026-11-30"}
    ]}"#;
    let error = MachineRules::from_json(dup).expect_err("two head_request rules");
    assert_eq!(error.code(), "tracking.duplicate_rule_name");
    assert_eq!(
        error,
        StatsError::DuplicateRuleName {
            name: "head_request".into(),
            first: 0,
            second: 2
        }
    );
    // Two all-links rules with the same window give the same name; other windows do not.
    let windows = |a: u32, b: u32| {
        let rule = |window_ms| MachineRule {
            signal: MachineSignal::AllLinksWithin {
                window_ms,
                min_links: 2,
            },
            enabled: true,
            source: "s".into(),
            checked_on: day("2026-11-30"),
        };
        MachineRules::new(vec![rule(a), rule(b)])
    };
    assert!(windows(1000, 2000).is_ok());
    assert_eq!(
        windows(1000, 1000).expect_err("same name").code(),
        "tracking.duplicate_rule_name"
    );
    // Rules built in code are checked the same way.
    let unsorted = MachineRule {
        signal: MachineSignal::HeadRequest {
            kinds: vec![EventKind::Click, EventKind::Open],
        },
        enabled: true,
        source: "s".into(),
        checked_on: day("2026-11-30"),
    };
    assert_invalid(
        &MachineRules::new(vec![unsorted]).expect_err("unsorted kinds"),
        "rules[0] (head_request)",
        "kinds",
        "[click, open]",
    );
    let mut host_bits =
        MachineRule::ip_range("office", &["10.0.0.0/8"], "s", day("2026-11-30")).expect("valid");
    if let MachineSignal::IpRange { ranges, .. } = &mut host_bits.signal {
        ranges.push("10.1.2.3/8".parse().expect("parses"));
    }
    let error = MachineRules::new(vec![host_bits]).expect_err("host bits");
    assert_eq!(error.code(), "tracking.invalid_ip_range");
    assert_invalid(&error, "rules[0] (office)", "ranges[1]", "10.1.2.3/8");
}

#[test]
fn error_codes_are_stable() {
    let errors = [
        (
            StatsError::InvalidRulesJson {
                line: 1,
                column: 2,
                reason: "x".into(),
            },
            "tracking.invalid_rules_json",
        ),
        (
            StatsError::InvalidMachineRule {
                entry: "rules[0]".into(),
                field: "type".into(),
                value: String::new(),
                rule: "missing".into(),
            },
            "tracking.invalid_machine_rule",
        ),
        (
            StatsError::InvalidIpRange {
                entry: "rules[0]".into(),
                field: "ranges[0]".into(),
                value: "x".into(),
                rule: "y".into(),
            },
            "tracking.invalid_ip_range",
        ),
        (
            StatsError::DuplicateRuleName {
                name: "x".into(),
                first: 0,
                second: 1,
            },
            "tracking.duplicate_rule_name",
        ),
        (
            StatsError::NotATrackingToken {
                purpose: "secure_email".into(),
            },
            "tracking.not_a_tracking_token",
        ),
    ];
    for (error, code) in errors {
        assert_eq!(error.code(), code);
        assert_eq!(error.family(), "tracking");
        assert!(!error.to_string().is_empty());
    }
}

// ---- Events ----------------------------------------------------------------------------------

#[test]
fn events_come_from_open_and_click_tokens_only() {
    let ring = KeyRing::new([(1, vec![0x42; 32])], 1).expect("a ring");
    let now = at("2026-11-30T09:00:00Z");
    let pixel = claims(42, 7, None);
    for (purpose, kind) in [
        (Purpose::Open, EventKind::Open),
        (Purpose::Click, EventKind::Click),
    ] {
        let token = ring.issue(purpose, &pixel, now, None).expect("issued");
        let verified = ring.verify(purpose, &token, now).expect("verified");
        let event = TrackingEvent::from_verified(&verified, now).expect("a tracking token");
        assert_eq!((event.kind, event.claims, event.at), (kind, pixel, now));
    }
    for purpose in [
        Purpose::Approval,
        Purpose::SenderVerification,
        Purpose::PasswordReset,
        Purpose::SecureEmail,
    ] {
        let token = ring.issue(purpose, &pixel, now, None).expect("issued");
        let verified = ring.verify(purpose, &token, now).expect("verified");
        let error = TrackingEvent::from_verified(&verified, now).expect_err("not counted");
        assert_eq!(error.code(), "tracking.not_a_tracking_token");
        assert!(error.to_string().contains(purpose.as_str()), "{error}");
    }
}

#[test]
fn event_json_is_stable_and_strict() {
    let event = click(7, 2, at("2026-11-30T09:00:12.250Z"))
        .with_ip("192.0.2.1".parse().expect("an address"))
        .with_head_request()
        .with_client_class("webmail")
        .with_delivered_at(at("2026-11-30T09:00:00Z"))
        .with_links_in_message(4);
    let json = serde_json::to_string(&event).expect("serialises");
    assert_eq!(
        json,
        format!(
            r#"{{"kind":"click","claims":{{"account":1,"message":42,"recipient":7,"link":2}},"at":"2026-11-30T09:00:12.250Z","user_agent":"{CHROME}","ip":"192.0.2.1","head_request":true,"client_class":"webmail","delivered_at":"2026-11-30T09:00:00Z","links_in_message":4}}"#
        )
    );
    assert_eq!(
        serde_json::from_str::<TrackingEvent>(&json).expect("parses"),
        event
    );
    let typo = r#"{"kind": "open", "claims": {}, "at": "2026-11-30T09:00:00Z", "useragent": "x"}"#;
    assert!(serde_json::from_str::<TrackingEvent>(typo).is_err());
    let bad_kind = r#"{"kind": "view", "claims": {}, "at": "2026-11-30T09:00:00Z"}"#;
    assert!(serde_json::from_str::<TrackingEvent>(bad_kind).is_err());
}

// ---- The report ------------------------------------------------------------------------------

#[test]
fn a_campaign_report_counts_links_not_people() {
    let delivered = at("2026-11-30T09:00:00Z");
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    let open = |recipient, time: &str, user_agent: &str| {
        TrackingEvent::new(EventKind::Open, claims(42, recipient, None), at(time))
            .with_user_agent(user_agent)
            .with_delivered_at(delivered)
    };
    let link = |recipient, link, time: &str, user_agent: &str| {
        TrackingEvent::new(
            EventKind::Click,
            claims(42, recipient, Some(link)),
            at(time),
        )
        .with_user_agent(user_agent)
        .with_delivered_at(delivered)
    };
    let events = vec![
        // Recipient 7 uses Apple Mail with MPP, then reads and forwards; the colleague opens the
        // forwarded copy in Firefox and clicks link 0: the same pixel and link as recipient 7.
        open(7, "2026-11-30T09:00:04Z", "Mozilla/5.0"),
        open(7, "2026-11-30T10:00:00Z", "Mozilla/5.0"),
        link(7, 0, "2026-11-30T10:01:00Z", CHROME),
        open(7, "2026-11-30T15:00:00Z", firefox),
        link(7, 0, "2026-11-30T15:02:00Z", firefox),
        // Recipient 8's gateway scans both links on arrival; the person opens the next day.
        link(
            8,
            0,
            "2026-11-30T09:00:02Z",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
        ),
        link(
            8,
            1,
            "2026-11-30T09:00:02.300Z",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
        ),
        open(8, "2026-12-01T08:00:00Z", CHROME),
        // Another message.
        TrackingEvent::new(
            EventKind::Open,
            claims(43, 7, None),
            at("2026-12-02T08:00:00Z"),
        )
        .with_head_request(),
    ];
    let report = Stats::from_events(MachineRules::builtin().clone(), events).report();
    assert_eq!(report.messages.len(), 2);
    let message = report
        .message(&MessageKey {
            account: Some(1),
            message: Some(42),
            occurrence: None,
        })
        .expect("message 42");

    let opens = &message.opens;
    assert_eq!((opens.total, opens.unique_links), (4, 2));
    assert_eq!((opens.human_total, opens.human_unique_links), (2, 2));
    assert_eq!((opens.machine_total, opens.machine_unique_links), (2, 1));
    assert_eq!(
        opens.machine_by_rule,
        BTreeMap::from([("apple_mpp_user_agent".to_string(), 2)])
    );
    assert_eq!(opens.first_at, Some(at("2026-11-30T09:00:04Z")));
    assert_eq!(opens.human_first_at, Some(at("2026-11-30T15:00:00Z")));
    assert_eq!(opens.last_at, Some(at("2026-12-01T08:00:00Z")));

    let clicks = &message.clicks;
    assert_eq!((clicks.total, clicks.unique_links), (4, 3));
    assert_eq!((clicks.human_total, clicks.human_unique_links), (2, 1));
    assert_eq!(
        clicks.machine_by_rule,
        BTreeMap::from([("click_soon_after_delivery".to_string(), 2)])
    );

    let link0 = message.link(Some(0)).expect("link 0");
    assert_eq!((link0.clicks.total, link0.clicks.unique_links), (3, 2));
    assert_eq!(link0.clicks.human_unique_links, 1);
    let link1 = message.link(Some(1)).expect("link 1");
    assert_eq!((link1.clicks.total, link1.clicks.human_total), (1, 0));
    assert!(message.link(Some(2)).is_none());

    // Recipient 7's links were used by two people: one recipient-link each.
    let seven = message.recipient(Some(7)).expect("recipient 7");
    assert_eq!((seven.opens.total, seven.opens.unique_links), (3, 1));
    assert_eq!((seven.clicks.total, seven.clicks.unique_links), (2, 1));
    assert_eq!(seven.links.len(), 1);
    let eight = message.recipient(Some(8)).expect("recipient 8");
    assert_eq!(
        (eight.clicks.machine_total, eight.clicks.human_total),
        (2, 0)
    );
    assert_eq!(eight.opens.human_total, 1);

    assert_eq!(report.opens.total, 5);
    assert_eq!(report.opens.unique_links, 3);
    assert_eq!(report.opens.machine_by_rule.get("head_request"), Some(&1));
    check_report(&report, 9);
}

#[test]
fn the_report_json_has_stable_names() {
    let mut stats = Stats::new();
    stats.record(click(7, 0, at("2026-11-30T09:00:00Z")));
    let json = serde_json::to_value(stats.report()).expect("serialises");
    let message = &json["messages"][0];
    assert_eq!(
        message["message"],
        serde_json::json!({"account": 1, "message": 42, "occurrence": null})
    );
    for field in [
        "total",
        "unique_links",
        "human_total",
        "human_unique_links",
        "machine_total",
        "machine_unique_links",
        "first_at",
        "last_at",
        "human_first_at",
        "human_last_at",
        "machine_by_rule",
    ] {
        assert!(message["clicks"].get(field).is_some(), "{field}");
    }
    assert_eq!(message["recipients"][0]["recipient"], 7);
    assert_eq!(message["recipients"][0]["links"][0]["link"], 0);
    assert_eq!(message["links"][0]["clicks"]["unique_links"], 1);
    let back: StatsReport = serde_json::from_value(json).expect("parses back");
    assert_eq!(back, stats.report());
}

// ---- Properties ------------------------------------------------------------------------------

fn check_counts(counts: &EngagementCounts, place: &str) {
    assert_eq!(
        counts.human_total + counts.machine_total,
        counts.total,
        "{place}"
    );
    assert!(counts.unique_links <= counts.total, "{place}");
    assert!(counts.human_unique_links <= counts.human_total, "{place}");
    assert!(
        counts.machine_unique_links <= counts.machine_total,
        "{place}"
    );
    assert!(
        counts.unique_links <= counts.human_unique_links + counts.machine_unique_links,
        "{place}"
    );
    assert!(counts.human_unique_links.max(counts.machine_unique_links) <= counts.unique_links);
    assert_eq!(
        counts.machine_by_rule.values().sum::<u64>(),
        counts.machine_total,
        "{place}"
    );
    assert!(!counts.machine_by_rule.contains_key("human"), "{place}");
    assert_eq!(counts.first_at.is_some(), counts.total > 0, "{place}");
    assert_eq!(
        counts.human_first_at.is_some(),
        counts.human_total > 0,
        "{place}"
    );
    assert_eq!(counts.unique_links > 0, counts.total > 0, "{place}");
    if let (Some(first), Some(last)) = (counts.first_at, counts.last_at) {
        assert!(first <= last, "{place}");
    }
    if let (Some(first), Some(last)) = (counts.human_first_at, counts.human_last_at) {
        assert!(first <= last, "{place}");
        assert!(counts.first_at.is_some_and(|all| all <= first), "{place}");
        assert!(counts.last_at.is_some_and(|all| last <= all), "{place}");
    }
}

fn sum(counts: impl Iterator<Item = u64>) -> u64 {
    counts.sum()
}

/// Every invariant of a report made of `events` events.
fn check_report(report: &StatsReport, events: usize) {
    check_counts(&report.opens, "opens");
    check_counts(&report.clicks, "clicks");
    assert_eq!(report.opens.total + report.clicks.total, events as u64);
    assert!(
        report
            .messages
            .windows(2)
            .all(|pair| pair[0].message < pair[1].message)
    );
    assert_eq!(
        sum(report.messages.iter().map(|m| m.opens.total)),
        report.opens.total
    );
    assert_eq!(
        sum(report.messages.iter().map(|m| m.clicks.machine_total)),
        report.clicks.machine_total
    );
    assert_eq!(
        sum(report.messages.iter().map(|m| m.opens.unique_links)),
        report.opens.unique_links
    );
    assert_eq!(
        sum(report.messages.iter().map(|m| m.clicks.unique_links)),
        report.clicks.unique_links
    );
    for message in &report.messages {
        check_counts(&message.opens, "message opens");
        check_counts(&message.clicks, "message clicks");
        assert!(
            message
                .links
                .windows(2)
                .all(|pair| pair[0].link < pair[1].link)
        );
        assert!(
            message
                .recipients
                .windows(2)
                .all(|pair| pair[0].recipient < pair[1].recipient)
        );
        for link in &message.links {
            check_counts(&link.clicks, "link clicks");
        }
        assert_eq!(
            sum(message.links.iter().map(|l| l.clicks.total)),
            message.clicks.total
        );
        assert_eq!(
            sum(message.links.iter().map(|l| l.clicks.human_total)),
            message.clicks.human_total
        );
        assert_eq!(
            sum(message.links.iter().map(|l| l.clicks.unique_links)),
            message.clicks.unique_links
        );
        assert_eq!(
            sum(message.recipients.iter().map(|r| r.opens.total)),
            message.opens.total
        );
        assert_eq!(
            sum(message.recipients.iter().map(|r| r.clicks.total)),
            message.clicks.total
        );
        assert_eq!(
            sum(message.recipients.iter().map(|r| r.opens.unique_links)),
            message.opens.unique_links
        );
        assert_eq!(
            sum(message
                .recipients
                .iter()
                .map(|r| r.clicks.human_unique_links)),
            message.clicks.human_unique_links
        );
        for recipient in &message.recipients {
            check_counts(&recipient.opens, "recipient opens");
            check_counts(&recipient.clicks, "recipient clicks");
            assert_eq!(
                sum(recipient.links.iter().map(|l| l.clicks.total)),
                recipient.clicks.total
            );
            assert_eq!(recipient.clicks.unique_links, recipient.links.len() as u64);
            for link in &recipient.links {
                check_counts(&link.clicks, "recipient link clicks");
                assert_eq!(link.clicks.unique_links, 1);
            }
        }
    }
}

const USER_AGENTS: [Option<&str>; 7] = [
    None,
    Some(""),
    Some("Mozilla/5.0"),
    Some(CHROME),
    Some("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html"),
    Some(
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    ),
    Some("curl/8.5.0"),
];

fn event_strategy() -> impl Strategy<Value = TrackingEvent> {
    let base = at("2026-11-30T09:00:00Z");
    (
        (
            any::<bool>(),
            0..2u64,
            prop::option::of(0..2u32),
            prop::option::of(0..3u64),
            prop::option::of(0..4u16),
        ),
        (
            // Milliseconds after the base: mostly within a few seconds, so windows meet.
            prop_oneof![4 => 0..4_000i64, 1 => 0..100_000_000i64],
            0..USER_AGENTS.len(),
            prop::option::weighted(
                0.3,
                prop_oneof![Just("17.1.2.3"), Just("::ffff:17.9.9.9"), Just("192.0.2.1")],
            ),
            prop::bool::weighted(0.1),
            prop::option::weighted(0.2, prop_oneof![Just("bot"), Just("webmail")]),
            prop::option::weighted(0.5, 0..3_000i64),
            prop::option::weighted(0.3, 1..5u16),
        ),
    )
        .prop_map(
            move |(
                (is_click, message, occurrence, recipient, link),
                (offset, user_agent, ip, head, class, delivered, links_in_message),
            )| {
                let kind = if is_click {
                    EventKind::Click
                } else {
                    EventKind::Open
                };
                let claims = Claims {
                    account: Some(1),
                    message: Some(message),
                    occurrence,
                    recipient,
                    link,
                    credential: None,
                };
                let mut event =
                    TrackingEvent::new(kind, claims, base + TimeDelta::milliseconds(offset));
                event.user_agent = USER_AGENTS[user_agent].map(str::to_string);
                event.ip = ip.map(|ip| ip.parse().expect("an address"));
                event.head_request = head;
                event.client_class = class.map(str::to_string);
                event.delivered_at = delivered.map(|offset| base + TimeDelta::milliseconds(offset));
                event.links_in_message = links_in_message;
                event
            },
        )
}

fn rules_strategy() -> impl Strategy<Value = MachineRules> {
    (1..3_000u32, 0..10u32, 2..5u16, any::<bool>()).prop_map(
        |(window, seconds, min_links, range_first)| {
            let mut rules: Vec<MachineRule> = MachineRules::builtin()
                .rules()
                .iter()
                .cloned()
                .map(|mut rule| {
                    match &mut rule.signal {
                        MachineSignal::AllLinksWithin {
                            window_ms,
                            min_links: min,
                        } => {
                            *window_ms = window;
                            *min = min_links;
                        }
                        MachineSignal::ClickSoonAfterDelivery { seconds: delay } => {
                            *delay = seconds
                        }
                        _ => {}
                    }
                    rule
                })
                .collect();
            let range = MachineRule::ip_range("apple", &["17.0.0.0/8"], "test", day("2026-11-30"))
                .expect("a range");
            if range_first {
                rules.insert(0, range);
            } else {
                rules.push(range);
            }
            MachineRules::new(rules).expect("valid rules")
        },
    )
}

/// Events and a permutation of their positions.
fn shuffled_events() -> impl Strategy<Value = (Vec<TrackingEvent>, Vec<usize>)> {
    prop::collection::vec(event_strategy(), 0..60).prop_flat_map(|events| {
        let order: Vec<usize> = (0..events.len()).collect();
        (Just(events), Just(order).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn verdicts_and_report_do_not_depend_on_the_order_of_events(
        (events, order) in shuffled_events(),
        rules in rules_strategy(),
    ) {
        let verdicts = rules.classify(&events);
        let permuted: Vec<TrackingEvent> = order.iter().map(|&position| events[position].clone()).collect();
        let permuted_verdicts = rules.classify(&permuted);
        for (index, &position) in order.iter().enumerate() {
            prop_assert_eq!(&permuted_verdicts[index], &verdicts[position]);
        }
        let report = Stats::from_events(rules.clone(), events.clone()).report();
        let mut stats = Stats::with_rules(rules);
        for event in permuted {
            stats.record(event);
        }
        prop_assert_eq!(&stats.report(), &report);
    }

    #[test]
    fn reports_keep_their_invariants(events in prop::collection::vec(event_strategy(), 0..80), rules in rules_strategy()) {
        let stats = Stats::from_events(rules, events.clone());
        let report = stats.report();
        check_report(&report, events.len());
        let verdicts = stats.verdicts();
        prop_assert_eq!(verdicts.len(), events.len());
        let machine = verdicts.iter().filter(|verdict| verdict.is_machine()).count() as u64;
        prop_assert_eq!(report.opens.machine_total + report.clicks.machine_total, machine);
        for verdict in &verdicts {
            prop_assert_eq!(verdict.is_machine(), verdict.rule != "human");
        }
    }

    #[test]
    fn events_round_trip_through_json(event in event_strategy()) {
        let json = serde_json::to_string(&event).expect("serialises");
        prop_assert_eq!(serde_json::from_str::<TrackingEvent>(&json).expect("parses"), event);
    }
}

#[test]
fn an_open_is_the_recipients_one_pixel_whatever_link_claim_its_token_carries() {
    let opened = |link, time| {
        TrackingEvent::new(EventKind::Open, claims(42, 7, link), at(time)).with_user_agent(CHROME)
    };
    let stats = Stats::from_events(
        MachineRules::builtin().clone(),
        vec![
            opened(None, "2026-03-02T10:00:00Z"),
            opened(Some(3), "2026-03-02T11:00:00Z"),
        ],
    );
    let report = stats.report();
    let message = report
        .message(&MessageKey::of(&claims(42, 7, None)))
        .unwrap();
    assert_eq!((message.opens.total, message.opens.unique_links), (2, 1));
    let recipient = message.recipient(Some(7)).unwrap();
    assert_eq!(
        (recipient.opens.total, recipient.opens.unique_links),
        (2, 1)
    );
}
