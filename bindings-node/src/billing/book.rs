//! `billing.InvoiceDraft`, `billing.IssuedInvoice`, `billing.Seller` and `billing.InvoiceBook`:
//! the Node face of the drafts the orders and runs give and of the numbered invoice book.

use envoi::billing::{self as core_billing, NumberSeries};
use envoi::ids::AccountId;
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use super::numbering::{InvoiceNumber, number_arg};
use crate::args::{array_items, count_arg, instance_arg};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::invoice::{Invoice, InvoiceLine, Party, Totals, kind_code, totals_to_js};
use crate::time::format_date;

/// An invoice or credit note not numbered yet, with its key (the order, the month's run…: a key
/// is issued once). Give it to {@link InvoiceBook.issue}.
#[napi(namespace = "billing")]
pub struct InvoiceDraft {
    pub(super) inner: core_billing::InvoiceDraft,
}

#[napi(namespace = "billing")]
impl InvoiceDraft {
    /// The key it is issued under (`'order:o-1'`…).
    #[napi(getter)]
    pub fn key(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.key().to_owned()))
    }

    /// The id of the account invoiced.
    #[napi(getter)]
    pub fn account(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.account().as_str().to_owned()))
    }

    /// `'invoice'` or `'credit_note'`.
    #[napi(getter, ts_return_type = "'invoice' | 'credit_note'")]
    pub fn kind(&self) -> napi::Result<String, Code> {
        guard(|| Ok(kind_code(self.inner.kind()).to_owned()))
    }

    /// Its issue date, `"YYYY-MM-DD"` (in the account's zone).
    #[napi(getter)]
    pub fn issue_date(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.issue_date())))
    }

    /// The document (an `invoice.Invoice`, without its number yet).
    #[napi(getter, ts_return_type = "invoice.Invoice")]
    pub fn invoice(&self) -> napi::Result<Invoice, Code> {
        guard(|| {
            Ok(Invoice {
                inner: self.inner.invoice().clone(),
            })
        })
    }

    /// Its lines (`invoice.InvoiceLine`s), in the account's language.
    #[napi(getter, ts_return_type = "invoice.InvoiceLine[]")]
    pub fn lines(&self) -> napi::Result<Vec<InvoiceLine>, Code> {
        guard(|| Ok(lines(self.inner.lines())))
    }

    /// The EN 16931 totals (`invoice.Totals`).
    #[napi(ts_return_type = "invoice.Totals")]
    pub fn totals(&self) -> napi::Result<Totals, Code> {
        guard(|| Ok(totals_to_js(&self.inner.totals())))
    }

    /// A plain-text rendering (a preview), in the account's language.
    #[napi]
    pub fn to_text(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_text()))
    }

    /// An HTML rendering (a preview), every text escaped.
    #[napi]
    pub fn to_html(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_html()))
    }

    /// Whether `other` is the same draft. `InvalidArg` when `other` is not an `InvoiceDraft`.
    #[napi(strict)]
    pub fn equals(&self, other: &InvoiceDraft) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

fn lines(lines: &[envoi::invoice::InvoiceLine]) -> Vec<InvoiceLine> {
    lines
        .iter()
        .map(|line| InvoiceLine {
            inner: line.clone(),
        })
        .collect()
}

/// An invoice or credit note of the book: its draft with its number, the seller and its due date.
#[napi(namespace = "billing")]
pub struct IssuedInvoice {
    pub(super) inner: core_billing::IssuedInvoice,
}

#[napi(namespace = "billing")]
impl IssuedInvoice {
    /// Reads an issued invoice from its JSON form ({@link IssuedInvoice.toJson}). Throws
    /// `billing.invalid_record` (`what`, `field`, `value`, `rule`) for text that is not one.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<IssuedInvoice, Code> {
        guard(|| {
            core_billing::IssuedInvoice::from_json(&json)
                .map(|inner| IssuedInvoice { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The core's JSON form, to store it.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// Whether `other` is the same issued invoice. `InvalidArg` when `other` is not an
    /// `IssuedInvoice`.
    #[napi(strict)]
    pub fn equals(&self, other: &IssuedInvoice) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// Its number.
    #[napi(getter)]
    pub fn number(&self) -> napi::Result<InvoiceNumber, Code> {
        guard(|| Ok(InvoiceNumber::from(self.inner.number().clone())))
    }

    /// The key it was issued under.
    #[napi(getter)]
    pub fn key(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.key().to_owned()))
    }

    /// The id of the account invoiced.
    #[napi(getter)]
    pub fn account(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.account().as_str().to_owned()))
    }

    /// `'invoice'` or `'credit_note'`.
    #[napi(getter, ts_return_type = "'invoice' | 'credit_note'")]
    pub fn kind(&self) -> napi::Result<String, Code> {
        guard(|| Ok(kind_code(self.inner.draft().kind()).to_owned()))
    }

