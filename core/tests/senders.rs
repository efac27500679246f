//! Senders (SPEC section 2): SMS sender numbers in international form only, alphanumeric senders
//! refused with the SPEC's reason, verification by a one-time code, and the SMS settings a sender
//! hands to the segmenter (SPEC section 5: shift tables opt-in per sender).

use chrono::TimeDelta;
use envoi::contacts::{Channel, EmailAddress, PhoneKind};
use envoi::senders::{
    Sender, SenderAddress, SenderError, SmsSenderNumber, SmsSettings, Verification,
};
use envoi::sms::{Encoding, NationalLanguage, SmsOptions, analyze};
use envoi::time::Instant;
use envoi::token::{CodeAlphabet, CodePolicy, CodeState, KeyRing};
use envoi::{Error, ErrorCode};
use proptest::prelude::*;

fn at(text: &str) -> Instant {
    text.parse().expect("an instant")
}

fn start() -> Instant {
    at("2026-06-01T09:00:00Z")
}

fn ring() -> KeyRing {
    KeyRing::new([(1, vec![0x42; 32])], 1).expect("a key ring")
}

fn refused(text: &str) -> SenderError {
    match SmsSenderNumber::parse(text) {
        Ok(number) => panic!("{text:?} accepted as {number}"),
        Err(error) => error,
    }
}

fn sms_sender() -> Sender {
    let number = SmsSenderNumber::parse("+32475123456").expect("a number");
    Sender::new(12, 3, SenderAddress::Sms(number))
}

fn email_sender() -> Sender {
    let email = EmailAddress::parse("news@example.be").expect("an address");
    Sender::new(12, 4, SenderAddress::Email(email))
}

/// Starts a verification under the default code policy and gives the code the host would send.
fn send_code(
    sender: &mut Sender,
    ring: &KeyRing,
    challenge_id: &str,
    at: Instant,
    validity: TimeDelta,
) -> String {
    sender
        .start_verification(ring, challenge_id, at, validity, &CodePolicy::default())
        .expect("a verification code")
}

/// A code other than `code`, of the same length.
fn wrong(code: &str) -> String {
    if code.starts_with('0') {
        code.replacen('0', "1", 1)
    } else {
        format!("0{}", &code[1..])
    }
}

// ---- Sender numbers -----------------------------------------------------------------------------

#[test]
fn international_forms_become_e164() {
    for text in [
        "+32475123456",
        "0032475123456",
        "+32 475 12 34 56",
        "0032 475 12 34 56",
        "  +32 475/12.34.56 ",
        "+32 (0)475 12 34 56",
        "00 32 475 12 34 56",
    ] {
        assert_eq!(
            SmsSenderNumber::parse(text).unwrap().e164(),
            "+32475123456",
            "{text}"
        );
    }
    assert_eq!(
        SmsSenderNumber::parse("+33 6 12 34 56 78").unwrap().e164(),
        "+33612345678"
    );
    assert_eq!(
        SmsSenderNumber::parse("0031 6 12345678").unwrap().e164(),
        "+31612345678"
    );
    assert_eq!(
        SmsSenderNumber::parse("+49 151 23456789").unwrap().e164(),
        "+4915123456789"
    );
}

#[test]
fn a_national_form_is_refused_and_told_how_to_write_it() {
    let error = refused("0475123456");
    assert_eq!(error.code(), "senders.not_international");
    assert_eq!(
        error,
        SenderError::NotInternational {
            value: "0475123456".into(),
            suggestion: Some("+32475123456".into()),
        }
    );
    assert_eq!(
        error.to_string(),
        "sender number \"0475123456\": not in international form; write + and the country code, then the number without its national 0: +32475123456"
    );
    assert!(matches!(
        refused("0475 12 34 56"),
        SenderError::NotInternational {
            suggestion: Some(_),
            ..
        }
    ));
    // A Belgian fixed line, a French mobile written nationally, digits without any prefix: no
    // suggestion, the rule only.
    for text in ["02 401 23 45", "06 12 34 56 78", "32475123456", "475123456"] {
        let error = refused(text);
        assert_eq!(
            error,
            SenderError::NotInternational {
                value: text.into(),
                suggestion: None
            },
            "{text}"
        );
        assert!(
            error
                .to_string()
                .ends_with("the number without its national 0 (+32 for Belgium, +33 for France…)")
        );
    }
}

