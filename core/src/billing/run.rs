//! The runs that invoice use: the monthly pay-as-you-go run (Click & Post letters, messages paid
//! per unit) and the block plans (Plannit).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::contacts::Channel;
use crate::credits::{BillableItem, BlockPlan, Charge, UsageRecord, monthly_statement};
use crate::ids::AccountId;
use crate::invoice::{DocumentKind, InvoiceLine};
use crate::money::{Currency, Money};
use crate::post::{Format, Postage};
use crate::time::Instant;
use crate::vat::{OnlineCheck, RateTable, ServiceKind, Treatment};

use super::error::BillingError;
use super::invoicing::{Heading, InvoiceDraft, line, require_decided};
use super::order::{VatAsk, decide};
use super::prices::{LetterQuery, PriceList};
use super::texts;

/// A calendar month (`2026-03`): what a monthly run invoices.
///
/// ```
/// use envoi::billing::Month;
/// let march: Month = "2026-03".parse()?;
/// assert_eq!((march.year(), march.month()), (2026, 3));
/// assert_eq!(march.to_string(), "2026-03");
/// assert_eq!(march.next()?.to_string(), "2026-04");
/// assert!("2026-13".parse::<Month>().is_err());
/// assert!("2026-3".parse::<Month>().is_err());
/// assert_eq!(serde_json::to_string(&march).unwrap(), "\"2026-03\"");
/// # Ok::<(), envoi::billing::BillingError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month `month` (1 to 12) of `year` (1000 to 9999, the years of invoice numbers).
    ///
    /// # Errors
    /// [`BillingError::InvalidArgument`] (`month`) out of those ranges.
    ///
    /// ```
    /// assert!(envoi::billing::Month::new(2026, 0).is_err());
    /// ```
    pub fn new(year: i32, month: u32) -> Result<Month, BillingError> {
        if !(1000..=9998).contains(&year) || !(1..=12).contains(&month) {
            return Err(BillingError::InvalidArgument {
                field: "month",
                value: format!("{year}-{month:02}"),
                rule: "is not a month; a month is YYYY-MM with a year from 1000 to 9998 and a month from 01 to 12".into(),
            });
        }
        Ok(Month { year, month })
    }

    /// The year.
    ///
    /// ```
    /// let month: envoi::billing::Month = "2026-12".parse()?;
    /// assert_eq!(month.year(), 2026);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// let month: envoi::billing::Month = "2026-12".parse()?;
    /// assert_eq!(month.month(), 12);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn month(self) -> u32 {
        self.month
    }

    /// Its first day.
    ///
    /// ```
    /// let month = envoi::billing::Month::new(2026, 2)?;
    /// assert_eq!(month.first_day().to_string(), "2026-02-01");
    /// # Ok::<(), envoi::billing::BillingError>(())
    /// ```
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The month after.
    ///
    /// # Errors
    /// [`BillingError::InvalidArgument`] after December 9998.
    ///
    /// ```
    /// let month: envoi::billing::Month = "2026-12".parse()?;
    /// assert_eq!(month.next()?.to_string(), "2027-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next(self) -> Result<Month, BillingError> {
        if self.month == 12 {
            Month::new(self.year + 1, 1)
        } else {
            Month::new(self.year, self.month + 1)
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = BillingError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || BillingError::InvalidArgument {
            field: "month",
            value: format!("{:?}", text.chars().take(40).collect::<String>()),
            rule: "is not a month; write YYYY-MM, such as 2026-03".into(),
        };
        let (year, month) = text.split_once('-').ok_or_else(invalid)?;
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(invalid());
        }
        Month::new(
            year.parse().map_err(|_| invalid())?,
            month.parse().map_err(|_| invalid())?,
        )
    }
}

