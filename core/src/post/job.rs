//! Jobs (mailings): one letter definition sent to an address list, and the job's states.
//!
//! ```text
//! draft ──────────────────────────────────────────┐
//!   │ request_approval                            │ submit (when the account does not require
//!   ▼                                             ▼         approval for the sender)
//! awaiting_approval ── approve ──► approved ── submit ──► submitted ── start_processing ──►
//!   │ reject                                                 processing ── hand_over ──► handed_over
//!   ▼
//! rejected
//!
//! cancel: from draft, awaiting_approval, approved or submitted (before processing) ──► cancelled
//! ```
//!
//! Rejected, handed over and cancelled are final. A cancelled job never reached processing and is
//! not billed ([`Job::billable`]). Every change takes its time as an argument, is refused when it
//! is earlier than the job's last change, and is kept in the job's [`history`](Job::history).
//!
//! Registered mail: once printing starts, [`Job::assign_barcodes`] gives each registered letter its
//! barcode from the host's [`BarcodeRange`] (printed on the letter); a registered job is handed
//! over only with them, and then [`Job::registered_summaries`] gives each letter's summary.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::time::Instant;
use crate::token::{Claims, KeyRing, Purpose};

use super::barcode::{Barcode, BarcodeRange};
use super::data::PostData;
use super::dates::{PostCalendars, submission_date};
use super::error::PostError;
use super::letter::Letter;
use super::postage::Postage;
use super::quote::Quote;
use super::registered::RegisteredSummary;

/// The state of a job.
///
/// ```text
/// draft ──► awaiting_approval ──► approved ──► submitted ──► processing ──► handed_over
///   │               │                              ▲
///   │               └──► rejected                  │
///   └──────────────────────────────────────────────┘  (when the sender needs no approval)
/// cancelled: from draft, awaiting_approval, approved or submitted
/// ```
///
/// Rejected, handed over and cancelled are final; see [`Job`] for the methods that move a job.
///
/// ```
/// use envoi::post::JobState;
///
/// assert!(JobState::Draft.can_become(JobState::AwaitingApproval));
/// assert!(JobState::Submitted.can_become(JobState::Cancelled));
/// assert!(!JobState::Processing.can_become(JobState::Cancelled));
/// assert_eq!(serde_json::to_string(&JobState::HandedOver)?, "\"handed_over\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Being prepared; nothing is sent.
    Draft,
    /// Waiting for a manager's approval.
    AwaitingApproval,
    /// Approved; the sender (or the host) may submit it.
    Approved,
    /// Rejected by the approver (final).
    Rejected,
    /// Submitted for printing; it can still be cancelled.
    Submitted,
    /// Being printed; it can no longer be cancelled.
    Processing,
    /// Handed to the post (final).
    HandedOver,
    /// Cancelled before processing, not billed (final).
    Cancelled,
}

impl JobState {
    /// Every state, in the order of the state machine.
    pub const ALL: [JobState; 8] = [
        JobState::Draft,
        JobState::AwaitingApproval,
        JobState::Approved,
        JobState::Rejected,
        JobState::Submitted,
        JobState::Processing,
        JobState::HandedOver,
        JobState::Cancelled,
    ];

    /// The state's name in JSON and in the bindings (`"awaiting_approval"`…).
    ///
    /// ```
    /// assert_eq!(envoi::post::JobState::AwaitingApproval.code(), "awaiting_approval");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            JobState::Draft => "draft",
            JobState::AwaitingApproval => "awaiting_approval",
            JobState::Approved => "approved",
            JobState::Rejected => "rejected",
            JobState::Submitted => "submitted",
            JobState::Processing => "processing",
            JobState::HandedOver => "handed_over",
            JobState::Cancelled => "cancelled",
        }
    }

    /// The states a job in this state may go to (whatever the account requires: a draft may go to
    /// submitted only when its sender needs no approval).
    ///
    /// ```
    /// use envoi::post::JobState;
    /// assert_eq!(JobState::Approved.next_states(), [JobState::Submitted, JobState::Cancelled]);
    /// assert!(JobState::HandedOver.next_states().is_empty());
    /// ```
    pub fn next_states(self) -> &'static [JobState] {
        match self {
            JobState::Draft => &[
                JobState::AwaitingApproval,
                JobState::Submitted,
                JobState::Cancelled,
            ],
            JobState::AwaitingApproval => {
                &[JobState::Approved, JobState::Rejected, JobState::Cancelled]
            }
            JobState::Approved => &[JobState::Submitted, JobState::Cancelled],
            JobState::Submitted => &[JobState::Processing, JobState::Cancelled],
            JobState::Processing => &[JobState::HandedOver],
            JobState::Rejected | JobState::HandedOver | JobState::Cancelled => &[],
        }
    }

    /// Whether a job in this state may go to `to`.
    ///
    /// ```
    /// use envoi::post::JobState;
    /// assert!(JobState::Processing.can_become(JobState::HandedOver));
    /// assert!(!JobState::Rejected.can_become(JobState::Approved));
    /// ```
    pub fn can_become(self, to: JobState) -> bool {
        self.next_states().contains(&to)
    }

    /// Whether the state is final (rejected, handed over, cancelled).
    ///
    /// ```
    /// assert!(envoi::post::JobState::Cancelled.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        self.next_states().is_empty()
    }

    /// What the state machine allows from this state, for error messages.
    fn rule(self) -> &'static str {
        match self {
            JobState::Draft => {
                "a draft goes to awaiting_approval, submitted (without required approval) or cancelled"
            }
            JobState::AwaitingApproval => {
                "a job awaiting approval goes to approved, rejected or cancelled"
            }
            JobState::Approved => "an approved job goes to submitted or cancelled",
            JobState::Submitted => {
                "a submitted job goes to processing or cancelled (cancel is allowed before processing only)"
            }
            JobState::Processing => {
                "a job in processing goes to handed_over only; it can no longer be cancelled"
            }
            JobState::Rejected => "rejected is final",
            JobState::HandedOver => "handed_over is final",
            JobState::Cancelled => "cancelled is final",
        }
    }
}

