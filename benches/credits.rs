//! Criterion benchmarks of the credit ledger: reserve+commit pairs on one account with 10,000 lots
//! and a long history (in memory), and the balance query as the history grows (flat: running
//! totals and expiry classes, not a walk over the entries).
//!
//! Run with `cargo bench -p envoi-benches --bench credits`.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_main};
use envoi::credits::{CreditKind, Ledger};
use envoi::time::{Instant, Zone};
use std::hint::black_box;

fn at(text: &str) -> Instant {
    text.parse().expect("a valid instant")
}

/// A ledger with `lots` activated orders (one expiry class: each activation extends the others) and
/// `history` one-unit consumptions after them.
fn ledger(lots: u64, history: u64) -> Ledger {
    let mut ledger = Ledger::new(Zone::default());
    let start = at("2026-01-01T09:00:00Z");
    for order in 0..lots {
        ledger
            .purchase(
                &format!("order-{order}"),
                CreditKind::sms(),
                1_000_000_000,
                start,
                false,
            )
            .expect("a purchase");
    }
    let later = at("2026-02-01T09:00:00Z");
    for send in 0..history {
        ledger
            .consume(&format!("history-{send}"), CreditKind::sms(), 1, later)
            .expect("a consumption");
    }
    ledger
}

fn bench(c: &mut Criterion) {
    let now = at("2026-03-01T09:00:00Z");
    let sms = CreditKind::sms();

    // Throughput in batches of PAIRS on a fresh copy of the ledger (the copy is not timed): the
    // key index and the entries grow within a batch as they would in a long-running host.
    const PAIRS: u64 = 200_000;
    let mut group = c.benchmark_group("credits/reserve+commit");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PAIRS));
    let base = ledger(10_000, 100_000);
    let keys: Vec<String> = (0..PAIRS).map(|pair| format!("send-{pair}")).collect();
    group.bench_function("10,000 lots, 100,000 entries of history", |b| {
        b.iter_batched_ref(
            || base.clone(),
            |ledger| {
                for key in &keys {
                    ledger
                        .reserve(key, sms.clone(), 3, now, Some(300))
                        .expect("a reservation");
                    ledger.commit(key, now, None).expect("a commit");
                }
                black_box(ledger.version())
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();

    let mut group = c.benchmark_group("credits/balance");
    for history in [1_000u64, 10_000, 100_000] {
        let ledger = ledger(100, history);
        group.bench_with_input(
            BenchmarkId::new("at or after the last operation", history),
            &ledger,
            |b, ledger| b.iter(|| black_box(ledger.balance(&sms, black_box(now)))),
        );
    }
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function
mod group {
    criterion::criterion_group! {
        name = benches;
        config = criterion::Criterion::default()
            .warm_up_time(std::time::Duration::from_secs(1))
            .measurement_time(std::time::Duration::from_secs(4));
        targets = super::bench
    }
}
use group::benches;
criterion_main!(benches);
