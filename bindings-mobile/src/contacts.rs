//! Contacts (SPEC sections 3 and 10): phone numbers ([`normalize_phone`]), email addresses
//! ([`parse_email_address`]), the [`Contact`] record with its opt-outs and channel rules, the
//! account's SMS option ([`AccountSmsOption`]), [`Group`]s, opt-out replies ([`classify_reply`]),
//! and the CSV import in module [`import`].
//!
//! Conversions only; every rule is the core's (`envoi::contacts`):
//!
//! - **Regions** are ISO 3166 alpha-2 codes (`"BE"`, any case), read by the core
//!   (`contacts.unknown_region` otherwise); the default is `"BE"`, the core's.
//! - **A [`Contact`] is a record** (a Kotlin data class, a Swift struct) with every field of the
//!   core's `Contact`: the email address as text, the mobile in E.164 form, the language as a code
//!   (`"fr"`), the time zone as an IANA name. The host edits it as plain data; every method reads
//!   it through the core (the email address, the number, the language, the zone and the ids are
//!   checked on the way in: `contacts.invalid_email`, `contacts.invalid_phone`,
//!   `language.unsupported`, `time.unknown_zone`, `id.*`) and a method that changes it returns the
//!   changed copy ([`ContactChange`]). `to_json()` and [`contact_from_json`] are the core's serde
//!   form, the one every binding reads.
//! - **Codes** cross as the core's snake-case names: channels (`"email"`, `"sms"`,
//!   `"secure_email"`, `"letter"`), phone kinds (`"mobile"`, `"fixed_line"`…), notification kinds
//!   (`"document"`, `"message"`, `"reminder"`, `"route"`), reply actions (`"opt_out"`, `"opt_in"`).
//!   An unknown one is `argument.unknown_value`.
//! - **Instants** are `SystemTime` (`java.time.Instant`, Swift `Date`).
//! - **Errors**: the core's `ContactError` as [`EnvoiError::Contacts`] with its code and fields; a
//!   refusal to send ([`Refusal`], `contacts.opted_out`…) is a value, not an error: the recipient
//!   is skipped and reported.

pub mod import;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::contacts::{Channel, NotificationKind, Region};
use envoi::ids::{ContactId, GroupId};
use envoi::language::Language;
use envoi::time::Zone;

use crate::credits::to_instant;
use crate::errors::{INVALID_JSON_CODE, UNKNOWN_VALUE_CODE};
use crate::post::code_arg;
use crate::time::system_time;
use crate::{EnvoiError, guard};

// ---- Phone numbers and email addresses -----------------------------------------------------------

/// A valid phone number: its E.164 form, the kind of line its numbering plan gives, and its
/// country calling code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct PhoneNumber {
    /// The number in E.164 form: `"+32475123456"`.
    pub e164: String,
    /// The kind of line: `"mobile"`, `"fixed_line"`, `"fixed_line_or_mobile"` (the plan cannot
    /// tell, as in the United States), `"toll_free"`, `"premium_rate"`, `"shared_cost"`,
    /// `"voip"`, `"personal_number"`, `"pager"` or `"other"`.
    pub kind: String,
    /// Whether the kind is `"mobile"`.
    pub is_mobile: bool,
    /// The country calling code (`32` for Belgium).
    pub country_code: u16,
}

impl PhoneNumber {
    pub(crate) fn of(number: &envoi::contacts::PhoneNumber) -> Self {
        PhoneNumber {
            e164: number.e164().to_owned(),
            kind: number.kind().as_str().to_owned(),
            is_mobile: number.is_mobile(),
            country_code: number.country_code(),
        }
    }
}

/// The core's region for a code (`contacts.unknown_region` otherwise).
pub(crate) fn region(code: &str) -> Result<Region, EnvoiError> {
    Ok(Region::parse(code)?)
}

/// Reads a phone number as people write it (`"0475 12 34 56"`, `"+32 475 12 34 56"`,
/// `"0032475123456"`, separators `( ) - . /`), a number without a country code being of
/// `default_region` (an ISO 3166 alpha-2 code, default `"BE"`). The core's `phonenumber`
/// metadata decides whether it is valid and what kind of line it is.
///
/// Throws `contacts.invalid_phone` (with `value`, `problem` and the problem's fields) and
/// `contacts.unknown_region`.
#[uniffi::export(default(default_region = "BE"))]
pub fn normalize_phone(text: String, default_region: String) -> Result<PhoneNumber, EnvoiError> {
    guard(|| {
        let region = region(&default_region)?;
        Ok(PhoneNumber::of(&envoi::contacts::normalize_phone(
            &text, region,
        )?))
    })
}

