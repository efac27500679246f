//! `contacts.importCsv` and `contacts.CsvImporter`: the Node face of `envoi::contacts::import`
//! (the streaming CSV import of contacts), whole or chunk by chunk.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Cursor, Read};

use envoi::contacts::import::{
    Column, ColumnTarget, ContactField, ContactImporter, DuplicatePolicy, DuplicateRow,
    ImportCounts as CoreCounts, ImportError, ImportOptions, ImportReport, RowOutcome,
};
use napi::bindgen_prelude::{JavaScriptClassExt, Object, Unknown};
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use super::consent::sms_option_arg;
use super::contact::Contact;
use super::error::row_error_to_js;
use super::phone::region_arg;
use crate::args::{
    count_arg, napi_error, number_value, option_field, options_object, record_arg, required_field,
    string_arg, type_name, type_of,
};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::js::{Js, Raw};

/// Options of {@link importCsv} and of the {@link CsvImporter} constructor. Every field is
/// optional; `null` is the same as absent; an unknown name throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts"
)]
pub struct ImportCsvOptions {
    /// The region of numbers written without a country code (`'0475 12 34 56'`), an ISO 3166
    /// alpha-2 code; default `'BE'`.
    #[napi(ts_type = "string | null")]
    pub default_region: Option<String>,
    /// Column header (as in the file, trimmed) → what it becomes, overriding the guess: a field
    /// name (`'first_name'`, `'last_name'`, `'email'`, `'mobile'`, `'language'`, `'time_zone'`;
    /// `contacts.import.unknown_field` otherwise), `{ custom: 'name' }` (a custom field) or `null`
    /// (not imported).
    #[napi(
        ts_type = "Record<string, 'first_name' | 'last_name' | 'email' | 'mobile' | 'language' | 'time_zone' | { custom: string } | null> | null"
    )]
    pub mapping: Option<String>,
    /// What a row that is the same contact as an earlier one (same email without regard to case,
    /// or same mobile) does: `'keep_first'`, `'keep_last'`, `'merge_non_empty'` or `'report'`
    /// (default: a row error `contacts.import.duplicate`; nothing is decided for the user).
    #[napi(ts_type = "'keep_first' | 'keep_last' | 'merge_non_empty' | 'report' | null")]
    pub duplicates: Option<String>,
    /// The delimiter, one character (`','`, `';'`, `'\t'`); default: sniffed from the header line.
    #[napi(ts_type = "string | null")]
    pub delimiter: Option<String>,
    /// The account's SMS option ({@link AccountSmsOption} or `{ enabled, changedAt? }`): every
    /// contact the import creates gets its {@link AccountSmsOption.newContactPreferences} (SMS on
    /// exactly when the option is). Default: off, so email on, SMS off.
    #[napi(
        ts_type = "AccountSmsOption | { enabled: boolean, changedAt?: Date | string | null } | null"
    )]
    pub sms_option: Option<String>,
}

/// The names of {@link ImportCsvOptions}.
const IMPORT_OPTIONS: [&str; 5] = [
    "defaultRegion",
    "mapping",
    "duplicates",
    "delimiter",
    "smsOption",
];

/// A contact field a column can fill.
#[allow(dead_code, reason = "the type of index.d.ts")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    use_nullable = true
)]
pub struct ImportColumn {
    /// The header text as in the file (trimmed).
    pub header: String,
    /// What the column became: a field name, `{ custom: name }` or `null` (not imported).
    #[napi(
        ts_type = "'first_name' | 'last_name' | 'email' | 'mobile' | 'language' | 'time_zone' | { custom: string } | null"
    )]
    pub target: Option<String>,
    /// `true` when guessed from the header, `false` when the mapping gave it.
    pub guessed: bool,
}

/// How many data rows (every line after the header, blank or not; a quoted multi-line row counts
/// once) became what. The parts add up to `rows`.
#[napi(object, object_from_js = false, namespace = "contacts")]
pub struct ImportCounts {
    /// Data rows read.
    pub rows: f64,
    /// New contacts.
    pub imported: f64,
    /// Rows that replaced an earlier contact (`'keep_last'`).
    pub replaced: f64,
    /// Rows merged into an earlier contact (`'merge_non_empty'`).
    pub merged: f64,
    /// Duplicate rows skipped (`'keep_first'`).
    pub duplicates_skipped: f64,
    /// Duplicate rows reported as errors (`'report'`).
    pub duplicates_reported: f64,
    /// Rows rejected for another reason.
    pub rejected: f64,
    /// Blank lines and rows whose fields are all empty.
    pub blank: f64,
}

