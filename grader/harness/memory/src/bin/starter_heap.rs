//! Grades the frozen starter against itself (must fail every memory goal).

// `grader profile`'s twin of `starter.rs`, identical but for these lines: dhat's allocator records
// every allocation and free of the process, for a dh_view profile. It takes a global lock on each
// one, which slows allocation-heavy code several-fold, so only the `-heap` binaries install it;
// a graded binary must never carry it.
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn main() -> std::process::ExitCode {
    memory_harness::main::<memory_harness::Starter>()
}
