//! Signed tokens (SPEC section 8): the documented wire format, round trips, every tamper refused with
//! its reason, key rotation, expiry boundaries and purpose confusion.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use envoi::ErrorCode;
use envoi::time::Instant;
use envoi::token::{
    Claims, CodeAlphabet, CodeChallenge, CodePolicy, CodeState, KeyRing, MAX_TOKEN_LENGTH, Purpose,
    TokenError, TokenId, Verified,
};
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use sha2::Sha256;

const SECRET_1: [u8; 32] = [0x11; 32];
const SECRET_2: [u8; 32] = [0x22; 32];

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn ring() -> KeyRing {
    KeyRing::new([(1, SECRET_1.to_vec()), (2, SECRET_2.to_vec())], 2).unwrap()
}

fn typical_claims() -> Claims {
    Claims {
        account: Some(12_345),
        message: Some(1_234_567),
        occurrence: Some(3),
        recipient: Some(45_678_901),
        link: Some(7),
        credential: None,
    }
}

fn issued() -> Instant {
    at("2026-06-01T09:00:00Z")
}

fn expiry() -> Instant {
    at("2026-08-30T09:00:00Z")
}

fn code_of(result: Result<Verified, TokenError>) -> &'static str {
    match result {
        Ok(verified) => panic!("accepted: {verified:?}"),
        Err(error) => error.code(),
    }
}

/// The reason the documented verification order gives for `text`, up to the tag check (every
/// tampered token fails at or before the tag). An oracle written from the module docs, independent
/// of the implementation.
fn expected_refusal(key_ids: &[u8], tag_length: usize, text: &str) -> &'static str {
    if text.len() > MAX_TOKEN_LENGTH {
        return "token.wrong_length";
    }
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(text) else {
        return "token.bad_base64";
    };
    if !(21..=99).contains(&bytes.len()) {
        return "token.wrong_length";
    }
    if bytes[0] != 1 {
        return "token.unsupported_version";
    }
    if !key_ids.contains(&bytes[1]) {
        return "token.unknown_key";
    }
    let (min, max) = if bytes[3] & 0x80 != 0 {
        (21, 83)
    } else {
        (5 + tag_length, 67 + tag_length)
    };
    if !(min..=max).contains(&bytes.len()) {
        return "token.wrong_length";
    }
    "token.bad_tag"
}

// ---- The documented wire format ---------------------------------------------------------------

