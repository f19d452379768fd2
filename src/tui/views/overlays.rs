//! Overlays drawn over a screen: help (from the keymap table), welcome,
//! confirmation, the forms, text prompts and the repeat-meal picker.

use super::theme::Theme;
use super::wrapped_height;
use super::{centered, fit};
use crate::content;
use crate::tui::field::TextField;
use crate::tui::forms::{MealField, MealForm, StoolForm};
use crate::tui::keymap::{context_bindings, keys_label, Context};
use crate::tui::state::{Modal, State};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let Some(modal) = &s.modal else { return };
    match modal {
        Modal::Help { scroll } => help(frame, area, s, t, *scroll),
        Modal::Welcome => welcome(frame, area, s, t),
        Modal::Confirm { question, .. } => {
            let lines = vec![
                Line::raw(question.clone()),
                Line::raw(""),
                hints(Context::Confirm, t),
            ];
            popup_fit(frame, area, " Are you sure? ", lines, 60, 9, t);
        }
        Modal::Meal(form) => meal(frame, area, s, t, form),
        Modal::Stool(form) => stool(frame, area, t, form),
        Modal::Intake(form) => {
            let r = popup_rect(area, 60, 7);
            let lines = vec![
                Line::raw("Name (e.g. probiotic, ibuprofen):"),
                Line::raw(""),
                Line::from(Span::styled(
                    format!("Kind: {}", form.kind().as_str()),
                    t.dim(),
                )),
                hints(Context::Form, t),
            ];
            popup(
                frame,
                area,
                " Add a medicine or supplement ",
                lines,
                60,
                7,
                t,
            );
            field_at(
                frame,
                &form.name,
                r.x + 1,
                r.y + 2,
                r.width.saturating_sub(2),
                true,
            );
        }
        Modal::Prompt(p) => {
            let r = popup_rect(area, 70, 6);
            let lines = vec![Line::raw(""), Line::raw(""), hints(Context::Form, t)];
            popup(
                frame,
                area,
                &format!(" {} ", p.purpose.title()),
                lines,
                70,
                6,
                t,
            );
            field_at(
                frame,
                &p.field,
                r.x + 1,
                r.y + 2,
                r.width.saturating_sub(2),
                true,
            );
        }
        Modal::Repeat { cursor } => {
            let mut lines: Vec<Line> = Vec::new();
            if s.recent_meals.is_empty() {
                lines.push(Line::from(Span::styled(
                    "No meals in the last 14 days.",
                    t.dim(),
                )));
            }
            let r = popup_rect(area, 70, 16);
            let inner_h = r.height.saturating_sub(3) as usize;
            let top = super::scroll_for(*cursor, inner_h, s.recent_meals.len());
            for (i, m) in s.recent_meals.iter().enumerate().skip(top).take(inner_h) {
                let text = format!(
                    "{} {:<9} {}",
                    m.at.format("%a %d %b"),
                    m.slot.as_str(),
                    m.foods.join(", ")
                );
                let mut l = Line::raw(fit(&text, r.width.saturating_sub(2) as usize));
                if i == *cursor {
                    l = l.patch_style(t.selected());
                }
                lines.push(l);
            }
            lines.push(hints(Context::Picker, t));
            popup(frame, area, " Repeat a recent meal ", lines, 70, 16, t);
        }
    }
}

fn hints(ctx: Context, t: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for b in context_bindings(ctx).filter(|b| b.status) {
        spans.push(Span::styled(format!("{} ", keys_label(b)), t.heading()));
        spans.push(Span::raw(format!("{}  ", b.help)));
    }
    Line::from(spans)
}

fn popup_rect(area: Rect, w: u16, h: u16) -> Rect {
    centered(area, w.min(area.width.saturating_sub(2)).max(10), h)
}

/// A popup just tall enough for its text (at most `h`).
fn popup_fit(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    w: u16,
    h: u16,
    t: &Theme,
) {
    let width = popup_rect(area, w, h).width;
    let h = h.min(wrapped_height(&lines, width.saturating_sub(2)) + 2);
    popup(frame, area, title, lines, w, h, t);
}

fn popup(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    w: u16,
    h: u16,
    t: &Theme,
) {
    let r = popup_rect(area, w, h);
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title.to_string(), t.heading()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}

/// Draws a text field at (x, y) and, when focused, puts the cursor in it.
fn field_at(frame: &mut Frame, f: &TextField, x: u16, y: u16, width: u16, focused: bool) {
    let area = frame.area();
    if width == 0 || y >= area.bottom() || x >= area.right() {
        return;
    }
    let width = width.min(area.right() - x);
    let (shown, col) = f.visible(width.saturating_sub(1) as usize);
    let style = if focused {
        Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        Style::new()
    };
    frame.render_widget(
        Paragraph::new(Span::styled(shown, style)),
        Rect {
            x,
            y,
            width,
            height: 1,
        },
    );
    if focused {
        frame.set_cursor_position(Position::new(x + (col as u16).min(width - 1), y));
    }
}

