//! `envoi.credits` billing plans: the block plan (Plannit) and the pay-as-you-go monthly statement
//! (Click & Post), mirroring `envoi::credits::{BlockPlan, monthly_statement}`.
//!
//! Only conversions. Money goes in as a `decimal.Decimal` (or `int`) amount plus an ISO 4217
//! currency code and comes out as a `decimal.Decimal` plus its code; a `float` is refused (binary
//! floating point is not money). The amount crosses as the core's serde form of
//! [`envoi::money::Money`] (`{"amount":"25.00","currency":"USD"}`), so the binding needs no decimal
//! crate of its own; the currency is checked by the core (`money.unknown_currency`). Days go out
//! as `datetime.date`s, instants as `datetime`s in the plan's zone.

use chrono::{Datelike, NaiveDate};
use envoi::credits::{Charge, CreditError};
use envoi::money::{Currency, Money};
use envoi::time::{Instant, Zone};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString, PyType};

use super::{credit_err, datetime, optional_datetime, repr, unsigned, unsigned_u32};
use crate::errors::{guard, to_py_err};
use crate::sms::WideInt;
use crate::time::instant_arg;

/// `decimal.Decimal`.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.date`.
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The money of a Python amount (`decimal.Decimal` or `int`, finite) and a currency code, named
/// `field` in errors. An unknown currency raises `envoi.MoneyError` (`money.unknown_currency`).
fn money_arg(amount: &Bound<'_, PyAny>, currency: &str, field: &str) -> PyResult<Money> {
    let py = amount.py();
    let currency: Currency = currency.parse().map_err(|error| to_py_err(py, error))?;
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    if amount.is_instance_of::<PyFloat>() || amount.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a decimal.Decimal or an int, not {}; money is never binary \
             floating point (write decimal.Decimal(\"0.135\"))",
            amount.get_type().name()?
        )));
    }
    if !amount.is_instance(decimal)? && !amount.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a decimal.Decimal or an int, not {}",
            amount.get_type().name()?
        )));
    }
    let value = decimal.call1((amount,))?;
    if !value.call_method0("is_finite")?.is_truthy()? {
        return Err(PyValueError::new_err(format!(
            "{field}: {} is not an amount",
            value.str()?
        )));
    }
    // Plain notation ("1E+1" becomes "10"), the form the core's decimal reads.
    let text = py
        .import("builtins")?
        .getattr("format")?
        .call1((&value, "f"))?
        .extract::<String>()?;
    let json = serde_json::json!({ "amount": text, "currency": currency.code() });
    serde_json::from_value::<Money>(json).map_err(|error| {
        PyValueError::new_err(format!(
            "{field}: {text} is not an amount envoi holds: {error}"
        ))
    })
}

/// The amount of `money` as a `decimal.Decimal`, every decimal kept.
fn decimal_to_py(py: Python<'_>, money: Money) -> PyResult<Bound<'_, PyAny>> {
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((money.amount().to_string(),))
}

/// A core date as a Python `datetime.date` (`ValueError` past Python's years).
fn date_to_py(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    DATE.import(py, "datetime", "date")?
        .call1((date.year(), date.month(), date.day()))
}

/// A zone argument (`time.unknown_zone`).
fn zone_arg(py: Python<'_>, tz: &str) -> PyResult<Zone> {
    tz.parse().map_err(|error| to_py_err(py, error))
}

/// One monthly period of a `BlockPlan`: `[start, end)`, starting at local midnight of `first_day`.
#[pyclass(module = "envoi.credits", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlockPeriod {
    zone: Zone,
    period: envoi::credits::BlockPeriod,
}

#[pymethods]
impl BlockPeriod {
    /// The position of the period: 0 is the one holding the subscription.
    #[getter]
    fn index(&self) -> u32 {
        self.period.index
    }

