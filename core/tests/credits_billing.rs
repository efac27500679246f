//! Block billing (Plannit) and pay-as-you-go statements (Click & Post), SPEC section 6: the seeds as
//! examples, then invariants on generated plans and sends.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::{Datelike, NaiveDate, TimeDelta};
use envoi::ErrorCode;
use envoi::credits::{
    BillableItem, BlockPeriod, BlockPlan, Charge, CreditError, UsageRecord, monthly_statement,
};
use envoi::money::{Currency, Money};
use envoi::time::{Instant, Zone};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn usd(amount: i64) -> Money {
    Money::new(Decimal::from(amount), "USD".parse().unwrap())
}

/// USD 25 per started block of 500 SMS, subscribed on 31 January 2026 at 10:00 in Brussels.
fn plannit() -> BlockPlan {
    BlockPlan::new(500, usd(25), at("2026-01-31T09:00:00Z"), Zone::default()).unwrap()
}

fn charges(items: &[BillableItem]) -> Vec<(Charge, u64, NaiveDate)> {
    items
        .iter()
        .map(|item| (item.charge.clone(), item.quantity, item.billed_on))
        .collect()
}

// ---- Block plan: the seeds ----

#[test]
fn periods_recur_on_the_subscription_day_clamped_without_drift() {
    let plan = plannit();
    let days: Vec<String> = (0..13)
        .map(|i| plan.period(i).unwrap().first_day.to_string())
        .collect();
    assert_eq!(
        days,
        [
            "2026-01-31",
            "2026-02-28",
            "2026-03-31",
            "2026-04-30",
            "2026-05-31",
            "2026-06-30",
            "2026-07-31",
            "2026-08-31",
            "2026-09-30",
            "2026-10-31",
            "2026-11-30",
            "2026-12-31",
            "2027-01-31"
        ]
    );
}

#[test]
fn a_leap_year_february_ends_on_the_29th() {
    let plan = BlockPlan::new(500, usd(25), at("2028-01-30T12:00:00Z"), Zone::default()).unwrap();
    assert_eq!(plan.period(1).unwrap().first_day, day("2028-02-29"));
    assert_eq!(plan.period(2).unwrap().first_day, day("2028-03-30"));
}

#[test]
fn periods_start_at_local_midnight_and_are_half_open() {
    let plan = plannit();
    let february = plan.period(1).unwrap();
    // Midnight in Brussels: winter time (UTC+1) on 28 February, summer time (UTC+2) on 31 March.
    assert_eq!(february.start, at("2026-02-27T23:00:00Z"));
    assert_eq!(february.end, at("2026-03-30T22:00:00Z"));
    assert_eq!(plan.period_at(february.start), Some(february));
    assert_eq!(plan.period_at(february.end).unwrap().index, 2);
    assert_eq!(
        plan.period_at(february.end - TimeDelta::nanoseconds(1)),
        Some(february)
    );
}

#[test]
fn the_first_block_is_billed_upfront_on_the_subscription_day() {
    let plan = plannit();
    let items = plan.bill(&plan.period(0).unwrap(), 0).unwrap();
    assert_eq!(
        charges(&items),
        [(Charge::BlockFee { block_size: 500 }, 1, day("2026-01-31"))]
    );
    assert_eq!(items[0].unit_price, Some(usd(25)));
    assert_eq!(items[0].period_start, at("2026-01-30T23:00:00Z"));
    assert_eq!(items[0].period_end, at("2026-02-27T23:00:00Z"));
}

