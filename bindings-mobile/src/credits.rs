//! Credits (SPEC section 6): [`Ledger`], a uniffi Object holding the core's
//! `envoi::credits::Ledger` behind a mutex, and the records its operations and queries return; the
//! billing plans ([`plans::BlockPlan`], [`plans::monthly_statement`]) are in module [`plans`].
//!
//! Instants cross the FFI as `SystemTime`, as in [`crate::schedule`]: `java.time.Instant` in Kotlin,
//! `Date` in Swift; the hand-written Kotlin layer (kotlin/src/main/kotlin/dev/envoi/Credits.kt) adds
//! `ZonedDateTime` overloads. The account's zone is an IANA name (default `"Europe/Brussels"`): its
//! wall clock counts the validity months. Kinds are strings (`"sms"`, `"email"`, `"secure_email"`,
//! or a host's own), checked by the core's `CreditKind::new`. Unit counts go in as signed 64-bit
//! integers (Kotlin `Long`, Swift `Int64`) and come out unsigned (`ULong`, `UInt64`), as the schedule
//! API does; entries cross as JSON strings in the core's form, one per entry.
//!
//! Every rule is the core's; this module converts and maps errors:
//!
//! - the core's `CreditError`s as [`EnvoiError::Credit`] with its code (`credits.*`), its message,
//!   and its numbers and keys as fields (`needed`, `available`, `kind`, `reserved`, `requested`,
//!   `at`, `last`, `key`, `order_id`); `time.unknown_zone` as [`EnvoiError::Time`];
//! - an instant outside the core's range is `argument.instant_out_of_range`, an integer the core's
//!   type cannot hold (a negative `timeout_s`, `validity_months` past `u32`) is
//!   `argument.out_of_range` (a unit count is always the core's `credits.invalid_units`), an entry that is not JSON of the core's form is
//!   `argument.invalid_json` (all [`EnvoiError::Argument`]).
//!
//! ## Threads
//!
//! A [`Ledger`] is mutable and may be shared between threads: each call takes its mutex for its
//! whole duration, so calls on one ledger run one after the other. A panic inside a call (a bug in
//! envoi) becomes `internal.panic`; the ledger is then refused by every call except `entries`,
//! `entries_since`, `version` and the accessors: rebuild it with `from_entries(entries())`.

pub mod plans;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use envoi::credits::{CreditKind, Entry, LotSource, OrderStatus};
use envoi::time::{Instant, Zone};

use crate::errors::{INSTANT_OUT_OF_RANGE_CODE, INVALID_JSON_CODE, OUT_OF_RANGE_CODE, PANIC_CODE};
use crate::time::{instant, system_time};
use crate::{EnvoiError, guard};

/// The result of an order operation (`purchase`, `activate`, `void_order`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Order {
    /// The order id.
    pub order_id: String,
    /// The credit kind (`"sms"`…).
    pub kind: String,
    /// The units of the pack.
    pub units: u64,
    /// Where the order stands: `"pending"` (waiting for its payment; adds nothing), `"active"`
    /// (paid: see `lot` and `expires_at`) or `"voided"` (see `voided_at`).
    pub status: String,
    /// The lot the order created: set when active, and when voided after activation; null/nil
    /// otherwise.
    pub lot: Option<u64>,
    /// An active order's lot expiry at activation (later orders may extend it); null/nil otherwise.
    pub expires_at: Option<SystemTime>,
    /// When a voided order was voided; null/nil otherwise.
    pub voided_at: Option<SystemTime>,
    /// Whether nothing was written because the same operation had already been made (the result is
    /// the first one's).
    pub replayed: bool,
}

/// Units a reservation took from one lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LotUnits {
    /// The lot id.
    pub lot: u64,
    /// The units taken from it.
    pub units: u64,
}

/// A reservation as made (`reserve`; also the result of `consume`, a reservation committed at once).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reservation {
    /// Its key.
    pub key: String,
    /// The credit kind.
    pub kind: String,
    /// The units reserved.
    pub units: u64,
    /// The lots the units were taken from, in spending order.
    pub lots: Vec<LotUnits>,
    /// When it was made.
    pub reserved_at: SystemTime,
    /// When it is released unless committed or released before; null/nil: never.
    pub times_out_at: Option<SystemTime>,
    /// Whether nothing was written because the same operation had already been made.
    pub replayed: bool,
}

