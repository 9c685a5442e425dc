//! TXT-002 正文中不应夹杂英文单词或公式代码
//!
//! ## 它检查什么
//!
//! English words and LaTeX fragments inside Chinese prose.
//!
//! ## 为什么重要
//!
//! 公开文本是写给公众看的中文文件。正文里突然出现英文单词（如“组织会议决定事项的 implementation”），通常是机器翻译或AI改写后没有校对留下的痕迹；“$\\geq 95\\%$”这样的代码是转换格式时留下的，读者看不懂。常见缩写（GDP、PPP、APP等）不算。
//!
//! ## 示例
//!
//! 本条报告的样例（`tests/fixtures/` 中的文档，加上改动）：
//!
//! - `yantai-office-2024-final.txt`（原样）
//!
//! 本条不报告的样例：
//!
//! - `qingdao-office-2024-final.txt`（原样）
//! - `yantai-bigdata-2023-final.txt`（原样）
//! - `qingdao-office-2023-budget.txt`（原样）
//!
//! 完整的改动见 [`RULE`] 的 `fixtures`；每个样例产生的发现记在
//! `tests/snapshots/rules/TXT-002.snap`，`cargo test TXT_002` 只运行本条。

use crate::model::{Document, DocumentKind};
use crate::rules::percent::narrative_finding;
use crate::rules::support::corpus::{fixtures, B, Q, QB, Y};
use crate::rules::{Family, Fixture, Rule, Severity, Sink};

const ID: &str = "TXT-002";

/// Abbreviations and units that are normal in Chinese government prose
/// (compared in upper case).
const WHITELIST: &[&str] = &[
    "GDP", "GNP", "CPI", "PPI", "PPP", "APP", "OA", "RCEP", "TPS", "QPS", "CPU", "GPU", "GPS", "LED", "LCD", "API", "SDK", "IPV4", "IPV6",
    "WIFI", "WLAN", "VPN", "LAN", "WAN", "SAAS", "PAAS", "IAAS", "BIM", "GIS", "ERP", "CRM", "OCR", "ICT", "KPI", "PDF", "USB", "UPS",
    "SIM", "ETC", "CBD", "EPC", "BOT", "TOT", "ROT", "NGO", "WTO", "FTA", "CPTPP", "ISO", "AAA", "AAAA", "AAAAA", "COVID", "HIV", "AIDS",
    "DNA", "RNA", "MRI", "ICU", "CEO", "IOT", "ICP", "SSL", "HTTP", "HTTPS", "URL", "WWW", "EMS", "SMS", "DVD", "KWH", "MHZ", "GHZ",
    "MBPS", "GBPS", "KBPS", "NFC", "RFID", "BRT", "LNG", "CNG", "NOX", "COD", "BOD", "SCI", "SSCI", "CSSCI", "GEP", "ESG", "IPO", "FDI",
    "OEM", "ODM", "IPTV", "CCTV", "PLC", "IDC",
];

pub const RULE: Rule = Rule {
    id: ID,
    family: Family::Txt,
    severity: Severity::Warning,
    title: "正文中不应夹杂英文单词或公式代码",
    why: "公开文本是写给公众看的中文文件。正文里突然出现英文单词（如“组织会议决定事项的 implementation”），通常是机器翻译或AI改写后没有校对留下的痕迹；“$\\geq 95\\%$”这样的代码是转换格式时留下的，读者看不懂。常见缩写（GDP、PPP、APP等）不算。",
    applies_to: &[DocumentKind::FinalAccounts, DocumentKind::Budget],
    needs: &[],
    check,
    fixtures: fixtures![
        Fixture::fires(Y, &[]);
        quiet Q, B, QB
    ],
};

fn check(doc: &Document, sink: &mut Sink) {
    // Most lines hold no Latin letter at all: the others are found in one
    // pass over the whole text.
    for line in doc.lines_with_ascii_letters() {
        // Only a "$" (LaTeX) or a word of three letters can be reported: most
        // lines with a letter hold neither ("XX局", "A级") and are not copied
        // into chars.
        if !has_word(&line.text) && !line.text.contains('$') {
            continue;
        }
        let chars: Vec<char> = line.text.chars().collect();
        if !chars.iter().any(|c| is_cjk(*c)) {
            continue;
        }
        let latex = latex_spans(&chars);
        if !latex.is_empty() {
            let frags: Vec<String> = latex.iter().map(|(a, b)| chars[*a..*b].iter().collect()).collect();
            sink.push(narrative_finding(
                ID,
                Severity::Info,
                format!(
                    "正文中有格式转换留下的公式代码：{}。读者看到的应是“≥”“%”等符号。",
                    frags.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join("、")
                ),
                line.no,
            ));
        }
        // The chars and LaTeX spans already found, not found again.
        for (word, acronym) in words_outside(&chars, &latex) {
            let (severity, message) = if acronym {
                (Severity::Info, format!("正文中出现未收录的英文缩写“{word}”，请确认读者能够理解。"))
            } else {
                (Severity::Warning, format!("中文正文中夹杂英文单词“{word}”，可能是翻译或改写后未校对的痕迹。"))
            };
            sink.push(narrative_finding(ID, severity, message, line.no));
        }
    }
}

