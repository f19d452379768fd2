//! What a change was, in words, for its confirmation and its undo
//! message ("bloating moderate", "breakfast at 08:00: oats"), from the
//! texts in content/tui.json.

use super::checkin::CheckField;
use crate::content::{fill, tui_text};
use crate::domain::water::WaterUnit;
use crate::domain::{symptom_name, CheckIn, Meal, SymptomRating};
use crate::store::Deleted;

pub fn meal_what(m: &Meal) -> String {
    fill(
        &tui_text().what_meal,
        &[
            ("slot", m.slot.as_str()),
            ("time", &m.at.format("%H:%M").to_string()),
            ("foods", &m.foods.join(", ")),
        ],
    )
}

pub fn rating_what(r: &SymptomRating) -> String {
    fill(
        &tui_text().what_symptom,
        &[
            ("symptom", &symptom_name(&r.symptom).to_lowercase()),
            ("severity", r.severity.word()),
        ],
    )
}

pub fn deleted_what(d: &Deleted) -> String {
    let t = tui_text();
    match d {
        Deleted::Meal(m) => meal_what(m),
        Deleted::Symptom(r) => rating_what(r),
        Deleted::Stool(s) => fill(
            &t.what_stool,
            &[
                ("type", &s.bristol.kind().to_string()),
                ("time", &s.at.format("%H:%M").to_string()),
            ],
        ),
        Deleted::Intake(i) => fill(
            &t.what_intake,
            &[
                ("name", &i.name),
                ("time", &i.at.format("%H:%M").to_string()),
            ],
        ),
        Deleted::PlanRun(r, _) => fill(
            &t.what_plan_run,
            &[("date", &r.started_on.format("%-d %b").to_string())],
        ),
    }
}

/// "mood 3, water 1 glass" or "water cleared": what changed in a check-in
/// (water in the unit of the settings).
pub fn checkin_changes(old: &CheckIn, new: &CheckIn, water: WaterUnit) -> String {
    let t = tui_text();
    CheckField::ALL
        .iter()
        .filter_map(|f| {
            let (a, b) = (f.show(old, water), f.show(new, water));
            (a != b).then(|| match b {
                Some(v) if *f == CheckField::Note => format!("{} \"{v}\"", f.word()),
                Some(v) => format!("{} {v}", f.word()),
                None => fill(&t.what_cleared, &[("field", &f.word())]),
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}