/// A count as a JS number (exact: rows stay far below 2^53).
#[allow(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
fn count(value: u64) -> f64 {
    value as f64
}

impl ImportCounts {
    fn from_core(counts: CoreCounts) -> Self {
        ImportCounts {
            rows: count(counts.rows),
            imported: count(counts.imported),
            replaced: count(counts.replaced),
            merged: count(counts.merged),
            duplicates_skipped: count(counts.duplicates_skipped),
            duplicates_reported: count(counts.duplicates_reported),
            rejected: count(counts.rejected),
            blank: count(counts.blank),
        }
    }
}

/// A row that was not imported, or one of its problems.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    js_name = "RowError",
    use_nullable = true
)]
pub struct JsRowError {
    /// The line where the row starts, counting from 1 (the header is line 1 unless blank lines
    /// precede it).
    pub line: f64,
    /// The header of the column at fault; `null` when the row as a whole is (field count, no
    /// address, duplicates).
    pub column: Option<String>,
    /// The value at fault as read (at most 200 characters); for a whole-row problem, the row's
    /// fields joined by the delimiter.
    pub value: String,
    /// The problem's code: `'contacts.invalid_phone'`, `'contacts.invalid_email'`,
    /// `'contacts.import.field_count'`, `'contacts.import.invalid_text'`,
    /// `'contacts.import.unknown_language'`, `'contacts.import.unknown_time_zone'`,
    /// `'contacts.import.no_address'`, `'contacts.import.duplicate'`,
    /// `'contacts.import.ambiguous_duplicate'`, `'contacts.import.conflicting_email'`,
    /// `'contacts.import.conflicting_mobile'`, `'contacts.import.unterminated_quote'`,
    /// `'contacts.import.row_too_long'`…
    pub code: String,
    /// The whole message: `'line 4, column "GSM": phone number "0476 12": …'`.
    pub message: String,
    /// The problem's message alone.
    pub reason: String,
    /// The problem as an `Error` (not thrown) with `code`, `message` (the reason) and its fields:
    /// `firstLine` and `key` for a duplicate or a conflicting address (`key`: the address that
    /// differs), `quoteLine` (the line where the unclosed quote opened) for an unterminated quote,
    /// `limit` (bytes) for a row too long, `problem` for a phone…
    #[napi(ts_type = "Error & Record<string, unknown>")]
    pub error: String,
}

/// A duplicate row the import resolved (skipped, replaced or merged), for the user to review.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    js_name = "DuplicateRow"
)]
pub struct JsDuplicateRow {
    /// The later row's line.
    pub line: f64,
    /// The line of the contact's earlier row.
    pub first_line: f64,
    /// What made them the same: `'email'` or `'mobile'`.
    #[napi(ts_type = "'email' | 'mobile'")]
    pub key: String,
    /// The header of the column that matched (the email or the mobile column).
    pub column: String,
    /// The later row's value in that column, as written (at most 200 characters).
    pub value: String,
    /// What was done: `'keep_first'`, `'keep_last'` or `'merge_non_empty'`.
    #[napi(ts_type = "'keep_first' | 'keep_last' | 'merge_non_empty'")]
    pub resolution: String,
}

/// A whole import ({@link importCsv}).
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    js_name = "ImportReport"
)]
pub struct JsImportReport {
    /// The contacts, in the order of their first row, replacements and merges applied.
    #[napi(ts_type = "Contact[]")]
    pub contacts: Vec<String>,
    /// Every problem of every rejected row, in file order.
    #[napi(ts_type = "RowError[]")]
    pub errors: Vec<String>,
    /// The duplicate rows skipped, replaced or merged.
    #[napi(ts_type = "DuplicateRow[]")]
    pub duplicates: Vec<String>,
    /// The counts.
    #[napi(ts_type = "ImportCounts")]
    pub counts: String,
    /// The columns and what they became.
    #[napi(ts_type = "ImportColumn[]")]
    pub columns: Vec<String>,
    /// The encoding the file was read in: `'UTF-8'`, `'windows-1252'`, `'UTF-16LE'` or
    /// `'UTF-16BE'`.
    #[napi(ts_type = "'UTF-8' | 'windows-1252' | 'UTF-16LE' | 'UTF-16BE'")]
    pub encoding: String,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The delimiter, given or sniffed.
    pub delimiter: String,
}

