//! `envoi.invoice`: invoice and credit-note lines, the EN 16931 arithmetic and the UBL 2.1 / Peppol
//! BIS Billing 3.0 export (mirrors `envoi::invoice`).
//!
//! Only conversions. Quantities, unit prices, rates (percent) and exchange rates are
//! `decimal.Decimal` (or `int`) in, and every amount is a `decimal.Decimal` out
//! ([`crate::vat::decimal_arg`]: a `float` is a `TypeError`). Currencies are ISO 4217 codes (the
//! core's `money.unknown_currency`), days `datetime.date`s (a `datetime` is a `TypeError`),
//! languages `"fr"`, `"nl"`, `"de"`, `"en"`, VAT categories their codes (`"S"`, `"Z"`, `"E"`,
//! `"AE"`, `"O"`; the names `"standard"`… are read too). The frozen Python classes hold the core's
//! values; their JSON form is the core's serde form, which checks every rule again when read.
//!
//! An [`InvoiceError`] becomes `envoi.InvoiceError` with the core's code and message and the
//! variant's fields as attributes.

use envoi::invoice::{DocumentKind, InvoiceError, VatCategory};
use envoi::language::Language;
use envoi::money::Currency;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::credits::repr;
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::schedule::Day;
use crate::vat::{date_to_py, decimal_arg, decimal_to_py, language_arg};

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of an invoice error: `envoi.InvoiceError` with the variant's fields as
/// attributes.
pub(crate) fn invoice_err(py: Python<'_>, error: InvoiceError) -> PyErr {
    match invoice_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of an invoice error, named as the core names them.
fn invoice_fields<'py>(py: Python<'py>, error: &InvoiceError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        InvoiceError::InvalidText { field, value, rule }
        | InvoiceError::InvalidIdentifier { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::InvalidQuantity { value, rule }
        | InvoiceError::InvalidUnitPrice { value, rule }
        | InvoiceError::InvalidRate { value, rule } => {
            fields.set_item("value", decimal_to_py(py, *value)?)?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::CategoryRateMismatch {
            category,
            rate,
            rule,
        } => {
            fields.set_item("category", category.code())?;
            fields.set_item("rate", decimal_to_py(py, *rate)?)?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::InvalidArgument {
            field,
            value,
            expected,
        } => {
            fields.set_item("field", field)?;
            fields.set_item("value", value)?;
            fields.set_item("expected", expected)?;
        }
        InvoiceError::InvalidTaxCurrency {
            currency,
            exchange_rate,
            rule,
        } => {
            fields.set_item("currency", currency.code())?;
            fields.set_item("exchange_rate", decimal_to_py(py, *exchange_rate)?)?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::InvalidDate { field, value, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("value", date_to_py(py, *value).ok())?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::MissingField { field, rule }
        | InvoiceError::NotApplicable { field, rule }
        | InvoiceError::AmountOutOfRange { field, rule } => {
            fields.set_item("field", field)?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::IncompatibleCategories {
            first,
            second,
            rule,
        } => {
            fields.set_item("first", first.code())?;
            fields.set_item("second", second.code())?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::UnsupportedCurrency {
            field,
            currency,
            rule,
        } => {
            fields.set_item("field", field)?;
            fields.set_item("currency", currency.code())?;
            fields.set_item("rule", rule)?;
        }
        InvoiceError::LineRounding {
            index,
            exact,
            net,
            currency,
        } => {
            fields.set_item("index", index)?;
            fields.set_item("exact", decimal_to_py(py, *exact)?)?;
            fields.set_item("net", decimal_to_py(py, *net)?)?;
            fields.set_item("currency", currency.code())?;
        }
        InvoiceError::Xml { reason } => {
            fields.set_item("reason", reason)?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

/// A currency argument (`money.unknown_currency`).
fn currency_arg(py: Python<'_>, code: &str) -> PyResult<Currency> {
    code.parse().map_err(|error| to_py_err(py, error))
}

/// `"invoice"` or `"credit_note"`.
fn kind_code(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::CreditNote => "credit_note",
        _ => "invoice",
    }
}

// ---- Lines ---------------------------------------------------------------------------------------

/// One line of an invoice or credit note: what, how many, the price of one, and its VAT.
///
/// Immutable; compared by value.
#[pyclass(module = "envoi.invoice", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine(pub(crate) envoi::invoice::InvoiceLine);

#[pymethods]
impl InvoiceLine {
    /// A line of `quantity` × `unit_price` at the VAT `rate` in percent (`Decimal("21")`);
    /// `quantity`, `unit_price` and `rate` are `decimal.Decimal` or `int`.
    ///
    /// `category` is the VAT category: `"S"` (standard rated, the default above 0%), `"Z"` (zero
    /// rated, the default at 0%), `"E"` (exempt), `"AE"` (reverse charge) or `"O"` (out of scope);
    /// every category but `"S"` sets the rate to 0. Raises `envoi.InvoiceError`
    /// (`invoice.invalid_text`, `invoice.invalid_quantity`, `invoice.invalid_unit_price`,
    /// `invoice.invalid_rate`, `invoice.invalid_argument`, `invoice.category_rate_mismatch`) and
    /// `TypeError` for a `float`.
    #[new]
    #[pyo3(signature = (description, quantity, unit_price, rate, *, category = None))]
    fn new(
        py: Python<'_>,
        description: String,
        quantity: &Bound<'_, PyAny>,
        unit_price: &Bound<'_, PyAny>,
        rate: &Bound<'_, PyAny>,
        category: Option<&str>,
    ) -> PyResult<Self> {
        guard(py, || {
            let quantity = decimal_arg(quantity, "quantity")?;
            let unit_price = decimal_arg(unit_price, "unit_price")?;
            let rate = decimal_arg(rate, "rate")?;
            let mut line =
                envoi::invoice::InvoiceLine::new(description, quantity, unit_price, rate)
                    .map_err(|error| invoice_err(py, error))?;
            if let Some(category) = category {
                let category: VatCategory =
                    category.parse().map_err(|error| invoice_err(py, error))?;
                line = line
                    .with_category(category)
                    .map_err(|error| invoice_err(py, error))?;
            }
            Ok(InvoiceLine(line))
        })
    }

    /// What is sold.
    #[getter]
    fn description(&self) -> &str {
        self.0.description()
    }

    /// How many (negative for a deduction).
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.quantity()))
    }

    /// The price of one, without VAT (may have more decimals than the cent).
    #[getter]
    fn unit_price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.unit_price()))
    }

    /// The VAT rate in percent (0 for every category but `"S"`).
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.rate()))
    }

    /// The VAT category code: `"S"`, `"Z"`, `"E"`, `"AE"` or `"O"`.
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category().code()
    }

    /// The line's net amount in `currency`: quantity × unit price rounded to the currency's minor
    /// unit, half away from zero. Raises `envoi.MoneyError` (`money.unknown_currency`).
    fn net<'py>(&self, py: Python<'py>, currency: &str) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let currency = currency_arg(py, currency)?;
            decimal_to_py(py, self.0.net(currency))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            Ok(format!(
                "InvoiceLine({}, {}, {}, {}, category={})",
                PyString::new(py, self.0.description()).repr()?,
                self.quantity(py)?.repr()?,
                self.unit_price(py)?.repr()?,
                self.rate(py)?.repr()?,
                PyString::new(py, self.category()).repr()?
            ))
        })
    }
}

