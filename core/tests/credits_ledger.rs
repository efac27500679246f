//! The credit ledger (SPEC section 6): scenarios that read like the seeds, every Decision's edge, and
//! properties on random operation sequences.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::credits::{CreditError, CreditKind, Entry, Ledger, OrderStatus, StatementEvent};
use envoi::time::{Instant, Zone};
use proptest::prelude::*;

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn sms() -> CreditKind {
    CreditKind::sms()
}

#[test]
fn seed_buy_use_buy_again_then_nothing_for_two_years() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 1000, at("2025-03-01T10:00:00Z"), false)
        .unwrap();
    ledger
        .consume("campaign", sms(), 300, at("2025-06-01T08:00:00Z"))
        .unwrap();
    ledger
        .purchase("o2", sms(), 500, at("2026-03-01T10:00:00Z"), false)
        .unwrap();
    let balance = ledger.balance(&sms(), at("2026-03-01T10:00:00Z"));
    assert_eq!(balance.available, 1200);
    // 24 months after the second order, on the Brussels wall clock (11:00 both times).
    assert_eq!(balance.expires_at, Some(at("2028-03-01T10:00:00Z")));
    let just_before = ledger.balance(&sms(), at("2028-03-01T09:59:59Z"));
    assert_eq!(just_before.available, 1200);
    let expired = ledger.balance(&sms(), at("2028-03-01T10:00:00Z"));
    assert_eq!((expired.available, expired.expired), (0, 1200));
    assert!(expired.is_consistent());
}

#[test]
fn expired_units_are_not_revived_and_an_order_at_the_expiry_instant_does_not_extend() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 100, at("2024-01-10T09:00:00Z"), false)
        .unwrap();
    // Exactly at the expiry instant: the first lot is expired (half-open), the new one is not.
    ledger
        .purchase("o2", sms(), 10, at("2026-01-10T09:00:00Z"), false)
        .unwrap();
    let balance = ledger.balance(&sms(), at("2026-01-10T09:00:00Z"));
    assert_eq!(
        (balance.available, balance.expired, balance.bought),
        (10, 100, 110)
    );
}

#[test]
fn validity_is_calendar_months_on_the_wall_clock_with_the_day_clamped() {
    let mut ledger = Ledger::new(Zone::default());
    // 29 Feb 2024 10:00 Brussels (CET) → 28 Feb 2026 10:00 CET.
    let order = ledger
        .purchase("o1", sms(), 1, at("2024-02-29T09:00:00Z"), false)
        .unwrap()
        .value;
    assert_eq!(
        order.status,
        OrderStatus::Active {
            lot: 1,
            expires_at: at("2026-02-28T09:00:00Z")
        }
    );
    // Across DST: 10:00 CEST in July 2026 → 10:00 CEST in July 2028, not a UTC +24 months.
    let order = ledger
        .purchase("o2", sms(), 1, at("2026-07-01T08:00:00Z"), false)
        .unwrap()
        .value;
    assert_eq!(
        order.status,
        OrderStatus::Active {
            lot: 2,
            expires_at: at("2028-07-01T08:00:00Z")
        }
    );
    let short = Ledger::with_validity(Zone::default(), 12).unwrap();
    assert_eq!(short.validity_months(), 12);
}

