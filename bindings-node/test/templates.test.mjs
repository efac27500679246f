// templates: merge fields, validation when a task is created, rendering per recipient, dates.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { analyzeSms, contacts, templates } from '../index.js'
import { throwsCode } from './helpers.mjs'

const { Template } = templates

test('a template: its fields, segments, uses with their positions, its canonical text', () => {
  const template = new Template('Bonjour {{ First_Name | client }}, votre RDV est le {{date}}.\n{{first_name|x}}')
  assert.deepEqual(template.fields, ['first_name', 'date'])
  assert.equal(template.source, 'Bonjour {{ First_Name | client }}, votre RDV est le {{date}}.\n{{first_name|x}}')
  assert.equal(template.toString(), 'Bonjour {{first_name|client}}, votre RDV est le {{date}}.\n{{first_name|x}}')
  assert.ok(new Template(template.toString()).equals(template))
  assert.deepEqual(template.segments.slice(0, 3), [
    { text: 'Bonjour ', field: null, fallback: null },
    { text: null, field: 'first_name', fallback: 'client' },
    { text: ', votre RDV est le ', field: null, fallback: null },
  ])
  assert.deepEqual(template.occurrences(), [
    { name: 'first_name', fallback: 'client', line: 1, column: 9 },
    { name: 'date', fallback: null, line: 1, column: 53 },
    { name: 'first_name', fallback: 'x', line: 2, column: 1 },
  ])
  // A literal {{ is written \{{.
  const escaped = new Template('Prix: \\{{ 5 € }} pour {{name}}')
  assert.deepEqual(escaped.segments[0], { text: 'Prix: {{ 5 € }} pour ', field: null, fallback: null })
  assert.equal(new Template('no fields').fields.length, 0)
  assert.throws(() => Template('x'), TypeError)
})

test('template errors: line and column in characters, the offending text, the rule', () => {
  const unclosed = throwsCode(() => new Template('Bonjour,\nvotre RDV: {{date\nà bientôt'), 'templates.unclosed_field')
  assert.deepEqual([unclosed.line, unclosed.column, unclosed.excerpt, unclosed.until], [2, 12, '{{date', 'end_of_line'])
  const next = throwsCode(() => new Template('Hi {{name, see {{date}}'), 'templates.unclosed_field')
  assert.deepEqual([next.until, next.untilLine, next.untilColumn], ['next_field', 1, 16])
  assert.equal(throwsCode(() => new Template('Hi {{name'), 'templates.unclosed_field').until, 'end_of_text')

  const empty = throwsCode(() => new Template('{{ | x }}'), 'templates.empty_name')
  assert.deepEqual([empty.line, empty.column, empty.excerpt], [1, 1, '{{ | x }}'])

  const accent = throwsCode(() => new Template('Bonjour {{prénom}}'), 'templates.invalid_name')
  assert.deepEqual([accent.line, accent.column, accent.character, accent.excerpt, accent.hint],
    [1, 13, 'é', '{{prénom}}', 'prenom'])
  assert.equal(accent.message,
    "line 1, column 13: 'é' cannot be in a field name ({{prénom}}); a field name is letters a–z, " +
    'digits and _, not starting with a digit, optionally followed by | and a fallback; did you mean {{prenom}}?')
  // Columns count characters: an emoji is one.
  const emoji = throwsCode(() => new Template('Très cher 😀\nvotre {{ rdv le }}'), 'templates.invalid_name')
  assert.deepEqual([emoji.line, emoji.column, emoji.character], [2, 13, ' '])
  throwsCode(() => new Template(42), 'StringExpected')
})

test('validate: every field must be known; the closest name is proposed', () => {
  const known = [...contacts.Contact.standardFields(), 'date']
  new Template('Bonjour {{first_name}}, RDV {{date}}').validate(known)
  const typo = throwsCode(() => new Template('Bonjour {{frist_name}}').validate(known), 'templates.unknown_field')
  assert.deepEqual([typo.name, typo.line, typo.column, typo.suggestion], ['frist_name', 1, 9, 'first_name'])
  assert.deepEqual(typo.known, ['date', 'email', 'first_name', 'language', 'last_name', 'mobile'])
  assert.equal(typo.message,
    'line 1, column 9: {{frist_name}} is not a known field (did you mean {{first_name}}?); ' +
    'the known fields are date, email, first_name, language, last_name, mobile')
  const far = throwsCode(() => new Template('{{shoe_size}}').validate(known), 'templates.unknown_field')
  assert.equal(far.suggestion, null)
  // Every unknown use is listed, in reading order, not only the first.
  const both = throwsCode(() => new Template('{{frist_name}}\n {{shoe_size}}').validate(known), 'templates.unknown_field')
  assert.deepEqual(both.unknown, [
    { name: 'frist_name', line: 1, column: 1, suggestion: 'first_name' },
    { name: 'shoe_size', line: 2, column: 2, suggestion: null },
  ])
  // A custom field is known under the name a template writes it as.
  new Template('{{code_postal}}').validate(['Code postal'])
  assert.equal(templates.fieldNameFor('Code postal'), 'code_postal')
  assert.equal(templates.fieldNameFor('Prénom'), 'prenom')
  assert.equal(templates.fieldNameFor('3e'), null)
  throwsCode(() => new Template('{{a}}').validate('a'), 'InvalidArg')
  throwsCode(() => new Template('{{a}}').validate([1]), 'InvalidArg')
})

