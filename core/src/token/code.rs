//! Human one-time codes (sender verification, secure email): derived, not drawn, so the core stays
//! free of randomness; the host stores the [`CodeChallenge`] and hands it back to check a code.

use std::hint::black_box;

use serde::{Deserialize, Serialize};

use crate::time::Instant;

use super::keyring::RingKey;
use super::wire::{self, Buffer, Times};
use super::{Claims, KeyRing, Purpose, TokenError, TokenId, Verified};

/// The label before a code's inputs in its MAC.
const CODE_LABEL: &[u8] = b"envoi-code-v1\0";
/// The label of a code's [`TokenId`] (a MAC distinct from the code's, so the id says nothing of it).
const CODE_ID_LABEL: &[u8] = b"envoi-code-id-v1\0";
/// Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The longest challenge id, in bytes.
const MAX_CHALLENGE_ID_LENGTH: usize = 128;

/// The characters of a one-time code.
///
/// ```
/// use envoi::token::CodeAlphabet;
///
/// assert_eq!(serde_json::to_string(&CodeAlphabet::Crockford)?, "\"crockford\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeAlphabet {
    /// Decimal digits, for an SMS or a phone keypad: 6 to 10 of them.
    Digits,
    /// Crockford's base32 (`0–9 A–Z` without I, L, O, U), 5 bits a character: 6 to 16 of them.
    /// Read in any case, with I and L read as 1 and O as 0.
    Crockford,
}

/// How a one-time code looks and how many tries it allows.
///
/// With `max_attempts` wrong codes the challenge locks: the chance that guessing opens it is
/// `max_attempts / 10^length` (digits) or `max_attempts / 32^length` (Crockford); the default, 6
/// digits and 5 attempts, gives 1 in 200 000.
///
/// ```
/// use envoi::token::{CodeAlphabet, CodePolicy};
///
/// let policy = CodePolicy::default();
/// assert_eq!((policy.alphabet, policy.length, policy.max_attempts), (CodeAlphabet::Digits, 6, 5));
/// assert_eq!(serde_json::to_string(&policy)?, r#"{"alphabet":"digits","length":6,"max_attempts":5}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CodePolicy {
    /// The characters of the code.
    pub alphabet: CodeAlphabet,
    /// The number of characters: 6 to 10 digits, 6 to 16 Crockford characters.
    pub length: u8,
    /// Wrong codes allowed before the challenge locks: 1 to 10.
    pub max_attempts: u32,
}

impl Default for CodePolicy {
    fn default() -> CodePolicy {
        CodePolicy {
            alphabet: CodeAlphabet::Digits,
            length: 6,
            max_attempts: 5,
        }
    }
}

impl CodePolicy {
    /// Checks the policy's ranges: 6 to 10 digits, or 6 to 16 Crockford characters, and 1 to 10
    /// attempts. [`KeyRing::issue_code`] checks it too; a host (or a policy that embeds this one)
    /// can check it when it is configured rather than at the first code.
    ///
    /// ```
    /// use envoi::token::{CodeAlphabet, CodePolicy};
    /// assert!(CodePolicy::default().check().is_ok());
    /// let short = CodePolicy { alphabet: CodeAlphabet::Digits, length: 4, max_attempts: 5 };
    /// assert_eq!(envoi::ErrorCode::code(&short.check().unwrap_err()), "token.invalid_argument");
    /// ```
    ///
    /// # Errors
    /// [`TokenError::InvalidArgument`] naming `length` or `max_attempts`.
    pub fn check(&self) -> Result<(), TokenError> {
        let (lengths, rule) = match self.alphabet {
            CodeAlphabet::Digits => (
                6..=10,
                "is out of range: a code of digits has 6 to 10 of them",
            ),
            CodeAlphabet::Crockford => (
                6..=16,
                "is out of range: a Crockford code has 6 to 16 characters",
            ),
        };
        if !lengths.contains(&self.length) {
            return Err(TokenError::InvalidArgument {
                field: "length",
                value: self.length.to_string(),
                rule,
            });
        }
        if !(1..=10).contains(&self.max_attempts) {
            return Err(TokenError::InvalidArgument {
                field: "max_attempts",
                value: self.max_attempts.to_string(),
                rule: "is out of range: a code allows 1 to 10 attempts",
            });
        }
        Ok(())
    }
}

/// Where a code challenge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeState {
    /// Waiting for the right code.
    Pending,
    /// The right code was given once; the challenge is spent.
    Used,
    /// Every attempt was used on wrong codes.
    Locked,
}

