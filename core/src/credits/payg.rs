//! Pay-as-you-go (Click & Post letters): a month's usage, invoiced at the start of the next month.
//!
//! SPEC section 6: jobs cancelled before processing are not billed; **Decision:** a letter is billed
//! in the month it is handed over to the post (the month on the account's wall clock), and there is no
//! statement for a month without billable jobs.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{BillableItem, Charge, CreditError};
use crate::money::Money;
use crate::time::{Instant, Zone};

/// One pay-as-you-go job as the host records it: what it is, how many units, and where it stands.
///
/// It is billed when it is not cancelled, has at least one unit and was handed over to the post in
/// the statement's month.
///
/// ```
/// use envoi::credits::UsageRecord;
/// use envoi::money::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let record = UsageRecord::handed_over("job-7", "prior_national", 120, "2026-05-04T10:00:00Z".parse()?)
///     .with_unit_price(Money::new(Decimal::new(135, 2), Currency::EUR));
/// assert_eq!(record.units, 120);
/// assert!(!record.cancelled);
/// // Not yet handed over: nothing to bill yet.
/// let waiting = UsageRecord { handed_over_at: None, ..record };
/// assert!(waiting.handed_over_at.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRecord {
    /// The job's id, unique among the records given to [`monthly_statement`].
    pub id: String,
    /// What the units are (a postage such as `prior_national`); items are grouped by it.
    pub kind: String,
    /// How many units (letters, sheets…) the job bills.
    pub units: u64,
    /// When the job was handed over to the post; `None` while it was not.
    pub handed_over_at: Option<Instant>,
    /// Whether the job was cancelled before processing (then it is never billed).
    pub cancelled: bool,
    /// The price of one unit, when the host knows it here.
    pub unit_price: Option<Money>,
}

impl UsageRecord {
    /// A job handed over to the post at `at`, not cancelled, without a unit price.
    ///
    /// ```
    /// use envoi::credits::UsageRecord;
    /// let record = UsageRecord::handed_over("job-1", "registered", 2, "2026-05-04T10:00:00Z".parse()?);
    /// assert_eq!(record.kind, "registered");
    /// assert!(record.unit_price.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handed_over(
        id: impl Into<String>,
        kind: impl Into<String>,
        units: u64,
        at: Instant,
    ) -> Self {
        UsageRecord {
            id: id.into(),
            kind: kind.into(),
            units,
            handed_over_at: Some(at),
            cancelled: false,
            unit_price: None,
        }
    }

    /// The same record with a unit price.
    ///
    /// ```
    /// use envoi::credits::UsageRecord;
    /// use envoi::money::{Currency, Money};
    /// let record = UsageRecord::handed_over("job-1", "registered", 2, "2026-05-04T10:00:00Z".parse()?)
    ///     .with_unit_price(Money::zero(Currency::EUR));
    /// assert_eq!(record.unit_price, Some(Money::zero(Currency::EUR)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_unit_price(self, price: Money) -> Self {
        UsageRecord {
            unit_price: Some(price),
            ..self
        }
    }
}

/// A month's pay-as-you-go statement: one item per kind and unit price, issued on the first day of
/// the following month.
///
/// ```
/// use envoi::credits::{monthly_statement, UsageRecord};
/// use envoi::time::Zone;
///
/// let records = [UsageRecord::handed_over("job-1", "prior_national", 3, "2026-05-04T10:00:00Z".parse()?)];
/// let statement = monthly_statement(&records, 2026, 5, Zone::default())?.unwrap();
/// assert_eq!((statement.year, statement.month), (2026, 5));
/// assert_eq!(statement.issue_date.to_string(), "2026-06-01");
/// assert_eq!(statement.period_start.to_rfc3339(), "2026-04-30T22:00:00+00:00");
/// assert_eq!(statement.record_ids, ["job-1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyStatement {
    /// The year of the month billed.
    pub year: i32,
    /// The month billed, 1 to 12.
    pub month: u32,
    /// Local midnight of the month's first day in the account's zone.
    pub period_start: Instant,
    /// Local midnight of the next month's first day (excluded).
    pub period_end: Instant,
    /// The day the statement is issued: the first day of the following month.
    pub issue_date: NaiveDate,
    /// The items, one per kind and unit price, ordered by kind, then unit price (none first, then
    /// by currency and amount).
    pub items: Vec<BillableItem>,
    /// The ids of the records billed, in the order given.
    pub record_ids: Vec<String>,
}

