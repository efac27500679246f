use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::error::{InvoiceError, check_text, excerpt};
use super::totals::mul_round;
use crate::money::Currency;

/// The largest quantity (exclusive, in absolute value) an [`InvoiceLine`] takes.
const QUANTITY_LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// The most decimals a quantity may carry (trailing zeros do not count).
const QUANTITY_DECIMALS: u32 = 6;
/// The largest unit price (exclusive) an [`InvoiceLine`] takes.
const UNIT_PRICE_LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// The most decimals a unit price may carry (trailing zeros do not count).
const UNIT_PRICE_DECIMALS: u32 = 10;
/// The most decimals a VAT rate may carry (trailing zeros do not count).
const RATE_DECIMALS: u32 = 4;

/// The VAT category of an invoice line (EN 16931 BT-151, UNCL 5305 code).
///
/// Its JSON form is the snake-case name (`"reverse_charge"`); [`code`](Self::code) gives the UBL code.
/// [`FromStr`] accepts either, in any case.
///
/// ```
/// use envoi::invoice::VatCategory;
///
/// assert_eq!(VatCategory::ReverseCharge.code(), "AE");
/// assert_eq!("O".parse::<VatCategory>()?, VatCategory::OutOfScope);
/// assert_eq!("zero_rated".parse::<VatCategory>()?, VatCategory::ZeroRated);
/// assert_eq!(serde_json::to_string(&VatCategory::Exempt).unwrap(), "\"exempt\"");
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VatCategory {
    /// Standard (or reduced) rated: VAT at a rate above 0 (`S`).
    Standard,
    /// Zero rated: taxable at 0% (`Z`).
    ZeroRated,
    /// Exempt from VAT (`E`).
    Exempt,
    /// Reverse charge: the customer accounts for the VAT (`AE`, VATEX-EU-AE).
    ReverseCharge,
    /// Outside the scope of VAT (`O`, VATEX-EU-O), such as electronic services to a customer outside
    /// the EU.
    OutOfScope,
}

impl VatCategory {
    /// Every category, in the order breakdowns list categories of the same rate.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::VatCategory::ALL.len(), 5);
    /// ```
    pub const ALL: [VatCategory; 5] = [
        VatCategory::Standard,
        VatCategory::ZeroRated,
        VatCategory::Exempt,
        VatCategory::ReverseCharge,
        VatCategory::OutOfScope,
    ];

    /// The UBL / UNCL 5305 code: `S`, `Z`, `E`, `AE` or `O`.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::VatCategory::Standard.code(), "S");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            VatCategory::Standard => "S",
            VatCategory::ZeroRated => "Z",
            VatCategory::Exempt => "E",
            VatCategory::ReverseCharge => "AE",
            VatCategory::OutOfScope => "O",
        }
    }

    /// The snake-case name of the JSON form (`"reverse_charge"`).
    ///
    /// ```
    /// assert_eq!(envoi::invoice::VatCategory::OutOfScope.name(), "out_of_scope");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            VatCategory::Standard => "standard",
            VatCategory::ZeroRated => "zero_rated",
            VatCategory::Exempt => "exempt",
            VatCategory::ReverseCharge => "reverse_charge",
            VatCategory::OutOfScope => "out_of_scope",
        }
    }

    /// The VATEX exemption reason code the UBL breakdown carries (BT-121), where the category has
    /// a single one: `VATEX-EU-AE` for reverse charge, `VATEX-EU-O` for out of scope.
    ///
    /// Exempt supplies cite the article that exempts them, so they carry a reason text, not a code.
    ///
    /// ```
    /// use envoi::invoice::VatCategory;
    /// assert_eq!(VatCategory::ReverseCharge.exemption_reason_code(), Some("VATEX-EU-AE"));
    /// assert_eq!(VatCategory::Standard.exemption_reason_code(), None);
    /// ```
    pub fn exemption_reason_code(self) -> Option<&'static str> {
        match self {
            VatCategory::ReverseCharge => Some("VATEX-EU-AE"),
            VatCategory::OutOfScope => Some("VATEX-EU-O"),
            _ => None,
        }
    }

    /// Whether the category always has the rate 0 (every category but standard rated).
    ///
    /// ```
    /// use envoi::invoice::VatCategory;
    /// assert!(VatCategory::ReverseCharge.is_zero_rate());
    /// assert!(!VatCategory::Standard.is_zero_rate());
    /// ```
    pub fn is_zero_rate(self) -> bool {
        self != VatCategory::Standard
    }
}

