//! Inbound SMS replies: the opt-out (`STOP`) and opt-in (`START`) keywords in English, French, Dutch
//! and German.

use serde::Serialize;

use crate::language::Language;
use crate::text::fold;
use crate::time::Instant;

use super::contact::{Channel, ConsentSource, Contact};
use super::error::ContactError;

use Language::{De, En, Fr, Nl};
use ReplyAction::{OptIn, OptOut};

/// What a keyword asks for.
///
/// ```
/// use envoi::contacts::{classify_reply, ReplyAction};
/// assert_eq!(classify_reply("stop").map(|reply| reply.action), Some(ReplyAction::OptOut));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyAction {
    /// Stop SMS to this contact.
    OptOut,
    /// SMS to this contact again.
    OptIn,
}

/// A reply recognised as a keyword: the keyword in envoi's list (upper case, without accents), the
/// languages it belongs to and the action.
///
/// ```
/// use envoi::contacts::{classify_reply, ReplyAction};
/// use envoi::language::Language;
///
/// let reply = classify_reply("Désinscrire !").unwrap();
/// assert_eq!(reply.keyword, "DESINSCRIRE");
/// assert_eq!(reply.languages, [Language::Fr]);
/// assert_eq!(reply.action, ReplyAction::OptOut);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ReplyKeyword {
    /// The keyword, upper case and without accents (`"ARRET"` for `arrêt`).
    pub keyword: &'static str,
    /// The languages that use it (`STOP`: English, French, Dutch and German).
    pub languages: &'static [Language],
    /// Opt out or opt in.
    pub action: ReplyAction,
}

/// Every keyword, upper case without accents.
///
/// **Decision:** `CANCEL`, `END` and `QUIT` (opt-out words of some US carriers) are not keywords:
/// to an appointment reminder, "cancel" means the appointment.
const KEYWORDS: &[ReplyKeyword] = &[
    keyword("STOP", &[En, Fr, Nl, De], OptOut),
    keyword("STOPALL", &[En], OptOut),
    keyword("UNSUBSCRIBE", &[En], OptOut),
    keyword("ARRET", &[Fr], OptOut),
    keyword("ARRETER", &[Fr], OptOut),
    keyword("DESINSCRIRE", &[Fr], OptOut),
    keyword("DESABONNER", &[Fr], OptOut),
    keyword("STOPPEN", &[Nl, De], OptOut),
    keyword("UITSCHRIJVEN", &[Nl], OptOut),
    keyword("AFMELDEN", &[Nl], OptOut),
    keyword("STOPP", &[De], OptOut),
    keyword("ABMELDEN", &[De], OptOut),
    keyword("ABBESTELLEN", &[De], OptOut),
    keyword("START", &[En, Fr, Nl, De], OptIn),
    keyword("UNSTOP", &[En], OptIn),
    keyword("SUBSCRIBE", &[En], OptIn),
    keyword("INSCRIRE", &[Fr], OptIn),
    keyword("ABONNER", &[Fr], OptIn),
    keyword("AANMELDEN", &[Nl], OptIn),
    keyword("INSCHRIJVEN", &[Nl], OptIn),
    keyword("ANMELDEN", &[De], OptIn),
];

const fn keyword(
    keyword: &'static str,
    languages: &'static [Language],
    action: ReplyAction,
) -> ReplyKeyword {
    ReplyKeyword {
        keyword,
        languages,
        action,
    }
}

/// The longest keyword, in characters once folded, with room for trailing punctuation; longer
/// replies are never keywords.
const MAX_REPLY_LEN: usize = 32;

/// The longest reply read at all, in bytes: room for a keyword written with accents, compatibility
/// forms and invisible characters between its letters; longer replies are never keywords.
const MAX_REPLY_BYTES: usize = 1024;

/// Every keyword [`classify_reply`] recognises, opt-outs first.
///
/// ```
/// let keywords = envoi::contacts::reply_keywords();
/// assert!(keywords.iter().any(|keyword| keyword.keyword == "UITSCHRIJVEN"));
/// ```
pub fn reply_keywords() -> &'static [ReplyKeyword] {
    KEYWORDS
}

