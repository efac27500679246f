//! Contacts: phone numbers to E.164 with their kind, email addresses, the contact record and its
//! merge fields, serde round trips.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::contacts::{
    Contact, ContactError, EmailAddress, PhoneKind, PhoneNumber, PhoneProblem, Region,
    normalize_phone,
};

fn e164(text: &str, region: Region) -> String {
    normalize_phone(text, region).unwrap().e164().to_owned()
}

fn problem(text: &str, region: Region) -> PhoneProblem {
    match normalize_phone(text, region).unwrap_err() {
        ContactError::InvalidPhone { value, reason } => {
            assert!(
                text.starts_with(&value) && !value.is_empty() || text.is_empty(),
                "the error names the text as given"
            );
            reason
        }
        other => panic!("not an invalid phone: {other:?}"),
    }
}

#[test]
fn belgian_mobile_in_every_usual_form() {
    for text in [
        "0032475123456",
        "+32 475 12 34 56",
        "+32 (0)475 12.34.56",
        "0475 12 34 56",
        "0475/12.34.56",
        "0475-12-34-56",
        "  +32475123456\t",
        "+32 0475 12 34 56",
        "0032 (0) 475 123456",
        "+32\u{a0}475\u{a0}12\u{a0}34\u{a0}56",
    ] {
        assert_eq!(e164(text, Region::BE), "+32475123456", "{text:?}");
    }
    let number = normalize_phone("0475 12 34 56", Region::BE).unwrap();
    assert_eq!(number.kind(), PhoneKind::Mobile);
    assert!(number.is_mobile());
    assert_eq!(number.country_code(), 32);
}

#[test]
fn the_default_region_reads_national_forms_only() {
    assert_eq!(e164("06 12 34 56 78", Region::FR), "+33612345678");
    assert_eq!(e164("06 12345678", Region::NL), "+31612345678");
    assert_eq!(e164("01512 3456789", Region::DE), "+4915123456789");
    // An international form keeps its country whatever the default region.
    assert_eq!(e164("+33 6 12 34 56 78", Region::BE), "+33612345678");
    assert_eq!(e164("0033 6 12 34 56 78", Region::BE), "+33612345678");
    // A French mobile written nationally is not Belgian.
    assert!(matches!(
        problem("06 12 34 56 78", Region::BE),
        PhoneProblem::InvalidForRegion {
            region: Some(Region::BE),
            country_code: 32
        }
    ));
}

#[test]
fn international_forms_do_not_depend_on_the_default_region() {
    // Given a default region, the phonenumber crate strips that region's national prefix from the
    // number of another country: with region US (national prefix 1), +49 164… lost its 1.
    for region in [Region::BE, Region::US, Region::GB, Region::DE] {
        let pager = normalize_phone("+49 164 1234567", region).unwrap();
        assert_eq!(
            (pager.e164(), pager.kind()),
            ("+491641234567", PhoneKind::Pager),
            "{region}"
        );
        assert_eq!(
            e164("+44 150100(0)000", region),
            "+441501000000",
            "{region}"
        );
        assert_eq!(
            e164("+39 06 6982 1234", region),
            "+390669821234",
            "{region}"
        );
    }
    // A number whose E.164 form does not read back (Brazil's carrier prefixes, found by fuzzing) is
    // refused: a stored contact must read back.
    assert_eq!(
        problem("011 55 09 0 06(69839)", Region::US),
        PhoneProblem::NotReproducible {
            e164: "+55900669839".to_owned()
        }
    );
    // The international prefix of the default region: 00 in Belgium, 011 in the United States.
    assert_eq!(e164("0039 06 6982 1234", Region::BE), "+390669821234");
    assert_eq!(e164("011 39 06 6982 1234", Region::US), "+390669821234");
}

