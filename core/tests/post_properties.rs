//! Invariants of letters on generated documents and submission times: sheets, envelope and weight
//! grow with the pages, the envelope is the smallest that fits, and handover dates follow the
//! cut-off.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::{Datelike, Days, Duration, Timelike};
use envoi::post::{
    Document, Envelope, Letter, MAX_SHEETS, PostCalendars, PostData, PostError, Postage,
    submission_date,
};
use envoi::time::{Instant, Zone};
use proptest::prelude::*;

fn letter(pages: &[u32], duplex: bool, color: bool) -> Letter {
    let mut letter = Letter::new(
        pages.iter().map(|count| Document::a4(*count)).collect(),
        Postage::Prior,
    );
    letter.duplex = duplex;
    letter.color = color;
    letter
}

/// One to four documents of 1 to 30 pages.
fn any_pages() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(1u32..=30, 1..=4)
}

fn expected_sheets(pages: &[u32], duplex: bool) -> u64 {
    pages
        .iter()
        .map(|count| {
            let count = u64::from(*count);
            if duplex { count.div_ceil(2) } else { count }
        })
        .sum()
}

/// Any instant from 2025 to 2030.
fn any_instant() -> impl Strategy<Value = Instant> {
    (0i64..6 * 366 * 24 * 3600).prop_map(|seconds| {
        "2025-01-01T00:00:00Z".parse::<Instant>().unwrap() + Duration::seconds(seconds)
    })
}

proptest! {
    #[test]
    fn sheets_envelope_and_weight_grow_with_the_pages(
        pages in any_pages(),
        which in 0usize..4,
        duplex in any::<bool>(),
        color in any::<bool>(),
    ) {
        let data = PostData::builtin();
        let smaller = letter(&pages, duplex, color).pack(data);
        let mut more = pages.clone();
        let index = which % more.len();
        more[index] += 1;
        let larger = letter(&more, duplex, color).pack(data);
        match (smaller, larger) {
            (Ok(small), Ok(large)) => {
                prop_assert!(large.sheets >= small.sheets);
                prop_assert!(large.sheets <= small.sheets + 1);
                prop_assert!(large.envelope >= small.envelope);
                prop_assert!(large.paper_grams >= small.paper_grams);
                prop_assert!(large.weight_grams >= small.weight_grams);
                prop_assert!(large.format >= small.format);
            }
            (Ok(_), Err(error)) => {
                prop_assert!(matches!(error, PostError::TooManySheets { sheets: 26, over: 1, .. }), "{:?}", error);
            }
            (Err(small), Err(large)) => {
                prop_assert!(matches!(small, PostError::TooManySheets { .. }), "{:?}", small);
                prop_assert!(matches!(large, PostError::TooManySheets { .. }), "{:?}", large);
            }
            (Err(small), Ok(large)) => prop_assert!(false, "{:?} then {:?}", small, large),
        }
    }

    #[test]
    fn the_envelope_is_the_smallest_that_fits(
        pages in any_pages(),
        duplex in any::<bool>(),
        color in any::<bool>(),
    ) {
        let sheets = expected_sheets(&pages, duplex);
        match letter(&pages, duplex, color).pack(PostData::builtin()) {
            Ok(packing) => {
                prop_assert_eq!(u64::from(packing.sheets), sheets);
                prop_assert!(packing.envelope.max_sheets() >= packing.sheets);
                for smaller in Envelope::ALL.into_iter().filter(|envelope| *envelope < packing.envelope) {
                    prop_assert!(smaller.max_sheets() < packing.sheets);
                }
                prop_assert_eq!(packing.format, packing.envelope.format());
                prop_assert_eq!(packing.weight_grams, packing.paper_grams + packing.envelope_grams);
            }
            Err(error) => {
                prop_assert!(sheets > u64::from(MAX_SHEETS));
                prop_assert_eq!(
                    error,
                    PostError::TooManySheets { sheets, max: MAX_SHEETS, over: sheets - u64::from(MAX_SHEETS) }
                );
            }
        }
    }

    #[test]
    fn a_forced_envelope_is_taken_when_it_holds_the_sheets(
        pages in any_pages(),
        duplex in any::<bool>(),
        forced in prop::sample::select(Envelope::ALL.to_vec()),
    ) {
        let mut forced_letter = letter(&pages, duplex, false);
        forced_letter.envelope = Some(forced);
        let sheets = expected_sheets(&pages, duplex);
        match forced_letter.pack(PostData::builtin()) {
            Ok(packing) => {
                prop_assert_eq!(packing.envelope, forced);
                prop_assert!(u64::from(forced.max_sheets()) >= sheets);
            }
            Err(PostError::EnvelopeTooSmall { envelope, capacity, sheets: needed, over, smallest_fitting }) => {
                prop_assert_eq!(envelope, forced);
                prop_assert_eq!(needed, sheets);
                prop_assert_eq!(over, sheets - u64::from(capacity));
                prop_assert_eq!(smallest_fitting, Envelope::smallest_for(sheets).unwrap());
                prop_assert!(smallest_fitting > forced);
            }
            Err(error) => {
                prop_assert!(sheets > u64::from(MAX_SHEETS), "{:?}", error);
            }
        }
    }

    #[test]
    fn duplex_takes_at_most_the_sheets_of_simplex_and_at_least_half(pages in any_pages()) {
        let simplex = letter(&pages, false, false).sheets().unwrap();
        let duplex = letter(&pages, true, false).sheets().unwrap();
        prop_assert!(duplex <= simplex);
        prop_assert!(2 * duplex >= simplex);
        prop_assert!(2 * duplex <= simplex + pages.len() as u64);
    }

    #[test]
    fn handover_is_the_same_business_day_before_noon_else_the_next(submitted in any_instant()) {
        let calendars = PostCalendars::default();
        let handover = calendars.handover_date(submitted).unwrap();
        let local = Zone::default().localize(submitted);
        let day = submission_date(submitted);
        prop_assert_eq!(day, local.date_naive());
        prop_assert!(calendars.production.is_business_day(handover));
        let before_noon = local.hour() < 12;
        if before_noon && calendars.production.is_business_day(day) {
            prop_assert_eq!(handover, day);
        } else {
            prop_assert!(handover > day);
            // No business day is skipped between the submission day and the handover.
            let mut between = day.checked_add_days(Days::new(1)).unwrap();
            while between < handover {
                prop_assert!(!calendars.production.is_business_day(between));
                between = between.checked_add_days(Days::new(1)).unwrap();
            }
        }
        prop_assert!(handover <= day.checked_add_days(Days::new(7)).unwrap());
        let delivery = calendars.delivery_date(handover, 1).unwrap();
        prop_assert!(delivery > handover);
        prop_assert!(calendars.delivery.is_business_day(delivery));
        prop_assert!(delivery.weekday().num_days_from_monday() < 5);
    }
}
