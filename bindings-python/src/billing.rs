//! `envoi.billing`: price lists and invoice numbers (mirrors `envoi::billing`).
//!
//! Only conversions. A [`PriceList`] is read by the core from JSON or TOML text (the host reads
//! the file; `file` names it in the errors) and queried at a day (a `datetime.date`; a `datetime`
//! is a `TypeError`, its day depends on the zone). Its entries are frozen read-only classes;
//! money comes out as a `decimal.Decimal` amount with its ISO 4217 `currency`, channels, postages
//! and formats as their codes, credit kinds as their names.
//!
//! An [`InvoiceNumber`] is the core's `YEAR-SERIES-SEQUENCE` (`2026-F-000123`): parsed, built,
//! `next()`, `str()`; [`check_sequence`] finds the gaps and duplicates of a list, raised as one
//! `envoi.BillingError` (`billing.invoice_sequence`) whose `problems` are [`SequenceProblem`]s.
//!
//! A [`BillingError`] becomes `envoi.BillingError` with the core's code and message and the
//! variant's fields as attributes ([`billing_err`]); money and credit errors keep their own
//! classes (`envoi.MoneyError`, `envoi.CreditError`).

use envoi::billing::{BillingError, Location, SequenceProblem as CoreProblem};
use envoi::money::Money;
use envoi::time::Zone;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::account::account_err;
use crate::credits::plans::BlockPlan;
use crate::credits::{credit_err, repr};
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::invoice::invoice_err;
use crate::post::{PostData, Quote, code_arg, data_arg, postage_arg};
use crate::schedule::Day;
use crate::time::instant_arg;
use crate::token::serde_arg;
use crate::vat::{date_to_py, decimal_to_py, vat_err};
use envoi::post::{Format, Letter, PostalZone, WeightBand};

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a billing error: `envoi.BillingError` with the variant's fields as
/// attributes; a money error is `envoi.MoneyError`, a credit error `envoi.CreditError`.
pub(crate) fn billing_err(py: Python<'_>, error: BillingError) -> PyErr {
    match error {
        BillingError::Credit(error) => credit_err(py, Zone::default(), *error),
        BillingError::Money(error) => to_py_err(py, error),
        BillingError::Vat(error) => vat_err(py, *error),
        BillingError::Invoice(error) => invoice_err(py, *error),
        BillingError::Account(error) => account_err(py, Zone::default(), *error),
        error => match billing_fields(py, &error) {
            Ok(fields) => to_py_err_with_fields(py, error, &fields),
            Err(failure) => failure,
        },
    }
}

