//! SMS segmentation: how a text is encoded and cut into parts, and what each part costs.
//!
//! [`analyze`] implements SPEC section 5 and 3GPP TS 23.038 / 23.040:
//!
//! - **GSM-7** (the default alphabet and its extension table) when every character is representable:
//!   160 septets in a single SMS, 153 per part of a longer one (152 with a 16-bit concatenation
//!   reference). Extension characters (`^ { } \ [ ~ ] | €` and form feed) take two septets, and such an
//!   escape pair is never split across parts.
//! - Otherwise **UCS-2**: 70 UTF-16 units in a single SMS, 67 per part (66 with a 16-bit reference);
//!   a character outside the BMP takes two units and its surrogate pair is never split.
//! - **National language shift tables** (Turkish, Spanish, Portuguese and the Indian languages), opt-in
//!   with [`SmsOptions::languages`]: envoi tries every enabled combination of locking and single shift
//!   table and keeps the one with the fewest parts, counting the 3 octets each table's header element
//!   costs in every part. On a tie it prefers the default alphabet, then a single shift table, then a
//!   locking shift table, then both, then the order of `languages`.
//! - **Grapheme clusters** (a flag, a family emoji, a letter with its accents) are never split when they
//!   fit in one part, even when keeping one whole costs a part; a cluster longer than a part is cut
//!   between code points. A CR LF pair may be split (SPEC decision: keeping it whole would cost a part
//!   for nothing visible).
//! - **Smart encoding** ([`SmsOptions::smart_encoding`]) replaces typographic look-alikes (curly
//!   quotes, long dashes, the ellipsis, unusual spaces…) that are not representable so the text can stay
//!   in GSM-7, and reports each replacement. It changes nothing when the text would stay UCS-2 anyway
//!   (an emoji, say): then [`SmsAnalysis::non_gsm`] lists only the characters that have no look-alike.
//!
//! Units are septets for GSM-7 and UTF-16 code units for UCS-2. Positions ([`NonGsmChar::index`],
//! [`Replacement::index`]) count Unicode scalar values (code points) in the text as given.
//!
//! ```
//! use envoi::sms::{analyze, Encoding, SmsOptions};
//!
//! let plain = analyze("Hello {name}", &SmsOptions::default())?;
//! assert_eq!(plain.encoding, Encoding::Gsm7);
//! assert_eq!(plain.units_used, 14); // `{` and `}` take two septets each
//!
//! let emoji = analyze("See you 👋", &SmsOptions::default())?;
//! assert_eq!(emoji.encoding, Encoding::Ucs2);
//! assert_eq!(emoji.non_gsm[0].index, 8);
//! assert_eq!(emoji.non_gsm[0].character, '👋');
//!
//! let long = analyze(&"a".repeat(161), &SmsOptions::default())?;
//! assert_eq!(long.part_count(), 2);
//! assert_eq!(long.units_per_part, 153);
//! # Ok::<(), envoi::sms::SmsError>(())
//! ```

mod alphabet;
mod error;
mod language;
mod segment;
mod smart;
mod tables;
mod user_data;

use serde::{Deserialize, Serialize};

pub use error::SmsError;
pub use language::NationalLanguage;
pub use segment::analyze;

/// The default value of [`SmsOptions::max_parts`].
///
/// ```
/// use envoi::sms::{DEFAULT_MAX_PARTS, SmsOptions};
/// assert_eq!(SmsOptions::default().max_parts, DEFAULT_MAX_PARTS);
/// ```
pub const DEFAULT_MAX_PARTS: u32 = 10;

/// The hard limit of [`SmsOptions::max_parts`]: a concatenated SMS has at most 255 parts (the part
/// count is one octet of the header).
///
/// ```
/// use envoi::sms::{MAX_PARTS_LIMIT, SmsOptions};
/// assert!(SmsOptions::max_parts_from(i64::from(MAX_PARTS_LIMIT)).is_ok());
/// assert!(SmsOptions::max_parts_from(i64::from(MAX_PARTS_LIMIT) + 1).is_err());
/// ```
pub const MAX_PARTS_LIMIT: u32 = 255;

/// How a message is encoded on the air.
///
/// ```
/// use envoi::sms::Encoding;
/// assert_eq!(Encoding::Gsm7.name(), "gsm7");
/// assert_eq!(Encoding::Ucs2.data_coding(), 0x08);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// The GSM 7-bit alphabet (possibly with national shift tables); units are septets.
    Gsm7,
    /// UCS-2 (UTF-16 on the wire); units are 16-bit code units.
    Ucs2,
}