impl TryFrom<String> for Month {
    type Error = BillingError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Month> for String {
    fn from(month: Month) -> Self {
        month.to_string()
    }
}

/// A letter job as the host records it: what each letter is (the [`LetterQuery`] priced by the
/// tariff: postage, weight band, sheets, colour, duplex, acknowledgement of receipt), how many
/// letters, when it was handed over to the post, and whether it was cancelled before processing.
///
/// ```
/// use envoi::billing::{LetterQuery, LetterUsage};
/// use envoi::post::{Format, PostalZone, Postage, WeightBand};
/// let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
/// let job = LetterUsage::handed_over("job-1", LetterQuery::new(Postage::Prior, band, 2), 120, "2026-03-10T09:00:00Z".parse()?);
/// assert!(!job.cancelled);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterUsage {
    /// The job's id, unique among the letter jobs of a run.
    pub job_id: String,
    /// What each letter of the job is.
    pub query: LetterQuery,
    /// How many letters.
    pub letters: u32,
    /// When the job was handed over to the post; `None` while it was not.
    pub handed_over_at: Option<Instant>,
    /// Cancelled before processing: never billed.
    pub cancelled: bool,
}

impl LetterUsage {
    /// A job of `letters` letters handed over at `at`, not cancelled.
    ///
    /// ```
    /// use envoi::billing::{LetterQuery, LetterUsage};
    /// use envoi::post::{Format, PostalZone, Postage, WeightBand};
    /// let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
    /// let job = LetterUsage::handed_over("job-1", LetterQuery::new(Postage::NonPrior, band, 1), 3, "2026-03-10T09:00:00Z".parse()?);
    /// assert_eq!(job.letters, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn handed_over(
        job_id: impl Into<String>,
        query: LetterQuery,
        letters: u32,
        at: Instant,
    ) -> LetterUsage {
        LetterUsage {
            job_id: job_id.into(),
            query,
            letters,
            handed_over_at: Some(at),
            cancelled: false,
        }
    }

    /// A job cancelled before processing (never handed over, never billed).
    ///
    /// ```
    /// # use envoi::billing::{LetterQuery, LetterUsage};
    /// # use envoi::post::{Format, PostalZone, Postage, WeightBand};
    /// # let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
    /// let job = LetterUsage::cancelled("job-2", LetterQuery::new(Postage::Prior, band, 1), 40);
    /// assert!(job.cancelled && job.handed_over_at.is_none());
    /// ```
    pub fn cancelled(job_id: impl Into<String>, query: LetterQuery, letters: u32) -> LetterUsage {
        LetterUsage {
            job_id: job_id.into(),
            query,
            letters,
            handed_over_at: None,
            cancelled: true,
        }
    }
}

/// Messages paid per unit (pay-as-you-go email, SMS or secure email), priced at the channel's
/// unit price of the day they were sent.
///
/// ```
/// use envoi::billing::MessageUsage;
/// use envoi::contacts::Channel;
/// let sent = MessageUsage { id: "send-1".into(), channel: Channel::Sms, units: 3, sent_at: "2026-03-10T09:00:00Z".parse()? };
/// assert_eq!(sent.units, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageUsage {
    /// The send's id, unique among the messages of a run.
    pub id: String,
    /// Email, SMS or secure email.
    pub channel: Channel,
    /// Units (SMS parts × recipients, emails × recipients).
    pub units: u64,
    /// When it was sent.
    pub sent_at: Instant,
}

/// An account's use of a month, for [`monthly_run`]: letter jobs, pay-as-you-go messages, the VAT
/// treatments decided when the account ordered the services, and the exchange rate for prices in
/// another currency than EUR.
///
/// **Decision:** a treatment left `None` is decided for the issue date without exemption (and
/// with B2C totals of zero): an account that asked for the exemption, or a seller over the EU B2C
/// threshold, passes the treatment decided at order time.
///
/// ```
/// use envoi::billing::MonthlyUsage;
/// let usage = MonthlyUsage::default();
/// assert!(usage.letters.is_empty() && usage.letter_treatment.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MonthlyUsage {
    /// Letter jobs (any month: the run keeps those handed over in its month).
    pub letters: Vec<LetterUsage>,
    /// Pay-as-you-go messages (any month).
    pub messages: Vec<MessageUsage>,
    /// The VAT treatment of letters (a [`ServiceKind::Letter`] supply).
    pub letter_treatment: Option<Treatment>,
    /// The VAT treatment of messages (electronically supplied services).
    pub message_treatment: Option<Treatment>,
    /// EUR per unit of the prices' currency, when it is not EUR.
    pub eur_rate: Option<Decimal>,
}

