//! The character tables of 3GPP TS 23.038: the GSM 7 bit default alphabet (§6.2.1), its extension
//! table (§6.2.1.1), and every national language single shift table (annex A.2) and locking shift
//! table (annex A.3).
//!
//! Each [`Table`] gives, for every septet value 0x00..=0x7F, the character the standard puts there, or
//! `None` where it defines none. Conventions, the same in every table:
//!
//! - 0x1B is `None` everywhere: in the default alphabet and the locking shift tables it is the escape
//!   to the extension (or single shift) table; in the extension and single shift tables it is reserved
//!   for a further extension table.
//! - 0x0D of the extension and single shift tables (CR2, reserved for a second page break) is `None`.
//!   0x0A there is the page break, form feed U+000C.
//! - The default alphabet and the locking shift tables keep LF (0x0A) and CR (0x0D) as characters, and
//!   space only at 0x20. Cells the standard leaves blank are `None`.
//! - Characters are Unicode scalar values exactly as the standard lists them, combining marks
//!   (Indic vowel signs, viramas, nuktas; Arabic harakat in Urdu) included, one per cell.
//! - Spanish has no locking shift table (A.3.2 is void): [`locking_shift`] returns `None` for it.
//!
//! # Sources
//!
//! The 3GPP document itself could not be downloaded where this file was written, so it was built
//! from public transcriptions, each parsed mechanically (by a script, not by hand) into
//! (table, septet) → code point maps and compared cell by cell, all 27 tables × 128 septets:
//!
//! 1. **This file** was generated from Android's `GsmAlphabet.java` (`sLanguageTables` and
//!    `sLanguageShiftTables`; AOSP `frameworks/base`, `telephony/common/com/android/internal/telephony/
//!    GsmAlphabet.java`, whose table section is identical to the copy read, github.com/ll144566/3gpp2
//!    `GsmAlphabet.java` at 1c90882f). Android fills undefined cells with a space (and 0x1B of the
//!    default and locking tables with U+FFFF); both were turned into `None`, except the real space at
//!    0x20 of the default and locking tables.
//! 2. **The test oracle**, `tests/data/gsm_tables_warthog618.txt`, is an independent transcription
//!    from the Go library warthog618/sms (`encoding/gsm7/charset/*.go` at 5a8659af); the tests below
//!    check every cell of every table against it in both directions. Its three wrong cells are
//!    corrected in the file and listed in its header.
//! 3. **Cross-checks** (not shipped): gsmcodecs 1.0.0 (PyPI; github.com/ndf-zz/gsmcodecs `lut/*.csv`,
//!    transcribed from TS 23.038 V18.0.0), lib3gpp23038 (github.com/lighterowl/lib3gpp23038
//!    `gentables.pl`, from V16.0.0) and CyberChef's `src/core/lib/Gsm7.mjs` (github.com/gchq/CyberChef
//!    at 8dac813b, from V16.0.0).
//!
//! Apart from the cells below, all five sources agree on all 3456 cells (2431 defined).
//!
//! # Cells where the sources disagree, and the value kept
//!
//! - Default alphabet 0x09: `Ç` U+00C7 (the glyph in the standard; Android, warthog618, gsmcodecs,
//!   CyberChef) kept; lib3gpp23038 has `ç` U+00E7, after an old revision of Unicode's GSM0338.TXT.
//! - Extension and single shift tables 0x0D (CR2): kept `None`. warthog618 maps it to LF (default
//!   extension, Turkish, Spanish, Portuguese) or CR (the ten Indic and Urdu tables), CyberChef to CR in
//!   the national single shift tables; it is a reserved control, not a character.
//! - Locking shift 0x2C of the ten Indic and Urdu tables: `,` kept (Android, warthog618, lib3gpp23038,
//!   CyberChef). gsmcodecs has `'`: the apostrophe is already at 0x09 of each of these languages'
//!   single shift table, and the comma would otherwise be in neither table.
//! - Hindi locking 0x00..=0x02: U+0901..=U+0903 (Devanagari candrabindu, anusvara, visarga) kept;
//!   warthog618 has the Bengali U+0981..=U+0983 (a copy of the Bengali row). Corrected in the oracle.
//! - Kannada locking 0x24: U+0CA1 KANNADA LETTER DDA kept (Android, warthog618). The standard's table
//!   (lib3gpp23038 and CyberChef from V16.0.0, gsmcodecs from V18.0.0) prints U+0CAA PA, which is also
//!   at 0x3D: a typo (Android's source notes it against V9.1.1). 0x22..=0x26 is the retroflex series
//!   TTA TTHA DDA DDHA NNA, as in every other Indic locking table, and DDA would otherwise be missing.
//! - Tamil single shift 0x24: U+0BEE TAMIL DIGIT EIGHT kept (Android, warthog618, gsmcodecs,
//!   CyberChef); V16.0.0 (lib3gpp23038, and CyberChef's note) prints U+0BEF, the digit nine at 0x25.
//! - Telugu single shift 0x22, 0x23: U+0C6C, U+0C6D TELUGU DIGIT SIX, SEVEN kept (Android, warthog618,
//!   gsmcodecs, CyberChef); V16.0.0 (lib3gpp23038) prints the Arabic U+06CC, U+06CD.
//! - Telugu single shift 0x65: `€` kept (Android, warthog618, CyberChef); lib3gpp23038 and gsmcodecs
//!   leave it blank. The euro sign is at 0x65 of the default extension table and of the twelve other
//!   single shift tables, and Android encodes `€` there under the Telugu single shift. The least certain
//!   cell of this file.
//! - Turkish locking 0x1F: `É` U+00C9 kept; lib3gpp23038 has a space.
//! - Oriya locking 0x47: U+0B33 ORIYA LETTER LLA kept; lib3gpp23038 has U+0B3C (the nukta, at 0x4E).
//! - Punjabi single shift 0x23: U+0A6D GURMUKHI DIGIT SEVEN kept; lib3gpp23038 has `O`.
//! - Portuguese single shift 0x05: `ê` U+00EA kept; CyberChef leaves it blank.
//! - Oriya single shift 0x20: U+0B6A ORIYA DIGIT FOUR kept; CyberChef has the Tamil U+0BEA.
//! - Telugu single shift 0x1C: U+0C66 TELUGU DIGIT ZERO kept; CyberChef has the Kannada U+0CE6.
//! - Tamil and Telugu locking 0x11: `None` kept; CyberChef has U+0B91 and U+0C11, code points Unicode
//!   has never assigned.
//!
//! # Characters the standard puts twice in one table
//!
//! All ten Indic and Urdu single shift tables (A.2.4..=A.2.13) have `*` at 0x0B and 0x18 and `¡` at
//! 0x13 and 0x15, in every source. Both cells are kept, so a decoder maps either; an encoder may emit
//! either (the cost is the same). No other table has a character twice.

use super::NationalLanguage;

/// One GSM 7-bit table: the character at each septet value 0x00..=0x7F; `None` where TS 23.038 defines
/// no character, and at 0x1B (the escape to the extension/single shift table).
pub(crate) type Table = [Option<char>; 128];

/// The GSM 7 bit default alphabet (TS 23.038 §6.2.1): 127 characters, `None` at 0x1B (escape).
#[rustfmt::skip]
pub(crate) const DEFAULT_ALPHABET: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00E8}'), Some('\u{00E9}'), Some('\u{00F9}'), Some('\u{00EC}'), // 00: @ £ $ ¥ è é ù ì
    Some('\u{00F2}'), Some('\u{00C7}'), Some('\n'), Some('\u{00D8}'), Some('\u{00F8}'), Some('\r'), Some('\u{00C5}'), Some('\u{00E5}'), // 08: ò Ç LF Ø ø CR Å å
    Some('\u{0394}'), Some('_'), Some('\u{03A6}'), Some('\u{0393}'), Some('\u{039B}'), Some('\u{03A9}'), Some('\u{03A0}'), Some('\u{03A8}'), // 10: Δ _ Φ Γ Λ Ω Π Ψ
    Some('\u{03A3}'), Some('\u{0398}'), Some('\u{039E}'), None, Some('\u{00C6}'), Some('\u{00E6}'), Some('\u{00DF}'), Some('\u{00C9}'), // 18: Σ Θ Ξ ESC Æ æ ß É
    Some(' '), Some('!'), Some('"'), Some('#'), Some('\u{00A4}'), Some('%'), Some('&'), Some('\''), // 20: SP ! " # ¤ % & '
    Some('('), Some(')'), Some('*'), Some('+'), Some(','), Some('-'), Some('.'), Some('/'), // 28: ( ) * + , - . /
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('<'), Some('='), Some('>'), Some('?'), // 38: 8 9 : ; < = > ?
    Some('\u{00A1}'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: ¡ A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), Some('\u{00C4}'), Some('\u{00D6}'), Some('\u{00D1}'), Some('\u{00DC}'), Some('\u{00A7}'), // 58: X Y Z Ä Ö Ñ Ü §
    Some('\u{00BF}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ¿ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{00E4}'), Some('\u{00F6}'), Some('\u{00F1}'), Some('\u{00FC}'), Some('\u{00E0}'), // 78: x y z ä ö ñ ü à
];

/// The GSM 7 bit default alphabet extension table (TS 23.038 §6.2.1.1), reached by 0x1B: form feed
/// and `^ { } \ [ ~ ] | €`. 0x0D (CR2, reserved) and 0x1B (reserved for a further extension) are `None`.
#[rustfmt::skip]
pub(crate) const DEFAULT_EXTENSION: Table = [
    None, None, None, None, None, None, None, None, // 00: · · · · · · · ·
    None, None, Some('\u{000C}'), None, None, None, None, None, // 08: · · FF · · · · ·
    None, None, None, None, Some('^'), None, None, None, // 10: · · · · ^ · · ·
    None, None, None, None, None, None, None, None, // 18: · · · ESC · · · ·
    None, None, None, None, None, None, None, None, // 20: · · · · · · · ·
    Some('{'), Some('}'), None, None, None, None, None, Some('\\'), // 28: { } · · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), None, None, None, None, None, None, None, // 40: | · · · · · · ·
    None, None, None, None, None, None, None, None, // 48: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 50: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 58: · · · · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// The locking shift table of `language` (TS 23.038 annex A.3), which replaces the default alphabet
/// while it is in force; `None` for Spanish, which has no locking shift table (A.3.2 is void).
pub(crate) fn locking_shift(language: NationalLanguage) -> Option<&'static Table> {
    match language {
        NationalLanguage::Turkish => Some(&TURKISH_LOCKING),
        NationalLanguage::Spanish => None,
        NationalLanguage::Portuguese => Some(&PORTUGUESE_LOCKING),
        NationalLanguage::Bengali => Some(&BENGALI_LOCKING),
        NationalLanguage::Gujarati => Some(&GUJARATI_LOCKING),
        NationalLanguage::Hindi => Some(&HINDI_LOCKING),
        NationalLanguage::Kannada => Some(&KANNADA_LOCKING),
        NationalLanguage::Malayalam => Some(&MALAYALAM_LOCKING),
        NationalLanguage::Oriya => Some(&ORIYA_LOCKING),
        NationalLanguage::Punjabi => Some(&PUNJABI_LOCKING),
        NationalLanguage::Tamil => Some(&TAMIL_LOCKING),
        NationalLanguage::Telugu => Some(&TELUGU_LOCKING),
        NationalLanguage::Urdu => Some(&URDU_LOCKING),
    }
}

