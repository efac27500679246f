// contacts.importCsv and contacts.CsvImporter over the core's messy fixtures
// (core/tests/data/contacts/), as core/tests/contacts_import.rs pins them.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import { contacts } from '../index.js'
import { throwsCode } from './helpers.mjs'

const fixtures = new URL('../../core/tests/data/contacts/', import.meta.url)
const path = (name) => fileURLToPath(new URL(name, fixtures))
const fixture = (name) => readFileSync(path(name))

/** Imports and checks that the counts add up. */
function importCsv(source, options) {
  const report = contacts.importCsv(source, options)
  const { rows, imported, replaced, merged, duplicatesSkipped, duplicatesReported, rejected, blank } = report.counts
  assert.equal(rows, imported + replaced + merged + duplicatesSkipped + duplicatesReported + rejected + blank)
  assert.equal(imported, report.contacts.length)
  return report
}

const errors = (report) => report.errors.map((error) => [error.line, error.column, error.code])

test('Excel FR: Windows-1252, semicolons, quoted newlines, a landline, bad phone and email, a duplicate', () => {
  const report = importCsv(fixture('excel_fr_windows1252.csv'), { duplicates: 'keep_first' })
  assert.deepEqual([report.encoding, report.bom, report.delimiter], ['windows-1252', false, ';'])
  assert.deepEqual(report.columns.map((column) => column.target), [
    'last_name', 'first_name', 'mobile', 'email',
    { custom: 'Société' }, { custom: 'Remarque' }, { custom: 'column 7' }, { custom: 'column 8' },
  ])
  assert.ok(report.columns.every((column) => column.guessed))
  assert.deepEqual(report.contacts.map((contact) => [contact.firstName, contact.lastName]), [
    ['Hélène', 'Dupont'], ['François', 'Lefèvre'], ['Zoé', 'Martin'], ['Émile', 'Dubois'],
    ['Gaëlle', 'Lambert'], ['Benoît', 'Roux'],
  ])
  const [helene, francois, zoe, emile, gaelle, benoit] = report.contacts
  assert.ok(helene instanceof contacts.Contact)
  assert.equal(helene.mobile, '+32475123456')
  assert.equal(francois.customFields.Remarque, 'Livraison le mardi\r\nsonner deux fois; merci')
  assert.equal(francois.customFields['Société'], 'Garçon & Fils')
  assert.equal(zoe.customFields.Remarque, 'Abonnement 12 €')
  assert.equal(gaelle.customFields['Société'], 'Société "Le Coin"')
  // A fixed line is not a mobile: kept in E.164 under its column's header.
  assert.deepEqual([emile.mobile, emile.customFields['Téléphone']], [null, '+3223456789'])
  assert.equal(Object.keys(helene.customFields).length, 2)
  assert.equal(benoit.email, null)

  assert.deepEqual(errors(report), [
    [10, 'Téléphone', 'contacts.invalid_phone'],
    [11, 'E-mail', 'contacts.invalid_email'],
  ])
  const [phone, email] = report.errors
  assert.equal(phone.value, '12345')
  assert.equal(phone.message,
    'line 10, column "Téléphone": phone number "12345": not a valid number of BE (+32): wrong length or a prefix not in use')
  assert.equal(phone.reason, 'phone number "12345": not a valid number of BE (+32): wrong length or a prefix not in use')
  assert.ok(phone.error instanceof Error)
  assert.deepEqual([phone.error.code, phone.error.problem, phone.error.countryCode],
    ['contacts.invalid_phone', 'invalid_for_region', 32])
  assert.equal(email.value, 'cecile.moreau.example.be')
  // Line 9: line 6's mobile written 0477/11.22.33; its email differs from line 6's by the case of
  // the local part, so it is not the same email (only the domain's case is ignored).
  assert.deepEqual(report.duplicates, [
    { line: 9, firstLine: 6, key: 'mobile', column: 'Téléphone', value: '0477/11.22.33', resolution: 'keep_first' },
  ])
  assert.deepEqual(report.counts, {
    rows: 11, imported: 6, replaced: 0, merged: 0, duplicatesSkipped: 1, duplicatesReported: 0, rejected: 2, blank: 2,
  })
})

