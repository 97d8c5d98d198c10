//! Files under `/proc` that the harness reads while learner code runs. The sandbox denies
//! opening files, so each is opened once before it, and read again from the start each time.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

static OPEN: Mutex<Option<HashMap<&'static str, File>>> = Mutex::new(None);

/// The files [`read`] and [`write`] are asked for; opened by [`open_all`].
pub const FILES: [&str; 4] = [
    "/proc/stat",
    "/proc/self/stat",
    "/proc/self/status",
    "/proc/self/clear_refs",
];

/// Opens every file of [`FILES`] that exists (read, and write where allowed). Call before
/// the sandbox is in place.
pub fn open_all() {
    let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    let files = open.get_or_insert_with(HashMap::new);
    for path in FILES {
        let file = File::options()
            .read(true)
            .write(path.ends_with("clear_refs"))
            .open(path)
            .or_else(|_| File::open(path));
        if let Ok(file) = file {
            files.insert(path, file);
        }
    }
}

/// The whole text of `path`: through the handle opened by [`open_all`], else opened now.
pub fn read(path: &str) -> Option<String> {
    let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    let Some(file) = open.as_mut().and_then(|f| f.get_mut(path)) else {
        drop(open);
        return std::fs::read_to_string(path).ok();
    };
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    Some(text)
}

/// A `Vm…:` line of a `/proc/<pid>/status` text, in bytes (the kernel writes kB).
pub fn status_bytes(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// Writes `text` to `path` through the handle opened by [`open_all`].
pub fn write(path: &str, text: &str) -> bool {
    let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    open.as_mut()
        .and_then(|f| f.get_mut(path))
        .is_some_and(|file| file.write_all(text.as_bytes()).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_fields_are_read_in_bytes() {
        let status = "Name:\tx\nVmPeak:\t  20 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(status_bytes(status, "VmHWM:"), Some(1234 * 1024));
        assert_eq!(status_bytes(status, "VmSwap:"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn proc_files_read_again_from_the_start() {
        open_all();
        let first = read("/proc/self/status").unwrap();
        let second = read("/proc/self/status").unwrap();
        assert!(first.starts_with("Name:") && second.starts_with("Name:"));
    }
}
