//! Postage: which service a letter is sent with, and the rules each one has.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::country::Country;
use super::error::PostError;
use super::letter::Letter;

/// The postage of a letter.
///
/// - `Prior`: next business day in Belgium (D+1). A `Prior` letter to an address abroad goes as
///   `PriorInternational`, so national and international addresses mix in one job (see
///   [`Postage::applied_to`]).
/// - `NonPrior`: preferential rate, D+3, Belgian addresses only (SPEC **Decision**).
/// - `Registered`: D+1, Belgian addresses only, needs a return address, may ask for an
///   acknowledgement of receipt; it gets a barcode (see [`BarcodeRange`](super::BarcodeRange)).
/// - `Rp`: registered mail reserved to administrations, never available here
///   (`post.rp_not_available`); administrations send `Registered`.
/// - `PriorInternational`: addresses outside Belgium, a per-country range of business days.
///
/// ```
/// use envoi::post::Postage;
/// assert_eq!(serde_json::to_string(&Postage::NonPrior)?, "\"non_prior\"");
/// assert_eq!(serde_json::from_str::<Postage>("\"prior_international\"")?, Postage::PriorInternational);
/// assert_eq!(Postage::Registered.national_business_days(), Some(1));
/// assert_eq!(Postage::NonPrior.national_business_days(), Some(3));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Postage {
    /// Prior (national; abroad it is applied as `PriorInternational`).
    Prior,
    /// Non-prior, the preferential rate (national only).
    NonPrior,
    /// Registered mail (national only).
    Registered,
    /// "RP", registered mail reserved to administrations: never available.
    Rp,
    /// Prior international.
    PriorInternational,
}

impl Postage {
    /// Every postage.
    pub const ALL: [Postage; 5] = [
        Postage::Prior,
        Postage::NonPrior,
        Postage::Registered,
        Postage::Rp,
        Postage::PriorInternational,
    ];

    /// The name in JSON and in the bindings: `"prior"`, `"non_prior"`, `"registered"`, `"rp"` or
    /// `"prior_international"`.
    ///
    /// ```
    /// assert_eq!(envoi::post::Postage::Rp.code(), "rp");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Postage::Prior => "prior",
            Postage::NonPrior => "non_prior",
            Postage::Registered => "registered",
            Postage::Rp => "rp",
            Postage::PriorInternational => "prior_international",
        }
    }

    /// The business days from handover to delivery in Belgium (D+n): 1 for prior and registered,
    /// 3 for non-prior; `None` for prior international (a per-country range in the post data) and
    /// RP.
    ///
    /// ```
    /// use envoi::post::Postage;
    /// assert_eq!(Postage::Prior.national_business_days(), Some(1));
    /// assert_eq!(Postage::PriorInternational.national_business_days(), None);
    /// ```
    pub fn national_business_days(self) -> Option<u32> {
        match self {
            Postage::Prior | Postage::Registered => Some(1),
            Postage::NonPrior => Some(3),
            Postage::Rp | Postage::PriorInternational => None,
        }
    }

    /// The rules of a letter's postage that do not depend on the recipient: RP is never available,
    /// registered mail needs a return address (a non-blank line), an acknowledgement of receipt is
    /// for registered mail only.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Document, Letter, Postage};
    ///
    /// let mut letter = Letter::new(vec![Document::a4(1)], Postage::Registered);
    /// assert_eq!(Postage::check_letter(&letter).unwrap_err().code(), "post.return_address_required");
    /// letter.return_address = Some(vec!["Envoi SA".into(), "Rue de la Loi 16".into(), "1000 Bruxelles".into()]);
    /// letter.acknowledgement = true;
    /// assert!(Postage::check_letter(&letter).is_ok());
    /// letter.postage = Postage::Prior;
    /// assert_eq!(Postage::check_letter(&letter).unwrap_err().code(), "post.acknowledgement_registered_only");
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::RpNotAvailable`], [`PostError::ReturnAddressRequired`],
    /// [`PostError::AcknowledgementRegisteredOnly`].
    pub fn check_letter(letter: &Letter) -> Result<(), PostError> {
        match letter.postage {
            Postage::Rp => return Err(PostError::RpNotAvailable),
            Postage::Registered => {
                let has_line = letter
                    .return_address
                    .iter()
                    .flatten()
                    .any(|line| !line.trim().is_empty());
                if !has_line {
                    return Err(PostError::ReturnAddressRequired);
                }
            }
            _ if letter.acknowledgement => {
                return Err(PostError::AcknowledgementRegisteredOnly {
                    postage: letter.postage,
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// The postage a letter is sent with to `country`, after the rules that depend on the
    /// destination: registered and non-prior go to Belgium only, prior international abroad only,
    /// and prior to an address abroad is sent prior international. RP is never available.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Country, Postage};
    ///
    /// let netherlands = Country::from_code("NL").unwrap();
    /// assert_eq!(Postage::Prior.applied_to(netherlands)?, Postage::PriorInternational);
    /// assert_eq!(Postage::Prior.applied_to(Country::BELGIUM)?, Postage::Prior);
    /// assert_eq!(Postage::Registered.applied_to(netherlands).unwrap_err().code(), "post.registered_national_only");
    /// assert_eq!(Postage::NonPrior.applied_to(netherlands).unwrap_err().code(), "post.non_prior_national_only");
    /// assert_eq!(
    ///     Postage::PriorInternational.applied_to(Country::BELGIUM).unwrap_err().code(),
    ///     "post.prior_international_abroad_only"
    /// );
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::RpNotAvailable`], [`PostError::RegisteredNationalOnly`],
    /// [`PostError::NonPriorNationalOnly`], [`PostError::PriorInternationalAbroadOnly`].
    pub fn applied_to(self, country: Country) -> Result<Postage, PostError> {
        let national = country == Country::BELGIUM;
        match (self, national) {
            (Postage::Rp, _) => Err(PostError::RpNotAvailable),
            (Postage::Registered, false) => Err(PostError::RegisteredNationalOnly { country }),
            (Postage::NonPrior, false) => Err(PostError::NonPriorNationalOnly { country }),
            (Postage::PriorInternational, true) => Err(PostError::PriorInternationalAbroadOnly),
            (Postage::Prior, false) => Ok(Postage::PriorInternational),
            (postage, _) => Ok(postage),
        }
    }
}

impl fmt::Display for Postage {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}
