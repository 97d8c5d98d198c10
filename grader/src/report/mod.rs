//! Presenting a [`crate::result::Report`]: figures in words, the terminal table, JSON, and a
//! self-contained HTML page with plots.

mod escape;
pub mod figures;
pub mod html;
pub mod json;
mod plots;
#[cfg(test)]
mod sample;
mod svg;
pub mod terminal;
