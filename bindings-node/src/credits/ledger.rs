//! `Ledger`: the Node face of `envoi::credits::Ledger` (one account's credits: orders of packs,
//! two-phase use, adjustments, and the balance, lots, notices and statement at any instant).
//!
//! Instants come in as a `Date` or an ISO 8601 string with an offset and go out as RFC 3339 strings
//! with the offset of the ledger's zone (see `crate::time`), as the schedule's do. Kinds are strings
//! checked by the core (`CreditKind::new`); unit counts are safe integers. Results are plain objects
//! with camelCased fields; the entries are the core's JSON form (snake_case, tagged by `op`), the
//! same in every envoi binding, so a host stores them as they are. Every refusal of the core throws
//! an `Error` with the error's fields as properties (see `super::error`).

use std::collections::BTreeMap;

use envoi::credits::{
    self as core_credits, CreditError, CreditKind, Entry, OrderStatus, Outcome, StatementEvent,
    adjustment_units, unit_count,
};
use envoi::time::{Instant, Zone};
use napi::bindgen_prelude::{Object, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;

use super::error::{credit_error, number, signed};
use crate::args::{
    bool_value, count_arg, napi_error, number_value, option_field, options_object, sole_option,
    string_arg, type_name, type_of, whole_number,
};
use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::js::{Js, Raw};
use crate::time::{format_in, instant_arg};

/// Options of the {@link Ledger} constructor and of {@link Ledger.fromEntries}. Every field is
/// optional; `null` is the same as absent.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct LedgerOptions {
    /// The IANA time zone of the account, default `'Europe/Brussels'`: its wall clock counts the
    /// validity months ("+24 months" keeps the local time, the day clamped to the month's end), and
    /// every instant the ledger returns has its offset. An unknown name throws `time.unknown_zone`.
    #[napi(ts_type = "string | null")]
    pub tz: Option<String>,
    /// How many months credits stay valid after the last activated order of their kind: an integer
    /// from 1 to 1200, default 24 (else `credits.invalid_argument`).
    #[napi(ts_type = "number | null")]
    pub validity_months: Option<f64>,
}

/// Options of {@link Ledger.purchase}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct PurchaseOptions {
    /// Whether the order waits for its payment (a bank transfer): a pending order adds nothing
    /// until {@link Ledger.activate}. Default `false`: active at once (a card payment).
    #[napi(ts_type = "boolean | null")]
    pub pending: Option<bool>,
}

/// Options of {@link Ledger.reserve}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct ReserveOptions {
    /// Seconds after which an open reservation is released (1 or more, else
    /// `credits.invalid_argument`); absent: it never times out.
    #[napi(ts_type = "number | null")]
    pub timeout_s: Option<f64>,
}

/// Options of {@link Ledger.commit}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct CommitOptions {
    /// The units consumed, fewer than reserved (the rest is released), never more
    /// (`credits.exceeds_reserved`); absent: all reserved.
    #[napi(ts_type = "number | null")]
    pub units: Option<f64>,
}

/// Options of {@link Ledger.adjust}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; read field by field from the JS object"
)]
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct AdjustOptions {
    /// A grant's expiry (a `Date` or an ISO 8601 string with an offset, after `at`); absent: the
    /// validity period from `at`. Grants only: a removal with it throws `credits.invalid_argument`.
    #[napi(ts_type = "Date | string | null")]
    pub expires_at: Option<String>,
}

/// An order of a pack, as {@link Ledger.purchase}, {@link Ledger.activate} and
/// {@link Ledger.voidOrder} return it.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Order {
    /// The order id.
    pub order_id: String,
    /// The credit kind.
    pub kind: String,
    /// The units of the pack.
    pub units: f64,
    /// Where the order stands: `'pending'` (waiting for its payment, adds nothing), `'active'`
    /// (paid: `lot` and `expiresAt` are set) or `'voided'` (`voidedAt` is set).
    #[napi(ts_type = "'pending' | 'active' | 'voided'")]
    pub status: String,
    /// The lot the order created: set when active, and when voided after activation.
    pub lot: Option<f64>,
    /// An active order's lot expiry at its activation (later orders may extend it).
    pub expires_at: Option<String>,
    /// When a voided order was voided.
    pub voided_at: Option<String>,
    /// Whether nothing was written because the same operation had already been made (this is the
    /// first result).
    pub replayed: bool,
}

/// Units a reservation took from one lot.
#[napi(object, object_from_js = false)]
pub struct ReservedUnits {
    /// The lot's id.
    pub lot: f64,
    /// The units taken from it.
    pub units: f64,
}