/// The result of `commit` and `release`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Settled {
    /// Units consumed.
    pub consumed: u64,
    /// Units given back (to their lots, or to expired/removed when the lot expired or was voided).
    pub released: u64,
    /// Whether the reservation had already timed out (a release then writes nothing).
    pub timed_out: bool,
}

/// The result of `adjust`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Adjustment {
    /// The lot a grant created; null/nil for a removal.
    pub lot: Option<u64>,
    /// Whether nothing was written because the same operation had already been made.
    pub replayed: bool,
}

/// The balance of one kind at an instant. At every instant
/// `bought + granted = consumed + expired + removed + reserved + available`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Balance {
    /// Units of activated orders (voided ones included: their unspent units count as removed).
    pub bought: u64,
    /// Units of manual grants.
    pub granted: u64,
    /// Units committed (spent).
    pub consumed: u64,
    /// Units whose lot expired before they were spent.
    pub expired: u64,
    /// Units taken by manual removals and voided orders.
    pub removed: u64,
    /// Units held by open reservations.
    pub reserved: u64,
    /// Units that can be reserved now.
    pub available: u64,
    /// When the first of the available units expire; null/nil when none are available.
    pub expires_at: Option<SystemTime>,
}

/// One lot of units as seen at an instant (`lots_at`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Lot {
    /// The lot's number in this ledger (1, 2, … in order of creation).
    pub id: u64,
    /// The credit kind.
    pub kind: String,
    /// Where its units came from: `"order"` or `"grant"`.
    pub source: String,
    /// The order id (an order's lot) or the adjustment's key (a grant).
    pub reference: String,
    /// A grant's reason; null/nil for an order's lot.
    pub reason: Option<String>,
    /// The units it started with.
    pub units: u64,
    /// Its units neither spent, reserved, removed nor expired at the instant asked.
    pub available: u64,
    /// When it was created (order activated, grant made).
    pub activated_at: SystemTime,
    /// When its units expire (half-open: at this instant they are expired).
    pub expires_at: SystemTime,
    /// Whether its order was voided.
    pub voided: bool,
}

/// What `notices_at` found.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Notices {
    /// Kinds whose available units are at or under their threshold.
    pub low_balance: Vec<LowBalance>,
    /// Live units expiring within the window, per kind and expiry.
    pub expiring: Vec<Expiring>,
}

/// A kind at or under its low-balance threshold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct LowBalance {
    /// The credit kind.
    pub kind: String,
    /// Its available units.
    pub available: u64,
    /// The threshold it is at or under.
    pub threshold: u64,
}

/// Live units that expire soon.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Expiring {
    /// The credit kind.
    pub kind: String,
    /// The available units that expire then.
    pub units: u64,
    /// When.
    pub expires_at: SystemTime,
}

/// One line of a `statement`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct StatementLine {
    /// When.
    pub at: SystemTime,
    /// The credit kind.
    pub kind: String,
    /// What happened: `"purchase"`, `"activation"`, `"extension"`, `"reservation"`, `"commit"`,
    /// `"release"`, `"consumption"`, `"expiry"`, `"grant"` or `"removal"`.
    pub event: String,
    /// The units concerned (signed: what the event did to the available units when it changes
    /// them; the units of the event otherwise).
    pub units: i64,
    /// The order id or operation key.
    pub reference: String,
    /// The lot concerned, when one is.
    pub lot: Option<u64>,
    /// Detail for a person: a reason, a new expiry.
    pub note: String,
}

