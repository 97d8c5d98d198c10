//! Grades the learner's `exercises/caching` against the frozen starter.
caching_harness::forward_api!(Exercise => caching);

fn main() -> std::process::ExitCode {
    caching_harness::main::<Exercise>()
}
