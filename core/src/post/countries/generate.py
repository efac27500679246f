#!/usr/bin/env python3
"""Generates countries.tsv, the country names envoi reads on an address's country line.

Run from anywhere, in a throwaway virtual environment:

    python3 -m venv /tmp/cldr && /tmp/cldr/bin/pip install babel pycountry
    /tmp/cldr/bin/python core/src/post/countries/generate.py

Sources:
- the ISO 3166-1 alpha-2 codes: pycountry (Debian's iso-codes data);
- each code's name in French, Dutch, German and English: CLDR, through babel's territory names;
- aliases.tsv beside this script: names added by hand, each with its reason (common names, official
  names, abbreviations, former names, ambiguous short names, regions CLDR names outside ISO 3166-1).

Derived names (source "derived"): a German name with ä, ö or ü is also read with ae, oe, ue (how the
letters are written on a keyboard or a machine without them).

The script refuses (exit 1) an alias that adds nothing (its normalised form is already a name of the
same country) or names an unknown code, so aliases.tsv stays minimal. It prints every name that two
countries share: those are read as ambiguous (post.ambiguous_country).

normalise() must match `normalise` in core/src/post/country.rs; a test there reads every row of the
generated table back through the Rust code.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import pathlib
import sys
import unicodedata

import babel
import pycountry
from babel import Locale

HERE = pathlib.Path(__file__).resolve().parent
LANGUAGES = ["fr", "nl", "de", "en"]
# Words matching ignores: the conjunctions of "Trinidad & Tobago" in each language and the English
# article ("THE NETHERLANDS", "THE GAMBIA").
IGNORED_WORDS = {"AND", "ET", "EN", "UND", "THE"}
# Abbreviations read as the word ("ST. LUCIA", "STE-LUCIE").
WORD_FORMS = {"ST": "SAINT", "STE": "SAINTE"}
# Letters that Unicode decomposition keeps whole.
LETTERS = {"Æ": "AE", "Ø": "O", "Œ": "OE", "Ł": "L", "Đ": "D", "Þ": "TH", "ẞ": "SS"}
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "AE", "Ö": "OE", "Ü": "UE"}


def normalise(text: str) -> str:
    """The matching key of a name: see `normalise` in country.rs."""
    letters = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            continue
        for upper in char.upper():
            letters.append(LETTERS.get(upper, upper))
    words = []
    word = []
    for char in "".join(letters) + " ":
        if char.isalnum():
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    words = [WORD_FORMS.get(w, w) for w in words if w not in IGNORED_WORDS]
    return "".join(words)


def read_aliases() -> list[tuple[list[str], str, str, str]]:
    rows = []
    for number, line in enumerate((HERE / "aliases.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not all(field.strip() for field in fields):
            sys.exit(f"aliases.tsv line {number}: want 4 tab-separated fields: {line!r}")
        codes, language, name, reason = fields
        if language not in LANGUAGES + ["*"]:
            sys.exit(f"aliases.tsv line {number}: language {language!r}")
        rows.append((codes.split(","), language, name, f"line {number}"))
    return rows


def main() -> None:
    codes = sorted(country.alpha_2 for country in pycountry.countries)
    names = {language: Locale.parse(language).territories for language in LANGUAGES}
    aliases = read_aliases()

    # Regions CLDR names that become countries of their own ("=CLDR:XK" with code XK).
    for alias_codes, _, name, where in aliases:
        if name.startswith("=CLDR:") and alias_codes == [name.removeprefix("=CLDR:")]:
            if alias_codes[0] in codes:
                sys.exit(f"aliases.tsv {where}: {alias_codes[0]} is already an ISO 3166-1 code")
            codes.append(alias_codes[0])
    codes.sort()

    problems: list[str] = []
    rows: list[tuple[str, str, str, str]] = []  # code, language, source, name
    keys: dict[str, set[str]] = {}  # normalised name -> codes

    def add(code: str, language: str, source: str, name: str, where: str = "") -> None:
        key = normalise(name)
        if not key:
            sys.exit(f"{code} {language} {name!r}: normalises to nothing")
        if code in keys.get(key, set()):
            if source == "alias":
                problems.append(f"aliases.tsv {where}: {name!r} is already a name of {code} ({key})")
                return
            return  # the same name in another language (or a derivation that changes nothing)
        keys.setdefault(key, set()).add(code)
        rows.append((code, language, source, name))

    for code in codes:
        for language in LANGUAGES:
            name = names[language].get(code)
            if not name:
                sys.exit(f"CLDR has no {language} name for {code}")
            # The CLDR name is written even when another language has the same one: it is what
            # Country::name returns.
            key = normalise(name)
            if code not in keys.get(key, set()):
                keys.setdefault(key, set()).add(code)
            rows.append((code, language, "cldr", name))

    def derive(code: str, language: str, name: str) -> None:
        if language == "de" and any(char in UMLAUTS for char in name):
            add(code, language, "derived", "".join(UMLAUTS.get(char, char) for char in name))

    for code, language, _, name in list(rows):
        derive(code, language, name)

    for alias_codes, language, name, where in aliases:
        for code in alias_codes:
            if code not in codes:
                sys.exit(f"aliases.tsv {where}: unknown code {code}")
        if name.startswith("=CLDR:"):
            region = name.removeprefix("=CLDR:")
            if alias_codes == [region]:
                continue  # a country of its own, done above
            for region_language in LANGUAGES:
                region_name = names[region_language].get(region)
                if not region_name:
                    sys.exit(f"aliases.tsv {where}: CLDR has no {region_language} name for {region}")
                for code in alias_codes:
                    add(code, region_language, "derived", region_name)
                    derive(code, region_language, region_name)
            continue
        for code in alias_codes:
            add(code, language, "alias", name, where)
            derive(code, language, name)

    if problems:
        sys.exit("\n".join(problems))

    shared = {key: sorted(found) for key, found in keys.items() if len(found) > 1}
    for key, found in sorted(shared.items()):
        print(f"ambiguous: {key} -> {', '.join(found)}", file=sys.stderr)

    order = {language: index for index, language in enumerate(LANGUAGES + ["*"])}
    sources = {"cldr": 0, "derived": 1, "alias": 2}
    rows.sort(key=lambda row: (row[0], sources[row[2]], order[row[1]], row[3]))

    header = [
        "# Country names read on an address's country line (core/src/post/country.rs).",
        "# GENERATED by generate.py from CLDR and aliases.tsv: do not edit, run the script.",
        f"# Generated on {datetime.date.today().isoformat()} with babel {importlib.metadata.version('babel')}"
        f" (CLDR {babel.core.get_cldr_version()}) and pycountry {importlib.metadata.version('pycountry')}"
        " (ISO 3166-1 codes, Debian iso-codes).",
        f"# {len(codes)} countries: the {len(codes) - sum(1 for c in codes if not pycountry.countries.get(alpha_2=c))}"
        " ISO 3166-1 alpha-2 codes, and the regions aliases.tsv adds as countries.",
        "# Columns: code, language (fr, nl, de, en; * for any), source, name.",
        "# source: cldr = CLDR's name of the code in the language (exactly one per code and language,",
        "#   what Country::name returns); derived = a CLDR name read another way (German umlauts written",
        "#   ae/oe/ue, a region CLDR names outside ISO 3166-1 read as its country); alias = aliases.tsv.",
        "# A name that normalises like a name of another code is ambiguous (post.ambiguous_country).",
        "code\tlanguage\tsource\tname",
    ]
    lines = header + ["\t".join(row) for row in rows]
    (HERE / "countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"countries.tsv: {len(codes)} countries, {len(rows)} names, {len(keys)} keys", file=sys.stderr)


if __name__ == "__main__":
    main()
