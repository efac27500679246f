//! The destination country of a letter (SPEC section 9): the last address line, in capitals, in
//! French, Dutch, German or English; no country line is Belgium.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;

use envoi::ErrorCode;
use envoi::language::Language;
use envoi::post::{Country, CountryCandidate, CountryError, Destination, country, destination};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const TABLE: &str = include_str!("../src/post/countries/countries.tsv");

fn code(name: &str) -> Result<&'static str, CountryError> {
    country(name).map(|found| found.code())
}

fn at(code: &str) -> Country {
    Country::from_code(code).unwrap()
}

fn without_accents(text: &str) -> String {
    text.nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The rows of countries.tsv: code, language, source, name.
fn rows() -> Vec<[&'static str; 4]> {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1) // the column names
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            fields.try_into().unwrap()
        })
        .collect()
}

fn codes_of(candidates: &[CountryCandidate]) -> Vec<&'static str> {
    candidates.iter().map(|c| c.country.code()).collect()
}

// ---- The generated table ------------------------------------------------------------------------

#[test]
fn the_table_has_every_iso_country_and_says_where_it_comes_from() {
    assert_eq!(Country::all().count(), 250);
    assert!(
        TABLE.contains("CLDR 49"),
        "the header names the CLDR version"
    );
    assert!(TABLE.contains("babel 2.19.0"));
    assert!(TABLE.contains("Generated on 20"));
    for code in [
        "BE", "NL", "FR", "DE", "LU", "GB", "US", "CD", "CG", "AQ", "UM", "XK", "SX", "BQ",
    ] {
        assert_eq!(Country::from_code(code).map(|c| c.code()), Some(code));
    }
    // Regions CLDR names outside ISO 3166-1 are read as their country, not kept as codes.
    for code in ["AC", "TA", "CP", "CQ", "DG", "EA", "IC", "EU", "ZZ", "UN"] {
        assert_eq!(Country::from_code(code), None, "{code}");
    }
    let codes: Vec<Country> = Country::all().collect();
    assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "by code");
}

#[test]
fn every_country_name_in_all_four_languages_reads_back_as_its_code() {
    for found in Country::all() {
        for language in Language::ALL {
            let line = found.country_line(language);
            assert_eq!(country(&line), Ok(found), "{language} {line}");
            assert_eq!(
                country(&without_accents(&line)),
                Ok(found),
                "{language} {line}"
            );
            let spaced = line.replace(['-', '\u{2019}', '\''], " ");
            assert_eq!(country(&spaced), Ok(found), "{language} {spaced}");
            let name = found.name(language);
            if name.chars().any(char::is_lowercase) {
                assert_eq!(
                    country(name),
                    Err(CountryError::NotInCapitals {
                        line: None,
                        value: name.to_owned(),
                        proposed: line.clone(),
                    }),
                    "{language} {name}"
                );
            }
        }
    }
}

