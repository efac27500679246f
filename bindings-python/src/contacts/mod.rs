//! `envoi.contacts`: phone numbers, email addresses, contacts, groups, the account's SMS option,
//! opt-out replies (mirrors `envoi::contacts`), and the CSV import ([`import`] ↔
//! `envoi::contacts::import`).
//!
//! Only conversions. Regions are ISO codes (`"BE"`), read by the core's `Region::parse`
//! (`contacts.unknown_region`); channels (`"email"`, `"sms"`, `"secure_email"`, `"letter"`),
//! notification kinds (`"document"`, `"message"`, `"reminder"`, `"route"`), phone kinds
//! (`"mobile"`, `"fixed_line"`…) and reply actions (`"opt_out"`, `"opt_in"`) are the core's
//! snake_case names. A consent source is its serde form: a dict (`{"type": "sms_reply",
//! "keyword": "STOP"}`) or, for the sources without fields, the type alone (`"account_user"`).
//! Instants in are aware `datetime`s (`at=None` reads the real clock); instants out are
//! `datetime`s in UTC.
//!
//! A [`Contact`] is the core's `Contact` behind a lock: its getters read it, `opt_out`, `opt_in`
//! and `apply_reply` change it in place (the core's methods), and its JSON form is the core's serde
//! form. A [`ContactError`] becomes `envoi.ContactError` with the core's code and message and the
//! variant's fields as attributes ([`contact_err`]).

pub(crate) mod import;

use std::collections::BTreeMap;

use envoi::contacts::{
    AccountSmsOption as CoreSmsOption, Channel, ConsentSource, Contact as CoreContact,
    ContactError, NotificationKind, PhoneProblem, Refusal as CoreRefusal,
};
use envoi::ids::{ContactId, GroupId};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::credits::repr;
use crate::errors::{guard, to_py_err, to_py_err_with_fields};
use crate::token::{
    Shared, from_json, json_to_py, now_arg, optional_utc_datetime, py_to_json, serde_arg,
    serde_name, to_json, utc_datetime,
};
use crate::vat::language_arg;

// ---- Errors --------------------------------------------------------------------------------------

/// The Python exception of a contact error: `envoi.ContactError` with the variant's fields as
/// attributes.
pub(crate) fn contact_err(py: Python<'_>, error: ContactError) -> PyErr {
    let fields = PyDict::new(py);
    match contact_fields(&fields, &error) {
        Ok(()) => to_py_err_with_fields(py, error, &fields),
        Err(failure) => failure,
    }
}

/// Sets the fields of a contact error, named as the core names them; a phone number's reason adds
/// the problem's own fields (`character`, `position`, `length`, `max`, `e164`, `region`,
/// `country_code`).
pub(crate) fn contact_fields(fields: &Bound<'_, PyDict>, error: &ContactError) -> PyResult<()> {
    let py = fields.py();
    match error {
        ContactError::UnknownRegion { value } => fields.set_item("value", value)?,
        ContactError::InvalidPhone { value, reason } => {
            fields.set_item("value", value)?;
            fields.set_item("reason", reason.to_string())?;
            phone_problem_fields(fields, reason)?;
        }
        ContactError::InvalidEmail { value, reason } => {
            fields.set_item("value", value)?;
            fields.set_item("reason", reason)?;
        }
        ContactError::UnknownContact { ids } => {
            let ids: Vec<&str> = ids.iter().map(ContactId::as_str).collect();
            fields.set_item("ids", ids)?;
        }
        ContactError::ConsentOutOfOrder {
            channel,
            action,
            at,
            last,
        } => {
            fields.set_item("channel", channel.as_str())?;
            fields.set_item("action", action)?;
            fields.set_item("at", utc_datetime(py, *at).ok())?;
            fields.set_item("last", utc_datetime(py, *last).ok())?;
        }
        // A variant added to the core later still raises with its code and message.
        _ => {}
    }
    Ok(())
}

/// The fields of why a phone number was refused.
fn phone_problem_fields(fields: &Bound<'_, PyDict>, problem: &PhoneProblem) -> PyResult<()> {
    match problem {
        PhoneProblem::UnexpectedCharacter {
            character,
            position,
        } => {
            fields.set_item("character", character.to_string())?;
            fields.set_item("position", position)?;
        }
        PhoneProblem::TextTooLong { len, max } => {
            fields.set_item("length", len)?;
            fields.set_item("max", max)?;
        }
        PhoneProblem::NotReproducible { e164 } => fields.set_item("e164", e164)?,
        PhoneProblem::InvalidForRegion {
            region,
            country_code,
        } => {
            fields.set_item("region", region.as_ref().map(|region| region.as_str()))?;
            fields.set_item("country_code", country_code)?;
        }
        _ => {}
    }
    Ok(())
}

// ---- Arguments -----------------------------------------------------------------------------------

