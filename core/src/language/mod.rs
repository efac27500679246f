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
/// Read from text (`parse`, and from JSON) leniently: any case, surrounding spaces, and a region
/// or other subtags after `-` or `_` dropped (`fr-BE`, `nl_BE`, `de-CH`, `EN` are fr, nl, de, en).
/// Written as the lower-case code.
///
/// ```
/// use envoi::language::Language;
/// assert_eq!(Language::from_code("de"), Some(Language::De));
/// assert_eq!(Language::from_code("es"), None);
/// assert_eq!(Language::default(), Language::En);
/// assert_eq!(serde_json::from_str::<Language>("\"nl_BE\"")?, Language::Nl);
/// assert_eq!(serde_json::to_string(&Language::Nl)?, "\"nl\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase", try_from = "String")]
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
    ///
    /// ```
    /// use envoi::language::Language;
    /// let codes: Vec<&str> = Language::ALL.iter().map(|language| language.code()).collect();
    /// assert_eq!(codes, ["fr", "nl", "de", "en"]);
    /// ```
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

    /// Reads an ISO 639-1 code, ignoring case and surrounding spaces, and dropping a region (or
    /// any further BCP 47 subtags: 1 to 8 ASCII letters or digits each) after `-` or `_`:
    /// `fr-BE`, `nl_BE`, `de-CH`, `EN` are fr, nl, de, en.
    ///
    /// ```
    /// use envoi::language::Language;
    ///
    /// for (text, language) in [("fr-BE", Language::Fr), ("nl_BE", Language::Nl), ("de-CH", Language::De),
    ///                          ("EN", Language::En), (" Fr ", Language::Fr), ("en-Latn-GB", Language::En)] {
    ///     assert_eq!(text.parse::<Language>(), Ok(language), "{text}");
    /// }
    /// assert!("es-BE".parse::<Language>().is_err());
    /// assert!("fr-".parse::<Language>().is_err());
    /// assert!("fr BE".parse::<Language>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut subtags = text.trim().split(['-', '_']);
        let primary = subtags.next().unwrap_or("");
        let rest_is_subtags = subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        rest_is_subtags
            .then(|| Language::from_code(&primary.to_ascii_lowercase()))
            .flatten()
            .ok_or_else(|| LanguageError {
                value: text.chars().take(64).collect(),
            })
    }
}

impl TryFrom<String> for Language {
    type Error = LanguageError;

    /// As [`str::parse`]: a code, any case, a region dropped.
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// A language code envoi does not write in: the message names the value and the four languages.
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
    /// The code as given (cut to 64 characters).
    pub value: String,
}

impl ErrorCode for LanguageError {
    fn code(&self) -> &'static str {
        "language.unsupported"
    }
}
