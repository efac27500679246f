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

// Tracked email: the HTML and text rewriters, the tracker and click/open resolution.
mod click;
mod email;
mod error;
mod html;
mod text;

pub use click::{ClickResolution, OpenResolution, RefusedClick};
pub use email::{
    EmailToTrack, LinkPart, LinkTable, TrackedEmail, Tracker, TrackingOptions, UntrackedLink,
    UntrackedReason,
};
pub use error::TrackingError;