fn varint(mut value: u64, out: &mut Vec<u8>) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// A signed token built by hand from the module docs, with the payload bytes given.
fn hand_signed(
    secret: &[u8],
    key_id: u8,
    purpose: u8,
    flags: u8,
    payload: &[u8],
    tag_length: usize,
) -> String {
    let mut bytes = vec![1, key_id, purpose, flags];
    bytes.extend_from_slice(payload);
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
    mac.update(b"envoi-token-v1-mac\0");
    mac.update(&[tag_length as u8]);
    mac.update(&bytes);
    let tag = mac.finalize().into_bytes();
    bytes.extend_from_slice(&tag[..tag_length]);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn a_signed_token_is_the_documented_bytes() {
    let mut payload = Vec::new();
    for value in [12_345u64, 1_234_567, 3, 45_678_901, 7] {
        varint(value, &mut payload);
    }
    let since_2025 = (issued().timestamp() - 1_735_689_600) as u64;
    varint(since_2025, &mut payload);
    varint(90 * 86_400, &mut payload);
    let by_hand = hand_signed(&SECRET_2, 2, 2, 0x3f, &payload, 16);
    let token = ring()
        .issue(Purpose::Click, &typical_claims(), issued(), Some(expiry()))
        .unwrap();
    assert_eq!(token, by_hand);
    assert_eq!(token.len(), 52);
    let verified = ring().verify(Purpose::Click, &token, issued()).unwrap();
    let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
    assert_eq!(verified.token_id.as_bytes()[..], bytes[bytes.len() - 16..]);
}

#[test]
fn the_credential_claim_follows_the_link_under_flag_0x40() {
    // A password-reset token: account 42, credential version 300 (two varint bytes), expiry in an hour.
    let mut payload = Vec::new();
    for value in [42u64, 300] {
        varint(value, &mut payload);
    }
    varint((issued().timestamp() - 1_735_689_600) as u64, &mut payload);
    varint(3_600, &mut payload);
    let by_hand = hand_signed(&SECRET_2, 2, 5, 0x01 | 0x20 | 0x40, &payload, 16);
    let claims = Claims {
        account: Some(42),
        credential: Some(300),
        ..Claims::default()
    };
    let expires_at = issued() + Duration::hours(1);
    let token = ring()
        .issue(Purpose::PasswordReset, &claims, issued(), Some(expires_at))
        .unwrap();
    assert_eq!(token, by_hand);
    let verified = ring()
        .verify(Purpose::PasswordReset, &token, issued())
        .unwrap();
    assert_eq!(verified.claims, claims);
    // A token without the claim is byte for byte what the first release wrote.
    let without = Claims {
        credential: None,
        ..claims
    };
    let old = ring()
        .issue(Purpose::PasswordReset, &without, issued(), Some(expires_at))
        .unwrap();
    let bytes = URL_SAFE_NO_PAD.decode(&old).unwrap();
    assert_eq!(bytes[3], 0x21);
}

#[test]
fn typical_token_lengths_as_documented() {
    let ring = ring();
    let claims = typical_claims();
    let signed = ring
        .issue(Purpose::Click, &claims, issued(), Some(expiry()))
        .unwrap();
    let sealed = ring
        .issue_sealed(Purpose::Click, &claims, issued(), Some(expiry()))
        .unwrap();
    let no_expiry = ring.issue(Purpose::Click, &claims, issued(), None).unwrap();
    let long_tag = ring.clone().with_tag_length(32).unwrap();
    let long = long_tag
        .issue(Purpose::Click, &claims, issued(), Some(expiry()))
        .unwrap();
    assert_eq!(
        (signed.len(), sealed.len(), no_expiry.len(), long.len()),
        (52, 52, 47, 74)
    );
    // The longest token there is fits MAX_TOKEN_LENGTH.
    let max = Claims {
        account: Some(u64::MAX),
        message: Some(u64::MAX),
        occurrence: Some(u32::MAX),
        recipient: Some(u64::MAX),
        link: Some(u16::MAX),
        credential: Some(u32::MAX),
    };
    let far = at("+262000-01-01T00:00:00Z");
    let longest = long_tag
        .issue(Purpose::Click, &max, at("2026-01-01T00:00:00Z"), Some(far))
        .unwrap();
    assert!(longest.len() <= MAX_TOKEN_LENGTH);
    assert_eq!(MAX_TOKEN_LENGTH, 132);
    assert!(
        long_tag
            .verify(Purpose::Click, &longest, at("2026-01-01T00:00:00Z"))
            .is_ok()
    );
}

#[test]
fn the_longest_token_has_the_documented_length() {
    // The format's bound (MAX_TOKEN_LENGTH): the header, every claim and both times as 10-byte
    // varints, a 32-byte tag: 4 + 63 + 32 = 99 bytes, 132 characters.
    assert_eq!(MAX_TOKEN_LENGTH, 132);
    assert_eq!(MAX_TOKEN_LENGTH, (99 * 4_usize).div_ceil(3));
    // The longest token `issue` writes: every claim at its maximum (43 bytes of varints, the
    // credential's 5 included), a 32-byte tag, and the times as long as instants allow: issued-at
    // 2^42 seconds after 2025 (7 bytes) and an expiry at the last instant (6 more): 92 bytes.
    let max = Claims {
        account: Some(u64::MAX),
        message: Some(u64::MAX),
        occurrence: Some(u32::MAX),
        recipient: Some(u64::MAX),
        link: Some(u16::MAX),
        credential: Some(u32::MAX),
    };
    let ring = KeyRing::new([(1, SECRET_1.to_vec())], 1)
        .unwrap()
        .with_tag_length(32)
        .unwrap();
    let origin = at("2025-01-01T00:00:00Z");
    let after_origin = |seconds: i64| origin + Duration::seconds(seconds);
    let last = Instant::MAX_UTC;
    let mut longest = 0;
    for issued_seconds in [1_i64 << 35, (1 << 42) - 1, 1 << 42, (1 << 42) + (1 << 20)] {
        for expires_at in [Some(last), Some(after_origin(issued_seconds + 1)), None] {
            let token = ring
                .issue(
                    Purpose::Click,
                    &max,
                    after_origin(issued_seconds),
                    expires_at,
                )
                .unwrap();
            longest = longest.max(token.len());
        }
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(
            ring.issue(Purpose::Click, &max, after_origin(1 << 42), Some(last))
                .unwrap(),
        )
        .unwrap();
    assert_eq!(bytes.len(), 92);
    assert_eq!(longest, 123);
    assert!(longest <= MAX_TOKEN_LENGTH);
}

#[test]
fn non_canonical_payloads_with_a_valid_tag_are_refused() {
    let ring = KeyRing::new([(1, SECRET_1.to_vec())], 1).unwrap();
    let reason = |flags: u8, payload: &[u8]| {
        let token = hand_signed(&SECRET_1, 1, 1, flags, payload, 16);
        match ring.verify(Purpose::Open, &token, issued()) {
            Err(TokenError::NonCanonical { field, .. }) => field,
            other => panic!("{payload:?}: {other:?}"),
        }
    };
    // The canonical form of the same token is accepted.
    let good = hand_signed(&SECRET_1, 1, 1, 0x01, &[0x05, 0x80, 0x80, 0x80, 0x10], 16);
    assert_eq!(
        ring.verify(Purpose::Open, &good, issued())
            .unwrap()
            .claims
            .account,
        Some(5)
    );
    assert_eq!(
        reason(0x01, &[0x85, 0x00, 0x80, 0x80, 0x80, 0x10]),
        "account"
    ); // 5 in two bytes
    assert_eq!(reason(0x00, &[0x80, 0x80, 0x80, 0x90, 0x00]), "issued_at"); // superfluous zero
    assert_eq!(
        reason(0x04, &[0x80, 0x80, 0x80, 0x80, 0x10, 0x01]),
        "occurrence"
    ); // 2^32
    assert_eq!(reason(0x10, &[0x80, 0x80, 0x04, 0x01]), "link"); // 2^16
    let mut eleven = vec![0xff; 10];
    eleven.push(0x01);
    assert_eq!(reason(0x00, &eleven), "issued_at"); // more than 64 bits
    assert_eq!(
        reason(
            0x00,
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]
        ),
        "issued_at"
    );
    // The credential bit, reserved in the first release, now announces a u32 claim.
    assert_eq!(reason(0x40, &[0x01]), "issued_at"); // announced, then only issued-at
    assert_eq!(
        reason(0x40, &[0x80, 0x80, 0x80, 0x80, 0x10, 0x01]),
        "credential"
    ); // 2^32
    assert_eq!(reason(0x40, &[0x83, 0x00, 0x01]), "credential"); // 3 in two bytes
    assert_eq!(reason(0x00, &[0x01, 0x00]), "payload"); // a trailing byte
    assert_eq!(reason(0x01, &[0x01]), "issued_at"); // ends before issued-at
    assert_eq!(reason(0x20, &[0x01, 0x00]), "expires_at"); // a zero expiry delta
    assert_eq!(reason(0x20, &[0x01]), "expires_at"); // the announced expiry is missing
    // issued-at beyond the last instant chrono represents
    assert_eq!(
        reason(
            0x00,
            &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        ),
        "issued_at"
    );
    let unknown_purpose = hand_signed(&SECRET_1, 1, 9, 0, &[0x01], 16);
    assert!(matches!(
        ring.verify(Purpose::Open, &unknown_purpose, issued()),
        Err(TokenError::NonCanonical {
            field: "purpose",
            ..
        })
    ));
}

// ---- Round trips --------------------------------------------------------------------------------

fn any_claims() -> impl Strategy<Value = Claims> {
    (
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u32>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u16>()),
        proptest::option::of(any::<u32>()),
    )
        .prop_map(
            |(account, message, occurrence, recipient, link, credential)| Claims {
                account,
                message,
                occurrence,
                recipient,
                link,
                credential,
            },
        )
}

fn any_purpose() -> impl Strategy<Value = Purpose> {
    proptest::sample::select(Purpose::ALL.to_vec())
}

