// tracking.Tracker: tracking an email (pixel, rewritten links, text part) and resolving click and
// open tokens through the host's lookup, written in JS.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { KeyRing, Tracker } = tracking

const ring = new KeyRing({ 1: Buffer.from('a secret of at least 32 bytes, really') }, 1)
const tracker = new Tracker('https://t.example.com', 'https://example.com/')
const SENT = '2026-03-02T09:00:00Z'
const RECIPIENT = { account: 7, message: 42, recipient: 1001 }

const HTML = `<html><body>
<p><a href="https://example.com/offer?a=1&amp;b=2">Offer</a></p>
<p><a href="http://example.com/blog">Blog</a> <a href="https://example.com/offer?a=1&amp;b=2">Again</a></p>
<p><a href="mailto:shop@example.com">Mail us</a> <a href="tel:+3221234567">Call</a> <a href="#top">Top</a>
<a href="/relative">Relative</a> <a href="" >Empty</a> <a data-envoi-notrack href="https://example.com/private">Private</a></p>
</body></html>`
const TEXT = 'Offer: https://example.com/offer?a=1&b=2\nBlog: http://example.com/blog\nOther: https://example.org/'

/** The tokens of the tracked links in `text`, in order. */
const clickTokens = (text) => [...text.matchAll(/https:\/\/t\.example\.com\/c\/([A-Za-z0-9_-]+)/g)].map((m) => m[1])

test('track: pixel, tracked links, text part, untracked links with their reasons', () => {
  const email = tracker.track(ring, HTML, RECIPIENT, { now: SENT, expiresIn: 365 * 86400, text: TEXT })
  assert.deepEqual(email.links, ['https://example.com/offer?a=1&b=2', 'http://example.com/blog', 'https://example.com/offer?a=1&b=2'])
  assert.match(email.openUrl, /^https:\/\/t\.example\.com\/o\/[A-Za-z0-9_-]+$/)
  assert.ok(email.html.includes(`<img src="${email.openUrl}"`))
  assert.ok(email.html.indexOf('<img') < email.html.indexOf('</body>'))
  assert.equal(clickTokens(email.html).length, 3)
  assert.ok(email.html.includes('<a href="mailto:shop@example.com">'))
  assert.ok(!email.html.includes('data-envoi-notrack'))
  assert.ok(email.html.includes('href="https://example.com/private"'))
  assert.deepEqual(
    email.untracked.map((link) => [link.part, link.reason]),
    [
      ['html', 'other_scheme'],
      ['html', 'other_scheme'],
      ['html', 'fragment'],
      ['html', 'relative'],
      ['html', 'empty'],
      ['html', 'opt_out'],
      ['text', 'not_in_html'],
    ],
  )
  assert.equal(email.untracked[0].href, 'mailto:shop@example.com')
  // The text part gets the same tracked links (the first HTML link of each target).
  const textTokens = clickTokens(email.text)
  const htmlTokens = clickTokens(email.html)
  assert.deepEqual(textTokens, [htmlTokens[0], htmlTokens[1]])
  assert.ok(email.text.endsWith('Other: https://example.org/'))
  // Deterministic.
  assert.deepEqual(tracker.track(ring, HTML, RECIPIENT, { now: SENT, expiresIn: 365 * 86400, text: TEXT }), email)
  // No text part: null.
  assert.equal(tracker.track(ring, HTML, RECIPIENT, { now: SENT }).text, null)
})

