//! Ownership at work: when values are freed, what reference counting keeps alive, and how a
//! buffer's capacity grows, gets reused and shrinks. The snippets the Memory management chapter
//! teaches with.
//!
//! ```console
//! cargo run -p memory --example ownership
//! ```
//!
//! Test them with `cargo test -p memory --example ownership`. The book includes them piece by
//! piece, between the `ANCHOR` comments.

use std::cell::RefCell;
use std::io::BufRead;
use std::ops::{Deref, DerefMut};
use std::rc::{Rc, Weak};

// ANCHOR: drop_order
/// A value that writes its name into a shared log when it is dropped.
struct Noisy {
    name: &'static str,
    log: Rc<RefCell<Vec<&'static str>>>,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        self.log.borrow_mut().push(self.name);
    }
}

/// A struct owns its fields: they are dropped with it, in declaration order.
struct Pair {
    _first: Noisy,
    _second: Noisy,
}

/// Who is dropped when: the order in which the values' names reach the log.
fn drop_order() -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let noisy = |name| Noisy {
        name,
        log: Rc::clone(&log),
    };
    {
        let a = noisy("a");
        let _b = noisy("b");
        let moved = a; // a move: `a` is no longer usable, and will not be dropped twice
        let c = noisy("c");
        drop(c); // dropped now, explicitly
        let _pair = Pair {
            _first: noisy("pair.first"),
            _second: noisy("pair.second"),
        };
        let _ = moved;
        // End of the scope: the variables still owning a value are dropped in reverse order of
        // declaration: the pair (its fields in order), then `moved` (which owns "a"), then `_b`.
        // `a` owns nothing any more: its value went where it was moved.
    }
    log.take()
}
// ANCHOR_END: drop_order

// ANCHOR: raii
/// A pool of text buffers, so that a program that needs a scratch `String` again and again
/// allocates a few and reuses them.
#[derive(Debug, Default)]
struct BufferPool {
    free: RefCell<Vec<String>>,
}

/// A buffer lent by the pool. It goes back to the pool, emptied but with its capacity, when it
/// is dropped: at the end of the scope, on an early `return`, on `?`, even during a panic.
struct Buffer<'pool> {
    text: String,
    pool: &'pool BufferPool,
}

impl BufferPool {
    fn take(&self) -> Buffer<'_> {
        let text = self.free.borrow_mut().pop().unwrap_or_default();
        Buffer { text, pool: self }
    }
}

impl Drop for Buffer<'_> {
    fn drop(&mut self) {
        let mut text = std::mem::take(&mut self.text); // leaves an empty String, no allocation
        text.clear();
        self.pool.free.borrow_mut().push(text);
    }
}

impl Deref for Buffer<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl DerefMut for Buffer<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}
// ANCHOR_END: raii

// ANCHOR: rc_cycle
/// A node that can point at another node, strongly.
struct Node {
    next: RefCell<Option<Rc<Node>>>,
}

/// Two nodes pointing at each other. Returns each one's strong count while the function still
/// holds them, and two `Weak`s to watch them once the function's own `Rc`s are dropped.
fn cycle() -> ((usize, usize), Weak<Node>, Weak<Node>) {
    let a = Rc::new(Node {
        next: RefCell::new(None),
    });
    let b = Rc::new(Node {
        next: RefCell::new(Some(Rc::clone(&a))),
    });
    *a.next.borrow_mut() = Some(Rc::clone(&b));
    let counts = (Rc::strong_count(&a), Rc::strong_count(&b)); // (2, 2)
    let watch = (Rc::downgrade(&a), Rc::downgrade(&b));
    (counts, watch.0, watch.1)
    // `a` and `b` are dropped here: each count falls to 1, held by the other node. Neither
    // reaches 0, so neither is freed: a leak, and no collector will ever come for it.
}
// ANCHOR_END: rc_cycle

// ANCHOR: weak_parent
/// A folder knows its children (strong links, down the tree) and its parent (a weak link, up).
#[derive(Debug)]
struct Folder {
    name: String,
    parent: RefCell<Weak<Folder>>,
    children: RefCell<Vec<Rc<Folder>>>,
}

impl Folder {
    fn new(name: &str) -> Rc<Folder> {
        Rc::new(Folder {
            name: name.to_string(),
            parent: RefCell::new(Weak::new()),
            children: RefCell::new(Vec::new()),
        })
    }

    fn add_child(parent: &Rc<Folder>, child: Rc<Folder>) {
        *child.parent.borrow_mut() = Rc::downgrade(parent);
        parent.children.borrow_mut().push(child);
    }

    /// The folder's path: `upgrade` turns each weak parent link into an `Rc` for a moment.
    fn path(&self) -> String {
        match self.parent.borrow().upgrade() {
            Some(parent) => format!("{}/{}", parent.path(), self.name),
            None => self.name.clone(),
        }
    }
}
// ANCHOR_END: weak_parent

