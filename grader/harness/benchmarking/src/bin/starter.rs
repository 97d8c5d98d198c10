//! Grades the frozen starter (must fail).
fn main() -> std::process::ExitCode {
    benchmarking_harness::main::<benchmarking_harness::Starter>()
}