#[test]
fn kinds_of_line() {
    let kind = |text: &str| normalize_phone(text, Region::BE).unwrap().kind();
    assert_eq!(kind("02 555 12 34"), PhoneKind::FixedLine);
    assert_eq!(kind("0800 12 345"), PhoneKind::TollFree);
    assert_eq!(kind("+49 30 123456"), PhoneKind::FixedLine);
    // The plan cannot tell: the answer says so and is not "mobile".
    let american = normalize_phone("+1 201 555 0123", Region::BE).unwrap();
    assert_eq!(american.kind(), PhoneKind::FixedLineOrMobile);
    assert!(!american.is_mobile());
}

#[test]
fn one_rule_decides_which_numbers_accept_sms() {
    // Decision: a mobile, or a number whose plan cannot tell mobile from fixed.
    let accepting = [PhoneKind::Mobile, PhoneKind::FixedLineOrMobile];
    for kind in [
        PhoneKind::Mobile,
        PhoneKind::FixedLine,
        PhoneKind::FixedLineOrMobile,
        PhoneKind::TollFree,
        PhoneKind::PremiumRate,
        PhoneKind::SharedCost,
        PhoneKind::Voip,
        PhoneKind::PersonalNumber,
        PhoneKind::Pager,
        PhoneKind::Other,
    ] {
        assert_eq!(kind.accepts_sms(), accepting.contains(&kind), "{kind:?}");
    }
    for (text, accepts) in [
        ("0475 12 34 56", true),
        ("+1 201 555 0123", true),
        ("02 555 12 34", false),
        ("0800 12 345", false),
    ] {
        let number = normalize_phone(text, Region::BE).unwrap();
        assert_eq!(number.accepts_sms(), accepts, "{text}");
        assert_eq!(number.accepts_sms(), number.kind().accepts_sms());
    }
    // Contacts and senders follow it.
    let american = normalize_phone("+1 201 555 0123", Region::BE).unwrap();
    let sender = envoi::senders::SmsSenderNumber::parse("+1 201 555 0123").unwrap();
    assert_eq!(sender.phone_number(), &american);
}

#[test]
fn every_whitespace_reads_as_a_space() {
    for space in [
        "\t", "\n", "\r\n", "\u{a0}", "\u{202f}", "\u{2009}", "\u{2007}", "\u{3000}",
    ] {
        let belgian = format!("0475{space}12{space}34{space}56");
        assert_eq!(e164(&belgian, Region::BE), "+32475123456", "{belgian:?}");
        let french = format!("+33{space}6{space}12{space}34{space}56{space}78");
        assert_eq!(e164(&french, Region::BE), "+33612345678", "{french:?}");
        // Through the library too (a fixed line, and a form the fast path leaves to it).
        let fixed = format!("02{space}555{space}12{space}34");
        assert_eq!(e164(&fixed, Region::BE), "+3225551234", "{fixed:?}");
        let with_zero = format!("+32{space}(0)475{space}12{space}34{space}56");
        assert_eq!(
            e164(&with_zero, Region::BE),
            "+32475123456",
            "{with_zero:?}"
        );
        assert_eq!(
            normalize_phone(&belgian, Region::BE),
            envoi::contacts::normalize_phone_with_library(&belgian, Region::BE)
        );
    }
}

#[test]
fn text_without_a_digit_is_no_number() {
    for text in ["-", "( )", "+", " + ", "--//..", "\u{a0}-\u{a0}", "()"] {
        assert_eq!(problem(text, Region::BE), PhoneProblem::NoDigit, "{text:?}");
    }
    assert_eq!(
        normalize_phone("---", Region::BE).unwrap_err().to_string(),
        "phone number \"---\": it contains no digit"
    );
    // A single digit is a number too short, not no number.
    assert_eq!(problem("+3", Region::BE), PhoneProblem::TooShort);
}

