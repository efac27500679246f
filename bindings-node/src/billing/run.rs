//! `billing.monthlyRun`, `billing.subscribeBlockPlan`, `billing.BlockSubscription` and
//! `billing.blockPlanRun`: the Node face of the runs that invoice use. A month is its
//! `"YYYY-MM"` text (as days are `"YYYY-MM-DD"`); usage records are plain objects.

use envoi::billing::{self as core_billing, Month};
use envoi::vat::RateTable;
use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;

use super::book::InvoiceDraft;
use super::order::{b2c_totals_arg, flag_field, whole_arg};
use super::prices::PriceList;
use super::query::letter_query_arg;
use crate::account::Account;
use crate::args::{
    array_items, decimal_arg, instance_arg, option_field, record_arg, required_field, string_arg,
};
use crate::contacts::channel_arg;
use crate::credits::BlockPlan;
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::time::instant_arg;
use crate::vat::{Treatment, online_check_arg};

/// A letter job of the month ({@link MonthlyUsage.letters}).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct LetterUsage {
    /// The job's id, unique among the letter jobs of a run.
    pub job_id: String,
    /// What each letter of the job is.
    pub query: super::query::LetterQuery,
    /// How many letters.
    pub letters: u32,
    /// When the job was handed over to the post (a `Date` or an ISO 8601 string); absent or
    /// `null` while it was not.
    #[napi(ts_type = "Date | string | null")]
    pub handed_over_at: Option<String>,
    /// Cancelled before processing: never billed. Default `false`.
    #[napi(ts_type = "boolean | null")]
    pub cancelled: Option<bool>,
}

/// Messages paid per unit (pay-as-you-go), priced at the channel's unit price of the day they
/// were sent ({@link MonthlyUsage.messages}).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct MessageUsage {
    /// The send's id, unique among the messages of a run.
    pub id: String,
    /// `'email'`, `'sms'` or `'secure_email'`.
    #[napi(ts_type = "'email' | 'sms' | 'secure_email' | 'letter'")]
    pub channel: String,
    /// The units sent (SMS parts, emails).
    pub units: f64,
    /// When they were sent (a `Date` or an ISO 8601 string).
    #[napi(ts_type = "Date | string")]
    pub sent_at: String,
}

/// What a month used ({@link monthlyRun}): its letter jobs and pay-as-you-go messages, the VAT
/// treatments of each part when the host has them (else decided now) and the exchange rate to
/// EUR for a part priced in another currency.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct MonthlyUsage {
    /// The letter jobs.
    #[napi(ts_type = "LetterUsage[] | null")]
    pub letters: Option<Vec<LetterUsage>>,
    /// The messages.
    #[napi(ts_type = "MessageUsage[] | null")]
    pub messages: Option<Vec<MessageUsage>>,
    /// The VAT treatment of the letters (a `vat.Treatment`).
    #[napi(ts_type = "vat.Treatment | null")]
    pub letter_treatment: Option<String>,
    /// The VAT treatment of the messages (a `vat.Treatment`).
    #[napi(ts_type = "vat.Treatment | null")]
    pub message_treatment: Option<String>,
    /// EUR per unit of the prices' currency, a decimal string.
    #[napi(ts_type = "string | null")]
    pub eur_rate: Option<String>,
}

/// A month argument: its `"YYYY-MM"` text, read by the core (`billing.invalid_argument`).
fn month_arg(env: Env, value: &str) -> Result<Month, JsError> {
    value.parse().map_err(|error| envoi_error(env, error))
}

fn u32_of(name: &str, value: u64) -> Result<u32, JsError> {
    u32::try_from(value).map_err(|_| invalid_arg(format!("{name}: {value} is above 4,294,967,295")))
}