/// What became of one row (or one blank line), in file order: `kind` says which, and which other
/// fields it has.
#[allow(dead_code, reason = "the type of index.d.ts; built field by field")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "contacts",
    js_name = "RowOutcome"
)]
pub struct JsRowOutcome {
    /// `'imported'` (a new contact, `index` and `contact`), `'replaced'` (`'keep_last'`: `contact`
    /// replaces the one at `index`; `replacedLine`, `key`, `column`, `value`), `'merged'`
    /// (`'merge_non_empty'`: apply `update` to the contact at `index` with
    /// {@link Contact.mergeNonEmpty}; `firstLine`, `key`, `column`, `value`),
    /// `'duplicate_skipped'` (`'keep_first'`: `index`, `firstLine`, `key`, `column`, `value`),
    /// `'rejected'` (`errors`) or `'blank'`.
    #[napi(
        ts_type = "'imported' | 'replaced' | 'merged' | 'duplicate_skipped' | 'rejected' | 'blank'"
    )]
    pub kind: String,
    /// The row's line.
    pub line: f64,
    /// The position of the contact concerned among the import's contacts (from 0).
    pub index: Option<f64>,
    /// The contact (`'imported'`, `'replaced'`).
    #[napi(ts_type = "Contact")]
    pub contact: Option<String>,
    /// The row read as a contact, to merge (`'merged'`).
    #[napi(ts_type = "Contact")]
    pub update: Option<String>,
    /// The line of the earlier row (`'merged'`, `'duplicate_skipped'`).
    pub first_line: Option<f64>,
    /// The line of the row replaced (`'replaced'`).
    pub replaced_line: Option<f64>,
    /// What made the rows the same (`'replaced'`, `'merged'`, `'duplicate_skipped'`).
    #[napi(ts_type = "'email' | 'mobile'")]
    pub key: Option<String>,
    /// The header of the column that matched, the email or the mobile column (`'replaced'`,
    /// `'merged'`, `'duplicate_skipped'`).
    pub column: Option<String>,
    /// This row's value in that column, as written, at most 200 characters (`'replaced'`,
    /// `'merged'`, `'duplicate_skipped'`).
    pub value: Option<String>,
    /// The problems, at least one (`'rejected'`).
    #[napi(ts_type = "RowError[]")]
    pub errors: Option<Vec<String>>,
}

/// The source of an import: its bytes (a `Buffer` or `Uint8Array`, copied) or a file path (read
/// as the import goes, so a large file never sits in memory).
fn source_arg(env: Env, value: &Unknown<'_>) -> Result<Box<dyn Read>, JsError> {
    if type_of("source", value)? == ValueType::String {
        let path = string_arg("source", value)?;
        let file = File::open(&path).map_err(|error| {
            envoi_error(
                env,
                ImportError::ReadFailed {
                    message: format!("{path}: {error}"),
                },
            )
        })?;
        return Ok(Box::new(file));
    }
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    match js.uint8_bytes(value.raw()).map_err(napi_error)? {
        Some(bytes) => Ok(Box::new(Cursor::new(bytes))),
        None => Err(invalid_arg(format!(
            "source: expected the file's bytes (a Buffer or Uint8Array) or its path (a string), got {}",
            match type_of("source", value)? {
                ValueType::Object => "an object that is not a Uint8Array".to_owned(),
                kind => format!("a value of type {}", type_name(kind)),
            }
        ))),
    }
}

/// The names of the duplicate policies, in the core's order.
fn policy_name(policy: DuplicatePolicy) -> &'static str {
    match policy {
        DuplicatePolicy::KeepFirst => "keep_first",
        DuplicatePolicy::KeepLast => "keep_last",
        DuplicatePolicy::MergeNonEmpty => "merge_non_empty",
        DuplicatePolicy::Report => "report",
    }
}