/// The credit ledger of one account (SPEC section 6): append-only entries, and the state they make
/// at any instant.
///
/// Packs are bought per kind (`purchase`); an order paid by bank transfer (`pending = true`) adds
/// nothing until `activate`. On each activation every unexpired lot of the kind gets expiry =
/// activation + the validity period (24 months by default; calendar months on the account's wall
/// clock, day clamped), never shortened; expired units are never revived. Units are spent from the
/// lots that expire first, in two phases (`reserve`, then `commit` or `release`; with `timeout_s` a
/// reservation is released at `reserved_at + timeout_s`) or one (`consume`). `adjust` grants
/// (positive units) or removes (negative) units by hand, with a reason.
///
/// Every operation is idempotent by its key (the order id for orders): the same key with the same
/// arguments is a replay that writes nothing and returns the first result (`replayed` is true);
/// with other arguments it throws `credits.idempotency_conflict`. A refused operation writes
/// nothing. Operations never go back in time (`credits.time_regression`); queries may ask any
/// instant.
///
/// The host stores `entries()` (JSON strings, append-only: after loading version `v`, append
/// `entries_since(v)`) and rebuilds the ledger with `from_entries`.
///
/// ```
/// use envoi_mobile::credits::Ledger;
/// use std::time::SystemTime;
/// let at = |s: &str| SystemTime::from(s.parse::<envoi::time::Instant>().unwrap());
/// let ledger = Ledger::new(None, 24)?;
/// ledger.purchase("o1".into(), "sms".into(), 1000, at("2025-03-01T10:00:00Z"), false)?;
/// ledger.consume("march".into(), "sms".into(), 300, at("2025-03-15T10:00:00Z"))?;
/// ledger.purchase("o2".into(), "sms".into(), 500, at("2026-03-01T10:00:00Z"), false)?;
/// let balance = ledger.balance("sms".into(), at("2026-03-02T00:00:00Z"))?;
/// assert_eq!(balance.available, 1200);
/// assert_eq!(balance.expires_at, Some(at("2028-03-01T10:00:00Z")));
/// # Ok::<(), envoi_mobile::EnvoiError>(())
/// ```
#[derive(Debug, uniffi::Object)]
pub struct Ledger {
    inner: Mutex<envoi::credits::Ledger>,
}

impl Ledger {
    fn wrap(inner: envoi::credits::Ledger) -> Arc<Self> {
        Arc::new(Ledger {
            inner: Mutex::new(inner),
        })
    }

    /// Runs `work` on the core's ledger under its mutex, inside the panic guard. A ledger whose
    /// mutex was poisoned by an earlier panic is refused (`internal.panic`).
    pub(crate) fn with<T>(
        &self,
        work: impl FnOnce(&mut envoi::credits::Ledger) -> Result<T, EnvoiError>,
    ) -> Result<T, EnvoiError> {
        guard(|| {
            let mut ledger = self.inner.lock().map_err(|_| EnvoiError::Internal {
                code: PANIC_CODE.to_owned(),
                reason: "internal: a previous call panicked while it held this ledger (a bug in envoi); rebuild the ledger with from_entries(entries())".to_owned(),
            })?;
            work(&mut ledger)
        })
    }

