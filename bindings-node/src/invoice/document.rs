//! `invoice.Invoice`: the Node face of `envoi::invoice::Invoice` (an invoice or a credit note), its
//! EN 16931 totals, its UBL 2.1 / Peppol BIS Billing 3.0 export and its JSON form.

use envoi::invoice::{self as core_invoice, DocumentKind};
use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;

use super::line::{InvoiceLine, currency_arg};
use super::party::Party;
use crate::args::{
    array_items, decimal_arg, instance_arg, option_field, options_object, record_arg,
    required_field, string_arg,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::time::{date_arg, format_date};
use crate::vat::language_arg;

/// The option names of the {@link Invoice} constructor and of {@link Invoice.creditNote}.
const INVOICE_OPTIONS: [&str; 12] = [
    "number",
    "date",
    "dueDate",
    "language",
    "seller",
    "customer",
    "buyerReference",
    "orderReference",
    "note",
    "paymentTerms",
    "taxCurrency",
    "precedingInvoice",
];

/// Options of the {@link Invoice} constructor and of {@link Invoice.creditNote}. Every field is
/// optional (the UBL export needs some: see {@link Invoice.toUbl}); `null` is the same as absent;
/// an unknown name throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "invoice"
)]
pub struct InvoiceOptions {
    /// The invoice number (BT-1).
    #[napi(ts_type = "string | null")]
    pub number: Option<String>,
    /// The issue date, `"YYYY-MM-DD"` (a `Date` throws `InvalidArg`).
    #[napi(ts_type = "string | null")]
    pub date: Option<String>,
    /// The payment due date, `"YYYY-MM-DD"` (not on a credit note).
    #[napi(ts_type = "string | null")]
    pub due_date: Option<String>,
    /// The language of the invoice and of its legal mentions: `'fr'`, `'nl'`, `'de'` or `'en'`
    /// (default; another code throws `language.unsupported`).
    #[napi(ts_type = "'fr' | 'nl' | 'de' | 'en' | string | null")]
    pub language: Option<String>,
    /// The seller (an {@link Party}).
    #[napi(ts_type = "Party | null")]
    pub seller: Option<bool>,
    /// The customer (an {@link Party}).
    #[napi(ts_type = "Party | null")]
    pub customer: Option<bool>,
    /// The buyer's reference (BT-10; Peppol needs it or an order reference).
    #[napi(ts_type = "string | null")]
    pub buyer_reference: Option<String>,
    /// The purchase order reference (BT-13).
    #[napi(ts_type = "string | null")]
    pub order_reference: Option<String>,
    /// A free-text note (BT-22).
    #[napi(ts_type = "string | null")]
    pub note: Option<String>,
    /// The payment terms (BT-20).
    #[napi(ts_type = "string | null")]
    pub payment_terms: Option<String>,
    /// The VAT accounting currency when the invoice is in another one (BT-6), with the exchange
    /// rate the host supplies: units of `currency` per unit of the invoice's currency, a decimal
    /// string (`{ currency: 'EUR', exchangeRate: '0.92' }`). The UBL export then states the VAT
    /// total in that currency too (BT-111).
    #[napi(ts_type = "TaxCurrency | null")]
    pub tax_currency: Option<bool>,
    /// The invoice a credit note corrects: `{ number, date? }` (`date` a `"YYYY-MM-DD"` string).
    #[napi(ts_type = "{ number: string; date?: string | null } | null")]
    pub preceding_invoice: Option<bool>,
}

/// A VAT accounting currency and its exchange rate ({@link InvoiceOptions.taxCurrency}).
#[napi(object, object_from_js = false, namespace = "invoice")]
pub struct TaxCurrency {
    /// The ISO 4217 code, e.g. `'EUR'`.
    pub currency: String,
    /// Units of `currency` per unit of the invoice's currency, a decimal string (`'0.92'`).
    pub exchange_rate: String,
}

