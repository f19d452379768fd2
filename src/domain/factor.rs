//! What a day can be exposed to — a meal tag, a food, a FODMAP group, a
//! kind of medicine or supplement, or a check-in habit — and the one rule
//! that says whether a meal, an intake or a day has it. The trigger
//! analysis and experiments both use these rules, so "contains dairy" means
//! the same thing in a finding, an experiment's deviation and its verdict.
//!
//! A factor is written `kind:key`, as the trigger analysis names it:
//! `tag:dairy`, `food:coffee`, `fodmap:lactose`, `intake:nsaid`,
//! `habit:short_sleep`.

use super::error::{InputError, InputResult};
use super::food::{food_key, parse_tag, tag_name, FoodBook};
use super::names::{closest, normalize_key};
use super::{CheckIn, Intake, IntakeKind, Meal};
use crate::content;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The kinds of factor, in the order a bare name is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FactorKind {
    Tag,
    Fodmap,
    Intake,
    Habit,
    Food,
}

impl FactorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactorKind::Tag => "tag",
            FactorKind::Fodmap => "fodmap",
            FactorKind::Intake => "intake",
            FactorKind::Habit => "habit",
            FactorKind::Food => "food",
        }
    }

    fn parse(s: &str) -> Option<FactorKind> {
        [
            FactorKind::Tag,
            FactorKind::Fodmap,
            FactorKind::Intake,
            FactorKind::Habit,
            FactorKind::Food,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// True for what is eaten: leaving it out changes the diet.
    pub fn is_food(self) -> bool {
        matches!(
            self,
            FactorKind::Tag | FactorKind::Fodmap | FactorKind::Food
        )
    }
}

/// A factor: its kind and key (`tag` + `dairy`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Factor {
    pub kind: FactorKind,
    pub key: String,
}

/// Did the check-in show this check-in habit (`short_sleep`, …)? By the
/// thresholds in content/insights.json, which the trigger analysis counts
/// by too. None when the check-in did not record the value (unknown, not
/// "no") or the habit is not a check-in habit.
pub fn checkin_habit(id: &str, c: &CheckIn) -> Option<bool> {
    content::insights()
        .checkin_habits
        .iter()
        .find(|h| h.id == id)?
        .holds(c)
}

/// The name a food is counted under as a factor: the dictionary's name
/// for it ("Onions" → onion), else the name as logged, as a key.
pub fn food_factor_key(book: &FoodBook, name: &str) -> String {
    book.canonical(name)
        .map_or_else(|| food_key(name), food_key)
}

/// The tag whose name is this food's ("bone broth" → `bone_broth`): the
/// food and the tag are one factor.
fn tag_named(food: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            let mut names = HashMap::new();
            for t in &content::foods().tags {
                names.insert(food_key(&t.name), t.id.as_str());
                names.insert(t.id.replace('_', " "), t.id.as_str());
            }
            names
        })
        .get(food)
        .copied()
}

/// Every factor a meal has, as `kind:key` ids, each once, in order: its
/// stored tags (`tag:dairy`); its foods by their dictionary names
/// (`food:coffee`), a food named like a tag being that tag; and the FODMAP
/// groups a usual serving of its foods has (`fodmap:lactose`), from the
/// foods as gutlog knows them now (stored tags of old meals are never
/// rewritten). The one rule for what a meal is exposed to: the trigger
/// analysis labels these, experiments test them.
pub fn meal_factor_ids(meal: &Meal, book: &FoodBook) -> Vec<String> {
    let mut out: Vec<String> = meal.tags.iter().map(|t| format!("tag:{t}")).collect();
    let mut push = |id: String| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for f in &meal.foods {
        let name = food_factor_key(book, f);
        push(match tag_named(&name) {
            Some(tag) => format!("tag:{tag}"),
            None => format!("food:{name}"),
        });
    }
    for id in book.fodmap_factors(&meal.foods) {
        push(id);
    }
    out
}

fn checkin_habit_ids() -> Vec<&'static str> {
    content::insights()
        .checkin_habits
        .iter()
        .map(|h| h.id.as_str())
        .collect()
}

fn fodmap_ids() -> Vec<&'static str> {
    content::foods()
        .fodmap_groups
        .iter()
        .map(|g| g.id.as_str())
        .collect()
}

fn intake_ids() -> Vec<&'static str> {
    content::intakes()
        .kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect()
}

