// post: letters (SPEC section 9, issue 8) through Node: the quote, every limit at its boundary,
// every postage rule, the country line in four languages, dates, PDFs, jobs and their states
// (with the approval step), registered mail and retention. Mirrors bindings-python/tests/test_post.py.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { post, tracking } from '../index.js'
import { throwsCode } from './helpers.mjs'

// Tuesday 10 March 2026, 10:00 in Brussels (UTC+1).
const AT = '2026-03-10T09:00:00Z'
const GHENT = ['Marie Janssens', 'Kerkstraat 5', '9000 GENT']
const AMSTERDAM = ['Jan de Vries', 'Keizersgracht 1', '1015 CJ AMSTERDAM', 'PAYS-BAS']

const a4 = (pages, name) => (name === undefined ? { pages } : { pages, name })

/** `post.quote` with a one-page letter to Ghent submitted at AT, unless told otherwise. */
const quote = (documents, options = {}) =>
  post.quote(documents ?? [a4(1)], { postage: 'prior', address: GHENT, submittedAt: AT, ...options })

/** A minimal PDF with one page per [width, height] in points, with a correct xref table. */
function makePdf(...pages) {
  const kids = pages.map((_, index) => `${3 + index} 0 R`).join(' ')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    ...pages.map(([w, h]) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] >>`),
  ]
  let out = '%PDF-1.7\n'
  const offsets = []
  objects.forEach((body, index) => {
    offsets.push(out.length)
    out += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}
const A4_POINTS = [595, 842]
const LETTER_POINTS = [612, 792]

// ---- The issue's surface, end to end ------------------------------------------------------------

test('the quote of the issue', () => {
  const q = post.quote([{ pages: 3 }, { pages: 1 }], {
    color: false, duplex: false, postage: 'prior', acknowledgement: false, envelope: null,
    address: ['Marie Janssens', 'Kerkstraat 5', '1000 BRUSSEL'], returnAddress: null, submittedAt: AT,
  })
  assert.deepEqual(q, {
    sheets: 4, envelope: 'us', format: 'small',
    paperGrams: '19.9584', // 4 × 80 g/m² × 0.06237 m²
    weightGrams: '24.9584', // + the US envelope, 5 g
    weightBandGrams: 50, country: 'BE', countryLine: null, postage: 'prior',
    submittedOn: '2026-03-10', handoverDate: '2026-03-10', deliveryDate: '2026-03-11', deliveryRange: null,
    documentsKeptUntil: '2026-05-09', registeredSummaryKeptUntil: null, depositReceiptKeptUntil: null,
    claimDeadline: null,
  })
})

test('an international letter has a delivery range', () => {
  const q = quote([a4(2)], { address: AMSTERDAM })
  assert.deepEqual([q.country, q.countryLine, q.postage], ['NL', 3, 'prior_international'])
  assert.equal(q.deliveryDate, null)
  assert.deepEqual(q.deliveryRange, { earliest: '2026-03-13', latest: '2026-03-17' })
  assert.deepEqual(quote([a4(2)], { address: AMSTERDAM, postage: 'prior_international' }), q)
})

test('a registered letter has its deadlines; non-prior takes three business days', () => {
  const q = quote([a4(2)], { postage: 'registered', returnAddress: ['Envoi SA', '1000 BRUXELLES'], acknowledgement: true })
  assert.deepEqual([q.postage, q.handoverDate, q.deliveryDate], ['registered', '2026-03-10', '2026-03-11'])
  assert.equal(q.registeredSummaryKeptUntil, '2026-05-09')
  assert.equal(q.depositReceiptKeptUntil, '2029-03-10')
  assert.equal(q.claimDeadline, '2027-03-10')
  assert.equal(quote(undefined, { postage: 'non_prior' }).deliveryDate, '2026-03-13')
})

test('colour paper is heavier', () => {
  const q = quote([a4(7)], { color: true })
  assert.deepEqual([q.sheets, q.envelope, q.format], [7, 'c5', 'large'])
  assert.equal(q.paperGrams, '39.2931') // 7 × 90 g/m² × 0.06237 m²
  assert.equal(q.weightGrams, '46.2931') // + C5, 7 g
  assert.equal(q.weightBandGrams, 100)
})

test('country and destination', () => {
  assert.equal(post.country('PAYS-BAS'), 'NL')
  assert.deepEqual(post.destination(['Jan de Vries', '1015 CJ AMSTERDAM', 'NEDERLAND']), { country: 'NL', countryLine: 2 })
  assert.deepEqual(post.destination(['Léa Dubois', 'Rue Neuve 1', '1000 BRUXELLES', '']), { country: 'BE', countryLine: null })
  assert.deepEqual(post.destination([]), { country: 'BE', countryLine: null })
})

// ---- Sheets and envelopes at their boundaries ---------------------------------------------------

for (const [pages, envelope, format] of [
  [1, 'us', 'small'], [6, 'us', 'small'], [7, 'c5', 'large'], [8, 'c5', 'large'], [9, 'c4', 'large'], [25, 'c4', 'large'],
]) {
  test(`${pages} sheets go in ${envelope}`, () => {
    const q = quote([a4(pages)])
    assert.deepEqual([q.sheets, q.envelope, q.format], [pages, envelope, format])
  })
}

test('26 sheets is one too many', () => {
  const error = throwsCode(() => quote([a4(20), a4(6, 'flyer')]), 'post.too_many_sheets')
  assert.deepEqual([error.sheets, error.max, error.over], [26, 25, 1])
  assert.match(error.message, /26 sheets, 1 over the limit of 25/)
  assert.equal(post.MAX_SHEETS, 25)
})

test('duplex puts two pages on a sheet and each document starts a new one', () => {
  assert.equal(quote([a4(13)], { duplex: true }).sheets, 7) // an odd last page takes its own sheet
  assert.equal(quote([a4(13)], { duplex: true }).envelope, 'c5')
  assert.equal(quote([a4(12)], { duplex: true }).envelope, 'us')
  assert.equal(quote([a4(3), a4(1, 'flyer')], { duplex: true }).sheets, 3)
  assert.equal(quote([a4(50)], { duplex: true }).sheets, 25)
  assert.equal(throwsCode(() => quote([a4(51)], { duplex: true }), 'post.too_many_sheets').sheets, 26)
})

test('a forced envelope', () => {
  assert.equal(quote([a4(2)], { envelope: 'c4' }).envelope, 'c4')
  const error = throwsCode(() => quote([a4(7)], { envelope: 'us' }), 'post.envelope_too_small')
  assert.deepEqual(
    [error.envelope, error.capacity, error.sheets, error.over, error.smallestFitting], ['us', 6, 7, 1, 'c5'])
  assert.equal(throwsCode(() => quote([a4(9)], { envelope: 'c5' }), 'post.envelope_too_small').smallestFitting, 'c4')
  throwsCode(() => quote([a4(26)], { envelope: 'c4' }), 'post.too_many_sheets')
})

test('a background adds no sheet', () => {
  const plain = quote([a4(6)])
  const withBackground = quote([a4(6)], { background: { pages: 1 } })
  assert.deepEqual([withBackground.sheets, withBackground.envelope], [6, 'us'])
  assert.equal(withBackground.weightGrams, plain.weightGrams)
  assert.equal(throwsCode(() => quote([a4(1)], { background: { pages: 2 } }), 'post.background_not_one_page').pages, 2)
  const error = throwsCode(() => quote([a4(1)], { background: { pageSizesMm: [[148, 210]] } }), 'post.not_a4')
  assert.deepEqual([error.document, error.documentName], ['background', null])
})

// ---- Documents: pages and their sizes -----------------------------------------------------------

test('page sizes', () => {
  assert.equal(quote([{ pageSizesMm: [[210, 297], [297, 210], ['212', '295.5']] }]).sheets, 3)
  const error = throwsCode(
    () => quote([a4(2), { pageSizesMm: [[210, 297], ['215.9', '279.4']], name: 'scan' }]), 'post.not_a4')
  assert.deepEqual([error.document, error.documentName, error.page], [1, 'scan', 2])
  assert.deepEqual([error.widthMm, error.heightMm, error.size], ['215.9', '279.4', ['215.9', '279.4']])
  assert.ok(error.message.startsWith('documents[1] (scan), page 2: 215.9 × 279.4 mm is not A4'))
  for (const size of [[213, 297], [148, 210], [210, 300]]) {
    const e = throwsCode(() => quote([{ pageSizesMm: [size] }]), 'post.not_a4')
    assert.deepEqual([e.document, e.page], [0, 1])
  }
})

test('an empty document', () => {
  const error = throwsCode(() => quote([a4(2), a4(0, 'flyer')]), 'post.empty_document')
  assert.deepEqual([error.document, error.documentName], [1, 'flyer'])
  assert.equal(error.message, 'documents[1] (flyer): no page; every document has at least one page')
  throwsCode(() => quote([{ pageSizesMm: [] }]), 'post.empty_document')
  throwsCode(() => quote([]), 'post.no_documents')
})

test('a fractional page count or size is refused, never rounded', () => {
  const error = throwsCode(() => quote([a4(1), { pages: 3.5 }]), 'InvalidArg')
  assert.match(error.message, /documents\[1\]\.pages: expected a whole number of A4 pages, got 3.5/)
  throwsCode(() => quote([{ pages: '3' }]), 'InvalidArg')
  throwsCode(() => quote([{ pages: true }]), 'InvalidArg')
  const size = throwsCode(() => quote([{ pageSizesMm: [[210, 296.5]] }]), 'InvalidArg')
  assert.match(size.message, /pageSizesMm\[0\]\[1\]: .* write '296.5'/)
  const notDecimal = throwsCode(() => quote([{ pageSizesMm: [[210, '29,7']] }]), 'money.invalid_amount')
  assert.equal(notDecimal.field, 'documents[0].pageSizesMm[0][1]')
})

test('documents and arguments of the wrong shape', () => {
  const cases = [
    [{ pages: 3 }, /documents: expected an array of documents/],
    [[3], /documents\[0\]: expected \{ pages: 3 \}/],
    [[{ pages: -1 }], /documents\[0\]\.pages: -1 is negative/],
    [[{ pages: 2 ** 40 }], /more than envoi counts/],
    [[{ pages: 1, pageSizesMm: [[210, 297]] }], /exactly one of/],
    [[{ name: 'flyer' }], /exactly one of/],
    [[{ pages: 1, colour: true }], /unknown field "colour"/],
    [[{ pages: 1, name: 3 }], /documents\[0\]\.name: expected a string/],
    [[{ pageSizesMm: [[210]] }], /pageSizesMm\[0\]: expected a \[widthMm, heightMm\] pair/],
    [[{ pageSizesMm: 'A4' }], /pageSizesMm: expected an array/],
    [[{ pdf: 'letter.pdf' }], /documents\[0\]\.pdf: expected the bytes of a PDF/],
  ]
  for (const [documents, message] of cases) {
    assert.match(throwsCode(() => post.quote(documents, { postage: 'prior', address: GHENT, submittedAt: AT }), 'InvalidArg').message, message)
  }
  assert.match(throwsCode(() => quote(undefined, { address: '9000 GENT' }), 'InvalidArg').message, /address: expected an array of address lines/)
  assert.match(throwsCode(() => quote(undefined, { address: ['Marie', 9000] }), 'InvalidArg').message, /address\[1\]: expected a string/)
  assert.match(throwsCode(() => quote(undefined, { postage: 'priority' }), 'InvalidArg').message, /postage: unknown value "priority"; expected one of 'prior'/)
  assert.match(throwsCode(() => quote(undefined, { envelope: 'dl' }), 'InvalidArg').message, /envelope: unknown value "dl"/)
  assert.match(throwsCode(() => quote(undefined, { colour: true }), 'InvalidArg').message, /unknown field "colour"/)
  assert.match(throwsCode(() => quote(undefined, { deliveryClosedDays: [new Date()] }), 'InvalidArg').message, /deliveryClosedDays\[0\]: .*a Date is an instant, not a day/)
  assert.match(throwsCode(() => post.quote([a4(1)], { address: GHENT, submittedAt: AT }), 'InvalidArg').message, /options\.postage: is required/)
})

// ---- PDFs ---------------------------------------------------------------------------------------

test('the page sizes of a PDF', () => {
  const sizes = post.pdfPageSizes(makePdf(A4_POINTS, [842, 595], LETTER_POINTS))
  assert.deepEqual(sizes, [['209.9028', '297.0389'], ['297.0389', '209.9028'], ['215.9', '279.4']])
  assert.deepEqual(post.pdfPageSizes(new Uint8Array(makePdf(A4_POINTS))), sizes.slice(0, 1))
  throwsCode(() => post.pdfPageSizes(Buffer.from('garbage')), 'post.pdf_corrupt')
  assert.match(throwsCode(() => post.pdfPageSizes('letter.pdf'), 'InvalidArg').message, /data: expected the bytes of a PDF/)
})

test('a PDF is a document', () => {
  const three = makePdf(A4_POINTS, A4_POINTS, [842, 595])
  assert.equal(quote([three]).sheets, 3)
  assert.equal(quote([three], { duplex: true }).sheets, 2)
  assert.equal(quote([{ pdf: new Uint8Array(three), name: 'letter' }, a4(1)]).sheets, 4)
  assert.equal(quote([a4(1)], { background: makePdf(A4_POINTS) }).sheets, 1)
})

test('a PDF page that is not A4, or a corrupt PDF, names the document', () => {
  const error = throwsCode(() => quote([a4(1), { pdf: makePdf(A4_POINTS, LETTER_POINTS), name: 'scan' }]), 'post.not_a4')
  assert.deepEqual([error.document, error.documentName, error.page, error.size], [1, 'scan', 2, ['215.9', '279.4']])
  const corrupt = throwsCode(() => quote([a4(1), Buffer.from('%PDF-1.7 garbage')]), 'post.pdf_corrupt')
  assert.deepEqual([corrupt.document, corrupt.documentName], [1, null])
  assert.match(corrupt.reason, /invalid file header/)
  assert.ok(corrupt.message.startsWith('documents[1]: pdf: the file is not a readable PDF'))
  const noPages = throwsCode(() => quote([{ pdf: makePdf(), name: 'empty' }]), 'post.pdf_no_pages')
  assert.deepEqual([noPages.document, noPages.documentName], [0, 'empty'])
  assert.equal(noPages.message, 'documents[0] (empty): pdf: the file has no pages')
})

// ---- Postage rules ------------------------------------------------------------------------------

test('the postage rules', () => {
  const abroad = throwsCode(() => quote(undefined, { postage: 'registered', returnAddress: ['Envoi SA'], address: AMSTERDAM }), 'post.registered_national_only')
  assert.equal(abroad.country, 'NL')
  throwsCode(() => quote(undefined, { postage: 'registered' }), 'post.return_address_required')
  throwsCode(() => quote(undefined, { postage: 'registered', returnAddress: ['  '] }), 'post.return_address_required')
  assert.match(throwsCode(() => quote(undefined, { postage: 'rp' }), 'post.rp_not_available').message, /administrations/)
  assert.equal(throwsCode(() => quote(undefined, { acknowledgement: true }), 'post.acknowledgement_registered_only').postage, 'prior')
  assert.equal(throwsCode(() => quote(undefined, { postage: 'non_prior', address: AMSTERDAM }), 'post.non_prior_national_only').country, 'NL')
  throwsCode(() => quote(undefined, { postage: 'prior_international' }), 'post.prior_international_abroad_only')
  throwsCode(() => quote(undefined, { address: ['', ' '] }), 'post.empty_address')
  const noData = throwsCode(() => quote(undefined, { address: ['Jane Doe', 'NEW YORK NY 10001', 'ETATS-UNIS'] }), 'post.no_delivery_data')
  assert.deepEqual([noData.country, noData.verifiedOn], ['US', '2026-11-30'])
})

// ---- The country line ---------------------------------------------------------------------------

const NAMES = [
  // French, Dutch, German, English
  ['PAYS-BAS', 'NL'], ['NEDERLAND', 'NL'], ['NIEDERLANDE', 'NL'], ['NETHERLANDS', 'NL'],
  ['ALLEMAGNE', 'DE'], ['DUITSLAND', 'DE'], ['DEUTSCHLAND', 'DE'], ['GERMANY', 'DE'],
  ['ROYAUME-UNI', 'GB'], ['VERENIGD KONINKRIJK', 'GB'], ['VEREINIGTES KÖNIGREICH', 'GB'], ['UNITED KINGDOM', 'GB'],
  ['SUISSE', 'CH'], ['ZWITSERLAND', 'CH'], ['SCHWEIZ', 'CH'], ['SWITZERLAND', 'CH'],
  ["CÔTE D'IVOIRE", 'CI'], ['IVOORKUST', 'CI'], ['ELFENBEINKÜSTE', 'CI'], ['IVORY COAST', 'CI'],
  // with and without accents, spaces for hyphens, aliases
  ['ÉTATS-UNIS', 'US'], ['ETATS UNIS', 'US'], ['VERENIGDE STATEN', 'US'], ['VEREINIGTE STAATEN', 'US'], ['USA', 'US'],
  ['THE NETHERLANDS', 'NL'], ['GROSSBRITANNIEN', 'GB'], ['GROßBRITANNIEN', 'GB'],
  ['BELGIQUE', 'BE'], ['BELGIË', 'BE'], ['BELGIEN', 'BE'], ['BELGIUM', 'BE'],
]

test('country names in the four languages', () => {
  for (const [name, code] of NAMES) {
    assert.equal(post.country(name), code, name)
    assert.equal(post.destination(['Someone', 'Somewhere 1', name]).country, code, name)
  }
  assert.deepEqual(['fr', 'nl', 'de', 'en'].map((language) => post.countryName('NL', language)),
    ['Pays-Bas', 'Nederland', 'Niederlande', 'Netherlands'])
  assert.equal(post.countryName('nl'), 'Netherlands')
  assert.match(throwsCode(() => post.countryName('NLD'), 'InvalidArg').message, /not an ISO 3166-1 alpha-2 code/)
  throwsCode(() => post.countryName('NL', 'es'), 'language.unsupported')
})

test('country line errors name the line and propose', () => {
  const capitals = throwsCode(() => quote(undefined, { address: ['Jan de Vries', '1015 CJ AMSTERDAM', 'Pays-Bas'] }), 'post.country_not_in_capitals')
  assert.deepEqual([capitals.line, capitals.value, capitals.proposed], [2, 'Pays-Bas', 'PAYS-BAS'])
  const bare = throwsCode(() => post.country('Nederland'), 'post.country_not_in_capitals')
  assert.deepEqual([bare.line, bare.proposed], [null, 'NEDERLAND'])
  const unknown = throwsCode(() => quote(undefined, { address: ['Jan de Vries', 'NEDERLNAD'] }), 'post.unknown_country')
  assert.deepEqual([unknown.line, unknown.value, unknown.suggestions], [1, 'NEDERLNAD', [{ code: 'NL', name: 'NEDERLAND' }]])
  assert.match(unknown.message, /did you mean NEDERLAND \(NL\)\?/)
  assert.deepEqual(throwsCode(() => post.country('ATLANTIS'), 'post.unknown_country').suggestions, [])
  const congo = throwsCode(() => quote(undefined, { address: ['Someone', 'CONGO'] }), 'post.ambiguous_country')
  assert.equal(congo.line, 1)
  assert.deepEqual(congo.candidates.map((c) => c.code), ['CD', 'CG'])
  assert.deepEqual(throwsCode(() => post.country('KOREA'), 'post.ambiguous_country').candidates,
    [{ code: 'KP', name: 'NORTH KOREA' }, { code: 'KR', name: 'SOUTH KOREA' }])
  const paris = throwsCode(() => post.destination(['Jean Dupont', 'F-75001 PARIS']), 'post.country_line_missing')
  assert.deepEqual([paris.line, paris.value, paris.prefix], [1, 'F-75001 PARIS', 'F'])
})

// ---- Dates --------------------------------------------------------------------------------------

test('before noon is handed over the same day; noon exactly is afternoon', () => {
  assert.equal(quote(undefined, { submittedAt: '2026-03-10T11:59:59+01:00' }).handoverDate, '2026-03-10')
  const noon = quote(undefined, { submittedAt: '2026-03-10T12:00:00+01:00' })
  assert.deepEqual([noon.handoverDate, noon.deliveryDate], ['2026-03-11', '2026-03-12'])
  assert.equal(post.CUT_OFF_HOUR, 12)
})

test('noon is judged in Brussels whatever the offset', () => {
  for (const at of ['2026-03-10T12:00:00+01:00', '2026-03-10T11:00:00Z', '2026-03-10T06:00:00-05:00', new Date('2026-03-10T11:00:00Z')]) {
    assert.equal(quote(undefined, { submittedAt: at }).handoverDate, '2026-03-11', String(at))
  }
  assert.equal(quote(undefined, { submittedAt: '2026-03-10T10:59:59Z' }).handoverDate, '2026-03-10')
})

test('Friday afternoon is handed over on Monday', () => {
  const q = quote(undefined, { submittedAt: '2026-03-13T14:00:00+01:00' })
  assert.deepEqual([q.submittedOn, q.handoverDate, q.deliveryDate], ['2026-03-13', '2026-03-16', '2026-03-17'])
  assert.equal(quote(undefined, { submittedAt: '2026-03-13T14:00:00+01:00', postage: 'non_prior' }).deliveryDate, '2026-03-19')
  assert.equal(quote(undefined, { submittedAt: '2026-03-14T09:00:00+01:00' }).handoverDate, '2026-03-16')
})

test('the day before a holiday', () => {
  // Friday 3 April 2026 afternoon: Monday 6 April is Easter Monday.
  const q = quote(undefined, { submittedAt: '2026-04-03T15:00:00+02:00' })
  assert.deepEqual([q.handoverDate, q.deliveryDate], ['2026-04-07', '2026-04-08'])
  const thursday = quote(undefined, { submittedAt: '2026-04-02T09:00:00+02:00', postage: 'non_prior' })
  assert.deepEqual([thursday.handoverDate, thursday.deliveryDate], ['2026-04-02', '2026-04-08'])
})

test('closed days for production and for delivery', () => {
  const closed = quote(undefined, { productionClosedDays: ['2026-03-10'] })
  assert.deepEqual([closed.handoverDate, closed.deliveryDate], ['2026-03-11', '2026-03-12'])
  const postClosed = quote(undefined, { deliveryClosedDays: ['2026-03-11'] })
  assert.deepEqual([postClosed.handoverDate, postClosed.deliveryDate], ['2026-03-10', '2026-03-12'])
  const abroad = quote(undefined, { address: AMSTERDAM, deliveryClosedDays: ['2026-03-13'] })
  assert.equal(abroad.deliveryRange.earliest, '2026-03-16')
  const wholeYear = Array.from({ length: 800 }, (_, n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10))
  throwsCode(() => quote(undefined, { productionClosedDays: wholeYear }), 'schedule.no_business_day')
})

test('a date-time without an offset is refused', () => {
  const error = throwsCode(() => quote(undefined, { submittedAt: '2026-03-10T09:00:00' }), 'time.not_zone_aware')
  assert.match(error.message, /submittedAt/)
  throwsCode(() => quote(undefined, { submittedAt: 1773133200000 }), 'InvalidArg')
})

// ---- Post data ----------------------------------------------------------------------------------

test('post data, built-in and the host\'s', () => {
  const data = post.PostData.builtin()
  assert.equal(data.verifiedOn, '2026-11-30')
  assert.equal(data.envelopeGrams('c4'), '16')
  assert.deepEqual(data.internationalDelivery('de'), { from: 3, to: 5 })
  assert.ok(data.countriesWithDeliveryData().includes('NL'))
  const noData = throwsCode(() => data.internationalDelivery('US'), 'post.no_delivery_data')
  assert.equal(noData.country, 'US')
  assert.ok(post.PostData.fromJson(post.PostData.builtinJson()).equals(data))
  const heavier = post.PostData.fromJson(post.PostData.builtinJson().replace('"grams": "16"', '"grams": "20"'))
  assert.equal(heavier.envelopeGrams('c4'), '20')
  assert.equal(quote([a4(9)], { data: heavier }).weightGrams, '64.9064') // 9 × 80 g/m² × 0.06237 m² + 20 g
  assert.equal(quote([a4(9)]).weightGrams, '60.9064')
  const invalid = throwsCode(() => post.PostData.fromJson(post.PostData.builtinJson().replace('"grams": "5"', '"grams": "0"')), 'post.invalid_data')
  assert.equal(invalid.field, 'envelopes[0].grams')
  throwsCode(() => post.PostData.fromJson('{'), 'post.invalid_data')
  assert.match(throwsCode(() => quote(undefined, { data: {} }), 'InvalidArg').message, /data: expected a post.PostData/)
})

// ---- Jobs ---------------------------------------------------------------------------------------

const at = (hour, minute = 0) => `2026-03-10T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`
const brussels = (hour, minute = 0) => `2026-03-10T${String(hour + 1).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`
const RECIPIENTS = [
  ['Jean Dupont', 'Rue Haute 1', '1000 BRUXELLES'],
  ['Jan de Vries', '1015 CJ AMSTERDAM', 'PAYS-BAS'],
  ['Marie Janssens', '9000 GENT'],
]
const quoteJob = (options) => post.quoteJob([a4(2)], { recipients: RECIPIENTS, submittedAt: AT, ...options })

test('quoteJob reports each refused recipient and goes on', () => {
  const report = quoteJob({ postage: 'non_prior', policy: 'report_and_continue' })
  assert.equal(report.recipients, 3)
  assert.deepEqual(report.quotes.map((q) => [q.row, q.quote.country]), [[0, 'BE'], [2, 'BE']])
  assert.equal(report.failures.length, 1)
  const [failure] = report.failures
  assert.deepEqual([failure.row, failure.code], [1, 'post.non_prior_national_only'])
  assert.ok(failure.error instanceof Error)
  assert.deepEqual([failure.error.code, failure.error.country], ['post.non_prior_national_only', 'NL'])
  assert.match(failure.message, /^postage: non_prior \(preferential\) postage is for Belgian addresses only/)
})

test('quoteJob mixes national and international', () => {
  const report = quoteJob({ postage: 'prior', policy: 'refuse_job' })
  assert.deepEqual(report.quotes.map((q) => q.quote.postage), ['prior', 'prior_international', 'prior'])
  assert.deepEqual(report.failures, [])
})

test('quoteJob can refuse the whole job', () => {
  const error = throwsCode(() => quoteJob({ postage: 'non_prior', policy: 'refuse_job' }), 'post.job_refused')
  assert.equal(error.recipients, 3)
  assert.deepEqual(error.failures.map((f) => [f.row, f.code, f.error.country]), [[1, 'post.non_prior_national_only', 'NL']])
  assert.match(error.message, /1 of 3 recipients break a rule; first: recipients\[1\]/)
  assert.equal(throwsCode(() => post.quoteJob([a4(30)], { recipients: RECIPIENTS, submittedAt: AT, postage: 'prior', policy: 'report_and_continue' }), 'post.too_many_sheets').over, 5)
  throwsCode(() => quoteJob({ recipients: [], postage: 'prior', policy: 'refuse_job' }), 'post.no_recipients')
  throwsCode(() => quoteJob({ recipients: [RECIPIENTS[1]], postage: 'non_prior', policy: 'report_and_continue' }), 'post.job_refused')
  assert.match(throwsCode(() => quoteJob({ postage: 'prior', policy: 'report' }), 'InvalidArg').message, /policy: unknown value "report"/)
  assert.match(throwsCode(() => quoteJob({ recipients: ['9000 GENT'], postage: 'prior', policy: 'refuse_job' }), 'InvalidArg').message, /recipients\[0\]: expected an array of address lines/)
})

const newJob = (options = {}) =>
  new post.Job(12, 345, 7, [a4(1)], { recipients: RECIPIENTS, createdAt: at(8), postage: 'prior', ...options })

test('a job goes from draft to handed over', () => {
  const job = newJob()
  assert.deepEqual([job.account, job.id, job.sender, job.approvalRequired], [12, 345, 7, false])
  assert.deepEqual([job.state, job.nextStates], ['draft', ['awaiting_approval', 'submitted', 'cancelled']])
  assert.equal(job.createdAt, brussels(8))
  assert.deepEqual(job.recipients, RECIPIENTS)
  assert.deepEqual([job.submittedAt, job.handedOverOn, job.billable], [null, null, false])
  const report = job.submit(at(9), { policy: 'refuse_job' })
  assert.deepEqual([report.quotes.length, job.state, job.submittedAt], [3, 'submitted', brussels(9)])
  job.startProcessing(at(10))
  assert.equal(job.billable, true)
  const error = throwsCode(() => job.cancel(at(10, 1), 7), 'post.illegal_transition')
  assert.deepEqual([error.from, error.to], ['processing', 'cancelled'])
  assert.match(error.rule, /can no longer be cancelled/)
  assert.equal(job.state, 'processing') // nothing changed
  job.handOver(new Date(at(15)))
  assert.deepEqual([job.state, job.nextStates, job.handedOverOn], ['handed_over', [], '2026-03-10'])
  assert.deepEqual(job.history, [
    { from: 'draft', to: 'submitted', at: brussels(9), by: null },
    { from: 'submitted', to: 'processing', at: brussels(10), by: null },
    { from: 'processing', to: 'handed_over', at: brussels(15), by: null },
  ])
  assert.throws(() => post.Job(1, 2, 3, [a4(1)], { recipients: RECIPIENTS, createdAt: AT, postage: 'prior' }), TypeError)
})

test('cancel before processing is free; a job never goes back in time', () => {
  const job = newJob()
  job.submit(at(9), { policy: 'report_and_continue' })
  job.cancel(at(9, 30), 7)
  assert.deepEqual([job.state, job.billable, job.history.at(-1).by], ['cancelled', false, 7])
  const error = throwsCode(() => job.submit(at(10), { policy: 'refuse_job' }), 'post.illegal_transition')
  assert.deepEqual([error.from, error.to], ['cancelled', 'submitted'])
  const late = throwsCode(() => newJob().cancel(at(7)), 'post.time_regression')
  assert.deepEqual([late.at, late.last], [brussels(7), brussels(8)])
})

test('a job refused on submit changes nothing', () => {
  const job = newJob({ postage: 'non_prior' })
  throwsCode(() => job.submit(at(9), { policy: 'refuse_job' }), 'post.job_refused')
  assert.deepEqual([job.state, job.history], ['draft', []])
  const report = job.submit(at(9), { policy: 'report_and_continue', deliveryClosedDays: ['2026-03-13'] })
  assert.deepEqual(report.failures.map((f) => f.row), [1])
  assert.equal(report.quotes[0].quote.deliveryDate, '2026-03-16')
})

test('the approval step: a signed link, verified, then approve or reject', () => {
  const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
  const job = newJob({ approvalRequired: true })
  assert.equal(job.approvalRequired, true)
  assert.equal(throwsCode(() => job.submit(at(9), { policy: 'refuse_job' }), 'post.approval_required').from, 'draft')
  const early = throwsCode(() => job.approve(9, at(9)), 'post.illegal_transition')
  assert.deepEqual([early.from, early.to], ['draft', 'approved'])
  assert.equal(throwsCode(() => job.requestApproval(7, at(8, 30), ring, 'https://app.example/approve/'), 'post.self_approval').approver, 7)
  throwsCode(() => job.requestApproval(9, at(8, 30), ring, 'app.example/approve/'), 'post.invalid_link_base')
  assert.equal(job.state, 'draft')
  const link = job.requestApproval(9, at(8, 30), ring, 'https://app.example/approve/', { expiresAt: '2026-03-17T08:30:00Z' })
  assert.equal(link.url, `https://app.example/approve/${link.token}`)
  assert.deepEqual([link.approver, link.expiresAt], [9, '2026-03-17T09:30:00+01:00'])
  assert.deepEqual([job.state, job.nextStates], ['awaiting_approval', ['approved', 'rejected', 'cancelled']])
  assert.deepEqual(job.history, [{ from: 'draft', to: 'awaiting_approval', at: brussels(8, 30), by: 7 }])
  // The token is a tracking token for the purpose 'approval' naming the account, the job and the approver.
  assert.deepEqual(ring.verify('approval', link.token, { now: at(9) }).claims, { account: 12, message: 345, recipient: 9 })
  assert.equal(job.verifyApprovalLink(ring, link.token, at(9)), 9)
  throwsCode(() => job.verifyApprovalLink(ring, link.token, '2026-03-18T00:00:00Z'), 'token.expired')
  throwsCode(() => job.verifyApprovalLink(ring, `${link.token.slice(0, -2)}AA`, at(9)), 'token.bad_tag')
  const other = new post.Job(12, 346, 7, [a4(1)], { recipients: RECIPIENTS, createdAt: at(8), postage: 'prior' })
  const mismatch = throwsCode(() => other.verifyApprovalLink(ring, link.token, at(9)), 'post.approval_link_mismatch')
  assert.deepEqual([mismatch.linkAccount, mismatch.linkJob, mismatch.account, mismatch.job], [12, 345, 12, 346])
  const rejected = post.Job.fromJson(job.toJson())
  assert.equal(throwsCode(() => job.approve(7, at(9)), 'post.self_approval').approver, 7)
  assert.equal(job.approver, 9)
  job.approve(job.verifyApprovalLink(ring, link.token, at(9)), at(9))
  assert.deepEqual([job.state, job.history.at(-1).by], ['approved', 9])
  job.submit(at(9, 5), { policy: 'refuse_job' })
  assert.equal(job.state, 'submitted')
  rejected.reject(9, at(9))
  assert.deepEqual([rejected.state, rejected.nextStates], ['rejected', []])
  assert.match(throwsCode(() => job.requestApproval(9, at(10), {}, 'https://app.example/'), 'InvalidArg').message, /ring: expected a tracking.KeyRing/)
})

