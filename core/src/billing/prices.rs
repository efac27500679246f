//! Price lists: data, not code, loaded from JSON or TOML, queried at a date.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::contacts::Channel;
use crate::credits::{BlockPlan, CreditKind, MAX_UNITS};
use crate::money::{Currency, Money};
use crate::post::{Format, Letter, PostData, Postage, PostalZone, Quote, WeightBand};
use crate::time::{Instant, Zone};

use super::error::{BillingError, Location};

/// The days a price is valid: from `valid_from` (included) to `valid_until` (excluded), or for
/// good when there is no `valid_until`. Days are the account's calendar days.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::billing::Validity;
///
/// let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
/// let january = Validity { valid_from: day(1), valid_until: Some(day(31)) };
/// assert!(january.contains(day(1)) && january.contains(day(30)));
/// assert!(!january.contains(day(31))); // half-open
/// assert_eq!(january.to_string(), "2026-01-01..2026-01-31");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Validity {
    /// The first day the price applies.
    pub valid_from: NaiveDate,
    /// The first day it no longer applies; `None`: until further notice.
    pub valid_until: Option<NaiveDate>,
}

impl Validity {
    /// Whether the price applies on `day`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::billing::Validity;
    /// let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let open = Validity { valid_from: from, valid_until: None };
    /// assert!(open.contains(NaiveDate::from_ymd_opt(2099, 1, 1).unwrap()));
    /// assert!(!open.contains(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()));
    /// ```
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|until| day < until)
    }

    /// Whether the two have a day in common.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::billing::Validity;
    /// let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    /// let first = Validity { valid_from: day(1), valid_until: Some(day(7)) };
    /// assert!(!first.overlaps(&Validity { valid_from: day(7), valid_until: None }));
    /// assert!(first.overlaps(&Validity { valid_from: day(6), valid_until: None }));
    /// ```
    pub fn overlaps(&self, other: &Validity) -> bool {
        let starts_before_other_ends = other
            .valid_until
            .is_none_or(|until| self.valid_from < until);
        let other_starts_before_end = self
            .valid_until
            .is_none_or(|until| other.valid_from < until);
        starts_before_other_ends && other_starts_before_end
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.valid_until {
            Some(until) => write!(f, "{}..{until}", self.valid_from),
            None => write!(f, "{}..", self.valid_from),
        }
    }
}

/// The price of one message on a channel (pay-as-you-go), possibly with more decimals than the cent.
///
/// ```
/// use envoi::billing::PriceList;
/// use envoi::contacts::Channel;
/// let list = PriceList::from_json("prices.json", r#"{"unit_prices": [
///     {"channel": "sms", "price": "0.0825", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
/// assert_eq!(list.unit_price(Channel::Sms, on)?.price.to_string(), "0.0825 EUR");
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPrice {
    /// The channel.
    pub channel: Channel,
    /// The price of one message (one unit).
    pub price: Money,
    /// When it applies.
    pub validity: Validity,
}

/// A credit pack of the catalogue (Clicplanning): a number of units of one credit kind for a price.
///
/// ```
/// use envoi::billing::PriceList;
/// use envoi::credits::CreditKind;
/// let list = PriceList::from_json("prices.json", r#"{"packs": [{"id": "sms-1000", "kind": "sms",
///     "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
/// let pack = list.pack("sms-1000", chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())?;
/// assert_eq!((&pack.kind, pack.units), (&CreditKind::sms(), 1000));
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    /// The pack's id in the catalogue (`sms-1000`).
    pub id: String,
    /// The credit kind its units are of.
    pub kind: CreditKind,
    /// The units it adds (1 to [`MAX_UNITS`]).
    pub units: u64,
    /// Its price, without VAT.
    pub price: Money,
    /// When this price applies.
    pub validity: Validity,
}

/// A monthly block plan (Plannit): a fee per started block of `block_size` messages per period.
///
/// ```
/// use envoi::billing::PriceList;
/// use envoi::time::Zone;
/// let list = PriceList::from_json("prices.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500,
///     "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
/// let price = list.block_plan("plannit-sms", chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
/// let plan = price.subscribe("2026-03-01T09:00:00Z".parse()?, Zone::default())?;
/// assert_eq!(plan.block_size(), 500);
/// assert_eq!(plan.fee().to_string(), "25.00 USD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPlanPrice {
    /// The plan's id (`plannit-sms`).
    pub id: String,
    /// The messages in one block (1 or more).
    pub block_size: u32,
    /// The fee per started block, without VAT (USD allowed).
    pub fee: Money,
    /// When this price applies.
    pub validity: Validity,
}

impl BlockPlanPrice {
    /// The [`BlockPlan`] of a subscription at `subscribed_at`, its periods on the wall clock of
    /// `zone` (the account's): the credits module bills it. The price must be valid on the
    /// subscription day (the day of `subscribed_at` in `zone`): never a price of another day.
    ///
    /// # Errors
    /// [`BillingError::NoPrice`] when this price is not valid on the subscription day;
    /// [`BillingError::Credit`] with the error of [`BlockPlan::new`].
    ///
    /// ```
    /// # use envoi::billing::PriceList;
    /// # use envoi::time::Zone;
    /// use envoi::ErrorCode;
    /// # let list = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "b", "block_size": 500, "fee": "25", "currency": "USD", "valid_from": "2026-01-01", "valid_until": "2026-07-01"}]}"#)?;
    /// let price = list.block_plan("b", chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
    /// assert!(price.subscribe("2026-03-01T09:00:00Z".parse()?, Zone::default()).is_ok());
    /// // 30 June 22:30 UTC is already 1 July in Brussels: the price no longer applies.
    /// let error = price.subscribe("2026-06-30T22:30:00Z".parse()?, Zone::default()).unwrap_err();
    /// assert_eq!(error.code(), "billing.no_price");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subscribe(&self, subscribed_at: Instant, zone: Zone) -> Result<BlockPlan, BillingError> {
        let day = zone.localize(subscribed_at).date_naive();
        if !self.validity.contains(day) {
            return Err(BillingError::NoPrice {
                subject: format!("block plan {}", self.id),
                on: day,
                detail: format!(
                    "this price is valid {} (the subscription day is the day of {} in {})",
                    self.validity,
                    subscribed_at.to_rfc3339(),
                    zone.name()
                ),
            });
        }
        Ok(BlockPlan::new(
            self.block_size,
            self.fee,
            subscribed_at,
            zone,
        )?)
    }
}

/// One postage row of a letter tariff: the price of printing and posting a letter of this postage,
/// format and weight band (black and white, simplex, whatever its sheets).
///
/// ```
/// use envoi::billing::PostageRate;
/// use envoi::money::Money;
/// use envoi::post::{Format, Postage};
/// let rate = PostageRate { postage: Postage::Prior, format: Format::Small, up_to_grams: 50, price: Money::parse("1.95", "EUR")? };
/// assert_eq!(rate.up_to_grams, 50);
/// # Ok::<(), envoi::money::MoneyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostageRate {
    /// `prior`, `non_prior` or `prior_international` (a registered letter is priced as prior plus
    /// the registered fee).
    pub postage: Postage,
    /// Small or large.
    pub format: Format,
    /// The weight band, by its upper bound in grams (a band of the post's data for the postage's
    /// zone and the format).
    pub up_to_grams: u32,
    /// The price.
    pub price: Money,
}