impl fmt::Display for JobState {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

/// One change of a job's state: from, to, when and by whom (the host's user id, when known).
///
/// ```
/// use envoi::post::{JobState, Transition};
/// let change = Transition { from: JobState::AwaitingApproval, to: JobState::Approved,
///                           at: "2026-03-10T10:00:00Z".parse().unwrap(), by: Some(7) };
/// assert_eq!(
///     serde_json::to_string(&change)?,
///     r#"{"from":"awaiting_approval","to":"approved","at":"2026-03-10T10:00:00Z","by":7}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The state before.
    pub from: JobState,
    /// The state after.
    pub to: JobState,
    /// When.
    pub at: Instant,
    /// Who (the approver for approved and rejected, the sender for an approval request, the
    /// canceller when given).
    pub by: Option<u64>,
}

/// What to do when some recipients of a job break a rule: report them and send to the others, or
/// refuse the whole job.
///
/// ```
/// use envoi::post::RecipientPolicy;
/// assert_eq!(serde_json::to_string(&RecipientPolicy::RefuseJob)?, "\"refuse_job\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecipientPolicy {
    /// Report each refused recipient with its row and reason; the others go on.
    ReportAndContinue,
    /// Refuse the whole job when any recipient is refused ([`PostError::JobRefused`]).
    RefuseJob,
}

/// The quote of one recipient of a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientQuote {
    /// The recipient's position in the job's address list, from 0.
    pub row: usize,
    /// Its quote.
    pub quote: Quote,
}

/// A recipient of a job that breaks a rule: its row and the reason.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::{PostError, RecipientFailure};
/// let failure = RecipientFailure { row: 3, error: PostError::EmptyAddress };
/// assert_eq!(failure.code(), "post.empty_address");
/// assert_eq!(failure.to_string(), "recipients[3]: address: no line; a recipient address has at least one non-blank line");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientFailure {
    /// The recipient's position in the job's address list, from 0.
    pub row: usize,
    /// Why it is refused.
    pub error: PostError,
}

impl RecipientFailure {
    /// The stable code of the reason (`post.registered_national_only`…).
    pub fn code(&self) -> &'static str {
        crate::error::ErrorCode::code(&self.error)
    }
}

impl fmt::Display for RecipientFailure {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "recipients[{}]: {}", self.row, self.error)
    }
}

/// The recipients of a job, quoted one by one: those that go (with their quote) and those refused
/// (with their reason), each in row order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReport {
    /// The number of recipients of the job.
    pub recipients: usize,
    /// The recipients that go, with their quote.
    pub quotes: Vec<RecipientQuote>,
    /// The recipients refused, with their reason.
    pub failures: Vec<RecipientFailure>,
}

/// Quotes `letter` for each address of `recipients`, submitted at `submitted_at`.
///
/// The letter's own checks (documents, sheets, envelope, weight, RP, return address,
/// acknowledgement) are made once: a failure refuses the whole job, whatever `policy`. Then each
/// recipient gets its own country, postage check and dates; national and international addresses
/// mix (prior is applied as prior international abroad). A refused recipient is reported with its
/// row and reason; with [`RecipientPolicy::RefuseJob`], or when no recipient is left, the job is
/// refused with [`PostError::JobRefused`] listing every refused recipient.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::{Document, Letter, PostCalendars, PostData, Postage, RecipientPolicy, quote_job};
///
/// let letter = Letter::new(vec![Document::a4(2)], Postage::NonPrior);
/// let recipients = vec![
///     vec!["Jean Dupont".to_string(), "Rue Haute 1".into(), "1000 BRUXELLES".into()],
///     vec!["Jan de Vries".to_string(), "1015 CJ AMSTERDAM".into(), "PAYS-BAS".into()],
///     vec!["Marie Janssens".to_string(), "9000 GENT".into()],
/// ];
/// let at = "2026-03-10T09:00:00Z".parse()?;
/// let (data, calendars) = (PostData::builtin(), PostCalendars::default());
///
/// let report = quote_job(&letter, &recipients, at, data, &calendars, RecipientPolicy::ReportAndContinue)?;
/// assert_eq!(report.quotes.iter().map(|q| q.row).collect::<Vec<_>>(), [0, 2]);
/// assert_eq!(report.failures[0].row, 1);
/// assert_eq!(report.failures[0].code(), "post.non_prior_national_only");
///
/// let error = quote_job(&letter, &recipients, at, data, &calendars, RecipientPolicy::RefuseJob).unwrap_err();
/// assert_eq!(error.code(), "post.job_refused");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`PostError::NoRecipients`]; the letter's errors (as [`PostData::quote`]);
/// [`PostError::JobRefused`].
pub fn quote_job<A, S>(
    letter: &Letter,
    recipients: &[A],
    submitted_at: Instant,
    data: &PostData,
    calendars: &PostCalendars,
    policy: RecipientPolicy,
) -> Result<JobReport, PostError>
where
    A: AsRef<[S]>,
    S: AsRef<str>,
{
    if recipients.is_empty() {
        return Err(PostError::NoRecipients);
    }
    let plan = data.plan(letter, submitted_at, calendars)?;
    let mut quotes = Vec::with_capacity(recipients.len());
    let mut failures = Vec::new();
    for (row, address) in recipients.iter().enumerate() {
        match data.quote_planned(letter, &plan, address.as_ref(), calendars) {
            Ok(quote) => quotes.push(RecipientQuote { row, quote }),
            Err(error) => failures.push(RecipientFailure { row, error }),
        }
    }
    let refuse = !failures.is_empty() && policy == RecipientPolicy::RefuseJob;
    if refuse || quotes.is_empty() {
        return Err(PostError::JobRefused {
            recipients: recipients.len(),
            failures,
        });
    }
    Ok(JobReport {
        recipients: recipients.len(),
        quotes,
        failures,
    })
}

