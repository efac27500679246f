//! Contacts: the account's SMS option (Plannit), opt-outs and opt-ins with their history, channel
//! preferences, notification switches, groups and "a recipient must be in the address book".
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;

use chrono::Duration;
use envoi::ErrorCode;
use envoi::contacts::{
    AccountSmsOption, Channel, ConsentSource, Contact, ContactError, EmailAddress, Group,
    NotificationKind, PhoneKind, Refusal, Region, ensure_contacts_exist, normalize_phone,
};
use envoi::ids::{ContactId, GroupId};
use envoi::time::Instant;
use proptest::prelude::*;

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn day(n: i64) -> Instant {
    at("2026-03-01T09:00:00Z") + Duration::days(n)
}

fn reachable(option: &AccountSmsOption) -> Contact {
    let mut contact = Contact::new();
    contact.preferences = option.new_contact_preferences();
    contact.email = Some(EmailAddress::parse("ann@example.be").unwrap());
    contact.mobile = Some(normalize_phone("0475 12 34 56", Region::BE).unwrap());
    contact
}

const ON: AccountSmsOption = AccountSmsOption {
    enabled: true,
    changed_at: None,
};

#[test]
fn while_the_sms_option_is_off_nobody_gets_sms() {
    let mut option = ON;
    let mut contact = reachable(&option);
    contact.preferences.sms = true;
    assert_eq!(contact.may_receive(Channel::Sms, &option, day(0)), Ok(()));
    option.switch(false, day(1));
    assert_eq!(
        contact.may_receive(Channel::Sms, &option, day(1)),
        Err(Refusal::SmsOffForAccount)
    );
    // Email is not affected.
    assert_eq!(contact.may_receive(Channel::Email, &option, day(1)), Ok(()));
    // Switching back on: the contact kept its preference.
    option.switch(true, day(2));
    assert_eq!(contact.may_receive(Channel::Sms, &option, day(2)), Ok(()));
}

#[test]
fn switching_the_option_on_turns_sms_on_for_contacts_created_from_then_on() {
    let mut option = AccountSmsOption::default();
    assert!(!option.enabled);
    assert!(!option.new_contact_preferences().sms);
    assert!(option.switch(true, day(3)));
    assert_eq!(option.changed_at, Some(day(3)));
    assert!(
        !option.switch(true, day(4)),
        "switching to the same state changes nothing"
    );
    assert_eq!(option.changed_at, Some(day(3)));
    let created_after = reachable(&option);
    assert!(created_after.preferences.sms && created_after.preferences.email);
    assert_eq!(
        created_after.may_receive(Channel::Sms, &option, day(4)),
        Ok(())
    );
}

#[test]
fn existing_contacts_keep_their_preference_until_edited() {
    let mut option = AccountSmsOption::default();
    let mut created_before = reachable(&option);
    assert!(!created_before.preferences.sms);
    option.switch(true, day(1));
    assert!(
        !created_before.preferences.sms,
        "switching the option edits no contact"
    );
    assert_eq!(
        created_before.may_receive(Channel::Sms, &option, day(1)),
        Err(Refusal::PreferenceOff {
            channel: Channel::Sms
        })
    );
    // Edited by a user: from then on it gets SMS.
    created_before.preferences.sms = true;
    assert_eq!(
        created_before.may_receive(Channel::Sms, &option, day(1)),
        Ok(())
    );
}

#[test]
fn both_preferences_checked_means_both_channels() {
    let contact = reachable(&ON);
    assert_eq!(
        contact.preferred_channels(&ON, day(0)),
        vec![Channel::Email, Channel::Sms]
    );
    let mut email_only = contact.clone();
    email_only.preferences.sms = false;
    assert_eq!(
        email_only.preferred_channels(&ON, day(0)),
        vec![Channel::Email]
    );
    let mut none = contact;
    none.preferences.email = false;
    none.preferences.sms = false;
    assert!(none.preferred_channels(&ON, day(0)).is_empty());
}

