//! Text folding for matching what people type: one rule shared by the SMS reply keywords
//! ([`crate::contacts::classify_reply`]), the template field names
//! ([`crate::templates::field_name_for`]) and the postal country names.
//!
//! [`fold`] reads text in Unicode's **compatibility decomposition (NFKD)**, then drops the
//! combining marks (the accents: `é` → `e`) and the invisible format characters (general
//! category Cf: zero-width space U+200B, zero-width non-joiner and joiner U+200C/U+200D, word
//! joiner U+2060, byte order mark U+FEFF, soft hyphen, bidirectional marks…). NFKD rather than the
//! canonical NFD because people's text also holds compatibility forms that mean the same letters:
//! full-width letters (`ＳＴＯＰ`), ligatures (`ﬁ`), superscripts and the ordinal `º`; NFD keeps
//! those apart. Case is left alone: each caller folds it its own way (upper case for keywords,
//! lower case for field names).
//!
//! ```
//! use envoi::text::fold;
//!
//! assert_eq!(fold("Arrêt").collect::<String>(), "Arret");
//! assert_eq!(fold("ＳＴＯＰ\u{200B}").collect::<String>(), "STOP");
//! assert_eq!(fold("Désinscrire").collect::<String>(), "Desinscrire");
//! ```

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The characters of `text` folded for matching: compatibility decomposition (NFKD), without
/// combining marks and without invisible format characters (see the [module
/// documentation](self)). Case is kept.
///
/// ```
/// use envoi::text::fold;
///
/// let folded: String = fold("Ｐré\u{00AD}nom\u{FEFF}").collect();
/// assert_eq!(folded, "Prenom");
/// assert_eq!(fold("ﬁn").collect::<String>(), "fin");
/// assert_eq!(fold("Straße").collect::<String>(), "Straße"); // ß is a letter, not an accent
/// ```
pub fn fold(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfkd()
        .filter(|&character| !is_combining_mark(character) && !is_invisible(character))
}

/// Whether `character` is an invisible format character (general category Cf): zero-width
/// spaces and joiners, the word joiner, the byte order mark, the soft hyphen, bidirectional
/// marks and isolates… [`fold`] drops them.
///
/// ```
/// use envoi::text::is_invisible;
///
/// for character in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}'] {
///     assert!(is_invisible(character));
/// }
/// assert!(!is_invisible(' '));
/// assert!(!is_invisible('a'));
/// ```
pub fn is_invisible(character: char) -> bool {
    character.general_category() == GeneralCategory::Format
}