    /// Local midnight of `first_day` in the plan's zone.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.period.start))
    }

    /// The next period's start (excluded from this period).
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.period.end))
    }

    /// The period's first day on the account's wall clock: the subscription day, clamped to the
    /// month's end. The fee is billed on that day.
    #[getter]
    fn first_day<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.period.first_day))
    }

    /// Whether `at` falls in the period (`start <= at < end`).
    fn contains(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(py, || Ok(self.period.contains(instant_arg(at, "at")?)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "BlockPeriod",
                &[
                    ("index", self.index().into_pyobject(py)?.into_any()),
                    ("start", self.start(py)?),
                    ("end", self.end(py)?),
                    ("first_day", self.first_day(py)?),
                ],
            )
        })
    }
}

/// One thing to bill: what, how many, the span it covers, the day it is billed and its unit price.
/// Not an invoice line: VAT and invoices are computed elsewhere.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillableItem {
    zone: Zone,
    item: envoi::credits::BillableItem,
}

impl BillableItem {
    /// `(charge, block_size, usage, kind)` of the item's charge.
    fn charge_parts(&self) -> (&'static str, Option<u32>, Option<u64>, Option<&str>) {
        match &self.item.charge {
            Charge::BlockFee { block_size } => ("block_fee", Some(*block_size), None, None),
            Charge::ExtraBlocks { block_size, usage } => {
                ("extra_blocks", Some(*block_size), Some(*usage), None)
            }
            Charge::Usage { kind } => ("usage", None, None, Some(kind)),
            _ => ("other", None, None, None),
        }
    }
}

#[pymethods]
impl BillableItem {
    /// What is charged: `"block_fee"` (a period's upfront fee), `"extra_blocks"` (the started
    /// blocks used beyond the paid one, billed the next period) or `"usage"` (pay-as-you-go).
    #[getter]
    fn charge(&self) -> &'static str {
        self.charge_parts().0
    }

    /// The number of messages in a block (`block_fee`, `extra_blocks`), else None.
    #[getter]
    fn block_size(&self) -> Option<u32> {
        self.charge_parts().1
    }

    /// The messages used in the covered period (`extra_blocks`), else None.
    #[getter]
    fn usage(&self) -> Option<u64> {
        self.charge_parts().2
    }

    /// The kind of job as the host names it (`usage`, such as `"prior_national"`), else None.
    #[getter]
    fn kind(&self) -> Option<String> {
        self.charge_parts().3.map(str::to_owned)
    }

    /// How many (blocks, or units of usage).
    #[getter]
    fn quantity(&self) -> u64 {
        self.item.quantity
    }

    /// The first instant of the span the item covers.
    #[getter]
    fn period_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.item.period_start))
    }

    /// The end of the span the item covers (excluded).
    #[getter]
    fn period_end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.item.period_end))
    }

    /// The day (on the account's wall clock) the item is billed.
    #[getter]
    fn billed_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.item.billed_on))
    }

    /// The price of one unit of `quantity`, when known: a `decimal.Decimal` in `currency`.
    #[getter]
    fn unit_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.item
                .unit_price
                .map(|price| decimal_to_py(py, price))
                .transpose()
        })
    }

    /// The ISO 4217 code of `unit_price` and `amount`, or None without a unit price.
    #[getter]
    fn currency(&self) -> Option<&'static str> {
        self.item.unit_price.map(|price| price.currency().code())
    }

    /// `unit_price × quantity`, every decimal kept (round when invoicing); None without a unit
    /// price.
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.item
                .amount()
                .map(|amount| decimal_to_py(py, amount))
                .transpose()
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "BillableItem",
                &[
                    ("charge", self.charge().into_pyobject(py)?.into_any()),
                    ("block_size", self.block_size().into_pyobject(py)?),
                    ("usage", self.usage().into_pyobject(py)?),
                    ("kind", self.kind().into_pyobject(py)?),
                    ("quantity", self.quantity().into_pyobject(py)?.into_any()),
                    ("period_start", self.period_start(py)?),
                    ("period_end", self.period_end(py)?),
                    ("billed_on", self.billed_on(py)?),
                    ("unit_price", self.unit_price(py)?.into_pyobject(py)?),
                    ("currency", self.currency().into_pyobject(py)?),
                ],
            )
        })
    }
}

