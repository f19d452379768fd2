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

/// Which check-in value a check-in habit reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckinField {
    SleepHours,
    Stress,
    WaterGlasses,
    MovementMinutes,
}

/// A check-in habit the trigger analysis tests ("short sleep"): a value
/// below a limit, or at least a limit. The words come from the same
/// number (`{limit}` in the label), so the two cannot disagree.
#[derive(Debug, Clone, Deserialize)]
pub struct CheckinHabitInfo {
    pub id: String,
    pub field: CheckinField,
    #[serde(default)]
    pub below: Option<f64>,
    #[serde(default)]
    pub at_least: Option<f64>,
    label: String,
}

impl CheckinHabitInfo {
    /// The limit, whichever way it points.
    pub fn limit(&self) -> f64 {
        self.below.or(self.at_least).unwrap_or(f64::NAN)
    }

    /// Words for sentences: "short sleep (under 7 h)".
    pub fn label(&self) -> String {
        self.label.replace("{limit}", &self.limit().to_string())
    }

    /// Did the day's check-in show the habit? None when the value was not
    /// recorded (a day with no check-in is unknown, not "no").
    pub fn holds(&self, c: &crate::domain::CheckIn) -> Option<bool> {
        let value = match self.field {
            CheckinField::SleepHours => c.sleep_hours?,
            CheckinField::Stress => c.stress? as f64,
            CheckinField::WaterGlasses => c.water_glasses? as f64,
            CheckinField::MovementMinutes => c.movement_minutes? as f64,
        };
        match (self.below, self.at_least) {
            (Some(b), None) => Some(value < b),
            (None, Some(a)) => Some(value >= a),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct VerdictTexts {
    pub likely: String,
    pub helper: String,
    pub possible_trigger: String,
    pub possible_helper: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LagNames {
    pub same_day: String,
    pub next_day: String,
    /// "{factor} the day before": a factor taken a day before the symptom.
    pub day_before: String,
    pub day_itself: String,
}

/// The templates of a finding's sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct SentenceTexts {
    pub followed: String,
    pub came_on: String,
    pub came_on_before: String,
    pub next_day: String,
    pub adjusted: String,
    pub explained: String,
    pub explained_both: String,
    pub explained_with: String,
    pub explained_without: String,
    pub split: String,
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
    pub no_symptoms: String,
    pub detectable: String,
    pub detectable_none: String,
    pub sentences: SentenceTexts,
    pub together: String,
    pub inseparable: String,
    pub complements: String,
    pub not_tested_everyday: String,
    pub not_tested_rare: String,
    pub lags: LagNames,
    pub verdict_names: VerdictTexts,
    pub verdicts: VerdictTexts,
    pub rr_empty_cell: String,
    /// "{n} day", "{n} days".
    pub day_count: [String; 2],
    pub caveat: String,
    pub possible_note: String,
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
