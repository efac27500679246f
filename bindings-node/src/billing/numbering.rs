//! `billing.InvoiceNumber` and `billing.checkSequence`: the Node face of
//! `envoi::billing::{InvoiceNumber, NumberSeries, check_sequence}` (one gapless sequence of
//! invoice numbers per series and year; the host's store allocates them).

use envoi::billing::{self as core_billing, NumberSeries};
use napi::bindgen_prelude::Unknown;
use napi::{Env, ValueType};
use napi_derive::napi;

use crate::args::{array_items, instance_arg, integer_arg, string_value, type_name, type_of};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};

/// A break in a sequence of invoice numbers, per series and year: numbers missing from `from` to
/// `to` (both included; `kind` `'gap'`), or a number given `count` times (`'duplicate'`). The
/// `problems` of a `billing.invoice_sequence` error.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct SequenceProblem {
    /// `'gap'` or `'duplicate'`.
    #[napi(ts_type = "'gap' | 'duplicate'")]
    pub kind: String,
    /// The first missing number (`'gap'`).
    pub from: Option<String>,
    /// The last missing number (`'gap'`).
    pub to: Option<String>,
    /// The number given more than once (`'duplicate'`).
    pub number: Option<String>,
    /// How many times it was given (`'duplicate'`).
    pub count: Option<f64>,
    /// The core's words for it (`'2026-F: 2026-F-000002 to 2026-F-000003 missing'`).
    pub message: String,
}

/// An invoice number: `YEAR-SERIES-SEQUENCE`, such as `'2026-F-000123'` (the sequence zero-padded
/// to at least 6 digits, from 1 each year; the series 1 to 4 capital letters, `F` for invoices
/// and `C` for credit notes as the host chooses). Text and number round trip: {@link
/// InvoiceNumber.parse} reads exactly what {@link InvoiceNumber.toString} writes. Immutable.
///
/// Errors: `billing.invalid_invoice_number` (`value`, `rule`) for text that is not one, a series
/// that is not 1 to 4 capital letters, a year outside 1000–9999, a sequence of 0, or the next of
/// the last sequence.
///
/// ```js
/// const { billing } = require('envoi')
/// const number = billing.InvoiceNumber.parse('2026-F-000123')
/// number.year; number.series; number.sequence   // 2026, 'F', 123
/// number.next().toString()                       // '2026-F-000124'
/// billing.InvoiceNumber.first('C', 2026).toString() // '2026-C-000001'
/// ```
#[napi(namespace = "billing")]
pub struct InvoiceNumber {
    inner: core_billing::InvoiceNumber,
}

/// A whole JS number within the range of an integer type, `InvalidArg` otherwise.
fn ranged<T: TryFrom<i64>>(name: &str, value: f64, range: &str) -> Result<T, JsError> {
    T::try_from(integer_arg(name, value)?)
        .map_err(|_| invalid_arg(format!("{name}: {value} is outside {range}")))
}

impl From<core_billing::InvoiceNumber> for InvoiceNumber {
    fn from(inner: core_billing::InvoiceNumber) -> Self {
        InvoiceNumber { inner }
    }
}

