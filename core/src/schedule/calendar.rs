//! The business calendar: which days are working days, and arithmetic over them.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::MAX_CLOSED_RUN_DAYS;
use super::error::ScheduleError;
use super::holidays::{BelgianHoliday, belgian_dates};

/// A set of public holidays a [`BusinessCalendar`] closes on, computed for any year.
///
/// ```
/// use envoi::schedule::HolidayRule;
/// assert_eq!(serde_json::to_string(&HolidayRule::Belgium)?, "\"belgium\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HolidayRule {
    /// The ten Belgian public holidays ([`BelgianHoliday`]).
    Belgium,
}

/// Which days are business days: Monday to Friday, except the public holidays of its
/// [`HolidayRule`]s and the closed days the host added.
///
/// Days are [`NaiveDate`]s: a calendar day has no time zone. Decide the day in the account's zone
/// first (for the post, the Europe/Brussels wall-clock date; see [`crate::time::Zone`]), then ask the
/// calendar. Saturday and Sunday are always closed; a holiday that falls on a weekend is not moved
/// (Belgium has no substitute days).
///
/// A calendar is plain data. Its serde form is stable, the holiday rules and the closed days as sorted
/// lists: `{"holidays":["belgium"],"closed_days":["2026-05-15"]}`; unknown fields are refused.
///
/// # Conventions
///
/// - [`add_business_days(date, n)`](Self::add_business_days) with `n > 0` is the `n`-th business day
///   strictly after `date`; with `n < 0`, the `|n|`-th business day strictly before `date`; with
///   `n = 0`, `date` itself, business day or not (use
///   [`this_or_next_business_day`](Self::this_or_next_business_day) to roll a date forward). So D+1 from
///   a Friday handover is the Monday, and D+1 from a Saturday is also the Monday.
/// - [`business_days_between(a, b)`](Self::business_days_between) counts the business days in the
///   half-open interval `(a, b]` (after `a`, up to and including `b`), negated when `b < a`: it is
///   `-business_days_between(b, a)`, and `between(a, b) + between(b, c) == between(a, c)`.
/// - The two agree: `business_days_between(d, add_business_days(d, n)?) == n` for every `n >= 0`, and
///   for `n < 0` when `d` is a business day.
///
/// # Bounds and cost
///
/// No computation loops day by day over long spans: weekdays are counted arithmetically per week and
/// holidays per year, so [`add_business_days`](Self::add_business_days) and
/// [`business_days_between`](Self::business_days_between) cost O(years spanned + closed days in the
/// span), whatever `n`. A computation that has to cross [`MAX_CLOSED_RUN_DAYS`] (366) or more
/// consecutive days without a business day (possible only through the host's closed days) fails with
/// [`ScheduleError::NoBusinessDay`] (`schedule.no_business_day`); a result outside chrono's dates fails
/// with [`ScheduleError::DateOutOfRange`].
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::schedule::BusinessCalendar;
///
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let belgium = BusinessCalendar::belgium();
/// assert!(!belgium.is_business_day(date(2026, 7, 21))); // National Day, a Tuesday
/// assert_eq!(belgium.add_business_days(date(2026, 12, 24), 1)?, date(2026, 12, 28));
/// assert_eq!(belgium.business_days_between(date(2026, 12, 24), date(2026, 12, 28)), 1);
///
/// // The post closes on the Friday after Ascension too; production does not.
/// let post = belgium.clone().with_closed_days([date(2026, 5, 15)]);
/// assert_eq!(post.add_business_days(date(2026, 5, 13), 1)?, date(2026, 5, 18));
/// assert_eq!(belgium.add_business_days(date(2026, 5, 13), 1)?, date(2026, 5, 15));
/// # Ok::<(), envoi::schedule::ScheduleError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessCalendar {
    holidays: BTreeSet<HolidayRule>,
    closed_days: BTreeSet<NaiveDate>,
}

impl Default for BusinessCalendar {
    /// The Belgian calendar, [`BusinessCalendar::belgium`].
    fn default() -> Self {
        BusinessCalendar::belgium()
    }
}

impl BusinessCalendar {
    /// Monday to Friday, with no holidays and no closed days: the base to build other calendars on.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(); // a Friday
    /// assert!(BusinessCalendar::weekdays().is_business_day(christmas));
    /// ```
    pub fn weekdays() -> Self {
        BusinessCalendar {
            holidays: BTreeSet::new(),
            closed_days: BTreeSet::new(),
        }
    }

