//! `envoi.credits`: the credit ledger (mirrors `envoi::credits`).
//!
//! Only conversions: kinds are strings checked by the core's [`CreditKind::new`], times are aware
//! `datetime`s in (any tzinfo, through [`crate::time::instant_arg`]) and `datetime`s in the
//! ledger's zone out (`tzinfo=ZoneInfo(tz)`), unit counts are Python `int`s read as `i128`
//! ([`UnitCount`]) and checked by the core's [`envoi::credits::unit_count`], so a negative or huge
//! count is `credits.invalid_units` with the value as given. The core's [`envoi::credits::Ledger`] is held in a
//! [`Mutex`] by the frozen Python [`Ledger`]: every operation locks it with the interpreter
//! detached (other Python threads keep running, and two threads never see a half-done operation),
//! and builds its Python result after the lock is released.
//!
//! Entries go out as the core's serde JSON form (read with Python's `json` module: plain dicts a
//! host stores as JSON) and come back through `Ledger.from_entries`, which the core replays.
//!
//! A [`CreditError`] becomes `envoi.CreditError` with the core's code and message and the
//! variant's fields as attributes (`needed`, `available`, `reserved`, `requested`, `at`, `last`,
//! `key`…), times as `datetime`s in the ledger's zone.
//!
//! Billing plans ([`plans`]: `BlockPlan`, `monthly_statement`) live beside the ledger, as in the
//! core.

pub(crate) mod plans;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use envoi::credits::{CreditError, CreditKind, Entry, LotSource, OrderStatus};
use envoi::time::{Instant, Zone};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::{guard, poisoned, to_py_err, to_py_err_with_fields};
use crate::sms::WideInt;
use crate::time::{PyZone, instant_arg};

