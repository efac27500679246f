//! `envoi.vat`: VAT numbers, the rates in force on a day, and which VAT an order carries (mirrors
//! `envoi::vat`).
//!
//! Only conversions. Percentages and amounts are `decimal.Decimal` (or `int`) in and
//! `decimal.Decimal` out, read and written through their exact text form ([`decimal_arg`],
//! [`decimal_to_py`]); a `float` is refused (binary floating point is not money). Days are
//! `datetime.date`s ([`Day`]: a `datetime` is refused, its day depends on the zone); the online
//! check's time is an aware `datetime` in and a UTC `datetime` out. Enumerations (`customer_kind`,
//! `service`, `kind`, `mention`, `reason`…) are their stable snake_case codes, parsed by the core's
//! `FromStr`. Languages are `"fr"`, `"nl"`, `"de"`, `"en"` ([`language_arg`]).
//!
//! [`validate`] never raises for a number: its [`Validation`] says whether the number is valid, and
//! why not (the core's error code and message, built only when read). It runs with the interpreter
//! attached: one number takes well under a microsecond, less than releasing and re-taking it costs;
//! [`validate_many`] reads a whole list and checks it detached.
//!
//! A [`VatError`] becomes `envoi.VatError` with the core's code and message and the variant's
//! fields as attributes; a [`LanguageError`] becomes `envoi.LanguageError` with `value`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use envoi::language::{Language, LanguageError};
use envoi::time::Zone;
use envoi::vat::{
    B2C_THRESHOLD_EUR, CustomerKind, Mention, OnlineCheckUnavailable, OnlineVatCheck, Reason,
    SELLER_COUNTRY, ServiceKind, VAT_COUNTRIES, VatError, VatNumber, VatNumberKind,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;

use crate::credits::{optional_datetime, repr};
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::schedule::Day;
use crate::time::instant_arg;

/// `decimal.Decimal`.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.date`.
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `builtins.format`.
static FORMAT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

// ---- Conversions shared with `envoi.invoice` -----------------------------------------------------

/// A `decimal.Decimal` or `int` argument named `field`, as the core's exact decimal.
///
/// A `float` (and a `bool`, a `str`) is a `TypeError`: a percentage or an amount is never binary
/// floating point. `NaN` and infinities, and a value with more than 28 significant digits, are a
/// `ValueError`. The core checks the ranges (a negative total, a rate above 100…).
pub(crate) fn decimal_arg(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    let py = value.py();
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    if value.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a decimal.Decimal or an int, not float; amounts and percentages are \
             never binary floating point (write decimal.Decimal(\"{}\"))",
            value.str()?
        )));
    }
    let is_int = value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>();
    if !is_int && !value.is_instance(decimal)? {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a decimal.Decimal or an int, not {}",
            value.get_type().name()?
        )));
    }
    let value = decimal.call1((value,))?;
    if !value.call_method0("is_finite")?.is_truthy()? {
        return Err(PyValueError::new_err(format!(
            "{field}: {} is not a number",
            value.str()?
        )));
    }
    // Plain notation ("1E+1" becomes "10"), the form the core's decimal reads exactly.
    let text: String = FORMAT
        .import(py, "builtins", "format")?
        .call1((&value, "f"))?
        .extract()?;
    Decimal::from_str_exact(&text).map_err(|_| {
        PyValueError::new_err(format!(
            "{field}: {text} has more digits than envoi's decimals hold (28 significant digits)"
        ))
    })
}