/// A signed approval link for a job: the URL sent to the approver, and the token in it.
///
/// The token is a [`crate::token`] token for [`Purpose::Approval`] whose claims are the account,
/// the job (in the `message` claim) and the approver (in the `recipient` claim); see
/// [`Job::request_approval`] and [`Job::verify_approval_link`].
///
/// **Expiry.** A link made without `expires_at` never expires: envoi sets no default. What the link
/// can do is bounded by the job, not by time: it approves or rejects only while the job awaits
/// approval, only for the approver it names ([`Job::approve`] refuses anyone else), and does
/// nothing once the job is approved, rejected or cancelled. A default validity would strand jobs:
/// a job awaiting approval cannot ask again (only draft can), so an approver back after the link
/// lapsed could only see it cancelled. A host that wants links to lapse passes `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalLink {
    /// The link: the host's base followed by the token.
    pub url: String,
    /// The signed token (URL-safe).
    pub token: String,
    /// The approver the link is for.
    pub approver: u64,
    /// When the link expires; `None`: it never expires (see above).
    pub expires_at: Option<Instant>,
}

/// The barcode of one registered letter of a job: the recipient's row and the barcode printed on
/// its letter.
///
/// ```
/// use envoi::post::{Barcode, RegisteredLetter};
/// let letter = RegisteredLetter { row: 2, barcode: Barcode::parse("RR000000014BE")? };
/// assert_eq!(serde_json::to_string(&letter)?, r#"{"row":2,"barcode":"RR000000014BE"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredLetter {
    /// The recipient's position in the job's address list, from 0.
    pub row: usize,
    /// The letter's barcode.
    pub barcode: Barcode,
}

/// A job (a mailing): one letter definition sent to each address of a list, with its state and
/// history.
///
/// The ids are the host's: the account, the job and the sender (a user). When the account requires
/// a manager's approval for this sender ([`with_approval_required`](Self::with_approval_required)),
/// a draft must go through awaiting approval and approved before it is submitted; any sender may
/// also ask for approval of their own accord; only the approver asked may approve or reject.
///
/// Plain data: the host stores it as JSON. Reading it back checks what the methods guarantee (see
/// [`from_json`](Self::from_json)): a job read from JSON never skips its rules.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::{Document, Job, JobState, Letter, PostCalendars, PostData, Postage, RecipientPolicy};
/// use envoi::token::KeyRing;
///
/// let letter = Letter::new(vec![Document::a4(1)], Postage::Prior);
/// let recipients = vec![vec!["Jean Dupont".to_string(), "Rue Haute 1".into(), "1000 BRUXELLES".into()]];
/// let at = |text: &str| text.parse::<envoi::time::Instant>().unwrap();
/// let mut job = Job::new(12, 345, 7, letter, recipients, at("2026-03-10T08:00:00Z"))?.with_approval_required(true);
///
/// let (data, calendars) = (PostData::builtin(), PostCalendars::default());
/// let error = job.submit(at("2026-03-10T08:05:00Z"), data, &calendars, RecipientPolicy::RefuseJob).unwrap_err();
/// assert_eq!(error.code(), "post.approval_required");
///
/// let ring = KeyRing::new([(1, vec![0x42; 32])], 1)?;
/// let link = job.request_approval(9, at("2026-03-10T08:06:00Z"), &ring, "https://app.example/approve/", None)?;
/// assert!(link.url.starts_with("https://app.example/approve/"));
/// let approver = job.verify_approval_link(&ring, &link.token, at("2026-03-10T09:00:00Z"))?;
/// job.approve(approver, at("2026-03-10T09:00:00Z"))?;
/// let report = job.submit(at("2026-03-10T09:01:00Z"), data, &calendars, RecipientPolicy::RefuseJob)?;
/// assert_eq!(report.quotes.len(), 1);
/// job.start_processing(at("2026-03-10T10:00:00Z"))?;
/// assert_eq!(job.cancel(at("2026-03-10T10:01:00Z"), Some(7)).unwrap_err().code(), "post.illegal_transition");
/// job.hand_over(at("2026-03-10T15:00:00Z"))?;
/// assert_eq!(job.state(), JobState::HandedOver);
/// assert_eq!(job.history().len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "JobJson")]
pub struct Job {
    account: u64,
    id: u64,
    sender: u64,
    approval_required: bool,
    letter: Letter,
    recipients: Vec<Vec<String>>,
    created_at: Instant,
    state: JobState,
    history: Vec<Transition>,
    approver: Option<u64>,
    sent_rows: Vec<usize>,
    registered_letters: Vec<RegisteredLetter>,
}