/// `json.loads`.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// `json.dumps`.
static JSON_DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python exception of a credit error: `envoi.CreditError` with the variant's fields as
/// attributes, times in `zone`. A time outside Python's years becomes None.
pub(crate) fn credit_err(py: Python<'_>, zone: Zone, error: CreditError) -> PyErr {
    match credit_fields(py, zone, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of a credit error, named as the core names them.
fn credit_fields<'py>(
    py: Python<'py>,
    zone: Zone,
    error: &CreditError,
) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    let time = |t: &Instant| PyZone::new(py, zone).and_then(|zone| zone.instant(*t)).ok();
    match error {
        CreditError::InsufficientCredit {
            kind,
            needed,
            available,
        } => {
            fields.set_item("kind", kind.as_str())?;
            fields.set_item("needed", needed)?;
            fields.set_item("available", available)?;
        }
        CreditError::IdempotencyConflict { key, first, this } => {
            fields.set_item("key", key)?;
            fields.set_item("first", first)?;
            fields.set_item("this", this)?;
        }
        CreditError::InvalidUnits { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        CreditError::OrderNotFound { order_id } => {
            fields.set_item("order_id", order_id)?;
        }
        CreditError::OrderVoided {
            order_id,
            voided_at,
        } => {
            fields.set_item("order_id", order_id)?;
            fields.set_item("voided_at", time(voided_at))?;
        }
        CreditError::UnknownReservation { key } => {
            fields.set_item("key", key)?;
        }
        CreditError::ReservationAlreadyCommitted {
            key,
            units,
            committed_at,
        } => {
            fields.set_item("key", key)?;
            fields.set_item("units", units)?;
            fields.set_item("committed_at", time(committed_at))?;
        }
        CreditError::ReservationAlreadyReleased { key, released_at } => {
            fields.set_item("key", key)?;
            fields.set_item("released_at", time(released_at))?;
        }
        CreditError::ReservationTimedOut {
            key,
            reserved_at,
            timed_out_at,
        } => {
            fields.set_item("key", key)?;
            fields.set_item("reserved_at", time(reserved_at))?;
            fields.set_item("timed_out_at", time(timed_out_at))?;
        }
        CreditError::ExceedsReserved {
            key,
            reserved,
            requested,
        } => {
            fields.set_item("key", key)?;
            fields.set_item("reserved", reserved)?;
            fields.set_item("requested", requested)?;
        }
        CreditError::TimeRegression { at, last } => {
            fields.set_item("at", time(at))?;
            fields.set_item("last", time(last))?;
        }
        CreditError::InvalidKind { value } => {
            fields.set_item("value", value)?;
        }
        CreditError::InvalidArgument { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        CreditError::InvalidEntries { index, reason } => {
            fields.set_item("index", index)?;
            fields.set_item("reason", reason)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

/// A credit kind argument, checked by the core (`credits.invalid_kind`).
fn kind_arg(py: Python<'_>, zone: Zone, name: &str) -> PyResult<CreditKind> {
    CreditKind::new(name).map_err(|error| credit_err(py, zone, error))
}

/// A count argument that the core takes unsigned: a negative value is a `ValueError` naming the
/// argument; a value past `u64` saturates, for the core to refuse with its own error.
pub(crate) fn unsigned(value: WideInt, field: &str) -> PyResult<u64> {
    u64::try_from(value.0).map_err(|_| {
        PyValueError::new_err(format!(
            "{field}: {} is negative; give a count of 0 or more",
            value.0
        ))
    })
}

/// As [`unsigned`], for a core argument of type `u32` (a value past it saturates).
pub(crate) fn unsigned_u32(value: WideInt, field: &str) -> PyResult<u32> {
    unsigned(value, field).map(|value| u32::try_from(value).unwrap_or(u32::MAX))
}

/// A unit count as Python gave it: any `int`, read as `i128` (an `int` past ±2^127 saturates there)
/// and checked by the core's [`envoi::credits::unit_count`] / [`envoi::credits::adjustment_units`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitCount(i128);

impl<'a, 'py> FromPyObject<'a, 'py> for UnitCount {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match value.extract::<i128>() {
            Ok(value) => Ok(UnitCount(value)),
            Err(error) if error.is_instance_of::<pyo3::exceptions::PyOverflowError>(value.py()) => {
                Ok(UnitCount(if value.lt(0)? { i128::MIN } else { i128::MAX }))
            }
            Err(error) => Err(error),
        }
    }
}

/// The aware `datetime` of `t` in `zone`.
pub(crate) fn datetime(py: Python<'_>, zone: Zone, t: Instant) -> PyResult<Bound<'_, PyAny>> {
    PyZone::new(py, zone)?.instant(t)
}

/// The aware `datetime` of `t` in `zone`, or None.
pub(crate) fn optional_datetime(
    py: Python<'_>,
    zone: Zone,
    t: Option<Instant>,
) -> PyResult<Option<Bound<'_, PyAny>>> {
    t.map(|t| datetime(py, zone, t)).transpose()
}

/// `Name(field=repr, ...)`.
pub(crate) fn repr(name: &str, fields: &[(&str, Bound<'_, PyAny>)]) -> PyResult<String> {
    let fields = fields
        .iter()
        .map(|(field, value)| Ok(format!("{field}={}", value.repr()?)))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(format!("{name}({})", fields.join(", ")))
}

/// Entries as plain Python values (lists, dicts, strings, ints, None), through the core's JSON.
fn entries_to_py<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    JSON_LOADS.import(py, "json", "loads")?.call1((json,))
}

/// The order's status name, lot, expiry at activation, and voiding time.
fn status_parts(
    status: OrderStatus,
) -> (&'static str, Option<u64>, Option<Instant>, Option<Instant>) {
    match status {
        OrderStatus::Pending => ("pending", None, None, None),
        OrderStatus::Active { lot, expires_at } => ("active", Some(lot), Some(expires_at), None),
        OrderStatus::Voided { at, lot } => ("voided", lot, None, Some(at)),
    }
}

/// An order as an operation left it: `purchase`, `activate`, `void_order`.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub(crate) zone: Zone,
    pub(crate) order: envoi::credits::Order,
    pub(crate) replayed: bool,
}

#[pymethods]
impl Order {
    /// The order id.
    #[getter]
    fn order_id(&self) -> String {
        self.order.order_id.clone()
    }

    /// The credit kind, such as `"sms"`.
    #[getter]
    fn kind(&self) -> String {
        self.order.kind.as_str().to_owned()
    }

    /// The units of the pack.
    #[getter]
    fn units(&self) -> u64 {
        self.order.units
    }

    /// `"pending"` (waiting for its payment; adds nothing), `"active"` or `"voided"`.
    #[getter]
    fn status(&self) -> &'static str {
        status_parts(self.order.status).0
    }

    /// The lot the order created (active, or voided after activation), else None.
    #[getter]
    fn lot(&self) -> Option<u64> {
        status_parts(self.order.status).1
    }

    /// An active order's lot expiry at activation (later orders may extend it), else None.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_datetime(py, self.zone, status_parts(self.order.status).2)
        })
    }

    /// When a voided order was voided, else None.
    #[getter]
    fn voided_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_datetime(py, self.zone, status_parts(self.order.status).3)
        })
    }

    /// Whether the operation had already been made (same key and arguments): nothing was written
    /// and this is the first result.
    #[getter]
    fn replayed(&self) -> bool {
        self.replayed
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Order",
                &[
                    ("order_id", self.order_id().into_pyobject(py)?.into_any()),
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("status", self.status().into_pyobject(py)?.into_any()),
                    ("lot", self.lot().into_pyobject(py)?),
                    ("expires_at", self.expires_at(py)?.into_pyobject(py)?),
                    ("voided_at", self.voided_at(py)?.into_pyobject(py)?),
                    (
                        "replayed",
                        self.replayed.into_pyobject(py)?.to_owned().into_any(),
                    ),
                ],
            )
        })
    }
}

/// Units set aside by `reserve`, or consumed at once by `consume`.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    zone: Zone,
    reservation: envoi::credits::Reservation,
    replayed: bool,
}

#[pymethods]
impl Reservation {
    /// Its key.
    #[getter]
    fn key(&self) -> String {
        self.reservation.key.clone()
    }

