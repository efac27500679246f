//! Schedules and the business calendar: [`Schedule`] (module [`repeat`], a uniffi Object holding
//! the core's `envoi::schedule::Schedule`; instants cross the FFI as `SystemTime`), and
//! [`BusinessCalendar`] (a uniffi Object holding the core's
//! `envoi::schedule::BusinessCalendar`), [`easter_sunday`] and [`holiday_name`].
//!
//! Days cross the FFI as ISO 8601 calendar dates, `"YYYY-MM-DD"` (a sign and more digits for a year
//! past 9999 or before 0, as `java.time.LocalDate` writes them: `"+10000-01-01"`, `"-0001-01-01"`).
//! A day has no time zone: decide it in the right zone first (Europe/Brussels for the post). Kotlin
//! callers use the hand-written `dev.envoi.BusinessCalendar` (kotlin/src/main/kotlin/dev/envoi/
//! Schedule.kt), which takes and returns `java.time.LocalDate`; Swift uses this API as generated.
//!
//! Every rule is the core's. This module parses and writes the dates, and maps the errors:
//!
//! - the core's `schedule.no_business_day` and `schedule.date_out_of_range` as
//!   [`EnvoiError::Schedule`];
//! - a date outside the core's range (before `-262143-01-01` or after `+262142-12-31`; Kotlin's
//!   `LocalDate` reaches further) is also `schedule.date_out_of_range`;
//! - a string that is not a date, a JSON that is not a calendar, an unknown holiday code or language
//!   are [`EnvoiError::Argument`] (`argument.invalid_date`, `argument.invalid_json`,
//!   `argument.unknown_holiday`, `argument.unknown_language`): conversion errors of this binding, not
//!   rules of the core.

pub mod repeat;

pub use repeat::Schedule;

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;
use envoi::schedule::{BelgianHoliday, HolidayLanguage};

use crate::errors::{
    DATE_OUT_OF_RANGE_CODE, INVALID_DATE_CODE, INVALID_JSON_CODE, UNKNOWN_HOLIDAY_CODE,
    UNKNOWN_LANGUAGE_CODE,
};
use crate::{EnvoiError, guard};

/// Which days are business days: Monday to Friday, except the public holidays of its rules (the ten
/// Belgian ones for `belgium()`) and the closed days the host added.
///
/// A calendar is an immutable value: `with_closed_days` and `combine` return a new calendar. Two
/// calendars are equal when they have the same holiday rules and closed days. Its JSON form
/// (`to_json`, `from_json`) is the core's: `{"holidays":["belgium"],"closed_days":["2026-05-15"]}`.
///
/// Conventions (the core's): `add_business_days(d, n)` with `n > 0` is the `n`-th business day strictly
/// after `d`, with `n < 0` the `|n|`-th strictly before, with `n = 0` `d` itself (business day or not);
/// `business_days_between(a, b)` counts the business days in `(a, b]`, negated when `b < a`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct BusinessCalendar {
    inner: envoi::schedule::BusinessCalendar,
}

impl Hash for BusinessCalendar {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.inner.holiday_rules().for_each(|rule| rule.hash(state));
        self.inner.closed_days().for_each(|day| day.hash(state));
    }
}

impl fmt::Display for BusinessCalendar {
    /// `BusinessCalendar({"holidays":["belgium"],"closed_days":[]})`: the JSON form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json = serde_json::to_string(&self.inner).map_err(|_| fmt::Error)?;
        write!(f, "BusinessCalendar({json})")
    }
}

impl BusinessCalendar {
    fn new(inner: envoi::schedule::BusinessCalendar) -> Arc<Self> {
        Arc::new(BusinessCalendar { inner })
    }

    /// The core's calendar.
    pub fn core(&self) -> &envoi::schedule::BusinessCalendar {
        &self.inner
    }
}

