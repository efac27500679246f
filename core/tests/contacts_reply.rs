//! Contacts: inbound SMS replies classified as opt-out or opt-in keywords (EN, FR, NL, DE), the
//! matching rule (whole message, case, accents, trailing punctuation) and its near misses.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::contacts::{
    Channel, ConsentSource, Contact, ReplyAction, classify_reply, reply_keywords,
};
use envoi::language::Language;
use envoi::time::Instant;
use proptest::prelude::*;

fn keyword(text: &str) -> Option<(&'static str, ReplyAction)> {
    classify_reply(text).map(|reply| (reply.keyword, reply.action))
}

#[test]
fn opt_out_keywords_in_four_languages() {
    use ReplyAction::OptOut;
    for (text, expected, language) in [
        ("STOP", "STOP", Language::En),
        ("unsubscribe", "UNSUBSCRIBE", Language::En),
        ("ARRET", "ARRET", Language::Fr),
        ("Arrêt", "ARRET", Language::Fr),
        ("ARRETER", "ARRETER", Language::Fr),
        ("Arrêter", "ARRETER", Language::Fr),
        ("arrêter !", "ARRETER", Language::Fr),
        ("arrêt", "ARRET", Language::Fr),
        ("DESINSCRIRE", "DESINSCRIRE", Language::Fr),
        ("désinscrire", "DESINSCRIRE", Language::Fr),
        ("Désabonner", "DESABONNER", Language::Fr),
        ("stop", "STOP", Language::Fr),
        ("Uitschrijven", "UITSCHRIJVEN", Language::Nl),
        ("AFMELDEN", "AFMELDEN", Language::Nl),
        ("Stop", "STOP", Language::Nl),
        ("STOPPEN", "STOPPEN", Language::Nl),
        ("Stoppen", "STOPPEN", Language::De),
        ("Abmelden", "ABMELDEN", Language::De),
        ("STOPP", "STOPP", Language::De),
        ("abbestellen", "ABBESTELLEN", Language::De),
    ] {
        let reply = classify_reply(text).unwrap_or_else(|| panic!("{text:?} not recognised"));
        assert_eq!(
            (reply.keyword, reply.action),
            (expected, OptOut),
            "{text:?}"
        );
        assert!(reply.languages.contains(&language), "{text:?}");
    }
    assert_eq!(
        classify_reply("STOP").unwrap().languages,
        [Language::En, Language::Fr, Language::Nl, Language::De]
    );
}

#[test]
fn opt_in_keywords_in_four_languages() {
    for (text, expected) in [
        ("START", "START"),
        ("Unstop", "UNSTOP"),
        ("subscribe", "SUBSCRIBE"),
        ("Inscrire", "INSCRIRE"),
        ("aanmelden", "AANMELDEN"),
        ("ANMELDEN", "ANMELDEN"),
    ] {
        assert_eq!(
            keyword(text),
            Some((expected, ReplyAction::OptIn)),
            "{text:?}"
        );
    }
}

#[test]
fn the_whole_trimmed_message_minus_trailing_punctuation() {
    for (text, expected) in [
        (" stop ", "STOP"),
        ("\tSTOP\n", "STOP"),
        ("Stop.", "STOP"),
        ("STOP!!", "STOP"),
        ("stop ?", "STOP"),
        ("STOP;", "STOP"),
        ("Arrêt…", "ARRET"),
        ("ＳＴＯＰ", "STOP"), // full-width letters
    ] {
        assert_eq!(
            keyword(text),
            Some((expected, ReplyAction::OptOut)),
            "{text:?}"
        );
    }
    // Decomposed accents (e + combining circumflex) read like composed ones.
    assert_eq!(
        keyword("arre\u{302}t"),
        Some(("ARRET", ReplyAction::OptOut))
    );
}

#[test]
fn near_misses_are_not_keywords() {
    for text in [
        "",
        "   ",
        "...",
        "STOPPING",
        "non stop",
        "stop please",
        "STOP STOP",
        "Stop, I'm driving",
        "S.T.O.P",
        "¿STOP",
        "\"STOP\"",
        "ST OP",
        "arrête",
        "cancel",
        "END",
        "quit",
        "Merci, à demain",
        "startup",
        "arrete r",
        "STOP\u{200b}STOP",
    ] {
        assert_eq!(keyword(text), None, "{text:?}");
    }
    let long = format!("STOP{}", " ".repeat(100));
    assert_eq!(
        keyword(&long),
        Some(("STOP", ReplyAction::OptOut)),
        "whitespace is trimmed first"
    );
    assert_eq!(keyword(&"STOP".repeat(20)), None);
}

