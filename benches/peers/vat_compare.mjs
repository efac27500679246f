// Throughput and agreement of envoi's VAT-number validation (Node binding, `vat.validate`) against
// npm's offline validators, on the inputs of core/tests/data/vat_stdnum.tsv (10,748 numbers with
// python-stdnum's verdict). One Node process; see ../README.md.
//
//   node vat_compare.mjs [--strict] [--json FILE]
//
// The peers, pinned in package.json (offline check-digit validators; `validate-vat` and the like
// only ask the VIES web service, and @form-validation/validator-vat is not open source):
//   - jsvat 2.5.4, the most used one (about 330,000 downloads a month): a regex and a check-digit
//     function per country; it needs the country prefix in the number;
//   - stdnum 1.12.0 (stdnum-js), a TypeScript port of python-stdnum (about 100,000 a month,
//     maintained): one validator per country, `euVat[CC][0].validate(number)`.
//
// Each library gets every row's (input, country) the way its API can take it:
//   - envoi: vat.validate(input, country);
//   - jsvat: checkVAT(input, countries) without a country; with one, checkVAT against that country
//     only (EL: greece, XI: unitedKingdom), the input as typed or, failing that, with the country
//     prefix added in front (jsvat reads the prefix only);
//   - stdnum: the country's validator, the country being the one given or the input's first two
//     letters (EL: GR, XI: GB), as python-stdnum's stdnum.eu.vat dispatches; no OSS (EU/IM) module.
//
// Agreement is measured against three references of the TSV: `stdnum` (python-stdnum's verdict on the
// input as typed), `spec` (python-stdnum's verdict on the input normalised as SPEC section 7 decides:
// NFKC, people's separators, GR as EL, OSS ids without prefix; envoi's contract) and the rows where
// both agree (no `difference`).
//
// Environment:
//   ROUNDS=9            timed rounds per library and input set (the median is reported; at least 7)
//   MIN_ROUND_S=0.3     each round loops over the inputs until this many seconds have passed
//   WARMUP_S=1          warm-up per library and input set before the timed rounds
//   ENVOI_NODE_MODULE   path of the envoi Node module (default ../../bindings-node)
//
// --strict exits 1 when envoi disagrees with the `spec` column on any row.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const envoi = require(resolve(HERE, process.env.ENVOI_NODE_MODULE ?? '../../bindings-node'));
const jsvat = require('jsvat');
const stdnumJs = require('stdnum');

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

const ROUNDS = Math.max(7, Number(process.env.ROUNDS ?? 9));
const MIN_ROUND_NS = BigInt(Math.round(Number(process.env.MIN_ROUND_S ?? 0.3) * 1e9));
const WARMUP_NS = BigInt(Math.round(Number(process.env.WARMUP_S ?? 1) * 1e9));

// ---------------------------------------------------------------------------------------------
// Inputs: core/tests/data/vat_stdnum.tsv, read as core/tests/vat_numbers.rs reads it.

const TSV = join(HERE, '..', '..', 'core', 'tests', 'data', 'vat_stdnum.tsv');
const HEADER = 'input\tcountry\tstdnum\tstdnum_compact\tspec\tspec_compact\tdifference\tcase';
const unescape = (text) => text.replace(/\\(.)/g, (_, c) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c]);

function loadRows() {
  const lines = readFileSync(TSV, 'utf8').split('\n');
  const version = (lines[0].match(/python-stdnum [\d.]+/) ?? ['python-stdnum ?'])[0];
  const body = lines.filter((line) => line && !line.startsWith('#'));
  if (body.shift() !== HEADER) throw new Error(`${TSV}: unexpected header`);
  const rows = body.map((line) => {
    const [input, country, stdnum, , spec, , difference, kind] = line.split('\t');
    return {
      input: unescape(input),
      country: country || null,
      stdnum: stdnum === 'valid',
      spec: spec === 'valid',
      difference,
      kind: kind.replace(/:.*/, ''), // "stdnum:test_eu_vat" → "stdnum"
    };
  });
  return { version, rows };
}

