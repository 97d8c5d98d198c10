//! Presenting a [`crate::result::Report`]: figures in words, the terminal table, JSON.

pub mod figures;
pub mod json;
pub mod terminal;
