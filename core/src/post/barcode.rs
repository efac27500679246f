//! Registered-mail barcodes: the two formats bpost uses, checked, and the host's range of them.
//! The formats and their sources are documented on [`BarcodeFormat`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::country::Country;
use super::error::PostError;

/// The length of a bpost national registered-mail barcode.
pub const BPOST_NATIONAL_LENGTH: usize = 30;
/// How every bpost national registered-mail barcode starts.
pub const BPOST_NATIONAL_START: &str = "010";
/// The weights of the eight serial digits in the UPU S10 check digit, left to right.
pub const S10_WEIGHTS: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
/// The largest serial of a UPU S10 identifier (eight digits).
pub const S10_MAX_SERIAL: u64 = 99_999_999;

/// The format of a registered-mail barcode.
///
/// bpost's public FAQ ("What does a barcode look like and where can I find it?", bpost.be,
/// consulted November 2026) lists the barcodes of registered mail:
///
/// - **national registered mail**: 30 digits starting with `010`
///   (`010541288500452621221234567890`). bpost publishes nothing more about their structure (no
///   check digit), so envoi checks the length, the digits and the start, and builds them from the
///   fixed part of the range the post gave the host (a prefix, a serial, an optional suffix);
/// - **international registered mail**: the Universal Postal Union's S10 identifier (UPU standard
///   S10, "Identification of postal items — 13-character identifier"): a two-letter service
///   indicator (`RA`–`RZ` is registered letter post), an eight-digit serial, a check digit and the
///   ISO 3166-1 alpha-2 code of the issuing country (`RR123456785BE`). The check digit: weigh the 8
///   serial digits by 8, 6, 4, 2, 3, 5, 9, 7; `C = 11 − (sum mod 11)`; 10 becomes 0 and 11
///   becomes 5.
///
/// Click & Post sends registered letters to Belgian addresses only (SPEC section 9); both formats
/// are accepted because the host's range is what the post hands out.
///
/// ```
/// use envoi::post::BarcodeFormat;
/// assert_eq!(serde_json::to_string(&BarcodeFormat::BpostNational)?, "\"bpost_national\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BarcodeFormat {
    /// UPU S10: `RR123456785BE` (2 letters, 8 digits, a check digit, 2 letters).
    S10,
    /// bpost national registered mail: 30 digits starting with `010`.
    BpostNational,
}

impl BarcodeFormat {
    /// The name in JSON and in the bindings: `"s10"` or `"bpost_national"`.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeFormat::S10.code(), "s10");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            BarcodeFormat::S10 => "s10",
            BarcodeFormat::BpostNational => "bpost_national",
        }
    }
}

impl fmt::Display for BarcodeFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

/// The check digit of a UPU S10 serial (0 to 99 999 999), or `None` for a larger number.
///
/// ```
/// use envoi::post::s10_check_digit;
/// assert_eq!(s10_check_digit(47_312_482), Some(9)); // the standard's example
/// assert_eq!(s10_check_digit(12_345_678), Some(5));
/// assert_eq!(s10_check_digit(100_000_000), None);
/// ```
pub fn s10_check_digit(serial: u64) -> Option<u8> {
    if serial > S10_MAX_SERIAL {
        return None;
    }
    let mut rest = serial;
    let mut sum = 0u64;
    for weight in S10_WEIGHTS.iter().rev() {
        sum += (rest % 10) * u64::from(*weight);
        rest /= 10;
    }
    let check = match 11 - sum % 11 {
        10 => 0,
        11 => 5,
        digit => digit,
    };
    u8::try_from(check).ok()
}

