//! Login protection and password reset (SPEC section 1): every boundary of the lockout policy's
//! decision, and the single-use, credential-bound reset tokens.

use chrono::TimeDelta;
use envoi::security::{
    FailureOutcome, LockoutPolicy, LoginGuard, PasswordReset, ResetToken, SecurityError,
};
use envoi::time::Instant;
use envoi::token::{Claims, KeyRing, Purpose, TokenError};
use envoi::{Error, ErrorCode};
use proptest::prelude::*;

fn at(text: &str) -> Instant {
    text.parse().expect("an instant")
}

fn start() -> Instant {
    at("2026-06-01T09:00:00Z")
}

fn minutes(minutes: i64) -> TimeDelta {
    TimeDelta::minutes(minutes)
}

fn policy() -> LockoutPolicy {
    LockoutPolicy::default()
}

/// Records `count` failures one second apart from `from`; the outcome of the last.
fn fail(guard: &mut LoginGuard, from: Instant, count: i64) -> FailureOutcome {
    let mut last = None;
    for second in 0..count {
        last = Some(guard.record_failure(&policy(), from + TimeDelta::seconds(second)));
    }
    last.expect("at least one failure")
}

fn locked_for(outcome: FailureOutcome) -> TimeDelta {
    match outcome {
        FailureOutcome::Locked { duration, .. } => duration,
        other => panic!("not locked: {other:?}"),
    }
}

// ---- The policy ---------------------------------------------------------------------------------

#[test]
fn the_default_policy_is_the_spec_decision() {
    let policy = policy();
    assert_eq!(policy.max_failures(), 5);
    assert_eq!(policy.window(), minutes(15));
    assert_eq!(policy.first_lock(), minutes(15));
    assert_eq!(policy.cap(), TimeDelta::hours(24));
    assert_eq!(
        LockoutPolicy::new(5, minutes(15), minutes(15), TimeDelta::hours(24)).unwrap(),
        policy
    );
}

#[test]
fn every_policy_parameter_is_checked_and_named() {
    let refused = |result: Result<LockoutPolicy, SecurityError>| {
        let error = result.unwrap_err();
        assert_eq!(error.code(), "security.invalid_parameter");
        error.to_string()
    };
    let (window, lock, cap) = (minutes(15), minutes(15), TimeDelta::hours(24));
    assert_eq!(
        refused(LockoutPolicy::new(0, window, lock, cap)),
        "max_failures: 0 is out of range: a policy locks after 1 to 100 failures"
    );
    assert!(refused(LockoutPolicy::new(101, window, lock, cap)).starts_with("max_failures: 101"));
    assert!(LockoutPolicy::new(1, window, lock, cap).is_ok());
    assert!(LockoutPolicy::new(100, window, lock, cap).is_ok());
    assert_eq!(
        refused(LockoutPolicy::new(5, TimeDelta::zero(), lock, cap)),
        "window: 0 seconds must be positive (at least 1 second)"
    );
    assert_eq!(
        refused(LockoutPolicy::new(5, window, TimeDelta::seconds(-1), cap)),
        "first_lock: -1 seconds must be positive (at least 1 second)"
    );
    assert_eq!(
        refused(LockoutPolicy::new(5, window, lock, -cap)),
        "cap: -86400 seconds must be positive (at least 1 second)"
    );
    assert_eq!(
        refused(LockoutPolicy::new(
            5,
            TimeDelta::milliseconds(1_500),
            lock,
            cap
        )),
        "window: 1500 milliseconds must be a whole number of seconds"
    );
    assert_eq!(
        refused(LockoutPolicy::new(5, window, lock, TimeDelta::days(367))),
        "cap: 31708800 seconds is too long: at most 366 days"
    );
    assert!(LockoutPolicy::new(5, window, lock, TimeDelta::days(366)).is_ok());
    assert_eq!(
        refused(LockoutPolicy::new(
            5,
            window,
            TimeDelta::hours(2),
            TimeDelta::hours(1)
        )),
        "cap: 3600 seconds must be at least first_lock (7200 seconds)"
    );
    // A cap equal to the first lock: every lock lasts the same.
    let flat = LockoutPolicy::new(5, window, lock, lock).unwrap();
    assert_eq!(flat.lock_duration(4), lock);
    // Whole numbers, as bindings give them.
    assert_eq!(
        refused(LockoutPolicy::from_seconds(-5, 900, 900, 86_400)),
        "max_failures: -5 is out of range: a policy locks after 1 to 100 failures"
    );
    assert_eq!(
        refused(LockoutPolicy::from_seconds(5, 900, 900, i64::MAX)),
        format!("cap: {} seconds is too long: at most 366 days", i64::MAX)
    );
    assert_eq!(
        LockoutPolicy::from_seconds(5, 900, 900, 86_400).unwrap(),
        policy()
    );
}

