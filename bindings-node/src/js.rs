//! Lean conversions between JS values and Rust, on raw Node-API.
//!
//! Every crossing of the Node-API boundary costs: a property read or write by name hashes the key
//! and, when writing, walks the object's hidden-class transitions (about 0.6 µs per property), and
//! a call from Rust into JS (`napi_call_function`) costs more than the call into Rust that made it.
//! So the hot exports are wrapped, once per Node environment, by small JS functions compiled here
//! ([`Js::compile`]): the wrapper reads the option fields in JS (inline caches), passes them to the
//! native function as arguments, and builds the result object literal from numbers the native side
//! wrote into a per-environment scratch buffer ([`Scratch`]). V8 creates such literals with their
//! final shape in one allocation. The rarely used parts of a result are built by small JS factory
//! functions (`(a, b) => ({ a, b })`) called from Rust.
//!
//! The JS only reads fields and places values; no rule lives in it.

use std::ffi::CStr;
use std::ptr;

use napi::bindgen_prelude::ToNapiValue;
use napi::{Status, sys};

/// `Number.MAX_SAFE_INTEGER`: the largest integer a JS number holds exactly with its neighbours.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The JS source of the factories, one per result type, in [`Factory`] order.
const FACTORIES_JS: &str = r#"(function () {
  'use strict';
  return [
    function Replacement(index, original, replacement) {
      return { index, original, replacement };
    },
    function UserData(octets, length, headerLength) {
      return { octets, length, headerLength };
    },
    function Claims(account, message, occurrence, recipient, link, credential) {
      const claims = {};
      if (account !== undefined) claims.account = account;
      if (message !== undefined) claims.message = message;
      if (occurrence !== undefined) claims.occurrence = occurrence;
      if (recipient !== undefined) claims.recipient = recipient;
      if (link !== undefined) claims.link = link;
      if (credential !== undefined) claims.credential = credential;
      return claims;
    },
    function Verified(purpose, keyId, claims, issuedAt, expiresAt, tokenId) {
      return { purpose, keyId, claims, issuedAt, expiresAt, tokenId };
    },
  ];
})()"#;

/// The JS source of [`Js::require_new`]'s guard: a function of the native class returning it
/// behind a `Proxy` that throws on a call without `new`.
const CLASS_GUARD_JS: &str = r#"(function (Native) {
  'use strict';
  return new Proxy(Native, {
    apply() {
      throw new TypeError(`Class constructor ${Native.name} cannot be invoked without 'new'`);
    },
  });
})"#;

/// A result factory of [`FACTORIES_JS`].
#[derive(Debug, Clone, Copy)]
pub enum Factory {
    /// `Replacement(index, original, replacement)`.
    Replacement = 0,
    /// `UserData(octets, length, headerLength)`.
    UserData = 1,
    /// `Claims(account, message, occurrence, recipient, link, credential)`: the fields not
    /// `undefined`.
    Claims = 2,
    /// `Verified(purpose, keyId, claims, issuedAt, expiresAt, tokenId)`.
    Verified = 3,
}

const FACTORY_COUNT: usize = 4;

/// The number of `u32` slots of an environment's [`Scratch`] (16 KiB): room for a 255-part message
/// with 1,500 non-GSM characters; a result that needs more gets a buffer of its own.
pub const SCRATCH_LEN: usize = 4096;

/// The per-environment buffer the native side of a wrapped export writes its numbers into, and its
/// JS wrapper reads them from (a `Uint32Array` over the same memory).
pub struct Scratch {
    /// The `Uint32Array` (kept alive by `reference` as long as the environment).
    reference: sys::napi_ref,
    /// Its memory: [`SCRATCH_LEN`] `u32`s owned by V8's `ArrayBuffer`, which never moves it.
    data: *mut u32,
}

/// The compiled factories and the scratch buffer of one Node environment (main thread or worker),
/// kept as its instance data. The references live as long as the environment, which releases them
/// on teardown.
struct Cache {
    factories: [sys::napi_ref; FACTORY_COUNT],
    scratch: Scratch,
}

