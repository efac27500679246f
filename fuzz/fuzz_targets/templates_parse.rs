//! Fuzzes merge-field templates (`templates::Template::parse`, text a person writes). The input is
//! UTF-8: the template text, then optionally a NUL byte and `name=value` lines, the recipient's
//! fields. Parsing never panics; a refusal carries a `templates.` code, a message and a position
//! inside the text. A template it accepts writes a canonical text that parses to an equal template
//! (and writes itself again), its fields are distinct and canonical, text without `{{` renders to
//! itself, and rendering with any fields never panics: it succeeds, or names a field of the template
//! that has no value and no fallback. Validated with no known field, it reports every use of a
//! field, in reading order.
#![no_main]

use std::collections::BTreeMap;

use envoi::ErrorCode;
use envoi::templates::{Position, Template, TemplateError};
use libfuzzer_sys::fuzz_target;

fn inside(source: &str, position: Position) -> bool {
    let lines = source.split('\n').count();
    position.line >= 1
        && position.line <= lines
        && position.column >= 1
        && position.column
            <= source
                .split('\n')
                .nth(position.line - 1)
                .map_or(0, |line| line.chars().count())
                + 1
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (source, values) = input.split_once('\0').unwrap_or((input, ""));
    let values: BTreeMap<String, String> = values
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();

    let template = match Template::parse(source) {
        Ok(template) => template,
        Err(error) => {
            assert!(error.code().starts_with("templates."), "{error:?}");
            assert!(!error.to_string().is_empty());
            let position = match &error {
                TemplateError::UnclosedField { position, .. }
                | TemplateError::EmptyName { position, .. }
                | TemplateError::InvalidName { position, .. } => *position,
                other => panic!("parse returned {other:?}"),
            };
            assert!(inside(source, position), "{position} outside {source:?}");
            return;
        }
    };
    assert_eq!(template.source(), source);
    let canonical = template.to_string();
    let again = Template::parse(&canonical)
        .unwrap_or_else(|error| panic!("{source:?} → {canonical:?}: {error}"));
    assert_eq!(again, template, "{source:?} → {canonical:?}");
    assert_eq!(again.to_string(), canonical);
    assert_eq!(again.fields(), template.fields());

    let fields = template.fields();
    for (index, name) in fields.iter().enumerate() {
        assert!(!fields[..index].contains(name));
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        );
    }
    for (_, position) in template.occurrences() {
        assert!(inside(source, position), "{position} outside {source:?}");
    }
    if !source.contains("{{") {
        assert!(fields.is_empty());
        assert_eq!(template.render(&values).as_deref(), Ok(source));
    }
    template
        .validate(fields)
        .expect("a template knows its own fields");
    // With no field known, every use is reported, in reading order, each where it is.
    match template.validate(Vec::<&str>::new()) {
        Ok(()) => assert_eq!(template.occurrences().count(), 0),
        Err(TemplateError::UnknownField {
            fields: unknown,
            known,
        }) => {
            assert!(known.is_empty());
            let uses: Vec<_> = template
                .occurrences()
                .map(|(field, at)| (field.name.clone(), at))
                .collect();
            let reported: Vec<_> = unknown
                .iter()
                .map(|field| (field.name.clone(), field.position))
                .collect();
            assert_eq!(reported, uses);
        }
        Err(other) => panic!("validate returned {other:?}"),
    }

    let mut buffer = String::from("kept");
    match template.render_into(&values, &mut buffer) {
        Ok(()) => assert!(buffer.starts_with("kept")),
        Err(TemplateError::MissingValue { name, position }) => {
            assert!(fields.contains(&name));
            assert!(inside(source, position));
            assert_eq!(buffer, "kept");
        }
        Err(other) => panic!("render returned {other:?}"),
    }
});
