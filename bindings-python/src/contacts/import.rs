//! `envoi.contacts` (the import part): CSV import of contacts (mirrors `envoi::contacts::import`).
//!
//! Only conversions. A source is the file's bytes (`bytes`, `bytearray`, `memoryview`) or a path
//! (`str` or `os.PathLike`, opened here and read by the core as it goes). `import_csv` builds the
//! core's `ImportReport` (every contact in memory) with the interpreter released, then gives it as
//! an [`ImportReport`] whose `contacts` are [`Contact`] objects wrapping the core's contacts
//! (nothing is copied field by field). [`ContactImporter`] is the chunked form: an iterator of
//! lists of [`RowOutcome`]s that keeps only the core's duplicate index between chunks.
//!
//! Duplicate policies are `"keep_first"`, `"keep_last"`, `"merge_non_empty"` and `"report"` (the
//! core's default). A mapping is a dict from a header (as in the file) to a field name
//! (`"mobile"`), a [`ColumnTarget`], or None (not imported). An [`ImportError`] becomes
//! `envoi.ContactImportError` (a subclass of `envoi.ContactError`) with the core's code and message
//! and the variant's fields; a row's problems are [`RowError`]s in the report, never raised.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::PathBuf;

use envoi::ErrorCode;
use envoi::contacts::import::{
    ColumnTarget as CoreTarget, ContactField, ContactImporter as CoreImporter, DuplicateKey,
    DuplicatePolicy, ImportCounts as CoreCounts, ImportError, ImportOptions,
    RowError as CoreRowError, RowOutcome as CoreOutcome, RowProblem, SourceEncoding,
};
use pyo3::exceptions::{PyStopIteration, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMemoryView};

use super::{Contact, contact_fields, region_arg};
use crate::credits::repr;
use crate::errors::{guard, to_py_err_with_fields};
use crate::sms::WideInt;
use crate::token::Shared;

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of an import error: `envoi.ContactImportError` with the variant's fields
/// as attributes.
pub(crate) fn import_err(py: Python<'_>, error: ImportError) -> PyErr {
    match import_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// The fields of an import error, named as the core names them.
fn import_fields<'py>(py: Python<'py>, error: &ImportError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        ImportError::NoAddressColumn { headers } => fields.set_item("headers", headers)?,
        ImportError::DuplicateColumn {
            target,
            first,
            first_position,
            second,
            second_position,
        } => {
            fields.set_item("target", target)?;
            fields.set_item("first", first)?;
            fields.set_item("first_position", first_position)?;
            fields.set_item("second", second)?;
            fields.set_item("second_position", second_position)?;
        }
        ImportError::UnknownMappingColumn { column, headers } => {
            fields.set_item("column", column)?;
            fields.set_item("headers", headers)?;
        }
        ImportError::UnknownField { value } => fields.set_item("value", value)?,
        ImportError::InvalidDelimiter { value } => fields.set_item("value", value.to_string())?,
        ImportError::MalformedText { detail } => fields.set_item("detail", detail)?,
        // `detail`, not the core's `message`: that name is the exception's own.
        ImportError::ReadFailed { message } => fields.set_item("detail", message)?,
        ImportError::HeaderUnterminatedQuote { quote_line } => {
            fields.set_item("quote_line", quote_line)?;
        }
        ImportError::HeaderTooLong { limit } => fields.set_item("limit", limit)?,
        // `contacts.import.no_header` has no field; a variant added to the core later still raises
        // with its code and message.
        _ => {}
    }
    Ok(fields)
}

// ---- Options -------------------------------------------------------------------------------------

/// What a column becomes: a contact field (`ColumnTarget.field("mobile")`), a custom field
/// (`ColumnTarget.custom("Téléphone fixe")`) or nothing (`ColumnTarget.ignore()`). Immutable,
/// hashable; `str()` is the core's description (`mobile`, `custom field "Notes"`, `ignored`).
#[pyclass(module = "envoi.contacts", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ColumnTarget(CoreTarget);

