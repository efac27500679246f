//! Who may be sent what: the account's SMS option, opt-outs and opt-ins, channel preferences and
//! notification switches.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::error::ErrorCode;
use crate::time::Instant;

use super::contact::{
    Channel, ChannelPreferences, ConsentSource, Contact, NotificationSwitches, OptIn, OptOut,
};
use super::error::ContactError;
use super::phone::PhoneKind;

/// The account-level SMS option (Plannit).
///
/// - While it is off, nobody gets SMS, whatever their preference
///   ([`Refusal::SmsOffForAccount`]).
/// - Switching it on turns SMS on for the contacts created from then on
///   ([`AccountSmsOption::new_contact_preferences`]).
/// - Existing contacts keep their preference until edited: switching the option changes no
///   contact, so a contact created while it was off keeps `sms: false` until a user edits it.
///
/// ```
/// use envoi::contacts::{AccountSmsOption, Channel, Contact, Refusal};
///
/// let at = "2026-03-01T09:00:00Z".parse().unwrap();
/// let mut option = AccountSmsOption::default();
/// let mut before = Contact::new();
/// before.preferences = option.new_contact_preferences();
/// assert!(!before.preferences.sms);
///
/// assert!(option.switch(true, at));
/// let mut after = Contact::new();
/// after.preferences = option.new_contact_preferences();
/// assert!(after.preferences.sms);
/// assert_eq!(before.may_receive(Channel::Sms, &option, at), Err(Refusal::PreferenceOff { channel: Channel::Sms }));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountSmsOption {
    /// Whether the account sends SMS (off by default).
    pub enabled: bool,
    /// When it was last switched, `None` if never.
    pub changed_at: Option<Instant>,
}

impl AccountSmsOption {
    /// Switches the option at `at`; `false` (and nothing changes, `changed_at` included) if it
    /// already was in that state.
    ///
    /// ```
    /// # use envoi::contacts::AccountSmsOption;
    /// let at = "2026-03-01T09:00:00Z".parse().unwrap();
    /// let mut option = AccountSmsOption::default();
    /// assert!(!option.switch(false, at));
    /// assert!(option.switch(true, at));
    /// assert_eq!(option.changed_at, Some(at));
    /// ```
    pub fn switch(&mut self, enabled: bool, at: Instant) -> bool {
        if self.enabled == enabled {
            return false;
        }
        self.enabled = enabled;
        self.changed_at = Some(at);
        true
    }

    /// The preferences of a contact created now: email on, SMS on exactly when the option is on.
    ///
    /// ```
    /// # use envoi::contacts::AccountSmsOption;
    /// let option = AccountSmsOption { enabled: true, changed_at: None };
    /// assert!(option.new_contact_preferences().sms);
    /// ```
    pub fn new_contact_preferences(&self) -> ChannelPreferences {
        ChannelPreferences {
            email: true,
            sms: self.enabled,
        }
    }
}

/// A kind of notification with its own per-contact switch (SPEC section 10).
///
/// ```
/// use envoi::contacts::{NotificationKind, NotificationSwitches};
/// let switches = NotificationSwitches { reminders: false, ..NotificationSwitches::default() };
/// assert!(!NotificationKind::Reminder.is_on(&switches));
/// assert!(NotificationKind::Route.is_on(&switches));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A document (quote, invoice).
    Document,
    /// A message written to the contact.
    Message,
    /// An automatic reminder.
    Reminder,
    /// A message to every client of a route.
    Route,
}

impl NotificationKind {
    /// The snake-case name: `document`, `message`, `reminder`, `route`.
    ///
    /// ```
    /// assert_eq!(envoi::contacts::NotificationKind::Reminder.as_str(), "reminder");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Document => "document",
            NotificationKind::Message => "message",
            NotificationKind::Reminder => "reminder",
            NotificationKind::Route => "route",
        }
    }

    /// Whether this kind's switch is on.
    ///
    /// ```
    /// # use envoi::contacts::{NotificationKind, NotificationSwitches};
    /// assert!(NotificationKind::Document.is_on(&NotificationSwitches::default()));
    /// ```
    pub fn is_on(self, switches: &NotificationSwitches) -> bool {
        match self {
            NotificationKind::Document => switches.documents,
            NotificationKind::Message => switches.messages,
            NotificationKind::Reminder => switches.reminders,
            NotificationKind::Route => switches.routes,
        }
    }
}

