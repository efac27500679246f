//! `analyzeSms`: the Node face of `envoi::sms::analyze`.

use envoi::sms::{self as core_sms, ConcatReference, Encoding, NationalLanguage, SmsOptions};
use napi::bindgen_prelude::Unknown;
use napi::{JsString, JsValue, sys};
use napi_derive::napi;

use crate::errors::{Code, JsError, guard, invalid_arg, to_js};
use crate::js::{Factory, Js, Raw, SCRATCH_LEN};

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
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built in JS by ANALYZE_SMS_JS"
)]
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
// Only declared here (for index.d.ts): the JS wrapper of `analyzeSms` builds it (see `install`).
#[allow(
    dead_code,
    reason = "the type of index.d.ts; built in JS by ANALYZE_SMS_JS"
)]
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
}

// How `analyzeSms` crosses the boundary (about 3× cheaper than building the result in Rust).
//
// The export is the native function below wrapped, once per Node environment, by the JS function
// `ANALYZE_SMS_JS` returns (see `install`). The wrapper reads the option fields in JS and passes
// them as arguments (`native(text, options, smartEncoding, languages, maxParts, reference,
// referenceBits, userData)`, or `native(text, options)` when `options` is not an object, so Rust
// refuses it); Rust validates and converts them exactly as before, runs the core, and writes the
// numbers of the result into the environment's scratch `Uint32Array`:
//
//   [0] encoding: index in ENCODINGS          [4] unitsPerPart     [7] nonGsm count (n)
//   [1] lockingShift: 0 (null) or 1 + index   [5] unitsUsed        [8..8+2p] per part: its end in
//   [2] singleShift:  in NationalLanguage::ALL [6] unitsLeft                 the text (UTF-16 units,
//   [3] partCount (p)                                                       from the previous end)
//                                                                            and its units
//   [8+2p..8+2p+2n] per non-GSM character: its index (code points) and its code point
//
// It returns `undefined` when that is all (the text is the input string, the parts are slices of
// it); otherwise an array `[text, parts, replacements, userData, data]` whose entries are
// `undefined` when not needed: the analysed text when it differs from the input string (smart
// encoding, or lone surrogates read as U+FFFD), the parts' strings when they are not consecutive
// slices of the text, the built replacements and user data, and the numbers in a `Uint32Array` of
// their own when they do not fit the scratch buffer. The wrapper then builds the plain result
// object (one object literal, with the same fields in the same order as the `SmsAnalysis` above).

/// The slots of the scratch layout (see above).
const ENCODING: usize = 0;
const LOCKING_SHIFT: usize = 1;
const SINGLE_SHIFT: usize = 2;
const PART_COUNT: usize = 3;
const UNITS_PER_PART: usize = 4;
const UNITS_USED: usize = 5;
const UNITS_LEFT: usize = 6;
const NON_GSM_COUNT: usize = 7;
const HEAD: usize = 8;

/// The encodings in the order of the scratch layout's slot 0.
const ENCODINGS: [Encoding; 2] = [Encoding::Gsm7, Encoding::Ucs2];

/// The wrapper of the native `analyzeSms` (see the layout above). Called once per environment with
/// the native function, the scratch buffer, the names of ENCODINGS and `[null, ...the names of
/// NationalLanguage::ALL]`. It keeps its own references to the builtins it uses, so a program that
/// replaces `String.fromCodePoint` or `String.prototype.slice` does not change the results.
const ANALYZE_SMS_JS: &str = r#"(function (native, scratch, encodings, shifts) {
  'use strict';
  const fromCodePoint = String.fromCodePoint;
  const slice = Function.prototype.call.bind(String.prototype.slice);
  function result(text, s, parts, replacements, userData) {
    const partCount = s[3];
    let partUnits;
    if (parts !== undefined) {
      partUnits = [];
      for (let i = 0; i < partCount; i++) partUnits.push(s[9 + 2 * i]);
    } else if (partCount === 1) {
      parts = [s[8] === text.length ? text : slice(text, 0, s[8])];
      partUnits = [s[9]];
    } else {
      parts = [];
      partUnits = [];
      for (let i = 0, start = 0; i < partCount; i++) {
        const end = s[8 + 2 * i];
        parts.push(slice(text, start, end));
        partUnits.push(s[9 + 2 * i]);
        start = end;
      }
    }
    const nonGsm = [];
    for (let i = 0, k = 8 + 2 * partCount, n = s[7]; i < n; i++, k += 2) {
      nonGsm.push({ index: s[k], char: fromCodePoint(s[k + 1]) });
    }
    return {
      encoding: encodings[s[0]],
      lockingShift: shifts[s[1]],
      singleShift: shifts[s[2]],
      partCount,
      parts,
      partUnits,
      unitsPerPart: s[4],
      unitsUsed: s[5],
      unitsLeft: s[6],
      nonGsm,
      replacements: replacements ?? [],
      text,
      userData: userData ?? null,
    };
  }
  return function analyzeSms(text, options) {
    const extra =
      options === undefined || options === null || (typeof options !== 'object' && typeof options !== 'function')
        ? native(text, options)
        : native(text, options, options.smartEncoding, options.languages, options.maxParts, options.reference,
            options.referenceBits, options.userData);
    return extra === undefined
      ? result(text, scratch, undefined, undefined, undefined)
      : result(extra[0] ?? text, extra[4] ?? scratch, extra[1], extra[2], extra[3]);
  };
})"#;