/// The statement of `year`-`month` on the wall clock of `zone`, or `None` when no record is billable
/// that month.
///
/// A record is billed when it is not cancelled, has at least one unit, and its handover instant falls
/// in the month on the account's wall clock (`[period_start, period_end)`). Its units are added to
/// the item of its kind and unit price; every item is billed on the issue date, the first day of the
/// following month.
///
/// # Errors
/// [`CreditError::InvalidArgument`] when `month` is not 1 to 12 (`month`), the month cannot be placed
/// in the supported dates (`year`), a record's kind is blank (`kind`), two records share an id or one
/// is both cancelled and handed over (`records`), or an item's units overflow `u64` (`units`).
///
/// ```
/// use envoi::credits::{monthly_statement, Charge, UsageRecord};
/// use envoi::money::{Currency, Money};
/// use envoi::time::Zone;
/// use rust_decimal::Decimal;
///
/// let price = Money::new(Decimal::new(135, 2), Currency::EUR);
/// let cancelled = UsageRecord { cancelled: true, handed_over_at: None, ..UsageRecord::handed_over("job-3", "prior_national", 50, "2026-05-06T10:00:00Z".parse()?) };
/// let records = [
///     UsageRecord::handed_over("job-1", "prior_national", 100, "2026-05-04T10:00:00Z".parse()?).with_unit_price(price),
///     UsageRecord::handed_over("job-2", "prior_national", 20, "2026-05-29T10:00:00Z".parse()?).with_unit_price(price),
///     cancelled,
///     // 00:30 on 1 June in Brussels: June, though still 31 May in UTC.
///     UsageRecord::handed_over("job-4", "prior_national", 7, "2026-05-31T22:30:00Z".parse()?).with_unit_price(price),
/// ];
/// let may = monthly_statement(&records, 2026, 5, Zone::default())?.unwrap();
/// assert_eq!(may.items.len(), 1);
/// assert_eq!(may.items[0].charge, Charge::Usage { kind: "prior_national".into() });
/// assert_eq!(may.items[0].quantity, 120);
/// assert_eq!(may.items[0].billed_on.to_string(), "2026-06-01");
/// assert_eq!(may.items[0].amount().unwrap().to_string(), "162.00 EUR");
/// // No billable job in April: no statement.
/// assert!(monthly_statement(&records, 2026, 4, Zone::default())?.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn monthly_statement(
    records: &[UsageRecord],
    year: i32,
    month: u32,
    zone: Zone,
) -> Result<Option<MonthlyStatement>, CreditError> {
    if !(1..=12).contains(&month) {
        return Err(CreditError::InvalidArgument {
            field: "month",
            value: month.to_string(),
            rule: "is not a month; months are 1 to 12",
        });
    }
    let out_of_range = || CreditError::InvalidArgument {
        field: "year",
        value: year.to_string(),
        rule: "cannot hold a statement: the month or the next one is beyond the supported dates",
    };
    let first_day = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(out_of_range)?;
    let issue_date = first_day
        .checked_add_months(Months::new(1))
        .ok_or_else(out_of_range)?;
    let midnight = |day: NaiveDate| zone.resolve_local(day.and_time(NaiveTime::MIN));
    let period_start = midnight(first_day).map_err(|_| out_of_range())?;
    let period_end = midnight(issue_date).map_err(|_| out_of_range())?;

    check_records(records)?;

    // (kind, unit price as (currency, amount)) → (the first unit price seen, units).
    type PriceKey = Option<(&'static str, Decimal)>;
    let mut groups: BTreeMap<(&str, PriceKey), (Option<Money>, u64)> = BTreeMap::new();
    let mut record_ids = Vec::new();
    for record in records {
        let billable = !record.cancelled
            && record.units > 0
            && record.handed_over_at.is_some_and(|at| {
                // An instant whose wall-clock time chrono cannot hold is in no month.
                zone.local_checked(at)
                    .is_some_and(|local| local.year() == year && local.month() == month)
            });
        if !billable {
            continue;
        }
        let key = record
            .unit_price
            .map(|price| (price.currency().code(), price.amount().normalize()));
        let (_, units) = groups
            .entry((record.kind.as_str(), key))
            .or_insert((record.unit_price, 0));
        *units = units
            .checked_add(record.units)
            .ok_or_else(|| CreditError::InvalidArgument {
                field: "units",
                value: format!("{} (record {})", record.units, record.id),
                rule: "makes the item's total overflow a 64-bit count",
            })?;
        record_ids.push(record.id.clone());
    }
    if groups.is_empty() {
        return Ok(None);
    }
    let items = groups
        .into_iter()
        .map(|((kind, _), (unit_price, quantity))| BillableItem {
            charge: Charge::Usage {
                kind: kind.to_owned(),
            },
            quantity,
            period_start,
            period_end,
            billed_on: issue_date,
            unit_price,
        })
        .collect();
    Ok(Some(MonthlyStatement {
        year,
        month,
        period_start,
        period_end,
        issue_date,
        items,
        record_ids,
    }))
}

/// Refuses records that would bill wrongly: a blank kind, a repeated id, or a job both cancelled and
/// handed over (a job is cancelled before processing, so it never reaches the post).
fn check_records(records: &[UsageRecord]) -> Result<(), CreditError> {
    let mut seen = HashSet::with_capacity(records.len());
    for record in records {
        if record.kind.trim().is_empty() {
            return Err(CreditError::InvalidArgument {
                field: "kind",
                value: format!("{:?} (record {})", record.kind, record.id),
                rule: "is blank; a record names what its units are",
            });
        }
        if !seen.insert(record.id.as_str()) {
            return Err(CreditError::InvalidArgument {
                field: "records",
                value: format!("id {:?}", record.id),
                rule: "appears twice; a job is one record and is billed once",
            });
        }
        if let (true, Some(at)) = (record.cancelled, record.handed_over_at) {
            return Err(CreditError::InvalidArgument {
                field: "records",
                value: format!(
                    "{:?} cancelled and handed over at {}",
                    record.id,
                    at.to_rfc3339()
                ),
                rule: "is contradictory; a job can only be cancelled before processing, so it never reaches the post",
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn month_thirteen_is_refused() {
        let error = monthly_statement(&[], 2026, 13, Zone::default()).unwrap_err();
        assert_eq!(error.code(), "credits.invalid_argument");
        assert_eq!(
            error.to_string(),
            "month: 13 is not a month; months are 1 to 12"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let at = "2026-05-04T10:00:00Z".parse().unwrap();
        let record = UsageRecord::handed_over("job-1", "prior_national", 1, at);
        let error =
            monthly_statement(&[record.clone(), record], 2026, 5, Zone::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"records: id "job-1" appears twice; a job is one record and is billed once"#
        );
    }

    #[test]
    fn cancelled_and_handed_over_is_refused() {
        let at = "2026-05-04T10:00:00Z".parse().unwrap();
        let record = UsageRecord {
            cancelled: true,
            ..UsageRecord::handed_over("job-1", "prior_national", 1, at)
        };
        let error = monthly_statement(&[record], 2026, 5, Zone::default()).unwrap_err();
        assert!(error.to_string().contains("contradictory"), "{error}");
    }

    #[test]
    fn blank_kind_is_refused() {
        let at = "2026-05-04T10:00:00Z".parse().unwrap();
        let record = UsageRecord::handed_over("job-1", " ", 1, at);
        let error = monthly_statement(&[record], 2026, 5, Zone::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"kind: " " (record job-1) is blank; a record names what its units are"#
        );
    }
}