/// The invoice a credit note corrects ({@link InvoiceOptions.precedingInvoice}).
#[napi(
    object,
    object_from_js = false,
    namespace = "invoice",
    use_nullable = true
)]
pub struct PrecedingInvoice {
    /// Its number.
    pub number: String,
    /// Its issue date, `"YYYY-MM-DD"`, or `null`.
    pub date: Option<String>,
}

/// The taxable amount and the VAT of one (category, rate) of an invoice.
#[napi(object, object_from_js = false, namespace = "invoice")]
pub struct RateTotal {
    /// The VAT category's EN 16931 code: `'S'`, `'Z'`, `'E'`, `'AE'` or `'O'`.
    #[napi(ts_type = "'S' | 'Z' | 'E' | 'AE' | 'O'")]
    pub category: String,
    /// The rate, a percentage as a decimal string (`'21'`).
    pub rate: String,
    /// The taxable amount: the sum of the lines' net amounts, with the currency's decimals
    /// (`'31.88'`).
    pub base: String,
    /// `base × rate` rounded half away from zero to the currency's minor unit (`'6.69'`).
    pub vat: String,
}

/// The EN 16931 totals of an invoice ({@link Invoice.totals}); amounts are decimal strings with
/// the currency's decimals.
#[napi(object, object_from_js = false, namespace = "invoice")]
pub struct Totals {
    /// The ISO 4217 code of the amounts.
    pub currency: String,
    /// One entry per (category, rate), highest rate first.
    pub per_rate: Vec<RateTotal>,
    /// The sum of the taxable amounts (BT-109).
    pub total_without_vat: String,
    /// The sum of the VAT amounts (BT-110).
    pub total_vat: String,
    /// `totalWithoutVat + totalVat` (BT-112).
    pub total_with_vat: String,
}

/// An invoice or a credit note: a currency, {@link InvoiceLine}s, a seller and a customer
/// ({@link Party}), a date, a language and references. Immutable.
///
/// {@link Invoice.totals} applies the EN 16931 arithmetic: each line's net amount rounded to the
/// cent, the taxable amount per (category, rate) the sum of its lines, its VAT rounded half away
/// from zero (`-0.525` → `-0.53`), and the totals add up. {@link Invoice.toUbl} writes the Peppol
/// BIS Billing 3.0 `Invoice` or `CreditNote`, and throws `invoice.missing_field` (with `field`)
/// when a field an e-invoice needs is missing.
///
/// ```js
/// const { invoice } = require('envoi')
/// const lines = [
///   new invoice.InvoiceLine('SMS pack, 1000 parts', '1000', '0.0075', '21'),
///   new invoice.InvoiceLine('Registered letters', '3', '8.125', '21'),
/// ]
/// const draft = new invoice.Invoice('EUR', lines, { date: '2026-01-15', language: 'fr' })
/// draft.totals().totalWithVat   // '38.57'
/// ```
#[napi(namespace = "invoice")]
pub struct Invoice {
    pub(crate) inner: core_invoice::Invoice,
}

