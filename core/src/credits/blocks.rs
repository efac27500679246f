//! The monthly block plan (Plannit): a fee per started block of N messages per month.
//!
//! SPEC section 6, **Decisions (block billing)**: periods start on the subscription day and recur
//! monthly on that day, clamped to the month's end and always counted from the subscription day (no
//! drift: subscribed on 31 January, periods start on 28 February, 31 March, 30 April…). A period is
//! `[local midnight of its first day, local midnight of the next period's first day)` in the account's
//! zone. Each period's fee (one block, upfront, no proration) is billed on its first day; usage beyond
//! that block is billed on the next period's first day, one fee per additional started block. When the
//! option ends, no fee is billed for a period starting at or after the end, but the extra blocks of the
//! last period still are.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{BillableItem, Charge, CreditError};
use crate::money::Money;
use crate::time::{Instant, Zone};

/// One monthly period of a [`BlockPlan`]: `[start, end)`, starting at local midnight of `first_day`.
///
/// ```
/// use envoi::credits::BlockPlan;
/// use envoi::money::{Currency, Money};
/// use envoi::time::Zone;
///
/// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
/// let february = plan.period(1).unwrap();
/// assert_eq!(february.first_day.to_string(), "2026-02-28");
/// assert_eq!(february.start.to_rfc3339(), "2026-02-27T23:00:00+00:00"); // midnight in Brussels
/// assert_eq!(february.end, plan.period(2).unwrap().start);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BlockPeriod {
    /// The position of the period: 0 is the one holding the subscription.
    pub index: u32,
    /// Local midnight of `first_day` in the plan's zone.
    pub start: Instant,
    /// The next period's start (excluded from this period).
    pub end: Instant,
    /// The period's first day on the account's wall clock: the subscription day, clamped to the
    /// month's end. The fee is billed on that day.
    pub first_day: NaiveDate,
}

impl BlockPeriod {
    /// Whether the instant falls in the period (`start <= t < end`).
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// let period = plan.period(1).unwrap();
    /// assert!(period.contains(period.start));
    /// assert!(!period.contains(period.end));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, t: Instant) -> bool {
        self.start <= t && t < self.end
    }
}

/// A monthly block plan: `fee` per started block of `block_size` messages per period.
///
/// Build it with [`BlockPlan::new`], end it with [`BlockPlan::ending_at`], count usage with
/// [`BlockPlan::usage_by_period`] and ask what to bill on a period's first day with
/// [`BlockPlan::bill`].
///
/// ```
/// use envoi::credits::{BlockPlan, Charge};
/// use envoi::money::Money;
/// use envoi::time::Zone;
/// use rust_decimal::Decimal;
///
/// // USD 25 per started block of 500 SMS, subscribed on 31 January 2026 (Brussels).
/// let fee = Money::new(Decimal::from(25), "USD".parse()?);
/// let plan = BlockPlan::new(500, fee, "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
///
/// // 1,200 SMS in the period starting 28 February: 3 started blocks, 1 paid upfront,
/// // so 2 extra blocks are billed on 31 March with that period's fee.
/// let march = plan.period(2).unwrap();
/// let items = plan.bill(&march, 1_200)?;
/// assert_eq!(items.len(), 2);
/// assert_eq!(items[0].charge, Charge::BlockFee { block_size: 500 });
/// assert_eq!(items[1].charge, Charge::ExtraBlocks { block_size: 500, usage: 1_200 });
/// assert_eq!(items[1].quantity, 2);
/// assert_eq!(items[1].billed_on.to_string(), "2026-03-31");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPlan {
    block_size: u32,
    fee: Money,
    subscribed_at: Instant,
    subscription_day: NaiveDate,
    zone: Zone,
    end: Option<Instant>,
}

