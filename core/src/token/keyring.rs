use std::fmt;

use aes_siv::KeyInit;
use aes_siv::siv::Aes256Siv;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::time::Instant;

use super::wire::{
    self, Buffer, FLAG_SEALED, HEADER_LENGTH, MAX_PAYLOAD_LENGTH, MAX_TOKEN_BYTES,
    MIN_PAYLOAD_LENGTH, MIN_TOKEN_BYTES, SIV_LENGTH, Times, VERSION,
};
use super::{
    Claims, DEFAULT_TAG_LENGTH, MAX_TAG_LENGTH, MIN_KEY_LENGTH, MIN_TAG_LENGTH, Purpose,
    TokenError, TokenId, Verified,
};

type HmacSha256 = Hmac<Sha256>;

/// The label before the bytes of a signed token in its MAC.
const MAC_LABEL: &[u8] = b"envoi-token-v1-mac\0";
/// The label of the AES-SIV key derived for sealed tokens.
const SEAL_LABEL: &[u8] = b"envoi-token-v1-seal\0";

/// The keys that sign and verify tokens: each with a small integer id, one active for signing, the
/// others retired (they verify what they signed, never sign again). A key removed from the ring is
/// gone: its tokens are refused with `token.unknown_key`.
///
/// Rotation: add a new key and make it active, keep the old one as retired for as long as its
/// tokens must work, then remove it. Keys are secrets of at least [`MIN_KEY_LENGTH`] bytes (use
/// random bytes); the ring keeps only what it derives from them, and its `Debug` shows the ids alone.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::token::KeyRing;
///
/// let ring = KeyRing::new([(1, vec![1; 32]), (2, vec![2; 48])], 2)?;
/// assert_eq!(ring.active_key_id(), 2);
/// assert_eq!(ring.key_ids().collect::<Vec<_>>(), [1, 2]);
/// assert_eq!(format!("{ring:?}"), "KeyRing { key_ids: [1, 2], active: 2, tag_length: 16 }");
///
/// let error = KeyRing::new([(3, vec![0; 20])], 3).unwrap_err();
/// assert_eq!(error.code(), "token.key_too_short");
/// assert_eq!(error.to_string(), "key id 3: 20 bytes, a key needs at least 32 bytes (256 bits) of secret");
/// # Ok::<(), envoi::token::TokenError>(())
/// ```
#[derive(Clone)]
pub struct KeyRing {
    /// Every key, active and retired, sorted by id, ids unique.
    keys: Vec<RingKey>,
    /// The key that signs (also in `keys`).
    active: RingKey,
    tag_length: usize,
}

/// One key of the ring, as derived from its secret.
#[derive(Clone)]
pub(super) struct RingKey {
    pub(super) id: u8,
    /// HMAC-SHA-256 keyed with the secret (its inner and outer pads already absorbed).
    mac: HmacSha256,
    /// The AES-256-SIV key of sealed tokens.
    seal: [u8; 64],
}

impl RingKey {
    fn new(id: u8, secret: &[u8]) -> Result<RingKey, TokenError> {
        if secret.len() < MIN_KEY_LENGTH {
            return Err(TokenError::KeyTooShort {
                key_id: id,
                length: secret.len(),
                min: MIN_KEY_LENGTH,
            });
        }
        let mac =
            <HmacSha256 as Mac>::new_from_slice(secret).map_err(|_| TokenError::KeyTooShort {
                key_id: id,
                length: secret.len(),
                min: MIN_KEY_LENGTH,
            })?;
        let mut seal = [0u8; 64];
        for (half, counter) in seal.chunks_exact_mut(32).zip([1u8, 2]) {
            let mut derive = mac.clone();
            derive.update(SEAL_LABEL);
            derive.update(&[counter]);
            half.copy_from_slice(&derive.finalize().into_bytes());
        }
        Ok(RingKey { id, mac, seal })
    }

    /// HMAC-SHA-256 with this key of the concatenated parts.
    pub(super) fn mac_of(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// The full HMAC-SHA-256 tag of a signed token's bytes, for a tag of `tag_length` bytes.
    fn tag(&self, tag_length: usize, signed: &[u8]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        mac.update(MAC_LABEL);
        mac.update(&[tag_length as u8]);
        mac.update(signed);
        mac
    }

    fn siv(&self) -> Result<Aes256Siv, TokenError> {
        Aes256Siv::new_from_slice(&self.seal).map_err(|_| TokenError::InvalidArgument {
            field: "key",
            value: "64 derived bytes".to_owned(),
            rule: "were refused as an AES-256-SIV key",
        })
    }
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("KeyRing")
            .field("key_ids", &self.key_ids().collect::<Vec<_>>())
            .field("active", &self.active_key_id())
            .field("tag_length", &self.tag_length)
            .finish()
    }
}

