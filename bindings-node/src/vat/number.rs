//! VAT numbers: `vat.validate` (a verdict, never a throw, for any text), `vat.parseNumber` (the
//! number, or a thrown `vat.…` error with its fields), `vat.isEuMemberState` and `vat.countries`.
//!
//! The checks are the core's (`envoi::vat::VatNumber::parse`, python-stdnum's algorithms): what
//! people type (spaces, dots, dashes, slashes, lower case, the Belgian "(0)", full-width digits),
//! with or without the prefix when the country is given, `GR` read as `EL`, `GB…` as `XI` only
//! when the country `XI` is given, `EU…`/`IM…` OSS ids as their own kind.

use envoi::ErrorCode;
use envoi::vat::{self as core_vat, VatError, VatNumberKind};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use crate::args::{napi_error, string_value, type_name, type_of};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};

/// What {@link vat.validate} says of a VAT number: valid or not, and why not.
// Only declared here (for index.d.ts): the JS wrapper of `validate` builds it (see `install`).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; the JS wrapper of validate builds the object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "vat",
    use_nullable = true
)]
pub struct VatValidation {
    /// Whether the number passed its country's format and check digits.
    pub valid: bool,
    /// The country prefix of a valid number (`'BE'`, `'EL'` for Greece, `'XI'`, or `'EU'`/`'IM'`
    /// for an OSS id); `null` when invalid (as in every envoi binding; {@link vat.parseNumber}
    /// throws the error with the country whose rules refused the number).
    pub country: Option<String>,
    /// The compact form of a valid number: prefix and national part, upper case, no separators
    /// (`'BE0403170701'`); `null` when invalid.
    pub compact: Option<String>,
    /// The part after the prefix (`'0403170701'`); `null` when invalid.
    pub national: Option<String>,
    /// `'customer'` (a VAT number a customer can give) or `'oss'` (a One-Stop-Shop id, `EU…` or
    /// `IM…`, never a customer's VAT number); `null` when invalid.
    #[napi(ts_type = "'customer' | 'oss'")]
    pub kind: Option<String>,
    /// `null` when valid, else the code of the core's error: `'vat.empty'`,
    /// `'vat.unknown_country'`, `'vat.country_mismatch'`, `'vat.invalid_character'`,
    /// `'vat.bad_length'`, `'vat.bad_format'` or `'vat.bad_check_digit'`.
    pub reason: Option<String>,
    /// `null` when valid, else the core's message: which part is wrong and the rule
    /// (`'vat_number: DE12345 has 5 characters after DE; DE numbers have 9 digits'`).
    pub message: Option<String>,
}

/// A VAT number that passed its country's format and check digits ({@link vat.parseNumber}).
#[napi(object, object_from_js = false, namespace = "vat")]
pub struct VatNumber {
    /// The country prefix: `'BE'`, `'EL'` for Greece, `'XI'`, or `'EU'`/`'IM'` for an OSS id.
    pub country: String,
    /// Prefix and national part, upper case, no separators: `'BE0403170701'`.
    pub compact: String,
    /// The part after the prefix: `'0403170701'`.
    pub national: String,
    /// `'customer'` or `'oss'` (a One-Stop-Shop id, never a customer's VAT number).
    #[napi(ts_type = "'customer' | 'oss'")]
    pub kind: String,
}

// How `validate` crosses the boundary. The export is the native function below wrapped, once per
// Node environment, by the JS function `VALIDATE_JS` returns (see `install`). The native side
// returns one string and writes small numbers into the environment's scratch `Uint32Array`:
//
//   valid:   the compact form; slot 0 = the kind's index in KINDS (0 or 1)
//   invalid: the core's message; slot 0 = 2, slot 1 = the code's index in REASONS
//
// and the wrapper builds the plain `VatValidation` literal (the same fields in the same order in
// every case), a valid number's `country` and `national` being the compact form's first two
// characters and the rest (`VatNumber::country` and `national` are those slices). An error whose
// code is not in REASONS (a variant added to the core later) comes back as an array
// `[reason, message]` instead. About 3× cheaper than building the object through
// Node-API, which matters for a function called per form field and per imported row.

