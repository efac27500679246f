//! `envoi.billing` (issue 10, part 2): orders of credit packs, invoice drafts, the numbered
//! invoice book and the monthly and block-plan runs (mirrors the core's `envoi::billing`).
//!
//! Only conversions. Every rule (the VAT decided at order time, the states of an order, the
//! numbering, the idempotence of the runs and of the book) is the core's. Times are aware
//! `datetime`s in, `datetime`s in the account's zone out; days `datetime.date`s; amounts
//! `decimal.Decimal`s; a month is its `"2026-03"` text, read by the core; payment methods,
//! states, document kinds and channels are their codes. A rate table argument defaults to the
//! built-in table, as in `envoi.vat.treatment`.

use std::sync::Mutex;

use envoi::billing::{BillingError, OrderState};
use envoi::ids::{AccountId, OrderId};
use envoi::time::{Instant, Zone};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rust_decimal::Decimal;

use crate::account::Account;
use crate::billing::{InvoiceNumber, LetterQuery, PriceList, billing_err};
use crate::credits::{Ledger, Order, datetime, optional_datetime, plans::BlockPlan};
use crate::errors::{guard, poisoned, to_py_err};
use crate::invoice::{Invoice, InvoiceLine, Party, Totals};
use crate::time::instant_arg;
use crate::vat::{RateTable, Treatment, date_to_py, decimal_arg, decimal_to_py, online_answer};

// ---- Arguments -----------------------------------------------------------------------------------

/// The rate table given, or the built-in one.
fn rates<'a>(table: Option<&'a Bound<'_, RateTable>>) -> &'a envoi::vat::RateTable {
    match table {
        Some(table) => table.get().table(),
        None => envoi::vat::RateTable::builtin(),
    }
}

/// The online check's answer (True/False, an `envoi.vat.OnlineCheck` or None), else `TypeError`.
fn online_check_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<envoi::vat::OnlineCheck>> {
    match value {
        None => Ok(None),
        Some(value) => online_answer(value).map_err(|name| {
            PyTypeError::new_err(format!(
                "online_check: expected True, False, an envoi.vat.OnlineCheck or None, not {name}"
            ))
        }),
    }
}

/// The `(current_year, previous_year)` B2C totals in EUR, `(0, 0)` when None.
fn b2c_totals_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<(Decimal, Decimal)> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok((Decimal::ZERO, Decimal::ZERO));
    };
    let (current, previous): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
        value.extract().map_err(|_| {
            PyTypeError::new_err(
                "b2c_totals: expected a (current_year, previous_year) tuple of decimal.Decimal or int",
            )
        })?;
    Ok((
        decimal_arg(&current, "b2c_totals[0]")?,
        decimal_arg(&previous, "b2c_totals[1]")?,
    ))
}

/// An optional exchange rate (EUR per unit of the invoice's currency).
fn eur_rate_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Decimal>> {
    value
        .filter(|value| !value.is_none())
        .map(|value| decimal_arg(value, "eur_rate"))
        .transpose()
}

/// An account id argument (`id.*` errors).
fn account_id_arg(py: Python<'_>, id: &str) -> PyResult<AccountId> {
    AccountId::new(id).map_err(|error| to_py_err(py, error))
}

/// The core account behind a Python account, copied (its lock is not held while the core runs).
fn account_of(py: Python<'_>, account: &Bound<'_, Account>) -> PyResult<envoi::account::Account> {
    account.get().0.snapshot(py)
}

/// The mapping of a billing error to its Python exception.
fn err(py: Python<'_>) -> impl Fn(BillingError) -> PyErr + '_ {
    move |error| billing_err(py, error)
}

// ---- Orders --------------------------------------------------------------------------------------

/// Places an order of `quantity` packs `pack_id` of `price_list` for `account`, at `at` (an aware
/// datetime), with `order_id` (the ledger's key and the invoice's order reference) and `payment`
/// (`"card"`: paid at once; `"bank_transfer"`: pending until `record_payment`). The VAT is
/// decided now: `exemption_requested` asks for the reverse charge (only now), `online_check` is
/// the online check's answer obtained now for this order (True/False, an `envoi.vat.OnlineCheck`,
/// or None when unavailable), `b2c_totals` the seller's `(current_year, previous_year)`
/// cross-border B2C sales in EUR, `eur_rate` EUR per unit of a pack priced in another currency,
/// `table` the VAT rates (default: the built-in table).
///
/// Raises `envoi.BillingError` (`billing.no_price`, `billing.invalid_argument`,
/// `billing.vat_pending_verification`, `billing.missing_exchange_rate`), `envoi.VatError`,
/// `envoi.IdError`, `envoi.TimeError`, `ValueError` for an unknown payment method and `TypeError`.
#[pyfunction]
#[pyo3(signature = (
    account, price_list, pack_id, quantity, *, payment, at, order_id, exemption_requested = false,
    online_check = None, b2c_totals = None, eur_rate = None, table = None
))]
#[allow(clippy::too_many_arguments)]
pub fn place_order(
    py: Python<'_>,
    account: &Bound<'_, Account>,
    price_list: &PriceList,
    pack_id: &str,
    quantity: u32,
    payment: &str,
    at: &Bound<'_, PyAny>,
    order_id: &str,
    exemption_requested: bool,
    online_check: Option<&Bound<'_, PyAny>>,
    b2c_totals: Option<&Bound<'_, PyAny>>,
    eur_rate: Option<&Bound<'_, PyAny>>,
    table: Option<&Bound<'_, RateTable>>,
) -> PyResult<PackOrder> {
    guard(py, || {
        let payment: envoi::billing::PaymentMethod = payment.parse().map_err(|_| {
            PyValueError::new_err(format!(
                "payment: unknown value {payment:?}; expected one of \"card\", \"bank_transfer\""
            ))
        })?;
        let order_id = OrderId::new(order_id).map_err(|error| to_py_err(py, error))?;
        let at = instant_arg(at, "at")?;
        let mut request =
            envoi::billing::OrderRequest::new(order_id, pack_id, quantity, payment, at);
        request.exemption_requested = exemption_requested;
        request.online_check = online_check_arg(online_check)?;
        let (current, previous) = b2c_totals_arg(b2c_totals)?;
        request = request.with_b2c_totals(current, previous);
        request.eur_rate = eur_rate_arg(eur_rate)?;
        let account = account_of(py, account)?;
        let rates = rates(table);
        let prices = &price_list.0;
        py.detach(|| envoi::billing::place_order(&account, prices, &request, rates))
            .map(PackOrder::from_core)
            .map_err(err(py))
    })
}

