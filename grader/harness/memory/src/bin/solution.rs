//! Grades the reference `solutions/memory` against the frozen starter (must pass).
memory_harness::forward_api!(Solution => memory_solution);

fn main() -> std::process::ExitCode {
    memory_harness::main::<Solution>()
}
