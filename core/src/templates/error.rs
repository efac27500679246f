use std::fmt;

use thiserror::Error;

use crate::error::ErrorCode;

/// Where something is in a template's text: line and column, both counted from 1, the column in
/// characters (an accented letter or an emoji is one column, whatever its size in bytes).
///
/// ```
/// use envoi::templates::{Position, Template};
///
/// let template = Template::parse("Bonjour 😀\nà {{ date }}")?;
/// assert_eq!(template.occurrences().next().map(|(_, at)| at), Some(Position { line: 2, column: 3 }));
/// assert_eq!(Position { line: 2, column: 3 }.to_string(), "line 2, column 3");
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1; a line ends at a line feed (`\n`).
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Where the search for the `}}` closing a field stopped.
///
/// ```
/// use envoi::templates::{Position, Template, TemplateError, UnclosedAt};
///
/// let error = Template::parse("Hi {{name, see {{date}}").unwrap_err();
/// let TemplateError::UnclosedField { until, .. } = error else { panic!("{error:?}") };
/// assert_eq!(until, UnclosedAt::NextField(Position { line: 1, column: 16 }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnclosedAt {
    /// The text ends before the `}}`.
    EndOfText,
    /// The line ends before the `}}` (a field is written on one line).
    EndOfLine,
    /// Another `{{` comes before the `}}` (a field cannot hold a field, not even in its fallback).
    NextField(Position),
}

impl fmt::Display for UnclosedAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UnclosedAt::EndOfText => f.write_str("before the end of the text"),
            UnclosedAt::EndOfLine => {
                f.write_str("before the end of its line (a field is written on one line)")
            }
            UnclosedAt::NextField(position) => write!(
                f,
                "before the next {{{{ at {position} (a fallback is plain text and cannot hold a field)"
            ),
        }
    }
}

/// How many known fields an [`TemplateError::UnknownField`] message lists before "and N more".
const KNOWN_FIELDS_SHOWN: usize = 30;

/// How many uses of unknown fields an [`TemplateError::UnknownField`] message lists before "and N
/// more" (the error itself keeps them all).
const UNKNOWN_USES_SHOWN: usize = 20;

/// One use of a field that the task cannot fill, in a [`TemplateError::UnknownField`]: its name,
/// where it is, and the known field closest to it.
///
/// ```
/// use envoi::templates::{Position, Template, TemplateError, UnknownFieldUse};
///
/// let error = Template::parse("{{ frist_name }} {{zzz}}")?.validate(["first_name"]).unwrap_err();
/// let TemplateError::UnknownField { fields, .. } = error else { panic!("{error:?}") };
/// assert_eq!(fields[0], UnknownFieldUse {
///     name: "frist_name".into(),
///     position: Position { line: 1, column: 1 },
///     suggestion: Some("first_name".into()),
/// });
/// assert_eq!(fields[0].to_string(),
///            "line 1, column 1: {{frist_name}} is not a known field (did you mean {{first_name}}?)");
/// assert_eq!(fields[1].suggestion, None);
/// # Ok::<(), TemplateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownFieldUse {
    /// The field's name.
    pub name: String,
    /// Where this use's `{{` is.
    pub position: Position,
    /// The known field closest to the name (edit distance at most
    /// [`SUGGESTION_DISTANCE`](super::SUGGESTION_DISTANCE)), when there is one.
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownFieldUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {{{{{}}}}} is not a known field",
            self.position, self.name
        )?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, " (did you mean {{{{{suggestion}}}}}?)")?;
        }
        Ok(())
    }
}

