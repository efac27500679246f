//! Registered mail (`post.parseBarcode`, `post.s10Barcode`, `post.BarcodeRange`,
//! `post.RegisteredSummary`), the retention deadlines and the post's constants. Barcodes are
//! strings in and out, read and checked by the core (`envoi::post::Barcode`).

use chrono::NaiveDate;
use envoi::post::{self as core_post, Barcode, PostError};
use napi::bindgen_prelude::{BigInt, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;

use super::error::post_error;
use super::job::brussels;
use super::letter::{id_arg, lines_arg};
use crate::args::{count_arg, napi_error, number_value, string_arg, type_of};
use crate::errors::{Code, JsError, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::{date_arg, format_date, instant_arg};
use crate::vat::language_arg;

/// The most sheets a letter may have (the largest envelope, C4, holds 25).
#[napi(namespace = "post")]
pub const MAX_SHEETS: u32 = core_post::MAX_SHEETS;

/// The handover cut-off hour in Europe/Brussels: a letter submitted on a business day strictly
/// before 12:00 is handed to the post that day.
#[napi(namespace = "post")]
pub const CUT_OFF_HOUR: u32 = core_post::CUT_OFF_HOUR;

/// The days documents are kept after submission.
#[napi(namespace = "post")]
pub const DOCUMENTS_KEPT_DAYS: u32 = 60;

/// The days a registered-mail summary is kept after handover.
#[napi(namespace = "post")]
pub const REGISTERED_SUMMARY_KEPT_DAYS: u32 = 60;

// The core's values (u64 there), checked at compile time.
const _: () = assert!(
    core_post::DOCUMENTS_KEPT_DAYS == DOCUMENTS_KEPT_DAYS as u64
        && core_post::REGISTERED_SUMMARY_KEPT_DAYS == REGISTERED_SUMMARY_KEPT_DAYS as u64
);

/// The years a deposit receipt is kept after handover.
#[napi(namespace = "post")]
pub const DEPOSIT_RECEIPT_KEPT_YEARS: u32 = core_post::DEPOSIT_RECEIPT_KEPT_YEARS;

/// The months after handover during which a claim can be filed with the post.
#[napi(namespace = "post")]
pub const CLAIM_MONTHS: u32 = core_post::CLAIM_MONTHS;

/// The length of a bpost national registered-mail barcode (30 digits).
#[napi(namespace = "post")]
pub const BPOST_NATIONAL_LENGTH: u32 = 30;

/// The largest serial of a UPU S10 barcode (eight digits).
#[napi(namespace = "post")]
pub const S10_MAX_SERIAL: u32 = 99_999_999;

// The core's values (usize and u64 there), checked at compile time.
const _: () = assert!(
    core_post::BPOST_NATIONAL_LENGTH == BPOST_NATIONAL_LENGTH as usize
        && core_post::S10_MAX_SERIAL == S10_MAX_SERIAL as u64
);

/// An id as JS reads it exactly (a number, or a `bigint` above 2^53 − 1).
fn id(env: Env, value: u64) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    js.id(value).map(Raw).map_err(napi_error)
}

/// The barcode argument `name`: a string the core reads and checks (`post.invalid_barcode`,
/// `post.barcode_check_digit_mismatch`), `InvalidArg` for any other type.
pub fn barcode_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<Barcode, JsError> {
    let text = string_arg(name, value)?;
    Barcode::parse(&text).map_err(|error| post_error(env, error))
}

/// A registered-mail barcode read and checked by {@link parseBarcode}: its compact text and its
/// format.
#[napi(object, object_from_js = false, namespace = "post")]
pub struct ParsedBarcode {
    /// The barcode as envoi writes it everywhere: without spaces (`'RR123456785BE'`, or the 30
    /// digits of a bpost national barcode).
    pub barcode: String,
    /// `'s10'` (UPU S10: 2 letters, 8 digits, a check digit, the issuing country) or
    /// `'bpost_national'` (30 digits starting with `010`).
    #[napi(ts_type = "'s10' | 'bpost_national'")]
    pub format: String,
}

/// Reads and checks a registered-mail barcode: a UPU S10 identifier (`'RR123456785BE'`: service
/// `RA`–`RZ`, eight digits, the check digit of those digits, an ISO country code) or a bpost
/// national number (30 digits starting with `010`); spaces are ignored. Throws
/// `post.invalid_barcode` (`field`, `value`, `rule`) or `post.barcode_check_digit_mismatch`
/// (`value`, `serial`, `expected`, `found`). Every envoi function taking a barcode reads it so.
///
/// ```js
/// const { post } = require('envoi')
/// post.parseBarcode('RR 123 456 785 BE')  // { barcode: 'RR123456785BE', format: 's10' }
/// post.parseBarcode('RR123456784BE')      // throws post.barcode_check_digit_mismatch (expected 5)
/// ```
#[napi(namespace = "post", ts_args_type = "text: string")]
pub fn parse_barcode(env: Env, text: Unknown<'_>) -> napi::Result<ParsedBarcode, Code> {
    guard(|| {
        let barcode = barcode_arg(env, "text", &text)?;
        Ok(ParsedBarcode {
            format: barcode.format().code().to_owned(),
            barcode: barcode.as_str().to_owned(),
        })
    })
}

/// The UPU S10 barcode of `serial` (0 to {@link S10_MAX_SERIAL}) with the `service` indicator
/// (`'RA'`–`'RZ'`) and the issuing `country` (ISO 3166-1 alpha-2, capitals), its check digit
/// computed. Throws `post.invalid_barcode` (`field` `'service'`, `'serial'` or `'country'`).
///
/// ```js
/// post.s10Barcode('RR', 12345678, 'BE')  // 'RR123456785BE'
/// ```
#[napi(
    namespace = "post",
    ts_args_type = "service: string, serial: number, country: string"
)]
pub fn s10_barcode(
    env: Env,
    service: Unknown<'_>,
    serial: Unknown<'_>,
    country: Unknown<'_>,
) -> napi::Result<String, Code> {
    guard(|| {
        let service = string_arg("service", &service)?;
        let country = string_arg("country", &country)?;
        let serial = count_arg("serial", number_value("serial", &serial)?)?;
        Barcode::s10(&service, serial, &country)
            .map(String::from)
            .map_err(|error| post_error(env, error))
    })
}