/// A letter tariff (Click & Post): postage rows, colour and duplex supplements per printed sheet,
/// and the registered and acknowledgement-of-receipt fees, in one currency.
///
/// ```
/// # use envoi::billing::PriceList;
/// let list = PriceList::from_json("p.json", r#"{"letter_tariffs": [{"id": "click-and-post", "currency": "EUR",
///     "valid_from": "2026-01-01", "color_per_sheet": "0.20", "duplex_per_sheet": "0.03",
///     "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
///     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]}"#)?;
/// let tariff = list.letter_tariff(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
/// assert_eq!(tariff.postage.len(), 1);
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterTariff {
    /// The tariff's id (`click-and-post`).
    pub id: String,
    /// The postage rows.
    pub postage: Vec<PostageRate>,
    /// The supplement per printed sheet in colour.
    pub color_per_sheet: Money,
    /// The supplement per sheet printed on both sides.
    pub duplex_per_sheet: Money,
    /// The fee of a registered letter, on top of its prior postage.
    pub registered_fee: Money,
    /// The fee of an acknowledgement of receipt (registered letters only).
    pub acknowledgement_of_receipt_fee: Money,
    /// When it applies.
    pub validity: Validity,
}

/// What a letter is priced on: the postage applied and the weight band (as
/// [`post::quote`](crate::post::quote) gives them), its printed sheets, colour, duplex and the
/// acknowledgement of receipt. Build it with [`from_quote`](Self::from_quote) from the letter and
/// its quote, so that the price and the post say the same of the letter; the fields keep the
/// names of [`Letter`] (`color`, `duplex`).
///
/// ```
/// use envoi::billing::LetterQuery;
/// use envoi::post::{Format, PostalZone, Postage, WeightBand};
/// let query = LetterQuery::new(Postage::Prior, WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 }, 2);
/// assert!(!query.color && !query.duplex && !query.acknowledgement_of_receipt);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterQuery {
    /// The postage applied (`prior_international` for a prior letter abroad).
    pub postage: Postage,
    /// The weight band (zone, format, upper bound).
    pub band: WeightBand,
    /// The printed sheets.
    pub sheets: u32,
    /// Printed in colour.
    pub color: bool,
    /// Printed on both sides.
    pub duplex: bool,
    /// With an acknowledgement of receipt (registered letters only).
    pub acknowledgement_of_receipt: bool,
}

impl LetterQuery {
    /// A black-and-white, simplex letter without acknowledgement of receipt.
    ///
    /// ```
    /// # use envoi::billing::LetterQuery;
    /// # use envoi::post::{Format, PostalZone, Postage, WeightBand};
    /// let band = WeightBand { zone: PostalZone::National, format: Format::Large, up_to_grams: 100 };
    /// let query = LetterQuery { color: true, ..LetterQuery::new(Postage::Registered, band, 9) };
    /// assert_eq!(query.sheets, 9);
    /// ```
    pub fn new(postage: Postage, band: WeightBand, sheets: u32) -> LetterQuery {
        LetterQuery {
            postage,
            band,
            sheets,
            color: false,
            duplex: false,
            acknowledgement_of_receipt: false,
        }
    }

    /// What `letter` is priced on, as the post quoted it (`quote` is
    /// [`post::quote`](crate::post::quote)'s answer for this letter): the postage applied (prior
    /// international abroad, registered kept), the weight band and the sheets of the quote, and
    /// the letter's own `color`, `duplex` and `acknowledgement`.
    ///
    /// ```
    /// use envoi::billing::LetterQuery;
    /// use envoi::post::{Document, Letter, PostCalendars, Postage, quote};
    ///
    /// let letter = Letter {
    ///     color: true,
    ///     duplex: true,
    ///     acknowledgement: true,
    ///     return_address: Some(vec!["Envoi SA".into(), "1000 BRUSSEL".into()]),
    ///     ..Letter::new(vec![Document::a4(5)], Postage::Registered)
    /// };
    /// let sent = quote(&letter, &["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"], "2026-03-10T09:00:00Z".parse()?, &PostCalendars::default())?;
    /// let query = LetterQuery::from_quote(&letter, &sent);
    /// assert_eq!((query.postage, query.band, query.sheets), (Postage::Registered, sent.weight_band, 3));
    /// assert!(query.color && query.duplex && query.acknowledgement_of_receipt);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_quote(letter: &Letter, quote: &Quote) -> LetterQuery {
        LetterQuery {
            postage: quote.postage,
            band: quote.weight_band,
            sheets: quote.sheets,
            color: letter.color,
            duplex: letter.duplex,
            acknowledgement_of_receipt: letter.acknowledgement,
        }
    }
}

/// The price of one letter, part by part (each zero when it does not apply), without VAT.
///
/// ```
/// # use envoi::billing::{LetterQuery, PriceList};
/// # use envoi::post::{Format, PostalZone, Postage, WeightBand};
/// # let list = PriceList::from_json("p.json", r#"{"letter_tariffs": [{"id": "cp", "currency": "EUR",
/// #     "valid_from": "2026-01-01", "color_per_sheet": "0.20", "duplex_per_sheet": "0.03",
/// #     "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
/// #     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]}"#)?;
/// let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
/// let query = LetterQuery { color: true, acknowledgement_of_receipt: true, ..LetterQuery::new(Postage::Registered, band, 3) };
/// let price = list.letter_price(&query, chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
/// assert_eq!(price.postage.to_string(), "1.95 EUR");
/// assert_eq!(price.color.to_string(), "0.60 EUR");
/// assert_eq!(price.total()?.to_string(), "9.90 EUR");
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterPrice {
    /// The postage row (prior for a registered letter).
    pub postage: Money,
    /// Colour: sheets × the colour supplement.
    pub color: Money,
    /// Duplex: sheets × the duplex supplement.
    pub duplex: Money,
    /// The registered fee.
    pub registered: Money,
    /// The acknowledgement-of-receipt fee.
    pub acknowledgement_of_receipt: Money,
}

impl LetterPrice {
    /// The sum of the parts.
    ///
    /// # Errors
    /// [`BillingError::Money`] if the sum overflows.
    ///
    /// ```
    /// # use envoi::billing::{LetterQuery, PriceList};
    /// # use envoi::post::{Format, PostalZone, Postage, WeightBand};
    /// # let list = PriceList::from_json("p.json", r#"{"letter_tariffs": [{"id": "cp", "currency": "EUR",
    /// #     "valid_from": "2026-01-01", "color_per_sheet": "0.20", "duplex_per_sheet": "0.03",
    /// #     "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
    /// #     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]}"#)?;
    /// let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
    /// let query = LetterQuery { duplex: true, ..LetterQuery::new(Postage::Registered, band, 2) };
    /// let price = list.letter_price(&query, chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())?;
    /// assert_eq!(price.total()?.to_string(), "8.11 EUR"); // 1.95 + 2 × 0.03 + 6.10
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn total(&self) -> Result<Money, BillingError> {
        let mut total = self.postage;
        for part in [
            self.color,
            self.duplex,
            self.registered,
            self.acknowledgement_of_receipt,
        ] {
            total = total.checked_add(&part)?;
        }
        Ok(total)
    }
}

