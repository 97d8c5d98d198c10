//! A task's id, `chapter/task`: how the command line, the state file and the reports name it.

use std::fmt;

/// A task's id: its chapter's name and its own, written `chapter/task`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId {
    /// The chapter's name, as in `exercises/<chapter>`.
    pub chapter: String,
    /// The task's name, unique within its chapter.
    pub task: String,
}

impl TaskId {
    /// The id of `task` in `chapter`.
    pub fn new(chapter: impl Into<String>, task: impl Into<String>) -> Self {
        TaskId {
            chapter: chapter.into(),
            task: task.into(),
        }
    }

    /// `chapter/task` split at its one slash; `None` for a bare name (a chapter's).
    pub fn parse(text: &str) -> Option<Self> {
        let (chapter, task) = text.split_once('/')?;
        let valid = |part: &str| !part.is_empty() && !part.contains('/');
        (valid(chapter) && valid(task)).then(|| TaskId::new(chapter, task))
    }

    /// Whether `text` names this task, or its whole chapter.
    pub fn is_selected_by(&self, text: &str) -> bool {
        text == self.chapter || TaskId::parse(text).is_some_and(|id| id == *self)
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.chapter, self.task)
    }
}

impl PartialEq<str> for TaskId {
    fn eq(&self, text: &str) -> bool {
        TaskId::parse(text).is_some_and(|id| id == *self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_text() {
        let id = TaskId::new("big-o", "find-duplicates");
        assert_eq!(id.to_string(), "big-o/find-duplicates");
        assert_eq!(TaskId::parse("big-o/find-duplicates"), Some(id.clone()));
        assert!(id == *"big-o/find-duplicates");
        assert!(id != *"big-o/count-pairs-with-sum");
    }

    #[test]
    fn rejects_what_is_not_one_chapter_and_one_task() {
        for text in ["big-o", "big-o/", "/find-duplicates", "a/b/c", ""] {
            assert_eq!(TaskId::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_chapter_name_selects_all_its_tasks() {
        let id = TaskId::new("big-o", "find-duplicates");
        assert!(id.is_selected_by("big-o"));
        assert!(id.is_selected_by("big-o/find-duplicates"));
        assert!(!id.is_selected_by("big-o/count-pairs-with-sum"));
        assert!(!id.is_selected_by("memory"));
    }
}
