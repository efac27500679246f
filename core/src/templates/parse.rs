//! The tokenizer: one pass over the bytes of the text, no regex, and its inverse, the canonical
//! writer used by `Display`.
//!
//! Only ASCII bytes are special (`{`, `\`, `}`, `|`, line feed), so the scan works on bytes and
//! every slice it takes lies on character boundaries. Line and column are computed only where a
//! field starts or an error is reported, moving forward through the text once.

use std::fmt;

use crate::text::fold;

use super::error::{Position, TemplateError, UnclosedAt};
use super::{Field, Segment};

/// How many characters of the source an error shows.
const EXCERPT_CHARS: usize = 40;

/// What the tokenizer makes of a text.
pub(super) struct Parsed {
    pub(super) segments: Vec<Segment>,
    /// Where each segment starts (for a field, its `{{`), aligned with `segments`.
    pub(super) positions: Vec<Position>,
}

/// Turns byte offsets into lines and columns, moving forward (it starts over for an earlier offset).
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    position: Position,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            offset: 0,
            position: Position { line: 1, column: 1 },
        }
    }

    fn at(&mut self, offset: usize) -> Position {
        if offset < self.offset {
            *self = Lines::new(self.text);
        }
        let passed = self.text.get(self.offset..offset).unwrap_or_default();
        for character in passed.chars() {
            if character == '\n' {
                self.position.line += 1;
                self.position.column = 1;
            } else {
                self.position.column += 1;
            }
        }
        self.offset = offset;
        self.position
    }
}

fn run_length(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b == byte)
        .count()
}

fn excerpt(text: &str) -> String {
    let mut characters = text.chars();
    let mut cut: String = characters.by_ref().take(EXCERPT_CHARS).collect();
    if characters.next().is_some() {
        cut.push('…');
    }
    cut
}

/// Whether `name` is a field name in canonical (lower-case) form: `[a-z_][a-z0-9_]*`.
pub(super) fn is_field_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'_'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

/// The merge-field name that a column header or a custom field's key is written as in a template:
/// folded with [`crate::text::fold`] (accents and invisible characters removed, compatibility
/// forms such as full-width letters read as their letters), lower case, every run of other
/// characters turned into one `_` (`Code postal` → `code_postal`, `Prénom` → `prenom`); `None`
/// when nothing of it can be a name (`3e`, `😀`).
///
/// It is also the hint of an invalid name written between `{{ }}`.
///
/// ```
/// use envoi::templates::field_name_for;
///
/// assert_eq!(field_name_for("Code postal").as_deref(), Some("code_postal"));
/// assert_eq!(field_name_for(" Ville ").as_deref(), Some("ville"));
/// assert_eq!(field_name_for("N° client").as_deref(), Some("n_client"));
/// assert_eq!(field_name_for("3e"), None);
/// ```
pub fn field_name_for(written: &str) -> Option<String> {
    let mut hint = String::new();
    for character in fold(written.trim()) {
        let lower = character.to_ascii_lowercase();
        if lower.is_ascii_lowercase() || lower.is_ascii_digit() || lower == '_' {
            hint.push(lower);
        } else if !hint.ends_with('_') {
            hint.push('_');
        }
    }
    let hint = hint.trim_matches('_');
    is_field_name(hint).then(|| hint.to_owned())
}

/// Reads the text between `{{` and `}}`: optional spaces, a name, optional spaces, and optionally
/// `|` and the fallback (trimmed).
fn field(
    content: &str,
    content_offset: usize,
    written: &str,
    lines: &mut Lines<'_>,
) -> Result<Field, TemplateError> {
    let bytes = content.as_bytes();
    let name_start = content.len() - content.trim_start().len();
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
    let rest = &content[name_end..];
    let after_spaces = name_end + (rest.len() - rest.trim_start().len());
    let invalid = |offset: usize, lines: &mut Lines<'_>| {
        let character = content[offset..].chars().next().unwrap_or(' ');
        let before_fallback = content.split_once('|').map_or(content, |(name, _)| name);
        TemplateError::InvalidName {
            position: lines.at(content_offset + offset),
            character,
            excerpt: excerpt(written),
            hint: field_name_for(before_fallback),
        }
    };
    if name_start == name_end {
        return match bytes.get(name_start) {
            None | Some(b'|') => Err(TemplateError::EmptyName {
                position: lines.at(content_offset - 2),
                excerpt: excerpt(written),
            }),
            Some(_) => Err(invalid(name_start, lines)),
        };
    }
    if bytes[name_start].is_ascii_digit() {
        return Err(invalid(name_start, lines));
    }
    let fallback = match bytes.get(after_spaces) {
        None => None,
        Some(b'|') => Some(content[after_spaces + 1..].trim().to_owned()),
        // The first space after the name when there is one (`{{first name}}`), else the character.
        Some(_) => return Err(invalid(name_end, lines)),
    };
    Ok(Field {
        name: content[name_start..name_end].to_ascii_lowercase(),
        fallback,
    })
}