/// An email address whose syntax is valid: the address (`local@domain`, the domain in lower case,
/// the local part as written), and its two parts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct EmailAddress {
    /// The address, `local@domain` with the domain in lower case.
    pub address: String,
    /// The part before the `@`, as written.
    pub local_part: String,
    /// The domain, in lower case.
    pub domain: String,
}

/// Checks the syntax of an email address (RFC 5321/5322, with the `email_address` crate): trimmed,
/// no display name, no domain literal, a domain with a dot; the domain is lower-cased.
///
/// Throws `contacts.invalid_email` (with `value` and `detail`, the reason).
#[uniffi::export]
pub fn parse_email_address(text: String) -> Result<EmailAddress, EnvoiError> {
    guard(|| {
        let email = envoi::contacts::EmailAddress::parse(&text)?;
        Ok(EmailAddress {
            address: email.as_str().to_owned(),
            local_part: email.local_part().to_owned(),
            domain: email.domain().to_owned(),
        })
    })
}

// ---- The contact record --------------------------------------------------------------------------

/// Which channels the contact accepts (SPEC section 3). The default is the core's: email on, SMS
/// off (the account's SMS option turns SMS on for new contacts:
/// [`AccountSmsOption::new_contact_preferences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ChannelPreferences {
    /// The contact accepts email (and secure email).
    #[uniffi(default = true)]
    pub email: bool,
    /// The contact accepts SMS.
    #[uniffi(default = false)]
    pub sms: bool,
}

impl ChannelPreferences {
    fn of(preferences: envoi::contacts::ChannelPreferences) -> Self {
        ChannelPreferences {
            email: preferences.email,
            sms: preferences.sms,
        }
    }

    fn to_core(self) -> envoi::contacts::ChannelPreferences {
        envoi::contacts::ChannelPreferences {
            email: self.email,
            sms: self.sms,
        }
    }
}

/// The contact's switch per kind of notification (SPEC section 10): off stops that kind on every
/// channel (no automatic reminders to a VIP customer). All on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct NotificationSwitches {
    /// Documents sent to the contact (quotes, invoices).
    #[uniffi(default = true)]
    pub documents: bool,
    /// Messages written to the contact.
    #[uniffi(default = true)]
    pub messages: bool,
    /// Automatic reminders.
    #[uniffi(default = true)]
    pub reminders: bool,
    /// Messages to every client of a route.
    #[uniffi(default = true)]
    pub routes: bool,
}

impl NotificationSwitches {
    fn of(switches: envoi::contacts::NotificationSwitches) -> Self {
        NotificationSwitches {
            documents: switches.documents,
            messages: switches.messages,
            reminders: switches.reminders,
            routes: switches.routes,
        }
    }

    fn to_core(self) -> envoi::contacts::NotificationSwitches {
        envoi::contacts::NotificationSwitches {
            documents: self.documents,
            messages: self.messages,
            reminders: self.reminders,
            routes: self.routes,
        }
    }
}

/// Where an opt-out or an opt-in came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ConsentSource {
    /// An SMS reply from the contact, with the keyword that matched (`"STOP"`, `"ARRET"`…).
    SmsReply {
        /// The keyword as envoi recognised it.
        keyword: String,
    },
    /// The unsubscribe link of an email.
    UnsubscribeLink,
    /// A user of the account, by hand.
    AccountUser,
    /// A contact-list import.
    Import,
    /// The host's API, with the host's note.
    Api {
        /// What the host says about it.
        note: String,
    },
    /// A source of a newer core that this binding does not name yet: its JSON form, kept so that
    /// nothing is lost on the way back.
    Other {
        /// The core's JSON form of the source (`{"type":"…",…}`).
        json: String,
    },
}

impl ConsentSource {
    fn of(source: &envoi::contacts::ConsentSource) -> Self {
        use envoi::contacts::ConsentSource as Core;
        match source {
            Core::SmsReply { keyword } => ConsentSource::SmsReply {
                keyword: keyword.clone(),
            },
            Core::UnsubscribeLink => ConsentSource::UnsubscribeLink,
            Core::AccountUser => ConsentSource::AccountUser,
            Core::Import => ConsentSource::Import,
            Core::Api { note } => ConsentSource::Api { note: note.clone() },
            other => ConsentSource::Other {
                json: serde_json::to_string(other).unwrap_or_default(),
            },
        }
    }

