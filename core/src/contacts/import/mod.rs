//! Streaming CSV import of contacts (SPEC section 3): real exports in, every row imported or
//! reported, memory that grows only with the duplicate index.
//!
//! ```
//! use envoi::ErrorCode;
//! use envoi::contacts::import::{import_contacts, DuplicatePolicy, ImportOptions};
//!
//! // An Excel export: Windows-1252 ("é" is the byte E9), semicolons, CRLF, a blank line.
//! let csv = b"Nom;Pr\xe9nom;GSM;E-mail\r\nDupont;H\xe9l\xe8ne;0475 12 34 56;helene@example.be\r\n\r\n\
//!             Martin;Zo\xe9;0476 12;zoe@example.be\r\nDupont;H.;+32475123456;\r\n";
//! let options = ImportOptions { duplicates: DuplicatePolicy::KeepFirst, ..ImportOptions::default() };
//! let report = import_contacts(&csv[..], &options)?;
//!
//! assert_eq!(report.encoding.name(), "windows-1252");
//! assert_eq!(report.delimiter, ';');
//! let helene = &report.contacts[0];
//! assert_eq!(helene.first_name, "Hélène");
//! assert_eq!(helene.mobile.as_ref().map(|m| m.e164()), Some("+32475123456"));
//! // Line 4: a phone that is too short is reported with its line, column, value and reason.
//! let error = &report.errors[0];
//! assert_eq!((error.line, error.column.as_deref(), error.code()), (4, Some("GSM"), "contacts.invalid_phone"));
//! // Line 5: the same mobile as line 2, skipped under KeepFirst.
//! assert_eq!((report.duplicates[0].line, report.duplicates[0].first_line), (5, 2));
//! let counts = report.counts;
//! assert_eq!((counts.rows, counts.imported, counts.rejected, counts.duplicates_skipped, counts.blank), (4, 1, 1, 1, 1));
//! assert_eq!(counts.rows, counts.accounted());
//! # Ok::<(), envoi::contacts::import::ImportError>(())
//! ```
//!
//! # Reading the file
//!
//! - **Encoding**, decided once and documented in [`SourceEncoding`]: a UTF-8 byte-order mark →
//!   UTF-8; a UTF-16 mark (`FF FE`, `FE FF`, Excel's "Unicode text") → UTF-16, decoded; otherwise
//!   the bytes are ASCII until the first non-ASCII byte, and the 4 KiB from there decide: valid
//!   UTF-8 (a sequence cut by the window, not by the end of the file, counts as valid) → UTF-8,
//!   else Windows-1252. Decoding is incremental (`encoding_rs`), in fixed buffers. Windows-1252
//!   maps every byte, so it never fails; a field that is not UTF-8 in a file decided UTF-8 (a
//!   mixed file) is a row error `contacts.import.invalid_text`, never replaced silently; malformed
//!   UTF-16 stops the import (`contacts.import.malformed_text`).
//! - **Delimiter**: [`ImportOptions::delimiter`], or sniffed from the first non-blank line: the
//!   most frequent of `,` `;` tab outside quotes; ties go to tab, then `;`, then `,`; none of them
//!   (a single column) → `,`.
//! - **CSV**: RFC 4180 quotes (`""` inside quotes is a quote, quoted fields may hold delimiters and
//!   newlines). LF, CR LF and a lone CR (classic Mac OS) each end a line, and a record outside
//!   quotes; inside quotes they are kept as written. Values are trimmed of white space
//!   (non-breaking spaces too).
//! - **An unterminated quote**: a quote opened at the start of a field and still open at the end
//!   of the file, or once the row has taken [`MAX_ROW_BYTES`] (256 KiB), would swallow the rest of
//!   the file. The row is rejected instead (`contacts.import.unterminated_quote`, naming the line
//!   and column where the quote opened, with what follows it on its line); it ends with the
//!   quote's line, and the lines after are read again as rows, so nothing after it is lost and
//!   the counts still add up. A row longer than the limit without an open quote (one line that
//!   long) is rejected (`contacts.import.row_too_long`) and reading resumes at the next line. In
//!   the header, both stop the import with the same codes.
//! - **Lines**: a row's [`line`](RowError::line) is the physical line where it starts, counting
//!   from 1 (the header is line 1 unless blank lines precede it).
//!
//! # The header
//!
//! The first non-blank line names the columns; [`resolve_header`] decides each one's
//! [`ColumnTarget`]: the explicit [`ImportOptions::mapping`] first, then the names and variants of
//! [`header_aliases`] (FR, NL, DE, EN, and the Google Contacts and Outlook export names such as
//! `Given Name`, `E-mail 1 - Value`, `Phone 1 - Value`, `E-mail Address`, `Mobile Phone`; case,
//! accents, spaces, `-`, `_` and `.` do not matter), else a custom field under the header text.
//! Each alias has an [`AliasRank`]: when guessed columns would fill one field, a mobile-specific
//! name (`GSM`, `Mobile`, `Portable`, `Mobiel`, `Handy`, `Mobile Phone`, `Cell`…) wins the mobile
//! over a generic one (`Téléphone`, `Phone`, `Telefoon`, `Telefon`), which becomes a custom field
//! kept as written; `Family Name` wins the last name over `Name`. Two columns still filling the same
//! field (two names of one rank, or a mapped and a guessed column) stop the import with
//! `contacts.import.duplicate_column` naming both (map one to a custom field). Outlook's
//! `Business Phone`, `Home Phone`… are custom fields. A header with no email and no phone column
//! stops it with `contacts.import.no_address_column` (the first line is probably data).
//!
//! # Rows
//!
//! - A row whose fields are all empty (a blank line, white space, `;;;;` from Excel) is **blank**:
//!   counted and yielded as [`RowOutcome::Blank`], not an error.
//! - Fewer fields than the header: the missing trailing fields are empty (Excel drops a row's
//!   trailing empty cells). More fields with a non-empty one among the extra is an error
//!   (`contacts.import.field_count`); extra empty fields (Excel's trailing `;`) are accepted.
//! - A column mapped to [`ColumnTarget::Ignore`] is not read: nothing in it (bytes that are not
//!   text, any value) can reject the row.
//! - A row with any problem is **rejected whole**, with every problem found
//!   ([`RowOutcome::Rejected`]); nothing of it is imported, so nothing is half imported.
//! - Phone: [`normalize_phone`] with
//!   [`ImportOptions::default_region`]. A valid number that is a mobile becomes the mobile; a valid
//!   number that is not (a fixed line, toll-free, or a number whose plan cannot tell, such as in
//!   the US) is kept, in E.164, as the custom field named by the column's header, and the mobile
//!   stays empty. An invalid number rejects the row (`contacts.invalid_phone`).
//! - Email: [`EmailAddress::parse`](crate::contacts::EmailAddress::parse); invalid → rejected
//!   (`contacts.invalid_email`).
//! - Language: `fr`, `nl`, `de`, `en` in any case, with or without a region (`fr-BE`, `nl_BE`),
//!   or the language's name in one of them (`Français`, `Nederlands`, `Duits`, `English`…); else
//!   `contacts.import.unknown_language`.
//!   Time zone: an IANA name, else `contacts.import.unknown_time_zone`.
//! - A row with neither an email nor a mobile is rejected (`contacts.import.no_address`): a
//!   contact must be reachable by email or SMS.
//! - Empty values are absent values: an empty custom field is not stored.
//! - Every contact the import creates gets the channel preferences of
//!   [`ImportOptions::sms_option`] ([`AccountSmsOption::new_contact_preferences`]; by default
//!   email on, SMS off).
//!
//! # Duplicates and memory
//!
//! Two rows are the same contact when their email addresses are equal — the domain in any case, the
//! local part as written (`Ann@Example.BE` is `Ann@example.be`, not `ann@example.be`: only the
//! receiving server knows whether its local parts are case-sensitive) — or their mobiles are
//! (E.164). A row whose email is one earlier contact's and whose mobile another's is rejected
//! (`contacts.import.ambiguous_duplicate`) under every policy. Otherwise [`DuplicatePolicy`] says
//! what a later row does: skip, replace, merge, or be reported; each duplicate names the column and
//! the value that matched and the earlier row's line ([`DuplicateRow`], [`RowError`]).
//!
//! Under [`DuplicatePolicy::MergeNonEmpty`], a row that matches by one address and carries a
//! different address of the other kind than the contact has (the same mobile, another email) is
//! rejected whole (`contacts.import.conflicting_email` or `conflicting_mobile`, with the row's
//! column and value): the contact keeps its first address, and nothing of the row is merged, as it
//! may be another person sharing a phone or a mailbox.
//!
//! The importer keeps no contact: it yields each one as soon as its row is read, and remembers
//! only the duplicate index: per contact, a 128-bit digest of its email and/or its mobile as a
//! number, and the line of its row (with two flags: has an email, has a mobile): 40 to 130 bytes per contact depending on where the hash
//! tables' doubling falls (measured: 116 MiB peak resident memory for a generated file of 1,000,000
//! rows and 929,240 distinct contacts, `benches/src/bin/contacts_import_memory.rs`). This is why a later row under
//! [`DuplicatePolicy::KeepLast`] or [`DuplicatePolicy::MergeNonEmpty`] is yielded as a
//! replacement or an update of the contact at an earlier [`index`](RowOutcome::Replaced::index)
//! rather than as a final contact: the consumer (a store, or [`ImportReport`], which keeps the
//! contacts in a `Vec`) applies it, with [`merge_non_empty`] for merges. A key once bound stays
//! bound to its contact, even if a replacement drops it.

