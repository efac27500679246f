//! RFC 7529 `SKIP=BACKWARD|FORWARD` for `FREQ=MONTHLY` and `FREQ=YEARLY` rules whose days come from
//! `BYMONTHDAY` (or from DTSTART's day of the month): envoi's own expansion, period by period.
//!
//! RFC 7529 amends RFC 5545's order of evaluation: a day of the month that does not exist (31 April,
//! 29 February in a common year) is moved right after `BYMONTH` and `BYMONTHDAY` are applied — to the
//! month's last day (`BACKWARD`) or to the first day of the next month (`FORWARD`) — and a moved day
//! that meets a day already in the set is one day. The later steps then see real dates: `BYDAY` (and
//! `BYWEEKNO`, `BYYEARDAY`) keep a day only when it matches them, then the times of the day are
//! expanded and `BYSETPOS` picks from the whole set of the period. The rrule crate has no such step
//! (it filters every part on the calendar's own days), so these rules are expanded here; the crate
//! still parses and validates them and fills in DTSTART's defaults (`BYMONTH` of a yearly rule,
//! `BYHOUR`, `BYMINUTE`, `BYSECOND`).
//!
//! Readings the RFC leaves open, and where libical (the one other implementation of `SKIP`) differs:
//! - `BYDAY` with an ordinal (`1MO`, `-1FR`) counts the weekdays of the month that holds the moved day
//!   (of the year, for a yearly rule without `BYMONTH`): 1 March moved forward from 30 February is
//!   `1SU` when it is March's first Sunday. libical counts the same way when the rule also expands
//!   the month the day moves into (`FREQ=YEARLY;BYMONTH=4,5;BYMONTHDAY=31;BYDAY=1FR;SKIP=FORWARD`
//!   keeps 1 May 2026 in both), but drops a day moved forward out of the rule's months whenever the
//!   rule has `BYDAY` (its `BYDAY` step looks only inside the period's months), and refuses some
//!   ordinals next to `BYMONTHDAY` 29–31. The RFC's order has `BYDAY` look at the moved day, so
//!   envoi keeps it when it matches: `BYMONTHDAY=31;BYDAY=MO;SKIP=FORWARD` has 1 March 2027.
//! - `BYMONTH` limits a monthly rule before `SKIP`: `FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30` with
//!   `FORWARD` is every 1 March (libical gives nothing).
//! - `BYWEEKNO` and `BYYEARDAY` filter the moved day like `BYDAY` (libical refuses them next to
//!   `BYMONTHDAY`).
//! - A day moved forward out of its period (1 March from the February of a monthly rule) belongs to
//!   the period it came from: `BYSETPOS` counts it there, as libical does.
//! - `BYYEARDAY=366` in a common year is not moved: RFC 7529 moves invalid days of the month
//!   (libical also moves invalid days of the year).

use std::collections::{BTreeSet, VecDeque};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use rrule::{Frequency, NWeekday, RRule};

/// RFC 7529 `SKIP`: what an invalid date (31 April, 29 February in a common year) becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    /// Left out (RFC 5545).
    Omit,
    /// The month's last day.
    Backward,
    /// The first day of the next month.
    Forward,
}

/// The days of a month, 28 to 31.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|next| next.pred_opt())
        .map_or(31, |last| last.day())
}

fn days_in_year(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(365, |last| last.ordinal())
}

/// The times of each day of a validated rule (`BYHOUR` × `BYMINUTE` × `BYSECOND`, DTSTART's filled
/// in), in order, without duplicates.
pub(crate) fn times_of_day(rule: &RRule) -> Vec<NaiveTime> {
    let mut times: Vec<NaiveTime> = rule
        .get_by_hour()
        .iter()
        .flat_map(|&hour| {
            rule.get_by_minute().iter().flat_map(move |&minute| {
                rule.get_by_second().iter().filter_map(move |&second| {
                    NaiveTime::from_hms_opt(hour.into(), minute.into(), second.into())
                })
            })
        })
        .collect();
    times.sort_unstable();
    times.dedup();
    times
}

