//! Header mapping: which contact field each column fills, guessed from its name in FR, NL, DE or
//! EN, or given explicitly.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

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
    ///
    /// ```
    /// use envoi::contacts::import::ContactField;
    ///
    /// let names: Vec<&str> = ContactField::ALL.iter().map(|field| field.name()).collect();
    /// assert_eq!(names, ["first_name", "last_name", "email", "mobile", "language", "time_zone"]);
    /// ```
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

/// How sure an alias is of its field: when two guessed columns would fill one field, the
/// [`Specific`](AliasRank::Specific) one fills it and the [`Generic`](AliasRank::Generic) one
/// becomes a custom field under its header; two of the same rank stop the import
/// (`contacts.import.duplicate_column`).
///
/// ```
/// use envoi::contacts::import::{guess_field, header_aliases, AliasRank, ContactField};
///
/// let rank = |name: &str| header_aliases().iter().find(|alias| alias.name == name).map(|alias| alias.rank);
/// assert_eq!(rank("gsm"), Some(AliasRank::Specific));
/// assert_eq!(rank("telephone"), Some(AliasRank::Generic));
/// assert!(AliasRank::Specific > AliasRank::Generic);
/// assert_eq!(guess_field("Téléphone"), Some(ContactField::Mobile));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasRank {
    /// A name that may mean the field or something near it: `Phone`, `Téléphone`, `Telefoon`,
    /// `Telefon` (a mobile or a fixed line), `Name`, `Naam` (the family name or the full name).
    Generic,
    /// A name that means the field: `GSM`, `Mobile`, `Handy`, `Nachname`, `E-mail`…
    Specific,
}

/// One entry of the alias table: a header name, normalised (see [`normalize_header`]), the field
/// it fills and its [`AliasRank`].
///
/// ```
/// use envoi::contacts::import::{header_aliases, AliasRank, ContactField, HeaderAlias};
///
/// assert!(header_aliases().contains(&HeaderAlias {
///     name: "handy",
///     field: ContactField::Mobile,
///     rank: AliasRank::Specific,
/// }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderAlias {
    /// The name, normalised: lower case, no accents, only letters and digits.
    pub name: &'static str,
    /// The field a column of that name fills.
    pub field: ContactField,
    /// How sure the name is of it.
    pub rank: AliasRank,
}

const fn alias(name: &'static str, field: ContactField, rank: AliasRank) -> HeaderAlias {
    HeaderAlias { name, field, rank }
}