/// A core decimal as a `decimal.Decimal`, every digit kept.
pub(crate) fn decimal_to_py(py: Python<'_>, value: Decimal) -> PyResult<Bound<'_, PyAny>> {
    DECIMAL
        .import(py, "decimal", "Decimal")?
        .call1((value.to_string(),))
}

/// A core date as a `datetime.date` (`ValueError` past Python's years).
pub(crate) fn date_to_py(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    DATE.import(py, "datetime", "date")?
        .call1((date.year(), date.month(), date.day()))
}

/// The Python exception of a language error: `envoi.LanguageError` with `value`.
pub(crate) fn language_err(py: Python<'_>, error: LanguageError) -> PyErr {
    let fields = PyDict::new(py);
    match fields.set_item("value", &error.value) {
        Ok(()) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// A language argument: `"fr"`, `"nl"`, `"de"` or `"en"` (any case), else `envoi.LanguageError`.
pub(crate) fn language_arg(py: Python<'_>, language: &str) -> PyResult<Language> {
    language.parse().map_err(|error| language_err(py, error))
}

/// The UTC zone, for the online check's time.
fn utc(py: Python<'_>) -> PyResult<Zone> {
    "UTC".parse().map_err(|error| to_py_err(py, error))
}

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a VAT error: `envoi.VatError` with the variant's fields as attributes.
pub(crate) fn vat_err(py: Python<'_>, error: VatError) -> PyErr {
    match vat_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of a VAT error, named as the core names them.
fn vat_fields<'py>(py: Python<'py>, error: &VatError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        VatError::Empty { field, value } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
        }
        VatError::UnknownCountry { field, value, hint } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            let hint = hint.trim_start_matches("; ");
            fields.set_item("hint", (!hint.is_empty()).then_some(hint))?;
        }
        VatError::CountryMismatch {
            value,
            prefix,
            country,
        } => {
            fields.set_item("value", value)?;
            fields.set_item("prefix", prefix)?;
            fields.set_item("country", country)?;
        }
        VatError::InvalidCharacter {
            country,
            value,
            character,
        } => {
            fields.set_item("country", country)?;
            fields.set_item("value", value)?;
            fields.set_item("character", character.to_string())?;
        }
        VatError::BadLength {
            country,
            compact,
            length,
            expected,
        } => {
            fields.set_item("country", country)?;
            fields.set_item("compact", compact)?;
            fields.set_item("length", length)?;
            fields.set_item("expected", expected)?;
        }
        VatError::BadFormat {
            country,
            compact,
            rule,
        } => {
            fields.set_item("country", country)?;
            fields.set_item("compact", compact)?;
            fields.set_item("rule", rule)?;
        }
        VatError::BadCheckDigit { country, compact } => {
            fields.set_item("country", country)?;
            fields.set_item("compact", compact)?;
        }
        VatError::NoRate {
            country,
            date,
            covered,
        } => {
            fields.set_item("country", country)?;
            fields.set_item("date", date_to_py(py, *date).ok())?;
            fields.set_item("covered", covered)?;
        }
        VatError::InvalidRateTable {
            entry,
            field,
            value,
            rule,
        } => {
            fields.set_item("entry", entry)?;
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        VatError::InvalidArgument {
            field,
            value,
            expected,
        } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("expected", expected)?;
        }
        VatError::InvalidAmount { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        VatError::ExemptionNotRequestedAtOrder {
            order_id,
            treatment,
        } => {
            fields.set_item("order_id", order_id)?;
            fields.set_item("treatment", treatment)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

/// A code argument read by the core's `FromStr` (`vat.invalid_argument` naming the accepted values).
pub(crate) fn vat_code_arg<T: FromStr<Err = VatError>>(py: Python<'_>, value: &str) -> PyResult<T> {
    value.parse().map_err(|error| vat_err(py, error))
}

// ---- VAT numbers ---------------------------------------------------------------------------------

/// `"customer"` or `"oss"`.
fn kind_code(kind: VatNumberKind) -> &'static str {
    match kind {
        VatNumberKind::Customer => "customer",
        VatNumberKind::Oss => "oss",
    }
}

/// Whether a VAT number is valid, its compact form when it is, and why not when it is not.
///
/// Made by `validate`, `validate_many` and `parse`. A valid number has `country`, `compact`,
/// `national` and `kind`, and `reason` and `message` None; an invalid one has `reason` (the
/// error code, such as `"vat.bad_check_digit"`) and `message`, and the others None.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation(Result<VatNumber, VatError>);

#[pymethods]
impl Validation {
    /// Whether the number passes its country's format and check digits.
    #[getter]
    fn valid(&self) -> bool {
        self.0.is_ok()
    }

    /// The country prefix of a valid number: `"BE"`, `"EL"` for Greece, `"XI"`, or `"EU"`/`"IM"`
    /// for an OSS id; None when invalid.
    #[getter]
    fn country(&self) -> Option<&str> {
        self.0.as_ref().ok().map(VatNumber::country)
    }

    /// The prefix and the national part, upper case, without separators (`"BE0403170701"`);
    /// None when invalid.
    #[getter]
    fn compact(&self) -> Option<&str> {
        self.0.as_ref().ok().map(VatNumber::compact)
    }

    /// The part after the prefix (`"0403170701"`); None when invalid.
    #[getter]
    fn national(&self) -> Option<&str> {
        self.0.as_ref().ok().map(VatNumber::national)
    }

    /// `"customer"` (a VAT number a customer can give) or `"oss"` (an `EU…`/`IM…` One-Stop-Shop
    /// id, never a customer's number); None when invalid.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.0.as_ref().ok().map(|number| kind_code(number.kind()))
    }

    /// None when valid, else the error code: `"vat.empty"`, `"vat.unknown_country"`,
    /// `"vat.country_mismatch"`, `"vat.invalid_character"`, `"vat.bad_length"`,
    /// `"vat.bad_format"` or `"vat.bad_check_digit"`.
    #[getter]
    fn reason(&self) -> Option<&'static str> {
        self.0.as_ref().err().map(envoi::ErrorCode::code)
    }

    /// None when valid, else what is wrong, as a person reads it (the lengths the country uses,
    /// the format rule…).
    #[getter]
    fn message(&self) -> Option<String> {
        self.0.as_ref().err().map(ToString::to_string)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(match &self.0 {
                Ok(number) => format!(
                    "Validation(valid=True, compact={}, kind={})",
                    PyString::new(py, number.compact()).repr()?,
                    PyString::new(py, kind_code(number.kind())).repr()?
                ),
                Err(error) => format!(
                    "Validation(valid=False, reason={}, message={})",
                    PyString::new(py, envoi::ErrorCode::code(error)).repr()?,
                    PyString::new(py, &error.to_string()).repr()?
                ),
            })
        })
    }
}