#[test]
fn the_lots_that_expire_first_are_spent_first_ties_by_activation_then_id() {
    let mut ledger = Ledger::new(Zone::default());
    // A grant with a short expiry is spent before the order's lot.
    ledger
        .purchase("o1", sms(), 10, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    ledger
        .adjust(
            "g1",
            sms(),
            5,
            "welcome",
            at("2026-01-02T09:00:00Z"),
            Some(at("2026-02-01T00:00:00Z")),
        )
        .unwrap();
    let taken = ledger
        .consume("s1", sms(), 7, at("2026-01-03T09:00:00Z"))
        .unwrap()
        .value;
    assert_eq!(taken.lots, vec![(2, 5), (1, 2)]);
    // Equal expiries (an activation gives every live lot the same): oldest activation first.
    ledger
        .purchase("o2", sms(), 10, at("2026-01-04T09:00:00Z"), false)
        .unwrap();
    let taken = ledger
        .consume("s2", sms(), 9, at("2026-01-05T09:00:00Z"))
        .unwrap()
        .value;
    assert_eq!(taken.lots, vec![(1, 8), (3, 1)]);
}

#[test]
fn a_pending_order_adds_nothing_until_activated_and_extends_everything_then() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 100, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    ledger
        .adjust(
            "g1",
            sms(),
            5,
            "goodwill",
            at("2026-01-02T09:00:00Z"),
            Some(at("2026-06-01T00:00:00Z")),
        )
        .unwrap();
    ledger
        .purchase("o2", sms(), 50, at("2026-03-01T09:00:00Z"), true)
        .unwrap();
    assert_eq!(
        ledger.balance(&sms(), at("2026-03-02T00:00:00Z")).available,
        105
    );
    ledger.activate("o2", at("2026-04-01T08:00:00Z")).unwrap();
    let lots = ledger.lots_at(at("2026-04-02T00:00:00Z"));
    assert!(
        lots.iter()
            .all(|lot| lot.expires_at == at("2028-04-01T08:00:00Z")),
        "{lots:?}"
    );
    // Activating again is a replay; voiding it then activating is refused.
    assert!(
        ledger
            .activate("o2", at("2026-04-03T00:00:00Z"))
            .unwrap()
            .replayed
    );
    ledger
        .purchase("o3", sms(), 50, at("2026-04-04T09:00:00Z"), true)
        .unwrap();
    let voided = ledger.void_order("o3", at("2026-04-05T09:00:00Z")).unwrap();
    // Cancelled while pending: it never had a lot.
    assert_eq!(
        voided.value.status,
        OrderStatus::Voided {
            at: at("2026-04-05T09:00:00Z"),
            lot: None
        }
    );
    let error = ledger
        .activate("o3", at("2026-04-06T09:00:00Z"))
        .unwrap_err();
    assert_eq!(error.code(), "credits.order_voided");
    assert!(error.to_string().contains("o3"), "{error}");
}

#[test]
fn a_voided_order_loses_its_unspent_units_but_the_extension_stays() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 100, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    ledger
        .purchase("o2", sms(), 100, at("2026-06-01T08:00:00Z"), false)
        .unwrap();
    ledger
        .reserve("hold", sms(), 150, at("2026-06-02T08:00:00Z"), None)
        .unwrap();
    let voided = ledger.void_order("o2", at("2026-06-03T08:00:00Z")).unwrap();
    // Voided after activation: the status still names the lot whose units it removed.
    assert_eq!(
        voided.value.status,
        OrderStatus::Voided {
            at: at("2026-06-03T08:00:00Z"),
            lot: Some(2)
        }
    );
    let balance = ledger.balance(&sms(), at("2026-06-04T00:00:00Z"));
    assert_eq!(
        (balance.reserved, balance.removed, balance.available),
        (150, 50, 0)
    );
    // The reserved units of the voided lot, given back, are removed too.
    ledger.release("hold", at("2026-06-05T08:00:00Z")).unwrap();
    let balance = ledger.balance(&sms(), at("2026-06-06T00:00:00Z"));
    assert_eq!(
        (balance.reserved, balance.removed, balance.available),
        (0, 100, 100)
    );
    assert_eq!(balance.expires_at, Some(at("2028-06-01T08:00:00Z")));
    assert!(balance.is_consistent());
    // The statement shows what the void removed (50 unspent units then).
    let lines = ledger.statement(at("2026-06-03T00:00:00Z"), at("2026-06-04T00:00:00Z"));
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(
        (lines[0].event, lines[0].units),
        (StatementEvent::Removal, -50)
    );
}