/// A job as stored, before its rules are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JobJson {
    account: u64,
    id: u64,
    sender: u64,
    approval_required: bool,
    letter: Letter,
    recipients: Vec<Vec<String>>,
    created_at: Instant,
    state: JobState,
    history: Vec<Transition>,
    #[serde(default)]
    approver: Option<u64>,
    #[serde(default)]
    sent_rows: Vec<usize>,
    #[serde(default)]
    registered_letters: Vec<RegisteredLetter>,
}

fn invalid_job(
    field: impl Into<String>,
    value: impl fmt::Display,
    rule: impl Into<String>,
) -> PostError {
    PostError::InvalidJob {
        field: field.into(),
        value: value.to_string().chars().take(80).collect(),
        rule: rule.into(),
    }
}

impl TryFrom<JobJson> for Job {
    type Error = PostError;

    /// Checks what the methods guarantee, in this order: at least one recipient; the history is a
    /// chain from draft of allowed changes whose times never go back (from `created_at`), and its
    /// last state is `state`; no draft → submitted when approval is required; the approver is set
    /// exactly when approval was asked, is not the sender, and is the one who approved or
    /// rejected; `sent_rows` are rising rows of the list, set exactly when the job was submitted;
    /// registered letters only for a registered job from processing on, one per sent row with
    /// distinct barcodes, and all of them once handed over.
    fn try_from(json: JobJson) -> Result<Job, PostError> {
        if json.recipients.is_empty() {
            return Err(PostError::NoRecipients);
        }
        let mut state = JobState::Draft;
        let mut last = json.created_at;
        for (index, change) in json.history.iter().enumerate() {
            let field = |name: &str| format!("history[{index}].{name}");
            if change.from != state {
                return Err(invalid_job(
                    field("from"),
                    change.from,
                    format!(
                        "is not where the previous change left the job ({state}); the history is a chain from draft"
                    ),
                ));
            }
            if !change.from.can_become(change.to) {
                return Err(invalid_job(field("to"), change.to, change.from.rule()));
            }
            if change.at < last {
                return Err(invalid_job(
                    field("at"),
                    change.at.to_rfc3339(),
                    format!(
                        "is before {} (the job's creation or previous change); a job's history never goes back in time",
                        last.to_rfc3339()
                    ),
                ));
            }
            if json.approval_required
                && change.from == JobState::Draft
                && change.to == JobState::Submitted
            {
                return Err(invalid_job(
                    field("to"),
                    change.to,
                    "the account requires approval for this sender: draft → awaiting_approval → approved → submitted",
                ));
            }
            match change.to {
                JobState::AwaitingApproval if change.by != Some(json.sender) => {
                    return Err(invalid_job(
                        field("by"),
                        format_args!("{:?}", change.by),
                        format!(
                            "an approval request is made by the sender (user {})",
                            json.sender
                        ),
                    ));
                }
                JobState::Approved | JobState::Rejected if change.by != json.approver => {
                    return Err(invalid_job(
                        field("by"),
                        format_args!("{:?}", change.by),
                        format!(
                            "a job is approved or rejected by the approver asked ({:?})",
                            json.approver
                        ),
                    ));
                }
                _ => {}
            }
            state = change.to;
            last = change.at;
        }
        if json.state != state {
            return Err(invalid_job(
                "state",
                json.state,
                format!("is not where the history leaves the job ({state})"),
            ));
        }
        let reached = |target: JobState| json.history.iter().any(|change| change.to == target);
        match json.approver {
            Some(approver) if approver == json.sender => {
                return Err(PostError::SelfApproval { approver });
            }
            Some(approver) if !reached(JobState::AwaitingApproval) => {
                return Err(invalid_job(
                    "approver",
                    approver,
                    "is set but approval was never asked; request_approval sets it",
                ));
            }
            None if reached(JobState::AwaitingApproval) => {
                return Err(invalid_job(
                    "approver",
                    "null",
                    "approval was asked: the job names the approver asked",
                ));
            }
            _ => {}
        }
        check_sent_rows(&json, reached(JobState::Submitted))?;
        check_registered_letters(&json)?;
        Ok(Job {
            account: json.account,
            id: json.id,
            sender: json.sender,
            approval_required: json.approval_required,
            letter: json.letter,
            recipients: json.recipients,
            created_at: json.created_at,
            state: json.state,
            history: json.history,
            approver: json.approver,
            sent_rows: json.sent_rows,
            registered_letters: json.registered_letters,
        })
    }
}

