//! The business calendar of SPEC section 9, asserted through the public API.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use envoi::ErrorCode;
use envoi::schedule::{
    BelgianHoliday, BusinessCalendar, HolidayLanguage, HolidayRule, MAX_CLOSED_RUN_DAYS,
    ScheduleError, easter_sunday,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn days_from(start: NaiveDate, count: u64) -> impl Iterator<Item = NaiveDate> {
    (0..count).map(move |n| start.checked_add_days(Days::new(n)).unwrap())
}

/// The independent list: `core/tests/data/belgian_holidays_2020_2035.txt`, made by the PyPI package
/// `holidays` (see the file's header).
fn independent_list() -> Vec<(NaiveDate, String)> {
    include_str!("data/belgian_holidays_2020_2035.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "malformed line {line:?}");
            let day: NaiveDate = fields[0].parse().unwrap();
            assert_eq!(
                format!("{}", day.weekday()),
                fields[1],
                "weekday of {line:?}"
            );
            (day, fields[2].to_owned())
        })
        .collect()
}

/// The names the `holidays` package gives (en_US), mapped to ours. Easter Sunday and Pentecost are not
/// statutory holidays (they are Sundays): `None`.
fn from_package_name(name: &str) -> Option<BelgianHoliday> {
    Some(match name {
        "New Year's Day" => BelgianHoliday::NewYear,
        "Easter Monday" => BelgianHoliday::EasterMonday,
        "Labor Day" => BelgianHoliday::LabourDay,
        "Ascension Day" => BelgianHoliday::Ascension,
        "Pentecost Monday" => BelgianHoliday::WhitMonday,
        "National Day" => BelgianHoliday::NationalDay,
        "Assumption Day" => BelgianHoliday::Assumption,
        "All Saints' Day" => BelgianHoliday::AllSaints,
        "Armistice Day" => BelgianHoliday::Armistice,
        "Christmas Day" => BelgianHoliday::Christmas,
        "Easter Sunday" | "Pentecost" => return None,
        other => panic!("unexpected holiday name {other:?} in the independent list"),
    })
}

#[test]
fn every_holiday_of_2020_to_2035_matches_the_independent_list() {
    let mut expected = BTreeSet::new();
    let mut sundays = 0;
    for (day, name) in independent_list() {
        match from_package_name(&name) {
            Some(holiday) => {
                expected.insert((day, holiday));
            }
            None => {
                assert_eq!(day.weekday(), Weekday::Sun, "{name} on {day}");
                if name == "Easter Sunday" {
                    assert_eq!(
                        easter_sunday(day.year()),
                        Some(day),
                        "Easter {}",
                        day.year()
                    );
                }
                sundays += 1;
            }
        }
    }
    assert_eq!(sundays, 2 * 16);
    assert_eq!(expected.len(), 10 * 16);

    let computed: BTreeSet<_> = (2020..=2035).flat_map(BelgianHoliday::in_year).collect();
    let missing: Vec<_> = expected.difference(&computed).collect();
    let extra: Vec<_> = computed.difference(&expected).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    assert!(extra.is_empty(), "extra: {extra:?}");

    // Day by day, the calendar agrees with the list.
    let belgium = BusinessCalendar::belgium();
    let holiday_dates: BTreeSet<NaiveDate> = expected.iter().map(|(day, _)| *day).collect();
    for day in days_from(date(2020, 1, 1), 16 * 366).filter(|day| day.year() <= 2035) {
        let listed = expected.iter().find(|(d, _)| *d == day).map(|(_, h)| *h);
        assert_eq!(belgium.holiday(day), listed, "{day}");
        assert_eq!(BelgianHoliday::on(day), listed, "{day}");
        let weekday = day.weekday().num_days_from_monday() < 5;
        assert_eq!(
            belgium.is_business_day(day),
            weekday && !holiday_dates.contains(&day),
            "{day}"
        );
    }
}

#[test]
fn easter_dates_of_known_years() {
    for (year, month, day) in [
        (1961, 4, 2),
        (1974, 4, 14),
        (2000, 4, 23),
        (2011, 4, 24),
        (2016, 3, 27),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2100, 3, 28),
    ] {
        assert_eq!(easter_sunday(year), Some(date(year, month, day)), "{year}");
    }
}

