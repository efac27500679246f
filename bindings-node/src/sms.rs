//! `analyzeSms`: the Node face of `envoi::sms::analyze`.

use envoi::sms::{self as core_sms, ConcatReference, NationalLanguage, SmsOptions};
use napi::bindgen_prelude::{ToNapiValue, Unknown};
use napi::{JsString, JsValue, sys};
use napi_derive::napi;

use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::js::{Factory, Js, Raw};

/// Options of {@link analyzeSms}. Every field is optional.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct AnalyzeSmsOptions {
    /// Replace typographic look-alikes (curly quotes, long dashes, the ellipsis, unusual spaces…)
    /// that would force UCS-2, and report each replacement. Default `false`.
    pub smart_encoding: Option<bool>,
    /// National languages of 3GPP TS 23.038 whose shift tables may be used, in order of preference
    /// on a tie (`"turkish"`, `"spanish"`, `"portuguese"`, `"hindi"`…). Default none. An unknown
    /// name throws `sms.unknown_language`.
    pub languages: Option<Vec<String>>,
    /// The most parts the message may take, an integer in 1..=255 (default 10). Outside that range
    /// throws `sms.invalid_max_parts`; a text needing more parts throws `sms.too_many_parts`.
    pub max_parts: Option<f64>,
    /// The concatenation reference written in every part's header (default 0). It must fit
    /// `referenceBits`, else `sms.invalid_reference` is thrown.
    pub reference: Option<f64>,
    /// The width of the concatenation reference: 8 (default) or 16 bits. A 16-bit reference costs one
    /// more octet per part.
    pub reference_bits: Option<f64>,
    /// Compute each part's TP-User-Data (`userData` in the result). Default `false`.
    pub user_data: Option<bool>,
}

/// A character that forced UCS-2, with its position.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct NonGsmChar {
    /// Its position in the text as given, in code points.
    #[napi(ts_type = "number")]
    pub index: Raw,
    /// The character.
    #[napi(js_name = "char", ts_type = "string")]
    pub character: Raw,
}

/// A typographic look-alike replaced by smart encoding.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct Replacement {
    /// The position of the original character in the text as given, in code points.
    #[napi(ts_type = "number")]
    pub index: Raw,
    /// The character that was replaced.
    #[napi(ts_type = "string")]
    pub original: Raw,
    /// What replaced it (possibly empty, for zero-width characters).
    #[napi(ts_type = "string")]
    pub replacement: Raw,
}

/// The TP-User-Data of one part, ready for an SMPP `short_message` (with `esm_class` UDHI set when
/// `headerLength > 0`).
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct UserData {
    /// The header (UDHL and its information elements) followed by the encoded text; GSM-7 septets
    /// are packed 8 to 7 octets.
    #[napi(ts_type = "Buffer")]
    pub octets: Raw,
    /// TP-UDL: the length in septets (GSM-7, header included) or octets (UCS-2).
    #[napi(ts_type = "number")]
    pub length: Raw,
    /// The octets of the header, UDHL included (0 when the part has no header).
    #[napi(ts_type = "number")]
    pub header_length: Raw,
}

/// The result of {@link analyzeSms}: encoding, shift tables, parts and the units they take.
///
/// Units are septets for GSM-7 and UTF-16 code units for UCS-2. A plain object (the fields are
/// values, not getters), built fresh by every call.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct SmsAnalysis {
    /// `"gsm7"` (the GSM 7-bit alphabet, possibly with national shift tables) or `"ucs2"`.
    #[napi(ts_type = "'gsm7' | 'ucs2'")]
    pub encoding: Raw,
    /// The national locking shift table in use (`"turkish"`…), or `null`.
    #[napi(ts_type = "string | null")]
    pub locking_shift: Raw,
    /// The national single shift table in use (`"turkish"`…), or `null`.
    #[napi(ts_type = "string | null")]
    pub single_shift: Raw,
    /// The number of parts (each billed as one SMS); at least 1.
    #[napi(ts_type = "number")]
    pub part_count: Raw,
    /// The text of each part, in order.
    #[napi(ts_type = "string[]")]
    pub parts: Raw,
    /// The units each part takes, in order.
    #[napi(ts_type = "number[]")]
    pub part_units: Raw,
    /// The capacity of each part in units (160/153/152… for GSM-7, 70/67/66 for UCS-2, less the
    /// national table headers).
    #[napi(ts_type = "number")]
    pub units_per_part: Raw,
    /// The units of the whole message: the sum of the parts' units.
    #[napi(ts_type = "number")]
    pub units_used: Raw,
    /// The units still free in the last part.
    #[napi(ts_type = "number")]
    pub units_left: Raw,
    /// When the message is UCS-2, the characters that forced it, with their positions.
    #[napi(ts_type = "NonGsmChar[]")]
    pub non_gsm: Raw,
    /// What smart encoding replaced, in order.
    #[napi(ts_type = "Replacement[]")]
    pub replacements: Raw,
    /// The text that was encoded: the input after smart-encoding replacements.
    #[napi(ts_type = "string")]
    pub text: Raw,
    /// Each part's TP-User-Data when `options.userData` was `true`, else `null`.
    #[napi(ts_type = "UserData[] | null")]
    pub user_data: Raw,
    /// Whether `parts` and `partUnits` hold the single part's text and units rather than arrays
    /// (the common case, built by a cheaper factory).
    #[napi(skip)]
    pub one_part: bool,
}

