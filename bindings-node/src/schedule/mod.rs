//! The Node face of `envoi::schedule`, mirroring the core's modules: [`repeat`] ↔ simple schedules
//! (`Schedule`), [`calendar`] ↔ the business calendar (`BusinessCalendar`, `belgiumCalendar`,
//! `easterSunday`, `holidayName`).

mod calendar;
mod repeat;

use napi::sys;

use crate::js::Js;

/// Makes `Schedule` refuse a call without `new`, as a JS class does. napi-rs's constructor does not
/// check `new.target`: `Schedule(start)` would wrap `this` (the global object) and return it. A
/// `Proxy` with only an `apply` trap leaves `new`, `instanceof`, subclassing and the static
/// factories as they are.
const CLASS_GUARD_JS: &str = r#"(function (Native) {
  'use strict';
  return new Proxy(Native, {
    apply() {
      throw new TypeError(`Class constructor ${Native.name} cannot be invoked without 'new'`);
    },
  });
})"#;

/// Module registration: guards the exported classes that have a constructor.
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let guard = js.compile(CLASS_GUARD_JS)?;
    let native = js.get_named(exports, c"Schedule")?;
    let guarded = js.call(guard, &[native])?;
    js.set_named(exports, c"Schedule", guarded)
}
