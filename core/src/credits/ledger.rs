use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Months, TimeDelta};
use serde::{Deserialize, Serialize};

use super::{CreditError, CreditKind, Entry};
use crate::time::{Instant, Zone};

/// The largest unit count one operation takes (10¹²): totals of any realistic ledger stay far from
/// `u64::MAX`.
///
/// ```
/// use envoi::credits::{CreditKind, Ledger, MAX_UNITS};
/// let mut ledger = Ledger::new(Default::default());
/// let at = "2026-01-01T09:00:00Z".parse().unwrap();
/// assert!(ledger.purchase("o1", CreditKind::sms(), MAX_UNITS + 1, at, false).is_err());
/// ```
pub const MAX_UNITS: u64 = 1_000_000_000_000;

/// The default validity of credits: 24 months after the last activated order of their kind.
///
/// ```
/// assert_eq!(envoi::credits::DEFAULT_VALIDITY_MONTHS, 24);
/// ```
pub const DEFAULT_VALIDITY_MONTHS: u32 = 24;

/// The balance of one credit kind at an instant ([`Ledger::balance`]). At every instant
/// `bought + granted = consumed + expired + removed + reserved + available`.
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::sms(), 1000, at("2026-01-05T09:00:00Z"), false)?;
/// ledger.consume("send-1", CreditKind::sms(), 300, at("2026-02-01T09:00:00Z"))?;
/// let balance = ledger.balance(&CreditKind::sms(), at("2026-03-01T00:00:00Z"));
/// assert_eq!((balance.bought, balance.consumed, balance.available), (1000, 300, 700));
/// assert_eq!(balance.expires_at, Some(at("2028-01-05T09:00:00Z")));
/// assert!(balance.is_consistent());
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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
    /// When the first of the available units expire; `None` when none are available.
    pub expires_at: Option<Instant>,
}

impl Balance {
    /// Whether `bought + granted = consumed + expired + removed + reserved + available`.
    ///
    /// ```
    /// assert!(envoi::credits::Balance::default().is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        u128::from(self.bought) + u128::from(self.granted)
            == u128::from(self.consumed)
                + u128::from(self.expired)
                + u128::from(self.removed)
                + u128::from(self.reserved)
                + u128::from(self.available)
    }
}

/// Where a lot's units came from.
///
/// ```
/// use envoi::credits::LotSource;
/// let source = LotSource::Order { order_id: "o1".into() };
/// assert_eq!(serde_json::to_string(&source).unwrap(), r#"{"order":{"order_id":"o1"}}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LotSource {
    /// An activated order.
    Order {
        /// The order id.
        order_id: String,
    },
    /// A manual grant.
    Grant {
        /// The adjustment's key.
        key: String,
        /// Its reason.
        reason: String,
    },
}

/// One lot of units as seen at an instant ([`Ledger::lots_at`]).
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::email(), 500, at("2026-01-05T09:00:00Z"), false)?;
/// let lots = ledger.lots_at(at("2026-01-06T00:00:00Z"));
/// assert_eq!((lots[0].id, lots[0].units, lots[0].available), (1, 500, 500));
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lot {
    /// The lot's number in this ledger (1, 2, … in order of creation).
    pub id: u64,
    /// The credit kind.
    pub kind: CreditKind,
    /// Where its units came from.
    pub source: LotSource,
    /// The units it started with.
    pub units: u64,
    /// Its units neither spent, reserved, removed nor expired at the instant asked.
    pub available: u64,
    /// When it was created (order activated, grant made).
    pub activated_at: Instant,
    /// When its units expire (half-open: at this instant they are expired).
    pub expires_at: Instant,
    /// Whether its order was voided.
    pub voided: bool,
}

/// A reservation as made ([`Ledger::reserve`]; also the result of [`Ledger::consume`]).
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
/// let reservation = ledger.reserve("send-1", CreditKind::sms(), 4, at("2026-01-06T09:00:00Z"), Some(600))?.value;
/// assert_eq!(reservation.lots, vec![(1, 4)]);
/// assert_eq!(reservation.times_out_at, Some(at("2026-01-06T09:10:00Z")));
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    /// Its key.
    pub key: String,
    /// The credit kind.
    pub kind: CreditKind,
    /// The units reserved.
    pub units: u64,
    /// The lots the units were taken from, in spending order: `(lot id, units)`.
    pub lots: Vec<(u64, u64)>,
    /// When it was made.
    pub reserved_at: Instant,
    /// When it is released unless committed or released before; `None`: never.
    pub times_out_at: Option<Instant>,
}

/// What an operation did: its result, and whether it was a replay (an earlier operation with the
/// same key and arguments, which wrote nothing and returns the first result).
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = "2026-01-05T09:00:00Z".parse().unwrap();
/// let first = ledger.purchase("o1", CreditKind::sms(), 10, at, false)?;
/// let again = ledger.purchase("o1", CreditKind::sms(), 10, at, false)?;
/// assert!(!first.replayed && again.replayed);
/// assert_eq!(first.value, again.value);
/// assert_eq!(ledger.entries().len(), 1);
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome<T> {
    /// The operation's result.
    pub value: T,
    /// Whether nothing was written because the operation had already been made.
    pub replayed: bool,
}

/// The result of an order operation ([`Ledger::purchase`], [`Ledger::activate`],
/// [`Ledger::void_order`]).
///
/// ```
/// use envoi::credits::{CreditKind, Ledger, OrderStatus};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// let order = ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), true)?.value;
/// assert_eq!(order.status, OrderStatus::Pending);
/// let order = ledger.activate("o1", at("2026-01-08T09:00:00Z"))?.value;
/// assert_eq!(order.status, OrderStatus::Active { lot: 1, expires_at: at("2028-01-08T09:00:00Z") });
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The order id.
    pub order_id: String,
    /// The credit kind.
    pub kind: CreditKind,
    /// The units of the pack.
    pub units: u64,
    /// Where the order stands.
    pub status: OrderStatus,
}

/// Where an order stands.
///
/// ```
/// use envoi::credits::OrderStatus;
/// assert_ne!(OrderStatus::Pending, OrderStatus::Voided { at: "2026-01-01T00:00:00Z".parse().unwrap(), lot: None });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Waiting for its payment; adds nothing.
    Pending,
    /// Paid: its lot, and that lot's expiry when the order was activated.
    Active {
        /// The lot it created.
        lot: u64,
        /// The lot's expiry at activation (later orders may extend it).
        expires_at: Instant,
    },
    /// Voided (payment reversed, or cancelled while pending).
    Voided {
        /// When.
        at: Instant,
        /// The lot it had created when it was voided after activation; `None` when it was
        /// cancelled while pending.
        lot: Option<u64>,
    },
}

/// The result of [`Ledger::commit`] and [`Ledger::release`].
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
/// ledger.reserve("send-1", CreditKind::sms(), 4, at("2026-01-06T09:00:00Z"), None)?;
/// let settled = ledger.commit("send-1", at("2026-01-06T09:01:00Z"), Some(3))?;
/// assert_eq!((settled.consumed, settled.released), (3, 1));
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    /// Units consumed.
    pub consumed: u64,
    /// Units given back (to their lots, or to expired/removed when the lot expired or was voided).
    pub released: u64,
    /// Whether the reservation had already timed out (a release then writes nothing).
    pub timed_out: bool,
}

/// What [`Ledger::notices_at`] found: kinds under their threshold and units about to expire.
///
/// ```
/// use std::collections::BTreeMap;
/// use envoi::credits::{CreditKind, Ledger};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::sms(), 100, at("2024-01-05T09:00:00Z"), false)?;
/// let thresholds = BTreeMap::from([(CreditKind::sms(), 100)]);
/// let notices = ledger.notices_at(at("2025-12-20T09:00:00Z"), &thresholds, 30);
/// assert_eq!(notices.low_balance[0].available, 100);
/// assert_eq!(notices.expiring[0].expires_at, at("2026-01-05T09:00:00Z"));
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Notices {
    /// Kinds whose available units are at or under their threshold.
    pub low_balance: Vec<LowBalance>,
    /// Live units expiring within the window, per kind and expiry.
    pub expiring: Vec<Expiring>,
}

/// A kind at or under its low-balance threshold.
///
/// ```
/// use envoi::credits::{CreditKind, LowBalance};
/// let low = LowBalance { kind: CreditKind::sms(), available: 3, threshold: 10 };
/// assert!(low.available <= low.threshold);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowBalance {
    /// The credit kind.
    pub kind: CreditKind,
    /// Its available units.
    pub available: u64,
    /// The threshold it is at or under.
    pub threshold: u64,
}

/// Live units that expire soon.
///
/// ```
/// use envoi::credits::{CreditKind, Expiring};
/// let soon = Expiring { kind: CreditKind::email(), units: 40, expires_at: "2026-12-01T00:00:00Z".parse().unwrap() };
/// assert_eq!(soon.units, 40);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiring {
    /// The credit kind.
    pub kind: CreditKind,
    /// The available units that expire then.
    pub units: u64,
    /// When.
    pub expires_at: Instant,
}

