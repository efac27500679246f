//! The national part of each country's VAT number: its characters, lengths, format and check digits,
//! as python-stdnum checks them. One function per country, named after it; each takes the national
//! part (upper case, separators and country prefix removed) and returns its compact form, which differs
//! from the input only where stdnum's does (Belgian "(0)" and 9-digit numbers, Greek 8-digit numbers,
//! Dutch numbers written without their leading zeros).
//!
//! The stdnum module each function follows is named in its comment (`stdnum.be.vat`…); the test
//! `core/tests/vat_numbers.rs` compares the two on thousands of numbers.

use chrono::NaiveDate;

/// Why a national part is refused. [`super::number`] turns it into a [`super::VatError`] that names the
/// country and the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    /// A character that no number of the country contains.
    Character(char),
    /// The wrong number of characters, and the lengths the country uses.
    Length {
        /// Characters in the national part (after the Belgian "(0)" is read as 0).
        length: usize,
        /// The lengths, as a person reads them.
        expected: &'static str,
    },
    /// The right length, the wrong shape: the rule it breaks.
    Format(&'static str),
    /// The check digit(s) do not match.
    CheckDigit,
}

/// A national part accepted by its country's function, in compact form (at most 13 characters: a
/// Romanian personal number).
#[derive(Debug, Clone, Copy)]
pub(super) struct National {
    bytes: [u8; National::CAPACITY],
    len: usize,
}

impl National {
    pub(super) const CAPACITY: usize = 16;

    /// The concatenation of `parts` (ASCII). Only called on parts whose total length was checked; a
    /// longer input would be cut, never panic.
    fn new(parts: &[&[u8]]) -> National {
        let mut national = National {
            bytes: [0; National::CAPACITY],
            len: 0,
        };
        for &byte in parts.iter().flat_map(|part| part.iter()) {
            if let Some(slot) = national.bytes.get_mut(national.len) {
                *slot = byte;
                national.len += 1;
            }
        }
        national
    }

    /// The national part made of `digits` (values 0 to 9).
    fn from_digits(digits: &[u32]) -> National {
        let mut bytes = [0u8; National::CAPACITY];
        let mut len = 0;
        for (slot, &digit) in bytes.iter_mut().zip(digits) {
            *slot = b"0123456789".get(digit as usize).copied().unwrap_or(b'0');
            len += 1;
        }
        National { bytes, len }
    }

    /// The compact national part.
    pub(super) fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..self.len).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

/// The function that checks a country's national part.
pub(super) type Validator = fn(&[u8]) -> Result<National, Fault>;

/// The VAT code a two-letter prefix names (`GR` is read as `EL`), and its country's function: the 28
/// VAT countries and the OSS schemes `EU` and `IM`. `GB` is none (a GB number is read as XI only when
/// the caller names XI).
pub(super) fn scheme(prefix: [u8; 2]) -> Option<(&'static str, Validator)> {
    Some(match &prefix {
        b"AT" => ("AT", austria),
        b"BE" => ("BE", belgium),
        b"BG" => ("BG", bulgaria),
        b"CY" => ("CY", cyprus),
        b"CZ" => ("CZ", czechia),
        b"DE" => ("DE", germany),
        b"DK" => ("DK", denmark),
        b"EE" => ("EE", estonia),
        b"EL" | b"GR" => ("EL", greece),
        b"ES" => ("ES", spain),
        b"FI" => ("FI", finland),
        b"FR" => ("FR", france),
        b"HR" => ("HR", croatia),
        b"HU" => ("HU", hungary),
        b"IE" => ("IE", ireland),
        b"IT" => ("IT", italy),
        b"LT" => ("LT", lithuania),
        b"LU" => ("LU", luxembourg),
        b"LV" => ("LV", latvia),
        b"MT" => ("MT", malta),
        b"NL" => ("NL", netherlands),
        b"PL" => ("PL", poland),
        b"PT" => ("PT", portugal),
        b"RO" => ("RO", romania),
        b"SE" => ("SE", sweden),
        b"SI" => ("SI", slovenia),
        b"SK" => ("SK", slovakia),
        b"XI" => ("XI", northern_ireland),
        b"EU" => ("EU", oss_non_union),
        b"IM" => ("IM", oss_import),
        _ => return None,
    })
}

// ---- Countries ---------------------------------------------------------------------------------

/// Austria (stdnum.at.uid): U, 7 digits and a Luhn-based check digit.
fn austria(national: &[u8]) -> Result<National, Fault> {
    only(national, |b| b.is_ascii_digit() || b == b'U')?;
    let bytes: [u8; 9] = exactly(national, "9 characters (U and 8 digits)")?;
    let [b'U', rest @ ..] = bytes else {
        return Err(Fault::Format("starts with U"));
    };
    let digits: [u32; 8] = values(&rest).ok_or(Fault::Format("U is followed by 8 digits"))?;
    let [body @ .., check] = digits;
    check_digit(check == modulo(6 - i64::from(luhn_checksum(&body)), 10))?;
    Ok(National::new(&[&bytes]))
}