#[uniffi::export]
impl BusinessCalendar {
    /// Monday to Friday except the ten Belgian public holidays of every year (New Year, Easter Monday,
    /// Labour Day, Ascension, Whit Monday, National Day, Assumption, All Saints, Armistice,
    /// Christmas), computed for any year.
    #[uniffi::constructor]
    pub fn belgium() -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::new(envoi::schedule::BusinessCalendar::belgium())))
    }

    /// Monday to Friday, with no holidays and no closed days.
    #[uniffi::constructor]
    pub fn weekdays() -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::new(envoi::schedule::BusinessCalendar::weekdays())))
    }

    /// The calendar written by `to_json`. Unknown fields, unknown holiday rules and malformed dates
    /// are `argument.invalid_json`, with serde's description of the problem and where it is.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            serde_json::from_str(&json).map(Self::new).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not a business calendar: {error}; expected the form of to_json, such as {{\"holidays\":[\"belgium\"],\"closed_days\":[\"2026-05-15\"]}}"),
                )
            })
        })
    }

    /// The core's JSON form of this calendar, such as
    /// `{"holidays":["belgium"],"closed_days":["2026-05-15"]}` (holiday rules and closed days sorted).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| EnvoiError::panic(&format!("serializing a calendar: {error}")))
        })
    }

    /// This calendar, also closed on `days` (ISO dates: a bridge day, a strike, an annual closure).
    /// Days already closed change nothing.
    pub fn with_closed_days(&self, days: Vec<String>) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let days = days
                .iter()
                .enumerate()
                .map(|(index, day)| parse_date(&format!("days[{index}]"), day))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Self::new(self.inner.clone().with_closed_days(days)))
        })
    }

    /// A calendar closed whenever this one or `other` is closed (the union of their holiday rules and
    /// closed days): for a day that must suit both production and the post.
    pub fn combine(&self, other: Arc<Self>) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::new(self.inner.combine(&other.inner))))
    }

    /// Whether `date` is a business day: a Monday to Friday that is neither a holiday nor a closed day.
    pub fn is_business_day(&self, date: String) -> Result<bool, EnvoiError> {
        guard(|| Ok(self.inner.is_business_day(parse_date("date", &date)?)))
    }

    /// The first business day strictly after `date`. Throws `schedule.no_business_day` when the 366
    /// days after `date` are all closed, `schedule.date_out_of_range` past the last supported date.
    pub fn next_business_day(&self, date: String) -> Result<String, EnvoiError> {
        guard(|| {
            let day = self.inner.next_business_day(parse_date("date", &date)?)?;
            Ok(format_date(day))
        })
    }

    /// The last business day strictly before `date`. Throws as `next_business_day`.
    pub fn previous_business_day(&self, date: String) -> Result<String, EnvoiError> {
        guard(|| {
            let day = self
                .inner
                .previous_business_day(parse_date("date", &date)?)?;
            Ok(format_date(day))
        })
    }

    /// `date` when it is a business day, otherwise the next business day. Throws as
    /// `next_business_day`.
    pub fn this_or_next_business_day(&self, date: String) -> Result<String, EnvoiError> {
        guard(|| {
            let day = self
                .inner
                .this_or_next_business_day(parse_date("date", &date)?)?;
            Ok(format_date(day))
        })
    }

    /// `date` moved by `n` business days ("D+n"): `n > 0` the `n`-th business day strictly after,
    /// `n < 0` the `|n|`-th strictly before, `n = 0` `date` unchanged. Throws
    /// `schedule.no_business_day` when the way crosses 366 or more consecutive closed days,
    /// `schedule.date_out_of_range` when the result is outside the supported dates.
    pub fn add_business_days(&self, date: String, n: i64) -> Result<String, EnvoiError> {
        guard(|| {
            let day = self
                .inner
                .add_business_days(parse_date("date", &date)?, n)?;
            Ok(format_date(day))
        })
    }

    /// The number of business days in `(a, b]` (after `a`, up to and including `b`); negative when
    /// `b < a`, zero when they are equal.
    pub fn business_days_between(&self, a: String, b: String) -> Result<i64, EnvoiError> {
        guard(|| {
            let (a, b) = (parse_date("a", &a)?, parse_date("b", &b)?);
            Ok(self.inner.business_days_between(a, b))
        })
    }

    /// The code of the holiday this calendar closes on at `date` (`"easter_monday"`, `"christmas"`…;
    /// see `holiday_name`), or null/nil.
    pub fn holiday(&self, date: String) -> Result<Option<String>, EnvoiError> {
        guard(|| {
            let holiday = self.inner.holiday(parse_date("date", &date)?);
            Ok(holiday.map(|holiday| holiday.code().to_owned()))
        })
    }

    /// The holidays of `year` this calendar closes on, in date order (ten for Belgium, two of them on
    /// the same date when Labour Day and Ascension share 1 May; none for `weekdays()`).
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, EnvoiError> {
        guard(|| {
            Ok(self
                .inner
                .holidays(year)
                .into_iter()
                .map(|(date, holiday)| Holiday {
                    date: format_date(date),
                    code: holiday.code().to_owned(),
                })
                .collect())
        })
    }
}

/// A public holiday of a given year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Holiday {
    /// Its date, ISO 8601 (`"2026-04-06"`).
    pub date: String,
    /// Its stable code: `"new_year"`, `"easter_monday"`, `"labour_day"`, `"ascension"`,
    /// `"whit_monday"`, `"national_day"`, `"assumption"`, `"all_saints"`, `"armistice"`,
    /// `"christmas"`.
    pub code: String,
}