/// The fields of a billing error, named as the core names them; a price list's location is
/// flattened into `file`, `entry` and `field` (None for an error about a whole entry).
fn billing_fields<'py>(py: Python<'py>, error: &BillingError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    let place = |at: &Location| -> PyResult<()> {
        fields.set_item("file", &at.file)?;
        fields.set_item("entry", &at.entry)?;
        fields.set_item("field", at.field.as_deref())
    };
    match error {
        BillingError::Syntax {
            file,
            format,
            message,
        } => {
            fields.set_item("file", file)?;
            fields.set_item("format", format)?;
            fields.set_item("message", &**message)?;
        }
        BillingError::MissingField { at, rule } | BillingError::UnknownPostage { at, rule, .. } => {
            place(at)?;
            fields.set_item("rule", rule)?;
            if let BillingError::UnknownPostage { value, .. } = error {
                fields.set_item("value", value)?;
            }
        }
        BillingError::UnknownField { at, allowed } => {
            place(at)?;
            fields.set_item("allowed", allowed)?;
        }
        BillingError::InvalidField { at, value, rule } => {
            place(at)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        BillingError::UnknownCurrency { at, value, rule } => {
            place(at)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        BillingError::UnknownChannel { at, value }
        | BillingError::UnknownFormat { at, value }
        | BillingError::NegativePrice { at, value } => {
            place(at)?;
            fields.set_item("value", value)?;
        }
        BillingError::UnknownWeightBand {
            at,
            value,
            zone,
            format,
            bands,
        } => {
            place(at)?;
            fields.set_item("value", value)?;
            fields.set_item("zone", zone.to_string())?;
            fields.set_item("format", format.code())?;
            fields.set_item("bands", bands)?;
        }
        BillingError::OverlappingValidity {
            at,
            validity,
            other,
            other_validity,
        } => {
            place(at)?;
            fields.set_item("validity", validity.to_string())?;
            fields.set_item("other", other)?;
            fields.set_item("other_validity", other_validity.to_string())?;
        }
        BillingError::InconsistentEntry {
            at,
            value,
            other,
            other_value,
        } => {
            place(at)?;
            fields.set_item("value", &**value)?;
            fields.set_item("other", &**other)?;
            fields.set_item("other_value", &**other_value)?;
        }
        BillingError::DuplicateField { at } => place(at)?,
        BillingError::DuplicateEntry { at, value, other } => {
            place(at)?;
            fields.set_item("value", value)?;
            fields.set_item("other", other)?;
        }
        BillingError::NoPrice {
            subject,
            on,
            detail,
        } => {
            fields.set_item("subject", subject)?;
            fields.set_item("on", date_to_py(py, *on).ok())?;
            fields.set_item("detail", detail)?;
        }
        BillingError::InvalidQuery { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        BillingError::InvalidInvoiceNumber { value, rule } => {
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        BillingError::InvoiceSequence { problems } => {
            let problems: Vec<SequenceProblem> =
                problems.iter().cloned().map(SequenceProblem).collect();
            fields.set_item("problems", problems)?;
        }
        BillingError::InvalidArgument { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", &**rule)?;
        }
        BillingError::VatPendingVerification {
            subject,
            vat_number,
        } => {
            fields.set_item("subject", subject)?;
            fields.set_item("vat_number", vat_number)?;
        }
        BillingError::ExemptionAfterOrder {
            order_id,
            treatment,
        } => {
            fields.set_item("order_id", order_id)?;
            fields.set_item("treatment", treatment)?;
        }
        BillingError::OrderNotPaid { order_id, state } => {
            fields.set_item("order_id", order_id)?;
            fields.set_item("state", state)?;
        }
        BillingError::OrderState {
            order_id,
            action,
            state,
            rule,
        } => {
            fields.set_item("order_id", &**order_id)?;
            fields.set_item("action", action)?;
            fields.set_item("state", state)?;
            fields.set_item("rule", rule)?;
        }
        BillingError::InvoiceConflict {
            key,
            number,
            difference,
        } => {
            fields.set_item("key", key)?;
            fields.set_item("number", number)?;
            fields.set_item("difference", difference)?;
        }
        BillingError::MissingExchangeRate { subject, currency } => {
            fields.set_item("subject", subject)?;
            fields.set_item("currency", currency.to_string())?;
        }
        BillingError::MixedCurrencies {
            subject,
            first,
            other,
        } => {
            fields.set_item("subject", subject)?;
            fields.set_item("first", first.to_string())?;
            fields.set_item("other", other.to_string())?;
        }
        BillingError::InvalidRecord {
            what,
            field,
            value,
            rule,
        } => {
            fields.set_item("what", what)?;
            fields.set_item("field", field)?;
            fields.set_item("value", &**value)?;
            fields.set_item("rule", &**rule)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

/// The amount of money as a `decimal.Decimal` (its currency is a getter of its own).
fn amount(py: Python<'_>, money: Money) -> PyResult<Bound<'_, PyAny>> {
    decimal_to_py(py, money.amount())
}

// ---- Validity ------------------------------------------------------------------------------------

/// The days a price is valid: from `valid_from` (included) to `valid_until` (excluded), or for
/// good when `valid_until` is None. Immutable; compared by value; `str()` is `2026-01-01..2026-07-01`.
#[pyclass(module = "envoi.billing", frozen, eq, hash)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Validity(envoi::billing::Validity);

#[pymethods]
impl Validity {
    /// The first day the price applies.
    #[getter]
    fn valid_from<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || date_to_py(py, self.0.valid_from))
    }

    /// The first day it no longer applies, or None (until further notice).
    #[getter]
    fn valid_until<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .valid_until
                .map(|day| date_to_py(py, day))
                .transpose()
        })
    }

    /// Whether the price applies on `day` (a `datetime.date`).
    fn contains(&self, day: Day) -> bool {
        self.0.contains(day.0)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Validity",
                &[
                    ("valid_from", self.valid_from(py)?),
                    ("valid_until", self.valid_until(py)?.into_pyobject(py)?),
                ],
            )
        })
    }
}

// ---- Entries -------------------------------------------------------------------------------------

/// The price of one message on a channel (pay-as-you-go); it may have more decimals than the
/// cent. Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPrice(envoi::billing::UnitPrice);

#[pymethods]
impl UnitPrice {
    /// The channel: `"email"`, `"sms"`, `"secure_email"` or `"letter"`.
    #[getter]
    fn channel(&self) -> &'static str {
        self.0.channel.as_str()
    }

    /// The price of one message, without VAT (a `decimal.Decimal` in `currency`).
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.price))
    }

    /// The ISO 4217 code of the price.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.price.currency().code()
    }

    /// When it applies.
    #[getter]
    fn validity(&self) -> Validity {
        Validity(self.0.validity)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "UnitPrice",
                &[
                    ("channel", PyString::new(py, self.channel()).into_any()),
                    ("price", self.price(py)?),
                    ("currency", PyString::new(py, self.currency()).into_any()),
                    ("validity", self.validity().into_pyobject(py)?.into_any()),
                ],
            )
        })
    }
}

