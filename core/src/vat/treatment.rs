//! Which VAT an order carries: SPEC section 7, decided once at order time.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::VatError;
use super::number::{VatNumber, VatNumberKind, is_eu_member_state};
use super::rates::RateTable;
use crate::error::ErrorCode;
use crate::language::Language;
use crate::time::Instant;

/// The seller's country: envoi's seller is established in Belgium.
pub const SELLER_COUNTRY: &str = "BE";

/// The yearly cross-border EU B2C sales of electronic services above which the customer's member state
/// VAT applies (Article 59c of Directive 2006/112/EC): EUR 10,000.00. "Exceeds" means strictly more.
pub const B2C_THRESHOLD_EUR: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// Whether the customer buys as a business or as a consumer.
///
/// ```
/// use envoi::vat::CustomerKind;
/// assert_eq!("business".parse::<CustomerKind>()?, CustomerKind::Business);
/// assert_eq!(CustomerKind::Consumer.code(), "consumer");
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerKind {
    /// A taxable person (B2B).
    Business,
    /// A private person (B2C).
    Consumer,
}

/// What is sold: the SPEC's **Decision** makes the VAT depend on it.
///
/// ```
/// use envoi::vat::ServiceKind;
/// assert_eq!("letter".parse::<ServiceKind>()?, ServiceKind::Letter);
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// Electronically supplied services: SMS, email, secure email and the credit packs for them.
    Electronic,
    /// Printing and posting letters: the general rule (a consumer anywhere pays Belgian VAT).
    Letter,
}

/// The kind of VAT an order carries.
///
/// ```
/// use envoi::vat::TreatmentKind;
/// assert_eq!(TreatmentKind::ReverseCharge.code(), "reverse_charge");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentKind {
    /// VAT is charged at [`Treatment::rate`] of [`Treatment::vat_country`].
    Charge,
    /// 0%: the customer accounts for the VAT (Article 196 of Directive 2006/112/EC).
    ReverseCharge,
    /// No EU VAT: the place of supply is outside the EU.
    OutOfScope,
    /// The customer asked for the exemption with a number that passes the offline checks, but the online
    /// check (VIES) was unavailable: no VAT treatment can be decided yet, and none is assumed.
    PendingVerification,
}

/// The legal mention an invoice must carry, in the invoice's language.
///
/// ```
/// use envoi::language::Language;
/// use envoi::vat::Mention;
///
/// assert_eq!(Mention::ReverseCharge.text(Language::Fr), "Autoliquidation – article 196 de la directive 2006/112/CE");
/// assert_eq!(Mention::ReverseCharge.code(), "reverse_charge");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mention {
    /// "Reverse charge" (Article 226(11a) of Directive 2006/112/EC), citing Article 196.
    ReverseCharge,
    /// Not subject to EU VAT: the place of supply is outside the EU (Articles 44 and 59 / 58).
    OutOfScope,
}

/// The rule of SPEC section 7 that decided a treatment, for an accountant to audit.
///
/// ```
/// use envoi::vat::Reason;
/// assert_eq!(Reason::BelgianCustomer.code(), "belgian_customer");
/// assert_eq!(Reason::BelgianCustomer.explanation(), "customer in Belgium: Belgian VAT");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The customer is in Belgium (business or consumer).
    BelgianCustomer,
    /// EU business, valid number (offline and online), exemption asked for at order time.
    EuBusinessReverseCharge,
    /// EU business, number valid offline, exemption asked for, online check unavailable.
    EuBusinessOnlineCheckUnavailable,
    /// EU consumer (or a business treated as one) of electronic services, the seller's cross-border B2C
    /// sales exceed EUR 10,000 this year or last year: the customer's member state VAT.
    EuConsumerOverThreshold,
    /// EU consumer (or a business treated as one) of electronic services, cross-border B2C sales at most
    /// EUR 10,000 in both years: Belgian VAT.
    EuConsumerUnderThreshold,
    /// A consumer (or a business treated as one) buying letters: the general rule, Belgian VAT.
    LetterConsumerGeneralRule,
    /// Electronic services to a customer outside the EU (XI included for services): out of scope.
    OutsideEuElectronic,
    /// Letters for a business outside the EU: the general B2B rule puts the supply outside the EU.
    OutsideEuBusinessLetter,
}

