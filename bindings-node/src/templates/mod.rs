//! The Node face of `envoi::templates` (merge fields: `{{field}}`, `{{field|fallback}}`), in the
//! `templates` namespace of the module (`require('envoi').templates`), mirroring the core's
//! modules: [`template`] ↔ `Template` (parse, validate, render) and `fieldNameFor`, [`dates`] ↔
//! `formatDate`, `formatTime` and `formatDateTime` (dates written in a recipient's language),
//! [`error`] ↔ `TemplateError` (a thrown `Error` with the error's fields as properties: `line`
//! and `column` in characters, the offending text).

mod dates;
pub mod error;
mod template;

use napi::sys;

use crate::js::Js;

/// Module registration: makes `templates.Template` refuse a call without `new` (see
/// [`Js::require_new`]).
pub fn install(js: Js, exports: sys::napi_value) -> napi::Result<()> {
    let namespace = js.get_named(exports, c"templates")?;
    js.require_new(namespace, c"Template")
}