test('a path streams the file; the same report as its bytes', () => {
  const fromPath = importCsv(path('excel_fr_windows1252.csv'))
  const fromBytes = importCsv(new Uint8Array(fixture('excel_fr_windows1252.csv')))
  assert.deepEqual(fromPath.counts, fromBytes.counts)
  assert.deepEqual(fromPath.contacts.map((c) => c.toJson()), fromBytes.contacts.map((c) => c.toJson()))
  const missing = throwsCode(() => contacts.importCsv(path('no_such_file.csv')), 'contacts.import.read_failed')
  assert.match(missing.detail, /no_such_file\.csv/)
  throwsCode(() => contacts.importCsv(42), 'InvalidArg')
  throwsCode(() => contacts.importCsv(new Uint16Array(4)), 'InvalidArg')
})

test('Outlook: UTF-8 with BOM, languages, time zones, reported duplicates with their fields', () => {
  const report = importCsv(fixture('outlook_en_utf8_bom.csv'))
  assert.deepEqual([report.encoding, report.bom, report.delimiter], ['UTF-8', true, ','])
  assert.equal(report.columns[0].target, 'first_name')
  // Els (line 9) writes Anna's address with the local part in capitals: another address.
  assert.deepEqual(report.contacts.map((contact) => contact.firstName), ['Anna', 'Tom', 'Sophie', 'Els', 'Ruben'])
  const [anna, tom, sophie] = report.contacts
  assert.deepEqual([anna.language, anna.timeZone], ['nl', 'Europe/Brussels'])
  assert.equal(anna.customFields.Notes, 'Met "VIP" status')
  assert.equal(tom.language, 'en')
  assert.equal(tom.customFields.Notes, 'Line one\nLine two, with a comma')
  assert.deepEqual([sophie.language, sophie.mobile], ['fr', '+33612345678'])

  assert.deepEqual(errors(report), [
    [6, 'Mobile Phone', 'contacts.import.duplicate'],
    [7, 'Language', 'contacts.import.unknown_language'],
    [8, 'Time Zone', 'contacts.import.unknown_time_zone'],
    [10, null, 'contacts.import.ambiguous_duplicate'],
    [12, 'E-mail Address', 'contacts.import.duplicate'],
  ])
  const [mobile, language, zone, ambiguous, email] = report.errors
  assert.deepEqual([mobile.value, mobile.error.key, mobile.error.firstLine], ['0470 12 34 01', 'mobile', 2])
  assert.deepEqual([language.value, language.error.value], ['es', 'es'])
  assert.equal(zone.error.value, 'Mars/Olympus')
  // Line 12: Anna's address with the domain in capitals: the same address.
  assert.deepEqual([email.value, email.error.key, email.error.firstLine], ['anna.janssens@EXAMPLE.COM', 'email', 2])
  assert.deepEqual([ambiguous.error.emailLine, ambiguous.error.mobileLine], [3, 2])
  assert.equal(ambiguous.message, 'line 10: the email is that of the contact of line 3 and the mobile that of line 2')
  assert.deepEqual(report.counts, {
    rows: 10, imported: 5, replaced: 0, merged: 0, duplicatesSkipped: 0, duplicatesReported: 2, rejected: 3, blank: 0,
  })
})