/// Why a customer who said they buy as a business is treated as a consumer.
///
/// ```
/// use envoi::vat::TreatedAsConsumer;
/// assert_eq!(TreatedAsConsumer::ExemptionNotRequested.code(), "exemption_not_requested");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatedAsConsumer {
    /// No VAT number given at order time.
    NoVatNumber,
    /// The number fails the offline checks (format, length, check digits, country).
    InvalidOffline,
    /// The number passes offline but the online check (VIES) answered invalid.
    InvalidOnline,
    /// An `EU…`/`IM…` OSS identifier: never a customer VAT number.
    OssNumber,
    /// A valid number, but the exemption was not asked for at order time.
    ExemptionNotRequested,
}

/// The online check's (VIES) answer at order time, as the host got it.
///
/// ```
/// use envoi::vat::OnlineCheck;
/// let answer = OnlineCheck { valid: true, request_id: Some("WAPIAAAAW1Fz5rY0".into()), checked_at: "2026-03-02T10:00:00Z".parse().ok() };
/// assert!(answer.valid);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineCheck {
    /// Whether the service said the number is valid.
    pub valid: bool,
    /// The service's consultation number, kept as evidence.
    pub request_id: Option<String>,
    /// When the host asked, if it kept the time.
    pub checked_at: Option<Instant>,
}

/// What the order's VAT treatment rests on, frozen into the order (SPEC section 7).
///
/// ```
/// use envoi::vat::{treatment, CustomerKind, RateTable, ServiceKind, TreatmentRequest};
///
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let request = TreatmentRequest::new("NL", CustomerKind::Business, ServiceKind::Electronic, date)
///     .with_vat_number("nl 0044.95.445 b01");
/// let decided = treatment(&request, RateTable::builtin())?;
/// let evidence = decided.evidence().expect("a number was given");
/// assert_eq!(evidence.typed, "nl 0044.95.445 b01");
/// assert_eq!(evidence.compact.as_deref(), Some("NL004495445B01"));
/// assert_eq!(evidence.offline_error, None);
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatEvidence {
    /// The number exactly as the customer typed it.
    pub typed: String,
    /// Its compact form, when it could be read.
    pub compact: Option<String>,
    /// `None` when the offline checks pass, else the error code (`vat.bad_check_digit`…).
    pub offline_error: Option<String>,
    /// The online check's answer, if the host made one.
    pub online: Option<OnlineCheck>,
}

/// Everything [`treatment`] needs: who buys what, when, with which number and which sales totals.
///
/// ```
/// use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
///
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let request = TreatmentRequest::new("FR", CustomerKind::Consumer, ServiceKind::Electronic, date)
///     .with_b2c_totals("12500.00".parse().unwrap(), "8000.00".parse().unwrap());
/// assert_eq!(request.customer_country, "FR");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentRequest {
    /// The customer's country (ISO 3166 alpha-2; `GR` is read as `EL`).
    pub customer_country: String,
    /// Business or consumer, as the customer declared.
    pub customer_kind: CustomerKind,
    /// What is sold.
    pub service: ServiceKind,
    /// The day of the supply (the order): the rate in force that day applies.
    pub date: NaiveDate,
    /// The VAT number as typed, if any.
    pub vat_number: Option<String>,
    /// The online check's answer at order time; `None` when it was unavailable or not made.
    pub online_check: Option<OnlineCheck>,
    /// Whether the customer asked for the exemption (reverse charge) when ordering.
    pub exemption_requested: bool,
    /// The seller's cross-border EU B2C sales of electronic services this calendar year, in EUR,
    /// including the supply being priced.
    pub b2c_current_year: Decimal,
    /// The same total for the previous calendar year, in EUR.
    pub b2c_previous_year: Decimal,
}

