"""envoi.account: the account, its state machine, its options, its JSON form and every
``account.*`` error with its fields, through the binding."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

import envoi
from envoi import post, vat
from envoi.account import ACCOUNT_STATES, Account, AccountOptions, StateChange
from envoi.contacts import AccountSmsOption
from envoi.invoice import Party

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def dupont(**kwargs: str) -> Account:
    address = Party("Boulangerie Dupont SPRL", "BE", street="Rue Haute 12", city="Bruxelles", postal_code="1000")
    return Account("acc_42", "fr", "business", "be", address, at("2026-03-02T09:00:00"), **kwargs)


def active() -> Account:
    account = dupont()
    account.activate(at("2026-03-04T08:00:00"), "bank transfer received")
    return account


def test_a_new_account_waits_for_its_payment() -> None:
    account = dupont()
    assert (account.id, account.language, account.customer_kind, account.country, account.tz) == (
        "acc_42",
        "fr",
        "business",
        "BE",
        "Europe/Brussels",
    )
    assert account.state == "pending_payment" and account.history == []
    assert account.created_at == datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)
    assert account.created_at.tzinfo == BRUSSELS
    assert account.vat_evidence is None
    assert account.invoicing_address.city == "Bruxelles" and account.invoicing_address.vat_number is None
    assert account.options == AccountOptions()
    assert not account.may_send(at("2026-03-02T10:00:00"))
    assert ACCOUNT_STATES == ("pending_payment", "active", "suspended")
    assert repr(account) == "Account(id='acc_42', country='BE', state='pending_payment', tz='Europe/Brussels')"


def test_the_zone_is_the_accounts() -> None:
    account = Account("a1", "en", "business", "US", Party("Acme Inc.", "US"), at("2026-03-02T09:00:00"),
                      tz="America/New_York")
    assert account.tz == "America/New_York"
    assert account.created_at.utcoffset() is not None
    assert account.created_at.isoformat() == "2026-03-02T04:00:00-05:00"
    with pytest.raises(envoi.TimeError) as raised:
        Account("a1", "en", "business", "US", Party("Acme Inc.", "US"), at("2026-03-02T09:00:00"), tz="Mars/Olympus")
    assert raised.value.code == "time.unknown_zone"


def test_state_changes_are_recorded_with_their_time_and_reason() -> None:
    account = dupont()
    change = account.activate(at("2026-03-04T08:00:00"), "bank transfer received")
    assert isinstance(change, StateChange)
    assert (change.from_, change.to, change.reason) == ("pending_payment", "active", "bank transfer received")
    assert change.at == at("2026-03-04T08:00:00") and change.at.tzinfo == BRUSSELS
    suspended = account.suspend(at("2026-05-01T00:00:00"), "invoice 2026-F-000012 unpaid")
    back = account.change_state("active", at("2026-05-03T00:00:00"), "paid")
    assert account.history == [change, suspended, back]
    assert account.state == "active"
    assert [c.to for c in account.history] == ["active", "suspended", "active"]
    assert repr(back).startswith("StateChange(from_='suspended', to='active', at=datetime.datetime(2026, 5, 3, 2, 0")
    # The state at any instant; a change takes effect at its instant.
    assert account.state_at(at("2026-03-04T07:59:59")) == "pending_payment"
    assert account.state_at(at("2026-03-04T08:00:00")) == "active"
    assert account.state_at(at("2026-05-02T00:00:00")) == "suspended"
    assert account.may_send(at("2026-04-01T00:00:00"))
    assert not account.may_send(at("2026-05-02T00:00:00"))
    account.require_active(at("2026-05-04T00:00:00"))  # no error: active


def test_channels_and_the_send_checks() -> None:
    account = active()
    account.require_channel("email", at("2026-03-05T08:00:00"))  # no error
    options = account.options
    assert options.enable("sms", at("2026-03-05T08:00:00"))
    assert not account.options.is_enabled("sms")  # a copy: the account is unchanged
    account = account.with_options(options)
    account.require_channel("sms", at("2026-03-06T08:00:00"))  # no error now
    assert account.options.sms_option == AccountSmsOption(True, at("2026-03-05T08:00:00"))
    with pytest.raises(ValueError, match="channel"):
        account.require_channel("fax", at("2026-03-06T08:00:00"))


def test_options_mirror_the_core() -> None:
    options = AccountOptions()
    assert options.enabled_channels == ["email", "secure_email", "letter"]
    assert options.is_enabled("secure_email") and not options.is_enabled("sms")
    assert not options.enable("email", at("2026-03-01T09:00:00"))
    assert options.enable("sms", at("2026-03-01T09:00:00"))
    assert options.disable("letter", at("2026-03-01T09:00:00"))
    assert not options.disable("letter", at("2026-03-01T09:00:00"))
    assert options.enabled_channels == ["email", "sms", "secure_email"]
    sms = options.sms_option
    assert sms.enabled and sms.changed_at == at("2026-03-01T09:00:00")
    sms.switch(False, at("2026-03-02T09:00:00"))
    assert options.sms_option.enabled  # a copy

    options.set_letter_approval(9, True)
    options.set_letter_approval(7, True)
    options.set_letter_approval(9, False)
    assert options.letter_approval_senders == [7]
    assert options.letter_approval_required(7) and not options.letter_approval_required(9)
    with pytest.raises(ValueError, match="sender"):
        options.set_letter_approval(-1, True)

    options.set_low_balance_threshold("sms", 100)
    options.set_low_balance_threshold("email", 500)
    options.set_low_balance_threshold("email", None)
    assert options.low_balance_thresholds == {"sms": 100}
    with pytest.raises(envoi.CreditError) as raised:
        options.set_low_balance_threshold("SMS!", 1)
    assert (raised.value.code, raised.value.value) == ("credits.invalid_kind", "SMS!")
    with pytest.raises(ValueError, match="threshold"):
        options.set_low_balance_threshold("sms", -1)

    # The thresholds are what the ledger's notices take.
    ledger = envoi.credits.Ledger()
    ledger.purchase("order-1", "sms", 50, at("2026-03-01T09:00:00"))
    notices = ledger.notices_at(at("2026-03-01T09:00:00"), options.low_balance_thresholds, 30)
    assert [(n.kind, n.available, n.threshold) for n in notices.low_balance] == [("sms", 50, 100)]

    text = options.to_json()
    assert json.loads(text)["letter_approval_senders"] == [7]
    assert AccountOptions.from_json(text) == options
    assert pickle.loads(pickle.dumps(options)) == options
    assert repr(options).startswith("AccountOptions.from_json(")
    with pytest.raises(ValueError, match="sms_option"):
        AccountOptions.from_json(json.dumps({**json.loads(text), "channels": ["email", "sms"]}))


def test_vat_number_and_invoicing_address() -> None:
    account = dupont().with_vat_number("BE 0403.170.701")
    evidence = account.vat_evidence
    assert evidence is not None
    assert (evidence.typed, evidence.compact, evidence.offline_error, evidence.online) == (
        "BE 0403.170.701",
        "BE0403170701",
        None,
        None,
    )
    assert account.invoicing_address.vat_number == "BE0403170701"

    typo = account.with_vat_number("BE0403170702")
    assert typo.vat_evidence is not None and typo.vat_evidence.offline_error == "vat.bad_check_digit"
    assert typo.invoicing_address.vat_number is None

    answer = vat.OnlineCheck(False, "WAPIAAAAW1Fz5rY0", at("2026-03-02T10:00:00"))
    refused = account.with_vat_number("BE0403170701", answer)
    assert refused.vat_evidence is not None and refused.vat_evidence.online == answer
    assert refused.invoicing_address.vat_number is None
    assert account.with_vat_number("BE0403170701", True).invoicing_address.vat_number == "BE0403170701"
    with pytest.raises(TypeError, match="online_check"):
        account.with_vat_number("BE0403170701", "yes")  # type: ignore[arg-type]

    moved = account.with_invoicing_address(Party("Boulangerie Dupont SPRL", "BE", street="Rue Neuve 1", city="Namur"))
    assert moved.invoicing_address.city == "Namur"
    assert moved.invoicing_address.vat_number == "BE0403170701"
    assert account.invoicing_address.city == "Bruxelles"  # with_* returns a new account


def test_json_round_trip_equality_and_pickle() -> None:
    account = active().with_vat_number("BE0403170701")
    account.suspend(at("2026-04-02T09:00:00"), "chargeback")
    text = account.to_json()
    stored = json.loads(text)
    assert stored["state"] == "suspended" and stored["zone"] == "Europe/Brussels"
    again = Account.from_json(text)
    assert again == account and again is not account
    assert pickle.loads(pickle.dumps(account)) == account
    assert account != dupont()
    assert again.history == account.history


@pytest.mark.parametrize(
    ("build", "code", "fields"),
    [
        (
            lambda: Account("a1", "nl", "consumer", "Belgium", Party("Jan Peeters", "BE"), at("2026-03-02T09:00:00")),
            "account.invalid_country",
            {"value": "Belgium"},
        ),
        (
            lambda: Account("a1", "nl", "consumer", "NL", Party("Jan Peeters", "BE"), at("2026-03-02T09:00:00")),
            "account.country_mismatch",
            {"address": "BE", "account": "NL"},
        ),
        (
            lambda: Account(
                "a1", "fr", "business", "BE", Party("Dupont", "BE", vat_number="BE0403170701"), at("2026-03-02T09:00:00")
            ),
            "account.vat_number_mismatch",
            {"address": "BE0403170701", "account": None},
        ),
        (
            lambda: dupont().with_invoicing_address(Party("Dupont", "FR")),
            "account.country_mismatch",
            {"address": "FR", "account": "BE"},
        ),
    ],
)
def test_construction_errors(build: object, code: str, fields: dict[str, object]) -> None:
    with pytest.raises(envoi.AccountError) as raised:
        build()  # type: ignore[operator]
    assert raised.value.code == code
    for name, value in fields.items():
        assert getattr(raised.value, name) == value
    assert isinstance(raised.value, envoi.EnvoiError)


def test_state_machine_errors_have_their_fields() -> None:
    account = dupont()
    with pytest.raises(envoi.AccountError) as raised:
        account.suspend(at("2026-03-03T09:00:00"), "unpaid")
    error = raised.value
    assert (error.code, error.account, error.from_, error.to) == (
        "account.illegal_transition",
        "acc_42",
        "pending_payment",
        "suspended",
    )
    assert str(error) == "account acc_42: pending_payment → suspended is not allowed; pending_payment goes to active"

    with pytest.raises(envoi.AccountError) as raised:
        account.activate(at("2026-03-01T09:00:00"), "paid")
    error = raised.value
    assert (error.code, error.account, error.field) == ("account.time_went_back", "acc_42", "at")
    assert error.at == at("2026-03-01T09:00:00") and error.last == at("2026-03-02T09:00:00")
    assert error.at is not None and error.at.tzinfo == BRUSSELS

    with pytest.raises(envoi.AccountError) as raised:
        account.activate(at("2026-03-03T09:00:00"), "   ")
    assert (raised.value.code, raised.value.account, raised.value.value) == ("account.missing_reason", "acc_42", "   ")
    assert account.history == []  # a refused change records nothing

    with pytest.raises(ValueError, match="state"):
        account.change_state("closed", at("2026-03-03T09:00:00"), "why")


def test_send_errors_have_their_fields() -> None:
    account = dupont()
    with pytest.raises(envoi.AccountError) as raised:
        account.require_active(at("2026-03-02T10:00:00"))
    error = raised.value
    assert (error.code, error.account, error.since) == ("account.pending_payment", "acc_42", at("2026-03-02T09:00:00"))

    account.activate(at("2026-03-02T09:00:00"), "card payment")
    with pytest.raises(envoi.AccountError) as raised:
        account.require_channel("sms", at("2026-03-02T10:00:00"))
    assert (raised.value.code, raised.value.account, raised.value.channel) == (
        "account.channel_disabled",
        "acc_42",
        "sms",
    )

    account.suspend(at("2026-04-02T09:00:00"), "chargeback")
    with pytest.raises(envoi.AccountError) as raised:
        account.require_channel("email", at("2026-04-03T09:00:00"))
    error = raised.value
    assert (error.code, error.since, error.reason) == ("account.suspended", at("2026-04-02T09:00:00"), "chargeback")
    assert str(error) == (
        "account acc_42: suspended since 2026-04-02 09:00:00 UTC (chargeback); a suspended account sends nothing"
    )


def test_a_stored_account_is_checked_again() -> None:
    text = active().to_json()
    with pytest.raises(envoi.AccountError) as raised:
        Account.from_json(text.replace('"state":"active"', '"state":"suspended"'))
    error = raised.value
    assert (error.code, error.field, error.value) == ("account.invalid_account", "state", "suspended")
    assert error.rule is not None and "history" in error.rule

    with pytest.raises(envoi.AccountError) as raised:
        Account.from_json("{")
    assert (raised.value.code, raised.value.field) == ("account.invalid_account", "json")

    forged = json.loads(active().with_vat_number("BE0403170702").to_json())
    forged["vat"]["compact"] = "BE0403170701"
    with pytest.raises(envoi.AccountError) as raised:
        Account.from_json(json.dumps(forged))
    assert (raised.value.code, raised.value.field) == ("account.invalid_account", "vat.compact")


def test_arguments_are_checked_by_the_core() -> None:
    party = Party("Dupont", "BE")
    with pytest.raises(envoi.IdError):
        Account("", "fr", "business", "BE", party, at("2026-03-02T09:00:00"))
    with pytest.raises(envoi.LanguageError):
        Account("a1", "it", "business", "BE", party, at("2026-03-02T09:00:00"))
    with pytest.raises(envoi.VatError) as raised:
        Account("a1", "fr", "company", "BE", party, at("2026-03-02T09:00:00"))
    assert (raised.value.code, raised.value.field) == ("vat.invalid_argument", "customer_kind")
    with pytest.raises(envoi.TimeError) as time_error:
        Account("a1", "fr", "business", "BE", party, datetime(2026, 3, 2, 9, 0))
    assert time_error.value.code == "time.not_zone_aware"


def test_the_letter_approval_step_of_a_job_follows_its_own_accounts_options() -> None:
    options = AccountOptions()
    options.set_letter_approval(7, True)
    job = post.Job(12, 345, 7, [{"pages": 1}], recipients=[["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"]],
                   created_at=at("2026-03-02T09:00:00"), postage="prior")
    approved = options.apply_letter_approval_for_account(12, job)
    assert approved.approval_required and not job.approval_required
    with pytest.raises(envoi.AccountError) as raised:
        options.apply_letter_approval_for_account(13, job)
    error = raised.value
    assert (error.code, error.job, error.job_account, error.account) == ("account.job_of_another_account", 345, 12, 13)