/// A price list: per-channel unit prices, the pack catalogue, block plans and letter tariffs, each
/// with its currency and validity, loaded from JSON ([`from_json`](Self::from_json)) or TOML
/// ([`from_toml`](Self::from_toml)) and queried at a date.
///
/// The format (the same in both; amounts are text, so no binary float touches them; dates are
/// `YYYY-MM-DD`, bare TOML dates allowed):
///
/// | key | entries |
/// |---|---|
/// | `source`, `as_of` | optional: where the prices come from and when they were checked |
/// | `unit_prices` | `channel` (email, sms or secure_email: letters are priced by `letter_tariffs`), `price`, `currency`, `valid_from`, `valid_until`? |
/// | `packs` | `id`, `kind` (credit kind), `units`, `price`, `currency`, `valid_from`, `valid_until`? |
/// | `block_plans` | `id`, `block_size`, `fee`, `currency`, `valid_from`, `valid_until`? |
/// | `letter_tariffs` | `id`, `currency`, `valid_from`, `valid_until`?, `color_per_sheet`, `duplex_per_sheet`, `registered_fee`, `acknowledgement_of_receipt_fee`, `postage` (rows of `postage`, `format`, `up_to_grams`, `price`) |
///
/// Currencies are ISO 4217 codes with a minor unit (`XAU` and the like are refused). Amounts
/// charged as they are (pack prices, block fees, postage rows, registered and acknowledgement
/// fees) have at most the currency's decimals (2 for EUR, 0 for JPY, 3 for BHD); unit prices and
/// per-sheet supplements may have more.
///
/// Validity is half-open. Two entries with the same id (the channel for unit prices; all letter
/// tariffs count as one id) may not be valid on a common day, and keep what the id stands for
/// (kind, units, block size, currency) from one validity window to the next: only the price
/// changes. Unknown fields are refused.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::ErrorCode;
/// use envoi::billing::PriceList;
///
/// let list = PriceList::from_toml("prices.toml", r#"
/// [[packs]]
/// id = "sms-1000"
/// kind = "sms"
/// units = 1000
/// price = "75.00"
/// currency = "EUR"
/// valid_from = 2026-01-01
/// valid_until = 2026-07-01
///
/// [[packs]]
/// id = "sms-1000"
/// kind = "sms"
/// units = 1000
/// price = "79.00"
/// currency = "EUR"
/// valid_from = 2026-07-01
/// "#)?;
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// assert_eq!(list.pack("sms-1000", day(6, 30))?.price.to_string(), "75.00 EUR");
/// assert_eq!(list.pack("sms-1000", day(7, 1))?.price.to_string(), "79.00 EUR");
/// assert_eq!(list.pack("sms-1000", NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).unwrap_err().code(), "billing.no_price");
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PriceList {
    source: Option<String>,
    as_of: Option<NaiveDate>,
    unit_prices: Vec<UnitPrice>,
    packs: Vec<Pack>,
    block_plans: Vec<BlockPlanPrice>,
    letter_tariffs: Vec<LetterTariff>,
}

const TOP_FIELDS: &str = "source, as_of, unit_prices, packs, block_plans, letter_tariffs";
const UNIT_PRICE_FIELDS: &str = "channel, price, currency, valid_from, valid_until";
const PACK_FIELDS: &str = "id, kind, units, price, currency, valid_from, valid_until";
const BLOCK_PLAN_FIELDS: &str = "id, block_size, fee, currency, valid_from, valid_until";
const LETTER_TARIFF_FIELDS: &str = "id, currency, valid_from, valid_until, color_per_sheet, duplex_per_sheet, registered_fee, acknowledgement_of_receipt_fee, postage";
const POSTAGE_ROW_FIELDS: &str = "postage, format, up_to_grams, price";
const MAX_ID_LEN: usize = 64;

impl PriceList {
    /// Reads a price list from JSON; `file` names it in the errors (the host reads the file).
    /// Letter tariffs' weight bands are checked against the built-in post data
    /// ([`PostData::builtin`]); a host with its own data uses [`from_json_with`](Self::from_json_with).
    ///
    /// # Errors
    /// [`BillingError::Syntax`] for text that is not JSON; [`BillingError::DuplicateField`] for a
    /// key given twice in one object (never the last one silently); otherwise the error of the first entry
    /// and field that breaks a rule (see [`BillingError`]).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::billing::PriceList;
    /// let error = PriceList::from_json("prices.json", r#"{"packs": [{"id": "sms-1000"}]}"#).unwrap_err();
    /// assert_eq!(error.code(), "billing.missing_field");
    /// assert_eq!(error.to_string(), "prices.json: packs[0] (sms-1000): kind: missing; a credit kind such as sms, email or secure_email");
    ///
    /// let twice = r#"{"packs": [{"id": "sms-1000", "price": "50", "price": "5"}]}"#;
    /// let error = PriceList::from_json("prices.json", twice).unwrap_err();
    /// assert_eq!(error.code(), "billing.duplicate_field");
    /// assert_eq!(error.to_string(), "prices.json: packs[0]: price: given twice; each field appears once");
    /// ```
    pub fn from_json(file: &str, text: &str) -> Result<PriceList, BillingError> {
        PriceList::from_json_with(file, text, PostData::builtin())
    }

