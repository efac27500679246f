//! Registered mail: barcode numbers from the host's range, and the summary a person can print.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::language::Language;
use crate::time::Instant;

use super::dates::submission_date;
use super::error::PostError;
use super::retention;

/// The range of registered-mail barcode numbers the post gave the host, and the next one to hand
/// out.
///
/// Each registered letter gets the next number; a range whose numbers are all used refuses with
/// [`PostError::BarcodeRangeExhausted`]. The range is plain data the host stores between uses:
/// `{"first":…,"last":…,"next":…}`, `next` being `null` once every number is used.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::BarcodeRange;
///
/// let mut range = BarcodeRange::new(3_232_000_001, 3_232_000_003)?;
/// assert_eq!(range.next_barcode()?, 3_232_000_001);
/// assert_eq!(range.take(2)?, [3_232_000_002, 3_232_000_003]);
/// assert_eq!(range.remaining(), 0);
/// assert_eq!(range.next_barcode().unwrap_err().code(), "post.barcode_range_exhausted");
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BarcodeRangeJson", into = "BarcodeRangeJson")]
pub struct BarcodeRange {
    first: u64,
    last: u64,
    next: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BarcodeRangeJson {
    first: u64,
    last: u64,
    /// Required, `null` when every number is used: a missing `next` is refused rather than read as
    /// an exhausted range.
    #[serde(deserialize_with = "required_next")]
    next: Option<u64>,
}

fn required_next<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    Option::<u64>::deserialize(deserializer)
}

impl TryFrom<BarcodeRangeJson> for BarcodeRange {
    type Error = PostError;

    fn try_from(json: BarcodeRangeJson) -> Result<BarcodeRange, PostError> {
        let mut range = BarcodeRange::new(json.first, json.last)?;
        match json.next {
            Some(next) if !(json.first..=json.last).contains(&next) => {
                Err(PostError::InvalidBarcodeRange {
                    first: next,
                    last: json.last,
                })
            }
            next => {
                range.next = next;
                Ok(range)
            }
        }
    }
}

impl From<BarcodeRange> for BarcodeRangeJson {
    fn from(range: BarcodeRange) -> BarcodeRangeJson {
        BarcodeRangeJson {
            first: range.first,
            last: range.last,
            next: range.next,
        }
    }
}

impl BarcodeRange {
    /// The numbers from `first` to `last` (both included), none used yet.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::BarcodeRange;
    /// assert_eq!(BarcodeRange::new(10, 10)?.remaining(), 1);
    /// assert_eq!(BarcodeRange::new(11, 10).unwrap_err().code(), "post.invalid_barcode_range");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidBarcodeRange`] when `first > last`.
    pub fn new(first: u64, last: u64) -> Result<BarcodeRange, PostError> {
        if first > last {
            return Err(PostError::InvalidBarcodeRange { first, last });
        }
        Ok(BarcodeRange {
            first,
            last,
            next: Some(first),
        })
    }

