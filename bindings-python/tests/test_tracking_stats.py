"""envoi.tracking: engagement statistics, machine rules and verdicts."""

from __future__ import annotations

import ipaddress
import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import envoi
from envoi import tracking

SENT = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
RING = tracking.KeyRing({1: b"\x11" * 32}, 1)
PIXEL = {"account": 1, "message": 42, "recipient": 7}
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
)
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


def test_an_apple_mpp_open_and_a_human_open() -> None:
    token = RING.issue("open", PIXEL, now=SENT)
    stats = tracking.Stats()
    for at, user_agent in ((SENT + timedelta(seconds=2), "Mozilla/5.0"), (SENT + timedelta(hours=2), IPHONE)):
        verified = tracking.Tracker("https://t.example.com", "https://example.com/").resolve_open(RING, token, now=at)
        assert verified.verified is not None
        stats.record_verified(verified.verified, at, user_agent=user_agent)
    assert len(stats) == 2
    assert [str(v) for v in stats.verdicts()] == ["machine (apple_mpp_user_agent)", "human"]
    assert [(v.event_class, v.rule, v.is_machine) for v in stats.verdicts()] == [
        ("machine", "apple_mpp_user_agent", True),
        ("human", "human", False),
    ]
    report = stats.report()
    message = report.message(account=1, message=42)
    assert message is not None
    assert (message.account, message.message, message.occurrence) == (1, 42, None)
    opens = message.opens
    assert (opens.total, opens.unique_links) == (2, 1)
    assert (opens.human_total, opens.human_unique_links, opens.machine_total, opens.machine_unique_links) == (1, 1, 1, 1)
    assert opens.machine_by_rule == {"apple_mpp_user_agent": 1}
    assert (opens.first_at, opens.last_at) == (SENT + timedelta(seconds=2), SENT + timedelta(hours=2))
    assert (opens.human_first_at, opens.human_last_at) == (SENT + timedelta(hours=2), SENT + timedelta(hours=2))
    assert message.clicks.total == 0 and message.clicks.first_at is None
    recipient = message.recipient(7)
    assert recipient is not None and recipient.recipient == 7 and recipient.opens == opens
    assert report.opens == opens and report.clicks.total == 0
    assert [m.message for m in report.messages] == [42]
    assert report.message(account=1, message=43) is None
    assert report.message(message=42) is None  # the account is part of the key
    assert message.recipient(8) is None and message.recipient(-1) is None
    assert json.loads(report.to_json())["opens"]["total"] == 2


def test_clicks_per_link_and_machine_rules_of_link_scanners() -> None:
    delivered = SENT
    stats = tracking.Stats()
    link = {"account": 1, "message": 42, "recipient": 7}
    # A scanner follows both links a second after delivery, then the reader clicks link 1.
    stats.record("click", link | {"link": 0}, SENT + timedelta(seconds=1), user_agent=CHROME, delivered_at=delivered)
    stats.record("click", link | {"link": 1}, SENT + timedelta(seconds=1), user_agent=CHROME, delivered_at=delivered)
    stats.record("click", link | {"link": 1}, SENT + timedelta(hours=3), user_agent=CHROME, delivered_at=delivered)
    stats.record("click", link | {"link": 0}, SENT + timedelta(hours=4), head_request=True)
    stats.record("click", {"message": 42, "recipient": 8, "link": 0}, SENT + timedelta(hours=5), client_class="bot")
    stats.record("open", {"message": 42, "recipient": 8}, SENT + timedelta(hours=5),
                 ip=ipaddress.ip_address("2a02:a03f::1"), user_agent="")
    rules = [v.rule for v in stats.verdicts()]
    assert rules == [
        "click_soon_after_delivery",
        "click_soon_after_delivery",
        "human",
        "head_request",
        "client_class:bot",
        "empty_user_agent",
    ]
    message = stats.report().message(account=1, message=42)
    assert message is not None
    clicks = message.clicks
    assert (clicks.total, clicks.unique_links, clicks.human_total, clicks.human_unique_links) == (4, 2, 1, 1)
    assert clicks.machine_by_rule == {"click_soon_after_delivery": 2, "head_request": 1}
    assert [(s.link, s.clicks.total) for s in message.links] == [(0, 2), (1, 2)]
    link_1 = message.link(1)
    assert link_1 is not None and link_1.clicks.human_total == 1
    assert message.link(9) is None and message.link(70_000) is None
    recipient = message.recipients[0]
    assert recipient.recipient == 7 and [s.link for s in recipient.links] == [0, 1]
    link_0 = recipient.link(0)
    assert link_0 is not None and link_0.clicks.machine_total == 2
    other = stats.report().message(message=42)
    assert other is not None and other.opens.machine_by_rule == {"empty_user_agent": 1}


