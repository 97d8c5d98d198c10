//! Grades the frozen starter against itself (must fail every memory goal).

// Heap checks run in this binary too, in a process of their own: its allocator counts live
// bytes, their peak and allocations (relaxed atomics, cheap enough to time beside), so the
// process that measures the heap is indistinguishable from the one that times.
#[global_allocator]
static ALLOC: grader_kit::counting::CountingAlloc = grader_kit::counting::CountingAlloc;
fn main() -> std::process::ExitCode {
    memory_harness::main::<memory_harness::Starter>()
}
