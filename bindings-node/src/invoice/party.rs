//! `invoice.Party`: the Node face of `envoi::invoice::Party` (a seller or a customer: name,
//! country, address, VAT number, Belgian enterprise number, Peppol endpoint).

use envoi::invoice as core_invoice;
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::{option_field, options_object, record_arg, required_field, string_arg};
use crate::errors::{Code, envoi_error, guard};

/// The option names of the {@link Party} constructor.
const PARTY_OPTIONS: [&str; 6] = [
    "street",
    "city",
    "postalCode",
    "vatNumber",
    "enterpriseNumber",
    "endpoint",
];

/// Options of the {@link Party} constructor. Every field is optional; `null` is the same as
/// absent; an unknown name throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "invoice"
)]
pub struct PartyOptions {
    /// The street and number. The address is `street` and `city` together, `postalCode`
    /// optional: one given without the other throws `invoice.invalid_text`.
    #[napi(ts_type = "string | null")]
    pub street: Option<String>,
    /// The city.
    #[napi(ts_type = "string | null")]
    pub city: Option<String>,
    /// The postal code.
    #[napi(ts_type = "string | null")]
    pub postal_code: Option<String>,
    /// The VAT number: a country prefix (`EL` for Greece) and 2 to 13 letters or digits, separators
    /// allowed; kept compact (`'BE0403170701'`). An OSS id (`EU…`, `IM…`) throws
    /// `invoice.invalid_identifier`. Its check digits are {@link vat.validate}'s business.
    #[napi(ts_type = "string | null")]
    pub vat_number: Option<String>,
    /// The Belgian enterprise number (10 digits, check digits verified; `'0403.170.701'`), equal to
    /// the digits of a Belgian VAT number.
    #[napi(ts_type = "string | null")]
    pub enterprise_number: Option<String>,
    /// The Peppol electronic address: `{ scheme: '0208', id: '0403170701' }` (scheme 0208: a
    /// Belgian enterprise number, checked).
    #[napi(ts_type = "Endpoint | null")]
    pub endpoint: Option<bool>,
}

/// A party's Peppol electronic address: an EAS scheme (4 digits, `'0208'` for a Belgian
/// enterprise number) and the identifier in that scheme.
#[napi(object, object_from_js = false, namespace = "invoice")]
pub struct Endpoint {
    /// The EAS scheme, 4 digits: `'0208'`.
    pub scheme: String,
    /// The identifier (for 0208, the enterprise number's 10 digits).
    pub id: String,
}

/// A seller or a customer on an invoice. Immutable.
///
/// Errors: `invoice.invalid_text` (an empty name, street or city, a control character),
/// `invoice.invalid_identifier` (`country` not ISO 3166-1 alpha-2, a VAT number, enterprise number
/// or endpoint that is not one, a Belgian VAT number and enterprise number that differ), each with
/// `field`, `value` and `rule`.
///
/// ```js
/// const { invoice } = require('envoi')
/// const seller = new invoice.Party('Envoi SA', 'BE', {
///   street: 'Rue de la Loi 16', city: 'Bruxelles', postalCode: '1000',
///   vatNumber: 'BE 0403.170.701', enterpriseNumber: '0403.170.701',
///   endpoint: { scheme: '0208', id: '0403170701' },
/// })
/// seller.vatNumber  // 'BE0403170701'
/// ```
#[napi(namespace = "invoice")]
pub struct Party {
    pub(crate) inner: core_invoice::Party,
}

#[napi(namespace = "invoice")]
impl Party {
    /// A party named `name` in `country` (ISO 3166-1 alpha-2, any case: `'BE'`, `'GR'` for
    /// Greece, `'XI'`), with the optional fields of `options`.
    #[napi(
        constructor,
        ts_args_type = "name: string, country: string, options?: PartyOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        name: String,
        country: String,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let error = |error| envoi_error(env, error);
            let mut inner = core_invoice::Party::new(name, &country).map_err(error)?;
            let Some(object) = options_object(
                options.as_ref(),
                &PARTY_OPTIONS,
                "{ street: 'Rue de la Loi 16', city: 'Bruxelles', postalCode: '1000', vatNumber: 'BE0403170701' }",
            )?
            else {
                return Ok(Party { inner });
            };
            let text = |name: &str| -> Result<Option<String>, _> {
                option_field(&object, name)?
                    .map(|value| string_arg(name, &value))
                    .transpose()
            };
            let (street, city, postal_code) = (text("street")?, text("city")?, text("postalCode")?);
            if street.is_some() || city.is_some() || postal_code.is_some() {
                inner = inner
                    .with_address(
                        street.unwrap_or_default(),
                        city.unwrap_or_default(),
                        postal_code.unwrap_or_default(),
                    )
                    .map_err(error)?;
            }
            if let Some(number) = text("vatNumber")? {
                inner = inner.with_vat_number(&number).map_err(error)?;
            }
            if let Some(number) = text("enterpriseNumber")? {
                inner = inner.with_enterprise_number(&number).map_err(error)?;
            }
            if let Some(value) = option_field(&object, "endpoint")? {
                let endpoint = record_arg(
                    "endpoint",
                    &value,
                    &["scheme", "id"],
                    "{ scheme: '0208', id: '0403170701' }",
                )?;
                let scheme = string_arg(
                    "endpoint.scheme",
                    &required_field(&endpoint, "endpoint", "scheme")?,
                )?;
                let id = string_arg("endpoint.id", &required_field(&endpoint, "endpoint", "id")?)?;
                inner = inner.with_endpoint(&scheme, &id).map_err(error)?;
            }
            Ok(Party { inner })
        })
    }

    /// The name.
    #[napi(getter)]
    pub fn name(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.name().to_owned()))
    }

    /// The country, ISO 3166-1 alpha-2 in upper case.
    #[napi(getter)]
    pub fn country(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.country().to_owned()))
    }

    /// The street, or `null`.
    #[napi(getter)]
    pub fn street(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.street().map(str::to_owned)))
    }

    /// The city, or `null`.
    #[napi(getter)]
    pub fn city(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.city().map(str::to_owned)))
    }

    /// The postal code, or `null`.
    #[napi(getter)]
    pub fn postal_code(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.postal_code().map(str::to_owned)))
    }

    /// The VAT number in compact form (`'BE0403170701'`), or `null`.
    #[napi(getter)]
    pub fn vat_number(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.vat_number().map(str::to_owned)))
    }

    /// The Belgian enterprise number's 10 digits (`'0403170701'`), or `null`.
    #[napi(getter)]
    pub fn enterprise_number(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.enterprise_number().map(str::to_owned)))
    }

    /// The Peppol electronic address, or `null`.
    #[napi(getter)]
    pub fn endpoint(&self) -> napi::Result<Option<Endpoint>, Code> {
        guard(|| {
            Ok(self.inner.endpoint().map(|endpoint| Endpoint {
                scheme: endpoint.scheme().to_owned(),
                id: endpoint.id().to_owned(),
            }))
        })
    }

    /// Whether `other` is the same party. `InvalidArg` when `other` is not a `Party`.
    #[napi(strict)]
    pub fn equals(&self, other: &Party) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}
