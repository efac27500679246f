//! The task's own fields: text, dates and times that a task gives every recipient, written in each
//! recipient's language (and, for an instant, in a time zone) when the message is rendered.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::language::Language;
use crate::time::{Instant, Zone};

use super::dates::{format_date, format_date_time, format_date_with_weekday, format_time};
use super::error::TemplateError;
use super::parse::is_field_name;
use super::render::FieldSource;

/// The value of a task field. Dates and times are written per recipient, in the recipient's
/// language (see [`format_date`] and the others).
///
/// Serialized with a `type` tag: `{"type": "date", "date": "2026-03-03", "weekday": true}`.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::templates::TaskValue;
///
/// let value = TaskValue::Date { date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), weekday: true };
/// let json = serde_json::to_string(&value).unwrap();
/// assert_eq!(json, r#"{"type":"date","date":"2026-03-03","weekday":true}"#);
/// assert_eq!(serde_json::from_str::<TaskValue>(&json).unwrap(), value);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskValue {
    /// Text, the same for everyone.
    Text {
        /// The text.
        text: String,
    },
    /// A calendar date ("3 mars 2026"), the same day for everyone.
    Date {
        /// The date.
        date: NaiveDate,
        /// Whether the weekday is written too ("mardi 3 mars 2026").
        weekday: bool,
    },
    /// A wall-clock time ("14:30"), the same for everyone.
    Time {
        /// The time.
        time: NaiveTime,
    },
    /// An instant written as date and time ("3 mars 2026 à 14:30") in `zone`, or in the recipient's
    /// time zone when `zone` is `None`. Give the zone of the place for an appointment at a place;
    /// leave it out for an online event that each recipient joins from home.
    DateTime {
        /// The instant.
        at: Instant,
        /// The zone it is written in; `None`: the recipient's.
        zone: Option<Zone>,
        /// Whether the weekday is written too.
        weekday: bool,
    },
}

impl TaskValue {
    /// The value written for a recipient who reads `language` in time zone `zone`.
    ///
    /// ```
    /// use envoi::language::Language;
    /// use envoi::templates::TaskValue;
    /// use envoi::time::Zone;
    ///
    /// let webinar = TaskValue::DateTime { at: "2026-03-03T13:30:00Z".parse()?, zone: None, weekday: false };
    /// assert_eq!(webinar.written(Language::Fr, Zone::default()), "3 mars 2026 à 14:30");
    /// assert_eq!(webinar.written(Language::En, "Europe/London".parse()?), "3 March 2026 at 13:30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn written(&self, language: Language, zone: Zone) -> Cow<'_, str> {
        match self {
            TaskValue::Text { text } => Cow::Borrowed(text),
            TaskValue::Date {
                date,
                weekday: false,
            } => Cow::Owned(format_date(*date, language)),
            TaskValue::Date {
                date,
                weekday: true,
            } => Cow::Owned(format_date_with_weekday(*date, language)),
            TaskValue::Time { time } => Cow::Owned(format_time(*time)),
            TaskValue::DateTime {
                at,
                zone: own,
                weekday,
            } => {
                let local = own.unwrap_or(zone).localize(*at).naive_local();
                Cow::Owned(format_date_time(local, language, *weekday))
            }
        }
    }
}

/// The fields a task gives its template besides the contact's (`date`, `shop`…), by name.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::templates::{TaskFields, TaskValue, Template};
/// use envoi::time::Zone;
/// use std::collections::BTreeMap;
///
/// let mut task = TaskFields::new();
/// task.insert("date", TaskValue::Date { date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), weekday: true })?;
/// task.insert("shop", TaskValue::Text { text: "Namur".into() })?;
/// assert!(task.insert("Shop name", TaskValue::Text { text: "x".into() }).is_err());
///
/// let template = Template::parse("{{first_name|Bonjour}}, RDV {{date}} à {{shop}}")?;
/// template.validate(["first_name", "last_name"].into_iter().chain(task.names()))?;
///
/// let contact = BTreeMap::from([("first_name".to_owned(), "Marie".to_owned())]);
/// let fields = (&contact, task.for_recipient(Language::Fr, Zone::default()));
/// assert_eq!(template.render(&fields)?, "Marie, RDV mardi 3 mars 2026 à Namur");
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskFields(BTreeMap<String, TaskValue>);

impl TaskFields {
    /// No fields.
    ///
    /// ```
    /// assert_eq!(envoi::templates::TaskFields::new().names().count(), 0);
    /// ```
    pub fn new() -> Self {
        TaskFields::default()
    }

    /// Sets a field, replacing any value of that name. The name must be a field name in canonical
    /// form (`[a-z_][a-z0-9_]*`), else no template could use it: `templates.invalid_task_field`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::templates::{TaskFields, TaskValue};
    ///
    /// let mut task = TaskFields::new();
    /// task.insert("shop", TaskValue::Text { text: "Mons".into() })?;
    /// let error = task.insert("Date", TaskValue::Text { text: "x".into() }).unwrap_err();
    /// assert_eq!(error.code(), "templates.invalid_task_field");
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: TaskValue,
    ) -> Result<(), TemplateError> {
        let name = name.into();
        if !is_field_name(&name) {
            return Err(TemplateError::InvalidTaskField {
                name: name.chars().take(40).collect(),
            });
        }
        self.0.insert(name, value);
        Ok(())
    }

    /// The value of a field.
    ///
    /// ```
    /// use envoi::templates::{TaskFields, TaskValue};
    /// let mut task = TaskFields::new();
    /// task.insert("shop", TaskValue::Text { text: "Mons".into() })?;
    /// assert_eq!(task.get("shop"), Some(&TaskValue::Text { text: "Mons".into() }));
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<&TaskValue> {
        self.0.get(name)
    }

    /// The names of the fields, sorted (for [`Template::validate`](super::Template::validate)).
    ///
    /// ```
    /// use envoi::templates::{TaskFields, TaskValue};
    /// let mut task = TaskFields::new();
    /// task.insert("shop", TaskValue::Text { text: "Mons".into() })?;
    /// task.insert("date", TaskValue::Text { text: "demain".into() })?;
    /// assert_eq!(task.names().collect::<Vec<_>>(), ["date", "shop"]);
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The fields as one recipient reads them: dates in `language`, instants in `zone` (unless
    /// the value names its own zone). A [`FieldSource`]; chain it after the contact.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::language::Language;
    /// use envoi::templates::{FieldSource, TaskFields, TaskValue};
    /// use envoi::time::Zone;
    ///
    /// let mut task = TaskFields::new();
    /// task.insert("date", TaskValue::Date { date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(), weekday: false })?;
    /// let dutch = task.for_recipient(Language::Nl, Zone::default());
    /// assert_eq!(dutch.field("date").as_deref(), Some("3 maart 2026"));
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn for_recipient(&self, language: Language, zone: Zone) -> RecipientTaskFields<'_> {
        RecipientTaskFields {
            fields: self,
            language,
            zone,
        }
    }
}

/// A task's fields as one recipient reads them ([`TaskFields::for_recipient`]).
///
/// ```
/// use envoi::language::Language;
/// use envoi::templates::{FieldSource, TaskFields};
/// use envoi::time::Zone;
///
/// let task = TaskFields::new();
/// assert_eq!(task.for_recipient(Language::De, Zone::default()).field("date"), None);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct RecipientTaskFields<'a> {
    fields: &'a TaskFields,
    language: Language,
    zone: Zone,
}

impl FieldSource for RecipientTaskFields<'_> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        self.fields
            .get(name)
            .map(|value| value.written(self.language, self.zone))
    }
}