#[test]
fn movable_holidays_follow_easter() {
    for year in [1900, 2008, 2026, 2038, 2400] {
        let easter = easter_sunday(year).unwrap();
        let after = |n| easter.checked_add_days(Days::new(n));
        assert_eq!(BelgianHoliday::EasterMonday.date(year), after(1));
        assert_eq!(BelgianHoliday::Ascension.date(year), after(39));
        assert_eq!(BelgianHoliday::WhitMonday.date(year), after(50));
        assert_eq!(
            BelgianHoliday::Ascension.date(year).unwrap().weekday(),
            Weekday::Thu
        );
        assert_eq!(
            BelgianHoliday::WhitMonday.date(year).unwrap().weekday(),
            Weekday::Mon
        );
    }
}

#[test]
fn labour_day_and_ascension_can_share_a_day() {
    // Easter 2008 was on 23 March: Ascension fell on 1 May.
    let holidays = BelgianHoliday::in_year(2008);
    assert_eq!(holidays.len(), 10);
    assert!(holidays.contains(&(date(2008, 5, 1), BelgianHoliday::LabourDay)));
    assert!(holidays.contains(&(date(2008, 5, 1), BelgianHoliday::Ascension)));
    assert_eq!(
        BelgianHoliday::on(date(2008, 5, 1)),
        Some(BelgianHoliday::LabourDay)
    );
    // Counted once: May 2008 has 22 weekdays, 3 of them holidays (1 May, Whit Monday 12 May).
    let belgium = BusinessCalendar::belgium();
    assert_eq!(
        belgium.business_days_between(date(2008, 4, 30), date(2008, 5, 31)),
        20
    );
    assert_eq!(
        belgium.add_business_days(date(2008, 4, 30), 1).unwrap(),
        date(2008, 5, 2)
    );
}

#[test]
fn holidays_exist_in_any_year() {
    for year in [
        -1000,
        1,
        1583,
        9999,
        100_000,
        NaiveDate::MAX.year(),
        NaiveDate::MIN.year(),
    ] {
        let holidays = BelgianHoliday::in_year(year);
        assert_eq!(holidays.len(), 10, "{year}");
        assert!(holidays.iter().all(|(day, _)| day.year() == year));
    }
    assert!(BelgianHoliday::in_year(NaiveDate::MAX.year() + 1).is_empty());
}

#[test]
fn holiday_names_in_four_languages() {
    for holiday in BelgianHoliday::ALL {
        for language in [
            HolidayLanguage::Fr,
            HolidayLanguage::Nl,
            HolidayLanguage::De,
            HolidayLanguage::En,
        ] {
            assert!(!holiday.name(language).is_empty());
        }
        let json = serde_json::to_string(&holiday).unwrap();
        assert_eq!(json, format!("\"{}\"", holiday.code()));
        assert_eq!(
            serde_json::from_str::<BelgianHoliday>(&json).unwrap(),
            holiday
        );
    }
    assert_eq!(BelgianHoliday::Christmas.name(HolidayLanguage::Fr), "Noël");
    assert_eq!(
        BelgianHoliday::EasterMonday.name(HolidayLanguage::Nl),
        "Paasmaandag"
    );
    assert_eq!(
        BelgianHoliday::WhitMonday.name(HolidayLanguage::De),
        "Pfingstmontag"
    );
}

#[test]
fn holidays_on_weekends_are_not_moved() {
    let belgium = BusinessCalendar::belgium();
    // Assumption 2026 is a Saturday, All Saints 2026 a Sunday: the Mondays after stay open.
    assert_eq!(
        belgium.holiday(date(2026, 8, 15)),
        Some(BelgianHoliday::Assumption)
    );
    assert!(belgium.is_business_day(date(2026, 8, 17)));
    assert!(belgium.is_business_day(date(2026, 11, 2)));
    // Christmas and New Year 2021/2022 on Saturdays.
    assert!(belgium.is_business_day(date(2021, 12, 27)));
    assert!(belgium.is_business_day(date(2022, 1, 3)));
    assert_eq!(
        belgium.next_business_day(date(2021, 12, 24)).unwrap(),
        date(2021, 12, 27)
    );
}

