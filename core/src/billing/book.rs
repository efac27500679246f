//! The invoice book: drafts numbered in one gapless sequence per series and year, once per key.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::credits::Outcome;
use crate::ids::AccountId;
use crate::invoice::{DocumentKind, Invoice, InvoiceLine, Party, Totals};

use super::error::BillingError;
use super::invoicing::InvoiceDraft;
use super::numbering::{InvoiceNumber, NumberSeries, check_sequence};
use super::render;

/// Who issues the invoices: the seller's [`Party`] (name, address, VAT and enterprise numbers,
/// Peppol endpoint), the [`NumberSeries`] its invoices and credit notes share, and the days an
/// invoice gives to pay (its due date is the issue date plus these days).
///
/// ```
/// use envoi::billing::{NumberSeries, Seller};
/// use envoi::invoice::Party;
/// let seller = Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 };
/// assert_eq!(serde_json::from_str::<Seller>(&serde_json::to_string(&seller)?)?, seller);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seller {
    /// The seller as invoices name it.
    pub party: Party,
    /// The series of its numbers (invoices and credit notes alike, one gapless sequence a year).
    pub series: NumberSeries,
    /// Days from the issue date to the due date of an invoice.
    pub payment_days: u32,
}

/// A numbered invoice or credit note: the draft, its number, the seller and the due date (none on
/// a credit note). Its [`invoice`](Self::invoice) is complete: [`to_ubl`](Self::to_ubl) exports it
/// when the parties have what Peppol needs.
///
/// Plain data the host stores ([`to_json`](Self::to_json), [`from_json`](Self::from_json), which
/// checks that the number's year is the issue date's).
///
/// ```
/// # use envoi::billing::{place_order, InvoiceBook, NumberSeries, OrderRequest, PaymentMethod, PriceList, Seller};
/// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// use envoi::billing::IssuedInvoice;
/// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
/// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
/// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
/// let mut book = InvoiceBook::new(Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 });
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
/// let order = place_order(&account, &prices, &request, RateTable::builtin())?;
/// let issued = book.issue(order.invoice_draft(&account)?)?.value;
/// assert_eq!(issued.number().to_string(), "2026-F-000001");
/// assert_eq!(issued.due_date().map(|d| d.to_string()).as_deref(), Some("2026-04-01"));
/// assert_eq!(issued.invoice().number(), Some("2026-F-000001"));
/// assert_eq!(IssuedInvoice::from_json(&issued.to_json())?, issued);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "IssuedData", try_from = "IssuedData")]
pub struct IssuedInvoice {
    number: InvoiceNumber,
    draft: InvoiceDraft,
    seller: Party,
    due_date: Option<NaiveDate>,
    invoice: Invoice,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuedData {
    number: InvoiceNumber,
    seller: Party,
    due_date: Option<NaiveDate>,
    draft: InvoiceDraft,
}

impl From<IssuedInvoice> for IssuedData {
    fn from(issued: IssuedInvoice) -> Self {
        IssuedData {
            number: issued.number,
            seller: issued.seller,
            due_date: issued.due_date,
            draft: issued.draft,
        }
    }
}

impl TryFrom<IssuedData> for IssuedInvoice {
    type Error = BillingError;

    fn try_from(data: IssuedData) -> Result<Self, Self::Error> {
        IssuedInvoice::assemble(data.number, data.draft, data.seller, data.due_date)
    }
}

fn invalid(field: &'static str, value: impl ToString, rule: impl Into<String>) -> BillingError {
    BillingError::InvalidRecord {
        what: "issued invoice",
        field,
        value: value.to_string().chars().take(80).collect(),
        rule: rule.into().into(),
    }
}

impl IssuedInvoice {
    fn assemble(
        number: InvoiceNumber,
        draft: InvoiceDraft,
        seller: Party,
        due_date: Option<NaiveDate>,
    ) -> Result<IssuedInvoice, BillingError> {
        if number.year() != draft.issue_date().year() {
            return Err(invalid(
                "number",
                &number,
                format!(
                    "is numbered in {} but issued on {}; an invoice is numbered in the year of its issue date",
                    number.year(),
                    draft.issue_date()
                ),
            ));
        }
        let mut invoice = draft
            .invoice()
            .clone()
            .with_number(number.to_string())?
            .with_seller(seller.clone());
        match (draft.kind(), due_date) {
            (DocumentKind::CreditNote, Some(due)) => {
                return Err(invalid(
                    "due_date",
                    due,
                    "is set on a credit note; a credit note has no due date",
                ));
            }
            (_, Some(due)) if due < draft.issue_date() => {
                return Err(invalid(
                    "due_date",
                    due,
                    format!("is before the issue date {}", draft.issue_date()),
                ));
            }
            (_, Some(due)) => invoice = invoice.with_due_date(due),
            (_, None) => {}
        }
        Ok(IssuedInvoice {
            number,
            draft,
            seller,
            due_date,
            invoice,
        })
    }