/// A region argument (`"BE"`), read by the core (`contacts.unknown_region`).
pub(crate) fn region_arg(py: Python<'_>, region: &str) -> PyResult<envoi::contacts::Region> {
    envoi::contacts::Region::parse(region).map_err(|error| contact_err(py, error))
}

/// A channel argument: its snake_case name.
fn channel_arg(channel: &str) -> PyResult<Channel> {
    serde_arg!(channel, "channel")
}

/// A consent source: its serde form (a dict), or the type alone for a source without fields.
fn source_arg(source: &Bound<'_, PyAny>) -> PyResult<ConsentSource> {
    let json = if let Ok(kind) = source.cast::<PyString>() {
        serde_json::json!({ "type": kind.to_str()? }).to_string()
    } else if source.cast::<PyDict>().is_ok() {
        py_to_json(source)?
    } else {
        return Err(PyTypeError::new_err(format!(
            "source: expected a dict such as {{\"type\": \"account_user\"}} or a type name, not {}",
            source.get_type().name()?
        )));
    };
    serde_json::from_str(&json)
        .map_err(|error| pyo3::exceptions::PyValueError::new_err(format!("source: {error}")))
}

/// A consent source as its serde form, a dict.
fn source_to_py<'py>(py: Python<'py>, source: &ConsentSource) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &to_json!(source, "source")?)
}

/// An id argument (`ContactId`): the core checks it (`envoi.IdError`).
fn contact_id_arg(py: Python<'_>, id: &str) -> PyResult<ContactId> {
    ContactId::new(id).map_err(|error| to_py_err(py, error))
}

// ---- Phone numbers and email addresses -----------------------------------------------------------

/// A valid phone number in E.164 form, with the kind of line it is. Made by `normalize_phone` or
/// `PhoneNumber.parse_e164`; `str()` is the E.164 text. Immutable, hashable.
#[pyclass(module = "envoi.contacts", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(pub(crate) envoi::contacts::PhoneNumber);

#[pymethods]
impl PhoneNumber {
    /// A number given in E.164 form exactly (`"+32475123456"`). Raises `envoi.ContactError`
    /// (`contacts.invalid_phone`) for any other form.
    #[staticmethod]
    fn parse_e164(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::contacts::PhoneNumber::parse_e164(text)
                .map(PhoneNumber)
                .map_err(|error| contact_err(py, error))
        })
    }

    /// The E.164 text: `+`, the country code and the national number.
    #[getter]
    fn e164(&self) -> &str {
        self.0.e164()
    }

    /// The kind of line: `"mobile"`, `"fixed_line"`, `"fixed_line_or_mobile"`, `"toll_free"`,
    /// `"premium_rate"`, `"shared_cost"`, `"voip"`, `"personal_number"`, `"pager"` or `"other"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }

    /// Whether the numbering plan says it is a mobile number (not when it cannot tell).
    #[getter]
    fn is_mobile(&self) -> bool {
        self.0.is_mobile()
    }

    /// The country calling code (32 for Belgium).
    #[getter]
    fn country_code(&self) -> u16 {
        self.0.country_code()
    }

    fn __str__(&self) -> &str {
        self.0.e164()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let parse = py
            .get_type::<PhoneNumber>()
            .getattr(pyo3::intern!(py, "parse_e164"))?;
        Ok((parse, (self.0.e164().to_owned(),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "PhoneNumber(e164={:?}, kind={:?})",
            self.0.e164(),
            self.0.kind().as_str()
        )
    }
}

/// Reads a phone number as people write it (`"0475 12 34 56"`, `"+32 475 12 34 56"`,
/// `"0032475123456"`), numbers without a country code in `default_region`. Raises
/// `envoi.ContactError`: `contacts.invalid_phone` (`value`, `reason` and the reason's fields),
/// `contacts.unknown_region` (`value`).
#[pyfunction]
#[pyo3(signature = (text, default_region = "BE"))]
pub fn normalize_phone(py: Python<'_>, text: &str, default_region: &str) -> PyResult<PhoneNumber> {
    guard(py, || {
        let region = region_arg(py, default_region)?;
        envoi::contacts::normalize_phone(text, region)
            .map(PhoneNumber)
            .map_err(|error| contact_err(py, error))
    })
}

/// An email address whose syntax was checked (RFC 5321/5322): the domain in lower case, the local
/// part as written. `str()` is the address. Immutable, hashable.
#[pyclass(module = "envoi.contacts", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(pub(crate) envoi::contacts::EmailAddress);

#[pymethods]
impl EmailAddress {
    /// Checks an address. Raises `envoi.ContactError` (`contacts.invalid_email`, with `value` and
    /// `reason`).
    #[new]
    fn new(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            envoi::contacts::EmailAddress::parse(text)
                .map(EmailAddress)
                .map_err(|error| contact_err(py, error))
        })
    }

    /// The address.
    #[getter]
    fn address(&self) -> &str {
        self.0.as_str()
    }

    /// The part before the `@`.
    #[getter]
    fn local_part(&self) -> &str {
        self.0.local_part()
    }

    /// The part after the `@`, in lower case.
    #[getter]
    fn domain(&self) -> &str {
        self.0.domain()
    }

    fn __str__(&self) -> &str {
        self.0.as_str()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            py.get_type::<EmailAddress>().into_any(),
            (self.0.as_str().to_owned(),),
        ))
    }

    fn __repr__(&self) -> String {
        format!("EmailAddress({:?})", self.0.as_str())
    }
}

