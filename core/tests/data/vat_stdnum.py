#!/usr/bin/env python3
"""Writes vat_stdnum.tsv: what python-stdnum says about a few thousand VAT numbers, for
core/tests/vat_numbers.rs to compare envoi with.

    python3 -m venv /tmp/stdnum-venv && /tmp/stdnum-venv/bin/pip install python-stdnum
    /tmp/stdnum-venv/bin/python core/tests/data/vat_stdnum.py

The output is deterministic for a given python-stdnum version (fixed seed; the version is printed and
written in the file's first line). Its inputs are:

- the examples in the docstrings of the stdnum modules that stdnum.eu.vat dispatches to (read from the
  installed package);
- the numbers of stdnum's own test files (tests/test_eu_vat.doctest and the per-country ones, kept in
  vat_stdnum_seeds.tsv; `--extract-seeds <sdist>/tests` rewrites that file from a python-stdnum source
  distribution);
- valid numbers generated for every country: a random body in the country's shape, completed with
  check characters that stdnum itself accepts (stdnum is the oracle, this script computes no check
  digit);
- invalid variants of the valid ones: one digit changed, adjacent characters transposed, a character
  dropped or added, another country's prefix, no prefix, the country argument given or not, separators,
  lower case, full-width digits.

Columns (tab-separated; a backslash escapes tab, newline, carriage return and backslash in `input`):

    input  country  stdnum  stdnum_compact  spec  spec_compact  difference  case

- `country`: the country argument envoi gets (empty: none). stdnum.eu.vat takes no country, so with a
  country the reference is the country's own stdnum module, `validate(input)`, as eu.vat calls it
  (each module strips its own prefix), with the prefix added to its result as eu.vat does.
- `stdnum`, `stdnum_compact`: stdnum's verdict (valid/invalid) and compact form (valid rows only).
- `spec`, `spec_compact`: stdnum's verdict on the input after the normalisation SPEC section 7 decides
  (NFKC; white space, dots, commas, colons, dashes and slashes removed anywhere; ASCII upper case; any
  other character kept, so refused, except ASCII letters and digits, the Belgian "(0)" and the + and *
  of old Irish numbers; GR read as EL; an EU/IM OSS id accepted without its prefix when the country
  EU/IM is given). envoi must agree with these columns on every row.
- `difference`: empty when stdnum and the SPEC agree; otherwise the first normalisation step that changed
  stdnum's answer (`nfkc`, `separators`, `other_characters`, `oss_without_prefix`, `gr_alias`).
- `case`: how the row was made (for reading failures).
"""

import argparse
import random
import re
import sys
import unicodedata
from pathlib import Path

import stdnum
from stdnum import exceptions
from stdnum.eu import oss
from stdnum.eu import vat as eu_vat

SEED = 20260106
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / 'vat_stdnum.tsv'
SEEDS = HERE / 'vat_stdnum_seeds.tsv'

# The VAT country codes (Greece as EL, Northern Ireland as XI) and the stdnum module eu.vat uses.
MODULES = {
    'AT': 'at.uid', 'BE': 'be.vat', 'BG': 'bg.vat', 'CY': 'cy.vat', 'CZ': 'cz.dic', 'DE': 'de.vat',
    'DK': 'dk.cvr', 'EE': 'ee.kmkr', 'EL': 'gr.vat', 'ES': 'es.nif', 'FI': 'fi.alv', 'FR': 'fr.tva',
    'HR': 'hr.oib', 'HU': 'hu.anum', 'IE': 'ie.vat', 'IT': 'it.iva', 'LT': 'lt.pvm', 'LU': 'lu.tva',
    'LV': 'lv.pvn', 'MT': 'mt.vat', 'NL': 'nl.btw', 'PL': 'pl.nip', 'PT': 'pt.nif', 'RO': 'ro.cf',
    'SE': 'se.vat', 'SI': 'si.ddv', 'SK': 'sk.dph', 'XI': 'gb.vat', 'EU': 'eu.oss', 'IM': 'eu.oss',
}
COUNTRIES = sorted(c for c in MODULES if c not in ('EU', 'IM'))
# Per-country test files of the stdnum sources, and the country their numbers belong to.
TEST_FILES = {
    'test_eu_vat': '', 'test_eu_oss': '', 'test_be_vat': 'BE', 'test_bg_vat': 'BG',
    'test_es_nif': 'ES', 'test_fr_tva': 'FR', 'test_gb_vat': 'XI', 'test_ie_vat': 'IE',
}

