//! Which VAT an order carries (SPEC section 7): `vat.treatment(...)` → `vat.Treatment`, decided by
//! the core (`envoi::vat::treatment`) once at order time; the host stores its JSON with the order.
//!
//! The seller is established in Belgium. The online check of the VAT number (VIES) is the host's:
//! its answer at order time is the `vies` option (`true`/`false`, an {@link vat.OnlineCheck} with
//! the request id, or `null` when the service was unavailable), or its checker as a function that
//! envoi calls only when the answer decides the treatment (`super::online`). Amounts are decimal strings in EUR,
//! the day a `"YYYY-MM-DD"` string, instants a `Date` or an ISO string with an offset in and RFC
//! 3339 UTC strings out (the core's JSON form).

use envoi::language::Language;
use envoi::vat::{
    self as core_vat, CustomerKind, Mention, OnlineCheck as CoreOnlineCheck, Reason, ServiceKind,
    TreatmentRequest,
};
use napi::bindgen_prelude::Unknown;
use napi::{Env, ValueType};
use napi_derive::napi;

use super::rates::RateTable;
use crate::args::{
    bool_value, decimal_arg, instance_arg, option_field, options_object, record_arg,
    required_field, string_arg, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::time::{format_utc, instant_arg};

/// The option names of {@link vat.treatment}.
const TREATMENT_OPTIONS: [&str; 6] = [
    "vatNumber",
    "vies",
    "exemptionRequested",
    "b2cCurrentYear",
    "b2cPreviousYear",
    "rateTable",
];

/// The field names of an {@link vat.OnlineCheck}.
const ONLINE_CHECK_FIELDS: [&str; 3] = ["valid", "requestId", "checkedAt"];

/// Options of {@link vat.treatment}. Every field is optional; `null` is the same as absent. An
/// unknown name throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "vat"
)]
pub struct TreatmentOptions {
    /// The customer's VAT number as typed at order time (kept as evidence). A business needs one,
    /// valid offline and online, for the reverse charge.
    #[napi(ts_type = "string | null")]
    pub vat_number: Option<String>,
    /// The host's online check (VIES) of `vatNumber` at order time: `true`/`false`, an
    /// {@link vat.OnlineCheck} with its request id and time, or `null`/absent when the service was
    /// unavailable (an EU business asking for the exemption is then `'pending_verification'`,
    /// never a silent reverse charge).
    ///
    /// Or the host's checker itself, a function `(number) => answer`: envoi calls it once, with
    /// the compact number (`'DE136695976'`, `'EL…'` for Greece), only when its answer decides the
    /// treatment (an EU business outside Belgium that asked for the exemption with a customer
    /// number valid offline), and never otherwise. It returns what this option takes; `null` is
    /// an unavailable service. An exception it throws reaches the caller unchanged; an answer of
    /// another type (`undefined`, a `Promise`: the call is synchronous) throws a `TypeError` with
    /// code `InvalidArg` naming `vies`.
    #[napi(
        ts_type = "boolean | OnlineCheck | ((number: string) => boolean | OnlineCheck | null) | null"
    )]
    pub vies: Option<bool>,
    /// Whether the customer asked for the VAT exemption (reverse charge) when ordering. Default
    /// `false`: it cannot be granted afterwards (see {@link Treatment.removeVatAfterOrder}).
    #[napi(ts_type = "boolean | null")]
    pub exemption_requested: Option<bool>,
    /// The seller's cross-border EU B2C sales of the current calendar year in EUR, the supply being
    /// priced included: a decimal string such as `'10000.01'` (a number throws `InvalidArg`).
    /// Default `'0'`.
    #[napi(js_name = "b2cCurrentYear", ts_type = "string | null")]
    pub b2c_current_year: Option<String>,
    /// The same total for the previous calendar year. Default `'0'`.
    #[napi(js_name = "b2cPreviousYear", ts_type = "string | null")]
    pub b2c_previous_year: Option<String>,
    /// The rate table to take the rate from; default the built-in one.
    #[napi(ts_type = "RateTable | null")]
    pub rate_table: Option<bool>,
}