    /// The credit kind.
    #[getter]
    fn kind(&self) -> String {
        self.reservation.kind.as_str().to_owned()
    }

    /// The units reserved (or consumed).
    #[getter]
    fn units(&self) -> u64 {
        self.reservation.units
    }

    /// The lots the units were taken from, in spending order: `(lot id, units)`.
    #[getter]
    fn lots(&self) -> Vec<(u64, u64)> {
        self.reservation.lots.clone()
    }

    /// When it was made.
    #[getter]
    fn reserved_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.reservation.reserved_at))
    }

    /// When it is released unless committed or released before; None: never (and for `consume`).
    #[getter]
    fn times_out_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_datetime(py, self.zone, self.reservation.times_out_at)
        })
    }

    /// Whether the operation had already been made (same key and arguments): nothing was written
    /// and this is the first result.
    #[getter]
    fn replayed(&self) -> bool {
        self.replayed
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Reservation",
                &[
                    ("key", self.key().into_pyobject(py)?.into_any()),
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("lots", self.lots().into_pyobject(py)?),
                    ("reserved_at", self.reserved_at(py)?),
                    ("times_out_at", self.times_out_at(py)?.into_pyobject(py)?),
                    (
                        "replayed",
                        self.replayed.into_pyobject(py)?.to_owned().into_any(),
                    ),
                ],
            )
        })
    }
}

/// What `commit` and `release` did.
#[pyclass(module = "envoi.credits", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settled {
    /// Units consumed.
    pub consumed: u64,
    /// Units given back (to their lots, or to expired/removed when the lot expired or was voided).
    pub released: u64,
    /// Whether the reservation had already timed out (a release then writes nothing).
    pub timed_out: bool,
}

#[pymethods]
impl Settled {
    fn __repr__(&self) -> String {
        let timed_out = if self.timed_out { "True" } else { "False" };
        format!(
            "Settled(consumed={}, released={}, timed_out={timed_out})",
            self.consumed, self.released
        )
    }
}

impl From<envoi::credits::Settled> for Settled {
    fn from(settled: envoi::credits::Settled) -> Self {
        Settled {
            consumed: settled.consumed,
            released: settled.released,
            timed_out: settled.timed_out,
        }
    }
}

/// What `adjust` did: the lot a grant created (None for a removal), and whether it was a replay.
#[pyclass(module = "envoi.credits", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Adjustment {
    /// The lot a grant created; None for a removal.
    pub lot: Option<u64>,
    /// Whether the adjustment had already been made (same key and arguments): nothing was written.
    pub replayed: bool,
}

#[pymethods]
impl Adjustment {
    fn __repr__(&self) -> String {
        let lot = self
            .lot
            .map_or_else(|| "None".to_owned(), |lot| lot.to_string());
        let replayed = if self.replayed { "True" } else { "False" };
        format!("Adjustment(lot={lot}, replayed={replayed})")
    }
}

/// The balance of one credit kind at an instant. At every instant
/// `bought + granted == consumed + expired + removed + reserved + available`.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    zone: Zone,
    balance: envoi::credits::Balance,
}

#[pymethods]
impl Balance {
    /// Units of activated orders (voided ones included: their unspent units count as removed).
    #[getter]
    fn bought(&self) -> u64 {
        self.balance.bought
    }

    /// Units of manual grants.
    #[getter]
    fn granted(&self) -> u64 {
        self.balance.granted
    }

    /// Units committed (spent).
    #[getter]
    fn consumed(&self) -> u64 {
        self.balance.consumed
    }

    /// Units whose lot expired before they were spent.
    #[getter]
    fn expired(&self) -> u64 {
        self.balance.expired
    }

    /// Units taken by manual removals and voided orders.
    #[getter]
    fn removed(&self) -> u64 {
        self.balance.removed
    }

    /// Units held by open reservations.
    #[getter]
    fn reserved(&self) -> u64 {
        self.balance.reserved
    }

    /// Units that can be reserved now.
    #[getter]
    fn available(&self) -> u64 {
        self.balance.available
    }

    /// When the first of the available units expire; None when none are available.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            optional_datetime(py, self.zone, self.balance.expires_at)
        })
    }

    /// Whether `bought + granted == consumed + expired + removed + reserved + available`.
    fn is_consistent(&self) -> bool {
        self.balance.is_consistent()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let b = &self.balance;
            Ok(format!(
                "Balance(bought={}, granted={}, consumed={}, expired={}, removed={}, reserved={}, \
                 available={}, expires_at={})",
                b.bought,
                b.granted,
                b.consumed,
                b.expired,
                b.removed,
                b.reserved,
                b.available,
                self.expires_at(py)?.into_pyobject(py)?.repr()?
            ))
        })
    }
}

/// One lot of units as seen at an instant (`lots_at`).
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lot {
    zone: Zone,
    lot: envoi::credits::Lot,
}

