//! Invariants of business-day arithmetic, checked on generated dates, counts and closed days against a
//! day-by-day reference.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::{Datelike, Days, NaiveDate};
use envoi::schedule::BusinessCalendar;
use proptest::prelude::*;

/// Any day from 1950 to 2150.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..73_000).prop_map(|n| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Days::new(n))
}

/// The Belgian calendar, sometimes with up to 40 closed days near `around`.
fn calendar_near(around: NaiveDate) -> impl Strategy<Value = BusinessCalendar> {
    (any::<bool>(), prop::collection::vec(-60i64..120, 0..40)).prop_map(
        move |(belgian, offsets)| {
            let base = if belgian {
                BusinessCalendar::belgium()
            } else {
                BusinessCalendar::weekdays()
            };
            base.with_closed_days(
                offsets
                    .into_iter()
                    .map(|n| around + chrono::TimeDelta::days(n)),
            )
        },
    )
}

/// The reference: step one day at a time.
fn step(calendar: &BusinessCalendar, date: NaiveDate, n: i64) -> NaiveDate {
    let mut day = date;
    for _ in 0..n.unsigned_abs() {
        loop {
            day = if n > 0 {
                day.succ_opt().unwrap()
            } else {
                day.pred_opt().unwrap()
            };
            if calendar.is_business_day(day) {
                break;
            }
        }
    }
    day
}

fn count(calendar: &BusinessCalendar, a: NaiveDate, b: NaiveDate) -> i64 {
    let (low, high, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let days = low.iter_days().skip(1).take_while(|day| *day <= high);
    sign * days.filter(|day| calendar.is_business_day(*day)).count() as i64
}

proptest! {
    #[test]
    fn add_business_days_is_a_strictly_increasing_business_day(d in any_date(), n in 1i64..3_000) {
        let belgium = BusinessCalendar::belgium();
        let day = belgium.add_business_days(d, n).unwrap();
        prop_assert!(belgium.is_business_day(day));
        prop_assert!(day > d);
        prop_assert!(belgium.add_business_days(d, n + 1).unwrap() > day);
        prop_assert!(n == 1 || belgium.add_business_days(d, n - 1).unwrap() < day);
        prop_assert_eq!(belgium.business_days_between(d, day), n);
    }

    #[test]
    fn agrees_with_stepping_day_by_day(
        (d, calendar) in any_date().prop_flat_map(|d| (Just(d), calendar_near(d))),
        n in -80i64..80,
        other in -200i64..200,
    ) {
        let day = calendar.add_business_days(d, n).unwrap();
        prop_assert_eq!(day, step(&calendar, d, n));
        if n >= 0 || calendar.is_business_day(d) {
            prop_assert_eq!(calendar.business_days_between(d, day), n);
        }
        if n != 0 {
            prop_assert!(calendar.is_business_day(day));
        }
        if calendar.is_business_day(d) {
            prop_assert_eq!(calendar.add_business_days(day, -n).unwrap(), d);
        }
        let b = d + chrono::TimeDelta::days(other);
        prop_assert_eq!(calendar.business_days_between(d, b), count(&calendar, d, b));
        prop_assert_eq!(calendar.next_business_day(d).unwrap(), step(&calendar, d, 1));
        prop_assert_eq!(calendar.previous_business_day(d).unwrap(), step(&calendar, d, -1));
    }

    #[test]
    fn between_is_additive_and_antisymmetric(a in any_date(), b in any_date(), c in any_date()) {
        let belgium = BusinessCalendar::belgium();
        let between = |x, y| belgium.business_days_between(x, y);
        prop_assert_eq!(between(a, b) + between(b, c), between(a, c));
        prop_assert_eq!(between(a, b), -between(b, a));
    }

    #[test]
    fn combine_is_closed_when_either_is(
        (d, one, two) in any_date().prop_flat_map(|d| (Just(d), calendar_near(d), calendar_near(d))),
        offset in -60i64..120,
    ) {
        let both = one.combine(&two);
        let day = d + chrono::TimeDelta::days(offset);
        prop_assert_eq!(both.is_business_day(day), one.is_business_day(day) && two.is_business_day(day));
        let json = serde_json::to_string(&both).unwrap();
        prop_assert_eq!(serde_json::from_str::<BusinessCalendar>(&json).unwrap(), both);
    }

    #[test]
    fn holidays_of_a_year_are_in_that_year(year in -5_000i32..5_000) {
        let belgium = BusinessCalendar::belgium();
        let holidays = belgium.holidays(year);
        prop_assert_eq!(holidays.len(), 10);
        for (day, holiday) in holidays {
            prop_assert_eq!(day.year(), year);
            prop_assert!(!belgium.is_business_day(day));
            prop_assert!(belgium.holiday(day).is_some());
            prop_assert_eq!(holiday.date(year), Some(day));
        }
    }
}