/// A credit pack of the catalogue: `units` of the credit kind `kind` for `price`. Immutable;
/// compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack(envoi::billing::Pack);

#[pymethods]
impl Pack {
    /// The pack's id in the catalogue (`"sms-1000"`).
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The credit kind its units are of (`"sms"`).
    #[getter]
    fn kind(&self) -> &str {
        self.0.kind.as_str()
    }

    /// The units it adds.
    #[getter]
    fn units(&self) -> u64 {
        self.0.units
    }

    /// Its price, without VAT (a `decimal.Decimal` in `currency`).
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.price))
    }

    /// The ISO 4217 code of the price.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.price.currency().code()
    }

    /// When this price applies.
    #[getter]
    fn validity(&self) -> Validity {
        Validity(self.0.validity)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Pack",
                &[
                    ("id", PyString::new(py, self.id()).into_any()),
                    ("kind", PyString::new(py, self.kind()).into_any()),
                    ("units", self.units().into_pyobject(py)?.into_any()),
                    ("price", self.price(py)?),
                    ("currency", PyString::new(py, self.currency()).into_any()),
                    ("validity", self.validity().into_pyobject(py)?.into_any()),
                ],
            )
        })
    }
}

/// A monthly block plan's price: `fee` per started block of `block_size` messages per period.
/// Immutable; compared by value; `subscribe` makes the `envoi.credits.BlockPlan`.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPlanPrice(envoi::billing::BlockPlanPrice);

#[pymethods]
impl BlockPlanPrice {
    /// The plan's id (`"plannit-sms"`).
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The messages in one block.
    #[getter]
    fn block_size(&self) -> u32 {
        self.0.block_size
    }

    /// The fee per started block, without VAT (a `decimal.Decimal` in `currency`).
    #[getter]
    fn fee<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.fee))
    }

    /// The ISO 4217 code of the fee (USD allowed).
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.fee.currency().code()
    }

    /// When this price applies.
    #[getter]
    fn validity(&self) -> Validity {
        Validity(self.0.validity)
    }

    /// The `envoi.credits.BlockPlan` of a subscription at `subscribed_at` (an aware datetime), its
    /// periods on the wall clock of `tz` (the account's). Raises `envoi.BillingError`
    /// (`billing.no_price` when this price is not valid on the subscription day in `tz`),
    /// `envoi.CreditError` and `envoi.TimeError` (`time.unknown_zone`, `time.not_zone_aware`).
    #[pyo3(signature = (subscribed_at, *, tz = Zone::default().name()))]
    #[pyo3(text_signature = "(self, subscribed_at, *, tz='Europe/Brussels')")]
    fn subscribe(
        &self,
        py: Python<'_>,
        subscribed_at: &Bound<'_, PyAny>,
        tz: &str,
    ) -> PyResult<BlockPlan> {
        guard(py, || {
            let subscribed_at = instant_arg(subscribed_at, "subscribed_at")?;
            let zone: Zone = tz.parse().map_err(|error| to_py_err(py, error))?;
            match self.0.subscribe(subscribed_at, zone) {
                Ok(plan) => Ok(BlockPlan(plan)),
                Err(BillingError::Credit(error)) => Err(credit_err(py, zone, *error)),
                Err(error) => Err(billing_err(py, error)),
            }
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "BlockPlanPrice",
                &[
                    ("id", PyString::new(py, self.id()).into_any()),
                    (
                        "block_size",
                        self.block_size().into_pyobject(py)?.into_any(),
                    ),
                    ("fee", self.fee(py)?),
                    ("currency", PyString::new(py, self.currency()).into_any()),
                    ("validity", self.validity().into_pyobject(py)?.into_any()),
                ],
            )
        })
    }
}

/// One postage row of a letter tariff: the price of printing and posting a letter of this
/// postage, format and weight band (black and white, simplex). Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostageRate(envoi::billing::PostageRate);

#[pymethods]
impl PostageRate {
    /// `"prior"`, `"non_prior"` or `"prior_international"` (a registered letter is priced as prior
    /// plus the registered fee).
    #[getter]
    fn postage(&self) -> &'static str {
        self.0.postage.code()
    }

    /// `"small"` or `"large"`.
    #[getter]
    fn format(&self) -> &'static str {
        self.0.format.code()
    }

    /// The weight band, by its upper bound in grams.
    #[getter]
    fn up_to_grams(&self) -> u32 {
        self.0.up_to_grams
    }

    /// The price (a `decimal.Decimal` in `currency`).
    #[getter]
    fn price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.price))
    }

    /// The ISO 4217 code of the price.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.price.currency().code()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "PostageRate",
                &[
                    ("postage", PyString::new(py, self.postage()).into_any()),
                    ("format", PyString::new(py, self.format()).into_any()),
                    (
                        "up_to_grams",
                        self.up_to_grams().into_pyobject(py)?.into_any(),
                    ),
                    ("price", self.price(py)?),
                    ("currency", PyString::new(py, self.currency()).into_any()),
                ],
            )
        })
    }
}