proptest! {
    #[test]
    fn every_token_round_trips(
        claims in any_claims(),
        purpose in any_purpose(),
        issued_seconds in 1_735_689_600i64..8_000_000_000_000,
        issued_nanos in 0u32..1_000_000_000,
        lifetime in proptest::option::of(1i64..10_000_000_000),
        sealed in any::<bool>(),
        tag_length in 16usize..=32,
    ) {
        let ring = ring().with_tag_length(tag_length).unwrap();
        let issued_at = chrono::DateTime::from_timestamp(issued_seconds, issued_nanos).unwrap();
        let whole = chrono::DateTime::from_timestamp(issued_seconds, 0).unwrap();
        let expires_at = lifetime.map(|seconds| whole + Duration::seconds(seconds));
        let token = if sealed {
            ring.issue_sealed(purpose, &claims, issued_at, expires_at)
        } else {
            ring.issue(purpose, &claims, issued_at, expires_at)
        }.unwrap();
        prop_assert!(token.len() <= MAX_TOKEN_LENGTH);
        prop_assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let verified = ring.verify(purpose, &token, issued_at).unwrap();
        prop_assert_eq!(verified.purpose, purpose);
        prop_assert_eq!(verified.key_id, 2);
        prop_assert_eq!(verified.claims, claims);
        prop_assert_eq!(verified.issued_at, whole);
        prop_assert_eq!(verified.expires_at, expires_at);
        if let Some(expires_at) = expires_at {
            prop_assert!(ring.verify(purpose, &token, expires_at - Duration::seconds(1)).is_ok());
            prop_assert_eq!(code_of(ring.verify(purpose, &token, expires_at)), "token.expired");
        }
        // Deterministic: the same inputs give the same token.
        let again = if sealed {
            ring.issue_sealed(purpose, &claims, whole, expires_at)
        } else {
            ring.issue(purpose, &claims, whole, expires_at)
        }.unwrap();
        prop_assert_eq!(again, token);
    }

    #[test]
    fn arbitrary_text_never_panics_and_is_refused(text in "\\PC{0,140}", purpose in any_purpose()) {
        let ring = ring();
        let error = ring.verify(purpose, &text, issued()).unwrap_err();
        prop_assert!(error.code().starts_with("token."));
        prop_assert_eq!(error.code(), expected_refusal(&[1, 2], 16, &text));
    }

    #[test]
    fn arbitrary_base64_is_refused_with_its_reason(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let text = URL_SAFE_NO_PAD.encode(&bytes);
        let error = ring().verify(Purpose::Open, &text, issued()).unwrap_err();
        prop_assert_eq!(error.code(), expected_refusal(&[1, 2], 16, &text));
    }
}

#[test]
fn sub_second_times_round_down() {
    let ring = ring();
    let issued_at = at("2026-06-01T09:00:00.999Z");
    let expires_at = at("2026-06-01T09:00:10.999Z");
    let token = ring
        .issue(
            Purpose::Open,
            &Claims::default(),
            issued_at,
            Some(expires_at),
        )
        .unwrap();
    let verified = ring.verify(Purpose::Open, &token, issued_at).unwrap();
    assert_eq!(verified.issued_at, at("2026-06-01T09:00:00Z"));
    assert_eq!(verified.expires_at, Some(at("2026-06-01T09:00:10Z")));
    // Times round down separately: 0.999 → 0 and 1.500 → 1 is a one-second token…
    let short = ring.issue(
        Purpose::Open,
        &Claims::default(),
        issued_at,
        Some(at("2026-06-01T09:00:01.500Z")),
    );
    let short = ring
        .verify(Purpose::Open, &short.unwrap(), issued_at)
        .unwrap();
    assert_eq!(short.expires_at, Some(at("2026-06-01T09:00:01Z")));
    // …and 0.100 → 0 with 0.900 → 0 is no token at all.
    let error = ring
        .issue(
            Purpose::Open,
            &Claims::default(),
            at("2026-06-01T09:00:00.100Z"),
            Some(at("2026-06-01T09:00:00.900Z")),
        )
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_time");
    assert!(
        error
            .to_string()
            .starts_with("expires_at: 2026-06-01 09:00:00.900 UTC"),
        "{error}"
    );
}

#[test]
fn times_a_token_cannot_carry_are_refused_at_issue() {
    let ring = ring();
    let error = ring
        .issue(
            Purpose::Open,
            &Claims::default(),
            at("2024-12-31T23:59:59Z"),
            None,
        )
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_time");
    assert_eq!(
        error.to_string(),
        "issued_at: 2024-12-31 23:59:59 UTC is before 2025-01-01T00:00:00Z, the earliest time a token carries"
    );
    assert!(
        ring.issue(
            Purpose::Open,
            &Claims::default(),
            at("2025-01-01T00:00:00Z"),
            None
        )
        .is_ok()
    );
    let before = ring.issue(
        Purpose::Open,
        &Claims::default(),
        issued(),
        Some(issued() - Duration::seconds(5)),
    );
    assert_eq!(before.unwrap_err().code(), "token.invalid_time");
}

// ---- Tampering ----------------------------------------------------------------------------------

fn tokens_to_tamper() -> Vec<(&'static str, String)> {
    let ring = ring();
    let claims = typical_claims();
    vec![
        (
            "signed",
            ring.issue(Purpose::Click, &claims, issued(), Some(expiry()))
                .unwrap(),
        ),
        (
            "sealed",
            ring.issue_sealed(Purpose::Click, &claims, issued(), Some(expiry()))
                .unwrap(),
        ),
        (
            "minimal",
            ring.issue(Purpose::Open, &Claims::default(), issued(), None)
                .unwrap(),
        ),
        (
            "sealed minimal",
            ring.issue_sealed(Purpose::Open, &Claims::default(), issued(), None)
                .unwrap(),
        ),
    ]
}

fn refuse_with_expected_reason(ring: &KeyRing, name: &str, text: &str) {
    let expected = expected_refusal(&[1, 2], ring.tag_length(), text);
    for purpose in Purpose::ALL {
        let result = ring.verify(purpose, text, issued());
        assert_eq!(code_of(result), expected, "{name}: {text:?} for {purpose}");
    }
}

#[test]
fn every_single_bit_flip_of_the_bytes_is_refused() {
    let ring = ring();
    for (name, token) in tokens_to_tamper() {
        let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
        for index in 0..bytes.len() {
            for bit in 0..8 {
                let mut flipped = bytes.clone();
                flipped[index] ^= 1 << bit;
                let text = URL_SAFE_NO_PAD.encode(&flipped);
                let code = code_of(ring.verify(Purpose::Click, &text, issued()));
                let expected = match index {
                    0 => "token.unsupported_version",
                    // Key ids 1 and 2: flipping bit 0 of 2 gives 3, bit 1 gives 0; of 1 bit 0 → 0
                    // and bit 1 → 3; no single flip turns one ring id into the other.
                    1 => "token.unknown_key",
                    _ => "token.bad_tag",
                };
                assert_eq!(code, expected, "{name}: byte {index} bit {bit}");
                refuse_with_expected_reason(&ring, name, &text);
            }
        }
    }
}

#[test]
fn every_character_change_is_refused() {
    let ring = ring();
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.~ é"
            .chars()
            .collect();
    for (name, token) in tokens_to_tamper() {
        let chars: Vec<char> = token.chars().collect();
        for index in 0..chars.len() {
            let mut replacements: Vec<char> = alphabet.clone();
            // Every single-bit flip of the character too (those that stay one UTF-8 character).
            for bit in 0..7 {
                replacements.push(char::from(chars[index] as u8 ^ (1 << bit)));
            }
            for replacement in replacements {
                if replacement == chars[index] {
                    continue;
                }
                let mut changed = chars.clone();
                changed[index] = replacement;
                let text: String = changed.into_iter().collect();
                refuse_with_expected_reason(&ring, name, &text);
            }
        }
    }
}

