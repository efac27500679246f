//! `account.Account`: the Node face of `envoi::account::Account` (who the customer is, where it is
//! invoiced, its state with every change, and its options).

use envoi::account::{self as core_account, AccountState};
use envoi::contacts::Channel;
use envoi::credits::CreditKind;
use envoi::ids::AccountId;
use envoi::time::{Instant, Zone};
use envoi::vat::CustomerKind;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue};
use napi_derive::napi;

use super::error::account_error;
use crate::args::{count_arg, instance_arg, napi_error, number_value, sole_option, type_of};
use crate::contacts::{AccountSmsOption, channel_arg, serde_enum, to_js_value};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg};
use crate::invoice::Party;
use crate::js::{Js, Raw};
use crate::post::Job;
use crate::time::{format_in, instant_arg};
use crate::vat::{VatEvidence, evidence_to_js, language_arg, online_check_arg};

/// The states, as the core names them.
const STATES: &str = "'pending_payment', 'active', 'suspended'";

/// One recorded change of an account's state: from, to, when and why.
#[napi(object, object_from_js = false, namespace = "account")]
pub struct StateChange {
    /// The state before.
    #[napi(ts_type = "'pending_payment' | 'active' | 'suspended'")]
    pub from: String,
    /// The state after.
    #[napi(ts_type = "'pending_payment' | 'active' | 'suspended'")]
    pub to: String,
    /// When it changed, RFC 3339 with the offset of the account's zone.
    pub at: String,
    /// Why (never blank).
    pub reason: String,
}

/// Options of the {@link Account} constructor. `null` is the same as absent; an unknown name
/// throws `InvalidArg`.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(
    object,
    object_from_js = false,
    object_to_js = false,
    namespace = "account"
)]
pub struct AccountOptions {
    /// The IANA time zone of every wall-clock rule of the account, default `'Europe/Brussels'`;
    /// every instant the account returns has its offset. An unknown name throws
    /// `time.unknown_zone`.
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
}

/// A customer account (SPEC section 1): its id, interface language, time zone, customer kind and
/// country (for VAT), VAT number with its evidence, invoicing address (an `invoice.Party`, the
/// buyer of its invoices), options and state.
///
/// The state goes `'pending_payment'` → `'active'` ⇄ `'suspended'`; each change takes its time
/// (a `Date` or an ISO 8601 string with an offset; never before the last change:
/// `account.time_went_back`) and a reason (`account.missing_reason`), and is kept in `history`; an
/// illegal change throws `account.illegal_transition` (with `account`, `from` and `to`) and
/// changes nothing. Only an active account sends: the engine asks {@link Account.requireActive}
/// (or {@link Account.requireChannel}) before every send.
///
/// Options: the channels it uses ({@link Account.enableChannel}; SMS is the SMS option of SPEC
/// section 3, {@link Account.smsOption}), the senders whose letters need a manager's approval
/// ({@link Account.setLetterApproval}) and the low-balance thresholds per credit kind
/// ({@link Account.setLowBalanceThreshold}).
///
/// Plain data: `toJson()` / `Account.fromJson(text)` (the core's JSON form, the same in every
/// envoi binding); reading it back checks the account's rules. Instants come out as RFC 3339
/// strings with the offset of the account's zone.
///
/// ```js
/// const { account, invoice } = require('envoi')
/// const address = new invoice.Party('Boulangerie Dupont SPRL', 'BE', { street: 'Rue Haute 12', city: 'Bruxelles', postalCode: '1000' })
/// const customer = new account.Account('acc_42', 'fr', 'business', 'BE', address, '2026-03-02T09:00:00Z')
///   .withVatNumber('BE 0403.170.701')
/// customer.state                                              // 'pending_payment'
/// customer.activate('2026-03-04T08:00:00Z', 'bank transfer received')
/// customer.maySend('2026-03-04T08:00:00Z')                    // true
/// customer.invoicingAddress.vatNumber                         // 'BE0403170701'
/// ```
#[napi(namespace = "account")]
pub struct Account {
    pub(crate) inner: core_account::Account,
}

