//! Billing (issue 10): price lists, orders of credit packs, invoice drafts, the numbered invoice
//! book, and the runs that invoice use.
//!
//! It composes the domains below it (the arrows point here): [`crate::account`] (who is
//! invoiced, in which language and zone), [`crate::credits`] (the ledger an order replays into,
//! the block plan and the pay-as-you-go statement that say what to bill), [`crate::vat`] (the
//! treatment decided at order time) and [`crate::invoice`] (lines, EN 16931 totals, UBL).
//!
//! - **Prices.** A [`PriceList`] is data, not code: per-channel [`UnitPrice`]s, the [`Pack`]
//!   catalogue, block plans ([`BlockPlanPrice`]) and [`LetterTariff`]s, each with its currency
//!   and [`Validity`], loaded from JSON or TOML with errors that name the file, the entry and the
//!   field. A query at a date gets the price valid that day, or a [`BillingError::NoPrice`].
//! - **Orders.** [`place_order`] freezes into a [`PackOrder`] the pack valid on the order's day
//!   in the account's zone, the quantity, the [`PaymentMethod`] and the VAT treatment decided now
//!   with its evidence (the exemption only at order time; without the online check it is refused,
//!   never a silent reverse charge). A card order is paid at once, a bank transfer when
//!   [`PackOrder::record_payment`] reports it; [`PackOrder::apply`] replays the order into the
//!   credit [`Ledger`](crate::credits::Ledger) (purchase, activation, void, idempotent by the
//!   order id), [`PackOrder::activate_account`] activates a waiting account.
//! - **Drafts.** A paid order gives its [`InvoiceDraft`] ([`PackOrder::invoice_draft`]; an order
//!   waiting for its transfer has none), a reversed one its credit note
//!   ([`PackOrder::credit_note_draft`]); [`monthly_run`] gives the drafts of a [`Month`]'s
//!   letters and pay-as-you-go messages, dated the first day of the next month (a pure function:
//!   run it twice, get equal drafts); [`block_plan_run`] gives a block plan period's fee and the
//!   previous period's extra blocks ([`subscribe_block_plan`]), in USD with the VAT also in EUR.
//!   Lines are in the account's language with the legal mention of the treatment.
//! - **The book.** An [`InvoiceBook`] numbers drafts in one gapless sequence per
//!   [`NumberSeries`] and year ([`InvoiceNumber`], `2026-F-000123`), once per draft key: issuing a
//!   draft again is a replay, never a second number. An [`IssuedInvoice`] exports to UBL and
//!   renders as text or HTML; [`check_sequence`] finds the gaps and duplicates of a stored list.
//!
//! ```
//! use envoi::account::Account;
//! use envoi::billing::{monthly_run, place_order, InvoiceBook, LetterQuery, LetterUsage, MonthlyUsage,
//!     NumberSeries, OrderRequest, PaymentMethod, PriceList, Seller};
//! use envoi::credits::{CreditKind, Ledger};
//! use envoi::ids::{AccountId, OrderId};
//! use envoi::invoice::Party;
//! use envoi::language::Language;
//! use envoi::post::{Format, PostalZone, Postage, WeightBand};
//! use envoi::vat::{CustomerKind, RateTable};
//!
//! let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
//! let prices = PriceList::from_json("prices.json", r#"{
//!   "packs": [{"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}],
//!   "letter_tariffs": [{"id": "click-and-post", "currency": "EUR", "valid_from": "2026-01-01",
//!     "color_per_sheet": "0.20", "duplex_per_sheet": "0.03", "registered_fee": "6.10",
//!     "acknowledgement_of_receipt_fee": "1.25",
//!     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]
//! }"#)?;
//! let mut account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "BE",
//!     Party::new("Boulangerie Dupont SRL", "BE")?, at("2026-03-02T09:00:00Z"))?;
//! let seller = Seller { party: Party::new("Envoi SA", "BE")?, series: NumberSeries::new("F")?, payment_days: 30 };
//! let mut book = InvoiceBook::new(seller);
//! let mut ledger = Ledger::new(account.zone());
//!
//! // An SMS pack paid by bank transfer: pending, then paid, in the ledger, invoiced.
//! let request = OrderRequest::new(OrderId::new("o-1")?, "sms-1000", 1, PaymentMethod::BankTransfer, at("2026-03-02T10:00:00Z"));
//! let mut order = place_order(&account, &prices, &request, RateTable::builtin())?;
//! order.record_payment(at("2026-03-05T08:00:00Z"))?;
//! order.apply(&mut ledger)?;
//! order.activate_account(&mut account)?;
//! let invoice = book.issue(order.invoice_draft(&account)?)?.value;
//! assert_eq!(invoice.number().to_string(), "2026-F-000001");
//! assert_eq!(invoice.totals().total_with_vat().to_string(), "90.75"); // 75.00 + 21% VAT
//! assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-03-06T00:00:00Z")).available, 1000);
//!
//! // March's letters, invoiced on 1 April; the run and the book are idempotent.
//! let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
//! let usage = MonthlyUsage {
//!     letters: vec![LetterUsage::handed_over("job-1", LetterQuery::new(Postage::Prior, band, 1), 10, at("2026-03-10T09:00:00Z"))],
//!     ..MonthlyUsage::default()
//! };
//! for draft in monthly_run(&account, &prices, "2026-03".parse()?, &usage, RateTable::builtin())? {
//!     let issued = book.issue(draft.clone())?.value;
//!     assert_eq!(issued.number().to_string(), "2026-F-000002");
//!     assert!(book.issue(draft)?.replayed);
//! }
//! assert_eq!(book.for_account(account.id()).count(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod book;
mod error;
mod invoicing;
mod json;
mod numbering;
mod order;
mod prices;
mod render;
mod run;
mod texts;

pub use book::{InvoiceBook, IssuedInvoice, Seller};
pub use error::{BillingError, Location};
pub use invoicing::InvoiceDraft;
pub use numbering::{
    InvoiceNumber, NumberSeries, SEQUENCE_DIGITS, SequenceProblem, check_sequence,
    check_sequence_after,
};
pub use order::{OrderRequest, OrderState, OrderedPack, PackOrder, PaymentMethod, place_order};
pub use prices::{
    BlockPlanPrice, LetterPrice, LetterQuery, LetterTariff, Pack, PostageRate, PriceList,
    UnitPrice, Validity,
};
pub use run::{
    BlockSubscription, LetterUsage, MessageUsage, Month, MonthlyUsage, SubscriptionRequest,
    block_plan_run, monthly_run, subscribe_block_plan,
};
