//! Header mapping: which contact field each column fills, guessed from its name in FR, NL, DE or
//! EN, or given explicitly.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::error::ImportError;

/// A contact field a column can fill.
///
/// ```
/// use envoi::contacts::import::ContactField;
///
/// let field: ContactField = "first_name".parse()?;
/// assert_eq!(field, ContactField::FirstName);
/// assert_eq!(field.name(), "first_name");
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContactField {
    /// The first (given) name.
    FirstName,
    /// The last (family) name.
    LastName,
    /// The email address.
    Email,
    /// The mobile number (normalised to E.164 with the import's default region).
    Mobile,
    /// The language envoi writes to the contact in (`fr`, `nl`, `de`, `en`, or the language's name).
    Language,
    /// The contact's IANA time zone, such as `Europe/Brussels`.
    TimeZone,
}

impl ContactField {
    /// Every field, in the order of [`ContactField::name`]'s list.
    pub const ALL: [ContactField; 6] = [
        ContactField::FirstName,
        ContactField::LastName,
        ContactField::Email,
        ContactField::Mobile,
        ContactField::Language,
        ContactField::TimeZone,
    ];

    /// The field's name: `first_name`, `last_name`, `email`, `mobile`, `language` or `time_zone`.
    ///
    /// ```
    /// assert_eq!(envoi::contacts::import::ContactField::TimeZone.name(), "time_zone");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            ContactField::FirstName => "first_name",
            ContactField::LastName => "last_name",
            ContactField::Email => "email",
            ContactField::Mobile => "mobile",
            ContactField::Language => "language",
            ContactField::TimeZone => "time_zone",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for ContactField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ContactField {
    type Err = ImportError;

    /// Reads a field's [`name`](ContactField::name).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ContactField::ALL
            .into_iter()
            .find(|field| field.name() == text)
            .ok_or_else(|| ImportError::UnknownField {
                value: text.chars().take(60).collect(),
            })
    }
}

/// What a column becomes: a contact field, a custom field, or nothing.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::contacts::import::{ColumnTarget, ContactField};
///
/// // An explicit mapping, by header text as it appears in the file.
/// let mapping = BTreeMap::from([
///     ("Tél. privé".to_owned(), ColumnTarget::Field(ContactField::Mobile)),
///     ("Téléphone".to_owned(), ColumnTarget::Custom("Téléphone fixe".to_owned())),
///     ("Remarque".to_owned(), ColumnTarget::Ignore),
/// ]);
/// assert_eq!(mapping.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ColumnTarget {
    /// A contact field.
    Field(ContactField),
    /// A custom field of the contact, under this name. An empty value stores nothing.
    Custom(String),
    /// Not imported.
    Ignore,
}

impl fmt::Display for ColumnTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnTarget::Field(field) => f.write_str(field.name()),
            ColumnTarget::Custom(name) => write!(f, "custom field {name:?}"),
            ColumnTarget::Ignore => f.write_str("ignored"),
        }
    }
}

/// A column of the file and what it becomes.
///
/// ```
/// use envoi::contacts::import::{Column, ColumnTarget, ContactField, resolve_header};
/// use std::collections::BTreeMap;
///
/// let columns = resolve_header(&["Prénom", "NOM", "Gsm", "Société"], &BTreeMap::new())?;
/// assert_eq!(columns[2], Column {
///     header: "Gsm".to_owned(),
///     target: ColumnTarget::Field(ContactField::Mobile),
///     guessed: true,
/// });
/// assert_eq!(columns[3].target, ColumnTarget::Custom("Société".to_owned()));
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    /// The header text as in the file (trimmed).
    pub header: String,
    /// What the column becomes.
    pub target: ColumnTarget,
    /// `true` when the target was guessed from the header, `false` when the mapping gave it.
    pub guessed: bool,
}

