//! Criterion benchmarks of VAT and invoices: VAT-number validation on the inputs of python-stdnum's
//! agreement table (`core/tests/data/vat_stdnum.tsv`, the rows without a country argument, as
//! `benches/peers/vat_compare.py` times stdnum and the Python binding on them), the rate lookup,
//! the VAT treatment of an order, and the EN 16931 totals and UBL export of a 100-line invoice.
//!
//! Run with `cargo bench -p envoi-benches --bench vat`. The side-by-side comparison with
//! python-stdnum and npm validators is `benches/peers/` (see `benches/README.md`).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_main};
use envoi::invoice::{Invoice, InvoiceLine, Party};
use envoi::money::Currency;
use envoi::vat::{
    CustomerKind, OnlineCheck, RateTable, ServiceKind, TreatmentRequest, VatNumber, rate, treatment,
};
use rust_decimal::Decimal;

/// The inputs of the agreement table's rows without a country argument: (all of them, the ones
/// stdnum finds valid).
fn numbers() -> (Vec<String>, Vec<String>) {
    let table = include_str!("../core/tests/data/vat_stdnum.tsv");
    let mut all = Vec::new();
    let mut valid = Vec::new();
    for line in table.lines().filter(|line| !line.starts_with('#')).skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(input), Some(&""), Some(verdict)) =
            (columns.first(), columns.get(1), columns.get(2))
        else {
            continue;
        };
        if *verdict == "valid" {
            valid.push((*input).to_owned());
        }
        all.push((*input).to_owned());
    }
    (all, valid)
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

fn invoice(lines: usize) -> Invoice {
    let seller = Party::new("Envoi SA", "BE")
        .and_then(|party| party.with_address("Rue de la Loi 16", "Bruxelles", "1000"))
        .and_then(|party| party.with_vat_number("BE0403170701"))
        .and_then(|party| party.with_enterprise_number("0403170701"))
        .expect("a seller");
    let customer = Party::new("Boulangerie Dupont SRL", "BE")
        .and_then(|party| party.with_address("Place du Marché 3", "Namur", "5000"))
        .and_then(|party| party.with_vat_number("BE0202239951"))
        .and_then(|party| party.with_enterprise_number("0202239951"))
        .expect("a customer");
    let rates = [Decimal::from(21), Decimal::from(6), Decimal::from(12)];
    let lines = (0..lines)
        .map(|index| {
            InvoiceLine::new(
                format!("Line {index}: 1,000 SMS parts"),
                Decimal::from(index as u64 % 7 + 1),
                Decimal::new(7_515 + index as i64, 4),
                rates[index % rates.len()],
            )
            .expect("a line")
        })
        .collect();
    Invoice::new(Currency::EUR, lines)
        .with_number("2026-0001")
        .and_then(|invoice| invoice.with_buyer_reference("PO-77"))
        .expect("an invoice")
        .with_date(day(2026, 1, 15))
        .with_due_date(day(2026, 2, 14))
        .with_seller(seller)
        .with_customer(customer)
}

fn bench(c: &mut Criterion) {
    let (all, valid) = numbers();
    // `is_valid` (python-stdnum's is_valid), and `parse`, which builds the error of an invalid one.
    let mut group = c.benchmark_group("vat/validate");
    group.throughput(Throughput::Elements(valid.len() as u64));
    group.bench_function("valid", |b| {
        b.iter(|| {
            for input in &valid {
                black_box(VatNumber::is_valid(black_box(input), None));
            }
        })
    });
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("mix", |b| {
        b.iter(|| {
            for input in &all {
                black_box(VatNumber::is_valid(black_box(input), None));
            }
        })
    });
    group.bench_function("mix, parse (errors built)", |b| {
        b.iter(|| {
            for input in &all {
                black_box(VatNumber::parse(black_box(input), None).is_ok());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("vat");
    group.bench_function("rate(FI, 2024-09-01)", |b| {
        b.iter(|| rate(black_box("FI"), black_box(day(2024, 9, 1))))
    });
    let request = TreatmentRequest::new(
        "DE",
        CustomerKind::Business,
        ServiceKind::Electronic,
        day(2026, 3, 2),
    )
    .with_vat_number("DE 136 695 976")
    .with_online_check(OnlineCheck {
        valid: true,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: None,
    })
    .with_exemption_requested();
    group.bench_function("treatment (reverse charge)", |b| {
        b.iter(|| treatment(black_box(&request), RateTable::builtin()))
    });
    group.finish();

    let mut group = c.benchmark_group("invoice/100 lines");
    let hundred = invoice(100);
    group.bench_function("totals", |b| b.iter(|| black_box(&hundred).totals()));
    group.bench_function("to_ubl", |b| b.iter(|| black_box(&hundred).to_ubl()));
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