/// A letter tariff: postage rows, colour and duplex supplements per printed sheet, and the
/// registered and acknowledgement-of-receipt fees, in one currency. Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterTariff(envoi::billing::LetterTariff);

#[pymethods]
impl LetterTariff {
    /// The tariff's id (`"click-and-post-2026"`).
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The postage rows, in file order.
    #[getter]
    fn postage(&self) -> Vec<PostageRate> {
        self.0.postage.iter().cloned().map(PostageRate).collect()
    }

    /// The supplement per printed sheet in color.
    #[getter]
    fn color_per_sheet<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.color_per_sheet))
    }

    /// The supplement per sheet printed on both sides.
    #[getter]
    fn duplex_per_sheet<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.duplex_per_sheet))
    }

    /// The fee of a registered letter, on top of its prior postage.
    #[getter]
    fn registered_fee<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.registered_fee))
    }

    /// The fee of an acknowledgement of receipt (registered letters only).
    #[getter]
    fn acknowledgement_of_receipt_fee<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.acknowledgement_of_receipt_fee))
    }

    /// The ISO 4217 code of every amount of the tariff.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.registered_fee.currency().code()
    }

    /// When it applies.
    #[getter]
    fn validity(&self) -> Validity {
        Validity(self.0.validity)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "<LetterTariff {} ({} rows, {}, valid {})>",
                PyString::new(py, self.id()).repr()?,
                self.0.postage.len(),
                self.currency(),
                self.0.validity
            ))
        })
    }
}

// ---- Price list ----------------------------------------------------------------------------------

/// A price list: per-channel unit prices, the pack catalogue, block plans and letter tariffs,
/// each with its currency and validity, read from JSON or TOML and queried at a day. Immutable;
/// compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceList(pub(crate) envoi::billing::PriceList);

