//! The account: who the customer is, where it is invoiced, its state and its options.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::contacts::Channel;
use crate::ids::AccountId;
use crate::invoice::{Party, is_country};
use crate::language::Language;
use crate::time::{Instant, Zone};
use crate::vat::{CustomerKind, OnlineCheck, ServiceKind, TreatmentRequest, VatEvidence};

use super::error::AccountError;
use super::options::AccountOptions;
use super::state::{AccountState, StateChange};

/// A customer account of the host's service (SPEC section 1, issue 10).
///
/// It holds the interface [`Language`], the [`Zone`] of every wall-clock rule of the account
/// (default `Europe/Brussels`), whether the customer is a business or a consumer, the country it is
/// established in (ISO 3166-1 alpha-2, `XI` for Northern Ireland; the country of its VAT), its VAT
/// number with the [`VatEvidence`] of it, its invoicing address (an [`invoice::Party`](Party), the
/// buyer of its invoices), its [`AccountOptions`], and its [`AccountState`] with every change
/// recorded ([`StateChange`]: time, reason, from, to; time never goes back).
///
/// It is plain data with serde; reading it back ([`Account::from_json`], or any serde format)
/// checks what the methods keep.
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::account::{Account, AccountState};
/// use envoi::ids::AccountId;
/// use envoi::invoice::Party;
/// use envoi::language::Language;
/// use envoi::vat::CustomerKind;
///
/// let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
/// let address = Party::new("Boulangerie Dupont SPRL", "BE")?.with_address("Rue Haute 12", "Bruxelles", "1000")?;
/// let mut account = Account::new(
///     AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be", address, at("2026-03-02T09:00:00Z"),
/// )?
/// .with_vat_number("BE 0403.170.701", None)?;
/// assert_eq!(account.state(), AccountState::PendingPayment);
/// assert_eq!(account.require_active(at("2026-03-02T10:00:00Z")).unwrap_err().code(), "account.pending_payment");
///
/// account.activate(at("2026-03-04T08:00:00Z"), "bank transfer received")?;
/// assert!(account.may_send(at("2026-03-04T08:00:00Z")));
/// account.suspend(at("2026-05-01T00:00:00Z"), "invoice 2026-F-000012 unpaid")?;
/// assert_eq!(account.require_active(at("2026-05-02T00:00:00Z")).unwrap_err().code(), "account.suspended");
/// assert!(account.may_send(at("2026-04-01T00:00:00Z"))); // it was active then
///
/// let text = serde_json::to_string(&account)?;
/// assert_eq!(Account::from_json(&text)?, account);
/// assert_eq!(account.invoicing_address().vat_number(), Some("BE0403170701"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AccountData")]
pub struct Account {
    id: AccountId,
    language: Language,
    zone: Zone,
    customer_kind: CustomerKind,
    country: String,
    vat: Option<VatEvidence>,
    invoicing_address: Party,
    options: AccountOptions,
    created_at: Instant,
    state: AccountState,
    history: Vec<StateChange>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountData {
    id: AccountId,
    language: Language,
    zone: Zone,
    customer_kind: CustomerKind,
    country: String,
    vat: Option<VatEvidence>,
    invoicing_address: Party,
    options: AccountOptions,
    created_at: Instant,
    state: AccountState,
    history: Vec<StateChange>,
}

fn invalid(
    field: impl Into<String>,
    value: impl fmt::Display,
    rule: impl Into<String>,
) -> AccountError {
    AccountError::InvalidAccount {
        account: None,
        field: field.into(),
        value: value.to_string().chars().take(80).collect(),
        rule: rule.into(),
        inner: None,
    }
}

/// `inner`, the error of a check of the methods, as the error of the stored field `field`.
fn refused(
    field: impl Into<String>,
    value: impl fmt::Display,
    inner: AccountError,
) -> AccountError {
    AccountError::InvalidAccount {
        account: None,
        field: field.into(),
        value: value.to_string().chars().take(80).collect(),
        rule: inner.to_string(),
        inner: Some(Box::new(inner)),
    }
}

/// The error of a stored account, naming it: the checks' own errors are kept as the inner error.
fn of_stored(id: &str, error: AccountError) -> AccountError {
    let error = match error {
        AccountError::InvalidAccount { .. } => error,
        AccountError::InvalidCountry { ref value } => {
            refused("country", format_args!("{value:?}"), error.clone())
        }
        AccountError::CountryMismatch { ref address, .. } => refused(
            "invoicing_address.country",
            format_args!("{address:?}"),
            error.clone(),
        ),
        AccountError::VatNumberMismatch { ref address, .. } => refused(
            "invoicing_address.vat_number",
            format_args!("{address:?}"),
            error.clone(),
        ),
        other => refused("account", "", other),
    };
    match error {
        AccountError::InvalidAccount {
            field,
            value,
            rule,
            inner,
            ..
        } => AccountError::InvalidAccount {
            account: Some(id.chars().take(80).collect()),
            field,
            value,
            rule,
            inner,
        },
        other => other,
    }
}

impl TryFrom<AccountData> for Account {
    type Error = AccountError;

