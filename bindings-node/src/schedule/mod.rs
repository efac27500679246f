//! The Node face of `envoi::schedule`, mirroring the core's modules: [`repeat`] ↔ simple schedules
//! (`Schedule`), [`calendar`] ↔ the business calendar (`BusinessCalendar`, `belgiumCalendar`,
//! `easterSunday`, `holidayName`).

mod calendar;
mod repeat;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `Schedule` refuse a call without `new` (see [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    js.require_new(exports, c"Schedule")
}
