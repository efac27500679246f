//! Merge-field templates (SPEC section 3): [`Template`] (an object holding the core's
//! `envoi::templates::Template`), the task's own fields ([`TaskFields`], dates and times written in
//! each recipient's language) and the date formats ([`format_date`] and the others).
//!
//! Conversions only; every rule is the core's (`envoi::templates`: the syntax `{{field}}`,
//! `{{field|fallback}}`, `\{{` for a literal `{{`, the one-pass tokenizer and renderer, the
//! suggestions, the date words of each language):
//!
//! - **Values** are text: a [`Contact`](crate::contacts::Contact) (its standard and custom fields,
//!   read by the core at render time) and/or a map of names to values; the contact is asked
//!   first, the map for what the contact lacks (missing or blank), as the core chains sources.
//! - **Positions** are a line and a column counted from 1, the column in characters (an accented
//!   letter or an emoji is one column).
//! - **Languages** are `"fr"`, `"nl"`, `"de"`, `"en"` (any case; `language.unsupported`
//!   otherwise); days are [`IsoDate`] (`java.time.LocalDate` in Kotlin), times of day ISO text
//!   (`"14:30"`, `"14:30:15"`; `argument.invalid_time` otherwise), zones IANA names.
//! - **Errors**: the core's `TemplateError` as [`EnvoiError::Templates`], with its code, line and
//!   column and the other fields.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use chrono::NaiveTime;
use envoi::language::Language;
use envoi::templates::Segment;
use envoi::time::Zone;

use crate::contacts::Contact;
use crate::credits::plans::IsoDate;
use crate::credits::to_instant;
use crate::errors::{INVALID_JSON_CODE, INVALID_TIME_CODE};
use crate::schedule::parse_date;
use crate::{EnvoiError, guard};

/// A piece of a template: text as it is sent, or a merge field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TemplateSegment {
    /// Text, escapes resolved (never empty; two texts never follow each other).
    Text {
        /// The text.
        text: String,
    },
    /// A merge field.
    Field {
        /// The name, in lower case.
        name: String,
        /// The text used when the recipient has no value (trimmed); null/nil: the recipient is
        /// skipped (`templates.missing_value`).
        fallback: Option<String>,
    },
}

/// One use of a field in a template, with where its `{{` is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct FieldUse {
    /// The field's name, in lower case.
    pub name: String,
    /// Its fallback, if it has one.
    pub fallback: Option<String>,
    /// The line of its `{{`, from 1.
    pub line: u64,
    /// The column of its `{{`, in characters from 1.
    pub column: u64,
}

/// One use of a field the task cannot fill, in a `templates.unknown_field` error: its name, where
/// its `{{` is, and the known field closest to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct UnknownField {
    /// The field's name.
    pub name: String,
    /// The line of its `{{`, from 1.
    pub line: u64,
    /// The column of its `{{`, in characters from 1.
    pub column: u64,
    /// The known field closest to it (edit distance 2 or less), if any.
    pub suggestion: Option<String>,
}

impl UnknownField {
    pub(crate) fn of(field: &envoi::templates::UnknownFieldUse) -> Self {
        UnknownField {
            name: field.name.clone(),
            line: wide(field.position.line),
            column: wide(field.position.column),
            suggestion: field.suggestion.clone(),
        }
    }
}