impl ToNapiValue for SmsAnalysis {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi-rs converts a return value in the Node-API call that built its fields.
        let js = unsafe { Js::new(env) };
        let head = [
            value.encoding.0,
            value.locking_shift.0,
            value.single_shift.0,
        ];
        let tail = [
            value.units_per_part.0,
            value.units_used.0,
            value.units_left.0,
            value.non_gsm.0,
            value.replacements.0,
            value.text.0,
            value.user_data.0,
        ];
        if value.one_part {
            let [a, b, c] = head;
            let [d, e, f, g, h, i, j] = tail;
            js.make(
                Factory::SmsAnalysisOnePart,
                &[
                    a,
                    b,
                    c,
                    value.parts.0,
                    value.part_units.0,
                    d,
                    e,
                    f,
                    g,
                    h,
                    i,
                    j,
                ],
            )
        } else {
            let [a, b, c] = head;
            let [d, e, f, g, h, i, j] = tail;
            js.make(
                Factory::SmsAnalysis,
                &[
                    a,
                    b,
                    c,
                    value.part_count.0,
                    value.parts.0,
                    value.part_units.0,
                    d,
                    e,
                    f,
                    g,
                    h,
                    i,
                    j,
                ],
            )
        }
    }
}

/// Analyses an SMS: how it is encoded (GSM-7 or UCS-2, with national shift tables when enabled),
/// how it is cut into parts and what each part costs.
///
/// Throws an `Error` whose `.code` is envoi's stable code: `sms.too_many_parts`,
/// `sms.invalid_max_parts`, `sms.invalid_reference` or `sms.unknown_language`.
///
/// ```js
/// const { analyzeSms } = require('envoi')
/// analyzeSms('a'.repeat(161)).partUnits // [153, 8]
/// ```
#[napi(ts_args_type = "text: string, options?: AnalyzeSmsOptions | undefined | null")]
pub fn analyze_sms(
    text: JsString<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<SmsAnalysis, Code> {
    guard(|| {
        let handle = text.value();
        // SAFETY: this runs inside the Node-API call that received `text`, on its thread.
        let js = unsafe { Js::new(handle.env) };
        let options = match options {
            Some(options) => {
                core_options(read_options(js, options.value().value).map_err(napi_error)?)?
            }
            None => SmsOptions::default(),
        };
        let input = text.into_utf8().map_err(napi_error)?;
        let input = input.as_str().map_err(napi_error)?;
        let analysis = core_sms::analyze(input, &options).map_err(to_js)?;
        // The input string is handed back as `text` when the core kept it unchanged (unless it held
        // lone surrogates, which the UTF-8 conversion turned into U+FFFD).
        let same_text = analysis.text == input && !input.contains('\u{FFFD}');
        to_node(js, analysis, same_text.then_some(handle.value)).map_err(napi_error)
    })
}

/// Reads the option object (napi-rs's `#[napi(object)]` reader costs ~3 µs per call here).
fn read_options(js: Js, object: sys::napi_value) -> napi::Result<AnalyzeSmsOptions> {
    let kind = js.type_of(object)?;
    if kind != sys::ValueType::napi_object && kind != sys::ValueType::napi_function {
        return Err(napi::Error::new(
            napi::Status::InvalidArg,
            "options: expected an object",
        ));
    }
    let fields = js.make(Factory::ReadAnalyzeSmsOptions, &[object])?;
    let field = |index: u32| js.present(js.element(fields, index)?);
    let languages = match field(1)? {
        Some(list) => Some(
            js.get_array(list, "options.languages")?
                .into_iter()
                .map(|name| js.get_string(name, "options.languages[]"))
                .collect::<napi::Result<Vec<_>>>()?,
        ),
        None => None,
    };
    let boolean = |index, name| {
        field(index)?
            .map(|value| js.get_bool(value, name))
            .transpose()
    };
    let number = |index, name| {
        field(index)?
            .map(|value| js.get_f64(value, name))
            .transpose()
    };
    Ok(AnalyzeSmsOptions {
        smart_encoding: boolean(0, "options.smartEncoding")?,
        languages,
        max_parts: number(2, "options.maxParts")?,
        reference: number(3, "options.reference")?,
        reference_bits: number(4, "options.referenceBits")?,
        user_data: boolean(5, "options.userData")?,
    })
}

fn core_options(options: AnalyzeSmsOptions) -> Result<SmsOptions, JsError> {
    let defaults = SmsOptions::default();
    let max_parts = match options.max_parts {
        Some(value) => SmsOptions::max_parts_from(integer("maxParts", value)?).map_err(to_js)?,
        None => defaults.max_parts,
    };
    let reference = match (options.reference, options.reference_bits) {
        (None, None) => defaults.reference,
        (value, bits) => ConcatReference::new(
            integer("referenceBits", bits.unwrap_or(8.0))?,
            integer("reference", value.unwrap_or(0.0))?,
        )
        .map_err(to_js)?,
    };
    let languages = options
        .languages
        .unwrap_or_default()
        .iter()
        .map(|name| name.parse::<NationalLanguage>().map_err(to_js))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SmsOptions {
        smart_encoding: options.smart_encoding.unwrap_or(defaults.smart_encoding),
        languages,
        max_parts,
        reference,
        user_data: options.user_data.unwrap_or(defaults.user_data),
    })
}

