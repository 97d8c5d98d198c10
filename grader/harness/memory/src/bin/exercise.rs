//! Grades the learner's `exercises/memory` against the frozen starter.
memory_harness::forward_api!(Exercise => memory);

fn main() -> std::process::ExitCode {
    memory_harness::main::<Exercise>()
}
