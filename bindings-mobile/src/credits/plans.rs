//! Billing plans (SPEC section 6): [`BlockPlan`] (Plannit's monthly block plan, a uniffi Object
//! holding the core's `envoi::credits::BlockPlan`) and [`monthly_statement`] (Click & Post's
//! pay-as-you-go statement), with the records they take and return: [`BlockPeriod`],
//! [`BillableItem`], [`UsageRecord`], [`MonthlyStatement`], [`Money`] and [`SendUnits`].
//!
//! Conversions only, as in [`crate::credits`]:
//!
//! - **Money** crosses as text, never as a binary float: an amount goes in as a decimal string plus
//!   an ISO 4217 code (`fee = "25.00"`, `currency = "USD"`; a [`UsageRecord`]'s `unit_price` is a
//!   [`Money`] record of the same two strings) and is read by the core's `Money::parse`
//!   (`money.invalid_amount`, `money.unknown_currency`); it comes out as a [`Money`] record whose
//!   `amount` is the core's decimal as text, every decimal kept (`"6.170"`). The hand-written Kotlin
//!   layer (kotlin/src/main/kotlin/dev/envoi/Credits.kt) adds `java.math.BigDecimal` overloads.
//! - **Instants** are `SystemTime` (Kotlin `java.time.Instant`, Swift `Date`), with `ZonedDateTime`
//!   overloads in Credits.kt; an instant outside the core's years is `argument.instant_out_of_range`.
//! - **Days** (a period's first day, the day an item is billed, a statement's issue date) are
//!   [`IsoDate`]: a `java.time.LocalDate` in Kotlin (uniffi.toml maps the custom type), an ISO 8601
//!   string `"2026-03-31"` in Swift, as the business calendar writes them.
//! - **Counts** go in as signed 64-bit integers (Kotlin `Long`, Swift `Int64`; a negative one is
//!   `argument.out_of_range`) and come out unsigned, as in the ledger. A year and a month are
//!   32-bit (Kotlin `Int`, as `java.time` has them).
//! - **Errors**: the core's `credits.invalid_argument` (with `field`: `block_size`, `fee`, `end`,
//!   `period`, `previous_usage`, `month`, `year`, `kind`, `records`, `units`) as
//!   [`EnvoiError::Credit`]; `money.*` as [`EnvoiError::Money`]; `time.unknown_zone` as
//!   [`EnvoiError::Time`]; this binding's `argument.out_of_range`, `argument.invalid_index`,
//!   `argument.instant_out_of_range` and `argument.invalid_date` (a [`BlockPeriod`] whose
//!   `first_day` is not a date the core holds) as [`EnvoiError::Argument`].
//!
//! Every rule (periods, clamping, what is billed when, the extra blocks, which jobs a month bills,
//! the amounts) is the core's.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::SystemTime;

use envoi::credits::Charge;
use envoi::time::Zone;

use super::{to_instant, to_u32, to_u64, to_zone};
use crate::errors::INVALID_INDEX_CODE;
use crate::schedule::{format_date, parse_date};
use crate::time::system_time;
use crate::{EnvoiError, guard};

/// A calendar day, ISO 8601 (`"2026-03-31"`; a sign and more digits for a year past 9999 or before
/// 0, as `java.time.LocalDate` writes them). Kotlin sees a `java.time.LocalDate` (uniffi.toml),
/// Swift a `String`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsoDate(pub String);

uniffi::custom_newtype!(IsoDate, String);

impl IsoDate {
    pub(crate) fn of(date: chrono::NaiveDate) -> Self {
        IsoDate(format_date(date))
    }
}

/// An amount of money: `amount` is a decimal number as text (digits, an optional sign and one dot:
/// `"25"`, `"0.008"`, `"-1.50"`; never a binary float), `currency` an ISO 4217 code (`"EUR"`).
///
/// Amounts the core returns keep every decimal (`"6.170"`: round when invoicing), so compare
/// amounts as decimals (Kotlin: `toBigDecimal()`, Credits.kt), not as strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Money {
    /// The amount, a plain decimal number as text.
    pub amount: String,
    /// The ISO 4217 code, such as `"EUR"` (the core writes it upper case).
    pub currency: String,
}