/// The single shift table of `language` (TS 23.038 annex A.2), which replaces the default extension
/// table: the character after an escape (0x1B) is looked up here.
pub(crate) fn single_shift(language: NationalLanguage) -> &'static Table {
    match language {
        NationalLanguage::Turkish => &TURKISH_SINGLE,
        NationalLanguage::Spanish => &SPANISH_SINGLE,
        NationalLanguage::Portuguese => &PORTUGUESE_SINGLE,
        NationalLanguage::Bengali => &BENGALI_SINGLE,
        NationalLanguage::Gujarati => &GUJARATI_SINGLE,
        NationalLanguage::Hindi => &HINDI_SINGLE,
        NationalLanguage::Kannada => &KANNADA_SINGLE,
        NationalLanguage::Malayalam => &MALAYALAM_SINGLE,
        NationalLanguage::Oriya => &ORIYA_SINGLE,
        NationalLanguage::Punjabi => &PUNJABI_SINGLE,
        NationalLanguage::Tamil => &TAMIL_SINGLE,
        NationalLanguage::Telugu => &TELUGU_SINGLE,
        NationalLanguage::Urdu => &URDU_SINGLE,
    }
}

/// Turkish national language locking shift table (TS 23.038 A.3.1): 127 characters.
#[rustfmt::skip]
static TURKISH_LOCKING: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{20AC}'), Some('\u{00E9}'), Some('\u{00F9}'), Some('\u{0131}'), // 00: @ £ $ ¥ € é ù ı
    Some('\u{00F2}'), Some('\u{00C7}'), Some('\n'), Some('\u{011E}'), Some('\u{011F}'), Some('\r'), Some('\u{00C5}'), Some('\u{00E5}'), // 08: ò Ç LF Ğ ğ CR Å å
    Some('\u{0394}'), Some('_'), Some('\u{03A6}'), Some('\u{0393}'), Some('\u{039B}'), Some('\u{03A9}'), Some('\u{03A0}'), Some('\u{03A8}'), // 10: Δ _ Φ Γ Λ Ω Π Ψ
    Some('\u{03A3}'), Some('\u{0398}'), Some('\u{039E}'), None, Some('\u{015E}'), Some('\u{015F}'), Some('\u{00DF}'), Some('\u{00C9}'), // 18: Σ Θ Ξ ESC Ş ş ß É
    Some(' '), Some('!'), Some('"'), Some('#'), Some('\u{00A4}'), Some('%'), Some('&'), Some('\''), // 20: SP ! " # ¤ % & '
    Some('('), Some(')'), Some('*'), Some('+'), Some(','), Some('-'), Some('.'), Some('/'), // 28: ( ) * + , - . /
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('<'), Some('='), Some('>'), Some('?'), // 38: 8 9 : ; < = > ?
    Some('\u{0130}'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: İ A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), Some('\u{00C4}'), Some('\u{00D6}'), Some('\u{00D1}'), Some('\u{00DC}'), Some('\u{00A7}'), // 58: X Y Z Ä Ö Ñ Ü §
    Some('\u{00E7}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ç a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{00E4}'), Some('\u{00F6}'), Some('\u{00F1}'), Some('\u{00FC}'), Some('\u{00E0}'), // 78: x y z ä ö ñ ü à
];

