//! Invoices and credit notes (SPEC section 7): [`InvoiceLine`], [`Party`] and [`Invoice`] (uniffi
//! Objects holding the core's `envoi::invoice` values), their [`Totals`] by the EN 16931 arithmetic,
//! and the UBL 2.1 / Peppol BIS Billing 3.0 export.
//!
//! Conversions only; every rule is the core's:
//!
//! - **Decimals** (quantities, unit prices, rates in percent, amounts, exchange rates) cross as
//!   text, never as a binary float: plain decimal text in (`"0.0075"`; anything else, such as a
//!   float's `"1.0E-5"`, is `argument.invalid_decimal`), the core's decimal as text out (`"31.88"`,
//!   every decimal the core kept). The hand-written Kotlin layer
//!   (kotlin/src/main/kotlin/dev/envoi/Invoice.kt) adds `java.math.BigDecimal` overloads.
//! - **Days** are [`IsoDate`]: `java.time.LocalDate` in Kotlin, ISO strings in Swift.
//! - **Codes**: a currency is an ISO 4217 code (`money.unknown_currency` otherwise); a language is
//!   `"fr"`, `"nl"`, `"de"` or `"en"` (`language.unsupported` otherwise); a VAT category goes in as
//!   its UBL code or its name (`"AE"` or `"reverse_charge"`, any case; `invoice.invalid_argument`
//!   otherwise) and comes out as its UBL code (`"S"`, `"Z"`, `"E"`, `"AE"`, `"O"`); a document kind
//!   is `"invoice"` or `"credit_note"`.
//! - **Errors**: the core's `InvoiceError` as [`EnvoiError::Invoice`] with its code and fields;
//!   `money.*` as [`EnvoiError::Money`]; `language.unsupported` as [`EnvoiError::Language`]; this
//!   binding's `argument.invalid_decimal`, `argument.invalid_date` and `argument.invalid_json` as
//!   [`EnvoiError::Argument`].
//!
//! Every object is immutable: the `with_…` methods return a new one. `==` compares every field,
//! `toString()` shows the core's JSON form.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use envoi::invoice::{DocumentKind, VatCategory};
use envoi::language::Language;
use envoi::money::Currency;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::credits::plans::IsoDate;
use crate::errors::INVALID_JSON_CODE;
use crate::schedule::parse_date;
use crate::vat::parse_decimal;
use crate::{EnvoiError, guard};

/// The core's JSON form of `value`; `what` names it in the (impossible) error.
fn to_json<T: Serialize>(what: &str, value: &T) -> Result<String, EnvoiError> {
    serde_json::to_string(value)
        .map_err(|error| EnvoiError::panic(&format!("serializing {what}: {error}")))
}

/// The core's value of a JSON text, checked by the core's rules; `argument.invalid_json` otherwise.
fn from_json<T: DeserializeOwned>(what: &str, json: &str) -> Result<T, EnvoiError> {
    serde_json::from_str(json).map_err(|error| {
        EnvoiError::argument(
            INVALID_JSON_CODE,
            format!("json: not {what}: {error}; expected the form of to_json"),
        )
    })
}

/// `Name({json})`, for `Display`.
fn show<T: Serialize>(f: &mut fmt::Formatter<'_>, name: &str, value: &T) -> fmt::Result {
    match serde_json::to_string(value) {
        Ok(json) => write!(f, "{name}({json})"),
        Err(_) => write!(f, "{name}(?)"),
    }
}

/// Hashes the JSON form, which `==` agrees with (equal values write equal JSON).
fn hash_json<T: Serialize, H: Hasher>(value: &T, state: &mut H) {
    serde_json::to_string(value).unwrap_or_default().hash(state);
}

/// An ISO 4217 code as the core's currency (`money.unknown_currency` otherwise).
fn currency(code: &str) -> Result<Currency, EnvoiError> {
    Ok(code.parse::<Currency>()?)
}

fn category(text: &str) -> Result<VatCategory, EnvoiError> {
    Ok(text.parse::<VatCategory>()?)
}

fn optional_date(
    field: &str,
    date: Option<&IsoDate>,
) -> Result<Option<chrono::NaiveDate>, EnvoiError> {
    date.map(|date| parse_date(field, &date.0)).transpose()
}