/// A registered-mail barcode, checked: a UPU S10 identifier with its check digit, or a bpost
/// national 30-digit number (see [`BarcodeFormat`] for the formats and their sources).
///
/// Serialized as its text (`"RR123456785BE"`); reading refuses what [`parse`](Self::parse)
/// refuses.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::{Barcode, BarcodeFormat};
///
/// let barcode = Barcode::parse("RR 123 456 785 BE")?; // spaces as printed are dropped
/// assert_eq!(barcode.as_str(), "RR123456785BE");
/// assert_eq!(barcode.format(), BarcodeFormat::S10);
/// assert_eq!(serde_json::to_string(&barcode)?, "\"RR123456785BE\"");
///
/// let error = Barcode::parse("RR123456789BE").unwrap_err();
/// assert_eq!(error.code(), "post.barcode_check_digit_mismatch");
/// assert_eq!(error.to_string(), "barcode: \"RR123456789BE\" has check digit 9; the UPU S10 check digit of serial 12345678 is 5");
///
/// let national = Barcode::parse("010541288500452621221234567890")?;
/// assert_eq!(national.format(), BarcodeFormat::BpostNational);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Barcode(String);

/// The value of an error: the text as given, cut to 80 characters.
fn shown(text: &str) -> String {
    text.chars().take(80).collect()
}

fn invalid(field: &'static str, value: &str, rule: impl Into<String>) -> PostError {
    PostError::InvalidBarcode {
        field,
        value: shown(value),
        rule: rule.into(),
    }
}

fn all_capitals(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_uppercase())
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Checks a UPU S10 service indicator for registered mail (`RA`–`RZ`).
pub(super) fn check_service(field: &'static str, service: &str) -> Result<(), PostError> {
    if service.len() != 2 || !all_capitals(service) {
        return Err(invalid(
            field,
            service,
            "is not two capital letters; a UPU S10 service indicator is two letters (RR)",
        ));
    }
    if !service.starts_with('R') {
        return Err(invalid(
            field,
            service,
            "is not a registered-mail service indicator; UPU S10 registered letter post is RA to RZ",
        ));
    }
    Ok(())
}

/// Checks the ISO 3166-1 alpha-2 code that ends a UPU S10 identifier.
pub(super) fn check_country(field: &'static str, code: &str) -> Result<(), PostError> {
    if code.len() != 2 || !all_capitals(code) || Country::from_code(code).is_none() {
        return Err(invalid(
            field,
            code,
            "is not an ISO 3166-1 alpha-2 country code in capitals (BE); a UPU S10 identifier ends with the issuing country",
        ));
    }
    Ok(())
}

