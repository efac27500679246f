//! `contacts.Contact`: the Node face of `envoi::contacts::Contact` (the contact record) and of its
//! consent methods (opt-outs and opt-ins, who may be sent what, SMS replies).

use std::collections::BTreeMap;

use envoi::contacts::{
    self as core_contacts, ChannelPreferences as CorePreferences, EmailAddress, OptOut, PhoneNumber,
};
use envoi::ids::ContactId;
use envoi::time::Zone;
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use super::consent::{notification_kind_arg, sms_option_arg, source_arg};
use super::error::refusal_to_js;
use super::reply::reply_arg;
use super::{channel_arg, from_js_value, to_js_value};
use crate::args::{
    array_items, bool_value, instance_arg, napi_error, option_field, options_object, record_arg,
    string_arg, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::instant_arg;
use crate::vat::language_arg;

/// The channels a contact accepts (SPEC section 3): both on, the contact gets both. A new
/// contact's default is email on, SMS off.
#[napi(object, namespace = "contacts")]
#[derive(Clone, Copy)]
pub struct ChannelPreferences {
    /// The contact accepts email (and secure email).
    pub email: bool,
    /// The contact accepts SMS.
    pub sms: bool,
}

impl ChannelPreferences {
    /// The JS form of the core's preferences.
    pub fn from_core(preferences: CorePreferences) -> Self {
        ChannelPreferences {
            email: preferences.email,
            sms: preferences.sms,
        }
    }
}

/// The contact's switch per kind of notification (SPEC section 10): a switch off stops that kind
/// for this contact on every channel. All on by default.
#[napi(object, namespace = "contacts")]
#[derive(Clone, Copy)]
pub struct NotificationSwitches {
    /// Documents (quotes, invoices).
    pub documents: bool,
    /// Messages written to the contact.
    pub messages: bool,
    /// Automatic reminders.
    pub reminders: bool,
    /// Messages to every client of a route.
    pub routes: bool,
}

/// Where an opt-out or an opt-in came from: the core's JSON form.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts"
)]
pub struct ConsentSource {
    /// `'sms_reply'` (with `keyword`), `'unsubscribe_link'`, `'account_user'`, `'import'` or
    /// `'api'` (with `note`).
    #[napi(
        js_name = "type",
        ts_type = "'sms_reply' | 'unsubscribe_link' | 'account_user' | 'import' | 'api'"
    )]
    pub kind: String,
    /// The keyword of an SMS reply as envoi recognised it (`'STOP'`, `'ARRET'`…).
    pub keyword: Option<String>,
    /// The host's note of an `'api'` source.
    pub note: Option<String>,
}

/// The end of an opt-out: when the contact opted back in, and how.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts"
)]
pub struct OptIn {
    /// When (RFC 3339 in UTC; a `Date` or an ISO 8601 string with an offset when given).
    #[napi(ts_type = "string")]
    pub at: String,
    /// How.
    #[napi(ts_type = "ConsentSource")]
    pub source: ConsentSource,
}

/// An opt-out from one channel, in force or lifted (the history is kept): the core's JSON form.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; crosses as the core's JSON form"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    use_nullable = true
)]
pub struct OptOutRecord {
    /// The channel.
    #[napi(ts_type = "'email' | 'sms' | 'secure_email' | 'letter'")]
    pub channel: String,
    /// When the contact opted out (RFC 3339 in UTC).
    pub at: String,
    /// How.
    #[napi(ts_type = "ConsentSource")]
    pub source: ConsentSource,
    /// The opt-in that ended it, or `null` while it is in force.
    #[napi(ts_type = "OptIn | null")]
    pub lifted: Option<OptIn>,
}

/// Why a contact may not be sent something on a channel: a recipient to skip and report. Not
/// thrown: {@link Contact.mayReceive} and {@link Contact.mayNotify} return it.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts"
)]
pub struct Refusal {
    /// `'contacts.opted_out'`, `'contacts.sms_off_for_account'`, `'contacts.preference_off'`,
    /// `'contacts.no_address'`, `'contacts.not_mobile'` or `'contacts.notification_off'`.
    pub code: String,
    /// The core's message (`'sms: the contact has no mobile number'`).
    pub message: String,
    /// The channel asked for (`opted_out`, `preference_off`, `no_address`).
    pub channel: Option<String>,
    /// The channel of the opt-out in force (`opted_out`: `'email'` for a secure email).
    pub opted_out_of: Option<String>,
    /// When the opt-out was made (`opted_out`).
    pub since: Option<String>,
    /// How it was made (`opted_out`).
    #[napi(ts_type = "ConsentSource")]
    pub origin: Option<ConsentSource>,
    /// The contact's number, E.164 (`not_mobile`).
    pub number: Option<String>,
    /// The kind of line (`not_mobile`) or of notification (`notification_off`).
    pub kind: Option<String>,
}

