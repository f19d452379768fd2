//! The words of the trigger analysis, written once for the CLI report, the
//! TUI and the JSON: lag and verdict names, p-values and relative risks as
//! text, the sentence of a finding built from its counts, "tracks beer,
//! not fries", what could have been seen, and the note on chance. The
//! templates are in `content/insights.json`.

use super::factors::{lower_first, Factor};
use super::stats::{RelativeRisk, Table};
use super::triggers::{Adjusted, Direction, Lag, TriggerSummary, Verdict, MIN_MEAL_DAYS};
use crate::content;
use crate::domain::symptom_name;

fn percent(n: u32, of: u32) -> u32 {
    if of == 0 {
        0
    } else {
        (100.0 * n as f64 / of as f64).round() as u32
    }
}

/// "1 day", "3 days".
pub fn days(n: u32) -> String {
    let forms = &content::insights().day_count;
    forms[usize::from(n != 1)].replace("{n}", &n.to_string())
}

/// "25 of 35 days".
fn of_days(n: u32, of: u32) -> String {
    format!("{n} of {}", days(of))
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

/// "same day", "next day".
pub fn lag_name(lag: Lag) -> &'static str {
    let l = &content::insights().lags;
    match lag {
        Lag::SameDay => &l.same_day,
        Lag::NextDay => &l.next_day,
    }
}

/// A factor taken at `factor_lag` before the outcome day of a finding at
/// `lag`: "beer the day before", "beer on the day itself", or just "beer".
pub fn at_lag(label: &str, factor_lag: Lag, lag: Lag) -> String {
    let l = &content::insights().lags;
    match (factor_lag, lag) {
        (a, b) if a == b => label.to_string(),
        (Lag::NextDay, _) => l.day_before.replace("{factor}", label),
        (Lag::SameDay, _) => l.day_itself.replace("{factor}", label),
    }
}

fn verdict_key(v: Verdict, d: Direction) -> usize {
    match (v, d) {
        (Verdict::Likely, _) => 0,
        (Verdict::Helper, _) => 1,
        (Verdict::Possible, Direction::More) => 2,
        (Verdict::Possible, Direction::Less) => 3,
    }
}

/// "likely trigger", "likely helper", "possible trigger", "possible helper".
pub fn verdict_name(v: Verdict, d: Direction) -> &'static str {
    let n = &content::insights().verdict_names;
    [
        &n.likely,
        &n.helper,
        &n.possible_trigger,
        &n.possible_helper,
    ][verdict_key(v, d)]
}

/// What a verdict means, in a sentence or two.
pub fn verdict_meaning(v: Verdict, d: Direction) -> &'static str {
    let n = &content::insights().verdicts;
    [
        &n.likely,
        &n.helper,
        &n.possible_trigger,
        &n.possible_helper,
    ][verdict_key(v, d)]
}

/// A p- or q-value as text: three decimals, or "< 0.001".
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// "RR 2.35 (95% CI 1.02–5.40)", saying so when a zero count made it rough.
pub fn rr_text(estimate: f64, ci_low: f64, ci_high: f64, from_empty_cell: bool) -> String {
    let mut s = format!("RR {estimate:.2} (95% CI {ci_low:.2}–{ci_high:.2})");
    if from_empty_cell {
        s.push_str("; ");
        s.push_str(&content::insights().rr_empty_cell);
    }
    s
}

/// The note under `possible` findings: how many would reach p ≤ 0.05 by
/// chance alone, counting both directions of every comparison.
pub fn chance_note(summary: &TriggerSummary) -> String {
    let expected = (summary.tests as f64 * 2.0 * super::triggers::MAX_P_POSSIBLE).round();
    let t = content::insights();
    if expected < 1.0 {
        return t
            .possible_note_few
            .replace("{tests}", &summary.tests.to_string());
    }
    t.possible_note
        .replace("{tests}", &summary.tests.to_string())
        .replace("{expected}", &format!("{expected:.0}"))
}

/// Why there is no analysis yet, and how many more days are needed.
pub fn insufficient(meal_days: u32, window_days: u32) -> String {
    content::insights()
        .insufficient
        .replace("{meal_days}", &meal_days.to_string())
        .replace("{window_days}", &window_days.to_string())
        .replace("{needed}", &MIN_MEAL_DAYS.to_string())
        .replace(
            "{more_days}",
            &content::insights().day_count[usize::from(MIN_MEAL_DAYS - meal_days != 1)]
                .replace("{n}", &format!("{} more", MIN_MEAL_DAYS - meal_days)),
        )
}

/// What the data could have shown, for the symptom with the most days.
pub fn detectable(summary: &TriggerSummary) -> String {
    let text = content::insights();
    let best = summary
        .detectable
        .iter()
        .max_by_key(|d| (d.days_with_symptom, std::cmp::Reverse(d.symptom.clone())));
    let Some(d) = best else {
        return text
            .no_symptoms
            .replace("{severity}", &severity_phrase(summary.min_severity));
    };
    let symptom = lower_first(&d.symptom_name);
    let template = match (d.relative_risk, d.share_with) {
        (Some(_), Some(_)) => &text.detectable,
        _ => &text.detectable_none,
    };
    template
        .replace("{meal_days}", &summary.meal_days.to_string())
        .replace("{symptom}", &symptom)
        .replace("{rr}", &format!("{:.1}", d.relative_risk.unwrap_or(0.0)))
        .replace("{from}", &format!("{:.0}", 100.0 * d.share_without))
        .replace(
            "{to}",
            &format!("{:.0}", 100.0 * d.share_with.unwrap_or(1.0)),
        )
}

