//! Jobs (SPEC section 9): one letter × an address list with per-recipient checks (partial failure
//! or the whole job refused), every state transition legal and illegal, the approval step with its
//! signed link and its approver, the job's dated history, registered letters and their barcodes,
//! and a stored job that must keep every rule when read back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::{Duration, NaiveDate};
use envoi::ErrorCode;
use envoi::post::{
    Barcode, BarcodeRange, Document, Job, JobState, Letter, PostCalendars, PostData, PostError,
    Postage, RecipientPolicy, RegisteredLetter, Transition, quote_job,
};
use envoi::time::Instant;
use envoi::token::{Claims, KeyRing, Purpose};
use proptest::prelude::*;
use serde_json::{Value, json};

const ACCOUNT: u64 = 12;
const JOB: u64 = 345;
const SENDER: u64 = 7;
const MANAGER: u64 = 9;
const LINK_BASE: &str = "https://app.example/letters/approve?token=";

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

/// Tuesday 10 March 2026, 09:00 in Brussels.
fn created() -> Instant {
    at("2026-03-10T08:00:00Z")
}

fn later(minutes: i64) -> Instant {
    created() + Duration::minutes(minutes)
}

fn ring() -> KeyRing {
    KeyRing::new([(1, vec![0x42; 32])], 1).unwrap()
}

fn address(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|line| (*line).to_string()).collect()
}

fn belgian() -> Vec<String> {
    address(&["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"])
}

fn dutch() -> Vec<String> {
    address(&["Jan de Vries", "1015 CJ AMSTERDAM", "PAYS-BAS"])
}

fn letter(postage: Postage) -> Letter {
    Letter::new(vec![Document::a4(2)], postage)
}

fn new_job(approval_required: bool) -> Job {
    Job::new(
        ACCOUNT,
        JOB,
        SENDER,
        letter(Postage::Prior),
        vec![belgian(), dutch()],
        created(),
    )
    .unwrap()
    .with_approval_required(approval_required)
}

fn submit(job: &mut Job, when: Instant) -> Result<(), PostError> {
    job.submit(
        when,
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::RefuseJob,
    )
    .map(drop)
}

/// Tries to move `job` to `to` at `when` with the method that does it.
fn attempt(job: &mut Job, to: JobState, when: Instant) -> Result<(), PostError> {
    match to {
        JobState::Draft => panic!("no transition goes back to draft"),
        JobState::AwaitingApproval => job
            .request_approval(MANAGER, when, &ring(), LINK_BASE, None)
            .map(drop),
        JobState::Approved => job.approve(MANAGER, when),
        JobState::Rejected => job.reject(MANAGER, when),
        JobState::Submitted => submit(job, when),
        JobState::Processing => job.start_processing(when),
        JobState::HandedOver => job.hand_over(when),
        JobState::Cancelled => job.cancel(when, Some(SENDER)),
    }
}

/// A job (no approval required) brought to `state` along the shortest path.
fn job_in(state: JobState) -> Job {
    let path: &[JobState] = match state {
        JobState::Draft => &[],
        JobState::AwaitingApproval => &[JobState::AwaitingApproval],
        JobState::Approved => &[JobState::AwaitingApproval, JobState::Approved],
        JobState::Rejected => &[JobState::AwaitingApproval, JobState::Rejected],
        JobState::Submitted => &[JobState::Submitted],
        JobState::Processing => &[JobState::Submitted, JobState::Processing],
        JobState::HandedOver => &[
            JobState::Submitted,
            JobState::Processing,
            JobState::HandedOver,
        ],
        JobState::Cancelled => &[JobState::Cancelled],
    };
    let mut job = new_job(false);
    for (step, to) in path.iter().enumerate() {
        attempt(&mut job, *to, later(step as i64 + 1)).unwrap();
    }
    assert_eq!(job.state(), state);
    job
}

// ---- Recipients ----------------------------------------------------------------------------------

#[test]
fn a_recipient_breaking_a_rule_is_reported_with_its_row_while_the_others_go_on() {
    let recipients = vec![
        belgian(),
        dutch(),
        address(&["", " "]),
        address(&["Jan de Vries", "1015 CJ AMSTERDAM", "Nederland"]),
        address(&["Marie Janssens", "9000 GENT"]),
    ];
    let report = quote_job(
        &letter(Postage::NonPrior),
        &recipients,
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::ReportAndContinue,
    )
    .unwrap();
    assert_eq!(report.recipients, 5);
    assert_eq!(
        report
            .quotes
            .iter()
            .map(|quote| quote.row)
            .collect::<Vec<_>>(),
        [0, 4]
    );
    let failures: Vec<(usize, &str)> = report
        .failures
        .iter()
        .map(|failure| (failure.row, failure.code()))
        .collect();
    assert_eq!(
        failures,
        [
            (1, "post.non_prior_national_only"),
            (2, "post.empty_address"),
            (3, "post.country_not_in_capitals"),
        ]
    );
    assert!(
        report.failures[2]
            .to_string()
            .starts_with("recipients[3]: address[2]: \"Nederland\"")
    );
}