#[test]
fn every_truncation_and_extension_is_refused() {
    let ring = ring();
    for (name, token) in tokens_to_tamper() {
        for length in 0..token.len() {
            refuse_with_expected_reason(&ring, name, &token[..length]);
        }
        for extension in [
            "A", "AA", "AAA", "AAAA", "w", "_-", "Zm9v", "=", "==", "\n", " ",
        ] {
            refuse_with_expected_reason(&ring, name, &format!("{token}{extension}"));
            refuse_with_expected_reason(&ring, name, &format!("{extension}{token}"));
        }
        for repeat in 1..=3 {
            refuse_with_expected_reason(&ring, name, &token.repeat(repeat + 1));
        }
    }
}

#[test]
fn base64_is_strict() {
    let ring = ring();
    let token = ring
        .issue(Purpose::Open, &Claims::default(), issued(), None)
        .unwrap();
    // 4 + 4 + 16 = 24 bytes = 32 characters: no padding would be needed, so add a byte to need it.
    let token_25 = ring
        .issue(
            Purpose::Open,
            &Claims {
                link: Some(1),
                ..Claims::default()
            },
            issued(),
            None,
        )
        .unwrap();
    assert_eq!((token.len(), token_25.len()), (32, 34));
    let padded = format!("{token_25}==");
    assert_eq!(
        code_of(ring.verify(Purpose::Open, &padded, issued())),
        "token.bad_base64"
    );
    let standard = token_25.replace('-', "+").replace('_', "/");
    if standard != token_25 {
        assert_eq!(
            code_of(ring.verify(Purpose::Open, &standard, issued())),
            "token.bad_base64"
        );
    }
    // Non-zero unused bits in the last character (34 characters carry 25 bytes and 4 unused bits).
    let last = token_25.as_bytes()[33];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let value = alphabet.iter().position(|&c| c == last).unwrap();
    let mut with_bits = token_25.clone().into_bytes();
    with_bits[33] = alphabet[value | 1];
    let with_bits = String::from_utf8(with_bits).unwrap();
    let error = ring
        .verify(Purpose::Open, &with_bits, issued())
        .unwrap_err();
    assert_eq!(error.code(), "token.bad_base64");
    assert!(
        error.to_string().contains("non-zero unused bits"),
        "{error}"
    );
    let error = ring.verify(Purpose::Open, "abc$", issued()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "token: not URL-safe base64 without padding: character '$' at position 3 is not in the alphabet"
    );
}

#[test]
fn wrong_lengths_name_the_range() {
    let ring = ring();
    let error = ring.verify(Purpose::Open, "AAAA", issued()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "token: 3 bytes, a token has 21 to 99 bytes"
    );
    let error = ring
        .verify(Purpose::Open, &"A".repeat(200), issued())
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "token: 200 characters, a token has 28 to 132 characters"
    );
    assert_eq!(
        code_of(ring.verify(Purpose::Open, "", issued())),
        "token.wrong_length"
    );
}

// ---- Keys ---------------------------------------------------------------------------------------

#[test]
fn a_retired_key_verifies_but_never_signs_and_a_removed_key_is_gone() {
    let claims = typical_claims();
    let only_1 = KeyRing::new([(1, SECRET_1.to_vec())], 1).unwrap();
    let old = only_1
        .issue(Purpose::Click, &claims, issued(), None)
        .unwrap();
    let old_sealed = only_1
        .issue_sealed(Purpose::Click, &claims, issued(), None)
        .unwrap();
    // Rotation: key 2 active, key 1 retired.
    let rotated = ring();
    for token in [&old, &old_sealed] {
        let verified = rotated.verify(Purpose::Click, token, issued()).unwrap();
        assert_eq!((verified.key_id, verified.claims), (1, claims));
    }
    let new = rotated
        .issue(Purpose::Click, &claims, issued(), None)
        .unwrap();
    assert_eq!(
        rotated
            .verify(Purpose::Click, &new, issued())
            .unwrap()
            .key_id,
        2
    );
    assert_eq!(URL_SAFE_NO_PAD.decode(&new).unwrap()[1], 2);
    let sealed = rotated
        .issue_sealed(Purpose::Click, &claims, issued(), None)
        .unwrap();
    assert_eq!(URL_SAFE_NO_PAD.decode(&sealed).unwrap()[1], 2);
    // The old ring does not know key 2.
    assert!(matches!(
        only_1.verify(Purpose::Click, &new, issued()),
        Err(TokenError::UnknownKey { key_id: 2 })
    ));
    // Key 1 removed.
    let only_2 = KeyRing::new([(2, SECRET_2.to_vec())], 2).unwrap();
    for token in [&old, &old_sealed] {
        let error = only_2.verify(Purpose::Click, token, issued()).unwrap_err();
        assert_eq!(error, TokenError::UnknownKey { key_id: 1 });
        assert_eq!(
            error.to_string(),
            "key id 1: not in the key ring (never added or removed)"
        );
    }
    assert!(only_2.verify(Purpose::Click, &new, issued()).is_ok());
    // Another secret under the same id: the tag does not match.
    let impostor = KeyRing::new([(2, vec![0x33; 32])], 2).unwrap();
    assert_eq!(
        code_of(impostor.verify(Purpose::Click, &new, issued())),
        "token.bad_tag"
    );
    assert_eq!(
        code_of(impostor.verify(Purpose::Click, &sealed, issued())),
        "token.bad_tag"
    );
}

#[test]
fn key_ring_refusals_name_the_key() {
    let error = KeyRing::new([(1, SECRET_1.to_vec()), (9, vec![0; 31])], 1).unwrap_err();
    assert_eq!(
        error,
        TokenError::KeyTooShort {
            key_id: 9,
            length: 31,
            min: 32
        }
    );
    assert_eq!(
        KeyRing::new([(5, vec![0; 32]), (5, vec![1; 32])], 5).unwrap_err(),
        TokenError::DuplicateKey { key_id: 5 }
    );
    assert_eq!(
        KeyRing::new(Vec::<(u8, Vec<u8>)>::new(), 0).unwrap_err(),
        TokenError::ActiveKeyMissing { key_id: 0 }
    );
    assert!(KeyRing::new([(0, vec![0; 32]), (255, vec![1; 100])], 255).is_ok());
    let debug = format!("{:?}", ring());
    assert!(!debug.contains("17") && !debug.contains("0x11"), "{debug}");
}