/// One line of a [`Ledger::statement`].
///
/// ```
/// use envoi::credits::{CreditKind, Ledger, StatementEvent};
/// let mut ledger = Ledger::new(Default::default());
/// let at = |s: &str| s.parse().unwrap();
/// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
/// let lines = ledger.statement(at("2026-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"));
/// let events: Vec<_> = lines.iter().map(|line| line.event).collect();
/// assert_eq!(events, [StatementEvent::Purchase, StatementEvent::Activation, StatementEvent::Expiry]);
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// When.
    pub at: Instant,
    /// The credit kind.
    pub kind: CreditKind,
    /// What happened.
    pub event: StatementEvent,
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

/// What a [`StatementLine`] records.
///
/// ```
/// use envoi::credits::StatementEvent;
/// assert_eq!(serde_json::to_string(&StatementEvent::Extension).unwrap(), r#""extension""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementEvent {
    /// An order was placed.
    Purchase,
    /// An order was paid: its lot is available.
    Activation,
    /// A lot's expiry was moved later by an activation.
    Extension,
    /// Units were reserved.
    Reservation,
    /// Reserved units were consumed.
    Commit,
    /// Reserved units were given back (explicitly or by timeout).
    Release,
    /// Units were consumed in one step.
    Consumption,
    /// Units expired.
    Expiry,
    /// Units were granted by hand.
    Grant,
    /// Units were removed by hand, or by a voided order.
    Removal,
}

#[derive(Debug, Clone)]
struct LotState {
    kind: CreditKind,
    source: LotSource,
    units: u64,
    left: u64,
    activated_at: Instant,
    expires_at: Instant,
    voided: bool,
    /// Units given back after the lot expired (each with its own expiry line in the statement).
    returned_after_expiry: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ReservationStatus {
    Open,
    Committed { units: u64, at: Instant },
    Released { at: Instant, timed_out: bool },
}

/// The lots a reservation took units from: almost always one, kept inline (no allocation).
#[derive(Debug, Clone)]
enum LotsTaken {
    One((u64, u64)),
    Many(Box<[(u64, u64)]>),
}

impl From<&[(u64, u64)]> for LotsTaken {
    fn from(lots: &[(u64, u64)]) -> Self {
        match lots {
            [one] => LotsTaken::One(*one),
            _ => LotsTaken::Many(lots.into()),
        }
    }
}

impl std::ops::Deref for LotsTaken {
    type Target = [(u64, u64)];

    fn deref(&self) -> &Self::Target {
        match self {
            LotsTaken::One(one) => std::slice::from_ref(one),
            LotsTaken::Many(many) => many,
        }
    }
}

impl<'a> IntoIterator for &'a LotsTaken {
    type Item = &'a (u64, u64);
    type IntoIter = std::slice::Iter<'a, (u64, u64)>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// What the ledger keeps of a reservation: a [`Reservation`] without its key (the key index holds
/// it, and so does the entry that made it), so that a one-lot reservation allocates nothing.
#[derive(Debug, Clone)]
struct Hold {
    kind: CreditKind,
    units: u64,
    lots: LotsTaken,
    reserved_at: Instant,
    times_out_at: Option<Instant>,
}

impl Hold {
    fn with_key(&self, key: &str) -> Reservation {
        Reservation {
            key: key.to_owned(),
            kind: self.kind.clone(),
            units: self.units,
            lots: self.lots.to_vec(),
            reserved_at: self.reserved_at,
            times_out_at: self.times_out_at,
        }
    }
}

#[derive(Debug, Clone)]
struct ReservationState {
    reservation: Hold,
    /// The entry that made it (which holds its key).
    entry: usize,
    /// The first operation's arguments, for idempotency: `(op, kind, units, timeout)`.
    made_by: &'static str,
    timeout_s: Option<u64>,
    status: ReservationStatus,
}

#[derive(Debug, Clone)]
struct AdjustmentState {
    kind: CreditKind,
    units: i64,
    reason: String,
    expires_at: Option<Instant>,
    lot: Option<u64>,
}

/// What a key of the reserve/consume/adjust namespace names: an index into the ledger's lists.
#[derive(Debug, Clone, Copy)]
enum KeyUse {
    Reservation(usize),
    Adjustment(usize),
}

#[derive(Debug, Clone)]
struct OrderState {
    order: Order,
    pending: bool,
}

/// Per kind: running totals and the indexes that keep queries flat as history grows.
#[derive(Debug, Clone, Default)]
struct KindState {
    bought: u64,
    granted: u64,
    consumed: u64,
    removed: u64,
    reserved: u64,
    /// Units left (unspent, unreserved) in non-voided lots, by expiry: few classes, since an
    /// activation gives every live lot of the kind the same expiry.
    left_by_expiry: BTreeMap<Instant, u64>,
    /// Live lots with units left, in spending order: (expiry, activation, lot id).
    spending: BTreeSet<(Instant, Instant, u64)>,
    /// Lots that may still be extended (unexpired at the last activation).
    extendable: Vec<u64>,
    /// Open reservations with a timeout, as (times out at, the reservation's index).
    timeouts: BTreeSet<(Instant, usize)>,
}

/// The credit ledger of one account (SPEC section 6): append-only [`Entry`]s, and the state they
/// make at any instant.
///
/// Packs are bought per [`CreditKind`]; an order paid by bank transfer stays pending and adds
/// nothing until [`Ledger::activate`]. On each activation every unexpired lot of the kind gets
/// expiry = activation + the validity period (24 months by default; calendar months on the
/// account's wall clock, day clamped), never shortened; expired units are never revived. Units are
/// spent from the lots that expire first (ties: oldest activation, then lowest lot id), in two
/// phases ([`Ledger::reserve`], then [`Ledger::commit`] or [`Ledger::release`]; a reservation with
/// a timeout is released at `reserved_at + timeout`) or one ([`Ledger::consume`]).
///
/// Every operation is idempotent by its key (the order id for orders): the same key with the same
/// arguments is a replay that writes nothing and returns the first result ([`Outcome::replayed`]);
/// with other arguments it is [`CreditError::IdempotencyConflict`]. The time is not compared in a
/// replay. A refused operation writes nothing and is not remembered. Operations never go back in
/// time ([`CreditError::TimeRegression`]); queries may ask any instant.
///
/// Expiry and timeouts are computed from the time of each query and operation, never applied by a
/// cleanup job. Costs: an operation or a query at or after the last operation reads running totals
/// and an index of expiry classes (flat in the length of the history; a reservation walks the lots
/// it takes units from; an activation walks the kind's unexpired lots); a query before the last
/// operation replays the entries up to it (grows with the history).
///
/// The store keeps [`Ledger::entries`] (optimistic concurrency: append [`Ledger::entries_since`]
/// the version it loaded, and refuse the write if another worker appended first) and rebuilds the
/// ledger with [`Ledger::from_entries`].
///
/// ```
/// use envoi::credits::{CreditKind, Ledger};
/// use envoi::time::{Instant, Zone};
/// let at = |s: &str| s.parse::<Instant>().unwrap();
/// let sms = CreditKind::sms();
/// let mut ledger = Ledger::new(Zone::default());
/// // Buy 1000 SMS, use 300, buy 500 a year later: 1200 left, expiring 24 months after the second order.
/// ledger.purchase("o1", sms.clone(), 1000, at("2025-03-01T10:00:00Z"), false)?;
/// ledger.consume("march-newsletter", sms.clone(), 300, at("2025-03-15T10:00:00Z"))?;
/// ledger.purchase("o2", sms.clone(), 500, at("2026-03-01T10:00:00Z"), false)?;
/// let balance = ledger.balance(&sms, at("2026-03-02T00:00:00Z"));
/// assert_eq!(balance.available, 1200);
/// assert_eq!(balance.expires_at, Some(at("2028-03-01T10:00:00Z")));
/// // No order for two years: everything expired.
/// assert_eq!(ledger.balance(&sms, at("2028-03-01T10:00:00Z")).available, 0);
/// assert_eq!(ledger.balance(&sms, at("2028-03-01T10:00:00Z")).expired, 1200);
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Ledger {
    zone: Zone,
    validity_months: u32,
    entries: Vec<Entry>,
    last: Option<Instant>,
    lots: Vec<LotState>,
    orders: HashMap<String, OrderState>,
    /// Every key used by reserve, consume and adjust (one namespace), and what it names. Hashed
    /// with foldhash (randomly seeded per map): every reserve+commit pair hashes its key a few
    /// times, and SipHash was a quarter of the pair's cost.
    keys: HashMap<String, KeyUse, foldhash::fast::RandomState>,
    reservations: Vec<ReservationState>,
    adjustments: Vec<AdjustmentState>,
    kinds: BTreeMap<CreditKind, KindState>,
    /// Statement lines of timeouts and late returns, recorded as they are settled.
    settled_lines: Vec<StatementLine>,
}

fn units_checked(field: &'static str, units: u64) -> Result<u64, CreditError> {
    unit_count(field, i128::from(units))
}

/// Checks a unit count given as any integer (a host's `int`, a JavaScript number, a Kotlin
/// `Long`) and returns it as the ledger's `u64`: 1 to [`MAX_UNITS`]. Zero, a negative count or
/// one past the maximum is [`CreditError::InvalidUnits`] carrying the value exactly as given, so a
/// binding never has to turn a wrong count into an error of its own.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::credits::{unit_count, CreditError};
/// assert_eq!(unit_count("units", 500)?, 500);
/// let error = unit_count("units", -3).unwrap_err();
/// assert_eq!(error.code(), "credits.invalid_units");
/// assert!(matches!(error, CreditError::InvalidUnits { value: -3, .. }));
/// assert!(unit_count("units", 1 << 70).is_err());
/// # Ok::<(), CreditError>(())
/// ```
///
/// # Errors
/// [`CreditError::InvalidUnits`] for a count outside 1 to [`MAX_UNITS`].
pub fn unit_count(field: &'static str, value: i128) -> Result<u64, CreditError> {
    match u64::try_from(value) {
        Ok(units) if units != 0 && units <= MAX_UNITS => Ok(units),
        _ => Err(CreditError::InvalidUnits {
            field,
            value,
            rule: "an operation takes 1 to 1,000,000,000,000 units",
        }),
    }
}

/// Checks the units of an adjustment given as any integer, as [`unit_count`] does: positive
/// grants, negative removes, 1 to [`MAX_UNITS`] either way ([`Ledger::adjust`] takes the result).
///
/// ```
/// use envoi::credits::adjustment_units;
/// assert_eq!(adjustment_units("units", -20)?, -20);
/// assert!(adjustment_units("units", 0).is_err());
/// # Ok::<(), envoi::credits::CreditError>(())
/// ```
///
/// # Errors
/// [`CreditError::InvalidUnits`] for 0 or a count past [`MAX_UNITS`] either way.
pub fn adjustment_units(field: &'static str, value: i128) -> Result<i64, CreditError> {
    match i64::try_from(value) {
        Ok(units) if units != 0 && units.unsigned_abs() <= MAX_UNITS => Ok(units),
        _ => Err(CreditError::InvalidUnits {
            field,
            value,
            rule: "an adjustment grants (positive) or removes (negative) 1 to 1,000,000,000,000 units",
        }),
    }
}

fn key_checked(field: &'static str, key: &str) -> Result<(), CreditError> {
    if key.is_empty() || key.len() > crate::ids::MAX_ID_LEN || key.chars().any(char::is_control) {
        return Err(CreditError::InvalidArgument {
            field,
            value: format!("{:?}", key.chars().take(40).collect::<String>()),
            rule: "is not a key: keys have 1 to 128 bytes and no control characters",
        });
    }
    Ok(())
}

impl Ledger {
    /// An empty ledger for an account in `zone` (whose wall clock counts the validity months), with
    /// the default validity of [`DEFAULT_VALIDITY_MONTHS`].
    ///
    /// ```
    /// let ledger = envoi::credits::Ledger::new(Default::default());
    /// assert_eq!(ledger.validity_months(), 24);
    /// assert_eq!(ledger.version(), 0);
    /// ```
    pub fn new(zone: Zone) -> Self {
        Ledger {
            zone,
            validity_months: DEFAULT_VALIDITY_MONTHS,
            entries: Vec::new(),
            last: None,
            lots: Vec::new(),
            orders: HashMap::new(),
            keys: HashMap::default(),
            reservations: Vec::new(),
            adjustments: Vec::new(),
            kinds: BTreeMap::new(),
            settled_lines: Vec::new(),
        }
    }