/// The host's range of registered-mail barcodes (from the post), handed out in order, each once,
/// with their check digit: UPU S10 ({@link BarcodeRange.s10}) or bpost national
/// ({@link BarcodeRange.bpostNational}). Barcodes are strings; serials safe integers or `bigint`s
/// in, numbers out (`bigint`s above 2^53 − 1). Plain data: `toJson()` /
/// `BarcodeRange.fromJson(text)`. A job takes its barcodes with {@link Job.assignBarcodes}.
///
/// ```js
/// const { post } = require('envoi')
/// const barcodes = post.BarcodeRange.s10('RR', 1, 500, 'BE')
/// barcodes.nextBarcode()  // 'RR000000014BE'
/// barcodes.take(2)        // ['RR000000028BE', 'RR000000031BE']
/// barcodes.remaining      // 497
/// ```
#[napi(namespace = "post")]
pub struct BarcodeRange {
    pub(crate) inner: core_post::BarcodeRange,
}

/// The optional string argument `name`: `''` when `undefined` or `null`.
fn optional_text(name: &str, value: Option<&Unknown<'_>>) -> Result<String, JsError> {
    match value {
        Some(value) => match type_of(name, value)? {
            ValueType::Undefined | ValueType::Null => Ok(String::new()),
            _ => string_arg(name, value),
        },
        None => Ok(String::new()),
    }
}

/// The serial argument `name` of a range.
fn serial_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    id_arg(env, name, value)
}

