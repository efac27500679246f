//! The CSV import of contacts (SPEC section 3): [`import_csv`] and [`import_csv_file`] read a
//! whole file into an [`ImportReport`]; [`ContactImporter`] reads it in chunks
//! ([`ContactImporter::next_chunk`]), so that a million-row file never sits in memory (the core
//! keeps only its duplicate index).
//!
//! Conversions only; every rule is the core's (`envoi::contacts::import`: encodings, delimiter
//! sniffing, header names in FR/NL/DE/EN, row checks, duplicates):
//!
//! - **Sources** are the file's bytes (`ByteArray`, `Data`) or a path the library opens and reads
//!   in fixed buffers (a path that cannot be opened is `contacts.import.read_failed`, naming it).
//! - **Options** are arguments, each with the core's default: `default_region` (`"BE"`),
//!   `mapping` (header text → [`ColumnTarget`]; null/nil: guess every column), `duplicates`
//!   (`"report"`, `"keep_first"`, `"keep_last"`, `"merge_non_empty"`; another is
//!   `argument.unknown_value`) and `delimiter` (null/nil: sniffed; one character, else
//!   `argument.invalid_character`; the core refuses a quote, CR or LF with
//!   `contacts.import.invalid_delimiter`); `sms_option` (null/nil: off) is the account's
//!   [`AccountSmsOption`]: every contact created gets its
//!   [`AccountSmsOption::new_contact_preferences`].
//! - **Outcomes** are a [`RowOutcome`] per row, in file order, blank lines included; a row's
//!   problems are [`RowError`]s (line, column, value, code and reason), never exceptions. Only what
//!   stops the import throws: [`EnvoiError::ContactImport`] (`contacts.import.no_header`,
//!   `contacts.import.duplicate_column`…).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use envoi::ErrorCode;
use envoi::contacts::import::{ContactField, DuplicateKey, DuplicatePolicy, ImportOptions};

use super::{AccountSmsOption, Contact, region};
use crate::errors::INVALID_CHARACTER_CODE;
use crate::post::code_arg;
use crate::token::to_core_int;
use crate::{EnvoiError, guard};

/// What a column becomes: a contact field, a custom field, or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ColumnTarget {
    /// A contact field: `"first_name"`, `"last_name"`, `"email"`, `"mobile"`, `"language"` or
    /// `"time_zone"` (another is `contacts.import.unknown_field`).
    Field {
        /// The field's name.
        field: String,
    },
    /// A custom field of the contact, under `name` (an empty value stores nothing).
    Custom {
        /// The custom field's name.
        name: String,
    },
    /// Not imported.
    Ignore,
}

impl ColumnTarget {
    fn of(target: &envoi::contacts::import::ColumnTarget) -> Self {
        use envoi::contacts::import::ColumnTarget as Core;
        match target {
            Core::Field(field) => ColumnTarget::Field {
                field: field.name().to_owned(),
            },
            Core::Custom(name) => ColumnTarget::Custom { name: name.clone() },
            Core::Ignore => ColumnTarget::Ignore,
        }
    }

    fn to_core(&self) -> Result<envoi::contacts::import::ColumnTarget, EnvoiError> {
        use envoi::contacts::import::ColumnTarget as Core;
        Ok(match self {
            ColumnTarget::Field { field } => Core::Field(field.parse::<ContactField>()?),
            ColumnTarget::Custom { name } => Core::Custom(name.clone()),
            ColumnTarget::Ignore => Core::Ignore,
        })
    }
}

/// A column of the file and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Column {
    /// The header text as in the file (trimmed).
    pub header: String,
    /// What the column becomes.
    pub target: ColumnTarget,
    /// `true` when the target was guessed from the header, `false` when the mapping gave it.
    pub guessed: bool,
}

impl Column {
    fn of(column: &envoi::contacts::import::Column) -> Self {
        Column {
            header: column.header.clone(),
            target: ColumnTarget::of(&column.target),
            guessed: column.guessed,
        }
    }
}

