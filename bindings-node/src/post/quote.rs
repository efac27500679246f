//! `post.quote`, the country line (`country`, `destination`, `countryName`), `pdfPageSizes` and
//! `PostData`.

use std::borrow::Cow;

use envoi::post::{self as core_post, Country};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use super::error::post_error;
use super::letter::{
    calendars_arg, envelope_arg, letter_arg, lines_arg, options_arg, pdf_bytes, required,
};
use crate::args::{instance_arg, option_field};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::time::{format_date, instant_arg};
use crate::vat::language_arg;

/// The earliest and latest delivery days of an international letter (`"YYYY-MM-DD"`).
#[napi(object, object_from_js = false, namespace = "post")]
pub struct DeliveryRange {
    /// The earliest delivery day.
    pub earliest: String,
    /// The latest delivery day.
    pub latest: String,
}

/// What a letter to one recipient takes and when it arrives (see {@link quote}). National
/// letters have a `deliveryDate`, international ones a `deliveryRange` (exactly one of the two is
/// set, the other `null`). The registered-mail deadlines are set for registered letters only.
/// Days are `"YYYY-MM-DD"`, grams decimal strings.
#[napi(
    object,
    object_from_js = false,
    namespace = "post",
    use_nullable = true
)]
pub struct Quote {
    /// The A4 sheets printed.
    pub sheets: u32,
    /// The envelope: `'us'`, `'c5'` or `'c4'`.
    #[napi(ts_type = "'us' | 'c5' | 'c4'")]
    pub envelope: String,
    /// The post's format: `'small'` (US) or `'large'` (C5, C4).
    #[napi(ts_type = "'small' | 'large'")]
    pub format: String,
    /// The paper's weight in grams, a decimal string (`'19.9584'`).
    pub paper_grams: String,
    /// The letter's weight in grams (paper and envelope), a decimal string.
    pub weight_grams: String,
    /// The postage's weight band: letters up to this many grams (inclusive).
    pub weight_band_grams: u32,
    /// The destination country, an ISO 3166-1 alpha-2 code (`'BE'`, `'NL'`).
    pub country: String,
    /// The address line the country was read from (from 0), or `null` (no country line:
    /// Belgium).
    pub country_line: Option<u32>,
    /// The postage applied: the one asked for, except prior abroad, which is
    /// `'prior_international'`.
    #[napi(ts_type = "'prior' | 'non_prior' | 'registered' | 'rp' | 'prior_international'")]
    pub postage: String,
    /// The submission day (Europe/Brussels).
    pub submitted_on: String,
    /// The day the letter is handed to the post.
    pub handover_date: String,
    /// The delivery day of a national letter; `null` abroad.
    pub delivery_date: Option<String>,
    /// The earliest and latest delivery days of an international letter; `null` in Belgium.
    pub delivery_range: Option<DeliveryRange>,
    /// The last day the documents are kept (60 days after submission).
    pub documents_kept_until: String,
    /// Registered: the last day the summary is kept (60 days after handover); else `null`.
    pub registered_summary_kept_until: Option<String>,
    /// Registered: the last day the post's deposit receipt is kept (3 years after handover); else
    /// `null`.
    pub deposit_receipt_kept_until: Option<String>,
    /// Registered: the last day to file a claim with the post (12 months after handover); else
    /// `null`.
    pub claim_deadline: Option<String>,
}

impl From<&core_post::Quote> for Quote {
    fn from(quote: &core_post::Quote) -> Self {
        Quote {
            sheets: quote.sheets,
            envelope: quote.envelope.code().to_owned(),
            format: quote.format.code().to_owned(),
            paper_grams: quote.paper_grams.to_string(),
            weight_grams: quote.weight_grams.to_string(),
            weight_band_grams: quote.weight_band.up_to_grams,
            country: quote.country.code().to_owned(),
            country_line: quote
                .country_line
                .map(|line| u32::try_from(line).unwrap_or(u32::MAX)),
            postage: quote.postage.code().to_owned(),
            submitted_on: format_date(quote.submitted_on),
            handover_date: format_date(quote.handover_date),
            delivery_date: quote.delivery_date.map(format_date),
            delivery_range: quote.delivery_range.map(|range| DeliveryRange {
                earliest: format_date(range.earliest),
                latest: format_date(range.latest),
            }),
            documents_kept_until: format_date(quote.documents_kept_until),
            registered_summary_kept_until: quote.registered_summary_kept_until.map(format_date),
            deposit_receipt_kept_until: quote.deposit_receipt_kept_until.map(format_date),
            claim_deadline: quote.claim_deadline.map(format_date),
        }
    }
}

