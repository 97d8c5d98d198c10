//! Presenting a [`crate::result::Report`]: figures in words, the terminal table, JSON, a
//! self-contained HTML page with plots, JUnit XML and Markdown for CI.

pub mod brief;
mod escape;
pub mod figures;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
mod plots;
#[cfg(test)]
pub mod sample;
mod svg;
pub mod terminal;