// ---------------------------------------------------------------------------------------------
// Libraries: (input, country | null) → valid?

const jsvatByCode = new Map();
for (const country of jsvat.countries) for (const code of country.codes) jsvatByCode.set(code, country);
jsvatByCode.set('EL', jsvatByCode.get('GR'));
jsvatByCode.set('XI', jsvatByCode.get('GB'));

const stdnumByCode = { ...stdnumJs.euVat, EL: stdnumJs.euVat.GR, XI: [stdnumJs.stdnum.GB.vat] };

const LIBS = {
  envoi: (input, country) => envoi.vat.validate(input, country).valid,
  jsvat: (input, country) => {
    if (country === null) return jsvat.checkVAT(input, jsvat.countries).isValid;
    const code = country.toUpperCase();
    const only = jsvatByCode.get(code);
    if (!only) return false;
    return jsvat.checkVAT(input, [only]).isValid || jsvat.checkVAT(code + input, [only]).isValid;
  },
  stdnum: (input, country) => {
    const code = (country ?? input.trim().slice(0, 2)).toUpperCase();
    const validators = stdnumByCode[code];
    return validators ? validators[0].validate(input).isValid : false;
  },
};
const PEERS = ['jsvat', 'stdnum'];
const LABEL = {
  envoi: 'envoi vat.validate (Node binding)',
  jsvat: 'jsvat 2.5.4 checkVAT',
  stdnum: 'stdnum 1.12.0 (stdnum-js)',
};

function safely(fn, input, country) {
  try {
    return fn(input, country) === true;
  } catch {
    return false; // a throw on odd input is a refusal too (as the TSV's generator counts it)
  }
}

// ---------------------------------------------------------------------------------------------
// Agreement

