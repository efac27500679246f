//! The VAT rates of the 27 EU member states with their effective dates (SPEC section 7).
//!
//! The built-in table is the data file `rates.json` beside this module, embedded in the crate and
//! parsed once, at first use. Its header (`about`) states what it holds; in short:
//!
//! - one entry per member state (Greece is `EL`), each a list of periods from 2019-01-01 on;
//! - a period starts on its `from` day and lasts until the day before the next period's `from`; `to`,
//!   written on temporary rates, is the period's last day (inclusive) and must be that day;
//! - `standard` is the standard rate and `reduced` the member state's general reduced rates, highest
//!   first: every rate above 0 % and below the standard rate (reduced, super-reduced and parking rates)
//!   applied on its main territory. Zero rates, the rates of special regions (Madeira, the Azores,
//!   Corsica, the Greek islands…) and temporary sector-specific relief rates (COVID-19, energy, food
//!   prices) are left out; a temporary change of the general rates (DE 2020, LU 2023) is in;
//! - rates are percentages written as decimal strings (`"25.5"`), never JSON numbers;
//! - `verified_on` is the day the table was last checked against its `sources`.
//!
//! A host that knows newer rates loads a table in the same format with [`RateTable::from_json`].

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::VatError;

/// The 27 EU member states, as VAT codes (Greece is `EL`), in alphabetical order.
const MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The built-in table's data file (see the module documentation for its format).
const BUILTIN_JSON: &str = include_str!("rates.json");

/// The built-in table, parsed and checked once. A test (`builtin_table_is_valid`) keeps the data file
/// valid, so the panic below can only follow an edit of `rates.json` that was never tested.
static BUILTIN: LazyLock<RateTable> = LazyLock::new(|| match RateTable::from_json(BUILTIN_JSON) {
    Ok(table) => table,
    Err(error) => panic!("the built-in VAT rate table core/src/vat/rates.json is invalid: {error}"),
});

/// A table of VAT rates per EU member state, with the day each set of rates took effect.
///
/// The built-in table ([`RateTable::builtin`]) covers the 27 member states from 2019-01-01 and was
/// verified on the day [`verified_on`](Self::verified_on) returns. A host that knows newer rates loads
/// a table in the same JSON format with [`from_json`](Self::from_json); every rule of the format is
/// checked there, so a loaded table is as sound as the built-in one. The serde form of a `RateTable`
/// is that same JSON format (and deserialising checks the same rules).
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::vat::RateTable;
/// use rust_decimal::Decimal;
///
/// let table = RateTable::builtin();
/// let day = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
/// let finland = table.rate("FI", day)?;
/// assert_eq!(finland.standard(), Decimal::new(255, 1)); // 25.5 %
/// assert_eq!(finland.effective_from(), day);
/// assert_eq!(table.countries().count(), 27);
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TableJson", into = "TableJson")]
pub struct RateTable {
    /// The header lines: what the table holds and its conventions.
    about: Vec<String>,
    /// The day the table was last checked against its sources.
    verified_on: NaiveDate,
    /// Where the rates come from.
    sources: Vec<Source>,
    /// One entry per member state, sorted by code.
    countries: Vec<CountryRates>,
}

/// One source of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    name: String,
    url: String,
}

/// The periods of one member state.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CountryRates {
    /// The VAT code (`EL` for Greece).
    country: String,
    /// The name, for people reading the file.
    name: String,
    /// Sorted by `from`, contiguous, each changing a rate of the one before.
    periods: Vec<Period>,
}

/// The rates in force from one day until the next period's first day.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Period {
    from: NaiveDate,
    /// The last day, when the file states it (temporary rates); always the day before the next `from`.
    to: Option<NaiveDate>,
    standard: Decimal,
    /// Highest first.
    reduced: Vec<Decimal>,
    note: String,
}

