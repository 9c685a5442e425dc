//! Errors a user can be shown.

use std::fmt;

/// Why an input could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but white space.
    Empty,
    /// The bytes are not text in any supported encoding (a PDF, an image, …).
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
            InputError::NotText => "无法识别为文本：这似乎是二进制文件（例如 PDF、图片或压缩包）。请先把公开文本复制出来，或另存为 .txt 文件。".to_string(),
            InputError::Io(e) => format!("无法读取文件：{e}"),
            InputError::PdfNoText => "这个 PDF 没有文字层（可能是扫描件）：需要先做文字识别（OCR），再把识别出的文本粘贴进来。".to_string(),
            InputError::PdfEncrypted => "文件已加密：这个 PDF 需要密码才能打开。请用阅读器输入密码后另存为未加密的 PDF，或复制出文本。".to_string(),
            InputError::PdfDamaged => "文件不完整或已损坏：无法从这个 PDF 读出任何页面。请重新下载原文件。".to_string(),
            InputError::Office(e) => format!("无法读取这个表格或文档文件（文件可能不完整或已损坏）：{e}"),
        }
    }

    /// The message in English, for logs and batch runs.
    pub fn en(&self) -> String {
        match self {
            InputError::Empty => "empty input".to_string(),
            InputError::NotText => "not text: the bytes look binary (PDF, image, archive?)".to_string(),
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