/// Checks an email address's syntax: the `EmailAddress`, or `envoi.ContactError`
/// (`contacts.invalid_email`).
#[pyfunction]
pub fn validate_email(py: Python<'_>, text: &str) -> PyResult<EmailAddress> {
    EmailAddress::new(py, text)
}

/// An email argument: an `EmailAddress` or text checked by the core.
fn email_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<envoi::contacts::EmailAddress> {
    if let Ok(email) = value.cast::<EmailAddress>() {
        return Ok(email.get().0.clone());
    }
    let text: &str = value.extract()?;
    envoi::contacts::EmailAddress::parse(text).map_err(|error| contact_err(py, error))
}

/// A mobile argument: a `PhoneNumber` or E.164 text (`PhoneNumber.parse_e164`).
fn mobile_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<envoi::contacts::PhoneNumber> {
    if let Ok(number) = value.cast::<PhoneNumber>() {
        return Ok(number.get().0.clone());
    }
    let text: &str = value.extract()?;
    envoi::contacts::PhoneNumber::parse_e164(text).map_err(|error| contact_err(py, error))
}

// ---- Replies -------------------------------------------------------------------------------------

/// A reply recognised as a keyword: the keyword (upper case, without accents), the languages that
/// use it and the action (`"opt_out"` or `"opt_in"`). Immutable, hashable.
#[pyclass(module = "envoi.contacts", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReplyKeyword(pub(crate) envoi::contacts::ReplyKeyword);

#[pymethods]
impl ReplyKeyword {
    /// The keyword as envoi lists it (`"ARRET"` for `arrêt`).
    #[getter]
    fn keyword(&self) -> &'static str {
        self.0.keyword
    }

    /// The language codes that use it.
    #[getter]
    fn languages(&self) -> Vec<&'static str> {
        self.0
            .languages
            .iter()
            .map(|language| language.code())
            .collect()
    }

    /// `"opt_out"` or `"opt_in"`.
    #[getter]
    fn action(&self) -> String {
        serde_name!(self.0.action)
    }

    fn __repr__(&self) -> String {
        format!(
            "ReplyKeyword(keyword={:?}, languages={:?}, action={:?})",
            self.0.keyword,
            self.languages(),
            self.action()
        )
    }
}

/// Classifies an inbound SMS reply: the opt-out or opt-in keyword it is (the whole message, case,
/// accents and final punctuation aside), or None.
#[pyfunction]
pub fn classify_reply(py: Python<'_>, text: &str) -> PyResult<Option<ReplyKeyword>> {
    guard(py, || {
        Ok(envoi::contacts::classify_reply(text).map(ReplyKeyword))
    })
}

/// Every keyword `classify_reply` recognises, opt-outs first.
#[pyfunction]
pub fn reply_keywords() -> Vec<ReplyKeyword> {
    envoi::contacts::reply_keywords()
        .iter()
        .copied()
        .map(ReplyKeyword)
        .collect()
}

// ---- Account SMS option --------------------------------------------------------------------------

/// The account-level SMS option: while off nobody gets SMS; switching it on turns SMS on for the
/// contacts created from then on (`new_contact_preferences`), existing contacts keep theirs.
/// Mutable (by `switch`) and safe to share between threads; its JSON form is the core's.
#[pyclass(module = "envoi.contacts", frozen)]
pub struct AccountSmsOption(Shared<CoreSmsOption>);

impl AccountSmsOption {
    /// The Python option of a core option (a copy: switching it changes only the copy).
    pub(crate) fn from_core(option: CoreSmsOption) -> Self {
        AccountSmsOption(Shared::new(option, "AccountSmsOption"))
    }

    pub(crate) fn snapshot(&self, py: Python<'_>) -> PyResult<CoreSmsOption> {
        self.0.snapshot(py)
    }
}

#[pymethods]
impl AccountSmsOption {
    /// The option, off by default; `changed_at` when it was last switched.
    #[new]
    #[pyo3(signature = (enabled = false, changed_at = None))]
    fn new(enabled: bool, changed_at: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let changed_at = match changed_at.filter(|value| !value.is_none()) {
            Some(value) => Some(crate::time::instant_arg(value, "changed_at")?),
            None => None,
        };
        Ok(AccountSmsOption(Shared::new(
            CoreSmsOption {
                enabled,
                changed_at,
            },
            "AccountSmsOption",
        )))
    }

