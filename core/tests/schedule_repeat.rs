//! Simple schedules (SPEC section 4): wall-clock repeats, elapsed hours, DST gaps and folds, month
//! ends, stop and count, closed-form queries, JSON.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::schedule::{Repeat, RepeatUnit, Schedule};
use envoi::time::{Instant, Zone};
use proptest::prelude::*;

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn zone(name: &str) -> Zone {
    name.parse().unwrap()
}

fn every(start: &str, zone_name: &str, interval: u32, unit: RepeatUnit) -> Schedule {
    Schedule::new(at(start), zone(zone_name)).repeating(Repeat::new(interval, unit).unwrap())
}

/// The first `n` occurrences, shown in the schedule's zone.
fn local(schedule: &Schedule, n: u64) -> Vec<String> {
    (0..n)
        .map_while(|index| schedule.occurrence(index).unwrap())
        .map(|t| {
            schedule
                .zone()
                .localize(t)
                .format("%Y-%m-%d %H:%M %:z")
                .to_string()
        })
        .collect()
}

#[test]
fn daily_keeps_the_wall_clock_time_across_both_brussels_dst_changes() {
    let spring = every(
        "2026-03-28T08:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&spring, 3),
        [
            "2026-03-28 09:00 +01:00",
            "2026-03-29 09:00 +02:00",
            "2026-03-30 09:00 +02:00"
        ]
    );
    let autumn = every(
        "2026-10-24T07:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&autumn, 3),
        [
            "2026-10-24 09:00 +02:00",
            "2026-10-25 09:00 +01:00",
            "2026-10-26 09:00 +01:00"
        ]
    );
}

#[test]
fn a_wall_time_in_the_gap_moves_forward_by_the_gap_that_day_only() {
    // 02:30 daily: on 29 March 2026 02:30 does not exist in Brussels.
    let daily = every(
        "2026-03-28T01:30:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&daily, 3),
        [
            "2026-03-28 02:30 +01:00",
            "2026-03-29 03:30 +02:00",
            "2026-03-30 02:30 +02:00"
        ]
    );
    // The same in New York (8 March 2026).
    let daily = every(
        "2026-03-07T07:30:00Z",
        "America/New_York",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&daily, 3),
        [
            "2026-03-07 02:30 -05:00",
            "2026-03-08 03:30 -04:00",
            "2026-03-09 02:30 -04:00"
        ]
    );
}

#[test]
fn a_wall_time_in_the_fold_takes_the_first_instant() {
    let daily = every(
        "2026-10-24T00:30:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&daily, 3),
        [
            "2026-10-24 02:30 +02:00",
            "2026-10-25 02:30 +02:00",
            "2026-10-26 02:30 +01:00"
        ]
    );
    let daily = every(
        "2026-10-31T05:30:00Z",
        "America/New_York",
        1,
        RepeatUnit::Days,
    );
    assert_eq!(
        local(&daily, 2),
        ["2026-10-31 01:30 -04:00", "2026-11-01 01:30 -04:00"]
    );
}

#[test]
fn hours_count_elapsed_time_across_dst() {
    // Every 2 hours from 00:00 on the spring-forward day: 00:00, 03:00 (2 real hours), 05:00…
    let spring = every(
        "2026-03-28T23:00:00Z",
        "Europe/Brussels",
        2,
        RepeatUnit::Hours,
    );
    assert_eq!(
        local(&spring, 3),
        [
            "2026-03-29 00:00 +01:00",
            "2026-03-29 03:00 +02:00",
            "2026-03-29 05:00 +02:00"
        ]
    );
    // Every hour on the fall-back day: 02:00 happens twice, and both are occurrences.
    let autumn = every(
        "2026-10-24T23:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Hours,
    );
    assert_eq!(
        local(&autumn, 5),
        [
            "2026-10-25 01:00 +02:00",
            "2026-10-25 02:00 +02:00",
            "2026-10-25 02:00 +01:00",
            "2026-10-25 03:00 +01:00",
            "2026-10-25 04:00 +01:00"
        ]
    );
}

