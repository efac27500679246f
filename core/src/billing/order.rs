//! Orders of credit packs (Clicplanning): the pack, its VAT treatment and evidence frozen at
//! order time, the payment, the ledger and the invoices of the order.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::{Account, AccountState};
use crate::credits::{self, CreditKind, Ledger, MAX_UNITS};
use crate::ids::{AccountId, OrderId};
use crate::invoice::{DocumentKind, Invoice};
use crate::money::Money;
use crate::time::{Instant, Zone};
use crate::vat::{
    OnlineCheck, RateTable, ServiceKind, Treatment, TreatmentKind, VatError, treatment,
};

use super::book::IssuedInvoice;
use super::error::BillingError;
use super::invoicing::{Heading, InvoiceDraft, line, require_decided};
use super::prices::PriceList;
use super::texts;

/// How an order is paid: by card (paid at once) or by bank transfer (pending until the host
/// reports the payment).
///
/// ```
/// use envoi::billing::PaymentMethod;
/// assert_eq!("bank_transfer".parse::<PaymentMethod>()?, PaymentMethod::BankTransfer);
/// assert_eq!(PaymentMethod::Card.code(), "card");
/// assert_eq!(serde_json::to_string(&PaymentMethod::BankTransfer).unwrap(), "\"bank_transfer\"");
/// assert!("cash".parse::<PaymentMethod>().is_err());
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// By card: paid when ordered.
    Card,
    /// By bank transfer: pending until the payment arrives.
    BankTransfer,
}

impl PaymentMethod {
    /// Both methods.
    ///
    /// ```
    /// assert_eq!(envoi::billing::PaymentMethod::ALL.len(), 2);
    /// ```
    pub const ALL: [PaymentMethod; 2] = [PaymentMethod::Card, PaymentMethod::BankTransfer];

    /// The name in JSON and in the bindings: `card`, `bank_transfer`.
    ///
    /// ```
    /// assert_eq!(envoi::billing::PaymentMethod::BankTransfer.code(), "bank_transfer");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Card => "card",
            PaymentMethod::BankTransfer => "bank_transfer",
        }
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for PaymentMethod {
    type Err = BillingError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        PaymentMethod::ALL
            .into_iter()
            .find(|method| method.code() == text)
            .ok_or_else(|| BillingError::InvalidArgument {
                field: "payment",
                value: format!("{:?}", text.chars().take(40).collect::<String>()),
                rule: "is not a payment method; methods are card and bank_transfer".into(),
            })
    }
}

/// What a customer orders: a pack of the price list, a quantity, a payment method, the instant,
/// and for the VAT: whether the exemption is asked for (only now, SPEC section 7), the answer of
/// the online check (VIES) the host obtained **now, for this order**, and the seller's
/// cross-border B2C totals.
///
/// ```
/// use envoi::billing::{OrderRequest, PaymentMethod};
/// use envoi::ids::OrderId;
/// use envoi::vat::OnlineCheck;
///
/// let answer = OnlineCheck { valid: true, request_id: Some("WAPIAAAAW1Fz5rY0".into()), checked_at: None };
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::BankTransfer, "2026-03-02T10:00:00Z".parse()?)
///     .with_exemption_requested()
///     .with_online_check(answer);
/// assert!(request.exemption_requested && request.online_check.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRequest {
    /// The order's id (the ledger's key and the invoice's order reference).
    pub order_id: OrderId,
    /// The pack's id in the price list.
    pub pack_id: String,
    /// How many packs (1 or more).
    pub quantity: u32,
    /// Card or bank transfer.
    pub payment: PaymentMethod,
    /// When the order is placed.
    pub at: Instant,
    /// Whether the customer asks for the VAT exemption (reverse charge) with this order.
    pub exemption_requested: bool,
    /// The online check's answer obtained now; `None` when it was unavailable or not made.
    pub online_check: Option<OnlineCheck>,
    /// The seller's cross-border EU B2C sales of electronic services this year, including this
    /// order, in EUR.
    pub b2c_current_year: Decimal,
    /// The same total for last year, in EUR.
    pub b2c_previous_year: Decimal,
    /// EUR per unit of the pack's currency, for a pack priced in another currency than EUR.
    pub eur_rate: Option<Decimal>,
}