impl TreatmentRequest {
    /// A request without VAT number, exemption or B2C sales.
    ///
    /// ```
    /// use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let request = TreatmentRequest::new("BE", CustomerKind::Consumer, ServiceKind::Letter, date);
    /// assert!(!request.exemption_requested);
    /// ```
    pub fn new(
        customer_country: impl Into<String>,
        customer_kind: CustomerKind,
        service: ServiceKind,
        date: NaiveDate,
    ) -> Self {
        TreatmentRequest {
            customer_country: customer_country.into(),
            customer_kind,
            service,
            date,
            vat_number: None,
            online_check: None,
            exemption_requested: false,
            b2c_current_year: Decimal::ZERO,
            b2c_previous_year: Decimal::ZERO,
        }
    }

    /// The VAT number as the customer typed it.
    ///
    /// ```
    /// # use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
    /// # let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Letter, date)
    ///     .with_vat_number("DE 136 695 976");
    /// assert_eq!(request.vat_number.as_deref(), Some("DE 136 695 976"));
    /// ```
    pub fn with_vat_number(mut self, typed: impl Into<String>) -> Self {
        self.vat_number = Some(typed.into());
        self
    }

    /// The online check's answer at order time.
    ///
    /// ```
    /// # use envoi::vat::{CustomerKind, OnlineCheck, ServiceKind, TreatmentRequest};
    /// # let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let answer = OnlineCheck { valid: false, request_id: None, checked_at: "2026-01-05T09:00:00Z".parse().ok() };
    /// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Letter, date)
    ///     .with_online_check(answer);
    /// assert!(request.online_check.is_some());
    /// ```
    pub fn with_online_check(mut self, answer: OnlineCheck) -> Self {
        self.online_check = Some(answer);
        self
    }

    /// Records that the customer asked for the exemption (reverse charge) when ordering.
    ///
    /// ```
    /// # use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
    /// # let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Letter, date)
    ///     .with_exemption_requested();
    /// assert!(request.exemption_requested);
    /// ```
    pub fn with_exemption_requested(mut self) -> Self {
        self.exemption_requested = true;
        self
    }

    /// The seller's cross-border EU B2C sales of electronic services this year (including this supply)
    /// and last year, in EUR.
    ///
    /// ```
    /// # use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
    /// # let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    /// let request = TreatmentRequest::new("FR", CustomerKind::Consumer, ServiceKind::Electronic, date)
    ///     .with_b2c_totals("120.00".parse().unwrap(), "10000.01".parse().unwrap());
    /// assert_eq!(request.b2c_previous_year.to_string(), "10000.01");
    /// ```
    pub fn with_b2c_totals(mut self, current_year: Decimal, previous_year: Decimal) -> Self {
        self.b2c_current_year = current_year;
        self.b2c_previous_year = previous_year;
        self
    }
}

/// The VAT an order carries, with the rule that decided it.
///
/// ```
/// use envoi::vat::{treatment, CustomerKind, RateTable, Reason, ServiceKind, TreatmentKind, TreatmentRequest};
///
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let request = TreatmentRequest::new("BE", CustomerKind::Consumer, ServiceKind::Electronic, date);
/// let decided = treatment(&request, RateTable::builtin())?;
/// assert_eq!(decided.kind(), TreatmentKind::Charge);
/// assert_eq!(decided.vat_country(), Some("BE"));
/// assert_eq!(decided.rate(), Some("21".parse().unwrap()));
/// assert_eq!(decided.reason(), Reason::BelgianCustomer);
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Treatment {
    kind: TreatmentKind,
    vat_country: Option<String>,
    rate: Option<Decimal>,
    rate_unverified: bool,
    mention: Option<Mention>,
    reason: Reason,
    treated_as_consumer: Option<TreatedAsConsumer>,
    evidence: Option<VatEvidence>,
}

impl Treatment {
    /// Charge, reverse charge, out of scope or pending verification.
    pub fn kind(&self) -> TreatmentKind {
        self.kind
    }

    /// The member state whose VAT applies (`"EL"` for Greece); `None` when out of scope.
    pub fn vat_country(&self) -> Option<&str> {
        self.vat_country.as_deref()
    }