/// An order of credit packs, as `place_order` placed it: the pack, quantity, payment method,
/// instant, account zone and VAT treatment are frozen; only the state moves (`record_payment`,
/// `cancel`, `reverse`). States: `"pending_payment"`, `"paid"`, `"reversed"`, `"cancelled"`.
///
/// Mutable and safe to share between threads; plain data: `to_json()` /
/// `PackOrder.from_json(text)` (checked again when read, `billing.invalid_record`); compared by
/// value.
#[pyclass(module = "envoi.billing", frozen)]
pub struct PackOrder(Mutex<envoi::billing::PackOrder>);

impl PackOrder {
    fn from_core(order: envoi::billing::PackOrder) -> Self {
        PackOrder(Mutex::new(order))
    }

    fn read<T>(
        &self,
        py: Python<'_>,
        get: impl FnOnce(&envoi::billing::PackOrder) -> T,
    ) -> PyResult<T> {
        let order = self.0.lock().map_err(|_| {
            poisoned(
                py,
                "PackOrder: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild it from its JSON",
            )
        })?;
        Ok(get(&order))
    }

    fn write<T>(
        &self,
        py: Python<'_>,
        change: impl FnOnce(&mut envoi::billing::PackOrder) -> T,
    ) -> PyResult<T> {
        let mut order = self.0.lock().map_err(|_| {
            poisoned(
                py,
                "PackOrder: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild it from its JSON",
            )
        })?;
        Ok(change(&mut order))
    }

    fn snapshot(&self, py: Python<'_>) -> PyResult<envoi::billing::PackOrder> {
        self.read(py, Clone::clone)
    }

    /// Runs a state change; returns the new state's code.
    fn change(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        change: impl FnOnce(&mut envoi::billing::PackOrder, Instant) -> Result<(), BillingError>,
    ) -> PyResult<&'static str> {
        let at = instant_arg(at, "at")?;
        self.write(py, |order| {
            change(order, at)?;
            Ok(order.state().code())
        })?
        .map_err(err(py))
    }
}

