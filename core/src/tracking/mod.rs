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