#[test]
fn two_phase_use_commit_partial_release_and_their_errors() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 20, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    ledger
        .reserve("r1", sms(), 10, at("2026-01-02T09:00:00Z"), None)
        .unwrap();
    let error = ledger
        .commit("r1", at("2026-01-02T09:01:00Z"), Some(11))
        .unwrap_err();
    assert_eq!(
        error,
        CreditError::ExceedsReserved {
            key: "r1".into(),
            reserved: 10,
            requested: 11
        }
    );
    let settled = ledger
        .commit("r1", at("2026-01-02T09:01:00Z"), Some(6))
        .unwrap();
    assert_eq!((settled.consumed, settled.released), (6, 4));
    for units in [None, Some(6), Some(1)] {
        let again = ledger
            .commit("r1", at("2026-01-02T09:02:00Z"), units)
            .unwrap_err();
        assert_eq!(again.code(), "credits.reservation_already_committed");
    }
    assert_eq!(
        ledger
            .release("r1", at("2026-01-02T09:02:00Z"))
            .unwrap_err()
            .code(),
        "credits.reservation_already_committed"
    );
    ledger
        .reserve("r2", sms(), 3, at("2026-01-03T09:00:00Z"), None)
        .unwrap();
    ledger.release("r2", at("2026-01-03T09:01:00Z")).unwrap();
    for error in [
        ledger
            .release("r2", at("2026-01-03T09:02:00Z"))
            .unwrap_err(),
        ledger
            .commit("r2", at("2026-01-03T09:02:00Z"), None)
            .unwrap_err(),
    ] {
        assert_eq!(error.code(), "credits.reservation_already_released");
    }
    assert_eq!(
        ledger
            .commit("nope", at("2026-01-03T09:02:00Z"), None)
            .unwrap_err()
            .code(),
        "credits.unknown_reservation"
    );
    let balance = ledger.balance(&sms(), at("2026-01-04T00:00:00Z"));
    assert_eq!((balance.consumed, balance.available), (6, 14));
}

#[test]
fn a_reservation_times_out_at_exactly_reserved_at_plus_timeout() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 10, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    ledger
        .reserve("r1", sms(), 4, at("2026-01-02T09:00:00Z"), Some(600))
        .unwrap();
    assert_eq!(
        ledger.balance(&sms(), at("2026-01-02T09:09:59Z")).reserved,
        4
    );
    assert_eq!(
        ledger.balance(&sms(), at("2026-01-02T09:10:00Z")).available,
        10
    );
    let error = ledger
        .commit("r1", at("2026-01-02T09:10:00Z"), None)
        .unwrap_err();
    assert_eq!(error.code(), "credits.reservation_timed_out");
    // A release after the timeout writes nothing.
    let version = ledger.version();
    assert!(
        ledger
            .release("r1", at("2026-01-02T09:11:00Z"))
            .unwrap()
            .timed_out
    );
    assert_eq!(ledger.version(), version);
    // Without a timeout, a reservation never times out.
    ledger
        .reserve("r2", sms(), 4, at("2026-01-03T09:00:00Z"), None)
        .unwrap();
    assert_eq!(
        ledger.balance(&sms(), at("2036-01-01T00:00:00Z")).reserved,
        4
    );
}

#[test]
fn reserved_units_survive_their_lots_expiry_and_a_late_release_sends_them_to_expired() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 10, at("2024-01-10T09:00:00Z"), false)
        .unwrap();
    ledger
        .reserve("r1", sms(), 4, at("2026-01-10T08:00:00Z"), None)
        .unwrap();
    ledger
        .reserve("r2", sms(), 4, at("2026-01-10T08:30:00Z"), None)
        .unwrap();
    // After the expiry: a commit still consumes, a release sends the units to expired.
    ledger
        .commit("r1", at("2026-01-11T09:00:00Z"), None)
        .unwrap();
    ledger.release("r2", at("2026-01-11T09:00:00Z")).unwrap();
    let balance = ledger.balance(&sms(), at("2026-01-12T00:00:00Z"));
    assert_eq!(
        (balance.consumed, balance.expired, balance.available),
        (4, 6, 0)
    );
    let lines = ledger.statement(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));
    let expired: i64 = lines
        .iter()
        .filter(|line| line.event == StatementEvent::Expiry)
        .map(|line| line.units)
        .sum();
    assert_eq!(expired, -6, "{lines:#?}");
}

