//! Fuzzes `Ledger::from_entries` on the JSON entries a host stores and hands back (an edited or
//! corrupt store is outside input): parsing and replaying must never panic; a ledger that replays
//! must keep `bought + granted = consumed + expired + removed + reserved + available` for every
//! kind at any instant, serialise its entries back to the same list, and replay them again to the
//! same balances.
#![no_main]

use envoi::credits::{Entry, Ledger};
use envoi::time::{Instant, Zone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(entries) = serde_json::from_slice::<Vec<Entry>>(data) else {
        return;
    };
    let Ok(ledger) = Ledger::from_entries(entries.clone(), Zone::default(), 24) else {
        return;
    };
    assert_eq!(ledger.entries(), entries.as_slice());
    let json = serde_json::to_string(ledger.entries()).expect("entries serialise");
    let again = Ledger::from_entries(
        serde_json::from_str(&json).expect("their JSON parses back"),
        Zone::default(),
        24,
    )
    .expect("entries that replayed once replay again");
    let times = entries.iter().map(Entry::at).chain([Instant::MAX_UTC]);
    for t in times.take(8) {
        for lot in ledger.lots_at(t) {
            let balance = ledger.balance(&lot.kind, t);
            assert!(balance.is_consistent(), "{balance:?} at {t}");
            assert_eq!(again.balance(&lot.kind, t), balance);
        }
    }
    let _ = ledger.statement(Instant::MIN_UTC, Instant::MAX_UTC);
});
