// tracking.Stats, tracking.MachineRules and tracking.StatsReport: raw events, machine/human
// verdicts and the report (links, not people), through Node.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { KeyRing, MachineRules, Stats, StatsReport } = tracking

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148'
const PIXEL = { account: 1, message: 42, recipient: 7 }

test('an Apple MPP open and a human open: one link, two opens, one of each', () => {
  const stats = new Stats()
  stats.record('open', PIXEL, '2026-11-30T09:00:02Z', { userAgent: 'Mozilla/5.0' }) // Apple's prefetch
  stats.record('open', PIXEL, new Date('2026-11-30T11:15:00Z'), { userAgent: IPHONE })
  assert.equal(stats.eventCount, 2)
  assert.deepEqual(stats.verdicts(), [
    { class: 'machine', rule: 'apple_mpp_user_agent' },
    { class: 'human', rule: 'human' },
  ])
  const report = stats.report()
  assert.ok(report instanceof StatsReport)
  const message = report.message({ account: 1, message: 42 })
  assert.deepEqual(message.message, { account: 1, message: 42, occurrence: null })
  assert.deepEqual(message.opens, {
    total: 2,
    uniqueLinks: 1,
    humanTotal: 1,
    humanUniqueLinks: 1,
    machineTotal: 1,
    machineUniqueLinks: 1,
    firstAt: '2026-11-30T09:00:02Z',
    lastAt: '2026-11-30T11:15:00Z',
    humanFirstAt: '2026-11-30T11:15:00Z',
    humanLastAt: '2026-11-30T11:15:00Z',
    machineByRule: { apple_mpp_user_agent: 1 },
  })
  assert.equal(message.clicks.total, 0)
  assert.equal(message.clicks.firstAt, null)
  assert.deepEqual(report.opens, message.opens)
  assert.equal(message.recipients.length, 1)
  assert.equal(message.recipients[0].recipient, 7)
  assert.equal(message.recipients[0].opens.total, 2)
  // Another message or occurrence is not there.
  assert.equal(report.message({ account: 1, message: 43 }), null)
  assert.equal(report.message({ account: 1, message: 42, occurrence: 1 }), null)
  throwsCode(() => report.message({ account: 1, recipient: 7 }), 'InvalidArg')
  assert.deepEqual(report.messages.map((m) => m.message.message), [42])
  assert.equal(JSON.parse(report.toJson()).opens.machine_total, 1)
})

test('clicks: link scanners (HEAD, soon after delivery, every link within a second) and a person', () => {
  const stats = new Stats()
  const link = (n) => ({ account: 1, message: 42, recipient: 7, link: n })
  const delivered = '2026-11-30T09:00:00Z'
  stats.record('click', link(0), '2026-11-30T09:00:03Z', { deliveredAt: delivered, userAgent: IPHONE })
  stats.record('click', link(1), '2026-11-30T10:00:00Z', { headRequest: true })
  stats.record('click', link(1), '2026-11-30T12:00:00Z', { userAgent: IPHONE, ip: '2a02:a03f::1' })
  stats.record('click', link(2), '2026-11-30T13:00:00Z', { clientClass: 'link_scanner' })
  const rules = stats.verdicts().map((verdict) => verdict.rule)
  assert.deepEqual(rules, ['click_soon_after_delivery', 'head_request', 'human', 'client_class:link_scanner'])
  const message = stats.report().message({ account: 1, message: 42 })
  assert.deepEqual([message.clicks.total, message.clicks.uniqueLinks], [4, 3])
  assert.deepEqual([message.clicks.humanTotal, message.clicks.humanUniqueLinks], [1, 1])
  assert.deepEqual(
    message.links.map((l) => [l.link, l.clicks.total, l.clicks.humanTotal]),
    [[0, 1, 0], [1, 2, 1], [2, 1, 0]],
  )
  assert.deepEqual(message.recipients[0].links.map((l) => l.link), [0, 1, 2])
  assert.equal(message.clicks.machineByRule.head_request, 1)

  const burst = new Stats()
  for (const [n, at] of [[0, '2026-11-30T09:30:00.000Z'], [1, '2026-11-30T09:30:00.400Z'], [2, '2026-11-30T09:30:00.800Z']]) {
    burst.record('click', link(n), at, { userAgent: IPHONE, linksInMessage: 3 })
  }
  assert.deepEqual(burst.verdicts().map((v) => v.rule), Array(3).fill('all_links_within_1s'))
})

