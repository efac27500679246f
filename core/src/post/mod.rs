//! Letters (SPEC section 9): sheets, envelopes, weight, postage, destination country, dates and
//! job states of printed and posted mail.
//!
//! Uses the business calendar of [`crate::schedule`] for handover and delivery dates.

mod page;

pub use page::PageSize;
