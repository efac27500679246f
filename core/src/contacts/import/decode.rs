//! Text decoding of an import: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252,
//! incrementally, so memory does not grow with the file.

use std::fmt;
use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many bytes after the first non-ASCII byte decide between UTF-8 and Windows-1252.
pub(super) const SNIFF_WINDOW: usize = 4096;
const INPUT_BUFFER: usize = 64 * 1024;
const OUTPUT_BUFFER: usize = 3 * INPUT_BUFFER;

/// The text encoding an import was read in, as detected (see the [module documentation](super)).
///
/// ```
/// use envoi::contacts::import::SourceEncoding;
///
/// assert_eq!(SourceEncoding::Windows1252.name(), "windows-1252");
/// assert_eq!(SourceEncoding::Utf8 { bom: true }.to_string(), "UTF-8 with BOM");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceEncoding {
    /// UTF-8, with or without a byte-order mark (the mark is not part of the first header name).
    Utf8 {
        /// Whether the file started with the UTF-8 byte-order mark `EF BB BF`.
        bom: bool,
    },
    /// Windows-1252 (what Excel writes for "CSV" on a Western-European Windows): chosen when the
    /// bytes after the first non-ASCII byte are not UTF-8.
    Windows1252,
    /// UTF-16 little-endian, announced by the byte-order mark `FF FE` (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian, announced by the byte-order mark `FE FF`.
    Utf16Be,
}

impl SourceEncoding {
    /// The WHATWG name of the encoding: `"UTF-8"`, `"windows-1252"`, `"UTF-16LE"` or `"UTF-16BE"`.
    ///
    /// ```
    /// use envoi::contacts::import::SourceEncoding;
    /// assert_eq!(SourceEncoding::Utf16Le.name(), "UTF-16LE");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 { .. } => "UTF-8",
            SourceEncoding::Windows1252 => "windows-1252",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

impl fmt::Display for SourceEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceEncoding::Utf8 { bom: true } => f.write_str("UTF-8 with BOM"),
            other => f.write_str(other.name()),
        }
    }
}

enum State {
    /// Only ASCII so far (identical in every candidate encoding): passed through as is.
    Undecided,
    /// UTF-8: bytes passed through; the fields are checked for UTF-8 row by row.
    Utf8,
    /// Windows-1252 or UTF-16: transcoded to UTF-8.
    Transcoding(Decoder),
}

/// A [`Read`] that yields the source as UTF-8 bytes (except stray invalid bytes in a file decided
/// UTF-8, which the importer reports per field).
pub(super) struct DecodingReader<R> {
    inner: R,
    state: State,
    encoding: Option<SourceEncoding>,
    input: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    /// Transcoded bytes not yet handed out.
    output: Box<[u8]>,
    out_start: usize,
    out_end: usize,
    /// Source bytes consumed, for error messages.
    consumed: u64,
    bom_checked: bool,
    /// The decoder has been given the end of the input (it must not be called again).
    finished: bool,
}