/// One problem of a row that was not imported: where (`line`, `column`), what (`value`) and why
/// (`code`, `reason`). The other fields are the problem's, null/nil when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct RowError {
    /// The line where the row starts, from 1 (the header is line 1 unless blank lines precede it).
    pub line: u64,
    /// The header text of the column at fault; null/nil when the row as a whole is (field count,
    /// no address, duplicates, too long).
    pub column: Option<String>,
    /// The value at fault as read (at most 200 characters); for a whole-row problem, the row's
    /// fields joined by the delimiter.
    pub value: String,
    /// The stable code: `contacts.invalid_phone`, `contacts.invalid_email`,
    /// `contacts.import.field_count`, `contacts.import.invalid_text`,
    /// `contacts.import.unknown_language`, `contacts.import.unknown_time_zone`,
    /// `contacts.import.no_address`, `contacts.import.duplicate`,
    /// `contacts.import.ambiguous_duplicate`, `contacts.import.conflicting_email`,
    /// `contacts.import.conflicting_mobile`, `contacts.import.unterminated_quote`,
    /// `contacts.import.row_too_long`…
    pub code: String,
    /// Why, as the core words it (`phone number "12345": not a valid number of BE (+32): …`).
    pub reason: String,
    /// The whole message: `line 2, column "GSM": phone number "12345": …`.
    pub message: String,
    /// The header's field count (`field_count`).
    pub expected: Option<u64>,
    /// The row's field count (`field_count`).
    pub found: Option<u64>,
    /// What is the same as an earlier row: `"email"` or `"mobile"` (`duplicate`); for
    /// `conflicting_email`/`conflicting_mobile`, the address that differs.
    pub key: Option<String>,
    /// The line of the earlier row (`duplicate`, `conflicting_email`, `conflicting_mobile`).
    pub first_line: Option<u64>,
    /// The line of the contact with the same email (`ambiguous_duplicate`).
    pub email_line: Option<u64>,
    /// The line of the contact with the same mobile (`ambiguous_duplicate`).
    pub mobile_line: Option<u64>,
    /// The line where the unclosed quote opened (`unterminated_quote`).
    pub quote_line: Option<u64>,
    /// The most bytes a row may take (`row_too_long`).
    pub limit: Option<u64>,
}

impl RowError {
    fn of(error: &envoi::contacts::import::RowError) -> Self {
        use envoi::contacts::import::RowProblem;
        let mut result = RowError {
            line: error.line,
            column: error.column.clone(),
            value: error.value.clone(),
            code: error.code().to_owned(),
            reason: error.reason.to_string(),
            message: error.to_string(),
            expected: None,
            found: None,
            key: None,
            first_line: None,
            email_line: None,
            mobile_line: None,
            quote_line: None,
            limit: None,
        };
        match &error.reason {
            RowProblem::FieldCount { expected, found } => {
                result.expected = u64::try_from(*expected).ok();
                result.found = u64::try_from(*found).ok();
            }
            RowProblem::Duplicate { key, first_line }
            | RowProblem::ConflictingAddress { key, first_line } => {
                result.key = Some(key_name(*key));
                result.first_line = Some(*first_line);
            }
            RowProblem::AmbiguousDuplicate {
                email_line,
                mobile_line,
            } => (result.email_line, result.mobile_line) = (Some(*email_line), Some(*mobile_line)),
            RowProblem::UnterminatedQuote { quote_line } => result.quote_line = Some(*quote_line),
            RowProblem::RowTooLong { limit } => result.limit = u64::try_from(*limit).ok(),
            _ => {}
        }
        result
    }
}

fn key_name(key: DuplicateKey) -> String {
    key.to_string()
}

fn index(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// What became of one row (or one blank line), in file order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RowOutcome {
    /// A new contact, the `index`-th of the import (from 0).
    Imported {
        /// The row's line.
        line: u64,
        /// Its position among the import's contacts.
        index: u64,
        /// The contact.
        contact: Contact,
    },
    /// `duplicates = "keep_last"`: this row's contact replaces the one at `index`.
    Replaced {
        /// The row's line.
        line: u64,
        /// The contact it replaces.
        index: u64,
        /// The line of the row replaced.
        replaced_line: u64,
        /// What made them the same: `"email"` or `"mobile"`.
        key: String,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// This row's value in it, as written (at most 200 characters).
        value: String,
        /// The replacement.
        contact: Contact,
    },
    /// `duplicates = "merge_non_empty"`: this row's non-empty fields update the contact at `index`
    /// (apply it with [`merge_non_empty`]).
    Merged {
        /// The row's line.
        line: u64,
        /// The contact it updates.
        index: u64,
        /// The line of the row that created that contact.
        first_line: u64,
        /// What made them the same: `"email"` or `"mobile"`.
        key: String,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// This row's value in it, as written (at most 200 characters).
        value: String,
        /// The row read as a contact.
        update: Contact,
    },
    /// `duplicates = "keep_first"`: the same contact as `index`, skipped.
    DuplicateSkipped {
        /// The row's line.
        line: u64,
        /// The contact it duplicates.
        index: u64,
        /// The line of that contact's row.
        first_line: u64,
        /// What made them the same: `"email"` or `"mobile"`.
        key: String,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// This row's value in it, as written (at most 200 characters).
        value: String,
    },
    /// Not imported, with every problem found (at least one).
    Rejected {
        /// The row's line.
        line: u64,
        /// The problems.
        errors: Vec<RowError>,
    },
    /// A blank line, or a row whose fields are all empty.
    Blank {
        /// The line.
        line: u64,
    },
}

