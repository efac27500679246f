// The credit ledger (envoi::credits) through Node: packs, 24-month expiry, two-phase use, idempotency,
// errors with their numbers as properties, and entries a host stores as JSON.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import envoi, { Ledger } from '../index.js'
import { throwsCode } from './helpers.mjs'

test('buy 1000 SMS, use 300, buy 500 a year later: 1200 available, expiring 24 months after the second order', () => {
  const ledger = new Ledger()
  const first = ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00')
  assert.deepEqual(first, {
    orderId: 'order-1',
    kind: 'sms',
    units: 1000,
    status: 'active',
    lot: 1,
    expiresAt: '2028-01-05T09:00:00+01:00',
    voidedAt: null,
    replayed: false,
  })
  ledger.consume('send-1', 'sms', 300, '2026-06-01T09:00:00+02:00')
  const second = ledger.purchase('order-2', 'sms', 500, '2027-01-05T09:00:00+01:00')
  assert.equal(second.expiresAt, '2029-01-05T09:00:00+01:00')

  assert.deepEqual(ledger.balance('sms', '2027-02-01T00:00:00+01:00'), {
    bought: 1500,
    granted: 0,
    consumed: 300,
    expired: 0,
    removed: 0,
    reserved: 0,
    available: 1200,
    expiresAt: '2029-01-05T09:00:00+01:00',
  })
  // Every lot got the second order's expiry; no other kind was touched.
  assert.deepEqual(
    ledger.lotsAt('2027-02-01T00:00:00+01:00').map((lot) => [lot.id, lot.source, lot.available, lot.expiresAt]),
    [
      [1, { type: 'order', orderId: 'order-1' }, 700, '2029-01-05T09:00:00+01:00'],
      [2, { type: 'order', orderId: 'order-2' }, 500, '2029-01-05T09:00:00+01:00'],
    ],
  )
  assert.equal(ledger.balance('email', '2027-02-01T00:00:00+01:00').available, 0)
  assert.equal(ledger.balance('email', '2027-02-01T00:00:00+01:00').expiresAt, null)
  // The statement shows the extension the second order gave the first lot.
  const extension = ledger
    .statement('2027-01-01T00:00:00+01:00', '2027-02-01T00:00:00+01:00')
    .find((line) => line.event === 'extension')
  assert.deepEqual([extension.lot, extension.reference, extension.kind], [1, 'order-2', 'sms'])
})

test('two years without an order: every unit expired (at the expiry instant, half-open)', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00')
  ledger.consume('send-1', 'sms', 300, '2026-06-01T09:00:00+02:00')
  const before = ledger.balance('sms', '2028-01-05T08:59:59+01:00')
  assert.equal(before.available, 700)
  const after = ledger.balance('sms', '2028-01-05T09:00:00+01:00')
  assert.deepEqual([after.available, after.expired, after.consumed, after.expiresAt], [0, 700, 300, null])
  // A later order does not revive them.
  ledger.purchase('order-2', 'sms', 100, '2028-03-01T09:00:00+01:00')
  const revived = ledger.balance('sms', '2028-03-02T00:00:00+01:00')
  assert.deepEqual([revived.available, revived.expired], [100, 700])
  const expiry = ledger.statement('2028-01-01T00:00:00Z', '2028-02-01T00:00:00Z')
  assert.deepEqual(expiry.map((line) => [line.event, line.units, line.lot]), [['expiry', -700, 1]])
})

test('a pending order adds nothing until activated; activating again is a replay', () => {
  const ledger = new Ledger()
  const pending = ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00', { pending: true })
  assert.deepEqual([pending.status, pending.lot, pending.expiresAt], ['pending', null, null])
  assert.equal(ledger.balance('sms', '2026-01-06T00:00:00+01:00').available, 0)
  throwsCode(() => ledger.consume('send-1', 'sms', 1, '2026-01-06T09:00:00+01:00'), 'credits.insufficient_credit')

  const active = ledger.activate('order-1', '2026-01-08T09:00:00+01:00')
  assert.deepEqual(
    [active.status, active.lot, active.expiresAt, active.replayed],
    ['active', 1, '2028-01-08T09:00:00+01:00', false],
  )
  assert.equal(ledger.balance('sms', '2026-01-09T00:00:00+01:00').available, 1000)
  const version = ledger.version
  assert.equal(ledger.activate('order-1', '2026-01-09T09:00:00+01:00').replayed, true)
  assert.equal(ledger.version, version)
})

