//! Criterion benchmarks of letters: the quote of a mixed batch of 100,000 letters (national and
//! international, black and white and colour, simplex and duplex, prior, non-prior, registered and
//! prior international, one to 25 sheets, with and without a flyer, submitted at every hour of two
//! weeks), and the quote of a job sending one letter to 100,000 mixed addresses.
//!
//! Run with `cargo bench -p envoi-benches --bench post`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use envoi::post::{
    Document, Letter, PostCalendars, PostData, Postage, RecipientPolicy, quote, quote_job,
};
use envoi::time::Instant;

const LETTERS: usize = 100_000;

/// Addresses: Belgian ones (no country line, or BELGIQUE) and ones abroad, in the four languages.
const NATIONAL: [&[&str]; 4] = [
    &["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"],
    &["Marie Janssens", "Kerkstraat 5", "9000 GENT"],
    &[
        "SPRL Martin",
        "Boulevard d'Avroy 10",
        "4000 LIÈGE",
        "BELGIQUE",
    ],
    &["Jan Peeters", "Meir 1", "2000 ANTWERPEN", "BELGIË"],
];
const INTERNATIONAL: [&[&str]; 8] = [
    &[
        "Jan de Vries",
        "Keizersgracht 1",
        "1015 CJ AMSTERDAM",
        "PAYS-BAS",
    ],
    &[
        "Jan de Vries",
        "Keizersgracht 1",
        "1015 CJ AMSTERDAM",
        "NEDERLAND",
    ],
    &["Max Muster", "Hauptstraße 1", "10115 BERLIN", "DEUTSCHLAND"],
    &["Anne Martin", "1 rue de Rivoli", "75001 PARIS", "FRANCE"],
    &["Anne Martin", "1201 GENÈVE", "SUISSE"],
    &[
        "A. Smith",
        "10 Downing Street",
        "LONDON SW1A 2AA",
        "UNITED KINGDOM",
    ],
    &["Luc Weber", "2449 LUXEMBOURG", "LUXEMBURG"],
    &["Ana Silva", "1100-148 LISBOA", "PORTUGAL"],
];

/// A small deterministic generator (no dependency): the 64-bit LCG of Knuth's MMIX.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

struct Case {
    letter: Letter,
    address: &'static [&'static str],
    submitted_at: Instant,
}

fn batch() -> Vec<Case> {
    let start: Instant = "2026-03-09T00:00:00Z".parse().expect("an instant");
    let mut random = Lcg(2026);
    (0..LETTERS)
        .map(|_| {
            let duplex = random.next(2) == 0;
            let color = random.next(3) == 0;
            let flyer = random.next(4) == 0;
            // 1 to 24 sheets of the main document (1 to 48 pages duplex).
            let sheets = 1 + random.next(24) as u32;
            let pages = if duplex {
                2 * sheets - random.next(2) as u32
            } else {
                sheets
            };
            let mut documents = vec![Document::a4(pages)];
            if flyer {
                documents.push(Document::a4(1).named("flyer"));
            }
            let international = random.next(3) == 0;
            let (postage, address) = if international {
                let postage = if random.next(2) == 0 {
                    Postage::Prior
                } else {
                    Postage::PriorInternational
                };
                (postage, INTERNATIONAL[random.next(8) as usize])
            } else {
                let postage = [Postage::Prior, Postage::NonPrior, Postage::Registered]
                    [random.next(3) as usize];
                (postage, NATIONAL[random.next(4) as usize])
            };
            let mut letter = Letter::new(documents, postage);
            letter.duplex = duplex;
            letter.color = color;
            if postage == Postage::Registered {
                letter.return_address = Some(vec!["Envoi SA".into(), "1000 BRUXELLES".into()]);
                letter.acknowledgement = random.next(2) == 0;
            }
            let submitted_at = start + chrono::Duration::minutes(random.next(14 * 24 * 60) as i64);
            Case {
                letter,
                address,
                submitted_at,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cases = batch();
    let calendars = PostCalendars::default();
    // Every letter of the batch is valid: the bench measures quotes, not errors.
    for case in &cases {
        if let Err(error) = quote(&case.letter, case.address, case.submitted_at, &calendars) {
            panic!("{:?} to {:?}: {error}", case.letter, case.address);
        }
    }
    let _ = PostData::builtin();

    let mut group = c.benchmark_group("post");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LETTERS as u64));
    group.bench_function("quote/100k mixed letters", |b| {
        b.iter(|| {
            for case in &cases {
                let _ = black_box(quote(
                    black_box(&case.letter),
                    case.address,
                    case.submitted_at,
                    &calendars,
                ));
            }
        })
    });

    let addresses: Vec<&[&str]> = cases.iter().map(|case| case.address).collect();
    let letter = Letter::new(vec![Document::a4(3)], Postage::Prior);
    let submitted_at: Instant = "2026-03-10T09:00:00Z".parse().expect("an instant");
    group.bench_function("quote_job/one letter × 100k mixed addresses", |b| {
        b.iter(|| {
            quote_job(
                black_box(&letter),
                black_box(&addresses),
                submitted_at,
                PostData::builtin(),
                &calendars,
                RecipientPolicy::RefuseJob,
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
            .measurement_time(std::time::Duration::from_secs(5));
        targets = super::bench
    }
}
use group::benches;
criterion_main!(benches);