test('merge_non_empty and keep_last update the earlier contact', () => {
  const bytes = fixture('outlook_en_utf8_bom.csv')
  const merged = importCsv(bytes, { duplicates: 'merge_non_empty' })
  // Line 6 (Jan, Anna's mobile with another email) is rejected; line 12 (Nina, Anna's email with
  // the domain in capitals) is merged.
  const anna = merged.contacts[0]
  assert.deepEqual([anna.firstName, anna.lastName, anna.email, anna.mobile],
    ['Nina', 'Jacobs', 'anna.janssens@example.com', '+32470123401'])
  assert.deepEqual([anna.language, anna.timeZone], ['nl', 'Europe/Brussels'])
  assert.deepEqual([anna.customFields.Company, anna.customFields.Notes], ['Acme', 'same email as Anna, the domain in capitals'])
  assert.deepEqual(merged.duplicates, [{
    line: 12, firstLine: 2, key: 'email', column: 'E-mail Address', value: 'anna.janssens@EXAMPLE.COM', resolution: 'merge_non_empty',
  }])
  assert.deepEqual([merged.counts.merged, merged.counts.imported, merged.counts.rejected], [1, 5, 4])

  const last = importCsv(bytes, { duplicates: 'keep_last' })
  assert.deepEqual([last.contacts[0].firstName, last.contacts[0].language, last.contacts[0].timeZone], ['Nina', null, null])
  // Jan's row replaced Anna's, but her email stays bound to the contact.
  assert.deepEqual(last.duplicates.map((row) => [row.line, row.firstLine, row.key, row.column, row.value, row.resolution]), [
    [6, 2, 'mobile', 'Mobile Phone', '0470 12 34 01', 'keep_last'],
    [12, 6, 'email', 'E-mail Address', 'anna.janssens@EXAMPLE.COM', 'keep_last'],
  ])
  assert.deepEqual([last.counts.replaced, last.counts.rejected], [2, 3])

  // The chunked form yields the updates: applied by the consumer, they give the report's contacts.
  const importer = new contacts.CsvImporter(bytes, { duplicates: 'merge_non_empty' })
  const store = []
  for (let chunk = importer.nextChunk(4); chunk.length > 0; chunk = importer.nextChunk(4)) {
    for (const outcome of chunk) {
      if (outcome.kind === 'imported') store[outcome.index] = outcome.contact
      if (outcome.kind === 'merged') {
        assert.deepEqual([outcome.line, outcome.index, outcome.firstLine, outcome.key, outcome.column, outcome.value],
          [12, 0, 2, 'email', 'E-mail Address', 'anna.janssens@EXAMPLE.COM'])
        store[outcome.index].mergeNonEmpty(outcome.update)
      }
    }
  }
  assert.deepEqual(store.map((contact) => contact.toJson()), merged.contacts.map((contact) => contact.toJson()))
})

test('NL tab export: blank lines and wrong field counts', () => {
  const report = importCsv(fixture('export_nl_tab.tsv'))
  assert.deepEqual([report.delimiter, report.encoding, report.bom], ['\t', 'UTF-8', false])
  assert.deepEqual(report.contacts.map((contact) => contact.firstName), ['Pieter', 'Griet', 'Joris', 'Sven', 'Ine'])
  assert.equal(report.contacts[1].mobile, '+31612345678')
  assert.equal(report.contacts[1].language, 'nl')
  // Line 5 has 3 fields of 6 (trailing empty cells dropped): the missing ones are empty.
  const joris = report.contacts[2]
  assert.deepEqual([joris.mobile, joris.email, joris.language, joris.customFields], ['+32486654321', null, null, {}])
  assert.equal(report.contacts[4].language, 'nl')
  assert.equal(report.contacts[3].customFields.Klantnummer, 'K-005')
  // Too many fields, one of the extra not empty, is still an error.
  assert.deepEqual(errors(report), [[6, null, 'contacts.import.field_count']])
  const [many] = report.errors
  assert.deepEqual([many.error.expected, many.error.found], [6, 7])
  assert.equal(many.value, 'Lotte\tPeeters\t0487 11 11 11\tlotte@example.nl\tnl\tK-004\textra')
  assert.deepEqual([report.counts.rows, report.counts.imported, report.counts.rejected, report.counts.blank], [9, 5, 1, 3])
})

