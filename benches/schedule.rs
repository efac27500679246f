//! Criterion benchmarks of schedules: `next_after` on schedules of different ages (flat for simple
//! repeats: closed-form arithmetic, not iteration from the first date; flat for RRULEs without
//! COUNT, whose expansion starts near the query; growing with age for an RRULE with COUNT, which
//! must count from DTSTART) and expansion throughput, each beside the `rrule` crate used naively
//! (an `RRuleSet` with a chrono-tz DTSTART in Europe/Brussels, `.all(n)` to expand, `.after(t)` then
//! `.all(1)` for the next occurrence).
//!
//! Run with `cargo bench -p envoi-benches --bench schedule`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_main};
use envoi::schedule::{Repeat, RepeatUnit, Schedule};
use envoi::time::{Instant, Zone};
use rrule::RRuleSet;
use std::hint::black_box;

/// Occurrences per expansion (as in `peers/schedule_compare.py`).
const EXPANDED: usize = 10_000;

fn at(text: &str) -> Instant {
    text.parse().expect("a valid instant")
}

/// The `rrule` crate's rule set for `rule` from `start`, in Europe/Brussels (chrono-tz).
fn rrule_set(rule: &str, start: Instant) -> RRuleSet {
    let zone = rrule::Tz::Tz(Zone::default().into());
    let set: RRuleSet = rule
        .parse::<rrule::RRule<rrule::Unvalidated>>()
        .expect("a valid rule")
        .build(start.with_timezone(&zone))
        .expect("a valid rule set");
    set
}

fn rrule_next_after(set: &RRuleSet, t: Instant) -> Option<Instant> {
    let zone = rrule::Tz::Tz(Zone::default().into());
    // `after` is inclusive: one second later gives "strictly after" for whole-second rules.
    let after = (t + std::time::Duration::from_secs(1)).with_timezone(&zone);
    set.clone()
        .after(after)
        .all(1)
        .dates
        .first()
        .map(|d| d.to_utc())
}

fn envoi_expand(schedule: &Schedule, from: Instant) -> usize {
    schedule
        .occurrences_between(from, at("2100-01-01T00:00:00Z"))
        .take(EXPANDED)
        .filter(Result::is_ok)
        .count()
}

fn rrule_expand(set: &RRuleSet) -> usize {
    set.clone().all(EXPANDED as u16).dates.len()
}

/// Prints how many of the first `EXPANDED` occurrences the `rrule` crate and envoi agree on.
fn agreement(name: &str, schedule: &Schedule, set: &RRuleSet, from: Instant) {
    let mine: Vec<Instant> = schedule
        .occurrences_between(from, at("2100-01-01T00:00:00Z"))
        .take(EXPANDED)
        .collect::<Result<_, _>>()
        .expect("occurrences");
    let theirs: Vec<Instant> = set
        .clone()
        .all(EXPANDED as u16)
        .dates
        .iter()
        .map(|d| d.to_utc())
        .collect();
    let same = mine.iter().zip(&theirs).filter(|(a, b)| a == b).count();
    let first = mine.iter().zip(&theirs).position(|(a, b)| a != b);
    println!(
        "agreement, {name}: envoi {} and rrule crate {} occurrences, {same} identical instants{}",
        mine.len(),
        theirs.len(),
        first.map_or(String::new(), |i| format!(
            "; first difference at #{i}: envoi {}, rrule crate {}",
            mine[i], theirs[i]
        ))
    );
}

fn bench(c: &mut Criterion) {
    let now = at("2026-11-30T10:00:00Z");
    let mut group = c.benchmark_group("schedule/next_after");
    for (age, start) in [
        ("1 day", "2026-11-29T08:00:00Z"),
        ("1 year", "2025-11-30T08:00:00Z"),
        ("10 years", "2016-11-30T08:00:00Z"),
    ] {
        for unit in [RepeatUnit::Hours, RepeatUnit::Days, RepeatUnit::Months] {
            let schedule = Schedule::new(at(start), Zone::default())
                .repeating(Repeat::new(1, unit).expect("a valid repeat"));
            group.bench_with_input(
                BenchmarkId::new(unit.name(), age),
                &schedule,
                |b, schedule| b.iter(|| black_box(schedule.next_after(black_box(now)))),
            );
        }
        // RRULEs without COUNT start their expansion near the query (flat in age); with COUNT they
        // count from DTSTART, so their cost grows with the schedule's age (documented).
        for (name, rule) in [
            ("rrule daily", "FREQ=DAILY"),
            ("rrule weekly MO,WE,FR", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
            ("rrule monthly last FR", "FREQ=MONTHLY;BYDAY=-1FR"),
            ("rrule hourly", "FREQ=HOURLY"),
            ("rrule daily COUNT", "FREQ=DAILY;COUNT=100000"),
        ] {
            let schedule =
                Schedule::from_rrule(rule, at(start), Zone::default()).expect("a valid rule");
            group.bench_with_input(BenchmarkId::new(name, age), &schedule, |b, schedule| {
                b.iter(|| black_box(schedule.next_after(black_box(now))))
            });
        }
        let schedule = Schedule::from_rrule("RRULE:FREQ=DAILY", at(start), Zone::default())
            .expect("a valid rule");
        // The `rrule` crate used naively: `.after(t)` then `.all(1)`, iterating from DTSTART.
        let set = rrule_set("FREQ=DAILY", at(start));
        assert_eq!(
            rrule_next_after(&set, now),
            schedule.next_after(now).expect("a next occurrence"),
            "rrule crate and envoi disagree on next_after"
        );
        group.bench_with_input(
            BenchmarkId::new("rrule crate daily", age),
            &set,
            |b, set| b.iter(|| black_box(rrule_next_after(set, black_box(now)))),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("schedule/expand");
    group.throughput(Throughput::Elements(EXPANDED as u64));
    let start = at("2026-01-01T08:00:00Z"); // 09:00 in Europe/Brussels
    let from = at("2026-01-01T00:00:00Z");
    for (name, unit, rule) in [
        ("daily", RepeatUnit::Days, "FREQ=DAILY"),
        ("hourly", RepeatUnit::Hours, "FREQ=HOURLY"),
    ] {
        let simple = Schedule::new(start, Zone::default())
            .repeating(Repeat::new(1, unit).expect("a valid repeat"));
        let rrule = Schedule::from_rrule(&format!("RRULE:{rule}"), start, Zone::default())
            .expect("a valid rule");
        let set = rrule_set(rule, start);
        agreement(&format!("{name} simple"), &simple, &set, from);
        agreement(&format!("{name} RRULE"), &rrule, &set, from);
        group.bench_function(format!("{name}, {EXPANDED} occurrences"), |b| {
            b.iter(|| envoi_expand(&simple, black_box(from)))
        });
        group.bench_function(format!("rrule {name}, {EXPANDED} occurrences"), |b| {
            b.iter(|| envoi_expand(&rrule, black_box(from)))
        });
        group.bench_function(format!("rrule crate {name}, {EXPANDED} occurrences"), |b| {
            b.iter(|| rrule_expand(black_box(&set)))
        });
    }
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
