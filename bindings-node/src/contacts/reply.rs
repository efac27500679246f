//! `contacts.classifyReply` and `contacts.replyKeywords`: the Node face of
//! `envoi::contacts::classify_reply` (inbound SMS replies: `STOP`/`START` in four languages).

use envoi::contacts::{self as core_contacts, ReplyKeyword as CoreReplyKeyword};
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use super::serde_name;
use crate::args::{record_arg, required_field, string_arg};
use crate::errors::{Code, JsError, guard, invalid_arg};

/// A reply recognised as a keyword: the keyword in envoi's list, the languages it belongs to and
/// what it asks for.
#[napi(object, namespace = "contacts")]
pub struct ReplyKeyword {
    /// The keyword, upper case and without accents (`'ARRET'` for `arrêt`).
    pub keyword: String,
    /// The languages that use it (`STOP`: `['en', 'fr', 'nl', 'de']`).
    #[napi(ts_type = "Array<'fr' | 'nl' | 'de' | 'en'>")]
    pub languages: Vec<String>,
    /// `'opt_out'` (stop SMS to this contact) or `'opt_in'` (SMS again).
    #[napi(ts_type = "'opt_out' | 'opt_in'")]
    pub action: String,
}

impl ReplyKeyword {
    fn from_core(keyword: &CoreReplyKeyword) -> Self {
        ReplyKeyword {
            keyword: keyword.keyword.to_owned(),
            languages: keyword
                .languages
                .iter()
                .map(|language| language.code().to_owned())
                .collect(),
            action: serde_name(&keyword.action),
        }
    }
}

/// Classifies an inbound SMS reply: the opt-out or opt-in keyword it is, or `null`.
///
/// The **whole message** must be one keyword: surrounding white space and punctuation at the end
/// are ignored, and so are case and accents (`'Arrêt !'` is `ARRET`); anything else makes it no
/// keyword (`'stop please'`, `'STOPPING'`, `'S.T.O.P'`), so a sentence that merely contains "stop"
/// is never an opt-out. Apply it with {@link Contact.applyReply}.
///
/// ```js
/// const { contacts } = require('envoi')
/// contacts.classifyReply('  Arrêt. ')   // { keyword: 'ARRET', languages: ['fr'], action: 'opt_out' }
/// contacts.classifyReply('Stop, I am driving')  // null
/// ```
#[napi(namespace = "contacts")]
pub fn classify_reply(text: String) -> napi::Result<Option<ReplyKeyword>, Code> {
    guard(|| Ok(core_contacts::classify_reply(&text).map(|reply| ReplyKeyword::from_core(&reply))))
}

/// Every keyword {@link classifyReply} recognises, opt-outs first.
#[napi(namespace = "contacts")]
pub fn reply_keywords() -> napi::Result<Vec<ReplyKeyword>, Code> {
    guard(|| {
        Ok(core_contacts::reply_keywords()
            .iter()
            .map(ReplyKeyword::from_core)
            .collect())
    })
}

/// Reads a reply argument: an object with the `keyword` of one of {@link replyKeywords} (as
/// {@link classifyReply} returns it), the core's keyword then.
pub fn reply_arg(value: &Unknown<'_>) -> Result<CoreReplyKeyword, JsError> {
    let object = record_arg(
        "reply",
        value,
        &["keyword", "languages", "action"],
        "contacts.classifyReply('STOP')",
    )?;
    let keyword = string_arg(
        "reply.keyword",
        &required_field(&object, "reply", "keyword")?,
    )?;
    core_contacts::reply_keywords()
        .iter()
        .find(|known| known.keyword == keyword)
        .copied()
        .ok_or_else(|| {
            invalid_arg(format!(
                "reply.keyword: {keyword:?} is not a reply keyword; classify the reply with contacts.classifyReply"
            ))
        })
}
