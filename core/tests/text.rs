//! The shared text folding (`envoi::text::fold`): NFKD, without accents and invisible format
//! characters, case kept.

use envoi::text::{fold, is_invisible};
use proptest::prelude::*;
use unicode_normalization::char::is_combining_mark;

fn folded(text: &str) -> String {
    fold(text).collect()
}

#[test]
fn accents_compatibility_forms_and_invisible_characters_fold_away() {
    assert_eq!(folded("Désinscrire"), "Desinscrire");
    assert_eq!(folded("ARRÊTER"), "ARRETER");
    assert_eq!(folded("Ｃｏｄｅ ｐｏｓｔａｌ"), "Code postal");
    assert_eq!(folded("Nº client"), "No client");
    assert_eq!(folded("m²"), "m2");
    for invisible in [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
    ] {
        assert!(is_invisible(invisible), "{invisible:?}");
        assert_eq!(
            folded(&format!("{invisible}ST{invisible}OP{invisible}")),
            "STOP"
        );
    }
    // Spaces, letters without a decomposition and case are kept.
    assert_eq!(folded("Straße Œuvre\u{00A0}x"), "Straße Œuvre x");
}

proptest! {
    #[test]
    fn folding_leaves_no_mark_nor_invisible_and_is_idempotent(text in "\\PC{0,40}") {
        let once = folded(&text);
        prop_assert!(once.chars().all(|c| !is_combining_mark(c) && !is_invisible(c)), "{:?}", once);
        prop_assert_eq!(folded(&once), once.clone());
    }
}