#[test]
fn tag_length_is_a_parameter() {
    let claims = typical_claims();
    for tag_length in 16..=32 {
        let ring = ring().with_tag_length(tag_length).unwrap();
        assert_eq!(ring.tag_length(), tag_length);
        let token = ring.issue(Purpose::Click, &claims, issued(), None).unwrap();
        assert_eq!(
            URL_SAFE_NO_PAD.decode(&token).unwrap().len(),
            4 + 15 + tag_length
        );
        assert!(ring.verify(Purpose::Click, &token, issued()).is_ok());
        // Another ring length refuses it, with the documented reason.
        for other in [16, 20, 32] {
            if other == tag_length {
                continue;
            }
            let other_ring = self::ring().with_tag_length(other).unwrap();
            let code = code_of(other_ring.verify(Purpose::Click, &token, issued()));
            assert_eq!(
                code,
                expected_refusal(&[1, 2], other, &token),
                "{tag_length} vs {other}"
            );
            assert!(
                code == "token.bad_tag" || code == "token.wrong_length",
                "{code}"
            );
        }
        // Cutting a longer tag down to 16 bytes does not give a valid 16-byte tag.
        if tag_length > 16 {
            let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
            let cut = URL_SAFE_NO_PAD.encode(&bytes[..bytes.len() - (tag_length - 16)]);
            assert_eq!(
                code_of(self::ring().verify(Purpose::Click, &cut, issued())),
                "token.bad_tag"
            );
        }
    }
    for bad in [0, 8, 15, 33, 64] {
        let error = ring().with_tag_length(bad).unwrap_err();
        assert_eq!(error.code(), "token.invalid_argument");
        assert!(
            error
                .to_string()
                .starts_with(&format!("tag_length: {bad} ")),
            "{error}"
        );
    }
}

// ---- Expiry and purpose ------------------------------------------------------------------------

#[test]
fn a_token_is_valid_strictly_before_its_expiry() {
    let ring = ring();
    for sealed in [false, true] {
        let issue = if sealed {
            KeyRing::issue_sealed
        } else {
            KeyRing::issue
        };
        let token = issue(
            &ring,
            Purpose::Approval,
            &typical_claims(),
            issued(),
            Some(expiry()),
        )
        .unwrap();
        assert!(
            ring.verify(Purpose::Approval, &token, issued() - Duration::days(1))
                .is_ok()
        ); // clock skew
        assert!(
            ring.verify(Purpose::Approval, &token, expiry() - Duration::seconds(1))
                .is_ok()
        );
        assert!(
            ring.verify(
                Purpose::Approval,
                &token,
                expiry() - Duration::nanoseconds(1)
            )
            .is_ok()
        );
        let error = ring
            .verify(Purpose::Approval, &token, expiry())
            .unwrap_err();
        assert_eq!(
            error,
            TokenError::Expired {
                expires_at: expiry(),
                now: expiry()
            }
        );
        assert_eq!(
            code_of(ring.verify(Purpose::Approval, &token, expiry() + Duration::days(400))),
            "token.expired"
        );
        // The purpose is checked before the expiry.
        assert_eq!(
            code_of(ring.verify(Purpose::Open, &token, expiry())),
            "token.wrong_purpose"
        );
    }
    let forever = ring
        .issue(Purpose::Approval, &typical_claims(), issued(), None)
        .unwrap();
    assert!(
        ring.verify(Purpose::Approval, &forever, at("+200000-01-01T00:00:00Z"))
            .is_ok()
    );
}

#[test]
fn a_token_for_one_purpose_is_refused_for_every_other() {
    let ring = ring();
    for made_for in Purpose::ALL {
        for sealed in [false, true] {
            let issue = if sealed {
                KeyRing::issue_sealed
            } else {
                KeyRing::issue
            };
            let token =
                issue(&ring, made_for, &typical_claims(), issued(), Some(expiry())).unwrap();
            for used_for in Purpose::ALL {
                let result = ring.verify(used_for, &token, issued());
                if used_for == made_for {
                    assert_eq!(result.unwrap().purpose, made_for);
                } else {
                    assert_eq!(
                        result.unwrap_err(),
                        TokenError::WrongPurpose {
                            expected: used_for,
                            found: made_for
                        }
                    );
                }
            }
            // Rewriting the purpose byte breaks the tag.
            let mut bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
            for other in Purpose::ALL.into_iter().filter(|&other| other != made_for) {
                bytes[2] = Purpose::ALL.iter().position(|&p| p == other).unwrap() as u8 + 1;
                let text = URL_SAFE_NO_PAD.encode(&bytes);
                assert_eq!(
                    code_of(ring.verify(other, &text, issued())),
                    "token.bad_tag"
                );
            }
        }
    }
}

#[test]
fn purposes_read_and_write_their_names() {
    for purpose in Purpose::ALL {
        assert_eq!(purpose.as_str().parse::<Purpose>().unwrap(), purpose);
        assert_eq!(purpose.to_string(), purpose.as_str());
        assert_eq!(
            serde_json::to_string(&purpose).unwrap(),
            format!("\"{}\"", purpose.as_str())
        );
    }
    for unknown in ["", "Open", "OPEN", "reset", " open", "secure-email"] {
        let error = unknown.parse::<Purpose>().unwrap_err();
        assert_eq!(error.code(), "token.unknown_purpose");
        assert!(
            error.to_string().contains(&format!("{unknown:?}")),
            "{error}"
        );
    }
}

// ---- Sealed -------------------------------------------------------------------------------------

#[test]
fn a_sealed_token_shows_no_claim() {
    let ring = ring();
    let claims = typical_claims();
    let sealed = ring
        .issue_sealed(Purpose::SecureEmail, &claims, issued(), Some(expiry()))
        .unwrap();
    let signed = ring
        .issue(Purpose::SecureEmail, &claims, issued(), Some(expiry()))
        .unwrap();
    let sealed_bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
    let signed_bytes = URL_SAFE_NO_PAD.decode(&signed).unwrap();
    let contains =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    let since_2025 = (issued().timestamp() - 1_735_689_600) as u64;
    for value in [12_345u64, 1_234_567, 45_678_901, since_2025, 90 * 86_400] {
        let mut encoded = Vec::new();
        varint(value, &mut encoded);
        assert!(
            contains(&signed_bytes, &encoded),
            "the signed token shows {value}"
        );
        assert!(
            !contains(&sealed_bytes, &encoded),
            "the sealed token shows {value}"
        );
    }
    assert_eq!(sealed_bytes[..4], [1, 2, 6, 0xbf]);
    let verified = ring
        .verify(Purpose::SecureEmail, &sealed, issued())
        .unwrap();
    assert_eq!(
        (verified.claims, verified.expires_at),
        (claims, Some(expiry()))
    );
    assert_eq!(verified.token_id.as_bytes()[..], sealed_bytes[4..20]);
    // The header is authenticated: clearing the sealed bit or a presence bit breaks it.
    for flag in [0x80u8, 0x01, 0x20] {
        let mut altered = sealed_bytes.clone();
        altered[3] ^= flag;
        let text = URL_SAFE_NO_PAD.encode(&altered);
        assert_eq!(
            code_of(ring.verify(Purpose::SecureEmail, &text, issued())),
            "token.bad_tag"
        );
    }
}

