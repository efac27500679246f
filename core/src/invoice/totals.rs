use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{InvoiceLine, VatCategory};
use crate::money::Currency;

/// `a × b ÷ 10^shift`, rounded half away from zero to `decimals` decimals, computed exactly on the
/// mantissas in 128-bit integers. `None` when the product of the mantissas overflows an i128 or the
/// result does not fit a [`Decimal`].
pub(crate) fn mul_round(a: Decimal, b: Decimal, shift: u32, decimals: u32) -> Option<Decimal> {
    let product = a.mantissa().checked_mul(b.mantissa())?;
    let scale = a.scale() + b.scale() + shift;
    let rounded = if scale <= decimals {
        product.checked_mul(10_i128.checked_pow(decimals - scale)?)?
    } else {
        let drop = scale - decimals;
        if drop > 38 {
            // |product| < 1.8e38 < 10^39 / 2: rounds to zero.
            0
        } else {
            let divisor = 10_i128.pow(drop);
            let quotient = product / divisor;
            let remainder = (product % divisor).abs();
            if remainder >= divisor - remainder {
                quotient + product.signum()
            } else {
                quotient
            }
        }
    };
    Decimal::try_from_i128_with_scale(rounded, decimals).ok()
}

/// An amount with exactly `decimals` decimals, and no negative zero.
pub(crate) fn with_decimals(mut amount: Decimal, decimals: u32) -> Decimal {
    if amount.is_zero() {
        amount = Decimal::ZERO;
    }
    amount.rescale(decimals);
    amount
}

/// The VAT breakdown of one (category, rate) pair (EN 16931 BG-23).
///
/// ```
/// use envoi::invoice::{Invoice, InvoiceLine, VatCategory};
/// use envoi::money::Currency;
/// use rust_decimal::Decimal;
///
/// let line = InvoiceLine::new("SMS", Decimal::from(1000), Decimal::new(75, 4), Decimal::from(21))?;
/// let totals = Invoice::new(Currency::EUR, vec![line]).totals();
/// let rate = &totals.per_rate()[0];
/// assert_eq!(rate.category(), VatCategory::Standard);
/// assert_eq!((rate.rate(), rate.base(), rate.vat()), (Decimal::from(21), Decimal::new(750, 2), Decimal::new(158, 2)));
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotal {
    category: VatCategory,
    #[serde(with = "rust_decimal::serde::str")]
    rate: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    base: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    vat: Decimal,
}

impl RateTotal {
    /// The VAT category (BT-118).
    ///
    /// ```
    /// # use envoi::invoice::{Invoice, InvoiceLine, VatCategory};
    /// # use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Postage", Decimal::ONE, Decimal::ONE, Decimal::ZERO)?;
    /// let totals = Invoice::new(envoi::money::Currency::EUR, vec![line]).totals();
    /// assert_eq!(totals.per_rate()[0].category(), VatCategory::ZeroRated);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn category(&self) -> VatCategory {
        self.category
    }

    /// The rate in percent (BT-119), without trailing zeros.
    ///
    /// ```
    /// # use envoi::invoice::{Invoice, InvoiceLine};
    /// # use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Book", Decimal::ONE, Decimal::ONE, Decimal::new(600, 2))?;
    /// let totals = Invoice::new(envoi::money::Currency::EUR, vec![line]).totals();
    /// assert_eq!(totals.per_rate()[0].rate().to_string(), "6");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The taxable amount (BT-116): the sum of the net amounts of the lines in this category at this
    /// rate.
    ///
    /// ```
    /// # use envoi::invoice::{Invoice, InvoiceLine};
    /// # use rust_decimal::Decimal;
    /// let a = InvoiceLine::new("A", Decimal::ONE, Decimal::new(1005, 3), Decimal::from(21))?; // 1.01
    /// let b = InvoiceLine::new("B", Decimal::ONE, Decimal::new(1005, 3), Decimal::from(21))?; // 1.01
    /// let totals = Invoice::new(envoi::money::Currency::EUR, vec![a, b]).totals();
    /// assert_eq!(totals.per_rate()[0].base().to_string(), "2.02");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn base(&self) -> Decimal {
        self.base
    }

    /// The VAT amount (BT-117): taxable amount × rate ÷ 100, rounded half away from zero to the
    /// currency's minor unit.
    ///
    /// ```
    /// # use envoi::invoice::{Invoice, InvoiceLine};
    /// # use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Credit", Decimal::from(-1), Decimal::new(250, 2), Decimal::from(21))?;
    /// let totals = Invoice::new(envoi::money::Currency::EUR, vec![line]).totals();
    /// assert_eq!(totals.per_rate()[0].vat().to_string(), "-0.53"); // -0.525
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn vat(&self) -> Decimal {
        self.vat
    }
}

