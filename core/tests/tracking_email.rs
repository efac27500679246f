//! Tracked email (issue 7, SPEC section 8): the open pixel and the rewritten links on real HTML, the
//! text part, the link table, click and open resolution (no open redirect), a property test that
//! the rewriter changes nothing but the tracked `href`s and the pixel, and secure-email access
//! (SPEC section 1: link + one-time code, validity, bounded attempts, locks).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::TimeDelta;
use envoi::ErrorCode;
use envoi::time::Instant;
use envoi::token::{Claims, CodeAlphabet, CodePolicy, KeyRing, Purpose};
use envoi::tracking::{
    AccessLock, ClickResolution, EmailToTrack, LinkPart, LinkTable, LockReason, OpenResolution,
    RefusedClick, SecureAccess, SecureAccessError, SecureAccessPolicy, TrackedEmail, Tracker,
    TrackingError, TrackingOptions, UntrackedReason,
};
use proptest::prelude::*;

const SECRET_1: &[u8] = b"tracking test key one, 32+ bytes long";
const SECRET_2: &[u8] = b"tracking test key two, 32+ bytes long";

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn sent() -> Instant {
    at("2026-03-02T09:00:00Z")
}

fn key_ring() -> KeyRing {
    KeyRing::new([(1, SECRET_1.to_vec())], 1).unwrap()
}

fn tracker() -> Tracker {
    Tracker::new(TrackingOptions::new(
        "https://t.example.com",
        "https://example.com/",
    ))
    .unwrap()
}

fn claims() -> Claims {
    Claims {
        account: Some(7),
        message: Some(42),
        occurrence: Some(3),
        recipient: Some(1001),
        link: None,
        credential: None,
    }
}

fn email<'a>(html: &'a str, text: Option<&'a str>) -> EmailToTrack<'a> {
    EmailToTrack {
        html,
        text,
        claims: claims(),
        issued_at: sent(),
        expires_at: Some(sent() + TimeDelta::days(365)),
    }
}

fn track(html: &str, text: Option<&str>) -> TrackedEmail {
    tracker().track(&key_ring(), &email(html, text)).unwrap()
}

/// The tracked URL of link `link` of the test recipient, computed independently of the tracker.
fn click_url(link: u16) -> String {
    let claims = Claims {
        link: Some(link),
        ..claims()
    };
    let token = key_ring()
        .issue(
            Purpose::Click,
            &claims,
            sent(),
            Some(sent() + TimeDelta::days(365)),
        )
        .unwrap();
    format!("https://t.example.com/c/{token}")
}

fn pixel() -> String {
    let token = key_ring()
        .issue(
            Purpose::Open,
            &claims(),
            sent(),
            Some(sent() + TimeDelta::days(365)),
        )
        .unwrap();
    format!(
        "<img src=\"https://t.example.com/o/{token}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\" />"
    )
}

/// The click tokens in the order they appear in `text` (HTML or plain text).
fn click_tokens(text: &str) -> Vec<String> {
    text.split("https://t.example.com/c/")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect()
        })
        .collect()
}

/// Resolves `token` against `table` (message 42 only), as a host would.
fn resolve(table: &LinkTable, token: &str, now: Instant) -> ClickResolution {
    tracker().resolve_click(&key_ring(), token, now, |claims| {
        (claims.message == Some(42))
            .then(|| table.get(claims.link?).map(str::to_owned))
            .flatten()
    })
}

// ---- Real HTML ----

/// A newsletter as mail builders write it: tables, nested tags, upper-case tags and attributes,
/// single, double and unquoted values, `&amp;` in query strings, a comment and a style block that
/// look like links, mailto/tel/anchor links, an opted-out unsubscribe link.
const NEWSLETTER: &str = r##"<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Nos offres de mars</title>
<style>a[href^="https://style.example/"] { color: red; } /* <a href="https://style.example/x"> */</style>
</head>
<BODY style="margin:0">
<!-- <a href="https://comment.example/">not a link</a> -->
<table role="presentation" width="100%"><tr><td align="center">
  <A HREF="https://shop.example.com/offers?utm_source=mail&amp;utm_medium=email" class="button"><span><b>Voir les offres</b></span></A>
  <a href='https://shop.example.com/Product/12?size=M&amp;color=blue#reviews'><img src="https://cdn.example.com/p12.jpg" alt="Produit 12"></a>
  <a href=https://shop.example.com/blog>Blog</a>
  <a href="mailto:service@shop.example.com?subject=Question">Écrivez-nous</a>
  <a href="tel:+3221234567">Appelez-nous</a>
  <a href="#top">Haut de page</a>
  <a href="javascript:void(0)">Rien</a>
  <a href="/account">Mon compte</a>
  <a name="footer"></a>
  <a href="https://shop.example.com/offers?utm_source=mail&amp;utm_medium=email">Les offres (pied de page)</a>
  <a href="https://shop.example.com/unsubscribe?u=1001" data-envoi-notrack>Se désabonner</a>
</td></tr></table>
</BODY>
</html>
"##;