/// A reservation as made by {@link Ledger.reserve}, or units consumed by {@link Ledger.consume}.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Reservation {
    /// Its key.
    pub key: String,
    /// The credit kind.
    pub kind: String,
    /// The units reserved.
    pub units: f64,
    /// The lots the units were taken from, in spending order (the lots that expire first).
    pub lots: Vec<ReservedUnits>,
    /// When it was made.
    pub reserved_at: String,
    /// When it is released unless committed or released before; `null`: never.
    pub times_out_at: Option<String>,
    /// Whether nothing was written because the same operation had already been made (this is the
    /// first result).
    pub replayed: bool,
}

/// What {@link Ledger.commit} and {@link Ledger.release} did.
#[napi(object, object_from_js = false)]
pub struct Settled {
    /// Units consumed.
    pub consumed: f64,
    /// Units given back (to their lots, or to expired/removed when the lot expired or was voided).
    pub released: f64,
    /// Whether the reservation had already timed out (a release then writes nothing).
    pub timed_out: bool,
}

/// What {@link Ledger.adjust} did.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Adjustment {
    /// The lot a grant created; `null` for a removal.
    pub lot: Option<f64>,
    /// Whether nothing was written because the same adjustment had already been made.
    pub replayed: bool,
}

/// The balance of one credit kind at an instant ({@link Ledger.balance}). At every instant
/// `bought + granted = consumed + expired + removed + reserved + available`.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Balance {
    /// Units of activated orders (voided ones included: their unspent units count as removed).
    pub bought: f64,
    /// Units of manual grants.
    pub granted: f64,
    /// Units committed (spent).
    pub consumed: f64,
    /// Units whose lot expired before they were spent.
    pub expired: f64,
    /// Units taken by manual removals and voided orders.
    pub removed: f64,
    /// Units held by open reservations.
    pub reserved: f64,
    /// Units that can be reserved now.
    pub available: f64,
    /// When the first of the available units expire; `null` when none are available.
    pub expires_at: Option<String>,
}

/// Where a lot's units came from: an activated order (`{ type: 'order', orderId }`) or a manual
/// grant (`{ type: 'grant', key, reason }`: the adjustment's key and its reason).
#[napi(
    discriminant = "type",
    discriminant_case = "snake_case",
    object_from_js = false
)]
pub enum LotSource {
    /// An activated order.
    Order { order_id: String },
    /// A manual grant.
    Grant { key: String, reason: String },
}

/// One lot of units as seen at an instant ({@link Ledger.lotsAt}).
#[napi(object, object_from_js = false)]
pub struct Lot {
    /// The lot's number in this ledger (1, 2, … in order of creation).
    pub id: f64,
    /// The credit kind.
    pub kind: String,
    /// Where its units came from.
    pub source: LotSource,
    /// The units it started with.
    pub units: f64,
    /// Its units neither spent, reserved, removed nor expired at the instant asked.
    pub available: f64,
    /// When it was created (order activated, grant made).
    pub activated_at: String,
    /// When its units expire (half-open: at this instant they are expired).
    pub expires_at: String,
    /// Whether its order was voided.
    pub voided: bool,
}

/// What {@link Ledger.noticesAt} found.
#[napi(object, object_from_js = false)]
pub struct Notices {
    /// Kinds whose available units are at or under their threshold.
    pub low_balance: Vec<LowBalance>,
    /// Live units expiring within the window, per kind and expiry.
    pub expiring: Vec<Expiring>,
}

/// A kind at or under its low-balance threshold.
#[napi(object, object_from_js = false)]
pub struct LowBalance {
    /// The credit kind.
    pub kind: String,
    /// Its available units.
    pub available: f64,
    /// The threshold it is at or under.
    pub threshold: f64,
}

/// Live units that expire soon.
#[napi(object, object_from_js = false)]
pub struct Expiring {
    /// The credit kind.
    pub kind: String,
    /// The available units that expire then.
    pub units: f64,
    /// When.
    pub expires_at: String,
}

/// One line of a {@link Ledger.statement}.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct StatementLine {
    /// When.
    pub at: String,
    /// The credit kind.
    pub kind: String,
    /// What happened: an order placed (`'purchase'`) or paid (`'activation'`), a lot's expiry moved
    /// later by an activation (`'extension'`), units reserved, committed, released (explicitly or by
    /// timeout), consumed in one step, expired, granted or removed.
    #[napi(
        ts_type = "'purchase' | 'activation' | 'extension' | 'reservation' | 'commit' | 'release' | 'consumption' | 'expiry' | 'grant' | 'removal'"
    )]
    pub event: String,
    /// The units concerned (signed: what the event did to the available units when it changes
    /// them; the units of the event otherwise).
    pub units: f64,
    /// The order id or operation key.
    pub reference: String,
    /// The lot concerned, when one is.
    pub lot: Option<f64>,
    /// Detail for a person: a reason, a new expiry.
    pub note: String,
}

