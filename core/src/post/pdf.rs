//! Page count and page sizes of a PDF, so that a host can pass an uploaded file as it is (cargo
//! feature `pdf`): see [`pdf_page_sizes`].

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use thiserror::Error;

use super::PageSize;
use crate::error::ErrorCode;

/// How deep a page tree may nest (a real one has a few levels; this stops a crafted one).
const MAX_TREE_DEPTH: usize = 64;
/// The largest coordinate of a page box, in points (the PDF limit for a page is 14,400 units).
const MAX_COORDINATE: i64 = 10_000_000;
/// The largest `/UserUnit` (the PDF limit is 75,000 inches, 75,000 × 72 ≈ 5.4 million points).
const MAX_USER_UNIT: i64 = 100_000;

/// Why the pages of a PDF could not be read.
///
/// Pages count from 1, as a person reads them. [`ErrorCode::code`] gives the stable code
/// (`post.pdf_corrupt`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::post::pdf_page_sizes;
///
/// let error = pdf_page_sizes(b"%PDF-1.7 no more").unwrap_err();
/// assert_eq!(error.code(), "post.pdf_corrupt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The bytes are not a PDF that can be read (truncated, damaged, not a PDF at all).
    #[error("pdf: the file is not a readable PDF ({reason})")]
    Corrupt {
        /// What the reader found wrong.
        reason: String,
    },
    /// The PDF is encrypted (its trailer has an `/Encrypt` entry).
    #[error(
        "pdf: the file is encrypted; save it again without a password or restrictions so that it can be printed"
    )]
    Encrypted,
    /// The page tree holds no page.
    #[error("pdf: the file has no pages")]
    NoPages,
    /// A page without a `/MediaBox`, on itself or on the page tree above it.
    #[error(
        "pdf: page {page} has no /MediaBox (neither on the page nor on the page tree above it)"
    )]
    PageWithoutBox {
        /// The page, from 1.
        page: usize,
    },
    /// A page box, or the `/UserUnit` that scales it, that is not a usable rectangle.
    #[error("pdf: page {page}: /{name} {value} {rule}")]
    InvalidBox {
        /// The page, from 1.
        page: usize,
        /// `MediaBox`, `CropBox` or `UserUnit`.
        name: &'static str,
        /// The value as the file has it.
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
    /// A `/Rotate` that is not a whole multiple of 90.
    #[error("pdf: page {page}: /Rotate {value} is not a multiple of 90 degrees")]
    InvalidRotate {
        /// The page, from 1.
        page: usize,
        /// The value as the file has it.
        value: String,
    },
}

impl ErrorCode for PdfError {
    fn code(&self) -> &'static str {
        match self {
            PdfError::Corrupt { .. } => "post.pdf_corrupt",
            PdfError::Encrypted => "post.pdf_encrypted",
            PdfError::NoPages => "post.pdf_no_pages",
            PdfError::PageWithoutBox { .. } => "post.pdf_page_without_box",
            PdfError::InvalidBox { .. } => "post.pdf_invalid_box",
            PdfError::InvalidRotate { .. } => "post.pdf_invalid_rotate",
        }
    }
}

/// The size of every page of a PDF, in page order, as each prints; the page count is the length.
///
/// A page's size is the size it prints at: its crop box (the `/CropBox`, clipped to the
/// `/MediaBox`; the media box when it has none), both inherited from the page tree when the page
/// does not carry them, scaled by the page's `/UserUnit` (1/72 inch by default), with width and
/// height swapped when the page is turned a quarter (`/Rotate` 90 or 270, inherited too).
///
/// The PDF is read with lopdf. An encrypted PDF is refused even when it opens without a password:
/// the print shop must be able to read and print every page. Each other failure is its own
/// [`PdfError`].
///
/// ```
/// use envoi::post::{pdf_page_sizes, PageSize};
/// # use lopdf::{dictionary, Document, Object};
/// # fn a4_pdf() -> Vec<u8> {
/// #     let mut doc = Document::with_version("1.7");
/// #     let pages_id = doc.new_object_id();
/// #     let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
/// #     doc.objects.insert(pages_id, Object::Dictionary(dictionary! {
/// #         "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
/// #         "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
/// #     }));
/// #     let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
/// #     doc.trailer.set("Root", catalog_id);
/// #     let mut bytes = Vec::new();
/// #     doc.save_to(&mut bytes).unwrap();
/// #     bytes
/// # }
/// let sizes = pdf_page_sizes(&a4_pdf())?; // one page, MediaBox [0 0 595 842] on the page tree
/// assert_eq!(sizes.len(), 1);
/// assert_eq!(sizes[0].width_mm.round(), 210.into());
/// assert_eq!(sizes[0].height_mm.round(), 297.into());
/// # Ok::<(), envoi::post::PdfError>(())
/// ```
pub fn pdf_page_sizes(bytes: &[u8]) -> Result<Vec<PageSize>, PdfError> {
    let document = match Document::load_mem(bytes) {
        Ok(document) => document,
        // lopdf fails on some encryption dictionaries it cannot decode: still an encrypted file.
        Err(_) if contains(bytes, b"/Encrypt") => return Err(PdfError::Encrypted),
        Err(error) => {
            return Err(PdfError::Corrupt {
                reason: error.to_string(),
            });
        }
    };
    if document.is_encrypted() || document.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let root = document
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|root| dictionary(&document, root))
        .ok_or_else(|| corrupt("the trailer has no /Root catalog"))?;
    let pages = root
        .get(b"Pages")
        .ok()
        .and_then(|pages| resolve(&document, pages))
        .ok_or_else(|| corrupt("the catalog has no /Pages tree"))?;

    let mut sizes = Vec::new();
    let mut visited = HashSet::new();
    walk(
        &document,
        pages,
        Inherited::default(),
        0,
        &mut visited,
        &mut sizes,
    )?;
    if sizes.is_empty() {
        return Err(PdfError::NoPages);
    }
    Ok(sizes)
}

