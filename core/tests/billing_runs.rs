//! The runs that invoice use (issue 10, SPEC section 6): a Click & Post customer's letters of
//! March invoiced on 1 April (a cancelled job absent, a job handed over at 00:30 on 1 April in
//! Brussels left for April), pay-as-you-go messages, and a Plannit customer's SMS block plan in
//! USD with its VAT also in EUR. The monthly run is a pure function: the same input gives equal
//! drafts.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod billing_common;

use billing_common::{at, book, click_and_post_customer, flat, letter, plannit_customer, prices};
use envoi::ErrorCode;
use envoi::billing::{
    LetterUsage, MessageUsage, Month, MonthlyUsage, SubscriptionRequest, block_plan_run,
    monthly_run, subscribe_block_plan,
};
use envoi::contacts::Channel;
use envoi::invoice::VatCategory;
use envoi::post::{Format, Postage};
use envoi::time::Instant;
use envoi::vat::{RateTable, TreatmentKind};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rates() -> &'static RateTable {
    RateTable::builtin()
}

fn march_letters() -> Vec<LetterUsage> {
    vec![
        LetterUsage::handed_over(
            "job-1",
            letter(Postage::Prior, Format::Small, 50, 2, false, true, false),
            120,
            at("2026-03-10T09:00:00Z"),
        ),
        LetterUsage::handed_over(
            "job-2",
            letter(
                Postage::Registered,
                Format::Large,
                100,
                3,
                true,
                false,
                true,
            ),
            5,
            at("2026-03-20T14:00:00Z"),
        ),
        // Cancelled before processing: never billed.
        LetterUsage::cancelled(
            "job-3",
            letter(Postage::Prior, Format::Small, 50, 1, false, false, false),
            40,
        ),
        // 00:30 on 1 April in Brussels: April, though still 31 March in UTC.
        LetterUsage::handed_over(
            "job-4",
            letter(Postage::Prior, Format::Small, 50, 1, false, false, false),
            7,
            at("2026-03-31T22:30:00Z"),
        ),
    ]
}

#[test]
fn a_click_and_post_customers_letters_of_march_are_invoiced_on_1_april() {
    let account = click_and_post_customer();
    let usage = MonthlyUsage {
        letters: march_letters(),
        ..MonthlyUsage::default()
    };
    let march: Month = "2026-03".parse().unwrap();
    let drafts = monthly_run(&account, &prices(), march, &usage, rates()).unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.key(), "letters:acc_cp:2026-03");
    assert_eq!(draft.issue_date().to_string(), "2026-04-01");
    let lines: Vec<(&str, String, String)> = draft
        .lines()
        .iter()
        .map(|line| {
            (
                line.description(),
                line.quantity().to_string(),
                line.unit_price().to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Accusé de réception", "5".into(), "1.25".into()),
            (
                "Supplément couleur, par feuille",
                "15".into(),
                "0.20".into()
            ),
            (
                "Supplément recto verso, par feuille",
                "240".into(),
                "0.03".into()
            ),
            (
                "Affranchissement Prior, petit format, jusqu'à 50 g",
                "120".into(),
                "1.95".into()
            ),
            (
                "Affranchissement recommandé, grand format, jusqu'à 100 g",
                "5".into(),
                "3.90".into()
            ),
            ("Frais de recommandé", "5".into(), "6.10".into()),
        ]
    );
    let totals = draft.totals();
    assert_eq!(totals.total_without_vat().to_string(), "300.45");
    assert_eq!(totals.total_vat().to_string(), "63.09"); // 63.0945
    assert_eq!(totals.total_with_vat().to_string(), "363.54");
    assert!(
        draft
            .lines()
            .iter()
            .all(|line| line.category() == VatCategory::Standard)
    );

    // Running twice gives equal drafts; issuing twice, one number.
    assert_eq!(
        monthly_run(&account, &prices(), march, &usage, rates()).unwrap(),
        drafts
    );
    let mut book = book();
    let first = book.issue(draft.clone()).unwrap();
    let again = book.issue(draft.clone()).unwrap();
    assert!(!first.replayed && again.replayed);
    assert_eq!(first.value, again.value);
    assert_eq!(book.invoices().len(), 1);
    assert_eq!(first.value.number().to_string(), "2026-F-000001");
    assert_eq!(first.value.due_date().unwrap().to_string(), "2026-05-01");
    let ubl = flat(&first.value.to_ubl().unwrap());
    assert!(
        ubl.contains("<cbc:IssueDate>2026-04-01</cbc:IssueDate>"),
        "{ubl}"
    );
    assert!(
        ubl.contains("<cbc:BuyerReference>acc_cp</cbc:BuyerReference>"),
        "{ubl}"
    );

    // April holds the job handed over at 00:30 on 1 April.
    let april = monthly_run(&account, &prices(), march.next().unwrap(), &usage, rates()).unwrap();
    assert_eq!(april.len(), 1);
    assert_eq!(april[0].issue_date().to_string(), "2026-05-01");
    assert_eq!(april[0].totals().total_without_vat().to_string(), "13.65");
    // A month without billable jobs: no invoice.
    let may = monthly_run(
        &account,
        &prices(),
        "2026-05".parse().unwrap(),
        &usage,
        rates(),
    )
    .unwrap();
    assert!(may.is_empty());
}

