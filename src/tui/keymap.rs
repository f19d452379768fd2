//! Key bindings as data: one table feeds key matching, the status line,
//! the hints inside forms, the `?` overlay and every message that names a
//! key, so none of them can drift from behaviour. Forms, the rows of Today
//! and each field with focus have their own contexts.

use super::action::{Action, Screen};
use crate::domain::Slot;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::context::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}
/// Stands for "any other character" in help; never matches a key event.
const TEXT: Key = code(KeyCode::Null);

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        // Shift is part of the character for letters and symbols.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            (KeyCode::Null, _) => false,
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && mods == want,
        }
    }

    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Null => "text".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("M-{base}")
        } else {
            base
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// Shown in the status line (the most useful keys only).
    pub status: bool,
}

macro_rules! b {
    ($ctx:ident, [$($key:expr),+], $action:expr, $help:literal, $status:literal) => {
        Binding { context: Context::$ctx, keys: vec![$($key),+], action: $action, help: $help, status: $status }
    };
}

use Action as A;
use KeyCode as C;

/// Every binding. Order inside a context is the order of the help overlay.
#[rustfmt::skip]
pub fn bindings() -> &'static [Binding] {
    static TABLE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        vec![
            // Overlays first: they take every key.
            b!(Confirm, [k('y')], A::Yes, "yes, do it", true),
            b!(Confirm, [k('n'), code(C::Esc)], A::No, "no, keep it", true),
            b!(Help, [code(C::Esc), k('?'), k('q'), code(C::F(1))], A::Close, "close help", true),
            b!(Help, [code(C::PageDown), k(' ')], A::PageDown, "next page", true),
            b!(Help, [code(C::PageUp)], A::PageUp, "previous page", true),
            b!(Help, [code(C::Down), k('j')], A::Down, "scroll down", false),
            b!(Help, [code(C::Up), k('k')], A::Up, "scroll up", false),
            b!(Help, [code(C::Home), k('g')], A::Top, "first page", false),
            b!(Help, [code(C::End), k('G')], A::Bottom, "last page", false),
            b!(Welcome, [code(C::Enter), k('s')], A::StartPlan, "start the 7-day plan today", true),
            b!(Welcome, [code(C::Esc), k('n')], A::Close, "not now", true),
            b!(Welcome, [k('?')], A::Help, "help", true),
            b!(Picker, [code(C::Up), k('k')], A::Up, "previous", false),
            b!(Picker, [code(C::Down), k('j')], A::Down, "next", false),
            b!(Picker, [code(C::Enter)], A::Enter, "open it in the meal form", true),
            b!(Picker, [code(C::Esc), k('q')], A::Close, "cancel", true),
            b!(FindingDetail, [code(C::Esc), code(C::Enter), k('q')], A::Close, "close", true),
            b!(FindingDetail, [code(C::Down), k('j')], A::Down, "next finding", true),
            b!(FindingDetail, [code(C::Up), k('k')], A::Up, "previous finding", true),
            b!(RedFlags, [k(' '), code(C::Enter)], A::Toggle, "tick or untick the question", true),
            b!(RedFlags, [code(C::Down), k('j')], A::Down, "next question", false),
            b!(RedFlags, [code(C::Up), k('k')], A::Up, "previous question", false),
            b!(RedFlags, [code(C::Esc), k('f'), k('q')], A::Close, "close", true),
            b!(RedFlags, [k('p')], A::Profile, "your year of birth and sex (optional): only your questions", true),
            b!(ProfileSex, [code(C::Right), k(' ')], A::Right, "next choice", true),
            b!(ProfileSex, [code(C::Left)], A::Left, "previous choice", false),
            b!(ProfileForm, [code(C::Tab), code(C::Down)], A::NextField, "next field", true),
            b!(ProfileForm, [code(C::BackTab), code(C::Up)], A::PrevField, "previous field", false),
            b!(SymptomJump, [code(C::Enter)], A::Enter, "stay on this symptom", true),
            b!(SymptomJump, [code(C::Esc)], A::Close, "cancel", true),
            b!(SymptomJump, [code(C::Backspace)], A::Backspace, "delete a letter", false),
            b!(SymptomJump, [TEXT], A::Type(' '), "letters jump to the first symptom they start", true),
            b!(NumberEntry, [code(C::Enter), code(C::Down)], A::Enter, "save and go to the next row", true),
            b!(NumberEntry, [code(C::Up)], A::Up, "save and go to the row above", false),
            b!(NumberEntry, [code(C::Esc)], A::Close, "cancel", true),
            b!(NumberEntry, [code(C::Backspace)], A::Backspace, "delete a digit", false),
            b!(NumberEntry, [ctrl('u')], A::ClearField, "clear", false),
            b!(NumberEntry, [TEXT], A::Type(' '), "digits (and . for half hours)", false),
            b!(MealSlot, [code(C::Left)], A::Left, "previous slot", true),
            b!(MealSlot, [code(C::Right)], A::Right, "next slot", true),
            b!(MealFoods, [code(C::Tab)], A::Complete, "complete the food, or next field", true),
            b!(MealForm, [code(C::Tab), code(C::Down)], A::NextField, "next field", true),
            b!(MealForm, [code(C::BackTab), code(C::Up)], A::PrevField, "previous field", false),
            b!(MealForm, [ctrl('b'), alt('b')], A::PickSlot(Slot::Breakfast), "breakfast, at its usual time", false),
            b!(MealForm, [ctrl('l'), alt('l')], A::PickSlot(Slot::Lunch), "lunch, at its usual time", false),
            b!(MealForm, [ctrl('d'), alt('d')], A::PickSlot(Slot::Dinner), "dinner, at its usual time", false),
            b!(MealForm, [ctrl('s'), alt('s')], A::PickSlot(Slot::Snack), "snack, at its usual time", false),
            b!(MealForm, [ctrl('r'), alt('r')], A::PickSlot(Slot::Drink), "drink", false),
            b!(MealForm, [ctrl('y'), alt('y')], A::CopyYesterday, "copy yesterday's meal in this slot", true),
            b!(StoolType, [k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7')], A::Digit(0), "choose the Bristol type", true),
            b!(StoolType, [code(C::Up), k('k')], A::Up, "previous type", false),
            b!(StoolType, [code(C::Down), k('j')], A::Down, "next type", false),
            b!(StoolType, [code(C::Tab), code(C::BackTab)], A::NextField, "edit the time", true),
            b!(StoolTime, [code(C::Tab), code(C::BackTab)], A::NextField, "choose the type", true),
            b!(IntakeForm, [code(C::Tab), code(C::Down)], A::NextField, "next field", true),
            b!(IntakeForm, [code(C::BackTab), code(C::Up)], A::PrevField, "previous field", false),
            b!(Form, [code(C::Enter)], A::Enter, "save", true),
            b!(Form, [code(C::Esc)], A::Close, "cancel", true),
            b!(TextEdit, [TEXT], A::Type(' '), "type into the field (typing replaces an offered time)", false),
            b!(TextEdit, [ctrl('u')], A::ClearField, "clear the field", false),
            b!(TextEdit, [code(C::Left)], A::Left, "cursor left", false),
            b!(TextEdit, [code(C::Right)], A::Right, "cursor right", false),
            b!(TextEdit, [code(C::Home)], A::Home, "start of field", false),
            b!(TextEdit, [code(C::End)], A::End, "end of field", false),
            b!(TextEdit, [code(C::Backspace)], A::Backspace, "delete before cursor", false),
            b!(TextEdit, [code(C::Delete)], A::DeleteChar, "delete at cursor", false),
            // The rows of Today: what works on this row, first.
            b!(MealRow, [code(C::Enter)], A::Enter, "edit the meal", true),
            b!(MealRow, [k('d')], A::Delete, "delete it", true),
            b!(SymptomRow, [k('0'), k('1'), k('2'), k('3')], A::Digit(0), "rate none/mild/moderate/severe, then next row", true),
            b!(SymptomRow, [k(' ')], A::Toggle, "cycle the rating", false),
            b!(SymptomRow, [k('n')], A::RateRestNone, "rate every unrated symptom none", true),
            b!(SymptomRow, [k('a')], A::Add, "add a symptom of your own", false),
            b!(SymptomRow, [k('d')], A::Delete, "delete the rating", false),
            b!(CheckScale, [k('1'), k('2'), k('3'), k('4'), k('5')], A::Digit(0), "set 1-5, then next row", true),
            b!(CheckScale, [code(C::Right), k('+'), k('l')], A::Plus, "increase", false),
            b!(CheckScale, [code(C::Left), k('-'), k('h')], A::Minus, "decrease", false),
            b!(CheckScale, [k('x'), code(C::Backspace)], A::Clear, "clear the field", false),
            b!(CheckScale, [k('y')], A::CopyYesterday, "copy yesterday's check-in", true),
            b!(CheckNumber, [k('0'), k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7'), k('8'), k('9')], A::Digit(0), "type a number (Enter saves)", true),
            b!(CheckNumber, [code(C::Right), k('+'), k('l')], A::Plus, "increase", false),
            b!(CheckNumber, [code(C::Left), k('-'), k('h')], A::Minus, "decrease", false),
            b!(CheckNumber, [k('x'), code(C::Backspace)], A::Clear, "clear the field", false),
            b!(CheckNumber, [k('y')], A::CopyYesterday, "copy yesterday's check-in", true),
            b!(CheckNote, [code(C::Enter)], A::Enter, "write the day's note", true),
            b!(CheckNote, [k('x'), code(C::Backspace)], A::Clear, "clear the note", false),
            b!(CheckNote, [k('y')], A::CopyYesterday, "copy yesterday's check-in", false),
            b!(StoolRow, [k('1'), k('2'), k('3'), k('4'), k('5'), k('6'), k('7')], A::Digit(0), "log a stool of this Bristol type now", true),
            b!(StoolRow, [k('a')], A::Add, "add a stool (type and time)", false),
            b!(StoolRow, [k('d')], A::Delete, "delete the stool", false),
            b!(IntakeRow, [k(' ')], A::Toggle, "taken today, or not", true),
            b!(IntakeRow, [k('d')], A::Delete, "delete today's entry", false),
            b!(IntakeSection, [k('a')], A::Add, "add a medicine or supplement", true),
            b!(RedFlagRow, [code(C::Enter), k(' ')], A::RedFlags, "open the red-flag questions", true),
            b!(PlanRow, [k(' '), code(C::Enter)], A::Toggle, "tick or untick today's step", true),
            b!(YesterdayReminder, [code(C::Esc)], A::HideReminder, "hide the reminder about yesterday", true),
            b!(Today, [k('a')], A::Add, "add a meal", true),
            b!(Today, [k('r')], A::Repeat, "repeat a recent meal", false),
            b!(Today, [k('m')], A::JumpTo(Section::Meals), "go to meals", false),
            b!(Today, [k('s')], A::JumpTo(Section::Symptoms), "go to symptoms", false),
            b!(Today, [k('c')], A::JumpTo(Section::CheckIn), "go to the check-in", false),
            b!(Today, [k('b')], A::JumpTo(Section::Stools), "go to stools (Bristol)", false),
            b!(Today, [k('i')], A::JumpTo(Section::Intakes), "go to medicines & supplements", false),
            b!(Today, [k('p')], A::JumpTo(Section::Plan), "go to the plan step", false),
            b!(Today, [k('f')], A::RedFlags, "the red-flag questions", false),
            b!(Today, [k('/')], A::SymptomJump, "jump to a symptom by its first letters", true),
            b!(Today, [code(C::PageDown)], A::PageDown, "next section (reading order)", false),
            b!(Today, [code(C::PageUp)], A::PageUp, "previous section", false),
            b!(Journal, [code(C::Enter)], A::Enter, "open the day in Today", true),
            b!(Journal, [k('/')], A::Search, "search foods and notes", true),
            b!(Journal, [code(C::Esc)], A::Close, "clear the search", false),
            b!(Journal, [code(C::PageDown)], A::PageDown, "a page down", false),
            b!(Journal, [code(C::PageUp)], A::PageUp, "a page up", false),
            b!(Journal, [k('g'), code(C::Home)], A::Top, "newest", false),
            b!(Journal, [k('G'), code(C::End)], A::Bottom, "oldest", false),
            b!(Plan, [k(' '), code(C::Enter)], A::Toggle, "tick or untick", true),
            b!(Plan, [k('s')], A::StartPlan, "start or restart the plan today", true),
            b!(Plan, [k('e')], A::Reflect, "write the day-7 reflection", true),
            b!(Insights, [k('[')], A::PrevWeek, "previous week", true),
            b!(Insights, [k(']')], A::NextWeek, "next week", true),
            b!(Insights, [k('t')], A::GoToday, "back to this week", false),
            b!(Insights, [code(C::Enter)], A::Enter, "the finding in full", true),
            b!(Insights, [code(C::Up), k('k')], A::Up, "previous finding", false),
            b!(Insights, [code(C::Down), k('j')], A::Down, "next finding", true),
            // Experiments: the Plan screen's experiment page, its form, and
            // "test this" on a finding.
            b!(ExperimentResult, [code(C::Esc), code(C::Enter), k('q')], A::Close, "close", true),
            b!(ExperimentResult, [code(C::Down), k('j'), code(C::PageDown)], A::Down, "scroll down", false),
            b!(ExperimentResult, [code(C::Up), k('k'), code(C::PageUp)], A::Up, "scroll up", false),
            b!(ExperimentChoice, [code(C::Left), code(C::Right), k(' ')], A::Toggle, "change the choice", true),
            b!(ExperimentForm, [code(C::Tab), code(C::Down)], A::NextField, "next field", true),
            b!(ExperimentForm, [code(C::BackTab), code(C::Up)], A::PrevField, "previous field", false),
            b!(Experiment, [k('s')], A::StartExperiment, "start an experiment", true),
            b!(Experiment, [code(C::Enter)], A::ExperimentResult, "the result in full", true),
            b!(Experiment, [k('p')], A::PauseExperiment, "pause or resume it", false),
            b!(Experiment, [k('e')], A::ExtendExperiment, "extend its last phase", false),
            b!(Experiment, [k('E')], A::EndExperiment, "end it now (asks first)", false),
            b!(Experiment, [k('x'), code(C::Esc)], A::ExperimentPage, "back to the 7-day plan", true),
            b!(Plan, [k('x')], A::ExperimentPage, "the experiment: timeline and verdict, or start one", true),
            b!(Insights, [k('x')], A::TestThis, "test this finding: start an experiment on it", false),
            b!(FindingDetail, [k('x')], A::TestThis, "test this finding: start an experiment on it", true),
            b!(Guide, [code(C::Left), k('h')], A::Left, "previous section", true),
            b!(Guide, [code(C::Right), k('l')], A::Right, "next section", true),
            b!(Guide, [code(C::PageDown)], A::PageDown, "page down", false),
            b!(Guide, [code(C::PageUp)], A::PageUp, "page up", false),
            b!(Guide, [k('g'), code(C::Home)], A::Top, "top", false),
            b!(Guide, [k('G'), code(C::End)], A::Bottom, "bottom", false),
            b!(Anywhere, [ctrl('c')], A::ForceQuit, "quit from anywhere", false),
            b!(Anywhere, [code(C::F(1))], A::Help, "help, even inside a form", false),
            b!(Global, [k('q')], A::Quit, "quit", true),
            b!(Global, [k('?')], A::Help, "help", true),
            b!(Global, [k('1')], A::Show(Screen::Today), "Today", false),
            b!(Global, [k('2')], A::Show(Screen::Journal), "Journal", false),
            b!(Global, [k('3')], A::Show(Screen::Plan), "Plan", false),
            b!(Global, [k('4')], A::Show(Screen::Insights), "Insights", false),
            b!(Global, [k('5')], A::Show(Screen::Guide), "Guide", false),
            b!(Global, [code(C::Tab)], A::NextScreen, "next screen", false),
            b!(Global, [code(C::BackTab)], A::PrevScreen, "previous screen", false),
            b!(Global, [k('[')], A::PrevDay, "previous day", true),
            b!(Global, [k(']')], A::NextDay, "next day (not past today)", true),
            b!(Global, [k('t')], A::GoToday, "back to today", false),
            b!(Global, [code(C::Up), k('k')], A::Up, "move up", false),
            b!(Global, [code(C::Down), k('j')], A::Down, "move down", false),
            b!(Global, [k('u')], A::Undo, "undo the last change (again for the one before)", true),
        ]
    })
}

use super::action::Section;

/// The action for a key, trying `contexts` in order. A binding whose
/// action is `Digit(_)` stands for each of its digit keys.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    for ctx in contexts {
        for b in bindings().iter().filter(|b| b.context == *ctx) {
            if let Some(key) = b.keys.iter().find(|key| key.matches(ev)) {
                return Some(match (&b.action, key.code) {
                    (Action::Digit(_), KeyCode::Char(c)) => {
                        Action::Digit(c.to_digit(10).unwrap_or(0) as u8)
                    }
                    (a, _) => a.clone(),
                });
            }
        }
    }
    None
}