/// The host's online check (VIES) of a VAT number at order time, as given to {@link vat.treatment}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "vat"
)]
pub struct OnlineCheck {
    /// What the service answered: whether the number is valid.
    pub valid: bool,
    /// The service's request (consultation) id, kept as evidence.
    #[napi(ts_type = "string | null")]
    pub request_id: Option<String>,
    /// When the check was made: a `Date` or an ISO 8601 string with an offset.
    #[napi(ts_type = "Date | string | null")]
    pub checked_at: Option<String>,
}

/// An online check as kept in a treatment's evidence.
#[napi(object, object_from_js = false, namespace = "vat", use_nullable = true)]
pub struct OnlineCheckEvidence {
    /// Whether the service answered valid.
    pub valid: bool,
    /// The service's request id, or `null`.
    pub request_id: Option<String>,
    /// When the check was made, RFC 3339 in UTC (`'2026-01-15T09:00:00Z'`), or `null`.
    pub checked_at: Option<String>,
}

/// The VAT evidence of an order: the number as typed, its compact form, the offline verdict and
/// the online result (SPEC section 7), an immutable part of the order.
#[napi(object, object_from_js = false, namespace = "vat", use_nullable = true)]
pub struct VatEvidence {
    /// The number as the customer typed it.
    pub typed: String,
    /// Its compact form when it passed the offline check, else `null`.
    pub compact: Option<String>,
    /// The code of the offline check's error (`'vat.bad_check_digit'`…), or `null` when it passed.
    pub offline_error: Option<String>,
    /// The online check given at order time, or `null` (unavailable).
    pub online: Option<OnlineCheckEvidence>,
}

/// Which VAT an order carries, and which rule decided it ({@link vat.treatment}). Immutable; its
/// JSON ({@link Treatment.toJson}) is what the host stores with the order.
///
/// ```js
/// const { vat } = require('envoi')
/// const t = vat.treatment('FR', 'business', 'electronic', '2026-03-02', {
///   vatNumber: 'FR40303265045', vies: true, exemptionRequested: true,
/// })
/// t.kind                   // 'reverse_charge'
/// t.rate                   // '0'
/// t.mentionText('fr')      // 'Autoliquidation – article 196 de la directive 2006/112/CE'
/// ```
#[napi(namespace = "vat")]
pub struct Treatment {
    pub(crate) inner: core_vat::Treatment,
}