    fn to_core(&self, field: &str) -> Result<envoi::contacts::ConsentSource, EnvoiError> {
        use envoi::contacts::ConsentSource as Core;
        Ok(match self {
            ConsentSource::SmsReply { keyword } => Core::SmsReply {
                keyword: keyword.clone(),
            },
            ConsentSource::UnsubscribeLink => Core::UnsubscribeLink,
            ConsentSource::AccountUser => Core::AccountUser,
            ConsentSource::Import => Core::Import,
            ConsentSource::Api { note } => Core::Api { note: note.clone() },
            ConsentSource::Other { json } => serde_json::from_str(json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("{field}: not a consent source's JSON: {error}"),
                )
            })?,
        })
    }
}

/// When a contact opted back in, and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OptIn {
    /// When.
    pub at: SystemTime,
    /// How.
    pub source: ConsentSource,
}

/// An opt-out from one channel: when and how, and, once lifted, the opt-in that ended it. The
/// history is kept, lifted opt-outs included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct OptOut {
    /// The channel: `"email"`, `"sms"`, `"secure_email"` or `"letter"`.
    pub channel: String,
    /// When the contact opted out.
    pub at: SystemTime,
    /// How.
    pub source: ConsentSource,
    /// The opt-in that ended it, null/nil while it is in force.
    #[uniffi(default)]
    pub lifted: Option<OptIn>,
}

impl OptOut {
    fn of(opt_out: &envoi::contacts::OptOut) -> Self {
        OptOut {
            channel: opt_out.channel.as_str().to_owned(),
            at: system_time(opt_out.at),
            source: ConsentSource::of(&opt_out.source),
            lifted: opt_out.lifted.as_ref().map(|lifted| OptIn {
                at: system_time(lifted.at),
                source: ConsentSource::of(&lifted.source),
            }),
        }
    }

    fn to_core(&self, field: &str) -> Result<envoi::contacts::OptOut, EnvoiError> {
        Ok(envoi::contacts::OptOut {
            channel: channel(&format!("{field}.channel"), &self.channel)?,
            at: to_instant(&format!("{field}.at"), self.at)?,
            source: self.source.to_core(&format!("{field}.source"))?,
            lifted: self
                .lifted
                .as_ref()
                .map(|lifted| {
                    Ok::<_, EnvoiError>(envoi::contacts::OptIn {
                        at: to_instant(&format!("{field}.lifted.at"), lifted.at)?,
                        source: lifted.source.to_core(&format!("{field}.lifted.source"))?,
                    })
                })
                .transpose()?,
        })
    }
}

/// A contact's mobile as the core reads a stored one: E.164, and, like the core's serde form, a
/// well-formed E.164 number that the numbering plan no longer knows still reads back (stored
/// data must not break when the metadata changes). The strict reading's error otherwise.
fn stored_mobile(text: &str) -> Result<envoi::contacts::PhoneNumber, EnvoiError> {
    envoi::contacts::PhoneNumber::parse_e164(text).or_else(|strict| {
        serde_json::from_value(serde_json::Value::String(text.to_owned()))
            .map_err(|_| EnvoiError::from(strict))
    })
}

/// A channel's name as the core's channel (`argument.unknown_value` otherwise).
pub(crate) fn channel(field: &str, name: &str) -> Result<Channel, EnvoiError> {
    code_arg(field, name, &Channel::ALL, Channel::as_str)
}

/// A notification kind's name as the core's kind (`argument.unknown_value` otherwise).
fn notification_kind(name: &str) -> Result<NotificationKind, EnvoiError> {
    const ALL: [NotificationKind; 4] = [
        NotificationKind::Document,
        NotificationKind::Message,
        NotificationKind::Reminder,
        NotificationKind::Route,
    ];
    code_arg("kind", name, &ALL, NotificationKind::as_str)
}

/// A person in an account's address book (SPEC section 3): plain data, every field of the core's
/// `Contact`. `Contact()` is an empty contact with the core's defaults (email on, SMS off, every
/// notification on). The host stores it (`to_json()`, or its own columns).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contact {
    /// The id in the host's address book (`"c-17"`), null/nil before the host stores it.
    #[uniffi(default)]
    pub id: Option<String>,
    /// The first (given) name; empty when unknown.
    #[uniffi(default)]
    pub first_name: String,
    /// The last (family) name; empty when unknown.
    #[uniffi(default)]
    pub last_name: String,
    /// The email address (`local@domain`).
    #[uniffi(default)]
    pub email: Option<String>,
    /// The mobile number in E.164 form (`"+32475123456"`).
    #[uniffi(default)]
    pub mobile: Option<String>,
    /// The account's own fields by name (`"city"`, `"customer_number"`…).
    #[uniffi(default)]
    pub custom_fields: HashMap<String, String>,
    /// The language to write in (`"fr"`, `"nl"`, `"de"`, `"en"`); null/nil: the account's.
    #[uniffi(default)]
    pub language: Option<String>,
    /// The contact's IANA time zone; null/nil: the account's.
    #[uniffi(default)]
    pub time_zone: Option<String>,
    /// The channels the contact accepts.
    #[uniffi(default)]
    pub preferences: ChannelPreferences,
    /// The kinds of notification the contact gets.
    #[uniffi(default)]
    pub notifications: NotificationSwitches,
    /// Every opt-out, in force or lifted, oldest first.
    #[uniffi(default)]
    pub opt_outs: Vec<OptOut>,
}

