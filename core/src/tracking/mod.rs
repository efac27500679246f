//! Tracked email, secure-email access and engagement statistics (SPEC section 8).
//!
//! Uses the [`crate::token`] machinery for every link it hands out. The statistics count per link,
//! not per person: a forwarded mail carries the same links as the original.
//!
//! # Tracked email
//!
//! [`Tracker::track`] inserts the open pixel and rewrites each `<a href>` of an email's HTML (with
//! the streaming rewriter `lol_html`, never regular expressions) and the same links in its text
//! part; the host keeps the returned [`LinkTable`]. [`Tracker::resolve_click`] turns a click token
//! back into the original target from that table, or into the fallback URL: a token can never
//! redirect to a URL envoi did not put in the email.
//!
//! # Secure email
//!
//! [`SecureAccess`] is one recipient's access to a secure email: a sealed access link and, through a
//! second channel, a one-time code, within a validity period and a bounded number of wrong codes.
//! Its opens are counted in the access, not in the engagement statistics (see [`SecureAccess`]).
//!
//! # Engagement statistics
//!
//! Each verified open or click becomes a raw [`TrackingEvent`]; [`Stats`] keeps them and
//! aggregates them into a [`StatsReport`]: total and unique opens and clicks per message, per
//! recipient's links and per link, first and last times. [`MachineRules`] (data, tunable by the
//! host) give each event a [`Verdict`], human or machine with the rule that decided, and both
//! counts are kept. "Unique" counts distinct recipient-links, not people.
//!
//! ```
//! use envoi::token::{Claims, KeyRing, Purpose};
//! use envoi::tracking::{MessageKey, Stats, TrackingEvent};
//!
//! let ring = KeyRing::new([(1, vec![0x11; 32])], 1)?;
//! let sent = "2026-11-30T09:00:00Z".parse()?;
//! let pixel = Claims { account: Some(1), message: Some(42), recipient: Some(7), ..Claims::default() };
//! let token = ring.issue(Purpose::Open, &pixel, sent, None)?;
//!
//! // The pixel endpoint: verify, then record what the request looked like.
//! let mut stats = Stats::new();
//! for (at, user_agent) in [
//!     ("2026-11-30T09:00:02Z", "Mozilla/5.0"), // Apple Mail Privacy Protection's prefetch
//!     ("2026-11-30T11:15:00Z", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"),
//! ] {
//!     let at = at.parse()?;
//!     let verified = ring.verify(Purpose::Open, &token, at)?;
//!     stats.record(TrackingEvent::from_verified(&verified, at)?.with_user_agent(user_agent));
//! }
//!
//! let report = stats.report();
//! let message = report.message(&MessageKey { account: Some(1), message: Some(42), occurrence: None }).unwrap();
//! assert_eq!((message.opens.total, message.opens.unique_links), (2, 1));
//! assert_eq!((message.opens.human_total, message.opens.machine_total), (1, 1));
//! assert_eq!(message.opens.machine_by_rule["apple_mpp_user_agent"], 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Tracked email (the HTML and text rewriters, the tracker, click/open resolution) and secure-email
// access.
mod click;
mod email;
mod error;
mod html;
mod secure;
mod text;

pub use click::{ClickResolution, OpenResolution, RefusedClick};
pub use email::{
    EmailToTrack, LinkPart, LinkTable, TrackedEmail, Tracker, TrackingOptions, UntrackedLink,
    UntrackedReason,
};
pub use error::{SecureAccessError, TrackingError};
pub use secure::{
    AccessLock, LockReason, MAX_ACCESS_VALIDITY_SECONDS, NewSecureAccess, SecureAccess,
    SecureAccessPolicy, SecureOpen,
};

// Engagement statistics and the machine-event classifier.
mod classify;
mod event;
mod machine_rules;
mod stats;
mod stats_error;

pub use classify::{EventClass, Verdict};
pub use event::{EventKind, TrackingEvent};
pub use machine_rules::{
    MAX_ALL_LINKS_WINDOW_MS, MAX_SECONDS_AFTER_DELIVERY, MachineRule, MachineRules, MachineSignal,
};
pub use stats::{
    EngagementCounts, LinkStats, MessageKey, MessageStats, RecipientLinkStats, Stats, StatsReport,
};
pub use stats_error::StatsError;