#[test]
fn national_and_international_addresses_mix_in_one_job() {
    let recipients = vec![
        belgian(),
        dutch(),
        address(&["J. Doe", "NEW YORK NY 10001", "USA"]),
    ];
    let report = quote_job(
        &letter(Postage::Prior),
        &recipients,
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::ReportAndContinue,
    )
    .unwrap();
    let national = &report.quotes[0].quote;
    let international = &report.quotes[1].quote;
    assert_eq!(
        (national.postage, national.country.code()),
        (Postage::Prior, "BE")
    );
    assert_eq!(national.delivery_date, NaiveDate::from_ymd_opt(2026, 3, 11));
    assert_eq!(
        (international.postage, international.country.code()),
        (Postage::PriorInternational, "NL")
    );
    assert!(international.delivery_range.is_some());
    assert_eq!(national.handover_date, international.handover_date);
    assert_eq!(report.failures.len(), 1);
    assert_eq!(
        (report.failures[0].row, report.failures[0].code()),
        (2, "post.no_delivery_data")
    );
}

#[test]
fn the_caller_may_refuse_the_whole_job_instead() {
    let recipients = vec![belgian(), dutch(), belgian(), address(&["X", "CONGO"])];
    let error = quote_job(
        &letter(Postage::NonPrior),
        &recipients,
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::RefuseJob,
    )
    .unwrap_err();
    assert_eq!(error.code(), "post.job_refused");
    let PostError::JobRefused {
        recipients: count,
        failures,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*count, 4);
    assert_eq!(
        failures
            .iter()
            .map(|failure| (failure.row, failure.code()))
            .collect::<Vec<_>>(),
        [
            (1, "post.non_prior_national_only"),
            (3, "post.ambiguous_country")
        ]
    );
    assert!(error.to_string().starts_with(
        "job refused: 2 of 4 recipients break a rule; first: recipients[1]: postage: non_prior"
    ));
}

#[test]
fn a_job_with_no_recipient_left_is_refused_whatever_the_policy() {
    let error = quote_job(
        &letter(Postage::Registered),
        &[belgian()],
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::ReportAndContinue,
    )
    .unwrap_err();
    // The letter's own rule (no return address) refuses the job, not one recipient.
    assert_eq!(error.code(), "post.return_address_required");

    let registered = Letter {
        return_address: Some(address(&["Envoi SA", "1000 BRUXELLES"])),
        ..letter(Postage::Registered)
    };
    let error = quote_job(
        &registered,
        &[dutch(), dutch()],
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::ReportAndContinue,
    )
    .unwrap_err();
    assert!(
        matches!(&error, PostError::JobRefused { recipients: 2, failures } if failures.len() == 2)
    );

    let too_many = Letter::new(vec![Document::a4(26)], Postage::Prior);
    let error = quote_job(
        &too_many,
        &[belgian()],
        created(),
        PostData::builtin(),
        &PostCalendars::default(),
        RecipientPolicy::ReportAndContinue,
    )
    .unwrap_err();
    assert_eq!(error.code(), "post.too_many_sheets");

    let none: [Vec<String>; 0] = [];
    assert_eq!(
        quote_job(
            &letter(Postage::Prior),
            &none,
            created(),
            PostData::builtin(),
            &PostCalendars::default(),
            RecipientPolicy::ReportAndContinue,
        )
        .unwrap_err(),
        PostError::NoRecipients
    );
    assert_eq!(
        Job::new(
            ACCOUNT,
            JOB,
            SENDER,
            letter(Postage::Prior),
            vec![],
            created()
        )
        .unwrap_err(),
        PostError::NoRecipients
    );
}

#[test]
fn a_refused_submission_changes_nothing() {
    let mut job = Job::new(
        ACCOUNT,
        JOB,
        SENDER,
        letter(Postage::NonPrior),
        vec![belgian(), dutch()],
        created(),
    )
    .unwrap();
    let error = submit(&mut job, later(1)).unwrap_err();
    assert_eq!(error.code(), "post.job_refused");
    assert_eq!(job.state(), JobState::Draft);
    assert!(job.history().is_empty());
    let report = job
        .submit(
            later(2),
            PostData::builtin(),
            &PostCalendars::default(),
            RecipientPolicy::ReportAndContinue,
        )
        .unwrap();
    assert_eq!((report.quotes.len(), report.failures.len()), (1, 1));
    assert_eq!(job.state(), JobState::Submitted);
    assert_eq!(job.submitted_at(), Some(later(2)));
}

// ---- State machine -------------------------------------------------------------------------------

