//! Grades the frozen starter against itself (must fail every goal).
fn main() -> std::process::ExitCode {
    concurrency_harness::main::<concurrency_harness::Starter>()
}