/// The date of Easter Sunday of `year` in the Gregorian calendar (ISO 8601), or null/nil for a year
/// outside the supported range.
#[uniffi::export]
pub fn easter_sunday(year: i32) -> Result<Option<String>, EnvoiError> {
    guard(|| Ok(envoi::schedule::easter_sunday(year).map(format_date)))
}

/// The usual name of the holiday `code` (as `holiday` and `holidays` return it) in `language`:
/// `"fr"`, `"nl"`, `"de"` or `"en"`; `holiday_name("easter_monday", "nl")` is `"Paasmaandag"`.
/// Throws `argument.unknown_holiday` or `argument.unknown_language`.
#[uniffi::export]
pub fn holiday_name(code: String, language: String) -> Result<String, EnvoiError> {
    guard(|| {
        let holiday = BelgianHoliday::ALL
            .into_iter()
            .find(|holiday| holiday.code() == code)
            .ok_or_else(|| {
                let known: Vec<_> = BelgianHoliday::ALL.iter().map(|h| h.code()).collect();
                EnvoiError::argument(
                    UNKNOWN_HOLIDAY_CODE,
                    format!(
                        "code: {code:?} is not a holiday code; expected one of {}",
                        known.join(", ")
                    ),
                )
            })?;
        let language = HolidayLanguage::from_code(&language).ok_or_else(|| {
            EnvoiError::argument(
                UNKNOWN_LANGUAGE_CODE,
                format!(
                    "language: {language:?} is not a holiday language; expected fr, nl, de or en"
                ),
            )
        })?;
        Ok(holiday.name(language).to_owned())
    })
}

/// A day as ISO 8601, as `java.time.LocalDate` writes it: `"2026-04-06"`, `"+10000-01-01"`,
/// `"-0001-01-01"`.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.to_string()
}