impl Lot {
    /// `(source, order_id, key, reason)`.
    fn source_parts(&self) -> (&'static str, Option<&str>, Option<&str>, Option<&str>) {
        match &self.lot.source {
            LotSource::Order { order_id } => ("order", Some(order_id), None, None),
            LotSource::Grant { key, reason } => ("grant", None, Some(key), Some(reason)),
        }
    }
}

#[pymethods]
impl Lot {
    /// The lot's number in this ledger (1, 2, … in order of creation).
    #[getter]
    fn id(&self) -> u64 {
        self.lot.id
    }

    /// The credit kind.
    #[getter]
    fn kind(&self) -> String {
        self.lot.kind.as_str().to_owned()
    }

    /// Where its units came from: `"order"` (an activated order) or `"grant"` (a manual grant).
    #[getter]
    fn source(&self) -> &'static str {
        self.source_parts().0
    }

    /// The order id of an order's lot, else None.
    #[getter]
    fn order_id(&self) -> Option<String> {
        self.source_parts().1.map(str::to_owned)
    }

    /// The adjustment key of a grant's lot, else None.
    #[getter]
    fn key(&self) -> Option<String> {
        self.source_parts().2.map(str::to_owned)
    }

    /// The reason of a grant's lot, else None.
    #[getter]
    fn reason(&self) -> Option<String> {
        self.source_parts().3.map(str::to_owned)
    }

    /// The units it started with.
    #[getter]
    fn units(&self) -> u64 {
        self.lot.units
    }

    /// Its units neither spent, reserved, removed nor expired at the instant asked.
    #[getter]
    fn available(&self) -> u64 {
        self.lot.available
    }

    /// When it was created (order activated, grant made).
    #[getter]
    fn activated_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.lot.activated_at))
    }

    /// When its units expire (half-open: at this instant they are expired).
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.lot.expires_at))
    }

    /// Whether its order was voided.
    #[getter]
    fn voided(&self) -> bool {
        self.lot.voided
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Lot",
                &[
                    ("id", self.id().into_pyobject(py)?.into_any()),
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("source", self.source().into_pyobject(py)?.into_any()),
                    ("order_id", self.order_id().into_pyobject(py)?),
                    ("key", self.key().into_pyobject(py)?),
                    ("reason", self.reason().into_pyobject(py)?),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("available", self.available().into_pyobject(py)?.into_any()),
                    ("activated_at", self.activated_at(py)?),
                    ("expires_at", self.expires_at(py)?),
                    (
                        "voided",
                        self.voided().into_pyobject(py)?.to_owned().into_any(),
                    ),
                ],
            )
        })
    }
}

/// A kind at or under its low-balance threshold (`notices_at`).
#[pyclass(module = "envoi.credits", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LowBalance {
    /// The credit kind.
    pub kind: String,
    /// Its available units.
    pub available: u64,
    /// The threshold it is at or under.
    pub threshold: u64,
}

#[pymethods]
impl LowBalance {
    fn __repr__(&self) -> String {
        format!(
            "LowBalance(kind='{}', available={}, threshold={})",
            self.kind, self.available, self.threshold
        )
    }
}

/// Live units that expire soon (`notices_at`).
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    zone: Zone,
    expiring: envoi::credits::Expiring,
}

#[pymethods]
impl Expiring {
    /// The credit kind.
    #[getter]
    fn kind(&self) -> String {
        self.expiring.kind.as_str().to_owned()
    }

    /// The available units that expire then.
    #[getter]
    fn units(&self) -> u64 {
        self.expiring.units
    }

    /// When.
    #[getter]
    fn expires_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.expiring.expires_at))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Expiring",
                &[
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("expires_at", self.expires_at(py)?),
                ],
            )
        })
    }
}

/// What `notices_at` found: kinds under their threshold and units about to expire.
#[pyclass(module = "envoi.credits", frozen, get_all)]
pub struct Notices {
    /// Kinds whose available units are at or under their threshold.
    pub low_balance: Py<PyList>,
    /// Live units expiring within the window, per kind and expiry.
    pub expiring: Py<PyList>,
}

#[pymethods]
impl Notices {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "Notices(low_balance={}, expiring={})",
                self.low_balance.bind(py).repr()?,
                self.expiring.bind(py).repr()?
            ))
        })
    }
}

/// One line of a `statement`.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    zone: Zone,
    line: envoi::credits::StatementLine,
    event: String,
}

#[pymethods]
impl StatementLine {
    /// When.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.line.at))
    }

    /// The credit kind.
    #[getter]
    fn kind(&self) -> String {
        self.line.kind.as_str().to_owned()
    }

    /// What happened: `"purchase"`, `"activation"`, `"extension"`, `"reservation"`, `"commit"`,
    /// `"release"`, `"consumption"`, `"expiry"`, `"grant"` or `"removal"`.
    #[getter]
    fn event(&self) -> String {
        self.event.clone()
    }

    /// The units concerned (signed: what the event did to the available units when it changes
    /// them; the units of the event otherwise).
    #[getter]
    fn units(&self) -> i64 {
        self.line.units
    }

    /// The order id or operation key.
    #[getter]
    fn reference(&self) -> String {
        self.line.reference.clone()
    }

    /// The lot concerned, when one is.
    #[getter]
    fn lot(&self) -> Option<u64> {
        self.line.lot
    }

    /// Detail for a person: a reason, a new expiry.
    #[getter]
    fn note(&self) -> String {
        self.line.note.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "StatementLine",
                &[
                    ("at", self.at(py)?),
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("event", self.event().into_pyobject(py)?.into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("reference", self.reference().into_pyobject(py)?.into_any()),
                    ("lot", self.lot().into_pyobject(py)?),
                    ("note", self.note().into_pyobject(py)?.into_any()),
                ],
            )
        })
    }
}