impl Contact {
    pub(crate) fn of(contact: &envoi::contacts::Contact) -> Self {
        Contact {
            id: contact.id.as_ref().map(|id| id.as_str().to_owned()),
            first_name: contact.first_name.clone(),
            last_name: contact.last_name.clone(),
            email: contact
                .email
                .as_ref()
                .map(|email| email.as_str().to_owned()),
            mobile: contact
                .mobile
                .as_ref()
                .map(|mobile| mobile.e164().to_owned()),
            custom_fields: contact
                .custom_fields
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            language: contact.language.map(|language| language.code().to_owned()),
            time_zone: contact.time_zone.map(|zone| zone.name().to_owned()),
            preferences: ChannelPreferences::of(contact.preferences),
            notifications: NotificationSwitches::of(contact.notifications),
            opt_outs: contact.opt_outs.iter().map(OptOut::of).collect(),
        }
    }

    /// The core's contact, every value read by the core.
    pub(crate) fn to_core(&self) -> Result<envoi::contacts::Contact, EnvoiError> {
        Ok(envoi::contacts::Contact {
            id: self.id.as_deref().map(ContactId::new).transpose()?,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self
                .email
                .as_deref()
                .map(envoi::contacts::EmailAddress::parse)
                .transpose()?,
            mobile: self.mobile.as_deref().map(stored_mobile).transpose()?,
            custom_fields: self
                .custom_fields
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect::<BTreeMap<_, _>>(),
            language: self
                .language
                .as_deref()
                .map(str::parse::<Language>)
                .transpose()?,
            time_zone: self
                .time_zone
                .as_deref()
                .map(str::parse::<Zone>)
                .transpose()?,
            preferences: self.preferences.to_core(),
            notifications: self.notifications.to_core(),
            opt_outs: self
                .opt_outs
                .iter()
                .enumerate()
                .map(|(index, opt_out)| opt_out.to_core(&format!("opt_outs[{index}]")))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Runs a change of the core's contact (with its arguments converted inside the panic guard)
    /// and returns the changed copy.
    fn change(
        &self,
        operation: impl FnOnce(&mut envoi::contacts::Contact) -> Result<bool, EnvoiError>,
    ) -> Result<ContactChange, EnvoiError> {
        guard(|| {
            let mut contact = self.to_core()?;
            let changed = operation(&mut contact)?;
            Ok(ContactChange {
                contact: Contact::of(&contact),
                changed,
            })
        })
    }
}

impl Default for Contact {
    fn default() -> Self {
        Contact::of(&envoi::contacts::Contact::new())
    }
}

impl Default for ChannelPreferences {
    fn default() -> Self {
        ChannelPreferences::of(envoi::contacts::ChannelPreferences::default())
    }
}

impl Default for NotificationSwitches {
    fn default() -> Self {
        NotificationSwitches::of(envoi::contacts::NotificationSwitches::default())
    }
}

/// A contact after a change (an opt-out, an opt-in, a reply), and whether anything changed
/// (`false`: the change was already in force, the contact is as it was).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactChange {
    /// The contact, changed or not.
    pub contact: Contact,
    /// Whether the call changed it.
    pub changed: bool,
}

/// Why a contact may not be sent something on a channel: a recipient to skip and report, with the
/// core's stable code (`contacts.opted_out`, `contacts.sms_off_for_account`,
/// `contacts.preference_off`, `contacts.no_address`, `contacts.not_mobile`,
/// `contacts.notification_off`) and message. The other fields are the core's, null/nil when the
/// refusal has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Refusal {
    /// The stable code, such as `"contacts.opted_out"`.
    pub code: String,
    /// The core's message, naming the channel and the reason.
    pub message: String,
    /// The channel asked for (`opted_out`, `preference_off`, `no_address`).
    pub channel: Option<String>,
    /// The channel of the opt-out in force: email for a secure email (`opted_out`).
    pub opted_out_of: Option<String>,
    /// When the opt-out was made (`opted_out`).
    pub since: Option<SystemTime>,
    /// How it was made (`opted_out`).
    pub origin: Option<ConsentSource>,
    /// The contact's number, E.164 (`not_mobile`).
    pub number: Option<String>,
    /// The number's kind of line (`not_mobile`: `"fixed_line"`…), or the kind of notification
    /// (`notification_off`: `"reminder"`…).
    pub kind: Option<String>,
}

impl Refusal {
    fn of(refusal: &envoi::contacts::Refusal) -> Self {
        use envoi::contacts::Refusal as Core;
        let mut result = Refusal {
            code: refusal.code().to_owned(),
            message: refusal.to_string(),
            channel: None,
            opted_out_of: None,
            since: None,
            origin: None,
            number: None,
            kind: None,
        };
        let name = |channel: &Channel| Some(channel.as_str().to_owned());
        match refusal {
            Core::OptedOut {
                channel,
                opted_out_of,
                since,
                origin,
            } => {
                (result.channel, result.opted_out_of) = (name(channel), name(opted_out_of));
                result.since = Some(system_time(*since));
                result.origin = Some(ConsentSource::of(origin));
            }
            Core::PreferenceOff { channel } | Core::NoAddress { channel } => {
                result.channel = name(channel);
            }
            Core::NotMobile { number, kind } => {
                result.number = Some(number.clone());
                result.kind = Some(kind.as_str().to_owned());
            }
            Core::NotificationOff { kind } => result.kind = Some(kind.as_str().to_owned()),
            _ => {}
        }
        result
    }
}

/// The core's answer of `may_receive` and `may_notify`: null/nil or the refusal.
fn refusal(answer: Result<(), envoi::contacts::Refusal>) -> Option<Refusal> {
    answer.err().as_ref().map(Refusal::of)
}

#[uniffi::export]
impl Contact {
    /// The core's JSON form of the contact (the form every binding reads). Throws what reading the
    /// contact throws (see the type).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.to_core()?)
                .map_err(|error| EnvoiError::panic(&format!("serializing a contact: {error}")))
        })
    }

    /// The value of a merge field: a standard field (`first_name`, `last_name`, `email`, `mobile`
    /// in E.164 form, `language`) or else a custom field; null/nil when it is missing or blank.
    pub fn field(&self, name: String) -> Result<Option<String>, EnvoiError> {
        guard(|| Ok(self.to_core()?.field(&name).map(|value| value.into_owned())))
    }

    /// Records an opt-out of `channel` at `at` from `source`. Unchanged (`changed = false`) when an
    /// opt-out of the channel is already in force; throws `contacts.consent_out_of_order` when `at`
    /// is before the channel's last change.
    pub fn opt_out(
        &self,
        channel: String,
        at: SystemTime,
        source: ConsentSource,
    ) -> Result<ContactChange, EnvoiError> {
        self.change(|contact| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(contact.opt_out(channel, at, source.to_core("source")?)?)
        })
    }

    /// Lifts the opt-out of `channel` in force, keeping it in the history with the opt-in.
    /// Unchanged when none is in force; throws `contacts.consent_out_of_order` when `at` is before
    /// the opt-out.
    pub fn opt_in(
        &self,
        channel: String,
        at: SystemTime,
        source: ConsentSource,
    ) -> Result<ContactChange, EnvoiError> {
        self.change(|contact| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(contact.opt_in(channel, at, source.to_core("source")?)?)
        })
    }

    /// Applies a classified SMS reply ([`classify_reply`]) at `at`: an opt-out keyword opts the
    /// contact out of SMS, an opt-in keyword lifts its SMS opt-out (the source is the reply, with
    /// its keyword). An opt-in does not turn the SMS preference on. Throws
    /// `contacts.consent_out_of_order`, and `argument.unknown_value` for a keyword that is not
    /// one of [`reply_keywords`].
    pub fn apply_reply(
        &self,
        reply: ReplyKeyword,
        at: SystemTime,
    ) -> Result<ContactChange, EnvoiError> {
        self.change(|contact| {
            let reply = reply.to_core()?;
            Ok(contact.apply_reply(&reply, to_instant("at", at)?)?)
        })
    }

    /// The opt-out of `channel` in force at `at` (made at or before it and not lifted by then).
    pub fn opt_out_in_force(
        &self,
        channel: String,
        at: SystemTime,
    ) -> Result<Option<OptOut>, EnvoiError> {
        guard(|| {
            let channel = self::channel("channel", &channel)?;
            let at = to_instant("at", at)?;
            Ok(self
                .to_core()?
                .opt_out_in_force(channel, at)
                .map(OptOut::of))
        })
    }

    /// The opt-out of `channel` not lifted, whatever its date.
    pub fn active_opt_out(&self, channel: String) -> Result<Option<OptOut>, EnvoiError> {
        guard(|| {
            let channel = self::channel("channel", &channel)?;
            Ok(self.to_core()?.active_opt_out(channel).map(OptOut::of))
        })
    }

    /// Whether the contact may be sent something on `channel` at `at`: null/nil, or the
    /// [`Refusal`]. The core's checks, in order: an opt-out in force, the account's SMS option, the
    /// contact's preference, an address, a mobile number for SMS.
    pub fn may_receive(
        &self,
        channel: String,
        sms_option: AccountSmsOption,
        at: SystemTime,
    ) -> Result<Option<Refusal>, EnvoiError> {
        guard(|| {
            let channel = self::channel("channel", &channel)?;
            let option = sms_option.to_core()?;
            let at = to_instant("at", at)?;
            Ok(refusal(self.to_core()?.may_receive(channel, &option, at)))
        })
    }

    /// [`Contact::may_receive`] after the contact's switch for this `kind` of notification
    /// (`"document"`, `"message"`, `"reminder"`, `"route"`).
    pub fn may_notify(
        &self,
        kind: String,
        channel: String,
        sms_option: AccountSmsOption,
        at: SystemTime,
    ) -> Result<Option<Refusal>, EnvoiError> {
        guard(|| {
            let kind = notification_kind(&kind)?;
            let channel = self::channel("channel", &channel)?;
            let option = sms_option.to_core()?;
            let at = to_instant("at", at)?;
            Ok(refusal(
                self.to_core()?.may_notify(kind, channel, &option, at),
            ))
        })
    }

    /// The channels among email and SMS the contact gets a message on at `at`, in that order.
    pub fn preferred_channels(
        &self,
        sms_option: AccountSmsOption,
        at: SystemTime,
    ) -> Result<Vec<String>, EnvoiError> {
        guard(|| {
            let option = sms_option.to_core()?;
            let at = to_instant("at", at)?;
            Ok(self
                .to_core()?
                .preferred_channels(&option, at)
                .into_iter()
                .map(|channel| channel.as_str().to_owned())
                .collect())
        })
    }
}