/// Belgium (stdnum.be.vat): 10 digits starting with 0 or 1, the last two 97 minus the first eight
/// modulo 97. "(0)" at the start is read as 0, and an old 9-digit number gets a leading 0.
fn belgium(national: &[u8]) -> Result<National, Fault> {
    let (zeros, body) = match national.strip_prefix(b"(0)") {
        Some(rest) => (1, rest),
        None => (0, national),
    };
    only_digits(body)?;
    let zeros = if zeros + body.len() == 9 {
        zeros + 1
    } else {
        zeros
    };
    let digits: [u32; 10] = padded(zeros, body, "10 digits (9 for an old number)")?;
    if digits.iter().all(|&d| d == 0) {
        return Err(Fault::Format("is not all zeros"));
    }
    if digits[0] > 1 {
        return Err(Fault::Format("starts with 0 or 1"));
    }
    let (body, check) = digits.split_at(8);
    check_digit((number(body) + number(check)) % 97 == 0)?;
    Ok(National::from_digits(&digits))
}

/// Bulgaria (stdnum.bg.vat): 9 digits for legal entities; 10 digits for a person's EGN, a foreigner's
/// PNF or another number, each with its own check digit.
fn bulgaria(national: &[u8]) -> Result<National, Fault> {
    only_digits(national)?;
    match national.len() {
        9 => {
            let [body @ .., check] = exact_digits::<9>(national, BULGARIA_LENGTHS)?;
            let mut sum = weighted(&body, &[1, 2, 3, 4, 5, 6, 7, 8]) % 11;
            if sum == 10 {
                sum = weighted(&body, &[3, 4, 5, 6, 7, 8, 9, 10]) % 11;
            }
            check_digit(check == sum % 10)?;
        }
        10 => {
            let digits = exact_digits::<10>(national, BULGARIA_LENGTHS)?;
            let [body @ .., check] = digits;
            let egn = bulgarian_birth_date_is_real(&digits)
                && check == weighted(&body, &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10;
            let pnf = check == weighted(&body, &[21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10;
            let other = check
                == modulo(
                    11 - i64::from(weighted(&body, &[4, 3, 2, 7, 6, 5, 4, 3, 2])),
                    11,
                );
            check_digit(egn || pnf || other)?;
        }
        length => {
            return Err(Fault::Length {
                length,
                expected: BULGARIA_LENGTHS,
            });
        }
    }
    Ok(National::new(&[national]))
}

const BULGARIA_LENGTHS: &str = "9 digits (legal entities) or 10 (persons and others)";

/// The birth date of a Bulgarian EGN (YYMMDD, months +20 before 1900, +40 from 2000) is a real date.
fn bulgarian_birth_date_is_real(digits: &[u32; 10]) -> bool {
    let mut year = 1900 + pair(digits[0], digits[1]);
    let mut month = pair(digits[2], digits[3]);
    if month > 40 {
        year += 100;
        month -= 40;
    } else if month > 20 {
        year -= 100;
        month -= 20;
    }
    is_real_date(year, month, pair(digits[4], digits[5]))
}

/// Cyprus (stdnum.cy.vat): 8 digits, not starting with 12, and a check letter.
fn cyprus(national: &[u8]) -> Result<National, Fault> {
    only(national, |b| b.is_ascii_digit() || b.is_ascii_uppercase())?;
    let bytes: [u8; 9] = exactly(national, "9 characters (8 digits and a letter)")?;
    let [body @ .., letter] = bytes;
    let digits: [u32; 8] = values(&body).ok_or(Fault::Format("8 digits followed by a letter"))?;
    if digits[..2] == [1, 2] {
        return Err(Fault::Format("does not start with 12"));
    }
    const EVEN_POSITION: [u32; 10] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                EVEN_POSITION[d as usize % 10]
            } else {
                d
            }
        })
        .sum();
    check_digit(letter == b'A' + (sum % 26) as u8)?;
    Ok(National::new(&[&bytes]))
}

