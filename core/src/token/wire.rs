//! The token's bytes: header, canonical LEB128 payload, base64url text. See the module documentation
//! of [`crate::token`] for the layout; this file is its one implementation.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::DateTime;

use crate::time::Instant;

use super::{Claims, Purpose, TokenError};

/// The format version this envoi writes and reads.
pub(crate) const VERSION: u8 = 1;
/// Bytes of the header: version, key id, purpose, flags.
pub(crate) const HEADER_LENGTH: usize = 4;
/// Seconds from the Unix epoch to 2025-01-01T00:00:00Z, the origin of `issued_at` in a token.
pub(crate) const EPOCH_UNIX_SECONDS: i64 = 1_735_689_600;
/// The SIV of a sealed token (AES-SIV's synthetic IV, which is also its tag).
pub(crate) const SIV_LENGTH: usize = 16;

pub(crate) const FLAG_ACCOUNT: u8 = 0x01;
pub(crate) const FLAG_MESSAGE: u8 = 0x02;
pub(crate) const FLAG_OCCURRENCE: u8 = 0x04;
pub(crate) const FLAG_RECIPIENT: u8 = 0x08;
pub(crate) const FLAG_LINK: u8 = 0x10;
pub(crate) const FLAG_EXPIRES: u8 = 0x20;
/// The credential version claim (password reset). Once reserved, it is the last free flag bit: no bit
/// of the flags byte is reserved any more, so a further field needs a new format version.
pub(crate) const FLAG_CREDENTIAL: u8 = 0x40;
pub(crate) const FLAG_SEALED: u8 = 0x80;

/// The longest payload: three u64 claims (10 bytes each), a u32 (5), a u16 (3), the u32 credential
/// version (5), issued-at and the expiry delta (10 each).
pub(crate) const MAX_PAYLOAD_LENGTH: usize = 10 + 10 + 5 + 10 + 3 + 5 + 10 + 10;
/// The shortest payload: issued-at alone, one byte.
pub(crate) const MIN_PAYLOAD_LENGTH: usize = 1;
/// The longest token in bytes (99): header, longest payload, longest tag. A bound of the format:
/// `issue` writes at most 92, since instants end in year 262143 (see [`MAX_TOKEN_LENGTH`]).
///
/// [`MAX_TOKEN_LENGTH`]: super::MAX_TOKEN_LENGTH
pub(crate) const MAX_TOKEN_BYTES: usize =
    HEADER_LENGTH + MAX_PAYLOAD_LENGTH + super::MAX_TAG_LENGTH;
/// The shortest token in bytes: header, one-byte payload, shortest tag (a sealed token's SIV has the
/// same 16 bytes).
pub(crate) const MIN_TOKEN_BYTES: usize =
    HEADER_LENGTH + MIN_PAYLOAD_LENGTH + super::MIN_TAG_LENGTH;

/// Characters of base64 without padding for `bytes` bytes.
pub(crate) const fn base64_length(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

/// A fixed-size byte buffer: tokens are built without allocating until the final text.
pub(crate) struct Buffer {
    bytes: [u8; MAX_TOKEN_BYTES],
    length: usize,
}

impl Buffer {
    pub(crate) fn new() -> Buffer {
        Buffer {
            bytes: [0; MAX_TOKEN_BYTES],
            length: 0,
        }
    }

    /// Appends bytes. The callers append at most `MAX_TOKEN_BYTES` in total (header, payload within
    /// its maximum, tag within its maximum), so the slice never overruns.
    pub(crate) fn extend(&mut self, more: &[u8]) {
        let end = self.length + more.len();
        if let Some(target) = self.bytes.get_mut(self.length..end) {
            target.copy_from_slice(more);
            self.length = end;
        }
    }

    pub(crate) fn push(&mut self, byte: u8) {
        self.extend(&[byte]);
    }

    /// Appends `value` as a minimal unsigned LEB128 varint.
    pub(crate) fn push_varint(&mut self, mut value: u64) {
        loop {
            let low = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.push(low);
                return;
            }
            self.push(low | 0x80);
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.length).unwrap_or(&[])
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        self.bytes.get_mut(..self.length).unwrap_or(&mut [])
    }
}

/// Whole seconds of an instant since [`EPOCH_UNIX_SECONDS`], rounded down; refused before it.
pub(crate) fn seconds_since_epoch(instant: Instant) -> Result<u64, TokenError> {
    let seconds = instant.timestamp() - EPOCH_UNIX_SECONDS;
    u64::try_from(seconds).map_err(|_| TokenError::InvalidTime {
        field: "issued_at",
        value: instant,
        rule: "is before 2025-01-01T00:00:00Z, the earliest time a token carries",
    })
}

