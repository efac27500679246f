//! CSV records over the decoded text, with the line each starts on and the blank lines before it.
//!
//! Built on `csv-core` rather than `csv::Reader`: the latter skips blank lines without saying how
//! many and dates a record from the end of the previous one, while every blank line must be counted
//! and every row located. A line ends at LF, CR LF or a lone CR (csv-core ends records at each of
//! them, but counts only LFs), so lines are counted here.

use std::io::{self, Read};

use csv_core::{ReadRecordResult, Reader as CsvCore, ReaderBuilder};

use super::decode::{DecodingReader, SourceEncoding};

const BUFFER: usize = 64 * 1024;

/// Where a record was found.
pub(super) struct RecordStart {
    /// The line of its first byte, counting from 1.
    pub(super) line: u64,
    /// Empty lines skipped just before it (not counting those before the header).
    pub(super) blank_lines_before: u64,
}

pub(super) struct Records<R> {
    source: DecodingReader<R>,
    core: CsvCore,
    delimiter: u8,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    lines: LineCounter,
    /// The line the previous record ended on (0 before the first).
    previous_end: u64,
    /// The current record's bytes and field ends, reused from row to row.
    pub(super) fields: Vec<u8>,
    pub(super) ends: Vec<usize>,
    pub(super) len: usize,
}

impl<R: Read> Records<R> {
    /// Reads until the first non-blank line is whole, then chooses the delimiter (unless given).
    pub(super) fn new(source: R, delimiter: Option<u8>) -> io::Result<Self> {
        let mut records = Records {
            source: DecodingReader::new(source),
            core: ReaderBuilder::new().build(),
            delimiter: b',',
            buffer: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            lines: LineCounter::default(),
            previous_end: 0,
            fields: vec![0; 1024],
            ends: vec![0; 32],
            len: 0,
        };
        let first_line = loop {
            if let Some(found) = first_line(&records.buffer[..records.end], records.eof) {
                break found;
            }
            if records.end == records.buffer.len() {
                // A first line longer than the buffer: sniff what there is.
                break 0..records.end;
            }
            let read = records.source.read(&mut records.buffer[records.end..])?;
            records.end += read;
            records.eof = read == 0;
        };
        records.delimiter =
            delimiter.unwrap_or_else(|| sniff_delimiter(&records.buffer[first_line]));
        records.core = ReaderBuilder::new().delimiter(records.delimiter).build();
        Ok(records)
    }

    /// The line the parser is on, counting from 1.
    pub(super) fn line(&self) -> u64 {
        self.lines.line()
    }

    pub(super) fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The encoding detected so far (ASCII so far reads as UTF-8 without BOM).
    pub(super) fn encoding(&self) -> SourceEncoding {
        self.source
            .encoding()
            .unwrap_or(SourceEncoding::Utf8 { bom: false })
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.start == self.end && !self.eof {
            self.start = 0;
            self.end = 0;
            let read = loop {
                match self.source.read(&mut self.buffer) {
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    other => break other?,
                }
            };
            self.end = read;
            self.eof = read == 0;
        }
        Ok(())
    }

    /// Skips the line ends before a record.
    fn skip_line_ends(&mut self) -> io::Result<()> {
        loop {
            self.fill()?;
            let input = &self.buffer[self.start..self.end];
            let skipped = input
                .iter()
                .position(|byte| !matches!(byte, b'\r' | b'\n'))
                .unwrap_or(input.len());
            self.lines.consume(&input[..skipped]);
            self.start += skipped;
            if self.start < self.end || self.eof {
                return Ok(());
            }
        }
    }

    /// Reads the next record into `fields`/`ends`/`len` with where it starts; `None` at the end of
    /// the input, with the number of blank lines after the last record.
    pub(super) fn next_record(&mut self) -> io::Result<(Option<RecordStart>, u64)> {
        self.skip_line_ends()?;
        if self.start == self.end {
            // The lines that exist: a line end at the very end opens no line.
            let last_line = self.lines.line() - u64::from(self.lines.ended_with_line_end());
            return Ok((None, last_line.saturating_sub(self.previous_end)));
        }
        let line = self.lines.line();
        let blank_lines_before = line - self.previous_end - 1;
        let (mut out, mut ends) = (0, 0);
        loop {
            self.fill()?;
            let input = &self.buffer[self.start..self.end];
            let (result, read, written, ended) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[ends..]);
            self.lines.consume(&input[..read]);
            self.start += read;
            out += written;
            ends += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    self.len = ends;
                    // Ended by a line end (consumed, so the counter is past it) or by the input's end.
                    self.previous_end =
                        self.lines.line() - u64::from(self.lines.ended_with_line_end());
                    return Ok((
                        Some(RecordStart {
                            line,
                            blank_lines_before,
                        }),
                        0,
                    ));
                }
                ReadRecordResult::End => return Ok((None, 0)),
            }
        }
    }

    /// The `index`-th field of the current record.
    pub(super) fn field(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.fields[start..self.ends[index]]
    }
}

