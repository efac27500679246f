//! The billing plans: `BlockPlan` (Plannit, a fee per started block of messages per monthly period)
//! and `monthlyStatement` (Click & Post, the pay-as-you-go letters of a month), the Node face of
//! `envoi::credits::{BlockPlan, monthly_statement}`.
//!
//! Only conversions. Money goes in as a decimal STRING plus an ISO 4217 currency code and is built
//! by the core's `Money::parse` (`money.invalid_amount`, `money.unknown_currency`); a JS number is
//! refused, since binary floating point is not money. Money comes out as `{ amount, currency }`,
//! the amount being the core decimal's text (every decimal kept, `'6.170'`). Instants go in and out
//! as the ledger's do (a `Date` or an ISO string with an offset in, RFC 3339 in the plan's zone
//! out), days as ISO `"YYYY-MM-DD"` strings, counts as safe integers. Periods, items and
//! statements are plain objects; a period goes back into `bill` and `isActive` as it came out.

use std::collections::BTreeMap;

use envoi::credits::{self as core_credits, Charge, CreditError};
use envoi::money;
use envoi::time::{Instant, Zone};
use napi::bindgen_prelude::{Array, Object, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;

use super::error::{credit_error, number};
use crate::args::{
    bool_value, count_arg, integer_arg, napi_error, number_value, option_field, sole_option,
    string_arg, string_value, type_name, type_of,
};
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::time::{date_arg, format_date, format_in, instant_arg};

/// An amount of money as envoi returns it: the amount as a decimal string, every decimal kept
/// (`'25'`, `'6.170'`; round when invoicing), and its ISO 4217 currency code.
#[napi(object, object_from_js = false)]
pub struct Money {
    /// The amount, a decimal string: never a binary float.
    pub amount: String,
    /// The ISO 4217 code, e.g. `'EUR'`.
    pub currency: String,
}

/// Options of the {@link BlockPlan} constructor. `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct BlockPlanOptions {
    /// The IANA time zone of the account, default `'Europe/Brussels'`: its wall clock places the
    /// periods and the sends, and every instant the plan returns has its offset. An unknown name
    /// throws `time.unknown_zone`.
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
}

/// Options of {@link monthlyStatement}. `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct MonthlyStatementOptions {
    /// The IANA time zone of the account, default `'Europe/Brussels'`: its wall clock decides the
    /// month a letter was handed over in, and the statement's instants have its offset. An unknown
    /// name throws `time.unknown_zone`.
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
}

/// One monthly period of a {@link BlockPlan}: `[start, end)`, starting at local midnight of
/// `firstDay`. Pass it back to {@link BlockPlan.bill} and {@link BlockPlan.isActive} as it came
/// out (or parsed back from its JSON).
#[napi(object, object_from_js = false)]
pub struct BlockPeriod {
    /// The position of the period: 0 is the one holding the subscription.
    pub index: u32,
    /// Local midnight of `firstDay` in the plan's zone.
    pub start: String,
    /// The next period's start (excluded from this period).
    pub end: String,
    /// The period's first day on the account's wall clock, `"YYYY-MM-DD"`: the subscription day,
    /// clamped to the month's end. The fee is billed on that day.
    pub first_day: String,
}

/// One thing to bill: what, how many, the span it covers, the day it is billed and its unit price.
/// Not an invoice line: VAT and invoices are computed elsewhere.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct BillableItem {
    /// What is charged: `'block_fee'` (a period's upfront fee), `'extra_blocks'` (the started
    /// blocks used beyond the paid one, billed the next period) or `'usage'` (pay-as-you-go).
    #[napi(ts_type = "'block_fee' | 'extra_blocks' | 'usage'")]
    pub charge: String,
    /// The number of messages in a block (`'block_fee'`, `'extra_blocks'`), else `null`.
    pub block_size: Option<u32>,
    /// The messages used in the covered period (`'extra_blocks'`), else `null`.
    pub usage: Option<f64>,
    /// The kind of job as the host names it (`'usage'`, such as `'prior_national'`), else `null`.
    pub kind: Option<String>,
    /// How many (blocks, or units of usage).
    pub quantity: f64,
    /// The first instant of the span the item covers.
    pub period_start: String,
    /// The end of the span the item covers (excluded).
    pub period_end: String,
    /// The day (on the account's wall clock) the item is billed, `"YYYY-MM-DD"`.
    pub billed_on: String,
    /// The price of one unit of `quantity`, when known.
    pub unit_price: Option<Money>,
    /// `unitPrice × quantity`, every decimal kept (round when invoicing); `null` without a unit
    /// price.
    pub amount: Option<Money>,
}

