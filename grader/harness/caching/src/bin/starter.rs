//! Grades the frozen starter against itself (must fail every speed goal and count goal).
fn main() -> std::process::ExitCode {
    caching_harness::main::<caching_harness::Starter>()
}
