//! `envoi.templates`: merge-field templates (mirrors `envoi::templates`).
//!
//! Only conversions. A [`Template`] is the core's parsed template; `render` takes the recipient as
//! an `envoi.contacts.Contact` or a dict of field values (`{"first_name": "Léa"}`), then `extra`,
//! a dict of the task's own values, read in that order (the core's `(contact, extra)` source).
//! Dates come in as `datetime.date`s and languages as codes (`"fr"`), read by the core.
//!
//! A [`TemplateError`] becomes `envoi.TemplateError` with the core's code and message and the
//! variant's fields as attributes ([`template_err`]): positions are `line` and `column` (from 1, the
//! column in characters).

use std::collections::BTreeMap;

use chrono::NaiveTime;
use envoi::templates::{Position, TemplateError, UnclosedAt};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::contacts::{Contact, contact_of};
use crate::errors::{guard, to_py_err_with_fields};
use crate::schedule::Day;
use crate::vat::language_arg;

/// `datetime.time`.
static TIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a template error: `envoi.TemplateError` with the variant's fields as
/// attributes.
pub(crate) fn template_err(py: Python<'_>, error: TemplateError) -> PyErr {
    match template_fields(py, &error) {
        Ok(fields) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// `line` and `column` of a position.
fn set_position(fields: &Bound<'_, PyDict>, position: &Position) -> PyResult<()> {
    fields.set_item("line", position.line)?;
    fields.set_item("column", position.column)
}

/// The fields of a template error, named as the core names them (a position as `line` and
/// `column`; where an unclosed field's search stopped as `until`, `until_line`, `until_column`).
fn template_fields<'py>(py: Python<'py>, error: &TemplateError) -> PyResult<Bound<'py, PyDict>> {
    let fields = PyDict::new(py);
    match error {
        TemplateError::UnclosedField {
            position,
            excerpt,
            until,
        } => {
            set_position(&fields, position)?;
            fields.set_item("excerpt", excerpt)?;
            let until = match until {
                UnclosedAt::EndOfText => "end_of_text",
                UnclosedAt::EndOfLine => "end_of_line",
                UnclosedAt::NextField(next) => {
                    fields.set_item("until_line", next.line)?;
                    fields.set_item("until_column", next.column)?;
                    "next_field"
                }
            };
            fields.set_item("until", until)?;
        }
        TemplateError::EmptyName { position, excerpt } => {
            set_position(&fields, position)?;
            fields.set_item("excerpt", excerpt)?;
        }
        TemplateError::InvalidName {
            position,
            character,
            excerpt,
            hint,
        } => {
            set_position(&fields, position)?;
            fields.set_item("character", character.to_string())?;
            fields.set_item("excerpt", excerpt)?;
            fields.set_item("hint", hint)?;
        }
        TemplateError::UnknownField {
            fields: uses,
            known,
        } => {
            // Every unknown use, in reading order; the first one's also at the top level.
            let list = PyList::empty(py);
            for field_use in uses {
                let item = PyDict::new(py);
                item.set_item("name", &field_use.name)?;
                set_position(&item, &field_use.position)?;
                item.set_item("suggestion", &field_use.suggestion)?;
                list.append(item)?;
            }
            if let Some(first) = uses.first() {
                fields.set_item("name", &first.name)?;
                set_position(&fields, &first.position)?;
                fields.set_item("suggestion", &first.suggestion)?;
            }
            fields.set_item("unknown", list)?;
            fields.set_item("known", known)?;
        }
        TemplateError::MissingValue { name, position } => {
            fields.set_item("name", name)?;
            set_position(&fields, position)?;
        }
        TemplateError::InvalidTaskField { name } => fields.set_item("name", name)?,
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(fields)
}

// ---- Template ------------------------------------------------------------------------------------

/// A merge-field template: `Bonjour {{ first_name | client }}, votre RDV est le {{date}}.`
///
/// Made from its text (read in one pass by the core: `envoi.TemplateError` with `line` and
/// `column` for `templates.unclosed_field`, `templates.empty_name`, `templates.invalid_name`).
/// `str()` is the canonical text, `source` the text as written. Immutable; equal when the segments
/// are (however they were written).
#[pyclass(module = "envoi.templates", frozen, eq)]
#[derive(PartialEq)]
pub struct Template(envoi::templates::Template);

/// The field values of a `render` argument: a `Contact` (its fields and custom fields, as the
/// core reads them) or a dict of text.
enum Values {
    Contact(envoi::contacts::Contact),
    Map(BTreeMap<String, String>),
}

impl envoi::templates::FieldSource for Values {
    fn field(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Values::Contact(contact) => envoi::templates::FieldSource::field(contact, name),
            Values::Map(map) => map.field(name),
        }
    }
}

/// A `render` argument: None, a `Contact` or a dict of text.
fn values_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Values> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(Values::Map(BTreeMap::new()));
    };
    if let Ok(contact) = value.cast::<Contact>() {
        return Ok(Values::Contact(contact_of(py, contact)?));
    }
    if value.cast::<PyDict>().is_ok() {
        return Ok(Values::Map(value.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "{name}: expected an envoi.contacts.Contact or a dict of text, not {}",
        value.get_type().name()?
    )))
}

