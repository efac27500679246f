//! The national languages of 3GPP TS 23.038 §6.2.1.2.4 whose shift tables envoi knows.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::SmsError;

/// A national language of 3GPP TS 23.038 that has a single shift table, a locking shift table, or both.
///
/// Each language is identified on the air by a one-octet *language identifier* (the value carried in
/// the national language shift information elements of the user data header), returned by
/// [`NationalLanguage::identifier`]. Spanish has a single shift table only; every other language has both.
///
/// ```
/// use envoi::sms::NationalLanguage;
///
/// let turkish: NationalLanguage = "turkish".parse()?;
/// assert_eq!(turkish, NationalLanguage::Turkish);
/// assert_eq!(turkish.identifier(), 1);
/// assert_eq!(turkish.name(), "turkish");
/// assert!(NationalLanguage::Spanish.has_single_shift());
/// assert!(!NationalLanguage::Spanish.has_locking_shift());
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum NationalLanguage {
    /// Turkish (identifier 1).
    Turkish,
    /// Spanish (identifier 2): single shift table only.
    Spanish,
    /// Portuguese (identifier 3).
    Portuguese,
    /// Bengali and Assamese (identifier 4).
    Bengali,
    /// Gujarati (identifier 5).
    Gujarati,
    /// Hindi (identifier 6).
    Hindi,
    /// Kannada (identifier 7).
    Kannada,
    /// Malayalam (identifier 8).
    Malayalam,
    /// Oriya (identifier 9).
    Oriya,
    /// Punjabi (identifier 10).
    Punjabi,
    /// Tamil (identifier 11).
    Tamil,
    /// Telugu (identifier 12).
    Telugu,
    /// Urdu (identifier 13).
    Urdu,
}

impl NationalLanguage {
    /// Every language, in the order of their identifiers.
    ///
    /// ```
    /// use envoi::sms::NationalLanguage;
    /// assert_eq!(NationalLanguage::ALL.len(), 13);
    /// assert_eq!(NationalLanguage::ALL[0], NationalLanguage::Turkish);
    /// ```
    pub const ALL: [NationalLanguage; 13] = [
        Self::Turkish,
        Self::Spanish,
        Self::Portuguese,
        Self::Bengali,
        Self::Gujarati,
        Self::Hindi,
        Self::Kannada,
        Self::Malayalam,
        Self::Oriya,
        Self::Punjabi,
        Self::Tamil,
        Self::Telugu,
        Self::Urdu,
    ];

    /// The language identifier of TS 23.038 §6.2.1.2.4 (1 = Turkish … 13 = Urdu).
    ///
    /// ```
    /// use envoi::sms::NationalLanguage;
    /// assert_eq!(NationalLanguage::Urdu.identifier(), 13);
    /// ```
    pub fn identifier(self) -> u8 {
        match self {
            Self::Turkish => 1,
            Self::Spanish => 2,
            Self::Portuguese => 3,
            Self::Bengali => 4,
            Self::Gujarati => 5,
            Self::Hindi => 6,
            Self::Kannada => 7,
            Self::Malayalam => 8,
            Self::Oriya => 9,
            Self::Punjabi => 10,
            Self::Tamil => 11,
            Self::Telugu => 12,
            Self::Urdu => 13,
        }
    }

    /// The lower-case English name used in every binding (`"turkish"`, `"hindi"`…).
    ///
    /// ```
    /// use envoi::sms::NationalLanguage;
    /// assert_eq!(NationalLanguage::Portuguese.name(), "portuguese");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Turkish => "turkish",
            Self::Spanish => "spanish",
            Self::Portuguese => "portuguese",
            Self::Bengali => "bengali",
            Self::Gujarati => "gujarati",
            Self::Hindi => "hindi",
            Self::Kannada => "kannada",
            Self::Malayalam => "malayalam",
            Self::Oriya => "oriya",
            Self::Punjabi => "punjabi",
            Self::Tamil => "tamil",
            Self::Telugu => "telugu",
            Self::Urdu => "urdu",
        }
    }

    /// Whether TS 23.038 defines a single shift table for this language (all of them do).
    ///
    /// ```
    /// use envoi::sms::NationalLanguage;
    /// assert!(NationalLanguage::Hindi.has_single_shift());
    /// ```
    pub fn has_single_shift(self) -> bool {
        true
    }

    /// Whether TS 23.038 defines a locking shift table for this language (all but Spanish).
    ///
    /// ```
    /// use envoi::sms::NationalLanguage;
    /// assert!(NationalLanguage::Portuguese.has_locking_shift());
    /// assert!(!NationalLanguage::Spanish.has_locking_shift());
    /// ```
    pub fn has_locking_shift(self) -> bool {
        !matches!(self, Self::Spanish)
    }
}

impl fmt::Display for NationalLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for NationalLanguage {
    type Err = SmsError;

    /// Parses a language name as returned by [`NationalLanguage::name`], ignoring ASCII case.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|language| language.name().eq_ignore_ascii_case(value.trim()))
            .ok_or_else(|| SmsError::UnknownLanguage {
                value: value.to_owned(),
            })
    }
}