/// Reads and checks a VAT number as people type it: spaces, dots, commas, colons, dashes and
/// slashes anywhere, any case, the Belgian "(0)", full-width digits (NFKC), with or without the
/// country prefix when `country` is given.
///
/// `country` is the country the number should belong to (`"BE"`, `"EL"` or `"GR"`, `"XI"`, or
/// `"EU"`/`"IM"` for OSS ids; any case; None or `""` when unknown). Without it the number must
/// start with its prefix. `GR` is read as Greece's `EL`; a `GB…` number is read as `XI` only when
/// `country="XI"`. Never raises for a number (an unknown `country` is the verdict
/// `vat.unknown_country`); `TypeError` when `number` is not a `str`.
#[pyfunction]
#[pyo3(signature = (number, country = None))]
pub fn validate(py: Python<'_>, number: &str, country: Option<&str>) -> PyResult<Validation> {
    guard(py, || Ok(Validation(VatNumber::parse(number, country))))
}

/// `validate` for each number of `numbers` (an iterable of `str`), in order, all with the same
/// `country`: one call for a whole list, checked with the interpreter released.
#[pyfunction]
#[pyo3(signature = (numbers, country = None))]
pub fn validate_many(
    py: Python<'_>,
    numbers: &Bound<'_, PyAny>,
    country: Option<&str>,
) -> PyResult<Vec<Validation>> {
    guard(py, || {
        let numbers: Vec<Bound<'_, PyString>> = numbers
            .try_iter()?
            .map(|number| Ok(number?.cast_into::<PyString>()?))
            .collect::<PyResult<_>>()?;
        let texts = numbers
            .iter()
            .map(|number| number.to_str())
            .collect::<PyResult<Vec<&str>>>()?;
        Ok(py.detach(|| {
            texts
                .iter()
                .map(|number| Validation(VatNumber::parse(number, country)))
                .collect()
        }))
    })
}