/// Turkish national language single shift table (TS 23.038 A.2.1): 17 characters.
#[rustfmt::skip]
static TURKISH_SINGLE: Table = [
    None, None, None, None, None, None, None, None, // 00: · · · · · · · ·
    None, None, Some('\u{000C}'), None, None, None, None, None, // 08: · · FF · · · · ·
    None, None, None, None, Some('^'), None, None, None, // 10: · · · · ^ · · ·
    None, None, None, None, None, None, None, None, // 18: · · · ESC · · · ·
    None, None, None, None, None, None, None, None, // 20: · · · · · · · ·
    Some('{'), Some('}'), None, None, None, None, None, Some('\\'), // 28: { } · · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), None, None, None, None, None, None, Some('\u{011E}'), // 40: | · · · · · · Ğ
    None, Some('\u{0130}'), None, None, None, None, None, None, // 48: · İ · · · · · ·
    None, None, None, Some('\u{015E}'), None, None, None, None, // 50: · · · Ş · · · ·
    None, None, None, None, None, None, None, None, // 58: · · · · · · · ·
    None, None, None, Some('\u{00E7}'), None, Some('\u{20AC}'), None, Some('\u{011F}'), // 60: · · · ç · € · ğ
    None, Some('\u{0131}'), None, None, None, None, None, None, // 68: · ı · · · · · ·
    None, None, None, Some('\u{015F}'), None, None, None, None, // 70: · · · ş · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Spanish national language single shift table (TS 23.038 A.2.2): 19 characters.
#[rustfmt::skip]
static SPANISH_SINGLE: Table = [
    None, None, None, None, None, None, None, None, // 00: · · · · · · · ·
    None, Some('\u{00E7}'), Some('\u{000C}'), None, None, None, None, None, // 08: · ç FF · · · · ·
    None, None, None, None, Some('^'), None, None, None, // 10: · · · · ^ · · ·
    None, None, None, None, None, None, None, None, // 18: · · · ESC · · · ·
    None, None, None, None, None, None, None, None, // 20: · · · · · · · ·
    Some('{'), Some('}'), None, None, None, None, None, Some('\\'), // 28: { } · · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('\u{00C1}'), None, None, None, None, None, None, // 40: | Á · · · · · ·
    None, Some('\u{00CD}'), None, None, None, None, None, Some('\u{00D3}'), // 48: · Í · · · · · Ó
    None, None, None, None, None, Some('\u{00DA}'), None, None, // 50: · · · · · Ú · ·
    None, None, None, None, None, None, None, None, // 58: · · · · · · · ·
    None, Some('\u{00E1}'), None, None, None, Some('\u{20AC}'), None, None, // 60: · á · · · € · ·
    None, Some('\u{00ED}'), None, None, None, None, None, Some('\u{00F3}'), // 68: · í · · · · · ó
    None, None, None, None, None, Some('\u{00FA}'), None, None, // 70: · · · · · ú · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Portuguese national language locking shift table (TS 23.038 A.3.3): 127 characters.
#[rustfmt::skip]
static PORTUGUESE_LOCKING: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00EA}'), Some('\u{00E9}'), Some('\u{00FA}'), Some('\u{00ED}'), // 00: @ £ $ ¥ ê é ú í
    Some('\u{00F3}'), Some('\u{00E7}'), Some('\n'), Some('\u{00D4}'), Some('\u{00F4}'), Some('\r'), Some('\u{00C1}'), Some('\u{00E1}'), // 08: ó ç LF Ô ô CR Á á
    Some('\u{0394}'), Some('_'), Some('\u{00AA}'), Some('\u{00C7}'), Some('\u{00C0}'), Some('\u{221E}'), Some('^'), Some('\\'), // 10: Δ _ ª Ç À ∞ ^ \
    Some('\u{20AC}'), Some('\u{00D3}'), Some('|'), None, Some('\u{00C2}'), Some('\u{00E2}'), Some('\u{00CA}'), Some('\u{00C9}'), // 18: € Ó | ESC Â â Ê É
    Some(' '), Some('!'), Some('"'), Some('#'), Some('\u{00BA}'), Some('%'), Some('&'), Some('\''), // 20: SP ! " # º % & '
    Some('('), Some(')'), Some('*'), Some('+'), Some(','), Some('-'), Some('.'), Some('/'), // 28: ( ) * + , - . /
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('<'), Some('='), Some('>'), Some('?'), // 38: 8 9 : ; < = > ?
    Some('\u{00CD}'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: Í A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), Some('\u{00C3}'), Some('\u{00D5}'), Some('\u{00DA}'), Some('\u{00DC}'), Some('\u{00A7}'), // 58: X Y Z Ã Õ Ú Ü §
    Some('~'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ~ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{00E3}'), Some('\u{00F5}'), Some('`'), Some('\u{00FC}'), Some('\u{00E0}'), // 78: x y z ã õ ` ü à
];

/// Portuguese national language single shift table (TS 23.038 A.2.3): 37 characters.
#[rustfmt::skip]
static PORTUGUESE_SINGLE: Table = [
    None, None, None, None, None, Some('\u{00EA}'), None, None, // 00: · · · · · ê · ·
    None, Some('\u{00E7}'), Some('\u{000C}'), Some('\u{00D4}'), Some('\u{00F4}'), None, Some('\u{00C1}'), Some('\u{00E1}'), // 08: · ç FF Ô ô · Á á
    None, None, Some('\u{03A6}'), Some('\u{0393}'), Some('^'), Some('\u{03A9}'), Some('\u{03A0}'), Some('\u{03A8}'), // 10: · · Φ Γ ^ Ω Π Ψ
    Some('\u{03A3}'), Some('\u{0398}'), None, None, None, None, None, Some('\u{00CA}'), // 18: Σ Θ · ESC · · · Ê
    None, None, None, None, None, None, None, None, // 20: · · · · · · · ·
    Some('{'), Some('}'), None, None, None, None, None, Some('\\'), // 28: { } · · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('\u{00C0}'), None, None, None, None, None, None, // 40: | À · · · · · ·
    None, Some('\u{00CD}'), None, None, None, None, None, Some('\u{00D3}'), // 48: · Í · · · · · Ó
    None, None, None, None, None, Some('\u{00DA}'), None, None, // 50: · · · · · Ú · ·
    None, None, None, Some('\u{00C3}'), Some('\u{00D5}'), None, None, None, // 58: · · · Ã Õ · · ·
    None, Some('\u{00C2}'), None, None, None, Some('\u{20AC}'), None, None, // 60: · Â · · · € · ·
    None, Some('\u{00ED}'), None, None, None, None, None, Some('\u{00F3}'), // 68: · í · · · · · ó
    None, None, None, None, None, Some('\u{00FA}'), None, None, // 70: · · · · · ú · ·
    None, None, None, Some('\u{00E3}'), Some('\u{00F5}'), None, None, Some('\u{00E2}'), // 78: · · · ã õ · · â
];

/// Bengali (and Assamese) national language locking shift table (TS 23.038 A.3.4): 114 characters.
#[rustfmt::skip]
static BENGALI_LOCKING: Table = [
    Some('\u{0981}'), Some('\u{0982}'), Some('\u{0983}'), Some('\u{0985}'), Some('\u{0986}'), Some('\u{0987}'), Some('\u{0988}'), Some('\u{0989}'), // 00: ◌ঁ ◌ং ◌ঃ অ আ ই ঈ উ
    Some('\u{098A}'), Some('\u{098B}'), Some('\n'), Some('\u{098C}'), None, Some('\r'), None, Some('\u{098F}'), // 08: ঊ ঋ LF ঌ · CR · এ
    Some('\u{0990}'), None, None, Some('\u{0993}'), Some('\u{0994}'), Some('\u{0995}'), Some('\u{0996}'), Some('\u{0997}'), // 10: ঐ · · ও ঔ ক খ গ
    Some('\u{0998}'), Some('\u{0999}'), Some('\u{099A}'), None, Some('\u{099B}'), Some('\u{099C}'), Some('\u{099D}'), Some('\u{099E}'), // 18: ঘ ঙ চ ESC ছ জ ঝ ঞ
    Some(' '), Some('!'), Some('\u{099F}'), Some('\u{09A0}'), Some('\u{09A1}'), Some('\u{09A2}'), Some('\u{09A3}'), Some('\u{09A4}'), // 20: SP ! ট ঠ ড ঢ ণ ত
    Some(')'), Some('('), Some('\u{09A5}'), Some('\u{09A6}'), Some(','), Some('\u{09A7}'), Some('.'), Some('\u{09A8}'), // 28: ) ( থ দ , ধ . ন
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{09AA}'), Some('\u{09AB}'), Some('?'), // 38: 8 9 : ; · প ফ ?
    Some('\u{09AC}'), Some('\u{09AD}'), Some('\u{09AE}'), Some('\u{09AF}'), Some('\u{09B0}'), None, Some('\u{09B2}'), None, // 40: ব ভ ম য র · ল ·
    None, None, Some('\u{09B6}'), Some('\u{09B7}'), Some('\u{09B8}'), Some('\u{09B9}'), Some('\u{09BC}'), Some('\u{09BD}'), // 48: · · শ ষ স হ ◌় ঽ
    Some('\u{09BE}'), Some('\u{09BF}'), Some('\u{09C0}'), Some('\u{09C1}'), Some('\u{09C2}'), Some('\u{09C3}'), Some('\u{09C4}'), None, // 50: ◌া ◌ি ◌ী ◌ু ◌ূ ◌ৃ ◌ৄ ·
    None, Some('\u{09C7}'), Some('\u{09C8}'), None, None, Some('\u{09CB}'), Some('\u{09CC}'), Some('\u{09CD}'), // 58: · ◌ে ◌ৈ · · ◌ো ◌ৌ ◌্
    Some('\u{09CE}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ৎ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{09D7}'), Some('\u{09DC}'), Some('\u{09DD}'), Some('\u{09F0}'), Some('\u{09F1}'), // 78: x y z ◌ৗ ড় ঢ় ৰ ৱ
];

/// Bengali (and Assamese) national language single shift table (TS 23.038 A.2.4): 82 characters.
#[rustfmt::skip]
static BENGALI_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{09E6}'), Some('\u{09E7}'), None, Some('\u{09E8}'), Some('\u{09E9}'), Some('\u{09EA}'), Some('\u{09EB}'), // 18: * ০ ১ ESC ২ ৩ ৪ ৫
    Some('\u{09EC}'), Some('\u{09ED}'), Some('\u{09EE}'), Some('\u{09EF}'), Some('\u{09DF}'), Some('\u{09E0}'), Some('\u{09E1}'), Some('\u{09E2}'), // 20: ৬ ৭ ৮ ৯ য় ৠ ৡ ◌ৢ
    Some('{'), Some('}'), Some('\u{09E3}'), Some('\u{09F2}'), Some('\u{09F3}'), Some('\u{09F4}'), Some('\u{09F5}'), Some('\\'), // 28: { } ◌ৣ ৲ ৳ ৴ ৵ \
    Some('\u{09F6}'), Some('\u{09F7}'), Some('\u{09F8}'), Some('\u{09F9}'), Some('\u{09FA}'), None, None, None, // 30: ৶ ৷ ৸ ৹ ৺ · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Gujarati national language locking shift table (TS 23.038 A.3.5): 120 characters.
#[rustfmt::skip]
static GUJARATI_LOCKING: Table = [
    Some('\u{0A81}'), Some('\u{0A82}'), Some('\u{0A83}'), Some('\u{0A85}'), Some('\u{0A86}'), Some('\u{0A87}'), Some('\u{0A88}'), Some('\u{0A89}'), // 00: ◌ઁ ◌ં ◌ઃ અ આ ઇ ઈ ઉ
    Some('\u{0A8A}'), Some('\u{0A8B}'), Some('\n'), Some('\u{0A8C}'), Some('\u{0A8D}'), Some('\r'), None, Some('\u{0A8F}'), // 08: ઊ ઋ LF ઌ ઍ CR · એ
    Some('\u{0A90}'), Some('\u{0A91}'), None, Some('\u{0A93}'), Some('\u{0A94}'), Some('\u{0A95}'), Some('\u{0A96}'), Some('\u{0A97}'), // 10: ઐ ઑ · ઓ ઔ ક ખ ગ
    Some('\u{0A98}'), Some('\u{0A99}'), Some('\u{0A9A}'), None, Some('\u{0A9B}'), Some('\u{0A9C}'), Some('\u{0A9D}'), Some('\u{0A9E}'), // 18: ઘ ઙ ચ ESC છ જ ઝ ઞ
    Some(' '), Some('!'), Some('\u{0A9F}'), Some('\u{0AA0}'), Some('\u{0AA1}'), Some('\u{0AA2}'), Some('\u{0AA3}'), Some('\u{0AA4}'), // 20: SP ! ટ ઠ ડ ઢ ણ ત
    Some(')'), Some('('), Some('\u{0AA5}'), Some('\u{0AA6}'), Some(','), Some('\u{0AA7}'), Some('.'), Some('\u{0AA8}'), // 28: ) ( થ દ , ધ . ન
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0AAA}'), Some('\u{0AAB}'), Some('?'), // 38: 8 9 : ; · પ ફ ?
    Some('\u{0AAC}'), Some('\u{0AAD}'), Some('\u{0AAE}'), Some('\u{0AAF}'), Some('\u{0AB0}'), None, Some('\u{0AB2}'), Some('\u{0AB3}'), // 40: બ ભ મ ય ર · લ ળ
    None, Some('\u{0AB5}'), Some('\u{0AB6}'), Some('\u{0AB7}'), Some('\u{0AB8}'), Some('\u{0AB9}'), Some('\u{0ABC}'), Some('\u{0ABD}'), // 48: · વ શ ષ સ હ ◌઼ ઽ
    Some('\u{0ABE}'), Some('\u{0ABF}'), Some('\u{0AC0}'), Some('\u{0AC1}'), Some('\u{0AC2}'), Some('\u{0AC3}'), Some('\u{0AC4}'), Some('\u{0AC5}'), // 50: ◌ા ◌િ ◌ી ◌ુ ◌ૂ ◌ૃ ◌ૄ ◌ૅ
    None, Some('\u{0AC7}'), Some('\u{0AC8}'), Some('\u{0AC9}'), None, Some('\u{0ACB}'), Some('\u{0ACC}'), Some('\u{0ACD}'), // 58: · ◌ે ◌ૈ ◌ૉ · ◌ો ◌ૌ ◌્
    Some('\u{0AD0}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ૐ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0AE0}'), Some('\u{0AE1}'), Some('\u{0AE2}'), Some('\u{0AE3}'), Some('\u{0AF1}'), // 78: x y z ૠ ૡ ◌ૢ ◌ૣ ૱
];

/// Gujarati national language single shift table (TS 23.038 A.2.5): 70 characters.
#[rustfmt::skip]
static GUJARATI_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0AE6}'), Some('\u{0AE7}'), Some('\u{0AE8}'), Some('\u{0AE9}'), // 18: * । ॥ ESC ૦ ૧ ૨ ૩
    Some('\u{0AEA}'), Some('\u{0AEB}'), Some('\u{0AEC}'), Some('\u{0AED}'), Some('\u{0AEE}'), Some('\u{0AEF}'), None, None, // 20: ૪ ૫ ૬ ૭ ૮ ૯ · ·
    Some('{'), Some('}'), None, None, None, None, None, Some('\\'), // 28: { } · · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Hindi national language locking shift table (TS 23.038 A.3.6): 127 characters.
