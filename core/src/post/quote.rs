//! The quote of one letter to one recipient: everything envoi can say before upload.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::time::Instant;

use super::country::{Country, destination};
use super::data::{PostData, PostalZone, WeightBand};
use super::dates::{DeliveryRange, PostCalendars, submission_date};
use super::error::PostError;
use super::letter::{Envelope, Format, Letter, Packing};
use super::postage::Postage;
use super::retention;

/// What a letter to one recipient takes and when it arrives: sheets, envelope, format, weights,
/// destination, postage, handover and delivery dates, and the retention deadlines.
///
/// National letters have a [`delivery_date`](Self::delivery_date), international ones a
/// [`delivery_range`](Self::delivery_range) (exactly one of the two is set). The registered-mail
/// deadlines are set for registered letters only; they count from the expected handover day (the
/// real one is the job's: see [`RegisteredSummary`](super::RegisteredSummary)).
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::post::{Document, Envelope, Format, Letter, PostCalendars, Postage, quote};
///
/// let letter = Letter::new(vec![Document::a4(3), Document::a4(1).named("flyer")], Postage::Prior);
/// let address = ["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"];
/// let quote = quote(&letter, &address, "2026-03-10T09:00:00Z".parse()?, &PostCalendars::default())?;
/// assert_eq!((quote.sheets, quote.envelope, quote.format), (4, Envelope::Us, Format::Small));
/// assert_eq!(quote.country.code(), "BE");
/// assert_eq!(quote.handover_date, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
/// assert_eq!(quote.delivery_date, NaiveDate::from_ymd_opt(2026, 3, 11));
/// assert_eq!(quote.delivery_range, None);
/// assert_eq!(quote.documents_kept_until, NaiveDate::from_ymd_opt(2026, 5, 9).unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The A4 sheets printed.
    pub sheets: u32,
    /// The envelope.
    pub envelope: Envelope,
    /// The post's format (small for US, large for C5 and C4).
    pub format: Format,
    /// The paper's weight in grams.
    pub paper_grams: Decimal,
    /// The letter's weight in grams (paper and envelope).
    pub weight_grams: Decimal,
    /// The postage's weight band.
    pub weight_band: WeightBand,
    /// The destination country.
    pub country: Country,
    /// The address line the country was read from (`None`: no country line, Belgium).
    pub country_line: Option<usize>,
    /// The postage applied: the one asked for, except prior to an address abroad, which is prior
    /// international.
    pub postage: Postage,
    /// The submission day (Europe/Brussels).
    pub submitted_on: NaiveDate,
    /// The day the letter is handed to the post.
    pub handover_date: NaiveDate,
    /// The delivery day of a national letter.
    pub delivery_date: Option<NaiveDate>,
    /// The earliest and latest delivery days of an international letter.
    pub delivery_range: Option<DeliveryRange>,
    /// The last day the documents are kept (60 days after submission).
    pub documents_kept_until: NaiveDate,
    /// Registered: the last day the summary is kept (60 days after handover).
    pub registered_summary_kept_until: Option<NaiveDate>,
    /// Registered: the last day the post's deposit receipt is kept (3 years after handover).
    pub deposit_receipt_kept_until: Option<NaiveDate>,
    /// Registered: the last day to file a claim with the post (12 months after handover).
    pub claim_deadline: Option<NaiveDate>,
}

/// What every recipient of a letter submitted at one time shares: its packing and its dates.
#[derive(Debug, Clone)]
pub(crate) struct LetterPlan {
    packing: Packing,
    submitted_on: NaiveDate,
    handover_date: NaiveDate,
    documents_kept_until: NaiveDate,
}

impl PostData {
    /// The quote of `letter` to the recipient `address` (its lines, the country line last when
    /// abroad), submitted at `submitted_at`, with this data's envelope weights, weight bands and
    /// delivery times.
    ///
    /// The checks, in order: the documents (`post.no_documents`, `post.empty_document`,
    /// `post.not_a4`, `post.background_not_one_page`), the sheets and the envelope
    /// (`post.too_many_sheets`, `post.envelope_too_small`, `post.too_heavy`), the letter's postage
    /// (`post.rp_not_available`, `post.return_address_required`,
    /// `post.acknowledgement_registered_only`), the address (`post.empty_address`, the country
    /// line's errors), the postage to that destination (`post.registered_national_only`,
    /// `post.non_prior_national_only`, `post.prior_international_abroad_only`), the delivery time
    /// (`post.no_delivery_data`), the dates (`schedule.*`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::ErrorCode;
    /// use envoi::post::{Document, Letter, PostCalendars, PostData, Postage};
    ///
    /// let data = PostData::builtin();
    /// let letter = Letter::new(vec![Document::a4(2)], Postage::Prior);
    /// let at = "2026-03-10T09:00:00Z".parse()?;
    /// let quote = data.quote(&letter, &["Jan de Vries", "Keizersgracht 1", "1015 CJ AMSTERDAM", "PAYS-BAS"], at, &PostCalendars::default())?;
    /// assert_eq!(quote.country.code(), "NL");
    /// assert_eq!(quote.postage, Postage::PriorInternational);
    /// let range = quote.delivery_range.unwrap();
    /// assert_eq!((range.earliest, range.latest), (NaiveDate::from_ymd_opt(2026, 3, 13).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 17).unwrap()));
    ///
    /// let registered = Letter { return_address: Some(vec!["Envoi SA".into()]), ..Letter::new(vec![Document::a4(2)], Postage::Registered) };
    /// let error = data.quote(&registered, &["Jan de Vries", "1015 CJ AMSTERDAM", "NEDERLAND"], at, &PostCalendars::default()).unwrap_err();
    /// assert_eq!(error.code(), "post.registered_national_only");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first check that fails, as listed above.
    pub fn quote<S: AsRef<str>>(
        &self,
        letter: &Letter,
        address: &[S],
        submitted_at: Instant,
        calendars: &PostCalendars,
    ) -> Result<Quote, PostError> {
        let plan = self.plan(letter, submitted_at, calendars)?;
        self.quote_planned(letter, &plan, address, calendars)
    }

