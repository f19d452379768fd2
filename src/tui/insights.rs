//! The Insights screen's state changes: moving a week at a time (the week
//! reviewed ends on the edited date) and selecting a finding. The review
//! itself is computed by the loop in `reload` (see `load`).

use super::action::{Action, Effect};
use super::state::State;
use crate::analysis::{weekly_review, weekly_trend, ReviewParams, DEFAULT_HISTORY_DAYS};
use crate::store::{Store, StoreResult};
use chrono::Duration;

pub fn update(s: &mut State, action: &Action) -> Vec<Effect> {
    let findings = s.insights.review.as_ref().map_or(0, |r| r.findings.len());
    match action {
        Action::PrevWeek => return super::update::go_to(s, s.date - Duration::days(7)),
        Action::NextWeek => {
            let today = s.clock.today();
            if s.date >= today {
                s.info("This week ends today: there is no later week to review yet.");
            } else {
                return super::update::go_to(s, (s.date + Duration::days(7)).min(today));
            }
        }
        Action::Up => s.insights.cursor = s.insights.cursor.saturating_sub(1),
        Action::Down => {
            s.insights.cursor = (s.insights.cursor + 1).min(findings.saturating_sub(1));
        }
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

/// Reads the records the review needs and computes it, with the weekly
/// trend of the check-in scales.
pub fn load(s: &mut State, store: &Store) -> StoreResult<()> {
    let params = ReviewParams::new(s.date);
    let (from, to) = params.dates_needed();
    let review = weekly_review(&store.diary(from, to)?, &params);
    s.insights.trend = weekly_trend(&review.habits.daily, s.date, DEFAULT_HISTORY_DAYS / 7);
    let moved = s.insights.review.as_ref().map(|r| r.week.end) != Some(s.date);
    if moved {
        s.insights.cursor = 0;
    }
    s.insights.cursor = s
        .insights
        .cursor
        .min(review.findings.len().saturating_sub(1));
    s.insights.review = Some(review);
    Ok(())
}