#[pymethods]
impl Template {
    /// Reads a template. Raises `envoi.TemplateError`.
    #[new]
    fn new(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::templates::Template::parse(text)
                .map(Template)
                .map_err(|error| template_err(py, error))
        })
    }

    /// The text the template was written with.
    #[getter]
    fn source(&self) -> &str {
        self.0.source()
    }

    /// The distinct field names (lower case), in order of first use.
    #[getter]
    fn fields(&self) -> Vec<String> {
        self.0.fields().to_vec()
    }

    /// Every use of a field, in order: `(name, fallback or None, line, column)` of its `{{`.
    fn occurrences(&self) -> Vec<(String, Option<String>, usize, usize)> {
        self.0
            .occurrences()
            .map(|(field, at)| {
                (
                    field.name.clone(),
                    field.fallback.clone(),
                    at.line,
                    at.column,
                )
            })
            .collect()
    }

    /// Checks, when a task is created, that every field is known (`known`: the contact fields,
    /// custom fields and task fields the task offers). Raises `envoi.TemplateError`
    /// (`templates.unknown_field`, with `name`, `line`, `column`, `known` and `suggestion`).
    fn validate(&self, py: Python<'_>, known: Vec<String>) -> PyResult<()> {
        guard(py, || {
            self.0
                .validate(&known)
                .map_err(|error| template_err(py, error))
        })
    }

    /// The text for one recipient: each field from `contact` (an `envoi.contacts.Contact` or a
    /// dict of text), else from `extra` (a dict of the task's values), else its fallback. Raises
    /// `envoi.TemplateError` (`templates.missing_value`, with `name`, `line`, `column`): a field
    /// with no value and no fallback skips the recipient.
    #[pyo3(signature = (contact = None, extra = None))]
    fn render(
        &self,
        py: Python<'_>,
        contact: Option<&Bound<'_, PyAny>>,
        extra: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        guard(py, || {
            let source = (
                values_arg(py, contact, "contact")?,
                values_arg(py, extra, "extra")?,
            );
            self.0
                .render(&source)
                .map_err(|error| template_err(py, error))
        })
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            py.get_type::<Template>().into_any(),
            (self.0.source().to_owned(),),
        ))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Template({})",
            PyString::new(py, self.0.source()).repr()?
        ))
    }
}

/// A date as the recipient reads it in `language`: `"3 mars 2026"`, `"1er mai 2026"`,
/// `"3 maart 2026"`, `"3. März 2026"`, `"3 March 2026"`. Raises `envoi.LanguageError`.
#[pyfunction]
pub fn format_date(py: Python<'_>, date: Day, language: &str) -> PyResult<String> {
    guard(py, || {
        Ok(envoi::templates::format_date(
            date.0,
            language_arg(py, language)?,
        ))
    })
}

/// A date with its weekday: `"mardi 3 mars 2026"`, `"Dienstag, 3. März 2026"`. Raises
/// `envoi.LanguageError`.
#[pyfunction]
pub fn format_date_with_weekday(py: Python<'_>, date: Day, language: &str) -> PyResult<String> {
    guard(py, || {
        Ok(envoi::templates::format_date_with_weekday(
            date.0,
            language_arg(py, language)?,
        ))
    })
}

/// A time of day on the 24-hour clock, `"09:05"`, in every language envoi writes (`time`: a
/// `datetime.time`; its seconds are not written).
#[pyfunction]
pub fn format_time(py: Python<'_>, time: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || {
        if !time.is_instance(TIME.import(py, "datetime", "time")?)? {
            return Err(PyTypeError::new_err(format!(
                "time: expected a datetime.time, not {}",
                time.get_type().name()?
            )));
        }
        let hour: u32 = time.getattr(pyo3::intern!(py, "hour"))?.extract()?;
        let minute: u32 = time.getattr(pyo3::intern!(py, "minute"))?.extract()?;
        let second: u32 = time.getattr(pyo3::intern!(py, "second"))?.extract()?;
        let time = NaiveTime::from_hms_opt(hour, minute, second)
            .ok_or_else(|| PyTypeError::new_err("time: not a time of day"))?;
        Ok(envoi::templates::format_time(time))
    })
}

/// The merge-field name a column header or custom field is written as in a template
/// (`"Code postal"` → `"code_postal"`); None when nothing of it can be a name.
#[pyfunction]
pub fn field_name_for(written: &str) -> Option<String> {
    envoi::templates::field_name_for(written)
}

/// Registers the classes and functions of `envoi.templates`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Template>()?;
    module.add_function(wrap_pyfunction!(format_date, module)?)?;
    module.add_function(wrap_pyfunction!(format_date_with_weekday, module)?)?;
    module.add_function(wrap_pyfunction!(format_time, module)?)?;
    module.add_function(wrap_pyfunction!(field_name_for, module)?)?;
    module.add("SUGGESTION_DISTANCE", envoi::templates::SUGGESTION_DISTANCE)?;
    Ok(())
}