#[test]
fn a_policy_reads_and_writes_json_in_seconds_and_is_checked_when_read() {
    let json = serde_json::to_string(&policy()).unwrap();
    assert_eq!(
        json,
        r#"{"max_failures":5,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400}"#
    );
    assert_eq!(
        serde_json::from_str::<LockoutPolicy>(&json).unwrap(),
        policy()
    );
    let error = serde_json::from_str::<LockoutPolicy>(
        r#"{"max_failures":5,"window_seconds":-900,"first_lock_seconds":900,"cap_seconds":86400}"#,
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("window: -900 seconds must be positive")
    );
    assert!(
        serde_json::from_str::<LockoutPolicy>(
            r#"{"max_failures":5,"window_seconds":900,"first_lock_seconds":900,"cap_seconds":86400,"extra":1}"#
        )
        .is_err()
    );
}

#[test]
fn locks_double_from_the_first_and_stop_at_the_cap() {
    let policy = policy();
    let expected = [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440];
    for (number, minutes) in (1..).zip(expected) {
        assert_eq!(
            policy.lock_duration(number),
            TimeDelta::minutes(minutes),
            "{number}"
        );
    }
    assert_eq!(policy.lock_duration(0), minutes(15));
    assert_eq!(policy.lock_duration(u32::MAX), TimeDelta::hours(24));
    // A cap that is not a power-of-two multiple of the first lock is reached exactly.
    let odd = LockoutPolicy::new(3, minutes(10), minutes(10), minutes(25)).unwrap();
    assert_eq!(odd.lock_duration(2), minutes(20));
    assert_eq!(odd.lock_duration(3), minutes(25));
}

// ---- The state machine --------------------------------------------------------------------------

#[test]
fn four_failures_do_not_lock_the_fifth_does() {
    let mut guard = LoginGuard::new();
    for (number, left) in [(1, 4), (2, 3), (3, 2), (4, 1)] {
        assert_eq!(
            guard.record_failure(&policy(), start() + TimeDelta::seconds(number)),
            FailureOutcome::Counted {
                failures: number as u32,
                failures_left: left
            }
        );
        assert!(guard.check(start() + TimeDelta::seconds(number)).is_ok());
    }
    let fifth = start() + TimeDelta::seconds(5);
    assert_eq!(
        guard.record_failure(&policy(), fifth),
        FailureOutcome::Locked {
            until: fifth + minutes(15),
            duration: minutes(15),
            lock_number: 1
        }
    );
    assert_eq!(guard.locked_until(), Some(fifth + minutes(15)));
    assert_eq!(guard.lock_count(), 1);
    // The lock cleared the count.
    assert_eq!(guard.failures(&policy(), fifth), 0);
}

