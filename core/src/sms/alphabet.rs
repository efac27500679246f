//! Character lookups over the GSM 7-bit tables: which characters a table set can encode, at what cost,
//! and as which septets.
//!
//! The default alphabet (with its extension table) has a fast path: every character it holds is below
//! U+0400 except `€`, so one 1,024-entry array answers in a single load. National tables go through a
//! per-table map built once.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::NationalLanguage;
use super::tables::{self, Table};

/// The escape septet that announces a character of the extension (or single shift) table.
pub(crate) const ESCAPE: u8 = 0x1B;

/// How a character is written in a table set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Septets {
    /// One septet of the locking (or default) table.
    Single(u8),
    /// [`ESCAPE`] then one septet of the single shift (or extension) table.
    Escaped(u8),
}

impl Septets {
    /// The number of septets (1 or 2).
    pub(crate) fn count(self) -> u32 {
        match self {
            Septets::Single(_) => 1,
            Septets::Escaped(_) => 2,
        }
    }
}

/// Septets per ASCII character in the default tables: 0 = not representable, 1 = default alphabet,
/// 2 = extension table (escape pair). Built at compile time from the tables.
pub(crate) const ASCII_SEPTETS: [u8; 128] = {
    let mut septets = [0u8; 128];
    let mut cell = 0;
    while cell < 128 {
        if let Some(character) = tables::DEFAULT_EXTENSION[cell]
            && character.is_ascii()
        {
            septets[character as usize] = 2;
        }
        if let Some(character) = tables::DEFAULT_ALPHABET[cell]
            && character.is_ascii()
        {
            septets[character as usize] = 1;
        }
        cell += 1;
    }
    septets
};

/// The septets `character` takes in the default tables (1 or 2), or `None` when it is not there.
/// The hot path of segmentation: ASCII is answered from a constant table.
#[inline]
pub(crate) fn default_septet_count(character: char) -> Option<u32> {
    if character.is_ascii() {
        match ASCII_SEPTETS[character as usize] {
            0 => None,
            count => Some(u32::from(count)),
        }
    } else {
        default_septets(character).map(Septets::count)
    }
}

/// Below this code point, the default alphabet and extension are answered from one array.
const FAST_RANGE: usize = 0x400;

/// Per code point below [`FAST_RANGE`]: 0 = not in the default tables, 1..=128 = septet + 1 in the
/// default alphabet, 129..=256 = septet + 129 in the extension table.
static DEFAULT_LOOKUP: LazyLock<[u16; FAST_RANGE]> = LazyLock::new(|| {
    let mut lookup = [0u16; FAST_RANGE];
    for (septet, cell) in tables::DEFAULT_EXTENSION.iter().enumerate() {
        if let Some(character) = cell.filter(|c| (*c as usize) < FAST_RANGE) {
            lookup[character as usize] = septet as u16 + 129;
        }
    }
    // The default alphabet wins over the extension for a character in both (none today).
    for (septet, cell) in tables::DEFAULT_ALPHABET.iter().enumerate() {
        if let Some(character) = cell.filter(|c| (*c as usize) < FAST_RANGE) {
            lookup[character as usize] = septet as u16 + 1;
        }
    }
    lookup
});

/// The extension-table characters at or above [`FAST_RANGE`] (the euro sign).
static DEFAULT_EXTENSION_HIGH: LazyLock<Vec<(char, u8)>> = LazyLock::new(|| {
    tables::DEFAULT_EXTENSION
        .iter()
        .enumerate()
        .filter_map(|(septet, cell)| cell.map(|character| (character, septet as u8)))
        .filter(|(character, _)| (*character as usize) >= FAST_RANGE)
        .collect()
});

/// A character in the default alphabet or its extension table.
#[inline]
pub(crate) fn default_septets(character: char) -> Option<Septets> {
    let code = character as usize;
    if code < FAST_RANGE {
        match DEFAULT_LOOKUP[code] {
            0 => None,
            value @ 1..=128 => Some(Septets::Single((value - 1) as u8)),
            value => Some(Septets::Escaped((value - 129) as u8)),
        }
    } else {
        DEFAULT_EXTENSION_HIGH
            .iter()
            .find(|(candidate, _)| *candidate == character)
            .map(|(_, septet)| Septets::Escaped(*septet))
    }
}

fn reverse(table: &Table) -> HashMap<char, u8> {
    let mut map = HashMap::new();
    for (septet, cell) in table.iter().enumerate() {
        if let Some(character) = cell {
            map.entry(*character).or_insert(septet as u8);
        }
    }
    map
}

/// Reverse maps of every national table, indexed by `identifier - 1`.
struct NationalMaps {
    locking: Vec<Option<HashMap<char, u8>>>,
    single: Vec<HashMap<char, u8>>,
}

static NATIONAL: LazyLock<NationalMaps> = LazyLock::new(|| NationalMaps {
    locking: NationalLanguage::ALL
        .iter()
        .map(|language| tables::locking_shift(*language).map(reverse))
        .collect(),
    single: NationalLanguage::ALL
        .iter()
        .map(|language| reverse(tables::single_shift(*language)))
        .collect(),
});

fn slot(language: NationalLanguage) -> usize {
    usize::from(language.identifier() - 1)
}

/// A choice of tables: the locking shift table (default alphabet when `None`) and the single shift
/// table (default extension table when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct TableSet {
    pub(crate) locking: Option<NationalLanguage>,
    pub(crate) single: Option<NationalLanguage>,
}

