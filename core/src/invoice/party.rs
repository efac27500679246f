use serde::{Deserialize, Serialize};

use super::error::{InvoiceError, check_text, excerpt};

/// ISO 3166-1 alpha-2 country codes, and `XI` (Northern Ireland, for VAT).
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL \
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO \
DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM \
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR \
LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL \
NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ \
SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA \
VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XI";

/// The Peppol scheme of Belgian enterprise numbers (KBO/BCE), ISO 6523 ICD 0208.
pub(crate) const ENTERPRISE_NUMBER_SCHEME: &str = "0208";

/// Whether `code` is an ISO 3166-1 alpha-2 code in capitals, or `XI`.
pub(crate) fn is_country(code: &str) -> bool {
    code.len() == 2
        && COUNTRIES
            .split_ascii_whitespace()
            .any(|known| known == code)
}

/// The characters people put between the parts of an identifier.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '-' | '/')
}

fn compact(value: &str) -> String {
    value
        .chars()
        .filter(|&c| !is_separator(c))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A Belgian enterprise number (KBO/BCE) in its compact form of 10 digits, from the forms people
/// type (`0403.170.701`, `BE 0403 170 701`, the old 9 digits `403170701`).
fn compact_enterprise_number(field: &str, value: &str) -> Result<String, InvoiceError> {
    let invalid = |rule| InvoiceError::InvalidIdentifier {
        field: field.to_owned(),
        value: excerpt(value),
        rule,
    };
    let compact = compact(value);
    let digits = compact.strip_prefix("BE").unwrap_or(&compact);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            "is not a Belgian enterprise number; it has 10 digits, such as 0403.170.701",
        ));
    }
    let digits = match digits.len() {
        9 => format!("0{digits}"),
        10 => digits.to_owned(),
        _ => {
            return Err(invalid(
                "does not have 10 digits; a Belgian enterprise number has 10, such as 0403.170.701",
            ));
        }
    };
    if !digits.starts_with(['0', '1']) {
        return Err(invalid(
            "does not start with 0 or 1, as Belgian enterprise numbers do",
        ));
    }
    let (body, check) = digits.split_at(8);
    let body: u32 = body.parse().map_err(|_| invalid("is not numeric"))?;
    let check: u32 = check.parse().map_err(|_| invalid("is not numeric"))?;
    if 97 - body % 97 != check {
        return Err(invalid(
            "fails the check digits (97 - the first 8 digits mod 97 must equal the last 2)",
        ));
    }
    Ok(digits)
}

/// A Peppol electronic address (EN 16931 BT-34 / BT-49): a scheme from the Peppol EAS code list and
/// an identifier in it.
///
/// A party with a Belgian enterprise number has the endpoint `0208` + that number without being
/// given one; other parties (a German or American business) are given theirs with
/// [`Party::with_endpoint`].
///
/// ```
/// use envoi::invoice::Endpoint;
///
/// let endpoint = Endpoint::new("0208", "0403.170.701")?;
/// assert_eq!((endpoint.scheme(), endpoint.id()), ("0208", "0403170701"));
/// let german = Endpoint::new("9930", "DE136695976")?;
/// assert_eq!(german.id(), "DE136695976");
/// assert!(Endpoint::new("EM", "billing@example.com").is_err()); // schemes are 4 digits
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "EndpointData")]
pub struct Endpoint {
    scheme: String,
    id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointData {
    scheme: String,
    id: String,
}

impl TryFrom<EndpointData> for Endpoint {
    type Error = InvoiceError;

