//! [`analyze`]: choose the encoding and tables, then cut the text into parts.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

use super::alphabet::{self, TableSet};
use super::user_data;
use super::{
    ConcatReference, Encoding, MAX_PARTS_LIMIT, NonGsmChar, SmsAnalysis, SmsError, SmsOptions,
    SmsPart, smart,
};

/// Octets of TP-User-Data in one SMS.
const USER_DATA_OCTETS: u32 = 140;
/// Octets of a national language shift information element (IEI, length, language).
const NATIONAL_IE_OCTETS: u32 = 3;

/// How the text will be written: the encoding and, for GSM-7, the table set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    Gsm7(TableSet),
    Ucs2,
}

impl Scheme {
    /// The units `character` takes, or `None` when this scheme cannot write it.
    #[inline]
    fn units(self, character: char) -> Option<u32> {
        match self {
            Scheme::Gsm7(set) if set.is_default() => alphabet::default_septet_count(character),
            Scheme::Gsm7(set) => set.septets(character).map(|septets| septets.count()),
            Scheme::Ucs2 => Some(character.len_utf16() as u32),
        }
    }

    /// The octets of the user data header of a part: UDHL plus its information elements.
    pub(crate) fn header_octets(self, concatenated: bool, reference: ConcatReference) -> u32 {
        let national = match self {
            Scheme::Gsm7(set) => set.header_elements() * NATIONAL_IE_OCTETS,
            Scheme::Ucs2 => 0,
        };
        let concatenation = match (concatenated, reference) {
            (false, _) => 0,
            (true, ConcatReference::EightBit(_)) => 5,
            (true, ConcatReference::SixteenBit(_)) => 6,
        };
        let elements = national + concatenation;
        if elements == 0 { 0 } else { 1 + elements }
    }

    /// The units one part holds.
    fn capacity(self, concatenated: bool, reference: ConcatReference) -> u32 {
        let free_octets = USER_DATA_OCTETS - self.header_octets(concatenated, reference);
        match self {
            Scheme::Gsm7(_) => free_octets * 8 / 7,
            Scheme::Ucs2 => free_octets / 2,
        }
    }
}

/// The parts of a text in one scheme.
struct Layout {
    scheme: Scheme,
    capacity: u32,
    parts: Vec<(Range<usize>, u32)>,
}

/// The total units of `text` in `scheme`, or `None` when a character cannot be written.
fn total_units(text: &str, scheme: Scheme) -> Option<u32> {
    text.chars().try_fold(0u32, |total, character| {
        Some(total + scheme.units(character)?)
    })
}

/// Cuts `text` (already known to be writable in `scheme`, with `total` units) into parts.
fn layout(text: &str, scheme: Scheme, total: u32, reference: ConcatReference) -> Layout {
    let single = scheme.capacity(false, reference);
    if total <= single {
        return Layout {
            scheme,
            capacity: single,
            parts: vec![(0..text.len(), total)],
        };
    }
    let capacity = scheme.capacity(true, reference);
    // One loop per kind of scheme, so that the unit count of a character inlines. The default GSM
    // tables hold no combining mark: no cluster other than CR LF (which may be split) can occur.
    let parts = match scheme {
        Scheme::Ucs2 => cut(text, total, capacity, true, |c| c.len_utf16() as u32),
        Scheme::Gsm7(set) if set.is_default() => cut(text, total, capacity, false, |c| {
            alphabet::default_septet_count(c).unwrap_or(0)
        }),
        Scheme::Gsm7(set) => cut(text, total, capacity, true, |c| {
            set.septets(c).map_or(0, |septets| septets.count())
        }),
    };
    Layout {
        scheme,
        capacity,
        parts,
    }
}

/// Cuts `text` into parts of at most `capacity` units, each character costing `units(c)`. With
/// `clusters`, a grapheme cluster that the cut would split moves whole to the next part when it fits
/// in one.
fn cut(
    text: &str,
    total: u32,
    capacity: u32,
    clusters: bool,
    units: impl Fn(char) -> u32,
) -> Vec<(Range<usize>, u32)> {
    let units_of = |range: Range<usize>| text[range].chars().map(&units).sum::<u32>();
    let mut parts = Vec::with_capacity((total / capacity + 1) as usize);
    let mut start = 0;
    let mut used = 0;
    for (position, character) in text.char_indices() {
        let cost = units(character);
        if used + cost <= capacity {
            used += cost;
            continue;
        }
        let mut cut = position;
        if clusters
            && let Some(cluster) = cluster_across(text, position)
            && cluster.start > start
            && units_of(cluster.clone()) <= capacity
        {
            // Keep the whole cluster together in the next part.
            cut = cluster.start;
        }
        let carried = units_of(cut..position);
        parts.push((start..cut, used - carried));
        start = cut;
        used = carried + cost;
    }
    parts.push((start..text.len(), used));
    parts
}

