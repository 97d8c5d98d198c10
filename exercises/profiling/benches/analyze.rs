//! Benchmark of `analyze` on generated logs of 1,750, 3,500 and 7,000 lines.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p profiling
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p profiling -- --save-baseline before
//! cargo bench -p profiling -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- analyze/7000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use profiling::{analyze, generate_log};
use std::hint::black_box;
use std::time::Duration;

mod inputs;

/// The log sizes, in lines, doubling up to the size the grader times.
const SIZES: [usize; 3] = [inputs::LOG_LINES / 4, inputs::LOG_LINES / 2, inputs::LOG_LINES];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    for lines in SIZES {
        // Generated once, outside the timed loop: only `analyze` is measured.
        let log = generate_log(lines as u64, lines);
        group.throughput(Throughput::Elements(lines as u64));
        group.bench_with_input(BenchmarkId::from_parameter(lines), &log, |b, log| {
            b.iter(|| black_box(analyze(black_box(log))));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Few samples, so that the slow starter is measured in about a minute. Command-line options
    // such as `--measurement-time 10` or `--sample-size 50` override these.
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
