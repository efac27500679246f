//! Invoice numbers: one gapless sequence per series and year (Belgian invoices are numbered
//! without gaps); the host's store allocates them, envoi defines their form and checks a list.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::BillingError;

/// The smallest number of digits of the sequence part (`000123`); larger sequences take more.
///
/// ```
/// use envoi::billing::{InvoiceNumber, SEQUENCE_DIGITS};
/// let number: InvoiceNumber = "2026-F-000007".parse()?;
/// assert_eq!(number.to_string().rsplit('-').next().map(str::len), Some(SEQUENCE_DIGITS));
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
pub const SEQUENCE_DIGITS: usize = 6;

/// A series of invoice numbers: 1 to 4 capital ASCII letters (`F` for invoices, `C` for credit
/// notes: the host chooses). Each series has its own sequence per year.
///
/// ```
/// use envoi::billing::NumberSeries;
/// let series = NumberSeries::new("F")?;
/// assert_eq!(series.as_str(), "F");
/// assert!(NumberSeries::new("f").is_err());
/// assert!(NumberSeries::new("FACT1").is_err());
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NumberSeries(String);

impl NumberSeries {
    /// A series name, checked.
    ///
    /// # Errors
    /// [`BillingError::InvalidInvoiceNumber`] for anything but 1 to 4 capital ASCII letters.
    ///
    /// ```
    /// assert!(envoi::billing::NumberSeries::new("CN").is_ok());
    /// ```
    pub fn new(name: &str) -> Result<NumberSeries, BillingError> {
        if (1..=4).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(NumberSeries(name.to_owned()))
        } else {
            Err(BillingError::InvalidInvoiceNumber {
                value: name.chars().take(40).collect(),
                rule: "is not a series; a series is 1 to 4 capital letters, such as F",
            })
        }
    }

    /// The series' name.
    ///
    /// ```
    /// assert_eq!(envoi::billing::NumberSeries::new("F")?.as_str(), "F");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first number of this series in `year`.
    ///
    /// # Errors
    /// [`BillingError::InvalidInvoiceNumber`] for a year outside 1000–9999.
    ///
    /// ```
    /// let series = envoi::billing::NumberSeries::new("F")?;
    /// assert_eq!(series.first(2026)?.to_string(), "2026-F-000001");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn first(&self, year: i32) -> Result<InvoiceNumber, BillingError> {
        InvoiceNumber::new(year, self.clone(), 1)
    }
}

impl fmt::Display for NumberSeries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for NumberSeries {
    type Error = BillingError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        NumberSeries::new(&value)
    }
}

impl From<NumberSeries> for String {
    fn from(series: NumberSeries) -> Self {
        series.0
    }
}

/// An invoice number: `YEAR-SERIES-SEQUENCE`, such as `2026-F-000123` (the sequence has at least
/// [`SEQUENCE_DIGITS`] digits, zero-padded, starting at 1 each year). Text and number round trip:
/// [`FromStr`] accepts exactly what [`Display`](fmt::Display) writes.
///
/// ```
/// use envoi::billing::InvoiceNumber;
///
/// let number: InvoiceNumber = "2026-F-000123".parse()?;
/// assert_eq!((number.year(), number.series().as_str(), number.sequence()), (2026, "F", 123));
/// assert_eq!(number.next()?.to_string(), "2026-F-000124");
/// assert_eq!("2026-F-1234567".parse::<InvoiceNumber>()?.sequence(), 1_234_567);
/// assert!("2026-F-123".parse::<InvoiceNumber>().is_err()); // not padded
/// assert!("2026-F-0001234567".parse::<InvoiceNumber>().is_err()); // padded beyond 6 digits
/// assert_eq!(serde_json::to_string(&number).unwrap(), "\"2026-F-000123\"");
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvoiceNumber {
    year: i32,
    series: NumberSeries,
    sequence: u32,
}

impl InvoiceNumber {
    /// The number `sequence` of `series` in `year`.
    ///
    /// # Errors
    /// [`BillingError::InvalidInvoiceNumber`] for a year outside 1000–9999 or a sequence of 0.
    ///
    /// ```
    /// use envoi::billing::{InvoiceNumber, NumberSeries};
    /// let number = InvoiceNumber::new(2026, NumberSeries::new("C")?, 7)?;
    /// assert_eq!(number.to_string(), "2026-C-000007");
    /// assert!(InvoiceNumber::new(2026, NumberSeries::new("C")?, 0).is_err());
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn new(
        year: i32,
        series: NumberSeries,
        sequence: u32,
    ) -> Result<InvoiceNumber, BillingError> {
        if !(1000..=9999).contains(&year) {
            return Err(BillingError::InvalidInvoiceNumber {
                value: year.to_string(),
                rule: "is not a year of an invoice number; years have 4 digits (1000 to 9999)",
            });
        }
        if sequence == 0 {
            return Err(BillingError::InvalidInvoiceNumber {
                value: format!("{year}-{series}-0"),
                rule: "has sequence 0; each series starts at 1 every year",
            });
        }
        Ok(InvoiceNumber {
            year,
            series,
            sequence,
        })
    }