/// Header names, their field and rank, written normalised (see [`normalize_header`]): lower case,
/// accents and every character that is not a letter or a digit removed. Each alias once.
const ALIASES: &[HeaderAlias] = &[
    // Last name. `Name`/`Naam` alone usually hold the family name next to a first-name column, but
    // may be the full name (Google's `Name` next to `Family Name`): generic.
    alias("nom", ContactField::LastName, AliasRank::Specific),
    alias("nomdefamille", ContactField::LastName, AliasRank::Specific),
    alias("naam", ContactField::LastName, AliasRank::Generic),
    alias("achternaam", ContactField::LastName, AliasRank::Specific),
    alias("familienaam", ContactField::LastName, AliasRank::Specific),
    alias("name", ContactField::LastName, AliasRank::Generic),
    alias("nachname", ContactField::LastName, AliasRank::Specific),
    alias("familienname", ContactField::LastName, AliasRank::Specific),
    alias("lastname", ContactField::LastName, AliasRank::Specific),
    alias("surname", ContactField::LastName, AliasRank::Specific),
    alias("familyname", ContactField::LastName, AliasRank::Specific),
    // First name.
    alias("prenom", ContactField::FirstName, AliasRank::Specific),
    alias("voornaam", ContactField::FirstName, AliasRank::Specific),
    alias("vorname", ContactField::FirstName, AliasRank::Specific),
    alias("firstname", ContactField::FirstName, AliasRank::Specific),
    alias("givenname", ContactField::FirstName, AliasRank::Specific),
    alias("forename", ContactField::FirstName, AliasRank::Specific),
    // Phone: the one number column of most exports is where the mobile is. A mobile-specific name
    // (GSM, Mobile, Portable, Mobiel, Handy, Mobile Phone, Cell…) outranks a generic one (Phone,
    // Téléphone, Telefoon, Telefon…), which then becomes a custom field. Google's first phone
    // (`Phone 1 - Value`) is generic; Outlook's `Business Phone`, `Home Phone`… are not aliases
    // (custom fields): `Mobile Phone` is the mobile.
    alias("telephone", ContactField::Mobile, AliasRank::Generic),
    alias("tel", ContactField::Mobile, AliasRank::Generic),
    alias(
        "numerodetelephone",
        ContactField::Mobile,
        AliasRank::Generic,
    ),
    alias(
        "telephoneportable",
        ContactField::Mobile,
        AliasRank::Specific,
    ),
    alias("telephonemobile", ContactField::Mobile, AliasRank::Specific),
    alias("portable", ContactField::Mobile, AliasRank::Specific),
    alias("gsm", ContactField::Mobile, AliasRank::Specific),
    alias("gsmnummer", ContactField::Mobile, AliasRank::Specific),
    alias("mobile", ContactField::Mobile, AliasRank::Specific),
    alias("mobiel", ContactField::Mobile, AliasRank::Specific),
    alias("mobielnummer", ContactField::Mobile, AliasRank::Specific),
    alias("mobieletelefoon", ContactField::Mobile, AliasRank::Specific),
    alias("telefoon", ContactField::Mobile, AliasRank::Generic),
    alias("telefoonnummer", ContactField::Mobile, AliasRank::Generic),
    alias("handy", ContactField::Mobile, AliasRank::Specific),
    alias("handynummer", ContactField::Mobile, AliasRank::Specific),
    alias("mobil", ContactField::Mobile, AliasRank::Specific),
    alias("mobilnummer", ContactField::Mobile, AliasRank::Specific),
    alias("mobiltelefon", ContactField::Mobile, AliasRank::Specific),
    alias("telefon", ContactField::Mobile, AliasRank::Generic),
    alias("telefonnummer", ContactField::Mobile, AliasRank::Generic),
    alias("phone", ContactField::Mobile, AliasRank::Generic),
    alias("phonenumber", ContactField::Mobile, AliasRank::Generic),
    alias("mobilephone", ContactField::Mobile, AliasRank::Specific),
    alias("mobilenumber", ContactField::Mobile, AliasRank::Specific),
    alias("cellphone", ContactField::Mobile, AliasRank::Specific),
    alias("cell", ContactField::Mobile, AliasRank::Specific),
    alias("cellulaire", ContactField::Mobile, AliasRank::Specific),
    alias("phone1value", ContactField::Mobile, AliasRank::Generic),
    // Email.
    alias("email", ContactField::Email, AliasRank::Specific),
    alias("mail", ContactField::Email, AliasRank::Specific),
    alias("courriel", ContactField::Email, AliasRank::Specific),
    alias("adressemail", ContactField::Email, AliasRank::Specific),
    alias("adresseemail", ContactField::Email, AliasRank::Specific),
    alias("adressecourriel", ContactField::Email, AliasRank::Specific),
    alias("emailadres", ContactField::Email, AliasRank::Specific),
    alias("mailadres", ContactField::Email, AliasRank::Specific),
    alias("emailadresse", ContactField::Email, AliasRank::Specific),
    alias("mailadresse", ContactField::Email, AliasRank::Specific),
    alias("emailaddress", ContactField::Email, AliasRank::Specific),
    // Google Contacts: the first of its numbered addresses (`E-mail 2 - Value` is a custom field).
    alias("email1value", ContactField::Email, AliasRank::Specific),
    // Language.
    alias("langue", ContactField::Language, AliasRank::Specific),
    alias("taal", ContactField::Language, AliasRank::Specific),
    alias("sprache", ContactField::Language, AliasRank::Specific),
    alias("language", ContactField::Language, AliasRank::Specific),
    alias("lang", ContactField::Language, AliasRank::Specific),
    // Time zone.
    alias("fuseauhoraire", ContactField::TimeZone, AliasRank::Specific),
    alias("tijdzone", ContactField::TimeZone, AliasRank::Specific),
    alias("zeitzone", ContactField::TimeZone, AliasRank::Specific),
    alias("timezone", ContactField::TimeZone, AliasRank::Specific),
    alias("tz", ContactField::TimeZone, AliasRank::Specific),
];

/// A header name as the alias table writes it: folded like every name envoi matches
/// ([`crate::text::fold`]: compatibility forms, no accents, no invisible characters), lower case,
/// and only letters and digits kept (spaces, `-`, `_`, `.`, `/`, `'` go).
///
/// ```
/// use envoi::contacts::import::normalize_header;
///
/// assert_eq!(normalize_header(" E-Mail-Adresse "), "emailadresse");
/// assert_eq!(normalize_header("Téléphone"), "telephone");
/// assert_eq!(normalize_header("first_name"), "firstname");
/// ```
pub fn normalize_header(header: &str) -> String {
    crate::text::fold(header)
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
    find_alias(header).map(|alias| alias.field)
}

fn find_alias(header: &str) -> Option<&'static HeaderAlias> {
    let normalized = normalize_header(header);
    ALIASES.iter().find(|alias| alias.name == normalized)
}

