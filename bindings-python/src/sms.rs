//! `envoi.sms`: SMS segmentation (mirrors `envoi::sms`).
//!
//! Only conversions: Python arguments become [`SmsOptions`] through the core's own checks
//! (`SmsOptions::max_parts_from`, `ConcatReference::new`, `NationalLanguage::from_str`), and the
//! core's [`envoi::sms::SmsAnalysis`] becomes the frozen Python [`SmsAnalysis`].

use envoi::sms::{ConcatReference, DEFAULT_MAX_PARTS, NationalLanguage, SmsOptions};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::{guard, to_py_err};

/// A Python `int` argument read as an `i64`, for the core to range-check.
///
/// A value past the `i64` range (such as `2**70`) saturates to `i64::MIN`/`i64::MAX`, which the
/// core refuses with its typed error, instead of pyo3's plain `OverflowError`. Non-integers are
/// still a `TypeError`.
#[derive(Debug, Clone, Copy)]
pub struct WideInt(pub(crate) i64);

impl<'a, 'py> FromPyObject<'a, 'py> for WideInt {
    type Error = PyErr;

    fn extract(value: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match value.extract::<i64>() {
            Ok(value) => Ok(WideInt(value)),
            Err(error) if error.is_instance_of::<PyOverflowError>(value.py()) => {
                if value.lt(0)? {
                    Ok(WideInt(i64::MIN))
                } else {
                    Ok(WideInt(i64::MAX))
                }
            }
            Err(error) => Err(error),
        }
    }
}

/// The TP-User-Data of one part, ready for an SMPP `short_message` (`esm_class` UDHI set when
/// `header_length > 0`).
#[pyclass(module = "envoi.sms", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserData {
    /// The header (UDHL and its information elements) followed by the encoded text.
    pub octets: Vec<u8>,
    /// TP-UDL: the length in septets (GSM-7, header included) or octets (UCS-2).
    pub length: u32,
    /// The octets of the header, UDHL included (0 when the part has no header).
    pub header_length: u32,
}

#[pymethods]
impl UserData {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let octets = PyBytes::new(py, &self.octets).repr()?;
        Ok(format!(
            "UserData(octets={octets}, length={}, header_length={})",
            self.length, self.header_length
        ))
    }
}

impl From<envoi::sms::UserData> for UserData {
    fn from(user_data: envoi::sms::UserData) -> Self {
        UserData {
            octets: user_data.octets,
            length: user_data.length,
            header_length: user_data.header_length,
        }
    }
}

/// The result of `analyze`: encoding, national tables, parts and the units they take.
///
/// Units are septets for GSM-7 and UTF-16 code units for UCS-2; indices count code points of the
/// text as given.
#[pyclass(module = "envoi.sms", frozen, get_all, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmsAnalysis {
    /// `"gsm7"` or `"ucs2"`.
    pub encoding: &'static str,
    /// The national locking shift table in use (`"turkish"`…), or None.
    pub locking_shift: Option<&'static str>,
    /// The national single shift table in use (`"turkish"`…), or None.
    pub single_shift: Option<&'static str>,
    /// The number of parts (each billed as one SMS); at least 1.
    pub part_count: usize,
    /// The text of each part, in order.
    pub parts: Vec<String>,
    /// The units each part takes, in order.
    pub part_units: Vec<u32>,
    /// The capacity of each part in units (160/153/152… for GSM-7, 70/67/66 for UCS-2).
    pub units_per_part: u32,
    /// The units of the whole message: the sum of the parts' units.
    pub units_used: u32,
    /// The units still free in the last part.
    pub units_left: u32,
    /// When the message is UCS-2, the characters that forced it: `(index, character)`.
    pub non_gsm: Vec<(usize, char)>,
    /// What smart encoding replaced: `(index, original, replacement)`.
    pub replacements: Vec<(usize, char, String)>,
    /// The text that was encoded: the input after replacements.
    pub text: String,
    /// Each part's user data when `analyze(..., user_data=True)`, else None.
    pub user_data: Option<Vec<UserData>>,
}