#[test]
fn usage_of_1200_sms_in_february_bills_2_extra_blocks_on_31_march() {
    let plan = plannit();
    // 1,200 SMS spread over the period starting 28 February.
    let sends: Vec<(Instant, u64)> = (0..1_200)
        .map(|i| (at("2026-02-28T08:00:00Z") + TimeDelta::minutes(30 * i), 1))
        .collect();
    let usage = plan.usage_by_period(sends);
    assert_eq!(usage.get(&1), Some(&1_200));

    let march = plan.period(2).unwrap();
    let items = plan.bill(&march, usage[&1]).unwrap();
    assert_eq!(
        charges(&items),
        [
            (Charge::BlockFee { block_size: 500 }, 1, day("2026-03-31")),
            (
                Charge::ExtraBlocks {
                    block_size: 500,
                    usage: 1_200
                },
                2,
                day("2026-03-31")
            ),
        ]
    );
    // The extra blocks cover February's period, at the block fee: USD 50.
    let february = plan.period(1).unwrap();
    assert_eq!(
        (items[1].period_start, items[1].period_end),
        (february.start, february.end)
    );
    assert_eq!(items[1].amount(), Some(usd(50)));
}

#[test]
fn usage_within_the_paid_block_bills_no_extra() {
    let plan = plannit();
    for usage in [0, 1, 499, 500] {
        let items = plan.bill(&plan.period(2).unwrap(), usage).unwrap();
        assert_eq!(items.len(), 1, "usage {usage}");
        assert_eq!(items[0].charge, Charge::BlockFee { block_size: 500 });
    }
    let items = plan.bill(&plan.period(2).unwrap(), 501).unwrap();
    assert_eq!(items[1].quantity, 1);
}

#[test]
fn option_ending_mid_period_bills_that_periods_fee_and_its_extras_but_no_later_fee() {
    // Ends on 15 April 2026, in the period starting 31 March.
    let plan = plannit().ending_at(at("2026-04-15T10:00:00Z")).unwrap();
    let last = plan.last_period().unwrap();
    assert_eq!(last.first_day, day("2026-03-31"));

    // The last period's fee is billed in full on 31 March (no proration).
    let march = plan.bill(&last, 0).unwrap();
    assert_eq!(
        charges(&march),
        [(Charge::BlockFee { block_size: 500 }, 1, day("2026-03-31"))]
    );

    // Sends after the end are not on the plan.
    let usage = plan.usage_by_period([
        (at("2026-04-01T10:00:00Z"), 600),
        (at("2026-04-15T09:59:59Z"), 100),
        (at("2026-04-15T10:00:00Z"), 5_000),
        (at("2026-04-20T10:00:00Z"), 5_000),
    ]);
    assert_eq!(usage.into_iter().collect::<Vec<_>>(), [(2, 700)]);
    assert!(plan.period_at(at("2026-04-15T10:00:00Z")).is_none());

    // 30 April: no fee, but one extra block for the 700 SMS of the last period.
    let april = plan.period(3).unwrap();
    assert!(!plan.is_active(&april));
    assert_eq!(
        charges(&plan.bill(&april, 700).unwrap()),
        [(
            Charge::ExtraBlocks {
                block_size: 500,
                usage: 700
            },
            1,
            day("2026-04-30")
        )]
    );

    // 31 May: nothing, and usage there is refused (it cannot be on the plan).
    let may = plan.period(4).unwrap();
    assert!(plan.bill(&may, 0).unwrap().is_empty());
    let error = plan.bill(&may, 12).unwrap_err();
    assert_eq!(error.code(), "credits.invalid_argument");
    assert!(matches!(
        error,
        CreditError::InvalidArgument {
            field: "previous_usage",
            ..
        }
    ));
}

#[test]
fn an_end_exactly_at_a_period_start_bills_no_fee_for_that_period() {
    let base = plannit();
    let april = base.period(3).unwrap();
    let plan = base.ending_at(april.start).unwrap();
    assert!(!plan.is_active(&april));
    assert_eq!(plan.last_period().unwrap().index, 2);
    assert!(plan.bill(&april, 0).unwrap().is_empty());
}