/// Parses an ISO 8601 calendar date: `YYYY-MM-DD`, the year of at least four digits with an optional
/// sign (`"+10000-01-01"`, `"-0001-01-01"`). `field` names the argument in the message.
pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate, EnvoiError> {
    let invalid = |why: &str| {
        EnvoiError::argument(
            INVALID_DATE_CODE,
            format!(
                "{field}: {text:?} is not an ISO 8601 calendar date ({why}); expected YYYY-MM-DD, such as \"2026-04-06\""
            ),
        )
    };
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'+') => (false, &text[1..]),
        Some(b'-') => (true, &text[1..]),
        _ => (false, text),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    let mut parts = unsigned.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("not three parts separated by '-'"));
    };
    let well_formed = digits(year) && year.len() >= 4 && digits(month) && month.len() == 2;
    if !(well_formed && digits(day) && day.len() == 2) {
        return Err(invalid(
            "the year takes at least 4 digits, the month and the day 2",
        ));
    }
    let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return Err(invalid("not a number"));
    };
    // A year too long for i64 is out of range, not malformed.
    let year = year
        .parse::<i64>()
        .ok()
        .map(|y| if negative { -y } else { y });
    // The Gregorian calendar repeats every 400 years: check the month and day on a year of the same
    // kind, so an out-of-range year with a valid day gets the range error, not this one.
    let same_kind = year.map_or(2000, |y| 2000 + y.rem_euclid(400));
    let valid_day = i32::try_from(same_kind)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
    if valid_day.is_none() {
        return Err(invalid("no such month or day"));
    }
    year.and_then(|y| i32::try_from(y).ok())
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| EnvoiError::Schedule {
            code: DATE_OUT_OF_RANGE_CODE.to_owned(),
            reason: format!(
                "{field}: {text} is outside the supported range of dates ({} to {})",
                NaiveDate::MIN,
                NaiveDate::MAX
            ),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn belgium() -> Arc<BusinessCalendar> {
        BusinessCalendar::belgium().unwrap()
    }

    #[test]
    fn dates_round_trip_in_java_time_form() {
        for text in [
            "2026-04-06",
            "0000-01-01",
            "-0001-12-31",
            "+10000-01-01",
            "+262142-12-31",
            "-262143-01-01",
            "2024-02-29",
        ] {
            assert_eq!(format_date(parse_date("date", text).unwrap()), text);
        }
        assert_eq!(format_date(NaiveDate::MAX), "+262142-12-31");
        assert_eq!(
            parse_date("d", "+2026-04-06").unwrap().to_string(),
            "2026-04-06"
        );
    }

    #[test]
    fn malformed_dates_are_argument_errors() {
        for text in [
            "",
            "2026-4-6",
            "26-04-06",
            "2026-04-06T00:00",
            "2026/04/06",
            "2026-13-01",
            "2025-02-29",
            "2026-04-31",
            "+-2026-01-01",
            "2026-04-0a",
            "2026-04-06-",
        ] {
            let error = parse_date("date", text).unwrap_err();
            assert_eq!(error.code(), "argument.invalid_date", "{text:?}");
            assert!(error.message().starts_with("date: "), "{text:?}");
        }
    }

    #[test]
    fn dates_beyond_the_core_are_out_of_range() {
        for text in [
            "+262143-01-01",
            "-262144-12-31",
            "+999999999-12-31",
            "+99999999999999999999-01-01",
        ] {
            let error = parse_date("date", text).unwrap_err();
            assert_eq!(error.code(), "schedule.date_out_of_range", "{text:?}");
            assert_eq!(error.family(), "schedule");
        }
        // The day is checked on a year of the same kind: 29 February of a leap year far out is a
        // range error, of a common year a malformed date.
        assert_eq!(
            parse_date("d", "+400000-02-29").unwrap_err().code(),
            "schedule.date_out_of_range"
        );
        assert_eq!(
            parse_date("d", "+400001-02-29").unwrap_err().code(),
            "argument.invalid_date"
        );
    }

    #[test]
    fn the_contract_through_the_binding() {
        let calendar = belgium();
        assert!(!calendar.is_business_day("2026-04-06".into()).unwrap());
        assert_eq!(
            calendar.holiday("2026-04-06".into()).unwrap().as_deref(),
            Some("easter_monday")
        );
        assert_eq!(
            calendar.add_business_days("2026-04-03".into(), 1).unwrap(),
            "2026-04-07"
        );
        assert_eq!(
            calendar
                .business_days_between("2026-04-03".into(), "2026-04-07".into())
                .unwrap(),
            1
        );
        assert_eq!(calendar.holidays(2026).unwrap().len(), 10);
        let error = calendar
            .next_business_day("+262142-12-31".into())
            .unwrap_err();
        assert!(matches!(error, EnvoiError::Schedule { .. }));
        assert_eq!(error.code(), "schedule.date_out_of_range");
    }

    #[test]
    fn four_hundred_closed_days_are_no_business_day() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let days = (1..=400)
            .map(|n| format_date(start + chrono::Days::new(n)))
            .collect();
        let closed = belgium().with_closed_days(days).unwrap();
        let error = closed.next_business_day("2026-01-01".into()).unwrap_err();
        assert!(matches!(error, EnvoiError::Schedule { .. }));
        assert_eq!(error.code(), "schedule.no_business_day");
    }

    #[test]
    fn json_round_trips_and_refuses_garbage() {
        let calendar = belgium()
            .with_closed_days(vec!["2026-05-15".into()])
            .unwrap();
        let json = calendar.to_json().unwrap();
        assert_eq!(
            json,
            r#"{"holidays":["belgium"],"closed_days":["2026-05-15"]}"#
        );
        assert_eq!(*BusinessCalendar::from_json(json).unwrap(), *calendar);
        assert_eq!(
            calendar.to_string(),
            r#"BusinessCalendar({"holidays":["belgium"],"closed_days":["2026-05-15"]})"#
        );
        for bad in [
            "",
            "{",
            r#"{"holidays":["mars"],"closed_days":[]}"#,
            r#"{"x":1}"#,
        ] {
            let error = BusinessCalendar::from_json(bad.into()).unwrap_err();
            assert_eq!(error.code(), "argument.invalid_json", "{bad:?}");
            assert!(
                error
                    .message()
                    .starts_with("json: not a business calendar: ")
            );
        }
    }

    #[test]
    fn equal_calendars_hash_alike() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |calendar: &BusinessCalendar| {
            let mut hasher = DefaultHasher::new();
            calendar.hash(&mut hasher);
            hasher.finish()
        };
        let a = belgium()
            .with_closed_days(vec!["2026-05-15".into()])
            .unwrap();
        let b = BusinessCalendar::weekdays()
            .unwrap()
            .combine(a.clone())
            .unwrap();
        assert_eq!(*a, *b);
        assert_eq!(hash(&a), hash(&b));
    }

    #[test]
    fn holiday_names_and_easter() {
        assert_eq!(
            holiday_name("easter_monday".into(), "nl".into()).unwrap(),
            "Paasmaandag"
        );
        let error = holiday_name("boxing_day".into(), "en".into()).unwrap_err();
        assert_eq!(error.code(), "argument.unknown_holiday");
        let error = holiday_name("christmas".into(), "es".into()).unwrap_err();
        assert_eq!(error.code(), "argument.unknown_language");
        assert_eq!(easter_sunday(2026).unwrap().as_deref(), Some("2026-04-05"));
        assert_eq!(easter_sunday(i32::MAX).unwrap(), None);
    }
}
