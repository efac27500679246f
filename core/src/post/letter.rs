//! A letter: its documents and their pages, the sheets they take, the envelope and the weight.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::PageSize;
use super::data::PostData;
use super::error::PostError;
use super::postage::Postage;

/// The width of an A4 page, in millimetres (portrait).
pub const A4_WIDTH_MM: u32 = 210;
/// The height of an A4 page, in millimetres (portrait).
pub const A4_HEIGHT_MM: u32 = 297;
/// How far a page may be from A4 in each dimension and still be A4, in millimetres (inclusive).
pub const A4_TOLERANCE_MM: u32 = 2;
/// The area of one A4 sheet, 0.21 m × 0.297 m = 0.06237 m².
pub const A4_AREA_M2: Decimal = Decimal::from_parts(6237, 0, 0, false, 5);
/// The paper of black-and-white letters, in g/m².
pub const GRAMMAGE_BLACK_AND_WHITE: u32 = 80;
/// The paper of colour letters, in g/m².
pub const GRAMMAGE_COLOR: u32 = 90;
/// The most sheets a letter may have: what the largest envelope (C4) holds.
pub const MAX_SHEETS: u32 = 25;

/// Whether a page is A4: 210 × 297 mm ± 2 mm (inclusive) in each dimension, in portrait or landscape.
///
/// ```
/// use envoi::post::{PageSize, is_a4};
/// use rust_decimal::Decimal;
///
/// assert!(is_a4(PageSize::from_mm(210, 297)));
/// assert!(is_a4(PageSize::from_mm(297, 210))); // landscape
/// assert!(is_a4(PageSize::from_mm(212, 295))); // within 2 mm
/// assert!(!is_a4(PageSize::from_mm(213, 297)));
/// // US Letter, 8.5 × 11 in, from a PDF's points:
/// assert!(!is_a4(PageSize::from_points(Decimal::from(612), Decimal::from(792))));
/// assert!(!is_a4(PageSize::from_mm(148, 210))); // A5
/// ```
pub fn is_a4(size: PageSize) -> bool {
    // Checked: a size near the decimal's limits (from a host's JSON or a binding's string) is
    // simply not A4, never an overflow.
    let near = |value: Decimal, target: u32| {
        value
            .checked_sub(Decimal::from(target))
            .is_some_and(|difference| difference.abs() <= Decimal::from(A4_TOLERANCE_MM))
    };
    (near(size.width_mm, A4_WIDTH_MM) && near(size.height_mm, A4_HEIGHT_MM))
        || (near(size.width_mm, A4_HEIGHT_MM) && near(size.height_mm, A4_WIDTH_MM))
}

/// The paper grammage of a letter, in g/m²: [`GRAMMAGE_COLOR`] (90) for colour,
/// [`GRAMMAGE_BLACK_AND_WHITE`] (80) for black and white.
///
/// ```
/// assert_eq!(envoi::post::grammage(true), 90);
/// assert_eq!(envoi::post::grammage(false), 80);
/// ```
pub fn grammage(color: bool) -> u32 {
    if color {
        GRAMMAGE_COLOR
    } else {
        GRAMMAGE_BLACK_AND_WHITE
    }
}

/// The weight of `sheets` A4 sheets, in grams: sheets × [`grammage`] × [`A4_AREA_M2`], exact.
///
/// ```
/// use envoi::post::paper_grams;
/// use rust_decimal::Decimal;
///
/// assert_eq!(paper_grams(1, false), Decimal::new(49896, 4)); // 4.9896 g
/// assert_eq!(paper_grams(6, true), Decimal::new(336798, 4)); // 33.6798 g
/// ```
pub fn paper_grams(sheets: u32, color: bool) -> Decimal {
    (Decimal::from(sheets) * Decimal::from(grammage(color)) * A4_AREA_M2).normalize()
}

