//! Where a link of a page of the built book leads: its scheme, its path decoded, and the file
//! it names, resolved the way a browser resolves it.

use std::path::{Component, Path, PathBuf};

/// Whether `link` starts with a URL scheme (`https:`, `mailto:`, `data:`...).
pub fn has_scheme(link: &str) -> bool {
    let Some(colon) = link.find(':') else {
        return false;
    };
    let scheme = &link[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `link` without its `#fragment` and `?query`.
pub fn strip_query_and_fragment(link: &str) -> &str {
    let end = link.find(['#', '?']).unwrap_or(link.len());
    &link[..end]
}

/// Decodes `%XX` escapes; a malformed escape is kept as it is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `path` with `.` and `..` resolved lexically (links are resolved the way a browser does, not
/// through symlinks).
pub fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Where the decoded, non-empty `path` of a link of `page` leads, in the book built in
/// `out_dir`: relative to the page's `<base href>` (`base`) if it has one, else to the page's
/// directory; a path starting with `/` is relative to the book's root.
pub fn resolve(out_dir: &Path, page: &Path, base: Option<&str>, path: &str) -> PathBuf {
    let dir = page.parent().unwrap_or(out_dir);
    let base = match base {
        Some(base) if base.starts_with('/') => out_dir.join(base.trim_start_matches('/')),
        Some(base) => dir.join(base),
        None => dir.to_path_buf(),
    };
    match path.strip_prefix('/') {
        Some(rooted) => normalize(&out_dir.join(rooted)),
        None => normalize(&base.join(path)),
    }
}

/// The file a link to `target` names: `target` itself, or its `index.html` if it is a
/// directory.
pub fn file_of(target: PathBuf) -> PathBuf {
    if target.is_dir() {
        target.join("index.html")
    } else {
        target
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::decode_entities;

    #[test]
    fn schemes_and_decoding() {
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b") && has_scheme("data:,x"));
        assert!(!has_scheme("a/b.html") && !has_scheme("1x:y") && !has_scheme("a/b:c"));
        assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
        assert_eq!(decode_entities("a.html?x=1&amp;y=2"), "a.html?x=1&y=2");
        assert_eq!(strip_query_and_fragment("a.html?q#f"), "a.html");
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
    }

    #[test]
    fn links_resolve_against_the_base_or_the_page() {
        let (out, page) = (Path::new("/b"), Path::new("/b/deep/page.html"));
        assert_eq!(resolve(out, page, None, "../x.html"), Path::new("/b/x.html"));
        assert_eq!(resolve(out, page, None, "/css/a.css"), Path::new("/b/css/a.css"));
        assert_eq!(resolve(out, page, Some("/"), "a.css"), Path::new("/b/a.css"));
        assert_eq!(
            resolve(out, page, Some("sub/"), "a.css"),
            Path::new("/b/deep/sub/a.css")
        );
    }
}
