//! Grades the frozen starter against itself (must fail every speed goal).
fn main() -> std::process::ExitCode {
    data_structures_harness::main::<data_structures_harness::Starter>()
}