/// The outcome of running an operation on the locked core ledger.
enum Locked<T> {
    /// The operation ran.
    Ran(T),
    /// An earlier operation panicked while holding the lock.
    Poisoned,
}

/// The credit ledger of one account (SPEC section 6): packs of units per kind, their expiry,
/// two-phase use, manual adjustments, all as append-only entries.
///
/// Kinds are strings (`"sms"`, `"email"`, `"secure_email"`, or a host's own: 1 to 32 of `a-z`,
/// `0-9`, `_`). Times in are aware datetimes (any tzinfo; a naive one raises `envoi.TimeError`,
/// code `time.not_zone_aware`); times out have `tzinfo=ZoneInfo(tz)`. Every operation is
/// idempotent by its key (the order id for orders): the same key with the same arguments is a replay
/// that writes nothing and returns the first result (`.replayed`); with other arguments it raises
/// `envoi.CreditError` (`credits.idempotency_conflict`). Operations never go back in time
/// (`credits.time_regression`); queries may ask any instant.
///
/// The ledger is mutable and safe to share between threads: each operation runs whole, with the
/// interpreter released.
#[pyclass(module = "envoi.credits", frozen)]
pub struct Ledger {
    pub(crate) zone: Zone,
    ledger: Mutex<envoi::credits::Ledger>,
}

impl Ledger {
    fn from_core(ledger: envoi::credits::Ledger) -> Self {
        Ledger {
            zone: ledger.zone(),
            ledger: Mutex::new(ledger),
        }
    }

    /// Runs `operation` on the core ledger, locked, with the interpreter detached. A ledger whose
    /// lock was poisoned by a panic raises `envoi.InternalError`: its state may be half-written.
    pub(crate) fn with<T: Send>(
        &self,
        py: Python<'_>,
        operation: impl FnOnce(&mut envoi::credits::Ledger) -> T + Send,
    ) -> PyResult<T> {
        let locked = py.detach(|| match self.ledger.lock() {
            Ok(mut ledger) => Locked::Ran(operation(&mut ledger)),
            Err(_) => Locked::Poisoned,
        });
        match locked {
            Locked::Ran(value) => Ok(value),
            Locked::Poisoned => Err(poisoned(
                py,
                "Ledger: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild the ledger with Ledger.from_entries(...)",
            )),
        }
    }

    /// Runs a fallible core operation, mapping its error.
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        operation: impl FnOnce(&mut envoi::credits::Ledger) -> Result<T, CreditError> + Send,
    ) -> PyResult<T> {
        self.with(py, operation)?
            .map_err(|error| credit_err(py, self.zone, error))
    }

    fn units(&self, py: Python<'_>, units: UnitCount) -> PyResult<u64> {
        envoi::credits::unit_count("units", units.0)
            .map_err(|error| credit_err(py, self.zone, error))
    }

    fn kind(&self, py: Python<'_>, name: &str) -> PyResult<CreditKind> {
        kind_arg(py, self.zone, name)
    }

    fn order(&self, outcome: envoi::credits::Outcome<envoi::credits::Order>) -> Order {
        Order {
            zone: self.zone,
            order: outcome.value,
            replayed: outcome.replayed,
        }
    }

    fn reservation(
        &self,
        outcome: envoi::credits::Outcome<envoi::credits::Reservation>,
    ) -> Reservation {
        Reservation {
            zone: self.zone,
            reservation: outcome.value,
            replayed: outcome.replayed,
        }
    }

    /// The core ledger's lock, for read-only use by `__repr__` (never held across Python calls).
    fn locked(&self) -> Option<MutexGuard<'_, envoi::credits::Ledger>> {
        self.ledger.lock().ok()
    }
}

/// Entries from plain Python values (dicts as `Ledger.entries()` gives them), each read through
/// `json.dumps` and the core's serde form. Raises `ValueError` naming the first that is not one.
fn entries_from_py(entries: &Bound<'_, PyAny>) -> PyResult<Vec<Entry>> {
    let py = entries.py();
    let dumps = JSON_DUMPS.import(py, "json", "dumps")?;
    entries
        .try_iter()?
        .enumerate()
        .map(|(index, entry)| {
            let text = dumps.call1((entry?,))?;
            let text = text.cast::<PyString>()?.to_str()?;
            serde_json::from_str::<Entry>(text).map_err(|error| {
                PyValueError::new_err(format!("entries[{index}]: not a ledger entry: {error}"))
            })
        })
        .collect()
}