/// The fields of a contact, every one optional (for the {@link Contact} constructor); `null` is
/// the same as absent; an unknown name throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts"
)]
pub struct ContactFields {
    /// The contact's id in the address book (the host's, 1 to 128 bytes).
    #[napi(ts_type = "string | null")]
    pub id: Option<String>,
    /// The first name.
    #[napi(ts_type = "string | null")]
    pub first_name: Option<String>,
    /// The last name.
    #[napi(ts_type = "string | null")]
    pub last_name: Option<String>,
    /// The email address (checked: `contacts.invalid_email`).
    #[napi(ts_type = "string | null")]
    pub email: Option<String>,
    /// The mobile number in E.164 form (`'+32475123456'`; `contacts.invalid_phone` otherwise: read
    /// other forms with {@link normalizePhone} first).
    #[napi(ts_type = "string | null")]
    pub mobile: Option<String>,
    /// The account's own fields, by name.
    #[napi(ts_type = "Record<string, string> | null")]
    pub custom_fields: Option<String>,
    /// `'fr'`, `'nl'`, `'de'` or `'en'` (`language.unsupported` otherwise); absent: the account's.
    #[napi(ts_type = "string | null")]
    pub language: Option<String>,
    /// An IANA time zone (`time.unknown_zone` otherwise); absent: the account's.
    #[napi(ts_type = "string | null")]
    pub time_zone: Option<String>,
    /// The channels the contact accepts; default email on, SMS off.
    #[napi(ts_type = "ChannelPreferences | null")]
    pub preferences: Option<String>,
    /// The kinds of notification the contact gets; default all on.
    #[napi(ts_type = "NotificationSwitches | null")]
    pub notifications: Option<String>,
    /// Every opt-out, in force or lifted, oldest first (instants as `Date`s or ISO 8601 strings
    /// with an offset).
    #[napi(ts_type = "OptOutRecord[] | null")]
    pub opt_outs: Option<String>,
}

/// The names of {@link ContactFields}.
const CONTACT_FIELDS: [&str; 11] = [
    "id",
    "firstName",
    "lastName",
    "email",
    "mobile",
    "customFields",
    "language",
    "timeZone",
    "preferences",
    "notifications",
    "optOuts",
];

/// A person in an account's address book (SPEC section 3): plain data the host stores
/// (`toJson()` / `Contact.fromJson(text)`, the core's JSON form, the same in every envoi binding).
///
/// Every field is a property: `id`, `firstName`, `lastName`, `email`, `mobile` (E.164),
/// `customFields`, `language`, `timeZone`, `preferences`, `notifications` and `optOuts`. Setting
/// one checks it as the core does (`contacts.invalid_email`, `contacts.invalid_phone`,
/// `language.unsupported`, `time.unknown_zone`, `id.*`); an object or array a getter returns is a
/// copy: assign a new one to change it.
///
/// ```js
/// const { contacts } = require('envoi')
/// const ann = new contacts.Contact({ firstName: 'Ann', email: 'ann@example.be',
///   mobile: contacts.normalizePhone('0475 12 34 56').e164, preferences: { email: true, sms: true } })
/// const option = new contacts.AccountSmsOption(true)
/// const at = '2026-03-02T18:30:00Z'
/// ann.mayReceive('sms', option, at)                          // null: allowed
/// ann.applyReply(contacts.classifyReply('Arrêt'), at)        // true: opted out of SMS
/// ann.mayReceive('sms', option, at).code                     // 'contacts.opted_out'
/// contacts.Contact.fromJson(ann.toJson()).optOuts[0].source  // { type: 'sms_reply', keyword: 'ARRET' }
/// ```
#[napi(namespace = "contacts")]
pub struct Contact {
    pub(crate) inner: core_contacts::Contact,
}

