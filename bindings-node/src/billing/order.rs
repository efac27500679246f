//! `billing.placeOrder` and `billing.PackOrder`: the Node face of `envoi::billing::place_order`
//! and `PackOrder` (an order of credit packs with its frozen price, payment, VAT treatment and
//! state).

use envoi::billing::{self as core_billing, OrderState, PaymentMethod};
use envoi::credits::Outcome;
use envoi::ids::OrderId;
use envoi::time::Instant;
use envoi::vat::RateTable;
use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;

use super::book::{InvoiceDraft, IssuedInvoice};
use super::prices::PriceList;
use crate::account::Account;
use crate::args::{
    bool_value, count_arg, decimal_arg, instance_arg, number_value, option_field, record_arg,
    required_field, string_arg,
};
use crate::credits::{Ledger, Money, Order, money_to_js};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::time::{format_in, instant_arg};
use crate::vat::{Treatment, online_check_arg};

/// Options of {@link placeOrder}. `null` is the same as absent; an unknown name throws
/// `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct OrderOptions {
    /// The order's id (the ledger's key and the invoice's order reference).
    pub order_id: String,
    /// `'card'` (paid at once) or `'bank_transfer'` (pending until {@link PackOrder.recordPayment}).
    #[napi(ts_type = "'card' | 'bank_transfer'")]
    pub payment: String,
    /// When the order is placed (a `Date` or an ISO 8601 string with an offset).
    #[napi(ts_type = "Date | string")]
    pub at: String,
    /// Whether the customer asks for the VAT exemption (reverse charge) with this order; default
    /// `false`.
    #[napi(ts_type = "boolean | null")]
    pub exemption_requested: Option<bool>,
    /// The online check's (VIES) answer obtained now, as `vat.treatment` takes it; absent when it
    /// was unavailable or not made.
    #[napi(ts_type = "boolean | vat.OnlineCheck | null")]
    pub online_check: Option<bool>,
    /// The seller's cross-border EU B2C sales of electronic services, this year (this order
    /// included) and last year, in EUR, decimal strings; default zero.
    #[napi(
        js_name = "b2cTotals",
        ts_type = "{ currentYear: string, previousYear: string } | null"
    )]
    pub b2c_totals: Option<String>,
    /// EUR per unit of the pack's currency (a decimal string), for a pack priced in another
    /// currency than EUR.
    #[napi(ts_type = "string | null")]
    pub eur_rate: Option<String>,
}

const ORDER_OPTIONS: [&str; 7] = [
    "orderId",
    "payment",
    "at",
    "exemptionRequested",
    "onlineCheck",
    "b2cTotals",
    "eurRate",
];

/// The pack an order froze: its id, credit kind, units and unit price at the order's day.
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct OrderedPack {
    /// The pack's id in the catalogue (`'sms-1000'`).
    pub id: String,
    /// The credit kind of its units (`'sms'`…).
    pub kind: String,
    /// The units of one pack.
    pub units: f64,
    /// The price of one pack, without VAT.
    pub unit_price: Money,
}

/// Where an order stands: `state` and, by state, when it was paid (`paidAt`), reversed or
/// cancelled (`at`) and why (`reason`); the fields a state does not have are `null`.
#[napi(
    object,
    object_from_js = false,
    namespace = "billing",
    use_nullable = true
)]
pub struct OrderStatus {
    /// `'pending_payment'`, `'paid'`, `'reversed'` or `'cancelled'`.
    #[napi(ts_type = "'pending_payment' | 'paid' | 'reversed' | 'cancelled'")]
    pub state: String,
    /// When it was paid (paid, reversed).
    pub paid_at: Option<String>,
    /// When it was reversed or cancelled.
    pub at: Option<String>,
    /// Why it was reversed or cancelled.
    pub reason: Option<String>,
}

/// A payment method argument (`'card'`, `'bank_transfer'`).
fn payment_arg(name: &str, value: &Unknown<'_>) -> Result<PaymentMethod, JsError> {
    let text = string_arg(name, value)?;
    PaymentMethod::ALL
        .into_iter()
        .find(|method| method.code() == text)
        .ok_or_else(|| {
            invalid_arg(format!(
                "{name}: unknown value {:?}; expected one of 'card', 'bank_transfer'",
                text.chars().take(40).collect::<String>()
            ))
        })
}

/// A whole number of packs (1 to 4,294,967,295; the core refuses 0).
fn quantity_arg(value: f64) -> Result<u32, JsError> {
    u32::try_from(count_arg("quantity", value)?)
        .map_err(|_| invalid_arg(format!("quantity: {value} is above 4,294,967,295")))
}