#[test]
fn idempotency_replays_conflicts_and_failed_operations_are_not_remembered() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 5, at("2026-01-01T09:00:00Z"), false)
        .unwrap();
    // A failed consume is not remembered: after a top-up the same key succeeds.
    let error = ledger
        .consume("c1", sms(), 8, at("2026-01-02T09:00:00Z"))
        .unwrap_err();
    assert_eq!(
        error,
        CreditError::InsufficientCredit {
            kind: sms(),
            needed: 8,
            available: 5
        }
    );
    ledger
        .purchase("o2", sms(), 5, at("2026-01-03T09:00:00Z"), false)
        .unwrap();
    let first = ledger
        .consume("c1", sms(), 8, at("2026-01-04T09:00:00Z"))
        .unwrap();
    // A replay ignores the time (even an earlier one) and keeps the first time.
    let replay = ledger
        .consume("c1", sms(), 8, at("2026-01-01T00:00:00Z"))
        .unwrap();
    assert!(replay.replayed);
    assert_eq!(replay.value, first.value);
    assert_eq!(replay.value.reserved_at, at("2026-01-04T09:00:00Z"));
    // Same key, other arguments or another operation: a conflict that names both.
    for error in [
        ledger
            .consume("c1", sms(), 9, at("2026-01-05T09:00:00Z"))
            .unwrap_err(),
        ledger
            .reserve("c1", sms(), 8, at("2026-01-05T09:00:00Z"), None)
            .unwrap_err(),
        ledger
            .adjust("c1", sms(), 8, "x", at("2026-01-05T09:00:00Z"), None)
            .unwrap_err(),
        ledger
            .purchase("o1", sms(), 6, at("2026-01-05T09:00:00Z"), false)
            .unwrap_err(),
    ] {
        assert_eq!(error.code(), "credits.idempotency_conflict");
        assert!(error.to_string().contains("already used for"), "{error}");
    }
}

#[test]
fn operations_never_go_back_in_time_but_queries_may() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 10, at("2026-01-05T09:00:00Z"), false)
        .unwrap();
    ledger
        .consume("c1", sms(), 4, at("2026-01-06T09:00:00Z"))
        .unwrap();
    let error = ledger
        .consume("c2", sms(), 1, at("2026-01-05T12:00:00Z"))
        .unwrap_err();
    assert_eq!(
        error,
        CreditError::TimeRegression {
            at: at("2026-01-05T12:00:00Z"),
            last: at("2026-01-06T09:00:00Z")
        }
    );
    // A query before the last operation sees the ledger as it was then.
    assert_eq!(
        ledger.balance(&sms(), at("2026-01-05T12:00:00Z")).available,
        10
    );
    assert_eq!(
        ledger.balance(&sms(), at("2026-01-05T08:00:00Z")).available,
        0
    );
}

#[test]
fn removals_take_units_in_spending_order_never_more_than_available() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 10, at("2026-01-05T09:00:00Z"), false)
        .unwrap();
    let error = ledger
        .adjust(
            "fix",
            sms(),
            -11,
            "wrong pack",
            at("2026-01-06T09:00:00Z"),
            None,
        )
        .unwrap_err();
    assert_eq!(error.code(), "credits.insufficient_credit");
    let error = ledger
        .adjust("fix", sms(), -1, "  ", at("2026-01-06T09:00:00Z"), None)
        .unwrap_err();
    assert_eq!(error.code(), "credits.invalid_argument");
    assert!(error.to_string().starts_with("reason:"), "{error}");
    assert_eq!(
        ledger
            .adjust("fix", sms(), 0, "x", at("2026-01-06T09:00:00Z"), None)
            .unwrap_err()
            .code(),
        "credits.invalid_units"
    );
    ledger
        .adjust(
            "fix",
            sms(),
            -10,
            "wrong pack",
            at("2026-01-06T09:00:00Z"),
            None,
        )
        .unwrap();
    let balance = ledger.balance(&sms(), at("2026-01-07T00:00:00Z"));
    assert_eq!((balance.removed, balance.available), (10, 0));
}

#[test]
fn notices_low_balance_at_or_under_and_expiring_within_days() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 100, at("2024-03-01T10:00:00Z"), false)
        .unwrap();
    let thresholds = std::collections::BTreeMap::from([(sms(), 100)]);
    let notices = ledger.notices_at(at("2026-02-01T09:59:59Z"), &thresholds, 28);
    assert_eq!(notices.low_balance.len(), 1); // 100 ≤ 100
    assert!(notices.expiring.is_empty()); // 1 March 10:00 is a second more than 28 days away
    let notices = ledger.notices_at(at("2026-02-01T10:00:00Z"), &thresholds, 28);
    assert_eq!(notices.expiring[0].units, 100);
}