    /// An empty ledger whose credits stay valid `months` after the last activation of their kind.
    ///
    /// # Errors
    /// [`CreditError::InvalidArgument`] unless `months` is 1 to 1200.
    ///
    /// ```
    /// let ledger = envoi::credits::Ledger::with_validity(Default::default(), 12)?;
    /// assert_eq!(ledger.validity_months(), 12);
    /// assert_eq!(envoi::credits::Ledger::with_validity(Default::default(), 0).unwrap_err().code(), "credits.invalid_argument");
    /// # use envoi::ErrorCode;
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn with_validity(zone: Zone, months: u32) -> Result<Self, CreditError> {
        if !(1..=1200).contains(&months) {
            return Err(CreditError::InvalidArgument {
                field: "validity_months",
                value: months.to_string(),
                rule: "is not a validity period: credits stay valid 1 to 1200 months",
            });
        }
        let mut ledger = Ledger::new(zone);
        ledger.validity_months = months;
        Ok(ledger)
    }

    /// Rebuilds a ledger from its stored entries by replaying them in order.
    ///
    /// # Errors
    /// [`CreditError::InvalidArgument`] for a bad `months`; [`CreditError::InvalidEntries`] naming
    /// the first entry that does not replay (an edited or corrupt store).
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// ledger.purchase("o1", CreditKind::sms(), 10, "2026-01-05T09:00:00Z".parse().unwrap(), false)?;
    /// let json = serde_json::to_string(ledger.entries()).unwrap();
    /// let again = Ledger::from_entries(serde_json::from_str(&json).unwrap(), Default::default(), 24)?;
    /// assert_eq!(again.entries(), ledger.entries());
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn from_entries(
        entries: Vec<Entry>,
        zone: Zone,
        validity_months: u32,
    ) -> Result<Self, CreditError> {
        let mut ledger = Ledger::with_validity(zone, validity_months)?;
        for (index, entry) in entries.into_iter().enumerate() {
            let version = ledger.version();
            ledger
                .apply(&entry)
                .map_err(|error| CreditError::InvalidEntries {
                    index,
                    reason: error.to_string(),
                })?;
            if ledger.version() == version {
                return Err(CreditError::InvalidEntries {
                    index,
                    reason: "repeats an earlier operation (a replay is never written)".to_owned(),
                });
            }
        }
        Ok(ledger)
    }

    fn apply(&mut self, entry: &Entry) -> Result<(), CreditError> {
        match entry.clone() {
            Entry::Purchase {
                order_id,
                kind,
                units,
                pending,
                at,
            } => self.purchase(&order_id, kind, units, at, pending).map(drop),
            Entry::Activate { order_id, at } => self.activate(&order_id, at).map(drop),
            Entry::Void { order_id, at } => self.void_order(&order_id, at).map(drop),
            Entry::Reserve {
                key,
                kind,
                units,
                timeout_s,
                at,
            } => self.reserve(&key, kind, units, at, timeout_s).map(drop),
            Entry::Commit { key, units, at } => self.commit(&key, at, units).map(drop),
            Entry::Release { key, at } => self.release(&key, at).map(drop),
            Entry::Consume {
                key,
                kind,
                units,
                at,
            } => self.consume(&key, kind, units, at).map(drop),
            Entry::Adjust {
                key,
                kind,
                units,
                reason,
                expires_at,
                at,
            } => self
                .adjust(&key, kind, units, &reason, at, expires_at)
                .map(drop),
        }
    }

    /// The zone whose wall clock counts the validity months.
    ///
    /// ```
    /// assert_eq!(envoi::credits::Ledger::new(Default::default()).zone().name(), "Europe/Brussels");
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The validity period in months.
    ///
    /// ```
    /// assert_eq!(envoi::credits::Ledger::new(Default::default()).validity_months(), 24);
    /// ```
    pub fn validity_months(&self) -> u32 {
        self.validity_months
    }

    /// Every entry written, in order: what the store keeps.
    ///
    /// ```
    /// assert!(envoi::credits::Ledger::new(Default::default()).entries().is_empty());
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries written: the version a store compares for optimistic concurrency.
    ///
    /// ```
    /// assert_eq!(envoi::credits::Ledger::new(Default::default()).version(), 0);
    /// ```
    pub fn version(&self) -> u64 {
        self.entries.len() as u64
    }

    /// The entries written after `version` (what to append to a store that holds `version` entries).
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let loaded = ledger.version();
    /// ledger.purchase("o1", CreditKind::sms(), 10, "2026-01-05T09:00:00Z".parse().unwrap(), false)?;
    /// assert_eq!(ledger.entries_since(loaded).len(), 1);
    /// assert!(ledger.entries_since(99).is_empty());
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn entries_since(&self, version: u64) -> &[Entry] {
        let start = usize::try_from(version)
            .unwrap_or(usize::MAX)
            .min(self.entries.len());
        &self.entries[start..]
    }

    /// The time of the last operation written, if any.
    ///
    /// ```
    /// assert_eq!(envoi::credits::Ledger::new(Default::default()).last_operation_at(), None);
    /// ```
    pub fn last_operation_at(&self) -> Option<Instant> {
        self.last
    }