impl OrderRequest {
    /// An order of `quantity` packs `pack_id`, paid by `payment`, placed at `at`; no exemption, no
    /// online check, B2C totals of zero.
    ///
    /// ```
    /// # use envoi::billing::{OrderRequest, PaymentMethod};
    /// let request = OrderRequest::new(envoi::ids::OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// assert!(!request.exemption_requested);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        order_id: OrderId,
        pack_id: impl Into<String>,
        quantity: u32,
        payment: PaymentMethod,
        at: Instant,
    ) -> OrderRequest {
        OrderRequest {
            order_id,
            pack_id: pack_id.into(),
            quantity,
            payment,
            at,
            exemption_requested: false,
            online_check: None,
            b2c_current_year: Decimal::ZERO,
            b2c_previous_year: Decimal::ZERO,
            eur_rate: None,
        }
    }

    /// The customer asks for the VAT exemption with this order.
    ///
    /// ```
    /// # use envoi::billing::{OrderRequest, PaymentMethod};
    /// let request = OrderRequest::new(envoi::ids::OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?)
    ///     .with_exemption_requested();
    /// assert!(request.exemption_requested);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_exemption_requested(self) -> OrderRequest {
        OrderRequest {
            exemption_requested: true,
            ..self
        }
    }

    /// The online check's (VIES) answer for the account's VAT number, obtained now for this order.
    ///
    /// ```
    /// # use envoi::billing::{OrderRequest, PaymentMethod};
    /// use envoi::vat::OnlineCheck;
    /// let request = OrderRequest::new(envoi::ids::OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?)
    ///     .with_online_check(OnlineCheck { valid: false, request_id: None, checked_at: None });
    /// assert_eq!(request.online_check.map(|c| c.valid), Some(false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_online_check(self, answer: OnlineCheck) -> OrderRequest {
        OrderRequest {
            online_check: Some(answer),
            ..self
        }
    }

    /// The seller's cross-border EU B2C sales of electronic services this year (including this
    /// order) and last year, in EUR: above EUR 10,000 an EU consumer pays its own country's VAT.
    ///
    /// ```
    /// # use envoi::billing::{OrderRequest, PaymentMethod};
    /// use rust_decimal::Decimal;
    /// let request = OrderRequest::new(envoi::ids::OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?)
    ///     .with_b2c_totals(Decimal::from(12_000), Decimal::from(9_000));
    /// assert_eq!(request.b2c_current_year, Decimal::from(12_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_b2c_totals(self, current_year: Decimal, previous_year: Decimal) -> OrderRequest {
        OrderRequest {
            b2c_current_year: current_year,
            b2c_previous_year: previous_year,
            ..self
        }
    }

    /// The exchange rate (EUR per unit of the pack's currency) for a pack priced in another
    /// currency than EUR: its invoice states the VAT in EUR at this rate.
    ///
    /// ```
    /// # use envoi::billing::{OrderRequest, PaymentMethod};
    /// use rust_decimal::Decimal;
    /// let request = OrderRequest::new(envoi::ids::OrderId::new("o-1")?, "sms-usd", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?)
    ///     .with_eur_rate(Decimal::new(92, 2));
    /// assert_eq!(request.eur_rate, Some(Decimal::new(92, 2)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_eur_rate(self, eur_rate: Decimal) -> OrderRequest {
        OrderRequest {
            eur_rate: Some(eur_rate),
            ..self
        }
    }
}

/// The pack as it was sold: id, credit kind, units and price of one pack, frozen in the order.
///
/// ```
/// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
/// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
/// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
/// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 3, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?);
/// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
/// assert_eq!(order.pack().units, 1000);
/// assert_eq!(order.pack().unit_price.to_string(), "75.00 EUR");
/// assert_eq!(order.units(), 3000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderedPack {
    /// The pack's id in the price list.
    pub id: String,
    /// The credit kind of its units.
    pub kind: CreditKind,
    /// The units of one pack.
    pub units: u64,
    /// The price of one pack, without VAT, valid on the order's day.
    pub unit_price: Money,
}

/// Where an order stands.
///
/// ```text
/// pending_payment ──► paid ──► reversed
///        └──────────► cancelled
/// ```
///
/// A card order is paid when placed; a bank-transfer order waits for its payment. A reversed
/// order keeps the instant it was paid (its invoice and the ledger's activation stay).
///
/// ```
/// use envoi::billing::OrderState;
/// let paid = OrderState::Paid { at: "2026-03-04T10:00:00Z".parse().unwrap() };
/// assert_eq!(paid.code(), "paid");
/// assert_eq!(serde_json::to_string(&paid).unwrap(), r#"{"state":"paid","at":"2026-03-04T10:00:00Z"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum OrderState {
    /// Waiting for the bank transfer.
    PendingPayment,
    /// Paid at `at`.
    Paid {
        /// When the payment arrived (the placing instant for a card).
        at: Instant,
    },
    /// Paid, then the payment was reversed (a chargeback, a refund).
    Reversed {
        /// When it had been paid.
        paid_at: Instant,
        /// When the payment was reversed.
        at: Instant,
        /// Why.
        reason: String,
    },
    /// Cancelled before it was paid.
    Cancelled {
        /// When.
        at: Instant,
        /// Why.
        reason: String,
    },
}