    /// Whether the account sends SMS.
    #[getter]
    fn enabled(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.0.lock(py)?.enabled)
    }

    /// When it was last switched (UTC), or None.
    #[getter]
    fn changed_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let at = self.0.lock(py)?.changed_at;
        optional_utc_datetime(py, at)
    }

    /// Switches the option at `at` (None: now); False (nothing changes) if it already was so.
    #[pyo3(signature = (enabled, at = None))]
    fn switch(
        &self,
        py: Python<'_>,
        enabled: bool,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            Ok(self.0.lock(py)?.switch(enabled, at))
        })
    }

    /// The preferences of a contact created now: `{"email": True, "sms": <the option>}`.
    fn new_contact_preferences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let preferences = self.0.lock(py)?.new_contact_preferences();
        let dict = PyDict::new(py);
        dict.set_item("email", preferences.email)?;
        dict.set_item("sms", preferences.sms)?;
        Ok(dict)
    }

    /// The option's JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "AccountSmsOption"))
    }

    /// The option of a JSON form written by `to_json`. Raises `ValueError` when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "AccountSmsOption")
                .map(|option| AccountSmsOption(Shared::new(option, "AccountSmsOption")))
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, Self>) -> PyResult<bool> {
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.snapshot(py)? == other.get().snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<AccountSmsOption>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((
                from_json,
                (to_json!(&*self.0.lock(py)?, "AccountSmsOption")?,),
            ))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            repr(
                "AccountSmsOption",
                &[
                    (
                        "enabled",
                        self.enabled(py)?.into_pyobject(py)?.to_owned().into_any(),
                    ),
                    ("changed_at", self.changed_at(py)?.into_pyobject(py)?),
                ],
            )
        })
    }
}

// ---- Refusals and opt-outs -----------------------------------------------------------------------

/// Why a contact may not be sent something on a channel (a recipient to skip and report): the
/// core's stable `code` (`contacts.opted_out`, `contacts.sms_off_for_account`,
/// `contacts.preference_off`, `contacts.no_address`, `contacts.not_mobile`,
/// `contacts.notification_off`), its `message`, and the variant's fields (None where it has none).
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct Refusal {
    /// The stable code.
    code: &'static str,
    /// The core's message.
    message: String,
    /// The channel asked for (`opted_out`, `preference_off`, `no_address`).
    channel: Option<&'static str>,
    /// The channel of the opt-out in force (`opted_out`: `"email"` for a secure email).
    opted_out_of: Option<&'static str>,
    /// When the opt-out was made, UTC (`opted_out`).
    since: Option<Py<PyAny>>,
    /// How it was made, a consent source dict (`opted_out`).
    origin: Option<Py<PyAny>>,
    /// The number, E.164 (`not_mobile`).
    number: Option<String>,
    /// The number's kind (`not_mobile`) or the notification kind (`notification_off`).
    kind: Option<&'static str>,
}

impl Refusal {
    fn of(py: Python<'_>, refusal: &CoreRefusal) -> PyResult<Self> {
        use envoi::ErrorCode;
        let mut built = Refusal {
            code: refusal.code(),
            message: refusal.to_string(),
            channel: None,
            opted_out_of: None,
            since: None,
            origin: None,
            number: None,
            kind: None,
        };
        match refusal {
            CoreRefusal::OptedOut {
                channel,
                opted_out_of,
                since,
                origin,
            } => {
                built.channel = Some(channel.as_str());
                built.opted_out_of = Some(opted_out_of.as_str());
                built.since = Some(utc_datetime(py, *since)?.unbind());
                built.origin = Some(source_to_py(py, origin)?.unbind());
            }
            CoreRefusal::PreferenceOff { channel } | CoreRefusal::NoAddress { channel } => {
                built.channel = Some(channel.as_str());
            }
            CoreRefusal::NotMobile { number, kind } => {
                built.number = Some(number.clone());
                built.kind = Some(kind.as_str());
            }
            CoreRefusal::NotificationOff { kind } => built.kind = Some(kind.as_str()),
            _ => {}
        }
        Ok(built)
    }
}

#[pymethods]
impl Refusal {
    fn __str__(&self) -> &str {
        &self.message
    }

    fn __repr__(&self) -> String {
        format!("Refusal(code={:?}, message={:?})", self.code, self.message)
    }
}

/// The end of an opt-out: when (UTC) and how (a consent source dict).
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct OptIn {
    /// When.
    at: Py<PyAny>,
    /// How: a consent source dict.
    source: Py<PyAny>,
}

/// An opt-out from one channel: when (UTC) and how, and the opt-in that lifted it, if any.
#[pyclass(module = "envoi.contacts", frozen, get_all)]
pub struct OptOut {
    /// The channel.
    channel: &'static str,
    /// When the contact opted out.
    at: Py<PyAny>,
    /// How: a consent source dict.
    source: Py<PyAny>,
    /// The opt-in that ended it, or None (in force).
    lifted: Option<Py<OptIn>>,
}