    fn check_time(&self, at: Instant) -> Result<(), CreditError> {
        // Expiries run 24 months (or the ledger's validity) past an operation and are shown on
        // the account's wall clock: keep every instant where both stay representable.
        if !(1..=9999).contains(&at.year()) || self.zone.local_checked(at).is_none() {
            return Err(CreditError::InvalidArgument {
                field: "at",
                value: at.to_rfc3339(),
                rule: "is beyond the supported dates; a ledger's operations are in years 1 to 9999",
            });
        }
        match self.last {
            Some(last) if at < last => Err(CreditError::TimeRegression { at, last }),
            _ => Ok(()),
        }
    }

    fn write(&mut self, entry: Entry) {
        self.last = Some(entry.at());
        self.entries.push(entry);
    }

    fn expiry_after(&self, at: Instant) -> Instant {
        self.zone
            .local_checked(at)
            .and_then(|local| local.checked_add_months(Months::new(self.validity_months)))
            .and_then(|local| self.zone.resolve_local(local).ok())
            .unwrap_or(Instant::MAX_UTC)
    }

    /// Releases the open reservations that timed out at or before `at`, each at its timeout.
    fn settle(&mut self, at: Instant) {
        let mut due: Vec<(Instant, usize)> = Vec::new();
        for state in self.kinds.values_mut() {
            while let Some(&first) = state.timeouts.first() {
                if first.0 > at {
                    break;
                }
                due.push(first);
                state.timeouts.pop_first();
            }
        }
        due.sort_unstable();
        for (times_out_at, index) in due {
            let Some(state) = self.reservations.get(index) else {
                continue;
            };
            let key = self.key_of(state).to_owned();
            let kind = state.reservation.kind.clone();
            let lots = state.reservation.lots.clone();
            let units = state.reservation.units;
            if let Some(kind_state) = self.kinds.get_mut(&kind) {
                kind_state.reserved -= units;
            }
            self.give_back(&lots, times_out_at, at, &key);
            if let Some(state) = self.reservations.get_mut(index) {
                state.status = ReservationStatus::Released {
                    at: times_out_at,
                    timed_out: true,
                };
            }
            self.settled_lines.push(StatementLine {
                at: times_out_at,
                kind,
                event: StatementEvent::Release,
                units: i64::try_from(units).unwrap_or(i64::MAX),
                reference: key,
                lot: None,
                note: "timed out".to_owned(),
            });
        }
    }

    /// Gives reserved units back to their lots at `when` (the current operation is at `now`):
    /// to the lot when it is live, to expired when it expired, to removed when it was voided.
    fn give_back(&mut self, lots: &[(u64, u64)], when: Instant, now: Instant, key: &str) {
        for &(lot_id, units) in lots {
            let Some(lot) = usize::try_from(lot_id)
                .ok()
                .and_then(|id| self.lots.get_mut(id.wrapping_sub(1)))
            else {
                continue;
            };
            let kind_state = self.kinds.entry(lot.kind.clone()).or_default();
            if lot.expires_at <= when {
                lot.left += units;
                lot.returned_after_expiry += units;
                *kind_state.left_by_expiry.entry(lot.expires_at).or_default() += units;
                self.settled_lines.push(StatementLine {
                    at: when,
                    kind: lot.kind.clone(),
                    event: StatementEvent::Expiry,
                    units: -i64::try_from(units).unwrap_or(i64::MAX),
                    reference: key.to_owned(),
                    lot: Some(lot_id),
                    note: format!(
                        "given back after the lot expired at {}",
                        self.zone.localize(lot.expires_at).to_rfc3339()
                    ),
                });
            } else if lot.voided {
                kind_state.removed += units;
            } else {
                lot.left += units;
                *kind_state.left_by_expiry.entry(lot.expires_at).or_default() += units;
                if lot.expires_at > now {
                    kind_state
                        .spending
                        .insert((lot.expires_at, lot.activated_at, lot_id));
                }
            }
        }
    }

    /// Takes `units` from the live lots of `kind` in spending order; the caller checked they are
    /// available.
    fn take(&mut self, kind: &CreditKind, units: u64, at: Instant) -> Vec<(u64, u64)> {
        let mut taken = Vec::new();
        let mut needed = units;
        let Some(state) = self.kinds.get_mut(kind) else {
            return taken;
        };
        while needed > 0 {
            let Some(&first) = state.spending.first() else {
                break;
            };
            let (expires_at, _, lot_id) = first;
            let lot = &mut self.lots[usize::try_from(lot_id - 1).unwrap_or(usize::MAX)];
            if expires_at <= at || lot.left == 0 || lot.voided {
                state.spending.pop_first();
                continue;
            }
            let take = lot.left.min(needed);
            lot.left -= take;
            needed -= take;
            if let Some(class) = state.left_by_expiry.get_mut(&expires_at) {
                *class -= take;
                if *class == 0 {
                    state.left_by_expiry.remove(&expires_at);
                }
            }
            if lot.left == 0 {
                state.spending.pop_first();
            }
            taken.push((lot_id, take));
        }
        taken
    }

    fn new_lot(&mut self, lot: LotState) -> u64 {
        self.lots.push(lot);
        let id = self.lots.len() as u64;
        let lot = &self.lots[self.lots.len() - 1];
        let state = self.kinds.entry(lot.kind.clone()).or_default();
        *state.left_by_expiry.entry(lot.expires_at).or_default() += lot.left;
        state
            .spending
            .insert((lot.expires_at, lot.activated_at, id));
        state.extendable.push(id);
        id
    }

    fn conflict(key: &str, first: String, this: String) -> CreditError {
        CreditError::IdempotencyConflict {
            key: key.to_owned(),
            first,
            this,
        }
    }

    /// Records an order of `units` of `kind`: active at once (card), or `pending` until
    /// [`Ledger::activate`] (bank transfer; a pending order adds nothing).
    ///
    /// # Errors
    /// [`CreditError::InvalidUnits`], [`CreditError::IdempotencyConflict`] (the order id was used
    /// with other arguments), [`CreditError::TimeRegression`], [`CreditError::InvalidArgument`] for
    /// an empty or overlong order id.
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 1000, at("2026-01-05T09:00:00Z"), true)?;
    /// assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-01-06T00:00:00Z")).available, 0);
    /// ledger.activate("o1", at("2026-01-07T09:00:00Z"))?;
    /// assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-01-08T00:00:00Z")).available, 1000);
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn purchase(
        &mut self,
        order_id: &str,
        kind: CreditKind,
        units: u64,
        at: Instant,
        pending: bool,
    ) -> Result<Outcome<Order>, CreditError> {
        key_checked("order_id", order_id)?;
        units_checked("units", units)?;
        let describe = |kind: &CreditKind, units: u64, pending: bool| {
            format!(
                "a purchase of {units} {kind} units ({})",
                if pending { "pending" } else { "paid" }
            )
        };
        if let Some(existing) = self.orders.get(order_id) {
            let first = &existing.order;
            if first.kind == kind && first.units == units && existing.pending == pending {
                return Ok(Outcome {
                    value: first.clone(),
                    replayed: true,
                });
            }
            return Err(Self::conflict(
                order_id,
                describe(&first.kind, first.units, existing.pending),
                describe(&kind, units, pending),
            ));
        }
        self.check_time(at)?;
        self.settle(at);
        let order = Order {
            order_id: order_id.to_owned(),
            kind: kind.clone(),
            units,
            status: OrderStatus::Pending,
        };
        self.orders
            .insert(order_id.to_owned(), OrderState { order, pending });
        if !pending {
            self.activate_order(order_id, at);
        }
        self.write(Entry::Purchase {
            order_id: order_id.to_owned(),
            kind,
            units,
            pending,
            at,
        });
        let order = self.orders[order_id].order.clone();
        Ok(Outcome {
            value: order,
            replayed: false,
        })
    }

    /// Creates the order's lot and extends the kind's unexpired lots.
    fn activate_order(&mut self, order_id: &str, at: Instant) {
        let expires_at = self.expiry_after(at);
        let Some(state) = self.orders.get(order_id) else {
            return;
        };
        let (kind, units) = (state.order.kind.clone(), state.order.units);
        // Extend every unexpired lot of the kind (half-open: a lot expiring at `at` is expired).
        let extendable = self
            .kinds
            .get_mut(&kind)
            .map(|state| std::mem::take(&mut state.extendable))
            .unwrap_or_default();
        let mut still = Vec::with_capacity(extendable.len() + 1);
        for lot_id in extendable {
            let index = usize::try_from(lot_id - 1).unwrap_or(usize::MAX);
            let lot = &mut self.lots[index];
            if lot.expires_at <= at || lot.voided {
                continue; // expired lots are never revived, voided ones hold nothing
            }
            still.push(lot_id);
            if lot.expires_at >= expires_at {
                continue; // never shortened
            }
            let old = lot.expires_at;
            lot.expires_at = expires_at;
            let (left, activated_at) = (lot.left, lot.activated_at);
            let state = self.kinds.entry(kind.clone()).or_default();
            if left > 0 {
                if let Some(class) = state.left_by_expiry.get_mut(&old) {
                    *class -= left;
                    if *class == 0 {
                        state.left_by_expiry.remove(&old);
                    }
                }
                *state.left_by_expiry.entry(expires_at).or_default() += left;
                state.spending.remove(&(old, activated_at, lot_id));
                state.spending.insert((expires_at, activated_at, lot_id));
            }
        }
        self.kinds.entry(kind.clone()).or_default().extendable = still;
        let lot = self.new_lot(LotState {
            kind: kind.clone(),
            source: LotSource::Order {
                order_id: order_id.to_owned(),
            },
            units,
            left: units,
            activated_at: at,
            expires_at,
            voided: false,
            returned_after_expiry: 0,
        });
        let state = self.kinds.entry(kind).or_default();
        state.bought += units;
        if let Some(order) = self.orders.get_mut(order_id) {
            order.order.status = OrderStatus::Active { lot, expires_at };
        }
    }

