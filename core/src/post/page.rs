//! The size of one page of a document.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The size of one page, in millimetres, as printed (width × height of the page as it reads, so a
/// landscape page is wider than tall).
///
/// Sizes are decimals: a PDF gives them in points (1/72 inch), which [`PageSize::from_points`]
/// converts exactly enough for the ± 2 mm tolerance of the A4 rule.
///
/// ```
/// use envoi::post::PageSize;
/// use rust_decimal::Decimal;
///
/// let a4 = PageSize::from_mm(210, 297);
/// assert_eq!(a4.width_mm, Decimal::from(210));
/// // An A4 page of a PDF: 595 × 842 points.
/// let pdf = PageSize::from_points(Decimal::from(595), Decimal::from(842));
/// assert_eq!(pdf.width_mm.round_dp(1), Decimal::new(2099, 1));
/// assert_eq!(pdf.height_mm.round_dp(1), Decimal::new(2970, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageSize {
    /// The width in millimetres.
    pub width_mm: Decimal,
    /// The height in millimetres.
    pub height_mm: Decimal,
}

impl PageSize {
    /// A page of `width_mm` × `height_mm` whole millimetres.
    ///
    /// ```
    /// use envoi::post::PageSize;
    /// assert_eq!(PageSize::from_mm(297, 210), PageSize::from_mm(297, 210));
    /// ```
    pub fn from_mm(width_mm: u32, height_mm: u32) -> PageSize {
        PageSize {
            width_mm: Decimal::from(width_mm),
            height_mm: Decimal::from(height_mm),
        }
    }

    /// A page of `width` × `height` PostScript points (1/72 inch, the unit of a PDF's boxes),
    /// converted to millimetres (25.4 mm per inch), to the nearest 0.0001 mm.
    ///
    /// ```
    /// use envoi::post::PageSize;
    /// use rust_decimal::Decimal;
    /// let letter = PageSize::from_points(Decimal::from(612), Decimal::from(792));
    /// assert_eq!(letter.width_mm, Decimal::new(2159, 1)); // 8.5 in
    /// ```
    pub fn from_points(width: Decimal, height: Decimal) -> PageSize {
        // 1 pt = 25.4 / 72 mm = 254 / 720 mm; multiplying first keeps whole results exact.
        // A size past 10^26 points (no paper has one) saturates at the decimal's maximum rather
        // than overflowing.
        let mm = |points: Decimal| {
            (points
                .abs()
                .checked_mul(Decimal::from(254))
                .unwrap_or(Decimal::MAX)
                / Decimal::from(720))
            .round_dp(4)
            .normalize()
        };
        PageSize {
            width_mm: mm(width),
            height_mm: mm(height),
        }
    }
}