/// One operation written to a {@link Ledger}: the core's JSON form, an object tagged by `op` with
/// snake_case fields and instants in UTC (`"2026-11-30T09:00:00Z"`), the same in every envoi
/// binding. {@link Ledger.entries} returns them; a host stores them as they are (append-only, e.g.
/// `JSON.stringify`) and hands them back to {@link Ledger.fromEntries}.
#[allow(
    dead_code,
    reason = "the type of index.d.ts; entries cross as the core's JSON form"
)]
#[napi(
    discriminant = "op",
    discriminant_case = "snake_case",
    object_from_js = false,
    object_to_js = false,
    use_nullable = true
)]
pub enum CreditEntry {
    /// An order of a pack.
    Purchase {
        #[napi(js_name = "order_id")]
        order_id: String,
        kind: String,
        units: f64,
        pending: bool,
        at: String,
    },
    /// A pending order's payment arrived.
    Activate {
        #[napi(js_name = "order_id")]
        order_id: String,
        at: String,
    },
    /// An order voided.
    Void {
        #[napi(js_name = "order_id")]
        order_id: String,
        at: String,
    },
    /// Units set aside for a send.
    Reserve {
        key: String,
        kind: String,
        units: f64,
        #[napi(js_name = "timeout_s")]
        timeout_s: Option<f64>,
        at: String,
    },
    /// A reservation's units consumed.
    Commit {
        key: String,
        units: Option<f64>,
        at: String,
    },
    /// A reservation's units given back.
    Release { key: String, at: String },
    /// Units consumed in one step.
    Consume {
        key: String,
        kind: String,
        units: f64,
        at: String,
    },
    /// A manual grant (positive units) or removal (negative).
    Adjust {
        key: String,
        kind: String,
        units: f64,
        reason: String,
        #[napi(js_name = "expires_at")]
        expires_at: Option<String>,
        at: String,
    },
}

/// The option names of {@link LedgerOptions}.
const LEDGER_OPTIONS: [&str; 2] = ["tz", "validityMonths"];

/// One account's credits: orders of packs per kind (`'sms'`, `'email'`, `'secure_email'`, or a
/// host's own: 1 to 32 of `a-z`, `0-9`, `_`), their expiry (every activation extends the kind's
/// unexpired lots to activation + `validityMonths` on the account's wall clock, never shortening,
/// never reviving), sends in two phases (`reserve`, then `commit` or `release`) or one
/// (`consume`), taking the lots that expire first, and manual adjustments with a reason.
///
/// The ledger is append-only: its state at any instant is a pure function of its entries. Every
/// write is idempotent by its order id or key: the same operation again writes nothing and returns
/// the first result with `replayed: true` (`version` unchanged); other arguments throw
/// `credits.idempotency_conflict`. Operations never go back in time (`credits.time_regression`);
/// queries (`balance`, `lotsAt`, `noticesAt`, `statement`) take any instant. A refused operation
/// writes nothing.
///
/// Instants are accepted as a `Date` or an ISO 8601 string WITH an offset; a string without one
/// throws `time.not_zone_aware`. They are returned as RFC 3339 strings with the offset of the
/// ledger's zone. A refusal throws an `Error` whose `.code` is the core's (`credits.…`) and whose
/// properties are the error's fields: `needed`, `available` and `kind` for
/// `credits.insufficient_credit`, `reserved` and `requested` for `credits.exceeds_reserved`, `at`
/// and `last` for `credits.time_regression`, `key` for an idempotency conflict or a reservation
/// error.
///
/// ```js
/// const { Ledger } = require('envoi')
/// const ledger = new Ledger({ tz: 'Europe/Brussels' })
/// ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00')
/// ledger.reserve('send-7', 'sms', 3, '2026-01-06T09:00:00+01:00', { timeoutS: 300 })
/// ledger.commit('send-7', '2026-01-06T09:00:05+01:00')
/// ledger.balance('sms', '2026-01-07T00:00:00+01:00').available // 997
/// ```
#[napi]
pub struct Ledger {
    pub(crate) inner: core_credits::Ledger,
}