impl Money {
    pub(crate) fn of(money: envoi::money::Money) -> Self {
        Money {
            amount: money.amount().to_string(),
            currency: money.currency().code().to_owned(),
        }
    }

    /// The core's money; `money.invalid_amount` or `money.unknown_currency` when it is not one.
    pub(crate) fn to_core(&self) -> Result<envoi::money::Money, EnvoiError> {
        Ok(envoi::money::Money::parse(&self.amount, &self.currency)?)
    }
}

/// One monthly period of a [`BlockPlan`]: `[start, end)`, starting at local midnight of `first_day`
/// in the plan's zone. Take it from the plan (`period`, `period_at`, `last_period`): `bill` refuses
/// one that is not the plan's own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct BlockPeriod {
    /// The position of the period: 0 is the one holding the subscription.
    pub index: u32,
    /// Local midnight of `first_day` in the plan's zone.
    pub start: SystemTime,
    /// The next period's start (excluded from this period).
    pub end: SystemTime,
    /// The period's first day on the account's wall clock: the subscription day, clamped to the
    /// month's end. The fee is billed on that day.
    pub first_day: IsoDate,
}

impl BlockPeriod {
    fn of(period: envoi::credits::BlockPeriod) -> Self {
        BlockPeriod {
            index: period.index,
            start: system_time(period.start),
            end: system_time(period.end),
            first_day: IsoDate::of(period.first_day),
        }
    }

    fn to_core(&self) -> Result<envoi::credits::BlockPeriod, EnvoiError> {
        Ok(envoi::credits::BlockPeriod {
            index: self.index,
            start: to_instant("period.start", self.start)?,
            end: to_instant("period.end", self.end)?,
            first_day: parse_date("period.first_day", &self.first_day.0)?,
        })
    }
}

#[uniffi::export]
impl BlockPeriod {
    /// Whether `at` falls in the period (`start <= at < end`). Throws
    /// `argument.instant_out_of_range`.
    pub fn contains(&self, at: SystemTime) -> Result<bool, EnvoiError> {
        guard(|| Ok(self.to_core()?.contains(to_instant("at", at)?)))
    }
}

/// One thing to bill: what (`charge`), how many (`quantity`), the span it covers
/// (`[period_start, period_end)`), the day it is billed (`billed_on`) and its unit price. Not an
/// invoice line: VAT and invoices are computed elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct BillableItem {
    /// What is charged, the core's name: `"block_fee"` (a period's upfront fee), `"extra_blocks"`
    /// (the started blocks used beyond the paid one, billed on the next period's first day) or
    /// `"usage"` (pay-as-you-go).
    pub charge: String,
    /// The number of messages in a block (`block_fee`, `extra_blocks`); null/nil otherwise.
    pub block_size: Option<u32>,
    /// The messages used in the covered period (`extra_blocks`); null/nil otherwise.
    pub usage: Option<u64>,
    /// The kind of job as the host names it (`usage`, such as `"prior_national"`); null/nil
    /// otherwise.
    pub kind: Option<String>,
    /// How many (blocks, or units of usage).
    pub quantity: u64,
    /// The first instant of the span the item covers.
    pub period_start: SystemTime,
    /// The end of the span the item covers (excluded).
    pub period_end: SystemTime,
    /// The day (on the account's wall clock) the item is billed.
    pub billed_on: IsoDate,
    /// The price of one unit of `quantity`, when known; null/nil otherwise.
    pub unit_price: Option<Money>,
    /// `unit_price × quantity` as the core computes it, every decimal kept (round when invoicing);
    /// null/nil without a unit price.
    pub amount: Option<Money>,
}

