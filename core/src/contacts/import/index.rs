//! The duplicate index: email and mobile keys → the contact they belong to. The only part of an
//! import whose memory grows with the file.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::error::DuplicateKey;
use crate::contacts::EmailAddress;

/// An email key: the first 128 bits of SHA-256 of [`EmailAddress::dedup_key`]. Cryptographic, so two
/// addresses that collide cannot be crafted; by chance, the odds for a million addresses are about
/// 10⁻²⁷.
type EmailKey = [u8; 16];

/// A mobile key ([`mobile_key`]).
type MobileKey = u64;

/// Set in an entry when its contact has an email address.
const HAS_EMAIL: u64 = 1 << 63;
/// Set in an entry when its contact has a mobile number.
const HAS_MOBILE: u64 = 1 << 62;
/// The line part of an entry (a line number never comes near 2⁶², one byte per line).
const LINE: u64 = HAS_MOBILE - 1;

#[derive(Default)]
pub(super) struct DuplicateIndex {
    emails: HashMap<EmailKey, usize, foldhash::fast::RandomState>,
    mobiles: HashMap<MobileKey, usize, foldhash::fast::RandomState>,
    /// Per contact: the line of the row that gave it its current content, and whether it has an
    /// email address and a mobile number ([`HAS_EMAIL`], [`HAS_MOBILE`]).
    entries: Vec<u64>,
}

/// An earlier contact a row matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Match {
    /// No earlier contact.
    New,
    /// The contact at `index`, by `key`. `conflict`: the row has the other kind of address, not
    /// bound to any contact, while that contact already has one of that kind (the same mobile
    /// with another email, or the reverse).
    Same {
        index: usize,
        line: u64,
        key: DuplicateKey,
        conflict: Option<DuplicateKey>,
    },
    /// The email is one contact's, the mobile another's.
    Ambiguous { email_line: u64, mobile_line: u64 },
}

pub(super) struct Keys {
    email: Option<EmailKey>,
    mobile: Option<MobileKey>,
}

impl Keys {
    fn flags(&self) -> u64 {
        (if self.email.is_some() { HAS_EMAIL } else { 0 })
            | (if self.mobile.is_some() { HAS_MOBILE } else { 0 })
    }
}

/// A mobile key from an E.164 text: `+` and 1 to 18 digits become the number written `1` then
/// those digits (below 2 × 10¹⁸, one number per digit string, leading zeros included); any other
/// text (never produced by a [`PhoneNumber`](crate::contacts::PhoneNumber)) becomes the first 63
/// bits of its SHA-256 with the top bit set, so the two kinds never meet and nothing overflows.
pub(super) fn mobile_key(e164: &str) -> MobileKey {
    let digits = e164.strip_prefix('+').unwrap_or_default();
    if (1..=18).contains(&digits.len()) && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return digits
            .bytes()
            .fold(1, |key, digit| key * 10 + u64::from(digit - b'0'));
    }
    let digest = Sha256::digest(e164.as_bytes());
    let mut first = [0; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) | (1 << 63)
}

impl DuplicateIndex {
    pub(super) fn keys(&mut self, email: Option<&EmailAddress>, mobile_e164: Option<&str>) -> Keys {
        let email = email.map(|email| {
            let mut hasher = Sha256::new();
            hasher.update(email.dedup_key().as_bytes());
            let mut key = [0; 16];
            key.copy_from_slice(&hasher.finalize()[..16]);
            key
        });
        Keys {
            email,
            mobile: mobile_e164.map(mobile_key),
        }
    }

    pub(super) fn find(&self, keys: &Keys) -> Match {
        let by_email = keys.email.and_then(|key| self.emails.get(&key)).copied();
        let by_mobile = keys.mobile.and_then(|key| self.mobiles.get(&key)).copied();
        let line = |index: usize| self.entries[index] & LINE;
        let has = |index: usize, flag: u64| self.entries[index] & flag != 0;
        match (by_email, by_mobile) {
            (None, None) => Match::New,
            (Some(a), Some(b)) if a != b => Match::Ambiguous {
                email_line: line(a),
                mobile_line: line(b),
            },
            (Some(index), by_mobile) => Match::Same {
                index,
                line: line(index),
                key: DuplicateKey::Email,
                conflict: (keys.mobile.is_some() && by_mobile.is_none() && has(index, HAS_MOBILE))
                    .then_some(DuplicateKey::Mobile),
            },
            (None, Some(index)) => Match::Same {
                index,
                line: line(index),
                key: DuplicateKey::Mobile,
                conflict: (keys.email.is_some() && has(index, HAS_EMAIL))
                    .then_some(DuplicateKey::Email),
            },
        }
    }

    /// Adds a new contact; returns its index.
    pub(super) fn insert(&mut self, keys: &Keys, line: u64) -> usize {
        let index = self.entries.len();
        self.entries.push(line.min(LINE));
        self.bind(keys, index);
        index
    }

    /// Binds the row's keys to an existing contact (a merge or a replacement); a key once bound
    /// stays bound (the index keeps no contact, so it cannot tell which keys a replacement dropped).
    pub(super) fn bind(&mut self, keys: &Keys, index: usize) {
        if let Some(key) = keys.email {
            self.emails.entry(key).or_insert(index);
        }
        if let Some(key) = keys.mobile {
            self.mobiles.entry(key).or_insert(index);
        }
        self.entries[index] |= keys.flags();
    }

    /// A replacement: the contact at `index` is now the row of `line`, with its keys.
    pub(super) fn replace(&mut self, keys: &Keys, index: usize, line: u64) {
        self.entries[index] = line.min(LINE);
        self.bind(keys, index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_keys_ignore_the_domain_case_only() {
        let mut index = DuplicateIndex::default();
        let mut key = |text: &str| {
            let email = EmailAddress::parse(text).expect("valid");
            index.keys(Some(&email), None).email
        };
        assert_eq!(key("Ann@Example.BE"), key("Ann@example.be"));
        assert_ne!(key("Ann@example.be"), key("ann@example.be"));
    }

    #[test]
    fn mobile_keys_at_the_edges() {
        assert_eq!(mobile_key("+32475123456"), 132_475_123_456);
        assert_eq!(mobile_key("+999999999999999999"), 1_999_999_999_999_999_999);
        // Leading zeros count; no `+`, 19 digits, a second `+` or a sign take the digest.
        assert_ne!(mobile_key("+0123"), mobile_key("+123"));
        for text in ["123", "+1234567890123456789", "++5", "+-5", "+", ""] {
            assert!(mobile_key(text) >= 1 << 63, "{text}");
        }
    }

    proptest! {
        #[test]
        fn mobile_keys_never_overflow_and_never_collide_by_construction(
            a in "\\PC{0,24}",
            b in "\\+[0-9]{1,25}",
            digits in "[1-9][0-9]{0,14}",
            other in "[1-9][0-9]{0,14}",
        ) {
            // Any text: no panic (overflow checks are on in tests).
            let _ = mobile_key(&a);
            let _ = mobile_key(&b);
            // Every E.164 (at most 15 digits) takes the exact path: equal keys, equal numbers.
            let (key, other_key) = (mobile_key(&format!("+{digits}")), mobile_key(&format!("+{other}")));
            prop_assert!(key < 2_000_000_000_000_000_000);
            prop_assert_eq!(key == other_key, digits == other);
        }
    }
}