test('only the approver asked may approve or reject', () => {
  const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
  const job = newJob({ approvalRequired: true })
  assert.equal(job.approver, null)
  job.requestApproval(9, at(8, 30), ring, 'https://app.example/approve/')
  assert.equal(job.approver, 9)
  for (const decide of [(by) => job.approve(by, at(9)), (by) => job.reject(by, at(9))]) {
    const error = throwsCode(() => decide(8), 'post.wrong_approver')
    assert.deepEqual([error.approver, error.given], [9, 8])
    assert.match(error.message, /user 8 is not the approver asked for this job \(user 9\)/)
  }
  assert.deepEqual([job.state, job.history.length], ['awaiting_approval', 1]) // nothing changed
  const big = new post.Job(12, 345, 7, [a4(1)], { recipients: RECIPIENTS, createdAt: at(8), postage: 'prior' })
  big.requestApproval(2n ** 64n - 1n, at(8, 30), ring, 'https://app.example/approve/')
  const wrong = throwsCode(() => big.approve(2n ** 64n - 2n, at(9)), 'post.wrong_approver')
  assert.deepEqual([wrong.approver, wrong.given, big.approver], [2n ** 64n - 1n, 2n ** 64n - 2n, 2n ** 64n - 1n])
  big.reject(2n ** 64n - 1n, at(9))
  assert.equal(big.state, 'rejected')
})

