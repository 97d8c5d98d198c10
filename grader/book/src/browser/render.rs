//! Running headless Chromium: on one page (its DOM once loaded, or a screenshot), and on every
//! page of a built book, a few processes at a time.

use crate::files::files_with_extension;
use crate::links::normalize;
use anyhow::{Context, Result, bail, ensure};
use std::env;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How to install the browser, for the error that says it is missing.
pub const INSTALL_HINT: &str = "install Debian's or Ubuntu's `chromium` package \
(`apt-get install -y --no-install-recommends chromium`; `.ci/run` does it), \
or set CHROMIUM to the path of a Chromium or Chrome executable";

/// How long Chromium may take over one page before it is stopped.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// A headless run that leaves no state behind and makes no network request: the book's pages
/// are local files, and the playground's crate list (which mdbook's script fetches) is not
/// needed to render them.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
];

/// A Chromium (or Chrome) executable.
#[derive(Debug, Clone)]
pub struct Chromium {
    program: PathBuf,
}

impl Chromium {
    /// `$CHROMIUM` if it is set, else `chromium` or `chromium-browser` on the `PATH`.
    pub fn find() -> Result<Self> {
        if let Some(program) = env::var_os("CHROMIUM") {
            let program = PathBuf::from(program);
            let found = if program.components().count() > 1 {
                program.is_file().then_some(program.clone())
            } else {
                on_path(&program.to_string_lossy())
            };
            return match found {
                Some(program) => Ok(Self { program }),
                None => bail!(
                    "CHROMIUM is {}, which is not an executable file: {INSTALL_HINT}",
                    program.display()
                ),
            };
        }
        ["chromium", "chromium-browser"]
            .into_iter()
            .find_map(on_path)
            .map(|program| Self { program })
            .with_context(|| {
                format!("headless Chromium is needed and was not found on the PATH: {INSTALL_HINT}")
            })
    }

    /// The executable.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// The page at `url` as Chromium serializes it once loaded, its scripts run.
    pub fn dump_dom(&self, url: &str) -> Result<String> {
        let scratch = Scratch::new()?;
        let dom = scratch.path().join("dom.html");
        self.run(&scratch, &["--dump-dom".into()], url, Some(&dom))?;
        fs::read_to_string(&dom).with_context(|| format!("cannot read what Chromium printed for {url}"))
    }

    /// Saves a PNG of the page at `url`, in a window `width` × `height` pixels, to `png`.
    pub fn screenshot(&self, url: &str, png: &Path, width: u32, height: u32) -> Result<()> {
        let scratch = Scratch::new()?;
        let png = std::path::absolute(png)?;
        let args = [
            format!("--screenshot={}", png.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".into(),
        ];
        self.run(&scratch, &args, url, None)?;
        ensure!(png.is_file(), "Chromium wrote no screenshot to {}", png.display());
        Ok(())
    }

    /// Runs Chromium on `url` with `args`, a profile in `scratch` and its output to `stdout`,
    /// stopping it after [`PAGE_TIMEOUT`].
    fn run(&self, scratch: &Scratch, args: &[String], url: &str, stdout: Option<&Path>) -> Result<()> {
        let profile = scratch.path().join("profile");
        let stderr_path = scratch.path().join("stderr.txt");
        let stdout = match stdout {
            Some(path) => Stdio::from(File::create(path)?),
            None => Stdio::null(),
        };
        let mut child = Command::new(&self.program)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(File::create(&stderr_path)?)
            .spawn()
            .with_context(|| format!("cannot run {}", self.program.display()))?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > PAGE_TIMEOUT {
                // Already exited, if the kill fails: the wait below reaps it either way.
                let _ = child.kill();
                child.wait()?;
                bail!("Chromium took more than {} s over {url}", PAGE_TIMEOUT.as_secs());
            }
            thread::sleep(Duration::from_millis(10));
        };
        if !status.success() {
            let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
            let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            bail!("Chromium exited with {status} over {url}:\n{}", tail.join("\n"));
        }
        Ok(())
    }
}

/// The first executable file called `name` in a directory of the `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A fresh directory in the system's temporary directory, removed when dropped.
#[derive(Debug)]
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = env::temp_dir().join(format!(
            "book-chromium-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        // Left over by a process that was killed, if it exists.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Self(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Chromium may still be writing to its profile for a moment; a leftover is harmless.
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// One page of the built book, as Chromium rendered it, or why it could not.
#[derive(Debug)]
pub struct RenderedPage {
    /// The page's file.
    pub file: PathBuf,
    /// Its DOM, serialized after loading, or the error that stopped Chromium.
    pub dom: std::result::Result<String, String>,
}

/// Renders every HTML page under `out_dir` with `chromium`, on `workers` Chromium processes at
/// a time.
pub fn render_pages(chromium: &Chromium, out_dir: &Path, workers: usize) -> Result<Vec<RenderedPage>> {
    let out_dir = normalize(&std::path::absolute(out_dir)?);
    let files = files_with_extension(&out_dir, "html")?;
    ensure!(!files.is_empty(), "no HTML pages in {}", out_dir.display());
    let next = AtomicUsize::new(0);
    let rendered = Mutex::new(Vec::with_capacity(files.len()));
    thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let dom = chromium
                        .dump_dom(&crate::file_url(file))
                        .map_err(|error| format!("{error:#}"));
                    let page = RenderedPage {
                        file: file.clone(),
                        dom,
                    };
                    rendered.lock().unwrap_or_else(PoisonError::into_inner).push(page);
                }
            });
        }
    });
    let mut rendered = rendered.into_inner().unwrap_or_else(PoisonError::into_inner);
    rendered.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(rendered)
}