#[test]
fn a_newsletter_gets_its_links_tracked_its_pixel_and_nothing_else_changed() {
    let tracked = track(NEWSLETTER, None);
    let expected = NEWSLETTER
        .replace(
            r#"<A HREF="https://shop.example.com/offers?utm_source=mail&amp;utm_medium=email" class="button">"#,
            &format!(r#"<A HREF="{}" class="button">"#, click_url(0)),
        )
        .replace(
            "<a href='https://shop.example.com/Product/12?size=M&amp;color=blue#reviews'>",
            &format!(r#"<a href="{}">"#, click_url(1)),
        )
        .replace(
            "<a href=https://shop.example.com/blog>",
            &format!(r#"<a href="{}">"#, click_url(2)),
        )
        .replace(
            r#"<a href="https://shop.example.com/offers?utm_source=mail&amp;utm_medium=email">Les"#,
            &format!(r#"<a href="{}">Les"#, click_url(3)),
        )
        .replace(
            r#"<a href="https://shop.example.com/unsubscribe?u=1001" data-envoi-notrack>"#,
            r#"<a href="https://shop.example.com/unsubscribe?u=1001">"#,
        )
        .replace("\n</BODY>", &format!("\n{}</BODY>", pixel()));
    assert_eq!(tracked.html, expected);
    assert_eq!(
        tracked.links.targets(),
        [
            "https://shop.example.com/offers?utm_source=mail&utm_medium=email",
            "https://shop.example.com/Product/12?size=M&color=blue#reviews",
            "https://shop.example.com/blog",
            "https://shop.example.com/offers?utm_source=mail&utm_medium=email",
        ]
    );
    let untracked: Vec<_> = tracked
        .untracked
        .iter()
        .map(|link| (link.part, link.href.as_str(), link.reason))
        .collect();
    assert_eq!(
        untracked,
        [
            (
                LinkPart::Html,
                "mailto:service@shop.example.com?subject=Question",
                UntrackedReason::OtherScheme
            ),
            (
                LinkPart::Html,
                "tel:+3221234567",
                UntrackedReason::OtherScheme
            ),
            (LinkPart::Html, "#top", UntrackedReason::Fragment),
            (
                LinkPart::Html,
                "javascript:void(0)",
                UntrackedReason::OtherScheme
            ),
            (LinkPart::Html, "/account", UntrackedReason::Relative),
            (
                LinkPart::Html,
                "https://shop.example.com/unsubscribe?u=1001",
                UntrackedReason::OptOut
            ),
        ]
    );
    assert!(tracked.text.is_none());
}

#[test]
fn every_tracked_link_resolves_to_its_original_target() {
    let tracked = track(NEWSLETTER, None);
    let tokens = click_tokens(&tracked.html);
    assert_eq!(tokens.len(), 4);
    for (index, token) in tokens.iter().enumerate() {
        let resolution = resolve(&tracked.links, token, sent() + TimeDelta::hours(1));
        let ClickResolution::Target { url, verified } = resolution else {
            panic!("link {index}: {resolution:?}");
        };
        assert_eq!(url, tracked.links.targets()[index]);
        assert_eq!(verified.purpose, Purpose::Click);
        assert_eq!(
            verified.claims,
            Claims {
                link: Some(u16::try_from(index).unwrap()),
                ..claims()
            }
        );
    }
}

#[test]
fn the_same_target_twice_gets_two_indices_and_the_text_part_the_first() {
    let html = r#"<body><a href="https://example.com/a">logo</a> <a href="https://example.com/a">more</a></body>"#;
    let tracked = track(html, Some("More: https://example.com/a"));
    assert_eq!(
        tracked.links.targets(),
        ["https://example.com/a", "https://example.com/a"]
    );
    assert_eq!(
        tracked.text.as_deref(),
        Some(format!("More: {}", click_url(0)).as_str())
    );
}

#[test]
fn the_text_part_gets_the_html_links_and_only_those() {
    let html = r#"<body>
        <a href="https://shop.example.com/offers?a=1&amp;b=2">Offers</a>
        <a href="https://shop.example.com/blog">Blog</a>
        <a href="https://shop.example.com/unsubscribe" data-envoi-notrack>Unsubscribe</a>
    </body>"#;
    let text = "Our offers (https://shop.example.com/offers?a=1&b=2).\n\
                Blog: <https://SHOP.example.com/blog>\n\
                A page only here: https://shop.example.com/only-text.\n\
                Unsubscribe: https://shop.example.com/unsubscribe\n\
                Call +32 2 123 45 67 or write to service@shop.example.com.\n";
    let tracked = track(html, Some(text));
    let expected = format!(
        "Our offers ({}).\nBlog: <{}>\nA page only here: https://shop.example.com/only-text.\n\
         Unsubscribe: https://shop.example.com/unsubscribe\n\
         Call +32 2 123 45 67 or write to service@shop.example.com.\n",
        click_url(0),
        click_url(1)
    );
    assert_eq!(tracked.text.as_deref(), Some(expected.as_str()));
    let text_untracked: Vec<_> = tracked
        .untracked
        .iter()
        .filter(|link| link.part == LinkPart::Text)
        .map(|link| (link.href.as_str(), link.reason))
        .collect();
    assert_eq!(
        text_untracked,
        [
            (
                "https://shop.example.com/only-text",
                UntrackedReason::NotInHtml
            ),
            (
                "https://shop.example.com/unsubscribe",
                UntrackedReason::OptOut
            ),
        ]
    );
    // The text's tracked links resolve like the HTML's.
    for (index, token) in click_tokens(tracked.text.as_deref().unwrap())
        .iter()
        .enumerate()
    {
        assert_eq!(
            resolve(&tracked.links, token, sent()).redirect_url(),
            tracked.links.targets()[index]
        );
    }
}

#[test]
fn without_a_body_tag_the_pixel_is_appended() {
    let html = r#"<p>Hello <a href="https://example.com/">there</a></p>"#;
    let tracked = track(html, None);
    assert_eq!(
        tracked.html,
        format!(
            r#"<p>Hello <a href="{}">there</a></p>{}"#,
            click_url(0),
            pixel()
        )
    );
}

#[test]
fn base_href_is_not_applied_to_relative_links() {
    let html = r#"<html><head><base href="https://shop.example.com/"></head><body><a href="offers">Offers</a></body></html>"#;
    let tracked = track(html, None);
    assert!(tracked.links.is_empty());
    assert_eq!(tracked.untracked[0].reason, UntrackedReason::Relative);
    assert!(tracked.html.starts_with(
        r#"<html><head><base href="https://shop.example.com/"></head><body><a href="offers">"#
    ));
}

#[test]
fn character_references_in_hrefs_decode_as_a_browser_reads_them() {
    let html = concat!(
        r#"<a href="https://example.com/?a=1&amp;b=2&#38;c=3&#x26;d=4">1</a>"#,
        r#"<a href="https://example.com/?x=1&copy=2">2</a>"#,
        r#"<a href="https://example.com/caf&eacute;">3</a>"#,
        r#"<a href="https://example.com/&unknownname;">4</a>"#,
        r#"<a href="&#104;ttps://example.com/obfuscated">5</a>"#,
    );
    let tracked = track(html, None);
    assert_eq!(
        tracked.links.targets(),
        [
            "https://example.com/?a=1&b=2&c=3&d=4",
            "https://example.com/?x=1&copy=2",
            "https://example.com/caf%C3%A9",
            "https://example.com/obfuscated",
        ]
    );
    assert_eq!(
        tracked.untracked[0].reason,
        UntrackedReason::UnknownCharacterReference
    );
    assert_eq!(
        tracked.untracked[0].href,
        "https://example.com/&unknownname;"
    );
}

#[test]
fn an_a_without_href_or_with_duplicate_hrefs() {
    // The first of two href attributes is the one a browser follows.
    let html = r#"<a name="x">anchor</a><a href="https://example.com/first" href="https://example.com/second">x</a>"#;
    let tracked = track(html, None);
    assert_eq!(tracked.links.targets(), ["https://example.com/first"]);
    assert!(tracked.html.starts_with(&format!(
        r#"<a name="x">anchor</a><a href="{}" href="https://example.com/second">"#,
        click_url(0)
    )));
}

#[test]
fn the_opt_out_attribute_is_configurable_and_case_insensitive() {
    let options = TrackingOptions {
        opt_out_attribute: "x-keep".into(),
        ..TrackingOptions::new("https://t.example.com/", "https://example.com/")
    };
    let tracker = Tracker::new(options).unwrap();
    let html = r#"<a X-KEEP href="https://example.com/a">a</a><a data-envoi-notrack href="https://example.com/b">b</a>"#;
    let tracked = tracker.track(&key_ring(), &email(html, None)).unwrap();
    assert_eq!(tracked.links.targets(), ["https://example.com/b"]);
    assert!(tracked.html.starts_with(&format!(
        r#"<a href="https://example.com/a">a</a><a data-envoi-notrack href="{}">b</a>"#,
        click_url(0)
    )));
}

#[test]
fn a_base_url_with_a_path_prefix_and_custom_paths() {
    let options = TrackingOptions {
        open_path: "/t/open".into(),
        click_path: "/t/go".into(),
        ..TrackingOptions::new("https://example.com/mail/", "https://example.com/")
    };
    let tracker = Tracker::new(options).unwrap();
    assert_eq!(
        tracker.click_url("TOKEN"),
        "https://example.com/mail/t/go/TOKEN"
    );
    assert_eq!(
        tracker.open_url("TOKEN"),
        "https://example.com/mail/t/open/TOKEN"
    );
}

#[test]
fn tracking_is_deterministic() {
    assert_eq!(track(NEWSLETTER, Some("x")), track(NEWSLETTER, Some("x")));
}

#[test]
fn the_tracked_email_serialises_as_stable_json() {
    let tracked = track(
        r##"<a href="https://example.com/a">a</a><a href="#b">b</a>"##,
        Some("t"),
    );
    let json = serde_json::to_value(&tracked).unwrap();
    assert_eq!(json["links"], serde_json::json!(["https://example.com/a"]));
    assert_eq!(
        json["untracked"],
        serde_json::json!([{"part": "html", "href": "#b", "reason": "fragment"}])
    );
    assert_eq!(json["text"], "t");
    let back: TrackedEmail = serde_json::from_value(json).unwrap();
    assert_eq!(back, tracked);
}

// ---- Errors ----

#[test]
fn bad_options_are_refused_with_the_field_and_the_rule() {
    let base = || TrackingOptions::new("https://t.example.com", "https://example.com/");
    let cases: Vec<(TrackingOptions, &str)> = vec![
        (
            TrackingOptions {
                base_url: "t.example.com".into(),
                ..base()
            },
            "base_url: \"t.example.com\" is not an absolute URL",
        ),
        (
            TrackingOptions {
                base_url: "ftp://t.example.com".into(),
                ..base()
            },
            "base_url: \"ftp://t.example.com\" is not an http or https URL",
        ),
        (
            TrackingOptions {
                base_url: "https://t.example.com/?x=1".into(),
                ..base()
            },
            "base_url: \"https://t.example.com/?x=1\" has a query or a fragment; the tracked paths are appended to it",
        ),
        (
            TrackingOptions {
                base_url: "https://user:pw@t.example.com".into(),
                ..base()
            },
            "base_url: \"https://user:pw@t.example.com\" holds credentials (user:password@)",
        ),
        (
            TrackingOptions {
                click_path: "c".into(),
                ..base()
            },
            "click_path: \"c\" must start with /",
        ),
        (
            TrackingOptions {
                click_path: "/c?x".into(),
                ..base()
            },
            "click_path: \"/c?x\" may hold only letters, digits and -._~/",
        ),
        (
            TrackingOptions {
                open_path: "/o/".into(),
                ..base()
            },
            "open_path: \"/o/\" may not have an empty segment (// or a trailing /)",
        ),
        (
            TrackingOptions {
                open_path: "/../o".into(),
                ..base()
            },
            "open_path: \"/../o\" may not have a . or .. segment",
        ),
        (
            TrackingOptions {
                click_path: "/o".into(),
                ..base()
            },
            "click_path: \"/o\" is also the open_path; clicks and opens need paths of their own",
        ),
        (
            TrackingOptions {
                opt_out_attribute: "no track".into(),
                ..base()
            },
            "opt_out_attribute: \"no track\" must be a letter then letters, digits and -_.: (at most 64)",
        ),
        (
            TrackingOptions {
                fallback_url: "javascript:alert(1)".into(),
                ..base()
            },
            "fallback_url: \"javascript:alert(1)\" is not an http or https URL",
        ),
    ];
    for (options, message) in cases {
        let error = Tracker::new(options).unwrap_err();
        assert_eq!(error.code(), "tracking.invalid_option");
        assert_eq!(error.to_string(), message);
    }
    // http is allowed (a development tracking site).
    assert!(
        Tracker::new(TrackingOptions::new(
            "http://localhost:8080",
            "http://localhost:8080/"
        ))
        .is_ok()
    );
}

#[test]
fn a_link_claim_in_the_recipient_claims_is_refused() {
    let mut request = email("<a href='https://example.com/'>x</a>", None);
    request.claims.link = Some(3);
    let error = tracker().track(&key_ring(), &request).unwrap_err();
    assert_eq!(error.code(), "tracking.invalid_claims");
    assert_eq!(
        error.to_string(),
        "claims.link: 3 must be empty: the tracker numbers the links of the email itself"
    );
}

#[test]
fn more_links_than_a_u16_can_number_are_refused() {
    let link = r#"<a href="https://example.com/">x</a>"#;
    let fits = link.repeat(65_536);
    assert_eq!(track(&fits, None).links.len(), 65_536);
    let too_many = link.repeat(65_537);
    let error = tracker()
        .track(&key_ring(), &email(&too_many, None))
        .unwrap_err();
    assert_eq!(error, TrackingError::TooManyLinks { limit: 65_536 });
    assert_eq!(error.code(), "tracking.too_many_links");
    // The same links opted out are not counted.
    let opted_out = r#"<a data-envoi-notrack href="https://example.com/">x</a>"#.repeat(70_000);
    assert!(track(&opted_out, None).links.is_empty());
}

#[test]
fn ambiguous_markup_is_refused_rather_than_guessed() {
    let html = r#"<select><xmp><a href="https://example.com/">x</a></xmp></select>"#;
    let error = tracker()
        .track(&key_ring(), &email(html, None))
        .unwrap_err();
    assert_eq!(error.code(), "tracking.ambiguous_html");
}

#[test]
fn a_token_the_key_ring_refuses_to_issue_keeps_its_token_code() {
    let mut request = email("<a href='https://example.com/'>x</a>", None);
    request.expires_at = Some(request.issued_at - TimeDelta::seconds(1));
    let error = tracker().track(&key_ring(), &request).unwrap_err();
    assert!(matches!(error, TrackingError::Token(_)));
    assert!(error.code().starts_with("token."), "{}", error.code());
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            TrackingError::InvalidOption {
                field: "base_url",
                value: String::new(),
                rule: "",
            },
            "tracking.invalid_option",
        ),
        (
            TrackingError::InvalidClaims {
                field: "claims.link",
                value: String::new(),
                rule: "",
            },
            "tracking.invalid_claims",
        ),
        (
            TrackingError::TooManyLinks { limit: 65_536 },
            "tracking.too_many_links",
        ),
        (
            TrackingError::AmbiguousHtml {
                detail: String::new(),
            },
            "tracking.ambiguous_html",
        ),
        (
            TrackingError::HtmlRewrite {
                detail: String::new(),
            },
            "tracking.html_rewrite_failed",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.family(), "tracking");
    }
    assert_eq!(RefusedClick::NoLinkClaim.code(), "tracking.no_link_claim");
    assert_eq!(
        RefusedClick::UnknownLink {
            message: None,
            link: 0
        }
        .code(),
        "tracking.unknown_link"
    );
    assert_eq!(
        RefusedClick::UnsafeTarget {
            link: 0,
            target: String::new()
        }
        .code(),
        "tracking.unsafe_target"
    );
}

// ---- Click and open resolution ----

fn one_link() -> (TrackedEmail, String) {
    let tracked = track(
        r#"<body><a href="https://shop.example.com/offer">Offer</a></body>"#,
        None,
    );
    let token = click_tokens(&tracked.html).remove(0);
    (tracked, token)
}

fn fallback_reason(resolution: ClickResolution) -> RefusedClick {
    match resolution {
        ClickResolution::Fallback { url, reason } => {
            assert_eq!(url, "https://example.com/");
            reason
        }
        target => panic!("expected the fallback, got {target:?}"),
    }
}

#[test]
fn a_valid_click_resolves_to_the_stored_target_until_its_expiry() {
    let (tracked, token) = one_link();
    let expiry = sent() + TimeDelta::days(365);
    let just_before = resolve(&tracked.links, &token, expiry - TimeDelta::seconds(1));
    assert_eq!(just_before.redirect_url(), "https://shop.example.com/offer");
    assert_eq!(just_before.verified().unwrap().claims.link, Some(0));
    let reason = fallback_reason(resolve(&tracked.links, &token, expiry));
    assert!(matches!(reason, RefusedClick::InvalidToken(_)));
    assert_eq!(reason.code(), "token.expired");
}

#[test]
fn forged_and_altered_tokens_go_to_the_fallback_without_asking_the_store() {
    let (tracked, token) = one_link();
    let mut tokens = vec![String::new(), "garbage".to_owned(), format!("{token}x")];
    tokens.push(token[..token.len() - 1].to_owned());
    // Every one-character change.
    for (i, c) in token.char_indices() {
        let replacement = if c == 'A' { 'B' } else { 'A' };
        let mut altered = token.clone();
        altered.replace_range(i..=i, &replacement.to_string());
        tokens.push(altered);
    }
    // Signed with a key the ring does not hold.
    let other_ring = KeyRing::new([(1, SECRET_2.to_vec())], 1).unwrap();
    let claims = Claims {
        link: Some(0),
        ..claims()
    };
    tokens.push(
        other_ring
            .issue(Purpose::Click, &claims, sent(), None)
            .unwrap(),
    );
    for forged in tokens {
        let resolution = tracker().resolve_click(&key_ring(), &forged, sent(), |_| {
            panic!("the store is asked only for a verified token")
        });
        let reason = fallback_reason(resolution);
        assert!(matches!(reason, RefusedClick::InvalidToken(_)), "{forged}");
        assert!(reason.code().starts_with("token."));
    }
    // The genuine one still works.
    assert_eq!(
        resolve(&tracked.links, &token, sent()).redirect_url(),
        "https://shop.example.com/offer"
    );
}

#[test]
fn a_token_of_another_purpose_goes_to_the_fallback() {
    let (tracked, _) = one_link();
    let claims = Claims {
        link: Some(0),
        ..claims()
    };
    for purpose in [
        Purpose::Open,
        Purpose::Approval,
        Purpose::SenderVerification,
        Purpose::PasswordReset,
        Purpose::SecureEmail,
    ] {
        let token = key_ring().issue(purpose, &claims, sent(), None).unwrap();
        let reason = fallback_reason(resolve(&tracked.links, &token, sent()));
        assert!(
            matches!(reason, RefusedClick::InvalidToken(_)),
            "{purpose:?}"
        );
    }
}

#[test]
fn an_unknown_link_or_message_goes_to_the_fallback() {
    let (tracked, _) = one_link();
    let issue = |claims: Claims| {
        key_ring()
            .issue(Purpose::Click, &claims, sent(), None)
            .unwrap()
    };
    let beyond_the_table = issue(Claims {
        link: Some(1),
        ..claims()
    });
    assert_eq!(
        fallback_reason(resolve(&tracked.links, &beyond_the_table, sent())),
        RefusedClick::UnknownLink {
            message: Some(42),
            link: 1
        }
    );
    let other_message = issue(Claims {
        message: Some(43),
        link: Some(0),
        ..claims()
    });
    assert_eq!(
        fallback_reason(resolve(&tracked.links, &other_message, sent())).code(),
        "tracking.unknown_link"
    );
    let no_link = issue(claims());
    assert_eq!(
        fallback_reason(resolve(&tracked.links, &no_link, sent())),
        RefusedClick::NoLinkClaim
    );
}

#[test]
fn a_stored_target_that_is_not_http_is_never_a_redirect() {
    let (_, token) = one_link();
    for stored in [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/",
        "/relative",
        "",
    ] {
        let table = LinkTable::new(vec![stored.to_owned()]);
        let reason = fallback_reason(resolve(&table, &token, sent()));
        assert_eq!(reason.code(), "tracking.unsafe_target", "{stored}");
    }
}

#[test]
fn a_retired_key_still_resolves_a_removed_one_does_not() {
    let (tracked, token) = one_link();
    let rotated = KeyRing::new([(1, SECRET_1.to_vec()), (2, SECRET_2.to_vec())], 2).unwrap();
    let lookup = |claims: &Claims| tracked.links.get(claims.link?).map(str::to_owned);
    assert_eq!(
        tracker()
            .resolve_click(&rotated, &token, sent(), lookup)
            .redirect_url(),
        "https://shop.example.com/offer"
    );
    let removed = KeyRing::new([(2, SECRET_2.to_vec())], 2).unwrap();
    let resolution = tracker().resolve_click(&removed, &token, sent(), lookup);
    assert_eq!(resolution.redirect_url(), "https://example.com/");
}

#[test]
fn opens_resolve_to_the_claims_or_are_ignored() {
    let tracked = track("<p>x</p>", None);
    let token = tracked
        .open_url
        .strip_prefix("https://t.example.com/o/")
        .unwrap();
    let OpenResolution::Open { verified } = tracker().resolve_open(&key_ring(), token, sent())
    else {
        panic!("a valid open token");
    };
    assert_eq!(verified.claims, claims());
    assert_eq!(verified.purpose, Purpose::Open);
    let expired = tracker().resolve_open(&key_ring(), token, sent() + TimeDelta::days(365));
    assert!(matches!(expired, OpenResolution::Ignore { .. }));
    // A click token is not an open.
    let (_, click) = one_link();
    assert!(
        tracker()
            .resolve_open(&key_ring(), &click, sent())
            .verified()
            .is_none()
    );
    assert!(
        tracker()
            .resolve_open(&key_ring(), "", sent())
            .verified()
            .is_none()
    );
}

// ---- Properties ----

/// One piece of a generated document.
#[derive(Debug, Clone)]
enum Piece {
    /// Text without markup characters.
    Text(String),
    /// Markup that is not a link to rewrite (tags, comments, scripts with link-like text).
    Markup(&'static str),
    /// An `<a>` with its spelling.
    Link {
        upper_case: bool,
        quote: u8,
        href: &'static str,
        class_first: bool,
        opt_out: bool,
        content: String,
    },
}

const HREFS: &[&str] = &[
    "https://shop.example.com/offers?utm_source=mail&amp;utm_medium=email",
    "https://shop.example.com/blog",
    "http://example.org/a/b",
    "https://example.com/",
    "mailto:someone@example.com",
    "tel:+32475123456",
    "#top",
    "/relative",
    "",
];

const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"x\">",
    "</div>",
    "<br>",
    "<img src=\"https://cdn.example.com/a.png\" alt=\"\">",
    "<table><tr><td>",
    "</td></tr></table>",
    "<!-- <a href=\"https://comment.example/\">x</a> </body> -->",
    "<script>var s = \"<a href='https://script.example/'></a></body>\";</script>",
    "<style>a { color: red }</style>",
    "<a name=\"anchor\">",
    "</a>",
    "&amp; &eacute; &#233;",
];

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        "[a-zA-Z0-9 .,!?\n\u{e9}]{0,12}".prop_map(Piece::Text),
        prop::sample::select(MARKUP).prop_map(Piece::Markup),
        (
            any::<bool>(),
            0u8..3,
            prop::sample::select(HREFS),
            any::<bool>(),
            prop::bool::weighted(0.2),
            "[a-zA-Z ]{0,8}",
        )
            .prop_map(|(upper_case, quote, href, class_first, opt_out, content)| {
                Piece::Link {
                    upper_case,
                    quote,
                    href,
                    class_first,
                    opt_out,
                    content,
                }
            }),
    ]
}