mod decode;
mod error;
mod header;
mod index;
mod records;

use std::collections::BTreeMap;
use std::io::Read;

pub use decode::SourceEncoding;
pub use error::{DuplicateKey, ImportError, RowError, RowProblem};
pub use header::{
    AliasRank, Column, ColumnTarget, ContactField, HeaderAlias, guess_field, header_aliases,
    normalize_header, resolve_header,
};
pub use records::MAX_ROW_BYTES;

use crate::contacts::{
    AccountSmsOption, ChannelPreferences, Contact, EmailAddress, Region, normalize_phone,
};
use crate::language::Language;
use crate::time::Zone;

use index::{DuplicateIndex, Match};
use records::{RecordProblem, RecordStart, Records};

/// The longest value, in characters, a [`RowError`] repeats.
const MAX_ERROR_VALUE: usize = 200;

/// What a row that is the same contact as an earlier one does.
///
/// ```
/// use envoi::contacts::import::{import_contacts, DuplicatePolicy, ImportOptions};
///
/// let csv = "Email,First name,Last name\nann@example.be,Ann,\nann@EXAMPLE.be,,Peeters\n";
/// let merged = import_contacts(csv.as_bytes(), &ImportOptions {
///     duplicates: DuplicatePolicy::MergeNonEmpty, ..ImportOptions::default() })?;
/// assert_eq!((merged.contacts[0].first_name.as_str(), merged.contacts[0].last_name.as_str()), ("Ann", "Peeters"));
///
/// let last = import_contacts(csv.as_bytes(), &ImportOptions {
///     duplicates: DuplicatePolicy::KeepLast, ..ImportOptions::default() })?;
/// assert_eq!((last.contacts[0].first_name.as_str(), last.contacts[0].last_name.as_str()), ("", "Peeters"));
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DuplicatePolicy {
    /// The earlier row stays; the later is skipped ([`RowOutcome::DuplicateSkipped`]).
    KeepFirst,
    /// The later row replaces the earlier contact ([`RowOutcome::Replaced`]).
    KeepLast,
    /// The later row's non-empty fields overwrite the earlier contact's; its empty ones leave them
    /// ([`RowOutcome::Merged`], applied with [`merge_non_empty`]).
    MergeNonEmpty,
    /// The later row is a row error `contacts.import.duplicate` naming the earlier line; the
    /// earlier contact stays. The default: nothing is decided for the user.
    #[default]
    Report,
}

