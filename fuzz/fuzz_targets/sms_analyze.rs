//! Fuzzes `envoi::sms::analyze` with arbitrary UTF-8 and options: it must never panic, and on
//! success the parts must concatenate to the text, fit their capacity and add up.
#![no_main]

use arbitrary::Arbitrary;
use envoi::sms::{ConcatReference, Encoding, NationalLanguage, SmsError, SmsOptions, analyze};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    smart_encoding: bool,
    languages: Vec<u8>,
    max_parts: u16,
    sixteen_bit: bool,
    reference: u16,
    user_data: bool,
}

fuzz_target!(|input: Input| {
    let languages = input
        .languages
        .iter()
        .take(4)
        .map(|index| NationalLanguage::ALL[usize::from(*index) % NationalLanguage::ALL.len()])
        .collect();
    let reference = if input.sixteen_bit {
        ConcatReference::SixteenBit(input.reference)
    } else {
        ConcatReference::EightBit(input.reference as u8)
    };
    let options = SmsOptions {
        smart_encoding: input.smart_encoding,
        languages,
        max_parts: u32::from(input.max_parts),
        reference,
        user_data: input.user_data,
    };
    match analyze(&input.text, &options) {
        Ok(analysis) => {
            let joined: String = analysis.parts.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(joined, analysis.text);
            if analysis.replacements.is_empty() {
                assert_eq!(analysis.text, input.text);
            } else {
                assert_eq!(analysis.encoding, Encoding::Gsm7);
            }
            assert!(!analysis.parts.is_empty());
            assert!(analysis.parts.len() <= options.max_parts as usize);
            let mut sum = 0;
            for part in &analysis.parts {
                assert!(part.units <= analysis.units_per_part);
                sum += part.units;
                if let Some(user_data) = &part.user_data {
                    assert!(user_data.octets.len() <= 140);
                }
                assert_eq!(part.user_data.is_some(), options.user_data);
            }
            assert_eq!(sum, analysis.units_used);
            for character in &analysis.non_gsm {
                assert_eq!(
                    input.text.chars().nth(character.index),
                    Some(character.character)
                );
            }
        }
        Err(SmsError::TooManyParts { parts, max_parts }) => assert!(parts > max_parts as usize),
        Err(SmsError::InvalidMaxParts { value }) => assert!(value == 0 || value > 255),
        Err(other) => panic!("unexpected error {other:?}"),
    }
});