/// Why a contact may not be sent something on a channel: a recipient to skip and report, with its
/// stable code (`contacts.opted_out`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::contacts::{Channel, Refusal};
/// let refusal = Refusal::NoAddress { channel: Channel::Sms };
/// assert_eq!(refusal.code(), "contacts.no_address");
/// assert_eq!(refusal.to_string(), "sms: the contact has no mobile number");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The contact opted out of the channel (or, for secure email, of email); never used, whatever a
    /// task says.
    #[error("{channel}: the contact opted out of {opted_out_of} at {since}")]
    OptedOut {
        /// The channel asked for.
        channel: Channel,
        /// The channel of the opt-out in force (email for a secure email).
        opted_out_of: Channel,
        /// When the opt-out was made.
        since: Instant,
        /// How it was made (the opt-out's `source`).
        origin: ConsentSource,
    },
    /// The account's SMS option is off.
    #[error("sms: the account's SMS option is off, nobody gets SMS")]
    SmsOffForAccount,
    /// The contact's preference for the channel is off.
    #[error("{channel}: the contact's {channel} preference is off")]
    PreferenceOff {
        /// The channel.
        channel: Channel,
    },
    /// The contact has no address for the channel.
    #[error("{channel}: the contact has no {}", if matches!(.channel, Channel::Sms) { "mobile number" } else { "email address" })]
    NoAddress {
        /// The channel.
        channel: Channel,
    },
    /// The contact's number is not a mobile: SMS go to mobiles only.
    #[error("sms: {number} is a {} number, SMS go to mobile numbers only", .kind.as_str())]
    NotMobile {
        /// The number, E.164.
        number: String,
        /// Its kind.
        kind: PhoneKind,
    },
    /// The contact's switch for this kind of notification is off.
    #[error("the contact's {} notifications are off", .kind.as_str())]
    NotificationOff {
        /// The kind.
        kind: NotificationKind,
    },
}

impl ErrorCode for Refusal {
    fn code(&self) -> &'static str {
        match self {
            Refusal::OptedOut { .. } => "contacts.opted_out",
            Refusal::SmsOffForAccount => "contacts.sms_off_for_account",
            Refusal::PreferenceOff { .. } => "contacts.preference_off",
            Refusal::NoAddress { .. } => "contacts.no_address",
            Refusal::NotMobile { .. } => "contacts.not_mobile",
            Refusal::NotificationOff { .. } => "contacts.notification_off",
        }
    }
}

