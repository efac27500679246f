//! Contacts (SPEC section 3): the people an account sends to, with their phone numbers, email
//! addresses, preferences and opt-outs.
//!
//! Phone numbers are read with the `phonenumber` crate (Google's libphonenumber metadata) and kept
//! in E.164 form with the kind of line, so an SMS recipient can be checked to be a mobile; email
//! addresses are checked for syntax with the `email_address` crate. A [`Contact`] is plain data
//! with serde: the host stores it.
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
pub use phone::{MAX_PHONE_TEXT_LEN, PhoneKind, PhoneNumber, Region, normalize_phone};
pub use reply::{ReplyAction, ReplyKeyword, classify_reply, reply_keywords};