/// The B2C totals `{ currentYear, previousYear }` (decimal strings).
pub fn b2c_totals_arg(
    env: Env,
    value: &Unknown<'_>,
) -> Result<(rust_decimal::Decimal, rust_decimal::Decimal), JsError> {
    let object = record_arg(
        "b2cTotals",
        value,
        &["currentYear", "previousYear"],
        "{ currentYear: '1200.00', previousYear: '800.00' }",
    )?;
    let current = required_field(&object, "b2cTotals", "currentYear")?;
    let previous = required_field(&object, "b2cTotals", "previousYear")?;
    Ok((
        decimal_arg(env, "b2cTotals.currentYear", &current)?,
        decimal_arg(env, "b2cTotals.previousYear", &previous)?,
    ))
}

/// The optional boolean field `name` of `object`, default `false`.
pub fn flag_field(object: &Object<'_>, name: &str) -> Result<bool, JsError> {
    option_field(object, name)?
        .map(|value| bool_value(name, &value))
        .transpose()
        .map(Option::unwrap_or_default)
}

/// Places an order of `quantity` packs `packId` for `account` at the prices of `priceList`
/// ({@link OrderOptions}: `orderId`, `payment`, `at`, and the VAT facts): the pack valid on the
/// order's day in the account's zone, and the VAT treatment decided now with the built-in rate
/// table (the exemption only at order time). A card order is paid at once, a bank transfer
/// waits for {@link PackOrder.recordPayment}.
///
/// Throws `billing.no_price` (no such pack that day), `billing.vat_pending_verification`
/// (`subject`, `vatNumber`: the exemption asked for while the online check was unavailable),
/// `billing.invalid_argument` (`field`, `value`, `rule`: a quantity of 0, a missing exchange rate
/// to EUR…), `billing.missing_exchange_rate` and the `vat.…` and `account.…` errors with their
/// codes; `InvalidArg` for a wrong type or an unknown option.
///
/// ```js
/// const order = billing.placeOrder(customer, prices, 'sms-1000', 1, {
///   orderId: 'o-1', payment: 'bank_transfer', at: '2026-03-02T10:00:00Z',
/// })
/// order.state                     // 'pending_payment'
/// order.recordPayment('2026-03-05T08:00:00Z').state  // 'paid'
/// ```
#[napi(
    namespace = "billing",
    ts_args_type = "account: account.Account, priceList: PriceList, packId: string, quantity: number, options: OrderOptions"
)]
pub fn place_order(
    env: Env,
    account: Unknown<'_>,
    price_list: Unknown<'_>,
    pack_id: String,
    quantity: f64,
    options: Unknown<'_>,
) -> napi::Result<PackOrder, Code> {
    guard(|| {
        let account = instance_arg::<Account>("account", &account, "an account.Account")?;
        let prices = instance_arg::<PriceList>("priceList", &price_list, "a billing.PriceList")?;
        let quantity = quantity_arg(quantity)?;
        let object = record_arg(
            "options",
            &options,
            &ORDER_OPTIONS,
            "{ orderId: 'o-1', payment: 'card', at: new Date() }",
        )?;
        let order_id = string_arg("orderId", &required_field(&object, "options", "orderId")?)?;
        let order_id = OrderId::new(order_id).map_err(|error| envoi_error(env, error))?;
        let payment = payment_arg("payment", &required_field(&object, "options", "payment")?)?;
        let at = instant_arg("at", &required_field(&object, "options", "at")?)?;
        let mut request = core_billing::OrderRequest::new(order_id, pack_id, quantity, payment, at);
        if flag_field(&object, "exemptionRequested")? {
            request = request.with_exemption_requested();
        }
        if let Some(check) = option_field(&object, "onlineCheck")? {
            request = request.with_online_check(online_check_arg("onlineCheck", &check)?);
        }
        if let Some(totals) = option_field(&object, "b2cTotals")? {
            let (current, previous) = b2c_totals_arg(env, &totals)?;
            request = request.with_b2c_totals(current, previous);
        }
        if let Some(rate) = option_field(&object, "eurRate")? {
            request = request.with_eur_rate(decimal_arg(env, "eurRate", &rate)?);
        }
        core_billing::place_order(
            &account.inner,
            &prices.inner,
            &request,
            RateTable::builtin(),
        )
        .map(|inner| PackOrder { inner })
        .map_err(|error| envoi_error(env, error))
    })
}

/// An order of credit packs (Clicplanning): the pack and its price frozen at the order's day,
/// the quantity, the payment method, the VAT treatment decided when it was placed (with its
/// evidence), and where it stands. Instants are RFC 3339 strings in the account's zone.
///
/// ```js
/// order.recordPayment('2026-03-05T08:00:00Z')
/// order.apply(ledger)                     // the purchase, active: the units are available
/// order.activateAccount(customer)         // true: the account was waiting for its payment
/// const { invoice } = book.issue(order.invoiceDraft(customer))
/// invoice.number.toString()               // '2026-F-000001'
/// ```
#[napi(namespace = "billing")]
pub struct PackOrder {
    pub(super) inner: core_billing::PackOrder,
}