    /// Activates a pending order (its payment arrived): its units become available, expiring
    /// after the validity period, and every unexpired lot of its kind gets the same expiry (never
    /// shortened). Activating an active order is a replay.
    ///
    /// # Errors
    /// [`CreditError::OrderNotFound`], [`CreditError::OrderVoided`], [`CreditError::TimeRegression`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// assert_eq!(ledger.activate("nope", at("2026-01-05T09:00:00Z")).unwrap_err().code(), "credits.order_not_found");
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn activate(&mut self, order_id: &str, at: Instant) -> Result<Outcome<Order>, CreditError> {
        let Some(state) = self.orders.get(order_id) else {
            return Err(CreditError::OrderNotFound {
                order_id: order_id.to_owned(),
            });
        };
        match state.order.status {
            OrderStatus::Active { .. } => {
                return Ok(Outcome {
                    value: state.order.clone(),
                    replayed: true,
                });
            }
            OrderStatus::Voided { at: voided_at, .. } => {
                return Err(CreditError::OrderVoided {
                    order_id: order_id.to_owned(),
                    voided_at,
                });
            }
            OrderStatus::Pending => {}
        }
        self.check_time(at)?;
        self.settle(at);
        self.activate_order(order_id, at);
        self.write(Entry::Activate {
            order_id: order_id.to_owned(),
            at,
        });
        Ok(Outcome {
            value: self.orders[order_id].order.clone(),
            replayed: false,
        })
    }

    /// Voids an order: a pending one can no longer be activated; an active one (payment reversed)
    /// loses its lot's unspent units, counted as removed (units it reserved stay reserved; given
    /// back later, they are removed too). The extension it gave other lots stays. Voiding a voided
    /// order is a replay.
    ///
    /// # Errors
    /// [`CreditError::OrderNotFound`], [`CreditError::TimeRegression`].
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 100, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.consume("send-1", CreditKind::sms(), 30, at("2026-01-06T09:00:00Z"))?;
    /// ledger.void_order("o1", at("2026-01-07T09:00:00Z"))?;
    /// let balance = ledger.balance(&CreditKind::sms(), at("2026-01-08T00:00:00Z"));
    /// assert_eq!((balance.consumed, balance.removed, balance.available), (30, 70, 0));
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn void_order(
        &mut self,
        order_id: &str,
        at: Instant,
    ) -> Result<Outcome<Order>, CreditError> {
        let Some(state) = self.orders.get(order_id) else {
            return Err(CreditError::OrderNotFound {
                order_id: order_id.to_owned(),
            });
        };
        if let OrderStatus::Voided { .. } = state.order.status {
            return Ok(Outcome {
                value: state.order.clone(),
                replayed: true,
            });
        }
        let status = state.order.status;
        self.check_time(at)?;
        self.settle(at);
        if let OrderStatus::Active { lot: lot_id, .. } = status {
            let lot = &mut self.lots[usize::try_from(lot_id - 1).unwrap_or(usize::MAX)];
            lot.voided = true;
            if lot.expires_at > at && lot.left > 0 {
                let (left, expires_at, activated_at) = (lot.left, lot.expires_at, lot.activated_at);
                lot.left = 0;
                let kind_state = self.kinds.entry(lot.kind.clone()).or_default();
                kind_state.removed += left;
                if let Some(class) = kind_state.left_by_expiry.get_mut(&expires_at) {
                    *class -= left;
                    if *class == 0 {
                        kind_state.left_by_expiry.remove(&expires_at);
                    }
                }
                kind_state
                    .spending
                    .remove(&(expires_at, activated_at, lot_id));
            }
        }
        if let Some(order) = self.orders.get_mut(order_id) {
            order.order.status = OrderStatus::Voided {
                at,
                lot: match status {
                    OrderStatus::Active { lot, .. } => Some(lot),
                    OrderStatus::Pending | OrderStatus::Voided { .. } => None,
                },
            };
        }
        self.write(Entry::Void {
            order_id: order_id.to_owned(),
            at,
        });
        Ok(Outcome {
            value: self.orders[order_id].order.clone(),
            replayed: false,
        })
    }

    /// Checks a reservation-namespace key for a replay of `(op, kind, units, timeout)`.
    fn replay_of(
        &self,
        key: &str,
        op: &'static str,
        kind: &CreditKind,
        units: u64,
        timeout_s: Option<u64>,
    ) -> Result<Option<Reservation>, CreditError> {
        let describe = |op: &str, kind: &CreditKind, units: u64, timeout_s: Option<u64>| {
            let timeout = timeout_s.map_or(String::new(), |s| format!(", timeout {s} s"));
            format!("{op} of {units} {kind} units{timeout}")
        };
        let first = match self.keys.get(key) {
            None => return Ok(None),
            Some(&KeyUse::Adjustment(index)) => {
                let first = &self.adjustments[index];
                return Err(Self::conflict(
                    key,
                    format!("an adjustment of {} {} units", first.units, first.kind),
                    describe(op, kind, units, timeout_s),
                ));
            }
            Some(&KeyUse::Reservation(index)) => &self.reservations[index],
        };
        let same = first.made_by == op
            && first.reservation.kind == *kind
            && first.reservation.units == units
            && first.timeout_s == timeout_s;
        if same {
            return Ok(Some(first.reservation.with_key(key)));
        }
        Err(Self::conflict(
            key,
            describe(
                first.made_by,
                &first.reservation.kind,
                first.reservation.units,
                first.timeout_s,
            ),
            describe(op, kind, units, timeout_s),
        ))
    }

    fn reserve_units(
        &mut self,
        kind: &CreditKind,
        units: u64,
        at: Instant,
    ) -> Result<Vec<(u64, u64)>, CreditError> {
        // Checked before anything changes: a refused operation leaves the ledger as it was.
        let available = self.balance_of(kind, at).available;
        if available < units {
            return Err(CreditError::InsufficientCredit {
                kind: kind.clone(),
                needed: units,
                available,
            });
        }
        self.settle(at);
        Ok(self.take(kind, units, at))
    }

    /// Reserves `units` of `kind` for a send, from the lots that expire first. Commit them when the
    /// transport accepts ([`Ledger::commit`]) or release them ([`Ledger::release`]); with
    /// `timeout_s`, an open reservation is released at `at + timeout_s` (without, it never times
    /// out). Units reserved before their lot expires stay reserved.
    ///
    /// # Errors
    /// [`CreditError::InsufficientCredit`] (with `needed` and `available`),
    /// [`CreditError::InvalidUnits`], [`CreditError::IdempotencyConflict`],
    /// [`CreditError::TimeRegression`], [`CreditError::InvalidArgument`] for a bad key.
    ///
    /// ```
    /// use envoi::credits::{CreditError, CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 5, at("2026-01-05T09:00:00Z"), false)?;
    /// let error = ledger.reserve("send-1", CreditKind::sms(), 8, at("2026-01-06T09:00:00Z"), None).unwrap_err();
    /// assert_eq!(error, CreditError::InsufficientCredit { kind: CreditKind::sms(), needed: 8, available: 5 });
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn reserve(
        &mut self,
        key: &str,
        kind: CreditKind,
        units: u64,
        at: Instant,
        timeout_s: Option<u64>,
    ) -> Result<Outcome<Reservation>, CreditError> {
        key_checked("key", key)?;
        units_checked("units", units)?;
        let timeout = match timeout_s {
            None => None,
            Some(seconds) => Some(
                i64::try_from(seconds)
                    .ok()
                    .and_then(TimeDelta::try_seconds)
                    .filter(|delta| *delta > TimeDelta::zero())
                    .and_then(|delta| at.checked_add_signed(delta))
                    .ok_or_else(|| CreditError::InvalidArgument {
                        field: "timeout_s",
                        value: seconds.to_string(),
                        rule: "is not a timeout: give 1 second or more (or none: never times out)",
                    })?,
            ),
        };
        self.take_for(key, kind, units, at, Some((timeout_s, timeout)))
    }

