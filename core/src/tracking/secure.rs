//! Secure-email access (the `secure_email` channel, SPEC section 1): an access link and, through a
//! second channel, a one-time code.
//!
//! See [`SecureAccess`] for the flow.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::error::{SecureAccessError, TrackingError};
use crate::time::Instant;
use crate::token::{Claims, CodeChallenge, CodePolicy, KeyRing, Purpose, TokenError};

/// The longest validity of an access: ten years of 365.25 days, in seconds.
pub const MAX_ACCESS_VALIDITY_SECONDS: u64 = 315_576_000;

/// How long secure content stays available and how the one-time codes work.
///
/// ```
/// use envoi::tracking::SecureAccessPolicy;
///
/// let policy = SecureAccessPolicy::default();
/// assert_eq!(policy.validity_seconds, 30 * 24 * 3600);
/// assert!(policy.require_code);
/// assert_eq!((policy.code.length, policy.code.max_attempts), (6, 5));
/// assert_eq!(policy.code_validity_seconds, 15 * 60);
/// assert_eq!((policy.max_codes, policy.max_failed_attempts), (5, 10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecureAccessPolicy {
    /// How long after its creation the content can be opened, in seconds (1 to ten years; default
    /// 30 days). At the end the access locks with [`LockReason::Expired`].
    pub validity_seconds: u64,
    /// Whether opening needs a one-time code besides the link: `true` when the sender has a second
    /// channel for the recipient (default). `false`: the link alone opens the content.
    pub require_code: bool,
    /// The code's alphabet, length and wrong attempts allowed per code (the key ring's
    /// [`CodePolicy`]; default 6 digits, 5 attempts).
    pub code: CodePolicy,
    /// How long one code stays valid, in seconds (60 to 86,400; default 15 minutes), and never past
    /// the access's own end.
    pub code_validity_seconds: u64,
    /// Codes that may be issued over the access's life (1 to 20; default 5): each re-send is one,
    /// and a re-send replaces the previous code. Each open uses up its code, so this also bounds
    /// the opens: with the default, a recipient opens the content at most 5 times, and the next
    /// code is refused with `tracking.secure_too_many_codes` (raise it for content read often).
    pub max_codes: u32,
    /// Wrong codes allowed over the access's life, whatever the code (1 to 100; default 10): the
    /// last one locks the access with [`LockReason::TooManyAttempts`]. Re-sending a code does not
    /// give new attempts beyond this bound.
    pub max_failed_attempts: u32,
}

impl Default for SecureAccessPolicy {
    fn default() -> SecureAccessPolicy {
        SecureAccessPolicy {
            validity_seconds: 30 * 24 * 3600,
            require_code: true,
            code: CodePolicy::default(),
            code_validity_seconds: 15 * 60,
            max_codes: 5,
            max_failed_attempts: 10,
        }
    }
}

/// Why an access is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// The validity period ended.
    Expired,
    /// The wrong codes allowed over the access's life were used.
    TooManyAttempts,
    /// The host revoked it (the sender withdrew the message).
    Revoked,
}

impl std::fmt::Display for LockReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LockReason::Expired => "the validity period ended",
            LockReason::TooManyAttempts => "too many wrong codes",
            LockReason::Revoked => "revoked by the sender",
        })
    }
}

/// When and why an access locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLock {
    /// Why.
    pub reason: LockReason,
    /// When: the end of the validity for [`LockReason::Expired`], else the time of the call that
    /// locked it.
    pub at: Instant,
}