    fn try_from(data: EndpointData) -> Result<Self, Self::Error> {
        Endpoint::new(&data.scheme, &data.id)
    }
}

impl Endpoint {
    /// An endpoint: `scheme` is a 4-digit code of the Peppol EAS list (`0208` Belgian enterprise
    /// number, `9930` German VAT number, `0060` DUNS, `0088` GLN…), `id` the identifier in it
    /// (1 to 100 characters, no spaces). A `0208` identifier is checked and compacted as an
    /// enterprise number.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidIdentifier`] for a scheme that is not 4 digits, a blank identifier, one
    /// with spaces or control characters or longer than 100 characters, or a `0208` identifier that
    /// is not a valid enterprise number.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::Endpoint;
    /// assert_eq!(Endpoint::new("0208", "0403170702").unwrap_err().code(), "invoice.invalid_identifier");
    /// ```
    pub fn new(scheme: &str, id: &str) -> Result<Endpoint, InvoiceError> {
        if scheme.len() != 4 || !scheme.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvoiceError::InvalidIdentifier {
                field: "endpoint.scheme".into(),
                value: excerpt(scheme),
                rule: "is not a Peppol EAS scheme; schemes are 4 digits, such as 0208 (Belgian enterprise number)",
            });
        }
        if scheme == ENTERPRISE_NUMBER_SCHEME {
            return Ok(Endpoint {
                scheme: scheme.to_owned(),
                id: compact_enterprise_number("endpoint.id", id)?,
            });
        }
        let id = id.trim();
        if id.is_empty() || id.chars().count() > 100 || id.chars().any(char::is_whitespace) {
            return Err(InvoiceError::InvalidIdentifier {
                field: "endpoint.id".into(),
                value: excerpt(id),
                rule: "is not an endpoint identifier; it has 1 to 100 characters and no spaces",
            });
        }
        check_text("endpoint.id", id)?;
        Ok(Endpoint {
            scheme: scheme.to_owned(),
            id: id.to_owned(),
        })
    }

    /// The EAS scheme (`0208`).
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Endpoint::new("0088", "5412345000013")?.scheme(), "0088");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The identifier in the scheme.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Endpoint::new("0088", "5412345000013")?.id(), "5412345000013");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The seller or the customer of an invoice: legal name, country, postal address, VAT number and
/// Belgian enterprise number (KBO/BCE, which is also its Peppol endpoint, scheme `0208`).
///
/// Identifiers are kept compact: `BE0403170701`, `0403170701`. The VAT number is checked for its form
/// (a country prefix and 2 to 13 letters or digits), not its check digits: validate it with the
/// [`vat`](crate::vat) module first.
///
/// Its JSON form names every field (`null` when absent); reading it checks the same rules as the
/// builder methods.
///
/// ```
/// use envoi::invoice::Party;
///
/// let seller = Party::new("Envoi SA", "be")?
///     .with_address("Rue de la Loi 16", "Bruxelles", "1000")?
///     .with_vat_number("BE 0403.170.701")?
///     .with_enterprise_number("0403.170.701")?;
/// assert_eq!(seller.country(), "BE");
/// assert_eq!(seller.vat_number(), Some("BE0403170701"));
/// let endpoint = seller.endpoint().unwrap();
/// assert_eq!((endpoint.scheme(), endpoint.id()), ("0208", "0403170701"));
/// # Ok::<(), envoi::invoice::InvoiceError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PartyData")]
pub struct Party {
    name: String,
    country: String,
    street: Option<String>,
    city: Option<String>,
    postal_code: Option<String>,
    vat_number: Option<String>,
    enterprise_number: Option<String>,
    endpoint: Option<Endpoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyData {
    name: String,
    country: String,
    #[serde(default)]
    street: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    postal_code: Option<String>,
    #[serde(default)]
    vat_number: Option<String>,
    #[serde(default)]
    enterprise_number: Option<String>,
    #[serde(default)]
    endpoint: Option<Endpoint>,
}

impl TryFrom<PartyData> for Party {
    type Error = InvoiceError;

