//! The HTML part of a tracked email: the open pixel and the rewritten `<a href>` links.
//!
//! The document goes through Cloudflare's streaming rewriter ([`lol_html`]), which tokenizes it as a
//! browser does (comments, `<script>`, `<style>`, `<textarea>`, CDATA and raw text are not
//! mistaken for markup) and writes every byte it was not asked to change exactly as it came in: only
//! the `href` of a tracked link changes (its start tag is then written again with its attributes
//! separated by one space and `href` in double quotes), the opt-out attribute is removed, and the
//! pixel is inserted.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::errors::RewritingError;
use lol_html::html_content::{ContentType, Element, EndTag};
use lol_html::{HtmlRewriter, Settings, element, end};
use url::Url;

use super::email::{LinkPart, UntrackedLink, UntrackedReason};
use super::error::TrackingError;

/// The most links one email can track: a link index is a `u16`.
pub(crate) const MAX_TRACKED_LINKS: usize = u16::MAX as usize + 1;

/// What [`rewrite_html`] gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlRewrite {
    /// The rewritten document.
    pub html: String,
    /// The target of each tracked link, index = link index, in document order.
    pub targets: Vec<String>,
    /// The tracked URL given to each link, index = link index.
    pub tracked_urls: Vec<String>,
    /// The `<a href>` left as they were, in document order.
    pub untracked: Vec<UntrackedLink>,
    /// The http(s) targets of the links that carried the opt-out attribute (normalised), so that the
    /// text part leaves them alone too.
    pub opted_out_targets: Vec<String>,
}

#[derive(Default)]
struct State {
    targets: Vec<String>,
    tracked_urls: Vec<String>,
    untracked: Vec<UntrackedLink>,
    opted_out_targets: Vec<String>,
    error: Option<TrackingError>,
}

/// The marker error a handler returns to stop the rewriter; the real error is in [`State::error`].
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("tracking stopped the rewriter")
    }
}

impl std::error::Error for Stopped {}

/// Rewrites `html`: every `<a>` whose `href` is an absolute http(s) URL gets
/// `href="{click_url(index)}"` (index in document order), unless it carries `opt_out_attribute`
/// (then the attribute is removed and the link kept); `pixel` (HTML) is inserted before the first
/// `</body>`, or appended at the end when the document has none.
pub(crate) fn rewrite_html(
    html: &str,
    opt_out_attribute: &str,
    pixel: &str,
    click_url: &mut dyn FnMut(u16) -> Result<String, TrackingError>,
) -> Result<HtmlRewrite, TrackingError> {
    let state = RefCell::new(State::default());
    let pixel_inserted = Rc::new(Cell::new(false));
    let mut output = Vec::with_capacity(html.len() + pixel.len() + 64);

    let link_handler = |el: &mut Element<'_, '_>| -> lol_html::HandlerResult {
        let mut state = state.borrow_mut();
        if state.error.is_some() {
            return Err(Box::new(Stopped));
        }
        let opted_out = el.has_attribute(opt_out_attribute);
        if opted_out {
            el.remove_attribute(opt_out_attribute);
        }
        let Some(raw_href) = el.get_attribute("href") else {
            return Ok(());
        };
        let classified = classify_href(&raw_href);
        if opted_out {
            if let Ok(target) = classified {
                state.opted_out_targets.push(target);
            }
            state.untracked.push(UntrackedLink {
                part: LinkPart::Html,
                href: raw_href,
                reason: UntrackedReason::OptOut,
            });
            return Ok(());
        }
        match classified {
            Err(reason) => {
                state.untracked.push(UntrackedLink {
                    part: LinkPart::Html,
                    href: raw_href,
                    reason,
                });
                Ok(())
            }
            Ok(target) => {
                let Ok(index) = u16::try_from(state.targets.len()) else {
                    state.error = Some(TrackingError::TooManyLinks {
                        limit: MAX_TRACKED_LINKS,
                    });
                    return Err(Box::new(Stopped));
                };
                let url = match click_url(index) {
                    Ok(url) => url,
                    Err(error) => {
                        state.error = Some(error);
                        return Err(Box::new(Stopped));
                    }
                };
                // lol_html writes the value between double quotes and escapes only those: the
                // rest is written as given, so the value is given HTML-escaped.
                if let Err(error) = el.set_attribute("href", &escape_html(&url)) {
                    state.error = Some(TrackingError::HtmlRewrite {
                        detail: error.to_string(),
                    });
                    return Err(Box::new(Stopped));
                }
                state.targets.push(target);
                state.tracked_urls.push(url);
                Ok(())
            }
        }
    };

    let body_pixel = pixel.to_owned();
    let body_inserted = Rc::clone(&pixel_inserted);
    let body_handler = move |el: &mut Element<'_, '_>| -> lol_html::HandlerResult {
        let pixel = body_pixel.clone();
        let inserted = Rc::clone(&body_inserted);
        // An element written as `<body/>` has no end tag handlers to add to; the pixel then goes
        // at the end of the document.
        if let Some(handlers) = el.end_tag_handlers() {
            handlers.push(Box::new(move |end: &mut EndTag<'_>| {
                if !inserted.get() {
                    end.before(&pixel, ContentType::Html);
                    inserted.set(true);
                }
                Ok(())
            }));
        }
        Ok(())
    };

    let end_inserted = Rc::clone(&pixel_inserted);
    let settings = Settings::new()
        .append_element_content_handler(element!("a", link_handler))
        .append_element_content_handler(element!("body", body_handler))
        .append_document_content_handler(end!(move |end| {
            if !end_inserted.get() {
                end.append(pixel, ContentType::Html);
                end_inserted.set(true);
            }
            Ok(())
        }));

    let result = {
        let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| {
            output.extend_from_slice(chunk);
        });
        rewriter
            .write(html.as_bytes())
            .and_then(|()| rewriter.end())
    };
    let state = state.into_inner();
    if let Some(error) = state.error {
        return Err(error);
    }
    if let Err(error) = result {
        return Err(match error {
            RewritingError::ParsingAmbiguity(detail) => TrackingError::AmbiguousHtml {
                detail: detail.to_string(),
            },
            other => TrackingError::HtmlRewrite {
                detail: other.to_string(),
            },
        });
    }
    // The input is UTF-8 and everything inserted is UTF-8: the output is too.
    let html = String::from_utf8(output).map_err(|error| TrackingError::HtmlRewrite {
        detail: error.to_string(),
    })?;
    Ok(HtmlRewrite {
        html,
        targets: state.targets,
        tracked_urls: state.tracked_urls,
        untracked: state.untracked,
        opted_out_targets: state.opted_out_targets,
    })
}