/// One pay-as-you-go job as the host records it, for {@link monthlyStatement}: what it is, how
/// many units, and where it stands. It is billed when it is not cancelled, has at least one unit
/// and was handed over to the post in the statement's month. A field name not listed here throws
/// `InvalidArg`; `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct UsageRecord {
    /// The job's id, unique among the records of one statement.
    pub id: String,
    /// What the units are (a postage such as `'prior_national'`); items are grouped by it.
    pub kind: String,
    /// How many units (letters, sheets…) the job bills: a non-negative safe integer.
    pub units: f64,
    /// When the job was handed over to the post (a `Date` or an ISO 8601 string with an offset);
    /// absent while it was not.
    #[napi(ts_type = "Date | string | null")]
    pub handed_over_at: Option<String>,
    /// Whether the job was cancelled before processing (then it is never billed). Default `false`.
    #[napi(ts_type = "boolean | null")]
    pub cancelled: Option<bool>,
    /// The price of one unit as a decimal string (`'1.234'`), with its `currency`: both or
    /// neither.
    #[napi(ts_type = "string | null")]
    pub unit_price: Option<String>,
    /// The ISO 4217 code of `unitPrice`.
    #[napi(ts_type = "string | null")]
    pub currency: Option<String>,
}

/// A month's pay-as-you-go statement ({@link monthlyStatement}): one item per kind and unit price,
/// issued on the first day of the following month.
#[napi(object, object_from_js = false)]
pub struct MonthlyStatement {
    /// The year of the month billed.
    pub year: i32,
    /// The month billed, 1 to 12.
    pub month: u32,
    /// Local midnight of the month's first day.
    pub period_start: String,
    /// Local midnight of the next month's first day (excluded).
    pub period_end: String,
    /// The day the statement is issued, `"YYYY-MM-DD"`: the first day of the following month.
    pub issue_date: String,
    /// One item per kind and unit price (`charge: 'usage'`), ordered by kind, then unit price.
    pub items: Vec<BillableItem>,
    /// The ids of the records billed, in the order given.
    pub record_ids: Vec<String>,
}

/// The field names of {@link UsageRecord}.
const RECORD_FIELDS: [&str; 7] = [
    "id",
    "kind",
    "units",
    "handedOverAt",
    "cancelled",
    "unitPrice",
    "currency",
];

/// A monthly block plan (Plannit): `fee` per started block of `blockSize` messages per period.
///
/// Periods start on the subscription day on the wall clock of `tz` and recur monthly on that day,
/// clamped to the month's end and always counted from the subscription day (subscribed on 31
/// January: 28 February, 31 March, 30 April…). Each period's fee is billed on its first day (one
/// block, upfront); the started blocks used beyond it are billed on the next period's first day.
/// Once the option ends ({@link BlockPlan.endingAt}) no fee is billed for a period starting at or
/// after the end, but the last period's extra blocks still are. Immutable: `endingAt` returns a
/// new plan.
///
/// The fee is a decimal string plus a currency code (never a number: binary floating point is not
/// money); money comes back as `{ amount, currency }`. Instants go in as a `Date` or an ISO 8601
/// string with an offset and come out as RFC 3339 strings with the offset of the plan's zone;
/// days are `"YYYY-MM-DD"` strings. A refusal of the core throws an `Error` whose `.code` is
/// `credits.invalid_argument` with `field`, `value` and `rule` as properties.
///
/// ```js
/// const { BlockPlan } = require('envoi')
/// // USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels).
/// const plan = new BlockPlan(500, '25', 'USD', '2026-01-31T10:00:00+01:00')
/// plan.period(1).firstDay                    // '2026-02-28'
/// // 1,200 SMS in the period of 28 February: on 31 March, that period's fee and 2 extra blocks.
/// plan.bill(plan.period(2), 1200).map((item) => [item.charge, item.quantity, item.amount.amount])
/// // [['block_fee', 1, '25'], ['extra_blocks', 2, '50']]
/// ```
#[napi]
pub struct BlockPlan {
    pub(crate) inner: core_credits::BlockPlan,
}