/// Classifies an inbound SMS reply: an opt-out or opt-in keyword, or `None`.
///
/// The keywords, by language (upper case, without accents; [`reply_keywords`] lists them):
///
/// | | opt out | opt in |
/// |---|---|---|
/// | English | `STOP`, `STOPALL`, `UNSUBSCRIBE` | `START`, `UNSTOP`, `SUBSCRIBE` |
/// | French | `STOP`, `ARRET`, `ARRETER`, `DESINSCRIRE`, `DESABONNER` | `START`, `INSCRIRE`, `ABONNER` |
/// | Dutch | `STOP`, `STOPPEN`, `UITSCHRIJVEN`, `AFMELDEN` | `START`, `AANMELDEN`, `INSCHRIJVEN` |
/// | German | `STOP`, `STOPP`, `STOPPEN`, `ABMELDEN`, `ABBESTELLEN` | `START`, `ANMELDEN` |
///
/// The **whole message** must be one keyword:
/// - the text is folded with [`crate::text::fold`]: case and accents are ignored (`arrêt`,
///   `Arret`, `ARRÊT` are `ARRET`), and so are compatibility forms (full-width letters) and
///   invisible characters anywhere (zero-width space U+200B, non-joiner U+200C, joiner U+200D,
///   word joiner U+2060, byte order mark U+FEFF, bidirectional marks: phones insert them);
/// - surrounding whitespace is ignored, and so is punctuation at the end (`. ! ? , ; : …`);
/// - anything else makes it no keyword: another word (`stop please`, `non stop`), a longer word
///   (`STOPPING`), inner punctuation (`S.T.O.P`).
///
/// So a sentence that merely contains "stop" is never read as an opt-out; the host shows such
/// replies to a person.
///
/// ```
/// use envoi::contacts::{classify_reply, ReplyAction};
///
/// assert_eq!(classify_reply("  Arrêt. ").unwrap().keyword, "ARRET");
/// assert_eq!(classify_reply("Arrêter").unwrap().keyword, "ARRETER");
/// assert_eq!(classify_reply("stoppen").unwrap().action, ReplyAction::OptOut);
/// assert_eq!(classify_reply("\u{FEFF}ST\u{200B}OP\u{200D}").unwrap().keyword, "STOP");
/// assert_eq!(classify_reply("uitschrijven").unwrap().action, ReplyAction::OptOut);
/// assert_eq!(classify_reply("Anmelden!").unwrap().action, ReplyAction::OptIn);
/// assert_eq!(classify_reply("STOPPING"), None);
/// assert_eq!(classify_reply("non stop"), None);
/// assert_eq!(classify_reply("Stop, I'm driving"), None);
/// ```
pub fn classify_reply(text: &str) -> Option<ReplyKeyword> {
    if text.len() > MAX_REPLY_BYTES {
        return None;
    }
    let folded: String = fold(text).flat_map(char::to_uppercase).collect();
    // Folding turns `…` into `...` and full-width `！` into `!`: trimmed here too.
    let trimmed = folded.trim().trim_end_matches(|character: char| {
        character.is_whitespace() || matches!(character, '.' | '!' | '?' | ',' | ';' | ':' | '…')
    });
    if trimmed.is_empty() || trimmed.chars().count() > MAX_REPLY_LEN {
        return None;
    }
    KEYWORDS
        .iter()
        .find(|keyword| keyword.keyword == trimmed)
        .copied()
}

impl Contact {
    /// Applies a classified reply to the contact's SMS channel at `at`, with the source
    /// [`ConsentSource::SmsReply`] naming the keyword: an opt-out keyword opts the contact out of
    /// SMS, an opt-in keyword lifts its SMS opt-out. Idempotent like [`Contact::opt_out`] and
    /// [`Contact::opt_in`] (`Ok(false)`: nothing changed). An opt-in does not turn the contact's SMS
    /// preference on: it only ends the opt-out.
    ///
    /// ```
    /// use envoi::contacts::{classify_reply, Channel, ConsentSource, Contact};
    ///
    /// let at = "2026-03-02T18:30:00Z".parse().unwrap();
    /// let mut contact = Contact::new();
    /// let reply = classify_reply("STOP").unwrap();
    /// assert!(contact.apply_reply(&reply, at)?);
    /// let opt_out = contact.active_opt_out(Channel::Sms).unwrap();
    /// assert_eq!(opt_out.source, ConsentSource::SmsReply { keyword: "STOP".to_owned() });
    /// assert!(contact.apply_reply(&classify_reply("start").unwrap(), at)?);
    /// assert!(contact.active_opt_out(Channel::Sms).is_none());
    /// # Ok::<(), envoi::contacts::ContactError>(())
    /// ```
    pub fn apply_reply(&mut self, reply: &ReplyKeyword, at: Instant) -> Result<bool, ContactError> {
        let source = ConsentSource::SmsReply {
            keyword: reply.keyword.to_owned(),
        };
        match reply.action {
            ReplyAction::OptOut => self.opt_out(Channel::Sms, at, source),
            ReplyAction::OptIn => self.opt_in(Channel::Sms, at, source),
        }
    }
}
