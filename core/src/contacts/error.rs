use thiserror::Error;

use crate::error::ErrorCode;

use crate::ids::ContactId;
use crate::time::Instant;

use super::contact::Channel;
use super::phone::Region;

/// Why a phone number was refused: the reason carried by [`ContactError::InvalidPhone`].
///
/// ```
/// use envoi::contacts::{normalize_phone, ContactError, PhoneProblem, Region};
///
/// let error = normalize_phone("0475 12 34 5", Region::BE).unwrap_err();
/// assert!(matches!(
///     error,
///     ContactError::InvalidPhone { reason: PhoneProblem::InvalidForRegion { .. }, .. }
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PhoneProblem {
    /// Nothing but whitespace.
    #[error("it is empty")]
    Empty,
    /// A character other than digits, whitespace, a leading `+` and the separators `( ) - . /`
    /// (letters, an extension such as `ext. 12`, a `tel:` prefix, `#`, `*`…).
    #[error(
        "{character:?} at character {position} is not allowed (digits, spaces, a leading + and ( ) - . / only)"
    )]
    UnexpectedCharacter {
        /// The character.
        character: char,
        /// Its position in the trimmed text, counting characters from 1.
        position: usize,
    },
    /// Only separators, spaces or `+`, without a single digit (`-`, `( )`, `+`): no number at
    /// all, rather than a number too short.
    #[error("it contains no digit")]
    NoDigit,
    /// Longer than [`MAX_PHONE_TEXT_LEN`](super::MAX_PHONE_TEXT_LEN) bytes once trimmed.
    #[error("it has {len} bytes, a phone number is written in at most {max}")]
    TextTooLong {
        /// The trimmed length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Too few digits to be a phone number of any country.
    #[error("too few digits for a phone number")]
    TooShort,
    /// More digits than any phone number has (15 with the country code, ITU-T E.164).
    #[error("too many digits for a phone number")]
    TooLong,
    /// It starts with `+` or an international prefix followed by a country code that does not exist.
    #[error("no country has this calling code")]
    InvalidCountryCode,
    /// The number reads as `e164`, which the numbering plan then reads differently or finds
    /// invalid (a carrier-code or national-prefix form the metadata cannot place, such as Brazil's
    /// `0 xx` carrier prefixes): refused rather than stored as a number that cannot be read back.
    #[error(
        "it reads as {e164}, which does not read back as the same valid number (a carrier or national prefix the numbering plan cannot place): write it with + and the country code"
    )]
    NotReproducible {
        /// The E.164 text it read as.
        e164: String,
    },
    /// Not in E.164 form: `+` and the digits of the country code and the national number, nothing
    /// else (what [`PhoneNumber::parse_e164`](super::PhoneNumber::parse_e164) and deserialization
    /// read).
    #[error("not in E.164 form (a + then the digits, without spaces or a national 0)")]
    NotE164,
    /// The digits do not form a number of their country's numbering plan (wrong length for its
    /// prefix, or a prefix no operator uses).
    #[error(
        "not a valid number of {} (+{country_code}): wrong length or a prefix not in use",
        .region.as_ref().map_or("its country", Region::as_str)
    )]
    InvalidForRegion {
        /// The region of the number, `None` for the non-geographic codes (+800, +882…).
        region: Option<Region>,
        /// The country calling code.
        country_code: u16,
    },
}

/// Why a contact, a phone number, an email address or a region was refused.
///
/// Every variant names the value and the rule; [`ErrorCode::code`] gives the stable code
/// (`contacts.invalid_phone`, `contacts.invalid_email`, `contacts.unknown_region`,
/// `contacts.unknown_contact`, `contacts.consent_out_of_order`).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::contacts::{normalize_phone, Region};
///
/// let error = normalize_phone("+32 475 12 34 5x", Region::BE).unwrap_err();
/// assert_eq!(error.code(), "contacts.invalid_phone");
/// assert_eq!(
///     error.to_string(),
///     "phone number \"+32 475 12 34 5x\": 'x' at character 16 is not allowed \
///      (digits, spaces, a leading + and ( ) - . / only)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ContactError {
    /// A region code that is not an ISO 3166 alpha-2 code with a numbering plan.
    #[error(
        "region {value:?}: not an ISO 3166 alpha-2 region with a telephone numbering plan (such as BE, NL, FR)"
    )]
    UnknownRegion {
        /// The code as given (cut to its first 32 characters).
        value: String,
    },
    /// A phone number that could not be read as a valid number.
    #[error("phone number {value:?}: {reason}")]
    InvalidPhone {
        /// The text as given (cut to its first 64 characters).
        value: String,
        /// Why it was refused.
        reason: PhoneProblem,
    },
    /// An email address whose syntax is not that of an address (RFC 5321/5322).
    #[error("email address {value:?}: {reason}")]
    InvalidEmail {
        /// The text as given (cut to its first 320 characters, the longest address).
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// Recipients that are not in the address book.
    #[error(
        "recipients: {} not in the address book: {}; a contact must exist before it is a recipient",
        .ids.len(),
        list_ids(.ids)
    )]
    UnknownContact {
        /// Every unknown id, each once, in the order given.
        ids: Vec<ContactId>,
    },
    /// An opt-out or opt-in dated before the last change of the same channel: the history is in
    /// time order.
    #[error(
        "{channel} {action} at {at}: before the last change of this channel's consent at {last}; the history is kept in time order"
    )]
    ConsentOutOfOrder {
        /// The channel.
        channel: Channel,
        /// `"opt-out"` or `"opt-in"`.
        action: &'static str,
        /// The time given.
        at: Instant,
        /// The time of the last change.
        last: Instant,
    },
}

/// The first ten ids, then how many more.
fn list_ids(ids: &[ContactId]) -> String {
    let mut text = ids
        .iter()
        .take(10)
        .map(ContactId::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > 10 {
        text.push_str(&format!(" and {} more", ids.len() - 10));
    }
    text
}

impl ErrorCode for ContactError {
    fn code(&self) -> &'static str {
        match self {
            ContactError::UnknownRegion { .. } => "contacts.unknown_region",
            ContactError::InvalidPhone { .. } => "contacts.invalid_phone",
            ContactError::InvalidEmail { .. } => "contacts.invalid_email",
            ContactError::UnknownContact { .. } => "contacts.unknown_contact",
            ContactError::ConsentOutOfOrder { .. } => "contacts.consent_out_of_order",
        }
    }
}

/// The first `max` characters of `text`, for error messages.
pub(crate) fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}