    /// The VAT rate in percent (`21` for 21%); `0` for reverse charge and out of scope; `None` while
    /// the treatment is pending verification.
    pub fn rate(&self) -> Option<Decimal> {
        self.rate
    }

    /// Whether the rate comes from after the date the rate table was last verified.
    pub fn rate_unverified(&self) -> bool {
        self.rate_unverified
    }

    /// The legal mention the invoice must carry, if any.
    pub fn mention(&self) -> Option<Mention> {
        self.mention
    }

    /// The rule that decided the treatment.
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Why a declared business is treated as a consumer, if it is.
    pub fn treated_as_consumer(&self) -> Option<TreatedAsConsumer> {
        self.treated_as_consumer
    }

    /// The VAT number evidence, when a number was given.
    pub fn evidence(&self) -> Option<&VatEvidence> {
        self.evidence.as_ref()
    }

    /// A request, after the order, to remove the VAT (grant the exemption) on it.
    ///
    /// The exemption can only be asked for when ordering (SPEC section 7): an order already reverse
    /// charged has nothing to remove and is returned unchanged; any other is refused with
    /// `vat.exemption_not_requested_at_order`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::vat::{treatment, CustomerKind, RateTable, ServiceKind, TreatmentRequest};
    ///
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Electronic, date)
    ///     .with_vat_number("DE136695976");
    /// let decided = treatment(&request, RateTable::builtin())?;
    /// let refused = decided.remove_vat_after_order("order-17").unwrap_err();
    /// assert_eq!(refused.code(), "vat.exemption_not_requested_at_order");
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn remove_vat_after_order(&self, order_id: &str) -> Result<&Treatment, VatError> {
        match self.kind {
            TreatmentKind::ReverseCharge => Ok(self),
            _ => Err(VatError::ExemptionNotRequestedAtOrder {
                order_id: order_id.to_owned(),
                treatment: self.to_string(),
            }),
        }
    }
}

impl fmt::Display for Treatment {
    /// As a person reads it: `charge BE 21% (belgian_customer)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.code())?;
        if let Some(country) = &self.vat_country {
            write!(f, " {country}")?;
        }
        if let Some(rate) = self.rate {
            write!(f, " {rate}%")?;
        }
        write!(f, " ({})", self.reason.code())
    }
}