/// One priced part of the month's use: what an invoice line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Postage(Postage, Format, u32),
    Colour,
    Duplex,
    Registered,
    AcknowledgementOfReceipt,
    Messages(Channel),
}

impl Part {
    /// The kind the usage records group by.
    fn kind(self) -> String {
        match self {
            Part::Postage(postage, format, grams) => format!("postage:{postage}:{format}:{grams}"),
            Part::Colour => "colour".to_owned(),
            Part::Duplex => "duplex".to_owned(),
            Part::Registered => "registered".to_owned(),
            Part::AcknowledgementOfReceipt => "acknowledgement_of_receipt".to_owned(),
            Part::Messages(channel) => channel.as_str().to_owned(),
        }
    }

    fn description(self, language: crate::language::Language) -> String {
        match self {
            Part::Postage(postage, format, grams) => {
                texts::postage(postage, format, grams, language)
            }
            Part::Colour => texts::colour(language).to_owned(),
            Part::Duplex => texts::duplex(language).to_owned(),
            Part::Registered => texts::registered(language).to_owned(),
            Part::AcknowledgementOfReceipt => {
                texts::acknowledgement_of_receipt(language).to_owned()
            }
            Part::Messages(channel) => texts::messages(channel, language).to_owned(),
        }
    }
}

/// The usage records of one run (letters or messages) and the parts their kinds stand for.
#[derive(Default)]
struct Records {
    records: Vec<UsageRecord>,
    parts: BTreeMap<String, Part>,
}

impl Records {
    fn priced(&mut self, id: String, part: Part, units: u64, at: Instant, price: Money) {
        let kind = part.kind();
        self.parts.insert(kind.clone(), part);
        self.records
            .push(UsageRecord::handed_over(id, kind, units, at).with_unit_price(price));
    }

    /// A record the statement will not bill (cancelled, not handed over, another month): passed
    /// on all the same so that the statement's checks (repeated ids, contradictions) see it.
    fn unpriced(&mut self, id: String, units: u64, at: Option<Instant>, cancelled: bool) {
        self.records.push(UsageRecord {
            id,
            kind: "unbilled".to_owned(),
            units,
            handed_over_at: at,
            cancelled,
            unit_price: None,
        });
    }
}

