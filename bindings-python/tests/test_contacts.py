"""envoi.contacts: phone numbers, email addresses, contacts, groups, the SMS option and replies."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi import contacts

AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "region", "e164", "kind"),
    [
        ("0032475123456", "BE", "+32475123456", "mobile"),
        ("+32 475 12 34 56", "BE", "+32475123456", "mobile"),
        ("0475 12 34 56", "BE", "+32475123456", "mobile"),
        ("02 555 12 34", "BE", "+3225551234", "fixed_line"),
        ("06 12 34 56 78", "FR", "+33612345678", "mobile"),
        ("+1 201 555 0123", "BE", "+12015550123", "fixed_line_or_mobile"),
    ],
)
def test_normalize_phone(text: str, region: str, e164: str, kind: str) -> None:
    number = contacts.normalize_phone(text, default_region=region)
    assert (number.e164, number.kind, number.is_mobile, str(number)) == (e164, kind, kind == "mobile", e164)
    assert number == contacts.PhoneNumber.parse_e164(e164)
    assert hash(number) == hash(contacts.PhoneNumber.parse_e164(e164))
    assert pickle.loads(pickle.dumps(number)) == number


def test_normalize_phone_defaults_to_belgium_and_gives_the_country_code() -> None:
    assert contacts.normalize_phone("0475123456").country_code == 32


def test_invalid_phone_has_the_value_the_reason_and_its_fields() -> None:
    with pytest.raises(envoi.ContactError) as info:
        contacts.normalize_phone("+32 475 12 34 5x")
    error = info.value
    assert (error.code, error.value, error.character, error.position) == (
        "contacts.invalid_phone", "+32 475 12 34 5x", "x", 16)
    assert error.reason == "'x' at character 16 is not allowed (digits, spaces, a leading + and ( ) - . / only)"
    assert str(error) == f'phone number "+32 475 12 34 5x": {error.reason}'

    with pytest.raises(envoi.ContactError) as info:
        contacts.normalize_phone("0475 12 34 5")
    assert (info.value.region, info.value.country_code) == ("BE", 32)

    with pytest.raises(envoi.ContactError) as info:
        contacts.normalize_phone("1" * 70)
    assert (info.value.length, info.value.max) == (70, contacts.MAX_PHONE_TEXT_LEN)

    with pytest.raises(envoi.ContactError) as info:
        contacts.PhoneNumber.parse_e164("0475123456")
    assert info.value.code == "contacts.invalid_phone"


def test_unknown_region() -> None:
    with pytest.raises(envoi.ContactError) as info:
        contacts.normalize_phone("0475123456", default_region="XX")
    assert (info.value.code, info.value.value) == ("contacts.unknown_region", "XX")


def test_email_address() -> None:
    email = contacts.EmailAddress("Sofie@Example.BE")
    assert (email.local_part, email.domain, str(email)) == ("Sofie", "example.be", "Sofie@example.be")
    assert contacts.validate_email("Sofie@example.be") == email
    assert pickle.loads(pickle.dumps(email)) == email
    with pytest.raises(envoi.ContactError) as info:
        contacts.validate_email("sofie.example.be")
    assert (info.value.code, info.value.value) == ("contacts.invalid_email", "sofie.example.be")
    assert info.value.reason


def test_contact_fields_and_json_round_trip() -> None:
    contact = contacts.Contact(
        id="c-1",
        first_name="Ann",
        email="ann@example.be",
        mobile=contacts.normalize_phone("0475 12 34 56"),
        custom_fields={"city": "Gent", "note": " "},
        language="NL",
        time_zone="Europe/Brussels",
        preferences={"sms": True},
        notifications={"reminders": False},
    )
    assert contact.id == "c-1"
    assert (contact.first_name, contact.last_name) == ("Ann", "")
    assert str(contact.email) == "ann@example.be"
    assert contact.mobile is not None and contact.mobile.e164 == "+32475123456"
    assert (contact.language, contact.time_zone) == ("nl", "Europe/Brussels")
    assert contact.preferences == {"email": True, "sms": True}
    assert contact.notifications == {"documents": True, "messages": True, "reminders": False, "routes": True}
    assert [contact.field(name) for name in ("first_name", "mobile", "city", "note", "last_name")] == [
        "Ann", "+32475123456", "Gent", None, None]
    copy = contacts.Contact.from_json(contact.to_json())
    assert copy == contact and copy is not contact
    assert pickle.loads(pickle.dumps(contact)) == contact
    assert eval(repr(contact), {"Contact": contacts.Contact}) == contact
    assert contacts.Contact() == contacts.Contact.from_json("{}")


def test_contact_arguments_are_checked_by_the_core() -> None:
    with pytest.raises(envoi.ContactError) as info:
        contacts.Contact(mobile="0475 12 34 56")  # E.164 only: normalize_phone first
    assert info.value.code == "contacts.invalid_phone"
    with pytest.raises(envoi.IdError):
        contacts.Contact(id="")
    with pytest.raises(envoi.LanguageError):
        contacts.Contact(language="es")
    with pytest.raises(envoi.TimeError):
        contacts.Contact(time_zone="Mars/Olympus")
    with pytest.raises(ValueError, match='unknown key "whatsapp"'):
        contacts.Contact(preferences={"whatsapp": True})
    with pytest.raises(ValueError, match="not a Contact JSON"):
        contacts.Contact.from_json('{"mobile": "0475123456"}')


def test_the_account_sms_option() -> None:
    option = contacts.AccountSmsOption()
    before = contacts.Contact(email="a@example.be", preferences=option.new_contact_preferences())
    assert not option.switch(False, AT)
    assert option.switch(True, AT)
    assert (option.enabled, option.changed_at) == (True, AT)
    after = contacts.Contact(
        email="b@example.be",
        mobile="+32475123456",
        preferences=option.new_contact_preferences(),
    )
    refusal = before.may_receive("sms", option, AT)
    assert refusal is not None
    assert (refusal.code, refusal.channel) == ("contacts.preference_off", "sms")
    assert after.may_receive("sms", option, AT) is None
    assert after.preferred_channels(option, AT) == ["email", "sms"]
    off = contacts.AccountSmsOption(False)
    refusal = after.may_receive("sms", off, AT)
    assert refusal is not None and refusal.code == "contacts.sms_off_for_account"
    assert contacts.AccountSmsOption.from_json(option.to_json()) == option
    assert pickle.loads(pickle.dumps(option)) == option


def test_refusals_have_their_fields() -> None:
    option = contacts.AccountSmsOption(True)
    landline = contacts.Contact(mobile="+3225551234", preferences={"sms": True})
    refusal = landline.may_receive("sms", option, AT)
    assert refusal is not None
    assert (refusal.code, refusal.number, refusal.kind) == ("contacts.not_mobile", "+3225551234", "fixed_line")
    assert str(refusal) == "sms: +3225551234 is a fixed_line number, SMS go to mobile numbers only"
    nobody = contacts.Contact()
    refusal = nobody.may_receive("email", option, AT)
    assert refusal is not None and (refusal.code, refusal.channel) == ("contacts.no_address", "email")
    vip = contacts.Contact(email="vip@example.be", notifications={"reminders": False})
    refusal = vip.may_notify("reminder", "email", option, AT)
    assert refusal is not None and (refusal.code, refusal.kind) == ("contacts.notification_off", "reminder")
    assert vip.may_notify("document", "letter", option, AT) is None


def test_opt_outs_keep_their_history_and_order() -> None:
    contact = contacts.Contact(email="ann@example.be")
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert contact.opt_out("email", "unsubscribe_link", monday)
    assert not contact.opt_out("email", "unsubscribe_link", monday)
    refusal = contact.may_receive("secure_email", contacts.AccountSmsOption(), monday)
    assert refusal is not None
    assert (refusal.code, refusal.channel, refusal.opted_out_of) == ("contacts.opted_out", "secure_email", "email")
    assert refusal.since == monday and refusal.origin == {"type": "unsubscribe_link"}
    with pytest.raises(envoi.ContactError) as info:
        contact.opt_in("email", {"type": "api", "note": "asked by phone"}, monday - timedelta(hours=1))
    error = info.value
    assert (error.code, error.channel, error.action) == ("contacts.consent_out_of_order", "email", "opt-in")
    assert (error.at, error.last) == (monday - timedelta(hours=1), monday)
    assert contact.opt_in("email", {"type": "api", "note": "asked by phone"}, monday + timedelta(days=1))
    [opt_out] = contact.opt_outs
    assert not opt_out.is_active and opt_out.lifted is not None
    assert opt_out.lifted.source == {"type": "api", "note": "asked by phone"}
    assert opt_out.at.tzinfo is not None and opt_out.at.utcoffset() == timedelta(0)
    assert contact.active_opt_out("email") is None
    with pytest.raises(ValueError, match="channel"):
        contact.opt_out("fax", "account_user", monday)
    with pytest.raises(TypeError, match="source"):
        contact.opt_out("sms", 3, monday)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reply", "keyword", "action", "languages"),
    [
        ("STOP", "STOP", "opt_out", ["en", "fr", "nl", "de"]),
        ("  Arrêt. ", "ARRET", "opt_out", ["fr"]),
        ("uitschrijven", "UITSCHRIJVEN", "opt_out", ["nl"]),
        ("Abmelden!", "ABMELDEN", "opt_out", ["de"]),
        ("start", "START", "opt_in", ["en", "fr", "nl", "de"]),
    ],
)
def test_classify_reply(reply: str, keyword: str, action: str, languages: list[str]) -> None:
    found = contacts.classify_reply(reply)
    assert found is not None
    assert (found.keyword, found.action, found.languages) == (keyword, action, languages)
    assert found in contacts.reply_keywords()


@pytest.mark.parametrize("reply", ["STOPPING", "non stop", "Stop, I'm driving", "S.T.O.P", ""])
def test_a_sentence_is_no_keyword(reply: str) -> None:
    assert contacts.classify_reply(reply) is None


def test_apply_reply_opts_out_and_back_in() -> None:
    contact = contacts.Contact(mobile="+32475123456", preferences={"sms": True})
    stop = contacts.classify_reply("STOP")
    assert stop is not None
    assert contact.apply_reply(stop, AT)
    assert not contact.apply_reply(stop, AT)
    active = contact.active_opt_out("sms")
    assert active is not None and active.source == {"type": "sms_reply", "keyword": "STOP"}
    start = contacts.classify_reply("Start")
    assert start is not None
    assert contact.apply_reply(start, AT + timedelta(minutes=5))
    assert contact.may_receive("sms", contacts.AccountSmsOption(True), AT + timedelta(minutes=6)) is None


def test_groups_and_unknown_contacts() -> None:
    group = contacts.Group("g-1", "Clients Namur", ["c-2", "c-1"])
    assert group.add("c-3") and not group.add("c-1")
    assert group.remove("c-2") and not group.remove("c-9")
    assert group.members == ["c-1", "c-3"] and "c-3" in group and len(group) == 2
    assert contacts.Group.from_json(group.to_json()) == group
    assert pickle.loads(pickle.dumps(group)) == group
    contacts.ensure_contacts_exist(["c-1", "c-3"], set(group.members))
    with pytest.raises(envoi.ContactError) as info:
        contacts.ensure_contacts_exist(["c-1", "c-9", "c-8", "c-9"], lambda id: id in group)
    assert (info.value.code, info.value.ids) == ("contacts.unknown_contact", ["c-9", "c-8"])

    def broken(_: str) -> bool:
        raise KeyError("the store is down")

    with pytest.raises(KeyError, match="the store is down"):
        contacts.ensure_contacts_exist(["c-1"], broken)