impl OptOut {
    fn of(py: Python<'_>, opt_out: &envoi::contacts::OptOut) -> PyResult<Self> {
        let lifted = match &opt_out.lifted {
            Some(lifted) => Some(Py::new(
                py,
                OptIn {
                    at: utc_datetime(py, lifted.at)?.unbind(),
                    source: source_to_py(py, &lifted.source)?.unbind(),
                },
            )?),
            None => None,
        };
        Ok(OptOut {
            channel: opt_out.channel.as_str(),
            at: utc_datetime(py, opt_out.at)?.unbind(),
            source: source_to_py(py, &opt_out.source)?.unbind(),
            lifted,
        })
    }
}

#[pymethods]
impl OptOut {
    /// Whether the opt-out is in force (not lifted).
    #[getter]
    fn is_active(&self) -> bool {
        self.lifted.is_none()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        repr(
            "OptOut",
            &[
                ("channel", PyString::new(py, self.channel).into_any()),
                ("at", self.at.bind(py).clone()),
                ("source", self.source.bind(py).clone()),
                (
                    "is_active",
                    self.is_active().into_pyobject(py)?.to_owned().into_any(),
                ),
            ],
        )
    }
}

// ---- Contact -------------------------------------------------------------------------------------

/// A person in an account's address book: every field of the core's `Contact`. Plain data the host
/// stores (`to_json` / `Contact.from_json`, the core's serde form, the same in every binding).
///
/// `mobile` is a `PhoneNumber` (E.164 text accepted), `email` an `EmailAddress` (text accepted),
/// `language` a code (`"fr"`), `time_zone` an IANA name; `preferences` is
/// `{"email": bool, "sms": bool}` (default email on, SMS off) and `notifications`
/// `{"documents", "messages", "reminders", "routes": bool}` (all on). Opt-outs are added by
/// `opt_out`, `opt_in` and `apply_reply`, which change the contact in place. Safe to share between
/// threads.
#[pyclass(module = "envoi.contacts", frozen)]
pub struct Contact(pub(crate) Shared<CoreContact>);

impl Contact {
    pub(crate) fn from_core(contact: CoreContact) -> Self {
        Contact(Shared::new(contact, "Contact"))
    }

    fn read<R>(&self, py: Python<'_>, read: impl FnOnce(&CoreContact) -> R) -> PyResult<R> {
        let contact = self.0.lock(py)?;
        Ok(read(&contact))
    }
}

/// The contact of a `Contact` argument, copied.
pub(crate) fn contact_of(py: Python<'_>, contact: &Bound<'_, Contact>) -> PyResult<CoreContact> {
    contact.get().0.snapshot(py)
}

/// A dict of booleans with exactly `names` (each optional) over `defaults`.
fn switches_arg<const N: usize>(
    value: &Bound<'_, PyAny>,
    what: &str,
    names: [&str; N],
    mut values: [bool; N],
) -> PyResult<[bool; N]> {
    let dict = value.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: expected a dict of booleans ({})",
            names.join(", ")
        ))
    })?;
    for (key, item) in dict.iter() {
        let key: String = key.extract()?;
        let Some(index) = names.iter().position(|name| *name == key) else {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{what}: unknown key {key:?}; the keys are {}",
                names.join(", ")
            )));
        };
        values[index] = item.extract()?;
    }
    Ok(values)
}