    /// Monday to Friday except the ten Belgian public holidays of every year ([`BelgianHoliday`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    /// assert!(!BusinessCalendar::belgium().is_business_day(christmas));
    /// ```
    pub fn belgium() -> Self {
        BusinessCalendar::weekdays().with_holidays(HolidayRule::Belgium)
    }

    /// This calendar, also closed on the holidays of `rule`.
    ///
    /// ```
    /// use envoi::schedule::{BusinessCalendar, HolidayRule};
    /// assert_eq!(BusinessCalendar::weekdays().with_holidays(HolidayRule::Belgium), BusinessCalendar::belgium());
    /// ```
    #[must_use]
    pub fn with_holidays(mut self, rule: HolidayRule) -> Self {
        self.holidays.insert(rule);
        self
    }

    /// This calendar, also closed on `days` (a bridge day, a strike, the company's annual closure).
    /// Days that are already closed (weekends, holidays) may be given; they change nothing.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let bridge = NaiveDate::from_ymd_opt(2026, 5, 15).unwrap();
    /// let calendar = BusinessCalendar::belgium().with_closed_days([bridge]);
    /// assert!(!calendar.is_business_day(bridge));
    /// assert_eq!(calendar.closed_days().collect::<Vec<_>>(), [bridge]);
    /// ```
    #[must_use]
    pub fn with_closed_days<I: IntoIterator<Item = NaiveDate>>(mut self, days: I) -> Self {
        self.closed_days.extend(days);
        self
    }

    /// A calendar closed whenever this one or `other` is closed: the union of their holiday rules and
    /// closed days. Use it when a date must suit two parties, such as the production calendar and the
    /// post's delivery calendar.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let production = BusinessCalendar::belgium().with_closed_days([date(2026, 12, 28)]);
    /// let post = BusinessCalendar::belgium().with_closed_days([date(2026, 12, 29)]);
    /// let both = production.combine(&post);
    /// assert_eq!(both.next_business_day(date(2026, 12, 25))?, date(2026, 12, 30));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    #[must_use]
    pub fn combine(&self, other: &BusinessCalendar) -> BusinessCalendar {
        BusinessCalendar {
            holidays: self.holidays.union(&other.holidays).copied().collect(),
            closed_days: self
                .closed_days
                .union(&other.closed_days)
                .copied()
                .collect(),
        }
    }

