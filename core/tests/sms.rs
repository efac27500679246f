//! The rules of SPEC section 5, asserted through the public API.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::sms::{ConcatReference, Encoding, NationalLanguage, SmsError, SmsOptions, analyze};

fn default() -> SmsOptions {
    SmsOptions::default()
}

fn texts(analysis: &envoi::sms::SmsAnalysis) -> Vec<&str> {
    analysis
        .parts
        .iter()
        .map(|part| part.text.as_str())
        .collect()
}

fn units(analysis: &envoi::sms::SmsAnalysis) -> Vec<u32> {
    analysis.parts.iter().map(|part| part.units).collect()
}

#[test]
fn empty_text_is_one_gsm7_part_of_zero_units() {
    let analysis = analyze("", &default()).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(analysis.part_count(), 1);
    assert_eq!(analysis.units_used, 0);
    assert_eq!(analysis.units_left, 160);
    assert_eq!(texts(&analysis), vec![""]);
}

#[test]
fn gsm7_single_and_multipart_boundaries() {
    let one = analyze(&"a".repeat(160), &default()).unwrap();
    assert_eq!(
        (one.part_count(), one.units_per_part, one.units_left),
        (1, 160, 0)
    );
    let two = analyze(&"a".repeat(161), &default()).unwrap();
    assert_eq!(two.units_per_part, 153);
    assert_eq!(units(&two), vec![153, 8]);
    assert_eq!(two.units_left, 145);
    let exact = analyze(&"a".repeat(306), &default()).unwrap();
    assert_eq!(units(&exact), vec![153, 153]);
    let three = analyze(&"a".repeat(307), &default()).unwrap();
    assert_eq!(units(&three), vec![153, 153, 1]);
}

#[test]
fn sixteen_bit_reference_leaves_152_septets_and_66_units() {
    let options = SmsOptions {
        reference: ConcatReference::SixteenBit(300),
        ..default()
    };
    let gsm = analyze(&"a".repeat(161), &options).unwrap();
    assert_eq!((gsm.units_per_part, units(&gsm)), (152, vec![152, 9]));
    let ucs2 = analyze(&"ж".repeat(71), &options).unwrap();
    assert_eq!((ucs2.units_per_part, units(&ucs2)), (66, vec![66, 5]));
    // A single part has no header, whatever the reference.
    assert_eq!(analyze(&"a".repeat(160), &options).unwrap().part_count(), 1);
}

#[test]
fn extension_characters_take_two_septets() {
    let analysis = analyze("^{}\\[~]|€\u{0C}", &default()).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(analysis.units_used, 20);
    // 80 euro signs = 160 septets: one part; 81 = 162: two.
    assert_eq!(
        analyze(&"€".repeat(80), &default()).unwrap().part_count(),
        1
    );
    assert_eq!(
        analyze(&"€".repeat(81), &default()).unwrap().part_count(),
        2
    );
}

