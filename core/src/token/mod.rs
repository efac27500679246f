//! Signed tokens (SPEC section 8): one machinery for every link and code envoi hands out.
//!
//! Open pixels and tracked links, approval links for letters, sender-verification codes, password
//! reset and secure-email access all use the same compact, URL-safe, authenticated tokens, signed
//! with a [`KeyRing`] that supports rotation. A token made for one [`Purpose`] is refused for another.
//!
//! ```
//! use envoi::ErrorCode;
//! use envoi::time::Instant;
//! use envoi::token::{Claims, KeyRing, Purpose};
//!
//! let issued_at: Instant = "2026-06-01T09:00:00Z".parse()?;
//! let expires_at: Instant = "2026-08-30T09:00:00Z".parse()?;
//! let claims = Claims { account: Some(12_345), message: Some(1_234_567), occurrence: Some(3),
//!                       recipient: Some(45_678_901), link: Some(7), credential: None };
//!
//! // Key 1 signs.
//! let ring = KeyRing::new([(1, vec![0x11; 32])], 1)?;
//! let token = ring.issue(Purpose::Click, &claims, issued_at, Some(expires_at))?;
//! assert_eq!(token.len(), 52);
//! let verified = ring.verify(Purpose::Click, &token, issued_at)?;
//! assert_eq!((verified.claims, verified.key_id), (claims, 1));
//! assert_eq!(ring.verify(Purpose::Open, &token, issued_at).unwrap_err().code(), "token.wrong_purpose");
//!
//! // Rotation: key 2 signs, key 1 is retired and still verifies what it signed.
//! let rotated = KeyRing::new([(1, vec![0x11; 32]), (2, vec![0x22; 32])], 2)?;
//! assert_eq!(rotated.verify(Purpose::Click, &token, issued_at)?.key_id, 1);
//! let new_token = rotated.issue(Purpose::Click, &claims, issued_at, Some(expires_at))?;
//! assert_eq!(rotated.verify(Purpose::Click, &new_token, issued_at)?.key_id, 2);
//!
//! // Key 1 removed: its tokens are refused.
//! let later = KeyRing::new([(2, vec![0x22; 32])], 2)?;
//! assert_eq!(later.verify(Purpose::Click, &token, issued_at).unwrap_err().code(), "token.unknown_key");
//! assert_eq!(later.verify(Purpose::Click, &new_token, expires_at).unwrap_err().code(), "token.expired");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Wire format (version 1)
//!
//! A token is bytes written as base64url without padding (RFC 4648 section 5, alphabet
//! `A–Z a–z 0–9 - _`): URL-safe as is, in a path or a query. Signed (the default):
//!
//! | bytes | field |
//! |---|---|
//! | 1 | version, `1` |
//! | 1 | key id (`0–255`), the ring key that signed |
//! | 1 | purpose: `1` open, `2` click, `3` approval, `4` sender_verification, `5` password_reset, `6` secure_email |
//! | 1 | flags: `0x01` account, `0x02` message, `0x04` occurrence, `0x08` recipient, `0x10` link, `0x20` expiry present, `0x40` credential, `0x80` sealed |
//! | 1–10 each | the claims present, in the order account, message, occurrence, recipient, link, credential, as unsigned LEB128 varints |
//! | 1–10 | issued-at: whole seconds since 2025-01-01T00:00:00Z |
//! | 1–10 | if the expiry flag: the expiry as seconds after issued-at (at least 1) |
//! | 16–32 | tag: HMAC-SHA-256 truncated to the ring's tag length |
//!
//! The tag is `HMAC-SHA-256(key, "envoi-token-v1-mac\0" ‖ tag length as one byte ‖ every byte
//! before the tag)`, truncated to its leftmost [`DEFAULT_TAG_LENGTH`] = 16 bytes (128 bits) unless
//! the ring sets another length from [`MIN_TAG_LENGTH`] to [`MAX_TAG_LENGTH`] with
//! [`KeyRing::with_tag_length`]. The length is not in the token: a ring verifies its own length
//! only, so changing it invalidates the tokens outstanding (and a shorter tag cannot be cut from a
//! longer one: the length is under the MAC).
//!
//! Every bit of the flags byte is in use: the credential bit `0x40` was the reserved bit of the
//! first release (which refused it, so no token issued then carries it and every one of them reads
//! the same today). No flag bit is left reserved: a further field needs a new format version.
//!
//! Varints are minimal (no superfluous `0x80 0x00` tail) and within their type (u64 for account,
//! message and recipient, u32 for the occurrence and the credential, u16 for the link). Every token therefore has one
//! encoding, and `verify` refuses any other with `token.non_canonical`. Times are whole seconds:
//! `issue` rounds `issued_at` and `expires_at` down (so a token can expire up to a second early,
//! never late) and refuses an `issued_at` before 2025 or an expiry less than a second after it.
//! The 2025 origin saves a byte until 2033: issued-at takes 4 bytes until 2033-07 and 5 after.
//!
//! **Sealed** ([`KeyRing::issue_sealed`], flag `0x80`): the same header, then AES-SIV
//! (RFC 5297, AES-256-SIV: deterministic, no nonce, so the core needs no randomness) of the same
//! payload: `header ‖ SIV (16 bytes, the tag) ‖ ciphertext`. The 64-byte AES-SIV key is derived
//! from the ring key: `HMAC-SHA-256(key, "envoi-token-v1-seal\0" ‖ 0x01) ‖ HMAC-SHA-256(key,
//! "envoi-token-v1-seal\0" ‖ 0x02)`; the 4 header bytes are the associated data. The claims and
//! times are unreadable; what stays visible is the header (key id, purpose, which claims are
//! present) and the payload's length. The ring's tag length does not apply (the SIV is 128 bits).
//! Being deterministic, the same claims and times sealed with the same key give the same token.
//!
//! A signed token is authenticated, not encrypted: anyone can decode its ids and times (numbers,
//! never names or addresses). Seal it when even those must not be readable (SPEC section 8: no
//! personal data in clear), at no cost in length.
//!
//! # Verification order
//!
//! [`KeyRing::verify`] never panics and refuses with the first failing check, each with its code:
//!
//! 1. text longer than [`MAX_TOKEN_LENGTH`] characters (before decoding): `token.wrong_length`;
//! 2. base64url decoding, strict (no padding, no character outside the alphabet, no non-zero
//!    unused bits in the last character, no impossible length): `token.bad_base64`;
//! 3. length in bytes, at least the header: `token.wrong_length`;
//! 4. version: `token.unsupported_version`;
//! 5. key id in the ring: `token.unknown_key`, then the length for the format and that ring's tag
//!    length: `token.wrong_length`;
//! 6. tag, compared in constant time (sealed: the AES-SIV decryption): `token.bad_tag`;
//! 7. canonical payload (minimal varints within their types, no trailing byte, a known purpose
//!    byte, representable times): `token.non_canonical`;
//! 8. purpose: `token.wrong_purpose`;
//! 9. expiry: valid strictly before `expires_at`, `token.expired` from that instant on.
//!
//! A token issued after `now` (clock skew between the host's servers) is accepted.
//!
//! # Lengths
//!
//! The typical tracking token (account, message, occurrence, recipient and link ids of everyday
//! size, issued-at in 2026 and an expiry 90 days later, as in the example above) is 39 bytes: **52
//! characters**, signed or sealed (the SIV takes the 16 bytes of the tag). Without expiry it is 47
//! characters; each 16 bytes of extra tag length add 21 or 22 characters.
//!
//! The same payload in the usual peers (the five ids and both times as JSON, measured by
//! `benches/peers/token_compare.py` and `token_compare.mjs`):
//!
//! | token | characters |
//! |---|---:|
//! | envoi, signed (HMAC-SHA-256, 128-bit tag) | 52 |
//! | envoi, sealed (AES-SIV) | 52 |
//! | itsdangerous `URLSafeTimedSerializer` (HMAC-SHA1, compressed JSON) | 139 |
//! | Branca (XChaCha20-Poly1305) | 214 |
//! | JWT HS256 (`jsonwebtoken`) | 233 |
//!
//! # Single use (password reset)
//!
//! A password-reset token carries the account's credential version ([`Claims::credential`]): the
//! host bumps it at every password change, and a token whose version is not the current one is
//! refused, so a change kills every earlier token ([`crate::security::PasswordReset`] does both
//! checks). A token is stateless; single use is the host's record. [`Verified::token_id`] is a stable
//! 128-bit id of the token (the leftmost 16 bytes of its tag, or a sealed token's SIV): the host
//! stores it when a password-reset (or approval) token is used and refuses a token whose id is
//! stored until its expiry has passed (then the token refuses itself and the record can go). Two
//! tokens with the same purpose, claims and times are the same token and share an id.
//!
//! # One-time codes
//!
//! Sender verification and secure email also need a short code a person types: 6 to 10 digits or
//! 6 to 16 characters of Crockford base32, valid until an expiry, for a bounded number of attempts,
//! once. [`KeyRing::issue_code`] derives the code (no randomness in the core) as
//! `HMAC-SHA-256(active key, "envoi-code-v1\0" ‖ purpose ‖ flags ‖ alphabet ‖ length ‖ the claims,
//! issued-at and expiry as in a token ‖ max attempts ‖ the challenge id's length as a varint ‖
//! challenge id)`, reduced to the alphabet,
//! and gives the host a [`CodeChallenge`] to store; [`KeyRing::check_code`] recomputes the code
//! with the challenge's key, compares in constant time and updates the challenge: attempts used,
//! [`CodeState::Used`] after the right code, [`CodeState::Locked`] after the last wrong one.
//! The code is not in the challenge, so a leaked challenge store does not leak codes.

