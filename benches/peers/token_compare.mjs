// Throughput and length of envoi's signed tokens (Node binding, `tracking.KeyRing`) against npm's
// jsonwebtoken (HS256) and branca, on the typical tracking token of the core's benches/token.rs:
// account, message, occurrence, recipient and link ids, issued-at 2026-06-01T09:00:00Z and an
// expiry 90 days later. One Node process; see ../README.md.
//
//   node token_compare.mjs [--json FILE]
//
// The peers, pinned in package.json:
//   - jsonwebtoken 9.0.3 (auth0, the most used JWT library on npm): HS256 over the usual payload
//     object, the five ids with `iat` and `exp`; verified with `algorithms: ['HS256']` and a fixed
//     `clockTimestamp`, as envoi is verified with a fixed `now`. Measured twice: with the secret as a
//     `KeyObject` (crypto.createSecretKey, made once: its fast path) and as a `Buffer` (how it is
//     usually called, like a string secret: jsonwebtoken 9 then first tries to read the secret as
//     an asymmetric key, which costs it about half a millisecond per call);
//   - branca 0.5.0 (the Branca spec's JavaScript implementation, XChaCha20-Poly1305 from
//     libsodium-wrappers): the same payload JSON encrypted; decoded with a TTL. Branca draws a random
//     nonce per token, so its issue includes a call to the CSPRNG.
//
// What is measured: one issue followed by one verify of the token just issued, in a loop
// (issue+verify per second), for envoi signed, envoi sealed (AES-SIV), jsonwebtoken and branca.
// Every library gets the same claims and times; each result is checked once before timing.
//
// Environment:
//   ROUNDS=9            timed rounds per library (the median is reported; at least 7)
//   MIN_ROUND_S=0.3     each round loops until this many seconds have passed
//   WARMUP_S=1          warm-up per library before the timed rounds
//   ENVOI_NODE_MODULE   path of the envoi Node module (default ../../bindings-node)

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import os from 'node:os';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const envoi = require(resolve(HERE, process.env.ENVOI_NODE_MODULE ?? '../../bindings-node'));
const jwt = require('jsonwebtoken');
const makeBranca = require('branca');
// branca uses libsodium-wrappers without waiting for its WebAssembly: wait for the same instance.
await createRequire(require.resolve('branca'))('libsodium-wrappers').ready;

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

const ROUNDS = Math.max(7, Number(process.env.ROUNDS ?? 9));
const MIN_ROUND_NS = BigInt(Math.round(Number(process.env.MIN_ROUND_S ?? 0.3) * 1e9));
const WARMUP_NS = BigInt(Math.round(Number(process.env.WARMUP_S ?? 1) * 1e9));

// ---------------------------------------------------------------------------------------------
// The typical tracking token (core/benches/token.rs).

const CLAIMS = { account: 12_345, message: 1_234_567, occurrence: 3, recipient: 45_678_901, link: 7 };
const ISSUED = new Date('2026-06-01T09:00:00Z');
const EXPIRES = new Date(ISSUED.getTime() + 90 * 86_400_000);
const IAT = ISSUED.getTime() / 1000;
const EXP = EXPIRES.getTime() / 1000;
// The payload of the JWT and of the Branca token: the same ids and times, as JSON.
const PAYLOAD = { ...CLAIMS, iat: IAT, exp: EXP };
const SECRET = Buffer.alloc(32, 0x22);
const SECRET_KEY = createSecretKey(SECRET);

const ring = new envoi.tracking.KeyRing({ 1: Buffer.alloc(32, 0x11), 2: SECRET }, 2);
const issueOptions = { now: ISSUED, expires: EXPIRES };
const sealedOptions = { now: ISSUED, expires: EXPIRES, sealed: true };
const verifyOptions = { now: ISSUED };
const branca = makeBranca(SECRET);
const BRANCA_TTL = 90 * 86_400;

const LIBS = {
  'envoi signed': () => ring.verify('click', ring.issue('click', CLAIMS, issueOptions), verifyOptions),
  'envoi sealed': () => ring.verify('click', ring.issue('click', CLAIMS, sealedOptions), verifyOptions),
  jsonwebtoken: () =>
    jwt.verify(jwt.sign(PAYLOAD, SECRET_KEY, { algorithm: 'HS256' }), SECRET_KEY, {
      algorithms: ['HS256'],
      clockTimestamp: IAT,
    }),
  'jsonwebtoken buffer': () =>
    jwt.verify(jwt.sign(PAYLOAD, SECRET, { algorithm: 'HS256' }), SECRET, {
      algorithms: ['HS256'],
      clockTimestamp: IAT,
    }),
  branca: () => JSON.parse(branca.decode(branca.encode(JSON.stringify(PAYLOAD), IAT))),
};
const LABEL = {
  'envoi signed': 'envoi KeyRing issue+verify (Node)',
  'envoi sealed': 'envoi KeyRing sealed (Node)',
  jsonwebtoken: 'jsonwebtoken 9.0.3 HS256, KeyObject',
  'jsonwebtoken buffer': 'jsonwebtoken 9.0.3 HS256, Buffer',
  branca: 'branca 0.5.0',
};