impl BillableItem {
    fn of(item: envoi::credits::BillableItem) -> Result<Self, EnvoiError> {
        let (block_size, usage, kind) = match &item.charge {
            Charge::BlockFee { block_size } => (Some(*block_size), None, None),
            Charge::ExtraBlocks { block_size, usage } => (Some(*block_size), Some(*usage), None),
            Charge::Usage { kind } => (None, None, Some(kind.clone())),
            _ => (None, None, None),
        };
        Ok(BillableItem {
            charge: charge_name(&item.charge)?,
            block_size,
            usage,
            kind,
            quantity: item.quantity,
            period_start: system_time(item.period_start),
            period_end: system_time(item.period_end),
            billed_on: IsoDate::of(item.billed_on),
            unit_price: item.unit_price.map(Money::of),
            amount: item.amount().map(Money::of),
        })
    }
}

fn items(items: Vec<envoi::credits::BillableItem>) -> Result<Vec<BillableItem>, EnvoiError> {
    items.into_iter().map(BillableItem::of).collect()
}

/// The core's own name of a charge (the `type` tag of its serde form, such as `"block_fee"`).
fn charge_name(charge: &Charge) -> Result<String, EnvoiError> {
    match serde_json::to_value(charge) {
        Ok(serde_json::Value::Object(mut fields)) => match fields.remove("type") {
            Some(serde_json::Value::String(name)) => Ok(name),
            other => Err(EnvoiError::panic(&format!("not a charge name: {other:?}"))),
        },
        other => Err(EnvoiError::panic(&format!("not a charge: {other:?}"))),
    }
}

/// Messages sent at one instant, for [`BlockPlan::usage_by_period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct SendUnits {
    /// When they were sent.
    pub at: SystemTime,
    /// How many messages (SMS parts × recipients; 1 per plain send). Negative is
    /// `argument.out_of_range`.
    pub units: i64,
}

/// A monthly block plan (Plannit): `fee` per started block of `block_size` messages per period.
///
/// Periods start on the subscription day on the wall clock of `zone` and recur monthly on that
/// day, clamped to the month's end and always counted from the subscription day (subscribed on 31
/// January: 28 February, 31 March, 30 April…). Each period's fee (one block, upfront) is billed on
/// its first day; the started blocks used beyond it are billed on the next period's first day. When
/// the option ends (`ending_at`), no fee is billed for a period starting at or after the end, but
/// the extra blocks of the last period still are.
///
/// An immutable value (`ending_at` returns a new plan; `==` compares every field). Plain accessors
/// do not throw.
///
/// ```
/// use envoi_mobile::credits::plans::BlockPlan;
/// use std::time::SystemTime;
/// let at = |s: &str| SystemTime::from(s.parse::<envoi::time::Instant>().unwrap());
/// // USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels).
/// let plan = BlockPlan::new(500, "25".into(), "USD".into(), at("2026-01-31T09:00:00Z"), None)?;
/// let march = plan.period(2)?.unwrap();
/// assert_eq!(march.first_day.0, "2026-03-31");
/// // 1,200 SMS in the period starting 28 February: its fee was paid upfront, 2 extra blocks now.
/// let items = plan.bill(march, 1_200)?;
/// assert_eq!(items[1].charge, "extra_blocks");
/// assert_eq!(items[1].quantity, 2);
/// assert_eq!(items[1].amount.as_ref().unwrap().amount, "50");
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct BlockPlan {
    inner: envoi::credits::BlockPlan,
}

impl fmt::Display for BlockPlan {
    /// `BlockPlan(block_size=500, fee=25.00 USD, subscribed_at=2026-01-31T09:00:00+00:00,
    /// zone=Europe/Brussels, end=none)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plan = &self.inner;
        let end = plan
            .end()
            .map_or_else(|| "none".to_owned(), |end| end.to_rfc3339());
        write!(
            f,
            "BlockPlan(block_size={}, fee={}, subscribed_at={}, zone={}, end={end})",
            plan.block_size(),
            plan.fee(),
            plan.subscribed_at().to_rfc3339(),
            plan.zone().name(),
        )
    }
}

impl Hash for BlockPlan {
    /// The fields `==` compares (the subscription day follows from the instant and the zone).
    fn hash<H: Hasher>(&self, state: &mut H) {
        let plan = &self.inner;
        (
            plan.block_size(),
            plan.fee(),
            plan.subscribed_at(),
            plan.zone(),
            plan.end(),
        )
            .hash(state);
    }
}