/// `validate`, raising `envoi.VatError` (with its fields: `compact`, `country`, `length`,
/// `expected`, `rule`…) when the number is invalid.
#[pyfunction]
#[pyo3(signature = (number, country = None))]
pub fn parse(py: Python<'_>, number: &str, country: Option<&str>) -> PyResult<Validation> {
    guard(py, || {
        VatNumber::parse(number, country)
            .map(|number| Validation(Ok(number)))
            .map_err(|error| vat_err(py, error))
    })
}

/// Whether `country` is one of the 27 EU member states (any case; Greece is `"EL"` and `"GR"`;
/// `"XI"`, outside the EU for services, is not).
#[pyfunction]
pub fn is_eu_member_state(py: Python<'_>, country: &str) -> PyResult<bool> {
    guard(py, || Ok(envoi::vat::is_eu_member_state(country)))
}

// ---- Rates ---------------------------------------------------------------------------------------

/// The VAT rates of a member state in force on a day.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate(envoi::vat::Rate);

#[pymethods]
impl Rate {
    /// The member state (`"EL"` for Greece).
    #[getter]
    fn country(&self) -> &str {
        self.0.country()
    }

    /// The standard rate in percent, such as `Decimal("21")`.
    #[getter]
    fn standard<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.standard()))
    }

    /// The reduced rates in percent, highest first (may be empty).
    #[getter]
    fn reduced<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .reduced()
                .iter()
                .map(|rate| decimal_to_py(py, *rate))
                .collect()
        })
    }

    /// The first day of the period these rates come from.
    #[getter]
    fn effective_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.0.effective_from()))
    }

    /// Whether the day asked for is after the day the table was last verified: the last known
    /// rates, which a newer table may change.
    #[getter]
    fn unverified(&self) -> bool {
        self.0.unverified()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Rate",
                &[
                    ("country", PyString::new(py, self.0.country()).into_any()),
                    ("standard", self.standard(py)?),
                    ("reduced", PyList::new(py, self.reduced(py)?)?.into_any()),
                    ("effective_from", self.effective_from(py)?),
                    (
                        "unverified",
                        PyBool::new(py, self.0.unverified()).to_owned().into_any(),
                    ),
                ],
            )
        })
    }
}

/// A table of the EU-27 VAT rates with their effective dates, and the day it was last verified.
///
/// `RateTable.builtin()` is the table envoi ships (its sources are listed in its JSON form); a host
/// can load a newer one in the same format with `RateTable.from_json`. Immutable.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable(pub(crate) Cow<'static, envoi::vat::RateTable>);

impl RateTable {
    pub(crate) fn table(&self) -> &envoi::vat::RateTable {
        &self.0
    }
}

#[pymethods]
impl RateTable {
    /// The table envoi ships.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            Ok(RateTable(Cow::Borrowed(envoi::vat::RateTable::builtin())))
        })
    }

    /// A table from its JSON form (the built-in table's format). Raises `envoi.VatError`
    /// (`vat.invalid_rate_table`, with `entry`, `field`, `value` and `rule`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            py.detach(|| envoi::vat::RateTable::from_json(text))
                .map(|table| RateTable(Cow::Owned(table)))
                .map_err(|error| vat_err(py, error))
        })
    }

    /// The table's JSON form, which `from_json` reads back.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(py.detach(|| self.table().to_json())))
    }

    /// The day the table was last checked against its sources.
    #[getter]
    fn verified_on<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.table().verified_on()))
    }

    /// The rates of `country` (a member state, any case; `"GR"` is read as `"EL"`) in force on
    /// `date`. Raises `envoi.VatError` (`vat.unknown_country`, `vat.no_rate`) and `TypeError` for a
    /// `datetime`.
    fn rate(&self, py: Python<'_>, country: &str, date: Day) -> PyResult<Rate> {
        guard(py, || {
            self.table()
                .rate(country, date.0)
                .map(Rate)
                .map_err(|error| vat_err(py, error))
        })
    }

    /// The member states of the table, in alphabetical order.
    fn countries(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        guard(py, || {
            Ok(self.table().countries().map(str::to_owned).collect())
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "<RateTable verified_on={} countries={}>",
                self.table().verified_on(),
                self.table().countries().count()
            ))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<RateTable>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.table().to_json(),)))
        })
    }
}

