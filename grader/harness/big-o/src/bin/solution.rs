//! Grades the reference `solutions/big-o` against the frozen starter (must pass).
big_o_harness::forward_api!(Solution => big_o_solution);

fn main() -> std::process::ExitCode {
    big_o_harness::main::<Solution>()
}