#[napi(namespace = "vat")]
impl Treatment {
    /// `'charge'` (VAT at `rate` of `vatCountry`), `'reverse_charge'` (0 %, the customer accounts
    /// for the VAT), `'out_of_scope'` (no EU VAT) or `'pending_verification'` (an EU business
    /// whose online check was unavailable: no rate until it is checked).
    #[napi(
        getter,
        ts_return_type = "'charge' | 'reverse_charge' | 'out_of_scope' | 'pending_verification'"
    )]
    pub fn kind(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.kind().code().to_owned()))
    }

    /// The member state whose VAT applies (`'BE'`, `'FR'`, `'EL'` for Greece) for a charge, the
    /// customer's for a reverse charge or a pending verification; `null` out of scope.
    #[napi(getter)]
    pub fn vat_country(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.vat_country().map(str::to_owned)))
    }

    /// The rate, a percentage as a decimal string (`'21'`; `'0'` for a reverse charge or out of
    /// scope); `null` while the verification is pending.
    #[napi(getter)]
    pub fn rate(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.rate().map(|rate| rate.to_string())))
    }

    /// Whether the rate comes from a day after the rate table was last verified.
    #[napi(getter)]
    pub fn rate_unverified(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.rate_unverified()))
    }

    /// The legal mention the invoice carries: `'reverse_charge'`, `'out_of_scope'` or `null`; its
    /// text with {@link Treatment.mentionText}.
    #[napi(getter, ts_return_type = "'reverse_charge' | 'out_of_scope' | null")]
    pub fn mention(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .mention()
                .map(|mention| mention.code().to_owned()))
        })
    }

    /// The rule that decided, a stable code an accountant can audit: `'belgian_customer'`,
    /// `'eu_business_reverse_charge'`, `'eu_business_online_check_unavailable'`,
    /// `'eu_consumer_over_threshold'`, `'eu_consumer_under_threshold'`,
    /// `'letter_consumer_general_rule'`, `'outside_eu_electronic'` or
    /// `'outside_eu_business_letter'`.
    #[napi(getter)]
    pub fn reason(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.reason().code().to_owned()))
    }

    /// The rule in English words, for a person (see {@link vat.reasonExplanation}).
    #[napi(getter)]
    pub fn explanation(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.reason().explanation().to_owned()))
    }

    /// Why a declared business was treated as a consumer: `'no_vat_number'`, `'invalid_offline'`,
    /// `'invalid_online'`, `'oss_number'` or `'exemption_not_requested'`; else `null`.
    #[napi(getter)]
    pub fn treated_as_consumer(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .treated_as_consumer()
                .map(|because| because.code().to_owned()))
        })
    }

    /// The VAT evidence when a VAT number was given, else `null`.
    #[napi(getter)]
    pub fn evidence(&self) -> napi::Result<Option<VatEvidence>, Code> {
        guard(|| Ok(self.inner.evidence().map(evidence_to_js)))
    }

    /// The text of the legal mention in `language` (`'fr'`, `'nl'`, `'de'` or `'en'`; else
    /// `language.unsupported`), or `null` when there is no mention.
    #[napi(ts_args_type = "language: 'fr' | 'nl' | 'de' | 'en' | string")]
    pub fn mention_text(&self, env: Env, language: String) -> napi::Result<Option<String>, Code> {
        guard(|| {
            let language = language_arg(env, &language)?;
            Ok(self
                .inner
                .mention()
                .map(|mention| mention.text(language).to_owned()))
        })
    }

    /// A later request to remove the VAT from order `orderId`: the same treatment when the order
    /// already had the reverse charge; otherwise it throws `vat.exemption_not_requested_at_order`
    /// (with `orderId` and `treatment`), since the exemption can only be asked for when ordering.
    #[napi]
    pub fn remove_vat_after_order(
        &self,
        env: Env,
        order_id: String,
    ) -> napi::Result<Treatment, Code> {
        guard(|| {
            let same = self
                .inner
                .remove_vat_after_order(&order_id)
                .map_err(|error| envoi_error(env, error))?;
            Ok(Treatment {
                inner: same.clone(),
            })
        })
    }

    /// The treatment's JSON form (snake_case, the day and instants as ISO strings, the rate a
    /// decimal string), the same in every envoi binding: what the host stores with the order.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("treatment JSON: {error}")))
        })
    }

    /// Reads a treatment stored with {@link Treatment.toJson}. `InvalidArg` for a JSON that is not
    /// one.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Treatment, Code> {
        guard(|| {
            serde_json::from_str::<core_vat::Treatment>(&json)
                .map(|inner| Treatment { inner })
                .map_err(|error| invalid_arg(format!("treatment JSON: {error}")))
        })
    }

    /// Whether `other` is the same treatment (evidence included). `InvalidArg` when `other` is not
    /// a `Treatment`.
    #[napi(strict)]
    pub fn equals(&self, other: &Treatment) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// Which VAT an order carries (SPEC section 7), for a seller established in Belgium:
///
/// - a customer in Belgium: Belgian VAT;
/// - an EU business with a VAT number valid offline and online (`vies`) that asked for the
///   exemption when ordering: reverse charge, with its mention; the online check unavailable
///   (`vies` absent or `null`, or the host's checker returning `null`): `'pending_verification'`;
/// - anyone else in the EU (a consumer, a business without a valid number or that did not ask):
///   electronic services at the customer's member state rate when the cross-border B2C sales
///   exceed EUR 10,000 this year or last (`b2cCurrentYear`, `b2cPreviousYear`), else Belgian VAT;
///   letters at Belgian VAT;
/// - outside the EU (`'XI'` included for services): electronic services out of scope with its
///   mention; letters out of scope for a business, Belgian VAT for a consumer.
///
/// `customerCountry` is an ISO 3166 alpha-2 code (`'GR'` becomes `'EL'`), `customerKind`
/// `'business'` or `'consumer'`, `service` `'electronic'` (SMS, email, secure email) or `'letter'`,
/// `date` the order day `"YYYY-MM-DD"`.
///
/// Errors: `vat.unknown_country` (`customerCountry` not two letters), `vat.invalid_argument`
/// (`customerKind`, `service`: `field`, `value`, `expected`), `vat.invalid_amount` (a negative
/// total), `vat.no_rate`, `money.invalid_amount` (a total that is not a plain decimal);
/// `InvalidArg` for a number where a total is expected, a `Date` as `date`, an unknown option (a
/// `TypeError` for an answer of the wrong type from a `vies` checker); an exception the checker
/// throws, unchanged.
///
/// ```js
/// const { vat } = require('envoi')
/// vat.treatment('BE', 'consumer', 'electronic', '2026-03-02').rate  // '21'
/// vat.treatment('DE', 'consumer', 'electronic', '2026-03-02', { b2cCurrentYear: '10000.01' }).vatCountry // 'DE'
/// vat.treatment('US', 'business', 'electronic', '2026-03-02').kind  // 'out_of_scope'
/// ```
#[napi(
    namespace = "vat",
    ts_args_type = "customerCountry: string, customerKind: 'business' | 'consumer' | string, service: 'electronic' | 'letter' | string, date: string, options?: TreatmentOptions | undefined | null"
)]
pub fn treatment(
    env: Env,
    customer_country: String,
    customer_kind: String,
    service: String,
    date: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Treatment, Code> {
    guard(|| {
        let error = |error| envoi_error(env, error);
        let customer_kind = customer_kind.parse::<CustomerKind>().map_err(error)?;
        let service = service.parse::<ServiceKind>().map_err(error)?;
        let date = crate::time::date_arg("date", &date)?;
        let mut request = TreatmentRequest::new(customer_country, customer_kind, service, date);
        let mut table = None;
        let mut checker = None;
        if let Some(object) = options_object(
            options.as_ref(),
            &TREATMENT_OPTIONS,
            "{ vatNumber: 'FR40303265045', vies: true, exemptionRequested: true }",
        )? {
            if let Some(value) = option_field(&object, "vatNumber")? {
                request.vat_number = Some(string_arg("vatNumber", &value)?);
            }
            if let Some(value) = option_field(&object, "vies")? {
                if type_of("vies", &value)? == ValueType::Function {
                    checker = Some(value);
                } else {
                    request.online_check = Some(online_check_arg("vies", &value)?);
                }
            }
            if let Some(value) = option_field(&object, "exemptionRequested")? {
                request.exemption_requested = bool_value("exemptionRequested", &value)?;
            }
            if let Some(value) = option_field(&object, "b2cCurrentYear")? {
                request.b2c_current_year = decimal_arg(env, "b2cCurrentYear", &value)?;
            }
            if let Some(value) = option_field(&object, "b2cPreviousYear")? {
                request.b2c_previous_year = decimal_arg(env, "b2cPreviousYear", &value)?;
            }
            if let Some(value) = option_field(&object, "rateTable")? {
                table = Some(instance_arg::<RateTable>(
                    "rateTable",
                    &value,
                    "a vat.RateTable (RateTable.builtin(), RateTable.fromJson(json))",
                )?);
            }
        }
        // Asked last, once the request is complete: the core decides whether its answer matters.
        if let Some(checker) = checker {
            request = super::online::ask_host(env, request, &checker)?;
        }
        let table = match table {
            Some(table) => &*table.inner,
            None => core_vat::RateTable::builtin(),
        };
        let inner = core_vat::treatment(&request, table).map_err(error)?;
        Ok(Treatment { inner })
    })
}

/// The text of a legal mention (`'reverse_charge'`, `'out_of_scope'`) in `language` (`'fr'`,
/// `'nl'`, `'de'`, `'en'`). Errors: `vat.invalid_argument` for another mention,
/// `language.unsupported` for another language.
///
/// ```js
/// const { vat } = require('envoi')
/// vat.mentionText('reverse_charge', 'nl')  // 'Btw verlegd – artikel 196 van richtlijn 2006/112/EG'
/// ```
#[napi(
    namespace = "vat",
    ts_args_type = "mention: 'reverse_charge' | 'out_of_scope' | string, language: 'fr' | 'nl' | 'de' | 'en' | string"
)]
pub fn mention_text(env: Env, mention: String, language: String) -> napi::Result<String, Code> {
    guard(|| {
        let mention = mention
            .parse::<Mention>()
            .map_err(|error| envoi_error(env, error))?;
        Ok(mention.text(language_arg(env, &language)?).to_owned())
    })
}

