//! Orders, invoice drafts and the invoice book (issue 10, part 2): [`place_order`] gives a
//! [`PackOrder`] (a uniffi Object holding the core's `envoi::billing::PackOrder` behind a mutex),
//! whose paid state gives an [`InvoiceDraft`] that an [`InvoiceBook`] numbers into an
//! [`IssuedInvoice`]; [`monthly_run`] and [`block_plan_run`] ([`subscribe_block_plan`],
//! [`BlockSubscription`]) give the drafts of a month's use and of block plans.
//!
//! Conversions only; every rule is the core's (`envoi::billing`): the pack valid on the order's
//! day, the VAT treatment decided at order time, the order's states, the draft's lines in the
//! account's language, the gapless numbering and the replay of a draft issued twice. Money is
//! [`Money`] (decimal text and a currency), instants `SystemTime` (Kotlin `Instant`), days
//! [`IsoDate`]. Every function throws [`BillingError`] (Kotlin `BillingException`): the core's
//! `billing.*` codes with their fields, `account.*` as [`BillingError::Account`], other families
//! (`vat.*`, `invoice.*`, `credits.*`, `id.*`, `argument.*`) as [`BillingError::Envoi`].

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use envoi::billing::PaymentMethod;
use envoi::ids::{AccountId, OrderId};
use envoi::invoice::DocumentKind;

use crate::account::Account;
use crate::billing::{BillingError, InvoiceNumber, LetterQuery};
use crate::contacts::channel;
use crate::credits::plans::BlockPlan;
use crate::credits::plans::{IsoDate, Money};
use crate::credits::{Ledger, Order, order as order_record, to_instant};
use crate::invoice::{Invoice, InvoiceLine, Party, Totals};
use crate::post::code_arg;
use crate::time::system_time;
use crate::vat::{OnlineCheck, Treatment, parse_decimal};
use crate::{EnvoiError, guard_as};

fn kind_code(kind: DocumentKind) -> String {
    match kind {
        DocumentKind::CreditNote => "credit_note",
        _ => "invoice",
    }
    .to_owned()
}

fn lines(lines: &[envoi::invoice::InvoiceLine]) -> Vec<Arc<InvoiceLine>> {
    lines.iter().cloned().map(InvoiceLine::wrap).collect()
}

// ---- Orders --------------------------------------------------------------------------------------

/// The pack an order froze: its id, credit kind, units per pack and unit price (the pack's price,
/// without VAT) on the order's day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OrderedPack {
    /// The pack id (`"sms-1000"`).
    pub id: String,
    /// The credit kind (`"sms"`…).
    pub kind: String,
    /// The units of one pack.
    pub units: u64,
    /// The price of one pack, without VAT.
    pub unit_price: Money,
}

/// Where an order stands: `state` is `"pending_payment"` (a bank transfer not arrived yet),
/// `"paid"` (`paid_at`), `"reversed"` (its payment reversed: `paid_at`, `at`, `reason`) or
/// `"cancelled"` (before it was paid: `at`, `reason`); the other fields are null/nil.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OrderState {
    /// The state's code.
    pub state: String,
    /// When it was paid (`paid`, `reversed`).
    pub paid_at: Option<SystemTime>,
    /// When it was reversed or cancelled.
    pub at: Option<SystemTime>,
    /// Why it was reversed or cancelled.
    pub reason: Option<String>,
}

impl OrderState {
    fn of(state: &envoi::billing::OrderState) -> Self {
        use envoi::billing::OrderState as Core;
        let (paid_at, at, reason) = match state {
            Core::Paid { at } => (Some(system_time(*at)), None, None),
            Core::Reversed {
                paid_at,
                at,
                reason,
            } => (
                Some(system_time(*paid_at)),
                Some(system_time(*at)),
                Some(reason.clone()),
            ),
            Core::Cancelled { at, reason } => (None, Some(system_time(*at)), Some(reason.clone())),
            _ => (None, None, None),
        };
        OrderState {
            state: state.code().to_owned(),
            paid_at,
            at,
            reason,
        }
    }
}