fn trackable(href: &str) -> bool {
    href.starts_with("http")
}

/// The document, and the document the tracker must make of it (tracked URLs computed
/// independently), and the targets of the tracked links.
fn document(pieces: &[Piece], body_end: bool) -> (String, String, Vec<String>) {
    let mut input = String::from("<html><body>");
    let mut expected = input.clone();
    let mut targets = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                input.push_str(text);
                expected.push_str(text);
            }
            Piece::Markup(markup) => {
                input.push_str(markup);
                expected.push_str(markup);
            }
            Piece::Link {
                upper_case,
                quote,
                href,
                class_first,
                opt_out,
                content,
            } => {
                let (a, name) = if *upper_case {
                    ("A", "HREF")
                } else {
                    ("a", "href")
                };
                // An unquoted value cannot be empty nor hold `&amp;`-free spaces: keep it quoted then.
                let quote = if *quote == 2 && href.is_empty() {
                    0
                } else {
                    *quote
                };
                let written_href = match quote {
                    0 => format!("{name}=\"{href}\""),
                    1 => format!("{name}='{href}'"),
                    _ => format!("{name}={href}"),
                };
                let tracked = !opt_out && trackable(href);
                let out_href = if tracked {
                    let index = u16::try_from(targets.len()).unwrap();
                    targets.push(
                        url::Url::parse(&href.replace("&amp;", "&"))
                            .unwrap()
                            .to_string(),
                    );
                    format!("{name}=\"{}\"", click_url(index))
                } else {
                    written_href.clone()
                };
                let attributes = |href: &str, opt_out: bool| {
                    let mut attributes = Vec::new();
                    if *class_first {
                        attributes.push("class=\"btn\"".to_owned());
                    }
                    if opt_out {
                        attributes.push("data-envoi-notrack".to_owned());
                    }
                    attributes.push(href.to_owned());
                    if !class_first {
                        attributes.push("class=\"btn\"".to_owned());
                    }
                    attributes.join(" ")
                };
                input.push_str(&format!(
                    "<{a} {}>{content}</{a}>",
                    attributes(&written_href, *opt_out)
                ));
                expected.push_str(&format!(
                    "<{a} {}>{content}</{a}>",
                    attributes(&out_href, false)
                ));
            }
        }
    }
    if body_end {
        input.push_str("</body></html>");
        expected.push_str(&pixel());
        expected.push_str("</body></html>");
    } else {
        expected.push_str(&pixel());
    }
    (input, expected, targets)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The tracker changes nothing but the `href` of each tracked link, the opt-out attribute and
    /// the pixel: the output equals the input with exactly those edits, made independently.
    #[test]
    fn rewriting_changes_only_the_tracked_hrefs_and_the_pixel(
        pieces in prop::collection::vec(piece(), 0..24),
        body_end in any::<bool>(),
    ) {
        let (input, expected, targets) = document(&pieces, body_end);
        let tracked = track(&input, None);
        prop_assert_eq!(&tracked.html, &expected);
        prop_assert_eq!(tracked.links.targets(), targets.as_slice());
        // And every link goes back to its target through its token.
        let tokens = click_tokens(&tracked.html);
        prop_assert_eq!(tokens.len(), targets.len());
        for (token, target) in tokens.iter().zip(&targets) {
            let resolution = resolve(&tracked.links, token, sent());
            prop_assert_eq!(resolution.redirect_url(), target.as_str());
        }
    }

    /// Whatever the input, tracking does not panic, and each tracked link resolves to its target.
    #[test]
    fn arbitrary_input_never_panics_and_links_resolve(
        html in "(<a href=\"https://example.com/[a-z]{0,3}\">|<body>|</body>|<[a-zA-Z/!]|[^<]){0,40}",
        text in "(https://example.com/[a-z]{0,3}|[ .()<>\n]|[a-z]){0,30}",
    ) {
        let Ok(tracked) = tracker().track(&key_ring(), &email(&html, Some(&text))) else {
            return Ok(());
        };
        let mut tokens = click_tokens(&tracked.html);
        tokens.extend(click_tokens(tracked.text.as_deref().unwrap_or_default()));
        for token in tokens {
            let resolution = resolve(&tracked.links, &token, sent());
            prop_assert!(matches!(resolution, ClickResolution::Target { .. }), "{:?}", resolution);
        }
    }
}