#[test]
fn across_christmas_and_new_year() {
    let belgium = BusinessCalendar::belgium();
    // 2026: Christmas and New Year on Fridays.
    assert_eq!(
        belgium.add_business_days(date(2026, 12, 24), 1).unwrap(),
        date(2026, 12, 28)
    );
    assert_eq!(
        belgium.add_business_days(date(2026, 12, 24), 5).unwrap(),
        date(2027, 1, 4)
    );
    assert_eq!(
        belgium.add_business_days(date(2026, 12, 24), 6).unwrap(),
        date(2027, 1, 5)
    );
    assert_eq!(
        belgium.add_business_days(date(2027, 1, 4), -5).unwrap(),
        date(2026, 12, 24)
    );
    assert_eq!(
        belgium.business_days_between(date(2026, 12, 24), date(2027, 1, 4)),
        5
    );
    assert_eq!(
        belgium.next_business_day(date(2026, 12, 31)).unwrap(),
        date(2027, 1, 4)
    );
    assert_eq!(
        belgium.previous_business_day(date(2027, 1, 4)).unwrap(),
        date(2026, 12, 31)
    );
    // 2029: Christmas on a Tuesday, New Year 2030 on a Tuesday.
    assert_eq!(
        belgium.add_business_days(date(2029, 12, 24), 1).unwrap(),
        date(2029, 12, 26)
    );
    assert_eq!(
        belgium.add_business_days(date(2029, 12, 31), 1).unwrap(),
        date(2030, 1, 2)
    );
}

#[test]
fn leap_days() {
    let belgium = BusinessCalendar::belgium();
    assert!(belgium.is_business_day(date(2028, 2, 29))); // a Tuesday
    assert_eq!(
        belgium.add_business_days(date(2028, 2, 28), 1).unwrap(),
        date(2028, 2, 29)
    );
    assert_eq!(
        belgium.add_business_days(date(2028, 2, 28), 2).unwrap(),
        date(2028, 3, 1)
    );
    assert_eq!(
        belgium.business_days_between(date(2028, 2, 28), date(2028, 3, 1)),
        2
    );
    assert_eq!(
        belgium.business_days_between(date(2027, 2, 26), date(2027, 3, 1)),
        1
    );
    // 29 February 2032 is a Sunday.
    assert!(!belgium.is_business_day(date(2032, 2, 29)));
    assert_eq!(
        belgium.next_business_day(date(2032, 2, 27)).unwrap(),
        date(2032, 3, 1)
    );
    // 2100 is not a leap year.
    assert_eq!(
        belgium.next_business_day(date(2100, 2, 26)).unwrap(),
        date(2100, 3, 1)
    );
}

#[test]
fn d_plus_zero_and_negative_moves() {
    let belgium = BusinessCalendar::belgium();
    let saturday = date(2026, 4, 11);
    let tuesday = date(2026, 4, 7); // the day after Easter Monday
    // D+0 is the date itself, business day or not.
    assert_eq!(belgium.add_business_days(saturday, 0).unwrap(), saturday);
    assert_eq!(belgium.add_business_days(tuesday, 0).unwrap(), tuesday);
    assert_eq!(
        belgium.this_or_next_business_day(saturday).unwrap(),
        date(2026, 4, 13)
    );
    assert_eq!(belgium.this_or_next_business_day(tuesday).unwrap(), tuesday);
    // From a Saturday, D+1 is the Monday and D-1 the Friday.
    assert_eq!(
        belgium.add_business_days(saturday, 1).unwrap(),
        date(2026, 4, 13)
    );
    assert_eq!(
        belgium.add_business_days(saturday, -1).unwrap(),
        date(2026, 4, 10)
    );
    // Backwards over Easter Monday: the Friday before.
    assert_eq!(
        belgium.add_business_days(tuesday, -1).unwrap(),
        date(2026, 4, 3)
    );
    assert_eq!(
        belgium.add_business_days(tuesday, -2).unwrap(),
        date(2026, 4, 2)
    );
}

#[test]
fn business_days_between_is_half_open_and_antisymmetric() {
    let belgium = BusinessCalendar::belgium();
    let thursday = date(2026, 4, 2);
    let tuesday = date(2026, 4, 7);
    assert_eq!(belgium.business_days_between(thursday, thursday), 0);
    assert_eq!(belgium.business_days_between(thursday, tuesday), 2); // Friday 3, Tuesday 7
    assert_eq!(belgium.business_days_between(tuesday, thursday), -2);
    assert_eq!(
        belgium.business_days_between(date(2026, 4, 3), date(2026, 4, 6)),
        0
    );
    // Across a long span, without walking day by day: 2020-2035 has 4,174 weekdays, 126 of them holidays.
    let span = belgium.business_days_between(date(2019, 12, 31), date(2035, 12, 31));
    let weekdays =
        BusinessCalendar::weekdays().business_days_between(date(2019, 12, 31), date(2035, 12, 31));
    let on_weekdays = independent_list()
        .iter()
        .filter(|(day, name)| {
            from_package_name(name).is_some() && day.weekday().num_days_from_monday() < 5
        })
        .map(|(day, _)| *day)
        .collect::<BTreeSet<_>>()
        .len();
    assert_eq!(weekdays - span, i64::try_from(on_weekdays).unwrap());
    assert_eq!(weekdays, 4174);
}