/// One invoice line: a description, a quantity, a unit price before VAT and a VAT rate in percent,
/// with its VAT category. Unit prices may carry more decimals than the currency (up to 10:
/// `"0.0075"` EUR per SMS); the line's net amount is quantity × unit price rounded to the currency's
/// minor unit, half away from zero. A deduction is a negative quantity at a non-negative price.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct InvoiceLine {
    inner: envoi::invoice::InvoiceLine,
}

impl fmt::Display for InvoiceLine {
    /// `InvoiceLine({"description":"SMS","quantity":"1000",…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "InvoiceLine", &self.inner)
    }
}

impl Hash for InvoiceLine {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_json(&self.inner, state);
    }
}

impl InvoiceLine {
    pub(crate) fn wrap(inner: envoi::invoice::InvoiceLine) -> Arc<Self> {
        Arc::new(InvoiceLine { inner })
    }
}

#[uniffi::export]
impl InvoiceLine {
    /// A line at `rate` percent (`"21"`): standard rated (`"S"`) above 0, zero rated (`"Z"`) at 0,
    /// or in `category` (`"S"`, `"Z"`, `"E"`, `"AE"`, `"O"`, or their names; every category but
    /// `"S"` has the rate 0).
    ///
    /// Throws `invoice.invalid_text` (a blank description), `invoice.invalid_quantity` (1e9 or more
    /// in absolute value, more than 6 decimals), `invoice.invalid_unit_price` (negative, 1e9 or
    /// more, more than 10 decimals), `invoice.invalid_rate` (outside 0 to 100, more than 4
    /// decimals), `invoice.invalid_argument` (an unknown category),
    /// `invoice.category_rate_mismatch` (`"S"` at 0%), `argument.invalid_decimal`.
    #[uniffi::constructor(default(category = None))]
    pub fn new(
        description: String,
        quantity: String,
        unit_price: String,
        rate: String,
        category: Option<String>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let line = envoi::invoice::InvoiceLine::new(
                description,
                parse_decimal("quantity", &quantity)?,
                parse_decimal("unit_price", &unit_price)?,
                parse_decimal("rate", &rate)?,
            )?;
            let line = match category.as_deref() {
                Some(text) => line.with_category(self::category(text)?)?,
                None => line,
            };
            Ok(Self::wrap(line))
        })
    }

    /// A line written by `to_json`, checked as the constructor checks it. Throws
    /// `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(from_json("an invoice line", &json)?)))
    }

    /// The core's JSON form:
    /// `{"description":"SMS","quantity":"1000","unit_price":"0.0075","rate":"21","category":"standard"}`.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| to_json("an invoice line", &self.inner))
    }

    /// The same line in another VAT category (every category but `"S"` has the rate 0). Throws
    /// `invoice.invalid_argument`, `invoice.category_rate_mismatch` (`"S"` on a line at 0%).
    pub fn with_category(&self, category: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let category = self::category(&category)?;
            Ok(Self::wrap(self.inner.clone().with_category(category)?))
        })
    }

    /// The description.
    pub fn description(&self) -> String {
        self.inner.description().to_owned()
    }

    /// The quantity, as given.
    pub fn quantity(&self) -> String {
        self.inner.quantity().to_string()
    }

    /// The unit price before VAT, as given.
    pub fn unit_price(&self) -> String {
        self.inner.unit_price().to_string()
    }

    /// The VAT rate in percent, without trailing zeros (`"21"`; `"0"` for every category but `"S"`).
    pub fn rate(&self) -> String {
        self.inner.rate().to_string()
    }

    /// The VAT category's UBL code: `"S"`, `"Z"`, `"E"`, `"AE"` or `"O"`.
    pub fn category(&self) -> String {
        self.inner.category().code().to_owned()
    }

    /// The net amount in `currency` (an ISO 4217 code): quantity × unit price rounded to its minor
    /// unit, half away from zero. Throws `money.unknown_currency`.
    pub fn net(&self, currency: String) -> Result<String, EnvoiError> {
        guard(|| {
            let currency = self::currency(&currency)?;
            Ok(self.inner.net(currency).to_string())
        })
    }
}

