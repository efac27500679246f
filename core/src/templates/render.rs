//! Where field values come from at send time ([`FieldSource`]) and the one-pass renderer.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::error::TemplateError;
use super::field_name_for;
use super::{Field, Segment, Template};
use crate::contacts::Contact;

/// Where the values of a recipient's fields come from when a template is rendered: the contact
/// (its fields and custom fields), the task's own fields ([`TaskFields::for_recipient`](super::TaskFields::for_recipient)),
/// or any map of names to values.
///
/// Names are asked in their canonical lower-case form (`first_name`). A value that is `None`,
/// empty or only spaces counts as missing: the field's fallback is used, or the recipient is skipped
/// ([`TemplateError::MissingValue`]).
///
/// Sources chain as a pair or a triple: `(contact, task_fields)` asks the contact first and the
/// task's fields for what the contact lacks (missing or blank).
///
/// ```
/// use std::borrow::Cow;
/// use std::collections::{BTreeMap, HashMap};
/// use envoi::templates::{FieldSource, Template};
///
/// struct Contact { first_name: String }
/// impl FieldSource for Contact {
///     fn field(&self, name: &str) -> Option<Cow<'_, str>> {
///         (name == "first_name").then(|| Cow::Borrowed(self.first_name.as_str()))
///     }
/// }
///
/// let contact = Contact { first_name: "Léa".into() };
/// let task = HashMap::from([("shop".to_owned(), "Mons".to_owned()), ("first_name".to_owned(), "x".to_owned())]);
/// let template = Template::parse("Bonjour {{first_name}}, votre commande est prête à {{shop}}.")?;
/// assert_eq!(template.render(&(&contact, &task))?, "Bonjour Léa, votre commande est prête à Mons.");
/// assert_eq!(BTreeMap::<String, String>::new().field("shop"), None);
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
pub trait FieldSource {
    /// The value of the field `name` for this recipient, if it has one.
    fn field(&self, name: &str) -> Option<Cow<'_, str>>;
}

impl FieldSource for BTreeMap<String, String> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(|value| Cow::Borrowed(value.as_str()))
    }
}

impl<S: BuildHasher> FieldSource for HashMap<String, String, S> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        self.get(name).map(|value| Cow::Borrowed(value.as_str()))
    }
}

impl<T: FieldSource + ?Sized> FieldSource for &T {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        (**self).field(name)
    }
}

impl<T: FieldSource + ?Sized> FieldSource for Box<T> {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        (**self).field(name)
    }
}

/// A contact is a field source: its standard fields ([`Contact::STANDARD_FIELDS`]) and its custom
/// fields, read at render time (late binding: the value sent is the contact's value at that send).
/// Templates depend on contacts, not the other way round.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::contacts::Contact;
/// use envoi::templates::Template;
///
/// let mut contact = Contact::new();
/// contact.first_name = "Léa".to_owned();
/// contact.custom_fields.insert("Magasin".to_owned(), "Mons".to_owned()); // a CSV column
/// let task = BTreeMap::from([("date".to_owned(), "mardi 3 mars".to_owned())]);
/// let template = Template::parse("Bonjour {{first_name}}, RDV {{date}} à {{magasin}} ({{last_name|client}}).")?;
/// template.validate(Contact::STANDARD_FIELDS.iter().copied().chain(["Magasin", "date"]))?;
/// assert_eq!(template.render(&(&contact, &task))?, "Bonjour Léa, RDV mardi 3 mars à Mons (client).");
/// # Ok::<(), envoi::templates::TemplateError>(())
/// ```
///
/// A custom field is found under the name a template writes it as ([`field_name_for`]): a column
/// `Code postal` imported from a CSV is `{{code_postal}}`.
impl FieldSource for Contact {
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        Contact::field(self, name).or_else(|| {
            self.custom_fields
                .iter()
                .find(|(key, _)| field_name_for(key).as_deref() == Some(name))
                .map(|(_, value)| value.as_str())
                .filter(|value| !value.trim().is_empty())
                .map(Cow::Borrowed)
        })
    }
}

