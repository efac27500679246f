// Throughput and agreement of envoi's SMS segmentation (Node binding) against npm peers:
// Twilio's `sms-segments-calculator` and `split-sms`. One Node process; see ../README.md.
//
//   node compare.mjs [--strict] [--json FILE]
//
// Environment:
//   ROUNDS=9            timed rounds per library (the median is reported; at least 7)
//   MIN_ROUND_S=0.3     each round loops over the mix until this many seconds have passed
//   WARMUP_S=1          warm-up per library before the timed rounds
//   ENVOI_CORE_MSGS_PER_S  the Rust core's messages/s on the same mix (run.sh reads it from
//                       criterion); when set, the "core ÷ Twilio" ratio is printed too.
//   ENVOI_NODE_MODULE   path of the envoi Node module (default ../../bindings-node)
//   RANDOM_TEXTS=3000   seeded random texts for the differential agreement check
//
// --strict exits 1 when envoi differs from a tricky text's SPEC expectation or when a peer
// disagrees with envoi for a reason cases.json does not explain.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const envoi = require(resolve(HERE, process.env.ENVOI_NODE_MODULE ?? '../../bindings-node'));
const { SegmentedMessage } = require('sms-segments-calculator');
const splitSms = require('split-sms');

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

const ROUNDS = Math.max(7, Number(process.env.ROUNDS ?? 9));
const MIN_ROUND_NS = BigInt(Math.round(Number(process.env.MIN_ROUND_S ?? 0.3) * 1e9));
const WARMUP_NS = BigInt(Math.round(Number(process.env.WARMUP_S ?? 1) * 1e9));

// The mix, read exactly as benches/sms.rs does: one message per line, `\n` escaped as backslash-n.
function loadMix() {
  const raw = readFileSync(join(HERE, '..', 'data', 'sms_mix.txt'), 'utf8');
  const lines = raw.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.replaceAll('\\n', '\n'));
}

function loadCases() {
  const { cases } = JSON.parse(readFileSync(join(HERE, 'cases.json'), 'utf8'));
  return cases.map((c) => ({ ...c, text: c.build.map(([piece, n]) => piece.repeat(n)).join('') }));
}

// Every library answers { encoding: 'gsm7' | 'ucs2', parts: number }.
const ENVOI_OPTIONS = { maxParts: 255 };
const ENVOI_SMART = { maxParts: 255, smartEncoding: true };
const LIBS = {
  envoi: (text) => {
    const r = envoi.analyzeSms(text, ENVOI_OPTIONS);
    return { encoding: r.encoding, parts: r.partCount };
  },
  twilio: (text) => {
    const r = new SegmentedMessage(text);
    return { encoding: r.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2', parts: r.segmentsCount };
  },
  'split-sms': (text) => {
    const r = splitSms.split(text);
    return { encoding: r.characterSet === 'GSM' ? 'gsm7' : 'ucs2', parts: r.parts.length };
  },
};
// The same call without an options object (maxParts 10 is enough for the mix): napi-rs converts an
// options object property by property, which the diagnostics below price.
const ENVOI_BARE = (text) => {
  const r = envoi.analyzeSms(text);
  return { encoding: r.encoding, parts: r.partCount };
};
const PEERS = ['twilio', 'split-sms'];
const LABEL = {
  envoi: 'envoi (Node binding)',
  twilio: 'sms-segments-calculator (Twilio)',
  'split-sms': 'split-sms',
  'envoi no options': 'envoi, mix, analyzeSms(text) (no options)',
  'envoi floor': 'envoi analyzeSms("", { maxParts: 255 })',
  'envoi floor no options': 'envoi analyzeSms("")',
};

// ---------------------------------------------------------------------------------------------
// Throughput

function timedRound(fn, messages, minNs) {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed;
  do {
    for (let i = 0; i < messages.length; i++) sink += fn(messages[i]).parts;
    count += messages.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < minNs);
  return { rate: count / (Number(elapsed) / 1e9), sink };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure(mix) {
  const empty = [''];
  const subjects = {
    envoi: [LIBS.envoi, mix],
    twilio: [LIBS.twilio, mix],
    'split-sms': [LIBS['split-sms'], mix],
    // Diagnostics of where the binding's time goes (see "Where the time goes" below).
    'envoi no options': [ENVOI_BARE, mix],
    'envoi floor': [LIBS.envoi, empty],
    'envoi floor no options': [ENVOI_BARE, empty],
  };
  let sink = 0;
  for (const [fn, messages] of Object.values(subjects)) sink += timedRound(fn, messages, WARMUP_NS).sink;
  // Rounds are interleaved (every library once per round) so that noise from the other builders
  // on this machine spreads over all libraries instead of hitting one.
  const rates = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, [fn, messages]] of Object.entries(subjects)) {
      const { rate, sink: s } = timedRound(fn, messages, MIN_ROUND_NS);
      rates[name].push(rate);
      sink += s;
    }
  }
  if (sink === 42) console.log(''); // keep the results alive
  return Object.fromEntries(
    Object.entries(rates).map(([name, list]) => [
      name,
      { median: median(list), min: Math.min(...list), max: Math.max(...list), rounds: list.length },
    ]),
  );
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const fmtRatio = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2)) + '×';

