//! `envoi.time`: the host's clock and time zones (mirrors `envoi::time`).
//!
//! A Python object with a `now()` method that returns an aware `datetime` is adapted to the core's
//! [`Clock`] by [`HostClock`]. The core runs with the interpreter detached; the adapter attaches
//! again to call `now()`. If `now()` raises, the adapter keeps the exception object, returns a
//! [`ClockError`] to the core, and [`now_in`] raises that same object once the core has returned.

use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Datelike, Offset, Timelike};
use envoi::time::{Clock, ClockError, Instant, TimeError, Zone, ZonedDateTime};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

use crate::errors::{guard, to_py_err};

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
    /// `now()` returned a `datetime` that envoi refuses (a naive one).
    Envoi(envoi::Error),
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
        instant_from_py(&value)
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

/// The instant of an aware Python `datetime` (any `tzinfo`: `ZoneInfo`, `timezone.utc`, a fixed
/// offset…). A naive one is the core's `TimeError::NotZoneAware`.
fn instant_from_py(value: &Bound<'_, PyAny>) -> Result<Instant, Failure> {
    let py = value.py();
    let datetime = DATETIME
        .import(py, "datetime", "datetime")
        .map_err(Failure::Python)?;
    if !value.is_instance(datetime).map_err(Failure::Python)? {
        let kind = value
            .get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |name| name.to_string());
        return Err(Failure::Python(PyTypeError::new_err(format!(
            "clock.now() must return a datetime.datetime, not {kind}"
        ))));
    }
    let offset = value.call_method0("utcoffset").map_err(Failure::Python)?;
    if offset.is_none() {
        return Err(Failure::Envoi(
            TimeError::NotZoneAware {
                field: "clock.now()".to_owned(),
                value: value
                    .str()
                    .map_or_else(|_| "?".to_owned(), |s| s.to_string()),
            }
            .into(),
        ));
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
        Failure::Envoi(
            TimeError::OutOfRange {
                value: value
                    .str()
                    .map_or_else(|_| "?".to_owned(), |s| s.to_string()),
                zone: "UTC".to_owned(),
            }
            .into(),
        )
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

/// The core's zoned date-time as a Python `datetime` with `tzinfo=ZoneInfo(zone)`.
fn datetime_to_py<'py>(
    py: Python<'py>,
    zone: Zone,
    zoned: &ZonedDateTime,
) -> PyResult<Bound<'py, PyAny>> {
    let datetime = DATETIME.import(py, "datetime", "datetime")?;
    let tzinfo = ZONE_INFO
        .import(py, "zoneinfo", "ZoneInfo")?
        .call1((zone.name(),))?;
    let local = zoned.naive_local();
    // A leap second (nanoseconds past 1e9) has no Python representation: keep the last microsecond.
    let micros = (local.nanosecond() / 1_000).min(999_999);
    let offset = i64::from(zoned.offset().fix().local_minus_utc());
    let build = |fold: u8| -> PyResult<Bound<'py, PyAny>> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("tzinfo", &tzinfo)?;
        kwargs.set_item("fold", fold)?;
        datetime.call(
            (
                local.year(),
                local.month(),
                local.day(),
                local.hour(),
                local.minute(),
                local.second(),
                micros,
            ),
            Some(&kwargs),
        )
    };
    // In a DST fold the wall time happens twice: `fold=1` is the second one, and the offset tells
    // which one the core meant.
    let first = build(0)?;
    let utcoffset = first.call_method0("utcoffset")?;
    let days: i64 = utcoffset.getattr("days")?.extract()?;
    let seconds: i64 = utcoffset.getattr("seconds")?.extract()?;
    if days * 86_400 + seconds == offset {
        Ok(first)
    } else {
        build(1)
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
            Ok(zoned) => datetime_to_py(py, zone, &zoned),
            Err(error) => Err(match host.take_failure() {
                Some(Failure::Python(error)) => error,
                Some(Failure::Envoi(error)) => to_py_err(py, error),
                None => to_py_err(py, error),
            }),
        }
    })
}