/// A monthly or yearly rule with `SKIP`, ready to expand period by period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SkipRule {
    yearly: bool,
    interval: i64,
    skip: Skip,
    /// `BYMONTH` (empty: every month of a yearly rule, the period's month of a monthly one).
    months: Vec<u32>,
    /// `BYMONTHDAY`, or DTSTART's day: 1 to 31 or -28 to -1 (these always exist).
    month_days: Vec<i8>,
    weekdays: Vec<NWeekday>,
    week_numbers: Vec<i8>,
    year_days: Vec<i16>,
    set_positions: Vec<i32>,
    week_start: Weekday,
    /// The times of each day, in order.
    times: Vec<NaiveTime>,
    /// DTSTART's period: its year, and its month counted from year 0 for a monthly rule.
    first_year: i32,
    first_month: i64,
}

/// Which times of a day a period keeps: all of them, or those `BYSETPOS` picked (indexes into
/// [`SkipRule::times`], in order).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Times {
    All,
    Picked(Vec<usize>),
}

impl Times {
    fn union(&mut self, other: Times) {
        match (&mut *self, other) {
            (Times::All, _) => {}
            (_, Times::All) => *self = Times::All,
            (Times::Picked(mine), Times::Picked(theirs)) => {
                mine.extend(theirs);
                mine.sort_unstable();
                mine.dedup();
            }
        }
    }
}

/// The days one period keeps, in order, and where the next period starts.
struct Period {
    days: Vec<(NaiveDate, Times)>,
    next_start: NaiveDate,
}

impl SkipRule {
    /// The rule for a validated monthly or yearly `rule` (DTSTART's defaults filled in), with its
    /// days of the month as given (or DTSTART's), from `local_start`. `None` for other frequencies.
    pub(crate) fn new(
        rule: &RRule,
        month_days: &[i8],
        skip: Skip,
        local_start: NaiveDateTime,
    ) -> Option<Self> {
        let yearly = match rule.get_freq() {
            Frequency::Yearly => true,
            Frequency::Monthly => false,
            _ => return None,
        };
        let times = times_of_day(rule);
        let mut month_days = month_days.to_vec();
        month_days.sort_unstable();
        month_days.dedup();
        let months = rule.get_by_month().iter().map(|&m| u32::from(m)).collect();
        Some(SkipRule {
            yearly,
            interval: i64::from(rule.get_interval().max(1)),
            skip,
            months,
            month_days,
            weekdays: rule.get_by_weekday().to_vec(),
            week_numbers: rule.get_by_week_no().to_vec(),
            year_days: rule.get_by_year_day().to_vec(),
            set_positions: rule.get_by_set_pos().to_vec(),
            week_start: rule.get_week_start(),
            times,
            first_year: local_start.year(),
            first_month: i64::from(local_start.year()) * 12 + i64::from(local_start.month0()),
        })
    }