/// The state of one recipient's access to one secure email, as the host stores it.
///
/// The recipient of a secure email gets a link carrying a sealed `secure_email` token (its claims
/// are encrypted: nobody reads which account, message or recipient it is for) and, when the sender
/// has a second channel for them (an SMS number), a short one-time code sent there. The content
/// opens with both, within the access's validity, for a bounded number of wrong codes; then the
/// access locks and says why ([`LockReason`]).
///
/// The host stores one [`SecureAccess`] per message and recipient (plain serde data) and stores it
/// back after every call that takes it `&mut`, whatever the outcome: the attempts counted and the
/// lock live there. Nothing here sends anything: [`SecureAccess::issue_code`] gives the code, the
/// host sends it.
///
/// These opens are not tracking events: they are counted in the access itself (for the sender's
/// audit) and must not be recorded in the engagement statistics. The seed's encryption module
/// gives the recipient control of the content (who opens it, until when), and that control is not
/// bound to statistics: opening a secure email is not an open in the statistics, and the secure
/// email's notification goes out without an open pixel or tracked links.
///
/// ```
/// use envoi::token::{Claims, KeyRing};
/// use envoi::tracking::{SecureAccess, SecureAccessPolicy};
///
/// let key_ring = KeyRing::new([(1, b"a secret of at least 32 bytes, really".to_vec())], 1)?;
/// let sent = "2026-03-02T09:00:00Z".parse()?;
/// let claims = Claims { account: Some(7), message: Some(42), recipient: Some(1001), ..Claims::default() };
///
/// // Sending: the link goes in the email, the access is stored.
/// let new = SecureAccess::create(&key_ring, claims, sent, SecureAccessPolicy::default())?;
/// let (mut access, link_token) = (new.access, new.token);
///
/// // The recipient follows the link: the host finds the access from the link...
/// let clicked = sent + chrono::TimeDelta::hours(2);
/// assert_eq!(SecureAccess::read_link(&key_ring, &link_token, clicked)?, claims);
/// // ...and sends a code through the second channel (SMS).
/// let code = access.issue_code(&key_ring, clicked)?;
///
/// // The recipient types it: the content opens.
/// let opened = access.open(&key_ring, &link_token, Some(&code), clicked)?;
/// assert_eq!((opened.claims, opened.open_count), (claims, 1));
/// // The code was single use.
/// assert_eq!(
///     envoi::ErrorCode::code(&access.open(&key_ring, &link_token, Some(&code), clicked).unwrap_err()),
///     "tracking.secure_code_used",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// As stored:
///
/// ```
/// use envoi::token::{Claims, KeyRing};
/// use envoi::tracking::{SecureAccess, SecureAccessPolicy};
///
/// let key_ring = KeyRing::new([(1, b"a secret of at least 32 bytes, really".to_vec())], 1)?;
/// let sent = "2026-03-02T09:00:00Z".parse()?;
/// let claims = Claims { message: Some(42), recipient: Some(1001), ..Claims::default() };
/// let access = SecureAccess::create(&key_ring, claims, sent, SecureAccessPolicy::default())?.access;
/// let json = serde_json::to_value(&access)?;
/// assert_eq!(json["expires_at"], "2026-04-01T09:00:00Z");
/// assert_eq!(json["lock"], serde_json::Value::Null);
/// let back: SecureAccess = serde_json::from_value(json)?;
/// assert_eq!(back, access);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecureAccess {
    /// Whose access to what: the link's claims (account, message, occurrence, recipient).
    pub claims: Claims,
    /// When the access was created (the send time).
    pub created_at: Instant,
    /// The end of the validity: the content opens strictly before it.
    pub expires_at: Instant,
    /// The policy it was created with.
    pub policy: SecureAccessPolicy,
    /// The current one-time code's challenge (the code itself is not stored), once one was issued.
    pub challenge: Option<CodeChallenge>,
    /// Codes issued so far.
    pub codes_issued: u32,
    /// Wrong codes given so far, over every code.
    pub failed_attempts: u32,
    /// Times the content was opened.
    pub open_count: u32,
    /// The first open.
    pub first_opened_at: Option<Instant>,
    /// The latest open.
    pub last_opened_at: Option<Instant>,
    /// The lock, once the access is locked (the expiry is recorded at the first call after it).
    pub lock: Option<AccessLock>,
}

/// A new access: the state to store and the token of the access link to put in the email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSecureAccess {
    /// The state the host stores.
    pub access: SecureAccess,
    /// The sealed `secure_email` token of the access link (the host builds the URL around it).
    pub token: String,
}