/// "Dairy" → "dairy", keeping capitals that matter ("NSAID pain reliever").
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => a
            .to_lowercase()
            .chain(name[a.len_utf8()..].chars())
            .collect(),
        _ => name.to_string(),
    }
}

impl Factor {
    /// The stored form, `kind:key`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.key)
    }

    /// Reads the stored form; None when it is not one.
    pub fn from_id(id: &str) -> Option<Factor> {
        let (kind, key) = id.split_once(':')?;
        let kind = FactorKind::parse(kind)?;
        (!key.trim().is_empty()).then(|| Factor {
            kind,
            key: key.to_string(),
        })
    }

    /// What someone typed: `tag:dairy`, or a bare name tried as a tag, a
    /// FODMAP group, a kind of medicine, a check-in habit, then a food the
    /// dictionary (or the person) knows. A food gutlog has never heard of
    /// is refused with a "did you mean", so a typo never starts an
    /// experiment about nothing.
    pub fn parse(input: &str, book: &FoodBook) -> InputResult<Factor> {
        let text = input.trim();
        if text.is_empty() {
            return Err(InputError::new(
                "no factor given; name a tag (dairy), a food (coffee), a FODMAP group (lactose), \
                 a kind of medicine (nsaid) or a habit (short_sleep)",
            ));
        }
        if let Some((kind, key)) = text.split_once(':') {
            let kind_key = normalize_key(kind);
            let Some(kind) = FactorKind::parse(&kind_key) else {
                return Err(crate::domain::names::unknown(
                    "kind of factor",
                    kind,
                    &["tag", "food", "fodmap", "intake", "habit"],
                ));
            };
            return Factor::parse_kind(kind, key, book);
        }
        let key = normalize_key(text);
        for kind in [
            FactorKind::Tag,
            FactorKind::Fodmap,
            FactorKind::Intake,
            FactorKind::Habit,
        ] {
            if let Ok(f) = Factor::parse_kind(kind, &key, book) {
                return Ok(f);
            }
        }
        if let Some(f) = Factor::known_food(text, book) {
            return Ok(f);
        }
        let mut valid: Vec<&str> = super::food::tag_ids();
        valid.extend(fodmap_ids());
        valid.extend(intake_ids());
        valid.extend(checkin_habit_ids());
        let hint = book
            .suggest(text)
            .map(str::to_string)
            .or_else(|| closest(text, valid.iter().copied()).map(str::to_string))
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_default();
        Err(InputError::new(format!(
            "'{text}' is not a tag, FODMAP group, kind of medicine, habit or food gutlog knows{hint}; \
             tags: {}; FODMAP groups: {}; medicines: {}; habits: {}; or a food gutlog knows",
            super::food::tag_ids().join(", "),
            fodmap_ids().join(", "),
            intake_ids().join(", "),
            checkin_habit_ids().join(", ")
        )))
    }

    fn known_food(text: &str, book: &FoodBook) -> Option<Factor> {
        let known = book.is_known(text) || !book.tags_of(text).is_empty();
        known.then(|| Factor {
            kind: FactorKind::Food,
            key: food_factor_key(book, text),
        })
    }

    fn parse_kind(kind: FactorKind, key: &str, book: &FoodBook) -> InputResult<Factor> {
        let norm = normalize_key(key);
        let checked = |valid: Vec<&str>, what: &str| -> InputResult<String> {
            if valid.contains(&norm.as_str()) {
                Ok(norm.clone())
            } else {
                Err(crate::domain::names::unknown(what, key, &valid))
            }
        };
        let key = match kind {
            FactorKind::Tag => parse_tag(key)?,
            FactorKind::Fodmap => checked(fodmap_ids(), "FODMAP group")?,
            FactorKind::Intake => IntakeKind::parse(key)?.as_str().to_string(),
            FactorKind::Habit => checked(checkin_habit_ids(), "habit")?,
            FactorKind::Food => {
                return Factor::known_food(key, book).ok_or_else(|| {
                    let hint = book
                        .suggest(key)
                        .map(|s| format!(" (did you mean '{s}'?)"))
                        .unwrap_or_default();
                    InputError::new(format!(
                        "the food '{}' is not one gutlog knows{hint}",
                        key.trim()
                    ))
                })
            }
        };
        Ok(Factor { kind, key })
    }

    /// True when an experiment can test this factor: every kind the
    /// analysis names, but only the check-in habits (not the plan's).
    pub fn testable(&self) -> bool {
        match self.kind {
            FactorKind::Tag => super::food::tag_ids().contains(&self.key.as_str()),
            FactorKind::Fodmap => fodmap_ids().contains(&self.key.as_str()),
            FactorKind::Intake => intake_ids().contains(&self.key.as_str()),
            FactorKind::Habit => checkin_habit_ids().contains(&self.key.as_str()),
            FactorKind::Food => true,
        }
    }

    /// Words for sentences: "dairy", "lactose (FODMAP)", "coffee",
    /// "NSAID pain reliever", "short sleep (under 7 h)".
    pub fn label(&self) -> String {
        match self.kind {
            FactorKind::Tag => tag_name(&self.key),
            FactorKind::Food => self.key.clone(),
            FactorKind::Fodmap => content::foods()
                .group(&self.key)
                .map_or_else(|| self.key.replace('_', " "), |g| lower_first(&g.name)),
            FactorKind::Intake => content::intakes()
                .kinds
                .iter()
                .find(|k| k.id == self.key)
                .map_or_else(|| self.key.clone(), |k| lower_first(&k.name)),
            FactorKind::Habit => content::insights()
                .checkin_habits
                .iter()
                .find(|h| h.id == self.key)
                .map_or_else(|| self.key.replace('_', " "), |h| h.label()),
        }
    }

    /// Does this meal have the factor? As `meal_factor_ids` says (what
    /// the trigger analysis reads too).
    pub fn meal_has(&self, meal: &Meal, book: &FoodBook) -> bool {
        self.kind.is_food() && meal_factor_ids(meal, book).contains(&self.id())
    }

    /// Is this medicine or supplement of the factor's kind?
    pub fn intake_is(&self, intake: &Intake) -> bool {
        self.kind == FactorKind::Intake && intake.kind.as_str() == self.key
    }

    /// Does a day's record have the factor: Some(true/false), or None
    /// when it cannot be told (a habit whose check-in value is missing;
    /// anything on a day with nothing logged that would show it).
    pub fn on_day(
        &self,
        meals: &[&Meal],
        intakes: &[&Intake],
        checkin: Option<&CheckIn>,
        book: &FoodBook,
    ) -> Option<bool> {
        match self.kind {
            FactorKind::Habit => checkin.and_then(|c| checkin_habit(&self.key, c)),
            FactorKind::Intake => Some(intakes.iter().any(|i| self.intake_is(i))),
            _ if meals.is_empty() => None,
            _ => Some(meals.iter().any(|m| self.meal_has(m, book))),
        }
    }

    /// True when leaving this factor out also leaves out gluten, or most
    /// of it: gluten itself, a food with gluten, and the FODMAP group
    /// (fructans) and tag (high FODMAP) that wheat, rye and barley carry.
    /// A coeliac test needs gluten eaten first (content notes).
    pub fn leaves_out_gluten(&self, book: &FoodBook) -> bool {
        match self.kind {
            FactorKind::Tag => self.key == "gluten" || self.key == super::food::HIGH_FODMAP,
            FactorKind::Fodmap => self.key == "fructans",
            FactorKind::Food => book.tags_of(&self.key).iter().any(|t| t == "gluten"),
            FactorKind::Intake | FactorKind::Habit => false,
        }
    }
}

