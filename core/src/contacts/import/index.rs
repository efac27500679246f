//! The duplicate index: email and mobile keys → the contact they belong to. The only part of an
//! import whose memory grows with the file.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::error::DuplicateKey;

/// An email key: the first 128 bits of SHA-256 of the address in lower case. Cryptographic, so two
/// addresses that collide cannot be crafted; by chance, the odds for a million addresses are about
/// 10⁻²⁷.
type EmailKey = [u8; 16];

#[derive(Default)]
pub(super) struct DuplicateIndex {
    emails: HashMap<EmailKey, usize, foldhash::fast::RandomState>,
    /// The E.164 digits as a number (at most 15 digits).
    mobiles: HashMap<u64, usize, foldhash::fast::RandomState>,
    /// The line of the row that gave each contact its current content.
    lines: Vec<u64>,
    lowercase: String,
}

/// An earlier contact a row matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Match {
    /// No earlier contact.
    New,
    /// The contact at `index`, by `key`.
    Same {
        index: usize,
        line: u64,
        key: DuplicateKey,
    },
    /// The email is one contact's, the mobile another's.
    Ambiguous { email_line: u64, mobile_line: u64 },
}

pub(super) struct Keys {
    email: Option<EmailKey>,
    mobile: Option<u64>,
}

impl DuplicateIndex {
    pub(super) fn keys(&mut self, email: Option<&str>, mobile_e164: Option<&str>) -> Keys {
        let email = email.map(|email| {
            self.lowercase.clear();
            self.lowercase
                .extend(email.chars().flat_map(char::to_lowercase));
            let digest = Sha256::digest(self.lowercase.as_bytes());
            let mut key = [0; 16];
            key.copy_from_slice(&digest[..16]);
            key
        });
        let mobile = mobile_e164.and_then(|text| text.strip_prefix('+')?.parse().ok());
        Keys { email, mobile }
    }

    pub(super) fn find(&self, keys: &Keys) -> Match {
        let by_email = keys.email.and_then(|key| self.emails.get(&key)).copied();
        let by_mobile = keys.mobile.and_then(|key| self.mobiles.get(&key)).copied();
        let line = |index: usize| self.lines[index];
        match (by_email, by_mobile) {
            (None, None) => Match::New,
            (Some(a), Some(b)) if a != b => Match::Ambiguous {
                email_line: line(a),
                mobile_line: line(b),
            },
            (Some(index), _) => Match::Same {
                index,
                line: line(index),
                key: DuplicateKey::Email,
            },
            (None, Some(index)) => Match::Same {
                index,
                line: line(index),
                key: DuplicateKey::Mobile,
            },
        }
    }

    /// Adds a new contact; returns its index.
    pub(super) fn insert(&mut self, keys: &Keys, line: u64) -> usize {
        let index = self.lines.len();
        self.lines.push(line);
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
    }

    pub(super) fn set_line(&mut self, index: usize, line: u64) {
        self.lines[index] = line;
    }
}
