//! Grades the reference `solutions/profiling` (must pass).
profiling_harness::forward_api!(Solution => profiling_solution);

fn main() -> std::process::ExitCode {
    profiling_harness::main::<Solution>()
}