#[pymethods]
impl ColumnTarget {
    /// A contact field: `first_name`, `last_name`, `email`, `mobile`, `language` or `time_zone`.
    /// Raises `envoi.ContactImportError` (`contacts.import.unknown_field`).
    #[staticmethod]
    fn field(py: Python<'_>, name: &str) -> PyResult<Self> {
        field_target(py, name).map(ColumnTarget)
    }

    /// A custom field of the contact, under `name`.
    #[staticmethod]
    fn custom(name: String) -> Self {
        ColumnTarget(CoreTarget::Custom(name))
    }

    /// Not imported.
    #[staticmethod]
    fn ignore() -> Self {
        ColumnTarget(CoreTarget::Ignore)
    }

    /// `"field"`, `"custom"` or `"ignore"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match &self.0 {
            CoreTarget::Field(_) => "field",
            CoreTarget::Custom(_) => "custom",
            CoreTarget::Ignore => "ignore",
        }
    }

    /// The field's name or the custom field's name; None for `"ignore"`.
    #[getter]
    fn name(&self) -> Option<String> {
        match &self.0 {
            CoreTarget::Field(field) => Some(field.name().to_owned()),
            CoreTarget::Custom(name) => Some(name.clone()),
            CoreTarget::Ignore => None,
        }
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        match &self.0 {
            CoreTarget::Field(field) => format!("ColumnTarget.field({:?})", field.name()),
            CoreTarget::Custom(name) => format!("ColumnTarget.custom({name:?})"),
            CoreTarget::Ignore => "ColumnTarget.ignore()".to_owned(),
        }
    }
}

/// A field name read by the core (`contacts.import.unknown_field`).
fn field_target(py: Python<'_>, name: &str) -> PyResult<CoreTarget> {
    name.parse::<ContactField>()
        .map(CoreTarget::Field)
        .map_err(|error| import_err(py, error))
}

/// The core's options from `import_csv`'s keyword arguments.
fn options_arg(
    py: Python<'_>,
    default_region: &str,
    mapping: Option<&Bound<'_, PyDict>>,
    duplicates: &str,
    delimiter: Option<char>,
    sms_option: Option<PyRef<'_, super::AccountSmsOption>>,
) -> PyResult<ImportOptions> {
    let duplicates = match duplicates {
        "keep_first" => DuplicatePolicy::KeepFirst,
        "keep_last" => DuplicatePolicy::KeepLast,
        "merge_non_empty" => DuplicatePolicy::MergeNonEmpty,
        "report" => DuplicatePolicy::Report,
        other => {
            return Err(PyValueError::new_err(format!(
                "duplicates: {other:?} is not a policy; use \"keep_first\", \"keep_last\", \
                 \"merge_non_empty\" or \"report\""
            )));
        }
    };
    let mut targets = BTreeMap::new();
    if let Some(mapping) = mapping {
        for (header, target) in mapping.iter() {
            let header: String = header.extract()?;
            let target = if target.is_none() {
                CoreTarget::Ignore
            } else if let Ok(target) = target.cast::<ColumnTarget>() {
                target.get().0.clone()
            } else if let Ok(name) = target.extract::<&str>() {
                field_target(py, name)?
            } else {
                return Err(PyTypeError::new_err(format!(
                    "mapping[{header:?}]: expected a field name, a ColumnTarget or None, not {}",
                    target.get_type().name()?
                )));
            };
            targets.insert(header, target);
        }
    }
    Ok(ImportOptions {
        default_region: region_arg(py, default_region)?,
        mapping: targets,
        duplicates,
        delimiter,
        sms_option: match sms_option {
            Some(option) => option.snapshot(py)?,
            None => Default::default(),
        },
    })
}