#[napi]
impl BlockPlan {
    /// A plan billing `fee` (a decimal string such as `'25.00'`) in `currency` (an ISO 4217 code)
    /// per started block of `blockSize` messages, subscribed at `subscribedAt`; periods are counted
    /// on the wall clock of `{ tz }` (default `'Europe/Brussels'`).
    ///
    /// Errors: `credits.invalid_argument` (`blockSize` 0, a negative fee, a subscription too close
    /// to the end of the supported dates), `money.invalid_amount` (a fee that is not a plain
    /// decimal: `'25,00'`, `'1e3'`), `money.unknown_currency`, `time.unknown_zone`,
    /// `time.not_zone_aware`; `InvalidArg` for a fee that is a number and a negative, fractional
    /// or too large `blockSize`.
    #[napi(
        constructor,
        ts_args_type = "blockSize: number, fee: string, currency: string, subscribedAt: Date | string, options?: BlockPlanOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        block_size: f64,
        fee: Unknown<'_>,
        currency: String,
        subscribed_at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let block_size = u32_arg("blockSize", block_size)?;
            let fee = money_arg("fee", &fee, &currency)?;
            let subscribed_at = instant_arg("subscribedAt", &subscribed_at)?;
            let zone = zone_option(options.as_ref())?;
            let inner = core_credits::BlockPlan::new(block_size, fee, subscribed_at, zone)
                .map_err(|error| credit_error(env, zone, error))?;
            Ok(BlockPlan { inner })
        })
    }

    /// The same plan, ending at `end`: no fee is billed for a period starting at or after `end`,
    /// the extra blocks of the last period are still billed, and sends at or after `end` are not
    /// on the plan. Ending again replaces the end. Throws `credits.invalid_argument` (`field:
    /// 'end'`) unless `end` is after the subscription instant.
    ///
    /// ```js
    /// const ended = plan.endingAt('2026-04-15T14:00:00+02:00')
    /// ended.lastPeriod().firstDay                            // '2026-03-31'
    /// ended.bill(ended.period(3), 700).map((item) => item.charge) // ['extra_blocks']
    /// ```
    #[napi(ts_args_type = "end: Date | string")]
    pub fn ending_at(&self, env: Env, end: Unknown<'_>) -> napi::Result<BlockPlan, Code> {
        guard(|| {
            let end = instant_arg("end", &end)?;
            let inner = self
                .inner
                .clone()
                .ending_at(end)
                .map_err(|error| self.error(env, error))?;
            Ok(BlockPlan { inner })
        })
    }

    /// The number of messages in a block.
    #[napi(getter)]
    pub fn block_size(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.block_size()))
    }

    /// The fee of one block.
    #[napi(getter)]
    pub fn fee(&self) -> napi::Result<Money, Code> {
        guard(|| Ok(money_to_js(self.inner.fee())))
    }

    /// The subscription instant, in the plan's zone.
    #[napi(getter)]
    pub fn subscribed_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.format(self.inner.subscribed_at())))
    }

    /// The subscription day on the account's wall clock, `"YYYY-MM-DD"`: the day every period
    /// starts on (clamped to the month's end).
    #[napi(getter)]
    pub fn subscription_day(&self) -> napi::Result<String, Code> {
        guard(|| Ok(format_date(self.inner.subscription_day())))
    }

    /// The IANA name of the account's zone, whose wall clock places periods and sends.
    #[napi(getter)]
    pub fn tz(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.zone().name().to_owned()))
    }

    /// The end of the option, in the plan's zone, or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn end(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.end().map(|end| self.format(end))))
    }

    /// Whether `other` is the same plan: the same block size, fee, subscription, zone and end.
    #[napi]
    pub fn equals(&self, other: &BlockPlan) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// The period at `index` (0 holds the subscription), whether or not the option still runs
    /// then: the calendar goes on after the end so that the last period's extra blocks have a day
    /// to be billed on. `null` only beyond the supported dates. `InvalidArg` for an index that is
    /// not an integer from 0 to 4,294,967,295.
    #[napi(ts_args_type = "index: number", ts_return_type = "BlockPeriod | null")]
    pub fn period(&self, index: f64) -> napi::Result<Option<BlockPeriod>, Code> {
        guard(|| {
            let index = u32_arg("index", index)?;
            Ok(self
                .inner
                .period(index)
                .map(|period| self.period_to_js(period)))
        })
    }

    /// The period holding `t`, when the plan covers `t`: `null` before the subscription instant
    /// and at or after the end. A send belongs to the period of its instant on the account's wall
    /// clock (at 00:30 in Brussels on a period's first day it is in that period, though still the
    /// previous day in UTC).
    #[napi(
        ts_args_type = "t: Date | string",
        ts_return_type = "BlockPeriod | null"
    )]
    pub fn period_at(&self, t: Unknown<'_>) -> napi::Result<Option<BlockPeriod>, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            Ok(self
                .inner
                .period_at(t)
                .map(|period| self.period_to_js(period)))
        })
    }

    /// The last period the option runs in (the one holding the instant just before the end);
    /// `null` when the option does not end. Its extra blocks are billed on the next period's first
    /// day.
    #[napi(ts_return_type = "BlockPeriod | null")]
    pub fn last_period(&self) -> napi::Result<Option<BlockPeriod>, Code> {
        guard(|| {
            Ok(self
                .inner
                .last_period()
                .map(|period| self.period_to_js(period)))
        })
    }

    /// Whether the option runs at the start of `period` (so its fee is billed). `InvalidArg` for a
    /// value that is not a period.
    #[napi(ts_args_type = "period: BlockPeriod")]
    pub fn is_active(&self, period: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.is_active(&period_arg(&period)?)))
    }

    /// What is billed on `period`'s first day: the period's fee (`'block_fee'`, one block) if the
    /// option runs at its start, then the previous period's extra blocks (`'extra_blocks'`,
    /// `max(0, ceil(previousUsage / blockSize) - 1)` at the fee), if any. `previousUsage` is the
    /// number of messages sent in the previous period (see {@link BlockPlan.usageByPeriod}).
    ///
    /// Errors: `credits.invalid_argument` with `field` `'period'` (not this plan's period at its
    /// index) or `'previous_usage'` (usage before period 0, or in a period starting after the
    /// end); `InvalidArg` for a value that is not a period or a negative or fractional usage.
    #[napi(
        ts_args_type = "period: BlockPeriod, previousUsage: number",
        ts_return_type = "BillableItem[]"
    )]
    pub fn bill(
        &self,
        env: Env,
        period: Unknown<'_>,
        previous_usage: f64,
    ) -> napi::Result<Vec<BillableItem>, Code> {
        guard(|| {
            let period = period_arg(&period)?;
            let previous_usage = count_arg("previousUsage", previous_usage)?;
            let items = self
                .inner
                .bill(&period, previous_usage)
                .map_err(|error| self.error(env, error))?;
            Ok(items_to_js(self.inner.zone(), items))
        })
    }

    /// The extra blocks for `usage` messages in one period: `max(0, ceil(usage / blockSize) - 1)`.
    /// `InvalidArg` for a negative or fractional usage.
    #[napi(ts_args_type = "usage: number")]
    pub fn extra_blocks(&self, usage: f64) -> napi::Result<f64, Code> {
        guard(|| Ok(number(self.inner.extra_blocks(count_arg("usage", usage)?))))
    }

    /// The messages sent in each period, from `[at, units]` pairs (`units`: SMS parts ×
    /// recipients; 1 per plain send): `{ [period index]: messages }` for the periods with usage.
    /// Sends the plan does not cover (before the subscription instant, at or after the end) and
    /// 0-unit sends are left out. `InvalidArg` for an element that is not such a pair.
    ///
    /// ```js
    /// const usage = plan.usageByPeriod([['2026-02-10T09:00:00+01:00', 3], [new Date('2026-03-01T08:00:00Z'), 2]])
    /// usage                                      // { 0: 3, 1: 2 }
    /// plan.bill(plan.period(1), usage[0] ?? 0)   // on 28 February: its fee, no extra block
    /// ```
    #[napi(
        ts_args_type = "sends: Array<[Date | string, number]>",
        ts_return_type = "Record<number, number>"
    )]
    pub fn usage_by_period(&self, sends: Unknown<'_>) -> napi::Result<BTreeMap<String, f64>, Code> {
        guard(|| {
            let sends = sends_arg(&sends)?;
            Ok(self
                .inner
                .usage_by_period(sends)
                .into_iter()
                .map(|(index, messages)| (index.to_string(), number(messages)))
                .collect())
        })
    }
}