test('an approval link that names no job: post.approval_link_without_job', () => {
  const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
  const job = newJob({ approvalRequired: true })
  const cases = [
    [{ recipient: 9 }, 'account and message'],
    [{ message: 345, recipient: 9 }, 'account'],
    [{ account: 12, recipient: 9 }, 'message'],
  ]
  for (const [claims, missing] of cases) {
    const token = ring.issue('approval', claims, { now: at(8) })
    const error = throwsCode(() => job.verifyApprovalLink(ring, token, at(9)), 'post.approval_link_without_job')
    assert.equal(error.missing, missing)
  }
})

test('a job is plain data: its JSON round trip', () => {
  const job = newJob({ color: true, duplex: true, returnAddress: ['Envoi SA'], envelope: 'c4' })
  job.submit(at(9), { policy: 'refuse_job' })
  const copy = post.Job.fromJson(job.toJson())
  assert.equal(copy.toJson(), job.toJson())
  assert.deepEqual([copy.state, copy.history[0].at], ['submitted', brussels(9)])
  const letter = JSON.parse(job.toJson()).letter
  assert.deepEqual([letter.color, letter.duplex, letter.envelope], [true, true, 'c4'])
  assert.deepEqual(copy.sentRows, [0, 1, 2])
  const notJson = throwsCode(() => post.Job.fromJson('{"account": 1}'), 'post.invalid_job')
  assert.equal(notJson.field, 'json')
  assert.match(notJson.rule, /missing field/)
  assert.equal(throwsCode(() => post.Job.fromJson('{'), 'post.invalid_job').field, 'json')
})