impl Encoding {
    /// `"gsm7"` or `"ucs2"`, the name every binding uses.
    ///
    /// ```
    /// assert_eq!(envoi::sms::Encoding::Ucs2.name(), "ucs2");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "gsm7",
            Encoding::Ucs2 => "ucs2",
        }
    }

    /// The TP-DCS / SMPP `data_coding` value for this encoding (0x00 for GSM-7, 0x08 for UCS-2).
    ///
    /// ```
    /// assert_eq!(envoi::sms::Encoding::Gsm7.data_coding(), 0x00);
    /// ```
    pub fn data_coding(self) -> u8 {
        match self {
            Encoding::Gsm7 => 0x00,
            Encoding::Ucs2 => 0x08,
        }
    }
}

/// The concatenation reference written in the header of every part of a long message.
///
/// A 16-bit reference costs one more octet per part (152 septets or 66 UCS-2 units instead of 153/67).
///
/// ```
/// use envoi::sms::ConcatReference;
///
/// assert_eq!(ConcatReference::new(8, 42)?, ConcatReference::EightBit(42));
/// assert_eq!(ConcatReference::new(16, 4242)?, ConcatReference::SixteenBit(4242));
/// assert!(ConcatReference::new(8, 256).is_err());
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConcatReference {
    /// An 8-bit reference (information element 0x00).
    EightBit(u8),
    /// A 16-bit reference (information element 0x08).
    SixteenBit(u16),
}

impl Default for ConcatReference {
    fn default() -> Self {
        ConcatReference::EightBit(0)
    }
}

impl ConcatReference {
    /// A reference from a width in bits (8 or 16) and a value, checked to fit.
    ///
    /// Bindings pass their own wide integers here, so an out-of-range value gets envoi's typed error.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// let error = envoi::sms::ConcatReference::new(12, 1).unwrap_err();
    /// assert_eq!(error.code(), "sms.invalid_reference");
    /// ```
    pub fn new(bits: i64, value: i64) -> Result<Self, SmsError> {
        let invalid = || SmsError::InvalidReference { bits, value };
        match bits {
            8 => u8::try_from(value)
                .map(Self::EightBit)
                .map_err(|_| invalid()),
            16 => u16::try_from(value)
                .map(Self::SixteenBit)
                .map_err(|_| invalid()),
            _ => Err(invalid()),
        }
    }

    /// The width of the reference in bits.
    ///
    /// ```
    /// assert_eq!(envoi::sms::ConcatReference::default().bits(), 8);
    /// ```
    pub fn bits(self) -> u32 {
        match self {
            ConcatReference::EightBit(_) => 8,
            ConcatReference::SixteenBit(_) => 16,
        }
    }

    /// The reference number.
    ///
    /// ```
    /// assert_eq!(envoi::sms::ConcatReference::SixteenBit(7).value(), 7);
    /// ```
    pub fn value(self) -> u16 {
        match self {
            ConcatReference::EightBit(value) => u16::from(value),
            ConcatReference::SixteenBit(value) => value,
        }
    }
}

/// Options of [`analyze`]. The default is plain GSM-7/UCS-2, no replacements, at most 10 parts.
///
/// ```
/// use envoi::sms::{NationalLanguage, SmsOptions};
///
/// let options = SmsOptions {
///     smart_encoding: true,
///     languages: vec![NationalLanguage::Turkish],
///     ..SmsOptions::default()
/// };
/// assert_eq!(options.max_parts, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmsOptions {
    /// Replace typographic look-alikes that would force UCS-2 (see the module docs).
    pub smart_encoding: bool,
    /// National languages whose shift tables may be used, in order of preference on a tie.
    pub languages: Vec<NationalLanguage>,
    /// The most parts a message may take (1..=255, default 10); more is [`SmsError::TooManyParts`].
    pub max_parts: u32,
    /// The concatenation reference of a long message (8-bit 0 by default).
    pub reference: ConcatReference,
    /// Whether to compute each part's user data octets ([`SmsPart::user_data`]).
    pub user_data: bool,
}

impl Default for SmsOptions {
    fn default() -> Self {
        SmsOptions {
            smart_encoding: false,
            languages: Vec::new(),
            max_parts: DEFAULT_MAX_PARTS,
            reference: ConcatReference::default(),
            user_data: false,
        }
    }
}

impl SmsOptions {
    /// Checks a `max_parts` value given as a wide integer (1..=255).
    ///
    /// ```
    /// use envoi::sms::SmsOptions;
    /// assert_eq!(SmsOptions::max_parts_from(12)?, 12);
    /// assert!(SmsOptions::max_parts_from(256).is_err());
    /// assert!(SmsOptions::max_parts_from(0).is_err());
    /// # Ok::<(), envoi::sms::SmsError>(())
    /// ```
    pub fn max_parts_from(value: i64) -> Result<u32, SmsError> {
        u32::try_from(value)
            .ok()
            .filter(|parts| (1..=MAX_PARTS_LIMIT).contains(parts))
            .ok_or(SmsError::InvalidMaxParts { value })
    }
}

