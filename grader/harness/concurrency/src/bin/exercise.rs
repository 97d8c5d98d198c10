//! Grades the learner's `exercises/concurrency` against the frozen starter.
concurrency_harness::forward_api!(Exercise => concurrency);

fn main() -> std::process::ExitCode {
    concurrency_harness::main::<Exercise>()
}