    /// The expansion from the period `first_period` (0 is DTSTART's period).
    pub(crate) fn iter(&self, first_period: u64) -> SkipIter<'_> {
        SkipIter {
            rule: self,
            next_period: Some(first_period),
            days: VecDeque::new(),
            released_before: None,
            cursor: 0,
        }
    }

    /// The number of whole periods from DTSTART's period to the one holding `local`.
    pub(crate) fn periods_until(&self, local: NaiveDateTime) -> Option<u64> {
        let elapsed = if self.yearly {
            i64::from(local.year()) - i64::from(self.first_year)
        } else {
            i64::from(local.year()) * 12 + i64::from(local.month0()) - self.first_month
        };
        u64::try_from(elapsed / self.interval).ok()
    }

    /// Whether the expansion produces a date-time at or after `local_start` at all. The Gregorian
    /// calendar repeats every 400 years (146,097 days, a whole number of weeks), so the periods of
    /// 400 years tell.
    pub(crate) fn occurs(&self, local_start: NaiveDateTime) -> bool {
        let periods: u64 = if self.yearly { 401 } else { 4801 };
        let Some(last_time) = self.times.last() else {
            return false;
        };
        (0..periods).map_while(|n| self.period(n)).any(|period| {
            period
                .days
                .iter()
                .any(|(day, _)| day.and_time(*last_time) >= local_start)
        })
    }

    /// The first day of period `n` (1 January, or the 1st of its month); `None` past chrono's dates.
    fn period_start(&self, n: i64) -> Option<NaiveDate> {
        let steps = n.checked_mul(self.interval)?;
        if self.yearly {
            let year = i32::try_from(i64::from(self.first_year).checked_add(steps)?).ok()?;
            NaiveDate::from_ymd_opt(year, 1, 1)
        } else {
            let month = self.first_month.checked_add(steps)?;
            let year = i32::try_from(month.div_euclid(12)).ok()?;
            let month = u32::try_from(month.rem_euclid(12)).ok()? + 1;
            NaiveDate::from_ymd_opt(year, month, 1)
        }
    }

    /// The days (and times) of period `n`, after SKIP, the filters and `BYSETPOS`.
    fn period(&self, n: u64) -> Option<Period> {
        let n = i64::try_from(n).ok()?;
        let start = self.period_start(n)?;
        let next_start = self.period_start(n.checked_add(1)?)?;
        let year = start.year();
        // BYMONTH expands a yearly period and limits a monthly one (before SKIP: a day moved
        // forward out of a month of BYMONTH stays).
        let months: Vec<u32> = match (self.yearly, self.months.is_empty()) {
            (true, true) => (1..=12).collect(),
            (true, false) => self.months.clone(),
            (false, _) if self.months.is_empty() || self.months.contains(&start.month()) => {
                vec![start.month()]
            }
            (false, _) => Vec::new(),
        };
        let week_mask = (!self.week_numbers.is_empty())
            .then(|| week_number_mask(year, &self.week_numbers, self.week_start));
        let mut days = BTreeSet::new();
        for month in months {
            let length = days_in_month(year, month);
            for &day in &self.month_days {
                let date = if day > 0 {
                    let day = u32::from(day.unsigned_abs());
                    if day <= length {
                        NaiveDate::from_ymd_opt(year, month, day)
                    } else {
                        let last = NaiveDate::from_ymd_opt(year, month, length);
                        match self.skip {
                            Skip::Omit => None,
                            Skip::Backward => last,
                            Skip::Forward => last.and_then(|last| last.succ_opt()),
                        }
                    }
                } else {
                    let from_end = u32::from(day.unsigned_abs());
                    (from_end <= length)
                        .then(|| NaiveDate::from_ymd_opt(year, month, length + 1 - from_end))
                        .flatten()
                };
                if let Some(date) = date
                    && self.keeps(date, week_mask.as_deref())
                {
                    days.insert(date);
                }
            }
        }
        Some(Period {
            days: self.pick(days.into_iter().collect()),
            next_start,
        })
    }

    /// Whether a (real, possibly moved) date passes `BYWEEKNO`, `BYYEARDAY` and `BYDAY`.
    fn keeps(&self, date: NaiveDate, week_mask: Option<&[bool]>) -> bool {
        let ordinal0 = date.ordinal0() as usize;
        if let Some(mask) = week_mask
            && !mask.get(ordinal0).copied().unwrap_or(false)
        {
            return false;
        }
        if !self.year_days.is_empty() {
            let ordinal = i64::from(date.ordinal());
            let from_end = ordinal - i64::from(days_in_year(date.year())) - 1;
            if !self
                .year_days
                .iter()
                .any(|&d| i64::from(d) == ordinal || i64::from(d) == from_end)
            {
                return false;
            }
        }
        if self.weekdays.is_empty() {
            return true;
        }
        // The range an ordinal counts in: the date's month, or its year for a yearly rule without
        // BYMONTH.
        let in_year = self.yearly && self.months.is_empty();
        let (position, length) = if in_year {
            (date.ordinal0(), days_in_year(date.year()))
        } else {
            (date.day0(), days_in_month(date.year(), date.month()))
        };
        self.weekdays.iter().any(|weekday| match *weekday {
            NWeekday::Every(day) => date.weekday() == day,
            NWeekday::Nth(n, day) if date.weekday() == day => {
                let nth = if n > 0 {
                    position / 7 + 1
                } else {
                    (length - 1 - position) / 7 + 1
                };
                i64::from(nth) == i64::from(n).abs()
            }
            NWeekday::Nth(..) => false,
        })
    }

    /// The days kept and their times, with `BYSETPOS` applied to the period's date-times.
    fn pick(&self, days: Vec<NaiveDate>) -> Vec<(NaiveDate, Times)> {
        if self.set_positions.is_empty() {
            return days.into_iter().map(|day| (day, Times::All)).collect();
        }
        let per_day = self.times.len();
        let total = days.len() * per_day;
        let picked: BTreeSet<usize> = self
            .set_positions
            .iter()
            .filter_map(|&position| {
                let index = if position > 0 {
                    i64::from(position) - 1
                } else {
                    i64::try_from(total).ok()? + i64::from(position)
                };
                usize::try_from(index).ok().filter(|index| *index < total)
            })
            .collect();
        let mut kept: Vec<(NaiveDate, Times)> = Vec::new();
        for index in picked {
            let (day, time) = (days[index / per_day], index % per_day);
            match kept.last_mut() {
                Some((last, Times::Picked(times))) if *last == day => times.push(time),
                _ => kept.push((day, Times::Picked(vec![time]))),
            }
        }
        kept
    }
}