/// A successful open: show the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecureOpen {
    /// Whose access to what (the access's claims).
    pub claims: Claims,
    /// When.
    pub opened_at: Instant,
    /// Opens so far, this one included.
    pub open_count: u32,
}

impl SecureAccess {
    /// Creates the access to one secure email for one recipient at `created_at`: the state to store
    /// and the token of the access link.
    ///
    /// The token is sealed (its claims cannot be read without the key) and has no expiry of its own:
    /// the access's state carries the validity, so that a link followed after it is still
    /// recognised and answered with the lock reason [`LockReason::Expired`] rather than an
    /// anonymous refusal. The link alone never opens anything: the host needs the stored access.
    ///
    /// # Errors
    /// [`TrackingError::InvalidOption`] for a policy out of its ranges (the code policy by the key
    /// ring's rules); [`TrackingError::InvalidClaims`] when `claims.link` is set; the key ring's
    /// [`TrackingError::Token`] when it cannot issue.
    pub fn create(
        key_ring: &KeyRing,
        claims: Claims,
        created_at: Instant,
        policy: SecureAccessPolicy,
    ) -> Result<NewSecureAccess, TrackingError> {
        if let Some(link) = claims.link {
            return Err(TrackingError::InvalidClaims {
                field: "claims.link",
                value: link.to_string(),
                rule: "must be empty: a secure-email access is for a whole message",
            });
        }
        let expires_at = check_policy(&policy, created_at)?;
        let token = key_ring.issue_sealed(Purpose::SecureEmail, &claims, created_at, None)?;
        Ok(NewSecureAccess {
            access: SecureAccess {
                claims,
                created_at,
                expires_at,
                policy,
                challenge: None,
                codes_issued: 0,
                failed_attempts: 0,
                open_count: 0,
                first_opened_at: None,
                last_opened_at: None,
                lock: None,
            },
            token,
        })
    }

    /// Which access a link is for: the claims of a valid `secure_email` token, for the host to find
    /// the stored [`SecureAccess`].
    ///
    /// # Errors
    /// The key ring's reason (`token.*`) when the token does not verify as a `secure_email` token.
    pub fn read_link(key_ring: &KeyRing, token: &str, now: Instant) -> Result<Claims, TokenError> {
        key_ring
            .verify(Purpose::SecureEmail, token, now)
            .map(|verified| verified.claims)
    }

    /// The lock in force at `now`: the recorded one, or an expiry not yet recorded.
    pub fn lock_at(&self, now: Instant) -> Option<AccessLock> {
        self.lock.or_else(|| {
            (now >= self.expires_at).then_some(AccessLock {
                reason: LockReason::Expired,
                at: self.expires_at,
            })
        })
    }

    /// Wrong codes still allowed before the access locks: the fewer of the current code's and the
    /// access's own (0 when locked or when no code is pending).
    pub fn attempts_left(&self) -> u32 {
        if self.lock.is_some() {
            return 0;
        }
        let access_left = self
            .policy
            .max_failed_attempts
            .saturating_sub(self.failed_attempts);
        self.challenge
            .as_ref()
            .map_or(0, |challenge| challenge.attempts_left().min(access_left))
    }

    /// Locks the access for good at `now` with [`LockReason::Revoked`] (the sender withdrew the
    /// message). An access already locked keeps its first lock.
    pub fn revoke(&mut self, now: Instant) {
        if self.lock.is_none() {
            self.lock = Some(AccessLock {
                reason: LockReason::Revoked,
                at: now,
            });
        }
    }