/// An order of credit packs: the pack valid on its day, the quantity, the payment method
/// (`"card"`: paid at once; `"bank_transfer"`: pending until `record_payment`) and the VAT
/// treatment decided when it was placed, with its evidence. The state changes in place
/// (`record_payment`, `cancel`, `reverse`); `to_json`/`from_json` store it. `==` compares every
/// field; `toString()` shows the core's JSON form.
#[derive(uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct PackOrder {
    inner: Mutex<envoi::billing::PackOrder>,
}

impl fmt::Debug for PackOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PackOrder").field(&*self.lock()).finish()
    }
}

impl fmt::Display for PackOrder {
    /// `PackOrder({"id":"o-1",…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackOrder({})", self.lock().to_json())
    }
}

impl PartialEq for PackOrder {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for PackOrder {}

impl PackOrder {
    fn wrap(inner: envoi::billing::PackOrder) -> Arc<Self> {
        Arc::new(PackOrder {
            inner: Mutex::new(inner),
        })
    }

    fn lock(&self) -> MutexGuard<'_, envoi::billing::PackOrder> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs a state change at `at`, returning the new state.
    fn change(
        &self,
        at: SystemTime,
        operation: impl FnOnce(
            &mut envoi::billing::PackOrder,
            envoi::time::Instant,
        )
            -> Result<envoi::billing::OrderState, envoi::billing::BillingError>,
    ) -> Result<OrderState, BillingError> {
        guard_as(|| {
            let at = to_instant("at", at)?;
            Ok(OrderState::of(&operation(&mut self.lock(), at)?))
        })
    }
}

/// Places an order of `quantity` packs `pack_id` for `account` at `at` (`order_id`: the host's id,
/// which makes the ledger operations idempotent): the pack at its price valid that day in the
/// account's zone, the VAT treatment decided now with the built-in rate table. `payment`:
/// `"card"` or `"bank_transfer"`. `exemption_requested`: the customer asks for the VAT exemption
/// (only now: later is `billing.exemption_after_order`), which needs `online_check`, the online
/// check's (VIES) answer (null/nil: unavailable, `billing.vat_pending_verification`).
/// `b2c_current_year`/`b2c_previous_year`: the B2C distance sales totals in EUR (decimal text).
/// `eur_rate`: EUR per unit of the pack's currency, for a pack not in EUR (else
/// `billing.missing_exchange_rate` when it is invoiced).
///
/// Throws `billing.no_price`, `billing.invalid_argument` (quantity 0, a sum too large),
/// `billing.vat_pending_verification`, the `vat.*` errors of the treatment, `id.*` (the order id),
/// `argument.*` (`unknown_value`, `invalid_decimal`, `instant_out_of_range`).
#[allow(clippy::too_many_arguments)]
#[uniffi::export(default(
    exemption_requested = false,
    online_check = None,
    b2c_current_year = "0",
    b2c_previous_year = "0",
    eur_rate = None
))]
pub fn place_order(
    account: Arc<Account>,
    price_list: Arc<crate::billing::PriceList>,
    pack_id: String,
    quantity: u32,
    payment: String,
    at: SystemTime,
    order_id: String,
    exemption_requested: bool,
    online_check: Option<OnlineCheck>,
    b2c_current_year: String,
    b2c_previous_year: String,
    eur_rate: Option<String>,
) -> Result<Arc<PackOrder>, BillingError> {
    guard_as(|| {
        let payment = code_arg(
            "payment",
            &payment,
            &PaymentMethod::ALL,
            PaymentMethod::code,
        )?;
        let mut request = envoi::billing::OrderRequest::new(
            OrderId::new(&order_id).map_err(EnvoiError::from)?,
            pack_id,
            quantity,
            payment,
            to_instant("at", at)?,
        );
        request.exemption_requested = exemption_requested;
        request.online_check = online_check
            .as_ref()
            .map(|answer| answer.to_core("online_check"))
            .transpose()?;
        request.b2c_current_year = parse_decimal("b2c_current_year", &b2c_current_year)?;
        request.b2c_previous_year = parse_decimal("b2c_previous_year", &b2c_previous_year)?;
        request.eur_rate = eur_rate
            .as_deref()
            .map(|rate| parse_decimal("eur_rate", rate))
            .transpose()?;
        let order = envoi::billing::place_order(
            &account.lock(),
            price_list.core(),
            &request,
            envoi::vat::RateTable::builtin(),
        )?;
        Ok(PackOrder::wrap(order))
    })
}