def test_events_are_kept_and_aggregate_again_with_other_rules() -> None:
    stats = tracking.Stats()
    stats.record("open", PIXEL, SENT, user_agent="Mozilla/5.0", ip="17.58.0.1", links_in_message=3,
                 delivered_at=SENT - timedelta(seconds=5))
    events = stats.events()
    assert events == [
        {
            "kind": "open",
            "claims": {"account": 1, "message": 42, "recipient": 7},
            "at": "2026-11-30T09:00:00Z",
            "user_agent": "Mozilla/5.0",
            "ip": "17.58.0.1",
            "delivered_at": "2026-11-30T08:59:55Z",
            "links_in_message": 3,
        }
    ]
    json.dumps(events)  # JSON-ready
    again = tracking.Stats.from_events(events)
    assert again.events() == events
    assert again.report() == stats.report()
    no_rules = tracking.MachineRules.from_json('{"rules": []}')
    assert tracking.Stats.from_events(events, no_rules).report().opens.human_total == 1
    assert tracking.Stats(no_rules).rules == no_rules
    office = tracking.MachineRules.from_json(
        '{"rules": [{"type": "ip_range", "name": "office", "ranges": ["17.0.0.0/8"], '
        '"source": "our VPN", "checked_on": "2026-11-30"}]}'
    )
    assert [v.rule for v in tracking.Stats.from_events(events, office).verdicts()] == ["ip_range:office"]
    with pytest.raises(ValueError, match=r"events\[1\]: not a tracking event"):
        tracking.Stats.from_events([*events, {"kind": "view"}])


def test_record_arguments() -> None:
    stats = tracking.Stats()
    with pytest.raises(ValueError, match="kind"):
        stats.record("view", PIXEL, SENT)
    with pytest.raises(ValueError, match="ip"):
        stats.record("open", PIXEL, SENT, ip="not an address")
    with pytest.raises(ValueError, match="links_in_message"):
        stats.record("open", PIXEL, SENT, links_in_message=70_000)
    with pytest.raises(envoi.TimeError):
        stats.record("open", PIXEL, datetime(2026, 11, 30, 9, 0))
    with pytest.raises(envoi.TokenError):
        stats.record("open", {"mesage": 1}, SENT)
    assert len(stats) == 0
    stats.record("click", PIXEL | {"link": 0})  # now
    at = stats.events()[0]["at"]
    assert isinstance(at, str) and at.startswith(str(datetime.now(timezone.utc).year))
    assert repr(stats) == "<envoi.tracking.Stats events=1>"


def test_secure_email_and_other_tokens_are_never_counted() -> None:
    stats = tracking.Stats()
    for purpose in ("approval", "sender_verification", "password_reset", "secure_email"):
        verified = RING.verify(purpose, RING.issue(purpose, PIXEL, now=SENT), now=SENT)
        with pytest.raises(envoi.TrackingError) as info:
            stats.record_verified(verified, SENT)
        assert (info.value.code, info.value.purpose) == ("tracking.not_a_tracking_token", purpose)
    assert len(stats) == 0


def test_machine_rules() -> None:
    builtin = tracking.MachineRules.builtin()
    assert builtin.rule_names[0] == "head_request"
    assert "apple_mpp_user_agent" in builtin.enabled_rule_names
    assert "google_image_proxy_user_agent" in builtin.rule_names
    assert "google_image_proxy_user_agent" not in builtin.enabled_rule_names
    assert "machine" in builtin.about[0]
    assert tracking.MachineRules.from_json(builtin.to_json()) == builtin
    assert pickle.loads(pickle.dumps(builtin)) == builtin
    assert tracking.Stats().rules == builtin
    assert repr(builtin).startswith("<envoi.tracking.MachineRules ")


def test_machine_rule_errors_with_their_fields() -> None:
    with pytest.raises(envoi.TrackingError) as info:
        tracking.MachineRules.from_json('{"rules": [}')
    error = info.value
    assert (error.code, error.line, error.column) == ("tracking.invalid_rules_json", 1, 12)
    assert error.reason
    with pytest.raises(envoi.TrackingError) as info:
        tracking.MachineRules.from_json(
            '{"rules": [{"type": "click_soon_after_delivery", "seconds": "20", '
            '"source": "our delivery logs", "checked_on": "2026-11-30"}]}'
        )
    error = info.value
    assert (error.code, error.entry, error.field, error.value) == (
        "tracking.invalid_machine_rule",
        "rules[0] (click_soon_after_delivery)",
        "seconds",
        '"20"',
    )
    assert error.rule
    with pytest.raises(envoi.TrackingError) as info:
        tracking.MachineRules.from_json(
            '{"rules": [{"type": "ip_range", "name": "office", "ranges": ["10.0.0.0/33"], '
            '"source": "our VPN", "checked_on": "2026-11-30"}]}'
        )
    error = info.value
    assert (error.code, error.entry, error.field, error.value) == (
        "tracking.invalid_ip_range",
        "rules[0] (office)",
        "ranges[0]",
        "10.0.0.0/33",
    )
    rule = '{"type": "head_request", "source": "s", "checked_on": "2026-11-30"}'
    with pytest.raises(envoi.TrackingError) as info:
        tracking.MachineRules.from_json(f'{{"rules": [{rule}, {rule}]}}')
    error = info.value
    assert (error.code, error.name, error.first, error.second) == ("tracking.duplicate_rule_name", "head_request", 0, 1)
