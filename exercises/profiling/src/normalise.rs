//! Stage 2: turn a request's method and path into the endpoint it is counted under.

// ANCHOR: endpoint
/// The endpoint of a request: its method, a space and its normalised path.
///
/// The path loses its query string (from the first `?`) and its empty segments (so doubled and
/// trailing slashes do not count); its letters are put in ASCII lower case, and every segment
/// made only of digits becomes `:id`. The root, and a path of slashes only, normalise to `/`.
#[inline(never)]
pub fn endpoint(method: &str, path: &str) -> String {
    let path = match path.split_once('?') {
        Some((path, _query)) => path,
        None => path,
    };
    let mut endpoint = String::with_capacity(method.len() + 1 + path.len());
    endpoint.push_str(method);
    endpoint.push(' ');
    for segment in path.split('/') {
        if segment.is_empty() {
            continue;
        }
        endpoint.push('/');
        if is_numeric_id(segment) {
            endpoint.push_str(":id");
        } else {
            let start = endpoint.len();
            endpoint.push_str(segment);
            endpoint[start..].make_ascii_lowercase();
        }
    }
    if endpoint.len() == method.len() + 1 {
        endpoint.push('/');
    }
    endpoint
}
// ANCHOR_END: endpoint

/// Whether a path segment is a numeric ID: one or more ASCII digits and nothing else.
#[inline(never)]
pub fn is_numeric_id(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}