#[uniffi::export]
impl PackOrder {
    /// An order written by `to_json`. Throws `billing.invalid_record` (with `subject` `"order"`,
    /// `field`, `value`, `rule`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, BillingError> {
        guard_as(|| Ok(Self::wrap(envoi::billing::PackOrder::from_json(&json)?)))
    }

    /// The core's JSON form, to store the order.
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }

    /// The host's order id.
    pub fn id(&self) -> String {
        self.lock().id().as_str().to_owned()
    }

    /// The account's id.
    pub fn account(&self) -> String {
        self.lock().account().as_str().to_owned()
    }

    /// The pack as ordered.
    pub fn pack(&self) -> OrderedPack {
        let order = self.lock();
        let pack = order.pack();
        OrderedPack {
            id: pack.id.clone(),
            kind: pack.kind.to_string(),
            units: pack.units,
            unit_price: Money::of(pack.unit_price),
        }
    }

    /// How many packs.
    pub fn quantity(&self) -> u32 {
        self.lock().quantity()
    }

    /// The units bought: the pack's units times the quantity.
    pub fn units(&self) -> u64 {
        self.lock().units()
    }

    /// `"card"` or `"bank_transfer"`.
    pub fn payment(&self) -> String {
        self.lock().payment().code().to_owned()
    }

    /// When it was placed.
    pub fn placed_at(&self) -> SystemTime {
        system_time(self.lock().placed_at())
    }

    /// The account's time zone when it was placed (an IANA name).
    pub fn zone(&self) -> String {
        self.lock().zone().to_string()
    }

    /// The VAT treatment decided when it was placed.
    pub fn treatment(&self) -> Arc<Treatment> {
        Arc::new(Treatment {
            inner: self.lock().treatment().clone(),
        })
    }

    /// Where it stands.
    pub fn state(&self) -> OrderState {
        OrderState::of(self.lock().state())
    }

    /// The bank transfer arrived at `at`: the order is paid. Throws `billing.order_state` (with
    /// `order_id`, `action`, `state`, `rule`) for an order not waiting for its payment.
    pub fn record_payment(&self, at: SystemTime) -> Result<OrderState, BillingError> {
        self.change(at, |order, at| order.record_payment(at).cloned())
    }

    /// Cancels an order not paid yet. Throws `billing.order_state`.
    pub fn cancel(&self, at: SystemTime, reason: String) -> Result<OrderState, BillingError> {
        self.change(at, |order, at| order.cancel(at, &reason).cloned())
    }

    /// Its payment was reversed (a chargeback, a refund): its credits are voided when applied
    /// again, and it gets a credit note. Throws `billing.order_state`.
    pub fn reverse(&self, at: SystemTime, reason: String) -> Result<OrderState, BillingError> {
        self.change(at, |order, at| order.reverse(at, &reason).cloned())
    }

    /// Replays the order into the account's credit `ledger` (purchase, activation when paid, void
    /// when reversed or cancelled), idempotently by the order id. Throws the `credits.*` errors.
    pub fn apply(&self, ledger: Arc<Ledger>) -> Result<Order, BillingError> {
        let order = self.lock().clone();
        let mut refused = None;
        // The ledger is append-only: no new entry means every step was a replay.
        let applied = ledger.with(|ledger| {
            let before = ledger.entries().len();
            match order.apply(ledger) {
                Ok(applied) => Ok(Some((applied, ledger.entries().len() == before))),
                Err(error) => {
                    refused = Some(error);
                    Ok(None)
                }
            }
        })?;
        match (applied, refused) {
            (Some((applied, replayed)), _) => Ok(order_record(applied, replayed)),
            (None, Some(error)) => Err(error.into()),
            (None, None) => {
                Err(EnvoiError::panic("apply gave neither an order nor an error").into())
            }
        }
    }

    /// Activates `account` when it waits for its payment and this order is paid; whether it did.
    /// Throws `billing.invalid_argument` (an order of another account), `account.*`.
    pub fn activate_account(&self, account: Arc<Account>) -> Result<bool, BillingError> {
        guard_as(|| Ok(self.lock().activate_account(&mut account.lock())?))
    }

    /// A VAT exemption asked for after the order: always refused
    /// (`billing.exemption_after_order`, with `order_id` and `treatment`), unless the order was
    /// placed with it, whose treatment it returns.
    pub fn request_exemption(&self) -> Result<Arc<Treatment>, BillingError> {
        guard_as(|| {
            let inner = self.lock().request_exemption()?.clone();
            Ok(Arc::new(Treatment { inner }))
        })
    }

    /// The invoice draft of a paid order, in the account's language. Throws
    /// `billing.order_not_paid` (with `order_id`, `state`), `billing.invalid_argument` (another
    /// account), `billing.missing_exchange_rate`, `invoice.*`.
    pub fn invoice_draft(&self, account: Arc<Account>) -> Result<Arc<InvoiceDraft>, BillingError> {
        guard_as(|| {
            let draft = self.lock().invoice_draft(&account.lock())?;
            Ok(InvoiceDraft::wrap(draft))
        })
    }

    /// The credit note draft of a reversed order, cancelling its issued `invoice`. Throws
    /// `billing.order_state` (an order not reversed), `billing.invalid_argument`, `invoice.*`.
    pub fn credit_note_draft(
        &self,
        account: Arc<Account>,
        invoice: Arc<IssuedInvoice>,
    ) -> Result<Arc<InvoiceDraft>, BillingError> {
        guard_as(|| {
            let draft = self
                .lock()
                .credit_note_draft(&account.lock(), &invoice.inner)?;
            Ok(InvoiceDraft::wrap(draft))
        })
    }
}

