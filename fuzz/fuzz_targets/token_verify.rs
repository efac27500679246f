//! Fuzzes `KeyRing::verify` (token text from links, outside input) with a fixed key ring (keys 1 and
//! 2, key 2 active). Verification must never panic; a refusal carries a `token.` code; and a token
//! it accepts must be exactly the token `issue` (or `issue_sealed`) writes for the verified purpose,
//! key, claims and times: nothing is accepted that was not issued, and every token has one encoding.
//!
//! The first byte chooses the input's form. Even: the rest is UTF-8 `purpose<TAB>token` (the purpose
//! any text; an unknown one verifies for a purpose chosen by its length). Odd: the next byte chooses
//! the purpose and the bytes after it are the token's bytes, written as base64url here, so that
//! mutations reach past the decoding. The token text is also typed as a one-time code against a
//! fixed challenge: never a panic, and accepted exactly when it reads as the code.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use envoi::ErrorCode;
use envoi::time::Instant;
use envoi::token::{CodeAlphabet, CodePolicy, KeyRing, Purpose};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

const SECRET_1: [u8; 32] = [0x11; 32];
const SECRET_2: [u8; 32] = [0x22; 32];

/// The ring under test, and one ring per key with that key active (to re-issue what it signed).
static RINGS: LazyLock<(KeyRing, KeyRing, KeyRing)> = LazyLock::new(|| {
    let ring = KeyRing::new([(1, SECRET_1.to_vec()), (2, SECRET_2.to_vec())], 2).expect("ring");
    let only_1 = KeyRing::new([(1, SECRET_1.to_vec())], 1).expect("ring 1");
    let only_2 = KeyRing::new([(2, SECRET_2.to_vec())], 2).expect("ring 2");
    (ring, only_1, only_2)
});

static NOW: LazyLock<Instant> =
    LazyLock::new(|| "2026-06-01T09:00:00Z".parse().expect("an instant"));

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (purpose, token) = if mode & 1 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let (purpose_text, token) = text.split_once('\t').unwrap_or(("click", text));
        let purpose = match purpose_text.parse::<Purpose>() {
            Ok(purpose) => purpose,
            Err(error) => {
                assert_eq!(error.code(), "token.unknown_purpose");
                Purpose::ALL[purpose_text.len() % Purpose::ALL.len()]
            }
        };
        (purpose, token.to_owned())
    } else {
        let Some((&selector, bytes)) = rest.split_first() else {
            return;
        };
        let purpose = Purpose::ALL[usize::from(selector) % Purpose::ALL.len()];
        (purpose, URL_SAFE_NO_PAD.encode(bytes))
    };

    let (ring, only_1, only_2) = &*RINGS;
    match ring.verify(purpose, &token, *NOW) {
        Err(error) => {
            assert!(error.code().starts_with("token."), "{error:?}");
            assert!(!error.to_string().is_empty());
        }
        Ok(verified) => {
            assert_eq!(verified.purpose, purpose);
            assert!(
                verified
                    .expires_at
                    .is_none_or(|expires_at| *NOW < expires_at)
            );
            let signer = match verified.key_id {
                1 => only_1,
                2 => only_2,
                other => panic!("accepted a token of key {other}, not in the ring"),
            };
            let (claims, issued_at, expires_at) =
                (&verified.claims, verified.issued_at, verified.expires_at);
            let signed = signer.issue(purpose, claims, issued_at, expires_at);
            let sealed = signer.issue_sealed(purpose, claims, issued_at, expires_at);
            assert!(
                signed.as_deref() == Ok(token.as_str()) || sealed.as_deref() == Ok(token.as_str()),
                "accepted {token:?} ({verified:?}), which issue writes as {signed:?} or {sealed:?}"
            );
        }
    }

    // The same text typed as a one-time code.
    let policy = CodePolicy {
        alphabet: if mode & 2 == 0 {
            CodeAlphabet::Digits
        } else {
            CodeAlphabet::Crockford
        },
        length: 8,
        max_attempts: 3,
    };
    let expires_at: Instant = "2026-06-01T09:10:00Z".parse().expect("an instant");
    let (code, mut challenge) = ring
        .issue_code(
            purpose,
            &Default::default(),
            "fuzz",
            *NOW,
            expires_at,
            &policy,
        )
        .expect("a code");
    let normalised: String = token
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' if policy.alphabet == CodeAlphabet::Crockford => '1',
            'O' if policy.alphabet == CodeAlphabet::Crockford => '0',
            c => c,
        })
        .collect();
    match ring.check_code(purpose, &mut challenge, &token, *NOW) {
        Ok(verified) => assert_eq!(
            normalised, code,
            "accepted {token:?} for {code} ({verified:?})"
        ),
        Err(error) => {
            assert!(error.code().starts_with("token.code_"), "{error:?}");
            assert_ne!(
                normalised, code,
                "refused the right code {token:?}: {error}"
            );
        }
    }
});
