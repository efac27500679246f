//! `BusinessCalendar`: the Node face of `envoi::schedule`'s business calendar.
//!
//! Days cross the boundary as ISO 8601 calendar dates, `"YYYY-MM-DD"` strings, in and out: a day has
//! no time zone, a JS `Date` has one, so a `Date` is refused with a message saying to take its day in
//! the right zone first. Years outside 0000–9999 use ISO 8601's expanded form (`"+10000-01-01"`,
//! `"-0001-12-31"`), as chrono writes them.

use envoi::schedule::{self as core_schedule, BelgianHoliday, HolidayLanguage};
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::integer_arg;
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::time::{date_arg, format_date};

/// Which days are business days: Monday to Friday, except the public holidays of its holiday rules
/// and the closed days the host added. Immutable: `withClosedDays` and `combine` return new
/// calendars.
///
/// Days are ISO `"YYYY-MM-DD"` strings, in and out. A `Date` is refused (it has a time zone): take
/// its calendar day in the right zone first (Europe/Brussels for the Belgian post).
///
/// - `addBusinessDays(d, n)`: with `n > 0` the `n`-th business day strictly after `d`, with `n < 0`
///   the `|n|`-th strictly before, with `n = 0` `d` itself (business day or not).
/// - `businessDaysBetween(a, b)`: the business days in `(a, b]`, negative when `b < a`.
///
/// Throws an `Error` with `.code` `schedule.no_business_day` when a computation crosses 366 or more
/// consecutive closed days, `schedule.date_out_of_range` when a result leaves the supported dates,
/// and `InvalidArg` for a malformed date, a fractional count or a bad JSON.
///
/// ```js
/// const { belgiumCalendar } = require('envoi')
/// const belgium = belgiumCalendar()
/// belgium.isBusinessDay('2026-04-06')          // false (Easter Monday)
/// belgium.addBusinessDays('2026-04-03', 1)     // '2026-04-07'
/// ```
#[napi]
pub struct BusinessCalendar {
    inner: core_schedule::BusinessCalendar,
}

/// A public holiday of a year, from {@link BusinessCalendar.holidays}.
#[napi(object)]
pub struct Holiday {
    /// Its date, `"YYYY-MM-DD"`.
    pub date: String,
    /// Its stable code: `"new_year"`, `"easter_monday"`, `"labour_day"`, `"ascension"`,
    /// `"whit_monday"`, `"national_day"`, `"assumption"`, `"all_saints"`, `"armistice"` or
    /// `"christmas"`.
    pub code: String,
}

/// The Belgian business calendar: Monday to Friday except the ten Belgian public holidays of every
/// year, computed from their rules. The same as `BusinessCalendar.belgium()`.
#[napi]
pub fn belgium_calendar() -> napi::Result<BusinessCalendar, Code> {
    guard(|| {
        Ok(BusinessCalendar::from(
            core_schedule::BusinessCalendar::belgium(),
        ))
    })
}

/// Monday to Friday, with no holidays and no closed days: the base to build other calendars on. The
/// same as `BusinessCalendar.weekdays()`.
#[napi]
pub fn weekdays_calendar() -> napi::Result<BusinessCalendar, Code> {
    guard(|| {
        Ok(BusinessCalendar::from(
            core_schedule::BusinessCalendar::weekdays(),
        ))
    })
}

/// The date of Easter Sunday of `year` (an integer) in the Gregorian calendar, `"YYYY-MM-DD"`, or
/// `null` for a year outside the supported dates.
///
/// ```js
/// const { easterSunday } = require('envoi')
/// easterSunday(2026) // '2026-04-05'
/// ```
#[napi(ts_args_type = "year: number", ts_return_type = "string | null")]
pub fn easter_sunday(year: f64) -> napi::Result<Option<String>, Code> {
    guard(|| Ok(core_schedule::easter_sunday(year_arg(year)?).map(format_date)))
}

/// The usual name of a Belgian holiday, by its `code` (`"easter_monday"`…), in `language`: `"fr"`,
/// `"nl"`, `"de"` or `"en"`. An unknown code or language throws `InvalidArg`.
///
/// ```js
/// const { holidayName } = require('envoi')
/// holidayName('easter_monday', 'nl') // 'Paasmaandag'
/// ```
#[napi]
pub fn holiday_name(code: String, language: String) -> napi::Result<String, Code> {
    guard(|| {
        let holiday = BelgianHoliday::ALL
            .into_iter()
            .find(|holiday| holiday.code() == code)
            .ok_or_else(|| {
                invalid_arg(format!(
                    "code: unknown holiday {code:?}; expected one of {}",
                    BelgianHoliday::ALL.map(BelgianHoliday::code).join(", ")
                ))
            })?;
        let language = HolidayLanguage::from_code(&language).ok_or_else(|| {
            invalid_arg(format!(
                "language: unknown holiday language {language:?}; expected \"fr\", \"nl\", \"de\" or \"en\""
            ))
        })?;
        Ok(holiday.name(language).to_owned())
    })
}

#[napi]
impl BusinessCalendar {
    /// The Belgian business calendar (see {@link belgiumCalendar}).
    #[napi(factory)]
    pub fn belgium() -> napi::Result<BusinessCalendar, Code> {
        belgium_calendar()
    }

    /// Monday to Friday, no holidays, no closed days (see {@link weekdaysCalendar}).
    #[napi(factory)]
    pub fn weekdays() -> napi::Result<BusinessCalendar, Code> {
        weekdays_calendar()
    }

