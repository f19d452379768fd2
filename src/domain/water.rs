//! Water: stored as whole glasses, shown and typed in glasses or millilitres
//! as the person prefers (`water_unit` in the config file).

use super::error::{InputError, InputResult};
use super::names::unknown;
use super::MAX_WATER_GLASSES;

/// Millilitres in one glass of water.
pub const GLASS_ML: u32 = 250;

/// The unit water is shown and typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WaterUnit {
    #[default]
    Glasses,
    Ml,
}

impl WaterUnit {
    pub const ALL: [WaterUnit; 2] = [WaterUnit::Glasses, WaterUnit::Ml];

    pub fn as_str(self) -> &'static str {
        match self {
            WaterUnit::Glasses => "glasses",
            WaterUnit::Ml => "ml",
        }
    }

    pub fn parse(s: &str) -> InputResult<WaterUnit> {
        match s.trim().to_lowercase().as_str() {
            "glasses" | "glass" => Ok(WaterUnit::Glasses),
            "ml" | "millilitres" | "milliliters" => Ok(WaterUnit::Ml),
            _ => Err(unknown("water unit", s, &WaterUnit::ALL.map(Self::as_str))),
        }
    }

    /// An amount stored in glasses, in this unit: "1 glass", "8 glasses", "2000 ml".
    pub fn format(self, glasses: u32) -> String {
        match self {
            WaterUnit::Glasses if glasses == 1 => "1 glass".into(),
            WaterUnit::Glasses => format!("{glasses} glasses"),
            WaterUnit::Ml => format!("{} ml", glasses * GLASS_ML),
        }
    }

    /// A mean in glasses, converted to this unit (for averages).
    pub fn from_glasses(self, glasses: f64) -> f64 {
        match self {
            WaterUnit::Glasses => glasses,
            WaterUnit::Ml => glasses * GLASS_ML as f64,
        }
    }

    /// The largest amount the diary keeps, in this unit.
    pub fn max(self) -> i64 {
        match self {
            WaterUnit::Glasses => MAX_WATER_GLASSES,
            WaterUnit::Ml => MAX_WATER_GLASSES * GLASS_ML as i64,
        }
    }

    /// Reads an amount typed in this unit ("8"), or with its unit written
    /// out ("500ml", "2 glasses"), and returns whole glasses: millilitres are
    /// rounded to the nearest glass of 250 ml.
    pub fn parse_amount(self, input: &str) -> InputResult<u32> {
        let s = input.trim().to_lowercase();
        let (number, unit) = match s.find(|c: char| c.is_alphabetic()) {
            Some(i) => (s[..i].trim(), WaterUnit::parse(&s[i..]).ok()),
            None => (s.as_str(), Some(self)),
        };
        let unit = unit.ok_or_else(|| {
            InputError::new(format!(
                "water '{input}': write a number of glasses (8), or millilitres with ml (500ml)"
            ))
        })?;
        let n: i64 = number.parse().map_err(|_| {
            InputError::new(format!(
                "water '{input}' is not a whole number of {}",
                unit.as_str()
            ))
        })?;
        if !(0..=unit.max()).contains(&n) {
            return Err(InputError::new(format!(
                "water {n} {} is out of range; use 0 to {} {}",
                unit.as_str(),
                unit.max(),
                unit.as_str()
            )));
        }
        Ok(match unit {
            WaterUnit::Glasses => n as u32,
            WaterUnit::Ml => ((n + GLASS_ML as i64 / 2) / GLASS_ML as i64) as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_in_the_unit_or_with_their_own() {
        assert_eq!(WaterUnit::Glasses.parse_amount("8").unwrap(), 8);
        assert_eq!(WaterUnit::Ml.parse_amount("2000").unwrap(), 8);
        assert_eq!(WaterUnit::Ml.parse_amount("330").unwrap(), 1);
        assert_eq!(WaterUnit::Ml.parse_amount("375").unwrap(), 2);
        assert_eq!(WaterUnit::Glasses.parse_amount("500 ml").unwrap(), 2);
        assert_eq!(WaterUnit::Ml.parse_amount("3glasses").unwrap(), 3);
        assert_eq!(WaterUnit::Ml.parse_amount("12500").unwrap(), 50);
        let e = WaterUnit::Ml.parse_amount("12501").unwrap_err();
        assert!(e.0.contains("use 0 to 12500 ml"), "{e}");
        let e = WaterUnit::Glasses.parse_amount("51").unwrap_err();
        assert!(e.0.contains("use 0 to 50 glasses"), "{e}");
        for bad in ["-1", "lots", "2 cups", "1.5", ""] {
            assert!(WaterUnit::Glasses.parse_amount(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_are_shown_in_the_unit() {
        assert_eq!(WaterUnit::Glasses.format(1), "1 glass");
        assert_eq!(WaterUnit::Glasses.format(8), "8 glasses");
        assert_eq!(WaterUnit::Ml.format(8), "2000 ml");
    }
}
