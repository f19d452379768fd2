//! Food names and what gutlog knows about them: the bundled dictionary
//! (tags, FODMAP groups, dishes and their parts) plus the user's own
//! remembered tags and dish parts, matched case-insensitively and tolerant
//! of plurals.

use super::error::{InputError, InputResult};
use super::names::{normalize_key, unknown};
use super::records::clean_name;
use crate::content::{self, FodmapLevel, FoodInfo};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// All valid tag ids, from `content/foods.json`.
pub fn tag_ids() -> Vec<&'static str> {
    content::foods()
        .tags
        .iter()
        .map(|t| t.id.as_str())
        .collect()
}

/// A tag's name in words ("added sugar" for `added_sugar`), for display.
pub fn tag_name(id: &str) -> String {
    content::foods()
        .tags
        .iter()
        .find(|t| t.id == id)
        .map(|t| {
            // "Added sugar" → "added sugar"; "High FODMAP" keeps its acronym.
            let mut c = t.name.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        })
        .unwrap_or_else(|| id.replace('_', " "))
}

/// Tags as words, comma-separated.
pub fn tag_names(ids: &[String]) -> String {
    ids.iter()
        .map(|t| tag_name(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a tag someone typed and returns its id.
pub fn parse_tag(s: &str) -> InputResult<String> {
    let key = normalize_key(s);
    let ids = tag_ids();
    if ids.contains(&key.as_str()) {
        Ok(key)
    } else {
        Err(unknown("tag", s, &ids))
    }
}

/// The dictionary key of a food name: lower-case, single spaces.
pub fn food_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Singular candidates for a plural word: "onions" → "onion",
/// "berries" → "berry", "tomatoes" → "tomato", "peaches" → "peach".
fn singulars(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = key.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = key.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = key.strip_suffix('s') {
        out.push(stem.to_string());
    }
    out
}

/// One FODMAP group of a food, where it comes from and what decides it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FodmapFact {
    /// `fructans`, `gos`, `lactose`, `excess_fructose`, `sorbitol` or `mannitol`.
    pub group: String,
    pub level: FodmapLevel,
    /// When the serving size (or ripeness, or recipe) decides it.
    pub serving: Option<String>,
    /// Source id (content/sources.json).
    pub source: String,
    /// The food this comes from: the food itself, or one of a dish's parts.
    pub from: String,
}

/// What gutlog knows about one food: the dictionary and the user's own.
#[derive(Debug, Clone, Default)]
struct Facts {
    tags: BTreeSet<String>,
    fodmap: Vec<FodmapFact>,
}

impl Facts {
    fn add(&mut self, other: &Facts) {
        self.tags.extend(other.tags.iter().cloned());
        for f in &other.fodmap {
            if !self
                .fodmap
                .iter()
                .any(|x| x.group == f.group && x.from == f.from)
            {
                self.fodmap.push(f.clone());
            }
        }
    }

    /// The `high_fodmap` tag follows from the groups: one a usual serving has.
    fn derive_high_fodmap(&mut self) {
        if self.fodmap.iter().any(|f| f.level == FodmapLevel::High) {
            self.tags.insert(HIGH_FODMAP.to_string());
        }
    }
}

/// The meal tag every food with a FODMAP group at a usual serving gets.
pub const HIGH_FODMAP: &str = "high_fodmap";
/// How deep parts of parts are followed (a user's dishes may nest).
const MAX_PART_DEPTH: usize = 6;

/// The bundled dictionary, indexed once: names and aliases → food, and each
/// food's tags and FODMAP groups with its parts' folded in.
#[derive(Debug)]
struct Dictionary {
    index: HashMap<String, usize>,
    facts: Vec<Facts>,
}

fn dictionary() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        let foods = &content::foods().foods;
        let mut index = HashMap::new();
        for (i, f) in foods.iter().enumerate() {
            index.insert(food_key(&f.name), i);
            for a in &f.aliases {
                index.insert(food_key(a), i);
            }
        }
        fn resolve(
            i: usize,
            foods: &[FoodInfo],
            index: &HashMap<String, usize>,
            depth: usize,
        ) -> Facts {
            let f = &foods[i];
            let mut facts = Facts {
                tags: f.tags.iter().cloned().collect(),
                fodmap: f
                    .fodmap
                    .iter()
                    .map(|e| FodmapFact {
                        group: e.group.clone(),
                        level: e.level,
                        serving: e.serving.clone(),
                        source: e.source.clone(),
                        from: f.name.clone(),
                    })
                    .collect(),
            };
            if depth < MAX_PART_DEPTH {
                for p in &f.parts {
                    if let Some(&j) = index.get(&food_key(p)) {
                        facts.add(&resolve(j, foods, index, depth + 1));
                    }
                }
            }
            facts.derive_high_fodmap();
            facts
        }
        let facts = (0..foods.len())
            .map(|i| resolve(i, foods, &index, 0))
            .collect();
        Dictionary { index, facts }
    })
}

