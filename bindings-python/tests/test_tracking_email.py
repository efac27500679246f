"""envoi.tracking: tracked email (pixel, links, text part) and resolving clicks and opens."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi import tracking

SENT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
CLAIMS = {"account": 7, "message": 42, "recipient": 1001}
RING = tracking.KeyRing({1: b"a secret of at least 32 bytes, really"}, 1)
HTML = """<html><body>
<p><a href="https://example.com/offer?a=1&amp;b=2">Offer</a></p>
<p><a href="https://example.com/shop">Shop</a> <a href="https://example.com/offer?a=1&amp;b=2">again</a></p>
<p><a href="mailto:shop@example.com">Mail us</a> <a href="#top">Top</a> <a href="/relative">rel</a></p>
<p><a data-envoi-notrack href="https://example.com/private">Private</a></p>
</body></html>"""
TEXT = "Offer: https://example.com/offer?a=1&b=2\nShop: https://example.com/shop\nElse: https://example.org/x"


def tracker() -> tracking.Tracker:
    return tracking.Tracker("https://t.example.com", "https://example.com/")


def tracked() -> tracking.TrackedEmail:
    return tracker().track(RING, HTML, CLAIMS, text=TEXT, now=SENT, expires=timedelta(days=365))


def test_tracker_options() -> None:
    t = tracking.Tracker("https://t.example.com/", "https://example.com", open_path="/p", click_path="/l/k",
                         opt_out_attribute="data-keep")
    assert (t.base_url, t.fallback_url) == ("https://t.example.com/", "https://example.com/")
    assert (t.open_path, t.click_path, t.opt_out_attribute) == ("/p", "/l/k", "data-keep")
    assert t.click_url("TOKEN") == "https://t.example.com/l/k/TOKEN"
    assert t.open_url("TOKEN") == "https://t.example.com/p/TOKEN"
    assert repr(t).startswith("Tracker(base_url='https://t.example.com/', fallback_url='https://example.com/'")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"base_url": "ftp://t.example.com"}, "base_url"),
        ({"base_url": "https://t.example.com/?q=1"}, "base_url"),
        ({"fallback_url": "/home"}, "fallback_url"),
        ({"open_path": "o"}, "open_path"),
        ({"click_path": "/o"}, "click_path"),
        ({"opt_out_attribute": "1bad"}, "opt_out_attribute"),
    ],
)
def test_invalid_options(kwargs: dict[str, str], field: str) -> None:
    arguments = {"base_url": "https://t.example.com", "fallback_url": "https://example.com/"} | kwargs
    base_url = arguments.pop("base_url")
    fallback_url = arguments.pop("fallback_url")
    with pytest.raises(envoi.TrackingError) as info:
        tracking.Tracker(base_url, fallback_url, **arguments)
    error = info.value
    assert (error.code, error.field) == ("tracking.invalid_option", field)
    assert error.value == (kwargs[field]) and error.rule


def test_track_inserts_the_pixel_and_rewrites_the_links() -> None:
    email = tracked()
    assert email.links == [
        "https://example.com/offer?a=1&b=2",
        "https://example.com/shop",
        "https://example.com/offer?a=1&b=2",
    ]
    assert json.loads(email.links_json) == email.links
    assert email.open_url.startswith("https://t.example.com/o/")
    assert f'<img src="{email.open_url}"' in email.html
    assert email.html.count('<a href="https://t.example.com/c/') == 3
    assert '<a href="mailto:shop@example.com">' in email.html
    assert "data-envoi-notrack" not in email.html and 'href="https://example.com/private"' in email.html
    assert [(u.part, u.href, u.reason) for u in email.untracked] == [
        ("html", "mailto:shop@example.com", "other_scheme"),
        ("html", "#top", "fragment"),
        ("html", "/relative", "relative"),
        ("html", "https://example.com/private", "opt_out"),
        ("text", "https://example.org/x", "not_in_html"),
    ]
    assert len({*email.untracked}) == 5
    assert repr(email.untracked[1]) == "UntrackedLink(part='html', href='#top', reason='fragment')"
    assert email.text is not None
    assert email.text.startswith("Offer: https://t.example.com/c/")
    assert email.text.endswith("Else: https://example.org/x")
    # Deterministic: the same email, claims and times give the same output.
    assert tracked() == email
    assert tracker().track(RING, "<p>no body</p>", CLAIMS, now=SENT).text is None


def test_every_tracked_link_resolves_to_its_original_target() -> None:
    email = tracked()
    store = {(42, index): target for index, target in enumerate(email.links)}
    asked: list[dict[str, int]] = []

    def lookup(claims: dict[str, int]) -> str | None:
        asked.append(claims)
        return store.get((claims["message"], claims["link"]))

    urls = re.findall(r'<a href="(https://t\.example\.com/c/[A-Za-z0-9_-]+)"', email.html)
    assert len(urls) == 3
    now = SENT + timedelta(hours=2)
    for index, url in enumerate(urls):
        token = url.rsplit("/", 1)[1]
        resolution = tracker().resolve_click(RING, token, lookup, now=now)
        assert resolution.url == email.links[index]
        assert (resolution.reason, resolution.message) == (None, None)
        assert resolution.verified is not None
        assert resolution.verified.claims == CLAIMS | {"link": index}
        assert resolution.verified.expires_at == SENT + timedelta(days=365)
    assert asked == [CLAIMS | {"link": i} for i in range(3)]
    # The text part's links are the HTML's tokens.
    assert email.text is not None
    assert urls[0] in email.text and urls[1] in email.text
    # The pixel.
    opened = tracker().resolve_open(RING, email.open_url.rsplit("/", 1)[1], now=now)
    assert opened.verified is not None and opened.verified.claims == CLAIMS
    assert (opened.reason, opened.message) == (None, None)


def test_a_forged_or_refused_click_goes_to_the_fallback() -> None:
    email = tracked()
    token = re.findall(r'https://t\.example\.com/c/([A-Za-z0-9_-]+)', email.html)[0]
    forged = token[:20] + ("B" if token[20] == "A" else "A") + token[21:]

    def never(claims: dict[str, int]) -> str | None:
        raise AssertionError("the lookup is asked only for a verified click token")

    resolution = tracker().resolve_click(RING, forged, never, now=SENT)
    assert resolution.url == "https://example.com/"
    assert resolution.verified is None
    assert resolution.reason in {"token.bad_tag", "token.bad_base64", "token.non_canonical"}
    assert resolution.message
    expired = tracker().resolve_click(RING, token, never, now=SENT + timedelta(days=365))
    assert (expired.url, expired.reason) == ("https://example.com/", "token.expired")
    pixel = email.open_url.rsplit("/", 1)[1]
    assert tracker().resolve_click(RING, pixel, never, now=SENT).reason == "token.wrong_purpose"
    no_link = RING.issue("click", CLAIMS, now=SENT)
    assert tracker().resolve_click(RING, no_link, never, now=SENT).reason == "tracking.no_link_claim"
    unknown = tracker().resolve_click(RING, token, lambda claims: None, now=SENT)
    assert (unknown.url, unknown.reason) == ("https://example.com/", "tracking.unknown_link")
    assert unknown.message == "link 0 of message 42: not in the host's link table"
    unsafe = tracker().resolve_click(RING, token, lambda claims: "javascript:alert(1)", now=SENT)
    assert (unsafe.url, unsafe.reason) == ("https://example.com/", "tracking.unsafe_target")
    ignored = tracker().resolve_open(RING, "not-a-token", now=SENT)
    assert ignored.verified is None and ignored.reason is not None and ignored.reason.startswith("token.")
    assert ignored.message


def test_a_lookup_that_raises_reaches_the_caller_unchanged() -> None:
    email = tracked()
    token = re.findall(r'https://t\.example\.com/c/([A-Za-z0-9_-]+)', email.html)[1]

    class StoreDown(Exception):
        pass

    failure = StoreDown("link store unreachable")

    def lookup(claims: dict[str, int]) -> str | None:
        raise failure

    with pytest.raises(StoreDown) as info:
        tracker().resolve_click(RING, token, lookup, now=SENT)
    assert info.value is failure
    with pytest.raises(TypeError, match="lookup"):
        tracker().resolve_click(RING, token, lambda claims: 42, now=SENT)  # type: ignore[arg-type,return-value]
    # The tracker still works afterwards.
    assert tracker().resolve_click(RING, token, lambda claims: "https://example.com/shop", now=SENT).verified


def test_track_errors() -> None:
    with pytest.raises(envoi.TrackingError) as info:
        tracker().track(RING, HTML, CLAIMS | {"link": 3}, now=SENT)
    error = info.value
    assert (error.code, error.field, error.value) == ("tracking.invalid_claims", "claims.link", "3")
    assert error.rule
    with pytest.raises(envoi.TrackingError) as info:
        tracker().track(RING, '<select><xmp><a href="https://example.com/">x</a></xmp></select>', CLAIMS, now=SENT)
    assert info.value.code == "tracking.ambiguous_html" and info.value.detail
    with pytest.raises(envoi.TrackingError) as info:
        tracker().track(RING, '<a href="https://example.com/">x</a>' * 65_537, CLAIMS, now=SENT)
    assert (info.value.code, info.value.limit) == ("tracking.too_many_links", 65_536)
    # A token the key ring refuses keeps the key ring's error.
    with pytest.raises(envoi.TokenError) as token_info:
        tracker().track(RING, HTML, CLAIMS, now=SENT, expires=SENT - timedelta(seconds=1))
    assert token_info.value.code == "token.invalid_time"
    with pytest.raises(envoi.TokenError) as token_info:
        tracker().track(RING, HTML, {"message": -1}, now=SENT)
    assert token_info.value.code == "token.invalid_argument"