/// A value that is there and not blank.
fn present(value: Option<Cow<'_, str>>) -> Option<Cow<'_, str>> {
    value.filter(|value| !value.trim().is_empty())
}

impl<A: FieldSource, B: FieldSource> FieldSource for (A, B) {
    /// The first source's value, or the second's when the first has none or a blank one.
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        present(self.0.field(name)).or_else(|| self.1.field(name))
    }
}

impl<A: FieldSource, B: FieldSource, C: FieldSource> FieldSource for (A, B, C) {
    /// The first non-blank value of the three sources, in order.
    fn field(&self, name: &str) -> Option<Cow<'_, str>> {
        present(self.0.field(name))
            .or_else(|| present(self.1.field(name)))
            .or_else(|| self.2.field(name))
    }
}

impl Template {
    /// Renders the template for one recipient: each field takes its value from `source`, or its
    /// fallback when the value is missing or blank. Values are inserted as they are and never read
    /// as template text (a value holding `{{` stays text).
    ///
    /// A field without value and without fallback refuses the recipient with
    /// [`TemplateError::MissingValue`] (`templates.missing_value`): the engine reports it skipped.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use envoi::ErrorCode;
    /// use envoi::templates::Template;
    ///
    /// let template = Template::parse("Bonjour {{ first_name | cher client }}, RDV le {{date}}.")?;
    /// let mut fields = BTreeMap::from([("date".to_owned(), "3 mars 2026".to_owned())]);
    /// assert_eq!(template.render(&fields)?, "Bonjour cher client, RDV le 3 mars 2026.");
    /// fields.insert("first_name".into(), "Léa".into());
    /// assert_eq!(template.render(&fields)?, "Bonjour Léa, RDV le 3 mars 2026.");
    ///
    /// fields.insert("date".into(), "  ".into()); // blank: missing, and no fallback
    /// let error = template.render(&fields).unwrap_err();
    /// assert_eq!(error.code(), "templates.missing_value");
    /// assert!(error.to_string().contains("{{date}}"));
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn render(&self, source: &impl FieldSource) -> Result<String, TemplateError> {
        let mut out = String::with_capacity(self.rendered_size_hint());
        self.render_into(source, &mut out)?;
        Ok(out)
    }

    /// Renders like [`render`](Self::render), appending to `out` so that one buffer serves every
    /// recipient. On an error, `out` is left as it was before the call.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use envoi::templates::Template;
    ///
    /// let template = Template::parse("Hi {{name}}!")?;
    /// let mut buffer = String::new();
    /// for name in ["Ann", "Bob"] {
    ///     buffer.clear();
    ///     template.render_into(&BTreeMap::from([("name".to_owned(), name.to_owned())]), &mut buffer)?;
    ///     assert_eq!(buffer, format!("Hi {name}!"));
    /// }
    /// assert!(template.render_into(&BTreeMap::new(), &mut buffer).is_err());
    /// assert_eq!(buffer, "Hi Bob!");
    /// # Ok::<(), envoi::templates::TemplateError>(())
    /// ```
    pub fn render_into(
        &self,
        source: &impl FieldSource,
        out: &mut String,
    ) -> Result<(), TemplateError> {
        let start = out.len();
        for (segment, position) in self.segments.iter().zip(&self.positions) {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Field(Field { name, fallback }) => {
                    match (present(source.field(name)), fallback) {
                        (Some(value), _) => out.push_str(&value),
                        (None, Some(fallback)) => out.push_str(fallback),
                        (None, None) => {
                            out.truncate(start);
                            return Err(TemplateError::MissingValue {
                                name: name.clone(),
                                position: *position,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The length of the text segments plus a little per field: a first guess for the buffer.
    fn rendered_size_hint(&self) -> usize {
        self.segments
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => text.len(),
                Segment::Field(_) => 16,
            })
            .sum()
    }
}