const LEGAL: [(JobState, JobState); 11] = [
    (JobState::Draft, JobState::AwaitingApproval),
    (JobState::Draft, JobState::Submitted),
    (JobState::Draft, JobState::Cancelled),
    (JobState::AwaitingApproval, JobState::Approved),
    (JobState::AwaitingApproval, JobState::Rejected),
    (JobState::AwaitingApproval, JobState::Cancelled),
    (JobState::Approved, JobState::Submitted),
    (JobState::Approved, JobState::Cancelled),
    (JobState::Submitted, JobState::Processing),
    (JobState::Submitted, JobState::Cancelled),
    (JobState::Processing, JobState::HandedOver),
];

#[test]
fn every_transition_is_legal_or_an_error_naming_both_states() {
    let mut legal = 0;
    for from in JobState::ALL {
        for to in JobState::ALL
            .into_iter()
            .filter(|to| *to != JobState::Draft)
        {
            let mut job = job_in(from);
            let history = job.history().len();
            let result = attempt(&mut job, to, later(10));
            if LEGAL.contains(&(from, to)) {
                legal += 1;
                assert!(result.is_ok(), "{from} → {to}: {result:?}");
                assert_eq!(job.state(), to);
                assert_eq!(job.history().len(), history + 1);
                let last = job.history().last().unwrap();
                assert_eq!((last.from, last.to, last.at), (from, to, later(10)));
                assert!(from.can_become(to));
            } else {
                let error = result.unwrap_err();
                assert_eq!(error.code(), "post.illegal_transition", "{from} → {to}");
                assert!(
                    matches!(error, PostError::IllegalTransition { from: f, to: t, .. } if f == from && t == to)
                );
                let message = error.to_string();
                assert!(
                    message.starts_with(&format!("job: cannot go from {from} to {to}; ")),
                    "{message}"
                );
                assert_eq!(job.state(), from, "{from} → {to} changed the state");
                assert_eq!(job.history().len(), history);
                assert!(!from.can_become(to));
            }
        }
        // Nothing goes back to draft.
        assert!(!from.can_become(JobState::Draft));
    }
    assert_eq!(legal, LEGAL.len());
}

#[test]
fn cancel_is_allowed_before_processing_and_is_free() {
    for from in [
        JobState::Draft,
        JobState::AwaitingApproval,
        JobState::Approved,
        JobState::Submitted,
    ] {
        let mut job = job_in(from);
        job.cancel(later(10), Some(SENDER)).unwrap();
        assert_eq!(job.state(), JobState::Cancelled);
        assert!(!job.billable(), "{from}");
    }
    let mut processing = job_in(JobState::Processing);
    let error = processing.cancel(later(10), Some(SENDER)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "job: cannot go from processing to cancelled; a job in processing goes to handed_over only; it can no longer be cancelled"
    );
    assert!(processing.billable());
}

#[test]
fn a_sender_who_needs_approval_goes_through_it() {
    let mut job = new_job(true);
    let error = submit(&mut job, later(1)).unwrap_err();
    assert_eq!(
        error,
        PostError::ApprovalRequired {
            from: JobState::Draft
        }
    );
    assert_eq!(job.state(), JobState::Draft);

    let link = job
        .request_approval(
            MANAGER,
            later(2),
            &ring(),
            LINK_BASE,
            Some(later(60 * 24 * 7)),
        )
        .unwrap();
    assert_eq!(job.state(), JobState::AwaitingApproval);
    assert_eq!(link.url, format!("{LINK_BASE}{}", link.token));
    assert_eq!(
        (link.approver, link.expires_at),
        (MANAGER, Some(later(60 * 24 * 7)))
    );
    assert_eq!(
        submit(&mut job, later(3)).unwrap_err().code(),
        "post.illegal_transition"
    );

    let approver = job
        .verify_approval_link(&ring(), &link.token, later(30))
        .unwrap();
    assert_eq!(approver, MANAGER);
    job.approve(approver, later(30)).unwrap();
    submit(&mut job, later(31)).unwrap();
    job.start_processing(later(60)).unwrap();
    job.hand_over(at("2026-03-10T23:30:00Z")).unwrap();
    assert_eq!(job.handed_over_on(), NaiveDate::from_ymd_opt(2026, 3, 11)); // 00:30 in Brussels
    assert_eq!(
        job.history(),
        [
            Transition {
                from: JobState::Draft,
                to: JobState::AwaitingApproval,
                at: later(2),
                by: Some(SENDER)
            },
            Transition {
                from: JobState::AwaitingApproval,
                to: JobState::Approved,
                at: later(30),
                by: Some(MANAGER)
            },
            Transition {
                from: JobState::Approved,
                to: JobState::Submitted,
                at: later(31),
                by: None
            },
            Transition {
                from: JobState::Submitted,
                to: JobState::Processing,
                at: later(60),
                by: None
            },
            Transition {
                from: JobState::Processing,
                to: JobState::HandedOver,
                at: at("2026-03-10T23:30:00Z"),
                by: None
            },
        ]
    );
    assert!(job.billable());

    // A rejected job is final.
    let mut rejected = new_job(true);
    rejected
        .request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    rejected.reject(MANAGER, later(2)).unwrap();
    assert_eq!(rejected.history().last().unwrap().by, Some(MANAGER));
    assert_eq!(
        submit(&mut rejected, later(3)).unwrap_err().code(),
        "post.illegal_transition"
    );
}