test('a tampered job is refused by fromJson, naming the field', () => {
  const job = newJob({ approvalRequired: true })
  const text = job.toJson()
  // Submitted without the approval its account requires.
  const skipped = text.replace(
    '"state":"draft","history":[]',
    `"state":"submitted","history":[{"from":"draft","to":"submitted","at":"${at(9)}","by":null}]`,
  )
  assert.notEqual(skipped, text)
  const error = throwsCode(() => post.Job.fromJson(skipped), 'post.invalid_job')
  assert.deepEqual([error.field, error.value], ['history[0].to', 'submitted'])
  assert.match(error.rule, /requires approval/)
  // Approved by someone other than the approver asked.
  const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 0x42) }, 1)
  job.requestApproval(9, at(8, 30), ring, 'https://app.example/approve/')
  job.approve(9, at(9))
  const approved = job.toJson()
  assert.equal(post.Job.fromJson(approved).approver, 9)
  const forged = throwsCode(() => post.Job.fromJson(approved.replace('"by":9', '"by":8')), 'post.invalid_job')
  assert.equal(forged.field, 'history[1].by')
  const self = throwsCode(() => post.Job.fromJson(approved.replace('"approver":9', '"approver":7').replaceAll('"by":9', '"by":7')), 'post.self_approval')
  assert.equal(self.approver, 7)
  // Back in time, and sent rows before submission.
  const back = throwsCode(() => post.Job.fromJson(approved.replace(`"at":"${at(9)}"`, `"at":"${at(7)}"`)), 'post.invalid_job')
  assert.equal(back.field, 'history[1].at')
  const rows = throwsCode(() => post.Job.fromJson(approved.replace('"sent_rows":[]', '"sent_rows":[0]')), 'post.invalid_job')
  assert.deepEqual([rows.field, rows.value], ['sent_rows', '[0]'])
})