/// The rates of `country` in force on `date`, from the built-in table (see `RateTable.rate`).
#[pyfunction]
pub fn rate(py: Python<'_>, country: &str, date: Day) -> PyResult<Rate> {
    guard(py, || {
        envoi::vat::rate(country, date.0)
            .map(Rate)
            .map_err(|error| vat_err(py, error))
    })
}

// ---- Treatment -----------------------------------------------------------------------------------

/// The online check's (VIES) answer at order time, as the host got it.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineCheck(envoi::vat::OnlineCheck);

#[pymethods]
impl OnlineCheck {
    /// `valid`: whether the service said the number is valid; `request_id`: its consultation
    /// number, kept as evidence; `checked_at`: when the host asked (an aware datetime). Raises
    /// `envoi.TimeError` (`time.not_zone_aware`) for a naive `checked_at`.
    #[new]
    #[pyo3(signature = (valid, request_id = None, checked_at = None))]
    fn new(
        py: Python<'_>,
        valid: bool,
        request_id: Option<String>,
        checked_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let checked_at = checked_at
                .map(|at| instant_arg(at, "checked_at"))
                .transpose()?;
            Ok(OnlineCheck(envoi::vat::OnlineCheck {
                valid,
                request_id,
                checked_at,
            }))
        })
    }

    /// Whether the service said the number is valid.
    #[getter]
    fn valid(&self) -> bool {
        self.0.valid
    }

    /// The service's consultation number, or None.
    #[getter]
    fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// When the host asked, in UTC, or None.
    #[getter]
    fn checked_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || optional_datetime(py, utc(py)?, self.0.checked_at))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "OnlineCheck",
                &[
                    ("valid", PyBool::new(py, self.0.valid).to_owned().into_any()),
                    ("request_id", self.request_id().into_pyobject(py)?),
                    ("checked_at", self.checked_at(py)?.into_pyobject(py)?),
                ],
            )
        })
    }
}

/// What an order's VAT treatment rests on when a VAT number was given: the number as typed, its
/// compact form, the offline verdict and the online answer. Part of the order, never changed.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatEvidence(pub(crate) envoi::vat::VatEvidence);

#[pymethods]
impl VatEvidence {
    /// The number exactly as the customer typed it.
    #[getter]
    fn typed(&self) -> &str {
        &self.0.typed
    }

    /// Its compact form, when it could be read.
    #[getter]
    fn compact(&self) -> Option<&str> {
        self.0.compact.as_deref()
    }

    /// None when the offline checks pass, else the error code (`"vat.bad_check_digit"`…).
    #[getter]
    fn offline_error(&self) -> Option<&str> {
        self.0.offline_error.as_deref()
    }

    /// The online check's answer, if the host made one.
    #[getter]
    fn online(&self) -> Option<OnlineCheck> {
        self.0.online.clone().map(OnlineCheck)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "VatEvidence",
                &[
                    ("typed", PyString::new(py, &self.0.typed).into_any()),
                    ("compact", self.compact().into_pyobject(py)?),
                    ("offline_error", self.offline_error().into_pyobject(py)?),
                    ("online", self.online().into_pyobject(py)?),
                ],
            )
        })
    }
}

/// The VAT an order carries, with the rule that decided it (SPEC section 7). Decided once, at
/// order time; plain data with a JSON form to store with the order.
#[pyclass(module = "envoi.vat", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Treatment(pub(crate) envoi::vat::Treatment);

impl Treatment {
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|error| PyValueError::new_err(format!("Treatment JSON: {error}")))
    }
}