impl fmt::Display for VatCategory {
    /// The UBL code (`AE`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for VatCategory {
    type Err = InvoiceError;

    /// Parses a UBL code (`AE`) or a snake-case name (`reverse_charge`), ignoring ASCII case.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        VatCategory::ALL
            .into_iter()
            .find(|category| {
                value.eq_ignore_ascii_case(category.code())
                    || value.eq_ignore_ascii_case(category.name())
            })
            .ok_or_else(|| InvoiceError::InvalidArgument {
                field: "category",
                value: excerpt(value),
                expected: "S, Z, E, AE, O (or standard, zero_rated, exempt, reverse_charge, out_of_scope)",
            })
    }
}

/// One invoice line: a description, a quantity, a unit price before VAT and a VAT rate with its
/// category.
///
/// Unit prices may carry more decimals than the currency (up to 10: `0.0075` EUR per SMS); the line's
/// net amount is quantity × unit price rounded to the currency's minor unit, half away from zero
/// (EN 16931). A deduction is a negative quantity at a non-negative price (EN 16931 BR-27).
///
/// Its JSON form is `{"description":"…","quantity":"3","unit_price":"1.2345","rate":"21","category":"standard"}`
/// with decimals as strings; reading it checks the same rules as [`InvoiceLine::new`].
///
/// ```
/// use envoi::invoice::{InvoiceLine, VatCategory};
/// use envoi::money::Currency;
/// use rust_decimal::Decimal;
///
/// let line = InvoiceLine::new("SMS, 1000 parts", Decimal::from(3), Decimal::new(12345, 4), Decimal::from(21))?;
/// assert_eq!(line.category(), VatCategory::Standard);
/// assert_eq!(line.net(Currency::EUR), Decimal::new(370, 2)); // 3 × 1.2345 = 3.7035 → 3.70
///
/// let export = line.with_category(VatCategory::ReverseCharge)?;
/// assert_eq!(export.rate(), Decimal::ZERO);
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "LineData")]
pub struct InvoiceLine {
    description: String,
    #[serde(with = "rust_decimal::serde::str")]
    quantity: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    unit_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    rate: Decimal,
    category: VatCategory,
}

/// The JSON form of a line, checked into an [`InvoiceLine`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineData {
    description: String,
    #[serde(with = "rust_decimal::serde::str")]
    quantity: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    unit_price: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    rate: Decimal,
    category: VatCategory,
}

impl TryFrom<LineData> for InvoiceLine {
    type Error = InvoiceError;

    fn try_from(data: LineData) -> Result<Self, Self::Error> {
        let line = InvoiceLine::new(data.description, data.quantity, data.unit_price, data.rate)?;
        if data.category.is_zero_rate() && !line.rate.is_zero() {
            return Err(InvoiceError::CategoryRateMismatch {
                category: data.category,
                rate: line.rate,
                rule: "every category but standard rated (S) has the rate 0",
            });
        }
        line.with_category(data.category)
    }
}