#[test]
fn opted_out_channels_are_never_used() {
    let mut contact = reachable(&ON);
    let source = ConsentSource::SmsReply {
        keyword: "STOP".to_owned(),
    };
    assert!(
        contact
            .opt_out(Channel::Sms, day(1), source.clone())
            .unwrap()
    );
    let refusal = contact.may_receive(Channel::Sms, &ON, day(1)).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::OptedOut {
            channel: Channel::Sms,
            opted_out_of: Channel::Sms,
            since: day(1),
            origin: source
        }
    );
    assert_eq!(refusal.code(), "contacts.opted_out");
    // The opt-out wins over the preference and is checked first.
    contact.preferences.sms = true;
    assert!(matches!(
        contact.may_receive(Channel::Sms, &AccountSmsOption::default(), day(2)),
        Err(Refusal::OptedOut { .. })
    ));
    // Asked about an instant before it was made, it blocks all the same (see below).
    assert!(contact.may_receive(Channel::Sms, &ON, day(0)).is_err());
    // Other channels are not affected.
    assert_eq!(contact.may_receive(Channel::Email, &ON, day(2)), Ok(()));
}

#[test]
fn an_active_opt_out_blocks_whatever_its_date() {
    // A STOP recorded after the instant asked about (a send planned before it, a clock ahead), or
    // at the same instant, blocks: only an opt-in lifts an opt-out.
    for recorded in [day(5), day(1)] {
        let mut contact = reachable(&ON);
        contact
            .opt_out(Channel::Sms, recorded, ConsentSource::AccountUser)
            .unwrap();
        for asked in [day(1) - Duration::seconds(1), day(1), day(9)] {
            let refusal = contact.may_receive(Channel::Sms, &ON, asked).unwrap_err();
            assert_eq!(
                refusal,
                Refusal::OptedOut {
                    channel: Channel::Sms,
                    opted_out_of: Channel::Sms,
                    since: recorded,
                    origin: ConsentSource::AccountUser
                },
                "recorded {recorded}, asked {asked}"
            );
            assert!(
                contact
                    .may_notify(NotificationKind::Reminder, Channel::Sms, &ON, asked)
                    .is_err()
            );
            assert!(
                !contact
                    .preferred_channels(&ON, asked)
                    .contains(&Channel::Sms)
            );
        }
    }
    // The same for an email opt-out dated later, which also covers secure email.
    let mut contact = reachable(&ON);
    contact
        .opt_out(Channel::Email, day(3), ConsentSource::UnsubscribeLink)
        .unwrap();
    for channel in [Channel::Email, Channel::SecureEmail] {
        assert!(
            contact.may_receive(channel, &ON, day(0)).is_err(),
            "{channel}"
        );
    }
    // Once lifted, it no longer blocks, whatever the instant asked about.
    contact
        .opt_in(Channel::Email, day(4), ConsentSource::AccountUser)
        .unwrap();
    for asked in [day(0), day(3), day(4), day(8)] {
        assert_eq!(contact.may_receive(Channel::Email, &ON, asked), Ok(()));
    }
    // The history still says when it was in force.
    assert!(contact.opt_out_in_force(Channel::Email, day(3)).is_some());
    assert!(contact.opt_out_in_force(Channel::Email, day(4)).is_none());
}

#[test]
fn an_email_opt_out_covers_secure_email_not_the_reverse() {
    let mut contact = reachable(&ON);
    contact
        .opt_out(Channel::Email, day(1), ConsentSource::UnsubscribeLink)
        .unwrap();
    assert!(matches!(
        contact.may_receive(Channel::SecureEmail, &ON, day(1)),
        Err(Refusal::OptedOut {
            channel: Channel::SecureEmail,
            opted_out_of: Channel::Email,
            ..
        })
    ));
    let mut other = reachable(&ON);
    other
        .opt_out(Channel::SecureEmail, day(1), ConsentSource::AccountUser)
        .unwrap();
    assert_eq!(other.may_receive(Channel::Email, &ON, day(1)), Ok(()));
    assert!(
        other
            .may_receive(Channel::SecureEmail, &ON, day(1))
            .is_err()
    );
}