#[test]
fn escape_pair_at_the_cut_moves_whole_to_the_next_part() {
    let text = format!("{}€{}", "a".repeat(152), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(units(&analysis), vec![152, 12]);
    assert_eq!(analysis.parts[0].text, "a".repeat(152));
    assert!(analysis.parts[1].text.starts_with('€'));
    // One septet earlier the pair fits exactly at positions 152-153.
    let text = format!("{}€{}", "a".repeat(151), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(units(&analysis), vec![153, 10]);
}

#[test]
fn ucs2_boundaries_and_surrogate_pairs() {
    let one = analyze(&"ж".repeat(70), &default()).unwrap();
    assert_eq!(
        (one.encoding, one.part_count(), one.units_left),
        (Encoding::Ucs2, 1, 0)
    );
    let two = analyze(&"ж".repeat(71), &default()).unwrap();
    assert_eq!((two.units_per_part, units(&two)), (67, vec![67, 4]));

    let single = analyze(&format!("{}👍", "a".repeat(66)), &default()).unwrap();
    assert_eq!((single.part_count(), single.units_used), (1, 68));
    // An emoji exactly at units 67-68 of a multipart message moves whole to the next part.
    let text = format!("{}👍{}", "a".repeat(66), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(units(&analysis), vec![66, 12]);
    assert_eq!(analysis.parts[1].text, format!("👍{}", "a".repeat(10)));
}

#[test]
fn flag_straddling_a_part_is_kept_whole() {
    // 🇧🇪 is two regional indicators (4 UTF-16 units), one grapheme cluster.
    let text = format!("{}🇧🇪{}", "a".repeat(65), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(analysis.parts[0].text, "a".repeat(65));
    assert_eq!(analysis.parts[1].text, format!("🇧🇪{}", "a".repeat(10)));
    assert_eq!(units(&analysis), vec![65, 14]);
}

#[test]
fn family_emoji_is_kept_whole_when_it_fits_and_cut_when_it_does_not() {
    let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"; // 11 UTF-16 units
    let text = format!("{}{}{}", "a".repeat(60), family, "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(analysis.parts[0].text, "a".repeat(60));
    assert!(analysis.parts[1].text.starts_with(family));

    // A cluster longer than a part (a base letter with 80 combining marks) is cut between code
    // points, filling each part.
    let long_cluster = format!("e{}", "\u{301}".repeat(80));
    let analysis = analyze(&long_cluster, &default()).unwrap();
    assert_eq!(units(&analysis), vec![67, 14]);
    assert_eq!(analysis.parts.concat_text(), long_cluster);
}

#[test]
fn cr_lf_may_be_split_across_parts() {
    let text = format!("{}\r\n{}", "a".repeat(152), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(units(&analysis), vec![153, 11]);
    assert!(analysis.parts[0].text.ends_with('\r'));
    assert!(analysis.parts[1].text.starts_with('\n'));
    // In UCS-2 too.
    let text = format!("ж{}\r\n{}", "a".repeat(65), "a".repeat(10));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(units(&analysis), vec![67, 11]);
}

#[test]
fn form_feed_is_an_extension_character() {
    let text = format!("{}\u{0C}", "a".repeat(159));
    let analysis = analyze(&text, &default()).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(analysis.units_used, 161);
    assert_eq!(units(&analysis), vec![153, 8]);
}

#[test]
fn non_gsm_characters_are_reported_with_positions() {
    let analysis = analyze("Café ✓ ok `x`", &default()).unwrap();
    assert_eq!(analysis.encoding, Encoding::Ucs2);
    let found: Vec<(usize, char)> = analysis
        .non_gsm
        .iter()
        .map(|c| (c.index, c.character))
        .collect();
    assert_eq!(found, vec![(5, '✓'), (10, '`'), (12, '`')]);
    assert!(analyze("plain", &default()).unwrap().non_gsm.is_empty());
}

#[test]
fn smart_encoding_replaces_look_alikes_and_reports_them() {
    let options = SmsOptions {
        smart_encoding: true,
        ..default()
    };
    let analysis = analyze("It’s “fine” — ok…", &options).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(analysis.text, "It's \"fine\" - ok...");
    let replaced: Vec<(usize, char, &str)> = analysis
        .replacements
        .iter()
        .map(|r| (r.index, r.original, r.replacement.as_str()))
        .collect();
    assert_eq!(
        replaced,
        vec![
            (2, '’', "'"),
            (5, '“', "\""),
            (10, '”', "\""),
            (12, '—', "-"),
            (16, '…', "...")
        ]
    );
}

#[test]
fn smart_encoding_does_nothing_when_the_text_stays_ucs2() {
    let options = SmsOptions {
        smart_encoding: true,
        ..default()
    };
    let analysis = analyze("“Hi” 😀", &options).unwrap();
    assert_eq!(analysis.encoding, Encoding::Ucs2);
    assert_eq!(analysis.text, "“Hi” 😀");
    assert!(analysis.replacements.is_empty());
    // Only the emoji is reported: the quotes have a look-alike.
    assert_eq!(analysis.non_gsm.len(), 1);
    assert_eq!(analysis.non_gsm[0].index, 5);
}

#[test]
fn max_parts_is_enforced_with_a_clear_error() {
    let options = SmsOptions {
        max_parts: 2,
        ..default()
    };
    let error = analyze(&"a".repeat(307), &options).unwrap_err();
    assert_eq!(
        error,
        SmsError::TooManyParts {
            parts: 3,
            max_parts: 2
        }
    );
    assert_eq!(error.code(), "sms.too_many_parts");
    assert!(
        error
            .to_string()
            .contains("needs 3 parts but max_parts is 2")
    );
    assert!(analyze(&"a".repeat(306), &options).is_ok());

    // Default 10 parts.
    assert!(analyze(&"a".repeat(1530), &default()).is_ok());
    assert_eq!(
        analyze(&"a".repeat(1531), &default()).unwrap_err().code(),
        "sms.too_many_parts"
    );
    // Hard limit 255.
    let options = SmsOptions {
        max_parts: 255,
        ..default()
    };
    assert_eq!(
        analyze(&"a".repeat(153 * 255), &options)
            .unwrap()
            .part_count(),
        255
    );
    for value in [0, 256] {
        let options = SmsOptions {
            max_parts: value,
            ..default()
        };
        let error = analyze("a", &options).unwrap_err();
        assert_eq!(error.code(), "sms.invalid_max_parts");
        assert!(error.to_string().contains(&value.to_string()));
    }
}

#[test]
fn user_data_of_a_single_gsm7_part() {
    let options = SmsOptions {
        user_data: true,
        ..default()
    };
    // The classic example of TS 23.038: "hellohello" packs to E8 32 9B FD 46 97 D9 EC 37.
    let analysis = analyze("hellohello", &options).unwrap();
    let user_data = analysis.parts[0].user_data.as_ref().unwrap();
    assert_eq!(
        user_data.octets,
        vec![0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37]
    );
    assert_eq!((user_data.length, user_data.header_length), (10, 0));
}

#[test]
fn user_data_of_a_concatenated_gsm7_message() {
    let options = SmsOptions {
        user_data: true,
        reference: ConcatReference::EightBit(0x42),
        ..default()
    };
    let text = format!("{}€", "a".repeat(160));
    let analysis = analyze(&text, &options).unwrap();
    assert_eq!(analysis.part_count(), 2);
    let first = analysis.parts[0].user_data.as_ref().unwrap();
    assert_eq!(&first.octets[..6], &[0x05, 0x00, 0x03, 0x42, 0x02, 0x01]);
    assert_eq!(first.header_length, 6);
    // 6 header octets = 48 bits, 1 fill bit, then 153 septets: 7 + 153 = 160 septets = 140 octets.
    assert_eq!(first.length, 160);
    assert_eq!(first.octets.len(), 140);
    // The first septet 'a' (0x61) starts at bit 49: octet 6 holds its low 7 bits shifted by 1.
    assert_eq!(first.octets[6], 0x61 << 1);
    let second = analysis.parts[1].user_data.as_ref().unwrap();
    assert_eq!(&second.octets[..6], &[0x05, 0x00, 0x03, 0x42, 0x02, 0x02]);
    // 7 'a' + ESC + 0x65 = 9 septets after the 7 header septets.
    assert_eq!(second.length, 16);
}

#[test]
fn user_data_of_ucs2_with_a_16_bit_reference() {
    let options = SmsOptions {
        user_data: true,
        reference: ConcatReference::SixteenBit(0x1234),
        ..default()
    };
    let text = "ж".repeat(71);
    let analysis = analyze(&text, &options).unwrap();
    assert_eq!(units(&analysis), vec![66, 5]);
    let second = analysis.parts[1].user_data.as_ref().unwrap();
    let mut expected = vec![0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x02];
    expected.extend([0x04, 0x36].repeat(5));
    assert_eq!(second.octets, expected);
    assert_eq!((second.length, second.header_length), (17, 7));
}

#[test]
fn reference_and_language_inputs_are_checked() {
    assert_eq!(
        ConcatReference::new(8, -1).unwrap_err().code(),
        "sms.invalid_reference"
    );
    assert_eq!(
        ConcatReference::new(16, 65_536).unwrap_err().code(),
        "sms.invalid_reference"
    );
    let error = "klingon".parse::<NationalLanguage>().unwrap_err();
    assert_eq!(error.code(), "sms.unknown_language");
    assert!(error.to_string().contains("\"klingon\""));
    assert_eq!(
        SmsOptions::max_parts_from(1 << 40).unwrap_err().code(),
        "sms.invalid_max_parts"
    );
}

trait ConcatText {
    fn concat_text(&self) -> String;
}

impl ConcatText for Vec<envoi::sms::SmsPart> {
    fn concat_text(&self) -> String {
        self.iter().map(|part| part.text.as_str()).collect()
    }
}

fn with_languages(languages: &[NationalLanguage]) -> SmsOptions {
    SmsOptions {
        languages: languages.to_vec(),
        max_parts: 255,
        ..default()
    }
}

#[test]
fn locking_table_wins_when_it_saves_a_part_even_for_pure_gsm_text() {
    // SPEC decision: 100 × "€" is 1 part with the Turkish locking table, 2 without.
    let euros = "€".repeat(100);
    let analysis = analyze(&euros, &with_languages(&[NationalLanguage::Turkish])).unwrap();
    assert_eq!(analysis.part_count(), 1);
    assert_eq!(analysis.locking_shift, Some(NationalLanguage::Turkish));
    assert_eq!(analysis.single_shift, None);
    // One locking shift element: UDHL + 3 octets = 4 octets, 5 septets less than 160.
    assert_eq!(analysis.units_per_part, 155);
    assert_eq!(analysis.units_used, 100);
}

#[test]
fn default_alphabet_is_preferred_on_a_tie() {
    let analysis = analyze(
        "Plain text {with} braces",
        &with_languages(&[NationalLanguage::Turkish, NationalLanguage::Portuguese]),
    )
    .unwrap();
    assert_eq!(
        (analysis.locking_shift, analysis.single_shift),
        (None, None)
    );
    assert_eq!(analysis.units_per_part, 160);
}

#[test]
fn single_shift_is_preferred_to_locking_shift_on_a_tie() {
    let analysis = analyze(
        "Günaydın Ayşe, yarın görüşürüz",
        &with_languages(&[NationalLanguage::Turkish]),
    )
    .unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(
        (analysis.locking_shift, analysis.single_shift),
        (None, Some(NationalLanguage::Turkish))
    );
    // Without the language the text is UCS-2.
    let plain = analyze("Günaydın Ayşe, yarın görüşürüz", &default()).unwrap();
    assert_eq!(plain.encoding, Encoding::Ucs2);
    let found: Vec<char> = plain.non_gsm.iter().map(|c| c.character).collect();
    assert_eq!(found, vec!['ı', 'ş', 'ı', 'ş']);
}

#[test]
fn the_order_of_languages_breaks_remaining_ties() {
    use NationalLanguage::{Portuguese, Turkish};
    let first = analyze("ç", &with_languages(&[Portuguese, Turkish])).unwrap();
    assert_eq!(first.single_shift, Some(Portuguese));
    let second = analyze("ç", &with_languages(&[Turkish, Portuguese])).unwrap();
    assert_eq!(second.single_shift, Some(Turkish));
}

#[test]
fn fewest_parts_wins_over_preference() {
    // Turkish-specific letters repeated: with only the single shift table each costs 2 septets;
    // the locking table writes them in one, which saves parts.
    let text = "ğış".repeat(60); // 180 characters
    let analysis = analyze(&text, &with_languages(&[NationalLanguage::Turkish])).unwrap();
    assert_eq!(analysis.locking_shift, Some(NationalLanguage::Turkish));
    assert_eq!(analysis.part_count(), 2);
    let single_only = 360_u32.div_ceil(149);
    assert!(analysis.part_count() < single_only as usize);
}

#[test]
fn spanish_has_no_locking_table() {
    let analysis = analyze(
        "¿Qué tal, Íñigo? á",
        &with_languages(&[NationalLanguage::Spanish]),
    )
    .unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(
        (analysis.locking_shift, analysis.single_shift),
        (None, Some(NationalLanguage::Spanish))
    );
}

#[test]
fn indic_clusters_are_not_split_in_gsm7() {
    let options = with_languages(&[NationalLanguage::Hindi]);
    let word = "नमस्ते "; // न म स ् त े and a space: clusters "न", "म", "स्ते", " "
    // Five digits first put the 149-septet cut inside "स्ते".
    let full = format!("12345{}", word.repeat(40));
    let analysis = analyze(&full, &options).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert_eq!(analysis.locking_shift, Some(NationalLanguage::Hindi));
    assert!(analysis.part_count() > 1);
    let mut cut = 0;
    for part in &analysis.parts[..analysis.part_count() - 1] {
        cut += part.text.len();
        // Every cut falls on a grapheme boundary of the whole text.
        let mut cursor = unicode_segmentation::GraphemeCursor::new(cut, full.len(), true);
        assert!(
            cursor.is_boundary(&full, 0).unwrap(),
            "cut inside a cluster at byte {cut}"
        );
    }
}

#[test]
fn national_user_data_headers_carry_the_language_identifiers() {
    let options = SmsOptions {
        user_data: true,
        ..with_languages(&[NationalLanguage::Turkish])
    };
    let analysis = analyze(&"€".repeat(100), &options).unwrap();
    let user_data = analysis.parts[0].user_data.as_ref().unwrap();
    // UDHL 3, then the locking shift element 0x25, length 1, Turkish = 1.
    assert_eq!(&user_data.octets[..4], &[0x03, 0x25, 0x01, 0x01]);
    assert_eq!(user_data.header_length, 4);
    // 4 octets = 32 bits → 5 septets, then 100 septets.
    assert_eq!(user_data.length, 105);
}