/// Everything `gutlog food NAME` shows about a food.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoodFacts {
    /// The dictionary's name, or the name as the user logged it.
    pub name: String,
    /// True when the bundled dictionary knows it.
    pub in_dictionary: bool,
    pub aliases: Vec<String>,
    /// Every tag a meal with this food gets.
    pub tags: Vec<String>,
    /// True when the tags are the user's own remembered ones.
    pub your_tags: bool,
    pub fodmap: Vec<FodmapFact>,
    /// The dish's parts (the user's, when they gave some).
    pub parts: Vec<String>,
    pub your_parts: bool,
    /// The source ids behind the FODMAP groups.
    pub sources: Vec<String>,
}

/// Food lookup: the bundled dictionary (names, aliases, dishes and their
/// parts) plus the user's remembered tags and parts for their own foods.
#[derive(Debug, Clone)]
pub struct FoodBook {
    dict: &'static Dictionary,
    user: HashMap<String, Vec<String>>,
    user_parts: HashMap<String, Vec<String>>,
}

impl Default for FoodBook {
    fn default() -> FoodBook {
        FoodBook::bundled()
    }
}

impl FoodBook {
    /// The dictionary alone.
    pub fn bundled() -> FoodBook {
        FoodBook {
            dict: dictionary(),
            user: HashMap::new(),
            user_parts: HashMap::new(),
        }
    }

    /// The dictionary plus the user's remembered tags (food key → tags).
    pub fn with_user_tags(user: impl IntoIterator<Item = (String, Vec<String>)>) -> FoodBook {
        FoodBook::with_user(user, std::iter::empty())
    }

    /// The dictionary plus the user's remembered tags and dish parts.
    pub fn with_user(
        tags: impl IntoIterator<Item = (String, Vec<String>)>,
        parts: impl IntoIterator<Item = (String, Vec<String>)>,
    ) -> FoodBook {
        let mut book = FoodBook::bundled();
        book.user = tags.into_iter().map(|(f, t)| (food_key(&f), t)).collect();
        book.user_parts = parts.into_iter().map(|(f, p)| (food_key(&f), p)).collect();
        book
    }