#[pymethods]
impl PackOrder {
    /// Reads an order `to_json` wrote. Raises `envoi.BillingError` (`billing.invalid_record`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::billing::PackOrder::from_json(text)
                .map(PackOrder::from_core)
                .map_err(err(py))
        })
    }

    /// The order's JSON form, to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, envoi::billing::PackOrder::to_json))
    }

    /// The order id.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |order| order.id().to_string()))
    }

    /// The account's id.
    #[getter]
    fn account(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |order| order.account().to_string()))
    }

    /// The pack's id in the price list.
    #[getter]
    fn pack_id(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |order| order.pack().id.clone()))
    }

    /// The pack's credit kind (`"sms"`).
    #[getter]
    fn kind(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            self.read(py, |order| order.pack().kind.as_str().to_owned())
        })
    }

    /// The units of one pack.
    #[getter]
    fn pack_units(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, |order| order.pack().units))
    }

    /// The price of one pack without VAT, frozen at order time (a `decimal.Decimal`).
    #[getter]
    fn unit_price<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let price = self.read(py, |order| order.pack().unit_price)?;
            decimal_to_py(py, price.amount())
        })
    }

    /// The ISO 4217 code of the pack's price.
    #[getter]
    fn currency(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || {
            self.read(py, |order| order.pack().unit_price.currency().code())
        })
    }

    /// How many packs.
    #[getter]
    fn quantity(&self, py: Python<'_>) -> PyResult<u32> {
        guard(py, || self.read(py, envoi::billing::PackOrder::quantity))
    }

    /// The units ordered (packs × units of a pack).
    #[getter]
    fn units(&self, py: Python<'_>) -> PyResult<u64> {
        guard(py, || self.read(py, envoi::billing::PackOrder::units))
    }

    /// `"card"` or `"bank_transfer"`.
    #[getter]
    fn payment(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |order| order.payment().code()))
    }

    /// When it was placed, in the account's zone.
    #[getter]
    fn placed_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(py, || {
            let (zone, at) = self.read(py, |order| (order.zone(), order.placed_at()))?;
            datetime(py, zone, at)
        })
    }

    /// The account's IANA zone, frozen at order time.
    #[getter]
    fn tz(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.read(py, |order| order.zone().name().to_owned()))
    }

    /// The VAT treatment decided at order time (an `envoi.vat.Treatment`).
    #[getter]
    fn treatment(&self, py: Python<'_>) -> PyResult<Treatment> {
        guard(py, || {
            self.read(py, |order| Treatment(order.treatment().clone()))
        })
    }

    /// `"pending_payment"`, `"paid"`, `"reversed"` or `"cancelled"`.
    #[getter]
    fn state(&self, py: Python<'_>) -> PyResult<&'static str> {
        guard(py, || self.read(py, |order| order.state().code()))
    }

    /// When it was paid (also when reversed since), in the account's zone; else None.
    #[getter]
    fn paid_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let (zone, at) = self.read(py, |order| (order.zone(), order.state().paid_at()))?;
            optional_datetime(py, zone, at)
        })
    }

    /// When it was reversed or cancelled, in the account's zone; else None.
    #[getter]
    fn ended_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(py, || {
            let (zone, at) = self.read(py, |order| {
                let at = match order.state() {
                    OrderState::Reversed { at, .. } | OrderState::Cancelled { at, .. } => Some(*at),
                    _ => None,
                };
                (order.zone(), at)
            })?;
            optional_datetime(py, zone, at)
        })
    }

    /// Why it was reversed or cancelled; else None.
    #[getter]
    fn reason(&self, py: Python<'_>) -> PyResult<Option<String>> {
        guard(py, || {
            self.read(py, |order| match order.state() {
                OrderState::Reversed { reason, .. } | OrderState::Cancelled { reason, .. } => {
                    Some(reason.clone())
                }
                _ => None,
            })
        })
    }

    /// Records the bank transfer's arrival at `at`; returns the new state (`"paid"`). Raises
    /// `envoi.BillingError` (`billing.order_state`: a card order, an order already paid,
    /// cancelled or reversed; `billing.invalid_argument` for a time before the order).
    fn record_payment(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<&'static str> {
        guard(py, || {
            self.change(py, at, |order, at| order.record_payment(at).map(|_| ()))
        })
    }

    /// Cancels an unpaid order at `at` for `reason`; returns `"cancelled"`. Raises
    /// `billing.order_state` for a paid order (reverse it), `billing.invalid_argument`.
    fn cancel(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<&'static str> {
        guard(py, || {
            self.change(py, at, |order, at| order.cancel(at, reason).map(|_| ()))
        })
    }

    /// Reverses the payment of a paid order at `at` for `reason` (a chargeback, a refund);
    /// returns `"reversed"`. Raises `billing.order_state` for an unpaid order,
    /// `billing.invalid_argument`.
    fn reverse(
        &self,
        py: Python<'_>,
        at: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<&'static str> {
        guard(py, || {
            self.change(py, at, |order, at| order.reverse(at, reason).map(|_| ()))
        })
    }

    /// Replays the order into the credit `ledger` (an `envoi.credits.Ledger`): the purchase, its
    /// activation when paid, its void when reversed or cancelled, each idempotent by the order id.
    /// Returns the ledger's `envoi.credits.Order` as it now stands; its `replayed` is True when
    /// the ledger wrote nothing (everything was applied before). Raises `envoi.CreditError` and
    /// `envoi.BillingError`.
    fn apply(&self, py: Python<'_>, ledger: &Bound<'_, Ledger>) -> PyResult<Order> {
        guard(py, || {
            let order = self.snapshot(py)?;
            let ledger = ledger.get();
            let zone = ledger.zone;
            let (applied, replayed) = ledger.with(py, |ledger| {
                let before = ledger.entries().len();
                let applied = order.apply(ledger);
                (applied, ledger.entries().len() == before)
            })?;
            applied
                .map(|order| Order {
                    zone,
                    order,
                    replayed,
                })
                .map_err(err(py))
        })
    }

    /// Activates `account` (an `envoi.account.Account` waiting for its first payment) with this
    /// paid order; returns whether it changed (False: already active). Raises
    /// `envoi.BillingError` (`billing.order_not_paid`, `billing.invalid_argument` for another
    /// account's order) and `envoi.AccountError`.
    fn activate_account(&self, py: Python<'_>, account: &Bound<'_, Account>) -> PyResult<bool> {
        guard(py, || {
            let order = self.snapshot(py)?;
            let mut account = account.get().0.lock(py)?;
            order.activate_account(&mut account).map_err(err(py))
        })
    }

    /// A request, after the order, to remove its VAT: always refused with
    /// `envoi.BillingError` (`billing.exemption_after_order`) saying why, unless the order
    /// already has no VAT to remove (then its treatment).
    fn request_exemption(&self, py: Python<'_>) -> PyResult<Treatment> {
        guard(py, || {
            self.read(py, |order| order.request_exemption().cloned())?
                .map(Treatment)
                .map_err(err(py))
        })
    }

    /// The invoice draft of this paid order for `account` (issue it with `InvoiceBook.issue`).
    /// Raises `envoi.BillingError` (`billing.order_not_paid`, `billing.invalid_argument`).
    fn invoice_draft(
        &self,
        py: Python<'_>,
        account: &Bound<'_, Account>,
    ) -> PyResult<InvoiceDraft> {
        guard(py, || {
            let account = account_of(py, account)?;
            self.read(py, |order| order.invoice_draft(&account))?
                .map(InvoiceDraft)
                .map_err(err(py))
        })
    }

    /// The credit note draft cancelling `invoice` (the `IssuedInvoice` of this order) once the
    /// payment was reversed. Raises `billing.order_state` (not reversed),
    /// `billing.invalid_argument` (another order's invoice, another account).
    fn credit_note_draft(
        &self,
        py: Python<'_>,
        account: &Bound<'_, Account>,
        invoice: &IssuedInvoice,
    ) -> PyResult<InvoiceDraft> {
        guard(py, || {
            let account = account_of(py, account)?;
            self.read(py, |order| order.credit_note_draft(&account, &invoice.0))?
                .map(InvoiceDraft)
                .map_err(err(py))
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<PackOrder>() else {
            return Ok(false);
        };
        let other = other.get().snapshot(py)?;
        self.read(py, |order| *order == other)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |order| {
            format!(
                "<PackOrder {} {} x{} {} {}>",
                order.id(),
                order.pack().id,
                order.quantity(),
                order.payment(),
                order.state().code()
            )
        })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py
            .get_type::<PackOrder>()
            .getattr(pyo3::intern!(py, "from_json"))?;
        Ok((from_json, (self.to_json(py)?,)))
    }
}