/// What a treatment's reason code means, in English words (`vat.invalid_argument` for a code that
/// is not one).
///
/// ```js
/// const { vat } = require('envoi')
/// vat.reasonExplanation('belgian_customer')  // 'customer in Belgium: Belgian VAT'
/// ```
#[napi(namespace = "vat")]
pub fn reason_explanation(env: Env, reason: String) -> napi::Result<String, Code> {
    guard(|| {
        let reason = reason
            .parse::<Reason>()
            .map_err(|error| envoi_error(env, error))?;
        Ok(reason.explanation().to_owned())
    })
}

/// The JS form of the core's VAT evidence (also an account's, `account.Account.vatEvidence`).
pub fn evidence_to_js(evidence: &core_vat::VatEvidence) -> VatEvidence {
    VatEvidence {
        typed: evidence.typed.clone(),
        compact: evidence.compact.clone(),
        offline_error: evidence.offline_error.clone(),
        online: evidence.online.as_ref().map(|check| OnlineCheckEvidence {
            valid: check.valid,
            request_id: check.request_id.clone(),
            checked_at: check.checked_at.map(format_utc),
        }),
    }
}

/// Reads a language code with the core's rule (`language.unsupported`).
pub fn language_arg(env: Env, language: &str) -> Result<Language, JsError> {
    language
        .parse::<Language>()
        .map_err(|error| envoi_error(env, error))
}

/// Reads an online check named `name` (the `vies` option, or the answer of the host's checker):
/// a boolean, or an {@link OnlineCheck} object.
pub fn online_check_arg(name: &str, value: &Unknown<'_>) -> Result<CoreOnlineCheck, JsError> {
    if type_of(name, value)? == ValueType::Boolean {
        return Ok(CoreOnlineCheck {
            valid: bool_value(name, value)?,
            request_id: None,
            checked_at: None,
        });
    }
    let object = record_arg(
        name,
        value,
        &ONLINE_CHECK_FIELDS,
        "true, false, null or { valid: true, requestId: 'WAPIAAAAW1234567', checkedAt: '2026-03-02T10:00:00+01:00' }",
    )?;
    let valid = required_field(&object, name, "valid")?;
    Ok(CoreOnlineCheck {
        valid: bool_value(&format!("{name}.valid"), &valid)?,
        request_id: option_field(&object, "requestId")?
            .map(|id| string_arg(&format!("{name}.requestId"), &id))
            .transpose()?,
        checked_at: option_field(&object, "checkedAt")?
            .map(|at| instant_arg(&format!("{name}.checkedAt"), &at))
            .transpose()?,
    })
}
