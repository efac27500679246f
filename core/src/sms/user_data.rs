//! The TP-User-Data of a part: header, then GSM-7 septets packed into octets, or UTF-16BE.

use super::alphabet::{ESCAPE, Septets};
use super::segment::Scheme;
use super::{ConcatReference, UserData};

/// Information element identifiers of TS 23.040 §9.2.3.24.
const IEI_CONCAT_8BIT: u8 = 0x00;
const IEI_CONCAT_16BIT: u8 = 0x08;
const IEI_NATIONAL_SINGLE_SHIFT: u8 = 0x24;
const IEI_NATIONAL_LOCKING_SHIFT: u8 = 0x25;

/// The user data of part `sequence` (0-based) of `count` parts.
pub(crate) fn encode(
    text: &str,
    scheme: Scheme,
    reference: ConcatReference,
    sequence: usize,
    count: usize,
) -> UserData {
    let header = header(scheme, reference, sequence, count);
    debug_assert_eq!(
        header.len() as u32,
        scheme.header_octets(count > 1, reference)
    );
    match scheme {
        Scheme::Ucs2 => {
            let mut octets = header.clone();
            for unit in text.encode_utf16() {
                octets.extend_from_slice(&unit.to_be_bytes());
            }
            UserData {
                length: octets.len() as u32,
                header_length: header.len() as u32,
                octets,
            }
        }
        Scheme::Gsm7(set) => {
            let mut septets = Vec::with_capacity(text.len() + 8);
            for character in text.chars() {
                match set.septets(character) {
                    Some(Septets::Single(septet)) => septets.push(septet),
                    Some(Septets::Escaped(septet)) => septets.extend([ESCAPE, septet]),
                    None => debug_assert!(false, "{character:?} is not in the chosen tables"),
                }
            }
            let header_bits = header.len() * 8;
            let header_septets = header_bits.div_ceil(7);
            let start_bit = header_septets * 7; // header, then fill bits up to a septet boundary
            let total_bits = start_bit + septets.len() * 7;
            let mut octets = header.clone();
            octets.resize(total_bits.div_ceil(8), 0);
            for (position, septet) in septets.iter().enumerate() {
                let bit = start_bit + position * 7;
                let (byte, shift) = (bit / 8, bit % 8);
                octets[byte] |= septet << shift;
                if shift > 1 {
                    octets[byte + 1] |= septet >> (8 - shift);
                }
            }
            UserData {
                length: (header_septets + septets.len()) as u32,
                header_length: header.len() as u32,
                octets,
            }
        }
    }
}

fn header(scheme: Scheme, reference: ConcatReference, sequence: usize, count: usize) -> Vec<u8> {
    let mut elements = Vec::with_capacity(12);
    if count > 1 {
        // At most 255 parts (max_parts is checked), so the counts fit one octet.
        let (total, number) = (count as u8, (sequence + 1) as u8);
        match reference {
            ConcatReference::EightBit(value) => {
                elements.extend([IEI_CONCAT_8BIT, 3, value, total, number]);
            }
            ConcatReference::SixteenBit(value) => {
                let [high, low] = value.to_be_bytes();
                elements.extend([IEI_CONCAT_16BIT, 4, high, low, total, number]);
            }
        }
    }
    if let Scheme::Gsm7(set) = scheme {
        if let Some(language) = set.single {
            elements.extend([IEI_NATIONAL_SINGLE_SHIFT, 1, language.identifier()]);
        }
        if let Some(language) = set.locking {
            elements.extend([IEI_NATIONAL_LOCKING_SHIFT, 1, language.identifier()]);
        }
    }
    if elements.is_empty() {
        return elements;
    }
    let mut header = Vec::with_capacity(elements.len() + 1);
    header.push(elements.len() as u8);
    header.extend(elements);
    header
}
