//! Phone numbers: regions, normalisation to E.164 and the kind of line, with the `phonenumber`
//! crate (Google's libphonenumber metadata).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, ParseError, Type};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{ContactError, PhoneProblem, cut};

/// The longest phone text [`normalize_phone`] reads, in bytes once trimmed; longer text is refused
/// with [`PhoneProblem::TextTooLong`] before any parsing.
///
/// ```
/// use envoi::contacts::{normalize_phone, Region, MAX_PHONE_TEXT_LEN};
/// assert!(normalize_phone(&" ".repeat(MAX_PHONE_TEXT_LEN + 1), Region::BE).is_err());
/// ```
pub const MAX_PHONE_TEXT_LEN: usize = 64;

/// A region for reading national numbers: an ISO 3166 alpha-2 code with a numbering plan in
/// libphonenumber's metadata (`BE`, `NL`, `FR`, `DE`…).
///
/// The region says how a number written without its country code is read: with [`Region::BE`],
/// `0475 12 34 56` is the Belgian mobile `+32475123456`. Serialized as its code.
///
/// ```
/// use envoi::contacts::Region;
///
/// let region = Region::parse("be")?;
/// assert_eq!(region, Region::BE);
/// assert_eq!(region.as_str(), "BE");
/// assert_eq!(Region::parse("XX").unwrap_err().code(), "contacts.unknown_region");
/// # use envoi::ErrorCode;
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(Id);

impl Region {
    /// Belgium, the default region of envoi's imports.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::BE.as_str(), "BE");
    /// assert_eq!(normalize_phone("0475 12 34 56", Region::BE)?.e164(), "+32475123456");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const BE: Region = Region(Id::BE);
    /// The Netherlands.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::NL.as_str(), "NL");
    /// assert_eq!(normalize_phone("06 12345678", Region::NL)?.e164(), "+31612345678");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const NL: Region = Region(Id::NL);
    /// France.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::FR.as_str(), "FR");
    /// assert_eq!(normalize_phone("06 12 34 56 78", Region::FR)?.e164(), "+33612345678");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const FR: Region = Region(Id::FR);
    /// Germany.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::DE.as_str(), "DE");
    /// assert_eq!(normalize_phone("0151 23456789", Region::DE)?.e164(), "+4915123456789");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const DE: Region = Region(Id::DE);
    /// Luxembourg.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::LU.as_str(), "LU");
    /// assert_eq!(normalize_phone("621 123 456", Region::LU)?.e164(), "+352621123456");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const LU: Region = Region(Id::LU);
    /// The United Kingdom.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::GB.as_str(), "GB");
    /// assert_eq!(normalize_phone("07400 123456", Region::GB)?.e164(), "+447400123456");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const GB: Region = Region(Id::GB);
    /// The United States.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(Region::US.as_str(), "US");
    /// assert_eq!(normalize_phone("(201) 555-0123", Region::US)?.e164(), "+12015550123");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub const US: Region = Region(Id::US);

    /// The region of an ISO 3166 alpha-2 code, in upper or lower case.
    ///
    /// Refused with `contacts.unknown_region`: anything but two ASCII letters, and codes without
    /// a numbering plan in the metadata (`XX`, `EU`, `UK` — the United Kingdom is `GB`).
    ///
    /// ```
    /// use envoi::contacts::Region;
    /// assert_eq!(Region::parse("NL")?, Region::NL);
    /// assert!(Region::parse("UK").is_err());
    /// assert!(Region::parse(" BE").is_err());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn parse(code: &str) -> Result<Region, ContactError> {
        let unknown = || ContactError::UnknownRegion {
            value: cut(code, 32),
        };
        if code.len() != 2 || !code.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            return Err(unknown());
        }
        let upper = code.to_ascii_uppercase();
        let id = Id::from_str(&upper).map_err(|_| unknown())?;
        if DATABASE.by_id(id.as_ref()).is_none() {
            return Err(unknown());
        }
        Ok(Region(id))
    }

    /// The ISO 3166 alpha-2 code, in upper case.
    ///
    /// ```
    /// assert_eq!(envoi::contacts::Region::DE.as_str(), "DE");
    /// ```
    pub fn as_str(&self) -> &str {
        self.0.as_ref()
    }

    pub(crate) fn id(self) -> Id {
        self.0
    }
}

