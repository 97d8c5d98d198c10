//! The workbook's naming conventions, in one place: where each of a chapter's crates lives and
//! what its package, library crate and harness binaries are called. Compiling, profiling,
//! resetting, the workspace checks and `grader dev` all ask [`Layout`].

/// Which code is graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    /// The learner's `exercises/`.
    Exercises,
    /// The reference `solutions/`.
    Solutions,
    /// The frozen starters in `grader/starters/`.
    Starters,
}

impl Subject {
    /// Every subject.
    pub const ALL: [Subject; 3] = [Subject::Exercises, Subject::Solutions, Subject::Starters];

    /// The harness feature (and binary suffix) that links this subject.
    pub fn feature(self) -> &'static str {
        match self {
            Subject::Exercises => "exercise",
            Subject::Solutions => "solution",
            Subject::Starters => "starter",
        }
    }

    /// The directory holding this subject's chapter crate.
    pub fn dir(self, chapter: &str) -> String {
        Layout::new(chapter).dir(self.into())
    }
}

/// One of a chapter's four crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The learner's crate, `exercises/<chapter>`.
    Exercise,
    /// The reference solution, `solutions/<chapter>`.
    Solution,
    /// The frozen copy of the exercise's starter, `grader/starters/<chapter>`.
    Starter,
    /// The harness that links the starter and one subject, `grader/harness/<chapter>`.
    Harness,
}

impl Role {
    /// Every role, in the order the workspace lists the crates.
    pub const ALL: [Role; 4] = [Role::Harness, Role::Starter, Role::Exercise, Role::Solution];

    /// The directory holding this role's crate of every chapter, relative to the root.
    pub fn parent_dir(self) -> &'static str {
        match self {
            Role::Exercise => "exercises",
            Role::Solution => "solutions",
            Role::Starter => "grader/starters",
            Role::Harness => "grader/harness",
        }
    }
}

impl From<Subject> for Role {
    fn from(subject: Subject) -> Role {
        match subject {
            Subject::Exercises => Role::Exercise,
            Subject::Solutions => Role::Solution,
            Subject::Starters => Role::Starter,
        }
    }
}

/// The names and places of one chapter's crates, files and binaries.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    chapter: &'a str,
}

impl<'a> Layout<'a> {
    /// The layout of the chapter called `chapter` (its manifest name).
    pub fn new(chapter: &'a str) -> Self {
        Layout { chapter }
    }

    /// The crate's directory, relative to the workspace root.
    pub fn dir(&self, role: Role) -> String {
        format!("{}/{}", role.parent_dir(), self.chapter)
    }

    /// The crate's package name, as `cargo -p` takes it.
    pub fn package(&self, role: Role) -> String {
        match role {
            Role::Exercise => self.chapter.to_string(),
            Role::Solution => format!("{}-solution", self.chapter),
            Role::Starter => format!("{}-starter", self.chapter),
            Role::Harness => format!("{}-harness", self.chapter),
        }
    }

    /// The crate's name in Rust code (`big_o_solution`).
    pub fn crate_name(&self, role: Role) -> String {
        self.package(role).replace('-', "_")
    }

    /// The harness binary that grades `subject`; `heap` names its twin under dhat's allocator.
    pub fn binary(&self, subject: Subject, heap: bool) -> String {
        let timed = format!("{}-{}", self.package(Role::Harness), subject.feature());
        if heap { format!("{timed}-heap") } else { timed }
    }

    /// The source file of that binary, relative to the harness's directory.
    pub fn binary_source(&self, subject: Subject, heap: bool) -> String {
        let suffix = if heap { "_heap" } else { "" };
        format!("src/bin/{}{suffix}.rs", subject.feature())
    }

    /// A criterion bench of the exercise, relative to the workspace root.
    pub fn bench(&self, bench: &str) -> String {
        format!("{}/benches/{bench}.rs", self.dir(Role::Exercise))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_are_named_and_placed_per_role() {
        let layout = Layout::new("big-o");
        assert_eq!(layout.dir(Role::Starter), "grader/starters/big-o");
        assert_eq!(layout.dir(Role::Harness), "grader/harness/big-o");
        assert_eq!(layout.package(Role::Exercise), "big-o");
        assert_eq!(layout.package(Role::Solution), "big-o-solution");
        assert_eq!(layout.crate_name(Role::Solution), "big_o_solution");
        assert_eq!(layout.crate_name(Role::Harness), "big_o_harness");
    }

    #[test]
    fn binaries_are_named_per_subject_and_heap() {
        let layout = Layout::new("memory");
        assert_eq!(
            layout.binary(Subject::Exercises, false),
            "memory-harness-exercise"
        );
        assert_eq!(
            layout.binary(Subject::Solutions, true),
            "memory-harness-solution-heap"
        );
        assert_eq!(
            layout.binary_source(Subject::Starters, true),
            "src/bin/starter_heap.rs"
        );
        assert_eq!(Role::from(Subject::Starters), Role::Starter);
        assert_eq!(Subject::Solutions.feature(), "solution");
        assert_eq!(Subject::Starters.dir("big-o"), "grader/starters/big-o");
    }
}