const POLICIES: [DuplicatePolicy; 4] = [
    DuplicatePolicy::KeepFirst,
    DuplicatePolicy::KeepLast,
    DuplicatePolicy::MergeNonEmpty,
    DuplicatePolicy::Report,
];

/// The import options ({@link ImportCsvOptions}).
fn options_arg(env: Env, value: Option<&Unknown<'_>>) -> Result<ImportOptions, JsError> {
    let mut options = ImportOptions::default();
    let Some(object) = options_object(
        value,
        &IMPORT_OPTIONS,
        "{ defaultRegion: 'BE', duplicates: 'keep_first', mapping: { GSM: 'mobile' } }",
    )?
    else {
        return Ok(options);
    };
    if let Some(region) = option_field(&object, "defaultRegion")? {
        options.default_region = region_arg(env, Some(&region))?;
    }
    if let Some(mapping) = option_field(&object, "mapping")? {
        options.mapping = mapping_arg(env, &mapping)?;
    }
    if let Some(policy) = option_field(&object, "duplicates")? {
        let name = string_arg("duplicates", &policy)?;
        options.duplicates = POLICIES
            .into_iter()
            .find(|policy| policy_name(*policy) == name)
            .ok_or_else(|| {
                invalid_arg(format!(
                    "duplicates: unknown value {name:?}; expected one of 'keep_first', 'keep_last', 'merge_non_empty', 'report'"
                ))
            })?;
    }
    if let Some(sms_option) = option_field(&object, "smsOption")? {
        options.sms_option = sms_option_arg("smsOption", &sms_option)?;
    }
    if let Some(delimiter) = option_field(&object, "delimiter")? {
        let text = string_arg("delimiter", &delimiter)?;
        let mut characters = text.chars();
        options.delimiter = match (characters.next(), characters.next()) {
            (Some(character), None) => Some(character),
            _ => {
                return Err(invalid_arg(format!(
                    "delimiter: expected one character such as ';' or '\\t', got {text:?}"
                )));
            }
        };
    }
    Ok(options)
}

/// The mapping option: header → field name, `{ custom: name }` or `null`.
fn mapping_arg(env: Env, value: &Unknown<'_>) -> Result<BTreeMap<String, ColumnTarget>, JsError> {
    if type_of("mapping", value)? != ValueType::Object || value.is_array().unwrap_or(false) {
        return Err(invalid_arg(
            "mapping: expected an object such as { GSM: 'mobile', Remarque: null, Ville: { custom: 'city' } }",
        ));
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    let object = unsafe { value.cast::<Object<'_>>() }.map_err(napi_error)?;
    let mut mapping = BTreeMap::new();
    for header in Object::keys(&object).map_err(napi_error)? {
        let name = format!("mapping[{header:?}]");
        let target = object.get::<Unknown<'_>>(&header).map_err(napi_error)?;
        let target = match target {
            None => ColumnTarget::Ignore,
            Some(target) => match type_of(&name, &target)? {
                ValueType::Null | ValueType::Undefined => ColumnTarget::Ignore,
                ValueType::String => ColumnTarget::Field(
                    string_arg(&name, &target)?
                        .parse::<ContactField>()
                        .map_err(|error| envoi_error(env, error))?,
                ),
                _ => {
                    let custom = record_arg(&name, &target, &["custom"], "{ custom: 'city' }")?;
                    ColumnTarget::Custom(string_arg(
                        &format!("{name}.custom"),
                        &required_field(&custom, &name, "custom")?,
                    )?)
                }
            },
        };
        mapping.insert(header, target);
    }
    Ok(mapping)
}

/// A column as a plain object ({@link ImportColumn}).
fn column_to_js(js: Js, column: &Column) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    js.set_named(object, c"header", js.str(&column.header)?)?;
    let target = match &column.target {
        ColumnTarget::Field(field) => js.str(field.name())?,
        ColumnTarget::Custom(name) => {
            let custom = js.object()?;
            js.set_named(custom, c"custom", js.str(name)?)?;
            custom
        }
        // `Ignore`, and a target added to the core later.
        _ => js.null()?,
    };
    js.set_named(object, c"target", target)?;
    js.set_named(object, c"guessed", js.bool(column.guessed)?)?;
    Ok(object)
}

fn columns_to_js(js: Js, columns: &[Column]) -> napi::Result<sys::napi_value> {
    js.array(columns.iter().map(|column| column_to_js(js, column)))
}

fn contact_to_js(env: Env, contact: envoi::contacts::Contact) -> napi::Result<sys::napi_value> {
    Ok(Contact { inner: contact }.into_instance(&env)?.raw())
}

/// A JS number of a line or an index.
#[allow(
    clippy::cast_precision_loss,
    reason = "lines and indexes stay far below 2^53"
)]
fn number(js: Js, value: u64) -> napi::Result<sys::napi_value> {
    js.f64(value as f64)
}