    /// Checks, in order: the country, and that it is the invoicing address's; the VAT evidence is
    /// what [`VatEvidence::of`] gives for its typed number (compact form and offline verdict); the VAT evidence against the address's number (as
    /// [`Account::with_vat_number`] sets it); the history: each change legal, from the state the
    /// previous one reached, with a reason, no earlier than the one before (or the creation); the
    /// state is where the history ends.
    fn try_from(data: AccountData) -> Result<Self, Self::Error> {
        let id = data.id.to_string();
        Account::check_stored(data).map_err(|error| of_stored(&id, error))
    }
}

impl Account {
    fn check_stored(data: AccountData) -> Result<Account, AccountError> {
        let country = check_country(&data.country)?;
        check_country_of(&data.invoicing_address, &country)?;
        check_evidence(data.vat.as_ref(), &country)?;
        check_vat(data.vat.as_ref(), &data.invoicing_address)?;
        let mut account = Account {
            id: data.id,
            language: data.language,
            zone: data.zone,
            customer_kind: data.customer_kind,
            country,
            vat: data.vat,
            invoicing_address: data.invoicing_address,
            options: data.options,
            created_at: data.created_at,
            state: AccountState::PendingPayment,
            history: Vec::with_capacity(data.history.len()),
        };
        for (index, change) in data.history.into_iter().enumerate() {
            if change.from != account.state {
                return Err(invalid(
                    format!("history[{index}].from"),
                    change.from,
                    format!(
                        "differs from the state the account was in ({}); each change starts where the previous one ended",
                        account.state
                    ),
                ));
            }
            account
                .change_state(change.to, change.at, &change.reason)
                .map_err(|error| match error {
                    AccountError::TimeWentBack {
                        account, at, last, ..
                    } => {
                        let field = format!("history[{index}].at");
                        let inner = AccountError::TimeWentBack {
                            account,
                            field: field.clone(),
                            at,
                            last,
                        };
                        refused(field, at, inner)
                    }
                    other => refused(
                        format!("history[{index}]"),
                        format_args!("{} → {} at {}", change.from, change.to, change.at),
                        other,
                    ),
                })?;
        }
        if data.state != account.state {
            return Err(invalid(
                "state",
                data.state,
                format!("differs from where the history ends ({})", account.state),
            ));
        }
        Ok(account)
    }
}

fn check_country(value: &str) -> Result<String, AccountError> {
    let code = value.trim().to_ascii_uppercase();
    if is_country(&code) {
        Ok(code)
    } else {
        Err(AccountError::InvalidCountry {
            value: value.chars().take(40).collect(),
        })
    }
}

/// The VAT number the invoicing address carries for this evidence: the compact number when it is
/// valid offline and the online check (if made) did not say invalid.
fn address_vat_number(evidence: Option<&VatEvidence>) -> Option<&str> {
    let evidence = evidence?;
    let online_invalid = evidence.online.as_ref().is_some_and(|online| !online.valid);
    if evidence.offline_error.is_some() || online_invalid {
        None
    } else {
        evidence.compact.as_deref()
    }
}

fn check_country_of(address: &Party, country: &str) -> Result<(), AccountError> {
    if address.country() == country {
        Ok(())
    } else {
        Err(AccountError::CountryMismatch {
            address: address.country().to_owned(),
            account: country.to_owned(),
        })
    }
}

/// A stored evidence is the one its typed number gives: the compact form and the offline verdict
/// are rebuilt with [`VatEvidence::of`], never trusted (a forged `compact` would otherwise put an
/// invalid number on invoices).
fn check_evidence(evidence: Option<&VatEvidence>, country: &str) -> Result<(), AccountError> {
    let Some(stored) = evidence else {
        return Ok(());
    };
    let rebuilt = VatEvidence::of(&stored.typed, country, stored.online.clone());
    if stored.compact != rebuilt.compact {
        return Err(invalid(
            "vat.compact",
            format_args!("{:?}", stored.compact),
            format!(
                "differs from {:?}, what the typed number {:?} gives in {country}",
                rebuilt.compact, stored.typed
            ),
        ));
    }
    if stored.offline_error != rebuilt.offline_error {
        return Err(invalid(
            "vat.offline_error",
            format_args!("{:?}", stored.offline_error),
            format!(
                "differs from {:?}, what the offline checks of the typed number {:?} give in {country}",
                rebuilt.offline_error, stored.typed
            ),
        ));
    }
    Ok(())
}

fn check_vat(evidence: Option<&VatEvidence>, address: &Party) -> Result<(), AccountError> {
    let expected = address_vat_number(evidence);
    if address.vat_number() != expected {
        return Err(AccountError::VatNumberMismatch {
            address: address.vat_number().map(str::to_owned),
            account: expected.map(str::to_owned),
        });
    }
    Ok(())
}

impl Account {
    /// A new account, waiting for its first payment, in the zone `Europe/Brussels`, with the
    /// default [`AccountOptions`] and no VAT number.
    ///
    /// `country` is where the customer is established (any case; `XI` for Northern Ireland) and
    /// must be the invoicing address's country; the invoicing address must not carry a VAT number
    /// of its own: [`with_vat_number`](Self::with_vat_number) gives the account's.
    ///
    /// # Errors
    /// [`AccountError::InvalidCountry`]; [`AccountError::CountryMismatch`] for an address in
    /// another country; [`AccountError::VatNumberMismatch`] for an address with a VAT number.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::account::Account;
    /// use envoi::ids::AccountId;
    /// use envoi::invoice::Party;
    /// use envoi::language::Language;
    /// use envoi::vat::CustomerKind;
    ///
    /// let at = "2026-03-02T09:00:00Z".parse()?;
    /// let address = Party::new("Jan Peeters", "BE")?;
    /// let error = Account::new(AccountId::new("a1")?, Language::Nl, CustomerKind::Consumer, "Belgium", address.clone(), at).unwrap_err();
    /// assert_eq!(error.code(), "account.invalid_country");
    /// let error = Account::new(AccountId::new("a1")?, Language::Nl, CustomerKind::Consumer, "NL", address, at).unwrap_err();
    /// assert_eq!(error.code(), "account.country_mismatch");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: AccountId,
        language: Language,
        customer_kind: CustomerKind,
        country: &str,
        invoicing_address: Party,
        created_at: Instant,
    ) -> Result<Account, AccountError> {
        let country = check_country(country)?;
        check_country_of(&invoicing_address, &country)?;
        check_vat(None, &invoicing_address)?;
        Ok(Account {
            id,
            language,
            zone: Zone::default(),
            customer_kind,
            country,
            vat: None,
            invoicing_address,
            options: AccountOptions::default(),
            created_at,
            state: AccountState::PendingPayment,
            history: Vec::new(),
        })
    }