impl Contact {
    /// The opt-out of `channel` in force at `at`: made at or before `at` and not lifted by then.
    ///
    /// This is the history's view (was the contact opted out at that instant?), for reports. It is
    /// **not** the sending rule: [`Contact::may_receive`] refuses on any active opt-out, whatever
    /// its date.
    ///
    /// ```
    /// # use envoi::contacts::{Channel, ConsentSource, Contact};
    /// let (monday, tuesday) = ("2026-03-02T09:00:00Z".parse().unwrap(), "2026-03-03T09:00:00Z".parse().unwrap());
    /// let mut contact = Contact::new();
    /// contact.opt_out(Channel::Sms, tuesday, ConsentSource::AccountUser)?;
    /// assert!(contact.opt_out_in_force(Channel::Sms, monday).is_none());
    /// assert!(contact.opt_out_in_force(Channel::Sms, tuesday).is_some());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn opt_out_in_force(&self, channel: Channel, at: Instant) -> Option<&OptOut> {
        self.opt_outs.iter().find(|opt_out| {
            opt_out.channel == channel
                && opt_out.at <= at
                && opt_out.lifted.as_ref().is_none_or(|lifted| lifted.at > at)
        })
    }

    /// Records an opt-out of `channel`. Idempotent: `Ok(false)` and nothing recorded when an
    /// opt-out of the channel is already active. The history is kept in time order: `at` before
    /// the channel's last opt-out or opt-in is refused (`contacts.consent_out_of_order`).
    ///
    /// ```
    /// # use envoi::contacts::{Channel, ConsentSource, Contact};
    /// let at = "2026-03-02T09:00:00Z".parse().unwrap();
    /// let mut contact = Contact::new();
    /// assert!(contact.opt_out(Channel::Email, at, ConsentSource::UnsubscribeLink)?);
    /// assert!(!contact.opt_out(Channel::Email, at, ConsentSource::UnsubscribeLink)?);
    /// assert_eq!(contact.opt_outs.len(), 1);
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn opt_out(
        &mut self,
        channel: Channel,
        at: Instant,
        source: ConsentSource,
    ) -> Result<bool, ContactError> {
        if self.active_opt_out(channel).is_some() {
            return Ok(false);
        }
        self.check_order(channel, "opt-out", at)?;
        self.opt_outs.push(OptOut {
            channel,
            at,
            source,
            lifted: None,
        });
        Ok(true)
    }

    /// Lifts the active opt-out of `channel`, keeping it in the history with the opt-in. Idempotent:
    /// `Ok(false)` when none is active. An opt-in dated before the opt-out it lifts is refused
    /// (`contacts.consent_out_of_order`).
    ///
    /// ```
    /// # use envoi::contacts::{Channel, ConsentSource, Contact};
    /// let (monday, tuesday) = ("2026-03-02T09:00:00Z".parse().unwrap(), "2026-03-03T09:00:00Z".parse().unwrap());
    /// let mut contact = Contact::new();
    /// contact.opt_out(Channel::Sms, monday, ConsentSource::AccountUser)?;
    /// assert!(contact.opt_in(Channel::Sms, tuesday, ConsentSource::AccountUser)?);
    /// assert!(!contact.opt_in(Channel::Sms, tuesday, ConsentSource::AccountUser)?);
    /// assert!(!contact.opt_outs[0].is_active());
    /// assert!(contact.opt_in(Channel::Sms, monday, ConsentSource::AccountUser).is_ok()); // nothing to lift
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn opt_in(
        &mut self,
        channel: Channel,
        at: Instant,
        source: ConsentSource,
    ) -> Result<bool, ContactError> {
        let Some(index) = self
            .opt_outs
            .iter()
            .position(|opt_out| opt_out.channel == channel && opt_out.is_active())
        else {
            return Ok(false);
        };
        self.check_order(channel, "opt-in", at)?;
        self.opt_outs[index].lifted = Some(OptIn { at, source });
        Ok(true)
    }

    /// The active (not lifted) opt-out of `channel`, whatever its date.
    ///
    /// ```
    /// # use envoi::contacts::{Channel, Contact};
    /// assert!(Contact::new().active_opt_out(Channel::Sms).is_none());
    /// ```
    pub fn active_opt_out(&self, channel: Channel) -> Option<&OptOut> {
        self.opt_outs
            .iter()
            .find(|opt_out| opt_out.channel == channel && opt_out.is_active())
    }

    fn check_order(
        &self,
        channel: Channel,
        action: &'static str,
        at: Instant,
    ) -> Result<(), ContactError> {
        let last = self
            .opt_outs
            .iter()
            .filter(|opt_out| opt_out.channel == channel)
            .flat_map(|opt_out| {
                [
                    Some(opt_out.at),
                    opt_out.lifted.as_ref().map(|lifted| lifted.at),
                ]
            })
            .flatten()
            .max();
        match last {
            Some(last) if at < last => Err(ContactError::ConsentOutOfOrder {
                channel,
                action,
                at,
                last,
            }),
            _ => Ok(()),
        }
    }

    /// Whether the contact may be sent something on `channel` at `at`, or why not.
    ///
    /// The checks, in this order (the first that fails is the answer):
    /// 1. an active opt-out ([`Contact::active_opt_out`]) of the channel — for a secure email, of
    ///    email or secure email — whatever a task says and **whatever its date**: an opt-out
    ///    recorded at `at` or after it (a STOP received after the send was planned, a clock ahead)
    ///    blocks just the same; only an opt-in lifts it;
    /// 2. for SMS, the account's SMS option;
    /// 3. the contact's preference: email (which also covers secure email) or SMS; letters have
    ///    no preference;
    /// 4. an address: an email address for email and secure email, a mobile number for SMS;
    /// 5. for SMS, a number that accepts SMS ([`PhoneKind::accepts_sms`]: a mobile, or a number
    ///    whose plan cannot tell mobile from fixed).
    ///
    /// `at` is the instant of the send; no check depends on it today (opt-outs apply whatever
    /// their date), and the signature keeps it for the host's calls.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, AccountSmsOption, Channel, ConsentSource, Contact, EmailAddress, Region, Refusal};
    ///
    /// let at = "2026-03-02T09:00:00Z".parse().unwrap();
    /// let option = AccountSmsOption { enabled: true, changed_at: None };
    /// let mut contact = Contact::new();
    /// contact.preferences = option.new_contact_preferences();
    /// contact.email = Some(EmailAddress::parse("ann@example.be")?);
    /// contact.mobile = Some(normalize_phone("0475 12 34 56", Region::BE)?);
    /// assert_eq!(contact.may_receive(Channel::Email, &option, at), Ok(()));
    /// assert_eq!(contact.may_receive(Channel::Sms, &option, at), Ok(()));
    ///
    /// // A STOP recorded an hour after the instant asked about still blocks.
    /// contact.opt_out(Channel::Sms, at + chrono::TimeDelta::hours(1), ConsentSource::AccountUser)?;
    /// assert!(matches!(contact.may_receive(Channel::Sms, &option, at), Err(Refusal::OptedOut { .. })));
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn may_receive(
        &self,
        channel: Channel,
        sms_option: &AccountSmsOption,
        at: Instant,
    ) -> Result<(), Refusal> {
        let opt_out_channels: &[Channel] = match channel {
            Channel::SecureEmail => &[Channel::Email, Channel::SecureEmail],
            _ => &[channel],
        };
        let _ = at; // see the documentation: no rule depends on the instant today
        for &opted_out_of in opt_out_channels {
            if let Some(opt_out) = self.active_opt_out(opted_out_of) {
                return Err(Refusal::OptedOut {
                    channel,
                    opted_out_of,
                    since: opt_out.at,
                    origin: opt_out.source.clone(),
                });
            }
        }
        match channel {
            Channel::Email | Channel::SecureEmail => {
                if !self.preferences.email {
                    return Err(Refusal::PreferenceOff {
                        channel: Channel::Email,
                    });
                }
                if self.email.is_none() {
                    return Err(Refusal::NoAddress { channel });
                }
            }
            Channel::Sms => {
                if !sms_option.enabled {
                    return Err(Refusal::SmsOffForAccount);
                }
                if !self.preferences.sms {
                    return Err(Refusal::PreferenceOff { channel });
                }
                let Some(mobile) = &self.mobile else {
                    return Err(Refusal::NoAddress { channel });
                };
                if !mobile.accepts_sms() {
                    return Err(Refusal::NotMobile {
                        number: mobile.e164().to_owned(),
                        kind: mobile.kind(),
                    });
                }
            }
            Channel::Letter => {}
        }
        Ok(())
    }

    /// [`Contact::may_receive`], after the contact's switch for this kind of notification.
    ///
    /// ```
    /// use envoi::contacts::{AccountSmsOption, Channel, Contact, EmailAddress, NotificationKind, Refusal};
    ///
    /// let at = "2026-03-02T09:00:00Z".parse().unwrap();
    /// let mut vip = Contact::new();
    /// vip.email = Some(EmailAddress::parse("vip@example.be")?);
    /// vip.notifications.reminders = false;
    /// let option = AccountSmsOption::default();
    /// assert_eq!(
    ///     vip.may_notify(NotificationKind::Reminder, Channel::Email, &option, at),
    ///     Err(Refusal::NotificationOff { kind: NotificationKind::Reminder })
    /// );
    /// assert_eq!(vip.may_notify(NotificationKind::Document, Channel::Email, &option, at), Ok(()));
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn may_notify(
        &self,
        kind: NotificationKind,
        channel: Channel,
        sms_option: &AccountSmsOption,
        at: Instant,
    ) -> Result<(), Refusal> {
        if !kind.is_on(&self.notifications) {
            return Err(Refusal::NotificationOff { kind });
        }
        self.may_receive(channel, sms_option, at)
    }

    /// The channels among email and SMS this contact gets a message on at `at`: both preferences
    /// checked, both channels (SPEC section 3).
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, AccountSmsOption, Channel, Contact, EmailAddress, Region};
    ///
    /// let at = "2026-03-02T09:00:00Z".parse().unwrap();
    /// let option = AccountSmsOption { enabled: true, changed_at: None };
    /// let mut contact = Contact::new();
    /// contact.preferences = option.new_contact_preferences();
    /// contact.email = Some(EmailAddress::parse("ann@example.be")?);
    /// contact.mobile = Some(normalize_phone("0475 12 34 56", Region::BE)?);
    /// assert_eq!(contact.preferred_channels(&option, at), vec![Channel::Email, Channel::Sms]);
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn preferred_channels(&self, sms_option: &AccountSmsOption, at: Instant) -> Vec<Channel> {
        [Channel::Email, Channel::Sms]
            .into_iter()
            .filter(|&channel| self.may_receive(channel, sms_option, at).is_ok())
            .collect()
    }
}
