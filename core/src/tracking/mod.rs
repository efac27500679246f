//! Tracked email, secure-email access and engagement statistics (SPEC section 8).
//!
//! Uses the [`crate::token`] machinery for every link it hands out. The statistics count per link,
//! not per person: a forwarded mail carries the same links as the original.