/// Which document of a letter an error is about: one of its documents (by position, with its name
/// when it has one) or its background.
///
/// ```
/// use envoi::post::DocumentRef;
///
/// let flyer = DocumentRef::Document { index: 1, name: Some("flyer".into()) };
/// assert_eq!(flyer.to_string(), "documents[1] (flyer)");
/// assert_eq!(DocumentRef::Document { index: 0, name: None }.to_string(), "documents[0]");
/// assert_eq!(DocumentRef::Background.to_string(), "background");
/// assert_eq!(serde_json::to_string(&flyer)?, r#"{"document":{"index":1,"name":"flyer"}}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentRef {
    /// A document of the letter: `index` counts from 0 (the main document) in the letter's list.
    Document {
        /// The position in the letter's documents, from 0.
        index: usize,
        /// The document's name, when it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// The letter's background (fond-de-page).
    Background,
}

impl fmt::Display for DocumentRef {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocumentRef::Document { index, name: None } => write!(formatter, "documents[{index}]"),
            DocumentRef::Document {
                index,
                name: Some(name),
            } => write!(formatter, "documents[{index}] ({name})"),
            DocumentRef::Background => formatter.write_str("background"),
        }
    }
}

/// The pages of a document: a count of A4 pages, or the size of each page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pages {
    A4(u32),
    Sizes(Vec<PageSize>),
}

/// One document of a letter (the main letter, a flyer, a reply coupon…), described by its pages.
///
/// A document is given by the size of each page ([`Document::from_page_sizes`], what a PDF says:
/// see `pdf_page_sizes` under the `pdf` feature) or, as a shorthand, by a count of A4 pages
/// ([`Document::a4`]). Every page must be A4 ([`is_a4`]) and a document has at least one page; the
/// letter checks both ([`Letter::check_documents`]). Each document starts on a new sheet.
///
/// Its JSON form is `{"pages": 3}` (three A4 pages) or `{"page_sizes_mm": [[210, 297], …]}` (each
/// page's width and height in millimetres, numbers or decimal strings), with an optional `"name"`.
///
/// ```
/// use envoi::post::{Document, PageSize};
///
/// let letter = Document::a4(3);
/// assert_eq!(letter.page_count(), 3);
/// assert_eq!(letter.sheets(false), 3);
/// assert_eq!(letter.sheets(true), 2); // duplex: two pages a sheet
///
/// let flyer = Document::from_page_sizes(vec![PageSize::from_mm(297, 210)]).named("flyer");
/// assert_eq!(flyer.name(), Some("flyer"));
///
/// let parsed: Document = serde_json::from_str(r#"{"page_sizes_mm": [[210, 297], ["297", "210"]]}"#)?;
/// assert_eq!(parsed.page_count(), 2);
/// assert_eq!(serde_json::to_string(&Document::a4(3))?, r#"{"pages":3}"#);
/// assert!(serde_json::from_str::<Document>(r#"{"pages": 3, "page_sizes_mm": []}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DocumentJson", into = "DocumentJson")]
pub struct Document {
    name: Option<String>,
    pages: Pages,
}

impl Document {
    /// A document of `pages` A4 pages.
    ///
    /// ```
    /// assert_eq!(envoi::post::Document::a4(2).page_count(), 2);
    /// ```
    pub fn a4(pages: u32) -> Document {
        Document {
            name: None,
            pages: Pages::A4(pages),
        }
    }

    /// A document with these pages, in order.
    ///
    /// ```
    /// use envoi::post::{Document, PageSize};
    /// let document = Document::from_page_sizes(vec![PageSize::from_mm(210, 297); 4]);
    /// assert_eq!(document.page_count(), 4);
    /// ```
    pub fn from_page_sizes(page_sizes: Vec<PageSize>) -> Document {
        Document {
            name: None,
            pages: Pages::Sizes(page_sizes),
        }
    }