/// Replaces the native `analyzeSms` of `exports` by its JS wrapper (at module registration, once
/// per Node environment).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let make = js.compile(ANALYZE_SMS_JS)?;
    let native = js.get_named(exports, c"analyzeSms")?;
    let encodings = js.array(ENCODINGS.iter().map(|encoding| js.str(encoding.name())))?;
    let shifts = std::iter::once(js.null())
        .chain(
            NationalLanguage::ALL
                .iter()
                .map(|language| js.str(language.name())),
        )
        .collect::<napi::Result<Vec<_>>>()?;
    let shifts = js.array(shifts.into_iter().map(Ok))?;
    let wrapper = js.call(make, &[native, js.scratch_array()?, encodings, shifts])?;
    js.set_named(exports, c"analyzeSms", wrapper)
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
// The native half of `analyzeSms`: its JS wrapper (ANALYZE_SMS_JS) passes the option fields as
// arguments and builds the `SmsAnalysis` from what this returns (see the layout above), so the
// declared signature is the wrapper's.
#[napi(
    ts_args_type = "text: string, options?: AnalyzeSmsOptions | undefined | null",
    ts_return_type = "SmsAnalysis"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the option fields, passed one by one by the JS wrapper"
)]
pub fn analyze_sms(
    text: JsString<'_>,
    options: Option<Unknown<'_>>,
    smart_encoding: Option<Unknown<'_>>,
    languages: Option<Unknown<'_>>,
    max_parts: Option<Unknown<'_>>,
    reference: Option<Unknown<'_>>,
    reference_bits: Option<Unknown<'_>>,
    user_data: Option<Unknown<'_>>,
) -> napi::Result<Raw, Code> {
    guard(|| {
        let handle = text.value();
        // SAFETY: this runs inside the Node-API call that received `text`, on its thread.
        let js = unsafe { Js::new(handle.env) };
        let raw = |field: Option<Unknown<'_>>| field.map(|field| field.value().value);
        let fields = OptionFields {
            smart_encoding: raw(smart_encoding),
            languages: raw(languages),
            max_parts: raw(max_parts),
            reference: raw(reference),
            reference_bits: raw(reference_bits),
            user_data: raw(user_data),
        };
        let options = match raw(options) {
            Some(options) => core_options(read_options(js, options, fields).map_err(napi_error)?)?,
            None => SmsOptions::default(),
        };
        let input = js.get_utf8(handle.value, "text").map_err(napi_error)?;
        let analysis = core_sms::analyze(&input, &options).map_err(to_js)?;
        // The input string is the result's `text` when the core kept it unchanged (unless it held
        // lone surrogates, which the UTF-8 conversion turned into U+FFFD).
        let same_text = same(&analysis.text, &input) && !input.contains('\u{FFFD}');
        to_node(js, &analysis, same_text)
            .map(Raw)
            .map_err(napi_error)
    })
}

/// The option fields as the JS wrapper read them (`None` when `undefined` or `null`).
struct OptionFields {
    smart_encoding: Option<sys::napi_value>,
    languages: Option<sys::napi_value>,
    max_parts: Option<sys::napi_value>,
    reference: Option<sys::napi_value>,
    reference_bits: Option<sys::napi_value>,
    user_data: Option<sys::napi_value>,
}

/// Checks that the options are an object and converts the fields the wrapper read from it.
fn read_options(
    js: Js,
    object: sys::napi_value,
    fields: OptionFields,
) -> napi::Result<AnalyzeSmsOptions> {
    let kind = js.type_of(object)?;
    if kind != sys::ValueType::napi_object && kind != sys::ValueType::napi_function {
        return Err(napi::Error::new(
            napi::Status::InvalidArg,
            "options: expected an object",
        ));
    }
    let languages = match fields.languages {
        Some(list) => Some(
            js.get_array(list, "options.languages")?
                .into_iter()
                .map(|name| js.get_string(name, "options.languages[]"))
                .collect::<napi::Result<Vec<_>>>()?,
        ),
        None => None,
    };
    let boolean = |value: Option<sys::napi_value>, name| {
        value.map(|value| js.get_bool(value, name)).transpose()
    };
    let number = |value: Option<sys::napi_value>, name| {
        value.map(|value| js.get_f64(value, name)).transpose()
    };
    Ok(AnalyzeSmsOptions {
        smart_encoding: boolean(fields.smart_encoding, "options.smartEncoding")?,
        languages,
        max_parts: number(fields.max_parts, "options.maxParts")?,
        reference: number(fields.reference, "options.reference")?,
        reference_bits: number(fields.reference_bits, "options.referenceBits")?,
        user_data: boolean(fields.user_data, "options.userData")?,
    })
}