/// The days of `year` (by `ordinal0`, and 7 more for the next year's first days) that lie in the
/// weeks of `week_numbers` (RFC 5545 `BYWEEKNO`: weeks start on `week_start`, week 1 is the first
/// with at least 4 days of the year, negative numbers count from the year's last week). The same
/// computation as python-dateutil's and the rrule crate's (which cannot be called from here), so that
/// a rule means the same with and without `SKIP`.
fn week_number_mask(year: i32, week_numbers: &[i8], week_start: Weekday) -> Vec<bool> {
    let year_len = i64::from(days_in_year(year));
    let weekday_of_jan_1 = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .map_or(0, |day| i64::from(day.weekday().num_days_from_monday()))
    };
    let year_weekday = weekday_of_jan_1(year);
    let start = i64::from(week_start.num_days_from_monday());
    // The weekday of the day `i` days after 1 January.
    let weekday = |i: i64| (year_weekday + i).rem_euclid(7);
    let mut mask = vec![false; usize::try_from(year_len + 7).unwrap_or(0)];
    let set_week = |mask: &mut Vec<bool>, first: i64| {
        for day in first..first + 7 {
            if let Some(slot) = usize::try_from(day).ok().and_then(|i| mask.get_mut(i)) {
                *slot = true;
            }
            if weekday(day + 1) == start {
                break;
            }
        }
    };

    let mut week_1 = (7 - year_weekday + start).rem_euclid(7);
    let first_week_start = week_1;
    let year_len_ext = if week_1 >= 4 {
        week_1 = 0;
        year_len + (year_weekday - start).rem_euclid(7)
    } else {
        year_len - week_1
    };
    let weeks = year_len_ext / 7 + year_len_ext.rem_euclid(7) / 4;
    let shift = if week_1 == first_week_start {
        0
    } else {
        7 - first_week_start
    };
    for &number in week_numbers {
        let mut number = i64::from(number);
        if number < 0 {
            number += weeks + 1;
        }
        if !(1..=weeks).contains(&number) {
            continue;
        }
        let first = if number > 1 {
            week_1 + (number - 1) * 7 - shift
        } else {
            week_1
        };
        set_week(&mut mask, first);
    }
    if week_numbers.contains(&1) {
        // The next year's week 1 may start in this year.
        let first = week_1 + weeks * 7 - shift;
        if first < year_len {
            set_week(&mut mask, first);
        }
    }
    if week_1 > 0 {
        // The days before week 1 belong to the previous year's last week.
        let last_week = if week_numbers.contains(&-1) {
            -1
        } else {
            let previous_weekday = weekday_of_jan_1(year - 1);
            let previous_week_1 = (7 - previous_weekday + start).rem_euclid(7);
            let days = if previous_week_1 >= 4 {
                i64::from(days_in_year(year - 1)) + (previous_weekday - start).rem_euclid(7)
            } else {
                year_len - week_1
            };
            52 + days.rem_euclid(7) / 4
        };
        if week_numbers.iter().any(|&n| i64::from(n) == last_week) {
            for slot in mask.iter_mut().take(usize::try_from(week_1).unwrap_or(0)) {
                *slot = true;
            }
        }
    }
    mask
}