impl OrderState {
    /// `pending_payment`, `paid`, `reversed` or `cancelled`.
    ///
    /// ```
    /// assert_eq!(envoi::billing::OrderState::PendingPayment.code(), "pending_payment");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            OrderState::PendingPayment => "pending_payment",
            OrderState::Paid { .. } => "paid",
            OrderState::Reversed { .. } => "reversed",
            OrderState::Cancelled { .. } => "cancelled",
        }
    }

    /// When the order was paid, if it was (also when reversed since).
    ///
    /// ```
    /// use envoi::billing::OrderState;
    /// assert_eq!(OrderState::PendingPayment.paid_at(), None);
    /// ```
    pub fn paid_at(&self) -> Option<Instant> {
        match self {
            OrderState::Paid { at } => Some(*at),
            OrderState::Reversed { paid_at, .. } => Some(*paid_at),
            OrderState::PendingPayment | OrderState::Cancelled { .. } => None,
        }
    }
}

/// An order of credit packs, as placed by [`place_order`]: the pack, quantity, payment method,
/// instant, account zone and VAT treatment (with its evidence) are frozen; only the state moves
/// ([`record_payment`](Self::record_payment), [`cancel`](Self::cancel),
/// [`reverse`](Self::reverse)).
///
/// The host stores it as JSON ([`to_json`](Self::to_json)); [`from_json`](Self::from_json) checks
/// every rule again. It replays into the account's credit [`Ledger`] with
/// [`apply`](Self::apply), activates a waiting account with
/// [`activate_account`](Self::activate_account), and gives its invoice once paid
/// ([`invoice_draft`](Self::invoice_draft)) and its credit note once reversed
/// ([`credit_note_draft`](Self::credit_note_draft)).
///
/// ```
/// use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
/// use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
/// use envoi::credits::{CreditKind, Ledger};
/// use envoi::vat::{CustomerKind, RateTable};
///
/// let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
///     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// let mut account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
///     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::BankTransfer, "2026-03-02T10:00:00Z".parse()?);
/// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
/// let mut ledger = Ledger::new(account.zone());
/// order.apply(&mut ledger)?; // pending: adds nothing yet
/// assert_eq!(order.invoice_draft(&account).unwrap_err().to_string().contains("pending_payment"), true);
///
/// order.record_payment("2026-03-05T08:00:00Z".parse()?)?;
/// order.apply(&mut ledger)?;
/// order.activate_account(&mut account)?;
/// assert!(account.may_send("2026-03-05T09:00:00Z".parse()?));
/// assert_eq!(ledger.balance(&CreditKind::sms(), "2026-03-05T09:00:00Z".parse()?).available, 1000);
/// assert_eq!(envoi::billing::PackOrder::from_json(&order.to_json())?, order);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackOrder {
    id: OrderId,
    account: AccountId,
    pack: OrderedPack,
    quantity: u32,
    payment: PaymentMethod,
    placed_at: Instant,
    zone: Zone,
    treatment: Treatment,
    eur_rate: Option<Decimal>,
    state: OrderState,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackOrderData {
    id: OrderId,
    account: AccountId,
    pack: OrderedPack,
    quantity: u32,
    payment: PaymentMethod,
    placed_at: Instant,
    zone: Zone,
    treatment: Treatment,
    #[serde(default)]
    eur_rate: Option<Decimal>,
    state: OrderState,
}

fn invalid_record(
    field: &'static str,
    value: impl fmt::Display,
    rule: impl Into<String>,
) -> BillingError {
    BillingError::InvalidRecord {
        what: "order",
        field,
        value: value.to_string().chars().take(80).collect(),
        rule: rule.into().into(),
    }
}