    /// Reads a price list from JSON as [`from_json`](Self::from_json), checking the letter
    /// tariffs' weight bands against the post data the host loaded (`post`).
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json); [`BillingError::UnknownWeightBand`] names the bands of
    /// `post`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::billing::PriceList;
    /// use envoi::post::PostData;
    /// // The host's data has a 250 g step where the built-in data has 350 g.
    /// let post = PostData::from_json(&PostData::builtin_json().replace("[100, 350, 1000, 2000]", "[100, 250, 1000, 2000]"))?;
    /// let list = r#"{"letter_tariffs": [{"id": "letters", "currency": "EUR", "valid_from": "2026-01-01",
    ///     "color_per_sheet": "0.10", "duplex_per_sheet": "0.02", "registered_fee": "7.50",
    ///     "acknowledgement_of_receipt_fee": "1.50",
    ///     "postage": [{"postage": "prior", "format": "large", "up_to_grams": 250, "price": "3.20"}]}]}"#;
    /// assert!(PriceList::from_json_with("prices.json", list, &post).is_ok());
    /// assert_eq!(PriceList::from_json("prices.json", list).unwrap_err().code(), "billing.unknown_weight_band");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_with(
        file: &str,
        text: &str,
        post: &PostData,
    ) -> Result<PriceList, BillingError> {
        let value = super::json::parse_unique(text).map_err(|error| match error {
            Ok(repeated) => BillingError::DuplicateField {
                at: Location::field(file, &repeated.entry, repeated.field),
            },
            Err(error) => BillingError::Syntax {
                file: file.to_owned(),
                format: "JSON",
                message: error.to_string().into(),
            },
        })?;
        PriceList::from_value(file, &value, post)
    }

    /// Reads a price list from TOML (the same fields; dates may be bare TOML dates), checking the
    /// weight bands against the built-in post data ([`from_toml_with`](Self::from_toml_with) for
    /// the host's own).
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::billing::PriceList;
    /// let error = PriceList::from_toml("prices.toml", "[[unit_prices]]\nchannel = \"fax\"").unwrap_err();
    /// assert_eq!(error.code(), "billing.unknown_channel");
    /// assert_eq!(PriceList::from_toml("prices.toml", "packs = [").unwrap_err().code(), "billing.syntax");
    /// ```
    pub fn from_toml(file: &str, text: &str) -> Result<PriceList, BillingError> {
        PriceList::from_toml_with(file, text, PostData::builtin())
    }

    /// Reads a price list from TOML as [`from_toml`](Self::from_toml), checking the letter
    /// tariffs' weight bands against the post data the host loaded (`post`).
    ///
    /// # Errors
    /// As [`from_json`](Self::from_json).
    ///
    /// ```
    /// use envoi::billing::PriceList;
    /// use envoi::post::PostData;
    /// let post = PostData::from_json(&PostData::builtin_json().replace("[100, 350, 1000, 2000]", "[100, 250, 1000, 2000]"))?;
    /// let list = "[[letter_tariffs]]\nid = \"letters\"\ncurrency = \"EUR\"\nvalid_from = 2026-01-01\n\
    ///     color_per_sheet = \"0.10\"\nduplex_per_sheet = \"0.02\"\nregistered_fee = \"7.50\"\n\
    ///     acknowledgement_of_receipt_fee = \"1.50\"\n\
    ///     [[letter_tariffs.postage]]\npostage = \"prior\"\nformat = \"large\"\nup_to_grams = 250\nprice = \"3.20\"\n";
    /// assert!(PriceList::from_toml_with("prices.toml", list, &post).is_ok());
    /// assert!(PriceList::from_toml("prices.toml", list).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_with(
        file: &str,
        text: &str,
        post: &PostData,
    ) -> Result<PriceList, BillingError> {
        let syntax = |message: String| BillingError::Syntax {
            file: file.to_owned(),
            format: "TOML",
            message: message.into(),
        };
        let table: toml::Table = toml::from_str(text).map_err(|error| syntax(error.to_string()))?;
        let value = toml_to_json(toml::Value::Table(table)).map_err(syntax)?;
        PriceList::from_value(file, &value, post)
    }

    fn from_value(file: &str, value: &Value, post: &PostData) -> Result<PriceList, BillingError> {
        let top = Entry::top(file, value)?;
        top.check_fields(
            &[
                "source",
                "as_of",
                "unit_prices",
                "packs",
                "block_plans",
                "letter_tariffs",
            ],
            TOP_FIELDS,
        )?;
        let mut list = PriceList {
            source: top.opt_text("source")?.map(str::to_owned),
            as_of: top.opt_date("as_of")?,
            ..PriceList::default()
        };
        for entry in top.entries("unit_prices")? {
            entry.check_fields(
                &["channel", "price", "currency", "valid_from", "valid_until"],
                UNIT_PRICE_FIELDS,
            )?;
            let channel = entry.channel("channel")?;
            let entry = entry.named(channel.as_str());
            if channel == Channel::Letter {
                return Err(entry.invalid(
                    "channel",
                    quoted(channel.as_str()),
                    "has no unit price; letters are priced by letter_tariffs (postage × format × weight band, with supplements and fees)",
                ));
            }
            let currency = entry.currency("currency")?;
            let price = UnitPrice {
                channel,
                price: entry.amount("price", currency)?,
                validity: entry.validity()?,
            };
            check_overlap(
                file,
                &list.unit_prices,
                |other| other.channel == price.channel,
                |other| other.validity,
                &entry.label,
                price.validity,
                "unit_prices",
            )?;
            check_consistent(
                file,
                &list.unit_prices,
                |other| other.channel == price.channel,
                &entry.label,
                &price,
                "unit_prices",
                UNIT_PRICE_KEPT,
            )?;
            list.unit_prices.push(price);
        }
        for entry in top.entries("packs")? {
            entry.check_fields(
                &[
                    "id",
                    "kind",
                    "units",
                    "price",
                    "currency",
                    "valid_from",
                    "valid_until",
                ],
                PACK_FIELDS,
            )?;
            let id = entry.id()?;
            let entry = entry.named(&id);
            let kind_name =
                entry.text("kind", "a credit kind such as sms, email or secure_email")?;
            let kind = CreditKind::new(kind_name).map_err(|_| {
                entry.invalid(
                    "kind",
                    quoted(kind_name),
                    "is not a credit kind; kinds are 1 to 32 lower-case letters, digits or _ (sms, email, secure_email)",
                )
            })?;
            let units = entry.count("units", 1, MAX_UNITS)?;
            let currency = entry.currency("currency")?;
            let pack = Pack {
                price: entry.charged_amount("price", currency)?,
                validity: entry.validity()?,
                id,
                kind,
                units,
            };
            check_overlap(
                file,
                &list.packs,
                |other| other.id == pack.id,
                |other| other.validity,
                &entry.label,
                pack.validity,
                "packs",
            )?;
            check_consistent(
                file,
                &list.packs,
                |other| other.id == pack.id,
                &entry.label,
                &pack,
                "packs",
                PACK_KEPT,
            )?;
            list.packs.push(pack);
        }
        for entry in top.entries("block_plans")? {
            entry.check_fields(
                &[
                    "id",
                    "block_size",
                    "fee",
                    "currency",
                    "valid_from",
                    "valid_until",
                ],
                BLOCK_PLAN_FIELDS,
            )?;
            let id = entry.id()?;
            let entry = entry.named(&id);
            let block_size = entry.count("block_size", 1, u64::from(u32::MAX))?;
            let currency = entry.currency("currency")?;
            let plan = BlockPlanPrice {
                block_size: u32::try_from(block_size).unwrap_or(u32::MAX),
                fee: entry.charged_amount("fee", currency)?,
                validity: entry.validity()?,
                id,
            };
            check_overlap(
                file,
                &list.block_plans,
                |other| other.id == plan.id,
                |other| other.validity,
                &entry.label,
                plan.validity,
                "block_plans",
            )?;
            check_consistent(
                file,
                &list.block_plans,
                |other| other.id == plan.id,
                &entry.label,
                &plan,
                "block_plans",
                BLOCK_PLAN_KEPT,
            )?;
            list.block_plans.push(plan);
        }
        for entry in top.entries("letter_tariffs")? {
            entry.check_fields(
                &[
                    "id",
                    "currency",
                    "valid_from",
                    "valid_until",
                    "color_per_sheet",
                    "duplex_per_sheet",
                    "registered_fee",
                    "acknowledgement_of_receipt_fee",
                    "postage",
                ],
                LETTER_TARIFF_FIELDS,
            )?;
            let id = entry.id()?;
            let entry = entry.named(&id);
            let currency = entry.currency("currency")?;
            let validity = entry.validity()?;
            let mut tariff = LetterTariff {
                postage: Vec::new(),
                color_per_sheet: entry.amount("color_per_sheet", currency)?,
                duplex_per_sheet: entry.amount("duplex_per_sheet", currency)?,
                registered_fee: entry.charged_amount("registered_fee", currency)?,
                acknowledgement_of_receipt_fee: entry
                    .charged_amount("acknowledgement_of_receipt_fee", currency)?,
                validity,
                id,
            };
            for row in entry.entries("postage")? {
                let rate = row.postage_rate(currency, post)?;
                let same = |other: &PostageRate| {
                    (other.postage, other.format, other.up_to_grams)
                        == (rate.postage, rate.format, rate.up_to_grams)
                };
                if let Some(index) = tariff.postage.iter().position(same) {
                    return Err(BillingError::DuplicateEntry {
                        at: Location::field(
                            file,
                            &entry.label,
                            row.prefix.trim_end_matches('.').to_owned(),
                        ),
                        value: format!(
                            "{} {} up to {} g",
                            rate.postage, rate.format, rate.up_to_grams
                        ),
                        other: format!("postage[{index}]"),
                    });
                }
                tariff.postage.push(rate);
            }
            check_overlap(
                file,
                &list.letter_tariffs,
                |_| true,
                |other| other.validity,
                &entry.label,
                tariff.validity,
                "letter_tariffs",
            )?;
            check_consistent(
                file,
                &list.letter_tariffs,
                |other| other.id == tariff.id,
                &entry.label,
                &tariff,
                "letter_tariffs",
                LETTER_TARIFF_KEPT,
            )?;
            list.letter_tariffs.push(tariff);
        }
        Ok(list)
    }

    /// Where the prices come from, as the file says.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("p.json", r#"{"source": "Clicplanning price page"}"#)?;
    /// assert_eq!(list.source(), Some("Clicplanning price page"));
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// When the prices were last checked against their source, as the file says.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("p.json", r#"{"as_of": "2026-01-15"}"#)?;
    /// assert_eq!(list.as_of().map(|d| d.to_string()).as_deref(), Some("2026-01-15"));
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// Every unit price, in file order.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("prices.json", include_str!("../../tests/data/billing/prices.json"))?;
    /// let channels: Vec<&str> = list.unit_prices().iter().map(|price| price.channel.as_str()).collect();
    /// assert_eq!(channels, ["email", "sms", "sms", "secure_email"]); // sms changes price on 1 July
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn unit_prices(&self) -> &[UnitPrice] {
        &self.unit_prices
    }

    /// Every pack price, in file order (one id may have several, with disjoint validities).
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("prices.json", include_str!("../../tests/data/billing/prices.json"))?;
    /// assert_eq!(list.packs().len(), 8);
    /// assert_eq!(list.packs().iter().filter(|pack| pack.id == "sms-1000").count(), 2);
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Every block plan price, in file order.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("prices.json", include_str!("../../tests/data/billing/prices.json"))?;
    /// let plan = &list.block_plans()[0];
    /// assert_eq!((plan.block_size, plan.fee.to_string()), (500, "25.00 USD".to_owned()));
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn block_plans(&self) -> &[BlockPlanPrice] {
        &self.block_plans
    }

    /// Every letter tariff, in file order.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("prices.json", include_str!("../../tests/data/billing/prices.json"))?;
    /// assert_eq!(list.letter_tariffs()[0].color_per_sheet.to_string(), "0.20 EUR");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn letter_tariffs(&self) -> &[LetterTariff] {
        &self.letter_tariffs
    }

    /// The packs on sale on `on` (the catalogue of that day), in file order.
    ///
    /// ```
    /// let list = envoi::billing::PriceList::from_json("p.json", r#"{"packs": [
    ///     {"id": "a", "kind": "sms", "units": 100, "price": "9", "currency": "EUR", "valid_from": "2026-01-01", "valid_until": "2026-02-01"},
    ///     {"id": "b", "kind": "email", "units": 1000, "price": "9", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// let on = chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
    /// assert_eq!(list.packs_on(on).map(|pack| pack.id.as_str()).collect::<Vec<_>>(), ["b"]);
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn packs_on(&self, on: NaiveDate) -> impl Iterator<Item = &Pack> {
        self.packs
            .iter()
            .filter(move |pack| pack.validity.contains(on))
    }

    /// The pack `id` at its price valid on `on`.
    ///
    /// # Errors
    /// [`BillingError::NoPrice`] naming the pack and the day, with the validities the list has for
    /// it (or that it has none).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// let list = envoi::billing::PriceList::from_json("p.json", r#"{"packs": [
    ///     {"id": "sms-100", "kind": "sms", "units": 100, "price": "9.50", "currency": "EUR", "valid_from": "2026-01-01"}]}"#)?;
    /// let error = list.pack("sms-200", chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()).unwrap_err();
    /// assert_eq!(error.to_string(), "pack sms-200: no price valid on 2026-02-01; the price list has no entry for it");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn pack(&self, id: &str, on: NaiveDate) -> Result<&Pack, BillingError> {
        find(
            &self.packs,
            |pack| pack.id == id,
            |pack| pack.validity,
            on,
            || format!("pack {id}"),
        )
    }

    /// The price of one message on `channel` valid on `on`.
    ///
    /// # Errors
    /// [`BillingError::NoPrice`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::contacts::Channel;
    /// let list = envoi::billing::PriceList::from_json("p.json", r#"{"unit_prices": [
    ///     {"channel": "email", "price": "0.004", "currency": "EUR", "valid_from": "2026-01-01", "valid_until": "2027-01-01"}]}"#)?;
    /// let error = list.unit_price(Channel::Email, chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()).unwrap_err();
    /// assert_eq!(error.to_string(), "unit price of email: no price valid on 2027-01-01; the price list has it for 2026-01-01..2027-01-01");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn unit_price(&self, channel: Channel, on: NaiveDate) -> Result<&UnitPrice, BillingError> {
        find(
            &self.unit_prices,
            |price| price.channel == channel,
            |price| price.validity,
            on,
            || format!("unit price of {channel}"),
        )
    }

    /// The block plan `id` at its price valid on `on`.
    ///
    /// # Errors
    /// [`BillingError::NoPrice`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// let list = envoi::billing::PriceList::default();
    /// let error = list.block_plan("plannit-sms", chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()).unwrap_err();
    /// assert_eq!(error.code(), "billing.no_price");
    /// ```
    pub fn block_plan(&self, id: &str, on: NaiveDate) -> Result<&BlockPlanPrice, BillingError> {
        find(
            &self.block_plans,
            |plan| plan.id == id,
            |plan| plan.validity,
            on,
            || format!("block plan {id}"),
        )
    }

    /// The letter tariff valid on `on`.
    ///
    /// # Errors
    /// [`BillingError::NoPrice`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// let error = envoi::billing::PriceList::default()
    ///     .letter_tariff(chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()).unwrap_err();
    /// assert_eq!(error.to_string(), "letter tariff: no price valid on 2026-02-01; the price list has no entry for it");
    /// ```
    pub fn letter_tariff(&self, on: NaiveDate) -> Result<&LetterTariff, BillingError> {
        find(
            &self.letter_tariffs,
            |_| true,
            |tariff| tariff.validity,
            on,
            || "letter tariff".to_owned(),
        )
    }

    /// The price of one letter on `on`: the postage row of its postage, format and band (prior for a
    /// registered letter), the colour and duplex supplements per sheet, and the registered and
    /// acknowledgement-of-receipt fees.
    ///
    /// # Errors
    /// [`BillingError::InvalidQuery`] for a band of the wrong zone for the postage (prior
    /// international is for addresses abroad, the others for Belgium), `rp` (never available), an
    /// acknowledgement of receipt on a letter that is not registered, or no sheet;
    /// [`BillingError::NoPrice`] when no tariff is valid that day or it has no row for the postage,
    /// format and band; [`BillingError::Money`] on overflow.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::billing::{LetterQuery, PriceList};
    /// use envoi::post::{Format, PostalZone, Postage, WeightBand};
    /// let list = PriceList::from_json("p.json", r#"{"letter_tariffs": [{"id": "cp", "currency": "EUR",
    ///     "valid_from": "2026-01-01", "color_per_sheet": "0.20", "duplex_per_sheet": "0.03",
    ///     "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
    ///     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]}"#)?;
    /// let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    /// let small = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
    /// let query = LetterQuery { duplex: true, ..LetterQuery::new(Postage::Prior, small, 4) };
    /// assert_eq!(list.letter_price(&query, on)?.total()?.to_string(), "2.07 EUR");
    /// let large = WeightBand { zone: PostalZone::National, format: Format::Large, up_to_grams: 100 };
    /// let error = list.letter_price(&LetterQuery::new(Postage::Prior, large, 7), on).unwrap_err();
    /// assert_eq!(error.to_string(), "letter prior large up to 100 g: no price valid on 2026-03-01; tariff cp has no row for it");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn letter_price(
        &self,
        query: &LetterQuery,
        on: NaiveDate,
    ) -> Result<LetterPrice, BillingError> {
        let band = query.band;
        let row_postage = match query.postage {
            Postage::Registered => Postage::Prior,
            Postage::Rp => {
                return Err(BillingError::InvalidQuery {
                    field: "postage",
                    value: "rp".into(),
                    rule: "is never available (registered mail reserved to administrations); administrations send registered",
                });
            }
            other => other,
        };
        if band.zone != zone_of(row_postage) {
            return Err(BillingError::InvalidQuery {
                field: "band.zone",
                value: band.zone.to_string(),
                rule: "does not match the postage: prior_international is for addresses abroad (international), the others for Belgium (national)",
            });
        }
        if query.acknowledgement_of_receipt && query.postage != Postage::Registered {
            return Err(BillingError::InvalidQuery {
                field: "acknowledgement_of_receipt",
                value: query.postage.code().into(),
                rule: "is asked for a letter that is not registered; only registered letters have one",
            });
        }
        if query.sheets == 0 {
            return Err(BillingError::InvalidQuery {
                field: "sheets",
                value: "0".into(),
                rule: "is no sheet; a letter has at least one printed sheet",
            });
        }
        let tariff = self.letter_tariff(on)?;
        let subject = || {
            format!(
                "letter {} {} up to {} g",
                query.postage, band.format, band.up_to_grams
            )
        };
        let row = tariff
            .postage
            .iter()
            .find(|rate| {
                (rate.postage, rate.format, rate.up_to_grams)
                    == (row_postage, band.format, band.up_to_grams)
            })
            .ok_or_else(|| BillingError::NoPrice {
                subject: subject(),
                on,
                detail: format!("tariff {} has no row for it", tariff.id),
            })?;
        let sheets = Decimal::from(query.sheets);
        let per_sheet = |on: bool, supplement: Money| -> Result<Money, BillingError> {
            if !on {
                return Ok(Money::zero(supplement.currency()));
            }
            supplement
                .amount()
                .checked_mul(sheets)
                .map(|amount| Money::new(amount, supplement.currency()))
                .ok_or(BillingError::Money(crate::money::MoneyError::Overflow {
                    operation: "multiply",
                }))
        };
        let currency = row.price.currency();
        Ok(LetterPrice {
            postage: row.price,
            color: per_sheet(query.color, tariff.color_per_sheet)?,
            duplex: per_sheet(query.duplex, tariff.duplex_per_sheet)?,
            registered: if query.postage == Postage::Registered {
                tariff.registered_fee
            } else {
                Money::zero(currency)
            },
            acknowledgement_of_receipt: if query.acknowledgement_of_receipt {
                tariff.acknowledgement_of_receipt_fee
            } else {
                Money::zero(currency)
            },
        })
    }
}