impl BlockPlan {
    /// A plan billing `fee` per started block of `block_size` messages, subscribed at
    /// `subscribed_at`; periods are counted on the wall clock of `zone` (an account's default is
    /// `Europe/Brussels`, [`Zone::default`]).
    ///
    /// # Errors
    /// [`CreditError::InvalidArgument`] when `block_size` is 0, `fee` is negative, or the
    /// subscription is so close to the end of the supported dates that its second period cannot be
    /// placed (`subscribed_at`).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let at = "2026-01-31T09:00:00Z".parse()?;
    /// let error = BlockPlan::new(0, Money::zero(Currency::EUR), at, Zone::default()).unwrap_err();
    /// assert_eq!(error.code(), "credits.invalid_argument");
    /// assert_eq!(error.to_string(), "block_size: 0 is not a block size; a block holds 1 message or more");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        block_size: u32,
        fee: Money,
        subscribed_at: Instant,
        zone: Zone,
    ) -> Result<BlockPlan, CreditError> {
        if block_size == 0 {
            return Err(CreditError::InvalidArgument {
                field: "block_size",
                value: block_size.to_string(),
                rule: "is not a block size; a block holds 1 message or more",
            });
        }
        if fee.amount() < Decimal::ZERO {
            return Err(CreditError::InvalidArgument {
                field: "fee",
                value: fee.to_string(),
                rule: "is negative; a block fee is zero or more",
            });
        }
        let subscription_day = zone
            .local_checked(subscribed_at)
            .map(|local| local.date())
            .ok_or_else(|| CreditError::InvalidArgument {
                field: "subscribed_at",
                value: subscribed_at.to_rfc3339(),
                rule: "is beyond the dates a wall clock can show",
            })?;
        let plan = BlockPlan {
            block_size,
            fee,
            subscribed_at,
            subscription_day,
            zone,
            end: None,
        };
        if plan.period(1).is_none() {
            return Err(CreditError::InvalidArgument {
                field: "subscribed_at",
                value: subscribed_at.to_rfc3339(),
                rule: "is too close to the end of the supported dates to place a monthly period",
            });
        }
        Ok(plan)
    }

    /// The same plan, ending at `end`: no fee is billed for a period starting at or after `end`, the
    /// extra blocks of the last period are still billed, and sends at or after `end` are not on the
    /// plan. Ending again replaces the end.
    ///
    /// # Errors
    /// [`CreditError::InvalidArgument`] (`end`) unless `end` is after the subscription instant.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// let ended = plan.clone().ending_at("2026-04-15T12:00:00Z".parse()?)?;
    /// assert_eq!(ended.last_period().unwrap().first_day.to_string(), "2026-03-31");
    /// let error = plan.ending_at("2026-01-31T09:00:00Z".parse()?).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "end: 2026-01-31T09:00:00+00:00 is not after the subscription instant; an option ends after it starts"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ending_at(self, end: Instant) -> Result<BlockPlan, CreditError> {
        if end <= self.subscribed_at {
            return Err(CreditError::InvalidArgument {
                field: "end",
                value: end.to_rfc3339(),
                rule: "is not after the subscription instant; an option ends after it starts",
            });
        }
        Ok(BlockPlan {
            end: Some(end),
            ..self
        })
    }

    /// The number of messages in a block.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.block_size(), 500);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn block_size(&self) -> u32 {
        self.block_size
    }

    /// The fee of one block.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.fee(), Money::zero(Currency::EUR));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fee(&self) -> Money {
        self.fee
    }

    /// The subscription instant.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.subscribed_at().to_rfc3339(), "2026-01-31T09:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subscribed_at(&self) -> Instant {
        self.subscribed_at
    }

    /// The subscription day on the account's wall clock: the day every period starts on (clamped).
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// // 23:30 UTC on 30 January is already 31 January in Brussels.
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-30T23:30:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.subscription_day().to_string(), "2026-01-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subscription_day(&self) -> NaiveDate {
        self.subscription_day
    }

    /// The account's zone, whose wall clock places periods and sends.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.zone().name(), "Europe/Brussels");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The end of the option, if it ends.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.end(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Option<Instant> {
        self.end
    }

    /// The period at `index` (0 holds the subscription), whether or not the option still runs then:
    /// the calendar goes on after the end so that the last period's extra blocks have a day to be
    /// billed on. `None` only beyond the supported dates.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// let days: Vec<String> = (0..4).map(|i| plan.period(i).unwrap().first_day.to_string()).collect();
    /// assert_eq!(days, ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    /// assert!(plan.period(u32::MAX).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period(&self, index: u32) -> Option<BlockPeriod> {
        let next = index.checked_add(1)?;
        let first_day = self.first_day(index)?;
        let start = self.midnight(first_day)?;
        let end = self.midnight(self.first_day(next)?)?;
        Some(BlockPeriod {
            index,
            start,
            end,
            first_day,
        })
    }

    /// The period holding `t`, when the plan covers `t`: `None` before the subscription instant and
    /// at or after the end. A send belongs to the period of its instant on the account's wall clock:
    /// at 00:30 in Brussels on a period's first day it is in that period, though still the previous
    /// day in UTC.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// // 00:30 on 31 March in Brussels (summer time) is 22:30 UTC on 30 March.
    /// assert_eq!(plan.period_at("2026-03-30T22:30:00Z".parse()?).unwrap().index, 2);
    /// assert_eq!(plan.period_at("2026-03-30T21:59:59Z".parse()?).unwrap().index, 1);
    /// assert!(plan.period_at("2026-01-31T08:59:59Z".parse()?).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period_at(&self, t: Instant) -> Option<BlockPeriod> {
        if t < self.subscribed_at || self.end.is_some_and(|end| t >= end) {
            return None;
        }
        let day = self.zone.local_checked(t)?.date();
        let months = (i64::from(day.year()) - i64::from(self.subscription_day.year())) * 12
            + i64::from(day.month())
            - i64::from(self.subscription_day.month());
        let mut index = u32::try_from(months).ok()?;
        if self.first_day(index)? > day {
            index = index.checked_sub(1)?;
        }
        // The wall-clock date decides; the instants agree with it, but step if a zone's odd
        // midnight ever made them differ.
        let mut period = self.period(index)?;
        while t < period.start {
            period = self.period(period.index.checked_sub(1)?)?;
        }
        while t >= period.end {
            period = self.period(period.index.checked_add(1)?)?;
        }
        Some(period)
    }

    /// The last period the option runs in (the one holding the instant just before the end);
    /// `None` when the option does not end. Its extra blocks are billed on the next period's first
    /// day.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// assert!(plan.last_period().is_none());
    /// // Ending exactly at a period's start: the period before is the last one.
    /// let april = plan.period(3).unwrap();
    /// let ended = plan.ending_at(april.start)?;
    /// assert_eq!(ended.last_period().unwrap().index, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn last_period(&self) -> Option<BlockPeriod> {
        let end = self.end?;
        let just_before = end - chrono::TimeDelta::nanoseconds(1);
        self.period_at(just_before.max(self.subscribed_at))
    }

    /// Whether the option runs at the start of `period` (so its fee is billed): it has not ended
    /// at that instant. Period 0 always runs, since the end is after the subscription.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?
    ///     .ending_at("2026-04-15T12:00:00Z".parse()?)?;
    /// assert!(plan.is_active(&plan.period(2).unwrap()));
    /// assert!(!plan.is_active(&plan.period(3).unwrap()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active(&self, period: &BlockPeriod) -> bool {
        self.end.is_none_or(|end| period.start < end)
    }

    /// What is billed on `period`'s first day: the period's fee (one block, at the plan's fee) if
    /// the option runs at its start, then the previous period's extra blocks,
    /// `max(0, ceil(previous_usage / block_size) - 1)` at the plan's fee, if any. `previous_usage` is
    /// the number of messages sent in the previous period (see [`BlockPlan::usage_by_period`]).
    ///
    /// Over a period with usage `u`, the blocks billed (its fee, then its extras on the next first day)
    /// are `max(1, ceil(u / block_size))`.
    ///
    /// # Errors
    /// [`CreditError::InvalidArgument`]:
    /// - `period`, when it is not this plan's period at its index (take it from
    ///   [`BlockPlan::period`] or [`BlockPlan::period_at`]);
    /// - `previous_usage`, when it is not 0 for period 0 (which has no previous period) or for a
    ///   period whose previous period starts after the end (sends after the end are not on the plan).
    ///
    /// ```
    /// use envoi::credits::{BlockPlan, Charge};
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    /// use rust_decimal::Decimal;
    ///
    /// let fee = Money::new(Decimal::from(25), Currency::EUR);
    /// let plan = BlockPlan::new(500, fee, "2026-01-31T09:00:00Z".parse()?, Zone::default())?
    ///     .ending_at("2026-04-15T12:00:00Z".parse()?)?;
    /// // The option ended in the period starting 31 March: on 30 April, no fee,
    /// // but that period's 700 SMS still cost one extra block.
    /// let items = plan.bill(&plan.period(3).unwrap(), 700)?;
    /// assert_eq!(items.len(), 1);
    /// assert_eq!(items[0].charge, Charge::ExtraBlocks { block_size: 500, usage: 700 });
    /// assert_eq!(items[0].billed_on.to_string(), "2026-04-30");
    /// // Nothing afterwards.
    /// assert!(plan.bill(&plan.period(4).unwrap(), 0)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bill(
        &self,
        period: &BlockPeriod,
        previous_usage: u64,
    ) -> Result<Vec<BillableItem>, CreditError> {
        if self.period(period.index).as_ref() != Some(period) {
            return Err(CreditError::InvalidArgument {
                field: "period",
                value: format!(
                    "{} ({} to {})",
                    period.index,
                    period.start.to_rfc3339(),
                    period.end.to_rfc3339()
                ),
                rule: "is not a period of this plan; take it from BlockPlan::period or BlockPlan::period_at",
            });
        }
        let mut items = Vec::with_capacity(2);
        if self.is_active(period) {
            items.push(BillableItem {
                charge: Charge::BlockFee {
                    block_size: self.block_size,
                },
                quantity: 1,
                period_start: period.start,
                period_end: period.end,
                billed_on: period.first_day,
                unit_price: Some(self.fee),
            });
        }
        let previous = match period.index.checked_sub(1) {
            Some(index) => self.period(index),
            None => None,
        };
        let previous = match previous {
            Some(previous) if self.is_active(&previous) => previous,
            _ if previous_usage == 0 => return Ok(items),
            Some(_) => {
                return Err(CreditError::InvalidArgument {
                    field: "previous_usage",
                    value: previous_usage.to_string(),
                    rule: "is usage in a period starting after the option ended; sends after the end are not on the plan",
                });
            }
            None => {
                return Err(CreditError::InvalidArgument {
                    field: "previous_usage",
                    value: previous_usage.to_string(),
                    rule: "is usage before period 0, which holds the subscription; pass 0 for period 0",
                });
            }
        };
        let extra = self.extra_blocks(previous_usage);
        if extra > 0 {
            items.push(BillableItem {
                charge: Charge::ExtraBlocks {
                    block_size: self.block_size,
                    usage: previous_usage,
                },
                quantity: extra,
                period_start: previous.start,
                period_end: previous.end,
                billed_on: period.first_day,
                unit_price: Some(self.fee),
            });
        }
        Ok(items)
    }

    /// The extra blocks for `usage` messages in one period: `max(0, ceil(usage / block_size) - 1)`.
    ///
    /// ```
    /// # use envoi::credits::BlockPlan;
    /// # use envoi::money::{Currency, Money};
    /// # let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Default::default())?;
    /// assert_eq!(plan.extra_blocks(0), 0);
    /// assert_eq!(plan.extra_blocks(500), 0);
    /// assert_eq!(plan.extra_blocks(501), 1);
    /// assert_eq!(plan.extra_blocks(1_200), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extra_blocks(&self, usage: u64) -> u64 {
        usage.div_ceil(u64::from(self.block_size)).saturating_sub(1)
    }

    /// The messages sent in each period, from `(send instant, units)` pairs (units: SMS parts ×
    /// recipients; pass 1 per plain send). Sends the plan does not cover (before the subscription
    /// instant, at or after the end) are left out, and so are 0-unit sends; the map holds the
    /// periods with usage, by index. Counts saturate at `u64::MAX`.
    ///
    /// ```
    /// use envoi::credits::BlockPlan;
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::{Instant, Zone};
    ///
    /// let plan = BlockPlan::new(500, Money::zero(Currency::EUR), "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
    /// let sends: Vec<(Instant, u64)> = vec![
    ///     ("2026-01-31T12:00:00Z".parse()?, 3),
    ///     ("2026-02-27T23:00:00Z".parse()?, 2), // midnight, 28 February in Brussels
    ///     ("2026-02-28T10:00:00Z".parse()?, 1),
    ///     ("2026-01-01T10:00:00Z".parse()?, 9), // before the subscription: not on the plan
    /// ];
    /// let usage = plan.usage_by_period(sends);
    /// assert_eq!(usage.into_iter().collect::<Vec<_>>(), [(0, 3), (1, 3)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn usage_by_period<I>(&self, sends: I) -> BTreeMap<u32, u64>
    where
        I: IntoIterator<Item = (Instant, u64)>,
    {
        let mut usage = BTreeMap::new();
        let mut current: Option<BlockPeriod> = None;
        for (t, units) in sends {
            if units == 0 {
                continue;
            }
            let period = match current {
                Some(period) if period.contains(t) && t >= self.subscribed_at && self.covers(t) => {
                    Some(period)
                }
                _ => self.period_at(t),
            };
            if let Some(period) = period {
                let count: &mut u64 = usage.entry(period.index).or_default();
                *count = count.saturating_add(units);
                current = Some(period);
            }
        }
        usage
    }

    /// Whether the plan covers `t` once the subscription started: before the end, if any.
    fn covers(&self, t: Instant) -> bool {
        self.end.is_none_or(|end| t < end)
    }

    /// The first day of period `index`: the subscription day `index` months on, clamped to the
    /// month's end (always counted from the subscription day, so no drift).
    fn first_day(&self, index: u32) -> Option<NaiveDate> {
        self.subscription_day.checked_add_months(Months::new(index))
    }

    /// Local midnight of `day` (a midnight in a DST gap moves forward by the gap).
    fn midnight(&self, day: NaiveDate) -> Option<Instant> {
        self.zone.resolve_local(day.and_time(NaiveTime::MIN)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::money::Currency;

    fn total(items: &[BillableItem]) -> Decimal {
        items
            .iter()
            .filter_map(BillableItem::amount)
            .map(|money| money.amount())
            .sum()
    }

    fn plan(at: &str) -> BlockPlan {
        let fee = Money::new(Decimal::from(25), Currency::EUR);
        BlockPlan::new(500, fee, at.parse().unwrap(), Zone::default()).unwrap()
    }

    #[test]
    fn negative_fee_is_refused_with_its_value() {
        let fee = Money::new(Decimal::new(-1, 0), Currency::EUR);
        let error = BlockPlan::new(
            500,
            fee,
            "2026-01-01T00:00:00Z".parse().unwrap(),
            Zone::default(),
        )
        .unwrap_err();
        assert_eq!(error.code(), "credits.invalid_argument");
        assert_eq!(
            error.to_string(),
            "fee: -1.00 EUR is negative; a block fee is zero or more"
        );
    }

    #[test]
    fn a_period_from_another_plan_is_refused() {
        let a = plan("2026-01-31T09:00:00Z");
        let b = plan("2026-01-15T09:00:00Z");
        let error = a.bill(&b.period(1).unwrap(), 0).unwrap_err();
        assert!(error.to_string().starts_with("period: 1 ("), "{error}");
    }

    #[test]
    fn usage_before_period_zero_is_refused() {
        let p = plan("2026-01-31T09:00:00Z");
        let error = p.bill(&p.period(0).unwrap(), 3).unwrap_err();
        assert_eq!(
            error.to_string(),
            "previous_usage: 3 is usage before period 0, which holds the subscription; pass 0 for period 0"
        );
    }

    #[test]
    fn fee_and_extras_add_up() {
        let p = plan("2026-01-31T09:00:00Z");
        let items = p.bill(&p.period(2).unwrap(), 1_200).unwrap();
        assert_eq!(total(&items), Decimal::from(75));
    }

    #[test]
    fn last_period_when_ending_right_after_subscribing() {
        let p = plan("2026-01-31T09:00:00Z")
            .ending_at("2026-01-31T09:00:01Z".parse().unwrap())
            .unwrap();
        assert_eq!(p.last_period().unwrap().index, 0);
    }
}