impl<R: Read> DecodingReader<R> {
    pub(super) fn new(inner: R) -> Self {
        DecodingReader {
            inner,
            state: State::Undecided,
            encoding: None,
            input: vec![0; INPUT_BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            output: Box::new([]),
            out_start: 0,
            out_end: 0,
            consumed: 0,
            bom_checked: false,
            finished: false,
        }
    }

    /// The encoding decided so far: `None` while only ASCII has been read (every candidate reads
    /// ASCII the same; the importer then names it UTF-8 without BOM).
    pub(super) fn encoding(&self) -> Option<SourceEncoding> {
        self.encoding
    }

    /// Reads more input until at least `wanted` bytes are buffered or the input ends.
    fn fill_to(&mut self, wanted: usize) -> io::Result<()> {
        if self.start > 0 && self.input.len() - self.start < wanted {
            self.input.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while !self.eof && self.end - self.start < wanted && self.end < self.input.len() {
            match self.inner.read(&mut self.input[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(read) => self.end += read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    fn check_bom(&mut self) -> io::Result<()> {
        self.bom_checked = true;
        self.fill_to(3)?;
        let head = &self.input[self.start..self.end];
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.start += 3;
            self.consumed += 3;
            self.decide(SourceEncoding::Utf8 { bom: true });
        } else if head.starts_with(&[0xFF, 0xFE]) {
            self.start += 2;
            self.consumed += 2;
            self.decide(SourceEncoding::Utf16Le);
        } else if head.starts_with(&[0xFE, 0xFF]) {
            self.start += 2;
            self.consumed += 2;
            self.decide(SourceEncoding::Utf16Be);
        }
        Ok(())
    }

    fn decide(&mut self, encoding: SourceEncoding) {
        self.encoding = Some(encoding);
        self.state = match encoding {
            SourceEncoding::Utf8 { .. } => State::Utf8,
            SourceEncoding::Windows1252 => {
                State::Transcoding(WINDOWS_1252.new_decoder_without_bom_handling())
            }
            SourceEncoding::Utf16Le => {
                State::Transcoding(UTF_16LE.new_decoder_without_bom_handling())
            }
            SourceEncoding::Utf16Be => {
                State::Transcoding(UTF_16BE.new_decoder_without_bom_handling())
            }
        };
        if matches!(self.state, State::Transcoding(_)) {
            self.output = vec![0; OUTPUT_BUFFER].into_boxed_slice();
        }
    }

    /// Copies buffered input bytes to `out`.
    fn copy_buffered(&mut self, out: &mut [u8], limit: usize) -> usize {
        let count = limit.min(out.len());
        out[..count].copy_from_slice(&self.input[self.start..self.start + count]);
        self.start += count;
        self.consumed += count as u64;
        count
    }

    fn read_undecided(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.start == self.end {
            self.fill_to(1)?;
            if self.start == self.end {
                return Ok(0);
            }
        }
        let buffered = &self.input[self.start..self.end];
        let ascii = buffered.iter().position(|byte| !byte.is_ascii());
        match ascii {
            None => Ok(self.copy_buffered(out, buffered.len())),
            Some(0) => {
                self.fill_to(SNIFF_WINDOW)?;
                let window_end = self.end.min(self.start + SNIFF_WINDOW);
                let window = &self.input[self.start..window_end];
                // An incomplete sequence cut by the window is no reason to doubt; one cut by the
                // end of the file is.
                let utf8 = match std::str::from_utf8(window) {
                    Ok(_) => true,
                    Err(error) => {
                        error.error_len().is_none() && !(self.eof && window_end == self.end)
                    }
                };
                self.decide(if utf8 {
                    SourceEncoding::Utf8 { bom: false }
                } else {
                    SourceEncoding::Windows1252
                });
                self.read(out)
            }
            Some(ascii_len) => Ok(self.copy_buffered(out, ascii_len)),
        }
    }

    fn read_transcoded(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let count = (self.out_end - self.out_start).min(out.len());
                out[..count].copy_from_slice(&self.output[self.out_start..self.out_start + count]);
                self.out_start += count;
                return Ok(count);
            }
            if self.finished {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                self.fill_to(1)?;
            }
            let State::Transcoding(decoder) = &mut self.state else {
                unreachable!("read_transcoded is only called while transcoding")
            };
            let (result, read, written) = decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            let offset = self.consumed;
            self.start += read;
            self.consumed += read as u64;
            self.out_start = 0;
            self.out_end = written;
            match result {
                DecoderResult::Malformed(bad, after) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        MalformedText {
                            encoding: self.encoding.map_or("?", SourceEncoding::name),
                            offset: (offset + read as u64)
                                .saturating_sub(u64::from(bad) + u64::from(after)),
                        },
                    ));
                }
                DecoderResult::InputEmpty if self.eof => self.finished = true,
                DecoderResult::InputEmpty | DecoderResult::OutputFull => {}
            }
        }
    }
}

/// The source is not text in its detected encoding (an unpaired UTF-16 surrogate, an odd byte
/// count in UTF-16).
#[derive(Debug)]
pub(super) struct MalformedText {
    pub(super) encoding: &'static str,
    pub(super) offset: u64,
}

impl fmt::Display for MalformedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not {} text at byte {}", self.encoding, self.offset)
    }
}

impl std::error::Error for MalformedText {}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if !self.bom_checked {
            self.check_bom()?;
        }
        match self.state {
            State::Undecided => self.read_undecided(out),
            State::Utf8 => {
                if self.start < self.end {
                    let buffered = self.end - self.start;
                    Ok(self.copy_buffered(out, buffered))
                } else {
                    let read = self.inner.read(out)?;
                    self.consumed += read as u64;
                    Ok(read)
                }
            }
            State::Transcoding(_) => self.read_transcoded(out),
        }
    }
}