/// A document of a letter given as an object (or give the bytes of a PDF, a `Buffer` or
/// `Uint8Array`): exactly one of `pages`, `pageSizesMm` and `pdf`, and an optional `name` that
/// errors quote.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct DocumentOptions {
    /// A number of A4 pages (an integer).
    #[napi(ts_type = "number | null")]
    pub pages: Option<f64>,
    /// Each page's `[widthMm, heightMm]`: decimal strings (`'295.5'`) or integers.
    #[napi(ts_type = "Array<[string | number, string | number]> | null")]
    pub page_sizes_mm: Option<Vec<String>>,
    /// The bytes of a PDF, read for its page count and page sizes.
    #[napi(ts_type = "Uint8Array | null")]
    pub pdf: Option<String>,
    /// The document's name (`'flyer'`), quoted by errors.
    #[napi(ts_type = "string | null")]
    pub name: Option<String>,
}

/// The options of {@link quote}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct QuoteOptions {
    /// The recipient's address lines, the country line last when abroad (none: Belgium).
    pub address: Vec<String>,
    /// When the letter is submitted: a `Date` or an ISO 8601 string with an offset.
    #[napi(ts_type = "Date | string")]
    pub submitted_at: String,
    /// `'prior'`, `'non_prior'`, `'registered'`, `'rp'` (refused: `post.rp_not_available`) or
    /// `'prior_international'`.
    #[napi(ts_type = "'prior' | 'non_prior' | 'registered' | 'rp' | 'prior_international'")]
    pub postage: String,
    /// The whole letter in colour (90 g/m²) rather than black and white (80 g/m²); default
    /// `false`.
    #[napi(ts_type = "boolean | null")]
    pub color: Option<bool>,
    /// Two pages on a sheet, for every document; default `false`.
    #[napi(ts_type = "boolean | null")]
    pub duplex: Option<bool>,
    /// An acknowledgement of receipt (registered mail only); default `false`.
    #[napi(ts_type = "boolean | null")]
    pub acknowledgement: Option<bool>,
    /// The envelope forced (`'us'`, `'c5'`, `'c4'`); default the smallest that fits.
    #[napi(ts_type = "'us' | 'c5' | 'c4' | null")]
    pub envelope: Option<String>,
    /// The sender's address lines (required for registered mail).
    #[napi(ts_type = "string[] | null")]
    pub return_address: Option<Vec<String>>,
    /// A one-page A4 letterhead printed under every page of the main document (adds no sheet).
    #[napi(ts_type = "DocumentOptions | Uint8Array | null")]
    pub background: Option<String>,
    /// The host's closed days for production (the handover), `"YYYY-MM-DD"`, added to the
    /// Belgian business days.
    #[napi(ts_type = "string[] | null")]
    pub production_closed_days: Option<Vec<String>>,
    /// The host's closed days for the post's delivery, `"YYYY-MM-DD"`.
    #[napi(ts_type = "string[] | null")]
    pub delivery_closed_days: Option<Vec<String>>,
    /// The post data; default the built-in data ({@link PostData.builtin}).
    #[napi(ts_type = "PostData | null")]
    pub data: Option<String>,
}

/// The option names of `quote`.
const QUOTE_OPTIONS: [&str; 12] = [
    "address",
    "submittedAt",
    "postage",
    "color",
    "duplex",
    "acknowledgement",
    "envelope",
    "returnAddress",
    "background",
    "productionClosedDays",
    "deliveryClosedDays",
    "data",
];

/// The post data of the `data` option: the host's, or the built-in data.
pub fn data_option(
    object: &napi::bindgen_prelude::Object<'_>,
) -> Result<Cow<'static, core_post::PostData>, JsError> {
    match option_field(object, "data")? {
        Some(value) => {
            let data = instance_arg::<PostData>("data", &value, "a post.PostData")?;
            Ok(data.inner.clone())
        }
        None => Ok(Cow::Borrowed(core_post::PostData::builtin())),
    }
}