impl Default for Region {
    /// [`Region::BE`].
    fn default() -> Self {
        Region::BE
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Region {
    type Err = ContactError;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Region::parse(code)
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Region::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// The kind of line a number belongs to, from its country's numbering plan.
///
/// Whether a number may receive (or send) SMS is decided in one place,
/// [`PhoneKind::accepts_sms`]: a [`PhoneKind::Mobile`], or a [`PhoneKind::FixedLineOrMobile`].
/// Where the plan cannot tell mobile from fixed lines (the United States, Canada…), the kind is
/// `FixedLineOrMobile`, never `Mobile`: the kind says the plan does not know.
///
/// ```
/// use envoi::contacts::{normalize_phone, PhoneKind, Region};
///
/// assert_eq!(normalize_phone("0475 12 34 56", Region::BE)?.kind(), PhoneKind::Mobile);
/// assert_eq!(normalize_phone("02 555 12 34", Region::BE)?.kind(), PhoneKind::FixedLine);
/// assert_eq!(normalize_phone("+1 201 555 0123", Region::BE)?.kind(), PhoneKind::FixedLineOrMobile);
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PhoneKind {
    /// A mobile number.
    Mobile,
    /// A fixed (landline) number.
    FixedLine,
    /// Mobile or fixed: the numbering plan does not say which.
    FixedLineOrMobile,
    /// A freephone number (0800 in Belgium).
    TollFree,
    /// A premium-rate number (0900 in Belgium).
    PremiumRate,
    /// A shared-cost number (the caller and the called share the cost).
    SharedCost,
    /// A voice-over-IP number.
    Voip,
    /// A personal number, routed to a mobile or a fixed line.
    PersonalNumber,
    /// A pager.
    Pager,
    /// Anything else the plan names (company numbers, voicemail access, short codes…) or does not
    /// classify.
    Other,
}

impl PhoneKind {
    /// The snake-case name, as serialized: `mobile`, `fixed_line`, `fixed_line_or_mobile`…
    ///
    /// ```
    /// assert_eq!(envoi::contacts::PhoneKind::FixedLineOrMobile.as_str(), "fixed_line_or_mobile");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::FixedLine => "fixed_line",
            PhoneKind::FixedLineOrMobile => "fixed_line_or_mobile",
            PhoneKind::TollFree => "toll_free",
            PhoneKind::PremiumRate => "premium_rate",
            PhoneKind::SharedCost => "shared_cost",
            PhoneKind::Voip => "voip",
            PhoneKind::PersonalNumber => "personal_number",
            PhoneKind::Pager => "pager",
            PhoneKind::Other => "other",
        }
    }

    /// Whether a number of this kind may receive SMS (a contact's mobile) or send them (a sender
    /// number): the **one rule** that contacts ([`Contact::may_receive`](super::Contact::may_receive)),
    /// the contact import and the senders ([`SmsSenderNumber`](crate::senders::SmsSenderNumber))
    /// use.
    ///
    /// [`PhoneKind::Mobile`] does; so does [`PhoneKind::FixedLineOrMobile`].
    /// **Decision:** a number whose numbering plan cannot tell mobile from fixed (the United
    /// States, Canada and the rest of the +1 plan, a few others) is accepted, because refusing it
    /// would refuse every mobile of those countries; an SMS to a fixed line there fails at the
    /// carrier, and a sender number is verified by a code sent to it by SMS anyway. Every other
    /// kind (fixed line, freephone, premium rate, VoIP, personal, pager…) is refused.
    ///
    /// ```
    /// use envoi::contacts::{normalize_phone, PhoneKind, Region};
    ///
    /// assert!(PhoneKind::Mobile.accepts_sms());
    /// assert!(PhoneKind::FixedLineOrMobile.accepts_sms());
    /// assert!(!PhoneKind::FixedLine.accepts_sms());
    /// assert!(!PhoneKind::Voip.accepts_sms());
    /// assert!(normalize_phone("+1 201 555 0123", Region::BE)?.kind().accepts_sms());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn accepts_sms(self) -> bool {
        matches!(self, PhoneKind::Mobile | PhoneKind::FixedLineOrMobile)
    }

