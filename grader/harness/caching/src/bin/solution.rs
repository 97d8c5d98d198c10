//! Grades the reference `solutions/caching` against the frozen starter (must pass).
caching_harness::forward_api!(Solution => caching_solution);

fn main() -> std::process::ExitCode {
    caching_harness::main::<Solution>()
}
