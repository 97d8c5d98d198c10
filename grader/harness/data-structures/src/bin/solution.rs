//! Grades the reference `solutions/data-structures` against the frozen starter (must pass).
data_structures_harness::forward_api!(Solution => data_structures_solution);

fn main() -> std::process::ExitCode {
    data_structures_harness::main::<Solution>()
}