    /// A document read from a PDF the host was handed: one page per PDF page, each with the size
    /// it prints at ([`pdf_page_sizes`](super::pdf_page_sizes): MediaBox or CropBox, /Rotate).
    /// Under the `pdf` feature.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Document, Letter, PostCalendars, Postage, quote};
    /// # use lopdf::{dictionary, Object};
    /// # fn pdf(width: i64, height: i64) -> Vec<u8> {
    /// #     let mut doc = lopdf::Document::with_version("1.7");
    /// #     let pages_id = doc.new_object_id();
    /// #     let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
    /// #     doc.objects.insert(pages_id, Object::Dictionary(dictionary! {
    /// #         "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
    /// #         "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
    /// #     }));
    /// #     let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    /// #     doc.trailer.set("Root", catalog_id);
    /// #     let mut bytes = Vec::new();
    /// #     doc.save_to(&mut bytes).unwrap();
    /// #     bytes
    /// # }
    /// let a4 = Document::from_pdf(&pdf(595, 842))?; // points
    /// assert_eq!(a4.page_count(), 1);
    ///
    /// let us_letter = Document::from_pdf(&pdf(612, 792))?.named("scan");
    /// let letter = Letter::new(vec![a4, us_letter], Postage::Prior);
    /// let error = quote(&letter, &["9000 GENT"], "2026-03-10T09:00:00Z".parse()?, &PostCalendars::default())
    ///     .unwrap_err();
    /// assert_eq!(error.code(), "post.not_a4");
    /// assert!(error.to_string().starts_with("documents[1] (scan), page 1: 215.9 × 279.4 mm is not A4"));
    /// assert_eq!(Document::from_pdf(b"%PDF-1.7 garbage").unwrap_err().code(), "post.pdf_corrupt");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::Pdf`] when the PDF cannot be read (corrupt, encrypted, no pages…).
    #[cfg(feature = "pdf")]
    pub fn from_pdf(bytes: &[u8]) -> Result<Document, PostError> {
        Ok(Document::from_page_sizes(super::pdf::pdf_page_sizes(
            bytes,
        )?))
    }

    /// The same document with a name, which errors quote (`"flyer"`, `"reply coupon"`).
    ///
    /// ```
    /// assert_eq!(envoi::post::Document::a4(1).named("coupon").name(), Some("coupon"));
    /// ```
    pub fn named(self, name: impl Into<String>) -> Document {
        Document {
            name: Some(name.into()),
            ..self
        }
    }

    /// The document's name, if it has one.
    ///
    /// ```
    /// assert_eq!(envoi::post::Document::a4(1).name(), None);
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The number of pages.
    ///
    /// ```
    /// assert_eq!(envoi::post::Document::a4(0).page_count(), 0);
    /// ```
    pub fn page_count(&self) -> u64 {
        match &self.pages {
            Pages::A4(count) => u64::from(*count),
            Pages::Sizes(sizes) => sizes.len() as u64,
        }
    }

    /// The size of each page, in order (A4 portrait for a document given by a count).
    ///
    /// ```
    /// use envoi::post::{Document, PageSize};
    /// let sizes: Vec<PageSize> = Document::a4(2).page_sizes().collect();
    /// assert_eq!(sizes, [PageSize::from_mm(210, 297); 2]);
    /// ```
    pub fn page_sizes(&self) -> impl Iterator<Item = PageSize> + '_ {
        let (count, sizes) = match &self.pages {
            Pages::A4(count) => (u64::from(*count), &[][..]),
            Pages::Sizes(sizes) => (0, sizes.as_slice()),
        };
        let a4 = PageSize::from_mm(A4_WIDTH_MM, A4_HEIGHT_MM);
        (0..count).map(move |_| a4).chain(sizes.iter().copied())
    }

    /// The sheets the document takes: one per page, or one per two pages in duplex (an odd last page
    /// takes a sheet of its own). A document always starts on a new sheet.
    ///
    /// ```
    /// use envoi::post::Document;
    /// assert_eq!(Document::a4(5).sheets(true), 3);
    /// assert_eq!(Document::a4(5).sheets(false), 5);
    /// ```
    pub fn sheets(&self, duplex: bool) -> u64 {
        let pages = self.page_count();
        if duplex { pages.div_ceil(2) } else { pages }
    }

    /// Checks that the document has pages and that each is A4; `which` names it in errors.
    fn check(&self, which: impl Fn() -> DocumentRef) -> Result<(), PostError> {
        if self.page_count() == 0 {
            return Err(PostError::EmptyDocument { document: which() });
        }
        if let Pages::Sizes(sizes) = &self.pages {
            if let Some((index, size)) = sizes.iter().enumerate().find(|(_, size)| !is_a4(**size)) {
                return Err(PostError::NotA4 {
                    document: which(),
                    page: index as u64 + 1,
                    width_mm: size.width_mm,
                    height_mm: size.height_mm,
                });
            }
        }
        Ok(())
    }
}