// ---- Parties -------------------------------------------------------------------------------------

/// The seller or the customer of an invoice. Immutable; compared by value.
#[pyclass(module = "envoi.invoice", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party(pub(crate) envoi::invoice::Party);

#[pymethods]
impl Party {
    /// A party named `name` in `country` (ISO 3166-1 alpha-2, any case; `"GR"` for Greece).
    ///
    /// `street`, `city` and `postal_code` make its address (give the street and the city together;
    /// the postal code may be left out). `vat_number` is a VAT number with its country prefix;
    /// `enterprise_number` a Belgian enterprise number (`"0403.170.701"`), which also gives the
    /// Peppol endpoint `("0208", number)` unless `endpoint` (`(scheme, id)`, such as
    /// `("9930", "DE136695976")`) is given. Raises `envoi.InvoiceError` (`invoice.invalid_text`,
    /// `invoice.invalid_identifier`).
    #[new]
    #[pyo3(signature = (
        name, country, *, street = None, city = None, postal_code = None, vat_number = None,
        enterprise_number = None, endpoint = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        name: String,
        country: &str,
        street: Option<String>,
        city: Option<String>,
        postal_code: Option<String>,
        vat_number: Option<&str>,
        enterprise_number: Option<&str>,
        endpoint: Option<(String, String)>,
    ) -> PyResult<Self> {
        guard(py, || {
            let err = |error| invoice_err(py, error);
            let mut party = envoi::invoice::Party::new(name, country).map_err(err)?;
            if street.is_some() || city.is_some() || postal_code.is_some() {
                party = party
                    .with_address(
                        street.unwrap_or_default(),
                        city.unwrap_or_default(),
                        postal_code.unwrap_or_default(),
                    )
                    .map_err(err)?;
            }
            if let Some(number) = vat_number {
                party = party.with_vat_number(number).map_err(err)?;
            }
            if let Some(number) = enterprise_number {
                party = party.with_enterprise_number(number).map_err(err)?;
            }
            if let Some((scheme, id)) = endpoint {
                party = party.with_endpoint(&scheme, &id).map_err(err)?;
            }
            Ok(Party(party))
        })
    }

    /// The name.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    /// The country code, upper case.
    #[getter]
    fn country(&self) -> &str {
        self.0.country()
    }

    /// The street and number, or None.
    #[getter]
    fn street(&self) -> Option<&str> {
        self.0.street()
    }

    /// The city, or None.
    #[getter]
    fn city(&self) -> Option<&str> {
        self.0.city()
    }

    /// The postal code, or None.
    #[getter]
    fn postal_code(&self) -> Option<&str> {
        self.0.postal_code()
    }

    /// The VAT number, compact (`"BE0403170701"`), or None.
    #[getter]
    fn vat_number(&self) -> Option<&str> {
        self.0.vat_number()
    }

    /// The Belgian enterprise number, 10 digits (`"0403170701"`), or None.
    #[getter]
    fn enterprise_number(&self) -> Option<&str> {
        self.0.enterprise_number()
    }

    /// The Peppol endpoint `(scheme, id)`: the one given, else `("0208", enterprise number)`,
    /// else None.
    #[getter]
    fn endpoint(&self) -> Option<(String, String)> {
        self.0
            .endpoint()
            .map(|endpoint| (endpoint.scheme().to_owned(), endpoint.id().to_owned()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let mut text = format!(
                "Party({}, {}",
                PyString::new(py, self.0.name()).repr()?,
                PyString::new(py, self.0.country()).repr()?
            );
            let optional = [
                ("street", self.0.street()),
                ("city", self.0.city()),
                ("postal_code", self.0.postal_code()),
                ("vat_number", self.0.vat_number()),
                ("enterprise_number", self.0.enterprise_number()),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    text.push_str(&format!(", {name}={}", PyString::new(py, value).repr()?));
                }
            }
            if let Some(endpoint) = self.0.endpoint() {
                let derived = self
                    .0
                    .enterprise_number()
                    .is_some_and(|number| endpoint.scheme() == "0208" && endpoint.id() == number);
                if !derived {
                    let pair = PyTuple::new(py, [endpoint.scheme(), endpoint.id()])?;
                    text.push_str(&format!(", endpoint={}", pair.repr()?));
                }
            }
            text.push(')');
            Ok(text)
        })
    }
}

