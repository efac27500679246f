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
    /// The header line opens a quote that is not closed before the end of the file or within
    /// [`MAX_ROW_BYTES`](super::MAX_ROW_BYTES) (see [`RowProblem::UnterminatedQuote`]): its columns cannot be told.
    #[error(
        "import: the header opens a quote on line {quote_line} that is not closed within {} bytes or before the end of the file; close it or remove it",
        super::MAX_ROW_BYTES
    )]
    HeaderUnterminatedQuote {
        /// The line of the opening quote.
        quote_line: u64,
    },
    /// The header line is longer than [`MAX_ROW_BYTES`](super::MAX_ROW_BYTES) (see [`RowProblem::RowTooLong`]).
    #[error(
        "import: the header line is longer than {limit} bytes; the first line must name the columns"
    )]
    HeaderTooLong {
        /// The limit, in bytes of UTF-8 text.
        limit: usize,
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
            ImportError::HeaderUnterminatedQuote { .. } => "contacts.import.unterminated_quote",
            ImportError::HeaderTooLong { .. } => "contacts.import.row_too_long",
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
    /// The same email address: the local part as written, the domain in any case.
    Email,
    /// The same mobile number in E.164 form.
    Mobile,
}

impl DuplicateKey {
    /// The other key: a row matching by one may conflict by the other.
    ///
    /// ```
    /// use envoi::contacts::import::DuplicateKey;
    /// assert_eq!(DuplicateKey::Email.other(), DuplicateKey::Mobile);
    /// ```
    pub fn other(self) -> DuplicateKey {
        match self {
            DuplicateKey::Email => DuplicateKey::Mobile,
            DuplicateKey::Mobile => DuplicateKey::Email,
        }
    }
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
/// let problem = RowProblem::FieldCount { expected: 5, found: 7 };
/// assert_eq!(problem.code(), "contacts.import.field_count");
/// assert_eq!(problem.to_string(), "7 fields where the header has 5, the extra ones not empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RowProblem {
    /// An invalid phone number or email address (codes `contacts.invalid_phone`,
    /// `contacts.invalid_email`).
    #[error(transparent)]
    Contact(#[from] ContactError),
    /// The row has more fields than the header, with a non-empty one among the extra (extra empty
    /// fields, as Excel writes them, are accepted; so are fewer fields: the missing trailing ones
    /// are empty, as Excel drops trailing empty cells).
    #[error("{found} fields where the header has {expected}, the extra ones not empty")]
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
    /// A quote opened at the start of a field on `quote_line` is not closed before the end of the
    /// file or within [`MAX_ROW_BYTES`](super::MAX_ROW_BYTES) (the most one row may take). The row ends at the end of
    /// `quote_line`; the lines after it are read again as rows. The error's value is what follows
    /// the quote on its line, its column the field the quote opened.
    #[error(
        "a quote opened on line {quote_line} is not closed within {} bytes or before the end of the file; the row ends with that line and the next lines are read as rows",
        super::MAX_ROW_BYTES
    )]
    UnterminatedQuote {
        /// The line of the opening quote (the row's line, or a later one when a quoted value
        /// before it spans lines).
        quote_line: u64,
    },
    /// The row is longer than `limit` bytes with no open quote (one line that long): it is
    /// skipped to the end of its line. The error's value is the row's start.
    #[error("longer than {limit} bytes; a contact row never is")]
    RowTooLong {
        /// The limit, in bytes of UTF-8 text.
        limit: usize,
    },
    /// With [`DuplicatePolicy::MergeNonEmpty`](super::DuplicatePolicy::MergeNonEmpty): the row is
    /// the contact of `first_line` by the other key, but carries a `key` (an email, or a mobile)
    /// that differs from the one that contact already has. Merging would drop one of them, so the
    /// row is rejected whole and the contact keeps the first (it may be another person sharing a
    /// phone or a mailbox). The error's column and value are the row's differing address.
    #[error(
        "another {key} than the contact of line {first_line}, which this row matches by {}; the first is kept, merge by hand if they are one person",
        .key.other()
    )]
    ConflictingAddress {
        /// The kind of address that differs.
        key: DuplicateKey,
        /// The line of the contact's row.
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
            RowProblem::UnterminatedQuote { .. } => "contacts.import.unterminated_quote",
            RowProblem::RowTooLong { .. } => "contacts.import.row_too_long",
            RowProblem::ConflictingAddress {
                key: DuplicateKey::Email,
                ..
            } => "contacts.import.conflicting_email",
            RowProblem::ConflictingAddress {
                key: DuplicateKey::Mobile,
                ..
            } => "contacts.import.conflicting_mobile",
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
    /// no address, ambiguous duplicate, a row too long). A duplicate names the email or mobile
    /// column that matched.
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
