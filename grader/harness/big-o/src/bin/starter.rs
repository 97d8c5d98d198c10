//! Grades the frozen starter against itself (must fail every speed goal).
fn main() -> std::process::ExitCode {
    big_o_harness::main::<big_o_harness::Starter>()
}