/// The Python items of core items.
fn items(zone: Zone, items: Vec<envoi::credits::BillableItem>) -> Vec<BillableItem> {
    items
        .into_iter()
        .map(|item| BillableItem { zone, item })
        .collect()
}

/// A monthly block plan (Plannit): `fee` per started block of `block_size` messages per period.
///
/// Periods start on the subscription day on the wall clock of `tz` and recur monthly on that day
/// (clamped to the month's end); each period's fee is billed on its first day (one block,
/// upfront), and the started blocks used beyond it are billed on the next period's first day.
/// Immutable: `ending_at` returns a new plan.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPlan(pub(crate) envoi::credits::BlockPlan);

impl BlockPlan {
    fn period_py(&self, period: Option<envoi::credits::BlockPeriod>) -> Option<BlockPeriod> {
        period.map(|period| BlockPeriod {
            zone: self.0.zone(),
            period,
        })
    }

    fn err(&self, py: Python<'_>, error: CreditError) -> PyErr {
        credit_err(py, self.0.zone(), error)
    }
}

#[pymethods]
impl BlockPlan {
    /// A plan billing `fee` (a `decimal.Decimal` or `int` in `currency`, an ISO 4217 code) per
    /// started block of `block_size` messages, subscribed at `subscribed_at` (an aware datetime);
    /// periods are counted on the wall clock of `tz`. Raises `envoi.CreditError`
    /// (`credits.invalid_argument`: `block_size` 0, a negative fee, a subscription too close to the
    /// end of the supported dates), `envoi.MoneyError` (`money.unknown_currency`),
    /// `envoi.TimeError` (`time.unknown_zone`, `time.not_zone_aware`), `TypeError` for a `float`
    /// fee and `ValueError` for a negative `block_size`.
    #[new]
    #[pyo3(signature = (block_size, fee, currency, subscribed_at, *, tz = Zone::default().name()))]
    #[pyo3(text_signature = "(block_size, fee, currency, subscribed_at, *, tz='Europe/Brussels')")]
    fn new(
        py: Python<'_>,
        block_size: WideInt,
        fee: &Bound<'_, PyAny>,
        currency: &str,
        subscribed_at: &Bound<'_, PyAny>,
        tz: &str,
    ) -> PyResult<Self> {
        guard(py, || {
            let block_size = unsigned_u32(block_size, "block_size")?;
            let fee = money_arg(fee, currency, "fee")?;
            let subscribed_at = instant_arg(subscribed_at, "subscribed_at")?;
            let zone = zone_arg(py, tz)?;
            envoi::credits::BlockPlan::new(block_size, fee, subscribed_at, zone)
                .map(BlockPlan)
                .map_err(|error| credit_err(py, zone, error))
        })
    }

