//! One counted process: the harness under valgrind, confined from outside, its count read
//! from valgrind's own pipe and files (Linux only).

use super::RAYON_THREADS;
use super::callgrind::{self, Counts};
use crate::child::{self, Ending, Limits, Wrapper};
use anyhow::{Context, Result};
use grader_kit::exact::LOG_FD;
use grader_kit::protocol::{Request, Response};
use grader_kit::sandbox::outside::Outside;
use std::io::Read;
use std::path::Path;

/// Runs one counted process: `Ok(Ok(counts))` when the harness answered that the answers agreed
/// and valgrind gave its count, `Ok(Err(ending))` for any other end.
pub fn count_one(
    binary: &Path,
    fixed_random: &Path,
    request: &Request,
    limits: Limits,
    threads: bool,
) -> Result<Result<Counts, Ending>> {
    // The process's working directory and valgrind's per-thread counts are siblings: the
    // program may do anything in the first, and in the second only create and write (it can
    // neither list it nor remove, rename or replace it, which would need rights on the parent).
    let base = tempfile::Builder::new().prefix("workbook-count-").tempdir()?;
    let (work_dir, counts_dir) = (base.path().join("work"), base.path().join("counts"));
    std::fs::create_dir(&work_dir)?;
    std::fs::create_dir(&counts_dir)?;
    // A name the program never sees (it is on valgrind's command line, not the program's).
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce).map_err(|e| anyhow::anyhow!("no randomness for a file name: {e}"))?;
    let prefix = grader_kit::sign::to_hex(&nonce);
    // Every harness looks the same from inside: valgrind runs it by this name.
    let harness = work_dir.join("harness");
    symlink(binary, &harness)?;
    let program_dir = binary.parent().context("the harness binary has no directory")?;
    let mut outside = Outside::prepare(program_dir, &work_dir, &counts_dir).map_err(anyhow::Error::msg)?;
    let (mut log_reader, log_writer) = std::io::pipe().context("a pipe for valgrind's log")?;
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = log_reader.read_to_string(&mut text);
        text
    });
    let out_file = if threads {
        counts_dir.join(format!("{prefix}.%p"))
    } else {
        "/dev/null".into()
    };
    let mut args: Vec<std::ffi::OsString> = vec![
        "--tool=callgrind".into(),
        "--vgdb=no".into(),
        "--fair-sched=yes".into(),
        format!("--log-fd={LOG_FD}").into(),
        "--dump-line=no".into(),
        "--dump-instr=no".into(),
        format!("--separate-threads={}", if threads { "yes" } else { "no" }).into(),
    ];
    let mut out = std::ffi::OsString::from("--callgrind-out-file=");
    out.push(&out_file);
    args.push(out);
    let wrapper = Wrapper {
        program: "valgrind".into(),
        args,
        harness,
        dir: work_dir.clone(),
        env: vec![
            ("TMPDIR".into(), work_dir.clone().into()),
            ("RAYON_NUM_THREADS".into(), RAYON_THREADS.into()),
            // Hash maps seeded alike in every run (valgrind adds its own preloads to this).
            ("LD_PRELOAD".into(), fixed_random.into()),
        ],
        pre_exec: Box::new(move || {
            outside.apply()?;
            move_descriptor(&log_writer, LOG_FD)
        }),
    };
    let ending = child::run_wrapped(binary, request, limits, false, Some(wrapper))?;
    let log = log.join().unwrap_or_default();
    match ending {
        Ending::Responded {
            response: Response::Measured { .. },
            printed,
        } => {
            let Some(total) = callgrind::total_from_log(&log) else {
                return Ok(Err(Ending::Interfered {
                    reason: "valgrind's instruction count never arrived: the process replaced itself with another program, or valgrind failed".into(),
                    printed: format!("{printed}{}", child::tail(&log)),
                }));
            };
            let per_thread = if threads {
                callgrind::threads_from_files(&counts_dir, &prefix)?
            } else {
                Default::default()
            };
            if let Err(reason) = callgrind::check_threads(threads, total, &per_thread) {
                return Ok(Err(Ending::Interfered { reason, printed }));
            }
            let threads = per_thread;
            Ok(Ok(Counts { total, threads }))
        }
        other => Ok(Err(other)),
    }
}

fn symlink(target: &Path, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link).with_context(|| format!("linking {}", link.display()))
}

/// Puts `fd` at descriptor number `at` in this process (the child, before `exec`).
#[allow(unsafe_code)]
fn move_descriptor(fd: &impl std::os::fd::AsRawFd, at: i32) -> std::io::Result<()> {
    // SAFETY: dup2 only duplicates a descriptor this process holds; `at` is not owned by any
    // Rust object in the child, which runs no Rust code after this but `exec`.
    if unsafe { libc::dup2(fd.as_raw_fd(), at) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}