#[test]
fn entries_round_trip_through_json_and_replay_to_the_same_state() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 100, at("2026-01-01T09:00:00Z"), true)
        .unwrap();
    ledger.activate("o1", at("2026-01-02T09:00:00Z")).unwrap();
    ledger
        .reserve("r1", sms(), 10, at("2026-01-03T09:00:00Z"), Some(60))
        .unwrap();
    ledger
        .adjust(
            "g1",
            CreditKind::email(),
            5,
            "trial",
            at("2026-01-04T09:00:00Z"),
            None,
        )
        .unwrap();
    let json = serde_json::to_string(ledger.entries()).unwrap();
    let entries: Vec<Entry> = serde_json::from_str(&json).unwrap();
    let again = Ledger::from_entries(entries, Zone::default(), 24).unwrap();
    let t = at("2026-02-01T00:00:00Z");
    assert_eq!(again.balance(&sms(), t), ledger.balance(&sms(), t));
    assert_eq!(again.lots_at(t), ledger.lots_at(t));
    // An edited store is refused, naming the entry.
    let mut edited: Vec<Entry> = serde_json::from_str(&json).unwrap();
    edited.swap(0, 1);
    let error = Ledger::from_entries(edited, Zone::default(), 24).unwrap_err();
    assert_eq!(error.code(), "credits.invalid_entries");
    assert!(error.to_string().starts_with("entries[0]"), "{error}");
}

#[derive(Debug, Clone)]
enum Op {
    Purchase {
        order: u8,
        units: u64,
        pending: bool,
    },
    Activate {
        order: u8,
    },
    Void {
        order: u8,
    },
    Reserve {
        key: u8,
        units: u64,
        timeout: Option<u64>,
    },
    Commit {
        key: u8,
        units: Option<u64>,
    },
    Release {
        key: u8,
    },
    Consume {
        key: u8,
        units: u64,
    },
    Adjust {
        key: u8,
        units: i64,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..6, 1u64..200, any::<bool>()).prop_map(|(order, units, pending)| Op::Purchase {
            order,
            units,
            pending
        }),
        (0u8..6).prop_map(|order| Op::Activate { order }),
        (0u8..6).prop_map(|order| Op::Void { order }),
        (0u8..12, 1u64..80, prop::option::of(1u64..200_000)).prop_map(|(key, units, timeout)| {
            Op::Reserve {
                key,
                units,
                timeout,
            }
        }),
        (0u8..12, prop::option::of(1u64..80)).prop_map(|(key, units)| Op::Commit { key, units }),
        (0u8..12).prop_map(|key| Op::Release { key }),
        (0u8..12, 1u64..80).prop_map(|(key, units)| Op::Consume { key, units }),
        (12u8..16, -60i64..60).prop_map(|(key, units)| Op::Adjust { key, units }),
    ]
}

