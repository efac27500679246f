//! `billing.LetterQuery` (what prices a letter: its postage, weight band, sheets and options) as a
//! plain object, `billing.letterQuery` (the query of a letter and its post quote) and
//! `billing.LetterPrice` (the parts of a letter's price, {@link PriceList.letterPrice}).

use envoi::billing::{self as core_billing};
use envoi::post::{Format, PostalZone, WeightBand};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::{bool_value, number_value, option_field, record_arg, required_field, string_arg};
use crate::contacts::serde_enum;
use crate::credits::{Money, money_to_js};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};

/// What prices a letter ({@link PriceList.letterPrice}, {@link LetterUsage}): its postage, its
/// weight band (`zone`, `format`, `upToGrams`), the printed sheets and the options. Give it as a
/// plain object (`color`, `duplex` and `acknowledgementOfReceipt` default to `false`), or take the
/// one of a letter and its quote with {@link letterQuery}.
#[napi(object, object_from_js = false, namespace = "billing")]
pub struct LetterQuery {
    /// The postage (`'registered'` is priced as prior plus the registered fee).
    #[napi(ts_type = "'prior' | 'non_prior' | 'registered' | 'rp' | 'prior_international'")]
    pub postage: String,
    /// `'national'` (a Belgian address) or `'international'`.
    #[napi(ts_type = "'national' | 'international'")]
    pub zone: String,
    /// `'small'` or `'large'`.
    #[napi(ts_type = "'small' | 'large'")]
    pub format: String,
    /// The weight band, by its upper bound in grams.
    pub up_to_grams: u32,
    /// The A4 sheets printed.
    pub sheets: u32,
    /// Printed in colour (default `false`).
    pub color: Option<bool>,
    /// Printed on both sides (default `false`).
    pub duplex: Option<bool>,
    /// With an acknowledgement of receipt (registered letters only; default `false`).
    pub acknowledgement_of_receipt: Option<bool>,
}

/// The parts of a letter's price ({@link PriceList.letterPrice}) and their `total`, in the
/// tariff's currency.
#[napi(object, object_from_js = false, namespace = "billing")]
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
    /// The sum of the parts.
    pub total: Money,
}

const QUERY_FIELDS: [&str; 8] = [
    "postage",
    "zone",
    "format",
    "upToGrams",
    "sheets",
    "color",
    "duplex",
    "acknowledgementOfReceipt",
];

const QUERY_EXAMPLE: &str =
    "{ postage: 'prior', zone: 'national', format: 'small', upToGrams: 50, sheets: 1 }";

/// A whole number in `0..=u32::MAX`, `InvalidArg` otherwise.
fn u32_arg(name: &str, value: &Unknown<'_>) -> Result<u32, JsError> {
    let number = number_value(name, value)?;
    crate::args::count_arg(name, number).and_then(|count| {
        u32::try_from(count)
            .map_err(|_| invalid_arg(format!("{name}: {number} is above 4,294,967,295")))
    })
}

/// Reads a {@link LetterQuery} argument `name`.
pub fn letter_query_arg(
    name: &str,
    value: &Unknown<'_>,
) -> Result<core_billing::LetterQuery, JsError> {
    let object = record_arg(name, value, &QUERY_FIELDS, QUERY_EXAMPLE)?;
    let field = |field: &str| required_field(&object, name, field);
    let path = |field: &str| format!("{name}.{field}");
    let flag = |field: &str| -> Result<bool, JsError> {
        option_field(&object, field)?
            .map(|value| bool_value(&path(field), &value))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    let postage = crate::post::postage_arg(&field("postage")?)?;
    let zone: PostalZone = serde_enum(
        &path("zone"),
        &string_arg(&path("zone"), &field("zone")?)?,
        "'national', 'international'",
    )?;
    let format: Format = serde_enum(
        &path("format"),
        &string_arg(&path("format"), &field("format")?)?,
        "'small', 'large'",
    )?;
    let up_to_grams = u32_arg(&path("upToGrams"), &field("upToGrams")?)?;
    let sheets = u32_arg(&path("sheets"), &field("sheets")?)?;
    let band = WeightBand {
        zone,
        format,
        up_to_grams,
    };
    Ok(core_billing::LetterQuery {
        color: flag("color")?,
        duplex: flag("duplex")?,
        acknowledgement_of_receipt: flag("acknowledgementOfReceipt")?,
        ..core_billing::LetterQuery::new(postage, band, sheets)
    })
}

/// A query as JS reads it.
pub fn letter_query_to_js(query: &core_billing::LetterQuery) -> LetterQuery {
    LetterQuery {
        postage: query.postage.code().to_owned(),
        zone: query.band.zone.to_string(),
        format: query.band.format.code().to_owned(),
        up_to_grams: query.band.up_to_grams,
        sheets: query.sheets,
        color: Some(query.color),
        duplex: Some(query.duplex),
        acknowledgement_of_receipt: Some(query.acknowledgement_of_receipt),
    }
}

/// A letter's price as JS reads it, with its total (`money.…` when the sum overflows).
pub fn letter_price_to_js(
    env: Env,
    price: &core_billing::LetterPrice,
) -> Result<LetterPrice, JsError> {
    let total = price.total().map_err(|error| envoi_error(env, error))?;
    Ok(LetterPrice {
        postage: money_to_js(price.postage),
        color: money_to_js(price.color),
        duplex: money_to_js(price.duplex),
        registered: money_to_js(price.registered),
        acknowledgement_of_receipt: money_to_js(price.acknowledgement_of_receipt),
        total: money_to_js(total),
    })
}

/// The {@link LetterQuery} of a letter and its quote: the letter of `documents` and `options`
/// (those of `post.quote`: `postage`, `address`, `submittedAt`, `color`, `duplex`,
/// `acknowledgement`…), its postage, weight band and sheets as the post quotes them (prior abroad
/// is `'prior_international'`), its colour, duplex and acknowledgement of receipt. Throws as
/// `post.quote`.
///
/// ```js
/// const query = billing.letterQuery([{ pages: 3 }], {
///   postage: 'prior', address: ['Marie Janssens', 'Kerkstraat 5', '1000 BRUSSEL'],
///   submittedAt: '2026-03-10T09:00:00Z', color: true,
/// })
/// // { postage: 'prior', zone: 'national', format: 'small', upToGrams: 50, sheets: 3, color: true, … }
/// ```
#[napi(
    namespace = "billing",
    ts_args_type = "documents: Array<post.DocumentOptions | Uint8Array>, options: post.QuoteOptions"
)]
pub fn letter_query(
    env: Env,
    documents: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<LetterQuery, Code> {
    guard(|| {
        let (letter, quote) = crate::post::letter_quote(env, &documents, &options)?;
        Ok(letter_query_to_js(&core_billing::LetterQuery::from_quote(
            &letter, &quote,
        )))
    })
}