#[test]
fn a_sender_cannot_approve_their_own_job() {
    let mut job = new_job(true);
    assert_eq!(
        job.request_approval(SENDER, later(1), &ring(), LINK_BASE, None)
            .unwrap_err(),
        PostError::SelfApproval { approver: SENDER }
    );
    assert_eq!(job.state(), JobState::Draft);
    job.request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    assert_eq!(
        job.approve(SENDER, later(2)).unwrap_err().code(),
        "post.self_approval"
    );
    assert_eq!(
        job.reject(SENDER, later(2)).unwrap_err().code(),
        "post.self_approval"
    );
    assert_eq!(job.state(), JobState::AwaitingApproval);
}

#[test]
fn an_approval_link_is_refused_when_forged_expired_or_for_another_job() {
    let mut job = new_job(true);
    let expires = later(60);
    let link = job
        .request_approval(MANAGER, later(1), &ring(), LINK_BASE, Some(expires))
        .unwrap();

    // Expired: valid strictly before its expiry.
    assert!(
        job.verify_approval_link(&ring(), &link.token, expires - Duration::seconds(1))
            .is_ok()
    );
    assert_eq!(
        job.verify_approval_link(&ring(), &link.token, expires)
            .unwrap_err()
            .code(),
        "token.expired"
    );
    // Altered.
    let mut altered = link.token.clone().into_bytes();
    let last = altered.len() - 3;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    assert!(
        job.verify_approval_link(&ring(), &altered, later(2))
            .unwrap_err()
            .code()
            .starts_with("token.")
    );
    // Another key.
    let other_ring = KeyRing::new([(1, vec![0x24; 32])], 1).unwrap();
    assert_eq!(
        job.verify_approval_link(&other_ring, &link.token, later(2))
            .unwrap_err()
            .code(),
        "token.bad_tag"
    );
    // Another job of the account.
    let other_job = Job::new(
        ACCOUNT,
        JOB + 1,
        SENDER,
        letter(Postage::Prior),
        vec![belgian()],
        created(),
    )
    .unwrap();
    let error = other_job
        .verify_approval_link(&ring(), &link.token, later(2))
        .unwrap_err();
    assert_eq!(
        error,
        PostError::ApprovalLinkMismatch {
            link_account: ACCOUNT,
            link_job: JOB,
            account: ACCOUNT,
            job: JOB + 1
        }
    );
    // A token of the same ring made for another purpose, or naming no approver.
    let claims = Claims {
        account: Some(ACCOUNT),
        message: Some(JOB),
        recipient: Some(MANAGER),
        ..Claims::default()
    };
    let click = ring()
        .issue(Purpose::Click, &claims, later(1), None)
        .unwrap();
    assert_eq!(
        job.verify_approval_link(&ring(), &click, later(2))
            .unwrap_err()
            .code(),
        "token.wrong_purpose"
    );
    let anonymous = Claims {
        recipient: None,
        ..claims
    };
    let anonymous = ring()
        .issue(Purpose::Approval, &anonymous, later(1), None)
        .unwrap();
    assert_eq!(
        job.verify_approval_link(&ring(), &anonymous, later(2))
            .unwrap_err(),
        PostError::ApprovalLinkWithoutApprover
    );
}

#[test]
fn an_approval_request_that_cannot_make_its_link_changes_nothing() {
    let mut job = new_job(true);
    for base in ["", "approve/", "ftp://files.example/", "https://"] {
        let error = job
            .request_approval(MANAGER, later(1), &ring(), base, None)
            .unwrap_err();
        assert_eq!(error.code(), "post.invalid_link_base", "{base:?}");
        assert_eq!(job.state(), JobState::Draft);
    }
    // An expiry that is not after the request is the token machinery's error.
    let error = job
        .request_approval(MANAGER, later(1), &ring(), LINK_BASE, Some(later(1)))
        .unwrap_err();
    assert_eq!(error.code(), "token.invalid_time");
    assert!(job.history().is_empty());
    // A sender may ask for approval even when the account does not require it.
    let mut voluntary = new_job(false);
    voluntary
        .request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    assert_eq!(voluntary.state(), JobState::AwaitingApproval);
}

#[test]
fn a_change_dated_before_the_last_one_is_refused() {
    let mut job = new_job(false);
    let error = submit(&mut job, created() - Duration::seconds(1)).unwrap_err();
    assert_eq!(
        error,
        PostError::TimeRegression {
            at: created() - Duration::seconds(1),
            last: created()
        }
    );
    submit(&mut job, later(5)).unwrap();
    assert_eq!(
        job.start_processing(later(4)).unwrap_err().code(),
        "post.time_regression"
    );
    // The same instant is fine.
    job.start_processing(later(5)).unwrap();
    assert_eq!(job.state(), JobState::Processing);
}

