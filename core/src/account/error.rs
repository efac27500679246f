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
    /// A stored account (JSON) that breaks a rule the methods keep. It names the stored account
    /// when its id could be read; when a rule of the methods refused it (a country, a change of
    /// state…), `inner` is that error: [`source`](std::error::Error::source) returns it and
    /// [`AccountError::inner_code`] its code.
    #[error("{}", invalid_account_message(.account.as_deref(), .field, .value, .rule, .inner.as_deref()))]
    InvalidAccount {
        /// The stored account's id (`None`: the text has no id to read).
        account: Option<String>,
        /// The field (`json`, `history[1].from`, `state`, `country`…).
        field: String,
        /// The value found (cut to 80 characters).
        value: String,
        /// The rule it breaks (the inner error's message when there is one).
        rule: String,
        /// The error of the rule broken, when a check of the methods refused the stored value.
        #[source]
        inner: Option<Box<AccountError>>,
    },
    /// The invoicing address was refused.
    #[error(transparent)]
    Address(#[from] InvoiceError),
    /// A letter job of another account than the one whose options were asked for its approval
    /// step: its sender's approval rule is not this account's.
    #[error(
        "job {job}: account {job_account} is not account {account}, whose options were asked; a job's approval step follows its own account's options"
    )]
    JobOfAnotherAccount {
        /// The host's job id.
        job: u64,
        /// The job's account (the host's number, as [`crate::post::Job::account`] gives it).
        job_account: u64,
        /// The account whose options were asked.
        account: u64,
    },
}

/// `account ID: FIELD: VALUE RULE`, or with an inner error `account ID: FIELD: INNER` (the inner
/// message without the account it already names, and without the field when it starts with it).
fn invalid_account_message(
    account: Option<&str>,
    field: &str,
    value: &str,
    rule: &str,
    inner: Option<&AccountError>,
) -> String {
    let prefix = account.map_or_else(String::new, |id| format!("account {id}: "));
    let Some(inner) = inner else {
        return format!("{prefix}{field}: {value} {rule}");
    };
    let message = inner.to_string();
    let message = message.strip_prefix(&prefix).unwrap_or(&message);
    let names_field = message
        .strip_prefix(field)
        .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(' '));
    if names_field {
        format!("{prefix}{message}")
    } else {
        format!("{prefix}{field}: {message}")
    }
}

impl AccountError {
    /// The code of the error a stored account was refused for, under `account.invalid_account`
    /// (`account.invalid_country`, `account.missing_reason`…); `None` for any other error, or a
    /// stored account refused for its form alone (text that is not an account's JSON, a state
    /// that is not where the history ends).
    ///
    /// ```
    /// use std::error::Error;
    /// use envoi::ErrorCode;
    /// use envoi::account::Account;
    /// # use envoi::{ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_7")?, Language::Nl, CustomerKind::Business, "BE",
    ///     Party::new("Bakkerij Peeters", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let mut stored = serde_json::to_value(&account)?;
    /// stored["country"] = "XX".into();
    /// let error = Account::from_json(&stored.to_string()).unwrap_err();
    /// assert_eq!(error.code(), "account.invalid_account");
    /// assert_eq!(error.inner_code(), Some("account.invalid_country"));
    /// assert!(error.source().is_some());
    /// assert!(error.to_string().starts_with(r#"account acc_7: country: "XX" is not an ISO 3166-1"#), "{error}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inner_code(&self) -> Option<&'static str> {
        match self {
            AccountError::InvalidAccount {
                inner: Some(inner), ..
            } => Some(inner.code()),
            _ => None,
        }
    }
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
            AccountError::JobOfAnotherAccount { .. } => "account.job_of_another_account",
        }
    }
}
