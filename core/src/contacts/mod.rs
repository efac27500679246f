//! Contacts (SPEC sections 3 and 10): the people an account sends to, their phone numbers, email
//! addresses, preferences and opt-outs, groups, and who may be sent what.
//!
//! - Phone numbers are read with the `phonenumber` crate (Google's libphonenumber metadata) by
//!   [`normalize_phone`] and kept in E.164 form with their [`PhoneKind`], so an SMS recipient can be
//!   checked to be a mobile; the common mobile forms of BE, NL, FR and DE take a fast path proven
//!   equal to the crate's answer.
//! - Email addresses are checked for syntax with the `email_address` crate ([`EmailAddress`]).
//! - A [`Contact`] is plain data with serde (the host stores it); [`Group`]s hold contact ids, and
//!   [`ensure_contacts_exist`] checks that recipients are in the address book.
//! - [`Contact::may_receive`] says whether a channel may be used, or the [`Refusal`]: opt-outs (kept
//!   with their history), the [`AccountSmsOption`], preferences, addresses and mobiles;
//!   [`Contact::may_notify`] adds the per-kind [`NotificationSwitches`].
//! - [`classify_reply`] reads `STOP`/`START` replies in four languages; [`Contact::apply_reply`]
//!   applies them.
//!
//! ```
//! use envoi::ErrorCode;
//! use envoi::contacts::{normalize_phone, Contact, EmailAddress, Region};
//!
//! let mobile = normalize_phone("0475 12 34 56", Region::BE)?;
//! assert_eq!(mobile.e164(), "+32475123456");
//! assert!(mobile.is_mobile());
//!
//! let mut contact = Contact::new();
//! contact.first_name = "Sofie".to_owned();
//! contact.email = Some(EmailAddress::parse("sofie@example.be")?);
//! contact.mobile = Some(mobile);
//! assert_eq!(contact.field("first_name").as_deref(), Some("Sofie"));
//!
//! let error = normalize_phone("John Tel", Region::BE).unwrap_err();
//! assert_eq!(error.code(), "contacts.invalid_phone");
//! # Ok::<(), envoi::contacts::ContactError>(())
//! ```

mod consent;
mod contact;
mod email;
mod error;
mod group;
pub mod import;
mod phone;
mod reply;

pub use consent::{AccountSmsOption, NotificationKind, Refusal};
pub use contact::{
    Channel, ChannelPreferences, ConsentSource, Contact, NotificationSwitches, OptIn, OptOut,
};
pub use email::EmailAddress;
pub use error::{ContactError, PhoneProblem};
pub use group::{Group, ensure_contacts_exist};
pub use phone::{
    MAX_PHONE_TEXT_LEN, PhoneKind, PhoneNumber, Region, normalize_phone,
    normalize_phone_with_library,
};
pub use reply::{ReplyAction, ReplyKeyword, classify_reply, reply_keywords};