#[test]
fn months_clamp_to_the_last_day_without_drifting() {
    let monthly = every(
        "2026-01-31T09:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Months,
    );
    assert_eq!(
        local(&monthly, 5),
        [
            "2026-01-31 10:00 +01:00",
            "2026-02-28 10:00 +01:00",
            "2026-03-31 10:00 +02:00",
            "2026-04-30 10:00 +02:00",
            "2026-05-31 10:00 +02:00"
        ]
    );
    // Leap days: every 12 months from 29 February 2024.
    let yearly = every(
        "2024-02-29T11:00:00Z",
        "Europe/Brussels",
        12,
        RepeatUnit::Months,
    );
    let days: Vec<String> = local(&yearly, 5)
        .iter()
        .map(|s| s[..10].to_owned())
        .collect();
    assert_eq!(
        days,
        [
            "2024-02-29",
            "2025-02-28",
            "2026-02-28",
            "2027-02-28",
            "2028-02-29"
        ]
    );
}

#[test]
fn weeks_are_seven_calendar_days() {
    let fortnightly = every(
        "2026-03-20T08:00:00Z",
        "Europe/Brussels",
        2,
        RepeatUnit::Weeks,
    );
    assert_eq!(
        local(&fortnightly, 3),
        [
            "2026-03-20 09:00 +01:00",
            "2026-04-03 09:00 +02:00",
            "2026-04-17 09:00 +02:00"
        ]
    );
}

