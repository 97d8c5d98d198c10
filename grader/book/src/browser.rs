//! Opens the built book in headless Chromium and checks what a reader sees: every page renders
//! (its `<main>` has content and a heading, its title is its own, its scripts ran), no directive
//! is left unexpanded, no code block is empty, and every local link, script, stylesheet and image
//! of the *rendered* page names a file of the book, with the `id` its `#fragment` names in the
//! rendered target. The sidebar is built by a script, so only a browser sees its links.
//!
//! Chromium is driven as a command (`--dump-dom`, `--screenshot`), one process per page with a
//! fresh profile, and kept offline: every host name fails to resolve.
//!
//! Three modules: `render` runs Chromium, `page` says what a page should show and what is
//! wrong with one as a whole, and `check` checks every rendered page and its links.

mod check;
mod page;
mod render;

pub use check::check_rendered;
pub use page::Expectations;
pub use render::{Chromium, INSTALL_HINT, RenderedPage, render_pages};