/// Tokenizes a template. See the module documentation of `templates` for the rules.
pub(super) fn parse(source: &str) -> Result<Parsed, TemplateError> {
    let bytes = source.as_bytes();
    let mut lines = Lines::new(source);
    let mut segments = Vec::new();
    let mut positions = Vec::new();
    // The literal text of the current text segment: `text` holds what is already decoded, and
    // `source[plain_from..]` up to the scan position is literal as written.
    let mut text = String::new();
    let mut plain_from = 0;
    let mut text_start = 0;
    let mut scan = 0;
    while let Some(found) = bytes[scan..].iter().position(|&b| b == b'{' || b == b'\\') {
        let at = scan + found;
        let backslashes = run_length(bytes, at, b'\\');
        let braces = run_length(bytes, at + backslashes, b'{');
        if braces < 2 {
            // Backslashes and a single `{` not before `{{` are plain text.
            scan = at + backslashes + braces;
            continue;
        }
        text.push_str(&source[plain_from..at]);
        text.extend(std::iter::repeat_n('\\', backslashes / 2));
        let run_end = at + backslashes + braces;
        if backslashes % 2 == 1 {
            // `\{{`: the whole run of braces is text.
            text.extend(std::iter::repeat_n('{', braces));
            scan = run_end;
            plain_from = scan;
            continue;
        }
        // The last two braces of the run open a field; those before are text.
        text.extend(std::iter::repeat_n('{', braces - 2));
        let open = run_end - 2;
        let content_start = run_end;
        let mut close = None;
        let mut until = UnclosedAt::EndOfText;
        let mut index = content_start;
        while index < bytes.len() {
            match (bytes[index], bytes.get(index + 1)) {
                (b'\n', _) => {
                    until = UnclosedAt::EndOfLine;
                    break;
                }
                (b'}', Some(b'}')) => {
                    close = Some(index);
                    break;
                }
                (b'{', Some(b'{')) => {
                    until = UnclosedAt::NextField(lines.at(index));
                    break;
                }
                _ => index += 1,
            }
        }
        let Some(close) = close else {
            let line_end = source[open..]
                .find('\n')
                .map_or(source.len(), |end| open + end);
            return Err(TemplateError::UnclosedField {
                position: lines.at(open),
                excerpt: excerpt(source[open..line_end].trim_end_matches('\r')),
                until,
            });
        };
        if !text.is_empty() {
            segments.push(Segment::Text(std::mem::take(&mut text)));
            positions.push(lines.at(text_start));
        }
        let written = &source[open..close + 2];
        let position = lines.at(open);
        let field = field(
            &source[content_start..close],
            content_start,
            written,
            &mut lines,
        )?;
        segments.push(Segment::Field(field));
        positions.push(position);
        scan = close + 2;
        plain_from = scan;
        text_start = scan;
    }
    text.push_str(&source[plain_from..]);
    if !text.is_empty() {
        segments.push(Segment::Text(text));
        positions.push(lines.at(text_start));
    }
    Ok(Parsed {
        segments,
        positions,
    })
}

/// Writes text so that it reads back as the same text, when a field follows it (`before_field`)
/// or not: a run of braces that would open a field gets a backslash, and backslashes that come
/// right before `{{` (or before the field) are doubled.
fn write_text(out: &mut impl fmt::Write, text: &str, before_field: bool) -> fmt::Result {
    let bytes = text.as_bytes();
    let mut written = 0;
    let mut scan = 0;
    while let Some(found) = bytes[scan..].iter().position(|&b| b == b'{' || b == b'\\') {
        let at = scan + found;
        let backslashes = run_length(bytes, at, b'\\');
        let braces = run_length(bytes, at + backslashes, b'{');
        let run_end = at + backslashes + braces;
        let touches_field = before_field && run_end == bytes.len();
        if touches_field {
            // The field's `{{` extends the run: double the backslashes so none escapes it.
            out.write_str(&text[written..at])?;
            for _ in 0..backslashes * 2 {
                out.write_char('\\')?;
            }
            out.write_str(&text[at + backslashes..])?;
            return Ok(());
        }
        if braces >= 2 {
            out.write_str(&text[written..at])?;
            for _ in 0..backslashes * 2 + 1 {
                out.write_char('\\')?;
            }
            out.write_str(&text[at + backslashes..run_end])?;
            written = run_end;
        }
        scan = run_end;
    }
    out.write_str(&text[written..])
}

/// Writes the canonical text of a template: fields as `{{name}}` or `{{name|fallback}}`, text
/// escaped only where it must be. A fallback ending in `}` (written `{{a | x} }}`) keeps a space
/// before the closing `}}`, which the reader trims; without it the field would close one brace
/// early.
pub(super) fn write_canonical(out: &mut impl fmt::Write, segments: &[Segment]) -> fmt::Result {
    for (index, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Text(text) => {
                let before_field = matches!(segments.get(index + 1), Some(Segment::Field(_)));
                write_text(out, text, before_field)?;
            }
            Segment::Field(Field { name, fallback }) => match fallback.as_deref() {
                None => write!(out, "{{{{{name}}}}}")?,
                Some(fallback) if fallback.ends_with('}') => {
                    write!(out, "{{{{{name}|{fallback} }}}}")?;
                }
                Some(fallback) => write!(out, "{{{{{name}|{fallback}}}}}")?,
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert_eq!(field_name_for(" First Name "), Some("first_name".into()));
        assert_eq!(field_name_for("prénom"), Some("prenom".into()));
        assert_eq!(field_name_for("e-mail"), Some("e_mail".into()));
        assert_eq!(field_name_for("3rd"), None);
        assert_eq!(field_name_for("😀"), None);
    }

    #[test]
    fn lines_restart_for_an_earlier_offset() {
        let mut lines = Lines::new("ab\ncd");
        assert_eq!(lines.at(4), Position { line: 2, column: 2 });
        assert_eq!(lines.at(1), Position { line: 1, column: 2 });
    }
}