fn check_sent_rows(json: &JobJson, submitted: bool) -> Result<(), PostError> {
    let rows = &json.sent_rows;
    if !submitted {
        if !rows.is_empty() {
            return Err(invalid_job(
                "sent_rows",
                format_args!("{rows:?}"),
                "the rows that go are chosen when the job is submitted; this job was not",
            ));
        }
        return Ok(());
    }
    if rows.is_empty() {
        return Err(invalid_job(
            "sent_rows",
            "[]",
            "a submitted job sends to at least one recipient",
        ));
    }
    for (index, row) in rows.iter().enumerate() {
        if *row >= json.recipients.len() {
            return Err(invalid_job(
                format!("sent_rows[{index}]"),
                row,
                format!("is not a row of the {} recipients", json.recipients.len()),
            ));
        }
        if index > 0 && rows.get(index - 1).is_some_and(|before| before >= row) {
            return Err(invalid_job(
                format!("sent_rows[{index}]"),
                row,
                "is not after the row before; sent rows rise",
            ));
        }
    }
    Ok(())
}

fn check_registered_letters(json: &JobJson) -> Result<(), PostError> {
    let letters = &json.registered_letters;
    let registered = json.letter.postage == Postage::Registered;
    if letters.is_empty() {
        if registered && json.state == JobState::HandedOver {
            return Err(invalid_job(
                "registered_letters",
                "[]",
                "a registered job is handed over with a barcode on each letter",
            ));
        }
        return Ok(());
    }
    if !registered {
        return Err(invalid_job(
            "registered_letters",
            format_args!("{} letters", letters.len()),
            format!(
                "only registered letters get a barcode; this job's postage is {}",
                json.letter.postage
            ),
        ));
    }
    if !matches!(json.state, JobState::Processing | JobState::HandedOver) {
        return Err(invalid_job(
            "registered_letters",
            format_args!("{} letters", letters.len()),
            format!(
                "barcodes are given when printing starts; this job is {}",
                json.state
            ),
        ));
    }
    let rows: Vec<usize> = letters.iter().map(|letter| letter.row).collect();
    if rows != json.sent_rows {
        return Err(invalid_job(
            "registered_letters",
            format_args!("rows {rows:?}"),
            format!(
                "each sent row has one barcode, in order: {:?}",
                json.sent_rows
            ),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (index, letter) in letters.iter().enumerate() {
        if !seen.insert(&letter.barcode) {
            return Err(invalid_job(
                format!("registered_letters[{index}].barcode"),
                &letter.barcode,
                "is given to another letter of the job; each letter has its own barcode",
            ));
        }
    }
    Ok(())
}

impl Job {
    /// A draft job of the host's `account`, with the host's job `id`, made by the user `sender`,
    /// sending `letter` to each address of `recipients` (each an address's lines). No approval is
    /// required until [`with_approval_required`](Self::with_approval_required) says so.
    ///
    /// # Errors
    ///
    /// [`PostError::NoRecipients`] for an empty list.
    pub fn new(
        account: u64,
        id: u64,
        sender: u64,
        letter: Letter,
        recipients: Vec<Vec<String>>,
        created_at: Instant,
    ) -> Result<Job, PostError> {
        if recipients.is_empty() {
            return Err(PostError::NoRecipients);
        }
        Ok(Job {
            account,
            id,
            sender,
            approval_required: false,
            letter,
            recipients,
            created_at,
            state: JobState::Draft,
            history: Vec::new(),
            approver: None,
            sent_rows: Vec::new(),
            registered_letters: Vec::new(),
        })
    }

    /// Reads a job the host stored (the JSON [`serde`] writes), checking that it keeps the rules the
    /// methods keep: a job read back never skips a state, an approval or a time order.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Document, Job, Letter, Postage, PostError};
    ///
    /// let at = "2026-03-10T08:00:00Z".parse()?;
    /// let job = Job::new(1, 2, 3, Letter::new(vec![Document::a4(1)], Postage::Prior), vec![vec!["9000 GENT".into()]], at)?
    ///     .with_approval_required(true);
    /// let text = serde_json::to_string(&job)?;
    /// assert_eq!(Job::from_json(&text)?, job);
    ///
    /// // A stored job that claims to be submitted without the approval its account requires.
    /// let forged = text.replace(
    ///     r#""state":"draft","history":[]"#,
    ///     r#""state":"submitted","history":[{"from":"draft","to":"submitted","at":"2026-03-10T08:01:00Z","by":null}]"#,
    /// );
    /// let error = Job::from_json(&forged).unwrap_err();
    /// assert_eq!(error.code(), "post.invalid_job");
    /// assert!(matches!(&error, PostError::InvalidJob { field, .. } if field == "history[0].to"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidJob`] naming the field, the value and the rule (field `json` for text
    /// that is not a job's JSON); [`PostError::NoRecipients`]; [`PostError::SelfApproval`] for an
    /// approver who is the sender.
    pub fn from_json(text: &str) -> Result<Job, PostError> {
        let json: JobJson = serde_json::from_str(text).map_err(|error| {
            invalid_job(
                "json",
                format_args!("line {} column {}", error.line(), error.column()),
                error.to_string(),
            )
        })?;
        Job::try_from(json)
    }

    /// The same job, with the account requiring (or not) a manager's approval for its sender.
    pub fn with_approval_required(self, required: bool) -> Job {
        Job {
            approval_required: required,
            ..self
        }
    }

    /// The host's account id.
    pub fn account(&self) -> u64 {
        self.account
    }

    /// The host's job id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The user who made the job.
    pub fn sender(&self) -> u64 {
        self.sender
    }

    /// Whether the account requires a manager's approval for the sender.
    pub fn approval_required(&self) -> bool {
        self.approval_required
    }

    /// The letter sent to every recipient.
    pub fn letter(&self) -> &Letter {
        &self.letter
    }

    /// The recipients' addresses, in row order.
    pub fn recipients(&self) -> &[Vec<String>] {
        &self.recipients
    }

    /// When the job was made.
    pub fn created_at(&self) -> Instant {
        self.created_at
    }

    /// The current state.
    pub fn state(&self) -> JobState {
        self.state
    }

    /// Every change of state, oldest first.
    pub fn history(&self) -> &[Transition] {
        &self.history
    }

    /// The approver asked ([`request_approval`](Self::request_approval)), if approval was asked.
    pub fn approver(&self) -> Option<u64> {
        self.approver
    }

    /// The rows of the recipients that go, chosen when the job was submitted (those refused then
    /// are not sent); empty before.
    pub fn sent_rows(&self) -> &[usize] {
        &self.sent_rows
    }

    /// The barcode of each registered letter ([`assign_barcodes`](Self::assign_barcodes)), in row
    /// order; empty before, and for other postages.
    pub fn registered_letters(&self) -> &[RegisteredLetter] {
        &self.registered_letters
    }

    /// When the job was submitted, if it was.
    pub fn submitted_at(&self) -> Option<Instant> {
        self.entered(JobState::Submitted)
    }

    /// The day the job was handed to the post (Europe/Brussels), if it was.
    pub fn handed_over_on(&self) -> Option<NaiveDate> {
        self.entered(JobState::HandedOver).map(submission_date)
    }

    /// Whether the job is billed: it reached processing. A job cancelled before processing is free.
    ///
    /// ```
    /// # use envoi::post::{Document, Job, Letter, Postage};
    /// let at = "2026-03-10T08:00:00Z".parse().unwrap();
    /// let mut job = Job::new(1, 2, 3, Letter::new(vec![Document::a4(1)], Postage::Prior), vec![vec!["9000 GENT".into()]], at)?;
    /// job.cancel(at, None)?;
    /// assert!(!job.billable());
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn billable(&self) -> bool {
        self.entered(JobState::Processing).is_some()
    }

    fn entered(&self, state: JobState) -> Option<Instant> {
        self.history
            .iter()
            .find(|change| change.to == state)
            .map(|change| change.at)
    }

    /// Checks that the job may go to `to` at `at` (not before its last change).
    fn check_move(&self, to: JobState, at: Instant) -> Result<(), PostError> {
        let last = self
            .history
            .last()
            .map_or(self.created_at, |change| change.at);
        if at < last {
            return Err(PostError::TimeRegression { at, last });
        }
        if to == JobState::Submitted && self.state == JobState::Draft && self.approval_required {
            return Err(PostError::ApprovalRequired { from: self.state });
        }
        if !self.state.can_become(to) {
            return Err(PostError::IllegalTransition {
                from: self.state,
                to,
                rule: self.state.rule(),
            });
        }
        Ok(())
    }

    fn record(&mut self, to: JobState, at: Instant, by: Option<u64>) {
        self.history.push(Transition {
            from: self.state,
            to,
            at,
            by,
        });
        self.state = to;
    }

    fn move_to(&mut self, to: JobState, at: Instant, by: Option<u64>) -> Result<(), PostError> {
        self.check_move(to, at)?;
        self.record(to, at, by);
        Ok(())
    }

    /// Asks `approver` (a user of the host, not the sender) to approve the draft: the job goes to
    /// awaiting approval and keeps the approver ([`approver`](Self::approver)), and the signed link
    /// to send them is returned. The link is `link_base` followed by a token signed with `ring`'s
    /// active key for [`Purpose::Approval`], valid until `expires_at`; with `None` it never
    /// expires (no default: see [`ApprovalLink`] for why).
    ///
    /// # Errors
    ///
    /// [`PostError::SelfApproval`]; [`PostError::TimeRegression`];
    /// [`PostError::IllegalTransition`] from any state but draft; [`PostError::Token`] when the
    /// token cannot be issued (`at` before 2025, an expiry not after `at`);
    /// [`PostError::InvalidLinkBase`] when `link_base` is not an absolute http(s) URL with a host,
    /// or the link it makes with the token is not one.
    /// Nothing changes on error.
    pub fn request_approval(
        &mut self,
        approver: u64,
        at: Instant,
        ring: &KeyRing,
        link_base: &str,
        expires_at: Option<Instant>,
    ) -> Result<ApprovalLink, PostError> {
        if approver == self.sender {
            return Err(PostError::SelfApproval { approver });
        }
        self.check_move(JobState::AwaitingApproval, at)?;
        let claims = Claims {
            account: Some(self.account),
            message: Some(self.id),
            recipient: Some(approver),
            ..Claims::default()
        };
        let token = ring.issue(Purpose::Approval, &claims, at, expires_at)?;
        let url = format!("{link_base}{token}");
        let web = |text: &str| {
            Url::parse(text).is_ok_and(|parsed| {
                matches!(parsed.scheme(), "https" | "http") && parsed.has_host()
            })
        };
        // The base alone must be a web URL (so the token is never read as its host), and so must the
        // link.
        let valid = web(link_base) && web(&url);
        if !valid {
            return Err(PostError::InvalidLinkBase {
                value: link_base.chars().take(80).collect(),
            });
        }
        self.record(JobState::AwaitingApproval, at, Some(self.sender));
        self.approver = Some(approver);
        Ok(ApprovalLink {
            url,
            token,
            approver,
            expires_at,
        })
    }

    /// Checks an approval link's token at `now` and says which approver it was sent to: a token
    /// signed by `ring` for [`Purpose::Approval`], unexpired, naming this job's account and id. The
    /// host then calls [`approve`](Self::approve) or [`reject`](Self::reject) with that approver.
    ///
    /// # Errors
    ///
    /// [`PostError::Token`] (altered, forged, expired, another purpose…);
    /// [`PostError::ApprovalLinkWithoutJob`] for a token that names no account or no job (not made
    /// by this module); [`PostError::ApprovalLinkMismatch`] for another job's link;
    /// [`PostError::ApprovalLinkWithoutApprover`] for a token that names no approver.
    pub fn verify_approval_link(
        &self,
        ring: &KeyRing,
        token: &str,
        now: Instant,
    ) -> Result<u64, PostError> {
        let claims = ring.verify(Purpose::Approval, token, now)?.claims;
        let (link_account, link_job) = match (claims.account, claims.message) {
            (Some(account), Some(job)) => (account, job),
            (None, Some(_)) => {
                return Err(PostError::ApprovalLinkWithoutJob { missing: "account" });
            }
            (Some(_), None) => {
                return Err(PostError::ApprovalLinkWithoutJob { missing: "message" });
            }
            (None, None) => {
                return Err(PostError::ApprovalLinkWithoutJob {
                    missing: "account and message",
                });
            }
        };
        if link_account != self.account || link_job != self.id {
            return Err(PostError::ApprovalLinkMismatch {
                link_account,
                link_job,
                account: self.account,
                job: self.id,
            });
        }
        claims
            .recipient
            .ok_or(PostError::ApprovalLinkWithoutApprover)
    }

    /// The approver approves the job awaiting approval.
    ///
    /// # Errors
    ///
    /// [`PostError::SelfApproval`] when the approver is the sender; [`PostError::TimeRegression`];
    /// [`PostError::IllegalTransition`] from any state but awaiting approval;
    /// [`PostError::WrongApprover`] when `approver` is not the one asked. Nothing changes on error.
    pub fn approve(&mut self, approver: u64, at: Instant) -> Result<(), PostError> {
        self.decide(JobState::Approved, approver, at)
    }

    fn decide(&mut self, to: JobState, approver: u64, at: Instant) -> Result<(), PostError> {
        if approver == self.sender {
            return Err(PostError::SelfApproval { approver });
        }
        self.check_move(to, at)?;
        match self.approver {
            Some(asked) if asked == approver => {}
            Some(asked) => {
                return Err(PostError::WrongApprover {
                    approver: asked,
                    given: approver,
                });
            }
            // A job awaiting approval always names its approver (request_approval and from_json).
            None => {
                return Err(invalid_job(
                    "approver",
                    "null",
                    "a job awaiting approval names the approver asked",
                ));
            }
        }
        self.record(to, at, Some(approver));
        Ok(())
    }

    /// The approver rejects the job awaiting approval (final).
    ///
    /// # Errors
    ///
    /// As [`approve`](Self::approve).
    pub fn reject(&mut self, approver: u64, at: Instant) -> Result<(), PostError> {
        self.decide(JobState::Rejected, approver, at)
    }

    /// Submits the job at `at`: quotes every recipient ([`quote_job`]) and, unless the job is
    /// refused, goes to submitted, keeps the rows that go ([`sent_rows`](Self::sent_rows)) and
    /// returns the report (the recipients that go, and those refused with their reason).
    ///
    /// # Errors
    ///
    /// [`PostError::TimeRegression`]; [`PostError::ApprovalRequired`] for a draft whose sender
    /// needs approval; [`PostError::IllegalTransition`] from any state but draft or approved; the
    /// errors of [`quote_job`]. Nothing changes on error.
    pub fn submit(
        &mut self,
        at: Instant,
        data: &PostData,
        calendars: &PostCalendars,
        policy: RecipientPolicy,
    ) -> Result<JobReport, PostError> {
        self.check_move(JobState::Submitted, at)?;
        let report = quote_job(&self.letter, &self.recipients, at, data, calendars, policy)?;
        self.record(JobState::Submitted, at, None);
        self.sent_rows = report.quotes.iter().map(|quote| quote.row).collect();
        Ok(report)
    }

    /// Printing starts: the job can no longer be cancelled and will be billed.
    ///
    /// # Errors
    ///
    /// [`PostError::TimeRegression`]; [`PostError::IllegalTransition`] from any state but
    /// submitted.
    pub fn start_processing(&mut self, at: Instant) -> Result<(), PostError> {
        self.move_to(JobState::Processing, at, None)
    }

    /// The letters are handed to the post (final); the handover day starts the registered-mail
    /// deadlines. A registered job is handed over only once its letters have their barcodes
    /// ([`assign_barcodes`](Self::assign_barcodes)).
    ///
    /// # Errors
    ///
    /// [`PostError::TimeRegression`]; [`PostError::IllegalTransition`] from any state but
    /// processing; [`PostError::BarcodesNotAssigned`] for a registered job without its barcodes.
    pub fn hand_over(&mut self, at: Instant) -> Result<(), PostError> {
        self.check_move(JobState::HandedOver, at)?;
        if self.letter.postage == Postage::Registered && self.registered_letters.is_empty() {
            return Err(PostError::BarcodesNotAssigned {
                letters: self.sent_rows.len(),
            });
        }
        self.record(JobState::HandedOver, at, None);
        Ok(())
    }

    /// Gives each registered letter of the job its barcode from the host's `range`, all or none,
    /// once printing has started (the barcode is printed on the letter): one per sent row, in row
    /// order. Asked again, it returns the barcodes already given and leaves `range` untouched.
    ///
    /// ```
    /// use envoi::post::{BarcodeRange, Document, Job, Letter, PostCalendars, PostData, Postage, RecipientPolicy};
    ///
    /// let mut letter = Letter::new(vec![Document::a4(1)], Postage::Registered);
    /// letter.return_address = Some(vec!["Envoi SA".into(), "1000 BRUXELLES".into()]);
    /// let recipients = vec![vec!["Jean Dupont".into(), "9000 GENT".into()], vec!["Jan de Vries".into(), "PAYS-BAS".into()]];
    /// let at = |text: &str| text.parse::<envoi::time::Instant>().unwrap();
    /// let mut job = Job::new(1, 2, 3, letter, recipients, at("2026-03-10T08:00:00Z"))?;
    /// job.submit(at("2026-03-10T08:01:00Z"), PostData::builtin(), &PostCalendars::default(), RecipientPolicy::ReportAndContinue)?;
    /// job.start_processing(at("2026-03-10T09:00:00Z"))?;
    ///
    /// let mut range = BarcodeRange::s10("RR", 1, 500, "BE")?;
    /// let letters = job.assign_barcodes(&mut range)?.to_vec();
    /// assert_eq!(letters.len(), 1); // the Dutch address was refused at submission: no letter
    /// assert_eq!((letters[0].row, letters[0].barcode.as_str()), (0, "RR000000014BE"));
    /// assert_eq!(job.assign_barcodes(&mut range)?, letters); // the same, nothing more used
    /// assert_eq!(range.remaining(), 499);
    ///
    /// job.hand_over(at("2026-03-10T15:00:00Z"))?;
    /// let summaries = job.registered_summaries()?;
    /// assert_eq!(summaries[0].barcode.as_str(), "RR000000014BE");
    /// assert_eq!(summaries[0].recipient, ["Jean Dupont", "9000 GENT"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::NotRegistered`] for another postage; [`PostError::WrongJobState`] when the job
    /// is not processing (and has no barcodes yet); [`PostError::BarcodeRangeExhausted`] when the
    /// range has fewer barcodes left than the job has letters (nothing is used).
    pub fn assign_barcodes(
        &mut self,
        range: &mut BarcodeRange,
    ) -> Result<&[RegisteredLetter], PostError> {
        if self.letter.postage != Postage::Registered {
            return Err(PostError::NotRegistered {
                postage: self.letter.postage,
            });
        }
        if self.registered_letters.is_empty() {
            if self.state != JobState::Processing {
                return Err(PostError::WrongJobState {
                    action: "assign_barcodes",
                    state: self.state,
                    needed: JobState::Processing,
                });
            }
            let barcodes = range.take(self.sent_rows.len())?;
            self.registered_letters = self
                .sent_rows
                .iter()
                .zip(barcodes)
                .map(|(row, barcode)| RegisteredLetter { row: *row, barcode })
                .collect();
        }
        Ok(&self.registered_letters)
    }

    /// The summary of each registered letter of the job, in row order, once it is handed over:
    /// submission time, handover day, recipient, barcode and acknowledgement of receipt (see
    /// [`RegisteredSummary`] for the deadlines and the printed text).
    ///
    /// # Errors
    ///
    /// [`PostError::NotRegistered`] for another postage; [`PostError::WrongJobState`] before the
    /// job is handed over.
    pub fn registered_summaries(&self) -> Result<Vec<RegisteredSummary>, PostError> {
        if self.letter.postage != Postage::Registered {
            return Err(PostError::NotRegistered {
                postage: self.letter.postage,
            });
        }
        let wrong_state = || PostError::WrongJobState {
            action: "registered_summaries",
            state: self.state,
            needed: JobState::HandedOver,
        };
        let (Some(submitted_at), Some(handed_over_on), JobState::HandedOver) =
            (self.submitted_at(), self.handed_over_on(), self.state)
        else {
            return Err(wrong_state());
        };
        self.registered_letters
            .iter()
            .map(|letter| {
                let recipient = self.recipients.get(letter.row).cloned().unwrap_or_default();
                RegisteredSummary::new(
                    letter.barcode.clone(),
                    recipient,
                    submitted_at,
                    handed_over_on,
                    self.letter.acknowledgement,
                )
            })
            .collect()
    }

    /// Cancels the job (free), by `by` when known: from draft, awaiting approval, approved or
    /// submitted.
    ///
    /// # Errors
    ///
    /// [`PostError::TimeRegression`]; [`PostError::IllegalTransition`] from processing and from the
    /// final states.
    pub fn cancel(&mut self, at: Instant, by: Option<u64>) -> Result<(), PostError> {
        self.move_to(JobState::Cancelled, at, by)
    }
}