/// Sets the field `name` (a JS name of {@link ContactFields}) of `contact` from `value`
/// (`undefined`/`null` clears it, or resets it to its default).
fn set_field(
    env: Env,
    contact: &mut core_contacts::Contact,
    name: &str,
    value: Option<&Unknown<'_>>,
) -> Result<(), JsError> {
    let value = match value {
        Some(value)
            if !matches!(
                type_of(name, value)?,
                ValueType::Undefined | ValueType::Null
            ) =>
        {
            Some(value)
        }
        _ => None,
    };
    match name {
        "id" => {
            contact.id = value
                .map(|value| {
                    ContactId::new(string_arg("id", value)?)
                        .map_err(|error| envoi_error(env, error))
                })
                .transpose()?;
        }
        "firstName" => {
            contact.first_name = value
                .map(|value| string_arg("firstName", value))
                .transpose()?
                .unwrap_or_default();
        }
        "lastName" => {
            contact.last_name = value
                .map(|value| string_arg("lastName", value))
                .transpose()?
                .unwrap_or_default();
        }
        "email" => {
            contact.email = value
                .map(|value| {
                    EmailAddress::parse(&string_arg("email", value)?)
                        .map_err(|error| envoi_error(env, error))
                })
                .transpose()?;
        }
        "mobile" => {
            contact.mobile = value
                .map(|value| {
                    PhoneNumber::parse_e164(&string_arg("mobile", value)?)
                        .map_err(|error| envoi_error(env, error))
                })
                .transpose()?;
        }
        "customFields" => {
            contact.custom_fields = value
                .map(|value| custom_fields_arg(value))
                .transpose()?
                .unwrap_or_default();
        }
        "language" => {
            contact.language = value
                .map(|value| language_arg(env, &string_arg("language", value)?))
                .transpose()?;
        }
        "timeZone" => {
            contact.time_zone = value
                .map(|value| {
                    string_arg("timeZone", value)?
                        .parse::<Zone>()
                        .map_err(|error| envoi_error(env, error))
                })
                .transpose()?;
        }
        "preferences" => {
            contact.preferences = match value {
                Some(value) => {
                    let object = record_arg(
                        "preferences",
                        value,
                        &["email", "sms"],
                        "{ email: true, sms: true }",
                    )?;
                    let defaults = CorePreferences::default();
                    CorePreferences {
                        email: flag(&object, "preferences", "email", defaults.email)?,
                        sms: flag(&object, "preferences", "sms", defaults.sms)?,
                    }
                }
                None => CorePreferences::default(),
            };
        }
        "notifications" => {
            contact.notifications = match value {
                Some(value) => {
                    let object = record_arg(
                        "notifications",
                        value,
                        &["documents", "messages", "reminders", "routes"],
                        "{ reminders: false }",
                    )?;
                    let defaults = core_contacts::NotificationSwitches::default();
                    core_contacts::NotificationSwitches {
                        documents: flag(&object, "notifications", "documents", defaults.documents)?,
                        messages: flag(&object, "notifications", "messages", defaults.messages)?,
                        reminders: flag(&object, "notifications", "reminders", defaults.reminders)?,
                        routes: flag(&object, "notifications", "routes", defaults.routes)?,
                    }
                }
                None => core_contacts::NotificationSwitches::default(),
            };
        }
        "optOuts" => {
            contact.opt_outs = match value {
                Some(value) => {
                    // SAFETY: `env` is the environment of the Node-API call running on this thread.
                    let js = unsafe { Js::new(env.raw()) };
                    let items = array_items("optOuts", value, "an array of opt-out records")?;
                    items
                        .iter()
                        .enumerate()
                        .map(|(index, item)| {
                            from_js_value::<OptOut>(js, &format!("optOuts[{index}]"), item)
                        })
                        .collect::<Result<Vec<_>, _>>()?
                }
                None => Vec::new(),
            };
        }
        _ => {
            return Err(invalid_arg(format!(
                "{name}: not a contact field; expected {}",
                CONTACT_FIELDS.join(", ")
            )));
        }
    }
    Ok(())
}

/// A boolean field of a record, `default` when absent.
fn flag(object: &Object<'_>, name: &str, field: &str, default: bool) -> Result<bool, JsError> {
    option_field(object, field)?
        .map(|value| bool_value(&format!("{name}.{field}"), &value))
        .transpose()
        .map(|value| value.unwrap_or(default))
}