#[test]
fn the_stop_is_inclusive_and_the_count_includes_the_first_date() {
    let daily = every(
        "2026-01-01T08:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    let stopped = daily.clone().with_stop(at("2026-01-03T08:00:00Z")).unwrap();
    assert_eq!(local(&stopped, 10).len(), 3);
    assert_eq!(
        stopped.next_after(at("2026-01-02T08:00:00Z")).unwrap(),
        Some(at("2026-01-03T08:00:00Z"))
    );
    assert_eq!(
        stopped.next_after(at("2026-01-03T08:00:00Z")).unwrap(),
        None
    );
    assert!(stopped.is_finished(at("2026-01-03T08:00:00Z")).unwrap());
    assert_eq!(
        stopped
            .occurrence_count_until(at("2030-01-01T00:00:00Z"))
            .unwrap(),
        3
    );

    let counted = daily.with_count(2).unwrap();
    assert_eq!(local(&counted, 10).len(), 2);
    assert_eq!(
        counted
            .occurrence_count_until(at("2030-01-01T00:00:00Z"))
            .unwrap(),
        2
    );
    assert!(counted.is_finished(at("2026-01-02T08:00:00Z")).unwrap());
}

#[test]
fn queries_on_a_schedule_started_ten_years_ago() {
    let daily = every(
        "2016-11-30T08:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    let now = at("2026-11-30T10:00:00Z");
    assert_eq!(
        daily.next_after(now).unwrap(),
        Some(at("2026-12-01T08:00:00Z"))
    );
    // 2016-11-30 … 2026-11-30 inclusive: 3,653 days.
    assert_eq!(daily.occurrence_count_until(now).unwrap(), 3_653);
    let hourly = every(
        "2016-11-30T08:00:00Z",
        "Europe/Brussels",
        3,
        RepeatUnit::Hours,
    );
    assert_eq!(
        hourly.next_after(now).unwrap(),
        Some(at("2026-11-30T11:00:00Z"))
    );
}

#[test]
fn between_includes_both_ends_and_next_after_is_strict() {
    let daily = every(
        "2026-01-01T08:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    let found: Vec<Instant> = daily
        .occurrences_between(at("2026-01-02T08:00:00Z"), at("2026-01-04T08:00:00Z"))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(found.len(), 3);
    assert_eq!(
        daily.next_after(at("2026-01-02T08:00:00Z")).unwrap(),
        Some(at("2026-01-03T08:00:00Z"))
    );
    assert_eq!(
        daily
            .occurrences_between(at("2026-01-04T08:00:00Z"), at("2026-01-02T08:00:00Z"))
            .count(),
        0
    );
}

#[test]
fn invalid_inputs_are_typed_errors() {
    assert_eq!(
        Repeat::new(0, RepeatUnit::Days).unwrap_err().code(),
        "schedule.invalid_interval"
    );
    let error = "fortnights".parse::<RepeatUnit>().unwrap_err();
    assert_eq!(error.code(), "schedule.unknown_unit");
    assert!(error.to_string().contains("\"fortnights\""));
    let once = Schedule::new(at("2026-01-01T08:00:00Z"), Zone::default());
    assert_eq!(
        once.clone().with_count(0).unwrap_err().code(),
        "schedule.invalid_count"
    );
    let error = once.with_stop(at("2025-12-31T08:00:00Z")).unwrap_err();
    assert_eq!(error.code(), "schedule.stop_before_start");
    assert!(error.to_string().contains("2025-12-31"));
}

#[test]
fn json_form_is_stable_and_validated() {
    let schedule = every(
        "2026-01-31T09:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Months,
    )
    .with_count(12)
    .unwrap();
    let json = serde_json::to_string(&schedule).unwrap();
    assert_eq!(
        json,
        r#"{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}"#
    );
    assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), schedule);
    for bad in [
        r#"{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":0,"unit":"days"},"stop":null,"count":null}"#,
        r#"{"start":"2026-01-31T09:00:00Z","zone":"Mars/Base","repeat":null,"stop":null,"count":null}"#,
        r#"{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":"2026-01-01T00:00:00Z","count":null}"#,
        r#"{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":null,"stop":null,"count":0}"#,
        r#"{"start":"2026-01-31T09:00:00","zone":"Europe/Brussels","repeat":null,"stop":null,"count":null}"#,
    ] {
        assert!(serde_json::from_str::<Schedule>(bad).is_err(), "{bad}");
    }
}

fn any_zone() -> impl Strategy<Value = Zone> {
    prop::sample::select(vec![
        "Europe/Brussels",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "UTC",
    ])
    .prop_map(zone)
}

fn any_unit() -> impl Strategy<Value = RepeatUnit> {
    prop::sample::select(vec![
        RepeatUnit::Hours,
        RepeatUnit::Days,
        RepeatUnit::Weeks,
        RepeatUnit::Months,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn occurrences_increase_respect_the_limits_and_agree_with_next_after(
        start_seconds in 946_684_800i64..2_208_988_800, // 2000-01-01 .. 2040-01-01
        zone in any_zone(),
        interval in 1u32..40,
        unit in any_unit(),
        count in prop::option::of(1u32..60),
        stop_after in prop::option::of(0i64..400 * 86_400),
        probe in -86_400i64..800 * 86_400,
    ) {
        let start = chrono::DateTime::from_timestamp(start_seconds, 0).unwrap();
        let mut schedule = Schedule::new(start, zone).repeating(Repeat::new(interval, unit).unwrap());
        if let Some(count) = count {
            schedule = schedule.with_count(count).unwrap();
        }
        if let Some(after) = stop_after {
            schedule = schedule.with_stop(start + chrono::TimeDelta::seconds(after)).unwrap();
        }
        let all: Vec<Instant> = (0..200).map_while(|index| schedule.occurrence(index).unwrap()).collect();
        prop_assert_eq!(all[0], start);
        for pair in all.windows(2) {
            prop_assert!(pair[0] < pair[1], "not increasing: {:?}", pair);
        }
        if let Some(count) = count {
            prop_assert!(all.len() <= count as usize);
        }
        if let Some(stop) = schedule.stop() {
            prop_assert!(all.iter().all(|t| *t <= stop));
        }
        let t = start + chrono::TimeDelta::seconds(probe);
        if all.len() < 200 || all.last().is_some_and(|last| *last > t) {
            let expected = all.iter().copied().find(|o| *o > t);
            prop_assert_eq!(schedule.next_after(t).unwrap(), expected);
            prop_assert_eq!(schedule.is_finished(t).unwrap(), expected.is_none());
            let until = all.iter().filter(|o| **o <= t).count() as u64;
            prop_assert_eq!(schedule.occurrence_count_until(t).unwrap(), until);
            let between: Vec<Instant> = schedule.occurrences_between(start, t).collect::<Result<_, _>>().unwrap();
            let expected: Vec<Instant> = all.iter().copied().filter(|o| *o <= t).collect();
            prop_assert_eq!(between, expected);
        }
    }
}

#[test]
fn occurrences_list_refuses_more_than_its_limit_instead_of_shortening() {
    let daily = every(
        "2026-01-01T08:00:00Z",
        "Europe/Brussels",
        1,
        RepeatUnit::Days,
    );
    let (from, to) = (at("2026-01-01T08:00:00Z"), at("2026-01-03T08:00:00Z"));
    assert_eq!(daily.occurrences_list(from, to, 3).unwrap().len(), 3);
    let error = daily.occurrences_list(from, to, 2).unwrap_err();
    assert_eq!(error.code(), "schedule.too_many_occurrences");
    assert!(
        error.to_string().contains("more than 2 occurrences"),
        "{error}"
    );
    assert!(daily.occurrences_list(to, from, 0).unwrap().is_empty());
    assert_eq!(
        daily.occurrences_list(from, from, 0).unwrap_err().code(),
        "schedule.too_many_occurrences"
    );
}