fn zone_of(postage: Postage) -> PostalZone {
    if postage == Postage::PriorInternational {
        PostalZone::International
    } else {
        PostalZone::National
    }
}

/// The one entry that `matches` and is valid on `on`.
fn find<T>(
    entries: &[T],
    matches: impl Fn(&T) -> bool,
    validity: impl Fn(&T) -> Validity,
    on: NaiveDate,
    subject: impl Fn() -> String,
) -> Result<&T, BillingError> {
    let mut same = entries.iter().filter(|entry| matches(entry)).peekable();
    if same.peek().is_none() {
        return Err(BillingError::NoPrice {
            subject: subject(),
            on,
            detail: "the price list has no entry for it".to_owned(),
        });
    }
    let mut validities = Vec::new();
    for entry in same {
        if validity(entry).contains(on) {
            return Ok(entry);
        }
        validities.push(validity(entry).to_string());
    }
    Err(BillingError::NoPrice {
        subject: subject(),
        on,
        detail: format!("the price list has it for {}", validities.join(", ")),
    })
}

/// What an id stands for, field by field: the same in every validity window of the id.
type Kept<T> = &'static [(&'static str, fn(&T) -> String)];

const UNIT_PRICE_KEPT: Kept<UnitPrice> =
    &[("currency", |price| price.price.currency().to_string())];
