//! `templates.Template` and `templates.fieldNameFor`: the Node face of `envoi::templates::Template`
//! (parse, validate when a task is created, render per recipient).

use std::collections::BTreeMap;

use envoi::templates::{self as core_templates, Segment};
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;

use crate::args::{array_items, instance_arg, napi_error, option_field, string_arg, type_of};
use crate::contacts::Contact;
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};

/// A piece of a template: text as it is sent (escapes resolved), or a field.
#[napi(
    object,
    object_from_js = false,
    namespace = "templates",
    use_nullable = true
)]
pub struct TemplateSegment {
    /// The text of a text segment (`null` for a field).
    pub text: Option<String>,
    /// The name of a field, in lower case (`null` for text).
    pub field: Option<String>,
    /// The fallback of a field (trimmed), or `null`: without one, a recipient with no value is
    /// skipped.
    pub fallback: Option<String>,
}

/// One use of a field, with where its `{{` is in the source.
#[napi(
    object,
    object_from_js = false,
    namespace = "templates",
    use_nullable = true
)]
pub struct FieldUse {
    /// The field's name, in lower case.
    pub name: String,
    /// Its fallback, or `null`.
    pub fallback: Option<String>,
    /// The line of its `{{`, from 1.
    pub line: u32,
    /// The column of its `{{` in characters, from 1.
    pub column: u32,
}

/// A count as a JS number, saturating (lines and columns stay far below 2^32).
fn small(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A message written once, rendered per recipient at send time (SPEC section 3): text with merge
/// fields `{{first_name}}`, `{{ first_name | dear customer }}` (a fallback, used when the recipient
/// has no value). A field name is letters `a`–`z`, digits and `_` (capitals read as lower case);
/// a field is written on one line; a literal `{{` is written `\{{`.
///
/// Errors give the line and the column in characters and the offending text:
/// `templates.unclosed_field`, `templates.empty_name`, `templates.invalid_name` when it is read,
/// `templates.unknown_field` when a task is created ({@link Template.validate}),
/// `templates.missing_value` at send time ({@link Template.render}).
///
/// ```js
/// const { templates, contacts } = require('envoi')
/// const template = new templates.Template('Bonjour {{ first_name | client }}, votre RDV est le {{date}}.')
/// template.fields                                        // ['first_name', 'date']
/// template.validate([...contacts.Contact.standardFields(), 'date'])
/// const lea = new contacts.Contact({ firstName: 'Léa' })
/// template.render(lea, { date: '3 mars' })               // 'Bonjour Léa, votre RDV est le 3 mars.'
/// template.render({ date: '3 mars' })                    // 'Bonjour client, votre RDV est le 3 mars.'
/// ```
#[napi(namespace = "templates")]
pub struct Template {
    inner: core_templates::Template,
}

#[napi(namespace = "templates")]
impl Template {
    /// Reads a template, in one pass. Throws `templates.unclosed_field` (`line`, `column`,
    /// `excerpt`, `until`), `templates.empty_name` (`line`, `column`, `excerpt`) or
    /// `templates.invalid_name` (`line`, `column`, `character`, `excerpt`, `hint`: a valid name
    /// close to what was written, or `null`).
    #[napi(constructor)]
    pub fn new(env: Env, text: String) -> napi::Result<Self, Code> {
        guard(|| {
            core_templates::Template::parse(&text)
                .map(|inner| Template { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// The text the template was written with.
    #[napi(getter)]
    pub fn source(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.source().to_owned()))
    }

    /// The distinct field names, in order of first use.
    #[napi(getter)]
    pub fn fields(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| Ok(self.inner.fields().to_vec()))
    }

    /// The text and field segments, in order.
    #[napi(getter)]
    pub fn segments(&self) -> napi::Result<Vec<TemplateSegment>, Code> {
        guard(|| {
            Ok(self
                .inner
                .segments()
                .iter()
                .map(|segment| match segment {
                    Segment::Text(text) => TemplateSegment {
                        text: Some(text.clone()),
                        field: None,
                        fallback: None,
                    },
                    Segment::Field(field) => TemplateSegment {
                        text: None,
                        field: Some(field.name.clone()),
                        fallback: field.fallback.clone(),
                    },
                })
                .collect())
        })
    }

    /// Every use of a field with where its `{{` is, in order.
    #[napi]
    pub fn occurrences(&self) -> napi::Result<Vec<FieldUse>, Code> {
        guard(|| {
            Ok(self
                .inner
                .occurrences()
                .map(|(field, position)| FieldUse {
                    name: field.name.clone(),
                    fallback: field.fallback.clone(),
                    line: small(position.line),
                    column: small(position.column),
                })
                .collect())
        })
    }

    /// The canonical text (`{{name}}`, `{{name|fallback}}`, escapes only where needed), which
    /// reads back as an equal template.
    #[napi(js_name = "toString")]
    pub fn to_text(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.to_string()))
    }

    /// Whether `other` has the same segments, however it was written (`{{ a | b }}` equals
    /// `{{a|b}}`). `InvalidArg` when `other` is not a `Template`.
    #[napi(strict)]
    pub fn equals(&self, other: &Template) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// Checks, when a task is created, that every field is `known`: contact fields
    /// ({@link contacts.Contact.standardFields}), custom fields (as the host names them: `'Code
    /// postal'` is `{{code_postal}}`) and the task's own fields. An unknown field throws
    /// `templates.unknown_field` with `unknown` (every unknown use in reading order, each
    /// `{ name, line, column, suggestion }`), `known` (sorted, as a template writes them), and the
    /// first use's `name`, `line`, `column` and `suggestion` (the closest known name within two
    /// edits, or `null`).
    #[napi(ts_args_type = "known: string[]")]
    pub fn validate(&self, env: Env, known: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let known = array_items("known", &known, "an array of field names")?
                .iter()
                .enumerate()
                .map(|(index, name)| string_arg(&format!("known[{index}]"), name))
                .collect::<Result<Vec<_>, _>>()?;
            self.inner
                .validate(&known)
                .map_err(|error| envoi_error(env, error))
        })
    }

    /// Renders the template for one recipient: each field takes its value from `contact` (a
    /// {@link contacts.Contact}: its fields and custom fields; or a plain object of field values),
    /// then from `extra` (the task's own values, a plain object: `{ date: '3 mars 2026' }`), else
    /// its fallback. A value that is missing, empty or only spaces counts as none. Values are
    /// inserted as they are, never read as template text.
    ///
    /// A field with neither value nor fallback throws `templates.missing_value` (`name`, `line`,
    /// `column`): the recipient is skipped.
    #[napi(
        ts_args_type = "contact: contacts.Contact | Record<string, string>, extra?: Record<string, string> | undefined | null"
    )]
    pub fn render(
        &self,
        env: Env,
        contact: Unknown<'_>,
        extra: Option<Unknown<'_>>,
    ) -> napi::Result<String, Code> {
        guard(|| {
            let extra = match &extra {
                Some(extra) => values_arg("extra", extra)?,
                None => BTreeMap::new(),
            };
            let rendered = if type_of("contact", &contact)? == ValueType::Object
                && let Ok(contact) = instance_arg::<Contact>("contact", &contact, "")
            {
                self.inner.render(&(&contact.inner, &extra))
            } else {
                let values = values_arg("contact", &contact)?;
                self.inner.render(&(&values, &extra))
            };
            rendered.map_err(|error| envoi_error(env, error))
        })
    }
}