#[pymethods]
impl Contact {
    /// A contact. Raises `envoi.ContactError` (`contacts.invalid_email`, `contacts.invalid_phone`
    /// for a mobile not in E.164 form: use `normalize_phone` first), `envoi.IdError`,
    /// `envoi.LanguageError` and `envoi.TimeError` (`time.unknown_zone`).
    #[new]
    #[pyo3(signature = (*, id = None, first_name = "", last_name = "",
        email = None, mobile = None, custom_fields = None, language = None, time_zone = None,
        preferences = None, notifications = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        id: Option<&str>,
        first_name: &str,
        last_name: &str,
        email: Option<&Bound<'_, PyAny>>,
        mobile: Option<&Bound<'_, PyAny>>,
        custom_fields: Option<BTreeMap<String, String>>,
        language: Option<&str>,
        time_zone: Option<&str>,
        preferences: Option<&Bound<'_, PyAny>>,
        notifications: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(py, || {
            let mut contact = CoreContact::new();
            contact.id = id.map(|id| contact_id_arg(py, id)).transpose()?;
            contact.first_name = first_name.to_owned();
            contact.last_name = last_name.to_owned();
            contact.email = match email.filter(|value| !value.is_none()) {
                Some(value) => Some(email_arg(py, value)?),
                None => None,
            };
            contact.mobile = match mobile.filter(|value| !value.is_none()) {
                Some(value) => Some(mobile_arg(py, value)?),
                None => None,
            };
            contact.custom_fields = custom_fields.unwrap_or_default();
            contact.language = language.map(|code| language_arg(py, code)).transpose()?;
            contact.time_zone = time_zone
                .map(|name| name.parse().map_err(|error| to_py_err(py, error)))
                .transpose()?;
            if let Some(value) = preferences.filter(|value| !value.is_none()) {
                let defaults = contact.preferences;
                let [email, sms] = switches_arg(
                    value,
                    "preferences",
                    ["email", "sms"],
                    [defaults.email, defaults.sms],
                )?;
                contact.preferences = envoi::contacts::ChannelPreferences { email, sms };
            }
            if let Some(value) = notifications.filter(|value| !value.is_none()) {
                let d = contact.notifications;
                let [documents, messages, reminders, routes] = switches_arg(
                    value,
                    "notifications",
                    ["documents", "messages", "reminders", "routes"],
                    [d.documents, d.messages, d.reminders, d.routes],
                )?;
                contact.notifications = envoi::contacts::NotificationSwitches {
                    documents,
                    messages,
                    reminders,
                    routes,
                };
            }
            Ok(Contact::from_core(contact))
        })
    }

    /// The id in the address book, or None before the host stores it.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.read(py, |c| c.id.as_ref().map(|id| id.as_str().to_owned()))
    }

    /// The first (given) name, `""` if none.
    #[getter]
    fn first_name(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |c| c.first_name.clone())
    }

    /// The last (family) name, `""` if none.
    #[getter]
    fn last_name(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |c| c.last_name.clone())
    }

    /// The email address, or None.
    #[getter]
    fn email(&self, py: Python<'_>) -> PyResult<Option<EmailAddress>> {
        self.read(py, |c| c.email.clone().map(EmailAddress))
    }

    /// The mobile number, or None.
    #[getter]
    fn mobile(&self, py: Python<'_>) -> PyResult<Option<PhoneNumber>> {
        self.read(py, |c| c.mobile.clone().map(PhoneNumber))
    }

    /// The account's own fields, by name (a copy).
    #[getter]
    fn custom_fields(&self, py: Python<'_>) -> PyResult<BTreeMap<String, String>> {
        self.read(py, |c| c.custom_fields.clone())
    }

    /// The language code to write in, or None (the account's).
    #[getter]
    fn language(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
        self.read(py, |c| c.language.map(|language| language.code()))
    }

    /// The IANA time zone, or None (the account's).
    #[getter]
    fn time_zone(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
        self.read(py, |c| c.time_zone.map(|zone| zone.name()))
    }

    /// The channels the contact accepts: `{"email": bool, "sms": bool}`.
    #[getter]
    fn preferences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let preferences = self.read(py, |c| c.preferences)?;
        let dict = PyDict::new(py);
        dict.set_item("email", preferences.email)?;
        dict.set_item("sms", preferences.sms)?;
        Ok(dict)
    }

    /// The kinds of notification the contact gets: `{"documents", "messages", "reminders",
    /// "routes": bool}`.
    #[getter]
    fn notifications<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let switches = self.read(py, |c| c.notifications)?;
        let dict = PyDict::new(py);
        dict.set_item("documents", switches.documents)?;
        dict.set_item("messages", switches.messages)?;
        dict.set_item("reminders", switches.reminders)?;
        dict.set_item("routes", switches.routes)?;
        Ok(dict)
    }

    /// Every opt-out, in force or lifted, oldest first.
    #[getter]
    fn opt_outs(&self, py: Python<'_>) -> PyResult<Vec<OptOut>> {
        let opt_outs = self.read(py, |c| c.opt_outs.clone())?;
        guard(py, || opt_outs.iter().map(|o| OptOut::of(py, o)).collect())
    }

    /// The value of a merge field: a standard field (`first_name`, `last_name`, `email`, `mobile`
    /// in E.164, `language`) or a custom field; None when empty or blank.
    fn field(&self, py: Python<'_>, name: &str) -> PyResult<Option<String>> {
        self.read(py, |c| c.field(name).map(|value| value.into_owned()))
    }

    /// Records an opt-out of `channel` at `at` (None: now) from `source`; False (nothing recorded)
    /// if one is already active. Raises `envoi.ContactError` (`contacts.consent_out_of_order`).
    #[pyo3(signature = (channel, source, at = None))]
    fn opt_out(
        &self,
        py: Python<'_>,
        channel: &str,
        source: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        guard(py, || {
            let (channel, source, at) = (
                channel_arg(channel)?,
                source_arg(source)?,
                now_arg(at, "at")?,
            );
            let result = self.0.lock(py)?.opt_out(channel, at, source);
            result.map_err(|error| contact_err(py, error))
        })
    }

    /// Lifts the active opt-out of `channel` at `at` (None: now); False if none is active. Raises
    /// `envoi.ContactError` (`contacts.consent_out_of_order`).
    #[pyo3(signature = (channel, source, at = None))]
    fn opt_in(
        &self,
        py: Python<'_>,
        channel: &str,
        source: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        guard(py, || {
            let (channel, source, at) = (
                channel_arg(channel)?,
                source_arg(source)?,
                now_arg(at, "at")?,
            );
            let result = self.0.lock(py)?.opt_in(channel, at, source);
            result.map_err(|error| contact_err(py, error))
        })
    }

    /// Applies a classified reply to the SMS channel at `at` (None: now): an opt-out keyword opts
    /// out, an opt-in keyword lifts the opt-out (the source names the keyword). False: nothing
    /// changed. Raises `envoi.ContactError` (`contacts.consent_out_of_order`).
    #[pyo3(signature = (reply, at = None))]
    fn apply_reply(
        &self,
        py: Python<'_>,
        reply: &Bound<'_, ReplyKeyword>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let result = self.0.lock(py)?.apply_reply(&reply.get().0, at);
            result.map_err(|error| contact_err(py, error))
        })
    }

    /// The active (not lifted) opt-out of `channel`, or None.
    fn active_opt_out(&self, py: Python<'_>, channel: &str) -> PyResult<Option<OptOut>> {
        guard(py, || {
            let channel = channel_arg(channel)?;
            let found = self.read(py, |c| c.active_opt_out(channel).cloned())?;
            found.map(|opt_out| OptOut::of(py, &opt_out)).transpose()
        })
    }

    /// Whether the contact may be sent something on `channel` at `at` (None: now): None when it
    /// may, else the `Refusal` (the core's checks, in its order).
    #[pyo3(signature = (channel, sms_option, at = None))]
    fn may_receive(
        &self,
        py: Python<'_>,
        channel: &str,
        sms_option: &Bound<'_, AccountSmsOption>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Refusal>> {
        guard(py, || {
            let (channel, at) = (channel_arg(channel)?, now_arg(at, "at")?);
            let option = sms_option.get().snapshot(py)?;
            let result = self.read(py, |c| c.may_receive(channel, &option, at))?;
            result
                .err()
                .map(|refusal| Refusal::of(py, &refusal))
                .transpose()
        })
    }

    /// `may_receive` after the contact's switch for the notification `kind` (`"document"`,
    /// `"message"`, `"reminder"`, `"route"`).
    #[pyo3(signature = (kind, channel, sms_option, at = None))]
    fn may_notify(
        &self,
        py: Python<'_>,
        kind: &str,
        channel: &str,
        sms_option: &Bound<'_, AccountSmsOption>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Refusal>> {
        guard(py, || {
            let kind: NotificationKind = serde_arg!(kind, "kind")?;
            let (channel, at) = (channel_arg(channel)?, now_arg(at, "at")?);
            let option = sms_option.get().snapshot(py)?;
            let result = self.read(py, |c| c.may_notify(kind, channel, &option, at))?;
            result
                .err()
                .map(|refusal| Refusal::of(py, &refusal))
                .transpose()
        })
    }

    /// The channels among email and SMS the contact gets a message on at `at` (None: now).
    #[pyo3(signature = (sms_option, at = None))]
    fn preferred_channels(
        &self,
        py: Python<'_>,
        sms_option: &Bound<'_, AccountSmsOption>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<&'static str>> {
        guard(py, || {
            let at = now_arg(at, "at")?;
            let option = sms_option.get().snapshot(py)?;
            let channels = self.read(py, |c| c.preferred_channels(&option, at))?;
            Ok(channels.into_iter().map(Channel::as_str).collect())
        })
    }

    /// A copy of the contact (its own lock).
    fn copy(&self, py: Python<'_>) -> PyResult<Self> {
        Ok(Contact::from_core(self.0.snapshot(py)?))
    }

    /// The contact's JSON form (the core's serde form), to store.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "Contact"))
    }

    /// The contact of a JSON form written by `to_json` (in any binding); the core checks it again
    /// (an email, a mobile in E.164…). Raises `ValueError` naming the problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || from_json!(text, "Contact").map(Contact::from_core))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Contact>() else {
            return Ok(false);
        };
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.0.snapshot(py)? == other.get().0.snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Contact>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "Contact")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &to_json!(&*self.0.lock(py)?, "Contact")?).repr()?;
            Ok(format!("Contact.from_json({json})"))
        })
    }
}