// ---- Drafts and issued invoices ------------------------------------------------------------------

/// An invoice or credit note ready to be numbered: its key (the same work gives the same key, so
/// the book issues it once), account, kind, issue day and the invoice without its number.
/// Immutable; `==` compares every field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct InvoiceDraft {
    inner: envoi::billing::InvoiceDraft,
}

impl fmt::Display for InvoiceDraft {
    /// `InvoiceDraft(key=order/o-1, account=acc_42, kind=invoice, issue_date=2026-03-05)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let draft = &self.inner;
        write!(
            f,
            "InvoiceDraft(key={}, account={}, kind={}, issue_date={})",
            draft.key(),
            draft.account().as_str(),
            kind_code(draft.kind()),
            draft.issue_date()
        )
    }
}

impl InvoiceDraft {
    pub(crate) fn wrap(inner: envoi::billing::InvoiceDraft) -> Arc<Self> {
        Arc::new(InvoiceDraft { inner })
    }
}

#[uniffi::export]
impl InvoiceDraft {
    /// The key the book issues it under once.
    pub fn key(&self) -> String {
        self.inner.key().to_owned()
    }

    /// The account's id.
    pub fn account(&self) -> String {
        self.inner.account().as_str().to_owned()
    }

    /// `"invoice"` or `"credit_note"`.
    pub fn kind(&self) -> String {
        kind_code(self.inner.kind())
    }

    /// The day it is issued.
    pub fn issue_date(&self) -> IsoDate {
        IsoDate::of(self.inner.issue_date())
    }

    /// The invoice, without its number.
    pub fn invoice(&self) -> Arc<Invoice> {
        Invoice::wrap(self.inner.invoice().clone())
    }

    /// Its lines.
    pub fn lines(&self) -> Vec<Arc<InvoiceLine>> {
        lines(self.inner.lines())
    }

    /// Its totals (EN 16931).
    pub fn totals(&self) -> Totals {
        Totals::of(&self.inner.totals())
    }

    /// A plain text rendering, in the account's language.
    pub fn to_text(&self) -> String {
        self.inner.to_text()
    }

    /// An HTML rendering, in the account's language.
    pub fn to_html(&self) -> String {
        self.inner.to_html()
    }
}

/// An invoice the book numbered: its number, key, account, issue and due days, the draft it came
/// from and the invoice with its number. Exports to UBL; `to_json`/`from_json` store it. Immutable.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct IssuedInvoice {
    inner: envoi::billing::IssuedInvoice,
}

