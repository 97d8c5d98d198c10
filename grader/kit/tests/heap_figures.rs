//! The heap measurement in a binary that installs the counting allocator, as a chapter harness
//! with heap checks does. One test function only: the counters are the process's.
// The functions measured take `&I` for a task input `I = String`, as a harness's do.
#![allow(clippy::ptr_arg)]

use grader_kit::counting::CountingAlloc;
use grader_kit::heap::{HeapFailure, measure_heap};
use grader_kit::protocol::{Evidence, Goal, Verdict};
use grader_kit::spec::Check;
use grader_kit::spec::HeapFigure;
use std::cell::RefCell;
use std::rc::Rc;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

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

fn heap(figure: HeapFigure, at_most_ratio: Option<f64>, at_most: Option<u64>) -> Check {
    Check::Heap {
        figure,
        n: 1000,
        at_most_ratio,
        at_most,
    }
}

#[test]
fn counted_figures_peaks_allocations_and_leaks() {
    assert!(grader_kit::counting::installed());
    let text = vec!["word"; 1000].join(" ");
    let checks = [
        heap(HeapFigure::Allocations, Some(0.25), None),
        heap(HeapFigure::PeakBytes, Some(0.5), None),
        heap(HeapFigure::LeakedBytes, None, Some(0)),
    ];
    let checks: Vec<&Check> = checks.iter().collect();
    let m = measure_heap(&checks, 1000, &text, owned_words, borrowed_words).unwrap();
    assert_eq!(m.len(), 3);
    let Evidence::Heap { starter, subject, .. } = m[0].evidence else {
        panic!("heap evidence expected")
    };
    // The words, plus the Vec's growth (collect knows no exact size for `split`).
    assert!(starter >= 1000 && subject < 20, "{starter} {subject}");
    assert_eq!(m[0].verdict, Verdict::Pass);
    assert_eq!(m[0].goal, Goal::AtMost((starter / 4) as f64));
    let Evidence::Heap { starter: peak, .. } = m[1].evidence else {
        panic!("heap evidence expected")
    };
    assert!(peak >= 4 * 1000 + 24 * 1000, "{peak}");
    assert_eq!((m[2].value, m[2].verdict), (Some(0.0), Verdict::Pass));

    // The same code measured again gives the same figures: counts are exact.
    let again = measure_heap(&checks, 1000, &text, owned_words, borrowed_words).unwrap();
    assert_eq!(again[0].value, m[0].value);

    // A leak is the subject's own, not the starter's.
    let leaked = measure_heap(&checks, 1000, &text, leaky, leaky).unwrap();
    let Evidence::Heap { starter, subject, .. } = leaked[2].evidence else {
        panic!("heap evidence expected")
    };
    assert!(
        starter >= 16 && subject >= 16 && subject < 2 * starter,
        "{starter} {subject}"
    );
    assert_eq!(leaked[2].verdict, Verdict::Fail);

    // Different answers are a mismatch, shrunk as ever.
    let wrong = measure_heap(&checks, 1000, &text, owned_words, |t: &String| owned_words(t) + 1);
    assert!(matches!(wrong, Err(HeapFailure::Mismatch(_))));
}
