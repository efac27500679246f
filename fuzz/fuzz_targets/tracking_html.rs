//! Fuzzes `Tracker::track` on arbitrary email content: the input is UTF-8, the HTML body then,
//! after the first U+0001 if there is one, the plain-text part. Tracking must never panic; a
//! refusal carries a `tracking.` (or `token.`) code. A tracked email has its pixel, and every link of
//! its link table is in the output under its own token and resolves back to its target, while a
//! token for an index past the table resolves to the fallback.
#![no_main]

use envoi::ErrorCode;
use envoi::time::Instant;
use envoi::token::{Claims, KeyRing, Purpose};
use envoi::tracking::{ClickResolution, EmailToTrack, Tracker, TrackingOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (html, text) = match input.split_once('\u{1}') {
        Some((html, text)) => (html, Some(text)),
        None => (input, None),
    };
    let tracker = Tracker::new(TrackingOptions::new(
        "https://t.example.com",
        "https://example.com/",
    ))
    .expect("valid options");
    let key_ring =
        KeyRing::new([(1, b"fuzzing key, at least 32 bytes long".to_vec())], 1).expect("a key");
    let sent: Instant = "2026-03-02T09:00:00Z".parse().expect("an instant");
    let claims = Claims {
        account: Some(7),
        message: Some(42),
        occurrence: Some(1),
        recipient: Some(1001),
        link: None,
        credential: None,
    };
    let email = EmailToTrack {
        html,
        text,
        claims,
        issued_at: sent,
        expires_at: None,
    };
    let tracked = match tracker.track(&key_ring, &email) {
        Ok(tracked) => tracked,
        Err(error) => {
            let code = error.code();
            assert!(
                code.starts_with("tracking.") || code.starts_with("token."),
                "{error:?}"
            );
            assert!(!error.to_string().is_empty());
            return;
        }
    };
    assert_eq!(text.is_some(), tracked.text.is_some());
    assert!(tracked.html.contains(&tracked.open_url));
    let open_token = tracked
        .open_url
        .strip_prefix("https://t.example.com/o/")
        .expect("the open URL is under the open path");
    assert_eq!(
        tracker
            .resolve_open(&key_ring, open_token, sent)
            .verified()
            .map(|verified| verified.claims),
        Some(claims)
    );
    let lookup = |claims: &Claims| {
        (claims.message == Some(42))
            .then(|| tracked.links.get(claims.link?).map(str::to_owned))
            .flatten()
    };
    for (link, target) in tracked.links.iter() {
        let link_claims = Claims {
            link: Some(link),
            ..claims
        };
        let token = key_ring
            .issue(Purpose::Click, &link_claims, sent, None)
            .expect("a click token");
        assert!(
            tracked.html.contains(&tracker.click_url(&token)),
            "link {link}"
        );
        match tracker.resolve_click(&key_ring, &token, sent, lookup) {
            ClickResolution::Target { url, verified } => {
                assert_eq!(url, target);
                assert_eq!(verified.claims, link_claims);
            }
            fallback => panic!("link {link} ({target}) did not resolve: {fallback:?}"),
        }
    }
    let past_the_table = Claims {
        link: u16::try_from(tracked.links.len()).ok(),
        ..claims
    };
    if past_the_table.link.is_some() {
        let token = key_ring
            .issue(Purpose::Click, &past_the_table, sent, None)
            .expect("a click token");
        let resolution = tracker.resolve_click(&key_ring, &token, sent, lookup);
        assert_eq!(resolution.redirect_url(), "https://example.com/");
    }
});
