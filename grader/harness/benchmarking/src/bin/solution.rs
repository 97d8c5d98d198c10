//! Grades the reference `solutions/benchmarking` (must pass).
benchmarking_harness::forward_api!(Solution => benchmarking_solution);

fn main() -> std::process::ExitCode {
    benchmarking_harness::main::<Solution>()
}