#[test]
fn refusals_are_typed_and_name_the_text() {
    assert_eq!(problem("", Region::BE), PhoneProblem::Empty);
    assert_eq!(problem("   ", Region::BE), PhoneProblem::Empty);
    assert_eq!(
        problem("John Tel", Region::BE),
        PhoneProblem::UnexpectedCharacter {
            character: 'J',
            position: 1
        }
    );
    // Letters are refused, not read as a keypad (the library would make "a" a 2).
    assert_eq!(
        problem("+3247512345a", Region::BE),
        PhoneProblem::UnexpectedCharacter {
            character: 'a',
            position: 12
        }
    );
    assert_eq!(
        problem("+32475123456 ext. 12", Region::BE),
        PhoneProblem::UnexpectedCharacter {
            character: 'e',
            position: 14
        }
    );
    assert_eq!(
        problem("tel:+32475123456", Region::BE),
        PhoneProblem::UnexpectedCharacter {
            character: 't',
            position: 1
        }
    );
    assert_eq!(
        problem("32+475123456", Region::BE),
        PhoneProblem::UnexpectedCharacter {
            character: '+',
            position: 3
        }
    );
    assert_eq!(problem("04", Region::BE), PhoneProblem::TooShort);
    assert_eq!(
        problem("+999 475 12 34 56", Region::BE),
        PhoneProblem::InvalidCountryCode
    );
    assert_eq!(
        problem("+32 475 12 34 56 78 90 12 34 56 78", Region::BE),
        PhoneProblem::TooLong
    );
    assert!(matches!(
        problem("0475 12 34 5", Region::BE),
        PhoneProblem::InvalidForRegion {
            region: Some(Region::BE),
            country_code: 32
        }
    ));
    assert!(matches!(
        problem("+32 475 12 34 56 7", Region::BE),
        PhoneProblem::InvalidForRegion { .. }
    ));
    let long = "1".repeat(65);
    assert_eq!(
        problem(&long, Region::BE),
        PhoneProblem::TextTooLong { len: 65, max: 64 }
    );
    let error = normalize_phone("0475 12 34 5", Region::BE).unwrap_err();
    assert_eq!(error.code(), "contacts.invalid_phone");
    assert_eq!(envoi::Error::from(error).code(), "contacts.invalid_phone");
}

#[test]
fn regions() {
    assert_eq!(Region::parse("BE").unwrap(), Region::BE);
    assert_eq!(Region::parse("fr").unwrap(), Region::FR);
    assert_eq!(Region::default(), Region::BE);
    for bad in ["", "B", "BEL", "XX", "UK", "1E", "É"] {
        let error = Region::parse(bad).unwrap_err();
        assert_eq!(error.code(), "contacts.unknown_region", "{bad:?}");
        assert!(error.to_string().contains(&format!("{bad:?}")));
    }
    assert_eq!(serde_json::to_string(&Region::NL).unwrap(), "\"NL\"");
    assert_eq!(
        serde_json::from_str::<Region>("\"de\"").unwrap(),
        Region::DE
    );
    assert!(serde_json::from_str::<Region>("\"ZZ\"").is_err());
}

#[test]
fn e164_text_and_serde() {
    let number = PhoneNumber::parse_e164("+32475123456").unwrap();
    assert_eq!(
        number,
        normalize_phone("0475 12 34 56", Region::BE).unwrap()
    );
    assert_eq!(number.to_string(), "+32475123456");
    for bad in [
        "32475123456",
        "+32 475 12 34 56",
        "+320475123456",
        "0475123456",
        "+",
        "",
    ] {
        assert!(PhoneNumber::parse_e164(bad).is_err(), "{bad:?}");
        assert!(
            serde_json::from_str::<PhoneNumber>(&format!("{bad:?}")).is_err(),
            "{bad:?}"
        );
    }
    assert_eq!(
        PhoneNumber::parse_e164("+32 475").unwrap_err(),
        ContactError::InvalidPhone {
            value: "+32 475".to_owned(),
            reason: PhoneProblem::NotE164
        }
    );
    let json = serde_json::to_string(&number).unwrap();
    assert_eq!(json, "\"+32475123456\"");
    assert_eq!(serde_json::from_str::<PhoneNumber>(&json).unwrap(), number);
}