function agreement(rows) {
  const out = {};
  for (const [name, fn] of Object.entries(LIBS)) {
    const count = { stdnum: 0, spec: 0, both: 0, bothTotal: 0, valid: 0 };
    const misses = new Map(); // case → disagreements with stdnum
    for (const row of rows) {
      const verdict = safely(fn, row.input, row.country);
      if (verdict) count.valid += 1;
      if (verdict === row.stdnum) count.stdnum += 1;
      else misses.set(row.kind, (misses.get(row.kind) ?? 0) + 1);
      if (verdict === row.spec) count.spec += 1;
      if (row.difference === '') {
        count.bothTotal += 1;
        if (verdict === row.stdnum) count.both += 1;
      }
    }
    out[name] = { ...count, total: rows.length, misses: [...misses].sort((a, b) => b[1] - a[1]) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Throughput

function timedRound(fn, rows, minNs) {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed;
  do {
    for (let i = 0; i < rows.length; i++) if (fn(rows[i].input, rows[i].country)) sink += 1;
    count += rows.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < minNs);
  return { rate: count / (Number(elapsed) / 1e9), sink };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(sets) {
  // Peers that throw on some odd inputs are timed through `safely` too, the same for every library.
  const subjects = [];
  for (const [set, rows] of Object.entries(sets)) {
    for (const [name, fn] of Object.entries(LIBS)) {
      subjects.push({ set, name, rows, fn: (input, country) => safely(fn, input, country) });
    }
  }
  let sink = 0;
  for (const s of subjects) sink += timedRound(s.fn, s.rows, WARMUP_NS).sink;
  // Interleaved rounds (every library and set once per round): noise from the other builders on
  // this machine spreads over all of them instead of hitting one.
  const rates = new Map(subjects.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of subjects) {
      const { rate, sink: k } = timedRound(s.fn, s.rows, MIN_ROUND_NS);
      rates.get(s).push(rate);
      sink += k;
    }
  }
  if (sink === 42) console.log(''); // keep the results alive
  const out = {};
  for (const [s, list] of rates) {
    out[s.set] ??= {};
    out[s.set][s.name] = { median: median(list), min: Math.min(...list), max: Math.max(...list), rounds: list.length };
  }
  return out;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pct = (part, whole) => `${((100 * part) / whole).toFixed(2)}%`;
const fmtRatio = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2)) + '×';

// ---------------------------------------------------------------------------------------------

const { version, rows } = loadRows();
const valid = rows.filter((row) => row.stdnum);
const sets = { valid, mix: rows };
const problems = [];

console.log(
  `envoi VAT-number peer comparison (Node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log(
  `inputs: core/tests/data/vat_stdnum.tsv (${version}): mix = all ${rows.length} rows, valid = the ${valid.length} ` +
    `python-stdnum accepts; ${rows.filter((r) => r.country).length} rows give a country\n`,
);

console.log('== Agreement of the verdict (valid or not) with python-stdnum');
const agree = agreement(rows);
const header = ['library', 'stdnum column', 'spec column', 'rows without a difference', 'says valid'];
const table = Object.entries(agree).map(([name, a]) => [
  LABEL[name],
  `${a.stdnum}/${a.total} ${pct(a.stdnum, a.total)}`,
  `${a.spec}/${a.total} ${pct(a.spec, a.total)}`,
  `${a.both}/${a.bothTotal} ${pct(a.both, a.bothTotal)}`,
  `${a.valid}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((l) => l[i].length)));
const line = (cells) => '  ' + cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
table.forEach((l) => console.log(line(l)));
console.log('\n  Disagreements with the stdnum column, by kind of input (the TSV\'s `case`; top 8):');
for (const [name, a] of Object.entries(agree)) {
  const top = a.misses.slice(0, 8).map(([kind, n]) => `${kind} ${n}`).join(', ');
  console.log(`  - ${name}: ${a.total - a.stdnum} (${top || 'none'})`);
}
console.log(
  '  envoi departs from the stdnum column only where SPEC section 7 decides otherwise (separators, NFKC,\n' +
    '  GR as EL, OSS ids without prefix): the spec column is its contract.',
);
if (agree.envoi.spec !== agree.envoi.total) {
  problems.push(`envoi disagrees with the spec column on ${agree.envoi.total - agree.envoi.spec} rows`);
}

console.log(
  `\n== Throughput (numbers/s; median of ${ROUNDS} interleaved rounds of ≥${Number(MIN_ROUND_NS) / 1e9} s after ${
    Number(WARMUP_NS) / 1e9
  } s warm-up)`,
);
const rates = measure(sets);
for (const [set, bySet] of Object.entries(rates)) {
  for (const [name, r] of Object.entries(bySet)) {
    console.log(
      `  ${set.padEnd(5)}  ${LABEL[name].padEnd(34)} ${fmt(r.median).padStart(11)} /s  (min ${fmt(r.min)}, max ${fmt(r.max)}; ${(1e9 / r.median).toFixed(0)} ns/number)`,
    );
  }
}
const ratios = {};
for (const set of Object.keys(sets)) {
  for (const peer of PEERS) ratios[`envoi Node ÷ ${peer}, ${set}`] = rates[set].envoi.median / rates[set][peer].median;
}
console.log('\n== Ratios (higher is faster for envoi)');
for (const [name, ratio] of Object.entries(ratios)) console.log(`  ${name.padEnd(32)} ${fmtRatio(ratio).padStart(8)}`);

if (problems.length) {
  console.log('\n== Problems');
  problems.forEach((p) => console.log(`  - ${p}`));
}
if (jsonOut) {
  writeFileSync(
    jsonOut,
    JSON.stringify(
      {
        node: process.version,
        load: os.loadavg(),
        reference: version,
        rows: rows.length,
        valid: valid.length,
        agreement: Object.fromEntries(Object.entries(agree).map(([k, v]) => [k, { ...v, misses: Object.fromEntries(v.misses) }])),
        rates,
        ratios,
        problems,
      },
      null,
      2,
    ),
  );
}
process.exitCode = strict && problems.length ? 1 : 0;