    /// Reads an issued invoice the host stored with [`to_json`](Self::to_json).
    ///
    /// # Errors
    /// [`BillingError::InvalidRecord`] naming the field and the rule (`json` for text that is not
    /// an issued invoice).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// assert_eq!(envoi::billing::IssuedInvoice::from_json("[]").unwrap_err().code(), "billing.invalid_record");
    /// ```
    pub fn from_json(text: &str) -> Result<IssuedInvoice, BillingError> {
        let data: IssuedData = serde_json::from_str(text).map_err(|error| {
            invalid(
                "json",
                format_args!("line {} column {}", error.line(), error.column()),
                error.to_string(),
            )
        })?;
        IssuedInvoice::try_from(data)
    }

    /// The issued invoice as JSON, for the host to store.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert!(issued.to_json().starts_with(r#"{"number":"2026-F-000001""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        match serde_json::to_string(self) {
            Ok(text) => text,
            // Strings, numbers, booleans, arrays and string-keyed maps only: serde_json cannot fail.
            Err(error) => unreachable!("an issued invoice always serialises to JSON: {error}"),
        }
    }

    /// Its number.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.number().to_string(), "2026-F-000001");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn number(&self) -> &InvoiceNumber {
        &self.number
    }

    /// The key of what it invoices (the draft's).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.key(), "order:o-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn key(&self) -> &str {
        self.draft.key()
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
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.account(), account.id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> &AccountId {
        self.draft.account()
    }

    /// The issue date.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.issue_date().to_string(), "2026-03-04");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_date(&self) -> NaiveDate {
        self.draft.issue_date()
    }

    /// The due date (an invoice: issue date + the seller's payment days; a credit note: none).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.due_date().map(|d| d.to_string()).as_deref(), Some("2026-04-03"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.due_date
    }

    /// The draft it was issued from.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.draft(), &draft);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn draft(&self) -> &InvoiceDraft {
        &self.draft
    }

    /// The complete invoice: with number, seller and due date.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.invoice().seller().map(Party::name), Some("Envoi SA"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn invoice(&self) -> &Invoice {
        &self.invoice
    }

    /// The lines.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.lines(), draft.lines());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lines(&self) -> &[InvoiceLine] {
        self.invoice.lines()
    }

    /// The totals: without VAT, VAT per rate, with VAT.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(issued.totals().total_with_vat().to_string(), "181.50");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn totals(&self) -> Totals {
        self.invoice.totals()
    }

    /// The invoice as UBL 2.1 / Peppol BIS Billing 3.0 XML.
    ///
    /// # Errors
    /// [`BillingError::Invoice`] naming what the e-invoice misses (a party's endpoint…).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// // The parties have no Peppol endpoint (enterprise number) here: the export says so.
    /// assert_eq!(envoi::ErrorCode::code(&issued.to_ubl().unwrap_err()), "invoice.missing_field");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_ubl(&self) -> Result<String, BillingError> {
        Ok(self.invoice.to_ubl()?)
    }

    /// The invoice as plain text a person reads: parties, number, dates, lines with quantity,
    /// unit price and net amount, VAT per rate, totals, the legal mention and, in another currency
    /// than EUR, the VAT in EUR.
    ///
    /// ```
    /// # use envoi::billing::{place_order, InvoiceBook, NumberSeries, OrderRequest, PaymentMethod, PriceList, Seller};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::En, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let mut book = InvoiceBook::new(Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 });
    /// # let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// let issued = book.issue(place_order(&account, &prices, &request, RateTable::builtin())?.invoice_draft(&account)?)?.value;
    /// let text = issued.to_text();
    /// assert!(text.starts_with("Invoice 2026-F-000001"));
    /// assert!(text.contains("Total with VAT: 90.75 EUR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        render::text(&self.invoice)
    }

    /// The invoice as an HTML fragment (every text escaped) with the same content as
    /// [`to_text`](Self::to_text).
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert!(issued.to_html().contains("<h1>Facture 2026-F-000001</h1>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_html(&self) -> String {
        render::html(&self.invoice)
    }
}