/// A document as written in JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentJson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pages: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page_sizes_mm: Option<Vec<(Decimal, Decimal)>>,
}

impl TryFrom<DocumentJson> for Document {
    type Error = String;

    fn try_from(json: DocumentJson) -> Result<Document, String> {
        let pages = match (json.pages, json.page_sizes_mm) {
            (Some(count), None) => Pages::A4(count),
            (None, Some(sizes)) => Pages::Sizes(
                sizes
                    .into_iter()
                    .map(|(width_mm, height_mm)| PageSize {
                        width_mm,
                        height_mm,
                    })
                    .collect(),
            ),
            _ => {
                return Err(
                    "a document has either \"pages\" (a count of A4 pages) or \"page_sizes_mm\" (each page's [width, height]), not both or neither"
                        .to_string(),
                );
            }
        };
        Ok(Document {
            name: json.name,
            pages,
        })
    }
}

impl From<Document> for DocumentJson {
    fn from(document: Document) -> DocumentJson {
        let (pages, page_sizes_mm) = match document.pages {
            Pages::A4(count) => (Some(count), None),
            Pages::Sizes(sizes) => (
                None,
                Some(
                    sizes
                        .into_iter()
                        .map(|size| (size.width_mm, size.height_mm))
                        .collect(),
                ),
            ),
        };
        DocumentJson {
            name: document.name,
            pages,
            page_sizes_mm,
        }
    }
}

/// A white double-window envelope: US (the European DL-size "américain"), C5 or C4.
///
/// Each holds up to [`max_sheets`](Self::max_sheets) A4 sheets: US 6, C5 8, C4 25. US is small
/// format for the post, C5 and C4 large format ([`format`](Self::format); SPEC section 9,
/// **Decision**). Envelopes order from the smallest: `Us < C5 < C4`.
///
/// ```
/// use envoi::post::{Envelope, Format};
///
/// assert_eq!(Envelope::smallest_for(6)?, Envelope::Us);
/// assert_eq!(Envelope::smallest_for(7)?, Envelope::C5);
/// assert_eq!(Envelope::smallest_for(9)?, Envelope::C4);
/// assert_eq!(Envelope::C5.format(), Format::Large);
/// assert_eq!(serde_json::to_string(&Envelope::Us)?, "\"us\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Envelope {
    /// US ("américain", DL size, 110 × 220 mm): up to 6 sheets, small format.
    Us,
    /// C5 (162 × 229 mm): up to 8 sheets, large format.
    C5,
    /// C4 (229 × 324 mm): up to 25 sheets, large format.
    C4,
}

impl Envelope {
    /// Every envelope, smallest first.
    pub const ALL: [Envelope; 3] = [Envelope::Us, Envelope::C5, Envelope::C4];

    /// The most A4 sheets it holds: 6, 8 or 25.
    ///
    /// ```
    /// assert_eq!(envoi::post::Envelope::C4.max_sheets(), 25);
    /// ```
    pub fn max_sheets(self) -> u32 {
        match self {
            Envelope::Us => 6,
            Envelope::C5 => 8,
            Envelope::C4 => MAX_SHEETS,
        }
    }

