//! Food names and their tags: the bundled dictionary plus the user's own
//! remembered tags, matched case-insensitively and tolerant of plurals.

use super::error::InputResult;
use super::names::{normalize_key, unknown};
use crate::content;
use std::collections::{BTreeSet, HashMap};

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

/// Food lookup: the bundled dictionary (names and aliases) and the user's
/// remembered tags for foods the dictionary does not know.
#[derive(Debug, Clone, Default)]
pub struct FoodBook {
    known: HashMap<String, (String, Vec<String>)>,
    user: HashMap<String, Vec<String>>,
}

impl FoodBook {
    /// The dictionary alone.
    pub fn bundled() -> FoodBook {
        let mut known = HashMap::new();
        for f in &content::foods().foods {
            let entry = (f.name.clone(), f.tags.clone());
            known.insert(food_key(&f.name), entry.clone());
            for a in &f.aliases {
                known.insert(food_key(a), entry.clone());
            }
        }
        FoodBook {
            known,
            user: HashMap::new(),
        }
    }

    /// The dictionary plus the user's remembered tags (food key → tags).
    pub fn with_user_tags(user: impl IntoIterator<Item = (String, Vec<String>)>) -> FoodBook {
        let mut book = FoodBook::bundled();
        book.user = user.into_iter().map(|(f, t)| (food_key(&f), t)).collect();
        book
    }

    fn find<'a, T>(map: &'a HashMap<String, T>, key: &str) -> Option<&'a T> {
        map.get(key)
            .or_else(|| singulars(key).iter().find_map(|s| map.get(s)))
    }

    /// The dictionary's canonical name for a food, if it knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        Self::find(&self.known, &food_key(name)).map(|(n, _)| n.as_str())
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.canonical(name).is_some()
    }

    /// Tags for one food: the user's remembered tags win over the dictionary.
    pub fn tags_of(&self, name: &str) -> Vec<String> {
        let key = food_key(name);
        if let Some(tags) = Self::find(&self.user, &key) {
            return tags.clone();
        }
        Self::find(&self.known, &key)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
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
        self.known
            .iter()
            .map(|(k, (canonical, _))| (strsim::jaro_winkler(&key, k), canonical.as_str()))
            .filter(|(score, _)| *score >= 0.9)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, c)| c)
    }

    /// Foods (names and aliases, plus the user's) starting with `prefix`, for completion.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<String> {
        let p = food_key(prefix);
        if p.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<String> = self
            .known
            .keys()
            .chain(self.user.keys())
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
