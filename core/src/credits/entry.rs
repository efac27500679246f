use serde::{Deserialize, Serialize};

use super::CreditKind;
use crate::time::Instant;

/// One operation written to a [`Ledger`](super::Ledger): what the host stores, append-only, and
/// hands back to [`Ledger::from_entries`](super::Ledger::from_entries). The ledger's state at any
/// instant is a pure function of its entries; extensions, expiries and timeouts are not entries,
/// they follow from these (see [`Ledger::statement`](super::Ledger::statement)).
///
/// The JSON form is an object tagged by `op`:
///
/// ```
/// use envoi::credits::{CreditKind, Entry};
/// let entry = Entry::Consume {
///     key: "send-42".into(),
///     kind: CreditKind::sms(),
///     units: 3,
///     at: "2026-11-30T09:00:00Z".parse().unwrap(),
/// };
/// let json = serde_json::to_string(&entry).unwrap();
/// assert_eq!(json, r#"{"op":"consume","key":"send-42","kind":"sms","units":3,"at":"2026-11-30T09:00:00Z"}"#);
/// assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), entry);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Entry {
    /// An order of a pack: `units` of `kind`; active at once unless `pending` (bank transfer).
    Purchase {
        /// The order id (the purchase's idempotency key).
        order_id: String,
        /// The credit kind.
        kind: CreditKind,
        /// The units of the pack.
        units: u64,
        /// Whether the order waits for its payment ([`Entry::Activate`]).
        pending: bool,
        /// When.
        at: Instant,
    },
    /// A pending order's payment arrived: its lot is created and every unexpired lot of its kind
    /// extended.
    Activate {
        /// The order id.
        order_id: String,
        /// When.
        at: Instant,
    },
    /// An order voided: payment reversed (its lot loses its unspent units) or a pending order
    /// cancelled.
    Void {
        /// The order id.
        order_id: String,
        /// When.
        at: Instant,
    },
    /// Units set aside for a send, to be committed or released.
    Reserve {
        /// The reservation's key.
        key: String,
        /// The credit kind.
        kind: CreditKind,
        /// The units reserved.
        units: u64,
        /// Seconds after which an open reservation is released; `None`: never.
        timeout_s: Option<u64>,
        /// When.
        at: Instant,
    },
    /// A reservation's units consumed (`units`: fewer than reserved, the rest released).
    Commit {
        /// The reservation's key.
        key: String,
        /// The units consumed; `None`: all reserved.
        units: Option<u64>,
        /// When.
        at: Instant,
    },
    /// A reservation's units given back.
    Release {
        /// The reservation's key.
        key: String,
        /// When.
        at: Instant,
    },
    /// Units consumed in one step (a reservation committed at once).
    Consume {
        /// The operation's key.
        key: String,
        /// The credit kind.
        kind: CreditKind,
        /// The units consumed.
        units: u64,
        /// When.
        at: Instant,
    },
    /// A manual grant (`units` > 0, its own lot) or removal (`units` < 0), with its reason.
    Adjust {
        /// The operation's key.
        key: String,
        /// The credit kind.
        kind: CreditKind,
        /// Units granted (positive) or removed (negative).
        units: i64,
        /// Why, for the audit.
        reason: String,
        /// A grant's expiry; `None`: the validity period from `at`.
        expires_at: Option<Instant>,
        /// When.
        at: Instant,
    },
}

impl Entry {
    /// When the operation happened.
    ///
    /// ```
    /// use envoi::credits::Entry;
    /// let at = "2026-11-30T09:00:00Z".parse().unwrap();
    /// assert_eq!(Entry::Release { key: "k".into(), at }.at(), at);
    /// ```
    pub fn at(&self) -> Instant {
        match self {
            Entry::Purchase { at, .. }
            | Entry::Activate { at, .. }
            | Entry::Void { at, .. }
            | Entry::Reserve { at, .. }
            | Entry::Commit { at, .. }
            | Entry::Release { at, .. }
            | Entry::Consume { at, .. }
            | Entry::Adjust { at, .. } => *at,
        }
    }
}