#[test]
fn a_job_is_plain_data() {
    let job = job_in(JobState::Processing);
    let text = serde_json::to_string(&job).unwrap();
    assert!(text.contains("\"state\":\"processing\""));
    let back: Job = serde_json::from_str(&text).unwrap();
    assert_eq!(back, job);
    assert_eq!(
        (back.account(), back.id(), back.sender()),
        (ACCOUNT, JOB, SENDER)
    );
    assert_eq!(back.recipients().len(), 2);
    assert_eq!(back.letter().postage, Postage::Prior);
    assert_eq!(back.created_at(), created());
    assert!(!back.approval_required());
}

// ---- The approver --------------------------------------------------------------------------------

const OTHER: u64 = 11;

#[test]
fn only_the_approver_asked_may_approve_or_reject() {
    let mut job = new_job(true);
    assert_eq!(job.approver(), None);
    job.request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    assert_eq!(job.approver(), Some(MANAGER));
    let error = job.approve(OTHER, later(2)).unwrap_err();
    assert_eq!(
        error,
        PostError::WrongApprover {
            approver: MANAGER,
            given: OTHER
        }
    );
    assert_eq!(error.code(), "post.wrong_approver");
    assert_eq!(
        error.to_string(),
        "approver: user 11 is not the approver asked for this job (user 9); only they may approve or reject it"
    );
    assert_eq!(
        job.reject(OTHER, later(2)).unwrap_err(),
        PostError::WrongApprover {
            approver: MANAGER,
            given: OTHER
        }
    );
    assert_eq!(job.state(), JobState::AwaitingApproval);
    assert_eq!(job.history().len(), 1);
    // A state error comes first: there is nothing to approve in a draft.
    assert_eq!(
        new_job(true).approve(OTHER, later(2)).unwrap_err().code(),
        "post.illegal_transition"
    );
    job.reject(MANAGER, later(3)).unwrap();
    assert_eq!(job.state(), JobState::Rejected);
    assert_eq!(job.approver(), Some(MANAGER));
}

#[test]
fn an_approval_token_without_account_or_job_has_its_own_error() {
    let job = new_job(true);
    for (account, message, missing) in [
        (None, Some(JOB), "account"),
        (Some(ACCOUNT), None, "message"),
        (None, None, "account and message"),
    ] {
        let claims = Claims {
            account,
            message,
            recipient: Some(MANAGER),
            ..Claims::default()
        };
        let token = ring()
            .issue(Purpose::Approval, &claims, later(1), None)
            .unwrap();
        let error = job
            .verify_approval_link(&ring(), &token, later(2))
            .unwrap_err();
        assert_eq!(error, PostError::ApprovalLinkWithoutJob { missing });
        assert_eq!(error.code(), "post.approval_link_without_job");
        assert!(
            error
                .to_string()
                .starts_with(&format!("approval link: it names no {missing};")),
            "{error}"
        );
    }
}

// ---- Registered letters ---------------------------------------------------------------------------

fn registered_letter() -> Letter {
    Letter {
        return_address: Some(address(&["Envoi SA", "Rue Haute 1", "1000 BRUXELLES"])),
        acknowledgement: true,
        ..letter(Postage::Registered)
    }
}

/// A registered job to two Belgian addresses and a Dutch one (refused), submitted.
fn registered_job() -> Job {
    let mut job = Job::new(
        ACCOUNT,
        JOB,
        SENDER,
        registered_letter(),
        vec![
            belgian(),
            dutch(),
            address(&["Marie Janssens", "9000 GENT"]),
        ],
        created(),
    )
    .unwrap();
    let report = job
        .submit(
            later(1),
            PostData::builtin(),
            &PostCalendars::default(),
            RecipientPolicy::ReportAndContinue,
        )
        .unwrap();
    assert_eq!(report.failures[0].code(), "post.registered_national_only");
    assert_eq!(job.sent_rows(), [0, 2]);
    job
}