// ---- Secure email ----

fn secure(policy: SecureAccessPolicy) -> (SecureAccess, String) {
    let claims = Claims {
        occurrence: None,
        ..claims()
    };
    let new = SecureAccess::create(&key_ring(), claims, sent(), policy).unwrap();
    (new.access, new.token)
}

fn wrong(code: &str) -> &'static str {
    if code == "000000" { "000001" } else { "000000" }
}

fn minutes(n: i64) -> Instant {
    sent() + TimeDelta::minutes(n)
}

#[test]
fn a_secure_email_opens_with_its_link_and_a_fresh_code_each_time() {
    let (mut access, link) = secure(SecureAccessPolicy::default());
    assert_eq!(
        SecureAccess::read_link(&key_ring(), &link, minutes(5)).unwrap(),
        access.claims
    );
    // The link alone does not open it, nor does it before a code was issued.
    let ring = key_ring();
    assert_eq!(
        access.open(&ring, &link, None, minutes(5)).unwrap_err(),
        SecureAccessError::CodeRequired
    );
    assert_eq!(
        access
            .open(&ring, &link, Some("123456"), minutes(5))
            .unwrap_err(),
        SecureAccessError::NoCodeIssued
    );
    let code = access.issue_code(&ring, minutes(5)).unwrap();
    assert_eq!(code.len(), 6);
    let opened = access.open(&ring, &link, Some(&code), minutes(6)).unwrap();
    assert_eq!((opened.open_count, opened.opened_at), (1, minutes(6)));
    // The code opened once; the next visit needs a new code.
    let error = access
        .open(&ring, &link, Some(&code), minutes(7))
        .unwrap_err();
    assert_eq!(error.code(), "tracking.secure_code_used");
    let second = access.issue_code(&ring, minutes(60)).unwrap();
    assert_ne!(second, code);
    access
        .open(&ring, &link, Some(&second), minutes(61))
        .unwrap();
    assert_eq!(access.open_count, 2);
    assert_eq!(access.first_opened_at, Some(minutes(6)));
    assert_eq!(access.last_opened_at, Some(minutes(61)));
    assert_eq!((access.codes_issued, access.failed_attempts), (2, 0));
    assert_eq!(access.lock, None);
}

