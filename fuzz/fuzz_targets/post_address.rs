//! Fuzzes the country line of an address (`post::destination`, `post::country`): the input is UTF-8
//! address lines separated by newlines. Reading never panics, and what it accepts is consistent: a
//! country line reads back alone as the same country, the country's code and its name in each
//! language read back as the country, and no country line means Belgium. Every country an error
//! proposes (a suggestion, a candidate, the capitalised form) reads back as that country.
#![no_main]

use envoi::ErrorCode;
use envoi::language::Language;
use envoi::post::{Country, CountryError, Destination, country, destination};
use libfuzzer_sys::fuzz_target;

fn round_trip(found: Country) {
    assert_eq!(Country::from_code(found.code()), Some(found));
    for language in Language::ALL {
        let line = found.country_line(language);
        assert_eq!(country(&line), Ok(found), "{line}");
    }
}

fn check_error(error: &CountryError) {
    assert!(error.code().starts_with("post."), "{error:?}");
    assert!(!error.to_string().is_empty());
    match error {
        CountryError::NotInCapitals { proposed, .. } => {
            let found = country(proposed).unwrap_or_else(|e| panic!("{proposed:?}: {e}"));
            round_trip(found);
        }
        CountryError::UnknownCountry { suggestions, .. } => {
            assert!(suggestions.len() <= 3);
            for suggestion in suggestions {
                assert_eq!(
                    country(&suggestion.name),
                    Ok(suggestion.country),
                    "{suggestion}"
                );
            }
        }
        CountryError::AmbiguousCountry { candidates, .. } => {
            assert!(candidates.len() >= 2);
            for candidate in candidates {
                assert_eq!(
                    country(&candidate.name),
                    Ok(candidate.country),
                    "{candidate}"
                );
            }
        }
        CountryError::CountryLineMissing { value, prefix, .. } => {
            assert!(value.starts_with(prefix.as_str()));
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let last = lines.iter().rposition(|line| !line.trim().is_empty());
    match destination(&lines) {
        Ok(Destination {
            country: found,
            country_line: Some(index),
        }) => {
            assert_eq!(Some(index), last);
            let line = lines[index];
            assert!(!line.chars().any(char::is_numeric), "{line:?}");
            assert_eq!(country(line), Ok(found), "{line:?}");
            round_trip(found);
        }
        Ok(Destination {
            country: found,
            country_line: None,
        }) => {
            assert_eq!(found, Country::BELGIUM);
        }
        Err(error) => check_error(&error),
    }
    // Each line alone, as a name.
    for line in lines.iter().take(8) {
        match country(line) {
            Ok(found) => round_trip(found),
            Err(error) => check_error(&error),
        }
    }
});