    /// Issues a one-time code at `now` for the host to send through the second channel. It
    /// replaces any previous code, is valid for `policy.code_validity_seconds` (never past the
    /// access's end) and allows `policy.code.max_attempts` wrong tries, within the access's own
    /// bound. Store the access back afterwards.
    ///
    /// # Errors
    /// [`SecureAccessError::Locked`] (expired, too many wrong codes, revoked; an expiry is recorded
    /// in `lock`), [`SecureAccessError::CodeNotRequired`] when the policy needs no code,
    /// [`SecureAccessError::TooManyCodes`] after `policy.max_codes` codes, or the key ring's
    /// [`SecureAccessError::Code`].
    pub fn issue_code(
        &mut self,
        key_ring: &KeyRing,
        now: Instant,
    ) -> Result<String, SecureAccessError> {
        self.refuse_if_locked(now)?;
        if !self.policy.require_code {
            return Err(SecureAccessError::CodeNotRequired);
        }
        if self.codes_issued >= self.policy.max_codes {
            return Err(SecureAccessError::TooManyCodes {
                max: self.policy.max_codes,
            });
        }
        let code_end = seconds(self.policy.code_validity_seconds)
            .and_then(|validity| now.checked_add_signed(validity))
            .map_or(self.expires_at, |end| end.min(self.expires_at));
        let number = self.codes_issued.saturating_add(1);
        // The code is an HMAC of the claims, the times and this id: each code of an access differs.
        let challenge_id = format!("secure-email-code-{number}");
        let (code, challenge) = key_ring
            .issue_code(
                Purpose::SecureEmail,
                &self.claims,
                &challenge_id,
                now,
                code_end,
                &self.policy.code,
            )
            .map_err(SecureAccessError::Code)?;
        self.challenge = Some(challenge);
        self.codes_issued = number;
        Ok(code)
    }

    /// Opens the content at `now` with the access link's `token` and, when the policy requires it,
    /// the one-time `code` the recipient typed. Store the access back afterwards, whatever the
    /// result: a wrong code is counted there.
    ///
    /// In order: the token must verify as a `secure_email` token ([`SecureAccessError::InvalidLink`],
    /// nothing counted) and be this access's ([`SecureAccessError::LinkMismatch`]); the access must
    /// not be locked or past its validity ([`SecureAccessError::Locked`]); then the code: missing
    /// ([`SecureAccessError::CodeRequired`]), none issued yet, malformed (not a guess, not counted),
    /// spent, expired or locked (ask for a new code), or wrong (counted; the last wrong code the
    /// access allows locks it and gives [`SecureAccessError::Locked`]). A right code opens once: the
    /// next open needs a new code. A code given when the policy needs none is ignored.
    ///
    /// The open is counted in the access (`open_count`, first and last), never in the engagement
    /// statistics.
    ///
    /// # Errors
    /// See above; every refusal has a `tracking.secure_*` code, or the key ring's `token.*` code for
    /// a link that does not verify.
    pub fn open(
        &mut self,
        key_ring: &KeyRing,
        token: &str,
        code: Option<&str>,
        now: Instant,
    ) -> Result<SecureOpen, SecureAccessError> {
        let verified = key_ring
            .verify(Purpose::SecureEmail, token, now)
            .map_err(SecureAccessError::InvalidLink)?;
        // The link opens only the access it was made with: the same claims, issued when this
        // access was created (to the second, as tokens keep time). A link of an earlier (revoked)
        // access for the same recipient and message does not open a newer one.
        if verified.claims != self.claims
            || verified.issued_at.timestamp() != self.created_at.timestamp()
        {
            return Err(SecureAccessError::LinkMismatch {
                expected: Box::new(self.claims),
                found: Box::new(verified.claims),
            });
        }
        self.refuse_if_locked(now)?;
        if self.policy.require_code {
            let given = code.ok_or(SecureAccessError::CodeRequired)?;
            self.check_code(key_ring, given, now)?;
        }
        self.open_count = self.open_count.saturating_add(1);
        self.first_opened_at.get_or_insert(now);
        self.last_opened_at = Some(now);
        Ok(SecureOpen {
            claims: self.claims,
            opened_at: now,
            open_count: self.open_count,
        })
    }