impl fmt::Display for IssuedInvoice {
    /// `IssuedInvoice(number=2026-F-000001, key=order/o-1, account=acc_42)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let issued = &self.inner;
        write!(
            f,
            "IssuedInvoice(number={}, key={}, account={})",
            issued.number(),
            issued.key(),
            issued.account().as_str()
        )
    }
}

impl IssuedInvoice {
    fn wrap(inner: envoi::billing::IssuedInvoice) -> Arc<Self> {
        Arc::new(IssuedInvoice { inner })
    }
}

#[uniffi::export]
impl IssuedInvoice {
    /// An issued invoice written by `to_json`. Throws `billing.invalid_record`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, BillingError> {
        guard_as(|| Ok(Self::wrap(envoi::billing::IssuedInvoice::from_json(&json)?)))
    }

    /// The core's JSON form, to store it.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Its number.
    pub fn number(&self) -> Arc<InvoiceNumber> {
        InvoiceNumber::wrap(self.inner.number().clone())
    }

    /// The draft's key.
    pub fn key(&self) -> String {
        self.inner.key().to_owned()
    }

    /// The account's id.
    pub fn account(&self) -> String {
        self.inner.account().as_str().to_owned()
    }

    /// `"invoice"` or `"credit_note"`.
    pub fn kind(&self) -> String {
        kind_code(self.inner.draft().kind())
    }

    /// The day it was issued.
    pub fn issue_date(&self) -> IsoDate {
        IsoDate::of(self.inner.issue_date())
    }

    /// When it is due (null/nil: a credit note).
    pub fn due_date(&self) -> Option<IsoDate> {
        self.inner.due_date().map(IsoDate::of)
    }

    /// The draft it was issued from.
    pub fn draft(&self) -> Arc<InvoiceDraft> {
        InvoiceDraft::wrap(self.inner.draft().clone())
    }

    /// The invoice, with its number, seller and dates.
    pub fn invoice(&self) -> Arc<Invoice> {
        Invoice::wrap(self.inner.invoice().clone())
    }

    /// Its lines.
    pub fn lines(&self) -> Vec<Arc<InvoiceLine>> {
        lines(self.inner.lines())
    }

    /// Its totals (EN 16931).
    pub fn totals(&self) -> Totals {
        Totals::of(&self.inner.totals())
    }

    /// The UBL 2.1 XML (Peppol BIS Billing 3.0). Throws the `invoice.*` error of a field an
    /// e-invoice needs.
    pub fn to_ubl(&self) -> Result<String, BillingError> {
        guard_as(|| Ok(self.inner.to_ubl()?))
    }

    /// A plain text rendering, in the account's language.
    pub fn to_text(&self) -> String {
        self.inner.to_text()
    }

    /// An HTML rendering, in the account's language.
    pub fn to_html(&self) -> String {
        self.inner.to_html()
    }
}

// ---- The book ------------------------------------------------------------------------------------

/// Who issues the invoices: the seller's party, the number series (1 to 4 capital letters) and the
/// payment term in days.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Seller {
    /// The seller.
    pub party: Arc<Party>,
    /// The number series (`"F"`).
    pub series: String,
    /// Days until an invoice is due.
    pub payment_days: u32,
}

impl Seller {
    fn to_core(&self) -> Result<envoi::billing::Seller, BillingError> {
        Ok(envoi::billing::Seller {
            party: self.party.inner.clone(),
            series: envoi::billing::NumberSeries::new(&self.series)?,
            payment_days: self.payment_days,
        })
    }
}

/// What `InvoiceBook.issue` did: the issued invoice, and whether the draft's key was already
/// issued (`replayed`: the same invoice, no new number).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issued {
    /// The issued invoice.
    pub invoice: Arc<IssuedInvoice>,
    /// Whether it had been issued before.
    pub replayed: bool,
}

/// The invoice book: one gapless number sequence per series and year, each draft key issued
/// once. The host stores the issued invoices (`to_json`) and rebuilds the book with
/// `from_invoices`.
#[derive(Debug, uniffi::Object)]
pub struct InvoiceBook {
    inner: Mutex<envoi::billing::InvoiceBook>,
}