/// The rates in force in a member state on a day, as [`RateTable::rate`] returns them.
///
/// Rates are percents: `21` is 21 %, `Decimal::new(255, 1)` is 25.5 %. `reduced` lists the member
/// state's general reduced rates, highest first (empty for Denmark). A rate asked for a day after the
/// table's [`verified_on`](RateTable::verified_on) is the last known one, flagged
/// [`unverified`](Self::unverified): the rates may have changed since.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::vat::rate;
/// use rust_decimal::Decimal;
///
/// let luxembourg = rate("LU", NaiveDate::from_ymd_opt(2023, 6, 15).unwrap())?;
/// assert_eq!(luxembourg.country(), "LU");
/// assert_eq!(luxembourg.standard(), Decimal::from(16));
/// assert_eq!(luxembourg.reduced(), [Decimal::from(13), Decimal::from(7), Decimal::from(3)]);
/// assert_eq!(luxembourg.effective_from(), NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
/// assert!(!luxembourg.unverified());
/// assert_eq!(
///     serde_json::to_string(&luxembourg)?,
///     r#"{"country":"LU","standard":"16","reduced":["13","7","3"],"effective_from":"2023-01-01","unverified":false}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    country: String,
    standard: Decimal,
    reduced: Vec<Decimal>,
    effective_from: NaiveDate,
    unverified: bool,
}

impl Rate {
    /// The member state's VAT code (`EL` for Greece, even when asked as `GR`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let greece = envoi::vat::rate("gr", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())?;
    /// assert_eq!(greece.country(), "EL");
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The standard rate, in percent (`21` for 21 %).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// let belgium = envoi::vat::rate("BE", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())?;
    /// assert_eq!(belgium.standard(), Decimal::from(21));
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn standard(&self) -> Decimal {
        self.standard
    }

    /// The general reduced rates, in percent, highest first (empty when the member state has none):
    /// every rate above 0 % and below the standard rate (reduced, super-reduced and parking rates) that
    /// the member state applies on its main territory. Zero rates, the rates of special regions and
    /// temporary sector-specific relief rates are left out (the `about` lines of
    /// [`RateTable::to_json`] state the rule).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let belgium = envoi::vat::rate("BE", day)?;
    /// assert_eq!(belgium.reduced(), [Decimal::from(12), Decimal::from(6)]);
    /// assert!(envoi::vat::rate("DK", day)?.reduced().is_empty());
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn reduced(&self) -> &[Decimal] {
        &self.reduced
    }

    /// The first day these rates were in force (the start of the table's period).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let germany = envoi::vat::rate("DE", NaiveDate::from_ymd_opt(2020, 12, 31).unwrap())?;
    /// assert_eq!(germany.effective_from(), NaiveDate::from_ymd_opt(2020, 7, 1).unwrap());
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn effective_from(&self) -> NaiveDate {
        self.effective_from
    }

    /// True when the day asked for is after the table's [`verified_on`](RateTable::verified_on): these
    /// are the last known rates, which may have changed since.
    ///
    /// ```
    /// use envoi::vat::RateTable;
    /// let table = RateTable::builtin();
    /// let verified_on = table.verified_on();
    /// assert!(!table.rate("BE", verified_on)?.unverified());
    /// assert!(table.rate("BE", verified_on.succ_opt().unwrap())?.unverified());
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn unverified(&self) -> bool {
        self.unverified
    }
}

/// The rates in force in `country` on `date`, from the built-in table ([`RateTable::builtin`]).
///
/// `country` is a member state's VAT code, in any case; `GR` is accepted for Greece (`EL`). A date
/// before the table's start (2019-01-01) is [`VatError::NoRate`]; a date after its `verified_on` gives
/// the last known rates flagged [`Rate::unverified`]. A code that is no EU member state is
/// [`VatError::UnknownCountry`]; `XI` (Northern Ireland, UK VAT) is [`VatError::NoRate`].
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::ErrorCode;
/// use envoi::vat::rate;
/// use rust_decimal::Decimal;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(rate("DE", day(2020, 6, 30))?.standard(), Decimal::from(19));
/// assert_eq!(rate("DE", day(2020, 7, 1))?.standard(), Decimal::from(16));
/// assert_eq!(rate("ee", day(2025, 7, 1))?.standard(), Decimal::from(24));
/// assert_eq!(rate("DE", day(2018, 12, 31)).unwrap_err().code(), "vat.no_rate");
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
pub fn rate(country: &str, date: NaiveDate) -> Result<Rate, VatError> {
    RateTable::builtin().rate(country, date)
}

