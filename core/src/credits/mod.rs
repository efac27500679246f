//! Credits (SPEC section 6): packs of units per kind, their expiry, two-phase use, and billing plans.
//!
//! A [`Ledger`] holds one account's credits as append-only [`Entry`]s: orders of packs
//! ([`Ledger::purchase`], [`Ledger::activate`], [`Ledger::void_order`]), sends in two phases
//! ([`Ledger::reserve`], [`Ledger::commit`], [`Ledger::release`]) or one ([`Ledger::consume`]), and
//! manual grants and removals ([`Ledger::adjust`]). Its state at any instant is a pure function of the
//! entries: [`Ledger::balance`], [`Ledger::lots_at`], [`Ledger::notices_at`], [`Ledger::statement`].
//! The SPEC's **Decisions** hold: on activation every unexpired lot of the kind gets expiry =
//! activation + 24 months on the account's wall clock (never shortened, never reviving expired
//! units); validity is half-open; lots that expire first are spent first; every operation is
//! idempotent by key; operations never go back in time. Errors are [`CreditError`]s with stable
//! codes (`credits.insufficient_credit`, …).
//!
//! Billing plans turn use into [`BillableItem`]s (plain values; pricing with VAT belongs to
//! invoicing): a [`BlockPlan`] bills a fee per started block of N messages per monthly period
//! anchored on the subscription day (Plannit), and [`monthly_statement`] groups pay-as-you-go use
//! (letters, billed in the month they are handed over; Click & Post).
//!
//! ```
//! use envoi::credits::{CreditKind, Ledger};
//! use envoi::time::{Instant, Zone};
//! let at = |s: &str| s.parse::<Instant>().unwrap();
//! let mut ledger = Ledger::new(Zone::default());
//! ledger.purchase("order-1", CreditKind::sms(), 1000, at("2026-01-05T09:00:00Z"), false)?;
//! ledger.reserve("send-7", CreditKind::sms(), 3, at("2026-01-06T09:00:00Z"), Some(300))?;
//! ledger.commit("send-7", at("2026-01-06T09:00:05Z"), None)?;
//! assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-01-07T00:00:00Z")).available, 997);
//! # Ok::<(), envoi::credits::CreditError>(())
//! ```

mod billable;
mod blocks;
mod entry;
mod error;
mod kind;
mod ledger;
mod payg;

pub use billable::{BillableItem, Charge};
pub use blocks::{BlockPeriod, BlockPlan};
pub use entry::Entry;
pub use error::CreditError;
pub use kind::CreditKind;
pub use ledger::{
    Balance, DEFAULT_VALIDITY_MONTHS, Expiring, Ledger, Lot, LotSource, LowBalance, MAX_UNITS,
    Notices, Order, OrderStatus, Outcome, Reservation, Settled, StatementEvent, StatementLine,
    adjustment_units, unit_count,
};
pub use payg::{MonthlyStatement, UsageRecord, monthly_statement};
