//! The guide, catalogues and dictionaries bundled into the binary.
//!
//! Every file under `content/` is embedded with `include_str!`, parsed once on
//! first use and shared. Tests in `tests/content.rs` check that every file
//! parses and that the guide's facts are present.

use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Clone, Deserialize)]
pub struct GuideSection {
    pub id: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Deserialize)]
pub struct Guide {
    pub sections: Vec<GuideSection>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SymptomInfo {
    pub id: String,
    pub name: String,
    pub group: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub hint: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SeverityInfo {
    pub level: u8,
    pub word: String,
}

#[derive(Debug, Deserialize)]
pub struct Symptoms {
    pub symptoms: Vec<SymptomInfo>,
    pub severities: Vec<SeverityInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BristolInfo {
    #[serde(rename = "type")]
    pub kind: u8,
    pub name: String,
    pub description: String,
    pub meaning: String,
}

#[derive(Debug, Deserialize)]
pub struct Bristol {
    pub types: Vec<BristolInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RedFlagInfo {
    pub id: String,
    pub name: String,
    pub question: String,
    pub guidance: String,
}

#[derive(Debug, Deserialize)]
pub struct RedFlags {
    pub flags: Vec<RedFlagInfo>,
    pub general: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TagInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FoodInfo {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Foods {
    pub tags: Vec<TagInfo>,
    pub foods: Vec<FoodInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PlanDayInfo {
    pub day: u8,
    pub title: String,
    pub action: String,
    pub why: String,
    pub tips: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HabitInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub auto: Option<String>,
    pub auto_hint: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Plan {
    pub days: Vec<PlanDayInfo>,
    pub habits: Vec<HabitInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IntakeKindInfo {
    pub id: String,
    pub name: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KnownIntake {
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
pub struct Intakes {
    pub kinds: Vec<IntakeKindInfo>,
    pub known: Vec<KnownIntake>,
}

#[derive(Debug, Deserialize)]
pub struct AppText {
    pub welcome: String,
    pub disclaimer: String,
    pub privacy: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CheckinHabitInfo {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VerdictTexts {
    pub likely: String,
    pub possible: String,
    pub helper: String,
}

/// Text and word lists used by the weekly review and trigger analysis.
#[derive(Debug, Deserialize)]
pub struct Insights {
    pub soothing_supplements: Vec<String>,
    pub checkin_habits: Vec<CheckinHabitInfo>,
    pub healing_habit_label: String,
    pub coverage_low: String,
    pub insufficient: String,
    pub no_findings: String,
    pub together: String,
    pub possible_note: String,
    pub verdicts: VerdictTexts,
    pub caveat: String,
}

/// The check-in screen's messages and labels. `{name}` marks a value
/// filled in by `fill`; keys are filled from the key table, never written
/// into these texts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TuiText {
    pub scale_value: String,
    pub sleep_value: String,
    pub water_one: String,
    pub water_many: String,
    pub movement_value: String,
    pub meals_one: String,
    pub meals_many: String,
    pub prompt_note: String,
    pub prompt_reflection: String,
    pub prompt_search: String,
    pub prompt_new_symptom: String,
    pub saved: String,
    pub updated: String,
    pub deleted: String,
    pub undid: String,
    pub nothing_to_undo: String,
    pub what_meal: String,
    pub what_symptom: String,
    pub what_symptoms_none: String,
    pub what_checkin: String,
    pub what_cleared: String,
    pub what_copied_checkin: String,
    pub what_stool: String,
    pub what_intake: String,
    pub what_flag_on: String,
    pub what_flag_off: String,
    pub what_habit_on: String,
    pub what_habit_off: String,
    pub what_plan_started: String,
    pub what_plan_tick: String,
    pub what_plan_untick: String,
    pub what_reflection: String,
    pub what_custom_symptom: String,
    pub what_plan_run: String,
    pub no_change: String,
    pub nothing_unrated: String,
    pub no_checkin_yesterday: String,
    pub no_meal_yesterday: String,
    pub copied_meal: String,
    pub not_saved: String,
    pub kept: String,
    pub midnight: String,
    pub no_later_day: String,
    pub no_later_week: String,
    pub nothing_to_delete: String,
    pub delete_question: String,
    pub start_plan_first: String,
    pub already_from_data: String,
    pub no_meals_yet: String,
    pub no_stools: String,
    pub no_intakes: String,
    pub flags_none: String,
    pub flags_some: String,
    pub flags_banner_short: String,
    pub unknown_foods: String,
    pub did_you_mean: String,
    pub completions: String,
    pub jump_prompt: String,
    pub jump_none: String,
    pub tags_hint: String,
    pub slot_hint: String,
    pub kind_label: String,
    pub paste_too_long: String,
    pub help_title: String,
    pub rows_hint_unknown_food: String,
    pub finding_title: String,
    pub not_saved_error: String,
    pub flags_week_short: String,
    pub journal_search_title: String,
    pub journal_no_match: String,
    pub journal_empty: String,
    pub plan_none: String,
    pub plan_reflection: String,
    pub plan_tick_by_hand: String,
    pub plan_start_question: String,
    pub plan_restart_question: String,
}

/// Fills `{name}` placeholders in a text.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The raw embedded files, by name, for tests and for `gutlog paths`.
pub const FILES: &[(&str, &str)] = &[
    ("guide.json", include_str!("../content/guide.json")),
    ("symptoms.json", include_str!("../content/symptoms.json")),
    ("bristol.json", include_str!("../content/bristol.json")),
    ("red_flags.json", include_str!("../content/red_flags.json")),
    ("foods.json", include_str!("../content/foods.json")),
    ("plan.json", include_str!("../content/plan.json")),
    ("intakes.json", include_str!("../content/intakes.json")),
    ("app.json", include_str!("../content/app.json")),
    ("insights.json", include_str!("../content/insights.json")),
    ("tui.json", include_str!("../content/tui.json")),
];

fn raw(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .expect("content file is listed in FILES")
}

macro_rules! content_fn {
    ($fn_name:ident, $ty:ty, $file:literal) => {
        pub fn $fn_name() -> &'static $ty {
            static CELL: OnceLock<$ty> = OnceLock::new();
            CELL.get_or_init(|| {
                // The files are embedded at build time and checked by tests,
                // so a parse failure here is a build defect, not user input.
                serde_json::from_str(raw($file))
                    .unwrap_or_else(|e| panic!("bundled content/{} is invalid: {e}", $file))
            })
        }
    };
}

content_fn!(guide, Guide, "guide.json");
content_fn!(symptoms, Symptoms, "symptoms.json");
content_fn!(bristol, Bristol, "bristol.json");
content_fn!(red_flags, RedFlags, "red_flags.json");
content_fn!(foods, Foods, "foods.json");
content_fn!(plan, Plan, "plan.json");
content_fn!(intakes, Intakes, "intakes.json");
content_fn!(app_text, AppText, "app.json");
content_fn!(insights, Insights, "insights.json");
content_fn!(tui_text, TuiText, "tui.json");

impl Guide {
    pub fn section(&self, id: &str) -> Option<&GuideSection> {
        self.sections.iter().find(|s| s.id == id)
    }
}

impl Symptoms {
    pub fn get(&self, id: &str) -> Option<&SymptomInfo> {
        self.symptoms.iter().find(|s| s.id == id)
    }
    pub fn severity_word(&self, level: u8) -> &str {
        self.severities
            .iter()
            .find(|s| s.level == level)
            .map(|s| s.word.as_str())
            .unwrap_or("?")
    }
}

impl Bristol {
    pub fn get(&self, kind: u8) -> Option<&BristolInfo> {
        self.types.iter().find(|t| t.kind == kind)
    }
}

impl RedFlags {
    pub fn get(&self, id: &str) -> Option<&RedFlagInfo> {
        self.flags.iter().find(|f| f.id == id)
    }
}

impl Plan {
    pub fn day(&self, day: u8) -> Option<&PlanDayInfo> {
        self.days.iter().find(|d| d.day == day)
    }
}