#[test]
fn dst_a_send_at_0030_local_on_a_first_day_is_in_that_period_though_utc_is_the_day_before() {
    let plan = plannit();
    // 31 March 2026, 00:30 in Brussels (UTC+2) = 30 March, 22:30 UTC.
    let send = at("2026-03-30T22:30:00Z");
    assert_eq!(send.date_naive(), day("2026-03-30"));
    let period = plan.period_at(send).unwrap();
    assert_eq!(period.first_day, day("2026-03-31"));
    assert_eq!(period.index, 2);
    // 23:59 the evening before is still the period starting 28 February.
    assert_eq!(plan.period_at(at("2026-03-30T21:59:00Z")).unwrap().index, 1);
    // The same in winter: 28 February, 00:30 in Brussels (UTC+1) = 27 February, 23:30 UTC.
    assert_eq!(plan.period_at(at("2026-02-27T23:30:00Z")).unwrap().index, 1);
}

#[test]
fn periods_follow_the_accounts_zone() {
    let new_york: Zone = "America/New_York".parse().unwrap();
    // 31 January 2026, 02:00 UTC is still 30 January in New York.
    let plan = BlockPlan::new(500, usd(25), at("2026-01-31T02:00:00Z"), new_york).unwrap();
    assert_eq!(plan.subscription_day(), day("2026-01-30"));
    assert_eq!(plan.period(1).unwrap().first_day, day("2026-02-28"));
    assert_eq!(plan.period(2).unwrap().first_day, day("2026-03-30"));
    assert_eq!(plan.period(1).unwrap().start, at("2026-02-28T05:00:00Z"));
}

#[test]
fn a_midnight_in_a_dst_gap_starts_the_period_when_the_day_starts() {
    // São Paulo skipped from 00:00 to 01:00 on 4 November 2018.
    let sao_paulo: Zone = "America/Sao_Paulo".parse().unwrap();
    let plan = BlockPlan::new(500, usd(25), at("2018-10-04T12:00:00Z"), sao_paulo).unwrap();
    let november = plan.period(1).unwrap();
    assert_eq!(november.first_day, day("2018-11-04"));
    assert_eq!(november.start, at("2018-11-04T03:00:00Z")); // 01:00, UTC-2
    assert_eq!(plan.period(0).unwrap().end, november.start);
    // 23:59 on 3 November (UTC-3) is still October's period.
    assert_eq!(plan.period_at(at("2018-11-04T02:59:00Z")).unwrap().index, 0);
    assert_eq!(plan.period_at(november.start), Some(november));
}

#[test]
fn sends_before_the_subscription_are_not_on_the_plan() {
    let plan = plannit();
    // 31 January, 00:30 in Brussels: the subscription day, but before the subscription at 10:00.
    assert!(plan.period_at(at("2026-01-30T23:30:00Z")).is_none());
    assert!(
        plan.usage_by_period([(at("2026-01-30T23:30:00Z"), 5)])
            .is_empty()
    );
}

#[test]
fn bad_plan_parameters_name_field_value_and_rule() {
    let subscribed = at("2026-01-31T09:00:00Z");
    let error = BlockPlan::new(0, usd(25), subscribed, Zone::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "block_size: 0 is not a block size; a block holds 1 message or more"
    );
    let error = BlockPlan::new(500, usd(-5), subscribed, Zone::default()).unwrap_err();
    assert_eq!(
        error,
        CreditError::InvalidArgument {
            field: "fee",
            value: "-5.00 USD".into(),
            rule: "is negative; a block fee is zero or more",
        }
    );
    let error = plannit().ending_at(at("2026-01-01T00:00:00Z")).unwrap_err();
    assert_eq!(error.code(), "credits.invalid_argument");
    assert!(
        error
            .to_string()
            .starts_with("end: 2026-01-01T00:00:00+00:00 is not after")
    );
    // A free plan is allowed.
    assert!(BlockPlan::new(500, usd(0), subscribed, Zone::default()).is_ok());
}

