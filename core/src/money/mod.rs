//! Money: a decimal amount with an ISO 4217 currency.
//!
//! Amounts are [`rust_decimal::Decimal`], never binary floating point. A [`Money`] always carries its
//! [`Currency`]; arithmetic between two currencies is an error, not a silent conversion. Unit prices may
//! carry more decimals than the currency's minor unit; [`Money::round_to_minor_units`] rounds half away
//! from zero (EN 16931: `-0.525` → `-0.53`).
//!
//! ```
//! use envoi::money::{Currency, Money};
//! use rust_decimal::Decimal;
//!
//! let eur: Currency = "EUR".parse()?;
//! let unit = Money::new(Decimal::new(12345, 4), eur); // 1.2345 EUR
//! let total = unit.times(Decimal::from(3)); // 3.7035 EUR
//! assert_eq!(total.round_to_minor_units().to_string(), "3.70 EUR");
//! # Ok::<(), envoi::money::MoneyError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::ErrorCode;

/// An error about money: an unknown currency or two currencies mixed.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::money::{Currency, MoneyError};
///
/// let error = "EURO".parse::<Currency>().unwrap_err();
/// assert_eq!(error, MoneyError::UnknownCurrency { value: "EURO".into() });
/// assert_eq!(error.code(), "money.unknown_currency");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The currency code is not an ISO 4217 code.
    #[error("currency: {value:?} is not an ISO 4217 currency code (three letters such as \"EUR\")")]
    UnknownCurrency {
        /// The code as given.
        value: String,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency: cannot combine {left} with {right}; amounts must share one currency")]
    CurrencyMismatch {
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },
    /// The arithmetic overflowed the decimal range.
    #[error("amount: {operation} overflows the decimal range")]
    Overflow {
        /// The operation that overflowed (`"add"`, `"subtract"`).
        operation: &'static str,
    },
    /// An amount given as text is not a decimal number.
    #[error(
        "amount: {value:?} is not a decimal amount; write digits with an optional sign and a dot (\"25\", \"-0.008\"), no currency symbol or thousands separator"
    )]
    InvalidAmount {
        /// The text as given (cut to 40 characters).
        value: String,
    },
}

impl ErrorCode for MoneyError {
    fn code(&self) -> &'static str {
        match self {
            MoneyError::UnknownCurrency { .. } => "money.unknown_currency",
            MoneyError::CurrencyMismatch { .. } => "money.currency_mismatch",
            MoneyError::Overflow { .. } => "money.overflow",
            MoneyError::InvalidAmount { .. } => "money.invalid_amount",
        }
    }
}

/// An ISO 4217 currency, such as `EUR`.
///
/// ```
/// use envoi::money::Currency;
///
/// let usd: Currency = "usd".parse()?;
/// assert_eq!(usd.code(), "USD");
/// assert_eq!(usd.minor_units(), 2);
/// assert_eq!("JPY".parse::<Currency>()?.minor_units(), 0);
/// assert!("XYZ1".parse::<Currency>().is_err());
/// # Ok::<(), envoi::money::MoneyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// The euro, the currency of the seller envoi was designed for.
    ///
    /// ```
    /// assert_eq!(envoi::money::Currency::EUR.code(), "EUR");
    /// ```
    pub const EUR: Currency = Currency(iso_currency::Currency::EUR);

    /// The three-letter ISO 4217 code.
    ///
    /// ```
    /// assert_eq!(envoi::money::Currency::EUR.code(), "EUR");
    /// ```
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// The number of decimals of the currency's minor unit (2 for EUR, 0 for JPY).
    ///
    /// Currencies without a minor unit in ISO 4217 (such as gold, `XAU`) report 0.
    ///
    /// ```
    /// assert_eq!(envoi::money::Currency::EUR.minor_units(), 2);
    /// ```
    pub fn minor_units(self) -> u32 {
        self.0.exponent().map_or(0, u32::from)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    /// Parses a three-letter code, ignoring ASCII case and surrounding spaces.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        iso_currency::Currency::from_code(&value.trim().to_ascii_uppercase())
            .map(Currency)
            .ok_or_else(|| MoneyError::UnknownCurrency {
                value: value.to_owned(),
            })
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.code().to_owned()
    }
}

