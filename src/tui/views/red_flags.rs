//! The red-flag questions overlay (the questions for this profile, each
//! ticked one with its guidance, what the profile does, and the diary's
//! own see-a-doctor notes), scrolled to keep the selected question in
//! view; and the small profile form opened from it.

use super::overlays::{field_at, popup, popup_rect};
use super::theme::Theme;
use super::wrap_styled;
use crate::content::{self, fill, tui_text};
use crate::tui::action::Action;
use crate::tui::keymap::{key_for, Context};
use crate::tui::profile::{describe, sex_label, ProfileField, ProfileForm};
use crate::tui::state::State;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub fn questions(frame: &mut Frame, area: Rect, s: &State, t: &Theme, cursor: usize) {
    let text = tui_text();
    let flags = s.red_flag_questions();
    let cursor = cursor.min(flags.len().saturating_sub(1));
    let r = popup_rect(area, 78, area.height.saturating_sub(2));
    let w = r.width.saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    // The selected question's lines, to keep in view.
    let mut selected = 0..0;
    for (i, f) in flags.iter().enumerate() {
        let ticked = s.day.red_flags.contains(&f.id);
        let mark = if ticked { "[x]" } else { "[ ]" };
        let mut style = if ticked { t.alarm() } else { Style::new() };
        if i == cursor {
            style = style.patch(t.selected());
        }
        let start = lines.len();
        lines.extend(wrap_styled(
            &format!("{mark} {}", f.question),
            w,
            style,
            "    ",
        ));
        if ticked {
            let guidance = format!("    {}", f.guidance);
            lines.extend(wrap_styled(&guidance, w, t.alarm(), "    "));
        }
        if i == cursor {
            selected = start..lines.len();
        }
    }
    lines.push(Line::raw(""));
    let profile_key = key_for(Context::RedFlags, &Action::Profile);
    let about_profile = match describe(&s.profile) {
        Some(p) => fill(
            &text.profile_some,
            &[
                ("profile", &p),
                ("n", &flags.len().to_string()),
                ("total", &content::red_flags().flags.len().to_string()),
                ("edit", &profile_key),
            ],
        ),
        None => fill(&text.profile_none, &[("profile", &profile_key)]),
    };
    lines.extend(wrap_styled(&about_profile, w, t.dim(), ""));
    if !s.notes.doctor.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            text.notes_title.clone(),
            t.heading(),
        )));
        for n in &s.notes.doctor {
            lines.extend(wrap_styled(
                &format!("- {}", n.cited()),
                w,
                Style::new(),
                "  ",
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.extend(wrap_styled(&content::red_flags().general, w, t.dim(), ""));

    let inner_h = r.height.saturating_sub(2) as usize;
    let total = lines.len();
    // The last question shows everything below it; any other stays in view.
    let top = if cursor + 1 == flags.len() {
        total.saturating_sub(inner_h)
    } else {
        let top = super::scroll_for(selected.start, inner_h, total);
        top.min(selected.start)
            .max(selected.end.saturating_sub(inner_h))
    };
    let h = (total.min(inner_h) + 2) as u16;
    let title = format!(" Red flags ({}) ", s.date.format("%a %-d %b"));
    let shown: Vec<Line> = lines.into_iter().skip(top).take(inner_h).collect();
    popup(frame, area, &title, shown, 78, h, t);
}

pub fn profile_form(frame: &mut Frame, area: Rect, t: &Theme, form: &ProfileForm) {
    let text = tui_text();
    let label_w = text
        .profile_year_label
        .width()
        .max(text.profile_sex_label.width()) as u16
        + 2;
    let r = popup_rect(area, 64, 3);
    let w = r.width.saturating_sub(2);
    let label = |f: ProfileField, s: &str| {
        let style = if form.focus == f {
            t.heading()
        } else {
            Style::new()
        };
        Span::styled(format!("{s:<width$}", width = label_w as usize), style)
    };
    let sex_style = if form.focus == ProfileField::Sex {
        t.selected()
    } else {
        Style::new()
    };
    let mut lines = vec![
        Line::from(label(ProfileField::Year, &text.profile_year_label)),
        Line::from(vec![
            label(ProfileField::Sex, &text.profile_sex_label),
            Span::styled(format!("◂ {} ▸", sex_label(form.sex)), sex_style),
        ]),
        Line::raw(""),
    ];
    lines.extend(wrap_styled(&text.profile_note, w, t.dim(), ""));
    let h = lines.len() as u16 + 2;
    let r = popup_rect(area, 64, h);
    frame.render_widget(Clear, r);
    let title = format!(" {} ", text.profile_title);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(title, t.heading())),
        ),
        r,
    );
    field_at(
        frame,
        &form.year,
        r.x + 1 + label_w,
        r.y + 1,
        8,
        form.focus == ProfileField::Year,
    );
}