    /// The same plan, ending at `end`: no fee is billed for a period starting at or after `end`,
    /// the extra blocks of the last period are still billed, and sends at or after `end` are not
    /// on the plan. Raises `envoi.CreditError` (`credits.invalid_argument` unless `end` is after
    /// the subscription instant).
    fn ending_at(&self, py: Python<'_>, end: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let end = instant_arg(end, "end")?;
            self.0
                .clone()
                .ending_at(end)
                .map(BlockPlan)
                .map_err(|error| self.err(py, error))
        })
    }

    /// The number of messages in a block.
    #[getter]
    fn block_size(&self) -> u32 {
        self.0.block_size()
    }

    /// The fee of one block, a `decimal.Decimal` in `currency`.
    #[getter]
    fn fee<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.fee()))
    }

    /// The ISO 4217 code of the fee.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.fee().currency().code()
    }

    /// The subscription instant, in `tz`.
    #[getter]
    fn subscribed_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.0.zone(), self.0.subscribed_at()))
    }

    /// The subscription day on the account's wall clock: the day every period starts on (clamped).
    #[getter]
    fn subscription_day<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.0.subscription_day()))
    }

    /// The IANA name of the account's zone, whose wall clock places periods and sends.
    #[getter]
    fn tz(&self) -> &'static str {
        self.0.zone().name()
    }

    /// The end of the option, in `tz`, or None.
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_datetime(py, self.0.zone(), self.0.end()))
    }

    /// The period at `index` (0 holds the subscription), whether or not the option still runs
    /// then; None only beyond the supported dates. Raises `ValueError` for a negative index.
    fn period(&self, py: Python<'_>, index: WideInt) -> PyResult<Option<BlockPeriod>> {
        guard(py, || {
            let index = unsigned_u32(index, "index")?;
            Ok(self.period_py(py.detach(|| self.0.period(index))))
        })
    }

    /// The period holding `at`, when the plan covers `at`: None before the subscription instant
    /// and at or after the end. A send belongs to the period of its instant on the account's wall
    /// clock.
    fn period_at(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<Option<BlockPeriod>> {
        guard(py, || {
            let at = instant_arg(at, "at")?;
            Ok(self.period_py(py.detach(|| self.0.period_at(at))))
        })
    }

    /// The last period the option runs in; None when the option does not end.
    fn last_period(&self, py: Python<'_>) -> PyResult<Option<BlockPeriod>> {
        guard(py, || Ok(self.period_py(self.0.last_period())))
    }

    /// Whether the option runs at the start of `period` (so its fee is billed).
    fn is_active(&self, py: Python<'_>, period: &Bound<'_, BlockPeriod>) -> PyResult<bool> {
        guard(py, || Ok(self.0.is_active(&period.get().period)))
    }

    /// What is billed on `period`'s first day: the period's fee if the option runs at its start,
    /// then the previous period's extra blocks for `previous_usage` messages, if any. Raises
    /// `envoi.CreditError` (`credits.invalid_argument`: a period of another plan, usage before
    /// period 0 or after the end) and `ValueError` for a negative `previous_usage`.
    fn bill(
        &self,
        py: Python<'_>,
        period: &Bound<'_, BlockPeriod>,
        previous_usage: WideInt,
    ) -> PyResult<Vec<BillableItem>> {
        guard(py, || {
            let previous_usage = unsigned(previous_usage, "previous_usage")?;
            let period = period.get().period;
            py.detach(|| self.0.bill(&period, previous_usage))
                .map(|billed| items(self.0.zone(), billed))
                .map_err(|error| self.err(py, error))
        })
    }

    /// The extra blocks for `usage` messages in one period: `max(0, ceil(usage / block_size) - 1)`.
    /// Raises `ValueError` for a negative `usage`.
    fn extra_blocks(&self, py: Python<'_>, usage: WideInt) -> PyResult<u64> {
        guard(py, || Ok(self.0.extra_blocks(unsigned(usage, "usage")?)))
    }

    /// The messages sent in each period, from `(send instant, units)` pairs (units: SMS parts ×
    /// recipients; 1 per plain send): `{period index: messages}` for the periods with usage. Sends
    /// the plan does not cover and 0-unit sends are left out.
    fn usage_by_period<'py>(
        &self,
        py: Python<'py>,
        sends: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(py, || {
            let sends = sends
                .try_iter()?
                .map(|send| {
                    let (at, units): (Bound<'py, PyAny>, WideInt) = send?.extract()?;
                    Ok((instant_arg(&at, "sends")?, unsigned(units, "units")?))
                })
                .collect::<PyResult<Vec<(Instant, u64)>>>()?;
            let usage = py.detach(|| self.0.usage_by_period(sends));
            let dict = PyDict::new(py);
            for (index, count) in usage {
                dict.set_item(index, count)?;
            }
            Ok(dict)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let mut repr = format!(
                "BlockPlan({}, {}, '{}', {}, tz='{}')",
                self.0.block_size(),
                self.fee(py)?.repr()?,
                self.currency(),
                self.subscribed_at(py)?.repr()?,
                self.0.zone()
            );
            if let Some(end) = self.end(py)? {
                repr = format!("{repr}.ending_at({})", end.repr()?);
            }
            Ok(repr)
        })
    }
}