/// The invoices of `month` for `account`'s pay-as-you-go use, to be issued on the first day of
/// the next month: one for the letters handed over to the post in the month, one for the messages
/// sent in it (the two are apart because their VAT may differ: letters follow the general rule,
/// messages are electronically supplied services).
///
/// A pure function of its arguments: the same input gives equal drafts, whose keys
/// (`letters:<account>:<month>`, `messages:<account>:<month>`) make issuing them again a replay.
/// Each letter is priced at the tariff valid on its hand-over day in the account's zone (postage
/// row, colour and duplex per sheet, registered and acknowledgement-of-receipt fees) and each
/// message at the unit price of its day; then [`monthly_statement`] keeps what is billable in the
/// month (cancelled jobs excluded, the month on the account's wall clock) and groups it per part
/// and price. No billable job: no draft.
///
/// # Errors
/// [`BillingError::NoPrice`] for a job of the month without a price that day;
/// [`BillingError::InvalidQuery`] for a letter the tariff cannot price;
/// [`BillingError::InvalidArgument`] for a message on the letter channel;
/// [`BillingError::Credit`] for repeated ids or a job both cancelled and handed over;
/// [`BillingError::MixedCurrencies`], [`BillingError::MissingExchangeRate`],
/// [`BillingError::VatPendingVerification`], [`BillingError::Vat`], [`BillingError::Invoice`].
///
/// ```
/// use envoi::billing::{monthly_run, LetterQuery, LetterUsage, Month, MonthlyUsage, PriceList};
/// use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
/// use envoi::post::{Format, PostalZone, Postage, WeightBand};
/// use envoi::vat::{CustomerKind, RateTable};
///
/// let prices = PriceList::from_json("p.json", r#"{"letter_tariffs": [{"id": "cp", "currency": "EUR",
///     "valid_from": "2026-01-01", "color_per_sheet": "0.20", "duplex_per_sheet": "0.03",
///     "registered_fee": "6.10", "acknowledgement_of_receipt_fee": "1.25",
///     "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": "1.95"}]}]}"#)?;
/// let account = Account::new(AccountId::new("acc_cp")?, Language::Fr, CustomerKind::Business, "BE",
///     Party::new("Cabinet Lambert", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
/// let band = WeightBand { zone: PostalZone::National, format: Format::Small, up_to_grams: 50 };
/// let usage = MonthlyUsage {
///     letters: vec![
///         LetterUsage::handed_over("job-1", LetterQuery::new(Postage::Prior, band, 1), 10, "2026-03-10T09:00:00Z".parse()?),
///         LetterUsage::cancelled("job-2", LetterQuery::new(Postage::Prior, band, 1), 5),
///     ],
///     ..MonthlyUsage::default()
/// };
/// let drafts = monthly_run(&account, &prices, "2026-03".parse()?, &usage, RateTable::builtin())?;
/// assert_eq!(drafts.len(), 1);
/// assert_eq!(drafts[0].key(), "letters:acc_cp:2026-03");
/// assert_eq!(drafts[0].issue_date().to_string(), "2026-04-01");
/// assert_eq!(drafts[0].lines()[0].description(), "Affranchissement Prior, petit format, jusqu'à 50 g");
/// assert_eq!(drafts[0].totals().total_without_vat().to_string(), "19.50");
/// // Nothing in April: no invoice.
/// assert!(monthly_run(&account, &prices, "2026-04".parse()?, &usage, RateTable::builtin())?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn monthly_run(
    account: &Account,
    prices: &PriceList,
    month: Month,
    usage: &MonthlyUsage,
    rates: &RateTable,
) -> Result<Vec<InvoiceDraft>, BillingError> {
    let zone = account.zone();
    let in_month = |at: Instant| {
        let day = zone.localize(at).date_naive();
        day.year() == month.year() && day.month() == month.month()
    };
    let mut letters = Records::default();
    for job in &usage.letters {
        let id = |part: &str| format!("letter:{}:{part}", job.job_id);
        let at = match job.handed_over_at {
            Some(at) if !job.cancelled && job.letters > 0 && in_month(at) => at,
            at => {
                letters.unpriced(id("job"), u64::from(job.letters), at, job.cancelled);
                continue;
            }
        };
        let day = zone.localize(at).date_naive();
        let query = &job.query;
        let price = prices.letter_price(query, day)?;
        let tariff = prices.letter_tariff(day)?;
        let count = u64::from(job.letters);
        let sheets = count.saturating_mul(u64::from(query.sheets));
        let band = query.band;
        letters.priced(
            id("postage"),
            Part::Postage(query.postage, band.format, band.up_to_grams),
            count,
            at,
            price.postage,
        );
        if query.color {
            letters.priced(
                id("colour"),
                Part::Colour,
                sheets,
                at,
                tariff.color_per_sheet,
            );
        }
        if query.duplex {
            letters.priced(
                id("duplex"),
                Part::Duplex,
                sheets,
                at,
                tariff.duplex_per_sheet,
            );
        }
        if query.postage == Postage::Registered {
            letters.priced(
                id("registered"),
                Part::Registered,
                count,
                at,
                price.registered,
            );
        }
        if query.acknowledgement_of_receipt {
            letters.priced(
                id("acknowledgement_of_receipt"),
                Part::AcknowledgementOfReceipt,
                count,
                at,
                price.acknowledgement_of_receipt,
            );
        }
    }
    let mut messages = Records::default();
    for sent in &usage.messages {
        if sent.channel == Channel::Letter {
            return Err(BillingError::InvalidArgument {
                field: "messages",
                value: format!("{} (channel letter)", sent.id),
                rule: "is a letter; letters are billed as letter jobs, with their tariff".into(),
            });
        }
        let id = format!("message:{}", sent.id);
        if sent.units == 0 || !in_month(sent.sent_at) {
            messages.unpriced(id, sent.units, Some(sent.sent_at), false);
            continue;
        }
        let day = zone.localize(sent.sent_at).date_naive();
        let price = prices.unit_price(sent.channel, day)?.price;
        messages.priced(
            id,
            Part::Messages(sent.channel),
            sent.units,
            sent.sent_at,
            price,
        );
    }
    let mut drafts = Vec::new();
    for (name, records, service, treatment) in [
        (
            "letters",
            letters,
            ServiceKind::Letter,
            &usage.letter_treatment,
        ),
        (
            "messages",
            messages,
            ServiceKind::Electronic,
            &usage.message_treatment,
        ),
    ] {
        let Some(statement) =
            monthly_statement(&records.records, month.year(), month.month(), zone)?
        else {
            continue;
        };
        let key = format!("{name}:{}:{month}", account.id());
        let decided;
        let treatment = match treatment {
            Some(given) => given,
            None => {
                decided = decide(
                    account,
                    service,
                    statement.issue_date,
                    VatAsk {
                        online: None,
                        exemption_requested: false,
                        b2c: (Decimal::ZERO, Decimal::ZERO),
                    },
                    rates,
                )?;
                &decided
            }
        };
        let draft = draft_of_items(
            &key,
            account,
            treatment,
            statement.issue_date,
            &statement.items,
            usage.eur_rate,
            |item| match &item.charge {
                Charge::Usage { kind } => records
                    .parts
                    .get(kind)
                    .map(|part| part.description(account.language())),
                _ => None,
            },
        )?;
        drafts.push(draft);
    }
    Ok(drafts)
}