test('render: the contact first, then the task\'s values, else the fallback; templates.missing_value', () => {
  const template = new Template('Bonjour {{ first_name | cher client }}, RDV le {{date}} à {{magasin}} ({{last_name|client}}).')
  const lea = new contacts.Contact({ firstName: 'Léa', customFields: { Magasin: 'Mons', date: '  ' } })
  assert.equal(template.render(lea, { date: 'mardi 3 mars', first_name: 'x' }), 'Bonjour Léa, RDV le mardi 3 mars à Mons (client).')
  // A plain object of values is a contact too; blank values count as none.
  assert.equal(template.render({ first_name: ' ', magasin: 'Namur' }, { date: '3 mars' }),
    'Bonjour cher client, RDV le 3 mars à Namur (client).')
  const missing = throwsCode(() => template.render(lea), 'templates.missing_value')
  assert.deepEqual([missing.name, missing.line, missing.column], ['date', 1, 48])
  assert.match(missing.message, /\{\{date\|fallback text\}\}/)
  // Values are never read as template text.
  assert.equal(new Template('{{a}}').render({ a: '{{b}}' }), '{{b}}')
  assert.equal(new Template('{{a}}').render({ a: 'x' }, null), 'x')
  throwsCode(() => template.render('Léa'), 'InvalidArg')
  throwsCode(() => template.render({ first_name: 7 }), 'InvalidArg')
  throwsCode(() => template.render(lea, ['3 mars']), 'InvalidArg')
})

test('for SMS the cost is per recipient: the rendered text goes to the segmenter', () => {
  const template = new Template(
    'Bonjour {{first_name}}, votre rendez-vous chez Garage Dupont est confirme pour demain ' +
    "a 9h30. Merci d'arriver 10 minutes en avance. Pour annuler: 0475123456")
  const parts = (firstName) => analyzeSms(template.render(new contacts.Contact({ firstName }))).partCount
  assert.equal(parts('Ann'), 1)
  assert.equal(parts('Marie-Christine Van den Bossche'), 2)
})

test('dates in the recipient\'s language', () => {
  assert.equal(templates.formatDate('2026-03-03', 'fr'), '3 mars 2026')
  assert.equal(templates.formatDate('2026-03-03', 'nl'), '3 maart 2026')
  assert.equal(templates.formatDate('2026-03-03', 'de'), '3. März 2026')
  assert.equal(templates.formatDate('2026-03-03', 'en'), '3 March 2026')
  assert.equal(templates.formatDate('2026-05-01', 'fr'), '1er mai 2026')
  assert.equal(templates.formatDate('2026-03-03', 'fr', { weekday: true }), 'mardi 3 mars 2026')
  assert.equal(templates.formatDate('2026-03-03', 'de', { weekday: true }), 'Dienstag, 3. März 2026')
  assert.equal(templates.formatTime('14:30:59'), '14:30')
  assert.equal(templates.formatTime('09:05'), '09:05')
  assert.equal(templates.formatDateTime('2026-03-03T13:30:00Z', 'fr'), '3 mars 2026 à 14:30')
  assert.equal(templates.formatDateTime(new Date('2026-03-03T13:30:00Z'), 'nl', { weekday: true }),
    'dinsdag 3 maart 2026 om 14:30')
  assert.equal(templates.formatDateTime('2026-03-03T13:30:00Z', 'en', { timeZone: 'Europe/London' }),
    '3 March 2026 at 13:30')
  assert.equal(throwsCode(() => templates.formatDate('2026-03-03', 'es'), 'language.unsupported').value, 'es')
  throwsCode(() => templates.formatDateTime('2026-03-03T13:30:00Z', 'fr', { timeZone: 'Mars/Olympus' }), 'time.unknown_zone')
  throwsCode(() => templates.formatDateTime('2026-03-03T13:30:00', 'fr'), 'time.not_zone_aware')
  throwsCode(() => templates.formatDate('3/3/2026', 'fr'), 'InvalidArg')
  throwsCode(() => templates.formatTime('25:00'), 'InvalidArg')
  throwsCode(() => templates.formatDate('2026-03-03', 'fr', { weekdays: true }), 'InvalidArg')
})