    /// Consumes `units` of `kind` in one step (a reservation committed at once), from the lots that
    /// expire first.
    ///
    /// # Errors
    /// As [`Ledger::reserve`].
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::email(), 10, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.consume("mail-1", CreditKind::email(), 4, at("2026-01-06T09:00:00Z"))?;
    /// // A retry with the same key and arguments is a replay: still 6 left.
    /// assert!(ledger.consume("mail-1", CreditKind::email(), 4, at("2026-01-06T09:05:00Z"))?.replayed);
    /// assert_eq!(ledger.balance(&CreditKind::email(), at("2026-01-07T00:00:00Z")).available, 6);
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn consume(
        &mut self,
        key: &str,
        kind: CreditKind,
        units: u64,
        at: Instant,
    ) -> Result<Outcome<Reservation>, CreditError> {
        key_checked("key", key)?;
        units_checked("units", units)?;
        self.take_for(key, kind, units, at, None)
    }

    /// The shared path of [`Ledger::reserve`] (`hold`: its timeout in seconds and as an instant)
    /// and [`Ledger::consume`] (`hold` is `None`: committed at once).
    fn take_for(
        &mut self,
        key: &str,
        kind: CreditKind,
        units: u64,
        at: Instant,
        hold: Option<(Option<u64>, Option<Instant>)>,
    ) -> Result<Outcome<Reservation>, CreditError> {
        let (made_by, timeout_s, times_out_at) = match hold {
            Some((timeout_s, times_out_at)) => ("a reservation", timeout_s, times_out_at),
            None => ("a consumption", None, None),
        };
        if let Some(first) = self.replay_of(key, made_by, &kind, units, timeout_s)? {
            return Ok(Outcome {
                value: first,
                replayed: true,
            });
        }
        self.check_time(at)?;
        let lots = self.reserve_units(&kind, units, at)?;
        let index = self.reservations.len();
        let state = self.kinds.entry(kind.clone()).or_default();
        let (status, entry) = if hold.is_some() {
            state.reserved += units;
            if let Some(times_out_at) = times_out_at {
                state.timeouts.insert((times_out_at, index));
            }
            let entry = Entry::Reserve {
                key: key.to_owned(),
                kind: kind.clone(),
                units,
                timeout_s,
                at,
            };
            (ReservationStatus::Open, entry)
        } else {
            state.consumed += units;
            let entry = Entry::Consume {
                key: key.to_owned(),
                kind: kind.clone(),
                units,
                at,
            };
            (ReservationStatus::Committed { units, at }, entry)
        };
        let reservation = Reservation {
            key: key.to_owned(),
            kind,
            units,
            lots,
            reserved_at: at,
            times_out_at,
        };
        self.reservations.push(ReservationState {
            reservation: Hold {
                kind: reservation.kind.clone(),
                units,
                lots: LotsTaken::from(reservation.lots.as_slice()),
                reserved_at: at,
                times_out_at,
            },
            entry: self.entries.len(),
            made_by,
            timeout_s,
            status,
        });
        self.keys.insert(key.to_owned(), KeyUse::Reservation(index));
        self.write(entry);
        Ok(Outcome {
            value: reservation,
            replayed: false,
        })
    }

    /// The reservation under `key` and its index, or why it cannot be settled at `at` (already
    /// committed or released, time regression); nothing changes here.
    fn open_reservation(
        &self,
        key: &str,
        at: Instant,
    ) -> Result<(usize, &ReservationState), CreditError> {
        let Some(&KeyUse::Reservation(index)) = self.keys.get(key) else {
            return Err(CreditError::UnknownReservation {
                key: key.to_owned(),
            });
        };
        let state = &self.reservations[index];
        match state.status {
            ReservationStatus::Committed {
                units,
                at: committed_at,
            } => {
                return Err(CreditError::ReservationAlreadyCommitted {
                    key: key.to_owned(),
                    units,
                    committed_at,
                });
            }
            ReservationStatus::Released {
                at: released_at,
                timed_out: false,
            } => {
                return Err(CreditError::ReservationAlreadyReleased {
                    key: key.to_owned(),
                    released_at,
                });
            }
            ReservationStatus::Released { .. } | ReservationStatus::Open => {}
        }
        self.check_time(at)?;
        Ok((index, state))
    }

    /// Commits a reservation: consumes all its units, or `units` of them (fewer than reserved; the
    /// rest is released), from the lots it took them from in spending order. A reservation
    /// reserved before its lot expired can still be committed.
    ///
    /// # Errors
    /// [`CreditError::UnknownReservation`], [`CreditError::ReservationAlreadyCommitted`] (whatever
    /// the count), [`CreditError::ReservationAlreadyReleased`],
    /// [`CreditError::ReservationTimedOut`] (at or after `reserved_at + timeout`),
    /// [`CreditError::ExceedsReserved`], [`CreditError::InvalidUnits`] for 0,
    /// [`CreditError::TimeRegression`].
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.reserve("send-1", CreditKind::sms(), 4, at("2026-01-06T09:00:00Z"), Some(60))?;
    /// let late = ledger.commit("send-1", at("2026-01-06T09:01:00Z"), None).unwrap_err();
    /// assert_eq!(late.code(), "credits.reservation_timed_out");
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn commit(
        &mut self,
        key: &str,
        at: Instant,
        units: Option<u64>,
    ) -> Result<Settled, CreditError> {
        if let Some(units) = units {
            units_checked("units", units)?;
        }
        let (index, state) = self.open_reservation(key, at)?;
        let (kind, reserved, times_out_at) = (
            state.reservation.kind.clone(),
            state.reservation.units,
            state.reservation.times_out_at,
        );
        // Timed out (settled by an earlier operation or not yet): refused, nothing changes.
        if let Some(times_out_at) = times_out_at.filter(|t| *t <= at) {
            return Err(CreditError::ReservationTimedOut {
                key: key.to_owned(),
                reserved_at: state.reservation.reserved_at,
                timed_out_at: times_out_at,
            });
        }
        let requested = units.unwrap_or(reserved);
        if requested > reserved {
            return Err(CreditError::ExceedsReserved {
                key: key.to_owned(),
                reserved,
                requested,
            });
        }
        // Consume from the lots in spending order; give the rest back.
        let mut to_consume = requested;
        let mut back = Vec::new();
        for &(lot, lot_units) in &state.reservation.lots {
            let consumed_here = lot_units.min(to_consume);
            to_consume -= consumed_here;
            if lot_units > consumed_here {
                back.push((lot, lot_units - consumed_here));
            }
        }
        let released = reserved - requested;
        self.settle(at);
        self.give_back(&back, at, at, key);
        let kind_state = self.kinds.entry(kind).or_default();
        kind_state.reserved -= reserved;
        kind_state.consumed += requested;
        if let Some(times_out_at) = times_out_at {
            kind_state.timeouts.remove(&(times_out_at, index));
        }
        if let Some(state) = self.reservations.get_mut(index) {
            state.status = ReservationStatus::Committed {
                units: requested,
                at,
            };
        }
        self.write(Entry::Commit {
            key: key.to_owned(),
            units,
            at,
        });
        Ok(Settled {
            consumed: requested,
            released,
            timed_out: false,
        })
    }

    /// Releases a reservation: its units go back to their lots (to expired if the lot expired
    /// meanwhile, to removed if its order was voided). After its timeout the reservation is
    /// already released: this writes nothing and says so ([`Settled::timed_out`]).
    ///
    /// # Errors
    /// [`CreditError::UnknownReservation`], [`CreditError::ReservationAlreadyCommitted`],
    /// [`CreditError::ReservationAlreadyReleased`], [`CreditError::TimeRegression`].
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.reserve("send-1", CreditKind::sms(), 4, at("2026-01-06T09:00:00Z"), None)?;
    /// assert_eq!(ledger.release("send-1", at("2026-01-06T09:01:00Z"))?.released, 4);
    /// assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-01-07T00:00:00Z")).available, 10);
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn release(&mut self, key: &str, at: Instant) -> Result<Settled, CreditError> {
        let (index, state) = self.open_reservation(key, at)?;
        let (kind, reserved, times_out_at) = (
            state.reservation.kind.clone(),
            state.reservation.units,
            state.reservation.times_out_at,
        );
        if times_out_at.is_some_and(|t| t <= at) {
            // Already released by its timeout: nothing to write, nothing changes.
            return Ok(Settled {
                consumed: 0,
                released: reserved,
                timed_out: true,
            });
        }
        let lots = state.reservation.lots.clone();
        self.settle(at);
        self.give_back(&lots, at, at, key);
        let kind_state = self.kinds.entry(kind).or_default();
        kind_state.reserved -= reserved;
        if let Some(times_out_at) = times_out_at {
            kind_state.timeouts.remove(&(times_out_at, index));
        }
        if let Some(state) = self.reservations.get_mut(index) {
            state.status = ReservationStatus::Released {
                at,
                timed_out: false,
            };
        }
        self.write(Entry::Release {
            key: key.to_owned(),
            at,
        });
        Ok(Settled {
            consumed: 0,
            released: reserved,
            timed_out: false,
        })
    }