impl KeyRing {
    /// A ring of these keys (id, secret) where `active` signs and every other key is retired.
    ///
    /// Refused: a key shorter than [`MIN_KEY_LENGTH`] bytes (`token.key_too_short`, naming its id and
    /// length), an id given twice (`token.duplicate_key`), an active id that is not among the keys
    /// (`token.active_key_missing`). The tag length is [`DEFAULT_TAG_LENGTH`]; see
    /// [`KeyRing::with_tag_length`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::token::KeyRing;
    ///
    /// assert!(KeyRing::new([(1, vec![9; 32])], 1).is_ok());
    /// assert_eq!(KeyRing::new([(1, vec![9; 32])], 2).unwrap_err().code(), "token.active_key_missing");
    /// assert_eq!(KeyRing::new([(1, vec![9; 32]), (1, vec![8; 32])], 1).unwrap_err().code(),
    ///            "token.duplicate_key");
    /// ```
    pub fn new(
        keys: impl IntoIterator<Item = (u8, Vec<u8>)>,
        active: u8,
    ) -> Result<KeyRing, TokenError> {
        let mut ring_keys: Vec<RingKey> = Vec::new();
        for (id, secret) in keys {
            if ring_keys.iter().any(|key| key.id == id) {
                return Err(TokenError::DuplicateKey { key_id: id });
            }
            ring_keys.push(RingKey::new(id, &secret)?);
        }
        ring_keys.sort_by_key(|key| key.id);
        let active = ring_keys
            .iter()
            .find(|key| key.id == active)
            .cloned()
            .ok_or(TokenError::ActiveKeyMissing { key_id: active })?;
        Ok(KeyRing {
            keys: ring_keys,
            active,
            tag_length: DEFAULT_TAG_LENGTH,
        })
    }