#[test]
fn token_ids_are_stable_and_distinct() {
    let ring = ring();
    let reset = |account: u64| {
        let claims = Claims {
            account: Some(account),
            ..Claims::default()
        };
        let token = ring
            .issue(Purpose::PasswordReset, &claims, issued(), Some(expiry()))
            .unwrap();
        ring.verify(Purpose::PasswordReset, &token, issued())
            .unwrap()
            .token_id
    };
    assert_eq!(reset(1), reset(1));
    assert_ne!(reset(1), reset(2));
    let id = reset(1);
    assert_eq!(id.to_string().parse::<TokenId>().unwrap(), id);
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(serde_json::from_str::<TokenId>(&json).unwrap(), id);
    for bad in [
        "",
        "abc",
        "AAAAAAAAAAAAAAAAAAAAAB",
        "AAAAAAAAAAAAAAAAAAAAA=",
        "AAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        assert_eq!(
            bad.parse::<TokenId>().unwrap_err().code(),
            "token.invalid_argument",
            "{bad}"
        );
    }
}

#[test]
fn verified_and_claims_are_plain_data() {
    let ring = ring();
    let token = ring
        .issue(Purpose::Click, &typical_claims(), issued(), Some(expiry()))
        .unwrap();
    let verified = ring.verify(Purpose::Click, &token, issued()).unwrap();
    let json = serde_json::to_value(&verified).unwrap();
    assert_eq!(json["purpose"], "click");
    assert_eq!(json["key_id"], 2);
    assert_eq!(json["claims"]["recipient"], 45_678_901);
    assert_eq!(json["issued_at"], "2026-06-01T09:00:00Z");
    assert_eq!(json["expires_at"], "2026-08-30T09:00:00Z");
    assert_eq!(serde_json::from_value::<Verified>(json).unwrap(), verified);
    assert_eq!(serde_json::to_string(&Claims::default()).unwrap(), "{}");
}

// ---- One-time codes ----------------------------------------------------------------------------

fn code_expiry() -> Instant {
    issued() + Duration::minutes(15)
}

fn crockford(length: u8, max_attempts: u32) -> CodePolicy {
    CodePolicy {
        alphabet: CodeAlphabet::Crockford,
        length,
        max_attempts,
    }
}

fn issue_code(ring: &KeyRing, challenge_id: &str, policy: &CodePolicy) -> (String, CodeChallenge) {
    ring.issue_code(
        Purpose::SenderVerification,
        &typical_claims(),
        challenge_id,
        issued(),
        code_expiry(),
        policy,
    )
    .unwrap()
}

/// A code of the policy's alphabet and length that is not `code`.
fn wrong_code(code: &str, policy: &CodePolicy) -> String {
    let replacement = |c: char| match policy.alphabet {
        CodeAlphabet::Digits => {
            if c == '9' {
                '0'
            } else {
                '9'
            }
        }
        CodeAlphabet::Crockford => {
            if c == 'Z' {
                '0'
            } else {
                'Z'
            }
        }
    };
    let mut chars: Vec<char> = code.chars().collect();
    chars[0] = replacement(chars[0]);
    chars.into_iter().collect()
}

fn check(
    ring: &KeyRing,
    challenge: &mut CodeChallenge,
    given: &str,
    now: Instant,
) -> Result<Verified, TokenError> {
    ring.check_code(Purpose::SenderVerification, challenge, given, now)
}

#[test]
fn the_right_code_opens_once() {
    let ring = ring();
    for policy in [
        CodePolicy::default(),
        crockford(8, 3),
        crockford(16, 1),
        CodePolicy {
            length: 10,
            ..CodePolicy::default()
        },
    ] {
        let (code, mut challenge) = issue_code(&ring, "challenge-1", &policy);
        assert_eq!(code.len(), usize::from(policy.length));
        match policy.alphabet {
            CodeAlphabet::Digits => assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}"),
            CodeAlphabet::Crockford => {
                assert!(
                    code.bytes()
                        .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)),
                    "{code}"
                )
            }
        }
        assert_eq!(
            (challenge.key_id, challenge.state, challenge.attempts_left()),
            (2, CodeState::Pending, policy.max_attempts)
        );
        let verified = check(&ring, &mut challenge, &code, issued()).unwrap();
        assert_eq!(verified.claims, typical_claims());
        assert_eq!(verified.purpose, Purpose::SenderVerification);
        assert_eq!(verified.expires_at, Some(code_expiry()));
        assert_eq!(
            (
                challenge.state,
                challenge.attempts_used,
                challenge.attempts_left()
            ),
            (CodeState::Used, 1, 0)
        );
        assert_eq!(
            check(&ring, &mut challenge, &code, issued()).unwrap_err(),
            TokenError::CodeUsed
        );
        let wrong = wrong_code(&code, &policy);
        assert_eq!(
            check(&ring, &mut challenge, &wrong, issued()).unwrap_err(),
            TokenError::CodeUsed
        );
        assert_eq!(challenge.attempts_used, 1);
    }
}