// ---- Groups --------------------------------------------------------------------------------------

/// A named group of contacts, holding contact ids (a set: adding twice keeps one). Mutable (by
/// `add` and `remove`) and safe to share between threads; its JSON form is the core's.
#[pyclass(module = "envoi.contacts", frozen)]
pub struct Group(Shared<envoi::contacts::Group>);

#[pymethods]
impl Group {
    /// A group `id` named `name` with `members` (contact ids). Raises `envoi.IdError`.
    #[new]
    #[pyo3(signature = (id, name, members = Vec::new()))]
    fn new(py: Python<'_>, id: &str, name: String, members: Vec<String>) -> PyResult<Self> {
        guard(py, || {
            let id = GroupId::new(id).map_err(|error| to_py_err(py, error))?;
            let mut group = envoi::contacts::Group::new(id, name);
            for member in &members {
                group.add(contact_id_arg(py, member)?);
            }
            Ok(Group(Shared::new(group, "Group")))
        })
    }

    /// The group's id.
    #[getter]
    fn id(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.0.lock(py)?.id.as_str().to_owned())
    }

    /// The name shown to the account's users.
    #[getter]
    fn name(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.0.lock(py)?.name.clone())
    }

    /// The member ids, sorted.
    #[getter]
    fn members(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let group = self.0.lock(py)?;
        Ok(group
            .members
            .iter()
            .map(|id| id.as_str().to_owned())
            .collect())
    }

    /// Adds a contact id; False if it was already a member.
    fn add(&self, py: Python<'_>, contact: &str) -> PyResult<bool> {
        let id = contact_id_arg(py, contact)?;
        Ok(self.0.lock(py)?.add(id))
    }

    /// Removes a contact id; False if it was not a member.
    fn remove(&self, py: Python<'_>, contact: &str) -> PyResult<bool> {
        let id = contact_id_arg(py, contact)?;
        Ok(self.0.lock(py)?.remove(&id))
    }

    fn __contains__(&self, py: Python<'_>, contact: &str) -> PyResult<bool> {
        let id = contact_id_arg(py, contact)?;
        Ok(self.0.lock(py)?.contains(&id))
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.0.lock(py)?.members.len())
    }

    /// The group's JSON form (the core's serde form).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || to_json!(&*self.0.lock(py)?, "Group"))
    }

    /// The group of a JSON form written by `to_json`. Raises `ValueError` when `text` is not one.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || {
            from_json!(text, "Group").map(|group| Group(Shared::new(group, "Group")))
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.cast::<Group>() else {
            return Ok(false);
        };
        if std::ptr::eq(self, other.get()) {
            return Ok(true);
        }
        Ok(self.0.snapshot(py)? == other.get().0.snapshot(py)?)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        guard(py, || {
            let from_json = py
                .get_type::<Group>()
                .getattr(pyo3::intern!(py, "from_json"))?;
            Ok((from_json, (to_json!(&*self.0.lock(py)?, "Group")?,)))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || {
            let json = PyString::new(py, &to_json!(&*self.0.lock(py)?, "Group")?).repr()?;
            Ok(format!("Group.from_json({json})"))
        })
    }
}

