//! CSV records over the decoded text, with the line each starts on and the blank lines before it.
//!
//! Built on `csv-core` rather than `csv::Reader`: the latter skips blank lines without saying how
//! many and dates a record from the end of the previous one, while every blank line must be counted
//! and every row located.

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
    /// Every CR read as LF (a file whose first line ends with a lone CR, classic Mac OS).
    cr_lines: bool,
    /// The last byte the parser consumed (a record ended by CR may be followed by its LF).
    last_byte: u8,
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
            cr_lines: false,
            last_byte: b'\n',
            fields: vec![0; 1024],
            ends: vec![0; 32],
            len: 0,
        };
        let (first_line, terminator) = loop {
            if let Some(found) = first_line(&records.buffer[..records.end], records.eof) {
                break found;
            }
            if records.end == records.buffer.len() {
                // A first line longer than the buffer: sniff what there is.
                break (0..records.end, None);
            }
            let read = records.source.read(&mut records.buffer[records.end..])?;
            records.end += read;
            records.eof = read == 0;
        };
        if terminator == Some(b'\r') {
            records.cr_lines = true;
            translate_cr(&mut records.buffer[..records.end]);
        }
        records.delimiter =
            delimiter.unwrap_or_else(|| sniff_delimiter(&records.buffer[first_line]));
        records.core = ReaderBuilder::new().delimiter(records.delimiter).build();
        Ok(records)
    }

    /// The line the parser is on (after the last record and the line ends skipped).
    pub(super) fn line(&self) -> u64 {
        self.core.line()
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
            if self.cr_lines {
                translate_cr(&mut self.buffer[..read]);
            }
        }
        Ok(())
    }

    /// Skips the line ends before a record; counts the empty lines among them.
    fn skip_line_ends(&mut self) -> io::Result<u64> {
        let mut blank = 0;
        // The LF of a CR LF that ended the previous record is no blank line.
        let mut crlf_rest = self.last_byte == b'\r';
        loop {
            self.fill()?;
            if self.start == self.end {
                return Ok(blank);
            }
            match self.buffer[self.start] {
                b'\n' => {
                    if !crlf_rest {
                        blank += 1;
                    }
                    self.core.set_line(self.core.line() + 1);
                }
                b'\r' => {}
                _ => return Ok(blank),
            }
            crlf_rest = false;
            self.last_byte = self.buffer[self.start];
            self.start += 1;
        }
    }

    /// Reads the next record into `fields`/`ends`/`len`; `None` at the end of the input, with the
    /// trailing blank lines.
    pub(super) fn next_record(&mut self) -> io::Result<(Option<RecordStart>, u64)> {
        let blank_lines_before = self.skip_line_ends()?;
        if self.start == self.end {
            return Ok((None, blank_lines_before));
        }
        let line = self.core.line();
        let (mut out, mut ends) = (0, 0);
        loop {
            self.fill()?;
            let input = &self.buffer[self.start..self.end];
            let (result, read, written, ended) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[ends..]);
            if read > 0 {
                self.last_byte = input[read - 1];
            }
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
                    return Ok((
                        Some(RecordStart {
                            line,
                            blank_lines_before,
                        }),
                        0,
                    ));
                }
                ReadRecordResult::End => return Ok((None, blank_lines_before)),
            }
        }
    }

    /// The `index`-th field of the current record.
    pub(super) fn field(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.fields[start..self.ends[index]]
    }
}

/// The byte range of the first line with something other than line ends, and its terminator
/// (`None` at the end of the input), once the bytes seen hold it whole; quotes are respected.
fn first_line(bytes: &[u8], eof: bool) -> Option<(std::ops::Range<usize>, Option<u8>)> {
    let Some(start) = bytes.iter().position(|byte| !matches!(byte, b'\r' | b'\n')) else {
        // Nothing but line ends: at the end of the input, an empty first line.
        return eof.then_some((bytes.len()..bytes.len(), None));
    };
    let mut quoted = false;
    for (offset, byte) in bytes[start..].iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return Some((start..start + offset, Some(b'\n'))),
            b'\r' if !quoted => {
                return match bytes.get(start + offset + 1) {
                    Some(b'\n') => Some((start..start + offset, Some(b'\n'))),
                    Some(_) => Some((start..start + offset, Some(b'\r'))),
                    None if eof => Some((start..start + offset, Some(b'\n'))),
                    None => None,
                };
            }
            _ => {}
        }
    }
    eof.then_some((start..bytes.len(), None))
}

fn translate_cr(bytes: &mut [u8]) {
    for byte in bytes {
        if *byte == b'\r' {
            *byte = b'\n';
        }
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
    fn a_lone_cr_ends_lines_in_a_classic_mac_file() -> io::Result<()> {
        let mut records = Records::new(&b"a,b\rc,d\r\re,f"[..], None)?;
        let mut lines = Vec::new();
        while let (Some(start), _) = records.next_record()? {
            lines.push((start.line, start.blank_lines_before));
        }
        assert_eq!(lines, [(1, 0), (2, 0), (4, 1)]);
        Ok(())
    }
}