#[test]
fn every_name_of_the_table_reads_back_as_its_code_or_as_ambiguous() {
    let mut ambiguous = BTreeSet::new();
    for [code, language, source, name] in rows() {
        let line = name.to_uppercase();
        match country(&line) {
            Ok(found) => assert_eq!(found.code(), code, "{language} {source} {name}"),
            Err(CountryError::AmbiguousCountry { candidates, .. }) => {
                assert_ne!(
                    source, "cldr",
                    "CLDR's own name {name} ({code}) is ambiguous"
                );
                assert!(codes_of(&candidates).contains(&code), "{name}");
                ambiguous.insert(without_accents(&line));
            }
            Err(error) => panic!("{language} {source} {name} ({code}): {error}"),
        }
    }
    let expected: BTreeSet<String> = [
        "CONGO",
        "KONGO",
        "KOREA",
        "COREE",
        "VIRGIN ISLANDS",
        "ILES VIERGES",
        "MAAGDENEILANDEN",
        "JUNGFERNINSELN",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(ambiguous, expected);
}

// ---- Names and aliases --------------------------------------------------------------------------

#[test]
fn the_names_of_issue_8_and_common_aliases() {
    let cases = [
        (
            "NL",
            &[
                "PAYS-BAS",
                "NEDERLAND",
                "NIEDERLANDE",
                "NETHERLANDS",
                "HOLLANDE",
                "HOLLAND",
                "THE NETHERLANDS",
            ][..],
        ),
        (
            "GB",
            &[
                "UK",
                "U.K.",
                "GREAT BRITAIN",
                "ENGLAND",
                "ROYAUME-UNI",
                "VERENIGD KONINKRIJK",
                "VEREINIGTES KÖNIGREICH",
                "GROSSBRITANNIEN",
                "GROßBRITANNIEN",
                "GRANDE-BRETAGNE",
                "ANGLETERRE",
                "SCOTLAND",
                "WALES",
                "NORTHERN IRELAND",
            ],
        ),
        (
            "US",
            &[
                "USA",
                "U.S.A.",
                "US",
                "ETATS-UNIS",
                "ÉTATS-UNIS",
                "ETATS UNIS",
                "VERENIGDE STATEN",
                "VEREINIGTE STAATEN",
                "UNITED STATES",
                "UNITED STATES OF AMERICA",
                "ETATS-UNIS D'AMERIQUE",
            ],
        ),
        (
            "BE",
            &[
                "BELGIQUE",
                "BELGIË",
                "BELGIE",
                "BELGIEN",
                "BELGIUM",
                "ROYAUME DE BELGIQUE",
            ],
        ),
        (
            "DE",
            &[
                "ALLEMAGNE",
                "DUITSLAND",
                "DEUTSCHLAND",
                "GERMANY",
                "BUNDESREPUBLIK DEUTSCHLAND",
            ],
        ),
        ("FR", &["FRANCE", "FRANKRIJK", "FRANKREICH"]),
        (
            "LU",
            &["LUXEMBOURG", "LUXEMBURG", "GRAND-DUCHÉ DE LUXEMBOURG"],
        ),
        ("CH", &["SUISSE", "ZWITSERLAND", "SCHWEIZ", "SWITZERLAND"]),
        (
            "AT",
            &[
                "AUTRICHE",
                "OOSTENRIJK",
                "ÖSTERREICH",
                "OESTERREICH",
                "OSTERREICH",
                "AUSTRIA",
            ],
        ),
        (
            "TR",
            &[
                "TURQUIE", "TURKIJE", "TÜRKEI", "TUERKEI", "TÜRKIYE", "TURKIYE", "TURKEY",
            ],
        ),
        (
            "CD",
            &[
                "CONGO-KINSHASA",
                "CONGO - KINSHASA",
                "KONGO-KINSHASA",
                "RÉPUBLIQUE DÉMOCRATIQUE DU CONGO",
                "RDC",
                "RD CONGO",
                "DR CONGO",
                "DRC",
                "DEMOCRATIC REPUBLIC OF THE CONGO",
                "ZAÏRE",
            ],
        ),
        (
            "CG",
            &[
                "CONGO-BRAZZAVILLE",
                "RÉPUBLIQUE DU CONGO",
                "REPUBLIC OF THE CONGO",
            ],
        ),
        (
            "KR",
            &[
                "CORÉE DU SUD",
                "ZUID-KOREA",
                "SÜDKOREA",
                "SOUTH KOREA",
                "REPUBLIC OF KOREA",
            ],
        ),
        (
            "CI",
            &[
                "CÔTE D’IVOIRE",
                "CÔTE D'IVOIRE",
                "COTE D IVOIRE",
                "COTE-D'IVOIRE",
                "IVOORKUST",
                "IVORY COAST",
                "ELFENBEINKÜSTE",
            ],
        ),
        (
            "TT",
            &[
                "TRINIDAD & TOBAGO",
                "TRINIDAD AND TOBAGO",
                "TRINITÉ-ET-TOBAGO",
                "TRINIDAD EN TOBAGO",
                "TRINIDAD UND TOBAGO",
            ],
        ),
        (
            "LC",
            &[
                "ST. LUCIA",
                "ST LUCIA",
                "SAINT LUCIA",
                "SAINTE-LUCIE",
                "STE-LUCIE",
            ],
        ),
        (
            "MM",
            &["MYANMAR", "BURMA", "BIRMANIE", "MYANMAR (BIRMANIE)"],
        ),
        (
            "CZ",
            &[
                "TCHÉQUIE",
                "TSJECHIË",
                "TSCHECHIEN",
                "CZECHIA",
                "CZECH REPUBLIC",
                "RÉPUBLIQUE TCHÈQUE",
            ],
        ),
        (
            "ES",
            &[
                "ESPAGNE",
                "SPANJE",
                "SPANIEN",
                "SPAIN",
                "CANARY ISLANDS",
                "ÎLES CANARIES",
                "KANARISCHE INSELN",
                "CEUTA ET MELILLA",
            ],
        ),
        ("SH", &["ASCENSION", "TRISTAN DA CUNHA", "SAINTE-HÉLÈNE"]),
        ("XK", &["KOSOVO"]),
        ("AE", &["ÉMIRATS ARABES UNIS", "UAE", "EAU", "VAE"]),
        (
            "HK",
            &["HONG KONG", "HONGKONG", "R.A.S. CHINOISE DE HONG KONG"],
        ),
        (
            "VA",
            &[
                "VATICAN",
                "CITÉ DU VATICAN",
                "SAINT-SIÈGE",
                "HOLY SEE",
                "VATICAANSTAD",
            ],
        ),
        ("AX", &["ÅLAND", "ALAND", "ÎLES ÅLAND"]),
        ("GN", &["GUINÉE", "GUINEE", "GUINEA"]),
        ("GW", &["GUINÉE-BISSAU", "GUINEA-BISSAU"]),
    ];
    for (expected, names) in cases {
        for name in names {
            assert_eq!(code(name), Ok(expected), "{name}");
        }
    }
}

#[test]
fn spacing_punctuation_and_accents_do_not_matter() {
    for name in [
        "PAYS-BAS",
        "PAYS BAS",
        "PAYSBAS",
        " PAYS  -  BAS ",
        "PAYS.BAS",
        "PAYS_BAS",
    ] {
        assert_eq!(code(name), Ok("NL"), "{name:?}");
    }
    for name in [
        "ÉTATS-UNIS",
        "ETATS-UNIS",
        "E\u{301}TATS-UNIS",
        "ＥＴＡＴＳ－ＵＮＩＳ",
    ] {
        assert_eq!(code(name), Ok("US"), "{name:?}");
    }
    assert_eq!(code("DANEMARK"), Ok("DK"));
    assert_eq!(code("DÄNEMARK"), Ok("DK"));
    assert_eq!(code("DAENEMARK"), Ok("DK"));
    assert_eq!(code("NORVÈGE"), Ok("NO"));
    assert_eq!(code("NOORWEGEN"), Ok("NO"));
}

// ---- Capitals -----------------------------------------------------------------------------------

#[test]
fn a_country_name_in_mixed_case_proposes_its_capitals() {
    let error = country("Pays-Bas").unwrap_err();
    assert_eq!(error.code(), "post.country_not_in_capitals");
    assert_eq!(
        error,
        CountryError::NotInCapitals {
            line: None,
            value: "Pays-Bas".into(),
            proposed: "PAYS-BAS".into()
        }
    );
    let error = destination(&[
        "Jan Peeters",
        "Keizersgracht 1",
        "1015 CJ Amsterdam",
        "Nederland",
    ])
    .unwrap_err();
    assert_eq!(
        error,
        CountryError::NotInCapitals {
            line: Some(3),
            value: "Nederland".into(),
            proposed: "NEDERLAND".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "address[3]: \"Nederland\" is a country name, but a country line is written in capitals: \"NEDERLAND\""
    );
    // Accents stay in the proposal; ß becomes SS.
    assert!(
        matches!(country("États-Unis"), Err(CountryError::NotInCapitals { proposed, .. }) if proposed == "ÉTATS-UNIS")
    );
    assert!(
        matches!(country("Großbritannien"), Err(CountryError::NotInCapitals { proposed, .. }) if proposed == "GROSSBRITANNIEN")
    );
    assert!(matches!(
        country("pays-bas"),
        Err(CountryError::NotInCapitals { .. })
    ));
    assert!(matches!(
        country("PAYS-Bas"),
        Err(CountryError::NotInCapitals { .. })
    ));
    // ß alone does not make a line mixed case: it has no usual capital.
    assert_eq!(code("GROßBRITANNIEN"), Ok("GB"));
}

// ---- Digits, towns and the last line ----------------------------------------------------------

#[test]
fn a_line_with_digits_is_a_locality_and_the_letter_goes_to_belgium() {
    let belgium = Destination {
        country: Country::BELGIUM,
        country_line: None,
    };
    for last in [
        "1000 BRUXELLES",
        "1000 Bruxelles",
        "B-1000 BRUXELLES",
        "b-1000 Bruxelles",
        "BE-1000 BRUSSEL",
        "2000 ANTWERPEN 1",
        "75001 PARIS",
        "1000 PAYS-BAS",
    ] {
        assert_eq!(
            destination(&["Léa Dubois", "Rue Neuve 1", last]),
            Ok(belgium),
            "{last}"
        );
    }
    // A digit makes any line a non-country, even a country name with a number.
    assert!(
        matches!(country("PAYS-BAS 2"), Err(CountryError::UnknownCountry { suggestions, .. }) if suggestions.is_empty())
    );
    assert!(matches!(
        country("1000 BRUXELLES"),
        Err(CountryError::UnknownCountry { .. })
    ));
}

#[test]
fn a_locality_with_a_foreign_postcode_prefix_needs_its_country_line() {
    for (last, prefix) in [
        ("F-75001 PARIS", "F"),
        ("NL-1012 AB AMSTERDAM", "NL"),
        ("D-10115 Berlin", "D"),
        ("CH-1201 GENÈVE", "CH"),
    ] {
        let error = destination(&["Max Muster", "Rue 1", last]).unwrap_err();
        assert_eq!(error.code(), "post.country_line_missing", "{last}");
        assert_eq!(
            error,
            CountryError::CountryLineMissing {
                line: 2,
                value: last.into(),
                prefix: prefix.into()
            }
        );
    }
    // With its country line after it, the same locality is fine.
    let found = destination(&["Max Muster", "Rue 1", "F-75001 PARIS", "FRANCE"]).unwrap();
    assert_eq!(
        found,
        Destination {
            country: at("FR"),
            country_line: Some(3)
        }
    );
}

#[test]
fn a_capitalised_town_alone_is_not_read_as_belgium() {
    // A capitalised last line without digits has the form of a country line.
    let error = destination(&["Léa Dubois", "Rue Neuve 1", "BRUXELLES"]).unwrap_err();
    assert_eq!(error.code(), "post.unknown_country");
    assert_eq!(
        error.to_string(),
        "address[2]: \"BRUXELLES\" is not a country name in French, Dutch, German or English; a Belgian address ends with its postcode and locality (1000 BRUXELLES), an address abroad with its country in capitals"
    );
    // In mixed case it is an ordinary address line, unless it is one typo away from a country.
    assert_eq!(
        destination(&["Léa Dubois", "Rue Neuve 1", "Bruxelles"]),
        Ok(Destination {
            country: Country::BELGIUM,
            country_line: None
        })
    );
    assert_eq!(
        destination(&["Jan", "Kerkstraat 1", "Nederlnad"])
            .unwrap_err()
            .code(),
        "post.unknown_country"
    );
}

#[test]
fn no_country_line_is_belgium_and_blank_lines_at_the_end_are_ignored() {
    let belgium = Destination {
        country: Country::BELGIUM,
        country_line: None,
    };
    assert_eq!(destination::<&str>(&[]), Ok(belgium));
    assert_eq!(destination(&["", "  "]), Ok(belgium));
    assert_eq!(
        destination(&["Léa Dubois", "Rue Neuve 1", "---"]),
        Ok(belgium)
    );
    assert_eq!(
        destination(&[
            "Jan Peeters",
            "Keizersgracht 1",
            "1015 CJ AMSTERDAM",
            "  PAYS-BAS  ",
            "",
            "\t"
        ]),
        Ok(Destination {
            country: at("NL"),
            country_line: Some(3)
        })
    );
    assert_eq!(
        destination(&["Léa Dubois", "Rue Neuve 1", "1000 BRUXELLES", "BELGIQUE"]),
        Ok(Destination {
            country: Country::BELGIUM,
            country_line: Some(3)
        })
    );
    let owned: Vec<String> = vec![
        "A. Smith".into(),
        "LONDON SW1A 2AA".into(),
        "UNITED KINGDOM".into(),
    ];
    assert_eq!(destination(&owned).unwrap().country, at("GB"));
}

// ---- Ambiguity and suggestions ------------------------------------------------------------------

#[test]
fn an_ambiguous_name_lists_its_countries() {
    for (name, codes) in [
        ("CONGO", vec!["CD", "CG"]),
        ("KONGO", vec!["CD", "CG"]),
        ("KOREA", vec!["KP", "KR"]),
        ("CORÉE", vec!["KP", "KR"]),
        ("VIRGIN ISLANDS", vec!["VG", "VI"]),
        ("ÎLES VIERGES", vec!["VG", "VI"]),
    ] {
        let error = country(name).unwrap_err();
        assert_eq!(error.code(), "post.ambiguous_country", "{name}");
        let CountryError::AmbiguousCountry { candidates, .. } = &error else {
            panic!("{error:?}")
        };
        assert_eq!(codes_of(candidates), codes, "{name}");
    }
    let error = destination(&["Jean Mukendi", "Avenue 1", "KINSHASA", "CONGO"]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "address[3]: \"CONGO\" can mean CONGO - KINSHASA (CD) or CONGO - BRAZZAVILLE (CG); write the country's full name"
    );
    let CountryError::AmbiguousCountry { candidates, .. } = country("KONGO").unwrap_err() else {
        panic!()
    };
    assert_eq!(
        candidates[0],
        CountryCandidate {
            country: at("CD"),
            name: "KONGO-KINSHASA".into()
        }
    );
    // Mixed case does not hide the ambiguity.
    assert_eq!(
        country("Korea").unwrap_err().code(),
        "post.ambiguous_country"
    );
}

#[test]
fn an_unknown_name_suggests_the_closest_countries() {
    let suggested = |name: &str| match country(name) {
        Err(CountryError::UnknownCountry {
            suggestions,
            value,
            line,
        }) => {
            assert_eq!((value.as_str(), line), (name.trim(), None));
            suggestions
        }
        other => panic!("{name}: {other:?}"),
    };
    let first = |name: &str| {
        suggested(name)
            .first()
            .map(|s| (s.country.code(), s.name.clone()))
    };
    assert_eq!(first("PAYS-BA"), Some(("NL", "PAYS-BAS".into())));
    assert_eq!(first("NEDERLNAD"), Some(("NL", "NEDERLAND".into())));
    assert_eq!(first("NIEDERLANDEN"), Some(("NL", "NIEDERLANDE".into())));
    assert_eq!(first("ALLEMAGN"), Some(("DE", "ALLEMAGNE".into())));
    assert_eq!(first("DUITSLANT"), Some(("DE", "DUITSLAND".into())));
    assert_eq!(first("BELGIQEU"), Some(("BE", "BELGIQUE".into())));
    assert_eq!(first("ESPAÑA"), Some(("ES", "ESPAGNE".into())));
    assert_eq!(first("ITALIA"), Some(("IT", "ITALIE".into())));
    assert_eq!(first("SCHWITZ"), Some(("CH", "SCHWEIZ".into())));
    assert_eq!(first("LUXEMBOUG"), Some(("LU", "LUXEMBOURG".into())));
    assert_eq!(first("USAA"), Some(("US", "USA".into())));
    // At most three, each country once, closest first.
    let many = suggested("ALEMANIA");
    assert!(many.len() <= 3);
    let countries: BTreeSet<_> = many.iter().map(|s| s.country).collect();
    assert_eq!(countries.len(), many.len());
    // Nothing close: no suggestion, and the message says how a locality line is written.
    assert_eq!(suggested("BRUXELLES"), vec![]);
    assert_eq!(suggested("SVERIGE"), vec![]);
    assert_eq!(suggested("中国"), vec![]);
    assert_eq!(
        country("PAYS-BA").unwrap_err().to_string(),
        "country: \"PAYS-BA\" is not a country name in French, Dutch, German or English; did you mean PAYS-BAS (NL)?"
    );
    // A line with a typo in the address.
    let error = destination(&[
        "Jan Peeters",
        "Keizersgracht 1",
        "1015 CJ AMSTERDAM",
        "NEDERLNAD",
    ])
    .unwrap_err();
    let CountryError::UnknownCountry {
        line, suggestions, ..
    } = error
    else {
        panic!()
    };
    assert_eq!((line, codes_of(&suggestions)), (Some(3), vec!["NL"]));
}

#[test]
fn empty_and_letterless_names_are_unknown() {
    for name in ["", "   ", "---", "12", "THE", "&"] {
        assert_eq!(
            country(name).unwrap_err().code(),
            "post.unknown_country",
            "{name:?}"
        );
    }
}

// ---- Codes and serde ---------------------------------------------------------------------------

#[test]
fn error_codes_are_stable() {
    let candidate = CountryCandidate {
        country: at("NL"),
        name: "PAYS-BAS".into(),
    };
    let cases = [
        (
            CountryError::NotInCapitals {
                line: None,
                value: "x".into(),
                proposed: "X".into(),
            },
            "post.country_not_in_capitals",
        ),
        (
            CountryError::UnknownCountry {
                line: Some(1),
                value: "X".into(),
                suggestions: vec![candidate.clone()],
            },
            "post.unknown_country",
        ),
        (
            CountryError::AmbiguousCountry {
                line: None,
                value: "X".into(),
                candidates: vec![candidate],
            },
            "post.ambiguous_country",
        ),
        (
            CountryError::CountryLineMissing {
                line: 2,
                value: "F-1 X".into(),
                prefix: "F".into(),
            },
            "post.country_line_missing",
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(error.code(), expected);
        assert_eq!(error.family(), "post");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn countries_and_destinations_serialise_as_codes() {
    let found = Destination {
        country: at("NL"),
        country_line: Some(3),
    };
    let json = serde_json::to_string(&found).unwrap();
    assert_eq!(json, r#"{"country":"NL","country_line":3}"#);
    assert_eq!(serde_json::from_str::<Destination>(&json).unwrap(), found);
    assert_eq!(serde_json::to_string(&Country::BELGIUM).unwrap(), r#""BE""#);
    let error = serde_json::from_str::<Country>(r#""ZZ""#).unwrap_err();
    assert!(error.to_string().contains("\"ZZ\""), "{error}");
    assert!(serde_json::from_str::<Country>(r#""be""#).is_err());
    let candidate = CountryCandidate {
        country: at("CD"),
        name: "CONGO-KINSHASA".into(),
    };
    assert_eq!(
        serde_json::to_string(&candidate).unwrap(),
        r#"{"country":"CD","name":"CONGO-KINSHASA"}"#
    );
    assert_eq!(at("NL").to_string(), "NL");
    assert_eq!(format!("{:?}", at("NL")), "Country(NL)");
}

// ---- Properties ---------------------------------------------------------------------------------

fn any_country() -> impl Strategy<Value = Country> {
    let all: Vec<Country> = Country::all().collect();
    proptest::sample::select(all)
}

fn any_language() -> impl Strategy<Value = Language> {
    proptest::sample::select(Language::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever the address, reading it never panics, and what it accepts is consistent: a country
    /// line reads back alone as the same country, and no country line means Belgium.
    #[test]
    fn destination_is_consistent(lines in proptest::collection::vec("[A-Za-zÉÈËÄÖÜß' .&\\-0-9]{0,24}", 0..5)) {
        match destination(&lines) {
            Ok(Destination { country: found, country_line: Some(index) }) => {
                prop_assert_eq!(country(&lines[index]), Ok(found));
                prop_assert!(lines[index + 1..].iter().all(|line| line.trim().is_empty()));
            }
            Ok(Destination { country: found, country_line: None }) => prop_assert_eq!(found, Country::BELGIUM),
            Err(error) => prop_assert!(error.code().starts_with("post.")),
        }
    }

    /// A country's name as a last line, in any language, with or without accents, with hyphens or
    /// spaces, is that country's country line.
    #[test]
    fn a_country_line_is_found_at_the_end_of_any_address(
        found in any_country(),
        language in any_language(),
        strip in any::<bool>(),
        hyphens_as_spaces in any::<bool>(),
        street in "[A-Za-z ]{1,20} [0-9]{1,3}",
    ) {
        let mut line = found.country_line(language);
        if strip { line = without_accents(&line); }
        if hyphens_as_spaces { line = line.replace('-', " "); }
        let address = vec!["Someone".to_owned(), street, "9999 SOMEWHERE".to_owned(), line];
        prop_assert_eq!(destination(&address), Ok(Destination { country: found, country_line: Some(3) }));
    }
}
