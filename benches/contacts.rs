//! Criterion benchmarks of phone-number normalisation, the per-row cost of a contact-list import:
//! `normalize_phone` (with its fast path for the common mobile forms of BE, NL, FR and DE) against
//! `normalize_phone_with_library` (always the `phonenumber` crate), on the same numbers.
//!
//! Two mixes of 1,000 numbers, default region BE, each iteration the whole mix (throughput in
//! numbers per second):
//! - `mobiles`: mobiles as contact lists write them (`0475 12 34 56`, `+32 475 12 34 56`,
//!   `0032475123456`, `0475/12.34.56`, French, Dutch and German mobiles in international form);
//!   all take the fast path.
//! - `mixed`: one in four is a fixed line, a `+32 (0)…` form or a mistake, which take the library's
//!   path, so it shows what the fast path saves on a realistic file.
//!
//! Run with `cargo bench -p envoi-benches --bench contacts`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use envoi::contacts::{Region, normalize_phone, normalize_phone_with_library};

/// A reproducible pseudo-random sequence (xorshift), so both mixes are the same on every run.
struct Digits(u64);

impl Digits {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + self.next(10) as u8))
            .collect()
    }
}

fn mobile(random: &mut Digits) -> String {
    let second = char::from(b'5' + random.next(5) as u8);
    let rest = random.digits(7);
    let (a, b, c, d) = (&rest[..1], &rest[1..3], &rest[3..5], &rest[5..]);
    match random.next(8) {
        0 | 1 => format!("04{second}{a} {b} {c} {d}"),
        2 => format!("+32 4{second}{a} {b} {c} {d}"),
        3 => format!("00324{second}{rest}"),
        4 => format!("04{second}{a}/{b}.{c}.{d}"),
        5 => format!(
            "+33 6 1{} {} {} {}",
            random.digits(1),
            random.digits(2),
            random.digits(2),
            random.digits(2)
        ),
        6 => format!("+31 6 1{}", random.digits(7)),
        _ => format!("+49 151 {}", random.digits(8)),
    }
}

fn other(random: &mut Digits) -> String {
    match random.next(4) {
        0 => format!(
            "02 {} {} {}",
            random.digits(3),
            random.digits(2),
            random.digits(2)
        ),
        1 => format!(
            "+32 (0)4{} {} {} {}",
            5 + random.next(5),
            random.digits(3),
            random.digits(2),
            random.digits(2)
        ),
        2 => format!(
            "04{} {} {}",
            5 + random.next(5),
            random.digits(3),
            random.digits(2)
        ),
        _ => format!("+1 201 555 {}", random.digits(4)),
    }
}

fn bench(c: &mut Criterion) {
    let mut random = Digits(0x2545_F491_4F6C_DD1D);
    let mobiles: Vec<String> = (0..1_000).map(|_| mobile(&mut random)).collect();
    let mixed: Vec<String> = (0..1_000)
        .map(|n| {
            if n % 4 == 3 {
                other(&mut random)
            } else {
                mobile(&mut random)
            }
        })
        .collect();
    for text in &mobiles {
        assert_eq!(
            normalize_phone(text, Region::BE),
            normalize_phone_with_library(text, Region::BE),
            "{text}"
        );
        assert!(
            normalize_phone(text, Region::BE).is_ok_and(|number| number.is_mobile()),
            "{text}"
        );
    }

    let mut group = c.benchmark_group("contacts/normalize_phone");
    for (name, mix) in [("mobiles", &mobiles), ("mixed", &mixed)] {
        group.throughput(Throughput::Elements(mix.len() as u64));
        group.bench_function(format!("{name} fast path"), |b| {
            b.iter(|| {
                mix.iter()
                    .filter(|text| normalize_phone(black_box(text), Region::BE).is_ok())
                    .count()
            })
        });
        group.bench_function(format!("{name} library"), |b| {
            b.iter(|| {
                mix.iter()
                    .filter(|text| {
                        normalize_phone_with_library(black_box(text), Region::BE).is_ok()
                    })
                    .count()
            })
        });
    }
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
