//! Senders (SPEC section 2): the verified email addresses and SMS numbers an account sends from.
//!
//! - An SMS sender number is accepted only in international form (`+32475123456`,
//!   `0032475123456`, kept in E.164) and only as a mobile number: [`SmsSenderNumber`]. An
//!   alphanumeric sender (`John Tel`) is refused: it is not accepted in every country and the
//!   recipient cannot reply.
//! - An email sender is an [`EmailAddress`](crate::contacts::EmailAddress).
//! - A [`Sender`] is unverified until the one-time code sent to it through the host's transport
//!   comes back (the key ring's codes, [`crate::token::CodeChallenge`]); a message can only use a
//!   verified sender ([`Sender::require_for`]). A code is bound to the sender's account, id and
//!   address (a code sent to an address no longer the sender's confirms nothing), and at most 5
//!   verifications start within 24 hours (each start gives fresh attempts).
//! - An SMS sender carries its [`SmsSettings`]: the national language shift tables it opted in to
//!   and smart encoding, which [`Sender::sms_options`] hands to the segmenter.
//!
//! ```
//! use chrono::TimeDelta;
//! use envoi::ErrorCode;
//! use envoi::contacts::Channel;
//! use envoi::senders::{Sender, SenderAddress, SmsSenderNumber};
//! use envoi::sms::{analyze, SmsOptions};
//! use envoi::time::Instant;
//! use envoi::token::{CodePolicy, KeyRing};
//!
//! assert_eq!(SmsSenderNumber::parse("John Tel").unwrap_err().code(), "senders.alphanumeric_sender");
//! assert_eq!(SmsSenderNumber::parse("0475123456").unwrap_err().code(), "senders.not_international");
//!
//! let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
//! let mut sender = Sender::new(12, 3, SenderAddress::Sms(SmsSenderNumber::parse("0032475123456")?));
//! let at: Instant = "2026-06-01T09:00:00Z".parse()?;
//! let code = sender.start_verification(&ring, "sender-3", at, TimeDelta::minutes(15), &CodePolicy::default())?;
//! sender.confirm(&ring, &code, at + TimeDelta::minutes(1))?;
//! sender.require_for(Channel::Sms)?;
//! let analysis = analyze("Your appointment is tomorrow at 09:30.", &sender.sms_options(&SmsOptions::default()))?;
//! assert_eq!(analysis.part_count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod number;
mod sender;

pub use error::SenderError;
pub use number::SmsSenderNumber;
pub use sender::{Sender, SenderAddress, SmsSettings, Verification};