// ---------------------------------------------------------------------------------------------
// Agreement

function segmenter() {
  return new Intl.Segmenter('en', { granularity: 'grapheme' });
}
const GRAPHEMES = segmenter();
const hasMultiCodePointCluster = (text) =>
  [...GRAPHEMES.segment(text)].some(({ segment }) => segment !== '\r\n' && [...segment].length > 1);

// Why a peer disagrees with envoi on a mix message (the mix has no case notes).
function explainMix(peer, text, mine, theirs) {
  if (mine.encoding !== theirs.encoding) {
    const forced = envoi.analyzeSms(text, ENVOI_OPTIONS).nonGsm.map((c) => JSON.stringify(c.char));
    return mine.encoding === 'ucs2'
      ? `encoding: envoi finds ${forced.join(' ')} outside GSM-7, ${peer} does not`
      : `encoding: ${peer} treats a GSM-7 character as non-GSM`;
  }
  if (mine.encoding === 'ucs2' && hasMultiCodePointCluster(text)) {
    return 'parts: a grapheme cluster at a cut (envoi keeps it whole, SPEC §5)';
  }
  return 'UNEXPLAINED';
}

const show = (r) => (r.error ? `error: ${r.error}` : `${r.encoding}/${r.parts}`);
function safely(fn, text) {
  try {
    return fn(text);
  } catch (error) {
    return { encoding: '?', parts: NaN, error: String(error.message ?? error).slice(0, 60) };
  }
}
const same = (a, b) => a.encoding === b.encoding && a.parts === b.parts;

function agreeOnMix(mix, libs, peers, reference = 'envoi') {
  const out = {};
  for (const peer of peers) {
    const disagreements = [];
    for (const [index, text] of mix.entries()) {
      const mine = safely(libs[reference], text);
      const theirs = safely(libs[peer], text);
      if (!same(mine, theirs)) {
        disagreements.push({ index, text, envoi: mine, peer: theirs, why: explainMix(peer, text, mine, theirs) });
      }
    }
    out[peer] = { agree: mix.length - disagreements.length, total: mix.length, disagreements };
  }
  return out;
}

function agreeOnCases(cases) {
  const rows = [];
  for (const c of cases) {
    const results = Object.fromEntries(Object.entries(LIBS).map(([name, fn]) => [name, safely(fn, c.text)]));
    rows.push({ case: c, results });
  }
  return rows;
}