/// True when an unbound character should be typed into a field here.
pub fn takes_text(contexts: &[Context]) -> bool {
    contexts.iter().any(|c| {
        matches!(
            c,
            Context::TextEdit | Context::NumberEntry | Context::SymptomJump
        )
    })
}

/// The label of every key of a binding, e.g. "↑/k"; a run of digits is
/// shown as a range ("1-7").
pub fn keys_label(b: &Binding) -> String {
    let digits: Vec<char> = b
        .keys
        .iter()
        .filter_map(|k| match k.code {
            KeyCode::Char(c) if c.is_ascii_digit() && k.mods.is_empty() => Some(c),
            _ => None,
        })
        .collect();
    if digits.len() > 2 && digits.len() == b.keys.len() {
        return format!("{}-{}", digits[0], digits[digits.len() - 1]);
    }
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

/// The first key bound to `action` in `ctx`, for messages ("u undoes").
pub fn key_for(ctx: Context, action: &Action) -> String {
    bindings()
        .iter()
        .find(|b| b.context == ctx && &b.action == action)
        .and_then(|b| b.keys.first())
        .map(Key::label)
        .unwrap_or_else(|| "?".into())
}

/// Every key bound to `action` in `ctx`, as in help ("1-7", "↑/k").
pub fn keys_for(ctx: Context, action: &Action) -> String {
    bindings()
        .iter()
        .find(|b| b.context == ctx && &b.action == action)
        .map(keys_label)
        .unwrap_or_else(|| "?".into())
}

/// A key hint: a binding with the keys of it that work here (an earlier
/// context may take some of them).
pub struct Hint {
    pub binding: &'static Binding,
    pub keys: Vec<Key>,
}

impl Hint {
    pub fn label(&self) -> String {
        keys_label(&Binding {
            context: self.binding.context,
            keys: self.keys.clone(),
            action: self.binding.action.clone(),
            help: self.binding.help,
            status: self.binding.status,
        })
    }
}

/// Hints for the status line, in context order, each action once, each
/// with only the keys that do it here.
pub fn status_bindings(contexts: &[Context]) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for (i, ctx) in contexts.iter().enumerate() {
        let taken = |key: &Key| {
            bindings()
                .iter()
                .any(|e| contexts[..i].contains(&e.context) && e.keys.contains(key))
        };
        for b in bindings().iter().filter(|b| b.context == *ctx && b.status) {
            let keys: Vec<Key> = b.keys.iter().filter(|k| !taken(k)).copied().collect();
            if !keys.is_empty() && !out.iter().any(|o| o.binding.action == b.action) {
                out.push(Hint { binding: b, keys });
            }
        }
    }
    out
}

/// Bindings of one context, for the help overlay.
pub fn context_bindings(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    bindings().iter().filter(move |b| b.context == ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let all = bindings();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                if a.context == b.context {
                    for k in &a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice in {:?}",
                            k.label(),
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_binding_explains_itself() {
        assert!(bindings()
            .iter()
            .all(|b| !b.help.is_empty() && !b.keys.is_empty()));
    }

    #[test]
    fn digit_bindings_give_the_digit_pressed() {
        let ev = KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE);
        assert_eq!(lookup(&[Context::StoolRow], &ev), Some(Action::Digit(6)));
        assert_eq!(lookup(&[Context::SymptomRow], &ev), None);
    }
}