    /// Its issue date, `"YYYY-MM-DD"`.
    #[napi(getter)]
    pub fn issue_date(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.issue_date())))
    }

    /// Its due date (the seller's payment days after the issue date), `"YYYY-MM-DD"`; `null` for
    /// a credit note.
    #[napi(getter)]
    pub fn due_date(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.due_date().map(format_date)))
    }

    /// The draft it was issued from.
    #[napi(getter)]
    pub fn draft(&self) -> napi::Result<InvoiceDraft, Code> {
        guard(|| {
            Ok(InvoiceDraft {
                inner: self.inner.draft().clone(),
            })
        })
    }

    /// The document (an `invoice.Invoice`, numbered, with the seller).
    #[napi(getter, ts_return_type = "invoice.Invoice")]
    pub fn invoice(&self) -> napi::Result<Invoice, Code> {
        guard(|| {
            Ok(Invoice {
                inner: self.inner.invoice().clone(),
            })
        })
    }

    /// Its lines (`invoice.InvoiceLine`s).
    #[napi(getter, ts_return_type = "invoice.InvoiceLine[]")]
    pub fn lines(&self) -> napi::Result<Vec<InvoiceLine>, Code> {
        guard(|| Ok(lines(self.inner.lines())))
    }

    /// The EN 16931 totals (`invoice.Totals`).
    #[napi(ts_return_type = "invoice.Totals")]
    pub fn totals(&self) -> napi::Result<Totals, Code> {
        guard(|| Ok(totals_to_js(&self.inner.totals())))
    }

    /// The UBL 2.1 XML (Peppol BIS Billing 3.0). Throws the `invoice.…` errors with their codes
    /// (`invoice.missing_field` with `field`).
    #[napi]
    pub fn to_ubl(&self, env: Env) -> napi::Result<String, Code> {
        guard(|| self.inner.to_ubl().map_err(|error| envoi_error(env, error)))
    }

    /// A plain-text rendering, in the account's language.
    #[napi]
    pub fn to_text(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_text()))
    }

    /// An HTML rendering, every text escaped.
    #[napi]
    pub fn to_html(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_html()))
    }
}

/// Who issues the invoices of an {@link InvoiceBook}: the seller (an `invoice.Party`), the
/// number series (`'F'`) and the payment days of an invoice's due date.
#[napi(namespace = "billing")]
pub struct Seller {
    inner: core_billing::Seller,
}

#[napi(namespace = "billing")]
impl Seller {
    /// The seller `party`, its number `series` and `paymentDays` (a whole number). Throws
    /// `billing.invalid_invoice_number` for a series that is not one; `InvalidArg` when `party`
    /// is not an `invoice.Party`.
    #[napi(
        constructor,
        ts_args_type = "party: invoice.Party, series: string, paymentDays: number"
    )]
    pub fn new(
        env: Env,
        party: Unknown<'_>,
        series: String,
        payment_days: f64,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let party = instance_arg::<Party>("party", &party, "an invoice.Party")?;
            let series = NumberSeries::new(&series).map_err(|error| envoi_error(env, error))?;
            let payment_days = u32::try_from(count_arg("paymentDays", payment_days)?)
                .map_err(|_| invalid_arg(format!("paymentDays: {payment_days} is too large")))?;
            Ok(Seller {
                inner: core_billing::Seller {
                    party: party.inner.clone(),
                    series,
                    payment_days,
                },
            })
        })
    }

    /// The seller.
    #[napi(getter, ts_return_type = "invoice.Party")]
    pub fn party(&self) -> napi::Result<Party, Code> {
        guard(|| {
            Ok(Party {
                inner: self.inner.party.clone(),
            })
        })
    }

    /// The number series.
    #[napi(getter)]
    pub fn series(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.series.as_str().to_owned()))
    }

    /// The days from an invoice's issue date to its due date.
    #[napi(getter)]
    pub fn payment_days(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.payment_days))
    }
}

/// What {@link InvoiceBook.issue} returns: the issued invoice and whether it was a replay (the
/// same draft issued before: its number, never a second one).
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct Issued {
    /// The issued invoice.
    pub invoice: IssuedInvoice,
    /// Whether the draft had already been issued (nothing changed).
    pub replayed: bool,
}

/// The numbered invoices of a seller: one gapless sequence per number series and year, once per
/// draft key (issuing a draft again is a replay, never a second number). The host stores the
/// issued invoices ({@link IssuedInvoice.toJson}) and builds the book again from them
/// ({@link InvoiceBook.fromInvoices}).
///
/// ```js
/// const book = new billing.InvoiceBook(new billing.Seller(envoiSa, 'F', 30))
/// const { invoice, replayed } = book.issue(order.invoiceDraft(customer))
/// invoice.number.toString()   // '2026-F-000001'
/// book.issue(order.invoiceDraft(customer)).replayed  // true
/// ```
#[napi(namespace = "billing")]
pub struct InvoiceBook {
    inner: core_billing::InvoiceBook,
}

