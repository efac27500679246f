//! VAT numbers (SPEC section 7): envoi agrees with python-stdnum, and every error says which part is
//! wrong.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::sync::LazyLock;

use envoi::ErrorCode;
use envoi::vat::{VAT_COUNTRIES, VatError, VatNumber, VatNumberKind, is_eu_member_state};
use proptest::prelude::*;

fn parse(input: &str, country: Option<&str>) -> Result<VatNumber, VatError> {
    VatNumber::parse(input, country)
}

// ---- Agreement with python-stdnum -------------------------------------------------------------

/// The rows of `data/vat_stdnum.tsv`, written by `data/vat_stdnum.py` (python-stdnum's verdicts).
struct Row {
    line: usize,
    input: String,
    country: String,
    stdnum: String,
    stdnum_compact: String,
    spec: String,
    spec_compact: String,
    difference: String,
    case: String,
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            other => panic!("bad escape \\{other:?} in {text:?}"),
        }
    }
    out
}

fn stdnum_rows() -> Vec<Row> {
    let data = include_str!("data/vat_stdnum.tsv");
    let mut lines = data
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#'));
    let (_, header) = lines.next().unwrap();
    assert_eq!(
        header,
        "input\tcountry\tstdnum\tstdnum_compact\tspec\tspec_compact\tdifference\tcase"
    );
    lines
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 8, "line {}: {line:?}", index + 1);
            Row {
                line: index + 1,
                input: unescape(fields[0]),
                country: fields[1].to_owned(),
                stdnum: fields[2].to_owned(),
                stdnum_compact: fields[3].to_owned(),
                spec: fields[4].to_owned(),
                spec_compact: fields[5].to_owned(),
                difference: fields[6].to_owned(),
                case: fields[7].to_owned(),
            }
        })
        .collect()
}

/// Where envoi deliberately answers otherwise than python-stdnum, and why (SPEC section 7 Decisions).
/// On these rows envoi must give stdnum's answer for the input normalised as the SPEC says (the `spec`
/// columns, also computed by stdnum); on every other row, stdnum's own answer.
///
/// Cases the SPEC names that need no entry, because envoi and stdnum give the same verdict and compact
/// form: `GB…` without the country XI (both refuse: GB is not a VAT country; envoi adds a hint), GB
/// with the country XI (stdnum's gb.vat accepts the GB prefix too), the Belgian "(0)" and 9-digit
/// numbers (stdnum reads both the same way), full-width digits (stdnum maps them too), and `EU…`/`IM…`
/// OSS ids with their prefix (both accept them; envoi marks them kind `oss`).
const DELIBERATE_DIFFERENCES: [(&str, &str); 5] = [
    (
        "separators",
        "white space, dots, commas, colons, dashes and slashes are accepted anywhere, for every country \
         (SPEC: accepted uniformly); each stdnum module strips its own subset (EE only spaces, ES and IE \
         no dots, most no slashes) and none inside the prefix",
    ),
    (
        "nfkc",
        "input is NFKC-normalised first (full-width letters and other compatibility forms); stdnum maps \
         only some digits and punctuation",
    ),
    (
        "other_characters",
        "after NFKC only ASCII letters and digits are read (and the Belgian \"(0)\", the + and * of old \
         Irish numbers); stdnum upper-cases any letter, so a Turkish dotless i passes as I",
    ),
    (
        "oss_without_prefix",
        "with the country EU or IM given, an OSS id is accepted without its prefix, as every number is \
         when its country is given; stdnum.eu.oss requires the prefix",
    ),
    (
        "gr_alias",
        "GR is read as Greece's VAT prefix EL (compact EL…); stdnum's compact keeps GR",
    ),
];