/// A state as JS reads it.
fn state_code(state: AccountState) -> String {
    state.code().to_owned()
}

impl Account {
    /// Throws an account error with instants in the account's zone.
    fn error(&self, env: Env, error: core_account::AccountError) -> JsError {
        account_error(env, self.inner.zone(), error)
    }

    /// An instant in the account's zone.
    fn format(&self, at: Instant) -> String {
        format_in(self.inner.zone(), at)
    }

    /// A recorded change as JS reads it.
    fn change(&self, change: &core_account::StateChange) -> StateChange {
        StateChange {
            from: state_code(change.from),
            to: state_code(change.to),
            at: self.format(change.at),
            reason: change.reason.clone(),
        }
    }
}

/// A sender id (the host's user): a non-negative safe integer or a `bigint` up to 2^64 − 1.
fn sender_arg(env: Env, value: &Unknown<'_>) -> Result<u64, JsError> {
    host_number_arg(env, "sender", value)
}

/// A host's number (a user, an account: a safe integer or a `bigint`), `InvalidArg` otherwise.
fn host_number_arg(env: Env, name: &str, value: &Unknown<'_>) -> Result<u64, JsError> {
    // SAFETY: `env` is the environment of the Node-API call running on this thread.
    let js = unsafe { Js::new(env.raw()) };
    crate::token::id_value(js, name, value.raw(), u64::MAX)?
        .ok_or_else(|| invalid_arg(format!("{name}: is required")))
}

