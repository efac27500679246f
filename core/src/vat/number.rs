//! VAT numbers: reading what people type, and checking each country's format and check digits.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::countries::{self, Fault};
use super::error::VatError;

/// The 27 member states (Greece as `"EL"`, its VAT prefix) and `"XI"` (Northern Ireland), in
/// alphabetical order: the countries whose VAT numbers [`VatNumber::parse`] checks.
///
/// ```
/// use envoi::vat::VAT_COUNTRIES;
///
/// assert_eq!(VAT_COUNTRIES.len(), 28);
/// assert!(VAT_COUNTRIES.contains(&"EL") && VAT_COUNTRIES.contains(&"XI"));
/// assert!(!VAT_COUNTRIES.contains(&"GR"));
/// ```
pub const VAT_COUNTRIES: [&str; 28] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
];

/// Whether `country` is one of the 27 EU member states. Greece counts as `"EL"` and `"GR"`; `"XI"`
/// (Northern Ireland, whose numbers validate but which is outside the EU for services) does not.
/// The code is read in any case.
///
/// ```
/// use envoi::vat::is_eu_member_state;
///
/// assert!(is_eu_member_state("BE") && is_eu_member_state("el") && is_eu_member_state("GR"));
/// assert!(!is_eu_member_state("XI") && !is_eu_member_state("GB") && !is_eu_member_state("EU"));
/// ```
pub fn is_eu_member_state(country: &str) -> bool {
    let scheme = match *country.as_bytes() {
        [a, b] => countries::scheme([a.to_ascii_uppercase(), b.to_ascii_uppercase()]),
        _ => None,
    };
    scheme.is_some_and(|(code, _)| !matches!(code, "XI" | "EU" | "IM"))
}

/// What a VAT number identifies.
///
/// ```
/// use envoi::vat::VatNumberKind;
///
/// assert_eq!(serde_json::to_string(&VatNumberKind::Oss)?, "\"oss\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VatNumberKind {
    /// A business's VAT number in a member state or Northern Ireland: one a customer can give.
    Customer,
    /// A One-Stop-Shop id (`EU…` non-union scheme, `IM…` import scheme): a seller's VAT registration,
    /// never a customer's VAT number (SPEC section 7).
    Oss,
}

/// A VAT number that passed its country's format and check digits, in compact form.
///
/// [`VatNumber::parse`] reads what people type: spaces, dots, commas, colons, dashes and slashes
/// anywhere, lower case, the Belgian "(0)", full-width digits and other compatibility forms (NFKC),
/// with or without the country prefix when the country is given. `GR` is read as Greece's `EL`; a
/// `GB…` number is read as `XI` only when the country `XI` is given. The checks are python-stdnum's
/// (`stdnum.eu.vat`), which the tests compare with on every country.
///
/// Its serde form is `{"country":"BE","compact":"BE0403170701","kind":"customer"}`; reading it checks
/// the number again.
///
/// ```
/// use envoi::vat::{VatNumber, VatNumberKind};
///
/// let number = VatNumber::parse("be 0403.170.701", None)?;
/// assert_eq!(number.country(), "BE");
/// assert_eq!(number.compact(), "BE0403170701");
/// assert_eq!(number.national(), "0403170701");
/// assert_eq!(number.kind(), VatNumberKind::Customer);
///
/// // Without the prefix when the country is given; GR is read as EL.
/// assert_eq!(VatNumber::parse("094259216", Some("GR"))?.compact(), "EL094259216");
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "VatNumberData", into = "VatNumberData")]
pub struct VatNumber {
    /// Country prefix and national part, upper case ASCII, no separators; the bytes past `len` are
    /// zero. Inline, so that checking a number allocates nothing.
    compact: [u8; VatNumber::CAPACITY],
    len: u8,
    kind: VatNumberKind,
}

impl fmt::Debug for VatNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VatNumber")
            .field("compact", &self.compact())
            .field("kind", &self.kind)
            .finish()
    }
}