    fn try_from(data: PartyData) -> Result<Self, Self::Error> {
        let mut party = Party::new(data.name, &data.country)?;
        if data.street.is_some() || data.city.is_some() || data.postal_code.is_some() {
            party = party.with_address(
                data.street.unwrap_or_default(),
                data.city.unwrap_or_default(),
                data.postal_code.unwrap_or_default(),
            )?;
        }
        if let Some(number) = data.vat_number {
            party = party.with_vat_number(&number)?;
        }
        if let Some(number) = data.enterprise_number {
            party = party.with_enterprise_number(&number)?;
        }
        if let Some(endpoint) = data.endpoint {
            party = party.with_endpoint(endpoint.scheme(), endpoint.id())?;
        }
        Ok(party)
    }
}

impl Party {
    /// A party with its legal name (EN 16931 BT-27 / BT-44) and its country, an ISO 3166-1
    /// alpha-2 code in any case (`be`, `DE`, `US`; `XI` for Northern Ireland).
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank name, [`InvoiceError::InvalidIdentifier`] for a
    /// country that is not an ISO 3166-1 alpha-2 code (`EL` is Greece's VAT prefix, not its country
    /// code: use `GR`).
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::Party;
    /// assert_eq!(Party::new("Acme Inc.", "us")?.country(), "US");
    /// assert_eq!(Party::new("Acme", "EL").unwrap_err().code(), "invoice.invalid_identifier");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn new(name: impl Into<String>, country: &str) -> Result<Party, InvoiceError> {
        let name = name.into();
        check_text("name", &name)?;
        let code = country.trim().to_ascii_uppercase();
        if !is_country(&code) {
            return Err(InvoiceError::InvalidIdentifier {
                field: "country".into(),
                value: excerpt(country),
                rule: "is not an ISO 3166-1 alpha-2 country code (such as BE, DE, US; GR for Greece)",
            });
        }
        Ok(Party {
            name,
            country: code,
            street: None,
            city: None,
            postal_code: None,
            vat_number: None,
            enterprise_number: None,
            endpoint: None,
        })
    }

