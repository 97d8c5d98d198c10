//! Grades the frozen starter against itself (must fail every memory goal).
fn main() -> std::process::ExitCode {
    memory_harness::main::<memory_harness::Starter>()
}
