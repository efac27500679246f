//! Imports a generated 1,000,000-row contact export (produced as it is read, never in memory
//! whole) with the streaming importer, drops every outcome, and prints the counts, the time and the
//! peak resident memory (`VmHWM` of `/proc/self/status`, Linux) so the README can state it.
//!
//! Run with `cargo run --release -p envoi-benches --bin contacts_import_memory [rows]`.

use std::time::Instant;

use envoi::contacts::import::{ContactImporter, ImportOptions};
use envoi_benches::ContactCsv;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: u64 = match std::env::args().nth(1) {
        Some(text) => text.parse()?,
        None => 1_000_000,
    };
    let before = peak_rss_kib();
    let started = Instant::now();
    let mut importer = ContactImporter::new(ContactCsv::new(rows), &ImportOptions::default())?;
    for outcome in importer.by_ref() {
        drop(outcome?);
    }
    let elapsed = started.elapsed();
    let counts = importer.counts();
    println!("{counts:?}");
    println!(
        "{rows} rows in {:.2} s ({:.0} rows/s)",
        elapsed.as_secs_f64(),
        rows as f64 / elapsed.as_secs_f64()
    );
    match (before, peak_rss_kib()) {
        (Some(before), Some(peak)) => println!(
            "peak RSS {:.1} MiB (before the import {:.1} MiB)",
            peak as f64 / 1024.0,
            before as f64 / 1024.0
        ),
        _ => println!("peak RSS: /proc/self/status not readable here"),
    }
    Ok(())
}