    fn from_type(kind: Type) -> PhoneKind {
        match kind {
            Type::Mobile => PhoneKind::Mobile,
            Type::FixedLine => PhoneKind::FixedLine,
            Type::FixedLineOrMobile => PhoneKind::FixedLineOrMobile,
            Type::TollFree => PhoneKind::TollFree,
            Type::PremiumRate => PhoneKind::PremiumRate,
            Type::SharedCost => PhoneKind::SharedCost,
            Type::Voip => PhoneKind::Voip,
            Type::PersonalNumber => PhoneKind::PersonalNumber,
            Type::Pager => PhoneKind::Pager,
            _ => PhoneKind::Other,
        }
    }
}

/// A valid phone number in E.164 form (`+32475123456`), with the kind of line it is.
///
/// Made by [`normalize_phone`] (any written form, with a default region) or
/// [`PhoneNumber::parse_e164`] (the E.164 text only). Serialized as its E.164 text.
///
/// Deserializing (a stored [`Contact`](super::Contact) read back) checks the text again:
/// - text that is not E.164 (`0475123456`, spaces, letters, a national `0` kept as in
///   `+320475123456`) or whose country calling code does not exist is a serde error naming the
///   value;
/// - **Decision:** a well-formed E.164 number that the numbering plan now finds invalid (the
///   metadata changed since it was stored: a range withdrawn or re-lengthened) is **kept as
///   stored** rather than refused, so a stored contact is never lost to a metadata update; its
///   kind is then what the plan says now ([`PhoneKind::Other`] for a number it does not place),
///   so it gets no SMS until it is entered again.
///
/// ```
/// use envoi::contacts::{normalize_phone, PhoneNumber, Region};
///
/// let number = normalize_phone("+32 (0)475 12.34.56", Region::BE)?;
/// assert_eq!(number.e164(), "+32475123456");
/// assert_eq!(number.country_code(), 32);
/// assert!(number.is_mobile());
/// assert_eq!(serde_json::to_string(&number).unwrap(), "\"+32475123456\"");
/// let back: PhoneNumber = serde_json::from_str("\"+32475123456\"").unwrap();
/// assert_eq!(back, number);
/// assert!(serde_json::from_str::<PhoneNumber>("\"0475123456\"").is_err());
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber {
    e164: String,
    country_code: u16,
    kind: PhoneKind,
}

impl PhoneNumber {
    /// A number given in E.164 form exactly: `+`, the country code and the national number, digits
    /// only. Any other form is refused with [`PhoneProblem::NotE164`] (use [`normalize_phone`]).
    ///
    /// ```
    /// use envoi::contacts::PhoneNumber;
    ///
    /// assert_eq!(PhoneNumber::parse_e164("+33612345678")?.country_code(), 33);
    /// assert!(PhoneNumber::parse_e164("+32 475 12 34 56").is_err());
    /// assert!(PhoneNumber::parse_e164("+3247512345").is_err()); // a digit short
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn parse_e164(text: &str) -> Result<PhoneNumber, ContactError> {
        let digits = text.strip_prefix('+').unwrap_or("");
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(invalid(text, PhoneProblem::NotE164));
        }
        let number = normalize_phone(text, Region::BE)?;
        if number.e164 != text {
            return Err(invalid(text, PhoneProblem::NotE164));
        }
        Ok(number)
    }

    /// The E.164 text: `+`, the country code and the national number (`+32475123456`).
    ///
    /// ```
    /// # use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(normalize_phone("0032475123456", Region::BE)?.e164(), "+32475123456");
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The kind of line.
    ///
    /// ```
    /// # use envoi::contacts::{normalize_phone, PhoneKind, Region};
    /// assert_eq!(normalize_phone("0800 12 345", Region::BE)?.kind(), PhoneKind::TollFree);
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn kind(&self) -> PhoneKind {
        self.kind
    }

    /// Whether the numbering plan says this is a mobile number (not when it cannot tell:
    /// [`PhoneKind::FixedLineOrMobile`] is not mobile). This is what the plan says, not the SMS
    /// rule: whether the number may receive or send SMS is [`PhoneNumber::accepts_sms`].
    ///
    /// ```
    /// # use envoi::contacts::{normalize_phone, Region};
    /// assert!(normalize_phone("06 12 34 56 78", Region::FR)?.is_mobile());
    /// assert!(!normalize_phone("+1 201 555 0123", Region::BE)?.is_mobile());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn is_mobile(&self) -> bool {
        self.kind == PhoneKind::Mobile
    }

    /// Whether this number may receive or send SMS: [`PhoneKind::accepts_sms`] of its kind (a
    /// mobile, or a number whose plan cannot tell mobile from fixed).
    ///
    /// ```
    /// # use envoi::contacts::{normalize_phone, Region};
    /// assert!(normalize_phone("0475 12 34 56", Region::BE)?.accepts_sms());
    /// assert!(normalize_phone("+1 201 555 0123", Region::BE)?.accepts_sms());
    /// assert!(!normalize_phone("02 555 12 34", Region::BE)?.accepts_sms());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn accepts_sms(&self) -> bool {
        self.kind.accepts_sms()
    }

    /// The country calling code (`32` for Belgium).
    ///
    /// ```
    /// # use envoi::contacts::{normalize_phone, Region};
    /// assert_eq!(normalize_phone("+31 6 12345678", Region::BE)?.country_code(), 31);
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn country_code(&self) -> u16 {
        self.country_code
    }
}