/// How to read an import.
///
/// ```
/// use envoi::contacts::Region;
/// use envoi::contacts::import::{DuplicatePolicy, ImportOptions};
///
/// let options = ImportOptions::default();
/// assert_eq!(options.default_region, Region::BE);
/// assert_eq!(options.duplicates, DuplicatePolicy::Report);
/// assert_eq!(options.delimiter, None);
/// assert!(!options.sms_option.enabled); // new contacts: email on, SMS off
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The region of numbers written without a country code (`0475 12 34 56`).
    pub default_region: Region,
    /// Column header (as in the file, trimmed) → target; overrides the guess for those columns.
    pub mapping: BTreeMap<String, ColumnTarget>,
    /// What a duplicate row does.
    pub duplicates: DuplicatePolicy,
    /// The delimiter; `None` sniffs it from the header line.
    pub delimiter: Option<char>,
    /// The account's SMS option: every contact the import creates gets
    /// [`AccountSmsOption::new_contact_preferences`] (SMS on exactly when the option is). The
    /// default (off) gives email on, SMS off, as [`Contact::new`].
    pub sms_option: AccountSmsOption,
}

/// What became of one row (or one blank line), in file order.
///
/// ```
/// use envoi::contacts::import::{ContactImporter, DuplicateKey, DuplicatePolicy, ImportOptions, RowOutcome};
///
/// let csv = "GSM,Nom\n0475 12 34 56,Peeters\n\n+32475123456,Janssens\n";
/// let options = ImportOptions { duplicates: DuplicatePolicy::KeepFirst, ..ImportOptions::default() };
/// let outcomes: Vec<RowOutcome> = ContactImporter::new(csv.as_bytes(), &options)?.collect::<Result<_, _>>()?;
/// assert!(matches!(&outcomes[0], RowOutcome::Imported { line: 2, index: 0, .. }));
/// assert_eq!(outcomes[1], RowOutcome::Blank { line: 3 });
/// assert_eq!(outcomes[2], RowOutcome::DuplicateSkipped {
///     line: 4,
///     index: 0,
///     first_line: 2,
///     key: DuplicateKey::Mobile,
///     column: "GSM".to_owned(),
///     value: "+32475123456".to_owned(),
/// });
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// A new contact, the `index`-th of the import (counting from 0).
    Imported {
        /// The row's line.
        line: u64,
        /// Its position among the import's contacts.
        index: usize,
        /// The contact.
        contact: Contact,
    },
    /// [`DuplicatePolicy::KeepLast`]: this row's contact replaces the one at `index`.
    Replaced {
        /// The row's line.
        line: u64,
        /// The contact it replaces.
        index: usize,
        /// The line of the row replaced.
        replaced_line: u64,
        /// What made them the same.
        key: DuplicateKey,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// Its value in this row, as written (cut to 200 characters).
        value: String,
        /// The replacement.
        contact: Contact,
    },
    /// [`DuplicatePolicy::MergeNonEmpty`]: this row's non-empty fields update the contact at
    /// `index` (apply with [`merge_non_empty`]).
    Merged {
        /// The row's line.
        line: u64,
        /// The contact it updates.
        index: usize,
        /// The line of the row that created that contact.
        first_line: u64,
        /// What made them the same.
        key: DuplicateKey,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// Its value in this row, as written (cut to 200 characters).
        value: String,
        /// The row read as a contact.
        update: Contact,
    },
    /// [`DuplicatePolicy::KeepFirst`]: the same contact as `index`, skipped.
    DuplicateSkipped {
        /// The row's line.
        line: u64,
        /// The contact it duplicates.
        index: usize,
        /// The line of that contact's row.
        first_line: u64,
        /// What made them the same.
        key: DuplicateKey,
        /// The header of the column that matched (the email or the mobile column).
        column: String,
        /// Its value in this row, as written (cut to 200 characters).
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
    /// The line the row starts on.
    ///
    /// ```
    /// use envoi::contacts::import::RowOutcome;
    /// assert_eq!(RowOutcome::Blank { line: 7 }.line(), 7);
    /// ```
    pub fn line(&self) -> u64 {
        match self {
            RowOutcome::Imported { line, .. }
            | RowOutcome::Replaced { line, .. }
            | RowOutcome::Merged { line, .. }
            | RowOutcome::DuplicateSkipped { line, .. }
            | RowOutcome::Rejected { line, .. }
            | RowOutcome::Blank { line } => *line,
        }
    }
}