/// The attributes a page takes from the page tree above it when it does not carry them.
#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    media_box: Option<&'a Object>,
    crop_box: Option<&'a Object>,
    rotate: Option<&'a Object>,
}

impl<'a> Inherited<'a> {
    fn under(self, document: &'a Document, node: &'a Dictionary) -> Inherited<'a> {
        let own = |key: &[u8]| {
            node.get(key)
                .ok()
                .and_then(|value| resolve(document, value))
                .map(|(_, value)| value)
        };
        Inherited {
            media_box: own(b"MediaBox").or(self.media_box),
            crop_box: own(b"CropBox").or(self.crop_box),
            rotate: own(b"Rotate").or(self.rotate),
        }
    }
}

/// Walks the page tree from `node` in order, pushing each page's size.
fn walk<'a>(
    document: &'a Document,
    node: (Option<ObjectId>, &'a Object),
    inherited: Inherited<'a>,
    depth: usize,
    visited: &mut HashSet<ObjectId>,
    sizes: &mut Vec<PageSize>,
) -> Result<(), PdfError> {
    if depth > MAX_TREE_DEPTH {
        return Err(corrupt("the page tree is nested too deep"));
    }
    let (id, object) = node;
    if let Some(id) = id {
        if !visited.insert(id) {
            return Err(corrupt("the page tree refers to one of its nodes twice"));
        }
    }
    let dictionary = object
        .as_dict()
        .map_err(|_| corrupt("a node of the page tree is not a dictionary"))?;
    let inherited = inherited.under(document, dictionary);
    let kind = dictionary.get(b"Type").and_then(Object::as_name).ok();
    let kids = dictionary.get(b"Kids").ok();
    if kind == Some(b"Page".as_slice()) || (kind.is_none() && kids.is_none()) {
        let size = page_size(document, dictionary, inherited, sizes.len() + 1)?;
        sizes.push(size);
        return Ok(());
    }
    let kids = kids
        .and_then(|kids| resolve(document, kids))
        .and_then(|(_, kids)| kids.as_array().ok())
        .ok_or_else(|| corrupt("a /Pages node has no /Kids array"))?;
    for kid in kids {
        let kid = resolve(document, kid)
            .ok_or_else(|| corrupt("a /Kids entry refers to an object the file does not hold"))?;
        walk(document, kid, inherited, depth + 1, visited, sizes)?;
    }
    Ok(())
}

/// The printed size of one page (`number` from 1).
fn page_size(
    document: &Document,
    page: &Dictionary,
    inherited: Inherited<'_>,
    number: usize,
) -> Result<PageSize, PdfError> {
    let media_box = inherited
        .media_box
        .ok_or(PdfError::PageWithoutBox { page: number })?;
    let media = rectangle(document, media_box, number, "MediaBox")?;
    let visible = match inherited.crop_box {
        None => media,
        Some(crop_box) => {
            let crop = rectangle(document, crop_box, number, "CropBox")?;
            crop.clip(&media).ok_or_else(|| PdfError::InvalidBox {
                page: number,
                name: "CropBox",
                value: show(document, crop_box),
                rule: "lies outside the page's /MediaBox",
            })?
        }
    };
    let unit = user_unit(document, page, number)?;
    let width = (visible.right - visible.left) * unit;
    let height = (visible.top - visible.bottom) * unit;
    let quarter_turn = match inherited.rotate {
        None => false,
        Some(rotate) => {
            let degrees =
                whole_number(document, rotate).ok_or_else(|| PdfError::InvalidRotate {
                    page: number,
                    value: show(document, rotate),
                })?;
            match degrees.rem_euclid(360) {
                0 | 180 => false,
                90 | 270 => true,
                _ => {
                    return Err(PdfError::InvalidRotate {
                        page: number,
                        value: show(document, rotate),
                    });
                }
            }
        }
    };
    Ok(if quarter_turn {
        PageSize::from_points(height, width)
    } else {
        PageSize::from_points(width, height)
    })
}