/// Checks what [`place_order`] and the state changes guarantee, on an order read back.
fn check_stored(data: PackOrderData) -> Result<PackOrder, BillingError> {
    if data.quantity == 0 {
        return Err(invalid_record(
            "quantity",
            0,
            "is no pack; an order has 1 pack or more",
        ));
    }
    if data.pack.units == 0 || total_units(data.pack.units, data.quantity).is_none() {
        return Err(invalid_record(
            "pack.units",
            data.pack.units,
            format!(
                "times the quantity {} is not 1 to {MAX_UNITS} units",
                data.quantity
            ),
        ));
    }
    if data.pack.unit_price.amount().is_sign_negative() && !data.pack.unit_price.is_zero() {
        return Err(invalid_record(
            "pack.unit_price",
            data.pack.unit_price,
            "is negative; a price is positive or zero",
        ));
    }
    check_treatment(&data.treatment)?;
    let after = |field: &'static str, at: Instant, earlier: Instant, what: &str| {
        if at < earlier {
            Err(invalid_record(
                field,
                at.to_rfc3339(),
                format!("is before {what} ({})", earlier.to_rfc3339()),
            ))
        } else {
            Ok(())
        }
    };
    match &data.state {
        OrderState::PendingPayment if data.payment == PaymentMethod::Card => {
            return Err(invalid_record(
                "state",
                "pending_payment",
                "is not a state of a card order; a card order is paid when placed",
            ));
        }
        OrderState::Paid { at } | OrderState::Reversed { paid_at: at, .. }
            if data.payment == PaymentMethod::Card && *at != data.placed_at =>
        {
            return Err(invalid_record(
                "state.at",
                at.to_rfc3339(),
                "differs from placed_at; a card order is paid when placed",
            ));
        }
        OrderState::Paid { at } => after("state.at", *at, data.placed_at, "placed_at")?,
        OrderState::Reversed {
            paid_at,
            at,
            reason,
        } => {
            after("state.paid_at", *paid_at, data.placed_at, "placed_at")?;
            after("state.at", *at, *paid_at, "paid_at")?;
            check_reason("state.reason", reason)?;
        }
        OrderState::Cancelled { at, reason } => {
            if data.payment == PaymentMethod::Card {
                return Err(invalid_record(
                    "state",
                    "cancelled",
                    "is not a state of a card order; a card order is paid when placed, so it is reversed, not cancelled",
                ));
            }
            after("state.at", *at, data.placed_at, "placed_at")?;
            check_reason("state.reason", reason)?;
        }
        OrderState::PendingPayment => {}
    }
    Ok(PackOrder {
        id: data.id,
        account: data.account,
        pack: data.pack,
        quantity: data.quantity,
        payment: data.payment,
        placed_at: data.placed_at,
        zone: data.zone,
        treatment: data.treatment,
        eur_rate: data.eur_rate,
        state: data.state,
    })
}

/// An order holds a decided treatment whose parts agree with its kind.
fn check_treatment(treatment: &Treatment) -> Result<(), BillingError> {
    let consistent = match treatment.kind() {
        TreatmentKind::Charge => {
            treatment
                .rate()
                .is_some_and(|rate| rate > Decimal::ZERO && rate <= Decimal::ONE_HUNDRED)
                && treatment.vat_country().is_some()
                && treatment.mention().is_none()
        }
        TreatmentKind::ReverseCharge => {
            treatment.rate() == Some(Decimal::ZERO) && treatment.mention().is_some()
        }
        TreatmentKind::OutOfScope => {
            treatment.rate() == Some(Decimal::ZERO) && treatment.mention().is_some()
        }
        TreatmentKind::PendingVerification => false,
    };
    if consistent {
        Ok(())
    } else {
        Err(invalid_record(
            "treatment",
            treatment,
            "is not a treatment an order is placed with; an order holds a decided treatment (charge with a rate, reverse charge or out of scope at 0% with their mention)",
        ))
    }
}

fn check_reason(field: &'static str, reason: &str) -> Result<(), BillingError> {
    if reason.trim().is_empty() {
        return Err(invalid_record(
            field,
            format!("{reason:?}"),
            "is blank; a cancellation or a reversal says why",
        ));
    }
    Ok(())
}

fn total_units(units: u64, quantity: u32) -> Option<u64> {
    units
        .checked_mul(u64::from(quantity))
        .filter(|total| (1..=MAX_UNITS).contains(total))
}

impl<'de> Deserialize<'de> for PackOrder {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let data = PackOrderData::deserialize(deserializer)?;
        check_stored(data).map_err(serde::de::Error::custom)
    }
}