/// The instant `seconds` after [`EPOCH_UNIX_SECONDS`], if representable.
pub(crate) fn instant_from_epoch_seconds(seconds: u64) -> Option<Instant> {
    let seconds = i64::try_from(seconds)
        .ok()?
        .checked_add(EPOCH_UNIX_SECONDS)?;
    DateTime::from_timestamp(seconds, 0)
}

/// The times a token carries, as encoded: issued-at since the epoch and the expiry as a delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Times {
    pub(crate) issued: u64,
    /// Seconds from issued-at to expiry, at least 1.
    pub(crate) expires_after: Option<u64>,
}

impl Times {
    /// Reads and checks the times given to `issue`: both rounded down to the whole second, issued-at
    /// not before 2025, the expiry at least one second after issued-at.
    pub(crate) fn new(
        issued_at: Instant,
        expires_at: Option<Instant>,
    ) -> Result<Times, TokenError> {
        let issued = seconds_since_epoch(issued_at)?;
        let expires_after = match expires_at {
            None => None,
            Some(expires) => {
                let delta = expires.timestamp() - issued_at.timestamp();
                match u64::try_from(delta) {
                    Ok(delta) if delta >= 1 => Some(delta),
                    _ => {
                        return Err(TokenError::InvalidTime {
                            field: "expires_at",
                            value: expires,
                            rule: "must be at least one whole second after issued_at",
                        });
                    }
                }
            }
        };
        Ok(Times {
            issued,
            expires_after,
        })
    }

    /// The instants, or the field that does not fit in an instant.
    pub(crate) fn instants(self) -> Result<(Instant, Option<Instant>), TokenError> {
        let issued_at =
            instant_from_epoch_seconds(self.issued).ok_or(TokenError::NonCanonical {
                field: "issued_at",
                rule: "beyond the last representable instant",
            })?;
        let expires_at = match self.expires_after {
            None => None,
            Some(delta) => Some(
                self.issued
                    .checked_add(delta)
                    .and_then(instant_from_epoch_seconds)
                    .ok_or(TokenError::NonCanonical {
                        field: "expires_at",
                        rule: "beyond the last representable instant",
                    })?,
            ),
        };
        Ok((issued_at, expires_at))
    }
}

/// The byte of a purpose in a token.
pub(crate) fn purpose_byte(purpose: Purpose) -> u8 {
    match purpose {
        Purpose::Open => 1,
        Purpose::Click => 2,
        Purpose::Approval => 3,
        Purpose::SenderVerification => 4,
        Purpose::PasswordReset => 5,
        Purpose::SecureEmail => 6,
    }
}

/// The purpose of a byte, if it is one.
pub(crate) fn purpose_of_byte(byte: u8) -> Option<Purpose> {
    Some(match byte {
        1 => Purpose::Open,
        2 => Purpose::Click,
        3 => Purpose::Approval,
        4 => Purpose::SenderVerification,
        5 => Purpose::PasswordReset,
        6 => Purpose::SecureEmail,
        _ => return None,
    })
}

/// The presence flags of claims and an expiry (without the sealed bit).
pub(crate) fn presence_flags(claims: &Claims, times: Times) -> u8 {
    let mut flags = 0;
    for (present, flag) in [
        (claims.account.is_some(), FLAG_ACCOUNT),
        (claims.message.is_some(), FLAG_MESSAGE),
        (claims.occurrence.is_some(), FLAG_OCCURRENCE),
        (claims.recipient.is_some(), FLAG_RECIPIENT),
        (claims.link.is_some(), FLAG_LINK),
        (times.expires_after.is_some(), FLAG_EXPIRES),
        (claims.credential.is_some(), FLAG_CREDENTIAL),
    ] {
        if present {
            flags |= flag;
        }
    }
    flags
}

/// Appends the payload: the present claims (account, message, occurrence, recipient, link,
/// credential), issued-at, the expiry delta.
pub(crate) fn push_payload(buffer: &mut Buffer, claims: &Claims, times: Times) {
    let varints = [
        claims.account,
        claims.message,
        claims.occurrence.map(u64::from),
        claims.recipient,
        claims.link.map(u64::from),
        claims.credential.map(u64::from),
        Some(times.issued),
        times.expires_after,
    ];
    for value in varints.into_iter().flatten() {
        buffer.push_varint(value);
    }
}