/// Header names and their field, written normalised (see [`normalize_header`]): lower case,
/// accents and every character that is not a letter or a digit removed. Each alias once.
const ALIASES: &[(&str, ContactField)] = &[
    // Last name. `Name`/`Naam` alone usually hold the family name next to a first-name column.
    ("nom", ContactField::LastName),
    ("nomdefamille", ContactField::LastName),
    ("naam", ContactField::LastName),
    ("achternaam", ContactField::LastName),
    ("familienaam", ContactField::LastName),
    ("name", ContactField::LastName),
    ("nachname", ContactField::LastName),
    ("familienname", ContactField::LastName),
    ("lastname", ContactField::LastName),
    ("surname", ContactField::LastName),
    ("familyname", ContactField::LastName),
    // First name.
    ("prenom", ContactField::FirstName),
    ("voornaam", ContactField::FirstName),
    ("vorname", ContactField::FirstName),
    ("firstname", ContactField::FirstName),
    ("givenname", ContactField::FirstName),
    ("forename", ContactField::FirstName),
    // Phone: the one number column of most exports is where the mobile is.
    ("telephone", ContactField::Mobile),
    ("tel", ContactField::Mobile),
    ("numerodetelephone", ContactField::Mobile),
    ("telephoneportable", ContactField::Mobile),
    ("telephonemobile", ContactField::Mobile),
    ("portable", ContactField::Mobile),
    ("gsm", ContactField::Mobile),
    ("gsmnummer", ContactField::Mobile),
    ("mobile", ContactField::Mobile),
    ("mobiel", ContactField::Mobile),
    ("mobielnummer", ContactField::Mobile),
    ("telefoon", ContactField::Mobile),
    ("telefoonnummer", ContactField::Mobile),
    ("handy", ContactField::Mobile),
    ("handynummer", ContactField::Mobile),
    ("mobil", ContactField::Mobile),
    ("mobilnummer", ContactField::Mobile),
    ("mobiltelefon", ContactField::Mobile),
    ("telefon", ContactField::Mobile),
    ("telefonnummer", ContactField::Mobile),
    ("phone", ContactField::Mobile),
    ("phonenumber", ContactField::Mobile),
    ("mobilephone", ContactField::Mobile),
    ("mobilenumber", ContactField::Mobile),
    ("cellphone", ContactField::Mobile),
    ("cell", ContactField::Mobile),
    // Email.
    ("email", ContactField::Email),
    ("mail", ContactField::Email),
    ("courriel", ContactField::Email),
    ("adressemail", ContactField::Email),
    ("adresseemail", ContactField::Email),
    ("adressecourriel", ContactField::Email),
    ("emailadres", ContactField::Email),
    ("mailadres", ContactField::Email),
    ("emailadresse", ContactField::Email),
    ("mailadresse", ContactField::Email),
    ("emailaddress", ContactField::Email),
    // Language.
    ("langue", ContactField::Language),
    ("taal", ContactField::Language),
    ("sprache", ContactField::Language),
    ("language", ContactField::Language),
    ("lang", ContactField::Language),
    // Time zone.
    ("fuseauhoraire", ContactField::TimeZone),
    ("tijdzone", ContactField::TimeZone),
    ("zeitzone", ContactField::TimeZone),
    ("timezone", ContactField::TimeZone),
    ("tz", ContactField::TimeZone),
];

/// A header name as the alias table writes it: accents removed (NFD, combining marks dropped),
/// lower case, and only letters and digits kept (spaces, `-`, `_`, `.`, `/`, `'` go).
///
/// ```
/// use envoi::contacts::import::normalize_header;
///
/// assert_eq!(normalize_header(" E-Mail-Adresse "), "emailadresse");
/// assert_eq!(normalize_header("Téléphone"), "telephone");
/// assert_eq!(normalize_header("first_name"), "firstname");
/// ```
pub fn normalize_header(header: &str) -> String {
    header
        .nfd()
        .filter(|character| !is_combining_mark(*character))
        .flat_map(char::to_lowercase)
        .filter(|character| character.is_alphanumeric())
        .collect()
}

/// The field a header name means, if it is one of the known names or variants.
///
/// ```
/// use envoi::contacts::import::{guess_field, ContactField};
///
/// assert_eq!(guess_field("Courriel"), Some(ContactField::Email));
/// assert_eq!(guess_field("HANDY"), Some(ContactField::Mobile));
/// assert_eq!(guess_field("Société"), None);
/// ```
pub fn guess_field(header: &str) -> Option<ContactField> {
    let normalized = normalize_header(header);
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == normalized)
        .map(|(_, field)| *field)
}

