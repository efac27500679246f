//! The Node face of `envoi::tracking`, in the `tracking` namespace of the module
//! (`require('envoi').tracking`, beside the key ring of `crate::token`), mirroring the core's
//! modules: [`email`] ↔ `Tracker` (tracked email, click and open resolution with the host's lookup
//! written in JS), [`secure`] ↔ `SecureAccess`, [`stats`] ↔ `Stats`, `MachineRules` and the
//! report, [`error`] ↔ `TrackingError`, `SecureAccessError` and `StatsError` (a thrown `Error` with
//! the error's fields as properties).

mod email;
pub mod error;
mod secure;
mod stats;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `tracking.KeyRing`, `tracking.Tracker` and `tracking.Stats` refuse a
/// call without `new` (see [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"tracking")?;
    js.require_new(namespace, c"KeyRing")?;
    js.require_new(namespace, c"Tracker")?;
    js.require_new(namespace, c"Stats")
}
