//! `envoi.schedule`: schedules and the business calendar (mirrors `envoi::schedule`).
//!
//! Only conversions: a Python `datetime.date` becomes a [`NaiveDate`] ([`Day`]; a `datetime` is
//! refused, it has a time and maybe a zone), the core's [`envoi::schedule::BusinessCalendar`] is held
//! by the frozen Python [`BusinessCalendar`], and its JSON form is the core's serde form.
//!
//! The core's [`envoi::schedule::Schedule`] is held by the frozen Python [`Schedule`]; its instants
//! go in and out as aware `datetime`s through [`crate::time`]'s conversions. `between` computes the
//! occurrences and their wall-clock times while detached, then builds one `datetime` per occurrence
//! with a single constructor call (the bench target is 3x python-dateutil's rrule).
//!
//! Python's dates end in year 9999 while chrono's go much further: a result past Python's range is
//! the core's `schedule.date_out_of_range`, with a message naming Python's range.

use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use envoi::schedule::{BelgianHoliday, HolidayLanguage, Repeat, RepeatUnit, ScheduleError};
use envoi::time::{Instant, Zone};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyType};

use crate::errors::{guard, to_py_err, to_py_err_with_message};
use crate::sms::WideInt;
use crate::time::{PyZone, Wall, instant_arg};