#[test]
fn five_failures_within_14_59_lock_and_within_15_00_do_not() {
    // Failures at 0, 1, 2 and 3 minutes, the fifth 14:59 after the first: five within the window.
    let mut guard = LoginGuard::new();
    for minute in 0..4 {
        guard.record_failure(&policy(), start() + minutes(minute));
    }
    let fifth = start() + minutes(14) + TimeDelta::seconds(59);
    assert!(matches!(
        guard.record_failure(&policy(), fifth),
        FailureOutcome::Locked { .. }
    ));

    // The fifth exactly 15:00 after the first: the first no longer counts.
    let mut guard = LoginGuard::new();
    for minute in 0..4 {
        guard.record_failure(&policy(), start() + minutes(minute));
    }
    assert_eq!(
        guard.record_failure(&policy(), start() + minutes(15)),
        FailureOutcome::Counted {
            failures: 4,
            failures_left: 1
        }
    );
    assert!(guard.check(start() + minutes(15)).is_ok());
    assert_eq!(guard.failures(&policy(), start() + minutes(15)), 4);
    assert_eq!(
        guard.failures(&policy(), start() + minutes(16) - TimeDelta::nanoseconds(1)),
        4
    );
    assert_eq!(guard.failures(&policy(), start() + minutes(16)), 3);
}

#[test]
fn failures_older_than_the_window_never_add_up() {
    // One failure every 4 minutes: never more than 4 within any 15 minutes (0, 4, 8, 12; 16 drops 0).
    let mut guard = LoginGuard::new();
    for step in 0..50 {
        let outcome = guard.record_failure(&policy(), start() + minutes(4 * step));
        assert!(
            matches!(outcome, FailureOutcome::Counted { failures, .. } if failures <= 4),
            "{step}: {outcome:?}"
        );
    }
    // One every 3 minutes: the fifth (at 12 minutes) locks.
    let mut guard = LoginGuard::new();
    for step in 0..4 {
        guard.record_failure(&policy(), start() + minutes(3 * step));
    }
    assert!(matches!(
        guard.record_failure(&policy(), start() + minutes(12)),
        FailureOutcome::Locked { .. }
    ));
}

#[test]
fn a_lock_holds_strictly_before_its_end() {
    let mut guard = LoginGuard::new();
    fail(&mut guard, start(), 5);
    let until = guard.locked_until().unwrap();
    assert_eq!(until, start() + TimeDelta::seconds(4) + minutes(15));
    let just_before = until - TimeDelta::nanoseconds(1);
    match guard.check(just_before) {
        Err(SecurityError::AccountLocked {
            locked_until,
            remaining,
        }) => {
            assert_eq!(locked_until, until);
            assert_eq!(remaining, TimeDelta::nanoseconds(1));
        }
        other => panic!("{other:?}"),
    }
    // The message rounds the time left up.
    assert!(
        guard
            .check(just_before)
            .unwrap_err()
            .to_string()
            .contains("(1 seconds left)")
    );
    assert_eq!(guard.check(until), Ok(()));
    // A failure at the end instant is a new count, not an attempt during the lock.
    assert_eq!(
        guard.record_failure(&policy(), until),
        FailureOutcome::Counted {
            failures: 1,
            failures_left: 4
        }
    );
}

#[test]
fn attempts_during_a_lock_are_neither_counted_nor_extend_it() {
    let mut guard = LoginGuard::new();
    fail(&mut guard, start(), 5);
    let until = guard.locked_until().unwrap();
    let before = guard.clone();
    for minute in 0..100 {
        let during = start() + TimeDelta::seconds(5) + TimeDelta::seconds(minute * 8);
        assert!(during < until);
        assert_eq!(
            guard.record_failure(&policy(), during),
            FailureOutcome::AlreadyLocked { until }
        );
    }
    assert_eq!(guard, before);
    // A success during the lock is refused and changes nothing.
    let error = guard.record_success(until - minutes(1)).unwrap_err();
    assert_eq!(error.code(), "security.account_locked");
    assert_eq!(guard, before);
}