#[napi(namespace = "account")]
impl Account {
    /// A new account waiting for its first payment (`'pending_payment'`), created at `createdAt`
    /// (a `Date` or an ISO 8601 string with an offset), with the default options (email, secure
    /// email and letters on, SMS off) and no VAT number ({@link Account.withVatNumber} gives it).
    ///
    /// `id` is the host's account id (1 to 128 bytes: `id.*`), `language` `'fr'`, `'nl'`, `'de'`
    /// or `'en'` (`language.unsupported`), `customerKind` `'business'` or `'consumer'`
    /// (`vat.invalid_argument`), `country` where the customer is established (ISO 3166-1 alpha-2,
    /// any case, `'XI'` for Northern Ireland: `account.invalid_country`), the country of
    /// `invoicingAddress` (`account.country_mismatch`), which carries no VAT number of its own
    /// (`account.vat_number_mismatch`). `InvalidArg` when `invoicingAddress` is not an
    /// `invoice.Party`, for an unknown option.
    #[napi(
        constructor,
        ts_args_type = "id: string, language: 'fr' | 'nl' | 'de' | 'en' | string, customerKind: 'business' | 'consumer' | string, country: string, invoicingAddress: invoice.Party, createdAt: Date | string, options?: AccountOptions | undefined | null"
    )]
    #[allow(
        clippy::too_many_arguments,
        reason = "the core's constructor and options"
    )]
    pub fn new(
        env: Env,
        id: String,
        language: String,
        customer_kind: String,
        country: String,
        invoicing_address: Unknown<'_>,
        created_at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Self, Code> {
        guard(|| {
            let id = AccountId::new(id).map_err(|error| envoi_error(env, error))?;
            let language = language_arg(env, &language)?;
            let customer_kind = customer_kind
                .parse::<CustomerKind>()
                .map_err(|error| envoi_error(env, error))?;
            let address = instance_arg::<Party>(
                "invoicingAddress",
                &invoicing_address,
                "an invoice.Party (new invoice.Party(name, country, options))",
            )?;
            let created_at = instant_arg("createdAt", &created_at)?;
            let zone = match sole_option(options.as_ref(), "tz", "{ tz: 'Europe/Brussels' }")? {
                Some(tz) => crate::args::string_arg("tz", &tz)?
                    .parse::<Zone>()
                    .map_err(|error| envoi_error(env, error))?,
                None => Zone::default(),
            };
            let inner = core_account::Account::new(
                id,
                language,
                customer_kind,
                &country,
                address.inner.clone(),
                created_at,
            )
            .map_err(|error| account_error(env, zone, error))?;
            Ok(Account {
                inner: inner.with_zone(zone),
            })
        })
    }

    /// The account of a JSON text written by {@link Account.toJson} (in any envoi binding),
    /// checked as the core checks a stored account: a legal, time-ordered history with reasons
    /// that ends in the state stored, a country that is the invoicing address's, VAT evidence that
    /// is what its typed number gives, and an address carrying the account's VAT number. Throws
    /// `account.invalid_account` (`field`, such as `'history[1].from'`, or `'json'` for text that
    /// is not an account's JSON; `value`; `rule`), `account.invalid_country`,
    /// `account.country_mismatch`, `account.vat_number_mismatch`.
    #[napi(factory)]
    pub fn from_json(env: Env, json: String) -> napi::Result<Account, Code> {
        guard(|| {
            core_account::Account::from_json(&json)
                .map(|inner| Account { inner })
                .map_err(|error| account_error(env, Zone::default(), error))
        })
    }

    /// The account's JSON form (the core's serde form), to store it.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| {
            serde_json::to_string(&self.inner)
                .map_err(|error| invalid_arg(format!("Account JSON: {error}")))
        })
    }

    /// Whether `other` is the same account (state, history and options included). `InvalidArg`
    /// when `other` is not an `Account`.
    #[napi(strict)]
    pub fn equals(&self, other: &Account) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// The same account with the VAT number the customer typed, and the answer of the online
    /// check (VIES) if the host made one (`true`/`false` or a `vat.OnlineCheck`; absent or `null`:
    /// none). The evidence is kept ({@link Account.vatEvidence}); the invoicing address carries
    /// the compact number when it is valid offline and the online check did not say invalid. An
    /// invalid number is not an error (the VAT rules treat such a business as a consumer); should
    /// the address refuse the number, its `invoice.*` error is thrown.
    #[napi(ts_args_type = "typed: string, online?: boolean | vat.OnlineCheck | undefined | null")]
    pub fn with_vat_number(
        &self,
        env: Env,
        typed: String,
        online: Option<Unknown<'_>>,
    ) -> napi::Result<Account, Code> {
        guard(|| {
            let online = match online {
                Some(value)
                    if !matches!(
                        type_of("online", &value)?,
                        napi::ValueType::Undefined | napi::ValueType::Null
                    ) =>
                {
                    Some(online_check_arg("online", &value)?)
                }
                _ => None,
            };
            let inner = self
                .inner
                .clone()
                .with_vat_number(&typed, online)
                .map_err(|error| self.error(env, error))?;
            Ok(Account { inner })
        })
    }

    /// The same account with another invoicing address (an `invoice.Party` in the account's
    /// country, without a VAT number of its own: it gets the account's). Throws
    /// `account.country_mismatch`, `account.vat_number_mismatch`; `InvalidArg` for another value.
    #[napi(ts_args_type = "address: invoice.Party")]
    pub fn with_invoicing_address(
        &self,
        env: Env,
        address: Unknown<'_>,
    ) -> napi::Result<Account, Code> {
        guard(|| {
            let address = instance_arg::<Party>(
                "address",
                &address,
                "an invoice.Party (new invoice.Party(name, country, options))",
            )?;
            let inner = self
                .inner
                .clone()
                .with_invoicing_address(address.inner.clone())
                .map_err(|error| self.error(env, error))?;
            Ok(Account { inner })
        })
    }

    /// The account's id.
    #[napi(getter)]
    pub fn id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.id().as_str().to_owned()))
    }

    /// The language of its interface, invoices and messages.
    #[napi(getter, ts_return_type = "'fr' | 'nl' | 'de' | 'en'")]
    pub fn language(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.language().code().to_owned()))
    }

    /// The IANA name of the account's zone (`'Europe/Brussels'` by default).
    #[napi(getter)]
    pub fn tz(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.zone().name().to_owned()))
    }

    /// `'business'` or `'consumer'`.
    #[napi(getter, ts_return_type = "'business' | 'consumer'")]
    pub fn customer_kind(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.customer_kind().code().to_owned()))
    }

    /// The country the customer is established in: ISO 3166-1 alpha-2 in capitals, or `'XI'`.
    #[napi(getter)]
    pub fn country(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.country().to_owned()))
    }

    /// The evidence of the VAT number the customer gave (as typed, compact, the offline verdict,
    /// the online check), or `null`.
    #[napi(getter, ts_return_type = "vat.VatEvidence | null")]
    pub fn vat_evidence(&self) -> napi::Result<Option<VatEvidence>, Code> {
        guard(|| Ok(self.inner.vat_evidence().map(evidence_to_js)))
    }

    /// The invoicing address (a copy): the buyer of the account's invoices.
    #[napi(getter, ts_return_type = "invoice.Party")]
    pub fn invoicing_address(&self) -> napi::Result<Party, Code> {
        guard(|| {
            Ok(Party {
                inner: self.inner.invoicing_address().clone(),
            })
        })
    }

    /// When the account was created.
    #[napi(getter)]
    pub fn created_at(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.format(self.inner.created_at())))
    }

    /// The current state (after the last change).
    #[napi(getter, ts_return_type = "'pending_payment' | 'active' | 'suspended'")]
    pub fn state(&self) -> napi::Result<String, Code> {
        guard(|| Ok(state_code(self.inner.state())))
    }

    /// The states the account may go to from its state.
    #[napi(
        getter,
        ts_return_type = "Array<'pending_payment' | 'active' | 'suspended'>"
    )]
    pub fn next_states(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .state()
                .next_states()
                .iter()
                .map(|state| state_code(*state))
                .collect())
        })
    }

    /// Every change of state, oldest first.
    #[napi(getter)]
    pub fn history(&self) -> napi::Result<Vec<StateChange>, Code> {
        guard(|| {
            Ok(self
                .inner
                .history()
                .iter()
                .map(|change| self.change(change))
                .collect())
        })
    }

    /// The state at `at` (a `Date` or an ISO 8601 string with an offset): after every change made
    /// at or before `at`; before the first change, `'pending_payment'`.
    #[napi(
        ts_args_type = "at: Date | string",
        ts_return_type = "'pending_payment' | 'active' | 'suspended'"
    )]
    pub fn state_at(&self, at: Unknown<'_>) -> napi::Result<String, Code> {
        guard(|| Ok(state_code(self.inner.state_at(instant_arg("at", &at)?))))
    }

    /// Whether the account may send at `at`: only an active account sends.
    #[napi(ts_args_type = "at: Date | string")]
    pub fn may_send(&self, at: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| Ok(self.inner.may_send(instant_arg("at", &at)?)))
    }

    /// Returns when the account may send at `at`; else throws why not: `account.pending_payment`
    /// (`account`, `since`: its creation) or `account.suspended` (`account`, `since`, `reason`).
    #[napi(ts_args_type = "at: Date | string")]
    pub fn require_active(&self, env: Env, at: Unknown<'_>) -> napi::Result<(), Code> {
        guard(|| {
            self.inner
                .require_active(instant_arg("at", &at)?)
                .map_err(|error| self.error(env, error))
        })
    }

    /// Returns when the account may send on `channel` at `at`: active, and the channel enabled.
    /// Throws as {@link Account.requireActive}, then `account.channel_disabled` (`account`,
    /// `channel`).
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string"
    )]
    pub fn require_channel(
        &self,
        env: Env,
        channel: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            self.inner
                .require_channel(channel, instant_arg("at", &at)?)
                .map_err(|error| self.error(env, error))
        })
    }

    /// Changes the state to `to` at `at` for `reason`, records the change and returns it. Throws
    /// `account.illegal_transition` (the same state included), `account.time_went_back` (`field`,
    /// `at`, `last`), `account.missing_reason`; a refused change records nothing. `InvalidArg` for
    /// a `to` that is not a state.
    #[napi(
        ts_args_type = "to: 'pending_payment' | 'active' | 'suspended', at: Date | string, reason: string"
    )]
    pub fn change_state(
        &mut self,
        env: Env,
        to: String,
        at: Unknown<'_>,
        reason: String,
    ) -> napi::Result<StateChange, Code> {
        guard(|| {
            let to = serde_enum::<AccountState>("to", &to, STATES)?;
            self.transition(env, to, &at, &reason)
        })
    }

    /// Activates the account (its payment arrived, or it is reactivated after a suspension); as
    /// {@link Account.changeState}: an active account is not activated again.
    #[napi(ts_args_type = "at: Date | string, reason: string")]
    pub fn activate(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        reason: String,
    ) -> napi::Result<StateChange, Code> {
        guard(|| self.transition(env, AccountState::Active, &at, &reason))
    }

    /// Suspends an active account: it sends nothing until activated again. As
    /// {@link Account.changeState}.
    #[napi(ts_args_type = "at: Date | string, reason: string")]
    pub fn suspend(
        &mut self,
        env: Env,
        at: Unknown<'_>,
        reason: String,
    ) -> napi::Result<StateChange, Code> {
        guard(|| self.transition(env, AccountState::Suspended, &at, &reason))
    }

    /// The channels the account uses, in the order `'email'`, `'sms'`, `'secure_email'`,
    /// `'letter'` (SMS when the SMS option is on).
    #[napi(
        getter,
        ts_return_type = "Array<'email' | 'sms' | 'secure_email' | 'letter'>"
    )]
    pub fn enabled_channels(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .options()
                .enabled_channels()
                .into_iter()
                .map(|channel| channel.as_str().to_owned())
                .collect())
        })
    }

    /// Whether the account uses `channel` (for `'sms'`: whether the SMS option is on).
    #[napi(ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter'")]
    pub fn is_enabled(&self, channel: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let channel: Channel = channel_arg("channel", &channel)?;
            Ok(self.inner.options().is_enabled(channel))
        })
    }

    /// Enables `channel` at `at`; `false` if it already was on (`'sms'` switches the SMS option,
    /// which records `at`).
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string"
    )]
    pub fn enable_channel(
        &mut self,
        channel: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let at = instant_arg("at", &at)?;
            Ok(self.inner.options_mut().enable(channel, at))
        })
    }

    /// Disables `channel` at `at`; `false` if it already was off.
    #[napi(
        ts_args_type = "channel: 'email' | 'sms' | 'secure_email' | 'letter', at: Date | string"
    )]
    pub fn disable_channel(
        &mut self,
        channel: Unknown<'_>,
        at: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let channel = channel_arg("channel", &channel)?;
            let at = instant_arg("at", &at)?;
            Ok(self.inner.options_mut().disable(channel, at))
        })
    }

    /// The SMS option of SPEC section 3 (a copy), as `contacts.Contact.mayReceive` takes it.
    #[napi(getter, ts_return_type = "contacts.AccountSmsOption")]
    pub fn sms_option(&self) -> napi::Result<AccountSmsOption, Code> {
        guard(|| {
            Ok(AccountSmsOption {
                inner: *self.inner.options().sms_option(),
            })
        })
    }

    /// Whether letters from the user `sender` (a safe integer or a `bigint`) need a manager's
    /// approval before printing.
    #[napi(ts_args_type = "sender: number | bigint")]
    pub fn letter_approval_required(
        &self,
        env: Env,
        sender: Unknown<'_>,
    ) -> napi::Result<bool, Code> {
        guard(|| {
            let sender = sender_arg(env, &sender)?;
            Ok(self.inner.options().letter_approval_required(sender))
        })
    }

    /// Requires (`true`) or no longer requires (`false`) a manager's approval for the letters of
    /// `sender`.
    #[napi(ts_args_type = "sender: number | bigint, required: boolean")]
    pub fn set_letter_approval(
        &mut self,
        env: Env,
        sender: Unknown<'_>,
        required: bool,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let sender = sender_arg(env, &sender)?;
            self.inner
                .options_mut()
                .set_letter_approval(sender, required);
            Ok(())
        })
    }

    /// The senders whose letters need approval, in increasing order (numbers; `bigint`s above
    /// 2^53 − 1).
    #[napi(getter, ts_return_type = "Array<number | bigint>")]
    pub fn letter_approval_senders(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            js.array(
                self.inner
                    .options()
                    .letter_approval_senders()
                    .map(|sender| js.id(sender))
                    .collect::<Vec<_>>()
                    .into_iter(),
            )
            .map(Raw)
            .map_err(napi_error)
        })
    }

    /// Sets the low-balance threshold of the credit kind `kind` (`'sms'`, `'email'`…; a safe
    /// integer of units: the account is warned when its available units are at or under it), or
    /// removes it (`null`). Throws `credits.invalid_kind`; `InvalidArg` for a threshold that is
    /// not a non-negative safe integer.
    #[napi(ts_args_type = "kind: string, threshold: number | null")]
    pub fn set_low_balance_threshold(
        &mut self,
        env: Env,
        kind: String,
        threshold: Unknown<'_>,
    ) -> napi::Result<(), Code> {
        guard(|| {
            let kind = CreditKind::new(&kind).map_err(|error| envoi_error(env, error))?;
            let threshold = match type_of("threshold", &threshold)? {
                napi::ValueType::Null | napi::ValueType::Undefined => None,
                _ => Some(count_arg(
                    "threshold",
                    number_value("threshold", &threshold)?,
                )?),
            };
            self.inner
                .options_mut()
                .set_low_balance_threshold(kind, threshold);
            Ok(())
        })
    }

    /// The job with the approval step the account asks for its sender (`job.sender`): a copy of
    /// `job` whose `approvalRequired` is {@link Account.letterApprovalRequired} of its sender. The
    /// one call the host makes when it creates a letter job. `InvalidArg` when `job` is not a
    /// `post.Job`.
    #[napi(ts_args_type = "job: post.Job", ts_return_type = "post.Job")]
    pub fn apply_letter_approval(&self, job: Unknown<'_>) -> napi::Result<Job, Code> {
        guard(|| {
            let job = instance_arg::<Job>("job", &job, "a post.Job")?;
            Ok(Job {
                inner: self
                    .inner
                    .options()
                    .apply_letter_approval(job.inner.clone()),
            })
        })
    }

    /// The job with the approval step the account asks for its sender, after checking that the
    /// job is of `account` (the host's number of this account, as `job.account` numbers it): the
    /// one call the host makes when it creates a letter job. Throws
    /// `account.job_of_another_account` (`job`, `jobAccount`, `account`) for a job of another
    /// account; `InvalidArg` when `job` is not a `post.Job`.
    #[napi(
        ts_args_type = "account: number | bigint, job: post.Job",
        ts_return_type = "post.Job"
    )]
    pub fn apply_letter_approval_for_account(
        &self,
        env: Env,
        account: Unknown<'_>,
        job: Unknown<'_>,
    ) -> napi::Result<Job, Code> {
        guard(|| {
            let account = host_number_arg(env, "account", &account)?;
            let job = instance_arg::<Job>("job", &job, "a post.Job")?;
            self.inner
                .options()
                .apply_letter_approval_for_account(account, job.inner.clone())
                .map(|inner| Job { inner })
                .map_err(|error| account_error(env, self.inner.zone(), error))
        })
    }

    /// The low-balance thresholds per credit kind (`{ sms: 100 }`), as `Ledger.noticesAt` takes
    /// them.
    #[napi(getter, ts_return_type = "Record<string, number>")]
    pub fn low_balance_thresholds(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| {
            // SAFETY: `env` is the environment of this call, on its thread.
            let js = unsafe { Js::new(env.raw()) };
            to_js_value(js, self.inner.options().low_balance_thresholds())
                .map(Raw)
                .map_err(napi_error)
        })
    }
}

impl Account {
    /// Changes the state (see [`Account::change_state`]).
    fn transition(
        &mut self,
        env: Env,
        to: AccountState,
        at: &Unknown<'_>,
        reason: &str,
    ) -> Result<StateChange, JsError> {
        let at = instant_arg("at", at)?;
        let zone = self.inner.zone();
        let change = self
            .inner
            .change_state(to, at, reason)
            .map_err(|error| account_error(env, zone, error))?
            .clone();
        Ok(self.change(&change))
    }
}