// ---- Totals --------------------------------------------------------------------------------------

/// The taxable amount and the VAT of one (category, rate) of an invoice (EN 16931 BG-23).
#[pyclass(module = "envoi.invoice", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTotal(envoi::invoice::RateTotal);

#[pymethods]
impl RateTotal {
    /// The VAT category code: `"S"`, `"Z"`, `"E"`, `"AE"` or `"O"`.
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category().code()
    }

    /// The rate in percent.
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.rate()))
    }

    /// The taxable amount: the sum of the lines' net amounts, to the cent.
    #[getter]
    fn base<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.base()))
    }

    /// The VAT: taxable amount × rate, rounded half away from zero to the cent.
    #[getter]
    fn vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.vat()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "RateTotal",
                &[
                    ("category", PyString::new(py, self.category()).into_any()),
                    ("rate", self.rate(py)?),
                    ("base", self.base(py)?),
                    ("vat", self.vat(py)?),
                ],
            )
        })
    }
}

/// An invoice's totals (EN 16931): per (category, rate), highest rate first, and overall.
#[pyclass(module = "envoi.invoice", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals(pub(crate) envoi::invoice::Totals);

#[pymethods]
impl Totals {
    /// The ISO 4217 code of every amount.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency().code()
    }

    /// One `RateTotal` per (category, rate), highest rate first.
    #[getter]
    fn per_rate(&self) -> Vec<RateTotal> {
        self.0.per_rate().iter().cloned().map(RateTotal).collect()
    }

    /// The sum of the taxable amounts (BT-109).
    #[getter]
    fn total_without_vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.total_without_vat()))
    }

    /// The sum of the VAT per rate (BT-110).
    #[getter]
    fn total_vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.total_vat()))
    }

    /// The total with VAT (BT-112).
    #[getter]
    fn total_with_vat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || decimal_to_py(py, self.0.total_with_vat()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "Totals",
                &[
                    ("currency", PyString::new(py, self.currency()).into_any()),
                    ("per_rate", PyList::new(py, self.per_rate())?.into_any()),
                    ("total_without_vat", self.total_without_vat(py)?),
                    ("total_vat", self.total_vat(py)?),
                    ("total_with_vat", self.total_with_vat(py)?),
                ],
            )
        })
    }
}