/// A plain object of field values (strings); `undefined` and `null` values are no value.
fn values_arg(name: &str, value: &Unknown<'_>) -> Result<BTreeMap<String, String>, JsError> {
    match type_of(name, value)? {
        ValueType::Undefined | ValueType::Null => return Ok(BTreeMap::new()),
        ValueType::Object if !value.is_array().unwrap_or(false) => {}
        _ => {
            return Err(invalid_arg(format!(
                "{name}: expected a contacts.Contact or a plain object of strings such as {{ first_name: 'Léa' }}"
            )));
        }
    }
    // SAFETY: `value` is a live handle of the current call and an object (checked just above).
    let object = unsafe { value.cast::<Object<'_>>() }.map_err(napi_error)?;
    let mut values = BTreeMap::new();
    for key in Object::keys(&object).map_err(napi_error)? {
        if let Some(item) = option_field(&object, &key)? {
            let text = string_arg(&format!("{name}.{key}"), &item)?;
            values.insert(key, text);
        }
    }
    Ok(values)
}

/// The merge-field name a column header or a custom field's key is written as in a template:
/// accents removed, lower case, every run of other characters one `_` (`'Code postal'` →
/// `'code_postal'`, `'Prénom'` → `'prenom'`); `null` when nothing of it can be a name (`'3e'`).
#[napi(namespace = "templates")]
pub fn field_name_for(written: String) -> napi::Result<Option<String>, Code> {
    guard(|| Ok(core_templates::field_name_for(&written)))
}
