//! The `?` overlay: the keys that work right now first (this row, this
//! field), then the rest of the screen's, then the global ones, all from
//! the key table; scrolled by line or by page.

use super::action::{Action, Screen};
use super::keymap::{context_bindings, Binding, Context};
use super::state::State;

pub enum HelpLine {
    Title(Context),
    Key(&'static Binding),
    Blank,
}

/// The contexts to list, most relevant first.
pub fn contexts(s: &State) -> Vec<Context> {
    let mut out: Vec<Context> = s
        .contexts_below_help()
        .into_iter()
        .filter(|c| *c != Context::Anywhere)
        .collect();
    let screen: &[Context] = match s.screen {
        Screen::Today => &[
            Context::MealRow,
            Context::SymptomRow,
            Context::CheckScale,
            Context::CheckNumber,
            Context::CheckNote,
            Context::StoolRow,
            Context::IntakeRow,
            Context::IntakeSection,
            Context::RedFlagRow,
            Context::PlanRow,
            Context::YesterdayReminder,
            Context::Today,
            Context::SymptomJump,
            Context::NumberEntry,
            Context::RedFlags,
            Context::ProfileForm,
            Context::ProfileSex,
            Context::MealForm,
            Context::MealFoods,
            Context::MealSlot,
            Context::StoolType,
            Context::StoolTime,
            Context::IntakeForm,
        ],
        Screen::Journal => &[Context::Journal],
        Screen::Plan => &[
            Context::Plan,
            Context::Experiment,
            Context::ExperimentResult,
            Context::ExperimentForm,
            Context::ExperimentChoice,
        ],
        Screen::Insights => &[
            Context::Insights,
            Context::FindingDetail,
            Context::ExperimentForm,
            Context::ExperimentChoice,
        ],
        Screen::Guide => &[Context::Guide],
    };
    for c in screen.iter().chain(&[
        Context::Form,
        Context::TextEdit,
        Context::Global,
        Context::Anywhere,
        Context::Help,
    ]) {
        if !out.contains(c) {
            out.push(*c);
        }
    }
    out
}

pub fn lines(s: &State) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for ctx in contexts(s) {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Title(ctx));
        out.extend(context_bindings(ctx).map(HelpLine::Key));
    }
    out
}

/// Lines on one page of the overlay for a terminal of `size`.
pub fn page_height(size: (u16, u16)) -> u16 {
    size.1.saturating_sub(4).max(1)
}

fn max_scroll(s: &State) -> u16 {
    (lines(s).len() as u16).saturating_sub(page_height(s.size))
}

pub fn clamp_scroll(s: &mut State) {
    let max = max_scroll(s);
    if let Some(h) = &mut s.help {
        h.scroll = h.scroll.min(max);
    }
}

pub fn update(s: &mut State, action: &Action) {
    let page = page_height(s.size);
    let max = max_scroll(s);
    let Some(h) = &mut s.help else { return };
    match action {
        Action::Close | Action::Help => s.help = None,
        Action::Up => h.scroll = h.scroll.saturating_sub(1),
        Action::Down => h.scroll = (h.scroll + 1).min(max),
        Action::PageUp => h.scroll = h.scroll.saturating_sub(page),
        Action::PageDown => h.scroll = (h.scroll + page).min(max),
        Action::Top => h.scroll = 0,
        Action::Bottom => h.scroll = max,
        _ => {}
    }
}