#[napi]
impl Ledger {
    /// An empty ledger for an account in `tz` (default `'Europe/Brussels'`) whose credits stay
    /// valid `validityMonths` (default 24) after the last activated order of their kind. An option
    /// name not in {@link LedgerOptions} throws `InvalidArg`. Errors: `time.unknown_zone`,
    /// `credits.invalid_argument` (`validityMonths` not 1 to 1200).
    #[napi(
        constructor,
        ts_args_type = "options?: LedgerOptions | undefined | null"
    )]
    pub fn new(env: Env, options: Option<Unknown<'_>>) -> napi::Result<Self, Code> {
        guard(|| {
            let (zone, months) = ledger_options(options.as_ref())?;
            let inner = core_credits::Ledger::with_validity(zone, months)
                .map_err(|error| credit_error(env, zone, error))?;
            Ok(Ledger { inner })
        })
    }

    /// Rebuilds a ledger from its stored entries (as {@link Ledger.entries} returned them, or
    /// parsed back from their JSON) by replaying them in order, with the options the ledger was
    /// made with. An array element that is not an entry throws `InvalidArg` naming its position;
    /// entries that do not replay (an edited or corrupt store) throw `credits.invalid_entries`
    /// with `index` and `reason`.
    ///
    /// ```js
    /// const stored = JSON.stringify(ledger.entries())
    /// const again = Ledger.fromEntries(JSON.parse(stored), { tz: 'Europe/Brussels' })
    /// again.version === ledger.version // true
    /// ```
    #[napi(
        factory,
        ts_args_type = "entries: CreditEntry[], options?: LedgerOptions | undefined | null"
    )]
    pub fn from_entries(
        env: Env,
        entries: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Ledger, Code> {
        guard(|| {
            let (zone, months) = ledger_options(options.as_ref())?;
            let entries = entries_from_js(env, &entries)?;
            let inner = core_credits::Ledger::from_entries(entries, zone, months)
                .map_err(|error| credit_error(env, zone, error))?;
            Ok(Ledger { inner })
        })
    }

    /// The IANA name of the ledger's zone, e.g. `'Europe/Brussels'`.
    #[napi(getter)]
    pub fn tz(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.zone().name().to_owned()))
    }

    /// The validity period in months.
    #[napi(getter)]
    pub fn validity_months(&self) -> napi::Result<u32, Code> {
        guard(|| Ok(self.inner.validity_months()))
    }

    /// The number of entries written: the version a store compares for optimistic concurrency. A
    /// replay leaves it unchanged.
    #[napi(getter)]
    pub fn version(&self) -> napi::Result<f64, Code> {
        guard(|| Ok(number(self.inner.version())))
    }

    /// The time of the last operation written, or `null`.
    #[napi(getter, ts_return_type = "string | null")]
    pub fn last_operation_at(&self) -> napi::Result<Option<String>, Code> {
        guard(|| Ok(self.inner.last_operation_at().map(|t| self.format(t))))
    }

    /// Records an order of `units` of `kind` at `at`: active at once, or with `{ pending: true }`
    /// waiting for {@link Ledger.activate} (a pending order adds nothing). Activation extends every
    /// unexpired lot of the kind to `at` + the validity period.
    ///
    /// Errors: `credits.invalid_units` (0 or more than 10^12), `credits.invalid_kind`,
    /// `credits.idempotency_conflict` (the order id was used with other arguments),
    /// `credits.time_regression`, `credits.invalid_argument` (an empty or overlong order id); a
    /// negative or fractional `units` throws `InvalidArg`.
    #[napi(
        ts_args_type = "orderId: string, kind: string, units: number, at: Date | string, options?: PurchaseOptions | undefined | null"
    )]
    pub fn purchase(
        &mut self,
        env: Env,
        order_id: String,
        kind: String,
        units: f64,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Order, Code> {
        guard(|| {
            let kind = self.kind(env, &kind)?;
            let units = self.units(env, units)?;
            let at = instant_arg("at", &at)?;
            let pending = sole_option(options.as_ref(), "pending", "{ pending: true }")?
                .map(|value| bool_value("pending", &value))
                .transpose()?
                .unwrap_or(false);
            let outcome = self
                .inner
                .purchase(&order_id, kind, units, at, pending)
                .map_err(|error| self.error(env, error))?;
            Ok(self.order(outcome))
        })
    }

    /// Activates a pending order (its payment arrived): its units become available, expiring after
    /// the validity period, and every unexpired lot of its kind gets the same expiry (never
    /// shortened). Activating an active order is a replay.
    ///
    /// Errors: `credits.order_not_found`, `credits.order_voided`, `credits.time_regression`.
    #[napi(ts_args_type = "orderId: string, at: Date | string")]
    pub fn activate(
        &mut self,
        env: Env,
        order_id: String,
        at: Unknown<'_>,
    ) -> napi::Result<Order, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            let outcome = self
                .inner
                .activate(&order_id, at)
                .map_err(|error| self.error(env, error))?;
            Ok(self.order(outcome))
        })
    }

    /// Voids an order (payment reversed, or a pending order cancelled): an active one loses its
    /// lot's unspent units (counted as removed), a pending one can no longer be activated; the
    /// extension it gave other lots stays. Voiding a voided order is a replay.
    ///
    /// Errors: `credits.order_not_found`, `credits.time_regression`.
    #[napi(ts_args_type = "orderId: string, at: Date | string")]
    pub fn void_order(
        &mut self,
        env: Env,
        order_id: String,
        at: Unknown<'_>,
    ) -> napi::Result<Order, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            let outcome = self
                .inner
                .void_order(&order_id, at)
                .map_err(|error| self.error(env, error))?;
            Ok(self.order(outcome))
        })
    }

    /// Consumes `units` of `kind` in one step (a reservation committed at once), from the lots that
    /// expire first. The same key and arguments again is a replay.
    ///
    /// Errors: as {@link Ledger.reserve}.
    #[napi(ts_args_type = "key: string, kind: string, units: number, at: Date | string")]
    pub fn consume(
        &mut self,
        env: Env,
        key: String,
        kind: String,
        units: f64,
        at: Unknown<'_>,
    ) -> napi::Result<Reservation, Code> {
        guard(|| {
            let kind = self.kind(env, &kind)?;
            let units = self.units(env, units)?;
            let at = instant_arg("at", &at)?;
            let outcome = self
                .inner
                .consume(&key, kind, units, at)
                .map_err(|error| self.error(env, error))?;
            Ok(self.reservation(outcome))
        })
    }

    /// Reserves `units` of `kind` for a send, from the lots that expire first. Commit them when
    /// the transport accepts ({@link Ledger.commit}) or release them ({@link Ledger.release});
    /// with `{ timeoutS }` an open reservation is released at `at + timeoutS` seconds (without, it
    /// never times out). The same key and arguments again is a replay.
    ///
    /// Errors: `credits.insufficient_credit` (with `needed`, `available` and `kind`),
    /// `credits.invalid_units`, `credits.invalid_kind`, `credits.idempotency_conflict` (with
    /// `key`), `credits.time_regression` (with `at` and `last`), `credits.invalid_argument` (a bad
    /// key or timeout); a negative or fractional `units` or `timeoutS` throws `InvalidArg`.
    ///
    /// ```js
    /// try {
    ///   ledger.reserve('send-8', 'sms', 5000, '2026-01-06T10:00:00+01:00')
    /// } catch (error) {
    ///   error.code                      // 'credits.insufficient_credit'
    ///   [error.needed, error.available] // [5000, 997]
    /// }
    /// ```
    #[napi(
        ts_args_type = "key: string, kind: string, units: number, at: Date | string, options?: ReserveOptions | undefined | null"
    )]
    pub fn reserve(
        &mut self,
        env: Env,
        key: String,
        kind: String,
        units: f64,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Reservation, Code> {
        guard(|| {
            let kind = self.kind(env, &kind)?;
            let units = self.units(env, units)?;
            let at = instant_arg("at", &at)?;
            let timeout_s = sole_option(options.as_ref(), "timeoutS", "{ timeoutS: 300 }")?
                .map(|value| count_arg("timeoutS", number_value("timeoutS", &value)?))
                .transpose()?;
            let outcome = self
                .inner
                .reserve(&key, kind, units, at, timeout_s)
                .map_err(|error| self.error(env, error))?;
            Ok(self.reservation(outcome))
        })
    }

    /// Commits a reservation: consumes all its units, or `{ units }` of them (fewer than reserved;
    /// the rest is released). A reservation made before its lot expired can still be committed.
    ///
    /// Errors: `credits.unknown_reservation`, `credits.reservation_already_committed` (whatever
    /// the count), `credits.reservation_already_released`, `credits.reservation_timed_out` (at or
    /// after `reservedAt + timeoutS`), `credits.exceeds_reserved` (with `reserved` and
    /// `requested`), `credits.invalid_units` for 0, `credits.time_regression`.
    #[napi(
        ts_args_type = "key: string, at: Date | string, options?: CommitOptions | undefined | null"
    )]
    pub fn commit(
        &mut self,
        env: Env,
        key: String,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Settled, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            let units = sole_option(options.as_ref(), "units", "{ units: 2 }")?
                .map(|value| self.units(env, number_value("units", &value)?))
                .transpose()?;
            let settled = self
                .inner
                .commit(&key, at, units)
                .map_err(|error| self.error(env, error))?;
            Ok(settled_to_js(settled))
        })
    }

    /// Releases a reservation: its units go back to their lots (to expired if the lot expired
    /// meanwhile, to removed if its order was voided). After its timeout the reservation is
    /// already released: this writes nothing and says so (`timedOut: true`).
    ///
    /// Errors: `credits.unknown_reservation`, `credits.reservation_already_committed`,
    /// `credits.reservation_already_released`, `credits.time_regression`.
    #[napi(ts_args_type = "key: string, at: Date | string")]
    pub fn release(
        &mut self,
        env: Env,
        key: String,
        at: Unknown<'_>,
    ) -> napi::Result<Settled, Code> {
        guard(|| {
            let at = instant_arg("at", &at)?;
            let settled = self
                .inner
                .release(&key, at)
                .map_err(|error| self.error(env, error))?;
            Ok(settled_to_js(settled))
        })
    }

    /// A manual adjustment with a `reason`: positive `units` grant a lot of their own (expiring at
    /// `{ expiresAt }`, or after the validity period; extended by later orders, extending
    /// nothing); negative `units` remove units in spending order, never more than available.
    ///
    /// Errors: `credits.invalid_units` for 0, `credits.invalid_argument` (an empty reason, an
    /// expiry not after `at`, an expiry on a removal), `credits.insufficient_credit` for a
    /// removal, `credits.invalid_kind`, `credits.idempotency_conflict`, `credits.time_regression`.
    #[napi(
        ts_args_type = "key: string, kind: string, units: number, reason: string, at: Date | string, options?: AdjustOptions | undefined | null"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn adjust(
        &mut self,
        env: Env,
        key: String,
        kind: String,
        units: f64,
        reason: String,
        at: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<Adjustment, Code> {
        guard(|| {
            let kind = self.kind(env, &kind)?;
            let units = adjustment_units("units", whole_number("units", units)?)
                .map_err(|error| self.error(env, error))?;
            let at = instant_arg("at", &at)?;
            let expires_at = sole_option(
                options.as_ref(),
                "expiresAt",
                "{ expiresAt: '2027-01-01T00:00:00+01:00' }",
            )?
            .map(|value| instant_arg("expiresAt", &value))
            .transpose()?;
            let outcome = self
                .inner
                .adjust(&key, kind, units, &reason, at, expires_at)
                .map_err(|error| self.error(env, error))?;
            Ok(Adjustment {
                lot: outcome.value.map(number),
                replayed: outcome.replayed,
            })
        })
    }

    /// The balance of `kind` at `t` (any instant: before the last operation the entries up to `t`
    /// are replayed). Reservations that timed out by `t` count as released. Throws
    /// `credits.invalid_kind` for a kind name that is not one.
    #[napi(ts_args_type = "kind: string, t: Date | string")]
    pub fn balance(&self, env: Env, kind: String, t: Unknown<'_>) -> napi::Result<Balance, Code> {
        guard(|| {
            let kind = self.kind(env, &kind)?;
            let t = instant_arg("t", &t)?;
            let balance = self.inner.balance(&kind, t);
            Ok(Balance {
                bought: number(balance.bought),
                granted: number(balance.granted),
                consumed: number(balance.consumed),
                expired: number(balance.expired),
                removed: number(balance.removed),
                reserved: number(balance.reserved),
                available: number(balance.available),
                expires_at: balance.expires_at.map(|t| self.format(t)),
            })
        })
    }

    /// Every lot at `t`, in order of creation, with its units available then (0 once expired or
    /// voided).
    #[napi(ts_args_type = "t: Date | string")]
    pub fn lots_at(&self, t: Unknown<'_>) -> napi::Result<Vec<Lot>, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            Ok(self
                .inner
                .lots_at(t)
                .into_iter()
                .map(|lot| Lot {
                    id: number(lot.id),
                    kind: lot.kind.to_string(),
                    source: match lot.source {
                        core_credits::LotSource::Order { order_id } => {
                            LotSource::Order { order_id }
                        }
                        core_credits::LotSource::Grant { key, reason } => {
                            LotSource::Grant { key, reason }
                        }
                    },
                    units: number(lot.units),
                    available: number(lot.available),
                    activated_at: self.format(lot.activated_at),
                    expires_at: self.format(lot.expires_at),
                    voided: lot.voided,
                })
                .collect())
        })
    }

    /// Low-balance and upcoming-expiry notices at `t`: the kinds of `thresholds` (an object such as
    /// `{ sms: 100 }`; kinds not in it are not checked) whose available units are at or under
    /// their threshold, and live units expiring in `(t, t + withinDays days]`. Throws
    /// `credits.invalid_kind` for a key that is not a kind, `InvalidArg` for a threshold or
    /// `withinDays` that is not a non-negative safe integer.
    #[napi(
        ts_args_type = "t: Date | string, thresholds: Record<string, number>, withinDays: number"
    )]
    pub fn notices_at(
        &self,
        env: Env,
        t: Unknown<'_>,
        thresholds: Unknown<'_>,
        within_days: f64,
    ) -> napi::Result<Notices, Code> {
        guard(|| {
            let t = instant_arg("t", &t)?;
            let thresholds = self.thresholds(env, &thresholds)?;
            let within_days = u32::try_from(count_arg("withinDays", within_days)?)
                .map_err(|_| invalid_arg(format!("withinDays: {within_days} is out of range")))?;
            let notices = self.inner.notices_at(t, &thresholds, within_days);
            Ok(Notices {
                low_balance: notices
                    .low_balance
                    .into_iter()
                    .map(|low| LowBalance {
                        kind: low.kind.to_string(),
                        available: number(low.available),
                        threshold: number(low.threshold),
                    })
                    .collect(),
                expiring: notices
                    .expiring
                    .into_iter()
                    .map(|soon| Expiring {
                        kind: soon.kind.to_string(),
                        units: number(soon.units),
                        expires_at: self.format(soon.expires_at),
                    })
                    .collect(),
            })
        })
    }

    /// What happened in `[from, to)`, in time order: every entry, the extensions its activations
    /// gave, the timeouts, and the units that expired.
    #[napi(ts_args_type = "from: Date | string, to: Date | string")]
    pub fn statement(
        &self,
        from: Unknown<'_>,
        to: Unknown<'_>,
    ) -> napi::Result<Vec<StatementLine>, Code> {
        guard(|| {
            let (from, to) = (instant_arg("from", &from)?, instant_arg("to", &to)?);
            Ok(self
                .inner
                .statement(from, to)
                .into_iter()
                .map(|line| StatementLine {
                    at: self.format(line.at),
                    kind: line.kind.to_string(),
                    event: event_name(line.event),
                    units: signed(line.units),
                    reference: line.reference,
                    lot: line.lot.map(number),
                    note: line.note,
                })
                .collect())
        })
    }

    /// Every entry written, in order (plain objects, the core's JSON form): what the store keeps.
    #[napi(ts_return_type = "CreditEntry[]")]
    pub fn entries(&self, env: Env) -> napi::Result<Raw, Code> {
        guard(|| entries_to_js(env, self.inner.entries()))
    }

    /// The entries written after `version` (a non-negative safe integer): what to append to a
    /// store that holds `version` entries. Empty when `version` is the ledger's or more.
    #[napi(ts_args_type = "version: number", ts_return_type = "CreditEntry[]")]
    pub fn entries_since(&self, env: Env, version: f64) -> napi::Result<Raw, Code> {
        guard(|| {
            let version = count_arg("version", version)?;
            entries_to_js(env, self.inner.entries_since(version))
        })
    }
}