impl RowOutcome {
    /// The outcome's fields (`..`: a field the core adds to an outcome keeps this compiling until
    /// the binding exposes it).
    fn of(outcome: &envoi::contacts::import::RowOutcome) -> Self {
        use envoi::contacts::import::RowOutcome as Core;
        match outcome {
            Core::Imported {
                line,
                index: at,
                contact,
                ..
            } => RowOutcome::Imported {
                line: *line,
                index: index(*at),
                contact: Contact::of(contact),
            },
            Core::Replaced {
                line,
                index: at,
                replaced_line,
                key,
                column,
                value,
                contact,
                ..
            } => RowOutcome::Replaced {
                line: *line,
                index: index(*at),
                replaced_line: *replaced_line,
                key: key_name(*key),
                column: column.clone(),
                value: value.clone(),
                contact: Contact::of(contact),
            },
            Core::Merged {
                line,
                index: at,
                first_line,
                key,
                column,
                value,
                update,
                ..
            } => RowOutcome::Merged {
                line: *line,
                index: index(*at),
                first_line: *first_line,
                key: key_name(*key),
                column: column.clone(),
                value: value.clone(),
                update: Contact::of(update),
            },
            Core::DuplicateSkipped {
                line,
                index: at,
                first_line,
                key,
                column,
                value,
                ..
            } => RowOutcome::DuplicateSkipped {
                line: *line,
                index: index(*at),
                first_line: *first_line,
                key: key_name(*key),
                column: column.clone(),
                value: value.clone(),
            },
            Core::Rejected { line, errors, .. } => RowOutcome::Rejected {
                line: *line,
                errors: errors.iter().map(RowError::of).collect(),
            },
            Core::Blank { line, .. } => RowOutcome::Blank { line: *line },
        }
    }
}

/// How many data rows became what (every line after the header, blank or not; a quoted multi-line
/// row counts once). The parts add up to `rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct ImportCounts {
    /// Data rows read.
    pub rows: u64,
    /// New contacts.
    pub imported: u64,
    /// Rows that replaced an earlier contact (`"keep_last"`).
    pub replaced: u64,
    /// Rows merged into an earlier contact (`"merge_non_empty"`).
    pub merged: u64,
    /// Duplicate rows skipped (`"keep_first"`).
    pub duplicates_skipped: u64,
    /// Duplicate rows reported as errors (`"report"`).
    pub duplicates_reported: u64,
    /// Rows rejected for another reason.
    pub rejected: u64,
    /// Blank lines and rows whose fields are all empty.
    pub blank: u64,
}

impl ImportCounts {
    fn of(counts: envoi::contacts::import::ImportCounts) -> Self {
        ImportCounts {
            rows: counts.rows,
            imported: counts.imported,
            replaced: counts.replaced,
            merged: counts.merged,
            duplicates_skipped: counts.duplicates_skipped,
            duplicates_reported: counts.duplicates_reported,
            rejected: counts.rejected,
            blank: counts.blank,
        }
    }
}

/// A duplicate row the import resolved (skipped, replaced or merged), for the user to review.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct DuplicateRow {
    /// The later row's line.
    pub line: u64,
    /// The line of the contact's earlier row.
    pub first_line: u64,
    /// What made them the same: `"email"` or `"mobile"`.
    pub key: String,
    /// The header of the column that matched (the email or the mobile column).
    pub column: String,
    /// The later row's value in it, as written (at most 200 characters).
    pub value: String,
    /// What was done: `"keep_first"`, `"keep_last"` or `"merge_non_empty"`.
    pub resolution: String,
}

