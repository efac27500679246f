// The SMS behaviours of the contract, asserted through Node (expectations computed from the rules).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { analyzeSms } from '../index.js'

const a = (n) => 'a'.repeat(n)

test('empty text: gsm7, one empty part, 160 units left', () => {
  const r = analyzeSms('')
  assert.equal(r.encoding, 'gsm7')
  assert.equal(r.partCount, 1)
  assert.deepEqual(r.parts, [''])
  assert.deepEqual(r.partUnits, [0])
  assert.equal(r.unitsUsed, 0)
  assert.equal(r.unitsLeft, 160)
  assert.equal(r.unitsPerPart, 160)
  assert.equal(r.lockingShift, null)
  assert.equal(r.singleShift, null)
  assert.deepEqual(r.nonGsm, [])
  assert.deepEqual(r.replacements, [])
  assert.equal(r.text, '')
  assert.equal(r.userData, null)
})

test('result is a plain object with every field of the contract', () => {
  const r = analyzeSms('Hi')
  assert.equal(Object.getPrototypeOf(r), Object.prototype)
  assert.deepEqual(Object.keys(r).sort(), [
    'encoding', 'lockingShift', 'nonGsm', 'partCount', 'partUnits', 'parts', 'replacements',
    'singleShift', 'text', 'unitsLeft', 'unitsPerPart', 'unitsUsed', 'userData',
  ])
  assert.deepEqual(JSON.parse(JSON.stringify(r)), {
    encoding: 'gsm7', lockingShift: null, singleShift: null, partCount: 1, parts: ['Hi'],
    partUnits: [2], unitsPerPart: 160, unitsUsed: 2, unitsLeft: 158, nonGsm: [], replacements: [],
    text: 'Hi', userData: null,
  })
})

test('160 GSM-7 characters fit one part, 161 take two parts of 153', () => {
  const one = analyzeSms(a(160))
  assert.equal(one.partCount, 1)
  assert.equal(one.unitsLeft, 0)
  const two = analyzeSms(a(161))
  assert.equal(two.partCount, 2)
  assert.equal(two.unitsPerPart, 153)
  assert.deepEqual(two.partUnits, [153, 8])
  assert.deepEqual(two.parts, [a(153), a(8)])
  assert.equal(two.unitsUsed, 161)
  assert.equal(two.unitsLeft, 145)
})

test('the euro sign takes two septets and its escape pair is never split', () => {
  const euro = analyzeSms('€')
  assert.equal(euro.encoding, 'gsm7')
  assert.equal(euro.unitsUsed, 2)
  const r = analyzeSms(a(152) + '€' + a(10))
  assert.equal(r.encoding, 'gsm7')
  assert.equal(r.unitsUsed, 164)
  assert.equal(r.partCount, 2)
  assert.deepEqual(r.parts, [a(152), '€' + a(10)])
  assert.deepEqual(r.partUnits, [152, 12])
})

test('an emoji forces UCS-2 and is reported with its code point index', () => {
  const r = analyzeSms('Hello 👋')
  assert.equal(r.encoding, 'ucs2')
  assert.deepEqual(r.nonGsm, [{ index: 6, char: '👋' }])
  assert.equal(r.unitsUsed, 8)
  assert.equal(r.unitsPerPart, 70)
  assert.equal(r.partCount, 1)
})

test('UCS-2: 68 units fit one part; a surrogate pair is never split across parts of 67', () => {
  const one = analyzeSms(a(66) + '👍')
  assert.equal(one.encoding, 'ucs2')
  assert.equal(one.unitsUsed, 68)
  assert.equal(one.partCount, 1)
  const r = analyzeSms(a(66) + '👍' + a(10))
  assert.equal(r.unitsUsed, 78)
  assert.equal(r.unitsPerPart, 67)
  assert.equal(r.partCount, 2)
  assert.deepEqual(r.parts, [a(66), '👍' + a(10)])
  assert.deepEqual(r.partUnits, [66, 12])
})

test('smart encoding replaces typographic look-alikes and keeps GSM-7', () => {
  const input = 'It’s “fine” — ok…'
  const plain = analyzeSms(input)
  assert.equal(plain.encoding, 'ucs2')
  assert.equal(plain.text, input)
  const r = analyzeSms(input, { smartEncoding: true })
  assert.equal(r.encoding, 'gsm7')
  assert.equal(r.text, 'It\'s "fine" - ok...')
  assert.deepEqual(r.nonGsm, [])
  assert.deepEqual(r.replacements, [
    { index: 2, original: '’', replacement: '\'' },
    { index: 5, original: '“', replacement: '"' },
    { index: 10, original: '”', replacement: '"' },
    { index: 12, original: '—', replacement: '-' },
    { index: 16, original: '…', replacement: '...' },
  ])
})

test('Turkish shift tables: 100 euro signs fit one part instead of two', () => {
  const without = analyzeSms('€'.repeat(100))
  assert.equal(without.partCount, 2)
  assert.equal(without.lockingShift, null)
  const r = analyzeSms('€'.repeat(100), { languages: ['turkish'] })
  assert.equal(r.partCount, 1)
  assert.equal(r.encoding, 'gsm7')
  assert.equal(r.lockingShift, 'turkish')
})

