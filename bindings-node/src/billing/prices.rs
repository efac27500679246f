//! `billing.PriceList`: the Node face of `envoi::billing::PriceList` (unit prices, packs, block
//! plans and letter tariffs, each with its currency and validity, read from JSON or TOML and
//! queried at a date), and its entries as plain objects.

use envoi::billing::{self as core_billing};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use super::query::{LetterPrice, letter_price_to_js, letter_query_arg};
use crate::contacts::channel_arg;
use crate::credits::{Money, money_to_js};
use crate::errors::{Code, envoi_error, guard};
use crate::time::{date_arg, format_date};

/// The days a price is valid: from `validFrom` (included) to `validUntil` (excluded), or until
/// further notice when `validUntil` is `null`.
#[napi(
    object,
    object_from_js = false,
    namespace = "billing",
    use_nullable = true
)]
pub struct Validity {
    /// The first day the price applies, `"YYYY-MM-DD"`.
    pub valid_from: String,
    /// The first day it no longer applies, or `null`.
    pub valid_until: Option<String>,
}

/// The price of one message on a channel (pay-as-you-go), possibly with more decimals than the
/// cent (`'0.0825'`).
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct UnitPrice {
    /// The channel.
    #[napi(ts_type = "'email' | 'sms' | 'secure_email' | 'letter'")]
    pub channel: String,
    /// The price of one message (one unit), without VAT.
    pub price: Money,
    /// When it applies.
    pub validity: Validity,
}

/// A credit pack of the catalogue (Clicplanning): `units` units of the credit kind `kind` for
/// `price`.
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct Pack {
    /// The pack's id in the catalogue (`'sms-1000'`).
    pub id: String,
    /// The credit kind its units are of (`'sms'`, `'email'`, `'secure_email'`…).
    pub kind: String,
    /// The units it adds.
    pub units: f64,
    /// Its price, without VAT.
    pub price: Money,
    /// When this price applies.
    pub validity: Validity,
}

/// A monthly block plan (Plannit): a fee per started block of `blockSize` messages per period.
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct BlockPlanPrice {
    /// The plan's id (`'plannit-sms'`).
    pub id: String,
    /// The messages in one block.
    pub block_size: u32,
    /// The fee per started block, without VAT (USD allowed).
    pub fee: Money,
    /// When this price applies.
    pub validity: Validity,
}

/// One postage row of a letter tariff: the price of printing and posting a letter of this postage,
/// format and weight band (black and white, simplex).
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct PostageRate {
    /// `'prior'`, `'non_prior'` or `'prior_international'` (a registered letter is priced as prior
    /// plus the registered fee).
    #[napi(ts_type = "'prior' | 'non_prior' | 'prior_international'")]
    pub postage: String,
    /// `'small'` or `'large'`.
    #[napi(ts_type = "'small' | 'large'")]
    pub format: String,
    /// The weight band, by its upper bound in grams.
    pub up_to_grams: u32,
    /// The price.
    pub price: Money,
}