#[pymethods]
impl Ledger {
    /// An empty ledger for an account in the IANA zone `tz` (whose wall clock counts the validity
    /// months; `"Europe/Brussels"` by default), whose credits stay valid `validity_months` (24 by
    /// default) after the last activated order of their kind. Raises `envoi.CreditError`
    /// (`credits.invalid_argument` unless 1 to 1200 months) and `envoi.TimeError`
    /// (`time.unknown_zone`).
    #[new]
    #[pyo3(signature = (tz = Zone::default().name(), validity_months = WideInt(i64::from(envoi::credits::DEFAULT_VALIDITY_MONTHS))))]
    #[pyo3(text_signature = "(tz='Europe/Brussels', validity_months=24)")]
    fn new(py: Python<'_>, tz: &str, validity_months: WideInt) -> PyResult<Self> {
        guard(py, || {
            let zone: Zone = tz.parse().map_err(|error| to_py_err(py, error))?;
            let months = unsigned_u32(validity_months, "validity_months")?;
            envoi::credits::Ledger::with_validity(zone, months)
                .map(Ledger::from_core)
                .map_err(|error| credit_err(py, zone, error))
        })
    }

    /// Rebuilds a ledger from its stored entries (plain dicts, as `entries()` gives them), by
    /// replaying them in order. Raises `envoi.CreditError` (`credits.invalid_entries` naming the
    /// first entry that does not replay, `credits.invalid_argument`), `envoi.TimeError`
    /// (`time.unknown_zone`), and `ValueError` for an entry that is not a ledger entry.
    #[staticmethod]
    #[pyo3(signature = (entries, tz = Zone::default().name(), validity_months = WideInt(i64::from(envoi::credits::DEFAULT_VALIDITY_MONTHS))))]
    #[pyo3(text_signature = "(entries, tz='Europe/Brussels', validity_months=24)")]
    fn from_entries(
        py: Python<'_>,
        entries: &Bound<'_, PyAny>,
        tz: &str,
        validity_months: WideInt,
    ) -> PyResult<Self> {
        guard(py, || {
            let zone: Zone = tz.parse().map_err(|error| to_py_err(py, error))?;
            let months = unsigned_u32(validity_months, "validity_months")?;
            let entries = entries_from_py(entries)?;
            py.detach(|| envoi::credits::Ledger::from_entries(entries, zone, months))
                .map(Ledger::from_core)
                .map_err(|error| credit_err(py, zone, error))
        })
    }