test('job arguments', () => {
  throwsCode(() => newJob({ recipients: [] }), 'post.no_recipients')
  assert.match(throwsCode(() => new post.Job(-1, 345, 7, [a4(1)], { recipients: RECIPIENTS, createdAt: at(8), postage: 'prior' }), 'InvalidArg').message, /account: expected an integer from 0 to 2\^64 - 1/)
  assert.match(throwsCode(() => new post.Job(12, '345', 7, [a4(1)], { recipients: RECIPIENTS, createdAt: at(8), postage: 'prior' }), 'InvalidArg').message, /id: expected an integer/)
  throwsCode(() => newJob({ createdAt: '2026-03-10T08:00:00' }), 'time.not_zone_aware')
  const big = new post.Job(2n ** 64n - 1n, 2, 3, [a4(1)], { recipients: [GHENT], createdAt: at(8), postage: 'prior' })
  assert.equal(big.account, 2n ** 64n - 1n)
  const pdfJob = new post.Job(1, 2, 3, [makePdf(A4_POINTS, A4_POINTS)], { recipients: [GHENT], createdAt: at(8), postage: 'prior' })
  assert.equal(pdfJob.submit(at(9), { policy: 'refuse_job' }).quotes[0].quote.sheets, 2)
  const error = throwsCode(() => new post.Job(1, 2, 3, [Buffer.from('garbage')], { recipients: [GHENT], createdAt: at(8), postage: 'prior' }), 'post.pdf_corrupt')
  assert.equal(error.document, 0)
})