#[napi(namespace = "invoice")]
impl Invoice {
    /// An invoice in `currency` (an ISO 4217 code) of `lines` (an array of {@link InvoiceLine}),
    /// with the optional fields of `options`.
    ///
    /// Errors: `money.unknown_currency`, `invoice.invalid_text` (an empty number or reference),
    /// `invoice.invalid_tax_currency` (the invoice's own currency, an exchange rate not above 0),
    /// `language.unsupported`; `InvalidArg` for a line that is not an `InvoiceLine`, a party that
    /// is not a `Party`, a `Date` where a day is expected, an unknown option.
    #[napi(
        constructor,
        ts_args_type = "currency: string, lines: InvoiceLine[], options?: InvoiceOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        currency: String,
        lines: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            build(
                env,
                DocumentKind::Invoice,
                &currency,
                &lines,
                options.as_ref(),
            )
        })
    }

    /// A credit note (UBL `CreditNote`, type 381) in `currency` of `lines`, with the options of the
    /// constructor (no `dueDate`; its UBL export needs `precedingInvoice`). Its amounts are
    /// positive: it credits them.
    #[napi(
        factory,
        ts_args_type = "currency: string, lines: InvoiceLine[], options?: InvoiceOptions | undefined | null"
    )]
    pub fn credit_note(
        env: Env,
        currency: String,
        lines: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Invoice, Code> {
        guard(|| {
            build(
                env,
                DocumentKind::CreditNote,
                &currency,
                &lines,
                options.as_ref(),
            )
        })
    }

    /// Reads an invoice from its JSON form ({@link Invoice.toJson}), checking the same rules as
    /// the constructor. `InvalidArg` for a JSON that is not an invoice (the message names the
    /// rule).
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Invoice, Code> {
        guard(|| {
            serde_json::from_str::<core_invoice::Invoice>(&json)
                .map(|inner| Invoice { inner })
                .map_err(|error| invalid_arg(format!("invoice JSON: {error}")))
        })
    }

    /// The invoice's JSON form: snake_case fields, decimals as strings, days as ISO strings, the
    /// same in every envoi binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("invoice JSON: {error}")))
        })
    }

    /// `'invoice'` or `'credit_note'`.
    #[napi(getter, ts_return_type = "'invoice' | 'credit_note'")]
    pub fn kind(&self) -> napi::Result<String, Code> {
        guard(|| {
            Ok(match self.inner.kind() {
                DocumentKind::CreditNote => "credit_note",
                _ => "invoice",
            }
            .to_owned())
        })
    }

    /// The UNCL1001 type code of the document: `'380'` (invoice) or `'381'` (credit note).
    #[napi(getter)]
    pub fn type_code(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.kind().type_code().to_owned()))
    }

    /// The invoice number, or `null`.
    #[napi(getter)]
    pub fn number(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.number().map(str::to_owned)))
    }

    /// The ISO 4217 code of the invoice's currency.
    #[napi(getter)]
    pub fn currency(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.currency().code().to_owned()))
    }

    /// The issue date, `"YYYY-MM-DD"`, or `null`.
    #[napi(getter)]
    pub fn date(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.date().map(format_date)))
    }

    /// The payment due date, `"YYYY-MM-DD"`, or `null`.
    #[napi(getter)]
    pub fn due_date(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.due_date().map(format_date)))
    }

    /// The language: `'fr'`, `'nl'`, `'de'` or `'en'`.
    #[napi(getter, ts_return_type = "'fr' | 'nl' | 'de' | 'en'")]
    pub fn language(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.language().code().to_owned()))
    }

    /// The seller, or `null`.
    #[napi(getter)]
    pub fn seller(&self) -> napi::Result<Option<Party>, Code> {
        guard(|| {
            Ok(self.inner.seller().map(|party| Party {
                inner: party.clone(),
            }))
        })
    }

    /// The customer, or `null`.
    #[napi(getter)]
    pub fn customer(&self) -> napi::Result<Option<Party>, Code> {
        guard(|| {
            Ok(self.inner.customer().map(|party| Party {
                inner: party.clone(),
            }))
        })
    }

    /// The buyer's reference, or `null`.
    #[napi(getter)]
    pub fn buyer_reference(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.buyer_reference().map(str::to_owned)))
    }

    /// The purchase order reference, or `null`.
    #[napi(getter)]
    pub fn order_reference(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.order_reference().map(str::to_owned)))
    }

    /// The note, or `null`.
    #[napi(getter)]
    pub fn note(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.note().map(str::to_owned)))
    }

    /// The payment terms, or `null`.
    #[napi(getter)]
    pub fn payment_terms(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.payment_terms().map(str::to_owned)))
    }

    /// The VAT accounting currency and its exchange rate, or `null`.
    #[napi(getter)]
    pub fn tax_currency(&self) -> napi::Result<Option<TaxCurrency>, Code> {
        guard(|| {
            Ok(self.inner.tax_currency().map(|tax| TaxCurrency {
                currency: tax.currency().code().to_owned(),
                exchange_rate: tax.exchange_rate().to_string(),
            }))
        })
    }

    /// The invoice a credit note corrects, or `null`.
    #[napi(getter)]
    pub fn preceding_invoice(&self) -> napi::Result<Option<PrecedingInvoice>, Code> {
        guard(|| {
            Ok(self
                .inner
                .preceding_invoice()
                .map(|preceding| PrecedingInvoice {
                    number: preceding.number().to_owned(),
                    date: preceding.date().map(format_date),
                }))
        })
    }

    /// The lines, in order.
    #[napi(getter)]
    pub fn lines(&self) -> napi::Result<Vec<InvoiceLine>, Code> {
        guard(|| {
            Ok(self
                .inner
                .lines()
                .iter()
                .map(|line| InvoiceLine {
                    inner: line.clone(),
                })
                .collect())
        })
    }

    /// The EN 16931 totals: per (category, rate), highest rate first, then the totals without VAT,
    /// of the VAT and with VAT, as decimal strings with the currency's decimals.
    ///
    /// ```js
    /// const { invoice } = require('envoi')
    /// const totals = new invoice.Invoice('EUR', [new invoice.InvoiceLine('Letters', '3', '8.125', '21')]).totals()
    /// totals.perRate   // [{ category: 'S', rate: '21', base: '24.38', vat: '5.12' }]
    /// ```
    #[napi]
    pub fn totals(&self) -> napi::Result<Totals, Code> {
        guard(|| Ok(totals_to_js(&self.inner.totals())))
    }

    /// The UBL 2.1 XML of the invoice (`Invoice`) or credit note (`CreditNote`) following Peppol
    /// BIS Billing 3.0 / EN 16931, with the reverse-charge and out-of-scope categories and their
    /// exemption reasons where they apply.
    ///
    /// Errors: `invoice.missing_field` (with `field`: `number`, `date`, `seller`, `customer`,
    /// `seller.endpoint`, `buyer_reference`, `customer.vat_number` for a reverse charge,
    /// `preceding_invoice` for a credit note, `due_date` or `payment_terms`…),
    /// `invoice.incompatible_categories`, `invoice.not_applicable`,
    /// `invoice.unsupported_currency`, `invoice.line_rounding`, `invoice.invalid_date`,
    /// `invoice.amount_out_of_range`.
    #[napi]
    pub fn to_ubl(&self, env: Env) -> napi::Result<String, Code> {
        guard(|| self.inner.to_ubl().map_err(|error| envoi_error(env, error)))
    }

    /// Whether `other` is the same invoice. `InvalidArg` when `other` is not an `Invoice`.
    #[napi(strict)]
    pub fn equals(&self, other: &Invoice) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// Builds an invoice or a credit note from the constructor's arguments.