test('round trip: every tracked link resolves through the lookup to its original target', () => {
  const email = tracker.track(ring, HTML, RECIPIENT, { now: SENT, expiresIn: 365 * 86400 })
  // The host's store: link tables by message.
  const tables = new Map([[42, email.links]])
  const asked = []
  const lookup = (claims) => {
    asked.push(claims)
    return tables.get(claims.message)?.[claims.link]
  }
  clickTokens(email.html).forEach((token, index) => {
    const click = tracker.resolveClick(ring, token, lookup, { now: '2026-03-03T10:00:00Z' })
    assert.equal(click.url, email.links[index])
    assert.equal(click.reason, null)
    assert.equal(click.detail, null)
    assert.deepEqual(click.verified.claims, { ...RECIPIENT, link: index })
    assert.equal(click.verified.purpose, 'click')
    assert.equal(click.verified.expiresAt, '2027-03-02T09:00:00Z')
  })
  assert.deepEqual(asked.map((claims) => claims.link), [0, 1, 2])
  // The open pixel.
  const pixel = email.openUrl.split('/o/')[1]
  const open = tracker.resolveOpen(ring, pixel, { now: '2026-03-03T10:00:00Z' })
  assert.deepEqual(open.verified.claims, RECIPIENT)
  assert.deepEqual([open.reason, open.detail], [null, null])
})

test('a forged, altered, expired or misused token resolves to the fallback with a reason', () => {
  const email = tracker.track(ring, HTML, RECIPIENT, { now: SENT, expiresIn: 86400 })
  const [token] = clickTokens(email.html)
  let asked = 0
  const lookup = (claims) => {
    asked += 1
    return email.links[claims.link]
  }
  const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21)
  const pixel = email.openUrl.split('/o/')[1]
  for (const [text, now, reason] of [
    ['forged', SENT, 'token.bad_base64'],
    [altered, SENT, 'token.bad_tag'],
    [token, '2026-03-03T09:00:00Z', 'token.expired'],
    [pixel, SENT, 'token.wrong_purpose'],
    ['', SENT, 'token.wrong_length'],
  ]) {
    const click = tracker.resolveClick(ring, text, lookup, { now })
    assert.equal(click.url, 'https://example.com/')
    assert.equal(click.verified, null)
    assert.equal(click.reason, reason)
    assert.equal(typeof click.detail, 'string')
  }
  assert.equal(asked, 0) // the lookup is asked only for a verified click token
  const open = tracker.resolveOpen(ring, token, { now: SENT })
  assert.deepEqual([open.verified, open.reason], [null, 'token.wrong_purpose'])
  assert.equal(tracker.resolveOpen(ring, 'not-a-token').reason, 'token.bad_base64')
})

test('no open redirect: the lookup decides, and only an absolute http(s) URL is followed', () => {
  const withLink = ring.issue('click', { message: 42, link: 3 }, { now: SENT })
  const withoutLink = ring.issue('click', { message: 42 }, { now: SENT })
  const fallback = (token, lookup) => tracker.resolveClick(ring, token, lookup, { now: SENT })
  assert.equal(fallback(withLink, () => null).reason, 'tracking.unknown_link')
  assert.equal(fallback(withLink, () => undefined).reason, 'tracking.unknown_link')
  assert.match(fallback(withLink, () => null).detail, /link 3 of message 42/)
  for (const target of ['javascript:alert(1)', '/relative', 'ftp://example.com/', 'not a url']) {
    const click = fallback(withLink, () => target)
    assert.deepEqual([click.url, click.reason], ['https://example.com/', 'tracking.unsafe_target'])
  }
  assert.equal(fallback(withoutLink, () => 'https://evil.example/').reason, 'tracking.no_link_claim')
  assert.equal(fallback(withLink, () => 'https://example.com/a b').url, 'https://example.com/a%20b')
})

test('a lookup that throws: the same exception reaches the caller, and envoi keeps working', () => {
  const token = ring.issue('click', { message: 42, link: 0 }, { now: SENT })
  const thrown = new RangeError('store unavailable')
  assert.throws(
    () => tracker.resolveClick(ring, token, () => { throw thrown }, { now: SENT }),
    (error) => error === thrown,
  )
  // A non-Error value thrown comes back as is too.
  assert.throws(
    () => tracker.resolveClick(ring, token, () => { throw 'plain' }, { now: SENT }),
    (error) => error === 'plain',
  )
  // The next call works (no exception left pending).
  assert.equal(tracker.resolveClick(ring, token, () => 'https://example.com/ok', { now: SENT }).url, 'https://example.com/ok')
  // An answer of another type is a TypeError naming the lookup; a Promise too (synchronous call).
  for (const answer of [42, {}, true, Promise.resolve('https://example.com/')]) {
    const error = throwsCode(() => tracker.resolveClick(ring, token, () => answer, { now: SENT }), 'InvalidArg')
    assert.ok(error instanceof TypeError)
    assert.match(error.message, /lookup/)
  }
  throwsCode(() => tracker.resolveClick(ring, token, 'https://example.com/', { now: SENT }), 'InvalidArg')
  throwsCode(() => tracker.resolveClick({}, token, () => null), 'InvalidArg')
})

