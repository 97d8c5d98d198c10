//! Benchmark of `write_report` and `summarize` at the graded size, writing to and reading from
//! an in-memory handle that, like a file or a pipe, costs about a microsecond per call:
//! `cargo bench -p everyday-speed --bench readings`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use everyday_speed::{Reading, summarize, write_report};
use fastrand::Rng;
use std::hint::black_box;
use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

mod inputs;

/// What one call into the operating system costs, roughly.
const CALL_COST: Duration = Duration::from_micros(1);

/// Waits [`CALL_COST`], as a system call would.
fn system_call() {
    let start = Instant::now();
    while start.elapsed() < CALL_COST {
        std::hint::spin_loop();
    }
}

/// A file kept in memory, each write costing a system call.
struct SlowFile(Vec<u8>);

impl Write for SlowFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        system_call();
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Bytes in memory, each read costing a system call.
struct SlowReader<'a>(&'a [u8]);

impl Read for SlowReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        system_call();
        self.0.read(buf)
    }
}

fn bench(c: &mut Criterion) {
    let n = inputs::GRADED_READINGS;
    let mut rng = Rng::with_seed(n as u64);
    let readings: Vec<Reading> = inputs::readings(&mut rng, n)
        .into_iter()
        .map(|(sensor, time, milli_celsius)| Reading {
            sensor,
            time,
            milli_celsius,
        })
        .collect();
    let log = inputs::sensor_log(&mut rng, n);
    let mut group = c.benchmark_group("readings");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("write_report", |b| {
        b.iter(|| {
            let mut file = SlowFile(Vec::with_capacity(64 * 1024));
            write_report(black_box(&readings), &mut file).expect("memory never fails");
            black_box(file.0)
        });
    });
    group.bench_function("summarize", |b| {
        b.iter(|| summarize(SlowReader(black_box(log.as_bytes()))).expect("the log is UTF-8"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
