//! Criterion benchmarks of merge-field templates: parsing a typical SMS template (four fields, two
//! with fallbacks, 150 characters), validating it against the fields of a task, and rendering it for
//! one recipient (contact fields chained with task fields, one of them a date written in French),
//! into a new string and into a reused buffer, and rendering then segmenting (the SMS cost).
//!
//! Run with `cargo bench -p envoi-benches --bench templates`.

use std::collections::BTreeMap;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_main};
use envoi::language::Language;
use envoi::sms::{SmsOptions, analyze};
use envoi::templates::{TaskFields, TaskValue, Template};
use envoi::time::Zone;

const TYPICAL: &str = "Bonjour {{ first_name | client }}, votre rendez-vous chez {{shop}} est le \
                       {{date}}. Merci d'arriver 10 minutes en avance. Pour annuler: {{ phone | 071 12 34 56 }}";

fn bench(c: &mut Criterion) {
    let template = Template::parse(TYPICAL).expect("a template");
    let contact = BTreeMap::from([
        ("first_name".to_owned(), "Marie".to_owned()),
        ("last_name".to_owned(), "Dupont".to_owned()),
        ("email".to_owned(), "marie@example.be".to_owned()),
    ]);
    let mut task = TaskFields::new();
    task.insert(
        "shop",
        TaskValue::Text {
            text: "Garage Dupont".into(),
        },
    )
    .expect("a name");
    let date = NaiveDate::from_ymd_opt(2026, 3, 3).expect("a date");
    task.insert(
        "date",
        TaskValue::Date {
            date,
            weekday: true,
        },
    )
    .expect("a name");
    let known: Vec<&str> = contact
        .keys()
        .map(String::as_str)
        .chain(task.names())
        .collect();
    let recipient = (&contact, task.for_recipient(Language::Fr, Zone::default()));
    let rendered = template.render(&recipient).expect("rendered");
    assert_eq!(
        analyze(&rendered, &SmsOptions::default())
            .expect("analysed")
            .part_count(),
        1
    );

    let mut group = c.benchmark_group("templates/typical sms");
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse", |b| b.iter(|| Template::parse(black_box(TYPICAL))));
    group.bench_function("validate", |b| {
        b.iter(|| template.validate(black_box(&known)))
    });
    group.bench_function("render", |b| {
        b.iter(|| template.render(black_box(&recipient)))
    });
    let mut buffer = String::with_capacity(256);
    group.bench_function("render_into (reused buffer)", |b| {
        b.iter(|| {
            buffer.clear();
            template.render_into(black_box(&recipient), &mut buffer)
        })
    });
    let options = SmsOptions::default();
    group.bench_function("render+analyze", |b| {
        b.iter(|| {
            let text = template.render(black_box(&recipient)).expect("rendered");
            analyze(&text, &options).map(|analysis| analysis.part_count())
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