/// A letter tariff (Click & Post): postage rows, colour and duplex supplements per printed sheet,
/// and the registered and acknowledgement-of-receipt fees, in one currency.
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct LetterTariff {
    /// The tariff's id (`'click-and-post-2026'`).
    pub id: String,
    /// The postage rows, in file order.
    pub postage: Vec<PostageRate>,
    /// The supplement per sheet printed in colour.
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

fn validity(validity: core_billing::Validity) -> Validity {
    Validity {
        valid_from: format_date(validity.valid_from),
        valid_until: validity.valid_until.map(format_date),
    }
}

/// A pack's units as a JS number: exact, a pack holds at most 10^12 units.
#[allow(clippy::cast_precision_loss, reason = "at most 10^12, exact in an f64")]
fn units(units: u64) -> f64 {
    units as f64
}

fn unit_price(price: &core_billing::UnitPrice) -> UnitPrice {
    UnitPrice {
        channel: price.channel.as_str().to_owned(),
        price: money_to_js(price.price),
        validity: validity(price.validity),
    }
}

fn pack(pack: &core_billing::Pack) -> Pack {
    Pack {
        id: pack.id.clone(),
        kind: pack.kind.as_str().to_owned(),
        units: units(pack.units),
        price: money_to_js(pack.price),
        validity: validity(pack.validity),
    }
}

fn block_plan(plan: &core_billing::BlockPlanPrice) -> BlockPlanPrice {
    BlockPlanPrice {
        id: plan.id.clone(),
        block_size: plan.block_size,
        fee: money_to_js(plan.fee),
        validity: validity(plan.validity),
    }
}

fn letter_tariff(tariff: &core_billing::LetterTariff) -> LetterTariff {
    LetterTariff {
        id: tariff.id.clone(),
        postage: tariff
            .postage
            .iter()
            .map(|rate| PostageRate {
                postage: rate.postage.code().to_owned(),
                format: rate.format.code().to_owned(),
                up_to_grams: rate.up_to_grams,
                price: money_to_js(rate.price),
            })
            .collect(),
        color_per_sheet: money_to_js(tariff.color_per_sheet),
        duplex_per_sheet: money_to_js(tariff.duplex_per_sheet),
        registered_fee: money_to_js(tariff.registered_fee),
        acknowledgement_of_receipt_fee: money_to_js(tariff.acknowledgement_of_receipt_fee),
        validity: validity(tariff.validity),
    }
}

/// A price list (issue 10): per-channel unit prices, the pack catalogue, block plans and letter
/// tariffs, each with its currency and validity; data, not code. Read it with
/// {@link PriceList.fromJson} or {@link PriceList.fromToml} (the same format; amounts are
/// strings, days `"YYYY-MM-DD"`), then ask for a price at a date: the one valid that day, or
/// `billing.no_price` saying what the list has (never a guess). Immutable.
///
/// Amounts come out as `{ amount, currency }` (the amount a decimal string, every decimal kept),
/// days as `"YYYY-MM-DD"` strings; entries are plain objects (copies).
///
/// ```js
/// const { billing } = require('envoi')
/// const list = billing.PriceList.fromJson(`{"packs": [
///   {"id": "sms-1000", "kind": "sms", "units": 1000, "price": "75.00", "currency": "EUR", "valid_from": "2026-01-01"}]}`)
/// list.pack('sms-1000', '2026-03-10').price   // { amount: '75.00', currency: 'EUR' }
/// list.pack('sms-2000', '2026-03-10')         // throws billing.no_price
/// ```
#[napi(namespace = "billing")]
pub struct PriceList {
    pub(super) inner: core_billing::PriceList,
}

#[napi(namespace = "billing")]
impl PriceList {
    /// Reads a price list from JSON text; `file` (default `'prices.json'`) names it in the errors
    /// (the host reads the file). A key given twice in one object, an unknown field, a missing or
    /// malformed one, a negative price, overlapping validities of one id… each throw the error of
    /// the first problem, naming the file, the entry (`'packs[2] (sms-1000)'`) and the field:
    /// `billing.syntax`, `billing.duplicate_field`, `billing.unknown_field`,
    /// `billing.missing_field`, `billing.invalid_field`, `billing.unknown_currency`,
    /// `billing.unknown_channel`, `billing.unknown_postage`, `billing.unknown_format`,
    /// `billing.unknown_weight_band`, `billing.negative_price`, `billing.overlapping_validity`,
    /// `billing.inconsistent_entry`, `billing.duplicate_entry`.
    #[napi(
        factory,
        ts_args_type = "text: string, file?: string | undefined | null"
    )]
    pub fn from_json(env: Env, text: String, file: Option<String>) -> napi::Result<Self, Code> {
        guard(|| {
            let file = file.as_deref().unwrap_or("prices.json");
            core_billing::PriceList::from_json(file, &text)
                .map(|inner| PriceList { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Reads a price list from TOML text (the same format; bare TOML dates allowed); `file`
    /// (default `'prices.toml'`) names it in the errors. Throws as {@link PriceList.fromJson}.
    #[napi(
        factory,
        ts_args_type = "text: string, file?: string | undefined | null"
    )]
    pub fn from_toml(env: Env, text: String, file: Option<String>) -> napi::Result<Self, Code> {
        guard(|| {
            let file = file.as_deref().unwrap_or("prices.toml");
            core_billing::PriceList::from_toml(file, &text)
                .map(|inner| PriceList { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Where the prices come from, as the file says, or `null`.
    #[napi(getter)]
    pub fn source(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.source().map(str::to_owned)))
    }

    /// When the prices were last checked against their source (`"YYYY-MM-DD"`), or `null`.
    #[napi(getter)]
    pub fn as_of(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.as_of().map(format_date)))
    }

    /// Every unit price, in file order.
    #[napi(getter)]
    pub fn unit_prices(&self) -> napi::Result<Vec<UnitPrice>, Code> {
        guard(|| Ok(self.inner.unit_prices().iter().map(unit_price).collect()))
    }

    /// Every pack price, in file order (one id may have several, with disjoint validities).
    #[napi(getter)]
    pub fn packs(&self) -> napi::Result<Vec<Pack>, Code> {
        guard(|| Ok(self.inner.packs().iter().map(pack).collect()))
    }

    /// Every block plan price, in file order.
    #[napi(getter)]
    pub fn block_plans(&self) -> napi::Result<Vec<BlockPlanPrice>, Code> {
        guard(|| Ok(self.inner.block_plans().iter().map(block_plan).collect()))
    }

    /// Every letter tariff, in file order.
    #[napi(getter)]
    pub fn letter_tariffs(&self) -> napi::Result<Vec<LetterTariff>, Code> {
        guard(|| {
            Ok(self
                .inner
                .letter_tariffs()
                .iter()
                .map(letter_tariff)
                .collect())
        })
    }

    /// The packs on sale on `on` (`"YYYY-MM-DD"`; a `Date` throws `InvalidArg`): the catalogue of
    /// that day, in file order.
    #[napi(ts_args_type = "on: string")]
    pub fn packs_on(&self, on: Unknown<'_>) -> napi::Result<Vec<Pack>, Code> {
        guard(|| {
            let on = date_arg("on", &on)?;
            Ok(self.inner.packs_on(on).map(pack).collect())
        })
    }

    /// The pack `id` at its price valid on `on`. Throws `billing.no_price` (`subject`, `on`,
    /// `detail`: the validities the list has for it, or that it has none).
    #[napi(ts_args_type = "id: string, on: string")]
    pub fn pack(&self, env: Env, id: String, on: Unknown<'_>) -> napi::Result<Pack, Code> {
        guard(|| {
            let on = date_arg("on", &on)?;
            self.inner
                .pack(&id, on)
                .map(pack)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The price of one message on `channel` valid on `on`. Throws `billing.no_price`;
    /// `InvalidArg` for a channel that is not one.
    #[napi(ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', on: string")]
    pub fn unit_price(
        &self,
        env: Env,
        channel: Unknown<'_>,
        on: Unknown<'_>,
    ) -> napi::Result<UnitPrice, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let on = date_arg("on", &on)?;
            self.inner
                .unit_price(channel, on)
                .map(unit_price)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The block plan `id` at its price valid on `on`. Throws `billing.no_price`.
    #[napi(ts_args_type = "id: string, on: string")]
    pub fn block_plan(
        &self,
        env: Env,
        id: String,
        on: Unknown<'_>,
    ) -> napi::Result<BlockPlanPrice, Code> {
        guard(|| {
            let on = date_arg("on", &on)?;
            self.inner
                .block_plan(&id, on)
                .map(block_plan)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The letter tariff valid on `on`. Throws `billing.no_price`.
    #[napi(ts_args_type = "on: string")]
    pub fn letter_tariff(&self, env: Env, on: Unknown<'_>) -> napi::Result<LetterTariff, Code> {
        guard(|| {
            let on = date_arg("on", &on)?;
            self.inner
                .letter_tariff(on)
                .map(letter_tariff)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The price of a letter on `on` (a {@link LetterQuery}: plain fields, or
    /// {@link letterQuery} of a letter and its quote): its postage row, colour and duplex
    /// supplements per sheet, registered and acknowledgement-of-receipt fees, and their `total`.
    /// Throws `billing.invalid_query` (`field`, `value`, `rule`: a band of the wrong zone for the
    /// postage, `rp`, an acknowledgement of receipt on a letter that is not registered, no sheet),
    /// `billing.no_price` (no tariff that day, or no row for the postage, format and band).
    ///
    /// ```js
    /// list.letterPrice({ postage: 'registered', zone: 'national', format: 'small', upToGrams: 50,
    ///   sheets: 3, color: true, acknowledgementOfReceipt: true }, '2026-03-01').total
    /// // { amount: '9.90', currency: 'EUR' }
    /// ```
    #[napi(ts_args_type = "query: LetterQuery, on: string")]
    pub fn letter_price(
        &self,
        env: Env,
        query: Unknown<'_>,
        on: Unknown<'_>,
    ) -> napi::Result<LetterPrice, Code> {
        guard(|| {
            let query = letter_query_arg("query", &query)?;
            let on = date_arg("on", &on)?;
            let price = self
                .inner
                .letter_price(&query, on)
                .map_err(|error| envoi_error(env, error))?;
            letter_price_to_js(env, &price)
        })
    }

    /// Whether `other` holds the same prices (source and date included). `InvalidArg` when
    /// `other` is not a `PriceList`.
    #[napi(strict)]
    pub fn equals(&self, other: &PriceList) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}