/// The draft of billable items, each described by `describe`, in one currency.
fn draft_of_items(
    key: &str,
    account: &Account,
    treatment: &Treatment,
    issue_date: NaiveDate,
    items: &[BillableItem],
    eur_rate: Option<Decimal>,
    describe: impl Fn(&BillableItem) -> Option<String>,
) -> Result<InvoiceDraft, BillingError> {
    require_decided(treatment, key)?;
    let mut currency: Option<Currency> = None;
    let mut lines: Vec<InvoiceLine> = Vec::with_capacity(items.len());
    for item in items {
        let price = item
            .unit_price
            .ok_or_else(|| BillingError::InvalidArgument {
                field: "items",
                value: format!("{:?}", item.charge),
                rule: "has no unit price; every billed item is priced".into(),
            })?;
        match currency {
            Some(first) if first != price.currency() => {
                return Err(BillingError::MixedCurrencies {
                    subject: key.to_owned(),
                    first,
                    other: price.currency(),
                });
            }
            _ => currency = Some(price.currency()),
        }
        let description = describe(item).ok_or_else(|| BillingError::InvalidArgument {
            field: "items",
            value: format!("{:?}", item.charge),
            rule: "has no description".into(),
        })?;
        lines.push(line(
            description,
            Decimal::from(item.quantity),
            price.amount(),
            treatment,
            key,
        )?);
    }
    let heading = Heading {
        key,
        account,
        treatment,
        issue_date,
        currency: currency.unwrap_or(Currency::EUR),
        eur_rate,
    };
    let invoice = heading.invoice(DocumentKind::Invoice, lines)?;
    Ok(InvoiceDraft::new(
        key.to_owned(),
        account.id().clone(),
        invoice,
    ))
}