/// A decimal amount in a currency.
///
/// ```
/// use envoi::money::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let a = Money::new(Decimal::new(1050, 2), Currency::EUR);
/// let b = Money::new(Decimal::new(250, 2), Currency::EUR);
/// assert_eq!(a.checked_add(&b)?.to_string(), "13.00 EUR");
/// # Ok::<(), envoi::money::MoneyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in a currency, kept with all its decimals.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let price = Money::new(Decimal::new(8, 3), Currency::EUR); // 0.008 EUR per unit
    /// assert_eq!(price.amount(), Decimal::new(8, 3));
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// An amount and a currency given as text, as hosts and bindings receive them (`"25.00"`,
    /// `"usd"`): exact decimal, never through a binary float.
    ///
    /// # Errors
    /// [`MoneyError::InvalidAmount`] (`money.invalid_amount`) for text that is not a plain decimal
    /// number, [`MoneyError::UnknownCurrency`] for a code that is not ISO 4217.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::money::Money;
    /// let fee = Money::parse("25.00", "usd")?;
    /// assert_eq!(fee.to_string(), "25.00 USD");
    /// assert_eq!(Money::parse("0.008", "EUR")?.amount().to_string(), "0.008");
    /// assert_eq!(Money::parse("25,00", "EUR").unwrap_err().code(), "money.invalid_amount");
    /// assert_eq!(Money::parse("1e3", "EUR").unwrap_err().code(), "money.invalid_amount");
    /// # Ok::<(), envoi::money::MoneyError>(())
    /// ```
    pub fn parse(amount: &str, currency: &str) -> Result<Self, MoneyError> {
        let currency: Currency = currency.parse()?;
        let plain = {
            let digits = amount.strip_prefix(['-', '+']).unwrap_or(amount);
            let all_digits =
                |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            match digits.split_once('.') {
                Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
                None => all_digits(digits),
            }
        };
        let parsed = plain
            .then(|| Decimal::from_str_exact(amount).ok())
            .flatten()
            .ok_or_else(|| MoneyError::InvalidAmount {
                value: amount.chars().take(40).collect(),
            })?;
        Ok(Money::new(parsed, currency))
    }

    /// Zero in a currency.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// assert!(Money::zero(Currency::EUR).is_zero());
    /// ```
    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// The amount.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// assert_eq!(Money::new(Decimal::ONE, Currency::EUR).amount(), Decimal::ONE);
    /// ```
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// assert_eq!(Money::zero(Currency::EUR).currency(), Currency::EUR);
    /// ```
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// assert!(Money::zero(Currency::EUR).is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// The sum of two amounts of the same currency.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::money::{Money, Currency};
    /// let eur = Money::zero(Currency::EUR);
    /// let usd = Money::zero("USD".parse()?);
    /// assert_eq!(eur.checked_add(&usd).unwrap_err().code(), "money.currency_mismatch");
    /// # Ok::<(), envoi::money::MoneyError>(())
    /// ```
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.combine(other, "add", Decimal::checked_add)
    }

    /// The difference of two amounts of the same currency.
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let a = Money::new(Decimal::ONE, Currency::EUR);
    /// assert_eq!(a.checked_sub(&a)?, Money::zero(Currency::EUR));
    /// # Ok::<(), envoi::money::MoneyError>(())
    /// ```
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.combine(other, "subtract", Decimal::checked_sub)
    }

    fn combine(
        &self,
        other: &Money,
        operation: &'static str,
        apply: fn(Decimal, Decimal) -> Option<Decimal>,
    ) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            });
        }
        apply(self.amount, other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(MoneyError::Overflow { operation })
    }

    /// The amount multiplied by a quantity, keeping every decimal (round afterwards).
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let unit = Money::new(Decimal::new(75, 3), Currency::EUR); // 0.075
    /// assert_eq!(unit.times(Decimal::from(3)).amount(), Decimal::new(225, 3));
    /// ```
    pub fn times(&self, quantity: Decimal) -> Money {
        Money::new(self.amount * quantity, self.currency)
    }

    /// The amount rounded to the currency's minor unit, half away from zero (EN 16931).
    ///
    /// ```
    /// use envoi::money::{Currency, Money};
    /// use rust_decimal::Decimal;
    /// let m = Money::new(Decimal::new(-525, 3), Currency::EUR); // -0.525
    /// assert_eq!(m.round_to_minor_units().amount(), Decimal::new(-53, 2));
    /// ```
    pub fn round_to_minor_units(&self) -> Money {
        let amount = self.amount.round_dp_with_strategy(
            self.currency.minor_units(),
            RoundingStrategy::MidpointAwayFromZero,
        );
        Money::new(amount, self.currency)
    }
}

impl fmt::Display for Money {
    /// `"12.30 EUR"`: the amount with at least the currency's minor-unit decimals, then the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = self.amount;
        let minor = self.currency.minor_units();
        if amount.scale() < minor {
            amount.rescale(minor);
        }
        write!(f, "{amount} {}", self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_takes_plain_decimals_only_and_names_the_value() {
        for (text, amount) in [
            ("25", "25"),
            ("-0.008", "-0.008"),
            ("+1.50", "1.50"),
            ("007.10", "7.10"),
        ] {
            let money = Money::parse(text, "EUR").unwrap();
            assert_eq!(money.amount().to_string(), amount, "{text}");
        }
        for text in [
            "",
            "-",
            ".5",
            "5.",
            "1,5",
            "1e3",
            " 5",
            "5 ",
            "NaN",
            "€5",
            "1.2.3",
            "99999999999999999999999999999999",
        ] {
            let error = Money::parse(text, "EUR").unwrap_err();
            assert_eq!(error.code(), "money.invalid_amount", "{text}");
            assert!(error.to_string().contains(&format!("{text:?}")), "{error}");
        }
        assert_eq!(
            Money::parse("5", "EURO").unwrap_err().code(),
            "money.unknown_currency"
        );
    }

    #[test]
    fn display_pads_to_minor_units_and_keeps_extra_decimals() {
        assert_eq!(
            Money::new(Decimal::from(13), Currency::EUR).to_string(),
            "13.00 EUR"
        );
        assert_eq!(
            Money::new(Decimal::new(12345, 4), Currency::EUR).to_string(),
            "1.2345 EUR"
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let round = |mantissa: i64| {
            Money::new(Decimal::new(mantissa, 3), Currency::EUR)
                .round_to_minor_units()
                .amount()
        };
        assert_eq!(round(525), Decimal::new(53, 2));
        assert_eq!(round(-525), Decimal::new(-53, 2));
        assert_eq!(round(524), Decimal::new(52, 2));
    }

    #[test]
    fn currency_serde_round_trips_as_code() {
        let money = Money::new(Decimal::new(150, 2), Currency::EUR);
        let json = serde_json::to_string(&money).unwrap();
        assert_eq!(json, r#"{"amount":"1.50","currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), money);
        assert!(serde_json::from_str::<Currency>("\"EURO\"").is_err());
    }

    #[test]
    fn unknown_currency_names_the_value() {
        let error = "ABC".parse::<Currency>().unwrap_err();
        assert_eq!(error.code(), "money.unknown_currency");
        assert!(error.to_string().contains("\"ABC\""));
    }
}