#[test]
fn agrees_with_python_stdnum() {
    let rows = stdnum_rows();
    let known: BTreeMap<&str, &str> = DELIBERATE_DIFFERENCES.into_iter().collect();
    let mut differences: BTreeMap<String, usize> = BTreeMap::new();
    let mut valid_per_country: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for row in &rows {
        let country = (!row.country.is_empty()).then_some(row.country.as_str());
        let result = parse(&row.input, country);
        if row.difference.is_empty() {
            assert_eq!(
                (&row.spec, &row.spec_compact),
                (&row.stdnum, &row.stdnum_compact),
                "line {}: the data file says stdnum and the SPEC agree",
                row.line
            );
        } else {
            assert!(
                known.contains_key(row.difference.as_str()),
                "line {}: {:?} is not a deliberate difference",
                row.line,
                row.difference
            );
            *differences.entry(row.difference.clone()).or_default() += 1;
        }
        let agrees = match (&result, row.spec.as_str()) {
            (Ok(number), "valid") => {
                *valid_per_country
                    .entry(number.country().to_owned())
                    .or_default() += 1;
                number.compact() == row.spec_compact
                    && (number.kind() == VatNumberKind::Oss)
                        == matches!(number.country(), "EU" | "IM")
            }
            (Err(_), "invalid") => true,
            _ => false,
        };
        if !agrees {
            failures.push(format!(
                "line {} ({}): {:?} country {:?}: envoi {:?}, stdnum {} {}, spec {} {}",
                row.line,
                row.case,
                row.input,
                row.country,
                result
                    .map(|n| n.compact().to_owned())
                    .map_err(|e| e.to_string()),
                row.stdnum,
                row.stdnum_compact,
                row.spec,
                row.spec_compact,
            ));
        }
    }
    let deliberate: usize = differences.values().sum();
    println!(
        "{} rows: {} agree with stdnum, {} deliberate differences {:?}, {} disagreements",
        rows.len(),
        rows.len() - deliberate - failures.len(),
        deliberate,
        differences,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(rows.len() > 5000, "{} rows", rows.len());
    // Every country has many valid numbers in the data, and the differences stay the exception.
    for country in VAT_COUNTRIES.iter().chain(&["EU", "IM"]) {
        let valid = valid_per_country.get(*country).copied().unwrap_or(0);
        assert!(valid >= 30, "{country}: {valid} valid rows");
    }
    assert!(
        deliberate * 8 < rows.len(),
        "{deliberate} deliberate differences"
    );
}

// ---- Errors, country by country --------------------------------------------------------------

/// A valid number per country, the same number with a wrong check digit (stdnum: InvalidChecksum), and
/// the lengths the error names.
const EXAMPLES: [(&str, &str, &str, &str); 30] = [
    (
        "AT",
        "ATU14243102",
        "ATU14243100",
        "9 characters (U and 8 digits)",
    ),
    (
        "BE",
        "BE0468561072",
        "BE0468561070",
        "10 digits (9 for an old number)",
    ),
    (
        "BG",
        "BG103873594",
        "BG103873590",
        "9 digits (legal entities) or 10 (persons and others)",
    ),
    (
        "CY",
        "CY10246672X",
        "CY10246672A",
        "9 characters (8 digits and a letter)",
    ),
    ("CZ", "CZ25123891", "CZ25123890", "8, 9 or 10 digits"),
    ("DE", "DE113866163", "DE113866160", "9 digits"),
    ("DK", "DK10503280", "DK10503281", "8 digits"),
    ("EE", "EE100931558", "EE100931550", "9 digits"),
    (
        "EL",
        "EL039868210",
        "EL039868211",
        "9 digits (8 for an old number)",
    ),
    ("ES", "ESQ0818001J", "ESQ08180011", "9 characters"),
    ("FI", "FI02459042", "FI02459040", "8 digits"),
    (
        "FR",
        "FR04409414364",
        "FR04409414360",
        "11 characters (a 2-character key and 9 digits)",
    ),
    ("HR", "HR94261054587", "HR94261054580", "11 digits"),
    ("HU", "HU12509403", "HU12509400", "8 digits"),
    (
        "IE",
        "IE0005306C",
        "IE0005306A",
        "8 or 9 characters (7 digits and 1 or 2 letters)",
    ),
    ("IT", "IT01404480202", "IT01404480200", "11 digits"),
    ("LT", "LT100001354118", "LT100001354110", "9 or 12 digits"),
    ("LU", "LU10059929", "LU10059920", "8 digits"),
    ("LV", "LV40003521600", "LV40003521601", "11 digits"),
    ("MT", "MT10396417", "MT10396410", "8 digits"),
    (
        "NL",
        "NL001241643B01",
        "NL001241640B01",
        "12 characters (9 digits, B and 2 digits)",
    ),
    ("PL", "PL5211355116", "PL5211355110", "10 digits"),
    ("PT", "PT500019720", "PT500019721", "9 digits"),
    (
        "RO",
        "RO11358544",
        "RO11358540",
        "2 to 10 digits, or 13 for a person (CNP)",
    ),
    (
        "SE",
        "SE202100500001",
        "SE202100500101",
        "12 digits (10 and 01)",
    ),
    ("SI", "SI26808498", "SI26808490", "8 digits"),
    ("SK", "SK1078449064", "SK1078449060", "10 digits"),
    (
        "XI",
        "XI432525179",
        "XI432525170",
        "9 or 12 digits (5 or 11 characters for GD and HA numbers)",
    ),
    ("EU", "EU372022452", "", "9 digits"),
    ("IM", "IM3720000224", "", "10 digits"),
];

#[test]
fn every_country_parses_its_example_with_and_without_prefix() {
    for (country, valid, _, _) in EXAMPLES {
        let number = parse(valid, None).unwrap();
        assert_eq!(number.country(), country);
        assert_eq!(number.compact(), valid);
        assert_eq!(parse(number.national(), Some(country)).unwrap(), number);
        assert_eq!(
            parse(&valid.to_lowercase(), Some(&country.to_lowercase())).unwrap(),
            number
        );
        let kind = if matches!(country, "EU" | "IM") {
            VatNumberKind::Oss
        } else {
            VatNumberKind::Customer
        };
        assert_eq!(number.kind(), kind);
    }
}

#[test]
fn bad_length_names_the_lengths_of_every_country() {
    for (country, valid, _, expected) in EXAMPLES {
        // One character after the prefix, and seven more digits: no country uses these lengths (one
        // character less or more can be another valid length: BE and EL old numbers, BG, CZ, IE, RO…).
        for input in [&valid[..3], &format!("{valid}1234567")] {
            let error = parse(input, None).unwrap_err();
            assert_eq!(error.code(), "vat.bad_length", "{input}");
            let VatError::BadLength {
                country: named,
                compact,
                length,
                expected: lengths,
            } = &error
            else {
                panic!("{input}: {error:?}");
            };
            assert_eq!(
                (named.as_str(), compact.as_str(), *length),
                (country, input, input.len() - 2)
            );
            assert_eq!(*lengths, expected, "{input}");
            assert!(error.to_string().contains(expected), "{error}");
        }
    }
    // The country's lengths are named without the prefix too.
    let error = parse("12345", Some("DE")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "vat_number: DE12345 has 5 characters after DE; DE numbers have 9 digits"
    );
}

#[test]
fn bad_check_digit_for_every_country() {
    for (country, _, wrong, _) in EXAMPLES.iter().filter(|example| !example.2.is_empty()) {
        let error = parse(wrong, None).unwrap_err();
        assert_eq!(
            error,
            VatError::BadCheckDigit {
                country: (*country).to_owned(),
                compact: (*wrong).to_owned()
            },
            "{wrong}"
        );
        assert_eq!(error.code(), "vat.bad_check_digit");
        assert_eq!(
            error.to_string(),
            format!("vat_number: {wrong} fails the {country} check-digit test")
        );
    }
}

#[test]
fn invalid_character_names_the_character() {
    for (country, valid, _, _) in EXAMPLES {
        let input = format!("{}#{}", &valid[..4], &valid[4..]);
        let error = parse(&input, None).unwrap_err();
        assert_eq!(
            error,
            VatError::InvalidCharacter {
                country: country.to_owned(),
                value: input.clone(),
                character: '#'
            }
        );
        assert_eq!(error.code(), "vat.invalid_character");
    }
    // A letter where the country has only digits; a non-ASCII letter that NFKC keeps.
    let error = parse("DE11386616X", None).unwrap_err();
    assert!(
        matches!(error, VatError::InvalidCharacter { character: 'X', .. }),
        "{error:?}"
    );
    let error = parse("BE04031707é1", None).unwrap_err();
    assert!(
        matches!(
            error,
            VatError::InvalidCharacter {
                character: 'é', ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("no BE VAT number contains"),
        "{error}"
    );
    // Underscores are not separators.
    assert_eq!(
        parse("BE_0403170701", None).unwrap_err().code(),
        "vat.invalid_character"
    );
}

#[test]
fn bad_format_names_the_rule() {
    for (input, rule) in [
        ("DE013866163", "does not start with 0"),
        ("BE2403170701", "starts with 0 or 1"),
        ("BE0000000000", "is not all zeros"),
        ("AT114243102", "starts with U"),
        (
            "IT01404482002",
            "digits 8 to 10 are an office code (001-100, 120, 121, 888 or 999)",
        ),
        ("LT100001354128", "the 11th digit of a 12-digit number is 1"),
        ("CY12000001A", "does not start with 12"),
        ("CZ95123891", "an 8-digit number does not start with 9"),
        ("SE202100500002", "ends with 01"),
        (
            "NL001241643B00",
            "9 digits, B and 2 digits, neither part all zeros",
        ),
        (
            "ESI0818001J",
            "starts with a digit, X, Y, Z, K, L, M or a company letter (A-H, J, N, P-S, U-W)",
        ),
        (
            "EU999022452",
            "starts with the ISO 3166-1 numeric code of a member state (or 900)",
        ),
        (
            "XIGD600",
            "a government department is GD000-GD499, a health authority HA500-HA999",
        ),
        ("RO0000000000011", "a CNP starts with 1 to 9"),
    ] {
        let error = parse(input, None).unwrap_err();
        let VatError::BadFormat { rule: named, .. } = &error else {
            panic!("{input}: {error:?}");
        };
        assert_eq!(*named, rule, "{input}");
        assert_eq!(error.code(), "vat.bad_format");
    }
}

#[test]
fn unknown_country_says_whether_prefix_or_argument() {
    let error = parse("QQ124567", None).unwrap_err();
    assert_eq!(
        error,
        VatError::UnknownCountry {
            field: "vat_number",
            value: "QQ".into(),
            hint: ""
        }
    );
    assert_eq!(error.code(), "vat.unknown_country");
    let error = parse("0403170701", Some("ZZ")).unwrap_err();
    assert_eq!(
        error,
        VatError::UnknownCountry {
            field: "country",
            value: "ZZ".into(),
            hint: ""
        }
    );
    // No prefix and no country.
    let error = parse("0403170701", None).unwrap_err();
    assert!(
        matches!(&error, VatError::UnknownCountry { field: "vat_number", value, .. } if value == "04")
    );
    assert!(
        error.to_string().contains("unless the country is given"),
        "{error}"
    );
    // GB: only as XI, when the caller names XI.
    for (input, country, field) in [
        ("GB980780684", None, "vat_number"),
        ("980780684", Some("GB"), "country"),
        ("gb980780684", Some("gb"), "country"),
    ] {
        let error = parse(input, country).unwrap_err();
        assert!(
            matches!(&error, VatError::UnknownCountry { field: f, .. } if *f == field),
            "{error:?}"
        );
        assert!(error.to_string().contains("accepted only as XI"), "{error}");
    }
    assert_eq!(
        parse("GB980780684", Some("XI")).unwrap().compact(),
        "XI980780684"
    );
    assert_eq!(
        parse("gb 980 7806 84", Some("xi")).unwrap().compact(),
        "XI980780684"
    );
    // GR is accepted as a country and as a prefix, and becomes EL.
    assert_eq!(parse("GR094259216", None).unwrap().compact(), "EL094259216");
    assert_eq!(parse("EL094259216", Some("GR")).unwrap().country(), "EL");
}

#[test]
fn country_mismatch_names_both() {
    let error = parse("FR40303265045", Some("BE")).unwrap_err();
    assert_eq!(
        error,
        VatError::CountryMismatch {
            value: "FR40303265045".into(),
            prefix: "FR".into(),
            country: "BE".into()
        }
    );
    assert_eq!(error.code(), "vat.country_mismatch");
    assert_eq!(
        error.to_string(),
        "vat_number: \"FR40303265045\" starts with FR but the country given is BE"
    );
    // An OSS id is not a Belgian customer's number; GB is not another name for BE.
    assert_eq!(
        parse("EU372022452", Some("BE")).unwrap_err().code(),
        "vat.country_mismatch"
    );
    assert_eq!(
        parse("GB980780684", Some("BE")).unwrap_err().code(),
        "vat.country_mismatch"
    );
    // A French key made of letters that happen to be a country code is still French.
    let french = parse("FRBE303265045", None);
    if let Ok(number) = french {
        assert_eq!(parse(number.national(), Some("FR")).unwrap(), number);
    }
}

#[test]
fn empty_input_is_empty() {
    for input in ["", "   ", " .-/ ", "\u{3000}"] {
        let error = parse(input, None).unwrap_err();
        assert_eq!(
            error,
            VatError::Empty {
                field: "vat_number",
                value: input.into()
            }
        );
        assert_eq!(error.code(), "vat.empty");
        assert_eq!(parse(input, Some("BE")).unwrap_err().code(), "vat.empty");
    }
}

#[test]
fn separators_forms_and_prefixes_people_type() {
    let belgian = parse("BE0403170701", None).unwrap();
    for input in [
        "be 0403.170.701",
        "BE-0403-170-701",
        "BE 0403/170/701",
        " BE: 0403,170,701 ",
        "BE (0)403.170.701",
        "BE403170701",
        "ＢＥ０４０３１７０７０１",
        "BE\u{a0}0403\u{2009}170\u{2013}701",
    ] {
        assert_eq!(parse(input, None).unwrap(), belgian, "{input:?}");
    }
    for input in [
        "0403170701",
        "(0)403.170.701",
        "403170701",
        "BE 0403 170 701",
    ] {
        assert_eq!(parse(input, Some("BE")).unwrap(), belgian, "{input:?}");
    }
    // An empty country is no country.
    assert_eq!(parse("BE0403170701", Some("")).unwrap(), belgian);
}

#[test]
fn oss_ids_are_their_own_kind() {
    let union = parse("EU372022452", None).unwrap();
    assert_eq!((union.country(), union.kind()), ("EU", VatNumberKind::Oss));
    let import = parse("im 372 000 0224", None).unwrap();
    assert_eq!(
        (import.compact(), import.kind()),
        ("IM3720000224", VatNumberKind::Oss)
    );
    assert_eq!(parse("372022452", Some("EU")).unwrap(), union);
    assert!(!is_eu_member_state(union.country()));
}

#[test]
fn every_variant_has_its_code() {
    let cases = [
        (parse("", None), "vat.empty"),
        (parse("QQ1", None), "vat.unknown_country"),
        (parse("FR40303265045", Some("DE")), "vat.country_mismatch"),
        (parse("DE11386616X", None), "vat.invalid_character"),
        (parse("DE1", None), "vat.bad_length"),
        (parse("DE013866163", None), "vat.bad_format"),
        (parse("DE113866160", None), "vat.bad_check_digit"),
    ];
    for (result, code) in cases {
        let error = result.unwrap_err();
        assert_eq!(error.code(), code, "{error:?}");
        assert_eq!(error.family(), "vat");
    }
}

// ---- Properties --------------------------------------------------------------------------------

/// The valid compact forms of the stdnum data, every country.
static VALID_NUMBERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut numbers: Vec<String> = stdnum_rows()
        .into_iter()
        .filter(|row| row.spec == "valid")
        .map(|row| row.spec_compact)
        .collect();
    numbers.sort();
    numbers.dedup();
    numbers
});

/// A number written as people do: separators between characters, some letters lower case.
fn typed(compact: &str, separators: &[usize], lower: &[bool]) -> String {
    const SEPARATORS: [&str; 9] = ["", "", " ", ".", "-", "/", " - ", ":", "\u{a0}"];
    let mut out = String::new();
    for (i, c) in compact.chars().enumerate() {
        let lower = lower.get(i).copied().unwrap_or(false);
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        out.push_str(SEPARATORS[separators.get(i).copied().unwrap_or(0) % SEPARATORS.len()]);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics(input in any::<String>(), country in proptest::option::of("[A-Za-z]{0,3}")) {
        if let Ok(number) = parse(&input, country.as_deref()) {
            // Upper-case letters and digits; old Irish numbers may hold + or *.
            let irish_sign = |b: u8| number.country() == "IE" && (b == b'+' || b == b'*');
            prop_assert!(number.compact().bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || irish_sign(b)));
        }
    }

    #[test]
    fn parse_never_panics_on_vat_like_text(
        input in "[A-Za-z]{0,2}[0-9A-Z .()+*/-]{0,16}",
        country in proptest::option::of(proptest::sample::select(vec!["BE", "FR", "XI", "EU", "GR", "IE", "NL"])),
    ) {
        if let Ok(number) = parse(&input, country) {
            prop_assert_eq!(parse(number.compact(), None).unwrap(), number);
        }
    }

    #[test]
    fn typed_forms_parse_to_the_same_compact_form(
        index in any::<prop::sample::Index>(),
        separators in prop::collection::vec(0usize..9, 16),
        lower in prop::collection::vec(any::<bool>(), 16),
        give_country in any::<bool>(),
    ) {
        let numbers = &*VALID_NUMBERS;
        let compact = index.get::<String>(numbers);
        let number = parse(compact, None).unwrap();
        let country = give_country.then(|| number.country().to_owned());
        let input = typed(compact, &separators, &lower);
        prop_assert_eq!(parse(&input, country.as_deref()).unwrap(), number, "{:?}", input);
        let national = typed(number.national(), &separators, &lower);
        prop_assert_eq!(parse(&national, Some(number.country())).unwrap(), number, "{:?}", national);
    }

    #[test]
    fn compact_and_national_forms_round_trip(index in any::<prop::sample::Index>()) {
        let numbers = &*VALID_NUMBERS;
        let number = parse(index.get::<String>(numbers), None).unwrap();
        prop_assert_eq!(parse(number.compact(), None).unwrap(), number);
        prop_assert_eq!(parse(number.compact(), Some(number.country())).unwrap(), number);
        prop_assert_eq!(parse(number.national(), Some(number.country())).unwrap(), number);
        let json = serde_json::to_string(&number).unwrap();
        prop_assert_eq!(serde_json::from_str::<VatNumber>(&json).unwrap(), number);
    }
}