/// How many data rows (every line after the header, blank or not, a quoted multi-line row counting
/// once) became what. The parts add up to `rows` ([`ImportCounts::accounted`]).
///
/// ```
/// use envoi::contacts::import::ImportCounts;
/// let counts = ImportCounts { rows: 3, imported: 1, rejected: 1, blank: 1, ..ImportCounts::default() };
/// assert_eq!(counts.accounted(), 3);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ImportCounts {
    /// Data rows read.
    pub rows: u64,
    /// New contacts ([`RowOutcome::Imported`]): the number of contacts the import yields.
    pub imported: u64,
    /// Rows that replaced an earlier contact ([`DuplicatePolicy::KeepLast`]).
    pub replaced: u64,
    /// Rows merged into an earlier contact ([`DuplicatePolicy::MergeNonEmpty`]).
    pub merged: u64,
    /// Duplicate rows skipped ([`DuplicatePolicy::KeepFirst`]).
    pub duplicates_skipped: u64,
    /// Duplicate rows reported as errors ([`DuplicatePolicy::Report`]).
    pub duplicates_reported: u64,
    /// Rows rejected for another reason (invalid values, field count, no address, ambiguous
    /// duplicate).
    pub rejected: u64,
    /// Blank lines and rows whose fields are all empty.
    pub blank: u64,
}

impl ImportCounts {
    /// The sum of every outcome: equals [`rows`](ImportCounts::rows).
    ///
    /// ```
    /// use envoi::contacts::import::{import_contacts, ImportOptions};
    ///
    /// let report = import_contacts(&b"Email\na@example.be\n\nnope\n"[..], &ImportOptions::default())?;
    /// assert_eq!((report.counts.imported, report.counts.blank, report.counts.rejected), (1, 1, 1));
    /// assert_eq!(report.counts.accounted(), report.counts.rows);
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn accounted(&self) -> u64 {
        self.imported
            + self.replaced
            + self.merged
            + self.duplicates_skipped
            + self.duplicates_reported
            + self.rejected
            + self.blank
    }

    fn record(&mut self, outcome: &RowOutcome) {
        self.rows += 1;
        let counter = match outcome {
            RowOutcome::Imported { .. } => &mut self.imported,
            RowOutcome::Replaced { .. } => &mut self.replaced,
            RowOutcome::Merged { .. } => &mut self.merged,
            RowOutcome::DuplicateSkipped { .. } => &mut self.duplicates_skipped,
            RowOutcome::Rejected { errors, .. }
                if errors
                    .iter()
                    .any(|error| matches!(error.reason, RowProblem::Duplicate { .. })) =>
            {
                &mut self.duplicates_reported
            }
            RowOutcome::Rejected { .. } => &mut self.rejected,
            RowOutcome::Blank { .. } => &mut self.blank,
        };
        *counter += 1;
    }
}

/// A duplicate row the report resolved (skipped, replaced or merged), for the user to review:
/// which rows, and the column and value that made them the same.
///
/// ```
/// use envoi::contacts::import::{import_contacts, DuplicateKey, DuplicatePolicy, DuplicateRow, ImportOptions};
///
/// let csv = "E-mail;Nom\njan@x.be;Peeters\njan@X.BE;Janssens\n";
/// let options = ImportOptions { duplicates: DuplicatePolicy::KeepFirst, ..ImportOptions::default() };
/// let report = import_contacts(csv.as_bytes(), &options)?;
/// assert_eq!(report.duplicates, [DuplicateRow {
///     line: 3,
///     first_line: 2,
///     key: DuplicateKey::Email,
///     column: "E-mail".to_owned(),
///     value: "jan@X.BE".to_owned(),
///     resolution: DuplicatePolicy::KeepFirst,
/// }]);
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DuplicateRow {
    /// The later row's line.
    pub line: u64,
    /// The line of the contact's earlier row (for [`DuplicatePolicy::KeepLast`], the row it
    /// replaced).
    pub first_line: u64,
    /// What made them the same.
    pub key: DuplicateKey,
    /// The header of the column that matched (the email or the mobile column).
    pub column: String,
    /// The later row's value in that column, as written (cut to 200 characters).
    pub value: String,
    /// What was done ([`DuplicatePolicy::KeepFirst`], `KeepLast` or `MergeNonEmpty`).
    pub resolution: DuplicatePolicy,
}

/// A whole import: the contacts with replacements and merges applied, the row errors, the
/// duplicates resolved, the counts, and how the file was read.
///
/// Built by [`import_contacts`] or [`ContactImporter::finish`]; it holds every contact in memory
/// (use [`ContactImporter`] as an iterator, or [`ContactImporter::next_chunk`], not to).
///
/// ```
/// use envoi::contacts::import::{import_contacts, ColumnTarget, ImportOptions};
///
/// let report = import_contacts("Prénom\tGSM\nEls\t0475 12 34 56\n".as_bytes(), &ImportOptions::default())?;
/// assert_eq!(report.delimiter, '\t');
/// assert_eq!(report.columns[1].target.to_string(), "mobile");
/// assert_eq!(report.contacts[0].first_name, "Els");
/// assert!(report.errors.is_empty() && report.duplicates.is_empty());
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The encoding the file was read in.
    pub encoding: SourceEncoding,
    /// The delimiter.
    pub delimiter: char,
    /// The replacements and merges of contacts taken from the importer before
    /// [`ContactImporter::finish`] (not in `contacts`), for the caller to apply as it applied
    /// those contacts; always empty from [`import_contacts`].
    pub earlier_updates: Vec<RowOutcome>,
}

