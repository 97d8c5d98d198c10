//! The book's one HTML scanner: the tags of a page, their attributes decoded, with their byte
//! offsets. It reads the pages mdbook writes and the DOM Chromium serializes after running the
//! pages' scripts; both escape `<` in text, so every other `<` opens a tag.

/// Elements whose content is raw text: a `<` inside them does not open a tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Whether the page's scripts ran when it was serialized, which decides how `<noscript>` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scripting {
    /// A page as written, read the way a browser with scripts turned off reads it: the content
    /// of `<noscript>` is markup, whose links a reader can follow.
    Off,
    /// A DOM Chromium serialized with scripting on: the content of `<noscript>` is raw text.
    On,
}

impl Scripting {
    /// Whether the content of the element `name` is raw text.
    fn raw_text(self, name: &str) -> bool {
        RAW_TEXT.contains(&name) || (self == Scripting::On && name == "noscript")
    }
}

/// A tag of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// Its byte offset in the page.
    pub offset: usize,
    /// The byte offset just past its `>`.
    pub end: usize,
    /// Its name, in lower case.
    pub name: String,
    /// `</name>`.
    pub closing: bool,
    /// Its attributes, in order.
    pub attributes: Vec<Attribute<'a>>,
    /// The content of a raw-text element (`<title>`, `<script>`...).
    pub raw_text: Option<&'a str>,
}

/// An attribute of a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute<'a> {
    /// Its name, as written.
    pub name: &'a str,
    /// Its value, its character references decoded (`""` when it has none).
    pub value: String,
    /// The byte offset of its name in the page.
    pub offset: usize,
}

impl Tag<'_> {
    /// The value of its first attribute called `name` (in any case), if it has one.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
            .map(|a| a.value.as_str())
    }
}

/// The tags of `html`: comments and doctypes skipped, and the content of raw-text elements
/// (scripts, styles, and `<noscript>` when `scripting` is on) not read as tags.
pub fn tags(html: &str, scripting: Scripting) -> Vec<Tag<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(found_at) = html[at..].find('<') {
        let start = at + found_at;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = start + 4 + comment.find("-->").map_or(comment.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            at = start + rest.find('>').map_or(rest.len(), |end| end + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 {
            // A `<` that opens nothing.
            at = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (attributes, end) = attributes(html, name_start + name_len);
        at = end;
        let mut raw_text = None;
        if !closing && scripting.raw_text(&name) {
            let content_end = html[end..]
                .find(&format!("</{name}"))
                .map_or(html.len(), |c| end + c);
            raw_text = Some(&html[end..content_end]);
            at = content_end;
        }
        found.push(Tag {
            offset: start,
            end,
            name,
            closing,
            attributes,
            raw_text,
        });
    }
    found
}

/// The attributes of the tag whose name ends at `from`, and the offset just past its `>`.
fn attributes(html: &str, from: usize) -> (Vec<Attribute<'_>>, usize) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attributes, bytes.len()),
            Some(b'>') => return (attributes, i + 1),
            Some(_) => {}
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[name_start..i];
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(char::from(quote))
                        .map_or(bytes.len(), |e| i + 1 + e);
                    value = decode_entities(&html[i + 1..end]);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[value_start..i]);
                }
            }
        }
        if name.is_empty() {
            // A stray `=`: step over it.
            i += 1;
        } else {
            attributes.push(Attribute {
                name,
                value,
                offset: name_start,
            });
        }
    }
}

/// The byte range from the first `<name>` tag to its matching `</name>`.
pub fn element_range(tags: &[Tag<'_>], name: &str) -> Option<(usize, usize)> {
    let start = tags.iter().position(|t| t.name == name && !t.closing)?;
    let mut depth = 0usize;
    for tag in &tags[start..] {
        if tag.name != name {
            continue;
        }
        if tag.closing {
            depth -= 1;
            if depth == 0 {
                return Some((tags[start].offset, tag.offset));
            }
        } else {
            depth += 1;
        }
    }
    None
}

/// The text of an HTML fragment, tags left out and whitespace collapsed.
pub fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the character references an attribute value may hold in mdbook's output.
pub fn decode_entities(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_skip_comments_and_raw_text() {
        let html = "<!DOCTYPE html><!-- <a href=\"x\"> --><p class=a id='b' hidden>x &lt; y</p>\
                    <script>if (a < b) {}</script><title>A &amp; B</title><br/><img src=i.png>";
        let found = tags(html, Scripting::On);
        let names: Vec<(&str, bool)> = found.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(
            names,
            [
                ("p", false),
                ("p", true),
                ("script", false),
                ("script", true),
                ("title", false),
                ("title", true),
                ("br", false),
                ("img", false)
            ]
        );
        assert_eq!(found[0].attribute("class"), Some("a"));
        assert_eq!(found[0].attribute("id"), Some("b"));
        assert_eq!(found[0].attribute("hidden"), Some(""));
        assert_eq!(found[4].raw_text, Some("A &amp; B"));
        assert_eq!(found[7].attribute("src"), Some("i.png"));
        assert_eq!(found[7].attributes[0].offset, html.rfind("src").unwrap());
    }

    #[test]
    fn noscript_is_markup_unless_scripts_ran() {
        let html = "<noscript><iframe src=\"toc.html\"></iframe></noscript>";
        let names = |scripting| -> Vec<String> {
            tags(html, scripting)
                .into_iter()
                .filter(|t| !t.closing)
                .map(|t| t.name)
                .collect()
        };
        assert_eq!(names(Scripting::Off), ["noscript", "iframe"]);
        assert_eq!(names(Scripting::On), ["noscript"]);
    }
}