/// Places an order: the pack valid on the order's day **in the account's zone** at its price,
/// the quantity, and the VAT treatment decided now (SPEC section 7) from the account's country,
/// kind and VAT number, the online check made for this order, the exemption request and the B2C
/// totals. A card order is paid at once; a bank-transfer order waits for its payment.
///
/// # Errors
/// [`BillingError::NoPrice`] when the pack is not on sale that day;
/// [`BillingError::InvalidArgument`] for a quantity of 0 or more units than
/// [`credits::MAX_UNITS`]; [`BillingError::VatPendingVerification`] when the exemption was asked
/// for but the online check was unavailable; [`BillingError::Vat`] when the VAT rules refuse (no
/// rate that day).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::billing::{place_order, OrderRequest, OrderState, PaymentMethod, PriceList};
/// use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
/// use envoi::vat::{CustomerKind, RateTable, TreatmentKind};
///
/// let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
///     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// let account = Account::new(AccountId::new("acc_nl")?, Language::Nl, CustomerKind::Business, "NL",
///     Party::new("Bakkerij BV", "NL")?, "2026-03-02T09:00:00Z".parse()?)?
///     .with_vat_number("NL004495445B01", None)?;
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
/// // Without the exemption, a Dutch business is treated as a consumer: Belgian VAT.
/// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
/// assert_eq!(order.treatment().kind(), TreatmentKind::Charge);
/// assert!(matches!(order.state(), OrderState::Paid { .. }));
/// // With the exemption but no online check: refused, never a silent reverse charge.
/// let error = place_order(&account, &prices, &request.clone().with_exemption_requested(), RateTable::builtin()).unwrap_err();
/// assert_eq!(error.code(), "billing.vat_pending_verification");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn place_order(
    account: &Account,
    prices: &PriceList,
    request: &OrderRequest,
    rates: &RateTable,
) -> Result<PackOrder, BillingError> {
    let zone = account.zone();
    let day = zone.localize(request.at).date_naive();
    let pack = prices.pack(&request.pack_id, day)?;
    if request.quantity == 0 {
        return Err(BillingError::InvalidArgument {
            field: "quantity",
            value: "0".to_owned(),
            rule: "is no pack; an order has 1 pack or more".into(),
        });
    }
    if total_units(pack.units, request.quantity).is_none() {
        return Err(BillingError::InvalidArgument {
            field: "quantity",
            value: request.quantity.to_string(),
            rule: format!(
                "packs of {} units make more than {MAX_UNITS} units, the most one order holds",
                pack.units
            )
            .into(),
        });
    }
    let decided = decide(
        account,
        ServiceKind::Electronic,
        day,
        VatAsk {
            online: request.online_check.clone(),
            exemption_requested: request.exemption_requested,
            b2c: (request.b2c_current_year, request.b2c_previous_year),
        },
        rates,
    )?;
    require_decided(&decided, &format!("order {}", request.order_id))?;
    Ok(PackOrder {
        id: request.order_id.clone(),
        account: account.id().clone(),
        pack: OrderedPack {
            id: pack.id.clone(),
            kind: pack.kind.clone(),
            units: pack.units,
            unit_price: pack.price,
        },
        quantity: request.quantity,
        payment: request.payment,
        placed_at: request.at,
        zone,
        treatment: decided,
        eur_rate: request.eur_rate,
        state: match request.payment {
            PaymentMethod::Card => OrderState::Paid { at: request.at },
            PaymentMethod::BankTransfer => OrderState::PendingPayment,
        },
    })
}

/// What the customer says about VAT at order (or subscription) time.
pub(super) struct VatAsk {
    pub(super) online: Option<OnlineCheck>,
    pub(super) exemption_requested: bool,
    pub(super) b2c: (Decimal, Decimal),
}

/// The treatment of a supply of `service` to `account` on `day`.
pub(super) fn decide(
    account: &Account,
    service: ServiceKind,
    day: NaiveDate,
    ask: VatAsk,
    rates: &RateTable,
) -> Result<Treatment, BillingError> {
    let request = account
        .treatment_request(service, day, ask.online, ask.exemption_requested)
        .with_b2c_totals(ask.b2c.0, ask.b2c.1);
    Ok(treatment(&request, rates)?)
}

impl PackOrder {
    /// Reads an order the host stored with [`to_json`](Self::to_json), checking every rule again
    /// (quantity, units, a decided treatment, the states a payment method allows, times in order).
    ///
    /// # Errors
    /// [`BillingError::InvalidRecord`] naming the field and the rule (`json` for text that is not
    /// an order).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// let error = envoi::billing::PackOrder::from_json("{}").unwrap_err();
    /// assert_eq!(error.code(), "billing.invalid_record");
    /// ```
    pub fn from_json(text: &str) -> Result<PackOrder, BillingError> {
        let data: PackOrderData = serde_json::from_str(text).map_err(|error| {
            invalid_record(
                "json",
                format_args!("line {} column {}", error.line(), error.column()),
                error.to_string(),
            )
        })?;
        check_stored(data)
    }