/// Checks that every recipient id is in the address book: `exists` is a container of ids
/// (`id in exists`) or a callable `exists(id) -> bool`. Raises `envoi.ContactError`
/// (`contacts.unknown_contact`, `ids`: every unknown id, each once, in order) or `envoi.IdError`;
/// an exception raised by `exists` passes through.
#[pyfunction]
pub fn ensure_contacts_exist(
    py: Python<'_>,
    recipients: Vec<String>,
    exists: &Bound<'_, PyAny>,
) -> PyResult<()> {
    guard(py, || {
        let ids = recipients
            .iter()
            .map(|id| contact_id_arg(py, id))
            .collect::<PyResult<Vec<_>>>()?;
        let callable = exists.is_callable();
        let mut failure = None;
        let result = envoi::contacts::ensure_contacts_exist(&ids, |id| {
            if failure.is_some() {
                return true;
            }
            let answer = if callable {
                exists
                    .call1((id.as_str(),))
                    .and_then(|value| value.is_truthy())
            } else {
                exists.contains(id.as_str())
            };
            answer.unwrap_or_else(|error| {
                failure = Some(error);
                true
            })
        });
        if let Some(error) = failure {
            return Err(error);
        }
        result.map_err(|error| contact_err(py, error))
    })
}

/// Registers the classes and functions of `envoi.contacts` (and its import).
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PhoneNumber>()?;
    module.add_class::<EmailAddress>()?;
    module.add_class::<ReplyKeyword>()?;
    module.add_class::<AccountSmsOption>()?;
    module.add_class::<Refusal>()?;
    module.add_class::<OptIn>()?;
    module.add_class::<OptOut>()?;
    module.add_class::<Contact>()?;
    module.add_class::<Group>()?;
    module.add_function(wrap_pyfunction!(normalize_phone, module)?)?;
    module.add_function(wrap_pyfunction!(validate_email, module)?)?;
    module.add_function(wrap_pyfunction!(classify_reply, module)?)?;
    module.add_function(wrap_pyfunction!(reply_keywords, module)?)?;
    module.add_function(wrap_pyfunction!(ensure_contacts_exist, module)?)?;
    module.add("MAX_PHONE_TEXT_LEN", envoi::contacts::MAX_PHONE_TEXT_LEN)?;
    import::register(module)
}