#[napi(namespace = "billing")]
impl InvoiceNumber {
    /// The number `sequence` (from 1) of `series` in `year`. `InvalidArg` for a year or sequence
    /// that is not a whole number in the range of the core's type (a year within ±2^31, a
    /// sequence from 0 to 4,294,967,295); the core refuses the rest.
    #[napi(constructor)]
    pub fn new(env: Env, year: f64, series: String, sequence: f64) -> napi::Result<Self, Code> {
        guard(|| {
            let year: i32 = ranged("year", year, "the years of an invoice number")?;
            let sequence: u32 = ranged("sequence", sequence, "0 to 4,294,967,295")?;
            let series = NumberSeries::new(&series).map_err(|error| envoi_error(env, error))?;
            core_billing::InvoiceNumber::new(year, series, sequence)
                .map(|inner| InvoiceNumber { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Reads the text of an invoice number (`'2026-F-000123'`; `'2026-F-1234567'` past 999,999).
    #[napi(factory)]
    pub fn parse(env: Env, text: String) -> napi::Result<InvoiceNumber, Code> {
        guard(|| {
            text.parse()
                .map(|inner| InvoiceNumber { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The first number of `series` in `year` (`'2026-F-000001'`).
    #[napi(factory)]
    pub fn first(env: Env, series: String, year: f64) -> napi::Result<InvoiceNumber, Code> {
        guard(|| {
            let year: i32 = ranged("year", year, "the years of an invoice number")?;
            let series = NumberSeries::new(&series).map_err(|error| envoi_error(env, error))?;
            series
                .first(year)
                .map(|inner| InvoiceNumber { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The year.
    #[napi(getter)]
    pub fn year(&self) -> napi::Result<i32, Code> {
        guard(|| Ok(self.inner.year()))
    }

    /// The series (`'F'`).
    #[napi(getter)]
    pub fn series(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.series().as_str().to_owned()))
    }

    /// The sequence within the series and year, from 1.
    #[napi(getter)]
    pub fn sequence(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.sequence()))
    }

    /// The next number of the same series and year (the host's store allocates it).
    #[napi]
    pub fn next(&self, env: Env) -> napi::Result<InvoiceNumber, Code> {
        guard(|| {
            self.inner
                .next()
                .map(|inner| InvoiceNumber { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The text, `'2026-F-000123'`.
    #[napi(js_name = "toString")]
    pub fn to_text(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_string()))
    }

    /// Whether `other` is the same number. `InvalidArg` when `other` is not an `InvoiceNumber`.
    #[napi(strict)]
    pub fn equals(&self, other: &InvoiceNumber) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// The order of invoice numbers (by year, then series, then sequence, as the core orders
    /// them): `-1` when this number comes before `other`, `0` when they are equal, `1` after; a
    /// comparator for `Array.prototype.sort` (`numbers.sort(billing.InvoiceNumber.compare)`).
    /// `InvalidArg` when either is not an `InvoiceNumber`.
    #[napi(strict)]
    pub fn compare(first: &InvoiceNumber, second: &InvoiceNumber) -> napi::Result<i32, Code> {
        guard(|| Ok(first.inner.cmp(&second.inner) as i32))
    }

    /// Whether this number comes before `other` in their order (see {@link compare}).
    #[napi(strict, js_name = "isBefore")]
    pub fn is_before(&self, other: &InvoiceNumber) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner < other.inner))
    }
}

/// Checks that `numbers` (in any order; `InvoiceNumber`s or their text) hold each series' sequence
/// of each year without a gap or a duplicate: 1, 2, … up to the highest number given (a year's
/// sequence starts at 1, so a list that starts later has a gap before it). Returns when they do;
/// throws `billing.invoice_sequence` with `problems` ({@link SequenceProblem}s, by series, year
/// and sequence) when they do not, `billing.invalid_invoice_number` for a text that is not a
/// number, `InvalidArg` for another value.
///
/// ```js
/// const { billing } = require('envoi')
/// billing.checkSequence(['2026-F-000002', '2026-F-000001', '2026-C-000001'])  // fine
/// billing.checkSequence(['2026-F-000001', '2026-F-000004'])
/// // throws billing.invoice_sequence, problems [{ kind: 'gap', from: '2026-F-000002', to: '2026-F-000003', … }]
/// ```
#[napi(
    namespace = "billing",
    ts_args_type = "numbers: Array<InvoiceNumber | string>"
)]
pub fn check_sequence(env: Env, numbers: Unknown<'_>) -> napi::Result<(), Code> {
    guard(|| {
        let numbers = array_items(
            "numbers",
            &numbers,
            "an array of billing.InvoiceNumber or strings",
        )?
        .iter()
        .enumerate()
        .map(|(index, item)| number_arg(env, &format!("numbers[{index}]"), item))
        .collect::<Result<Vec<_>, _>>()?;
        core_billing::check_sequence(&numbers).map_err(|error| envoi_error(env, error))
    })
}

/// Checks that `numbers` (in any order; `InvoiceNumber`s or their text) continue `lastIssued`, the
/// last number issued before them (`null`: none, as {@link checkSequence}): in its series and
/// year they run from the next sequence on, without a gap or a duplicate; a number at or before
/// it was already issued and is reported as a duplicate. Other series and years run from 1.
/// Throws as {@link checkSequence}.
///
/// ```js
/// billing.checkSequenceAfter('2026-F-000041', ['2026-F-000043', '2026-F-000042'])  // fine
/// billing.checkSequenceAfter('2026-F-000041', ['2026-F-000044'])  // throws: 42 to 43 missing
/// ```
#[napi(
    namespace = "billing",
    ts_args_type = "lastIssued: InvoiceNumber | string | null, numbers: Array<InvoiceNumber | string>"
)]
pub fn check_sequence_after(
    env: Env,
    last_issued: Unknown<'_>,
    numbers: Unknown<'_>,
) -> napi::Result<(), Code> {
    guard(|| {
        let last_issued = match type_of("lastIssued", &last_issued)? {
            ValueType::Null | ValueType::Undefined => None,
            _ => Some(number_arg(env, "lastIssued", &last_issued)?),
        };
        let numbers = array_items(
            "numbers",
            &numbers,
            "an array of billing.InvoiceNumber or strings",
        )?
        .iter()
        .enumerate()
        .map(|(index, item)| number_arg(env, &format!("numbers[{index}]"), item))
        .collect::<Result<Vec<_>, _>>()?;
        core_billing::check_sequence_after(last_issued.as_ref(), &numbers)
            .map_err(|error| envoi_error(env, error))
    })
}

/// An invoice number argument: an {@link InvoiceNumber}, or its text read by the core.
pub(super) fn number_arg(
    env: Env,
    name: &str,
    value: &Unknown<'_>,
) -> Result<core_billing::InvoiceNumber, JsError> {
    match type_of(name, value)? {
        ValueType::String => string_value(name, value)?
            .parse()
            .map_err(|error| envoi_error(env, error)),
        ValueType::Object => instance_arg::<InvoiceNumber>(
            name,
            value,
            "a billing.InvoiceNumber or its text ('2026-F-000123')",
        )
        .map(|number| number.inner.clone()),
        other => Err(invalid_arg(format!(
            "{name}: expected a billing.InvoiceNumber or its text ('2026-F-000123'), got a value of type {}",
            type_name(other)
        ))),
    }
}