/// One pay-as-you-go job as the host records it: what it is, how many units, and where it stands.
/// It is billed when it is not cancelled, has at least one unit and was handed over to the post in
/// the statement's month.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRecord(envoi::credits::UsageRecord);

#[pymethods]
impl UsageRecord {
    /// A job `id` of `units` of `kind` (a postage such as `"prior_national"`), handed over to the
    /// post at `handed_over_at` (an aware datetime, or None while it was not), maybe `cancelled`
    /// before processing, with an optional `unit_price` (a `decimal.Decimal` or `int`) in
    /// `currency` (both or neither). Raises `ValueError` for a negative `units` or a price without
    /// its currency (or the reverse), `envoi.MoneyError` (`money.unknown_currency`) and
    /// `envoi.TimeError` (`time.not_zone_aware`).
    #[new]
    #[pyo3(signature = (id, kind, units, *, handed_over_at = None, cancelled = false, unit_price = None, currency = None))]
    #[pyo3(
        text_signature = "(id, kind, units, *, handed_over_at=None, cancelled=False, unit_price=None, currency=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        id: String,
        kind: String,
        units: WideInt,
        handed_over_at: Option<&Bound<'_, PyAny>>,
        cancelled: bool,
        unit_price: Option<&Bound<'_, PyAny>>,
        currency: Option<&str>,
    ) -> PyResult<Self> {
        guard(py, || {
            let units = unsigned(units, "units")?;
            let handed_over_at = handed_over_at
                .map(|at| instant_arg(at, "handed_over_at"))
                .transpose()?;
            let unit_price = match (unit_price, currency) {
                (Some(price), Some(currency)) => Some(money_arg(price, currency, "unit_price")?),
                (None, None) => None,
                (Some(_), None) => {
                    return Err(PyValueError::new_err(
                        "unit_price needs its currency: currency=\"EUR\" (unit_price and currency go together)",
                    ));
                }
                (None, Some(currency)) => {
                    return Err(PyValueError::new_err(format!(
                        "currency={currency:?} needs a unit_price (unit_price and currency go together)"
                    )));
                }
            };
            Ok(UsageRecord(envoi::credits::UsageRecord {
                id,
                kind,
                units,
                handed_over_at,
                cancelled,
                unit_price,
            }))
        })
    }

    /// The job's id, unique among the records of one statement.
    #[getter]
    fn id(&self) -> String {
        self.0.id.clone()
    }

    /// What the units are; items are grouped by it.
    #[getter]
    fn kind(&self) -> String {
        self.0.kind.clone()
    }

    /// How many units (letters, sheets…) the job bills.
    #[getter]
    fn units(&self) -> u64 {
        self.0.units
    }

    /// When the job was handed over to the post, in UTC; None while it was not.
    #[getter]
    fn handed_over_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let utc: Zone = "UTC".parse().map_err(|error| to_py_err(py, error))?;
            optional_datetime(py, utc, self.0.handed_over_at)
        })
    }

    /// Whether the job was cancelled before processing (then it is never billed).
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.cancelled
    }

    /// The price of one unit, a `decimal.Decimal` in `currency`, or None.
    #[getter]
    fn unit_price<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .unit_price
                .map(|price| decimal_to_py(py, price))
                .transpose()
        })
    }

    /// The ISO 4217 code of `unit_price`, or None.
    #[getter]
    fn currency(&self) -> Option<&'static str> {
        self.0.unit_price.map(|price| price.currency().code())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "UsageRecord",
                &[
                    ("id", self.id().into_pyobject(py)?.into_any()),
                    ("kind", self.kind().into_pyobject(py)?.into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    (
                        "handed_over_at",
                        self.handed_over_at(py)?.into_pyobject(py)?,
                    ),
                    (
                        "cancelled",
                        self.cancelled().into_pyobject(py)?.to_owned().into_any(),
                    ),
                    ("unit_price", self.unit_price(py)?.into_pyobject(py)?),
                    ("currency", self.currency().into_pyobject(py)?),
                ],
            )
        })
    }
}

