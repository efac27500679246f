//! Invoices and credit notes: lines, EN 16931 arithmetic and the UBL 2.1 / Peppol BIS Billing 3.0
//! export (SPEC section 7).
//!
//! An [`Invoice`] is a currency, [`InvoiceLine`]s (description, quantity, unit price, VAT rate and
//! [`VatCategory`]), a seller and a customer ([`Party`]), a date, a language and references.
//! [`Invoice::totals`] applies the EN 16931 arithmetic: each line's net amount is rounded to the cent
//! (half away from zero), the taxable amount of each (category, rate) is the sum of its lines' net
//! amounts, its VAT is taxable amount × rate rounded half away from zero (`-0.525` → `-0.53`), and the
//! totals add up (BR-CO-10, -13, -14, -15). [`Invoice::to_ubl`] writes the Peppol BIS Billing 3.0
//! `Invoice` or `CreditNote`, and says which field is missing when it cannot.
//!
//! Every type is plain data with a stable JSON form (decimals as strings); reading it back checks the
//! same rules as the constructors.
//!
//! ```
//! use chrono::NaiveDate;
//! use envoi::invoice::{Invoice, InvoiceLine, Party};
//! use envoi::money::Currency;
//! use rust_decimal::Decimal;
//!
//! let seller = Party::new("Envoi SA", "BE")?
//!     .with_address("Rue de la Loi 16", "Bruxelles", "1000")?
//!     .with_vat_number("BE0403170701")?
//!     .with_enterprise_number("0403170701")?;
//! let customer = Party::new("Boulangerie Dupont SRL", "BE")?
//!     .with_address("Place du Marché 3", "Namur", "5000")?
//!     .with_vat_number("BE0202239951")?
//!     .with_enterprise_number("0202239951")?;
//! let lines = vec![
//!     InvoiceLine::new("SMS pack, 1000 parts", Decimal::from(1000), Decimal::new(75, 4), Decimal::from(21))?,
//!     InvoiceLine::new("Registered letters", Decimal::from(3), Decimal::new(8125, 3), Decimal::from(21))?,
//! ];
//! let invoice = Invoice::new(Currency::EUR, lines)
//!     .with_number("2026-0001")?
//!     .with_date(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap())
//!     .with_due_date(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap())
//!     .with_seller(seller)
//!     .with_customer(customer)
//!     .with_buyer_reference("PO-77")?;
//!
//! let totals = invoice.totals();
//! assert_eq!(totals.total_without_vat().to_string(), "31.88"); // 7.50 + 24.38 (24.375)
//! assert_eq!(totals.total_vat().to_string(), "6.69"); // 31.88 × 21% = 6.6948
//! assert_eq!(totals.total_with_vat().to_string(), "38.57");
//!
//! let xml = invoice.to_ubl()?;
//! assert!(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">38.57</cbc:PayableAmount>"));
//! assert!(xml.contains("<cbc:EndpointID schemeID=\"0208\">0403170701</cbc:EndpointID>"));
//! # Ok::<(), envoi::invoice::InvoiceError>(())
//! ```

mod error;
mod line;
mod party;
mod totals;
mod ubl;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use error::InvoiceError;
pub use line::{InvoiceLine, VatCategory};
pub(crate) use party::is_country;
pub use party::{Endpoint, Party};
pub use totals::{RateTotal, Totals};

/// The language of an invoice: it chooses the language of the exemption reasons the UBL export
/// writes; the legal mention is the caller's [`Invoice::with_note`].
pub use crate::language::Language;

use crate::money::Currency;
use error::check_text;

/// Whether a document is an invoice or a credit note (UBL `Invoice` with type code 380, or
/// `CreditNote` with type code 381).
///
/// ```
/// use envoi::invoice::DocumentKind;
/// assert_eq!(serde_json::to_string(&DocumentKind::CreditNote).unwrap(), "\"credit_note\"");
/// assert_eq!(DocumentKind::CreditNote.type_code(), "381");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// An invoice (UNCL 1001 code 380).
    Invoice,
    /// A credit note (UNCL 1001 code 381): it cancels or reduces an earlier invoice. Its amounts are
    /// positive, as on the invoice it credits.
    CreditNote,
}