/// Escapes `&`, `<`, `>`, `"` and `'` for an HTML attribute value or text.
pub(crate) fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The target of an `href` as written in the document (character references not yet decoded): the
/// absolute http(s) URL a browser would follow, normalised by the WHATWG URL parser, or why the link
/// is not tracked.
///
/// A `<base href>` is not applied: mail clients differ (several drop it), so a relative link is
/// left as it is.
pub(crate) fn classify_href(raw: &str) -> Result<String, UntrackedReason> {
    let decoded = decode_attribute(raw).ok_or(UntrackedReason::UnknownCharacterReference)?;
    classify_url(&decoded)
}

/// [`classify_href`] for a URL already decoded (the text part).
pub(crate) fn classify_url(href: &str) -> Result<String, UntrackedReason> {
    // The URL parser strips these from both ends itself; done here to tell an empty or
    // fragment-only reference from a relative one.
    let trimmed = href.trim_matches(|c: char| c <= ' ');
    if trimmed.is_empty() {
        return Err(UntrackedReason::Empty);
    }
    if trimmed.starts_with('#') {
        return Err(UntrackedReason::Fragment);
    }
    match Url::parse(trimmed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Ok(url.into())
        }
        Ok(_) => Err(UntrackedReason::OtherScheme),
        Err(url::ParseError::RelativeUrlWithoutBase) => Err(UntrackedReason::Relative),
        Err(_) => Err(UntrackedReason::Unparseable),
    }
}

/// Decodes the character references of an attribute value as the HTML standard's tokenizer does
/// (section 13.2.5.72 ff., "in an attribute value"): numeric references, the named references
/// without a semicolon that the standard keeps for legacy (the Latin-1 set and `amp`, `lt`, `gt`,
/// `quot`), and named references with a semicolon from a table of those that matter in URLs.
///
/// Returns `None` when the value holds a `&name;` that is not in that table: a browser may read it
/// as a character this code does not know, so the link is left untracked rather than redirected to
/// a URL the browser would not have opened.
pub(crate) fn decode_attribute(raw: &str) -> Option<String> {
    if !raw.contains('&') {
        return Some(raw.to_owned());
    }
    let mut decoded = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        decoded.push_str(rest.get(..at)?);
        let after = rest.get(at + 1..)?;
        let (text, consumed) = match after.strip_prefix('#') {
            Some(numeric) => decode_numeric(numeric),
            None => decode_named(after)?,
        };
        match text {
            Some(character) => {
                decoded.push(character.0);
                if let Some(second) = character.1 {
                    decoded.push(second);
                }
                rest = after.get(consumed..)?;
            }
            None => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    Some(decoded)
}

/// One decoded reference: a character, and a second one for the few names that stand for two.
type Decoded = (char, Option<char>);

/// After `&#`: the character and the bytes consumed after `&` (`#`, digits, `;`), or `None` (not a
/// reference: the `&` stays as written).
fn decode_numeric(after_hash: &str) -> (Option<Decoded>, usize) {
    let (radix, digits_start) = match after_hash.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits: &str = after_hash
        .get(digits_start..)
        .unwrap_or_default()
        .split(|c: char| !c.is_digit(radix))
        .next()
        .unwrap_or_default();
    if digits.is_empty() {
        return (None, 0);
    }
    let mut consumed = 1 + digits_start + digits.len();
    if after_hash.as_bytes().get(digits_start + digits.len()) == Some(&b';') {
        consumed += 1;
    }
    // Saturates: anything above U+10FFFF is U+FFFD anyway.
    let value = digits.chars().fold(0u32, |value, c| {
        value
            .saturating_mul(radix)
            .saturating_add(c.to_digit(radix).unwrap_or(0))
    });
    let character = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => windows_1252(value),
        value => char::from_u32(value).unwrap_or('\u{FFFD}'),
    };
    (Some((character, None)), consumed)
}