mod code;
mod error;
mod keyring;
mod wire;

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::time::Instant;

pub use code::{CodeAlphabet, CodeChallenge, CodePolicy, CodeState};
pub use error::TokenError;
pub use keyring::KeyRing;

/// The shortest key a ring accepts, in bytes (256 bits).
pub const MIN_KEY_LENGTH: usize = 32;
/// The tag length of a new ring, in bytes (128 bits).
pub const DEFAULT_TAG_LENGTH: usize = 16;
/// The shortest tag length a ring accepts, in bytes (128 bits).
pub const MIN_TAG_LENGTH: usize = 16;
/// The longest tag length a ring accepts, in bytes (256 bits, the whole HMAC-SHA-256).
pub const MAX_TAG_LENGTH: usize = 32;
/// The longest token text, in characters (132, for 99 bytes): the format's bound, with the header,
/// every claim and both times as 10-byte varints (the credential claim's 5 included) and a 32-byte
/// tag. Longer text is refused before it is decoded.
///
/// The longest token [`KeyRing::issue`] actually writes is shorter, 92 bytes (123 characters):
/// every claim at its maximum and a 32-byte tag, but the times cannot take 10 bytes each since
/// instants end in year 262143 (issued-at 7 bytes, the expiry after it 6).
///
/// ```
/// assert_eq!(envoi::token::MAX_TOKEN_LENGTH, 132);
/// ```
pub const MAX_TOKEN_LENGTH: usize = wire::base64_length(wire::MAX_TOKEN_BYTES);