/// A source: the file's bytes, copied, or a path, opened.
fn source_arg(source: &Bound<'_, PyAny>) -> PyResult<Box<dyn Read + Send>> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(Box::new(Cursor::new(bytes.as_bytes().to_vec())));
    }
    if let Ok(bytes) = source.cast::<PyByteArray>() {
        return Ok(Box::new(Cursor::new(bytes.to_vec())));
    }
    if source.cast::<PyMemoryView>().is_ok() {
        let bytes: Vec<u8> = source.call_method0("tobytes")?.extract()?;
        return Ok(Box::new(Cursor::new(bytes)));
    }
    let path: PathBuf = source.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "source: expected the file's bytes or a path, not {}",
            source
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string())
        ))
    })?;
    // `OSError` (FileNotFoundError…) as Python raises it for `open(path, "rb")`.
    let file = File::open(&path)?;
    Ok(Box::new(BufReader::with_capacity(64 * 1024, file)))
}

// ---- Report --------------------------------------------------------------------------------------

/// A row that was not imported, or one of its problems: where (`line`, `column`: the header, None
/// for the whole row), what (`value`, as read) and why (`code`, `reason`), with the problem's
/// fields (`first_line`, `key`… None where it has none). `str()` is the core's message. Not an
/// exception: the import goes on.
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct RowError {
    /// The line where the row starts, from 1.
    line: u64,
    /// The column's header, or None when the row as a whole is at fault.
    column: Option<String>,
    /// The value at fault as read (cut to 200 characters), or the row's fields joined.
    value: String,
    /// The stable code (`contacts.invalid_phone`, `contacts.import.duplicate`…).
    code: &'static str,
    /// Why, as a person reads it (the core's message of the problem).
    reason: String,
    /// The line of the earlier row (`duplicate`, `conflicting_email`, `conflicting_mobile`).
    first_line: Option<u64>,
    /// `"email"` or `"mobile"` (`duplicate`; for `conflicting_*`, the address that differs).
    key: Option<&'static str>,
    /// The line of the contact with the same email (`ambiguous_duplicate`).
    email_line: Option<u64>,
    /// The line of the contact with the same mobile (`ambiguous_duplicate`).
    mobile_line: Option<u64>,
    /// The header's field count (`field_count`).
    expected: Option<usize>,
    /// The row's field count (`field_count`).
    found: Option<usize>,
    /// The line where the unclosed quote opened (`unterminated_quote`).
    quote_line: Option<u64>,
    /// The most bytes a row may take (`row_too_long`).
    limit: Option<usize>,
    /// The fields of a contact error (`invalid_phone`, `invalid_email`): `{"value": …, "reason":
    /// …, …}` as `envoi.ContactError` has them; None for the import's own problems.
    details: Option<Py<PyDict>>,
    /// The core's whole message (`line 4, column "GSM": …`).
    message: String,
}

impl RowError {
    fn of(py: Python<'_>, error: &CoreRowError) -> PyResult<Self> {
        let mut row = RowError {
            line: error.line,
            column: error.column.clone(),
            value: error.value.clone(),
            code: error.code(),
            reason: error.reason.to_string(),
            first_line: None,
            key: None,
            email_line: None,
            mobile_line: None,
            expected: None,
            found: None,
            quote_line: None,
            limit: None,
            details: None,
            message: error.to_string(),
        };
        match &error.reason {
            RowProblem::Duplicate { key, first_line }
            | RowProblem::ConflictingAddress { key, first_line } => {
                row.key = Some(key_name(*key));
                row.first_line = Some(*first_line);
            }
            RowProblem::UnterminatedQuote { quote_line } => row.quote_line = Some(*quote_line),
            RowProblem::RowTooLong { limit } => row.limit = Some(*limit),
            RowProblem::AmbiguousDuplicate {
                email_line,
                mobile_line,
            } => {
                row.email_line = Some(*email_line);
                row.mobile_line = Some(*mobile_line);
            }
            RowProblem::FieldCount { expected, found } => {
                row.expected = Some(*expected);
                row.found = Some(*found);
            }
            RowProblem::Contact(contact_error) => {
                let details = PyDict::new(py);
                contact_fields(&details, contact_error)?;
                row.details = Some(details.unbind());
            }
            _ => {}
        }
        Ok(row)
    }
}