test('German headers and the default region', () => {
  const german = importCsv(fixture('kunden_de.csv'), { defaultRegion: 'DE' })
  assert.deepEqual(german.columns.map((column) => column.target), [
    { custom: 'Anrede' }, 'first_name', 'last_name', 'mobile', 'email', 'language', 'time_zone', { custom: 'Straße' },
  ])
  assert.deepEqual(german.contacts.map((contact) => contact.mobile), ['+4915123456789', '+491609876543', '+491711234567'])
  assert.ok(german.contacts.every((contact) => contact.language === 'de'))
  assert.equal(german.contacts[1].customFields['Straße'], 'Weißdornweg 12\r\n2. Etage')
  const belgian = importCsv(fixture('kunden_de.csv'))
  assert.deepEqual(errors(belgian), [[2, 'Handy', 'contacts.invalid_phone']])
  throwsCode(() => contacts.importCsv(fixture('kunden_de.csv'), { defaultRegion: 'XX' }), 'contacts.unknown_region')
})

test('a mobile-specific column outranks a generic phone column; two of one rank stop the import', () => {
  const bytes = fixture('two_phone_columns.csv')
  // GSM is the mobile; Téléphone, a generic name, is a custom field kept as written.
  const guessed = importCsv(bytes)
  assert.deepEqual([guessed.columns[2].target, guessed.columns[3].target], [{ custom: 'Téléphone' }, 'mobile'])
  assert.ok(guessed.columns[2].guessed)
  assert.equal(guessed.contacts[0].mobile, '+32475123456')
  assert.equal(guessed.contacts[0].customFields['Téléphone'], '02 345 67 89')
  // Two names of one rank, or a mapped column and a guessed one, still stop it, naming both.
  const error = throwsCode(() => contacts.importCsv(Buffer.from('GSM;Handy\n')), 'contacts.import.duplicate_column')
  assert.deepEqual([error.target, error.first, error.firstPosition, error.second, error.secondPosition],
    ['mobile', 'GSM', 1, 'Handy', 2])
  throwsCode(() => contacts.importCsv(bytes, { mapping: { 'Téléphone': 'mobile' } }), 'contacts.import.duplicate_column')
  // A mapping still overrides the guess.
  const report = importCsv(bytes, { mapping: { 'Téléphone': { custom: 'Téléphone fixe' } } })
  assert.equal(report.contacts[0].mobile, '+32475123456')
  assert.equal(report.contacts[0].customFields['Téléphone fixe'], '02 345 67 89')
  assert.deepEqual([report.columns[2].guessed, report.columns[3].guessed], [false, true])
  const ignored = importCsv(bytes, { mapping: { 'Téléphone': null, GSM: 'mobile' } })
  assert.equal(ignored.columns[2].target, null)
  assert.equal(ignored.contacts[0].customFields['Téléphone'], undefined)
})

test('Excel Unicode text is UTF-16LE', () => {
  const report = importCsv(fixture('excel_unicode_utf16le.txt'))
  assert.deepEqual([report.encoding, report.delimiter], ['UTF-16LE', '\t'])
  assert.equal(report.contacts[0].firstName, 'Amélie')
  assert.deepEqual(report.contacts.map((contact) => contact.mobile), ['+32472102030', '+33781234567'])
})