impl Ledger {
    fn format(&self, instant: Instant) -> String {
        format_in(self.inner.zone(), instant)
    }

    fn error(&self, env: Env, error: CreditError) -> JsError {
        credit_error(env, self.inner.zone(), error)
    }

    /// A unit count: any whole number, range-checked by the core (`credits.invalid_units` with
    /// the value as given, negative or past 2^53 included).
    fn units(&self, env: Env, value: f64) -> Result<u64, JsError> {
        unit_count("units", whole_number("units", value)?).map_err(|error| self.error(env, error))
    }

    fn kind(&self, env: Env, name: &str) -> Result<CreditKind, JsError> {
        CreditKind::new(name).map_err(|error| self.error(env, error))
    }

    pub(crate) fn order(&self, outcome: Outcome<core_credits::Order>) -> Order {
        let order = outcome.value;
        let (status, lot, expires_at, voided_at) = match order.status {
            OrderStatus::Pending => ("pending", None, None, None),
            OrderStatus::Active { lot, expires_at } => (
                "active",
                Some(number(lot)),
                Some(self.format(expires_at)),
                None,
            ),
            OrderStatus::Voided { at, lot } => {
                ("voided", lot.map(number), None, Some(self.format(at)))
            }
        };
        Order {
            order_id: order.order_id,
            kind: order.kind.to_string(),
            units: number(order.units),
            status: status.to_owned(),
            lot,
            expires_at,
            voided_at,
            replayed: outcome.replayed,
        }
    }