#[pymethods]
impl RowError {
    fn __str__(&self) -> &str {
        &self.message
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "RowError",
            &[
                ("line", self.line.into_pyobject(py)?.into_any()),
                ("column", self.column.clone().into_pyobject(py)?),
                ("value", self.value.clone().into_pyobject(py)?.into_any()),
                ("code", self.code.into_pyobject(py)?.into_any()),
            ],
        )
    }
}

fn key_name(key: DuplicateKey) -> &'static str {
    match key {
        DuplicateKey::Email => "email",
        DuplicateKey::Mobile => "mobile",
    }
}

fn policy_name(policy: DuplicatePolicy) -> &'static str {
    match policy {
        DuplicatePolicy::KeepFirst => "keep_first",
        DuplicatePolicy::KeepLast => "keep_last",
        DuplicatePolicy::MergeNonEmpty => "merge_non_empty",
        DuplicatePolicy::Report => "report",
    }
}

/// A duplicate row the report resolved: its `line`, the `first_line` of the contact, the `key`
/// (`"email"` or `"mobile"`), the `column` that matched and the row's `value` in it, and the
/// `resolution` (`"keep_first"`, `"keep_last"`, `"merge_non_empty"`).
#[pyclass(module = "envoi.contacts", frozen, get_all, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DuplicateRow {
    /// The later row's line.
    line: u64,
    /// The line of the contact's earlier row.
    first_line: u64,
    /// What made them the same: `"email"` or `"mobile"`.
    key: &'static str,
    /// The header of the column that matched.
    column: String,
    /// The later row's value in that column, as written.
    value: String,
    /// What was done.
    resolution: &'static str,
}

#[pymethods]
impl DuplicateRow {
    fn __repr__(&self) -> String {
        format!(
            "DuplicateRow(line={}, first_line={}, key={:?}, column={:?}, value={:?}, resolution={:?})",
            self.line, self.first_line, self.key, self.column, self.value, self.resolution
        )
    }
}

/// How many data rows became what; the parts add up to `rows` (`accounted()`).
#[pyclass(module = "envoi.contacts", frozen, get_all, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ImportCounts {
    /// Data rows read (blank ones included; a quoted multi-line row counts once).
    rows: u64,
    /// New contacts.
    imported: u64,
    /// Rows that replaced an earlier contact (`"keep_last"`).
    replaced: u64,
    /// Rows merged into an earlier contact (`"merge_non_empty"`).
    merged: u64,
    /// Duplicate rows skipped (`"keep_first"`).
    duplicates_skipped: u64,
    /// Duplicate rows reported as errors (`"report"`).
    duplicates_reported: u64,
    /// Rows rejected for another reason.
    rejected: u64,
    /// Blank lines and rows whose fields are all empty.
    blank: u64,
}