    /// The checks and computations of a letter that do not depend on the recipient.
    pub(crate) fn plan(
        &self,
        letter: &Letter,
        submitted_at: Instant,
        calendars: &PostCalendars,
    ) -> Result<LetterPlan, PostError> {
        let packing = letter.pack(self)?;
        Postage::check_letter(letter)?;
        let submitted_on = submission_date(submitted_at);
        Ok(LetterPlan {
            packing,
            submitted_on,
            handover_date: calendars.handover_date(submitted_at)?,
            documents_kept_until: retention::documents_kept_until(submitted_on)?,
        })
    }

    /// The quote of a planned letter to one recipient.
    pub(crate) fn quote_planned<S: AsRef<str>>(
        &self,
        letter: &Letter,
        plan: &LetterPlan,
        address: &[S],
        calendars: &PostCalendars,
    ) -> Result<Quote, PostError> {
        if address.iter().all(|line| line.as_ref().trim().is_empty()) {
            return Err(PostError::EmptyAddress);
        }
        let found = destination(address)?;
        let country = found.country;
        let postage = letter.postage.applied_to(country)?;
        let zone = PostalZone::of(country);
        let packing = &plan.packing;
        let weight_band = self.weight_band(zone, packing.format, packing.weight_grams)?;
        let handover = plan.handover_date;
        let (delivery_date, delivery_range) = match postage.national_business_days() {
            Some(days) => (Some(calendars.delivery_date(handover, days)?), None),
            None => {
                let range = self.international_delivery(country)?;
                (None, Some(calendars.delivery_range(handover, range)?))
            }
        };
        let registered = postage == Postage::Registered;
        let when_registered = |deadline: fn(NaiveDate) -> Result<NaiveDate, PostError>| {
            registered.then(|| deadline(handover)).transpose()
        };
        Ok(Quote {
            sheets: packing.sheets,
            envelope: packing.envelope,
            format: packing.format,
            paper_grams: packing.paper_grams,
            weight_grams: packing.weight_grams,
            weight_band,
            country,
            country_line: found.country_line,
            postage,
            submitted_on: plan.submitted_on,
            handover_date: handover,
            delivery_date,
            delivery_range,
            documents_kept_until: plan.documents_kept_until,
            registered_summary_kept_until: when_registered(
                retention::registered_summary_kept_until,
            )?,
            deposit_receipt_kept_until: when_registered(retention::deposit_receipt_kept_until)?,
            claim_deadline: when_registered(retention::claim_deadline)?,
        })
    }
}

/// The quote of `letter` to `address` submitted at `submitted_at`, with the built-in post data
/// ([`PostData::builtin`]); see [`PostData::quote`] for the checks and their order.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::ErrorCode;
/// use envoi::post::{Document, Letter, PostCalendars, Postage, quote};
///
/// let mut letter = Letter::new(vec![Document::a4(30)], Postage::Prior);
/// letter.duplex = true;
/// let calendars = PostCalendars::default();
/// let address = ["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"];
/// let at = "2026-03-13T13:00:00Z".parse()?; // Friday 14:00 in Brussels
/// let duplex = quote(&letter, &address, at, &calendars)?;
/// assert_eq!(duplex.sheets, 15);
/// assert_eq!(duplex.handover_date, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()); // Monday
///
/// letter.duplex = false;
/// let error = quote(&letter, &address, at, &calendars).unwrap_err();
/// assert_eq!(error.code(), "post.too_many_sheets");
/// assert!(error.to_string().contains("30 sheets, 5 over"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`PostData::quote`].
pub fn quote<S: AsRef<str>>(
    letter: &Letter,
    address: &[S],
    submitted_at: Instant,
    calendars: &PostCalendars,
) -> Result<Quote, PostError> {
    PostData::builtin().quote(letter, address, submitted_at, calendars)
}