impl BlockPlan {
    /// The core's plan as this binding's object.
    pub(crate) fn wrap(inner: envoi::credits::BlockPlan) -> Arc<Self> {
        Arc::new(BlockPlan { inner })
    }
}

#[uniffi::export]
impl BlockPlan {
    /// A plan billing `fee` (a decimal amount as text, such as `"25.00"`) in `currency` (an ISO
    /// 4217 code) per started block of `block_size` messages, subscribed at `subscribed_at`;
    /// periods are counted on the wall clock of `zone` (an IANA name; null/nil is
    /// `"Europe/Brussels"`).
    ///
    /// Throws `credits.invalid_argument` (`field`: `block_size` 0, `fee` negative,
    /// `subscribed_at` too close to the end of the supported dates), `money.invalid_amount`,
    /// `money.unknown_currency`, `time.unknown_zone`, `argument.out_of_range` (`block_size`
    /// negative or past 4 294 967 295), `argument.instant_out_of_range`.
    #[uniffi::constructor(default(zone = None))]
    pub fn new(
        block_size: i64,
        fee: String,
        currency: String,
        subscribed_at: SystemTime,
        zone: Option<String>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let block_size = to_u32("block_size", block_size)?;
            let fee = envoi::money::Money::parse(&fee, &currency)?;
            let subscribed_at = to_instant("subscribed_at", subscribed_at)?;
            let zone = to_zone(zone)?;
            let inner = envoi::credits::BlockPlan::new(block_size, fee, subscribed_at, zone)?;
            Ok(Arc::new(BlockPlan { inner }))
        })
    }

    /// The same plan, ending at `end`: no fee is billed for a period starting at or after `end`,
    /// the extra blocks of the last period are still billed, and sends at or after `end` are not on
    /// the plan. Ending again replaces the end.
    ///
    /// Throws `credits.invalid_argument` (`field` `end`) unless `end` is after the subscription
    /// instant, `argument.instant_out_of_range`.
    pub fn ending_at(&self, end: SystemTime) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let end = to_instant("end", end)?;
            let inner = self.inner.clone().ending_at(end)?;
            Ok(Arc::new(BlockPlan { inner }))
        })
    }

    /// The number of messages in a block.
    pub fn block_size(&self) -> u32 {
        self.inner.block_size()
    }

    /// The fee of one block.
    pub fn fee(&self) -> Money {
        Money::of(self.inner.fee())
    }

    /// The subscription instant.
    pub fn subscribed_at(&self) -> SystemTime {
        system_time(self.inner.subscribed_at())
    }

    /// The subscription day on the account's wall clock: the day every period starts on (clamped
    /// to the month's end).
    pub fn subscription_day(&self) -> IsoDate {
        IsoDate::of(self.inner.subscription_day())
    }

    /// The IANA name of the account's zone, whose wall clock places periods and sends.
    pub fn zone(&self) -> String {
        self.inner.zone().name().to_owned()
    }

    /// The end of the option, or null/nil when it does not end.
    pub fn end(&self) -> Option<SystemTime> {
        self.inner.end().map(system_time)
    }

    /// The period at `index` (0 holds the subscription), whether or not the option still runs
    /// then; null/nil only beyond the supported dates. Throws `argument.invalid_index` for a
    /// negative index.
    pub fn period(&self, index: i64) -> Result<Option<BlockPeriod>, EnvoiError> {
        guard(|| {
            if index < 0 {
                return Err(EnvoiError::argument(
                    INVALID_INDEX_CODE,
                    format!(
                        "index: {index} is negative; periods are numbered from 0 (the one holding the subscription)"
                    ),
                ));
            }
            // An index past u32 is past the supported dates, as the core's last ones are.
            Ok(u32::try_from(index)
                .ok()
                .and_then(|index| self.inner.period(index))
                .map(BlockPeriod::of))
        })
    }

    /// The period holding `at`, when the plan covers it: null/nil before the subscription instant
    /// and at or after the end. A send belongs to the period of its instant on the account's wall
    /// clock (00:30 in Brussels on a period's first day is in that period, though still the day
    /// before in UTC). Throws `argument.instant_out_of_range`.
    pub fn period_at(&self, at: SystemTime) -> Result<Option<BlockPeriod>, EnvoiError> {
        guard(|| {
            let at = to_instant("at", at)?;
            Ok(self.inner.period_at(at).map(BlockPeriod::of))
        })
    }

    /// The last period the option runs in (the one holding the instant just before the end);
    /// null/nil when the option does not end. Its extra blocks are billed on the next period's
    /// first day.
    pub fn last_period(&self) -> Option<BlockPeriod> {
        self.inner.last_period().map(BlockPeriod::of)
    }

    /// Whether the option runs at the start of `period` (so its fee is billed). Throws
    /// `argument.instant_out_of_range` and `argument.invalid_date` for a period the core cannot
    /// hold.
    pub fn is_active(&self, period: BlockPeriod) -> Result<bool, EnvoiError> {
        guard(|| Ok(self.inner.is_active(&period.to_core()?)))
    }

    /// The extra blocks for `usage` messages in one period: `max(0, ceil(usage / block_size) - 1)`.
    /// Throws `argument.out_of_range` for a negative usage.
    pub fn extra_blocks(&self, usage: i64) -> Result<u64, EnvoiError> {
        guard(|| Ok(self.inner.extra_blocks(to_u64("usage", usage)?)))
    }

    /// What is billed on `period`'s first day: the period's fee (`"block_fee"`, one block) if the
    /// option runs at its start, then the previous period's extra blocks (`"extra_blocks"`), if
    /// any; `previous_usage` is the number of messages sent in the previous period (see
    /// `usage_by_period`).
    ///
    /// Throws `credits.invalid_argument` (`field` `period`: not this plan's period at its index;
    /// `previous_usage`: not 0 for period 0, or for a period whose previous one starts after the
    /// end), `argument.out_of_range` (a negative usage), and what `is_active` throws.
    pub fn bill(
        &self,
        period: BlockPeriod,
        previous_usage: i64,
    ) -> Result<Vec<BillableItem>, EnvoiError> {
        guard(|| {
            let period = period.to_core()?;
            let previous_usage = to_u64("previous_usage", previous_usage)?;
            items(self.inner.bill(&period, previous_usage)?)
        })
    }

    /// The messages sent in each period, by period index: only the periods with usage. Sends the
    /// plan does not cover (before the subscription instant, at or after the end) and 0-unit sends
    /// are left out; counts saturate at the largest unsigned 64-bit value.
    ///
    /// Throws `argument.out_of_range` (negative units; the message names `sends[i]`),
    /// `argument.instant_out_of_range`.
    pub fn usage_by_period(&self, sends: Vec<SendUnits>) -> Result<HashMap<u32, u64>, EnvoiError> {
        guard(|| {
            let sends = sends
                .iter()
                .enumerate()
                .map(|(i, send)| {
                    Ok((
                        to_instant(&format!("sends[{i}].at"), send.at)?,
                        to_u64(&format!("sends[{i}].units"), send.units)?,
                    ))
                })
                .collect::<Result<Vec<_>, EnvoiError>>()?;
            Ok(self.inner.usage_by_period(sends).into_iter().collect())
        })
    }
}