#[rustfmt::skip]
static HINDI_LOCKING: Table = [
    Some('\u{0901}'), Some('\u{0902}'), Some('\u{0903}'), Some('\u{0905}'), Some('\u{0906}'), Some('\u{0907}'), Some('\u{0908}'), Some('\u{0909}'), // 00: ◌ँ ◌ं ◌ः अ आ इ ई उ
    Some('\u{090A}'), Some('\u{090B}'), Some('\n'), Some('\u{090C}'), Some('\u{090D}'), Some('\r'), Some('\u{090E}'), Some('\u{090F}'), // 08: ऊ ऋ LF ऌ ऍ CR ऎ ए
    Some('\u{0910}'), Some('\u{0911}'), Some('\u{0912}'), Some('\u{0913}'), Some('\u{0914}'), Some('\u{0915}'), Some('\u{0916}'), Some('\u{0917}'), // 10: ऐ ऑ ऒ ओ औ क ख ग
    Some('\u{0918}'), Some('\u{0919}'), Some('\u{091A}'), None, Some('\u{091B}'), Some('\u{091C}'), Some('\u{091D}'), Some('\u{091E}'), // 18: घ ङ च ESC छ ज झ ञ
    Some(' '), Some('!'), Some('\u{091F}'), Some('\u{0920}'), Some('\u{0921}'), Some('\u{0922}'), Some('\u{0923}'), Some('\u{0924}'), // 20: SP ! ट ठ ड ढ ण त
    Some(')'), Some('('), Some('\u{0925}'), Some('\u{0926}'), Some(','), Some('\u{0927}'), Some('.'), Some('\u{0928}'), // 28: ) ( थ द , ध . न
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('\u{0929}'), Some('\u{092A}'), Some('\u{092B}'), Some('?'), // 38: 8 9 : ; ऩ प फ ?
    Some('\u{092C}'), Some('\u{092D}'), Some('\u{092E}'), Some('\u{092F}'), Some('\u{0930}'), Some('\u{0931}'), Some('\u{0932}'), Some('\u{0933}'), // 40: ब भ म य र ऱ ल ळ
    Some('\u{0934}'), Some('\u{0935}'), Some('\u{0936}'), Some('\u{0937}'), Some('\u{0938}'), Some('\u{0939}'), Some('\u{093C}'), Some('\u{093D}'), // 48: ऴ व श ष स ह ◌़ ऽ
    Some('\u{093E}'), Some('\u{093F}'), Some('\u{0940}'), Some('\u{0941}'), Some('\u{0942}'), Some('\u{0943}'), Some('\u{0944}'), Some('\u{0945}'), // 50: ◌ा ◌ि ◌ी ◌ु ◌ू ◌ृ ◌ॄ ◌ॅ
    Some('\u{0946}'), Some('\u{0947}'), Some('\u{0948}'), Some('\u{0949}'), Some('\u{094A}'), Some('\u{094B}'), Some('\u{094C}'), Some('\u{094D}'), // 58: ◌ॆ ◌े ◌ै ◌ॉ ◌ॊ ◌ो ◌ौ ◌्
    Some('\u{0950}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ॐ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0972}'), Some('\u{097B}'), Some('\u{097C}'), Some('\u{097E}'), Some('\u{097F}'), // 78: x y z ॲ ॻ ॼ ॾ ॿ
];

/// Hindi national language single shift table (TS 23.038 A.2.6): 88 characters.
#[rustfmt::skip]
static HINDI_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0966}'), Some('\u{0967}'), Some('\u{0968}'), Some('\u{0969}'), // 18: * । ॥ ESC ० १ २ ३
    Some('\u{096A}'), Some('\u{096B}'), Some('\u{096C}'), Some('\u{096D}'), Some('\u{096E}'), Some('\u{096F}'), Some('\u{0951}'), Some('\u{0952}'), // 20: ४ ५ ६ ७ ८ ९ ◌॑ ◌॒
    Some('{'), Some('}'), Some('\u{0953}'), Some('\u{0954}'), Some('\u{0958}'), Some('\u{0959}'), Some('\u{095A}'), Some('\\'), // 28: { } ◌॓ ◌॔ क़ ख़ ग़ \
    Some('\u{095B}'), Some('\u{095C}'), Some('\u{095D}'), Some('\u{095E}'), Some('\u{095F}'), Some('\u{0960}'), Some('\u{0961}'), Some('\u{0962}'), // 30: ज़ ड़ ढ़ फ़ य़ ॠ ॡ ◌ॢ
    Some('\u{0963}'), Some('\u{0970}'), Some('\u{0971}'), None, Some('['), Some('~'), Some(']'), None, // 38: ◌ॣ ॰ ॱ · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Kannada national language locking shift table (TS 23.038 A.3.7): 120 characters.
#[rustfmt::skip]
static KANNADA_LOCKING: Table = [
    None, Some('\u{0C82}'), Some('\u{0C83}'), Some('\u{0C85}'), Some('\u{0C86}'), Some('\u{0C87}'), Some('\u{0C88}'), Some('\u{0C89}'), // 00: · ◌ಂ ◌ಃ ಅ ಆ ಇ ಈ ಉ
    Some('\u{0C8A}'), Some('\u{0C8B}'), Some('\n'), Some('\u{0C8C}'), None, Some('\r'), Some('\u{0C8E}'), Some('\u{0C8F}'), // 08: ಊ ಋ LF ಌ · CR ಎ ಏ
    Some('\u{0C90}'), None, Some('\u{0C92}'), Some('\u{0C93}'), Some('\u{0C94}'), Some('\u{0C95}'), Some('\u{0C96}'), Some('\u{0C97}'), // 10: ಐ · ಒ ಓ ಔ ಕ ಖ ಗ
    Some('\u{0C98}'), Some('\u{0C99}'), Some('\u{0C9A}'), None, Some('\u{0C9B}'), Some('\u{0C9C}'), Some('\u{0C9D}'), Some('\u{0C9E}'), // 18: ಘ ಙ ಚ ESC ಛ ಜ ಝ ಞ
    Some(' '), Some('!'), Some('\u{0C9F}'), Some('\u{0CA0}'), Some('\u{0CA1}'), Some('\u{0CA2}'), Some('\u{0CA3}'), Some('\u{0CA4}'), // 20: SP ! ಟ ಠ ಡ ಢ ಣ ತ
    Some(')'), Some('('), Some('\u{0CA5}'), Some('\u{0CA6}'), Some(','), Some('\u{0CA7}'), Some('.'), Some('\u{0CA8}'), // 28: ) ( ಥ ದ , ಧ . ನ
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0CAA}'), Some('\u{0CAB}'), Some('?'), // 38: 8 9 : ; · ಪ ಫ ?
    Some('\u{0CAC}'), Some('\u{0CAD}'), Some('\u{0CAE}'), Some('\u{0CAF}'), Some('\u{0CB0}'), Some('\u{0CB1}'), Some('\u{0CB2}'), Some('\u{0CB3}'), // 40: ಬ ಭ ಮ ಯ ರ ಱ ಲ ಳ
    None, Some('\u{0CB5}'), Some('\u{0CB6}'), Some('\u{0CB7}'), Some('\u{0CB8}'), Some('\u{0CB9}'), Some('\u{0CBC}'), Some('\u{0CBD}'), // 48: · ವ ಶ ಷ ಸ ಹ ◌಼ ಽ
    Some('\u{0CBE}'), Some('\u{0CBF}'), Some('\u{0CC0}'), Some('\u{0CC1}'), Some('\u{0CC2}'), Some('\u{0CC3}'), Some('\u{0CC4}'), None, // 50: ◌ಾ ◌ಿ ◌ೀ ◌ು ◌ೂ ◌ೃ ◌ೄ ·
    Some('\u{0CC6}'), Some('\u{0CC7}'), Some('\u{0CC8}'), None, Some('\u{0CCA}'), Some('\u{0CCB}'), Some('\u{0CCC}'), Some('\u{0CCD}'), // 58: ◌ೆ ◌ೇ ◌ೈ · ◌ೊ ◌ೋ ◌ೌ ◌್
    Some('\u{0CD5}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ೕ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0CD6}'), Some('\u{0CE0}'), Some('\u{0CE1}'), Some('\u{0CE2}'), Some('\u{0CE3}'), // 78: x y z ◌ೖ ೠ ೡ ◌ೢ ◌ೣ
];

/// Kannada national language single shift table (TS 23.038 A.2.7): 73 characters.
#[rustfmt::skip]
static KANNADA_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0CE6}'), Some('\u{0CE7}'), Some('\u{0CE8}'), Some('\u{0CE9}'), // 18: * । ॥ ESC ೦ ೧ ೨ ೩
    Some('\u{0CEA}'), Some('\u{0CEB}'), Some('\u{0CEC}'), Some('\u{0CED}'), Some('\u{0CEE}'), Some('\u{0CEF}'), Some('\u{0CDE}'), Some('\u{0CF1}'), // 20: ೪ ೫ ೬ ೭ ೮ ೯ ೞ ೱ
    Some('{'), Some('}'), Some('\u{0CF2}'), None, None, None, None, Some('\\'), // 28: { } ೲ · · · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Malayalam national language locking shift table (TS 23.038 A.3.8): 120 characters.
#[rustfmt::skip]
static MALAYALAM_LOCKING: Table = [
    None, Some('\u{0D02}'), Some('\u{0D03}'), Some('\u{0D05}'), Some('\u{0D06}'), Some('\u{0D07}'), Some('\u{0D08}'), Some('\u{0D09}'), // 00: · ◌ം ◌ഃ അ ആ ഇ ഈ ഉ
    Some('\u{0D0A}'), Some('\u{0D0B}'), Some('\n'), Some('\u{0D0C}'), None, Some('\r'), Some('\u{0D0E}'), Some('\u{0D0F}'), // 08: ഊ ഋ LF ഌ · CR എ ഏ
    Some('\u{0D10}'), None, Some('\u{0D12}'), Some('\u{0D13}'), Some('\u{0D14}'), Some('\u{0D15}'), Some('\u{0D16}'), Some('\u{0D17}'), // 10: ഐ · ഒ ഓ ഔ ക ഖ ഗ
    Some('\u{0D18}'), Some('\u{0D19}'), Some('\u{0D1A}'), None, Some('\u{0D1B}'), Some('\u{0D1C}'), Some('\u{0D1D}'), Some('\u{0D1E}'), // 18: ഘ ങ ച ESC ഛ ജ ഝ ഞ
    Some(' '), Some('!'), Some('\u{0D1F}'), Some('\u{0D20}'), Some('\u{0D21}'), Some('\u{0D22}'), Some('\u{0D23}'), Some('\u{0D24}'), // 20: SP ! ട ഠ ഡ ഢ ണ ത
    Some(')'), Some('('), Some('\u{0D25}'), Some('\u{0D26}'), Some(','), Some('\u{0D27}'), Some('.'), Some('\u{0D28}'), // 28: ) ( ഥ ദ , ധ . ന
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0D2A}'), Some('\u{0D2B}'), Some('?'), // 38: 8 9 : ; · പ ഫ ?
    Some('\u{0D2C}'), Some('\u{0D2D}'), Some('\u{0D2E}'), Some('\u{0D2F}'), Some('\u{0D30}'), Some('\u{0D31}'), Some('\u{0D32}'), Some('\u{0D33}'), // 40: ബ ഭ മ യ ര റ ല ള
    Some('\u{0D34}'), Some('\u{0D35}'), Some('\u{0D36}'), Some('\u{0D37}'), Some('\u{0D38}'), Some('\u{0D39}'), None, Some('\u{0D3D}'), // 48: ഴ വ ശ ഷ സ ഹ · ഽ
    Some('\u{0D3E}'), Some('\u{0D3F}'), Some('\u{0D40}'), Some('\u{0D41}'), Some('\u{0D42}'), Some('\u{0D43}'), Some('\u{0D44}'), None, // 50: ◌ാ ◌ി ◌ീ ◌ു ◌ൂ ◌ൃ ◌ൄ ·
    Some('\u{0D46}'), Some('\u{0D47}'), Some('\u{0D48}'), None, Some('\u{0D4A}'), Some('\u{0D4B}'), Some('\u{0D4C}'), Some('\u{0D4D}'), // 58: ◌െ ◌േ ◌ൈ · ◌ൊ ◌ോ ◌ൌ ◌്
    Some('\u{0D57}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ൗ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0D60}'), Some('\u{0D61}'), Some('\u{0D62}'), Some('\u{0D63}'), Some('\u{0D79}'), // 78: x y z ൠ ൡ ◌ൢ ◌ൣ ൹
];