fn help(frame: &mut Frame, area: Rect, s: &State, t: &Theme, scroll: u16) {
    let mut contexts: Vec<Context> = match s.screen {
        crate::tui::action::Screen::Today => {
            vec![Context::Today, Context::Symptom, Context::CheckIn]
        }
        crate::tui::action::Screen::Journal => vec![Context::Journal],
        crate::tui::action::Screen::Plan => vec![Context::Plan],
        crate::tui::action::Screen::Insights => vec![Context::Insights],
        crate::tui::action::Screen::Guide => vec![Context::Guide],
    };
    contexts.extend([
        Context::Global,
        Context::Anywhere,
        Context::Form,
        Context::Confirm,
    ]);
    let mut lines = Vec::new();
    for ctx in contexts {
        lines.push(Line::from(Span::styled(ctx.title(), t.heading())));
        for b in context_bindings(ctx) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keys_label(b)), t.heading()),
                Span::raw(b.help),
            ]));
        }
    }
    let r = centered(area, 64, area.height.saturating_sub(2));
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(" Keys (Esc closes, ↑/↓ scroll) ", t.heading()));
    let max = (lines.len() as u16).saturating_sub(r.height.saturating_sub(2));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(max), 0)),
        r,
    );
}

fn welcome(frame: &mut Frame, area: Rect, s: &State, t: &Theme) {
    let app = content::app_text();
    let lines = vec![
        Line::raw(app.welcome.clone()),
        Line::raw(""),
        Line::raw(app.privacy.clone()),
        Line::from(Span::styled(format!("Diary: {}", s.db_path), t.dim())),
        Line::raw(""),
        hints(Context::Welcome, t),
    ];
    popup_fit(frame, area, " Welcome to gutlog ", lines, 72, 20, t);
}

fn meal(frame: &mut Frame, area: Rect, s: &State, t: &Theme, form: &MealForm) {
    let title = if form.editing.is_some() {
        " Edit meal "
    } else {
        " Add a meal "
    };
    let suggestions = form.suggestions(&s.food_book, &s.food_history);
    let r = popup_rect(area, 72, 14);
    let label = |f: MealField, text: &str| {
        let style = if form.focus == f {
            t.heading()
        } else {
            Style::new()
        };
        Span::styled(format!("{text:<7}"), style)
    };
    let typed = crate::domain::food::split_foods(form.foods.text());
    let misspelt = typed
        .last()
        .filter(|f| !s.food_book.is_known(f) && s.food_book.tags_of(f).is_empty());
    let sugg = if let (true, Some(f)) = (suggestions.is_empty(), misspelt) {
        match s.food_book.suggest(f) {
            Some(known) => Span::styled(
                format!("        '{f}' is not in the food list: did you mean '{known}'?"),
                t.dim(),
            ),
            None => Span::raw(""),
        }
    } else if suggestions.is_empty() {
        Span::raw("")
    } else {
        Span::styled(format!("        Tab: {}", suggestions.join(" · ")), t.dim())
    };
    let lines = vec![
        Line::from(vec![
            label(MealField::Slot, "Slot"),
            Span::raw(format!("◂ {} ▸", form.slot.as_str())),
        ]),
        Line::from(label(MealField::Time, "Time")),
        Line::from(label(MealField::Foods, "Foods")),
        Line::from(sugg),
        Line::from(label(MealField::Tags, "Tags")),
        Line::from(Span::styled(
            "        (inferred from the foods; edit to change)",
            t.dim(),
        )),
        Line::from(label(MealField::Note, "Note")),
        Line::raw(""),
        hints(Context::Form, t),
    ];
    popup(frame, area, title, lines, 72, 14, t);
    let w = r.width.saturating_sub(9);
    let x = r.x + 8;
    // Each text field sits on its label's row of the popup.
    for (field, row, which) in [
        (&form.time, 2, MealField::Time),
        (&form.foods, 3, MealField::Foods),
        (&form.tags, 5, MealField::Tags),
        (&form.note, 7, MealField::Note),
    ] {
        field_at(frame, field, x, r.y + row, w, form.focus == which);
    }
}

fn stool(frame: &mut Frame, area: Rect, t: &Theme, form: &StoolForm) {
    let r = popup_rect(area, 72, 14);
    let mut lines = vec![Line::raw("Time")];
    for b in &content::bristol().types {
        let text = format!(" {} {}: {}", b.kind, b.name, b.description);
        let mut l = Line::raw(fit(&text, r.width.saturating_sub(2) as usize));
        if b.kind == form.bristol {
            l = l.patch_style(t.selected());
        }
        lines.push(l);
    }
    if let Some(b) = content::bristol().get(form.bristol) {
        lines.push(Line::from(Span::styled(b.meaning.clone(), t.dim())));
    }
    lines.push(Line::from(Span::styled(
        "1-7 or ↑/↓ choose the type",
        t.dim(),
    )));
    lines.push(hints(Context::Form, t));
    popup(
        frame,
        area,
        " Add a stool (Bristol type) ",
        lines,
        72,
        14,
        t,
    );
    field_at(frame, &form.time, r.x + 6, r.y + 1, 8, true);
}