    /// The IANA name of the account's zone, such as `"Europe/Brussels"`.
    #[getter]
    fn tz(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || Ok(self.zone.name()))
    }

    /// The validity period in months.
    #[getter]
    fn validity_months(&self, py: Python<'_>) -> PyResult<u32> {
        guard(py, || self.with(py, |ledger| ledger.validity_months()))
    }

    /// The number of entries written: the version a store compares for optimistic concurrency.
    #[getter]
    fn version(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.with(py, |ledger| ledger.version()))
    }

    /// The time of the last operation written, in `tz`, or None.
    #[getter]
    fn last_operation_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let last = self.with(py, |ledger| ledger.last_operation_at())?;
            optional_datetime(py, self.zone, last)
        })
    }

    /// Records an order of `units` of `kind`: active at once (card), or `pending` until
    /// `activate` (bank transfer; a pending order adds nothing). On activation every unexpired lot
    /// of the kind gets expiry = activation + the validity period. Raises `envoi.CreditError`
    /// (`credits.invalid_units`, `credits.invalid_kind`, `credits.idempotency_conflict`,
    /// `credits.time_regression`, `credits.invalid_argument` for a bad order id).
    #[pyo3(signature = (order_id, kind, units, at, *, pending = false))]
    #[pyo3(text_signature = "($self, order_id, kind, units, at, *, pending=False)")]
    fn purchase(
        &self,
        py: Python<'_>,
        order_id: &str,
        kind: &str,
        units: UnitCount,
        at: &Bound<'_, PyAny>,
        pending: bool,
    ) -> PyResult<Order> {
        guard(py, || {
            let kind = self.kind(py, kind)?;
            let units = self.units(py, units)?;
            let at = instant_arg(at, "at")?;
            let outcome = self.run(py, |ledger| {
                ledger.purchase(order_id, kind, units, at, pending)
            })?;
            Ok(self.order(outcome))
        })
    }

    /// Activates a pending order (its payment arrived): its units become available and every
    /// unexpired lot of its kind gets the same expiry (never shortened). Activating an active order
    /// is a replay. Raises `envoi.CreditError` (`credits.order_not_found`, `credits.order_voided`,
    /// `credits.time_regression`).
    fn activate(&self, py: Python<'_>, order_id: &str, at: &Bound<'_, PyAny>) -> PyResult<Order> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let outcome = self.run(py, |ledger| ledger.activate(order_id, at))?;
            Ok(self.order(outcome))
        })
    }

    /// Voids an order: a pending one can no longer be activated; an active one (payment reversed)
    /// loses its lot's unspent units, counted as removed. The extension it gave other lots stays.
    /// Voiding a voided order is a replay. Raises `envoi.CreditError` (`credits.order_not_found`,
    /// `credits.time_regression`).
    fn void_order(&self, py: Python<'_>, order_id: &str, at: &Bound<'_, PyAny>) -> PyResult<Order> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let outcome = self.run(py, |ledger| ledger.void_order(order_id, at))?;
            Ok(self.order(outcome))
        })
    }

    /// Consumes `units` of `kind` in one step (a reservation committed at once), from the lots
    /// that expire first. Raises `envoi.CreditError` (`credits.insufficient_credit` with `needed`
    /// and `available`, `credits.invalid_units`, `credits.invalid_kind`,
    /// `credits.idempotency_conflict`, `credits.time_regression`, `credits.invalid_argument` for a
    /// bad key).
    fn consume(
        &self,
        py: Python<'_>,
        key: &str,
        kind: &str,
        units: UnitCount,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Reservation> {
        guard(py, || {
            let kind = self.kind(py, kind)?;
            let units = self.units(py, units)?;
            let at = instant_arg(at, "at")?;
            let outcome = self.run(py, |ledger| ledger.consume(key, kind, units, at))?;
            Ok(self.reservation(outcome))
        })
    }

    /// Reserves `units` of `kind` for a send, from the lots that expire first; `commit` them when
    /// the transport accepts or `release` them. With `timeout_s`, an open reservation is released
    /// at `at + timeout_s` seconds (without, it never times out). Raises `envoi.CreditError` as
    /// `consume`, and `credits.invalid_argument` for a timeout under 1 second.
    #[pyo3(signature = (key, kind, units, at, *, timeout_s = None))]
    #[pyo3(text_signature = "($self, key, kind, units, at, *, timeout_s=None)")]
    fn reserve(
        &self,
        py: Python<'_>,
        key: &str,
        kind: &str,
        units: UnitCount,
        at: &Bound<'_, PyAny>,
        timeout_s: Option<WideInt>,
    ) -> PyResult<Reservation> {
        guard(py, || {
            let kind = self.kind(py, kind)?;
            let units = self.units(py, units)?;
            let at = instant_arg(at, "at")?;
            let timeout_s = timeout_s
                .map(|timeout| unsigned(timeout, "timeout_s"))
                .transpose()?;
            let outcome = self.run(py, |ledger| ledger.reserve(key, kind, units, at, timeout_s))?;
            Ok(self.reservation(outcome))
        })
    }

    /// Commits a reservation: consumes all its units, or `units` of them (fewer than reserved; the
    /// rest is released). Raises `envoi.CreditError` (`credits.unknown_reservation`,
    /// `credits.reservation_already_committed` whatever the count,
    /// `credits.reservation_already_released`, `credits.reservation_timed_out` at or after its
    /// timeout, `credits.exceeds_reserved` with `reserved` and `requested`,
    /// `credits.invalid_units`, `credits.time_regression`).
    #[pyo3(signature = (key, at, *, units = None))]
    #[pyo3(text_signature = "($self, key, at, *, units=None)")]
    fn commit(
        &self,
        py: Python<'_>,
        key: &str,
        at: &Bound<'_, PyAny>,
        units: Option<UnitCount>,
    ) -> PyResult<Settled> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let units = units.map(|units| self.units(py, units)).transpose()?;
            self.run(py, |ledger| ledger.commit(key, at, units))
                .map(Settled::from)
        })
    }

    /// Releases a reservation: its units go back to their lots (to expired if the lot expired
    /// meanwhile, to removed if its order was voided). After its timeout the reservation is
    /// already released: this writes nothing and says so (`timed_out`). Raises
    /// `envoi.CreditError` (`credits.unknown_reservation`, `credits.reservation_already_committed`,
    /// `credits.reservation_already_released`, `credits.time_regression`).
    fn release(&self, py: Python<'_>, key: &str, at: &Bound<'_, PyAny>) -> PyResult<Settled> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            self.run(py, |ledger| ledger.release(key, at))
                .map(Settled::from)
        })
    }

    /// A manual adjustment with a `reason`: `units > 0` grants a lot of its own (expiring at
    /// `expires_at`, or after the validity period; extended by later orders, extending nothing);
    /// `units < 0` removes units in spending order, never more than available. Raises
    /// `envoi.CreditError` (`credits.invalid_units` for 0, `credits.invalid_argument` for an empty
    /// reason or an expiry not after `at`, `credits.insufficient_credit` for a removal,
    /// `credits.idempotency_conflict`, `credits.time_regression`).
    #[pyo3(signature = (key, kind, units, reason, at, *, expires_at = None))]
    #[pyo3(text_signature = "($self, key, kind, units, reason, at, *, expires_at=None)")]
    #[allow(clippy::too_many_arguments)]
    fn adjust(
        &self,
        py: Python<'_>,
        key: &str,
        kind: &str,
        units: UnitCount,
        reason: &str,
        at: &Bound<'_, PyAny>,
        expires_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Adjustment> {
        guard(py, || {
            let kind = self.kind(py, kind)?;
            let at = instant_arg(at, "at")?;
            let expires_at = expires_at
                .map(|expires_at| instant_arg(expires_at, "expires_at"))
                .transpose()?;
            let units = envoi::credits::adjustment_units("units", units.0)
                .map_err(|error| credit_err(py, self.zone, error))?;
            let outcome = self.run(py, |ledger| {
                ledger.adjust(key, kind, units, reason, at, expires_at)
            })?;
            Ok(Adjustment {
                lot: outcome.value,
                replayed: outcome.replayed,
            })
        })
    }

    /// The balance of `kind` at `at` (any instant). Reservations that timed out by then count as
    /// released. Raises `envoi.CreditError` (`credits.invalid_kind`).
    fn balance(&self, py: Python<'_>, kind: &str, at: &Bound<'_, PyAny>) -> PyResult<Balance> {
        guard(py, || {
            let kind = self.kind(py, kind)?;
            let at = instant_arg(at, "at")?;
            let balance = self.with(py, |ledger| ledger.balance(&kind, at))?;
            Ok(Balance {
                zone: self.zone,
                balance,
            })
        })
    }

    /// Every lot at `at`, in order of creation, with its units available then (0 once expired or
    /// voided).
    fn lots_at(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<Vec<Lot>> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let lots = self.with(py, |ledger| ledger.lots_at(at))?;
            Ok(lots
                .into_iter()
                .map(|lot| Lot {
                    zone: self.zone,
                    lot,
                })
                .collect())
        })
    }

    /// Low-balance and upcoming-expiry notices at `at`: kinds whose available units are at or under
    /// their threshold in `thresholds` (a mapping of kind to units; other kinds are not checked),
    /// and live units expiring in `(at, at + within_days days]`. Raises `envoi.CreditError`
    /// (`credits.invalid_kind`) and `ValueError` for a negative threshold or `within_days`.
    fn notices_at(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        thresholds: &Bound<'_, PyAny>,
        within_days: WideInt,
    ) -> PyResult<Notices> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            let mut limits = BTreeMap::new();
            for item in thresholds.call_method0("items")?.try_iter()? {
                let (kind, threshold): (String, WideInt) = item?.extract()?;
                let kind = self.kind(py, &kind)?;
                limits.insert(kind, unsigned(threshold, "thresholds")?);
            }
            let within_days = unsigned_u32(within_days, "within_days")?;
            let notices = self.with(py, |ledger| ledger.notices_at(at, &limits, within_days))?;
            let low_balance = notices.low_balance.into_iter().map(|low| LowBalance {
                kind: low.kind.as_str().to_owned(),
                available: low.available,
                threshold: low.threshold,
            });
            let expiring = notices.expiring.into_iter().map(|expiring| Expiring {
                zone: self.zone,
                expiring,
            });
            Ok(Notices {
                low_balance: PyList::new(py, low_balance)?.unbind(),
                expiring: PyList::new(py, expiring)?.unbind(),
            })
        })
    }

    /// What happened in `[from_, to)`, in time order: every entry, the extensions its activations
    /// gave, the timeouts, and the units that expired.
    fn statement(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<StatementLine>> {
        guard(py, || {
            let from = instant_arg(from_, "from_")?;
            let to = instant_arg(to, "to")?;
            let lines = self.with(py, |ledger| ledger.statement(from, to))?;
            lines
                .into_iter()
                .map(|line| {
                    let event = match serde_json::to_value(line.event) {
                        Ok(serde_json::Value::String(name)) => name,
                        other => format!("{other:?}"),
                    };
                    Ok(StatementLine {
                        zone: self.zone,
                        line,
                        event,
                    })
                })
                .collect()
        })
    }

    /// Every entry written, in order, as plain values (dicts tagged by `"op"`, times as RFC 3339
    /// strings): what a store keeps as JSON and hands back to `Ledger.from_entries`.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let json = self.with(py, |ledger| serde_json::to_string(ledger.entries()))?;
            let json = json.map_err(|error| PyValueError::new_err(format!("entries: {error}")))?;
            entries_to_py(py, &json)
        })
    }

    /// The entries written after `version` (what to append to a store that holds `version`
    /// entries), as `entries()` gives them; empty when `version` is the current one or later.
    /// Raises `ValueError` for a negative version.
    fn entries_since<'py>(&self, py: Python<'py>, version: WideInt) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let version = unsigned(version, "version")?;
            let json = self.with(py, |ledger| {
                serde_json::to_string(ledger.entries_since(version))
            })?;
            let json = json.map_err(|error| PyValueError::new_err(format!("entries: {error}")))?;
            entries_to_py(py, &json)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let (months, version) = py
                .detach(|| {
                    self.locked()
                        .map(|ledger| (ledger.validity_months(), ledger.version()))
                })
                .unwrap_or_default();
            Ok(format!(
                "<envoi.credits.Ledger tz='{}' validity_months={months} version={version}>",
                self.zone
            ))
        })
    }
}