#[pymethods]
impl Treatment {
    /// `"charge"`, `"reverse_charge"`, `"out_of_scope"` or `"pending_verification"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().code()
    }

    /// The member state whose VAT applies (`"EL"` for Greece); None when out of scope.
    #[getter]
    fn vat_country(&self) -> Option<&str> {
        self.0.vat_country()
    }

    /// The rate in percent (`Decimal("21")`); `Decimal("0")` for reverse charge and out of scope;
    /// None while pending verification.
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .rate()
                .map(|rate| decimal_to_py(py, rate))
                .transpose()
        })
    }

    /// Whether the rate comes from after the day the rate table was last verified.
    #[getter]
    fn rate_unverified(&self) -> bool {
        self.0.rate_unverified()
    }

    /// The code of the legal mention the invoice must carry (`"reverse_charge"`,
    /// `"out_of_scope"`), or None.
    #[getter]
    fn mention(&self) -> Option<&'static str> {
        self.0.mention().map(Mention::code)
    }

    /// The text of the legal mention in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`), or None
    /// without a mention. Raises `envoi.LanguageError` (`language.unsupported`).
    #[pyo3(signature = (language = "en"))]
    fn mention_text(&self, py: Python<'_>, language: &str) -> PyResult<Option<&'static str>> {
        guard(py, || {
            let language = language_arg(py, language)?;
            Ok(self.0.mention().map(|mention| mention.text(language)))
        })
    }

    /// The code of the rule that decided it, such as `"belgian_customer"` or
    /// `"eu_business_reverse_charge"`.
    #[getter]
    fn reason(&self) -> &'static str {
        self.0.reason().code()
    }

    /// What the rule says, for an accountant reading the order.
    #[getter]
    fn explanation(&self) -> &'static str {
        self.0.reason().explanation()
    }

    /// Why a declared business is treated as a consumer (`"no_vat_number"`, `"invalid_offline"`,
    /// `"invalid_online"`, `"oss_number"`, `"exemption_not_requested"`), or None.
    #[getter]
    fn treated_as_consumer(&self) -> Option<&'static str> {
        self.0.treated_as_consumer().map(|because| because.code())
    }

    /// The VAT number evidence, when a number was given.
    #[getter]
    fn evidence(&self) -> Option<VatEvidence> {
        self.0.evidence().cloned().map(VatEvidence)
    }

    /// A request, after the order, to remove the VAT (grant the exemption): the exemption can
    /// only be asked for when ordering. A reverse-charged order has nothing to remove and is
    /// returned unchanged; any other raises `envoi.VatError`
    /// (`vat.exemption_not_requested_at_order`, with `order_id` and `treatment`).
    fn remove_vat_after_order(slf: &Bound<'_, Self>, order_id: &str) -> PyResult<Py<Self>> {
        let py = slf.py();
        guard(py, || {
            slf.get()
                .0
                .remove_vat_after_order(order_id)
                .map(|_| slf.clone().unbind())
                .map_err(|error| vat_err(py, error))
        })
    }

    /// The treatment's JSON form (the core's serde form), to store with the order.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json())
    }

    /// The treatment of a JSON form written by `to_json` (in any language). Raises `ValueError`
    /// naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            serde_json::from_str(text)
                .map(Treatment)
                .map_err(|error| PyValueError::new_err(format!("not a Treatment JSON: {error}")))
        })
    }

    /// As a person reads it: `charge BE 21% (belgian_customer)`.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &self.json()?).repr()?;
            Ok(format!("Treatment.from_json({json})"))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Treatment>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json()?,)))
        })
    }
}

/// The online check's answer as a Python value: True/False (an answer without request id or
/// time), None (unavailable, or not made) or an `OnlineCheck`; anything else is `Err(type name)`.
pub(crate) fn online_answer(
    value: &Bound<'_, PyAny>,
) -> Result<Option<envoi::vat::OnlineCheck>, String> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(valid) = value.cast::<PyBool>() {
        return Ok(Some(envoi::vat::OnlineCheck {
            valid: valid.is_true(),
            request_id: None,
            checked_at: None,
        }));
    }
    if let Ok(check) = value.cast::<OnlineCheck>() {
        return Ok(Some(check.get().0.clone()));
    }
    Err(value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string()))
}