test('language names are matched ignoring ASCII case', () => {
  assert.equal(analyzeSms('€'.repeat(100), { languages: ['Turkish'] }).lockingShift, 'turkish')
})

test('user data: "hello" packs to E8 32 9B FD 06, 5 septets, no header', () => {
  const r = analyzeSms('hello', { userData: true })
  assert.ok(Array.isArray(r.userData))
  assert.equal(r.userData.length, 1)
  const [ud] = r.userData
  assert.ok(Buffer.isBuffer(ud.octets))
  assert.deepEqual([...ud.octets], [0xe8, 0x32, 0x9b, 0xfd, 0x06])
  assert.equal(ud.length, 5)
  assert.equal(ud.headerLength, 0)
})

test('user data of a long message: one entry per part, each with a header', () => {
  const r = analyzeSms(a(200), { userData: true, reference: 42 })
  assert.equal(r.userData.length, 2)
  for (const ud of r.userData) {
    assert.ok(ud.headerLength > 0)
    assert.equal(ud.octets[0], ud.headerLength - 1) // UDHL counts the octets after itself
  }
})

test('a 16-bit reference costs one septet per part', () => {
  assert.equal(analyzeSms(a(200), { reference: 4242, referenceBits: 16 }).unitsPerPart, 152)
  assert.equal(analyzeSms(a(200), { reference: 42, referenceBits: 8 }).unitsPerPart, 153)
})

test('options may be omitted, undefined, null or empty', () => {
  for (const options of [undefined, null, {}, { languages: [] }]) {
    assert.equal(analyzeSms(a(161), options).partCount, 2)
  }
})

test('works in worker threads too (one result cache per Node environment)', async () => {
  const { Worker } = await import('node:worker_threads')
  const indexJs = new URL('../index.js', import.meta.url)
  const source = `
    const { parentPort } = require('node:worker_threads')
    const { analyzeSms } = require(${JSON.stringify(indexJs.pathname)})
    const r = analyzeSms('a'.repeat(161))
    parentPort.postMessage({ partUnits: r.partUnits, encoding: r.encoding })
  `
  const results = await Promise.all([1, 2].map(() => new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    worker.once('message', resolve)
    worker.once('error', reject)
  })))
  for (const result of results) assert.deepEqual(result, { partUnits: [153, 8], encoding: 'gsm7' })
  assert.deepEqual(analyzeSms('a'.repeat(161)).partUnits, [153, 8])
})

test('many parts and non-GSM characters (more than the scratch buffer holds)', () => {
  const text = 'ж'.repeat(4000)
  const r = analyzeSms(text, { maxParts: 255 })
  assert.equal(r.encoding, 'ucs2')
  assert.equal(r.partCount, 60)
  assert.equal(r.parts.join(''), text)
  assert.deepEqual(r.partUnits, [...Array(59).fill(67), 4000 - 59 * 67])
  assert.equal(r.nonGsm.length, 4000)
  assert.deepEqual(r.nonGsm[3999], { index: 3999, char: 'ж' })
  // The next call, back in the shared buffer, is unaffected.
  assert.deepEqual(analyzeSms('Hi 👋').nonGsm, [{ index: 3, char: '👋' }])
})

test('a lone surrogate is read as U+FFFD: text and parts are the analysed text', () => {
  const r = analyzeSms('a\ud800b'.repeat(40))
  assert.equal(r.text, 'a\ufffdb'.repeat(40))
  assert.equal(r.parts.join(''), r.text)
  assert.deepEqual(r.nonGsm[0], { index: 1, char: '\ufffd' })
})

test('every result is fresh: mutating one does not change the next', () => {
  const first = analyzeSms('a'.repeat(161) + '€')
  first.parts.push('x')
  first.partUnits[0] = 0
  first.nonGsm.push({ index: 0, char: 'x' })
  first.replacements.push({ index: 0, original: 'x', replacement: 'y' })
  const second = analyzeSms('a'.repeat(161) + '€')
  assert.deepEqual(second.parts, [a(153), a(8) + '€'])
  assert.deepEqual(second.partUnits, [153, 10])
  assert.deepEqual(second.nonGsm, [])
  assert.deepEqual(second.replacements, [])
})

test('replacing String builtins does not change the results', () => {
  const text = a(150) + ' 👋 ' + a(20)
  const expected = analyzeSms(text)
  const { slice } = String.prototype
  const { fromCodePoint } = String
  let patched
  String.prototype.slice = () => 'patched'
  String.fromCodePoint = () => 'patched'
  try {
    patched = analyzeSms(text)
  } finally {
    String.prototype.slice = slice
    String.fromCodePoint = fromCodePoint
  }
  assert.deepEqual(patched, expected)
  assert.deepEqual(expected.parts, [a(67), a(67), a(16) + ' 👋 ' + a(20)])
  assert.deepEqual(expected.nonGsm, [{ index: 151, char: '👋' }])
})