impl RateTable {
    /// The built-in table (the crate's `rates.json`), parsed once.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::vat::RateTable;
    /// let table = RateTable::builtin();
    /// assert_eq!(table.verified_on(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    /// ```
    pub fn builtin() -> &'static RateTable {
        &BUILTIN
    }

    /// Reads a table in the JSON format of the built-in one, and checks it.
    ///
    /// The rules (each refusal is a [`VatError::InvalidRateTable`] naming the entry, the field, the
    /// value and the rule): the JSON is well formed with no unknown field; dates are `YYYY-MM-DD`;
    /// at least one source is named; every EU member state has exactly one entry, under its upper-case
    /// VAT code (`EL` for Greece), and no other entry exists; each has at least one period; periods are
    /// sorted by `from`, each starting after the one before; a `to` is not before its `from` and is
    /// the day before the next period's `from` (no overlap, no gap), and the last period has none;
    /// each period changes a rate of the one before; rates are decimal strings from 0 (included) to
    /// 100 (excluded); reduced rates are below the standard rate, listed highest first, each once.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::vat::{RateTable, VatError};
    ///
    /// let builtin = RateTable::builtin();
    /// let reloaded = RateTable::from_json(&builtin.to_json())?;
    /// assert_eq!(&reloaded, builtin);
    ///
    /// let bad = builtin.to_json().replacen("\"25.5\"", "\"125.5\"", 1);
    /// let error = RateTable::from_json(&bad).unwrap_err();
    /// assert_eq!(error.code(), "vat.invalid_rate_table");
    /// assert!(matches!(&error, VatError::InvalidRateTable { field, value, .. }
    ///     if field == "standard" && value == "125.5"));
    /// # Ok::<(), VatError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<RateTable, VatError> {
        let raw: TableJson =
            serde_json::from_str(text).map_err(|error| json_error(text, &error))?;
        RateTable::try_from(raw)
    }

    /// The table in its JSON format (pretty-printed), which [`from_json`](Self::from_json) reads back
    /// into an equal table. Countries come sorted by code, rates in their shortest decimal form.
    ///
    /// ```
    /// use envoi::vat::RateTable;
    /// let text = RateTable::builtin().to_json();
    /// assert!(text.contains("\"verified_on\": \"2026-11-30\""));
    /// assert_eq!(RateTable::from_json(&text)?.to_json(), text);
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn to_json(&self) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(text) => text,
            // Only strings, arrays and string-keyed objects are written: serde_json cannot fail on them.
            Err(error) => unreachable!("a rate table always serialises to JSON: {error}"),
        }
    }

    /// The day the table was last checked against its sources. Rates asked for a later day are
    /// flagged [`Rate::unverified`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::vat::RateTable;
    /// assert_eq!(RateTable::builtin().verified_on(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    /// ```
    pub fn verified_on(&self) -> NaiveDate {
        self.verified_on
    }

    /// The rates in force in `country` on `date`.
    ///
    /// `country` is a member state's VAT code, in any case and without surrounding spaces mattering;
    /// `GR` is accepted for Greece and answered as `EL`. Errors: [`VatError::UnknownCountry`] for a
    /// code that is no EU member state; [`VatError::NoRate`] for `XI` (Northern Ireland charges UK VAT)
    /// and for a date before the country's first period. A date after
    /// [`verified_on`](Self::verified_on) gives the rates of the period in force that day (the last
    /// known ones) flagged [`Rate::unverified`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::vat::RateTable;
    /// use rust_decimal::Decimal;
    ///
    /// let table = RateTable::builtin();
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(table.rate("IE", day(2021, 2, 28))?.standard(), Decimal::from(21));
    /// assert_eq!(table.rate("IE", day(2021, 3, 1))?.standard(), Decimal::from(23));
    /// let later = table.rate("RO", day(2030, 1, 1))?;
    /// assert_eq!(later.standard(), Decimal::from(21));
    /// assert!(later.unverified());
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn rate(&self, country: &str, date: NaiveDate) -> Result<Rate, VatError> {
        let code = member_state(country, date)?;
        let Some(entry) = self.country_rates(code) else {
            // A checked table has every member state; kept as an error rather than a panic.
            return Err(VatError::NoRate {
                country: code.to_string(),
                date,
                covered: "no period for this member state".to_string(),
            });
        };
        let in_force = entry.periods.partition_point(|period| period.from <= date);
        let period = in_force
            .checked_sub(1)
            .and_then(|index| entry.periods.get(index));
        let Some(period) = period else {
            return Err(VatError::NoRate {
                country: code.to_string(),
                date,
                covered: entry.periods.first().map_or_else(
                    || "no period for this member state".to_string(),
                    |first| format!("{code} from {} on", first.from),
                ),
            });
        };
        Ok(Rate {
            country: code.to_string(),
            standard: period.standard,
            reduced: period.reduced.clone(),
            effective_from: period.from,
            unverified: date > self.verified_on,
        })
    }

    /// The member states of the table, as VAT codes in alphabetical order (`EL` for Greece).
    ///
    /// ```
    /// use envoi::vat::RateTable;
    /// let codes: Vec<&str> = RateTable::builtin().countries().collect();
    /// assert_eq!(codes.len(), 27);
    /// assert_eq!(codes.first(), Some(&"AT"));
    /// assert!(codes.contains(&"EL"));
    /// ```
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.countries.iter().map(|entry| entry.country.as_str())
    }

    fn country_rates(&self, code: &str) -> Option<&CountryRates> {
        self.countries
            .binary_search_by(|entry| entry.country.as_str().cmp(code))
            .ok()
            .and_then(|index| self.countries.get(index))
    }
}