// ---- Invoices ------------------------------------------------------------------------------------

/// The arguments of `Invoice(...)` and `Invoice.credit_note(...)` after the currency and lines.
struct Fields<'a, 'py> {
    seller: Option<&'a Bound<'py, Party>>,
    customer: Option<&'a Bound<'py, Party>>,
    date: Option<Day>,
    language: &'a str,
    number: Option<String>,
    due_date: Option<Day>,
    buyer_reference: Option<String>,
    order_reference: Option<String>,
    note: Option<String>,
    payment_terms: Option<String>,
    tax_currency: Option<&'a str>,
    exchange_rate: Option<&'a Bound<'py, PyAny>>,
    preceding_invoice: Option<String>,
    preceding_invoice_date: Option<Day>,
}

/// An invoice or a credit note of `lines` in `currency`, with `fields`.
fn build(
    py: Python<'_>,
    kind: DocumentKind,
    currency: &str,
    lines: &Bound<'_, PyAny>,
    fields: Fields<'_, '_>,
) -> PyResult<Invoice> {
    let err = |error| invoice_err(py, error);
    let currency = currency_arg(py, currency)?;
    let lines = lines
        .try_iter()?
        .map(|line| Ok(line?.cast::<InvoiceLine>()?.get().0.clone()))
        .collect::<PyResult<Vec<_>>>()?;
    let language: Language = language_arg(py, fields.language)?;
    let mut invoice = match kind {
        DocumentKind::CreditNote => envoi::invoice::Invoice::credit_note(currency, lines),
        _ => envoi::invoice::Invoice::new(currency, lines),
    }
    .with_language(language);
    if let Some(number) = fields.number {
        invoice = invoice.with_number(number).map_err(err)?;
    }
    if let Some(date) = fields.date {
        invoice = invoice.with_date(date.0);
    }
    if let Some(due_date) = fields.due_date {
        invoice = invoice.with_due_date(due_date.0);
    }
    if let Some(seller) = fields.seller {
        invoice = invoice.with_seller(seller.get().0.clone());
    }
    if let Some(customer) = fields.customer {
        invoice = invoice.with_customer(customer.get().0.clone());
    }
    if let Some(reference) = fields.buyer_reference {
        invoice = invoice.with_buyer_reference(reference).map_err(err)?;
    }
    if let Some(reference) = fields.order_reference {
        invoice = invoice.with_order_reference(reference).map_err(err)?;
    }
    if let Some(note) = fields.note {
        invoice = invoice.with_note(note).map_err(err)?;
    }
    if let Some(terms) = fields.payment_terms {
        invoice = invoice.with_payment_terms(terms).map_err(err)?;
    }
    match (fields.tax_currency, fields.exchange_rate) {
        (Some(tax_currency), Some(rate)) => {
            let tax_currency = currency_arg(py, tax_currency)?;
            let rate = decimal_arg(rate, "exchange_rate")?;
            invoice = invoice.with_tax_currency(tax_currency, rate).map_err(err)?;
        }
        (None, None) => {}
        _ => {
            return Err(PyValueError::new_err(
                "tax_currency and exchange_rate go together: tax_currency=\"EUR\", \
                 exchange_rate=Decimal(\"0.92\") (units of the tax currency per unit of the \
                 invoice currency)",
            ));
        }
    }
    match (fields.preceding_invoice, fields.preceding_invoice_date) {
        (Some(number), date) => {
            invoice = invoice
                .with_preceding_invoice(number, date.map(|date| date.0))
                .map_err(err)?;
        }
        (None, None) => {}
        (None, Some(_)) => {
            return Err(PyValueError::new_err(
                "preceding_invoice_date needs preceding_invoice (the number of the invoice it \
                 refers to)",
            ));
        }
    }
    Ok(Invoice(invoice))
}

/// An invoice or a credit note: a currency, lines, a seller and a customer, a date, a language and
/// references. Immutable; compared by value; its JSON form is the core's serde form.
#[pyclass(module = "envoi.invoice", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice(pub(crate) envoi::invoice::Invoice);