test('recordVerified: the kind from the token; other purposes are never counted', () => {
  const ring = new KeyRing({ 1: Buffer.alloc(32, 5) }, 1)
  const now = '2026-11-30T09:00:00Z'
  const stats = new Stats()
  const click = ring.verify('click', ring.issue('click', { message: 42, recipient: 7, link: 1 }, { now }), { now })
  stats.recordVerified(click, now, { userAgent: IPHONE })
  const open = ring.verify('open', ring.issue('open', { message: 42, recipient: 7 }, { now }), { now })
  stats.recordVerified(open, now)
  assert.deepEqual(stats.events().map((event) => event.kind), ['click', 'open'])
  for (const purpose of ['approval', 'sender_verification', 'password_reset', 'secure_email']) {
    const verified = ring.verify(purpose, ring.issue(purpose, { message: 42 }, { now }), { now })
    const error = throwsCode(() => stats.recordVerified(verified, now), 'tracking.not_a_tracking_token')
    assert.equal(error.purpose, purpose)
  }
  assert.equal(stats.eventCount, 2)
  throwsCode(() => stats.recordVerified({ ...open, tokenId: 'short' }, now), 'token.invalid_argument')
  throwsCode(() => stats.recordVerified({ purpose: 'open' }, now), 'InvalidArg')
})

test('raw events: kept in the core JSON form, aggregated again with other rules', () => {
  const stats = new Stats()
  const huge = { account: 2n ** 63n, message: 42, recipient: 7 }
  stats.record('open', huge, '2026-11-30T09:00:02Z', {
    userAgent: 'Mozilla/5.0',
    ip: '17.58.0.1',
    deliveredAt: '2026-11-30T09:00:00Z',
  })
  stats.record('click', { ...PIXEL, link: 0 }, '2026-11-30T10:00:00Z', { headRequest: true, clientClass: 'webmail', linksInMessage: 2 })
  const events = stats.events()
  assert.deepEqual(events[0], {
    at: '2026-11-30T09:00:02Z',
    claims: { account: 2n ** 63n, message: 42, recipient: 7 },
    delivered_at: '2026-11-30T09:00:00Z',
    ip: '17.58.0.1',
    kind: 'open',
    user_agent: 'Mozilla/5.0',
  })
  assert.deepEqual(events[1], {
    at: '2026-11-30T10:00:00Z',
    claims: { account: 1, message: 42, recipient: 7, link: 0 },
    client_class: 'webmail',
    head_request: true,
    kind: 'click',
    links_in_message: 2,
  })
  // Aggregated again: from the objects (bigints included), or from the exact JSON text.
  const everyoneHuman = MachineRules.fromJson('{"rules": []}')
  for (const stored of [events, stats.eventsJson()]) {
    const again = Stats.fromEvents(stored, everyoneHuman)
    assert.equal(again.eventCount, 2)
    assert.deepEqual(again.verdicts().map((v) => v.rule), ['human', 'human'])
    assert.equal(again.report().message({ account: 2n ** 63n, message: 42 }).opens.humanTotal, 1)
  }
  assert.equal(JSON.parse(stats.eventsJson().replace(/9223372036854775808/, '1'))[0].claims.account, 1)
  assert.deepEqual(Stats.fromEvents(events).verdicts().map((v) => v.rule), ['apple_mpp_user_agent', 'head_request'])
  // Dates in stored events are read as instants (as JSON.stringify would write them).
  const withDate = Stats.fromEvents([{ kind: 'open', claims: {}, at: new Date('2026-11-30T09:00:00Z') }])
  assert.equal(withDate.events()[0].at, '2026-11-30T09:00:00Z')
  for (const bad of [[{ kind: 'view', claims: {}, at: '2026-11-30T09:00:00Z' }], [{ kind: 'open' }], ['x'], 'not json', 42]) {
    throwsCode(() => Stats.fromEvents(bad), 'InvalidArg')
  }
  assert.match(throwsCode(() => Stats.fromEvents([{ kind: 'open', claims: {}, at: 'x' }, 1]), 'InvalidArg').message, /events\[0\]/)
})