#[test]
fn addresses_and_mobiles() {
    let mut contact = reachable(&ON);
    contact.email = None;
    let refusal = contact
        .may_receive(Channel::Email, &ON, day(0))
        .unwrap_err();
    assert_eq!(
        refusal,
        Refusal::NoAddress {
            channel: Channel::Email
        }
    );
    assert_eq!(
        refusal.to_string(),
        "email: the contact has no email address"
    );
    contact.mobile = Some(normalize_phone("02 555 12 34", Region::BE).unwrap());
    let refusal = contact.may_receive(Channel::Sms, &ON, day(0)).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::NotMobile {
            number: "+3225551234".to_owned(),
            kind: PhoneKind::FixedLine
        }
    );
    assert_eq!(refusal.code(), "contacts.not_mobile");
    assert_eq!(
        refusal.to_string(),
        "sms: +3225551234 is a fixed_line number, SMS go to mobile numbers only"
    );
    // Decision: where the plan cannot tell mobile from fixed, SMS is allowed.
    contact.mobile = Some(normalize_phone("+1 201 555 0123", Region::BE).unwrap());
    assert_eq!(contact.may_receive(Channel::Sms, &ON, day(0)), Ok(()));
    // Letters: no preference, only opt-outs.
    contact.preferences.email = false;
    assert_eq!(contact.may_receive(Channel::Letter, &ON, day(0)), Ok(()));
    contact
        .opt_out(Channel::Letter, day(0), ConsentSource::AccountUser)
        .unwrap();
    assert!(contact.may_receive(Channel::Letter, &ON, day(0)).is_err());
}

#[test]
fn notification_switches_per_kind() {
    let mut contact = reachable(&ON);
    contact.notifications.reminders = false;
    for kind in [
        NotificationKind::Document,
        NotificationKind::Message,
        NotificationKind::Route,
    ] {
        assert_eq!(
            contact.may_notify(kind, Channel::Email, &ON, day(0)),
            Ok(())
        );
    }
    let refusal = contact
        .may_notify(NotificationKind::Reminder, Channel::Sms, &ON, day(0))
        .unwrap_err();
    assert_eq!(refusal.code(), "contacts.notification_off");
    assert_eq!(
        refusal.to_string(),
        "the contact's reminder notifications are off"
    );
    contact.notifications.routes = false;
    assert!(
        contact
            .may_notify(NotificationKind::Route, Channel::Email, &ON, day(0))
            .is_err()
    );
}

#[test]
fn opt_out_history_is_kept_and_idempotent() {
    let mut contact = reachable(&ON);
    assert!(
        contact
            .opt_out(Channel::Sms, day(1), ConsentSource::Import)
            .unwrap()
    );
    assert!(
        !contact
            .opt_out(Channel::Sms, day(2), ConsentSource::AccountUser)
            .unwrap()
    );
    assert_eq!(contact.opt_outs.len(), 1);
    assert_eq!(contact.opt_outs[0].source, ConsentSource::Import);
    assert!(
        contact
            .opt_in(Channel::Sms, day(3), ConsentSource::AccountUser)
            .unwrap()
    );
    assert!(
        !contact
            .opt_in(Channel::Sms, day(4), ConsentSource::AccountUser)
            .unwrap()
    );
    assert!(
        contact
            .opt_out(Channel::Sms, day(5), ConsentSource::UnsubscribeLink)
            .unwrap()
    );
    assert_eq!(
        contact.opt_outs.len(),
        2,
        "the lifted opt-out stays in the history"
    );
    assert_eq!(contact.opt_outs[0].lifted.as_ref().unwrap().at, day(3));
    // In force on day 1-2, lifted on day 3-4, again from day 5.
    let in_force: Vec<bool> = (0..7)
        .map(|n| contact.opt_out_in_force(Channel::Sms, day(n)).is_some())
        .collect();
    assert_eq!(in_force, [false, true, true, false, false, true, true]);
    // Out of time order: refused with both times.
    let error = contact
        .opt_in(Channel::Sms, day(4), ConsentSource::AccountUser)
        .unwrap_err();
    assert_eq!(error.code(), "contacts.consent_out_of_order");
    assert!(
        matches!(error, ContactError::ConsentOutOfOrder { at, last, .. } if at == day(4) && last == day(5))
    );
    let json = serde_json::to_string(&contact).unwrap();
    assert_eq!(serde_json::from_str::<Contact>(&json).unwrap(), contact);
}