/// The host's checker, a callable `vies(compact: str)`, seen as the core's [`OnlineVatCheck`].
///
/// Called with the interpreter attached (before the core runs detached), at most once, and only
/// when the core's [`TreatmentRequest::with_online_check_from`] says the answer decides. None is
/// "unavailable"; an exception, or a return value of another type (a `TypeError` naming `vies`), is
/// kept and raised once `with_online_check_from` has returned, never taken for "unavailable".
///
/// [`TreatmentRequest::with_online_check_from`]: envoi::vat::TreatmentRequest::with_online_check_from
struct HostChecker<'a, 'py> {
    checker: &'a Bound<'py, PyAny>,
    /// The exception of the call, if any, for [`treatment`] to raise.
    failure: RefCell<Option<PyErr>>,
}

impl HostChecker<'_, '_> {
    fn call(&self, number: &VatNumber) -> PyResult<Option<envoi::vat::OnlineCheck>> {
        let answer = self.checker.call1((number.compact(),))?;
        online_answer(&answer).map_err(|kind| {
            PyTypeError::new_err(format!(
                "vies: the checker must return True, False, None (unavailable) or an \
                 envoi.vat.OnlineCheck, not {kind}"
            ))
        })
    }
}

impl OnlineVatCheck for HostChecker<'_, '_> {
    fn check(&self, number: &VatNumber) -> Result<envoi::vat::OnlineCheck, OnlineCheckUnavailable> {
        match self.call(number) {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) => Err(OnlineCheckUnavailable::new(
                "the host's checker returned None",
            )),
            Err(error) => {
                let message = error.to_string();
                *self.failure.borrow_mut() = Some(error);
                Err(OnlineCheckUnavailable::new(message))
            }
        }
    }
}

/// Records the `vies` argument in `request`: an answer (True/False/None/`OnlineCheck`) as is, a
/// callable through the core's [`TreatmentRequest::with_online_check_from`] (asked only when its
/// answer decides). Raises what the checker raised, and `TypeError` naming `vies` for another type.
///
/// [`TreatmentRequest::with_online_check_from`]: envoi::vat::TreatmentRequest::with_online_check_from
fn with_vies(
    mut request: envoi::vat::TreatmentRequest,
    vies: Option<&Bound<'_, PyAny>>,
) -> PyResult<envoi::vat::TreatmentRequest> {
    let Some(vies) = vies else {
        return Ok(request);
    };
    match online_answer(vies) {
        Ok(answer) => {
            request.online_check = answer;
            Ok(request)
        }
        Err(_) if vies.is_callable() => {
            let host = HostChecker {
                checker: vies,
                failure: RefCell::new(None),
            };
            let request = request.with_online_check_from(&host);
            match host.failure.into_inner() {
                Some(error) => Err(error),
                None => Ok(request),
            }
        }
        Err(kind) => Err(PyTypeError::new_err(format!(
            "vies: expected True, False, None (unavailable), an envoi.vat.OnlineCheck or a checker \
             (a callable taking the compact number), not {kind}"
        ))),
    }
}

