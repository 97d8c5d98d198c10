//! Confines the harness process before any learner code runs (Linux only).
//!
//! Learner code runs in the same process as the timer, the heap counter and the signing key, so
//! what it may ask of the kernel is cut down first: with seccomp-bpf it cannot start programs or
//! processes, trace or read another process's memory, open files (so neither `/proc/self/mem`,
//! nor a cache file left by an earlier run, nor the solutions), change scheduling or affinity,
//! or map executable memory. A task that needs files (criterion writes its estimates) may open
//! them only beneath its scratch directory, which Landlock enforces. Elsewhere than Linux
//! nothing is confined, and the README says so.

use std::path::PathBuf;

#[cfg(target_os = "linux")]
pub mod outside;

/// What file access a task's learner code is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Files {
    /// No file may be opened.
    None,
    /// Files may be opened only beneath this directory.
    Beneath(PathBuf),
}

/// How the process was confined, for the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confined {
    /// System calls filtered, and file access as asked.
    Fully,
    /// System calls filtered, but the kernel has no Landlock, so a scratch directory could not
    /// be enforced: files may be opened anywhere the user may.
    WithoutFileRules,
    /// Not on Linux: nothing is confined.
    Not,
}

/// Confines the calling thread and every thread it starts later. Call it before any other
/// thread exists. `Err` when the kernel refused the filter.
pub fn confine(files: &Files) -> Result<Confined, String> {
    imp::confine(files)
}

#[cfg(target_os = "linux")]
mod imp {
    use super::{Confined, Files};
    use seccompiler::{
        BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
        SeccompRule, TargetArch,
    };
    use std::collections::BTreeMap;

    /// Calls denied to learner code whatever the task.
    const DENIED: &[libc::c_long] = &[
        // New programs and processes (threads are allowed: see `clone` below).
        libc::SYS_execve,
        libc::SYS_execveat,
        libc::SYS_fork,
        libc::SYS_vfork,
        // Other processes: tracing, reading or writing their memory, signalling them.
        libc::SYS_ptrace,
        libc::SYS_process_vm_readv,
        libc::SYS_process_vm_writev,
        libc::SYS_kill,
        libc::SYS_pidfd_open,
        // The executable's own path (`current_exe`), so code cannot tell which binary it is in.
        libc::SYS_readlink,
        libc::SYS_readlinkat,
        // Scheduling: lowering the timed thread's priority or pinning it to a busy core.
        libc::SYS_setpriority,
        libc::SYS_sched_setaffinity,
        libc::SYS_sched_setscheduler,
        libc::SYS_sched_setattr,
        libc::SYS_sched_setparam,
        // Memory outside the allocator's view, and the network.
        libc::SYS_memfd_create,
        libc::SYS_socket,
        libc::SYS_socketpair,
        // Kernel facilities no exercise needs.
        libc::SYS_perf_event_open,
        libc::SYS_bpf,
        libc::SYS_userfaultfd,
        libc::SYS_mount,
        libc::SYS_chroot,
    ];

    /// File-system calls denied when no file may be opened at all.
    const FILE_CALLS: &[libc::c_long] = &[
        libc::SYS_open,
        libc::SYS_openat,
        libc::SYS_openat2,
        libc::SYS_creat,
        libc::SYS_open_by_handle_at,
        libc::SYS_name_to_handle_at,
        libc::SYS_unlink,
        libc::SYS_unlinkat,
        libc::SYS_rename,
        libc::SYS_renameat,
        libc::SYS_renameat2,
        libc::SYS_mkdir,
        libc::SYS_mkdirat,
        libc::SYS_rmdir,
        libc::SYS_truncate,
        libc::SYS_link,
        libc::SYS_linkat,
        libc::SYS_symlink,
        libc::SYS_symlinkat,
        libc::SYS_chmod,
        libc::SYS_fchmodat,
    ];