    /// The first number of the range.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::new(5, 9)?.first(), 5);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn first(&self) -> u64 {
        self.first
    }

    /// The last number of the range.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::new(5, 9)?.last(), 9);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn last(&self) -> u64 {
        self.last
    }

    /// How many numbers are left.
    ///
    /// ```
    /// assert_eq!(envoi::post::BarcodeRange::new(0, u64::MAX)?.remaining(), 1u128 << 64);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    pub fn remaining(&self) -> u128 {
        self.next
            .map_or(0, |next| u128::from(self.last) - u128::from(next) + 1)
    }

    /// Hands out the next number.
    ///
    /// # Errors
    ///
    /// [`PostError::BarcodeRangeExhausted`] when every number is used.
    pub fn next_barcode(&mut self) -> Result<u64, PostError> {
        let next = self.next.ok_or(PostError::BarcodeRangeExhausted {
            first: self.first,
            last: self.last,
        })?;
        self.next = next.checked_add(1).filter(|after| *after <= self.last);
        Ok(next)
    }

    /// Hands out the next `count` numbers, all or none (a job's registered letters).
    ///
    /// ```
    /// use envoi::post::BarcodeRange;
    /// let mut range = BarcodeRange::new(1, 3)?;
    /// assert!(range.take(4).is_err());
    /// assert_eq!(range.remaining(), 3); // nothing was used
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::BarcodeRangeExhausted`] when fewer than `count` numbers are left.
    pub fn take(&mut self, count: usize) -> Result<Vec<u64>, PostError> {
        if (count as u128) > self.remaining() {
            return Err(PostError::BarcodeRangeExhausted {
                first: self.first,
                last: self.last,
            });
        }
        (0..count).map(|_| self.next_barcode()).collect()
    }
}

/// The summary of a registered letter once it is handed to the post: submission day, handover day,
/// recipient and barcode, which a person can print (as proof of sending, with the deadlines).
///
/// It exists only once the letter is handed over, and is kept [`kept_until`](Self::kept_until) (60
/// days after the handover day). Plain data.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::post::RegisteredSummary;
///
/// let summary = RegisteredSummary::new(
///     3_232_000_001,
///     vec!["Jean Dupont".into(), "Rue Haute 1".into(), "1000 BRUXELLES".into()],
///     "2026-03-10T09:15:00Z".parse()?,
///     NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
///     true,
/// )?;
/// assert_eq!(summary.kept_until()?, NaiveDate::from_ymd_opt(2026, 5, 9).unwrap());
/// assert_eq!(summary.claim_deadline()?, NaiveDate::from_ymd_opt(2027, 3, 10).unwrap());
/// let text = summary.to_text(Language::Fr)?;
/// assert!(text.contains("Numéro du recommandé : 3232000001"));
/// assert!(text.contains("Date de dépôt à la poste : 10/03/2026"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredSummary {
    /// The barcode number of the letter.
    pub barcode: u64,
    /// The recipient's address lines.
    pub recipient: Vec<String>,
    /// When the letter was submitted.
    pub submitted_at: Instant,
    /// The day it was handed to the post.
    pub handed_over_on: NaiveDate,
    /// Whether an acknowledgement of receipt was asked for.
    pub acknowledgement: bool,
}

/// The labels of a printed summary, in one language.
struct Labels {
    title: &'static str,
    submitted: &'static str,
    handed_over: &'static str,
    recipient: &'static str,
    barcode: &'static str,
    acknowledgement: &'static str,
    yes: &'static str,
    no: &'static str,
    claim: &'static str,
    separator: &'static str,
}

fn labels(language: Language) -> Labels {
    match language {
        Language::Fr => Labels {
            title: "Envoi recommandé : récapitulatif",
            submitted: "Date de soumission",
            handed_over: "Date de dépôt à la poste",
            recipient: "Destinataire",
            barcode: "Numéro du recommandé",
            acknowledgement: "Avis de réception",
            yes: "oui",
            no: "non",
            claim: "Réclamation possible jusqu'au",
            separator: " : ",
        },
        Language::Nl => Labels {
            title: "Aangetekende zending: overzicht",
            submitted: "Datum van indiening",
            handed_over: "Datum van afgifte bij de post",
            recipient: "Geadresseerde",
            barcode: "Nummer van de aangetekende zending",
            acknowledgement: "Ontvangstbewijs",
            yes: "ja",
            no: "nee",
            claim: "Klacht mogelijk tot",
            separator: ": ",
        },
        Language::De => Labels {
            title: "Einschreiben: Übersicht",
            submitted: "Einreichungsdatum",
            handed_over: "Einlieferungsdatum bei der Post",
            recipient: "Empfänger",
            barcode: "Nummer des Einschreibens",
            acknowledgement: "Rückschein",
            yes: "ja",
            no: "nein",
            claim: "Nachforschungsantrag möglich bis",
            separator: ": ",
        },
        Language::En => Labels {
            title: "Registered letter: summary",
            submitted: "Submission date",
            handed_over: "Date handed to the post",
            recipient: "Recipient",
            barcode: "Registered letter number",
            acknowledgement: "Acknowledgement of receipt",
            yes: "yes",
            no: "no",
            claim: "Claims possible until",
            separator: ": ",
        },
    }
}

fn format_date(date: NaiveDate, language: Language) -> String {
    match language {
        Language::Fr | Language::Nl => date.format("%d/%m/%Y").to_string(),
        Language::De => date.format("%d.%m.%Y").to_string(),
        Language::En => date.format("%Y-%m-%d").to_string(),
    }
}

impl RegisteredSummary {
    /// The summary of a registered letter handed over on `handed_over_on`.
    ///
    /// # Errors
    ///
    /// [`PostError::HandoverBeforeSubmission`] when `handed_over_on` is before the submission day
    /// (Europe/Brussels); [`PostError::EmptyAddress`] when the recipient has no non-blank line.
    pub fn new(
        barcode: u64,
        recipient: Vec<String>,
        submitted_at: Instant,
        handed_over_on: NaiveDate,
        acknowledgement: bool,
    ) -> Result<RegisteredSummary, PostError> {
        let submitted_on = submission_date(submitted_at);
        if handed_over_on < submitted_on {
            return Err(PostError::HandoverBeforeSubmission {
                submitted_on,
                handed_over_on,
            });
        }
        if recipient.iter().all(|line| line.trim().is_empty()) {
            return Err(PostError::EmptyAddress);
        }
        Ok(RegisteredSummary {
            barcode,
            recipient,
            submitted_at,
            handed_over_on,
            acknowledgement,
        })
    }

    /// The submission day, on the Europe/Brussels wall clock.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use envoi::post::RegisteredSummary;
    /// let summary = RegisteredSummary::new(1, vec!["A".into()], "2026-03-09T23:30:00Z".parse()?,
    ///     NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(), false)?;
    /// assert_eq!(summary.submitted_on(), NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submitted_on(&self) -> NaiveDate {
        submission_date(self.submitted_at)
    }

    /// The last day the summary is kept: 60 days after the handover day.
    ///
    /// # Errors
    ///
    /// [`PostError::DateOutOfRange`] past chrono's last date.
    pub fn kept_until(&self) -> Result<NaiveDate, PostError> {
        retention::registered_summary_kept_until(self.handed_over_on)
    }

    /// The last day the post's deposit receipt is kept: 3 years after the handover day.
    ///
    /// # Errors
    ///
    /// [`PostError::DateOutOfRange`] past chrono's last date.
    pub fn deposit_receipt_kept_until(&self) -> Result<NaiveDate, PostError> {
        retention::deposit_receipt_kept_until(self.handed_over_on)
    }

    /// The last day to file a claim for the letter with the post: 12 months after the handover day.
    ///
    /// # Errors
    ///
    /// [`PostError::DateOutOfRange`] past chrono's last date.
    pub fn claim_deadline(&self) -> Result<NaiveDate, PostError> {
        retention::claim_deadline(self.handed_over_on)
    }

    /// The summary as text a person prints, in `language`: submission day, handover day, recipient
    /// (one line each, indented), barcode number, acknowledgement of receipt and the claim deadline.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// use envoi::language::Language;
    /// # use envoi::post::RegisteredSummary;
    /// let summary = RegisteredSummary::new(42, vec!["Jan Peeters".into(), "Meir 1".into(), "2000 ANTWERPEN".into()],
    ///     "2026-03-10T13:00:00Z".parse()?, NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(), false)?;
    /// assert_eq!(summary.to_text(Language::En)?, "\
    /// Registered letter: summary
    /// Submission date: 2026-03-10
    /// Date handed to the post: 2026-03-11
    /// Recipient:
    ///   Jan Peeters
    ///   Meir 1
    ///   2000 ANTWERPEN
    /// Registered letter number: 42
    /// Acknowledgement of receipt: no
    /// Claims possible until: 2027-03-11
    /// ");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::DateOutOfRange`] when the claim deadline is past chrono's last date.
    pub fn to_text(&self, language: Language) -> Result<String, PostError> {
        let labels = labels(language);
        let separator = labels.separator;
        let date = |day| format_date(day, language);
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{}", labels.title);
        let _ = writeln!(
            text,
            "{}{separator}{}",
            labels.submitted,
            date(self.submitted_on())
        );
        let _ = writeln!(
            text,
            "{}{separator}{}",
            labels.handed_over,
            date(self.handed_over_on)
        );
        let _ = writeln!(text, "{}{}", labels.recipient, separator.trim_end());
        for line in self.recipient.iter().filter(|line| !line.trim().is_empty()) {
            let _ = writeln!(text, "  {}", line.trim());
        }
        let _ = writeln!(text, "{}{separator}{}", labels.barcode, self.barcode);
        let answer = if self.acknowledgement {
            labels.yes
        } else {
            labels.no
        };
        let _ = writeln!(text, "{}{separator}{answer}", labels.acknowledgement);
        let _ = writeln!(
            text,
            "{}{separator}{}",
            labels.claim,
            date(self.claim_deadline()?)
        );
        Ok(text)
    }
}