// ANCHOR: leak
/// Leaking is safe: it breaks no rule of memory safety, it only wastes memory. Sometimes it is
/// what you want: a value that must live until the program ends can be leaked once, on purpose.
fn leak_on_purpose() -> (&'static str, usize) {
    // `Box::leak` gives up ownership for a `&'static mut`: the memory is never freed.
    let config: &'static mut str = Box::leak(String::from("mode=fast").into_boxed_str());
    // `mem::forget` takes ownership and never runs the destructor: here the pool never gets
    // its buffer back.
    let pool = BufferPool::default();
    std::mem::forget(pool.take());
    (config, pool.free.borrow().len())
}
// ANCHOR_END: leak

// ANCHOR: growth
/// How many buffers a `Vec` allocates while `n` values are pushed, starting empty or with the
/// right capacity. Each new buffer but the first means a copy of everything so far and a free
/// (unless the allocator can grow the block where it is); during the copy, the old and the new
/// buffer are both alive.
fn buffers_allocated(n: usize, reserve: bool) -> usize {
    let mut values: Vec<u64> = if reserve {
        Vec::with_capacity(n)
    } else {
        Vec::new()
    };
    let mut buffers = usize::from(values.capacity() > 0); // `with_capacity` allocates once
    for value in 0..n as u64 {
        let before = values.capacity();
        values.push(value);
        if values.capacity() != before {
            buffers += 1;
        }
    }
    buffers
}
// ANCHOR_END: growth

// ANCHOR: reuse
/// The lengths of the lines of `text`, read the way a log is read: each line into the same
/// `String`, cleared (length 0, capacity kept) before the next. Also returns how many times the
/// buffer had to grow: only while the lines keep getting longer than any before.
fn line_lengths(mut text: impl BufRead) -> (Vec<usize>, usize) {
    let mut line = String::new();
    let mut lengths = Vec::new();
    let mut growths = 0;
    loop {
        line.clear();
        let capacity = line.capacity();
        match text.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => lengths.push(line.trim_end_matches(['\n', '\r']).len()),
        }
        growths += usize::from(line.capacity() != capacity);
    }
    (lengths, growths)
}
// ANCHOR_END: reuse

// ANCHOR: shrink
/// A `Vec` that has stopped growing keeps its capacity: after a filter, after a `clear`, after
/// being built by doubling. `shrink_to_fit` hands the spare capacity back to the allocator (it
/// may copy the elements into a smaller buffer to do so).
fn shrink_after_filter(n: u64) -> (usize, usize, usize) {
    let mut ids: Vec<u64> = (0..n).collect();
    ids.retain(|id| id % 10 == 0); // keeps a tenth, in the same buffer
    let before = ids.capacity();
    ids.shrink_to_fit();
    (ids.len(), before, ids.capacity())
}
// ANCHOR_END: shrink

// ANCHOR: arena
/// An index into a [`FolderTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderId(u32);

/// A tree without `Rc`: every folder lives in the tree's `Vec`s, and links are indices. One
/// allocation per `Vec` instead of one per folder, no reference counts, no possible cycle of
/// ownership, and dropping the tree frees a handful of buffers. The price: a folder is only
/// reachable through the tree, and removing one leaves a hole (or needs a free list).
#[derive(Debug, Default)]
struct FolderTree {
    names: Vec<String>,
    parents: Vec<Option<FolderId>>,
}

impl FolderTree {
    fn add(&mut self, name: &str, parent: Option<FolderId>) -> FolderId {
        let id = FolderId(u32::try_from(self.names.len()).expect("fewer than 2³² folders"));
        self.names.push(name.to_string());
        self.parents.push(parent);
        id
    }

    /// The folder's path, walking up the parent indices: no recursion, no reference counting.
    fn path(&self, id: FolderId) -> String {
        let mut parts = vec![self.names[id.0 as usize].as_str()];
        let mut next = self.parents[id.0 as usize];
        while let Some(parent) = next {
            parts.push(&self.names[parent.0 as usize]);
            next = self.parents[parent.0 as usize];
        }
        parts.reverse();
        parts.join("/")
    }
}
// ANCHOR_END: arena