/// Frees an environment's [`Cache`] at its teardown (Node-API then frees the references' targets).
unsafe extern "C" fn drop_cache(
    _env: sys::napi_env,
    data: *mut std::ffi::c_void,
    _hint: *mut std::ffi::c_void,
) {
    // SAFETY: `data` is the `Box<Cache>` leaked by `Js::cache`, finalized once.
    drop(unsafe { Box::from_raw(data.cast::<Cache>()) });
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

    /// A JS number from an `f64`.
    pub fn f64(self, value: f64) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live (see `new`).
        Self::check(
            unsafe { sys::napi_create_double(self.env, value, &mut out) },
            "a number",
        )?;
        Ok(out)
    }

    /// The global object (`globalThis`).
    pub fn global(self) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_get_global(self.env, &mut out) },
            "the global object",
        )?;
        Ok(out)
    }

    /// A new `Error` with `message` and `.code` set to `code`.
    pub fn error(self, code: &str, message: &str) -> Value {
        let (code, message) = (self.str(code)?, self.str(message)?);
        let mut out = ptr::null_mut();
        // SAFETY: `env`, `code` and `message` are live handles of this call, both strings.
        let status = unsafe { sys::napi_create_error(self.env, code, message, &mut out) };
        Self::check(status, "an Error")?;
        Ok(out)
    }

    /// A new `TypeError` with `message` and `.code` set to `code`.
    pub fn type_error(self, code: &str, message: &str) -> Value {
        let (code, message) = (self.str(code)?, self.str(message)?);
        let mut out = ptr::null_mut();
        // SAFETY: `env`, `code` and `message` are live handles of this call, both strings.
        let status = unsafe { sys::napi_create_type_error(self.env, code, message, &mut out) };
        Self::check(status, "a TypeError")?;
        Ok(out)
    }

    /// Throws `value`: it is pending when the export returns (with napi-rs's `PendingException`
    /// status, which leaves it in place).
    pub fn throw(self, value: sys::napi_value) -> napi::Result<()> {
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(unsafe { sys::napi_throw(self.env, value) }, "throwing")
    }

    /// Makes the exported class `exports[name]` refuse a call without `new`, as a JS class does.
    /// napi-rs's constructor does not check `new.target`: `Schedule(start)` would wrap `this` (the
    /// global object) and return it. A `Proxy` with only an `apply` trap leaves `new`,
    /// `instanceof`, subclassing and the static factories as they are.
    pub fn require_new(self, exports: sys::napi_value, name: &CStr) -> napi::Result<()> {
        let guard = self.compile(CLASS_GUARD_JS)?;
        let native = self.get_named(exports, name)?;
        let guarded = self.call(guard, &[native])?;
        self.set_named(exports, name, guarded)
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
        self.call(function, args)
    }

    /// Calls the JS function `function` with `this` undefined.
    pub fn call(self, function: sys::napi_value, args: &[sys::napi_value]) -> Value {
        let receiver = self.undefined()?;
        let mut out = ptr::null_mut();
        // SAFETY: `env`, `function` and `args` are live handles of this call; `args` is readable for
        // its length.
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
        Self::check(status, "calling a compiled function")?;
        Ok(out)
    }

    /// Compiles and runs the JS `source` (a script of this crate, never user input) and returns its
    /// completion value.
    pub fn compile(self, source: &str) -> Value {
        let source = self.str(source)?;
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live and `source` is a JS string of this call.
        let status = unsafe { sys::napi_run_script(self.env, source, &mut out) };
        Self::check(status, "compiling the binding's JS")?;
        Ok(out)
    }

    /// This environment's [`Cache`], created on first use.
    ///
    /// Read with the raw Node-API call: this addon is the only user of its instance data, and
    /// napi-rs's typed accessor compares `TypeId`s with a `memcmp` that costs ~250 ns a call here.
    fn cache(self) -> napi::Result<&'static Cache> {
        let mut data = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_get_instance_data(self.env, &mut data) },
            "the instance data",
        )?;
        if data.is_null() {
            let cache = Box::into_raw(Box::new(self.create_cache()?));
            // SAFETY: `env` is live; `cache` is a leaked `Box<Cache>` that `drop_cache` frees when
            // the environment is torn down.
            let status = unsafe {
                sys::napi_set_instance_data(
                    self.env,
                    cache.cast(),
                    Some(drop_cache),
                    ptr::null_mut(),
                )
            };
            if let Err(error) = Self::check(status, "setting the instance data") {
                // SAFETY: `cache` came from `Box::into_raw` above and was not handed over.
                drop(unsafe { Box::from_raw(cache) });
                return Err(error);
            }
            data = cache.cast();
        }
        // SAFETY: this addon's instance data is only ever set above, to a `Box<Cache>` that lives
        // until the environment's teardown (after its last call).
        Ok(unsafe { &*data.cast::<Cache>() })
    }

    /// The value of a strong reference of this environment.
    fn referenced(self, reference: sys::napi_ref) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `reference` is a strong reference created in this environment.
        let status = unsafe { sys::napi_get_reference_value(self.env, reference, &mut out) };
        Self::check(status, "a cached value")?;
        Ok(out)
    }

    fn factory(self, factory: Factory) -> Value {
        self.referenced(self.cache()?.factories[factory as usize])
    }

    /// This environment's scratch buffer as a JS `Uint32Array` (for the JS wrappers).
    pub fn scratch_array(self) -> Value {
        self.referenced(self.cache()?.scratch.reference)
    }

    /// Runs `fill` on this environment's scratch buffer. `fill` must not call into JS (a nested
    /// call of an export could then write the same buffer).
    pub fn with_scratch<R>(
        self,
        fill: impl FnOnce(&mut [u32; SCRATCH_LEN]) -> R,
    ) -> napi::Result<R> {
        let data = self.cache()?.scratch.data;
        // SAFETY: `data` points to the `SCRATCH_LEN` aligned `u32`s of the scratch `ArrayBuffer`,
        // alive (referenced) as long as this environment, which runs on this thread only; nothing
        // else borrows it while `fill` runs (it does not call JS, and JS reads the buffer only after
        // the export returns).
        let scratch = unsafe { &mut *data.cast::<[u32; SCRATCH_LEN]>() };
        Ok(fill(scratch))
    }

    /// A new `Uint32Array` of `len` elements, zeroed, then filled by `fill`.
    pub fn uint32_array(self, len: usize, fill: impl FnOnce(&mut [u32])) -> Value {
        let (array, data) = self.new_uint32_array(len)?;
        // SAFETY: `data` points to the `len` aligned `u32`s of the new array's `ArrayBuffer`, which
        // `array` keeps alive for this call; nothing else has seen it yet.
        fill(unsafe { std::slice::from_raw_parts_mut(data, len) });
        Ok(array)
    }

    fn new_uint32_array(self, len: usize) -> napi::Result<(sys::napi_value, *mut u32)> {
        let mut buffer = ptr::null_mut();
        let mut data = ptr::null_mut();
        let bytes = len
            .checked_mul(4)
            .ok_or_else(|| napi::Error::new(Status::GenericFailure, "envoi: buffer too large"))?;
        // SAFETY: `env` is live.
        let status =
            unsafe { sys::napi_create_arraybuffer(self.env, bytes, &mut data, &mut buffer) };
        Self::check(status, "an ArrayBuffer")?;
        let data = data.cast::<u32>();
        if bytes > 0 && (data.is_null() || !data.is_aligned()) {
            return Err(napi::Error::new(
                Status::GenericFailure,
                "envoi: unaligned ArrayBuffer",
            ));
        }
        let mut array = ptr::null_mut();
        // SAFETY: `buffer` is a live ArrayBuffer of `len` u32s.
        let status = unsafe {
            sys::napi_create_typedarray(
                self.env,
                sys::TypedarrayType::uint32_array,
                len,
                buffer,
                0,
                &mut array,
            )
        };
        Self::check(status, "a Uint32Array")?;
        Ok((array, data))
    }

    fn create_cache(self) -> napi::Result<Cache> {
        let list = self.compile(FACTORIES_JS)?;
        let mut factories = [ptr::null_mut(); FACTORY_COUNT];
        for (index, reference) in (0u32..).zip(factories.iter_mut()) {
            let function = self.element(list, index)?;
            *reference = self.keep(function)?;
        }
        let (array, data) = self.new_uint32_array(SCRATCH_LEN)?;
        let scratch = Scratch {
            reference: self.keep(array)?,
            data,
        };
        Ok(Cache { factories, scratch })
    }

    /// A strong reference to `value`, for the environment's lifetime.
    fn keep(self, value: sys::napi_value) -> napi::Result<sys::napi_ref> {
        let mut reference = ptr::null_mut();
        // SAFETY: `value` is a live handle of this call.
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

    /// A JS string's value as UTF-8 (`StringExpected` for any other type), read in one pass: lone
    /// surrogates become U+FFFD.
    pub fn get_utf8(self, value: sys::napi_value, name: &str) -> napi::Result<String> {
        let mut units = 0;
        // SAFETY: `env` and `value` are live handles of this call; a null buffer asks the length
        // in UTF-16 units, which V8 knows without reading the string.
        let status = unsafe {
            sys::napi_get_value_string_utf16(self.env, value, ptr::null_mut(), 0, &mut units)
        };
        if status == sys::Status::napi_string_expected {
            return Err(napi::Error::new(
                Status::StringExpected,
                format!("{name}: expected a string"),
            ));
        }
        Self::check(status, "reading a string")?;
        // A UTF-16 unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units),
        // plus the NUL Node-API always writes.
        let capacity = units
            .checked_mul(3)
            .and_then(|bytes| bytes.checked_add(1))
            .ok_or_else(|| napi::Error::new(Status::StringExpected, "envoi: string too long"))?;
        let mut bytes = Vec::<u8>::with_capacity(capacity);
        let mut written = 0;
        // SAFETY: `bytes` has room for `capacity` bytes, of which Node-API writes `written` (< capacity)
        // plus a NUL.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                self.env,
                value,
                bytes.as_mut_ptr().cast(),
                capacity,
                &mut written,
            )
        };
        Self::check(status, "reading a string")?;
        if written >= capacity {
            return Err(napi::Error::new(
                Status::GenericFailure,
                "envoi: string changed while read",
            ));
        }
        // SAFETY: Node-API initialised the first `written` bytes.
        unsafe { bytes.set_len(written) };
        String::from_utf8(bytes).map_err(|_| {
            napi::Error::new(Status::StringExpected, "envoi: invalid UTF-8 from Node-API")
        })
    }

    /// `object[name]`.
    pub fn get_named(self, object: sys::napi_value, name: &CStr) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` and `object` are live handles of this call; `name` is NUL-terminated.
        let status =
            unsafe { sys::napi_get_named_property(self.env, object, name.as_ptr(), &mut out) };
        Self::check(status, "reading a property")?;
        Ok(out)
    }

    /// `object[name] = value`.
    pub fn set_named(
        self,
        object: sys::napi_value,
        name: &CStr,
        value: sys::napi_value,
    ) -> napi::Result<()> {
        // SAFETY: `env`, `object` and `value` are live handles of this call; `name` is
        // NUL-terminated.
        let status =
            unsafe { sys::napi_set_named_property(self.env, object, name.as_ptr(), value) };
        Self::check(status, "setting a property")
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

    /// A new empty object (`{}`).
    pub fn object(self) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_create_object(self.env, &mut out) },
            "an object",
        )?;
        Ok(out)
    }

    /// A JS boolean.
    pub fn bool(self, value: bool) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_get_boolean(self.env, value, &mut out) },
            "a boolean",
        )?;
        Ok(out)
    }

    /// A JS `bigint` from a `u64`.
    pub fn bigint_u64(self, value: u64) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env` is live.
        Self::check(
            unsafe { sys::napi_create_bigint_uint64(self.env, value, &mut out) },
            "a bigint",
        )?;
        Ok(out)
    }

    /// An unsigned integer as JS reads it exactly: a number up to `Number.MAX_SAFE_INTEGER`
    /// (2^53 − 1), a `bigint` above.
    pub fn id(self, value: u64) -> Value {
        if value <= MAX_SAFE_INTEGER {
            // Exact: at most 2^53 − 1.
            #[allow(clippy::cast_precision_loss)]
            self.f64(value as f64)
        } else {
            self.bigint_u64(value)
        }
    }

    /// A JS `bigint`'s value, if it is an integer from 0 to 2^64 − 1 (`None` otherwise: negative or
    /// too large).
    pub fn get_bigint_u64(self, value: sys::napi_value) -> napi::Result<Option<u64>> {
        let (mut out, mut lossless) = (0, false);
        // SAFETY: `env` and `value` are live handles of this call.
        let status =
            unsafe { sys::napi_get_value_bigint_uint64(self.env, value, &mut out, &mut lossless) };
        Self::check(status, "reading a bigint")?;
        Ok(lossless.then_some(out))
    }

    /// `object[key] = value` for a key that is a Rust string.
    pub fn set_key(
        self,
        object: sys::napi_value,
        key: &str,
        value: sys::napi_value,
    ) -> napi::Result<()> {
        let key = self.str(key)?;
        // SAFETY: `env`, `object`, `key` and `value` are live handles of this call.
        let status = unsafe { sys::napi_set_property(self.env, object, key, value) };
        Self::check(status, "setting a property")
    }

    /// `object[key]` for a key that is a JS value.
    pub fn get_key(self, object: sys::napi_value, key: sys::napi_value) -> Value {
        let mut out = ptr::null_mut();
        // SAFETY: `env`, `object` and `key` are live handles of this call.
        let status = unsafe { sys::napi_get_property(self.env, object, key, &mut out) };
        Self::check(status, "reading a property")?;
        Ok(out)
    }

    /// The enumerable own and inherited string keys of an object (`for…in`'s), as JS strings.
    pub fn keys(self, object: sys::napi_value) -> napi::Result<Vec<sys::napi_value>> {
        let mut names = ptr::null_mut();
        // SAFETY: `env` and `object` are live handles of this call.
        let status = unsafe { sys::napi_get_property_names(self.env, object, &mut names) };
        Self::check(status, "reading an object's keys")?;
        self.get_array(names, "keys")
    }

    /// `value instanceof constructor`.
    pub fn instance_of(
        self,
        value: sys::napi_value,
        constructor: sys::napi_value,
    ) -> napi::Result<bool> {
        let mut out = false;
        // SAFETY: `env`, `value` and `constructor` are live handles of this call.
        let status = unsafe { sys::napi_instanceof(self.env, value, constructor, &mut out) };
        Self::check(status, "instanceof")?;
        Ok(out)
    }

    /// The fields `names` of a plain object, each `None` when `undefined` or `null`, if the object
    /// has no other enumerable key (`Ok(None)` when it may have one: the caller then enumerates
    /// its keys to name it). Named reads use V8's inline property lookup, without listing or
    /// copying the keys.
    pub fn known_fields<const N: usize>(
        self,
        object: sys::napi_value,
        names: [&CStr; N],
    ) -> napi::Result<Option<[Option<sys::napi_value>; N]>> {
        let mut fields = [None; N];
        let mut present = 0u32;
        for (slot, name) in fields.iter_mut().zip(names) {
            let value = self.get_named(object, name)?;
            match self.type_of(value)? {
                sys::ValueType::napi_undefined => {}
                sys::ValueType::napi_null => present += 1,
                _ => {
                    present += 1;
                    *slot = Some(value);
                }
            }
        }
        let mut keys = ptr::null_mut();
        // SAFETY: `env` and `object` are live handles of this call.
        let status = unsafe { sys::napi_get_property_names(self.env, object, &mut keys) };
        Self::check(status, "reading an object's keys")?;
        let mut length = 0;
        // SAFETY: `keys` is the array Node-API just made.
        let status = unsafe { sys::napi_get_array_length(self.env, keys, &mut length) };
        Self::check(status, "reading an object's keys")?;
        Ok((length == present).then_some(fields))
    }

    /// Whether `value` is a JS array.
    pub fn is_array(self, value: sys::napi_value) -> napi::Result<bool> {
        let mut out = false;
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(
            unsafe { sys::napi_is_array(self.env, value, &mut out) },
            "Array.isArray",
        )?;
        Ok(out)
    }

    /// Whether `value` is a `Date`.
    pub fn is_date(self, value: sys::napi_value) -> napi::Result<bool> {
        let mut out = false;
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(
            unsafe { sys::napi_is_date(self.env, value, &mut out) },
            "checking for a Date",
        )?;
        Ok(out)
    }

    /// A `Date`'s time value in milliseconds (NaN for an invalid Date).
    pub fn date_millis(self, value: sys::napi_value) -> napi::Result<f64> {
        let mut out = 0.0;
        // SAFETY: `env` and `value` (a Date) are live handles of this call.
        Self::check(
            unsafe { sys::napi_get_date_value(self.env, value, &mut out) },
            "reading a Date",
        )?;
        Ok(out)
    }

    /// Whether `value` is a `Promise`.
    pub fn is_promise(self, value: sys::napi_value) -> napi::Result<bool> {
        let mut out = false;
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(
            unsafe { sys::napi_is_promise(self.env, value, &mut out) },
            "checking for a Promise",
        )?;
        Ok(out)
    }

    /// A copy of the bytes of a `Uint8Array` (a `Buffer` included); `None` for any other value
    /// (another typed array too).
    pub fn uint8_bytes(self, value: sys::napi_value) -> napi::Result<Option<Vec<u8>>> {
        let mut typed = false;
        // SAFETY: `env` and `value` are live handles of this call.
        Self::check(
            unsafe { sys::napi_is_typedarray(self.env, value, &mut typed) },
            "checking for a typed array",
        )?;
        if !typed {
            return Ok(None);
        }
        let mut kind = sys::TypedarrayType::int8_array;
        let (mut length, mut data, mut buffer, mut offset) =
            (0usize, ptr::null_mut(), ptr::null_mut(), 0usize);
        // SAFETY: as above; `value` is a typed array.
        let status = unsafe {
            sys::napi_get_typedarray_info(
                self.env,
                value,
                &mut kind,
                &mut length,
                &mut data,
                &mut buffer,
                &mut offset,
            )
        };
        Self::check(status, "reading a typed array")?;
        if kind != sys::TypedarrayType::uint8_array {
            return Ok(None);
        }
        if length == 0 || data.is_null() {
            return Ok(Some(Vec::new()));
        }
        // SAFETY: Node-API says `data` points to the array's `length` bytes, alive for this call.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), length) };
        Ok(Some(bytes.to_vec()))
    }

    /// Calls the JS function `function` with `this` undefined, the raw status kept: a pending
    /// exception (the function threw) is for the caller to clear and keep.
    pub fn call_raw(
        self,
        function: sys::napi_value,
        args: &[sys::napi_value],
    ) -> (sys::napi_status, sys::napi_value) {
        let mut out = ptr::null_mut();
        let receiver = match self.undefined() {
            Ok(receiver) => receiver,
            Err(_) => return (sys::Status::napi_generic_failure, out),
        };
        // SAFETY: `env`, `function` and `args` are live handles of this call; `args` is readable
        // for its length.
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
        (status, out)
    }

    /// Clears the pending exception and returns it.
    pub fn take_exception(self) -> Option<sys::napi_value> {
        let mut exception = ptr::null_mut();
        // SAFETY: `env` is live; clearing with no exception pending gives `undefined`.
        let status = unsafe { sys::napi_get_and_clear_last_exception(self.env, &mut exception) };
        (status == sys::Status::napi_ok).then_some(exception)
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
