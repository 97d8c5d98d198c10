//! A parallel speed-up, judged against what this machine could give while it was measured.
//!
//! The goal scales with the cores the program may use: `1 + efficiency × (P − 1)`, with `P`
//! from `std::thread::available_parallelism()` (capped at [`judge::MAX_THREADS`]). On one core
//! there is no speed-up to grade: correctness only.
//!
//! A parallel speed-up also depends on the machine: other programs, and on a virtual machine a
//! host that does not always run both virtual CPUs at once (measured here: a rayon solution at
//! 1.7× one minute, 1.0× the next, with the guest idle). So after every round a probe measures
//! the parallel capacity of that moment, with a persistent pool of spinning threads (like
//! rayon's), and on Linux `/proc/stat` tells how much CPU other processes used meanwhile. A
//! speed-up passes on its whole interval, whatever the machine did; but a miss is a "fail" only
//! if the machine offered the cores in nearly every round ([`judge::OFFERED_FOR_A_FAIL`],
//! [`judge::FREE_FOR_A_FAIL`]). Otherwise it is "inconclusive", never "fail".
//!
//! Two things keep a correct solution on a quiet machine from ending "inconclusive":
//!
//! - **Rounds the machine spoiled are set aside.** The speed-up is judged on the rounds whose
//!   probe found the cores offered (see [`judge::judged_rounds`]), when there are at least
//!   [`MIN_ROUNDS`](crate::measure::MIN_ROUNDS) of them: a round whose probe found a core taken
//!   measured the machine, not the code. The probe runs after the round and never looks at its
//!   ratio, so the rounds kept are an independent sample of "this code on a machine offering its
//!   cores", the condition the goal is scaled to, and the order-statistic interval holds for
//!   them as for any sample.
//! - **A straddling interval gets more rounds.** When the budget ends with the interval still
//!   straddling the goal, sampling goes on for at most [`measure::STRADDLE_EXTRA_ROUNDS`] rounds
//!   and [`measure::STRADDLE_EXTRA_SECONDS`] seconds more, and stops as soon as the interval
//!   decides.
//!
//! Three modules: [`judge`] (the goal, and when a miss is a fail), [`monitor`] (what the
//! machine offers while it is measured) and [`measure`] (the measuring procedure).

pub mod judge;
pub mod measure;
pub mod monitor;

pub use judge::{cores, goal_for};
pub use measure::measure_parallel_speedup;
pub use monitor::{KeepAwake, MachineWatch};