    /// The same ring with tags of `tag_length` bytes, from [`MIN_TAG_LENGTH`] (16, 128 bits) to
    /// [`MAX_TAG_LENGTH`] (32). A ring verifies tags of its own length only: tokens issued with
    /// another length are refused (`token.bad_tag` or `token.wrong_length`).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::token::{Claims, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![9; 32])], 1)?.with_tag_length(32)?;
    /// let issued_at = "2026-03-01T00:00:00Z".parse()?;
    /// let token = ring.issue(Purpose::Open, &Claims::default(), issued_at, None)?;
    /// assert_eq!(token.len(), 54); // 4 + 4 + 32 bytes
    /// assert!(ring.verify(Purpose::Open, &token, issued_at).is_ok());
    /// assert_eq!(KeyRing::new([(1, vec![9; 32])], 1)?.with_tag_length(8).unwrap_err().code(),
    ///            "token.invalid_argument");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_tag_length(self, tag_length: usize) -> Result<KeyRing, TokenError> {
        if !(MIN_TAG_LENGTH..=MAX_TAG_LENGTH).contains(&tag_length) {
            return Err(TokenError::InvalidArgument {
                field: "tag_length",
                value: tag_length.to_string(),
                rule: "is out of range: a tag has 16 (128 bits) to 32 bytes",
            });
        }
        Ok(KeyRing { tag_length, ..self })
    }

    /// The id of the key that signs.
    pub fn active_key_id(&self) -> u8 {
        self.active_key().id
    }

    /// The ids of every key in the ring (active and retired), in increasing order.
    pub fn key_ids(&self) -> impl Iterator<Item = u8> + '_ {
        self.keys.iter().map(|key| key.id)
    }

    /// The length of this ring's tags, in bytes.
    pub fn tag_length(&self) -> usize {
        self.tag_length
    }

    pub(super) fn active_key(&self) -> &RingKey {
        &self.active
    }

    pub(super) fn key(&self, id: u8) -> Result<&RingKey, TokenError> {
        self.keys
            .iter()
            .find(|key| key.id == id)
            .ok_or(TokenError::UnknownKey { key_id: id })
    }

    /// A signed token for `purpose` saying `claims`, issued at `issued_at`, valid strictly before
    /// `expires_at` when given, signed with the active key. Its text is base64url (URL-safe).
    ///
    /// Times are kept to the whole second, rounded down. Refused with `token.invalid_time`: an
    /// `issued_at` before 2025-01-01, an expiry less than a second after it.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::token::{Claims, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![9; 32])], 1)?;
    /// let claims = Claims { account: Some(42), message: Some(1_000), recipient: Some(77), ..Claims::default() };
    /// let issued_at = "2026-03-01T08:00:00Z".parse()?;
    /// let token = ring.issue(Purpose::Approval, &claims, issued_at, None)?;
    /// assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    /// assert_eq!(ring.verify(Purpose::Approval, &token, issued_at)?.claims, claims);
    ///
    /// let error = ring.issue(Purpose::Approval, &claims, issued_at, Some(issued_at)).unwrap_err();
    /// assert_eq!(error.code(), "token.invalid_time");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue(
        &self,
        purpose: Purpose,
        claims: &Claims,
        issued_at: Instant,
        expires_at: Option<Instant>,
    ) -> Result<String, TokenError> {
        let times = Times::new(issued_at, expires_at)?;
        let key = self.active_key();
        let mut buffer = Buffer::new();
        buffer.extend(&[
            VERSION,
            key.id,
            wire::purpose_byte(purpose),
            wire::presence_flags(claims, times),
        ]);
        wire::push_payload(&mut buffer, claims, times);
        let tag = key
            .tag(self.tag_length, buffer.as_slice())
            .finalize()
            .into_bytes();
        buffer.extend(tag.get(..self.tag_length).unwrap_or(&tag[..]));
        Ok(wire::encode_text(buffer.as_slice()))
    }

    /// A sealed token: like [`KeyRing::issue`], but the claims and times are encrypted with
    /// AES-256-SIV (see the module docs) so that nobody without the key can read them.
    /// [`KeyRing::verify`] reads both kinds.
    ///
    /// ```
    /// use envoi::token::{Claims, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![9; 32])], 1)?;
    /// let claims = Claims { account: Some(42), recipient: Some(77), ..Claims::default() };
    /// let issued_at = "2026-03-01T08:00:00Z".parse()?;
    /// let sealed = ring.issue_sealed(Purpose::SecureEmail, &claims, issued_at, None)?;
    /// assert_ne!(sealed, ring.issue(Purpose::SecureEmail, &claims, issued_at, None)?);
    /// assert_eq!(ring.verify(Purpose::SecureEmail, &sealed, issued_at)?.claims, claims);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_sealed(
        &self,
        purpose: Purpose,
        claims: &Claims,
        issued_at: Instant,
        expires_at: Option<Instant>,
    ) -> Result<String, TokenError> {
        let times = Times::new(issued_at, expires_at)?;
        let key = self.active_key();
        let header = [
            VERSION,
            key.id,
            wire::purpose_byte(purpose),
            wire::presence_flags(claims, times) | FLAG_SEALED,
        ];
        let mut payload = Buffer::new();
        wire::push_payload(&mut payload, claims, times);
        let siv = key
            .siv()?
            .encrypt_in_place_detached([&header[..]], payload.as_mut_slice())
            .map_err(|_| TokenError::InvalidArgument {
                field: "claims",
                value: format!("{claims:?}"),
                rule: "could not be sealed by AES-SIV",
            })?;
        let mut buffer = Buffer::new();
        buffer.extend(&header);
        buffer.extend(&siv);
        buffer.extend(payload.as_slice());
        Ok(wire::encode_text(buffer.as_slice()))
    }

    /// Checks a token (signed or sealed) for `purpose` at `now`, and says what it says.
    ///
    /// Refuses with the first check that fails, in the order of the module docs: `token.wrong_length`,
    /// `token.bad_base64`, `token.unsupported_version`, `token.unknown_key`, `token.bad_tag`,
    /// `token.non_canonical`, `token.wrong_purpose`, `token.expired` (a token is valid strictly
    /// before its expiry). Never panics, whatever the text.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::time::Instant;
    /// use envoi::token::{Claims, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![9; 32])], 1)?;
    /// let issued_at: Instant = "2026-03-01T08:00:00Z".parse()?;
    /// let expires_at: Instant = "2026-03-01T09:00:00Z".parse()?;
    /// let token = ring.issue(Purpose::Click, &Claims::default(), issued_at, Some(expires_at))?;
    ///
    /// let just_before = expires_at - chrono::Duration::seconds(1);
    /// assert_eq!(ring.verify(Purpose::Click, &token, just_before)?.expires_at, Some(expires_at));
    /// assert_eq!(ring.verify(Purpose::Click, &token, expires_at).unwrap_err().code(), "token.expired");
    /// assert_eq!(ring.verify(Purpose::Click, "not a token!", issued_at).unwrap_err().code(), "token.bad_base64");
    /// let mut altered = token.clone().into_bytes();
    /// altered[10] = if altered[10] == b'A' { b'B' } else { b'A' };
    /// let altered = String::from_utf8(altered)?;
    /// assert_eq!(ring.verify(Purpose::Click, &altered, issued_at).unwrap_err().code(), "token.bad_tag");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(
        &self,
        purpose: Purpose,
        token: &str,
        now: Instant,
    ) -> Result<Verified, TokenError> {
        let buffer = wire::decode_text(token)?;
        let bytes = buffer.as_slice();
        let wrong_length = |min: usize, max: usize| TokenError::WrongLength {
            length: bytes.len(),
            unit: "bytes",
            min,
            max,
        };
        if !(MIN_TOKEN_BYTES..=MAX_TOKEN_BYTES).contains(&bytes.len()) {
            return Err(wrong_length(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES));
        }
        let Some((header, rest)) = bytes.split_at_checked(HEADER_LENGTH) else {
            return Err(wrong_length(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES));
        };
        let &[version, key_id, purpose_byte, flags] = header else {
            return Err(wrong_length(MIN_TOKEN_BYTES, MAX_TOKEN_BYTES));
        };
        if version != VERSION {
            return Err(TokenError::UnsupportedVersion {
                version,
                supported: VERSION,
            });
        }
        let key = self.key(key_id)?;
        let mut plain = Buffer::new();
        let token_id: [u8; 16] = if flags & FLAG_SEALED != 0 {
            let (min, max) = (
                HEADER_LENGTH + SIV_LENGTH + MIN_PAYLOAD_LENGTH,
                HEADER_LENGTH + SIV_LENGTH + MAX_PAYLOAD_LENGTH,
            );
            if !(min..=max).contains(&bytes.len()) {
                return Err(wrong_length(min, max));
            }
            let Some((siv, ciphertext)) = rest.split_at_checked(SIV_LENGTH) else {
                return Err(wrong_length(min, max));
            };
            let siv: [u8; SIV_LENGTH] = siv.try_into().map_err(|_| wrong_length(min, max))?;
            plain.extend(ciphertext);
            key.siv()?
                .decrypt_in_place_detached([header], plain.as_mut_slice(), &siv.into())
                .map_err(|_| TokenError::BadTag { key_id })?;
            siv
        } else {
            let (min, max) = (
                HEADER_LENGTH + MIN_PAYLOAD_LENGTH + self.tag_length,
                HEADER_LENGTH + MAX_PAYLOAD_LENGTH + self.tag_length,
            );
            if !(min..=max).contains(&bytes.len()) {
                return Err(wrong_length(min, max));
            }
            let Some((signed, tag)) = bytes.split_at_checked(bytes.len() - self.tag_length) else {
                return Err(wrong_length(min, max));
            };
            key.tag(self.tag_length, signed)
                .verify_truncated_left(tag)
                .map_err(|_| TokenError::BadTag { key_id })?;
            plain.extend(signed.get(HEADER_LENGTH..).unwrap_or(&[]));
            tag.get(..16)
                .and_then(|id| id.try_into().ok())
                .ok_or(TokenError::BadTag { key_id })?
        };
        let (claims, times) = wire::parse_payload(flags & !FLAG_SEALED, plain.as_slice())?;
        let found = wire::purpose_of_byte(purpose_byte).ok_or(TokenError::NonCanonical {
            field: "purpose",
            rule: "the purpose byte is not 1 to 6",
        })?;
        let (issued_at, expires_at) = times.instants()?;
        if found != purpose {
            return Err(TokenError::WrongPurpose {
                expected: purpose,
                found,
            });
        }
        if let Some(expires_at) = expires_at
            && now >= expires_at
        {
            return Err(TokenError::Expired { expires_at, now });
        }
        Ok(Verified {
            purpose,
            key_id,
            claims,
            issued_at,
            expires_at,
            token_id: TokenId(token_id),
        })
    }
}