/// The kinds in the order of scratch slot 0.
const KINDS: [VatNumberKind; 2] = [VatNumberKind::Customer, VatNumberKind::Oss];

/// Scratch slot 0 of an invalid number.
const INVALID: u32 = 2;

/// The codes of the errors `VatNumber::parse` returns, in the order of scratch slot 1.
const REASONS: [&str; 7] = [
    "vat.empty",
    "vat.unknown_country",
    "vat.country_mismatch",
    "vat.invalid_character",
    "vat.bad_length",
    "vat.bad_format",
    "vat.bad_check_digit",
];

/// The wrapper of the native `validate` (see above): called once per environment with the native
/// function, the scratch buffer, the names of KINDS and REASONS. It keeps its own reference to `String.prototype.slice`, so a program that
/// replaces it does not change the results.
const VALIDATE_JS: &str = r#"(function (native, scratch, kinds, reasons) {
  'use strict';
  const slice = Function.prototype.call.bind(String.prototype.slice);
  return function validate(number, country) {
    const r = native(number, country);
    if (typeof r !== 'string') {
      return { valid: false, country: null, compact: null, national: null, kind: null, reason: r[0], message: r[1] };
    }
    const k = scratch[0];
    return k < 2
      ? { valid: true, country: slice(r, 0, 2), compact: r, national: slice(r, 2), kind: kinds[k], reason: null, message: null }
      : { valid: false, country: null, compact: null, national: null, kind: null, reason: reasons[scratch[1]], message: r };
  };
})"#;

/// Replaces the native `validate` of the `vat` namespace by its JS wrapper (at module
/// registration, once per Node environment).
pub fn install(js: Js, namespace: sys::napi_value) -> napi::Result<()> {
    let make = js.compile(VALIDATE_JS)?;
    let native = js.get_named(namespace, c"validate")?;
    let kinds = js.array(KINDS.iter().map(|kind| js.str(kind_name(*kind))))?;
    let reasons = js.array(REASONS.iter().map(|code| js.str(code)))?;
    let wrapper = js.call(make, &[native, js.scratch_array()?, kinds, reasons])?;
    js.set_named(namespace, c"validate", wrapper)
}

/// Checks a VAT number as people type it and says whether it is valid, and why not: never throws
/// for the text of a number (only for a value that is not a string, with `InvalidArg`).
///
/// `country` is the country the number should belong to (`'BE'`, `'EL'` or `'GR'`, `'XI'`, or
/// `'EU'`/`'IM'` for OSS ids; any case); absent, `null` or `''`: the number must start with its
/// prefix. A country that has no EU VAT numbers gives `reason: 'vat.unknown_country'`.
///
/// ```js
/// const { vat } = require('envoi')
/// vat.validate('be 0403.170.701')          // { valid: true, country: 'BE', compact: 'BE0403170701', … }
/// vat.validate('094259216', 'GR').compact   // 'EL094259216'
/// vat.validate('FR40303265046').reason      // 'vat.bad_check_digit'
/// ```
// The native half of `validate`: its JS wrapper (VALIDATE_JS) builds the `VatValidation` from what
// this returns, so the declared signature is the wrapper's.
#[napi(
    namespace = "vat",
    ts_args_type = "number: string, country?: string | undefined | null",
    ts_return_type = "VatValidation"
)]
pub fn validate(number: Unknown<'_>, country: Option<Unknown<'_>>) -> napi::Result<Raw, Code> {
    guard(|| {
        let handle = number.value();
        // SAFETY: this runs inside the Node-API call that received `number`, on its thread.
        let js = unsafe { Js::new(handle.env) };
        let input = js.get_utf8(handle.value, "number").map_err(|_| {
            invalid_arg(format!(
                "number: expected a string, got a value of type {}",
                type_name(number.get_type().unwrap_or(ValueType::Unknown))
            ))
        })?;
        let country = country_arg(country.as_ref())?;
        let verdict = match core_vat::VatNumber::parse(&input, country.as_deref()) {
            Ok(parsed) => {
                let kind = KINDS
                    .iter()
                    .position(|kind| *kind == parsed.kind())
                    .unwrap_or_default();
                js.with_scratch(|scratch| scratch[0] = kind as u32)
                    .and_then(|()| js.str(parsed.compact()))
            }
            Err(error) => invalid(js, &error),
        };
        verdict.map(Raw).map_err(napi_error)
    })
}