// Each library says what it was given (checked once, before timing).
const verified = LIBS['envoi signed']();
assert.deepEqual(verified.claims, CLAIMS);
assert.equal(verified.expiresAt, '2026-08-30T09:00:00Z');
assert.deepEqual(LIBS['envoi sealed']().claims, CLAIMS);
assert.deepEqual(LIBS.jsonwebtoken(), PAYLOAD);
assert.deepEqual(LIBS['jsonwebtoken buffer'](), PAYLOAD);
assert.deepEqual(LIBS.branca(), PAYLOAD);
assert.throws(() => ring.verify('click', ring.issue('click', CLAIMS, issueOptions), { now: EXPIRES }), { code: 'token.expired' });
assert.throws(
  () => jwt.verify(jwt.sign(PAYLOAD, SECRET), SECRET, { algorithms: ['HS256'], clockTimestamp: EXP }),
  { name: 'TokenExpiredError' },
);

// ---------------------------------------------------------------------------------------------
// Lengths

const signed = ring.issue('click', CLAIMS, issueOptions);
const sealed = ring.issue('click', CLAIMS, sealedOptions);
const jwtToken = jwt.sign(PAYLOAD, SECRET_KEY, { algorithm: 'HS256' });
assert.equal(jwt.sign(PAYLOAD, SECRET, { algorithm: 'HS256' }), jwtToken);
const brancaToken = branca.encode(JSON.stringify(PAYLOAD), IAT);
const LENGTHS = {
  'envoi signed': signed.length,
  'envoi sealed': sealed.length,
  'JWT HS256 (jsonwebtoken)': jwtToken.length,
  branca: brancaToken.length,
};

// ---------------------------------------------------------------------------------------------
// Throughput

function timedRound(fn, minNs) {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed;
  do {
    for (let i = 0; i < 256; i++) if (fn()) sink += 1;
    count += 256;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < minNs);
  return { rate: count / (Number(elapsed) / 1e9), sink };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function measure() {
  let sink = 0;
  for (const fn of Object.values(LIBS)) sink += timedRound(fn, WARMUP_NS).sink;
  // Interleaved rounds (every library once per round): noise from the other builders on this
  // machine spreads over all of them instead of hitting one.
  const rates = Object.fromEntries(Object.keys(LIBS).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(LIBS)) {
      const { rate, sink: k } = timedRound(fn, MIN_ROUND_NS);
      rates[name].push(rate);
      sink += k;
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

console.log(
  `envoi token peer comparison (Node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')})`,
);
console.log(`token: ${JSON.stringify(CLAIMS)}, issued ${ISSUED.toISOString()}, expiry 90 days later\n`);

console.log('== Token lengths (characters, URL-safe as is except where noted)');
for (const [name, length] of Object.entries(LENGTHS)) console.log(`  ${name.padEnd(26)} ${String(length).padStart(4)}`);
console.log(`  (JWT payload: ${JSON.stringify(PAYLOAD)}; Branca: the same JSON, base62)`);

console.log(
  `\n== issue+verify per second (median of ${ROUNDS} interleaved rounds of ≥${Number(MIN_ROUND_NS) / 1e9} s after ${
    Number(WARMUP_NS) / 1e9
  } s warm-up)`,
);
const rates = measure();
for (const [name, r] of Object.entries(rates)) {
  console.log(
    `  ${LABEL[name].padEnd(38)} ${fmt(r.median).padStart(10)} /s  (min ${fmt(r.min)}, max ${fmt(r.max)}; ${(1e9 / r.median).toFixed(0)} ns/pair)`,
  );
}
const ratios = {
  'envoi signed ÷ jsonwebtoken (KeyObject)': rates['envoi signed'].median / rates.jsonwebtoken.median,
  'envoi sealed ÷ jsonwebtoken (KeyObject)': rates['envoi sealed'].median / rates.jsonwebtoken.median,
  'envoi signed ÷ jsonwebtoken (Buffer)': rates['envoi signed'].median / rates['jsonwebtoken buffer'].median,
  'envoi signed ÷ branca': rates['envoi signed'].median / rates.branca.median,
  'envoi sealed ÷ branca': rates['envoi sealed'].median / rates.branca.median,
};
console.log('\n== Ratios (higher is faster for envoi)');
for (const [name, ratio] of Object.entries(ratios)) console.log(`  ${name.padEnd(40)} ${fmtRatio(ratio).padStart(8)}`);

if (jsonOut) {
  writeFileSync(
    jsonOut,
    JSON.stringify({ node: process.version, load: os.loadavg(), lengths: LENGTHS, rates, ratios }, null, 2),
  );
}
