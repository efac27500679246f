//! `templates.formatDate`, `templates.formatTime` and `templates.formatDateTime`: the Node face of
//! the dates of `envoi::templates` (a day or an instant written in a recipient's language, for a
//! task's own fields).

use chrono::NaiveTime;
use envoi::templates::{self as core_templates, TaskValue};
use envoi::time::Zone;
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::args::{bool_value, option_field, options_object, string_arg};
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::time::{date_arg, instant_arg};
use crate::vat::language_arg;

/// Options of {@link formatDate}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "templates"
)]
pub struct FormatDateOptions {
    /// Whether the weekday is written too (`'mardi 3 mars 2026'`); default `false`.
    #[napi(ts_type = "boolean | null")]
    pub weekday: Option<bool>,
}

/// Options of {@link formatDateTime}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "templates"
)]
pub struct FormatDateTimeOptions {
    /// The IANA zone the instant is written in (the recipient's, or the place's for an
    /// appointment); default `'Europe/Brussels'`. An unknown one throws `time.unknown_zone`.
    #[napi(ts_type = "string | null")]
    pub time_zone: Option<String>,
    /// Whether the weekday is written too; default `false`.
    #[napi(ts_type = "boolean | null")]
    pub weekday: Option<bool>,
}

/// The `weekday` option (default `false`) of an options object with `names`.
fn weekday_option(options: Option<&napi::bindgen_prelude::Object<'_>>) -> Result<bool, JsError> {
    match options {
        Some(object) => option_field(object, "weekday")?
            .map(|value| bool_value("weekday", &value))
            .transpose()
            .map(Option::unwrap_or_default),
        None => Ok(false),
    }
}

/// A day (`'YYYY-MM-DD'`) as written in a letter or a message in `language` (`'fr'`, `'nl'`,
/// `'de'`, `'en'`; `language.unsupported` otherwise): `'3 mars 2026'`, `'3 maart 2026'`,
/// `'3. März 2026'`, `'3 March 2026'` (French writes the first of the month `1er`); with
/// `{ weekday: true }`, `'mardi 3 mars 2026'`.
///
/// ```js
/// const { templates } = require('envoi')
/// templates.formatDate('2026-03-03', 'fr')                     // '3 mars 2026'
/// templates.formatDate('2026-03-03', 'de', { weekday: true })  // 'Dienstag, 3. März 2026'
/// ```
#[napi(
    namespace = "templates",
    ts_args_type = "date: string, language: 'fr' | 'nl' | 'de' | 'en' | string, options?: FormatDateOptions | undefined | null"
)]
pub fn format_date(
    env: Env,
    date: Unknown<'_>,
    language: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<String, Code> {
    guard(|| {
        let date = date_arg("date", &date)?;
        let language = language_arg(env, &string_arg("language", &language)?)?;
        let options = options_object(options.as_ref(), &["weekday"], "{ weekday: true }")?;
        Ok(if weekday_option(options.as_ref())? {
            core_templates::format_date_with_weekday(date, language)
        } else {
            core_templates::format_date(date, language)
        })
    })
}

/// A wall-clock time (`'14:30'` or `'14:30:59'`) on the 24-hour clock, hours and minutes, the same
/// in every language: `'14:30'`, `'09:05'`.
#[napi(namespace = "templates", ts_args_type = "time: string")]
pub fn format_time(time: Unknown<'_>) -> napi::Result<String, Code> {
    guard(|| {
        let text = string_arg("time", &time)?;
        let time = ["%H:%M:%S%.f", "%H:%M"]
            .into_iter()
            .find_map(|format| NaiveTime::parse_from_str(&text, format).ok())
            .ok_or_else(|| {
                invalid_arg(format!(
                    "time: {text:?} is not a time of day \"HH:MM\" or \"HH:MM:SS\""
                ))
            })?;
        Ok(core_templates::format_time(time))
    })
}

/// An instant (a `Date` or an ISO 8601 string with an offset) written as date and time in
/// `language`, in `timeZone` (default `'Europe/Brussels'`): `'3 mars 2026 à 14:30'`,
/// `'3 maart 2026 om 14:30'`, `'3. März 2026 um 14:30'`, `'3 March 2026 at 14:30'`.
///
/// ```js
/// const { templates } = require('envoi')
/// templates.formatDateTime('2026-03-03T13:30:00Z', 'fr')                                // '3 mars 2026 à 14:30'
/// templates.formatDateTime('2026-03-03T13:30:00Z', 'en', { timeZone: 'Europe/London' })  // '3 March 2026 at 13:30'
/// ```
#[napi(
    namespace = "templates",
    ts_args_type = "at: Date | string, language: 'fr' | 'nl' | 'de' | 'en' | string, options?: FormatDateTimeOptions | undefined | null"
)]
pub fn format_date_time(
    env: Env,
    at: Unknown<'_>,
    language: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<String, Code> {
    guard(|| {
        let at = instant_arg("at", &at)?;
        let language = language_arg(env, &string_arg("language", &language)?)?;
        let options = options_object(
            options.as_ref(),
            &["timeZone", "weekday"],
            "{ timeZone: 'Europe/Brussels', weekday: true }",
        )?;
        let zone = match options
            .as_ref()
            .map(|object| option_field(object, "timeZone"))
            .transpose()?
            .flatten()
        {
            Some(name) => string_arg("timeZone", &name)?
                .parse::<Zone>()
                .map_err(to_js)?,
            None => Zone::default(),
        };
        let value = TaskValue::DateTime {
            at,
            zone: Some(zone),
            weekday: weekday_option(options.as_ref())?,
        };
        Ok(value.written(language, zone).into_owned())
    })
}