/// The standard's replacement of C1 code points in numeric references (they meant Windows-1252).
fn windows_1252(value: u32) -> char {
    let mapped = match value {
        0x80 => 0x20AC,
        0x82 => 0x201A,
        0x83 => 0x0192,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x86 => 0x2020,
        0x87 => 0x2021,
        0x88 => 0x02C6,
        0x89 => 0x2030,
        0x8A => 0x0160,
        0x8B => 0x2039,
        0x8C => 0x0152,
        0x8E => 0x017D,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x98 => 0x02DC,
        0x99 => 0x2122,
        0x9A => 0x0161,
        0x9B => 0x203A,
        0x9C => 0x0153,
        0x9E => 0x017E,
        0x9F => 0x0178,
        other => other,
    };
    char::from_u32(mapped).unwrap_or('\u{FFFD}')
}

/// After `&` (not `&#`): `Some((decoded, consumed))` where `decoded` is `None` when the `&` stays as
/// written, or `None` for a `&name;` this table does not know.
fn decode_named(after: &str) -> Option<(Option<Decoded>, usize)> {
    let name_len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = after.get(..name_len)?;
    if name.is_empty() {
        return Some((None, 0));
    }
    let next = after.as_bytes().get(name_len).copied();
    if next == Some(b';') {
        return named_with_semicolon(name).map(|decoded| (Some(decoded), name_len + 1));
    }
    // Without a semicolon only the legacy names are references, and in an attribute value not when
    // the next character is `=` or alphanumeric (`?a=1&copy=2` keeps `&copy`). The name is the
    // longest alphanumeric run, so a legacy name that is only a prefix of it is followed by an
    // alphanumeric and stays as written too.
    match legacy(name) {
        Some(character) if next != Some(b'=') => Some((Some((character, None)), name_len)),
        _ => Some((None, 0)),
    }
}

/// The names the standard still reads without a semicolon: the Latin-1 set (U+00A0 to U+00FF) and
/// `amp`, `lt`, `gt`, `quot` with the upper-case `AMP`, `COPY`, `GT`, `LT`, `QUOT`, `REG`.
fn legacy(name: &str) -> Option<char> {
    const LATIN_1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
        "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
        "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave",
        "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
        "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring",
        "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
        "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash",
        "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    match name {
        "amp" | "AMP" => Some('&'),
        "lt" | "LT" => Some('<'),
        "gt" | "GT" => Some('>'),
        "quot" | "QUOT" => Some('"'),
        "COPY" => Some('\u{A9}'),
        "REG" => Some('\u{AE}'),
        _ => {
            let position = LATIN_1.iter().position(|&legacy| legacy == name)?;
            char::from_u32(0xA0 + u32::try_from(position).ok()?)
        }
    }
}