/// A JS number that must be an integer, widened to `i64` for the core's range checks (a value past
/// `i64`'s range saturates, so the core still refuses it with its own typed error).
fn integer(field: &str, value: f64) -> Result<i64, JsError> {
    if value.is_finite() && value.fract() == 0.0 {
        // `as` saturates at i64::MIN/MAX: exactly the "far out of range" the core reports.
        #[allow(clippy::cast_possible_truncation)]
        Ok(value as i64)
    } else {
        Err(invalid_arg(format!("{field}: {value} is not an integer")))
    }
}

/// Builds the JS result; `input` is the caller's own string when it equals the analysed text.
fn to_node(
    js: Js,
    analysis: core_sms::SmsAnalysis,
    input: Option<sys::napi_value>,
) -> napi::Result<SmsAnalysis> {
    let text = match input {
        Some(input) => input,
        None => js.str(&analysis.text)?,
    };
    // A part holding the whole text is the same JS string as `text`.
    let part_text = |part: &core_sms::SmsPart| {
        if part.text == analysis.text {
            Ok(text)
        } else {
            js.str(&part.text)
        }
    };
    let one_part = analysis.parts.len() == 1;
    let (parts, part_units) = match analysis.parts.as_slice() {
        [part] => (part_text(part)?, js.u32(part.units)?),
        parts => (
            js.array(parts.iter().map(part_text))?,
            js.array(parts.iter().map(|part| js.u32(part.units)))?,
        ),
    };
    let user_data = if analysis.parts.iter().any(|part| part.user_data.is_some()) {
        js.array(analysis.parts.iter().map(|part| {
            match &part.user_data {
                Some(data) => UserData {
                    octets: Raw(js.buffer(&data.octets)?),
                    length: Raw(js.u32(data.length)?),
                    header_length: Raw(js.u32(data.header_length)?),
                }
                .to_js(js),
                None => js.null(),
            }
        }))?
    } else {
        js.null()?
    };
    // Empty lists are created by the factory (`undefined` here): an array literal is cheaper.
    let non_gsm = if analysis.non_gsm.is_empty() {
        js.undefined()?
    } else {
        js.array(analysis.non_gsm.iter().map(|c| {
            NonGsmChar {
                index: Raw(js.u32(count(c.index))?),
                character: Raw(js.str(c.character.encode_utf8(&mut [0u8; 4]))?),
            }
            .to_js(js)
        }))?
    };
    let replacements = if analysis.replacements.is_empty() {
        js.undefined()?
    } else {
        js.array(analysis.replacements.iter().map(|r| {
            Replacement {
                index: Raw(js.u32(count(r.index))?),
                original: Raw(js.str(r.original.encode_utf8(&mut [0u8; 4]))?),
                replacement: Raw(js.str(&r.replacement)?),
            }
            .to_js(js)
        }))?
    };
    Ok(SmsAnalysis {
        encoding: Raw(js.str(analysis.encoding.name())?),
        locking_shift: Raw(js.str_or_null(analysis.locking_shift.map(NationalLanguage::name))?),
        single_shift: Raw(js.str_or_null(analysis.single_shift.map(NationalLanguage::name))?),
        part_count: Raw(js.u32(count(analysis.part_count()))?),
        parts: Raw(parts),
        part_units: Raw(part_units),
        units_per_part: Raw(js.u32(analysis.units_per_part)?),
        units_used: Raw(js.u32(analysis.units_used)?),
        units_left: Raw(js.u32(analysis.units_left)?),
        non_gsm: Raw(non_gsm),
        replacements: Raw(replacements),
        text: Raw(text),
        user_data: Raw(user_data),
        one_part,
    })
}

impl NonGsmChar {
    fn to_js(&self, js: Js) -> napi::Result<sys::napi_value> {
        js.make(Factory::NonGsmChar, &[self.index.0, self.character.0])
    }
}

impl Replacement {
    fn to_js(&self, js: Js) -> napi::Result<sys::napi_value> {
        js.make(
            Factory::Replacement,
            &[self.index.0, self.original.0, self.replacement.0],
        )
    }
}

impl UserData {
    fn to_js(&self, js: Js) -> napi::Result<sys::napi_value> {
        js.make(
            Factory::UserData,
            &[self.octets.0, self.length.0, self.header_length.0],
        )
    }
}

/// A Node-API failure while converting (not an envoi error): keeps napi-rs's status as the code.
fn napi_error(error: napi::Error) -> JsError {
    napi::Error::new(Code::Napi(error.status), error.reason.clone())
}

/// A count or a position as a JS number (texts are far shorter than 2^32 code points).
fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
