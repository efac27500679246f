//! The post's data: formats, envelope weights, weight bands and international delivery times.
//!
//! The built-in data is the file `postage.json` beside this module, embedded in the crate and
//! parsed once, at first use. Its header (`about`) states what it holds, and every entry its basis
//! (sourced, partly assumed or assumed) and sources. A host that knows better figures loads data in
//! the same format with [`PostData::from_json`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::country::Country;
use super::error::PostError;
use super::letter::{Envelope, Format};

/// The built-in data file (see the module documentation).
const BUILTIN_JSON: &str = include_str!("postage.json");

/// The built-in data, parsed and checked once. A test (`builtin_data_is_valid`) keeps the file valid,
/// so the panic below can only follow an edit of `postage.json` that was never tested.
static BUILTIN: LazyLock<PostData> = LazyLock::new(|| match PostData::from_json(BUILTIN_JSON) {
    Ok(data) => data,
    Err(error) => panic!("the built-in post data core/src/post/postage.json is invalid: {error}"),
});

/// The longest delivery time data may state, in business days.
const MAX_DELIVERY_BUSINESS_DAYS: u32 = 60;

/// Where a letter goes, for its weight bands: Belgium, or abroad.
///
/// ```
/// use envoi::post::{Country, PostalZone};
/// assert_eq!(PostalZone::of(Country::BELGIUM), PostalZone::National);
/// assert_eq!(serde_json::to_string(&PostalZone::International)?, "\"international\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostalZone {
    /// A Belgian address.
    National,
    /// An address abroad.
    International,
}

impl PostalZone {
    /// The zone of a destination country.
    ///
    /// ```
    /// use envoi::post::{Country, PostalZone};
    /// assert_eq!(PostalZone::of(Country::from_code("FR").unwrap()), PostalZone::International);
    /// ```
    pub fn of(country: Country) -> PostalZone {
        if country == Country::BELGIUM {
            PostalZone::National
        } else {
            PostalZone::International
        }
    }
}

impl fmt::Display for PostalZone {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            PostalZone::National => "national",
            PostalZone::International => "international",
        })
    }
}

/// The weight band of a letter's postage: its zone, its format and the band's upper bound.
///
/// ```
/// use envoi::post::{Format, PostData, PostalZone};
/// use rust_decimal::Decimal;
///
/// let band = PostData::builtin().weight_band(PostalZone::National, Format::Large, Decimal::new(1403, 1))?;
/// assert_eq!(band.up_to_grams, 350);
/// assert_eq!(
///     serde_json::to_string(&band).unwrap(),
///     r#"{"zone":"national","format":"large","up_to_grams":350}"#
/// );
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeightBand {
    /// National or international.
    pub zone: PostalZone,
    /// Small or large format.
    pub format: Format,
    /// The band holds letters up to this weight in grams (inclusive).
    pub up_to_grams: u32,
}

/// A number of business days from handover to delivery, from the earliest to the latest (both
/// inclusive): the delivery time of prior international letters to a destination.
///
/// ```
/// use envoi::post::{BusinessDayRange, Country, PostData};
/// let germany = PostData::builtin().international_delivery(Country::from_code("DE").unwrap())?;
/// assert_eq!(germany, BusinessDayRange { from: 3, to: 5 });
/// assert_eq!(serde_json::to_string(&germany).unwrap(), r#"{"from":3,"to":5}"#);
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessDayRange {
    /// The earliest delivery, in business days after handover (D+from).
    pub from: u32,
    /// The latest delivery, in business days after handover (D+to).
    pub to: u32,
}

/// The post's data: the limits of each format, the weight of each envelope, the weight bands of the
/// postage and the delivery time of prior international letters per destination.
///
/// The built-in data ([`PostData::builtin`]) is `core/src/post/postage.json`, checked on the day
/// [`verified_on`](Self::verified_on) returns; each of its entries says what is sourced and what is
/// assumed. A host that knows better figures (its printer's envelope weights, delivery times to more
/// countries) loads data in the same format with [`from_json`](Self::from_json), checked by the same
/// rules. A destination without a delivery time is an error ([`PostError::NoDeliveryData`]), never a
/// guess.
///
/// ```
/// use envoi::post::{Country, Envelope, PostData};
/// use rust_decimal::Decimal;
///
/// let data = PostData::builtin();
/// assert_eq!(data.envelope_grams(Envelope::C4), Decimal::from(16));
/// assert!(data.international_delivery(Country::from_code("US").unwrap()).is_err());
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostData {
    verified_on: NaiveDate,
    /// Per format, the heaviest letter.
    max_grams: BTreeMap<Format, u32>,
    /// Per envelope, its weight in grams.
    envelope_grams: BTreeMap<Envelope, Decimal>,
    /// Per zone and format, the bands' upper bounds, lightest first.
    bands: BTreeMap<(PostalZone, Format), Vec<u32>>,
    /// Per destination, the delivery time of prior international letters.
    delivery: BTreeMap<Country, BusinessDayRange>,
}

