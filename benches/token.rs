//! Criterion benchmarks of signed tokens: issue, verify and issue+verify of the typical tracking
//! token (account, message, occurrence, recipient and link ids, issued-at, an expiry 90 days later;
//! 52 characters), signed and sealed, and a one-time code issued and checked.
//!
//! Run with `cargo bench -p envoi-benches --bench token`.

use std::hint::black_box;

use chrono::Duration;
use criterion::{Criterion, criterion_main};
use envoi::time::Instant;
use envoi::token::{Claims, CodePolicy, KeyRing, Purpose};

fn bench(c: &mut Criterion) {
    let ring = KeyRing::new([(1, vec![0x11; 32]), (2, vec![0x22; 32])], 2).expect("a key ring");
    let claims = Claims {
        account: Some(12_345),
        message: Some(1_234_567),
        occurrence: Some(3),
        recipient: Some(45_678_901),
        link: Some(7),
        credential: None,
    };
    let issued_at: Instant = "2026-06-01T09:00:00Z".parse().expect("an instant");
    let expires_at = Some(issued_at + Duration::days(90));
    let signed = ring
        .issue(Purpose::Click, &claims, issued_at, expires_at)
        .expect("a token");
    let sealed = ring
        .issue_sealed(Purpose::Click, &claims, issued_at, expires_at)
        .expect("a token");
    assert_eq!((signed.len(), sealed.len()), (52, 52));

    let mut group = c.benchmark_group("token/typical tracking");
    group.bench_function("issue", |b| {
        b.iter(|| {
            ring.issue(
                Purpose::Click,
                black_box(&claims),
                black_box(issued_at),
                expires_at,
            )
        })
    });
    group.bench_function("verify", |b| {
        b.iter(|| ring.verify(Purpose::Click, black_box(&signed), black_box(issued_at)))
    });
    group.bench_function("issue+verify", |b| {
        b.iter(|| {
            let token = ring
                .issue(
                    Purpose::Click,
                    black_box(&claims),
                    black_box(issued_at),
                    expires_at,
                )
                .expect("a token");
            ring.verify(Purpose::Click, &token, black_box(issued_at))
        })
    });
    group.bench_function("verify, bad tag", |b| {
        let mut altered = signed.clone().into_bytes();
        altered[30] = if altered[30] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).expect("ASCII");
        b.iter(|| ring.verify(Purpose::Click, black_box(&altered), black_box(issued_at)))
    });
    group.bench_function("issue_sealed", |b| {
        b.iter(|| {
            ring.issue_sealed(
                Purpose::Click,
                black_box(&claims),
                black_box(issued_at),
                expires_at,
            )
        })
    });
    group.bench_function("verify sealed", |b| {
        b.iter(|| ring.verify(Purpose::Click, black_box(&sealed), black_box(issued_at)))
    });
    group.bench_function("issue_sealed+verify", |b| {
        b.iter(|| {
            let token = ring
                .issue_sealed(
                    Purpose::Click,
                    black_box(&claims),
                    black_box(issued_at),
                    expires_at,
                )
                .expect("a token");
            ring.verify(Purpose::Click, &token, black_box(issued_at))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("token/one-time code");
    let code_expiry = issued_at + Duration::minutes(15);
    group.bench_function("issue_code+check_code", |b| {
        b.iter(|| {
            let (code, mut challenge) = ring
                .issue_code(
                    Purpose::SenderVerification,
                    black_box(&claims),
                    "challenge-1",
                    issued_at,
                    code_expiry,
                    &CodePolicy::default(),
                )
                .expect("a code");
            ring.check_code(
                Purpose::SenderVerification,
                &mut challenge,
                &code,
                issued_at,
            )
        })
    });
    group.finish();
}

#[allow(missing_docs)] // criterion_group! generates an undocumented function
mod group {
    criterion::criterion_group! {
        name = benches;
        config = criterion::Criterion::default()
            .warm_up_time(std::time::Duration::from_secs(1))
            .measurement_time(std::time::Duration::from_secs(3));
        targets = super::bench
    }
}
use group::benches;
criterion_main!(benches);