fn run(ledger: &mut Ledger, op: &Op, t: Instant) -> Result<(), CreditError> {
    let kind = if matches!(op, Op::Adjust { key: 15, .. }) {
        CreditKind::email()
    } else {
        sms()
    };
    match *op {
        Op::Purchase {
            order,
            units,
            pending,
        } => ledger
            .purchase(&format!("o{order}"), kind, units, t, pending)
            .map(drop),
        Op::Activate { order } => ledger.activate(&format!("o{order}"), t).map(drop),
        Op::Void { order } => ledger.void_order(&format!("o{order}"), t).map(drop),
        Op::Reserve {
            key,
            units,
            timeout,
        } => ledger
            .reserve(&format!("k{key}"), kind, units, t, timeout)
            .map(drop),
        Op::Commit { key, units } => ledger.commit(&format!("k{key}"), t, units).map(drop),
        Op::Release { key } => ledger.release(&format!("k{key}"), t).map(drop),
        Op::Consume { key, units } => ledger.consume(&format!("k{key}"), kind, units, t).map(drop),
        Op::Adjust { key, units } => ledger
            .adjust(&format!("k{key}"), kind, units, "test", t, None)
            .map(drop),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random operations (retries, replays, expiries over years, timeouts): the invariant holds at
    /// every step, nothing is negative, a failed or replayed operation writes nothing, and replaying
    /// the entries gives the same state at every instant asked.
    #[test]
    fn invariant_replay_and_idempotency(
        steps in prop::collection::vec((op(), 0i64..40 * 24 * 3600, any::<bool>()), 1..80),
    ) {
        let mut ledger = Ledger::new(Zone::default());
        let mut t = at("2024-01-01T00:00:00Z");
        let mut checkpoints = Vec::new();
        for (op, advance, retry) in &steps {
            t += chrono::TimeDelta::seconds(*advance);
            let version = ledger.version();
            let result = run(&mut ledger, op, t);
            if result.is_err() {
                prop_assert_eq!(ledger.version(), version, "a failed operation wrote");
            }
            if *retry && result.is_ok() {
                // The same operation again: a replay (nothing written) or a state error, never a write.
                let before = ledger.version();
                let again = run(&mut ledger, op, t);
                let allowed = again.is_ok()
                    || matches!(again, Err(CreditError::ReservationAlreadyCommitted { .. })
                        | Err(CreditError::ReservationAlreadyReleased { .. }));
                prop_assert!(allowed, "{:?} retried: {:?}", op, again);
                prop_assert_eq!(ledger.version(), before, "a retry wrote");
            }
            for kind in [sms(), CreditKind::email()] {
                let balance = ledger.balance(&kind, t);
                prop_assert!(balance.is_consistent(), "{:?} at {}: {:?}", op, t, balance);
                let later = ledger.balance(&kind, t + chrono::TimeDelta::days(400));
                prop_assert!(later.is_consistent(), "{:?}", later);
            }
            checkpoints.push(t);
        }
        let replayed = Ledger::from_entries(ledger.entries().to_vec(), Zone::default(), 24).unwrap();
        for t in checkpoints.iter().step_by(7).chain(checkpoints.last()) {
            prop_assert_eq!(replayed.balance(&sms(), *t), ledger.balance(&sms(), *t));
            prop_assert_eq!(replayed.lots_at(*t), ledger.lots_at(*t));
        }
        // A query in the past equals the ledger that stopped there.
        if let Some(&middle) = checkpoints.get(checkpoints.len() / 2) {
            let prefix: Vec<Entry> = ledger
                .entries()
                .iter()
                .filter(|entry| entry.at() <= middle)
                .cloned()
                .collect();
            let stopped = Ledger::from_entries(prefix, Zone::default(), 24).unwrap();
            prop_assert_eq!(stopped.balance(&sms(), middle), ledger.balance(&sms(), middle));
        }
    }
}

#[test]
fn statement_notes_show_times_on_the_accounts_wall_clock() {
    let mut ledger = Ledger::new(Zone::default());
    ledger
        .purchase("o1", sms(), 10, at("2026-01-05T09:00:00Z"), false)
        .unwrap();
    ledger
        .purchase("o2", sms(), 10, at("2026-06-05T08:00:00Z"), false)
        .unwrap();
    let lines = ledger.statement(at("2026-01-01T00:00:00Z"), at("2026-07-01T00:00:00Z"));
    let notes: Vec<&str> = lines.iter().map(|line| line.note.as_str()).collect();
    assert!(
        notes.contains(&"expires 2028-01-05T10:00:00+01:00"),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"expiry 2028-01-05T10:00:00+01:00 → 2028-06-05T10:00:00+02:00"),
        "{notes:?}"
    );
}

#[test]
fn unit_counts_from_wide_integers_keep_the_value_given() {
    use envoi::credits::{MAX_UNITS, adjustment_units, unit_count};
    let max = i128::from(MAX_UNITS);
    assert_eq!(unit_count("units", 1).unwrap(), 1);
    assert_eq!(unit_count("units", max).unwrap(), MAX_UNITS);
    assert_eq!(
        adjustment_units("units", -max).unwrap(),
        -i64::try_from(MAX_UNITS).unwrap()
    );
    for value in [
        0,
        -1,
        i128::from(i64::MIN),
        max + 1,
        i128::from(u64::MAX) + 1,
        i128::MAX,
    ] {
        let error = unit_count("units", value).unwrap_err();
        assert_eq!(error.code(), "credits.invalid_units");
        assert!(
            matches!(error, CreditError::InvalidUnits { field: "units", value: given, .. } if given == value),
            "{error:?}"
        );
        assert!(error.to_string().contains(&value.to_string()), "{error}");
    }
    for value in [0, max + 1, -max - 1, i128::MIN] {
        let error = adjustment_units("units", value).unwrap_err();
        assert!(
            matches!(error, CreditError::InvalidUnits { value: given, .. } if given == value),
            "{error:?}"
        );
    }
}