/// An outcome as a plain object ({@link RowOutcome}).
fn outcome_to_js(env: Env, js: Js, outcome: RowOutcome) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    let set = |name, value| js.set_named(object, name, value);
    let kind = |name: &str| js.str(name);
    match outcome {
        RowOutcome::Imported {
            line,
            index,
            contact,
            ..
        } => {
            set(c"kind", kind("imported")?)?;
            set(c"line", number(js, line)?)?;
            set(c"index", number(js, index as u64)?)?;
            set(c"contact", contact_to_js(env, contact)?)?;
        }
        RowOutcome::Replaced {
            line,
            index,
            replaced_line,
            key,
            column,
            value,
            contact,
        } => {
            set(c"kind", kind("replaced")?)?;
            set(c"line", number(js, line)?)?;
            set(c"index", number(js, index as u64)?)?;
            set(c"replacedLine", number(js, replaced_line)?)?;
            set(c"key", js.str(&key.to_string())?)?;
            set(c"column", js.str(&column)?)?;
            set(c"value", js.str(&value)?)?;
            set(c"contact", contact_to_js(env, contact)?)?;
        }
        RowOutcome::Merged {
            line,
            index,
            first_line,
            key,
            column,
            value,
            update,
        } => {
            set(c"kind", kind("merged")?)?;
            set(c"line", number(js, line)?)?;
            set(c"index", number(js, index as u64)?)?;
            set(c"firstLine", number(js, first_line)?)?;
            set(c"key", js.str(&key.to_string())?)?;
            set(c"column", js.str(&column)?)?;
            set(c"value", js.str(&value)?)?;
            set(c"update", contact_to_js(env, update)?)?;
        }
        RowOutcome::DuplicateSkipped {
            line,
            index,
            first_line,
            key,
            column,
            value,
        } => {
            set(c"kind", kind("duplicate_skipped")?)?;
            set(c"line", number(js, line)?)?;
            set(c"index", number(js, index as u64)?)?;
            set(c"firstLine", number(js, first_line)?)?;
            set(c"key", js.str(&key.to_string())?)?;
            set(c"column", js.str(&column)?)?;
            set(c"value", js.str(&value)?)?;
        }
        RowOutcome::Rejected { line, errors, .. } => {
            set(c"kind", kind("rejected")?)?;
            set(c"line", number(js, line)?)?;
            set(
                c"errors",
                js.array(errors.iter().map(|error| row_error_to_js(js, error)))?,
            )?;
        }
        RowOutcome::Blank { line, .. } => {
            set(c"kind", kind("blank")?)?;
            set(c"line", number(js, line)?)?;
        }
    }
    Ok(object)
}

fn duplicate_to_js(js: Js, row: &DuplicateRow) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    js.set_named(object, c"line", number(js, row.line)?)?;
    js.set_named(object, c"firstLine", number(js, row.first_line)?)?;
    js.set_named(object, c"key", js.str(&row.key.to_string())?)?;
    js.set_named(object, c"column", js.str(&row.column)?)?;
    js.set_named(object, c"value", js.str(&row.value)?)?;
    js.set_named(object, c"resolution", js.str(policy_name(row.resolution))?)?;
    Ok(object)
}

fn counts_to_js(js: Js, counts: CoreCounts) -> napi::Result<sys::napi_value> {
    let counts = ImportCounts::from_core(counts);
    let object = js.object()?;
    for (name, value) in [
        (c"rows", counts.rows),
        (c"imported", counts.imported),
        (c"replaced", counts.replaced),
        (c"merged", counts.merged),
        (c"duplicatesSkipped", counts.duplicates_skipped),
        (c"duplicatesReported", counts.duplicates_reported),
        (c"rejected", counts.rejected),
        (c"blank", counts.blank),
    ] {
        js.set_named(object, name, js.f64(value)?)?;
    }
    Ok(object)
}

