//! `AccountError` → a thrown JS `Error` whose `.code` is the core's code (`account.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `account`, `from` and `to` for `account.illegal_transition`, `account`, `since` and
//! `reason` for `account.suspended`, `field`, `value` and `rule` for `account.invalid_account`, and
//! so on. A refused invoicing address keeps the invoice code and fields (`invoice.…`).
//!
//! States and channels are the core's snake_case codes; instants RFC 3339 strings with the offset
//! of the account's zone when an account's method throws (as every instant the account returns),
//! in UTC otherwise; a VAT number the address or the account does not have is `null`.

use std::ffi::CStr;

use envoi::ErrorCode;
use envoi::account::AccountError;
use envoi::time::{Instant, Zone};
use napi::Env;

use crate::errors::{Field, JsError, throw_with_fields};
use crate::time::{format_in, format_utc};

/// Throws `error` with its code, its message and its fields, instants in `zone` (the account's).
pub fn account_error(env: Env, zone: Zone, error: AccountError) -> JsError {
    let fields = fields(&error, Some(zone));
    throw_with_fields(env, error.code(), error.to_string(), fields)
}

/// The fields of `error` as (property name, value): the core's field names, camelCased; instants
/// in `zone`, or in UTC without one.
pub fn fields(error: &AccountError, zone: Option<Zone>) -> Vec<(&'static CStr, Field)> {
    let text = |value: &str| Field::Text(value.to_owned());
    let time = |at: &Instant| {
        Field::Text(match zone {
            Some(zone) => format_in(zone, *at),
            None => format_utc(*at),
        })
    };
    let maybe = |value: &Option<String>| value.as_deref().map_or(Field::Null, text);
    let number = Field::Id;
    match error {
        AccountError::InvalidCountry { value } => vec![(c"value", text(value))],
        AccountError::IllegalTransition { account, from, to } => vec![
            (c"account", text(account)),
            (c"from", text(from.code())),
            (c"to", text(to.code())),
        ],
        AccountError::TimeWentBack {
            account,
            field,
            at,
            last,
        } => vec![
            (c"account", text(account)),
            (c"field", text(field)),
            (c"at", time(at)),
            (c"last", time(last)),
        ],
        AccountError::MissingReason { account, value } => {
            vec![(c"account", text(account)), (c"value", text(value))]
        }
        AccountError::Suspended {
            account,
            since,
            reason,
        } => vec![
            (c"account", text(account)),
            (c"since", time(since)),
            (c"reason", text(reason)),
        ],
        AccountError::PendingPayment { account, since } => {
            vec![(c"account", text(account)), (c"since", time(since))]
        }
        AccountError::ChannelDisabled { account, channel } => vec![
            (c"account", text(account)),
            (c"channel", text(channel.as_str())),
        ],
        AccountError::VatNumberMismatch { address, account } => {
            vec![(c"address", maybe(address)), (c"account", maybe(account))]
        }
        AccountError::CountryMismatch { address, account } => {
            vec![(c"address", text(address)), (c"account", text(account))]
        }
        AccountError::InvalidAccount {
            account,
            field,
            value,
            rule,
            inner,
        } => vec![
            (c"account", maybe(account)),
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
            (
                c"innerCode",
                inner
                    .as_deref()
                    .map_or(Field::Null, |inner| text(inner.code())),
            ),
        ],
        AccountError::JobOfAnotherAccount {
            job,
            job_account,
            account,
        } => vec![
            (c"job", number(*job)),
            (c"jobAccount", number(*job_account)),
            (c"account", number(*account)),
        ],
        AccountError::Address(error) => crate::invoice::error::fields(error),
        // `AccountError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
        _ => Vec::new(),
    }
}