/// `datetime.date`.
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.datetime`.
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The years a Python `datetime.date` can hold.
const PYTHON_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// A calendar day read from a Python `datetime.date`.
///
/// A `datetime.datetime` (a subclass of `date`) is refused with a `TypeError`: its day depends on
/// the zone, so the caller must take `.date()` in the right zone first.
#[derive(Debug, Clone, Copy)]
pub struct Day(pub(crate) NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for Day {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = value.py();
        if value.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
            return Err(PyTypeError::new_err(format!(
                "expected a datetime.date, got the datetime {}: a calendar day has no time; take \
                 .date() in the right zone first, e.g. \
                 value.astimezone(ZoneInfo(\"Europe/Brussels\")).date()",
                value.repr()?
            )));
        }
        if !value.is_instance(DATE.import(py, "datetime", "date")?)? {
            return Err(PyTypeError::new_err(format!(
                "expected a datetime.date, not {}",
                value.get_type().name()?
            )));
        }
        let year: i32 = value.getattr(pyo3::intern!(py, "year"))?.extract()?;
        let month: u32 = value.getattr(pyo3::intern!(py, "month"))?.extract()?;
        let day: u32 = value.getattr(pyo3::intern!(py, "day"))?.extract()?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Day)
            .ok_or_else(|| PyValueError::new_err(format!("not a date: {year}-{month}-{day}")))
    }
}

/// A core date as a Python `datetime.date`. `moved` is where it came from (`date` moved by
/// `business_days`): a result past Python's dates is `schedule.date_out_of_range`.
fn date_to_py<'py>(
    py: Python<'py>,
    date: NaiveDate,
    moved: (NaiveDate, i64),
) -> PyResult<Bound<'py, PyAny>> {
    if !PYTHON_YEARS.contains(&date.year()) {
        let (origin, business_days) = moved;
        let message = format!(
            "date: {origin} moved by {business_days} business days leaves the range of Python dates \
             (0001-01-01 to 9999-12-31)"
        );
        let error = ScheduleError::DateOutOfRange {
            date: origin,
            business_days,
        };
        return Err(to_py_err_with_message(py, error, &message));
    }
    DATE.import(py, "datetime", "date")?
        .call1((date.year(), date.month(), date.day()))
}

/// A year argument, checked against the years of Python's dates.
fn python_year(year: WideInt, field: &str) -> PyResult<i32> {
    i32::try_from(year.0)
        .ok()
        .filter(|year| PYTHON_YEARS.contains(year))
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "{field}: year {} is out of range; Python dates hold the years 1 to 9999",
                year.0
            ))
        })
}

/// Which days are business days: Monday to Friday, except the public holidays of its rules and the
/// closed days the host added.
///
/// Build one with `belgium()` or `weekdays()`, then `with_closed_days(...)` and `combine(...)`; it
/// is immutable and hashable. Days are `datetime.date`s: decide the day in the right zone first
/// (Europe/Brussels for the post); a `datetime` is refused with a `TypeError`.
#[pyclass(module = "envoi.schedule", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar(envoi::schedule::BusinessCalendar);

impl Hash for BusinessCalendar {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.holiday_rules().count().hash(state);
        self.0.holiday_rules().for_each(|rule| rule.hash(state));
        self.0.closed_days().for_each(|day| day.hash(state));
    }
}

impl BusinessCalendar {
    /// The core's JSON form.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|error| PyValueError::new_err(format!("BusinessCalendar JSON: {error}")))
    }
}

#[pymethods]
impl BusinessCalendar {
    /// This calendar, also closed on `days` (an iterable of dates: a bridge day, a strike, the
    /// company's annual closure). Days already closed change nothing.
    fn with_closed_days(&self, py: Python<'_>, days: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let days = days
                .try_iter()?
                .map(|day| day.and_then(|day| day.extract::<Day>()).map(|day| day.0))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(BusinessCalendar(self.0.clone().with_closed_days(days)))
        })
    }

    /// A calendar closed whenever this one or `other` is closed: the union of their holiday rules
    /// and closed days (a date that must suit production and the post's delivery).
    fn combine(&self, py: Python<'_>, other: &Bound<'_, BusinessCalendar>) -> PyResult<Self> {
        guard(py, || Ok(BusinessCalendar(self.0.combine(&other.get().0))))
    }

    /// Whether `date` is a business day: a Monday to Friday that is neither a holiday nor a closed
    /// day.
    fn is_business_day(&self, py: Python<'_>, date: Day) -> PyResult<bool> {
        guard(py, || Ok(py.detach(|| self.0.is_business_day(date.0))))
    }

    /// The first business day strictly after `date`. Raises `envoi.ScheduleError`
    /// (`schedule.no_business_day`, `schedule.date_out_of_range`).
    fn next_business_day<'py>(&self, py: Python<'py>, date: Day) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let next = py
                .detach(|| self.0.next_business_day(date.0))
                .map_err(|error| to_py_err(py, error))?;
            date_to_py(py, next, (date.0, 1))
        })
    }

    /// The last business day strictly before `date`. Raises `envoi.ScheduleError`
    /// (`schedule.no_business_day`, `schedule.date_out_of_range`).
    fn previous_business_day<'py>(
        &self,
        py: Python<'py>,
        date: Day,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let previous = py
                .detach(|| self.0.previous_business_day(date.0))
                .map_err(|error| to_py_err(py, error))?;
            date_to_py(py, previous, (date.0, -1))
        })
    }

    /// `date` when it is a business day, otherwise the next business day. Raises
    /// `envoi.ScheduleError` (`schedule.no_business_day`, `schedule.date_out_of_range`).
    fn this_or_next_business_day<'py>(
        &self,
        py: Python<'py>,
        date: Day,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let day = py
                .detach(|| self.0.this_or_next_business_day(date.0))
                .map_err(|error| to_py_err(py, error))?;
            date_to_py(py, day, (date.0, 1))
        })
    }

    /// `date` moved by `n` business days ("D+n"): with `n > 0` the `n`-th business day strictly
    /// after `date`, with `n < 0` the `|n|`-th strictly before, with `n == 0` `date` itself. Raises
    /// `envoi.ScheduleError` (`schedule.no_business_day`, `schedule.date_out_of_range`).
    fn add_business_days<'py>(
        &self,
        py: Python<'py>,
        date: Day,
        n: WideInt,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let result = py
                .detach(|| self.0.add_business_days(date.0, n.0))
                .map_err(|error| to_py_err(py, error))?;
            date_to_py(py, result, (date.0, n.0))
        })
    }

    /// The number of business days after `a`, up to and including `b`; negative when `b < a`.
    fn business_days_between(&self, py: Python<'_>, a: Day, b: Day) -> PyResult<i64> {
        guard(py, || {
            Ok(py.detach(|| self.0.business_days_between(a.0, b.0)))
        })
    }

    /// The code of the holiday on `date` (such as `"easter_monday"`), or None.
    fn holiday(&self, py: Python<'_>, date: Day) -> PyResult<Option<&'static str>> {
        guard(py, || {
            Ok(py.detach(|| self.0.holiday(date.0).map(BelgianHoliday::code)))
        })
    }

    /// The holidays of `year` this calendar closes on, in date order: `(date, code)`.
    fn holidays<'py>(
        &self,
        py: Python<'py>,
        year: WideInt,
    ) -> PyResult<Vec<(Bound<'py, PyAny>, &'static str)>> {
        guard(py, || {
            let year = python_year(year, "year")?;
            py.detach(|| self.0.holidays(year))
                .into_iter()
                .map(|(date, holiday)| Ok((date_to_py(py, date, (date, 0))?, holiday.code())))
                .collect()
        })
    }

    /// The calendar's JSON form (the core's serde form), such as
    /// `{"holidays":["belgium"],"closed_days":["2026-05-15"]}`.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json())
    }

    /// The calendar of a JSON form written by `to_json` (in any language). Raises `ValueError`
    /// naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            serde_json::from_str(text)
                .map(BusinessCalendar)
                .map_err(|error| {
                    PyValueError::new_err(format!("not a BusinessCalendar JSON: {error}"))
                })
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &self.json()?).repr()?;
            Ok(format!("BusinessCalendar.from_json({json})"))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<BusinessCalendar>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json()?,)))
        })
    }
}

/// Monday to Friday except the ten Belgian public holidays of every year, computed from their
/// rules.
#[pyfunction]
pub fn belgium(py: Python<'_>) -> PyResult<BusinessCalendar> {
    guard(py, || {
        Ok(BusinessCalendar(
            envoi::schedule::BusinessCalendar::belgium(),
        ))
    })
}

/// Monday to Friday, with no holidays and no closed days: the base to build other calendars on.
#[pyfunction]
pub fn weekdays(py: Python<'_>) -> PyResult<BusinessCalendar> {
    guard(py, || {
        Ok(BusinessCalendar(
            envoi::schedule::BusinessCalendar::weekdays(),
        ))
    })
}

/// The date of Easter Sunday of `year` (Gregorian calendar). Raises `ValueError` for a year
/// outside Python's dates (1 to 9999).
#[pyfunction]
pub fn easter_sunday(py: Python<'_>, year: WideInt) -> PyResult<Bound<'_, PyAny>> {
    guard(py, || {
        let year = python_year(year, "year")?;
        let easter = envoi::schedule::easter_sunday(year)
            .ok_or_else(|| PyValueError::new_err(format!("year: no Easter date for {year}")))?;
        date_to_py(py, easter, (easter, 0))
    })
}

/// The name of the Belgian holiday `code` (such as `"easter_monday"`) in `language`: `"fr"`,
/// `"nl"`, `"de"` or `"en"`. Raises `ValueError` for an unknown code or language.
#[pyfunction]
#[pyo3(signature = (code, language = "en"))]
#[pyo3(text_signature = "(code, language='en')")]
pub fn holiday_name(py: Python<'_>, code: &str, language: &str) -> PyResult<&'static str> {
    guard(py, || {
        let holiday = BelgianHoliday::ALL
            .into_iter()
            .find(|holiday| holiday.code() == code)
            .ok_or_else(|| {
                let codes: Vec<_> = BelgianHoliday::ALL.iter().map(|h| h.code()).collect();
                PyValueError::new_err(format!(
                    "code: unknown holiday {code:?}; expected one of {}",
                    codes.join(", ")
                ))
            })?;
        let language = HolidayLanguage::from_code(language).ok_or_else(|| {
            PyValueError::new_err(format!(
                "language: unknown language {language:?}; expected \"fr\", \"nl\", \"de\" or \"en\""
            ))
        })?;
        Ok(holiday.name(language))
    })
}

/// How many occurrences `Schedule.between` returns at most unless told otherwise.
const DEFAULT_BETWEEN_LIMIT: WideInt = WideInt(10_000);

/// When a task sends: a first date, an optional repeat every `every` `unit`s (`"hours"`, `"days"`,
/// `"weeks"` or `"months"`) counted from it, an optional inclusive `stop` and an optional occurrence
/// `count`, in the IANA zone `tz` (`"Europe/Brussels"` by default).
///
/// Hours count elapsed time (every 2 hours is 2 real hours apart across a DST change); days, weeks
/// and months keep the wall-clock time of `start` in `tz` (a daily 09:00 task stays at 09:00; a
/// wall time in a DST gap moves forward by the gap, one in a fold takes the first instant); months
/// from the 31st clamp to the month's last day without drifting. Datetimes in are aware (any
/// tzinfo; a naive one raises `envoi.TimeError`, code `time.not_zone_aware`); datetimes out have
/// `tzinfo=ZoneInfo(tz)`. Immutable, hashable, picklable.
///
/// `Schedule.from_rrule(text, start, tz)` follows an RFC 5545 recurrence rule instead (`RRULE`
/// with `EXDATE`/`RDATE` lines and RFC 7529 `SKIP`); its queries expand the rule from `start` and
/// raise `envoi.ScheduleError` (`schedule.too_expensive`) past `MAX_CANDIDATES` candidates.
#[pyclass(module = "envoi.schedule", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule(envoi::schedule::Schedule);

impl Hash for Schedule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let schedule = &self.0;
        schedule.start().hash(state);
        schedule.zone().hash(state);
        schedule.repeat().hash(state);
        schedule.stop().hash(state);
        schedule.count().hash(state);
        schedule.rrule().hash(state);
    }
}

impl Schedule {
    /// The core's JSON form.
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|error| PyValueError::new_err(format!("Schedule JSON: {error}")))
    }

    /// The aware `datetime` of an occurrence, or None.
    fn optional<'py>(
        &self,
        py: Python<'py>,
        instant: Option<Instant>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        instant
            .map(|instant| PyZone::new(py, self.0.zone())?.instant(instant))
            .transpose()
    }
}

/// The repeat of `every` and `unit`, given both or neither.
fn repeat(py: Python<'_>, every: Option<WideInt>, unit: Option<&str>) -> PyResult<Option<Repeat>> {
    let py_err = |error: ScheduleError| to_py_err(py, error);
    let interval = every
        .map(|every| Repeat::interval_from(every.0))
        .transpose()
        .map_err(py_err)?;
    let unit = unit
        .map(str::parse::<RepeatUnit>)
        .transpose()
        .map_err(py_err)?;
    match (interval, unit) {
        (Some(interval), Some(unit)) => Repeat::new(interval, unit).map(Some).map_err(py_err),
        (None, None) => Ok(None),
        (Some(interval), None) => Err(PyValueError::new_err(format!(
            "every={interval} needs a unit: unit=\"hours\", \"days\", \"weeks\" or \"months\" \
             (every and unit go together; give neither for a one-shot schedule)"
        ))),
        (None, Some(unit)) => Err(PyValueError::new_err(format!(
            "unit={:?} needs an interval: every=1 or more (every and unit go together; give \
             neither for a one-shot schedule)",
            unit.name()
        ))),
    }
}

#[pymethods]
impl Schedule {
    /// A schedule from `start` (an aware datetime). Raises `envoi.ScheduleError`
    /// (`schedule.invalid_interval`, `schedule.unknown_unit`, `schedule.stop_before_start`,
    /// `schedule.invalid_count`), `envoi.TimeError` (`time.unknown_zone`, `time.not_zone_aware`),
    /// and `ValueError` when only one of `every` and `unit` is given.
    #[new]
    #[pyo3(signature = (start, *, every = None, unit = None, stop = None, count = None, tz = Zone::default().name()))]
    #[pyo3(
        text_signature = "(start, *, every=None, unit=None, stop=None, count=None, tz='Europe/Brussels')"
    )]
    fn new(
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        every: Option<WideInt>,
        unit: Option<&str>,
        stop: Option<&Bound<'_, PyAny>>,
        count: Option<WideInt>,
        tz: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let start = instant_arg(start, "start")?;
            let stop = stop.map(|stop| instant_arg(stop, "stop")).transpose()?;
            let zone: Zone = tz.parse().map_err(|error| to_py_err(py, error))?;
            let mut schedule = envoi::schedule::Schedule::new(start, zone);
            if let Some(repeat) = repeat(py, every, unit)? {
                schedule = schedule.repeating(repeat);
            }
            if let Some(stop) = stop {
                schedule = schedule
                    .with_stop(stop)
                    .map_err(|error| to_py_err(py, error))?;
            }
            if let Some(count) = count {
                let count = envoi::schedule::Schedule::count_from(count.0)
                    .map_err(|error| to_py_err(py, error))?;
                schedule = schedule
                    .with_count(count)
                    .map_err(|error| to_py_err(py, error))?;
            }
            Ok(Schedule(schedule))
        })
    }

    /// A schedule following an RFC 5545 recurrence: `text` holds an `RRULE:` line (or a bare rule
    /// value `FREQ=...`) and optional `EXDATE` and `RDATE` lines; `start` (an aware datetime) is
    /// DTSTART, always the first occurrence, and the rule expands in wall-clock time of `tz`.
    /// Raises `envoi.ScheduleError` (`schedule.invalid_rrule` naming the wrong line or rule part,
    /// `schedule.never_occurs`) and `envoi.TimeError` (`time.unknown_zone`,
    /// `time.not_zone_aware`).
    #[staticmethod]
    #[pyo3(signature = (text, start, tz = Zone::default().name()))]
    #[pyo3(text_signature = "(text, start, tz='Europe/Brussels')")]
    fn from_rrule(
        py: Python<'_>,
        text: &str,
        start: &Bound<'_, PyAny>,
        tz: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let start = instant_arg(start, "start")?;
            let zone: Zone = tz.parse().map_err(|error| to_py_err(py, error))?;
            envoi::schedule::Schedule::from_rrule(text, start, zone)
                .map(Schedule)
                .map_err(|error| to_py_err(py, error))
        })
    }

    /// The first date, in `tz`.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            PyZone::new(py, self.0.zone())?.instant(self.0.start())
        })
    }

    /// The IANA name of the zone of the wall-clock rules, such as `"Europe/Brussels"`.
    #[getter]
    fn tz(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || Ok(self.0.zone().name()))
    }

    /// How many units apart the occurrences are, or None for a one-shot or RRULE schedule.
    #[getter]
    fn every(&self, py: Python<'_>) -> PyResult<Option<u32>> {
        guard(py, || Ok(self.0.repeat().map(Repeat::interval)))
    }

    /// The unit of the repeat (`"hours"`, `"days"`, `"weeks"` or `"months"`), or None for a
    /// one-shot or RRULE schedule.
    #[getter]
    fn unit(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
        guard(py, || {
            Ok(self.0.repeat().map(|repeat| repeat.unit().name()))
        })
    }

    /// The inclusive stop, in `tz`, or None.
    #[getter]
    fn stop<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || self.optional(py, self.0.stop()))
    }

    /// The most occurrences (the first date included), or None.
    #[getter]
    fn count(&self, py: Python<'_>) -> PyResult<Option<u32>> {
        guard(py, || Ok(self.0.count()))
    }

    /// The recurrence text of a schedule made by `from_rrule`, as given (trimmed), or None.
    #[getter]
    fn rrule(&self, py: Python<'_>) -> PyResult<Option<String>> {
        guard(py, || Ok(self.0.rrule().map(str::to_owned)))
    }

    /// The first occurrence strictly after `dt`, in `tz`; None when the schedule is finished at
    /// `dt`. Costs the same whether a simple schedule started yesterday or ten years ago; an RRULE
    /// schedule expands from `start` and raises `envoi.ScheduleError` (`schedule.too_expensive`)
    /// past `MAX_CANDIDATES` candidates.
    fn next_after<'py>(
        &self,
        py: Python<'py>,
        dt: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let t = instant_arg(dt, "dt")?;
            let next = py
                .detach(|| self.0.next_after(t))
                .map_err(|error| to_py_err(py, error))?;
            self.optional(py, next)
        })
    }

    /// The occurrences from `a` to `b`, both included, in order, in `tz`; empty when `b < a`.
    ///
    /// At most `limit` (10,000 by default): more than `limit` occurrences raises
    /// `envoi.ScheduleError` (`schedule.too_many_occurrences`) rather than return a partial list;
    /// narrow the range, raise the limit, or step with `next_after`. A negative `limit` raises
    /// `ValueError`. An RRULE schedule may raise `envoi.ScheduleError` (`schedule.too_expensive`).
    #[pyo3(signature = (a, b, *, limit = DEFAULT_BETWEEN_LIMIT))]
    #[pyo3(text_signature = "($self, a, b, *, limit=10000)")]
    fn between<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
        limit: WideInt,
    ) -> PyResult<Bound<'py, PyList>> {
        guard(py, || {
            let from = instant_arg(a, "a")?;
            let to = instant_arg(b, "b")?;
            let max = usize::try_from(limit.0).map_err(|_| {
                PyValueError::new_err(format!(
                    "limit: {} is negative; between returns at most limit occurrences",
                    limit.0
                ))
            })?;
            let zone = self.0.zone();
            let walls: Vec<Wall> = py
                .detach(|| {
                    self.0.occurrences_list(from, to, max).map(|instants| {
                        instants
                            .into_iter()
                            .map(|instant| Wall::of(zone, instant))
                            .collect()
                    })
                })
                .map_err(|error| to_py_err(py, error))?;
            let zone = PyZone::new(py, zone)?;
            let datetimes = walls
                .iter()
                .map(|wall| zone.datetime(wall))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, datetimes)
        })
    }

    /// The occurrence of index `index` (0 is `start`), in `tz`; None when the schedule has no such
    /// occurrence (past its count or stop, or a one-shot schedule). Raises `ValueError` for a
    /// negative index; an RRULE schedule may raise `envoi.ScheduleError` (`schedule.too_expensive`).
    fn occurrence<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let index = match index.extract::<u64>() {
                Ok(index) => index,
                Err(_) if index.lt(0)? => {
                    return Err(PyValueError::new_err(format!(
                        "index: {} is negative; occurrences count from 0 (the first date)",
                        index.str()?
                    )));
                }
                // An index past u64 has no occurrence (no date is that far).
                Err(error) if error.is_instance_of::<PyOverflowError>(py) => return Ok(None),
                Err(error) => return Err(error),
            };
            let occurrence = py
                .detach(|| self.0.occurrence(index))
                .map_err(|error| to_py_err(py, error))?;
            self.optional(py, occurrence)
        })
    }

    /// How many occurrences fall at or before `dt`. An RRULE schedule may raise
    /// `envoi.ScheduleError` (`schedule.too_expensive`).
    fn count_until(&self, py: Python<'_>, dt: &Bound<'_, PyAny>) -> PyResult<u64> {
        guard(py, || {
            let t = instant_arg(dt, "dt")?;
            py.detach(|| self.0.occurrence_count_until(t))
                .map_err(|error| to_py_err(py, error))
        })
    }

    /// Whether the schedule has no occurrence after `dt`. An RRULE schedule may raise
    /// `envoi.ScheduleError` (`schedule.too_expensive`).
    fn is_finished(&self, py: Python<'_>, dt: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || {
            let t = instant_arg(dt, "dt")?;
            py.detach(|| self.0.is_finished(t))
                .map_err(|error| to_py_err(py, error))
        })
    }

    /// The schedule's JSON form (the core's serde form), such as
    /// `{"start":"2026-01-31T09:00:00Z","zone":"Europe/Brussels","repeat":{"every":1,"unit":"months"},"stop":null,"count":12}`,
    /// or for an RRULE schedule `{"start":...,"zone":...,"rrule":"RRULE:FREQ=WEEKLY"}`.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json())
    }

    /// The schedule of a JSON form written by `to_json` (in any language). Raises `ValueError`
    /// naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            serde_json::from_str(text)
                .map(Schedule)
                .map_err(|error| PyValueError::new_err(format!("not a Schedule JSON: {error}")))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let schedule = &self.0;
            if let Some(rrule) = schedule.rrule() {
                // An RRULE schedule with its own stop or count only comes from JSON.
                if schedule.stop().is_some() || schedule.count().is_some() {
                    let json = PyString::new(py, &self.json()?).repr()?;
                    return Ok(format!("Schedule.from_json({json})"));
                }
                return Ok(format!(
                    "Schedule.from_rrule({}, {}, tz='{}')",
                    PyString::new(py, rrule).repr()?,
                    self.start(py)?.repr()?,
                    schedule.zone()
                ));
            }
            let mut repr = format!("Schedule({}", self.start(py)?.repr()?);
            if let Some(repeat) = schedule.repeat() {
                repr += &format!(", every={}, unit='{}'", repeat.interval(), repeat.unit());
            }
            if let Some(stop) = self.stop(py)? {
                repr += &format!(", stop={}", stop.repr()?);
            }
            if let Some(count) = schedule.count() {
                repr += &format!(", count={count}");
            }
            repr += &format!(", tz='{}')", schedule.zone());
            Ok(repr)
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Schedule>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json()?,)))
        })
    }
}