# ---- references ----------------------------------------------------------------------------------


def module_for(country):
    """The stdnum module eu.vat uses for a country code (EL and GR: gr.vat; XI: gb.vat; EU/IM: oss)."""
    return eu_vat._get_cc_module(country)  # noqa: SLF001 (the dispatch eu.vat itself uses)


def stdnum_answer(number, country):
    """(verdict, compact) as python-stdnum gives them."""
    try:
        if not country:
            return 'valid', eu_vat.validate(number)
        module = module_for(country)
        if module is None:
            return 'invalid', ''
        compact = module.validate(number)
        cc = country.upper()
        if not compact.startswith(cc):
            compact = cc + compact
        return 'valid', compact
    except exceptions.ValidationError:
        return 'invalid', ''
    except Exception:  # noqa: BLE001 (stdnum raising ValueError & co. on odd input is a refusal too)
        return 'invalid', ''


# Unicode White_Space (what Rust's char::is_whitespace tests), full stops, commas, colons, dashes and
# slashes: the union of what stdnum's modules strip, plus slashes everywhere.
WHITE_SPACE = set(map(chr, [9, 10, 11, 12, 13, 32, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B),
                            0x2028, 0x2029, 0x202F, 0x205F, 0x3000]))
SEPARATORS = WHITE_SPACE | set('.,:-/') | set(map(chr, range(0x2010, 0x2016))) | {'\u2212', '\u2044', '\u2215'}


def nfkc(text):
    return unicodedata.normalize('NFKC', text)


def without_separators(text):
    return ''.join(c.upper() if c.isascii() else c for c in text if c not in SEPARATORS)


def refuse_other_characters(text):
    """Characters that are not separators stay in the number, and only ASCII letters and digits (and
    the "(0)" of Belgium, the + and * of old Irish numbers) are read. stdnum upper-cases and keeps
    other letters (Turkish dotless i becomes I) and, should a module strip some other punctuation,
    would drop it: such characters become one that no number contains, as envoi refuses them."""
    return ''.join(c if (c.isascii() and c.isalnum()) or c in '()+*' else '#' for c in text)


def with_oss_prefix(text, country):
    country = country.strip().upper()
    if country in ('EU', 'IM') and not text.startswith(country):
        return country + text
    return text


def gr_as_el(answer):
    verdict, compact = answer
    if compact.startswith('GR'):
        compact = 'EL' + compact[2:]
    return verdict, compact


def compare(number, country):
    """stdnum's answer, the SPEC's answer and the first normalisation step that separates them."""
    raw = stdnum_answer(number, country)
    steps = [
        ('nfkc', lambda t: nfkc(t)),
        ('separators', without_separators),
        ('other_characters', refuse_other_characters),
        ('oss_without_prefix', lambda t: with_oss_prefix(t, country)),
    ]
    text, previous, difference = number, raw, ''
    for name, step in steps:
        text = step(text)
        answer = stdnum_answer(text, country)
        if answer != previous and not difference:
            difference = name
        previous = answer
    spec = gr_as_el(previous)
    if spec != previous and not difference:
        difference = 'gr_alias'
    if spec == raw:
        difference = ''
    return raw, spec, difference


# ---- inputs: stdnum's own examples -------------------------------------------------------------

CALL = re.compile(r"""\b(?:validate|is_valid|compact|check|convert)\(\s*'([^'\\]*)'""")