#[pymethods]
impl PriceList {
    /// Reads a price list from JSON `text`; `file` names it in the errors (the host reads the
    /// file). Letter tariffs' weight bands are checked against `post` (an `envoi.post.PostData`;
    /// the built-in data by default). Raises `envoi.BillingError` naming the file, the entry and
    /// the field (`billing.syntax`, `billing.duplicate_field`, `billing.missing_field`,
    /// `billing.invalid_field`, `billing.negative_price`, `billing.overlapping_validity`…).
    #[staticmethod]
    #[pyo3(signature = (text, file = "prices.json", *, post = None))]
    fn from_json(
        py: Python<'_>,
        text: &str,
        file: &str,
        post: Option<&Bound<'_, PostData>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let data = data_arg(post);
            // Boxed: the core's error is large, and crosses back from the detached closure.
            py.detach(|| {
                envoi::billing::PriceList::from_json_with(file, text, data).map_err(Box::new)
            })
            .map(PriceList)
            .map_err(|error| billing_err(py, *error))
        })
    }

    /// Reads a price list from TOML `text` (the same fields; dates may be bare TOML dates), as
    /// `from_json`.
    #[staticmethod]
    #[pyo3(signature = (text, file = "prices.toml", *, post = None))]
    fn from_toml(
        py: Python<'_>,
        text: &str,
        file: &str,
        post: Option<&Bound<'_, PostData>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let data = data_arg(post);
            // Boxed: the core's error is large, and crosses back from the detached closure.
            py.detach(|| {
                envoi::billing::PriceList::from_toml_with(file, text, data).map_err(Box::new)
            })
            .map(PriceList)
            .map_err(|error| billing_err(py, *error))
        })
    }

    /// Where the prices come from, as the file says, or None.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.0.source()
    }

    /// When the prices were last checked against their source (a `datetime.date`), or None.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0.as_of().map(|day| date_to_py(py, day)).transpose()
        })
    }

    /// Every unit price, in file order.
    #[getter]
    fn unit_prices(&self) -> Vec<UnitPrice> {
        self.0
            .unit_prices()
            .iter()
            .cloned()
            .map(UnitPrice)
            .collect()
    }

    /// Every pack price, in file order (one id may have several, with disjoint validities).
    #[getter]
    fn packs(&self) -> Vec<Pack> {
        self.0.packs().iter().cloned().map(Pack).collect()
    }

    /// Every block plan price, in file order.
    #[getter]
    fn block_plans(&self) -> Vec<BlockPlanPrice> {
        self.0
            .block_plans()
            .iter()
            .cloned()
            .map(BlockPlanPrice)
            .collect()
    }

    /// Every letter tariff, in file order.
    #[getter]
    fn letter_tariffs(&self) -> Vec<LetterTariff> {
        self.0
            .letter_tariffs()
            .iter()
            .cloned()
            .map(LetterTariff)
            .collect()
    }

    /// The packs on sale on `on` (a `datetime.date`): the catalogue of that day, in file order.
    fn packs_on(&self, on: Day) -> Vec<Pack> {
        self.0.packs_on(on.0).cloned().map(Pack).collect()
    }

    /// The pack `id` at its price valid on `on`. Raises `envoi.BillingError` (`billing.no_price`,
    /// with `subject`, `on` and `detail`: the validities the list has for it, or none).
    fn pack(&self, py: Python<'_>, id: &str, on: Day) -> PyResult<Pack> {
        guard(py, || {
            self.0
                .pack(id, on.0)
                .cloned()
                .map(Pack)
                .map_err(|error| billing_err(py, error))
        })
    }

    /// The price of one message on `channel` (`"email"`, `"sms"`, `"secure_email"`, `"letter"`)
    /// valid on `on`. Raises `envoi.BillingError` (`billing.no_price`) and `ValueError` for an
    /// unknown channel.
    fn unit_price(&self, py: Python<'_>, channel: &str, on: Day) -> PyResult<UnitPrice> {
        guard(py, || {
            let channel: envoi::contacts::Channel = serde_arg!(channel, "channel")?;
            self.0
                .unit_price(channel, on.0)
                .cloned()
                .map(UnitPrice)
                .map_err(|error| billing_err(py, error))
        })
    }

    /// The block plan `id` at its price valid on `on`. Raises `envoi.BillingError`
    /// (`billing.no_price`).
    fn block_plan(&self, py: Python<'_>, id: &str, on: Day) -> PyResult<BlockPlanPrice> {
        guard(py, || {
            self.0
                .block_plan(id, on.0)
                .cloned()
                .map(BlockPlanPrice)
                .map_err(|error| billing_err(py, error))
        })
    }

    /// The letter tariff valid on `on`. Raises `envoi.BillingError` (`billing.no_price`).
    fn letter_tariff(&self, py: Python<'_>, on: Day) -> PyResult<LetterTariff> {
        guard(py, || {
            self.0
                .letter_tariff(on.0)
                .cloned()
                .map(LetterTariff)
                .map_err(|error| billing_err(py, error))
        })
    }

    /// The price of one letter (`query`, a `LetterQuery`) on `on`, part by part, without VAT.
    /// Raises `envoi.BillingError` (`billing.invalid_query`: a postage its band's zone does not
    /// take, an acknowledgement of receipt on an unregistered letter, `rp`…; `billing.no_price`)
    /// and `envoi.MoneyError` for an amount that overflows.
    fn letter_price(&self, py: Python<'_>, query: &LetterQuery, on: Day) -> PyResult<LetterPrice> {
        guard(py, || {
            self.0
                .letter_price(&query.0, on.0)
                .map(LetterPrice)
                .map_err(|error| billing_err(py, error))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "<PriceList source={} as_of={}: {} unit prices, {} packs, {} block plans, {} letter tariffs>",
                self.source().into_pyobject(py)?.repr()?,
                self.as_of(py)?.into_pyobject(py)?.repr()?,
                self.0.unit_prices().len(),
                self.0.packs().len(),
                self.0.block_plans().len(),
                self.0.letter_tariffs().len()
            ))
        })
    }
}

// ---- Invoice numbers -----------------------------------------------------------------------------

/// An invoice number, `YEAR-SERIES-SEQUENCE` such as `2026-F-000123`: one gapless sequence per
/// series (1 to 4 capital letters) and year, from 1. `str()` is its text, which `parse` reads
/// back exactly. Immutable; compared by value; hashable.
///
/// Ordered as the core orders them (`<`, `sorted`): by series, then year, then sequence.
#[pyclass(module = "envoi.billing", frozen, eq, ord, hash)]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InvoiceNumber(pub(crate) envoi::billing::InvoiceNumber);

#[pymethods]
impl InvoiceNumber {
    /// The number `sequence` of `series` in `year`. Raises `envoi.BillingError`
    /// (`billing.invalid_invoice_number`: a series that is not 1 to 4 capital letters, a year
    /// outside 1000–9999, sequence 0) and `OverflowError` for a sequence past 4,294,967,295 or a
    /// negative one.
    #[new]
    fn new(py: Python<'_>, year: i32, series: &str, sequence: u32) -> PyResult<Self> {
        guard(py, || {
            let err = |error| billing_err(py, error);
            let series = envoi::billing::NumberSeries::new(series).map_err(err)?;
            envoi::billing::InvoiceNumber::new(year, series, sequence)
                .map(InvoiceNumber)
                .map_err(err)
        })
    }