impl DocumentKind {
    /// The UNCL 1001 document type code: `380` (invoice) or `381` (credit note).
    ///
    /// ```
    /// assert_eq!(envoi::invoice::DocumentKind::Invoice.type_code(), "380");
    /// ```
    pub fn type_code(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "380",
            DocumentKind::CreditNote => "381",
        }
    }
}

/// The VAT accounting currency of an invoice in another currency (EN 16931 BT-6) and the exchange
/// rate the host supplies: how many units of the tax currency one unit of the invoice currency is
/// worth. The UBL export then states the total VAT in that currency too (BT-111).
///
/// ```
/// use envoi::invoice::TaxCurrency;
/// use envoi::money::Currency;
/// use rust_decimal::Decimal;
///
/// let eur = TaxCurrency::new(Currency::EUR, Decimal::new(92, 2))?; // 1 USD = 0.92 EUR
/// assert_eq!(eur.exchange_rate(), Decimal::new(92, 2));
/// assert!(TaxCurrency::new(Currency::EUR, Decimal::ZERO).is_err());
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TaxCurrencyData")]
pub struct TaxCurrency {
    currency: Currency,
    #[serde(with = "rust_decimal::serde::str")]
    exchange_rate: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxCurrencyData {
    currency: Currency,
    #[serde(with = "rust_decimal::serde::str")]
    exchange_rate: Decimal,
}

impl TryFrom<TaxCurrencyData> for TaxCurrency {
    type Error = InvoiceError;

    fn try_from(data: TaxCurrencyData) -> Result<Self, Self::Error> {
        TaxCurrency::new(data.currency, data.exchange_rate)
    }
}

impl TaxCurrency {
    /// A tax currency at an exchange rate above 0 and below 1,000,000, with at most 10 decimals.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidTaxCurrency`] for a rate out of those bounds.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::TaxCurrency;
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    /// let error = TaxCurrency::new(Currency::EUR, Decimal::new(-1, 0)).unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_tax_currency");
    /// ```
    pub fn new(currency: Currency, exchange_rate: Decimal) -> Result<TaxCurrency, InvoiceError> {
        let invalid = |rule| InvoiceError::InvalidTaxCurrency {
            currency,
            exchange_rate,
            rule,
        };
        if exchange_rate <= Decimal::ZERO || exchange_rate >= Decimal::from(1_000_000) {
            return Err(invalid(
                "is not an exchange rate; it is above 0 and below 1000000 (units of the tax currency per unit of the invoice currency)",
            ));
        }
        if exchange_rate.normalize().scale() > 10 {
            return Err(invalid(
                "has too many decimals; an exchange rate has at most 10",
            ));
        }
        Ok(TaxCurrency {
            currency,
            exchange_rate,
        })
    }

    /// The VAT accounting currency.
    ///
    /// ```
    /// # use envoi::invoice::TaxCurrency;
    /// # use envoi::money::Currency;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(TaxCurrency::new(Currency::EUR, Decimal::ONE)?.currency(), Currency::EUR);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Units of the tax currency per unit of the invoice currency.
    ///
    /// ```
    /// # use envoi::invoice::TaxCurrency;
    /// # use envoi::money::Currency;
    /// # use rust_decimal::Decimal;
    /// assert_eq!(TaxCurrency::new(Currency::EUR, Decimal::ONE)?.exchange_rate(), Decimal::ONE);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn exchange_rate(&self) -> Decimal {
        self.exchange_rate
    }
}

/// The invoice a credit note (or a corrective invoice) refers to (EN 16931 BG-3): its number and,
/// optionally, its date.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::invoice::PrecedingInvoice;
/// let preceding = PrecedingInvoice::new("2026-0001", NaiveDate::from_ymd_opt(2026, 1, 15))?;
/// assert_eq!(preceding.number(), "2026-0001");
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PrecedingInvoiceData")]
pub struct PrecedingInvoice {
    number: String,
    date: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrecedingInvoiceData {
    number: String,
    #[serde(default)]
    date: Option<NaiveDate>,
}

impl TryFrom<PrecedingInvoiceData> for PrecedingInvoice {
    type Error = InvoiceError;

