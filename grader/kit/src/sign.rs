//! The harness's answer is signed, so the grader can tell it from anything learner code prints.
//!
//! The grader hands each harness process a fresh random key on its standard input, which the
//! harness reads to the end before any learner code runs; the harness prints its response as one
//! line, [`MARKER`], an HMAC-SHA256 of the JSON under that key, and the JSON. Learner code sees
//! neither the key (it is not in the arguments, the environment or a file, and the sandbox
//! denies `/proc/self/mem`) nor a way to make the grader accept a line without it.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Bytes of key material per task process.
pub const KEY_BYTES: usize = 32;

/// The start of the response line.
pub const MARKER: &str = "@@workbook-response@@";

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8], message: &[u8]) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac
}

/// The response line for `json`, starting on a line of its own.
pub fn response_line(key: &[u8], json: &str) -> String {
    let tag = to_hex(&mac(key, json.as_bytes()).finalize().into_bytes());
    format!("\n{MARKER} {tag} {json}\n")
}

/// What a harness's standard output held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signed {
    /// A response signed with the key: its JSON.
    Valid(String),
    /// A line that looks like a response but is not signed with the key.
    Forged,
    /// No response line at all.
    Missing,
}

/// Checks one line (without its newline) that starts with [`MARKER`].
pub fn check_line(key: &[u8], line: &str) -> Signed {
    let Some(rest) = line.strip_prefix(MARKER).and_then(|r| r.strip_prefix(' ')) else {
        return Signed::Missing;
    };
    let Some((tag, json)) = rest.split_once(' ') else {
        return Signed::Forged;
    };
    match from_hex(tag) {
        Some(tag) if mac(key, json.as_bytes()).verify_slice(&tag).is_ok() => Signed::Valid(json.to_string()),
        _ => Signed::Forged,
    }
}

/// Lower-case hexadecimal.
pub fn to_hex(bytes: &[u8]) -> String {
    // By table: the same instructions whatever the bytes, so that a random key or signature
    // never moves an exact-mode count (see `crate::exact`).
    let mut text = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        text.push(char::from(HEX_DIGITS[usize::from(b >> 4)]));
        text.push(char::from(HEX_DIGITS[usize::from(b & 0x0f)]));
    }
    text
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Each byte's value as a hexadecimal digit, or 0xff.
const HEX_VALUES: [u8; 256] = {
    let mut table = [0xff; 256];
    let mut i = 0;
    while i < 16 {
        table[HEX_DIGITS[i] as usize] = i as u8;
        table[HEX_DIGITS[i].to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    table
};

/// The bytes of a hexadecimal string, if it is one. By table, like [`to_hex`].
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() / 2);
    let mut invalid = 0u8;
    for pair in digits.chunks_exact(2) {
        let (high, low) = (HEX_VALUES[usize::from(pair[0])], HEX_VALUES[usize::from(pair[1])]);
        invalid |= (high | low) & 0xf0;
        bytes.push((high << 4) | (low & 0x0f));
    }
    (invalid == 0).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_line_verifies_and_a_changed_one_does_not() {
        let key = [7u8; KEY_BYTES];
        let line = response_line(&key, r#"{"outcome":"measured"}"#);
        let line = line.trim();
        assert_eq!(
            check_line(&key, line),
            Signed::Valid(r#"{"outcome":"measured"}"#.into())
        );
        assert_eq!(check_line(&[8u8; KEY_BYTES], line), Signed::Forged);
        let tampered = line.replace("measured", "passed!!");
        assert_eq!(check_line(&key, &tampered), Signed::Forged);
        assert_eq!(check_line(&key, &format!("{MARKER} zz {{}}")), Signed::Forged);
        assert_eq!(check_line(&key, "hello"), Signed::Missing);
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(from_hex(&to_hex(&[0, 1, 254, 255])), Some(vec![0, 1, 254, 255]));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("FF0a"), Some(vec![255, 10]));
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&all)), Some(all));
    }
}