/// Whether `t` holds three ASCII letters in a row, the shortest word
/// [`words_outside`] reports (a byte scan, no chars decoded).
fn has_word(t: &str) -> bool {
    let b = t.as_bytes();
    // `is_ascii_alphabetic` tests two ranges; with the case bit set, one is left.
    let letter = |x: &u8| (x | 0x20).wrapping_sub(b'a') < 26;
    let (Some(next), Some(after)) = (b.get(1..), b.get(2..)) else { return false };
    // Every three bytes in a row are tested, without an early exit, so the
    // test runs vectorised (a run counted byte by byte did not).
    b.iter().zip(next).zip(after).fold(false, |seen, ((x, y), z)| seen | (letter(x) & letter(y) & letter(z)))
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Char ranges of "$…\…$" fragments in a line.
fn latex_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' {
            if let Some(j) = (i + 1..chars.len().min(i + 60)).find(|&j| chars[j] == '$') {
                if chars[i + 1..j].contains(&'\\') {
                    out.push((i, j + 1));
                    i = j + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Latin words of three or more letters outside LaTeX, URLs and the
/// whitelist: (word, all upper case). The whole test of one line, as the
/// tests ask it; `check` reuses the chars and spans it has already found.
#[cfg(test)]
fn foreign_words(line: &str) -> Vec<(String, bool)> {
    if !has_word(line) {
        return Vec::new();
    }
    let chars: Vec<char> = line.chars().collect();
    if !chars.iter().any(|c| is_cjk(*c)) {
        return Vec::new();
    }
    let latex = latex_spans(&chars);
    words_outside(&chars, &latex)
}

/// Latin words of three or more letters outside LaTeX, URLs and the
/// whitelist, (word, all upper case), in a line's chars (one with a CJK
/// char), given its LaTeX spans: there are some only where [`has_word`] holds.
fn words_outside(chars: &[char], latex: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && chars[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word: String = chars[s..i].iter().collect();
        if word.len() < 3 || latex.iter().any(|(a, b)| s >= *a && s < *b) || (s > 0 && chars[s - 1] == '\\') {
            continue;
        }
        // A template's placeholder ("XXX万元", "xxx"): TXT-007 reports it.
        if word.chars().all(|c| c == 'X' || c == 'x') {
            continue;
        }
        // The surrounding token (letters and digits), e.g. "IPv6", "1000tps".
        let mut ts = s;
        while ts > 0 && chars[ts - 1].is_ascii_alphanumeric() {
            ts -= 1;
        }
        let mut te = i;
        while te < chars.len() && chars[te].is_ascii_alphanumeric() {
            te += 1;
        }
        let token: String = chars[ts..te].iter().collect::<String>().to_ascii_uppercase();
        let upper = word.to_ascii_uppercase();
        if WHITELIST.contains(&upper.as_str()) || WHITELIST.contains(&token.as_str()) {
            continue;
        }
        // Web and mail addresses.
        let mut cs = s;
        while cs > 0 && !chars[cs - 1].is_whitespace() && !is_cjk(chars[cs - 1]) {
            cs -= 1;
        }
        let mut ce = i;
        while ce < chars.len() && !chars[ce].is_whitespace() && !is_cjk(chars[ce]) {
            ce += 1;
        }
        let chunk: String = chars[cs..ce].iter().collect::<String>().to_ascii_lowercase();
        if ["://", "www.", "@", ".com", ".cn", ".gov", ".org", ".net"].iter().any(|m| chunk.contains(m)) {
            continue;
        }
        out.push((word.clone(), word == upper));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(Severity, usize)> {
        crate::rules::testing::findings_of(ID, check, text).into_iter().map(|f| (f.severity, f.source_line.unwrap_or(0))).collect()
    }

    #[test]
    fn has_word_is_a_run_of_three_letters() {
        for (t, word) in [
            ("", false),
            ("ab", false),
            ("ab1c", false),
            ("abc", true),
            ("中ab中c", false),
            ("中abc", true),
            ("A级XX局", false),
            ("IPv6", true),
            ("IP6v", false),
            ("RCEP", true),
            ("a", false),
            ("中文中文ab", false),
            ("中文中文abc", true),
            ("@[`{aZ", false),
            ("@[`{aZz", true),
        ] {
            assert_eq!(has_word(t), word, "{t}");
            // No word, nothing reported (and the word test is what decides that).
            if !word {
                assert!(foreign_words(&format!("中文{t}")).is_empty());
            }
        }
    }

    #[test]
    fn has_word_is_the_run_counted_byte_by_byte() {
        let pieces = ["a", "Z", "ab", "@", "[", "`", "{", "中", "1", " ", "$", "×", "IPv6"];
        for t in crate::text::stream::sample_texts(&pieces, 400) {
            let mut run = 0;
            let counted = t.bytes().any(|b| {
                run = if b.is_ascii_alphabetic() { run + 1 } else { 0 };
                run >= 3
            });
            assert_eq!(has_word(&t), counted, "{t:?}");
        }
    }

    #[test]
    fn fires_on_english_words_and_latex() {
        let text = "协助市政府领导同志组织会议决定事项的 implementation。\n参与率 $\\geq 95\\%$ ，满意度 $\\geq 95\\%$ 。\n新增XYZW系统。";
        assert_eq!(run(text), vec![(Severity::Warning, 1), (Severity::Info, 2), (Severity::Info, 3)]);
    }

    #[test]
    fn silent_on_abbreviations_codes_units_addresses_and_placeholders() {
        let text = "XX局XXX万元，比上年增加xxx万元\nRCEP 等自贸协定项下\n接口服务并发能力 ≥1000tps\n项目编码 37020023P880028106842 [C23120302]车\n网址 www.yantai.gov.cn 查询\nGDP增长5%，APP下载，IPv6改造\nplain english line without chinese";
        assert!(run(text).is_empty(), "{:?}", run(text));
    }
}