test('what stops an import: every contacts.import code with its fields', () => {
  throwsCode(() => contacts.importCsv(Buffer.from('')), 'contacts.import.no_header')
  throwsCode(() => contacts.importCsv(Buffer.from('\r\n\n')), 'contacts.import.no_header')
  const noAddress = throwsCode(() => contacts.importCsv(Buffer.from('Jan;Peeters;0475123456\n')),
    'contacts.import.no_address_column')
  assert.deepEqual(noAddress.headers, ['Jan', 'Peeters', '0475123456'])
  const unknownColumn = throwsCode(() => contacts.importCsv(Buffer.from('GSM,Email\n'), { mapping: { Gsm: null } }),
    'contacts.import.unknown_mapping_column')
  assert.deepEqual([unknownColumn.column, unknownColumn.headers], ['Gsm', ['GSM', 'Email']])
  const field = throwsCode(() => contacts.importCsv(Buffer.from('GSM,Email\n'), { mapping: { GSM: 'phone' } }),
    'contacts.import.unknown_field')
  assert.equal(field.value, 'phone')
  const delimiter = throwsCode(() => contacts.importCsv(Buffer.from('Email\n'), { delimiter: '"' }),
    'contacts.import.invalid_delimiter')
  assert.equal(delimiter.value, '"')
  const malformed = throwsCode(() => contacts.importCsv(Buffer.from('\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a', 'latin1')),
    'contacts.import.malformed_text')
  assert.equal(malformed.detail, 'not UTF-16LE text at byte 14')
  assert.equal(malformed.message, 'import: not UTF-16LE text at byte 14')
  throwsCode(() => contacts.importCsv(Buffer.from('Email\n'), { delimiter: ';;' }), 'InvalidArg')
  throwsCode(() => contacts.importCsv(Buffer.from('Email\n'), { duplicates: 'skip' }), 'InvalidArg')
  throwsCode(() => contacts.importCsv(Buffer.from('Email\n'), { dedupe: 'report' }), 'InvalidArg')
  throwsCode(() => contacts.importCsv(Buffer.from('Email\n'), { mapping: { Email: 7 } }), 'InvalidArg')
})

test('row problems: no address, several problems in a row, mixed encodings, a long value', () => {
  const noAddress = importCsv(Buffer.from('Nom;Téléphone\nDupont;02 345 67 89\n'))
  assert.deepEqual(errors(noAddress), [[2, null, 'contacts.import.no_address']])
  assert.equal(noAddress.errors[0].value, 'Dupont;02 345 67 89')
  const both = importCsv(Buffer.from('Email;GSM\nnope;12\n'))
  assert.deepEqual(errors(both), [[2, 'Email', 'contacts.invalid_email'], [2, 'GSM', 'contacts.invalid_phone']])
  assert.equal(both.counts.rejected, 1)
  const rows = ['Email;Nom', 'a@example.be;Hélène']
  for (let row = 0; row < 200; row += 1) rows.push(`p${row}@example.be;Peeters`)
  const mixed = Buffer.concat([Buffer.from(rows.join('\n') + '\n'), Buffer.from('c@example.be;Ren\xe9\n', 'latin1')])
  const report = importCsv(mixed)
  assert.deepEqual(errors(report), [[203, 'Nom', 'contacts.import.invalid_text']])
  assert.equal(report.errors[0].value, 'Ren\ufffd')
  const long = importCsv(Buffer.from(`Email\n${'x'.repeat(5000)}\n`))
  assert.equal([...long.errors[0].value].length, 200)
  const piped = importCsv(Buffer.from('Email|Nom;Prénom\na@example.be|Peeters;Jan\n'), { delimiter: '|' })
  assert.equal(piped.contacts[0].customFields['Nom;Prénom'], 'Peeters;Jan')
})