// ---- Drafts and issued invoices --------------------------------------------------------------------

fn kind_code(kind: envoi::invoice::DocumentKind) -> &'static str {
    match kind {
        envoi::invoice::DocumentKind::CreditNote => "credit_note",
        _ => "invoice",
    }
}

/// An invoice (or credit note) not numbered yet: its `key` (issued once per key), the account,
/// the `kind` (`"invoice"` or `"credit_note"`), the issue date, the lines in the account's
/// language with the legal mention of the treatment, the totals. Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDraft(envoi::billing::InvoiceDraft);

#[pymethods]
impl InvoiceDraft {
    /// The key the book issues it once under (`order:o-1`, `letters:acc_1:2026-03`…).
    #[getter]
    fn key(&self) -> &str {
        self.0.key()
    }

    /// The account's id.
    #[getter]
    fn account(&self) -> String {
        self.0.account().to_string()
    }

    /// `"invoice"` or `"credit_note"`.
    #[getter]
    fn kind(&self) -> &'static str {
        kind_code(self.0.kind())
    }

    /// The issue date (a `datetime.date`).
    #[getter]
    fn issue_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.issue_date())
    }

    /// The document as an `envoi.invoice.Invoice` (no number yet).
    #[getter]
    fn invoice(&self) -> Invoice {
        Invoice(self.0.invoice().clone())
    }

    /// The lines (`envoi.invoice.InvoiceLine`s).
    #[getter]
    fn lines(&self) -> Vec<InvoiceLine> {
        self.0.lines().iter().cloned().map(InvoiceLine).collect()
    }

    /// The EN 16931 totals (an `envoi.invoice.Totals`).
    fn totals(&self, py: Python<'_>) -> PyResult<Totals> {
        guard(py, || Ok(Totals(self.0.totals())))
    }

    /// The draft as plain text, in the account's language.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The draft as an HTML fragment, in the account's language.
    fn to_html(&self) -> String {
        self.0.to_html()
    }

    fn __repr__(&self) -> String {
        format!(
            "<InvoiceDraft {} {} {} {}>",
            kind_code(self.0.kind()),
            self.0.key(),
            self.0.account(),
            self.0.issue_date()
        )
    }
}

/// An invoice the book numbered: its `number` (an `InvoiceNumber`), key, account, issue and due
/// dates, the `draft` it was issued from, the numbered `invoice`, lines and totals; exports to
/// UBL (`to_ubl`) and renders as text or HTML. Immutable; compared by value; `to_json()` /
/// `IssuedInvoice.from_json(text)` (`billing.invalid_record`), pickling.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedInvoice(envoi::billing::IssuedInvoice);