/// The byte range of the first line with something other than line ends, once the bytes seen hold
/// it whole (quotes respected).
fn first_line(bytes: &[u8], eof: bool) -> Option<std::ops::Range<usize>> {
    let Some(start) = bytes.iter().position(|byte| !matches!(byte, b'\r' | b'\n')) else {
        // Nothing but line ends: at the end of the input, an empty first line.
        return eof.then_some(bytes.len()..bytes.len());
    };
    let mut quoted = false;
    for (offset, byte) in bytes[start..].iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => return Some(start..start + offset),
            _ => {}
        }
    }
    eof.then_some(start..bytes.len())
}

/// Counts lines over the bytes consumed: LF, CR LF and a lone CR each end one.
#[derive(Default)]
struct LineCounter {
    /// Line ends seen, a CR whose follower is unknown yet not included.
    ended: u64,
    /// The last byte consumed was a CR (a line end, unless an LF follows and makes it CR LF).
    pending_cr: bool,
    /// The last byte consumed was CR or LF.
    last_was_line_end: bool,
}

impl LineCounter {
    fn consume(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            match byte {
                b'\n' => {
                    self.ended += 1;
                    self.pending_cr = false;
                }
                b'\r' => {
                    self.ended += u64::from(self.pending_cr);
                    self.pending_cr = true;
                }
                _ => {
                    self.ended += u64::from(self.pending_cr);
                    self.pending_cr = false;
                }
            }
        }
        if let Some(last) = bytes.last() {
            self.last_was_line_end = matches!(last, b'\r' | b'\n');
        }
    }

    /// The line of the next byte, counting from 1 (a pending CR counts: whatever follows, it ended
    /// a line).
    fn line(&self) -> u64 {
        1 + self.ended + u64::from(self.pending_cr)
    }

    fn ended_with_line_end(&self) -> bool {
        self.last_was_line_end
    }
}

/// The delimiter of a header line: whichever of `,` `;` tab occurs most outside quotes; on a tie,
/// tab, then `;`, then `,` (the rarer in header names, the likelier the delimiter); none: `,`.
pub(super) fn sniff_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in line {
        match byte {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b'\t', b';', b','];
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return b',';
    }
    candidates[counts.iter().position(|count| *count == best).unwrap_or(2)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_counts_outside_quotes_and_breaks_ties_tab_semicolon_comma() {
        assert_eq!(sniff_delimiter(b"Nom;Prenom;GSM"), b';');
        assert_eq!(sniff_delimiter(b"\"Nom, prenom\";GSM"), b';');
        assert_eq!(sniff_delimiter(b"a,b;c"), b';');
        assert_eq!(sniff_delimiter(b"a,b\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"Email"), b',');
    }

    #[test]
    fn records_know_their_line_and_the_blank_lines_before() -> io::Result<()> {
        let text = b"\r\nh1;h2\r\na;b\r\n\r\n\r\n\"c\r\nd\";e\r\n;\r\nf;g\r\n\r\n";
        let mut records = Records::new(&text[..], None)?;
        assert_eq!(records.delimiter(), b';');
        let mut seen = Vec::new();
        loop {
            let (start, trailing) = records.next_record()?;
            match start {
                Some(start) => seen.push((start.line, start.blank_lines_before, records.len)),
                None => {
                    seen.push((0, trailing, 0));
                    break;
                }
            }
        }
        // The blank line before the header is counted too: the importer ignores it.
        assert_eq!(
            seen,
            [
                (2, 1, 2),
                (3, 0, 2),
                (6, 2, 2),
                (8, 0, 2),
                (9, 0, 2),
                (0, 1, 0)
            ]
        );
        Ok(())
    }

    #[test]
    fn a_lone_cr_ends_a_line_anywhere() -> io::Result<()> {
        let mut records = Records::new(&b"a,b\rc,d\r\re,f\n\"g\rh\"\r\ni\r\r"[..], None)?;
        let mut lines = Vec::new();
        loop {
            match records.next_record()? {
                (Some(start), _) => lines.push((start.line, start.blank_lines_before)),
                (None, trailing) => {
                    lines.push((0, trailing));
                    break;
                }
            }
        }
        assert_eq!(lines, [(1, 0), (2, 0), (4, 1), (5, 0), (7, 0), (0, 1)]);
        Ok(())
    }
}