/// The grapheme cluster that a cut at `position` would split, if any. A cut between CR and LF splits
/// nothing worth keeping (SPEC: a CR LF pair may fall in two parts).
fn cluster_across(text: &str, position: usize) -> Option<Range<usize>> {
    if text[..position].ends_with('\r') && text[position..].starts_with('\n') {
        return None;
    }
    let mut cursor = GraphemeCursor::new(position, text.len(), true);
    if cursor.is_boundary(text, 0).unwrap_or(true) {
        return None;
    }
    let start = cursor.prev_boundary(text, 0).ok().flatten()?;
    let mut cursor = GraphemeCursor::new(position, text.len(), true);
    let end = cursor.next_boundary(text, 0).ok().flatten()?;
    Some(start..end)
}

/// The UCS-2 layout of `text`.
fn ucs2_layout(text: &str, reference: ConcatReference) -> Layout {
    let total = total_units(text, Scheme::Ucs2).unwrap_or(0);
    layout(text, Scheme::Ucs2, total, reference)
}

/// The septets of `text` in the default tables, and the characters they cannot write.
///
/// The hot path of [`analyze`]: ASCII bytes are counted from a constant table without decoding.
fn scan_default(text: &str) -> (u32, Vec<NonGsmChar>) {
    let bytes = text.as_bytes();
    let mut septets = 0;
    let mut outside = Vec::new();
    let mut position = 0;
    let mut index = 0;
    while let Some(&byte) = bytes.get(position) {
        if byte.is_ascii() {
            let count = alphabet::ASCII_SEPTETS[usize::from(byte)];
            if count == 0 {
                outside.push(NonGsmChar {
                    index,
                    character: char::from(byte),
                });
            }
            septets += u32::from(count);
            position += 1;
        } else {
            // `position` is on a character boundary: it only ever advances by whole characters.
            let Some(character) = text[position..].chars().next() else {
                break;
            };
            match alphabet::default_septet_count(character) {
                Some(count) => septets += count,
                None => outside.push(NonGsmChar { index, character }),
            }
            position += character.len_utf8();
        }
        index += 1;
    }
    (septets, outside)
}

/// The best GSM-7 layout the enabled tables allow, or `None` when no table set can write the text.
fn best_gsm7(text: &str, options: &SmsOptions) -> Option<Layout> {
    let default = total_units(text, Scheme::Gsm7(TableSet::DEFAULT)).map(|total| {
        layout(
            text,
            Scheme::Gsm7(TableSet::DEFAULT),
            total,
            options.reference,
        )
    });
    if options.languages.is_empty() || default.as_ref().is_some_and(|l| l.parts.len() == 1) {
        return default;
    }
    let mut best = default;
    // Candidates come in order of preference, so only strictly fewer parts replace the best.
    for set in alphabet::candidate_sets(&options.languages)
        .into_iter()
        .skip(1)
    {
        let scheme = Scheme::Gsm7(set);
        let Some(total) = total_units(text, scheme) else {
            continue;
        };
        let candidate = layout(text, scheme, total, options.reference);
        if best
            .as_ref()
            .is_none_or(|best| candidate.parts.len() < best.parts.len())
        {
            best = Some(candidate);
        }
    }
    best
}