/// A Peppol endpoint: a 4-digit EAS scheme (`"0208"` Belgian enterprise number, `"9930"` German VAT
/// number, `"0060"` DUNS…) and the identifier in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Endpoint {
    /// The EAS scheme, 4 digits.
    pub scheme: String,
    /// The identifier in the scheme.
    pub id: String,
}

/// The seller or the customer of an invoice: legal name, country (ISO 3166-1 alpha-2), postal
/// address, VAT number, Belgian enterprise number and Peppol endpoint. Identifiers are kept compact
/// (`"BE0403170701"`, `"0403170701"`). The VAT number is checked for its form only: validate it with
/// `validateVatNumber` first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Party {
    pub(crate) inner: envoi::invoice::Party,
}

impl fmt::Display for Party {
    /// `Party({"name":"Envoi SA","country":"BE",…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "Party", &self.inner)
    }
}

impl Hash for Party {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_json(&self.inner, state);
    }
}

impl Party {
    pub(crate) fn wrap(inner: envoi::invoice::Party) -> Arc<Self> {
        Arc::new(Party { inner })
    }

    fn with(
        &self,
        change: impl FnOnce(
            envoi::invoice::Party,
        ) -> Result<envoi::invoice::Party, envoi::invoice::InvoiceError>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(change(self.inner.clone())?)))
    }
}

#[uniffi::export]
impl Party {
    /// A party with its legal name and its country (`"be"`, `"DE"`, `"US"`; `"XI"` for Northern
    /// Ireland; `"GR"` for Greece, not its VAT prefix `"EL"`).
    ///
    /// Throws `invoice.invalid_text` (a blank name), `invoice.invalid_identifier` (not an ISO
    /// 3166-1 alpha-2 code).
    #[uniffi::constructor]
    pub fn new(name: String, country: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(envoi::invoice::Party::new(name, &country)?)))
    }

    /// A party written by `to_json`, checked as the builder checks it. Throws
    /// `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(from_json("a party", &json)?)))
    }

    /// The core's JSON form, every field named (`null` when absent).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| to_json("a party", &self.inner))
    }

    /// The same party with a postal address (`postal_code` may be empty). Throws
    /// `invoice.invalid_text`.
    pub fn with_address(
        &self,
        street: String,
        city: String,
        postal_code: String,
    ) -> Result<Arc<Self>, EnvoiError> {
        self.with(|party| party.with_address(street, city, postal_code))
    }

    /// The same party with a VAT number, kept compact (`"be 0403.170.701"` → `"BE0403170701"`).
    /// Throws `invoice.invalid_identifier` (no country prefix, wrong length, an OSS id, a Belgian
    /// number that differs from the enterprise number).
    pub fn with_vat_number(&self, vat_number: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|party| party.with_vat_number(&vat_number))
    }

    /// The same party with a Belgian enterprise number (KBO/BCE), kept as 10 digits; it is also the
    /// party's Peppol endpoint (scheme `"0208"`) unless `with_endpoint` gives another. Throws
    /// `invoice.invalid_identifier` (not 10 digits, bad check digits, differs from the Belgian VAT
    /// number).
    pub fn with_enterprise_number(
        &self,
        enterprise_number: String,
    ) -> Result<Arc<Self>, EnvoiError> {
        self.with(|party| party.with_enterprise_number(&enterprise_number))
    }

    /// The same party with an explicit Peppol endpoint. Throws `invoice.invalid_identifier` (a
    /// scheme that is not 4 digits, a blank identifier or one with spaces, a bad `"0208"` number).
    pub fn with_endpoint(&self, scheme: String, id: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|party| party.with_endpoint(&scheme, &id))
    }

    /// The legal name.
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The country, upper case.
    pub fn country(&self) -> String {
        self.inner.country().to_owned()
    }

    /// The street, if an address was given.
    pub fn street(&self) -> Option<String> {
        self.inner.street().map(str::to_owned)
    }

    /// The city, if an address was given.
    pub fn city(&self) -> Option<String> {
        self.inner.city().map(str::to_owned)
    }

    /// The postal code, if the address has one.
    pub fn postal_code(&self) -> Option<String> {
        self.inner.postal_code().map(str::to_owned)
    }

    /// The VAT number, compact.
    pub fn vat_number(&self) -> Option<String> {
        self.inner.vat_number().map(str::to_owned)
    }

    /// The Belgian enterprise number, 10 digits.
    pub fn enterprise_number(&self) -> Option<String> {
        self.inner.enterprise_number().map(str::to_owned)
    }

    /// The Peppol endpoint: the one given, else `"0208"` + the enterprise number, else null/nil.
    pub fn endpoint(&self) -> Option<Endpoint> {
        self.inner.endpoint().map(|endpoint| Endpoint {
            scheme: endpoint.scheme().to_owned(),
            id: endpoint.id().to_owned(),
        })
    }
}