impl fmt::Display for PhoneNumber {
    /// The E.164 text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl FromStr for PhoneNumber {
    type Err = ContactError;
    /// [`PhoneNumber::parse_e164`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        PhoneNumber::parse_e164(text)
    }
}

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    /// A stored E.164 text, checked again (see the type's documentation for the lenient read of a
    /// number the metadata no longer places).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PhoneNumber::read_stored(&text).map_err(serde::de::Error::custom)
    }
}

impl PhoneNumber {
    /// A stored E.164 text: as [`PhoneNumber::parse_e164`] when the plan finds it valid; kept as
    /// written when it is well-formed E.164 (`+`, a calling code that exists, at most 20 digits,
    /// read by the library as itself) but the plan now finds it invalid.
    fn read_stored(text: &str) -> Result<PhoneNumber, ContactError> {
        let refused = match PhoneNumber::parse_e164(text) {
            Ok(number) => return Ok(number),
            Err(error) => error,
        };
        let digits = text.strip_prefix('+').unwrap_or("");
        // Up to 20 digits: libphonenumber's longest (a 3-digit calling code and a 17-digit
        // national number), which E.164 texts of valid numbers can reach.
        let well_formed = !digits.is_empty()
            && digits.len() <= 20
            && !digits.starts_with('0')
            && digits.bytes().all(|byte| byte.is_ascii_digit());
        if !well_formed {
            return Err(refused);
        }
        // The calling code must exist; the number's validity is what may have changed.
        let parsed = match phonenumber::parse(None, text) {
            Ok(parsed) => parsed,
            Err(ParseError::InvalidCountryCode) => {
                return Err(invalid(text, PhoneProblem::InvalidCountryCode));
            }
            Err(_) => return Err(refused),
        };
        // The library must read the text as itself: `+320475…` (a national 0 kept) reads as
        // `+32475…` and stays refused.
        if parsed.format().mode(Mode::E164).to_string() != text {
            return Err(refused);
        }
        Ok(PhoneNumber {
            e164: text.to_owned(),
            country_code: parsed.code().value(),
            kind: PhoneKind::from_type(parsed.number_type(&DATABASE)),
        })
    }
}

fn invalid(text: &str, reason: PhoneProblem) -> ContactError {
    ContactError::InvalidPhone {
        value: cut(text, MAX_PHONE_TEXT_LEN),
        reason,
    }
}

mod fast {
    //! The fast path of [`normalize_phone`](super::normalize_phone): mobile numbers of four
    //! countries in their common written forms, recognised with the patterns of libphonenumber's
    //! metadata (`PhoneNumberMetadata.xml` of the `phonenumber` crate, `<mobile>` of each territory),
    //! restricted to forms whose reading is unambiguous. Anything else returns `None` and goes
    //! through the library.

