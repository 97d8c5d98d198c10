//! The size of log the benchmark measures: the size the grader times `analyze` on. The logs
//! themselves come from the crate's own `generate_log`, as the grader's do.
//!
//! A directory's `mod.rs` is not a benchmark of its own; `benches/analyze.rs` pulls this in with
//! `mod inputs;`, and `examples/run_pipeline.rs` with a `#[path]` attribute.

/// Lines of generated log the grader times `analyze` on.
pub const LOG_LINES: usize = 7_000;