/// The quote of one letter to one recipient: sheets, envelope, format, weights, destination,
/// postage, handover and delivery dates, retention deadlines, offline and before any upload.
///
/// `documents`: the main document first, then extra ones (flyer, reply coupon); each is
/// `{ pages: 3 }` (three A4 pages), `{ pageSizesMm: [['210', '297'], …] }` (each page's width and
/// height in millimetres, decimal strings or integers), `{ pdf: bytes }` or the bytes of a PDF (a
/// `Buffer` or `Uint8Array`, read for its page count and sizes), with an optional `name` that
/// errors quote. Each document starts on a new sheet; duplex puts two pages on a sheet; the
/// envelope is the smallest that holds the sheets (US up to 6, C5 up to 8, C4 up to 25).
///
/// Throws an `Error` whose `.code` is the core's (`post.too_many_sheets` with `sheets`, `max`,
/// `over`; `post.envelope_too_small`; `post.not_a4` with `document`, `documentName`, `page`,
/// `size`; `post.registered_national_only`; `post.unknown_country` with `suggestions`…),
/// `schedule.*` for the calendar, `time.not_zone_aware` for a date-time without an offset, and
/// `InvalidArg` for an argument of the wrong type (a fractional page count) or an unknown code.
///
/// ```js
/// const { post } = require('envoi')
/// const q = post.quote([{ pages: 3 }, { pages: 1, name: 'flyer' }], {
///   postage: 'prior', address: ['Marie Janssens', 'Kerkstraat 5', '1000 BRUSSEL'],
///   submittedAt: '2026-03-10T09:00:00Z',
/// })
/// q.sheets        // 4
/// q.envelope      // 'us'
/// q.deliveryDate  // '2026-03-11'
/// ```
#[napi(
    namespace = "post",
    ts_args_type = "documents: Array<DocumentOptions | Uint8Array>, options: QuoteOptions"
)]
pub fn quote(env: Env, documents: Unknown<'_>, options: Unknown<'_>) -> napi::Result<Quote, Code> {
    guard(|| letter_quote(env, &documents, &options).map(|(_, quote)| Quote::from(&quote)))
}

/// The letter of `documents` and `options` (those of {@link quote}) and the core's quote of it.
pub fn letter_quote(
    env: Env,
    documents: &Unknown<'_>,
    options: &Unknown<'_>,
) -> Result<(core_post::Letter, core_post::Quote), JsError> {
    let object = options_arg(
        options,
        &QUOTE_OPTIONS,
        "{ postage: 'prior', address: ['…', '1000 BRUXELLES'], submittedAt: new Date() }",
    )?;
    let letter = letter_arg(env, documents, &object)?;
    let address = lines_arg("address", &required(&object, "address")?)?;
    let at = instant_arg("submittedAt", &required(&object, "submittedAt")?)?;
    let calendars = calendars_arg(&object)?;
    let data = data_option(&object)?;
    let quote = data
        .quote(&letter, &address, at, &calendars)
        .map_err(|error| post_error(env, error))?;
    Ok((letter, quote))
}

/// The country an address goes to, and the line it was read from.
#[napi(
    object,
    object_from_js = false,
    namespace = "post",
    use_nullable = true
)]
pub struct Destination {
    /// The destination country, an ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The address line the country was read from (from 0), or `null` (no country line: Belgium).
    pub country_line: Option<u32>,
}

/// The ISO 3166-1 alpha-2 code of a country name in French, Dutch, German or English, in capitals
/// (`'PAYS-BAS'`, `'NEDERLAND'`, `'NIEDERLANDE'`, `'NETHERLANDS'` → `'NL'`; with or without
/// accents, common aliases). Throws `post.unknown_country` (with `suggestions`: `[{ code, name }]`),
/// `post.country_not_in_capitals` (with `proposed`), `post.ambiguous_country` (with `candidates`).
///
/// ```js
/// const { post } = require('envoi')
/// post.country('PAYS-BAS') // 'NL'
/// ```
#[napi(namespace = "post")]
pub fn country(env: Env, name: String) -> napi::Result<String, Code> {
    guard(|| {
        core_post::country(&name)
            .map(|country| country.code().to_owned())
            .map_err(|error| post_error(env, error))
    })
}

/// The destination of an address (its lines, the country line last when abroad): the last line
/// that is not blank, in capitals, names the country; none, or a postcode and locality
/// (`'1000 BRUXELLES'`), is Belgium. Throws as {@link country}, with `line`, and
/// `post.country_line_missing` for a locality abroad (`'F-75001 PARIS'`) without its country.
#[napi(namespace = "post", ts_args_type = "lines: string[]")]
pub fn destination(env: Env, lines: Unknown<'_>) -> napi::Result<Destination, Code> {
    guard(|| {
        let lines = lines_arg("lines", &lines)?;
        core_post::destination(&lines)
            .map(|found| Destination {
                country: found.country.code().to_owned(),
                country_line: found
                    .country_line
                    .map(|line| u32::try_from(line).unwrap_or(u32::MAX)),
            })
            .map_err(|error| post_error(env, error))
    })
}

/// An ISO 3166-1 alpha-2 code envoi knows (any case), else `InvalidArg`.
fn country_code_arg(code: &str) -> Result<Country, JsError> {
    Country::from_code(&code.trim().to_ascii_uppercase()).ok_or_else(|| {
        invalid_arg(format!(
            "country: {code:?} is not an ISO 3166-1 alpha-2 code envoi knows (two letters, such as 'BE'); to read a country name, use post.country(name)"
        ))
    })
}