/// A month's pay-as-you-go statement: one item per kind and unit price, issued on the first day of
/// the following month.
#[pyclass(module = "envoi.credits", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyStatement {
    zone: Zone,
    statement: envoi::credits::MonthlyStatement,
}

#[pymethods]
impl MonthlyStatement {
    /// The year of the month billed.
    #[getter]
    fn year(&self) -> i32 {
        self.statement.year
    }

    /// The month billed, 1 to 12.
    #[getter]
    fn month(&self) -> u32 {
        self.statement.month
    }

    /// Local midnight of the month's first day.
    #[getter]
    fn period_start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.statement.period_start))
    }

    /// Local midnight of the next month's first day (excluded).
    #[getter]
    fn period_end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || datetime(py, self.zone, self.statement.period_end))
    }

    /// The day the statement is issued: the first day of the following month.
    #[getter]
    fn issue_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.statement.issue_date))
    }

    /// One item per kind and unit price.
    #[getter]
    fn items(&self) -> Vec<BillableItem> {
        items(self.zone, self.statement.items.clone())
    }

    /// The ids of the records billed, in the order given.
    #[getter]
    fn record_ids(&self) -> Vec<String> {
        self.statement.record_ids.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "MonthlyStatement(year={}, month={}, issue_date={}, items={}, record_ids={})",
                self.statement.year,
                self.statement.month,
                self.issue_date(py)?.repr()?,
                PyList::new(py, self.items())?.repr()?,
                PyList::new(py, self.record_ids())?.repr()?
            ))
        })
    }
}

/// The pay-as-you-go statement of `month` of `year` (months on the wall clock of `tz`): the jobs
/// handed over to the post that month, not cancelled, with at least one unit, grouped by kind and
/// unit price; None for a month without billable jobs. Raises `envoi.CreditError`
/// (`credits.invalid_argument`: a month outside 1 to 12, a year beyond the supported dates, a
/// blank kind, a duplicate id, a cancelled job that was handed over), `envoi.TimeError`
/// (`time.unknown_zone`), `TypeError` for a record that is not a `UsageRecord` and `ValueError` for
/// a negative month.
#[pyfunction]
#[pyo3(signature = (records, year, month, tz = Zone::default().name()))]
#[pyo3(text_signature = "(records, year, month, tz='Europe/Brussels')")]
pub fn monthly_statement(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    year: WideInt,
    month: WideInt,
    tz: &str,
) -> PyResult<Option<MonthlyStatement>> {
    guard(py, || {
        let zone = zone_arg(py, tz)?;
        let records = records
            .try_iter()?
            .map(|record| {
                let record = record?;
                let record = record.cast::<UsageRecord>()?;
                Ok(record.get().0.clone())
            })
            .collect::<PyResult<Vec<_>>>()?;
        // A year past i32 saturates, for the core to refuse with its own error.
        let year = i32::try_from(year.0).unwrap_or(if year.0 < 0 { i32::MIN } else { i32::MAX });
        let month = unsigned_u32(month, "month")?;
        let statement = py
            .detach(|| envoi::credits::monthly_statement(&records, year, month, zone))
            .map_err(|error| credit_err(py, zone, error))?;
        Ok(statement.map(|statement| MonthlyStatement { zone, statement }))
    })
}
