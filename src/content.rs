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

/// Headings, labels and sentences of the report for a clinician
/// (`gutlog report --format html|markdown`).
#[derive(Debug, Deserialize)]
pub struct ReportText {
    pub title: String,
    pub intro: String,
    pub period: String,
    pub logged: String,
    pub generated: String,
    pub name_label: String,
    pub dob_label: String,
    pub footer: String,
    pub attention: ReportAttention,
    pub symptoms: ReportSymptoms,
    pub stools: ReportStools,
    pub medicines: ReportMedicines,
    pub checkin: ReportCheckin,
    pub findings: ReportFindings,
    pub experiments: ReportHeading,
    pub questions: ReportHeading,
    pub notes: ReportNotes,
}

#[derive(Debug, Deserialize)]
pub struct ReportHeading {
    pub heading: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportAttention {
    pub heading: String,
    pub none: String,
    pub red_flags: String,
    pub patterns: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportTrends {
    pub more: String,
    pub less: String,
    pub same: String,
    pub unknown: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportSymptoms {
    pub heading: String,
    pub symptom: String,
    pub days: String,
    pub days_cell: String,
    pub chart: String,
    pub typical: String,
    pub worst: String,
    pub trend: String,
    pub legend: String,
    pub bars: String,
    pub trend_note: String,
    pub none: String,
    pub absent: String,
    pub weeks: String,
    pub trends: ReportTrends,
}

#[derive(Debug, Deserialize)]
pub struct ReportStoolPatterns {
    pub mostly_loose: String,
    pub mostly_hard: String,
    pub mixed: String,
    pub mostly_normal: String,
    pub too_few: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportStoolColumns {
    #[serde(rename = "type")]
    pub kind: String,
    pub form: String,
    pub count: String,
    pub share: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportStools {
    pub heading: String,
    pub total: String,
    pub per_day: String,
    pub hard: String,
    pub loose: String,
    pub none: String,
    pub chart: String,
    pub columns: ReportStoolColumns,
    pub patterns: ReportStoolPatterns,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportMedicines {
    pub heading: String,
    pub name: String,
    pub kind: String,
    pub days: String,
    pub courses: String,
    pub course_days: String,
    pub more_courses: String,
    pub highlight_kinds: Vec<String>,
    pub highlight_note: String,
    pub none: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportScales {
    pub mood: String,
    pub energy: String,
    pub stress: String,
    pub sleep_hours: String,
    pub water_glasses: String,
    pub movement_minutes: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportCheckin {
    pub heading: String,
    pub legend: String,
    pub none: String,
    pub period_mean: String,
    pub week: String,
    pub period: String,
    pub days_recorded: String,
    pub scales: ReportScales,
}

#[derive(Debug, Deserialize)]
pub struct ReportLags {
    pub same_day: String,
    pub next_day: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportFindings {
    pub heading: String,
    pub intro: String,
    pub factor: String,
    pub symptom: String,
    pub lag: String,
    pub with: String,
    pub without: String,
    pub rr: String,
    pub verdict: String,
    pub cell: String,
    pub together: String,
    pub lags: ReportLags,
    pub verdicts: VerdictTexts,
    pub analysis: String,
    pub not_shown: String,
    pub caveat: String,
    pub rule: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportNotes {
    pub heading: String,
    pub checkin: String,
    pub plan_reflection: String,
    pub not_shown: String,
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
    ("report.json", include_str!("../content/report.json")),
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
content_fn!(report, ReportText, "report.json");

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
