//! The bundled content: every file parses, and the seed guide's facts are
//! all carried over (asserted on facts, not whole sentences).

use gutlog::content;
use std::collections::HashSet;

fn body(id: &str) -> String {
    content::guide()
        .section(id)
        .unwrap_or_else(|| panic!("guide section {id} missing"))
        .body
        .to_lowercase()
}

fn has_all(id: &str, facts: &[&str]) {
    let text = body(id);
    for f in facts {
        assert!(text.contains(&f.to_lowercase()), "section {id} lacks {f:?}");
    }
}

#[test]
fn every_file_parses() {
    for (name, text) in content::FILES {
        serde_json::from_str::<serde_json::Value>(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // And into its typed form.
    assert!(!content::guide().sections.is_empty());
    assert!(!content::symptoms().symptoms.is_empty());
    assert_eq!(content::bristol().types.len(), 7);
    assert!(!content::red_flags().flags.is_empty());
    assert!(!content::foods().foods.is_empty());
    assert_eq!(content::plan().days.len(), 7);
    assert_eq!(content::intakes().kinds.len(), 7);
    assert!(!content::app_text().welcome.is_empty());
}

#[test]
fn the_guide_has_every_seed_section_plus_doctor_and_about() {
    let ids: Vec<&str> = content::guide()
        .sections
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    for id in [
        "about",
        "what-is-it",
        "causes",
        "symptoms",
        "why-it-matters",
        "myths",
        "healing-steps",
        "expert-view",
        "tools-and-habits",
        "faq",
        "stories",
        "mistakes",
        "quick-start-plan",
        "conclusion",
        "see-a-doctor",
    ] {
        assert!(ids.contains(&id), "missing section {id}");
    }
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "section ids are unique");
}

#[test]
fn the_guide_carries_the_seeds_facts() {
    has_all("about", &["not", "diagnosis"]);
    has_all(
        "what-is-it",
        &["intestinal permeability", "bloodstream", "inflammation"],
    );
    has_all(
        "causes",
        &[
            "processed",
            "sugar",
            "alcohol",
            "preservatives",
            "stress",
            "nsaid",
            "ibuprofen",
            "antibiotics",
            "antacids",
            "dysbiosis",
            "gluten",
            "dairy",
            "candida",
            "sibo",
        ],
    );
    has_all(
        "symptoms",
        &[
            "bloating",
            "gas",
            "diarrh",
            "constipation",
            "heartburn",
            "fatigue",
            "brain fog",
            "acne",
            "eczema",
            "rash",
            "joint",
            "muscle",
            "headache",
            "migraine",
            "cold",
            "chills",
        ],
    );
    has_all(
        "why-it-matters",
        &["70", "80", "immune", "serotonin", "absor"],
    );
    has_all("myths", &["celiac", "crohn", "quick fix", "permeability"]);
    has_all(
        "healing-steps",
        &[
            "bone broth",
            "kimchi",
            "sauerkraut",
            "yogurt",
            "asparagus",
            "garlic",
            "onion",
            "olive oil",
            "avocado",
            "probiotic",
            "mindfulness",
            "l-glutamine",
            "zinc carnosine",
            "collagen",
            "slippery elm",
            "dgl",
            "sleep",
            "water",
        ],
    );
    has_all(
        "tools-and-habits",
        &[
            "food journal",
            "deep breathing",
            "10",
            "cfu",
            "enzyme",
            "stool test",
        ],
    );
    has_all("faq", &["gluten", "dairy", "weeks", "months"]);
    has_all("stories", &["sara", "john", "illustrat"]);
    has_all(
        "mistakes",
        &[
            "stress",
            "supplement",
            "variety",
            "sleep",
            "water",
            "patien",
            "pills",
        ],
    );
    has_all("quick-start-plan", &["7"]);
    has_all(
        "see-a-doctor",
        &[
            "blood",
            "black",
            "weight loss",
            "night",
            "vomiting",
            "swallowing",
            "fever",
        ],
    );
}

#[test]
fn the_guide_follows_the_owners_rules() {
    let all: String = content::guide()
        .sections
        .iter()
        .map(|s| s.body.clone())
        .collect();
    assert!(
        !all.contains("Recent studies"),
        "the seed's empty studies line is left out"
    );
    let expert = &content::guide().section("expert-view").unwrap().body;
    for q in ['“', '”', '"'] {
        assert!(!expert.contains(q), "no quotation of the named doctor");
    }
    // No sentence of the seed is copied: no 8-word run in common.
    let seed_words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    };
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/leaky-gut-guide.txt"
    ));
    if let Ok(seed) = seed {
        let sw = seed_words(&seed);
        let runs: HashSet<String> = sw.windows(8).map(|w| w.join(" ")).collect();
        for (name, text) in content::FILES {
            let w = seed_words(text);
            for run in w.windows(8) {
                assert!(
                    !runs.contains(&run.join(" ")),
                    "{name} copies the seed: {}",
                    run.join(" ")
                );
            }
        }
    }
}