pub fn core_options(options: AnalyzeSmsOptions) -> Result<SmsOptions, JsError> {
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

/// Hands the analysis to the JS wrapper: the numbers in the scratch buffer, and `undefined` or the
/// array of what does not fit there (see the layout above). `same_text`: the analysed text is the
/// caller's own string.
fn to_node(
    js: Js,
    analysis: &core_sms::SmsAnalysis,
    same_text: bool,
) -> napi::Result<sys::napi_value> {
    let text = if same_text {
        None
    } else {
        Some(js.str(&analysis.text)?)
    };
    // The parts are sent as slices of the text when they are (they always are today).
    let mut rest = analysis.text.as_str();
    let sliced = analysis.parts.iter().all(|part| {
        let fits = rest.len() >= part.text.len() && same(&rest[..part.text.len()], &part.text);
        if fits {
            rest = &rest[part.text.len()..];
        }
        fits
    });
    let parts = if sliced {
        None
    } else {
        Some(js.array(analysis.parts.iter().map(|part| js.str(&part.text)))?)
    };
    let replacements = if analysis.replacements.is_empty() {
        None
    } else {
        Some(js.array(analysis.replacements.iter().map(|r| {
            Replacement {
                index: Raw(js.u32(count(r.index))?),
                original: Raw(js.str(r.original.encode_utf8(&mut [0u8; 4]))?),
                replacement: Raw(js.str(&r.replacement)?),
            }
            .to_js(js)
        }))?)
    };
    let user_data = if analysis.parts.iter().any(|part| part.user_data.is_some()) {
        Some(js.array(analysis.parts.iter().map(|part| {
            match &part.user_data {
                Some(data) => UserData {
                    octets: Raw(js.buffer(&data.octets)?),
                    length: Raw(js.u32(data.length)?),
                    header_length: Raw(js.u32(data.header_length)?),
                }
                .to_js(js),
                None => js.null(),
            }
        }))?)
    } else {
        None
    };
    let len = HEAD + 2 * analysis.parts.len() + 2 * analysis.non_gsm.len();
    let data = if len <= SCRATCH_LEN {
        js.with_scratch(|scratch| write_numbers(analysis, &mut scratch[..len]))?;
        None
    } else {
        Some(js.uint32_array(len, |data| write_numbers(analysis, data))?)
    };
    if text.is_none()
        && parts.is_none()
        && replacements.is_none()
        && user_data.is_none()
        && data.is_none()
    {
        return js.undefined();
    }
    let or_undefined = |value: Option<sys::napi_value>| value.map_or_else(|| js.undefined(), Ok);
    js.array(
        [text, parts, replacements, user_data, data]
            .into_iter()
            .map(or_undefined),
    )
}

/// Writes the numbers of the scratch layout (see above) into `data`, of exactly their length.
fn write_numbers(analysis: &core_sms::SmsAnalysis, data: &mut [u32]) {
    let shift = |language: Option<NationalLanguage>| {
        language
            .and_then(|language| NationalLanguage::ALL.iter().position(|l| *l == language))
            .map_or(0, |index| count(index + 1))
    };
    data[ENCODING] = count(
        ENCODINGS
            .iter()
            .position(|encoding| *encoding == analysis.encoding)
            .unwrap_or(0),
    );
    data[LOCKING_SHIFT] = shift(analysis.locking_shift);
    data[SINGLE_SHIFT] = shift(analysis.single_shift);
    data[PART_COUNT] = count(analysis.part_count());
    data[UNITS_PER_PART] = analysis.units_per_part;
    data[UNITS_USED] = analysis.units_used;
    data[UNITS_LEFT] = analysis.units_left;
    data[NON_GSM_COUNT] = count(analysis.non_gsm.len());
    let (parts, non_gsm) = data[HEAD..].split_at_mut(2 * analysis.parts.len());
    let mut end = 0;
    for (slot, part) in parts.chunks_exact_mut(2).zip(&analysis.parts) {
        end += utf16_len(&part.text);
        slot[0] = count(end);
        slot[1] = part.units;
    }
    for (slot, c) in non_gsm.chunks_exact_mut(2).zip(&analysis.non_gsm) {
        slot[0] = count(c.index);
        slot[1] = u32::from(c.character);
    }
}

/// `a == b`, without calling `memcmp` for empty strings: glibc's AVX-512 `memcmp` reads a masked
/// vector even for 0 bytes, which at an empty `String`'s dangling pointer (address 1) costs a
/// fault-suppression microcode assist of ~150 ns per call on x86-64.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

/// The length of `text` in UTF-16 code units (JS string length).
fn utf16_len(text: &str) -> usize {
    // One unit per UTF-8 lead byte, and one more for each 4-byte sequence (a surrogate pair).
    text.bytes()
        .map(|byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0))
        .sum()
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