/// Reads and checks a VAT number as {@link vat.validate} does, and returns it; an invalid number
/// throws the core's error with its fields: `vat.bad_check_digit` (`country`, `compact`),
/// `vat.bad_length` (`country`, `compact`, `length`, `expected`), `vat.bad_format` (`rule`),
/// `vat.invalid_character` (`character`), `vat.country_mismatch` (`prefix`, `country`),
/// `vat.unknown_country` (`field`, `value`, `hint`) or `vat.empty`.
///
/// ```js
/// const { vat } = require('envoi')
/// vat.parseNumber('NL 4495.445.B01')  // { country: 'NL', compact: 'NL004495445B01', national: '004495445B01', kind: 'customer' }
/// ```
#[napi(
    namespace = "vat",
    ts_args_type = "number: string, country?: string | undefined | null"
)]
pub fn parse_number(
    env: Env,
    number: String,
    country: Option<Unknown<'_>>,
) -> napi::Result<VatNumber, Code> {
    guard(|| {
        let country = country_arg(country.as_ref())?;
        let parsed = core_vat::VatNumber::parse(&number, country.as_deref())
            .map_err(|error| envoi_error(env, error))?;
        Ok(VatNumber {
            country: parsed.country().to_owned(),
            compact: parsed.compact().to_owned(),
            national: parsed.national().to_owned(),
            kind: kind_name(parsed.kind()).to_owned(),
        })
    })
}

/// Whether `country` is one of the 27 EU member states (any case; Greece as `'EL'` or `'GR'`).
/// `'XI'` (Northern Ireland: its numbers validate, but it is outside the EU for services) is not.
#[napi(namespace = "vat")]
pub fn is_eu_member_state(country: String) -> napi::Result<bool, Code> {
    guard(|| Ok(core_vat::is_eu_member_state(&country)))
}

/// The 28 countries whose VAT numbers {@link vat.validate} checks: the 27 member states (Greece
/// as `'EL'`) and `'XI'` (Northern Ireland), in alphabetical order.
#[napi(namespace = "vat")]
pub fn countries() -> napi::Result<Vec<String>, Code> {
    guard(|| {
        Ok(core_vat::VAT_COUNTRIES
            .iter()
            .map(|code| (*code).to_owned())
            .collect())
    })
}

/// The name of a kind, as its JSON form writes it (`"customer"`, `"oss"`).
pub fn kind_name(kind: VatNumberKind) -> &'static str {
    match kind {
        VatNumberKind::Customer => "customer",
        VatNumberKind::Oss => "oss",
    }
}

/// Reads the optional `country` argument: a string, or absent/`undefined`/`null`.
fn country_arg(value: Option<&Unknown<'_>>) -> Result<Option<String>, JsError> {
    let Some(value) = value else {
        return Ok(None);
    };
    match type_of("country", value)? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::String => string_value("country", value).map(Some),
        kind => Err(invalid_arg(format!(
            "country: expected a string such as 'BE', got a value of type {}",
            type_name(kind)
        ))),
    }
}

/// The native result for an invalid number (see the layout above).
fn invalid(js: Js, error: &VatError) -> napi::Result<sys::napi_value> {
    let message = js.str(&error.to_string())?;
    match REASONS.iter().position(|code| *code == error.code()) {
        Some(reason) => {
            js.with_scratch(|scratch| {
                scratch[0] = INVALID;
                scratch[1] = reason as u32;
            })?;
            Ok(message)
        }
        // A code added to the core later: the same verdict, built as an array.
        None => js.array([js.str(error.code()), Ok(message)].into_iter()),
    }
}
