//! Limits that keep any input within bounded time, memory and output.
//!
//! A disclosure is at most a few hundred KB; these caps are far above that and
//! exist for garbled exports and hostile pastes. Whatever a cap leaves out is
//! named in the coverage report (`coverage.problems`), in Chinese.

use crate::model::{Document, ReadProblem};

/// Text beyond this many bytes is not checked.
pub const MAX_TEXT_BYTES: usize = 50 << 20;
/// Rows of one table beyond this are not checked (the largest 部门 table has
/// a few hundred).
pub const MAX_ROWS_PER_TABLE: usize = 10_000;
/// A table whose header (its few lines over the first row) holds more words
/// than this is not read (the widest real header has a few dozen).
pub const MAX_HEADER_WORDS: usize = 400;
/// Numbers of one paragraph beyond this are not checked.
pub const MAX_CLAIMS_PER_PARAGRAPH: usize = 2_000;
/// Findings of one rule on one table shown one by one; the rest are counted.
pub const MAX_FINDINGS_PER_RULE_AND_TABLE: usize = 50;
/// Skipped-check reasons of one rule listed one by one; the rest are counted.
pub const MAX_SKIPS_PER_RULE: usize = 50;

/// The part of `text` that is checked: all of it, or the lines that fit in
/// [`MAX_TEXT_BYTES`], with a problem saying what was left out.
pub(crate) fn cap_text(text: &str) -> (&str, Option<ReadProblem>) {
    if text.len() <= MAX_TEXT_BYTES {
        return (text, None);
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Cut after the last whole line that fits.
    let end = text[..end].rfind('\n').map_or(end, |k| k + 1);
    let kept = &text[..end];
    let lines = kept.lines().count();
    let message = format!(
        "输入共 {:.1} MB，超过 {} MB 的上限：只核对了前 {} 行（{:.1} MB），其余 {:.1} MB 未核对。",
        mb(text.len()),
        MAX_TEXT_BYTES >> 20,
        lines,
        mb(kept.len()),
        mb(text.len() - kept.len())
    );
    (kept, Some(ReadProblem { table: None, message, source_line: Some(lines + 1) }))
}

#[allow(clippy::cast_precision_loss)] // a size shown with one decimal
fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// Drops the rows of each table beyond [`MAX_ROWS_PER_TABLE`], saying so.
pub(crate) fn cap_rows(doc: &mut Document) {
    for t in &mut doc.tables {
        let n = t.rows.len();
        if n <= MAX_ROWS_PER_TABLE {
            continue;
        }
        let first_dropped = t.rows[MAX_ROWS_PER_TABLE].source_line;
        t.rows.truncate(MAX_ROWS_PER_TABLE);
        t.unresolved.retain(|i| *i < MAX_ROWS_PER_TABLE);
        t.contradicted.retain(|i| *i < MAX_ROWS_PER_TABLE);
        t.printed.retain(|(i, _)| *i < MAX_ROWS_PER_TABLE);
        t.sides = t.sides.map(|s| s.min(MAX_ROWS_PER_TABLE));
        // A table read by its headings holds its panels' rows by index range.
        if let Some(g) = t.grid.as_mut() {
            for p in &mut g.panels {
                p.rows = p.rows.start.min(MAX_ROWS_PER_TABLE)..p.rows.end.min(MAX_ROWS_PER_TABLE);
            }
        }
        doc.problems.push(ReadProblem {
            table: Some(t.no()),
            message: format!(
                "{}有 {} 行，超过每表 {} 行的上限：从第 {} 行起的 {} 行未核对。",
                t.title,
                n,
                MAX_ROWS_PER_TABLE,
                first_dropped,
                n - MAX_ROWS_PER_TABLE
            ),
            source_line: Some(first_dropped),
        });
    }
}

/// Problems for paragraphs whose numbers went beyond [`MAX_CLAIMS_PER_PARAGRAPH`].
pub(crate) fn claim_problems(doc: &Document) -> Vec<ReadProblem> {
    if doc.info.kind == crate::model::DocumentKind::Unknown {
        return Vec::new();
    }
    let n = &doc.narrative;
    n.sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .filter(|p| p.claims_dropped > 0)
        .map(|p| {
            let from = p.claims.last().map_or(p.first_line(), |c| c.source_line);
            ReadProblem {
                table: None,
                message: format!(
                    "第 {} 行起的一段文字含 {} 个数字，超过每段 {} 个的上限：第 {} 行以后的 {} 个数字未核对。",
                    p.first_line(),
                    p.claims.len() + p.claims_dropped,
                    MAX_CLAIMS_PER_PARAGRAPH,
                    from,
                    p.claims_dropped
                ),
                source_line: Some(from),
            }
        })
        .collect()
}

/// Reading problems of one table listed one by one; the rest are counted.
pub const MAX_PROBLEMS_PER_TABLE: usize = 50;

/// Keeps the first [`MAX_PROBLEMS_PER_TABLE`] problems of each table (and of
/// the text outside tables) and replaces the rest with one that counts them.
pub(crate) fn summarise_problems(problems: Vec<ReadProblem>) -> Vec<ReadProblem> {
    use std::collections::HashMap;
    let mut total: HashMap<Option<String>, usize> = HashMap::new();
    for p in &problems {
        *total.entry(p.table.clone()).or_default() += 1;
    }
    if total.values().all(|n| *n <= MAX_PROBLEMS_PER_TABLE) {
        return problems;
    }
    let mut seen: HashMap<Option<String>, usize> = HashMap::new();
    let mut out = Vec::new();
    for p in problems {
        let table = p.table.clone();
        let n = seen.entry(table.clone()).or_default();
        *n += 1;
        if *n <= MAX_PROBLEMS_PER_TABLE {
            out.push(p);
        }
        if *n == MAX_PROBLEMS_PER_TABLE && total[&table] > MAX_PROBLEMS_PER_TABLE {
            let rest = total[&table] - MAX_PROBLEMS_PER_TABLE;
            let place = table.as_deref().map_or("表格以外的文字".to_string(), crate::model::table_name);
            out.push(ReadProblem {
                table,
                message: format!("{place}另有 {rest} 条读取问题，与以上同类，不再逐条列出。"),
                source_line: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_beyond_the_size_cap_is_left_out_and_named() {
        let line = "这是一行很长的说明文字，用来把输入撑过上限。\n";
        let text = line.repeat(MAX_TEXT_BYTES / line.len() + 10);
        let (kept, problem) = cap_text(&text);
        assert!(kept.len() <= MAX_TEXT_BYTES && kept.ends_with('\n'));
        let problem = problem.expect("a problem names what was left out");
        assert!(problem.message.contains("未核对"), "{}", problem.message);
        assert_eq!(cap_text("短文本").1, None);
    }
}