/// A contact written by `Contact.to_json()` (in any language): the core's serde form, every value
/// checked. Throws `argument.invalid_json` (serde's message, with the core's reason and the line
/// and column).
#[uniffi::export]
pub fn contact_from_json(json: String) -> Result<Contact, EnvoiError> {
    guard(|| {
        let contact: envoi::contacts::Contact = serde_json::from_str(&json).map_err(|error| {
            EnvoiError::argument(
                INVALID_JSON_CODE,
                format!("json: not a contact: {error}; expected the form of Contact.to_json"),
            )
        })?;
        Ok(Contact::of(&contact))
    })
}

/// The merge-field names every contact has (`first_name`, `last_name`, `email`, `mobile`,
/// `language`), for a template's known fields.
#[uniffi::export]
pub fn contact_standard_fields() -> Vec<String> {
    envoi::contacts::Contact::STANDARD_FIELDS
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

// ---- The account's SMS option --------------------------------------------------------------------

/// The account-level SMS option (Plannit): while it is off nobody gets SMS; switching it on turns
/// SMS on for the contacts created from then on ([`AccountSmsOption::new_contact_preferences`]);
/// existing contacts keep their preference until edited. Off by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct AccountSmsOption {
    /// Whether the account sends SMS.
    #[uniffi(default = false)]
    pub enabled: bool,
    /// When it was last switched, null/nil if never.
    #[uniffi(default)]
    pub changed_at: Option<SystemTime>,
}