/// A one-time code sent to a person, as the host stores it (plain data, JSON-friendly), until the
/// code comes back to [`KeyRing::check_code`].
///
/// The code itself is not stored: it is recomputed from these fields with the ring key, so a
/// challenge whose fields were altered (claims, times, policy, challenge id) never matches. The
/// host must store `attempts_used` and `state` faithfully after each check: they are what makes
/// the attempts bounded and the code single use. Checks of one challenge must also be serialised
/// (a row lock, or a compare-and-swap on the stored value): two checks made in parallel from the
/// same stored copy would each get the attempts left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeChallenge {
    /// The ring key the code was derived with (the active key at issue).
    pub key_id: u8,
    /// What the code is for.
    pub purpose: Purpose,
    /// What the code proves (the account and recipient whose address is verified…).
    pub claims: Claims,
    /// The host's unique id of this challenge (its record id, or a random nonce of its own).
    pub challenge_id: String,
    /// When the code was issued, to the whole second.
    pub issued_at: Instant,
    /// The code is valid strictly before this instant, to the whole second.
    pub expires_at: Instant,
    /// The code's alphabet, length and attempts.
    pub policy: CodePolicy,
    /// Codes checked so far (right or wrong).
    pub attempts_used: u32,
    /// Where the challenge stands.
    pub state: CodeState,
}

impl CodeChallenge {
    /// Wrong codes still allowed before the challenge locks (0 once used or locked).
    pub fn attempts_left(&self) -> u32 {
        match self.state {
            CodeState::Pending => self.policy.max_attempts.saturating_sub(self.attempts_used),
            CodeState::Used | CodeState::Locked => 0,
        }
    }

    /// The MAC of the challenge's fields (everything but its progress) under `label`.
    fn mac(&self, key: &RingKey, label: &[u8]) -> Result<[u8; 32], TokenError> {
        let times = Times::new(self.issued_at, Some(self.expires_at))?;
        let mut input = Buffer::new();
        input.extend(&[
            wire::purpose_byte(self.purpose),
            wire::presence_flags(&self.claims, times),
            match self.policy.alphabet {
                CodeAlphabet::Digits => 1,
                CodeAlphabet::Crockford => 2,
            },
            self.policy.length,
        ]);
        wire::push_payload(&mut input, &self.claims, times);
        input.push_varint(u64::from(self.policy.max_attempts));
        input.push_varint(self.challenge_id.len() as u64);
        Ok(key.mac_of(&[label, input.as_slice(), self.challenge_id.as_bytes()]))
    }

    /// The code's characters (canonical: digits, or upper-case Crockford), `policy.length` of them.
    fn expected_code(&self, key: &RingKey) -> Result<Code, TokenError> {
        let mac = self.mac(key, CODE_LABEL)?;
        let length = usize::from(self.policy.length);
        let mut code = Code {
            bytes: [0; 16],
            length,
        };
        match self.policy.alphabet {
            CodeAlphabet::Digits => {
                let mut number = u64::from_be_bytes(first_bytes(&mac));
                // 10^10 is 2^33.2: the bias of the remainder is below 10^-9.
                number %= 10u64.pow(u32::from(self.policy.length));
                for slot in code.bytes.iter_mut().take(length).rev() {
                    *slot = b'0' + (number % 10) as u8;
                    number /= 10;
                }
            }
            CodeAlphabet::Crockford => {
                // 5 bits a character, from the MAC's first 10 bytes (80 bits, 16 characters).
                let bits = u128::from_be_bytes(first_bytes(&mac));
                for (index, slot) in code.bytes.iter_mut().take(length).enumerate() {
                    let value = (bits >> (123 - 5 * index)) & 0x1f;
                    *slot = CROCKFORD.get(value as usize).copied().unwrap_or(b'0');
                }
            }
        }
        Ok(code)
    }

    fn check_fields(&self) -> Result<(), TokenError> {
        self.policy.check()?;
        if self.challenge_id.is_empty() || self.challenge_id.len() > MAX_CHALLENGE_ID_LENGTH {
            return Err(TokenError::InvalidArgument {
                field: "challenge_id",
                value: self.challenge_id.chars().take(40).collect(),
                rule: "must have 1 to 128 bytes: the host's unique id of the challenge",
            });
        }
        Ok(())
    }
}

/// The first `N` bytes of a MAC.
fn first_bytes<const N: usize>(mac: &[u8; 32]) -> [u8; N] {
    let mut bytes = [0u8; N];
    for (byte, source) in bytes.iter_mut().zip(mac) {
        *byte = *source;
    }
    bytes
}

/// A code's characters, at most 16.
struct Code {
    bytes: [u8; 16],
    length: usize,
}