/// The result of [`analyze`]: encoding, tables, parts and the units they take.
///
/// ```
/// use envoi::sms::{analyze, SmsOptions};
///
/// let analysis = analyze(&"x".repeat(200), &SmsOptions::default())?;
/// assert_eq!(analysis.part_count(), 2);
/// assert_eq!(analysis.parts[0].units, 153);
/// assert_eq!(analysis.units_used, 200);
/// assert_eq!(analysis.units_left, 153 - 47);
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsAnalysis {
    /// GSM-7 or UCS-2.
    pub encoding: Encoding,
    /// The national locking shift table in use, if any (GSM-7 only).
    pub locking_shift: Option<NationalLanguage>,
    /// The national single shift table in use, if any (GSM-7 only).
    pub single_shift: Option<NationalLanguage>,
    /// The parts, in order; always at least one.
    pub parts: Vec<SmsPart>,
    /// The capacity of each part in units (160/153/152… for GSM-7, 70/67/66 for UCS-2, less the
    /// national table headers).
    pub units_per_part: u32,
    /// The units of the whole message: the sum of the parts' units.
    pub units_used: u32,
    /// The units still free in the last part.
    pub units_left: u32,
    /// When the message is UCS-2, the characters that forced it, with their positions.
    pub non_gsm: Vec<NonGsmChar>,
    /// What smart encoding replaced, in order.
    pub replacements: Vec<Replacement>,
    /// The text that was encoded: the input after replacements.
    pub text: String,
}

impl SmsAnalysis {
    /// The number of parts (each billed as one SMS).
    ///
    /// ```
    /// let analysis = envoi::sms::analyze("", &Default::default())?;
    /// assert_eq!(analysis.part_count(), 1);
    /// # Ok::<(), envoi::sms::SmsError>(())
    /// ```
    pub fn part_count(&self) -> usize {
        self.parts.len()
    }
}

/// One part of a message.
///
/// ```
/// let analysis = envoi::sms::analyze("Hi", &Default::default())?;
/// assert_eq!(analysis.parts[0].text, "Hi");
/// assert_eq!(analysis.parts[0].units, 2);
/// assert!(analysis.parts[0].user_data.is_none());
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsPart {
    /// The text of the part.
    pub text: String,
    /// The units it takes (septets or UTF-16 units).
    pub units: u32,
    /// The part's TP-User-Data, when [`SmsOptions::user_data`] asked for it.
    pub user_data: Option<UserData>,
}

/// The TP-User-Data of one part, ready for an SMPP `short_message` with `esm_class` UDHI set when
/// `header_length > 0` and `data_coding` = [`Encoding::data_coding`].
///
/// For GSM-7 the septets are packed 8 to 7 octets (TS 23.038 §6.1.2.1.1), after the header and the
/// fill bits that align the first character on a septet boundary.
///
/// ```
/// use envoi::sms::{analyze, SmsOptions};
///
/// let options = SmsOptions { user_data: true, ..SmsOptions::default() };
/// let analysis = analyze("hello", &options)?;
/// let user_data = analysis.parts[0].user_data.as_ref().unwrap();
/// assert_eq!(user_data.octets, vec![0xE8, 0x32, 0x9B, 0xFD, 0x06]);
/// assert_eq!(user_data.length, 5); // septets
/// assert_eq!(user_data.header_length, 0);
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserData {
    /// The header (UDHL and its information elements) followed by the encoded text.
    pub octets: Vec<u8>,
    /// TP-UDL: the length in septets (GSM-7, header included) or octets (UCS-2).
    pub length: u32,
    /// The octets of the header, UDHL included (0 when the part has no header).
    pub header_length: u32,
}

/// A character that forced UCS-2.
///
/// ```
/// let analysis = envoi::sms::analyze("Prix : 10 ₹", &Default::default())?;
/// assert_eq!(analysis.non_gsm.len(), 1);
/// assert_eq!((analysis.non_gsm[0].index, analysis.non_gsm[0].character), (10, '₹'));
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonGsmChar {
    /// Its position in the text as given, in code points.
    pub index: usize,
    /// The character.
    pub character: char,
}

/// A look-alike replaced by smart encoding.
///
/// ```
/// use envoi::sms::{analyze, SmsOptions};
/// let options = SmsOptions { smart_encoding: true, ..SmsOptions::default() };
/// let analysis = analyze("It’s…", &options)?;
/// assert_eq!(analysis.text, "It's...");
/// assert_eq!(analysis.replacements[0].index, 2);
/// assert_eq!(analysis.replacements[0].original, '’');
/// assert_eq!(analysis.replacements[1].replacement, "...");
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// The position of the original character in the text as given, in code points.
    pub index: usize,
    /// The character that was replaced.
    pub original: char,
    /// What replaced it (possibly empty, for zero-width characters).
    pub replacement: String,
}