const PACK_KEPT: Kept<Pack> = &[
    ("kind", |pack| pack.kind.to_string()),
    ("units", |pack| pack.units.to_string()),
    ("currency", |pack| pack.price.currency().to_string()),
];
const BLOCK_PLAN_KEPT: Kept<BlockPlanPrice> = &[
    ("block_size", |plan| plan.block_size.to_string()),
    ("currency", |plan| plan.fee.currency().to_string()),
];
const LETTER_TARIFF_KEPT: Kept<LetterTariff> = &[("currency", |tariff| {
    tariff.registered_fee.currency().to_string()
})];

/// Refuses an entry whose id (a unit price's channel) is an earlier entry's with another kind,
/// units, block size or currency: only the price changes from one validity window of an id to
/// the next.
fn check_consistent<T>(
    file: &str,
    earlier: &[T],
    same_id: impl Fn(&T) -> bool,
    label: &str,
    new: &T,
    list: &str,
    kept: Kept<T>,
) -> Result<(), BillingError> {
    for (index, other) in earlier
        .iter()
        .enumerate()
        .filter(|(_, other)| same_id(other))
    {
        for (field, value_of) in kept {
            let (value, other_value) = (value_of(new), value_of(other));
            if value != other_value {
                return Err(BillingError::InconsistentEntry {
                    at: Location::field(file, label, *field),
                    value: value.into(),
                    other: format!("{list}[{index}]").into(),
                    other_value: other_value.into(),
                });
            }
        }
    }
    Ok(())
}

