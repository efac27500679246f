//! Criterion benchmarks of schedules: `next_after` on schedules of different ages (flat for simple
//! repeats: closed-form arithmetic, not iteration from the first date; growing with age for RRULEs,
//! which expand from DTSTART) and expansion throughput.
//!
//! Run with `cargo bench -p envoi-benches --bench schedule`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_main};
use envoi::schedule::{Repeat, RepeatUnit, Schedule};
use envoi::time::{Instant, Zone};
use std::hint::black_box;

fn at(text: &str) -> Instant {
    text.parse().expect("a valid instant")
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
    }
    // RRULE schedules expand from DTSTART: their cost grows with the schedule's age (documented).
    for (age, start) in [
        ("1 day", "2026-11-29T08:00:00Z"),
        ("1 year", "2025-11-30T08:00:00Z"),
    ] {
        let schedule = Schedule::from_rrule("RRULE:FREQ=DAILY", at(start), Zone::default())
            .expect("a valid rule");
        group.bench_with_input(
            BenchmarkId::new("rrule daily", age),
            &schedule,
            |b, schedule| b.iter(|| black_box(schedule.next_after(black_box(now)))),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("schedule/expand");
    group.throughput(Throughput::Elements(1_000));
    let daily = Schedule::new(at("2026-01-01T08:00:00Z"), Zone::default())
        .repeating(Repeat::new(1, RepeatUnit::Days).expect("a valid repeat"));
    group.bench_function("daily, 1000 occurrences", |b| {
        b.iter(|| {
            daily
                .occurrences_between(
                    black_box(at("2026-01-01T00:00:00Z")),
                    at("2100-01-01T00:00:00Z"),
                )
                .take(1_000)
                .count()
        })
    });
    let rrule = Schedule::from_rrule(
        "RRULE:FREQ=DAILY",
        at("2026-01-01T08:00:00Z"),
        Zone::default(),
    )
    .expect("a valid rule");
    group.bench_function("rrule daily, 1000 occurrences", |b| {
        b.iter(|| {
            rrule
                .occurrences_between(
                    black_box(at("2026-01-01T00:00:00Z")),
                    at("2100-01-01T00:00:00Z"),
                )
                .take(1_000)
                .count()
        })
    });
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
