//! Key bindings as data: one table feeds key matching, the status line and
//! the `?` overlay, so the help can never drift from behaviour.

use super::action::{Action, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Earlier contexts in `State::contexts` win.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Keys that work even inside forms and overlays.
    Anywhere,
    Global,
    Today,
    /// The highlighted Today row is a symptom: digits set its severity.
    Symptom,
    /// The highlighted Today row is a check-in field.
    CheckIn,
    Journal,
    Plan,
    Insights,
    Guide,
    /// A form or text prompt is open.
    Form,
    /// A list to pick from (repeat a recent meal).
    Picker,
    Confirm,
    Help,
    Welcome,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Everywhere, even in forms",
            Context::Global => "All screens",
            Context::Today => "Today",
            Context::Symptom => "Today: symptom rows",
            Context::CheckIn => "Today: check-in rows",
            Context::Journal => "Journal",
            Context::Plan => "Plan",
            Context::Insights => "Insights",
            Context::Guide => "Guide",
            Context::Form => "Forms",
            Context::Picker => "Choosing",
            Context::Confirm => "Confirming",
            Context::Help => "Help",
            Context::Welcome => "Welcome",
        }
    }
}

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

impl Key {
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        // Shift is part of the character for letters and symbols.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        match (self.code, ev.code) {
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
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("C-{base}")
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
            // Confirmation and overlays first: they take every key.
            b!(Confirm, [k('y')], A::Yes, "yes, do it", true),
            b!(Confirm, [k('n'), code(C::Esc)], A::No, "no, keep it", true),
            b!(Help, [code(C::Esc), k('?'), k('q')], A::Close, "close help", true),
            b!(Help, [code(C::Up), k('k')], A::Up, "scroll up", false),
            b!(Help, [code(C::Down), k('j')], A::Down, "scroll down", false),
            b!(Welcome, [code(C::Enter), k('s')], A::StartPlan, "start the 7-day plan today", true),
            b!(Welcome, [code(C::Esc), k('n')], A::Close, "not now", true),
            b!(Welcome, [k('?')], A::Help, "help", true),
            b!(Picker, [code(C::Up), k('k')], A::Up, "previous", false),
            b!(Picker, [code(C::Down), k('j')], A::Down, "next", false),
            b!(Picker, [code(C::Enter)], A::Enter, "log this meal again now", true),
            b!(Picker, [code(C::Esc), k('q')], A::Close, "cancel", true),
            b!(Form, [code(C::Enter)], A::Enter, "save", true),
            b!(Form, [code(C::Esc)], A::Close, "cancel", true),
            b!(Form, [code(C::Tab)], A::NextField, "complete / next field", true),
            b!(Form, [code(C::BackTab)], A::PrevField, "previous field", false),
            b!(Form, [code(C::Down)], A::Down, "next field", false),
            b!(Form, [code(C::Up)], A::Up, "previous field", false),
            b!(Form, [code(C::Left)], A::Left, "cursor left, or previous choice", false),
            b!(Form, [code(C::Right)], A::Right, "cursor right, or next choice", false),
            b!(Form, [code(C::Home)], A::Home, "start of field", false),
            b!(Form, [code(C::End)], A::End, "end of field", false),
            b!(Form, [code(C::Backspace)], A::Backspace, "delete before cursor", false),
            b!(Form, [code(C::Delete)], A::DeleteChar, "delete at cursor", false),
            // Row-specific keys on Today win over the global digit keys.
            b!(Symptom, [k('0')], A::Digit(0), "severity none", false),
            b!(Symptom, [k('1')], A::Digit(1), "severity mild", false),
            b!(Symptom, [k('2')], A::Digit(2), "severity moderate", false),
            b!(Symptom, [k('3')], A::Digit(3), "severity severe", false),
            b!(Symptom, [k(' ')], A::Toggle, "cycle severity (0-3 set it)", true),
            b!(CheckIn, [code(C::Right), k('+'), k('l')], A::Plus, "increase", true),
            b!(CheckIn, [code(C::Left), k('-'), k('h')], A::Minus, "decrease", true),
            b!(CheckIn, [k('1')], A::Digit(1), "set 1 (mood, energy, stress)", false),
            b!(CheckIn, [k('2')], A::Digit(2), "set 2", false),
            b!(CheckIn, [k('3')], A::Digit(3), "set 3", false),
            b!(CheckIn, [k('4')], A::Digit(4), "set 4", false),
            b!(CheckIn, [k('5')], A::Digit(5), "set 5", false),
            b!(CheckIn, [k('x'), code(C::Backspace)], A::Clear, "clear the field", false),
            b!(Today, [k('a')], A::Add, "add to this section", true),
            b!(Today, [code(C::Enter)], A::Enter, "edit or open", true),
            b!(Today, [k(' ')], A::Toggle, "tick or toggle", false),
            b!(Today, [k('d')], A::Delete, "delete", true),
            b!(Today, [k('r')], A::Repeat, "repeat a recent meal", true),
            b!(Today, [k('f')], A::RedFlags, "open or close the red-flag questions", false),
            b!(Today, [code(C::PageDown)], A::PageDown, "next section", false),
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
            b!(Insights, [code(C::Up), k('k')], A::Up, "previous finding", false),
            b!(Insights, [code(C::Down), k('j')], A::Down, "next finding", true),
            b!(Guide, [code(C::Left), k('h')], A::Left, "previous section", true),
            b!(Guide, [code(C::Right), k('l')], A::Right, "next section", true),
            b!(Guide, [code(C::PageDown)], A::PageDown, "page down", false),
            b!(Guide, [code(C::PageUp)], A::PageUp, "page up", false),
            b!(Guide, [k('g'), code(C::Home)], A::Top, "top", false),
            b!(Guide, [k('G'), code(C::End)], A::Bottom, "bottom", false),
            b!(Anywhere, [ctrl('c')], A::ForceQuit, "quit from anywhere", false),
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
            b!(Global, [k(']')], A::NextDay, "next day", true),
            b!(Global, [k('t')], A::GoToday, "back to today", false),
            b!(Global, [code(C::Up), k('k')], A::Up, "move up", false),
            b!(Global, [code(C::Down), k('j')], A::Down, "move down", false),
            b!(Global, [k('u')], A::Undo, "undo the last delete", false),
        ]
    })
}

/// The action for a key, trying `contexts` in order.
pub fn lookup(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    for ctx in contexts {
        for b in bindings().iter().filter(|b| b.context == *ctx) {
            if b.keys.iter().any(|key| key.matches(ev)) {
                return Some(b.action.clone());
            }
        }
    }
    None
}

/// The label of every key of a binding, e.g. "↑/k".
pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

/// Bindings for the status line, in context order, each action once;
/// a binding whose keys an earlier context takes is left out.
pub fn status_bindings(contexts: &[Context]) -> Vec<&'static Binding> {
    let mut out: Vec<&'static Binding> = Vec::new();
    for (i, ctx) in contexts.iter().enumerate() {
        let shadowed = |b: &Binding| {
            b.keys.iter().all(|key| {
                bindings()
                    .iter()
                    .any(|e| contexts[..i].contains(&e.context) && e.keys.contains(key))
            })
        };
        for b in bindings().iter().filter(|b| b.context == *ctx && b.status) {
            if !out.iter().any(|o| o.action == b.action) && !shadowed(b) {
                out.push(b);
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
}