fn letter_usage_arg(name: &str, value: &Unknown<'_>) -> Result<core_billing::LetterUsage, JsError> {
    let object = record_arg(
        name,
        value,
        &["jobId", "query", "letters", "handedOverAt", "cancelled"],
        "{ jobId: 'job-1', query: { … }, letters: 10, handedOverAt: '2026-03-10T09:00:00Z' }",
    )?;
    let path = |field: &str| format!("{name}.{field}");
    let job_id = string_arg(&path("jobId"), &required_field(&object, name, "jobId")?)?;
    let query = letter_query_arg(&path("query"), &required_field(&object, name, "query")?)?;
    let letters = u32_of(
        &path("letters"),
        whole_arg(&path("letters"), &required_field(&object, name, "letters")?)?,
    )?;
    let handed_over_at = option_field(&object, "handedOverAt")?
        .map(|at| instant_arg(&path("handedOverAt"), &at))
        .transpose()?;
    Ok(core_billing::LetterUsage {
        job_id,
        query,
        letters,
        handed_over_at,
        cancelled: flag_field(&object, "cancelled")?,
    })
}

fn message_usage_arg(
    name: &str,
    value: &Unknown<'_>,
) -> Result<core_billing::MessageUsage, JsError> {
    let object = record_arg(
        name,
        value,
        &["id", "channel", "units", "sentAt"],
        "{ id: 'send-1', channel: 'sms', units: 3, sentAt: '2026-03-10T09:00:00Z' }",
    )?;
    let path = |field: &str| format!("{name}.{field}");
    Ok(core_billing::MessageUsage {
        id: string_arg(&path("id"), &required_field(&object, name, "id")?)?,
        channel: channel_arg(&path("channel"), &required_field(&object, name, "channel")?)?,
        units: whole_arg(&path("units"), &required_field(&object, name, "units")?)?,
        sent_at: instant_arg(&path("sentAt"), &required_field(&object, name, "sentAt")?)?,
    })
}

fn list_arg<T>(
    object: &Object<'_>,
    name: &str,
    expected: &str,
    item: impl Fn(&str, &Unknown<'_>) -> Result<T, JsError>,
) -> Result<Vec<T>, JsError> {
    let Some(list) = option_field(object, name)? else {
        return Ok(Vec::new());
    };
    array_items(&format!("usage.{name}"), &list, expected)?
        .iter()
        .enumerate()
        .map(|(index, value)| item(&format!("usage.{name}[{index}]"), value))
        .collect()
}

fn treatment_field(
    object: &Object<'_>,
    name: &str,
) -> Result<Option<envoi::vat::Treatment>, JsError> {
    option_field(object, name)?
        .map(|value| {
            instance_arg::<Treatment>(&format!("usage.{name}"), &value, "a vat.Treatment")
                .map(|treatment| treatment.inner.clone())
        })
        .transpose()
}

fn monthly_usage_arg(env: Env, value: &Unknown<'_>) -> Result<core_billing::MonthlyUsage, JsError> {
    let object = record_arg(
        "usage",
        value,
        &[
            "letters",
            "messages",
            "letterTreatment",
            "messageTreatment",
            "eurRate",
        ],
        "{ letters: [{ jobId, query, letters, handedOverAt }], messages: [{ id, channel, units, sentAt }] }",
    )?;
    Ok(core_billing::MonthlyUsage {
        letters: list_arg(
            &object,
            "letters",
            "an array of LetterUsage",
            letter_usage_arg,
        )?,
        messages: list_arg(
            &object,
            "messages",
            "an array of MessageUsage",
            message_usage_arg,
        )?,
        letter_treatment: treatment_field(&object, "letterTreatment")?,
        message_treatment: treatment_field(&object, "messageTreatment")?,
        eur_rate: option_field(&object, "eurRate")?
            .map(|rate| decimal_arg(env, "usage.eurRate", &rate))
            .transpose()?,
    })
}

/// The invoice drafts of `month` (`"YYYY-MM"`) for `account` at the prices of `priceList`: the
/// letters handed over that month (cancelled jobs never billed) and the pay-as-you-go messages,
/// dated the first day of the next month, with the built-in VAT rates. A pure function: run it
/// twice, get equal drafts (the book issues each key once). Throws `billing.no_price`,
/// `billing.invalid_query`, `billing.mixed_currencies` (`subject`, `first`, `other`),
/// `billing.missing_exchange_rate` (`subject`, `currency`), `billing.invalid_argument` (a month
/// that is not `"YYYY-MM"`, a job id given twice…) and the `vat.…` errors.
///
/// ```js
/// const drafts = billing.monthlyRun(customer, prices, '2026-03', {
///   letters: [{ jobId: 'job-1', letters: 10, handedOverAt: '2026-03-10T09:00:00Z',
///     query: { postage: 'prior', zone: 'national', format: 'small', upToGrams: 50, sheets: 1 } }],
/// })
/// drafts[0].issueDate   // '2026-04-01'
/// ```
#[napi(
    namespace = "billing",
    ts_args_type = "account: account.Account, priceList: PriceList, month: string, usage: MonthlyUsage"
)]
pub fn monthly_run(
    env: Env,
    account: Unknown<'_>,
    price_list: Unknown<'_>,
    month: String,
    usage: Unknown<'_>,
) -> napi::Result<Vec<InvoiceDraft>, Code> {
    guard(|| {
        let account = instance_arg::<Account>("account", &account, "an account.Account")?;
        let prices = instance_arg::<PriceList>("priceList", &price_list, "a billing.PriceList")?;
        let month = month_arg(env, &month)?;
        let usage = monthly_usage_arg(env, &usage)?;
        core_billing::monthly_run(
            &account.inner,
            &prices.inner,
            month,
            &usage,
            RateTable::builtin(),
        )
        .map(|drafts| {
            drafts
                .into_iter()
                .map(|inner| InvoiceDraft { inner })
                .collect()
        })
        .map_err(|error| envoi_error(env, error))
    })
}