#[test]
fn pay_as_you_go_messages_have_their_own_invoice_at_the_price_of_their_day() {
    let account = click_and_post_customer();
    let sent = |id: &str, channel, units, when: &str| MessageUsage {
        id: id.into(),
        channel,
        units,
        sent_at: at(when),
    };
    let usage = MonthlyUsage {
        letters: march_letters(),
        messages: vec![
            sent("m-1", Channel::Sms, 600, "2026-06-10T09:00:00Z"),
            sent("m-2", Channel::Sms, 400, "2026-06-30T21:59:59Z"), // 23:59:59 in Brussels
            sent("m-3", Channel::Email, 2000, "2026-06-12T09:00:00Z"),
            sent("m-4", Channel::Sms, 50, "2026-06-30T22:00:00Z"), // 1 July in Brussels
        ],
        ..MonthlyUsage::default()
    };
    let drafts = monthly_run(
        &account,
        &prices(),
        "2026-06".parse().unwrap(),
        &usage,
        rates(),
    )
    .unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = &drafts[0];
    assert_eq!(draft.key(), "messages:acc_cp:2026-06");
    let lines: Vec<(&str, String, String)> = draft
        .lines()
        .iter()
        .map(|line| {
            (
                line.description(),
                line.quantity().to_string(),
                line.unit_price().to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "E-mails, paiement à l'usage (par unité)",
                "2000".into(),
                "0.0045".into()
            ),
            (
                "SMS, paiement à l'usage (par unité)",
                "1000".into(),
                "0.0825".into()
            ),
        ]
    );
    assert_eq!(draft.totals().total_without_vat().to_string(), "91.50"); // 9.00 + 82.50
    // July: the new SMS price.
    let july = monthly_run(
        &account,
        &prices(),
        "2026-07".parse().unwrap(),
        &usage,
        rates(),
    )
    .unwrap();
    assert_eq!(july[0].lines()[0].unit_price().to_string(), "0.0790");

    // A letter among the messages is refused; so is a repeated id.
    let mut wrong = usage.clone();
    wrong
        .messages
        .push(sent("m-5", Channel::Letter, 1, "2026-06-10T09:00:00Z"));
    let error = monthly_run(
        &account,
        &prices(),
        "2026-06".parse().unwrap(),
        &wrong,
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "billing.invalid_argument");
    let mut twice = usage.clone();
    twice
        .messages
        .push(sent("m-1", Channel::Sms, 1, "2026-06-11T09:00:00Z"));
    let error = monthly_run(
        &account,
        &prices(),
        "2026-06".parse().unwrap(),
        &twice,
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "credits.invalid_argument");
    assert!(
        error.to_string().contains("\"message:m-1\" appears twice"),
        "{error}"
    );
}