/// A subscription to a block plan of the price list (Plannit's SMS option): its id, the plan, the
/// instant, and for the VAT, as an order: the exemption request, the online check made now and
/// the B2C totals.
///
/// ```
/// use envoi::billing::SubscriptionRequest;
/// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?);
/// assert!(!request.exemption_requested);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    /// The subscription's id (in the keys of its invoices).
    pub subscription_id: String,
    /// The block plan's id in the price list.
    pub plan_id: String,
    /// When the subscription starts: periods start on that day of the account's wall clock.
    pub at: Instant,
    /// Whether the customer asks for the VAT exemption with this subscription.
    pub exemption_requested: bool,
    /// The online check's answer obtained now; `None` when it was unavailable or not made.
    pub online_check: Option<OnlineCheck>,
    /// The seller's cross-border EU B2C sales this year (including this supply) and last year, in
    /// EUR.
    pub b2c_totals: (Decimal, Decimal),
}

impl SubscriptionRequest {
    /// A subscription without exemption, online check or B2C sales.
    ///
    /// ```
    /// use envoi::billing::SubscriptionRequest;
    /// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?);
    /// assert_eq!(request.plan_id, "plannit-sms");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        subscription_id: impl Into<String>,
        plan_id: impl Into<String>,
        at: Instant,
    ) -> SubscriptionRequest {
        SubscriptionRequest {
            subscription_id: subscription_id.into(),
            plan_id: plan_id.into(),
            at,
            exemption_requested: false,
            online_check: None,
            b2c_totals: (Decimal::ZERO, Decimal::ZERO),
        }
    }

    /// The customer asks for the VAT exemption with this subscription.
    ///
    /// ```
    /// # use envoi::billing::SubscriptionRequest;
    /// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?).with_exemption_requested();
    /// assert!(request.exemption_requested);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_exemption_requested(self) -> SubscriptionRequest {
        SubscriptionRequest {
            exemption_requested: true,
            ..self
        }
    }

    /// The online check's answer, obtained now.
    ///
    /// ```
    /// use envoi::billing::SubscriptionRequest;
    /// use envoi::vat::OnlineCheck;
    /// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?)
    ///     .with_online_check(OnlineCheck { valid: true, request_id: None, checked_at: None });
    /// assert!(request.online_check.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_online_check(self, answer: OnlineCheck) -> SubscriptionRequest {
        SubscriptionRequest {
            online_check: Some(answer),
            ..self
        }
    }

    /// The seller's cross-border EU B2C totals this year and last year, in EUR.
    ///
    /// ```
    /// use envoi::billing::SubscriptionRequest;
    /// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?)
    ///     .with_b2c_totals(12_000.into(), 0.into());
    /// assert_eq!(request.b2c_totals.0, 12_000.into());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_b2c_totals(
        self,
        current_year: Decimal,
        previous_year: Decimal,
    ) -> SubscriptionRequest {
        SubscriptionRequest {
            b2c_totals: (current_year, previous_year),
            ..self
        }
    }
}

/// An account's subscription to a block plan: the [`BlockPlan`] (fee per started block of N
/// messages per monthly period from the subscription day) and the VAT treatment decided when it
/// subscribed, frozen. [`block_plan_run`] invoices each period.
///
/// ```
/// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
/// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500,
///     "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
/// let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE",
///     Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
/// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?);
/// let subscription = subscribe_block_plan(&account, &prices, &request, RateTable::builtin())?;
/// assert_eq!(subscription.plan().block_size(), 500);
/// assert_eq!(subscription.treatment().rate(), Some(21.into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockSubscription {
    id: String,
    account: AccountId,
    plan_id: String,
    plan: BlockPlan,
    treatment: Treatment,
}

