//! The check-in rows of Today: which fields there are and how the arrow,
//! plus/minus, digit and clear keys step each one within its valid range.

use super::action::Action;
use crate::domain::{CheckIn, MAX_MOVEMENT_MINUTES, MAX_WATER_GLASSES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckField {
    Mood,
    Energy,
    Stress,
    Sleep,
    Water,
    Movement,
    Note,
}

impl CheckField {
    pub const ALL: [CheckField; 7] = [
        CheckField::Mood,
        CheckField::Energy,
        CheckField::Stress,
        CheckField::Sleep,
        CheckField::Water,
        CheckField::Movement,
        CheckField::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckField::Mood => "Mood",
            CheckField::Energy => "Energy",
            CheckField::Stress => "Stress",
            CheckField::Sleep => "Sleep",
            CheckField::Water => "Water",
            CheckField::Movement => "Movement",
            CheckField::Note => "Note",
        }
    }
}

/// The check-in with one field stepped by `dir` (+1/-1), cleared, or set.
pub fn step_checkin(c: &mut CheckIn, f: CheckField, action: &Action) {
    let dir: i64 = match action {
        Action::Plus => 1,
        Action::Minus => -1,
        _ => 0,
    };
    match (f, action) {
        (CheckField::Mood | CheckField::Energy | CheckField::Stress, _) => {
            let v = match f {
                CheckField::Mood => &mut c.mood,
                CheckField::Energy => &mut c.energy,
                _ => &mut c.stress,
            };
            *v = match action {
                Action::Clear => None,
                Action::Digit(d) => Some((*d).clamp(1, 5)),
                _ => Some(v.map_or(3, |x| (x as i64 + dir).clamp(1, 5) as u8)),
            };
        }
        (CheckField::Sleep, Action::Clear) => c.sleep_hours = None,
        (CheckField::Sleep, _) => {
            c.sleep_hours = Some(
                c.sleep_hours
                    .map_or(7.0, |h| (h + 0.5 * dir as f64).clamp(0.0, 24.0)),
            )
        }
        (CheckField::Water, Action::Clear) => c.water_glasses = None,
        (CheckField::Water, _) => {
            c.water_glasses = Some(
                c.water_glasses
                    .map_or(dir.max(0), |w| (w as i64 + dir).clamp(0, MAX_WATER_GLASSES))
                    as u32,
            )
        }
        (CheckField::Movement, Action::Clear) => c.movement_minutes = None,
        (CheckField::Movement, _) => {
            c.movement_minutes = Some(c.movement_minutes.map_or(5 * dir.max(0), |m| {
                (m as i64 + 5 * dir).clamp(0, MAX_MOVEMENT_MINUTES)
            }) as u32)
        }
        (CheckField::Note, Action::Clear) => c.note = None,
        (CheckField::Note, _) => {}
    }
}