/// What a token is for. A token made for one purpose is refused for every other.
///
/// ```
/// use envoi::token::Purpose;
///
/// assert_eq!("password_reset".parse::<Purpose>()?, Purpose::PasswordReset);
/// assert_eq!(Purpose::SenderVerification.as_str(), "sender_verification");
/// assert_eq!(serde_json::to_string(&Purpose::SecureEmail)?, "\"secure_email\"");
/// assert_eq!("pixel".parse::<Purpose>().unwrap_err().to_string(),
///            "purpose: \"pixel\" is not a purpose; use open, click, approval, sender_verification, password_reset or secure_email");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// An open pixel in a tracked email.
    Open,
    /// A tracked link in an email.
    Click,
    /// An approval link for a letter (SPEC section 9).
    Approval,
    /// A sender's email address or mobile number being verified (SPEC section 2).
    SenderVerification,
    /// A password reset link (SPEC section 1): single use, expiring.
    PasswordReset,
    /// Access to a secure email's content (the `secure_email` channel).
    SecureEmail,
}

impl Purpose {
    /// Every purpose, in the order of their bytes in a token.
    pub const ALL: [Purpose; 6] = [
        Purpose::Open,
        Purpose::Click,
        Purpose::Approval,
        Purpose::SenderVerification,
        Purpose::PasswordReset,
        Purpose::SecureEmail,
    ];