/// The message when nothing stood out: say what could have been seen.
pub fn no_findings(summary: &TriggerSummary) -> String {
    content::insights()
        .no_findings
        .replace("{window_days}", &summary.window_days.to_string())
        .replace("{detectable}", &detectable(summary))
}

/// "Not tested, on nearly every day: whole food (52 of 52 days). 12 on too
/// few days to test." None when every factor was tested.
pub fn not_tested(summary: &TriggerSummary) -> Option<String> {
    use super::triggers::NotTestedReason;
    let text = content::insights();
    let every: Vec<String> = summary
        .not_tested
        .iter()
        .filter(|n| n.reason == NotTestedReason::EveryDay)
        .map(|n| {
            format!(
                "{} ({})",
                n.factor_label,
                of_days(n.days_with, n.days_known)
            )
        })
        .collect();
    let rare = summary
        .not_tested
        .iter()
        .filter(|n| n.reason == NotTestedReason::TooFewDays)
        .count() as u32;
    let mut parts = Vec::new();
    if !every.is_empty() {
        parts.push(
            text.not_tested_everyday
                .replace("{factors}", &join_names(&every)),
        );
    }
    if rare > 0 {
        let count = if rare == 1 {
            "1 factor".to_string()
        } else {
            format!("{rare} factors")
        };
        parts.push(text.not_tested_rare.replace("{count}", &count));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Everything a finding's sentence is built from.
pub struct SentenceParts<'a> {
    pub factor: &'a Factor,
    pub together: &'a [&'a Factor],
    pub complements: &'a [&'a Factor],
    /// Other factors neither of which kept its evidence allowing for the other.
    pub inseparable: &'a [&'a Factor],
    pub symptom: &'a str,
    pub lag: Lag,
    pub table: Table,
    /// Exposed days with the symptom where it came only before the
    /// exposure (None: the factor has no time, or the next day).
    pub before: Option<u32>,
    pub min_severity: u8,
    pub crude_rr: RelativeRisk,
    pub adjusted: Option<&'a Adjusted>,
}

/// The plain sentence behind a finding, built from its counts. "Followed"
/// only when the symptom came after the exposure on every such day.
pub fn sentence(p: &SentenceParts) -> String {
    let text = content::insights();
    let s = &text.sentences;
    let t = p.table;
    let template = match (p.lag, p.before) {
        (Lag::NextDay, _) => &s.next_day,
        (Lag::SameDay, Some(0)) => &s.followed,
        (Lag::SameDay, Some(_)) => &s.came_on_before,
        (Lag::SameDay, None) => &s.came_on,
    };
    let mut out = template
        .replace("{symptom}", &symptom_name(p.symptom))
        .replace("{severity}", &severity_phrase(p.min_severity))
        .replace("{with}", &of_days(t.exposed_with, t.exposed))
        .replace("{factor}", &p.factor.label)
        .replace(
            "{with_pct}",
            &percent(t.exposed_with, t.exposed).to_string(),
        )
        .replace("{without}", &of_days(t.unexposed_with, t.unexposed))
        .replace(
            "{without_pct}",
            &percent(t.unexposed_with, t.unexposed).to_string(),
        )
        .replace("{before}", &p.before.unwrap_or(0).to_string());
    if !p.together.is_empty() {
        let mut names = vec![p.factor.label.clone()];
        for m in p.together {
            if !names.contains(&m.label) {
                names.push(m.label.clone());
            }
        }
        out.push(' ');
        out.push_str(
            &text
                .together
                .replace("{factors}", &capitalise(&join_names(&names))),
        );
    }
    if !p.complements.is_empty() {
        let names: Vec<String> = p.complements.iter().map(|m| m.label.clone()).collect();
        out.push(' ');
        out.push_str(
            &text
                .complements
                .replace("{factors}", &capitalise(&join_names(&names)))
                .replace("{factor}", &p.factor.label),
        );
    }
    if !p.inseparable.is_empty() {
        let mut names = vec![p.factor.label.clone()];
        names.extend(p.inseparable.iter().map(|m| m.label.clone()));
        out.push(' ');
        out.push_str(
            &text
                .inseparable
                .replace("{factors}", &capitalise(&join_names(&names))),
        );
    }
    if let Some(a) = p.adjusted {
        out.push(' ');
        out.push_str(
            &s.adjusted
                .replace("{other}", &a.factor_label)
                .replace("{adjusted}", &format!("{:.2}", a.relative_risk))
                .replace("{crude}", &format!("{:.2}", p.crude_rr.estimate)),
        );
    }
    out
}

/// "Bloating tracks beer, not fries: on days with beer it came on 8 of 10
/// days with fries and 9 of 12 days without, and on days without beer on 2
/// of 10 days with fries and 5 of 30 days without." A half where the
/// factor was always there (or never) is left out; None when both are.
pub fn explained(factor: &str, other: &str, symptom: &str, split: [Table; 2]) -> Option<String> {
    let text = content::insights();
    let s = &text.sentences;
    let part = |t: Table| {
        (t.exposed > 0 && t.unexposed > 0).then(|| {
            s.split
                .replace("{with}", &of_days(t.exposed_with, t.exposed))
                .replace("{factor}", factor)
                .replace("{without}", &of_days(t.unexposed_with, t.unexposed))
        })
    };
    let halves = match (part(split[0]), part(split[1])) {
        (None, None) => return None,
        (Some(a), None) => s.explained_with.replace("{with_other}", &a),
        (None, Some(b)) => s.explained_without.replace("{without_other}", &b),
        (Some(a), Some(b)) => s
            .explained_both
            .replace("{with_other}", &a)
            .replace("{without_other}", &b),
    };
    Some(
        s.explained
            .replace("{symptom}", &symptom_name(symptom))
            .replace("{halves}", &halves)
            .replace("{other}", other)
            .replace("{factor}", factor),
    )
}