// ---- Registered mail ----------------------------------------------------------------------------

const S10_BARCODES = ['RR000000014BE', 'RR000000028BE', 'RR000000031BE']
const NATIONAL_PREFIX = '010541288500'
const national = (serial) => `${NATIONAL_PREFIX}${String(serial).padStart(18, '0')}`

test('barcodes: UPU S10 with its check digit, or bpost national', () => {
  assert.deepEqual(post.parseBarcode('RR123456785BE'), { barcode: 'RR123456785BE', format: 's10' })
  assert.deepEqual(post.parseBarcode('RR 123 456 785 BE'), { barcode: 'RR123456785BE', format: 's10' })
  assert.deepEqual(post.parseBarcode('010541288500452621221234567890'), { barcode: '010541288500452621221234567890', format: 'bpost_national' })
  assert.equal(post.s10Barcode('RR', 12345678, 'BE'), 'RR123456785BE')
  assert.equal(post.s10Barcode('RA', 0, 'NL'), 'RA000000005NL') // 11 becomes 5
  assert.deepEqual([post.BPOST_NATIONAL_LENGTH, post.S10_MAX_SERIAL], [30, 99999999])
  const mismatch = throwsCode(() => post.parseBarcode('RR123456784BE'), 'post.barcode_check_digit_mismatch')
  assert.deepEqual([mismatch.value, mismatch.serial, mismatch.expected, mismatch.found], ['RR123456784BE', '12345678', 5, 4])
  for (const text of ['', 'RR12345678BE', 'XX123456785BE', 'RR123456785ZZ', '0105412885', '020541288500452621221234567890', 'RR1234567é5BE']) {
    const error = throwsCode(() => post.parseBarcode(text), 'post.invalid_barcode')
    assert.deepEqual([error.field, error.value], ['barcode', text])
  }
  assert.equal(throwsCode(() => post.s10Barcode('RX', 1, 'be'), 'post.invalid_barcode').field, 'country')
  assert.equal(throwsCode(() => post.s10Barcode('CP', 1, 'BE'), 'post.invalid_barcode').field, 'service')
  const serial = throwsCode(() => post.s10Barcode('RR', 100000000, 'BE'), 'post.invalid_barcode')
  assert.deepEqual([serial.field, serial.value], ['serial', '100000000'])
  throwsCode(() => post.s10Barcode('RR', -1, 'BE'), 'InvalidArg')
  assert.match(throwsCode(() => post.parseBarcode(123456785), 'InvalidArg').message, /text: expected a string/)
})

test('an S10 barcode range hands out each barcode once', () => {
  const barcodes = post.BarcodeRange.s10('RR', 1, 3, 'BE')
  assert.deepEqual([barcodes.format, barcodes.prefix, barcodes.suffix, barcodes.first, barcodes.last, barcodes.next, barcodes.remaining], ['s10', 'RR', 'BE', 1, 3, 1, 3])
  assert.equal(barcodes.nextBarcode(), S10_BARCODES[0])
  const copy = post.BarcodeRange.fromJson(barcodes.toJson())
  assert.ok(copy.equals(barcodes))
  assert.deepEqual(barcodes.take(2), S10_BARCODES.slice(1))
  assert.deepEqual([barcodes.remaining, barcodes.next, barcodes.take(0)], [0, null, []])
  const error = throwsCode(() => barcodes.nextBarcode(), 'post.barcode_range_exhausted')
  assert.deepEqual([error.first, error.last, error.requested, error.remaining], ['RR000000014BE', 'RR000000031BE', 1, 0])
  assert.equal(copy.remaining, 2)
  const short = throwsCode(() => copy.take(3), 'post.barcode_range_exhausted')
  assert.deepEqual([short.requested, short.remaining], [3, 2])
  assert.equal(copy.remaining, 2) // all or none
  assert.equal(copy.toJson(), '{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":3,"next":2}')
  assert.equal(post.BarcodeRange.fromJson(barcodes.toJson()).next, null)
  throwsCode(() => copy.take(-1), 'InvalidArg')
  assert.throws(() => new post.BarcodeRange(1, 2), /no `constructor`/) // made by its factories only
})

test('a bpost national barcode range pads the serial to 30 digits', () => {
  const barcodes = post.BarcodeRange.bpostNational(NATIONAL_PREFIX, 1, 999)
  assert.deepEqual([barcodes.format, barcodes.prefix, barcodes.suffix], ['bpost_national', NATIONAL_PREFIX, ''])
  assert.deepEqual(barcodes.take(2), [national(1), national(2)])
  assert.equal(post.parseBarcode(national(1)).format, 'bpost_national')
  assert.equal(post.BarcodeRange.bpostNational('010', 7, 7, '99').nextBarcode(), `010${'7'.padStart(25, '0')}99`)
  // Serials past 2^53 - 1 are bigints in and out; the whole of u64 is 2^64 barcodes.
  const wide = post.BarcodeRange.bpostNational('010', 2n ** 64n - 2n, 2n ** 64n - 1n)
  assert.deepEqual([wide.first, wide.remaining], [2n ** 64n - 2n, 2])
  assert.deepEqual(wide.take(2), [`010${(2n ** 64n - 2n).toString().padStart(27, '0')}`, `010${(2n ** 64n - 1n).toString().padStart(27, '0')}`])
  assert.equal(post.BarcodeRange.bpostNational('010', 0, 2n ** 64n - 1n).remaining, 2n ** 64n)
})

