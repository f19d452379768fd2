//! The words of a finding: plain sentences built from its counts, with
//! any longer text taken from `content/insights.json`.

use super::factors::Factor;
use super::stats::Table;
use super::triggers::Lag;
use crate::content;
use crate::domain::symptom_name;

fn percent(n: u32, of: u32) -> u32 {
    if of == 0 {
        0
    } else {
        (100.0 * n as f64 / of as f64).round() as u32
    }
}

/// "moderate or worse", or just "severe" at the top of the scale.
pub fn severity_phrase(min_severity: u8) -> String {
    let word = content::symptoms().severity_word(min_severity);
    if min_severity >= crate::domain::Severity::MAX {
        word.to_string()
    } else {
        format!("{word} or worse")
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The plain sentence behind a finding, built from its counts.
pub(super) fn sentence(
    factor: &Factor,
    mates: &[&Factor],
    symptom: &str,
    lag: Lag,
    t: Table,
    min_severity: u8,
) -> String {
    let (verb, after) = match lag {
        Lag::SameDay => ("followed", ""),
        Lag::NextDay => ("came the day after", "after "),
    };
    let mut s = format!(
        "{} ({}) {verb} {} of {} days with {} ({}%) and {after}{} of {} days without ({}%).",
        symptom_name(symptom),
        severity_phrase(min_severity),
        t.exposed_with,
        t.exposed,
        factor.label,
        percent(t.exposed_with, t.exposed),
        t.unexposed_with,
        t.unexposed,
        percent(t.unexposed_with, t.unexposed),
    );
    if !mates.is_empty() {
        let mut names = vec![factor.label.clone()];
        names.extend(mates.iter().map(|m| m.label.clone()));
        let together = content::insights()
            .together
            .replace("{factors}", &capitalise(&join_names(&names)));
        s.push(' ');
        s.push_str(&together);
    }
    s
}