fn wide(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

fn language(code: &str) -> Result<Language, EnvoiError> {
    Ok(code.parse::<Language>()?)
}

fn zone(name: Option<String>) -> Result<Zone, EnvoiError> {
    Ok(match name {
        Some(name) => name.parse::<Zone>()?,
        None => Zone::default(),
    })
}

/// A time of day as ISO text (`"14:30"`, `"14:30:15"`), else `argument.invalid_time`.
fn time(field: &str, text: &str) -> Result<NaiveTime, EnvoiError> {
    text.parse::<NaiveTime>().map_err(|error| {
        EnvoiError::argument(
            INVALID_TIME_CODE,
            format!(
                "{field}: {text:?} is not a time of day ({error}); expected HH:MM or HH:MM:SS, such as \"14:30\""
            ),
        )
    })
}

/// A message written once and rendered per recipient: text with merge fields (`Bonjour
/// {{first_name|client}}, votre RDV est le {{date}}`). Immutable; `==` compares the segments
/// (`{{ a | b }}` equals `{{a|b}}`), the text form is the canonical one (`{{name|fallback}}`,
/// escapes only where needed), which reads back as an equal template.
#[derive(Debug, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct Template {
    inner: envoi::templates::Template,
}

impl fmt::Display for Template {
    /// The canonical text, the core's `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl Template {
    fn render_with(
        &self,
        source: &impl envoi::templates::FieldSource,
    ) -> Result<String, EnvoiError> {
        Ok(self.inner.render(source)?)
    }
}

/// The map of values as the core's source (names as the template writes them).
fn values(map: Option<HashMap<String, String>>) -> BTreeMap<String, String> {
    map.unwrap_or_default().into_iter().collect()
}

#[uniffi::export]
impl Template {
    /// Reads a template, in one pass. Throws `templates.unclosed_field`, `templates.empty_name`,
    /// `templates.invalid_name`, each with its `line`, `column` and `excerpt`.
    #[uniffi::constructor]
    pub fn new(text: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            Ok(Arc::new(Template {
                inner: envoi::templates::Template::parse(&text)?,
            }))
        })
    }

    /// The text the template was written with.
    pub fn source(&self) -> String {
        self.inner.source().to_owned()
    }

    /// The distinct field names, in lower case, in order of first use.
    pub fn fields(&self) -> Vec<String> {
        self.inner.fields().to_vec()
    }

    /// The text and field segments, in order.
    pub fn segments(&self) -> Vec<TemplateSegment> {
        self.inner
            .segments()
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => TemplateSegment::Text { text: text.clone() },
                Segment::Field(field) => TemplateSegment::Field {
                    name: field.name.clone(),
                    fallback: field.fallback.clone(),
                },
            })
            .collect()
    }

    /// Every use of a field with the position of its `{{`, in order.
    pub fn occurrences(&self) -> Vec<FieldUse> {
        self.inner
            .occurrences()
            .map(|(field, at)| FieldUse {
                name: field.name.clone(),
                fallback: field.fallback.clone(),
                line: wide(at.line),
                column: wide(at.column),
            })
            .collect()
    }

    /// Checks, when a task is created, that every field is `known`: contact fields
    /// (`contact_standard_fields()`), custom fields (written as a template writes them: `Code
    /// postal` is `code_postal`) and task fields. Throws `templates.unknown_field` with the
    /// field's `name`, `line` and `column`, the `known` fields (sorted) and a `suggestion` at edit
    /// distance 2 or less.
    pub fn validate(&self, known: Vec<String>) -> Result<(), EnvoiError> {
        guard(|| Ok(self.inner.validate(known)?))
    }

    /// Renders the template for one recipient: each field takes the `contact`'s value (null/nil:
    /// none), else the value in `extra`, else its fallback. Values are inserted as they are, never
    /// read as template text. Throws `templates.missing_value` (with `name`, `line` and `column`)
    /// for a field with no value and no fallback: the recipient is skipped; and what reading the
    /// contact throws.
    #[uniffi::method(default(contact = None, extra = None))]
    pub fn render(
        &self,
        contact: Option<Contact>,
        extra: Option<HashMap<String, String>>,
    ) -> Result<String, EnvoiError> {
        guard(|| {
            let extra = values(extra);
            match contact {
                Some(contact) => self.render_with(&(contact.to_core()?, extra)),
                None => self.render_with(&extra),
            }
        })
    }

    /// Renders the template from a map of values (`fields`), then `extra` for what `fields`
    /// lacks (missing or blank); see [`Template::render`].
    #[uniffi::method(default(extra = None))]
    pub fn render_fields(
        &self,
        fields: HashMap<String, String>,
        extra: Option<HashMap<String, String>>,
    ) -> Result<String, EnvoiError> {
        guard(|| self.render_with(&(values(Some(fields)), values(extra))))
    }
}