test('barcode range errors name the field and the value', () => {
  const order = throwsCode(() => post.BarcodeRange.s10('RR', 5, 4, 'BE'), 'post.invalid_barcode_range')
  assert.deepEqual([order.field, order.value], ['first', '5'])
  assert.match(order.rule, /is after last \(4\)/)
  const cases = [
    [() => post.BarcodeRange.s10('CP', 1, 2, 'BE'), 'prefix', 'CP'],
    [() => post.BarcodeRange.s10('RR', 1, 2, 'XX'), 'suffix', 'XX'],
    [() => post.BarcodeRange.s10('RR', 1, 100000000, 'BE'), 'last', '100000000'],
    [() => post.BarcodeRange.bpostNational('020', 1, 2), 'prefix', '020'],
    [() => post.BarcodeRange.bpostNational('010', 1, 2, 'A'), 'suffix', 'A'],
    [() => post.BarcodeRange.bpostNational(NATIONAL_PREFIX, 1, 10n ** 18n), 'last', '1000000000000000000'],
  ]
  for (const [call, field, value] of cases) {
    const error = throwsCode(call, 'post.invalid_barcode_range')
    assert.deepEqual([error.field, error.value], [field, value])
  }
  assert.equal(throwsCode(() => post.BarcodeRange.fromJson('{"first":1,"last":2,"next":1}'), 'post.invalid_barcode_range').field, 'json')
  const stored = '{"format":"s10","prefix":"RR","suffix":"BE","first":1,"last":3,"next":7}'
  const outside = throwsCode(() => post.BarcodeRange.fromJson(stored), 'post.barcode_next_outside_range')
  assert.deepEqual([outside.next, outside.first, outside.last], [7, 1, 3])
  throwsCode(() => post.BarcodeRange.s10('RR', -1, 2, 'BE'), 'InvalidArg')
})

/** A registered job to RECIPIENTS (the Dutch address is refused: rows 0 and 2 go), processing. */
function registeredJob(options = {}) {
  const job = newJob({ postage: 'registered', returnAddress: ['Envoi SA', '1000 BRUXELLES'], ...options })
  job.submit(at(9), { policy: 'report_and_continue' })
  assert.deepEqual(job.sentRows, [0, 2])
  return job
}

for (const [format, makeRange, expected] of [
  ['S10', () => post.BarcodeRange.s10('RR', 1, 500, 'BE'), S10_BARCODES.slice(0, 2)],
  ['bpost national', () => post.BarcodeRange.bpostNational(NATIONAL_PREFIX, 1, 500), [national(1), national(2)]],
]) {
  test(`registered flow with ${format} barcodes: submit, process, assign, hand over, summaries`, () => {
    const job = registeredJob({ acknowledgement: true })
    const range = makeRange()
    const early = throwsCode(() => job.assignBarcodes(range), 'post.wrong_job_state')
    assert.deepEqual([early.action, early.state, early.needed], ['assign_barcodes', 'submitted', 'processing'])
    job.startProcessing(at(10))
    const missing = throwsCode(() => job.handOver(at(15)), 'post.barcodes_not_assigned')
    assert.equal(missing.letters, 2)
    assert.equal(job.state, 'processing')
    const letters = job.assignBarcodes(range)
    assert.deepEqual(letters, [{ row: 0, barcode: expected[0] }, { row: 2, barcode: expected[1] }])
    assert.deepEqual([range.remaining, range.next], [498, 3])
    assert.deepEqual(job.assignBarcodes(range), letters) // idempotent: nothing more used
    assert.deepEqual([range.remaining, job.registeredLetters], [498, letters])
    const notYet = throwsCode(() => job.registeredSummaries(), 'post.wrong_job_state')
    assert.deepEqual([notYet.action, notYet.state, notYet.needed], ['registered_summaries', 'processing', 'handed_over'])
    const stored = post.Job.fromJson(job.toJson())
    assert.deepEqual(stored.registeredLetters, letters)
    job.handOver(at(15))
    const summaries = job.registeredSummaries()
    assert.ok(summaries.every((summary) => summary instanceof post.RegisteredSummary))
    assert.deepEqual(summaries.map((summary) => [summary.barcode, summary.recipient]), [[expected[0], RECIPIENTS[0]], [expected[1], RECIPIENTS[2]]])
    assert.deepEqual([summaries[0].submittedOn, summaries[0].handedOverOn, summaries[0].acknowledgement, summaries[0].claimDeadline], ['2026-03-10', '2026-03-10', true, '2027-03-10'])
    assert.ok(summaries[1].toText('fr').includes(`Numéro du recommandé : ${expected[1]}`))
    assert.deepEqual(post.Job.fromJson(job.toJson()).registeredSummaries().map((s) => s.barcode), expected)
    // A handed-over registered job without its barcodes cannot be read back.
    const stripped = JSON.parse(job.toJson())
    stripped.registered_letters = []
    assert.equal(throwsCode(() => post.Job.fromJson(JSON.stringify(stripped)), 'post.invalid_job').field, 'registered_letters')
  })
}

test('assignBarcodes: all or none, registered jobs only', () => {
  const job = registeredJob()
  job.startProcessing(at(10))
  const range = post.BarcodeRange.s10('RR', 1, 1, 'BE')
  const error = throwsCode(() => job.assignBarcodes(range), 'post.barcode_range_exhausted')
  assert.deepEqual([error.first, error.last, error.requested, error.remaining], ['RR000000014BE', 'RR000000014BE', 2, 1])
  assert.deepEqual([range.remaining, job.registeredLetters], [1, []])
  assert.match(throwsCode(() => job.assignBarcodes({}), 'InvalidArg').message, /range: expected a post.BarcodeRange/)
  assert.match(throwsCode(() => job.assignBarcodes(job), 'InvalidArg').message, /an object of another class/)
  const prior = newJob()
  prior.submit(at(9), { policy: 'refuse_job' })
  prior.startProcessing(at(10))
  assert.equal(throwsCode(() => prior.assignBarcodes(post.BarcodeRange.s10('RR', 1, 9, 'BE')), 'post.not_registered').postage, 'prior')
  prior.handOver(at(15)) // no barcodes needed
  assert.deepEqual([prior.registeredLetters, throwsCode(() => prior.registeredSummaries(), 'post.not_registered').postage], [[], 'prior'])
})

test('a registered summary', () => {
  const summary = new post.RegisteredSummary('RR 123 456 785 BE', ['Jean Dupont', 'Rue Haute 1', '1000 BRUXELLES'], AT, '2026-03-10', true)
  assert.deepEqual([summary.barcode, summary.acknowledgement], ['RR123456785BE', true])
  assert.deepEqual([summary.submittedAt, summary.submittedOn, summary.handedOverOn], ['2026-03-10T10:00:00+01:00', '2026-03-10', '2026-03-10'])
  assert.deepEqual([summary.keptUntil, summary.depositReceiptKeptUntil, summary.claimDeadline], ['2026-05-09', '2029-03-10', '2027-03-10'])
  assert.ok(post.RegisteredSummary.fromJson(summary.toJson()).equals(summary))
  assert.equal(JSON.parse(summary.toJson()).barcode, 'RR123456785BE')
  assert.match(throwsCode(() => post.RegisteredSummary.fromJson(summary.toJson().replace('RR123456785BE', 'RR123456784BE')), 'InvalidArg').message, /check digit/)
  const texts = {
    fr: ['Envoi recommandé : récapitulatif', 'Numéro du recommandé : RR123456785BE', "Réclamation possible jusqu'au : 10/03/2027"],
    nl: ['Aangetekende zending: overzicht', 'Ontvangstbewijs: ja', 'Klacht mogelijk tot: 10/03/2027'],
    de: ['Einschreiben: Übersicht', 'Rückschein: ja', 'Nachforschungsantrag möglich bis: 10.03.2027'],
    en: ['Registered letter: summary', 'Date handed to the post: 2026-03-10', 'Claims possible until: 2027-03-10'],
  }
  for (const [language, lines] of Object.entries(texts)) {
    const text = summary.toText(language).split('\n')
    for (const line of lines) assert.ok(text.includes(line), `${language}: ${line}`)
    assert.ok(text.includes('  1000 BRUXELLES'))
  }
  assert.equal(summary.toText(), summary.toText('en'))
})