#[test]
fn an_alphanumeric_sender_is_refused_with_the_spec_reason() {
    for text in [
        "John Tel",
        "JohnTel",
        "INFO",
        "Shop24",
        "24Shop",
        "0475 CALL ME",
        "Café Léon",
    ] {
        let error = refused(text);
        assert_eq!(error.code(), "senders.alphanumeric_sender", "{text}");
        let message = error.to_string();
        assert!(
            message.contains("not accepted in every country"),
            "{message}"
        );
        assert!(message.contains("the recipient cannot reply"), "{message}");
    }
    // Starting with + it is a number with a stray character: the phone's own reason.
    let error = refused("+32 475 12 34 5x");
    assert_eq!(error.code(), "contacts.invalid_phone");
    assert!(error.to_string().contains("'x' at character 16"));
}

#[test]
fn a_sender_number_must_be_a_mobile() {
    for (text, kind) in [
        ("+32 2 401 23 45", PhoneKind::FixedLine),
        ("0032 800 12 345", PhoneKind::TollFree),
    ] {
        match refused(text) {
            SenderError::NotMobile {
                kind: found,
                number,
            } => {
                assert_eq!(found, kind, "{text}");
                assert!(number.starts_with('+'));
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    assert_eq!(
        refused("+32 2 401 23 45").to_string(),
        "sender number +3224012345: a fixed-line number, not a mobile number; an SMS sender must be a mobile number"
    );
    // The one SMS rule (PhoneKind::accepts_sms): a number whose plan cannot tell mobile from
    // fixed is accepted, as it is for a contact.
    let american = SmsSenderNumber::parse("+1 201 555 0123").unwrap();
    assert_eq!(american.phone_number().kind(), PhoneKind::FixedLineOrMobile);
    assert_eq!(american.e164(), "+12015550123");
}

#[test]
fn text_that_is_no_number_keeps_the_contacts_reason() {
    for text in [
        "",
        "   ",
        "+",
        "00",
        "+32 475",
        "+999 123 456 789",
        "0032 475 12 34 56 78 90",
    ] {
        assert_eq!(refused(text).code(), "contacts.invalid_phone", "{text:?}");
    }
}

#[test]
fn a_sender_number_reads_and_writes_its_e164_text() {
    let number = SmsSenderNumber::parse("0032 475 12 34 56").unwrap();
    assert_eq!(number.to_string(), "+32475123456");
    assert_eq!("+32475123456".parse::<SmsSenderNumber>().unwrap(), number);
    assert_eq!(serde_json::to_string(&number).unwrap(), "\"+32475123456\"");
    assert_eq!(
        serde_json::from_str::<SmsSenderNumber>("\"+32475123456\"").unwrap(),
        number
    );
    for text in ["\"0475123456\"", "\"John Tel\"", "\"+3224012345\""] {
        assert!(
            serde_json::from_str::<SmsSenderNumber>(text).is_err(),
            "{text}"
        );
    }
    assert_eq!(number.phone_number().country_code(), 32);
}

// ---- Verification -------------------------------------------------------------------------------

#[test]
fn a_sender_is_unusable_until_its_code_is_confirmed() {
    let ring = ring();
    let mut sender = sms_sender();
    assert_eq!(sender.verification(), &Verification::Unverified);
    assert_eq!(
        sender.require_for(Channel::Sms),
        Err(SenderError::NotVerified {
            sender: 3,
            state: "unverified"
        })
    );
    let code = send_code(&mut sender, &ring, "v-1", start(), TimeDelta::minutes(15));
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(
        sender.require_for(Channel::Sms),
        Err(SenderError::NotVerified {
            sender: 3,
            state: "pending"
        })
    );
    let confirmed_at = start() + TimeDelta::minutes(3);
    sender.confirm(&ring, &code, confirmed_at).unwrap();
    assert_eq!(
        sender.verification(),
        &Verification::Verified { at: confirmed_at }
    );
    assert!(sender.is_verified());
    assert_eq!(sender.require_for(Channel::Sms), Ok(()));
    // Verified is final: no new verification, no second confirmation.
    assert_eq!(
        sender
            .confirm(&ring, &code, confirmed_at)
            .unwrap_err()
            .code(),
        "senders.already_verified"
    );
    assert_eq!(
        sender
            .start_verification(
                &ring,
                "v-2",
                confirmed_at,
                TimeDelta::minutes(15),
                &CodePolicy::default()
            )
            .unwrap_err(),
        SenderError::AlreadyVerified {
            sender: 3,
            at: confirmed_at
        }
    );
}

#[test]
fn wrong_codes_count_and_lock_and_a_new_code_starts_over() {
    let ring = ring();
    let mut sender = sms_sender();
    let policy = CodePolicy {
        max_attempts: 3,
        ..CodePolicy::default()
    };
    let code = sender
        .start_verification(&ring, "v-1", start(), TimeDelta::minutes(15), &policy)
        .unwrap();
    assert_eq!(
        sender
            .confirm(&ring, &wrong(&code), start())
            .unwrap_err()
            .code(),
        "token.code_mismatch"
    );
    // A malformed code does not use an attempt.
    assert_eq!(
        sender.confirm(&ring, "12", start()).unwrap_err().code(),
        "token.code_malformed"
    );
    assert_eq!(
        sender
            .confirm(&ring, &wrong(&code), start())
            .unwrap_err()
            .code(),
        "token.code_mismatch"
    );
    assert_eq!(
        sender
            .confirm(&ring, &wrong(&code), start())
            .unwrap_err()
            .code(),
        "token.code_locked"
    );
    match sender.verification() {
        Verification::Pending { challenge } => {
            assert_eq!(
                (challenge.attempts_used, challenge.state),
                (3, CodeState::Locked)
            );
        }
        other => panic!("{other:?}"),
    }
    // Even the right code is refused now.
    assert_eq!(
        sender.confirm(&ring, &code, start()).unwrap_err().code(),
        "token.code_locked"
    );
    assert!(!sender.is_verified());
    // A new code (another challenge id) replaces the locked one.
    let again = sender
        .start_verification(&ring, "v-2", start(), TimeDelta::minutes(15), &policy)
        .unwrap();
    if again != code {
        assert_eq!(
            sender.confirm(&ring, &code, start()).unwrap_err().code(),
            "token.code_mismatch"
        );
    }
    sender.confirm(&ring, &again, start()).unwrap();
    assert!(sender.is_verified());
}

#[test]
fn a_code_expires_at_its_end_instant() {
    let ring = ring();
    let mut sender = email_sender();
    let code = send_code(&mut sender, &ring, "v-1", start(), TimeDelta::minutes(10));
    let end = start() + TimeDelta::minutes(10);
    assert_eq!(
        sender.confirm(&ring, &code, end).unwrap_err().code(),
        "token.code_expired"
    );
    sender
        .confirm(&ring, &code, end - TimeDelta::seconds(1))
        .unwrap();
    assert!(sender.require_for(Channel::Email).is_ok());
    assert!(sender.require_for(Channel::SecureEmail).is_ok());
}

#[test]
fn confirming_without_a_code_sent_is_refused() {
    let mut sender = sms_sender();
    assert_eq!(
        sender.confirm(&ring(), "123456", start()),
        Err(SenderError::NoPendingVerification { sender: 3 })
    );
}

#[test]
fn the_code_validity_and_policy_are_checked() {
    let ring = ring();
    let mut sender = sms_sender();
    let policy = CodePolicy::default();
    for validity in [
        TimeDelta::seconds(59),
        TimeDelta::hours(24) + TimeDelta::seconds(1),
        TimeDelta::zero(),
        -TimeDelta::minutes(5),
    ] {
        let error = sender
            .start_verification(&ring, "v", start(), validity, &policy)
            .unwrap_err();
        assert_eq!(error.code(), "senders.invalid_parameter", "{validity}");
        assert!(error.to_string().starts_with("validity: "));
    }
    for validity in [TimeDelta::minutes(1), TimeDelta::hours(24)] {
        assert!(
            sender
                .start_verification(&ring, "v", start(), validity, &policy)
                .is_ok()
        );
    }
    let short = CodePolicy {
        alphabet: CodeAlphabet::Digits,
        length: 4,
        max_attempts: 5,
    };
    assert_eq!(
        sender
            .start_verification(&ring, "v", start(), TimeDelta::minutes(5), &short)
            .unwrap_err()
            .code(),
        "token.invalid_argument"
    );
    assert_eq!(
        sender
            .start_verification(&ring, "", start(), TimeDelta::minutes(5), &policy)
            .unwrap_err()
            .code(),
        "token.invalid_argument"
    );
}

#[test]
fn a_stored_challenge_of_another_sender_verifies_nothing() {
    let ring = ring();
    let mut other = Sender::new(
        12,
        99,
        SenderAddress::Sms(SmsSenderNumber::parse("+32475000000").unwrap()),
    );
    let code = send_code(&mut other, &ring, "v-99", start(), TimeDelta::minutes(15));
    // The host mixes up its records: sender 3 gets sender 99's pending challenge.
    let mut json: serde_json::Value = serde_json::to_value(sms_sender()).unwrap();
    json["verification"] = serde_json::to_value(other.verification()).unwrap();
    let mut mixed: Sender = serde_json::from_value(json).unwrap();
    assert_eq!(
        mixed.confirm(&ring, &code, start()),
        Err(SenderError::ChallengeMismatch {
            sender: 3,
            found_account: Some(12),
            found_sender: Some(99)
        })
    );
    assert!(!mixed.is_verified());
}

#[test]
fn a_code_sent_to_another_address_does_not_confirm_an_edited_sender() {
    let ring = ring();
    let mut sender = sms_sender();
    let code = send_code(&mut sender, &ring, "v-1", start(), TimeDelta::minutes(15));
    // The stored challenge id carries the address digest before the host's id.
    match sender.verification() {
        Verification::Pending { challenge } => {
            let (digest, host_id) = challenge.challenge_id.split_once(':').unwrap();
            assert_eq!(host_id, "v-1");
            assert_eq!(digest.len(), 16);
            assert!(digest.bytes().all(|b| b.is_ascii_hexdigit()));
        }
        other => panic!("{other:?}"),
    }
    // The host's record of sender 3 is edited to another number while the code is pending.
    let mut json: serde_json::Value = serde_json::to_value(&sender).unwrap();
    json["address"] = serde_json::json!({"sms": "+32475999999"});
    let mut edited: Sender = serde_json::from_value(json).unwrap();
    let error = edited.confirm(&ring, &code, start()).unwrap_err();
    assert_eq!(error.code(), "senders.challenge_mismatch");
    assert_eq!(
        error,
        SenderError::ChallengeForAnotherAddress {
            sender: 3,
            address: "+32475999999".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "sender 3: the stored verification code was sent to another address than +32475999999; send a new code to this address"
    );
    assert!(!edited.is_verified());
    // No attempt was used: the original sender still confirms.
    match edited.verification() {
        Verification::Pending { challenge } => assert_eq!(challenge.attempts_used, 0),
        other => panic!("{other:?}"),
    }
    sender.confirm(&ring, &code, start()).unwrap();
    // The same for an email sender whose address changed.
    let mut email = email_sender();
    let code = send_code(&mut email, &ring, "v-1", start(), TimeDelta::minutes(15));
    let mut json: serde_json::Value = serde_json::to_value(&email).unwrap();
    json["address"] = serde_json::json!({"email": "other@example.be"});
    let mut edited: Sender = serde_json::from_value(json).unwrap();
    assert_eq!(
        edited.confirm(&ring, &code, start()).unwrap_err().code(),
        "senders.challenge_mismatch"
    );
}

#[test]
fn a_challenge_stored_without_the_address_digest_is_refused() {
    // A pending challenge made by the key ring directly (as before codes were bound to the
    // address), for the right account and sender.
    let ring = ring();
    let claims = envoi::token::Claims {
        account: Some(12),
        recipient: Some(3),
        ..envoi::token::Claims::default()
    };
    let (code, challenge) = ring
        .issue_code(
            envoi::token::Purpose::SenderVerification,
            &claims,
            "v-1",
            start(),
            start() + TimeDelta::minutes(15),
            &CodePolicy::default(),
        )
        .unwrap();
    let mut json: serde_json::Value = serde_json::to_value(sms_sender()).unwrap();
    json["verification"] = serde_json::to_value(Verification::Pending { challenge }).unwrap();
    let mut old: Sender = serde_json::from_value(json).unwrap();
    assert_eq!(
        old.confirm(&ring, &code, start()).unwrap_err().code(),
        "senders.challenge_mismatch"
    );
    assert!(!old.is_verified());
}

#[test]
fn the_host_challenge_id_has_1_to_111_bytes() {
    let ring = ring();
    let policy = CodePolicy::default();
    let mut sender = sms_sender();
    assert!(
        sender
            .start_verification(
                &ring,
                &"x".repeat(111),
                start(),
                TimeDelta::minutes(5),
                &policy
            )
            .is_ok()
    );
    let error = sender
        .start_verification(
            &ring,
            &"x".repeat(112),
            start(),
            TimeDelta::minutes(5),
            &policy,
        )
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_argument");
    assert!(error.to_string().starts_with("challenge_id: "), "{error}");
    // Refused starts are not counted.
    assert_eq!(sender.verification_starts(), [start()]);
}

#[test]
fn at_most_five_verifications_start_within_24_hours() {
    let ring = ring();
    let policy = CodePolicy::default();
    let mut sender = sms_sender();
    let hours = |n| start() + TimeDelta::hours(n);
    let begin = |sender: &mut Sender, id: &str, at: Instant| {
        sender.start_verification(&ring, id, at, TimeDelta::minutes(15), &policy)
    };
    for n in 0..5 {
        begin(&mut sender, &format!("v-{n}"), hours(n)).unwrap();
    }
    assert_eq!(
        sender.verification_starts(),
        [hours(0), hours(1), hours(2), hours(3), hours(4)]
    );
    // The sixth within 24 hours of the first: refused, saying when the next is allowed.
    let last_second = hours(24) - TimeDelta::seconds(1);
    let error = begin(&mut sender, "v-5", last_second).unwrap_err();
    assert_eq!(
        error,
        SenderError::TooManyVerifications {
            sender: 3,
            count: 5,
            next_allowed_at: hours(24)
        }
    );
    assert_eq!(error.code(), "senders.too_many_verifications");
    assert_eq!(
        error.to_string(),
        "sender 3: 5 verification codes sent within 24 hours, the most allowed; the next can be sent from 2026-06-02 09:00:00 UTC"
    );
    // The refusal keeps the pending code and the recorded starts.
    assert_eq!(sender.verification_starts().len(), 5);
    assert_eq!(sender.verification().name(), "pending");
    // 24 hours after the first start, one more is allowed; the first no longer counts.
    begin(&mut sender, "v-5", hours(24)).unwrap();
    assert_eq!(
        sender.verification_starts(),
        [hours(1), hours(2), hours(3), hours(4), hours(24)]
    );
    assert_eq!(
        begin(&mut sender, "v-6", hours(24)).unwrap_err(),
        SenderError::TooManyVerifications {
            sender: 3,
            count: 5,
            next_allowed_at: hours(25)
        }
    );
    // The count survives the host's storage.
    let mut stored: Sender =
        serde_json::from_str(&serde_json::to_string(&sender).unwrap()).unwrap();
    assert_eq!(stored.verification_starts(), sender.verification_starts());
    assert_eq!(
        begin(&mut stored, "v-6", hours(24) + TimeDelta::minutes(30))
            .unwrap_err()
            .code(),
        "senders.too_many_verifications"
    );
}

#[test]
fn a_pending_code_survives_key_rotation_until_its_key_is_removed() {
    let mut sender = sms_sender();
    let code = sender
        .start_verification(
            &ring(),
            "v-1",
            start(),
            TimeDelta::minutes(15),
            &CodePolicy::default(),
        )
        .unwrap();
    let removed = KeyRing::new([(2, vec![0x24; 32])], 2).unwrap();
    assert_eq!(
        sender
            .clone()
            .confirm(&removed, &code, start())
            .unwrap_err()
            .code(),
        "token.unknown_key"
    );
    let rotated = KeyRing::new([(1, vec![0x42; 32]), (2, vec![0x24; 32])], 2).unwrap();
    sender.confirm(&rotated, &code, start()).unwrap();
    assert!(sender.is_verified());
}

#[test]
fn a_sender_uses_only_its_own_channel() {
    let email = email_sender();
    let sms = sms_sender();
    assert_eq!(
        email.require_for(Channel::Sms),
        Err(SenderError::WrongChannel {
            sender: 4,
            address: Channel::Email,
            channel: Channel::Sms
        })
    );
    assert_eq!(
        sms.require_for(Channel::Email).unwrap_err().to_string(),
        "sender 3: an sms sender cannot send email"
    );
    for channel in [Channel::Letter, Channel::SecureEmail] {
        assert_eq!(
            sms.require_for(channel).unwrap_err().code(),
            "senders.wrong_channel"
        );
    }
    assert_eq!(
        email.require_for(Channel::Letter).unwrap_err().code(),
        "senders.wrong_channel"
    );
}

#[test]
fn a_sender_is_plain_json_in_every_state() {
    let ring = ring();
    let mut sender = sms_sender();
    sender
        .set_sms_settings(SmsSettings {
            languages: vec![NationalLanguage::Portuguese],
            smart_encoding: true,
        })
        .unwrap();
    let round_trip = |sender: &Sender| {
        let json = serde_json::to_string(sender).unwrap();
        assert_eq!(&serde_json::from_str::<Sender>(&json).unwrap(), sender);
        json
    };
    assert_eq!(
        round_trip(&sender),
        r#"{"account":12,"id":3,"address":{"sms":"+32475123456"},"sms_settings":{"languages":["portuguese"],"smart_encoding":true},"verification":{"state":"unverified"}}"#
    );
    let code = send_code(&mut sender, &ring, "v-1", start(), TimeDelta::minutes(15));
    assert!(round_trip(&sender).contains(r#""verification":{"state":"pending","challenge":{"#));
    // A pending sender read back from JSON confirms as the original would.
    let mut stored: Sender = serde_json::from_str(&round_trip(&sender)).unwrap();
    stored.confirm(&ring, &code, start()).unwrap();
    assert!(
        round_trip(&stored)
            .ends_with(r#""verification":{"state":"verified","at":"2026-06-01T09:00:00Z"},"verification_starts":["2026-06-01T09:00:00Z"]}"#)
    );
    // Missing settings and verification read as the defaults.
    let minimal: Sender =
        serde_json::from_str(r#"{"account":1,"id":2,"address":{"email":"news@example.be"}}"#)
            .unwrap();
    assert_eq!(minimal.verification(), &Verification::Unverified);
    assert!(minimal.verification_starts().is_empty());
    // Read back, the address and the settings are checked again.
    for json in [
        r#"{"account":1,"id":2,"address":{"sms":"0475123456"}}"#,
        r#"{"account":1,"id":2,"address":{"email":"news@example.be"},"sms_settings":{"languages":["turkish"]}}"#,
        r#"{"account":1,"id":2,"address":{"sms":"+32475123456"},"sms_settings":{"languages":["turkish","turkish"]}}"#,
        r#"{"account":1,"id":2,"address":{"sms":"+32475123456"},"colour":"red"}"#,
    ] {
        assert!(serde_json::from_str::<Sender>(json).is_err(), "{json}");
    }
}

// ---- SMS settings -------------------------------------------------------------------------------

const PORTUGUESE: &str = "Olá João, a sua consulta é amanhã às 9h. Não se esqueça!";

#[test]
fn a_sender_without_a_shift_table_does_not_get_it() {
    // The engine's base options name tables; only the sender's opt-in counts.
    let engine = SmsOptions {
        languages: vec![
            NationalLanguage::Portuguese,
            NationalLanguage::Turkish,
            NationalLanguage::Spanish,
        ],
        smart_encoding: true,
        max_parts: 3,
        ..SmsOptions::default()
    };
    let mut sender = sms_sender();
    let plain = sender.sms_options(&engine);
    assert!(plain.languages.is_empty());
    assert!(!plain.smart_encoding);
    assert_eq!(plain.max_parts, 3);
    let analysis = analyze(PORTUGUESE, &plain).unwrap();
    assert_eq!(analysis.encoding, Encoding::Ucs2);

    sender
        .set_sms_settings(SmsSettings {
            languages: vec![NationalLanguage::Turkish, NationalLanguage::Spanish],
            smart_encoding: false,
        })
        .unwrap();
    let without_portuguese = sender.sms_options(&engine);
    assert!(
        !without_portuguese
            .languages
            .contains(&NationalLanguage::Portuguese)
    );
    let analysis = analyze(PORTUGUESE, &without_portuguese).unwrap();
    assert_ne!(analysis.locking_shift, Some(NationalLanguage::Portuguese));
    assert_ne!(analysis.single_shift, Some(NationalLanguage::Portuguese));

    sender
        .set_sms_settings(SmsSettings {
            languages: vec![NationalLanguage::Portuguese],
            smart_encoding: false,
        })
        .unwrap();
    let with_portuguese = sender.sms_options(&engine);
    assert_eq!(with_portuguese.languages, [NationalLanguage::Portuguese]);
    let analysis = analyze(PORTUGUESE, &with_portuguese).unwrap();
    assert_eq!(analysis.encoding, Encoding::Gsm7);
    assert!(
        analysis.locking_shift == Some(NationalLanguage::Portuguese)
            || analysis.single_shift == Some(NationalLanguage::Portuguese)
    );
}

#[test]
fn smart_encoding_is_the_senders_choice() {
    let text = "It’s “ready” — see you…";
    let mut sender = sms_sender();
    let engine = SmsOptions {
        smart_encoding: true,
        ..SmsOptions::default()
    };
    let off = analyze(text, &sender.sms_options(&engine)).unwrap();
    assert_eq!(off.encoding, Encoding::Ucs2);
    assert!(off.replacements.is_empty());
    sender
        .set_sms_settings(SmsSettings {
            languages: vec![],
            smart_encoding: true,
        })
        .unwrap();
    let on = analyze(text, &sender.sms_options(&SmsOptions::default())).unwrap();
    assert_eq!(on.encoding, Encoding::Gsm7);
    assert!(!on.replacements.is_empty());
}

#[test]
fn sms_settings_are_checked() {
    let mut sender = sms_sender();
    let twice = SmsSettings {
        languages: vec![
            NationalLanguage::Spanish,
            NationalLanguage::Turkish,
            NationalLanguage::Spanish,
        ],
        smart_encoding: false,
    };
    assert_eq!(
        sender.set_sms_settings(twice).unwrap_err().to_string(),
        "sms.languages: spanish is given twice; each national language is listed once"
    );
    assert_eq!(sender.sms_settings(), &SmsSettings::default());
    let every = SmsSettings {
        languages: NationalLanguage::ALL.to_vec(),
        smart_encoding: true,
    };
    sender.set_sms_settings(every.clone()).unwrap();
    assert_eq!(sender.sms_settings(), &every);
    // Settings do not touch the verification.
    assert_eq!(sender.verification(), &Verification::Unverified);
    let mut email = email_sender();
    assert_eq!(
        email.set_sms_settings(SmsSettings::default()),
        Err(SenderError::WrongChannel {
            sender: 4,
            address: Channel::Email,
            channel: Channel::Sms
        })
    );
}

// ---- Error codes --------------------------------------------------------------------------------

#[test]
fn every_error_has_its_stable_code_also_through_the_crate_error() {
    let cases = [
        (refused("0475123456"), "senders.not_international"),
        (refused("John Tel"), "senders.alphanumeric_sender"),
        (refused("+3224012345"), "senders.not_mobile"),
        (refused("+32 475"), "contacts.invalid_phone"),
        (
            sms_sender().require_for(Channel::Sms).unwrap_err(),
            "senders.not_verified",
        ),
        (
            sms_sender().require_for(Channel::Email).unwrap_err(),
            "senders.wrong_channel",
        ),
        (
            SenderError::AlreadyVerified {
                sender: 1,
                at: start(),
            },
            "senders.already_verified",
        ),
        (
            SenderError::NoPendingVerification { sender: 1 },
            "senders.no_pending_verification",
        ),
        (
            SenderError::ChallengeMismatch {
                sender: 1,
                found_account: None,
                found_sender: None,
            },
            "senders.challenge_mismatch",
        ),
        (
            SenderError::ChallengeForAnotherAddress {
                sender: 1,
                address: "+32475123456".into(),
            },
            "senders.challenge_mismatch",
        ),
        (
            SenderError::TooManyVerifications {
                sender: 1,
                count: 5,
                next_allowed_at: start(),
            },
            "senders.too_many_verifications",
        ),
        (
            SenderError::InvalidParameter {
                field: "validity",
                value: "0 seconds".into(),
                rule: "is out of range",
            },
            "senders.invalid_parameter",
        ),
        (
            SenderError::Token(envoi::token::TokenError::CodeUsed),
            "token.code_used",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert!(!error.to_string().is_empty());
        assert_eq!(Error::from(error).code(), code);
    }
}

// ---- Invariants ---------------------------------------------------------------------------------

proptest! {
    #[test]
    fn every_written_form_of_a_belgian_mobile_agrees(
        digits in "4[5-9][0-9]{7}",
        spaced in any::<bool>(),
        with_zero in any::<bool>(),
    ) {
        let e164 = format!("+32{digits}");
        let national = if spaced {
            format!("0{} {} {} {}", &digits[..3], &digits[3..5], &digits[5..7], &digits[7..])
        } else {
            format!("0{digits}")
        };
        let inner = if with_zero { format!("(0){digits}") } else { digits.clone() };
        for text in [format!("+32{inner}"), format!("0032 {inner}"), e164.clone()] {
            let number = SmsSenderNumber::parse(&text);
            prop_assert_eq!(number.map(|n| n.e164().to_owned()), Ok(e164.clone()), "{}", text);
        }
        prop_assert_eq!(
            SmsSenderNumber::parse(&national),
            Err(SenderError::NotInternational { value: national.clone(), suggestion: Some(e164) })
        );
    }

    #[test]
    fn any_text_is_refused_or_an_international_mobile(text in "\\PC{0,24}|[+0 ]{0,3}[0-9 ]{0,16}") {
        match SmsSenderNumber::parse(&text) {
            Ok(number) => {
                prop_assert!(number.e164().starts_with('+'));
                prop_assert!(number.e164()[1..].bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(number.phone_number().accepts_sms());
                prop_assert_eq!(SmsSenderNumber::parse(number.e164()), Ok(number.clone()));
            }
            Err(error) => {
                let family = error.family();
                prop_assert!(family == "senders" || family == "contacts", "{}", error.code());
            }
        }
    }
}
