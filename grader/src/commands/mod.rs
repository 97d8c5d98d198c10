//! The grader's commands around grading: hints, the task list, reset, solutions, watch, and
//! the instructors' roster. Each says what it did.

pub mod hint;
pub mod list;
pub mod reset;
pub mod roster;
pub mod solution;
pub mod watch;