test('registered summary errors', () => {
  const barcode = S10_BARCODES[0]
  const error = throwsCode(() => new post.RegisteredSummary(barcode, ['9000 GENT'], AT, '2026-03-09'), 'post.handover_before_submission')
  assert.deepEqual([error.submittedOn, error.handedOverOn], ['2026-03-10', '2026-03-09'])
  throwsCode(() => new post.RegisteredSummary(barcode, [' '], AT, '2026-03-10'), 'post.empty_address')
  throwsCode(() => new post.RegisteredSummary(barcode, ['9000 GENT'], AT, '2026-03-10').toText('es'), 'language.unsupported')
  assert.match(throwsCode(() => new post.RegisteredSummary(barcode, ['9000 GENT'], AT, new Date(AT)), 'InvalidArg').message, /a Date is an instant, not a day/)
  const mismatch = throwsCode(() => new post.RegisteredSummary('RR000000015BE', ['9000 GENT'], AT, '2026-03-10'), 'post.barcode_check_digit_mismatch')
  assert.deepEqual([mismatch.expected, mismatch.found], [4, 5])
  assert.equal(throwsCode(() => new post.RegisteredSummary('323299000123', ['9000 GENT'], AT, '2026-03-10'), 'post.invalid_barcode').field, 'barcode')
  assert.match(throwsCode(() => new post.RegisteredSummary(323299000123, ['9000 GENT'], AT, '2026-03-10'), 'InvalidArg').message, /barcode: expected a string, got a value of type number/)
})

// ---- Retention ----------------------------------------------------------------------------------

test('retention deadlines', () => {
  assert.equal(post.documentsKeptUntil('2026-03-10'), '2026-05-09')
  assert.equal(post.registeredSummaryKeptUntil('2026-03-10'), '2026-05-09')
  assert.equal(post.depositReceiptKeptUntil('2028-02-29'), '2031-02-28')
  assert.equal(post.claimDeadline('2028-02-29'), '2029-02-28')
  assert.deepEqual([post.DOCUMENTS_KEPT_DAYS, post.REGISTERED_SUMMARY_KEPT_DAYS, post.DEPOSIT_RECEIPT_KEPT_YEARS, post.CLAIM_MONTHS], [60, 60, 3, 12])
  assert.equal(post.submissionDate('2026-03-10T23:30:00Z'), '2026-03-11')
  throwsCode(() => post.documentsKeptUntil(new Date(AT)), 'InvalidArg')
  const late = throwsCode(() => post.depositReceiptKeptUntil('+262142-06-01'), 'post.date_out_of_range')
  assert.equal(late.field, 'deposit_receipt_kept_until')
})

// ---- Every error of the issue -------------------------------------------------------------------

const RULES = [
  ['too_many_sheets', () => quote([a4(26)]), { sheets: 26, max: 25, over: 1 }],
  ['envelope_too_small', () => quote([a4(9)], { envelope: 'c5' }), { capacity: 8, sheets: 9, over: 1 }],
  ['empty_document', () => quote([a4(0)]), { document: 0, documentName: null }],
  ['registered_national_only', () => quote(undefined, { postage: 'registered', returnAddress: ['Envoi SA'], address: AMSTERDAM }), { country: 'NL' }],
  ['return_address_required', () => quote(undefined, { postage: 'registered' }), {}],
  ['rp_not_available', () => quote(undefined, { postage: 'rp' }), {}],
  ['country_not_in_capitals', () => post.country('Duitsland'), { proposed: 'DUITSLAND' }],
  ['unknown_country', () => post.country('DUITSLNAD'), { suggestions: [{ code: 'DE', name: 'DUITSLAND' }] }],
  ['ambiguous_country', () => post.country('CONGO'), { value: 'CONGO' }],
  ['not_a4', () => quote([{ pageSizesMm: [[148, 210]] }]), { page: 1, size: ['148', '210'] }],
]

for (const [rule, call, fields] of RULES) {
  test(`post.${rule} is an Error with its code and numbers`, () => {
    const error = throwsCode(call, `post.${rule}`)
    assert.ok(error.code.endsWith(rule))
    for (const [name, value] of Object.entries(fields)) assert.deepEqual(error[name], value, name)
    if (!['too_many_sheets', 'envelope_too_small'].includes(rule)) assert.equal(error.sheets, undefined)
  })
}

// ---- The follow-ups' errors: each code with exactly its fields ------------------------------------

function processingRegisteredJob() {
  const job = registeredJob()
  job.startProcessing(at(10))
  return job
}

const FOLLOW_UP_ERRORS = [
  ['invalid_barcode', () => post.parseBarcode('RR12'), { field: 'barcode', value: 'RR12' }],
  ['barcode_check_digit_mismatch', () => post.parseBarcode('RR000000015BE'), { value: 'RR000000015BE', serial: '00000001', expected: 4, found: 5 }],
  ['invalid_barcode_range', () => post.BarcodeRange.s10('RR', 2, 1, 'BE'), { field: 'first', value: '2' }],
  ['barcode_next_outside_range', () => post.BarcodeRange.fromJson('{"format":"s10","prefix":"RR","suffix":"BE","first":5,"last":9,"next":4}'), { next: 4, first: 5, last: 9 }],
  ['barcode_range_exhausted', () => post.BarcodeRange.s10('RR', 1, 1, 'BE').take(2), { first: 'RR000000014BE', last: 'RR000000014BE', requested: 2, remaining: 1 }],
  ['wrong_approver', () => {
    const job = newJob({ approvalRequired: true })
    job.requestApproval(9, at(8, 30), new tracking.KeyRing({ 1: Buffer.alloc(32, 1) }, 1), 'https://app.example/a/')
    job.approve(10, at(9))
  }, { approver: 9, given: 10 }],
  ['approval_link_without_job', () => {
    const ring = new tracking.KeyRing({ 1: Buffer.alloc(32, 1) }, 1)
    newJob().verifyApprovalLink(ring, ring.issue('approval', { account: 12, recipient: 9 }, { now: at(8) }), at(9))
  }, { missing: 'message' }],
  ['invalid_job', () => post.Job.fromJson(newJob().toJson().replace('"state":"draft"', '"state":"submitted"')), { field: 'state', value: 'submitted' }],
  ['not_registered', () => newJob().registeredSummaries(), { postage: 'prior' }],
  ['wrong_job_state', () => registeredJob().registeredSummaries(), { action: 'registered_summaries', state: 'submitted', needed: 'handed_over' }],
  ['barcodes_not_assigned', () => processingRegisteredJob().handOver(at(15)), { letters: 2 }],
]

const WITH_RULE = new Set(['invalid_barcode', 'invalid_barcode_range', 'invalid_job'])

for (const [rule, call, fields] of FOLLOW_UP_ERRORS) {
  test(`post.${rule} carries exactly its fields`, () => {
    const error = throwsCode(call, `post.${rule}`)
    const expected = WITH_RULE.has(rule) ? { ...fields, rule: error.rule } : fields
    if (WITH_RULE.has(rule)) assert.ok(typeof error.rule === 'string' && error.rule.length > 0, 'rule')
    const own = Object.fromEntries(Object.keys(error).filter((name) => name !== 'code').map((name) => [name, error[name]]))
    assert.deepEqual(own, expected)
  })
}