/// Options of {@link subscribeBlockPlan}. `null` is the same as absent; an unknown name throws
/// `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "billing"
)]
pub struct SubscriptionOptions {
    /// The subscription's id.
    pub subscription_id: String,
    /// The block plan's id in the price list.
    pub plan_id: String,
    /// When it starts (a `Date` or an ISO 8601 string with an offset).
    #[napi(ts_type = "Date | string")]
    pub at: String,
    /// Whether the customer asks for the VAT exemption; default `false`.
    #[napi(ts_type = "boolean | null")]
    pub exemption_requested: Option<bool>,
    /// The online check's answer obtained now, as `vat.treatment` takes it.
    #[napi(ts_type = "boolean | vat.OnlineCheck | null")]
    pub online_check: Option<bool>,
    /// The seller's cross-border EU B2C sales, this year and last, in EUR.
    #[napi(
        js_name = "b2cTotals",
        ts_type = "{ currentYear: string, previousYear: string } | null"
    )]
    pub b2c_totals: Option<String>,
}

/// Subscribes `account` to a block plan of `priceList` (Plannit: a fee per started block of
/// messages per monthly period), its price and VAT treatment decided now. Throws
/// `billing.no_price`, `billing.invalid_argument`, `billing.vat_pending_verification` and the
/// `vat.…` and `credits.…` errors.
#[napi(
    namespace = "billing",
    ts_args_type = "account: account.Account, priceList: PriceList, options: SubscriptionOptions"
)]
pub fn subscribe_block_plan(
    env: Env,
    account: Unknown<'_>,
    price_list: Unknown<'_>,
    options: Unknown<'_>,
) -> napi::Result<BlockSubscription, Code> {
    guard(|| {
        let account = instance_arg::<Account>("account", &account, "an account.Account")?;
        let prices = instance_arg::<PriceList>("priceList", &price_list, "a billing.PriceList")?;
        let object = record_arg(
            "options",
            &options,
            &[
                "subscriptionId",
                "planId",
                "at",
                "exemptionRequested",
                "onlineCheck",
                "b2cTotals",
            ],
            "{ subscriptionId: 'sub-1', planId: 'plannit-sms', at: new Date() }",
        )?;
        let id = string_arg(
            "subscriptionId",
            &required_field(&object, "options", "subscriptionId")?,
        )?;
        let plan = string_arg("planId", &required_field(&object, "options", "planId")?)?;
        let at = instant_arg("at", &required_field(&object, "options", "at")?)?;
        let mut request = core_billing::SubscriptionRequest::new(id, plan, at);
        if flag_field(&object, "exemptionRequested")? {
            request = request.with_exemption_requested();
        }
        if let Some(check) = option_field(&object, "onlineCheck")? {
            request = request.with_online_check(online_check_arg("onlineCheck", &check)?);
        }
        if let Some(totals) = option_field(&object, "b2cTotals")? {
            let (current, previous) = b2c_totals_arg(env, &totals)?;
            request = request.with_b2c_totals(current, previous);
        }
        core_billing::subscribe_block_plan(
            &account.inner,
            &prices.inner,
            &request,
            RateTable::builtin(),
        )
        .map(|inner| BlockSubscription { inner })
        .map_err(|error| envoi_error(env, error))
    })
}