impl VatNumber {
    /// Reads and checks a VAT number.
    ///
    /// `country` is the country the number should belong to (a VAT prefix such as `"BE"`, `"EL"` or
    /// `"GR"`, `"XI"`, or `"EU"`/`"IM"` for OSS ids; any case; `None` or `""` when unknown). Without
    /// it the number must start with its prefix; with it the prefix is optional, and a prefix of
    /// another country is [`VatError::CountryMismatch`].
    ///
    /// Errors, each naming the part that is wrong: [`VatError::Empty`] (nothing but separators),
    /// [`VatError::UnknownCountry`] (no prefix and no country, an unknown prefix or country, `GB`
    /// without the country `XI`), [`VatError::CountryMismatch`], [`VatError::InvalidCharacter`],
    /// [`VatError::BadLength`] (with the lengths the country uses), [`VatError::BadFormat`] (with the
    /// rule) and [`VatError::BadCheckDigit`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::vat::{VatError, VatNumber, VatNumberKind};
    ///
    /// assert_eq!(VatNumber::parse("BE (0)403.170.701", None)?.compact(), "BE0403170701");
    /// assert_eq!(VatNumber::parse("FR 40 303 265 045", Some("fr"))?.national(), "40303265045");
    /// assert_eq!(VatNumber::parse("GB980780684", Some("XI"))?.compact(), "XI980780684");
    /// assert_eq!(VatNumber::parse("EU372022452", None)?.kind(), VatNumberKind::Oss);
    ///
    /// let error = VatNumber::parse("BE0403170702", None).unwrap_err();
    /// assert_eq!(error.code(), "vat.bad_check_digit");
    /// let error = VatNumber::parse("DE12345", None).unwrap_err();
    /// assert_eq!(error.to_string(), "vat_number: DE12345 has 5 characters after DE; DE numbers have 9 digits");
    /// let error = VatNumber::parse("GB980780684", None).unwrap_err();
    /// assert_eq!(error.code(), "vat.unknown_country");
    /// # Ok::<(), VatError>(())
    /// ```
    pub fn parse(input: &str, country: Option<&str>) -> Result<VatNumber, VatError> {
        VatNumber::check(input, country).map_err(|rejection| rejection.into_error(input))
    }

    /// Whether [`VatNumber::parse`] accepts the number: the same checks, without building an
    /// error for a number that fails them (python-stdnum's `is_valid`).
    ///
    /// ```
    /// use envoi::vat::VatNumber;
    /// assert!(VatNumber::is_valid("BE 0403.170.701", None));
    /// assert!(!VatNumber::is_valid("BE0403170702", None));
    /// assert!(VatNumber::is_valid("094259216", Some("GR")));
    /// ```
    pub fn is_valid(input: &str, country: Option<&str>) -> bool {
        VatNumber::check(input, country).is_ok()
    }

    /// [`VatNumber::parse`], with a failed check digit, length or format kept as a cheap
    /// [`Rejection`] (the error is built only when asked for).
    fn check(input: &str, country: Option<&str>) -> Result<VatNumber, Rejection> {
        let given = match country {
            Some(country) if !country.is_empty() => Some(given_country(country)?),
            _ => None,
        };
        let cleaned = Cleaned::new(input);
        let text = cleaned.as_bytes();
        if text.is_empty() {
            return Err(Rejection::Error(VatError::Empty {
                field: "vat_number",
                value: input.to_owned(),
            }));
        }
        let (code, check, national) = split_prefix(text, given, input)?;
        if !national.is_ascii() {
            let character = String::from_utf8_lossy(national)
                .chars()
                .find(|c| !c.is_ascii())
                .unwrap_or('?');
            return Err(Rejection::Error(VatError::InvalidCharacter {
                country: code.to_owned(),
                value: input.to_owned(),
                character,
            }));
        }
        let national_start = text.len() - national.len();
        let checked = match check(national) {
            Ok(checked) => checked,
            Err(fault) => {
                return Err(Rejection::Fault {
                    fault,
                    code,
                    cleaned,
                    national_start,
                });
            }
        };
        let kind = if matches!(code, "EU" | "IM") {
            VatNumberKind::Oss
        } else {
            VatNumberKind::Customer
        };
        let mut number = VatNumber {
            compact: [0; VatNumber::CAPACITY],
            len: 0,
            kind,
        };
        // A prefix of 2 and a national part of at most 16 (`countries::National`) always fit.
        for (slot, byte) in number
            .compact
            .iter_mut()
            .zip(code.bytes().chain(checked.as_str().bytes()))
        {
            *slot = byte;
            number.len += 1;
        }
        Ok(number)
    }

    /// The longest compact form: a prefix and the longest national part.
    const CAPACITY: usize = 2 + countries::National::CAPACITY;

    /// The country prefix: `"BE"`, `"EL"` for Greece, `"XI"`, or `"EU"`/`"IM"` for OSS ids.
    ///
    /// ```
    /// use envoi::vat::VatNumber;
    /// assert_eq!(VatNumber::parse("GR 094259216", None)?.country(), "EL");
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn country(&self) -> &str {
        self.compact().get(..2).unwrap_or_default()
    }