    use super::{MAX_PHONE_TEXT_LEN, PhoneKind, PhoneNumber, Region};

    /// A country of the fast path.
    #[derive(Clone, Copy)]
    enum Country {
        Belgium,
        Netherlands,
        France,
        Germany,
    }

    impl Country {
        const ALL: [Country; 4] = [
            Country::Belgium,
            Country::Netherlands,
            Country::France,
            Country::Germany,
        ];

        /// The country of a default region, if it has a fast path. All four dial abroad with
        /// `00` and use `0` as national prefix.
        fn of(region: Region) -> Option<Country> {
            match region {
                Region::BE => Some(Country::Belgium),
                Region::NL => Some(Country::Netherlands),
                Region::FR => Some(Country::France),
                Region::DE => Some(Country::Germany),
                _ => None,
            }
        }

        fn calling_code(self) -> &'static [u8; 2] {
            match self {
                Country::Belgium => b"32",
                Country::Netherlands => b"31",
                Country::France => b"33",
                Country::Germany => b"49",
            }
        }

        /// Whether a national significant number fully matches the country's mobile pattern
        /// (and, by the metadata, no other type's).
        fn is_mobile(self, nsn: &[u8]) -> bool {
            let digit = |index: usize| nsn.get(index).copied().unwrap_or(b'x');
            match self {
                // BE: 4[5-9]\d{7}
                Country::Belgium => {
                    nsn.len() == 9 && digit(0) == b'4' && (b'5'..=b'9').contains(&digit(1))
                }
                // NL: 6[1-58]\d{7} (the 11-digit 6970… numbers take the library's path)
                Country::Netherlands => {
                    nsn.len() == 9 && digit(0) == b'6' && matches!(digit(1), b'1'..=b'5' | b'8')
                }
                // FR: (?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}
                Country::France => {
                    nsn.len() == 9
                        && match (digit(0), digit(1), digit(2)) {
                            (b'6', b'0'..=b'2' | b'4'..=b'8', _) => true,
                            (b'6', b'3', third) => (b'0'..=b'8').contains(&third),
                            (b'6', b'9', third) => matches!(third, b'5' | b'8' | b'9'),
                            (b'7', second, _) => (b'3'..=b'9').contains(&second),
                            _ => false,
                        }
                }
                // DE: 1(?:6[023]|7\d)\d{7,8}|15(?:[0-25-9]\d\d|3(?:10|33))\d{6}
                Country::Germany => match (digit(0), digit(1), digit(2)) {
                    (b'1', b'6', b'0' | b'2' | b'3') | (b'1', b'7', _) => {
                        nsn.len() == 10 || nsn.len() == 11
                    }
                    (b'1', b'5', b'0'..=b'2' | b'5'..=b'9') => nsn.len() == 11,
                    (b'1', b'5', b'3') => nsn.len() == 11 && matches!(&nsn[3..5], b"10" | b"33"),
                    _ => false,
                },
            }
        }
    }

    /// The longest digit string of the fast path: `00`, a 2-digit calling code and 11 digits.
    const MAX_DIGITS: usize = 15;

    /// The number, if `trimmed` is a mobile of a fast-path country written as: an optional `+`
    /// directly followed by digits, with single separators (any whitespace — space, tab, no-break
    /// and narrow no-break spaces… —, `.`, `-`, `/`) between digits only; the digits being `+` or
    /// `00`, a calling code of the four and a mobile number, or a national `0` and a mobile number
    /// of the default region.
    pub(super) fn mobile(trimmed: &str, default_region: Region) -> Option<PhoneNumber> {
        let home = Country::of(default_region)?;
        if trimmed.len() > MAX_PHONE_TEXT_LEN {
            return None;
        }
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let mut digits = [0u8; MAX_DIGITS];
        let mut len = 0;
        // True at the start so that a leading separator is refused.
        let mut after_separator = true;
        for character in rest.chars() {
            match character {
                '0'..='9' => {
                    // An ASCII digit: its byte.
                    *digits.get_mut(len)? = u8::try_from(character).ok()?;
                    len += 1;
                    after_separator = false;
                }
                '.' | '-' | '/' if !after_separator => after_separator = true,
                space if space.is_whitespace() && !after_separator => after_separator = true,
                _ => return None,
            }
        }
        if after_separator {
            return None;
        }
        let digits = &digits[..len];
        let international = if plus {
            Some(digits)
        } else {
            digits.strip_prefix(b"00")
        };
        let (country, nsn) = match international {
            Some(rest) => Country::ALL.into_iter().find_map(|country| {
                rest.strip_prefix(country.calling_code())
                    .map(|nsn| (country, nsn))
            })?,
            None => (home, digits.strip_prefix(b"0")?),
        };
        if !country.is_mobile(nsn) {
            return None;
        }
        let code = country.calling_code();
        let mut e164 = String::with_capacity(1 + code.len() + nsn.len());
        e164.push('+');
        e164.extend(code.iter().chain(nsn).map(|&byte| char::from(byte)));
        Some(PhoneNumber {
            e164,
            country_code: u16::from(code[0] - b'0') * 10 + u16::from(code[1] - b'0'),
            kind: PhoneKind::Mobile,
        })
    }
}