/// The totals of an invoice (EN 16931 BG-22 and BG-23): the VAT breakdown per category and rate,
/// highest rate first, and the three totals.
///
/// Every amount has exactly the currency's minor-unit decimals. Line net amounts are rounded first;
/// the taxable amount of a rate is the sum of its lines' net amounts; its VAT is taxable amount × rate
/// ÷ 100 rounded half away from zero; the total VAT is the sum of the rates' VAT (EN 16931 BR-CO-14)
/// and the total with VAT is the total without VAT plus the total VAT (BR-CO-15).
///
/// ```
/// use envoi::invoice::{Invoice, InvoiceLine};
/// use envoi::money::Currency;
/// use rust_decimal::Decimal;
///
/// let lines = vec![
///     InvoiceLine::new("SMS", Decimal::from(1000), Decimal::new(75, 4), Decimal::from(21))?,
///     InvoiceLine::new("Printed book", Decimal::from(2), Decimal::new(1250, 2), Decimal::from(6))?,
/// ];
/// let totals = Invoice::new(Currency::EUR, lines).totals();
/// assert_eq!(totals.per_rate().len(), 2);
/// assert_eq!(totals.per_rate()[0].rate(), Decimal::from(21)); // highest rate first
/// assert_eq!(totals.total_without_vat().to_string(), "32.50");
/// assert_eq!(totals.total_vat().to_string(), "3.08"); // 1.58 + 1.50
/// assert_eq!(totals.total_with_vat().to_string(), "35.58");
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    currency: Currency,
    per_rate: Vec<RateTotal>,
    #[serde(with = "rust_decimal::serde::str")]
    total_without_vat: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    total_vat: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    total_with_vat: Decimal,
}

impl Totals {
    /// The totals of `lines` in `currency`.
    pub(crate) fn compute(currency: Currency, lines: &[InvoiceLine]) -> Totals {
        let decimals = currency.minor_units();
        // Sums saturate instead of overflowing: a line's net amount is below 1e18 (the bounds of
        // `InvoiceLine::new`), so reaching the decimal range (7.9e28) takes more than 7e10 lines.
        let mut groups: Vec<(VatCategory, Decimal, Decimal)> = Vec::new();
        for line in lines {
            let net = line.net(currency);
            match groups
                .iter_mut()
                .find(|(category, rate, _)| *category == line.category() && *rate == line.rate())
            {
                Some((_, _, base)) => *base = base.saturating_add(net),
                None => groups.push((line.category(), line.rate(), net)),
            }
        }
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let per_rate: Vec<RateTotal> = groups
            .into_iter()
            .map(|(category, rate, base)| {
                // base < 7.9e28 and rate ≤ 100 with 4 decimals: the mantissa product fits an i128.
                let vat = mul_round(base, rate, 2, decimals).unwrap_or(Decimal::ZERO);
                RateTotal {
                    category,
                    rate,
                    base: with_decimals(base, decimals),
                    vat: with_decimals(vat, decimals),
                }
            })
            .collect();
        let total_without_vat = per_rate
            .iter()
            .fold(Decimal::ZERO, |sum, rate| sum.saturating_add(rate.base));
        let total_vat = per_rate
            .iter()
            .fold(Decimal::ZERO, |sum, rate| sum.saturating_add(rate.vat));
        Totals {
            currency,
            per_rate,
            total_without_vat: with_decimals(total_without_vat, decimals),
            total_vat: with_decimals(total_vat, decimals),
            total_with_vat: with_decimals(total_without_vat.saturating_add(total_vat), decimals),
        }
    }