/// Malayalam national language single shift table (TS 23.038 A.2.8): 82 characters.
#[rustfmt::skip]
static MALAYALAM_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0D66}'), Some('\u{0D67}'), Some('\u{0D68}'), Some('\u{0D69}'), // 18: * । ॥ ESC ൦ ൧ ൨ ൩
    Some('\u{0D6A}'), Some('\u{0D6B}'), Some('\u{0D6C}'), Some('\u{0D6D}'), Some('\u{0D6E}'), Some('\u{0D6F}'), Some('\u{0D70}'), Some('\u{0D71}'), // 20: ൪ ൫ ൬ ൭ ൮ ൯ ൰ ൱
    Some('{'), Some('}'), Some('\u{0D72}'), Some('\u{0D73}'), Some('\u{0D74}'), Some('\u{0D75}'), Some('\u{0D7A}'), Some('\\'), // 28: { } ൲ ൳ ൴ ൵ ൺ \
    Some('\u{0D7B}'), Some('\u{0D7C}'), Some('\u{0D7D}'), Some('\u{0D7E}'), Some('\u{0D7F}'), None, None, None, // 30: ൻ ർ ൽ ൾ ൿ · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Oriya national language locking shift table (TS 23.038 A.3.9): 116 characters.
#[rustfmt::skip]
static ORIYA_LOCKING: Table = [
    Some('\u{0B01}'), Some('\u{0B02}'), Some('\u{0B03}'), Some('\u{0B05}'), Some('\u{0B06}'), Some('\u{0B07}'), Some('\u{0B08}'), Some('\u{0B09}'), // 00: ◌ଁ ◌ଂ ◌ଃ ଅ ଆ ଇ ଈ ଉ
    Some('\u{0B0A}'), Some('\u{0B0B}'), Some('\n'), Some('\u{0B0C}'), None, Some('\r'), None, Some('\u{0B0F}'), // 08: ଊ ଋ LF ଌ · CR · ଏ
    Some('\u{0B10}'), None, None, Some('\u{0B13}'), Some('\u{0B14}'), Some('\u{0B15}'), Some('\u{0B16}'), Some('\u{0B17}'), // 10: ଐ · · ଓ ଔ କ ଖ ଗ
    Some('\u{0B18}'), Some('\u{0B19}'), Some('\u{0B1A}'), None, Some('\u{0B1B}'), Some('\u{0B1C}'), Some('\u{0B1D}'), Some('\u{0B1E}'), // 18: ଘ ଙ ଚ ESC ଛ ଜ ଝ ଞ
    Some(' '), Some('!'), Some('\u{0B1F}'), Some('\u{0B20}'), Some('\u{0B21}'), Some('\u{0B22}'), Some('\u{0B23}'), Some('\u{0B24}'), // 20: SP ! ଟ ଠ ଡ ଢ ଣ ତ
    Some(')'), Some('('), Some('\u{0B25}'), Some('\u{0B26}'), Some(','), Some('\u{0B27}'), Some('.'), Some('\u{0B28}'), // 28: ) ( ଥ ଦ , ଧ . ନ
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0B2A}'), Some('\u{0B2B}'), Some('?'), // 38: 8 9 : ; · ପ ଫ ?
    Some('\u{0B2C}'), Some('\u{0B2D}'), Some('\u{0B2E}'), Some('\u{0B2F}'), Some('\u{0B30}'), None, Some('\u{0B32}'), Some('\u{0B33}'), // 40: ବ ଭ ମ ଯ ର · ଲ ଳ
    None, Some('\u{0B35}'), Some('\u{0B36}'), Some('\u{0B37}'), Some('\u{0B38}'), Some('\u{0B39}'), Some('\u{0B3C}'), Some('\u{0B3D}'), // 48: · ଵ ଶ ଷ ସ ହ ◌଼ ଽ
    Some('\u{0B3E}'), Some('\u{0B3F}'), Some('\u{0B40}'), Some('\u{0B41}'), Some('\u{0B42}'), Some('\u{0B43}'), Some('\u{0B44}'), None, // 50: ◌ା ◌ି ◌ୀ ◌ୁ ◌ୂ ◌ୃ ◌ୄ ·
    None, Some('\u{0B47}'), Some('\u{0B48}'), None, None, Some('\u{0B4B}'), Some('\u{0B4C}'), Some('\u{0B4D}'), // 58: · ◌େ ◌ୈ · · ◌ୋ ◌ୌ ◌୍
    Some('\u{0B56}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ୖ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0B57}'), Some('\u{0B60}'), Some('\u{0B61}'), Some('\u{0B62}'), Some('\u{0B63}'), // 78: x y z ◌ୗ ୠ ୡ ◌ୢ ◌ୣ
];

/// Oriya national language single shift table (TS 23.038 A.2.9): 75 characters.
#[rustfmt::skip]
static ORIYA_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0B66}'), Some('\u{0B67}'), Some('\u{0B68}'), Some('\u{0B69}'), // 18: * । ॥ ESC ୦ ୧ ୨ ୩
    Some('\u{0B6A}'), Some('\u{0B6B}'), Some('\u{0B6C}'), Some('\u{0B6D}'), Some('\u{0B6E}'), Some('\u{0B6F}'), Some('\u{0B5C}'), Some('\u{0B5D}'), // 20: ୪ ୫ ୬ ୭ ୮ ୯ ଡ଼ ଢ଼
    Some('{'), Some('}'), Some('\u{0B5F}'), Some('\u{0B70}'), Some('\u{0B71}'), None, None, Some('\\'), // 28: { } ୟ ୰ ୱ · · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Punjabi national language locking shift table (TS 23.038 A.3.10): 110 characters.
#[rustfmt::skip]
static PUNJABI_LOCKING: Table = [
    Some('\u{0A01}'), Some('\u{0A02}'), Some('\u{0A03}'), Some('\u{0A05}'), Some('\u{0A06}'), Some('\u{0A07}'), Some('\u{0A08}'), Some('\u{0A09}'), // 00: ◌ਁ ◌ਂ ◌ਃ ਅ ਆ ਇ ਈ ਉ
    Some('\u{0A0A}'), None, Some('\n'), None, None, Some('\r'), None, Some('\u{0A0F}'), // 08: ਊ · LF · · CR · ਏ
    Some('\u{0A10}'), None, None, Some('\u{0A13}'), Some('\u{0A14}'), Some('\u{0A15}'), Some('\u{0A16}'), Some('\u{0A17}'), // 10: ਐ · · ਓ ਔ ਕ ਖ ਗ
    Some('\u{0A18}'), Some('\u{0A19}'), Some('\u{0A1A}'), None, Some('\u{0A1B}'), Some('\u{0A1C}'), Some('\u{0A1D}'), Some('\u{0A1E}'), // 18: ਘ ਙ ਚ ESC ਛ ਜ ਝ ਞ
    Some(' '), Some('!'), Some('\u{0A1F}'), Some('\u{0A20}'), Some('\u{0A21}'), Some('\u{0A22}'), Some('\u{0A23}'), Some('\u{0A24}'), // 20: SP ! ਟ ਠ ਡ ਢ ਣ ਤ
    Some(')'), Some('('), Some('\u{0A25}'), Some('\u{0A26}'), Some(','), Some('\u{0A27}'), Some('.'), Some('\u{0A28}'), // 28: ) ( ਥ ਦ , ਧ . ਨ
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0A2A}'), Some('\u{0A2B}'), Some('?'), // 38: 8 9 : ; · ਪ ਫ ?
    Some('\u{0A2C}'), Some('\u{0A2D}'), Some('\u{0A2E}'), Some('\u{0A2F}'), Some('\u{0A30}'), None, Some('\u{0A32}'), Some('\u{0A33}'), // 40: ਬ ਭ ਮ ਯ ਰ · ਲ ਲ਼
    None, Some('\u{0A35}'), Some('\u{0A36}'), None, Some('\u{0A38}'), Some('\u{0A39}'), Some('\u{0A3C}'), None, // 48: · ਵ ਸ਼ · ਸ ਹ ◌਼ ·
    Some('\u{0A3E}'), Some('\u{0A3F}'), Some('\u{0A40}'), Some('\u{0A41}'), Some('\u{0A42}'), None, None, None, // 50: ◌ਾ ◌ਿ ◌ੀ ◌ੁ ◌ੂ · · ·
    None, Some('\u{0A47}'), Some('\u{0A48}'), None, None, Some('\u{0A4B}'), Some('\u{0A4C}'), Some('\u{0A4D}'), // 58: · ◌ੇ ◌ੈ · · ◌ੋ ◌ੌ ◌੍
    Some('\u{0A51}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ੑ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0A70}'), Some('\u{0A71}'), Some('\u{0A72}'), Some('\u{0A73}'), Some('\u{0A74}'), // 78: x y z ◌ੰ ◌ੱ ੲ ੳ ੴ
];

