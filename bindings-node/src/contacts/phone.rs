//! `contacts.normalizePhone`, `contacts.parseE164` and `contacts.parseEmail`: the Node face of
//! `envoi::contacts::normalize_phone`, `PhoneNumber::parse_e164` and `EmailAddress::parse`.

use envoi::contacts::{
    self as core_contacts, EmailAddress, PhoneNumber as CorePhoneNumber, Region,
};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::string_arg;
use crate::errors::{Code, JsError, envoi_error, guard};

/// A valid phone number in E.164 form, with the kind of line its country's numbering plan gives.
#[napi(object, object_from_js = false, namespace = "contacts")]
pub struct PhoneNumber {
    /// The number in E.164 form: `'+32475123456'`.
    pub e164: String,
    /// The kind of line: `'mobile'`, `'fixed_line'`, `'fixed_line_or_mobile'` (the plan cannot
    /// tell, as in the United States), `'toll_free'`, `'premium_rate'`, `'shared_cost'`, `'voip'`,
    /// `'personal_number'`, `'pager'` or `'other'`.
    #[napi(
        ts_type = "'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'toll_free' | 'premium_rate' | 'shared_cost' | 'voip' | 'personal_number' | 'pager' | 'other'"
    )]
    pub kind: String,
    /// Whether it is a mobile number (an SMS recipient must be one): `kind === 'mobile'`.
    pub is_mobile: bool,
    /// The country calling code (`32`).
    pub country_code: u32,
}

impl PhoneNumber {
    /// The JS form of a core phone number.
    pub fn from_core(number: &CorePhoneNumber) -> Self {
        PhoneNumber {
            e164: number.e164().to_owned(),
            kind: number.kind().as_str().to_owned(),
            is_mobile: number.is_mobile(),
            country_code: u32::from(number.country_code()),
        }
    }
}

/// A region argument: an ISO 3166 alpha-2 code in any case (`contacts.unknown_region` otherwise),
/// `'BE'` when absent.
pub fn region_arg(env: Env, value: Option<&Unknown<'_>>) -> Result<Region, JsError> {
    match value {
        Some(value) => {
            let code = string_arg("defaultRegion", value)?;
            Region::parse(&code).map_err(|error| envoi_error(env, error))
        }
        None => Ok(Region::default()),
    }
}

/// Reads a phone number written in any usual form (`'0475 12 34 56'`, `'+32 (0)475 12.34.56'`,
/// `'0032475123456'`), a number without its country code being read in `defaultRegion` (an
/// ISO 3166 alpha-2 code, default `'BE'`).
///
/// Errors: `contacts.invalid_phone` with `value`, `reason` (the problem's message), `problem`
/// (`'empty'`, `'unexpected_character'` with `character` and `position`, `'text_too_long'` with
/// `length` and `max`, `'too_short'`, `'too_long'`, `'invalid_country_code'`,
/// `'not_reproducible'` with `e164`, `'invalid_for_region'` with `region` and `countryCode`);
/// `contacts.unknown_region` with `value`.
///
/// ```js
/// const { contacts } = require('envoi')
/// contacts.normalizePhone('0475 12 34 56')  // { e164: '+32475123456', kind: 'mobile', isMobile: true, countryCode: 32 }
/// contacts.normalizePhone('06 12 34 56 78', 'FR').e164  // '+33612345678'
/// ```
#[napi(
    namespace = "contacts",
    ts_args_type = "text: string, defaultRegion?: string | undefined | null"
)]
pub fn normalize_phone(
    env: Env,
    text: Unknown<'_>,
    default_region: Option<Unknown<'_>>,
) -> napi::Result<PhoneNumber, Code> {
    guard(|| {
        let text = string_arg("text", &text)?;
        let region = region_arg(env, default_region.as_ref())?;
        core_contacts::normalize_phone(&text, region)
            .map(|number| PhoneNumber::from_core(&number))
            .map_err(|error| envoi_error(env, error))
    })
}

/// Reads a number in E.164 form exactly (`'+32475123456'`: `+`, the country code and the
/// national number, digits only), as a contact's stored `mobile` is. Any other form throws
/// `contacts.invalid_phone` (`problem` `'not_e164'`); use {@link normalizePhone} for numbers as
/// people write them.
#[napi(namespace = "contacts", ts_args_type = "text: string")]
pub fn parse_e164(env: Env, text: Unknown<'_>) -> napi::Result<PhoneNumber, Code> {
    guard(|| {
        let text = string_arg("text", &text)?;
        CorePhoneNumber::parse_e164(&text)
            .map(|number| PhoneNumber::from_core(&number))
            .map_err(|error| envoi_error(env, error))
    })
}

/// An email address whose syntax is valid, in its plain `local@domain` form.
#[napi(object, object_from_js = false, namespace = "contacts")]
pub struct Email {
    /// The address, the domain in lower case: `'Ann.Peeters@example.be'`.
    pub address: String,
    /// The part before the last `@`, as written (it may be case-sensitive).
    pub local_part: String,
    /// The domain, in lower case.
    pub domain: String,
}

/// Checks the syntax of an email address (RFC 5321/5322): trims surrounding white space, refuses
/// a display name (`'Ann <ann@example.be>'`), a domain literal and a domain without a dot, and
/// lower-cases the domain (the local part is kept as written).
///
/// Errors: `contacts.invalid_email` with `value` and `reason`.
///
/// ```js
/// const { contacts } = require('envoi')
/// contacts.parseEmail(' Ann.Peeters@Example.BE ').address  // 'Ann.Peeters@example.be'
/// ```
#[napi(namespace = "contacts", ts_args_type = "text: string")]
pub fn parse_email(env: Env, text: Unknown<'_>) -> napi::Result<Email, Code> {
    guard(|| {
        let text = string_arg("text", &text)?;
        let email = EmailAddress::parse(&text).map_err(|error| envoi_error(env, error))?;
        Ok(Email {
            address: email.as_str().to_owned(),
            local_part: email.local_part().to_owned(),
            domain: email.domain().to_owned(),
        })
    })
}
