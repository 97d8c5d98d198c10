//! Grades the learner's `exercises/profiling` against the frozen starter.
profiling_harness::forward_api!(Exercise => profiling);

fn main() -> std::process::ExitCode {
    profiling_harness::main::<Exercise>()
}