/// Decides the VAT of an order per SPEC section 7, with the rates of `table` on the request's date.
///
/// The seller is in Belgium. In order:
/// 1. a customer in Belgium pays Belgian VAT;
/// 2. a business in another member state with a number valid offline *and* online that asked for the
///    exemption when ordering is reverse charged (0%, with the mention); with the online check
///    unavailable the treatment is [`TreatmentKind::PendingVerification`], never a silent reverse
///    charge;
/// 3. anyone else in another member state is treated as a consumer: letters carry Belgian VAT;
///    electronic services carry the customer's member state VAT when the seller's cross-border B2C
///    sales exceed EUR 10,000.00 this year or last year, else Belgian VAT;
/// 4. outside the EU (and in `XI`, which is outside the EU for services), electronic services are out of
///    scope; letters are out of scope for a business, Belgian VAT for a consumer.
///
/// ```
/// use envoi::vat::{treatment, CustomerKind, OnlineCheck, RateTable, Reason, ServiceKind, TreatmentKind, TreatmentRequest};
///
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let answer = OnlineCheck { valid: true, request_id: Some("WAPIAAAAW1Fz5rY0".into()), checked_at: "2026-03-02T10:00:00Z".parse().ok() };
/// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Electronic, date)
///     .with_vat_number("DE136695976")
///     .with_online_check(answer)
///     .with_exemption_requested();
/// let decided = treatment(&request, RateTable::builtin())?;
/// assert_eq!(decided.kind(), TreatmentKind::ReverseCharge);
/// assert_eq!(decided.rate(), Some(0.into()));
/// assert_eq!(decided.reason(), Reason::EuBusinessReverseCharge);
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
///
/// # Errors
///
/// [`VatError::UnknownCountry`] for a customer country that is not two letters,
/// [`VatError::InvalidAmount`] for a negative B2C total, [`VatError::NoRate`] when the table has no
/// rate for the country on that date. An invalid VAT number is not an error: the customer is treated as
/// a consumer, and the evidence says why.
pub fn treatment(request: &TreatmentRequest, table: &RateTable) -> Result<Treatment, VatError> {
    let country = customer_country(&request.customer_country)?;
    for (field, value) in [
        ("b2c_current_year", request.b2c_current_year),
        ("b2c_previous_year", request.b2c_previous_year),
    ] {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(VatError::InvalidAmount {
                field,
                value: value.to_string(),
                rule: "is negative; a yearly sales total in EUR is zero or more",
            });
        }
    }

    let charge =
        |vat_country: &str, reason: Reason, because: Option<TreatedAsConsumer>, evidence| {
            let rate = table.rate(vat_country, request.date)?;
            Ok(Treatment {
                kind: TreatmentKind::Charge,
                vat_country: Some(vat_country.to_owned()),
                rate: Some(rate.standard()),
                rate_unverified: rate.unverified(),
                mention: None,
                reason,
                treated_as_consumer: because,
                evidence,
            })
        };
    let without_vat = |kind, mention, reason, vat_country: Option<&str>, evidence| Treatment {
        kind,
        vat_country: vat_country.map(str::to_owned),
        rate: (kind != TreatmentKind::PendingVerification).then_some(Decimal::ZERO),
        rate_unverified: false,
        mention,
        reason,
        treated_as_consumer: None,
        evidence,
    };

    if country == SELLER_COUNTRY {
        let evidence = request
            .vat_number
            .as_deref()
            .map(|typed| evidence(typed, &country, request));
        return charge(SELLER_COUNTRY, Reason::BelgianCustomer, None, evidence);
    }

    // A declared business is a business for VAT only with a number valid offline and online, and the
    // exemption asked for at order time; anyone else is treated as a consumer.
    let mut because = None;
    let mut evidence_kept = None;
    if request.customer_kind == CustomerKind::Business {
        match request.vat_number.as_deref() {
            None => because = Some(TreatedAsConsumer::NoVatNumber),
            Some(typed) => {
                let evidence = evidence(typed, &country, request);
                // An OSS id carries its own prefix (`EU…`, `IM…`), never the customer's country.
                let oss = VatNumber::parse(typed, None)
                    .is_ok_and(|number| number.kind() == VatNumberKind::Oss);
                because = if oss {
                    Some(TreatedAsConsumer::OssNumber)
                } else if evidence.offline_error.is_some() {
                    Some(TreatedAsConsumer::InvalidOffline)
                } else if !request.exemption_requested {
                    Some(TreatedAsConsumer::ExemptionNotRequested)
                } else {
                    match &evidence.online {
                        Some(answer) if !answer.valid => Some(TreatedAsConsumer::InvalidOnline),
                        _ => None,
                    }
                };
                if because.is_none() && is_eu_member_state(&country) {
                    return Ok(match evidence.online {
                        Some(_) => without_vat(
                            TreatmentKind::ReverseCharge,
                            Some(Mention::ReverseCharge),
                            Reason::EuBusinessReverseCharge,
                            Some(&country),
                            Some(evidence),
                        ),
                        None => without_vat(
                            TreatmentKind::PendingVerification,
                            None,
                            Reason::EuBusinessOnlineCheckUnavailable,
                            Some(&country),
                            Some(evidence),
                        ),
                    });
                }
                evidence_kept = Some(evidence);
            }
        }
    }

    if !is_eu_member_state(&country) {
        // Outside the EU (XI included for services). A business outside the EU need not show a VAT
        // number: the place of supply of B2B services is the customer's (Article 44).
        let business = request.customer_kind == CustomerKind::Business;
        return match request.service {
            ServiceKind::Electronic => Ok(without_vat(
                TreatmentKind::OutOfScope,
                Some(Mention::OutOfScope),
                Reason::OutsideEuElectronic,
                None,
                evidence_kept,
            )),
            ServiceKind::Letter if business => Ok(without_vat(
                TreatmentKind::OutOfScope,
                Some(Mention::OutOfScope),
                Reason::OutsideEuBusinessLetter,
                None,
                evidence_kept,
            )),
            ServiceKind::Letter => charge(
                SELLER_COUNTRY,
                Reason::LetterConsumerGeneralRule,
                None,
                evidence_kept,
            ),
        };
    }

    match request.service {
        ServiceKind::Letter => charge(
            SELLER_COUNTRY,
            Reason::LetterConsumerGeneralRule,
            because,
            evidence_kept,
        ),
        ServiceKind::Electronic => {
            let over = request.b2c_current_year > B2C_THRESHOLD_EUR
                || request.b2c_previous_year > B2C_THRESHOLD_EUR;
            if over {
                charge(
                    &country,
                    Reason::EuConsumerOverThreshold,
                    because,
                    evidence_kept,
                )
            } else {
                charge(
                    SELLER_COUNTRY,
                    Reason::EuConsumerUnderThreshold,
                    because,
                    evidence_kept,
                )
            }
        }
    }
}