/// Custom fields: a plain object of strings.
fn custom_fields_arg(value: &Unknown<'_>) -> Result<BTreeMap<String, String>, JsError> {
    if type_of("customFields", value)? != ValueType::Object
        || value.is_array().unwrap_or(false)
        || value.is_date().unwrap_or(false)
    {
        return Err(invalid_arg(
            "customFields: expected a plain object of strings such as { city: 'Gent' }",
        ));
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    let object = unsafe { value.cast::<Object<'_>>() }.map_err(napi_error)?;
    let mut fields = BTreeMap::new();
    for key in Object::keys(&object).map_err(napi_error)? {
        let Some(item) = option_field(&object, &key)? else {
            continue;
        };
        let text = string_arg(&format!("customFields.{key}"), &item)?;
        fields.insert(key, text);
    }
    Ok(fields)
}

#[napi(namespace = "contacts")]
impl Contact {
    /// A contact with `fields` ({@link ContactFields}, every one optional): an empty contact when
    /// none are given (no id, names or addresses; email on, SMS off; every notification on).
    #[napi(
        constructor,
        ts_args_type = "fields?: ContactFields | undefined | null"
    )]
    pub fn new(env: Env, fields: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        guard(|| {
            let mut inner = core_contacts::Contact::new();
            if let Some(object) = options_object(
                fields.as_ref(),
                &CONTACT_FIELDS,
                "{ firstName: 'Ann', email: 'ann@example.be', mobile: '+32475123456' }",
            )? {
                for name in CONTACT_FIELDS {
                    if let Some(value) = option_field(&object, name)? {
                        set_field(env, &mut inner, name, Some(&value))?;
                    }
                }
            }
            Ok(Contact { inner })
        })
    }

    /// The contact of a JSON text written by {@link Contact.toJson} (in any envoi binding): the
    /// core reads it and checks the email, mobile, language and time zone again. `InvalidArg`
    /// naming what is wrong otherwise.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Contact, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| Contact { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }

    /// The core's JSON form (snake_case keys, instants RFC 3339 in UTC), the same in every envoi
    /// binding: what the host stores.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// The merge-field names every contact has: `first_name`, `last_name`, `email`, `mobile`,
    /// `language` (read by {@link Contact.field}; custom fields come on top).
    #[napi]
    pub fn standard_fields() -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(core_contacts::Contact::STANDARD_FIELDS
                .iter()
                .map(|name| (*name).to_owned())
                .collect())
        })
    }

    /// The contact's id, or `null` before the host stores it.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn id(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.id.as_ref().map(|id| id.as_str().to_owned())))
    }

    /// Sets the id (`id.empty`, `id.too_long`, `id.invalid_character`); `null` clears it.
    #[napi(setter, ts_args_type = "value: string | null")]
    pub fn set_id(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "id", Some(&value)))
    }

    /// The first name (`''` when none).
    #[napi(getter)]
    pub fn first_name(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.first_name.clone()))
    }

    /// Sets the first name.
    #[napi(setter, ts_args_type = "value: string")]
    pub fn set_first_name(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "firstName", Some(&value)))
    }

    /// The last name (`''` when none).
    #[napi(getter)]
    pub fn last_name(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.last_name.clone()))
    }

    /// Sets the last name.
    #[napi(setter, ts_args_type = "value: string")]
    pub fn set_last_name(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "lastName", Some(&value)))
    }

    /// The email address (the domain in lower case), or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn email(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .email
                .as_ref()
                .map(|email| email.as_str().to_owned()))
        })
    }

    /// Sets the email address, checked (`contacts.invalid_email`); `null` clears it.
    #[napi(setter, ts_args_type = "value: string | null")]
    pub fn set_email(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "email", Some(&value)))
    }

    /// The mobile number in E.164 form, or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn mobile(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .mobile
                .as_ref()
                .map(|mobile| mobile.e164().to_owned()))
        })
    }

    /// Sets the mobile number, in E.164 form (`contacts.invalid_phone` otherwise); `null` clears
    /// it.
    #[napi(setter, ts_args_type = "value: string | null")]
    pub fn set_mobile(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "mobile", Some(&value)))
    }

    /// The account's own fields, by name (a copy).
    #[napi(getter)]
    pub fn custom_fields(&self) -> napi::Result<BTreeMap<String, String>, Code> {
        guard(|| Ok(self.inner.custom_fields.clone()))
    }

    /// Replaces the custom fields.
    #[napi(setter, ts_args_type = "value: Record<string, string>")]
    pub fn set_custom_fields(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "customFields", Some(&value)))
    }

    /// The language to write to the contact in (`'fr'`, `'nl'`, `'de'`, `'en'`), or `null` (the
    /// account's).
    #[napi(getter, ts_return_type = "'fr' | 'nl' | 'de' | 'en' | null")]
    pub fn language(&self) -> napi::Result<Option<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .language
                .map(|language| language.code().to_owned()))
        })
    }

    /// Sets the language (`language.unsupported` for another); `null`: the account's.
    #[napi(setter, ts_args_type = "value: string | null")]
    pub fn set_language(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "language", Some(&value)))
    }

    /// The contact's IANA time zone, or `null` (the account's).
    #[napi(getter, ts_return_type = "string | null")]
    pub fn time_zone(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.time_zone.map(|zone| zone.to_string())))
    }

    /// Sets the time zone (`time.unknown_zone` for a name that is not one); `null`: the account's.
    #[napi(setter, ts_args_type = "value: string | null")]
    pub fn set_time_zone(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "timeZone", Some(&value)))
    }

    /// The channels the contact accepts (a copy).
    #[napi(getter)]
    pub fn preferences(&self) -> napi::Result<ChannelPreferences, Code> {
        guard(|| Ok(ChannelPreferences::from_core(self.inner.preferences)))
    }

    /// Sets the channel preferences (a field left out takes its default).
    #[napi(setter, ts_args_type = "value: ChannelPreferences")]
    pub fn set_preferences(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "preferences", Some(&value)))
    }

    /// The kinds of notification the contact gets (a copy).
    #[napi(getter)]
    pub fn notifications(&self) -> napi::Result<NotificationSwitches, Code> {
        guard(|| Ok(switches(self.inner.notifications)))
    }

    /// Sets the notification switches (a field left out takes its default: on).
    #[napi(setter, ts_args_type = "value: NotificationSwitches")]
    pub fn set_notifications(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "notifications", Some(&value)))
    }

    /// Every opt-out, in force or lifted, oldest first (a copy, the core's JSON form).
    #[napi(getter, ts_return_type = "OptOutRecord[]")]
    pub fn opt_outs(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            to_js_value(js, &self.inner.opt_outs)
                .map(Raw)
                .map_err(napi_error)
        })
    }

    /// Replaces the opt-out history (read with the core's rules: `InvalidArg` naming the record
    /// that is not one). Prefer {@link Contact.optOut} and {@link Contact.optIn}, which keep it in
    /// time order.
    #[napi(setter, ts_args_type = "value: OptOutRecord[]")]
    pub fn set_opt_outs(&mut self, env: Env, value: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| set_field(env, &mut self.inner, "optOuts", Some(&value)))
    }

    /// The value of a merge field: a standard field ({@link Contact.standardFields}: the email, the
    /// mobile in E.164, the language code) or else a custom field; `null` when the contact has none
    /// or only a blank one.
    #[napi]
    pub fn field(&self, name: String) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.field(&name).map(|value| value.into_owned())))
    }

    /// Whether the contact is the same as `other` (every field). `InvalidArg` when `other` is not
    /// a `Contact`.
    #[napi(strict)]
    pub fn equals(&self, other: &Contact) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// Records an opt-out of `channel` at `at` from `source` (`{ type: 'account_user' }`…).
    /// Idempotent: `false` and nothing recorded when an opt-out of the channel is already in force.
    /// `at` before the channel's last opt-out or opt-in throws `contacts.consent_out_of_order`
    /// (`channel`, `action`, `at`, `last`): the history is kept in time order.
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string, source: ConsentSource"
    )]
    pub fn opt_out(
        &mut self,
        env: Env,
        channel: Unknown<'_>,
        at: Unknown<'_>,
        source: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let at = instant_arg("at", &at)?;
            let source = source_arg(env, "source", &source)?;
            self.inner
                .opt_out(channel, at, source)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Lifts the opt-out of `channel` in force, keeping it in the history with the opt-in.
    /// Idempotent: `false` when none is in force. An opt-in dated before the opt-out it lifts throws
    /// `contacts.consent_out_of_order`.
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string, source: ConsentSource"
    )]
    pub fn opt_in(
        &mut self,
        env: Env,
        channel: Unknown<'_>,
        at: Unknown<'_>,
        source: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let at = instant_arg("at", &at)?;
            let source = source_arg(env, "source", &source)?;
            self.inner
                .opt_in(channel, at, source)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The opt-out of `channel` in force at `at` (made at or before `at`, not lifted by then), or
    /// `null`.
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string",
        ts_return_type = "OptOutRecord | null"
    )]
    pub fn opt_out_in_force(
        &self,
        env: Env,
        channel: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let at = instant_arg("at", &at)?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            to_js_value(js, &self.inner.opt_out_in_force(channel, at))
                .map(Raw)
                .map_err(napi_error)
        })
    }

    /// Whether the contact may be sent something on `channel` at `at`: `null` when it may, else
    /// the {@link Refusal} (not thrown: skip the recipient and report it). The checks, in order:
    /// an opt-out in force (for a secure email, of email too), the account's SMS option (`option`:
    /// an {@link AccountSmsOption} or `{ enabled }`), the contact's preference, an address, and a
    /// mobile number for SMS (a number whose plan cannot tell mobile from fixed is accepted).
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', smsOption: AccountSmsOption | { enabled: boolean, changedAt?: Date | string | null }, at: Date | string",
        ts_return_type = "Refusal | null"
    )]
    pub fn may_receive(
        &self,
        env: Env,
        channel: Unknown<'_>,
        sms_option: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let option = sms_option_arg("smsOption", &sms_option)?;
            let at = instant_arg("at", &at)?;
            refusal_result(env, self.inner.may_receive(channel, &option, at))
        })
    }

    /// {@link Contact.mayReceive}, after the contact's switch for this `kind` of notification
    /// (`'document'`, `'message'`, `'reminder'`, `'route'`): `contacts.notification_off` first.
    #[napi(
        ts_args_type = "kind: 'document' | 'message' | 'reminder' | 'route', channel: 'email' | 'sms' | 'secure_email' | 'letter', smsOption: AccountSmsOption | { enabled: boolean, changedAt?: Date | string | null }, at: Date | string",
        ts_return_type = "Refusal | null"
    )]
    pub fn may_notify(
        &self,
        env: Env,
        kind: Unknown<'_>,
        channel: Unknown<'_>,
        sms_option: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let kind = notification_kind_arg("kind", &kind)?;
            let channel = channel_arg("channel", &channel)?;
            let option = sms_option_arg("smsOption", &sms_option)?;
            let at = instant_arg("at", &at)?;
            refusal_result(env, self.inner.may_notify(kind, channel, &option, at))
        })
    }

    /// The channels among email and SMS the contact gets a message on at `at` (both preferences
    /// on: both).
    #[napi(
        ts_args_type = "smsOption: AccountSmsOption | { enabled: boolean, changedAt?: Date | string | null }, at: Date | string",
        ts_return_type = "Array<'email' | 'sms'>"
    )]
    pub fn preferred_channels(
        &self,
        sms_option: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            let option = sms_option_arg("smsOption", &sms_option)?;
            let at = instant_arg("at", &at)?;
            Ok(self
                .inner
                .preferred_channels(&option, at)
                .into_iter()
                .map(|channel| channel.as_str().to_owned())
                .collect())
        })
    }

    /// Applies an SMS reply classified by {@link classifyReply} at `at`: an opt-out keyword opts
    /// the contact out of SMS, an opt-in keyword lifts its SMS opt-out (the source is
    /// `{ type: 'sms_reply', keyword }`). Idempotent: `false` when nothing changed. An opt-in does
    /// not turn the SMS preference on.
    #[napi(ts_args_type = "reply: ReplyKeyword, at: Date | string")]
    pub fn apply_reply(
        &mut self,
        env: Env,
        reply: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let reply = reply_arg(&reply)?;
            let at = instant_arg("at", &at)?;
            self.inner
                .apply_reply(&reply, at)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Merges a later row of an import into this contact (what a `'merged'` outcome of
    /// {@link CsvImporter.nextChunk} asks): every non-empty field of `update` overwrites this
    /// contact's; the fields `update` leaves empty are kept.
    #[napi(ts_args_type = "update: Contact")]
    pub fn merge_non_empty(&mut self, update: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let update = instance_arg::<Contact>("update", &update, "a contacts.Contact")?;
            envoi::contacts::import::merge_non_empty(&mut self.inner, update.inner.clone());
            Ok(())
        })
    }
}

/// `null`, or the refusal as a plain object.
fn refusal_result(env: Env, result: Result<(), core_contacts::Refusal>) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of this call, on its thread.
    let js = unsafe { Js::new(env.raw()) };
    let value: napi::Result<sys::napi_value> = match result {
        Ok(()) => js.null(),
        Err(refusal) => refusal_to_js(js, &refusal),
    };
    value.map(Raw).map_err(napi_error)
}

/// The JS form of the core's switches.
fn switches(switches: core_contacts::NotificationSwitches) -> NotificationSwitches {
    NotificationSwitches {
        documents: switches.documents,
        messages: switches.messages,
        reminders: switches.reminders,
        routes: switches.routes,
    }
}
