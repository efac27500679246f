//! Lean conversions between JS values and Rust, on raw Node-API.
//!
//! napi-rs's `#[napi(object)]` conversions read and write one property at a time by name: V8 then
//! hashes each key and, when writing, walks the object's hidden-class transitions one property at
//! a time, about 0.6 µs per property and most of a call's cost. So:
//! - results are built by small JS factory functions (`(a, b) => ({ a, b })`) compiled once per
//!   Node environment: V8 creates such an object literal (and its array literals) with its final
//!   shape in one allocation, and one `napi_call_function` replaces a dozen property writes;
//! - option objects are read by one such function, which returns their fields as an array.
//!
//! The factories only place values in fields; no rule lives in them.

use std::ptr;

use napi::bindgen_prelude::ToNapiValue;
use napi::{Env, Status, sys};

/// The JS source of the factories, one per result type, in [`Factory`] order.
const FACTORIES_JS: &str = r#"(function () {
  'use strict';
  return [
    function SmsAnalysis(encoding, lockingShift, singleShift, partCount, parts, partUnits, unitsPerPart, unitsUsed, unitsLeft, nonGsm, replacements, text, userData) {
      return { encoding, lockingShift, singleShift, partCount, parts, partUnits, unitsPerPart, unitsUsed, unitsLeft, nonGsm: nonGsm ?? [], replacements: replacements ?? [], text, userData };
    },
    function SmsAnalysisOnePart(encoding, lockingShift, singleShift, part, units, unitsPerPart, unitsUsed, unitsLeft, nonGsm, replacements, text, userData) {
      return { encoding, lockingShift, singleShift, partCount: 1, parts: [part], partUnits: [units], unitsPerPart, unitsUsed, unitsLeft, nonGsm: nonGsm ?? [], replacements: replacements ?? [], text, userData };
    },
    function NonGsmChar(index, char) {
      return { index, char };
    },
    function Replacement(index, original, replacement) {
      return { index, original, replacement };
    },
    function UserData(octets, length, headerLength) {
      return { octets, length, headerLength };
    },
    function readAnalyzeSmsOptions(o) {
      return [o.smartEncoding, o.languages, o.maxParts, o.reference, o.referenceBits, o.userData];
    },
  ];
})()"#;

/// A result factory of [`FACTORIES_JS`].
#[derive(Debug, Clone, Copy)]
pub enum Factory {
    /// `SmsAnalysis(encoding, lockingShift, singleShift, partCount, parts, partUnits, unitsPerPart,
    /// unitsUsed, unitsLeft, nonGsm, replacements, text, userData)`; `undefined` lists are empty.
    SmsAnalysis = 0,
    /// The same with one part given as its text and units, the common case.
    SmsAnalysisOnePart = 1,
    /// `NonGsmChar(index, char)`.
    NonGsmChar = 2,
    /// `Replacement(index, original, replacement)`.
    Replacement = 3,
    /// `UserData(octets, length, headerLength)`.
    UserData = 4,
    /// `readAnalyzeSmsOptions(options)`: the option fields, as an array in declaration order (one
    /// JS call instead of a Node-API property lookup by name per field).
    ReadAnalyzeSmsOptions = 5,
}

const FACTORY_COUNT: usize = 6;

/// The compiled factories of one Node environment (main thread or worker), kept as its instance
/// data. The references live as long as the environment, which releases them on teardown.
struct Cache {
    factories: [sys::napi_ref; FACTORY_COUNT],
}

/// A value builder bound to the environment of the current Node-API call.
#[derive(Clone, Copy)]
pub struct Js {
    env: sys::napi_env,
}

type Value = napi::Result<sys::napi_value>;

impl Js {
    /// A builder for `env`.
    ///
    /// # Safety
    ///
    /// `env` must be the environment of the Node-API call running on this thread, and every value
    /// built must be used before that call returns (they live in its handle scope).
    pub unsafe fn new(env: sys::napi_env) -> Self {
        Js { env }
    }

    fn check(status: sys::napi_status, what: &str) -> napi::Result<()> {
        if status == sys::Status::napi_ok {
            Ok(())
        } else {
            Err(napi::Error::new(
                Status::from(status),
                format!("envoi: {what} failed"),
            ))
        }
    }

