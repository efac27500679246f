//! Email addresses, checked for syntax with the `email_address` crate.

use std::fmt;
use std::str::FromStr;

use email_address::Options;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{ContactError, cut};

/// The longest address, in bytes (RFC 5321: a 64-byte local part, `@` and a 255-byte domain).
const MAX_EMAIL_LEN: usize = 320;

/// An email address whose syntax is valid (RFC 5321/5322), in a plain `local@domain` form.
///
/// [`EmailAddress::parse`]:
/// - trims surrounding whitespace;
/// - refuses a display name (`Ann <ann@example.be>`), a domain literal (`ann@[192.0.2.1]`) and a
///   domain without a dot (`ann@localhost`): a contact's address is a mailbox on the internet;
/// - lower-cases the domain, which is case-insensitive (RFC 5321 section 2.4), and keeps the local
///   part exactly as written: it may be case-sensitive and only the receiving server knows.
///
/// So two addresses differing only by the case of their domain are equal; differing by the case of
/// the local part they are not. Serialized as its text; deserializing checks it again.
///
/// ```
/// use envoi::contacts::EmailAddress;
///
/// let email = EmailAddress::parse("  Ann.Peeters@Example.BE ")?;
/// assert_eq!(email.as_str(), "Ann.Peeters@example.be");
/// assert_eq!(email.local_part(), "Ann.Peeters");
/// assert_eq!(email.domain(), "example.be");
/// assert_eq!(serde_json::to_string(&email).unwrap(), "\"Ann.Peeters@example.be\"");
/// assert!(serde_json::from_str::<EmailAddress>("\"ann@\"").is_err());
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress {
    text: String,
    at: usize,
}

impl EmailAddress {
    /// Checks the syntax of an address (see the [type documentation](EmailAddress) for the rules).
    ///
    /// Refused with `contacts.invalid_email`, naming the text and the reason.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::contacts::EmailAddress;
    ///
    /// assert!(EmailAddress::parse("jean.dupont@exemple.fr").is_ok());
    /// let error = EmailAddress::parse("jean..dupont@exemple.fr").unwrap_err();
    /// assert_eq!(error.code(), "contacts.invalid_email");
    /// assert!(error.to_string().starts_with("email address \"jean..dupont@exemple.fr\": "));
    /// assert!(EmailAddress::parse("Jean <jean@exemple.fr>").is_err());
    /// assert!(EmailAddress::parse("jean@localhost").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<EmailAddress, ContactError> {
        let invalid = |reason: String| ContactError::InvalidEmail {
            value: cut(text, MAX_EMAIL_LEN),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(invalid("it is empty".to_owned()));
        }
        if trimmed.len() > MAX_EMAIL_LEN {
            return Err(invalid(format!(
                "it has {} bytes, an address has at most {MAX_EMAIL_LEN}",
                trimmed.len()
            )));
        }
        let options = Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        let parsed = email_address::EmailAddress::parse_with_options(trimmed, options)
            .map_err(|error| invalid(reason(&error).to_owned()))?;
        let local = parsed.local_part();
        let domain = parsed.domain().to_lowercase();
        Ok(EmailAddress {
            text: format!("{local}@{domain}"),
            at: local.len(),
        })
    }

    /// The address, `local@domain` with the domain in lower case.
    ///
    /// ```
    /// # use envoi::contacts::EmailAddress;
    /// assert_eq!(EmailAddress::parse("info@Plannit.be")?.as_str(), "info@plannit.be");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The key under which two addresses are the same mailbox: what the contact import's
    /// duplicate rule compares, and what equality and hashing of [`EmailAddress`] compare.
    ///
    /// The domain is case-insensitive (RFC 5321 section 2.4) and is in lower case here; the local
    /// part is kept **as written**: it may be case-sensitive and only the receiving server knows,
    /// so `Ann@example.be` and `ann@example.be` are two keys (merging them could drop a real
    /// mailbox; keeping both only keeps a possible duplicate). Surrounding whitespace is gone.
    ///
    /// ```
    /// use envoi::contacts::EmailAddress;
    ///
    /// let key = |text| EmailAddress::parse(text).map(|email| email.dedup_key().to_owned());
    /// assert_eq!(key(" ann@Example.BE")?, key("ann@example.be")?);
    /// assert_ne!(key("Ann@example.be")?, key("ann@example.be")?);
    /// assert_eq!(key("Ann@EXAMPLE.be")?, "Ann@example.be");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn dedup_key(&self) -> &str {
        &self.text
    }

    /// The part before the last `@`, as written.
    ///
    /// ```
    /// # use envoi::contacts::EmailAddress;
    /// assert_eq!(EmailAddress::parse("Info@plannit.be")?.local_part(), "Info");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn local_part(&self) -> &str {
        &self.text[..self.at]
    }

    /// The domain, in lower case.
    ///
    /// ```
    /// # use envoi::contacts::EmailAddress;
    /// assert_eq!(EmailAddress::parse("info@Plannit.BE")?.domain(), "plannit.be");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn domain(&self) -> &str {
        &self.text[self.at + 1..]
    }
}

/// The rule an address broke, in words that continue "email address \"…\": ".
fn reason(error: &email_address::Error) -> &'static str {
    use email_address::Error;
    match error {
        Error::InvalidCharacter => {
            "a character not allowed here (spaces, commas, two dots in a row, a dot at either end of the local part…)"
        }
        Error::MissingSeparator => "no @ between the local part and the domain",
        Error::LocalPartEmpty => "nothing before the @",
        Error::LocalPartTooLong => "the part before the @ has more than 64 bytes",
        Error::DomainEmpty => "nothing after the @",
        Error::DomainTooLong => "the domain has more than 254 bytes",
        Error::SubDomainEmpty => {
            "the domain has an empty label (two dots in a row or a dot at an end)"
        }
        Error::SubDomainTooLong => "a label of the domain has more than 63 bytes",
        Error::DomainTooFew => {
            "the domain has no dot (an address on the internet has one: example.be)"
        }
        Error::DomainInvalidSeparator => "a dot or hyphen misplaced in the domain",
        Error::UnbalancedQuotes => "the quotes around the local part are unbalanced",
        Error::InvalidComment => "a badly formed comment",
        Error::InvalidIPAddress | Error::UnsupportedDomainLiteral => {
            "an IP address as domain ([192.0.2.1]) is not accepted"
        }
        Error::UnsupportedDisplayName | Error::MissingDisplayName | Error::MissingEndBracket => {
            "a name with the address (Ann <ann@example.be>) is not accepted: give the address alone"
        }
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for EmailAddress {
    type Err = ContactError;
    /// [`EmailAddress::parse`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        EmailAddress::parse(text)
    }
}

impl Serialize for EmailAddress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for EmailAddress {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        EmailAddress::parse(&text).map_err(serde::de::Error::custom)
    }
}
