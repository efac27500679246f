//! Fuzzes the tracking statistics with outside input: machine rules a host loads (JSON) and raw
//! events a host stored and hands back (JSON). The input is the rules, a NUL byte, then the events
//! (without a NUL, the whole input is tried as both). Nothing may panic; rules that load must write
//! JSON that loads back to the same rules; the verdicts and the report must not change when the
//! events come in another order, and every report must keep human + machine = total,
//! unique <= total and first <= last at every level.
#![no_main]

use envoi::tracking::{EngagementCounts, MachineRules, Stats, StatsReport, TrackingEvent};
use libfuzzer_sys::fuzz_target;

fn check_counts(counts: &EngagementCounts) {
    assert_eq!(counts.human_total + counts.machine_total, counts.total);
    assert!(counts.unique_links <= counts.total);
    assert!(counts.human_unique_links <= counts.human_total);
    assert!(counts.machine_unique_links <= counts.machine_total);
    assert!(counts.unique_links <= counts.human_unique_links + counts.machine_unique_links);
    assert_eq!(
        counts.machine_by_rule.values().sum::<u64>(),
        counts.machine_total
    );
    assert_eq!(counts.first_at.is_some(), counts.total > 0);
    if let (Some(first), Some(last)) = (counts.first_at, counts.last_at) {
        assert!(first <= last);
    }
    if let (Some(first), Some(last)) = (counts.human_first_at, counts.human_last_at) {
        assert!(first <= last);
    }
}

fn check_report(report: &StatsReport, events: usize) {
    check_counts(&report.opens);
    check_counts(&report.clicks);
    assert_eq!(report.opens.total + report.clicks.total, events as u64);
    let mut opens = 0;
    for message in &report.messages {
        check_counts(&message.opens);
        check_counts(&message.clicks);
        opens += message.opens.total;
        let mut clicks = 0;
        for link in &message.links {
            check_counts(&link.clicks);
            clicks += link.clicks.total;
        }
        assert_eq!(clicks, message.clicks.total);
        let mut recipient_opens = 0;
        for recipient in &message.recipients {
            check_counts(&recipient.opens);
            check_counts(&recipient.clicks);
            recipient_opens += recipient.opens.total;
            for link in &recipient.links {
                check_counts(&link.clicks);
            }
        }
        assert_eq!(recipient_opens, message.opens.total);
    }
    assert_eq!(opens, report.opens.total);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (rules_text, events_text) = text.split_once('\0').unwrap_or((text, text));

    let loaded = MachineRules::from_json(rules_text);
    if let Ok(rules) = &loaded {
        let json = rules.to_json();
        let again =
            MachineRules::from_json(&json).expect("rules that loaded load again from their JSON");
        assert_eq!(&again, rules);
    }

    let Ok(events) = serde_json::from_str::<Vec<TrackingEvent>>(events_text) else {
        return;
    };
    let mut reversed = events.clone();
    reversed.reverse();
    for rules in [loaded.ok(), Some(MachineRules::builtin().clone())]
        .into_iter()
        .flatten()
    {
        let verdicts = rules.classify(&events);
        assert_eq!(verdicts.len(), events.len());
        let mut reversed_verdicts = rules.classify(&reversed);
        reversed_verdicts.reverse();
        assert_eq!(reversed_verdicts, verdicts);

        let report = Stats::from_events(rules.clone(), events.clone()).report();
        check_report(&report, events.len());
        assert_eq!(Stats::from_events(rules, reversed.clone()).report(), report);
    }
});