    /// The post's format of a letter in this envelope: small for US, large for C5 and C4.
    ///
    /// ```
    /// use envoi::post::{Envelope, Format};
    /// assert_eq!(Envelope::Us.format(), Format::Small);
    /// ```
    pub fn format(self) -> Format {
        match self {
            Envelope::Us => Format::Small,
            Envelope::C5 | Envelope::C4 => Format::Large,
        }
    }

    /// The name used in JSON and by the bindings: `"us"`, `"c5"` or `"c4"`.
    ///
    /// ```
    /// assert_eq!(envoi::post::Envelope::C5.code(), "c5");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Envelope::Us => "us",
            Envelope::C5 => "c5",
            Envelope::C4 => "c4",
        }
    }

    /// The smallest envelope that holds `sheets` sheets.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::Envelope;
    /// assert_eq!(Envelope::smallest_for(25)?, Envelope::C4);
    /// assert_eq!(Envelope::smallest_for(26).unwrap_err().code(), "post.too_many_sheets");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::TooManySheets`] above [`MAX_SHEETS`], saying by how many.
    pub fn smallest_for(sheets: u64) -> Result<Envelope, PostError> {
        Envelope::ALL
            .into_iter()
            .find(|envelope| u64::from(envelope.max_sheets()) >= sheets)
            .ok_or(PostError::TooManySheets {
                sheets,
                max: MAX_SHEETS,
                over: sheets.saturating_sub(u64::from(MAX_SHEETS)),
            })
    }

    /// The envelope for `sheets` sheets: `forced` when given and large enough, else the smallest
    /// that holds them.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::Envelope;
    /// assert_eq!(Envelope::choose(3, Some(Envelope::C4))?, Envelope::C4);
    /// assert_eq!(Envelope::choose(3, None)?, Envelope::Us);
    /// assert_eq!(Envelope::choose(7, Some(Envelope::Us)).unwrap_err().code(), "post.envelope_too_small");
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::TooManySheets`] above [`MAX_SHEETS`] (whatever is forced);
    /// [`PostError::EnvelopeTooSmall`] when the forced envelope holds fewer sheets.
    pub fn choose(sheets: u64, forced: Option<Envelope>) -> Result<Envelope, PostError> {
        let smallest = Envelope::smallest_for(sheets)?;
        match forced {
            None => Ok(smallest),
            Some(envelope) if envelope >= smallest => Ok(envelope),
            Some(envelope) => Err(PostError::EnvelopeTooSmall {
                envelope,
                capacity: envelope.max_sheets(),
                sheets,
                over: sheets.saturating_sub(u64::from(envelope.max_sheets())),
                smallest_fitting: smallest,
            }),
        }
    }
}

impl fmt::Display for Envelope {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Envelope::Us => "US",
            Envelope::C5 => "C5",
            Envelope::C4 => "C4",
        })
    }
}

/// The post's format of a letter, which with the weight decides the postage: small (a US
/// envelope) or large (C5, C4).
///
/// ```
/// use envoi::post::Format;
/// assert_eq!(serde_json::to_string(&Format::Large)?, "\"large\"");
/// assert_eq!(Format::Small.to_string(), "small");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Small format (bpost's "normalised" letter: up to 125 × 235 mm, 5 mm thick, 50 g).
    Small,
    /// Large format (up to 230 × 350 mm, 30 mm thick, 2 kg).
    Large,
}

impl Format {
    /// Both formats, small first.
    pub const ALL: [Format; 2] = [Format::Small, Format::Large];

