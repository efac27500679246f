//! Benchmarks of envoi live in `benches/*.rs`; this library holds what several of them share.

use std::io::{self, Read};

/// A generated contact export, produced as it is read (it never sits in memory whole): a header
/// and `rows` realistic rows for [`envoi::contacts::import`].
///
/// The mix, from a fixed seed: `;`-separated like an Excel FR export, CRLF; first and last names
/// with and without accents; Belgian mobiles written five ways (`0475 12 34 56`, `0475/12.34.56`,
/// `+32 475 12 34 56`, `0032475123456`, `+32475123456`), one row in 20 a French or Dutch mobile,
/// one in 25 a Brussels fixed line; emails in mixed case; a language code, a customer number and a
/// note (one in 10 quoted with a `;`, one in 50 with a newline); one row in 50 with an invalid
/// phone, one in 100 with an invalid email, one in 30 a duplicate of an earlier row, one in 200
/// blank.
///
/// ```
/// use std::io::Read;
/// let mut text = String::new();
/// envoi_benches::ContactCsv::new(3).read_to_string(&mut text).unwrap();
/// assert!(text.starts_with("Nom;Prénom;GSM;E-mail;Langue;N° client;Remarque\r\n"));
/// let report = envoi::contacts::import::import_contacts(text.as_bytes(), &Default::default()).unwrap();
/// assert_eq!(report.counts.rows, 3);
/// ```
pub struct ContactCsv {
    rows: u64,
    next_row: u64,
    state: u64,
    line: Vec<u8>,
    offset: usize,
}

const FIRST_NAMES: [&str; 12] = [
    "Hélène",
    "Jan",
    "Zoé",
    "Pieter",
    "François",
    "Els",
    "Noël",
    "Marie",
    "Thomas",
    "Ann",
    "Gaëlle",
    "Lucas",
];
const LAST_NAMES: [&str; 12] = [
    "Dupont", "Peeters", "Janssens", "Lefèvre", "Maes", "Dubois", "Claes", "Müller", "Wouters",
    "Lambert", "De Smet", "Goossens",
];

impl ContactCsv {
    /// A file of `rows` data rows after the header.
    pub fn new(rows: u64) -> Self {
        let mut line = Vec::new();
        line.extend_from_slice("Nom;Prénom;GSM;E-mail;Langue;N° client;Remarque\r\n".as_bytes());
        ContactCsv {
            rows,
            next_row: 0,
            state: 0x853c_49e6_748f_ea9b,
            line,
            offset: 0,
        }
    }

    /// The whole file in memory (for the criterion bench).
    pub fn bytes(rows: u64) -> Vec<u8> {
        let mut bytes = Vec::new();
        ContactCsv::new(rows)
            .read_to_end(&mut bytes)
            .expect("generated in memory");
        bytes
    }

    fn random(&mut self) -> u64 {
        // SplitMix64: deterministic, no dependency.
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write_row(&mut self) {
        use std::io::Write;
        let row = self.next_row;
        self.next_row += 1;
        let roll = self.random() % 1000;
        if roll < 5 {
            self.line.extend_from_slice(b"\r\n");
            return;
        }
        // A duplicate repeats an earlier row's person (same email and number).
        let person = if roll < 38 && row > 0 {
            self.random() % row
        } else {
            row
        };
        let first = FIRST_NAMES[(person % 12) as usize];
        let last = LAST_NAMES[(person / 12 % 12) as usize];
        // Distinct for the first 27 million people.
        let subscriber = 100_000 + person % 900_000;
        let prefix = 470 + person / 900_000 % 30;
        let (a, b, c) = (
            subscriber / 10_000,
            subscriber / 100 % 100,
            subscriber % 100,
        );
        let kind = self.random() % 100;
        let phone = match kind {
            0..=1 => format!("0{prefix} {a}"),
            2..=5 => format!("02 5{a:02} {b:02} {c:02}"),
            6..=8 => format!("+33 6 {:02} {:02} {:02} {:02}", a, b, c, person % 100),
            9..=10 => format!("+31 6 {:02}{:02}{:02}{:02}", a, b, c, person % 100),
            11..=30 => format!("0{prefix} {a:02} {b:02} {c:02}"),
            31..=45 => format!("0{prefix}/{a:02}.{b:02}.{c:02}"),
            46..=65 => format!("+32 {prefix} {a:02} {b:02} {c:02}"),
            66..=80 => format!("0032{prefix}{subscriber:06}"),
            _ => format!("+32{prefix}{subscriber:06}"),
        };
        let email = if self.random() % 100 < 1 {
            format!("{}.{}.example.be", first.to_lowercase(), person)
        } else if person % 7 < 1 {
            format!("{}.{}@Example.BE", first.to_uppercase(), person)
        } else {
            format!("{}.{}@example.be", first.to_lowercase(), person)
        };
        let language = ["fr", "nl", "FR", "en", ""][(person % 5) as usize];
        let note = match self.random() % 50 {
            0 => "\"Rappeler après 18h\r\nsonner deux fois\"".to_owned(),
            1..=5 => format!("\"Client depuis {}; fidèle\"", 2000 + person % 25),
            6..=25 => String::new(),
            _ => "Newsletter".to_owned(),
        };
        let _ = write!(
            self.line,
            "{last};{first};{phone};{email};{language};C-{person:07};{note}\r\n"
        );
    }
}

impl Read for ContactCsv {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.offset == self.line.len() {
            if self.next_row == self.rows {
                return Ok(0);
            }
            self.line.clear();
            self.offset = 0;
            self.write_row();
        }
        let count = (self.line.len() - self.offset).min(out.len());
        out[..count].copy_from_slice(&self.line[self.offset..self.offset + count]);
        self.offset += count;
        Ok(count)
    }
}