    /// The year.
    ///
    /// ```
    /// let number: envoi::billing::InvoiceNumber = "2026-F-000123".parse()?;
    /// assert_eq!(number.year(), 2026);
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The series.
    ///
    /// ```
    /// let number: envoi::billing::InvoiceNumber = "2026-CN-000123".parse()?;
    /// assert_eq!(number.series().as_str(), "CN");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn series(&self) -> &NumberSeries {
        &self.series
    }

    /// The sequence within the series and year, from 1.
    ///
    /// ```
    /// let number: envoi::billing::InvoiceNumber = "2026-F-000123".parse()?;
    /// assert_eq!(number.sequence(), 123);
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    /// The next number of the same series and year (the store allocates it).
    ///
    /// # Errors
    /// [`BillingError::InvalidInvoiceNumber`] past the last sequence (4,294,967,295).
    ///
    /// ```
    /// let number: envoi::billing::InvoiceNumber = "2026-F-000009".parse()?;
    /// assert_eq!(number.next()?.to_string(), "2026-F-000010");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn next(&self) -> Result<InvoiceNumber, BillingError> {
        let sequence =
            self.sequence
                .checked_add(1)
                .ok_or_else(|| BillingError::InvalidInvoiceNumber {
                    value: self.to_string(),
                    rule: "is the last number of its series and year",
                })?;
        InvoiceNumber::new(self.year, self.series.clone(), sequence)
    }
}

/// Numbers sort by series, then year, then sequence: `2026-C-000009` < `2025-F-000001` <
/// `2026-F-000001` < `2026-F-000002`, so a sorted list holds each series' years in order.
///
/// ```
/// use envoi::billing::InvoiceNumber;
/// let mut numbers: Vec<InvoiceNumber> = ["2026-F-000002", "2026-F-000001", "2025-F-000007", "2026-C-000009"]
///     .iter().map(|n| n.parse().unwrap()).collect();
/// numbers.sort();
/// let sorted: Vec<String> = numbers.iter().map(ToString::to_string).collect();
/// assert_eq!(sorted, ["2026-C-000009", "2025-F-000007", "2026-F-000001", "2026-F-000002"]);
/// ```
impl Ord for InvoiceNumber {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.series, self.year, self.sequence).cmp(&(&other.series, other.year, other.sequence))
    }
}

impl PartialOrd for InvoiceNumber {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}-{:0width$}",
            self.year,
            self.series,
            self.sequence,
            width = SEQUENCE_DIGITS
        )
    }
}

impl FromStr for InvoiceNumber {
    type Err = BillingError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = |rule| BillingError::InvalidInvoiceNumber {
            value: text.chars().take(40).collect(),
            rule,
        };
        let form =
            "is not an invoice number; the form is YEAR-SERIES-SEQUENCE, such as 2026-F-000123";
        let mut parts = text.split('-');
        let (Some(year), Some(series), Some(sequence), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid(form));
        };
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || !digits(sequence) {
            return Err(invalid(form));
        }
        if sequence.len() < SEQUENCE_DIGITS
            || (sequence.len() > SEQUENCE_DIGITS && sequence.starts_with('0'))
        {
            return Err(invalid(
                "has a sequence not written with 6 digits (zero-padded) or more without leading zeros",
            ));
        }
        let year: i32 = year.parse().map_err(|_| invalid(form))?;
        let sequence: u32 = sequence
            .parse()
            .map_err(|_| invalid("has a sequence beyond 4,294,967,295"))?;
        InvoiceNumber::new(year, NumberSeries::new(series)?, sequence)
    }
}

impl TryFrom<String> for InvoiceNumber {
    type Error = BillingError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<InvoiceNumber> for String {
    fn from(number: InvoiceNumber) -> Self {
        number.to_string()
    }
}

/// A break in a sequence of invoice numbers, per series and year.
///
/// ```
/// use envoi::billing::{check_sequence, InvoiceNumber, SequenceProblem};
/// let numbers: Vec<InvoiceNumber> = ["2026-F-000001", "2026-F-000004"].iter().map(|n| n.parse().unwrap()).collect();
/// let error = check_sequence(&numbers).unwrap_err();
/// assert_eq!(error.to_string(), "invoice numbers: 2026-F: 2026-F-000002 to 2026-F-000003 missing");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceProblem {
    /// Numbers missing from `from` to `to` (both included).
    Gap {
        /// The first missing number.
        from: InvoiceNumber,
        /// The last missing number.
        to: InvoiceNumber,
    },
    /// A number given more than once.
    Duplicate {
        /// The number.
        number: InvoiceNumber,
        /// How many times it was given.
        count: usize,
    },
}