impl InvoiceBook {
    fn lock(&self) -> MutexGuard<'_, envoi::billing::InvoiceBook> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wrap(inner: envoi::billing::InvoiceBook) -> Arc<Self> {
        Arc::new(InvoiceBook {
            inner: Mutex::new(inner),
        })
    }
}

#[uniffi::export]
impl InvoiceBook {
    /// An empty book. Throws `billing.invalid_invoice_number` (a series that is not 1 to 4 capital
    /// letters).
    #[uniffi::constructor]
    pub fn new(seller: Seller) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            Ok(Self::wrap(envoi::billing::InvoiceBook::new(
                seller.to_core()?,
            )))
        })
    }

    /// A book holding the stored `invoices`. Throws `billing.invoice_sequence` (a gap or a
    /// duplicate number), `billing.invalid_record` (a key issued twice).
    #[uniffi::constructor]
    pub fn from_invoices(
        seller: Seller,
        invoices: Vec<Arc<IssuedInvoice>>,
    ) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let invoices = invoices.iter().map(|issued| issued.inner.clone()).collect();
            Ok(Self::wrap(envoi::billing::InvoiceBook::from_invoices(
                seller.to_core()?,
                invoices,
            )?))
        })
    }

    /// Issues `draft`: the next number of the seller's series in the draft's year, or, for a key
    /// already issued with the same content, the invoice issued then (`replayed`). Throws
    /// `billing.invoice_conflict` (with `key`, `number`, `difference`) for a key issued with other
    /// content, `invoice.*`.
    pub fn issue(&self, draft: Arc<InvoiceDraft>) -> Result<Issued, BillingError> {
        guard_as(|| {
            let outcome = self.lock().issue(draft.inner.clone())?;
            Ok(Issued {
                invoice: IssuedInvoice::wrap(outcome.value),
                replayed: outcome.replayed,
            })
        })
    }

    /// Every issued invoice, in the order issued.
    pub fn invoices(&self) -> Vec<Arc<IssuedInvoice>> {
        self.lock()
            .invoices()
            .iter()
            .cloned()
            .map(IssuedInvoice::wrap)
            .collect()
    }

    /// The invoices of the account `account` (its id), in the order issued. Throws `id.*`.
    pub fn for_account(&self, account: String) -> Result<Vec<Arc<IssuedInvoice>>, BillingError> {
        guard_as(|| {
            let account = AccountId::new(&account).map_err(EnvoiError::from)?;
            Ok(self
                .lock()
                .for_account(&account)
                .cloned()
                .map(IssuedInvoice::wrap)
                .collect())
        })
    }

    /// The invoice numbered `number`, or null/nil.
    pub fn get(&self, number: Arc<InvoiceNumber>) -> Option<Arc<IssuedInvoice>> {
        self.lock()
            .get(number.core())
            .cloned()
            .map(IssuedInvoice::wrap)
    }

    /// The invoice issued under the draft key `key`, or null/nil.
    pub fn by_key(&self, key: String) -> Option<Arc<IssuedInvoice>> {
        self.lock().by_key(&key).cloned().map(IssuedInvoice::wrap)
    }
}

// ---- Runs ----------------------------------------------------------------------------------------

/// Letters of a job in a month, as the host's post jobs report them: `letters` letters of
/// `query`, handed over to the post at `handed_over_at` (invoiced in that month), or `cancelled`
/// (never invoiced; `handed_over_at` null/nil).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LetterUsage {
    /// The host's job id.
    pub job_id: String,
    /// What one letter is, as the tariff prices it.
    pub query: LetterQuery,
    /// How many letters.
    pub letters: u32,
    /// When they were handed over; null/nil when cancelled.
    #[uniffi(default)]
    pub handed_over_at: Option<SystemTime>,
    /// Whether the job was cancelled before handover.
    #[uniffi(default)]
    pub cancelled: bool,
}