/// Reads a phone number as people write it and returns it in E.164 form with its kind.
///
/// The text is trimmed, then may hold only ASCII digits, whitespace, the separators `( ) - . /`
/// and a leading `+` (so letters, extensions and `tel:` URIs are refused rather than guessed), and
/// must hold a digit ([`PhoneProblem::NoDigit`]). Every whitespace character reads as a space:
/// tab, line feed, no-break space U+00A0, narrow no-break space U+202F (what French-locale
/// spreadsheets export), thin space U+2009…
/// International forms (`+32…`, `0032…` — the international prefix of the default region) keep
/// their country; a national form (`0475…`) is read in `default_region`. A national prefix
/// written inside an international form, `+32 (0)475…`, is dropped. The number must then be valid
/// in its country's numbering plan (right length for its prefix, a prefix in use).
///
/// ```
/// use envoi::contacts::{normalize_phone, Region};
///
/// for text in ["0032475123456", "+32 475 12 34 56", "+32 (0)475 12.34.56", "0475 12 34 56"] {
///     assert_eq!(normalize_phone(text, Region::BE)?.e164(), "+32475123456");
/// }
/// assert_eq!(normalize_phone("06 12 34 56 78", Region::FR)?.e164(), "+33612345678");
/// assert_eq!(normalize_phone("06\u{202F}12\u{202F}34\u{202F}56\u{202F}78", Region::FR)?.e164(), "+33612345678");
/// assert_eq!(normalize_phone("0475\t12 34 56", Region::BE)?.e164(), "+32475123456");
///
/// let error = normalize_phone("0475 12 34 5", Region::BE).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "phone number \"0475 12 34 5\": not a valid number of BE (+32): wrong length or a prefix not in use"
/// );
/// # Ok::<(), envoi::contacts::ContactError>(())
/// ```
///
/// # Speed
///
/// The common mobile forms of Belgium, the Netherlands, France and Germany (`+32 475 12 34 56`,
/// `0032475123456`, `0475/12.34.56`, `06-12345678`…, with a default region among those four) take a
/// fast path that gives the library's answer without running its parser, about 30 times faster;
/// every other text goes through the library. [`normalize_phone_with_library`] always does, and a
/// differential fuzz target and a property test check that both give the same answer on every input.
pub fn normalize_phone(text: &str, default_region: Region) -> Result<PhoneNumber, ContactError> {
    let trimmed = text.trim();
    if let Some(number) = fast::mobile(trimmed, default_region) {
        return Ok(number);
    }
    normalize_phone_with_library(text, default_region)
}