test('record arguments: kind, ip, counts and unknown options are checked', () => {
  const stats = new Stats()
  throwsCode(() => stats.record('view', PIXEL, '2026-11-30T09:00:00Z'), 'InvalidArg')
  throwsCode(() => stats.record('open', PIXEL, '2026-11-30T09:00:00'), 'time.not_zone_aware')
  throwsCode(() => stats.record('open', PIXEL, '2026-11-30T09:00:00Z', { ip: '999.1.1.1' }), 'InvalidArg')
  throwsCode(() => stats.record('open', PIXEL, '2026-11-30T09:00:00Z', { linksInMessage: 70000 }), 'InvalidArg')
  throwsCode(() => stats.record('open', PIXEL, '2026-11-30T09:00:00Z', { userAgnet: 'x' }), 'InvalidArg')
  throwsCode(() => stats.record('open', { recipent: 7 }, '2026-11-30T09:00:00Z'), 'InvalidArg')
  assert.equal(stats.eventCount, 0)
  assert.throws(() => Stats(), TypeError)
  throwsCode(() => new Stats('rules'), 'InvalidArg')
})

test('machine rules: built-in, JSON round trip, custom, and every rule error with its fields', () => {
  const builtin = MachineRules.builtin()
  assert.ok(builtin.ruleNames.includes('apple_mpp_user_agent'))
  assert.ok(builtin.ruleNames.includes('all_links_within_1s'))
  const again = MachineRules.fromJson(builtin.toJson())
  assert.ok(again.equals(builtin))
  assert.ok(new Stats().rules.equals(builtin))
  const office = MachineRules.fromJson(JSON.stringify({
    rules: [{ type: 'ip_range', name: 'office', ranges: ['192.0.2.0/24'], source: 'our gateway', checked_on: '2026-11-30' }],
  }))
  assert.deepEqual(office.ruleNames, ['ip_range:office'])
  const stats = new Stats(office)
  stats.record('open', PIXEL, '2026-11-30T09:00:00Z', { ip: '192.0.2.9', userAgent: 'Mozilla/5.0' })
  assert.deepEqual(stats.verdicts(), [{ class: 'machine', rule: 'ip_range:office' }])
  assert.ok(!office.equals(builtin))

  const json = throwsCode(() => MachineRules.fromJson('{\n  "rules": [,]\n}'), 'tracking.invalid_rules_json')
  assert.equal(json.line, 2)
  assert.equal(typeof json.column, 'number')
  assert.equal(typeof json.reason, 'string')
  const dated = { source: 's', checked_on: '2026-11-30' }
  const rules = (...list) => JSON.stringify({ rules: list })
  const range = throwsCode(
    () => MachineRules.fromJson(rules({ type: 'ip_range', name: 'office', ranges: ['10.0.0.0/33'], ...dated })),
    'tracking.invalid_ip_range',
  )
  assert.deepEqual([range.entry, range.field, range.value], ['rules[0] (office)', 'ranges[0]', '10.0.0.0/33'])
  assert.equal(typeof range.rule, 'string')
  const rule = throwsCode(
    () => MachineRules.fromJson(rules({ type: 'user_agent', name: 'Apple MPP', equals: ['x'], ...dated })),
    'tracking.invalid_machine_rule',
  )
  assert.deepEqual([rule.entry, rule.field, rule.value], ['rules[0] (Apple MPP)', 'name', 'Apple MPP'])
  const twice = throwsCode(
    () => MachineRules.fromJson(rules({ type: 'head_request', ...dated }, { type: 'head_request', ...dated })),
    'tracking.duplicate_rule_name',
  )
  assert.deepEqual([twice.name, twice.first, twice.second], ['head_request', 0, 1])
  assert.throws(() => new MachineRules())
  throwsCode(() => builtin.equals({}), 'InvalidArg')
})

test('links, not people: a forwarded mail counts as the original recipient', () => {
  const stats = new Stats(MachineRules.fromJson('{"rules": []}'))
  // The recipient opens, then two colleagues open the forwarded copy: one link, three opens.
  for (const at of ['2026-11-30T09:00:00Z', '2026-11-30T09:30:00Z', '2026-11-30T10:00:00Z']) {
    stats.record('open', PIXEL, at)
  }
  stats.record('open', { ...PIXEL, recipient: 8 }, '2026-11-30T11:00:00Z')
  const opens = stats.report().message({ account: 1, message: 42 }).opens
  assert.deepEqual([opens.total, opens.uniqueLinks, opens.humanUniqueLinks], [4, 2, 2])
})