/// One pay-as-you-go job as the host records it, for [`monthly_statement`]: billed when it is not
/// cancelled, has at least one unit and was handed over to the post in the statement's month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct UsageRecord {
    /// The job's id, unique among the records of one statement.
    pub id: String,
    /// What the units are (a postage such as `"prior_national"`); items are grouped by it.
    pub kind: String,
    /// How many units (letters, sheets…) the job bills. Negative is `argument.out_of_range`.
    pub units: i64,
    /// When the job was handed over to the post; null/nil while it was not.
    #[uniffi(default)]
    pub handed_over_at: Option<SystemTime>,
    /// Whether the job was cancelled before processing (then it is never billed, and it cannot have
    /// been handed over).
    #[uniffi(default = false)]
    pub cancelled: bool,
    /// The price of one unit, when the host knows it here (`money.invalid_amount`,
    /// `money.unknown_currency` when it is not money).
    #[uniffi(default)]
    pub unit_price: Option<Money>,
}

impl UsageRecord {
    fn to_core(&self, index: usize) -> Result<envoi::credits::UsageRecord, EnvoiError> {
        Ok(envoi::credits::UsageRecord {
            id: self.id.clone(),
            kind: self.kind.clone(),
            units: to_u64(&format!("records[{index}].units"), self.units)?,
            handed_over_at: self
                .handed_over_at
                .map(|at| to_instant(&format!("records[{index}].handed_over_at"), at))
                .transpose()?,
            cancelled: self.cancelled,
            unit_price: self.unit_price.as_ref().map(Money::to_core).transpose()?,
        })
    }
}