impl Code {
    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.length)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("")
    }

    /// Reads a typed code: spaces and dashes ignored, any case, Crockford's I and L as 1 and O as 0.
    fn normalise(given: &str, policy: &CodePolicy) -> Result<Code, TokenError> {
        let length = usize::from(policy.length);
        let mut code = Code {
            bytes: [0; 16],
            length: 0,
        };
        for character in given.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let byte = match (policy.alphabet, character.to_ascii_uppercase()) {
                (CodeAlphabet::Digits, digit @ '0'..='9') => digit as u8,
                (CodeAlphabet::Crockford, 'I' | 'L') => b'1',
                (CodeAlphabet::Crockford, 'O') => b'0',
                (CodeAlphabet::Crockford, c) if c.is_ascii() && CROCKFORD.contains(&(c as u8)) => {
                    c as u8
                }
                _ => {
                    let alphabet = match policy.alphabet {
                        CodeAlphabet::Digits => "digits",
                        CodeAlphabet::Crockford => "Crockford base32: 0-9 and A-Z without U",
                    };
                    return Err(TokenError::CodeMalformed {
                        reason: format!(
                            "{character:?} is not a character of this code ({alphabet})"
                        ),
                    });
                }
            };
            if let Some(slot) = code.bytes.get_mut(code.length) {
                *slot = byte;
            }
            code.length += 1;
        }
        if code.length != length {
            return Err(TokenError::CodeMalformed {
                reason: format!(
                    "{} characters without spaces and dashes, the code has {length}",
                    code.length
                ),
            });
        }
        Ok(code)
    }

    /// Whether two codes of the same length are equal, in time independent of where they differ.
    fn matches(&self, other: &Code) -> bool {
        let mut difference = 0u8;
        for (a, b) in self.bytes.iter().zip(&other.bytes) {
            difference |= black_box(a ^ b);
        }
        black_box(difference) == 0 && self.length == other.length
    }
}