impl BlockSubscription {
    /// The subscription's id.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(subscription.id(), "sub-1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The account subscribed.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(subscription.account(), account.id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// The block plan's id in the price list.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(subscription.plan_id(), "plannit-sms");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan_id(&self) -> &str {
        &self.plan_id
    }

    /// The plan: block size, fee, periods.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(subscription.plan().fee().to_string(), "25.00 USD");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan(&self) -> &BlockPlan {
        &self.plan
    }

    /// The VAT treatment decided at subscription.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// assert_eq!(subscription.treatment().to_string(), "charge BE 21% (belgian_customer)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn treatment(&self) -> &Treatment {
        &self.treatment
    }

    /// The same subscription, ending at `end` (no fee for a period starting at or after it; the
    /// last period's extra blocks are still billed).
    ///
    /// # Errors
    /// [`BillingError::Credit`] unless `end` is after the subscription instant.
    ///
    /// ```
    /// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// # use envoi::vat::{CustomerKind, RateTable};
    /// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500, "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
    /// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE", Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
    /// let subscription = subscribe_block_plan(&account, &prices, &SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?), RateTable::builtin())?;
    /// let ended = subscription.ending_at("2026-05-15T00:00:00Z".parse()?)?;
    /// assert_eq!(ended.plan().last_period().unwrap().first_day.to_string(), "2026-05-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ending_at(self, end: Instant) -> Result<BlockSubscription, BillingError> {
        Ok(BlockSubscription {
            plan: self.plan.ending_at(end)?,
            ..self
        })
    }
}

/// Subscribes `account` to the block plan of `request`: its price valid on the subscription day
/// in the account's zone, and the VAT treatment of an electronically supplied service decided now
/// (as an order's).
///
/// # Errors
/// [`BillingError::NoPrice`] when the plan has no price that day;
/// [`BillingError::VatPendingVerification`] when the exemption was asked for without an online
/// check; [`BillingError::Vat`]; [`BillingError::InvalidArgument`] for a blank subscription id.
///
/// ```
/// # use envoi::billing::{subscribe_block_plan, PriceList, SubscriptionRequest};
/// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// use envoi::ErrorCode;
/// let prices = PriceList::default();
/// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE",
/// #     Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
/// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?);
/// let error = subscribe_block_plan(&account, &prices, &request, RateTable::builtin()).unwrap_err();
/// assert_eq!(error.code(), "billing.no_price");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn subscribe_block_plan(
    account: &Account,
    prices: &PriceList,
    request: &SubscriptionRequest,
    rates: &RateTable,
) -> Result<BlockSubscription, BillingError> {
    let id = request.subscription_id.trim();
    if id.is_empty() || id != request.subscription_id || id.chars().any(char::is_control) {
        return Err(BillingError::InvalidArgument {
            field: "subscription_id",
            value: format!(
                "{:?}",
                request.subscription_id.chars().take(40).collect::<String>()
            ),
            rule: "is not an id; an id is text without surrounding spaces or control characters"
                .into(),
        });
    }
    let zone = account.zone();
    let day = zone.localize(request.at).date_naive();
    let price = prices.block_plan(&request.plan_id, day)?;
    let plan = price.subscribe(request.at, zone)?;
    let treatment = decide(
        account,
        ServiceKind::Electronic,
        day,
        VatAsk {
            online: request.online_check.clone(),
            exemption_requested: request.exemption_requested,
            b2c: request.b2c_totals,
        },
        rates,
    )?;
    require_decided(&treatment, &format!("subscription {id}"))?;
    Ok(BlockSubscription {
        id: id.to_owned(),
        account: account.id().clone(),
        plan_id: price.id.clone(),
        plan,
        treatment,
    })
}

