//! The guide, catalogues and dictionaries bundled into the binary.
//!
//! Every file under `content/` is embedded with `include_str!`, parsed once on
//! first use and shared. Tests in `tests/content.rs` check that every file
//! parses and that the guide's facts are present.

use serde::Deserialize;
use std::sync::OnceLock;

/// One entry of the short list of public references (`content/sources.json`).
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
pub struct Source {
    pub id: String,
    /// The label shown in square brackets after a paragraph: "NICE NG20".
    pub short: String,
    pub title: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct Sources {
    pub sources: Vec<Source>,
}

/// A paragraph of the guide and the ids of the sources behind it.
#[derive(Debug, Clone, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawGuideSection {
    id: String,
    title: String,
    paragraphs: Vec<Paragraph>,
    #[serde(default)]
    list_sources: bool,
}

/// A guide section. `body` is the text both front ends show: each
/// paragraph followed by its source labels ("[NICE NG20; NHS: IBS]"), and
/// for "About this guide" the full list of references.
#[derive(Debug, Clone)]
pub struct GuideSection {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    /// True for the section that lists every reference.
    pub lists_sources: bool,
    pub body: String,
}

#[derive(Debug, Deserialize)]
struct RawGuide {
    sources_heading: String,
    sections: Vec<RawGuideSection>,
}

#[derive(Debug)]
pub struct Guide {
    pub sources_heading: String,
    pub sections: Vec<GuideSection>,
}

impl<'de> Deserialize<'de> for Guide {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Guide, D::Error> {
        let raw = RawGuide::deserialize(d)?;
        let heading = raw.sources_heading;
        let sections = raw
            .sections
            .into_iter()
            .map(|s| {
                let mut body: Vec<String> = s.paragraphs.iter().map(Paragraph::cited).collect();
                if s.list_sources {
                    body.push(reference_list(&heading));
                }
                GuideSection {
                    id: s.id,
                    title: s.title,
                    paragraphs: s.paragraphs,
                    lists_sources: s.list_sources,
                    body: body.join("\n\n"),
                }
            })
            .collect();
        Ok(Guide {
            sources_heading: heading,
            sections,
        })
    }
}

impl Paragraph {
    /// The text with its source labels: after the last sentence, or on a
    /// line of their own when the paragraph ends in a list, so they are not
    /// read as the last item's alone.
    pub fn cited(&self) -> String {
        let ends_in_list = self
            .text
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("- "));
        let sep = if ends_in_list { "\n" } else { " " };
        format!("{}{sep}{}", self.text, cite(&self.sources))
    }
}

/// The short labels of `ids` in brackets: "[NICE NG20; NHS: coeliac disease]".
/// An unknown id is shown as itself (the content tests refuse unknown ids).
pub fn cite(ids: &[String]) -> String {
    let labels: Vec<&str> = ids
        .iter()
        .map(|id| sources().get(id).map_or(id.as_str(), |s| s.short.as_str()))
        .collect();
    format!("[{}]", labels.join("; "))
}

/// "Title. Publisher, 2015. https://…" for one reference.
pub fn reference_line(s: &Source) -> String {
    let year = s.year.map(|y| format!(", {y}")).unwrap_or_default();
    format!(
        "[{}] {}. {}{year}. {}",
        s.short, s.title, s.publisher, s.url
    )
}

fn reference_list(heading: &str) -> String {
    let mut out = heading.to_string();
    for s in &sources().sources {
        out.push_str("\n- ");
        out.push_str(&reference_line(s));
    }
    out
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
    pub sources: Vec<String>,
    /// Asked only of people this applies to, when the profile says so.
    #[serde(default)]
    pub ask: AskWhen,
}

/// Who a red-flag question is for. Unknown profile fields never exclude
/// anyone: the question is then asked, worded so it explains itself.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct AskWhen {
    pub min_age: Option<u8>,
    pub sex: Option<String>,
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

/// Whether a FODMAP group is there at a usual serving, or only at some
/// servings (or ripeness, or recipes): then `serving` says which.
#[derive(Debug, Clone, Copy, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FodmapLevel {
    #[default]
    High,
    Depends,
}

