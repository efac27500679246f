//! Invoice drafts: what an order, a monthly run or a block plan invoices, before the book numbers it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::ids::AccountId;
use crate::invoice::{DocumentKind, Invoice, InvoiceLine, Party, Totals, VatCategory};
use crate::money::Currency;
use crate::vat::{Treatment, TreatmentKind, VatEvidence};

use super::error::BillingError;
use super::render;

/// An invoice or a credit note ready to be numbered by the [`InvoiceBook`](super::InvoiceBook):
/// its stable key, the account, the issue date, and a core [`Invoice`] without number, seller or
/// due date (the book adds them).
///
/// The invoice is in the account's language; its customer is the account's invoicing address with
/// the VAT number of the treatment's evidence (when it is valid); its note is the treatment's legal
/// mention (reverse charge, out of scope); its buyer reference is the account id; an invoice in
/// another currency than EUR states its VAT in EUR ([`Invoice::tax_currency`]).
///
/// The key says what is invoiced, so that making a draft twice and issuing it twice gives one
/// invoice: `order:<order id>`, `credit:<order id>`, `letters:<account>:<month>`,
/// `messages:<account>:<month>`, `blocks:<account>:<subscription id>:<period index>`.
///
/// ```
/// use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
/// use envoi::account::Account;
/// use envoi::ids::{AccountId, OrderId};
/// use envoi::invoice::{DocumentKind, Party};
/// use envoi::language::Language;
/// use envoi::vat::{CustomerKind, RateTable};
///
/// let prices = PriceList::from_json("prices.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
///     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
///     Party::new("Boulangerie Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?);
/// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
/// let draft = order.invoice_draft(&account)?;
/// assert_eq!(draft.key(), "order:o-1");
/// assert_eq!(draft.kind(), DocumentKind::Invoice);
/// assert_eq!(draft.issue_date().to_string(), "2026-03-04");
/// assert_eq!(draft.lines()[0].description(), "Pack SMS 1 000 unités");
/// assert_eq!(draft.totals().total_with_vat().to_string(), "90.75");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DraftData")]
pub struct InvoiceDraft {
    key: String,
    account: AccountId,
    issue_date: NaiveDate,
    invoice: Invoice,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftData {
    key: String,
    account: AccountId,
    issue_date: NaiveDate,
    invoice: Invoice,
}

impl TryFrom<DraftData> for InvoiceDraft {
    type Error = BillingError;

    fn try_from(data: DraftData) -> Result<Self, Self::Error> {
        let invalid =
            |field: &'static str, value: String, rule: &str| BillingError::InvalidRecord {
                what: "invoice draft",
                field,
                value: value.chars().take(80).collect(),
                rule: rule.into(),
            };
        if data.key.trim().is_empty() || data.key.chars().any(char::is_control) {
            return Err(invalid(
                "key",
                format!("{:?}", data.key),
                "is not a key; a draft's key is text without control characters",
            ));
        }
        if data.invoice.date() != Some(data.issue_date) {
            return Err(invalid(
                "invoice.date",
                format!("{:?}", data.invoice.date()),
                "differs from issue_date; a draft's invoice is dated its issue date",
            ));
        }
        if data.invoice.number().is_some() || data.invoice.seller().is_some() {
            return Err(invalid(
                "invoice",
                "a number or a seller".to_owned(),
                "is set; a draft has neither, the invoice book gives them",
            ));
        }
        Ok(InvoiceDraft {
            key: data.key,
            account: data.account,
            issue_date: data.issue_date,
            invoice: data.invoice,
        })
    }
}

impl InvoiceDraft {
    pub(super) fn new(key: String, account: AccountId, invoice: Invoice) -> InvoiceDraft {
        InvoiceDraft {
            key,
            account,
            issue_date: invoice.date().unwrap_or_default(),
            invoice,
        }
    }

    /// The stable key of what the draft invoices (`order:o-17`, `letters:acc_1:2026-03`…): the
    /// invoice book issues a key once.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.key(), "order:o-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The account invoiced.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.account().as_str(), "acc_1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// Invoice or credit note.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.kind(), envoi::invoice::DocumentKind::Invoice);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> DocumentKind {
        self.invoice.kind()
    }

    /// The issue date, on the account's wall clock (an order: the day it was paid; a monthly
    /// run: the first day of the next month; a block plan: the period's first day).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.issue_date().to_string(), "2026-03-04");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }

    /// The invoice, without number, seller or due date.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.invoice().number(), None); // the book numbers it
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn invoice(&self) -> &Invoice {
        &self.invoice
    }

    /// The lines, in the account's language.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.lines()[0].quantity(), 2.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lines(&self) -> &[InvoiceLine] {
        self.invoice.lines()
    }

    /// The totals: without VAT, VAT per rate, with VAT (EN 16931 arithmetic).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let draft = order.invoice_draft(&account)?;
    /// assert_eq!(draft.totals().total_without_vat().to_string(), "150.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn totals(&self) -> Totals {
        self.invoice.totals()
    }

    /// The draft as plain text a person reads, marked as a draft (no number yet).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::En, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?);
    /// let draft = place_order(&account, &prices, &request, RateTable::builtin())?.invoice_draft(&account)?;
    /// assert!(draft.to_text().starts_with("Invoice (draft)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        render::text(&self.invoice)
    }

    /// The draft as an HTML fragment a person reads (every text escaped), marked as a draft.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::En, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont & Fils <SRL>", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?);
    /// let draft = place_order(&account, &prices, &request, RateTable::builtin())?.invoice_draft(&account)?;
    /// assert!(draft.to_html().contains("Dupont &amp; Fils &lt;SRL&gt;"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> String {
        render::html(&self.invoice)
    }
}

