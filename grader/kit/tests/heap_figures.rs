//! The heap measurement in a binary that installs dhat's allocator, as a heap harness does.
//! One test function only: dhat runs one profiler at a time, and counts every thread's blocks.
// The functions measured take `&I` for a task input `I = String`, as a harness's do.
#![allow(clippy::ptr_arg)]

use grader_kit::heap::{figures_of, measure_heap, profiler_installed};
use grader_kit::protocol::{Evidence, Goal, Verdict};
use grader_kit::spec::HeapFigure;
use std::cell::RefCell;
use std::rc::Rc;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// One `String` per word: n allocations, all freed.
fn owned_words(text: &String) -> usize {
    let words: Vec<String> = text.split(' ').map(str::to_owned).collect();
    words.len()
}

/// Borrowed words: one allocation (the `Vec`).
fn borrowed_words(text: &String) -> usize {
    let words: Vec<&str> = text.split(' ').collect();
    words.len()
}

/// A node that points at itself: a cycle of `Rc`s is never freed.
struct Node {
    next: RefCell<Option<Rc<Node>>>,
}

fn leaky(_: &String) -> usize {
    let node = Rc::new(Node {
        next: RefCell::new(None),
    });
    *node.next.borrow_mut() = Some(Rc::clone(&node));
    1
}

#[test]
fn dhat_figures_count_blocks_peaks_and_leaks() {
    assert!(profiler_installed());
    let text = vec!["word"; 1000].join(" ");

    let owned = figures_of(owned_words, &text);
    let borrowed = figures_of(borrowed_words, &text);
    // Exact: the words, plus the Vec's growth (collect knows no exact size for `split`).
    assert!(owned.allocations >= 1000, "{owned:?}");
    assert!(borrowed.allocations < 20, "{borrowed:?}");
    assert_eq!((owned.leaked_bytes, borrowed.leaked_bytes), (0, 0));
    assert!(owned.peak_bytes >= 4 * 1000 + 24 * 1000, "{owned:?}");
    assert_eq!(
        figures_of(owned_words, &text),
        owned,
        "dhat's figures repeat exactly"
    );

    let leak = figures_of(leaky, &text);
    assert_eq!(leak.allocations, 1);
    assert!(leak.leaked_bytes >= 16, "{leak:?}");

    let m = measure_heap(
        HeapFigure::Allocations,
        1000,
        (Some(0.25), None),
        &text,
        owned_words,
        borrowed_words,
    )
    .unwrap();
    assert_eq!(m.verdict, Verdict::Pass);
    assert_eq!(m.value, borrowed.allocations as f64);
    assert_eq!(m.goal, Goal::AtMost((owned.allocations / 4) as f64));
    let Evidence::Heap { starter, subject, .. } = m.evidence else {
        panic!("heap evidence expected")
    };
    assert_eq!((starter, subject), (owned.allocations, borrowed.allocations));

    let stays = measure_heap(
        HeapFigure::LeakedBytes,
        1000,
        (None, Some(0)),
        &text,
        leaky,
        leaky,
    )
    .unwrap();
    assert_eq!(stays.verdict, Verdict::Fail);
}
