//! The contexts of the key table: where a binding applies. A screen, a
//! row of Today, a form and the field with focus each have one, so the
//! status line and `?` list exactly the keys that work there.

/// Where a binding applies. Earlier contexts in `State::contexts` win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Keys that work even inside forms and overlays.
    Anywhere,
    Global,
    /// Every row of Today.
    Today,
    /// A meal row (and the "no meals yet" row).
    MealRow,
    /// A symptom row: digits rate it.
    SymptomRow,
    /// Mood, energy or stress.
    CheckScale,
    /// Sleep, water or movement: digits start typing a number.
    CheckNumber,
    /// The check-in note.
    CheckNote,
    /// The stool rows: digits log a stool of that type.
    StoolRow,
    /// A usual medicine or supplement (a toggle).
    IntakeRow,
    /// Any row of the medicines and supplements section.
    IntakeSection,
    /// The red-flag summary row.
    RedFlagRow,
    /// Today's step of the 7-day plan.
    PlanRow,
    /// Today, while it reminds that yesterday has nothing logged.
    YesterdayReminder,
    Journal,
    Plan,
    Insights,
    Guide,
    /// Every form and text prompt: save or cancel.
    Form,
    /// The meal form.
    MealForm,
    /// The meal form with its slot field focused.
    MealSlot,
    /// The meal form with its foods field focused.
    MealFoods,
    /// The stool form with the Bristol type focused.
    StoolType,
    /// The stool form with its time field focused.
    StoolTime,
    /// The medicine or supplement form.
    IntakeForm,
    /// A number typed on a check-in row.
    NumberEntry,
    /// Jumping to a symptom by its first letters.
    SymptomJump,
    /// The red-flag questions.
    RedFlags,
    /// The profile form (year of birth, sex).
    ProfileForm,
    /// The profile form with its sex field focused.
    ProfileSex,
    /// Any focused text field.
    TextEdit,
    /// A list to pick from (repeat a recent meal).
    Picker,
    /// A finding's full detail (Insights).
    FindingDetail,
    Confirm,
    Help,
    Welcome,
    /// The Plan screen's experiment page.
    Experiment,
    /// The form that starts an experiment.
    ExperimentForm,
    /// A choice field of that form (design, randomise).
    ExperimentChoice,
    /// An experiment's result in full.
    ExperimentResult,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Everywhere, even in forms",
            Context::Global => "All screens",
            Context::Today => "Today (every row)",
            Context::MealRow => "Today: meal rows",
            Context::SymptomRow => "Today: symptom rows",
            Context::CheckScale => "Today: mood, energy, stress",
            Context::CheckNumber => "Today: sleep, water, movement",
            Context::CheckNote => "Today: the day's note",
            Context::StoolRow => "Today: stool rows",
            Context::IntakeRow => "Today: a usual medicine or supplement",
            Context::IntakeSection => "Today: medicines and supplements",
            Context::RedFlagRow => "Today: red flags row",
            Context::PlanRow => "Today: plan step row",
            Context::YesterdayReminder => "Today: nothing logged yesterday",
            Context::Journal => "Journal",
            Context::Plan => "Plan",
            Context::Insights => "Insights",
            Context::Guide => "Guide",
            Context::Form => "Every form",
            Context::MealForm => "Meal form",
            Context::MealSlot => "Meal form: slot field",
            Context::MealFoods => "Meal form: foods field",
            Context::StoolType => "Stool form: type",
            Context::StoolTime => "Stool form: time field",
            Context::IntakeForm => "Medicine or supplement form",
            Context::NumberEntry => "Typing a number",
            Context::SymptomJump => "Jump to a symptom",
            Context::RedFlags => "Red-flag questions",
            Context::ProfileForm => "Your profile (optional)",
            Context::ProfileSex => "Your profile: sex field",
            Context::TextEdit => "Text fields",
            Context::Picker => "Choosing a recent meal",
            Context::FindingDetail => "A finding in full",
            Context::Confirm => "Confirming",
            Context::Help => "Help",
            Context::Welcome => "Welcome",
            Context::Experiment => "Plan: the experiment",
            Context::ExperimentForm => "Starting an experiment",
            Context::ExperimentChoice => "Starting an experiment: a choice",
            Context::ExperimentResult => "An experiment's result",
        }
    }
}
