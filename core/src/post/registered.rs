//! Registered mail: the summary a person can print once a registered letter is handed over (its
//! barcode comes from the host's [`BarcodeRange`](super::BarcodeRange)).

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::language::Language;
use crate::time::Instant;

use super::barcode::Barcode;
use super::dates::submission_date;
use super::error::PostError;
use super::retention;

/// The summary of a registered letter once it is handed to the post: submission day, handover day,
/// recipient and barcode, which a person can print (as proof of sending, with the deadlines).
///
/// It exists only once the letter is handed over, and is kept [`kept_until`](Self::kept_until) (60
/// days after the handover day). Plain data.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::post::{Barcode, RegisteredSummary};
///
/// let summary = RegisteredSummary::new(
///     Barcode::parse("RR000000014BE")?,
///     vec!["Jean Dupont".into(), "Rue Haute 1".into(), "1000 BRUXELLES".into()],
///     "2026-03-10T09:15:00Z".parse()?,
///     NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
///     true,
/// )?;
/// assert_eq!(summary.kept_until()?, NaiveDate::from_ymd_opt(2026, 5, 9).unwrap());
/// assert_eq!(summary.claim_deadline()?, NaiveDate::from_ymd_opt(2027, 3, 10).unwrap());
/// let text = summary.to_text(Language::Fr)?;
/// assert!(text.contains("Numéro du recommandé : RR000000014BE"));
/// assert!(text.contains("Date de dépôt à la poste : 10/03/2026"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredSummary {
    /// The barcode of the letter (serialized as its text).
    pub barcode: Barcode,
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
        barcode: Barcode,
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
    /// # use envoi::post::{Barcode, RegisteredSummary};
    /// let summary = RegisteredSummary::new(Barcode::parse("RR000000014BE")?, vec!["A".into()], "2026-03-09T23:30:00Z".parse()?,
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
    /// # use envoi::post::{Barcode, RegisteredSummary};
    /// let summary = RegisteredSummary::new(Barcode::parse("RR000000425BE")?, vec!["Jan Peeters".into(), "Meir 1".into(), "2000 ANTWERPEN".into()],
    ///     "2026-03-10T13:00:00Z".parse()?, NaiveDate::from_ymd_opt(2026, 3, 11).unwrap(), false)?;
    /// assert_eq!(summary.to_text(Language::En)?, "\
    /// Registered letter: summary
    /// Submission date: 2026-03-10
    /// Date handed to the post: 2026-03-11
    /// Recipient:
    ///   Jan Peeters
    ///   Meir 1
    ///   2000 ANTWERPEN
    /// Registered letter number: RR000000425BE
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