#[test]
fn wrong_codes_are_counted_malformed_ones_are_not() {
    let (mut access, link) = secure(SecureAccessPolicy::default());
    let ring = key_ring();
    let code = access.issue_code(&ring, minutes(0)).unwrap();
    assert_eq!(access.attempts_left(), 5);
    let error = access
        .open(&ring, &link, Some(wrong(&code)), minutes(1))
        .unwrap_err();
    assert_eq!(error, SecureAccessError::WrongCode { attempts_left: 4 });
    assert_eq!(error.to_string(), "code: wrong code, 4 attempts left");
    let malformed = access
        .open(&ring, &link, Some("12ab"), minutes(1))
        .unwrap_err();
    assert_eq!(malformed.code(), "tracking.secure_code_malformed");
    assert_eq!((access.failed_attempts, access.attempts_left()), (1, 4));
    // Typed with spaces: read leniently.
    let typed = format!("{} {}", &code[..3], &code[3..]);
    assert!(access.open(&ring, &link, Some(&typed), minutes(2)).is_ok());
}

#[test]
fn a_code_locks_after_its_attempts_and_the_access_after_its_own_bound() {
    let policy = SecureAccessPolicy {
        code: CodePolicy {
            max_attempts: 3,
            ..CodePolicy::default()
        },
        max_failed_attempts: 5,
        ..SecureAccessPolicy::default()
    };
    let (mut access, link) = secure(policy);
    let ring = key_ring();
    let first = access.issue_code(&ring, minutes(0)).unwrap();
    for left in [2, 1] {
        assert_eq!(
            access.open(&ring, &link, Some(wrong(&first)), minutes(1)),
            Err(SecureAccessError::WrongCode {
                attempts_left: left
            })
        );
    }
    // The code's last attempt: the code locks, the access does not.
    assert_eq!(
        access.open(&ring, &link, Some(wrong(&first)), minutes(1)),
        Err(SecureAccessError::CodeLocked)
    );
    assert_eq!(
        access.open(&ring, &link, Some(&first), minutes(1)),
        Err(SecureAccessError::CodeLocked)
    );
    assert_eq!((access.failed_attempts, access.lock), (3, None));
    // A new code gives the access's remaining two attempts, not three.
    let second = access.issue_code(&ring, minutes(2)).unwrap();
    assert_eq!(access.attempts_left(), 2);
    assert_eq!(
        access.open(&ring, &link, Some(wrong(&second)), minutes(3)),
        Err(SecureAccessError::WrongCode { attempts_left: 1 })
    );
    let locked = access
        .open(&ring, &link, Some(wrong(&second)), minutes(3))
        .unwrap_err();
    let lock = AccessLock {
        reason: LockReason::TooManyAttempts,
        at: minutes(3),
    };
    assert_eq!(locked, SecureAccessError::Locked(lock));
    assert_eq!(locked.code(), "tracking.secure_locked");
    assert_eq!(access.lock, Some(lock));
    assert_eq!(access.attempts_left(), 0);
    // Locked for good: the right code, a new code, all refused with the reason.
    assert_eq!(
        access.open(&ring, &link, Some(&second), minutes(4)),
        Err(SecureAccessError::Locked(lock))
    );
    assert_eq!(
        access.issue_code(&ring, minutes(4)),
        Err(SecureAccessError::Locked(lock))
    );
}