impl From<CoreCounts> for ImportCounts {
    fn from(counts: CoreCounts) -> Self {
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

#[pymethods]
impl ImportCounts {
    /// The sum of every outcome: equals `rows`.
    fn accounted(&self) -> u64 {
        let counts = CoreCounts {
            rows: self.rows,
            imported: self.imported,
            replaced: self.replaced,
            merged: self.merged,
            duplicates_skipped: self.duplicates_skipped,
            duplicates_reported: self.duplicates_reported,
            rejected: self.rejected,
            blank: self.blank,
        };
        counts.accounted()
    }

    fn __repr__(&self) -> String {
        format!(
            "ImportCounts(rows={}, imported={}, replaced={}, merged={}, duplicates_skipped={}, \
             duplicates_reported={}, rejected={}, blank={})",
            self.rows,
            self.imported,
            self.replaced,
            self.merged,
            self.duplicates_skipped,
            self.duplicates_reported,
            self.rejected,
            self.blank
        )
    }
}

/// A column of the file: its `header` (trimmed), its `target` and whether the target was
/// `guessed` from the header (False: the mapping gave it).
#[pyclass(module = "envoi.contacts", frozen, get_all, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// The header text as in the file.
    header: String,
    /// What the column becomes.
    target: ColumnTarget,
    /// True when guessed from the header.
    guessed: bool,
}

impl From<&envoi::contacts::import::Column> for Column {
    fn from(column: &envoi::contacts::import::Column) -> Self {
        Column {
            header: column.header.clone(),
            target: ColumnTarget(column.target.clone()),
            guessed: column.guessed,
        }
    }
}

#[pymethods]
impl Column {
    fn __repr__(&self) -> String {
        format!(
            "Column(header={:?}, target={}, guessed={})",
            self.header,
            self.target.__repr__(),
            if self.guessed { "True" } else { "False" }
        )
    }
}

/// The encoding's WHATWG name and whether a UTF-8 byte-order mark was there.
fn encoding_parts(encoding: SourceEncoding) -> (&'static str, bool) {
    (
        encoding.name(),
        matches!(encoding, SourceEncoding::Utf8 { bom: true }),
    )
}

/// A whole import: the `contacts` (replacements and merges applied, in the order of their first
/// row), the row `errors`, the `duplicates` resolved, the `counts`, the `columns`, the `encoding`
/// (`"UTF-8"`, `"windows-1252"`, `"UTF-16LE"`, `"UTF-16BE"`; `bom`) and the `delimiter`.
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct ImportReport {
    /// The contacts.
    contacts: Py<PyList>,
    /// Every problem of every rejected row, in file order.
    errors: Py<PyList>,
    /// The duplicate rows skipped, replaced or merged.
    duplicates: Vec<DuplicateRow>,
    /// The counts.
    counts: ImportCounts,
    /// The columns and what they became.
    columns: Vec<Column>,
    /// The encoding the file was read in (WHATWG name).
    encoding: &'static str,
    /// Whether the file started with a UTF-8 byte-order mark.
    bom: bool,
    /// The delimiter, given or sniffed.
    delimiter: char,
}

impl ImportReport {
    fn of(py: Python<'_>, report: envoi::contacts::import::ImportReport) -> PyResult<Self> {
        let (encoding, bom) = encoding_parts(report.encoding);
        let contacts = PyList::empty(py);
        for contact in report.contacts {
            contacts.append(Py::new(py, Contact::from_core(contact))?)?;
        }
        let errors = PyList::empty(py);
        for error in &report.errors {
            errors.append(RowError::of(py, error)?)?;
        }
        Ok(ImportReport {
            contacts: contacts.unbind(),
            errors: errors.unbind(),
            duplicates: report
                .duplicates
                .iter()
                .map(|row| DuplicateRow {
                    line: row.line,
                    first_line: row.first_line,
                    key: key_name(row.key),
                    column: row.column.clone(),
                    value: row.value.clone(),
                    resolution: policy_name(row.resolution),
                })
                .collect(),
            counts: report.counts.into(),
            columns: report.columns.iter().map(Column::from).collect(),
            encoding,
            bom,
            delimiter: report.delimiter,
        })
    }
}

#[pymethods]
impl ImportReport {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ImportReport(contacts=<{} contacts>, errors=<{} errors>, counts={}, encoding={:?}, delimiter={:?})",
            self.contacts.bind(py).len(),
            self.errors.bind(py).len(),
            self.counts.__repr__(),
            self.encoding,
            self.delimiter
        ))
    }
}

