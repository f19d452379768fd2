//! The check-in rows of Today: which fields there are, how the arrow,
//! plus/minus, digit and clear keys step each one within its valid range,
//! how a typed number is read, and how a value is shown.

use super::action::Action;
use crate::content::{fill, tui_text};
use crate::domain::water::WaterUnit;
use crate::domain::{
    check_movement, check_sleep, CheckIn, InputError, InputResult, MAX_MOVEMENT_MINUTES,
    MAX_WATER_GLASSES,
};

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

    /// Mood, energy and stress: 1–5, one digit.
    pub fn is_scale(self) -> bool {
        matches!(
            self,
            CheckField::Mood | CheckField::Energy | CheckField::Stress
        )
    }

    /// Sleep, water and movement: typed numbers.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            CheckField::Sleep | CheckField::Water | CheckField::Movement
        )
    }

    /// The field's value as shown: "3/5", "6.5 h", "1 glass" (or "250 ml"
    /// in the unit of the settings), "20 min".
    pub fn show(self, c: &CheckIn, water: WaterUnit) -> Option<String> {
        let t = tui_text();
        let n = |template: &str, v: String| fill(template, &[("n", &v)]);
        match self {
            CheckField::Mood => c.mood.map(|v| n(&t.scale_value, v.to_string())),
            CheckField::Energy => c.energy.map(|v| n(&t.scale_value, v.to_string())),
            CheckField::Stress => c.stress.map(|v| n(&t.scale_value, v.to_string())),
            CheckField::Sleep => c.sleep_hours.map(|v| n(&t.sleep_value, v.to_string())),
            CheckField::Water => c.water_glasses.map(|v| water.format(v)),
            CheckField::Movement => c
                .movement_minutes
                .map(|v| n(&t.movement_value, v.to_string())),
            CheckField::Note => c.note.clone(),
        }
    }

    /// The field's name in messages ("mood", "water").
    pub fn word(self) -> String {
        self.label().to_lowercase()
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

/// Sets sleep, water (typed in `water`, the unit of the settings) or
/// movement from a typed number, with the same rules as the CLI (an empty
/// entry clears the field).
pub fn set_typed(c: &mut CheckIn, f: CheckField, text: &str, water: WaterUnit) -> InputResult<()> {
    let text = text.trim();
    let whole = |what: &str| -> InputResult<Option<i64>> {
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<i64>()
            .map(Some)
            .map_err(|_| InputError::new(format!("{what} '{text}' is not a whole number")))
    };
    match f {
        CheckField::Sleep => {
            c.sleep_hours = if text.is_empty() {
                None
            } else {
                let h: f64 = text.parse().map_err(|_| {
                    InputError::new(format!("sleep '{text}' is not a number of hours, e.g. 7.5"))
                })?;
                Some(check_sleep(h)?)
            }
        }
        CheckField::Water => {
            c.water_glasses = if text.is_empty() {
                None
            } else {
                Some(water.parse_amount(text)?)
            }
        }
        CheckField::Movement => {
            c.movement_minutes = whole("movement")?.map(check_movement).transpose()?
        }
        _ => {}
    }
    Ok(())
}

/// Every value the sleep field accepts, written the way it is typed.
fn sleep_values() -> Vec<String> {
    (0..=24)
        .flat_map(|h| {
            let mut v = vec![h.to_string()];
            if h < 24 {
                v.push(format!("{h}.5"));
            }
            v.push(format!("{h}.0"));
            v
        })
        .collect()
}

/// How far a typed number has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// A whole value no further key could change (sleep "6.5", water
    /// "12", movement "150"): saved without Enter.
    Complete,
    /// A value, or the start of one, that more keys could change.
    Partial,
    /// Nothing valid starts like this.
    Invalid,
}

/// How far `text` has got in field `f` (water in the unit `water`).
pub fn typed(f: CheckField, text: &str, water: WaterUnit) -> Typed {
    let (valid, longer) = match f {
        CheckField::Sleep => {
            let values = sleep_values();
            let longer = values
                .iter()
                .any(|v| v.len() > text.len() && v.starts_with(text));
            (values.iter().any(|v| v == text), longer)
        }
        CheckField::Water => whole_number(text, water.max()),
        CheckField::Movement => whole_number(text, MAX_MOVEMENT_MINUTES),
        _ => (false, false),
    };
    match (valid, longer) {
        (true, false) => Typed::Complete,
        (_, true) => Typed::Partial,
        (false, false) => Typed::Invalid,
    }
}

/// Whether `text` is a whole number from 0 to `max` written plainly
/// ("0", "12", not "012"), and whether a longer one starts with it.
fn whole_number(text: &str, max: i64) -> (bool, bool) {
    if text.is_empty() {
        return (false, true);
    }
    let n = match text.parse::<i64>() {
        Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) && n.to_string() == text => n,
        _ => return (false, false),
    };
    (n <= max, n != 0 && n.saturating_mul(10) <= max)
}