test('CsvImporter: chunks in file order, the same outcomes as one import, then nothing', () => {
  const bytes = fixture('excel_fr_windows1252.csv')
  const importer = new contacts.CsvImporter(bytes)
  assert.deepEqual([importer.delimiter, importer.encoding], [';', 'windows-1252'])
  assert.equal(importer.columns[4].target.custom, 'Société')
  const outcomes = []
  for (let chunk = importer.nextChunk(3); chunk.length > 0; chunk = importer.nextChunk(3)) {
    assert.ok(chunk.length <= 3)
    outcomes.push(...chunk)
  }
  assert.deepEqual(importer.nextChunk(10), [])
  assert.deepEqual(outcomes.map((outcome) => [outcome.line, outcome.kind === 'rejected' ? outcome.errors[0].code : outcome.kind]), [
    [2, 'imported'], [3, 'imported'], [5, 'blank'], [6, 'imported'], [7, 'blank'], [8, 'imported'],
    [9, 'contacts.import.duplicate'], [10, 'contacts.invalid_phone'], [11, 'contacts.invalid_email'],
    [12, 'imported'], [13, 'imported'],
  ])
  assert.deepEqual(outcomes[0].index, 0)
  assert.equal(outcomes[0].contact.firstName, 'Hélène')
  assert.equal(importer.counts.rows, outcomes.length)
  assert.equal(importer.counts.duplicatesReported, 1)

  const skipped = new contacts.CsvImporter(path('excel_fr_windows1252.csv'), { duplicates: 'keep_first' })
  const duplicate = skipped.nextChunk(100).find((outcome) => outcome.kind === 'duplicate_skipped')
  assert.deepEqual(duplicate,
    { kind: 'duplicate_skipped', line: 9, index: 2, firstLine: 6, key: 'mobile', column: 'Téléphone', value: '0477/11.22.33' })
  const replaced = new contacts.CsvImporter(fixture('outlook_en_utf8_bom.csv'), { duplicates: 'keep_last' })
    .nextChunk(100).filter((outcome) => outcome.kind === 'replaced')
  assert.deepEqual(replaced.map((outcome) => [
    outcome.line, outcome.index, outcome.replacedLine, outcome.key, outcome.column, outcome.value, outcome.contact.firstName,
  ]), [
    [6, 0, 2, 'mobile', 'Mobile Phone', '0470 12 34 01', 'Jan'],
    [12, 0, 6, 'email', 'E-mail Address', 'anna.janssens@EXAMPLE.COM', 'Nina'],
  ])

  throwsCode(() => new contacts.CsvImporter(Buffer.from('Jan;Peeters\n')), 'contacts.import.no_address_column')
  throwsCode(() => importer.nextChunk(-1), 'InvalidArg')
  throwsCode(() => importer.nextChunk(1.5), 'InvalidArg')
  assert.throws(() => contacts.CsvImporter(bytes), TypeError)
  // Malformed UTF-16 after the header: the chunk that reaches it throws.
  const late = new contacts.CsvImporter(Buffer.from('\xff\xfeE\x00m\x00a\x00i\x00l\x00\n\x00a', 'latin1'))
  throwsCode(() => late.nextChunk(10), 'contacts.import.malformed_text')
})

test('an unterminated quote rejects its row with quoteLine; the lines after it are read again', () => {
  const bytes = fixture('unterminated_quote.csv')
  // Line 2 spans lines 2–3 (a closed quote); the row of line 4 opens a quote on line 5 that the
  // file never closes: it ends with line 5, and lines 6 and 7 are rows again.
  const outcomes = new contacts.CsvImporter(bytes).nextChunk(100)
  assert.deepEqual(outcomes.map((outcome) => [outcome.line, outcome.kind]),
    [[2, 'imported'], [4, 'rejected'], [6, 'imported'], [7, 'imported']])
  const report = importCsv(bytes)
  assert.deepEqual(errors(report), [[4, 'Remarque', 'contacts.import.unterminated_quote']])
  const [quote] = report.errors
  assert.deepEqual([quote.value, quote.error.quoteLine, quote.error.code], ['à rappeler', 5, 'contacts.import.unterminated_quote'])
  assert.equal(quote.message, 'line 4, column "Remarque": a quote opened on line 5 is not closed within 262144 bytes '
    + 'or before the end of the file; the row ends with that line and the next lines are read as rows')
  assert.deepEqual(outcomes[1].errors.map((error) => error.error.quoteLine), [5])
  assert.equal(report.contacts[1].firstName, 'Émile')
  assert.equal(report.contacts[2].customFields.Remarque, 'Cliente fidèle')
  assert.deepEqual([report.counts.rows, report.counts.imported, report.counts.rejected], [4, 3, 1])
  // The last line's quote, alone.
  const last = importCsv(Buffer.from('Email;Nom\na@example.be;"Peeters'))
  assert.deepEqual(errors(last), [[2, 'Nom', 'contacts.import.unterminated_quote']])
  assert.deepEqual([last.errors[0].value, last.errors[0].error.quoteLine], ['Peeters', 2])
})