fn check_overlap<T>(
    file: &str,
    earlier: &[T],
    same_id: impl Fn(&T) -> bool,
    validity: impl Fn(&T) -> Validity,
    label: &str,
    new: Validity,
    list: &str,
) -> Result<(), BillingError> {
    match earlier
        .iter()
        .enumerate()
        .find(|(_, other)| same_id(other) && validity(other).overlaps(&new))
    {
        Some((index, other)) => Err(BillingError::OverlappingValidity {
            at: Location::entry(file, label),
            validity: new,
            other: format!("{list}[{index}]"),
            other_validity: validity(other),
        }),
        None => Ok(()),
    }
}

/// 1 to [`MAX_ID_LEN`] ASCII letters, digits, `-`, `_` or `.`.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn quoted(text: &str) -> String {
    format!("{:?}", text.chars().take(40).collect::<String>())
}

fn describe(value: &Value) -> String {
    match value {
        Value::String(text) => quoted(text),
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string().chars().take(40).collect(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a table".to_owned(),
    }
}

/// TOML's value as JSON's: dates become their text, and a float (which no price may be) is kept
/// as a JSON number so that the checks refuse it like a JSON one.
fn toml_to_json(value: toml::Value) -> Result<Value, String> {
    Ok(match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(number) => Value::from(number),
        toml::Value::Float(number) => serde_json::Number::from_f64(number)
            .map(Value::Number)
            .ok_or_else(|| format!("{number} is not a finite number"))?,
        toml::Value::Boolean(flag) => Value::Bool(flag),
        toml::Value::Datetime(datetime) => Value::String(datetime.to_string()),
        toml::Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(toml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, value)| Ok((key, toml_to_json(value)?)))
                .collect::<Result<Map<_, _>, String>>()?,
        ),
    })
}

/// One entry of the file being read, with the fields' prefix (`postage[3].` inside a tariff).
struct Entry<'a> {
    file: &'a str,
    label: String,
    prefix: String,
    object: &'a Map<String, Value>,
}

impl<'a> Entry<'a> {
    fn top(file: &'a str, value: &'a Value) -> Result<Self, BillingError> {
        match value {
            Value::Object(object) => Ok(Entry {
                file,
                label: "top level".to_owned(),
                prefix: String::new(),
                object,
            }),
            other => Err(BillingError::InvalidField {
                at: Location::field(file, "top level", "(document)".to_owned()),
                value: describe(other),
                rule: "is not a table; a price list is a table of unit_prices, packs, block_plans and letter_tariffs".to_owned(),
            }),
        }
    }

    fn field(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    fn invalid(&self, name: &str, value: String, rule: impl Into<String>) -> BillingError {
        BillingError::InvalidField {
            at: Location::field(self.file, &self.label, self.field(name)),
            value,
            rule: rule.into(),
        }
    }

    fn missing(&self, name: &str, rule: &'static str) -> BillingError {
        BillingError::MissingField {
            at: Location::field(self.file, &self.label, self.field(name)),
            rule,
        }
    }

    fn named(self, id: &str) -> Entry<'a> {
        Entry {
            label: format!("{} ({id})", self.label),
            ..self
        }
    }

    /// The label with the entry's id (or a unit price's channel) when the fields are checked
    /// before the id is read: `packs[3] (sms-1000)` rather than `packs[3]`.
    fn label_with_id(&self) -> String {
        let is_entry =
            self.prefix.is_empty() && self.label != "top level" && !self.label.ends_with(')');
        let id = ["id", "channel"]
            .into_iter()
            .find_map(|key| self.object.get(key)?.as_str())
            .filter(|id| is_id(id));
        match id {
            Some(id) if is_entry => format!("{} ({id})", self.label),
            _ => self.label.clone(),
        }
    }

    fn check_fields(&self, known: &[&str], allowed: &'static str) -> Result<(), BillingError> {
        match self
            .object
            .keys()
            .find(|key| !known.contains(&key.as_str()))
        {
            Some(key) => Err(BillingError::UnknownField {
                at: Location::field(
                    self.file,
                    &self.label_with_id(),
                    self.field(&key.chars().take(40).collect::<String>()),
                ),
                allowed,
            }),
            None => Ok(()),
        }
    }