#[pymethods]
impl IssuedInvoice {
    /// Reads an issued invoice `to_json` wrote. Raises `envoi.BillingError`
    /// (`billing.invalid_record`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::billing::IssuedInvoice::from_json(text)
                .map(IssuedInvoice)
                .map_err(err(py))
        })
    }

    /// The issued invoice's JSON form, to store.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The invoice number.
    #[getter]
    fn number(&self) -> InvoiceNumber {
        InvoiceNumber(self.0.number().clone())
    }

    /// The draft's key.
    #[getter]
    fn key(&self) -> &str {
        self.0.key()
    }

    /// The account's id.
    #[getter]
    fn account(&self) -> String {
        self.0.account().to_string()
    }

    /// `"invoice"` or `"credit_note"`.
    #[getter]
    fn kind(&self) -> &'static str {
        kind_code(self.0.invoice().kind())
    }

    /// The issue date.
    #[getter]
    fn issue_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        date_to_py(py, self.0.issue_date())
    }

    /// The due date (the seller's payment days after the issue date); None for a credit note.
    #[getter]
    fn due_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .due_date()
            .map(|date| date_to_py(py, date))
            .transpose()
    }

    /// The draft it was issued from.
    #[getter]
    fn draft(&self) -> InvoiceDraft {
        InvoiceDraft(self.0.draft().clone())
    }

    /// The numbered document (an `envoi.invoice.Invoice` with the seller and the number).
    #[getter]
    fn invoice(&self) -> Invoice {
        Invoice(self.0.invoice().clone())
    }

    /// The lines.
    #[getter]
    fn lines(&self) -> Vec<InvoiceLine> {
        self.0.lines().iter().cloned().map(InvoiceLine).collect()
    }

    /// The EN 16931 totals.
    fn totals(&self, py: Python<'_>) -> PyResult<Totals> {
        guard(py, || Ok(Totals(self.0.totals())))
    }

    /// The invoice as UBL 2.1 XML (Peppol BIS Billing 3.0). Raises `envoi.InvoiceError` or
    /// `envoi.BillingError` naming what is missing.
    fn to_ubl(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || py.detach(|| self.0.to_ubl()).map_err(err(py)))
    }

    /// The invoice as plain text, in the account's language.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The invoice as an HTML fragment, in the account's language.
    fn to_html(&self) -> String {
        self.0.to_html()
    }

    fn __repr__(&self) -> String {
        format!(
            "<IssuedInvoice {} {} {}>",
            self.0.number(),
            self.0.key(),
            self.0.account()
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py
            .get_type::<IssuedInvoice>()
            .getattr(pyo3::intern!(py, "from_json"))?;
        Ok((from_json, (self.0.to_json(),)))
    }
}

// ---- The book ------------------------------------------------------------------------------------

/// Who issues the invoices: the seller's `party` (an `envoi.invoice.Party`), the number `series`
/// (1 to 4 capital letters, `billing.invalid_invoice_number`) and the `payment_days` of an
/// invoice. Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seller(envoi::billing::Seller);

#[pymethods]
impl Seller {
    #[new]
    #[pyo3(signature = (party, series, payment_days))]
    fn new(py: Python<'_>, party: &Party, series: &str, payment_days: u32) -> PyResult<Self> {
        guard(py, || {
            let series = envoi::billing::NumberSeries::new(series).map_err(err(py))?;
            Ok(Seller(envoi::billing::Seller {
                party: party.0.clone(),
                series,
                payment_days,
            }))
        })
    }

    /// The seller's party.
    #[getter]
    fn party(&self) -> Party {
        Party(self.0.party.clone())
    }

    /// The number series (`"F"`).
    #[getter]
    fn series(&self) -> String {
        self.0.series.to_string()
    }

    /// Days from the issue date to the due date.
    #[getter]
    fn payment_days(&self) -> u32 {
        self.0.payment_days
    }

    fn __repr__(&self) -> String {
        format!(
            "Seller(party=<{}>, series={:?}, payment_days={})",
            self.0.party.name(),
            self.0.series.to_string(),
            self.0.payment_days
        )
    }
}

/// The numbered invoices of one seller: `issue(draft)` gives a draft the next number of its
/// year in the seller's series, once per draft key (issuing it again is a replay, never a second
/// number; other content under the same key is `billing.invoice_conflict`).
///
/// Mutable and safe to share between threads. The host stores the issued invoices (their JSON)
/// and rebuilds the book with `InvoiceBook.from_invoices(seller, invoices)`, which checks their
/// sequence.
#[pyclass(module = "envoi.billing", frozen)]
pub struct InvoiceBook(Mutex<envoi::billing::InvoiceBook>);

impl InvoiceBook {
    fn read<T>(
        &self,
        py: Python<'_>,
        get: impl FnOnce(&mut envoi::billing::InvoiceBook) -> T,
    ) -> PyResult<T> {
        let mut book = self.0.lock().map_err(|_| {
            poisoned(
                py,
                "InvoiceBook: an earlier operation panicked (a bug in envoi, please report it); \
                 rebuild it with InvoiceBook.from_invoices(...)",
            )
        })?;
        Ok(get(&mut book))
    }
}

#[pymethods]
impl InvoiceBook {
    /// An empty book of `seller`.
    #[new]
    fn new(seller: &Seller) -> Self {
        InvoiceBook(Mutex::new(envoi::billing::InvoiceBook::new(
            seller.0.clone(),
        )))
    }