/// A page box with its corners in order (left < right, bottom < top).
#[derive(Clone, Copy)]
struct Rectangle {
    left: Decimal,
    bottom: Decimal,
    right: Decimal,
    top: Decimal,
}

impl Rectangle {
    /// The part of `self` inside `outer`, or `None` when they do not overlap.
    fn clip(&self, outer: &Rectangle) -> Option<Rectangle> {
        let clipped = Rectangle {
            left: self.left.max(outer.left),
            bottom: self.bottom.max(outer.bottom),
            right: self.right.min(outer.right),
            top: self.top.min(outer.top),
        };
        (clipped.left < clipped.right && clipped.bottom < clipped.top).then_some(clipped)
    }
}

/// Reads a page box: an array of four numbers, two opposite corners in any order.
fn rectangle(
    document: &Document,
    object: &Object,
    page: usize,
    name: &'static str,
) -> Result<Rectangle, PdfError> {
    let invalid = |rule| PdfError::InvalidBox {
        page,
        name,
        value: show(document, object),
        rule,
    };
    let numbers = object
        .as_array()
        .map_err(|_| invalid("is not an array of four numbers"))?;
    let [x1, y1, x2, y2] = numbers.as_slice() else {
        return Err(invalid("is not an array of four numbers"));
    };
    let mut values = [Decimal::ZERO; 4];
    for (value, number) in values.iter_mut().zip([x1, y1, x2, y2]) {
        let number = resolve(document, number).map(|(_, number)| number);
        *value = number
            .and_then(decimal)
            .ok_or_else(|| invalid("is not an array of four numbers"))?;
        if value.abs() > Decimal::from(MAX_COORDINATE) {
            return Err(invalid("has a coordinate beyond 10,000,000 points"));
        }
    }
    let [x1, y1, x2, y2] = values;
    let rectangle = Rectangle {
        left: x1.min(x2),
        bottom: y1.min(y2),
        right: x1.max(x2),
        top: y1.max(y2),
    };
    if rectangle.left == rectangle.right || rectangle.bottom == rectangle.top {
        return Err(invalid("has no area"));
    }
    Ok(rectangle)
}

/// The page's `/UserUnit` (not inherited), 1 when it has none.
fn user_unit(document: &Document, page: &Dictionary, number: usize) -> Result<Decimal, PdfError> {
    let Some((_, object)) = page
        .get(b"UserUnit")
        .ok()
        .and_then(|object| resolve(document, object))
    else {
        return Ok(Decimal::ONE);
    };
    match decimal(object) {
        Some(unit) if unit > Decimal::ZERO && unit <= Decimal::from(MAX_USER_UNIT) => Ok(unit),
        _ => Err(PdfError::InvalidBox {
            page: number,
            name: "UserUnit",
            value: show(document, object),
            rule: "is not a positive number up to 100,000",
        }),
    }
}

/// A PDF number as a decimal (a real is a 32-bit float in lopdf; its excess digits are dropped).
fn decimal(object: &Object) -> Option<Decimal> {
    match object {
        Object::Integer(value) => Some(Decimal::from(*value)),
        Object::Real(value) => Decimal::from_f32(*value),
        _ => None,
    }
}

/// A whole number (a real without a fraction is accepted: some writers put `/Rotate 90.0`).
fn whole_number(document: &Document, object: &Object) -> Option<i64> {
    let (_, object) = resolve(document, object)?;
    match object {
        Object::Integer(value) => Some(*value),
        // Whole and well inside i64, so the conversion is exact.
        Object::Real(value) if value.fract() == 0.0 && value.abs() < 1e9 => Some(*value as i64),
        _ => None,
    }
}

/// Follows references to the object itself, with the id of the last one.
fn resolve<'a>(
    document: &'a Document,
    object: &'a Object,
) -> Option<(Option<ObjectId>, &'a Object)> {
    document.dereference(object).ok()
}

fn dictionary<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    resolve(document, object).and_then(|(_, object)| object.as_dict().ok())
}

/// A value as a message shows it: a number, or an array of numbers in brackets, cut to 80 characters.
fn show(document: &Document, object: &Object) -> String {
    let object = resolve(document, object).map_or(object, |(_, object)| object);
    let text = match object {
        Object::Integer(value) => value.to_string(),
        Object::Real(value) => value.to_string(),
        Object::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| match resolve(document, item).map(|(_, item)| item) {
                    Some(Object::Integer(value)) => value.to_string(),
                    Some(Object::Real(value)) => value.to_string(),
                    Some(other) => other.enum_variant().to_owned(),
                    None => "a missing object".to_owned(),
                })
                .collect();
            format!("[{}]", items.join(" "))
        }
        other => other.enum_variant().to_owned(),
    };
    text.chars().take(80).collect()
}

fn corrupt(reason: &str) -> PdfError {
    PdfError::Corrupt {
        reason: reason.to_owned(),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