impl Invoice {
    fn json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|error| PyValueError::new_err(format!("Invoice JSON: {error}")))
    }
}

#[pymethods]
impl Invoice {
    /// An invoice of `lines` (`InvoiceLine`s) in `currency` (an ISO 4217 code).
    ///
    /// `seller` and `customer` are `Party`s; `date` (the issue date) and `due_date` are
    /// `datetime.date`s; `language` (`"fr"`, `"nl"`, `"de"`, `"en"`) is the language of the
    /// document and its legal mentions; `number`, `buyer_reference`, `order_reference`, `note` and
    /// `payment_terms` are text; `tax_currency` and `exchange_rate` (both or neither: units of the
    /// tax currency per unit of `currency`) state the VAT total in another currency too (BT-111);
    /// `preceding_invoice` (and its `preceding_invoice_date`) is the invoice a credit note
    /// corrects. Only `to_ubl` needs the number, the date, the seller and the customer.
    ///
    /// Raises `envoi.InvoiceError` (`invoice.invalid_text`, `invoice.invalid_tax_currency`),
    /// `envoi.MoneyError` (`money.unknown_currency`), `envoi.LanguageError`
    /// (`language.unsupported`), `TypeError` for a line that is not an `InvoiceLine`, a `float`
    /// exchange rate or a `datetime` date, and `ValueError` for `tax_currency` without
    /// `exchange_rate` (or the reverse).
    #[new]
    #[pyo3(signature = (
        currency, lines, *, seller = None, customer = None, date = None, language = "en",
        number = None, due_date = None, buyer_reference = None, order_reference = None,
        note = None, payment_terms = None, tax_currency = None, exchange_rate = None,
        preceding_invoice = None, preceding_invoice_date = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        currency: &str,
        lines: &Bound<'_, PyAny>,
        seller: Option<&Bound<'_, Party>>,
        customer: Option<&Bound<'_, Party>>,
        date: Option<Day>,
        language: &str,
        number: Option<String>,
        due_date: Option<Day>,
        buyer_reference: Option<String>,
        order_reference: Option<String>,
        note: Option<String>,
        payment_terms: Option<String>,
        tax_currency: Option<&str>,
        exchange_rate: Option<&Bound<'_, PyAny>>,
        preceding_invoice: Option<String>,
        preceding_invoice_date: Option<Day>,
    ) -> PyResult<Self> {
        guard(py, || {
            let fields = Fields {
                seller,
                customer,
                date,
                language,
                number,
                due_date,
                buyer_reference,
                order_reference,
                note,
                payment_terms,
                tax_currency,
                exchange_rate,
                preceding_invoice,
                preceding_invoice_date,
            };
            build(py, DocumentKind::Invoice, currency, lines, fields)
        })
    }

    /// A credit note (UBL `CreditNote`, type 381) of `lines` in `currency`: the same arguments as
    /// `Invoice(...)`; `preceding_invoice` names the invoice it corrects. Quantities are positive
    /// for what is credited.
    #[staticmethod]
    #[pyo3(signature = (
        currency, lines, *, seller = None, customer = None, date = None, language = "en",
        number = None, due_date = None, buyer_reference = None, order_reference = None,
        note = None, payment_terms = None, tax_currency = None, exchange_rate = None,
        preceding_invoice = None, preceding_invoice_date = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn credit_note(
        py: Python<'_>,
        currency: &str,
        lines: &Bound<'_, PyAny>,
        seller: Option<&Bound<'_, Party>>,
        customer: Option<&Bound<'_, Party>>,
        date: Option<Day>,
        language: &str,
        number: Option<String>,
        due_date: Option<Day>,
        buyer_reference: Option<String>,
        order_reference: Option<String>,
        note: Option<String>,
        payment_terms: Option<String>,
        tax_currency: Option<&str>,
        exchange_rate: Option<&Bound<'_, PyAny>>,
        preceding_invoice: Option<String>,
        preceding_invoice_date: Option<Day>,
    ) -> PyResult<Self> {
        guard(py, || {
            let fields = Fields {
                seller,
                customer,
                date,
                language,
                number,
                due_date,
                buyer_reference,
                order_reference,
                note,
                payment_terms,
                tax_currency,
                exchange_rate,
                preceding_invoice,
                preceding_invoice_date,
            };
            build(py, DocumentKind::CreditNote, currency, lines, fields)
        })
    }

    /// `"invoice"` or `"credit_note"`.
    #[getter]
    fn kind(&self) -> &'static str {
        kind_code(self.0.kind())
    }

    /// The invoice number, or None.
    #[getter]
    fn number(&self) -> Option<&str> {
        self.0.number()
    }

    /// The ISO 4217 code of the invoice's amounts.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency().code()
    }

    /// The lines, in order.
    #[getter]
    fn lines(&self) -> Vec<InvoiceLine> {
        self.0.lines().iter().cloned().map(InvoiceLine).collect()
    }

    /// The seller, or None.
    #[getter]
    fn seller(&self) -> Option<Party> {
        self.0.seller().cloned().map(Party)
    }

    /// The customer, or None.
    #[getter]
    fn customer(&self) -> Option<Party> {
        self.0.customer().cloned().map(Party)
    }

    /// The issue date, or None.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0.date().map(|date| date_to_py(py, date)).transpose()
        })
    }

    /// The due date, or None.
    #[getter]
    fn due_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .due_date()
                .map(|date| date_to_py(py, date))
                .transpose()
        })
    }

    /// The language of the document and its legal mentions: `"fr"`, `"nl"`, `"de"` or `"en"`.
    #[getter]
    fn language(&self) -> &'static str {
        self.0.language().code()
    }

    /// The buyer reference (BT-10), or None.
    #[getter]
    fn buyer_reference(&self) -> Option<&str> {
        self.0.buyer_reference()
    }

    /// The purchase order reference (BT-13), or None.
    #[getter]
    fn order_reference(&self) -> Option<&str> {
        self.0.order_reference()
    }

    /// A note on the document, or None.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note()
    }

    /// The payment terms, or None.
    #[getter]
    fn payment_terms(&self) -> Option<&str> {
        self.0.payment_terms()
    }

    /// The ISO 4217 code of the tax currency (BT-6), or None.
    #[getter]
    fn tax_currency(&self) -> Option<&'static str> {
        self.0.tax_currency().map(|tax| tax.currency().code())
    }

    /// Units of the tax currency per unit of the invoice currency, or None.
    #[getter]
    fn exchange_rate<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .tax_currency()
                .map(|tax| decimal_to_py(py, tax.exchange_rate()))
                .transpose()
        })
    }

    /// The number of the invoice a credit note corrects (BT-25), or None.
    #[getter]
    fn preceding_invoice(&self) -> Option<&str> {
        self.0
            .preceding_invoice()
            .map(|preceding| preceding.number())
    }

    /// The date of that invoice (BT-26), or None.
    #[getter]
    fn preceding_invoice_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            self.0
                .preceding_invoice()
                .and_then(|preceding| preceding.date())
                .map(|date| date_to_py(py, date))
                .transpose()
        })
    }

    /// The totals (EN 16931): each line's net amount rounded to the cent, the VAT per (category,
    /// rate) = taxable amount × rate rounded half away from zero, and the totals.
    fn totals(&self, py: Python<'_>) -> PyResult<Totals> {
        guard(py, || Ok(Totals(py.detach(|| self.0.totals()))))
    }

    /// The document as UBL 2.1 XML following Peppol BIS Billing 3.0 (`Invoice` or `CreditNote`).
    /// Raises `envoi.InvoiceError` naming what is missing or wrong (`invoice.missing_field`: the
    /// number, the date, the seller, the customer, an endpoint…; `invoice.incompatible_categories`,
    /// `invoice.not_applicable`, `invoice.invalid_date`, `invoice.unsupported_currency`,
    /// `invoice.line_rounding`).
    fn to_ubl(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            py.detach(|| self.0.to_ubl())
                .map_err(|error| invoice_err(py, error))
        })
    }

    /// The document's JSON form (the core's serde form; decimals as strings).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.json())
    }

    /// The document of a JSON form written by `to_json` (in any language); every rule is checked
    /// again. Raises `ValueError` naming the problem when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            serde_json::from_str(text)
                .map(Invoice)
                .map_err(|error| PyValueError::new_err(format!("not an Invoice JSON: {error}")))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &self.json()?).repr()?;
            Ok(format!("Invoice.from_json({json})"))
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Invoice>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (self.json()?,)))
        })
    }
}

/// Adds the module's constants.
pub(crate) fn add_constants(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let languages = Language::ALL.map(Language::code);
    module.add("LANGUAGES", PyTuple::new(py, languages)?)?;
    let categories = VatCategory::ALL.map(VatCategory::code);
    module.add("VAT_CATEGORIES", PyTuple::new(py, categories)?)?;
    Ok(())
}