/// The VAT accounting currency of an invoice in another currency (BT-6) and the exchange rate the
/// host supplies: units of `currency` per unit of the invoice currency (`"0.92"`: 1 USD = 0.92 EUR).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct TaxCurrency {
    /// The ISO 4217 code (`"EUR"`).
    pub currency: String,
    /// The exchange rate as plain decimal text, above 0 and below 1,000,000, at most 10 decimals.
    pub exchange_rate: String,
}

/// The invoice a credit note (or a corrective invoice) refers to (BG-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PrecedingInvoice {
    /// Its number.
    pub number: String,
    /// Its date, if known.
    #[uniffi(default)]
    pub date: Option<IsoDate>,
}

/// The VAT breakdown of one (category, rate) pair (BG-23). Amounts are decimal text with the
/// currency's minor-unit decimals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RateTotal {
    /// The VAT category's UBL code (`"S"`, `"Z"`, `"E"`, `"AE"`, `"O"`).
    pub category: String,
    /// The rate in percent, without trailing zeros (`"21"`).
    pub rate: String,
    /// The taxable amount: the sum of the net amounts of its lines.
    pub base: String,
    /// The VAT: taxable amount × rate ÷ 100, rounded half away from zero.
    pub vat: String,
}

/// The totals of an invoice by the EN 16931 arithmetic: the breakdown per category and rate (highest
/// rate first) and the three totals, as decimal text with the currency's minor-unit decimals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Totals {
    /// The ISO 4217 code of every amount.
    pub currency: String,
    /// One entry per (category, rate), highest rate first.
    pub per_rate: Vec<RateTotal>,
    /// The sum of the line net amounts (BT-109).
    pub total_without_vat: String,
    /// The sum of the rates' VAT (BT-110).
    pub total_vat: String,
    /// `total_without_vat + total_vat` (BT-112).
    pub total_with_vat: String,
}

impl Totals {
    pub(crate) fn of(totals: &envoi::invoice::Totals) -> Self {
        Totals {
            currency: totals.currency().code().to_owned(),
            per_rate: totals
                .per_rate()
                .iter()
                .map(|rate| RateTotal {
                    category: rate.category().code().to_owned(),
                    rate: rate.rate().to_string(),
                    base: rate.base().to_string(),
                    vat: rate.vat().to_string(),
                })
                .collect(),
            total_without_vat: totals.total_without_vat().to_string(),
            total_vat: totals.total_vat().to_string(),
            total_with_vat: totals.total_with_vat().to_string(),
        }
    }
}

/// An invoice or a credit note: lines in one currency, the parties, dates, language, references
/// and note. `totals()` works on any invoice; `to_ubl()` needs what an e-invoice needs and names
/// the first missing field.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Invoice {
    inner: envoi::invoice::Invoice,
}

impl fmt::Display for Invoice {
    /// `Invoice({"kind":"invoice","number":"2026-0001",…})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "Invoice", &self.inner)
    }
}

impl Hash for Invoice {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_json(&self.inner, state);
    }
}

/// The optional parts of an invoice, as the constructors take them.
struct Parts {
    number: Option<String>,
    date: Option<IsoDate>,
    due_date: Option<IsoDate>,
    language: String,
    seller: Option<Arc<Party>>,
    customer: Option<Arc<Party>>,
    buyer_reference: Option<String>,
    order_reference: Option<String>,
    note: Option<String>,
    payment_terms: Option<String>,
    tax_currency: Option<TaxCurrency>,
    preceding_invoice: Option<PrecedingInvoice>,
}

