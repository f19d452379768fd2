//! The meal form overlay: slot (with the slot keys from the key table),
//! time, foods with what Tab offers and every unknown food listed
//! (wrapped, never cut), tags and note.

use super::fit;
use super::overlays::{field_at, popup, popup_rect};
use super::theme::Theme;
use crate::content::{fill, tui_text};
use crate::domain::Slot;
use crate::tui::action::Action;
use crate::tui::forms::{tab_hint, unknown_hint, MealField, MealForm, MealHelp};
use crate::tui::keymap::{key_for, Context};
use crate::tui::state::State;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// The slot keys, as labelled in the key table ("C-b/C-l/…").
fn slot_keys() -> String {
    Slot::ALL
        .iter()
        .map(|slot| key_for(Context::MealForm, &Action::PickSlot(*slot)))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme, form: &MealForm) {
    let title = if form.editing.is_some() {
        format!(" Edit meal ({}) ", form.date.format("%a %-d %b"))
    } else {
        format!(" Add a meal ({}) ", form.date.format("%a %-d %b"))
    };
    let help = MealHelp {
        book: &s.food_book,
        history: &s.food_history,
        usual: &s.usual_times,
        now: s.clock.now(),
    };
    let r = popup_rect(area, 76, 12);
    let inner_w = r.width.saturating_sub(2) as usize;
    let label = |f: MealField, text: &str| {
        let style = if form.focus == f {
            t.heading()
        } else {
            Style::new()
        };
        Span::styled(format!("{text:<7}"), style)
    };
    let hint = |text: Option<String>, style: Style| {
        Line::from(Span::styled(
            fit(&format!("       {}", text.unwrap_or_default()), inner_w),
            style,
        ))
    };
    let slot_hint = fill(&tui_text().slot_hint, &[("keys", &slot_keys())]);
    let slot = vec![
        label(MealField::Slot, "Slot"),
        Span::raw(format!("◂ {:<9} ▸  ", form.slot.as_str())),
    ];
    let slot_w: usize = slot.iter().map(Span::width).sum();
    let keys = Span::styled(slot_hint.clone(), t.dim());
    // The slot keys beside the slot when they fit, else on the next row:
    // each field stays on its label's row at any width.
    let mut lines = if slot_w + keys.width() <= inner_w {
        vec![Line::from(
            slot.into_iter().chain([keys]).collect::<Vec<_>>(),
        )]
    } else {
        vec![Line::from(slot), hint(Some(slot_hint), t.dim())]
    };
    let time_row = lines.len() as u16 + 1;
    lines.push(Line::from(label(MealField::Time, "Time")));
    let foods_row = lines.len() as u16 + 1;
    lines.push(Line::from(label(MealField::Foods, "Foods")));
    lines.push(hint(tab_hint(form, &help), t.dim()));
    // Every unknown food is listed, wrapped rather than cut.
    let unknown = unknown_hint(form, &help).unwrap_or_default();
    let indent = " ".repeat(7);
    let opts = textwrap::Options::new(inner_w.max(10))
        .initial_indent(&indent)
        .subsequent_indent(&indent);
    let max_unknown = (area.height as usize).saturating_sub(14).max(1);
    for l in textwrap::wrap(&unknown, opts).into_iter().take(max_unknown) {
        lines.push(Line::from(Span::styled(l.into_owned(), t.error())));
    }
    let tags_row = lines.len() as u16 + 1;
    lines.push(Line::from(label(MealField::Tags, "Tags")));
    lines.push(hint(Some(tui_text().tags_hint.clone()), t.dim()));
    let note_row = lines.len() as u16 + 1;
    lines.push(Line::from(label(MealField::Note, "Note")));
    let h = lines.len() as u16 + 2;
    popup(frame, area, &title, lines, 76, h, t);
    let r = popup_rect(area, 76, h);
    let w = r.width.saturating_sub(9);
    let x = r.x + 8;
    // Each text field sits on its label's row of the popup.
    for (field, row, which) in [
        (&form.time, time_row, MealField::Time),
        (&form.foods, foods_row, MealField::Foods),
        (&form.tags, tags_row, MealField::Tags),
        (&form.note, note_row, MealField::Note),
    ] {
        let width = if which == MealField::Time { 9 } else { w };
        field_at(frame, field, x, r.y + row, width, form.focus == which);
    }
}
