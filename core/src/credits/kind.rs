use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::CreditError;

/// A type of credit: what a unit pays for. The SPEC's three are [`CreditKind::email`],
/// [`CreditKind::sms`] and [`CreditKind::secure_email`]; a host may add its own (1 to 32 of `a-z`,
/// `0-9`, `_`).
///
/// ```
/// use envoi::credits::CreditKind;
/// assert_eq!(CreditKind::sms().as_str(), "sms");
/// assert_eq!(CreditKind::new("fax")?.to_string(), "fax");
/// assert_eq!(CreditKind::new("Fax").unwrap_err().to_string(), r#"kind: "Fax" is not a credit kind; kinds are 1 to 32 of a-z, 0-9 and _"#);
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditKind(Arc<str>);

impl CreditKind {
    /// The longest kind name, in bytes.
    pub const MAX_LEN: usize = 32;

    /// A kind by name, checked.
    ///
    /// # Errors
    /// [`CreditError::InvalidKind`] unless the name is 1 to [`CreditKind::MAX_LEN`] of `a-z`, `0-9`, `_`.
    ///
    /// ```
    /// use envoi::credits::CreditKind;
    /// assert_eq!(CreditKind::new("secure_email")?, CreditKind::secure_email());
    /// assert!(CreditKind::new("").is_err());
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn new(name: &str) -> Result<Self, CreditError> {
        let valid = !name.is_empty()
            && name.len() <= Self::MAX_LEN
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if valid {
            Ok(CreditKind(name.into()))
        } else {
            Err(CreditError::InvalidKind {
                value: name.chars().take(40).collect(),
            })
        }
    }

    /// Email units: one per email per recipient.
    ///
    /// ```
    /// assert_eq!(envoi::credits::CreditKind::email().as_str(), "email");
    /// ```
    pub fn email() -> Self {
        CreditKind("email".into())
    }

    /// SMS units: one per SMS part per recipient.
    ///
    /// ```
    /// assert_eq!(envoi::credits::CreditKind::sms().as_str(), "sms");
    /// ```
    pub fn sms() -> Self {
        CreditKind("sms".into())
    }

    /// Secure-email units: one per secure email per recipient.
    ///
    /// ```
    /// assert_eq!(envoi::credits::CreditKind::secure_email().as_str(), "secure_email");
    /// ```
    pub fn secure_email() -> Self {
        CreditKind("secure_email".into())
    }

    /// The name.
    ///
    /// ```
    /// assert_eq!(envoi::credits::CreditKind::email().as_str(), "email");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CreditKind {
    type Error = CreditError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CreditKind::new(&value)
    }
}

impl From<CreditKind> for String {
    fn from(kind: CreditKind) -> Self {
        kind.0.to_string()
    }
}

impl std::str::FromStr for CreditKind {
    type Err = CreditError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        CreditKind::new(name)
    }
}
