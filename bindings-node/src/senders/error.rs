//! `SenderError` → a thrown JS `Error` whose `.code` is the core's code (`senders.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `value` and `suggestion` for `senders.not_international`, `value` for
//! `senders.alphanumeric_sender`, `number` and `kind` for `senders.not_mobile`, `sender` and
//! `state` for `senders.not_verified`, `sender`, `count` and `nextAllowedAt` for
//! `senders.too_many_verifications`, and so on. A number that is not a phone number keeps the
//! contacts code and fields (`contacts.invalid_phone`), a refused code the key ring's (`token.…`).
//! Ids are numbers (or `bigint`s above 2^53 − 1), instants RFC 3339 strings in UTC.

use std::ffi::CStr;

use envoi::senders::SenderError;

use crate::errors::Field;
use crate::time::format_utc;

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// The fields of `error` as (property name, value): the core's field names, camelCased.
pub fn fields(error: &SenderError) -> Vec<(&'static CStr, Field)> {
    let id = |value: &Option<u64>| value.map_or(Field::Null, Field::Id);
    match error {
        SenderError::NotInternational {
            value, suggestion, ..
        } => vec![
            (c"value", text(value)),
            (
                c"suggestion",
                suggestion.as_deref().map_or(Field::Null, text),
            ),
        ],
        SenderError::AlphanumericSender { value, .. } => vec![(c"value", text(value))],
        SenderError::NotMobile { number, kind, .. } => {
            vec![(c"number", text(number)), (c"kind", text(kind.as_str()))]
        }
        SenderError::NotVerified { sender, state, .. } => {
            vec![(c"sender", Field::Id(*sender)), (c"state", text(state))]
        }
        SenderError::WrongChannel {
            sender,
            address,
            channel,
            ..
        } => vec![
            (c"sender", Field::Id(*sender)),
            (c"address", text(address.as_str())),
            (c"channel", text(channel.as_str())),
        ],
        SenderError::AlreadyVerified { sender, at, .. } => vec![
            (c"sender", Field::Id(*sender)),
            (c"at", Field::Text(format_utc(*at))),
        ],
        SenderError::NoPendingVerification { sender, .. } => vec![(c"sender", Field::Id(*sender))],
        SenderError::ChallengeMismatch {
            sender,
            found_account,
            found_sender,
            ..
        } => vec![
            (c"sender", Field::Id(*sender)),
            (c"foundAccount", id(found_account)),
            (c"foundSender", id(found_sender)),
        ],
        SenderError::ChallengeForAnotherAddress {
            sender, address, ..
        } => vec![(c"sender", Field::Id(*sender)), (c"address", text(address))],
        SenderError::TooManyVerifications {
            sender,
            count,
            next_allowed_at,
            ..
        } => vec![
            (c"sender", Field::Id(*sender)),
            (c"count", Field::Id(*count as u64)),
            (c"nextAllowedAt", Field::Text(format_utc(*next_allowed_at))),
        ],
        SenderError::InvalidParameter {
            field, value, rule, ..
        } => vec![
            (c"field", text(field)),
            (c"value", text(value)),
            (c"rule", text(rule)),
        ],
        SenderError::Contact(error) => crate::contacts::error::fields(error),
        SenderError::Token(error) => crate::token::error::fields(error),
        // `SenderError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
        _ => Vec::new(),
    }
}