def doctest_inputs(text):
    """Numbers in `numbers = '''...'''` blocks and string arguments of validate()/is_valid()/... calls."""
    found, block = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(">>> numbers = '''"):
            block = True
            continue
        if block:
            if stripped.startswith("... '''"):
                block = False
            elif stripped.startswith('... ') and stripped[4:].strip():
                found.append(stripped[4:].rstrip())
            continue
        if stripped.startswith('>>> '):
            found.extend(CALL.findall(stripped))
    return found


def extract_seeds(tests_dir):
    rows = []
    for name, country in TEST_FILES.items():
        for number in doctest_inputs((Path(tests_dir) / f'{name}.doctest').read_text()):
            rows.append((name, country, number))
    with SEEDS.open('w') as out:
        out.write(f'# Numbers from the tests of python-stdnum {stdnum.__version__} (LGPL-2.1+), '
                  'extracted by vat_stdnum.py --extract-seeds. Columns: file, country, input.\n')
        for row in rows:
            out.write('\t'.join(row) + '\n')
    print(f'wrote {len(rows)} seeds to {SEEDS}')


def seed_inputs():
    rows = []
    for line in SEEDS.read_text().splitlines():
        if line.startswith('#') or not line:
            continue
        name, country, number = line.split('\t')
        rows.append((f'stdnum:{name}', country, number))
    # The docstring examples of the installed modules.
    for country, module_name in MODULES.items():
        if country == 'IM':
            continue
        module = __import__(f'stdnum.{module_name}', fromlist=['validate'])
        for number in doctest_inputs(module.__doc__ or ''):
            # the module's own validate(), as the docstring calls it; eu.oss takes prefixed ids only
            rows.append((f'stdnum:{module_name} docstring', '' if country == 'EU' else country, number))
    return rows


# ---- inputs: generated valid numbers -------------------------------------------------------------

DIGITS = '0123456789'
LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'


def digits(rng, count, first=DIGITS):
    if count == 0:
        return ''
    return rng.choice(first) + ''.join(rng.choice(DIGITS) for _ in range(count - 1))


def date_digits(rng, year_lo, year_hi):
    """(year, month, day) of a real date."""
    year = rng.randint(year_lo, year_hi)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    return year, month, day


def two(n):
    return f'{n:02d}'


