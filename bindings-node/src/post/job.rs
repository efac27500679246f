//! `post.quoteJob` and `post.Job`: one letter sent to an address list, with each recipient's quote
//! or reason, and the job's states (with the approval step and its signed link, and the barcodes
//! of its registered letters).

use envoi::post::{self as core_post, PostCalendars, RecipientPolicy};
use envoi::time::{Instant, Zone};
use napi::bindgen_prelude::{Object, ToNapiValue, Unknown};
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use super::error::{failure_field, post_error};
use super::letter::{
    LETTER_OPTIONS, calendars_arg, flag, id_arg, letter_arg, options_arg, policy_arg,
    recipients_arg, required,
};
use super::quote::{Quote, data_option};
use super::registered::{BarcodeRange, RegisteredSummary};
use crate::args::{instance_arg, instance_mut_arg, napi_error, option_field, string_arg};
use crate::errors::{Code, JsError, field_value, guard, invalid_arg};
use crate::js::{Js, Raw};
use crate::time::{format_date, format_in, instant_arg};
use crate::token::KeyRing;

/// The quote of one recipient of a job.
#[allow(dead_code, reason = "the type of index.d.ts; built in `report_to_js`")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct RecipientQuote {
    /// The recipient's position in the job's address list, from 0.
    pub row: u32,
    /// Its quote.
    pub quote: Quote,
}

/// A recipient of a job that breaks a rule: its row and the reason.
#[allow(dead_code, reason = "the type of index.d.ts; built in `report_to_js`")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct RecipientFailure {
    /// The recipient's position in the job's address list, from 0.
    pub row: u32,
    /// The stable code of the reason (`'post.registered_national_only'`…).
    pub code: String,
    /// The reason, as a person reads it.
    pub message: String,
    /// The reason as an `Error` (not thrown) with its `code` and the core error's fields as
    /// properties, as {@link quote} would throw it.
    #[napi(ts_type = "Error & { code: string; [field: string]: unknown }")]
    pub error: String,
}

/// The recipients of a job, quoted one by one: those that go (`quotes`) and those refused
/// (`failures`, with their reason), each in row order.
#[allow(dead_code, reason = "the type of index.d.ts; built in `report_to_js`")]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct JobReport {
    /// The number of recipients of the job.
    pub recipients: u32,
    /// The recipients that go, with their quote, in row order.
    pub quotes: Vec<RecipientQuote>,
    /// The recipients refused, with their reason, in row order.
    pub failures: Vec<RecipientFailure>,
}

/// A report as a plain JS object ({@link JobReport}).
fn report_to_js(env: Env, report: &core_post::JobReport) -> napi::Result<sys::napi_value> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    let row = |row: usize| js.u32(u32::try_from(row).unwrap_or(u32::MAX));
    let object = js.object()?;
    js.set_named(object, c"recipients", row(report.recipients)?)?;
    let quotes = js.array(report.quotes.iter().map(|quote| {
        let item = js.object()?;
        js.set_named(item, c"row", row(quote.row)?)?;
        // SAFETY: `env` is the environment of this call, on its thread.
        let value = unsafe { Quote::to_napi_value(env.raw(), Quote::from(&quote.quote)) }?;
        js.set_named(item, c"quote", value)?;
        Ok(item)
    }))?;
    js.set_named(object, c"quotes", quotes)?;
    let failures = js.array(
        report
            .failures
            .iter()
            .map(|failure| field_value(js, failure_field(failure))),
    )?;
    js.set_named(object, c"failures", failures)?;
    Ok(object)
}

/// The report of the core, or its error thrown.
fn report(
    env: Env,
    report: Result<core_post::JobReport, core_post::PostError>,
) -> Result<Raw, JsError> {
    let report = report.map_err(|error| post_error(env, error))?;
    report_to_js(env, &report).map(Raw).map_err(napi_error)
}

