//! Grades the reference `solutions/memory` against the frozen starter (must pass).

// Heap checks run in this binary too, in a process of their own: its allocator counts live
// bytes, their peak and allocations (relaxed atomics, cheap enough to time beside), so the
// process that measures the heap is indistinguishable from the one that times.
#[global_allocator]
static ALLOC: grader_kit::counting::CountingAlloc = grader_kit::counting::CountingAlloc;
memory_harness::forward_api!(Solution => memory_solution);

fn main() -> std::process::ExitCode {
    memory_harness::main::<Solution>()
}