#[test]
fn a_job_cancelled_and_handed_over_is_refused_as_contradictory() {
    let account = click_and_post_customer();
    let mut letters = march_letters();
    letters[0].cancelled = true;
    let usage = MonthlyUsage {
        letters,
        ..MonthlyUsage::default()
    };
    let error = monthly_run(
        &account,
        &prices(),
        "2026-03".parse().unwrap(),
        &usage,
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "credits.invalid_argument");
    assert!(error.to_string().contains("contradictory"), "{error}");
}

#[test]
fn months_are_checked() {
    assert_eq!(
        "2026-00".parse::<Month>().unwrap_err().code(),
        "billing.invalid_argument"
    );
    assert_eq!(
        "March".parse::<Month>().unwrap_err().to_string(),
        "month: \"March\" is not a month; write YYYY-MM, such as 2026-03"
    );
    assert_eq!(
        Month::new(2026, 12).unwrap().next().unwrap().to_string(),
        "2027-01"
    );
}

fn sends(period_start: &str, count: u64) -> Vec<(Instant, u64)> {
    let start = at(period_start);
    (0..count)
        .map(|i| {
            (
                start + chrono::Duration::minutes(i64::try_from(i).unwrap() * 20),
                1,
            )
        })
        .collect()
}

#[test]
fn a_plannit_customer_pays_the_block_fee_upfront_and_two_extra_blocks_the_next_period() {
    let account = plannit_customer();
    let request = SubscriptionRequest::new("sms-option", "plannit-sms", at("2026-03-10T09:00:00Z"));
    let subscription = subscribe_block_plan(&account, &prices(), &request, rates()).unwrap();
    assert_eq!(subscription.treatment().kind(), TreatmentKind::Charge);
    let rate = Decimal::new(92, 2); // 1 USD = 0.92 EUR, given by the host
    let mut book = book();

    // The upfront fee of the first period, on the subscription day.
    let upfront = block_plan_run(&account, &subscription, 0, 0, Some(rate))
        .unwrap()
        .unwrap();
    assert_eq!(upfront.key(), "blocks:acc_pl:sms-option:0");
    assert_eq!(upfront.issue_date().to_string(), "2026-03-10");
    assert_eq!(
        upfront.lines()[0].description(),
        "Block fee per 500 messages, period 2026-03-10 to 2026-04-09"
    );
    let issued = book.issue(upfront).unwrap().value;
    assert_eq!(issued.totals().total_with_vat().to_string(), "30.25");
    assert_eq!(issued.invoice().currency().code(), "USD");

    // 1,240 SMS in the first period: 3 started blocks, 1 paid, 2 extra billed on 10 April.
    let usage = subscription
        .plan()
        .usage_by_period(sends("2026-03-10T10:00:00Z", 1_240));
    assert_eq!(usage.get(&0), Some(&1_240));
    let next = block_plan_run(
        &account,
        &subscription,
        1,
        usage[&0],
        Some(Decimal::new(9, 1)),
    )
    .unwrap()
    .unwrap();
    assert_eq!(next.issue_date().to_string(), "2026-04-10");
    let lines: Vec<(&str, String)> = next
        .lines()
        .iter()
        .map(|line| (line.description(), line.quantity().to_string()))
        .collect();
    assert_eq!(
        lines,
        [
            (
                "Block fee per 500 messages, period 2026-04-10 to 2026-05-09",
                "1".into()
            ),
            (
                "Extra blocks of 500 messages (1,240 messages sent), period 2026-03-10 to 2026-04-09",
                "2".into()
            ),
        ]
    );
    let issued = book.issue(next).unwrap().value;
    let totals = issued.totals();
    assert_eq!(totals.total_without_vat().to_string(), "75.00");
    assert_eq!(totals.total_vat().to_string(), "15.75");
    assert_eq!(totals.total_with_vat().to_string(), "90.75");
    // The VAT also in EUR: 15.75 × 0.9 = 14.175 → 14.18.
    let ubl = flat(&issued.to_ubl().unwrap());
    assert!(
        ubl.contains("<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>"),
        "{ubl}"
    );
    assert!(
        ubl.contains("<cbc:TaxAmount currencyID=\"EUR\">14.18</cbc:TaxAmount>"),
        "{ubl}"
    );
    assert!(
        ubl.contains("<cbc:TaxAmount currencyID=\"USD\">15.75</cbc:TaxAmount>"),
        "{ubl}"
    );
    let text = issued.to_text();
    assert!(text.contains("VAT in EUR (rate 0.9): 14.18 EUR"), "{text}");
    assert!(text.contains("Total with VAT: 90.75 USD"), "{text}");

    // Without the exchange rate, a USD invoice is refused.
    let error = block_plan_run(&account, &subscription, 1, 1_240, None).unwrap_err();
    assert_eq!(error.code(), "billing.missing_exchange_rate");
    assert_eq!(
        error.to_string(),
        "blocks:acc_pl:sms-option:1: the invoice is in USD; give the exchange rate to EUR (EUR per USD) so that it states its VAT in EUR too"
    );
    // After the option ended: no fee, the last period's extra blocks still.
    let ended = subscription
        .clone()
        .ending_at(at("2026-04-20T09:00:00Z"))
        .unwrap();
    let last = block_plan_run(&account, &ended, 2, 700, Some(rate))
        .unwrap()
        .unwrap();
    assert_eq!(last.lines().len(), 1);
    assert!(
        block_plan_run(&account, &ended, 3, 0, Some(rate))
            .unwrap()
            .is_none()
    );
    // Another account's subscription.
    let error =
        block_plan_run(&click_and_post_customer(), &subscription, 1, 0, Some(rate)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "account: acc_cp is not the account of subscription sms-option (acc_pl)"
    );
}