impl ImportReport {
    /// Applies an outcome; `taken` contacts were taken from the importer before this report.
    fn apply(&mut self, mut outcome: RowOutcome, taken: usize) {
        if let RowOutcome::Replaced { index, .. } | RowOutcome::Merged { index, .. } = &mut outcome
        {
            if *index < taken {
                self.earlier_updates.push(outcome);
                return;
            }
            *index -= taken;
        }
        match outcome {
            RowOutcome::Imported { contact, .. } => self.contacts.push(contact),
            RowOutcome::Replaced {
                line,
                index,
                replaced_line,
                key,
                column,
                value,
                contact,
            } => {
                self.contacts[index] = contact;
                self.duplicates.push(DuplicateRow {
                    line,
                    first_line: replaced_line,
                    key,
                    column,
                    value,
                    resolution: DuplicatePolicy::KeepLast,
                });
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
                merge_non_empty(&mut self.contacts[index], update);
                self.duplicates.push(DuplicateRow {
                    line,
                    first_line,
                    key,
                    column,
                    value,
                    resolution: DuplicatePolicy::MergeNonEmpty,
                });
            }
            RowOutcome::DuplicateSkipped {
                line,
                first_line,
                key,
                column,
                value,
                ..
            } => self.duplicates.push(DuplicateRow {
                line,
                first_line,
                key,
                column,
                value,
                resolution: DuplicatePolicy::KeepFirst,
            }),
            RowOutcome::Rejected { errors, .. } => self.errors.extend(errors),
            RowOutcome::Blank { .. } => {}
        }
    }
}

/// Merges a later row into a contact ([`DuplicatePolicy::MergeNonEmpty`]): every non-empty field
/// of `update` (names, email, mobile, language, time zone, each custom field) overwrites the
/// contact's; the contact keeps the fields `update` leaves empty.
///
/// ```
/// use envoi::contacts::Contact;
/// use envoi::contacts::import::merge_non_empty;
///
/// let mut contact = Contact { first_name: "Ann".into(), last_name: "Peeters".into(), ..Contact::new() };
/// contact.custom_fields.insert("city".into(), "Gent".into());
/// let mut update = Contact { last_name: "Peeters-Claes".into(), ..Contact::new() };
/// update.custom_fields.insert("zip".into(), "9000".into());
/// merge_non_empty(&mut contact, update);
/// assert_eq!((contact.first_name.as_str(), contact.last_name.as_str()), ("Ann", "Peeters-Claes"));
/// assert_eq!(contact.custom_fields.len(), 2);
/// ```
pub fn merge_non_empty(contact: &mut Contact, update: Contact) {
    if !update.first_name.is_empty() {
        contact.first_name = update.first_name;
    }
    if !update.last_name.is_empty() {
        contact.last_name = update.last_name;
    }
    if update.email.is_some() {
        contact.email = update.email;
    }
    if update.mobile.is_some() {
        contact.mobile = update.mobile;
    }
    if update.language.is_some() {
        contact.language = update.language;
    }
    if update.time_zone.is_some() {
        contact.time_zone = update.time_zone;
    }
    for (name, value) in update.custom_fields {
        if !value.is_empty() {
            contact.custom_fields.insert(name, value);
        }
    }
}

/// Imports a whole CSV into an [`ImportReport`] (every contact in memory).
///
/// Errors: only what stops the import ([`ImportError`]: no header, a header that maps two columns
/// to one field, no email or phone column, a mapping naming no column, malformed UTF-16, a failing
/// reader). Row problems are in the report.
///
/// ```
/// use envoi::contacts::import::{import_contacts, ImportOptions};
///
/// let csv = "\u{feff}Prénom,Nom,Email\nJan,Peeters,jan@example.be\n";
/// let report = import_contacts(csv.as_bytes(), &ImportOptions::default())?;
/// assert_eq!(report.contacts[0].last_name, "Peeters");
/// assert_eq!(report.encoding.to_string(), "UTF-8 with BOM");
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
pub fn import_contacts<R: Read>(
    source: R,
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    ContactImporter::new(source, options)?.finish()
}

/// Reads a CSV row by row: an iterator of [`RowOutcome`]s (blank lines included, in file order),
/// which keeps only the duplicate index in memory.
///
/// The header is read by [`ContactImporter::new`]. An `Err` item (a failing reader, malformed
/// UTF-16) ends the iteration.
///
/// ```
/// use envoi::contacts::import::{ContactImporter, ImportOptions, RowOutcome};
///
/// let csv = "GSM;Voornaam\n0475 12 34 56;Els\n\n0475123456;Els\n";
/// let mut importer = ContactImporter::new(csv.as_bytes(), &ImportOptions::default())?;
/// assert_eq!(importer.delimiter(), ';');
/// let first = importer.next_chunk(2)?;
/// assert!(matches!(&first[0], RowOutcome::Imported { line: 2, index: 0, contact } if contact.first_name == "Els"));
/// assert_eq!(first[1], RowOutcome::Blank { line: 3 });
/// let rest: Vec<RowOutcome> = importer.by_ref().collect::<Result<_, _>>()?;
/// assert!(matches!(&rest[0], RowOutcome::Rejected { line: 4, .. }));
/// assert_eq!(importer.counts().duplicates_reported, 1);
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
pub struct ContactImporter<R> {
    records: Records<R>,
    columns: Vec<Column>,
    /// The column of each [`ContactField`], by [`ContactField::index`].
    field_columns: [Option<usize>; 6],
    region: Region,
    policy: DuplicatePolicy,
    /// The preferences of every contact the import creates.
    preferences: ChannelPreferences,
    index: DuplicateIndex,
    counts: ImportCounts,
    /// Blank lines to yield before `pending`: (first line, how many).
    blank: (u64, u64),
    pending: Option<RowOutcome>,
    done: bool,
}