/// Analyses an SMS text: its encoding, the national tables used, its parts and their units.
///
/// See the [module documentation](super) for the rules. The text is analysed as given: render merge
/// fields first, since the count depends on each recipient's values.
///
/// # Errors
/// - [`SmsError::InvalidMaxParts`] when `options.max_parts` is not in 1..=255;
/// - [`SmsError::TooManyParts`] when the text needs more parts than `options.max_parts`.
///
/// ```
/// use envoi::sms::{analyze, Encoding, NationalLanguage, SmsOptions};
///
/// // 100 euro signs: 200 septets, 2 parts with the default tables…
/// let euros = "€".repeat(100);
/// assert_eq!(analyze(&euros, &SmsOptions::default())?.part_count(), 2);
///
/// // …but 1 part with the Turkish locking shift table, where `€` is a single septet.
/// let options = SmsOptions { languages: vec![NationalLanguage::Turkish], ..Default::default() };
/// let turkish = analyze(&euros, &options)?;
/// assert_eq!(turkish.part_count(), 1);
/// assert_eq!(turkish.locking_shift, Some(NationalLanguage::Turkish));
/// assert_eq!(turkish.encoding, Encoding::Gsm7);
/// # Ok::<(), envoi::sms::SmsError>(())
/// ```
pub fn analyze(text: &str, options: &SmsOptions) -> Result<SmsAnalysis, SmsError> {
    if !(1..=MAX_PARTS_LIMIT).contains(&options.max_parts) {
        return Err(SmsError::InvalidMaxParts {
            value: i64::from(options.max_parts),
        });
    }
    let languages = &options.languages;
    let representable = |character: char| alphabet::representable_with(character, languages);

    let mut encoded = Cow::Borrowed(text);
    let mut replacements = Vec::new();
    let (layout, non_gsm) = if options.languages.is_empty() && !options.smart_encoding {
        // The common case, in one pass: the default tables' septets and what they cannot write.
        let (septets, outside) = scan_default(text);
        if outside.is_empty() {
            let scheme = Scheme::Gsm7(TableSet::DEFAULT);
            (layout(text, scheme, septets, options.reference), outside)
        } else {
            (ucs2_layout(text, options.reference), outside)
        }
    } else {
        // Smart encoding keeps its replacements only when they let a table set write the text:
        // every character may be writable by some enabled table without one set writing them all.
        let replaced = options
            .smart_encoding
            .then(|| smart::replace(text, representable))
            .flatten()
            .and_then(|(replaced, found)| Some((best_gsm7(&replaced, options)?, replaced, found)));
        if let Some((layout, replaced, found)) = replaced {
            encoded = Cow::Owned(replaced);
            replacements = found;
            (layout, Vec::new())
        } else if let Some(layout) = best_gsm7(text, options) {
            (layout, Vec::new())
        } else {
            (
                ucs2_layout(text, options.reference),
                forcing_characters(text, options, &representable),
            )
        }
    };

    if layout.parts.len() > options.max_parts as usize {
        return Err(SmsError::TooManyParts {
            parts: layout.parts.len(),
            max_parts: options.max_parts,
        });
    }

    let (encoding, tables) = match layout.scheme {
        Scheme::Gsm7(set) => (Encoding::Gsm7, set),
        Scheme::Ucs2 => (Encoding::Ucs2, TableSet::DEFAULT),
    };
    let count = layout.parts.len();
    let parts: Vec<SmsPart> = layout
        .parts
        .iter()
        .enumerate()
        .map(|(sequence, (range, units))| {
            let part_text = &encoded[range.clone()];
            SmsPart {
                text: part_text.to_owned(),
                units: *units,
                user_data: options.user_data.then(|| {
                    user_data::encode(part_text, layout.scheme, options.reference, sequence, count)
                }),
            }
        })
        .collect();
    let units_used = parts.iter().map(|part| part.units).sum();
    let last_units = parts.last().map_or(0, |part| part.units);
    Ok(SmsAnalysis {
        encoding,
        locking_shift: tables.locking,
        single_shift: tables.single,
        units_per_part: layout.capacity,
        units_used,
        units_left: layout.capacity - last_units,
        parts,
        non_gsm,
        replacements,
        text: encoded.into_owned(),
    })
}

/// The characters of the original text that forced UCS-2: those no enabled table can write and (with
/// smart encoding) that have no look-alike. When each character is writable by some table but no
/// single table set writes them all, the characters outside the default tables are reported.
fn forcing_characters(
    text: &str,
    options: &SmsOptions,
    representable: &impl Fn(char) -> bool,
) -> Vec<NonGsmChar> {
    fn collect(text: &str, keep: impl Fn(char) -> bool) -> Vec<NonGsmChar> {
        text.chars()
            .enumerate()
            .filter(|(_, character)| keep(*character))
            .map(|(index, character)| NonGsmChar { index, character })
            .collect()
    }
    let replaceable =
        |character: char| options.smart_encoding && smart::look_alike(character).is_some();
    let blocking = collect(text, |character| {
        !(representable(character) || replaceable(character))
    });
    if !blocking.is_empty() {
        return blocking;
    }
    let outside = collect(text, |character| !representable(character));
    if !outside.is_empty() {
        return outside;
    }
    collect(text, |character| {
        alphabet::default_septet_count(character).is_none()
    })
}