test('a row too long is rejected with limit; reading resumes at the next line', () => {
  const report = importCsv(Buffer.from(`Email;Nom\na@example.be;${'x'.repeat(262144)}\nb@example.be;Maes\n`))
  assert.deepEqual(errors(report), [[2, null, 'contacts.import.row_too_long']])
  const [long] = report.errors
  assert.ok(long.value.startsWith('a@example.be;xxx'))
  assert.deepEqual([long.error.limit, long.reason], [262144, 'longer than 262144 bytes; a contact row never is'])
  assert.equal(report.contacts[0].lastName, 'Maes')
  // In the header, both stop the import with the same codes and fields.
  const quote = throwsCode(() => contacts.importCsv(Buffer.from('Email;"Nom\na@example.be;Peeters\n')),
    'contacts.import.unterminated_quote')
  assert.equal(quote.quoteLine, 1)
  const header = throwsCode(() => new contacts.CsvImporter(Buffer.from(`Email;${'N'.repeat(262144)}\n`)),
    'contacts.import.row_too_long')
  assert.equal(header.limit, 262144)
  assert.equal(header.message, 'import: the header line is longer than 262144 bytes; the first line must name the columns')
})

test('merge_non_empty keeps the first address: a conflicting row is rejected with key and firstLine', () => {
  const merged = importCsv(fixture('outlook_en_utf8_bom.csv'), { duplicates: 'merge_non_empty' })
  // Line 6: Anna's mobile, but jan.desmet@example.com where Anna has her own address.
  const [conflict] = merged.errors
  assert.deepEqual([conflict.line, conflict.column, conflict.value, conflict.code],
    [6, 'E-mail Address', 'jan.desmet@example.com', 'contacts.import.conflicting_email'])
  assert.deepEqual([conflict.error.code, conflict.error.key, conflict.error.firstLine], ['contacts.import.conflicting_email', 'email', 2])
  assert.equal(conflict.message, 'line 6, column "E-mail Address": another email than the contact of line 2, which this row '
    + 'matches by mobile; the first is kept, merge by hand if they are one person')
  assert.ok(merged.contacts.every((contact) => contact.firstName !== 'Jan'))

  // The reverse: the same email, another mobile than the contact's; chunk by chunk too.
  const csv = Buffer.from('Email;GSM;Nom\nann@example.be;0475 12 34 56;Peeters\nann@example.be;0476 12 34 56;Maes\nann@example.be;;Claes\n')
  const report = importCsv(csv, { duplicates: 'merge_non_empty' })
  assert.deepEqual(errors(report), [[3, 'GSM', 'contacts.import.conflicting_mobile']])
  assert.deepEqual([report.errors[0].value, report.errors[0].error.key, report.errors[0].error.firstLine], ['0476 12 34 56', 'mobile', 2])
  assert.deepEqual([report.contacts[0].mobile, report.contacts[0].lastName], ['+32475123456', 'Claes'])
  const outcomes = new contacts.CsvImporter(csv, { duplicates: 'merge_non_empty' }).nextChunk(10)
  assert.deepEqual(outcomes.map((outcome) => outcome.kind), ['imported', 'rejected', 'merged'])
  assert.equal(outcomes[1].errors[0].code, 'contacts.import.conflicting_mobile')
  assert.deepEqual([outcomes[2].column, outcomes[2].value, outcomes[2].key], ['Email', 'ann@example.be', 'email'])
})