#[test]
fn wrong_codes_count_down_to_locked() {
    let ring = ring();
    let policy = CodePolicy::default();
    let (code, mut challenge) = issue_code(&ring, "challenge-2", &policy);
    let wrong = wrong_code(&code, &policy);
    for left in (1..5).rev() {
        let error = check(&ring, &mut challenge, &wrong, issued()).unwrap_err();
        assert_eq!(
            error,
            TokenError::CodeMismatch {
                attempts_left: left
            }
        );
        assert_eq!(
            error.to_string(),
            format!("code: wrong code, {left} attempts left")
        );
        assert_eq!(challenge.attempts_left(), left);
    }
    let error = check(&ring, &mut challenge, &wrong, issued()).unwrap_err();
    assert_eq!(error, TokenError::CodeLocked { attempts: 5 });
    assert_eq!(
        error.to_string(),
        "code: locked after 5 wrong attempts; ask for a new code"
    );
    assert_eq!(
        (challenge.state, challenge.attempts_used),
        (CodeState::Locked, 5)
    );
    // Locked: even the right code is refused, and nothing more is counted.
    assert_eq!(
        check(&ring, &mut challenge, &code, issued())
            .unwrap_err()
            .code(),
        "token.code_locked"
    );
    assert_eq!(challenge.attempts_used, 5);
    // A single-attempt policy locks on the first wrong code.
    let (code, mut challenge) = issue_code(&ring, "challenge-3", &crockford(8, 1));
    let error = check(
        &ring,
        &mut challenge,
        &wrong_code(&code, &crockford(8, 1)),
        issued(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "token.code_locked");
    // A challenge stored with every attempt used (and a stale state) is locked too.
    let (code, mut challenge) = issue_code(&ring, "challenge-4", &policy);
    challenge.attempts_used = 5;
    assert_eq!(
        check(&ring, &mut challenge, &code, issued())
            .unwrap_err()
            .code(),
        "token.code_locked"
    );
    assert_eq!(challenge.state, CodeState::Locked);
}

#[test]
fn a_code_is_valid_strictly_before_its_expiry() {
    let ring = ring();
    let (code, challenge) = issue_code(&ring, "challenge-5", &CodePolicy::default());
    let mut late = challenge.clone();
    let error = check(&ring, &mut late, &code, code_expiry()).unwrap_err();
    assert_eq!(
        error,
        TokenError::CodeExpired {
            expires_at: code_expiry(),
            now: code_expiry()
        }
    );
    assert_eq!(late, challenge, "an expired check changes nothing");
    let mut just_in_time = challenge.clone();
    assert!(
        check(
            &ring,
            &mut just_in_time,
            &code,
            code_expiry() - Duration::seconds(1)
        )
        .is_ok()
    );
    let error = ring
        .issue_code(
            Purpose::SecureEmail,
            &Claims::default(),
            "c",
            issued(),
            issued(),
            &CodePolicy::default(),
        )
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_time");
}

#[test]
fn typed_codes_are_read_leniently_and_malformed_ones_cost_nothing() {
    let ring = ring();
    let (code, challenge) = issue_code(&ring, "challenge-6", &CodePolicy::default());
    let spaced = format!(" {} {} ", &code[..3], &code[3..]);
    let dashed = format!("{}-{}", &code[..3], &code[3..]);
    for typed in [spaced.as_str(), dashed.as_str(), &format!("{code}\n")] {
        let mut fresh = challenge.clone();
        assert!(
            check(&ring, &mut fresh, typed, issued()).is_ok(),
            "{typed:?}"
        );
    }
    for malformed in [
        "",
        "12345",
        "1234567",
        "12345a",
        "12 34 5",
        "１２３４５６",
        "O00000",
    ] {
        let mut fresh = challenge.clone();
        let error = check(&ring, &mut fresh, malformed, issued()).unwrap_err();
        assert_eq!(error.code(), "token.code_malformed", "{malformed:?}");
        assert!(
            error.to_string().ends_with("no attempt was used"),
            "{error}"
        );
        assert_eq!(fresh, challenge);
    }

    let policy = crockford(8, 3);
    // A challenge whose code holds a 1 twice and a 0, to type them as I, L and O.
    let (code, challenge) = (0..)
        .map(|n| issue_code(&ring, &format!("challenge-7-{n}"), &policy))
        .find(|(code, _)| code.contains('0') && code.matches('1').count() >= 2)
        .unwrap();
    // Lower case, I/L for 1 and O for 0, grouped.
    let confusable: String = code
        .chars()
        .enumerate()
        .map(|(index, c)| match (c, index % 2) {
            ('1', 0) => 'i',
            ('1', _) => 'L',
            ('0', _) => 'o',
            (c, _) => c.to_ascii_lowercase(),
        })
        .collect();
    assert!(confusable.contains('o') && confusable.contains('i') || confusable.contains('L'));
    let typed = format!("{}-{} ", &confusable[..4], &confusable[4..]);
    let mut fresh = challenge.clone();
    assert!(
        check(&ring, &mut fresh, &typed, issued()).is_ok(),
        "{typed:?} for {code}"
    );
    for malformed in ["UUUUUUUU", "ABCDEFG", "ABCDEFGHJ", "ABCD*FGH", "ÀBCDEFGH"] {
        let mut fresh = challenge.clone();
        assert_eq!(
            check(&ring, &mut fresh, malformed, issued())
                .unwrap_err()
                .code(),
            "token.code_malformed",
            "{malformed}"
        );
        assert_eq!(fresh.attempts_used, 0);
    }
}

#[test]
fn a_challenge_answers_its_purpose_and_its_key_only() {
    let ring = ring();
    let (code, challenge) = issue_code(&ring, "challenge-8", &CodePolicy::default());
    let mut other = challenge.clone();
    let error = ring
        .check_code(Purpose::SecureEmail, &mut other, &code, issued())
        .unwrap_err();
    assert_eq!(
        error,
        TokenError::WrongPurpose {
            expected: Purpose::SecureEmail,
            found: Purpose::SenderVerification
        }
    );
    assert_eq!(other, challenge);
    // Key 2 retired: the code still checks. Key 2 removed: unknown key.
    let retired = KeyRing::new([(2, SECRET_2.to_vec()), (3, vec![0x33; 32])], 3).unwrap();
    assert!(check(&retired, &mut challenge.clone(), &code, issued()).is_ok());
    let removed = KeyRing::new([(3, vec![0x33; 32])], 3).unwrap();
    assert_eq!(
        check(&removed, &mut challenge.clone(), &code, issued()).unwrap_err(),
        TokenError::UnknownKey { key_id: 2 }
    );
    // Another secret under id 2: the code does not match.
    let impostor = KeyRing::new([(2, vec![0x44; 32])], 2).unwrap();
    assert_eq!(
        check(&impostor, &mut challenge.clone(), &code, issued())
            .unwrap_err()
            .code(),
        "token.code_mismatch"
    );
}

#[test]
fn an_altered_challenge_never_matches() {
    let ring = ring();
    let (code, challenge) = issue_code(&ring, "challenge-9", &CodePolicy::default());
    let alterations: [fn(&mut CodeChallenge); 6] = [
        |c| c.claims.account = Some(1),
        |c| c.claims.link = None,
        |c| c.challenge_id.push('x'),
        |c| c.issued_at -= Duration::seconds(1),
        |c| c.expires_at += Duration::days(1),
        |c| c.policy.max_attempts = 10,
    ];
    for alter in alterations {
        let mut altered = challenge.clone();
        alter(&mut altered);
        let error = check(&ring, &mut altered, &code, issued()).unwrap_err();
        assert_eq!(error.code(), "token.code_mismatch", "{altered:?}");
    }
}

#[test]
fn codes_are_deterministic_and_spread() {
    let ring = ring();
    let policy = CodePolicy::default();
    assert_eq!(
        issue_code(&ring, "same", &policy),
        issue_code(&ring, "same", &policy)
    );
    let mut digit_counts = [0u32; 10];
    let mut codes = std::collections::BTreeSet::new();
    for index in 0..1000 {
        let (code, _) = issue_code(&ring, &format!("challenge-{index}"), &policy);
        for b in code.bytes() {
            digit_counts[usize::from(b - b'0')] += 1;
        }
        codes.insert(code);
    }
    assert!(codes.len() >= 995, "{} distinct codes of 1000", codes.len());
    // 6000 digits: 600 each expected; 5 standard deviations is about 116.
    assert!(
        digit_counts
            .iter()
            .all(|&count| (480..=720).contains(&count)),
        "{digit_counts:?}"
    );
    let mut symbol_counts = [0u32; 32];
    for index in 0..1000 {
        let (code, _) = issue_code(&ring, &format!("challenge-{index}"), &crockford(8, 3));
        for b in code.bytes() {
            let alphabet = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
            symbol_counts[alphabet.iter().position(|&a| a == b).unwrap()] += 1;
        }
    }
    // 8000 symbols: 250 each expected; 5 standard deviations is about 78.
    assert!(
        symbol_counts
            .iter()
            .all(|&count| (170..=330).contains(&count)),
        "{symbol_counts:?}"
    );
}

#[test]
fn code_policies_and_challenge_ids_are_checked() {
    let ring = ring();
    let issue = |id: &str, policy: CodePolicy| {
        ring.issue_code(
            Purpose::SecureEmail,
            &Claims::default(),
            id,
            issued(),
            code_expiry(),
            &policy,
        )
    };
    for (policy, field) in [
        (
            CodePolicy {
                length: 5,
                ..CodePolicy::default()
            },
            "length",
        ),
        (
            CodePolicy {
                length: 11,
                ..CodePolicy::default()
            },
            "length",
        ),
        (crockford(17, 3), "length"),
        (crockford(5, 3), "length"),
        (
            CodePolicy {
                max_attempts: 0,
                ..CodePolicy::default()
            },
            "max_attempts",
        ),
        (
            CodePolicy {
                max_attempts: 11,
                ..CodePolicy::default()
            },
            "max_attempts",
        ),
    ] {
        match issue("c", policy) {
            Err(TokenError::InvalidArgument { field: found, .. }) => {
                assert_eq!(found, field, "{policy:?}")
            }
            other => panic!("{policy:?}: {other:?}"),
        }
    }
    for id in [String::new(), "x".repeat(129)] {
        assert!(matches!(
            issue(&id, CodePolicy::default()),
            Err(TokenError::InvalidArgument {
                field: "challenge_id",
                ..
            })
        ));
    }
    assert!(issue(&"x".repeat(128), CodePolicy::default()).is_ok());
}

#[test]
fn a_challenge_is_plain_data() {
    let ring = ring();
    let (code, mut challenge) = issue_code(&ring, "challenge-10", &crockford(8, 3));
    let json = serde_json::to_value(&challenge).unwrap();
    assert_eq!(json["purpose"], "sender_verification");
    assert_eq!(json["policy"]["alphabet"], "crockford");
    assert_eq!(json["state"], "pending");
    assert_eq!(json["expires_at"], "2026-06-01T09:15:00Z");
    assert!(
        !json.to_string().contains(&code),
        "the challenge does not hold the code"
    );
    let mut back: CodeChallenge = serde_json::from_value(json).unwrap();
    assert_eq!(back, challenge);
    assert!(check(&ring, &mut back, &code, issued()).is_ok());
    assert!(check(&ring, &mut challenge, &code, issued()).is_ok());
    assert_eq!(serde_json::to_value(&challenge).unwrap()["state"], "used");
}

proptest! {
    #[test]
    fn every_issued_code_checks(
        claims in any_claims(),
        purpose in any_purpose(),
        challenge_id in "[ -~]{1,40}",
        crockford_alphabet in any::<bool>(),
        length in 6u8..=10,
        lifetime in 1i64..100_000,
    ) {
        let ring = ring();
        let policy = CodePolicy {
            alphabet: if crockford_alphabet { CodeAlphabet::Crockford } else { CodeAlphabet::Digits },
            length,
            max_attempts: 3,
        };
        let expires_at = issued() + Duration::seconds(lifetime);
        let (code, mut challenge) = ring.issue_code(purpose, &claims, &challenge_id, issued(), expires_at, &policy).unwrap();
        prop_assert_eq!(code.len(), usize::from(length));
        let verified = ring.check_code(purpose, &mut challenge, &code.to_lowercase(), expires_at - Duration::seconds(1)).unwrap();
        prop_assert_eq!(verified.claims, claims);
        prop_assert_eq!(challenge.state, CodeState::Used);
    }

    #[test]
    fn any_typed_text_is_refused_without_panic(given in "\\PC{0,30}") {
        let ring = ring();
        let (code, mut challenge) = issue_code(&ring, "fuzzed", &crockford(8, 10));
        let result = check(&ring, &mut challenge, &given, issued());
        let normalised: String = given.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>()
            .to_uppercase().replace(['I', 'L'], "1").replace('O', "0");
        prop_assert_eq!(result.is_ok(), normalised == code);
    }
}

// ---- Error codes --------------------------------------------------------------------------------

#[test]
fn every_error_has_its_stable_code() {
    let now = issued();
    let cases: Vec<(TokenError, &str)> = vec![
        (
            TokenError::BadBase64 { reason: "x".into() },
            "token.bad_base64",
        ),
        (
            TokenError::WrongLength {
                length: 1,
                unit: "bytes",
                min: 21,
                max: 99,
            },
            "token.wrong_length",
        ),
        (
            TokenError::UnsupportedVersion {
                version: 2,
                supported: 1,
            },
            "token.unsupported_version",
        ),
        (TokenError::UnknownKey { key_id: 3 }, "token.unknown_key"),
        (TokenError::BadTag { key_id: 3 }, "token.bad_tag"),
        (
            TokenError::NonCanonical {
                field: "flags",
                rule: "x",
            },
            "token.non_canonical",
        ),
        (
            TokenError::WrongPurpose {
                expected: Purpose::Open,
                found: Purpose::Click,
            },
            "token.wrong_purpose",
        ),
        (
            TokenError::Expired {
                expires_at: now,
                now,
            },
            "token.expired",
        ),
        (
            TokenError::UnknownPurpose { value: "x".into() },
            "token.unknown_purpose",
        ),
        (
            TokenError::KeyTooShort {
                key_id: 1,
                length: 3,
                min: 32,
            },
            "token.key_too_short",
        ),
        (
            TokenError::DuplicateKey { key_id: 1 },
            "token.duplicate_key",
        ),
        (
            TokenError::ActiveKeyMissing { key_id: 1 },
            "token.active_key_missing",
        ),
        (
            TokenError::InvalidTime {
                field: "issued_at",
                value: now,
                rule: "x",
            },
            "token.invalid_time",
        ),
        (
            TokenError::InvalidArgument {
                field: "tag_length",
                value: "1".into(),
                rule: "x",
            },
            "token.invalid_argument",
        ),
        (
            TokenError::CodeMalformed { reason: "x".into() },
            "token.code_malformed",
        ),
        (
            TokenError::CodeMismatch { attempts_left: 2 },
            "token.code_mismatch",
        ),
        (
            TokenError::CodeExpired {
                expires_at: now,
                now,
            },
            "token.code_expired",
        ),
        (TokenError::CodeLocked { attempts: 5 }, "token.code_locked"),
        (TokenError::CodeUsed, "token.code_used"),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.family(), "token");
        assert!(!error.to_string().is_empty());
        assert!(seen.insert(code), "{code} twice");
    }
}