    /// The calendar of a JSON text written by {@link BusinessCalendar.toJson}, e.g.
    /// `{"holidays":["belgium"],"closed_days":["2026-05-15"]}`. A text that is not such a calendar
    /// (bad JSON, unknown field, unknown holiday rule, bad date) throws `InvalidArg` naming the
    /// problem.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<BusinessCalendar, Code> {
        guard(|| {
            serde_json::from_str::<core_schedule::BusinessCalendar>(&json)
                .map(BusinessCalendar::from)
                .map_err(|error| invalid_arg(format!("calendar JSON: {error}")))
        })
    }

    /// The calendar's stable JSON form: the holiday rules and the closed days as sorted lists, e.g.
    /// `{"holidays":["belgium"],"closed_days":["2026-05-15"]}` (the same in every envoi binding).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("calendar JSON: {error}")))
        })
    }

    /// A new calendar, also closed on `days` (`"YYYY-MM-DD"` strings).
    #[napi(ts_args_type = "days: string[]")]
    pub fn with_closed_days(&self, days: Vec<Unknown<'_>>) -> napi::Result<BusinessCalendar, Code> {
        guard(|| {
            let days = days
                .iter()
                .enumerate()
                .map(|(index, day)| date_arg(&format!("days[{index}]"), day))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(BusinessCalendar::from(
                self.inner.clone().with_closed_days(days),
            ))
        })
    }

    /// A new calendar, closed whenever this one or `other` is closed (the union of their holiday
    /// rules and closed days): for a date that must suit two parties, such as production and the
    /// post.
    #[napi]
    pub fn combine(&self, other: &BusinessCalendar) -> napi::Result<BusinessCalendar, Code> {
        guard(|| Ok(BusinessCalendar::from(self.inner.combine(&other.inner))))
    }

    /// The closed days the host added, in date order.
    #[napi]
    pub fn closed_days(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| Ok(self.inner.closed_days().map(format_date).collect()))
    }

    /// Whether `date` is a business day: a Monday to Friday that is neither a holiday nor a closed
    /// day.
    #[napi(ts_args_type = "date: string")]
    pub fn is_business_day(&self, date: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.is_business_day(date_arg("date", &date)?)))
    }

    /// The first business day strictly after `date`.
    #[napi(ts_args_type = "date: string")]
    pub fn next_business_day(&self, date: Unknown<'_>) -> napi::Result<String, Code> {
        guard(|| {
            let date = date_arg("date", &date)?;
            self.inner
                .next_business_day(date)
                .map(format_date)
                .map_err(to_js)
        })
    }

    /// The last business day strictly before `date`.
    #[napi(ts_args_type = "date: string")]
    pub fn previous_business_day(&self, date: Unknown<'_>) -> napi::Result<String, Code> {
        guard(|| {
            let date = date_arg("date", &date)?;
            self.inner
                .previous_business_day(date)
                .map(format_date)
                .map_err(to_js)
        })
    }

    /// `date` when it is a business day, else the next one.
    #[napi(ts_args_type = "date: string")]
    pub fn this_or_next_business_day(&self, date: Unknown<'_>) -> napi::Result<String, Code> {
        guard(|| {
            let date = date_arg("date", &date)?;
            self.inner
                .this_or_next_business_day(date)
                .map(format_date)
                .map_err(to_js)
        })
    }

    /// The `n`-th business day after `date` (`n` a safe integer; before `date` when negative;
    /// `date` itself when 0). "D+1" of a Friday hand-over is the Monday.
    #[napi(ts_args_type = "date: string, n: number")]
    pub fn add_business_days(&self, date: Unknown<'_>, n: f64) -> napi::Result<String, Code> {
        guard(|| {
            let date = date_arg("date", &date)?;
            let n = integer_arg("n", n)?;
            self.inner
                .add_business_days(date, n)
                .map(format_date)
                .map_err(to_js)
        })
    }

    /// The number of business days in `(a, b]`: after `a`, up to and including `b`; negative when
    /// `b < a`.
    #[napi(ts_args_type = "a: string, b: string")]
    pub fn business_days_between(&self, a: Unknown<'_>, b: Unknown<'_>) -> napi::Result<i64, Code> {
        guard(|| {
            let (a, b) = (date_arg("a", &a)?, date_arg("b", &b)?);
            Ok(self.inner.business_days_between(a, b))
        })
    }

    /// The code of the public holiday on `date` (`"easter_monday"`…), or `null`. Only holidays of
    /// the calendar's rules count: always `null` for a weekdays calendar; a closed day is not a
    /// holiday.
    #[napi(ts_args_type = "date: string", ts_return_type = "string | null")]
    pub fn holiday(&self, date: Unknown<'_>) -> napi::Result<Option<String>, Code> {
        guard(|| {
            let date = date_arg("date", &date)?;
            Ok(self.inner.holiday(date).map(|h| h.code().to_owned()))
        })
    }

    /// The public holidays of `year` (an integer) this calendar closes on, in date order: ten for
    /// Belgium, none for a weekdays calendar.
    #[napi(ts_args_type = "year: number")]
    pub fn holidays(&self, year: f64) -> napi::Result<Vec<Holiday>, Code> {
        guard(|| {
            Ok(self
                .inner
                .holidays(year_arg(year)?)
                .into_iter()
                .map(|(date, holiday)| Holiday {
                    date: format_date(date),
                    code: holiday.code().to_owned(),
                })
                .collect())
        })
    }
}

impl From<core_schedule::BusinessCalendar> for BusinessCalendar {
    fn from(inner: core_schedule::BusinessCalendar) -> Self {
        BusinessCalendar { inner }
    }
}

/// Reads a year: an integer within the range of a 32-bit signed integer.
fn year_arg(value: f64) -> Result<i32, JsError> {
    i32::try_from(integer_arg("year", value)?)
        .map_err(|_| invalid_arg(format!("year: {value} is out of range")))
}