/// The name a template writes a custom field as (`"Code postal"` → `"code_postal"`, `"Prénom"` →
/// `"prenom"`), or null/nil when no field name can be made of it.
#[uniffi::export]
pub fn field_name_for(written: String) -> Option<String> {
    envoi::templates::field_name_for(&written)
}

/// The value of a task field. Dates and times are written per recipient, in the recipient's
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TaskValue {
    /// Text, the same for everyone.
    Text {
        /// The text.
        text: String,
    },
    /// A calendar day ("3 mars 2026"; with `weekday`, "mardi 3 mars 2026").
    Date {
        /// The day.
        date: IsoDate,
        /// Whether the weekday is written too.
        weekday: bool,
    },
    /// A wall-clock time ("14:30"), ISO text (`"14:30"`, `"14:30:15"`; seconds are not written).
    Time {
        /// The time of day.
        time: String,
    },
    /// An instant written as a date and a time ("3 mars 2026 à 14:30") in `zone`, or in the
    /// recipient's zone when `zone` is null/nil (an online event each recipient joins from home).
    DateTime {
        /// The instant.
        at: SystemTime,
        /// The IANA zone it is written in; null/nil: the recipient's.
        zone: Option<String>,
        /// Whether the weekday is written too.
        weekday: bool,
    },
}

impl TaskValue {
    fn to_core(&self, field: &str) -> Result<envoi::templates::TaskValue, EnvoiError> {
        use envoi::templates::TaskValue as Core;
        Ok(match self {
            TaskValue::Text { text } => Core::Text { text: text.clone() },
            TaskValue::Date { date, weekday } => Core::Date {
                date: parse_date(&format!("{field}.date"), &date.0)?,
                weekday: *weekday,
            },
            TaskValue::Time { time } => Core::Time {
                time: self::time(&format!("{field}.time"), time)?,
            },
            TaskValue::DateTime { at, zone, weekday } => Core::DateTime {
                at: to_instant(&format!("{field}.at"), *at)?,
                zone: zone.as_deref().map(str::parse::<Zone>).transpose()?,
                weekday: *weekday,
            },
        })
    }
}

/// The fields a task gives its template besides the contact's (`date`, `shop`…), by name: store
/// `to_json()` with the task, and give each recipient `for_recipient(language, zone)` as the
/// template's `extra`. Mutable (`insert`) and safe to share between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct TaskFields {
    inner: Mutex<envoi::templates::TaskFields>,
}

impl PartialEq for TaskFields {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || *self.lock() == *other.lock()
    }
}

impl Eq for TaskFields {}

impl fmt::Display for TaskFields {
    /// The JSON form, as `to_json` gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(&*self.lock()).unwrap_or_default())
    }
}