/// Reads a payload canonically: exactly the fields the flags announce, each a minimal varint within
/// its type, nothing after.
pub(crate) fn parse_payload(flags: u8, payload: &[u8]) -> Result<(Claims, Times), TokenError> {
    // Every bit of the flags byte has a meaning (0x80, sealed, is taken off by the caller): there is
    // no reserved bit left to refuse.
    let mut reader = Reader {
        bytes: payload,
        position: 0,
    };
    let mut field = |flag: u8, name: &'static str, bits: u32| -> Result<Option<u64>, TokenError> {
        if flags & flag == 0 {
            return Ok(None);
        }
        reader.varint(name, bits).map(Some)
    };
    let account = field(FLAG_ACCOUNT, "account", 64)?;
    let message = field(FLAG_MESSAGE, "message", 64)?;
    let occurrence = field(FLAG_OCCURRENCE, "occurrence", 32)?;
    let recipient = field(FLAG_RECIPIENT, "recipient", 64)?;
    let link = field(FLAG_LINK, "link", 16)?;
    let credential = field(FLAG_CREDENTIAL, "credential", 32)?;
    let expires_present = flags & FLAG_EXPIRES != 0;
    let issued = reader.varint("issued_at", 64)?;
    let expires_after = if expires_present {
        let delta = reader.varint("expires_at", 64)?;
        if delta == 0 {
            return Err(TokenError::NonCanonical {
                field: "expires_at",
                rule: "a zero delta: the expiry is at least one second after issued_at",
            });
        }
        Some(delta)
    } else {
        None
    };
    if reader.position != reader.bytes.len() {
        return Err(TokenError::NonCanonical {
            field: "payload",
            rule: "bytes after the last field",
        });
    }
    // The reader checked each value against its type's width, so these conversions hold.
    let claims = Claims {
        account,
        message,
        occurrence: occurrence.and_then(|value| u32::try_from(value).ok()),
        recipient,
        link: link.and_then(|value| u16::try_from(value).ok()),
        credential: credential.and_then(|value| u32::try_from(value).ok()),
    };
    Ok((
        claims,
        Times {
            issued,
            expires_after,
        },
    ))
}

struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl Reader<'_> {
    /// A minimal unsigned LEB128 varint of at most `bits` bits.
    fn varint(&mut self, field: &'static str, bits: u32) -> Result<u64, TokenError> {
        let mut value: u64 = 0;
        let mut shift: u32 = 0;
        loop {
            let Some(&byte) = self.bytes.get(self.position) else {
                return Err(TokenError::NonCanonical {
                    field,
                    rule: "the payload ends inside this varint",
                });
            };
            self.position += 1;
            let low = u64::from(byte & 0x7f);
            let too_wide = shift >= bits || (bits - shift < 7 && low >> (bits - shift) != 0);
            if too_wide {
                return Err(TokenError::NonCanonical {
                    field,
                    rule: "the varint exceeds its type's range",
                });
            }
            value |= low << shift;
            if byte & 0x80 == 0 {
                if byte == 0 && shift > 0 {
                    return Err(TokenError::NonCanonical {
                        field,
                        rule: "the varint has a superfluous zero byte (not minimal)",
                    });
                }
                return Ok(value);
            }
            shift += 7;
        }
    }
}

/// Encodes token bytes as base64url without padding.
pub(crate) fn encode_text(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes a token's text strictly (the one canonical base64url form without padding) into a buffer,
/// after refusing text longer than any token.
pub(crate) fn decode_text(text: &str) -> Result<Buffer, TokenError> {
    let max = base64_length(MAX_TOKEN_BYTES);
    if text.len() > max {
        return Err(TokenError::WrongLength {
            length: text.len(),
            unit: "characters",
            min: base64_length(MIN_TOKEN_BYTES),
            max,
        });
    }
    let mut buffer = Buffer::new();
    // 132 characters decode to at most 99 bytes, but the decoder asks room for whole 3-byte groups.
    let mut room = [0u8; MAX_TOKEN_BYTES + 3];
    let length = URL_SAFE_NO_PAD.decode_slice(text.as_bytes(), &mut room).map_err(|error| {
        use base64::{DecodeError, DecodeSliceError};
        let reason = match error {
            DecodeSliceError::DecodeError(DecodeError::InvalidByte(position, byte)) => {
                format!("character {} at position {position} is not in the alphabet", show_byte(byte))
            }
            DecodeSliceError::DecodeError(DecodeError::InvalidLastSymbol(position, byte)) => format!(
                "the last character {} at position {position} has non-zero unused bits",
                show_byte(byte)
            ),
            DecodeSliceError::DecodeError(DecodeError::InvalidLength(length)) => {
                format!("{length} characters is not a possible length (never 1 more than a multiple of 4)")
            }
            DecodeSliceError::DecodeError(DecodeError::InvalidPadding) => {
                "padding '=' is not used".to_owned()
            }
            DecodeSliceError::OutputSliceTooSmall => "longer than any token".to_owned(),
        };
        TokenError::BadBase64 { reason }
    })?;
    buffer.extend(room.get(..length).unwrap_or(&[]));
    Ok(buffer)
}

fn show_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() {
        format!("{:?}", char::from(byte))
    } else {
        format!("0x{byte:02x}")
    }
}
