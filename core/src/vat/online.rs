//! The host's online check of a VAT number (VIES): a trait, since envoi never does I/O.

use std::fmt;

use super::number::{VatNumber, VatNumberKind, is_eu_member_state};
use super::treatment::{CustomerKind, OnlineCheck, TreatmentRequest, customer_country};

/// The host's online check of a VAT number, such as the European Commission's VIES service.
///
/// envoi never calls a network service itself: the host implements this trait (or, through the
/// bindings, passes the answer it got) and [`TreatmentRequest::with_online_check_from`] asks it
/// only when the treatment depends on the answer. An unavailable service is not an error of the
/// order: the treatment is then [`TreatmentKind::PendingVerification`](super::TreatmentKind), never a
/// silent reverse charge (SPEC section 7).
///
/// ```
/// use envoi::vat::{OnlineCheck, OnlineCheckUnavailable, OnlineVatCheck, VatNumber};
///
/// /// A stand-in for a VIES client: answers from a list, and is down for Malta.
/// struct Registry;
/// impl OnlineVatCheck for Registry {
///     fn check(&self, number: &VatNumber) -> Result<OnlineCheck, OnlineCheckUnavailable> {
///         if number.country() == "MT" {
///             return Err(OnlineCheckUnavailable::new("MS_UNAVAILABLE"));
///         }
///         Ok(OnlineCheck {
///             valid: number.compact() == "DE136695976",
///             request_id: Some("WAPIAAAAW1Fz5rY0".into()),
///             checked_at: None,
///         })
///     }
/// }
/// let number = VatNumber::parse("DE136695976", None)?;
/// assert_eq!(Registry.check(&number).map(|answer| answer.valid), Ok(true));
/// # Ok::<(), envoi::vat::VatError>(())
/// ```
pub trait OnlineVatCheck {
    /// Asks the service whether `number` (valid offline, a customer number) is a registered VAT
    /// number. `Err` when the service could not answer (timeout, member state unavailable).
    fn check(&self, number: &VatNumber) -> Result<OnlineCheck, OnlineCheckUnavailable>;
}

/// The online check could not answer; the message says why, for the host's logs.
///
/// ```
/// use envoi::vat::OnlineCheckUnavailable;
/// let down = OnlineCheckUnavailable::new("MS_MAX_CONCURRENT_REQ");
/// assert_eq!(down.message(), "MS_MAX_CONCURRENT_REQ");
/// assert_eq!(down.to_string(), "online VAT check unavailable: MS_MAX_CONCURRENT_REQ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineCheckUnavailable {
    message: String,
}

impl OnlineCheckUnavailable {
    /// An unavailable answer with the service's reason.
    pub fn new(message: impl Into<String>) -> Self {
        OnlineCheckUnavailable {
            message: message.into(),
        }
    }

    /// The reason, as the service or the host gave it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for OnlineCheckUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "online VAT check unavailable: {}", self.message)
    }
}

impl std::error::Error for OnlineCheckUnavailable {}

impl TreatmentRequest {
    /// The number whose online check decides the treatment, if one does: a business in another
    /// member state asked for the exemption with a customer number that passes the offline checks.
    /// Otherwise the online answer changes nothing and need not be asked for.
    ///
    /// ```
    /// use envoi::vat::{CustomerKind, ServiceKind, TreatmentRequest};
    ///
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let asked = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Electronic, date)
    ///     .with_vat_number("DE 136 695 976")
    ///     .with_exemption_requested();
    /// assert_eq!(asked.number_to_check_online().map(|n| n.compact().to_owned()), Some("DE136695976".into()));
    /// // Without the exemption, the customer is treated as a consumer whatever the answer.
    /// let not_asked = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Electronic, date)
    ///     .with_vat_number("DE136695976");
    /// assert_eq!(not_asked.number_to_check_online(), None);
    /// ```
    pub fn number_to_check_online(&self) -> Option<VatNumber> {
        if self.customer_kind != CustomerKind::Business || !self.exemption_requested {
            return None;
        }
        let country = customer_country(&self.customer_country).ok()?;
        if country == super::SELLER_COUNTRY || !is_eu_member_state(&country) {
            return None;
        }
        let number = VatNumber::parse(self.vat_number.as_deref()?, Some(&country)).ok()?;
        (number.kind() == VatNumberKind::Customer).then_some(number)
    }

    /// Asks the host's online check when the treatment depends on it
    /// ([`TreatmentRequest::number_to_check_online`]) and records the answer; an unavailable
    /// service records none (the treatment is then pending verification).
    ///
    /// ```
    /// use envoi::vat::{treatment, CustomerKind, OnlineCheck, OnlineCheckUnavailable, OnlineVatCheck, RateTable, ServiceKind, TreatmentKind, TreatmentRequest, VatNumber};
    ///
    /// struct Down;
    /// impl OnlineVatCheck for Down {
    ///     fn check(&self, _: &VatNumber) -> Result<OnlineCheck, OnlineCheckUnavailable> {
    ///         Err(OnlineCheckUnavailable::new("timeout"))
    ///     }
    /// }
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let request = TreatmentRequest::new("DE", CustomerKind::Business, ServiceKind::Electronic, date)
    ///     .with_vat_number("DE136695976")
    ///     .with_exemption_requested()
    ///     .with_online_check_from(&Down);
    /// let decided = treatment(&request, RateTable::builtin())?;
    /// assert_eq!(decided.kind(), TreatmentKind::PendingVerification);
    /// # Ok::<(), envoi::vat::VatError>(())
    /// ```
    pub fn with_online_check_from(mut self, checker: &(impl OnlineVatCheck + ?Sized)) -> Self {
        if let Some(number) = self.number_to_check_online() {
            self.online_check = checker.check(&number).ok();
        }
        self
    }
}