impl KeyRing {
    /// A one-time code for `purpose` about `claims`, to send to a person (by SMS, email or the
    /// second channel of a secure email), and the [`CodeChallenge`] the host stores to check it.
    ///
    /// The code is an HMAC, with the active key, of the purpose, the claims, the times, the policy
    /// and `challenge_id` (the host's unique id of the challenge: the same inputs give the same
    /// code, so a re-send shows the same code and another challenge another one). It is valid
    /// strictly before `expires_at` (times to the whole second, rounded down) for
    /// `policy.max_attempts` checks.
    ///
    /// Refused: an invalid policy or `challenge_id` (`token.invalid_argument`), times a token could
    /// not carry (`token.invalid_time`).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::token::{Claims, CodePolicy, CodeState, KeyRing, Purpose};
    ///
    /// let ring = KeyRing::new([(1, vec![7; 32])], 1)?;
    /// let claims = Claims { account: Some(42), recipient: Some(9), ..Claims::default() };
    /// let issued_at = "2026-05-04T10:00:00Z".parse()?;
    /// let expires_at = "2026-05-04T10:15:00Z".parse()?;
    /// let (code, mut challenge) = ring.issue_code(
    ///     Purpose::SenderVerification, &claims, "verification-8812", issued_at, expires_at,
    ///     &CodePolicy::default())?;
    /// assert_eq!(code.len(), 6);
    ///
    /// let wrong = if code == "000000" { "000001" } else { "000000" };
    /// let error = ring.check_code(Purpose::SenderVerification, &mut challenge, wrong, issued_at).unwrap_err();
    /// assert_eq!((error.code(), challenge.attempts_left()), ("token.code_mismatch", 4));
    ///
    /// let verified = ring.check_code(Purpose::SenderVerification, &mut challenge, &code, issued_at)?;
    /// assert_eq!((verified.claims, challenge.state), (claims, CodeState::Used));
    /// let again = ring.check_code(Purpose::SenderVerification, &mut challenge, &code, issued_at);
    /// assert_eq!(again.unwrap_err().code(), "token.code_used");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn issue_code(
        &self,
        purpose: Purpose,
        claims: &Claims,
        challenge_id: &str,
        issued_at: Instant,
        expires_at: Instant,
        policy: &CodePolicy,
    ) -> Result<(String, CodeChallenge), TokenError> {
        let times = Times::new(issued_at, Some(expires_at))?;
        let (issued_at, expires_at) = times.instants()?;
        let expires_at = expires_at.unwrap_or(issued_at);
        let key = self.active_key();
        let challenge = CodeChallenge {
            key_id: key.id,
            purpose,
            claims: *claims,
            challenge_id: challenge_id.to_owned(),
            issued_at,
            expires_at,
            policy: *policy,
            attempts_used: 0,
            state: CodeState::Pending,
        };
        challenge.check_fields()?;
        let code = challenge.expected_code(key)?;
        Ok((code.as_str().to_owned(), challenge))
    }

    /// Checks a code a person typed against its challenge at `now`, and records the attempt in
    /// `challenge` (the host stores it back, whatever the result).
    ///
    /// `given` is read leniently: spaces and dashes ignored, any case, and for Crockford codes I
    /// and L read as 1, O as 0. The comparison takes the same time wherever the codes differ.
    ///
    /// In order, without using an attempt: `token.wrong_purpose` (a challenge made for another
    /// purpose), `token.code_used` (the right code was given before: single use),
    /// `token.code_locked` (no attempt left), `token.code_expired` (valid strictly before
    /// `expires_at`), `token.unknown_key` (the challenge's key was removed from the ring),
    /// `token.code_malformed` (characters outside the alphabet or the wrong number of them: it
    /// cannot be a guess). Then the attempt counts: the right code gives what the challenge
    /// proves and spends it; a wrong one gives `token.code_mismatch` with the attempts left, or
    /// `token.code_locked` when it was the last.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::token::{Claims, CodeAlphabet, CodePolicy, KeyRing, Purpose, TokenError};
    ///
    /// let ring = KeyRing::new([(1, vec![7; 32])], 1)?;
    /// let policy = CodePolicy { alphabet: CodeAlphabet::Crockford, length: 8, max_attempts: 2 };
    /// let issued_at = "2026-05-04T10:00:00Z".parse()?;
    /// let expires_at = "2026-05-04T10:15:00Z".parse()?;
    /// let (code, mut challenge) = ring.issue_code(
    ///     Purpose::SecureEmail, &Claims::default(), "c-1", issued_at, expires_at, &policy)?;
    ///
    /// let typed = format!("{}-{}", code[..4].to_lowercase(), &code[4..]); // "abcd-EFGH" reads as "ABCDEFGH"
    /// let wrong = if code.starts_with('Z') { "00000000" } else { "ZZZZZZZZ" };
    /// assert_eq!(ring.check_code(Purpose::SecureEmail, &mut challenge, "ZZZZ", issued_at).unwrap_err().code(),
    ///            "token.code_malformed");
    /// assert_eq!(ring.check_code(Purpose::SecureEmail, &mut challenge, wrong, issued_at).unwrap_err(),
    ///            TokenError::CodeMismatch { attempts_left: 1 });
    /// assert!(ring.check_code(Purpose::SecureEmail, &mut challenge, &typed, issued_at).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_code(
        &self,
        purpose: Purpose,
        challenge: &mut CodeChallenge,
        given: &str,
        now: Instant,
    ) -> Result<Verified, TokenError> {
        if challenge.purpose != purpose {
            return Err(TokenError::WrongPurpose {
                expected: purpose,
                found: challenge.purpose,
            });
        }
        match challenge.state {
            CodeState::Used => return Err(TokenError::CodeUsed),
            CodeState::Locked => {
                return Err(TokenError::CodeLocked {
                    attempts: challenge.policy.max_attempts,
                });
            }
            CodeState::Pending => {}
        }
        if challenge.attempts_used >= challenge.policy.max_attempts {
            challenge.state = CodeState::Locked;
            return Err(TokenError::CodeLocked {
                attempts: challenge.policy.max_attempts,
            });
        }
        if now >= challenge.expires_at {
            return Err(TokenError::CodeExpired {
                expires_at: challenge.expires_at,
                now,
            });
        }
        let key = self.key(challenge.key_id)?;
        challenge.check_fields()?;
        let given = Code::normalise(given, &challenge.policy)?;
        let expected = challenge.expected_code(key)?;
        challenge.attempts_used = challenge.attempts_used.saturating_add(1);
        if !expected.matches(&given) {
            if challenge.attempts_used >= challenge.policy.max_attempts {
                challenge.state = CodeState::Locked;
                return Err(TokenError::CodeLocked {
                    attempts: challenge.policy.max_attempts,
                });
            }
            return Err(TokenError::CodeMismatch {
                attempts_left: challenge.attempts_left(),
            });
        }
        challenge.state = CodeState::Used;
        let id = challenge.mac(key, CODE_ID_LABEL)?;
        Ok(Verified {
            purpose,
            key_id: challenge.key_id,
            claims: challenge.claims,
            issued_at: challenge.issued_at,
            expires_at: Some(challenge.expires_at),
            token_id: TokenId::from_bytes(first_bytes(&id)),
        })
    }
}