fn build(
    env: Env,
    kind: DocumentKind,
    currency: &str,
    lines: &Unknown<'_>,
    options: Option<&Unknown<'_>>,
) -> Result<Invoice, JsError> {
    let currency = currency_arg(env, currency)?;
    let lines = array_items("lines", lines, "an array of invoice.InvoiceLine")?
        .iter()
        .enumerate()
        .map(|(index, line)| {
            instance_arg::<InvoiceLine>(
                &format!("lines[{index}]"),
                line,
                "an invoice.InvoiceLine (new invoice.InvoiceLine(description, quantity, unitPrice, rate))",
            )
            .map(|line| line.inner.clone())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let inner = match kind {
        DocumentKind::CreditNote => core_invoice::Invoice::credit_note(currency, lines),
        _ => core_invoice::Invoice::new(currency, lines),
    };
    let inner = match options_object(
        options,
        &INVOICE_OPTIONS,
        "{ number: '2026-0001', date: '2026-01-15', language: 'fr', seller, customer }",
    )? {
        Some(object) => with_options(env, inner, &object)?,
        None => inner,
    };
    Ok(Invoice { inner })
}

/// Applies the options of the constructor to `invoice`, in the order of the core's JSON form.
fn with_options(
    env: Env,
    mut invoice: core_invoice::Invoice,
    object: &Object<'_>,
) -> Result<core_invoice::Invoice, JsError> {
    let error = |error| envoi_error(env, error);
    let text = |name: &str| -> Result<Option<String>, JsError> {
        option_field(object, name)?
            .map(|value| string_arg(name, &value))
            .transpose()
    };
    let party = |name: &str| -> Result<Option<core_invoice::Party>, JsError> {
        option_field(object, name)?
            .map(|value| {
                instance_arg::<Party>(
                    name,
                    &value,
                    "an invoice.Party (new invoice.Party(name, country, options))",
                )
                .map(|party| party.inner.clone())
            })
            .transpose()
    };
    if let Some(number) = text("number")? {
        invoice = invoice.with_number(number).map_err(error)?;
    }
    if let Some(value) = option_field(object, "date")? {
        invoice = invoice.with_date(date_arg("date", &value)?);
    }
    if let Some(value) = option_field(object, "dueDate")? {
        invoice = invoice.with_due_date(date_arg("dueDate", &value)?);
    }
    if let Some(language) = text("language")? {
        invoice = invoice.with_language(language_arg(env, &language)?);
    }
    if let Some(seller) = party("seller")? {
        invoice = invoice.with_seller(seller);
    }
    if let Some(customer) = party("customer")? {
        invoice = invoice.with_customer(customer);
    }
    if let Some(reference) = text("buyerReference")? {
        invoice = invoice.with_buyer_reference(reference).map_err(error)?;
    }
    if let Some(reference) = text("orderReference")? {
        invoice = invoice.with_order_reference(reference).map_err(error)?;
    }
    if let Some(note) = text("note")? {
        invoice = invoice.with_note(note).map_err(error)?;
    }
    if let Some(terms) = text("paymentTerms")? {
        invoice = invoice.with_payment_terms(terms).map_err(error)?;
    }
    if let Some(value) = option_field(object, "taxCurrency")? {
        let tax = record_arg(
            "taxCurrency",
            &value,
            &["currency", "exchangeRate"],
            "{ currency: 'EUR', exchangeRate: '0.92' }",
        )?;
        let code = string_arg(
            "taxCurrency.currency",
            &required_field(&tax, "taxCurrency", "currency")?,
        )?;
        let rate = decimal_arg(
            env,
            "taxCurrency.exchangeRate",
            &required_field(&tax, "taxCurrency", "exchangeRate")?,
        )?;
        invoice = invoice
            .with_tax_currency(currency_arg(env, &code)?, rate)
            .map_err(error)?;
    }
    if let Some(value) = option_field(object, "precedingInvoice")? {
        let preceding = record_arg(
            "precedingInvoice",
            &value,
            &["number", "date"],
            "{ number: '2026-0001', date: '2026-01-15' }",
        )?;
        let number = string_arg(
            "precedingInvoice.number",
            &required_field(&preceding, "precedingInvoice", "number")?,
        )?;
        let date = option_field(&preceding, "date")?
            .map(|value| date_arg("precedingInvoice.date", &value))
            .transpose()?;
        invoice = invoice
            .with_preceding_invoice(number, date)
            .map_err(error)?;
    }
    Ok(invoice)
}

/// EN 16931 totals as JS reads them ({@link Totals}).
pub fn totals_to_js(totals: &core_invoice::Totals) -> Totals {
    Totals {
        currency: totals.currency().code().to_owned(),
        per_rate: totals
            .per_rate()
            .iter()
            .map(|total| RateTotal {
                category: total.category().code().to_owned(),
                rate: total.rate().to_string(),
                base: total.base().to_string(),
                vat: total.vat().to_string(),
            })
            .collect(),
        total_without_vat: totals.total_without_vat().to_string(),
        total_vat: totals.total_vat().to_string(),
        total_with_vat: totals.total_with_vat().to_string(),
    }
}

/// The code of a document kind: `'invoice'` or `'credit_note'`.
pub fn kind_code(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::CreditNote => "credit_note",
        _ => "invoice",
    }
}
