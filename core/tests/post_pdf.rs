//! Page sizes read from a PDF (cargo feature `pdf`): the boxes, their inheritance and /Rotate, and a
//! clear error for every file that cannot be read. The PDFs are written here with lopdf.
#![cfg(feature = "pdf")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use envoi::ErrorCode;
use envoi::post::{PageSize, PdfError, pdf_page_sizes};
use lopdf::encryption::crypt_filters::{Aes128CryptFilter, CryptFilter};
use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
use lopdf::{Dictionary, Document, Object, dictionary};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

const A4: [i64; 4] = [0, 0, 595, 842];
const A4_LANDSCAPE: [i64; 4] = [0, 0, 842, 595];
const LETTER: [i64; 4] = [0, 0, 612, 792];

fn rect(values: [i64; 4]) -> Object {
    Object::Array(values.iter().map(|&v| Object::Integer(v)).collect())
}

/// A document whose page tree root has `tree` and whose pages have the given dictionaries, one
/// page each, directly under the root.
fn document(tree: Dictionary, pages: Vec<Dictionary>) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for mut page in pages {
        page.set("Type", "Page");
        page.set("Parent", pages_id);
        kids.push(doc.add_object(page).into());
    }
    let mut root = tree;
    root.set("Type", "Pages");
    root.set("Count", kids.len() as i64);
    root.set("Kids", kids);
    doc.objects.insert(pages_id, Object::Dictionary(root));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn bytes(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn pdf(tree: Dictionary, pages: Vec<Dictionary>) -> Vec<u8> {
    bytes(document(tree, pages))
}

fn page(media_box: [i64; 4]) -> Dictionary {
    dictionary! { "MediaBox" => rect(media_box) }
}

fn mm(size: &PageSize) -> (Decimal, Decimal) {
    (size.width_mm.round_dp(1), size.height_mm.round_dp(1))
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

const A4_MM: (&str, &str) = ("209.9", "297.0");

fn sizes_mm(bytes: &[u8]) -> Vec<(Decimal, Decimal)> {
    pdf_page_sizes(bytes).unwrap().iter().map(mm).collect()
}

#[test]
fn a4_portrait() {
    let file = pdf(Dictionary::new(), vec![page(A4), page(A4), page(A4)]);
    let sizes = sizes_mm(&file);
    assert_eq!(sizes, vec![(dec(A4_MM.0), dec(A4_MM.1)); 3]);
}

#[test]
fn a4_landscape_by_its_media_box() {
    let file = pdf(Dictionary::new(), vec![page(A4), page(A4_LANDSCAPE)]);
    assert_eq!(sizes_mm(&file)[1], (dec(A4_MM.1), dec(A4_MM.0)));
}

#[test]
fn a4_landscape_by_rotate_90_and_270_and_back_by_180() {
    let mut pages = Vec::new();
    for rotate in [90, 270, -90, 450, 180, 0, 360] {
        let mut p = page(A4);
        p.set("Rotate", rotate);
        pages.push(p);
    }
    let mut real = page(A4);
    real.set("Rotate", Object::Real(90.0));
    pages.push(real);
    let portrait = (dec(A4_MM.0), dec(A4_MM.1));
    let landscape = (dec(A4_MM.1), dec(A4_MM.0));
    assert_eq!(
        sizes_mm(&pdf(Dictionary::new(), pages)),
        vec![
            landscape, landscape, landscape, landscape, portrait, portrait, portrait, landscape
        ]
    );
}

#[test]
fn rotate_is_inherited_from_the_page_tree() {
    let tree = dictionary! { "Rotate" => 90 };
    let mut upright = page(A4);
    upright.set("Rotate", 0);
    let sizes = sizes_mm(&pdf(tree, vec![page(A4), upright]));
    assert_eq!(
        sizes,
        vec![(dec(A4_MM.1), dec(A4_MM.0)), (dec(A4_MM.0), dec(A4_MM.1))]
    );
}

#[test]
fn a_rotate_that_is_not_a_quarter_turn_is_refused() {
    for value in [
        Object::Integer(45),
        Object::Real(90.5),
        Object::Name(b"Ninety".to_vec()),
    ] {
        let mut p = page(A4);
        p.set("Rotate", value);
        let error = pdf_page_sizes(&pdf(Dictionary::new(), vec![page(A4), p])).unwrap_err();
        assert_eq!(error.code(), "post.pdf_invalid_rotate");
        assert!(
            matches!(error, PdfError::InvalidRotate { page: 2, .. }),
            "{error:?}"
        );
    }
}

#[test]
fn the_crop_box_wins_over_the_media_box_and_is_clipped_to_it() {
    // A4 page on a larger sheet (bleed), cropped to A4.
    let mut bleed = page([0, 0, 700, 950]);
    bleed.set("CropBox", rect([50, 50, 645, 892]));
    // A crop box larger than its media box is clipped to the media box.
    let mut larger = page(A4);
    larger.set("CropBox", rect([-100, -100, 1000, 1000]));
    // Corners given in any order.
    let mut reversed = page([595, 842, 0, 0]);
    reversed.set("CropBox", rect([595, 0, 0, 842]));
    let sizes = sizes_mm(&pdf(Dictionary::new(), vec![bleed, larger, reversed]));
    assert_eq!(sizes, vec![(dec(A4_MM.0), dec(A4_MM.1)); 3]);

    // Smaller than A4: an A5 crop of an A4 media box.
    let mut a5 = page(A4);
    a5.set("CropBox", rect([0, 0, 420, 595]));
    assert_eq!(
        sizes_mm(&pdf(Dictionary::new(), vec![a5])),
        vec![(dec("148.2"), dec(A4_MM.0))]
    );
}

#[test]
fn a_crop_box_outside_the_media_box_is_refused() {
    let mut p = page(A4);
    p.set("CropBox", rect([1000, 1000, 1200, 1200]));
    let error = pdf_page_sizes(&pdf(Dictionary::new(), vec![p])).unwrap_err();
    assert_eq!(error.code(), "post.pdf_invalid_box");
    assert_eq!(
        error.to_string(),
        "pdf: page 1: /CropBox [1000 1000 1200 1200] lies outside the page's /MediaBox"
    );
}

#[test]
fn boxes_are_inherited_from_the_page_tree() {
    // MediaBox on the root of the tree, CropBox on an intermediate node.
    let mut doc = Document::with_version("1.7");
    let root_id = doc.new_object_id();
    let middle_id = doc.new_object_id();
    let first = doc.add_object(dictionary! { "Type" => "Page", "Parent" => middle_id });
    let second = doc.add_object(dictionary! { "Type" => "Page", "Parent" => root_id });
    doc.objects.insert(
        middle_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Parent" => root_id, "Kids" => vec![first.into()], "Count" => 1,
            "CropBox" => rect([0, 0, 612, 792]),
        }),
    );
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![middle_id.into(), second.into()], "Count" => 2,
            "MediaBox" => rect([0, 0, 700, 900]),
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root_id });
    doc.trailer.set("Root", catalog);
    let sizes = sizes_mm(&bytes(doc));
    // The first page takes the Letter crop box of its parent; the second the root's media box.
    assert_eq!(
        sizes,
        vec![(dec("215.9"), dec("279.4")), (dec("246.9"), dec("317.5"))]
    );
}