    /// The prefix and the national part, upper case, without separators: `"BE0403170701"`.
    ///
    /// ```
    /// use envoi::vat::VatNumber;
    /// assert_eq!(VatNumber::parse("el-094259216", None)?.compact(), "EL094259216");
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn compact(&self) -> &str {
        let bytes = self
            .compact
            .get(..usize::from(self.len))
            .unwrap_or_default();
        // Built from ASCII only (`parse`), so always UTF-8.
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The part after the prefix: `"0403170701"`.
    ///
    /// ```
    /// use envoi::vat::VatNumber;
    /// assert_eq!(VatNumber::parse("BE403170701", None)?.national(), "0403170701");
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn national(&self) -> &str {
        self.compact().get(2..).unwrap_or_default()
    }

    /// Whether it is a customer's VAT number or an OSS id.
    ///
    /// ```
    /// use envoi::vat::{VatNumber, VatNumberKind};
    /// assert_eq!(VatNumber::parse("IM3720000224", None)?.kind(), VatNumberKind::Oss);
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn kind(&self) -> VatNumberKind {
        self.kind
    }
}

/// The compact form.
impl fmt::Display for VatNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.compact())
    }
}

/// [`VatNumber::parse`] without a country: the number must start with its prefix.
///
/// ```
/// use envoi::vat::VatNumber;
/// let number: VatNumber = "NL 4495.445.B01".parse()?;
/// assert_eq!(number.to_string(), "NL004495445B01"); // the leading zeros restored
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
impl FromStr for VatNumber {
    type Err = VatError;

    fn from_str(input: &str) -> Result<VatNumber, VatError> {
        VatNumber::parse(input, None)
    }
}

/// The serde form of a [`VatNumber`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VatNumberData {
    country: String,
    compact: String,
    kind: VatNumberKind,
}

impl From<VatNumber> for VatNumberData {
    fn from(number: VatNumber) -> VatNumberData {
        VatNumberData {
            country: number.country().to_owned(),
            compact: number.compact().to_owned(),
            kind: number.kind,
        }
    }
}

impl TryFrom<VatNumberData> for VatNumber {
    type Error = VatError;

    fn try_from(data: VatNumberData) -> Result<VatNumber, VatError> {
        let number = VatNumber::parse(&data.compact, Some(&data.country))?;
        if number.kind != data.kind {
            return Err(VatError::InvalidArgument {
                field: "kind",
                value: format!("{:?}", data.kind).to_lowercase(),
                expected: "\"oss\" for EU and IM ids, \"customer\" for the others",
            });
        }
        Ok(number)
    }
}

// ---- Reading what people type ----------------------------------------------------------------

/// Read for a `GB` prefix or country.
const GB_HINT: &str =
    "; a GB number is accepted only as XI (Northern Ireland), when the country XI is given";
/// Read when the number has no prefix and no country was given.
const NO_PREFIX_HINT: &str =
    "; a VAT number starts with its country prefix (BE, FR…) unless the country is given";

/// Separators people type, removed anywhere (after NFKC): white space, full stops, commas, colons,
/// hyphens and dashes, slashes.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ':' | '-' | '/' | '\u{2010}'
                ..='\u{2015}' | '\u{2212}' | '\u{2044}' | '\u{2215}'
        )
}

/// [`is_separator`] for an ASCII byte (ASCII white space is tab to carriage return, and space).
fn is_ascii_separator(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | b'.' | b',' | b':' | b'-' | b'/')
}

/// The input without separators, ASCII letters upper case. ASCII input (the usual case), separators
/// and full-width forms are cleaned into a stack buffer, without allocating; other input is
/// NFKC-normalised first.
enum Cleaned {
    Stack {
        bytes: [u8; Cleaned::STACK],
        len: usize,
    },
    Heap(String),
}

impl Cleaned {
    const STACK: usize = 32;