/// Every alias of the table, normalised, with its field and rank (for documentation and tests).
///
/// ```
/// use envoi::contacts::import::{header_aliases, ContactField};
///
/// assert!(header_aliases().iter().any(|alias| alias.name == "voornaam" && alias.field == ContactField::FirstName));
/// ```
pub fn header_aliases() -> &'static [HeaderAlias] {
    ALIASES
}

/// Decides every column's target: the explicit `mapping` first (keyed by the header text as in the
/// file, trimmed), then the alias table, else a custom field under the header text (an unnamed
/// column is the custom field `column <n>`, 1-based).
///
/// When guessed columns would fill one field, the one whose alias has the highest [`AliasRank`]
/// fills it and the others become custom fields under their header text, kept as written
/// (`Téléphone` + `GSM`: `GSM` is the mobile, `Téléphone` a custom field) — if that rank is
/// one column's alone and the mapping does not give the field to a column.
///
/// Errors: a mapping key that is no column's header ([`ImportError::UnknownMappingColumn`]), and
/// two columns that would still fill the same field or custom field
/// ([`ImportError::DuplicateColumn`], naming both: two aliases of one rank, or a mapped column and
/// a guessed one). Header texts are trimmed of spaces and a stray byte-order mark.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::ErrorCode;
/// use envoi::contacts::import::{resolve_header, ColumnTarget, ContactField};
///
/// let columns = resolve_header(&["Nom", "Téléphone", "GSM"], &BTreeMap::new())?;
/// assert_eq!(columns[1].target, ColumnTarget::Custom("Téléphone".to_owned()));
/// assert_eq!(columns[2].target, ColumnTarget::Field(ContactField::Mobile));
///
/// let error = resolve_header(&["Nom", "GSM", "Mobile"], &BTreeMap::new()).unwrap_err();
/// assert_eq!(error.code(), "contacts.import.duplicate_column");
/// assert!(error.to_string().contains("\"GSM\" (column 2) and \"Mobile\" (column 3)"));
///
/// let mapping = BTreeMap::from([("Mobile".to_owned(), ColumnTarget::Custom("Autre GSM".to_owned()))]);
/// let columns = resolve_header(&["Nom", "GSM", "Mobile"], &mapping)?;
/// assert_eq!(columns[1].target, ColumnTarget::Field(ContactField::Mobile));
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
    // Each column with the rank of the alias it was guessed by (`None`: given by the mapping, or
    // not an alias).
    let mut ranked: Vec<(Column, Option<AliasRank>)> = trimmed
        .into_iter()
        .enumerate()
        .map(|(index, header)| {
            let explicit = mapping
                .iter()
                .find(|(key, _)| key.trim() == header)
                .map(|(_, target)| target.clone());
            let guessed = explicit.is_none();
            let alias = if guessed { find_alias(&header) } else { None };
            let target = match (explicit, alias) {
                (Some(target), _) => target,
                (None, Some(alias)) => ColumnTarget::Field(alias.field),
                (None, None) if header.is_empty() => {
                    ColumnTarget::Custom(format!("column {}", index + 1))
                }
                (None, None) => ColumnTarget::Custom(header.clone()),
            };
            let column = Column {
                header,
                target,
                guessed,
            };
            (column, alias.map(|alias| alias.rank))
        })
        .collect();
    // Guessed columns that would fill one field: the one of highest rank fills it, if it alone has
    // that rank and no mapping gives the field; the others become custom fields.
    for field in ContactField::ALL {
        let target = ColumnTarget::Field(field);
        let fillers: Vec<usize> = (0..ranked.len())
            .filter(|&position| ranked[position].0.target == target)
            .collect();
        let ranks: Option<Vec<AliasRank>> =
            fillers.iter().map(|&position| ranked[position].1).collect();
        let Some(ranks) = ranks.filter(|ranks| ranks.len() > 1) else {
            continue;
        };
        let best = ranks.iter().copied().max();
        if ranks.iter().filter(|rank| Some(**rank) == best).count() > 1 {
            continue;
        }
        for (&position, rank) in fillers.iter().zip(&ranks) {
            if Some(*rank) != best {
                let column = &mut ranked[position].0;
                column.target = ColumnTarget::Custom(column.header.clone());
            }
        }
    }
    let columns: Vec<Column> = ranked.into_iter().map(|(column, _)| column).collect();
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
        for (index, alias) in ALIASES.iter().enumerate() {
            let name = alias.name;
            assert_eq!(
                normalize_header(name),
                name,
                "alias {name} is not normalised"
            );
            assert!(
                ALIASES[..index].iter().all(|earlier| earlier.name != name),
                "alias {name} is listed twice"
            );
        }
    }
}
