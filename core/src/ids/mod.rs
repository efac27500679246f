//! Identifier newtypes.
//!
//! Every entity has its own id type so that an account id can never be passed where a contact id is
//! expected. Ids are opaque strings chosen by the host (UUIDs, database keys…): 1 to 128 bytes, no
//! control characters, no leading or trailing whitespace.
//!
//! ```
//! use envoi::ids::{AccountId, ContactId};
//!
//! let account = AccountId::new("acc_42")?;
//! assert_eq!(account.as_str(), "acc_42");
//! assert!(ContactId::new("").is_err());
//! # Ok::<(), envoi::ids::IdError>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::ErrorCode;

/// The longest id accepted, in bytes.
///
/// ```
/// use envoi::ids::{AccountId, MAX_ID_LEN};
/// assert!(AccountId::new("x".repeat(MAX_ID_LEN)).is_ok());
/// assert!(AccountId::new("x".repeat(MAX_ID_LEN + 1)).is_err());
/// ```
pub const MAX_ID_LEN: usize = 128;

/// An identifier was refused.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::ids::{AccountId, IdError};
///
/// let error = AccountId::new("").unwrap_err();
/// assert_eq!(error, IdError::Empty { kind: "account id" });
/// assert_eq!(error.code(), "id.empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum IdError {
    /// The id is empty.
    #[error("{kind}: the id is empty; ids have 1 to {MAX_ID_LEN} bytes")]
    Empty {
        /// The kind of id (`"account id"`…).
        kind: &'static str,
    },
    /// The id is longer than [`MAX_ID_LEN`].
    #[error("{kind}: {value:?} has {len} bytes; ids have at most {MAX_ID_LEN}")]
    TooLong {
        /// The kind of id.
        kind: &'static str,
        /// The id as given (cut to its first 32 characters).
        value: String,
        /// Its length in bytes.
        len: usize,
    },
    /// The id has a control character or surrounding whitespace.
    #[error("{kind}: {value:?} has a control character or leading/trailing whitespace")]
    InvalidCharacter {
        /// The kind of id.
        kind: &'static str,
        /// The id as given.
        value: String,
    },
}

impl ErrorCode for IdError {
    fn code(&self) -> &'static str {
        match self {
            IdError::Empty { .. } => "id.empty",
            IdError::TooLong { .. } => "id.too_long",
            IdError::InvalidCharacter { .. } => "id.invalid_character",
        }
    }
}

fn validate(kind: &'static str, value: String) -> Result<String, IdError> {
    if value.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if value.len() > MAX_ID_LEN {
        return Err(IdError::TooLong {
            kind,
            len: value.len(),
            value: value.chars().take(32).collect(),
        });
    }
    if value.chars().any(char::is_control) || value.trim() != value {
        return Err(IdError::InvalidCharacter { kind, value });
    }
    Ok(value)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("A ", $kind, ", validated (1 to 128 bytes, no control characters).")]
            pub fn new(value: impl Into<String>) -> Result<Self, IdError> {
                validate($kind, value.into()).map(Self)
            }

            #[doc = concat!("The ", $kind, " as a string.")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

id_type!(
    /// The id of an account (a customer of the host's service).
    ///
    /// ```
    /// let id = envoi::ids::AccountId::new("acc_1")?;
    /// assert_eq!(id.to_string(), "acc_1");
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    AccountId,
    "account id"
);
id_type!(
    /// The id of a contact in an account's address book.
    ///
    /// ```
    /// let id = envoi::ids::ContactId::new("c-7")?;
    /// assert_eq!(id.as_str(), "c-7");
    /// # Ok::<(), envoi::ids::IdError>(())
    /// ```
    ContactId,
    "contact id"
);
id_type!(
    /// The id of a group of contacts.
    ///
    /// ```
    /// assert!(envoi::ids::GroupId::new("vip").is_ok());
    /// ```
    GroupId,
    "group id"
);
id_type!(
    /// The id of a task (a planned send).
    ///
    /// ```
    /// assert!(envoi::ids::TaskId::new("task 1\n").is_err());
    /// ```
    TaskId,
    "task id"
);
id_type!(
    /// The id of a message (one occurrence of a task to one recipient on one channel).
    ///
    /// ```
    /// assert!(envoi::ids::MessageId::new("m1").is_ok());
    /// ```
    MessageId,
    "message id"
);
id_type!(
    /// The id of an order of a credit pack.
    ///
    /// ```
    /// assert!(envoi::ids::OrderId::new("o-2026-001").is_ok());
    /// ```
    OrderId,
    "order id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_kind_and_value() {
        let error = AccountId::new(" a").unwrap_err();
        assert_eq!(error.code(), "id.invalid_character");
        assert!(error.to_string().starts_with("account id: \" a\""));
        let long = "x".repeat(129);
        assert_eq!(ContactId::new(long).unwrap_err().code(), "id.too_long");
        assert!(ContactId::new("x".repeat(128)).is_ok());
    }

    #[test]
    fn serde_validates() {
        assert!(serde_json::from_str::<AccountId>("\"\"").is_err());
        let id: AccountId = serde_json::from_str("\"acc\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"acc\"");
    }
}