/// The evidence of a typed number: its compact form and offline verdict, with the online answer.
fn evidence(typed: &str, country: &str, request: &TreatmentRequest) -> VatEvidence {
    VatEvidence::of(typed, country, request.online_check.clone())
}

impl VatEvidence {
    /// The evidence of a number as a customer of `country` typed it: its compact form and offline
    /// verdict ([`VatNumber::parse`] with `country` as the hint), with the online check's answer if
    /// the host made one. An invalid number is not an error: the verdict says why.
    ///
    /// ```
    /// use envoi::vat::VatEvidence;
    ///
    /// let valid = VatEvidence::of("BE 0403.170.701", "BE", None);
    /// assert_eq!(valid.compact.as_deref(), Some("BE0403170701"));
    /// assert_eq!(valid.offline_error, None);
    /// let invalid = VatEvidence::of("FR40303265046", "FR", None);
    /// assert_eq!(invalid.offline_error.as_deref(), Some("vat.bad_check_digit"));
    /// ```
    pub fn of(typed: &str, country: &str, online: Option<OnlineCheck>) -> VatEvidence {
        let parsed = VatNumber::parse(typed, Some(country));
        VatEvidence {
            typed: typed.to_owned(),
            compact: parsed
                .as_ref()
                .ok()
                .map(|number| number.compact().to_owned()),
            offline_error: parsed.err().map(|error| error.code().to_owned()),
            online,
        }
    }
}

/// The customer's country in upper case, `GR` read as `EL`.
pub(super) fn customer_country(value: &str) -> Result<String, VatError> {
    let trimmed = value.trim();
    if trimmed.len() != 2 || !trimmed.bytes().all(|byte| byte.is_ascii_alphabetic()) {
        return Err(VatError::UnknownCountry {
            field: "customer_country",
            value: value.to_owned(),
            hint: "; give an ISO 3166 alpha-2 code such as BE, FR or US",
        });
    }
    let upper = trimmed.to_ascii_uppercase();
    Ok(if upper == "GR" {
        "EL".to_owned()
    } else {
        upper
    })
}

