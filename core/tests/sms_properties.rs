//! Invariants of SMS segmentation, checked on generated texts.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::sms::{Encoding, NationalLanguage, SmsAnalysis, SmsOptions, analyze};
use proptest::prelude::*;
use unicode_segmentation::GraphemeCursor;

/// The GSM 7-bit default alphabet (without the escape) and its extension table, written out here
/// independently of the crate's tables.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "\u{0C}^{}\\[~]|€";

fn gsm_units(character: char) -> Option<u32> {
    if GSM_BASIC.contains(character) {
        Some(1)
    } else if GSM_EXTENSION.contains(character) {
        Some(2)
    } else {
        None
    }
}

fn units_of(text: &str, encoding: Encoding) -> u32 {
    text.chars()
        .map(|c| match encoding {
            Encoding::Gsm7 => gsm_units(c).expect("GSM-7 text holds only GSM-7 characters"),
            Encoding::Ucs2 => c.len_utf16() as u32,
        })
        .sum()
}

/// Pieces that make realistic and tricky texts: words, GSM extension characters, accents outside
/// GSM-7, emoji with modifiers, flags, ZWJ sequences, combining marks, CR LF, form feed.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z0-9 .,!?]{1,12}",
        2 => prop::sample::select(GSM_BASIC.chars().collect::<Vec<_>>()).prop_map(String::from),
        2 => prop::sample::select(GSM_EXTENSION.chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => prop::sample::select(vec!["ç", "ş", "ğ", "ı", "á", "ó", "ж", "ő", "`", "’", "…", "—", "\u{a0}"]).prop_map(String::from),
        1 => prop::sample::select(vec!["😀", "👍🏽", "🇧🇪", "🇫🇷", "👨\u{200D}👩\u{200D}👧", "❤\u{FE0F}", "e\u{301}", "\u{930}\u{94D}\u{92F}"]).prop_map(String::from),
        1 => Just("\r\n".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn is_cluster_boundary(text: &str, position: usize) -> bool {
    (text[..position].ends_with('\r') && text[position..].starts_with('\n'))
        || GraphemeCursor::new(position, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(true)
}

/// The grapheme cluster starting at `position`, with CR LF counted as two.
fn next_atom(text: &str, position: usize) -> &str {
    let rest = &text[position..];
    if rest.starts_with("\r\n") {
        return "\r";
    }
    let mut cursor = GraphemeCursor::new(position, text.len(), true);
    let end = cursor
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len());
    &text[position..end]
}

fn check_invariants(analysis: &SmsAnalysis) {
    let joined: String = analysis.parts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(joined, analysis.text, "parts concatenate back to the text");
    let mut offset = 0;
    for (index, part) in analysis.parts.iter().enumerate() {
        assert!(
            part.units <= analysis.units_per_part,
            "part {index} overflows"
        );
        if analysis.locking_shift.is_none() && analysis.single_shift.is_none() {
            assert_eq!(part.units, units_of(&part.text, analysis.encoding));
        }
        offset += part.text.len();
        let Some(next) = analysis.parts.get(index + 1) else {
            continue;
        };
        assert!(!next.text.is_empty(), "empty part {}", index + 1);
        if analysis.locking_shift.is_some() || analysis.single_shift.is_some() {
            continue;
        }
        // Minimality: the next atom (a whole cluster when the cut is at a cluster boundary and the
        // cluster fits in a part, else one character) would not have fitted.
        let atom = next_atom(&analysis.text, offset);
        let atom_units = units_of(atom, analysis.encoding);
        let first = next
            .text
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default();
        let needed = if is_cluster_boundary(&analysis.text, offset)
            && atom_units <= analysis.units_per_part
        {
            atom_units
        } else {
            units_of(&first, analysis.encoding)
        };
        assert!(
            part.units + needed > analysis.units_per_part,
            "part {index} ({} units) could take {:?} ({needed} units) of capacity {}",
            part.units,
            atom,
            analysis.units_per_part
        );
    }
    assert_eq!(
        analysis.units_used,
        analysis.parts.iter().map(|p| p.units).sum::<u32>()
    );
    let last = analysis.parts.last().expect("at least one part");
    assert_eq!(analysis.units_left, analysis.units_per_part - last.units);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parts_are_complete_fitting_and_minimal(text in text()) {
        let options = SmsOptions { max_parts: 255, ..SmsOptions::default() };
        let analysis = analyze(&text, &options).unwrap();
        prop_assert_eq!(&analysis.text, &text);
        check_invariants(&analysis);
    }

    #[test]
    fn gsm7_is_chosen_exactly_when_representable(text in text()) {
        let options = SmsOptions { max_parts: 255, ..SmsOptions::default() };
        let analysis = analyze(&text, &options).unwrap();
        let representable = text.chars().all(|c| gsm_units(c).is_some());
        prop_assert_eq!(analysis.encoding == Encoding::Gsm7, representable);
        if !representable {
            prop_assert!(!analysis.non_gsm.is_empty());
            for found in &analysis.non_gsm {
                prop_assert_eq!(text.chars().nth(found.index), Some(found.character));
                prop_assert!(gsm_units(found.character).is_none());
            }
        }
    }

    #[test]
    fn smart_encoding_keeps_invariants_and_reports_every_change(text in text()) {
        let options = SmsOptions { smart_encoding: true, max_parts: 255, ..SmsOptions::default() };
        let analysis = analyze(&text, &options).unwrap();
        check_invariants(&analysis);
        // Undoing the replacements gives the original text back.
        let mut restored = String::new();
        let mut replacements = analysis.replacements.iter().peekable();
        let mut replaced_chars = analysis.text.chars();
        for (index, original) in text.chars().enumerate() {
            match replacements.peek() {
                Some(r) if r.index == index => {
                    prop_assert_eq!(r.original, original);
                    for expected in r.replacement.chars() {
                        prop_assert_eq!(replaced_chars.next(), Some(expected));
                    }
                    restored.push(original);
                    replacements.next();
                }
                _ => {
                    prop_assert_eq!(replaced_chars.next(), Some(original));
                    restored.push(original);
                }
            }
        }
        prop_assert_eq!(restored, text);
        if !analysis.replacements.is_empty() {
            prop_assert_eq!(analysis.encoding, Encoding::Gsm7);
        }
    }

    #[test]
    fn national_tables_never_cost_a_part(text in text(), languages in prop::collection::vec(prop::sample::select(NationalLanguage::ALL.to_vec()), 0..4)) {
        let plain = analyze(&text, &SmsOptions { max_parts: 255, ..SmsOptions::default() }).unwrap();
        let options = SmsOptions { languages, max_parts: 255, ..SmsOptions::default() };
        let national = analyze(&text, &options).unwrap();
        check_invariants(&national);
        prop_assert!(national.part_count() <= plain.part_count());
        // Smart encoding with national tables keeps replacements only when they give GSM-7.
        let smart = analyze(&text, &SmsOptions { smart_encoding: true, ..options.clone() }).unwrap();
        check_invariants(&smart);
        if !smart.replacements.is_empty() {
            prop_assert_eq!(smart.encoding, Encoding::Gsm7);
        }
        if national.locking_shift.is_some() || national.single_shift.is_some() {
            prop_assert!(national.part_count() < plain.part_count() || plain.encoding == Encoding::Ucs2);
        }
    }

    #[test]
    fn user_data_length_matches_units(text in text()) {
        let options = SmsOptions { user_data: true, max_parts: 255, ..SmsOptions::default() };
        let analysis = analyze(&text, &options).unwrap();
        for part in &analysis.parts {
            let user_data = part.user_data.as_ref().unwrap();
            prop_assert!(user_data.octets.len() <= 140);
            let header_units = match analysis.encoding {
                Encoding::Gsm7 => (user_data.header_length * 8).div_ceil(7),
                Encoding::Ucs2 => user_data.header_length,
            };
            let text_units = match analysis.encoding {
                Encoding::Gsm7 => part.units,
                Encoding::Ucs2 => part.units * 2,
            };
            prop_assert_eq!(user_data.length, header_units + text_units);
        }
    }
}