impl TableSet {
    /// The default alphabet and extension table.
    pub(crate) const DEFAULT: TableSet = TableSet {
        locking: None,
        single: None,
    };

    /// How `character` is written in this table set, if it can be.
    #[inline]
    pub(crate) fn septets(self, character: char) -> Option<Septets> {
        if self == Self::DEFAULT {
            return default_septets(character);
        }
        let maps = &*NATIONAL;
        let locking = match self.locking {
            None => default_septets(character).and_then(|septets| match septets {
                Septets::Single(septet) => Some(septet),
                Septets::Escaped(_) => None,
            }),
            Some(language) => maps.locking[slot(language)]
                .as_ref()
                .and_then(|map| map.get(&character).copied()),
        };
        if let Some(septet) = locking {
            return Some(Septets::Single(septet));
        }
        match self.single {
            None => default_septets(character).and_then(|septets| match septets {
                Septets::Escaped(septet) => Some(Septets::Escaped(septet)),
                Septets::Single(_) => None,
            }),
            Some(language) => maps.single[slot(language)]
                .get(&character)
                .map(|septet| Septets::Escaped(*septet)),
        }
    }

    /// The number of national shift information elements this set puts in every header (0 to 2).
    pub(crate) fn header_elements(self) -> u32 {
        u32::from(self.locking.is_some()) + u32::from(self.single.is_some())
    }

    /// Whether the set holds only tables without combining marks (the default tables): then no
    /// multi-character grapheme cluster other than CR LF can occur in a GSM-7 text.
    pub(crate) fn is_default(self) -> bool {
        self == Self::DEFAULT
    }
}

/// Every table set the languages allow, in order of preference on a tie: the default set first, then
/// single shift only, locking only, and both, each in the order the languages were given.
pub(crate) fn candidate_sets(languages: &[NationalLanguage]) -> Vec<TableSet> {
    let mut unique: Vec<NationalLanguage> = Vec::with_capacity(languages.len());
    for language in languages {
        if !unique.contains(language) {
            unique.push(*language);
        }
    }
    let lockings: Vec<NationalLanguage> = unique
        .iter()
        .copied()
        .filter(|language| language.has_locking_shift())
        .collect();
    let mut sets = vec![TableSet::DEFAULT];
    sets.extend(unique.iter().map(|single| TableSet {
        locking: None,
        single: Some(*single),
    }));
    sets.extend(lockings.iter().map(|locking| TableSet {
        locking: Some(*locking),
        single: None,
    }));
    for locking in &lockings {
        sets.extend(unique.iter().map(|single| TableSet {
            locking: Some(*locking),
            single: Some(*single),
        }));
    }
    sets
}

/// Whether `character` can be written with any of the tables the languages enable.
pub(crate) fn representable_with(character: char, languages: &[NationalLanguage]) -> bool {
    if default_septet_count(character).is_some() {
        return true;
    }
    if languages.is_empty() {
        return false;
    }
    let maps = &*NATIONAL;
    languages.iter().any(|language| {
        maps.single[slot(*language)].contains_key(&character)
            || maps.locking[slot(*language)]
                .as_ref()
                .is_some_and(|map| map.contains_key(&character))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_alphabet_costs() {
        assert_eq!(default_septets('@'), Some(Septets::Single(0x00)));
        assert_eq!(default_septets('à'), Some(Septets::Single(0x7F)));
        assert_eq!(default_septets('Δ'), Some(Septets::Single(0x10)));
        assert_eq!(default_septets('€'), Some(Septets::Escaped(0x65)));
        assert_eq!(default_septets('\u{0C}'), Some(Septets::Escaped(0x0A)));
        assert_eq!(default_septets('{'), Some(Septets::Escaped(0x28)));
        assert_eq!(default_septets('`'), None);
        assert_eq!(default_septets('\u{1B}'), None);
        assert_eq!(default_septets('ç'), None);
        assert_eq!(default_septets('😀'), None);
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_tables() {
        for code in 0u8..128 {
            let character = char::from(code);
            assert_eq!(
                default_septet_count(character),
                default_septets(character).map(Septets::count),
                "{character:?}"
            );
        }
    }

    #[test]
    fn every_default_cell_round_trips() {
        for (septet, cell) in tables::DEFAULT_ALPHABET.iter().enumerate() {
            if let Some(character) = cell {
                assert_eq!(
                    default_septets(*character),
                    Some(Septets::Single(septet as u8))
                );
            }
        }
        for (septet, cell) in tables::DEFAULT_EXTENSION.iter().enumerate() {
            if let Some(character) = cell {
                assert_eq!(
                    default_septets(*character),
                    Some(Septets::Escaped(septet as u8))
                );
            }
        }
    }

    #[test]
    fn candidates_are_in_tie_order_without_duplicates() {
        use NationalLanguage::*;
        let sets = candidate_sets(&[Spanish, Turkish, Spanish]);
        let shape: Vec<(bool, bool)> = sets
            .iter()
            .map(|set| (set.locking.is_some(), set.single.is_some()))
            .collect();
        let (none, single, locking, both) =
            ((false, false), (false, true), (true, false), (true, true));
        assert_eq!(shape, vec![none, single, single, locking, both, both]);
        assert_eq!(sets[1].single, Some(Spanish));
        assert_eq!(sets[3].locking, Some(Turkish));
    }
}
