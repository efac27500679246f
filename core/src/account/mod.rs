//! Accounts (SPEC section 1, issue 10): who the customer is, its state and its options.
//!
//! An [`Account`] has an interface language, a time zone (default `Europe/Brussels`), a customer
//! kind and country for VAT, a VAT number with its evidence, an invoicing address (an
//! [`invoice::Party`](crate::invoice::Party)), [`AccountOptions`] (channels, the SMS option of SPEC
//! section 3, letter approval per sender, low-balance thresholds per credit kind) and a state,
//! `pending_payment` → `active` ⇄ `suspended`, with every change recorded. A suspended account
//! sends nothing: the engine asks [`Account::require_active`] (or
//! [`Account::require_channel`]) before every send. Errors are [`AccountError`]s with stable
//! `account.*` codes.
//!
//! ```
//! use envoi::ErrorCode;
//! use envoi::account::{Account, AccountState};
//! use envoi::contacts::Channel;
//! use envoi::ids::AccountId;
//! use envoi::invoice::Party;
//! use envoi::language::Language;
//! use envoi::vat::CustomerKind;
//!
//! let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
//! let mut account = Account::new(
//!     AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "BE",
//!     Party::new("Boulangerie Dupont SPRL", "BE")?, at("2026-03-02T09:00:00Z"),
//! )?;
//! // Ordered by bank transfer: nothing is sent until the payment arrives.
//! assert_eq!(account.require_active(at("2026-03-02T10:00:00Z")).unwrap_err().code(), "account.pending_payment");
//! account.activate(at("2026-03-04T08:00:00Z"), "bank transfer received")?;
//! account.options_mut().enable(Channel::Sms, at("2026-03-04T08:00:00Z"));
//! assert!(account.require_channel(Channel::Sms, at("2026-03-05T08:00:00Z")).is_ok());
//! assert_eq!(account.history()[0].to, AccountState::Active);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[allow(clippy::module_inception)]
mod account;
mod error;
mod options;
mod state;

pub use account::Account;
pub use error::AccountError;
pub use options::AccountOptions;
pub use state::{AccountState, StateChange};