impl<R: Read> ContactImporter<R> {
    /// Reads the header (sniffing the encoding and the delimiter) and resolves the columns.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let error = ContactImporter::new(&b"Jan;Peeters;0475123456\n"[..], &ImportOptions::default()).err().unwrap();
    /// assert_eq!(error.code(), "contacts.import.no_address_column");
    /// ```
    pub fn new(source: R, options: &ImportOptions) -> Result<Self, ImportError> {
        let delimiter = match options.delimiter {
            None => None,
            Some(value) if value.is_ascii() && !matches!(value, '"' | '\r' | '\n') => {
                Some(value as u8)
            }
            Some(value) => return Err(ImportError::InvalidDelimiter { value }),
        };
        let mut records = Records::new(source, delimiter)?;
        let (Some(header), _) = records.next_record()? else {
            return Err(ImportError::NoHeader);
        };
        match header.problem {
            None => {}
            Some(RecordProblem::UnterminatedQuote { quote_line, .. }) => {
                return Err(ImportError::HeaderUnterminatedQuote { quote_line });
            }
            Some(RecordProblem::TooLong { .. }) => {
                return Err(ImportError::HeaderTooLong {
                    limit: MAX_ROW_BYTES,
                });
            }
        }
        let headers: Vec<String> = (0..records.len)
            .map(|index| String::from_utf8_lossy(records.field(index)).into_owned())
            .collect();
        let columns = resolve_header(&headers, &options.mapping)?;
        let mut field_columns = [None; 6];
        for (position, column) in columns.iter().enumerate() {
            if let ColumnTarget::Field(field) = column.target {
                field_columns[field.index()] = Some(position);
            }
        }
        if field_columns[ContactField::Email.index()].is_none()
            && field_columns[ContactField::Mobile.index()].is_none()
        {
            return Err(ImportError::NoAddressColumn {
                headers: columns.into_iter().map(|column| column.header).collect(),
            });
        }
        Ok(ContactImporter {
            records,
            columns,
            field_columns,
            region: options.default_region,
            policy: options.duplicates,
            preferences: options.sms_option.new_contact_preferences(),
            index: DuplicateIndex::default(),
            counts: ImportCounts::default(),
            blank: (0, 0),
            pending: None,
            done: false,
        })
    }

    /// The columns and what they become.
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let importer = ContactImporter::new("Naam;GSM;Klantnummer\n".as_bytes(), &ImportOptions::default())?;
    /// let targets: Vec<String> = importer.columns().iter().map(|column| column.target.to_string()).collect();
    /// assert_eq!(targets, ["last_name", "mobile", "custom field \"Klantnummer\""]);
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The delimiter, given or sniffed.
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let importer = ContactImporter::new("Email\tNom;Prénom\n".as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(importer.delimiter(), '\t'); // one tab, one `;`: ties go to tab
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn delimiter(&self) -> char {
        char::from(self.records.delimiter())
    }

    /// The encoding: decided at the first non-ASCII byte, so while only ASCII has been read it
    /// says UTF-8 without BOM (ASCII reads the same in every candidate).
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions, SourceEncoding};
    ///
    /// let importer = ContactImporter::new(&b"Email;Pr\xe9nom\n"[..], &ImportOptions::default())?;
    /// assert_eq!(importer.encoding(), SourceEncoding::Windows1252);
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn encoding(&self) -> SourceEncoding {
        self.records.encoding()
    }