impl Barcode {
    /// Reads a barcode: a UPU S10 identifier (`RR123456785BE`) or a bpost national number (30
    /// digits starting with `010`). Spaces (as printed under the bars) are dropped; nothing else
    /// is changed (letters must be capitals).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::Barcode;
    /// assert_eq!(Barcode::parse("rr123456785be").unwrap_err().code(), "post.invalid_barcode");
    /// assert_eq!(Barcode::parse("CE123456785BE").unwrap_err().code(), "post.invalid_barcode"); // a parcel
    /// assert_eq!(Barcode::parse("0105412885").unwrap_err().code(), "post.invalid_barcode");
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcode`] (field `barcode`) naming the rule broken;
    /// [`PostError::BarcodeCheckDigitMismatch`] for an S10 identifier whose check digit is wrong.
    pub fn parse(text: &str) -> Result<Barcode, PostError> {
        let compact: String = text.chars().filter(|character| *character != ' ').collect();
        if !compact.is_ascii() {
            return Err(invalid(
                "barcode",
                text,
                "has a character that is not a letter or a digit; a registered-mail barcode is RR123456785BE (UPU S10) or 30 digits starting with 010 (bpost national)",
            ));
        }
        if compact
            .bytes()
            .next()
            .is_some_and(|byte| byte.is_ascii_digit())
        {
            Barcode::parse_national(text, compact)
        } else {
            Barcode::parse_s10(text, compact)
        }
    }

    fn parse_national(text: &str, compact: String) -> Result<Barcode, PostError> {
        if compact.len() != BPOST_NATIONAL_LENGTH || !all_digits(&compact) {
            return Err(invalid(
                "barcode",
                text,
                format!(
                    "has {} characters; a bpost national registered-mail barcode is {BPOST_NATIONAL_LENGTH} digits",
                    compact.len()
                ),
            ));
        }
        if !compact.starts_with(BPOST_NATIONAL_START) {
            return Err(invalid(
                "barcode",
                text,
                "does not start with 010; bpost national registered-mail barcodes do",
            ));
        }
        Ok(Barcode(compact))
    }

    fn parse_s10(text: &str, compact: String) -> Result<Barcode, PostError> {
        // ASCII, checked by the caller: byte ranges are character ranges.
        let (Some(service), Some(serial), Some(check), Some(country), 13) = (
            compact.get(0..2),
            compact.get(2..10),
            compact.get(10..11),
            compact.get(11..13),
            compact.len(),
        ) else {
            return Err(invalid(
                "barcode",
                text,
                format!(
                    "has {} characters; a UPU S10 barcode is 13: 2 letters, 8 digits, a check digit and 2 letters (RR123456785BE)",
                    compact.len()
                ),
            ));
        };
        check_service("barcode", service).map_err(|_| {
            invalid(
                "barcode",
                text,
                format!(
                    "starts with {service:?}; a UPU S10 registered-mail barcode starts with RA to RZ (RR123456785BE)"
                ),
            )
        })?;
        if !all_digits(serial) || !all_digits(check) {
            return Err(invalid(
                "barcode",
                text,
                "does not have 9 digits after its 2 letters; a UPU S10 barcode is 2 letters, 8 digits, a check digit and 2 letters (RR123456785BE)",
            ));
        }
        check_country("barcode", country).map_err(|_| {
            invalid(
                "barcode",
                text,
                format!(
                    "ends with {country:?}, not an ISO 3166-1 alpha-2 country code in capitals; a UPU S10 barcode ends with the issuing country (BE)"
                ),
            )
        })?;
        let serial_number: u64 = serial
            .parse()
            .map_err(|_| invalid("barcode", text, "has a serial that is not 8 digits"))?;
        let found: u8 = check
            .parse()
            .map_err(|_| invalid("barcode", text, "has a check digit that is not a digit"))?;
        let expected = s10_check_digit(serial_number)
            .ok_or_else(|| invalid("barcode", text, "has a serial over 8 digits"))?;
        if found != expected {
            return Err(PostError::BarcodeCheckDigitMismatch {
                value: shown(text),
                serial: serial.to_string(),
                expected,
                found,
            });
        }
        Ok(Barcode(compact))
    }

    /// The UPU S10 identifier of registered mail with `service` (`RA`–`RZ`), `serial` (0 to
    /// 99 999 999) and the issuing `country` (ISO 3166-1 alpha-2), with its check digit.
    ///
    /// ```
    /// use envoi::post::Barcode;
    /// assert_eq!(Barcode::s10("RR", 12_345_678, "BE")?.as_str(), "RR123456785BE");
    /// assert_eq!(Barcode::s10("RR", 16, "BE")?.as_str(), "RR000000164BE");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcode`] naming `service`, `serial` or `country`.
    pub fn s10(service: &str, serial: u64, country: &str) -> Result<Barcode, PostError> {
        check_service("service", service)?;
        check_country("country", country)?;
        let check = s10_check_digit(serial).ok_or_else(|| {
            invalid(
                "serial",
                &serial.to_string(),
                "is over 99999999; a UPU S10 serial has 8 digits",
            )
        })?;
        Ok(Barcode(format!("{service}{serial:08}{check}{country}")))
    }

    /// A barcode built by a [`BarcodeRange`] from parts it checked.
    fn from_checked(text: String) -> Barcode {
        Barcode(text)
    }

    /// The barcode's text, without spaces (`RR123456785BE`).
    ///
    /// ```
    /// assert_eq!(envoi::post::Barcode::parse("RR123456785BE")?.as_str(), "RR123456785BE");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The barcode's format: a digit first is bpost national, a letter first is UPU S10.
    pub fn format(&self) -> BarcodeFormat {
        if self
            .0
            .bytes()
            .next()
            .is_some_and(|byte| byte.is_ascii_digit())
        {
            BarcodeFormat::BpostNational
        } else {
            BarcodeFormat::S10
        }
    }
}

impl fmt::Display for Barcode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for Barcode {
    type Error = PostError;

    fn try_from(text: String) -> Result<Barcode, PostError> {
        Barcode::parse(&text)
    }
}

