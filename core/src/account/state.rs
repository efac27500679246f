//! The account's state machine: pending_payment → active ⇄ suspended.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::time::Instant;

/// The state of an account (SPEC section 1).
///
/// ```text
/// pending_payment ──► active ◄──► suspended
/// ```
///
/// An account starts waiting for its first payment (an order paid by bank transfer activates only
/// when the payment arrives; a card payment activates at once). Only an active account sends.
///
/// ```
/// use envoi::account::AccountState;
/// assert!(AccountState::PendingPayment.can_become(AccountState::Active));
/// assert!(!AccountState::PendingPayment.can_become(AccountState::Suspended));
/// assert!(AccountState::Suspended.can_become(AccountState::Active));
/// assert_eq!(serde_json::to_string(&AccountState::PendingPayment)?, "\"pending_payment\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// Waiting for the first payment; sends nothing.
    PendingPayment,
    /// Active; sends.
    Active,
    /// Suspended; sends nothing until reactivated.
    Suspended,
}

impl AccountState {
    /// Every state, in the order of the state machine.
    ///
    /// ```
    /// assert_eq!(envoi::account::AccountState::ALL.len(), 3);
    /// ```
    pub const ALL: [AccountState; 3] = [
        AccountState::PendingPayment,
        AccountState::Active,
        AccountState::Suspended,
    ];

    /// The name in JSON and in the bindings: `pending_payment`, `active`, `suspended`.
    ///
    /// ```
    /// assert_eq!(envoi::account::AccountState::Suspended.code(), "suspended");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            AccountState::PendingPayment => "pending_payment",
            AccountState::Active => "active",
            AccountState::Suspended => "suspended",
        }
    }

    /// The states an account in this state may go to.
    ///
    /// ```
    /// use envoi::account::AccountState;
    /// assert_eq!(AccountState::Active.next_states(), [AccountState::Suspended]);
    /// ```
    pub fn next_states(self) -> &'static [AccountState] {
        match self {
            AccountState::PendingPayment | AccountState::Suspended => &[AccountState::Active],
            AccountState::Active => &[AccountState::Suspended],
        }
    }

    /// Whether an account in this state may go to `to` (never to the same state).
    ///
    /// ```
    /// use envoi::account::AccountState;
    /// assert!(AccountState::Active.can_become(AccountState::Suspended));
    /// assert!(!AccountState::Active.can_become(AccountState::Active));
    /// assert!(!AccountState::Suspended.can_become(AccountState::PendingPayment));
    /// ```
    pub fn can_become(self, to: AccountState) -> bool {
        self.next_states().contains(&to)
    }

    /// Whether an account in this state sends (only an active one does).
    ///
    /// ```
    /// use envoi::account::AccountState;
    /// assert!(AccountState::Active.sends());
    /// assert!(!AccountState::Suspended.sends());
    /// ```
    pub fn sends(self) -> bool {
        self == AccountState::Active
    }

    pub(super) fn rule(self) -> &'static str {
        match self {
            AccountState::PendingPayment => "pending_payment goes to active",
            AccountState::Active => "active goes to suspended",
            AccountState::Suspended => "suspended goes back to active",
        }
    }
}

impl fmt::Display for AccountState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One recorded change of an account's state: when, why, from and to.
///
/// ```
/// use envoi::account::{AccountState, StateChange};
///
/// let change = StateChange {
///     from: AccountState::PendingPayment,
///     to: AccountState::Active,
///     at: "2026-03-04T10:00:00Z".parse().unwrap(),
///     reason: "bank transfer received".into(),
/// };
/// assert_eq!(
///     serde_json::to_string(&change).unwrap(),
///     r#"{"from":"pending_payment","to":"active","at":"2026-03-04T10:00:00Z","reason":"bank transfer received"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateChange {
    /// The state before.
    pub from: AccountState,
    /// The state after.
    pub to: AccountState,
    /// When it changed.
    pub at: Instant,
    /// Why (never blank).
    pub reason: String,
}