    /// A manual adjustment with a reason: `units > 0` grants a lot of its own (expiring at
    /// `expires_at`, or after the validity period; extended by later orders, extending nothing);
    /// `units < 0` removes units in spending order, never more than available.
    ///
    /// # Errors
    /// [`CreditError::InvalidUnits`] for 0, [`CreditError::InvalidArgument`] for an empty reason or
    /// an expiry not after `at`, [`CreditError::InsufficientCredit`] for a removal,
    /// [`CreditError::IdempotencyConflict`], [`CreditError::TimeRegression`].
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.adjust("goodwill-1", CreditKind::sms(), 50, "outage on 3 Jan", at("2026-01-05T09:00:00Z"), None)?;
    /// ledger.adjust("fix-1", CreditKind::sms(), -20, "granted twice", at("2026-01-06T09:00:00Z"), None)?;
    /// let balance = ledger.balance(&CreditKind::sms(), at("2026-01-07T00:00:00Z"));
    /// assert_eq!((balance.granted, balance.removed, balance.available), (50, 20, 30));
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn adjust(
        &mut self,
        key: &str,
        kind: CreditKind,
        units: i64,
        reason: &str,
        at: Instant,
        expires_at: Option<Instant>,
    ) -> Result<Outcome<Option<u64>>, CreditError> {
        key_checked("key", key)?;
        adjustment_units("units", i128::from(units))?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(CreditError::InvalidArgument {
                field: "reason",
                value: format!("{:?}", reason.chars().take(40).collect::<String>()),
                rule: "is not a reason: an adjustment says why, in 1 to 500 characters",
            });
        }
        if units < 0 && expires_at.is_some() {
            return Err(CreditError::InvalidArgument {
                field: "expires_at",
                value: format!("{expires_at:?}"),
                rule: "is for grants only: a removal takes units from existing lots",
            });
        }
        let describe = |kind: &CreditKind, units: i64, reason: &str, expires: Option<Instant>| {
            let expires = expires.map_or(String::new(), |t| format!(", expiring {t}"));
            format!("an adjustment of {units} {kind} units ({reason}{expires})")
        };
        if let Some(&KeyUse::Adjustment(index)) = self.keys.get(key) {
            let first = &self.adjustments[index];
            if first.kind == kind
                && first.units == units
                && first.reason == reason
                && first.expires_at == expires_at
            {
                return Ok(Outcome {
                    value: first.lot,
                    replayed: true,
                });
            }
            return Err(Self::conflict(
                key,
                describe(&first.kind, first.units, &first.reason, first.expires_at),
                describe(&kind, units, reason, expires_at),
            ));
        }
        if let Some(&KeyUse::Reservation(index)) = self.keys.get(key) {
            let first = &self.reservations[index];
            return Err(Self::conflict(
                key,
                format!(
                    "{} of {} {} units",
                    first.made_by, first.reservation.units, first.reservation.kind
                ),
                describe(&kind, units, reason, expires_at),
            ));
        }
        self.check_time(at)?;
        if let Some(expires) = expires_at
            && expires <= at
        {
            return Err(CreditError::InvalidArgument {
                field: "expires_at",
                value: expires.to_string(),
                rule: "is not after the grant: a grant's units must be valid for some time",
            });
        }
        let lot = if units > 0 {
            self.settle(at);
            let granted = units.unsigned_abs();
            let expires = expires_at.unwrap_or_else(|| self.expiry_after(at));
            let lot = self.new_lot(LotState {
                kind: kind.clone(),
                source: LotSource::Grant {
                    key: key.to_owned(),
                    reason: reason.to_owned(),
                },
                units: granted,
                left: granted,
                activated_at: at,
                expires_at: expires,
                voided: false,
                returned_after_expiry: 0,
            });
            self.kinds.entry(kind.clone()).or_default().granted += granted;
            Some(lot)
        } else {
            let removed = units.unsigned_abs();
            self.reserve_units(&kind, removed, at)?;
            self.kinds.entry(kind.clone()).or_default().removed += removed;
            None
        };
        self.keys
            .insert(key.to_owned(), KeyUse::Adjustment(self.adjustments.len()));
        self.adjustments.push(AdjustmentState {
            kind: kind.clone(),
            units,
            reason: reason.to_owned(),
            expires_at,
            lot,
        });
        self.write(Entry::Adjust {
            key: key.to_owned(),
            kind,
            units,
            reason: reason.to_owned(),
            expires_at,
            at,
        });
        Ok(Outcome {
            value: lot,
            replayed: false,
        })
    }

