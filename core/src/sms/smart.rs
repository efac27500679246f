//! Smart encoding: typographic look-alikes that would force UCS-2, and their GSM-7 replacements.
//!
//! Only characters that none of the enabled tables can write are replaced, and only when the
//! replacements make the whole text GSM-7: replacing a curly quote in a text that stays UCS-2 because
//! of an emoji would change the text for nothing.

use super::Replacement;

/// Look-alikes and their replacements (all in the GSM 7-bit default alphabet).
const LOOK_ALIKES: &[(char, &str)] = &[
    // Quotes and apostrophes.
    ('\u{2018}', "'"),  // ‘ left single quotation mark
    ('\u{2019}', "'"),  // ’ right single quotation mark
    ('\u{201A}', "'"),  // ‚ single low-9 quotation mark
    ('\u{201B}', "'"),  // ‛ single high-reversed-9 quotation mark
    ('\u{2032}', "'"),  // ′ prime
    ('\u{00B4}', "'"),  // ´ acute accent
    ('\u{0060}', "'"),  // ` grave accent
    ('\u{201C}', "\""), // “ left double quotation mark
    ('\u{201D}', "\""), // ” right double quotation mark
    ('\u{201E}', "\""), // „ double low-9 quotation mark
    ('\u{201F}', "\""), // ‟ double high-reversed-9 quotation mark
    ('\u{2033}', "\""), // ″ double prime
    ('\u{00AB}', "\""), // « left-pointing double angle quotation mark
    ('\u{00BB}', "\""), // » right-pointing double angle quotation mark
    ('\u{2039}', "<"),  // ‹ single left-pointing angle quotation mark
    ('\u{203A}', ">"),  // › single right-pointing angle quotation mark
    // Dashes and hyphens.
    ('\u{2010}', "-"), // ‐ hyphen
    ('\u{2011}', "-"), // ‑ non-breaking hyphen
    ('\u{2012}', "-"), // ‒ figure dash
    ('\u{2013}', "-"), // – en dash
    ('\u{2014}', "-"), // — em dash
    ('\u{2015}', "-"), // ― horizontal bar
    ('\u{2212}', "-"), // − minus sign
    ('\u{00AD}', ""),  // soft hyphen (invisible)
    // Dots and bullets.
    ('\u{2026}', "..."), // … horizontal ellipsis
    ('\u{2022}', "-"),   // • bullet
    ('\u{00B7}', "."),   // · middle dot
    // Spaces.
    ('\u{0009}', " "), // tab
    ('\u{00A0}', " "), // no-break space
    ('\u{2000}', " "), // en quad
    ('\u{2001}', " "), // em quad
    ('\u{2002}', " "), // en space
    ('\u{2003}', " "), // em space
    ('\u{2004}', " "), // three-per-em space
    ('\u{2005}', " "), // four-per-em space
    ('\u{2006}', " "), // six-per-em space
    ('\u{2007}', " "), // figure space
    ('\u{2008}', " "), // punctuation space
    ('\u{2009}', " "), // thin space
    ('\u{200A}', " "), // hair space
    ('\u{202F}', " "), // narrow no-break space
    ('\u{205F}', " "), // medium mathematical space
    ('\u{3000}', " "), // ideographic space
    // Invisible characters.
    ('\u{200B}', ""), // zero width space
    ('\u{2060}', ""), // word joiner
    ('\u{FEFF}', ""), // zero width no-break space (BOM)
    // Letters and signs with a plain equivalent.
    ('\u{02C6}', "^"), // ˆ modifier letter circumflex
    ('\u{02DC}', "~"), // ˜ small tilde
    ('\u{00D7}', "x"), // × multiplication sign
    ('\u{2044}', "/"), // ⁄ fraction slash
    ('\u{FF01}', "!"), // ！ fullwidth exclamation mark
    ('\u{FF1F}', "?"), // ？ fullwidth question mark
];

/// The GSM-7 replacement of a look-alike, if it has one.
pub(crate) fn look_alike(character: char) -> Option<&'static str> {
    LOOK_ALIKES
        .iter()
        .find(|(candidate, _)| *candidate == character)
        .map(|(_, replacement)| *replacement)
}

/// Replaces every character that `representable` refuses by its look-alike, when all of them have
/// one. Returns `None` (leave the text as it is) when nothing needs replacing or when some character
/// has no look-alike.
pub(crate) fn replace(
    text: &str,
    representable: impl Fn(char) -> bool,
) -> Option<(String, Vec<Replacement>)> {
    let mut replacements = Vec::new();
    for (index, character) in text.chars().enumerate() {
        if representable(character) {
            continue;
        }
        let replacement = look_alike(character)?;
        replacements.push(Replacement {
            index,
            original: character,
            replacement: replacement.to_owned(),
        });
    }
    if replacements.is_empty() {
        return None;
    }
    let mut replaced = String::with_capacity(text.len());
    let mut next = replacements.iter().peekable();
    for (index, character) in text.chars().enumerate() {
        match next.peek() {
            Some(replacement) if replacement.index == index => {
                replaced.push_str(&replacement.replacement);
                next.next();
            }
            _ => replaced.push(character),
        }
    }
    Some((replaced, replacements))
}

#[cfg(test)]
mod tests {
    use super::super::alphabet::default_septets;
    use super::*;

    #[test]
    fn every_replacement_is_gsm7_and_every_original_is_not() {
        for (original, replacement) in LOOK_ALIKES {
            assert!(
                default_septets(*original).is_none(),
                "{original:?} is GSM-7 already"
            );
            assert!(
                replacement.chars().all(|c| default_septets(c).is_some()),
                "{replacement:?} is not GSM-7"
            );
        }
    }

    #[test]
    fn no_duplicate_entries() {
        for (position, (original, _)) in LOOK_ALIKES.iter().enumerate() {
            assert!(
                LOOK_ALIKES[position + 1..]
                    .iter()
                    .all(|(other, _)| other != original),
                "{original:?} listed twice"
            );
        }
    }

    #[test]
    fn leaves_text_alone_when_something_cannot_be_replaced() {
        let gsm = |c: char| default_septets(c).is_some();
        assert!(replace("“quoted” 😀", gsm).is_none());
        assert!(replace("plain", gsm).is_none());
        let (text, replacements) = replace("“quoted”", gsm).unwrap();
        assert_eq!(text, "\"quoted\"");
        assert_eq!(replacements.len(), 2);
        assert_eq!(replacements[1].index, 7);
    }
}
