use thiserror::Error;

use crate::error::ErrorCode;
use crate::time::Instant;

/// Why a credit operation, or a billing plan, was refused.
///
/// Every variant names the field or key, the value and the rule; [`ErrorCode::code`] gives the stable
/// code (`credits.insufficient_credit`…). A refused operation writes nothing to the ledger and is not
/// remembered: a retry after a top-up can succeed.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::credits::{CreditError, CreditKind};
///
/// let error = CreditError::InsufficientCredit { kind: CreditKind::sms(), needed: 12, available: 5 };
/// assert_eq!(error.code(), "credits.insufficient_credit");
/// assert_eq!(error.to_string(), "sms: 12 units needed, 5 available");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CreditError {
    /// Not enough available units of the kind.
    #[error("{kind}: {needed} units needed, {available} available")]
    InsufficientCredit {
        /// The credit kind.
        kind: super::CreditKind,
        /// The units the operation needed.
        needed: u64,
        /// The units available at the operation's time.
        available: u64,
    },
    /// The key (or order id) was used before with other arguments.
    #[error(
        "{key}: already used for {first}; a retry must repeat the same arguments (this one is {this})"
    )]
    IdempotencyConflict {
        /// The idempotency key or order id.
        key: String,
        /// The first operation made with it, as a person reads it.
        first: String,
        /// The refused operation, as a person reads it.
        this: String,
    },
    /// A unit count of zero (or a negative count where only positive ones are allowed).
    #[error("{field}: {value} is not a number of units; {rule}")]
    InvalidUnits {
        /// The argument (`units`…).
        field: &'static str,
        /// The value as given (wide enough for any count a host hands over, negative ones
        /// included: see [`unit_count`](crate::credits::unit_count)).
        value: i128,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// No order with this id.
    #[error("order {order_id}: no such order in this ledger")]
    OrderNotFound {
        /// The order id as given.
        order_id: String,
    },
    /// The order was voided (payment reversed or cancelled).
    #[error("order {order_id}: voided at {voided_at}; a voided order cannot be activated")]
    OrderVoided {
        /// The order id.
        order_id: String,
        /// When it was voided.
        voided_at: Instant,
    },
    /// No reservation with this key.
    #[error("reservation {key}: no such reservation in this ledger")]
    UnknownReservation {
        /// The key as given.
        key: String,
    },
    /// The reservation was already committed.
    #[error("reservation {key}: already committed ({units} units) at {committed_at}")]
    ReservationAlreadyCommitted {
        /// The key.
        key: String,
        /// The units it consumed.
        units: u64,
        /// When.
        committed_at: Instant,
    },
    /// The reservation was already released.
    #[error("reservation {key}: already released at {released_at}; reserve again to use units")]
    ReservationAlreadyReleased {
        /// The key.
        key: String,
        /// When.
        released_at: Instant,
    },
    /// The reservation timed out before the commit.
    #[error(
        "reservation {key}: timed out at {timed_out_at} (reserved at {reserved_at}), its units were released; reserve again"
    )]
    ReservationTimedOut {
        /// The key.
        key: String,
        /// When it was made.
        reserved_at: Instant,
        /// When it timed out (reserved_at + timeout).
        timed_out_at: Instant,
    },
    /// A commit asked for more units than the reservation holds.
    #[error(
        "reservation {key}: commit of {requested} units, but {reserved} are reserved; a commit may take fewer units than reserved, never more"
    )]
    ExceedsReserved {
        /// The key.
        key: String,
        /// The units reserved.
        reserved: u64,
        /// The units the commit asked for.
        requested: u64,
    },
    /// An operation dated before the ledger's last operation.
    #[error(
        "at: {at} is before the ledger's last operation ({last}); operations on an account never go back in time"
    )]
    TimeRegression {
        /// The operation's time.
        at: Instant,
        /// The time of the last operation written.
        last: Instant,
    },
    /// A credit kind name that is not a lower-case identifier.
    #[error("kind: {value:?} is not a credit kind; kinds are 1 to 32 of a-z, 0-9 and _")]
    InvalidKind {
        /// The name as given (cut to 40 characters).
        value: String,
    },
    /// A ledger, adjustment or billing-plan parameter out of range.
    #[error("{field}: {value} {rule}")]
    InvalidArgument {
        /// The parameter (`validity_months`, `reason`, `block_size`…).
        field: &'static str,
        /// The value as given.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// Entries handed to `Ledger::from_entries` that do not replay (the store is corrupt or was
    /// edited): the position and the reason.
    #[error("entries[{index}]: does not replay: {reason}")]
    InvalidEntries {
        /// The position of the first entry that fails.
        index: usize,
        /// Why it fails (the error its operation gives).
        reason: String,
    },
}

impl ErrorCode for CreditError {
    fn code(&self) -> &'static str {
        match self {
            CreditError::InsufficientCredit { .. } => "credits.insufficient_credit",
            CreditError::IdempotencyConflict { .. } => "credits.idempotency_conflict",
            CreditError::InvalidUnits { .. } => "credits.invalid_units",
            CreditError::OrderNotFound { .. } => "credits.order_not_found",
            CreditError::OrderVoided { .. } => "credits.order_voided",
            CreditError::UnknownReservation { .. } => "credits.unknown_reservation",
            CreditError::ReservationAlreadyCommitted { .. } => {
                "credits.reservation_already_committed"
            }
            CreditError::ReservationAlreadyReleased { .. } => {
                "credits.reservation_already_released"
            }
            CreditError::ReservationTimedOut { .. } => "credits.reservation_timed_out",
            CreditError::ExceedsReserved { .. } => "credits.exceeds_reserved",
            CreditError::TimeRegression { .. } => "credits.time_regression",
            CreditError::InvalidKind { .. } => "credits.invalid_kind",
            CreditError::InvalidArgument { .. } => "credits.invalid_argument",
            CreditError::InvalidEntries { .. } => "credits.invalid_entries",
        }
    }
}