/// A report as a plain object ({@link ImportReport}), its contacts as {@link Contact}s.
fn report_to_js(env: Env, js: Js, report: ImportReport) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    let encoding = report.encoding;
    js.set_named(object, c"columns", columns_to_js(js, &report.columns)?)?;
    js.set_named(
        object,
        c"errors",
        js.array(report.errors.iter().map(|error| row_error_to_js(js, error)))?,
    )?;
    js.set_named(
        object,
        c"duplicates",
        js.array(report.duplicates.iter().map(|row| duplicate_to_js(js, row)))?,
    )?;
    js.set_named(object, c"counts", counts_to_js(js, report.counts)?)?;
    js.set_named(object, c"encoding", js.str(encoding.name())?)?;
    js.set_named(
        object,
        c"bom",
        js.bool(matches!(
            encoding,
            envoi::contacts::import::SourceEncoding::Utf8 { bom: true }
        ))?,
    )?;
    js.set_named(object, c"delimiter", js.str(&report.delimiter.to_string())?)?;
    let contacts = report
        .contacts
        .into_iter()
        .map(|contact| contact_to_js(env, contact))
        .collect::<Vec<_>>();
    js.set_named(object, c"contacts", js.array(contacts.into_iter())?)?;
    Ok(object)
}

/// Imports a whole CSV of contacts: `source` is the file's bytes (a `Buffer` or `Uint8Array`) or
/// its path. Every row is imported or reported; the report holds every contact in memory (use
/// {@link CsvImporter} for large files).
///
/// Reading: the encoding is detected (UTF-8 with or without BOM, UTF-16 with a BOM, else
/// Windows-1252), the delimiter sniffed (`,` `;` tab), RFC 4180 quotes honoured (a quoted field may
/// hold the delimiter and newlines), the header's names (FR, NL, DE, EN and their variants: `Nom`,
/// `Prénom`, `GSM`, `E-mail`, `Naam`, `Handy`…) mapped to fields, other columns kept as custom
/// fields. A row with any problem is rejected whole with every problem (`errors`, each with
/// `line`, `column`, `value` and the reason's `code`); blank rows are counted, never errors.
///
/// Throws only what stops the import: `contacts.import.no_header`,
/// `contacts.import.no_address_column` (`headers`), `contacts.import.duplicate_column` (`target`,
/// `first`, `firstPosition`, `second`, `secondPosition`), `contacts.import.unknown_mapping_column`
/// (`column`, `headers`), `contacts.import.unknown_field` (`value`),
/// `contacts.import.invalid_delimiter` (`value`), `contacts.import.malformed_text` (`detail`),
/// `contacts.import.unterminated_quote` (`quoteLine`: the header opens a quote never closed),
/// `contacts.import.row_too_long` (`limit`: a header line longer than that many bytes),
/// `contacts.import.read_failed` (`detail`: a file that cannot be read); `contacts.unknown_region`.
///
/// The contacts it creates get the preferences of the `smsOption` given (the account's
/// {@link AccountSmsOption}; none: email on, SMS off).
///
/// ```js
/// const { contacts } = require('envoi')
/// // Excel's "CSV" on Windows: Windows-1252 (here written with Buffer's 'latin1'), semicolons.
/// const csv = Buffer.from(`Nom;Prénom;GSM
/// Dupont;Hélène;0475 12 34 56
/// Martin;Zoé;0476 12
/// `, 'latin1')
/// const report = contacts.importCsv(csv)
/// report.encoding                       // 'windows-1252'
/// report.contacts[0].firstName          // 'Hélène'
/// report.contacts[0].mobile             // '+32475123456'
/// const [error] = report.errors
/// ;[error.line, error.column, error.value, error.code]  // [3, 'GSM', '0476 12', 'contacts.invalid_phone']
/// report.counts.imported                // 1
/// ```
#[napi(
    namespace = "contacts",
    ts_args_type = "source: Uint8Array | string, options?: ImportCsvOptions | undefined | null",
    ts_return_type = "ImportReport"
)]
pub fn import_csv(
    env: Env,
    source: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<Raw, Code> {
    guard(|| {
        let source = source_arg(env, &source)?;
        let options = options_arg(env, options.as_ref())?;
        let report = envoi::contacts::import::import_contacts(source, &options)
            .map_err(|error| envoi_error(env, error))?;
        // SAFETY: `env` is the environment of this call, on its thread.
        let js = unsafe { Js::new(env.raw()) };
        report_to_js(env, js, report).map(Raw).map_err(napi_error)
    })
}

/// A CSV import read chunk by chunk ({@link CsvImporter.nextChunk}), so a file of a million rows
/// never sits in memory: only the duplicate index grows. Made with the same `source` and options as
/// {@link importCsv} (give a path to stream a file from disk); the header is read by the
/// constructor, which throws what {@link importCsv} throws for it.
///
/// The outcomes come in file order, blank lines included. Under `'keep_last'` and
/// `'merge_non_empty'`, a later row is an outcome about an earlier contact (`index`): the consumer
/// (a store) replaces it, or merges with {@link Contact.mergeNonEmpty}.
///
/// ```js
/// const { contacts } = require('envoi')
/// const importer = new contacts.CsvImporter(Buffer.from(`GSM;Voornaam
/// 0475 12 34 56;Els
///
/// 0475123456;Els
/// `))
/// importer.delimiter                                  // ';'
/// const chunk = importer.nextChunk(2)
/// chunk.map((outcome) => outcome.kind)                // ['imported', 'blank']
/// chunk[0].contact.firstName                          // 'Els'
/// importer.nextChunk(100)[0].errors[0].code           // 'contacts.import.duplicate'
/// importer.nextChunk(100)                             // []: the end
/// importer.counts.duplicatesReported                  // 1
/// ```
#[napi(namespace = "contacts")]
pub struct CsvImporter {
    inner: ContactImporter<Box<dyn Read>>,
}

#[napi(namespace = "contacts")]
impl CsvImporter {
    /// Reads the header of `source` (its bytes, or a file path).
    #[napi(
        constructor,
        ts_args_type = "source: Uint8Array | string, options?: ImportCsvOptions | undefined | null"
    )]
    pub fn new(
        env: Env,
        source: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let source = source_arg(env, &source)?;
            let options = options_arg(env, options.as_ref())?;
            let inner =
                ContactImporter::new(source, &options).map_err(|error| envoi_error(env, error))?;
            Ok(CsvImporter { inner })
        })
    }

    /// Up to `size` outcomes ({@link RowOutcome}); fewer at the end of the file, none after it.
    /// Throws `contacts.import.malformed_text` or `contacts.import.read_failed` (`detail`) when
    /// the rest of the source cannot be read; the import then ends.
    #[napi(ts_args_type = "size: number", ts_return_type = "RowOutcome[]")]
    pub fn next_chunk(&mut self, env: Env, size: Unknown<'_>) -> napi::Result<Raw, Code> {
        guard(|| {
            let size = count_arg("size", number_value("size", &size)?)?;
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            let outcomes = self
                .inner
                .next_chunk(size)
                .map_err(|error| envoi_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let items = outcomes
                .into_iter()
                .map(|outcome| outcome_to_js(env, js, outcome))
                .collect::<Vec<_>>();
            js.array(items.into_iter()).map(Raw).map_err(napi_error)
        })
    }

    /// The columns and what they become.
    #[napi(getter, ts_return_type = "ImportColumn[]")]
    pub fn columns(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            columns_to_js(js, self.inner.columns())
                .map(Raw)
                .map_err(napi_error)
        })
    }

    /// The delimiter, given or sniffed.
    #[napi(getter)]
    pub fn delimiter(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.delimiter().to_string()))
    }

    /// The encoding (decided at the first non-ASCII byte: `'UTF-8'` while only ASCII was read).
    #[napi(
        getter,
        ts_return_type = "'UTF-8' | 'windows-1252' | 'UTF-16LE' | 'UTF-16BE'"
    )]
    pub fn encoding(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.encoding().name().to_owned()))
    }

    /// The counts of the rows given so far.
    #[napi(getter)]
    pub fn counts(&self) -> napi::Result<ImportCounts, Code> {
        guard(|| Ok(ImportCounts::from_core(self.inner.counts())))
    }
}