    /// The entries of a list field (absent: none).
    fn entries(&self, name: &str) -> Result<Vec<Entry<'a>>, BillingError> {
        let Some(value) = self.object.get(name) else {
            return Ok(Vec::new());
        };
        let Value::Array(items) = value else {
            return Err(self.invalid(name, describe(value), "is not a list of entries"));
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::Object(object) if self.prefix.is_empty() && self.label == "top level" => {
                    Ok(Entry {
                        file: self.file,
                        label: format!("{name}[{index}]"),
                        prefix: String::new(),
                        object,
                    })
                }
                Value::Object(object) => Ok(Entry {
                    file: self.file,
                    label: self.label.clone(),
                    prefix: format!("{}{name}[{index}].", self.prefix),
                    object,
                }),
                other => Err(self.invalid(
                    &format!("{name}[{index}]"),
                    describe(other),
                    "is not an entry (a table of fields)",
                )),
            })
            .collect()
    }

    fn text(&self, name: &str, rule: &'static str) -> Result<&'a str, BillingError> {
        match self.object.get(name) {
            None => Err(self.missing(name, rule)),
            Some(Value::String(text)) => Ok(text),
            Some(other) => Err(self.invalid(name, describe(other), format!("is not text; {rule}"))),
        }
    }

    fn opt_text(&self, name: &str) -> Result<Option<&'a str>, BillingError> {
        match self.object.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(other) => Err(self.invalid(name, describe(other), "is not text")),
        }
    }

    fn id(&self) -> Result<String, BillingError> {
        let id = self.text("id", "the entry's id, such as sms-1000")?;
        if is_id(id) {
            Ok(id.to_owned())
        } else {
            Err(self.invalid(
                "id",
                quoted(id),
                format!(
                    "is not an id; ids are 1 to {MAX_ID_LEN} ASCII letters, digits, '-', '_' or '.'"
                ),
            ))
        }
    }

    fn date_of(&self, name: &str, value: &Value) -> Result<NaiveDate, BillingError> {
        let rule = "is not a date; write YYYY-MM-DD, such as 2026-01-01";
        match value {
            Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|date| date.format("%Y-%m-%d").to_string() == *text)
                .ok_or_else(|| self.invalid(name, quoted(text), rule)),
            other => Err(self.invalid(name, describe(other), rule)),
        }
    }

    fn opt_date(&self, name: &str) -> Result<Option<NaiveDate>, BillingError> {
        self.object
            .get(name)
            .map(|value| self.date_of(name, value))
            .transpose()
    }

    fn validity(&self) -> Result<Validity, BillingError> {
        let valid_from = self
            .object
            .get("valid_from")
            .ok_or_else(|| {
                self.missing("valid_from", "the first day the price applies (YYYY-MM-DD)")
            })
            .and_then(|value| self.date_of("valid_from", value))?;
        let valid_until = self.opt_date("valid_until")?;
        if let Some(until) = valid_until {
            if until <= valid_from {
                return Err(self.invalid(
                    "valid_until",
                    quoted(&until.to_string()),
                    format!("is not after valid_from ({valid_from}); validity is half-open, valid_until is the first day the price no longer applies"),
                ));
            }
        }
        Ok(Validity {
            valid_from,
            valid_until,
        })
    }

    fn currency(&self, name: &str) -> Result<Currency, BillingError> {
        let code = self.text(name, "an ISO 4217 code such as EUR or USD")?;
        let unknown = |rule| BillingError::UnknownCurrency {
            at: Location::field(self.file, &self.label, self.field(name)),
            value: code.chars().take(40).collect(),
            rule,
        };
        let currency: Currency = code
            .parse()
            .map_err(|_| unknown("is not an ISO 4217 currency code (such as EUR or USD)"))?;
        // `Currency::minor_units` says 0 for a currency ISO 4217 gives no minor unit (gold,
        // special drawing rights, test codes): its amounts would be rounded to whole ounces.
        let has_minor_unit = iso_currency::Currency::from_code(currency.code())
            .is_some_and(|iso| iso.exponent().is_some());
        if has_minor_unit {
            Ok(currency)
        } else {
            Err(unknown(
                "has no minor unit in ISO 4217 (a metal, special drawing rights or a test code): an amount in it cannot be rounded for an invoice; price in a currency such as EUR, USD or JPY",
            ))
        }
    }

    /// An amount charged as it is (a pack's price, a fee, a postage row): zero or more, with no
    /// more decimals than the currency's minor unit (2 for EUR, 0 for JPY, 3 for BHD), so that
    /// an invoice never rounds it. Unit prices and per-sheet supplements, which are multiplied
    /// first, may be finer ([`amount`](Self::amount)).
    fn charged_amount(&self, name: &str, currency: Currency) -> Result<Money, BillingError> {
        let money = self.amount(name, currency)?;
        let decimals = money.amount().normalize().scale();
        if decimals > currency.minor_units() {
            return Err(self.invalid(
                name,
                quoted(&money.amount().to_string()),
                format!(
                    "has {decimals} decimals, more than {currency} has ({}); a price charged as it is is a whole number of minor units (only unit prices and per-sheet supplements may be finer)",
                    currency.minor_units()
                ),
            ));
        }
        Ok(money)
    }

    /// An amount written as text (never a JSON or TOML number, which would pass through binary
    /// floating point), zero or more.
    fn amount(&self, name: &str, currency: Currency) -> Result<Money, BillingError> {
        let rule = "an amount as text, such as \"0.0825\"";
        let text = match self.object.get(name) {
            None => return Err(self.missing(name, "an amount as text, such as \"0.0825\"")),
            Some(Value::String(text)) => text,
            Some(other) => {
                return Err(self.invalid(
                    name,
                    describe(other),
                    format!("is not text; write {rule} (a number would pass through binary floating point)"),
                ));
            }
        };
        let money = Money::parse(text, currency.code()).map_err(|_| {
            self.invalid(
                name,
                quoted(text),
                "is not a decimal amount; write digits with an optional dot (\"25\", \"0.0825\"), no currency symbol or thousands separator",
            )
        })?;
        if money.amount().is_sign_negative() && !money.amount().is_zero() {
            return Err(BillingError::NegativePrice {
                at: Location::field(self.file, &self.label, self.field(name)),
                value: text.chars().take(40).collect(),
            });
        }
        Ok(money)
    }

    fn count(&self, name: &str, min: u64, max: u64) -> Result<u64, BillingError> {
        let rule = format!("is not a whole number from {min} to {max}");
        match self.object.get(name) {
            None => Err(self.missing(name, "a whole number")),
            Some(value @ Value::Number(number)) => number
                .as_u64()
                .filter(|count| (min..=max).contains(count))
                .ok_or_else(|| self.invalid(name, describe(value), rule)),
            Some(other) => Err(self.invalid(name, describe(other), rule)),
        }
    }

    fn channel(&self, name: &str) -> Result<Channel, BillingError> {
        let text = self.text(name, "email, sms, secure_email or letter")?;
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == text)
            .ok_or_else(|| BillingError::UnknownChannel {
                at: Location::field(self.file, &self.label, self.field(name)),
                value: text.chars().take(40).collect(),
            })
    }

    fn postage_rate(
        &self,
        currency: Currency,
        data: &PostData,
    ) -> Result<PostageRate, BillingError> {
        self.check_fields(
            &["postage", "format", "up_to_grams", "price"],
            POSTAGE_ROW_FIELDS,
        )?;
        let name = self.text("postage", "prior, non_prior or prior_international")?;
        let unknown = |rule| BillingError::UnknownPostage {
            at: Location::field(self.file, &self.label, self.field("postage")),
            value: name.chars().take(40).collect(),
            rule,
        };
        let postage = match Postage::ALL
            .into_iter()
            .find(|postage| postage.code() == name)
        {
            None => {
                return Err(unknown(
                    "is not a postage; rows are for prior, non_prior or prior_international",
                ));
            }
            Some(Postage::Registered) => {
                return Err(unknown(
                    "has no row of its own: a registered letter is priced as prior plus registered_fee",
                ));
            }
            Some(Postage::Rp) => {
                return Err(unknown(
                    "is never available (registered mail reserved to administrations)",
                ));
            }
            Some(postage) => postage,
        };
        let format_name = self.text("format", "small or large")?;
        let format = Format::ALL
            .into_iter()
            .find(|format| format.code() == format_name)
            .ok_or_else(|| BillingError::UnknownFormat {
                at: Location::field(self.file, &self.label, self.field("format")),
                value: format_name.chars().take(40).collect(),
            })?;
        let zone = zone_of(postage);
        let up_to_grams = self.count("up_to_grams", 1, u64::from(u32::MAX))?;
        let is_band = u32::try_from(up_to_grams).ok().is_some_and(|grams| {
            data.weight_band(zone, format, Decimal::from(grams))
                .is_ok_and(|band| band.up_to_grams == grams)
        });
        if !is_band {
            return Err(BillingError::UnknownWeightBand {
                at: Location::field(self.file, &self.label, self.field("up_to_grams")),
                value: up_to_grams,
                zone,
                format,
                bands: bands(data, zone, format),
            });
        }
        Ok(PostageRate {
            postage,
            format,
            up_to_grams: u32::try_from(up_to_grams).unwrap_or(u32::MAX),
            price: self.charged_amount("price", currency)?,
        })
    }
}

/// The upper bounds of the post's weight bands of a zone and format, lightest first.
fn bands(data: &PostData, zone: PostalZone, format: Format) -> String {
    let mut bounds = Vec::new();
    let mut weight = Decimal::ZERO;
    while let Ok(band) = data.weight_band(zone, format, weight) {
        bounds.push(band.up_to_grams.to_string());
        weight = Decimal::from(band.up_to_grams) + Decimal::ONE;
    }
    bounds.join(", ")
}
