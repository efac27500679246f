//! The contact record: names, email, mobile, custom fields, language, time zone, preferences,
//! notification switches and opt-outs.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ContactId;
use crate::language::Language;
use crate::time::{Instant, Zone};

use super::email::EmailAddress;
use super::phone::PhoneNumber;

/// A channel envoi sends through (SPEC section 1).
///
/// ```
/// use envoi::contacts::Channel;
/// assert_eq!(Channel::SecureEmail.as_str(), "secure_email");
/// assert_eq!(serde_json::to_string(&Channel::Sms).unwrap(), "\"sms\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Email.
    Email,
    /// SMS.
    Sms,
    /// An email whose content is opened with a one-time code.
    SecureEmail,
    /// A printed and posted letter.
    Letter,
}

impl Channel {
    /// Every channel.
    ///
    /// ```
    /// use envoi::contacts::Channel;
    /// let names: Vec<&str> = Channel::ALL.iter().map(|channel| channel.as_str()).collect();
    /// assert_eq!(names, ["email", "sms", "secure_email", "letter"]);
    /// ```
    pub const ALL: [Channel; 4] = [
        Channel::Email,
        Channel::Sms,
        Channel::SecureEmail,
        Channel::Letter,
    ];

    /// The snake-case name: `email`, `sms`, `secure_email`, `letter`.
    ///
    /// ```
    /// assert_eq!(envoi::contacts::Channel::Letter.as_str(), "letter");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::SecureEmail => "secure_email",
            Channel::Letter => "letter",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which channels the contact accepts (SPEC section 3): both checked, the contact gets both.
///
/// The default is email on, SMS off: SMS is turned on for new contacts by the account's SMS option
/// (Plannit), not by default.
///
/// ```
/// use envoi::contacts::ChannelPreferences;
/// let preferences = ChannelPreferences::default();
/// assert!(preferences.email && !preferences.sms);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChannelPreferences {
    /// The contact accepts email (and secure email).
    pub email: bool,
    /// The contact accepts SMS.
    pub sms: bool,
}

impl Default for ChannelPreferences {
    fn default() -> Self {
        ChannelPreferences {
            email: true,
            sms: false,
        }
    }
}

/// The contact's switches per kind of notification (SPEC section 10): a switch off stops that kind
/// for this contact on every channel (for example no automatic reminders to a VIP customer). All on
/// by default.
///
/// ```
/// use envoi::contacts::NotificationSwitches;
/// let vip = NotificationSwitches { reminders: false, ..NotificationSwitches::default() };
/// assert!(vip.documents && vip.messages && vip.routes && !vip.reminders);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NotificationSwitches {
    /// Documents sent to the contact (quotes, invoices).
    pub documents: bool,
    /// Messages written to the contact, one at a time or consolidated.
    pub messages: bool,
    /// Automatic reminders (overdue quotes and invoices).
    pub reminders: bool,
    /// Messages to every client of a route, sent when the route starts.
    pub routes: bool,
}

impl Default for NotificationSwitches {
    fn default() -> Self {
        NotificationSwitches {
            documents: true,
            messages: true,
            reminders: true,
            routes: true,
        }
    }
}

/// Where an opt-out or an opt-in came from.
///
/// ```
/// use envoi::contacts::ConsentSource;
/// let source = ConsentSource::SmsReply { keyword: "STOP".to_owned() };
/// assert_eq!(
///     serde_json::to_string(&source).unwrap(),
///     r#"{"type":"sms_reply","keyword":"STOP"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConsentSource {
    /// An SMS reply from the contact, with the keyword that matched (`STOP`, `ARRET`, `START`…).
    SmsReply {
        /// The keyword as envoi recognised it.
        keyword: String,
    },
    /// The unsubscribe link of an email.
    UnsubscribeLink,
    /// A user of the account, by hand (the contact asked by phone, at the counter…).
    AccountUser,
    /// A contact-list import.
    Import,
    /// The host's API, with the host's own note.
    Api {
        /// What the host says about it.
        note: String,
    },
}

/// The end of an opt-out: when the contact opted back in, and how.
///
/// ```
/// use envoi::contacts::{ConsentSource, OptIn};
/// let opt_in = OptIn { at: "2026-05-02T10:00:00Z".parse().unwrap(), source: ConsentSource::AccountUser };
/// assert_eq!(opt_in.at.to_rfc3339(), "2026-05-02T10:00:00+00:00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OptIn {
    /// When.
    pub at: Instant,
    /// How.
    pub source: ConsentSource,
}

/// An opt-out from one channel: when and how, and, once lifted, when and how the contact opted back
/// in. The history of a contact's opt-outs is kept, lifted ones included.
///
/// ```
/// use envoi::contacts::{Channel, ConsentSource, OptOut};
/// let opt_out = OptOut {
///     channel: Channel::Sms,
///     at: "2026-05-01T18:04:00Z".parse().unwrap(),
///     source: ConsentSource::SmsReply { keyword: "STOP".to_owned() },
///     lifted: None,
/// };
/// assert!(opt_out.is_active());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OptOut {
    /// The channel.
    pub channel: Channel,
    /// When the contact opted out.
    pub at: Instant,
    /// How.
    pub source: ConsentSource,
    /// The opt-in that ended it, if any.
    pub lifted: Option<OptIn>,
}