#[test]
fn long_spans_are_arithmetic() {
    let belgium = BusinessCalendar::belgium();
    let start = date(2026, 1, 2); // a business day, so the way back lands on it
    for n in [1_000, 100_000, 10_000_000, 60_000_000] {
        let end = belgium.add_business_days(start, n).unwrap();
        assert!(belgium.is_business_day(end));
        assert_eq!(belgium.business_days_between(start, end), n);
        assert_eq!(belgium.add_business_days(end, -n).unwrap(), start);
    }
}

#[test]
fn dates_out_of_range_are_errors() {
    let belgium = BusinessCalendar::belgium();
    let error = belgium.next_business_day(NaiveDate::MAX).unwrap_err();
    assert_eq!(
        error,
        ScheduleError::DateOutOfRange {
            date: NaiveDate::MAX,
            business_days: 1
        }
    );
    assert_eq!(error.code(), "schedule.date_out_of_range");
    assert!(error.to_string().contains(&NaiveDate::MAX.to_string()));
    assert!(belgium.previous_business_day(NaiveDate::MIN).is_err());
    for n in [i64::MAX, i64::MIN, 100_000_000, -100_000_000] {
        let error = belgium.add_business_days(date(2026, 1, 1), n).unwrap_err();
        assert!(
            matches!(error, ScheduleError::DateOutOfRange { business_days, .. } if business_days == n)
        );
    }
    // Counting never fails, even across the whole range.
    assert!(belgium.business_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
}

#[test]
fn a_calendar_closed_for_a_year_is_an_error() {
    let start = date(2026, 1, 1);
    let closed = BusinessCalendar::belgium().with_closed_days(days_from(start, 400));
    let error = closed.next_business_day(date(2025, 12, 31)).unwrap_err();
    assert_eq!(error.code(), "schedule.no_business_day");
    let ScheduleError::NoBusinessDay { first, last, days } = error.clone() else {
        panic!("{error:?}")
    };
    assert_eq!(first, start);
    assert!(days >= i64::from(MAX_CLOSED_RUN_DAYS));
    assert_eq!(days, (last - first).num_days() + 1);
    assert!(error.to_string().contains("2026-01-01"), "{error}");
    assert!(closed.previous_business_day(date(2027, 2, 5)).is_err());
    assert!(closed.add_business_days(date(2025, 6, 1), 500).is_err());
    assert!(closed.this_or_next_business_day(start).is_err());
    // Through the crate-wide error.
    let error: envoi::Error = error.into();
    assert_eq!(error.code(), "schedule.no_business_day");
    // Counting over the closure is fine.
    assert_eq!(
        closed.business_days_between(date(2025, 12, 31), date(2027, 1, 1)),
        0
    );

    // Closing only the weekdays that are not already holidays makes the same stretch: the holidays
    // and weekends in between join it.
    let belgium = BusinessCalendar::belgium();
    let weekdays_only = days_from(start, 400)
        .filter(|day| day.weekday().num_days_from_monday() < 5 && belgium.holiday(*day).is_none());
    let closed = belgium.clone().with_closed_days(weekdays_only);
    assert!(closed.next_business_day(date(2025, 12, 31)).is_err());
    // One open day in the middle splits it into two stretches shorter than the bound.
    let split = days_from(start, 400).filter(|day| *day != date(2026, 7, 1));
    let closed = belgium.clone().with_closed_days(split);
    assert_eq!(
        closed.next_business_day(date(2025, 12, 31)).unwrap(),
        date(2026, 7, 1)
    );
    assert_eq!(
        closed.add_business_days(date(2025, 12, 31), 2).unwrap(),
        date(2027, 2, 5)
    );
    assert_eq!(
        closed.add_business_days(date(2027, 2, 5), -2).unwrap(),
        date(2025, 12, 31)
    );

    // Every day closed, in a calendar built by the host: bounded, an error.
    let always =
        BusinessCalendar::weekdays().with_closed_days(days_from(date(2020, 1, 1), 20 * 366));
    assert!(always.next_business_day(date(2025, 1, 1)).is_err());
    assert!(always.add_business_days(date(2025, 1, 1), -3).is_err());
}

#[test]
fn a_closure_shorter_than_the_bound_is_crossed() {
    // Closed from Monday 5 January to Friday 18 December 2026 (348 days): the next business day after
    // Friday 2 January is Monday 21 December.
    let closed = BusinessCalendar::belgium().with_closed_days(days_from(date(2026, 1, 5), 348));
    assert_eq!(
        closed.next_business_day(date(2026, 1, 2)).unwrap(),
        date(2026, 12, 21)
    );
    assert_eq!(
        closed.previous_business_day(date(2026, 12, 21)).unwrap(),
        date(2026, 1, 2)
    );
    assert_eq!(
        closed.business_days_between(date(2026, 1, 2), date(2026, 12, 21)),
        1
    );
    // Weekends and holidays next to the closure count towards it: closing up to 5 January 2027 makes
    // the stretch from Saturday 3 January 2026 to 5 January 2027 (368 days).
    let longer = BusinessCalendar::belgium().with_closed_days(days_from(date(2026, 1, 5), 366));
    let error = longer.next_business_day(date(2026, 1, 2)).unwrap_err();
    assert_eq!(
        error,
        ScheduleError::NoBusinessDay {
            first: date(2026, 1, 3),
            last: date(2027, 1, 5),
            days: 368
        }
    );
}

#[test]
fn closed_days_and_combine() {
    let belgium = BusinessCalendar::belgium();
    let bridge = date(2026, 5, 15); // the Friday after Ascension
    let production = belgium
        .clone()
        .with_closed_days([bridge, date(2026, 5, 16)]);
    let post = BusinessCalendar::weekdays().with_closed_days([date(2026, 5, 18)]);
    let both = production.combine(&post);
    assert!(!both.is_business_day(bridge));
    assert!(!both.is_business_day(date(2026, 5, 18)));
    assert!(!both.is_business_day(date(2026, 5, 14))); // Ascension, from production's rule
    assert_eq!(
        both.next_business_day(date(2026, 5, 13)).unwrap(),
        date(2026, 5, 19)
    );
    assert_eq!(
        both.holiday_rules().collect::<Vec<_>>(),
        [HolidayRule::Belgium]
    );
    assert_eq!(both.closed_days().count(), 3);
    assert_eq!(both, post.combine(&production));
    assert_eq!(belgium.combine(&BusinessCalendar::weekdays()), belgium);
    // A closed day on a weekend or a holiday changes nothing.
    let redundant = belgium
        .clone()
        .with_closed_days([date(2026, 5, 16), date(2026, 5, 14)]);
    assert_eq!(
        redundant.business_days_between(date(2026, 1, 1), date(2026, 12, 31)),
        belgium.business_days_between(date(2026, 1, 1), date(2026, 12, 31))
    );
    assert_eq!(BusinessCalendar::default(), belgium);
}

#[test]
fn serde_form_is_stable_and_round_trips() {
    let calendar =
        BusinessCalendar::belgium().with_closed_days([date(2026, 12, 31), date(2026, 5, 15)]);
    let json = serde_json::to_string(&calendar).unwrap();
    assert_eq!(
        json,
        r#"{"holidays":["belgium"],"closed_days":["2026-05-15","2026-12-31"]}"#
    );
    assert_eq!(
        serde_json::from_str::<BusinessCalendar>(&json).unwrap(),
        calendar
    );
    assert_eq!(
        serde_json::to_string(&BusinessCalendar::weekdays()).unwrap(),
        r#"{"holidays":[],"closed_days":[]}"#
    );
    // Unsorted and repeated input is normalised.
    let messy = r#"{"closed_days":["2026-12-31","2026-05-15","2026-12-31"],"holidays":["belgium","belgium"]}"#;
    assert_eq!(
        serde_json::from_str::<BusinessCalendar>(messy).unwrap(),
        calendar
    );
    // Unknown fields, rules and bad dates are refused.
    for bad in [
        r#"{"holidays":["belgium"],"closed_days":[],"weekend":["sat"]}"#,
        r#"{"holidays":["france"],"closed_days":[]}"#,
        r#"{"holidays":["belgium"],"closed_days":["2026-02-30"]}"#,
        r#"{"holidays":["belgium"]}"#,
    ] {
        assert!(
            serde_json::from_str::<BusinessCalendar>(bad).is_err(),
            "{bad}"
        );
    }
}
