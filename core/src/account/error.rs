use thiserror::Error;

use crate::contacts::Channel;
use crate::error::ErrorCode;
use crate::invoice::InvoiceError;
use crate::time::Instant;

use super::state::AccountState;

/// Why an account, a change of its state or its options was refused, or why it may not send.
///
/// Every variant names the account or the field, the value and the rule; [`ErrorCode::code`] gives
/// the stable code (`account.suspended`, `account.illegal_transition`…). Errors of the invoicing
/// address keep their own codes (`invoice.*`).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::account::{AccountError, AccountState};
///
/// let error = AccountError::IllegalTransition {
///     account: "acc_1".into(),
///     from: AccountState::PendingPayment,
///     to: AccountState::Suspended,
/// };
/// assert_eq!(error.code(), "account.illegal_transition");
/// assert_eq!(
///     error.to_string(),
///     "account acc_1: pending_payment → suspended is not allowed; pending_payment goes to active"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AccountError {
    /// A country that is not an ISO 3166-1 alpha-2 code (or `XI`).
    #[error(
        "country: {value:?} is not an ISO 3166-1 alpha-2 country code (such as BE, NL, US; GR for Greece, XI for Northern Ireland)"
    )]
    InvalidCountry {
        /// The country as given (cut to 40 characters).
        value: String,
    },
    /// A change of state the state machine does not have (the same state included).
    #[error("account {account}: {from} → {to} is not allowed; {rule}", rule = from.rule())]
    IllegalTransition {
        /// The account.
        account: String,
        /// Its state.
        from: AccountState,
        /// The state asked for.
        to: AccountState,
    },
    /// A change dated before the account's last change (or its creation): time never goes back.
    #[error(
        "account {account}: {field} {at} is before {last}, the account's last change; changes are recorded in time order"
    )]
    TimeWentBack {
        /// The account.
        account: String,
        /// The time field (`at`, `history[2].at`…).
        field: String,
        /// The time given.
        at: Instant,
        /// The account's last change (or its creation).
        last: Instant,
    },
    /// A change of state without a reason.
    #[error("account {account}: reason: {value:?} is blank; every change of state says why")]
    MissingReason {
        /// The account.
        account: String,
        /// The reason as given (cut to 40 characters).
        value: String,
    },
    /// The account is suspended: it sends nothing.
    #[error(
        "account {account}: suspended since {since} ({reason}); a suspended account sends nothing"
    )]
    Suspended {
        /// The account.
        account: String,
        /// When it was suspended.
        since: Instant,
        /// Why.
        reason: String,
    },
    /// The account waits for its first payment: it sends nothing yet.
    #[error(
        "account {account}: pending payment since {since}; it sends once the payment arrives and it is active"
    )]
    PendingPayment {
        /// The account.
        account: String,
        /// Since when (its creation).
        since: Instant,
    },
    /// A channel the account has not enabled.
    #[error("account {account}: channel {channel} is not enabled for this account")]
    ChannelDisabled {
        /// The account.
        account: String,
        /// The channel.
        channel: Channel,
    },
    /// The invoicing address carries a VAT number other than the account's.
    #[error(
        "invoicing_address.vat_number: {address:?} differs from the account's VAT number {account:?}; the address carries the account's number, valid offline, or none"
    )]
    VatNumberMismatch {
        /// The address's VAT number (`None`: none).
        address: Option<String>,
        /// The account's VAT number, compact, when it is valid offline.
        account: Option<String>,
    },
    /// The account's country differs from its invoicing address's: the customer is established
    /// where it is invoiced (one country, the one of its VAT).
    #[error(
        "invoicing_address.country: {address:?} differs from the account's country {account:?}; the invoicing address is in the country the customer is established in"
    )]
    CountryMismatch {
        /// The invoicing address's country.
        address: String,
        /// The account's country.
        account: String,
    },
    /// A stored account (JSON) that breaks a rule the methods keep.
    #[error("{field}: {value} {rule}")]
    InvalidAccount {
        /// The field (`json`, `history[1].from`, `state`…).
        field: String,
        /// The value found (cut to 80 characters).
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// The invoicing address was refused.
    #[error(transparent)]
    Address(#[from] InvoiceError),
}

impl ErrorCode for AccountError {
    fn code(&self) -> &'static str {
        match self {
            AccountError::InvalidCountry { .. } => "account.invalid_country",
            AccountError::IllegalTransition { .. } => "account.illegal_transition",
            AccountError::TimeWentBack { .. } => "account.time_went_back",
            AccountError::MissingReason { .. } => "account.missing_reason",
            AccountError::Suspended { .. } => "account.suspended",
            AccountError::PendingPayment { .. } => "account.pending_payment",
            AccountError::ChannelDisabled { .. } => "account.channel_disabled",
            AccountError::VatNumberMismatch { .. } => "account.vat_number_mismatch",
            AccountError::CountryMismatch { .. } => "account.country_mismatch",
            AccountError::InvalidAccount { .. } => "account.invalid_account",
            AccountError::Address(error) => error.code(),
        }
    }
}