macro_rules! codes {
    ($type:ty, $field:literal, $expected:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $type {
            /// The stable snake_case code, as in JSON.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }
        }

        impl FromStr for $type {
            type Err = VatError;

            fn from_str(text: &str) -> Result<Self, VatError> {
                match text {
                    $($code => Ok(Self::$variant),)+
                    _ => Err(VatError::InvalidArgument {
                        field: $field,
                        value: text.to_owned(),
                        expected: $expected,
                    }),
                }
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

codes!(CustomerKind, "customer_kind", "business, consumer", {
    Business => "business",
    Consumer => "consumer",
});
codes!(ServiceKind, "service", "electronic, letter", {
    Electronic => "electronic",
    Letter => "letter",
});
codes!(TreatmentKind, "kind", "charge, reverse_charge, out_of_scope, pending_verification", {
    Charge => "charge",
    ReverseCharge => "reverse_charge",
    OutOfScope => "out_of_scope",
    PendingVerification => "pending_verification",
});
codes!(Mention, "mention", "reverse_charge, out_of_scope", {
    ReverseCharge => "reverse_charge",
    OutOfScope => "out_of_scope",
});
codes!(Reason, "reason", "a reason code", {
    BelgianCustomer => "belgian_customer",
    EuBusinessReverseCharge => "eu_business_reverse_charge",
    EuBusinessOnlineCheckUnavailable => "eu_business_online_check_unavailable",
    EuConsumerOverThreshold => "eu_consumer_over_threshold",
    EuConsumerUnderThreshold => "eu_consumer_under_threshold",
    LetterConsumerGeneralRule => "letter_consumer_general_rule",
    OutsideEuElectronic => "outside_eu_electronic",
    OutsideEuBusinessLetter => "outside_eu_business_letter",
});
codes!(TreatedAsConsumer, "treated_as_consumer", "a reason code", {
    NoVatNumber => "no_vat_number",
    InvalidOffline => "invalid_offline",
    InvalidOnline => "invalid_online",
    OssNumber => "oss_number",
    ExemptionNotRequested => "exemption_not_requested",
});

impl Mention {
    /// The mention's text in an invoice language.
    ///
    /// ```
    /// use envoi::language::Language;
    /// use envoi::vat::Mention;
    /// assert_eq!(Mention::ReverseCharge.text(Language::Nl), "Btw verlegd – artikel 196 van richtlijn 2006/112/EG");
    /// ```
    pub fn text(self, language: Language) -> &'static str {
        match (self, language) {
            (Mention::ReverseCharge, Language::Fr) => {
                "Autoliquidation – article 196 de la directive 2006/112/CE"
            }
            (Mention::ReverseCharge, Language::Nl) => {
                "Btw verlegd – artikel 196 van richtlijn 2006/112/EG"
            }
            (Mention::ReverseCharge, Language::De) => {
                "Steuerschuldnerschaft des Leistungsempfängers – Artikel 196 der Richtlinie 2006/112/EG"
            }
            (Mention::ReverseCharge, Language::En) => {
                "Reverse charge – Article 196 of Directive 2006/112/EC"
            }
            (Mention::OutOfScope, Language::Fr) => {
                "Hors du champ d'application de la TVA de l'UE – lieu de prestation hors de l'UE"
            }
            (Mention::OutOfScope, Language::Nl) => {
                "Buiten het toepassingsgebied van de btw in de EU – plaats van dienst buiten de EU"
            }
            (Mention::OutOfScope, Language::De) => {
                "Nicht im Anwendungsbereich der EU-Mehrwertsteuer – Ort der Leistung außerhalb der EU"
            }
            (Mention::OutOfScope, Language::En) => {
                "Outside the scope of EU VAT – place of supply outside the EU"
            }
        }
    }
}

impl Reason {
    /// What the rule says, for an accountant reading an order.
    pub fn explanation(self) -> &'static str {
        match self {
            Reason::BelgianCustomer => "customer in Belgium: Belgian VAT",
            Reason::EuBusinessReverseCharge => {
                "EU business with a VAT number valid offline and online that asked for the exemption \
                 when ordering: reverse charge"
            }
            Reason::EuBusinessOnlineCheckUnavailable => {
                "EU business asked for the exemption with a number valid offline, but the online check \
                 (VIES) was unavailable: pending verification"
            }
            Reason::EuConsumerOverThreshold => {
                "EU consumer of electronic services, cross-border B2C sales over EUR 10,000 this year \
                 or last year: the customer's member state VAT"
            }
            Reason::EuConsumerUnderThreshold => {
                "EU consumer of electronic services, cross-border B2C sales at most EUR 10,000 this \
                 year and last year: Belgian VAT"
            }
            Reason::LetterConsumerGeneralRule => {
                "letters for a consumer follow the general rule: Belgian VAT"
            }
            Reason::OutsideEuElectronic => {
                "electronic services to a customer outside the EU (XI included): out of scope"
            }
            Reason::OutsideEuBusinessLetter => {
                "letters for a business outside the EU: place of supply outside the EU, out of scope"
            }
        }
    }
}
