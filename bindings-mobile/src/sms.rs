//! SMS segmentation: [`analyze_sms`] and its records, converted from `envoi::sms`.
//!
//! Every rule (encodings, part sizes, shift tables, smart encoding, user data) is the core's; this
//! module converts the options in (validating wide integers and language names through the core)
//! and the analysis out.

use envoi::sms::{ConcatReference, NationalLanguage};

use crate::{EnvoiError, guard};

/// Options of [`analyze_sms`]. Every field has the core's default, so `SmsOptions()` in Kotlin (or
/// `SmsOptions()` in Swift) is plain GSM-7/UCS-2, no replacements, at most 10 parts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsOptions {
    /// Replace typographic look-alikes (curly quotes, long dashes, the ellipsis…) that would force
    /// UCS-2, and report each replacement.
    #[uniffi(default = false)]
    pub smart_encoding: bool,
    /// National languages whose shift tables may be used (`"turkish"`, `"spanish"`, `"portuguese"`,
    /// `"hindi"`…), in order of preference on a tie. An unknown name is `sms.unknown_language`.
    #[uniffi(default)]
    pub languages: Vec<String>,
    /// The most parts a message may take, 1 to 255 (default 10): outside is
    /// `sms.invalid_max_parts`; a text needing more is `sms.too_many_parts`.
    #[uniffi(default = 10)]
    pub max_parts: i64,
    /// The concatenation reference written in the header of each part of a long message
    /// (default 0); it must fit `reference_bits`, or it is `sms.invalid_reference`.
    #[uniffi(default = 0)]
    pub reference: i64,
    /// The width of the concatenation reference: 8 (default) or 16 bits. A 16-bit reference costs
    /// one unit of text per part (152 septets or 66 UCS-2 units instead of 153/67).
    #[uniffi(default = 8)]
    pub reference_bits: i64,
    /// Whether to compute each part's TP-User-Data octets ([`SmsAnalysis::user_data`]).
    #[uniffi(default = false)]
    pub user_data: bool,
}

impl Default for SmsOptions {
    fn default() -> Self {
        SmsOptions {
            smart_encoding: false,
            languages: Vec::new(),
            max_parts: 10,
            reference: 0,
            reference_bits: 8,
            user_data: false,
        }
    }
}

impl SmsOptions {
    /// The core's options, with the integers and language names checked by the core.
    pub(crate) fn to_core(&self) -> Result<envoi::sms::SmsOptions, EnvoiError> {
        Ok(envoi::sms::SmsOptions {
            smart_encoding: self.smart_encoding,
            languages: self
                .languages
                .iter()
                .map(|name| name.parse::<NationalLanguage>())
                .collect::<Result<_, _>>()?,
            max_parts: envoi::sms::SmsOptions::max_parts_from(self.max_parts)?,
            reference: ConcatReference::new(self.reference_bits, self.reference)?,
            user_data: self.user_data,
        })
    }

    /// The options of the core's options (every value the core holds fits).
    pub(crate) fn of(options: &envoi::sms::SmsOptions) -> Self {
        SmsOptions {
            smart_encoding: options.smart_encoding,
            languages: options
                .languages
                .iter()
                .map(|language| language.name().to_owned())
                .collect(),
            max_parts: i64::from(options.max_parts),
            reference: i64::from(options.reference.value()),
            reference_bits: i64::from(options.reference.bits()),
            user_data: options.user_data,
        }
    }
}

/// The result of [`analyze_sms`]: encoding, shift tables, parts and the units they take.
///
/// Units are septets for GSM-7 and UTF-16 code units for UCS-2; indices count Unicode code points of
/// the text as given.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SmsAnalysis {
    /// `"gsm7"` or `"ucs2"`.
    pub encoding: String,
    /// The national locking shift table in use (`"turkish"`…), if any (GSM-7 only).
    pub locking_shift: Option<String>,
    /// The national single shift table in use (`"spanish"`…), if any (GSM-7 only).
    pub single_shift: Option<String>,
    /// The number of parts, each billed as one SMS (at least 1).
    pub part_count: u32,
    /// The text of each part, in order.
    pub parts: Vec<String>,
    /// The units each part takes, in order.
    pub part_units: Vec<u32>,
    /// The capacity of each part in units (160/153/152… for GSM-7, 70/67/66 for UCS-2, less the
    /// national table headers).
    pub units_per_part: u32,
    /// The units of the whole message.
    pub units_used: u32,
    /// The units still free in the last part.
    pub units_left: u32,
    /// When the message is UCS-2, the characters that forced it, with their positions.
    pub non_gsm: Vec<NonGsmChar>,
    /// What smart encoding replaced, in order.
    pub replacements: Vec<Replacement>,
    /// The text that was encoded: the input after replacements.
    pub text: String,
    /// Each part's TP-User-Data, when [`SmsOptions::user_data`] asked for it; otherwise null/nil.
    pub user_data: Option<Vec<UserData>>,
}

/// The TP-User-Data of one part, ready for an SMPP `short_message` (with `esm_class` UDHI set when
/// `header_length > 0`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UserData {
    /// The header (UDHL and its information elements) followed by the encoded text (GSM-7 septets
    /// packed 8 to 7 octets, or UTF-16BE).
    pub octets: Vec<u8>,
    /// TP-UDL: the length in septets (GSM-7, header included) or octets (UCS-2).
    pub length: u32,
    /// The octets of the header, UDHL included (0 when the part has no header).
    pub header_length: u32,
}