test('a voided order: its unspent units are removed, and it can no longer be activated', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 100, '2026-01-05T09:00:00+01:00')
  ledger.consume('send-1', 'sms', 30, '2026-01-06T09:00:00+01:00')
  const voided = ledger.voidOrder('order-1', '2026-01-07T09:00:00+01:00')
  assert.deepEqual([voided.status, voided.lot, voided.voidedAt], ['voided', 1, '2026-01-07T09:00:00+01:00'])
  const balance = ledger.balance('sms', '2026-01-08T00:00:00+01:00')
  assert.deepEqual([balance.consumed, balance.removed, balance.available], [30, 70, 0])

  ledger.purchase('order-2', 'sms', 10, '2026-01-08T09:00:00+01:00', { pending: true })
  assert.equal(ledger.voidOrder('order-2', '2026-01-09T09:00:00+01:00').lot, null) // never activated
  const error = throwsCode(() => ledger.activate('order-2', '2026-01-10T09:00:00+01:00'), 'credits.order_voided')
  assert.deepEqual([error.orderId, error.voidedAt], ['order-2', '2026-01-09T09:00:00+01:00'])
  const missing = throwsCode(() => ledger.activate('nope', '2026-01-10T09:00:00+01:00'), 'credits.order_not_found')
  assert.equal(missing.orderId, 'nope')
})

test('reserve, commit part of it (the rest is released), release another', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 10, '2026-01-05T09:00:00+01:00')
  const reservation = ledger.reserve('send-1', 'sms', 4, '2026-01-06T09:00:00+01:00')
  assert.deepEqual(reservation, {
    key: 'send-1',
    kind: 'sms',
    units: 4,
    lots: [{ lot: 1, units: 4 }],
    reservedAt: '2026-01-06T09:00:00+01:00',
    timesOutAt: null,
    replayed: false,
  })
  const held = ledger.balance('sms', '2026-01-06T09:00:30+01:00')
  assert.deepEqual([held.reserved, held.available], [4, 6])

  assert.deepEqual(ledger.commit('send-1', '2026-01-06T09:01:00+01:00', { units: 3 }), {
    consumed: 3,
    released: 1,
    timedOut: false,
  })
  ledger.reserve('send-2', 'sms', 2, '2026-01-06T10:00:00+01:00')
  assert.deepEqual(ledger.release('send-2', '2026-01-06T10:01:00+01:00'), { consumed: 0, released: 2, timedOut: false })
  ledger.reserve('send-3', 'sms', 5, '2026-01-06T11:00:00+01:00')
  assert.deepEqual(ledger.commit('send-3', '2026-01-06T11:01:00+01:00'), { consumed: 5, released: 0, timedOut: false })

  const balance = ledger.balance('sms', '2026-01-07T00:00:00+01:00')
  assert.deepEqual([balance.consumed, balance.reserved, balance.available], [8, 0, 2])

  const again = throwsCode(() => ledger.commit('send-1', '2026-01-07T09:00:00+01:00'), 'credits.reservation_already_committed')
  assert.deepEqual([again.key, again.units, again.committedAt], ['send-1', 3, '2026-01-06T09:01:00+01:00'])
  const released = throwsCode(() => ledger.release('send-2', '2026-01-07T09:00:00+01:00'), 'credits.reservation_already_released')
  assert.deepEqual([released.key, released.releasedAt], ['send-2', '2026-01-06T10:01:00+01:00'])
  assert.equal(throwsCode(() => ledger.commit('nope', '2026-01-07T09:00:00+01:00'), 'credits.unknown_reservation').key, 'nope')
})