    /// The currency of every amount.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// assert_eq!(Invoice::new(Currency::EUR, vec![]).totals().currency(), Currency::EUR);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The VAT breakdown, one entry per (category, rate), highest rate first (categories of the same
    /// rate in the order S, Z, E, AE, O).
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// assert!(Invoice::new(Currency::EUR, vec![]).totals().per_rate().is_empty());
    /// ```
    pub fn per_rate(&self) -> &[RateTotal] {
        &self.per_rate
    }

    /// The total without VAT (BT-109, equal to the sum of line net amounts BT-106: there are no
    /// document-level allowances or charges).
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// assert_eq!(Invoice::new(Currency::EUR, vec![]).totals().total_without_vat().to_string(), "0.00");
    /// ```
    pub fn total_without_vat(&self) -> Decimal {
        self.total_without_vat
    }

    /// The total VAT (BT-110): the sum of the breakdown's VAT amounts.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// assert!(Invoice::new(Currency::EUR, vec![]).totals().total_vat().is_zero());
    /// ```
    pub fn total_vat(&self) -> Decimal {
        self.total_vat
    }

    /// The total with VAT (BT-112, also the amount due BT-115): total without VAT + total VAT.
    ///
    /// ```
    /// use envoi::invoice::Invoice;
    /// use envoi::money::Currency;
    /// assert!(Invoice::new(Currency::EUR, vec![]).totals().total_with_vat().is_zero());
    /// ```
    pub fn total_with_vat(&self) -> Decimal {
        self.total_with_vat
    }

    /// The total VAT stated in a tax currency (EN 16931 BT-111): total VAT × the exchange rate,
    /// rounded half away from zero to the tax currency's minor unit. `None` when the product
    /// exceeds the decimal range. The UBL export writes this amount; a printed invoice shows it.
    ///
    /// ```
    /// use envoi::invoice::{Invoice, InvoiceLine, TaxCurrency};
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let line = InvoiceLine::new("Block fee", Decimal::ONE, Decimal::from(25), Decimal::from(21))?;
    /// let totals = Invoice::new("USD".parse()?, vec![line]).totals(); // VAT 5.25 USD
    /// let eur = TaxCurrency::new(Currency::EUR, Decimal::new(92, 2))?;
    /// assert_eq!(totals.vat_in(&eur).unwrap().to_string(), "4.83"); // 4.83
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn vat_in(&self, tax: &super::TaxCurrency) -> Option<Decimal> {
        let decimals = tax.currency().minor_units();
        mul_round(self.total_vat, tax.exchange_rate().normalize(), 0, decimals)
            .map(|vat| with_decimals(vat, decimals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn mul_round_is_exact_and_half_away_from_zero() {
        assert_eq!(mul_round(d("-2.50"), d("21"), 2, 2), Some(d("-0.53")));
        assert_eq!(mul_round(d("2.50"), d("21"), 2, 2), Some(d("0.53")));
        assert_eq!(mul_round(d("3"), d("1.2345"), 0, 2), Some(d("3.70")));
        assert_eq!(mul_round(d("0.004999"), d("1"), 0, 2), Some(d("0.00")));
        assert_eq!(mul_round(d("0.005"), d("1"), 0, 2), Some(d("0.01")));
        assert_eq!(mul_round(d("-0.005"), d("1"), 0, 0), Some(d("0")));
        assert_eq!(
            mul_round(d("7"), d("3"), 0, 2).map(|x| x.to_string()),
            Some("21.00".into())
        );
        // More decimals than a Decimal can hold in one product: still exact.
        let q = d("999999999.999999");
        let p = d("999999999.9999999999");
        let exact = mul_round(q, p, 0, 2).unwrap();
        assert_eq!(exact.to_string(), "999999999999998999.90"); // 1e18 - 1000 - 0.1 + 1e-16
        // Tiny products round to zero even when the scale is huge.
        assert_eq!(
            mul_round(
                d("0.0000000000000000000000000001"),
                d("0.0000000000000000000000000001"),
                2,
                2
            ),
            Some(d("0.00"))
        );
        // Overflow is reported, not wrapped.
        assert_eq!(mul_round(Decimal::MAX, Decimal::MAX, 0, 2), None);
    }

    #[test]
    fn with_decimals_pads_and_drops_negative_zero() {
        assert_eq!(with_decimals(d("-0.00"), 2).to_string(), "0.00");
        assert_eq!(with_decimals(d("5"), 2).to_string(), "5.00");
    }
}