function printCaseTable(rows, problems) {
  const header = ['case', 'SPEC', 'envoi', ...PEERS];
  const lines = rows.map(({ case: c, results }) => {
    const expect = `${c.expect.encoding}/${c.expect.parts}`;
    const envoiCell = show(results.envoi) + (same(results.envoi, c.expect) ? '' : '  ≠SPEC!');
    if (!same(results.envoi, c.expect)) problems.push(`envoi differs from SPEC on "${c.id}": ${show(results.envoi)}, expected ${expect}`);
    return [c.id, expect, envoiCell, ...PEERS.map((p) => show(results[p]) + (same(results[p], results.envoi) ? '' : ' ✘'))];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => '  ' + cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(row(header));
  console.log(row(widths.map((w) => '-'.repeat(w))));
  lines.forEach((l) => console.log(row(l)));
  console.log('\n  Disagreements with envoi (✘), and why:');
  let any = false;
  for (const { case: c, results } of rows) {
    for (const peer of PEERS) {
      if (same(results[peer], results.envoi)) continue;
      any = true;
      const why = c.why?.[peer];
      if (!why) problems.push(`UNEXPLAINED: ${peer} on "${c.id}": ${show(results[peer])} vs envoi ${show(results.envoi)}`);
      console.log(`  - ${peer} on "${c.id}": ${show(results[peer])} vs envoi ${show(results.envoi)}.`);
      console.log(`      ${why ?? 'UNEXPLAINED: no note in cases.json; check who is right per TS 23.038/23.040 and SPEC §5.'}`);
    }
  }
  if (!any) console.log('  none');
}

function randomTexts(count) {
  const gsm = [...'abcXYZ 019@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà'];
  const extension = [...'^{}\\[~]|€\f'];
  const other = ['ж', 'ç', '’', '😀', '中', '\r\n'];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(next() * list.length)];
  const texts = [];
  for (let k = 0; k < count; k++) {
    const length = Math.floor(next() * 420);
    const ucs2 = next() < 0.4;
    let text = '';
    for (let i = 0; i < length; i++) {
      const r = next();
      text += r < 0.08 ? pick(extension) : ucs2 && r < 0.15 ? pick(other) : pick(gsm);
    }
    texts.push(text);
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------

const mix = loadMix();
const cases = loadCases();
const problems = [];

console.log(`envoi SMS peer comparison (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
console.log(`mix: ${mix.length} messages from benches/data/sms_mix.txt; envoi options { maxParts: 255 }\n`);

console.log('== Agreement on the mix (encoding and part count vs envoi)');
const mixAgreement = agreeOnMix(mix, LIBS, PEERS);
for (const peer of PEERS) {
  const { agree, total, disagreements } = mixAgreement[peer];
  console.log(`  ${LABEL[peer]}: ${agree}/${total} agree`);
  const byWhy = new Map();
  for (const d of disagreements) byWhy.set(d.why, [...(byWhy.get(d.why) ?? []), d]);
  for (const [why, list] of byWhy) {
    if (why === 'UNEXPLAINED') problems.push(`UNEXPLAINED mix disagreement with ${peer} (${list.length} messages)`);
    const d = list[0];
    console.log(`    ${list.length} × ${why}; e.g. line ${d.index + 1}: envoi ${show(d.envoi)}, ${peer} ${show(d.peer)}: ${JSON.stringify(d.text.slice(0, 70))}`);
  }
}

// Smart encoding: envoi's smartEncoding against Twilio's emulation of its own Smart Encoding.
const SMART = {
  envoi: (text) => {
    const r = envoi.analyzeSms(text, ENVOI_SMART);
    return { encoding: r.encoding, parts: r.partCount };
  },
  twilio: (text) => {
    const r = new SegmentedMessage(text, 'auto', true);
    return { encoding: r.encodingName === 'GSM-7' ? 'gsm7' : 'ucs2', parts: r.segmentsCount };
  },
};
const smartAgreement = agreeOnMix(mix, SMART, ['twilio']);
console.log(`  with smart encoding (envoi smartEncoding vs Twilio smartEncoding=true): ${smartAgreement.twilio.agree}/${smartAgreement.twilio.total} agree`);
for (const d of smartAgreement.twilio.disagreements.slice(0, 5)) {
  console.log(`    line ${d.index + 1}: envoi ${show(d.envoi)}, twilio ${show(d.peer)}: ${JSON.stringify(d.text.slice(0, 70))}`);
}

// Random texts (seeded): GSM-7, extension and non-GSM characters, CR LF and emoji, but no
// multi-code-point grapheme cluster, where every peer's rules should give envoi's answer.
const random = randomTexts(Number(process.env.RANDOM_TEXTS ?? 3000));
const randomAgreement = agreeOnMix(random, LIBS, PEERS);
for (const peer of PEERS) {
  const { agree, total, disagreements } = randomAgreement[peer];
  console.log(`  random texts (0-420 chars, seeded): ${LABEL[peer]}: ${agree}/${total} agree`);
  for (const d of disagreements.slice(0, 3)) {
    problems.push(`random text disagreement with ${peer}: envoi ${show(d.envoi)}, ${peer} ${show(d.peer)}: ${JSON.stringify(d.text)}`);
    console.log(`    envoi ${show(d.envoi)}, ${peer} ${show(d.peer)} (${d.why}): ${JSON.stringify(d.text.slice(0, 70))}…`);
  }
}

console.log('\n== Agreement on tricky texts (encoding/parts; SPEC = SPEC §5 and TS 23.038/23.040)');
const caseRows = agreeOnCases(cases);
printCaseTable(caseRows, problems);

console.log(`\n== Throughput on the mix (messages/s; median of ${ROUNDS} interleaved rounds of ≥${Number(MIN_ROUND_NS) / 1e9} s after ${Number(WARMUP_NS) / 1e9} s warm-up)`);
const rates = measure(mix);
for (const [name, r] of Object.entries(rates)) {
  console.log(`  ${LABEL[name].padEnd(40)} ${fmt(r.median).padStart(12)} msg/s  (min ${fmt(r.min)}, max ${fmt(r.max)}; ${(1e9 / r.median).toFixed(0)} ns/msg)`);
}
const ratios = {
  'envoi Node ÷ Twilio': rates.envoi.median / rates.twilio.median,
  'envoi Node ÷ split-sms': rates.envoi.median / rates['split-sms'].median,
};
const core = Number(process.env.ENVOI_CORE_MSGS_PER_S);
if (core > 0) {
  ratios['Rust core ÷ Twilio (cross-process: criterion vs this process)'] = core / rates.twilio.median;
  ratios['Rust core ÷ envoi Node (cross-process)'] = core / rates.envoi.median;
}
const TARGETS = {
  'envoi Node ÷ Twilio': 300,
  'envoi Node ÷ split-sms': 5,
  'Rust core ÷ Twilio (cross-process: criterion vs this process)': 1000,
};
console.log('\n== Ratios (higher is faster for envoi)');
if (core > 0) console.log(`  Rust core (criterion, sms/analyze/mix): ${fmt(core)} msg/s (${(1e9 / core).toFixed(0)} ns/msg)`);
for (const [name, ratio] of Object.entries(ratios)) {
  const target = TARGETS[name];
  const verdict = target ? (ratio >= target ? `  target ≥${target}×: met` : `  target ≥${target}×: MISSED`) : '';
  console.log(`  ${name.padEnd(64)} ${fmtRatio(ratio).padStart(9)}${verdict}`);
}
const ns = (name) => 1e9 / rates[name].median;
console.log('\n== Where the time goes in the Node binding (ns per call, medians)');
console.log(`  mix, analyzeSms(text, { maxParts: 255 })   ${ns('envoi').toFixed(0).padStart(6)}`);
console.log(`  mix, analyzeSms(text)                      ${ns('envoi no options').toFixed(0).padStart(6)}`);
console.log(`  "" , analyzeSms("", { maxParts: 255 })     ${ns('envoi floor').toFixed(0).padStart(6)}`);
console.log(`  "" , analyzeSms("")                        ${ns('envoi floor no options').toFixed(0).padStart(6)}   (call + result object, almost no core work)`);
console.log(`  => reading the options object costs ≈ ${(ns('envoi floor') - ns('envoi floor no options')).toFixed(0)} ns per call`);
if (core > 0) {
  console.log(`  Rust core alone (criterion)                ${(1e9 / core).toFixed(0).padStart(6)}`);
  console.log(`  => binding overhead on the mix ≈ ${(ns('envoi') - 1e9 / core).toFixed(0)} ns per call (Node − core; cross-process, noisy)`);
}

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
        rates,
        ratios,
        core: core > 0 ? core : null,
        mixAgreement: Object.fromEntries(Object.entries(mixAgreement).map(([k, v]) => [k, { agree: v.agree, total: v.total }])),
        cases: caseRows.map(({ case: c, results }) => ({ id: c.id, expect: c.expect, ...results })),
        problems,
      },
      null,
      2,
    ),
  );
}
process.exitCode = strict && problems.length ? 1 : 0;