test('Google Contacts export: ranked names, second addresses custom, a fixed line kept', () => {
  const report = importCsv(fixture('google_contacts.csv'))
  assert.deepEqual(report.columns.filter((column) => typeof column.target === 'string')
    .map((column) => [column.header, column.target]), [
    ['Given Name', 'first_name'], ['Family Name', 'last_name'], ['E-mail 1 - Value', 'email'], ['Phone 1 - Value', 'mobile'],
  ])
  const [sarah, koen, ilse] = report.contacts
  // `Name` (the full name) loses the last name to `Family Name`; the second addresses are custom.
  assert.deepEqual([sarah.firstName, sarah.lastName, sarah.mobile], ['Sarah', 'Vermeersch', '+32478123456'])
  assert.deepEqual([sarah.customFields.Name, sarah.customFields['Phone 2 - Value']], ['Sarah Vermeersch', '+32 9 123 45 67'])
  assert.equal(koen.customFields['E-mail 2 - Value'], 'koen.dw@example.com')
  // Koen's first phone is a fixed line: kept in E.164 under its header, no mobile.
  assert.deepEqual([koen.mobile, koen.customFields['Phone 1 - Value']], [null, '+3292345678'])
  assert.equal(koen.customFields.Notes, 'Vraagt een offerte, per mail')
  assert.equal(ilse.mobile, '+32479654321')
  assert.deepEqual([report.errors, report.counts.imported], [[], 3])
})

test('Outlook desktop export: Windows-1252, 61 columns, Business and Home phones custom', () => {
  const report = importCsv(fixture('outlook_export_windows1252.csv'))
  assert.deepEqual([report.encoding, report.delimiter, report.columns.length], ['windows-1252', ',', 61])
  assert.deepEqual(report.columns.filter((column) => typeof column.target === 'string')
    .map((column) => [column.header, column.target]), [
    ['First Name', 'first_name'], ['Last Name', 'last_name'], ['E-mail Address', 'email'], ['Mobile Phone', 'mobile'],
  ])
  const [marc, second, third] = report.contacts
  assert.deepEqual([marc.firstName, marc.lastName, marc.mobile], ['Marc', 'Lemaire', '+32475556677'])
  assert.deepEqual([marc.customFields['Business Phone'], marc.customFields['Business City']], ['+32 2 555 12 34', 'Liège'])
  assert.deepEqual([second.mobile, second.customFields['Home Phone']], [null, '010 45 67 89'])
  assert.deepEqual([third.lastName, third.mobile], ['Noël', '+32476334455'])
  assert.deepEqual([report.errors, report.counts.imported], [[], 3])
})

test('smsOption: new contacts get the account option’s preferences', () => {
  const csv = Buffer.from('GSM;Email\n0475 12 34 56;a@example.be\n')
  const preferences = (contact) => [contact.preferences.email, contact.preferences.sms]
  assert.deepEqual(preferences(importCsv(csv).contacts[0]), [true, false])
  const on = new contacts.AccountSmsOption(true)
  const report = importCsv(csv, { smsOption: on })
  assert.deepEqual(report.contacts[0].preferences, on.newContactPreferences())
  assert.deepEqual(preferences(report.contacts[0]), [true, true])
  assert.deepEqual(preferences(importCsv(csv, { smsOption: { enabled: true, changedAt: '2026-03-02T09:00:00Z' } }).contacts[0]), [true, true])
  assert.deepEqual(preferences(importCsv(csv, { smsOption: { enabled: false } }).contacts[0]), [true, false])
  assert.deepEqual(preferences(importCsv(csv, { smsOption: null }).contacts[0]), [true, false])
  const [outcome] = new contacts.CsvImporter(csv, { smsOption: on }).nextChunk(1)
  assert.deepEqual(preferences(outcome.contact), [true, true])
  throwsCode(() => contacts.importCsv(csv, { smsOption: true }), 'InvalidArg')
  throwsCode(() => contacts.importCsv(csv, { smsOption: { on: true } }), 'InvalidArg')
})