test('a timeout: the hold is gone at reservedAt + timeoutS; commit is refused, release writes nothing', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 10, '2026-01-05T09:00:00+01:00')
  const reservation = ledger.reserve('send-1', 'sms', 4, '2026-01-06T09:00:00+01:00', { timeoutS: 60 })
  assert.equal(reservation.timesOutAt, '2026-01-06T09:01:00+01:00')
  assert.equal(ledger.balance('sms', '2026-01-06T09:00:59+01:00').reserved, 4)
  const later = ledger.balance('sms', '2026-01-06T09:01:00+01:00')
  assert.deepEqual([later.reserved, later.available], [0, 10])

  const error = throwsCode(() => ledger.commit('send-1', '2026-01-06T09:01:00+01:00'), 'credits.reservation_timed_out')
  assert.deepEqual(
    [error.key, error.reservedAt, error.timedOutAt],
    ['send-1', '2026-01-06T09:00:00+01:00', '2026-01-06T09:01:00+01:00'],
  )
  const version = ledger.version
  assert.deepEqual(ledger.release('send-1', '2026-01-06T09:02:00+01:00'), { consumed: 0, released: 4, timedOut: true })
  assert.equal(ledger.version, version)
  throwsCode(() => ledger.reserve('send-2', 'sms', 1, '2026-01-07T09:00:00+01:00', { timeoutS: 0 }), 'credits.invalid_argument')
  throwsCode(() => ledger.reserve('send-2', 'sms', 1, '2026-01-07T09:00:00+01:00', { timeoutS: -1 }), 'InvalidArg')
})

test('a replay returns the same result and writes nothing (version unchanged)', () => {
  const ledger = new Ledger()
  const order = ledger.purchase('order-1', 'sms', 100, '2026-01-05T09:00:00+01:00')
  const sent = ledger.consume('send-1', 'sms', 3, '2026-01-06T09:00:00+01:00')
  const held = ledger.reserve('send-2', 'sms', 5, '2026-01-06T10:00:00+01:00', { timeoutS: 300 })
  const grant = ledger.adjust('goodwill-1', 'sms', 50, 'outage on 3 Jan', '2026-01-06T11:00:00+01:00')
  const version = ledger.version
  assert.equal(version, 4)

  // Retried later: the first results, with replayed set; nothing written.
  const retry = '2026-01-06T12:00:00+01:00'
  assert.deepEqual(ledger.purchase('order-1', 'sms', 100, retry), { ...order, replayed: true })
  assert.deepEqual(ledger.consume('send-1', 'sms', 3, retry), { ...sent, replayed: true })
  assert.deepEqual(ledger.reserve('send-2', 'sms', 5, retry, { timeoutS: 300 }), { ...held, replayed: true })
  assert.deepEqual(ledger.adjust('goodwill-1', 'sms', 50, 'outage on 3 Jan', retry), { ...grant, replayed: true })
  assert.equal(ledger.version, version)
  assert.deepEqual(ledger.entriesSince(version), [])
  // The hold of send-2 timed out at 10:05: its 5 units are available again.
  assert.equal(ledger.balance('sms', retry).available, 100 - 3 + 50)
})

test('an idempotency conflict: credits.idempotency_conflict with the key, nothing written', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 100, '2026-01-05T09:00:00+01:00')
  ledger.consume('send-1', 'sms', 3, '2026-01-06T09:00:00+01:00')
  const version = ledger.version
  const error = throwsCode(() => ledger.purchase('order-1', 'sms', 200, '2026-01-06T10:00:00+01:00'), 'credits.idempotency_conflict')
  assert.equal(error.key, 'order-1')
  assert.match(error.first, /100 sms/)
  assert.match(error.this, /200 sms/)
  assert.equal(
    throwsCode(() => ledger.consume('send-1', 'sms', 4, '2026-01-06T10:00:00+01:00'), 'credits.idempotency_conflict').key,
    'send-1',
  )
  assert.equal(ledger.version, version)
})

