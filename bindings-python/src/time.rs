//! `envoi.time`: the host's clock and time zones (mirrors `envoi::time`).
//!
//! A Python object with a `now()` method that returns an aware `datetime` is adapted to the core's
//! [`Clock`] by [`HostClock`]. The core runs with the interpreter detached; the adapter attaches
//! again to call `now()`. If `now()` raises, the adapter keeps the exception object, returns a
//! [`ClockError`] to the core, and [`now_in`] raises that same object once the core has returned.
//!
//! The aware-`datetime` conversions live here for every module: [`instant_arg`] reads any aware
//! `datetime` (a naive one is `time.not_zone_aware`, naming the argument), [`Wall`] and [`PyZone`]
//! build `datetime`s with `tzinfo=ZoneInfo(zone)` and the right `fold`.

use std::sync::{Mutex, PoisonError};

use chrono::{
    DateTime, Datelike, LocalResult, NaiveDateTime, SecondsFormat, TimeZone, Timelike, Utc,
};
use envoi::time::{Clock, ClockError, Instant, TimeError, Zone};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use crate::errors::{guard, to_py_err, to_py_err_with_message};

/// `datetime.datetime`.
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `zoneinfo.ZoneInfo`.
static ZONE_INFO: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime(1970, 1, 1, tzinfo=timezone.utc)`.
static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Why the host's clock gave no instant.
enum Failure {
    /// `now()` raised, or returned something that is not a `datetime`: raised again unchanged.
    Python(PyErr),
    /// `now()` returned a `datetime` that envoi refuses (a naive one, or one out of range).
    Envoi(TimeError),
}

/// A Python clock object seen as the core's [`Clock`].
struct HostClock<'a> {
    /// The host's object; its `now()` is called.
    clock: &'a Py<PyAny>,
    /// The failure of the last call, kept for [`now_in`] to raise.
    failure: Mutex<Option<Failure>>,
}

impl<'a> HostClock<'a> {
    fn new(clock: &'a Py<PyAny>) -> Self {
        HostClock {
            clock,
            failure: Mutex::new(None),
        }
    }

    /// The failure kept by the last call, if any.
    fn take_failure(&self) -> Option<Failure> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn call(&self, py: Python<'_>) -> Result<Instant, Failure> {
        let value = self
            .clock
            .bind(py)
            .call_method0("now")
            .map_err(Failure::Python)?;
        instant_from_py(&value, Source::Clock)
    }
}

impl Clock for HostClock<'_> {
    fn now(&self) -> Result<Instant, ClockError> {
        Python::attach(|py| {
            self.call(py).map_err(|failure| {
                let message = match &failure {
                    Failure::Python(error) => error.to_string(),
                    Failure::Envoi(error) => error.to_string(),
                };
                *self.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(failure);
                ClockError::new(message)
            })
        })
    }
}

/// Where an instant read from Python came from: names it in the errors.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// The value returned by the host clock's `now()`.
    Clock,
    /// An argument of an envoi function, by name.
    Argument(&'a str),
}

impl<'a> Source<'a> {
    /// The name of the field in errors.
    fn field(self) -> &'a str {
        match self {
            Source::Clock => "clock.now()",
            Source::Argument(name) => name,
        }
    }
}

/// The instant of an aware Python `datetime` (any `tzinfo`: `ZoneInfo`, `timezone.utc`, a fixed
/// offset…). A naive one is the core's `TimeError::NotZoneAware`.
fn instant_from_py(value: &Bound<'_, PyAny>, source: Source<'_>) -> Result<Instant, Failure> {
    let py = value.py();
    let datetime = DATETIME
        .import(py, "datetime", "datetime")
        .map_err(Failure::Python)?;
    if !value.is_instance(datetime).map_err(Failure::Python)? {
        let kind = value
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |name| name.to_string());
        let message = match source {
            Source::Clock => format!("clock.now() must return a datetime.datetime, not {kind}"),
            Source::Argument(name) => {
                format!("{name}: expected an aware datetime.datetime, not {kind}")
            }
        };
        return Err(Failure::Python(PyTypeError::new_err(message)));
    }
    let offset = value.call_method0("utcoffset").map_err(Failure::Python)?;
    if offset.is_none() {
        return Err(Failure::Envoi(TimeError::NotZoneAware {
            field: source.field().to_owned(),
            value: value
                .str()
                .map_or_else(|_| "?".to_owned(), |s| s.to_string()),
        }));
    }
    // An aware datetime minus the aware epoch is an exact timedelta, whatever the tzinfo.
    let delta = value
        .sub(epoch(py).map_err(Failure::Python)?)
        .map_err(Failure::Python)?;
    let days: i64 = delta
        .getattr("days")
        .and_then(|v| v.extract())
        .map_err(Failure::Python)?;
    let seconds: i64 = delta
        .getattr("seconds")
        .and_then(|v| v.extract())
        .map_err(Failure::Python)?;
    let micros: u32 = delta
        .getattr("microseconds")
        .and_then(|v| v.extract())
        .map_err(Failure::Python)?;
    // Python datetimes span years 1..=9999, well inside chrono's range.
    DateTime::from_timestamp(days * 86_400 + seconds, micros * 1_000).ok_or_else(|| {
        Failure::Envoi(TimeError::OutOfRange {
            value: value
                .str()
                .map_or_else(|_| "?".to_owned(), |s| s.to_string()),
            zone: "UTC".to_owned(),
        })
    })
}

/// The instant of the aware `datetime` passed as argument `name` (any tzinfo). A naive one raises
/// `envoi.TimeError` (`time.not_zone_aware`) naming the argument; anything but a `datetime` is a
/// `TypeError`.
pub(crate) fn instant_arg(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Instant> {
    instant_from_py(value, Source::Argument(name)).map_err(|failure| match failure {
        Failure::Python(error) => error,
        Failure::Envoi(error) => to_py_err(value.py(), error),
    })
}

fn epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    EPOCH
        .get_or_try_init(py, || {
            let module = py.import("datetime")?;
            let utc = module.getattr("timezone")?.getattr("utc")?;
            let kwargs = PyDict::new(py);
            kwargs.set_item("tzinfo", utc)?;
            Ok::<_, PyErr>(
                module
                    .getattr("datetime")?
                    .call((1970, 1, 1), Some(&kwargs))?
                    .unbind(),
            )
        })
        .map(|epoch| epoch.bind(py))
}

/// An instant as the wall clock of a zone shows it, ready to become a Python `datetime`: computed
/// in Rust (no interpreter needed), so a list of them is built while detached.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wall {
    /// The instant.
    instant: Instant,
    /// The wall-clock time in the zone.
    local: NaiveDateTime,
    /// PEP 495's `fold`: the wall time happens twice (a DST fold) and this is the second one.
    fold: bool,
}

impl Wall {
    /// `instant` on the wall clock of `zone`.
    pub(crate) fn of(zone: Zone, instant: Instant) -> Self {
        let zoned = zone.localize(instant);
        let local = zoned.naive_local();
        let fold = matches!(
            zoned.timezone().from_local_datetime(&local),
            LocalResult::Ambiguous(first, _) if first != zoned
        );
        Wall {
            instant,
            local,
            fold,
        }
    }
}

/// Builds Python `datetime`s with `tzinfo=ZoneInfo(zone)`: one constructor call per `datetime`,
/// `datetime(y, m, d, H, M, S, us, tzinfo)` (positional, and `fold=1` only in a fold), with the
/// type and the `ZoneInfo` looked up once.
pub(crate) struct PyZone<'py> {
    zone: Zone,
    datetime: &'py Bound<'py, PyType>,
    tzinfo: Bound<'py, PyAny>,
    fold: Bound<'py, PyDict>,
}

impl<'py> PyZone<'py> {
    pub(crate) fn new(py: Python<'py>, zone: Zone) -> PyResult<Self> {
        let tzinfo = ZONE_INFO
            .import(py, "zoneinfo", "ZoneInfo")?
            .call1((zone.name(),))?;
        let fold = PyDict::new(py);
        fold.set_item(pyo3::intern!(py, "fold"), 1)?;
        Ok(PyZone {
            zone,
            datetime: DATETIME.import(py, "datetime", "datetime")?,
            tzinfo,
            fold,
        })
    }

    /// The `datetime` of `wall`. A wall time outside Python's years (1 to 9999) raises
    /// `envoi.TimeError` (`time.out_of_range`).
    pub(crate) fn datetime(&self, wall: &Wall) -> PyResult<Bound<'py, PyAny>> {
        let local = wall.local;
        if !(1..=9999).contains(&local.year()) {
            let message = format!(
                "{} is {local} in {}, outside the years of Python's datetimes (1 to 9999)",
                wall.instant.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                self.zone
            );
            let error = TimeError::OutOfRange {
                value: local.to_string(),
                zone: self.zone.name().to_owned(),
            };
            return Err(to_py_err_with_message(self.tzinfo.py(), error, &message));
        }
        // A leap second (nanoseconds past 1e9) has no Python representation: keep the last
        // microsecond. Python has no nanoseconds: they are dropped.
        let micros = (local.nanosecond() / 1_000).min(999_999);
        let args = (
            local.year(),
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second(),
            micros,
            &self.tzinfo,
        );
        if wall.fold {
            self.datetime.call(args, Some(&self.fold))
        } else {
            self.datetime.call1(args)
        }
    }

    /// The `datetime` of `instant`.
    pub(crate) fn instant(&self, instant: Instant) -> PyResult<Bound<'py, PyAny>> {
        self.datetime(&Wall::of(self.zone, instant))
    }
}

/// The current time of the host's `clock`, as an aware `datetime` in `zone` (an IANA name,
/// `"Europe/Brussels"` by default) with `tzinfo=ZoneInfo(zone)`.
///
/// `clock` is any object whose `now()` returns an aware `datetime` (any tzinfo). An exception raised
/// by `now()` reaches the caller unchanged. Raises `envoi.TimeError` with `.code`
/// `"time.unknown_zone"` for an unknown zone and `"time.not_zone_aware"` when `now()` returns a naive
/// `datetime`.
#[pyfunction]
#[pyo3(signature = (clock, zone = Zone::default().name()))]
#[pyo3(text_signature = "(clock, zone='Europe/Brussels')")]
pub fn now_in<'py>(py: Python<'py>, clock: Py<PyAny>, zone: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let zone: Zone = zone.parse().map_err(|error| to_py_err(py, error))?;
        let host = HostClock::new(&clock);
        match py.detach(|| zone.now(&host)) {
            Ok(zoned) => PyZone::new(py, zone)?.instant(zoned.with_timezone(&Utc)),
            Err(error) => Err(match host.take_failure() {
                Some(Failure::Python(error)) => error,
                Some(Failure::Envoi(error)) => to_py_err(py, error),
                None => to_py_err(py, error),
            }),
        }
    })
}