impl AccountSmsOption {
    fn to_core(self) -> Result<envoi::contacts::AccountSmsOption, EnvoiError> {
        Ok(envoi::contacts::AccountSmsOption {
            enabled: self.enabled,
            changed_at: self
                .changed_at
                .map(|at| to_instant("sms_option.changed_at", at))
                .transpose()?,
        })
    }

    pub(crate) fn of(option: envoi::contacts::AccountSmsOption) -> Self {
        AccountSmsOption {
            enabled: option.enabled,
            changed_at: option.changed_at.map(system_time),
        }
    }
}

/// The SMS option after [`AccountSmsOption::switch`], and whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct AccountSmsOptionChange {
    /// The option, switched or not.
    pub option: AccountSmsOption,
    /// `false` when it already was in that state (nothing changed, `changed_at` included).
    pub changed: bool,
}

#[uniffi::export]
impl AccountSmsOption {
    /// Switches the option at `at`; unchanged when it already was in that state.
    pub fn switch(
        &self,
        enabled: bool,
        at: SystemTime,
    ) -> Result<AccountSmsOptionChange, EnvoiError> {
        guard(|| {
            let mut option = self.to_core()?;
            let changed = option.switch(enabled, to_instant("at", at)?);
            Ok(AccountSmsOptionChange {
                option: AccountSmsOption::of(option),
                changed,
            })
        })
    }