impl Invoice {
    pub(crate) fn wrap(inner: envoi::invoice::Invoice) -> Arc<Self> {
        Arc::new(Invoice { inner })
    }

    /// A document of `kind` with `parts`, applied in the order of the core's builder methods.
    fn build(
        kind: DocumentKind,
        currency: String,
        lines: Vec<Arc<InvoiceLine>>,
        parts: Parts,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let currency = self::currency(&currency)?;
            let lines = lines.iter().map(|line| line.inner.clone()).collect();
            let mut invoice = match kind {
                DocumentKind::CreditNote => envoi::invoice::Invoice::credit_note(currency, lines),
                _ => envoi::invoice::Invoice::new(currency, lines),
            };
            if let Some(number) = parts.number {
                invoice = invoice.with_number(number)?;
            }
            if let Some(date) = optional_date("date", parts.date.as_ref())? {
                invoice = invoice.with_date(date);
            }
            if let Some(date) = optional_date("due_date", parts.due_date.as_ref())? {
                invoice = invoice.with_due_date(date);
            }
            invoice = invoice.with_language(parts.language.parse::<Language>()?);
            if let Some(seller) = parts.seller {
                invoice = invoice.with_seller(seller.inner.clone());
            }
            if let Some(customer) = parts.customer {
                invoice = invoice.with_customer(customer.inner.clone());
            }
            if let Some(reference) = parts.buyer_reference {
                invoice = invoice.with_buyer_reference(reference)?;
            }
            if let Some(reference) = parts.order_reference {
                invoice = invoice.with_order_reference(reference)?;
            }
            if let Some(note) = parts.note {
                invoice = invoice.with_note(note)?;
            }
            if let Some(terms) = parts.payment_terms {
                invoice = invoice.with_payment_terms(terms)?;
            }
            if let Some(tax) = parts.tax_currency {
                invoice = with_tax_currency(invoice, &tax)?;
            }
            if let Some(preceding) = parts.preceding_invoice {
                let date = optional_date("preceding_invoice.date", preceding.date.as_ref())?;
                invoice = invoice.with_preceding_invoice(preceding.number, date)?;
            }
            Ok(Self::wrap(invoice))
        })
    }

    fn with(
        &self,
        change: impl FnOnce(envoi::invoice::Invoice) -> Result<envoi::invoice::Invoice, EnvoiError>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(change(self.inner.clone())?)))
    }
}

fn with_tax_currency(
    invoice: envoi::invoice::Invoice,
    tax: &TaxCurrency,
) -> Result<envoi::invoice::Invoice, EnvoiError> {
    let currency = currency(&tax.currency)?;
    let rate = parse_decimal("tax_currency.exchange_rate", &tax.exchange_rate)?;
    Ok(invoice.with_tax_currency(currency, rate)?)
}

