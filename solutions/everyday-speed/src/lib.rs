//! # Everyday speed: the reference solution
//!
//! The exercise's API, fast: buffered reads and writes, and iterators the compiler can turn
//! into vector instructions.

pub mod calibration;
pub mod readings;
pub mod signal;

pub use readings::{Reading, Summary, summarize, write_report};
pub use signal::smooth;