    /// `"small"` or `"large"`.
    ///
    /// ```
    /// assert_eq!(envoi::post::Format::Small.code(), "small");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Format::Small => "small",
            Format::Large => "large",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

/// A letter as the sender defines it, for one recipient or a whole job: documents, printing,
/// postage and options. The recipient's address is given apart (to [`quote`](super::quote), or as
/// a job's address list).
///
/// - `documents`: the main document first, then extra ones (flyer, reply coupon); each starts on a
///   new sheet and all count towards the sheets.
/// - `background`: a one-page A4 letterhead (fond-de-page) printed under every page of the main
///   document; it adds no sheet and no weight.
/// - `color`: the whole letter in colour (90 g/m² paper) or black and white (80 g/m²).
/// - `duplex`: two pages a sheet, for every document of the letter (SPEC **Decision**).
/// - `envelope`: forces an envelope; by default the smallest that fits.
/// - `acknowledgement`: an acknowledgement of receipt (registered mail only).
/// - `return_address`: the sender's address lines; required for registered mail.
///
/// In JSON every field but `documents` and `postage` may be left out (false or none).
///
/// ```
/// use envoi::post::{Document, Envelope, Letter, Postage};
///
/// let mut letter = Letter::new(vec![Document::a4(3), Document::a4(1).named("flyer")], Postage::Prior);
/// letter.duplex = true;
/// assert_eq!(letter.sheets()?, 3); // 2 + 1: the flyer starts on its own sheet
///
/// let parsed: Letter = serde_json::from_str(
///     r#"{"documents": [{"pages": 3}, {"pages": 1, "name": "flyer"}], "duplex": true, "postage": "prior"}"#,
/// )?;
/// assert_eq!(parsed, letter);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// The documents, main one first.
    pub documents: Vec<Document>,
    /// A one-page A4 background (fond-de-page) for every page of the main document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Document>,
    /// Colour (true) or black and white (false), for the whole letter.
    #[serde(default)]
    pub color: bool,
    /// Duplex (true: two pages a sheet) or simplex, for every document.
    #[serde(default)]
    pub duplex: bool,
    /// The postage asked for.
    pub postage: Postage,
    /// An acknowledgement of receipt (registered mail only).
    #[serde(default)]
    pub acknowledgement: bool,
    /// The envelope forced, if any; by default the smallest that fits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    /// The sender's return address lines (required for registered mail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_address: Option<Vec<String>>,
}

impl Letter {
    /// A letter of these documents with this postage: black and white, simplex, no background, no
    /// acknowledgement, no forced envelope, no return address.
    ///
    /// ```
    /// use envoi::post::{Document, Letter, Postage};
    /// let letter = Letter::new(vec![Document::a4(1)], Postage::NonPrior);
    /// assert!(!letter.color && !letter.duplex && letter.return_address.is_none());
    /// ```
    pub fn new(documents: Vec<Document>, postage: Postage) -> Letter {
        Letter {
            documents,
            background: None,
            color: false,
            duplex: false,
            postage,
            acknowledgement: false,
            envelope: None,
            return_address: None,
        }
    }

