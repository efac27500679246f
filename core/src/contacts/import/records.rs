//! CSV records over the decoded text, with the line each starts on and the blank lines before it.
//!
//! Built on `csv-core` rather than `csv::Reader`: the latter skips blank lines without saying how
//! many and dates a record from the end of the previous one, while every blank line must be counted
//! and every row located. A line ends at LF, CR LF or a lone CR (csv-core ends records at each of
//! them, but counts only LFs), so lines are counted here.
//!
//! A record may hold at most [`MAX_ROW_BYTES`]. Its text is kept as read (`raw`) so that a record
//! that breaks that limit, or that the end of the input finds inside quotes, can be given up: it
//! ends at the first line end after the quote that never closed (or after the limit), and the
//! bytes after that line end are read again as records ([`RecordProblem`]).

use std::io::{self, Read};

use csv_core::{ReadRecordResult, Reader as CsvCore, ReaderBuilder};

use super::decode::{DecodingReader, SourceEncoding};

const BUFFER: usize = 64 * 1024;

/// The most bytes of text (UTF-8 after decoding, quotes and line ends included) one row may take:
/// 256 KiB. A longer row is given up (`contacts.import.unterminated_quote` when a quote is open,
/// else `contacts.import.row_too_long`; see the [module documentation](super)).
///
/// Excel caps a cell at 32,767 characters (at most 98,301 bytes of UTF-8), so a row with two full
/// cells still fits; a row that reaches the limit is almost always a quote that was never closed.
///
/// ```
/// assert_eq!(envoi::contacts::import::MAX_ROW_BYTES, 262_144);
/// ```
pub const MAX_ROW_BYTES: usize = 256 * 1024;

/// Where a record was found.
pub(super) struct RecordStart {
    /// The line of its first byte, counting from 1.
    pub(super) line: u64,
    /// Empty lines skipped just before it (not counting those before the header).
    pub(super) blank_lines_before: u64,
    /// Why the record was given up (its fields are then not to be read).
    pub(super) problem: Option<RecordProblem>,
}

/// A record given up: it ends at the first line end after the point of failure, and what follows
/// is read again as records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RecordProblem {
    /// A quote opened on `quote_line`, at the start of the `field`-th field (from 0), was still
    /// open at the end of the input or after [`MAX_ROW_BYTES`]. `text` is what follows the quote
    /// on its line.
    UnterminatedQuote {
        quote_line: u64,
        field: usize,
        text: String,
    },
    /// More than [`MAX_ROW_BYTES`] without an open quote (a line that long). `text` is its start.
    TooLong { text: String },
}

/// How many characters of a given-up record [`RecordProblem`] keeps.
const PROBLEM_TEXT: usize = 200;

pub(super) struct Records<R> {
    source: DecodingReader<R>,
    core: CsvCore,
    delimiter: u8,
    /// Never shorter than [`BUFFER`] (longer while bytes are read again after a record given up).
    buffer: Vec<u8>,
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
    /// The current record's text as read, line ends included (at most `MAX_ROW_BYTES + 1`).
    raw: Vec<u8>,
}

