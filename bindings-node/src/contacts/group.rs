//! `contacts.Group` and `contacts.ensureContactsExist`: the Node face of `envoi::contacts::Group`
//! and `ensure_contacts_exist`, with the host's look-up written in JS.

use std::cell::Cell;

use envoi::contacts::{self as core_contacts};
use envoi::ids::{ContactId, GroupId};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, ValueType, sys};
use napi_derive::napi;

use crate::args::{array_items, napi_error, string_arg, type_name, type_of};
use crate::errors::{Code, JsError, envoi_error, guard, invalid_arg, throw_type_error};
use crate::js::Js;
use crate::time::rethrow;

/// A named group of contacts (SPEC section 3), holding contact ids: a set (adding twice keeps
/// one). Membership is read at each send (late binding). Plain data: `toJson()` /
/// `Group.fromJson(text)`.
///
/// ```js
/// const { contacts } = require('envoi')
/// const group = new contacts.Group('g-1', 'Clients Namur')
/// group.add('c-1')       // true
/// group.add('c-1')       // false: already a member
/// group.members          // ['c-1']
/// ```
#[napi(namespace = "contacts")]
pub struct Group {
    inner: core_contacts::Group,
}

/// A contact id argument (`id.*` for one that is not an id).
fn contact_id(env: Env, name: &str, value: &Unknown<'_>) -> Result<ContactId, JsError> {
    ContactId::new(string_arg(name, value)?).map_err(|error| envoi_error(env, error))
}

#[napi(namespace = "contacts")]
impl Group {
    /// An empty group `id` (the host's, 1 to 128 bytes: `id.*` otherwise) named `name`.
    #[napi(constructor, ts_args_type = "id: string, name: string")]
    pub fn new(env: Env, id: Unknown<'_>, name: Unknown<'_>) -> napi::Result<Self, Code> {
        guard(|| {
            let id =
                GroupId::new(string_arg("id", &id)?).map_err(|error| envoi_error(env, error))?;
            let name = string_arg("name", &name)?;
            Ok(Group {
                inner: core_contacts::Group::new(id, name),
            })
        })
    }

    /// The group's id.
    #[napi(getter)]
    pub fn id(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.id.as_str().to_owned()))
    }

    /// The name shown to the account's users.
    #[napi(getter)]
    pub fn name(&self) -> napi::Result<String, Code> {
        guard(|| Ok(self.inner.name.clone()))
    }

    /// Renames the group.
    #[napi(setter)]
    pub fn set_name(&mut self, name: String) -> napi::Result<(), Code> {
        guard(|| {
            self.inner.name = name;
            Ok(())
        })
    }

    /// The contact ids of the members, sorted.
    #[napi(getter)]
    pub fn members(&self) -> napi::Result<Vec<String>, Code> {
        guard(|| {
            Ok(self
                .inner
                .members
                .iter()
                .map(|id| id.as_str().to_owned())
                .collect())
        })
    }

    /// Adds a contact; `false` if it was already a member.
    #[napi(ts_args_type = "contactId: string")]
    pub fn add(&mut self, env: Env, contact_id_value: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let id = contact_id(env, "contactId", &contact_id_value)?;
            Ok(self.inner.add(id))
        })
    }

    /// Removes a contact; `false` if it was not a member.
    #[napi(ts_args_type = "contactId: string")]
    pub fn remove(&mut self, env: Env, contact_id_value: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let id = contact_id(env, "contactId", &contact_id_value)?;
            Ok(self.inner.remove(&id))
        })
    }

    /// Whether a contact is a member.
    #[napi(ts_args_type = "contactId: string")]
    pub fn contains(&self, env: Env, contact_id_value: Unknown<'_>) -> napi::Result<bool, Code> {
        guard(|| {
            let id = contact_id(env, "contactId", &contact_id_value)?;
            Ok(self.inner.contains(&id))
        })
    }

    /// The core's JSON form (`{"id":"g-1","name":"…","members":["c-1"]}`), the same in every envoi
    /// binding.
    #[napi]
    pub fn to_json(&self) -> napi::Result<String, Code> {
        guard(|| serde_json::to_string(&self.inner).map_err(|error| invalid_arg(error.to_string())))
    }

    /// The group of a JSON text written by {@link Group.toJson} (in any envoi binding), its ids
    /// checked. `InvalidArg` for a text that is not one.
    #[napi(factory)]
    pub fn from_json(json: String) -> napi::Result<Group, Code> {
        guard(|| {
            serde_json::from_str(&json)
                .map(|inner| Group { inner })
                .map_err(|error| invalid_arg(format!("json: {error}")))
        })
    }
}

