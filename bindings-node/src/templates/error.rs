//! `TemplateError` → a thrown JS `Error` whose `.code` is the core's code (`templates.…`), whose
//! `.message` is the core's message, and whose properties are the error's fields, camelCased (see
//! [`fields`]): `line` and `column` (from 1, the column in characters) of every position,
//! `excerpt`, `until` (`'end_of_text'`, `'end_of_line'`, `'next_field'` with `untilLine` and
//! `untilColumn`), `character` and `hint`, `name`, `known` and `suggestion`; `templates.unknown_field` also has
//! `unknown`, every unknown use in reading order (`{ name, line, column, suggestion }`), the first
//! one's fields being at the top level.

use std::ffi::CStr;

use envoi::templates::{Position, TemplateError, UnclosedAt};

use crate::errors::Field;

#[allow(
    clippy::cast_precision_loss,
    reason = "lines and columns stay far below 2^53"
)]
fn number(value: usize) -> Field {
    Field::Number(value as f64)
}

fn text(value: &str) -> Field {
    Field::Text(value.to_owned())
}

/// `line` and `column` of a position.
fn position_fields(position: &Position) -> [(&'static CStr, Field); 2] {
    [
        (c"line", number(position.line)),
        (c"column", number(position.column)),
    ]
}

/// The fields of `error` as (property name, value): the core's field names, camelCased, a
/// position as `line` and `column`.
pub fn fields(error: &TemplateError) -> Vec<(&'static CStr, Field)> {
    let mut fields = Vec::new();
    match error {
        TemplateError::UnclosedField {
            position,
            excerpt,
            until,
            ..
        } => {
            fields.extend(position_fields(position));
            fields.push((c"excerpt", text(excerpt)));
            match until {
                UnclosedAt::EndOfText => fields.push((c"until", text("end_of_text"))),
                UnclosedAt::EndOfLine => fields.push((c"until", text("end_of_line"))),
                UnclosedAt::NextField(next) => fields.extend([
                    (c"until", text("next_field")),
                    (c"untilLine", number(next.line)),
                    (c"untilColumn", number(next.column)),
                ]),
            }
        }
        TemplateError::EmptyName {
            position, excerpt, ..
        } => {
            fields.extend(position_fields(position));
            fields.push((c"excerpt", text(excerpt)));
        }
        TemplateError::InvalidName {
            position,
            character,
            excerpt,
            hint,
            ..
        } => {
            fields.extend(position_fields(position));
            fields.extend([
                (c"character", Field::Text(character.to_string())),
                (c"excerpt", text(excerpt)),
                (c"hint", hint.as_deref().map_or(Field::Null, text)),
            ]);
        }
        TemplateError::UnknownField {
            fields: uses,
            known,
            ..
        } => {
            // Every unknown use in reading order as `unknown`; the first one's also at the top.
            if let Some(first) = uses.first() {
                fields.push((c"name", text(&first.name)));
                fields.extend(position_fields(&first.position));
                fields.push((
                    c"suggestion",
                    first.suggestion.as_deref().map_or(Field::Null, text),
                ));
            }
            let unknown = uses
                .iter()
                .map(|field_use| {
                    let mut object = vec![(c"name", text(&field_use.name))];
                    object.extend(position_fields(&field_use.position));
                    object.push((
                        c"suggestion",
                        field_use.suggestion.as_deref().map_or(Field::Null, text),
                    ));
                    Field::Object(object)
                })
                .collect();
            fields.extend([
                (c"unknown", Field::List(unknown)),
                (
                    c"known",
                    Field::List(known.iter().map(|name| text(name)).collect()),
                ),
            ]);
        }
        TemplateError::MissingValue { name, position, .. } => {
            fields.push((c"name", text(name)));
            fields.extend(position_fields(position));
        }
        TemplateError::InvalidTaskField { name, .. } => fields.push((c"name", text(name))),
        // `TemplateError` is `#[non_exhaustive]`: a variant added to the core later still throws
        // with its code and message.
        _ => {}
    }
    fields
}