    /// Reads an account the host stored (the JSON [`serde`] writes), checking the rules the methods
    /// keep: a legal, time-ordered history with reasons that ends in the state stored, a country, and
    /// an address whose VAT number is the account's.
    ///
    /// # Errors
    /// [`AccountError::InvalidAccount`] (`account.invalid_account`) naming the stored account (when
    /// its id can be read) and the field (`json` for text that is not an account's JSON, with its
    /// line and column); when a check of the methods refused it, the error of the rule broken is
    /// its [`source`](std::error::Error::source) and [`AccountError::inner_code`] its code.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::account::Account;
    /// # use envoi::{ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// # let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
    /// let mut account = Account::new(AccountId::new("a1")?, Language::En, CustomerKind::Business, "NL",
    ///     Party::new("Bakkerij BV", "NL")?, at("2026-03-02T09:00:00Z"))?;
    /// account.activate(at("2026-03-02T09:05:00Z"), "card payment")?;
    /// let text = serde_json::to_string(&account)?;
    /// let forged = text.replace(r#""state":"active""#, r#""state":"suspended""#);
    /// assert_eq!(Account::from_json(&forged).unwrap_err().code(), "account.invalid_account");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Account, AccountError> {
        let data: AccountData = serde_json::from_str(text).map_err(|error| {
            let error = invalid(
                "json",
                format_args!("line {} column {}", error.line(), error.column()),
                error.to_string(),
            );
            // Name the account when the text has an id to read, even if the rest is broken.
            match serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .as_ref()
                .and_then(|value| value.get("id")?.as_str().map(str::to_owned))
            {
                Some(id) => of_stored(&id, error),
                None => error,
            }
        })?;
        Account::try_from(data)
    }

    /// The account as JSON, as the host stores it; [`from_json`](Self::from_json) reads it back
    /// equal.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let mut account = Account::new(AccountId::new("a1")?, Language::En, CustomerKind::Business, "NL",
    ///     Party::new("Bakkerij BV", "NL")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// account.activate("2026-03-02T09:05:00Z".parse()?, "card payment")?;
    /// assert!(account.to_json().contains(r#""state":"active""#));
    /// assert_eq!(Account::from_json(&account.to_json())?, account);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        match serde_json::to_string(self) {
            Ok(text) => text,
            // Strings, numbers, booleans, arrays and string-keyed maps only: serde_json cannot fail.
            Err(error) => unreachable!("an account always serialises to JSON: {error}"),
        }
    }

    /// The same account with its wall-clock rules in `zone`.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("a1")?, Language::En, CustomerKind::Business, "US",
    ///     Party::new("Acme Inc.", "US")?, "2026-03-02T09:00:00Z".parse()?)?
    ///     .with_zone("America/New_York".parse()?);
    /// assert_eq!(account.zone().name(), "America/New_York");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_zone(self, zone: Zone) -> Account {
        Account { zone, ..self }
    }

    /// The same account with the VAT number the customer typed and the online check's answer, if
    /// the host made one: the [`VatEvidence`] is kept, and the invoicing address carries the
    /// compact number when it is valid offline and the online check did not say invalid (an invalid
    /// number is not an error: the VAT rules treat such a business as a consumer).
    ///
    /// # Errors
    /// [`AccountError::Address`] if the address refuses the number (an OSS `EU…` number).
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("a1")?, Language::Nl, CustomerKind::Business, "NL",
    ///     Party::new("Bakkerij BV", "NL")?, "2026-03-02T09:00:00Z".parse()?)?
    ///     .with_vat_number("NL 0044.95.445 B01", None)?;
    /// assert_eq!(account.vat_evidence().unwrap().compact.as_deref(), Some("NL004495445B01"));
    /// assert_eq!(account.invoicing_address().vat_number(), Some("NL004495445B01"));
    ///
    /// let typo = account.clone().with_vat_number("NL001241640B01", None)?;
    /// assert_eq!(typo.vat_evidence().unwrap().offline_error.as_deref(), Some("vat.bad_check_digit"));
    /// assert_eq!(typo.invoicing_address().vat_number(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_vat_number(
        self,
        typed: &str,
        online: Option<OnlineCheck>,
    ) -> Result<Account, AccountError> {
        let evidence = VatEvidence::of(typed, &self.country, online);
        let address = match address_vat_number(Some(&evidence)) {
            Some(number) => self.invoicing_address.clone().with_vat_number(number)?,
            None => self.invoicing_address.clone().without_vat_number(),
        };
        Ok(Account {
            vat: Some(evidence),
            invoicing_address: address,
            ..self
        })
    }

    /// The same account with another invoicing address; the address carries the account's VAT
    /// number (the one [`with_vat_number`](Self::with_vat_number) gave), so give it without one.
    ///
    /// # Errors
    /// [`AccountError::CountryMismatch`] for an address in another country than the account's;
    /// [`AccountError::VatNumberMismatch`] for an address with a VAT number of its own.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("a1")?, Language::De, CustomerKind::Business, "DE",
    ///     Party::new("Kunde GmbH", "DE")?, "2026-03-02T09:00:00Z".parse()?)?
    ///     .with_vat_number("DE136695976", None)?
    ///     .with_invoicing_address(Party::new("Kunde GmbH", "DE")?.with_address("Unter den Linden 1", "Berlin", "10117")?)?;
    /// assert_eq!(account.invoicing_address().city(), Some("Berlin"));
    /// assert_eq!(account.invoicing_address().vat_number(), Some("DE136695976"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_invoicing_address(self, address: Party) -> Result<Account, AccountError> {
        check_country_of(&address, &self.country)?;
        check_vat(None, &address)?;
        let address = match address_vat_number(self.vat.as_ref()) {
            Some(number) => address.with_vat_number(number)?,
            None => address,
        };
        Ok(Account {
            invoicing_address: address,
            ..self
        })
    }

    /// The same account with other options.
    ///
    /// ```
    /// # use envoi::{account::{Account, AccountOptions}, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// use envoi::contacts::Channel;
    /// let mut options = AccountOptions::default();
    /// options.enable(Channel::Sms, "2026-03-02T09:00:00Z".parse()?);
    /// let account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?
    ///     .with_options(options);
    /// assert!(account.options().is_enabled(Channel::Sms));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_options(self, options: AccountOptions) -> Account {
        Account { options, ..self }
    }

    /// The account's id.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.id().to_string(), "acc_42");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn id(&self) -> &AccountId {
        &self.id
    }

    /// The language of the account's interface, invoices and messages to it.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.language(), Language::Fr);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn language(&self) -> Language {
        self.language
    }

    /// The time zone of every wall-clock rule of the account.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.zone().name(), "Europe/Brussels"); // the default
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Business or consumer.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.customer_kind(), CustomerKind::Business);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn customer_kind(&self) -> CustomerKind {
        self.customer_kind
    }

    /// The country the customer is established in: ISO 3166-1 alpha-2 in capitals, or `XI`.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.country(), "BE"); // given as "be"
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The evidence of the VAT number the customer gave, if any.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert!(account.vat_evidence().is_none());
    /// let account = account.with_vat_number("BE 0403.170.701", None)?;
    /// let evidence = account.vat_evidence().unwrap();
    /// assert_eq!((evidence.typed.as_str(), evidence.compact.as_deref()), ("BE 0403.170.701", Some("BE0403170701")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn vat_evidence(&self) -> Option<&VatEvidence> {
        self.vat.as_ref()
    }

    /// The invoicing address: the buyer of the account's invoices.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.invoicing_address().country(), "BE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn invoicing_address(&self) -> &Party {
        &self.invoicing_address
    }

    /// The account's options.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert!(account.options().is_enabled(envoi::contacts::Channel::Email));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn options(&self) -> &AccountOptions {
        &self.options
    }

    /// The account's options, to change them (channels, approval, thresholds).
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// account.options_mut().set_letter_approval(7, true);
    /// assert!(account.options().letter_approval_required(7));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn options_mut(&mut self) -> &mut AccountOptions {
        &mut self.options
    }

    /// When the account was created.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.created_at().to_rfc3339(), "2026-03-02T09:00:00+00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn created_at(&self) -> Instant {
        self.created_at
    }

    /// The current state (after the last recorded change).
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert_eq!(account.state(), envoi::account::AccountState::PendingPayment);
    /// let mut account = account;
    /// account.activate("2026-03-03T09:00:00Z".parse()?, "paid")?;
    /// assert_eq!(account.state(), envoi::account::AccountState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state(&self) -> AccountState {
        self.state
    }

    /// Every change of state, oldest first.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("acc_42")?, Language::Fr, CustomerKind::Business, "be",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    ///    assert!(account.history().is_empty());
    /// let mut account = account;
    /// account.activate("2026-03-03T09:00:00Z".parse()?, "paid")?;
    /// account.suspend("2026-04-03T09:00:00Z".parse()?, "unpaid")?;
    /// let reasons: Vec<&str> = account.history().iter().map(|change| change.reason.as_str()).collect();
    /// assert_eq!(reasons, ["paid", "unpaid"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&self) -> &[StateChange] {
        &self.history
    }

    /// The state at `at`: after every change made at or before `at` (a change takes effect at its
    /// instant); before the first change, `pending_payment`.
    ///
    /// ```
    /// # use envoi::{account::{Account, AccountState}, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// # let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, at("2026-03-02T09:00:00Z"))?;
    /// account.activate(at("2026-03-03T09:00:00Z"), "paid")?;
    /// assert_eq!(account.state_at(at("2026-03-03T08:59:59Z")), AccountState::PendingPayment);
    /// assert_eq!(account.state_at(at("2026-03-03T09:00:00Z")), AccountState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn state_at(&self, at: Instant) -> AccountState {
        self.change_in_force(at)
            .map_or(AccountState::PendingPayment, |change| change.to)
    }

    fn change_in_force(&self, at: Instant) -> Option<&StateChange> {
        let after = self.history.partition_point(|change| change.at <= at);
        after
            .checked_sub(1)
            .and_then(|index| self.history.get(index))
    }

    /// Whether the account may send at `at`: only an active account sends.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// assert!(!account.may_send("2026-03-02T10:00:00Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn may_send(&self, at: Instant) -> bool {
        self.state_at(at).sends()
    }

    /// `Ok` when the account may send at `at`, else why not: the engine asks this before every send.
    ///
    /// # Errors
    /// [`AccountError::PendingPayment`] (`account.pending_payment`) or [`AccountError::Suspended`]
    /// (`account.suspended`, with the time and reason of the suspension).
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// # let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, at("2026-03-02T09:00:00Z"))?;
    /// account.activate(at("2026-03-02T09:00:00Z"), "card payment")?;
    /// account.suspend(at("2026-04-02T09:00:00Z"), "chargeback")?;
    /// let error = account.require_active(at("2026-04-03T09:00:00Z")).unwrap_err();
    /// assert_eq!(error.to_string(), "account a1: suspended since 2026-04-02 09:00:00 UTC (chargeback); a suspended account sends nothing");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_active(&self, at: Instant) -> Result<(), AccountError> {
        match self.change_in_force(at) {
            Some(change) if change.to == AccountState::Active => Ok(()),
            Some(change) if change.to == AccountState::Suspended => Err(AccountError::Suspended {
                account: self.id.to_string(),
                since: change.at,
                reason: change.reason.clone(),
            }),
            _ => Err(AccountError::PendingPayment {
                account: self.id.to_string(),
                since: self.created_at,
            }),
        }
    }

    /// `Ok` when the account may send on `channel` at `at`: active, and the channel enabled.
    ///
    /// # Errors
    /// As [`require_active`](Self::require_active), then [`AccountError::ChannelDisabled`].
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// use envoi::ErrorCode;
    /// use envoi::contacts::Channel;
    /// # let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, at("2026-03-02T09:00:00Z"))?;
    /// account.activate(at("2026-03-02T09:00:00Z"), "card payment")?;
    /// assert!(account.require_channel(Channel::Email, at("2026-03-02T10:00:00Z")).is_ok());
    /// let error = account.require_channel(Channel::Sms, at("2026-03-02T10:00:00Z")).unwrap_err();
    /// assert_eq!(error.code(), "account.channel_disabled");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require_channel(&self, channel: Channel, at: Instant) -> Result<(), AccountError> {
        self.require_active(at)?;
        if self.options.is_enabled(channel) {
            Ok(())
        } else {
            Err(AccountError::ChannelDisabled {
                account: self.id.to_string(),
                channel,
            })
        }
    }

    /// Changes the state to `to` at `at` for `reason`, and records the change.
    ///
    /// # Errors
    /// [`AccountError::IllegalTransition`] naming both states (the same state included);
    /// [`AccountError::TimeWentBack`] for a time before the last change or the creation;
    /// [`AccountError::MissingReason`] for a blank reason. A refused change records nothing.
    ///
    /// ```
    /// # use envoi::{account::{Account, AccountState}, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// use envoi::ErrorCode;
    /// # let at = |s: &str| s.parse::<envoi::time::Instant>().unwrap();
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, at("2026-03-02T09:00:00Z"))?;
    /// let error = account.change_state(AccountState::Suspended, at("2026-03-03T09:00:00Z"), "fraud").unwrap_err();
    /// assert_eq!(error.code(), "account.illegal_transition");
    /// let error = account.change_state(AccountState::Active, at("2026-03-01T09:00:00Z"), "paid").unwrap_err();
    /// assert_eq!(error.code(), "account.time_went_back");
    /// let change = account.change_state(AccountState::Active, at("2026-03-03T09:00:00Z"), "paid")?;
    /// assert_eq!((change.from, change.to), (AccountState::PendingPayment, AccountState::Active));
    /// assert_eq!(account.history().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn change_state(
        &mut self,
        to: AccountState,
        at: Instant,
        reason: &str,
    ) -> Result<&StateChange, AccountError> {
        if !self.state.can_become(to) {
            return Err(AccountError::IllegalTransition {
                account: self.id.to_string(),
                from: self.state,
                to,
            });
        }
        let last = self
            .history
            .last()
            .map_or(self.created_at, |change| change.at);
        if at < last {
            return Err(AccountError::TimeWentBack {
                account: self.id.to_string(),
                field: "at".to_owned(),
                at,
                last,
            });
        }
        if reason.trim().is_empty() {
            return Err(AccountError::MissingReason {
                account: self.id.to_string(),
                value: reason.chars().take(40).collect(),
            });
        }
        self.history.push(StateChange {
            from: self.state,
            to,
            at,
            reason: reason.to_owned(),
        });
        self.state = to;
        Ok(self
            .history
            .last()
            .unwrap_or_else(|| unreachable!("just pushed")))
    }

    /// Activates the account (its payment arrived, or it is reactivated after a suspension).
    ///
    /// # Errors
    /// As [`change_state`](Self::change_state): an active account is not activated again.
    ///
    /// ```
    /// # use envoi::{account::{Account, AccountState}, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// account.activate("2026-03-02T09:00:00Z".parse()?, "card payment")?;
    /// assert_eq!(account.state(), AccountState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn activate(&mut self, at: Instant, reason: &str) -> Result<&StateChange, AccountError> {
        self.change_state(AccountState::Active, at, reason)
    }

    /// Suspends an active account: it sends nothing until activated again.
    ///
    /// # Errors
    /// As [`change_state`](Self::change_state): only an active account is suspended.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language, vat::CustomerKind};
    /// use envoi::ErrorCode;
    /// let mut account = Account::new(AccountId::new("a1")?, Language::Fr, CustomerKind::Business, "BE",
    ///     Party::new("Dupont SPRL", "BE")?, "2026-03-02T09:00:00Z".parse()?)?;
    /// let error = account.suspend("2026-03-03T09:00:00Z".parse()?, "unpaid").unwrap_err();
    /// assert_eq!(error.to_string(), "account a1: pending_payment → suspended is not allowed; pending_payment goes to active");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn suspend(&mut self, at: Instant, reason: &str) -> Result<&StateChange, AccountError> {
        self.change_state(AccountState::Suspended, at, reason)
    }

    /// The VAT request of a supply to this account on `date`: its country, kind, VAT number as typed,
    /// the answer of the online check the host made **for this order** (`online`), and whether the
    /// exemption was asked for (only at order time, SPEC section 7). Add the B2C totals with
    /// [`TreatmentRequest::with_b2c_totals`] before [`crate::vat::treatment`].
    ///
    /// The answer stored by [`with_vat_number`](Self::with_vat_number) is never reused: it may be
    /// months old. SPEC section 7 Decision: without an online check at order time (`None`) a
    /// business exemption is `pending_verification`, never a silent reverse charge.
    ///
    /// ```
    /// # use envoi::{account::Account, ids::AccountId, invoice::Party, language::Language};
    /// use envoi::vat::{treatment, CustomerKind, OnlineCheck, RateTable, ServiceKind, TreatmentKind};
    /// let answer = OnlineCheck { valid: true, request_id: Some("WAPIAAAAW1Fz5rY0".into()), checked_at: None };
    /// let account = Account::new(AccountId::new("a1")?, Language::Nl, CustomerKind::Business, "NL",
    ///     Party::new("Bakkerij BV", "NL")?, "2026-03-02T09:00:00Z".parse()?)?
    ///     .with_vat_number("NL004495445B01", Some(answer.clone()))?;
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    /// let checked_now = account.treatment_request(ServiceKind::Electronic, date, Some(answer), true);
    /// assert_eq!(treatment(&checked_now, RateTable::builtin())?.kind(), TreatmentKind::ReverseCharge);
    /// let not_checked = account.treatment_request(ServiceKind::Electronic, date, None, true);
    /// assert_eq!(treatment(&not_checked, RateTable::builtin())?.kind(), TreatmentKind::PendingVerification);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn treatment_request(
        &self,
        service: ServiceKind,
        date: NaiveDate,
        online: Option<OnlineCheck>,
        exemption_requested: bool,
    ) -> TreatmentRequest {
        let mut request =
            TreatmentRequest::new(self.country.clone(), self.customer_kind, service, date);
        if let Some(evidence) = &self.vat {
            request = request.with_vat_number(evidence.typed.clone());
            if let Some(online) = online {
                request = request.with_online_check(online);
            }
        }
        if exemption_requested {
            request = request.with_exemption_requested();
        }
        request
    }
}
