//! Grades the learner's `exercises/big-o` against the frozen starter.
big_o_harness::forward_api!(Exercise => big_o);

fn main() -> std::process::ExitCode {
    big_o_harness::main::<Exercise>()
}