    /// The book of `seller` holding `invoices` (`IssuedInvoice`s, as stored). Raises
    /// `envoi.BillingError` (`billing.invoice_sequence`, `billing.invalid_record`).
    #[staticmethod]
    fn from_invoices(
        py: Python<'_>,
        seller: &Seller,
        invoices: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        guard(py, || {
            let invoices = invoices
                .try_iter()?
                .map(|invoice| Ok(invoice?.cast::<IssuedInvoice>()?.get().0.clone()))
                .collect::<PyResult<Vec<_>>>()?;
            envoi::billing::InvoiceBook::from_invoices(seller.0.clone(), invoices)
                .map(|book| InvoiceBook(Mutex::new(book)))
                .map_err(err(py))
        })
    }

    /// The seller.
    #[getter]
    fn seller(&self, py: Python<'_>) -> PyResult<Seller> {
        guard(py, || self.read(py, |book| Seller(book.seller().clone())))
    }

    /// Issues `draft` (an `InvoiceDraft`): returns `(issued, replayed)`, the `IssuedInvoice` and
    /// whether the key had been issued before with the same content (then nothing changes).
    /// Raises `envoi.BillingError` (`billing.invoice_conflict`, `billing.invalid_invoice_number`
    /// past the last sequence) and `envoi.InvoiceError`.
    fn issue(&self, py: Python<'_>, draft: &InvoiceDraft) -> PyResult<(IssuedInvoice, bool)> {
        guard(py, || {
            self.read(py, |book| book.issue(draft.0.clone()))?
                .map(|outcome| (IssuedInvoice(outcome.value), outcome.replayed))
                .map_err(err(py))
        })
    }

    /// Every issued invoice, in the order issued.
    #[getter]
    fn invoices(&self, py: Python<'_>) -> PyResult<Vec<IssuedInvoice>> {
        guard(py, || {
            self.read(py, |book| {
                book.invoices().iter().cloned().map(IssuedInvoice).collect()
            })
        })
    }

    /// The invoices of the account `account` (its id), in the order issued.
    fn for_account(&self, py: Python<'_>, account: &str) -> PyResult<Vec<IssuedInvoice>> {
        guard(py, || {
            let account = account_id_arg(py, account)?;
            self.read(py, |book| {
                book.for_account(&account)
                    .cloned()
                    .map(IssuedInvoice)
                    .collect()
            })
        })
    }

    /// The invoice numbered `number` (an `InvoiceNumber` or its text), or None.
    fn get(&self, py: Python<'_>, number: &Bound<'_, PyAny>) -> PyResult<Option<IssuedInvoice>> {
        guard(py, || {
            let number = crate::billing::number_arg(py, number)?;
            self.read(py, |book| book.get(&number).cloned().map(IssuedInvoice))
        })
    }

    /// The invoice issued for the draft key `key`, or None.
    fn by_key(&self, py: Python<'_>, key: &str) -> PyResult<Option<IssuedInvoice>> {
        guard(py, || {
            self.read(py, |book| book.by_key(key).cloned().map(IssuedInvoice))
        })
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.read(py, |book| book.invoices().len())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |book| {
            format!(
                "<InvoiceBook series {}: {} invoices>",
                book.seller().series,
                book.invoices().len()
            )
        })
    }
}

// ---- Runs ----------------------------------------------------------------------------------------

/// A month argument: its `"2026-03"` text, read by the core (`billing.invalid_argument`).
fn month_arg(py: Python<'_>, month: &str) -> PyResult<envoi::billing::Month> {
    month.parse().map_err(err(py))
}

/// The letters of one job of the month: `job_id`, the `query` (a `LetterQuery`) of each of its
/// `letters`, and when they were handed over to the post (an aware datetime) — or
/// `cancelled=True` (never handed over: not invoiced). Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterUsage(envoi::billing::LetterUsage);

#[pymethods]
impl LetterUsage {
    #[new]
    #[pyo3(signature = (job_id, query, letters, *, handed_over_at = None, cancelled = false))]
    fn new(
        job_id: String,
        query: &LetterQuery,
        letters: u32,
        handed_over_at: Option<&Bound<'_, PyAny>>,
        cancelled: bool,
    ) -> PyResult<Self> {
        let handed_over_at = handed_over_at
            .filter(|at| !at.is_none())
            .map(|at| instant_arg(at, "handed_over_at"))
            .transpose()?;
        Ok(LetterUsage(envoi::billing::LetterUsage {
            job_id,
            query: query.0,
            letters,
            handed_over_at,
            cancelled,
        }))
    }

    /// The host's job id.
    #[getter]
    fn job_id(&self) -> &str {
        &self.0.job_id
    }

    /// What each letter is priced on.
    #[getter]
    fn query(&self) -> LetterQuery {
        LetterQuery(self.0.query)
    }

    /// How many letters.
    #[getter]
    fn letters(&self) -> u32 {
        self.0.letters
    }

    /// When they were handed over (in UTC), or None.
    #[getter]
    fn handed_over_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        optional_datetime(py, Zone::default(), self.0.handed_over_at)
    }

    /// Whether the job was cancelled.
    #[getter]
    fn cancelled(&self) -> bool {
        self.0.cancelled
    }
}