impl PostData {
    /// The built-in data (the crate's `postage.json`), parsed once.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::post::PostData;
    /// assert_eq!(PostData::builtin().verified_on(), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    /// ```
    pub fn builtin() -> &'static PostData {
        &BUILTIN
    }

    /// Reads data in the JSON format of the built-in file, and checks it.
    ///
    /// The rules (each refusal is a [`PostError::InvalidData`] naming the field, the value and the
    /// rule): the JSON is well formed with no unknown field; source ids are unique and every entry
    /// names known ones, at least one unless its basis is `assumed`, and an entry not wholly
    /// `sourced` has a note saying what is assumed; each format and each envelope appears once; an
    /// envelope weighs more than 0 and less than 1000 g (a decimal string) and its size makes it the
    /// format SPEC section 9 says (US small, C5 and C4 large: the smallest format whose limits hold
    /// it); each zone and format has one list of band bounds, rising, ending at the format's
    /// `max_grams`; a delivery time is 1 to 60 business days with `from <= to`; destinations are ISO
    /// 3166-1 alpha-2 codes, never Belgium, each in one group at most.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{PostData, PostError};
    ///
    /// let text = PostData::builtin_json();
    /// assert_eq!(&PostData::from_json(text)?, PostData::builtin());
    ///
    /// let error = PostData::from_json(&text.replacen("\"grams\": \"5\"", "\"grams\": \"0\"", 1)).unwrap_err();
    /// assert_eq!(error.code(), "post.invalid_data");
    /// assert!(matches!(&error, PostError::InvalidData { field, .. } if field == "envelopes[0].grams"));
    /// # Ok::<(), PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::InvalidData`].
    pub fn from_json(text: &str) -> Result<PostData, PostError> {
        let raw: DataJson = serde_json::from_str(text).map_err(|error| PostError::InvalidData {
            field: format!("line {} column {}", error.line(), error.column()),
            value: String::new(),
            rule: error.to_string(),
        })?;
        raw.check()
    }

    /// The text of the built-in data file, `postage.json`: a starting point for a host's own data.
    ///
    /// ```
    /// assert!(envoi::post::PostData::builtin_json().contains("\"international_delivery\""));
    /// ```
    pub fn builtin_json() -> &'static str {
        BUILTIN_JSON
    }

    /// The day the data was last checked against its sources.
    ///
    /// ```
    /// assert!(envoi::post::PostData::builtin().verified_on().to_string().starts_with("20"));
    /// ```
    pub fn verified_on(&self) -> NaiveDate {
        self.verified_on
    }

    /// The weight of an envelope, in grams.
    ///
    /// ```
    /// use envoi::post::{Envelope, PostData};
    /// use rust_decimal::Decimal;
    /// assert_eq!(PostData::builtin().envelope_grams(Envelope::Us), Decimal::from(5));
    /// ```
    pub fn envelope_grams(&self, envelope: Envelope) -> Decimal {
        // A checked table has every envelope.
        self.envelope_grams
            .get(&envelope)
            .copied()
            .unwrap_or_default()
    }

    /// The heaviest letter of a format, in grams.
    ///
    /// ```
    /// use envoi::post::{Format, PostData};
    /// assert_eq!(PostData::builtin().max_grams(Format::Small), 50);
    /// assert_eq!(PostData::builtin().max_grams(Format::Large), 2000);
    /// ```
    pub fn max_grams(&self, format: Format) -> u32 {
        self.max_grams.get(&format).copied().unwrap_or_default()
    }

    /// Fails when a letter of `format` weighing `weight_grams` is heavier than the format allows.
    pub(crate) fn check_weight(
        &self,
        format: Format,
        weight_grams: Decimal,
    ) -> Result<(), PostError> {
        let max_grams = self.max_grams(format);
        if weight_grams > Decimal::from(max_grams) {
            return Err(PostError::TooHeavy {
                weight_grams,
                format,
                max_grams,
            });
        }
        Ok(())
    }

    /// The weight band of a letter: the lightest band of its zone and format that holds
    /// `weight_grams`.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Format, PostData, PostalZone};
    /// use rust_decimal::Decimal;
    ///
    /// let data = PostData::builtin();
    /// assert_eq!(data.weight_band(PostalZone::National, Format::Large, Decimal::from(100))?.up_to_grams, 100);
    /// assert_eq!(data.weight_band(PostalZone::National, Format::Large, Decimal::new(1001, 1))?.up_to_grams, 350);
    /// let error = data.weight_band(PostalZone::National, Format::Small, Decimal::new(501, 1)).unwrap_err();
    /// assert_eq!(error.code(), "post.too_heavy");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::TooHeavy`] above the format's heaviest band.
    pub fn weight_band(
        &self,
        zone: PostalZone,
        format: Format,
        weight_grams: Decimal,
    ) -> Result<WeightBand, PostError> {
        self.bands
            .get(&(zone, format))
            .into_iter()
            .flatten()
            .find(|bound| Decimal::from(**bound) >= weight_grams)
            .map(|up_to_grams| WeightBand {
                zone,
                format,
                up_to_grams: *up_to_grams,
            })
            .ok_or(PostError::TooHeavy {
                weight_grams,
                format,
                max_grams: self.max_grams(format),
            })
    }

    /// The delivery time of a prior international letter to `country`, in business days after
    /// handover.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{BusinessDayRange, Country, PostData};
    ///
    /// let data = PostData::builtin();
    /// let switzerland = Country::from_code("CH").unwrap();
    /// assert_eq!(data.international_delivery(switzerland)?, BusinessDayRange { from: 4, to: 6 });
    /// let japan = Country::from_code("JP").unwrap();
    /// assert_eq!(data.international_delivery(japan).unwrap_err().code(), "post.no_delivery_data");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::NoDeliveryData`] for a destination the data does not cover (Belgium included).
    pub fn international_delivery(&self, country: Country) -> Result<BusinessDayRange, PostError> {
        self.delivery
            .get(&country)
            .copied()
            .ok_or(PostError::NoDeliveryData {
                country,
                verified_on: self.verified_on,
            })
    }

    /// The destinations with an international delivery time, in code order.
    ///
    /// ```
    /// use envoi::post::PostData;
    /// let codes: Vec<&str> = PostData::builtin().countries_with_delivery_data().map(|c| c.code()).collect();
    /// assert!(codes.contains(&"NL") && codes.contains(&"GB") && !codes.contains(&"BE"));
    /// ```
    pub fn countries_with_delivery_data(&self) -> impl Iterator<Item = Country> + '_ {
        self.delivery.keys().copied()
    }
}

