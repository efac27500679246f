//! `invoice.InvoiceLine`: the Node face of `envoi::invoice::InvoiceLine` (description, quantity,
//! unit price, VAT rate and category), with decimal strings in and out.

use envoi::invoice::{self as core_invoice, VatCategory};
use envoi::money::Currency;
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::{decimal_arg, option_field, options_object, string_arg};
use crate::errors::{Code, JsError, envoi_error, guard};

/// Options of the {@link InvoiceLine} constructor. `null` is the same as absent.
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
pub struct InvoiceLineOptions {
    /// The VAT category, by its EN 16931 code (UNCL5305) or name: `'S'` standard rated (the
    /// default for a rate above 0), `'Z'` zero rated (the default for 0), `'E'` exempt, `'AE'`
    /// reverse charge, `'O'` out of scope. Every category but `'S'` has the rate 0 (the line's
    /// rate becomes 0); `'S'` needs a rate above 0 (`invoice.category_rate_mismatch`).
    #[napi(
        ts_type = "'S' | 'Z' | 'E' | 'AE' | 'O' | 'standard' | 'zero_rated' | 'exempt' | 'reverse_charge' | 'out_of_scope' | null"
    )]
    pub category: Option<String>,
}

/// One line of an invoice or credit note: what, how many, at what unit price, at what VAT rate.
/// Immutable.
///
/// `quantity`, `unitPrice` and `rate` are decimal strings (a JS number throws `InvalidArg`): the
/// quantity below 1,000,000,000 in absolute value with at most 6 decimals (negative for a
/// deduction), the unit price from 0 to below 1,000,000,000 with at most 10 decimals (more than
/// the cent: `'0.0075'`), the rate a percentage from 0 to 100 with at most 4 decimals (`'21'`).
/// The line's net amount is quantity × unit price rounded to the cent (half away from zero).
///
/// Errors: `invoice.invalid_text` (an empty description), `invoice.invalid_quantity`,
/// `invoice.invalid_unit_price`, `invoice.invalid_rate` (each with `value` and `rule`),
/// `invoice.invalid_argument` (an unknown category), `invoice.category_rate_mismatch`,
/// `money.invalid_amount` (a decimal string that is not one: `'1e3'`, `'21%'`).
///
/// ```js
/// const { invoice } = require('envoi')
/// const line = new invoice.InvoiceLine('SMS pack, 1000 parts', '1000', '0.0075', '21')
/// line.category     // 'S'
/// line.net('EUR')   // '7.50'
/// new invoice.InvoiceLine('Export', '1', '100', '0', { category: 'AE' }).category // 'AE'
/// ```
#[napi(namespace = "invoice")]
pub struct InvoiceLine {
    pub(crate) inner: core_invoice::InvoiceLine,
}

#[napi(namespace = "invoice")]
impl InvoiceLine {
    /// A line of `quantity` × `unitPrice` at `rate` percent VAT, in the category `{ category }`
    /// (default `'S'` for a rate above 0, `'Z'` for 0).
    #[napi(
        constructor,
        ts_args_type = "description: string, quantity: string, unitPrice: string, rate: string, options?: InvoiceLineOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        description: String,
        quantity: Unknown<'_>,
        unit_price: Unknown<'_>,
        rate: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let quantity = decimal_arg(env, "quantity", &quantity)?;
            let unit_price = decimal_arg(env, "unitPrice", &unit_price)?;
            let rate = decimal_arg(env, "rate", &rate)?;
            let category =
                match options_object(options.as_ref(), &["category"], "{ category: 'AE' }")? {
                    Some(object) => option_field(&object, "category")?
                        .map(|value| string_arg("category", &value))
                        .transpose()?,
                    None => None,
                };
            let error = |error| envoi_error(env, error);
            let mut inner = core_invoice::InvoiceLine::new(description, quantity, unit_price, rate)
                .map_err(error)?;
            if let Some(category) = category {
                inner = inner
                    .with_category(category_arg(env, &category)?)
                    .map_err(error)?;
            }
            Ok(InvoiceLine { inner })
        })
    }

    /// What the line bills.
    #[napi(getter)]
    pub fn description(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.description().to_owned()))
    }

    /// How many, a decimal string as given (`'1000'`, `'-2'`).
    #[napi(getter)]
    pub fn quantity(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.quantity().to_string()))
    }

    /// The price of one unit without VAT, a decimal string as given (`'0.0075'`).
    #[napi(getter)]
    pub fn unit_price(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.unit_price().to_string()))
    }

    /// The VAT rate, a percentage as a decimal string without trailing zeros (`'21'`, `'5.5'`; `'0'`
    /// for every category but `'S'`).
    #[napi(getter)]
    pub fn rate(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.rate().to_string()))
    }

    /// The VAT category's EN 16931 code: `'S'`, `'Z'`, `'E'`, `'AE'` or `'O'`.
    #[napi(getter, ts_return_type = "'S' | 'Z' | 'E' | 'AE' | 'O'")]
    pub fn category(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.category().code().to_owned()))
    }

    /// The net amount in `currency` (an ISO 4217 code): quantity × unit price rounded to the
    /// currency's minor unit, half away from zero, as a decimal string (`'24.38'` for 3 × 8.125).
    /// `money.unknown_currency` for a code that is not one.
    #[napi]
    pub fn net(&self, env: Env, currency: String) -> napi::Result<String, Code> {
        guard(|| {
            let currency = currency_arg(env, &currency)?;
            Ok(self.inner.net(currency).to_string())
        })
    }

    /// Whether `other` is the same line. `InvalidArg` when `other` is not an `InvoiceLine`.
    #[napi(strict)]
    pub fn equals(&self, other: &InvoiceLine) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }
}

/// Reads a VAT category by its code or name (`invoice.invalid_argument` otherwise).
pub fn category_arg(env: Env, category: &str) -> Result<VatCategory, JsError> {
    category
        .parse::<VatCategory>()
        .map_err(|error| envoi_error(env, error))
}

/// Reads an ISO 4217 currency code (`money.unknown_currency` otherwise).
pub fn currency_arg(env: Env, currency: &str) -> Result<Currency, JsError> {
    currency
        .parse::<Currency>()
        .map_err(|error| envoi_error(env, error))
}
