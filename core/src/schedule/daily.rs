//! The expansion of the most common RRULE, `FREQ=DAILY` with no day filter (`INTERVAL`, `BYHOUR`,
//! `BYMINUTE` and `BYSECOND` allowed): every `INTERVAL`-th day from DTSTART's, at each time of the day.
//!
//! The rrule crate expands such a rule through its general machinery (a year's masks, a set per
//! day) at about 200 ns a day; stepping the days directly gives the same wall times, in the same
//! order, several times faster (`benches/schedule.rs`, "rrule daily"). Every other rule — a day
//! filter (`BYMONTH`, `BYMONTHDAY`, `BYDAY`, `BYYEARDAY`, `BYWEEKNO`) or `BYSETPOS` — goes through
//! the crate, where a filter that matches no day cannot loop forever. A unit proptest checks this
//! expansion against the crate's.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use rrule::{Frequency, RRule};

use super::skip::times_of_day;

/// A `FREQ=DAILY` rule without day filters, ready to step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DailyRule {
    interval: u64,
    /// DTSTART's day: period 0.
    first_day: NaiveDate,
    /// The times of each day, in order, without duplicates (never empty).
    times: Vec<NaiveTime>,
}

impl DailyRule {
    /// The rule for a validated `rule` (DTSTART's defaults filled in) from `local_start`; `None`
    /// unless it is `FREQ=DAILY` with no day filter and no `BYSETPOS`. The caller also checks the
    /// rule's parts as written: the crate's getters do not show a negative `BYMONTHDAY`.
    pub(crate) fn new(rule: &RRule, local_start: NaiveDateTime) -> Option<Self> {
        let plain = rule.get_freq() == Frequency::Daily
            && rule.get_by_month().is_empty()
            && rule.get_by_month_day().is_empty()
            && rule.get_by_weekday().is_empty()
            && rule.get_by_year_day().is_empty()
            && rule.get_by_week_no().is_empty()
            && rule.get_by_set_pos().is_empty();
        if !plain {
            return None;
        }
        let times = times_of_day(rule);
        if times.is_empty() {
            return None;
        }
        Some(DailyRule {
            interval: u64::from(rule.get_interval().max(1)),
            first_day: local_start.date(),
            times,
        })
    }

    /// The expansion from period `first_period` (0 is DTSTART's day).
    pub(crate) fn iter(&self, first_period: u64) -> DailyIter<'_> {
        DailyIter {
            rule: self,
            day: first_period
                .checked_mul(self.interval)
                .and_then(|days| self.first_day.checked_add_days(Days::new(days))),
            cursor: 0,
        }
    }

    /// The number of whole periods from DTSTART's day to the day of `local`.
    pub(crate) fn periods_until(&self, local: NaiveDateTime) -> Option<u64> {
        let days = u64::try_from((local.date() - self.first_day).num_days()).ok()?;
        Some(days / self.interval)
    }
}

/// The wall times of a [`DailyRule`], in strictly increasing order. Each item is a candidate (always
/// `Some`: every day has its times), so the candidate budget counts the same work as the crate's.
#[derive(Debug, Clone)]
pub(crate) struct DailyIter<'a> {
    rule: &'a DailyRule,
    /// The day being read; `None` past chrono's dates.
    day: Option<NaiveDate>,
    /// The next time of the day to read.
    cursor: usize,
}