/// Checks that every recipient is in the address book (SPEC section 3: a contact must exist before
/// it is a recipient). `exists` is the host's look-up, `(contactId) => boolean`, called once per
/// recipient.
///
/// Throws `contacts.unknown_contact` with `ids`: every unknown id, each once, in the order given,
/// so a task is fixed in one go. An exception `exists` throws reaches the caller unchanged (the
/// same object); an answer that is not a boolean throws a `TypeError` with code `InvalidArg`.
///
/// ```js
/// const { contacts } = require('envoi')
/// const book = new Set(['c-1', 'c-2'])
/// contacts.ensureContactsExist(['c-1', 'c-2'], (id) => book.has(id))  // no error
/// try {
///   contacts.ensureContactsExist(['c-1', 'c-9', 'c-9'], (id) => book.has(id))
/// } catch (error) {
///   error.code  // 'contacts.unknown_contact'
///   error.ids   // ['c-9']
/// }
/// ```
#[napi(
    namespace = "contacts",
    ts_args_type = "recipients: string[], exists: (contactId: string) => boolean"
)]
pub fn ensure_contacts_exist(
    env: Env,
    recipients: Unknown<'_>,
    exists: Unknown<'_>,
) -> napi::Result<(), Code> {
    guard(|| {
        let ids = array_items("recipients", &recipients, "an array of contact ids")?
            .iter()
            .enumerate()
            .map(|(index, id)| contact_id(env, &format!("recipients[{index}]"), id))
            .collect::<Result<Vec<_>, _>>()?;
        if type_of("exists", &exists)? != ValueType::Function {
            return Err(invalid_arg(format!(
                "exists: expected a function (contactId) => boolean, got a value of type {}",
                type_name(type_of("exists", &exists)?)
            )));
        }
        let host = HostPredicate::new(env, exists.raw(), "exists(contactId)");
        let result = core_contacts::ensure_contacts_exist(&ids, |id| host.ask(id.as_str()));
        host.finish()?;
        result.map_err(|error| envoi_error(env, error))
    })
}

/// Why the host's predicate gave no answer the core can use, kept to throw once the core returns.
enum Failure {
    /// The predicate threw this value (the pending exception, cleared).
    Thrown(sys::napi_value),
    /// Its answer was not a boolean (the message of the `TypeError`).
    Answer(String),
    /// Node-API failed.
    Error(JsError),
}

/// Adapts a JS function `(text) => boolean` (the host's look-up: does this contact exist, was this
/// reset token used) to a core closure.
///
/// Lives only for one synchronous call on the JS thread, so its raw handles stay valid. After a
/// failure it is not called again (it answers `true`); [`HostPredicate::finish`] then throws the
/// failure once the core returns: the host's own exception unchanged (the same object), or a
/// `TypeError` with code `InvalidArg` for an answer that is not a boolean.
pub struct HostPredicate {
    env: Env,
    js: Js,
    function: sys::napi_value,
    /// How the call is named in messages (`'exists(contactId)'`).
    call: &'static str,
    failure: Cell<Option<Failure>>,
}

impl HostPredicate {
    /// The predicate `function` (a JS function, checked by the caller) of the call of `env`.
    pub fn new(env: Env, function: sys::napi_value, call: &'static str) -> Self {
        // SAFETY: `env` is the environment of the Node-API call running on this thread.
        let js = unsafe { Js::new(env.raw()) };
        HostPredicate {
            env,
            js,
            function,
            call,
            failure: Cell::new(None),
        }
    }

    /// The host's answer for `argument` (`true` once a call failed).
    pub fn ask(&self, argument: &str) -> bool {
        let failed = self.failure.take();
        if failed.is_some() {
            self.failure.set(failed);
            return true;
        }
        match self.answer(argument) {
            Ok(answer) => answer,
            Err(failure) => {
                self.failure.set(Some(failure));
                true
            }
        }
    }

    /// Throws the failure kept, if any (call it once the core returned).
    pub fn finish(self) -> Result<(), JsError> {
        match self.failure.take() {
            Some(Failure::Thrown(exception)) => Err(rethrow(self.env.raw(), exception)),
            Some(Failure::Answer(message)) => Err(throw_type_error(self.env, message)),
            Some(Failure::Error(error)) => Err(error),
            None => Ok(()),
        }
    }

    fn answer(&self, argument: &str) -> Result<bool, Failure> {
        let js = self.js;
        let node_api = |error: napi::Error| Failure::Error(napi_error(error));
        let argument = js.str(argument).map_err(node_api)?;
        let (status, result) = js.call_raw(self.function, &[argument]);
        if status == sys::Status::napi_pending_exception
            && let Some(exception) = js.take_exception()
        {
            return Err(Failure::Thrown(exception));
        }
        if status != sys::Status::napi_ok {
            return Err(Failure::Error(napi::Error::new(
                Code::Napi(napi::Status::from(status)),
                format!("{}: calling the host's function failed", self.call),
            )));
        }
        match js.type_of(result).map_err(node_api)? {
            sys::ValueType::napi_boolean => js.get_bool(result, self.call).map_err(node_api),
            kind => Err(Failure::Answer(format!(
                "{}: the host's function returned a value of type {}; expected a boolean",
                self.call,
                type_name(ValueType::from(kind))
            ))),
        }
    }
}
