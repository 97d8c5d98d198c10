//! Grades the learner's `exercises/data-structures` against the frozen starter.
data_structures_harness::forward_api!(Exercise => data_structures);

fn main() -> std::process::ExitCode {
    data_structures_harness::main::<Exercise>()
}