#[test]
fn a_forged_period_is_refused() {
    let plan = plannit();
    let mut period = plan.period(2).unwrap();
    period.first_day = day("2026-03-01");
    let error = plan.bill(&period, 0).unwrap_err();
    assert!(matches!(
        error,
        CreditError::InvalidArgument {
            field: "period",
            ..
        }
    ));
}

#[test]
fn billable_items_serialise_with_a_tagged_charge() {
    let plan = plannit();
    let items = plan.bill(&plan.period(2).unwrap(), 1_200).unwrap();
    let json = serde_json::to_value(&items[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "charge": {"type": "extra_blocks", "block_size": 500, "usage": 1200},
            "quantity": 2,
            "period_start": "2026-02-27T23:00:00Z",
            "period_end": "2026-03-30T22:00:00Z",
            "billed_on": "2026-03-31",
            "unit_price": {"amount": "25", "currency": "USD"}
        })
    );
    let back: BillableItem = serde_json::from_value(json).unwrap();
    assert_eq!(back, items[1]);
}

// ---- Pay-as-you-go: the seeds ----

fn eur(mantissa: i64, scale: u32) -> Money {
    Money::new(Decimal::new(mantissa, scale), Currency::EUR)
}

#[test]
fn letters_are_billed_in_the_month_of_handover_on_the_first_of_the_next_month() {
    let price = eur(135, 2);
    let records = [
        UsageRecord::handed_over("job-1", "prior_national", 100, at("2026-05-04T10:00:00Z"))
            .with_unit_price(price),
        // Submitted in May, handed over in June: June's statement.
        UsageRecord::handed_over("job-2", "prior_national", 40, at("2026-06-01T08:00:00Z"))
            .with_unit_price(price),
        // 31 May, 23:30 in Brussels = 21:30 UTC: May.
        UsageRecord::handed_over("job-3", "registered", 2, at("2026-05-31T21:30:00Z"))
            .with_unit_price(eur(795, 2)),
    ];
    let may = monthly_statement(&records, 2026, 5, Zone::default())
        .unwrap()
        .unwrap();
    assert_eq!(may.issue_date, day("2026-06-01"));
    assert_eq!(may.period_start, at("2026-04-30T22:00:00Z"));
    assert_eq!(may.period_end, at("2026-05-31T22:00:00Z"));
    assert_eq!(may.record_ids, ["job-1", "job-3"]);
    assert_eq!(
        charges(&may.items),
        [
            (
                Charge::Usage {
                    kind: "prior_national".into()
                },
                100,
                day("2026-06-01")
            ),
            (
                Charge::Usage {
                    kind: "registered".into()
                },
                2,
                day("2026-06-01")
            ),
        ]
    );
    let june = monthly_statement(&records, 2026, 6, Zone::default())
        .unwrap()
        .unwrap();
    assert_eq!(june.record_ids, ["job-2"]);
    assert_eq!(june.issue_date, day("2026-07-01"));
}

#[test]
fn cancelled_or_not_yet_handed_over_jobs_are_not_billed_and_an_empty_month_has_no_statement() {
    let records = [
        UsageRecord {
            cancelled: true,
            handed_over_at: None,
            ..UsageRecord::handed_over("job-1", "prior_national", 10, at("2026-05-04T10:00:00Z"))
        },
        UsageRecord {
            handed_over_at: None,
            ..UsageRecord::handed_over("job-2", "prior_national", 10, at("2026-05-04T10:00:00Z"))
        },
    ];
    assert_eq!(
        monthly_statement(&records, 2026, 5, Zone::default()).unwrap(),
        None
    );
    assert_eq!(
        monthly_statement(&[], 2026, 5, Zone::default()).unwrap(),
        None
    );
}