#[test]
fn the_access_expires_with_its_validity_and_a_code_never_outlives_it() {
    let policy = SecureAccessPolicy {
        validity_seconds: 3600,
        require_code: false,
        ..SecureAccessPolicy::default()
    };
    let (mut access, link) = secure(policy);
    let ring = key_ring();
    assert!(access.open(&ring, &link, None, minutes(59)).is_ok());
    let expired = access.open(&ring, &link, None, minutes(60)).unwrap_err();
    let lock = AccessLock {
        reason: LockReason::Expired,
        at: minutes(60),
    };
    assert_eq!(expired, SecureAccessError::Locked(lock));
    assert_eq!(access.lock, Some(lock));
    assert_eq!(access.lock_at(minutes(10)), Some(lock));

    let (mut coded, link) = secure(SecureAccessPolicy {
        validity_seconds: 3600,
        ..SecureAccessPolicy::default()
    });
    // Issued 5 minutes before the end, a 15-minute code ends with the access.
    let code = coded.issue_code(&ring, minutes(55)).unwrap();
    assert_eq!(coded.challenge.as_ref().unwrap().expires_at, minutes(60));
    assert_eq!(
        coded.open(&ring, &link, Some(&code), minutes(61)),
        Err(SecureAccessError::Locked(lock))
    );
}

