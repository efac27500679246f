//! SMS sender numbers: international form only, mobile only (SPEC section 2).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[cfg(doc)]
use crate::contacts::PhoneKind;
use crate::contacts::{MAX_PHONE_TEXT_LEN, PhoneNumber, Region, normalize_phone};

use super::SenderError;

/// The number an SMS is sent from: a mobile number given in international form, kept in E.164.
///
/// [`SmsSenderNumber::parse`] accepts `+32475123456` and `0032475123456` (any spacing and the usual
/// separators, as [`normalize_phone`] reads them) and refuses, each with its code:
/// - a national form, `0475123456` (or digits without any prefix): `senders.not_international`,
///   saying to write `+` and the country code (with the international form when the text reads as
///   a Belgian mobile number);
/// - an alphanumeric sender, `John Tel` (any letter, unless the text starts with `+`: then it is
///   a number with a stray character, `contacts.invalid_phone`): `senders.alphanumeric_sender`,
///   with the SPEC's reason: it is not accepted in every country and the recipient cannot reply;
/// - a valid number that does not accept SMS by [`PhoneKind::accepts_sms`], the rule contacts
///   use too (a fixed line, a freephone number…): `senders.not_mobile`. A number whose plan
///   cannot tell mobile from fixed (the United States) is accepted, as that rule decides; the
///   verification code sent to it by SMS proves it receives them;
/// - text that is not a valid number: `contacts.invalid_phone`, with the reason.
///
/// `00` is read as the international prefix whatever the account's country (it is the prefix of
/// every European country). Serialized as the E.164 text; deserializing checks it again.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::senders::SmsSenderNumber;
///
/// for text in ["+32475123456", "0032475123456", "+32 475 12 34 56", "0032 (0)475/12.34.56"] {
///     assert_eq!(SmsSenderNumber::parse(text)?.e164(), "+32475123456");
/// }
/// let national = SmsSenderNumber::parse("0475123456").unwrap_err();
/// assert_eq!(national.code(), "senders.not_international");
/// assert_eq!(
///     national.to_string(),
///     "sender number \"0475123456\": not in international form; write + and the country code, \
///      then the number without its national 0: +32475123456"
/// );
/// assert_eq!(SmsSenderNumber::parse("+3224012345").unwrap_err().code(), "senders.not_mobile");
/// assert_eq!(SmsSenderNumber::parse("+32 475").unwrap_err().code(), "contacts.invalid_phone");
/// # Ok::<(), envoi::senders::SenderError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SmsSenderNumber(PhoneNumber);

impl SmsSenderNumber {
    /// Reads a sender number (see the [type documentation](SmsSenderNumber) for the rules).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::senders::SmsSenderNumber;
    ///
    /// assert_eq!(SmsSenderNumber::parse("+33 6 12 34 56 78")?.e164(), "+33612345678");
    /// assert_eq!(SmsSenderNumber::parse("John Tel").unwrap_err().code(), "senders.alphanumeric_sender");
    /// assert_eq!(SmsSenderNumber::parse("32475123456").unwrap_err().code(), "senders.not_international");
    /// # Ok::<(), envoi::senders::SenderError>(())
    /// ```
    ///
    /// # Errors
    /// [`SenderError::AlphanumericSender`], [`SenderError::NotInternational`],
    /// [`SenderError::Contact`] (`contacts.invalid_phone`), [`SenderError::NotMobile`].
    pub fn parse(text: &str) -> Result<SmsSenderNumber, SenderError> {
        let trimmed = text.trim();
        if !trimmed.starts_with('+') && trimmed.chars().any(char::is_alphabetic) {
            return Err(SenderError::AlphanumericSender { value: shown(text) });
        }
        let international = if trimmed.starts_with('+') {
            normalize_phone(trimmed, Region::BE)?
        } else if let Some(rest) = trimmed.strip_prefix("00") {
            normalize_phone(&format!("+{}", rest.trim_start()), Region::BE)?
        } else if trimmed.is_empty() {
            // The contacts' own refusal ("it is empty").
            normalize_phone(trimmed, Region::BE)?
        } else {
            let suggestion = normalize_phone(trimmed, Region::BE)
                .ok()
                .filter(|number| trimmed.starts_with('0') && number.accepts_sms())
                .map(|number| number.e164().to_owned());
            return Err(SenderError::NotInternational {
                value: shown(text),
                suggestion,
            });
        };
        if !international.accepts_sms() {
            return Err(SenderError::NotMobile {
                number: international.e164().to_owned(),
                kind: international.kind(),
            });
        }
        Ok(SmsSenderNumber(international))
    }

    /// The number in E.164 form (`+32475123456`).
    ///
    /// ```
    /// # use envoi::senders::SmsSenderNumber;
    /// assert_eq!(SmsSenderNumber::parse("0031 6 12345678")?.e164(), "+31612345678");
    /// # Ok::<(), envoi::senders::SenderError>(())
    /// ```
    pub fn e164(&self) -> &str {
        self.0.e164()
    }

    /// The phone number (its country code, its kind: one that accepts SMS).
    ///
    /// ```
    /// # use envoi::senders::SmsSenderNumber;
    /// let number = SmsSenderNumber::parse("+32475123456")?;
    /// assert_eq!(number.phone_number().country_code(), 32);
    /// assert!(number.phone_number().accepts_sms());
    /// # Ok::<(), envoi::senders::SenderError>(())
    /// ```
    pub fn phone_number(&self) -> &PhoneNumber {
        &self.0
    }
}

/// The text as it goes into an error: at most [`MAX_PHONE_TEXT_LEN`] characters.
fn shown(text: &str) -> String {
    text.chars().take(MAX_PHONE_TEXT_LEN).collect()
}

impl fmt::Display for SmsSenderNumber {
    /// The E.164 text.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.e164())
    }
}

impl FromStr for SmsSenderNumber {
    type Err = SenderError;

    /// [`SmsSenderNumber::parse`].
    fn from_str(text: &str) -> Result<SmsSenderNumber, SenderError> {
        SmsSenderNumber::parse(text)
    }
}

impl Serialize for SmsSenderNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.e164())
    }
}

impl<'de> Deserialize<'de> for SmsSenderNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SmsSenderNumber, D::Error> {
        let text = String::deserialize(deserializer)?;
        SmsSenderNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}