#[test]
fn groups_and_the_address_book() {
    let id = |text: &str| ContactId::new(text).unwrap();
    let mut group = Group::new(GroupId::new("g-1").unwrap(), "Route Namur");
    assert!(group.add(id("c-1")));
    assert!(group.add(id("c-2")));
    assert!(!group.add(id("c-1")));
    assert!(group.contains(&id("c-2")));
    let json = serde_json::to_string(&group).unwrap();
    assert_eq!(
        json,
        r#"{"id":"g-1","name":"Route Namur","members":["c-1","c-2"]}"#
    );
    assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), group);
    // Late binding: membership read at each send.
    group.remove(&id("c-2"));
    assert!(!group.contains(&id("c-2")));

    let book: BTreeSet<ContactId> = [id("c-1")].into();
    assert!(ensure_contacts_exist(&group.members, |c| book.contains(c)).is_ok());
    let recipients = [id("c-1"), id("c-7"), id("c-8"), id("c-7")];
    let error = ensure_contacts_exist(&recipients, |c| book.contains(c)).unwrap_err();
    assert_eq!(
        error,
        ContactError::UnknownContact {
            ids: vec![id("c-7"), id("c-8")]
        }
    );
    assert_eq!(envoi::Error::from(error).code(), "contacts.unknown_contact");
    let many: Vec<ContactId> = (0..12).map(|n| id(&format!("x{n}"))).collect();
    let message = ensure_contacts_exist(&many, |_| false)
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("recipients: 12 not in the address book: x0, x1,"),
        "{message}"
    );
    assert!(message.contains("x9 and 2 more"), "{message}");
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Out(usize),
    In(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..4usize).prop_map(Step::Out),
        (0..4usize).prop_map(Step::In)
    ]
}

proptest! {
    /// Replaying any sequence of opt-outs and opt-ins in time order: at most one active opt-out per
    /// channel, the history only grows, and "in force at t" is the state after the last step at or
    /// before t.
    #[test]
    fn opt_out_replay(steps in proptest::collection::vec(step(), 0..30)) {
        let mut contact = Contact::new();
        let mut expected_at = Vec::new();
        let mut state = [false; 4];
        for (n, step) in steps.iter().enumerate() {
            let t = day(n as i64);
            let before = contact.opt_outs.len();
            match *step {
                Step::Out(c) => {
                    let changed = contact.opt_out(Channel::ALL[c], t, ConsentSource::AccountUser).unwrap();
                    prop_assert_eq!(changed, !state[c]);
                    state[c] = true;
                }
                Step::In(c) => {
                    let changed = contact.opt_in(Channel::ALL[c], t, ConsentSource::AccountUser).unwrap();
                    prop_assert_eq!(changed, state[c]);
                    state[c] = false;
                }
            }
            prop_assert!(contact.opt_outs.len() >= before);
            expected_at.push(state);
        }
        for (n, expected) in expected_at.iter().enumerate() {
            for (c, &channel) in Channel::ALL.iter().enumerate() {
                prop_assert_eq!(contact.opt_out_in_force(channel, day(n as i64)).is_some(), expected[c]);
            }
        }
        for channel in Channel::ALL {
            prop_assert!(contact.opt_outs.iter().filter(|o| o.channel == channel && o.is_active()).count() <= 1);
        }
        // Sending is refused exactly while an opt-out is active (the state after the last step),
        // whatever the instant asked about.
        let last = state;
        let mut reachable = reachable(&ON);
        reachable.opt_outs = contact.opt_outs.clone();
        for asked in [day(-1), day(0), day(steps.len() as i64), day(100)] {
            for (c, &channel) in Channel::ALL.iter().enumerate() {
                let blocked = matches!(reachable.may_receive(channel, &ON, asked), Err(Refusal::OptedOut { .. }));
                let email_covers = channel == Channel::SecureEmail && last[0];
                prop_assert_eq!(blocked, last[c] || email_covers, "{} at {}", channel, asked);
            }
        }
    }
}