#[test]
fn invisible_characters_are_ignored_anywhere() {
    for invisible in [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2060}', '\u{200E}',
    ] {
        for text in [
            format!("STOP{invisible}"),
            format!("{invisible}STOP"),
            format!("ST{invisible}OP"),
            format!("{invisible} Stop {invisible}!"),
            format!("Arr{invisible}ête{invisible}r."),
        ] {
            let found = keyword(&text).unwrap_or_else(|| panic!("{text:?} not recognised"));
            assert_eq!(found.1, ReplyAction::OptOut, "{text:?}");
        }
    }
    // Many of them between the letters still read as the keyword.
    let spread: String = "UITSCHRIJVEN"
        .chars()
        .flat_map(|letter| [letter, '\u{200B}', '\u{FEFF}'])
        .collect();
    assert_eq!(
        keyword(&spread),
        Some(("UITSCHRIJVEN", ReplyAction::OptOut))
    );
    // A huge reply is no keyword, whatever it folds to.
    assert_eq!(keyword(&format!("STOP{}", "\u{200B}".repeat(400))), None);
}

#[test]
fn replies_opt_the_contact_out_of_and_back_into_sms() {
    let at = |text: &str| text.parse::<Instant>().unwrap();
    let mut contact = Contact::new();
    let stop = classify_reply("Arrêt").unwrap();
    assert!(
        contact
            .apply_reply(&stop, at("2026-04-01T10:00:00Z"))
            .unwrap()
    );
    assert!(
        !contact
            .apply_reply(&stop, at("2026-04-01T10:05:00Z"))
            .unwrap(),
        "idempotent"
    );
    let opt_out = contact.active_opt_out(Channel::Sms).unwrap();
    assert_eq!(opt_out.at, at("2026-04-01T10:00:00Z"));
    assert_eq!(
        opt_out.source,
        ConsentSource::SmsReply {
            keyword: "ARRET".to_owned()
        }
    );
    assert!(contact.active_opt_out(Channel::Email).is_none(), "SMS only");

    let start = classify_reply("aanmelden").unwrap();
    assert!(
        contact
            .apply_reply(&start, at("2026-04-02T08:00:00Z"))
            .unwrap()
    );
    let lifted = contact.opt_outs[0].lifted.as_ref().unwrap();
    assert_eq!(
        lifted.source,
        ConsentSource::SmsReply {
            keyword: "AANMELDEN".to_owned()
        }
    );
    assert!(
        !contact.preferences.sms,
        "an opt-in keyword does not turn the preference on"
    );
    assert!(
        !contact
            .apply_reply(&start, at("2026-04-02T08:01:00Z"))
            .unwrap()
    );
}

fn random_case(text: &str, flips: &[bool]) -> String {
    text.chars()
        .zip(flips.iter().cycle())
        .map(|(character, &lower)| {
            if lower {
                character.to_ascii_lowercase()
            } else {
                character
            }
        })
        .collect()
}

proptest! {
    /// Every keyword, in any case, with surrounding whitespace and trailing punctuation, is itself.
    #[test]
    fn every_keyword_in_any_dress(
        index in 0..reply_keywords().len(),
        flips in proptest::collection::vec(any::<bool>(), 1..12),
        before in "[ \t\n]{0,3}",
        after in "[ .!?,;:]{0,4}",
    ) {
        let expected = reply_keywords()[index];
        let text = format!("{before}{}{after}", random_case(expected.keyword, &flips));
        prop_assert_eq!(classify_reply(&text), Some(expected));
    }

    /// A keyword with a letter or a word added is no keyword, or another keyword of the list
    /// (`STOP` + `P` is `STOPP`).
    #[test]
    fn a_keyword_with_more_is_no_other_keyword(
        index in 0..reply_keywords().len(),
        extra in "[A-Za-z]{1,3}| [a-z]{1,6}",
        front in any::<bool>(),
    ) {
        let keyword = reply_keywords()[index].keyword;
        let text = if front { format!("{extra}{keyword}") } else { format!("{keyword}{extra}") };
        if let Some(found) = classify_reply(&text) {
            prop_assert_ne!(found.keyword, keyword);
            // Only the added text can make another keyword: `A` + `ANMELDEN` is `AANMELDEN`
            // (surrounding whitespace is ignored, so ` a` + `ANMELDEN` is too).
            prop_assert_eq!(found.keyword, text.trim().to_uppercase());
        }
    }

    /// Any text: no panic, and a match is always a keyword of the list.
    #[test]
    fn any_text(text in "\\PC{0,40}") {
        if let Some(found) = classify_reply(&text) {
            prop_assert!(reply_keywords().contains(&found));
        }
    }
}