    fn reservation(&self, outcome: Outcome<core_credits::Reservation>) -> Reservation {
        let reservation = outcome.value;
        Reservation {
            key: reservation.key,
            kind: reservation.kind.to_string(),
            units: number(reservation.units),
            lots: reservation
                .lots
                .into_iter()
                .map(|(lot, units)| ReservedUnits {
                    lot: number(lot),
                    units: number(units),
                })
                .collect(),
            reserved_at: self.format(reservation.reserved_at),
            times_out_at: reservation.times_out_at.map(|t| self.format(t)),
            replayed: outcome.replayed,
        }
    }

    /// Reads `{ kind: threshold, … }`.
    fn thresholds(
        &self,
        env: Env,
        value: &Unknown<'_>,
    ) -> Result<BTreeMap<CreditKind, u64>, JsError> {
        let kind = type_of("thresholds", value)?;
        if kind != ValueType::Object
            || value.is_array().unwrap_or(false)
            || value.is_date().unwrap_or(false)
        {
            return Err(invalid_arg(format!(
                "thresholds: expected an object such as {{ sms: 100 }}, got {}",
                if kind == ValueType::Object {
                    "an array or a Date".to_owned()
                } else {
                    format!("a value of type {}", type_name(kind))
                }
            )));
        }
        // SAFETY: `value` is a live handle of the current call and an object (checked just above).
        let object = unsafe { value.cast::<Object<'_>>() }.map_err(napi_error)?;
        let mut thresholds = BTreeMap::new();
        for name in Object::keys(&object).map_err(napi_error)? {
            let field = format!("thresholds.{name}");
            let threshold = match object.get::<Unknown<'_>>(&name).map_err(napi_error)? {
                Some(value) => count_arg(&field, number_value(&field, &value)?)?,
                None => {
                    return Err(invalid_arg(format!(
                        "{field}: expected a number, got a value of type undefined"
                    )));
                }
            };
            thresholds.insert(self.kind(env, &name)?, threshold);
        }
        Ok(thresholds)
    }
}