    /// The order as JSON, for the host to store.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList, PackOrder};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?);
    /// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// assert_eq!(PackOrder::from_json(&order.to_json())?, order);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The order's id.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.id().as_str(), "o-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &OrderId {
        &self.id
    }

    /// The account that ordered.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.account(), account.id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// The pack as sold.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.pack().id, "sms-1000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pack(&self) -> &OrderedPack {
        &self.pack
    }

    /// How many packs.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.quantity(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quantity(&self) -> u32 {
        self.quantity
    }

    /// The units bought: the pack's units × the quantity.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.units(), 2000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn units(&self) -> u64 {
        self.pack.units.saturating_mul(u64::from(self.quantity))
    }

    /// Card or bank transfer.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.payment(), PaymentMethod::Card);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn payment(&self) -> PaymentMethod {
        self.payment
    }

    /// When the order was placed.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.placed_at().to_rfc3339(), "2026-03-04T10:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn placed_at(&self) -> Instant {
        self.placed_at
    }

    /// The account's zone when it ordered: the days of the order's invoices are on its wall clock.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.zone().name(), "Europe/Brussels");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The VAT treatment decided at order time, with its evidence.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.treatment().to_string(), "charge BE 21% (belgian_customer)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn treatment(&self) -> &Treatment {
        &self.treatment
    }

    /// Where the order stands.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(order.state().code(), "paid");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state(&self) -> &OrderState {
        &self.state
    }

    fn state_error(&self, action: &'static str, rule: &'static str) -> BillingError {
        BillingError::OrderState {
            order_id: self.id.as_str().into(),
            action,
            state: self.state.code(),
            rule,
        }
    }

    fn not_before_placed(&self, at: Instant) -> Result<(), BillingError> {
        if at < self.placed_at {
            return Err(BillingError::InvalidArgument {
                field: "at",
                value: at.to_rfc3339(),
                rule: format!(
                    "is before the order {} was placed ({})",
                    self.id,
                    self.placed_at.to_rfc3339()
                )
                .into(),
            });
        }
        Ok(())
    }

    /// Records the payment that arrived at `at` (the host reports a bank transfer). Recording it
    /// again changes nothing (the first instant stays), and so does recording a card payment.
    ///
    /// # Errors
    /// [`BillingError::OrderState`] for a cancelled or reversed order;
    /// [`BillingError::InvalidArgument`] for a time before the order was placed.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, OrderState, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::BankTransfer, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// order.record_payment("2026-03-05T08:00:00Z".parse()?)?;
    /// order.record_payment("2026-03-06T08:00:00Z".parse()?)?; // a repeated report: no change
    /// assert_eq!(order.state(), &OrderState::Paid { at: "2026-03-05T08:00:00Z".parse()? });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn record_payment(&mut self, at: Instant) -> Result<&OrderState, BillingError> {
        match self.state {
            OrderState::Paid { .. } => Ok(&self.state),
            OrderState::PendingPayment => {
                self.not_before_placed(at)?;
                self.state = OrderState::Paid { at };
                Ok(&self.state)
            }
            OrderState::Reversed { .. } | OrderState::Cancelled { .. } => Err(self.state_error(
                "record the payment of",
                "a cancelled or reversed order stays so; place a new order",
            )),
        }
    }

    /// Cancels an order still waiting for its payment.
    ///
    /// # Errors
    /// [`BillingError::OrderState`] unless the order is pending (a paid order is reversed);
    /// [`BillingError::InvalidArgument`] for a time before the order or a blank reason.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::ErrorCode;
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::BankTransfer, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// order.cancel("2026-03-20T08:00:00Z".parse()?, "never paid")?;
    /// let error = order.record_payment("2026-03-21T08:00:00Z".parse()?).unwrap_err();
    /// assert_eq!(error.code(), "billing.order_state");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(&mut self, at: Instant, reason: &str) -> Result<&OrderState, BillingError> {
        if self.state != OrderState::PendingPayment {
            return Err(self.state_error(
                "cancel",
                "only an order waiting for its payment is cancelled; a paid order is reversed",
            ));
        }
        self.not_before_placed(at)?;
        require_reason(reason)?;
        self.state = OrderState::Cancelled {
            at,
            reason: reason.to_owned(),
        };
        Ok(&self.state)
    }

    /// Records that the payment of a paid order was reversed (a chargeback, a refund): the
    /// ledger voids the order ([`apply`](Self::apply)) and a credit note cancels its invoice
    /// ([`credit_note_draft`](Self::credit_note_draft)).
    ///
    /// # Errors
    /// [`BillingError::OrderState`] unless the order is paid; [`BillingError::InvalidArgument`]
    /// for a time before the payment or a blank reason.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, OrderState, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// order.reverse("2026-03-10T08:00:00Z".parse()?, "chargeback")?;
    /// assert_eq!(order.state().code(), "reversed");
    /// assert_eq!(order.state().paid_at(), Some("2026-03-02T10:00:00Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reverse(&mut self, at: Instant, reason: &str) -> Result<&OrderState, BillingError> {
        let OrderState::Paid { at: paid_at } = self.state else {
            return Err(self.state_error(
                "reverse",
                "only a paid order has a payment to reverse; an order waiting for its payment is cancelled",
            ));
        };
        if at < paid_at {
            return Err(BillingError::InvalidArgument {
                field: "at",
                value: at.to_rfc3339(),
                rule: format!(
                    "is before the order {} was paid ({})",
                    self.id,
                    paid_at.to_rfc3339()
                )
                .into(),
            });
        }
        require_reason(reason)?;
        self.state = OrderState::Reversed {
            paid_at,
            at,
            reason: reason.to_owned(),
        };
        Ok(&self.state)
    }

    /// Replays the order into the account's credit ledger with the order id as key: the purchase
    /// at the placing instant (pending unless paid by card), the activation at the paid instant,
    /// the void at the cancellation or reversal instant. Applying again changes nothing (the
    /// ledger's keys make it idempotent); the 24-month rule is the ledger's.
    ///
    /// # Errors
    /// [`BillingError::Credit`] when the ledger refuses (an operation before its last one, or the
    /// order id used for another purchase).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::credits::{Ledger, OrderStatus};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// let mut ledger = Ledger::new(order.zone());
    /// assert!(matches!(order.apply(&mut ledger)?.status, OrderStatus::Active { .. }));
    /// order.reverse("2026-03-10T08:00:00Z".parse()?, "chargeback")?;
    /// assert!(matches!(order.apply(&mut ledger)?.status, OrderStatus::Voided { .. }));
    /// assert_eq!(ledger.entries().len(), 2); // the purchase (paid by card) and the void
    /// order.apply(&mut ledger)?;
    /// assert_eq!(ledger.entries().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&self, ledger: &mut Ledger) -> Result<credits::Order, BillingError> {
        let key = self.id.as_str();
        let pending = self.payment == PaymentMethod::BankTransfer;
        let mut order = ledger
            .purchase(
                key,
                self.pack.kind.clone(),
                self.units(),
                self.placed_at,
                pending,
            )?
            .value;
        if let (true, Some(paid_at)) = (pending, self.state.paid_at()) {
            order = ledger.activate(key, paid_at)?.value;
        }
        if let OrderState::Reversed { at, .. } | OrderState::Cancelled { at, .. } = self.state {
            order = ledger.void_order(key, at)?.value;
        }
        Ok(order)
    }

    /// Activates `account` when it waits for its first payment and this order is paid (the
    /// reason names the order); otherwise changes nothing. Returns whether it activated it.
    ///
    /// # Errors
    /// [`BillingError::InvalidArgument`] for another account than the order's;
    /// [`BillingError::Account`] when the account refuses (a change before its last one).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::{Account, AccountState}, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// let mut account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// assert!(order.activate_account(&mut account)?);
    /// assert_eq!(account.history()[0].reason, "order o-1 paid (card)");
    /// assert!(!order.activate_account(&mut account)?); // already active
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn activate_account(&self, account: &mut Account) -> Result<bool, BillingError> {
        self.require_account(account.id())?;
        match self.state {
            OrderState::Paid { at } if account.state() == AccountState::PendingPayment => {
                let reason = format!("order {} paid ({})", self.id, self.payment);
                account.activate(at, &reason)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn require_account(&self, account: &AccountId) -> Result<(), BillingError> {
        if account != &self.account {
            return Err(BillingError::InvalidArgument {
                field: "account",
                value: account.to_string(),
                rule: format!("is not the account of order {} ({})", self.id, self.account).into(),
            });
        }
        Ok(())
    }

    /// A request, after the order, to remove its VAT (grant the exemption): the exemption can
    /// only be asked for when ordering (SPEC section 7). An order already reverse charged has
    /// nothing to remove and its treatment is returned; any other request is refused.
    ///
    /// # Errors
    /// [`BillingError::ExemptionAfterOrder`] saying why.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::ErrorCode;
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// assert_eq!(order.request_exemption().unwrap_err().code(), "billing.exemption_after_order");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request_exemption(&self) -> Result<&Treatment, BillingError> {
        self.treatment
            .remove_vat_after_order(self.id.as_str())
            .map_err(|error| match error {
                VatError::ExemptionNotRequestedAtOrder {
                    order_id,
                    treatment,
                } => BillingError::ExemptionAfterOrder {
                    order_id,
                    treatment,
                },
                other => BillingError::from(other),
            })
    }

    fn key(&self) -> String {
        format!("order:{}", self.id)
    }

    fn heading<'a>(&'a self, key: &'a str, account: &'a Account, day: NaiveDate) -> Heading<'a> {
        Heading {
            key,
            account,
            treatment: &self.treatment,
            issue_date: day,
            currency: self.pack.unit_price.currency(),
            eur_rate: self.eur_rate,
        }
    }

    /// The invoice of the order, dated the day it was paid on the wall clock of the account's
    /// zone at order time: packs are invoiced when bought (SPEC section 7, VAT charged when the
    /// pack is bought), so a card order at once and a bank-transfer order when the payment
    /// arrives. **Decision:** an order waiting for its transfer has no invoice, so that no number
    /// of the gapless sequence goes to a sale that may never happen. A reversed order still has
    /// the invoice it had (its credit note cancels it).
    ///
    /// # Errors
    /// [`BillingError::OrderNotPaid`] for a pending or cancelled order;
    /// [`BillingError::InvalidArgument`] for another account than the order's;
    /// [`BillingError::MissingExchangeRate`] for a pack in another currency than EUR ordered
    /// without [`OrderRequest::with_eur_rate`]; [`BillingError::Invoice`] when the invoice module
    /// refuses a value.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::ErrorCode;
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::BankTransfer, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// assert_eq!(order.invoice_draft(&account).unwrap_err().code(), "billing.order_not_paid");
    /// order.record_payment("2026-03-04T23:30:00Z".parse()?)?; // 5 March, 00:30 in Brussels
    /// assert_eq!(order.invoice_draft(&account)?.issue_date().to_string(), "2026-03-05");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn invoice_draft(&self, account: &Account) -> Result<InvoiceDraft, BillingError> {
        self.require_account(account.id())?;
        let Some(paid_at) = self.state.paid_at() else {
            return Err(BillingError::OrderNotPaid {
                order_id: self.id.to_string(),
                state: self.state.code(),
            });
        };
        let day = self.zone.localize(paid_at).date_naive();
        let key = self.key();
        let language = account.language();
        let pack_line = line(
            texts::pack(&self.pack.kind, self.pack.units, language),
            Decimal::from(self.quantity),
            self.pack.unit_price.amount(),
            &self.treatment,
            &key,
        )?;
        let invoice = self
            .heading(&key, account, day)
            .invoice(DocumentKind::Invoice, vec![pack_line])?
            .with_order_reference(self.id.as_str())?
            .with_payment_terms(texts::paid(self.payment, day, language))?;
        Ok(InvoiceDraft::new(key, self.account.clone(), invoice))
    }

    /// The credit note of a reversed order: the lines of `invoice` (the order's issued invoice)
    /// credited in full, dated the day of the reversal, referring to the invoice's number and
    /// date (EN 16931 BG-3). Key `credit:<order id>`.
    ///
    /// # Errors
    /// [`BillingError::OrderState`] unless the order is reversed;
    /// [`BillingError::InvalidArgument`] for another account, or an invoice that is not this
    /// order's (another key, or a credit note).
    ///
    /// ```
    /// # use envoi::billing::{place_order, InvoiceBook, NumberSeries, OrderRequest, PaymentMethod, PriceList, Seller};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::invoice::DocumentKind;
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let mut book = InvoiceBook::new(Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 });
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
    /// let invoice = book.issue(order.invoice_draft(&account)?)?.value;
    /// order.reverse("2026-03-10T08:00:00Z".parse()?, "chargeback")?;
    /// let note = book.issue(order.credit_note_draft(&account, &invoice)?)?.value;
    /// assert_eq!(note.invoice().kind(), DocumentKind::CreditNote);
    /// assert_eq!(note.invoice().preceding_invoice().unwrap().number(), "2026-F-000001");
    /// assert_eq!(note.number().to_string(), "2026-F-000002");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn credit_note_draft(
        &self,
        account: &Account,
        invoice: &IssuedInvoice,
    ) -> Result<InvoiceDraft, BillingError> {
        self.require_account(account.id())?;
        let OrderState::Reversed { at, .. } = self.state else {
            return Err(self.state_error(
                "credit",
                "a credit note cancels the invoice of an order whose payment was reversed",
            ));
        };
        if invoice.key() != self.key()
            || invoice.account() != &self.account
            || invoice.invoice().kind() != DocumentKind::Invoice
        {
            return Err(BillingError::InvalidArgument {
                field: "invoice",
                value: format!("{} ({})", invoice.number(), invoice.key()),
                rule: format!(
                    "is not the invoice of order {} (key {})",
                    self.id,
                    self.key()
                )
                .into(),
            });
        }
        let day = self.zone.localize(at).date_naive();
        let key = format!("credit:{}", self.id);
        let issued = invoice.invoice();
        let number = invoice.number().to_string();
        let mut note = Invoice::credit_note(issued.currency(), issued.lines().to_vec())
            .with_language(issued.language())
            .with_date(day)
            .with_order_reference(self.id.as_str())?
            .with_preceding_invoice(number.clone(), issued.date())?
            .with_payment_terms(texts::refund(&number, account.language()))?;
        if let Some(customer) = issued.customer() {
            note = note.with_customer(customer.clone());
        }
        if let Some(reference) = issued.buyer_reference() {
            note = note.with_buyer_reference(reference)?;
        }
        if let Some(mention) = issued.note() {
            note = note.with_note(mention)?;
        }
        if let Some(tax) = issued.tax_currency() {
            note = note.with_tax_currency(tax.currency(), tax.exchange_rate())?;
        }
        Ok(InvoiceDraft::new(key, self.account.clone(), note))
    }
}

fn require_reason(reason: &str) -> Result<(), BillingError> {
    if reason.trim().is_empty() {
        return Err(BillingError::InvalidArgument {
            field: "reason",
            value: format!("{:?}", reason.chars().take(40).collect::<String>()),
            rule: "is blank; a cancellation or a reversal says why".into(),
        });
    }
    Ok(())
}