#[test]
fn each_further_lock_doubles_until_the_cap() {
    let mut guard = LoginGuard::new();
    let mut now = start();
    let mut locks = Vec::new();
    for _ in 0..10 {
        let duration = locked_for(fail(&mut guard, now, 5));
        locks.push(duration.num_minutes());
        now = guard.locked_until().unwrap();
    }
    assert_eq!(locks, [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
    assert_eq!(guard.lock_count(), 10);
}

#[test]
fn after_a_lock_the_count_starts_again_from_zero() {
    let mut guard = LoginGuard::new();
    fail(&mut guard, start(), 5);
    let until = guard.locked_until().unwrap();
    // Four failures right after the lock do not lock again, however close to the earlier five.
    assert!(matches!(
        fail(&mut guard, until, 4),
        FailureOutcome::Counted {
            failures: 4,
            failures_left: 1
        }
    ));
    // The fifth locks for twice as long.
    assert_eq!(
        locked_for(guard.record_failure(&policy(), until + minutes(1))),
        minutes(30)
    );
}

#[test]
fn a_success_resets_the_count_and_the_doubling() {
    let mut guard = LoginGuard::new();
    let mut now = start();
    for _ in 0..3 {
        fail(&mut guard, now, 5);
        now = guard.locked_until().unwrap();
    }
    assert_eq!(guard.lock_count(), 3);
    // Four failures, then a success: the count is gone.
    fail(&mut guard, now, 4);
    guard.record_success(now + minutes(1)).unwrap();
    assert_eq!(guard, LoginGuard::new());
    assert_eq!(guard.failures(&policy(), now + minutes(1)), 0);
    // The next lock is a first lock again.
    assert_eq!(
        locked_for(fail(&mut guard, now + minutes(2), 5)),
        minutes(15)
    );
}

#[test]
fn a_guard_is_plain_json_the_host_stores() {
    let mut guard = LoginGuard::new();
    fail(&mut guard, start(), 2);
    let json = serde_json::to_string(&guard).unwrap();
    assert_eq!(
        json,
        r#"{"recent_failures":["2026-06-01T09:00:00Z","2026-06-01T09:00:01Z"],"lock_count":0,"locked_until":null}"#
    );
    let mut read: LoginGuard = serde_json::from_str(&json).unwrap();
    assert_eq!(read, guard);
    fail(&mut read, start() + minutes(1), 3);
    assert_eq!(read.lock_count(), 1);
    assert!(
        serde_json::from_str::<LoginGuard>(
            r#"{"recent_failures":[],"lock_count":0,"locked_until":null,"x":1}"#
        )
        .is_err()
    );
}

#[test]
fn clock_skew_and_the_end_of_time_do_not_panic() {
    let mut guard = LoginGuard::new();
    // Failures recorded out of order (servers with skewed clocks) still count within the window.
    for second in [10, 5, 0, 3] {
        guard.record_failure(&policy(), start() + TimeDelta::seconds(second));
    }
    assert!(matches!(
        guard.record_failure(&policy(), start() + TimeDelta::seconds(1)),
        FailureOutcome::Locked { .. }
    ));
    // A lock that would end past the last instant ends there.
    let mut guard = LoginGuard::new();
    let last = Instant::MAX_UTC - TimeDelta::minutes(1);
    for _ in 0..5 {
        guard.record_failure(&policy(), last);
    }
    assert_eq!(guard.locked_until(), Some(Instant::MAX_UTC));
}

// ---- Password reset -----------------------------------------------------------------------------

const SECRET: [u8; 32] = [0x5a; 32];

fn ring() -> KeyRing {
    KeyRing::new([(1, SECRET.to_vec())], 1).expect("a key ring")
}

fn reset_link(version: u32) -> String {
    PasswordReset::issue(&ring(), 1234, version, start(), TimeDelta::hours(1))
        .expect("a reset link")
}

#[test]
fn a_password_change_kills_every_earlier_token() {
    let ring = ring();
    let first = reset_link(7);
    let second =
        PasswordReset::issue(&ring, 1234, 7, start() + minutes(5), TimeDelta::hours(1)).unwrap();
    assert_ne!(first, second);
    let now = start() + minutes(10);
    for link in [&first, &second] {
        let token = PasswordReset::read(&ring, link, now).unwrap();
        assert!(token.accept(7, false, now).is_ok());
        // The password changed (by this reset or otherwise): version 8.
        assert_eq!(
            token.accept(8, false, now),
            Err(SecurityError::CredentialChanged {
                token_version: 7,
                current_version: 8
            })
        );
    }
    // A link issued after the change works at the new version only.
    let third = PasswordReset::issue(&ring, 1234, 8, now, TimeDelta::hours(1)).unwrap();
    let token = PasswordReset::read(&ring, &third, now).unwrap();
    assert!(token.accept(8, false, now).is_ok());
    assert_eq!(
        token.accept(7, false, now).unwrap_err().code(),
        "security.credential_changed"
    );
}

#[test]
fn a_reset_token_expires_at_its_end_instant() {
    let ring = ring();
    let link = reset_link(1);
    let expires_at = start() + TimeDelta::hours(1);
    let token = PasswordReset::read(&ring, &link, expires_at - TimeDelta::seconds(1)).unwrap();
    assert_eq!(token.expires_at(), expires_at);
    assert_eq!(token.issued_at(), start());
    let error = PasswordReset::read(&ring, &link, expires_at).unwrap_err();
    assert_eq!(error.code(), "token.expired");
    assert!(matches!(
        error,
        SecurityError::Token(TokenError::Expired { .. })
    ));
    // Fractions of a second at issue are dropped: never valid longer than asked.
    let fractional = start() + TimeDelta::milliseconds(900);
    let link = PasswordReset::issue(&ring, 1, 1, fractional, TimeDelta::minutes(1)).unwrap();
    assert_eq!(
        PasswordReset::read(&ring, &link, start())
            .unwrap()
            .expires_at(),
        start() + minutes(1)
    );
}

#[test]
fn a_reset_token_works_once() {
    let ring = ring();
    let link = reset_link(3);
    let mut used = Vec::new();
    let now = start() + minutes(1);
    let token = PasswordReset::verify(&ring, &link, 1234, 3, |id| used.contains(id), now).unwrap();
    used.push(token.token_id());
    let again = PasswordReset::verify(&ring, &link, 1234, 3, |id| used.contains(id), now);
    assert_eq!(
        again,
        Err(SecurityError::ResetTokenUsed {
            token_id: token.token_id()
        })
    );
    // The id is stable: the same link read again has the same id.
    assert_eq!(
        PasswordReset::read(&ring, &link, now).unwrap().token_id(),
        token.token_id()
    );
    // Once the password changed, the version check alone refuses it too.
    assert_eq!(
        PasswordReset::verify(&ring, &link, 1234, 4, |_| false, now)
            .unwrap_err()
            .code(),
        "security.credential_changed"
    );
}

#[test]
fn other_purposes_accounts_and_forgeries_are_refused() {
    let ring = ring();
    let now = start() + minutes(1);
    let claims = Claims {
        account: Some(1234),
        credential: Some(3),
        ..Claims::default()
    };
    let expiry = Some(start() + TimeDelta::hours(1));
    for purpose in Purpose::ALL {
        if purpose == Purpose::PasswordReset {
            continue;
        }
        let token = ring.issue(purpose, &claims, start(), expiry).unwrap();
        assert_eq!(
            PasswordReset::read(&ring, &token, now).unwrap_err().code(),
            "token.wrong_purpose",
            "{purpose}"
        );
    }
    // Another account.
    assert_eq!(
        PasswordReset::verify(&ring, &reset_link(3), 99, 3, |_| false, now),
        Err(SecurityError::WrongAccount {
            token_account: 1234,
            account: 99
        })
    );
    // Another ring's secret under the same key id.
    let other = KeyRing::new([(1, vec![0x11; 32])], 1).unwrap();
    assert_eq!(
        PasswordReset::read(&other, &reset_link(3), now)
            .unwrap_err()
            .code(),
        "token.bad_tag"
    );
    // An altered account (a byte flipped in the text).
    let mut altered = reset_link(3).into_bytes();
    altered[8] = if altered[8] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    assert_eq!(
        PasswordReset::read(&ring, &altered, now)
            .unwrap_err()
            .code(),
        "token.bad_tag"
    );
}

#[test]
fn a_reset_token_not_made_by_issue_is_incomplete() {
    let ring = ring();
    let expiry = Some(start() + TimeDelta::hours(1));
    let case = |claims: Claims, expires_at: Option<Instant>| {
        let token = ring
            .issue(Purpose::PasswordReset, &claims, start(), expires_at)
            .unwrap();
        match PasswordReset::read(&ring, &token, start()) {
            Err(SecurityError::ResetTokenIncomplete { missing }) => missing,
            other => panic!("{other:?}"),
        }
    };
    let full = Claims {
        account: Some(1),
        credential: Some(1),
        ..Claims::default()
    };
    assert_eq!(
        case(
            Claims {
                account: None,
                ..full
            },
            expiry
        ),
        "account"
    );
    assert_eq!(
        case(
            Claims {
                credential: None,
                ..full
            },
            expiry
        ),
        "credential"
    );
    assert_eq!(case(full, None), "expires_at");
}

#[test]
fn the_validity_of_a_reset_token_is_one_minute_to_seven_days() {
    let ring = ring();
    let issue = |validity| PasswordReset::issue(&ring, 1, 1, start(), validity);
    assert!(issue(TimeDelta::seconds(60)).is_ok());
    assert!(issue(TimeDelta::days(7)).is_ok());
    for validity in [
        TimeDelta::seconds(59),
        TimeDelta::days(7) + TimeDelta::seconds(1),
        TimeDelta::zero(),
        -TimeDelta::hours(1),
    ] {
        let error = issue(validity).unwrap_err();
        assert_eq!(error.code(), "security.invalid_parameter", "{validity}");
        assert!(error.to_string().starts_with("validity: "));
    }
    // Before 2025 a token cannot be issued: the key ring's own refusal.
    let error = PasswordReset::issue(&ring, 1, 1, at("2024-12-31T23:00:00Z"), TimeDelta::hours(1))
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_time");
}

#[test]
fn a_reset_token_survives_key_rotation_until_its_key_is_removed() {
    let link = reset_link(2);
    let rotated = KeyRing::new([(1, SECRET.to_vec()), (2, vec![0x77; 32])], 2).unwrap();
    let now = start() + minutes(1);
    assert_eq!(
        PasswordReset::read(&rotated, &link, now).unwrap().account(),
        1234
    );
    let removed = KeyRing::new([(2, vec![0x77; 32])], 2).unwrap();
    assert_eq!(
        PasswordReset::read(&removed, &link, now)
            .unwrap_err()
            .code(),
        "token.unknown_key"
    );
}

#[test]
fn a_reset_token_writes_json_for_a_log_line() {
    // Written only (for logs): a host cannot read one back from JSON, so it cannot forge an
    // accepted token (the `compile_fail` example on `ResetToken` pins that there is no
    // `Deserialize`); `PasswordReset::read` is the only way in.
    let token: ResetToken = PasswordReset::read(&ring(), &reset_link(5), start()).unwrap();
    let json: serde_json::Value = serde_json::to_value(token).unwrap();
    assert_eq!(json["account"], 1234);
    assert_eq!(json["credential_version"], 5);
    assert_eq!(
        json["token_id"],
        serde_json::to_value(token.token_id()).unwrap()
    );
    assert_eq!(
        json["expires_at"],
        serde_json::to_value(start() + TimeDelta::hours(1)).unwrap()
    );
}

#[test]
fn a_token_read_in_time_is_refused_when_accepted_after_its_expiry() {
    let ring = ring();
    let link = reset_link(4);
    let expires_at = start() + TimeDelta::hours(1);
    let token = PasswordReset::read(&ring, &link, start() + minutes(59)).unwrap();
    // The last second of its validity: accepted.
    assert_eq!(
        token.accept(4, false, expires_at - TimeDelta::seconds(1)),
        Ok(token.token_id())
    );
    // At the expiry instant and after: the key ring's own refusal, as `read` says it.
    for now in [expires_at, expires_at + TimeDelta::days(3)] {
        let error = token.accept(4, false, now).unwrap_err();
        assert_eq!(error.code(), "token.expired");
        assert_eq!(
            error,
            SecurityError::Token(TokenError::Expired { expires_at, now })
        );
        assert_eq!(
            error.to_string(),
            PasswordReset::read(&ring, &link, now)
                .unwrap_err()
                .to_string()
        );
    }
    // Expiry is checked first: an expired token of an old version says expired.
    assert_eq!(
        token.accept(5, true, expires_at).unwrap_err().code(),
        "token.expired"
    );
}

// ---- Error codes --------------------------------------------------------------------------------

#[test]
fn every_error_has_its_stable_code_also_through_the_crate_error() {
    let cases: Vec<(SecurityError, &str)> = vec![
        (
            SecurityError::InvalidParameter {
                field: "window",
                value: "0 seconds".into(),
                rule: "must be positive",
            },
            "security.invalid_parameter",
        ),
        (
            SecurityError::CapBelowFirstLock {
                cap_seconds: 1,
                first_lock_seconds: 2,
            },
            "security.invalid_parameter",
        ),
        (
            SecurityError::AccountLocked {
                locked_until: start(),
                remaining: minutes(1),
            },
            "security.account_locked",
        ),
        (
            SecurityError::CredentialChanged {
                token_version: 1,
                current_version: 2,
            },
            "security.credential_changed",
        ),
        (
            SecurityError::ResetTokenUsed {
                token_id: envoi::token::TokenId::from_bytes([0; 16]),
            },
            "security.reset_token_used",
        ),
        (
            SecurityError::WrongAccount {
                token_account: 1,
                account: 2,
            },
            "security.wrong_account",
        ),
        (
            SecurityError::ResetTokenIncomplete {
                missing: "credential",
            },
            "security.reset_token_incomplete",
        ),
        (
            SecurityError::Token(TokenError::CodeUsed),
            "token.code_used",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.family(), code.split('.').next().unwrap());
        assert!(!error.to_string().is_empty());
        let crate_error = Error::from(error);
        assert_eq!(crate_error.code(), code);
    }
}

// ---- Invariants ---------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Step {
    /// A failure after this many seconds.
    Failure(i64),
    /// A success after this many seconds (refused while locked).
    Success(i64),
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0i64..2_000).prop_map(Step::Failure),
        1 => (0i64..200_000).prop_map(Step::Success),
    ]
}