    fn new(input: &str) -> Cleaned {
        let mut bytes = [0u8; Cleaned::STACK];
        let mut len = 0;
        for c in input.chars() {
            // Besides ASCII, the characters people paste most need no NFKC tables: separators
            // (dashes, no-break and other spaces: NFKC leaves them separators) and the full-width
            // forms of ASCII (NFKC maps U+FF01..=U+FF5E to U+0021..=U+007E). Anything else (a
            // combining mark, a ligature…) takes the whole NFKC path.
            let ascii = if c.is_ascii() {
                c as u32
            } else if is_separator(c) {
                continue;
            } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
                c as u32 - 0xFEE0
            } else {
                return Cleaned::normalized(input);
            };
            let Ok(b) = u8::try_from(ascii) else {
                return Cleaned::normalized(input);
            };
            if is_ascii_separator(b) {
                continue;
            }
            match bytes.get_mut(len) {
                Some(slot) => *slot = b.to_ascii_uppercase(),
                None => return Cleaned::normalized(input),
            }
            len += 1;
        }
        Cleaned::Stack { bytes, len }
    }

    fn normalized(input: &str) -> Cleaned {
        Cleaned::Heap(
            input
                .nfkc()
                .filter(|&c| !is_separator(c))
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        )
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Cleaned::Stack { bytes, len } => bytes.get(..*len).unwrap_or_default(),
            Cleaned::Heap(text) => text.as_bytes(),
        }
    }
}

/// A VAT code and its country's function (see [`countries::scheme`]).
type Scheme = (&'static str, countries::Validator);

fn unknown(field: &'static str, value: &str, hint: &'static str) -> VatError {
    VatError::UnknownCountry {
        field,
        value: value.to_owned(),
        hint,
    }
}

/// The country argument as a VAT code (any case; `GR` is `EL`).
fn given_country(country: &str) -> Result<Scheme, VatError> {
    let found = match *country.as_bytes() {
        [a, b] => countries::scheme([a.to_ascii_uppercase(), b.to_ascii_uppercase()]),
        _ => None,
    };
    match found {
        Some(scheme) => Ok(scheme),
        None if country.eq_ignore_ascii_case("GB") => Err(unknown("country", country, GB_HINT)),
        None => Err(unknown("country", country, "")),
    }
}

/// The country (code and function) and the national part of a cleaned number.
fn split_prefix<'t>(
    text: &'t [u8],
    given: Option<Scheme>,
    input: &str,
) -> Result<(&'static str, countries::Validator, &'t [u8]), VatError> {
    let prefix = match *text {
        [a, b, ..] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some([a, b]),
        _ => None,
    };
    let rest = text.get(2..).unwrap_or_default();
    let text_of = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let Some((code, check)) = given else {
        let Some(prefix) = prefix else {
            let start: String = String::from_utf8_lossy(text).chars().take(2).collect();
            return Err(unknown("vat_number", &start, NO_PREFIX_HINT));
        };
        return match countries::scheme(prefix) {
            Some((code, check)) => Ok((code, check, rest)),
            None if &prefix == b"GB" => Err(unknown("vat_number", "GB", GB_HINT)),
            None => Err(unknown("vat_number", &text_of(&prefix), "")),
        };
    };
    let Some(prefix) = prefix else {
        return Ok((code, check, text));
    };
    // The country's own prefix, or its alias: GR for EL, GB for XI.
    let named = countries::scheme(prefix).map(|(named, _)| named);
    if named == Some(code) || (code == "XI" && &prefix == b"GB") {
        return Ok((code, check, rest));
    }
    // Another country's prefix, unless the whole text is a national number that starts with those
    // letters (a French key such as "BE").
    if (named.is_some() || &prefix == b"GB") && check(text).is_err() {
        return Err(VatError::CountryMismatch {
            value: input.to_owned(),
            prefix: text_of(&prefix),
            country: code.to_owned(),
        });
    }
    Ok((code, check, text))
}

/// Why [`VatNumber::check`] refused a number: an error already built, or a country's check that
/// failed, kept with the cleaned text so that the error is built only when asked for.
enum Rejection {
    Error(VatError),
    Fault {
        fault: Fault,
        code: &'static str,
        cleaned: Cleaned,
        /// Where the national part starts in the cleaned text (it is always a suffix).
        national_start: usize,
    },
}

impl From<VatError> for Rejection {
    fn from(error: VatError) -> Rejection {
        Rejection::Error(error)
    }
}

impl Rejection {
    fn into_error(self, input: &str) -> VatError {
        match self {
            Rejection::Error(error) => error,
            Rejection::Fault {
                fault,
                code,
                cleaned,
                national_start,
            } => {
                let national = cleaned.as_bytes().get(national_start..).unwrap_or_default();
                fault_error(fault, code, national, input)
            }
        }
    }
}