/// Punjabi national language single shift table (TS 23.038 A.2.10): 76 characters.
#[rustfmt::skip]
static PUNJABI_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0A66}'), Some('\u{0A67}'), Some('\u{0A68}'), Some('\u{0A69}'), // 18: * । ॥ ESC ੦ ੧ ੨ ੩
    Some('\u{0A6A}'), Some('\u{0A6B}'), Some('\u{0A6C}'), Some('\u{0A6D}'), Some('\u{0A6E}'), Some('\u{0A6F}'), Some('\u{0A59}'), Some('\u{0A5A}'), // 20: ੪ ੫ ੬ ੭ ੮ ੯ ਖ਼ ਗ਼
    Some('{'), Some('}'), Some('\u{0A5B}'), Some('\u{0A5C}'), Some('\u{0A5E}'), Some('\u{0A75}'), None, Some('\\'), // 28: { } ਜ਼ ੜ ਫ਼ ◌ੵ · \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Tamil national language locking shift table (TS 23.038 A.3.11): 102 characters.
#[rustfmt::skip]
static TAMIL_LOCKING: Table = [
    None, Some('\u{0B82}'), Some('\u{0B83}'), Some('\u{0B85}'), Some('\u{0B86}'), Some('\u{0B87}'), Some('\u{0B88}'), Some('\u{0B89}'), // 00: · ◌ஂ ஃ அ ஆ இ ஈ உ
    Some('\u{0B8A}'), None, Some('\n'), None, None, Some('\r'), Some('\u{0B8E}'), Some('\u{0B8F}'), // 08: ஊ · LF · · CR எ ஏ
    Some('\u{0B90}'), None, Some('\u{0B92}'), Some('\u{0B93}'), Some('\u{0B94}'), Some('\u{0B95}'), None, None, // 10: ஐ · ஒ ஓ ஔ க · ·
    None, Some('\u{0B99}'), Some('\u{0B9A}'), None, None, Some('\u{0B9C}'), None, Some('\u{0B9E}'), // 18: · ங ச ESC · ஜ · ஞ
    Some(' '), Some('!'), Some('\u{0B9F}'), None, None, None, Some('\u{0BA3}'), Some('\u{0BA4}'), // 20: SP ! ட · · · ண த
    Some(')'), Some('('), None, None, Some(','), None, Some('.'), Some('\u{0BA8}'), // 28: ) ( · · , · . ந
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('\u{0BA9}'), Some('\u{0BAA}'), None, Some('?'), // 38: 8 9 : ; ன ப · ?
    None, None, Some('\u{0BAE}'), Some('\u{0BAF}'), Some('\u{0BB0}'), Some('\u{0BB1}'), Some('\u{0BB2}'), Some('\u{0BB3}'), // 40: · · ம ய ர ற ல ள
    Some('\u{0BB4}'), Some('\u{0BB5}'), Some('\u{0BB6}'), Some('\u{0BB7}'), Some('\u{0BB8}'), Some('\u{0BB9}'), None, None, // 48: ழ வ ஶ ஷ ஸ ஹ · ·
    Some('\u{0BBE}'), Some('\u{0BBF}'), Some('\u{0BC0}'), Some('\u{0BC1}'), Some('\u{0BC2}'), None, None, None, // 50: ◌ா ◌ி ◌ீ ◌ு ◌ூ · · ·
    Some('\u{0BC6}'), Some('\u{0BC7}'), Some('\u{0BC8}'), None, Some('\u{0BCA}'), Some('\u{0BCB}'), Some('\u{0BCC}'), Some('\u{0BCD}'), // 58: ◌ெ ◌ே ◌ை · ◌ொ ◌ோ ◌ௌ ◌்
    Some('\u{0BD0}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ௐ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0BD7}'), Some('\u{0BF0}'), Some('\u{0BF1}'), Some('\u{0BF2}'), Some('\u{0BF9}'), // 78: x y z ◌ௗ ௰ ௱ ௲ ௹
];

/// Tamil national language single shift table (TS 23.038 A.2.11): 77 characters.
#[rustfmt::skip]
static TAMIL_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0964}'), Some('\u{0965}'), None, Some('\u{0BE6}'), Some('\u{0BE7}'), Some('\u{0BE8}'), Some('\u{0BE9}'), // 18: * । ॥ ESC ௦ ௧ ௨ ௩
    Some('\u{0BEA}'), Some('\u{0BEB}'), Some('\u{0BEC}'), Some('\u{0BED}'), Some('\u{0BEE}'), Some('\u{0BEF}'), Some('\u{0BF3}'), Some('\u{0BF4}'), // 20: ௪ ௫ ௬ ௭ ௮ ௯ ௳ ௴
    Some('{'), Some('}'), Some('\u{0BF5}'), Some('\u{0BF6}'), Some('\u{0BF7}'), Some('\u{0BF8}'), Some('\u{0BFA}'), Some('\\'), // 28: { } ௵ ௶ ௷ ௸ ௺ \
    None, None, None, None, None, None, None, None, // 30: · · · · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Telugu national language locking shift table (TS 23.038 A.3.12): 120 characters.
#[rustfmt::skip]
static TELUGU_LOCKING: Table = [
    Some('\u{0C01}'), Some('\u{0C02}'), Some('\u{0C03}'), Some('\u{0C05}'), Some('\u{0C06}'), Some('\u{0C07}'), Some('\u{0C08}'), Some('\u{0C09}'), // 00: ◌ఁ ◌ం ◌ః అ ఆ ఇ ఈ ఉ
    Some('\u{0C0A}'), Some('\u{0C0B}'), Some('\n'), Some('\u{0C0C}'), None, Some('\r'), Some('\u{0C0E}'), Some('\u{0C0F}'), // 08: ఊ ఋ LF ఌ · CR ఎ ఏ
    Some('\u{0C10}'), None, Some('\u{0C12}'), Some('\u{0C13}'), Some('\u{0C14}'), Some('\u{0C15}'), Some('\u{0C16}'), Some('\u{0C17}'), // 10: ఐ · ఒ ఓ ఔ క ఖ గ
    Some('\u{0C18}'), Some('\u{0C19}'), Some('\u{0C1A}'), None, Some('\u{0C1B}'), Some('\u{0C1C}'), Some('\u{0C1D}'), Some('\u{0C1E}'), // 18: ఘ ఙ చ ESC ఛ జ ఝ ఞ
    Some(' '), Some('!'), Some('\u{0C1F}'), Some('\u{0C20}'), Some('\u{0C21}'), Some('\u{0C22}'), Some('\u{0C23}'), Some('\u{0C24}'), // 20: SP ! ట ఠ డ ఢ ణ త
    Some(')'), Some('('), Some('\u{0C25}'), Some('\u{0C26}'), Some(','), Some('\u{0C27}'), Some('.'), Some('\u{0C28}'), // 28: ) ( థ ద , ధ . న
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), None, Some('\u{0C2A}'), Some('\u{0C2B}'), Some('?'), // 38: 8 9 : ; · ప ఫ ?
    Some('\u{0C2C}'), Some('\u{0C2D}'), Some('\u{0C2E}'), Some('\u{0C2F}'), Some('\u{0C30}'), Some('\u{0C31}'), Some('\u{0C32}'), Some('\u{0C33}'), // 40: బ భ మ య ర ఱ ల ళ
    None, Some('\u{0C35}'), Some('\u{0C36}'), Some('\u{0C37}'), Some('\u{0C38}'), Some('\u{0C39}'), None, Some('\u{0C3D}'), // 48: · వ శ ష స హ · ఽ
    Some('\u{0C3E}'), Some('\u{0C3F}'), Some('\u{0C40}'), Some('\u{0C41}'), Some('\u{0C42}'), Some('\u{0C43}'), Some('\u{0C44}'), None, // 50: ◌ా ◌ి ◌ీ ◌ు ◌ూ ◌ృ ◌ౄ ·
    Some('\u{0C46}'), Some('\u{0C47}'), Some('\u{0C48}'), None, Some('\u{0C4A}'), Some('\u{0C4B}'), Some('\u{0C4C}'), Some('\u{0C4D}'), // 58: ◌ె ◌ే ◌ై · ◌ొ ◌ో ◌ౌ ◌్
    Some('\u{0C55}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ౕ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0C56}'), Some('\u{0C60}'), Some('\u{0C61}'), Some('\u{0C62}'), Some('\u{0C63}'), // 78: x y z ◌ౖ ౠ ౡ ◌ౢ ◌ౣ
];

/// Telugu national language single shift table (TS 23.038 A.2.12): 78 characters.
#[rustfmt::skip]
static TELUGU_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), None, None, None, Some('\u{0C66}'), Some('\u{0C67}'), Some('\u{0C68}'), Some('\u{0C69}'), // 18: * · · ESC ౦ ౧ ౨ ౩
    Some('\u{0C6A}'), Some('\u{0C6B}'), Some('\u{0C6C}'), Some('\u{0C6D}'), Some('\u{0C6E}'), Some('\u{0C6F}'), Some('\u{0C58}'), Some('\u{0C59}'), // 20: ౪ ౫ ౬ ౭ ౮ ౯ ౘ ౙ
    Some('{'), Some('}'), Some('\u{0C78}'), Some('\u{0C79}'), Some('\u{0C7A}'), Some('\u{0C7B}'), Some('\u{0C7C}'), Some('\\'), // 28: { } ౸ ౹ ౺ ౻ ౼ \
    Some('\u{0C7D}'), Some('\u{0C7E}'), Some('\u{0C7F}'), None, None, None, None, None, // 30: ౽ ౾ ౿ · · · · ·
    None, None, None, None, Some('['), Some('~'), Some(']'), None, // 38: · · · · [ ~ ] ·
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