impl Iterator for DailyIter<'_> {
    type Item = Option<NaiveDateTime>;

    fn next(&mut self) -> Option<Self::Item> {
        let day = self.day?;
        let time = match self.rule.times.get(self.cursor) {
            Some(time) => *time,
            None => {
                self.day = day.checked_add_days(Days::new(self.rule.interval));
                self.cursor = 0;
                *self.rule.times.first()?
            }
        };
        self.cursor += 1;
        Some(Some(self.day?.and_time(time)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;
    use rrule::{RRuleSet, Unvalidated};

    use super::*;

    /// The crate's wall times for `rule` from `start` (validated as `Recurrence::parse` does).
    fn crate_times(rule: &str, start: NaiveDateTime, count: usize) -> Vec<NaiveDateTime> {
        let unvalidated: RRule<Unvalidated> = rule.parse().expect("a rule");
        let dtstart = rrule::Tz::UTC.from_utc_datetime(&start);
        let validated = unvalidated.validate(dtstart).expect("a valid rule");
        RRuleSet::new(dtstart)
            .rrule(validated)
            .into_iter()
            .take(count)
            .map(|candidate| candidate.naive_utc())
            .collect()
    }

    fn rule(text: &str, start: NaiveDateTime) -> DailyRule {
        let unvalidated: RRule<Unvalidated> = text.parse().expect("a rule");
        let validated = unvalidated
            .validate(rrule::Tz::UTC.from_utc_datetime(&start))
            .expect("a valid rule");
        DailyRule::new(&validated, start).expect("a plain daily rule")
    }

    #[test]
    fn filters_and_other_frequencies_go_to_the_crate() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5)
            .and_then(|day| day.and_hms_opt(9, 0, 0))
            .expect("a start");
        for text in [
            "FREQ=DAILY;BYDAY=MO",
            "FREQ=DAILY;BYMONTH=2",
            "FREQ=DAILY;BYMONTHDAY=3",
            "FREQ=DAILY;BYHOUR=9,10;BYSETPOS=1",
            "FREQ=WEEKLY",
            "FREQ=HOURLY",
        ] {
            let unvalidated: RRule<Unvalidated> = text.parse().expect("a rule");
            let validated = unvalidated
                .validate(rrule::Tz::UTC.from_utc_datetime(&start))
                .expect("a valid rule");
            assert_eq!(DailyRule::new(&validated, start), None, "{text}");
        }
    }

    #[test]
    fn starts_at_a_later_period_and_ends_with_chrono() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5)
            .and_then(|day| day.and_hms_opt(9, 0, 0))
            .expect("a start");
        let daily = rule("FREQ=DAILY;INTERVAL=3", start);
        let later = start + chrono::TimeDelta::days(30);
        assert_eq!(daily.periods_until(later), Some(10));
        assert_eq!(daily.iter(10).next(), Some(Some(later)));
        assert_eq!(daily.iter(u64::MAX).next(), None);
        let near_end = NaiveDate::MAX.and_hms_opt(9, 0, 0).expect("the last day");
        let last = rule("FREQ=DAILY", near_end);
        assert_eq!(last.iter(0).collect::<Vec<_>>(), vec![Some(near_end)]);
    }

    proptest! {
        #[test]
        fn agrees_with_the_rrule_crate(
            interval in 1u16..40,
            hours in prop::collection::vec(0u8..24, 0..4),
            minutes in prop::collection::vec(0u8..60, 0..3),
            seconds in prop::collection::vec(0u8..60, 0..2),
            (year, month, day, hour, minute) in (1990i32..2060, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60),
        ) {
            let start = NaiveDate::from_ymd_opt(year, month, day)
                .and_then(|day| day.and_hms_opt(hour, minute, 0))
                .expect("a start");
            let mut text = format!("FREQ=DAILY;INTERVAL={interval}");
            let list = |values: &[u8]| values.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
            if !hours.is_empty() { text += &format!(";BYHOUR={}", list(&hours)); }
            if !minutes.is_empty() { text += &format!(";BYMINUTE={}", list(&minutes)); }
            if !seconds.is_empty() { text += &format!(";BYSECOND={}", list(&seconds)); }
            let daily = rule(&text, start);
            // The crate yields only wall times at or after DTSTART; the stream drops earlier ones.
            let ours: Vec<NaiveDateTime> = daily
                .iter(0)
                .flatten()
                .filter(|local| *local >= start)
                .take(200)
                .collect();
            prop_assert_eq!(ours, crate_times(&text, start, 200), "{}", text);
        }
    }
}