/// One pay-as-you-go message of the month: its `id`, `channel` (`"email"`, `"sms"`,
/// `"secure_email"`), `units` and `sent_at` (an aware datetime). Immutable; compared by value.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageUsage(envoi::billing::MessageUsage);

#[pymethods]
impl MessageUsage {
    #[new]
    #[pyo3(signature = (id, channel, units, sent_at))]
    fn new(id: String, channel: &str, units: u64, sent_at: &Bound<'_, PyAny>) -> PyResult<Self> {
        let channel = crate::token::serde_arg!(channel, "channel")?;
        Ok(MessageUsage(envoi::billing::MessageUsage {
            id,
            channel,
            units,
            sent_at: instant_arg(sent_at, "sent_at")?,
        }))
    }

    /// The message's id.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The channel.
    #[getter]
    fn channel(&self) -> &'static str {
        self.0.channel.as_str()
    }

    /// The units billed.
    #[getter]
    fn units(&self) -> u64 {
        self.0.units
    }
}

/// What a monthly run invoices: `letters` (`LetterUsage`s), pay-as-you-go `messages`
/// (`MessageUsage`s), the VAT `letter_treatment` and `message_treatment` (`envoi.vat.Treatment`s
/// decided for them; None when there is nothing of the kind) and `eur_rate` for prices in another
/// currency than EUR. Immutable.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyUsage(envoi::billing::MonthlyUsage);

#[pymethods]
impl MonthlyUsage {
    #[new]
    #[pyo3(signature = (
        *, letters = None, messages = None, letter_treatment = None, message_treatment = None,
        eur_rate = None
    ))]
    fn new(
        letters: Option<Vec<PyRef<'_, LetterUsage>>>,
        messages: Option<Vec<PyRef<'_, MessageUsage>>>,
        letter_treatment: Option<&Treatment>,
        message_treatment: Option<&Treatment>,
        eur_rate: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(MonthlyUsage(envoi::billing::MonthlyUsage {
            letters: letters
                .unwrap_or_default()
                .iter()
                .map(|usage| usage.0.clone())
                .collect(),
            messages: messages
                .unwrap_or_default()
                .iter()
                .map(|usage| usage.0.clone())
                .collect(),
            letter_treatment: letter_treatment.map(|treatment| treatment.0.clone()),
            message_treatment: message_treatment.map(|treatment| treatment.0.clone()),
            eur_rate: eur_rate_arg(eur_rate)?,
        }))
    }

    /// The letters.
    #[getter]
    fn letters(&self) -> Vec<LetterUsage> {
        self.0.letters.iter().cloned().map(LetterUsage).collect()
    }

    /// The messages.
    #[getter]
    fn messages(&self) -> Vec<MessageUsage> {
        self.0.messages.iter().cloned().map(MessageUsage).collect()
    }

    /// The VAT treatment given for the letters, or None.
    #[getter]
    fn letter_treatment(&self) -> Option<Treatment> {
        self.0.letter_treatment.clone().map(Treatment)
    }

    /// The VAT treatment given for the messages, or None.
    #[getter]
    fn message_treatment(&self) -> Option<Treatment> {
        self.0.message_treatment.clone().map(Treatment)
    }

    /// EUR per unit of the prices' currency, or None.
    #[getter]
    fn eur_rate<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0
            .eur_rate
            .map(|rate| decimal_to_py(py, rate))
            .transpose()
    }
}

/// The drafts of `month` (its `"2026-03"` text) for `account`: its letters and its
/// pay-as-you-go messages priced by `price_list`, dated the first day of the next month. A pure
/// function: run it twice, get equal drafts (the book issues each key once). Raises
/// `envoi.BillingError` (`billing.no_price`, `billing.invalid_query`,
/// `billing.vat_pending_verification`, `billing.missing_exchange_rate`,
/// `billing.mixed_currencies`, `billing.invalid_argument`) and `envoi.VatError`.
#[pyfunction]
#[pyo3(signature = (account, price_list, month, usage, *, table = None))]
pub fn monthly_run(
    py: Python<'_>,
    account: &Bound<'_, Account>,
    price_list: &PriceList,
    month: &str,
    usage: &MonthlyUsage,
    table: Option<&Bound<'_, RateTable>>,
) -> PyResult<Vec<InvoiceDraft>> {
    guard(py, || {
        let month = month_arg(py, month)?;
        let account = account_of(py, account)?;
        let rates = rates(table);
        let prices = &price_list.0;
        py.detach(|| envoi::billing::monthly_run(&account, prices, month, &usage.0, rates))
            .map(|drafts| drafts.into_iter().map(InvoiceDraft).collect())
            .map_err(err(py))
    })
}

/// A block plan subscription: its `id`, the account, the plan's `plan_id`, the
/// `envoi.credits.BlockPlan` and the VAT `treatment` decided when subscribing. Immutable.
#[pyclass(module = "envoi.billing", frozen, eq)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSubscription(envoi::billing::BlockSubscription);