    /// A JS number from a `u32`.
    pub fn u32(self, value: u32) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live (see `new`).
        Self::check(
            unsafe { sys::napi_create_uint32(self.env, value, &mut out) },
            "a number",
        )?;
        Ok(out)
    }

    /// A JS string from UTF-8.
    pub fn str(self, value: &str) -> Value {
        let mut out = ptr::null_mut();
        let length = isize::try_from(value.len()).map_err(|_| {
            napi::Error::new(Status::StringExpected, "envoi: string too long for JS")
        })?;
        // SAFETY: `env` is live; `value` is valid UTF-8 of `length` bytes.
        let status = unsafe {
            sys::napi_create_string_utf8(self.env, value.as_ptr().cast(), length, &mut out)
        };
        Self::check(status, "a string")?;
        Ok(out)
    }

    /// JS `null`.
    pub fn null(self) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(unsafe { sys::napi_get_null(self.env, &mut out) }, "null")?;
        Ok(out)
    }

    /// JS `undefined`.
    pub fn undefined(self) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_get_undefined(self.env, &mut out) },
            "undefined",
        )?;
        Ok(out)
    }

    /// A string, or `null` for `None`.
    pub fn str_or_null(self, value: Option<&str>) -> Value {
        value.map_or_else(|| self.null(), |value| self.str(value))
    }

    /// A `Buffer` holding a copy of `bytes`.
    pub fn buffer(self, bytes: &[u8]) -> Value {
        let mut out = ptr::null_mut();
        let mut data = ptr::null_mut();
        // SAFETY: `env` is live; `bytes` is readable for its length.
        let status = unsafe {
            sys::napi_create_buffer_copy(
                self.env,
                bytes.len(),
                bytes.as_ptr().cast(),
                &mut data,
                &mut out,
            )
        };
        Self::check(status, "a Buffer")?;
        Ok(out)
    }

    /// A JS array of the values `items` yields.
    pub fn array<I>(self, items: I) -> Value
    where
        I: ExactSizeIterator<Item = Value>,
    {
        let mut array = ptr::null_mut();
        // SAFETY: `env` is live.
        let status =
            unsafe { sys::napi_create_array_with_length(self.env, items.len(), &mut array) };
        Self::check(status, "an array")?;
        for (index, item) in items.enumerate() {
            let index = u32::try_from(index)
                .map_err(|_| napi::Error::new(Status::GenericFailure, "envoi: array too long"))?;
            // SAFETY: `env`, `array` and the item are live handles of this call.
            let status = unsafe { sys::napi_set_element(self.env, array, index, item?) };
            Self::check(status, "an array element")?;
        }
        Ok(array)
    }

    /// Calls a result factory with `args` (which must match its parameters).
    pub fn make(self, factory: Factory, args: &[sys::napi_value]) -> Value {
        let function = self.factory(factory)?;
        let receiver = self.undefined()?;
        let mut out = ptr::null_mut();
        // SAFETY: `env`, `function` and `args` are live handles of this call; `args` is readable for
        // its length. A factory only builds an object literal.
        let status = unsafe {
            sys::napi_call_function(
                self.env,
                receiver,
                function,
                args.len(),
                args.as_ptr(),
                &mut out,
            )
        };
        Self::check(status, "building a result")?;
        Ok(out)
    }

    /// The value of a reference of this environment's [`Cache`], creating the cache on first use.
    fn cached(self, pick: impl FnOnce(&Cache) -> sys::napi_ref) -> Value {
        let env = Env::from_raw(self.env);
        let reference = match env.get_instance_data::<Cache>()? {
            Some(cache) => pick(cache),
            None => {
                let cache = self.create_cache()?;
                let reference = pick(&cache);
                env.set_instance_data(cache, (), |_| {})?;
                reference
            }
        };
        let mut out = ptr::null_mut();
        // SAFETY: `reference` is a strong reference created in this environment.
        let status = unsafe { sys::napi_get_reference_value(self.env, reference, &mut out) };
        Self::check(status, "a cached value")?;
        Ok(out)
    }

    fn factory(self, factory: Factory) -> Value {
        self.cached(|cache| cache.factories[factory as usize])
    }

    fn create_cache(self) -> napi::Result<Cache> {
        let source = self.str(FACTORIES_JS)?;
        let mut list = ptr::null_mut();
        // SAFETY: `env` is live and `source` is a JS string of this call.
        let status = unsafe { sys::napi_run_script(self.env, source, &mut list) };
        Self::check(status, "compiling the result factories")?;
        let mut factories = [ptr::null_mut(); FACTORY_COUNT];
        for (index, reference) in (0u32..).zip(factories.iter_mut()) {
            let function = self.element(list, index)?;
            *reference = self.keep(function)?;
        }
        Ok(Cache { factories })
    }

    /// A strong reference to the function `value`, for the environment's lifetime.
    fn keep(self, value: sys::napi_value) -> napi::Result<sys::napi_ref> {
        let mut reference = ptr::null_mut();
        // SAFETY: `value` is a live function handle of this call.
        let status = unsafe { sys::napi_create_reference(self.env, value, 1, &mut reference) };
        Self::check(status, "keeping a value")?;
        Ok(reference)
    }

    /// `typeof value`.
    pub fn type_of(self, value: sys::napi_value) -> napi::Result<sys::napi_valuetype> {
        let mut kind = sys::ValueType::napi_undefined;
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(
            unsafe { sys::napi_typeof(self.env, value, &mut kind) },
            "typeof",
        )?;
        Ok(kind)
    }

    /// `Some(value)`, or `None` when it is `undefined` or `null`.
    pub fn present(self, value: sys::napi_value) -> napi::Result<Option<sys::napi_value>> {
        let kind = self.type_of(value)?;
        Ok(
            (kind != sys::ValueType::napi_undefined && kind != sys::ValueType::napi_null)
                .then_some(value),
        )
    }

    /// A JS boolean's value (`InvalidArg` for any other type).
    pub fn get_bool(self, value: sys::napi_value, name: &str) -> napi::Result<bool> {
        let mut out = false;
        // SAFETY: `env` and `value` are live handles of this call.
        let status = unsafe { sys::napi_get_value_bool(self.env, value, &mut out) };
        Self::expect(status, name, "a boolean")?;
        Ok(out)
    }

    /// A JS number's value (`InvalidArg` for any other type).
    pub fn get_f64(self, value: sys::napi_value, name: &str) -> napi::Result<f64> {
        let mut out = 0.0;
        // SAFETY: `env` and `value` are live handles of this call.
        let status = unsafe { sys::napi_get_value_double(self.env, value, &mut out) };
        Self::expect(status, name, "a number")?;
        Ok(out)
    }

    /// A JS string's value as UTF-8 (`InvalidArg` for any other type).
    pub fn get_string(self, value: sys::napi_value, name: &str) -> napi::Result<String> {
        let mut length = 0;
        // SAFETY: `env` and `value` are live handles of this call; a null buffer asks the length.
        let status = unsafe {
            sys::napi_get_value_string_utf8(self.env, value, ptr::null_mut(), 0, &mut length)
        };
        Self::expect(status, name, "a string")?;
        let mut bytes = vec![0u8; length + 1];
        let mut written = 0;
        // SAFETY: `bytes` is writable for `length + 1` bytes (the text and a NUL).
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                self.env,
                value,
                bytes.as_mut_ptr().cast(),
                bytes.len(),
                &mut written,
            )
        };
        Self::check(status, "reading a string")?;
        bytes.truncate(written);
        String::from_utf8(bytes).map_err(|_| {
            napi::Error::new(Status::StringExpected, "envoi: invalid UTF-8 from Node-API")
        })
    }

    /// The elements of a JS array (`InvalidArg` for any other type).
    pub fn get_array(
        self,
        value: sys::napi_value,
        name: &str,
    ) -> napi::Result<Vec<sys::napi_value>> {
        let mut length = 0;
        // SAFETY: `env` and `value` are live handles of this call.
        let status = unsafe { sys::napi_get_array_length(self.env, value, &mut length) };
        Self::expect(status, name, "an array")?;
        (0..length)
            .map(|index| self.element(value, index))
            .collect()
    }

    /// A wrong-type status as napi-rs's `InvalidArg`, naming the option.
    fn expect(status: sys::napi_status, name: &str, expected: &str) -> napi::Result<()> {
        if status == sys::Status::napi_ok {
            Ok(())
        } else if status == sys::Status::napi_pending_exception {
            Self::check(status, name)
        } else {
            Err(napi::Error::new(
                Status::InvalidArg,
                format!("{name}: expected {expected}"),
            ))
        }
    }

    /// `value[index]`.
    pub fn element(self, value: sys::napi_value, index: u32) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` and `value` are live handles of this call.
        let status = unsafe { sys::napi_get_element(self.env, value, index, &mut out) };
        Self::check(status, "reading an element")?;
        Ok(out)
    }
}

/// A JS value already built in the current call, handed back as is.
#[derive(Clone, Copy)]
pub struct Raw(pub sys::napi_value);

impl ToNapiValue for Raw {
    unsafe fn to_napi_value(_env: sys::napi_env, value: Self) -> Value {
        Ok(value.0)
    }
}
