//! Grades the learner's `exercises/benchmarking` against the frozen starter.
benchmarking_harness::forward_api!(Exercise => benchmarking);

fn main() -> std::process::ExitCode {
    benchmarking_harness::main::<Exercise>()
}