test('insufficient credit: needed, available and kind as properties; a retry after a top-up succeeds', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 5, '2026-01-05T09:00:00+01:00')
  const error = throwsCode(() => ledger.reserve('send-1', 'sms', 8, '2026-01-06T09:00:00+01:00'), 'credits.insufficient_credit')
  assert.deepEqual([error.needed, error.available, error.kind], [8, 5, 'sms'])
  assert.equal(error.message, 'sms: 8 units needed, 5 available')
  assert.equal(ledger.version, 1)
  ledger.purchase('order-2', 'sms', 5, '2026-01-06T10:00:00+01:00')
  assert.equal(ledger.reserve('send-1', 'sms', 8, '2026-01-06T11:00:00+01:00').units, 8)
  // A removal never takes more than available.
  const removal = throwsCode(
    () => ledger.adjust('fix-1', 'sms', -3, 'granted twice', '2026-01-06T12:00:00+01:00'),
    'credits.insufficient_credit',
  )
  assert.deepEqual([removal.needed, removal.available], [3, 2])
})

test('exceeds reserved: a commit of more units than reserved, with reserved and requested', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 10, '2026-01-05T09:00:00+01:00')
  ledger.reserve('send-1', 'sms', 4, '2026-01-06T09:00:00+01:00')
  const error = throwsCode(() => ledger.commit('send-1', '2026-01-06T09:01:00+01:00', { units: 6 }), 'credits.exceeds_reserved')
  assert.deepEqual([error.key, error.reserved, error.requested], ['send-1', 4, 6])
  assert.equal(ledger.commit('send-1', '2026-01-06T09:01:00+01:00', { units: 4 }).consumed, 4)
  throwsCode(() => ledger.commit('send-x', '2026-01-06T09:02:00+01:00', { units: 0 }), 'credits.invalid_units')
})

test('time regression: at and last, in the ledger zone', () => {
  const ledger = new Ledger({ tz: 'America/New_York' })
  ledger.purchase('order-1', 'sms', 10, '2026-01-05T14:00:00Z')
  const error = throwsCode(() => ledger.consume('send-1', 'sms', 1, '2026-01-05T13:00:00Z'), 'credits.time_regression')
  assert.deepEqual([error.at, error.last], ['2026-01-05T08:00:00-05:00', '2026-01-05T09:00:00-05:00'])
  assert.equal(ledger.lastOperationAt, '2026-01-05T09:00:00-05:00')
  // Queries take any instant.
  assert.equal(ledger.balance('sms', '2026-01-05T13:00:00Z').available, 0)
})

