//! `SecurityError` → a thrown JS `Error` whose `.code` is the core's code (`security.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `field`, `value` and `rule` for `security.invalid_parameter` (or `capSeconds` and
//! `firstLockSeconds` when the cap is below the first lock), `lockedUntil` and `remainingSeconds`
//! for `security.account_locked`, `tokenVersion` and `currentVersion` for
//! `security.credential_changed`, and so on. A reset token the key ring refuses keeps its
//! `token.…` code and fields.

use std::ffi::CStr;

use envoi::security::SecurityError;

use crate::errors::Field;
use crate::time::format_utc;

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &SecurityError) -> Vec<(&'static CStr, Field)> {
    #[allow(
        clippy::cast_precision_loss,
        reason = "durations in seconds stay far below 2^53"
    )]
    let seconds = |value: i64| Field::Number(value as f64);
    match error {
        SecurityError::InvalidParameter {
            field, value, rule, ..
        } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        SecurityError::CapBelowFirstLock {
            cap_seconds,
            first_lock_seconds,
            ..
        } => vec![
            (c"capSeconds", seconds(*cap_seconds)),
            (c"firstLockSeconds", seconds(*first_lock_seconds)),
        ],
        SecurityError::AccountLocked {
            locked_until,
            remaining,
            ..
        } => {
            #[allow(
                clippy::cast_precision_loss,
                reason = "a lock lasts at most 366 days: far below 2^53 milliseconds"
            )]
            let remaining = remaining.num_milliseconds() as f64 / 1000.0;
            vec![
                (c"lockedUntil", Field::Text(format_utc(*locked_until))),
                (c"remainingSeconds", Field::Number(remaining)),
            ]
        }
        SecurityError::CredentialChanged {
            token_version,
            current_version,
            ..
        } => vec![
            (c"tokenVersion", Field::Number(f64::from(*token_version))),
            (
                c"currentVersion",
                Field::Number(f64::from(*current_version)),
            ),
        ],
        SecurityError::ResetTokenUsed { token_id, .. } => {
            vec![(c"tokenId", Field::Text(token_id.to_string()))]
        }
        SecurityError::WrongAccount {
            token_account,
            account,
            ..
        } => vec![
            (c"tokenAccount", Field::Id(*token_account)),
            (c"account", Field::Id(*account)),
        ],
        SecurityError::ResetTokenIncomplete { missing, .. } => vec![(c"missing", text(missing))],
        SecurityError::Token(error) => crate::token::error::fields(error),
        // `SecurityError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
        _ => Vec::new(),
    }
}
