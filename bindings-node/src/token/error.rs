//! `TokenError` → a thrown JS `Error` whose `.code` is the core's code (`token.…`), whose `.message`
//! is the core's message, and whose properties are the error's fields, camelCased (see [`fields`]):
//! `keyId` for `token.bad_tag` and `token.unknown_key`, `expected` and `found` for
//! `token.wrong_purpose`, `expiresAt` and `now` for `token.expired`, `attemptsLeft` for
//! `token.code_mismatch`, and so on. Counts and key ids are numbers, instants RFC 3339 strings in
//! UTC, everything else strings.

use std::ffi::CStr;

use envoi::time::Instant;
use envoi::token::{Claims, TokenError};

use crate::errors::Field;
use crate::time::format_utc;

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &TokenError) -> Vec<(&'static CStr, Field)> {
    let text = |value: &str| Field::Text(value.to_owned());
    let number = |value: usize| Field::Number(value as f64);
    let time = |instant: &Instant| Field::Text(format_utc(*instant));
    match error {
        TokenError::BadBase64 { reason } | TokenError::CodeMalformed { reason } => {
            vec![(c"reason", text(reason))]
        }
        TokenError::WrongLength {
            length,
            unit,
            min,
            max,
        } => vec![
            (c"length", number(*length)),
            (c"unit", text(unit)),
            (c"min", number(*min)),
            (c"max", number(*max)),
        ],
        TokenError::UnsupportedVersion { version, supported } => vec![
            (c"version", number(usize::from(*version))),
            (c"supported", number(usize::from(*supported))),
        ],
        TokenError::UnknownKey { key_id }
        | TokenError::BadTag { key_id }
        | TokenError::DuplicateKey { key_id }
        | TokenError::ActiveKeyMissing { key_id } => {
            vec![(c"keyId", number(usize::from(*key_id)))]
        }
        TokenError::NonCanonical { field, rule } => {
            vec![(c"field", text(field)), (c"rule", text(rule))]
        }
        TokenError::WrongPurpose { expected, found } => vec![
            (c"expected", text(expected.as_str())),
            (c"found", text(found.as_str())),
        ],
        TokenError::Expired { expires_at, now } | TokenError::CodeExpired { expires_at, now } => {
            vec![(c"expiresAt", time(expires_at)), (c"now", time(now))]
        }
        TokenError::UnknownPurpose { value } => vec![(c"value", text(value))],
        TokenError::KeyTooShort {
            key_id,
            length,
            min,
        } => vec![
            (c"keyId", number(usize::from(*key_id))),
            (c"length", number(*length)),
            (c"min", number(*min)),
        ],
        TokenError::InvalidTime { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", time(value)),
            (c"rule", text(rule)),
        ],
        TokenError::InvalidArgument { field, value, rule } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        TokenError::CodeMismatch { attempts_left } => {
            vec![(c"attemptsLeft", Field::Number(f64::from(*attempts_left)))]
        }
        TokenError::CodeLocked { attempts } => {
            vec![(c"attempts", Field::Number(f64::from(*attempts)))]
        }
        // `token.code_used` has no fields; a variant added to the core later: its code and
        // message, no fields yet.
        _ => Vec::new(),
    }
}

/// Claims as an error field: a plain object with the fields present only.
pub fn claims_field(claims: &Claims) -> Field {
    let mut fields = Vec::new();
    if let Some(account) = claims.account {
        fields.push((c"account", Field::Id(account)));
    }
    if let Some(message) = claims.message {
        fields.push((c"message", Field::Id(message)));
    }
    if let Some(occurrence) = claims.occurrence {
        fields.push((c"occurrence", Field::Number(f64::from(occurrence))));
    }
    if let Some(recipient) = claims.recipient {
        fields.push((c"recipient", Field::Id(recipient)));
    }
    if let Some(link) = claims.link {
        fields.push((c"link", Field::Number(f64::from(link))));
    }
    if let Some(credential) = claims.credential {
        fields.push((c"credential", Field::Number(f64::from(credential))));
    }
    Field::Object(fields)
}
