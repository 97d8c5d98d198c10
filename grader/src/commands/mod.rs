//! The grader's commands around grading: hints, the task list, reset, solutions, watch.
//! Each reads the learner's progress from [`crate::state`] and says what it did.

pub mod hint;
pub mod list;
pub mod reset;
pub mod solution;
pub mod watch;
