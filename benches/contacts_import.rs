//! Criterion benchmark of the contact CSV import: rows per second on a generated, realistic
//! 100,000-row export (see `envoi_benches::ContactCsv` for the mix), read, decoded, parsed, mapped,
//! normalised (phones to E.164, emails checked) and de-duplicated.
//!
//! Run with `cargo bench -p envoi-benches --bench contacts_import`. Two variants, one iteration =
//! the whole file: `stream` iterates the outcomes and drops them (what a host writing to its store
//! does), `report` builds the in-memory `ImportReport`. The group declares
//! `Throughput::Elements(100_000)`, so criterion prints rows per second.
//! Peak memory on a million rows: `cargo run --release -p envoi-benches --bin contacts_import_memory`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_main};
use envoi::contacts::import::{ContactImporter, ImportOptions, import_contacts};
use envoi_benches::ContactCsv;

const ROWS: u64 = 100_000;

fn bench(c: &mut Criterion) {
    let utf8 = ContactCsv::bytes(ROWS);
    let options = ImportOptions::default();
    let report = import_contacts(&utf8[..], &options).expect("the import runs");
    assert_eq!(report.counts.rows, ROWS);
    assert!(
        report.counts.imported > ROWS * 9 / 10,
        "{:?}",
        report.counts
    );

    let mut group = c.benchmark_group("contacts_import");
    group.throughput(Throughput::Elements(ROWS));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("stream 100k rows", |b| {
        b.iter(|| {
            let importer = ContactImporter::new(black_box(&utf8[..]), &options).expect("a header");
            let mut rows = 0u64;
            for outcome in importer {
                black_box(outcome.expect("no fatal error"));
                rows += 1;
            }
            rows
        })
    });
    group.bench_function("report 100k rows", |b| {
        b.iter(|| import_contacts(black_box(&utf8[..]), &options).expect("the import runs"))
    });
    group.finish();
}

fn benches() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
}

criterion_main!(benches);
