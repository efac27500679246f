//! `TrackingError`, `SecureAccessError` and `StatsError` → a thrown JS `Error` whose `.code` is the
//! core's code (`tracking.…`, or the key ring's `token.…` for a token it refused) and whose
//! properties are the error's fields, camelCased: `field`, `value` and `rule` for
//! `tracking.invalid_option`, `attemptsLeft` for `tracking.secure_wrong_code`, `reason` and `at`
//! for `tracking.secure_locked`, `entry`, `field`, `value` and `rule` for a machine rule, and so on.

use std::ffi::CStr;

use envoi::tracking::{SecureAccessError, StatsError, TrackingError};

use crate::errors::Field;
use crate::time::format_utc;
use crate::token::error::{claims_field, fields as token_fields};

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// A count or position as a JS number (exact: far below 2^53).
#[allow(clippy::cast_precision_loss)]
fn number(value: usize) -> Field {
    Field::Number(value as f64)
}

/// The fields of a [`TrackingError`].
pub fn tracking_fields(error: &TrackingError) -> Vec<(&'static CStr, Field)> {
    match error {
        TrackingError::InvalidOption { field, value, rule }
        | TrackingError::InvalidClaims { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        TrackingError::TooManyLinks { limit } => vec![(c"limit", number(*limit))],
        TrackingError::AmbiguousHtml { detail } | TrackingError::HtmlRewrite { detail } => {
            vec![(c"detail", text(detail))]
        }
        TrackingError::Token(error) => token_fields(error),
        // A variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}

/// The fields of a [`SecureAccessError`].
pub fn secure_fields(error: &SecureAccessError) -> Vec<(&'static CStr, Field)> {
    match error {
        SecureAccessError::InvalidLink(error) | SecureAccessError::Code(error) => {
            token_fields(error)
        }
        SecureAccessError::LinkMismatch { expected, found } => vec![
            (c"expected", claims_field(expected)),
            (c"found", claims_field(found)),
        ],
        SecureAccessError::Locked(lock) => vec![
            (
                c"reason",
                text(super::secure::lock_reason_name(lock.reason)),
            ),
            (c"at", Field::Text(format_utc(lock.at))),
        ],
        SecureAccessError::TooManyCodes { max } => vec![(c"max", Field::Number(f64::from(*max)))],
        SecureAccessError::WrongCode { attempts_left } => {
            vec![(c"attemptsLeft", Field::Number(f64::from(*attempts_left)))]
        }
        SecureAccessError::CodeMalformed { reason } => vec![(c"reason", text(reason))],
        SecureAccessError::CodeExpired { expires_at } => {
            vec![(c"expiresAt", Field::Text(format_utc(*expires_at)))]
        }
        // code_required, no_code_issued, code_not_required, code_used, code_locked: no fields; a
        // variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}

/// The fields of a [`StatsError`].
pub fn stats_fields(error: &StatsError) -> Vec<(&'static CStr, Field)> {
    match error {
        StatsError::InvalidRulesJson {
            line,
            column,
            reason,
        } => vec![
            (c"line", number(*line)),
            (c"column", number(*column)),
            (c"reason", text(reason)),
        ],
        StatsError::InvalidMachineRule {
            entry,
            field,
            value,
            rule,
        }
        | StatsError::InvalidIpRange {
            entry,
            field,
            value,
            rule,
        } => vec![
            (c"entry", text(entry)),
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        StatsError::DuplicateRuleName {
            name,
            first,
            second,
        } => vec![
            (c"name", text(name)),
            (c"first", number(*first)),
            (c"second", number(*second)),
        ],
        StatsError::NotATrackingToken { purpose } => vec![(c"purpose", text(purpose))],
        // A variant added to the core later: its code and message, no fields yet.
        _ => Vec::new(),
    }
}