    /// The counts of the rows yielded so far.
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let mut importer = ContactImporter::new("Email\na@example.be\n\n".as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(importer.counts().rows, 0);
    /// importer.next();
    /// assert_eq!((importer.counts().rows, importer.counts().imported), (1, 1));
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn counts(&self) -> ImportCounts {
        self.counts
    }

    /// Up to `size` outcomes; fewer at the end of the file, none after it. The form the bindings
    /// offer for large files. An error that stops the import is returned instead of the chunk
    /// (the outcomes read before it in that chunk are counted but not returned).
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let csv = "Email\na@example.be\nb@example.be\nc@example.be\n";
    /// let mut importer = ContactImporter::new(csv.as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(importer.next_chunk(2)?.len(), 2);
    /// assert_eq!(importer.next_chunk(2)?.len(), 1);
    /// assert!(importer.next_chunk(2)?.is_empty());
    /// assert_eq!(importer.counts().imported, 3);
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn next_chunk(&mut self, size: usize) -> Result<Vec<RowOutcome>, ImportError> {
        self.by_ref().take(size).collect()
    }

    /// Reads the rest into an [`ImportReport`], applying replacements and merges. The counts are
    /// the whole import's, the rows already taken from the iterator included; the report's
    /// contacts, errors and duplicates are those of the rest only, and the replacements and merges
    /// of contacts taken before are in [`ImportReport::earlier_updates`].
    ///
    /// ```
    /// use envoi::contacts::import::{ContactImporter, ImportOptions};
    ///
    /// let csv = "Email;Nom\na@example.be;Peeters\nb@example.be;Maes\n";
    /// let mut importer = ContactImporter::new(csv.as_bytes(), &ImportOptions::default())?;
    /// importer.next_chunk(1)?;
    /// let report = importer.finish()?;
    /// assert_eq!(report.contacts.len(), 1);
    /// assert_eq!(report.contacts[0].last_name, "Maes");
    /// assert_eq!(report.counts.rows, 2);
    /// # Ok::<(), envoi::contacts::import::ImportError>(())
    /// ```
    pub fn finish(mut self) -> Result<ImportReport, ImportError> {
        let mut report = ImportReport {
            contacts: Vec::new(),
            errors: Vec::new(),
            duplicates: Vec::new(),
            counts: ImportCounts::default(),
            columns: Vec::new(),
            encoding: SourceEncoding::Utf8 { bom: false },
            delimiter: self.delimiter(),
            earlier_updates: Vec::new(),
        };
        let taken = usize::try_from(self.counts.imported).unwrap_or(usize::MAX);
        for outcome in self.by_ref() {
            report.apply(outcome?, taken);
        }
        report.counts = self.counts;
        report.encoding = self.encoding();
        report.columns = self.columns;
        Ok(report)
    }

    fn read_next(&mut self) -> Result<Option<RowOutcome>, ImportError> {
        let (start, trailing_blank) = self.records.next_record()?;
        let Some(start) = start else {
            self.done = true;
            if trailing_blank > 0 {
                let line = self.records.line() - trailing_blank;
                self.blank = (line, trailing_blank);
            }
            return Ok(None);
        };
        if start.blank_lines_before > 0 {
            self.blank = (
                start.line - start.blank_lines_before,
                start.blank_lines_before,
            );
        }
        Ok(Some(self.read_row(&start)))
    }

    fn read_row(&mut self, start: &RecordStart) -> RowOutcome {
        let line = start.line;
        if let Some(problem) = &start.problem {
            return self.given_up(line, problem);
        }
        let records = &self.records;
        let found = records.len;
        let expected = self.columns.len();
        if (0..found).all(|index| is_blank(records.field(index))) {
            return RowOutcome::Blank { line };
        }
        // Fewer fields: the missing trailing ones are empty (Excel drops trailing empty cells).
        if (expected..found).any(|index| !is_blank(records.field(index))) {
            return self.reject_row(line, RowProblem::FieldCount { expected, found });
        }
        let mut contact = Contact {
            preferences: self.preferences,
            ..Contact::new()
        };
        let mut errors = Vec::new();
        for (position, column) in self.columns.iter().enumerate().take(found) {
            // An ignored column is not read at all: nothing in it can reject the row.
            if column.target == ColumnTarget::Ignore {
                continue;
            }
            let Ok(text) = std::str::from_utf8(records.field(position)) else {
                errors.push(RowError {
                    line,
                    column: Some(column.header.clone()),
                    value: cut(&String::from_utf8_lossy(records.field(position))),
                    reason: RowProblem::InvalidText,
                });
                continue;
            };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let problem = match &column.target {
                ColumnTarget::Ignore => None,
                ColumnTarget::Custom(name) => {
                    contact.custom_fields.insert(name.clone(), text.to_owned());
                    None
                }
                ColumnTarget::Field(field) => {
                    fill_field(&mut contact, *field, text, &column.header, self.region).err()
                }
            };
            if let Some(reason) = problem {
                errors.push(RowError {
                    line,
                    column: Some(column.header.clone()),
                    value: cut(text),
                    reason,
                });
            }
        }
        if !errors.is_empty() {
            return RowOutcome::Rejected { line, errors };
        }
        if contact.email.is_none() && contact.mobile.is_none() {
            return self.reject_row(line, RowProblem::NoAddress);
        }
        let keys = self.index.keys(
            contact.email.as_ref(),
            contact.mobile.as_ref().map(|mobile| mobile.e164()),
        );
        let (index, first_line, key, conflict) = match self.index.find(&keys) {
            Match::New => {
                let index = self.index.insert(&keys, line);
                return RowOutcome::Imported {
                    line,
                    index,
                    contact,
                };
            }
            Match::Ambiguous {
                email_line,
                mobile_line,
            } => {
                return self.reject_row(
                    line,
                    RowProblem::AmbiguousDuplicate {
                        email_line,
                        mobile_line,
                    },
                );
            }
            Match::Same {
                index,
                line,
                key,
                conflict,
            } => (index, line, key, conflict),
        };
        let (column, value) = self.address_as_written(key);
        match self.policy {
            DuplicatePolicy::KeepFirst => RowOutcome::DuplicateSkipped {
                line,
                index,
                first_line,
                key,
                column,
                value,
            },
            DuplicatePolicy::KeepLast => {
                self.index.replace(&keys, index, line);
                RowOutcome::Replaced {
                    line,
                    index,
                    replaced_line: first_line,
                    key,
                    column,
                    value,
                    contact,
                }
            }
            DuplicatePolicy::MergeNonEmpty => match conflict {
                // Merging would overwrite the contact's address with another: keep the first.
                Some(conflict) => {
                    let (column, value) = self.address_as_written(conflict);
                    RowOutcome::Rejected {
                        line,
                        errors: vec![RowError {
                            line,
                            column: Some(column),
                            value,
                            reason: RowProblem::ConflictingAddress {
                                key: conflict,
                                first_line,
                            },
                        }],
                    }
                }
                None => {
                    self.index.bind(&keys, index);
                    RowOutcome::Merged {
                        line,
                        index,
                        first_line,
                        key,
                        column,
                        value,
                        update: contact,
                    }
                }
            },
            DuplicatePolicy::Report => RowOutcome::Rejected {
                line,
                errors: vec![RowError {
                    line,
                    column: Some(column),
                    value,
                    reason: RowProblem::Duplicate { key, first_line },
                }],
            },
        }
    }

    /// The header of the email or mobile column, and the current row's value there as written.
    fn address_as_written(&self, key: DuplicateKey) -> (String, String) {
        let field = match key {
            DuplicateKey::Email => ContactField::Email,
            DuplicateKey::Mobile => ContactField::Mobile,
        };
        // A row with that address has that column, among its fields.
        let Some(position) = self.field_columns[field.index()] else {
            return (String::new(), String::new());
        };
        let value = if position < self.records.len {
            cut(String::from_utf8_lossy(self.records.field(position)).trim())
        } else {
            String::new()
        };
        (self.columns[position].header.clone(), value)
    }

    /// A row given up by the CSV reader (an unterminated quote, a row too long).
    fn given_up(&self, line: u64, problem: &RecordProblem) -> RowOutcome {
        let error = match problem {
            RecordProblem::UnterminatedQuote {
                quote_line,
                field,
                text,
            } => RowError {
                line,
                column: self.columns.get(*field).map(|column| column.header.clone()),
                value: cut(text),
                reason: RowProblem::UnterminatedQuote {
                    quote_line: *quote_line,
                },
            },
            RecordProblem::TooLong { text } => RowError {
                line,
                column: None,
                value: cut(text),
                reason: RowProblem::RowTooLong {
                    limit: MAX_ROW_BYTES,
                },
            },
        };
        RowOutcome::Rejected {
            line,
            errors: vec![error],
        }
    }

    /// A whole-row rejection: the value is the row's fields joined by the delimiter.
    fn reject_row(&self, line: u64, reason: RowProblem) -> RowOutcome {
        let delimiter = char::from(self.records.delimiter()).to_string();
        let joined = (0..self.records.len)
            .map(|index| String::from_utf8_lossy(self.records.field(index)))
            .collect::<Vec<_>>()
            .join(&delimiter);
        RowOutcome::Rejected {
            line,
            errors: vec![RowError {
                line,
                column: None,
                value: cut(&joined),
                reason,
            }],
        }
    }
}

impl<R: Read> Iterator for ContactImporter<R> {
    type Item = Result<RowOutcome, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (blank_line, blank_count) = self.blank;
            if blank_count > 0 {
                self.blank = (blank_line + 1, blank_count - 1);
                let outcome = RowOutcome::Blank { line: blank_line };
                self.counts.record(&outcome);
                return Some(Ok(outcome));
            }
            if let Some(outcome) = self.pending.take() {
                self.counts.record(&outcome);
                return Some(Ok(outcome));
            }
            if self.done {
                return None;
            }
            match self.read_next() {
                Ok(outcome) => self.pending = outcome,
                Err(error) => {
                    self.done = true;
                    self.blank = (0, 0);
                    return Some(Err(error));
                }
            }
        }
    }
}