    fn try_from(data: PrecedingInvoiceData) -> Result<Self, Self::Error> {
        PrecedingInvoice::new(data.number, data.date)
    }
}

impl PrecedingInvoice {
    /// A reference to the invoice with this number (and date, if known).
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank number.
    ///
    /// ```
    /// assert!(envoi::invoice::PrecedingInvoice::new("", None).is_err());
    /// ```
    pub fn new(
        number: impl Into<String>,
        date: Option<NaiveDate>,
    ) -> Result<PrecedingInvoice, InvoiceError> {
        let number = number.into();
        check_text("preceding_invoice.number", &number)?;
        Ok(PrecedingInvoice { number, date })
    }

    /// The number of the preceding invoice.
    ///
    /// ```
    /// let preceding = envoi::invoice::PrecedingInvoice::new("A-1", None)?;
    /// assert_eq!(preceding.number(), "A-1");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The date of the preceding invoice, if given.
    ///
    /// ```
    /// let preceding = envoi::invoice::PrecedingInvoice::new("A-1", None)?;
    /// assert_eq!(preceding.date(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }
}

/// An invoice or a credit note: its lines in one currency, the parties, dates, language, references
/// and note.
///
/// Build it with [`Invoice::new`] (or [`Invoice::credit_note`]) and the `with_…` methods; the methods
/// that take text check it and return a `Result`. [`totals`](Self::totals) works on any invoice;
/// [`to_ubl`](Self::to_ubl) needs what an e-invoice needs (number, date, parties with their Peppol
/// endpoints, a buyer or order reference…) and names the first field that is missing.
///
/// Its JSON form names every field (`null` when absent, decimals as strings) and reading it checks
/// the same rules as the builder.
///
/// ```
/// use envoi::invoice::{Invoice, InvoiceLine};
/// use envoi::money::Currency;
/// use rust_decimal::Decimal;
///
/// let line = InvoiceLine::new("Letters", Decimal::from(10), Decimal::new(195, 2), Decimal::from(21))?;
/// let invoice = Invoice::new(Currency::EUR, vec![line]).with_number("2026-0002")?;
/// let json = serde_json::to_string(&invoice).unwrap();
/// assert_eq!(serde_json::from_str::<Invoice>(&json).unwrap(), invoice);
/// assert_eq!(invoice.totals().total_with_vat().to_string(), "23.60"); // 19.50 + 4.10 (4.095)
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InvoiceData")]
pub struct Invoice {
    kind: DocumentKind,
    number: Option<String>,
    currency: Currency,
    date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    language: Language,
    seller: Option<Party>,
    customer: Option<Party>,
    buyer_reference: Option<String>,
    order_reference: Option<String>,
    note: Option<String>,
    payment_terms: Option<String>,
    tax_currency: Option<TaxCurrency>,
    preceding_invoice: Option<PrecedingInvoice>,
    lines: Vec<InvoiceLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoiceData {
    kind: DocumentKind,
    #[serde(default)]
    number: Option<String>,
    currency: Currency,
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    due_date: Option<NaiveDate>,
    #[serde(default)]
    language: Language,
    #[serde(default)]
    seller: Option<Party>,
    #[serde(default)]
    customer: Option<Party>,
    #[serde(default)]
    buyer_reference: Option<String>,
    #[serde(default)]
    order_reference: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    payment_terms: Option<String>,
    #[serde(default)]
    tax_currency: Option<TaxCurrency>,
    #[serde(default)]
    preceding_invoice: Option<PrecedingInvoice>,
    lines: Vec<InvoiceLine>,
}

impl TryFrom<InvoiceData> for Invoice {
    type Error = InvoiceError;