impl InvoiceLine {
    /// A line at a VAT rate in percent (`Decimal::from(21)` for 21%): standard rated
    /// ([`VatCategory::Standard`]) when the rate is above 0, zero rated when it is 0. Use
    /// [`with_category`](Self::with_category) for exempt, reverse-charge and out-of-scope lines.
    ///
    /// # Errors
    /// - [`InvoiceError::InvalidText`] for a blank description or one with control characters;
    /// - [`InvoiceError::InvalidQuantity`] for a quantity of 1,000,000,000 or more (in absolute value)
    ///   or with more than 6 decimals;
    /// - [`InvoiceError::InvalidUnitPrice`] for a negative unit price (EN 16931 BR-27: bill a
    ///   deduction as a negative quantity), one of 1,000,000,000 or more, or with more than 10
    ///   decimals;
    /// - [`InvoiceError::InvalidRate`] for a rate outside 0 to 100 or with more than 4 decimals.
    ///
    /// Trailing zeros do not count as decimals. These bounds keep every computation exact.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::InvoiceLine;
    /// use rust_decimal::Decimal;
    ///
    /// let refund = InvoiceLine::new("Unused SMS", Decimal::from(-200), Decimal::new(75, 4), Decimal::from(21))?;
    /// assert_eq!(refund.net(envoi::money::Currency::EUR), Decimal::new(-150, 2));
    ///
    /// let error = InvoiceLine::new(" ", Decimal::ONE, Decimal::ONE, Decimal::from(21)).unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_text");
    /// let error = InvoiceLine::new("Discount", Decimal::ONE, Decimal::from(-5), Decimal::from(21)).unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_unit_price");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn new(
        description: impl Into<String>,
        quantity: Decimal,
        unit_price: Decimal,
        rate: Decimal,
    ) -> Result<InvoiceLine, InvoiceError> {
        let description = description.into();
        check_text("description", &description)?;
        if quantity.abs() >= QUANTITY_LIMIT {
            return Err(InvoiceError::InvalidQuantity {
                value: quantity,
                rule: "is too large; a quantity is below 1000000000 in absolute value",
            });
        }
        if quantity.normalize().scale() > QUANTITY_DECIMALS {
            return Err(InvoiceError::InvalidQuantity {
                value: quantity,
                rule: "has too many decimals; a quantity has at most 6",
            });
        }
        if unit_price < Decimal::ZERO {
            return Err(InvoiceError::InvalidUnitPrice {
                value: unit_price,
                rule: "is negative; a unit price cannot be (EN 16931 BR-27): bill a deduction as a negative quantity",
            });
        }
        if unit_price >= UNIT_PRICE_LIMIT {
            return Err(InvoiceError::InvalidUnitPrice {
                value: unit_price,
                rule: "is too large; a unit price is below 1000000000",
            });
        }
        if unit_price.normalize().scale() > UNIT_PRICE_DECIMALS {
            return Err(InvoiceError::InvalidUnitPrice {
                value: unit_price,
                rule: "has too many decimals; a unit price has at most 10",
            });
        }
        if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
            return Err(InvoiceError::InvalidRate {
                value: rate,
                rule: "a rate is a percentage from 0 to 100",
            });
        }
        if rate.normalize().scale() > RATE_DECIMALS {
            return Err(InvoiceError::InvalidRate {
                value: rate,
                rule: "a rate has at most 4 decimals",
            });
        }
        let rate = rate.normalize();
        let category = if rate.is_zero() {
            VatCategory::ZeroRated
        } else {
            VatCategory::Standard
        };
        Ok(InvoiceLine {
            description,
            quantity,
            unit_price,
            rate: if rate.is_zero() { Decimal::ZERO } else { rate },
            category,
        })
    }

    /// The same line in another VAT category. Every category but [`VatCategory::Standard`] has the
    /// rate 0, so zero-rated, exempt, reverse-charge (`AE`) and out-of-scope (`O`) lines get the rate
    /// 0 whatever the rate given to [`new`](Self::new).
    ///
    /// # Errors
    /// [`InvoiceError::CategoryRateMismatch`] for [`VatCategory::Standard`] on a line at 0%
    /// (EN 16931 BR-S-5: a standard-rated line has a rate above 0).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::{InvoiceLine, VatCategory};
    /// use rust_decimal::Decimal;
    ///
    /// let line = InvoiceLine::new("Email campaign", Decimal::ONE, Decimal::from(40), Decimal::from(21))?;
    /// let outside_eu = line.with_category(VatCategory::OutOfScope)?;
    /// assert_eq!((outside_eu.category(), outside_eu.rate()), (VatCategory::OutOfScope, Decimal::ZERO));
    ///
    /// let zero = InvoiceLine::new("Postage", Decimal::ONE, Decimal::ONE, Decimal::ZERO)?;
    /// let error = zero.with_category(VatCategory::Standard).unwrap_err();
    /// assert_eq!(error.code(), "invoice.category_rate_mismatch");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_category(self, category: VatCategory) -> Result<InvoiceLine, InvoiceError> {
        if category == VatCategory::Standard && self.rate.is_zero() {
            return Err(InvoiceError::CategoryRateMismatch {
                category,
                rate: self.rate,
                rule: "a standard-rated line has a rate above 0 (EN 16931 BR-S-5); use zero_rated for 0%",
            });
        }
        let rate = if category.is_zero_rate() {
            Decimal::ZERO
        } else {
            self.rate
        };
        Ok(InvoiceLine {
            rate,
            category,
            ..self
        })
    }

    /// The description (the item name of the UBL line, BT-153).
    ///
    /// ```
    /// use envoi::invoice::InvoiceLine;
    /// use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Letters", Decimal::ONE, Decimal::ONE, Decimal::from(21))?;
    /// assert_eq!(line.description(), "Letters");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The quantity, as given.
    ///
    /// ```
    /// use envoi::invoice::InvoiceLine;
    /// use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Letters", Decimal::new(250, 2), Decimal::ONE, Decimal::from(21))?;
    /// assert_eq!(line.quantity().to_string(), "2.50");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn quantity(&self) -> Decimal {
        self.quantity
    }

    /// The unit price before VAT, as given (with all its decimals).
    ///
    /// ```
    /// use envoi::invoice::InvoiceLine;
    /// use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("SMS", Decimal::ONE, Decimal::new(75, 4), Decimal::from(21))?;
    /// assert_eq!(line.unit_price().to_string(), "0.0075");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn unit_price(&self) -> Decimal {
        self.unit_price
    }

    /// The VAT rate in percent, without trailing zeros (`21`, `5.5`); 0 for every category but
    /// standard rated.
    ///
    /// ```
    /// use envoi::invoice::InvoiceLine;
    /// use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Book", Decimal::ONE, Decimal::ONE, Decimal::new(5500, 3))?;
    /// assert_eq!(line.rate().to_string(), "5.5");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The VAT category.
    ///
    /// ```
    /// use envoi::invoice::{InvoiceLine, VatCategory};
    /// use rust_decimal::Decimal;
    /// let line = InvoiceLine::new("Postage", Decimal::ONE, Decimal::ONE, Decimal::ZERO)?;
    /// assert_eq!(line.category(), VatCategory::ZeroRated);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn category(&self) -> VatCategory {
        self.category
    }

    /// The net amount (BT-131): quantity × unit price rounded to the currency's minor unit, half away
    /// from zero (`-0.525` → `-0.53`), with exactly that many decimals.
    ///
    /// ```
    /// use envoi::invoice::InvoiceLine;
    /// use envoi::money::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let line = InvoiceLine::new("SMS", Decimal::from(-7), Decimal::new(75, 3), Decimal::from(21))?;
    /// assert_eq!(line.net(Currency::EUR).to_string(), "-0.53"); // -0.525
    /// assert_eq!(line.net("JPY".parse()?).to_string(), "-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn net(&self, currency: Currency) -> Decimal {
        // `new` bounds the quantity (below 1e9, 6 decimals) and the unit price (below 1e9, 10
        // decimals), so the product of their mantissas stays below 1e34 and fits an i128: the
        // computation is exact and the fallback is never taken.
        let quantity = self.quantity.normalize();
        let unit_price = self.unit_price.normalize();
        mul_round(quantity, unit_price, 0, currency.minor_units()).unwrap_or_else(|| {
            quantity
                .checked_mul(unit_price)
                .unwrap_or_default()
                .round_dp_with_strategy(
                    currency.minor_units(),
                    RoundingStrategy::MidpointAwayFromZero,
                )
        })
    }
}