/// The options of {@link quoteJob}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct QuoteJobOptions {
    /// The recipients' addresses, each an array of lines (the country line last when abroad).
    pub recipients: Vec<Vec<String>>,
    /// When the job is submitted: a `Date` or an ISO 8601 string with an offset.
    #[napi(ts_type = "Date | string")]
    pub submitted_at: String,
    /// What to do with recipients that break a rule: `'report_and_continue'` (report them in
    /// `failures`, send to the others) or `'refuse_job'` (throw `post.job_refused`).
    #[napi(ts_type = "'report_and_continue' | 'refuse_job'")]
    pub policy: String,
    /// The postage (as {@link QuoteOptions.postage}).
    #[napi(ts_type = "'prior' | 'non_prior' | 'registered' | 'rp' | 'prior_international'")]
    pub postage: String,
    /// As {@link QuoteOptions.color}.
    #[napi(ts_type = "boolean | null")]
    pub color: Option<bool>,
    /// As {@link QuoteOptions.duplex}.
    #[napi(ts_type = "boolean | null")]
    pub duplex: Option<bool>,
    /// As {@link QuoteOptions.acknowledgement}.
    #[napi(ts_type = "boolean | null")]
    pub acknowledgement: Option<bool>,
    /// As {@link QuoteOptions.envelope}.
    #[napi(ts_type = "'us' | 'c5' | 'c4' | null")]
    pub envelope: Option<String>,
    /// As {@link QuoteOptions.returnAddress}.
    #[napi(ts_type = "string[] | null")]
    pub return_address: Option<Vec<String>>,
    /// As {@link QuoteOptions.background}.
    #[napi(ts_type = "DocumentOptions | Uint8Array | null")]
    pub background: Option<String>,
    /// As {@link QuoteOptions.productionClosedDays}.
    #[napi(ts_type = "string[] | null")]
    pub production_closed_days: Option<Vec<String>>,
    /// As {@link QuoteOptions.deliveryClosedDays}.
    #[napi(ts_type = "string[] | null")]
    pub delivery_closed_days: Option<Vec<String>>,
    /// As {@link QuoteOptions.data}.
    #[napi(ts_type = "PostData | null")]
    pub data: Option<String>,
}

/// The option names of `quoteJob`, beyond the letter's.
const QUOTE_JOB_OPTIONS: [&str; 6] = [
    "recipients",
    "submittedAt",
    "policy",
    "productionClosedDays",
    "deliveryClosedDays",
    "data",
];

/// The option names of `quoteJob`: the letter's and the job's.
fn quote_job_options() -> Vec<&'static str> {
    LETTER_OPTIONS
        .iter()
        .chain(&QUOTE_JOB_OPTIONS)
        .copied()
        .collect()
}

/// Quotes one letter for each address of `recipients`, submitted at `submittedAt`.
///
/// The letter's own checks (documents, sheets, envelope, weight, RP, return address,
/// acknowledgement) are made once: a failure throws, whatever `policy`. Then each recipient gets
/// its own country, postage check and dates (national and international addresses mix; prior is
/// applied as prior international abroad). `'report_and_continue'` reports each refused recipient
/// with its row and reason in `failures`; `'refuse_job'` throws `post.job_refused` (with
/// `recipients` and `failures`) when any recipient is refused, as does either policy when none is
/// left. Throws as {@link quote}, and `post.no_recipients`.
///
/// ```js
/// const { post } = require('envoi')
/// const report = post.quoteJob([{ pages: 2 }], {
///   recipients: [['Jean Dupont', '1000 BRUXELLES'], ['Jan de Vries', '1015 CJ AMSTERDAM', 'PAYS-BAS']],
///   submittedAt: '2026-03-10T09:00:00Z', postage: 'non_prior', policy: 'report_and_continue',
/// })
/// report.quotes.map((q) => q.row)     // [0]
/// report.failures[0].code             // 'post.non_prior_national_only'
/// ```
#[napi(
    namespace = "post",
    ts_args_type = "documents: Array<DocumentOptions | Uint8Array>, options: QuoteJobOptions",
    ts_return_type = "JobReport"
)]
pub fn quote_job(
    env: Env,
    documents: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<Raw, Code> {
    guard(|| {
        let object = options_arg(
            &options,
            &quote_job_options(),
            "{ postage: 'prior', policy: 'refuse_job', recipients: [[…]], submittedAt: new Date() }",
        )?;
        let letter = letter_arg(env, &documents, &object)?;
        let recipients = recipients_arg(&required(&object, "recipients")?)?;
        let at = instant_arg("submittedAt", &required(&object, "submittedAt")?)?;
        let policy = policy_arg(&required(&object, "policy")?)?;
        let calendars = calendars_arg(&object)?;
        let data = data_option(&object)?;
        report(
            env,
            core_post::quote_job(&letter, &recipients, at, &data, &calendars, policy),
        )
    })
}

/// One change of a job's state.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built in `transition_to_js`"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct Transition {
    /// The state before.
    #[napi(
        ts_type = "'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'submitted' | 'processing' | 'handed_over' | 'cancelled'"
    )]
    pub from: String,
    /// The state after.
    #[napi(
        ts_type = "'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'submitted' | 'processing' | 'handed_over' | 'cancelled'"
    )]
    pub to: String,
    /// When, RFC 3339 in Europe/Brussels.
    pub at: String,
    /// Who: the approver for approved and rejected, the sender for an approval request, the
    /// canceller when given; else `null`.
    #[napi(ts_type = "number | bigint | null")]
    pub by: Option<f64>,
}