# Each shape returns (body, completions): the number is body + one of the completions; the ones stdnum
# accepts are kept.
def shapes(country, rng):
    d = lambda n, first=DIGITS: digits(rng, n, first)  # noqa: E731
    tail1 = list(DIGITS)
    tail2 = [two(n) for n in range(100)]
    if country == 'AT':
        return [lambda: ('U' + d(7), tail1)]
    if country == 'BE':
        return [lambda: (rng.choice('01') + d(7), tail2), lambda: ('0' + d(7, '123456789'), tail2)]
    if country == 'BG':
        def egn():
            year, month, day = date_digits(rng, 1940, 2020)
            month += 40 if year >= 2000 else 0
            return two(year % 100) + two(month) + two(day) + d(3), tail1
        return [lambda: (d(8), tail1), egn, lambda: (d(9), tail1)]
    if country == 'CY':
        return [lambda: (rng.choice('0134569') + d(7), list(LETTERS))]
    if country == 'CZ':
        def rc10():
            year, month, day = date_digits(rng, 1954, 2040)
            month += rng.choice([0, 50])
            return two(year % 100) + two(month) + two(day) + d(3), tail1
        def rc9():
            year, month, day = date_digits(rng, 1900, 1953)
            return two(year % 100) + two(month + rng.choice([0, 50])) + two(day) + d(2), tail1
        return [lambda: (d(7, '012345678'), tail1), lambda: ('6' + d(7), tail1), rc10, rc9]
    if country == 'DE':
        return [lambda: (d(8, '123456789'), tail1)]
    if country == 'DK':
        return [lambda: (d(7, '123456789'), tail1)]
    if country == 'EE':
        return [lambda: ('10' + d(6), tail1)]
    if country == 'EL':
        return [lambda: (d(8), tail1)]
    if country == 'ES':
        return [lambda: (d(8), list(LETTERS)), lambda: (rng.choice('XYZ') + d(7), list(LETTERS)),
                lambda: (rng.choice('KLM') + d(7), list(LETTERS)),
                lambda: (rng.choice('ABCDEFGHJNPQRSUVW') + d(7), list(DIGITS + 'JABCDEFGHI'))]
    if country == 'FI':
        return [lambda: (d(7), tail1)]
    if country == 'FR':
        key_alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
        keys = [a + b for a in key_alphabet for b in key_alphabet]
        def numeric():
            # a SIREN with a valid Luhn digit, then every numeric key
            from stdnum import luhn
            body = d(8)
            return 'KEY' + body + luhn.calc_check_digit(body), [two(n) for n in range(100)]
        def alphanumeric():
            from stdnum import luhn
            body = d(8)
            return 'KEY' + body + luhn.calc_check_digit(body), [k for k in keys if not k.isdigit()]
        return [numeric, alphanumeric, alphanumeric, lambda: ('KEY000' + d(6), keys)]
    if country == 'HR':
        return [lambda: (d(10), tail1)]
    if country == 'HU':
        return [lambda: (d(7), tail1)]
    if country == 'IE':
        check = list('WABCDEFGHIJKLMNOPQRSTUV')
        return [lambda: (d(7), check), lambda: ('KEY' + d(7) + rng.choice('AHW'), check),
                lambda: (d(1) + rng.choice(LETTERS + '+*') + d(5), check)]
    if country == 'IT':
        def iva():
            office = rng.choice([f'{n:03d}' for n in range(1, 101)] + ['120', '121', '888', '999'])
            return d(7) + office, tail1
        return [iva]
    if country == 'LT':
        return [lambda: (d(7) + '1', tail1), lambda: (d(10) + '1', tail1)]
    if country == 'LU':
        return [lambda: (d(6), tail2)]
    if country == 'LV':
        def person():
            year, month, day = date_digits(rng, 1900, 2020)
            return two(day) + two(month) + two(year % 100) + str(year // 100 - 18) + d(3), tail1
        return [lambda: (d(10, '456789'), tail1), person, lambda: ('32' + d(8), tail1)]
    if country == 'MT':
        return [lambda: (d(6, '123456789'), tail2)]
    if country == 'NL':
        from stdnum.nl import bsn
        def bsn_number():
            body = d(8)
            check = bsn.checksum(body + '0')
            return body + str(check % 10) + 'B', [two(n) for n in range(1, 100)]
        return [bsn_number, lambda: (d(9) + 'B', [two(n) for n in range(1, 100)])]
    if country == 'PL':
        return [lambda: (d(9), tail1)]
    if country == 'PT':
        return [lambda: (d(8, '123456789'), tail1)]
    if country == 'RO':
        from stdnum.ro import cnp
        counties = sorted(cnp._COUNTIES)  # noqa: SLF001
        def person():
            year, month, day = date_digits(rng, 1900, 2020)
            sex = rng.choice('12') if year < 2000 else rng.choice('56')
            return sex + two(year % 100) + two(month) + two(day) + rng.choice(counties) + d(3), tail1
        return [lambda: (d(rng.randint(1, 9), '123456789'), tail1), person]
    if country == 'SE':
        from stdnum import luhn
        def orgnr():
            body = d(9, '125789')
            return body + luhn.calc_check_digit(body), ['01']
        return [orgnr]
    if country == 'SI':
        return [lambda: (d(7, '123456789'), tail1)]
    if country == 'SK':
        return [lambda: (d(1, '123456789') + d(1) + rng.choice('234789') + d(6), tail1)]
    if country == 'XI':
        return [lambda: (d(8), tail1), lambda: (d(8), tail1), lambda: (d(8), [c + d(3) for c in DIGITS]),  # with a branch
                lambda: (rng.choice(['GD' + f'{rng.randint(0, 499):03d}', 'HA' + f'{rng.randint(500, 999):03d}']), ['']),
                lambda: ('GD8888' + f'{rng.randint(0, 499):03d}', [two(n) for n in range(100)]),
                lambda: ('HA8888' + f'{rng.randint(500, 999):03d}', [two(n) for n in range(100)])]
    if country == 'EU':
        return [lambda: (rng.choice(oss.ISO_3166_1_MEMBER_STATES) + d(5), tail1)]
    if country == 'IM':
        return [lambda: (rng.choice(oss.ISO_3166_1_MEMBER_STATES) + d(6), tail1)]
    raise ValueError(country)


def complete(body, tail):
    """The number for a body and a completion; 'KEY' in a body marks where the completion goes (first)."""
    if body.startswith('KEY'):
        return tail + body[3:]
    return body + tail


def generate_valid(country, rng, count):
    found = []
    makers = shapes(country, rng)
    attempts = 0
    while len(found) < count and attempts < 10000:
        attempts += 1
        body, tails = makers[attempts % len(makers)]()
        good = [complete(body, t) for t in tails
                if stdnum_answer(country + complete(body, t), '')[0] == 'valid']
        if good:
            found.append(rng.choice(good))
    return found


# ---- inputs: variants ---------------------------------------------------------------------------

FULLWIDTH = {c: chr(0xFF10 + i) for i, c in enumerate(DIGITS)}


def with_separators(rng, text, pool):
    out = []
    for i, c in enumerate(text):
        out.append(c)
        if i < len(text) - 1 and rng.random() < 0.3:
            out.append(rng.choice(pool))
    return ''.join(out)


COMMON = [' ', ' ', '.', '-', '/']
UNUSUAL = [' ', '.', '-', '/', '  ', ' - ', ',', ':', '_', '\t', '\u00a0', '\u2013', '\u2009', '\u3000']


def variants(rng, country, national, other_countries):
    """Invalid and re-formatted forms of a valid number."""
    full = country + national
    rows = []

    def add(case, number, given=''):
        rows.append((case, given, number))

    positions = [i for i, c in enumerate(national) if c.isdigit()]
    if positions:
        i = rng.choice(positions)
        changed = rng.choice([c for c in DIGITS if c != national[i]])
        add('digit_changed', country + national[:i] + changed + national[i + 1:])
        i = rng.choice(positions)
        changed = rng.choice([c for c in DIGITS if c != national[i]])
        add('digit_changed', national[:i] + changed + national[i + 1:], country)
    pairs = [i for i in range(len(national) - 1) if national[i] != national[i + 1]]
    if pairs:
        i = rng.choice(pairs)
        add('transposed', country + national[:i] + national[i + 1] + national[i] + national[i + 2:])
    add('too_short', full[:-1])
    add('too_long', full + rng.choice(DIGITS))
    add('too_long', national + rng.choice(DIGITS), country)
    add('no_prefix', national)
    add('other_prefix', rng.choice(other_countries) + national)
    add('country_given', national, country)
    add('country_given_with_prefix', full, country)
    add('country_given_lower', national, country.lower())
    add('country_mismatch', full, rng.choice(other_countries))
    add('separators', with_separators(rng, full, COMMON))
    add('separators', with_separators(rng, national, COMMON), country)
    add('unusual_separators', with_separators(rng, full, UNUSUAL))
    add('lower_case', full.lower())
    add('lower_case_spaced', ' ' + with_separators(rng, full.lower(), COMMON) + ' ')
    if rng.random() < 0.3:
        add('fullwidth_digits', ''.join(FULLWIDTH.get(c, c) for c in full))
    rng.shuffle(rows)
    return rows[:8]


def special_inputs(rng, valid):
    rows = []

    def add(case, number, given=''):
        rows.append((case, given, number))

    # Greece typed as GR, with and without the country argument.
    for national in valid['EL'][:12]:
        add('gr_alias', 'GR' + national)
        add('gr_alias', 'gr ' + national)
        add('gr_alias', national, 'GR')
        add('gr_alias', 'GR' + national, 'EL')
        add('gr_alias', 'EL' + national, 'GR')
        if national.startswith('0'):
            add('gr_8_digits', 'EL' + national[1:])
    # Belgian "(0)" and 9-digit old numbers.
    for national in valid['BE'][:15]:
        add('be_bracketed_zero', 'BE (0)' + national[1:4] + '.' + national[4:7] + '.' + national[7:])
        add('be_bracketed_zero', '(0)' + national[1:], 'BE')
        add('be_bracketed_zero', 'BE(0)' + national)
        if national.startswith('0'):
            add('be_9_digits', 'BE' + national[1:])
            add('be_9_digits', national[1:], 'BE')
        else:
            add('be_9_digits', 'BE' + national[1:])
    # GB numbers: accepted as XI only when XI is the country.
    for national in valid['XI'][:15]:
        add('gb_prefix', 'GB' + national)
        add('gb_prefix', 'GB' + national, 'XI')
        add('gb_prefix', 'GB ' + national, 'xi')
        add('gb_prefix', national, 'GB')
        add('gb_prefix', 'GB' + national, 'GB')
    # OSS identifiers, with and without the country argument.
    for prefix in ('EU', 'IM'):
        for national in valid[prefix]:
            add('oss', prefix + national)
            add('oss', prefix.lower() + ' ' + national)
            add('oss', prefix + national, prefix)
            add('oss', national, prefix)
            add('oss', prefix + national, 'BE')
            add('oss_wrong_state', prefix + '999' + national[3:])
            add('oss_bad_length', prefix + national[:-1])
    # Odd inputs.
    for number, given in [('', ''), ('', 'BE'), ('   ', ''), ('BE', ''), ('BE', 'BE'), ('B', ''),
                          ('be', ''), ('-./', ''), ('0403170701', ''), ('QQ124567', ''),
                          ('ZZ0403170701', ''), ('0403170701', 'ZZ'), ('0403170701', 'GB'),
                          ('BE0403170701', 'be '), ('BE0403170701', 'B'), ('BE0403170701', 'BEL'),
                          ('BE0000000000', ''), ('BE000000000', ''), ('NL000000000B00', ''),
                          ('NL1B01', ''), ('NL12B01', ''), ('RO1', ''), ('RO18', ''),
                          ('BE\u00a00403\u00a0170\u00a0701', ''), ('ＢＥ０４０３１７０７０１', ''),
                          ('BE 0403 170 701', ''), ('BE０４０３１７０７０１', ''), ('BE𝟎𝟒𝟎𝟑𝟏𝟕𝟎𝟕𝟎𝟏', ''),
                          ('BE0403170701\n', ''), ('\tBE0403170701', ''), ('BE_0403170701', ''),
                          ('BE0403,170,701', ''), ('DE 136,695,976', ''), ('DK 13:58:50:39', ''),
                          ('IT: 00743110157', ''), ('EL: 094259216', ''), ('LU 150:274:42', ''),
                          ('(0)403170701', ''), ('BE(0)', ''), ('BE()0403170701', ''),
                          ('ATU 13585627', 'at'), ('Fr 40 303 265 045', ''), ('FR4030326504 5', 'FR'),
                          ('FRFR40303265045', ''), ('IE1+23456T', ''), ('IE1*23456T', ''),
                          ('XIGD001', ''), ('XIHA500', ''), ('GD001', 'XI'), ('XI GD8888 00100', ''),
                          ('BE0403170701BE', ''), ('BEBE0403170701', ''), ('BE0403170701', 'FR'),
                          ('FRBE303265045', ''), ('EU372022452', 'eu'), ('IM3720000224', ''),
                          ('EU 372 022 452', ''), ('EU.372.022.452', ''), ('IM3720000224', 'IM'),
                          ('IE5+61820Nı', 'IE'), ('IE5+61820NI', 'IE'), ('BE0403170701ı', ''),
                          ('BE 0403–170–701', ''), ('BE⁄0403⁄170⁄701', ''), ('BE０４０３．１７０．７０１', ''),
                          ('ＢＥ\u30000403170701', ''), ('BE\u200b0403170701', ''), ('BE0403170701', 'ＢＥ'),
                          ('ЕЕ100931558', ''), ('BE0403170701', 'be '), ('ATU13585627', 'ATU')]:
        add('odd', number, given)
    # Random garbage over the alphabet of VAT numbers.
    alphabet = DIGITS * 3 + LETTERS + ' .-/()'
    prefixes = [c for c in MODULES] + ['GR', 'GB', 'QQ', '']
    for _ in range(300):
        body = ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        prefix = rng.choice(prefixes)
        given = rng.choice(['', '', rng.choice(COUNTRIES)])
        add('random', prefix + body, given)
    return rows


# ---- output --------------------------------------------------------------------------------------


def escape(text):
    return (text.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--extract-seeds', metavar='TESTS_DIR',
                        help='rewrite vat_stdnum_seeds.tsv from python-stdnum tests/*.doctest')
    args = parser.parse_args()
    print(f'python-stdnum {stdnum.__version__}')
    if args.extract_seeds:
        extract_seeds(args.extract_seeds)
        return

    rng = random.Random(SEED)
    rows = []  # (case, country, input)
    for case, given, number in seed_inputs():
        rows.append((case, given, number))

    # Valid numbers: the seeds' valid ones, topped up with generated ones to 35 per country.
    valid = {}
    for country in list(COUNTRIES) + ['EU', 'IM']:
        known = []
        for _case, given, number in rows:
            if given:
                continue
            verdict, compact = stdnum_answer(number, '')
            if verdict == 'valid' and compact[:2] in ((country, 'GR') if country == 'EL' else (country,)):
                national = compact[2:]
                if national not in known:
                    known.append(national)
        generated = generate_valid(country, rng, max(0, 35 - min(len(known), 20)))
        valid[country] = known[:20] + [n for n in generated if n not in known[:20]]
        if len(valid[country]) < 30:
            sys.exit(f'only {len(valid[country])} valid numbers for {country}')
        for national in valid[country]:
            if country not in ('EU', 'IM'):
                rows.append(('valid', '', country + national))
            others = [c for c in COUNTRIES if c != country]
            if country not in ('EU', 'IM'):
                rows.extend(variants(rng, country, national, others))

    rows.extend(special_inputs(rng, valid))

    seen = set()
    out = [f'# python-stdnum {stdnum.__version__}; written by vat_stdnum.py (seed {SEED})',
           '\t'.join(['input', 'country', 'stdnum', 'stdnum_compact', 'spec', 'spec_compact',
                      'difference', 'case'])]
    counts = {}
    for case, given, number in rows:
        if (number, given) in seen:
            continue
        seen.add((number, given))
        (verdict, compact), (spec, spec_compact), difference = compare(number, given)
        out.append('\t'.join([escape(number), given, verdict, compact, spec, spec_compact,
                              difference, case]))
        counts[difference] = counts.get(difference, 0) + 1
    OUTPUT.write_text('\n'.join(out) + '\n')
    print(f'wrote {len(out) - 2} rows to {OUTPUT}')
    print('valid numbers per country: ' + ', '.join(f'{c} {len(v)}' for c, v in valid.items()))
    print('rows per difference: ' + ', '.join(f'{k or "none"} {v}' for k, v in sorted(counts.items())))


if __name__ == '__main__':
    main()