impl BlockPlan {
    fn format(&self, instant: Instant) -> String {
        format_in(self.inner.zone(), instant)
    }

    fn error(&self, env: Env, error: CreditError) -> JsError {
        credit_error(env, self.inner.zone(), error)
    }

    fn period_to_js(&self, period: core_credits::BlockPeriod) -> BlockPeriod {
        BlockPeriod {
            index: period.index,
            start: self.format(period.start),
            end: self.format(period.end),
            first_day: format_date(period.first_day),
        }
    }
}

/// The pay-as-you-go statement of `month` (1 to 12) of `year`, months on the wall clock of
/// `{ tz }` (default `'Europe/Brussels'`): the jobs handed over to the post that month, not
/// cancelled, with at least one unit, grouped by kind and unit price and billed on the first day
/// of the following month; `null` for a month without billable jobs.
///
/// Errors: `credits.invalid_argument` with `field` `'month'` (not 1 to 12), `'year'` (beyond the
/// supported dates), `'kind'` (a blank kind) or `'records'` (a duplicate id, a cancelled job that
/// was handed over); `money.invalid_amount`, `money.unknown_currency` for a record's price,
/// `time.unknown_zone`, `time.not_zone_aware`; `InvalidArg` for a record that is not a
/// {@link UsageRecord} (naming it: `records[2].units`), a price without its currency or the
/// reverse, a negative or fractional `units` or `month`.
///
/// ```js
/// const { monthlyStatement } = require('envoi')
/// const statement = monthlyStatement([
///   { id: 'job-1', kind: 'prior_national', units: 3, handedOverAt: '2026-05-04T12:00:00+02:00', unitPrice: '1.234', currency: 'EUR' },
///   { id: 'job-2', kind: 'prior_national', units: 5, cancelled: true },
/// ], 2026, 5)
/// statement.issueDate                        // '2026-06-01'
/// statement.items[0].amount                  // { amount: '3.702', currency: 'EUR' }
/// monthlyStatement([], 2026, 6)              // null
/// ```
#[napi(
    ts_args_type = "records: UsageRecord[], year: number, month: number, options?: MonthlyStatementOptions | undefined | null",
    ts_return_type = "MonthlyStatement | null"
)]
pub fn monthly_statement(
    env: Env,
    records: Unknown<'_>,
    year: f64,
    month: f64,
    options: Option<Unknown<'_>>,
) -> napi::Result<Option<MonthlyStatement>, Code> {
    guard(|| {
        let zone = zone_option(options.as_ref())?;
        let records = records_arg(&records)?;
        // A year or month past 32 bits saturates, for the core to refuse with its own error.
        let year = integer_arg("year", year)?;
        let year = i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX });
        let month = u32::try_from(count_arg("month", month)?).unwrap_or(u32::MAX);
        let statement = core_credits::monthly_statement(&records, year, month, zone)
            .map_err(|error| credit_error(env, zone, error))?;
        Ok(statement.map(|statement| MonthlyStatement {
            year: statement.year,
            month: statement.month,
            period_start: format_in(zone, statement.period_start),
            period_end: format_in(zone, statement.period_end),
            issue_date: format_date(statement.issue_date),
            items: items_to_js(zone, statement.items),
            record_ids: statement.record_ids,
        }))
    })
}