/// The VAT number an invoice names for the customer: the compact number of the evidence when it
/// passed the offline checks and the online check did not say invalid.
fn valid_number(evidence: Option<&VatEvidence>) -> Option<&str> {
    let evidence = evidence?;
    let online_invalid = evidence.online.as_ref().is_some_and(|online| !online.valid);
    if evidence.offline_error.is_some() || online_invalid {
        return None;
    }
    evidence.compact.as_deref()
}

/// The customer of an invoice: the account's invoicing address, with the VAT number of the
/// treatment's evidence (the one frozen at order time), when valid.
pub(super) fn customer(account: &Account, treatment: &Treatment) -> Result<Party, BillingError> {
    let address = account.invoicing_address().clone().without_vat_number();
    Ok(match valid_number(treatment.evidence()) {
        Some(number) => address.with_vat_number(number)?,
        None => address,
    })
}

/// Refuses a treatment that is still pending verification: no invoice line can carry it.
pub(super) fn require_decided(treatment: &Treatment, subject: &str) -> Result<(), BillingError> {
    if treatment.kind() == TreatmentKind::PendingVerification {
        return Err(BillingError::VatPendingVerification {
            subject: subject.to_owned(),
            vat_number: treatment
                .evidence()
                .map(|evidence| evidence.typed.clone())
                .unwrap_or_default(),
        });
    }
    Ok(())
}

/// An invoice line with the VAT category of the treatment: charge → standard at its rate;
/// reverse charge → `AE`; out of scope → `O`.
pub(super) fn line(
    description: String,
    quantity: Decimal,
    unit_price: Decimal,
    treatment: &Treatment,
    subject: &str,
) -> Result<InvoiceLine, BillingError> {
    require_decided(treatment, subject)?;
    let rate = treatment.rate().unwrap_or_default();
    let line = InvoiceLine::new(description, quantity, unit_price, rate)?;
    Ok(match treatment.kind() {
        TreatmentKind::Charge => line,
        TreatmentKind::ReverseCharge => line.with_category(VatCategory::ReverseCharge)?,
        TreatmentKind::OutOfScope | TreatmentKind::PendingVerification => {
            line.with_category(VatCategory::OutOfScope)?
        }
    })
}

/// What every invoice of an account carries, whatever it invoices.
pub(super) struct Heading<'a> {
    /// The draft's key (named in errors).
    pub(super) key: &'a str,
    /// The account invoiced.
    pub(super) account: &'a Account,
    /// The VAT treatment of the lines.
    pub(super) treatment: &'a Treatment,
    /// The issue date.
    pub(super) issue_date: NaiveDate,
    /// The currency of the lines.
    pub(super) currency: Currency,
    /// EUR per unit of `currency`, for an invoice in another currency than EUR.
    pub(super) eur_rate: Option<Decimal>,
}

impl Heading<'_> {
    /// The invoice (or credit note, `kind`) of `lines`: language, customer, date, buyer reference,
    /// legal mention and, outside EUR, the VAT in EUR.
    pub(super) fn invoice(
        &self,
        kind: DocumentKind,
        lines: Vec<InvoiceLine>,
    ) -> Result<Invoice, BillingError> {
        let blank = match kind {
            DocumentKind::CreditNote => Invoice::credit_note(self.currency, lines),
            _ => Invoice::new(self.currency, lines),
        };
        let mut invoice = blank
            .with_language(self.account.language())
            .with_date(self.issue_date)
            .with_customer(customer(self.account, self.treatment)?)
            .with_buyer_reference(self.account.id().as_str())?;
        if let Some(mention) = self.treatment.mention() {
            invoice = invoice.with_note(mention.text(self.account.language()))?;
        }
        if self.currency != Currency::EUR {
            let rate = self
                .eur_rate
                .ok_or_else(|| BillingError::MissingExchangeRate {
                    subject: self.key.to_owned(),
                    currency: self.currency,
                })?;
            invoice = invoice.with_tax_currency(Currency::EUR, rate)?;
        }
        Ok(invoice)
    }
}
