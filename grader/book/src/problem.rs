//! A problem found in the book: a file, a line, and what is wrong there.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The markdown source or generated page the problem is in.
    pub file: PathBuf,
    /// The 1-based line of the problem in `file`.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The 1-based line of the byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}
