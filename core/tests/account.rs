//! Accounts (SPEC section 1, issue 10): the state machine with its recorded history, who may send
//! when, the options (channels, SMS option, letter approval, low-balance thresholds), the VAT
//! identity and invoicing address, and a stored account that keeps every rule when read back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::Duration;
use envoi::ErrorCode;
use envoi::account::{Account, AccountError, AccountOptions, AccountState};
use envoi::contacts::{Channel, Contact, Refusal};
use envoi::credits::{CreditKind, Ledger};
use envoi::ids::AccountId;
use envoi::invoice::Party;
use envoi::language::Language;
use envoi::post::{Document, Job, Letter, Postage};
use envoi::time::{Instant, Zone};
use envoi::vat::{
    CustomerKind, OnlineCheck, RateTable, ServiceKind, TreatedAsConsumer, TreatmentKind, treatment,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn created() -> Instant {
    at("2026-03-02T09:00:00Z")
}

fn belgian() -> Account {
    let address = Party::new("Boulangerie Dupont SPRL", "BE")
        .unwrap()
        .with_address("Rue Haute 12", "Bruxelles", "1000")
        .unwrap();
    Account::new(
        AccountId::new("acc_be").unwrap(),
        Language::Fr,
        CustomerKind::Business,
        "be",
        address,
        created(),
    )
    .unwrap()
}

#[test]
fn a_new_account_waits_for_its_payment_in_brussels_time() {
    let account = belgian();
    assert_eq!(account.state(), AccountState::PendingPayment);
    assert_eq!(account.zone(), Zone::default());
    assert_eq!(account.country(), "BE");
    assert!(account.history().is_empty());
    let error = account.require_active(created()).unwrap_err();
    assert_eq!(error.code(), "account.pending_payment");
    assert!(error.to_string().contains("acc_be"), "{error}");
    assert!(!account.may_send(created() + Duration::days(400)));
}

#[test]
fn every_transition_of_the_state_machine() {
    for from in AccountState::ALL {
        for to in AccountState::ALL {
            let legal = matches!(
                (from, to),
                (AccountState::PendingPayment, AccountState::Active)
                    | (AccountState::Active, AccountState::Suspended)
                    | (AccountState::Suspended, AccountState::Active)
            );
            assert_eq!(from.can_become(to), legal, "{from} → {to}");
        }
    }
    let mut account = belgian();
    let error = account
        .change_state(AccountState::PendingPayment, created(), "again")
        .unwrap_err();
    assert_eq!(
        error,
        AccountError::IllegalTransition {
            account: "acc_be".into(),
            from: AccountState::PendingPayment,
            to: AccountState::PendingPayment,
        }
    );
    account.activate(created(), "card payment").unwrap();
    let error = account.activate(created(), "twice").unwrap_err();
    assert_eq!(
        error.to_string(),
        "account acc_be: active → active is not allowed; active goes to suspended"
    );
    account
        .suspend(created() + Duration::days(30), "unpaid invoice")
        .unwrap();
    let error = account
        .change_state(
            AccountState::PendingPayment,
            created() + Duration::days(31),
            "x",
        )
        .unwrap_err();
    assert_eq!(error.code(), "account.illegal_transition");
    assert!(error.to_string().contains("suspended → pending_payment"));
    account
        .activate(created() + Duration::days(32), "paid")
        .unwrap();
    assert_eq!(account.history().len(), 3);
}

#[test]
fn a_refused_change_records_nothing() {
    let mut account = belgian();
    let before = account.clone();
    assert_eq!(
        account.activate(created(), "  ").unwrap_err().code(),
        "account.missing_reason"
    );
    let error = account
        .activate(created() - Duration::seconds(1), "paid")
        .unwrap_err();
    assert_eq!(error.code(), "account.time_went_back");
    assert!(
        error.to_string().contains("2026-03-02 08:59:59 UTC"),
        "{error}"
    );
    assert_eq!(account, before);
    // The same instant as the last change is allowed: time does not go back.
    account.activate(created(), "card payment").unwrap();
    account.suspend(created(), "chargeback").unwrap();
    assert_eq!(account.state_at(created()), AccountState::Suspended);
}

#[test]
fn a_suspended_account_sends_nothing_and_says_since_when_and_why() {
    let mut account = belgian();
    account
        .activate(at("2026-03-04T08:00:00Z"), "bank transfer received")
        .unwrap();
    account
        .suspend(at("2026-05-01T00:00:00Z"), "invoice unpaid")
        .unwrap();
    account
        .activate(at("2026-05-10T12:00:00Z"), "invoice paid")
        .unwrap();
    assert!(!account.may_send(at("2026-03-04T07:59:59Z")));
    assert!(account.may_send(at("2026-03-04T08:00:00Z")));
    assert!(account.may_send(at("2026-04-30T23:59:59Z")));
    assert_eq!(
        account.require_active(at("2026-05-05T00:00:00Z")),
        Err(AccountError::Suspended {
            account: "acc_be".into(),
            since: at("2026-05-01T00:00:00Z"),
            reason: "invoice unpaid".into(),
        })
    );
    assert!(account.require_active(at("2026-05-10T12:00:00Z")).is_ok());
}

#[test]
fn channels_and_the_sms_option_of_section_3() {
    let mut account = belgian();
    let t = at("2026-03-04T08:00:00Z");
    account.activate(t, "card payment").unwrap();
    assert_eq!(
        account.options().enabled_channels(),
        [Channel::Email, Channel::SecureEmail, Channel::Letter]
    );
    assert_eq!(
        account.require_channel(Channel::Sms, t).unwrap_err().code(),
        "account.channel_disabled"
    );
    // The account's SMS option is the contacts' one: a contact is refused SMS while it is off.
    let mut contact = Contact::new();
    contact.preferences.sms = true;
    assert_eq!(
        contact.may_receive(Channel::Sms, account.options().sms_option(), t),
        Err(Refusal::SmsOffForAccount)
    );
    assert!(account.options_mut().enable(Channel::Sms, t));
    assert!(
        !account
            .options_mut()
            .enable(Channel::Sms, t + Duration::hours(1))
    );
    assert_eq!(account.options().sms_option().changed_at, Some(t));
    assert!(account.require_channel(Channel::Sms, t).is_ok());
    assert!(account.options_mut().disable(Channel::Letter, t));
    assert_eq!(
        account.require_channel(Channel::Letter, t),
        Err(AccountError::ChannelDisabled {
            account: "acc_be".into(),
            channel: Channel::Letter
        })
    );
}

#[test]
fn letter_approval_is_decided_by_the_account_for_the_jobs_sender() {
    let mut options = AccountOptions::default();
    options.set_letter_approval(7, true);
    let job = |sender| {
        let letter = Letter::new(vec![Document::a4(2)], Postage::Prior);
        Job::new(
            12,
            345,
            sender,
            letter,
            vec![vec!["9000 GENT".into()]],
            created(),
        )
        .unwrap()
    };
    assert!(options.apply_letter_approval(job(7)).approval_required());
    assert!(!options.apply_letter_approval(job(8)).approval_required());
    // It also removes a requirement the account no longer has.
    options.set_letter_approval(7, false);
    let required = job(7).with_approval_required(true);
    assert!(!options.apply_letter_approval(required).approval_required());
}

#[test]
fn letter_approval_is_asked_of_the_jobs_own_account() {
    // Account 12 requires approval for its user 7; account 13 has a user 7 too (user ids are the
    // host's, per account), whose letters need none.
    let mut options_of_12 = AccountOptions::default();
    options_of_12.set_letter_approval(7, true);
    let job_of = |account| {
        let letter = Letter::new(vec![Document::a4(1)], Postage::Prior);
        Job::new(
            account,
            900 + account,
            7,
            letter,
            vec![vec!["9000 GENT".into()]],
            created(),
        )
        .unwrap()
    };
    let job = options_of_12
        .apply_letter_approval_for_account(12, job_of(12))
        .unwrap();
    assert!(job.approval_required());
    // The options of account 12 asked for a job of account 13: refused, never applied.
    let error = options_of_12
        .apply_letter_approval_for_account(12, job_of(13))
        .unwrap_err();
    assert_eq!(error.code(), "account.job_of_another_account");
    assert_eq!(
        error,
        AccountError::JobOfAnotherAccount {
            job: 913,
            job_account: 13,
            account: 12
        }
    );
    assert!(
        AccountOptions::default()
            .apply_letter_approval_for_account(13, job_of(13))
            .is_ok_and(|job| !job.approval_required())
    );
}

#[test]
fn the_account_supplies_the_ledgers_low_balance_thresholds() {
    let mut options = AccountOptions::default();
    options.set_low_balance_threshold(CreditKind::sms(), Some(100));
    options.set_low_balance_threshold(CreditKind::email(), Some(10));
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", CreditKind::sms(), 100, created(), false)
        .unwrap();
    ledger
        .purchase("o2", CreditKind::email(), 11, created(), false)
        .unwrap();
    let notices = ledger.notices_at(created(), options.low_balance_thresholds(), 30);
    let low: Vec<_> = notices
        .low_balance
        .iter()
        .map(|low| (low.kind.clone(), low.available, low.threshold))
        .collect();
    assert_eq!(low, [(CreditKind::sms(), 100, 100)]);
}

#[test]
fn the_vat_number_and_its_evidence_feed_the_vat_rules() {
    let answer = OnlineCheck {
        valid: true,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: Some(created()),
    };
    let dutch = Account::new(
        AccountId::new("acc_nl").unwrap(),
        Language::Nl,
        CustomerKind::Business,
        "NL",
        Party::new("Bakkerij BV", "NL").unwrap(),
        created(),
    )
    .unwrap()
    .with_vat_number("nl 0044.95.445 b01", Some(answer.clone()))
    .unwrap();
    assert_eq!(dutch.vat_evidence().unwrap().typed, "nl 0044.95.445 b01");
    assert_eq!(
        dutch.invoicing_address().vat_number(),
        Some("NL004495445B01")
    );
    let date = created().date_naive();
    let asked = dutch.treatment_request(ServiceKind::Electronic, date, Some(answer.clone()), true);
    let decided = treatment(&asked, RateTable::builtin()).unwrap();
    assert_eq!(decided.kind(), TreatmentKind::ReverseCharge);
    assert_eq!(decided.evidence(), dutch.vat_evidence());
    let not_asked = dutch.treatment_request(ServiceKind::Electronic, date, Some(answer), false);
    let decided = treatment(&not_asked, RateTable::builtin()).unwrap();
    assert_eq!(
        decided.treated_as_consumer(),
        Some(TreatedAsConsumer::ExemptionNotRequested)
    );

    // VIES says invalid: the evidence keeps it, the address carries no number.
    let refused = OnlineCheck {
        valid: false,
        request_id: None,
        checked_at: Some(created()),
    };
    let invalid = dutch
        .clone()
        .with_vat_number("NL004495445B01", Some(refused))
        .unwrap();
    assert_eq!(invalid.invoicing_address().vat_number(), None);
    assert_eq!(invalid.invoicing_address().name(), "Bakkerij BV");
}

#[test]
fn a_stored_online_answer_is_never_reused_at_order_time() {
    // SPEC section 7 Decision: no online check at order time → pending_verification.
    let months_ago = OnlineCheck {
        valid: true,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: Some(created()),
    };
    let dutch = Account::new(
        AccountId::new("acc_nl").unwrap(),
        Language::Nl,
        CustomerKind::Business,
        "NL",
        Party::new("Bakkerij BV", "NL").unwrap(),
        created(),
    )
    .unwrap()
    .with_vat_number("NL004495445B01", Some(months_ago))
    .unwrap();
    let order_day = (created() + Duration::days(120)).date_naive();
    let request = dutch.treatment_request(ServiceKind::Electronic, order_day, None, true);
    let decided = treatment(&request, RateTable::builtin()).unwrap();
    assert_eq!(decided.kind(), TreatmentKind::PendingVerification);
    assert_ne!(decided.kind(), TreatmentKind::ReverseCharge);
}

#[test]
fn the_account_is_in_the_country_of_its_invoicing_address() {
    let error = Account::new(
        AccountId::new("acc_x").unwrap(),
        Language::Fr,
        CustomerKind::Business,
        "FR",
        Party::new("Dupont SPRL", "BE").unwrap(),
        created(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "account.country_mismatch");
    assert!(error.to_string().contains("\"BE\""), "{error}");
    assert!(error.to_string().contains("\"FR\""), "{error}");

    let account = belgian();
    let error = account
        .clone()
        .with_invoicing_address(Party::new("Dupont SARL", "FR").unwrap())
        .unwrap_err();
    assert_eq!(error.code(), "account.country_mismatch");

    // Read back: a stored account whose country was changed alone is refused.
    let mut stored: Value = serde_json::to_value(&account).unwrap();
    stored["country"] = json!("FR");
    let error = Account::from_json(&stored.to_string()).unwrap_err();
    assert_eq!(error.code(), "account.invalid_account");
    assert_eq!(error.inner_code(), Some("account.country_mismatch"));
    assert!(
        error.to_string().starts_with(&format!(
            "account {}: invoicing_address.country: \"BE\" differs from the account's country \"FR\"",
            account.id()
        )),
        "{error}"
    );
}

#[test]
fn a_stored_account_with_a_forged_vat_number_is_refused() {
    // NL001241640B01 fails its check digit: the address carries no number.
    let account = Account::new(
        AccountId::new("acc_nl").unwrap(),
        Language::Nl,
        CustomerKind::Business,
        "NL",
        Party::new("Bakkerij BV", "NL").unwrap(),
        created(),
    )
    .unwrap()
    .with_vat_number("NL001241640B01", None)
    .unwrap();
    assert_eq!(account.invoicing_address().vat_number(), None);
    let stored = serde_json::to_value(&account).unwrap();
    assert_eq!(Account::from_json(&stored.to_string()).unwrap(), account);

    // Forged: the evidence says the number passed offline and the address carries it.
    let mut forged = stored.clone();
    forged["vat"]["offline_error"] = Value::Null;
    forged["invoicing_address"]["vat_number"] = json!("NL001241640B01");
    let error = Account::from_json(&forged.to_string()).unwrap_err();
    assert_eq!(error.code(), "account.invalid_account");
    assert!(
        error
            .to_string()
            .starts_with(&format!("account {}: vat.offline_error:", account.id())),
        "{error}"
    );

    // Forged: a valid compact number put under a typed number that does not give it.
    let good = account
        .clone()
        .with_vat_number("NL004495445B01", None)
        .unwrap();
    let mut swapped = serde_json::to_value(&good).unwrap();
    swapped["vat"]["typed"] = json!("NL001241640B01");
    let error = Account::from_json(&swapped.to_string()).unwrap_err();
    assert_eq!(error.code(), "account.invalid_account");
    assert!(
        error
            .to_string()
            .starts_with(&format!("account {}: vat.compact:", good.id())),
        "{error}"
    );
}

#[test]
fn the_invoicing_address_carries_the_accounts_number_and_no_other() {
    let with_own = Party::new("Kunde GmbH", "DE")
        .unwrap()
        .with_vat_number("DE136695976")
        .unwrap();
    let error = Account::new(
        AccountId::new("acc_de").unwrap(),
        Language::De,
        CustomerKind::Business,
        "DE",
        with_own.clone(),
        created(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "account.vat_number_mismatch");
    let account = Account::new(
        AccountId::new("acc_de").unwrap(),
        Language::De,
        CustomerKind::Business,
        "DE",
        Party::new("Kunde GmbH", "DE").unwrap(),
        created(),
    )
    .unwrap();
    assert_eq!(
        account.with_invoicing_address(with_own).unwrap_err().code(),
        "account.vat_number_mismatch"
    );
}

#[test]
fn countries_are_iso_3166_alpha_2_or_xi() {
    for good in ["BE", "nl", " de ", "US", "XI", "GR"] {
        let account = Account::new(
            AccountId::new("a").unwrap(),
            Language::En,
            CustomerKind::Consumer,
            good,
            Party::new("P", good).unwrap(),
            created(),
        );
        assert!(account.is_ok(), "{good}");
    }
    for bad in ["EL", "EU", "B", "BEL", "Belgium", "", "ZZ"] {
        let error = Account::new(
            AccountId::new("a").unwrap(),
            Language::En,
            CustomerKind::Consumer,
            bad,
            Party::new("P", "BE").unwrap(),
            created(),
        )
        .unwrap_err();
        assert_eq!(error.code(), "account.invalid_country", "{bad}");
        assert!(error.to_string().contains(&format!("{bad:?}")), "{error}");
    }
}

fn stored(account: &Account) -> Value {
    serde_json::to_value(account).unwrap()
}

fn read(value: &Value) -> Result<Account, AccountError> {
    Account::from_json(&value.to_string())
}

#[test]
fn a_stored_account_reads_back_equal_and_forgeries_are_refused() {
    let mut account = belgian().with_vat_number("BE0403170701", None).unwrap();
    account
        .activate(at("2026-03-04T08:00:00Z"), "paid")
        .unwrap();
    account
        .suspend(at("2026-05-01T00:00:00Z"), "unpaid")
        .unwrap();
    account.options_mut().set_letter_approval(7, true);
    let value = stored(&account);
    assert_eq!(read(&value).unwrap(), account);
    assert_eq!(value["state"], json!("suspended"));
    assert_eq!(value["history"][1]["reason"], json!("unpaid"));

    let id = account.id().to_string();
    let refuse = |edit: &dyn Fn(&mut Value), inner_code: Option<&str>, field: &str| {
        let mut forged = value.clone();
        edit(&mut forged);
        let error = read(&forged).unwrap_err();
        // Every refusal of a stored account is account.invalid_account, names the account and
        // the field, and keeps the error of the rule broken (code and source).
        assert_eq!(error.code(), "account.invalid_account", "{error}");
        assert_eq!(error.inner_code(), inner_code, "{error}");
        assert_eq!(
            std::error::Error::source(&error).is_some(),
            inner_code.is_some(),
            "{error}"
        );
        let AccountError::InvalidAccount {
            account: Some(named),
            field: found,
            ..
        } = &error
        else {
            panic!("not an invalid account naming the account: {error:?}");
        };
        assert_eq!((named, found.as_str()), (&id, field), "{error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("account {id}: {field}")),
            "{error}"
        );
    };
    refuse(&|v| v["state"] = json!("active"), None, "state");
    refuse(
        &|v| v["history"][1]["from"] = json!("pending_payment"),
        None,
        "history[1].from",
    );
    refuse(
        &|v| v["history"][1]["at"] = json!("2026-03-01T00:00:00Z"),
        Some("account.time_went_back"),
        "history[1].at",
    );
    refuse(
        &|v| v["history"][0]["at"] = json!("2026-03-01T00:00:00Z"),
        Some("account.time_went_back"),
        "history[0].at",
    );
    refuse(
        &|v| v["history"][0]["reason"] = json!(""),
        Some("account.missing_reason"),
        "history[0]",
    );
    refuse(
        &|v| v["history"][1]["to"] = json!("pending_payment"),
        Some("account.illegal_transition"),
        "history[1]",
    );
    refuse(
        &|v| v["country"] = json!("XX"),
        Some("account.invalid_country"),
        "country",
    );
    refuse(
        &|v| v["invoicing_address"]["vat_number"] = json!("BE0202239951"),
        Some("account.vat_number_mismatch"),
        "invoicing_address.vat_number",
    );
    refuse(
        &|v| v["options"]["channels"] = json!(["email", "sms"]),
        None,
        "json",
    );
    refuse(&|v| v["extra"] = json!(1), None, "json");
    // Text without an id to read: the error cannot name the account.
    let error = Account::from_json("{").unwrap_err();
    assert_eq!(error.code(), "account.invalid_account");
    assert!(matches!(
        error,
        AccountError::InvalidAccount {
            account: None,
            inner: None,
            ..
        }
    ));
    // The message of a broken change keeps its rule, naming the account once.
    let mut forged = value.clone();
    forged["history"][0]["reason"] = json!(" ");
    assert_eq!(
        read(&forged).unwrap_err().to_string(),
        format!("account {id}: history[0]: reason: \" \" is blank; every change of state says why")
    );
}

#[derive(Debug, Clone)]
struct Step {
    to: AccountState,
    after_seconds: i64,
    reason: String,
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::sample::select(AccountState::ALL.to_vec()),
        -100_i64..100_000,
        prop_oneof![Just(String::new()), "[a-z ]{1,12}"],
    )
        .prop_map(|(to, after_seconds, reason)| Step {
            to,
            after_seconds,
            reason,
        })
}

proptest! {
    /// Any sequence of changes (legal or not, in time order or not): the refused ones change
    /// nothing, the history is ordered and chained, and the account reads back equal.
    #[test]
    fn any_sequence_of_transitions_reads_back_equal(steps in prop::collection::vec(step(), 0..24)) {
        let mut account = belgian();
        let mut t = created();
        for step in steps {
            let when = t + Duration::seconds(step.after_seconds);
            let before = account.clone();
            match account.change_state(step.to, when, &step.reason) {
                Ok(_) => t = when,
                Err(_) => prop_assert_eq!(&account, &before),
            }
        }
        let history = account.history();
        for pair in history.windows(2) {
            prop_assert!(pair[0].at <= pair[1].at);
            prop_assert_eq!(pair[0].to, pair[1].from);
        }
        prop_assert_eq!(history.first().map(|c| c.from), history.first().map(|_| AccountState::PendingPayment));
        prop_assert_eq!(history.last().map_or(AccountState::PendingPayment, |c| c.to), account.state());
        let text = serde_json::to_string(&account).unwrap();
        prop_assert_eq!(Account::from_json(&text).unwrap(), account);
    }
}