/// A whole import: the contacts with replacements and merges applied, every problem of every
/// rejected row, the duplicates resolved, the counts, and how the file was read.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportReport {
    /// The contacts, in the order of their first row.
    pub contacts: Vec<Contact>,
    /// Every problem of every rejected row, in file order.
    pub errors: Vec<RowError>,
    /// The duplicate rows skipped, replaced or merged.
    pub duplicates: Vec<DuplicateRow>,
    /// The counts.
    pub counts: ImportCounts,
    /// The columns and what they became.
    pub columns: Vec<Column>,
    /// The encoding the file was read in: `"UTF-8"`, `"windows-1252"`, `"UTF-16LE"` or
    /// `"UTF-16BE"`.
    pub encoding: String,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// The delimiter, given or sniffed: `","`, `";"`, a tab…
    pub delimiter: String,
}

impl ImportReport {
    fn of(report: &envoi::contacts::import::ImportReport) -> Self {
        ImportReport {
            contacts: report.contacts.iter().map(Contact::of).collect(),
            errors: report.errors.iter().map(RowError::of).collect(),
            duplicates: report
                .duplicates
                .iter()
                .map(|row| DuplicateRow {
                    line: row.line,
                    first_line: row.first_line,
                    key: key_name(row.key),
                    column: row.column.clone(),
                    value: row.value.clone(),
                    resolution: policy_name(row.resolution).to_owned(),
                })
                .collect(),
            counts: ImportCounts::of(report.counts),
            columns: report.columns.iter().map(Column::of).collect(),
            encoding: report.encoding.name().to_owned(),
            bom: has_bom(report.encoding),
            delimiter: report.delimiter.to_string(),
        }
    }
}

fn has_bom(encoding: envoi::contacts::import::SourceEncoding) -> bool {
    use envoi::contacts::import::SourceEncoding;
    match encoding {
        SourceEncoding::Utf8 { bom } => bom,
        // UTF-16 is recognised by its byte-order mark only; Windows-1252 has none.
        SourceEncoding::Utf16Le | SourceEncoding::Utf16Be => true,
        SourceEncoding::Windows1252 => false,
    }
}

const POLICIES: [DuplicatePolicy; 4] = [
    DuplicatePolicy::Report,
    DuplicatePolicy::KeepFirst,
    DuplicatePolicy::KeepLast,
    DuplicatePolicy::MergeNonEmpty,
];

fn policy_name(policy: DuplicatePolicy) -> &'static str {
    match policy {
        DuplicatePolicy::Report => "report",
        DuplicatePolicy::KeepFirst => "keep_first",
        DuplicatePolicy::KeepLast => "keep_last",
        DuplicatePolicy::MergeNonEmpty => "merge_non_empty",
    }
}

/// The core's options from the arguments.
fn options(
    default_region: &str,
    mapping: Option<HashMap<String, ColumnTarget>>,
    duplicates: &str,
    delimiter: Option<String>,
    sms_option: Option<AccountSmsOption>,
) -> Result<ImportOptions, EnvoiError> {
    let delimiter = delimiter
        .map(|text| {
            let mut characters = text.chars();
            match (characters.next(), characters.next()) {
                (Some(character), None) => Ok(character),
                _ => Err(EnvoiError::argument(
                    INVALID_CHARACTER_CODE,
                    format!(
                        "delimiter: {text:?} is not one character; give the delimiter (\",\", \";\", a tab…) or null to sniff it"
                    ),
                )),
            }
        })
        .transpose()?;
    // `..default()`: an option the core adds keeps its default until this binding exposes it.
    #[allow(clippy::needless_update)]
    Ok(ImportOptions {
        default_region: region(default_region)?,
        mapping: mapping
            .unwrap_or_default()
            .into_iter()
            .map(|(header, target)| Ok((header, target.to_core()?)))
            .collect::<Result<BTreeMap<_, _>, EnvoiError>>()?,
        duplicates: code_arg("duplicates", duplicates, &POLICIES, policy_name)?,
        delimiter,
        sms_option: sms_option
            .map(AccountSmsOption::to_core)
            .transpose()?
            .unwrap_or_default(),
        ..ImportOptions::default()
    })
}

