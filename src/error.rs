//! Errors a user can be shown.

use std::fmt;

/// Why an input could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but white space.
    Empty,
    /// The bytes are neither text in a supported encoding nor a file kind
    /// that is read (an image, an old .doc, …).
    NotText,
    /// The file could not be read.
    Io(String),
    /// A PDF with no text layer (a scan): it needs OCR first.
    PdfNoText,
    /// A PDF that needs a password to open.
    PdfEncrypted,
    /// A PDF so damaged (truncated, not a PDF inside) that nothing could be read.
    PdfDamaged,
    /// A spreadsheet, Word or HTML file that could not be read; the reason is for logs.
    Office(String),
}

impl InputError {
    /// The message in Chinese, for users.
    pub fn zh(&self) -> String {
        match self {
            InputError::Empty => "输入为空：请粘贴或选择一份部门预算或决算公开文本。".to_string(),
            // Say which formats are read, and how to get the text out of
            // anything else.
            InputError::NotText => concat!(
                "无法识别为文本：本工具能读取文本、PDF、Excel（.xlsx/.xls）、Word（.docx）和网页（.html）文件，",
                "这个文件不是其中之一（可能是图片、旧版 Word（.doc）或其他二进制文件）。",
                "请用原来的程序打开，全选、复制后粘贴到输入框，或“另存为”纯文本（.txt）、PDF、.xlsx 或 .docx 后再选择。",
                "扫描件（图片）中的文字需要先做文字识别（OCR）。"
            )
            .to_string(),
            InputError::Io(e) => format!("无法读取文件：{e}"),
            InputError::PdfNoText => "这个 PDF 没有文字层（可能是扫描件）：需要先做文字识别（OCR），再把识别出的文本粘贴进来。".to_string(),
            InputError::PdfEncrypted => {
                "文件已加密：这个 PDF 需要密码才能打开。请用阅读器输入密码后另存为未加密的 PDF，或复制出文本。".to_string()
            }
            InputError::PdfDamaged => "文件不完整或已损坏：无法从这个 PDF 读出任何页面。请重新下载原文件。".to_string(),
            InputError::Office(e) => format!("无法读取这个表格或文档文件（文件可能不完整或已损坏）：{e}"),
        }
    }

    /// The message in English, for logs and batch runs.
    pub fn en(&self) -> String {
        match self {
            InputError::Empty => "empty input".to_string(),
            InputError::NotText => "not text, PDF, XLSX/XLS, DOCX or HTML (an image, a .doc?): save or copy the text out first".to_string(),
            InputError::Io(e) => format!("cannot read input: {e}"),
            InputError::PdfNoText => "PDF without a text layer (a scan?): run OCR first".to_string(),
            InputError::PdfEncrypted => "PDF is encrypted and needs a password".to_string(),
            InputError::PdfDamaged => "PDF is truncated or damaged: no page could be read".to_string(),
            InputError::Office(e) => format!("cannot read spreadsheet/document: {e}"),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.zh(), self.en())
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::InputError;

    #[test]
    fn a_refused_binary_names_the_published_formats_and_how_to_get_text_out() {
        let msg = InputError::NotText.zh();
        for format in ["PDF", "Word", "Excel"] {
            assert!(msg.contains(format), "{format} in {msg}");
        }
        assert!(msg.contains("复制") && msg.contains("另存为"), "{msg}");
    }
}