    /// The same party with a postal address (BG-5 / BG-8). The postal code may be empty, for the
    /// countries that have none.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidText`] for a blank street or city, or control characters in any part.
    ///
    /// ```
    /// use envoi::invoice::Party;
    /// let party = Party::new("Acme GmbH", "DE")?.with_address("Unter den Linden 1", "Berlin", "10117")?;
    /// assert_eq!(party.city(), Some("Berlin"));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_address(
        self,
        street: impl Into<String>,
        city: impl Into<String>,
        postal_code: impl Into<String>,
    ) -> Result<Party, InvoiceError> {
        let (street, city, postal_code) = (street.into(), city.into(), postal_code.into());
        check_text("street", &street)?;
        check_text("city", &city)?;
        let postal_code = if postal_code.trim().is_empty() {
            None
        } else {
            check_text("postal_code", &postal_code)?;
            Some(postal_code)
        };
        Ok(Party {
            street: Some(street),
            city: Some(city),
            postal_code,
            ..self
        })
    }

    /// The same party with a VAT number (BT-31 / BT-48), kept compact and upper case
    /// (`be 0403.170.701` → `BE0403170701`). For a Belgian number, the party's enterprise number (if
    /// given) must be the same digits.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidIdentifier`] for a number without a two-letter country prefix (`EL`
    /// for Greece), with other characters than letters and digits, or with fewer than 2 or more
    /// than 13 characters after the prefix; for an OSS identifier (`EU…`, `IM…`), which is not a
    /// customer's VAT number; and for a Belgian number that differs from the enterprise number.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::Party;
    /// let customer = Party::new("Kunde GmbH", "DE")?.with_vat_number("DE 136 695 976")?;
    /// assert_eq!(customer.vat_number(), Some("DE136695976"));
    /// let error = Party::new("X", "DE")?.with_vat_number("136695976").unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_identifier");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_vat_number(self, vat_number: &str) -> Result<Party, InvoiceError> {
        let invalid = |rule| InvoiceError::InvalidIdentifier {
            field: "vat_number".into(),
            value: excerpt(vat_number),
            rule,
        };
        let compact = compact(vat_number);
        let Some((prefix, rest)) = compact.split_at_checked(2) else {
            return Err(invalid(
                "is too short; a VAT number is a country prefix and 2 to 13 letters or digits",
            ));
        };
        if prefix == "EU" || prefix == "IM" {
            return Err(invalid(
                "is an OSS identifier, not a VAT number a party is identified by",
            ));
        }
        if !(prefix == "EL" || is_country(prefix)) {
            return Err(invalid(
                "does not start with a country prefix (ISO 3166-1 alpha-2, or EL for Greece)",
            ));
        }
        if !(2..=13).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(invalid(
                "is not a VAT number; after the country prefix come 2 to 13 letters or digits",
            ));
        }
        let belgian_digits = compact.strip_prefix("BE");
        if self.enterprise_number.is_some()
            && belgian_digits.is_some()
            && self.enterprise_number.as_deref() != belgian_digits
        {
            return Err(invalid(
                "differs from the enterprise number; a Belgian VAT number is BE + the enterprise number",
            ));
        }
        Ok(Party {
            vat_number: Some(compact),
            ..self
        })
    }

    /// The same party with a Belgian enterprise number (KBO/BCE, BT-30 / BT-47 with scheme `0208`),
    /// kept as 10 digits (`0403.170.701` → `0403170701`; the old 9-digit form gets its leading 0).
    /// It is also the party's Peppol endpoint unless [`with_endpoint`](Self::with_endpoint) gives
    /// another.
    ///
    /// # Errors
    /// [`InvoiceError::InvalidIdentifier`] for a number that does not have 10 digits, does not start
    /// with 0 or 1, or fails its check digits (97 − the first 8 digits mod 97); and for one that
    /// differs from the party's Belgian VAT number.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::invoice::Party;
    /// let party = Party::new("Envoi SA", "BE")?.with_enterprise_number("BE 0403.170.701")?;
    /// assert_eq!(party.enterprise_number(), Some("0403170701"));
    /// let error = Party::new("Envoi SA", "BE")?.with_enterprise_number("0403.170.702").unwrap_err();
    /// assert_eq!(error.code(), "invoice.invalid_identifier");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_enterprise_number(self, enterprise_number: &str) -> Result<Party, InvoiceError> {
        let digits = compact_enterprise_number("enterprise_number", enterprise_number)?;
        let vat_digits = self
            .vat_number
            .as_deref()
            .and_then(|vat| vat.strip_prefix("BE"));
        if vat_digits.is_some_and(|vat_digits| vat_digits != digits) {
            return Err(InvoiceError::InvalidIdentifier {
                field: "enterprise_number".into(),
                value: excerpt(enterprise_number),
                rule: "differs from the Belgian VAT number; a Belgian VAT number is BE + the enterprise number",
            });
        }
        Ok(Party {
            enterprise_number: Some(digits),
            ..self
        })
    }

    /// The same party with an explicit Peppol endpoint (see [`Endpoint::new`]), for a party without a
    /// Belgian enterprise number or one that receives e-invoices elsewhere.
    ///
    /// # Errors
    /// As [`Endpoint::new`].
    ///
    /// ```
    /// use envoi::invoice::Party;
    /// let customer = Party::new("Kunde GmbH", "DE")?.with_endpoint("9930", "DE136695976")?;
    /// assert_eq!(customer.endpoint().map(|e| e.scheme().to_owned()), Some("9930".to_owned()));
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn with_endpoint(self, scheme: &str, id: &str) -> Result<Party, InvoiceError> {
        Ok(Party {
            endpoint: Some(Endpoint::new(scheme, id)?),
            ..self
        })
    }

    /// The same party without a VAT number (an account whose number turned out invalid).
    pub(crate) fn without_vat_number(self) -> Party {
        Party {
            vat_number: None,
            ..self
        }
    }

    /// The legal name.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "BE")?.name(), "Acme");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The country, ISO 3166-1 alpha-2, upper case.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "nl")?.country(), "NL");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The street and number, if an address was given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "BE")?.street(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn street(&self) -> Option<&str> {
        self.street.as_deref()
    }

    /// The city, if an address was given.
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "BE")?.city(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn city(&self) -> Option<&str> {
        self.city.as_deref()
    }

    /// The postal code, if the address has one.
    ///
    /// ```
    /// let party = envoi::invoice::Party::new("Acme", "IE")?.with_address("1 Main St", "Cork", "")?;
    /// assert_eq!(party.postal_code(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn postal_code(&self) -> Option<&str> {
        self.postal_code.as_deref()
    }

    /// The VAT number, compact (`BE0403170701`).
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "BE")?.vat_number(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn vat_number(&self) -> Option<&str> {
        self.vat_number.as_deref()
    }

    /// The Belgian enterprise number, 10 digits (`0403170701`).
    ///
    /// ```
    /// assert_eq!(envoi::invoice::Party::new("Acme", "BE")?.enterprise_number(), None);
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn enterprise_number(&self) -> Option<&str> {
        self.enterprise_number.as_deref()
    }

    /// The Peppol endpoint: the one given with [`with_endpoint`](Self::with_endpoint), else `0208` +
    /// the enterprise number, else none.
    ///
    /// ```
    /// let party = envoi::invoice::Party::new("Acme", "BE")?.with_enterprise_number("0403170701")?;
    /// assert_eq!(party.endpoint().unwrap().id(), "0403170701");
    /// # Ok::<(), envoi::invoice::InvoiceError>(())
    /// ```
    pub fn endpoint(&self) -> Option<Endpoint> {
        self.endpoint.clone().or_else(|| {
            self.enterprise_number.as_ref().map(|number| Endpoint {
                scheme: ENTERPRISE_NUMBER_SCHEME.to_owned(),
                id: number.clone(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn enterprise_numbers_are_compacted_and_checked() {
        for typed in [
            "0403170701",
            "0403.170.701",
            "BE 0403 170 701",
            "be0403-170-701",
            "403170701",
        ] {
            assert_eq!(
                compact_enterprise_number("enterprise_number", typed).unwrap(),
                "0403170701",
                "{typed}"
            );
        }
        for bad in [
            "0403170702",
            "2403170701",
            "04031707",
            "04031707011",
            "0403l70701",
            "",
        ] {
            let error = compact_enterprise_number("enterprise_number", bad).unwrap_err();
            assert_eq!(error.code(), "invoice.invalid_identifier", "{bad}");
            assert!(
                error.to_string().starts_with("enterprise_number: "),
                "{error}"
            );
        }
    }

    #[test]
    fn countries_are_iso_codes() {
        assert!(is_country("BE") && is_country("XI") && is_country("GR"));
        assert!(!is_country("EL") && !is_country("EU") && !is_country("B"));
        assert_eq!(COUNTRIES.split_ascii_whitespace().count(), 250);
    }

    #[test]
    fn vat_numbers_need_a_country_prefix_and_match_the_enterprise_number() {
        let party = Party::new("Acme", "BE").unwrap();
        assert_eq!(
            party
                .clone()
                .with_vat_number("el 094014201")
                .unwrap()
                .vat_number(),
            Some("EL094014201")
        );
        for bad in ["", "B", "BE", "ZZ123456", "EU372000041", "BE04031707011234"] {
            assert!(party.clone().with_vat_number(bad).is_err(), "{bad}");
        }
        let with_number = party.with_enterprise_number("0403170701").unwrap();
        assert!(with_number.clone().with_vat_number("BE0403170701").is_ok());
        let error = with_number.with_vat_number("BE0202239951").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("differs from the enterprise number"),
            "{error}"
        );
        let error = Party::new("Acme", "BE")
            .unwrap()
            .with_vat_number("BE0202239951")
            .unwrap()
            .with_enterprise_number("0403170701")
            .unwrap_err();
        assert!(error.to_string().contains("differs"), "{error}");
    }

    #[test]
    fn party_json_round_trips_and_is_checked() {
        let party = Party::new("Acme <&> SA", "BE")
            .unwrap()
            .with_address("Rue 1", "Liège", "4000")
            .unwrap()
            .with_enterprise_number("0403170701")
            .unwrap();
        let json = serde_json::to_string(&party).unwrap();
        assert_eq!(serde_json::from_str::<Party>(&json).unwrap(), party);
        let bad = json.replace("0403170701", "0403170702");
        let error = serde_json::from_str::<Party>(&bad).unwrap_err();
        assert!(error.to_string().contains("check digits"), "{error}");
        let minimal: Party = serde_json::from_str(r#"{"name":"X","country":"us"}"#).unwrap();
        assert_eq!(minimal.country(), "US");
        assert!(serde_json::from_str::<Party>(r#"{"name":"X","country":"US","vat":"1"}"#).is_err());
    }

    #[test]
    fn endpoints() {
        assert!(Endpoint::new("9930", "DE 136").is_err());
        assert!(Endpoint::new("99301", "DE136").is_err());
        assert!(Endpoint::new("0060", "").is_err());
        assert_eq!(
            Endpoint::new("0060", " 123456789 ").unwrap().id(),
            "123456789"
        );
    }
}