fn is_blank(field: &[u8]) -> bool {
    match std::str::from_utf8(field) {
        Ok(text) => text.trim().is_empty(),
        Err(_) => false,
    }
}

fn cut(text: &str) -> String {
    text.chars().take(MAX_ERROR_VALUE).collect()
}

/// Reads one value into its field.
fn fill_field(
    contact: &mut Contact,
    field: ContactField,
    text: &str,
    header: &str,
    region: Region,
) -> Result<(), RowProblem> {
    match field {
        ContactField::FirstName => contact.first_name = text.to_owned(),
        ContactField::LastName => contact.last_name = text.to_owned(),
        ContactField::Email => contact.email = Some(EmailAddress::parse(text)?),
        ContactField::Mobile => {
            let number = normalize_phone(text, region)?;
            if number.accepts_sms() {
                contact.mobile = Some(number);
            } else {
                contact
                    .custom_fields
                    .insert(header.to_owned(), number.e164().to_owned());
            }
        }
        ContactField::Language => {
            contact.language =
                Some(
                    parse_language(text).ok_or_else(|| RowProblem::UnknownLanguage {
                        value: text.chars().take(60).collect(),
                    })?,
                );
        }
        ContactField::TimeZone => {
            contact.time_zone =
                Some(
                    text.parse::<Zone>()
                        .map_err(|_| RowProblem::UnknownTimeZone {
                            value: text.chars().take(60).collect(),
                        })?,
                );
        }
    }
    Ok(())
}

/// Language codes and names, normalised like header names. Each once.
const LANGUAGE_NAMES: &[(&str, Language)] = &[
    ("fr", Language::Fr),
    ("francais", Language::Fr),
    ("french", Language::Fr),
    ("frans", Language::Fr),
    ("franzosisch", Language::Fr),
    ("nl", Language::Nl),
    ("nederlands", Language::Nl),
    ("neerlandais", Language::Nl),
    ("flamand", Language::Nl),
    ("vlaams", Language::Nl),
    ("dutch", Language::Nl),
    ("niederlandisch", Language::Nl),
    ("de", Language::De),
    ("deutsch", Language::De),
    ("allemand", Language::De),
    ("duits", Language::De),
    ("german", Language::De),
    ("en", Language::En),
    ("english", Language::En),
    ("anglais", Language::En),
    ("engels", Language::En),
    ("englisch", Language::En),
];

fn parse_language(text: &str) -> Option<Language> {
    // A code, with or without a region (`fr`, `FR`, `fr-BE`, `nl_BE`), else a language's name.
    if let Ok(language) = text.parse::<Language>() {
        return Some(language);
    }
    let normalized = normalize_header(text);
    LANGUAGE_NAMES
        .iter()
        .find(|(name, _)| *name == normalized)
        .map(|(_, language)| *language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_name_is_normalised_and_listed_once() {
        for (index, (name, _)) in LANGUAGE_NAMES.iter().enumerate() {
            assert_eq!(normalize_header(name), *name);
            assert!(
                LANGUAGE_NAMES[..index]
                    .iter()
                    .all(|(other, _)| other != name)
            );
        }
        assert_eq!(parse_language("Français"), Some(Language::Fr));
        assert_eq!(parse_language("NL"), Some(Language::Nl));
        assert_eq!(parse_language("fr-BE"), Some(Language::Fr));
        assert_eq!(parse_language("nl_BE"), Some(Language::Nl));
        assert_eq!(parse_language("es"), None);
    }
}
