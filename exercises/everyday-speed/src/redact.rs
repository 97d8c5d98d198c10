//! Redacting a server's access log before it is shared: no client addresses, no secrets.

use std::collections::BTreeMap;

// ANCHOR: redact_log
/// Redacts a server's access log so that it can be shared outside the company.
///
/// Each line of `log` is `time level address user request`: four words, each followed by one
/// space, then the rest of the line. Lines end in `\n` or `\r\n`; the last may have no end.
/// The result has, in order:
///
/// - for each line that has all five fields and whose level is not `DEBUG` or `TRACE` (in any
///   case): the line with its address replaced by `client-` and the 16 hex digits of the
///   address's [FNV-1a hash](fnv1a), and each word of the request (split at single spaces)
///   that is one of `secrets` replaced by one `*` per character;
/// - for each user of those lines, in byte order of the names: `user: n requests`;
/// - `dropped: n`, the number of lines left out.
///
/// Every line of the result ends in `\n`.
pub fn redact_log(log: &str, secrets: &[String]) -> String {
    let mut out = String::new();
    let mut requests: BTreeMap<&str, u64> = BTreeMap::new();
    let mut dropped = 0;
    for line in log.lines() {
        let fields: Vec<&str> = line.splitn(5, ' ').collect();
        if fields.len() < 5 {
            dropped += 1;
            continue;
        }
        let (time, level, address, user, request) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if level.to_ascii_uppercase() == "DEBUG" || level.to_ascii_uppercase() == "TRACE" {
            dropped += 1;
            continue;
        }
        let mut words = Vec::new();
        for word in request.split(' ') {
            let mut is_secret = false;
            for secret in secrets.to_vec() {
                if word.to_string() == secret {
                    is_secret = true;
                }
            }
            if is_secret {
                words.push("*".repeat(word.chars().count()));
            } else {
                words.push(word.to_string());
            }
        }
        let client = format!("client-{:016x}", fnv1a(address));
        out.push_str(&format!(
            "{} {} {} {} {}\n",
            time,
            level,
            client,
            user,
            words.join(" ")
        ));
        if !requests.contains_key(&user) {
            requests.insert(user, 0);
        }
        *requests.get_mut(user).expect(&format!("{user} was just added")) += 1;
    }
    for (user, count) in &requests {
        out.push_str(&format!("{}: {} requests\n", user, count.to_string()));
    }
    out.push_str(&format!("dropped: {}\n", dropped));
    out
}
// ANCHOR_END: redact_log

/// The 64-bit FNV-1a hash of `text`'s bytes: the same address always gets the same name.
pub fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