    /// The preferences of a contact created now: email on, SMS on exactly when the option is on.
    pub fn new_contact_preferences(&self) -> ChannelPreferences {
        // `changed_at` plays no part in the rule (and a far instant must not make this throw).
        let option = envoi::contacts::AccountSmsOption {
            enabled: self.enabled,
            changed_at: None,
        };
        ChannelPreferences::of(option.new_contact_preferences())
    }
}

// ---- Groups --------------------------------------------------------------------------------------

/// A named group of contacts (SPEC section 3): plain data holding contact ids, each once, in the
/// core's order. Membership is read at each send.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Group {
    /// The group's id (the host's).
    pub id: String,
    /// The name shown to the account's users.
    pub name: String,
    /// The contacts in the group.
    #[uniffi(default)]
    pub members: Vec<String>,
}

/// A group after [`Group::add`] or [`Group::remove`], and whether it changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct GroupChange {
    /// The group, changed or not.
    pub group: Group,
    /// `false` when the contact already was (add) or was not (remove) a member.
    pub changed: bool,
}

impl Group {
    fn of(group: &envoi::contacts::Group) -> Self {
        Group {
            id: group.id.as_str().to_owned(),
            name: group.name.clone(),
            members: group
                .members
                .iter()
                .map(|id| id.as_str().to_owned())
                .collect(),
        }
    }

    fn to_core(&self) -> Result<envoi::contacts::Group, EnvoiError> {
        Ok(envoi::contacts::Group {
            id: GroupId::new(self.id.as_str())?,
            name: self.name.clone(),
            members: self
                .members
                .iter()
                .map(|id| ContactId::new(id.as_str()))
                .collect::<Result<BTreeSet<_>, _>>()?,
        })
    }

    fn change(
        &self,
        contact: &str,
        operation: impl FnOnce(&mut envoi::contacts::Group, ContactId) -> bool,
    ) -> Result<GroupChange, EnvoiError> {
        guard(|| {
            let mut group = self.to_core()?;
            let changed = operation(&mut group, ContactId::new(contact)?);
            Ok(GroupChange {
                group: Group::of(&group),
                changed,
            })
        })
    }
}

#[uniffi::export]
impl Group {
    /// Adds a contact (unchanged if it already is a member). Throws `id.*` for an id the core
    /// refuses.
    pub fn add(&self, contact: String) -> Result<GroupChange, EnvoiError> {
        self.change(&contact, |group, id| group.add(id))
    }

    /// Removes a contact (unchanged if it is not a member).
    pub fn remove(&self, contact: String) -> Result<GroupChange, EnvoiError> {
        self.change(&contact, |group, id| group.remove(&id))
    }

    /// Whether a contact is a member.
    pub fn contains(&self, contact: String) -> Result<bool, EnvoiError> {
        guard(|| Ok(self.to_core()?.contains(&ContactId::new(contact)?)))
    }

    /// The core's JSON form of the group.
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&self.to_core()?)
                .map_err(|error| EnvoiError::panic(&format!("serializing a group: {error}")))
        })
    }
}

/// A group written by `Group.to_json()`. Throws `argument.invalid_json`.
#[uniffi::export]
pub fn group_from_json(json: String) -> Result<Group, EnvoiError> {
    guard(|| {
        let group: envoi::contacts::Group = serde_json::from_str(&json).map_err(|error| {
            EnvoiError::argument(
                INVALID_JSON_CODE,
                format!("json: not a group: {error}; expected the form of Group.to_json"),
            )
        })?;
        Ok(Group::of(&group))
    })
}

/// Checks that every recipient is in the address book (`address_book`: the ids the host knows):
/// a contact must exist before it is a recipient. Throws `contacts.unknown_contact` listing every
/// unknown id once, in the order given (`ids`), and `id.*` for a recipient id the core refuses.
#[uniffi::export]
pub fn ensure_contacts_exist(
    recipients: Vec<String>,
    address_book: Vec<String>,
) -> Result<(), EnvoiError> {
    guard(|| {
        let recipients = recipients
            .into_iter()
            .map(ContactId::new)
            .collect::<Result<Vec<_>, _>>()?;
        let book: HashSet<String> = address_book.into_iter().collect();
        Ok(envoi::contacts::ensure_contacts_exist(&recipients, |id| {
            book.contains(id.as_str())
        })?)
    })
}

