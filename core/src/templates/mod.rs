//! Merge fields (SPEC section 3): a message written once, rendered per recipient at send time.
//!
//! A [`Template`] is text with fields: `Bonjour {{first_name|client}}, votre RDV est le {{date}}`.
//! It is checked when the task is created ([`Template::validate`]: every field must be known, a
//! contact field, a custom field or a task field) and rendered for each recipient when an
//! occurrence is sent (**late binding**: the values of that moment), from a [`FieldSource`]: the
//! contact first, then the task's own fields ([`TaskFields`], with dates and times written in the
//! recipient's language). A field with neither value nor fallback skips the recipient
//! ([`TemplateError::MissingValue`]). For SMS, the rendered text is what the segmenter counts, so
//! the cost is per recipient.
//!
//! # Syntax
//!
//! envoi's own, small on purpose (people who write SMS, not programmers, use it):
//!
//! - `{{first_name}}` or `{{ first_name }}`: a field. Spaces around the name do not matter.
//! - `{{ first_name | dear customer }}`: a field with a fallback, the text used when the recipient
//!   has no value (missing, empty or only spaces). The fallback is everything after the first `|` up
//!   to `}}`, **trimmed** of spaces at both ends (so `{{ a | b }}` and `{{a|b}}` are the same);
//!   inside, spaces and further `|` are kept. `{{first_name|}}` has an empty fallback: the field
//!   may be left out. A fallback is plain text: it cannot hold `}}`, nor `{{` (no field in a
//!   fallback).
//! - A field name is letters `a–z`, digits and `_`, not starting with a digit. Capitals are read
//!   as lower case (`{{First_Name}}` is `first_name`: people capitalise, and names differing only
//!   by case would be a trap). No accents, spaces or dashes: the error proposes the name
//!   (`{{prénom}}` → did you mean `{{prenom}}`?).
//! - A field is written on one line: a line break before `}}` is an error that points at the
//!   `{{`, rather than a field swallowing the next lines.
//! - **A literal `{{`** is written `\{{` (as in Handlebars). Chosen over doubling (`{{{{`) because
//!   it reads as "this is not a field", needs one extra character right where it matters, and keeps
//!   `{{{first_name}}}` meaning what a writer expects: `{`, the field, `}`. Rules, for the rare cases:
//!   in a run of braces `{{{…`, the last two open the field and those before are text; a backslash
//!   means something only right before two or more braces: an odd number of backslashes there
//!   makes the whole run text (`\{{{` is `{{{`), and backslashes before braces are halved
//!   (`\\{{name}}` is `\` then the field). Every other `\`, `{` and `}`, and `}}` outside a field,
//!   is text as written. Text without `{{` therefore renders exactly as written.
//!
//! Errors give the line and the column in characters (an accented letter or an emoji counts one),
//! the offending text and the rule: `templates.unclosed_field`, `templates.empty_name`,
//! `templates.invalid_name`; then `templates.unknown_field` at task creation (with the known fields
//! and a "did you mean" at edit distance 2 or less) and `templates.missing_value` at send time.
//!
//! The text a template was written with is kept ([`Template::source`]); `Display` writes its
//! canonical form (`{{name}}`, `{{name|fallback}}`, escapes only where needed; a fallback ending in
//! `}` is followed by a space, `{{name|x} }}`), which parses to an equal template. Serde stores a
//! template as its source text and reads it back through [`Template::parse`].
//!
//! ```
//! use std::collections::BTreeMap;
//! use envoi::ErrorCode;
//! use envoi::templates::Template;
//!
//! let template = Template::parse("Bonjour {{ first_name | client }}, votre RDV est le {{date}}.")?;
//! assert_eq!(template.fields(), ["first_name", "date"]);
//! assert_eq!(template.to_string(), "Bonjour {{first_name|client}}, votre RDV est le {{date}}.");
//!
//! // When the task is created: every field must be known.
//! let known = ["first_name", "last_name", "email", "date"];
//! template.validate(known)?;
//! let typo = Template::parse("Bonjour {{frist_name}}")?.validate(known).unwrap_err();
//! assert_eq!(typo.code(), "templates.unknown_field");
//! assert_eq!(
//!     typo.to_string(),
//!     "line 1, column 9: {{frist_name}} is not a known field (did you mean {{first_name}}?); \
//!      the known fields are date, email, first_name, last_name"
//! );
//!
//! // At send time, per recipient.
//! let mut contact = BTreeMap::from([("date".to_owned(), "3 mars".to_owned())]);
//! assert_eq!(template.render(&contact)?, "Bonjour client, votre RDV est le 3 mars.");
//! contact.insert("first_name".into(), "Léa".into());
//! assert_eq!(template.render(&contact)?, "Bonjour Léa, votre RDV est le 3 mars.");
//!
//! // Positions count characters, across lines.
//! let error = Template::parse("Très cher 😀\nvotre {{ rdv le }}").unwrap_err();
//! assert_eq!(error.code(), "templates.invalid_name");
//! assert!(error.to_string().starts_with("line 2, column 13: ' ' cannot be in a field name"));
//! # Ok::<(), envoi::templates::TemplateError>(())
//! ```
//!
//! For SMS the cost is per recipient: a long first name can make a second part.
//!
//! ```
//! use std::collections::BTreeMap;
//! use envoi::sms::{analyze, SmsOptions};
//! use envoi::templates::Template;
//!
//! let template = Template::parse(
//!     "Bonjour {{first_name}}, votre rendez-vous chez Garage Dupont est confirme pour demain \
//!      a 9h30. Merci d'arriver 10 minutes en avance. Pour annuler: 0475123456",
//! )?;
//! let part_count = |first_name: &str| -> Result<usize, Box<dyn std::error::Error>> {
//!     let contact = BTreeMap::from([("first_name".to_owned(), first_name.to_owned())]);
//!     Ok(analyze(&template.render(&contact)?, &SmsOptions::default())?.part_count())
//! };
//! assert_eq!(part_count("Ann")?, 1);
//! assert_eq!(part_count("Marie-Christine Van den Bossche")?, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dates;
mod error;
mod parse;
mod render;
mod task;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use dates::{
    MONTHS, WEEKDAYS, format_date, format_date_time, format_date_with_weekday, format_time,
    month_name, weekday_name,
};
pub use error::{Position, TemplateError, UnclosedAt, UnknownFieldUse};
pub use parse::field_name_for;
pub use render::FieldSource;
pub use task::{RecipientTaskFields, TaskFields, TaskValue};