#[test]
fn items_are_grouped_per_kind_and_unit_price() {
    let handed = at("2026-05-04T10:00:00Z");
    let records = [
        UsageRecord::handed_over("a", "prior_national", 3, handed).with_unit_price(eur(135, 2)),
        UsageRecord::handed_over("b", "prior_national", 4, handed).with_unit_price(eur(1350, 3)),
        UsageRecord::handed_over("c", "prior_national", 5, handed).with_unit_price(eur(110, 2)),
        UsageRecord::handed_over("d", "prior_national", 6, handed),
        UsageRecord::handed_over("e", "international", 1, handed).with_unit_price(eur(250, 2)),
    ];
    let statement = monthly_statement(&records, 2026, 5, Zone::default())
        .unwrap()
        .unwrap();
    let lines: Vec<(String, u64, Option<Money>)> = statement
        .items
        .iter()
        .map(|item| match &item.charge {
            Charge::Usage { kind } => (kind.clone(), item.quantity, item.unit_price),
            other => panic!("unexpected charge {other:?}"),
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("international".into(), 1, Some(eur(250, 2))),
            ("prior_national".into(), 6, None),
            ("prior_national".into(), 5, Some(eur(110, 2))),
            // 1.35 and 1.350 are one price.
            ("prior_national".into(), 7, Some(eur(135, 2))),
        ]
    );
}

#[test]
fn statements_follow_the_accounts_wall_clock() {
    let new_york: Zone = "America/New_York".parse().unwrap();
    // 1 June 2026, 02:00 UTC is still 31 May in New York.
    let records = [UsageRecord::handed_over(
        "job-1",
        "prior_international",
        1,
        at("2026-06-01T02:00:00Z"),
    )];
    assert!(
        monthly_statement(&records, 2026, 5, new_york)
            .unwrap()
            .is_some()
    );
    assert!(
        monthly_statement(&records, 2026, 6, new_york)
            .unwrap()
            .is_none()
    );
    assert!(
        monthly_statement(&records, 2026, 6, Zone::default())
            .unwrap()
            .is_some()
    );
}

#[test]
fn december_is_issued_on_the_first_of_january() {
    let records = [UsageRecord::handed_over(
        "job-1",
        "prior_national",
        1,
        at("2026-12-15T10:00:00Z"),
    )];
    let statement = monthly_statement(&records, 2026, 12, Zone::default())
        .unwrap()
        .unwrap();
    assert_eq!(statement.issue_date, day("2027-01-01"));
}

// ---- Invariants ----

/// A subscription instant from 2000 to about 2100.
fn any_instant() -> impl Strategy<Value = Instant> {
    (946_684_800i64..4_102_444_800).prop_map(|s| chrono::DateTime::from_timestamp(s, 0).unwrap())
}

/// Zones with DST, without, south of the equator, and one whose DST started at midnight (São Paulo
/// until 2019).
fn any_zone() -> impl Strategy<Value = Zone> {
    prop::sample::select(vec![
        "Europe/Brussels",
        "America/New_York",
        "America/Sao_Paulo",
        "Australia/Sydney",
        "Asia/Kolkata",
        "UTC",
    ])
    .prop_map(|name| name.parse().unwrap())
}

fn any_fee() -> impl Strategy<Value = Money> {
    (0i64..10_000).prop_map(|cents| Money::new(Decimal::new(cents, 2), Currency::EUR))
}