/// Every alias of the table, normalised, with its field (for documentation and tests).
///
/// ```
/// use envoi::contacts::import::{header_aliases, ContactField};
///
/// assert!(header_aliases().contains(&("voornaam", ContactField::FirstName)));
/// ```
pub fn header_aliases() -> &'static [(&'static str, ContactField)] {
    ALIASES
}

/// Decides every column's target: the explicit `mapping` first (keyed by the header text as in the
/// file, trimmed), then the alias table, else a custom field under the header text (an unnamed
/// column is the custom field `column <n>`, 1-based).
///
/// Errors: a mapping key that is no column's header ([`ImportError::UnknownMappingColumn`]), and
/// two columns that would fill the same field or custom field ([`ImportError::DuplicateColumn`],
/// naming both). Header texts are trimmed of spaces and a stray byte-order mark.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::ErrorCode;
/// use envoi::contacts::import::{resolve_header, ColumnTarget, ContactField};
///
/// let error = resolve_header(&["Nom", "Téléphone", "GSM"], &BTreeMap::new()).unwrap_err();
/// assert_eq!(error.code(), "contacts.import.duplicate_column");
/// assert!(error.to_string().contains("\"Téléphone\" (column 2) and \"GSM\" (column 3)"));
///
/// let mapping = BTreeMap::from([("Téléphone".to_owned(), ColumnTarget::Custom("Fixe".to_owned()))]);
/// let columns = resolve_header(&["Nom", "Téléphone", "GSM"], &mapping)?;
/// assert_eq!(columns[2].target, ColumnTarget::Field(ContactField::Mobile));
/// # Ok::<(), envoi::contacts::import::ImportError>(())
/// ```
pub fn resolve_header<S: AsRef<str>>(
    headers: &[S],
    mapping: &BTreeMap<String, ColumnTarget>,
) -> Result<Vec<Column>, ImportError> {
    let trimmed: Vec<String> = headers
        .iter()
        .map(|header| {
            header
                .as_ref()
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .to_owned()
        })
        .collect();
    for key in mapping.keys() {
        if !trimmed.iter().any(|header| header == key.trim()) {
            return Err(ImportError::UnknownMappingColumn {
                column: key.clone(),
                headers: trimmed.clone(),
            });
        }
    }
    let columns: Vec<Column> = trimmed
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let explicit = mapping
                .iter()
                .find(|(key, _)| key.trim() == header)
                .map(|(_, target)| target.clone());
            let guessed = explicit.is_none();
            let target = explicit.unwrap_or_else(|| match guess_field(&header) {
                Some(field) => ColumnTarget::Field(field),
                None if header.is_empty() => ColumnTarget::Custom(format!("column {}", index + 1)),
                None => ColumnTarget::Custom(header.clone()),
            });
            Column {
                header,
                target,
                guessed,
            }
        })
        .collect();
    // A phone column also fills the custom field named by its header (with a number that is not a
    // mobile), so no other column may fill that custom field.
    let claims = |column: &Column, target: &ColumnTarget| {
        column.target == *target
            || column.target == ColumnTarget::Field(ContactField::Mobile)
                && *target == ColumnTarget::Custom(column.header.clone())
    };
    for (second, column) in columns.iter().enumerate() {
        if column.target == ColumnTarget::Ignore {
            continue;
        }
        if let Some(first) = columns[..second].iter().position(|earlier| {
            claims(earlier, &column.target)
                || matches!(&column.target, ColumnTarget::Field(ContactField::Mobile))
                    && earlier.target == ColumnTarget::Custom(column.header.clone())
        }) {
            return Err(ImportError::DuplicateColumn {
                target: column.target.to_string(),
                first: columns[first].header.clone(),
                first_position: first + 1,
                second: column.header.clone(),
                second_position: second + 1,
            });
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_normalised_and_listed_once() {
        for (index, (alias, _)) in ALIASES.iter().enumerate() {
            assert_eq!(
                normalize_header(alias),
                *alias,
                "alias {alias} is not normalised"
            );
            assert!(
                ALIASES[..index].iter().all(|(earlier, _)| earlier != alias),
                "alias {alias} is listed twice"
            );
        }
    }
}