test('entries are plain objects (the core JSON form) that round-trip through JSON and fromEntries', () => {
  const ledger = new Ledger({ validityMonths: 12 })
  ledger.purchase('order-1', 'sms', 1000, '2026-01-05T09:00:00+01:00')
  ledger.purchase('order-2', 'email', 200, '2026-01-05T10:00:00+01:00', { pending: true })
  ledger.activate('order-2', '2026-01-07T10:00:00+01:00')
  ledger.reserve('send-1', 'sms', 4, '2026-01-08T09:00:00+01:00', { timeoutS: 600 })
  ledger.commit('send-1', '2026-01-08T09:01:00+01:00', { units: 3 })
  ledger.consume('mail-1', 'email', 20, '2026-01-09T09:00:00+01:00')
  ledger.adjust('goodwill-1', 'sms', 50, 'outage', '2026-01-10T09:00:00+01:00', { expiresAt: '2026-06-30T00:00:00+02:00' })
  ledger.adjust('fix-1', 'sms', -20, 'granted twice', '2026-01-11T09:00:00+01:00')
  ledger.reserve('send-2', 'sms', 2, '2026-01-12T09:00:00+01:00')
  ledger.release('send-2', '2026-01-12T09:05:00+01:00')
  ledger.voidOrder('order-2', '2026-01-13T09:00:00+01:00')

  const entries = ledger.entries()
  assert.equal(entries.length, ledger.version)
  assert.deepEqual(entries[0], { op: 'purchase', order_id: 'order-1', kind: 'sms', units: 1000, pending: false, at: '2026-01-05T08:00:00Z' })
  assert.deepEqual(entries[3], { op: 'reserve', key: 'send-1', kind: 'sms', units: 4, timeout_s: 600, at: '2026-01-08T08:00:00Z' })
  assert.deepEqual(entries[4], { op: 'commit', key: 'send-1', units: 3, at: '2026-01-08T08:01:00Z' })
  assert.deepEqual(
    entries.map((entry) => entry.op),
    ['purchase', 'purchase', 'activate', 'reserve', 'commit', 'consume', 'adjust', 'adjust', 'reserve', 'release', 'void'],
  )
  assert.deepEqual(ledger.entriesSince(9).map((entry) => entry.op), ['release', 'void'])
  assert.deepEqual(ledger.entriesSince(99), [])

  const stored = JSON.stringify(entries)
  const again = Ledger.fromEntries(JSON.parse(stored), { validityMonths: 12 })
  assert.equal(again.version, ledger.version)
  assert.equal(again.validityMonths, 12)
  assert.deepEqual(again.entries(), entries)
  const t = '2026-02-01T00:00:00+01:00'
  for (const kind of ['sms', 'email']) assert.deepEqual(again.balance(kind, t), ledger.balance(kind, t))
  assert.deepEqual(again.lotsAt(t), ledger.lotsAt(t))
  assert.deepEqual(again.statement('2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z'), ledger.statement('2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z'))
  // The rebuilt ledger goes on: a replay of the last operation writes nothing.
  assert.equal(again.voidOrder('order-2', '2026-01-14T09:00:00+01:00').replayed, true)
  assert.equal(new Ledger().entries().length, 0)
})

test('fromEntries refuses what is not an entry (InvalidArg naming its position) or does not replay (credits.invalid_entries)', () => {
  const good = { op: 'purchase', order_id: 'o1', kind: 'sms', units: 10, pending: false, at: '2026-01-05T08:00:00Z' }
  assert.match(throwsCode(() => Ledger.fromEntries([good, { op: 'refund' }]), 'InvalidArg').message, /entries\[1\]/)
  throwsCode(() => Ledger.fromEntries({ 0: good }), 'InvalidArg')
  throwsCode(() => Ledger.fromEntries([{ ...good, extra: 1 }]), 'InvalidArg')
  const twice = throwsCode(() => Ledger.fromEntries([good, good]), 'credits.invalid_entries')
  assert.equal(twice.index, 1)
  assert.match(twice.reason, /replay/)
  const backwards = throwsCode(
    () => Ledger.fromEntries([good, { op: 'consume', key: 'k', kind: 'sms', units: 1, at: '2026-01-01T00:00:00Z' }]),
    'credits.invalid_entries',
  )
  assert.equal(backwards.index, 1)
  // A Date in an entry is its ISO string.
  assert.equal(Ledger.fromEntries([{ ...good, at: new Date('2026-01-05T08:00:00Z') }]).version, 1)
  throwsCode(() => Ledger.fromEntries([good], { validityMonths: 0 }), 'credits.invalid_argument')
})