/// Urdu national language locking shift table (TS 23.038 A.3.13): 127 characters.
#[rustfmt::skip]
static URDU_LOCKING: Table = [
    Some('\u{0627}'), Some('\u{0622}'), Some('\u{0628}'), Some('\u{067B}'), Some('\u{0680}'), Some('\u{067E}'), Some('\u{06A6}'), Some('\u{062A}'), // 00: ا آ ب ٻ ڀ پ ڦ ت
    Some('\u{06C2}'), Some('\u{067F}'), Some('\n'), Some('\u{0679}'), Some('\u{067D}'), Some('\r'), Some('\u{067A}'), Some('\u{067C}'), // 08: ۂ ٿ LF ٹ ٽ CR ٺ ټ
    Some('\u{062B}'), Some('\u{062C}'), Some('\u{0681}'), Some('\u{0684}'), Some('\u{0683}'), Some('\u{0685}'), Some('\u{0686}'), Some('\u{0687}'), // 10: ث ج ځ ڄ ڃ څ چ ڇ
    Some('\u{062D}'), Some('\u{062E}'), Some('\u{062F}'), None, Some('\u{068C}'), Some('\u{0688}'), Some('\u{0689}'), Some('\u{068A}'), // 18: ح خ د ESC ڌ ڈ ډ ڊ
    Some(' '), Some('!'), Some('\u{068F}'), Some('\u{068D}'), Some('\u{0630}'), Some('\u{0631}'), Some('\u{0691}'), Some('\u{0693}'), // 20: SP ! ڏ ڍ ذ ر ڑ ړ
    Some(')'), Some('('), Some('\u{0699}'), Some('\u{0632}'), Some(','), Some('\u{0696}'), Some('.'), Some('\u{0698}'), // 28: ) ( ڙ ز , ږ . ژ
    Some('0'), Some('1'), Some('2'), Some('3'), Some('4'), Some('5'), Some('6'), Some('7'), // 30: 0 1 2 3 4 5 6 7
    Some('8'), Some('9'), Some(':'), Some(';'), Some('\u{069A}'), Some('\u{0633}'), Some('\u{0634}'), Some('?'), // 38: 8 9 : ; ښ س ش ?
    Some('\u{0635}'), Some('\u{0636}'), Some('\u{0637}'), Some('\u{0638}'), Some('\u{0639}'), Some('\u{0641}'), Some('\u{0642}'), Some('\u{06A9}'), // 40: ص ض ط ظ ع ف ق ک
    Some('\u{06AA}'), Some('\u{06AB}'), Some('\u{06AF}'), Some('\u{06B3}'), Some('\u{06B1}'), Some('\u{0644}'), Some('\u{0645}'), Some('\u{0646}'), // 48: ڪ ګ گ ڳ ڱ ل م ن
    Some('\u{06BA}'), Some('\u{06BB}'), Some('\u{06BC}'), Some('\u{0648}'), Some('\u{06C4}'), Some('\u{06D5}'), Some('\u{06C1}'), Some('\u{06BE}'), // 50: ں ڻ ڼ و ۄ ە ہ ھ
    Some('\u{0621}'), Some('\u{06CC}'), Some('\u{06D0}'), Some('\u{06D2}'), Some('\u{064D}'), Some('\u{0650}'), Some('\u{064F}'), Some('\u{0657}'), // 58: ء ی ې ے ◌ٍ ◌ِ ◌ُ ◌ٗ
    Some('\u{0654}'), Some('a'), Some('b'), Some('c'), Some('d'), Some('e'), Some('f'), Some('g'), // 60: ◌ٔ a b c d e f g
    Some('h'), Some('i'), Some('j'), Some('k'), Some('l'), Some('m'), Some('n'), Some('o'), // 68: h i j k l m n o
    Some('p'), Some('q'), Some('r'), Some('s'), Some('t'), Some('u'), Some('v'), Some('w'), // 70: p q r s t u v w
    Some('x'), Some('y'), Some('z'), Some('\u{0655}'), Some('\u{0651}'), Some('\u{0653}'), Some('\u{0656}'), Some('\u{0670}'), // 78: x y z ◌ٕ ◌ّ ◌ٓ ◌ٖ ◌ٰ
];

