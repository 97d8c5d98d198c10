//! Confinement applied from outside, to a process that runs under valgrind (`grader --exact`).
//!
//! Valgrind implements neither seccomp nor Landlock for the program it runs, so the harness
//! cannot confine itself there. The grader confines the process instead, between `fork` and
//! the `exec` of valgrind: both are inherited by valgrind and by the program it runs. The rules
//! must leave valgrind working (it maps executable memory for its translations, reads its own
//! tools and the program, and writes its counts), and leave learner code unable to fake a
//! count or do its work where none is counted:
//!
//! - no new processes (a helper process's instructions would not be counted), no tracing, no
//!   other process's memory, no signals to other processes, no sockets;
//! - files: read-only beneath the system's directories and the program's own, read and write
//!   in the process's working directory, create-and-write (not list, not read) in the directory
//!   where valgrind writes its per-thread counts under a name the program never sees, and of
//!   `/proc` only the process's own memory map, which valgrind needs: not `/proc/self/mem`,
//!   not `/proc/self/fd` (the count's pipe).

use landlock::{
    ABI, Access, AccessFs, PathBeneath, PathFd, Ruleset, RulesetAttr, RulesetCreated, RulesetCreatedAttr,
    RulesetStatus,
};
use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter, SeccompRule,
    TargetArch,
};
use std::collections::BTreeMap;
use std::io;
use std::path::Path;

#[cfg(target_arch = "x86_64")]
const ARCH: TargetArch = TargetArch::x86_64;
#[cfg(target_arch = "aarch64")]
const ARCH: TargetArch = TargetArch::aarch64;
#[cfg(target_arch = "riscv64")]
const ARCH: TargetArch = TargetArch::riscv64;

/// Calls denied to a counted process (valgrind makes none of them with `--vgdb=no`).
const DENIED: &[libc::c_long] = &[
    libc::SYS_fork,
    libc::SYS_vfork,
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    libc::SYS_kill,
    libc::SYS_pidfd_open,
    libc::SYS_socket,
    libc::SYS_socketpair,
    libc::SYS_perf_event_open,
    libc::SYS_bpf,
    libc::SYS_userfaultfd,
    libc::SYS_mount,
    libc::SYS_chroot,
];

/// System directories a program and valgrind read from, where they exist.
const SYSTEM_DIRS: &[&str] = &[
    "/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/opt", "/nix",
];

/// Where a counted process may go, prepared before `fork` (opening paths allocates and takes
/// locks, which a forked child of a threaded program must not); applied in the child.
pub struct Outside {
    ruleset: Option<RulesetCreated>,
    filters: Vec<BpfProgram>,
}

impl std::fmt::Debug for Outside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outside").finish_non_exhaustive()
    }
}

impl Outside {
    /// Rules for a process whose program lives in `program_dir`, whose working directory is
    /// `work_dir`, and whose per-thread counts valgrind writes in `counts_dir`.
    pub fn prepare(program_dir: &Path, work_dir: &Path, counts_dir: &Path) -> Result<Outside, String> {
        let abi = ABI::V3;
        let read = AccessFs::from_read(abi);
        let all = AccessFs::from_all(abi);
        let create_and_write = AccessFs::MakeReg | AccessFs::WriteFile | AccessFs::Truncate;
        let file = AccessFs::ReadFile | AccessFs::WriteFile;
        let rule = |path: &Path, access| -> Result<PathBeneath<PathFd>, String> {
            let fd = PathFd::new(path).map_err(|e| format!("landlock: {}: {e}", path.display()))?;
            Ok(PathBeneath::new(fd, access))
        };
        let mut rules = vec![
            rule(program_dir, read)?,
            rule(work_dir, all)?,
            rule(counts_dir, create_and_write)?,
            rule(Path::new("/dev/null"), file)?,
        ];
        for dir in SYSTEM_DIRS.iter().map(Path::new).filter(|d| d.exists()) {
            rules.push(rule(dir, read)?);
        }
        let ruleset = Ruleset::default()
            .handle_access(all)
            .and_then(|r| r.create())
            .and_then(|r| r.add_rules(rules.into_iter().map(Ok::<_, landlock::RulesetError>)))
            .map_err(|e| format!("landlock: {e}"))?;
        Ok(Outside {
            ruleset: Some(ruleset),
            filters: filters()?,
        })
    }

    /// Applies the rules to the calling process: call it in the child, between `fork` and
    /// `exec`. Fails when the kernel cannot enforce them (no Landlock): an exact count would
    /// then rest on nothing.
    pub fn apply(&mut self) -> io::Result<()> {
        let ruleset = self
            .ruleset
            .take()
            .ok_or_else(|| io::Error::other("the confinement was already applied"))?;
        // The memory map is the child's own: `/proc/self` names this process only from here.
        let maps = PathFd::new("/proc/self/maps").map_err(io::Error::other)?;
        let status = ruleset
            .add_rule(PathBeneath::new(maps, AccessFs::ReadFile))
            .and_then(|r| r.restrict_self())
            .map_err(io::Error::other)?;
        if status.ruleset != RulesetStatus::FullyEnforced {
            return Err(io::Error::other(
                "this kernel cannot enforce Landlock file rules, which exact mode needs (Linux 5.19 or newer, with Landlock enabled)",
            ));
        }
        for filter in &self.filters {
            seccompiler::apply_filter(filter).map_err(io::Error::other)?;
        }
        Ok(())
    }
}

/// The seccomp programs: `clone3` answers "not implemented" (its flags are out of seccomp's
/// sight, and the C library then uses `clone`), `clone` may make threads but not processes, and
/// the calls in [`DENIED`] are refused.
fn filters() -> Result<Vec<BpfProgram>, String> {
    let program = |rules: BTreeMap<i64, Vec<SeccompRule>>, errno: i32| -> Result<BpfProgram, String> {
        SeccompFilter::new(
            rules,
            SeccompAction::Allow,
            SeccompAction::Errno(errno as u32),
            ARCH,
        )
        .and_then(BpfProgram::try_from)
        .map_err(|e| format!("seccomp filter: {e}"))
    };
    let mut denied: BTreeMap<i64, Vec<SeccompRule>> = DENIED.iter().map(|&n| (n, vec![])).collect();
    let thread = libc::CLONE_THREAD as u64;
    let condition = SeccompCondition::new(0, SeccompCmpArgLen::Qword, SeccompCmpOp::MaskedEq(thread), 0)
        .map_err(|e| format!("seccomp condition: {e}"))?;
    let process = SeccompRule::new(vec![condition]).map_err(|e| format!("seccomp rule: {e}"))?;
    denied.insert(libc::SYS_clone, vec![process]);
    Ok(vec![
        program(BTreeMap::from([(libc::SYS_clone3, vec![])]), libc::ENOSYS)?,
        program(denied, libc::EACCES)?,
    ])
}