impl<R: Read> Records<R> {
    /// Reads until the first non-blank line is whole, then chooses the delimiter (unless given).
    pub(super) fn new(source: R, delimiter: Option<u8>) -> io::Result<Self> {
        let mut records = Records {
            source: DecodingReader::new(source),
            core: ReaderBuilder::new().build(),
            delimiter: b',',
            buffer: vec![0; BUFFER],
            start: 0,
            end: 0,
            eof: false,
            lines: LineCounter::default(),
            previous_end: 0,
            fields: vec![0; 1024],
            ends: vec![0; 32],
            len: 0,
            raw: Vec::with_capacity(1024),
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
        self.raw.clear();
        loop {
            if self.raw.len() > MAX_ROW_BYTES {
                let problem = self.give_up(line)?;
                return Ok((Some(problem.at(line, blank_lines_before)), 0));
            }
            self.fill()?;
            // Never more than one byte past the limit (and never an empty input, which csv-core
            // takes for the end of the input, unless it is).
            let room = MAX_ROW_BYTES + 1 - self.raw.len();
            let input = &self.buffer[self.start..self.end.min(self.start + room)];
            let (result, read, written, ended) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[ends..]);
            self.raw.extend_from_slice(&input[..read]);
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
                    // Ended by the end of the input inside quotes: csv-core yields what it has.
                    if self.eof
                        && self.start == self.end
                        && open_quote(&self.raw, self.delimiter).is_some()
                    {
                        let problem = self.give_up(line)?;
                        return Ok((Some(problem.at(line, blank_lines_before)), 0));
                    }
                    self.len = ends;
                    // Ended by a line end (consumed, so the counter is past it) or by the input's end.
                    self.previous_end =
                        self.lines.line() - u64::from(self.lines.ended_with_line_end());
                    return Ok((
                        Some(RecordStart {
                            line,
                            blank_lines_before,
                            problem: None,
                        }),
                        0,
                    ));
                }
                ReadRecordResult::End => return Ok((None, 0)),
            }
        }
    }

    /// Gives the current record (started on `line`, its text in `raw`) up: finds why, ends it at
    /// the first line end after the open quote (or after the limit), and sets the reader to read
    /// what follows that line end again.
    fn give_up(&mut self, line: u64) -> io::Result<RecordProblem> {
        self.len = 0;
        self.core.reset();
        let (problem, from) = match open_quote(&self.raw, self.delimiter) {
            Some((offset, field)) => {
                let mut lines = LineCounter::starting_at(line);
                lines.consume(&self.raw[..offset]);
                let after = &self.raw[offset + 1..];
                let line_end = after
                    .iter()
                    .position(|byte| matches!(byte, b'\r' | b'\n'))
                    .map(|position| offset + 1 + position);
                let text = &self.raw[offset + 1..line_end.unwrap_or(self.raw.len())];
                let problem = RecordProblem::UnterminatedQuote {
                    quote_line: lines.line(),
                    field,
                    text: problem_text(text),
                };
                (problem, line_end)
            }
            None => {
                let text = problem_text(&self.raw);
                (RecordProblem::TooLong { text }, None)
            }
        };
        match from {
            Some(line_end) => {
                // Read again what follows the line end: the record's bytes after it, then the
                // buffered input.
                let again = line_end + 1;
                let mut lines = LineCounter::starting_at(line);
                lines.consume(&self.raw[..again]);
                self.lines = lines;
                let mut buffer = Vec::with_capacity(BUFFER.max(self.raw.len() - again + self.end));
                buffer.extend_from_slice(&self.raw[again..]);
                buffer.extend_from_slice(&self.buffer[self.start..self.end]);
                self.end = buffer.len();
                self.start = 0;
                buffer.resize(buffer.len().max(BUFFER), 0);
                self.buffer = buffer;
            }
            None => {
                // Skip to the end of the line the reader is on.
                loop {
                    self.fill()?;
                    if self.start == self.end {
                        break;
                    }
                    let input = &self.buffer[self.start..self.end];
                    match input.iter().position(|byte| matches!(byte, b'\r' | b'\n')) {
                        Some(position) => {
                            self.lines.consume(&input[..=position]);
                            self.start += position + 1;
                            break;
                        }
                        None => {
                            self.lines.consume(input);
                            self.start = self.end;
                        }
                    }
                }
            }
        }
        self.previous_end = self.lines.line() - u64::from(self.lines.ended_with_line_end());
        Ok(problem)
    }

    /// The `index`-th field of the current record.
    pub(super) fn field(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.fields[start..self.ends[index]]
    }
}

impl RecordProblem {
    fn at(self, line: u64, blank_lines_before: u64) -> RecordStart {
        RecordStart {
            line,
            blank_lines_before,
            problem: Some(self),
        }
    }
}

/// Up to [`PROBLEM_TEXT`] characters of a record's text, for an error message.
fn problem_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(PROBLEM_TEXT * 4)])
        .chars()
        .take(PROBLEM_TEXT)
        .collect()
}

/// Where a record's text (from its first byte) is left inside quotes: the offset of the quote that
/// opened them and the field it opened (from 0); `None` if it is not. The same reading as csv-core
/// (a quote opens quotes only at the start of a field; inside them `""` is a quote and a quote
/// followed by anything else closes them).
fn open_quote(record: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum State {
        StartField,
        InField,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::StartField;
    let (mut field, mut opened) = (0, (0, 0));
    for (offset, &byte) in record.iter().enumerate() {
        state = match state {
            State::Quoted if byte == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if byte == b'"' => State::Quoted,
            State::StartField if byte == b'"' => {
                opened = (offset, field);
                State::Quoted
            }
            _ if byte == delimiter => {
                field += 1;
                State::StartField
            }
            // A line end outside quotes ends the record: only the last bytes can be one.
            _ if matches!(byte, b'\r' | b'\n') => State::StartField,
            _ => State::InField,
        };
    }
    (state == State::Quoted).then_some(opened)
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
    /// A counter whose next byte is on `line`, at the start of it.
    fn starting_at(line: u64) -> Self {
        LineCounter {
            ended: line - 1,
            ..LineCounter::default()
        }
    }

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