/// Why a template was refused (when it is written or when a task is created) or could not be
/// rendered for a recipient.
///
/// Every variant says where ([`Position`]: line and column in characters), shows the offending
/// text and teaches the rule; [`ErrorCode::code`] gives the stable code (`templates.unclosed_field`,
/// `templates.unknown_field`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::templates::Template;
///
/// let error = Template::parse("Bonjour {{prénom}}").unwrap_err();
/// assert_eq!(error.code(), "templates.invalid_name");
/// assert_eq!(
///     error.to_string(),
///     "line 1, column 13: 'é' cannot be in a field name ({{prénom}}); a field name is letters a–z, \
///      digits and _, not starting with a digit, optionally followed by | and a fallback; \
///      did you mean {{prenom}}?"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TemplateError {
    /// A `{{` without its `}}` on the same line.
    #[error(
        "{position}: {excerpt} is not closed: }}}} is missing {until}; write {{{{name}}}}, or \\{{{{ for the text {{{{"
    )]
    UnclosedField {
        /// Where the `{{` is.
        position: Position,
        /// The text from the `{{` on (at most 40 characters).
        excerpt: String,
        /// Where the search for `}}` stopped.
        until: UnclosedAt,
    },
    /// A field without a name, such as `{{}}` or `{{ | client }}`.
    #[error(
        "{position}: {excerpt} has no field name; write {{{{first_name}}}} or {{{{first_name|fallback}}}}"
    )]
    EmptyName {
        /// Where the `{{` is.
        position: Position,
        /// The field as written (at most 40 characters).
        excerpt: String,
    },
    /// A character that cannot be in a field name, or something other than `|` or `}}` after it.
    #[error(
        "{position}: {character:?} cannot be in a field name ({excerpt}); a field name is letters a–z, digits and _, not starting with a digit, optionally followed by | and a fallback{}",
        hint.as_ref().map(|hint| format!("; did you mean {{{{{hint}}}}}?")).unwrap_or_default()
    )]
    InvalidName {
        /// Where the character is.
        position: Position,
        /// The character.
        character: char,
        /// The field as written (at most 40 characters).
        excerpt: String,
        /// A valid name close to what was written (`first_name` for `{{first name}}`, `prenom`
        /// for `{{prénom}}`), when there is one.
        hint: Option<String>,
    },
    /// Fields that the task cannot fill: not a contact field, a custom field or a task field.
    /// Every use of an unknown field is reported, in reading order, each with its position and
    /// its "did you mean"; the message lists them (the first 20), then the known fields.
    #[error("{}; the known fields are {}", list_unknown(fields), list_known(known))]
    UnknownField {
        /// Every use of an unknown field, in reading order (at least one).
        fields: Vec<UnknownFieldUse>,
        /// The known fields, sorted, without duplicates.
        known: Vec<String>,
    },
    /// A field without a value for this recipient (missing or blank) and without a fallback: the
    /// recipient is skipped.
    #[error(
        "{position}: {{{{{name}}}}} has no value for this recipient and no fallback; write {{{{{name}|fallback text}}}} to send anyway"
    )]
    MissingValue {
        /// The field's name.
        name: String,
        /// Where the field is.
        position: Position,
    },
    /// A task field name that a template could not use (see [`TaskFields::insert`](super::TaskFields::insert)).
    #[error(
        "task field {name:?}: not a field name; a field name is letters a–z, digits and _, not starting with a digit"
    )]
    InvalidTaskField {
        /// The name as given (cut to 40 characters).
        name: String,
    },
}

fn list_unknown(fields: &[UnknownFieldUse]) -> String {
    let mut text = fields
        .iter()
        .take(UNKNOWN_USES_SHOWN)
        .map(UnknownFieldUse::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if fields.len() > UNKNOWN_USES_SHOWN {
        text.push_str(&format!(
            "; and {} more uses of unknown fields",
            fields.len() - UNKNOWN_USES_SHOWN
        ));
    }
    text
}

fn list_known(known: &[String]) -> String {
    if known.is_empty() {
        return "none".to_owned();
    }
    let shown = known
        .iter()
        .take(KNOWN_FIELDS_SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if known.len() > KNOWN_FIELDS_SHOWN {
        format!("{shown} and {} more", known.len() - KNOWN_FIELDS_SHOWN)
    } else {
        shown
    }
}

impl ErrorCode for TemplateError {
    fn code(&self) -> &'static str {
        match self {
            TemplateError::UnclosedField { .. } => "templates.unclosed_field",
            TemplateError::EmptyName { .. } => "templates.empty_name",
            TemplateError::InvalidName { .. } => "templates.invalid_name",
            TemplateError::UnknownField { .. } => "templates.unknown_field",
            TemplateError::MissingValue { .. } => "templates.missing_value",
            TemplateError::InvalidTaskField { .. } => "templates.invalid_task_field",
        }
    }
}
