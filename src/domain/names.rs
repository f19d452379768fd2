//! Resolving a name someone typed against a list of valid ones, with a
//! "did you mean" suggestion when it does not match.

use super::error::InputError;

/// Lower-cases, trims and turns spaces and dashes into underscores, so
/// "Abdominal pain" and "abdominal-pain" both become "abdominal_pain".
pub fn normalize_key(input: &str) -> String {
    input
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// The closest candidate to `input`, if any is reasonably close.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = normalize_key(input);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, c), c))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// An error naming the bad value, the valid ones and the closest match.
pub fn unknown(what: &str, input: &str, valid: &[&str]) -> InputError {
    let mut msg = format!("unknown {what} '{}'", input.trim());
    if let Some(best) = closest(input, valid.iter().copied()) {
        msg.push_str(&format!(" (did you mean '{best}'?)"));
    }
    msg.push_str(&format!("; valid: {}", valid.join(", ")));
    InputError(msg)
}