impl OptOut {
    /// Whether the opt-out is in force (not lifted).
    ///
    /// ```
    /// # use envoi::contacts::{Channel, ConsentSource, OptIn, OptOut};
    /// let at = "2026-05-01T18:04:00Z".parse().unwrap();
    /// let lifted = Some(OptIn { at, source: ConsentSource::AccountUser });
    /// let opt_out = OptOut { channel: Channel::Email, at, source: ConsentSource::UnsubscribeLink, lifted };
    /// assert!(!opt_out.is_active());
    /// ```
    pub fn is_active(&self) -> bool {
        self.lifted.is_none()
    }
}

/// A person in an account's address book (SPEC section 3). Plain data with serde; the host stores it.
///
/// Fields a contact does not have are `None` or empty. `time_zone: None` means the account's zone;
/// `language: None` the account's language.
///
/// ```
/// use envoi::contacts::{normalize_phone, Contact, EmailAddress, Region};
///
/// let mut contact = Contact::new();
/// contact.first_name = "Ann".to_owned();
/// contact.email = Some(EmailAddress::parse("ann@example.be")?);
/// contact.mobile = Some(normalize_phone("0475 12 34 56", Region::BE)?);
/// contact.custom_fields.insert("city".to_owned(), "Gent".to_owned());
///
/// assert_eq!(contact.field("first_name").as_deref(), Some("Ann"));
/// assert_eq!(contact.field("mobile").as_deref(), Some("+32475123456"));
/// assert_eq!(contact.field("city").as_deref(), Some("Gent"));
/// assert_eq!(contact.field("last_name"), None);
///
/// let json = serde_json::to_string(&contact).unwrap();
/// assert_eq!(serde_json::from_str::<Contact>(&json).unwrap(), contact);
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// The contact's id in the address book, `None` before the host stores it.
    pub id: Option<ContactId>,
    /// The first name (given name).
    pub first_name: String,
    /// The last name (family name).
    pub last_name: String,
    /// The email address.
    pub email: Option<EmailAddress>,
    /// The mobile number.
    pub mobile: Option<PhoneNumber>,
    /// The account's own fields, by name (`"city"`, `"customer_number"`…).
    pub custom_fields: BTreeMap<String, String>,
    /// The language to write to the contact in; `None`: the account's.
    pub language: Option<Language>,
    /// The contact's time zone (send windows and quiet hours use it); `None`: the account's.
    pub time_zone: Option<Zone>,
    /// The channels the contact accepts.
    pub preferences: ChannelPreferences,
    /// The kinds of notification the contact gets.
    pub notifications: NotificationSwitches,
    /// Every opt-out, in force or lifted, oldest first.
    pub opt_outs: Vec<OptOut>,
}

impl Contact {
    /// The merge-field names every contact has, read by [`Contact::field`].
    ///
    /// ```
    /// assert!(envoi::contacts::Contact::STANDARD_FIELDS.contains(&"first_name"));
    /// ```
    pub const STANDARD_FIELDS: &'static [&'static str] =
        &["first_name", "last_name", "email", "mobile", "language"];

    /// An empty contact: no id, names or addresses, default preferences and switches.
    ///
    /// ```
    /// let contact = envoi::contacts::Contact::new();
    /// assert!(contact.id.is_none() && contact.opt_outs.is_empty());
    /// ```
    pub fn new() -> Contact {
        Contact::default()
    }

    /// The value of a merge field: a standard field ([`Contact::STANDARD_FIELDS`]: the names, the
    /// email address, the mobile in E.164 form, the language code) or else a custom field.
    ///
    /// An empty or blank value (only spaces) is no value (`None`), so a template's fallback applies. A standard name always
    /// reads the standard field, even if a custom field has the same name.
    ///
    /// ```
    /// use envoi::contacts::Contact;
    /// use envoi::language::Language;
    ///
    /// let mut contact = Contact::new();
    /// contact.language = Some(Language::Nl);
    /// contact.custom_fields.insert("language".to_owned(), "Vlaams".to_owned());
    /// contact.custom_fields.insert("note".to_owned(), String::new());
    /// contact.custom_fields.insert("shop".to_owned(), "  ".to_owned());
    /// assert_eq!(contact.field("language").as_deref(), Some("nl"));
    /// assert_eq!(contact.field("note"), None);
    /// assert_eq!(contact.field("shop"), None);
    /// assert_eq!(contact.field("first_name"), None);
    /// ```
    pub fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        let value: Option<&str> = match name {
            "first_name" => Some(&self.first_name),
            "last_name" => Some(&self.last_name),
            "email" => self.email.as_ref().map(EmailAddress::as_str),
            "mobile" => self.mobile.as_ref().map(PhoneNumber::e164),
            "language" => self.language.map(Language::code),
            _ => self.custom_fields.get(name).map(String::as_str),
        };
        value
            .filter(|value| !value.trim().is_empty())
            .map(Cow::Borrowed)
    }
}