impl LetterUsage {
    fn to_core(&self, index: usize) -> Result<envoi::billing::LetterUsage, EnvoiError> {
        Ok(envoi::billing::LetterUsage {
            job_id: self.job_id.clone(),
            query: self.query.to_core()?,
            letters: self.letters,
            handed_over_at: self
                .handed_over_at
                .map(|at| to_instant(&format!("letters[{index}].handed_over_at"), at))
                .transpose()?,
            cancelled: self.cancelled,
        })
    }
}

/// Pay-as-you-go messages sent: `units` messages on `channel` (`"email"`, `"sms"`,
/// `"secure_email"`), `id` the host's send id, sent at `sent_at`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct MessageUsage {
    /// The host's id of the send.
    pub id: String,
    /// The channel.
    pub channel: String,
    /// How many messages.
    pub units: u64,
    /// When they were sent.
    pub sent_at: SystemTime,
}

/// An account's use of a month: its letters and pay-as-you-go messages, with the VAT treatments
/// decided for them (null/nil: decided by the run from the account, as the core does) and the
/// exchange rate to EUR (EUR per unit, decimal text) for prices not in EUR.
#[derive(Debug, Clone, uniffi::Record)]
pub struct MonthlyUsage {
    /// The letters.
    #[uniffi(default)]
    pub letters: Vec<LetterUsage>,
    /// The messages.
    #[uniffi(default)]
    pub messages: Vec<MessageUsage>,
    /// The letters' VAT treatment.
    #[uniffi(default)]
    pub letter_treatment: Option<Arc<Treatment>>,
    /// The messages' VAT treatment.
    #[uniffi(default)]
    pub message_treatment: Option<Arc<Treatment>>,
    /// EUR per unit of the prices' currency.
    #[uniffi(default)]
    pub eur_rate: Option<String>,
}

impl MonthlyUsage {
    fn to_core(&self) -> Result<envoi::billing::MonthlyUsage, EnvoiError> {
        let letters = self
            .letters
            .iter()
            .enumerate()
            .map(|(index, usage)| usage.to_core(index))
            .collect::<Result<_, _>>()?;
        let messages = self
            .messages
            .iter()
            .enumerate()
            .map(|(index, usage)| {
                Ok(envoi::billing::MessageUsage {
                    id: usage.id.clone(),
                    channel: channel(&format!("messages[{index}].channel"), &usage.channel)?,
                    units: usage.units,
                    sent_at: to_instant(&format!("messages[{index}].sent_at"), usage.sent_at)?,
                })
            })
            .collect::<Result<_, EnvoiError>>()?;
        Ok(envoi::billing::MonthlyUsage {
            letters,
            messages,
            letter_treatment: self.letter_treatment.as_ref().map(|t| t.inner.clone()),
            message_treatment: self.message_treatment.as_ref().map(|t| t.inner.clone()),
            eur_rate: self
                .eur_rate
                .as_deref()
                .map(|rate| parse_decimal("eur_rate", rate))
                .transpose()?,
        })
    }
}

/// The invoice drafts of `month` (`"2026-03"`) for `account`: its letters handed over and its
/// pay-as-you-go messages, priced by `price_list`, dated the first day of the next month, VAT by
/// the built-in rate table. A pure function: run it twice, get equal drafts (the book issues them
/// once). Empty when nothing was used. Throws `billing.invalid_argument` (a month not `YYYY-MM`,
/// another account's usage), `billing.no_price`, `billing.invalid_query`,
/// `billing.missing_exchange_rate`, `billing.mixed_currencies` (with `subject`, `currency`,
/// `other`), `argument.*`.
#[uniffi::export]
pub fn monthly_run(
    account: Arc<Account>,
    price_list: Arc<crate::billing::PriceList>,
    month: String,
    usage: MonthlyUsage,
) -> Result<Vec<Arc<InvoiceDraft>>, BillingError> {
    guard_as(|| {
        let month: envoi::billing::Month = month.parse()?;
        let usage = usage.to_core()?;
        let drafts = envoi::billing::monthly_run(
            &account.lock(),
            price_list.core(),
            month,
            &usage,
            envoi::vat::RateTable::builtin(),
        )?;
        Ok(drafts.into_iter().map(InvoiceDraft::wrap).collect())
    })
}

/// An account's subscription to a block plan: its id, the plan id, the plan (with its periods)
/// and the VAT treatment decided when subscribing. Immutable.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Eq)]
pub struct BlockSubscription {
    inner: envoi::billing::BlockSubscription,
}