/// A signed approval link, from {@link Job.requestApproval}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built in `requestApproval`"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct ApprovalLink {
    /// The link to send to the approver: the host's base followed by the token.
    pub url: String,
    /// The signed token (URL-safe), a `tracking` token for the purpose `'approval'`.
    pub token: String,
    /// The approver the link is for.
    #[napi(ts_type = "number | bigint")]
    pub approver: f64,
    /// When the link expires (RFC 3339 in Europe/Brussels), or `null`: it never expires.
    #[napi(ts_type = "string | null")]
    pub expires_at: Option<String>,
}

/// The barcode of one registered letter of a job ({@link Job.assignBarcodes}).
#[napi(object, object_from_js = false, namespace = "post")]
pub struct RegisteredLetter {
    /// The recipient's position in the job's address list, from 0.
    pub row: u32,
    /// The barcode printed on its letter (`'RR123456785BE'`, or 30 digits).
    pub barcode: String,
}

/// A row as JS reads it (address lists stay far below 2^32 rows).
fn row(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

/// A job's registered letters as {@link RegisteredLetter}s.
fn letters(letters: &[core_post::RegisteredLetter]) -> Vec<RegisteredLetter> {
    letters
        .iter()
        .map(|letter| RegisteredLetter {
            row: row(letter.row),
            barcode: letter.barcode.to_string(),
        })
        .collect()
}

/// The options of the {@link Job} constructor.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct JobOptions {
    /// The recipients' addresses, each an array of lines.
    pub recipients: Vec<Vec<String>>,
    /// When the job is made: a `Date` or an ISO 8601 string with an offset.
    #[napi(ts_type = "Date | string")]
    pub created_at: String,
    /// The postage (as {@link QuoteOptions.postage}).
    #[napi(ts_type = "'prior' | 'non_prior' | 'registered' | 'rp' | 'prior_international'")]
    pub postage: String,
    /// As {@link QuoteOptions.color}.
    #[napi(ts_type = "boolean | null")]
    pub color: Option<bool>,
    /// As {@link QuoteOptions.duplex}.
    #[napi(ts_type = "boolean | null")]
    pub duplex: Option<bool>,
    /// As {@link QuoteOptions.acknowledgement}.
    #[napi(ts_type = "boolean | null")]
    pub acknowledgement: Option<bool>,
    /// As {@link QuoteOptions.envelope}.
    #[napi(ts_type = "'us' | 'c5' | 'c4' | null")]
    pub envelope: Option<String>,
    /// As {@link QuoteOptions.returnAddress}.
    #[napi(ts_type = "string[] | null")]
    pub return_address: Option<Vec<String>>,
    /// As {@link QuoteOptions.background}.
    #[napi(ts_type = "DocumentOptions | Uint8Array | null")]
    pub background: Option<String>,
    /// The account requires a manager's approval for this sender; default `false`.
    #[napi(ts_type = "boolean | null")]
    pub approval_required: Option<bool>,
}