    /// The holiday rules this calendar closes on, in their stable order.
    ///
    /// ```
    /// use envoi::schedule::{BusinessCalendar, HolidayRule};
    /// assert_eq!(BusinessCalendar::belgium().holiday_rules().collect::<Vec<_>>(), [HolidayRule::Belgium]);
    /// assert_eq!(BusinessCalendar::weekdays().holiday_rules().count(), 0);
    /// ```
    pub fn holiday_rules(&self) -> impl Iterator<Item = HolidayRule> + '_ {
        self.holidays.iter().copied()
    }

    /// The closed days the host added, in date order.
    ///
    /// ```
    /// use envoi::schedule::BusinessCalendar;
    /// assert_eq!(BusinessCalendar::belgium().closed_days().count(), 0);
    /// ```
    pub fn closed_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.closed_days.iter().copied()
    }

    fn belgian(&self) -> bool {
        self.holidays.contains(&HolidayRule::Belgium)
    }

    /// The Belgian holiday on `date`, when this calendar applies [`HolidayRule::Belgium`]; see
    /// [`BelgianHoliday::on`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::{BelgianHoliday, BusinessCalendar};
    /// let date = NaiveDate::from_ymd_opt(2026, 5, 25).unwrap();
    /// assert_eq!(BusinessCalendar::belgium().holiday(date), Some(BelgianHoliday::WhitMonday));
    /// assert_eq!(BusinessCalendar::weekdays().holiday(date), None);
    /// ```
    pub fn holiday(&self, date: NaiveDate) -> Option<BelgianHoliday> {
        if self.belgian() {
            BelgianHoliday::on(date)
        } else {
            None
        }
    }

    /// The holidays of `year` this calendar closes on, in date order; see [`BelgianHoliday::in_year`].
    ///
    /// ```
    /// use envoi::schedule::BusinessCalendar;
    /// assert_eq!(BusinessCalendar::belgium().holidays(2026).len(), 10);
    /// assert!(BusinessCalendar::weekdays().holidays(2026).is_empty());
    /// ```
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, BelgianHoliday)> {
        if self.belgian() {
            BelgianHoliday::in_year(year)
        } else {
            Vec::new()
        }
    }

    /// Whether `date` is a business day: a Monday to Friday that is neither a holiday nor a closed day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let belgium = BusinessCalendar::belgium();
    /// assert!(belgium.is_business_day(date(2026, 4, 7)));
    /// assert!(!belgium.is_business_day(date(2026, 4, 6))); // Easter Monday
    /// assert!(!belgium.is_business_day(date(2026, 4, 11))); // Saturday
    /// ```
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        is_weekday(date) && !self.is_holiday(date) && !self.closed_days.contains(&date)
    }

    fn is_holiday(&self, date: NaiveDate) -> bool {
        self.belgian() && BelgianHoliday::on(date).is_some()
    }

    /// The first business day strictly after `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // Thursday 31 December 2026 → Monday 4 January 2027 (1 January is a holiday, then a weekend).
    /// assert_eq!(BusinessCalendar::belgium().next_business_day(date(2026, 12, 31))?, date(2027, 1, 4));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScheduleError::NoBusinessDay`] when the [`MAX_CLOSED_RUN_DAYS`] days after `date` are all
    /// closed; [`ScheduleError::DateOutOfRange`] past chrono's last date.
    pub fn next_business_day(&self, date: NaiveDate) -> Result<NaiveDate, ScheduleError> {
        self.add_business_days(date, 1)
    }

    /// The last business day strictly before `date`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(BusinessCalendar::belgium().previous_business_day(date(2027, 1, 4))?, date(2026, 12, 31));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScheduleError::NoBusinessDay`] when the [`MAX_CLOSED_RUN_DAYS`] days before `date` are all
    /// closed; [`ScheduleError::DateOutOfRange`] before chrono's first date.
    pub fn previous_business_day(&self, date: NaiveDate) -> Result<NaiveDate, ScheduleError> {
        self.add_business_days(date, -1)
    }

    /// `date` when it is a business day, otherwise the next business day: the day a job submitted on
    /// `date` can be handed to the post at the earliest.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let belgium = BusinessCalendar::belgium();
    /// assert_eq!(belgium.this_or_next_business_day(date(2026, 4, 7))?, date(2026, 4, 7));
    /// assert_eq!(belgium.this_or_next_business_day(date(2026, 4, 4))?, date(2026, 4, 7));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`next_business_day`](Self::next_business_day).
    pub fn this_or_next_business_day(&self, date: NaiveDate) -> Result<NaiveDate, ScheduleError> {
        if self.is_business_day(date) {
            Ok(date)
        } else {
            self.next_business_day(date)
        }
    }

    /// `date` moved by `n` business days ("D+n").
    ///
    /// - `n > 0`: the `n`-th business day strictly after `date` (`date` itself never counts, business
    ///   day or not);
    /// - `n < 0`: the `|n|`-th business day strictly before `date`;
    /// - `n = 0`: `date` unchanged, even when it is not a business day.
    ///
    /// Costs O(years spanned + closed days in the span), not O(n).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let belgium = BusinessCalendar::belgium();
    /// // Handed over on Wednesday 23 December 2026; non-prior postage is D+3:
    /// // Thursday 24, (Christmas), Monday 28, Tuesday 29.
    /// assert_eq!(belgium.add_business_days(date(2026, 12, 23), 3)?, date(2026, 12, 29));
    /// assert_eq!(belgium.add_business_days(date(2026, 12, 29), -3)?, date(2026, 12, 23));
    /// assert_eq!(belgium.add_business_days(date(2026, 12, 26), 0)?, date(2026, 12, 26));
    /// # Ok::<(), envoi::schedule::ScheduleError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScheduleError::NoBusinessDay`] when the way from `date` to the result crosses
    /// [`MAX_CLOSED_RUN_DAYS`] or more consecutive days without a business day;
    /// [`ScheduleError::DateOutOfRange`] when the result is outside chrono's dates.
    pub fn add_business_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, ScheduleError> {
        let out_of_range = || ScheduleError::DateOutOfRange {
            date,
            business_days: n,
        };
        // n business days take at least n days: beyond the whole range of dates, fail before any
        // arithmetic can overflow.
        if n.unsigned_abs() > DAY_SPAN {
            return Err(out_of_range());
        }
        let start = day_number(date);
        match n {
            0 => Ok(date),
            1.. => {
                let result = self.nth_after(start, n).ok_or_else(out_of_range)?;
                self.check_closed_runs(start + 1, day_number(result))?;
                Ok(result)
            }
            _ => {
                let result = self.nth_before(start, -n).ok_or_else(out_of_range)?;
                self.check_closed_runs(day_number(result), start - 1)?;
                Ok(result)
            }
        }
    }

    /// The number of business days in `(a, b]`: after `a`, up to and including `b`; negative when
    /// `b < a` (`-business_days_between(b, a)`), zero when `a == b`.
    ///
    /// Costs O(years spanned + closed days in the span).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BusinessCalendar;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let belgium = BusinessCalendar::belgium();
    /// let (friday, saturday, monday) = (date(2026, 4, 10), date(2026, 4, 11), date(2026, 4, 13));
    /// assert_eq!(belgium.business_days_between(friday, monday), 1); // Monday counts, Friday does not
    /// assert_eq!(belgium.business_days_between(friday, saturday), 0);
    /// assert_eq!(belgium.business_days_between(saturday, monday), 1);
    /// assert_eq!(belgium.business_days_between(monday, friday), -1);
    /// // A year of business days in Belgium: 261 weekdays minus the 8 holidays on weekdays in 2026.
    /// assert_eq!(belgium.business_days_between(date(2025, 12, 31), date(2026, 12, 31)), 253);
    /// ```
    pub fn business_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.business_days_between(b, a);
        }
        let (a, b) = (day_number(a), day_number(b));
        if a == b {
            return 0;
        }
        // a < b, so a + 1 is a date.
        weekdays_through(b) - weekdays_through(a) - self.closed_weekdays(a + 1, b).unwrap_or(0)
    }

    /// The smallest day after `start` with `n` business days in `(start, day]` (`n >= 1`); that day is a
    /// business day. `None` when it is past chrono's last date.
    ///
    /// Each round jumps to the day that many weekdays further on and counts the closed weekdays it
    /// crossed; those are still to be made up. Rounds cross disjoint stretches, and a round that crossed
    /// only closed weekdays is followed by one of the same length, so the rounds end.
    fn nth_after(&self, start: i64, n: i64) -> Option<NaiveDate> {
        let (mut current, mut remaining) = (start, n);
        loop {
            let candidate = weekday_with_count(weekdays_through(current) + remaining);
            date_of(candidate)?;
            let closed = self.closed_weekdays(current + 1, candidate)?;
            if closed == 0 {
                return date_of(candidate);
            }
            (current, remaining) = (candidate, closed);
        }
    }

    /// The largest day before `start` with `n` business days in `[day, start)` (`n >= 1`); that day is a
    /// business day. `None` when it is before chrono's first date. The mirror of [`Self::nth_after`].
    fn nth_before(&self, start: i64, n: i64) -> Option<NaiveDate> {
        let (mut top, mut remaining) = (start - 1, n);
        loop {
            let candidate = weekday_with_count(weekdays_through(top) - remaining + 1);
            date_of(candidate)?;
            let closed = self.closed_weekdays(candidate, top)?;
            if closed == 0 {
                return date_of(candidate);
            }
            (top, remaining) = (candidate - 1, closed);
        }
    }

    /// The weekdays in `[low, high]` (day numbers of valid dates) that are holidays or closed days.
    /// O(years + closed days in the range).
    fn closed_weekdays(&self, low: i64, high: i64) -> Option<i64> {
        let (first, last) = (date_of(low)?, date_of(high)?);
        let mut count = 0;
        if self.belgian() {
            for year in first.year()..=last.year() {
                count += belgian_dates(year)
                    .filter(|day| (first..=last).contains(day) && is_weekday(*day))
                    .count();
            }
        }
        count += self
            .closed_days
            .range(first..=last)
            .filter(|day| is_weekday(**day) && !self.is_holiday(**day))
            .count();
        i64::try_from(count).ok()
    }

    /// Fails when `[low, high]` (day numbers) holds a stretch of at least [`MAX_CLOSED_RUN_DAYS`]
    /// consecutive days without a business day. Weekends and holidays alone never make one longer than
    /// a few days, so only the host's closed days can: they are walked in order and grouped into
    /// stretches (two closed weekdays belong to the same stretch when only weekends and holidays lie
    /// between them). O(closed days in the range).
    fn check_closed_runs(&self, low: i64, high: i64) -> Result<(), ScheduleError> {
        let (Some(first), Some(last)) = (date_of(low), date_of(high)) else {
            return Ok(());
        };
        if high - low + 1 < i64::from(MAX_CLOSED_RUN_DAYS) {
            return Ok(());
        }
        let mut stretch: Option<(NaiveDate, NaiveDate)> = None;
        let closing = self
            .closed_days
            .range(first..=last)
            .copied()
            .filter(|day| is_weekday(*day) && !self.is_holiday(*day));
        for day in closing {
            stretch = match stretch {
                Some((start, end)) if self.next_open_weekday(end) == Some(day) => {
                    Some((start, day))
                }
                Some((start, end)) => {
                    self.check_stretch(start, end, low, high)?;
                    Some((day, day))
                }
                None => Some((day, day)),
            };
        }
        match stretch {
            Some((start, end)) => self.check_stretch(start, end, low, high),
            None => Ok(()),
        }
    }

    /// Fails when the closed weekdays `start..=end`, widened to the surrounding weekends and holidays
    /// and clipped to `[low, high]`, last [`MAX_CLOSED_RUN_DAYS`] days or more.
    fn check_stretch(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        low: i64,
        high: i64,
    ) -> Result<(), ScheduleError> {
        let from = self
            .previous_open_weekday(start)
            .map_or(low, |day| day_number(day) + 1)
            .max(low);
        let to = self
            .next_open_weekday(end)
            .map_or(high, |day| day_number(day) - 1)
            .min(high);
        let days = to - from + 1;
        match (date_of(from), date_of(to)) {
            (Some(first), Some(last)) if days >= i64::from(MAX_CLOSED_RUN_DAYS) => {
                Err(ScheduleError::NoBusinessDay { first, last, days })
            }
            _ => Ok(()),
        }
    }

    /// The next weekday after `date` that is not a holiday (closed days ignored). Holidays never
    /// cover more than two weekdays in a row, so a few steps suffice.
    fn next_open_weekday(&self, date: NaiveDate) -> Option<NaiveDate> {
        std::iter::successors(date.succ_opt(), |day| day.succ_opt())
            .take(14)
            .find(|day| is_weekday(*day) && !self.is_holiday(*day))
    }

    /// The previous weekday before `date` that is not a holiday (closed days ignored).
    fn previous_open_weekday(&self, date: NaiveDate) -> Option<NaiveDate> {
        std::iter::successors(date.pred_opt(), |day| day.pred_opt())
            .take(14)
            .find(|day| is_weekday(*day) && !self.is_holiday(*day))
    }
}

