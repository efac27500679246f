//! Analyse an SMS text and print its parts as a table.
//!
//! ```text
//! cargo run --release --example sms -- "Bonjour Léa, votre RDV est confirmé ✅"
//! echo "text" | cargo run --release --example sms
//! cargo run --release --example sms -- --smart --language turkish --user-data "Çok güzel €"
//! ```

use std::io::Read;
use std::process::ExitCode;

use envoi::ErrorCode;
use envoi::sms::{SmsAnalysis, SmsOptions, analyze};

const USAGE: &str =
    "usage: sms [--smart] [--language NAME]... [--max-parts N] [--user-data] [TEXT...]
Analyses TEXT (or standard input) as an SMS and prints its encoding and parts.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut options = SmsOptions::default();
    let mut words = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--smart" => options.smart_encoding = true,
            "--user-data" => options.user_data = true,
            "--language" => {
                let name = args.next().ok_or("--language needs a name")?;
                options
                    .languages
                    .push(name.parse().map_err(|e| describe(&e))?);
            }
            "--max-parts" => {
                let value = args.next().ok_or("--max-parts needs a number")?;
                let value: i64 = value
                    .parse()
                    .map_err(|_| format!("--max-parts: {value:?} is not a number"))?;
                options.max_parts = SmsOptions::max_parts_from(value).map_err(|e| describe(&e))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => words.push(arg),
        }
    }
    let text = if words.is_empty() {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|e| format!("standard input: {e}"))?;
        input.strip_suffix('\n').unwrap_or(&input).to_owned()
    } else {
        words.join(" ")
    };
    let analysis = analyze(&text, &options).map_err(|e| describe(&e))?;
    print!("{}", render(&analysis));
    Ok(())
}

fn describe(error: &dyn ErrorCode) -> String {
    format!("error [{}]: {error}", error.code())
}

fn render(analysis: &SmsAnalysis) -> String {
    let mut out = String::new();
    let tables = match (analysis.locking_shift, analysis.single_shift) {
        (None, None) => "default".to_owned(),
        (locking, single) => format!(
            "locking {}, single {}",
            locking.map_or("default".to_owned(), |l| l.to_string()),
            single.map_or("default".to_owned(), |l| l.to_string())
        ),
    };
    out += &format!(
        "encoding   {} (tables: {tables})\nparts      {}\nunits      {} used, {} left in the last part ({} per part)\n",
        analysis.encoding.name(),
        analysis.part_count(),
        analysis.units_used,
        analysis.units_left,
        analysis.units_per_part,
    );
    for replacement in &analysis.replacements {
        out += &format!(
            "replaced   {:?} at {} by {:?}\n",
            replacement.original, replacement.index, replacement.replacement
        );
    }
    for character in &analysis.non_gsm {
        out += &format!(
            "not GSM-7  {:?} (U+{:04X}) at {}\n",
            character.character, character.character as u32, character.index
        );
    }
    out += "\n part  units  text\n";
    for (number, part) in analysis.parts.iter().enumerate() {
        out += &format!(" {:>4}  {:>5}  {:?}\n", number + 1, part.units, part.text);
        if let Some(user_data) = &part.user_data {
            let hex: Vec<String> = user_data
                .octets
                .iter()
                .map(|o| format!("{o:02X}"))
                .collect();
            out += &format!(
                "             user data ({} octets, header {}, TP-UDL {}): {}\n",
                user_data.octets.len(),
                user_data.header_length,
                user_data.length,
                hex.join(" ")
            );
        }
    }
    out
}
