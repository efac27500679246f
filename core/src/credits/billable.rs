//! What a billing plan bills: a plain value shared by the block plan and the pay-as-you-go statement.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::time::Instant;

/// What a [`BillableItem`] charges for.
///
/// Serialised with a `type` tag in snake case: `{"type":"block_fee","block_size":500}`.
///
/// ```
/// use envoi::credits::Charge;
///
/// let fee = Charge::BlockFee { block_size: 500 };
/// assert_eq!(serde_json::to_string(&fee)?, r#"{"type":"block_fee","block_size":500}"#);
/// let letters = Charge::Usage { kind: "prior_national".into() };
/// assert_eq!(serde_json::to_string(&letters)?, r#"{"type":"usage","kind":"prior_national"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Charge {
    /// The upfront fee of a block period (one block, billed on the period's first day).
    BlockFee {
        /// The number of messages in a block.
        block_size: u32,
    },
    /// The started blocks used beyond the paid one in a period, billed on the next period's first day.
    ExtraBlocks {
        /// The number of messages in a block.
        block_size: u32,
        /// The messages used in the covered period (the quantity is `ceil(usage / block_size) - 1`).
        usage: u64,
    },
    /// Pay-as-you-go usage of one kind (a letter postage, say), billed the month after.
    Usage {
        /// The kind of job, as the host names it (`prior_national`…).
        kind: String,
    },
}

/// One thing to bill: what, how many, the span it covers, the day it is billed and its unit price.
///
/// It is not an invoice line: VAT and invoices are computed elsewhere from these items. The covered
/// span is half-open, `[period_start, period_end)`.
///
/// ```
/// use envoi::credits::{BlockPlan, Charge};
/// use envoi::money::Money;
/// use envoi::time::Zone;
/// use rust_decimal::Decimal;
///
/// let fee = Money::new(Decimal::from(25), "USD".parse()?);
/// let plan = BlockPlan::new(500, fee, "2026-01-31T09:00:00Z".parse()?, Zone::default())?;
/// let items = plan.bill(&plan.period(0).unwrap(), 0)?;
/// assert_eq!(items[0].charge, Charge::BlockFee { block_size: 500 });
/// assert_eq!(items[0].quantity, 1);
/// assert_eq!(items[0].billed_on.to_string(), "2026-01-31");
/// assert_eq!(items[0].amount().unwrap().to_string(), "25.00 USD");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillableItem {
    /// What is charged.
    pub charge: Charge,
    /// How many (blocks, or units of usage).
    pub quantity: u64,
    /// The first instant of the span the item covers.
    pub period_start: Instant,
    /// The end of the span the item covers (excluded).
    pub period_end: Instant,
    /// The day (on the account's wall clock) the item is billed.
    pub billed_on: NaiveDate,
    /// The price of one unit of `quantity`, when the plan knows it.
    pub unit_price: Option<Money>,
}

impl BillableItem {
    /// `unit_price × quantity`, with every decimal kept (round when invoicing); `None` without a
    /// unit price.
    ///
    /// ```
    /// use envoi::credits::{monthly_statement, UsageRecord};
    /// use envoi::money::{Currency, Money};
    /// use envoi::time::Zone;
    /// use rust_decimal::Decimal;
    ///
    /// let price = Money::new(Decimal::new(1234, 3), Currency::EUR); // 1.234 EUR a letter
    /// let record = UsageRecord::handed_over("job-1", "prior_national", 3, "2026-05-04T10:00:00Z".parse()?)
    ///     .with_unit_price(price);
    /// let statement = monthly_statement(&[record], 2026, 5, Zone::default())?.unwrap();
    /// assert_eq!(statement.items[0].amount().unwrap().to_string(), "3.702 EUR");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn amount(&self) -> Option<Money> {
        self.unit_price
            .map(|price| price.times(Decimal::from(self.quantity)))
    }
}
