//! Grades the reference `solutions/concurrency` against the frozen starter (must pass).
concurrency_harness::forward_api!(Solution => concurrency_solution);

fn main() -> std::process::ExitCode {
    concurrency_harness::main::<Solution>()
}