#[test]
fn symptoms_are_the_guides_list() {
    let ids: Vec<&str> = content::symptoms()
        .symptoms
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        ids,
        vec![
            "bloating",
            "gas",
            "diarrhea",
            "constipation",
            "heartburn",
            "abdominal_pain",
            "fatigue",
            "brain_fog",
            "skin_flare",
            "joint_pain",
            "muscle_aches",
            "headache",
            "cold_chills"
        ]
    );
    let words: Vec<&str> = content::symptoms()
        .severities
        .iter()
        .map(|s| s.word.as_str())
        .collect();
    assert_eq!(words, vec!["none", "mild", "moderate", "severe"]);
}

#[test]
fn the_plan_has_seven_days_and_six_habits() {
    let plan = content::plan();
    let days: Vec<u8> = plan.days.iter().map(|d| d.day).collect();
    assert_eq!(days, (1..=7).collect::<Vec<_>>());
    let text = |d: u8| {
        let d = plan.day(d).unwrap();
        format!("{} {} {} {}", d.title, d.action, d.why, d.tips.join(" ")).to_lowercase()
    };
    for (day, facts) in [
        (1, &["sugar", "processed", "alcohol"][..]),
        (2, &["journal"][..]),
        (3, &["fermented"][..]),
        (4, &["stress"][..]),
        (5, &["prebiotic"][..]),
        (6, &["sleep", "7"][..]),
        (7, &["reflect"][..]),
    ] {
        for f in facts {
            assert!(text(day).contains(f), "day {day} lacks {f}");
        }
    }
    let habits: Vec<&str> = plan.habits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        habits,
        vec![
            "remove_irritants",
            "healing_foods",
            "support_microbiome",
            "reduce_stress",
            "soothe_lining",
            "hydration_sleep"
        ]
    );
}

#[test]
fn red_flags_each_say_see_a_doctor() {
    let ids: Vec<&str> = content::red_flags()
        .flags
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        ids,
        vec![
            "blood_in_stool",
            "weight_loss",
            "night_symptoms",
            "persistent_vomiting",
            "difficulty_swallowing",
            "fever"
        ]
    );
    for f in &content::red_flags().flags {
        assert!(f.guidance.to_lowercase().contains("doctor"), "{}", f.id);
    }
}

#[test]
fn the_food_dictionary_is_large_consistent_and_uses_the_tag_vocabulary() {
    let foods = content::foods();
    assert!(foods.foods.len() >= 150, "only {} foods", foods.foods.len());
    let tags: HashSet<&str> = foods.tags.iter().map(|t| t.id.as_str()).collect();
    for t in [
        "gluten",
        "dairy",
        "added_sugar",
        "alcohol",
        "processed",
        "additives",
        "caffeine",
        "fried",
        "spicy",
        "high_fodmap",
        "fermented",
        "prebiotic",
        "bone_broth",
        "healthy_fat",
        "whole_food",
    ] {
        assert!(tags.contains(t), "tag {t} missing");
    }
    let mut names = HashSet::new();
    for f in &foods.foods {
        assert!(!f.tags.is_empty(), "{} has no tags", f.name);
        for t in &f.tags {
            assert!(tags.contains(t.as_str()), "{} has unknown tag {t}", f.name);
        }
        for n in std::iter::once(&f.name).chain(&f.aliases) {
            assert!(names.insert(n.to_lowercase()), "{n} appears twice");
        }
    }
}

#[test]
fn food_matching_is_case_insensitive_and_tolerates_plurals() {
    use gutlog::domain::food::FoodBook;
    let book = FoodBook::bundled();
    assert_eq!(book.canonical("Onions"), Some("onion"));
    assert_eq!(book.canonical("BLUEBERRIES"), Some("blueberry"));
    assert!(book.tags_of("yoghurt").contains(&"fermented".to_string()));
    assert!(book.tags_of("Kimchi").contains(&"fermented".to_string()));
    assert!(book.tags_of("bread").contains(&"gluten".to_string()));
    assert!(book.tags_of("unobtainium").is_empty());
    assert_eq!(book.suggest("cofee"), Some("coffee"));
    assert_eq!(book.suggest("brocoli"), Some("broccoli"));
    assert_eq!(book.suggest("unobtainium"), None);
}

#[test]
fn intakes_know_the_guides_medicines_and_supplements() {
    use gutlog::domain::IntakeKind;
    assert_eq!(IntakeKind::guess("Ibuprofen"), Some(IntakeKind::Nsaid));
    assert_eq!(
        IntakeKind::guess("amoxicillin"),
        Some(IntakeKind::Antibiotic)
    );
    assert_eq!(IntakeKind::guess("omeprazole"), Some(IntakeKind::Antacid));
    for s in [
        "l-glutamine",
        "zinc carnosine",
        "collagen",
        "slippery elm",
        "dgl",
    ] {
        assert_eq!(IntakeKind::guess(s), Some(IntakeKind::Supplement), "{s}");
    }
}

#[test]
fn bristol_types_have_descriptions() {
    for t in 1..=7u8 {
        let b = content::bristol().get(t).unwrap();
        assert!(!b.description.is_empty() && !b.meaning.is_empty());
    }
}