fn settled_to_js(settled: core_credits::Settled) -> Settled {
    Settled {
        consumed: number(settled.consumed),
        released: number(settled.released),
        timed_out: settled.timed_out,
    }
}

/// Reads the options of the constructor and of `fromEntries`: the zone and the validity months.
fn ledger_options(options: Option<&Unknown<'_>>) -> Result<(Zone, u32), JsError> {
    let mut zone = Zone::default();
    let mut months = core_credits::DEFAULT_VALIDITY_MONTHS;
    if let Some(object) = options_object(
        options,
        &LEDGER_OPTIONS,
        "{ tz: 'Europe/Brussels', validityMonths: 24 }",
    )? {
        if let Some(value) = option_field(&object, "tz")? {
            zone = string_arg("tz", &value)?.parse::<Zone>().map_err(to_js)?;
        }
        if let Some(value) = option_field(&object, "validityMonths")? {
            let value = number_value("validityMonths", &value)?;
            months = u32::try_from(count_arg("validityMonths", value)?)
                .map_err(|_| invalid_arg(format!("validityMonths: {value} is out of range")))?;
        }
    }
    Ok((zone, months))
}

/// The name the core's JSON form gives a statement event (`"extension"`).
fn event_name(event: StatementEvent) -> String {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::String(name)) => name,
        // A unit variant always serialises to its name.
        _ => String::new(),
    }
}