/// The options of {@link Job.submit}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct SubmitOptions {
    /// As {@link QuoteJobOptions.policy}.
    #[napi(ts_type = "'report_and_continue' | 'refuse_job'")]
    pub policy: String,
    /// As {@link QuoteOptions.productionClosedDays}.
    #[napi(ts_type = "string[] | null")]
    pub production_closed_days: Option<Vec<String>>,
    /// As {@link QuoteOptions.deliveryClosedDays}.
    #[napi(ts_type = "string[] | null")]
    pub delivery_closed_days: Option<Vec<String>>,
    /// As {@link QuoteOptions.data}.
    #[napi(ts_type = "PostData | null")]
    pub data: Option<String>,
}

/// The options of {@link Job.requestApproval}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "post"
)]
pub struct ApprovalOptions {
    /// When the link expires: a `Date` or an ISO 8601 string with an offset; default never (see
    /// {@link Job.requestApproval}).
    #[napi(ts_type = "Date | string | null")]
    pub expires_at: Option<String>,
}

const JOB_OPTIONS: [&str; 3] = ["recipients", "createdAt", "approvalRequired"];
const SUBMIT_OPTIONS: [&str; 4] = [
    "policy",
    "productionClosedDays",
    "deliveryClosedDays",
    "data",
];

/// A job (a mailing): one letter sent to each address of a list, with its state and history.
///
/// States: `'draft'` → (`'awaiting_approval'` → `'approved'` | `'rejected'`) → `'submitted'` →
/// `'processing'` → `'handed_over'`; `'cancelled'` from any state before processing (not billed).
/// Each change takes its time (a `Date` or an ISO 8601 string with an offset; never before the
/// last change: `post.time_regression`) and is kept in `history`; an illegal change throws
/// `post.illegal_transition` (with `from`, `to` and `rule`) and changes nothing. A sender whose
/// account requires approval (`approvalRequired: true`) cannot submit a draft
/// (`post.approval_required`): {@link Job.requestApproval} makes the signed link for the approver
/// with a `tracking.KeyRing`, {@link Job.verifyApprovalLink} reads it back.
///
/// Only the approver asked may approve or reject (`post.wrong_approver`). A registered job gets its
/// letters' barcodes from the host's {@link BarcodeRange} once printing starts
/// ({@link Job.assignBarcodes}), is handed over only with them, and then gives each letter's
/// {@link RegisteredSummary} ({@link Job.registeredSummaries}).
///
/// Plain data: `toJson()` / `Job.fromJson(text)` (the core's JSON form, the same in every envoi
/// binding); reading it back checks the job's rules, so a stored job never skips one.
///
/// ```js
/// const { post, tracking } = require('envoi')
/// const job = new post.Job(12, 345, 7, [{ pages: 1 }], {
///   recipients: [['Jean Dupont', 'Rue Haute 1', '1000 BRUXELLES']],
///   createdAt: '2026-03-10T08:00:00Z', postage: 'prior', approvalRequired: true,
/// })
/// const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
/// const link = job.requestApproval(9, '2026-03-10T08:06:00Z', ring, 'https://app.example/approve/')
/// const approver = job.verifyApprovalLink(ring, link.token, '2026-03-10T09:00:00Z') // 9
/// job.approve(approver, '2026-03-10T09:00:00Z')
/// job.submit('2026-03-10T09:01:00Z', { policy: 'refuse_job' }).quotes.length // 1
/// job.state // 'submitted'
/// ```
#[napi(namespace = "post")]
pub struct Job {
    pub(crate) inner: core_post::Job,
}

/// An id as JS reads it exactly.
fn id_to_js(env: Env, id: u64) -> Result<Raw, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    js.id(id).map(Raw).map_err(napi_error)
}

/// A transition as a plain JS object ({@link Transition}).
fn transition_to_js(js: Js, transition: &core_post::Transition) -> napi::Result<sys::napi_value> {
    let object = js.object()?;
    js.set_named(object, c"from", js.str(transition.from.code())?)?;
    js.set_named(object, c"to", js.str(transition.to.code())?)?;
    js.set_named(object, c"at", js.str(&brussels(transition.at))?)?;
    let by = match transition.by {
        Some(by) => js.id(by)?,
        None => js.null()?,
    };
    js.set_named(object, c"by", by)?;
    Ok(object)
}