    #[cfg(target_arch = "x86_64")]
    const ARCH: TargetArch = TargetArch::x86_64;
    #[cfg(target_arch = "aarch64")]
    const ARCH: TargetArch = TargetArch::aarch64;
    #[cfg(target_arch = "riscv64")]
    const ARCH: TargetArch = TargetArch::riscv64;

    fn filter(rules: BTreeMap<i64, Vec<SeccompRule>>, errno: i32) -> Result<BpfProgram, String> {
        let filter = SeccompFilter::new(
            rules,
            SeccompAction::Allow,
            SeccompAction::Errno(errno as u32),
            ARCH,
        )
        .map_err(|e| format!("seccomp filter: {e}"))?;
        filter.try_into().map_err(|e| format!("seccomp filter: {e}"))
    }

    fn when(arg: u8, op: SeccompCmpOp, value: u64) -> Result<SeccompRule, String> {
        let condition = SeccompCondition::new(arg, SeccompCmpArgLen::Qword, op, value)
            .map_err(|e| format!("seccomp condition: {e}"))?;
        SeccompRule::new(vec![condition]).map_err(|e| format!("seccomp rule: {e}"))
    }

    pub fn confine(files: &Files) -> Result<Confined, String> {
        let mut denied: BTreeMap<i64, Vec<SeccompRule>> = DENIED.iter().map(|&n| (n, vec![])).collect();
        if *files == Files::None {
            denied.extend(FILE_CALLS.iter().map(|&n| (n, vec![])));
        }
        // `clone` without CLONE_THREAD makes a process; with it, a thread (allowed).
        let thread = libc::CLONE_THREAD as u64;
        denied.insert(libc::SYS_clone, vec![when(0, SeccompCmpOp::MaskedEq(thread), 0)?]);
        // Executable memory: no code is loaded at run time, so none may be mapped.
        let exec = libc::PROT_EXEC as u64;
        denied.insert(libc::SYS_mmap, vec![when(2, SeccompCmpOp::MaskedEq(exec), exec)?]);
        denied.insert(
            libc::SYS_mprotect,
            vec![when(2, SeccompCmpOp::MaskedEq(exec), exec)?],
        );
        denied.insert(
            libc::SYS_pkey_mprotect,
            vec![when(2, SeccompCmpOp::MaskedEq(exec), exec)?],
        );
        // `clone3` passes its flags in memory, where seccomp cannot look: "not implemented"
        // sends the C library back to `clone`, which the rule above sees.
        let clone3 = BTreeMap::from([(libc::SYS_clone3, vec![])]);

        let confined = match files {
            Files::None => Confined::Fully,
            Files::Beneath(dir) => beneath(dir)?,
        };
        seccompiler::apply_filter(&filter(clone3, libc::ENOSYS)?).map_err(|e| format!("seccomp: {e}"))?;
        seccompiler::apply_filter(&filter(denied, libc::EACCES)?).map_err(|e| format!("seccomp: {e}"))?;
        Ok(confined)
    }

    /// Allows file access beneath `dir` only, where the kernel has Landlock.
    fn beneath(dir: &std::path::Path) -> Result<Confined, String> {
        use landlock::{ABI, Access, AccessFs, Ruleset, RulesetAttr, RulesetCreatedAttr, RulesetStatus};
        let abi = ABI::V3;
        let access = AccessFs::from_all(abi);
        let status = Ruleset::default()
            .handle_access(access)
            .and_then(|r| r.create())
            .and_then(|r| r.add_rules(landlock::path_beneath_rules([dir], access)))
            .and_then(|r| r.restrict_self())
            .map_err(|e| format!("landlock: {e}"))?;
        Ok(match status.ruleset {
            RulesetStatus::NotEnforced => Confined::WithoutFileRules,
            _ => Confined::Fully,
        })
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::{Confined, Files};

    pub fn confine(_: &Files) -> Result<Confined, String> {
        Ok(Confined::Not)
    }
}