test('tracker options: paths, attribute, getters, URLs', () => {
  const custom = new Tracker('https://example.com/t/', 'https://example.com/', {
    openPath: '/pixel',
    clickPath: '/go',
    optOutAttribute: 'data-no-track',
  })
  assert.deepEqual(
    [custom.baseUrl, custom.fallbackUrl, custom.openPath, custom.clickPath, custom.optOutAttribute],
    ['https://example.com/t/', 'https://example.com/', '/pixel', '/go', 'data-no-track'],
  )
  assert.equal(custom.clickUrl('TOKEN'), 'https://example.com/t/go/TOKEN')
  assert.equal(custom.openUrl('TOKEN'), 'https://example.com/t/pixel/TOKEN')
  const email = custom.track(ring, '<a data-no-track href="https://example.com/x">x</a><a href="https://example.com/y">y</a>', {}, { now: SENT })
  assert.deepEqual(email.links, ['https://example.com/y'])
  assert.ok(email.html.includes('https://example.com/t/go/'))
  assert.throws(() => Tracker('https://t.example.com', 'https://example.com/'), TypeError)
})

test('tracking errors: invalid_option, invalid_claims, too_many_links, ambiguous_html, token.invalid_time', () => {
  for (const [make, field] of [
    [() => new Tracker('ftp://t.example.com', 'https://example.com/'), 'base_url'],
    [() => new Tracker('https://t.example.com?a=1', 'https://example.com/'), 'base_url'],
    [() => new Tracker('https://t.example.com', 'not a url'), 'fallback_url'],
    [() => new Tracker('https://t.example.com', 'https://example.com/', { openPath: 'o' }), 'open_path'],
    [() => new Tracker('https://t.example.com', 'https://example.com/', { clickPath: '/o' }), 'click_path'],
    [() => new Tracker('https://t.example.com', 'https://example.com/', { optOutAttribute: '1x' }), 'opt_out_attribute'],
  ]) {
    const error = throwsCode(make, 'tracking.invalid_option')
    assert.equal(error.field, field)
    assert.equal(typeof error.value, 'string')
    assert.equal(typeof error.rule, 'string')
  }
  throwsCode(() => new Tracker('https://t.example.com', 'https://example.com/', { pixelPath: '/p' }), 'InvalidArg')
  const claims = throwsCode(() => tracker.track(ring, '<a href="https://example.com/">x</a>', { link: 1 }, { now: SENT }), 'tracking.invalid_claims')
  assert.deepEqual([claims.field, claims.value], ['claims.link', '1'])
  const many = '<a href="https://example.com/">x</a>'.repeat(65_537)
  assert.equal(throwsCode(() => tracker.track(ring, many, {}, { now: SENT }), 'tracking.too_many_links').limit, 65_536)
  const ambiguous = throwsCode(
    () => tracker.track(ring, '<select><xmp><a href="https://example.com/">x</a></xmp></select>', {}, { now: SENT }),
    'tracking.ambiguous_html',
  )
  assert.equal(typeof ambiguous.detail, 'string')
  const time = throwsCode(() => tracker.track(ring, '<a href="https://example.com/">x</a>', {}, { now: SENT, expires: SENT }), 'token.invalid_time')
  assert.equal(time.field, 'expires_at')
  throwsCode(() => tracker.track(ring, '<p></p>', {}, { now: SENT, text: 42 }), 'InvalidArg')
  throwsCode(() => tracker.track('ring', '<p></p>', {}), 'InvalidArg')
})