/// Opens a file for the import; an error names the path (`contacts.import.read_failed`).
fn open(path: &str) -> Result<std::fs::File, EnvoiError> {
    std::fs::File::open(path).map_err(|error| {
        let error = std::io::Error::new(error.kind(), format!("{path}: {error}"));
        envoi::contacts::import::ImportError::from(error).into()
    })
}

fn import(source: impl Read, options: &ImportOptions) -> Result<ImportReport, EnvoiError> {
    Ok(ImportReport::of(&envoi::contacts::import::import_contacts(
        source, options,
    )?))
}

/// Imports a whole CSV (its bytes) into an [`ImportReport`], every contact in memory (use a
/// [`ContactImporter`] not to). The contacts it creates get the preferences of `sms_option`, the
/// account's SMS option (null/nil: off, so email on and SMS off). Throws only what stops the import: `contacts.import.no_header`,
/// `contacts.import.no_address_column`, `contacts.import.duplicate_column`,
/// `contacts.import.unknown_mapping_column`, `contacts.import.unknown_field`,
/// `contacts.import.invalid_delimiter`, `contacts.import.malformed_text`; and the argument errors
/// (`contacts.unknown_region`, `argument.unknown_value`, `argument.invalid_character`).
#[uniffi::export(default(
    default_region = "BE",
    mapping = None,
    duplicates = "report",
    delimiter = None,
    sms_option = None
))]
pub fn import_csv(
    bytes: Vec<u8>,
    default_region: String,
    mapping: Option<HashMap<String, ColumnTarget>>,
    duplicates: String,
    delimiter: Option<String>,
    sms_option: Option<AccountSmsOption>,
) -> Result<ImportReport, EnvoiError> {
    guard(|| {
        let options = options(&default_region, mapping, &duplicates, delimiter, sms_option)?;
        import(&bytes[..], &options)
    })
}

/// [`import_csv`] of the file at `path`, read in fixed buffers; also throws
/// `contacts.import.read_failed` when the file cannot be opened or read.
#[uniffi::export(default(
    default_region = "BE",
    mapping = None,
    duplicates = "report",
    delimiter = None,
    sms_option = None
))]
pub fn import_csv_file(
    path: String,
    default_region: String,
    mapping: Option<HashMap<String, ColumnTarget>>,
    duplicates: String,
    delimiter: Option<String>,
    sms_option: Option<AccountSmsOption>,
) -> Result<ImportReport, EnvoiError> {
    guard(|| {
        let options = options(&default_region, mapping, &duplicates, delimiter, sms_option)?;
        import(open(&path)?, &options)
    })
}

/// Merges a later row into a contact, as `duplicates = "merge_non_empty"` does (for a consumer of
/// [`RowOutcome::Merged`]): every non-empty field of `update` overwrites the contact's. Throws what
/// reading either contact throws.
#[uniffi::export]
pub fn merge_non_empty(contact: Contact, update: Contact) -> Result<Contact, EnvoiError> {
    guard(|| {
        let mut merged = contact.to_core()?;
        envoi::contacts::import::merge_non_empty(&mut merged, update.to_core()?);
        Ok(Contact::of(&merged))
    })
}

/// The target the core guesses for a header text (`"GSM"` → `"mobile"`, `"Prénom"` →
/// `"first_name"`), or null/nil: the column would be a custom field.
#[uniffi::export]
pub fn guess_contact_field(header: String) -> Option<String> {
    envoi::contacts::import::guess_field(&header).map(|field| field.name().to_owned())
}

/// What each column of a header becomes under `mapping` (null/nil: guess every column): the
/// import's first step, for a mapping screen. Throws `contacts.import.duplicate_column`,
/// `contacts.import.unknown_mapping_column`, `contacts.import.unknown_field`.
#[uniffi::export(default(mapping = None))]
pub fn resolve_header(
    headers: Vec<String>,
    mapping: Option<HashMap<String, ColumnTarget>>,
) -> Result<Vec<Column>, EnvoiError> {
    guard(|| {
        let mapping = mapping
            .unwrap_or_default()
            .into_iter()
            .map(|(header, target)| Ok((header, target.to_core()?)))
            .collect::<Result<BTreeMap<_, _>, EnvoiError>>()?;
        Ok(envoi::contacts::import::resolve_header(&headers, &mapping)?
            .iter()
            .map(Column::of)
            .collect())
    })
}