    fn try_from(data: InvoiceData) -> Result<Self, Self::Error> {
        let mut invoice = Invoice {
            kind: data.kind,
            date: data.date,
            due_date: data.due_date,
            language: data.language,
            seller: data.seller,
            customer: data.customer,
            preceding_invoice: data.preceding_invoice,
            ..Invoice::new(data.currency, data.lines)
        };
        if let Some(number) = data.number {
            invoice = invoice.with_number(number)?;
        }
        if let Some(reference) = data.buyer_reference {
            invoice = invoice.with_buyer_reference(reference)?;
        }
        if let Some(reference) = data.order_reference {
            invoice = invoice.with_order_reference(reference)?;
        }
        if let Some(note) = data.note {
            invoice = invoice.with_note(note)?;
        }
        if let Some(terms) = data.payment_terms {
            invoice = invoice.with_payment_terms(terms)?;
        }
        if let Some(tax) = data.tax_currency {
            invoice = invoice.with_tax_currency(tax.currency, tax.exchange_rate)?;
        }
        Ok(invoice)
    }
}

/// Checks an optional text field and returns it.
fn text(field: &str, value: String) -> Result<Option<String>, InvoiceError> {
    check_text(field, &value)?;
    Ok(Some(value))
}

impl Invoice {
    /// An invoice in `currency` with these lines; language English, everything else to be added.
    ///
    /// ```
    /// use envoi::invoice::{DocumentKind, Invoice, Language};
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]);
    /// assert_eq!((invoice.kind(), invoice.language()), (DocumentKind::Invoice, Language::En));
    /// ```
    pub fn new(currency: Currency, lines: Vec<InvoiceLine>) -> Invoice {
        Invoice {
            kind: DocumentKind::Invoice,
            number: None,
            currency,
            date: None,
            due_date: None,
            language: Language::default(),
            seller: None,
            customer: None,
            buyer_reference: None,
            order_reference: None,
            note: None,
            payment_terms: None,
            tax_currency: None,
            preceding_invoice: None,
            lines,
        }
    }

    /// A credit note in `currency` with these lines. Its amounts are positive, as on the invoice it
    /// credits; name that invoice with [`with_preceding_invoice`](Self::with_preceding_invoice).
    ///
    /// ```
    /// use envoi::invoice::{DocumentKind, Invoice};
    /// use envoi::money::Currency;
    /// assert_eq!(Invoice::credit_note(Currency::EUR, vec![]).kind(), DocumentKind::CreditNote);
    /// ```
    pub fn credit_note(currency: Currency, lines: Vec<InvoiceLine>) -> Invoice {
        Invoice {
            kind: DocumentKind::CreditNote,
            ..Invoice::new(currency, lines)
        }
    }

