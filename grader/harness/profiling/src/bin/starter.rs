//! Grades the frozen starter (must fail).
fn main() -> std::process::ExitCode {
    profiling_harness::main::<profiling_harness::Starter>()
}