// ---- The JSON format ---------------------------------------------------------------------------

/// How an entry's figures are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Basis {
    Sourced,
    PartlyAssumed,
    Assumed,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataJson {
    about: Vec<String>,
    verified_on: NaiveDate,
    sources: Vec<SourceJson>,
    formats: Vec<FormatJson>,
    envelopes: Vec<EnvelopeJson>,
    weight_bands: Vec<BandsJson>,
    international_delivery: Vec<DeliveryJson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceJson {
    id: String,
    name: String,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormatJson {
    format: Format,
    max_width_mm: u32,
    max_length_mm: u32,
    max_thickness_mm: u32,
    max_grams: u32,
    basis: Basis,
    sources: Vec<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeJson {
    envelope: Envelope,
    name: String,
    width_mm: u32,
    length_mm: u32,
    grams: String,
    basis: Basis,
    sources: Vec<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BandsJson {
    zone: PostalZone,
    format: Format,
    up_to_grams: Vec<u32>,
    basis: Basis,
    sources: Vec<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeliveryJson {
    name: String,
    business_days: BusinessDayRange,
    basis: Basis,
    sources: Vec<String>,
    note: Option<String>,
    countries: Vec<String>,
}

fn invalid(
    field: impl Into<String>,
    value: impl fmt::Display,
    rule: impl Into<String>,
) -> PostError {
    PostError::InvalidData {
        field: field.into(),
        value: value.to_string().chars().take(80).collect(),
        rule: rule.into(),
    }
}

/// Checks an entry's basis, sources and note.
fn check_basis(
    field: &str,
    basis: Basis,
    sources: &[String],
    note: Option<&String>,
    known: &BTreeSet<&str>,
) -> Result<(), PostError> {
    for (index, source) in sources.iter().enumerate() {
        if !known.contains(source.as_str()) {
            return Err(invalid(
                format!("{field}.sources[{index}]"),
                source,
                "is not the id of a source of the file",
            ));
        }
    }
    if basis != Basis::Assumed && sources.is_empty() {
        return Err(invalid(
            format!("{field}.sources"),
            "[]",
            "names no source; an entry with no source has basis \"assumed\"",
        ));
    }
    let has_note = note.is_some_and(|note| !note.trim().is_empty());
    if basis != Basis::Sourced && !has_note {
        return Err(invalid(
            format!("{field}.note"),
            "none",
            "is required when the basis is not \"sourced\": it says what is assumed and how",
        ));
    }
    Ok(())
}

struct FormatLimits {
    width: u32,
    length: u32,
    grams: u32,
}

impl DataJson {
    fn check(self) -> Result<PostData, PostError> {
        if self.about.iter().all(|line| line.trim().is_empty()) {
            return Err(invalid(
                "about",
                "[]",
                "says nothing; it states what the file holds",
            ));
        }
        let mut known = BTreeSet::new();
        for (index, source) in self.sources.iter().enumerate() {
            if source.id.trim().is_empty() || source.name.trim().is_empty() {
                return Err(invalid(
                    format!("sources[{index}]"),
                    &source.id,
                    "has an empty id or name",
                ));
            }
            if source
                .url
                .as_ref()
                .is_some_and(|url| !url.starts_with("http"))
            {
                return Err(invalid(
                    format!("sources[{index}].url"),
                    source.url.as_deref().unwrap_or_default(),
                    "is not an http(s) URL (use null when the source has none)",
                ));
            }
            if !known.insert(source.id.as_str()) {
                return Err(invalid(
                    format!("sources[{index}].id"),
                    &source.id,
                    "is used twice",
                ));
            }
        }
        if known.is_empty() {
            return Err(invalid("sources", "[]", "names no source"));
        }

        let mut limits: BTreeMap<Format, FormatLimits> = BTreeMap::new();
        for (index, entry) in self.formats.iter().enumerate() {
            let field = format!("formats[{index}]");
            check_basis(
                &field,
                entry.basis,
                &entry.sources,
                entry.note.as_ref(),
                &known,
            )?;
            if entry.max_width_mm == 0
                || entry.max_length_mm == 0
                || entry.max_thickness_mm == 0
                || entry.max_grams == 0
            {
                return Err(invalid(field, entry.format, "has a limit of 0"));
            }
            let previous = limits.insert(
                entry.format,
                FormatLimits {
                    width: entry.max_width_mm,
                    length: entry.max_length_mm,
                    grams: entry.max_grams,
                },
            );
            if previous.is_some() {
                return Err(invalid(
                    format!("{field}.format"),
                    entry.format,
                    "appears twice",
                ));
            }
        }
        for format in Format::ALL {
            if !limits.contains_key(&format) {
                return Err(invalid("formats", format, "is missing"));
            }
        }

        let mut envelope_grams = BTreeMap::new();
        for (index, entry) in self.envelopes.iter().enumerate() {
            let field = format!("envelopes[{index}]");
            check_basis(
                &field,
                entry.basis,
                &entry.sources,
                entry.note.as_ref(),
                &known,
            )?;
            if entry.name.trim().is_empty() {
                return Err(invalid(format!("{field}.name"), "", "is empty"));
            }
            let grams = Decimal::from_str(&entry.grams)
                .ok()
                .filter(|grams| *grams > Decimal::ZERO && *grams < Decimal::from(1000))
                .ok_or_else(|| {
                    invalid(
                        format!("{field}.grams"),
                        &entry.grams,
                        "is not a weight in grams above 0 and below 1000, written as a decimal string",
                    )
                })?;
            if entry.width_mm == 0 || entry.width_mm > entry.length_mm {
                return Err(invalid(
                    format!("{field}.width_mm"),
                    entry.width_mm,
                    "is 0 or more than length_mm (width is the short side)",
                ));
            }
            let holds = |format: Format| {
                limits.get(&format).is_some_and(|limit| {
                    entry.width_mm <= limit.width && entry.length_mm <= limit.length
                })
            };
            let format_by_size = Format::ALL.into_iter().find(|format| holds(*format));
            if format_by_size != Some(entry.envelope.format()) {
                return Err(invalid(
                    field,
                    format!("{} × {} mm", entry.width_mm, entry.length_mm),
                    format!(
                        "makes a {} envelope {} format, but SPEC section 9 says {} format",
                        entry.envelope,
                        format_by_size.map_or("no", Format::code),
                        entry.envelope.format()
                    ),
                ));
            }
            if envelope_grams.insert(entry.envelope, grams).is_some() {
                return Err(invalid(
                    format!("{field}.envelope"),
                    entry.envelope,
                    "appears twice",
                ));
            }
        }
        for envelope in Envelope::ALL {
            if !envelope_grams.contains_key(&envelope) {
                return Err(invalid("envelopes", envelope, "is missing"));
            }
        }

        let mut bands = BTreeMap::new();
        for (index, entry) in self.weight_bands.into_iter().enumerate() {
            let field = format!("weight_bands[{index}]");
            check_basis(
                &field,
                entry.basis,
                &entry.sources,
                entry.note.as_ref(),
                &known,
            )?;
            let max_grams = limits.get(&entry.format).map_or(0, |limit| limit.grams);
            let rising = entry.up_to_grams.windows(2).all(|pair| match pair {
                [low, high] => low < high,
                _ => true,
            });
            if !rising
                || entry.up_to_grams.first() == Some(&0)
                || entry.up_to_grams.last() != Some(&max_grams)
            {
                return Err(invalid(
                    format!("{field}.up_to_grams"),
                    format!("{:?}", entry.up_to_grams),
                    format!(
                        "is not a rising list of bounds above 0 ending at the {} format's max_grams ({max_grams})",
                        entry.format
                    ),
                ));
            }
            if bands
                .insert((entry.zone, entry.format), entry.up_to_grams)
                .is_some()
            {
                return Err(invalid(
                    field,
                    format!("{} {}", entry.zone, entry.format),
                    "appears twice",
                ));
            }
        }
        for zone in [PostalZone::National, PostalZone::International] {
            for format in Format::ALL {
                if !bands.contains_key(&(zone, format)) {
                    return Err(invalid(
                        "weight_bands",
                        format!("{zone} {format}"),
                        "is missing",
                    ));
                }
            }
        }

        let mut delivery = BTreeMap::new();
        for (index, group) in self.international_delivery.iter().enumerate() {
            let field = format!("international_delivery[{index}]");
            check_basis(
                &field,
                group.basis,
                &group.sources,
                group.note.as_ref(),
                &known,
            )?;
            if group.name.trim().is_empty() {
                return Err(invalid(format!("{field}.name"), "", "is empty"));
            }
            let range = group.business_days;
            if range.from == 0 || range.from > range.to || range.to > MAX_DELIVERY_BUSINESS_DAYS {
                return Err(invalid(
                    format!("{field}.business_days"),
                    format!("{} to {}", range.from, range.to),
                    format!(
                        "is not 1 to {MAX_DELIVERY_BUSINESS_DAYS} business days with from <= to"
                    ),
                ));
            }
            for (position, code) in group.countries.iter().enumerate() {
                let country_field = format!("{field}.countries[{position}]");
                let country = Country::from_code(code)
                    .filter(|country| country.code() == code)
                    .ok_or_else(|| {
                        invalid(
                            &country_field,
                            code,
                            "is not an ISO 3166-1 alpha-2 code in capitals",
                        )
                    })?;
                if country == Country::BELGIUM {
                    return Err(invalid(
                        country_field,
                        code,
                        "is Belgium, whose delivery times are national (D+1, D+3)",
                    ));
                }
                if delivery.insert(country, range).is_some() {
                    return Err(invalid(country_field, code, "is in the data twice"));
                }
            }
        }

        let max_grams = limits
            .into_iter()
            .map(|(format, limit)| (format, limit.grams))
            .collect();
        Ok(PostData {
            verified_on: self.verified_on,
            max_grams,
            envelope_grams,
            bands,
            delivery,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_is_valid() {
        let data = PostData::from_json(BUILTIN_JSON);
        assert!(data.is_ok(), "{data:?}");
    }
}
