//! How long what a letter leaves behind is kept, and until when a claim can be filed (SPEC
//! section 9). The library computes the deadlines; the host deletes.
//!
//! - the documents: [`DOCUMENTS_KEPT_DAYS`] (60) days after the submission day;
//! - the registered-mail summary (it exists only once the letter is handed over):
//!   [`REGISTERED_SUMMARY_KEPT_DAYS`] (60) days after the handover day;
//! - the post's deposit receipt of a registered letter: [`DEPOSIT_RECEIPT_KEPT_YEARS`] (3) years
//!   after the handover day;
//! - a claim for a lost registered letter: within [`CLAIM_MONTHS`] (12) months of the handover day.
//!
//! Each deadline is the last day (inclusive). A period of months or years that ends on a day the
//! month lacks ends on the month's last day (29 February + 1 year = 28 February).

use chrono::{Days, Months, NaiveDate};

use super::error::PostError;

/// Days the documents of a letter are kept after the submission day.
pub const DOCUMENTS_KEPT_DAYS: u64 = 60;
/// Days the registered-mail summary is kept after the handover day.
pub const REGISTERED_SUMMARY_KEPT_DAYS: u64 = 60;
/// Years the post's deposit receipt of a registered letter is kept after the handover day.
pub const DEPOSIT_RECEIPT_KEPT_YEARS: u32 = 3;
/// Months after the handover day within which a claim for a lost registered letter can be filed.
pub const CLAIM_MONTHS: u32 = 12;

fn out_of_range(field: &'static str, date: NaiveDate, rule: &'static str) -> PostError {
    PostError::DateOutOfRange { field, date, rule }
}

/// The last day a letter's documents are kept: 60 days after the submission day.
///
/// ```
/// use chrono::NaiveDate;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(envoi::post::documents_kept_until(date(2026, 3, 10))?, date(2026, 5, 9));
/// # Ok::<(), envoi::post::PostError>(())
/// ```
///
/// # Errors
///
/// [`PostError::DateOutOfRange`] past chrono's last date.
pub fn documents_kept_until(submitted_on: NaiveDate) -> Result<NaiveDate, PostError> {
    submitted_on
        .checked_add_days(Days::new(DOCUMENTS_KEPT_DAYS))
        .ok_or_else(|| out_of_range("documents_kept_until", submitted_on, "60 days"))
}

/// The last day a registered letter's summary is kept: 60 days after the handover day.
///
/// ```
/// use chrono::NaiveDate;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(envoi::post::registered_summary_kept_until(date(2026, 3, 11))?, date(2026, 5, 10));
/// # Ok::<(), envoi::post::PostError>(())
/// ```
///
/// # Errors
///
/// [`PostError::DateOutOfRange`] past chrono's last date.
pub fn registered_summary_kept_until(handed_over_on: NaiveDate) -> Result<NaiveDate, PostError> {
    handed_over_on
        .checked_add_days(Days::new(REGISTERED_SUMMARY_KEPT_DAYS))
        .ok_or_else(|| out_of_range("registered_summary_kept_until", handed_over_on, "60 days"))
}

/// The last day the post's deposit receipt of a registered letter is kept: 3 years after the
/// handover day.
///
/// ```
/// use chrono::NaiveDate;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(envoi::post::deposit_receipt_kept_until(date(2028, 2, 29))?, date(2031, 2, 28));
/// # Ok::<(), envoi::post::PostError>(())
/// ```
///
/// # Errors
///
/// [`PostError::DateOutOfRange`] past chrono's last date.
pub fn deposit_receipt_kept_until(handed_over_on: NaiveDate) -> Result<NaiveDate, PostError> {
    handed_over_on
        .checked_add_months(Months::new(12 * DEPOSIT_RECEIPT_KEPT_YEARS))
        .ok_or_else(|| out_of_range("deposit_receipt_kept_until", handed_over_on, "3 years"))
}

/// The last day to file a claim with the post for a lost registered letter: 12 months after the
/// handover day.
///
/// ```
/// use chrono::NaiveDate;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(envoi::post::claim_deadline(date(2026, 3, 11))?, date(2027, 3, 11));
/// # Ok::<(), envoi::post::PostError>(())
/// ```
///
/// # Errors
///
/// [`PostError::DateOutOfRange`] past chrono's last date.
pub fn claim_deadline(handed_over_on: NaiveDate) -> Result<NaiveDate, PostError> {
    handed_over_on
        .checked_add_months(Months::new(CLAIM_MONTHS))
        .ok_or_else(|| out_of_range("claim_deadline", handed_over_on, "12 months"))
}