/// Urdu national language single shift table (TS 23.038 A.2.13): 90 characters.
#[rustfmt::skip]
static URDU_SINGLE: Table = [
    Some('@'), Some('\u{00A3}'), Some('$'), Some('\u{00A5}'), Some('\u{00BF}'), Some('"'), Some('\u{00A4}'), Some('%'), // 00: @ £ $ ¥ ¿ " ¤ %
    Some('&'), Some('\''), Some('\u{000C}'), Some('*'), Some('+'), None, Some('-'), Some('/'), // 08: & ' FF * + · - /
    Some('<'), Some('='), Some('>'), Some('\u{00A1}'), Some('^'), Some('\u{00A1}'), Some('_'), Some('#'), // 10: < = > ¡ ^ ¡ _ #
    Some('*'), Some('\u{0600}'), Some('\u{0601}'), None, Some('\u{06F0}'), Some('\u{06F1}'), Some('\u{06F2}'), Some('\u{06F3}'), // 18: * ؀ ؁ ESC ۰ ۱ ۲ ۳
    Some('\u{06F4}'), Some('\u{06F5}'), Some('\u{06F6}'), Some('\u{06F7}'), Some('\u{06F8}'), Some('\u{06F9}'), Some('\u{060C}'), Some('\u{060D}'), // 20: ۴ ۵ ۶ ۷ ۸ ۹ ، ؍
    Some('{'), Some('}'), Some('\u{060E}'), Some('\u{060F}'), Some('\u{0610}'), Some('\u{0611}'), Some('\u{0612}'), Some('\\'), // 28: { } ؎ ؏ ◌ؐ ◌ؑ ◌ؒ \
    Some('\u{0613}'), Some('\u{0614}'), Some('\u{061B}'), Some('\u{061F}'), Some('\u{0640}'), Some('\u{0652}'), Some('\u{0658}'), Some('\u{066B}'), // 30: ◌ؓ ◌ؔ ؛ ؟ ـ ◌ْ ◌٘ ٫
    Some('\u{066C}'), Some('\u{0672}'), Some('\u{0673}'), Some('\u{06CD}'), Some('['), Some('~'), Some(']'), Some('\u{06D4}'), // 38: ٬ ٲ ٳ ۍ [ ~ ] ۔
    Some('|'), Some('A'), Some('B'), Some('C'), Some('D'), Some('E'), Some('F'), Some('G'), // 40: | A B C D E F G
    Some('H'), Some('I'), Some('J'), Some('K'), Some('L'), Some('M'), Some('N'), Some('O'), // 48: H I J K L M N O
    Some('P'), Some('Q'), Some('R'), Some('S'), Some('T'), Some('U'), Some('V'), Some('W'), // 50: P Q R S T U V W
    Some('X'), Some('Y'), Some('Z'), None, None, None, None, None, // 58: X Y Z · · · · ·
    None, None, None, None, None, Some('\u{20AC}'), None, None, // 60: · · · · · € · ·
    None, None, None, None, None, None, None, None, // 68: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 70: · · · · · · · ·
    None, None, None, None, None, None, None, None, // 78: · · · · · · · ·
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The independent transcription every cell is checked against (see the module documentation).
    const ORACLE: &str = include_str!("../../tests/data/gsm_tables_warthog618.txt");

    /// The ten Indic and Urdu languages, whose single shift tables hold `*` and `¡` twice.
    const INDIC_AND_URDU: [NationalLanguage; 10] = [
        NationalLanguage::Bengali,
        NationalLanguage::Gujarati,
        NationalLanguage::Hindi,
        NationalLanguage::Kannada,
        NationalLanguage::Malayalam,
        NationalLanguage::Oriya,
        NationalLanguage::Punjabi,
        NationalLanguage::Tamil,
        NationalLanguage::Telugu,
        NationalLanguage::Urdu,
    ];

    /// Every table, named as in the oracle file.
    fn all_tables() -> Vec<(String, &'static Table)> {
        let mut tables = vec![
            ("default".to_owned(), &DEFAULT_ALPHABET),
            ("default_extension".to_owned(), &DEFAULT_EXTENSION),
        ];
        for language in NationalLanguage::ALL {
            if let Some(table) = locking_shift(language) {
                tables.push((format!("{}_locking", language.name()), table));
            }
            tables.push((
                format!("{}_single", language.name()),
                single_shift(language),
            ));
        }
        tables
    }

    fn locking_tables() -> Vec<(String, &'static Table)> {
        all_tables()
            .into_iter()
            .filter(|(name, _)| name == "default" || name.ends_with("_locking"))
            .collect()
    }

    fn single_shift_tables() -> Vec<(String, &'static Table)> {
        NationalLanguage::ALL
            .into_iter()
            .map(|language| {
                (
                    format!("{}_single", language.name()),
                    single_shift(language),
                )
            })
            .collect()
    }

    fn show(cell: Option<char>) -> String {
        match cell {
            Some(character) => format!("U+{:04X} {character:?}", u32::from(character)),
            None => "None".to_owned(),
        }
    }

    /// Parses the oracle file: lines `<table> <septet hex> <code point hex>`, `#` comments.
    fn oracle() -> BTreeMap<String, Table> {
        let mut tables: BTreeMap<String, Table> = BTreeMap::new();
        for (index, raw) in ORACLE.lines().enumerate() {
            let line_number = index + 1;
            let line = raw.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(
                fields.len(),
                3,
                "oracle line {line_number} is malformed: {raw:?}"
            );
            let septet = usize::from_str_radix(fields[1], 16)
                .unwrap_or_else(|error| panic!("oracle line {line_number}: bad septet: {error}"));
            assert!(
                septet < 128,
                "oracle line {line_number}: septet {septet:#04x} out of range"
            );
            let code = u32::from_str_radix(fields[2], 16).unwrap_or_else(|error| {
                panic!("oracle line {line_number}: bad code point: {error}")
            });
            let character = char::from_u32(code)
                .unwrap_or_else(|| panic!("oracle line {line_number}: U+{code:04X} is not a char"));
            let table = tables.entry(fields[0].to_owned()).or_insert([None; 128]);
            assert!(
                table[septet].is_none(),
                "oracle line {line_number}: {} septet {septet:#04x} is listed twice",
                fields[0]
            );
            table[septet] = Some(character);
        }
        tables
    }

    #[test]
    fn every_cell_matches_the_independent_transcription() {
        let oracle = oracle();
        let tables = all_tables();
        assert_eq!(
            tables.len(),
            27,
            "2 default tables + 12 locking + 13 single shift"
        );

        let names: BTreeSet<&str> = tables.iter().map(|(name, _)| name.as_str()).collect();
        for name in oracle.keys() {
            assert!(
                names.contains(name.as_str()),
                "the oracle has a table {name} that tables.rs lacks"
            );
        }

        let mut differences = Vec::new();
        for (name, table) in &tables {
            let Some(expected) = oracle.get(name) else {
                differences.push(format!("{name}: missing from the oracle"));
                continue;
            };
            for septet in 0..128 {
                if table[septet] != expected[septet] {
                    differences.push(format!(
                        "{name} septet {septet:#04x}: tables.rs has {}, oracle has {}",
                        show(table[septet]),
                        show(expected[septet])
                    ));
                }
            }
        }
        assert!(
            differences.is_empty(),
            "{} cell(s) differ from the oracle:\n{}",
            differences.len(),
            differences.join("\n")
        );
    }

    #[test]
    fn cell_counts_per_table() {
        let counts: BTreeMap<String, usize> = all_tables()
            .into_iter()
            .map(|(name, table)| (name, table.iter().flatten().count()))
            .collect();
        let expected: BTreeMap<String, usize> = [
            ("default", 127),
            ("default_extension", 10),
            ("turkish_locking", 127),
            ("turkish_single", 17),
            ("spanish_single", 19),
            ("portuguese_locking", 127),
            ("portuguese_single", 37),
            ("bengali_locking", 114),
            ("bengali_single", 82),
            ("gujarati_locking", 120),
            ("gujarati_single", 70),
            ("hindi_locking", 127),
            ("hindi_single", 88),
            ("kannada_locking", 120),
            ("kannada_single", 73),
            ("malayalam_locking", 120),
            ("malayalam_single", 82),
            ("oriya_locking", 116),
            ("oriya_single", 75),
            ("punjabi_locking", 110),
            ("punjabi_single", 76),
            ("tamil_locking", 102),
            ("tamil_single", 77),
            ("telugu_locking", 120),
            ("telugu_single", 78),
            ("urdu_locking", 127),
            ("urdu_single", 90),
        ]
        .into_iter()
        .map(|(name, count)| (name.to_owned(), count))
        .collect();
        assert_eq!(counts, expected);
        assert_eq!(counts.values().sum::<usize>(), 2431);
    }

    #[test]
    fn escape_is_none_in_every_table() {
        for (name, table) in all_tables() {
            assert_eq!(
                table[0x1B], None,
                "{name} septet 0x1b must be None (escape)"
            );
        }
    }

    #[test]
    fn no_table_has_a_character_twice_except_where_the_standard_does() {
        let indic_and_urdu: BTreeSet<String> = INDIC_AND_URDU
            .into_iter()
            .map(|language| format!("{}_single", language.name()))
            .collect();
        for (name, table) in all_tables() {
            let mut septets: BTreeMap<char, Vec<usize>> = BTreeMap::new();
            for (septet, cell) in table.iter().enumerate() {
                if let Some(character) = cell {
                    septets.entry(*character).or_default().push(septet);
                }
            }
            let twice: Vec<(char, Vec<usize>)> =
                septets.into_iter().filter(|(_, at)| at.len() > 1).collect();
            let expected = if indic_and_urdu.contains(&name) {
                vec![('*', vec![0x0B, 0x18]), ('¡', vec![0x13, 0x15])]
            } else {
                Vec::new()
            };
            assert_eq!(
                twice, expected,
                "{name}: characters at more than one septet"
            );
        }
    }

    #[test]
    fn default_extension_table() {
        let expected: [(usize, char); 10] = [
            (0x0A, '\u{000C}'),
            (0x14, '^'),
            (0x28, '{'),
            (0x29, '}'),
            (0x2F, '\\'),
            (0x3C, '['),
            (0x3D, '~'),
            (0x3E, ']'),
            (0x40, '|'),
            (0x65, '€'),
        ];
        let mut table: Table = [None; 128];
        for (septet, character) in expected {
            table[septet] = Some(character);
        }
        assert_eq!(DEFAULT_EXTENSION, table);
    }

    #[test]
    fn every_single_shift_table_has_form_feed_and_the_default_extension_characters() {
        for (name, table) in single_shift_tables() {
            assert_eq!(
                table[0x0A],
                Some('\u{000C}'),
                "{name} septet 0x0a must be form feed"
            );
            assert_eq!(table[0x0D], None, "{name} septet 0x0d (CR2) must be None");
            for septet in 0..128 {
                if let Some(character) = DEFAULT_EXTENSION[septet] {
                    assert_eq!(
                        table[septet],
                        Some(character),
                        "{name} septet {septet:#04x} must be {character:?} as in the extension table"
                    );
                }
            }
        }
    }

    #[test]
    fn every_locking_table_has_the_common_cells() {
        for (name, table) in locking_tables() {
            assert_eq!(table[0x0A], Some('\n'), "{name} septet 0x0a");
            assert_eq!(table[0x0D], Some('\r'), "{name} septet 0x0d");
            assert_eq!(table[0x20], Some(' '), "{name} septet 0x20");
            assert_eq!(table[0x21], Some('!'), "{name} septet 0x21");
            assert_eq!(table[0x3F], Some('?'), "{name} septet 0x3f");
            for (offset, digit) in ('0'..='9').enumerate() {
                assert_eq!(
                    table[0x30 + offset],
                    Some(digit),
                    "{name} septet {:#04x}",
                    0x30 + offset
                );
            }
            for (offset, letter) in ('a'..='z').enumerate() {
                assert_eq!(
                    table[0x61 + offset],
                    Some(letter),
                    "{name} septet {:#04x}",
                    0x61 + offset
                );
            }
        }
    }

    #[test]
    fn no_placeholder_or_stray_control_characters() {
        for (name, table) in all_tables() {
            for (septet, cell) in table.iter().enumerate() {
                let Some(character) = *cell else { continue };
                assert!(
                    !matches!(character, '\u{FFFF}' | '\u{FFFD}' | '\u{FFFE}'),
                    "{name} septet {septet:#04x}: placeholder {}",
                    show(*cell)
                );
                if character == ' ' {
                    assert!(
                        septet == 0x20 && !name.ends_with("_single") && name != "default_extension",
                        "{name} septet {septet:#04x}: a space where the standard has none"
                    );
                }
                if character.is_control() {
                    let allowed = if name.ends_with("_single") || name == "default_extension" {
                        septet == 0x0A && character == '\u{000C}'
                    } else {
                        (septet == 0x0A && character == '\n')
                            || (septet == 0x0D && character == '\r')
                    };
                    assert!(
                        allowed,
                        "{name} septet {septet:#04x}: control {}",
                        show(*cell)
                    );
                }
            }
        }
    }

    #[test]
    fn default_alphabet_spot_checks() {
        let cells = [
            (0x00, '@'),
            (0x01, '£'),
            (0x02, '$'),
            (0x03, '¥'),
            (0x09, 'Ç'),
            (0x10, 'Δ'),
            (0x11, '_'),
            (0x1F, 'É'),
            (0x24, '¤'),
            (0x40, '¡'),
            (0x5F, '§'),
            (0x60, '¿'),
            (0x7F, 'à'),
        ];
        for (septet, character) in cells {
            assert_eq!(
                DEFAULT_ALPHABET[septet],
                Some(character),
                "default septet {septet:#04x}"
            );
        }
    }

    #[test]
    fn national_table_spot_checks() {
        use NationalLanguage::*;
        let locking = [
            (Turkish, 0x04, '€'),
            (Turkish, 0x07, 'ı'),
            (Turkish, 0x0B, 'Ğ'),
            (Turkish, 0x0C, 'ğ'),
            (Turkish, 0x1C, 'Ş'),
            (Turkish, 0x1D, 'ş'),
            (Turkish, 0x40, 'İ'),
            (Turkish, 0x60, 'ç'),
            (Portuguese, 0x12, 'ª'),
            (Portuguese, 0x15, '∞'),
            (Portuguese, 0x16, '^'),
            (Portuguese, 0x17, '\\'),
            (Portuguese, 0x18, '€'),
            (Portuguese, 0x1A, '|'),
            (Portuguese, 0x24, 'º'),
            (Portuguese, 0x60, '~'),
            (Portuguese, 0x7D, '`'),
            (Hindi, 0x00, '\u{0901}'),
            (Kannada, 0x24, '\u{0CA1}'),
            (Kannada, 0x3D, '\u{0CAA}'),
            (Urdu, 0x00, '\u{0627}'),
            (Urdu, 0x7F, '\u{0670}'),
        ];
        for (language, septet, character) in locking {
            let table =
                locking_shift(language).unwrap_or_else(|| panic!("{language:?} locking table"));
            assert_eq!(
                table[septet],
                Some(character),
                "{language:?} locking septet {septet:#04x}"
            );
        }
        let single = [
            (Spanish, 0x09, 'ç'),
            (Spanish, 0x41, 'Á'),
            (Spanish, 0x75, 'ú'),
            (Portuguese, 0x12, 'Φ'),
            (Portuguese, 0x1F, 'Ê'),
            (Bengali, 0x19, '\u{09E6}'),
            (Hindi, 0x19, '\u{0964}'),
            (Tamil, 0x24, '\u{0BEE}'),
            (Telugu, 0x22, '\u{0C6C}'),
            (Telugu, 0x23, '\u{0C6D}'),
            (Telugu, 0x65, '€'),
            (Urdu, 0x19, '\u{0600}'),
        ];
        for (language, septet, character) in single {
            assert_eq!(
                single_shift(language)[septet],
                Some(character),
                "{language:?} single shift septet {septet:#04x}"
            );
        }
    }

    #[test]
    fn language_lookup() {
        for language in NationalLanguage::ALL {
            let locking = locking_shift(language);
            assert_eq!(
                locking.is_some(),
                language != NationalLanguage::Spanish,
                "{language:?}"
            );
            if let Some(table) = locking {
                assert!(!std::ptr::eq(table, &DEFAULT_ALPHABET), "{language:?}");
            }
            assert!(
                !std::ptr::eq(single_shift(language), &DEFAULT_EXTENSION),
                "{language:?}"
            );
        }
        let distinct: BTreeSet<*const Table> = NationalLanguage::ALL
            .into_iter()
            .map(|language| std::ptr::from_ref(single_shift(language)))
            .collect();
        assert_eq!(distinct.len(), 13);
        let distinct_locking: BTreeSet<*const Table> = NationalLanguage::ALL
            .into_iter()
            .filter_map(locking_shift)
            .map(std::ptr::from_ref)
            .collect();
        assert_eq!(distinct_locking.len(), 12);
    }
}