/// [`normalize_phone`] without its fast path: every text goes through the `phonenumber` crate.
///
/// The reference the fast path is tested against (same answer, same error, on every input), and the
/// baseline of the benchmark; use [`normalize_phone`].
///
/// ```
/// use envoi::contacts::{normalize_phone, normalize_phone_with_library, Region};
///
/// for text in ["+32 475 12 34 56", "02 555 12 34", "0475 12 34 5", "John Tel"] {
///     assert_eq!(normalize_phone(text, Region::BE), normalize_phone_with_library(text, Region::BE));
/// }
/// ```
pub fn normalize_phone_with_library(
    text: &str,
    default_region: Region,
) -> Result<PhoneNumber, ContactError> {
    let trimmed = text.trim();
    check_characters(trimmed).map_err(|reason| invalid(text, reason))?;
    // Every whitespace character reads as a space: the `phonenumber` crate takes some (no-break
    // spaces) and not others (tab, line feed, thin space).
    let spaced: Cow<'_, str> = if trimmed
        .chars()
        .any(|character| character.is_whitespace() && character != ' ')
    {
        trimmed
            .chars()
            .map(|character| {
                if character.is_whitespace() {
                    ' '
                } else {
                    character
                }
            })
            .collect::<String>()
            .into()
    } else {
        trimmed.into()
    };
    with_library(&spaced, default_region).map_err(|reason| invalid(text, reason))
}

/// The character rules of [`normalize_phone`], on trimmed text.
fn check_characters(trimmed: &str) -> Result<(), PhoneProblem> {
    if trimmed.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    if trimmed.len() > MAX_PHONE_TEXT_LEN {
        return Err(PhoneProblem::TextTooLong {
            len: trimmed.len(),
            max: MAX_PHONE_TEXT_LEN,
        });
    }
    for (index, character) in trimmed.chars().enumerate() {
        let allowed = character.is_ascii_digit()
            || character.is_whitespace()
            || matches!(character, '(' | ')' | '-' | '.' | '/')
            || (character == '+' && index == 0);
        if !allowed {
            return Err(PhoneProblem::UnexpectedCharacter {
                character,
                position: index + 1,
            });
        }
    }
    if !trimmed.bytes().any(|byte| byte.is_ascii_digit()) {
        return Err(PhoneProblem::NoDigit);
    }
    Ok(())
}

/// The text as `+` and its digits when it is written in international form: with `+`, or with the
/// default region's international prefix (`00` in Belgium, `011` in the United States) followed by
/// a digit other than `0`.
///
/// International forms are parsed without a default region: given one, the `phonenumber` crate
/// strips the default region's national prefix from the number of another country (with region US,
/// `+49 164 1234567` loses the `1` of its `164`: the US national prefix).
fn international_form(trimmed: &str, default_region: Region) -> Option<String> {
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        return Some(format!("+{digits}"));
    }
    let prefix = DATABASE
        .by_id(default_region.as_str())?
        .international_prefix()?
        .find(&digits)?;
    let rest = &digits[prefix.end()..];
    (prefix.start() == 0 && !rest.starts_with('0')).then(|| format!("+{rest}"))
}

/// Parses, validates and formats with the `phonenumber` crate (text already checked).
fn with_library(trimmed: &str, default_region: Region) -> Result<PhoneNumber, PhoneProblem> {
    let parsed = match international_form(trimmed, default_region) {
        Some(international) => phonenumber::parse(None, international),
        None => phonenumber::parse(Some(default_region.id()), trimmed),
    }
    .map_err(|error| match error {
        ParseError::InvalidCountryCode => PhoneProblem::InvalidCountryCode,
        ParseError::TooLong => PhoneProblem::TooLong,
        _ => PhoneProblem::TooShort,
    })?;
    let country_code = parsed.code().value();
    if !parsed.is_valid() {
        let region = parsed.country().id().map(Region);
        return Err(PhoneProblem::InvalidForRegion {
            region,
            country_code,
        });
    }
    // The E.164 text must read back as itself: for a few plans with carrier codes (Brazil's
    // `0 xx` prefixes), the crate's E.164 of a national form is a number it then finds invalid,
    // which a stored contact could never be read back with.
    let e164 = parsed.format().mode(Mode::E164).to_string();
    let again = phonenumber::parse(None, &e164)
        .ok()
        .filter(|again| again.is_valid() && again.format().mode(Mode::E164).to_string() == e164);
    let Some(again) = again else {
        return Err(PhoneProblem::NotReproducible { e164 });
    };
    Ok(PhoneNumber {
        kind: PhoneKind::from_type(again.number_type(&DATABASE)),
        e164,
        country_code,
    })
}
