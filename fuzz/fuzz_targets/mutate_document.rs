//! Structure-aware: a corpus document whose numbers are replaced, one token
//! at a time, by numbers chosen to stress the arithmetic (huge, tiny, many
//! decimals, negative, blank, dash) and whose lines are duplicated or
//! dropped. The fuzzer's bytes choose the document and the edits, so it
//! explores real tables and narrative rather than random noise. The
//! ../shared/real texts join the corpus when they are beside the checkout.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const DOCS: [&str; 5] = [
    include_str!("../../tests/fixtures/yantai-office-2024-final.txt"),
    include_str!("../../tests/fixtures/qingdao-office-2024-final.txt"),
    include_str!("../../tests/fixtures/yantai-bigdata-2023-final.txt"),
    include_str!("../../tests/fixtures/yantai-office-2023-budget.txt"),
    include_str!("../../tests/fixtures/qingdao-office-2023-budget.txt"),
];

const NUMBERS: [&str; 16] = [
    "9999999999999999999999999.9",
    "79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "-9999999999999999999999999.99",
    "100000000000.00",
    "0.00",
    "0",
    "-0.01",
    "1.1234567890123456789",
    "",
    "-",
    "—",
    "(1,000.00)",
    "12,345,678.90",
    "1000000000000000000",
    "99.99%",
];

/// The corpus, then the ../shared/real texts in name order when they are
/// there (`make fuzz` runs from the project root): the Shanghai and Jiangsu
/// layouts, and the PDF viewer's copies, that the Shandong corpus lacks.
/// Read at run time, never built in: they are not the project's files.
fn documents() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut docs: Vec<String> = DOCS.iter().map(|d| d.to_string()).collect();
        if let Ok(dir) = std::fs::read_dir("../shared/real") {
            let mut paths: Vec<_> =
                dir.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
            paths.sort();
            docs.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        docs
    })
}

/// Byte offsets of the numeric tokens of a line (digits, ',', '.', '-').
fn numbers(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        let numeric = c.is_ascii_digit() || matches!(c, '.' | ',' | '-');
        match (numeric, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, mut edits)) = data.split_first() else { return };
    let docs = documents();
    let mut lines: Vec<String> = docs[usize::from(pick) % docs.len()].lines().map(str::to_string).collect();
    // Each edit is 4 bytes: what, which line (2 bytes), which token/number.
    while let [what, hi, lo, arg, rest @ ..] = edits {
        edits = rest;
        // Stay near document size: a 40 MB input is slow only for being
        // large (the benchmark covers size), and it starves the search.
        if lines.is_empty() || lines.len() > 20_000 {
            break;
        }
        let at = (usize::from(*hi) << 8 | usize::from(*lo)) % lines.len();
        match what % 8 {
            0 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            1 => {
                lines.remove(at);
            }
            2 => {
                // Repeat a line many times (long tables).
                let line = lines[at].clone();
                let n = usize::from(*arg) * 16;
                lines.splice(at..at, std::iter::repeat_n(line, n));
            }
            3 => lines[at] = lines[at].replace(' ', "\t"),
            4 => lines[at] = lines[at].replace('。', "，"),
            _ => {
                let toks = numbers(&lines[at]);
                if toks.is_empty() {
                    continue;
                }
                let (s, e) = toks[usize::from(*arg) % toks.len()];
                let by = NUMBERS[usize::from(what / 8) % NUMBERS.len()];
                lines[at].replace_range(s..e, by);
            }
        }
    }
    let text = lines.join("\n");
    if let Ok(report) = gongkai::check_bytes("fuzz", text.as_bytes()) {
        serde_json::to_string(&report).expect("a report always serialises");
    }
});