    /// Reads the text of a number exactly as `str()` writes it (the sequence zero-padded to 6
    /// digits, or more digits without leading zeros). Raises `envoi.BillingError`
    /// (`billing.invalid_invoice_number`, with `value` and `rule`).
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            text.parse()
                .map(InvoiceNumber)
                .map_err(|error| billing_err(py, error))
        })
    }

    /// The first number of `series` in `year` (`2026-F-000001`). Raises `envoi.BillingError`
    /// (`billing.invalid_invoice_number`).
    #[staticmethod]
    fn first(py: Python<'_>, series: &str, year: i32) -> PyResult<Self> {
        guard(py, || {
            let err = |error| billing_err(py, error);
            let series = envoi::billing::NumberSeries::new(series).map_err(err)?;
            series.first(year).map(InvoiceNumber).map_err(err)
        })
    }

    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.0.year()
    }

    /// The series (`"F"`).
    #[getter]
    fn series(&self) -> &str {
        self.0.series().as_str()
    }

    /// The sequence within the series and year, from 1.
    #[getter]
    fn sequence(&self) -> u32 {
        self.0.sequence()
    }

    /// The next number of the same series and year (the host's store allocates it). Raises
    /// `envoi.BillingError` (`billing.invalid_invoice_number`) past the last sequence.
    fn next(&self, py: Python<'_>) -> PyResult<Self> {
        guard(py, || {
            self.0
                .next()
                .map(InvoiceNumber)
                .map_err(|error| billing_err(py, error))
        })
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.0.to_string()).repr()?;
        Ok(format!("InvoiceNumber.parse({text})"))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let parse = py
            .get_type::<InvoiceNumber>()
            .getattr(pyo3::intern!(py, "parse"))?;
        Ok((parse, (self.0.to_string(),)))
    }
}

/// A break in a sequence of invoice numbers: `kind` `"gap"` (numbers `from_` to `to` missing,
/// both included) or `"duplicate"` (`number` given `count` times). `str()` as a person reads it.
/// Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SequenceProblem(CoreProblem);

#[pymethods]
impl SequenceProblem {
    /// The gap from `from_` to `to` (both missing), as `check_sequence` reports it.
    #[staticmethod]
    #[pyo3(signature = (from_, to))]
    fn gap(from_: &Bound<'_, InvoiceNumber>, to: &Bound<'_, InvoiceNumber>) -> Self {
        SequenceProblem(CoreProblem::Gap {
            from: from_.get().0.clone(),
            to: to.get().0.clone(),
        })
    }

    /// `number` given `count` times, as `check_sequence` reports it.
    #[staticmethod]
    fn duplicate(number: &Bound<'_, InvoiceNumber>, count: usize) -> Self {
        SequenceProblem(CoreProblem::Duplicate {
            number: number.get().0.clone(),
            count,
        })
    }

    /// `"gap"` or `"duplicate"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0 {
            CoreProblem::Gap { .. } => "gap",
            CoreProblem::Duplicate { .. } => "duplicate",
        }
    }

    /// The first missing number (a gap), else None.
    #[getter]
    fn from_(&self) -> Option<InvoiceNumber> {
        match &self.0 {
            CoreProblem::Gap { from, .. } => Some(InvoiceNumber(from.clone())),
            CoreProblem::Duplicate { .. } => None,
        }
    }

    /// The last missing number (a gap), else None.
    #[getter]
    fn to(&self) -> Option<InvoiceNumber> {
        match &self.0 {
            CoreProblem::Gap { to, .. } => Some(InvoiceNumber(to.clone())),
            CoreProblem::Duplicate { .. } => None,
        }
    }

    /// The number given more than once (a duplicate), else None.
    #[getter]
    fn number(&self) -> Option<InvoiceNumber> {
        match &self.0 {
            CoreProblem::Duplicate { number, .. } => Some(InvoiceNumber(number.clone())),
            CoreProblem::Gap { .. } => None,
        }
    }

    /// How many times it was given (a duplicate), else None.
    #[getter]
    fn count(&self) -> Option<usize> {
        match &self.0 {
            CoreProblem::Duplicate { count, .. } => Some(*count),
            CoreProblem::Gap { .. } => None,
        }
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<SequenceProblem {}: {}>", self.kind(), self.0)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let class = py.get_type::<SequenceProblem>();
        match &self.0 {
            CoreProblem::Gap { from, to } => Ok((
                class.getattr(pyo3::intern!(py, "gap"))?,
                (InvoiceNumber(from.clone()), InvoiceNumber(to.clone()))
                    .into_pyobject(py)?
                    .into_any(),
            )),
            CoreProblem::Duplicate { number, count } => Ok((
                class.getattr(pyo3::intern!(py, "duplicate"))?,
                (InvoiceNumber(number.clone()), *count)
                    .into_pyobject(py)?
                    .into_any(),
            )),
        }
    }
}