impl fmt::Display for SequenceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SequenceProblem::Gap { from, to } if from == to => {
                write!(f, "{}-{}: {from} missing", from.year, from.series)
            }
            SequenceProblem::Gap { from, to } => {
                write!(f, "{}-{}: {from} to {to} missing", from.year, from.series)
            }
            SequenceProblem::Duplicate { number, count } => write!(
                f,
                "{}-{}: {number} given {count} times",
                number.year, number.series
            ),
        }
    }
}

/// Checks that `numbers` (in any order) hold each series' sequence of each year without a gap or a
/// duplicate: 1, 2, … up to the highest number given. A year's sequence starts at 1, so a list
/// that starts later has a gap before it.
///
/// # Errors
/// [`BillingError::InvoiceSequence`] listing every gap and duplicate, by series, year and
/// sequence.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::billing::{check_sequence, InvoiceNumber};
/// let parse = |list: &[&str]| list.iter().map(|n| n.parse().unwrap()).collect::<Vec<InvoiceNumber>>();
/// assert!(check_sequence(&parse(&["2026-F-000002", "2026-F-000001", "2026-C-000001", "2027-F-000001"])).is_ok());
/// let error = check_sequence(&parse(&["2026-F-000001", "2026-F-000001", "2026-C-000002"])).unwrap_err();
/// assert_eq!(error.code(), "billing.invoice_sequence");
/// assert_eq!(error.to_string(), "invoice numbers: 2026-C: 2026-C-000001 missing; 2026-F: 2026-F-000001 given 2 times");
/// ```
pub fn check_sequence(numbers: &[InvoiceNumber]) -> Result<(), BillingError> {
    check_sequence_after(None, numbers)
}

/// Checks that `numbers` (in any order) continue `last_issued`, the last number the host issued
/// before them: in its series and year they run from the next sequence on, without a gap or a
/// duplicate; a number at or before it was already issued and is reported as a duplicate (counted
/// once more for its first issue). Other series and years run from 1, as in [`check_sequence`]
/// (which is this check with no number issued before).
///
/// # Errors
/// [`BillingError::InvoiceSequence`] listing every gap and duplicate ([`SequenceProblem`]s), by
/// series, year and sequence.
///
/// ```
/// use envoi::billing::{check_sequence_after, InvoiceNumber};
/// let parse = |list: &[&str]| list.iter().map(|n| n.parse().unwrap()).collect::<Vec<InvoiceNumber>>();
/// let last: InvoiceNumber = "2026-F-000041".parse()?;
/// assert!(check_sequence_after(Some(&last), &parse(&["2026-F-000043", "2026-F-000042"])).is_ok());
/// // A new year starts again at 1.
/// assert!(check_sequence_after(Some(&last), &parse(&["2027-F-000001"])).is_ok());
/// let error = check_sequence_after(Some(&last), &parse(&["2026-F-000041", "2026-F-000044"])).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "invoice numbers: 2026-F: 2026-F-000041 given 2 times; 2026-F: 2026-F-000042 to 2026-F-000043 missing"
/// );
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
pub fn check_sequence_after(
    last_issued: Option<&InvoiceNumber>,
    numbers: &[InvoiceNumber],
) -> Result<(), BillingError> {
    let mut per_series: BTreeMap<(i32, &NumberSeries), BTreeMap<u32, usize>> = BTreeMap::new();
    for number in numbers {
        *per_series
            .entry((number.year, &number.series))
            .or_default()
            .entry(number.sequence)
            .or_default() += 1;
    }
    let mut problems = Vec::new();
    for ((year, series), counts) in per_series {
        let at = |sequence| InvoiceNumber {
            year,
            series: series.clone(),
            sequence,
        };
        let issued = last_issued
            .filter(|last| last.year == year && &last.series == series)
            .map_or(0, |last| last.sequence);
        let mut expected = issued.saturating_add(1);
        for (&sequence, &count) in &counts {
            if sequence <= issued {
                problems.push(SequenceProblem::Duplicate {
                    number: at(sequence),
                    count: count.saturating_add(1),
                });
                continue;
            }
            if sequence > expected {
                problems.push(SequenceProblem::Gap {
                    from: at(expected),
                    to: at(sequence - 1),
                });
            }
            if count > 1 {
                problems.push(SequenceProblem::Duplicate {
                    number: at(sequence),
                    count,
                });
            }
            expected = sequence.saturating_add(1);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BillingError::InvoiceSequence { problems })
    }
}