/// The invoice of a block plan's period `period_index`, dated its first day: the period's fee
/// (when the option runs then) and the previous period's extra blocks, `previous_usage` being the
/// messages sent in the previous period ([`BlockPlan::usage_by_period`]). `None` when nothing is
/// billed (after the option ended). Key `blocks:<account>:<subscription id>:<period index>`.
///
/// A plan priced in another currency than EUR (Plannit's USD) needs `eur_rate` (EUR per unit,
/// host-supplied): the invoice states its VAT in EUR too.
///
/// # Errors
/// [`BillingError::InvalidArgument`] for another account than the subscription's or a period
/// beyond the supported dates; [`BillingError::Credit`] for usage the plan refuses;
/// [`BillingError::MissingExchangeRate`]; [`BillingError::Invoice`].
///
/// ```
/// # use envoi::billing::{subscribe_block_plan, block_plan_run, PriceList, SubscriptionRequest};
/// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
/// # use envoi::vat::{CustomerKind, RateTable};
/// use envoi::ErrorCode;
/// use rust_decimal::Decimal;
/// # let prices = PriceList::from_json("p.json", r#"{"block_plans": [{"id": "plannit-sms", "block_size": 500,
/// #     "fee": "25.00", "currency": "USD", "valid_from": "2026-01-01"}]}"#)?;
/// # let account = Account::new(AccountId::new("acc_pl")?, Language::En, CustomerKind::Business, "BE",
/// #     Party::new("Plombier Dubois", "BE")?, "2026-01-02T09:00:00Z".parse()?)?;
/// let request = SubscriptionRequest::new("sub-1", "plannit-sms", "2026-03-01T09:00:00Z".parse()?);
/// let subscription = subscribe_block_plan(&account, &prices, &request, RateTable::builtin())?;
/// let upfront = block_plan_run(&account, &subscription, 0, 0, Some(Decimal::new(92, 2)))?.unwrap();
/// assert_eq!(upfront.key(), "blocks:acc_pl:sub-1:0");
/// assert_eq!(upfront.totals().total_with_vat().to_string(), "30.25");
/// let error = block_plan_run(&account, &subscription, 0, 0, None).unwrap_err();
/// assert_eq!(error.code(), "billing.missing_exchange_rate");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn block_plan_run(
    account: &Account,
    subscription: &BlockSubscription,
    period_index: u32,
    previous_usage: u64,
    eur_rate: Option<Decimal>,
) -> Result<Option<InvoiceDraft>, BillingError> {
    if account.id() != &subscription.account {
        return Err(BillingError::InvalidArgument {
            field: "account",
            value: account.id().to_string(),
            rule: format!(
                "is not the account of subscription {} ({})",
                subscription.id, subscription.account
            )
            .into(),
        });
    }
    let plan = &subscription.plan;
    let period = plan
        .period(period_index)
        .ok_or_else(|| BillingError::InvalidArgument {
            field: "period_index",
            value: period_index.to_string(),
            rule: "is beyond the supported dates".into(),
        })?;
    let items = plan.bill(&period, previous_usage)?;
    if items.is_empty() {
        return Ok(None);
    }
    let zone = plan.zone();
    let language = account.language();
    let days = |item: &BillableItem| {
        let first = zone.localize(item.period_start).date_naive();
        let end = zone.localize(item.period_end).date_naive();
        (first, end.pred_opt().unwrap_or(end))
    };
    let key = format!("blocks:{}:{}:{period_index}", account.id(), subscription.id);
    let draft = draft_of_items(
        &key,
        account,
        &subscription.treatment,
        period.first_day,
        &items,
        eur_rate,
        |item| {
            let (first, last) = days(item);
            match &item.charge {
                Charge::BlockFee { block_size } => {
                    Some(texts::block_fee(*block_size, first, last, language))
                }
                Charge::ExtraBlocks { block_size, usage } => Some(texts::extra_blocks(
                    *block_size,
                    *usage,
                    first,
                    last,
                    language,
                )),
                _ => None,
            }
        },
    )?;
    Ok(Some(draft))
}
