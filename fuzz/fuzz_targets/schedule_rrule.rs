//! Fuzzes the RRULE parser (`Schedule::from_rrule`, text a user or a host hands over): it must never
//! panic, and a schedule it accepts must answer its queries (possibly with `schedule.too_expensive`)
//! without panicking, with occurrences that increase.
#![no_main]

use envoi::schedule::Schedule;
use envoi::time::{Instant, Zone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let start: Instant = "2026-03-28T23:30:00Z".parse().expect("a valid instant");
    let Ok(schedule) = Schedule::from_rrule(text, start, Zone::default()) else {
        return;
    };
    let mut previous = None;
    for occurrence in schedule
        .occurrences_between(
            start,
            "2027-05-01T00:00:00Z".parse().expect("a valid instant"),
        )
        .take(50)
    {
        let Ok(occurrence) = occurrence else { break };
        assert!(
            previous.is_none_or(|p| p < occurrence),
            "occurrences must increase"
        );
        previous = Some(occurrence);
    }
    if let Ok(Some(next)) = schedule.next_after(start) {
        assert!(next > start);
    }
    let json = serde_json::to_string(&schedule).expect("a schedule serialises");
    let again: Schedule = serde_json::from_str(&json).expect("its JSON parses back");
    assert_eq!(again, schedule);
});