#[uniffi::export]
impl BlockSubscription {
    /// The host's subscription id.
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The account's id.
    pub fn account(&self) -> String {
        self.inner.account().as_str().to_owned()
    }

    /// The block plan's id in the price list.
    pub fn plan_id(&self) -> String {
        self.inner.plan_id().to_owned()
    }

    /// The plan: its fee per block, block size and periods.
    pub fn plan(&self) -> Arc<BlockPlan> {
        BlockPlan::wrap(self.inner.plan().clone())
    }

    /// The VAT treatment decided when subscribing.
    pub fn treatment(&self) -> Arc<Treatment> {
        Arc::new(Treatment {
            inner: self.inner.treatment().clone(),
        })
    }

    /// The same subscription ending at `end`. Throws the `credits.*` errors of the plan.
    pub fn ending_at(&self, end: SystemTime) -> Result<Arc<Self>, BillingError> {
        guard_as(|| {
            let end = to_instant("end", end)?;
            Ok(Arc::new(BlockSubscription {
                inner: self.inner.clone().ending_at(end)?,
            }))
        })
    }
}

/// Subscribes `account` to the block plan `plan_id` of `price_list` at `at` (`subscription_id`:
/// the host's id): the plan at its price valid that day, the VAT treatment decided now (the
/// exemption only now, with `online_check`). Throws `billing.no_price`,
/// `billing.invalid_argument`, `billing.vat_pending_verification`, `vat.*`, `credits.*`.
#[allow(clippy::too_many_arguments)]
#[uniffi::export(default(
    exemption_requested = false,
    online_check = None,
    b2c_current_year = "0",
    b2c_previous_year = "0"
))]
pub fn subscribe_block_plan(
    account: Arc<Account>,
    price_list: Arc<crate::billing::PriceList>,
    subscription_id: String,
    plan_id: String,
    at: SystemTime,
    exemption_requested: bool,
    online_check: Option<OnlineCheck>,
    b2c_current_year: String,
    b2c_previous_year: String,
) -> Result<Arc<BlockSubscription>, BillingError> {
    guard_as(|| {
        let mut request = envoi::billing::SubscriptionRequest::new(
            subscription_id,
            plan_id,
            to_instant("at", at)?,
        );
        request.exemption_requested = exemption_requested;
        request.online_check = online_check
            .as_ref()
            .map(|answer| answer.to_core("online_check"))
            .transpose()?;
        request.b2c_totals = (
            parse_decimal("b2c_current_year", &b2c_current_year)?,
            parse_decimal("b2c_previous_year", &b2c_previous_year)?,
        );
        let inner = envoi::billing::subscribe_block_plan(
            &account.lock(),
            price_list.core(),
            &request,
            envoi::vat::RateTable::builtin(),
        )?;
        Ok(Arc::new(BlockSubscription { inner }))
    })
}

/// The invoice draft of period `period_index` of `subscription` (from 0): the period's fee paid in
/// advance, plus the extra blocks `previous_usage` (the previous period's messages) started beyond
/// the plan, in the plan's currency with the VAT also in EUR (`eur_rate`: EUR per unit; needed
/// when the plan is not in EUR). Null/nil when there is nothing to invoice. Throws
/// `billing.missing_exchange_rate` (with `subject`, `currency`), `billing.invalid_argument`,
/// `credits.*`.
#[uniffi::export(default(eur_rate = None))]
pub fn block_plan_run(
    account: Arc<Account>,
    subscription: Arc<BlockSubscription>,
    period_index: u32,
    previous_usage: u64,
    eur_rate: Option<String>,
) -> Result<Option<Arc<InvoiceDraft>>, BillingError> {
    guard_as(|| {
        let eur_rate = eur_rate
            .as_deref()
            .map(|rate| parse_decimal("eur_rate", rate))
            .transpose()?;
        let draft = envoi::billing::block_plan_run(
            &account.lock(),
            &subscription.inner,
            period_index,
            previous_usage,
            eur_rate,
        )?;
        Ok(draft.map(InvoiceDraft::wrap))
    })
}