test('a naive or invalid time, a bad kind, a bad unit count are refused with a clear error', () => {
  const ledger = new Ledger()
  const naive = throwsCode(() => ledger.purchase('o1', 'sms', 10, '2026-01-05T09:00:00'), 'time.not_zone_aware')
  assert.match(naive.message, /at/)
  throwsCode(() => ledger.purchase('o1', 'sms', 10, '2026-01-05'), 'time.not_zone_aware')
  throwsCode(() => ledger.purchase('o1', 'sms', 10, 'yesterday'), 'InvalidArg')
  throwsCode(() => ledger.purchase('o1', 'sms', 10, new Date(Number.NaN)), 'InvalidArg')
  throwsCode(() => ledger.balance('sms', 1_767_600_000_000), 'InvalidArg')

  const kind = throwsCode(() => ledger.purchase('o1', 'SMS', 10, '2026-01-05T09:00:00Z'), 'credits.invalid_kind')
  assert.equal(kind.value, 'SMS')
  assert.match(kind.message, /not a credit kind/)
  throwsCode(() => ledger.balance('', '2026-01-05T09:00:00Z'), 'credits.invalid_kind')
  throwsCode(() => ledger.noticesAt('2026-01-05T09:00:00Z', { 'Fax!': 1 }, 30), 'credits.invalid_kind')

  const zero = throwsCode(() => ledger.purchase('o1', 'sms', 0, '2026-01-05T09:00:00Z'), 'credits.invalid_units')
  assert.deepEqual([zero.field, zero.value], ['units', 0])
  throwsCode(() => ledger.purchase('o1', 'sms', 1e12 + 1, '2026-01-05T09:00:00Z'), 'credits.invalid_units')
  const negative = throwsCode(() => ledger.purchase('o1', 'sms', -5, '2026-01-05T09:00:00Z'), 'credits.invalid_units')
  assert.deepEqual([negative.field, negative.value], ['units', -5])
  assert.equal(throwsCode(() => ledger.consume('s1', 'sms', 2 ** 64, '2026-01-05T09:00:00Z'), 'credits.invalid_units').value, 2 ** 64)
  assert.equal(throwsCode(() => ledger.adjust('a1', 'sms', -(2 ** 63), 'fix', '2026-01-05T09:00:00Z'), 'credits.invalid_units').value, -(2 ** 63))
  throwsCode(() => ledger.purchase('o1', 'sms', 1.5, '2026-01-05T09:00:00Z'), 'InvalidArg')
  throwsCode(() => ledger.adjust('a1', 'sms', 0, 'why', '2026-01-05T09:00:00Z'), 'credits.invalid_units')
  const reason = throwsCode(() => ledger.adjust('a1', 'sms', 5, '  ', '2026-01-05T09:00:00Z'), 'credits.invalid_argument')
  assert.equal(reason.field, 'reason')
  assert.equal(throwsCode(() => ledger.purchase('', 'sms', 5, '2026-01-05T09:00:00Z'), 'credits.invalid_argument').field, 'order_id')
  assert.equal(ledger.version, 0)
})

test('options: tz and validityMonths; unknown names and wrong types are refused', () => {
  const ledger = new Ledger({ tz: 'Europe/Brussels', validityMonths: 12 })
  assert.deepEqual([ledger.tz, ledger.validityMonths, ledger.version, ledger.lastOperationAt], ['Europe/Brussels', 12, 0, null])
  assert.equal(ledger.purchase('o1', 'sms', 1, '2024-02-29T12:00:00+01:00').expiresAt, '2025-02-28T12:00:00+01:00')
  assert.deepEqual([new Ledger(null).tz, new Ledger(undefined).validityMonths, new Ledger({ tz: null }).tz], ['Europe/Brussels', 24, 'Europe/Brussels'])

  const months = throwsCode(() => new Ledger({ validityMonths: 0 }), 'credits.invalid_argument')
  assert.deepEqual([months.field, months.value], ['validity_months', '0'])
  throwsCode(() => new Ledger({ validityMonths: 1201 }), 'credits.invalid_argument')
  throwsCode(() => new Ledger({ validityMonths: 2 ** 40 }), 'InvalidArg')
  throwsCode(() => new Ledger({ tz: 'Mars/Olympus' }), 'time.unknown_zone')
  assert.match(throwsCode(() => new Ledger({ zone: 'Europe/Brussels' }), 'InvalidArg').message, /unknown option "zone"/)
  throwsCode(() => new Ledger('Europe/Brussels'), 'InvalidArg')
  throwsCode(() => ledger.purchase('o2', 'sms', 1, '2024-03-01T12:00:00+01:00', { pending: 'yes' }), 'InvalidArg')
  throwsCode(() => ledger.reserve('r1', 'sms', 1, '2024-03-01T12:00:00+01:00', { timeout: 5 }), 'InvalidArg')
  throwsCode(() => ledger.commit('r1', '2024-03-01T12:00:00+01:00', { count: 1 }), 'InvalidArg')
  assert.throws(() => Ledger(), TypeError)
})