/// The error for a national part a country's function refused.
fn fault_error(fault: Fault, code: &str, national: &[u8], input: &str) -> VatError {
    let compact = || format!("{code}{}", String::from_utf8_lossy(national));
    match fault {
        Fault::Character(character) => VatError::InvalidCharacter {
            country: code.to_owned(),
            value: input.to_owned(),
            character,
        },
        Fault::Length { length, expected } => VatError::BadLength {
            country: code.to_owned(),
            compact: compact(),
            length,
            expected,
        },
        Fault::Format(rule) => VatError::BadFormat {
            country: code.to_owned(),
            compact: compact(),
            rule,
        },
        Fault::CheckDigit => VatError::BadCheckDigit {
            country: code.to_owned(),
            compact: compact(),
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

    use super::*;
    use crate::ErrorCode;

    fn parse(input: &str, country: Option<&str>) -> Result<VatNumber, VatError> {
        VatNumber::parse(input, country)
    }

    #[test]
    fn countries_are_sorted_and_checked() {
        let mut sorted = VAT_COUNTRIES;
        sorted.sort_unstable();
        assert_eq!(sorted, VAT_COUNTRIES);
        for code in VAT_COUNTRIES.iter().chain(&["EU", "IM"]) {
            let bytes = code.as_bytes();
            let scheme = countries::scheme([bytes[0], bytes[1]]);
            assert_eq!(scheme.map(|(named, _)| named), Some(*code));
        }
        assert_eq!(
            countries::scheme(*b"GR").map(|(named, _)| named),
            Some("EL")
        );
        assert!(countries::scheme(*b"GB").is_none());
    }

    #[test]
    fn ascii_separators_are_the_separators() {
        for b in 0..128u8 {
            assert_eq!(is_ascii_separator(b), is_separator(char::from(b)), "{b}");
        }
    }

    #[test]
    fn member_states_are_the_27() {
        let members = VAT_COUNTRIES
            .iter()
            .filter(|code| is_eu_member_state(code))
            .count();
        assert_eq!(members, 27);
        assert!(is_eu_member_state("gr") && is_eu_member_state("Be"));
        assert!(!is_eu_member_state("XI") && !is_eu_member_state("IM") && !is_eu_member_state(""));
    }

    proptest::proptest! {
        /// The stack path (ASCII, separators, full-width forms) cleans exactly as NFKC does.
        #[test]
        fn the_quick_path_is_nfkc(text in "[A-Za-z0-9 .,:/()\\-\u{A0}\u{2013}\u{3000}\u{FF10}-\u{FF5A}\u{0301}\u{FB01}\u{2460}é]{0,24}") {
            let quick = Cleaned::new(&text);
            let slow = Cleaned::normalized(&text);
            proptest::prop_assert_eq!(quick.as_bytes(), slow.as_bytes());
        }
    }

    #[test]
    fn ascii_and_normalised_paths_agree() {
        let ascii = parse("BE 0403.170.701", None).unwrap();
        let wide = parse("ＢＥ\u{3000}０４０３．１７０．７０１", None).unwrap();
        let dashes = parse("BE\u{2013}0403\u{2013}170\u{2013}701", None).unwrap();
        assert_eq!(ascii, wide);
        assert_eq!(ascii, dashes);
        // A long ASCII input that overflows the stack buffer takes the other path.
        let spaced = format!("BE{}0403170701", " ".repeat(100));
        assert_eq!(parse(&spaced, None).unwrap(), ascii);
        let long = "1".repeat(40);
        assert_eq!(
            parse(&format!("BE{long}"), None).unwrap_err().code(),
            "vat.bad_length"
        );
    }

    #[test]
    fn serde_form_is_stable_and_checked() {
        let number = parse("BE0403170701", None).unwrap();
        let json = serde_json::to_string(&number).unwrap();
        assert_eq!(
            json,
            r#"{"country":"BE","compact":"BE0403170701","kind":"customer"}"#
        );
        assert_eq!(serde_json::from_str::<VatNumber>(&json).unwrap(), number);
        let oss = parse("EU372022452", None).unwrap();
        assert_eq!(
            serde_json::to_string(&oss).unwrap(),
            r#"{"country":"EU","compact":"EU372022452","kind":"oss"}"#
        );
        let bad_digit = r#"{"country":"BE","compact":"BE0403170702","kind":"customer"}"#;
        assert!(serde_json::from_str::<VatNumber>(bad_digit).is_err());
        let wrong_kind = r#"{"country":"EU","compact":"EU372022452","kind":"customer"}"#;
        assert!(
            serde_json::from_str::<VatNumber>(wrong_kind)
                .unwrap_err()
                .to_string()
                .contains("kind")
        );
        let mismatch = r#"{"country":"FR","compact":"BE0403170701","kind":"customer"}"#;
        assert!(serde_json::from_str::<VatNumber>(mismatch).is_err());
    }
}