#[pymethods]
impl SmsAnalysis {
    fn __repr__(&self) -> String {
        let name =
            |value: Option<&str>| value.map_or_else(|| "None".to_owned(), |v| format!("'{v}'"));
        format!(
            "SmsAnalysis(encoding='{}', part_count={}, units_per_part={}, units_used={}, units_left={}, \
             locking_shift={}, single_shift={})",
            self.encoding,
            self.part_count,
            self.units_per_part,
            self.units_used,
            self.units_left,
            name(self.locking_shift),
            name(self.single_shift),
        )
    }
}

impl From<envoi::sms::SmsAnalysis> for SmsAnalysis {
    fn from(analysis: envoi::sms::SmsAnalysis) -> Self {
        let part_count = analysis.part_count();
        let mut parts = Vec::with_capacity(part_count);
        let mut part_units = Vec::with_capacity(part_count);
        let mut user_data = Some(Vec::with_capacity(part_count));
        for part in analysis.parts {
            parts.push(part.text);
            part_units.push(part.units);
            user_data = user_data.zip(part.user_data).map(|(mut all, one)| {
                all.push(UserData::from(one));
                all
            });
        }
        SmsAnalysis {
            encoding: analysis.encoding.name(),
            locking_shift: analysis.locking_shift.map(NationalLanguage::name),
            single_shift: analysis.single_shift.map(NationalLanguage::name),
            part_count,
            parts,
            part_units,
            units_per_part: analysis.units_per_part,
            units_used: analysis.units_used,
            units_left: analysis.units_left,
            non_gsm: analysis
                .non_gsm
                .into_iter()
                .map(|c| (c.index, c.character))
                .collect(),
            replacements: analysis
                .replacements
                .into_iter()
                .map(|r| (r.index, r.original, r.replacement))
                .collect(),
            text: analysis.text,
            user_data,
        }
    }
}

/// The core's options from Python arguments, checked by the core.
fn options(
    smart_encoding: bool,
    languages: &[String],
    max_parts: WideInt,
    reference: WideInt,
    reference_bits: WideInt,
    user_data: bool,
) -> Result<SmsOptions, envoi::sms::SmsError> {
    Ok(SmsOptions {
        smart_encoding,
        languages: languages
            .iter()
            .map(|name| name.parse::<NationalLanguage>())
            .collect::<Result<_, _>>()?,
        max_parts: SmsOptions::max_parts_from(max_parts.0)?,
        reference: ConcatReference::new(reference_bits.0, reference.0)?,
        user_data,
    })
}

/// Analyses an SMS text: its encoding (GSM-7 or UCS-2), national shift tables, parts and units.
///
/// `languages` names national languages of 3GPP TS 23.038 (`"turkish"`, `"spanish"`…) whose shift
/// tables may be used, in order of preference on a tie. `max_parts` is 1..=255; `reference` is the
/// concatenation reference, `reference_bits` its width (8 or 16). `user_data=True` computes each
/// part's TP-User-Data. Raises `envoi.SmsError` (`.code` `"sms.too_many_parts"`,
/// `"sms.invalid_max_parts"`, `"sms.invalid_reference"` or `"sms.unknown_language"`).
#[pyfunction]
#[pyo3(signature = (
    text,
    *,
    smart_encoding = false,
    languages = Vec::new(),
    max_parts = WideInt(i64::from(DEFAULT_MAX_PARTS)),
    reference = WideInt(0),
    reference_bits = WideInt(8),
    user_data = false,
))]
#[pyo3(
    text_signature = "(text, *, smart_encoding=False, languages=(), max_parts=10, reference=0, reference_bits=8, user_data=False)"
)]
#[allow(clippy::too_many_arguments)]
pub fn analyze(
    py: Python<'_>,
    text: &str,
    smart_encoding: bool,
    languages: Vec<String>,
    max_parts: WideInt,
    reference: WideInt,
    reference_bits: WideInt,
    user_data: bool,
) -> PyResult<SmsAnalysis> {
    guard(py, || {
        let options = options(
            smart_encoding,
            &languages,
            max_parts,
            reference,
            reference_bits,
            user_data,
        )
        .map_err(|error| to_py_err(py, error))?;
        py.detach(|| envoi::sms::analyze(text, &options).map(SmsAnalysis::from))
            .map_err(|error| to_py_err(py, error))
    })
}
