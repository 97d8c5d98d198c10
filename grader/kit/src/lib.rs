//! The grader's engine, shared by the `grader` binary and the per-chapter harness binaries.
//!
//! The grader never links learner code. Each chapter has a small harness binary that links the
//! frozen starter and the subject (exercise, solution or starter) and uses this crate to check
//! correctness and to measure. The two sides talk through the [`protocol`] types, as JSON files.
//!
//! One module per concern: [`spec`] (what a task is graded on, as the manifest declares it),
//! [`stats`] (pure functions), [`measure`] (the sequential measuring procedures, behind the
//! [`measure::Sampler`] trait), [`parallel`] (a parallel speed-up and the machine watch behind
//! it), [`correctness`] (differential testing against the starter), [`inputs`] (input
//! generators), [`heap`] (the heap figures), [`task`] (a task built from plain functions),
//! [`counted`] (a task whose scenario is counted), [`exact`] (one side's work, counted under valgrind), [`service`] (a learner's server as a child
//! process: signals, peak resident memory), [`phase`] (what the harness is doing, for a
//! panic's report) and [`harness`] (the child process's `main`). No two modules import each
//! other: [`harness`] runs the tasks, and they record their phase in [`phase`], not in it.

pub mod api;
pub mod clocks;
pub mod correctness;
pub mod counted;
pub mod counting;
pub mod exact;
pub mod harness;
pub mod heap;
pub mod inputs;
pub mod measure;
pub mod parallel;
pub mod phase;
pub mod procfs;
pub mod protocol;
pub mod sandbox;
pub mod service;
pub mod sign;
pub mod spec;
pub mod stats;
pub mod task;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;

pub use correctness::{Input, Output};
pub use counted::{Count, CountedTask};
pub use task::{Task, TimedTask};
