//! Fuzzes the JSON forms a host stores and hands back: `Schedule` and `BusinessCalendar`. Parsing
//! must never panic; whatever parses must serialise to JSON that parses back to the same value, and
//! its queries must not panic either.
#![no_main]

use envoi::schedule::{BusinessCalendar, Schedule};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(schedule) = serde_json::from_str::<Schedule>(text) {
        let json = serde_json::to_string(&schedule).expect("a schedule serialises");
        let again: Schedule = serde_json::from_str(&json).expect("its JSON parses back");
        assert_eq!(again, schedule);
        let start = schedule.start();
        // Queries may refuse an expensive rule (schedule.too_expensive) but never panic.
        if let Ok(Some(next)) = schedule.next_after(start) {
            assert!(next > start);
        }
        let _ = schedule.occurrence_count_until(start);
        let _ = schedule.occurrences_between(start, start).take(3).count();
    }
    if let Ok(calendar) = serde_json::from_str::<BusinessCalendar>(text) {
        let json = serde_json::to_string(&calendar).expect("a calendar serialises");
        let again: BusinessCalendar = serde_json::from_str(&json).expect("its JSON parses back");
        assert_eq!(again, calendar);
        if let Some(day) = calendar.closed_days().next() {
            let _ = calendar.next_business_day(day);
            let _ = calendar.add_business_days(day, 10);
        }
    }
});