/// The entries as plain JS objects: their core JSON, parsed by `JSON.parse`.
fn entries_to_js(env: Env, entries: &[Entry]) -> Result<Raw, JsError> {
    let json =
        serde_json::to_string(entries).map_err(|error| invalid_arg(format!("entries: {error}")))?;
    // SAFETY: `env` is the environment of the Node-API call running on this thread, and the values
    // built here are returned before it returns.
    let js = unsafe { Js::new(env.raw()) };
    let parse = || -> napi::Result<Raw> {
        let json_object = js.get_named(js.global()?, c"JSON")?;
        let parse = js.get_named(json_object, c"parse")?;
        Ok(Raw(js.call(parse, &[js.str(&json)?])?))
    };
    parse().map_err(napi_error)
}

/// Reads stored entries: an array of the core's JSON form (read through `JSON.stringify`, so a
/// `Date` in an entry is its ISO string).
fn entries_from_js(env: Env, value: &Unknown<'_>) -> Result<Vec<Entry>, JsError> {
    let kind = type_of("entries", value)?;
    if !value.is_array().unwrap_or(false) {
        return Err(invalid_arg(format!(
            "entries: expected an array of entries (as ledger.entries() returns), got {}",
            if kind == ValueType::Object {
                "an object that is not an array".to_owned()
            } else {
                format!("a value of type {}", type_name(kind))
            }
        )));
    }
    // SAFETY: as in `entries_to_js`.
    let js = unsafe { Js::new(env.raw()) };
    let stringify = || -> napi::Result<String> {
        let json_object = js.get_named(js.global()?, c"JSON")?;
        let stringify = js.get_named(json_object, c"stringify")?;
        let text = js.call(stringify, &[value.raw()])?;
        js.get_string(text, "entries")
    };
    let json = stringify().map_err(napi_error)?;
    let values: Vec<serde_json::Value> =
        serde_json::from_str(&json).map_err(|error| invalid_arg(format!("entries: {error}")))?;
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            serde_json::from_value::<Entry>(value)
                .map_err(|error| invalid_arg(format!("entries[{index}]: {error}")))
        })
        .collect()
}