/// Czechia (stdnum.cz.dic): 8 digits for legal entities, 9 starting with 6 for special cases, or a
/// person's 9- or 10-digit birth number (rodné číslo).
fn czechia(national: &[u8]) -> Result<National, Fault> {
    only_digits(national)?;
    const LENGTHS: &str = "8, 9 or 10 digits";
    match national.len() {
        8 => {
            let [body @ .., check] = exact_digits::<8>(national, LENGTHS)?;
            if body[0] == 9 {
                return Err(Fault::Format("an 8-digit number does not start with 9"));
            }
            let expected = modulo(11 - i64::from(weighted(&body, &[8, 7, 6, 5, 4, 3, 2])), 11);
            check_digit(check == if expected == 0 { 1 } else { expected % 10 })?;
        }
        9 if national.first() == Some(&b'6') => {
            let [_, body @ .., check] = exact_digits::<9>(national, LENGTHS)?;
            let sum = weighted(&body, &[8, 7, 6, 5, 4, 3, 2]) % 11;
            check_digit(check == modulo(8 - i64::from((10 - sum) % 11), 10))?;
        }
        9 | 10 => birth_number(national)?,
        length => {
            return Err(Fault::Length {
                length,
                expected: LENGTHS,
            });
        }
    }
    Ok(National::new(&[national]))
}

/// A Czech or Slovak birth number (stdnum.cz.rc): YYMMDD (months +20, +50 or +70) and 3 digits before
/// 1954, or 4 digits, the last a check digit, from 1954.
fn birth_number(national: &[u8]) -> Result<(), Fault> {
    let length = national.len();
    let mut digits = [0u32; 10];
    if !(9..=10).contains(&length) || !national.iter().all(u8::is_ascii_digit) {
        return Err(Fault::Format("a birth number has 9 or 10 digits"));
    }
    for (digit, &b) in digits.iter_mut().zip(national) {
        *digit = u32::from(b - b'0');
    }
    let year = 1900 + pair(digits[0], digits[1]);
    let month = pair(digits[2], digits[3]) % 50 % 20;
    let day = pair(digits[4], digits[5]);
    let year = match length {
        9 if year >= 1980 => year - 100,
        9 if year > 1953 => {
            return Err(Fault::Format("a 9-digit birth number is from before 1954"));
        }
        9 => year,
        _ if year < 1954 => year + 100,
        _ => year,
    };
    if !is_real_date(year, month, day) {
        return Err(Fault::Format(
            "a birth number starts with a real birth date (YYMMDD)",
        ));
    }
    if length == 10 {
        check_digit(u64::from(digits[9]) == number(&digits[..9]) % 11 % 10)?;
    }
    Ok(())
}

/// Germany (stdnum.de.vat): 9 digits, not starting with 0, ISO 7064 MOD 11,10.
fn germany(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<9>(national, "9 digits")?;
    not_starting_with_zero(&digits)?;
    check_digit(mod_11_10_is_valid(&digits))?;
    Ok(National::new(&[national]))
}