#[test]
fn an_expired_code_needs_a_new_one() {
    let (mut access, link) = secure(SecureAccessPolicy::default());
    let ring = key_ring();
    let code = access.issue_code(&ring, minutes(0)).unwrap();
    let error = access
        .open(&ring, &link, Some(&code), minutes(15))
        .unwrap_err();
    assert_eq!(
        error,
        SecureAccessError::CodeExpired {
            expires_at: minutes(15)
        }
    );
    assert_eq!(access.failed_attempts, 0);
    let fresh = access.issue_code(&ring, minutes(16)).unwrap();
    assert!(access.open(&ring, &link, Some(&fresh), minutes(17)).is_ok());
}

#[test]
fn codes_issued_are_bounded() {
    let (mut access, _) = secure(SecureAccessPolicy {
        max_codes: 2,
        ..SecureAccessPolicy::default()
    });
    let ring = key_ring();
    access.issue_code(&ring, minutes(0)).unwrap();
    access.issue_code(&ring, minutes(1)).unwrap();
    let error = access.issue_code(&ring, minutes(2)).unwrap_err();
    assert_eq!(error, SecureAccessError::TooManyCodes { max: 2 });
    assert_eq!(error.code(), "tracking.secure_too_many_codes");
}

#[test]
fn without_a_second_channel_the_link_alone_opens() {
    let (mut access, link) = secure(SecureAccessPolicy {
        require_code: false,
        ..SecureAccessPolicy::default()
    });
    let ring = key_ring();
    assert!(access.open(&ring, &link, None, minutes(1)).is_ok());
    assert!(
        access
            .open(&ring, &link, Some("ignored"), minutes(2))
            .is_ok()
    );
    assert_eq!(access.open_count, 2);
    assert_eq!(
        access.issue_code(&ring, minutes(3)),
        Err(SecureAccessError::CodeNotRequired)
    );
}

#[test]
fn forged_foreign_and_wrong_purpose_links_open_nothing_and_count_nothing() {
    let (mut access, link) = secure(SecureAccessPolicy::default());
    let ring = key_ring();
    let code = access.issue_code(&ring, minutes(0)).unwrap();
    let mut altered = link.clone().into_bytes();
    altered[12] = if altered[12] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    let click = ring
        .issue(Purpose::Click, &access.claims, sent(), None)
        .unwrap();
    let other_ring = KeyRing::new([(1, SECRET_2.to_vec())], 1).unwrap();
    let foreign_key = other_ring
        .issue_sealed(Purpose::SecureEmail, &access.claims, sent(), None)
        .unwrap();
    for bad in [altered.as_str(), click.as_str(), foreign_key.as_str(), ""] {
        let error = access
            .open(&ring, bad, Some(&code), minutes(1))
            .unwrap_err();
        assert!(matches!(error, SecureAccessError::InvalidLink(_)), "{bad}");
        assert!(error.code().starts_with("token."), "{}", error.code());
        assert!(SecureAccess::read_link(&ring, bad, minutes(1)).is_err());
    }
    // A valid link of another recipient's access.
    let (_, other_link) = {
        let claims = Claims {
            recipient: Some(2002),
            occurrence: None,
            ..claims()
        };
        let new =
            SecureAccess::create(&ring, claims, sent(), SecureAccessPolicy::default()).unwrap();
        (new.access, new.token)
    };
    let error = access
        .open(&ring, &other_link, Some(&code), minutes(1))
        .unwrap_err();
    assert_eq!(error.code(), "tracking.secure_link_mismatch");
    assert_eq!((access.failed_attempts, access.open_count), (0, 0));
    assert_eq!(access.challenge.as_ref().unwrap().attempts_used, 0);
    // The real link and code still open it.
    assert!(access.open(&ring, &link, Some(&code), minutes(2)).is_ok());

    // A later access for the same claims (the first one revoked, say) is not opened by the
    // earlier link, even with the later access's own code.
    let mut later = SecureAccess::create(
        &ring,
        access.claims,
        minutes(10),
        SecureAccessPolicy::default(),
    )
    .unwrap();
    let later_code = later.access.issue_code(&ring, minutes(11)).unwrap();
    let error = later
        .access
        .open(&ring, &link, Some(&later_code), minutes(11))
        .unwrap_err();
    assert_eq!(error.code(), "tracking.secure_link_mismatch");
    assert_eq!(later.access.open_count, 0);
    assert!(
        later
            .access
            .open(&ring, &later.token, Some(&later_code), minutes(12))
            .is_ok()
    );
}