    /// The same invoice with its number (BT-1).
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank number or control characters.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_number("2026-0001")?;
    /// assert_eq!(invoice.number(), Some("2026-0001"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_number(self, number: impl Into<String>) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            number: text("number", number.into())?,
            ..self
        })
    }

    /// The same invoice with its issue date (BT-2).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    /// assert_eq!(Invoice::new(Currency::EUR, vec![]).with_date(day).date(), Some(day));
    /// ```
    pub fn with_date(self, date: NaiveDate) -> Invoice {
        Invoice {
            date: Some(date),
            ..self
        }
    }

    /// The same invoice with its payment due date (BT-9). A UBL 2.1 credit note has no due date:
    /// state it in [`with_payment_terms`](Self::with_payment_terms).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let day = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
    /// assert_eq!(Invoice::new(Currency::EUR, vec![]).with_due_date(day).due_date(), Some(day));
    /// ```
    pub fn with_due_date(self, due_date: NaiveDate) -> Invoice {
        Invoice {
            due_date: Some(due_date),
            ..self
        }
    }

    /// The same invoice with its language.
    ///
    /// ```
    /// use envoi::invoice::{Invoice, Language};
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_language(Language::Nl);
    /// assert_eq!(invoice.language(), Language::Nl);
    /// ```
    pub fn with_language(self, language: Language) -> Invoice {
        Invoice { language, ..self }
    }

    /// The same invoice with its seller.
    ///
    /// ```
    /// use envoi::invoice::{Invoice, Party};
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_seller(Party::new("Envoi SA", "BE")?);
    /// assert_eq!(invoice.seller().map(Party::name), Some("Envoi SA"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_seller(self, seller: Party) -> Invoice {
        Invoice {
            seller: Some(seller),
            ..self
        }
    }

    /// The same invoice with its customer (the buyer).
    ///
    /// ```
    /// use envoi::invoice::{Invoice, Party};
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_customer(Party::new("Acme", "DE")?);
    /// assert_eq!(invoice.customer().map(Party::country), Some("DE"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_customer(self, customer: Party) -> Invoice {
        Invoice {
            customer: Some(customer),
            ..self
        }
    }

    /// The same invoice with the buyer's reference (BT-10), the identifier the customer asked to
    /// see on its invoices. Peppol needs a buyer reference or an order reference.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank reference or control characters.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_buyer_reference("Dept. 42")?;
    /// assert_eq!(invoice.buyer_reference(), Some("Dept. 42"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_buyer_reference(
        self,
        reference: impl Into<String>,
    ) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            buyer_reference: text("buyer_reference", reference.into())?,
            ..self
        })
    }

    /// The same invoice with the customer's purchase order reference (BT-13), such as the envoi order
    /// id.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank reference or control characters.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_order_reference("ord_123")?;
    /// assert_eq!(invoice.order_reference(), Some("ord_123"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_order_reference(
        self,
        reference: impl Into<String>,
    ) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            order_reference: text("order_reference", reference.into())?,
            ..self
        })
    }

    /// The same invoice with its note (BT-22), such as the legal mention of a reverse charge or of a
    /// supply outside the scope of EU VAT. Peppol allows one note.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank note or control characters.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![])
    ///     .with_note("Autoliquidation - article 196 de la directive 2006/112/CE")?;
    /// assert!(invoice.note().unwrap().starts_with("Autoliquidation"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_note(self, note: impl Into<String>) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            note: text("note", note.into())?,
            ..self
        })
    }

    /// The same invoice with its payment terms (BT-20), as text. An e-invoice with an amount due
    /// needs a due date or payment terms (BR-CO-25); a credit note needs payment terms.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for blank terms or control characters.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let invoice = Invoice::new(Currency::EUR, vec![]).with_payment_terms("Paid by card")?;
    /// assert_eq!(invoice.payment_terms(), Some("Paid by card"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_payment_terms(self, terms: impl Into<String>) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            payment_terms: text("payment_terms", terms.into())?,
            ..self
        })
    }

    /// The same invoice with a VAT accounting currency (BT-6) and the exchange rate the host supplies
    /// (units of `currency` per unit of the invoice currency): the UBL export then states the total
    /// VAT in that currency too (BT-111), rounded half away from zero to its minor unit. A Belgian
    /// seller invoicing in USD states the VAT in EUR.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidTaxCurrency`] for the invoice's own currency (Peppol R005) or an
    /// exchange rate out of bounds (see [`TaxCurrency::new`]).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let usd: Currency = "USD".parse()?;
    /// let invoice = Invoice::new(usd, vec![]).with_tax_currency(Currency::EUR, Decimal::new(92, 2))?;
    /// assert_eq!(invoice.tax_currency().map(|t| t.currency()), Some(Currency::EUR));
    /// let error = Invoice::new(usd, vec![]).with_tax_currency(usd, Decimal::ONE).unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_tax_currency");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_tax_currency(
        self,
        currency: Currency,
        exchange_rate: Decimal,
    ) -> Result<Invoice, InvoiceError> {
        if currency == self.currency {
            return Err(InvoiceError::InvalidTaxCurrency {
                currency,
                exchange_rate,
                rule: "is the invoice's own currency; a tax currency differs from it (Peppol R005)",
            });
        }
        Ok(Invoice {
            tax_currency: Some(TaxCurrency::new(currency, exchange_rate)?),
            ..self
        })
    }

    /// The same document with the invoice it credits or corrects (BG-3, UBL `BillingReference`).
    /// A credit note needs one to export.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank number.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// let note = Invoice::credit_note(Currency::EUR, vec![])
    ///     .with_preceding_invoice("2026-0001", NaiveDate::from_ymd_opt(2026, 1, 15))?;
    /// assert_eq!(note.preceding_invoice().map(|p| p.number()), Some("2026-0001"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_preceding_invoice(
        self,
        number: impl Into<String>,
        date: Option<NaiveDate>,
    ) -> Result<Invoice, InvoiceError> {
        Ok(Invoice {
            preceding_invoice: Some(PrecedingInvoice::new(number, date)?),
            ..self
        })
    }

    /// Invoice or credit note.
    ///
    /// ```
    /// use envoi::invoice::{DocumentKind, Invoice};
    /// assert_eq!(Invoice::new(envoi::money::Currency::EUR, vec![]).kind(), DocumentKind::Invoice);
    /// ```
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The number, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).number(), None);
    /// ```
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }

    /// The currency of every amount (BT-5).
    ///
    /// ```
    /// use envoi::money::Currency;
    /// assert_eq!(envoi::invoice::Invoice::new(Currency::EUR, vec![]).currency(), Currency::EUR);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The lines.
    ///
    /// ```
    /// assert!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).lines().is_empty());
    /// ```
    pub fn lines(&self) -> &[InvoiceLine] {
        &self.lines
    }

    /// The seller, if given.
    ///
    /// ```
    /// assert!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).seller().is_none());
    /// ```
    pub fn seller(&self) -> Option<&Party> {
        self.seller.as_ref()
    }

    /// The customer, if given.
    ///
    /// ```
    /// assert!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).customer().is_none());
    /// ```
    pub fn customer(&self) -> Option<&Party> {
        self.customer.as_ref()
    }

    /// The issue date, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).date(), None);
    /// ```
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }

    /// The payment due date, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).due_date(), None);
    /// ```
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.due_date
    }

    /// The language.
    ///
    /// ```
    /// use envoi::invoice::{Invoice, Language};
    /// assert_eq!(Invoice::new(envoi::money::Currency::EUR, vec![]).language(), Language::En);
    /// ```
    pub fn language(&self) -> Language {
        self.language
    }

    /// The buyer reference, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).buyer_reference(), None);
    /// ```
    pub fn buyer_reference(&self) -> Option<&str> {
        self.buyer_reference.as_deref()
    }

    /// The order reference, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).order_reference(), None);
    /// ```
    pub fn order_reference(&self) -> Option<&str> {
        self.order_reference.as_deref()
    }

    /// The note, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).note(), None);
    /// ```
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The payment terms, if given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).payment_terms(), None);
    /// ```
    pub fn payment_terms(&self) -> Option<&str> {
        self.payment_terms.as_deref()
    }

    /// The VAT accounting currency and its exchange rate, if given.
    ///
    /// ```
    /// assert!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).tax_currency().is_none());
    /// ```
    pub fn tax_currency(&self) -> Option<&TaxCurrency> {
        self.tax_currency.as_ref()
    }

    /// The invoice this document credits or corrects, if given.
    ///
    /// ```
    /// assert!(envoi::invoice::Invoice::new(envoi::money::Currency::EUR, vec![]).preceding_invoice().is_none());
    /// ```
    pub fn preceding_invoice(&self) -> Option<&PrecedingInvoice> {
        self.preceding_invoice.as_ref()
    }

    /// The totals: VAT breakdown per category and rate (highest rate first), total without VAT,
    /// total VAT and total with VAT, by the EN 16931 arithmetic (see [`Totals`]).
    ///
    /// ```
    /// use envoi::invoice::{Invoice, InvoiceLine};
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let refund = InvoiceLine::new("Refund", Decimal::from(-1), Decimal::new(250, 2), Decimal::from(21))?;
    /// let totals = Invoice::new(Currency::EUR, vec![refund]).totals();
    /// assert_eq!(totals.total_vat().to_string(), "-0.53"); // -2.50 × 21% = -0.525
    /// assert_eq!(totals.total_with_vat().to_string(), "-3.03");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn totals(&self) -> Totals {
        Totals::compute(self.currency, &self.lines)
    }

    /// The invoice as a UBL 2.1 `Invoice` (or `CreditNote`) following Peppol BIS Billing 3.0 and
    /// EN 16931, as UTF-8 XML text.
    ///
    /// The document carries the seller's and customer's Peppol endpoints, legal names, addresses, VAT
    /// numbers and enterprise numbers (scheme `0208`), the VAT breakdown (with the exemption reason
    /// code and text for reverse charge `VATEX-EU-AE`, out of scope `VATEX-EU-O` and exempt lines, in
    /// the invoice's language), the totals and the lines; the total VAT in the tax currency (BT-111)
    /// when one is set; the preceding invoice (`BillingReference`) when given. An out-of-scope
    /// invoice carries no VAT numbers (BR-O-2): its parties are identified by their enterprise
    /// numbers or endpoints.
    ///
    /// # Errors
    /// - [`InvoiceError::MissingField`] naming the first missing field: `number`, `date`, `lines`,
    ///   `seller`, `customer`, `seller.endpoint` / `customer.endpoint` (an enterprise number or an
    ///   explicit endpoint), `buyer_reference` (or an order reference, Peppol R003),
    ///   `seller.vat_number` (any category but out of scope), `seller.enterprise_number` (out of
    ///   scope, BR-CO-26), `customer.vat_number` (reverse charge, BR-AE-2), `preceding_invoice` (credit note), `due_date` or `payment_terms` (an amount due,
    ///   BR-CO-25);
    /// - [`InvoiceError::IncompatibleCategories`] for out-of-scope lines beside other categories
    ///   (BR-O-11);
    /// - [`InvoiceError::NotApplicable`] for a due date on a credit note;
    /// - [`InvoiceError::UnsupportedCurrency`] for a currency with more than 2 decimals (BR-DEC);
    /// - [`InvoiceError::LineRounding`] for a line whose net amount is more than 0.02 from quantity ×
    ///   unit price (Peppol R120), which only currencies without cents (JPY) can cause;
    /// - [`InvoiceError::InvalidDate`] for a year outside 1000 to 9999;
    /// - [`InvoiceError::AmountOutOfRange`] when the VAT in the tax currency overflows.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::{Invoice, InvoiceError, InvoiceLine};
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let line = InvoiceLine::new("SMS", Decimal::ONE, Decimal::ONE, Decimal::from(21))?;
    /// let error = Invoice::new(Currency::EUR, vec![line]).to_ubl().unwrap_err();
    /// assert_eq!(error.code(), "invoice.missing_field");
    /// assert!(matches!(error, InvoiceError::MissingField { field: "number", .. }));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn to_ubl(&self) -> Result<String, InvoiceError> {
        ubl::write(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn language_and_kind_parse_and_refuse() {
        assert_eq!("Fr".parse::<Language>().unwrap(), Language::Fr);
        let error = "it".parse::<Language>().unwrap_err();
        assert_eq!(error.code(), "language.unsupported");
        assert_eq!(
            error.to_string(),
            "language: \"it\" is not one of fr, nl, de, en"
        );
    }

    #[test]
    fn invoice_json_refuses_unknown_fields_and_bad_values() {
        let invoice = Invoice::new(Currency::EUR, vec![])
            .with_tax_currency("USD".parse().unwrap(), Decimal::ONE)
            .unwrap();
        let json = serde_json::to_string(&invoice).unwrap();
        assert_eq!(serde_json::from_str::<Invoice>(&json).unwrap(), invoice);
        let same = json.replace("\"USD\"", "\"EUR\"");
        let error = serde_json::from_str::<Invoice>(&same).unwrap_err();
        assert!(error.to_string().contains("own currency"), "{error}");
        let extra = json.replacen('{', "{\"vat\":1,", 1);
        assert!(serde_json::from_str::<Invoice>(&extra).is_err());
        let blank = json.replace("\"number\":null", "\"number\":\" \"");
        assert!(serde_json::from_str::<Invoice>(&blank).is_err());
    }
}