#[napi(namespace = "post")]
impl BarcodeRange {
    /// The UPU S10 barcodes of the serials `first` to `last` (both included, at most
    /// {@link S10_MAX_SERIAL}), with the `service` indicator (`'RA'`–`'RZ'`, the prefix) and the
    /// issuing `country` (the suffix). Throws `post.invalid_barcode_range` (`field` `'prefix'`,
    /// `'suffix'`, `'first'` or `'last'`, `value`, `rule`).
    #[napi(
        factory,
        ts_args_type = "service: string, first: number | bigint, last: number | bigint, country: string"
    )]
    pub fn s10(
        env: Env,
        service: Unknown<'_>,
        first: Unknown<'_>,
        last: Unknown<'_>,
        country: Unknown<'_>,
    ) -> napi::Result<BarcodeRange, Code> {
        guard(|| {
            let service = string_arg("service", &service)?;
            let country = string_arg("country", &country)?;
            let first = serial_arg(env, "first", &first)?;
            let last = serial_arg(env, "last", &last)?;
            core_post::BarcodeRange::s10(&service, first, last, &country)
                .map(|inner| BarcodeRange { inner })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The bpost national barcodes `prefix` + serial + `suffix` (default none) for the serials
    /// `first` to `last`, the serial padded with zeros to make 30 digits; `prefix` is digits
    /// starting with `010`, `suffix` digits. Throws `post.invalid_barcode_range` (`field`,
    /// `value`, `rule`).
    #[napi(
        factory,
        ts_args_type = "prefix: string, first: number | bigint, last: number | bigint, suffix?: string | undefined | null"
    )]
    pub fn bpost_national(
        env: Env,
        prefix: Unknown<'_>,
        first: Unknown<'_>,
        last: Unknown<'_>,
        suffix: Option<Unknown<'_>>,
    ) -> napi::Result<BarcodeRange, Code> {
        guard(|| {
            let prefix = string_arg("prefix", &prefix)?;
            let first = serial_arg(env, "first", &first)?;
            let last = serial_arg(env, "last", &last)?;
            let suffix = optional_text("suffix", suffix.as_ref())?;
            core_post::BarcodeRange::bpost_national(&prefix, first, last, &suffix)
                .map(|inner| BarcodeRange { inner })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The range of a JSON text written by {@link BarcodeRange.toJson} (in any envoi binding),
    /// checked as the factories check it. Throws `post.invalid_barcode_range` (`field` `'json'`
    /// for text that is not a range's JSON) and `post.barcode_next_outside_range` (`next`,
    /// `first`, `last`).
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<BarcodeRange, Code> {
        guard(|| {
            core_post::BarcodeRange::from_json(&json)
                .map(|inner| BarcodeRange { inner })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The range's JSON form,
    /// `{"format":…,"prefix":…,"suffix":…,"first":…,"last":…,"next":…}` (`next` null when used
    /// up).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("BarcodeRange JSON: {error}")))
        })
    }

    /// The format of its barcodes.
    #[napi(getter, ts_return_type = "'s10' | 'bpost_national'")]
    pub fn format(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.format().code().to_owned()))
    }

    /// What comes before the serial: the S10 service indicator, or the bpost national prefix.
    #[napi(getter)]
    pub fn prefix(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.prefix().to_owned()))
    }

    /// What comes after the serial (and the S10 check digit): the S10 country, or the bpost
    /// national suffix (often `''`).
    #[napi(getter)]
    pub fn suffix(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.suffix().to_owned()))
    }

    /// The first serial of the range.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn first(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id(env, self.inner.first()))
    }

    /// The last serial of the range.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn last(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id(env, self.inner.last()))
    }

    /// The next serial to hand out, or `null` once every serial is used.
    #[napi(getter, ts_return_type = "number | bigint | null")]
    pub fn next(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| match self.inner.next() {
            Some(next) => id(env, next),
            None => {
                // SAFETY: `env` is the environment of this call, on its thread.
                let js = unsafe { Js::new(env.raw()) };
                js.null().map(Raw).map_err(napi_error)
            }
        })
    }

    /// How many barcodes are left (a `bigint` above 2^53 − 1).
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn remaining(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            let remaining = self.inner.remaining();
            match u64::try_from(remaining) {
                Ok(count) => id(env, count),
                // 2^64 serials: the whole range of u64.
                Err(_) => {
                    let words = vec![
                        u64::try_from(remaining & u128::from(u64::MAX)).unwrap_or_default(),
                        u64::try_from(remaining >> 64).unwrap_or_default(),
                    ];
                    let big = BigInt {
                        sign_bit: false,
                        words,
                    };
                    // SAFETY: `env` is the environment of this call, on its thread.
                    unsafe {
                        <BigInt as napi::bindgen_prelude::ToNapiValue>::to_napi_value(
                            env.raw(),
                            big,
                        )
                    }
                    .map(Raw)
                    .map_err(napi_error)
                }
            }
        })
    }

    /// The next barcode. Throws `post.barcode_range_exhausted` (`first` and `last`, the range's
    /// first and last barcodes; `requested`, `remaining`).
    #[napi]
    pub fn next_barcode(&mut self, env: Env) -> napi::Result<String, Code> {
        guard(|| {
            self.inner
                .next_barcode()
                .map(String::from)
                .map_err(|error| post_error(env, error))
        })
    }

    /// The next `count` barcodes, all or none. Throws `post.barcode_range_exhausted` when fewer are
    /// left (nothing is used), and `InvalidArg` for a count that is not a non-negative safe
    /// integer.
    #[napi(ts_args_type = "count: number")]
    pub fn take(&mut self, env: Env, count: Unknown<'_>) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            let count = count_arg("count", number_value("count", &count)?)?;
            let count = usize::try_from(count)
                .map_err(|_| invalid_arg(format!("count: {count} is more than envoi counts")))?;
            self.inner
                .take(count)
                .map(|barcodes| barcodes.into_iter().map(String::from).collect())
                .map_err(|error| post_error(env, error))
        })
    }

    /// Whether `other` is the same range, at the same point.
    #[napi]
    pub fn equals(&self, other: &BarcodeRange) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// The summary of a registered letter that a person can print: barcode, recipient, submission and