/// One FODMAP group of one food, with its source.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct FodmapEntry {
    pub group: String,
    #[serde(default)]
    pub level: FodmapLevel,
    /// Where the serving size (or ripeness, or recipe) decides it.
    pub serving: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FodmapGroupInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FoodInfo {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The food's own tags; a dish also has its parts' tags.
    pub tags: Vec<String>,
    #[serde(default)]
    pub fodmap: Vec<FodmapEntry>,
    /// A dish's parts, by dictionary name ("cheese sandwich" → bread, cheese).
    #[serde(default)]
    pub parts: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Foods {
    pub tags: Vec<TagInfo>,
    pub fodmap_groups: Vec<FodmapGroupInfo>,
    pub foods: Vec<FoodInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PlanDayInfo {
    pub day: u8,
    pub title: String,
    pub action: String,
    pub why: String,
    pub tips: Vec<String>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HabitInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub auto: Option<String>,
    pub auto_hint: Option<String>,
    pub sources: Vec<String>,
}

impl HabitInfo {
    /// The hint with its numbers filled in from the rules that tick it:
    /// `{water}` and `{sleep}` are the "little water" and "short sleep"
    /// limits of the check-in habits, so the words and the rule cannot
    /// disagree.
    pub fn hint(&self) -> Option<String> {
        let limit = |id| {
            insights()
                .checkin_habit(id)
                .map_or(f64::NAN, CheckinHabitInfo::limit)
                .to_string()
        };
        self.auto_hint.as_ref().map(|h| {
            h.replace("{water}", &limit("low_water"))
                .replace("{sleep}", &limit("short_sleep"))
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct Plan {
    pub days: Vec<PlanDayInfo>,
    /// The daily habits offered now.
    pub habits: Vec<HabitInfo>,
    /// Habits of earlier versions, no longer offered: their ids may be in old
    /// diaries and exports, which still import and show them by these names.
    #[serde(default)]
    pub retired_habits: Vec<HabitInfo>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IntakeKindInfo {
    pub id: String,
    pub name: String,
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KnownIntake {
    pub name: String,
    pub kind: String,
    /// A note for this medicine in particular (rifaximin: also a treatment).
    pub note: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
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
    #[serde(default)]
    pub caveat_sources: Vec<String>,
    /// A FODMAP group as an analysis factor: "{group} (FODMAP)".
    pub fodmap_label: String,
    pub possible_note: String,
    /// The same when chance alone would give fewer than one.
    pub possible_note_few: String,
}

/// A reusable piece of advice with its sources.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
pub struct Note {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoolChangeWords {
    pub looser: String,
    pub harder: String,
    pub more_frequent: String,
}

/// Advice shown in several places (`content/notes.json`).
#[derive(Debug, Deserialize)]
pub struct Notes {
    /// Be tested for coeliac disease before leaving out gluten: shown
    /// wherever gutlog suggests leaving gluten out.
    pub coeliac_first: Note,
    /// Bloating on many days (women, or sex not given); `{days}`, `{window}`.
    pub bloating_often: Note,
    /// The same for men.
    pub bloating_often_male: Note,
    /// A lasting change in stool pattern; `{change}`, `{weeks}`.
    pub stool_change: Note,
    pub stool_change_words: StoolChangeWords,
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
    /// A short title per see-a-doctor note id (analysis::doctor).
    pub pattern_titles: std::collections::BTreeMap<String, String>,
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
    /// "Thresholds:", before the source in full.
    pub source_lead: String,
    /// The id (in sources.json) of the thresholds' source.
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
    pub analysis: String,
    pub not_shown: String,
    pub caveat: String,
    #[serde(default)]
    pub caveat_sources: Vec<String>,
    /// Leads the coeliac-testing note when a finding leaves out gluten.
    pub gluten: String,
    /// Heads the list of the sources cited in the section.
    pub sources: String,
    pub rule: String,
}

#[derive(Debug, Deserialize)]
pub struct ReportNotes {
    pub heading: String,
    pub checkin: String,
    pub plan_reflection: String,
    pub not_shown: String,
}

/// The check-in screen's messages and labels. `{name}` marks a value
/// filled in by `fill`; keys are filled from the key table, never written
/// into these texts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TuiText {
    pub scale_value: String,
    pub sleep_value: String,
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
    pub profile_title: String,
    pub profile_year_label: String,
    pub profile_sex_label: String,
    pub profile_sex_none: String,
    pub profile_born: String,
    pub profile_note: String,
    pub profile_none: String,
    pub profile_some: String,
    pub what_profile: String,
    pub what_profile_cleared: String,
    pub notes_title: String,
    pub notes_short: String,
    pub notes_short_insights: String,
    pub yesterday_empty: String,
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
    pub plan_habits_heading: String,
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
    ("report.json", include_str!("../content/report.json")),
    ("sources.json", include_str!("../content/sources.json")),
    ("notes.json", include_str!("../content/notes.json")),
    ("tui.json", include_str!("../content/tui.json")),
    (
        "experiments.json",
        include_str!("../content/experiments.json"),
    ),
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
content_fn!(sources, Sources, "sources.json");
content_fn!(notes, Notes, "notes.json");

impl Sources {
    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

impl Note {
    /// The text followed by its source labels.
    pub fn cited(&self) -> String {
        format!("{} {}", self.text, cite(&self.sources))
    }
}
content_fn!(tui_text, TuiText, "tui.json");

impl Insights {
    /// The check-in habit with this id (`low_water`).
    pub fn checkin_habit(&self, id: &str) -> Option<&CheckinHabitInfo> {
        self.checkin_habits.iter().find(|h| h.id == id)
    }
}

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

    /// A habit by id, current or retired (old diaries keep retired ids).
    pub fn habit(&self, id: &str) -> Option<&HabitInfo> {
        self.habits
            .iter()
            .chain(&self.retired_habits)
            .find(|h| h.id == id)
    }
}

impl Intakes {
    /// What to say about a medicine or supplement: its own note when gutlog
    /// knows one (rifaximin), else its kind's note; with source ids.
    pub fn note_for(&self, name: &str, kind: &str) -> Option<(&str, &[String])> {
        let key = name.trim().to_lowercase();
        if let Some(k) = self.known.iter().find(|k| k.name == key) {
            if let Some(n) = &k.note {
                return Some((n.as_str(), k.sources.as_slice()));
            }
        }
        self.kinds
            .iter()
            .find(|k| k.id == kind)
            .map(|k| (k.note.as_str(), k.sources.as_slice()))
    }
}

impl Foods {
    pub fn group(&self, id: &str) -> Option<&FodmapGroupInfo> {
        self.fodmap_groups.iter().find(|g| g.id == id)
    }
}

/// A verdict's headline and next step (`content/experiments.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentVerdictText {
    pub headline: String,
    pub next: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentVerdictTexts {
    pub clearly_worse: ExperimentVerdictText,
    pub clearly_better: ExperimentVerdictText,
    pub no_clear_difference: ExperimentVerdictText,
    pub not_enough_days: ExperimentVerdictText,
}

/// Advice shown with experiments, each with its sources.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentNotes {
    /// Before any experiment: talk to a clinician before cutting out food groups.
    pub clinician: Note,
    /// Why washout days are not compared.
    pub washout: Note,
    /// A red flag logged during an experiment.
    pub red_flag: Note,
}

/// Today's experiment line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentTodayText {
    pub title: String,
    pub baseline: String,
    pub without: String,
    pub with_food: String,
    pub with_other: String,
    pub washout: String,
    pub scheduled: String,
    pub paused: String,
    pub rate: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentDeviationText {
    pub ate: String,
    pub took: String,
    pub habit: String,
    pub missed: String,
    pub ate_word: String,
}

/// The check-in screen's experiment page, form and messages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentTuiText {
    pub page_title: String,
    pub none: String,
    pub legend: String,
    pub marks_legend: String,
    pub phase_row: String,
    pub result_title: String,
    pub form_title: String,
    pub form_factor: String,
    pub form_symptom: String,
    pub form_design: String,
    pub form_days: String,
    pub form_washout: String,
    pub form_baseline: String,
    pub form_randomise: String,
    pub form_hint_factor: String,
    pub coeliac_question: String,
    pub what_started: String,
    pub what_paused: String,
    pub what_resumed: String,
    pub what_extended: String,
    pub what_ended: String,
    pub end_question: String,
    pub end_early: String,
    pub end_complete: String,
    pub prompt_extend: String,
    pub not_running: String,
    pub running_already: String,
    pub deviation: String,
    pub red_flag_banner: String,
}

/// Everything experiments say (`content/experiments.json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experiments {
    pub notes: ExperimentNotes,
    /// Foods to suggest for a "with" phase, by factor id; a test checks
    /// that the dictionary gives each of them that factor.
    pub examples: std::collections::BTreeMap<String, Vec<String>>,
    pub today: ExperimentTodayText,
    pub deviation: ExperimentDeviationText,
    pub verdicts: ExperimentVerdictTexts,
    pub sentence: String,
    pub sentence_few: String,
    pub chance_unlikely: String,
    pub chance_possible: String,
    pub interim: String,
    pub ended_early: String,
    pub several_symptoms: String,
    pub randomised: String,
    pub fixed: String,
    pub ab_note: String,
    pub method: String,
    pub itt: String,
    pub how_to_start: String,
    pub finding_result: String,
    pub coeliac_confirm: String,
    pub started: String,
    pub list_empty: String,
    pub none_running: String,
    pub medicine_ask: String,
    pub tui: ExperimentTuiText,
}

content_fn!(experiments, Experiments, "experiments.json");
