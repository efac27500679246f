//! `contacts.AccountSmsOption`: the Node face of `envoi::contacts::AccountSmsOption` (the
//! account-level SMS option), and the readers of the consent arguments the contact's methods share
//! (the SMS option, a notification kind, a consent source).

use envoi::contacts::{self as core_contacts, ConsentSource, NotificationKind};
use napi::bindgen_prelude::Unknown;
use napi::{Env, ValueType};
use napi_derive::napi;

use super::contact::ChannelPreferences;
use super::{from_js_value, serde_enum_arg};
use crate::args::{bool_value, instance_arg, option_field, record_arg, required_field, type_of};
use crate::errors::{Code, JsError, guard, invalid_arg};
use crate::js::Js;
use crate::time::{format_utc, instant_arg};

/// The account-level SMS option (Plannit): while it is off, nobody gets SMS, whatever their
/// preference (`contacts.sms_off_for_account`); switching it on turns SMS on for the contacts
/// created from then on ({@link AccountSmsOption.newContactPreferences}); existing contacts keep
/// their preference until edited. Plain data: `toJson()` / `AccountSmsOption.fromJson(text)`.
///
/// ```js
/// const { contacts } = require('envoi')
/// const option = new contacts.AccountSmsOption()
/// option.newContactPreferences()                 // { email: true, sms: false }
/// option.switch(true, '2026-03-01T09:00:00Z')    // true (false when it already was on)
/// option.newContactPreferences()                 // { email: true, sms: true }
/// option.changedAt                               // '2026-03-01T09:00:00Z'
/// ```
#[napi(namespace = "contacts")]
pub struct AccountSmsOption {
    pub(crate) inner: core_contacts::AccountSmsOption,
}

#[napi(namespace = "contacts")]
impl AccountSmsOption {
    /// The option, off unless `enabled` is `true`, never switched (`changedAt` `null`).
    #[napi(constructor, ts_args_type = "enabled?: boolean | undefined | null")]
    pub fn new(enabled: Option<bool>) -> napi::Result<Self, Code> {
        guard(|| {
            Ok(AccountSmsOption {
                inner: core_contacts::AccountSmsOption {
                    enabled: enabled.unwrap_or(false),
                    changed_at: None,
                },
            })
        })
    }

    /// Whether the account sends SMS.
    #[napi(getter)]
    pub fn enabled(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.enabled))
    }

    /// When it was last switched (RFC 3339 in UTC), `null` if never.
    #[napi(getter)]
    pub fn changed_at(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.changed_at.map(format_utc)))
    }

    /// Switches the option at `at` (a `Date` or an ISO 8601 string with an offset); `false` (and
    /// nothing changes, `changedAt` included) if it already was in that state.
    #[napi(ts_args_type = "enabled: boolean, at: Date | string")]
    pub fn switch(&mut self, enabled: bool, at: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            Ok(self.inner.switch(enabled, at))
        })
    }

    /// The preferences of a contact created now: email on, SMS on exactly when the option is on.
    #[napi]
    pub fn new_contact_preferences(&self) -> napi::Result<ChannelPreferences, Code> {
        guard(|| {
            Ok(ChannelPreferences::from_core(
                self.inner.new_contact_preferences(),
            ))
        })
    }

    /// The core's JSON form (`{"enabled":true,"changed_at":"…"}`), the same in every envoi binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// The option of a JSON text written by {@link AccountSmsOption.toJson} (in any envoi
    /// binding). `InvalidArg` for a text that is not one.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<AccountSmsOption, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| AccountSmsOption { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }
}

/// Reads the SMS option argument `name`: an {@link AccountSmsOption}, or a plain object
/// `{ enabled, changedAt? }`.
pub fn sms_option_arg(
    name: &str,
    value: &Unknown<'_>,
) -> Result<core_contacts::AccountSmsOption, JsError> {
    if type_of(name, value)? == ValueType::Object
        && let Ok(option) = instance_arg::<AccountSmsOption>(name, value, "")
    {
        return Ok(option.inner);
    }
    let object = record_arg(
        name,
        value,
        &["enabled", "changedAt"],
        "new contacts.AccountSmsOption(true) or { enabled: true }",
    )?;
    let enabled = bool_value(
        &format!("{name}.enabled"),
        &required_field(&object, name, "enabled")?,
    )?;
    let changed_at = option_field(&object, "changedAt")?
        .map(|at| instant_arg(&format!("{name}.changedAt"), &at))
        .transpose()?;
    Ok(core_contacts::AccountSmsOption {
        enabled,
        changed_at,
    })
}

/// A notification kind (`'document'`, `'message'`, `'reminder'`, `'route'`).
pub fn notification_kind_arg(name: &str, value: &Unknown<'_>) -> Result<NotificationKind, JsError> {
    serde_enum_arg(name, value, "'document', 'message', 'reminder', 'route'")
}

/// A consent source: its core JSON form, `{ type: 'account_user' }`, `{ type: 'sms_reply',
/// keyword: 'STOP' }`, `{ type: 'unsubscribe_link' }`, `{ type: 'import' }` or `{ type: 'api',
/// note: '…' }`.
pub fn source_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<ConsentSource, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    if type_of(name, value)? != ValueType::Object {
        return Err(invalid_arg(format!(
            "{name}: expected a consent source such as {{ type: 'account_user' }} or {{ type: 'api', note: 'CRM sync' }}"
        )));
    }
    from_js_value(js, name, value)
}
