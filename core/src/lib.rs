//! # envoi
//!
//! The rules engine that businesses embed to send planned email, SMS and printed letters, sell them
//! through credit packs and invoice them with the right VAT.
//!
//! Every rule lives in this crate, in one module per domain; the host application owns storage and
//! providers and plugs them in through traits such as [`time::Clock`]. The rules do no I/O.
//!
//! ```
//! use envoi::sms::{analyze, Encoding, SmsOptions};
//!
//! let analysis = analyze("Your appointment is tomorrow at 09:30.", &SmsOptions::default())?;
//! assert_eq!(analysis.encoding, Encoding::Gsm7);
//! assert_eq!(analysis.part_count(), 1);
//! # Ok::<(), envoi::sms::SmsError>(())
//! ```
//!
//! Modules:
//! - [`sms`]: GSM-7/UCS-2 segmentation with the national language shift tables of 3GPP TS 23.038.
//! - [`schedule`]: when tasks send (simple repeats and RFC 5545 RRULEs, DST-aware) and business days,
//!   with the Belgian public holidays computed for any year.
//! - [`credits`]: credit packs per kind, their 24-month expiry, two-phase use and the ledger.
//! - [`vat`]: VAT numbers of the EU and XI with their check digits, the EU-27 rates in force on any
//!   date since 2019, and which VAT an order carries (Belgian seller, SPEC section 7).
//! - [`invoice`]: invoice and credit-note lines, the EN 16931 arithmetic and the UBL 2.1 / Peppol BIS
//!   Billing 3.0 export.
//! - [`token`]: compact signed tokens with key rotation, for every link and code envoi hands out.
//! - [`tracking`]: tracked email (open pixel, rewritten links), secure-email access and engagement
//!   statistics that tell machine opens from human ones.
//! - [`post`]: letters: sheets, envelopes, weight, postage, the destination country line, handover and
//!   delivery dates, job states.
//! - [`templates`]: merge fields (`{{first_name|client}}`): a small tokenizer with positions in its
//!   errors, validation when a task is created, rendering per recipient, dates in the recipient's language.
//! - [`contacts`]: contacts with their E.164 phone numbers (mobile or not), email addresses,
//!   preferences and opt-outs; groups; who may be sent what; STOP/START replies.
//! - [`security`]: login protection (lockout with doubling locks) and single-use password-reset
//!   tokens that a password change cancels.
//! - [`senders`]: verified email and SMS senders (SMS numbers in international form, mobile only)
//!   and the shift tables each SMS sender opted in to.
//! - [`account`]: customer accounts: language, zone, VAT identity, invoicing address, state
//!   (`pending_payment` → `active` ⇄ `suspended`, every change recorded) and options.
//! - [`billing`]: price lists (unit prices, packs, block plans, letter tariffs, each valid on dates)
//!   loaded from JSON or TOML; orders of credit packs with their VAT frozen; invoice drafts from
//!   orders, the monthly pay-as-you-go run and block plans; the invoice book, numbered without gaps
//!   per series and year, with text, HTML and UBL renderings.
//! - [`money`]: decimal amounts with an ISO 4217 currency.
//! - [`language`]: the languages envoi writes in for people (fr, nl, de, en).
//! - [`time`]: time zones, instants and the host's [`time::Clock`].
//! - [`ids`]: identifier newtypes.
//! - [`error`]: the [`ErrorCode`] trait every error implements, and the crate-wide [`Error`].
#![forbid(unsafe_code)]

pub mod account;
pub mod billing;
pub mod contacts;
pub mod credits;
pub mod error;
pub mod ids;
pub mod invoice;
pub mod language;
pub mod money;
pub mod post;
pub mod schedule;
pub mod security;
pub mod senders;
pub mod sms;
pub mod templates;
pub mod text;
pub mod time;
pub mod token;
pub mod tracking;
pub mod vat;

pub use error::{Error, ErrorCode};

// The README's Rust example is compiled and run as a doctest.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