/// The number of days from chrono's first date to its last: no move of more business days than this
/// can stay in range.
const DAY_SPAN: u64 = 200_000_000;

/// Days counted from Monday 1 January of year 1 (day 0); negative before it.
fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 1
}

fn date_of(day: i64) -> Option<NaiveDate> {
    i32::try_from(day + 1)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn is_weekday(date: NaiveDate) -> bool {
    date.weekday().num_days_from_monday() < 5
}

/// The number of weekdays from an arbitrary origin through `day` (a cumulative count: it grows by one
/// on each weekday and stays flat over a weekend). Day 0 is a Monday.
fn weekdays_through(day: i64) -> i64 {
    5 * day.div_euclid(7) + (day.rem_euclid(7) + 1).min(5)
}

/// The first day whose [`weekdays_through`] is `count`; it is a weekday.
fn weekday_with_count(count: i64) -> i64 {
    let index = count - 1;
    7 * index.div_euclid(5) + index.rem_euclid(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_zero_is_a_monday_and_the_weekday_count_inverts() {
        let zero = date_of(0).unwrap_or(NaiveDate::MIN);
        assert_eq!(
            zero,
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MAX)
        );
        assert_eq!(zero.weekday(), chrono::Weekday::Mon);
        for day in -50..50 {
            let weekday = date_of(day).is_some_and(is_weekday);
            assert_eq!(
                weekdays_through(day) - weekdays_through(day - 1),
                i64::from(weekday)
            );
            if weekday {
                assert_eq!(weekday_with_count(weekdays_through(day)), day);
            }
        }
    }

    #[test]
    fn the_day_span_covers_chrono() {
        let span = day_number(NaiveDate::MAX) - day_number(NaiveDate::MIN);
        assert!(u64::try_from(span).is_ok_and(|span| span < DAY_SPAN));
    }
}