/// An instant as RFC 3339 in Europe/Brussels, the post's zone.
pub fn brussels(at: Instant) -> String {
    format_in(Zone::default(), at)
}

/// The time argument `name`.
fn at_arg(name: &str, value: &Unknown<'_>) -> Result<Instant, JsError> {
    instant_arg(name, value)
}

#[napi(namespace = "post")]
impl Job {
    /// A draft job of the host's `account`, with the host's job `id`, made by the user `sender`
    /// (ids: safe integers or `bigint`s), sending the letter (`documents` and the letter's options
    /// of {@link quote}) to each address of `options.recipients`, created at `options.createdAt`.
    /// PDFs are read now (their page sizes are kept, not their bytes). Throws `post.no_recipients`,
    /// a PDF's errors, `time.not_zone_aware`, and `InvalidArg` as {@link quote}. The letter's
    /// rules are checked at {@link Job.submit}.
    #[napi(
        constructor,
        ts_args_type = "account: number | bigint, id: number | bigint, sender: number | bigint, documents: Array<DocumentOptions | Uint8Array>, options: JobOptions"
    )]
    pub fn new(
        env: Env,
        account: Unknown<'_>,
        id: Unknown<'_>,
        sender: Unknown<'_>,
        documents: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let account = id_arg(env, "account", &account)?;
            let id = id_arg(env, "id", &id)?;
            let sender = id_arg(env, "sender", &sender)?;
            let names: Vec<&str> = LETTER_OPTIONS.iter().chain(&JOB_OPTIONS).copied().collect();
            let object = options_arg(
                &options,
                &names,
                "{ postage: 'prior', recipients: [[…]], createdAt: new Date() }",
            )?;
            let letter = letter_arg(env, &documents, &object)?;
            let recipients = recipients_arg(&required(&object, "recipients")?)?;
            let created_at = at_arg("createdAt", &required(&object, "createdAt")?)?;
            let approval_required = flag(&object, "approvalRequired")?;
            let job = core_post::Job::new(account, id, sender, letter, recipients, created_at)
                .map_err(|error| post_error(env, error))?;
            Ok(Job {
                inner: job.with_approval_required(approval_required),
            })
        })
    }

    /// The job of a JSON text written by {@link Job.toJson} (in any envoi binding), checked as the
    /// core checks a stored job: it keeps the rules the methods keep (a history that is a chain of
    /// allowed changes from draft, never back in time, ending in its state; the approval its
    /// account requires; the approver asked, and only they deciding; sent rows and barcodes
    /// consistent with its state and postage). Throws `post.invalid_job` (`field`, such as
    /// `'history[0].to'`, or `'json'` for text that is not a job's JSON; `value`; `rule`),
    /// `post.no_recipients`, `post.self_approval`.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<Job, Code> {
        guard(|| {
            core_post::Job::from_json(&json)
                .map(|inner| Job { inner })
                .map_err(|error| post_error(env, error))
        })
    }

    /// The job's JSON form (the core's serde form), to store it.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("Job JSON: {error}")))
        })
    }

    /// The host's account id.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn account(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id_to_js(env, self.inner.account()))
    }

    /// The host's job id.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn id(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id_to_js(env, self.inner.id()))
    }

    /// The user who made the job.
    #[napi(getter, ts_return_type = "number | bigint")]
    pub fn sender(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| id_to_js(env, self.inner.sender()))
    }

    /// Whether the account requires a manager's approval for the sender.
    #[napi(getter)]
    pub fn approval_required(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.approval_required()))
    }

    /// The recipients' addresses, in row order.
    #[napi(getter)]
    pub fn recipients(&self) -> napi::Result<Vec<Vec<String>>, Code> {
        guard(|| Ok(self.inner.recipients().to_vec()))
    }

    /// When the job was made, RFC 3339 in Europe/Brussels.
    #[napi(getter)]
    pub fn created_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(brussels(self.inner.created_at())))
    }

    /// The current state.
    #[napi(
        getter,
        ts_return_type = "'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'submitted' | 'processing' | 'handed_over' | 'cancelled'"
    )]
    pub fn state(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.state().code().to_owned()))
    }

    /// The states the job may go to from its state (a draft may go to submitted only when its
    /// sender needs no approval).
    #[napi(
        getter,
        ts_return_type = "Array<'draft' | 'awaiting_approval' | 'approved' | 'rejected' | 'submitted' | 'processing' | 'handed_over' | 'cancelled'>"
    )]
    pub fn next_states(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .state()
                .next_states()
                .iter()
                .map(|state| state.code().to_owned())
                .collect())
        })
    }

    /// Every change of state, oldest first.
    #[napi(getter, ts_return_type = "Transition[]")]
    pub fn history(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            js.array(
                self.inner
                    .history()
                    .iter()
                    .map(|transition| transition_to_js(js, transition)),
            )
            .map(Raw)
            .map_err(napi_error)
        })
    }

    /// When the job was submitted (RFC 3339 in Europe/Brussels), or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn submitted_at(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.submitted_at().map(brussels)))
    }

    /// The day the job was handed to the post (`"YYYY-MM-DD"`, Europe/Brussels), or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn handed_over_on(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.handed_over_on().map(format_date)))
    }

    /// Whether the job is billed: it reached processing (a job cancelled before is free).
    #[napi(getter)]
    pub fn billable(&self) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.billable()))
    }

    /// The approver asked ({@link Job.requestApproval}), or `null` when approval was never asked.
    /// Only they may approve or reject the job.
    #[napi(getter, ts_return_type = "number | bigint | null")]
    pub fn approver(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| match self.inner.approver() {
            Some(approver) => id_to_js(env, approver),
            None => {
                // SAFETY: `env` is the environment of this call, on its thread.
                let js = unsafe { Js::new(env.raw()) };
                js.null().map(Raw).map_err(napi_error)
            }
        })
    }

    /// The rows of the recipients that go (from 0, rising), chosen at {@link Job.submit} (those
    /// refused then are not sent); empty before.
    #[napi(getter)]
    pub fn sent_rows(&self) -> napi::Result<Vec<u32>, Code> {
        guard(|| Ok(self.inner.sent_rows().iter().copied().map(row).collect()))
    }

    /// The barcode of each registered letter ({@link Job.assignBarcodes}), in row order; empty
    /// before, and for other postages.
    #[napi(getter)]
    pub fn registered_letters(&self) -> napi::Result<Vec<RegisteredLetter>, Code> {
        guard(|| Ok(letters(self.inner.registered_letters())))
    }

    /// Asks `approver` (a user of the host, not the sender) to approve the draft at `at`: the job
    /// goes to awaiting approval and keeps the approver ({@link Job.approver}), and the signed link
    /// to send them is returned, `linkBase` followed by a token signed with `ring`'s active key for
    /// the purpose `'approval'`, valid until `options.expiresAt`; without it the link never
    /// expires (no default: the job's state bounds what it can do, and a job awaiting approval
    /// cannot ask again, so a default expiry would strand it). Throws `post.self_approval`,
    /// `post.illegal_transition`, `post.time_regression`, `post.invalid_link_base`, `token.*`;
    /// nothing changes on error.
    #[napi(
        ts_args_type = "approver: number | bigint, at: Date | string, ring: tracking.KeyRing, linkBase: string, options?: ApprovalOptions | undefined | null",
        ts_return_type = "ApprovalLink"
    )]
    pub fn request_approval(
        &mut self,
        env: Env,
        approver: Unknown<'_>,
        at: Unknown<'_>,
        ring: Unknown<'_>,
        link_base: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let approver = id_arg(env, "approver", &approver)?;
            let at = at_arg("at", &at)?;
            let ring = instance_arg::<KeyRing>("ring", &ring, "a tracking.KeyRing")?;
            let link_base = string_arg("linkBase", &link_base)?;
            let expires_at = match options
                .as_ref()
                .map(|value| optional_record(value, &["expiresAt"], "{ expiresAt: new Date() }"))
                .transpose()?
                .flatten()
            {
                Some(object) => option_field(&object, "expiresAt")?
                    .map(|value| at_arg("expiresAt", &value))
                    .transpose()?,
                None => None,
            };
            let link = self
                .inner
                .request_approval(approver, at, &ring.inner, &link_base, expires_at)
                .map_err(|error| post_error(env, error))?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let build = || -> napi::Result<sys::napi_value> {
                let object = js.object()?;
                js.set_named(object, c"url", js.str(&link.url)?)?;
                js.set_named(object, c"token", js.str(&link.token)?)?;
                js.set_named(object, c"approver", js.id(link.approver)?)?;
                let expires = match link.expires_at {
                    Some(at) => js.str(&brussels(at))?,
                    None => js.null()?,
                };
                js.set_named(object, c"expiresAt", expires)?;
                Ok(object)
            };
            build().map(Raw).map_err(napi_error)
        })
    }

    /// Checks an approval link's `token` at `now` with `ring` and returns the approver it was sent
    /// to; the host then calls {@link Job.approve} or {@link Job.reject} with that approver.
    /// Throws `token.*` (altered, forged, expired, another purpose…),
    /// `post.approval_link_without_job` (a token naming no account or no job, with `missing`:
    /// `'account'`, `'message'` or `'account and message'`), `post.approval_link_mismatch`
    /// (another job's link, with `linkAccount`, `linkJob`, `account`, `job`),
    /// `post.approval_link_without_approver`.
    #[napi(
        ts_args_type = "ring: tracking.KeyRing, token: string, now: Date | string",
        ts_return_type = "number | bigint"
    )]
    pub fn verify_approval_link(
        &self,
        env: Env,
        ring: Unknown<'_>,
        token: Unknown<'_>,
        now: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let ring = instance_arg::<KeyRing>("ring", &ring, "a tracking.KeyRing")?;
            let token = string_arg("token", &token)?;
            let now = at_arg("now", &now)?;
            let approver = self
                .inner
                .verify_approval_link(&ring.inner, &token, now)
                .map_err(|error| post_error(env, error))?;
            id_to_js(env, approver)
        })
    }

    /// The approver approves the job awaiting approval at `at`. Throws `post.self_approval` (the
    /// approver is the sender), `post.illegal_transition`, `post.time_regression`,
    /// `post.wrong_approver` (not the approver asked: `approver`, the one asked, and `given`);
    /// nothing changes on error.
    #[napi(ts_args_type = "approver: number | bigint, at: Date | string")]
    pub fn approve(
        &mut self,
        env: Env,
        approver: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let approver = id_arg(env, "approver", &approver)?;
            let at = at_arg("at", &at)?;
            self.inner
                .approve(approver, at)
                .map_err(|error| post_error(env, error))
        })
    }

    /// The approver rejects the job awaiting approval at `at` (final). Throws as
    /// {@link Job.approve}.
    #[napi(ts_args_type = "approver: number | bigint, at: Date | string")]
    pub fn reject(
        &mut self,
        env: Env,
        approver: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let approver = id_arg(env, "approver", &approver)?;
            let at = at_arg("at", &at)?;
            self.inner
                .reject(approver, at)
                .map_err(|error| post_error(env, error))
        })
    }

    /// Submits the job at `at`: quotes every recipient (as {@link quoteJob}, with `options.policy`,
    /// the closed days and the data) and, unless the job is refused, goes to submitted, keeps the
    /// rows that go ({@link Job.sentRows}) and returns the report. Throws
    /// `post.approval_required`, `post.illegal_transition`, `post.time_regression`, the letter's
    /// errors, `post.job_refused`; nothing changes on error.
    #[napi(
        ts_args_type = "at: Date | string, options: SubmitOptions",
        ts_return_type = "JobReport"
    )]
    pub fn submit(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        options: Unknown<'_>,
    ) -> napi::Result<Raw, Code> {
        guard(|| {
            let at = at_arg("at", &at)?;
            let object = options_arg(&options, &SUBMIT_OPTIONS, "{ policy: 'refuse_job' }")?;
            let policy: RecipientPolicy = policy_arg(&required(&object, "policy")?)?;
            let calendars: PostCalendars = calendars_arg(&object)?;
            let data = data_option(&object)?;
            report(env, self.inner.submit(at, &data, &calendars, policy))
        })
    }

    /// Printing starts at `at`: the job can no longer be cancelled and will be billed. Throws
    /// `post.illegal_transition` unless submitted, `post.time_regression`.
    #[napi(ts_args_type = "at: Date | string")]
    pub fn start_processing(&mut self, env: Env, at: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let at = at_arg("at", &at)?;
            self.inner
                .start_processing(at)
                .map_err(|error| post_error(env, error))
        })
    }

    /// The letters are handed to the post at `at` (final); a registered job only once its letters
    /// have their barcodes ({@link Job.assignBarcodes}). Throws `post.illegal_transition` unless
    /// processing, `post.time_regression`, `post.barcodes_not_assigned` (`letters`).
    #[napi(ts_args_type = "at: Date | string")]
    pub fn hand_over(&mut self, env: Env, at: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            let at = at_arg("at", &at)?;
            self.inner
                .hand_over(at)
                .map_err(|error| post_error(env, error))
        })
    }

    /// Gives each registered letter of the job its barcode from the host's `range` once printing
    /// has started (the barcode is printed on the letter): one per sent row, in row order, all or
    /// none; `range` moves on by as many. Asked again, it returns the barcodes already given and
    /// leaves `range` as it is. Throws `post.not_registered` (`postage`), `post.wrong_job_state`
    /// (`action`, `state`, `needed`: the job is not processing), `post.barcode_range_exhausted`
    /// (nothing is used), and `InvalidArg` when `range` is not a {@link BarcodeRange}.
    ///
    /// ```js
    /// job.startProcessing('2026-03-10T09:00:00Z')
    /// const range = post.BarcodeRange.s10('RR', 1, 500, 'BE')
    /// job.assignBarcodes(range)  // [{ row: 0, barcode: 'RR000000014BE' }]
    /// range.remaining            // 499
    /// ```
    #[napi(ts_args_type = "range: BarcodeRange")]
    pub fn assign_barcodes(
        &mut self,
        env: Env,
        range: Unknown<'_>,
    ) -> napi::Result<Vec<RegisteredLetter>, Code> {
        guard(|| {
            let range = instance_mut_arg::<BarcodeRange>("range", &range, "a post.BarcodeRange")?;
            self.inner
                .assign_barcodes(&mut range.inner)
                .map(letters)
                .map_err(|error| post_error(env, error))
        })
    }

    /// The summary of each registered letter of the job, in row order, once it is handed over
    /// (barcode, recipient, submission and handover, acknowledgement, deadlines). Throws
    /// `post.not_registered` (`postage`), `post.wrong_job_state` (`action`, `state`, `needed`)
    /// before the hand-over.
    #[napi]
    pub fn registered_summaries(&self, env: Env) -> napi::Result<Vec<RegisteredSummary>, Code> {
        guard(|| {
            self.inner
                .registered_summaries()
                .map(|summaries| {
                    summaries
                        .into_iter()
                        .map(|inner| RegisteredSummary { inner })
                        .collect()
                })
                .map_err(|error| post_error(env, error))
        })
    }

    /// Cancels the job at `at` (free), by the user `by` when given: from draft, awaiting approval,
    /// approved or submitted. Throws `post.illegal_transition` from processing and the final
    /// states, `post.time_regression`.
    #[napi(ts_args_type = "at: Date | string, by?: number | bigint | undefined | null")]
    pub fn cancel(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        by: Option<Unknown<'_>>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let at = at_arg("at", &at)?;
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            let by = match by {
                Some(value) => crate::token::id_value(js, "by", value.raw(), u64::MAX)?,
                None => None,
            };
            self.inner
                .cancel(at, by)
                .map_err(|error| post_error(env, error))
        })
    }
}

/// An optional options object: `undefined`/`null` is `None`, else a record with keys in `names`.
fn optional_record<'env>(
    value: &Unknown<'env>,
    names: &[&str],
    example: &str,
) -> Result<Option<Object<'env>>, JsError> {
    crate::args::options_object(Some(value), names, example)
}