/// A character that forced UCS-2.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NonGsmChar {
    /// Its position in the text as given, in code points.
    pub index: u64,
    /// The character.
    pub character: String,
}

/// A look-alike replaced by smart encoding.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Replacement {
    /// The position of the original character in the text as given, in code points.
    pub index: u64,
    /// The character that was replaced.
    pub original: String,
    /// What replaced it (possibly empty, for zero-width characters).
    pub replacement: String,
}

/// A count of the core (at most a few thousand) as `u32`; saturates instead of wrapping.
fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A position of the core as `u64` (lossless on every supported target).
fn position(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

impl From<envoi::sms::SmsAnalysis> for SmsAnalysis {
    fn from(analysis: envoi::sms::SmsAnalysis) -> Self {
        let part_count = count(analysis.part_count());
        let part_units = analysis.parts.iter().map(|part| part.units).collect();
        let user_data = analysis
            .parts
            .iter()
            .map(|part| part.user_data.clone().map(UserData::from))
            .collect::<Option<Vec<_>>>();
        SmsAnalysis {
            encoding: analysis.encoding.name().to_owned(),
            locking_shift: analysis
                .locking_shift
                .map(|language| language.name().to_owned()),
            single_shift: analysis
                .single_shift
                .map(|language| language.name().to_owned()),
            part_count,
            parts: analysis.parts.into_iter().map(|part| part.text).collect(),
            part_units,
            units_per_part: analysis.units_per_part,
            units_used: analysis.units_used,
            units_left: analysis.units_left,
            non_gsm: analysis
                .non_gsm
                .into_iter()
                .map(|non_gsm| NonGsmChar {
                    index: position(non_gsm.index),
                    character: non_gsm.character.to_string(),
                })
                .collect(),
            replacements: analysis
                .replacements
                .into_iter()
                .map(|replacement| Replacement {
                    index: position(replacement.index),
                    original: replacement.original.to_string(),
                    replacement: replacement.replacement,
                })
                .collect(),
            text: analysis.text,
            user_data,
        }
    }
}

impl From<envoi::sms::UserData> for UserData {
    fn from(user_data: envoi::sms::UserData) -> Self {
        UserData {
            octets: user_data.octets,
            length: user_data.length,
            header_length: user_data.header_length,
        }
    }
}

/// How `text` is encoded and cut into SMS parts, and what each part costs.
///
/// GSM-7 when every character is representable (160 septets in one SMS, 153 per part of a longer
/// one), otherwise UCS-2 (70 units, 67 per part); escape pairs, surrogate pairs and grapheme
/// clusters are never split. Throws `sms.too_many_parts`, `sms.invalid_max_parts`,
/// `sms.invalid_reference` or `sms.unknown_language`.
#[uniffi::export(default(options))]
pub fn analyze_sms(text: String, options: SmsOptions) -> Result<SmsAnalysis, EnvoiError> {
    guard(|| {
        let options = options.to_core()?;
        Ok(envoi::sms::analyze(&text, &options)?.into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_cores() {
        let core = envoi::sms::SmsOptions::default();
        let ours = SmsOptions::default().to_core().unwrap();
        assert_eq!(ours, core);
        assert_eq!(
            SmsOptions::default().max_parts,
            i64::from(envoi::sms::DEFAULT_MAX_PARTS)
        );
    }

    #[test]
    fn wide_integers_and_names_are_checked_by_the_core() {
        let code = |options: SmsOptions| analyze_sms("hi".into(), options).unwrap_err().code();
        let max_parts = |max_parts| SmsOptions {
            max_parts,
            ..SmsOptions::default()
        };
        assert_eq!(code(max_parts(256)), "sms.invalid_max_parts");
        assert_eq!(code(max_parts(0)), "sms.invalid_max_parts");
        assert_eq!(code(max_parts(i64::MAX)), "sms.invalid_max_parts");
        let reference = SmsOptions {
            reference: 256,
            ..SmsOptions::default()
        };
        assert_eq!(code(reference), "sms.invalid_reference");
        let klingon = SmsOptions {
            languages: vec!["klingon".into()],
            ..SmsOptions::default()
        };
        assert_eq!(code(klingon), "sms.unknown_language");
    }

    #[test]
    fn converts_the_analysis() {
        let options = SmsOptions {
            user_data: true,
            ..SmsOptions::default()
        };
        let analysis = analyze_sms("hello".into(), options).unwrap();
        assert_eq!(analysis.encoding, "gsm7");
        assert_eq!(analysis.part_count, 1);
        assert_eq!(analysis.parts, vec!["hello".to_owned()]);
        assert_eq!(analysis.part_units, vec![5]);
        let user_data = analysis.user_data.unwrap();
        assert_eq!(user_data[0].octets, vec![0xE8, 0x32, 0x9B, 0xFD, 0x06]);
        assert!(
            analyze_sms("hello".into(), SmsOptions::default())
                .unwrap()
                .user_data
                .is_none()
        );
    }
}