type Source = Box<dyn Read + Send>;

/// Reads a CSV in chunks of outcomes, keeping only the core's duplicate index in memory: the form
/// for large files. The header is read when it is made (the errors of [`import_csv`] throw then);
/// `next_chunk(size)` gives up to `size` [`RowOutcome`]s in file order, fewer at the end, none
/// after it. A contact replaced or merged later is yielded as [`RowOutcome::Replaced`] or
/// [`RowOutcome::Merged`] of its `index`: the consumer (a store) applies it. Safe to share between
/// threads; each outcome is given once.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct ContactImporter {
    inner: Mutex<envoi::contacts::import::ContactImporter<Source>>,
}

impl fmt::Debug for ContactImporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for ContactImporter {
    /// `ContactImporter(delimiter=";", encoding=windows-1252, rows=12)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let importer = self.lock();
        write!(
            f,
            "ContactImporter(delimiter={:?}, encoding={}, rows={})",
            importer.delimiter().to_string(),
            importer.encoding(),
            importer.counts().rows
        )
    }
}

impl ContactImporter {
    fn lock(&self) -> MutexGuard<'_, envoi::contacts::import::ContactImporter<Source>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn start(source: Source, options: &ImportOptions) -> Result<Arc<Self>, EnvoiError> {
        Ok(Arc::new(ContactImporter {
            inner: Mutex::new(envoi::contacts::import::ContactImporter::new(
                source, options,
            )?),
        }))
    }
}

#[uniffi::export]
impl ContactImporter {
    /// An importer of a CSV's bytes, with the options of [`import_csv`]; reads the header.
    #[uniffi::constructor(default(
        default_region = "BE",
        mapping = None,
        duplicates = "report",
        delimiter = None,
        sms_option = None
    ))]
    pub fn new(
        bytes: Vec<u8>,
        default_region: String,
        mapping: Option<HashMap<String, ColumnTarget>>,
        duplicates: String,
        delimiter: Option<String>,
        sms_option: Option<AccountSmsOption>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let options = options(&default_region, mapping, &duplicates, delimiter, sms_option)?;
            Self::start(Box::new(std::io::Cursor::new(bytes)), &options)
        })
    }

    /// An importer of the file at `path`, read in fixed buffers as the chunks are asked for.
    #[uniffi::constructor(default(
        default_region = "BE",
        mapping = None,
        duplicates = "report",
        delimiter = None,
        sms_option = None
    ))]
    pub fn open(
        path: String,
        default_region: String,
        mapping: Option<HashMap<String, ColumnTarget>>,
        duplicates: String,
        delimiter: Option<String>,
        sms_option: Option<AccountSmsOption>,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let options = options(&default_region, mapping, &duplicates, delimiter, sms_option)?;
            Self::start(Box::new(open(&path)?), &options)
        })
    }

    /// Up to `size` outcomes, in file order; fewer at the end of the file, none after it (so
    /// `size = 0` gives none). Throws `contacts.import.malformed_text` or
    /// `contacts.import.read_failed` when the source fails, which ends the import;
    /// `argument.out_of_range` for a negative `size`.
    pub fn next_chunk(&self, size: i64) -> Result<Vec<RowOutcome>, EnvoiError> {
        guard(|| {
            let size: usize = to_core_int("size", size, "give 0 or more")?;
            Ok(self
                .lock()
                .next_chunk(size)?
                .iter()
                .map(RowOutcome::of)
                .collect())
        })
    }

    /// The columns and what they become.
    pub fn columns(&self) -> Vec<Column> {
        self.lock().columns().iter().map(Column::of).collect()
    }

    /// The delimiter, given or sniffed.
    pub fn delimiter(&self) -> String {
        self.lock().delimiter().to_string()
    }

    /// The encoding (`"UTF-8"`, `"windows-1252"`, `"UTF-16LE"`, `"UTF-16BE"`): decided at the
    /// first non-ASCII byte, so `"UTF-8"` while only ASCII has been read.
    pub fn encoding(&self) -> String {
        self.lock().encoding().name().to_owned()
    }

    /// The counts of the outcomes given so far.
    pub fn counts(&self) -> ImportCounts {
        ImportCounts::of(self.lock().counts())
    }
}