    fn find<'a, T>(map: &'a HashMap<String, T>, key: &str) -> Option<&'a T> {
        map.get(key)
            .or_else(|| singulars(key).iter().find_map(|s| map.get(s)))
    }

    fn known_index(&self, name: &str) -> Option<usize> {
        Self::find(&self.dict.index, &food_key(name)).copied()
    }

    fn info(&self, name: &str) -> Option<&'static FoodInfo> {
        self.known_index(name).map(|i| &content::foods().foods[i])
    }

    /// The dictionary's canonical name for a food, if it knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.info(name).map(|f| f.name.as_str())
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.known_index(name).is_some()
    }

    /// The user's parts for a dish, if they gave some: found by the name as
    /// typed, or by the dictionary's name for it ("lasagne" → lasagna).
    pub fn user_parts_of(&self, name: &str) -> Option<&[String]> {
        Self::find(&self.user_parts, &food_key(name))
            .or_else(|| {
                self.canonical(name)
                    .and_then(|c| self.user_parts.get(&food_key(c)))
            })
            .map(Vec::as_slice)
    }

    /// The key a dish's parts are remembered under: the dictionary's name
    /// when it knows the dish, else the name as typed.
    pub fn dish_key(&self, name: &str) -> String {
        food_key(self.canonical(name).unwrap_or(name))
    }

    /// Tags and FODMAP groups: the user's parts win over the dictionary's,
    /// and the user's remembered tags win over both (as before parts).
    fn facts(&self, name: &str, depth: usize) -> Facts {
        let key = food_key(name);
        let mut facts = match (self.user_parts_of(name), self.known_index(name)) {
            (Some(parts), _) if depth < MAX_PART_DEPTH => {
                let mut f = Facts::default();
                for p in parts {
                    if food_key(p) != key {
                        f.add(&self.facts(p, depth + 1));
                    }
                }
                f.tags.remove(HIGH_FODMAP);
                f.derive_high_fodmap();
                f
            }
            (_, Some(i)) => self.dict.facts[i].clone(),
            _ => Facts::default(),
        };
        if let Some(tags) = Self::find(&self.user, &key) {
            facts.tags = tags.iter().cloned().collect();
        }
        facts
    }

    /// Tags for one food, sorted: the user's remembered tags win; else a
    /// dish's own tags with its parts' ("cheese sandwich" → dairy, gluten,
    /// high_fodmap); `high_fodmap` when a FODMAP group is high at a usual
    /// serving.
    pub fn tags_of(&self, name: &str) -> Vec<String> {
        self.facts(name, 0).tags.into_iter().collect()
    }

    /// The FODMAP groups of a food, each with where it comes from.
    pub fn fodmap_of(&self, name: &str) -> Vec<FodmapFact> {
        self.facts(name, 0).fodmap
    }

    /// The FODMAP groups a usual serving of these foods has, as analysis
    /// factor ids: `fodmap:fructans`, `fodmap:lactose`, …  Computed from
    /// the foods each time, so meals logged before gutlog knew the groups
    /// count too (their stored tags are never rewritten). Groups that only
    /// some servings have ("depends") are left out.
    pub fn fodmap_factors(&self, foods: &[String]) -> BTreeSet<String> {
        foods
            .iter()
            .flat_map(|f| self.fodmap_of(f))
            .filter(|f| f.level == FodmapLevel::High)
            .map(|f| format!("{FODMAP_FACTOR_PREFIX}{}", f.group))
            .collect()
    }

    /// A dish's direct parts: the user's, else the dictionary's.
    pub fn parts_of(&self, name: &str) -> Vec<String> {
        if let Some(p) = self.user_parts_of(name) {
            return p.to_vec();
        }
        self.info(name).map(|f| f.parts.clone()).unwrap_or_default()
    }

    /// Everything gutlog knows about a food, or None when it knows nothing
    /// (not in the dictionary, and no tags or parts of the user's).
    pub fn describe(&self, name: &str) -> Option<FoodFacts> {
        let key = food_key(name);
        let info = self.info(name);
        let your_tags = Self::find(&self.user, &key).is_some();
        let your_parts = self.user_parts_of(name).is_some();
        if info.is_none() && !your_tags && !your_parts {
            return None;
        }
        let facts = self.facts(name, 0);
        let sources: BTreeSet<String> = facts.fodmap.iter().map(|f| f.source.clone()).collect();
        Some(FoodFacts {
            name: info.map_or(key, |f| f.name.clone()),
            in_dictionary: info.is_some(),
            aliases: info.map(|f| f.aliases.clone()).unwrap_or_default(),
            tags: facts.tags.into_iter().collect(),
            your_tags,
            fodmap: facts.fodmap,
            parts: self.parts_of(name),
            your_parts,
            sources: sources.into_iter().collect(),
        })
    }

    /// Tags inferred for a list of foods, sorted and unique.
    pub fn infer(&self, foods: &[String]) -> Vec<String> {
        let set: BTreeSet<String> = foods.iter().flat_map(|f| self.tags_of(f)).collect();
        set.into_iter().collect()
    }

    /// The dictionary food a misspelt name most likely means ("cofee" →
    /// coffee), if one is close enough to suggest.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let key = food_key(name);
        let foods = &content::foods().foods;
        self.dict
            .index
            .iter()
            .map(|(k, &i)| (strsim::jaro_winkler(&key, k), foods[i].name.as_str()))
            .filter(|(score, _)| *score >= 0.9)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c)
    }

    /// Checks the parts given for a dish (`--parts "bread, cheese"`): each
    /// must be a food gutlog knows (the dictionary's, or one of the user's
    /// own), and the dish cannot be its own part. Returns the parts by
    /// their dictionary names where there is one.
    pub fn parse_parts(&self, dish: &str, input: &str) -> InputResult<Vec<String>> {
        let parts = split_foods(input);
        if parts.is_empty() {
            return Err(InputError::new(
                "no parts given; list them comma-separated, e.g. --parts \"bread, cheese\"",
            ));
        }
        let dish_key = food_key(dish);
        let mut out: Vec<String> = Vec::new();
        for p in &parts {
            let name = clean_name("part", p)?;
            if food_key(&name) == dish_key {
                return Err(InputError::new(format!(
                    "'{name}' cannot be a part of itself; list what it is made of"
                )));
            }
            let known = self.is_known(&name)
                || Self::find(&self.user, &food_key(&name)).is_some()
                || Self::find(&self.user_parts, &food_key(&name)).is_some();
            if !known {
                let hint = self
                    .suggest(&name)
                    .map(|s| format!(" (did you mean '{s}'?)"))
                    .unwrap_or_default();
                return Err(InputError::new(format!(
                    "the part '{name}' is not a food gutlog knows{hint}; use foods from `gutlog food NAME`, or log that food with --tag first"
                )));
            }
            let name = self.canonical(&name).map_or(name, str::to_string);
            if !out.iter().any(|o| food_key(o) == food_key(&name)) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Foods (names and aliases, plus the user's) starting with `prefix`, for completion.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<String> {
        let p = food_key(prefix);
        if p.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<String> = self
            .dict
            .index
            .keys()
            .chain(self.user.keys())
            .chain(self.user_parts.keys())
            .filter(|k| k.starts_with(&p))
            .cloned()
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        v.sort_by_key(|s| (s.len(), s.clone()));
        v.truncate(limit);
        v
    }
}

/// Factor ids for FODMAP groups start with this: `fodmap:fructans`.
pub const FODMAP_FACTOR_PREFIX: &str = "fodmap:";

/// Splits "pasta, Parmesan ,  salad" into trimmed, non-empty names.
pub fn split_foods(input: &str) -> Vec<String> {
    input
        .split(',')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Final tags of a meal: inferred from foods, plus `add`, minus `remove`.
pub fn meal_tags(
    book: &FoodBook,
    foods: &[String],
    add: &[String],
    remove: &[String],
) -> Vec<String> {
    let mut set: BTreeSet<String> = book.infer(foods).into_iter().collect();
    set.extend(add.iter().cloned());
    for r in remove {
        set.remove(r);
    }
    set.into_iter().collect()
}

/// Tags to remember for foods the dictionary does not know, when the user
/// changed a meal's inferred tags by `add`ing or `remove`ing some: each
/// unknown food gets its current tags with the change applied.
pub fn tags_to_remember(
    book: &FoodBook,
    foods: &[String],
    add: &[String],
    remove: &[String],
) -> Vec<(String, Vec<String>)> {
    if add.is_empty() && remove.is_empty() {
        return Vec::new();
    }
    foods
        .iter()
        .filter(|f| !book.is_known(f))
        .map(|f| {
            let mut t = book.tags_of(f);
            t.extend(add.iter().cloned());
            t.retain(|x| !remove.contains(x));
            t.sort();
            t.dedup();
            (food_key(f), t)
        })
        .collect()
}