/// The largest edit distance (optimal string alignment) at which an unknown field gets a "did you
/// mean".
///
/// ```
/// use envoi::templates::{Template, TemplateError, SUGGESTION_DISTANCE};
///
/// assert_eq!(SUGGESTION_DISTANCE, 2);
/// // `frist_nme` is 2 edits from `first_name`, `frst_nm` 3: only the first gets a suggestion.
/// let error = Template::parse("{{frist_nme}} {{frst_nm}}")?.validate(["first_name"]).unwrap_err();
/// let TemplateError::UnknownField { fields, .. } = error else { panic!() };
/// assert_eq!(fields[0].suggestion.as_deref(), Some("first_name"));
/// assert_eq!(fields[1].suggestion, None);
/// # Ok::<(), TemplateError>(())
/// ```
pub const SUGGESTION_DISTANCE: usize = 2;

/// A merge field: a name and an optional fallback.
///
/// ```
/// use envoi::templates::{Field, Segment, Template};
///
/// let template = Template::parse("{{ City | Brussels }}")?;
/// assert_eq!(
///     template.segments(),
///     [Segment::Field(Field { name: "city".into(), fallback: Some("Brussels".into()) })]
/// );
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// The name, in lower case.
    pub name: String,
    /// The text used when the recipient has no value (trimmed); `None`: the recipient is skipped.
    pub fallback: Option<String>,
}

/// A piece of a template: text as it is sent, or a field.
///
/// ```
/// use envoi::templates::{Segment, Template};
///
/// let template = Template::parse(r"Prix: \{{ 5 € }} pour {{name}}")?;
/// assert_eq!(template.segments()[0], Segment::Text("Prix: {{ 5 € }} pour ".into()));
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Text, with escapes resolved (never empty; two texts never follow each other).
    Text(String),
    /// A merge field.
    Field(Field),
}

/// A parsed template. Make one with [`Template::parse`] (or `str::parse`); see the
/// [module documentation](self) for the syntax.
///
/// Two templates are equal when they have the same segments, however they were written
/// (`{{ a | b }}` equals `{{a|b}}`).
///
/// ```
/// use envoi::templates::Template;
///
/// let template: Template = "Hi {{ name | there }}!".parse()?;
/// assert_eq!(template.source(), "Hi {{ name | there }}!");
/// assert_eq!(template.to_string(), "Hi {{name|there}}!");
/// assert_eq!(template.to_string().parse::<Template>()?, template);
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Template {
    source: String,
    segments: Vec<Segment>,
    /// Where each segment starts in `source`, aligned with `segments`.
    positions: Vec<Position>,
    /// The distinct field names, in order of first use.
    fields: Vec<String>,
}

