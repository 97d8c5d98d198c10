//! The sandbox, applied to a test thread of its own (seccomp and Landlock confine the thread
//! that asks and the threads it starts, so the test harness's other threads are untouched).

#![cfg(target_os = "linux")]

use grader_kit::sandbox::{Confined, Files, confine};
use std::io::ErrorKind;

#[test]
fn confined_code_can_compute_and_start_threads_but_not_open_files_or_programs() {
    std::thread::spawn(|| {
        let open_before = std::fs::File::open("/proc/self/status");
        assert!(open_before.is_ok());
        assert_eq!(confine(&Files::None).unwrap(), Confined::Fully);
        for path in ["/proc/self/mem", "/etc/hostname", "/proc/self/status"] {
            let err = std::fs::File::open(path).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{path}");
        }
        assert!(std::fs::write(std::env::temp_dir().join("workbook-sandbox-test"), b"x").is_err());
        assert!(std::process::Command::new("true").status().is_err());
        assert!(std::env::current_exe().is_err());
        // What performance code needs still works: threads, memory, scoped threads, clocks.
        let sum: u64 = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4u64)
                .map(|i| s.spawn(move || (0..1000 * i).sum::<u64>()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(sum, (0..4u64).map(|i| (0..1000 * i).sum::<u64>()).sum::<u64>());
        let big = vec![7u8; 64 << 20];
        assert_eq!(big.iter().map(|&b| b as u64).sum::<u64>(), 7 * (64 << 20));
        assert!(std::thread::available_parallelism().is_ok());
    })
    .join()
    .unwrap();
}

#[test]
fn a_scratch_directory_is_the_only_place_files_open() {
    let scratch = tempfile_dir();
    let inside = scratch.join("criterion/estimates.json");
    std::thread::spawn(move || {
        let confined = confine(&Files::Beneath(scratch.clone())).unwrap();
        std::fs::create_dir_all(inside.parent().unwrap()).unwrap();
        std::fs::write(&inside, b"{}").unwrap();
        assert_eq!(std::fs::read(&inside).unwrap(), b"{}".to_vec());
        if confined == Confined::Fully {
            assert!(std::fs::File::open("/proc/self/mem").is_err());
            assert!(std::fs::File::open("/etc/hostname").is_err());
        }
        assert!(std::process::Command::new("true").status().is_err());
    })
    .join()
    .unwrap();
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("workbook-sandbox-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