/// Imports a whole CSV: `source` is the file's bytes or a path. Every row is imported or reported;
/// the report holds every contact (use `ContactImporter` for files too large for that). The
/// contacts it creates get `sms_option.new_contact_preferences()` (the account's
/// `AccountSmsOption`; none: email on, SMS off).
///
/// Raises `envoi.ContactImportError` for what stops the import: `contacts.import.no_header`,
/// `no_address_column` (`headers`), `duplicate_column` (`target`, `first`, `first_position`,
/// `second`, `second_position`), `unknown_mapping_column` (`column`, `headers`), `unknown_field`
/// (`value`), `invalid_delimiter` (`value`), `malformed_text` (`detail`), `unterminated_quote`
/// (`quote_line`: the header opens a quote it never closes), `row_too_long` (`limit`: the header
/// line is longer), `read_failed` (`detail`: the reader's message); `envoi.ContactError`
/// (`contacts.unknown_region`); `OSError` when the path cannot be opened.
#[pyfunction]
#[pyo3(signature = (source, *, default_region = "BE", mapping = None, duplicates = "report", delimiter = None, sms_option = None))]
pub fn import_csv(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    default_region: &str,
    mapping: Option<&Bound<'_, PyDict>>,
    duplicates: &str,
    delimiter: Option<char>,
    sms_option: Option<PyRef<'_, super::AccountSmsOption>>,
) -> PyResult<ImportReport> {
    guard(py, || {
        let options = options_arg(
            py,
            default_region,
            mapping,
            duplicates,
            delimiter,
            sms_option,
        )?;
        let report = if let Ok(bytes) = source.cast::<PyBytes>() {
            // No copy: the bytes are immutable and stay alive for the call.
            let data = bytes.as_bytes();
            py.detach(|| envoi::contacts::import::import_contacts(data, &options))
        } else {
            let reader = source_arg(source)?;
            py.detach(|| envoi::contacts::import::import_contacts(reader, &options))
        };
        let report = report.map_err(|error| import_err(py, error))?;
        ImportReport::of(py, report)
    })
}

// ---- Streaming -----------------------------------------------------------------------------------

/// What became of one row (or blank line), in file order: `kind` is `"imported"`, `"replaced"`
/// (`"keep_last"`: `contact` replaces the one at `index`), `"merged"` (`"merge_non_empty"`:
/// `contact` is the row's update of the one at `index`, apply it with `merge_non_empty`),
/// `"duplicate_skipped"` (`"keep_first"`), `"rejected"` (`errors`) or `"blank"`. A replaced,
/// merged or skipped row names the earlier row (`first_line`), the `key` and the `column` that
/// matched, and its own `value` there as written.
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct RowOutcome {
    /// What became of the row.
    kind: &'static str,
    /// The line the row starts on.
    line: u64,
    /// The position of the contact among the import's contacts (from 0): the new one, the one
    /// replaced, updated or duplicated; None for rejected and blank rows.
    index: Option<usize>,
    /// The contact (imported, replaced) or the row's update (merged); else None.
    contact: Option<Py<Contact>>,
    /// The line of the earlier row (replaced, merged, duplicate_skipped).
    first_line: Option<u64>,
    /// What made them the same, `"email"` or `"mobile"` (replaced, merged, duplicate_skipped).
    key: Option<&'static str>,
    /// The header of the column that matched (replaced, merged, duplicate_skipped).
    column: Option<String>,
    /// The row's value in that column, as written (replaced, merged, duplicate_skipped).
    value: Option<String>,
    /// The problems of a rejected row (at least one), else empty.
    errors: Vec<Py<RowError>>,
}

impl RowOutcome {
    fn of(py: Python<'_>, outcome: CoreOutcome) -> PyResult<Self> {
        let mut built = RowOutcome {
            kind: "blank",
            line: outcome.line(),
            index: None,
            contact: None,
            first_line: None,
            key: None,
            column: None,
            value: None,
            errors: Vec::new(),
        };
        match outcome {
            CoreOutcome::Imported { index, contact, .. } => {
                built.kind = "imported";
                built.index = Some(index);
                built.contact = Some(Py::new(py, Contact::from_core(contact))?);
            }
            CoreOutcome::Replaced {
                index,
                replaced_line,
                key,
                column,
                value,
                contact,
                ..
            } => {
                built.kind = "replaced";
                built.index = Some(index);
                built.first_line = Some(replaced_line);
                built.key = Some(key_name(key));
                built.column = Some(column);
                built.value = Some(value);
                built.contact = Some(Py::new(py, Contact::from_core(contact))?);
            }
            CoreOutcome::Merged {
                index,
                first_line,
                key,
                column,
                value,
                update,
                ..
            } => {
                built.kind = "merged";
                built.index = Some(index);
                built.first_line = Some(first_line);
                built.key = Some(key_name(key));
                built.column = Some(column);
                built.value = Some(value);
                built.contact = Some(Py::new(py, Contact::from_core(update))?);
            }
            CoreOutcome::DuplicateSkipped {
                index,
                first_line,
                key,
                column,
                value,
                ..
            } => {
                built.kind = "duplicate_skipped";
                built.index = Some(index);
                built.first_line = Some(first_line);
                built.key = Some(key_name(key));
                built.column = Some(column);
                built.value = Some(value);
            }
            CoreOutcome::Rejected { errors, .. } => {
                built.kind = "rejected";
                built.errors = errors
                    .iter()
                    .map(|error| Py::new(py, RowError::of(py, error)?))
                    .collect::<PyResult<_>>()?;
            }
            CoreOutcome::Blank { .. } => {}
        }
        Ok(built)
    }
}