fn expected_first_day(subscription: NaiveDate, index: u32) -> NaiveDate {
    let months = subscription.year() * 12 + subscription.month0() as i32 + index as i32;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let last = (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap();
    NaiveDate::from_ymd_opt(year, month, subscription.day().min(last)).unwrap()
}

fn blocks_billed(items: &[BillableItem]) -> u64 {
    items
        .iter()
        .filter(|item| {
            matches!(
                item.charge,
                Charge::BlockFee { .. } | Charge::ExtraBlocks { .. }
            )
        })
        .map(|item| item.quantity)
        .sum()
}

proptest! {
    #[test]
    fn periods_tile_time_and_start_on_the_clamped_subscription_day(
        subscribed in any_instant(), zone in any_zone(), fee in any_fee(),
    ) {
        let plan = BlockPlan::new(500, fee, subscribed, zone).unwrap();
        let subscription_day = zone.localize(subscribed).date_naive();
        prop_assert_eq!(plan.subscription_day(), subscription_day);
        let first = plan.period(0).unwrap();
        prop_assert!(first.start <= subscribed && subscribed < first.end);
        let mut previous: Option<BlockPeriod> = None;
        for index in 0..40 {
            let period = plan.period(index).unwrap();
            prop_assert_eq!(period.index, index);
            prop_assert_eq!(period.first_day, expected_first_day(subscription_day, index));
            prop_assert!(period.start < period.end);
            prop_assert_eq!(zone.localize(period.start).date_naive(), period.first_day);
            if let Some(previous) = previous {
                prop_assert_eq!(previous.end, period.start);
            }
            previous = Some(period);
        }
    }

    #[test]
    fn period_at_finds_the_period_holding_the_instant_on_the_wall_clock(
        subscribed in any_instant(), zone in any_zone(), offset in 0i64..(3 * 366 * 86_400),
    ) {
        let plan = BlockPlan::new(500, Money::zero(Currency::EUR), subscribed, zone).unwrap();
        let t = subscribed + TimeDelta::seconds(offset);
        let period = plan.period_at(t).unwrap();
        prop_assert!(period.contains(t));
        prop_assert_eq!(plan.period(period.index), Some(period));
        let local_day = zone.localize(t).date_naive();
        prop_assert!(period.first_day <= local_day);
        prop_assert!(local_day < plan.period(period.index + 1).unwrap().first_day);
        prop_assert!(plan.period_at(subscribed - TimeDelta::seconds(1 + offset)).is_none());
    }

    #[test]
    fn blocks_billed_for_a_periods_usage_are_max_1_ceil_u_over_n(
        subscribed in any_instant(), zone in any_zone(), fee in any_fee(),
        block_size in 1u32..2_000, usage in 0u64..1_000_000, index in 0u32..30,
    ) {
        let plan = BlockPlan::new(block_size, fee, subscribed, zone).unwrap();
        let period = plan.period(index).unwrap();
        let next = plan.period(index + 1).unwrap();
        // The period's own fee (what its first day bills for it), then its extras on the next one.
        let own_fee: Vec<BillableItem> = plan.bill(&period, 0).unwrap()
            .into_iter()
            .filter(|item| matches!(item.charge, Charge::BlockFee { .. }))
            .collect();
        let extras: Vec<BillableItem> = plan.bill(&next, usage).unwrap()
            .into_iter()
            .filter(|item| matches!(item.charge, Charge::ExtraBlocks { .. }))
            .collect();
        let expected = usage.div_ceil(u64::from(block_size)).max(1);
        prop_assert_eq!(blocks_billed(&own_fee) + blocks_billed(&extras), expected);
        for item in own_fee.iter().chain(&extras) {
            prop_assert_eq!(item.unit_price, Some(fee));
            prop_assert_eq!((item.period_start, item.period_end), (period.start, period.end));
        }
        prop_assert!(own_fee.iter().all(|item| item.billed_on == period.first_day));
        prop_assert!(extras.iter().all(|item| item.billed_on == next.first_day));
    }

    #[test]
    fn after_the_end_no_fee_is_billed_but_the_last_periods_extras_are(
        subscribed in any_instant(), zone in any_zone(), end_after in 1i64..(2 * 366 * 86_400),
        usage in 0u64..10_000,
    ) {
        let plan = BlockPlan::new(100, Money::zero(Currency::EUR), subscribed, zone)
            .unwrap()
            .ending_at(subscribed + TimeDelta::seconds(end_after))
            .unwrap();
        let end = plan.end().unwrap();
        let last = plan.last_period().unwrap();
        prop_assert!(last.start < end && end <= last.end);
        for index in 0..=(last.index + 3) {
            let period = plan.period(index).unwrap();
            let previous_usage = if index == last.index + 1 { usage } else { 0 };
            let items = plan.bill(&period, previous_usage).unwrap();
            let fees = items.iter().filter(|item| matches!(item.charge, Charge::BlockFee { .. })).count();
            prop_assert_eq!(fees, usize::from(period.start < end));
            if index == last.index + 1 {
                prop_assert_eq!(blocks_billed(&items), usage.div_ceil(100).saturating_sub(1));
            }
        }
        prop_assert!(plan.bill(&plan.period(last.index + 2).unwrap(), 1).is_err());
    }

    #[test]
    fn usage_by_period_sums_to_the_units_sent_while_the_plan_runs(
        subscribed in any_instant(), zone in any_zone(),
        sends in prop::collection::vec((-40i64 * 86_400..400 * 86_400, 0u64..50), 0..200),
        end_after in prop::option::of(1i64..(300 * 86_400)),
    ) {
        let mut plan = BlockPlan::new(500, Money::zero(Currency::EUR), subscribed, zone).unwrap();
        if let Some(seconds) = end_after {
            plan = plan.ending_at(subscribed + TimeDelta::seconds(seconds)).unwrap();
        }
        let sends: Vec<(Instant, u64)> = sends
            .into_iter()
            .map(|(offset, units)| (subscribed + TimeDelta::seconds(offset), units))
            .collect();
        let covered: u64 = sends
            .iter()
            .filter(|(t, _)| *t >= subscribed && plan.end().is_none_or(|end| *t < end))
            .map(|(_, units)| units)
            .sum();
        let usage = plan.usage_by_period(sends.iter().copied());
        prop_assert_eq!(usage.values().sum::<u64>(), covered);
        for (index, units) in &usage {
            let period = plan.period(*index).unwrap();
            let direct: u64 = sends.iter().filter(|(t, _)| period.contains(*t) && plan.period_at(*t).is_some()).map(|(_, u)| u).sum();
            prop_assert_eq!(*units, direct);
        }
    }

    #[test]
    fn a_statement_bills_exactly_the_units_handed_over_in_its_month(
        zone in any_zone(),
        jobs in prop::collection::vec((0i64..(90 * 86_400), 0u64..100, any::<bool>(), any::<bool>(), 0usize..3), 0..60),
    ) {
        let base = at("2026-01-01T00:00:00Z");
        let kinds = ["prior_national", "registered", "prior_international"];
        let records: Vec<UsageRecord> = jobs
            .iter()
            .enumerate()
            .map(|(i, (offset, units, cancelled, handed, kind))| UsageRecord {
                id: format!("job-{i}"),
                kind: kinds[*kind].into(),
                units: *units,
                handed_over_at: (*handed && !*cancelled).then(|| base + TimeDelta::seconds(*offset)),
                cancelled: *cancelled,
                unit_price: None,
            })
            .collect();
        let mut total = 0;
        for (year, month) in [(2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4)] {
            let expected: u64 = records
                .iter()
                .filter(|r| !r.cancelled && r.handed_over_at.is_some_and(|t| {
                    let local = zone.localize(t);
                    (local.year(), local.month()) == (year, month)
                }))
                .map(|r| r.units)
                .sum();
            let statement = monthly_statement(&records, year, month, zone).unwrap();
            match statement {
                None => prop_assert_eq!(expected, 0),
                Some(statement) => {
                    prop_assert!(expected > 0);
                    prop_assert_eq!(statement.items.iter().map(|i| i.quantity).sum::<u64>(), expected);
                    prop_assert!(statement.items.len() <= kinds.len());
                    prop_assert!(statement.items.iter().all(|i| i.billed_on == statement.issue_date && i.quantity > 0));
                    prop_assert_eq!(statement.issue_date.day(), 1);
                }
            }
            total += expected;
        }
        let all: u64 = records.iter().filter(|r| r.handed_over_at.is_some()).map(|r| r.units).sum();
        prop_assert_eq!(total, all);
    }
}