impl TaskFields {
    fn lock(&self) -> MutexGuard<'_, envoi::templates::TaskFields> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl TaskFields {
    /// No fields.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(TaskFields {
            inner: Mutex::new(envoi::templates::TaskFields::new()),
        })
    }

    /// Task fields written by `to_json`. Throws `argument.invalid_json`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let inner = serde_json::from_str(&json).map_err(|error| {
                EnvoiError::argument(
                    INVALID_JSON_CODE,
                    format!("json: not task fields: {error}; expected the form of to_json"),
                )
            })?;
            Ok(Arc::new(TaskFields {
                inner: Mutex::new(inner),
            }))
        })
    }

    /// The core's JSON form (`{"date":{"type":"date","date":"2026-03-03","weekday":true}}`).
    pub fn to_json(&self) -> Result<String, EnvoiError> {
        guard(|| {
            serde_json::to_string(&*self.lock())
                .map_err(|error| EnvoiError::panic(&format!("serializing task fields: {error}")))
        })
    }

    /// Sets a field, replacing any value of that name. Throws `templates.invalid_task_field`
    /// (with `name`) for a name that is not a field name in canonical form (`[a-z_][a-z0-9_]*`),
    /// and the value's argument errors.
    pub fn insert(&self, name: String, value: TaskValue) -> Result<(), EnvoiError> {
        guard(|| {
            let value = value.to_core(&format!("value of {name:?}"))?;
            Ok(self.lock().insert(name, value)?)
        })
    }

    /// The names of the fields, sorted (for `Template.validate`).
    pub fn names(&self) -> Vec<String> {
        self.lock().names().map(str::to_owned).collect()
    }

    /// Every field as one recipient reads it: dates in `language`, instants in `zone` (an IANA
    /// name; null/nil: `Europe/Brussels`, the core's default) unless the value names its own zone.
    /// Give it to `Template.render` as `extra`. Throws `language.unsupported`,
    /// `time.unknown_zone`.
    #[uniffi::method(default(zone = None))]
    pub fn for_recipient(
        &self,
        language: String,
        zone: Option<String>,
    ) -> Result<HashMap<String, String>, EnvoiError> {
        guard(|| {
            let language = self::language(&language)?;
            let zone = self::zone(zone)?;
            let fields = self.lock();
            Ok(fields
                .names()
                .filter_map(|name| {
                    let value = fields.get(name)?;
                    Some((name.to_owned(), value.written(language, zone).into_owned()))
                })
                .collect())
        })
    }
}

/// A day as written in a letter or a message: `"3 mars 2026"`, `"3 maart 2026"`,
/// `"3. März 2026"`, `"3 March 2026"` (French writes the first `"1er"`). Throws
/// `language.unsupported`.
#[uniffi::export]
pub fn format_date(date: IsoDate, language: String) -> Result<String, EnvoiError> {
    guard(|| {
        Ok(envoi::templates::format_date(
            parse_date("date", &date.0)?,
            self::language(&language)?,
        ))
    })
}

/// A day with its weekday: `"mardi 3 mars 2026"`, `"Dienstag, 3. März 2026"`…
#[uniffi::export]
pub fn format_date_with_weekday(date: IsoDate, language: String) -> Result<String, EnvoiError> {
    guard(|| {
        Ok(envoi::templates::format_date_with_weekday(
            parse_date("date", &date.0)?,
            self::language(&language)?,
        ))
    })
}

/// A time of day on the 24-hour clock, hours and minutes: `"14:30"`, `"09:05"` (the same in every
/// language). `time` is ISO text (`"09:05"`, `"14:30:59"`); another is `argument.invalid_time`.
#[uniffi::export]
pub fn format_time(time: String) -> Result<String, EnvoiError> {
    guard(|| Ok(envoi::templates::format_time(self::time("time", &time)?)))
}

/// An instant written as a date and a time in `zone` (null/nil: `Europe/Brussels`):
/// `"3 mars 2026 à 14:30"`, `"3 maart 2026 om 14:30"`, `"3. März 2026 um 14:30"`,
/// `"3 March 2026 at 14:30"`; with `weekday`, the date with its weekday.
#[uniffi::export(default(zone = None, weekday = false))]
pub fn format_date_time(
    at: SystemTime,
    language: String,
    zone: Option<String>,
    weekday: bool,
) -> Result<String, EnvoiError> {
    guard(|| {
        let value = envoi::templates::TaskValue::DateTime {
            at: to_instant("at", at)?,
            zone: None,
            weekday,
        };
        let written = value.written(self::language(&language)?, self::zone(zone)?);
        Ok(written.into_owned())
    })
}
