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
}

impl InputError {
    /// The message in Chinese, for users.
    pub fn zh(&self) -> String {
        match self {
            InputError::Empty => "输入为空：请粘贴或选择一份部门预算或决算公开文本。".to_string(),
            InputError::NotText => "无法识别为文本：这似乎是二进制文件（例如 PDF、图片或压缩包）。请先把公开文本复制出来，或另存为 .txt 文件。".to_string(),
            InputError::Io(e) => format!("无法读取文件：{e}"),
        }
    }

    /// The message in English, for logs and batch runs.
    pub fn en(&self) -> String {
        match self {
            InputError::Empty => "empty input".to_string(),
            InputError::NotText => "not text: the bytes look binary (PDF, image, archive?)".to_string(),
            InputError::Io(e) => format!("cannot read input: {e}"),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.zh(), self.en())
    }
}

impl std::error::Error for InputError {}
