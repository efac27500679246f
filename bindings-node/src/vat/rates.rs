//! VAT rates: `vat.rate(country, date)` from the built-in table, and `vat.RateTable` (the built-in
//! table, or one a host loads in the same JSON format). Rates are percentages as decimal strings
//! (`'21'`, `'25.5'`); days are `"YYYY-MM-DD"` strings.

use std::borrow::Cow;

use envoi::vat::{self as core_vat};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::errors::{Code, JsError, envoi_error, guard};
use crate::time::{date_arg, format_date};

/// The VAT rates of a member state in force on a day ({@link vat.rate}, {@link RateTable.rate}).
#[napi(object, object_from_js = false, namespace = "vat")]
pub struct Rate {
    /// The member state (`'EL'` for Greece, also when asked as `'GR'`).
    pub country: String,
    /// The standard rate, a percentage as a decimal string: `'21'`, `'25.5'`.
    pub standard: String,
    /// The general reduced rates (reduced, super-reduced and parking rates of the main territory),
    /// highest first, as decimal strings; empty for a member state without one.
    pub reduced: Vec<String>,
    /// The first day of the period these rates belong to, `"YYYY-MM-DD"`.
    pub effective_from: String,
    /// Whether the day asked is after the day the table was last verified: the last known rates,
    /// which may have changed since.
    pub unverified: bool,
}

/// The VAT rates in force in `country` (an EU member state: `'BE'`, `'EL'` or `'GR'`…, any case)
/// on `date` (`"YYYY-MM-DD"`), from the built-in table (2019 on).
///
/// Errors: `vat.unknown_country` (not a member state), `vat.no_rate` (`'XI'`, which charges UK VAT,
/// or a day before the table: `country`, `date`, `covered`); `InvalidArg` for a date that is not a
/// `"YYYY-MM-DD"` string (a `Date` included).
///
/// ```js
/// const { vat } = require('envoi')
/// vat.rate('DE', '2020-07-01').standard   // '16' (the temporary cut of H2 2020)
/// vat.rate('FI', '2024-09-01').standard   // '25.5'
/// ```
#[napi(namespace = "vat", ts_args_type = "country: string, date: string")]
pub fn rate(env: Env, country: String, date: Unknown<'_>) -> napi::Result<Rate, Code> {
    guard(|| rate_in(env, core_vat::RateTable::builtin(), &country, &date))
}

/// A table of VAT rates with effective dates, for the 27 member states: the built-in one
/// ({@link RateTable.builtin}, sources and verification day in its JSON), or one a host loads in
/// the same format ({@link RateTable.fromJson}) when it knows newer rates. Immutable. Give it to
/// {@link vat.treatment} as `{ rateTable }`.
///
/// ```js
/// const { vat } = require('envoi')
/// const table = vat.RateTable.builtin()
/// table.rate('LU', '2023-06-01').standard     // '16'
/// const same = vat.RateTable.fromJson(table.toJson())
/// same.equals(table)                          // true
/// ```
#[napi(namespace = "vat")]
pub struct RateTable {
    pub(super) inner: Cow<'static, core_vat::RateTable>,
}

#[napi(namespace = "vat")]
impl RateTable {
    /// The table built into envoi (see `verifiedOn`).
    #[napi(factory)]
    pub fn builtin() -> napi::Result<RateTable, Code> {
        guard(|| {
            Ok(RateTable {
                inner: Cow::Borrowed(core_vat::RateTable::builtin()),
            })
        })
    }

    /// Reads a table in the built-in table's JSON format (see {@link RateTable.toJson}): every
    /// member state, periods from their `from` day, rates as decimal strings. A table that breaks
    /// a rule throws `vat.invalid_rate_table` with `entry`, `field`, `value` and `rule`.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<RateTable, Code> {
        guard(|| {
            let inner =
                core_vat::RateTable::from_json(&json).map_err(|error| envoi_error(env, error))?;
            Ok(RateTable {
                inner: Cow::Owned(inner),
            })
        })
    }

    /// The table's JSON form (pretty-printed): `about`, `verified_on`, `sources` and the
    /// `countries` with their periods, the same in every envoi binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The day the table was last checked against its sources, `"YYYY-MM-DD"`: a rate asked for a
    /// later day is flagged `unverified`.
    #[napi(getter)]
    pub fn verified_on(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.verified_on())))
    }

    /// The rates in force in `country` on `date` (see {@link vat.rate}).
    #[napi(ts_args_type = "country: string, date: string")]
    pub fn rate(&self, env: Env, country: String, date: Unknown<'_>) -> napi::Result<Rate, Code> {
        guard(|| rate_in(env, &self.inner, &country, &date))
    }

    /// The member states of the table, in alphabetical order (Greece as `'EL'`).
    #[napi]
    pub fn countries(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| Ok(self.inner.countries().map(str::to_owned).collect()))
    }

    /// Whether `other` holds the same rates, sources and verification day. `InvalidArg` when
    /// `other` is not a `RateTable`.
    #[napi(strict)]
    pub fn equals(&self, other: &RateTable) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// The rates of `table` in `country` on the day `date`.
fn rate_in(
    env: Env,
    table: &core_vat::RateTable,
    country: &str,
    date: &Unknown<'_>,
) -> Result<Rate, JsError> {
    let date = date_arg("date", date)?;
    let rate = table
        .rate(country, date)
        .map_err(|error| envoi_error(env, error))?;
    Ok(Rate {
        country: rate.country().to_owned(),
        standard: rate.standard().to_string(),
        reduced: rate.reduced().iter().map(ToString::to_string).collect(),
        effective_from: format_date(rate.effective_from()),
        unverified: rate.unverified(),
    })
}