#[pymethods]
impl RowOutcome {
    fn __repr__(&self) -> String {
        format!(
            "RowOutcome(kind={:?}, line={}, index={})",
            self.kind,
            self.line,
            self.index
                .map_or_else(|| "None".to_owned(), |index| index.to_string())
        )
    }
}

type Importer = CoreImporter<Box<dyn Read + Send>>;

/// The chunked import: reads the header when made (raising what `import_csv` raises), then, as an
/// iterator, gives lists of up to `chunk_size` `RowOutcome`s in file order (blank lines included)
/// until the file ends, keeping only the duplicate index in memory. `next_chunk(n)` reads up to
/// `n`; `counts` counts the rows given so far. A failure while reading (`read_failed`,
/// `malformed_text`) raises `envoi.ContactImportError` and ends the import.
#[pyclass(module = "envoi.contacts", frozen)]
pub struct ContactImporter {
    importer: Shared<Option<Importer>>,
    chunk_size: usize,
}

#[pymethods]
impl ContactImporter {
    /// Opens `source` (the file's bytes or a path) with `import_csv`'s options.
    #[new]
    #[pyo3(signature = (source, *, default_region = "BE", mapping = None, duplicates = "report", delimiter = None, sms_option = None, chunk_size = WideInt(1000)))]
    #[pyo3(
        text_signature = "(source, *, default_region='BE', mapping=None, duplicates='report', delimiter=None, sms_option=None, chunk_size=1000)"
    )]
    // The keyword arguments of Python's constructor, one per option.
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        default_region: &str,
        mapping: Option<&Bound<'_, PyDict>>,
        duplicates: &str,
        delimiter: Option<char>,
        sms_option: Option<PyRef<'_, super::AccountSmsOption>>,
        chunk_size: WideInt,
    ) -> PyResult<Self> {
        guard(py, || {
            let chunk_size = chunk_arg(chunk_size, "chunk_size")?;
            let options = options_arg(
                py,
                default_region,
                mapping,
                duplicates,
                delimiter,
                sms_option,
            )?;
            let reader = source_arg(source)?;
            let importer = py
                .detach(|| CoreImporter::new(reader, &options))
                .map_err(|error| import_err(py, error))?;
            Ok(ContactImporter {
                importer: Shared::new(Some(importer), "ContactImporter"),
                chunk_size,
            })
        })
    }

    /// The columns and what they become.
    #[getter]
    fn columns(&self, py: Python<'_>) -> PyResult<Vec<Column>> {
        self.read(py, |importer| {
            importer.columns().iter().map(Column::from).collect()
        })
    }

    /// The delimiter, given or sniffed.
    #[getter]
    fn delimiter(&self, py: Python<'_>) -> PyResult<char> {
        self.read(py, Importer::delimiter)
    }

    /// The encoding's WHATWG name (decided at the first non-ASCII byte: `"UTF-8"` until then).
    #[getter]
    fn encoding(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.read(py, |importer| encoding_parts(importer.encoding()).0)
    }

    /// Whether the file started with a UTF-8 byte-order mark.
    #[getter]
    fn bom(&self, py: Python<'_>) -> PyResult<bool> {
        self.read(py, |importer| encoding_parts(importer.encoding()).1)
    }

    /// The counts of the rows given so far.
    #[getter]
    fn counts(&self, py: Python<'_>) -> PyResult<ImportCounts> {
        self.read(py, |importer| importer.counts().into())
    }

    /// Up to `size` outcomes; fewer at the end of the file, an empty list after it.
    fn next_chunk(&self, py: Python<'_>, size: WideInt) -> PyResult<Vec<RowOutcome>> {
        guard(py, || {
            let size = chunk_arg(size, "size")?;
            self.chunk(py, size)
        })
    }

    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Vec<RowOutcome>> {
        guard(py, || {
            let chunk = self.chunk(py, self.chunk_size)?;
            if chunk.is_empty() {
                return Err(PyStopIteration::new_err(()));
            }
            Ok(chunk)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let counts = self.counts(py)?;
        Ok(format!(
            "ContactImporter(chunk_size={}, counts={})",
            self.chunk_size,
            counts.__repr__()
        ))
    }
}

impl ContactImporter {
    fn read<R>(&self, py: Python<'_>, read: impl FnOnce(&Importer) -> R) -> PyResult<R> {
        let guard = self.importer.lock(py)?;
        match guard.as_ref() {
            Some(importer) => Ok(read(importer)),
            None => Err(PyValueError::new_err(
                "ContactImporter: the import failed earlier; open the source again",
            )),
        }
    }

    /// Up to `size` outcomes, read with the interpreter released.
    fn chunk(&self, py: Python<'_>, size: usize) -> PyResult<Vec<RowOutcome>> {
        let read = self.importer.detached(py, |importer| {
            importer.as_mut().map(|importer| {
                let chunk = importer.next_chunk(size);
                (chunk, importer.counts())
            })
        })?;
        match read {
            None => Ok(Vec::new()),
            Some((Ok(outcomes), _)) => outcomes
                .into_iter()
                .map(|outcome| RowOutcome::of(py, outcome))
                .collect(),
            Some((Err(error), _)) => {
                // The core's iteration ends at a fatal error: so does this one.
                *self.importer.lock(py)? = None;
                Err(import_err(py, error))
            }
        }
    }
}

/// A chunk size: 1 or more.
fn chunk_arg(value: WideInt, field: &str) -> PyResult<usize> {
    match usize::try_from(value.0) {
        Ok(size) if size > 0 => Ok(size),
        _ => Err(PyValueError::new_err(format!(
            "{field}: {} is not a chunk size; give 1 or more",
            value.0
        ))),
    }
}

/// Merges a later row into a contact (`"merge_non_empty"`), in place: every non-empty field of
/// `update` overwrites the contact's; the contact keeps the fields `update` leaves empty.
#[pyfunction]
pub fn merge_non_empty(
    py: Python<'_>,
    contact: &Bound<'_, Contact>,
    update: &Bound<'_, Contact>,
) -> PyResult<()> {
    guard(py, || {
        let update = super::contact_of(py, update)?;
        let mut contact = contact.get().0.lock(py)?;
        envoi::contacts::import::merge_non_empty(&mut contact, update);
        Ok(())
    })
}

/// Registers the import's classes and functions in `envoi.contacts`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("MAX_ROW_BYTES", envoi::contacts::import::MAX_ROW_BYTES)?;
    module.add_class::<ColumnTarget>()?;
    module.add_class::<Column>()?;
    module.add_class::<RowError>()?;
    module.add_class::<DuplicateRow>()?;
    module.add_class::<ImportCounts>()?;
    module.add_class::<ImportReport>()?;
    module.add_class::<RowOutcome>()?;
    module.add_class::<ContactImporter>()?;
    module.add_function(wrap_pyfunction!(import_csv, module)?)?;
    module.add_function(wrap_pyfunction!(merge_non_empty, module)?)?;
    Ok(())
}
