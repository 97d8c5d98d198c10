//! The CPU clocks that tell a timed batch whether other threads were busy during it. One test
//! function only, in a binary of its own: the test harness's other threads would be "others".

use grader_kit::clocks::{CpuStamp, thread_cpu};
use std::hint::black_box;
use std::time::Duration;

fn spin(cpu: Duration) {
    let start = thread_cpu();
    while thread_cpu() - start < cpu {
        black_box(0);
    }
}

#[cfg(unix)]
#[test]
fn another_busy_thread_shows_and_the_calling_one_does_not() {
    let stamp = CpuStamp::now();
    spin(Duration::from_millis(30));
    assert!(
        stamp.others_since() < Duration::from_millis(15),
        "{:?}",
        stamp.others_since()
    );
    let stamp = CpuStamp::now();
    std::thread::spawn(|| spin(Duration::from_millis(30)))
        .join()
        .unwrap();
    assert!(
        stamp.others_since() >= Duration::from_millis(25),
        "{:?}",
        stamp.others_since()
    );
}