    /// Checks the documents: at least one, none empty, every page A4, and a background of exactly
    /// one A4 page. The first failure is returned, documents in order, pages in order.
    ///
    /// ```
    /// use envoi::ErrorCode;
    /// use envoi::post::{Document, Letter, PageSize, Postage};
    ///
    /// let coupon = Document::from_page_sizes(vec![PageSize::from_mm(210, 297), PageSize::from_mm(148, 210)])
    ///     .named("coupon");
    /// let letter = Letter::new(vec![Document::a4(2), coupon], Postage::Prior);
    /// let error = letter.check_documents().unwrap_err();
    /// assert_eq!(error.code(), "post.not_a4");
    /// assert_eq!(
    ///     error.to_string(),
    ///     "documents[1] (coupon), page 2: 148 × 210 mm is not A4 (210 × 297 mm ± 2 mm, either orientation)"
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`PostError::NoDocuments`], [`PostError::EmptyDocument`], [`PostError::NotA4`],
    /// [`PostError::BackgroundNotOnePage`].
    pub fn check_documents(&self) -> Result<(), PostError> {
        if self.documents.is_empty() {
            return Err(PostError::NoDocuments);
        }
        for (index, document) in self.documents.iter().enumerate() {
            document.check(|| DocumentRef::Document {
                index,
                name: document.name.clone(),
            })?;
        }
        if let Some(background) = &self.background {
            let pages = background.page_count();
            if pages != 1 {
                return Err(PostError::BackgroundNotOnePage { pages });
            }
            background.check(|| DocumentRef::Background)?;
        }
        Ok(())
    }

    /// The sheets the letter takes: the sum of its documents' sheets ([`Document::sheets`]), after
    /// [`check_documents`](Self::check_documents). The background adds none. Not checked against
    /// [`MAX_SHEETS`] (see [`pack`](Self::pack)).
    ///
    /// ```
    /// use envoi::post::{Document, Letter, Postage};
    /// let mut letter = Letter::new(vec![Document::a4(5), Document::a4(1)], Postage::Prior);
    /// assert_eq!(letter.sheets()?, 6);
    /// letter.duplex = true;
    /// assert_eq!(letter.sheets()?, 4); // 3 + 1
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`check_documents`](Self::check_documents).
    pub fn sheets(&self) -> Result<u64, PostError> {
        self.check_documents()?;
        Ok(self
            .documents
            .iter()
            .map(|document| document.sheets(self.duplex))
            .sum())
    }

    /// How the letter is printed and packed, with the envelope weights of `data`: sheets, envelope
    /// (the forced one, or the smallest that fits), format, paper and total weight.
    ///
    /// ```
    /// use envoi::post::{Document, Envelope, Format, Letter, PostData, Postage};
    /// use rust_decimal::Decimal;
    ///
    /// let mut letter = Letter::new(vec![Document::a4(7)], Postage::Prior);
    /// letter.color = true;
    /// let packing = letter.pack(PostData::builtin())?;
    /// assert_eq!((packing.sheets, packing.envelope, packing.format), (7, Envelope::C5, Format::Large));
    /// assert_eq!(packing.paper_grams, Decimal::new(392931, 4)); // 7 × 90 g/m² × 0.06237 m²
    /// assert_eq!(packing.weight_grams, packing.paper_grams + packing.envelope_grams);
    /// # Ok::<(), envoi::post::PostError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`sheets`](Self::sheets), then [`PostError::TooManySheets`] (over [`MAX_SHEETS`]),
    /// [`PostError::EnvelopeTooSmall`] (a forced envelope too small), [`PostError::TooHeavy`]
    /// (heavier than the format's heaviest weight band in `data`).
    pub fn pack(&self, data: &PostData) -> Result<Packing, PostError> {
        let sheets = self.sheets()?;
        let envelope = Envelope::choose(sheets, self.envelope)?;
        // The envelope holds at most MAX_SHEETS sheets, so the count fits a u32.
        let sheets = u32::try_from(sheets).map_err(|_| PostError::TooManySheets {
            sheets,
            max: MAX_SHEETS,
            over: sheets.saturating_sub(u64::from(MAX_SHEETS)),
        })?;
        let format = envelope.format();
        let paper_grams = paper_grams(sheets, self.color);
        let envelope_grams = data.envelope_grams(envelope);
        let weight_grams = (paper_grams + envelope_grams).normalize();
        data.check_weight(format, weight_grams)?;
        Ok(Packing {
            sheets,
            envelope,
            format,
            paper_grams,
            envelope_grams,
            weight_grams,
        })
    }
}

/// How a letter is printed and packed: what [`Letter::pack`] computes.
///
/// ```
/// use envoi::post::{Document, Envelope, Letter, PostData, Postage};
/// let packing = Letter::new(vec![Document::a4(1)], Postage::Prior).pack(PostData::builtin())?;
/// assert_eq!((packing.sheets, packing.envelope), (1, Envelope::Us));
/// # Ok::<(), envoi::post::PostError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packing {
    /// The A4 sheets printed.
    pub sheets: u32,
    /// The envelope.
    pub envelope: Envelope,
    /// The post's format (from the envelope).
    pub format: Format,
    /// The paper's weight in grams.
    pub paper_grams: Decimal,
    /// The envelope's weight in grams (from the post data).
    pub envelope_grams: Decimal,
    /// The letter's weight in grams: paper and envelope.
    pub weight_grams: Decimal,
}
