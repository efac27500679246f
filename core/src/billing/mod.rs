//! Billing (issue 10): price lists, and the numbering of invoices.
//!
//! A [`PriceList`] is data, not code: per-channel [`UnitPrice`]s, the [`Pack`] catalogue, block
//! plans ([`BlockPlanPrice`], which subscribe a [`crate::credits::BlockPlan`]) and
//! [`LetterTariff`]s, each with its currency and [`Validity`], loaded from JSON or TOML with errors
//! that name the file, the entry and the field. A query at a date gets the price valid that day,
//! or a [`BillingError::NoPrice`] saying what has no price that day: never a guess.
//!
//! Invoice numbers ([`InvoiceNumber`], `2026-F-000123`) run in one gapless sequence per
//! [`NumberSeries`] and year; the host's store allocates them and [`check_sequence`] finds the gaps
//! and duplicates of a list.
//!
//! ```
//! use chrono::NaiveDate;
//! use envoi::billing::{check_sequence, InvoiceNumber, LetterQuery, PriceList};
//! use envoi::contacts::Channel;
//! use envoi::post::{Document, Letter, PostCalendars, Postage, quote};
//!
//! let list = PriceList::from_json("prices.json", r#"{
//!   "source": "example", "as_of": "2026-01-15",
//!   "unit_prices": [{"channel": "sms", "price": "0.0825", "currency": "EUR", "valid_from": "2026-01-01"}],
//!   "letter_tariffs": [{"id": "click-and-post", "currency": "EUR", "valid_from": "2026-01-01",
//!     "color_per_sheet": "0.20", "duplex_per_sheet": "0.03", "registered_fee": "6.10",
//!     "acknowledgement_of_receipt_fee": "1.25",
//!     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]
//! }"#)?;
//! let on = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
//! assert_eq!(list.unit_price(Channel::Sms, on)?.price.to_string(), "0.0825 EUR");
//!
//! // A letter is priced on what the post's quote says of it.
//! let letter = Letter::new(vec![Document::a4(3)], Postage::Prior);
//! let sent = quote(&letter, &["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"], "2026-03-10T09:00:00Z".parse()?, &PostCalendars::default())?;
//! let price = list.letter_price(&LetterQuery::from_quote(&letter, &sent), on)?;
//! assert_eq!(price.total()?.to_string(), "1.95 EUR");
//!
//! let first: InvoiceNumber = "2026-F-000001".parse()?;
//! assert!(check_sequence(&[first.clone(), first.next()?]).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod json;
mod numbering;
mod prices;

pub use error::{BillingError, Location};
pub use numbering::{
    InvoiceNumber, NumberSeries, SEQUENCE_DIGITS, SequenceProblem, check_sequence,
    check_sequence_after,
};
pub use prices::{
    BlockPlanPrice, LetterPrice, LetterQuery, LetterTariff, Pack, PostageRate, PriceList,
    UnitPrice, Validity,
};
