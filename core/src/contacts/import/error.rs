use std::fmt;

use thiserror::Error;

use crate::contacts::ContactError;
use crate::error::ErrorCode;

/// Why an import could not go on at all (the header, the options, or reading the source).
///
/// A problem with one row is never an `ImportError`: the row is reported as a [`RowError`] and the
/// import goes on. [`ErrorCode::code`] gives the stable code (`contacts.import.duplicate_column`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::contacts::import::{import_contacts, ImportOptions};
///
/// let error = import_contacts(&b"\n\n"[..], &ImportOptions::default()).unwrap_err();
/// assert_eq!(error.code(), "contacts.import.no_header");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The source has no header line: it is empty or holds only blank lines.
    #[error(
        "import: no header line (the file is empty or blank); the first line must name the columns"
    )]
    NoHeader,
    /// No column is an email or a phone column, so no row could become a contact: the first line is
    /// probably data, not a header, or its names are not known (give a mapping).
    #[error(
        "import: no email or phone column among {headers:?}; the first line must name the columns (Email, GSM, Téléphone…) or a mapping must say which is which"
    )]
    NoAddressColumn {
        /// The header texts found.
        headers: Vec<String>,
    },
    /// Two columns would fill the same field or custom field.
    #[error(
        "import: columns {first:?} (column {first_position}) and {second:?} (column {second_position}) both fill {target}; map one of them to another field, a custom field or nothing"
    )]
    DuplicateColumn {
        /// What both would fill (`mobile`, `custom field "Notes"`…).
        target: String,
        /// The first column's header text.
        first: String,
        /// Its position, counting from 1.
        first_position: usize,
        /// The second column's header text.
        second: String,
        /// Its position, counting from 1.
        second_position: usize,
    },
    /// The mapping names a column the header does not have.
    #[error("import: the mapping names column {column:?}, which is not in the header {headers:?}")]
    UnknownMappingColumn {
        /// The mapping's key.
        column: String,
        /// The header texts found.
        headers: Vec<String>,
    },
    /// A field name that is not one of [`ContactField`](super::ContactField)'s names.
    #[error(
        "field {value:?}: not a contact field; use first_name, last_name, email, mobile, language or time_zone"
    )]
    UnknownField {
        /// The name as given (cut to 60 characters).
        value: String,
    },
    /// A delimiter that cannot separate fields.
    #[error(
        "delimiter {value:?}: a delimiter is one ASCII character other than a quote, CR or LF (usually , ; or tab)"
    )]
    InvalidDelimiter {
        /// The delimiter as given.
        value: char,
    },
    /// The source is not text in its encoding (UTF-16 with an unpaired surrogate or an odd number
    /// of bytes). UTF-8 and Windows-1252 sources never fail this way (see the module documentation).
    #[error("import: {detail}")]
    MalformedText {
        /// The encoding and the byte offset.
        detail: String,
    },
    /// The host's reader failed.
    #[error("import: reading the source failed: {message}")]
    ReadFailed {
        /// The I/O error's message.
        message: String,
    },
}

impl ErrorCode for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::NoHeader => "contacts.import.no_header",
            ImportError::NoAddressColumn { .. } => "contacts.import.no_address_column",
            ImportError::DuplicateColumn { .. } => "contacts.import.duplicate_column",
            ImportError::UnknownMappingColumn { .. } => "contacts.import.unknown_mapping_column",
            ImportError::UnknownField { .. } => "contacts.import.unknown_field",
            ImportError::InvalidDelimiter { .. } => "contacts.import.invalid_delimiter",
            ImportError::MalformedText { .. } => "contacts.import.malformed_text",
            ImportError::ReadFailed { .. } => "contacts.import.read_failed",
        }
    }
}

impl From<std::io::Error> for ImportError {
    fn from(error: std::io::Error) -> Self {
        match error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<super::decode::MalformedText>())
        {
            Some(malformed) => ImportError::MalformedText {
                detail: malformed.to_string(),
            },
            None => ImportError::ReadFailed {
                message: error.to_string(),
            },
        }
    }
}

/// What made two rows the same contact.
///
/// ```
/// use envoi::contacts::import::DuplicateKey;
/// assert_eq!(DuplicateKey::Email.to_string(), "email");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DuplicateKey {
    /// The same email address, compared without regard to case.
    Email,
    /// The same mobile number in E.164 form.
    Mobile,
}

impl fmt::Display for DuplicateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DuplicateKey::Email => "email",
            DuplicateKey::Mobile => "mobile",
        })
    }
}