/// The candidates of a [`SkipRule`], in strictly increasing order, period by period.
///
/// Each item is one step of bounded work, counted against the candidate budget: a date-time, or
/// `None` for a period expanded (which may keep nothing: a rule can go many periods without a day).
/// A day moved forward into the next period's first day is held until that period is expanded, so
/// that the two merge into one.
#[derive(Debug, Clone)]
pub(crate) struct SkipIter<'a> {
    rule: &'a SkipRule,
    /// The period to expand next; `None` past chrono's dates.
    next_period: Option<u64>,
    /// Days expanded and not yet wholly read, in order.
    days: VecDeque<(NaiveDate, Times)>,
    /// Every day before this one is final (no later period can add to it); `None`: all are.
    released_before: Option<NaiveDate>,
    /// The next time to read of the first day.
    cursor: usize,
}

impl Iterator for SkipIter<'_> {
    type Item = Option<NaiveDateTime>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((day, times)) = self.days.front() {
                let released = self.released_before.is_none_or(|before| *day < before);
                if released {
                    let time = match times {
                        Times::All => self.rule.times.get(self.cursor),
                        Times::Picked(picked) => picked
                            .get(self.cursor)
                            .and_then(|&index| self.rule.times.get(index)),
                    };
                    match time {
                        Some(time) => {
                            self.cursor += 1;
                            return Some(Some(day.and_time(*time)));
                        }
                        None => {
                            self.days.pop_front();
                            self.cursor = 0;
                            continue;
                        }
                    }
                }
            }
            let Some(n) = self.next_period else {
                if self.days.is_empty() {
                    return None;
                }
                self.released_before = None;
                continue;
            };
            let Some(period) = self.rule.period(n) else {
                // Past the dates chrono supports: what is held is final.
                self.next_period = None;
                if self.days.is_empty() {
                    return None;
                }
                self.released_before = None;
                continue;
            };
            for (day, times) in period.days {
                // New days are never before a held one (a period's days start at its first day,
                // where the previous period's forward moves land), so they merge at the back.
                match self.days.back_mut() {
                    Some((last, held)) if *last == day => held.union(times),
                    _ => self.days.push_back((day, times)),
                }
            }
            self.released_before = Some(period.next_start);
            self.next_period = n.checked_add(1);
            return Some(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;
    use rrule::{RRuleSet, Unvalidated};

    use super::*;

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    /// The rule validated from the wall time `start`, as `Recurrence::parse` does.
    fn validated(rule: &str, start: NaiveDateTime) -> Result<RRule, rrule::RRuleError> {
        let unvalidated: RRule<Unvalidated> = rule.parse()?;
        unvalidated.validate(rrule::Tz::UTC.from_utc_datetime(&start))
    }

    /// The `BYMONTHDAY` list of a rule's text.
    fn month_days(rule: &str) -> Vec<i8> {
        rule.split(';')
            .find_map(|part| part.strip_prefix("BYMONTHDAY="))
            .map(|list| list.split(',').map(|day| day.parse().unwrap()).collect())
            .unwrap_or_default()
    }

    fn skip_expansion(rule: &SkipRule, start: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
        rule.iter(0)
            .take(100_000)
            .flatten()
            .filter(|candidate| *candidate >= start)
            .take(n)
            .collect()
    }

    fn crate_expansion(rule: &RRule, start: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
        RRuleSet::new(rrule::Tz::UTC.from_utc_datetime(&start))
            .rrule(rule.clone())
            .into_iter()
            .take(n)
            .map(|candidate| candidate.naive_utc())
            .collect()
    }

    /// The first 4 candidates at or after `start`, as `format` shows them.
    fn shown(rule: &SkipRule, start: NaiveDateTime, format: &str) -> Vec<String> {
        skip_expansion(rule, start, 4)
            .iter()
            .map(|candidate| candidate.format(format).to_string())
            .collect()
    }

    #[test]
    fn a_missing_day_moves_then_byday_and_bysetpos_see_the_real_date() {
        // 2026: February has 28 days; 28 February is a Saturday, 1 March a Sunday, 30 April a
        // Thursday, 1 May a Friday.
        let start = local("2026-01-31 10:00");
        let rule = validated("FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=SA,SU,TH,FR", start).unwrap();
        let backward = SkipRule::new(&rule, &[31], Skip::Backward, start).unwrap();
        let days = shown(&backward, start, "%a %F");
        // 31 Jan (Sat), 28 Feb (Sat, moved), 31 Mar (Tue: no), 30 Apr (Thu, moved), 31 May (Sun).
        assert_eq!(
            days,
            [
                "Sat 2026-01-31",
                "Sat 2026-02-28",
                "Thu 2026-04-30",
                "Sun 2026-05-31"
            ]
        );
        let forward = SkipRule::new(&rule, &[31], Skip::Forward, start).unwrap();
        let days = shown(&forward, start, "%a %F");
        // 1 Mar (Sun, from February), 31 Mar (Tue: no), 1 May (Fri, from April), 31 May (Sun).
        assert_eq!(
            days,
            [
                "Sat 2026-01-31",
                "Sun 2026-03-01",
                "Fri 2026-05-01",
                "Sun 2026-05-31"
            ]
        );
    }

    #[test]
    fn a_day_moved_forward_merges_with_the_next_periods_first_day() {
        // BYMONTHDAY=1,30 from 30 January 2026, forward: February's 30th becomes 1 March, which
        // March also has: one occurrence.
        let start = local("2026-01-30 09:00");
        let rule = validated("FREQ=MONTHLY;BYMONTHDAY=1,30", start).unwrap();
        let forward = SkipRule::new(&rule, &[1, 30], Skip::Forward, start).unwrap();
        let days = shown(&forward, start, "%F");
        assert_eq!(
            days,
            ["2026-01-30", "2026-02-01", "2026-03-01", "2026-03-30"]
        );
    }

    #[test]
    fn week_number_masks_match_the_rrule_crate() {
        // Every week number (and the last weeks counted from the end), every week start, over a
        // whole 28-year cycle of weekdays and leap years: the days found are the crate's.
        for wkst in ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] {
            for weeks in [
                "1", "2", "26", "52", "53", "-1", "-2", "-53", "1,53", "1,-1",
            ] {
                let start = local("2000-01-01 09:00");
                let text = format!(
                    "FREQ=YEARLY;BYWEEKNO={weeks};BYMONTHDAY=1,2,3,4,5,6,7,25,26,27,28,29,30,31;WKST={wkst}"
                );
                let rule = validated(&text, start).unwrap();
                let ours = SkipRule::new(&rule, &month_days(&text), Skip::Omit, start).unwrap();
                let theirs = crate_expansion(&rule, start, 400);
                assert_eq!(skip_expansion(&ours, start, 400), theirs, "{text}");
            }
        }
    }

    fn any_rule() -> impl Strategy<Value = String> {
        // Mostly without BYDAY: with it (and BYMONTHDAY), many rules never occur.
        let monthly_byday = prop::sample::select(vec![
            "",
            "",
            "",
            "",
            ";BYDAY=MO",
            ";BYDAY=SA,SU",
            ";BYDAY=1MO",
            ";BYDAY=-1FR,2TU",
            ";BYDAY=5WE",
        ]);
        let yearly_byday = prop::sample::select(vec![
            "",
            "",
            "",
            "",
            ";BYDAY=TU",
            ";BYDAY=1MO",
            ";BYDAY=-1SU",
            ";BYDAY=2WE,-3FR",
        ]);
        let months = prop::sample::select(vec!["", ";BYMONTH=2", ";BYMONTH=1,2,4,12"]);
        let days_of_month = prop::sample::select(vec![
            "",
            ";BYMONTHDAY=1",
            ";BYMONTHDAY=29,30,31",
            ";BYMONTHDAY=-1,15",
            ";BYMONTHDAY=-31,-29,28",
            ";BYMONTHDAY=31,1",
            ";BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14",
            ";BYMONTHDAY=-7,-6,-5,-4,-3,-2,-1,29,30",
        ]);
        let yearly_only = prop::sample::select(vec![
            "",
            "",
            ";BYWEEKNO=1,9,53",
            ";BYWEEKNO=-1;WKST=SU",
            ";BYYEARDAY=1,60,-1,366",
        ]);
        let times = prop::sample::select(vec!["", ";BYHOUR=8,17", ";BYHOUR=9;BYMINUTE=0,30"]);
        let set_positions =
            prop::sample::select(vec!["", ";BYSETPOS=1", ";BYSETPOS=-1,2", ";BYSETPOS=3,-3"]);
        let monthly = (
            months.clone(),
            days_of_month.clone(),
            monthly_byday,
            times.clone(),
        )
            .prop_map(|(months, days, byday, times)| format!("{months}{days}{byday}{times}"));
        let yearly = (months, days_of_month, yearly_byday, yearly_only, times).prop_map(
            |(months, days, byday, only, times)| format!("{months}{days}{byday}{only}{times}"),
        );
        (1u32..4, monthly, yearly, set_positions, any::<bool>()).prop_map(
            |(interval, monthly, yearly, positions, is_yearly)| {
                if is_yearly {
                    format!("FREQ=YEARLY;INTERVAL={interval}{yearly}{positions}")
                } else {
                    format!("FREQ=MONTHLY;INTERVAL={interval}{monthly}{positions}")
                }
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Without SKIP (OMIT), or when no day is missing, this expansion is the rrule crate's: the
        /// two implement the same RFC 5545 steps, and only SKIP tells them apart.
        #[test]
        fn without_missing_days_the_expansion_is_the_rrule_crates(
            rule in any_rule(),
            start_day in 0i64..(366 * 30),
            hour in 0u32..24,
        ) {
            let start = NaiveDate::from_ymd_opt(2010, 1, 1)
                .and_then(|day| day.and_hms_opt(hour, 0, 0))
                .unwrap()
                + chrono::TimeDelta::days(start_day);
            let Ok(rule_set) = validated(&rule, start) else {
                return Ok(()); // combinations RFC 5545 refuses
            };
            // DTSTART's day stands for BYMONTHDAY when no other part names days.
            let derived = ["BYMONTHDAY", "BYDAY", "BYWEEKNO", "BYYEARDAY"]
                .iter()
                .all(|part| !rule.contains(part));
            let days = if derived {
                vec![i8::try_from(start.day()).unwrap()]
            } else {
                month_days(&rule)
            };
            prop_assume!(!days.is_empty());
            let omit = SkipRule::new(&rule_set, &days, Skip::Omit, start).unwrap();
            // A rule that never occurs sends the crate through 100,000 empty periods: skip those.
            prop_assume!(omit.occurs(start));
            let theirs = crate_expansion(&rule_set, start, 30);
            prop_assert_eq!(&skip_expansion(&omit, start, theirs.len()), &theirs, "{}", rule);
            if days.iter().all(|day| (-28..=28).contains(day)) {
                for skip in [Skip::Backward, Skip::Forward] {
                    let moved = SkipRule::new(&rule_set, &days, skip, start).unwrap();
                    let ours = skip_expansion(&moved, start, theirs.len());
                    prop_assert_eq!(&ours, &theirs, "{} {:?}", rule, skip);
                }
            }
        }
    }
}