/// The member state a caller's country code names: case and surrounding spaces ignored, `GR` → `EL`.
/// `date` is the day asked for, for the error about `XI`.
fn member_state(country: &str, date: NaiveDate) -> Result<&'static str, VatError> {
    let code = country.trim().to_ascii_uppercase();
    let code = if code == "GR" { "EL".to_string() } else { code };
    if let Some(member) = MEMBER_STATES.iter().find(|member| **member == code) {
        return Ok(member);
    }
    if code == "XI" {
        return Err(VatError::NoRate {
            country: code,
            date,
            covered: "the 27 EU member states only (XI, Northern Ireland, charges UK VAT)"
                .to_string(),
        });
    }
    Err(VatError::UnknownCountry {
        field: "country",
        value: country.to_string(),
        hint: "",
    })
}

// ---- The JSON format ---------------------------------------------------------------------------

/// The table as written in JSON, before its rules are checked.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableJson {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    about: Vec<String>,
    verified_on: String,
    sources: Vec<SourceJson>,
    countries: Vec<CountryJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceJson {
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    url: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryJson {
    country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    name: String,
    periods: Vec<PeriodJson>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodJson {
    from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    /// A JSON value, so that a rate written as a JSON number gets its own error.
    standard: Value,
    reduced: Vec<Value>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
}

impl From<RateTable> for TableJson {
    fn from(table: RateTable) -> TableJson {
        let date = |day: NaiveDate| day.format("%Y-%m-%d").to_string();
        let percent = |rate: Decimal| Value::String(rate.to_string());
        TableJson {
            about: table.about,
            verified_on: date(table.verified_on),
            sources: table
                .sources
                .into_iter()
                .map(|source| SourceJson {
                    name: source.name,
                    url: source.url,
                })
                .collect(),
            countries: table
                .countries
                .into_iter()
                .map(|entry| CountryJson {
                    country: entry.country,
                    name: entry.name,
                    periods: entry
                        .periods
                        .into_iter()
                        .map(|period| PeriodJson {
                            from: date(period.from),
                            to: period.to.map(date),
                            standard: percent(period.standard),
                            reduced: period.reduced.into_iter().map(percent).collect(),
                            note: period.note,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl TryFrom<TableJson> for RateTable {
    type Error = VatError;

    fn try_from(raw: TableJson) -> Result<RateTable, VatError> {
        let verified_on = parse_date("table", "verified_on", &raw.verified_on)?;
        if raw.sources.is_empty() {
            return Err(invalid(
                "table",
                "sources",
                "[]",
                "a table names at least one source",
            ));
        }
        let mut sources = Vec::with_capacity(raw.sources.len());
        for (index, source) in raw.sources.into_iter().enumerate() {
            if source.name.trim().is_empty() {
                return Err(invalid(
                    format!("sources[{index}]"),
                    "name",
                    source.name,
                    "a source has a name",
                ));
            }
            sources.push(Source {
                name: source.name,
                url: source.url,
            });
        }

        let mut seen = BTreeSet::new();
        let mut countries = Vec::with_capacity(raw.countries.len());
        for (index, entry) in raw.countries.into_iter().enumerate() {
            let place = format!("countries[{index}]");
            if !MEMBER_STATES.contains(&entry.country.as_str()) {
                let upper = entry.country.to_ascii_uppercase();
                let rule = if upper == "GR" {
                    "Greece is written EL in a rate table"
                } else if MEMBER_STATES.contains(&upper.as_str()) {
                    "country codes are written in upper case"
                } else {
                    "not the VAT code of an EU member state (AT, BE, … SK; EL for Greece)"
                };
                return Err(invalid(place, "country", entry.country, rule));
            }
            if !seen.insert(entry.country.clone()) {
                return Err(invalid(
                    place,
                    "country",
                    entry.country,
                    "each member state has one entry; this one appears earlier in the table",
                ));
            }
            countries.push(check_country(entry)?);
        }
        if let Some(missing) = MEMBER_STATES.iter().find(|code| !seen.contains(**code)) {
            return Err(invalid(
                "table",
                "countries",
                *missing,
                "every EU member state has an entry; this one has none",
            ));
        }
        countries.sort_by(|a, b| a.country.cmp(&b.country));
        Ok(RateTable {
            about: raw.about,
            verified_on,
            sources,
            countries,
        })
    }
}

/// Checks one member state's periods.
fn check_country(entry: CountryJson) -> Result<CountryRates, VatError> {
    let country = entry.country;
    if entry.periods.is_empty() {
        return Err(invalid(
            country.as_str(),
            "periods",
            "[]",
            "a member state has at least one period",
        ));
    }
    let mut periods: Vec<Period> = Vec::with_capacity(entry.periods.len());
    for (index, raw) in entry.periods.into_iter().enumerate() {
        let from = parse_date(
            format!("{country}, period {}", index + 1),
            "from",
            &raw.from,
        )?;
        let place = format!("{country}, period from {from}");
        let to = match &raw.to {
            Some(text) => Some(parse_date(place.as_str(), "to", text)?),
            None => None,
        };
        if let Some(to) = to
            && to < from
        {
            return Err(invalid(
                place,
                "to",
                to.to_string(),
                format!(
                    "`to` is the period's last day (inclusive) and cannot be before its `from` ({from})"
                ),
            ));
        }
        let standard = parse_rate(&place, "standard", &raw.standard)?;
        let mut reduced: Vec<Decimal> = Vec::with_capacity(raw.reduced.len());
        for (position, value) in raw.reduced.iter().enumerate() {
            let field = format!("reduced[{position}]");
            let rate = parse_rate(&place, &field, value)?;
            if rate >= standard {
                return Err(invalid(
                    place,
                    field,
                    rate.to_string(),
                    format!("a reduced rate is below the standard rate ({standard})"),
                ));
            }
            if let Some(previous) = reduced.last()
                && rate >= *previous
            {
                return Err(invalid(
                    place,
                    field,
                    rate.to_string(),
                    format!(
                        "reduced rates are listed highest first, each once; it follows {previous}"
                    ),
                ));
            }
            reduced.push(rate);
        }
        if let Some(previous) = periods.last() {
            check_sequence(&country, previous, from, standard, &reduced)?;
        }
        periods.push(Period {
            from,
            to,
            standard,
            reduced,
            note: raw.note,
        });
    }
    if let Some(last) = periods.last()
        && let Some(to) = last.to
    {
        return Err(invalid(
            format!("{country}, period from {}", last.from),
            "to",
            to.to_string(),
            "the last period of a member state has no `to`: it stays in force until a newer table \
             adds a period",
        ));
    }
    Ok(CountryRates {
        country,
        name: entry.name,
        periods,
    })
}

/// Checks that a period starting on `from` follows `previous`: later start, no overlap, no gap, and a
/// change of at least one rate.
fn check_sequence(
    country: &str,
    previous: &Period,
    from: NaiveDate,
    standard: Decimal,
    reduced: &[Decimal],
) -> Result<(), VatError> {
    let place = format!("{country}, period from {from}");
    if from <= previous.from {
        return Err(invalid(
            place,
            "from",
            from.to_string(),
            format!(
                "periods are sorted by `from`, each starting after the one before; the one before \
                 starts on {}",
                previous.from
            ),
        ));
    }
    if let Some(to) = previous.to {
        let expected = from.pred_opt().unwrap_or(from);
        let previous_place = format!("{country}, period from {}", previous.from);
        match to.cmp(&expected) {
            Ordering::Equal => {}
            Ordering::Greater => {
                return Err(invalid(
                    previous_place,
                    "to",
                    to.to_string(),
                    format!(
                        "overlaps the next period, which starts on {from}; `to` must be the day \
                         before it ({expected})"
                    ),
                ));
            }
            Ordering::Less => {
                return Err(invalid(
                    previous_place,
                    "to",
                    to.to_string(),
                    format!(
                        "leaves a gap before the next period, which starts on {from}; `to` must be \
                         the day before it ({expected})"
                    ),
                ));
            }
        }
    }
    if previous.standard == standard && previous.reduced == reduced {
        let reduced_text: Vec<String> = reduced.iter().map(Decimal::to_string).collect();
        return Err(invalid(
            place,
            "standard, reduced",
            format!("{standard}; [{}]", reduced_text.join(", ")),
            format!(
                "a period changes at least one rate of the one before (from {}); this one repeats it",
                previous.from
            ),
        ));
    }
    Ok(())
}

/// A `YYYY-MM-DD` date, strictly.
fn parse_date(place: impl Into<String>, field: &str, text: &str) -> Result<NaiveDate, VatError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| date.format("%Y-%m-%d").to_string() == text)
        .ok_or_else(|| {
            invalid(
                place,
                field,
                text,
                "a date is written YYYY-MM-DD and exists",
            )
        })
}

/// A percentage written as a decimal string, from 0 (included) to 100 (excluded), in its shortest form.
fn parse_rate(place: &str, field: &str, value: &Value) -> Result<Decimal, VatError> {
    const FORM: &str =
        "a rate is a percentage written as a decimal string such as \"21\" or \"25.5\"";
    let text = match value {
        Value::String(text) => text,
        Value::Number(number) => {
            return Err(invalid(
                place,
                field,
                number.to_string(),
                format!("{FORM}, not a JSON number (which would go through binary floating point)"),
            ));
        }
        other => return Err(invalid(place, field, other.to_string(), FORM)),
    };
    let is_plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-');
    let rate = Decimal::from_str(text)
        .ok()
        .filter(|_| is_plain)
        .ok_or_else(|| invalid(place, field, text.as_str(), FORM))?;
    if rate < Decimal::ZERO || rate >= Decimal::ONE_HUNDRED {
        return Err(invalid(
            place,
            field,
            text.as_str(),
            "a rate is a percentage from 0 (included) to 100 (excluded)",
        ));
    }
    Ok(rate.normalize())
}

/// The error for a malformed JSON document, naming the line and column and showing the text that
/// leads to that point (at most 60 characters before it and 20 after).
fn json_error(text: &str, error: &serde_json::Error) -> VatError {
    let line: Vec<char> = text
        .lines()
        .nth(error.line().saturating_sub(1))
        .unwrap_or("")
        .chars()
        .collect();
    let column = error.column().min(line.len());
    let start = column.saturating_sub(60);
    let end = column.saturating_add(20).min(line.len());
    let shown: String = line.get(start..end).unwrap_or_default().iter().collect();
    let shown = shown.trim().to_string();
    invalid(
        format!("line {}, column {}", error.line(), error.column()),
        "json",
        shown,
        format!(
            "the table is JSON in the format of the built-in one (`verified_on`, `sources`, \
             `countries` with their `periods`; unknown fields are refused): {error}"
        ),
    )
}

fn invalid(
    entry: impl Into<String>,
    field: impl Into<String>,
    value: impl Into<String>,
    rule: impl Into<String>,
) -> VatError {
    VatError::InvalidRateTable {
        entry: entry.into(),
        field: field.into(),
        value: value.into(),
        rule: rule.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn day(year: i32, month: u32, date: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, date).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn builtin_table_is_valid() {
        let table = RateTable::from_json(BUILTIN_JSON);
        assert!(table.is_ok(), "{table:?}");
        assert_eq!(
            RateTable::builtin().countries().collect::<Vec<_>>(),
            MEMBER_STATES
        );
    }

    #[test]
    fn every_member_state_starts_on_2019_01_01() {
        for entry in &RateTable::builtin().countries {
            assert_eq!(
                entry.periods.first().map(|p| p.from),
                Some(day(2019, 1, 1)),
                "{}",
                entry.country
            );
            assert!(!entry.name.is_empty(), "{}", entry.country);
        }
    }

    #[test]
    fn errors_have_their_codes() {
        let no_rate = rate("FR", day(2018, 12, 31));
        assert_eq!(
            no_rate.as_ref().map_err(ErrorCode::code).err(),
            Some("vat.no_rate")
        );
        let invalid = RateTable::from_json("{}");
        assert_eq!(
            invalid.as_ref().map_err(ErrorCode::code).err(),
            Some("vat.invalid_rate_table")
        );
        let unknown = rate("US", day(2025, 1, 1));
        assert_eq!(
            unknown.as_ref().map_err(ErrorCode::code).err(),
            Some("vat.unknown_country")
        );
    }

    #[test]
    fn member_state_normalises_case_spaces_and_greece() {
        let on = day(2025, 1, 1);
        assert_eq!(member_state(" gr ", on).ok(), Some("EL"));
        assert_eq!(member_state("el", on).ok(), Some("EL"));
        assert_eq!(member_state("Fi", on).ok(), Some("FI"));
        assert!(matches!(member_state("XI", on), Err(VatError::NoRate { date, .. }) if date == on));
        assert!(matches!(
            member_state("GB", on),
            Err(VatError::UnknownCountry { .. })
        ));
        assert!(matches!(
            member_state("", on),
            Err(VatError::UnknownCountry { .. })
        ));
    }

    #[test]
    fn rates_are_normalised_and_strict() {
        let rate = |text: &str| parse_rate("p", "standard", &Value::String(text.to_string()));
        assert_eq!(
            rate("21.0").map(|r| r.to_string()).ok(),
            Some("21".to_string())
        );
        assert_eq!(rate("25.50").ok(), Some(Decimal::new(255, 1)));
        assert_eq!(rate("0").ok(), Some(Decimal::ZERO));
        for bad in [
            "", " 21", "21 ", "+21", "21%", "1e1", ".5", "-1", "100", "abc",
        ] {
            assert!(rate(bad).is_err(), "{bad:?} accepted");
        }
    }
}
