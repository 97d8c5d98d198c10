//! The exercise's `run_pipeline` example, on the reference solution: the profile after the fix.
//!
//! ```console
//! cargo run --release -p profiling-solution --example run_pipeline_solution
//! ```

extern crate profiling_solution as profiling;

#[path = "../../../exercises/profiling/examples/run_pipeline.rs"]
mod run_pipeline;

fn main() {
    run_pipeline::main();
}