/// Money as returned to JS: the core decimal's text and the currency code.
pub fn money_to_js(money: money::Money) -> Money {
    Money {
        amount: money.amount().to_string(),
        currency: money.currency().code().to_owned(),
    }
}

/// Reads an amount argument `name` (a decimal string) in `currency` with the core's
/// `Money::parse`: `money.invalid_amount`, `money.unknown_currency`; `InvalidArg` for a value that
/// is not a string (a number above all: money never goes through binary floating point).
fn money_arg(name: &str, amount: &Unknown<'_>, currency: &str) -> Result<money::Money, JsError> {
    let kind = type_of(name, amount)?;
    if kind != ValueType::String {
        return Err(invalid_arg(format!(
            "{name}: expected a decimal string such as '25.00', got a value of type {}; money is \
             never binary floating point (write '0.135', not 0.135)",
            type_name(kind)
        )));
    }
    money::Money::parse(&string_value(name, amount)?, currency).map_err(to_js)
}

/// The core items as JS objects, instants written in `zone`.
fn items_to_js(zone: Zone, items: Vec<core_credits::BillableItem>) -> Vec<BillableItem> {
    items
        .into_iter()
        .map(|item| {
            let (block_size, usage, kind) = match &item.charge {
                Charge::BlockFee { block_size } => (Some(*block_size), None, None),
                Charge::ExtraBlocks { block_size, usage } => {
                    (Some(*block_size), Some(number(*usage)), None)
                }
                Charge::Usage { kind } => (None, None, Some(kind.clone())),
                // A charge added to the core later: its name, no fields yet.
                _ => (None, None, None),
            };
            BillableItem {
                charge: charge_name(&item.charge),
                block_size,
                usage,
                kind,
                quantity: number(item.quantity),
                period_start: format_in(zone, item.period_start),
                period_end: format_in(zone, item.period_end),
                billed_on: format_date(item.billed_on),
                unit_price: item.unit_price.map(money_to_js),
                amount: item.amount().map(money_to_js),
            }
        })
        .collect()
}