    /// The purpose's name: `"open"`, `"click"`, `"approval"`, `"sender_verification"`,
    /// `"password_reset"` or `"secure_email"` (also its JSON form).
    ///
    /// ```
    /// assert_eq!(envoi::token::Purpose::Click.as_str(), "click");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Open => "open",
            Purpose::Click => "click",
            Purpose::Approval => "approval",
            Purpose::SenderVerification => "sender_verification",
            Purpose::PasswordReset => "password_reset",
            Purpose::SecureEmail => "secure_email",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Purpose {
    type Err = TokenError;

    /// Reads a purpose's name, exactly as [`Purpose::as_str`] writes it.
    fn from_str(text: &str) -> Result<Purpose, TokenError> {
        Purpose::ALL
            .into_iter()
            .find(|purpose| purpose.as_str() == text)
            .ok_or_else(|| TokenError::UnknownPurpose {
                value: text.chars().take(40).collect(),
            })
    }
}

/// What a token says, every field optional: the ids of what it points to.
///
/// Tracking tokens carry the account, message, occurrence (which send of a repeated message),
/// recipient and link; a password-reset token the account and its credential version, and so on.
/// In JSON a missing field
/// is `None`, a `None` field is left out, and an unknown field is refused.
///
/// ```
/// use envoi::token::Claims;
///
/// let claims = Claims { account: Some(7), link: Some(2), ..Claims::default() };
/// assert_eq!(serde_json::to_string(&claims)?, r#"{"account":7,"link":2}"#);
/// assert_eq!(serde_json::from_str::<Claims>(r#"{"account":7,"link":2}"#)?, claims);
/// assert!(serde_json::from_str::<Claims>(r#"{"acount":7}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Claims {
    /// The account (the host's id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<u64>,
    /// The message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<u64>,
    /// The occurrence of a repeated message (which send).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
    /// The recipient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<u64>,
    /// The link in the message (its index).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<u16>,
    /// The version of the account's credential (its password) when the token was issued: the host
    /// increments it at every password change, so a password-reset token of an earlier version is
    /// refused (see [`crate::security::PasswordReset`]).
    ///
    /// ```
    /// use envoi::token::Claims;
    ///
    /// let claims = Claims { account: Some(7), credential: Some(3), ..Claims::default() };
    /// assert_eq!(serde_json::to_string(&claims)?, r#"{"account":7,"credential":3}"#);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<u32>,
}

/// A token that passed every check of [`KeyRing::verify`]: what it says and who signed it.
///
/// ```
/// use envoi::token::{Claims, KeyRing, Purpose};
///
/// let ring = KeyRing::new([(4, vec![7; 32])], 4)?;
/// let issued_at = "2026-01-15T10:00:00.750Z".parse()?;
/// let claims = Claims { account: Some(1), ..Claims::default() };
/// let token = ring.issue(Purpose::PasswordReset, &claims, issued_at, None)?;
/// let verified = ring.verify(Purpose::PasswordReset, &token, issued_at)?;
/// assert_eq!(verified.issued_at.to_rfc3339(), "2026-01-15T10:00:00+00:00"); // whole seconds
/// assert_eq!(verified.expires_at, None);
/// assert_eq!(verified.token_id.to_string().len(), 22);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    /// The purpose the token was made (and verified) for.
    pub purpose: Purpose,
    /// The ring key that signed it (active or retired).
    pub key_id: u8,
    /// What it says.
    pub claims: Claims,
    /// When it was issued, to the whole second.
    pub issued_at: Instant,
    /// When it expires (it was valid strictly before), if it does.
    pub expires_at: Option<Instant>,
    /// A stable id of this token, for a host that makes it single use (see the module docs).
    pub token_id: TokenId,
}

/// A stable 128-bit id of a token: the leftmost 16 bytes of its tag (a sealed token's SIV).
///
/// The tag is public (it is in the token), so the id reveals nothing the token does not. It shows
/// as 22 characters of base64url, also its JSON form.
///
/// ```
/// use envoi::token::TokenId;
///
/// let id = TokenId::from_bytes([0xfb; 16]);
/// assert_eq!(id.to_string(), "-_v7-_v7-_v7-_v7-_v7-w");
/// assert_eq!("-_v7-_v7-_v7-_v7-_v7-w".parse::<TokenId>(), Ok(id));
/// assert_eq!(serde_json::to_string(&id)?, "\"-_v7-_v7-_v7-_v7-_v7-w\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TokenId([u8; 16]);

impl TokenId {
    /// The id of these 16 bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> TokenId {
        TokenId(bytes)
    }

    /// The id's 16 bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Display for TokenId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&URL_SAFE_NO_PAD.encode(self.0))
    }
}

impl FromStr for TokenId {
    type Err = TokenError;

    /// Reads the 22 characters [`TokenId`]'s `Display` writes.
    fn from_str(text: &str) -> Result<TokenId, TokenError> {
        let refuse = || TokenError::InvalidArgument {
            field: "token_id",
            value: text.chars().take(40).collect(),
            rule: "is not 22 characters of base64url (16 bytes)",
        };
        if text.len() != 22 {
            return Err(refuse());
        }
        let mut bytes = [0u8; 18];
        let length = URL_SAFE_NO_PAD
            .decode_slice(text.as_bytes(), &mut bytes)
            .map_err(|_| refuse())?;
        let id: [u8; 16] = bytes
            .get(..length)
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(refuse)?;
        Ok(TokenId(id))
    }
}

impl Serialize for TokenId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TokenId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TokenId, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