/// An account's subscription to a block plan: its id, plan (a `BlockPlan`) and VAT
/// treatment, decided when it was made.
#[napi(namespace = "billing")]
pub struct BlockSubscription {
    inner: core_billing::BlockSubscription,
}

#[napi(namespace = "billing")]
impl BlockSubscription {
    /// The subscription's id.
    #[napi(getter)]
    pub fn id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.id().to_owned()))
    }

    /// The id of the account subscribed.
    #[napi(getter)]
    pub fn account(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.account().as_str().to_owned()))
    }

    /// The block plan's id in the price list.
    #[napi(getter)]
    pub fn plan_id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.plan_id().to_owned()))
    }

    /// The plan: its periods, block size and fee (a `BlockPlan`).
    #[napi(getter, ts_return_type = "BlockPlan")]
    pub fn plan(&self) -> napi::Result<BlockPlan, Code> {
        guard(|| {
            Ok(BlockPlan {
                inner: self.inner.plan().clone(),
            })
        })
    }

    /// The VAT treatment decided when it was made.
    #[napi(getter, ts_return_type = "vat.Treatment")]
    pub fn treatment(&self) -> napi::Result<Treatment, Code> {
        guard(|| {
            Ok(Treatment {
                inner: self.inner.treatment().clone(),
            })
        })
    }

    /// The subscription ending at `end` (its last period is the one holding `end`).
    #[napi(ts_args_type = "end: Date | string")]
    pub fn ending_at(&self, env: Env, end: Unknown<'_>) -> napi::Result<BlockSubscription, Code> {
        guard(|| {
            let end = instant_arg("end", &end)?;
            self.inner
                .clone()
                .ending_at(end)
                .map(|inner| BlockSubscription { inner })
                .map_err(|error| envoi_error(env, error))
        })
    }
}

/// The invoice draft of period `periodIndex` (from 0) of `subscription` for `account`: the
/// period's fee and the extra blocks of the previous period's `previousUsage` messages, in the
/// plan's currency (USD) with the VAT also in EUR at `eurRate` (a decimal string: EUR per unit).
/// `null` when there is nothing to bill. Throws `billing.missing_exchange_rate` (`subject`,
/// `currency`), `billing.invalid_argument` (another account's subscription, a period past the
/// end) and the `credits.…` errors.
#[napi(
    namespace = "billing",
    ts_args_type = "account: account.Account, subscription: BlockSubscription, periodIndex: number, previousUsage: number, eurRate?: string | null"
)]
pub fn block_plan_run(
    env: Env,
    account: Unknown<'_>,
    subscription: Unknown<'_>,
    period_index: f64,
    previous_usage: f64,
    eur_rate: Option<Unknown<'_>>,
) -> napi::Result<Option<InvoiceDraft>, Code> {
    guard(|| {
        let account = instance_arg::<Account>("account", &account, "an account.Account")?;
        let subscription = instance_arg::<BlockSubscription>(
            "subscription",
            &subscription,
            "a billing.BlockSubscription",
        )?;
        let period_index = u32_of(
            "periodIndex",
            crate::args::count_arg("periodIndex", period_index)?,
        )?;
        let previous_usage = crate::args::count_arg("previousUsage", previous_usage)?;
        let eur_rate = match eur_rate {
            Some(rate)
                if !matches!(
                    crate::args::type_of("eurRate", &rate)?,
                    napi::ValueType::Null | napi::ValueType::Undefined
                ) =>
            {
                Some(decimal_arg(env, "eurRate", &rate)?)
            }
            _ => None,
        };
        core_billing::block_plan_run(
            &account.inner,
            &subscription.inner,
            period_index,
            previous_usage,
            eur_rate,
        )
        .map(|draft| draft.map(|inner| InvoiceDraft { inner }))
        .map_err(|error| envoi_error(env, error))
    })
}