    fn check_code(
        &mut self,
        key_ring: &KeyRing,
        given: &str,
        now: Instant,
    ) -> Result<(), SecureAccessError> {
        let max_failed = self.policy.max_failed_attempts;
        let failed_before = self.failed_attempts;
        let challenge = self
            .challenge
            .as_mut()
            .ok_or(SecureAccessError::NoCodeIssued)?;
        let attempts_before = challenge.attempts_used;
        let result = key_ring.check_code(Purpose::SecureEmail, challenge, given, now);
        let attempt_counted = challenge.attempts_used > attempts_before;
        let challenge_left = challenge.attempts_left();
        let Err(error) = result else {
            return Ok(());
        };
        if attempt_counted {
            self.failed_attempts = failed_before.saturating_add(1);
            if self.failed_attempts >= max_failed {
                let lock = AccessLock {
                    reason: LockReason::TooManyAttempts,
                    at: now,
                };
                self.lock = Some(lock);
                return Err(SecureAccessError::Locked(lock));
            }
        }
        let access_left = max_failed.saturating_sub(self.failed_attempts);
        Err(match error {
            TokenError::CodeMismatch { .. } => SecureAccessError::WrongCode {
                attempts_left: challenge_left.min(access_left),
            },
            TokenError::CodeMalformed { reason } => SecureAccessError::CodeMalformed { reason },
            TokenError::CodeExpired { expires_at, .. } => {
                SecureAccessError::CodeExpired { expires_at }
            }
            TokenError::CodeUsed => SecureAccessError::CodeUsed,
            TokenError::CodeLocked { .. } => SecureAccessError::CodeLocked,
            other => SecureAccessError::Code(other),
        })
    }

    /// Refuses with the lock in force at `now`, recording an expiry not yet recorded.
    fn refuse_if_locked(&mut self, now: Instant) -> Result<(), SecureAccessError> {
        match self.lock_at(now) {
            Some(lock) => {
                self.lock = Some(lock);
                Err(SecureAccessError::Locked(lock))
            }
            None => Ok(()),
        }
    }
}

fn seconds(value: u64) -> Option<TimeDelta> {
    TimeDelta::try_seconds(i64::try_from(value).ok()?)
}

/// Checks the policy's ranges (the code policy by a trial derivation with the key ring, so that its
/// ranges are the key ring's own) and gives the access's end.
fn check_policy(
    policy: &SecureAccessPolicy,
    created_at: Instant,
) -> Result<Instant, TrackingError> {
    let out_of_range = |field, value: u64, rule| TrackingError::InvalidOption {
        field,
        value: value.to_string(),
        rule,
    };
    if !(1..=MAX_ACCESS_VALIDITY_SECONDS).contains(&policy.validity_seconds) {
        return Err(out_of_range(
            "validity_seconds",
            policy.validity_seconds,
            "is out of range: an access is valid 1 second to 10 years",
        ));
    }
    if !(60..=86_400).contains(&policy.code_validity_seconds) {
        return Err(out_of_range(
            "code_validity_seconds",
            policy.code_validity_seconds,
            "is out of range: a code is valid 60 to 86,400 seconds",
        ));
    }
    if !(1..=20).contains(&policy.max_codes) {
        return Err(out_of_range(
            "max_codes",
            u64::from(policy.max_codes),
            "is out of range: an access allows 1 to 20 codes",
        ));
    }
    if !(1..=100).contains(&policy.max_failed_attempts) {
        return Err(out_of_range(
            "max_failed_attempts",
            u64::from(policy.max_failed_attempts),
            "is out of range: an access allows 1 to 100 wrong codes",
        ));
    }
    let expires_at = seconds(policy.validity_seconds)
        .and_then(|validity| created_at.checked_add_signed(validity))
        .ok_or(TrackingError::InvalidOption {
            field: "validity_seconds",
            value: policy.validity_seconds.to_string(),
            rule: "ends past the last instant envoi can represent",
        })?;
    if policy.require_code {
        policy.code.check().map_err(|error| match error {
            TokenError::InvalidArgument { field, value, rule } => TrackingError::InvalidOption {
                field: code_field(field),
                value,
                rule,
            },
            other => TrackingError::Token(other),
        })?;
    }
    Ok(expires_at)
}

/// The policy field a code-policy argument names (`length` is `code.length`).
fn code_field(field: &'static str) -> &'static str {
    match field {
        "length" => "code.length",
        "max_attempts" => "code.max_attempts",
        "alphabet" => "code.alphabet",
        other => other,
    }
}
