//! The languages envoi writes in for people: Belgium's three official languages and English.
//!
//! An account's interface language, the language of an invoice and of its legal mentions.
//!
//! ```
//! use envoi::language::Language;
//!
//! let language: Language = "nl".parse()?;
//! assert_eq!(language, Language::Nl);
//! assert_eq!(language.code(), "nl");
//! # Ok::<(), envoi::language::LanguageError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::ErrorCode;

/// French, Dutch, German or English, by ISO 639-1 code.
///
/// ```
/// use envoi::language::Language;
/// assert_eq!(Language::from_code("de"), Some(Language::De));
/// assert_eq!(Language::from_code("es"), None);
/// assert_eq!(Language::default(), Language::En);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French.
    Fr,
    /// Dutch.
    Nl,
    /// German.
    De,
    /// English.
    #[default]
    En,
}

impl Language {
    /// Every language, in the order French, Dutch, German, English.
    pub const ALL: [Language; 4] = [Language::Fr, Language::Nl, Language::De, Language::En];

    /// The ISO 639-1 code: `"fr"`, `"nl"`, `"de"` or `"en"`.
    ///
    /// ```
    /// assert_eq!(envoi::language::Language::Fr.code(), "fr");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// The language of an ISO 639-1 code in lower case, or `None`.
    ///
    /// ```
    /// use envoi::language::Language;
    /// assert_eq!(Language::from_code("fr"), Some(Language::Fr));
    /// assert_eq!(Language::from_code("FR"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        Language::ALL
            .into_iter()
            .find(|language| language.code() == code)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = LanguageError;

    /// Reads an ISO 639-1 code, ignoring case and surrounding spaces.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Language::from_code(&text.trim().to_ascii_lowercase()).ok_or_else(|| LanguageError {
            value: text.to_owned(),
        })
    }
}

/// A language code envoi does not write in.
///
/// ```
/// use envoi::ErrorCode;
/// let error = "es".parse::<envoi::language::Language>().unwrap_err();
/// assert_eq!(error.code(), "language.unsupported");
/// assert_eq!(error.to_string(), "language: \"es\" is not one of fr, nl, de, en");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("language: {value:?} is not one of fr, nl, de, en")]
pub struct LanguageError {
    /// The code as given.
    pub value: String,
}

impl ErrorCode for LanguageError {
    fn code(&self) -> &'static str {
        "language.unsupported"
    }
}
