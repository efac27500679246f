use thiserror::Error;

use super::MAX_PARTS_LIMIT;
use crate::error::ErrorCode;

/// Why an SMS could not be analysed.
///
/// Every variant names the field, the value and the rule; [`ErrorCode::code`] gives the stable code.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::sms::{analyze, SmsError, SmsOptions};
///
/// let options = SmsOptions { max_parts: 2, ..SmsOptions::default() };
/// match analyze(&"a".repeat(400), &options) {
///     Err(SmsError::TooManyParts { parts, max_parts }) => assert_eq!((parts, max_parts), (3, 2)),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SmsError {
    /// The text needs more parts than `max_parts` allows.
    #[error(
        "text: needs {parts} parts but max_parts is {max_parts}; shorten the text or raise max_parts (at most {MAX_PARTS_LIMIT})"
    )]
    TooManyParts {
        /// The parts the text needs.
        parts: usize,
        /// The limit in force.
        max_parts: u32,
    },
    /// `max_parts` is outside 1..=255.
    #[error("max_parts: {value} is out of range; it must be between 1 and {MAX_PARTS_LIMIT}")]
    InvalidMaxParts {
        /// The value as given.
        value: i64,
    },
    /// The concatenation reference does not fit its width, or the width is not 8 or 16 bits.
    #[error(
        "reference: {value} does not fit a {bits}-bit concatenation reference (8 bits: 0..=255, 16 bits: 0..=65535)"
    )]
    InvalidReference {
        /// The width asked for, in bits.
        bits: i64,
        /// The reference as given.
        value: i64,
    },
    /// The language is not one of the national languages of TS 23.038.
    #[error(
        "languages: {value:?} is not a national language of 3GPP TS 23.038 (turkish, spanish, portuguese, bengali, gujarati, hindi, kannada, malayalam, oriya, punjabi, tamil, telugu, urdu)"
    )]
    UnknownLanguage {
        /// The name as given.
        value: String,
    },
}

impl ErrorCode for SmsError {
    fn code(&self) -> &'static str {
        match self {
            SmsError::TooManyParts { .. } => "sms.too_many_parts",
            SmsError::InvalidMaxParts { .. } => "sms.invalid_max_parts",
            SmsError::InvalidReference { .. } => "sms.invalid_reference",
            SmsError::UnknownLanguage { .. } => "sms.unknown_language",
        }
    }
}