/// The invoices of a seller, numbered without gaps: one sequence per series and year (Belgian
/// invoices are numbered without gaps). Like the credit [`Ledger`](crate::credits::Ledger), plain
/// data the host stores: it keeps the [`IssuedInvoice`]s and rebuilds the book with
/// [`from_invoices`](Self::from_invoices).
///
/// [`issue`](Self::issue) is idempotent by the draft's key: the same key with the same content
/// returns the invoice already issued (`replayed`), with other content it is refused
/// (`billing.invoice_conflict`); a new key takes the next number of the series in the year of its
/// issue date, the seller and the due date.
///
/// ```
/// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
/// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// use envoi::billing::{InvoiceBook, NumberSeries, Seller};
/// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
/// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
/// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
/// let seller = Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 };
/// let mut book = InvoiceBook::new(seller.clone());
/// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
/// let draft = place_order(&account, &prices, &request, RateTable::builtin())?.invoice_draft(&account)?;
/// let first = book.issue(draft.clone())?;
/// let again = book.issue(draft)?;
/// assert!(!first.replayed && again.replayed);
/// assert_eq!(book.invoices().len(), 1);
///
/// // The host keeps the invoices and rebuilds the book from them.
/// let stored: Vec<_> = book.invoices().to_vec();
/// let book = InvoiceBook::from_invoices(seller, stored)?;
/// assert_eq!(book.for_account(account.id()).count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceBook {
    seller: Seller,
    invoices: Vec<IssuedInvoice>,
    by_key: HashMap<String, usize>,
    last: BTreeMap<(i32, NumberSeries), u32>,
}