/// The name the core's JSON form gives a charge (its `type` tag: `"block_fee"`).
fn charge_name(charge: &Charge) -> String {
    match serde_json::to_value(charge) {
        Ok(serde_json::Value::Object(fields)) => match fields.get("type") {
            Some(serde_json::Value::String(name)) => name.clone(),
            _ => String::new(),
        },
        // A tagged variant always serialises to an object with its tag.
        _ => String::new(),
    }
}

/// Reads a count that must fit 32 bits: a non-negative safe integer up to 4,294,967,295.
fn u32_arg(name: &str, value: f64) -> Result<u32, JsError> {
    u32::try_from(count_arg(name, value)?)
        .map_err(|_| invalid_arg(format!("{name}: {value} is out of range (0 to 4294967295)")))
}

/// Reads the `{ tz }` options of the constructor and of `monthlyStatement`.
fn zone_option(options: Option<&Unknown<'_>>) -> Result<Zone, JsError> {
    match sole_option(options, "tz", "{ tz: 'Europe/Brussels' }")? {
        Some(value) => string_arg("tz", &value)?.parse::<Zone>().map_err(to_js),
        None => Ok(Zone::default()),
    }
}

/// Reads the plain object `name` (not an array, not a `Date`).
fn object_arg<'env>(
    name: &str,
    value: &Unknown<'env>,
    expected: &str,
) -> Result<Object<'env>, JsError> {
    let kind = type_of(name, value)?;
    if kind != ValueType::Object
        || value.is_array().unwrap_or(false)
        || value.is_date().unwrap_or(false)
    {
        return Err(invalid_arg(format!(
            "{name}: expected {expected}, got {}",
            if kind == ValueType::Object {
                "an array or a Date".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    unsafe { value.cast::<Object<'env>>() }.map_err(napi_error)
}

/// Reads the array `name`.
fn array_arg<'env>(
    name: &str,
    value: &Unknown<'env>,
    expected: &str,
) -> Result<Array<'env>, JsError> {
    if !value.is_array().unwrap_or(false) {
        let kind = type_of(name, value)?;
        return Err(invalid_arg(format!(
            "{name}: expected {expected}, got {}",
            if kind == ValueType::Object {
                "an object that is not an array".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    // SAFETY: `value` is a live handle of the current call and an array (checked just above).
    unsafe { value.cast::<Array<'env>>() }.map_err(napi_error)
}

/// The element `index` of `array` (which has more elements than `index`).
fn element<'env>(array: &Array<'env>, index: u32) -> Result<Unknown<'env>, JsError> {
    array
        .get::<Unknown<'env>>(index)
        .map_err(napi_error)?
        .ok_or_else(|| invalid_arg(format!("element {index} is missing")))
}

/// The required field `name` of `object` (`InvalidArg` naming `path` when absent or `null`).
fn required<'env>(object: &Object<'env>, path: &str, name: &str) -> Result<Unknown<'env>, JsError> {
    option_field(object, name)?.ok_or_else(|| invalid_arg(format!("{path}.{name}: is required")))
}

/// Reads a period as {@link BlockPlan.period} returns it: `index`, `start`, `end` and `firstDay`
/// (other fields are ignored). Whether it is the plan's period is the core's check.
fn period_arg(value: &Unknown<'_>) -> Result<core_credits::BlockPeriod, JsError> {
    let object = object_arg(
        "period",
        value,
        "a period as plan.period(i) returns it ({ index, start, end, firstDay })",
    )?;
    let index = required(&object, "period", "index")?;
    let index = u32_arg("period.index", number_value("period.index", &index)?)?;
    let start = instant_arg("period.start", &required(&object, "period", "start")?)?;
    let end = instant_arg("period.end", &required(&object, "period", "end")?)?;
    let first_day = date_arg("period.firstDay", &required(&object, "period", "firstDay")?)?;
    Ok(core_credits::BlockPeriod {
        index,
        start,
        end,
        first_day,
    })
}

/// Reads the `[at, units]` pairs of `usageByPeriod`.
fn sends_arg(value: &Unknown<'_>) -> Result<Vec<(Instant, u64)>, JsError> {
    let example = "an array of [at, units] pairs such as [['2026-02-10T09:00:00+01:00', 1]]";
    let sends = array_arg("sends", value, example)?;
    (0..sends.len())
        .map(|index| {
            let name = format!("sends[{index}]");
            let pair = array_arg(&name, &element(&sends, index)?, "an [at, units] pair")?;
            if pair.len() != 2 {
                return Err(invalid_arg(format!(
                    "{name}: expected an [at, units] pair, got an array of {} elements",
                    pair.len()
                )));
            }
            let at = instant_arg(&format!("{name}[0]"), &element(&pair, 0)?)?;
            let units_name = format!("{name}[1]");
            let units = count_arg(&units_name, number_value(&units_name, &element(&pair, 1)?)?)?;
            Ok((at, units))
        })
        .collect()
}

/// Reads the records of `monthlyStatement` (see {@link UsageRecord}).
fn records_arg(value: &Unknown<'_>) -> Result<Vec<core_credits::UsageRecord>, JsError> {
    let records = array_arg("records", value, "an array of usage records")?;
    (0..records.len())
        .map(|index| record_arg(&format!("records[{index}]"), &element(&records, index)?))
        .collect()
}

/// Reads one usage record, named `path` in errors.
fn record_arg(path: &str, value: &Unknown<'_>) -> Result<core_credits::UsageRecord, JsError> {
    let object = object_arg(
        path,
        value,
        "a usage record such as { id: 'job-1', kind: 'prior_national', units: 3 }",
    )?;
    for key in Object::keys(&object).map_err(napi_error)? {
        if !RECORD_FIELDS.contains(&key.as_str()) {
            return Err(invalid_arg(format!(
                "{path}: unknown field {key:?}; expected {}",
                RECORD_FIELDS.join(", ")
            )));
        }
    }
    let field = |name: &str| format!("{path}.{name}");
    let id = string_arg(&field("id"), &required(&object, path, "id")?)?;
    let kind = string_arg(&field("kind"), &required(&object, path, "kind")?)?;
    let units = required(&object, path, "units")?;
    let units = count_arg(&field("units"), number_value(&field("units"), &units)?)?;
    let handed_over_at = option_field(&object, "handedOverAt")?
        .map(|at| instant_arg(&field("handedOverAt"), &at))
        .transpose()?;
    let cancelled = option_field(&object, "cancelled")?
        .map(|value| bool_value(&field("cancelled"), &value))
        .transpose()?
        .unwrap_or(false);
    let unit_price = match (
        option_field(&object, "unitPrice")?,
        option_field(&object, "currency")?,
    ) {
        (Some(price), Some(currency)) => {
            let currency = string_arg(&field("currency"), &currency)?;
            Some(money_arg(&field("unitPrice"), &price, &currency)?)
        }
        (None, None) => None,
        (Some(_), None) => {
            return Err(invalid_arg(format!(
                "{path}: unitPrice needs its currency, such as currency: 'EUR' (unitPrice and currency go together)"
            )));
        }
        (None, Some(_)) => {
            return Err(invalid_arg(format!(
                "{path}: currency needs a unitPrice, such as unitPrice: '1.35' (unitPrice and currency go together)"
            )));
        }
    };
    Ok(core_credits::UsageRecord {
        id,
        kind,
        units,
        handed_over_at,
        cancelled,
        unit_price,
    })
}
