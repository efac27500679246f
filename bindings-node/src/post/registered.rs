//! Registered mail (`post.BarcodeRange`, `post.RegisteredSummary`), the retention deadlines and
//! the post's constants.

use chrono::NaiveDate;
use envoi::post::{self as core_post, PostError};
use napi::Env;
use napi::bindgen_prelude::{BigInt, Unknown};
use napi_derive::napi;

use super::error::post_error;
use super::job::brussels;
use super::letter::{id_arg, lines_arg};
use crate::args::{count_arg, napi_error, number_value};
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

/// An id as JS reads it exactly (a number, or a `bigint` above 2^53 − 1).
fn id(env: Env, value: u64) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    js.id(value).map(Raw).map_err(napi_error)
}

/// The host's range of registered-mail barcode numbers (from the post), handed out in order, each
/// once. Numbers are safe integers or `bigint`s in, numbers out (`bigint`s above 2^53 − 1). Plain
/// data: `toJson()` / `BarcodeRange.fromJson(text)`.
///
/// ```js
/// const { post } = require('envoi')
/// const barcodes = new post.BarcodeRange(323299000100, 323299000199)
/// barcodes.nextBarcode()  // 323299000100
/// barcodes.take(2)        // [323299000101, 323299000102]
/// barcodes.remaining      // 97
/// ```
#[napi(namespace = "post")]
pub struct BarcodeRange {
    inner: core_post::BarcodeRange,
}

#[napi(namespace = "post")]
impl BarcodeRange {
    /// The numbers `first` to `last`, both included. Throws `post.invalid_barcode_range` (with
    /// `first` and `last`).
    #[napi(
        constructor,
        ts_args_type = "first: number | bigint, last: number | bigint"
    )]
    pub fn new(env: Env, first: Unknown<'_>, last: Unknown<'_>) -> napi::Result<Self, Code> {
        guard(|| {
            let first = id_arg(env, "first", &first)?;
            let last = id_arg(env, "last", &last)?;
            core_post::BarcodeRange::new(first, last)
                .map(|inner| BarcodeRange { inner })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The range of a JSON text written by {@link BarcodeRange.toJson} (in any envoi binding). A
    /// text that is not one throws `InvalidArg` naming the problem.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<BarcodeRange, Code> {
        guard(|| {
            serde_json::from_str::<core_post::BarcodeRange>(&json)
                .map(|inner| BarcodeRange { inner })
                .map_err(|error| invalid_arg(format!("not a BarcodeRange JSON: {error}")))
        })
    }

    /// The range's JSON form, `{"first":…,"last":…,"next":…}` (`next` null when used up).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("BarcodeRange JSON: {error}")))
        })
    }

    /// The first number of the range.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn first(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id(env, self.inner.first()))
    }

    /// The last number of the range.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn last(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id(env, self.inner.last()))
    }

    /// How many numbers are left (a `bigint` above 2^53 − 1).
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn remaining(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            let remaining = self.inner.remaining();
            match u64::try_from(remaining) {
                Ok(count) => id(env, count),
                // 2^64 numbers: the whole range of u64.
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

    /// The next number. Throws `post.barcode_range_exhausted` (with `first` and `last`).
    #[napi(ts_return_type = "number | bigint")]
    pub fn next_barcode(&mut self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            let barcode = self
                .inner
                .next_barcode()
                .map_err(|error| post_error(env, error))?;
            id(env, barcode)
        })
    }

    /// The next `count` numbers, all or none. Throws `post.barcode_range_exhausted` when fewer are
    /// left, and `InvalidArg` for a count that is not a non-negative safe integer.
    #[napi(
        ts_args_type = "count: number",
        ts_return_type = "Array<number | bigint>"
    )]
    pub fn take(&mut self, env: Env, count: Unknown<'_>) -> napi::Result<Raw, Code> {
        guard(|| {
            let count = count_arg("count", number_value("count", &count)?)?;
            let count = usize::try_from(count)
                .map_err(|_| invalid_arg(format!("count: {count} is more than envoi counts")))?;
            let barcodes = self
                .inner
                .take(count)
                .map_err(|error| post_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            js.array(barcodes.into_iter().map(|barcode| js.id(barcode)))
                .map(Raw)
                .map_err(napi_error)
        })
    }
}

/// The summary of a registered letter that a person can print: barcode, recipient, submission and
/// handover dates, acknowledgement, and the deadline to file a claim. It exists once the letter is
/// handed over. Immutable; plain data: `toJson()` / `RegisteredSummary.fromJson(text)`.
///
/// ```js
/// const { post } = require('envoi')
/// const summary = new post.RegisteredSummary(323299000123, ['Jean Dupont', '1000 BRUXELLES'],
///   '2026-03-10T09:00:00Z', '2026-03-10', true)
/// summary.claimDeadline            // '2027-03-10'
/// summary.toText('fr').split('\n')[0] // 'Envoi recommandé : récapitulatif'
/// ```
#[napi(namespace = "post")]
pub struct RegisteredSummary {
    inner: core_post::RegisteredSummary,
}

#[napi(namespace = "post")]
impl RegisteredSummary {
    /// The summary of the letter with `barcode` to `recipient` (its address lines), submitted at
    /// `submittedAt` (a `Date` or an ISO 8601 string with an offset) and handed over on
    /// `handedOverOn` (`"YYYY-MM-DD"`). Throws `post.handover_before_submission` (with
    /// `submittedOn` and `handedOverOn`), `post.empty_address`.
    #[napi(
        constructor,
        ts_args_type = "barcode: number | bigint, recipient: string[], submittedAt: Date | string, handedOverOn: string, acknowledgement?: boolean | undefined | null"
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
            let barcode = id_arg(env, "barcode", &barcode)?;
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

    /// The barcode number.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn barcode(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id(env, self.inner.barcode))
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
