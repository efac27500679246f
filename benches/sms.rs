//! Criterion benchmarks of SMS segmentation on a realistic mix of messages.
//!
//! Run with `cargo bench -p envoi-benches --bench sms`. The mix is `benches/data/sms_mix.txt`, the same
//! file the peer comparison (`benches/peers/`) feeds to the other libraries.

use criterion::{Criterion, Throughput, criterion_main};
use envoi::sms::{NationalLanguage, SmsOptions, analyze};
use std::hint::black_box;

fn mix() -> Vec<String> {
    include_str!("data/sms_mix.txt")
        .lines()
        .map(|line| line.replace("\\n", "\n"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let messages = mix();
    let mut group = c.benchmark_group("sms");
    group.throughput(Throughput::Elements(messages.len() as u64));
    let plain = SmsOptions::default();
    group.bench_function("analyze/mix", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(analyze(black_box(message), &plain).ok());
            }
        })
    });
    let smart = SmsOptions {
        smart_encoding: true,
        ..SmsOptions::default()
    };
    group.bench_function("analyze/mix smart", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(analyze(black_box(message), &smart).ok());
            }
        })
    });
    let national = SmsOptions {
        languages: vec![NationalLanguage::Turkish, NationalLanguage::Portuguese],
        ..SmsOptions::default()
    };
    group.bench_function("analyze/mix turkish+portuguese", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(analyze(black_box(message), &national).ok());
            }
        })
    });
    let with_user_data = SmsOptions {
        user_data: true,
        ..SmsOptions::default()
    };
    group.bench_function("analyze/mix user data", |b| {
        b.iter(|| {
            for message in &messages {
                black_box(analyze(black_box(message), &with_user_data).ok());
            }
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