    /// The core's ledger, also after a panic (for the entries, the version and the accessors).
    fn anyway(&self) -> MutexGuard<'_, envoi::credits::Ledger> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Ledger {
    /// An empty ledger for an account in `zone` (an IANA name; null/nil is `"Europe/Brussels"`),
    /// whose credits stay valid `validity_months` (1 to 1200, default 24) after the last activated
    /// order of their kind.
    ///
    /// Throws `time.unknown_zone`, `credits.invalid_argument` (`validity_months` out of 1 to 1200),
    /// `argument.out_of_range` (`validity_months` negative or past 4 294 967 295).
    #[uniffi::constructor(default(zone = None, validity_months = 24))]
    pub fn new(zone: Option<String>, validity_months: i64) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let zone = to_zone(zone)?;
            let months = to_u32("validity_months", validity_months)?;
            Ok(Self::wrap(envoi::credits::Ledger::with_validity(
                zone, months,
            )?))
        })
    }

    /// Rebuilds a ledger from its stored entries (the JSON strings of `entries()`, in order) by
    /// replaying them.
    ///
    /// Throws `argument.invalid_json` for an entry that is not JSON of the core's form (the message
    /// names `entries[i]`), `credits.invalid_entries` for entries that do not replay (an edited or
    /// corrupt store; the message names the first one), and what `new` throws.
    #[uniffi::constructor(default(zone = None, validity_months = 24))]
    pub fn from_entries(
        entries: Vec<String>,
        zone: Option<String>,
        validity_months: i64,
    ) -> Result<Arc<Self>, EnvoiError> {
        guard(|| {
            let zone = to_zone(zone)?;
            let months = to_u32("validity_months", validity_months)?;
            let entries = entries
                .iter()
                .enumerate()
                .map(|(index, json)| {
                    serde_json::from_str::<Entry>(json).map_err(|error| {
                        EnvoiError::argument(
                            INVALID_JSON_CODE,
                            format!("entries[{index}]: not a credit entry: {error}; expected the form of entries(), such as {{\"op\":\"consume\",\"key\":\"send-42\",\"kind\":\"sms\",\"units\":3,\"at\":\"2026-11-30T09:00:00Z\"}}"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Self::wrap(envoi::credits::Ledger::from_entries(
                entries, zone, months,
            )?))
        })
    }

    /// Records an order of `units` of `kind`: active at once (card), or `pending` until `activate`
    /// (bank transfer; a pending order adds nothing). The same order id with the same arguments is
    /// a replay.
    ///
    /// Throws `credits.invalid_units`, `credits.invalid_kind`, `credits.idempotency_conflict`
    /// (`key`), `credits.time_regression` (`at`, `last`), `credits.invalid_argument` (an empty or
    /// overlong order id), `argument.out_of_range` (negative units),
    /// `argument.instant_out_of_range`.
    #[uniffi::method(default(pending = false))]
    pub fn purchase(
        &self,
        order_id: String,
        kind: String,
        units: i64,
        at: SystemTime,
        pending: bool,
    ) -> Result<Order, EnvoiError> {
        self.with(|ledger| {
            let (kind, units) = (to_kind(&kind)?, to_units(units)?);
            let outcome =
                ledger.purchase(&order_id, kind, units, to_instant("at", at)?, pending)?;
            Ok(order(outcome.value, outcome.replayed))
        })
    }

    /// Activates a pending order (its payment arrived): its units become available, and every
    /// unexpired lot of its kind gets expiry = `at` + the validity period (never shortened).
    /// Activating an active order is a replay.
    ///
    /// Throws `credits.order_not_found`, `credits.order_voided` (`order_id`),
    /// `credits.time_regression`, `argument.instant_out_of_range`.
    pub fn activate(&self, order_id: String, at: SystemTime) -> Result<Order, EnvoiError> {
        self.with(|ledger| {
            let outcome = ledger.activate(&order_id, to_instant("at", at)?)?;
            Ok(order(outcome.value, outcome.replayed))
        })
    }

    /// Voids an order (payment reversed, or a pending order cancelled): an active order's lot
    /// loses its unspent units (counted as removed); a pending one can no longer be activated. The
    /// extension it gave other lots stays. Voiding a voided order is a replay.
    ///
    /// Throws `credits.order_not_found`, `credits.time_regression`,
    /// `argument.instant_out_of_range`.
    pub fn void_order(&self, order_id: String, at: SystemTime) -> Result<Order, EnvoiError> {
        self.with(|ledger| {
            let outcome = ledger.void_order(&order_id, to_instant("at", at)?)?;
            Ok(order(outcome.value, outcome.replayed))
        })
    }

    /// Consumes `units` of `kind` in one step (a reservation committed at once), from the lots
    /// that expire first. The same key with the same arguments is a replay.
    ///
    /// Throws `credits.insufficient_credit` (`kind`, `needed`, `available`),
    /// `credits.invalid_units`, `credits.invalid_kind`, `credits.idempotency_conflict`,
    /// `credits.time_regression`, `credits.invalid_argument` (a bad key), `argument.out_of_range`,
    /// `argument.instant_out_of_range`.
    pub fn consume(
        &self,
        key: String,
        kind: String,
        units: i64,
        at: SystemTime,
    ) -> Result<Reservation, EnvoiError> {
        self.with(|ledger| {
            let (kind, units) = (to_kind(&kind)?, to_units(units)?);
            let outcome = ledger.consume(&key, kind, units, to_instant("at", at)?)?;
            Ok(reservation(outcome.value, outcome.replayed))
        })
    }

    /// Reserves `units` of `kind` for a send, from the lots that expire first; commit them when the
    /// transport accepts (`commit`) or release them (`release`). With `timeout_s` (seconds, 1 or
    /// more) an open reservation is released at `at + timeout_s`; without, it never times out.
    ///
    /// Throws as `consume`, and `credits.invalid_argument` for a `timeout_s` of 0 or too far.
    #[uniffi::method(default(timeout_s = None))]
    pub fn reserve(
        &self,
        key: String,
        kind: String,
        units: i64,
        at: SystemTime,
        timeout_s: Option<i64>,
    ) -> Result<Reservation, EnvoiError> {
        self.with(|ledger| {
            let (kind, units) = (to_kind(&kind)?, to_units(units)?);
            let timeout_s = timeout_s
                .map(|seconds| to_u64("timeout_s", seconds))
                .transpose()?;
            let outcome = ledger.reserve(&key, kind, units, to_instant("at", at)?, timeout_s)?;
            Ok(reservation(outcome.value, outcome.replayed))
        })
    }

    /// Commits a reservation: consumes all its units, or `units` of them (fewer than reserved; the
    /// rest is released).
    ///
    /// Throws `credits.unknown_reservation`, `credits.reservation_already_committed` (whatever the
    /// count), `credits.reservation_already_released`, `credits.reservation_timed_out` (at or after
    /// `reserved_at + timeout_s`), `credits.exceeds_reserved` (`key`, `reserved`, `requested`),
    /// `credits.invalid_units` (0), `credits.time_regression`, `argument.out_of_range`,
    /// `argument.instant_out_of_range`.
    #[uniffi::method(default(units = None))]
    pub fn commit(
        &self,
        key: String,
        at: SystemTime,
        units: Option<i64>,
    ) -> Result<Settled, EnvoiError> {
        self.with(|ledger| {
            let units = units.map(to_units).transpose()?;
            Ok(settled(ledger.commit(
                &key,
                to_instant("at", at)?,
                units,
            )?))
        })
    }

    /// Releases a reservation: its units go back to their lots (to expired if the lot expired
    /// meanwhile, to removed if its order was voided). After its timeout the reservation is already
    /// released: this writes nothing and says so (`timed_out`).
    ///
    /// Throws `credits.unknown_reservation`, `credits.reservation_already_committed`,
    /// `credits.reservation_already_released`, `credits.time_regression`,
    /// `argument.instant_out_of_range`.
    pub fn release(&self, key: String, at: SystemTime) -> Result<Settled, EnvoiError> {
        self.with(|ledger| Ok(settled(ledger.release(&key, to_instant("at", at)?)?)))
    }

    /// A manual adjustment with a reason: `units > 0` grants a lot of its own (expiring at
    /// `expires_at`, or after the validity period); `units < 0` removes units in spending order,
    /// never more than available.
    ///
    /// Throws `credits.invalid_units` (0), `credits.invalid_argument` (an empty reason, an expiry
    /// not after `at`, a bad key), `credits.insufficient_credit` (a removal),
    /// `credits.idempotency_conflict`, `credits.time_regression`, `credits.invalid_kind`,
    /// `argument.instant_out_of_range`.
    #[uniffi::method(default(expires_at = None))]
    pub fn adjust(
        &self,
        key: String,
        kind: String,
        units: i64,
        reason: String,
        at: SystemTime,
        expires_at: Option<SystemTime>,
    ) -> Result<Adjustment, EnvoiError> {
        self.with(|ledger| {
            let kind = to_kind(&kind)?;
            let expires_at = expires_at
                .map(|time| to_instant("expires_at", time))
                .transpose()?;
            let at = to_instant("at", at)?;
            let outcome = ledger.adjust(&key, kind, units, &reason, at, expires_at)?;
            Ok(Adjustment {
                lot: outcome.value,
                replayed: outcome.replayed,
            })
        })
    }

    /// The balance of `kind` at `at` (any instant; reservations timed out by then count as
    /// released). Throws `credits.invalid_kind`, `argument.instant_out_of_range`.
    pub fn balance(&self, kind: String, at: SystemTime) -> Result<Balance, EnvoiError> {
        self.with(|ledger| {
            let balance = ledger.balance(&to_kind(&kind)?, to_instant("at", at)?);
            Ok(Balance {
                bought: balance.bought,
                granted: balance.granted,
                consumed: balance.consumed,
                expired: balance.expired,
                removed: balance.removed,
                reserved: balance.reserved,
                available: balance.available,
                expires_at: balance.expires_at.map(system_time),
            })
        })
    }

    /// Every lot at `at`, in order of creation, with its units available then (0 once expired or
    /// voided). Throws `argument.instant_out_of_range`.
    pub fn lots_at(&self, at: SystemTime) -> Result<Vec<Lot>, EnvoiError> {
        self.with(|ledger| {
            let lots = ledger.lots_at(to_instant("at", at)?);
            Ok(lots.into_iter().map(lot).collect())
        })
    }

    /// Low-balance and upcoming-expiry notices at `at`: the kinds of `thresholds` (kind → units)
    /// whose available units are at or under their threshold, and live units expiring in
    /// `(at, at + within_days days]`.
    ///
    /// Throws `credits.invalid_kind` (a key of `thresholds`), `argument.out_of_range` (a negative
    /// threshold, `within_days` negative or past 4 294 967 295), `argument.instant_out_of_range`.
    pub fn notices_at(
        &self,
        at: SystemTime,
        thresholds: HashMap<String, i64>,
        within_days: i64,
    ) -> Result<Notices, EnvoiError> {
        self.with(|ledger| {
            let at = to_instant("at", at)?;
            let mut limits = BTreeMap::new();
            for (kind, threshold) in thresholds {
                let threshold = to_u64(&format!("thresholds[{kind:?}]"), threshold)?;
                limits.insert(to_kind(&kind)?, threshold);
            }
            let within_days = to_u32("within_days", within_days)?;
            let notices = ledger.notices_at(at, &limits, within_days);
            Ok(Notices {
                low_balance: notices
                    .low_balance
                    .into_iter()
                    .map(|low| LowBalance {
                        kind: low.kind.to_string(),
                        available: low.available,
                        threshold: low.threshold,
                    })
                    .collect(),
                expiring: notices
                    .expiring
                    .into_iter()
                    .map(|soon| Expiring {
                        kind: soon.kind.to_string(),
                        units: soon.units,
                        expires_at: system_time(soon.expires_at),
                    })
                    .collect(),
            })
        })
    }

    /// What happened in `[from, to)`, in time order: every entry, the extensions its activations
    /// gave, the timeouts, and the units that expired. Throws `argument.instant_out_of_range`.
    pub fn statement(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<StatementLine>, EnvoiError> {
        self.with(|ledger| {
            let (from, to) = (to_instant("from", from)?, to_instant("to", to)?);
            ledger
                .statement(from, to)
                .into_iter()
                .map(|line| {
                    Ok(StatementLine {
                        at: system_time(line.at),
                        kind: line.kind.to_string(),
                        event: event_name(line.event)?,
                        units: line.units,
                        reference: line.reference,
                        lot: line.lot,
                        note: line.note,
                    })
                })
                .collect()
        })
    }

    /// Every entry written, in order, each as the core's JSON (an object tagged by `op`, such as
    /// `{"op":"consume","key":"send-42","kind":"sms","units":3,"at":"2026-11-30T09:00:00Z"}`): what
    /// the host stores and gives back to `from_entries`. Works also on a ledger refused after a
    /// panic.
    pub fn entries(&self) -> Result<Vec<String>, EnvoiError> {
        guard(|| entries_json(self.anyway().entries()))
    }

    /// The entries written after `version` (what to append to a store that holds `version`
    /// entries); empty when `version` is the current one or past it. Throws
    /// `argument.out_of_range` for a negative version.
    pub fn entries_since(&self, version: i64) -> Result<Vec<String>, EnvoiError> {
        guard(|| {
            let version = to_u64("version", version)?;
            entries_json(self.anyway().entries_since(version))
        })
    }

    /// The number of entries written: the version a store compares for optimistic concurrency.
    pub fn version(&self) -> u64 {
        self.anyway().version()
    }

    /// The IANA name of the account's zone, such as `"Europe/Brussels"`.
    pub fn zone(&self) -> String {
        self.anyway().zone().name().to_owned()
    }

    /// The validity period in months.
    pub fn validity_months(&self) -> u32 {
        self.anyway().validity_months()
    }

    /// The time of the last operation written, or null/nil for an empty ledger.
    pub fn last_operation_at(&self) -> Option<SystemTime> {
        self.anyway().last_operation_at().map(system_time)
    }
}

pub(crate) fn order(order: envoi::credits::Order, replayed: bool) -> Order {
    let (status, lot, expires_at, voided_at) = match order.status {
        OrderStatus::Pending => ("pending", None, None, None),
        OrderStatus::Active { lot, expires_at } => {
            ("active", Some(lot), Some(system_time(expires_at)), None)
        }
        OrderStatus::Voided { at, lot } => ("voided", lot, None, Some(system_time(at))),
    };
    Order {
        order_id: order.order_id,
        kind: order.kind.to_string(),
        units: order.units,
        status: status.to_owned(),
        lot,
        expires_at,
        voided_at,
        replayed,
    }
}

fn reservation(reservation: envoi::credits::Reservation, replayed: bool) -> Reservation {
    Reservation {
        key: reservation.key,
        kind: reservation.kind.to_string(),
        units: reservation.units,
        lots: reservation
            .lots
            .into_iter()
            .map(|(lot, units)| LotUnits { lot, units })
            .collect(),
        reserved_at: system_time(reservation.reserved_at),
        times_out_at: reservation.times_out_at.map(system_time),
        replayed,
    }
}

fn settled(settled: envoi::credits::Settled) -> Settled {
    Settled {
        consumed: settled.consumed,
        released: settled.released,
        timed_out: settled.timed_out,
    }
}

fn lot(lot: envoi::credits::Lot) -> Lot {
    let (source, reference, reason) = match lot.source {
        LotSource::Order { order_id } => ("order", order_id, None),
        LotSource::Grant { key, reason } => ("grant", key, Some(reason)),
    };
    Lot {
        id: lot.id,
        kind: lot.kind.to_string(),
        source: source.to_owned(),
        reference,
        reason,
        units: lot.units,
        available: lot.available,
        activated_at: system_time(lot.activated_at),
        expires_at: system_time(lot.expires_at),
        voided: lot.voided,
    }
}

fn entries_json(entries: &[Entry]) -> Result<Vec<String>, EnvoiError> {
    entries
        .iter()
        .map(|entry| {
            serde_json::to_string(entry)
                .map_err(|error| EnvoiError::panic(&format!("serializing an entry: {error}")))
        })
        .collect()
}

/// The core's own name of a statement event (its serde form, such as `"activation"`).
fn event_name(event: envoi::credits::StatementEvent) -> Result<String, EnvoiError> {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::String(name)) => Ok(name),
        other => Err(EnvoiError::panic(&format!("not an event name: {other:?}"))),
    }
}

pub(crate) fn to_zone(zone: Option<String>) -> Result<Zone, EnvoiError> {
    Ok(match zone {
        Some(name) => name.parse::<Zone>()?,
        None => Zone::default(),
    })
}

pub(crate) fn to_kind(kind: &str) -> Result<CreditKind, EnvoiError> {
    Ok(CreditKind::new(kind)?)
}

/// A unit count as the core's `u64`, checked by the core: zero, negative or past the maximum is
/// `credits.invalid_units` (as in every binding), not an argument error.
fn to_units(value: i64) -> Result<u64, EnvoiError> {
    Ok(envoi::credits::unit_count("units", i128::from(value))?)
}

/// A host integer as the core's `u64`; `field` names the argument in the error.
pub(crate) fn to_u64(field: &str, value: i64) -> Result<u64, EnvoiError> {
    u64::try_from(value).map_err(|_| {
        EnvoiError::argument(
            OUT_OF_RANGE_CODE,
            format!("{field}: {value} is negative; give 0 or more"),
        )
    })
}

/// A host integer as the core's `u32`; `field` names the argument in the error.
fn to_u32(field: &str, value: i64) -> Result<u32, EnvoiError> {
    u32::try_from(value).map_err(|_| {
        let why = if value < 0 {
            "is negative; give 0 or more".to_owned()
        } else {
            format!("is too large; the most the core takes is {}", u32::MAX)
        };
        EnvoiError::argument(OUT_OF_RANGE_CODE, format!("{field}: {value} {why}"))
    })
}

/// The host's instant as the core's; `field` names the argument in the error.
pub(crate) fn to_instant(field: &str, time: SystemTime) -> Result<Instant, EnvoiError> {
    instant(time).ok_or_else(|| {
        EnvoiError::argument(
            INSTANT_OUT_OF_RANGE_CODE,
            format!(
                "{field}: the instant {time:?} is outside the supported range of dates ({} to {})",
                chrono::NaiveDate::MIN,
                chrono::NaiveDate::MAX
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        system_time(rfc3339.parse::<Instant>().unwrap())
    }

    fn ledger() -> Arc<Ledger> {
        Ledger::new(None, 24).unwrap()
    }

    #[test]
    fn seed_buy_use_buy_again_then_expire() {
        let ledger = ledger();
        ledger
            .purchase(
                "o1".into(),
                "sms".into(),
                1000,
                at("2025-03-01T10:00:00Z"),
                false,
            )
            .unwrap();
        ledger
            .consume(
                "march".into(),
                "sms".into(),
                300,
                at("2025-03-15T10:00:00Z"),
            )
            .unwrap();
        let second = ledger
            .purchase(
                "o2".into(),
                "sms".into(),
                500,
                at("2026-03-01T10:00:00Z"),
                false,
            )
            .unwrap();
        assert_eq!(second.status, "active");
        assert_eq!(second.expires_at, Some(at("2028-03-01T10:00:00Z")));
        let balance = ledger
            .balance("sms".into(), at("2026-03-02T00:00:00Z"))
            .unwrap();
        assert_eq!(balance.available, 1200);
        assert_eq!(balance.expires_at, Some(at("2028-03-01T10:00:00Z")));
        let later = ledger
            .balance("sms".into(), at("2028-03-01T10:00:00Z"))
            .unwrap();
        assert_eq!((later.available, later.expired), (0, 1200));
    }

    #[test]
    fn credit_errors_carry_their_numbers() {
        let ledger = ledger();
        ledger
            .purchase(
                "o1".into(),
                "sms".into(),
                5,
                at("2026-01-05T09:00:00Z"),
                false,
            )
            .unwrap();
        let error = ledger
            .reserve(
                "s".into(),
                "sms".into(),
                8,
                at("2026-01-06T09:00:00Z"),
                None,
            )
            .unwrap_err();
        let EnvoiError::Credit {
            needed, available, ..
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!((*needed, *available), (Some(8), Some(5)));
        let error = ledger
            .purchase(
                "o2".into(),
                "sms".into(),
                5,
                at("2026-01-01T09:00:00Z"),
                false,
            )
            .unwrap_err();
        let EnvoiError::Credit { at: a, last, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            (*a, *last),
            (
                Some(at("2026-01-01T09:00:00Z")),
                Some(at("2026-01-05T09:00:00Z"))
            )
        );
    }

    #[test]
    fn conversion_errors_are_argument_errors() {
        let ledger = ledger();
        let t = at("2026-01-05T09:00:00Z");
        let negative = ledger
            .purchase("o1".into(), "sms".into(), -1, t, false)
            .unwrap_err();
        // A unit count of any integer is the core's own error, with the value as given.
        assert_eq!(negative.code(), "credits.invalid_units");
        assert!(negative.message().contains("-1"), "{negative}");
        let far = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 60);
        let error = ledger
            .purchase("o1".into(), "sms".into(), 1, far, false)
            .unwrap_err();
        assert_eq!(error.code(), INSTANT_OUT_OF_RANGE_CODE);
        assert!(error.message().starts_with("at: "));
        let kind = ledger
            .purchase("o1".into(), "SMS".into(), 1, t, false)
            .unwrap_err();
        assert_eq!(kind.code(), "credits.invalid_kind");
        assert_eq!(Ledger::new(None, -1).unwrap_err().code(), OUT_OF_RANGE_CODE);
        assert_eq!(
            Ledger::new(None, 1 << 40).unwrap_err().code(),
            OUT_OF_RANGE_CODE
        );
        assert_eq!(
            Ledger::new(None, 0).unwrap_err().code(),
            "credits.invalid_argument"
        );
        let json = Ledger::from_entries(vec!["{".into()], None, 24).unwrap_err();
        assert_eq!(json.code(), INVALID_JSON_CODE);
        assert!(json.message().starts_with("entries[0]: "));
        assert_eq!(ledger.version(), 0);
    }

    #[test]
    fn a_panic_under_the_mutex_refuses_the_ledger_but_keeps_its_entries() {
        let ledger = ledger();
        ledger
            .purchase(
                "o1".into(),
                "sms".into(),
                5,
                at("2026-01-05T09:00:00Z"),
                false,
            )
            .unwrap();
        let error = ledger
            .with(|_| -> Result<(), EnvoiError> { panic!("boom") })
            .unwrap_err();
        assert_eq!(error.code(), PANIC_CODE);
        let refused = ledger
            .balance("sms".into(), at("2026-01-06T00:00:00Z"))
            .unwrap_err();
        assert_eq!(refused.code(), PANIC_CODE);
        assert!(refused.message().contains("from_entries"));
        let entries = ledger.entries().unwrap();
        assert_eq!(entries.len(), 1);
        let again = Ledger::from_entries(entries, None, 24).unwrap();
        let balance = again
            .balance("sms".into(), at("2026-01-06T00:00:00Z"))
            .unwrap();
        assert_eq!(balance.available, 5);
    }

    #[test]
    fn statement_events_use_the_core_names() {
        let ledger = ledger();
        ledger
            .purchase(
                "o1".into(),
                "sms".into(),
                10,
                at("2026-01-05T09:00:00Z"),
                false,
            )
            .unwrap();
        let lines = ledger
            .statement(at("2026-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"))
            .unwrap();
        let events: Vec<_> = lines.iter().map(|line| line.event.as_str()).collect();
        assert_eq!(events, ["purchase", "activation", "expiry"]);
    }
}
