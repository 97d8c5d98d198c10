//! The grader's engine, shared by the `grader` binary and the per-chapter harness binaries.
//!
//! The grader never links learner code. Each chapter has a small harness binary that links the
//! frozen starter and the subject (exercise, solution or starter) and uses this crate to check
//! correctness and to measure. The two sides talk through the [`protocol`] types, as JSON files.
//!
//! One module per concern: [`spec`] (what a task is graded on, as the manifest declares it),
//! [`stats`] (pure functions), [`measure`] (the sequential measuring procedures, behind the
//! [`measure::Sampler`] trait), [`correctness`] (differential testing against the starter),
//! [`inputs`] (input generators), [`heap`] (dhat's heap figures), [`task`] (a task built from plain functions), [`counted`] (a task whose scenario is counted) and [`harness`] (the
//! child process's `main`).

pub mod api;
pub mod clocks;
pub mod correctness;
pub mod counted;
pub mod counting;
pub mod harness;
pub mod heap;
pub mod inputs;
pub mod measure;
pub mod parallel;
pub mod phase;
pub mod procfs;
pub mod protocol;
pub mod sandbox;
pub mod sign;
pub mod spec;
pub mod stats;
pub mod task;
pub mod testing;
pub mod text;

pub use correctness::{Input, Output};
pub use counted::{Count, CountedTask};
pub use task::{Task, TimedTask};