/// Why a row was not imported: the reason part of a [`RowError`].
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::contacts::import::RowProblem;
///
/// let problem = RowProblem::FieldCount { expected: 5, found: 3 };
/// assert_eq!(problem.code(), "contacts.import.field_count");
/// assert_eq!(problem.to_string(), "3 fields where the header has 5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RowProblem {
    /// An invalid phone number or email address (codes `contacts.invalid_phone`,
    /// `contacts.invalid_email`).
    #[error(transparent)]
    Contact(#[from] ContactError),
    /// The row has fewer fields than the header, or more with a non-empty one among the extra
    /// (extra empty fields, as Excel writes them, are accepted).
    #[error("{found} fields where the header has {expected}")]
    FieldCount {
        /// The header's field count.
        expected: usize,
        /// The row's field count.
        found: usize,
    },
    /// In a file read as UTF-8, a field that is not UTF-8 (the file mixes encodings).
    #[error("not UTF-8 text, although the file is UTF-8 (shown with U+FFFD)")]
    InvalidText,
    /// A language envoi does not write in.
    #[error(
        "language {value:?}: envoi writes in fr, nl, de or en (code or name, such as Français or Nederlands)"
    )]
    UnknownLanguage {
        /// The value (cut to 60 characters).
        value: String,
    },
    /// A time zone that is not an IANA name.
    #[error("time zone {value:?}: not an IANA time zone such as Europe/Brussels")]
    UnknownTimeZone {
        /// The value (cut to 60 characters).
        value: String,
    },
    /// Neither an email address nor a mobile number: a contact must be reachable by one.
    #[error("neither an email address nor a mobile number; a contact needs one of them")]
    NoAddress,
    /// With [`DuplicatePolicy::Report`](super::DuplicatePolicy::Report): the same email or mobile
    /// as an earlier row.
    #[error("same {key} as the contact of line {first_line}")]
    Duplicate {
        /// What is the same.
        key: DuplicateKey,
        /// The line of the earlier row.
        first_line: u64,
    },
    /// The email is an earlier contact's and the mobile another's: which one the row is cannot be
    /// told, whatever the duplicate policy.
    #[error(
        "the email is that of the contact of line {email_line} and the mobile that of line {mobile_line}"
    )]
    AmbiguousDuplicate {
        /// The line of the contact with the same email.
        email_line: u64,
        /// The line of the contact with the same mobile.
        mobile_line: u64,
    },
}

impl ErrorCode for RowProblem {
    fn code(&self) -> &'static str {
        match self {
            RowProblem::Contact(error) => error.code(),
            RowProblem::FieldCount { .. } => "contacts.import.field_count",
            RowProblem::InvalidText => "contacts.import.invalid_text",
            RowProblem::UnknownLanguage { .. } => "contacts.import.unknown_language",
            RowProblem::UnknownTimeZone { .. } => "contacts.import.unknown_time_zone",
            RowProblem::NoAddress => "contacts.import.no_address",
            RowProblem::Duplicate { .. } => "contacts.import.duplicate",
            RowProblem::AmbiguousDuplicate { .. } => "contacts.import.ambiguous_duplicate",
        }
    }
}

/// A row that was not imported, or one of its problems: where (line, column), what (the value) and
/// why (the reason, with its code).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::contacts::import::{import_contacts, ImportOptions};
///
/// let csv = "Nom;GSM\nDupont;12345\n";
/// let report = import_contacts(csv.as_bytes(), &ImportOptions::default())?;
/// let error = &report.errors[0];
/// assert_eq!((error.line, error.column.as_deref(), error.value.as_str()), (2, Some("GSM"), "12345"));
/// assert_eq!(error.code(), "contacts.invalid_phone");
/// assert_eq!(
///     error.to_string(),
///     "line 2, column \"GSM\": phone number \"12345\": not a valid number of BE (+32): wrong length or a prefix not in use"
/// );
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}{}: {reason}", .column.as_ref().map(|c| format!(", column {c:?}")).unwrap_or_default())]
pub struct RowError {
    /// The line where the row starts, counting from 1 (the header is line 1 unless blank lines
    /// precede it); a row with a quoted newline spans more lines.
    pub line: u64,
    /// The header text of the column at fault; `None` when the row as a whole is (field count,
    /// no address, duplicates).
    pub column: Option<String>,
    /// The value at fault as read (cut to 200 characters); for a whole-row problem, the row's
    /// fields joined by the delimiter (cut the same way).
    pub value: String,
    /// Why.
    pub reason: RowProblem,
}

impl ErrorCode for RowError {
    fn code(&self) -> &'static str {
        self.reason.code()
    }
}