/// An invoice number argument: an `InvoiceNumber` or its text, read by the core.
pub(crate) fn number_arg(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
) -> PyResult<envoi::billing::InvoiceNumber> {
    if let Ok(number) = value.cast::<InvoiceNumber>() {
        return Ok(number.get().0.clone());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return text
            .to_str()?
            .parse()
            .map_err(|error| billing_err(py, error));
    }
    Err(PyTypeError::new_err(format!(
        "numbers: expected InvoiceNumber or str items, not {}",
        value.get_type().name()?
    )))
}

/// Checks that `numbers` (an iterable of `InvoiceNumber`s or their text, in any order) hold each
/// series' sequence of each year without a gap or a duplicate: 1, 2, … up to the highest number
/// given. Returns None, or raises `envoi.BillingError` (`billing.invoice_sequence`) whose
/// `problems` list every `SequenceProblem` by series, year and sequence
/// (`billing.invalid_invoice_number` for text that is not a number; `TypeError` for another item).
#[pyfunction]
pub fn check_sequence(py: Python<'_>, numbers: &Bound<'_, PyAny>) -> PyResult<()> {
    guard(py, || {
        let numbers = numbers
            .try_iter()?
            .map(|number| number_arg(py, &number?))
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| envoi::billing::check_sequence(&numbers).map_err(Box::new))
            .map_err(|error| billing_err(py, *error))
    })
}

/// Checks that `numbers` (an iterable of `InvoiceNumber`s or their text, in any order) continue
/// `last_issued` (an `InvoiceNumber`, its text, or None), the last number issued before them: in
/// its series and year they run from the next sequence on; a number at or before it is a
/// duplicate. Other series and years run from 1, as in `check_sequence`. Raises as
/// `check_sequence`.
#[pyfunction]
pub fn check_sequence_after(
    py: Python<'_>,
    last_issued: Option<&Bound<'_, PyAny>>,
    numbers: &Bound<'_, PyAny>,
) -> PyResult<()> {
    guard(py, || {
        let last_issued = last_issued
            .filter(|last| !last.is_none())
            .map(|last| number_arg(py, last))
            .transpose()?;
        let numbers = numbers
            .try_iter()?
            .map(|number| number_arg(py, &number?))
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| {
            envoi::billing::check_sequence_after(last_issued.as_ref(), &numbers).map_err(Box::new)
        })
        .map_err(|error| billing_err(py, *error))
    })
}

// ---- Letter prices -------------------------------------------------------------------------------

/// What a letter is priced on: the postage applied (`"prior"`, `"non_prior"`, `"registered"`,
/// `"prior_international"`), its weight band (`zone` `"national"` or `"international"`, `format`
/// `"small"` or `"large"`, `up_to_grams`), its printed `sheets`, `color`, `duplex` and
/// `acknowledgement_of_receipt`. Build it with `LetterQuery.from_quote` from the letter's
/// `envoi.post.quote`, so that the price and the post say the same of the letter. Immutable;
/// compared by value. `ValueError` for an unknown code; the rules are checked by
/// `PriceList.letter_price` (`billing.invalid_query`).
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterQuery(pub(crate) envoi::billing::LetterQuery);

/// A postal zone argument: `"national"` or `"international"`.
fn postal_zone_arg(value: &str) -> PyResult<PostalZone> {
    code_arg(
        "zone",
        value,
        &[PostalZone::National, PostalZone::International],
        |zone| match zone {
            PostalZone::National => "national",
            PostalZone::International => "international",
        },
    )
}