/// A month's pay-as-you-go statement: one item (`"usage"`) per kind and unit price, issued on the
/// first day of the following month.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct MonthlyStatement {
    /// The year of the month billed.
    pub year: i32,
    /// The month billed, 1 to 12.
    pub month: u32,
    /// Local midnight of the month's first day in the account's zone.
    pub period_start: SystemTime,
    /// Local midnight of the next month's first day (excluded).
    pub period_end: SystemTime,
    /// The day the statement is issued: the first day of the following month.
    pub issue_date: IsoDate,
    /// The items, one per kind and unit price, ordered by kind, then unit price (none first).
    pub items: Vec<BillableItem>,
    /// The ids of the records billed, in the order given.
    pub record_ids: Vec<String>,
}

/// The pay-as-you-go statement of `month` (1 to 12) of `year` on the wall clock of `zone` (an IANA
/// name; null/nil is `"Europe/Brussels"`): the records handed over to the post that month, not
/// cancelled, with at least one unit, grouped by kind and unit price; null/nil for a month without
/// billable records.
///
/// Throws `credits.invalid_argument` (`field`: `month` outside 1 to 12, `year` beyond the supported
/// dates, a blank `kind`, `records` sharing an id or cancelled yet handed over, `units` whose total
/// overflows), `money.invalid_amount`, `money.unknown_currency` (a `unit_price`),
/// `time.unknown_zone`, `argument.out_of_range` (negative `month` or `units`; the message names
/// `records[i]`), `argument.instant_out_of_range`.
///
/// ```
/// use envoi_mobile::credits::plans::{monthly_statement, Money, UsageRecord};
/// use std::time::SystemTime;
/// let at = |s: &str| SystemTime::from(s.parse::<envoi::time::Instant>().unwrap());
/// let price = Money { amount: "1.234".into(), currency: "EUR".into() };
/// let letter = |id: &str, units, handed_over_at| UsageRecord {
///     id: id.into(), kind: "prior_national".into(), units, handed_over_at,
///     cancelled: false, unit_price: Some(price.clone()),
/// };
/// let records = vec![
///     letter("job-1", 3, Some(at("2026-05-04T10:00:00Z"))),
///     letter("job-2", 2, Some(at("2026-05-20T10:00:00Z"))),
///     letter("job-3", 9, None), // not handed over yet
/// ];
/// let may = monthly_statement(records.clone(), 2026, 5, None)?.unwrap();
/// assert_eq!(may.issue_date.0, "2026-06-01");
/// assert_eq!(may.items[0].quantity, 5);
/// assert_eq!(may.items[0].amount.as_ref().unwrap().amount, "6.170");
/// assert!(monthly_statement(records, 2026, 6, None)?.is_none());
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[uniffi::export(default(zone = None))]
pub fn monthly_statement(
    records: Vec<UsageRecord>,
    year: i32,
    month: i32,
    zone: Option<String>,
) -> Result<Option<MonthlyStatement>, EnvoiError> {
    guard(|| {
        let zone: Zone = to_zone(zone)?;
        let month = to_u32("month", i64::from(month))?;
        let records = records
            .iter()
            .enumerate()
            .map(|(index, record)| record.to_core(index))
            .collect::<Result<Vec<_>, _>>()?;
        let Some(statement) = envoi::credits::monthly_statement(&records, year, month, zone)?
        else {
            return Ok(None);
        };
        Ok(Some(MonthlyStatement {
            year: statement.year,
            month: statement.month,
            period_start: system_time(statement.period_start),
            period_end: system_time(statement.period_end),
            issue_date: IsoDate::of(statement.issue_date),
            items: items(statement.items)?,
            record_ids: statement.record_ids,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<envoi::time::Instant>().unwrap())
    }

    fn plan() -> Arc<BlockPlan> {
        BlockPlan::new(
            500,
            "25".into(),
            "USD".into(),
            at("2026-01-31T09:00:00Z"),
            None,
        )
        .unwrap()
    }

    #[test]
    fn periods_and_items_convert_both_ways() {
        let plan = plan();
        let march = plan.period(2).unwrap().unwrap();
        assert_eq!(march.first_day, IsoDate("2026-03-31".into()));
        assert_eq!(march.to_core().map(BlockPeriod::of).unwrap(), march);
        let items = plan.bill(march.clone(), 1_200).unwrap();
        let charges: Vec<_> = items.iter().map(|item| item.charge.as_str()).collect();
        assert_eq!(charges, ["block_fee", "extra_blocks"]);
        assert_eq!(items[1].usage, Some(1_200));
        assert_eq!(
            items[1].amount,
            Some(Money {
                amount: "50".into(),
                currency: "USD".into()
            })
        );
        assert!(plan.is_active(march).unwrap());
        assert_eq!(plan.period(i64::from(u32::MAX) + 1).unwrap(), None);
        assert_eq!(plan.period(-1).unwrap_err().code(), INVALID_INDEX_CODE);
    }

    #[test]
    fn a_forged_period_is_refused_by_the_core_or_as_a_bad_date() {
        let plan = plan();
        let mut period = plan.period(1).unwrap().unwrap();
        period.index = 2;
        let error = plan.bill(period.clone(), 0).unwrap_err();
        assert_eq!(error.code(), "credits.invalid_argument");
        period.first_day = IsoDate("31/03/2026".into());
        let error = plan.bill(period, 0).unwrap_err();
        assert_eq!(error.code(), crate::errors::INVALID_DATE_CODE);
        assert!(error.message().starts_with("period.first_day: "));
    }

    #[test]
    fn money_crosses_as_text_with_the_core_errors() {
        let t = at("2026-01-31T09:00:00Z");
        let error = BlockPlan::new(500, "25,00".into(), "EUR".into(), t, None).unwrap_err();
        assert!(matches!(error, EnvoiError::Money { .. }));
        assert_eq!(error.code(), "money.invalid_amount");
        let error = BlockPlan::new(500, "25".into(), "EURO".into(), t, None).unwrap_err();
        assert_eq!(error.code(), "money.unknown_currency");
        let plan = BlockPlan::new(500, "0.125".into(), "eur".into(), t, None).unwrap();
        assert_eq!(
            plan.fee(),
            Money {
                amount: "0.125".into(),
                currency: "EUR".into()
            }
        );
        let error = BlockPlan::new(-1, "25".into(), "EUR".into(), t, None).unwrap_err();
        assert_eq!(error.code(), crate::errors::OUT_OF_RANGE_CODE);
    }

    #[test]
    fn equal_plans_hash_alike() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |plan: &BlockPlan| {
            let mut hasher = DefaultHasher::new();
            plan.hash(&mut hasher);
            hasher.finish()
        };
        let (a, b) = (plan(), plan());
        assert_eq!(*a, *b);
        assert_eq!(hash(&a), hash(&b));
        assert_eq!(
            a.to_string(),
            "BlockPlan(block_size=500, fee=25.00 USD, subscribed_at=2026-01-31T09:00:00+00:00, zone=Europe/Brussels, end=none)"
        );
    }

    #[test]
    fn usage_names_the_bad_send() {
        let sends = vec![
            SendUnits {
                at: at("2026-02-01T10:00:00Z"),
                units: 3,
            },
            SendUnits {
                at: at("2026-02-02T10:00:00Z"),
                units: -1,
            },
        ];
        let error = plan().usage_by_period(sends).unwrap_err();
        assert_eq!(error.code(), crate::errors::OUT_OF_RANGE_CODE);
        assert!(error.message().starts_with("sends[1].units: -1"));
    }
}