impl std::fmt::Display for Factor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_resolve_in_order_and_typos_are_refused() {
        let book = FoodBook::bundled();
        let p = |s: &str| Factor::parse(s, &book).map(|f| f.id());
        assert_eq!(p("dairy").unwrap(), "tag:dairy");
        assert_eq!(p("Lactose").unwrap(), "fodmap:lactose");
        assert_eq!(p("nsaid").unwrap(), "intake:nsaid");
        assert_eq!(p("short sleep").unwrap(), "habit:short_sleep");
        assert_eq!(p("Onions").unwrap(), "food:onion");
        assert_eq!(p("food:coffee").unwrap(), "food:coffee");
        assert!(p("diary").unwrap_err().to_string().contains("dairy"));
        assert!(p("colour:red").is_err());
        assert!(p("").is_err());
        assert_eq!(
            Factor::from_id("fodmap:gos").map(|f| f.label()),
            Some("GOS".into())
        );
    }

    #[test]
    fn gluten_is_left_out_by_wheat_fructans_and_high_fodmap() {
        let book = FoodBook::bundled();
        let out = |s: &str| Factor::parse(s, &book).unwrap().leaves_out_gluten(&book);
        assert!(out("gluten") && out("bread") && out("fructans") && out("high_fodmap"));
        assert!(!out("dairy") && !out("lactose") && !out("nsaid") && !out("rice"));
    }
}