#[pymethods]
impl LetterQuery {
    #[new]
    #[pyo3(signature = (
        postage, *, zone, format, up_to_grams, sheets, color = false, duplex = false,
        acknowledgement_of_receipt = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        postage: &str,
        zone: &str,
        format: &str,
        up_to_grams: u32,
        sheets: u32,
        color: bool,
        duplex: bool,
        acknowledgement_of_receipt: bool,
    ) -> PyResult<Self> {
        let band = WeightBand {
            zone: postal_zone_arg(zone)?,
            format: code_arg("format", format, &Format::ALL, Format::code)?,
            up_to_grams,
        };
        Ok(LetterQuery(envoi::billing::LetterQuery {
            color,
            duplex,
            acknowledgement_of_receipt,
            ..envoi::billing::LetterQuery::new(postage_arg(postage)?, band, sheets)
        }))
    }

    /// What a letter is priced on, as the post quoted it: the postage applied, the weight band
    /// and the sheets of `quote` (an `envoi.post.Quote`), and the letter's own `color`, `duplex`
    /// and `acknowledgement`, the arguments given to `envoi.post.quote` for it (required: a
    /// forgotten flag would price a colour letter as a black-and-white one).
    #[staticmethod]
    #[pyo3(signature = (quote, *, color, duplex, acknowledgement))]
    fn from_quote(
        quote: &Bound<'_, Quote>,
        color: bool,
        duplex: bool,
        acknowledgement: bool,
    ) -> Self {
        let quote = &quote.get().0;
        let letter = Letter {
            color,
            duplex,
            acknowledgement,
            ..Letter::new(Vec::new(), quote.postage)
        };
        LetterQuery(envoi::billing::LetterQuery::from_quote(&letter, quote))
    }

    /// The postage applied.
    #[getter]
    fn postage(&self) -> &'static str {
        self.0.postage.code()
    }

    /// The weight band's zone: `"national"` or `"international"`.
    #[getter]
    fn zone(&self) -> String {
        self.0.band.zone.to_string()
    }

    /// The weight band's format: `"small"` or `"large"`.
    #[getter]
    fn format(&self) -> &'static str {
        self.0.band.format.code()
    }

    /// The weight band's upper bound, in grams.
    #[getter]
    fn up_to_grams(&self) -> u32 {
        self.0.band.up_to_grams
    }

    /// The printed sheets.
    #[getter]
    fn sheets(&self) -> u32 {
        self.0.sheets
    }

    /// Printed in color.
    #[getter]
    fn color(&self) -> bool {
        self.0.color
    }

    /// Printed on both sides.
    #[getter]
    fn duplex(&self) -> bool {
        self.0.duplex
    }

    /// With an acknowledgement of receipt (registered letters only).
    #[getter]
    fn acknowledgement_of_receipt(&self) -> bool {
        self.0.acknowledgement_of_receipt
    }

    fn __repr__(&self) -> String {
        format!(
            "LetterQuery({:?}, zone={:?}, format={:?}, up_to_grams={}, sheets={}, color={}, duplex={}, acknowledgement_of_receipt={})",
            self.postage(),
            self.zone(),
            self.format(),
            self.0.band.up_to_grams,
            self.0.sheets,
            py_bool(self.0.color),
            py_bool(self.0.duplex),
            py_bool(self.0.acknowledgement_of_receipt),
        )
    }
}

fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

/// The price of one letter, part by part (`decimal.Decimal`s, each zero when it does not apply),
/// without VAT, in `currency`: `postage`, `color`, `duplex`, `registered`,
/// `acknowledgement_of_receipt`, and `total()`.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPrice(envoi::billing::LetterPrice);

#[pymethods]
impl LetterPrice {
    /// The postage row (prior for a registered letter).
    #[getter]
    fn postage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.postage))
    }

    /// Sheets × the color supplement.
    #[getter]
    fn color<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.color))
    }

    /// Sheets × the duplex supplement.
    #[getter]
    fn duplex<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.duplex))
    }

    /// The registered fee.
    #[getter]
    fn registered<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.registered))
    }

    /// The acknowledgement-of-receipt fee.
    #[getter]
    fn acknowledgement_of_receipt<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || amount(py, self.0.acknowledgement_of_receipt))
    }

    /// The ISO 4217 code of the prices.
    #[getter]
    fn currency(&self) -> String {
        self.0.postage.currency().code().to_string()
    }

    /// The sum of the parts. Raises `envoi.MoneyError` if it overflows.
    fn total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let total = self.0.total().map_err(|error| billing_err(py, error))?;
            amount(py, total)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "LetterPrice",
            &[
                ("postage", self.postage(py)?),
                ("color", self.color(py)?),
                ("duplex", self.duplex(py)?),
                ("registered", self.registered(py)?),
                (
                    "acknowledgement_of_receipt",
                    self.acknowledgement_of_receipt(py)?,
                ),
                ("currency", self.currency().into_pyobject(py)?.into_any()),
            ],
        )
    }
}

/// Registers the classes, functions and constants of `envoi.billing`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PriceList>()?;
    module.add_class::<Validity>()?;
    module.add_class::<UnitPrice>()?;
    module.add_class::<Pack>()?;
    module.add_class::<BlockPlanPrice>()?;
    module.add_class::<PostageRate>()?;
    module.add_class::<LetterTariff>()?;
    module.add_class::<InvoiceNumber>()?;
    module.add_class::<SequenceProblem>()?;
    module.add_function(wrap_pyfunction!(check_sequence, module)?)?;
    module.add_function(wrap_pyfunction!(check_sequence_after, module)?)?;
    module.add_class::<LetterQuery>()?;
    module.add_class::<LetterPrice>()?;
    module.add("SEQUENCE_DIGITS", envoi::billing::SEQUENCE_DIGITS)?;
    Ok(())
}
