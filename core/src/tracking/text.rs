//! The plain-text part of a tracked email: the same tracked links as the HTML part.
//!
//! URLs are found the way mail clients make text clickable: a `scheme://` URL, its end decided by
//! the [`linkify`] crate (trailing punctuation, closing brackets and quotes that belong to the
//! sentence stay out: `(see https://example.com/a).` gives `https://example.com/a`). A URL found is
//! parsed as the HTML links are; when its normalised form is the target of a tracked HTML link it is
//! replaced by that link's tracked URL (the first HTML link with that target, so both parts count
//! on one index). Every other URL is left as written and listed as untracked: the text part tracks
//! only what the HTML part tracks, so the opt-out attribute in the HTML also keeps the text's copy
//! of the link untouched.

use std::collections::{HashMap, HashSet};

use linkify::{LinkFinder, LinkKind};

use super::email::{LinkPart, UntrackedLink, UntrackedReason};
use super::html::classify_url;

/// What [`rewrite_text`] gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextRewrite {
    /// The text with the tracked URLs in place.
    pub text: String,
    /// The URLs left as written, in text order.
    pub untracked: Vec<UntrackedLink>,
}

/// Replaces each URL of `text` whose normalised target is a key of `tracked` by its value.
/// `opted_out` holds the targets the HTML part opted out (their reason is then
/// [`UntrackedReason::OptOut`] rather than [`UntrackedReason::NotInHtml`]).
pub(crate) fn rewrite_text(
    text: &str,
    tracked: &HashMap<&str, &str>,
    opted_out: &HashSet<&str>,
) -> TextRewrite {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    let mut rewritten = String::with_capacity(text.len());
    let mut untracked = Vec::new();
    for span in finder.spans(text) {
        let written = span.as_str();
        if span.kind().is_none() {
            rewritten.push_str(written);
            continue;
        }
        let reason = match classify_url(written) {
            Ok(target) => match tracked.get(target.as_str()) {
                Some(tracked_url) => {
                    rewritten.push_str(tracked_url);
                    continue;
                }
                None if opted_out.contains(target.as_str()) => UntrackedReason::OptOut,
                None => UntrackedReason::NotInHtml,
            },
            Err(reason) => reason,
        };
        rewritten.push_str(written);
        untracked.push(UntrackedLink {
            part: LinkPart::Text,
            href: written.to_owned(),
            reason,
        });
    }
    TextRewrite {
        text: rewritten,
        untracked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_tracked_targets_are_replaced_with_their_boundaries_right() {
        let tracked = HashMap::from([
            ("https://example.com/a", "https://t.example/c/0"),
            ("https://example.com/b?x=1&y=2", "https://t.example/c/1"),
        ]);
        let opted_out = HashSet::from(["https://example.com/unsubscribe"]);
        let text = "Read (https://example.com/a). Then <HTTPS://EXAMPLE.COM/b?x=1&y=2>,\n\
                    https://example.com/ab, https://example.com/unsubscribe and ftp://example.com/f.";
        let out = rewrite_text(text, &tracked, &opted_out);
        assert_eq!(
            out.text,
            "Read (https://t.example/c/0). Then <https://t.example/c/1>,\n\
             https://example.com/ab, https://example.com/unsubscribe and ftp://example.com/f."
        );
        let reasons: Vec<_> = out
            .untracked
            .iter()
            .map(|link| (link.href.as_str(), link.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("https://example.com/ab", UntrackedReason::NotInHtml),
                ("https://example.com/unsubscribe", UntrackedReason::OptOut),
                ("ftp://example.com/f", UntrackedReason::OtherScheme),
            ]
        );
    }
}