#[test]
fn each_registered_letter_gets_its_barcode_when_printing_starts_all_or_none() {
    let mut job = registered_job();
    let mut range = BarcodeRange::s10("RR", 41, 50, "BE").unwrap();
    assert_eq!(
        job.assign_barcodes(&mut range).unwrap_err(),
        PostError::WrongJobState {
            action: "assign_barcodes",
            state: JobState::Submitted,
            needed: JobState::Processing
        }
    );
    job.start_processing(later(2)).unwrap();

    // Too few barcodes left: nothing is used, nothing is given.
    let mut short = BarcodeRange::s10("RR", 7, 7, "BE").unwrap();
    let error = job.assign_barcodes(&mut short).unwrap_err();
    assert!(
        matches!(
            error,
            PostError::BarcodeRangeExhausted {
                requested: 2,
                remaining: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(short.remaining(), 1);
    assert!(job.registered_letters().is_empty());

    // Handed over without barcodes: refused.
    assert_eq!(
        job.hand_over(later(3)).unwrap_err(),
        PostError::BarcodesNotAssigned { letters: 2 }
    );
    assert_eq!(job.state(), JobState::Processing);

    let letters = job.assign_barcodes(&mut range).unwrap().to_vec();
    assert_eq!(
        letters,
        [
            RegisteredLetter {
                row: 0,
                barcode: Barcode::s10("RR", 41, "BE").unwrap()
            },
            RegisteredLetter {
                row: 2,
                barcode: Barcode::s10("RR", 42, "BE").unwrap()
            },
        ]
    );
    // Asked again: the same barcodes, the range untouched.
    assert_eq!(job.assign_barcodes(&mut range).unwrap(), letters);
    assert_eq!(range.remaining(), 8);
    assert_eq!(job.registered_letters(), letters);

    // The summaries exist once the job is handed over.
    assert_eq!(
        job.registered_summaries().unwrap_err(),
        PostError::WrongJobState {
            action: "registered_summaries",
            state: JobState::Processing,
            needed: JobState::HandedOver
        }
    );
    job.hand_over(at("2026-03-10T15:00:00Z")).unwrap();
    let summaries = job.registered_summaries().unwrap();
    assert_eq!(summaries.len(), 2);
    assert_eq!(summaries[0].barcode, letters[0].barcode);
    assert_eq!(summaries[0].recipient, belgian());
    assert_eq!(summaries[1].barcode, letters[1].barcode);
    assert_eq!(
        summaries[1].recipient,
        address(&["Marie Janssens", "9000 GENT"])
    );
    for summary in &summaries {
        assert_eq!(summary.submitted_at, later(1));
        assert_eq!(
            summary.handed_over_on,
            NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
        );
        assert!(summary.acknowledgement);
        assert_eq!(
            summary.claim_deadline().unwrap(),
            NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()
        );
    }
    let text = summaries[1].to_text(envoi::language::Language::En).unwrap();
    assert!(text.contains(&format!(
        "Registered letter number: {}\n",
        letters[1].barcode
    )));
    // After the hand-over, asking again still gives the same barcodes.
    assert_eq!(job.assign_barcodes(&mut range).unwrap(), letters);
    assert_eq!(range.remaining(), 8);
}

#[test]
fn only_registered_jobs_have_barcodes_and_summaries() {
    let mut job = job_in(JobState::Processing);
    let mut range = BarcodeRange::s10("RR", 1, 10, "BE").unwrap();
    let error = job.assign_barcodes(&mut range).unwrap_err();
    assert_eq!(
        error,
        PostError::NotRegistered {
            postage: Postage::Prior
        }
    );
    assert_eq!(error.code(), "post.not_registered");
    assert_eq!(range.remaining(), 10);
    // A prior job is handed over without barcodes.
    job.hand_over(later(20)).unwrap();
    assert_eq!(
        job.registered_summaries().unwrap_err().code(),
        "post.not_registered"
    );
    // A cancelled registered job never gets barcodes.
    let mut cancelled = registered_job();
    cancelled.cancel(later(2), None).unwrap();
    assert_eq!(
        cancelled.assign_barcodes(&mut range).unwrap_err().code(),
        "post.wrong_job_state"
    );
}

// ---- A stored job keeps its rules ----------------------------------------------------------------

/// A registered job handed over with its barcodes, through approval.
fn handed_over_registered_job() -> Job {
    let mut job = Job::new(
        ACCOUNT,
        JOB,
        SENDER,
        registered_letter(),
        vec![belgian(), address(&["Marie Janssens", "9000 GENT"])],
        created(),
    )
    .unwrap()
    .with_approval_required(true);
    job.request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    job.approve(MANAGER, later(2)).unwrap();
    submit(&mut job, later(3)).unwrap();
    job.start_processing(later(4)).unwrap();
    job.assign_barcodes(&mut BarcodeRange::s10("RR", 1, 9, "BE").unwrap())
        .unwrap();
    job.hand_over(later(5)).unwrap();
    job
}

/// The error of reading `job` back once `edit` changed its JSON.
fn tampered(job: &Job, edit: impl FnOnce(&mut Value)) -> PostError {
    let mut json = serde_json::to_value(job).unwrap();
    edit(&mut json);
    let text = json.to_string();
    let error = Job::from_json(&text).unwrap_err();
    // serde refuses it too, with the same message (for a rule of the job) or the same syntax
    // message (for JSON that is not a job's).
    let serde_error = serde_json::from_str::<Job>(&text).unwrap_err().to_string();
    let expected = match &error {
        PostError::InvalidJob { field, rule, .. } if field == "json" => rule.clone(),
        other => other.to_string(),
    };
    assert!(
        serde_error.starts_with(&expected),
        "{serde_error} / {error}"
    );
    error
}

/// The field an [`PostError::InvalidJob`] names.
fn field(error: &PostError) -> &str {
    match error {
        PostError::InvalidJob { field, .. } => field,
        other => panic!("not an invalid job: {other:?}"),
    }
}

#[test]
fn a_job_the_methods_made_reads_back_the_same_in_every_state() {
    for state in JobState::ALL {
        let job = job_in(state);
        let text = serde_json::to_string(&job).unwrap();
        assert_eq!(Job::from_json(&text).unwrap(), job, "{state}");
    }
    let job = handed_over_registered_job();
    let text = serde_json::to_string(&job).unwrap();
    assert!(text.contains(r#""approver":9"#), "{text}");
    assert!(text.contains(r#""sent_rows":[0,1]"#), "{text}");
    assert!(
        text.contains(r#""registered_letters":[{"row":0,"barcode":"RR000000014BE"},{"row":1,"barcode":"RR000000028BE"}]"#),
        "{text}"
    );
    assert_eq!(Job::from_json(&text).unwrap(), job);
    // The fields added later default to empty in a stored draft.
    let mut draft = serde_json::to_value(new_job(false)).unwrap();
    let object = draft.as_object_mut().unwrap();
    for name in ["approver", "sent_rows", "registered_letters"] {
        object.remove(name);
    }
    assert_eq!(Job::from_json(&draft.to_string()).unwrap(), new_job(false));
}

#[test]
fn a_stored_history_is_a_chain_from_draft_forward_in_time_ending_in_the_state() {
    let job = handed_over_registered_job();
    // The state is where the history leads.
    let error = tampered(&job, |json| json["state"] = json!("processing"));
    assert_eq!(field(&error), "state");
    assert_eq!(
        error.to_string(),
        "job: state: processing is not where the history leaves the job (handed_over)"
    );
    let error = tampered(&new_job(false), |json| json["state"] = json!("submitted"));
    assert_eq!(field(&error), "state");
    // A chain from draft.
    let error = tampered(&job, |json| {
        json["history"][0]["from"] = json!("approved");
    });
    assert_eq!(field(&error), "history[0].from");
    let error = tampered(&job, |json| {
        json["history"][3]["from"] = json!("approved");
    });
    assert_eq!(field(&error), "history[3].from");
    assert_eq!(
        error.to_string(),
        "job: history[3].from: approved is not where the previous change left the job (submitted); the history is a chain from draft"
    );
    // Of allowed changes only.
    let error = tampered(&job_in(JobState::Submitted), |json| {
        json["history"][0]["to"] = json!("handed_over");
        json["state"] = json!("handed_over");
    });
    assert_eq!(field(&error), "history[0].to");
    let error = tampered(&job, |json| {
        let history = json["history"].as_array_mut().unwrap();
        history.remove(3); // submitted → processing
        history[3]["from"] = json!("submitted");
    });
    assert_eq!(field(&error), "history[3].to"); // submitted → handed_over skips processing
    // Times never go back, from the job's creation on.
    let error = tampered(&job, |json| {
        json["history"][2]["at"] = json!("2026-03-10T08:00:30Z");
    });
    assert_eq!(field(&error), "history[2].at");
    assert!(error.to_string().contains("never goes back in time"));
    let error = tampered(&job, |json| {
        json["history"][0]["at"] = json!("2026-03-10T07:59:59Z");
    });
    assert_eq!(field(&error), "history[0].at");
    // At least one recipient.
    assert_eq!(
        tampered(&new_job(false), |json| json["recipients"] = json!([])),
        PostError::NoRecipients
    );
}

#[test]
fn a_stored_job_does_not_skip_the_approval_or_change_its_approver() {
    let job = handed_over_registered_job();
    // Submitted straight from draft while the account requires approval.
    let mut skipped = job_in(JobState::Submitted);
    skipped = skipped.with_approval_required(true);
    let error = tampered(&skipped, |_| {});
    assert_eq!(field(&error), "history[0].to");
    assert!(error.to_string().contains("requires approval"), "{error}");
    // Approved by someone else than the approver asked.
    let error = tampered(&job, |json| json["history"][1]["by"] = json!(OTHER));
    assert_eq!(field(&error), "history[1].by");
    let error = tampered(&job, |json| json["approver"] = json!(OTHER));
    assert_eq!(field(&error), "history[1].by");
    // Asked by someone else than the sender.
    let error = tampered(&job, |json| json["history"][0]["by"] = json!(MANAGER));
    assert_eq!(field(&error), "history[0].by");
    // The approver is there exactly when approval was asked, and is not the sender.
    let error = tampered(&job, |json| json["approver"] = json!(null));
    assert_eq!(field(&error), "history[1].by");
    let awaiting = job_in(JobState::AwaitingApproval);
    let error = tampered(&awaiting, |json| json["approver"] = json!(null));
    assert_eq!(field(&error), "approver");
    let error = tampered(&job_in(JobState::Submitted), |json| {
        json["approver"] = json!(MANAGER)
    });
    assert_eq!(field(&error), "approver");
    let error = tampered(&awaiting, |json| json["approver"] = json!(SENDER));
    assert_eq!(error, PostError::SelfApproval { approver: SENDER });
}

/// A change to a stored job's JSON.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn a_stored_job_sends_to_its_submitted_rows_with_one_barcode_each() {
    let job = handed_over_registered_job();
    let cases: Vec<(Job, Edit, &str)> = vec![
        (
            new_job(false),
            Box::new(|json| json["sent_rows"] = json!([0])),
            "sent_rows",
        ),
        (
            job_in(JobState::Submitted),
            Box::new(|json| json["sent_rows"] = json!([])),
            "sent_rows",
        ),
        (
            job_in(JobState::Submitted),
            Box::new(|json| json["sent_rows"] = json!([0, 2])),
            "sent_rows[1]",
        ),
        (
            job_in(JobState::Submitted),
            Box::new(|json| json["sent_rows"] = json!([1, 1])),
            "sent_rows[1]",
        ),
        (
            job_in(JobState::Processing),
            Box::new(|json| {
                json["registered_letters"] = json!([{"row": 0, "barcode": "RR000000014BE"}])
            }),
            "registered_letters",
        ),
        (
            job.clone(),
            Box::new(|json| json["registered_letters"] = json!([])),
            "registered_letters",
        ),
        (
            job.clone(),
            Box::new(|json| json["registered_letters"][1]["row"] = json!(0)),
            "registered_letters",
        ),
        (
            job.clone(),
            Box::new(|json| json["registered_letters"][1]["barcode"] = json!("RR000000014BE")),
            "registered_letters[1].barcode",
        ),
        (
            registered_job(),
            Box::new(|json| {
                json["registered_letters"] = json!([
                    {"row": 0, "barcode": "RR000000014BE"},
                    {"row": 2, "barcode": "RR000000028BE"}
                ])
            }),
            "registered_letters",
        ),
        (
            job.clone(),
            Box::new(|json| json["registered_letters"][0]["barcode"] = json!("RR000000015BE")),
            "json",
        ),
        (
            job.clone(),
            Box::new(|json| json["unknown"] = json!(1)),
            "json",
        ),
    ];
    for (index, (stored, edit, expected)) in cases.into_iter().enumerate() {
        let error = tampered(&stored, edit);
        assert_eq!(field(&error), expected, "case {index}: {error}");
        assert_eq!(error.code(), "post.invalid_job");
    }
    let error = Job::from_json("{").unwrap_err();
    assert_eq!(field(&error), "json");
}

proptest! {
    /// Whatever the methods do to a job, what they leave reads back as the same job.
    #[test]
    fn every_job_the_methods_make_reads_back(
        steps in proptest::collection::vec((0usize..8, 0i64..120), 0..8),
        approval_required in any::<bool>(),
        registered in any::<bool>(),
    ) {
        let (letter, recipients) = if registered {
            (registered_letter(), vec![belgian(), dutch(), belgian()])
        } else {
            (letter(Postage::Prior), vec![belgian(), dutch()])
        };
        let mut job = Job::new(ACCOUNT, JOB, SENDER, letter, recipients, created())
            .unwrap()
            .with_approval_required(approval_required);
        let mut range = BarcodeRange::s10("RR", 1, 99, "BE").unwrap();
        let mut when = created();
        for (step, minutes) in steps {
            when += Duration::minutes(minutes - 20); // sometimes back in time: refused
            let _ = match step {
                0 => job.request_approval(MANAGER, when, &ring(), LINK_BASE, None).map(drop),
                1 => job.approve(MANAGER, when),
                2 => job.reject(if minutes % 2 == 0 { MANAGER } else { OTHER }, when),
                3 => submit(&mut job, when),
                4 => job.start_processing(when),
                5 => job.assign_barcodes(&mut range).map(drop),
                6 => job.hand_over(when),
                _ => job.cancel(when, Some(SENDER)),
            };
        }
        let text = serde_json::to_string(&job).unwrap();
        prop_assert_eq!(Job::from_json(&text).unwrap(), job);
    }
}

#[test]
fn a_link_without_expiry_never_expires_but_acts_only_while_the_job_awaits_approval() {
    let mut job = new_job(true);
    let link = job
        .request_approval(MANAGER, later(1), &ring(), LINK_BASE, None)
        .unwrap();
    assert_eq!(link.expires_at, None);
    let ten_years = later(60 * 24 * 3653);
    let approver = job
        .verify_approval_link(&ring(), &link.token, ten_years)
        .unwrap();
    assert_eq!(approver, MANAGER);
    job.approve(approver, ten_years).unwrap();
    // The same link, used again: the job no longer awaits approval.
    let again = job
        .verify_approval_link(&ring(), &link.token, ten_years)
        .unwrap();
    assert_eq!(
        job.reject(again, ten_years).unwrap_err().code(),
        "post.illegal_transition"
    );
}