// ---- Opt-out replies -----------------------------------------------------------------------------

/// A reply recognised as a keyword: the keyword in envoi's list (upper case, without accents), the
/// languages that use it, and the action.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ReplyKeyword {
    /// The keyword, upper case without accents (`"ARRET"` for `arrêt`).
    pub keyword: String,
    /// The languages that use it (`"fr"`…).
    pub languages: Vec<String>,
    /// `"opt_out"` or `"opt_in"`.
    pub action: String,
}

impl ReplyKeyword {
    fn of(reply: &envoi::contacts::ReplyKeyword) -> Self {
        ReplyKeyword {
            keyword: reply.keyword.to_owned(),
            languages: reply
                .languages
                .iter()
                .map(|language| language.code().to_owned())
                .collect(),
            action: crate::token::serde_name(&reply.action),
        }
    }

    /// The core's keyword: the one of the core's list with this keyword and action.
    fn to_core(&self) -> Result<envoi::contacts::ReplyKeyword, EnvoiError> {
        envoi::contacts::reply_keywords()
            .iter()
            .find(|known| {
                known.keyword == self.keyword
                    && crate::token::serde_name(&known.action) == self.action
            })
            .copied()
            .ok_or_else(|| {
                EnvoiError::argument(
                    UNKNOWN_VALUE_CODE,
                    format!(
                        "reply: {:?} ({}) is not one of envoi's reply keywords; use the result of classify_reply",
                        self.keyword, self.action
                    ),
                )
            })
    }
}

/// Classifies an inbound SMS reply: an opt-out or opt-in keyword (`STOP`, `ARRET`, `UITSCHRIJVEN`,
/// `ABMELDEN`, `START`…; case, accents, surrounding spaces and final punctuation ignored), or
/// null/nil. The whole message must be the keyword: `"stop please"` is no keyword.
#[uniffi::export]
pub fn classify_reply(text: String) -> Option<ReplyKeyword> {
    envoi::contacts::classify_reply(&text)
        .as_ref()
        .map(ReplyKeyword::of)
}

/// Every keyword [`classify_reply`] recognises, opt-outs first.
#[uniffi::export]
pub fn reply_keywords() -> Vec<ReplyKeyword> {
    envoi::contacts::reply_keywords()
        .iter()
        .map(ReplyKeyword::of)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<envoi::time::Instant>().unwrap())
    }

    #[test]
    fn a_contact_round_trips_through_the_core() {
        let contact = Contact {
            id: Some("c-1".into()),
            first_name: "Ann".into(),
            email: Some("Ann@Example.BE".into()),
            mobile: Some("+32475123456".into()),
            custom_fields: HashMap::from([("city".into(), "Gent".into())]),
            language: Some("nl".into()),
            time_zone: Some("Europe/Brussels".into()),
            ..Contact::default()
        };
        let json = contact.to_json().unwrap();
        let back = contact_from_json(json).unwrap();
        assert_eq!(back.email.as_deref(), Some("Ann@example.be"));
        assert_eq!(
            Contact {
                email: contact.email.clone(),
                ..back.clone()
            },
            contact
        );
        assert_eq!(back.field("city".into()).unwrap().as_deref(), Some("Gent"));
        let error = Contact {
            mobile: Some("0475".into()),
            ..Contact::default()
        }
        .to_json()
        .unwrap_err();
        assert_eq!(error.code(), "contacts.invalid_phone");
    }

    #[test]
    fn replies_opt_out_and_back_in() {
        let stop = classify_reply(" Arrêt. ".into()).unwrap();
        assert_eq!(
            (stop.keyword.as_str(), stop.action.as_str()),
            ("ARRET", "opt_out")
        );
        let changed = Contact::default()
            .apply_reply(stop.clone(), at("2026-03-02T18:30:00Z"))
            .unwrap();
        assert!(changed.changed);
        assert_eq!(
            changed.contact.opt_outs[0].source,
            ConsentSource::SmsReply {
                keyword: "ARRET".into()
            }
        );
        let forged = ReplyKeyword {
            keyword: "PLEASE STOP".into(),
            ..stop
        };
        assert_eq!(
            Contact::default()
                .apply_reply(forged, at("2026-03-02T18:30:00Z"))
                .unwrap_err()
                .code(),
            UNKNOWN_VALUE_CODE
        );
    }
}