/// The name of a country (an ISO code, any case) in `language` (`'fr'`, `'nl'`, `'de'`, `'en'`,
/// default `'en'`), as CLDR writes it; upper-case it for a country line. Throws `InvalidArg` for
/// an unknown code and `language.unsupported`.
#[napi(namespace = "post")]
pub fn country_name(
    env: Env,
    code: String,
    language: Option<String>,
) -> napi::Result<String, Code> {
    guard(|| {
        let country = country_code_arg(&code)?;
        let language = language_arg(env, language.as_deref().unwrap_or("en"))?;
        Ok(country.name(language).to_owned())
    })
}

/// The page sizes of a PDF (a `Buffer` or `Uint8Array`), one `[widthMm, heightMm]` pair of decimal
/// strings per page, as it prints (crop box, /Rotate). Throws `post.pdf_corrupt` (with `reason`),
/// `post.pdf_encrypted`, `post.pdf_no_pages`…
#[napi(namespace = "post", ts_args_type = "data: Uint8Array")]
pub fn pdf_page_sizes(env: Env, data: Unknown<'_>) -> napi::Result<Vec<Vec<String>>, Code> {
    guard(|| {
        let bytes = pdf_bytes(env, &data)?.ok_or_else(|| {
            invalid_arg("data: expected the bytes of a PDF (a Buffer or Uint8Array)")
        })?;
        let sizes = core_post::pdf_page_sizes(&bytes).map_err(|error| post_error(env, error))?;
        Ok(sizes
            .into_iter()
            .map(|size| vec![size.width_mm.to_string(), size.height_mm.to_string()])
            .collect())
    })
}

/// The delivery time of prior international letters to a destination, in business days after
/// handover.
#[napi(object, object_from_js = false, namespace = "post")]
pub struct BusinessDayRange {
    /// The fewest business days.
    pub from: u32,
    /// The most business days.
    pub to: u32,
}

/// The post's data: envelope weights, weight bands and the delivery time of prior international
/// letters per destination, with its sources and the day it was verified.
///
/// `PostData.builtin()` is the data envoi ships; a host that knows better figures loads data in the
/// same format (`PostData.builtinJson()` is a starting point) with `PostData.fromJson`, and passes
/// it as the `data` option. Immutable.
///
/// ```js
/// const { post } = require('envoi')
/// const data = post.PostData.builtin()
/// data.envelopeGrams('c4')              // '16'
/// data.internationalDelivery('DE')      // { from: 3, to: 5 }
/// ```
#[napi(namespace = "post")]
pub struct PostData {
    inner: Cow<'static, core_post::PostData>,
}

#[napi(namespace = "post")]
impl PostData {
    /// The data envoi ships.
    #[napi(factory)]
    pub fn builtin() -> napi::Result<PostData, Code> {
        guard(|| {
            Ok(PostData {
                inner: Cow::Borrowed(core_post::PostData::builtin()),
            })
        })
    }

    /// Data in the format of the built-in file, checked. Throws `post.invalid_data` (with
    /// `field`, `value` and `rule`).
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<PostData, Code> {
        guard(|| {
            core_post::PostData::from_json(&json)
                .map(|data| PostData {
                    inner: Cow::Owned(data),
                })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The text of the built-in data file (`postage.json`), with its sources and notes.
    #[napi]
    pub fn builtin_json() -> napi::Result<String, Code> {
        guard(|| Ok(core_post::PostData::builtin_json().to_owned()))
    }

    /// The day the data was last checked against its sources, `"YYYY-MM-DD"`.
    #[napi(getter)]
    pub fn verified_on(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.verified_on())))
    }

    /// The weight of an envelope (`'us'`, `'c5'`, `'c4'`) in grams, a decimal string.
    #[napi(ts_args_type = "envelope: 'us' | 'c5' | 'c4'")]
    pub fn envelope_grams(&self, envelope: Unknown<'_>) -> napi::Result<String, Code> {
        guard(|| {
            let envelope = envelope_arg(&envelope)?;
            Ok(self.inner.envelope_grams(envelope).to_string())
        })
    }

    /// The delivery time of prior international letters to `country` (an ISO code, any case), in
    /// business days after handover. Throws `post.no_delivery_data` (with `country` and
    /// `verifiedOn`), and `InvalidArg` for a code envoi does not know.
    #[napi]
    pub fn international_delivery(
        &self,
        env: Env,
        country: String,
    ) -> napi::Result<BusinessDayRange, Code> {
        guard(|| {
            let country = country_code_arg(&country)?;
            self.inner
                .international_delivery(country)
                .map(|range| BusinessDayRange {
                    from: range.from,
                    to: range.to,
                })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The destinations with a delivery time, ISO codes in alphabetical order.
    #[napi]
    pub fn countries_with_delivery_data(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .countries_with_delivery_data()
                .map(|country| country.code().to_owned())
                .collect())
        })
    }

    /// Whether `other` holds the same data.
    #[napi]
    pub fn equals(&self, other: &PostData) -> napi::Result<bool, Code> {
        guard(|| Ok(*self.inner == *other.inner))
    }
}