/// handover dates, acknowledgement, and the deadline to file a claim. It exists once the letter is
/// handed over. Immutable; plain data: `toJson()` / `RegisteredSummary.fromJson(text)`.
///
/// ```js
/// const { post } = require('envoi')
/// const summary = new post.RegisteredSummary('RR000000014BE', ['Jean Dupont', '1000 BRUXELLES'],
///   '2026-03-10T09:00:00Z', '2026-03-10', true)
/// summary.claimDeadline            // '2027-03-10'
/// summary.toText('fr').split('\n')[0] // 'Envoi recommandé : récapitulatif'
/// ```
#[napi(namespace = "post")]
pub struct RegisteredSummary {
    pub(crate) inner: core_post::RegisteredSummary,
}

#[napi(namespace = "post")]
impl RegisteredSummary {
    /// The summary of the letter with `barcode` (read as {@link parseBarcode} reads it) to
    /// `recipient` (its address lines), submitted at `submittedAt` (a `Date` or an ISO 8601 string
    /// with an offset) and handed over on `handedOverOn` (`"YYYY-MM-DD"`). Throws
    /// `post.invalid_barcode`, `post.barcode_check_digit_mismatch`,
    /// `post.handover_before_submission` (with `submittedOn` and `handedOverOn`),
    /// `post.empty_address`. A job's summaries come from {@link Job.registeredSummaries}.
    #[napi(
        constructor,
        ts_args_type = "barcode: string, recipient: string[], submittedAt: Date | string, handedOverOn: string, acknowledgement?: boolean | undefined | null"
    )]
    pub fn new(
        env: Env,
        barcode: Unknown<'_>,
        recipient: Unknown<'_>,
        submitted_at: Unknown<'_>,
        handed_over_on: Unknown<'_>,
        acknowledgement: Option<bool>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let barcode = barcode_arg(env, "barcode", &barcode)?;
            let recipient = lines_arg("recipient", &recipient)?;
            let submitted_at = instant_arg("submittedAt", &submitted_at)?;
            let handed_over_on = date_arg("handedOverOn", &handed_over_on)?;
            core_post::RegisteredSummary::new(
                barcode,
                recipient,
                submitted_at,
                handed_over_on,
                acknowledgement.unwrap_or(false),
            )
            .map(|inner| RegisteredSummary { inner })
            .map_err(|error| post_error(env, error))
        })
    }

    /// The summary of a JSON text written by {@link RegisteredSummary.toJson} (in any envoi
    /// binding). A text that is not one throws `InvalidArg` naming the problem.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<RegisteredSummary, Code> {
        guard(|| {
            serde_json::from_str::<core_post::RegisteredSummary>(&json)
                .map(|inner| RegisteredSummary { inner })
                .map_err(|error| invalid_arg(format!("not a RegisteredSummary JSON: {error}")))
        })
    }

    /// The summary's JSON form (the core's serde form).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("RegisteredSummary JSON: {error}")))
        })
    }

    /// The letter's barcode (`'RR123456785BE'`, or the 30 digits of a bpost national barcode).
    #[napi(getter)]
    pub fn barcode(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.barcode.to_string()))
    }

    /// The recipient's address lines.
    #[napi(getter)]
    pub fn recipient(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| Ok(self.inner.recipient.clone()))
    }

    /// When the letter was submitted, RFC 3339 in Europe/Brussels.
    #[napi(getter)]
    pub fn submitted_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(brussels(self.inner.submitted_at)))
    }

    /// The submission day (Europe/Brussels).
    #[napi(getter)]
    pub fn submitted_on(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.submitted_on())))
    }

    /// The day it was handed to the post.
    #[napi(getter)]
    pub fn handed_over_on(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.handed_over_on)))
    }

    /// Whether an acknowledgement of receipt was asked for.
    #[napi(getter)]
    pub fn acknowledgement(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.acknowledgement))
    }

    /// The last day the summary is kept (60 days after handover).
    #[napi(getter)]
    pub fn kept_until(&self, env: Env) -> napi::Result<String, Code> {
        guard(|| day(env, self.inner.kept_until()))
    }

    /// The last day the post's deposit receipt is kept (3 years after handover).
    #[napi(getter)]
    pub fn deposit_receipt_kept_until(&self, env: Env) -> napi::Result<String, Code> {
        guard(|| day(env, self.inner.deposit_receipt_kept_until()))
    }

    /// The last day to file a claim with the post (12 months after handover).
    #[napi(getter)]
    pub fn claim_deadline(&self, env: Env) -> napi::Result<String, Code> {
        guard(|| day(env, self.inner.claim_deadline()))
    }

    /// The summary as text a person can print, in `language` (`'fr'`, `'nl'`, `'de'`, `'en'`,
    /// default `'en'`). Throws `language.unsupported`.
    #[napi]
    pub fn to_text(&self, env: Env, language: Option<String>) -> napi::Result<String, Code> {
        guard(|| {
            let language = language_arg(env, language.as_deref().unwrap_or("en"))?;
            self.inner
                .to_text(language)
                .map_err(|error| post_error(env, error))
        })
    }

    /// Whether `other` is the same summary.
    #[napi]
    pub fn equals(&self, other: &RegisteredSummary) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// A computed day, or its error thrown.