fn seller_arg(value: &Unknown<'_>) -> Result<core_billing::Seller, JsError> {
    instance_arg::<Seller>("seller", value, "a billing.Seller").map(|seller| seller.inner.clone())
}

#[napi(namespace = "billing")]
impl InvoiceBook {
    /// An empty book of `seller`.
    #[napi(constructor, ts_args_type = "seller: Seller")]
    pub fn new(seller: Unknown<'_>) -> napi::Result<Self, Code> {
        guard(|| {
            Ok(InvoiceBook {
                inner: core_billing::InvoiceBook::new(seller_arg(&seller)?),
            })
        })
    }

    /// The book of `seller` holding `invoices` (its stored {@link IssuedInvoice}s, in any order).
    /// Throws `billing.invoice_sequence` for a gap or a duplicate number,
    /// `billing.invalid_record` for a key issued twice.
    #[napi(factory, ts_args_type = "seller: Seller, invoices: IssuedInvoice[]")]
    pub fn from_invoices(
        env: Env,
        seller: Unknown<'_>,
        invoices: Unknown<'_>,
    ) -> napi::Result<InvoiceBook, Code> {
        guard(|| {
            let seller = seller_arg(&seller)?;
            let invoices = array_items("invoices", &invoices, "an array of billing.IssuedInvoice")?
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    instance_arg::<IssuedInvoice>(
                        &format!("invoices[{index}]"),
                        item,
                        "a billing.IssuedInvoice",
                    )
                    .map(|invoice| invoice.inner.clone())
                })
                .collect::<Result<Vec<_>, _>>()?;
            core_billing::InvoiceBook::from_invoices(seller, invoices)
                .map(|inner| InvoiceBook { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The seller.
    #[napi(getter)]
    pub fn seller(&self) -> napi::Result<Seller, Code> {
        guard(|| {
            Ok(Seller {
                inner: self.inner.seller().clone(),
            })
        })
    }

    /// Every issued invoice, in the order issued.
    #[napi(getter)]
    pub fn invoices(&self) -> napi::Result<Vec<IssuedInvoice>, Code> {
        guard(|| Ok(issued(self.inner.invoices().iter())))
    }

    /// The issued invoices of the account `id`, in the order issued.
    #[napi]
    pub fn for_account(&self, env: Env, id: String) -> napi::Result<Vec<IssuedInvoice>, Code> {
        guard(|| {
            let id = AccountId::new(id).map_err(|error| envoi_error(env, error))?;
            Ok(issued(self.inner.for_account(&id)))
        })
    }

    /// The invoice numbered `number` (an `InvoiceNumber` or its text), or `null`.
    #[napi(ts_args_type = "number: InvoiceNumber | string")]
    pub fn get(&self, env: Env, number: Unknown<'_>) -> napi::Result<Option<IssuedInvoice>, Code> {
        guard(|| {
            let number = number_arg(env, "number", &number)?;
            Ok(self.inner.get(&number).map(|invoice| IssuedInvoice {
                inner: invoice.clone(),
            }))
        })
    }

    /// The invoice issued under `key`, or `null`.
    #[napi]
    pub fn by_key(&self, key: String) -> napi::Result<Option<IssuedInvoice>, Code> {
        guard(|| {
            Ok(self.inner.by_key(&key).map(|invoice| IssuedInvoice {
                inner: invoice.clone(),
            }))
        })
    }

    /// Issues `draft`: the next number of the seller's series in the draft's year, or the number
    /// it already has when the same draft was issued before (`replayed`). Throws
    /// `billing.invoice_conflict` (`key`, `number`, `difference`) for another content under an
    /// issued key: correct an issued invoice with a credit note.
    #[napi(ts_args_type = "draft: InvoiceDraft")]
    pub fn issue(&mut self, env: Env, draft: Unknown<'_>) -> napi::Result<Issued, Code> {
        guard(|| {
            let draft = instance_arg::<InvoiceDraft>("draft", &draft, "a billing.InvoiceDraft")?;
            let outcome = self
                .inner
                .issue(draft.inner.clone())
                .map_err(|error| envoi_error(env, error))?;
            Ok(Issued {
                invoice: IssuedInvoice {
                    inner: outcome.value,
                },
                replayed: outcome.replayed,
            })
        })
    }
}

fn issued<'a>(
    invoices: impl Iterator<Item = &'a core_billing::IssuedInvoice>,
) -> Vec<IssuedInvoice> {
    invoices
        .map(|invoice| IssuedInvoice {
            inner: invoice.clone(),
        })
        .collect()
}