fn any_policy() -> impl Strategy<Value = LockoutPolicy> {
    (1u32..=10, 1i64..=3_600, 1i64..=3_600, 0i64..=100_000).prop_map(
        |(max_failures, window, first_lock, extra)| {
            LockoutPolicy::from_seconds(
                i64::from(max_failures),
                window,
                first_lock,
                first_lock + extra,
            )
            .expect("a valid policy")
        },
    )
}

proptest! {
    #[test]
    fn locks_never_exceed_the_cap_and_follow_the_doubling(
        policy in any_policy(),
        steps in proptest::collection::vec(any_step(), 1..200),
    ) {
        let mut guard = LoginGuard::new();
        let mut now = start();
        for step in steps {
            let (Step::Failure(delay) | Step::Success(delay)) = step;
            now += TimeDelta::seconds(delay);
            let before = guard.clone();
            match step {
                Step::Failure(_) => match guard.record_failure(&policy, now) {
                    FailureOutcome::Locked { until, duration, lock_number } => {
                        prop_assert!(duration <= policy.cap());
                        prop_assert!(duration >= policy.first_lock());
                        prop_assert_eq!(until - now, duration);
                        prop_assert_eq!(lock_number, before.lock_count() + 1);
                        prop_assert_eq!(duration, policy.lock_duration(lock_number));
                        // Doubling: twice the previous lock, or the cap.
                        if lock_number > 1 {
                            let previous = policy.lock_duration(lock_number - 1);
                            prop_assert_eq!(duration, (previous * 2).min(policy.cap()));
                        }
                        prop_assert!(before.check(now).is_ok());
                        prop_assert!(guard.check(now).is_err());
                    }
                    FailureOutcome::AlreadyLocked { until } => {
                        prop_assert!(now < until);
                        prop_assert_eq!(&guard, &before);
                    }
                    FailureOutcome::Counted { failures, failures_left } => {
                        prop_assert!(failures < policy.max_failures());
                        prop_assert_eq!(failures + failures_left, policy.max_failures());
                        prop_assert_eq!(failures, guard.failures(&policy, now));
                        prop_assert!(guard.check(now).is_ok());
                    }
                },
                Step::Success(_) => {
                    let locked = before.check(now).is_err();
                    prop_assert_eq!(guard.record_success(now).is_err(), locked);
                    if locked {
                        prop_assert_eq!(&guard, &before);
                    } else {
                        prop_assert_eq!(&guard, &LoginGuard::new());
                    }
                }
            }
            if let Some(until) = guard.locked_until() {
                prop_assert!(until - now <= policy.cap());
            }
        }
    }

    #[test]
    fn a_success_after_any_lock_expires_unlocks_and_resets(
        policy in any_policy(),
        failures in proptest::collection::vec(0i64..600, 1..300),
    ) {
        let mut guard = LoginGuard::new();
        let mut now = start();
        for delay in failures {
            now += TimeDelta::seconds(delay);
            guard.record_failure(&policy, now);
        }
        let after = guard.locked_until().map_or(now, |until| until.max(now));
        prop_assert!(guard.check(after).is_ok());
        prop_assert!(guard.record_success(after).is_ok());
        prop_assert!(guard.check(after).is_ok());
        prop_assert_eq!(guard.lock_count(), 0);
        // The next lock is a first lock.
        let mut outcome = None;
        for _ in 0..policy.max_failures() {
            outcome = Some(guard.record_failure(&policy, after));
        }
        prop_assert_eq!(
            outcome,
            Some(FailureOutcome::Locked {
                until: after + policy.first_lock(),
                duration: policy.first_lock(),
                lock_number: 1,
            })
        );
    }

    #[test]
    fn fewer_failures_than_the_maximum_within_the_window_never_lock(
        policy in any_policy(),
        spacing in 0i64..100,
    ) {
        // max_failures - 1 failures, then one more outside the window of the first: no lock while
        // the window never holds max_failures of them.
        let mut guard = LoginGuard::new();
        let mut now = start();
        for _ in 1..policy.max_failures() {
            let outcome = guard.record_failure(&policy, now);
            prop_assert!(
                matches!(outcome, FailureOutcome::Counted { .. }),
                "{:?}",
                outcome
            );
            now += TimeDelta::seconds(spacing);
        }
        let first_gone = start() + policy.window();
        let outcome = guard.record_failure(&policy, now.max(first_gone));
        if policy.max_failures() > 1 {
            prop_assert!(matches!(outcome, FailureOutcome::Counted { .. }), "{:?}", outcome);
        }
    }

    #[test]
    fn a_reset_token_is_accepted_only_at_its_version_and_unused(
        account in any::<u64>(),
        version in any::<u32>(),
        current in any::<u32>(),
        used in any::<bool>(),
        minutes_later in 0i64..60,
    ) {
        let ring = ring();
        let link = PasswordReset::issue(&ring, account, version, start(), TimeDelta::hours(1)).unwrap();
        let now = start() + TimeDelta::minutes(minutes_later);
        let result = PasswordReset::verify(&ring, &link, account, current, |_| used, now);
        match (version == current, used) {
            (true, false) => {
                let token = result.unwrap();
                prop_assert_eq!((token.account(), token.credential_version()), (account, version));
            }
            (false, _) => prop_assert_eq!(result.unwrap_err().code(), "security.credential_changed"),
            (true, true) => prop_assert_eq!(result.unwrap_err().code(), "security.reset_token_used"),
        }
    }

    #[test]
    fn a_read_token_is_accepted_only_before_its_expiry(
        read_seconds in 0i64..3600,
        later_seconds in 0i64..7200,
    ) {
        let ring = ring();
        let link = reset_link(9);
        let read_at = start() + TimeDelta::seconds(read_seconds);
        let token = PasswordReset::read(&ring, &link, read_at).unwrap();
        let accept_at = read_at + TimeDelta::seconds(later_seconds);
        let result = token.accept(9, false, accept_at);
        if accept_at < token.expires_at() {
            prop_assert_eq!(result, Ok(token.token_id()));
        } else {
            prop_assert_eq!(result.unwrap_err().code(), "token.expired");
        }
    }
}