test('adjustments: a grant is its own lot (its expiry given or +24 months), a removal takes units in spending order', () => {
  const ledger = new Ledger()
  const grant = ledger.adjust('goodwill-1', 'sms', 50, 'outage on 3 Jan', '2026-01-05T09:00:00+01:00', {
    expiresAt: new Date('2026-03-31T22:00:00Z'),
  })
  assert.deepEqual(grant, { lot: 1, replayed: false })
  const [lot] = ledger.lotsAt('2026-01-06T00:00:00+01:00')
  assert.deepEqual(lot.source, { type: 'grant', key: 'goodwill-1', reason: 'outage on 3 Jan' })
  assert.equal(lot.expiresAt, '2026-04-01T00:00:00+02:00')
  assert.deepEqual(ledger.adjust('fix-1', 'sms', -20, 'granted twice', '2026-01-06T09:00:00+01:00'), { lot: null, replayed: false })
  const balance = ledger.balance('sms', '2026-01-07T00:00:00+01:00')
  assert.deepEqual([balance.granted, balance.removed, balance.available], [50, 20, 30])
  throwsCode(
    () => ledger.adjust('fix-2', 'sms', -1, 'why', '2026-01-07T09:00:00+01:00', { expiresAt: '2027-01-01T00:00:00Z' }),
    'credits.invalid_argument',
  )
})

test('notices: low balance at or under the threshold, units expiring within the window', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 100, '2024-01-05T09:00:00+01:00')
  const notices = ledger.noticesAt('2025-12-20T09:00:00+01:00', { sms: 100, email: 0 }, 30)
  assert.deepEqual(notices, {
    lowBalance: [
      { kind: 'email', available: 0, threshold: 0 },
      { kind: 'sms', available: 100, threshold: 100 },
    ],
    expiring: [{ kind: 'sms', units: 100, expiresAt: '2026-01-05T09:00:00+01:00' }],
  })
  assert.deepEqual(ledger.noticesAt('2025-12-01T09:00:00+01:00', {}, 30), { lowBalance: [], expiring: [] })
  throwsCode(() => ledger.noticesAt('2025-12-01T09:00:00+01:00', { sms: -1 }, 30), 'InvalidArg')
  throwsCode(() => ledger.noticesAt('2025-12-01T09:00:00+01:00', [100], 30), 'InvalidArg')
  throwsCode(() => ledger.noticesAt('2025-12-01T09:00:00+01:00', {}, -1), 'InvalidArg')
})

test('a Date is an instant too; results are written in the ledger zone', () => {
  const ledger = new Ledger({ tz: 'Asia/Tokyo' })
  const order = ledger.purchase('order-1', 'email', 10, new Date('2026-01-05T00:00:00Z'))
  assert.equal(order.expiresAt, '2028-01-05T09:00:00+09:00')
  assert.equal(ledger.balance('email', new Date('2026-01-06T00:00:00Z')).available, 10)
  assert.equal(ledger.entries()[0].at, '2026-01-05T00:00:00Z')
})

test('a panic inside Rust never crosses: the hook throws internal.panic and the ledger keeps working', () => {
  const ledger = new Ledger()
  ledger.purchase('order-1', 'sms', 10, '2026-01-05T09:00:00+01:00')
  throwsCode(() => envoi.__envoiPanicForTest(), 'internal.panic')
  assert.equal(ledger.consume('send-1', 'sms', 3, '2026-01-06T09:00:00+01:00').units, 3)
  assert.equal(ledger.balance('sms', '2026-01-07T00:00:00+01:00').available, 7)
})