impl From<Barcode> for String {
    fn from(barcode: Barcode) -> String {
        barcode.0
    }
}

impl std::str::FromStr for Barcode {
    type Err = PostError;

    fn from_str(text: &str) -> Result<Barcode, PostError> {
        Barcode::parse(text)
    }
}

/// The range of registered-mail barcodes the post gave the host — a fixed prefix and suffix
/// around a range of serials — and the next serial to hand out.
///
/// - [`s10`](Self::s10): service indicator + 8-digit serial + check digit (computed) + country:
///   `BarcodeRange::s10("RR", 1, 500, "BE")` yields `RR000000014BE`, `RR000000028BE`…
/// - [`bpost_national`](Self::bpost_national): a prefix of digits starting with `010` + the serial,
///   zero-padded to fill 30 digits with the suffix + a suffix of digits (may be empty).
///
/// Each registered letter gets the next barcode; [`take`](Self::take) hands out several, all or
/// none. A range whose serials are all used refuses with [`PostError::BarcodeRangeExhausted`].
/// The range is plain data the host stores between uses:
/// `{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":500,"next":1}`, `next` being
/// `null` once every serial is used.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::BarcodeRange;
///
/// let mut range = BarcodeRange::s10("RR", 1, 3, "BE")?;
/// assert_eq!(range.next_barcode()?.as_str(), "RR000000014BE");
/// let two = range.take(2)?;
/// assert_eq!([two[0].as_str(), two[1].as_str()], ["RR000000028BE", "RR000000031BE"]);
/// assert_eq!(range.remaining(), 0);
/// assert_eq!(range.next_barcode().unwrap_err().code(), "post.barcode_range_exhausted");
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BarcodeRangeJson", into = "BarcodeRangeJson")]
pub struct BarcodeRange {
    format: BarcodeFormat,
    prefix: String,
    suffix: String,
    first: u64,
    last: u64,
    next: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BarcodeRangeJson {
    format: BarcodeFormat,
    prefix: String,
    suffix: String,
    first: u64,
    last: u64,
    /// Required, `null` when every serial is used: a missing `next` is refused rather than read
    /// as an exhausted range.
    #[serde(deserialize_with = "required_next")]
    next: Option<u64>,
}

fn required_next<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    Option::<u64>::deserialize(deserializer)
}

impl TryFrom<BarcodeRangeJson> for BarcodeRange {
    type Error = PostError;

    fn try_from(json: BarcodeRangeJson) -> Result<BarcodeRange, PostError> {
        let mut range = match json.format {
            BarcodeFormat::S10 => {
                BarcodeRange::s10(&json.prefix, json.first, json.last, &json.suffix)?
            }
            BarcodeFormat::BpostNational => {
                BarcodeRange::bpost_national(&json.prefix, json.first, json.last, &json.suffix)?
            }
        };
        if let Some(next) = json.next {
            if !(json.first..=json.last).contains(&next) {
                return Err(PostError::BarcodeNextOutsideRange {
                    next,
                    first: json.first,
                    last: json.last,
                });
            }
        }
        range.next = json.next;
        Ok(range)
    }
}

impl From<BarcodeRange> for BarcodeRangeJson {
    fn from(range: BarcodeRange) -> BarcodeRangeJson {
        BarcodeRangeJson {
            format: range.format,
            prefix: range.prefix,
            suffix: range.suffix,
            first: range.first,
            last: range.last,
            next: range.next,
        }
    }
}

fn invalid_range(field: &'static str, value: &str, rule: impl Into<String>) -> PostError {
    PostError::InvalidBarcodeRange {
        field,
        value: shown(value),
        rule: rule.into(),
    }
}

fn check_order(first: u64, last: u64) -> Result<(), PostError> {
    if first > last {
        return Err(invalid_range(
            "first",
            &first.to_string(),
            format!("is after last ({last}); a range runs from its first serial to its last"),
        ));
    }
    Ok(())
}