/// Decides the VAT of an order per SPEC section 7 (the seller is established in Belgium), with the
/// rates in force on `date` (a `datetime.date`) from `table` (default: the built-in table).
///
/// `customer_kind` is `"business"` or `"consumer"`, `service` `"electronic"` (SMS, email, secure
/// email and their credit packs) or `"letter"`. `vat_number` is the number as the customer typed
/// it; `vies` the online check's answer at order time (True/False, an `OnlineCheck` with its
/// request id, or None when unavailable) or the host's checker: a callable that takes the compact
/// number (`"DE136695976"`, `"EL…"` for Greece) and returns one of those answers, called only when
/// the answer decides the treatment; `exemption_requested` whether the customer asked for the
/// exemption when ordering; `b2c_current_year` (including this supply) and `b2c_previous_year` the
/// seller's cross-border EU B2C sales of electronic services in EUR (`decimal.Decimal` or `int`).
///
/// An invalid VAT number is not an error: the customer is treated as a consumer and the evidence
/// says why. Raises `envoi.VatError` (`vat.unknown_country` for a customer country that is not two
/// letters, `vat.invalid_argument` for an unknown `customer_kind` or `service`,
/// `vat.invalid_amount` for a negative total, `vat.no_rate`) and `TypeError` for a `float` total,
/// a `datetime` date, a `vies` of another type or a checker returning another type. An exception
/// raised by the checker reaches the caller unchanged.
#[pyfunction]
#[pyo3(signature = (
    customer_country, customer_kind, service, date, *, vat_number = None, vies = None,
    exemption_requested = false, b2c_current_year = None, b2c_previous_year = None, table = None
))]
#[pyo3(
    text_signature = "(customer_country, customer_kind, service, date, *, vat_number=None, vies=None, exemption_requested=False, b2c_current_year=0, b2c_previous_year=0, table=None)"
)]
#[allow(clippy::too_many_arguments)]
pub fn treatment(
    py: Python<'_>,
    customer_country: &str,
    customer_kind: &str,
    service: &str,
    date: Day,
    vat_number: Option<String>,
    vies: Option<&Bound<'_, PyAny>>,
    exemption_requested: bool,
    b2c_current_year: Option<&Bound<'_, PyAny>>,
    b2c_previous_year: Option<&Bound<'_, PyAny>>,
    table: Option<&Bound<'_, RateTable>>,
) -> PyResult<Treatment> {
    guard(py, || {
        let customer_kind: CustomerKind = vat_code_arg(py, customer_kind)?;
        let service: ServiceKind = vat_code_arg(py, service)?;
        let total = |value: Option<&Bound<'_, PyAny>>, field| {
            value
                .filter(|value| !value.is_none())
                .map_or(Ok(Decimal::ZERO), |value| decimal_arg(value, field))
        };
        let current = total(b2c_current_year, "b2c_current_year")?;
        let previous = total(b2c_previous_year, "b2c_previous_year")?;
        let mut request =
            envoi::vat::TreatmentRequest::new(customer_country, customer_kind, service, date.0)
                .with_b2c_totals(current, previous);
        request.vat_number = vat_number;
        request.exemption_requested = exemption_requested;
        let request = with_vies(request, vies)?;
        let table: &envoi::vat::RateTable = match table {
            Some(table) => table.get().table(),
            None => envoi::vat::RateTable::builtin(),
        };
        py.detach(|| envoi::vat::treatment(&request, table))
            .map(Treatment)
            .map_err(|error| vat_err(py, error))
    })
}

/// The text of a legal mention (`"reverse_charge"`, `"out_of_scope"`) in `language`. Raises
/// `envoi.VatError` (`vat.invalid_argument`) and `envoi.LanguageError`.
#[pyfunction]
#[pyo3(signature = (mention, language = "en"))]
pub fn mention_text(py: Python<'_>, mention: &str, language: &str) -> PyResult<&'static str> {
    guard(py, || {
        let mention: Mention = vat_code_arg(py, mention)?;
        Ok(mention.text(language_arg(py, language)?))
    })
}

/// What the rule of a reason code (such as `"belgian_customer"`) says. Raises `envoi.VatError`
/// (`vat.invalid_argument`) for an unknown code.
#[pyfunction]
pub fn explain(py: Python<'_>, reason: &str) -> PyResult<&'static str> {
    guard(py, || {
        let reason: Reason = vat_code_arg(py, reason)?;
        Ok(reason.explanation())
    })
}

/// Adds the module's constants.
pub(crate) fn add_constants(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("VAT_COUNTRIES", PyTuple::new(py, VAT_COUNTRIES)?)?;
    module.add("SELLER_COUNTRY", SELLER_COUNTRY)?;
    module.add("B2C_THRESHOLD_EUR", decimal_to_py(py, B2C_THRESHOLD_EUR)?)?;
    Ok(())
}