#[test]
fn letter_size_is_read_as_it_is() {
    let sizes = pdf_page_sizes(&pdf(
        dictionary! { "MediaBox" => rect(LETTER) },
        vec![Dictionary::new()],
    ))
    .unwrap();
    assert_eq!(
        sizes,
        vec![PageSize {
            width_mm: dec("215.9"),
            height_mm: dec("279.4")
        }]
    );
}

#[test]
fn real_numbers_and_user_units() {
    let mut p = dictionary! {
        "MediaBox" => Object::Array(vec![0.into(), 0.into(), Object::Real(595.276), Object::Real(841.89)]),
    };
    let exact = pdf_page_sizes(&pdf(Dictionary::new(), vec![p.clone()])).unwrap();
    assert_eq!(mm(&exact[0]), (dec("210.0"), dec("297.0")));
    p.set("UserUnit", 2);
    let doubled = pdf_page_sizes(&pdf(Dictionary::new(), vec![p.clone()])).unwrap();
    assert_eq!(mm(&doubled[0]), (dec("420.0"), dec("594.0")));
    p.set("UserUnit", 0);
    let error = pdf_page_sizes(&pdf(Dictionary::new(), vec![p])).unwrap_err();
    assert!(
        matches!(
            error,
            PdfError::InvalidBox {
                page: 1,
                name: "UserUnit",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_page_without_a_box_is_refused() {
    let error =
        pdf_page_sizes(&pdf(Dictionary::new(), vec![page(A4), Dictionary::new()])).unwrap_err();
    assert_eq!(error, PdfError::PageWithoutBox { page: 2 });
    assert_eq!(error.code(), "post.pdf_page_without_box");
    assert_eq!(
        error.to_string(),
        "pdf: page 2 has no /MediaBox (neither on the page nor on the page tree above it)"
    );
}

#[test]
fn a_box_that_is_not_a_rectangle_is_refused() {
    let cases = [
        (rect([0, 0, 595, 0]), "has no area"),
        (
            Object::Array(vec![0.into(), 0.into(), 595.into()]),
            "is not an array of four numbers",
        ),
        (
            Object::Array(vec![
                0.into(),
                0.into(),
                595.into(),
                Object::Name(b"A4".to_vec()),
            ]),
            "is not an array of four numbers",
        ),
        (Object::Integer(595), "is not an array of four numbers"),
        (
            rect([0, 0, 595, 100_000_000_000]),
            "has a coordinate beyond 10,000,000 points",
        ),
        (
            Object::Array(vec![0.into(), 0.into(), Object::Real(2.0e7), 842.into()]),
            "has a coordinate beyond 10,000,000 points",
        ),
    ];
    for (value, expected) in cases {
        let error = pdf_page_sizes(&pdf(
            Dictionary::new(),
            vec![dictionary! { "MediaBox" => value }],
        ))
        .unwrap_err();
        assert_eq!(error.code(), "post.pdf_invalid_box", "{expected}: {error}");
        let PdfError::InvalidBox {
            page, name, rule, ..
        } = error
        else {
            panic!()
        };
        assert_eq!((page, name, rule), (1, "MediaBox", expected));
    }
}

#[test]
fn a_pdf_without_pages_is_refused() {
    let error = pdf_page_sizes(&pdf(Dictionary::new(), vec![])).unwrap_err();
    assert_eq!(error, PdfError::NoPages);
    assert_eq!(error.code(), "post.pdf_no_pages");
}

#[test]
fn an_encrypted_pdf_is_refused() {
    // An /Encrypt entry in the trailer, whatever it holds.
    let mut doc = document(Dictionary::new(), vec![page(A4)]);
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 1, "R" => 2, "P" => -4,
        "O" => Object::string_literal(vec![0u8; 32]), "U" => Object::string_literal(vec![0u8; 32]),
    });
    doc.trailer.set("Encrypt", encrypt);
    let error = pdf_page_sizes(&bytes(doc)).unwrap_err();
    assert_eq!(error, PdfError::Encrypted);
    assert_eq!(error.code(), "post.pdf_encrypted");

    // Really encrypted, with and without a user password (one that opens without a password is
    // refused too: it may forbid printing).
    for user_password in ["", "secret"] {
        let mut doc = document(Dictionary::new(), vec![page(A4)]);
        doc.trailer.set(
            "ID",
            Object::Array(vec![
                Object::string_literal(b"0123456789abcdef".to_vec());
                2
            ]),
        );
        let filter: Arc<dyn CryptFilter> = Arc::new(Aes128CryptFilter);
        let version = EncryptionVersion::V4 {
            document: &doc,
            encrypt_metadata: true,
            crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
            stream_filter: b"StdCF".to_vec(),
            string_filter: b"StdCF".to_vec(),
            owner_password: "owner",
            user_password,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        assert_eq!(
            pdf_page_sizes(&bytes(doc)),
            Err(PdfError::Encrypted),
            "{user_password:?}"
        );
    }
}

#[test]
fn truncated_and_garbage_bytes_are_corrupt() {
    let file = pdf(Dictionary::new(), vec![page(A4)]);
    for length in [0, 1, 8, file.len() / 2, file.len() - 20] {
        let error = pdf_page_sizes(&file[..length]).unwrap_err();
        assert_eq!(error.code(), "post.pdf_corrupt", "{length} bytes: {error}");
    }
    for garbage in [
        &b"hello"[..],
        b"%PDF-1.7\n%%EOF",
        b"\x00\xff\x10\x80",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ] {
        let error = pdf_page_sizes(garbage).unwrap_err();
        assert_eq!(error.code(), "post.pdf_corrupt", "{garbage:?}: {error}");
        assert!(
            error
                .to_string()
                .starts_with("pdf: the file is not a readable PDF (")
        );
    }
}

#[test]
fn a_page_tree_that_loops_is_corrupt() {
    let mut doc = Document::with_version("1.7");
    let root_id = doc.new_object_id();
    let page_id = doc
        .add_object(dictionary! { "Type" => "Page", "Parent" => root_id, "MediaBox" => rect(A4) });
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into(), root_id.into()], "Count" => 2,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root_id });
    doc.trailer.set("Root", catalog);
    let error = pdf_page_sizes(&bytes(doc)).unwrap_err();
    assert_eq!(error.code(), "post.pdf_corrupt");
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (PdfError::Corrupt { reason: "x".into() }, "post.pdf_corrupt"),
        (PdfError::Encrypted, "post.pdf_encrypted"),
        (PdfError::NoPages, "post.pdf_no_pages"),
        (
            PdfError::PageWithoutBox { page: 1 },
            "post.pdf_page_without_box",
        ),
        (
            PdfError::InvalidBox {
                page: 1,
                name: "MediaBox",
                value: "[]".into(),
                rule: "r",
            },
            "post.pdf_invalid_box",
        ),
        (
            PdfError::InvalidRotate {
                page: 1,
                value: "45".into(),
            },
            "post.pdf_invalid_rotate",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code);
        assert!(!error.to_string().is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any page box in points reads back as its size in millimetres, with width and height swapped
    /// by a quarter turn.
    #[test]
    fn any_box_reads_back(x in -5000i64..5000, y in -5000i64..5000, w in 1i64..20000, h in 1i64..20000, quarter in 0i64..8) {
        let mut p = page([x, y, x + w, y + h]);
        p.set("Rotate", quarter * 90);
        let sizes = pdf_page_sizes(&pdf(Dictionary::new(), vec![p])).unwrap();
        let expected = if quarter % 2 == 1 {
            PageSize::from_points(Decimal::from(h), Decimal::from(w))
        } else {
            PageSize::from_points(Decimal::from(w), Decimal::from(h))
        };
        prop_assert_eq!(sizes, vec![expected]);
    }

    /// Flipping bytes of a valid file never panics: it reads, or fails with a post.pdf_ code.
    #[test]
    fn damaged_files_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut file = pdf(Dictionary::new(), vec![page(A4), page(LETTER)]);
        for (index, byte) in flips {
            let at = index.index(file.len());
            file[at] = byte;
        }
        match pdf_page_sizes(&file) {
            Ok(sizes) => prop_assert!(!sizes.is_empty()),
            Err(error) => prop_assert!(error.code().starts_with("post.pdf_")),
        }
    }
}

#[test]
fn the_fuzz_seeds_are_valid() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/seeds/post_pdf");
    let a4 = std::fs::read(format!("{seeds}/a4_inherited")).unwrap();
    let sizes = sizes_mm(&a4);
    assert_eq!(
        sizes,
        vec![(dec(A4_MM.0), dec(A4_MM.1)), (dec("290.0"), dec("203.0"))]
    );
    let letter = std::fs::read(format!("{seeds}/letter_nested")).unwrap();
    assert_eq!(sizes_mm(&letter), vec![(dec("279.4"), dec("215.9"))]);
}