impl InvoiceBook {
    /// An empty book of `seller`.
    ///
    /// ```
    /// # use envoi::billing::{InvoiceBook, NumberSeries, Seller};
    /// # use envoi::invoice::Party;
    /// let book = InvoiceBook::new(Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 });
    /// assert!(book.invoices().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(seller: Seller) -> InvoiceBook {
        InvoiceBook {
            seller,
            invoices: Vec::new(),
            by_key: HashMap::new(),
            last: BTreeMap::new(),
        }
    }

    /// The book of the invoices the host stored, in the order given.
    ///
    /// # Errors
    /// [`BillingError::InvoiceSequence`] ([`check_sequence`]) for a gap or a duplicate number;
    /// [`BillingError::InvalidRecord`] for a key issued twice.
    ///
    /// ```
    /// # use envoi::billing::{InvoiceBook, NumberSeries, Seller};
    /// # use envoi::invoice::Party;
    /// let seller = Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 };
    /// assert!(InvoiceBook::from_invoices(seller, vec![])?.invoices().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_invoices(
        seller: Seller,
        invoices: Vec<IssuedInvoice>,
    ) -> Result<InvoiceBook, BillingError> {
        let numbers: Vec<InvoiceNumber> = invoices.iter().map(|i| i.number.clone()).collect();
        check_sequence(&numbers)?;
        let mut book = InvoiceBook::new(seller);
        for invoice in invoices {
            if let Some(&index) = book.by_key.get(invoice.key()) {
                return Err(BillingError::InvalidRecord {
                    what: "invoice book",
                    field: "key",
                    value: invoice.key().chars().take(80).collect(),
                    rule: format!(
                        "is issued as {} and as {}; a key is issued once",
                        book.invoices[index].number, invoice.number
                    )
                    .into(),
                });
            }
            book.record(invoice);
        }
        Ok(book)
    }

    fn record(&mut self, invoice: IssuedInvoice) {
        let number = &invoice.number;
        let last = self
            .last
            .entry((number.year(), number.series().clone()))
            .or_default();
        *last = (*last).max(number.sequence());
        self.by_key
            .insert(invoice.key().to_owned(), self.invoices.len());
        self.invoices.push(invoice);
    }

    /// The seller.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(book.seller().series.as_str(), "F");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn seller(&self) -> &Seller {
        &self.seller
    }

    /// Every invoice and credit note, in the order issued.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(book.invoices(), [issued.clone()]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn invoices(&self) -> &[IssuedInvoice] {
        &self.invoices
    }

    /// The invoices and credit notes of one account, in the order issued.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(book.for_account(account.id()).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_account<'a>(
        &'a self,
        account: &'a AccountId,
    ) -> impl Iterator<Item = &'a IssuedInvoice> + 'a {
        self.invoices
            .iter()
            .filter(move |invoice| invoice.account() == account)
    }

    /// The invoice with this number.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(book.get(issued.number()), Some(&issued));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get(&self, number: &InvoiceNumber) -> Option<&IssuedInvoice> {
        self.invoices
            .iter()
            .find(|invoice| &invoice.number == number)
    }

    /// The invoice issued for this key.
    ///
    /// ```
    /// # use envoi::billing::{place_order, OrderRequest, PaymentMethod, PriceList};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE", Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let order = place_order(&account, &prices, &OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 2, PaymentMethod::Card, "2026-03-04T10:00:00Z".parse()?), RateTable::builtin())?;
    /// # let mut book = envoi::billing::InvoiceBook::new(envoi::billing::Seller { party: Party::new("Envoi SA", "BE")?, series: envoi::billing::NumberSeries::new("F")?, payment_days: 30 });
    /// # let draft = order.invoice_draft(&account)?;
    /// # let issued = book.issue(draft.clone())?.value;
    /// assert_eq!(book.by_key("order:o-1"), Some(&issued));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_key(&self, key: &str) -> Option<&IssuedInvoice> {
        self.by_key
            .get(key)
            .and_then(|&index| self.invoices.get(index))
    }

    /// Issues `draft`: the next number of the seller's series in the year of the issue date (no
    /// gap), the seller, and for an invoice the due date. The same key again with the same
    /// content returns the invoice already issued, `replayed`, and uses no number.
    ///
    /// Numbers follow the order of issue, not the drafts' dates: issue each draft on its day (an
    /// order when paid, a monthly run on the first of the month) so that dates and numbers run
    /// together, as Belgian practice expects. The book does not yet refuse a draft dated before
    /// the last one it numbered.
    ///
    /// # Errors
    /// [`BillingError::InvoiceConflict`] for a key already issued with other content (an
    /// issued invoice is corrected by a credit note, never re-issued);
    /// [`BillingError::InvalidInvoiceNumber`] past the last number of a year;
    /// [`BillingError::InvalidRecord`] when the due date falls beyond the supported dates.
    ///
    /// ```
    /// # use envoi::billing::{place_order, InvoiceBook, NumberSeries, OrderRequest, PaymentMethod, PriceList, Seller};
    /// # use envoi::{account::Account, ids::{AccountId, OrderId}, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// use envoi::ErrorCode;
    /// # let prices = PriceList::from_json("p.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
    /// #     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_1")?, Language::Fr, CustomerKind::Business, "BE",
    /// #     Party::new("Dupont SRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// # let mut book = InvoiceBook::new(Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 });
    /// let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::Card, "2026-03-02T10:00:00Z".parse()?);
    /// book.issue(place_order(&account, &prices, &request, RateTable::builtin())?.invoice_draft(&account)?)?;
    /// // The same order id with two packs: another content under the same key.
    /// let other = OrderRequest { quantity: 2, ..request };
    /// let error = book.issue(place_order(&account, &prices, &other, RateTable::builtin())?.invoice_draft(&account)?).unwrap_err();
    /// assert_eq!(error.code(), "billing.invoice_conflict");
    /// assert_eq!(book.invoices().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue(&mut self, draft: InvoiceDraft) -> Result<Outcome<IssuedInvoice>, BillingError> {
        if let Some(existing) = self.by_key(draft.key()) {
            if existing.draft == draft {
                return Ok(Outcome {
                    value: existing.clone(),
                    replayed: true,
                });
            }
            return Err(BillingError::InvoiceConflict {
                key: draft.key().to_owned(),
                number: existing.number.to_string(),
                difference: difference(&existing.draft, &draft),
            });
        }
        let year = draft.issue_date().year();
        let series = self.seller.series.clone();
        let number = match self.last.get(&(year, series.clone())) {
            Some(&last) => InvoiceNumber::new(year, series, last)?.next()?,
            None => series.first(year)?,
        };
        let due_date = match draft.kind() {
            DocumentKind::CreditNote => None,
            _ => Some(
                draft
                    .issue_date()
                    .checked_add_days(Days::new(u64::from(self.seller.payment_days)))
                    .ok_or_else(|| {
                        invalid(
                            "due_date",
                            draft.issue_date(),
                            "plus the payment days is beyond the supported dates",
                        )
                    })?,
            ),
        };
        let issued = IssuedInvoice::assemble(number, draft, self.seller.party.clone(), due_date)?;
        self.record(issued.clone());
        Ok(Outcome {
            value: issued,
            replayed: false,
        })
    }
}

/// What differs between two drafts of one key, for the conflict's message.
fn difference(first: &InvoiceDraft, this: &InvoiceDraft) -> &'static str {
    let (a, b) = (first.invoice(), this.invoice());
    if first.account() != this.account() {
        "account"
    } else if first.kind() != this.kind() {
        "kind"
    } else if first.issue_date() != this.issue_date() {
        "issue_date"
    } else if a.currency() != b.currency() {
        "currency"
    } else if a.lines() != b.lines() {
        "lines"
    } else if a.customer() != b.customer() {
        "customer"
    } else {
        "references, note or terms"
    }
}