fn arbitrary_letters() -> impl Strategy<Value = Vec<LetterUsage>> {
    let job = (
        0_usize..4,
        1_u32..5,
        any::<bool>(),
        any::<bool>(),
        0_u32..300,
        0_i64..(75 * 24),
        0_u8..4,
    )
        .prop_map(|(kind, sheets, colour, duplex, letters, hours, state)| {
            let (postage, format, grams) = [
                (Postage::Prior, Format::Small, 50),
                (Postage::NonPrior, Format::Large, 100),
                (Postage::Registered, Format::Large, 350),
                (Postage::PriorInternational, Format::Small, 50),
            ][kind];
            let ar = postage == Postage::Registered && colour;
            let query = letter(postage, format, grams, sheets, colour, duplex, ar);
            let when = at("2026-02-15T00:00:00Z") + chrono::Duration::hours(hours);
            match state {
                0 => LetterUsage::cancelled("", query, letters),
                1 => LetterUsage {
                    handed_over_at: None,
                    ..LetterUsage::handed_over("", query, letters, when)
                },
                _ => LetterUsage::handed_over("", query, letters, when),
            }
        });
    prop::collection::vec(job, 0..12).prop_map(|mut jobs| {
        for (index, job) in jobs.iter_mut().enumerate() {
            job.job_id = format!("job-{index}");
        }
        jobs
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The monthly run is a pure function: twice the same input, equal drafts; and every draft's
    /// totals are the sum of its lines.
    #[test]
    fn the_monthly_run_is_idempotent(letters in arbitrary_letters(), month in 2_u32..5) {
        let account = click_and_post_customer();
        let usage = MonthlyUsage { letters, ..MonthlyUsage::default() };
        let month = Month::new(2026, month).unwrap();
        let first = monthly_run(&account, &prices(), month, &usage, rates()).unwrap();
        let second = monthly_run(&account, &prices(), month, &usage, rates()).unwrap();
        prop_assert_eq!(&first, &second);
        for draft in &first {
            prop_assert_eq!(draft.issue_date(), month.next().unwrap().first_day());
            let net: Decimal = draft.lines().iter().map(|line| line.net(draft.invoice().currency())).sum();
            prop_assert_eq!(draft.totals().total_without_vat(), net);
        }
        let mut book = book();
        for draft in first.iter().chain(&second) {
            book.issue(draft.clone()).unwrap();
        }
        prop_assert_eq!(book.invoices().len(), first.len());
    }
}