impl Template {
    /// Reads a template, in one pass.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::templates::{Position, Template, TemplateError, UnclosedAt};
    ///
    /// let error = Template::parse("Bonjour,\nvotre RDV: {{date\nà bientôt").unwrap_err();
    /// assert_eq!(error.code(), "templates.unclosed_field");
    /// assert_eq!(
    ///     error,
    ///     TemplateError::UnclosedField {
    ///         position: Position { line: 2, column: 12 },
    ///         excerpt: "{{date".into(),
    ///         until: UnclosedAt::EndOfLine,
    ///     }
    /// );
    /// assert_eq!(Template::parse("{{ | x }}").unwrap_err().code(), "templates.empty_name");
    /// # Ok::<(), TemplateError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let parsed = parse::parse(text)?;
        let mut fields: Vec<String> = Vec::new();
        for segment in &parsed.segments {
            if let Segment::Field(field) = segment {
                if !fields.contains(&field.name) {
                    fields.push(field.name.clone());
                }
            }
        }
        Ok(Template {
            source: text.to_owned(),
            segments: parsed.segments,
            positions: parsed.positions,
            fields,
        })
    }

    /// The text the template was written with.
    ///
    /// ```
    /// let template = envoi::templates::Template::parse("{{ a }}")?;
    /// assert_eq!(template.source(), "{{ a }}");
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The distinct field names, in order of first use.
    ///
    /// ```
    /// let template = envoi::templates::Template::parse("{{b}} {{a}} {{B|x}}")?;
    /// assert_eq!(template.fields(), ["b", "a"]);
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// The text and field segments, in order.
    ///
    /// ```
    /// use envoi::templates::{Field, Segment, Template};
    /// let template = Template::parse("Hi {{name}}")?;
    /// assert_eq!(template.segments(), [
    ///     Segment::Text("Hi ".into()),
    ///     Segment::Field(Field { name: "name".into(), fallback: None }),
    /// ]);
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Every use of a field with where its `{{` is in the source, in order.
    ///
    /// ```
    /// use envoi::templates::{Position, Template};
    /// let template = Template::parse("{{a}}\n  {{b|x}}")?;
    /// let uses: Vec<_> = template.occurrences().map(|(field, at)| (field.name.as_str(), at)).collect();
    /// assert_eq!(uses, [("a", Position { line: 1, column: 1 }), ("b", Position { line: 2, column: 3 })]);
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn occurrences(&self) -> impl Iterator<Item = (&Field, Position)> {
        self.segments
            .iter()
            .zip(&self.positions)
            .filter_map(|(segment, position)| match segment {
                Segment::Field(field) => Some((field, *position)),
                Segment::Text(_) => None,
            })
    }

    /// Checks, when a task is created, that every field is known: a field name of contacts,
    /// a custom field, or a task field. Unknown fields are refused with **one**
    /// [`TemplateError::UnknownField`] that reports every use of an unknown field in reading
    /// order (name, position, and the closest known field when it is at most
    /// [`SUGGESTION_DISTANCE`] edits away), then lists the known fields, sorted.
    ///
    /// Known names are compared as given with the template's lower-case names.
    ///
    /// ```
    /// use envoi::templates::{Template, TemplateError};
    ///
    /// let template = Template::parse("Dear {{ lastname }},\nyour {{ citty }} shop")?;
    /// let error = template.validate(["first_name", "last_name", "city"]).unwrap_err();
    /// assert_eq!(error.to_string(),
    ///     "line 1, column 6: {{lastname}} is not a known field (did you mean {{last_name}}?); \
    ///      line 2, column 6: {{citty}} is not a known field (did you mean {{city}}?); \
    ///      the known fields are city, first_name, last_name");
    /// let TemplateError::UnknownField { fields, known } = error else { panic!() };
    /// let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
    /// assert_eq!(names, ["lastname", "citty"]);
    /// assert_eq!(known, ["city", "first_name", "last_name"]);
    /// # Ok::<(), TemplateError>(())
    /// ```
    pub fn validate<I, S>(&self, known_fields: I) -> Result<(), TemplateError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Known names as a template writes them (a custom field `Code postal` is `code_postal`),
        // sorted once; names that no template can write are left out.
        let mut known: Vec<String> = known_fields
            .into_iter()
            .filter_map(|name| {
                let name = name.as_ref();
                if parse::is_field_name(name) {
                    Some(name.to_owned())
                } else {
                    field_name_for(name)
                }
            })
            .collect();
        known.sort_unstable();
        known.dedup();
        let is_known = |name: &str| {
            known
                .binary_search_by(|candidate| candidate.as_str().cmp(name))
                .is_ok()
        };
        let closest = |name: &str| {
            let name_length = name.chars().count();
            known
                .iter()
                .map(|candidate| (strsim::osa_distance(name, candidate), candidate))
                .filter(|(distance, _)| *distance <= SUGGESTION_DISTANCE && *distance < name_length)
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, candidate)| candidate.clone())
        };
        let fields: Vec<UnknownFieldUse> = self
            .occurrences()
            .filter(|(field, _)| !is_known(&field.name))
            .map(|(field, position)| UnknownFieldUse {
                name: field.name.clone(),
                position,
                suggestion: closest(&field.name),
            })
            .collect();
        if fields.is_empty() {
            return Ok(());
        }
        Err(TemplateError::UnknownField { fields, known })
    }
}

impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.segments == other.segments
    }
}

impl Eq for Template {}

impl fmt::Display for Template {
    /// The canonical text: `{{name}}`, `{{name|fallback}}`, and escapes only where needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        parse::write_canonical(f, &self.segments)
    }
}

impl FromStr for Template {
    type Err = TemplateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Template::parse(text)
    }
}

impl TryFrom<String> for Template {
    type Error = TemplateError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Template::parse(&text)
    }
}

impl From<Template> for String {
    /// The source text (as written, not the canonical form).
    fn from(template: Template) -> Self {
        template.source
    }
}