// The constructors take every optional part by name (with defaults), as Python's keyword
// arguments; the `with_…` methods change one.
#[allow(clippy::too_many_arguments)]
#[uniffi::export]
impl Invoice {
    /// An invoice in `currency` (ISO 4217) with `lines` and, optionally, its `number`, issue
    /// `date`, `due_date`, `language` (`"en"` by default; the language of the UBL's exemption
    /// reasons), `seller`, `customer`, `buyer_reference`, `order_reference`, `note` (such as the
    /// legal mention of a reverse charge), `payment_terms`, `tax_currency` (the VAT accounting
    /// currency and its exchange rate) and `preceding_invoice`.
    ///
    /// Throws `money.unknown_currency`, `language.unsupported`, `invoice.invalid_text` (a blank
    /// reference, number, note or terms), `invoice.invalid_tax_currency` (the invoice's own currency,
    /// a rate out of bounds), `argument.invalid_decimal`, `argument.invalid_date`.
    #[uniffi::constructor(default(
        number = None,
        date = None,
        due_date = None,
        language = "en",
        seller = None,
        customer = None,
        buyer_reference = None,
        order_reference = None,
        note = None,
        payment_terms = None,
        tax_currency = None,
        preceding_invoice = None
    ))]
    pub fn new(
        currency: String,
        lines: Vec<Arc<InvoiceLine>>,
        number: Option<String>,
        date: Option<IsoDate>,
        due_date: Option<IsoDate>,
        language: String,
        seller: Option<Arc<Party>>,
        customer: Option<Arc<Party>>,
        buyer_reference: Option<String>,
        order_reference: Option<String>,
        note: Option<String>,
        payment_terms: Option<String>,
        tax_currency: Option<TaxCurrency>,
        preceding_invoice: Option<PrecedingInvoice>,
    ) -> Result<Arc<Self>, EnvoiError> {
        let parts = Parts {
            number,
            date,
            due_date,
            language,
            seller,
            customer,
            buyer_reference,
            order_reference,
            note,
            payment_terms,
            tax_currency,
            preceding_invoice,
        };
        Self::build(DocumentKind::Invoice, currency, lines, parts)
    }

    /// A credit note (UBL `CreditNote`, type code 381) in `currency` with `lines`, whose amounts are
    /// positive as on the invoice it credits (name it in `preceding_invoice`: the UBL export needs
    /// it). The other arguments and errors are the invoice constructor's; a credit note has no due
    /// date in UBL (state it in `payment_terms`).
    #[uniffi::constructor(default(
        number = None,
        date = None,
        due_date = None,
        language = "en",
        seller = None,
        customer = None,
        buyer_reference = None,
        order_reference = None,
        note = None,
        payment_terms = None,
        tax_currency = None,
        preceding_invoice = None
    ))]
    pub fn credit_note(
        currency: String,
        lines: Vec<Arc<InvoiceLine>>,
        number: Option<String>,
        date: Option<IsoDate>,
        due_date: Option<IsoDate>,
        language: String,
        seller: Option<Arc<Party>>,
        customer: Option<Arc<Party>>,
        buyer_reference: Option<String>,
        order_reference: Option<String>,
        note: Option<String>,
        payment_terms: Option<String>,
        tax_currency: Option<TaxCurrency>,
        preceding_invoice: Option<PrecedingInvoice>,
    ) -> Result<Arc<Self>, EnvoiError> {
        let parts = Parts {
            number,
            date,
            due_date,
            language,
            seller,
            customer,
            buyer_reference,
            order_reference,
            note,
            payment_terms,
            tax_currency,
            preceding_invoice,
        };
        Self::build(DocumentKind::CreditNote, currency, lines, parts)
    }

    /// An invoice or credit note written by `to_json`, checked as the constructors check it. Throws
    /// `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| Ok(Self::wrap(from_json("an invoice", &json)?)))
    }

    /// The core's JSON form, every field named (`null` when absent, decimals as strings).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| to_json("an invoice", &self.inner))
    }

    /// The totals by the EN 16931 arithmetic: line net amounts rounded to the minor unit, VAT per
    /// (category, rate) = taxable amount × rate rounded half away from zero, highest rate first.
    pub fn totals(&self) -> Totals {
        Totals::of(&self.inner.totals())
    }

    /// The invoice as a UBL 2.1 `Invoice` (or `CreditNote`) following Peppol BIS Billing 3.0, as
    /// XML text.
    ///
    /// Throws `invoice.missing_field` (`field`: `number`, `date`, `lines`, `seller`, `customer`,
    /// `seller.endpoint`, `customer.endpoint`, `buyer_reference`, `seller.vat_number`,
    /// `seller.enterprise_number`, `customer.vat_number`, `preceding_invoice`, `due_date`…),
    /// `invoice.incompatible_categories` (out-of-scope lines beside others),
    /// `invoice.not_applicable` (a due date on a credit note), `invoice.unsupported_currency` (more
    /// than 2 decimals), `invoice.line_rounding` (a currency without cents and a unit price that
    /// does not give a whole amount), `invoice.invalid_date` (a year outside 1000 to 9999),
    /// `invoice.amount_out_of_range` (the VAT in the tax currency overflows).
    pub fn to_ubl(&self) -> Result<String, EnvoiError> {
        guard(|| Ok(self.inner.to_ubl()?))
    }

    /// `"invoice"` or `"credit_note"`.
    pub fn kind(&self) -> String {
        match self.inner.kind() {
            DocumentKind::CreditNote => "credit_note",
            _ => "invoice",
        }
        .to_owned()
    }

    /// The number, if given.
    pub fn number(&self) -> Option<String> {
        self.inner.number().map(str::to_owned)
    }

    /// The ISO 4217 code of every amount.
    pub fn currency(&self) -> String {
        self.inner.currency().code().to_owned()
    }

    /// The lines.
    pub fn lines(&self) -> Vec<Arc<InvoiceLine>> {
        self.inner
            .lines()
            .iter()
            .cloned()
            .map(InvoiceLine::wrap)
            .collect()
    }

    /// The issue date, if given.
    pub fn date(&self) -> Option<IsoDate> {
        self.inner.date().map(IsoDate::of)
    }

    /// The payment due date, if given.
    pub fn due_date(&self) -> Option<IsoDate> {
        self.inner.due_date().map(IsoDate::of)
    }

    /// The language: `"fr"`, `"nl"`, `"de"` or `"en"`.
    pub fn language(&self) -> String {
        self.inner.language().code().to_owned()
    }

    /// The seller, if given.
    pub fn seller(&self) -> Option<Arc<Party>> {
        self.inner.seller().cloned().map(Party::wrap)
    }

    /// The customer, if given.
    pub fn customer(&self) -> Option<Arc<Party>> {
        self.inner.customer().cloned().map(Party::wrap)
    }

    /// The buyer reference (BT-10), if given.
    pub fn buyer_reference(&self) -> Option<String> {
        self.inner.buyer_reference().map(str::to_owned)
    }

    /// The order reference (BT-13), if given.
    pub fn order_reference(&self) -> Option<String> {
        self.inner.order_reference().map(str::to_owned)
    }

    /// The note (BT-22), if given.
    pub fn note(&self) -> Option<String> {
        self.inner.note().map(str::to_owned)
    }

    /// The payment terms (BT-20), if given.
    pub fn payment_terms(&self) -> Option<String> {
        self.inner.payment_terms().map(str::to_owned)
    }

    /// The VAT accounting currency and its exchange rate, if given.
    pub fn tax_currency(&self) -> Option<TaxCurrency> {
        self.inner.tax_currency().map(|tax| TaxCurrency {
            currency: tax.currency().code().to_owned(),
            exchange_rate: tax.exchange_rate().to_string(),
        })
    }

    /// The invoice this document credits or corrects, if given.
    pub fn preceding_invoice(&self) -> Option<PrecedingInvoice> {
        self.inner
            .preceding_invoice()
            .map(|preceding| PrecedingInvoice {
                number: preceding.number().to_owned(),
                date: preceding.date().map(IsoDate::of),
            })
    }

    /// The same document with its number. Throws `invoice.invalid_text`.
    pub fn with_number(&self, number: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_number(number)?))
    }

    /// The same document with its issue date. Throws `argument.invalid_date` (Swift).
    pub fn with_date(&self, date: IsoDate) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_date(parse_date("date", &date.0)?)))
    }

    /// The same document with its payment due date. Throws `argument.invalid_date` (Swift).
    pub fn with_due_date(&self, due_date: IsoDate) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_due_date(parse_date("due_date", &due_date.0)?)))
    }

    /// The same document in `language` (`"fr"`, `"nl"`, `"de"`, `"en"`, any case). Throws
    /// `language.unsupported`.
    pub fn with_language(&self, language: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_language(language.parse::<Language>()?)))
    }

    /// The same document with its seller.
    pub fn with_seller(&self, seller: Arc<Party>) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_seller(seller.inner.clone())))
    }

    /// The same document with its customer.
    pub fn with_customer(&self, customer: Arc<Party>) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_customer(customer.inner.clone())))
    }

    /// The same document with the buyer's reference (BT-10). Throws `invoice.invalid_text`.
    pub fn with_buyer_reference(&self, reference: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_buyer_reference(reference)?))
    }

    /// The same document with the purchase order reference (BT-13). Throws
    /// `invoice.invalid_text`.
    pub fn with_order_reference(&self, reference: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_order_reference(reference)?))
    }

    /// The same document with its note (BT-22), such as a VAT mention. Throws
    /// `invoice.invalid_text`.
    pub fn with_note(&self, note: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_note(note)?))
    }

    /// The same document with its payment terms (BT-20). Throws `invoice.invalid_text`.
    pub fn with_payment_terms(&self, terms: String) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| Ok(invoice.with_payment_terms(terms)?))
    }

    /// The same document with a VAT accounting currency and the exchange rate the host supplies.
    /// Throws `invoice.invalid_tax_currency`, `money.unknown_currency`,
    /// `argument.invalid_decimal`.
    pub fn with_tax_currency(&self, tax_currency: TaxCurrency) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| with_tax_currency(invoice, &tax_currency))
    }

    /// The same document with the invoice it credits or corrects. Throws `invoice.invalid_text`,
    /// `argument.invalid_date` (Swift).
    pub fn with_preceding_invoice(
        &self,
        preceding_invoice: PrecedingInvoice,
    ) -> Result<Arc<Self>, EnvoiError> {
        self.with(|invoice| {
            let date = optional_date("preceding_invoice.date", preceding_invoice.date.as_ref())?;
            Ok(invoice.with_preceding_invoice(preceding_invoice.number, date)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::INVALID_DECIMAL_CODE;

    fn line(quantity: &str, price: &str, rate: &str) -> Arc<InvoiceLine> {
        InvoiceLine::new(
            "SMS".into(),
            quantity.into(),
            price.into(),
            rate.into(),
            None,
        )
        .unwrap()
    }

    fn invoice(lines: Vec<Arc<InvoiceLine>>) -> Arc<Invoice> {
        Invoice::new(
            "EUR".into(),
            lines,
            None,
            None,
            None,
            "en".into(),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        )
        .unwrap()
    }

    #[test]
    fn totals_cross_as_text() {
        let totals = invoice(vec![line("1000", "0.0075", "21"), line("3", "8.125", "21")]).totals();
        assert_eq!(
            (
                totals.total_without_vat.as_str(),
                totals.total_vat.as_str(),
                totals.total_with_vat.as_str()
            ),
            ("31.88", "6.69", "38.57")
        );
        assert_eq!(totals.per_rate[0].category, "S");
    }

    #[test]
    fn lines_convert_and_refuse() {
        let reverse = InvoiceLine::new(
            "SMS".into(),
            "1".into(),
            "1".into(),
            "21".into(),
            Some("reverse_charge".into()),
        )
        .unwrap();
        assert_eq!(
            (reverse.category().as_str(), reverse.rate().as_str()),
            ("AE", "0")
        );
        let again = InvoiceLine::from_json(reverse.to_json().unwrap()).unwrap();
        assert_eq!(*again, *reverse);
        let error = InvoiceLine::new(
            "SMS".into(),
            "1".into(),
            "1".into(),
            "21".into(),
            Some("X".into()),
        )
        .unwrap_err();
        assert_eq!(error.code(), "invoice.invalid_argument");
        let error = InvoiceLine::new("SMS".into(), "1e3".into(), "1".into(), "21".into(), None)
            .unwrap_err();
        assert_eq!(error.code(), INVALID_DECIMAL_CODE);
        let error =
            InvoiceLine::new("SMS".into(), "1".into(), "1".into(), "121".into(), None).unwrap_err();
        let EnvoiError::Invoice { field, value, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            (field.as_deref(), value.as_deref()),
            (Some("rate"), Some("121"))
        );
    }

    #[test]
    fn invoices_round_trip_and_name_missing_fields() {
        let invoice = invoice(vec![line("1", "1", "21")]);
        let again = Invoice::from_json(invoice.to_json().unwrap()).unwrap();
        assert_eq!(*again, *invoice);
        let error = invoice.to_ubl().unwrap_err();
        let EnvoiError::Invoice { field, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(field.as_deref(), Some("number"));
        let error = invoice.with_language("es".into()).unwrap_err();
        assert_eq!(error.code(), "language.unsupported");
        let error = Invoice::from_json("{}".into()).unwrap_err();
        assert_eq!(error.code(), INVALID_JSON_CODE);
    }
}