#[pymethods]
impl BlockSubscription {
    /// The subscription's id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id()
    }

    /// The account's id.
    #[getter]
    fn account(&self) -> String {
        self.0.account().to_string()
    }

    /// The plan's id in the price list.
    #[getter]
    fn plan_id(&self) -> &str {
        self.0.plan_id()
    }

    /// The block plan (periods, block size, fee).
    #[getter]
    fn plan(&self) -> BlockPlan {
        BlockPlan(self.0.plan().clone())
    }

    /// The VAT treatment decided when subscribing.
    #[getter]
    fn treatment(&self) -> Treatment {
        Treatment(self.0.treatment().clone())
    }

    /// The same subscription ending at `end` (an aware datetime). Raises `envoi.BillingError`
    /// and `envoi.CreditError`.
    fn ending_at(&self, py: Python<'_>, end: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(py, || {
            let end = instant_arg(end, "end")?;
            self.0
                .clone()
                .ending_at(end)
                .map(BlockSubscription)
                .map_err(err(py))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "<BlockSubscription {} {} {}>",
            self.0.id(),
            self.0.account(),
            self.0.plan_id()
        )
    }
}

/// Subscribes `account` to the block plan `plan_id` of `price_list` at `at` (an aware
/// datetime), with the subscription's id and the VAT decided now (`exemption_requested`,
/// `online_check`, `b2c_totals` as in `place_order`; `table` the VAT rates). Raises
/// `envoi.BillingError` (`billing.no_price`, `billing.invalid_argument`,
/// `billing.vat_pending_verification`), `envoi.VatError` and `envoi.CreditError`.
#[pyfunction]
#[pyo3(signature = (
    account, price_list, subscription_id, plan_id, *, at, exemption_requested = false,
    online_check = None, b2c_totals = None, table = None
))]
#[allow(clippy::too_many_arguments)]
pub fn subscribe_block_plan(
    py: Python<'_>,
    account: &Bound<'_, Account>,
    price_list: &PriceList,
    subscription_id: &str,
    plan_id: &str,
    at: &Bound<'_, PyAny>,
    exemption_requested: bool,
    online_check: Option<&Bound<'_, PyAny>>,
    b2c_totals: Option<&Bound<'_, PyAny>>,
    table: Option<&Bound<'_, RateTable>>,
) -> PyResult<BlockSubscription> {
    guard(py, || {
        let at = instant_arg(at, "at")?;
        let mut request = envoi::billing::SubscriptionRequest::new(subscription_id, plan_id, at);
        request.exemption_requested = exemption_requested;
        request.online_check = online_check_arg(online_check)?;
        let (current, previous) = b2c_totals_arg(b2c_totals)?;
        request = request.with_b2c_totals(current, previous);
        let account = account_of(py, account)?;
        let rates = rates(table);
        let prices = &price_list.0;
        py.detach(|| envoi::billing::subscribe_block_plan(&account, prices, &request, rates))
            .map(BlockSubscription)
            .map_err(err(py))
    })
}

/// The draft of period `period_index` (from 0) of `subscription` for `account`: the period's fee
/// and the extra blocks of the previous period's `previous_usage` (units used), in the plan's
/// currency with the VAT also in EUR (`eur_rate`: EUR per unit of it). None when there is nothing
/// to invoice. Raises `envoi.BillingError` (`billing.missing_exchange_rate`,
/// `billing.invalid_argument`) and `envoi.CreditError`.
#[pyfunction]
#[pyo3(signature = (account, subscription, period_index, previous_usage, *, eur_rate = None))]
pub fn block_plan_run(
    py: Python<'_>,
    account: &Bound<'_, Account>,
    subscription: &BlockSubscription,
    period_index: u32,
    previous_usage: u64,
    eur_rate: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<InvoiceDraft>> {
    guard(py, || {
        let eur_rate = eur_rate_arg(eur_rate)?;
        let account = account_of(py, account)?;
        envoi::billing::block_plan_run(
            &account,
            &subscription.0,
            period_index,
            previous_usage,
            eur_rate,
        )
        .map(|draft| draft.map(InvoiceDraft))
        .map_err(err(py))
    })
}

/// Registers the classes and functions of issue 10 part 2 in `envoi.billing`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PackOrder>()?;
    module.add_class::<InvoiceDraft>()?;
    module.add_class::<IssuedInvoice>()?;
    module.add_class::<Seller>()?;
    module.add_class::<InvoiceBook>()?;
    module.add_class::<LetterUsage>()?;
    module.add_class::<MessageUsage>()?;
    module.add_class::<MonthlyUsage>()?;
    module.add_class::<BlockSubscription>()?;
    module.add_function(wrap_pyfunction!(place_order, module)?)?;
    module.add_function(wrap_pyfunction!(monthly_run, module)?)?;
    module.add_function(wrap_pyfunction!(subscribe_block_plan, module)?)?;
    module.add_function(wrap_pyfunction!(block_plan_run, module)?)?;
    let methods = envoi::billing::PaymentMethod::ALL.map(envoi::billing::PaymentMethod::code);
    module.add("PAYMENT_METHODS", PyTuple::new(module.py(), methods)?)?;
    Ok(())
}