fn day(env: Env, day: Result<NaiveDate, PostError>) -> Result<String, JsError> {
    day.map(format_date).map_err(|error| post_error(env, error))
}

/// A retention deadline of the core, counted from the day argument `name`.
fn deadline(
    env: Env,
    name: &str,
    value: &Unknown<'_>,
    compute: fn(NaiveDate) -> Result<NaiveDate, PostError>,
) -> Result<String, JsError> {
    day(env, compute(date_arg(name, value)?))
}

/// The submission day of `submittedAt` (a `Date` or an ISO 8601 string with an offset): its date
/// in Europe/Brussels, `"YYYY-MM-DD"`.
#[napi(namespace = "post", ts_args_type = "submittedAt: Date | string")]
pub fn submission_date(submitted_at: Unknown<'_>) -> napi::Result<String, Code> {
    guard(|| {
        let at = instant_arg("submittedAt", &submitted_at)?;
        Ok(format_date(core_post::submission_date(at)))
    })
}

/// The last day the documents of a letter submitted on `submittedOn` (`"YYYY-MM-DD"`) are kept (60
/// days after).
#[napi(namespace = "post", ts_args_type = "submittedOn: string")]
pub fn documents_kept_until(env: Env, submitted_on: Unknown<'_>) -> napi::Result<String, Code> {
    guard(|| {
        deadline(
            env,
            "submittedOn",
            &submitted_on,
            core_post::documents_kept_until,
        )
    })
}

/// The last day the summary of a registered letter handed over on `handedOverOn` is kept (60 days
/// after).
#[napi(namespace = "post", ts_args_type = "handedOverOn: string")]
pub fn registered_summary_kept_until(
    env: Env,
    handed_over_on: Unknown<'_>,
) -> napi::Result<String, Code> {
    guard(|| {
        deadline(
            env,
            "handedOverOn",
            &handed_over_on,
            core_post::registered_summary_kept_until,
        )
    })
}

/// The last day the post's deposit receipt of a registered letter handed over on `handedOverOn` is
/// kept (3 years after; 29 February + 3 years is 28 February).
#[napi(namespace = "post", ts_args_type = "handedOverOn: string")]
pub fn deposit_receipt_kept_until(
    env: Env,
    handed_over_on: Unknown<'_>,
) -> napi::Result<String, Code> {
    guard(|| {
        deadline(
            env,
            "handedOverOn",
            &handed_over_on,
            core_post::deposit_receipt_kept_until,
        )
    })
}

/// The last day to file a claim for a registered letter handed over on `handedOverOn` (12 months
/// after).
#[napi(namespace = "post", ts_args_type = "handedOverOn: string")]
pub fn claim_deadline(env: Env, handed_over_on: Unknown<'_>) -> napi::Result<String, Code> {
    guard(|| {
        deadline(
            env,
            "handedOverOn",
            &handed_over_on,
            core_post::claim_deadline,
        )
    })
}