fn main() {
    println!("drop order: {:?}", drop_order());

    let pool = BufferPool::default();
    for word in ["first", "second", "third"] {
        let mut buffer = pool.take();
        buffer.push_str(word);
        println!(
            "buffer holds {:?}, capacity {}",
            buffer.as_str(),
            buffer.capacity()
        );
    } // each buffer goes back to the pool here
    println!("buffers in the pool: {}", pool.free.borrow().len());

    let ((a, b), watch_a, watch_b) = cycle();
    // (Each `upgrade` makes a temporary `Rc`: counted apart, so it is gone before the counts.)
    let alive = (watch_a.upgrade().is_some(), watch_b.upgrade().is_some());
    println!(
        "a cycle: strong counts {a} and {b} inside; after the function, alive: {alive:?}, \
         strong counts {} and {}",
        watch_a.strong_count(),
        watch_b.strong_count()
    );

    let root = Folder::new("home");
    let docs = Folder::new("docs");
    Folder::add_child(&root, Rc::clone(&docs));
    let report = Folder::new("report.txt");
    Folder::add_child(&docs, Rc::clone(&report));
    println!(
        "a tree: {} (strong {}, weak {} for docs)",
        report.path(),
        Rc::strong_count(&docs),
        Rc::weak_count(&docs)
    );
    let watch_docs = Rc::downgrade(&docs);
    drop((root, docs));
    println!(
        "after dropping root and docs: docs alive: {}, report's path: {}",
        watch_docs.upgrade().is_some(),
        report.path()
    );

    println!("leaked on purpose: {:?}", leak_on_purpose());

    for n in [1_000, 1_000_000] {
        println!(
            "pushing {n} values: {} buffers from Vec::new(), {} with Vec::with_capacity({n})",
            buffers_allocated(n, false),
            buffers_allocated(n, true)
        );
    }

    let log = "GET /a\nPOST /orders/12345\nGET /b\nGET /health\nGET /c\n".repeat(1000);
    let (lengths, growths) = line_lengths(log.as_bytes());
    println!(
        "{} lines read into one String; it grew {growths} times",
        lengths.len()
    );

    let (len, before, after) = shrink_after_filter(1_000_000);
    println!("after retain: {len} ids in a capacity of {before}; after shrink_to_fit: {after}");

    let mut tree = FolderTree::default();
    let home = tree.add("home", None);
    let docs = tree.add("docs", Some(home));
    let report = tree.add("report.txt", Some(docs));
    println!("an index tree: {}", tree.path(report));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locals_drop_in_reverse_fields_in_order() {
        assert_eq!(drop_order(), ["c", "pair.first", "pair.second", "a", "b"]);
    }

    #[test]
    fn the_pool_gets_its_buffers_back() {
        let pool = BufferPool::default();
        {
            let mut first = pool.take();
            first.push_str("some text that needs a heap block");
            let _second = pool.take();
        }
        assert_eq!(pool.free.borrow().len(), 2);
        let reused = pool.take();
        assert!(reused.is_empty());
        assert!(pool.free.borrow().len() == 1);
        drop(reused);
        assert!(
            pool.free.borrow().iter().any(|s| s.capacity() >= 33),
            "capacity kept"
        );
    }

    #[test]
    fn a_cycle_of_rc_leaks() {
        let ((a, b), watch_a, watch_b) = cycle();
        assert_eq!((a, b), (2, 2));
        assert!(watch_a.upgrade().is_some() && watch_b.upgrade().is_some());
        assert_eq!((watch_a.strong_count(), watch_b.strong_count()), (1, 1));
        // Break the cycle by hand: then both are freed.
        if let Some(a) = watch_a.upgrade() {
            a.next.borrow_mut().take();
        }
        assert!(watch_a.upgrade().is_none() && watch_b.upgrade().is_none());
    }

    #[test]
    fn weak_parents_do_not_keep_the_tree_alive() {
        let root = Folder::new("home");
        let child = Folder::new("docs");
        Folder::add_child(&root, Rc::clone(&child));
        assert_eq!(child.path(), "home/docs");
        assert_eq!((Rc::strong_count(&root), Rc::weak_count(&root)), (1, 1));
        assert_eq!(Rc::strong_count(&child), 2);
        let watch_root = Rc::downgrade(&root);
        drop(root);
        assert!(watch_root.upgrade().is_none());
        assert_eq!(child.path(), "docs", "the parent is gone");
        assert_eq!(child.name, "docs");
        assert!(child.children.borrow().is_empty());
    }

    #[test]
    fn leaks_are_safe() {
        assert_eq!(leak_on_purpose(), ("mode=fast", 0));
    }

    #[test]
    fn with_capacity_allocates_once() {
        assert_eq!(buffers_allocated(0, false), 0);
        assert_eq!(buffers_allocated(1000, true), 1);
        assert!(buffers_allocated(1000, false) >= 8);
        assert!(buffers_allocated(1_000_000, false) <= 20);
    }

    #[test]
    fn one_buffer_for_every_line() {
        let (lengths, growths) = line_lengths("ab\ncdef\r\n\nx".as_bytes());
        assert_eq!(lengths, [2, 4, 0, 1]);
        assert!(growths <= 2, "{growths}");
        let (lengths, _) = line_lengths("".as_bytes());
        assert!(lengths.is_empty());
    }

    #[test]
    fn shrinking_returns_the_spare_capacity() {
        let (len, before, after) = shrink_after_filter(1000);
        assert_eq!((len, before), (100, 1000));
        assert!(after >= 100 && after < before);
    }

    #[test]
    fn index_trees() {
        let mut tree = FolderTree::default();
        let home = tree.add("home", None);
        let docs = tree.add("docs", Some(home));
        let other = tree.add("tmp", None);
        let file = tree.add("a.txt", Some(docs));
        assert_eq!(tree.path(file), "home/docs/a.txt");
        assert_eq!(tree.path(other), "tmp");
        assert_eq!(docs, FolderId(1));
    }
}