impl BarcodeRange {
    /// UPU S10 barcodes `service` + serial (8 digits, `first` to `last` included) + check digit +
    /// `country`, none used yet.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::BarcodeRange;
    /// assert_eq!(BarcodeRange::s10("RR", 10, 10, "BE")?.remaining(), 1);
    /// assert_eq!(BarcodeRange::s10("RR", 11, 10, "BE").unwrap_err().code(), "post.invalid_barcode_range");
    /// assert_eq!(BarcodeRange::s10("CE", 1, 10, "BE").unwrap_err().to_string(),
    ///     "barcode range: prefix \"CE\" is not a registered-mail service indicator; UPU S10 registered letter post is RA to RZ");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcodeRange`] naming `prefix` (not `RA`–`RZ`), `suffix` (not a country
    /// code), `last` (over 99 999 999) or `first` (after `last`).
    pub fn s10(
        service: &str,
        first: u64,
        last: u64,
        country: &str,
    ) -> Result<BarcodeRange, PostError> {
        let as_range = |field: &'static str| {
            move |error: PostError| match error {
                PostError::InvalidBarcode { value, rule, .. } => {
                    PostError::InvalidBarcodeRange { field, value, rule }
                }
                other => other,
            }
        };
        check_service("prefix", service).map_err(as_range("prefix"))?;
        check_country("suffix", country).map_err(as_range("suffix"))?;
        check_order(first, last)?;
        if last > S10_MAX_SERIAL {
            return Err(invalid_range(
                "last",
                &last.to_string(),
                "is over 99999999; a UPU S10 serial has 8 digits",
            ));
        }
        Ok(BarcodeRange {
            format: BarcodeFormat::S10,
            prefix: service.to_string(),
            suffix: country.to_string(),
            first,
            last,
            next: Some(first),
        })
    }

    /// bpost national barcodes `prefix` + serial (`first` to `last` included, zero-padded to fill
    /// 30 digits) + `suffix`, none used yet. The prefix is the fixed start of the post's range
    /// (digits, starting with `010`); the suffix is its fixed end (digits, often empty).
    ///
    /// ```
    /// use envoi::post::BarcodeRange;
    /// let mut range = BarcodeRange::bpost_national("0105412885004526", 1, 9_999, "")?;
    /// assert_eq!(range.next_barcode()?.as_str(), "010541288500452600000000000001");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcodeRange`] naming `prefix` (not digits starting with `010`),
    /// `suffix` (not digits), `last` (more digits than the prefix and suffix leave of the 30) or
    /// `first` (after `last`).
    pub fn bpost_national(
        prefix: &str,
        first: u64,
        last: u64,
        suffix: &str,
    ) -> Result<BarcodeRange, PostError> {
        if !all_digits(prefix) || !prefix.starts_with(BPOST_NATIONAL_START) {
            return Err(invalid_range(
                "prefix",
                prefix,
                "is not digits starting with 010; bpost national registered-mail barcodes are 30 digits starting with 010",
            ));
        }
        if !all_digits(suffix) {
            return Err(invalid_range(
                "suffix",
                suffix,
                "is not digits; bpost national registered-mail barcodes are 30 digits",
            ));
        }
        check_order(first, last)?;
        let fixed = prefix.len() + suffix.len();
        let width = BPOST_NATIONAL_LENGTH.saturating_sub(fixed);
        if width == 0 {
            return Err(invalid_range(
                "prefix",
                prefix,
                format!(
                    "with the suffix is {fixed} digits, leaving no serial digit of the {BPOST_NATIONAL_LENGTH}"
                ),
            ));
        }
        let digits = last.to_string().len();
        if digits > width {
            return Err(invalid_range(
                "last",
                &last.to_string(),
                format!(
                    "has {digits} digits; the prefix and suffix leave {width} of the {BPOST_NATIONAL_LENGTH}"
                ),
            ));
        }
        Ok(BarcodeRange {
            format: BarcodeFormat::BpostNational,
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
            first,
            last,
            next: Some(first),
        })
    }

    /// Reads a range the host stored (the JSON [`serde`] writes), with the typed error of the rule
    /// it breaks — where `serde_json::from_str` would give the same rule as a message only.
    ///
    /// ```
    /// use envoi::post::{BarcodeRange, PostError};
    ///
    /// let stored = r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":12}"#;
    /// assert_eq!(
    ///     BarcodeRange::from_json(stored).unwrap_err(),
    ///     PostError::BarcodeNextOutsideRange { next: 12, first: 10, last: 11 }
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcodeRange`] (field `json` for text that is not a range's JSON, with
    /// its line and column); [`PostError::BarcodeNextOutsideRange`].
    pub fn from_json(text: &str) -> Result<BarcodeRange, PostError> {
        let json: BarcodeRangeJson = serde_json::from_str(text).map_err(|error| {
            invalid_range(
                "json",
                &format!("line {} column {}", error.line(), error.column()),
                error.to_string(),
            )
        })?;
        BarcodeRange::try_from(json)
    }

    /// The format of the barcodes of the range.
    pub fn format(&self) -> BarcodeFormat {
        self.format
    }

    /// The fixed start: the S10 service indicator, or the bpost national prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The fixed end: the S10 country code, or the bpost national suffix (may be empty).
    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// The first serial of the range.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::s10("RR", 5, 9, "BE")?.first(), 5);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn first(&self) -> u64 {
        self.first
    }

    /// The last serial of the range.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::s10("RR", 5, 9, "BE")?.last(), 9);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn last(&self) -> u64 {
        self.last
    }

    /// The next serial to hand out, `None` once every serial is used.
    pub fn next(&self) -> Option<u64> {
        self.next
    }

    /// How many barcodes are left.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::s10("RR", 0, 99_999_999, "BE")?.remaining(), 100_000_000);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn remaining(&self) -> u128 {
        self.next
            .map_or(0, |next| u128::from(self.last) - u128::from(next) + 1)
    }

    /// The barcode of `serial` (checked by the constructors to fit the format).
    fn barcode_of(&self, serial: u64) -> Barcode {
        let text = match self.format {
            BarcodeFormat::S10 => {
                // The constructors keep every serial at most 99 999 999.
                let check = s10_check_digit(serial).unwrap_or(0);
                format!("{}{serial:08}{check}{}", self.prefix, self.suffix)
            }
            BarcodeFormat::BpostNational => {
                let width = BPOST_NATIONAL_LENGTH - self.prefix.len() - self.suffix.len();
                format!("{}{serial:0width$}{}", self.prefix, self.suffix)
            }
        };
        Barcode::from_checked(text)
    }

    /// The first and last barcodes of the range, for messages.
    fn bounds(&self) -> (String, String) {
        (self.barcode_of(self.first).0, self.barcode_of(self.last).0)
    }

    fn exhausted(&self, requested: usize) -> PostError {
        let (first, last) = self.bounds();
        PostError::BarcodeRangeExhausted {
            first,
            last,
            requested: requested as u64,
            remaining: u64::try_from(self.remaining()).unwrap_or(u64::MAX),
        }
    }

    /// Hands out the next barcode.
    ///
    /// # Errors
    ///
    /// [`PostError::BarcodeRangeExhausted`] when every serial is used.
    pub fn next_barcode(&mut self) -> Result<Barcode, PostError> {
        let next = self.next.ok_or_else(|| self.exhausted(1))?;
        self.next = next.checked_add(1).filter(|after| *after <= self.last);
        Ok(self.barcode_of(next))
    }

    /// Hands out the next `count` barcodes, all or none (a job's registered letters).
    ///
    /// ```
    /// use envoi::post::BarcodeRange;
    /// let mut range = BarcodeRange::s10("RR", 1, 3, "BE")?;
    /// assert_eq!(range.take(4).unwrap_err().to_string(),
    ///     "barcode range RR000000014BE to RR000000031BE: 4 asked, 3 left; the host needs a new range from the post");
    /// assert_eq!(range.remaining(), 3); // nothing was used
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::BarcodeRangeExhausted`] when fewer than `count` barcodes are left.
    pub fn take(&mut self, count: usize) -> Result<Vec<Barcode>, PostError> {
        if (count as u128) > self.remaining() {
            return Err(self.exhausted(count));
        }
        (0..count).map(|_| self.next_barcode()).collect()
    }
}