#[test]
fn a_stored_number_is_checked_again_and_kept_when_only_the_metadata_refuses_it() {
    // Malformed E.164 text: a serde error naming the value.
    for bad in [
        "+32 475 12 34 56",
        "0475123456",
        "+",
        "+0475123456",
        "+32abc",
        "+999475123456",
    ] {
        let error = serde_json::from_str::<PhoneNumber>(&format!("{bad:?}")).unwrap_err();
        assert!(
            error.to_string().contains(&format!("{bad:?}")),
            "{bad:?}: {error}"
        );
    }
    let error = serde_json::from_str::<PhoneNumber>("\"+999475123456\"").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no country has this calling code"),
        "{error}"
    );
    // Well-formed E.164 that the numbering plan finds invalid (a Belgian number one digit too
    // long, as a range re-lengthened by a metadata update would be): kept as stored.
    let stale = "+324751234567";
    assert!(PhoneNumber::parse_e164(stale).is_err());
    let kept: PhoneNumber = serde_json::from_str(&format!("{stale:?}")).unwrap();
    assert_eq!(kept.e164(), stale);
    assert_eq!(kept.country_code(), 32);
    assert_eq!(kept.kind(), PhoneKind::Other);
    assert!(!kept.accepts_sms(), "no SMS until it is entered again");
    assert_eq!(serde_json::to_string(&kept).unwrap(), format!("{stale:?}"));
    // Inside a stored contact, the same: the contact is read back, nothing is lost.
    let contact: Contact =
        serde_json::from_str(&format!(r#"{{"first_name":"Tom","mobile":{stale:?}}}"#)).unwrap();
    assert_eq!(contact.mobile.as_ref().map(PhoneNumber::e164), Some(stale));
    assert!(serde_json::from_str::<Contact>(r#"{"mobile":"+32 475"}"#).is_err());
}

#[test]
fn email_addresses() {
    let email = EmailAddress::parse(" Jan.Janssens@Voorbeeld.BE\n").unwrap();
    assert_eq!(email.as_str(), "Jan.Janssens@voorbeeld.be");
    assert_eq!(
        email,
        EmailAddress::parse("Jan.Janssens@voorbeeld.be").unwrap()
    );
    assert_ne!(
        email,
        EmailAddress::parse("jan.janssens@voorbeeld.be").unwrap()
    );
    assert_eq!(
        EmailAddress::parse("élodie@exemple.be")
            .unwrap()
            .local_part(),
        "élodie"
    );
    for (bad, reason) in [
        ("", "empty"),
        ("jan", "no @"),
        ("@voorbeeld.be", "nothing before the @"),
        ("jan@", "nothing after the @"),
        ("jan..j@voorbeeld.be", "not allowed"),
        ("jan j@voorbeeld.be", "not allowed"),
        ("jan@localhost", "no dot"),
        ("jan@[192.0.2.1]", "IP address"),
        ("Jan <jan@voorbeeld.be>", "a name with the address"),
    ] {
        let error = EmailAddress::parse(bad).unwrap_err();
        assert_eq!(error.code(), "contacts.invalid_email");
        let message = error.to_string();
        assert!(message.contains(&format!("{bad:?}")), "{message}");
        assert!(message.contains(reason), "{bad:?}: {message}");
    }
    let long = format!("{}@voorbeeld.be", "a".repeat(65));
    assert!(
        EmailAddress::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("64 bytes")
    );
    assert!(serde_json::from_str::<EmailAddress>("\"jan@voorbeeld\"").is_err());
}

#[test]
fn the_email_duplicate_key_ignores_the_domain_case_only() {
    let key = |text: &str| EmailAddress::parse(text).unwrap().dedup_key().to_owned();
    assert_eq!(key("Jan@Voorbeeld.BE"), "Jan@voorbeeld.be");
    assert_eq!(key(" Jan@VOORBEELD.be "), key("Jan@voorbeeld.be"));
    assert_ne!(key("Jan@voorbeeld.be"), key("jan@voorbeeld.be"));
    // The key agrees with equality.
    for (a, b) in [
        ("Jan@Voorbeeld.BE", "Jan@voorbeeld.be"),
        ("Jan@voorbeeld.be", "jan@voorbeeld.be"),
        ("élodie@Exemple.BE", "élodie@exemple.be"),
    ] {
        let (a, b) = (
            EmailAddress::parse(a).unwrap(),
            EmailAddress::parse(b).unwrap(),
        );
        assert_eq!(a.dedup_key() == b.dedup_key(), a == b, "{a} {b}");
    }
}

#[test]
fn a_language_with_a_region_reads_as_the_language() {
    use envoi::language::Language;
    for (text, language) in [
        ("fr-BE", Language::Fr),
        ("nl_BE", Language::Nl),
        ("de-CH", Language::De),
        ("EN", Language::En),
        ("en-gb", Language::En),
        ("NL-be", Language::Nl),
    ] {
        assert_eq!(text.parse::<Language>(), Ok(language), "{text}");
        let json = serde_json::to_string(text).unwrap();
        assert_eq!(serde_json::from_str::<Language>(&json).unwrap(), language);
    }
    for bad in [
        "es",
        "es-BE",
        "fr-",
        "-BE",
        "fr BE",
        "fr-BE-",
        "français",
        "",
    ] {
        let error = bad.parse::<Language>().unwrap_err();
        assert_eq!(envoi::ErrorCode::code(&error), "language.unsupported");
        assert_eq!(
            error.to_string(),
            format!("language: {bad:?} is not one of fr, nl, de, en")
        );
    }
    // A stored contact's language reads the same way.
    let contact: Contact = serde_json::from_str(r#"{"language":"fr-BE"}"#).unwrap();
    assert_eq!(contact.language, Some(Language::Fr));
    let error = serde_json::from_str::<Contact>(r#"{"language":"es"}"#).unwrap_err();
    assert!(
        error.to_string().contains("not one of fr, nl, de, en"),
        "{error}"
    );
}

#[test]
fn contact_fields_and_serde() {
    let mut contact = Contact::new();
    assert!(contact.preferences.email && !contact.preferences.sms);
    assert!(contact.notifications.reminders);
    contact.first_name = "Élise".to_owned();
    contact.last_name = "Dubois".to_owned();
    contact.email = Some(EmailAddress::parse("elise@exemple.be").unwrap());
    contact.mobile = Some(normalize_phone("0475 12 34 56", Region::BE).unwrap());
    contact.language = Some(envoi::language::Language::Fr);
    contact.time_zone = Some("Europe/Paris".parse().unwrap());
    contact
        .custom_fields
        .insert("ville".to_owned(), "Namur".to_owned());
    contact
        .custom_fields
        .insert("first_name".to_owned(), "shadowed".to_owned());
    let expected = [
        ("first_name", Some("Élise")),
        ("last_name", Some("Dubois")),
        ("email", Some("elise@exemple.be")),
        ("mobile", Some("+32475123456")),
        ("language", Some("fr")),
        ("ville", Some("Namur")),
        ("unknown", None),
    ];
    for (name, value) in expected {
        assert_eq!(contact.field(name).as_deref(), value, "{name}");
    }
    assert_eq!(Contact::STANDARD_FIELDS.len(), 5);
    let json = serde_json::to_value(&contact).unwrap();
    assert_eq!(json["mobile"], "+32475123456");
    assert_eq!(json["time_zone"], "Europe/Paris");
    assert_eq!(serde_json::from_value::<Contact>(json).unwrap(), contact);
    // Missing fields take their defaults; a bad phone is refused on the way in.
    let minimal: Contact = serde_json::from_str(r#"{"first_name":"Tom"}"#).unwrap();
    assert_eq!(minimal.first_name, "Tom");
    assert!(serde_json::from_str::<Contact>(r#"{"mobile":"0475123456"}"#).is_err());
}