    /// The ledger as it stood at `t`: itself when `t` is at or after the last operation, else its
    /// entries up to `t` replayed.
    fn as_of(&self, t: Instant) -> std::borrow::Cow<'_, Ledger> {
        if self.last.is_none_or(|last| t >= last) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut past = Ledger {
            entries: Vec::new(),
            ..Ledger::new(self.zone)
        };
        past.validity_months = self.validity_months;
        for entry in self.entries.iter().take_while(|entry| entry.at() <= t) {
            // These entries replayed once already; a failure here cannot happen.
            let _ = past.apply(entry);
        }
        std::borrow::Cow::Owned(past)
    }

    /// The balance of `kind` at `t` (any instant: before the last operation, the entries up to `t`
    /// are replayed). Reservations that timed out by `t` count as released.
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.reserve("send-1", CreditKind::sms(), 4, at("2026-01-06T09:00:00Z"), Some(60))?;
    /// assert_eq!(ledger.balance(&CreditKind::sms(), at("2026-01-06T09:00:30Z")).reserved, 4);
    /// // No cleanup job: a minute later the hold is gone from every query.
    /// let later = ledger.balance(&CreditKind::sms(), at("2026-01-06T09:01:00Z"));
    /// assert_eq!((later.reserved, later.available), (0, 10));
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn balance(&self, kind: &CreditKind, t: Instant) -> Balance {
        self.as_of(t).balance_of(kind, t)
    }

    /// The balance at `t` from this state (`t` at or after the last operation).
    fn balance_of(&self, kind: &CreditKind, t: Instant) -> Balance {
        let ledger = self;
        let Some(state) = ledger.kinds.get(kind) else {
            return Balance::default();
        };
        let mut balance = Balance {
            bought: state.bought,
            granted: state.granted,
            consumed: state.consumed,
            removed: state.removed,
            reserved: state.reserved,
            ..Balance::default()
        };
        for (&expires_at, &units) in &state.left_by_expiry {
            if expires_at > t {
                balance.available += units;
                if units > 0 && balance.expires_at.is_none_or(|first| expires_at < first) {
                    balance.expires_at = Some(expires_at);
                }
            } else {
                balance.expired += units;
            }
        }
        // Reservations timed out by `t` but not yet settled by an operation.
        for &(times_out_at, index) in &state.timeouts {
            if times_out_at > t {
                break;
            }
            let Some(reservation) = ledger.reservations.get(index) else {
                continue;
            };
            balance.reserved -= reservation.reservation.units;
            for &(lot_id, units) in &reservation.reservation.lots {
                let Some(lot) = ledger.lot(lot_id) else {
                    continue;
                };
                if lot.expires_at <= t {
                    balance.expired += units;
                } else if lot.voided {
                    balance.removed += units;
                } else {
                    balance.available += units;
                    if balance
                        .expires_at
                        .is_none_or(|first| lot.expires_at < first)
                    {
                        balance.expires_at = Some(lot.expires_at);
                    }
                }
            }
        }
        balance
    }

    /// The key of a reservation, from the entry that made it.
    fn key_of(&self, state: &ReservationState) -> &str {
        match self.entries.get(state.entry) {
            Some(Entry::Reserve { key, .. } | Entry::Consume { key, .. }) => key,
            _ => "",
        }
    }

    fn reservation_named(&self, key: &str) -> Option<&ReservationState> {
        match self.keys.get(key) {
            Some(&KeyUse::Reservation(index)) => self.reservations.get(index),
            _ => None,
        }
    }

    fn lot(&self, id: u64) -> Option<&LotState> {
        usize::try_from(id)
            .ok()
            .and_then(|id| id.checked_sub(1))
            .and_then(|index| self.lots.get(index))
    }

    /// Every lot at `t`, in order of creation, with its units available then (0 once expired or
    /// voided).
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 10, at("2024-01-05T09:00:00Z"), false)?;
    /// assert_eq!(ledger.lots_at(at("2026-01-05T09:00:00Z"))[0].available, 0); // expired
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn lots_at(&self, t: Instant) -> Vec<Lot> {
        let ledger = self.as_of(t);
        let mut left: Vec<u64> = ledger.lots.iter().map(|lot| lot.left).collect();
        for state in ledger.kinds.values() {
            for &(times_out_at, index) in &state.timeouts {
                if times_out_at > t {
                    break;
                }
                if let Some(reservation) = ledger.reservations.get(index) {
                    for &(lot_id, units) in &reservation.reservation.lots {
                        if let Some(slot) = usize::try_from(lot_id)
                            .ok()
                            .and_then(|id| id.checked_sub(1))
                            .and_then(|index| left.get_mut(index))
                        {
                            *slot += units;
                        }
                    }
                }
            }
        }
        ledger
            .lots
            .iter()
            .zip(left)
            .enumerate()
            .map(|(index, (lot, left))| Lot {
                id: index as u64 + 1,
                kind: lot.kind.clone(),
                source: lot.source.clone(),
                units: lot.units,
                available: if lot.expires_at > t && !lot.voided {
                    left
                } else {
                    0
                },
                activated_at: lot.activated_at,
                expires_at: lot.expires_at,
                voided: lot.voided,
            })
            .collect()
    }

    /// Low-balance and upcoming-expiry notices at `t`: kinds whose available units are at or under
    /// their threshold (kinds without a threshold are not checked), and live units expiring in
    /// `(t, t + within_days days]`.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use envoi::credits::{CreditKind, Ledger};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 500, at("2026-01-05T09:00:00Z"), false)?;
    /// let thresholds = BTreeMap::from([(CreditKind::sms(), 100), (CreditKind::email(), 0)]);
    /// let notices = ledger.notices_at(at("2026-02-01T00:00:00Z"), &thresholds, 30);
    /// assert_eq!(notices.low_balance.len(), 1); // email: 0 available ≤ 0
    /// assert!(notices.expiring.is_empty());
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn notices_at(
        &self,
        t: Instant,
        thresholds: &BTreeMap<CreditKind, u64>,
        within_days: u32,
    ) -> Notices {
        let mut notices = Notices::default();
        for (kind, &threshold) in thresholds {
            let available = self.balance(kind, t).available;
            if available <= threshold {
                notices.low_balance.push(LowBalance {
                    kind: kind.clone(),
                    available,
                    threshold,
                });
            }
        }
        let horizon = t
            .checked_add_signed(TimeDelta::days(i64::from(within_days)))
            .unwrap_or(Instant::MAX_UTC);
        let mut expiring: BTreeMap<(CreditKind, Instant), u64> = BTreeMap::new();
        for lot in self.lots_at(t) {
            if lot.available > 0 && lot.expires_at > t && lot.expires_at <= horizon {
                *expiring.entry((lot.kind, lot.expires_at)).or_default() += lot.available;
            }
        }
        notices.expiring = expiring
            .into_iter()
            .map(|((kind, expires_at), units)| Expiring {
                kind,
                units,
                expires_at,
            })
            .collect();
        notices
    }

    /// What happened in `[from, to)`, in time order: every entry, the extensions its activations
    /// gave, the timeouts, and the units that expired.
    ///
    /// ```
    /// use envoi::credits::{CreditKind, Ledger, StatementEvent};
    /// let mut ledger = Ledger::new(Default::default());
    /// let at = |s: &str| s.parse().unwrap();
    /// ledger.purchase("o1", CreditKind::sms(), 10, at("2026-01-05T09:00:00Z"), false)?;
    /// ledger.purchase("o2", CreditKind::sms(), 10, at("2026-06-05T09:00:00Z"), false)?;
    /// let lines = ledger.statement(at("2026-06-01T00:00:00Z"), at("2026-07-01T00:00:00Z"));
    /// assert!(lines.iter().any(|line| line.event == StatementEvent::Extension && line.lot == Some(1)));
    /// # Ok::<(), envoi::credits::CreditError>(())
    /// ```
    pub fn statement(&self, from: Instant, to: Instant) -> Vec<StatementLine> {
        let mut replay = Ledger::new(self.zone);
        replay.validity_months = self.validity_months;
        let mut lines = Vec::new();
        let signed = |units: u64| i64::try_from(units).unwrap_or(i64::MAX);
        for entry in &self.entries {
            let at = entry.at();
            if at >= to {
                break;
            }
            let expiries_before: Vec<(u64, Instant)> = replay
                .lots
                .iter()
                .enumerate()
                .map(|(index, lot)| (index as u64 + 1, lot.expires_at))
                .collect();
            let settled_before = replay.settled_lines.len();
            let removed =
                |ledger: &Ledger| -> u64 { ledger.kinds.values().map(|k| k.removed).sum() };
            let removed_before = removed(&replay);
            let _ = replay.apply(entry);
            if at < from {
                continue;
            }
            lines.extend(
                replay.settled_lines[settled_before..]
                    .iter()
                    .filter(|line| line.at >= from && line.at < to)
                    .cloned(),
            );
            let line =
                |kind: &CreditKind, event, units: i64, reference: &str, lot, note: String| {
                    StatementLine {
                        at,
                        kind: kind.clone(),
                        event,
                        units,
                        reference: reference.to_owned(),
                        lot,
                        note,
                    }
                };
            match entry {
                Entry::Purchase {
                    order_id,
                    kind,
                    units,
                    pending,
                    ..
                } => {
                    let note = if *pending { "pending payment" } else { "paid" };
                    lines.push(line(
                        kind,
                        StatementEvent::Purchase,
                        signed(*units),
                        order_id,
                        None,
                        note.to_owned(),
                    ));
                }
                Entry::Activate { .. } => {}
                Entry::Void { order_id, .. } => {
                    let kind = &replay.orders[order_id].order.kind;
                    lines.push(line(
                        kind,
                        StatementEvent::Removal,
                        -signed(removed(&replay) - removed_before),
                        order_id,
                        None,
                        "order voided".to_owned(),
                    ));
                }
                Entry::Reserve {
                    key, kind, units, ..
                } => {
                    lines.push(line(
                        kind,
                        StatementEvent::Reservation,
                        -signed(*units),
                        key,
                        None,
                        String::new(),
                    ));
                }
                Entry::Commit { key, .. } => {
                    if let Some(reservation) = replay.reservation_named(key)
                        && let ReservationStatus::Committed { units, .. } = reservation.status
                    {
                        lines.push(line(
                            &reservation.reservation.kind,
                            StatementEvent::Commit,
                            signed(units),
                            key,
                            None,
                            String::new(),
                        ));
                        let back = reservation.reservation.units - units;
                        if back > 0 {
                            lines.push(line(
                                &reservation.reservation.kind,
                                StatementEvent::Release,
                                signed(back),
                                key,
                                None,
                                "partial commit".to_owned(),
                            ));
                        }
                    }
                }
                Entry::Release { key, .. } => {
                    if let Some(state) = replay.reservation_named(key) {
                        lines.push(line(
                            &state.reservation.kind,
                            StatementEvent::Release,
                            signed(state.reservation.units),
                            key,
                            None,
                            String::new(),
                        ));
                    }
                }
                Entry::Consume {
                    key, kind, units, ..
                } => {
                    lines.push(line(
                        kind,
                        StatementEvent::Consumption,
                        -signed(*units),
                        key,
                        None,
                        String::new(),
                    ));
                }
                Entry::Adjust {
                    key,
                    kind,
                    units,
                    reason,
                    ..
                } => {
                    let event = if *units > 0 {
                        StatementEvent::Grant
                    } else {
                        StatementEvent::Removal
                    };
                    let lot = match replay.keys.get(key) {
                        Some(&KeyUse::Adjustment(index)) => replay.adjustments[index].lot,
                        _ => None,
                    };
                    lines.push(line(kind, event, *units, key, lot, reason.clone()));
                }
            }
            // Activations (also of paid purchases) and the extensions they gave.
            if let Entry::Purchase { order_id, .. } | Entry::Activate { order_id, .. } = entry
                && let OrderStatus::Active { lot, expires_at } =
                    replay.orders[order_id].order.status
                && replay.lot(lot).is_some_and(|l| l.activated_at == at)
            {
                let order = &replay.orders[order_id].order;
                lines.push(line(
                    &order.kind,
                    StatementEvent::Activation,
                    signed(order.units),
                    order_id,
                    Some(lot),
                    format!("expires {}", self.zone.localize(expires_at).to_rfc3339()),
                ));
                for (lot_id, before) in expiries_before {
                    if let Some(now) = replay.lot(lot_id)
                        && now.expires_at != before
                    {
                        lines.push(line(
                            &now.kind,
                            StatementEvent::Extension,
                            0,
                            order_id,
                            Some(lot_id),
                            format!(
                                "expiry {} → {}",
                                self.zone.localize(before).to_rfc3339(),
                                self.zone.localize(now.expires_at).to_rfc3339()
                            ),
                        ));
                    }
                }
            }
        }
        // Units that expired in the window: what each lot held at its expiry.
        let end = self.as_of(to);
        for (index, lot) in end.lots.iter().enumerate() {
            if lot.expires_at >= from && lot.expires_at < to && !lot.voided {
                let at_expiry = lot.left.saturating_sub(lot.returned_after_expiry);
                if at_expiry > 0 {
                    lines.push(StatementLine {
                        at: lot.expires_at,
                        kind: lot.kind.clone(),
                        event: StatementEvent::Expiry,
                        units: -signed(at_expiry),
                        reference: match &lot.source {
                            LotSource::Order { order_id } => order_id.clone(),
                            LotSource::Grant { key, .. } => key.clone(),
                        },
                        lot: Some(index as u64 + 1),
                        note: String::new(),
                    });
                }
            }
        }
        lines.sort_by_key(|line| line.at);
        lines
    }
}