/// Denmark (stdnum.dk.cvr): 8 digits, not starting with 0, weighted sum divisible by 11.
fn denmark(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    not_starting_with_zero(&digits)?;
    check_digit(weighted(&digits, &[2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0)?;
    Ok(National::new(&[national]))
}

/// Estonia (stdnum.ee.kmkr): 9 digits, weighted sum divisible by 10.
fn estonia(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<9>(national, "9 digits")?;
    check_digit(weighted(&digits, &[3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0)?;
    Ok(National::new(&[national]))
}

/// Greece (stdnum.gr.vat): 9 digits (an 8-digit number gets a leading 0), the last a check digit.
fn greece(national: &[u8]) -> Result<National, Fault> {
    only_digits(national)?;
    let zeros = usize::from(national.len() == 8);
    let digits: [u32; 9] = padded(zeros, national, "9 digits (8 for an old number)")?;
    let [body @ .., check] = digits;
    let sum = body.iter().fold(0u32, |sum, &d| sum * 2 + d);
    check_digit(check == sum * 2 % 11 % 10)?;
    Ok(National::from_digits(&digits))
}

/// Spain (stdnum.es.nif): 9 characters. A DNI (8 digits and a letter), an NIE (X, Y or Z, 7 digits
/// and a letter), a K/L/M NIF or a company's CIF (a letter, 7 digits and a digit or letter).
fn spain(national: &[u8]) -> Result<National, Fault> {
    only(national, |b| b.is_ascii_digit() || b.is_ascii_uppercase())?;
    let bytes: [u8; 9] = exactly(national, "9 characters")?;
    let [first, middle @ .., last] = bytes;
    let middle: [u32; 7] = values(&middle).ok_or(Fault::Format("characters 2 to 8 are digits"))?;
    const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let dni_letter = |value: u64| DNI_LETTERS[(value % 23) as usize];
    let valid = match first {
        b'K' | b'L' | b'M' => last == dni_letter(number(&middle)),
        b'0'..=b'9' => last == dni_letter(u64::from(first - b'0') * 10_000_000 + number(&middle)),
        b'X' | b'Y' | b'Z' => {
            last == dni_letter(u64::from(first - b'X') * 10_000_000 + number(&middle))
        }
        b'A' | b'B' | b'C' | b'D' | b'E' | b'F' | b'G' | b'H' | b'J' | b'N' | b'P' | b'Q'
        | b'R' | b'S' | b'U' | b'V' | b'W' => {
            let mut with_zero = [0u32; 8];
            with_zero[..7].copy_from_slice(&middle);
            let check = (10 - luhn_checksum(&with_zero)) % 10;
            last == b'0' + check as u8 || last == b"JABCDEFGHI"[check as usize]
        }
        _ => {
            return Err(Fault::Format(
                "starts with a digit, X, Y, Z, K, L, M or a company letter (A-H, J, N, P-S, U-W)",
            ));
        }
    };
    check_digit(valid)?;
    Ok(National::new(&[&bytes]))
}

/// Finland (stdnum.fi.alv): 8 digits, weighted sum divisible by 11.
fn finland(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    check_digit(weighted(&digits, &[7, 9, 10, 5, 8, 4, 2, 1]) % 11 == 0)?;
    Ok(National::new(&[national]))
}

/// France (stdnum.fr.tva): a 2-character key (digits, or the new style with letters, never I or O)
/// and the 9-digit SIREN (Luhn, except for the 000 of Monaco).
fn france(national: &[u8]) -> Result<National, Fault> {
    const KEY_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    only(national, |b| KEY_ALPHABET.contains(&b))?;
    let bytes: [u8; 11] = exactly(national, "11 characters (a 2-character key and 9 digits)")?;
    let [key0, key1, siren @ ..] = bytes;
    let siren: [u32; 9] = values(&siren).ok_or(Fault::Format(
        "the 2-character key is followed by the 9-digit SIREN",
    ))?;
    if siren[..3] != [0, 0, 0] && luhn_checksum(&siren) != 0 {
        return Err(Fault::CheckDigit);
    }
    let siren = number(&siren);
    let index = |b: u8| KEY_ALPHABET.iter().position(|&k| k == b).unwrap_or(0) as u64;
    let valid = if key0.is_ascii_digit() && key1.is_ascii_digit() {
        index(key0) * 10 + index(key1) == (siren * 100 + 12) % 97
    } else {
        let check = if key0.is_ascii_digit() {
            index(key0) * 24 + index(key1) - 10
        } else {
            index(key0) * 34 + index(key1) - 100
        };
        (siren + 1 + check / 11) % 11 == check % 11
    };
    check_digit(valid)?;
    Ok(National::new(&[&bytes]))
}

/// Croatia (stdnum.hr.oib): 11 digits, ISO 7064 MOD 11,10.
fn croatia(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<11>(national, "11 digits")?;
    check_digit(mod_11_10_is_valid(&digits))?;
    Ok(National::new(&[national]))
}

/// Hungary (stdnum.hu.anum): 8 digits, weighted sum divisible by 10.
fn hungary(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    check_digit(weighted(&digits, &[9, 7, 3, 1, 9, 7, 3, 1]) % 10 == 0)?;
    Ok(National::new(&[national]))
}

/// Ireland (stdnum.ie.vat): 7 digits, a check letter and an optional second letter; or the old form,
/// a digit, a letter (or + or *), 5 digits and a check letter.
fn ireland(national: &[u8]) -> Result<National, Fault> {
    const CHECK_LETTERS: &[u8; 23] = b"WABCDEFGHIJKLMNOPQRSTUV";
    only(national, |b| {
        b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'+' || b == b'*'
    })?;
    let (first, second, digits, letters) = match national {
        [first, second, d2, d3, d4, d5, d6, letters @ ..] if (1..=2).contains(&letters.len()) => {
            (*first, *second, [*d2, *d3, *d4, *d5, *d6], letters)
        }
        _ => {
            return Err(Fault::Length {
                length: national.len(),
                expected: "8 or 9 characters (7 digits and 1 or 2 letters)",
            });
        }
    };
    let digits: [u32; 5] =
        values(&digits)
            .filter(|_| first.is_ascii_digit())
            .ok_or(Fault::Format(
                "7 digits and a letter, or a digit, a letter, 5 digits and a letter",
            ))?;
    let letter_value = |b: u8| CHECK_LETTERS.iter().position(|&l| l == b).map(|i| i as u32);
    let [check, extra @ ..] = letters else {
        return Err(Fault::Format("ends with 1 or 2 letters"));
    };
    let check_value = letter_value(*check).ok_or(Fault::Format("the check letter is A to W"))?;
    let extra_value = match extra {
        [] => 0,
        [extra] => letter_value(*extra).ok_or(Fault::Format("the last letter is A to W"))?,
        _ => return Err(Fault::Format("ends with 1 or 2 letters")),
    };
    let first = u32::from(first - b'0');
    let sum = if second.is_ascii_digit() {
        let seven = [
            first,
            u32::from(second - b'0'),
            digits[0],
            digits[1],
            digits[2],
            digits[3],
            digits[4],
        ];
        weighted(&seven, &[8, 7, 6, 5, 4, 3, 2]) + 9 * extra_value
    } else if second.is_ascii_uppercase() || second == b'+' || second == b'*' {
        // Old form: the 5 digits, then the first digit, read as 7 digits with a leading 0.
        let seven = [
            0, digits[0], digits[1], digits[2], digits[3], digits[4], first,
        ];
        weighted(&seven, &[8, 7, 6, 5, 4, 3, 2])
    } else {
        return Err(Fault::Format(
            "the second character is a digit, a letter, + or *",
        ));
    };
    check_digit(check_value == sum % 23)?;
    Ok(National::new(&[national]))
}

/// Italy (stdnum.it.iva): 11 digits, an office code in digits 8 to 10, Luhn.
fn italy(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<11>(national, "11 digits")?;
    if number(&digits[..7]) == 0 {
        return Err(Fault::Format("the first 7 digits are not all 0"));
    }
    let office = number(&digits[7..10]);
    if !((1..=100).contains(&office) || [120, 121, 888, 999].contains(&office)) {
        return Err(Fault::Format(
            "digits 8 to 10 are an office code (001-100, 120, 121, 888 or 999)",
        ));
    }
    check_digit(luhn_checksum(&digits) == 0)?;
    Ok(National::new(&[national]))
}

/// Lithuania (stdnum.lt.pvm): 9 digits (legal entities, the 8th is 1) or 12 (temporary taxpayers, the
/// 11th is 1), the last a check digit.
fn lithuania(national: &[u8]) -> Result<National, Fault> {
    only_digits(national)?;
    let length = national.len();
    let (marker, rule) = match length {
        9 => (7, "the 8th digit of a 9-digit number is 1"),
        12 => (10, "the 11th digit of a 12-digit number is 1"),
        _ => {
            return Err(Fault::Length {
                length,
                expected: "9 or 12 digits",
            });
        }
    };
    let mut digits = [0u32; 12];
    for (digit, &b) in digits.iter_mut().zip(national) {
        *digit = u32::from(b - b'0');
    }
    let (body, rest) = digits.split_at(length - 1);
    if body.get(marker) != Some(&1) {
        return Err(Fault::Format(rule));
    }
    let weighted_sum = |shift: usize| -> u32 {
        body.iter()
            .enumerate()
            .map(|(i, &d)| (1 + (i + shift) % 9) as u32 * d)
            .sum()
    };
    let mut sum = weighted_sum(0) % 11;
    if sum == 10 {
        sum = weighted_sum(2);
    }
    check_digit(rest.first() == Some(&(sum % 11 % 10)))?;
    Ok(National::new(&[national]))
}

/// Luxembourg (stdnum.lu.tva): 8 digits, the last two the first six modulo 89.
fn luxembourg(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    let (body, check) = digits.split_at(6);
    check_digit(number(body) % 89 == number(check))?;
    Ok(National::new(&[national]))
}

/// Latvia (stdnum.lv.pvn): 11 digits. Legal entities start with 4 to 9 (weighted sum 3 modulo 11);
/// persons start with their birth date DDMMYY and a century digit, or with 32.
fn latvia(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<11>(national, "11 digits")?;
    let valid = if digits[0] > 3 {
        weighted(&digits, &[9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3
    } else {
        if digits[..2] != [3, 2] {
            let year = 1800 + 100 * digits[6] + pair(digits[4], digits[5]);
            if !is_real_date(year, pair(digits[2], digits[3]), pair(digits[0], digits[1])) {
                return Err(Fault::Format(
                    "a person's number starts with a real birth date (DDMMYY and the century)",
                ));
            }
        }
        let [body @ .., check] = digits;
        check == (1 + weighted(&body, &[10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10
    };
    check_digit(valid)?;
    Ok(National::new(&[national]))
}

/// Malta (stdnum.mt.vat): 8 digits, not starting with 0, weighted sum divisible by 37.
fn malta(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    not_starting_with_zero(&digits)?;
    check_digit(weighted(&digits, &[3, 4, 6, 7, 8, 9, 10, 1]) % 37 == 0)?;
    Ok(National::new(&[national]))
}

/// The Netherlands (stdnum.nl.btw): 9 digits, B and 2 digits; the 9 digits are a BSN (11-test) or the
/// whole number with NL passes ISO 7064 MOD 97-10. Fewer than 9 digits get leading zeros.
fn netherlands(national: &[u8]) -> Result<National, Fault> {
    only(national, |b| b.is_ascii_digit() || b == b'B')?;
    const LENGTHS: &str = "12 characters (9 digits, B and 2 digits)";
    let length = national.len();
    if !(3..=12).contains(&length) {
        return Err(Fault::Length {
            length,
            expected: LENGTHS,
        });
    }
    let (head, tail) = national.split_at(length - 3);
    let zeros = [b'0'; 9];
    let padding = zeros.get(head.len()..).unwrap_or_default();
    let full = National::new(&[padding, head, tail]);
    let bytes: [u8; 12] = exactly(full.as_str().as_bytes(), LENGTHS)?;
    let rule = "9 digits, B and 2 digits, neither part all zeros";
    let [digits @ .., letter, suffix0, suffix1] = bytes;
    let (Some(digits), b'B', Some(suffix)) = (
        values::<9>(&digits),
        letter,
        values::<2>(&[suffix0, suffix1]),
    ) else {
        return Err(Fault::Format(rule));
    };
    if number(&digits) == 0 || number(&suffix) == 0 {
        return Err(Fault::Format(rule));
    }
    let [body @ .., last] = digits;
    let bsn = (weighted(&body, &[9, 8, 7, 6, 5, 4, 3, 2]) + 11 - last) % 11 == 0;
    let mod_97 = b"NL".iter().chain(&bytes).fold(0u32, |rest, &b| match b {
        b'0'..=b'9' => (rest * 10 + u32::from(b - b'0')) % 97,
        _ => (rest * 100 + u32::from(b - b'A') + 10) % 97,
    }) == 1;
    check_digit(bsn || mod_97)?;
    Ok(full)
}

/// Poland (stdnum.pl.nip): 10 digits, weighted sum (last weight -1) divisible by 11.
fn poland(national: &[u8]) -> Result<National, Fault> {
    let [body @ .., check] = exact_digits::<10>(national, "10 digits")?;
    check_digit(weighted(&body, &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 == check)?;
    Ok(National::new(&[national]))
}

/// Portugal (stdnum.pt.nif): 9 digits, not starting with 0, the last a check digit.
fn portugal(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<9>(national, "9 digits")?;
    not_starting_with_zero(&digits)?;
    let [body @ .., check] = digits;
    let sum = weighted(&body, &[9, 8, 7, 6, 5, 4, 3, 2]);
    check_digit(check == modulo(11 - i64::from(sum), 11) % 10)?;
    Ok(National::new(&[national]))
}

/// Romania (stdnum.ro.cf): a CUI of 2 to 10 digits, not starting with 0, or a person's 13-digit CNP
/// (birth date, county and check digit).
fn romania(national: &[u8]) -> Result<National, Fault> {
    only_digits(national)?;
    let length = national.len();
    match length {
        13 => romanian_personal_number(&exact_digits::<13>(national, ROMANIA_LENGTHS)?)?,
        2..=10 => {
            let mut values = [0u32; 10];
            for (value, &b) in values.iter_mut().zip(national) {
                *value = u32::from(b - b'0');
            }
            let (body, check) = values.split_at(length - 1);
            not_starting_with_zero(body)?;
            // The weights apply right-aligned (the body is read with leading zeros to 9 digits).
            const WEIGHTS: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];
            let weights = WEIGHTS.get(9 - body.len()..).unwrap_or_default();
            check_digit(check.first() == Some(&(10 * weighted(body, weights) % 11 % 10)))?;
        }
        _ => {
            return Err(Fault::Length {
                length,
                expected: ROMANIA_LENGTHS,
            });
        }
    }
    Ok(National::new(&[national]))
}

const ROMANIA_LENGTHS: &str = "2 to 10 digits, or 13 for a person (CNP)";

/// A Romanian CNP (stdnum.ro.cnp): sex and century digit, YYMMDD, county, 3 digits, check digit.
fn romanian_personal_number(digits: &[u32; 13]) -> Result<(), Fault> {
    let century = match digits[0] {
        0 => return Err(Fault::Format("a CNP starts with 1 to 9")),
        3 | 4 => 1800,
        5 | 6 => 2000,
        _ => 1900,
    };
    let year = century + pair(digits[1], digits[2]);
    if !is_real_date(year, pair(digits[3], digits[4]), pair(digits[5], digits[6])) {
        return Err(Fault::Format(
            "a CNP holds a real birth date (YYMMDD) after its first digit",
        ));
    }
    let county = pair(digits[7], digits[8]);
    if !matches!(county, 1..=48 | 51 | 52 | 70 | 80..=83) {
        return Err(Fault::Format("digits 8 and 9 of a CNP are a county code"));
    }
    let [body @ .., check] = *digits;
    let sum = weighted(&body, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    check_digit(check == if sum == 10 { 1 } else { sum })
}

/// Sweden (stdnum.se.vat): the 10-digit organisation number (Luhn) followed by 01.
fn sweden(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<12>(national, "12 digits (10 and 01)")?;
    let (number, suffix) = digits.split_at(10);
    if suffix != [0, 1] {
        return Err(Fault::Format("ends with 01"));
    }
    check_digit(luhn_checksum(number) == 0)?;
    Ok(National::new(&[national]))
}

/// Slovenia (stdnum.si.ddv): 8 digits, not starting with 0, the last a check digit.
fn slovenia(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<8>(national, "8 digits")?;
    not_starting_with_zero(&digits)?;
    let [body @ .., check] = digits;
    let expected = 11 - weighted(&body, &[8, 7, 6, 5, 4, 3, 2]) % 11;
    // A remainder of 0 gives 11, which no digit matches.
    check_digit(check == if expected == 10 { 0 } else { expected })?;
    Ok(National::new(&[national]))
}

/// Slovakia (stdnum.sk.dph): 10 digits, a person's birth number, or a legal entity's number (not
/// starting with 0, third digit 2, 3, 4, 7, 8 or 9) divisible by 11.
fn slovakia(national: &[u8]) -> Result<National, Fault> {
    let digits = exact_digits::<10>(national, "10 digits")?;
    if birth_number(national).is_err() {
        if digits[0] == 0 || ![2, 3, 4, 7, 8, 9].contains(&digits[2]) {
            return Err(Fault::Format(
                "a birth number, or a number not starting with 0 whose 3rd digit is 2, 3, 4, 7, 8 or 9",
            ));
        }
        check_digit(number(&digits) % 11 == 0)?;
    }
    Ok(National::new(&[national]))
}

/// Northern Ireland (stdnum.gb.vat): 9 digits (or 12 with a branch), weighted sum modulo 97 (0, or 42
/// or 55 for the newer series); government departments GD000-GD499 and health authorities
/// HA500-HA999, also as GD8888/HA8888 and 5 digits.
fn northern_ireland(national: &[u8]) -> Result<National, Fault> {
    only(national, |b| {
        b.is_ascii_digit() || matches!(b, b'G' | b'D' | b'H' | b'A')
    })?;
    const LENGTHS: &str = "9 or 12 digits (5 or 11 characters for GD and HA numbers)";
    const RANGE: &str = "a government department is GD000-GD499, a health authority HA500-HA999";
    let in_range = |kind: [u8; 2], value: u64| match &kind {
        b"GD" => value < 500,
        b"HA" => value >= 500,
        _ => false,
    };
    match *national {
        [k0, k1, ref rest @ ..] if national.len() == 5 => {
            let digits: [u32; 3] =
                values(rest).ok_or(Fault::Format("GD or HA followed by 3 digits"))?;
            if !in_range([k0, k1], number(&digits)) {
                return Err(Fault::Format(RANGE));
            }
        }
        [k0, k1, b'8', b'8', b'8', b'8', ref rest @ ..]
            if national.len() == 11 && matches!(&[k0, k1], b"GD" | b"HA") =>
        {
            let digits: [u32; 5] =
                values(rest).ok_or(Fault::Format("GD8888 or HA8888 followed by 5 digits"))?;
            let (value, check) = digits.split_at(3);
            if !in_range([k0, k1], number(value)) {
                return Err(Fault::Format(RANGE));
            }
            check_digit(number(value) % 97 == number(check))?;
        }
        _ if national.len() == 9 || national.len() == 12 => {
            let first_nine = national.get(..9).unwrap_or_default();
            let digits: [u32; 9] = values(first_nine)
                .filter(|_| national.iter().all(u8::is_ascii_digit))
                .ok_or(Fault::Format("9 or 12 digits"))?;
            let sum = weighted(&digits, &[8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
            let valid = if number(&digits[..3]) >= 100 {
                [0, 42, 55].contains(&sum)
            } else {
                sum == 0
            };
            check_digit(valid)?;
        }
        _ => {
            return Err(Fault::Length {
                length: national.len(),
                expected: LENGTHS,
            });
        }
    }
    Ok(National::new(&[national]))
}

/// The member states' ISO 3166-1 numeric codes (and 900, Northern Ireland) that start an OSS id.
const OSS_MEMBER_STATES: [u64; 28] = [
    40, 56, 100, 191, 196, 203, 208, 233, 246, 250, 276, 300, 348, 372, 380, 428, 440, 442, 470,
    528, 616, 620, 642, 703, 705, 724, 752, 900,
];

/// A non-union OSS id (stdnum.eu.oss): EU, the member state of identification's 3-digit code, 6 digits.
fn oss_non_union(national: &[u8]) -> Result<National, Fault> {
    oss(&exact_digits::<9>(national, "9 digits")?)?;
    Ok(National::new(&[national]))
}

/// An import OSS id (stdnum.eu.oss): IM, the member state of identification's 3-digit code, 7 digits.
fn oss_import(national: &[u8]) -> Result<National, Fault> {
    oss(&exact_digits::<10>(national, "10 digits")?)?;
    Ok(National::new(&[national]))
}

fn oss(digits: &[u32]) -> Result<(), Fault> {
    if OSS_MEMBER_STATES.contains(&number(digits.get(..3).unwrap_or_default())) {
        Ok(())
    } else {
        Err(Fault::Format(
            "starts with the ISO 3166-1 numeric code of a member state (or 900)",
        ))
    }
}

// ---- Helpers -----------------------------------------------------------------------------------

/// Every byte passes `allowed`, else the first that does not.
fn only(national: &[u8], allowed: impl Fn(u8) -> bool) -> Result<(), Fault> {
    match national.iter().find(|&&b| !allowed(b)) {
        Some(&b) => Err(Fault::Character(char::from(b))),
        None => Ok(()),
    }
}

fn only_digits(national: &[u8]) -> Result<(), Fault> {
    only(national, |b| b.is_ascii_digit())
}

/// Exactly `N` bytes.
fn exactly<const N: usize>(national: &[u8], expected: &'static str) -> Result<[u8; N], Fault> {
    <[u8; N]>::try_from(national).map_err(|_| Fault::Length {
        length: national.len(),
        expected,
    })
}

/// Exactly `N` digits, as values.
fn exact_digits<const N: usize>(
    national: &[u8],
    expected: &'static str,
) -> Result<[u32; N], Fault> {
    only_digits(national)?;
    let bytes: [u8; N] = exactly(national, expected)?;
    Ok(bytes.map(|b| u32::from(b.wrapping_sub(b'0'))))
}

/// `zeros` zeros then the digits of `body`: exactly `N` digits, as values.
fn padded<const N: usize>(
    zeros: usize,
    body: &[u8],
    expected: &'static str,
) -> Result<[u32; N], Fault> {
    let length = zeros + body.len();
    if length != N {
        return Err(Fault::Length { length, expected });
    }
    let mut digits = [0u32; N];
    for (digit, &b) in digits.iter_mut().skip(zeros).zip(body) {
        *digit = u32::from(b.wrapping_sub(b'0'));
    }
    Ok(digits)
}

/// The values of `bytes` when they are exactly `N` digits.
fn values<const N: usize>(bytes: &[u8]) -> Option<[u32; N]> {
    let bytes = <[u8; N]>::try_from(bytes).ok()?;
    bytes
        .iter()
        .all(u8::is_ascii_digit)
        .then(|| bytes.map(|b| u32::from(b - b'0')))
}

/// `value` modulo `modulus`, never negative (Python's `%`).
fn modulo(value: i64, modulus: i64) -> u32 {
    u32::try_from(value.rem_euclid(modulus)).unwrap_or(0)
}

fn not_starting_with_zero(digits: &[u32]) -> Result<(), Fault> {
    match digits.first() {
        Some(0) => Err(Fault::Format("does not start with 0")),
        _ => Ok(()),
    }
}

fn check_digit(valid: bool) -> Result<(), Fault> {
    if valid {
        Ok(())
    } else {
        Err(Fault::CheckDigit)
    }
}

/// The sum of digit × weight.
fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// The digits read as a number (at most 13 digits here; wrapping, never panicking, beyond 19).
fn number(digits: &[u32]) -> u64 {
    digits
        .iter()
        .fold(0u64, |n, &d| n.wrapping_mul(10).wrapping_add(u64::from(d)))
}

/// Two digits read as a number.
fn pair(tens: u32, units: u32) -> u32 {
    tens * 10 + units
}

/// The Luhn checksum (0 for a valid number).
fn luhn_checksum(digits: &[u32]) -> u32 {
    digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                d
            } else {
                (d * 2) / 10 + (d * 2) % 10
            }
        })
        .sum::<u32>()
        % 10
}

/// ISO 7064 MOD 11,10 (Germany, Croatia).
fn mod_11_10_is_valid(digits: &[u32]) -> bool {
    digits.iter().fold(5, |check, &d| {
        ((if check == 0 { 10 } else { check }) * 2 % 11 + d) % 10
    }) == 1
}

fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    i32::try_from(year).is_ok_and(|year| NaiveDate::from_ymd_opt(year, month, day).is_some())
}