/// Named references with a semicolon: the legacy names, and the HTML5 names of the ASCII
/// punctuation and white space that can appear in a URL.
fn named_with_semicolon(name: &str) -> Option<Decoded> {
    if let Some(character) = legacy(name) {
        return Some((character, None));
    }
    let character = match name {
        "apos" => '\'',
        "sol" => '/',
        "bsol" => '\\',
        "colon" => ':',
        "semi" => ';',
        "quest" => '?',
        "num" => '#',
        "equals" => '=',
        "percnt" => '%',
        "period" => '.',
        "comma" => ',',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "plus" => '+',
        "excl" => '!',
        "dollar" => '$',
        "ast" | "midast" => '*',
        "commat" => '@',
        "lowbar" | "UnderBar" => '_',
        "verbar" | "vert" | "VerticalLine" => '|',
        "Hat" => '^',
        "grave" | "DiacriticalGrave" => '`',
        "Tab" => '\t',
        "NewLine" => '\n',
        "NonBreakingSpace" => '\u{A0}',
        _ => return None,
    };
    Some((character, None))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
mod tests {
    use super::*;

    fn rewrite(html: &str) -> HtmlRewrite {
        rewrite_html(
            html,
            "data-envoi-notrack",
            "<img src=\"P\">",
            &mut |index| Ok(format!("https://t.example/c/{index}?a&b")),
        )
        .unwrap()
    }

    #[test]
    fn character_references_decode_as_in_an_attribute_value() {
        let cases = [
            ("a&amp;b", Some("a&b")),
            ("a&AMP;b", Some("a&b")),
            ("a&ampb", Some("a&ampb")),
            ("a&amp=b", Some("a&amp=b")),
            ("a&amp/b", Some("a&/b")),
            ("?x=1&copy=2", Some("?x=1&copy=2")),
            ("?x=1&copy-2", Some("?x=1\u{A9}-2")),
            (
                "&#38;&#x26;&#X26&#0;&#x80;&#1114112;",
                Some("&&&\u{FFFD}\u{20AC}\u{FFFD}"),
            ),
            ("&#;&#x;&", Some("&#;&#x;&")),
            ("&sol;&colon;&quest;&equals;", Some("/:?=")),
            ("&eacute;t&eacute", Some("\u{E9}t\u{E9}")),
            ("a&bogus;b", None),
            ("a&bogus b", Some("a&bogus b")),
            ("a& b", Some("a& b")),
        ];
        for (raw, expected) in cases {
            assert_eq!(decode_attribute(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn hrefs_are_classified() {
        use UntrackedReason::*;
        let cases = [
            ("https://example.com", Ok("https://example.com/")),
            (" HTTP://Example.COM/a b ", Ok("http://example.com/a%20b")),
            (
                "https://example.com/?a=1&amp;b=2",
                Ok("https://example.com/?a=1&b=2"),
            ),
            ("mailto:someone@example.com", Err(OtherScheme)),
            ("tel:+32475123456", Err(OtherScheme)),
            ("javascript:alert(1)", Err(OtherScheme)),
            ("ftp://example.com/", Err(OtherScheme)),
            ("#top", Err(Fragment)),
            ("", Err(Empty)),
            ("  ", Err(Empty)),
            ("/relative/path", Err(Relative)),
            ("page.html", Err(Relative)),
            ("//example.com/x", Err(Relative)),
            ("http://", Err(Unparseable)),
            ("https://exa mple.com/", Err(Unparseable)),
            (
                "https://example.com/&nosuch;",
                Err(UnknownCharacterReference),
            ),
        ];
        for (href, expected) in cases {
            assert_eq!(
                classify_href(href).as_deref(),
                expected.as_deref(),
                "{href}"
            );
        }
    }

    #[test]
    fn links_are_rewritten_and_the_pixel_goes_before_the_body_end_tag() {
        let out = rewrite(
            "<html><body><a href=\"https://a.example/\">A</a> <a href='#x'>B</a></body></html>",
        );
        assert_eq!(
            out.html,
            "<html><body><a href=\"https://t.example/c/0?a&amp;b\">A</a> <a href='#x'>B</a><img src=\"P\"></body></html>"
        );
        assert_eq!(out.targets, ["https://a.example/"]);
        assert_eq!(out.untracked.len(), 1);
    }

    #[test]
    fn without_a_body_end_tag_the_pixel_is_appended() {
        assert_eq!(rewrite("<p>hi").html, "<p>hi<img src=\"P\">");
        assert_eq!(rewrite("<body/>x").html, "<body/>x<img src=\"P\">");
        assert_eq!(rewrite("").html, "<img src=\"P\">");
    }

    #[test]
    fn the_pixel_goes_once_before_the_first_body_end_tag() {
        assert_eq!(
            rewrite("<body>a</body><body>b</body>").html,
            "<body>a<img src=\"P\"></body><body>b</body>"
        );
        // Inside a comment or a script, `</body>` is not an end tag.
        assert_eq!(
            rewrite("<body><!-- </body> --><script>\"</body>\"</script></body>").html,
            "<body><!-- </body> --><script>\"</body>\"</script><img src=\"P\"></body>"
        );
    }

    #[test]
    fn a_handler_error_stops_the_rewrite() {
        let error = rewrite_html("<a href='https://x.example'>x</a>", "n", "", &mut |_| {
            Err(TrackingError::TooManyLinks { limit: 1 })
        })
        .unwrap_err();
        assert_eq!(error, TrackingError::TooManyLinks { limit: 1 });
    }
}