#[test]
fn the_access_link_is_sealed() {
    let (access, link) = secure(SecureAccessPolicy::default());
    let signed = key_ring()
        .issue(Purpose::SecureEmail, &access.claims, sent(), None)
        .unwrap();
    assert_ne!(link, signed);
    let verified = key_ring()
        .verify(Purpose::SecureEmail, &link, sent())
        .unwrap();
    assert_eq!(
        (verified.claims, verified.expires_at),
        (access.claims, None)
    );
}

#[test]
fn revoking_locks_with_its_reason_and_keeps_a_first_lock() {
    let (mut access, link) = secure(SecureAccessPolicy {
        require_code: false,
        ..SecureAccessPolicy::default()
    });
    access.revoke(minutes(5));
    let lock = AccessLock {
        reason: LockReason::Revoked,
        at: minutes(5),
    };
    assert_eq!(
        access.open(&key_ring(), &link, None, minutes(6)),
        Err(SecureAccessError::Locked(lock))
    );
    access.revoke(minutes(7));
    assert_eq!(access.lock, Some(lock));
    assert_eq!(
        SecureAccessError::Locked(lock).to_string(),
        "access: locked since 2026-03-02 09:05:00 UTC: revoked by the sender"
    );
}

#[test]
fn the_stored_access_round_trips_through_json_mid_flow() {
    let (mut access, link) = secure(SecureAccessPolicy {
        code: CodePolicy {
            alphabet: CodeAlphabet::Crockford,
            length: 8,
            max_attempts: 4,
        },
        ..SecureAccessPolicy::default()
    });
    let ring = key_ring();
    let code = access.issue_code(&ring, minutes(0)).unwrap();
    let wrong_code = if code.starts_with('Z') {
        "00000000"
    } else {
        "ZZZZZZZZ"
    };
    access
        .open(&ring, &link, Some(wrong_code), minutes(1))
        .unwrap_err();
    let json = serde_json::to_value(&access).unwrap();
    assert_eq!(json["failed_attempts"], 1);
    assert_eq!(json["policy"]["code"]["alphabet"], "crockford");
    assert_eq!(json["challenge"]["state"], "pending");
    let mut stored: SecureAccess = serde_json::from_value(json).unwrap();
    assert_eq!(stored, access);
    assert_eq!(stored.attempts_left(), 3);
    let typed = code.to_lowercase();
    assert_eq!(
        stored
            .open(&ring, &link, Some(&typed), minutes(2))
            .unwrap()
            .open_count,
        1
    );
}

#[test]
fn bad_secure_policies_and_claims_are_refused() {
    let ring = key_ring();
    let cases = [
        (
            SecureAccessPolicy {
                validity_seconds: 0,
                ..SecureAccessPolicy::default()
            },
            "validity_seconds: \"0\" is out of range: an access is valid 1 second to 10 years",
        ),
        (
            SecureAccessPolicy {
                code_validity_seconds: 30,
                ..SecureAccessPolicy::default()
            },
            "code_validity_seconds: \"30\" is out of range: a code is valid 60 to 86,400 seconds",
        ),
        (
            SecureAccessPolicy {
                max_codes: 0,
                ..SecureAccessPolicy::default()
            },
            "max_codes: \"0\" is out of range: an access allows 1 to 20 codes",
        ),
        (
            SecureAccessPolicy {
                max_failed_attempts: 101,
                ..SecureAccessPolicy::default()
            },
            "max_failed_attempts: \"101\" is out of range: an access allows 1 to 100 wrong codes",
        ),
        (
            SecureAccessPolicy {
                code: CodePolicy {
                    length: 4,
                    ..CodePolicy::default()
                },
                ..SecureAccessPolicy::default()
            },
            "code.length: \"4\" is out of range: a code of digits has 6 to 10 of them",
        ),
    ];
    for (policy, message) in cases {
        let error = SecureAccess::create(&ring, claims(), sent(), policy).unwrap_err();
        assert_eq!(error.code(), "tracking.invalid_option");
        assert_eq!(error.to_string(), message);
    }
    let error = SecureAccess::create(
        &ring,
        Claims {
            link: Some(1),
            ..claims()
        },
        sent(),
        SecureAccessPolicy::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "tracking.invalid_claims");
}

#[test]
fn secure_access_error_codes_are_stable() {
    let lock = AccessLock {
        reason: LockReason::Expired,
        at: sent(),
    };
    let cases = [
        (
            SecureAccessError::LinkMismatch {
                expected: Box::new(claims()),
                found: Box::new(claims()),
            },
            "tracking.secure_link_mismatch",
        ),
        (SecureAccessError::Locked(lock), "tracking.secure_locked"),
        (
            SecureAccessError::CodeRequired,
            "tracking.secure_code_required",
        ),
        (
            SecureAccessError::NoCodeIssued,
            "tracking.secure_no_code_issued",
        ),
        (
            SecureAccessError::CodeNotRequired,
            "tracking.secure_code_not_required",
        ),
        (
            SecureAccessError::TooManyCodes { max: 5 },
            "tracking.secure_too_many_codes",
        ),
        (
            SecureAccessError::WrongCode { attempts_left: 1 },
            "tracking.secure_wrong_code",
        ),
        (
            SecureAccessError::CodeMalformed {
                reason: String::new(),
            },
            "tracking.secure_code_malformed",
        ),
        (
            SecureAccessError::CodeExpired { expires_at: sent() },
            "tracking.secure_code_expired",
        ),
        (SecureAccessError::CodeUsed, "tracking.secure_code_used"),
        (SecureAccessError::CodeLocked, "tracking.secure_code_locked"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(
        serde_json::to_value(LockReason::TooManyAttempts).unwrap(),
        "too_many_attempts"
    );
}