impl PackOrder {
    fn format(&self, at: Instant) -> String {
        format_in(self.inner.zone(), at)
    }

    fn status_of(&self) -> OrderStatus {
        let state = self.inner.state();
        let (paid_at, at, reason) = match state {
            OrderState::PendingPayment => (None, None, None),
            OrderState::Paid { at } => (Some(*at), None, None),
            OrderState::Reversed {
                paid_at,
                at,
                reason,
            } => (Some(*paid_at), Some(*at), Some(reason.clone())),
            OrderState::Cancelled { at, reason } => (None, Some(*at), Some(reason.clone())),
            // `OrderState` may grow: its code still tells where the order stands.
            #[allow(unreachable_patterns, reason = "the core's enum may grow")]
            _ => (None, None, None),
        };
        OrderStatus {
            state: state.code().to_owned(),
            paid_at: paid_at.map(|at| self.format(at)),
            at: at.map(|at| self.format(at)),
            reason,
        }
    }

    fn account_arg<'a>(value: &Unknown<'_>) -> Result<&'a Account, JsError> {
        instance_arg::<Account>("account", value, "an account.Account")
    }
}

#[napi(namespace = "billing")]
impl PackOrder {
    /// Reads an order from its JSON form ({@link PackOrder.toJson}). Throws
    /// `billing.invalid_record` (`what`, `field`, `value`, `rule`) for text that is not one.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<PackOrder, Code> {
        guard(|| {
            core_billing::PackOrder::from_json(&json)
                .map(|inner| PackOrder { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The core's JSON form, to store the order.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// Whether `other` is the same order (state and treatment included). `InvalidArg` when
    /// `other` is not a `PackOrder`.
    #[napi(strict)]
    pub fn equals(&self, other: &PackOrder) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// The order's id.
    #[napi(getter)]
    pub fn id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.id().as_str().to_owned()))
    }

    /// The id of the account that placed it.
    #[napi(getter)]
    pub fn account(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.account().as_str().to_owned()))
    }

    /// The pack, frozen at the order's day.
    #[napi(getter)]
    pub fn pack(&self) -> napi::Result<OrderedPack, Code> {
        guard(|| {
            let pack = self.inner.pack();
            Ok(OrderedPack {
                id: pack.id.clone(),
                kind: pack.kind.to_string(),
                units: crate::credits::number(pack.units),
                unit_price: money_to_js(pack.unit_price),
            })
        })
    }

    /// How many packs.
    #[napi(getter)]
    pub fn quantity(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.quantity()))
    }

    /// The units ordered (the pack's units × the quantity).
    #[napi(getter)]
    pub fn units(&self) -> napi::Result<f64, Code> {
        guard(|| Ok(crate::credits::number(self.inner.units())))
    }

    /// `'card'` or `'bank_transfer'`.
    #[napi(getter, ts_return_type = "'card' | 'bank_transfer'")]
    pub fn payment(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.payment().code().to_owned()))
    }

    /// When it was placed.
    #[napi(getter)]
    pub fn placed_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.format(self.inner.placed_at())))
    }

    /// The IANA name of the account's zone when it was placed.
    #[napi(getter)]
    pub fn tz(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.zone().name().to_owned()))
    }

    /// The VAT treatment decided when it was placed, with its evidence.
    #[napi(getter, ts_return_type = "vat.Treatment")]
    pub fn treatment(&self) -> napi::Result<Treatment, Code> {
        guard(|| {
            Ok(Treatment {
                inner: self.inner.treatment().clone(),
            })
        })
    }

    /// `'pending_payment'`, `'paid'`, `'reversed'` or `'cancelled'` ({@link PackOrder.status}
    /// has the instants and the reason).
    #[napi(
        getter,
        ts_return_type = "'pending_payment' | 'paid' | 'reversed' | 'cancelled'"
    )]
    pub fn state(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.state().code().to_owned()))
    }

    /// Where it stands, with when and why.
    #[napi(getter)]
    pub fn status(&self) -> napi::Result<OrderStatus, Code> {
        guard(|| Ok(self.status_of()))
    }

    /// Records the bank transfer that pays a pending order, at `at`; a replay on a paid order
    /// changes nothing. Returns the new status. Throws `billing.order_state` (`orderId`,
    /// `action`, `state`, `rule`) for an order that cannot be paid (cancelled, reversed).
    #[napi(ts_args_type = "at: Date | string")]
    pub fn record_payment(&mut self, env: Env, at: Unknown<'_>) -> napi::Result<OrderStatus, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            self.inner
                .record_payment(at)
                .map_err(|error| envoi_error(env, error))?;
            Ok(self.status_of())
        })
    }

    /// Cancels a pending order at `at`, for `reason`. Throws `billing.order_state` for a paid
    /// order (reverse it).
    #[napi(ts_args_type = "at: Date | string, reason: string")]
    pub fn cancel(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        reason: String,
    ) -> napi::Result<OrderStatus, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            self.inner
                .cancel(at, &reason)
                .map_err(|error| envoi_error(env, error))?;
            Ok(self.status_of())
        })
    }

    /// Reverses the payment of a paid order at `at` (a chargeback, a refund), for `reason`:
    /// {@link PackOrder.apply} then voids its units and {@link PackOrder.creditNoteDraft} credits
    /// its invoice. Throws `billing.order_state` for an order that was not paid.
    #[napi(ts_args_type = "at: Date | string, reason: string")]
    pub fn reverse(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        reason: String,
    ) -> napi::Result<OrderStatus, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            self.inner
                .reverse(at, &reason)
                .map_err(|error| envoi_error(env, error))?;
            Ok(self.status_of())
        })
    }

    /// Replays the order into the credit `ledger` (a `Ledger`): the purchase, its
    /// activation once paid, its void once reversed, idempotent by the order id. Returns the
    /// ledger's order; `replayed` is `true` when nothing was written. Throws the `credits.…`
    /// errors with their codes; `InvalidArg` when `ledger` is not a `Ledger`.
    #[napi(ts_args_type = "ledger: Ledger", ts_return_type = "Order")]
    pub fn apply(&self, env: Env, ledger: Unknown<'_>) -> napi::Result<Order, Code> {
        guard(|| {
            let ledger = crate::args::instance_mut_arg::<Ledger>("ledger", &ledger, "a Ledger")?;
            let before = ledger.inner.entries().len();
            let value = self
                .inner
                .apply(&mut ledger.inner)
                .map_err(|error| envoi_error(env, error))?;
            let replayed = ledger.inner.entries().len() == before;
            Ok(ledger.order(Outcome { value, replayed }))
        })
    }

    /// Activates `account` (an `account.Account` waiting for its first payment) when this order
    /// of it is paid: `true` when it changed the account, `false` when there was nothing to do.
    /// Throws `billing.order_not_paid`, `billing.invalid_argument` (the order of another account)
    /// and the `account.…` errors.
    #[napi(ts_args_type = "account: account.Account")]
    pub fn activate_account(&self, env: Env, account: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let account = crate::args::instance_mut_arg::<Account>(
                "account",
                &account,
                "an account.Account",
            )?;
            self.inner
                .activate_account(&mut account.inner)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Asks for the VAT exemption after the order: returns the order's treatment when it is
    /// already exempt, else throws `billing.exemption_after_order` (`orderId`, `treatment`): the
    /// exemption is decided at order time only.
    #[napi(ts_return_type = "vat.Treatment")]
    pub fn request_exemption(&self, env: Env) -> napi::Result<Treatment, Code> {
        guard(|| {
            self.inner
                .request_exemption()
                .map(|treatment| Treatment {
                    inner: treatment.clone(),
                })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The invoice draft of this paid order for `account` (its buyer, language and zone), to
    /// issue with {@link InvoiceBook.issue}. Throws `billing.order_not_paid` (`orderId`, `state`)
    /// for an order waiting for its transfer or cancelled, `billing.invalid_argument` for another
    /// account.
    #[napi(ts_args_type = "account: account.Account")]
    pub fn invoice_draft(
        &self,
        env: Env,
        account: Unknown<'_>,
    ) -> napi::Result<InvoiceDraft, Code> {
        guard(|| {
            let account = Self::account_arg(&account)?;
            self.inner
                .invoice_draft(&account.inner)
                .map(|inner| InvoiceDraft { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The credit note draft of this reversed order, crediting `invoice` (the
    /// {@link IssuedInvoice} of its invoice draft). Throws `billing.order_state` for an order
    /// that is not reversed, `billing.invalid_argument` for another account or invoice.
    #[napi(ts_args_type = "account: account.Account, invoice: IssuedInvoice")]
    pub fn credit_note_draft(
        &self,
        env: Env,
        account: Unknown<'_>,
        invoice: Unknown<'_>,
    ) -> napi::Result<InvoiceDraft, Code> {
        guard(|| {
            let account = Self::account_arg(&account)?;
            let invoice =
                instance_arg::<IssuedInvoice>("invoice", &invoice, "a billing.IssuedInvoice")?;
            self.inner
                .credit_note_draft(&account.inner, &invoice.inner)
                .map(|inner| InvoiceDraft { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }
}

/// A whole number argument of a JS number value, for the runs.
pub fn whole_arg(name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    count_arg(name, number_value(name, value)?)
}
