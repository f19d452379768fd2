//! The Insights screen's state changes: moving a week at a time (the week
//! reviewed is the 7 days ending on the edited date; `[` and `]` go to the
//! last day of the calendar week before or after, by the settings' first
//! day of the week), selecting a finding and opening it in full. The review is computed on the effects side (`effects.rs`).

use super::action::{Action, Effect};
use super::state::{Modal, State};
use crate::analysis::{WeekTrend, WeeklyReview};
use crate::content::tui_text;
use crate::domain::time::{week_end_after, week_end_before};

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let findings = s.insights.review.as_ref().map_or(0, |r| r.findings.len());
    let first = s.config.first_day_of_week.value;
    match action {
        // A past week reviewed is a calendar week of the settings.
        Action::PrevWeek => return s.go_to(week_end_before(s.date, first)),
        Action::NextWeek => {
            let today = s.clock.today();
            if s.date >= today {
                s.info(tui_text().no_later_week.clone());
            } else {
                return s.go_to(week_end_after(s.date, first).min(today));
            }
        }
        Action::Up => s.insights.cursor = s.insights.cursor.saturating_sub(1),
        Action::Down => {
            s.insights.cursor = (s.insights.cursor + 1).min(findings.saturating_sub(1));
        }
        Action::Enter if findings > 0 => s.modal = Some(Modal::Finding { scroll: 0 }),
        Action::TestThis => return super::experiment::test_this(s),
        _ => {}
    }
    Vec::new()
}

/// True when the review shown is not the one for the edited date.
pub fn needs_review(s: &State) -> bool {
    s.insights
        .review
        .as_ref()
        .is_none_or(|r| r.week.end != s.date)
}

/// Takes a freshly computed review (and trend) into the state, keeping the
/// selected finding when the week is the same.
pub fn set_review(s: &mut State, review: WeeklyReview, trend: Vec<WeekTrend>) {
    let moved = s.insights.review.as_ref().map(|r| r.week.end) != Some(review.week.end);
    if moved {
        s.insights.cursor = 0;
    }
    s.insights.cursor = s
        .insights
        .cursor
        .min(review.findings.len().saturating_sub(1));
    s.insights.trend = trend;
    s.insights.review = Some(review);
}
