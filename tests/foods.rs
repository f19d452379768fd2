//! The food dictionary's facts (issue 10), dishes known by their parts, the
//! user's own dishes, FODMAP groups as analysis factors, and `gutlog food`.

mod common;

use common::Diary;
use gutlog::content::FodmapLevel;
use gutlog::domain::food::FoodBook;
use std::collections::BTreeSet;

fn tags(book: &FoodBook, food: &str) -> Vec<String> {
    book.tags_of(food)
}

fn groups(book: &FoodBook, food: &str) -> BTreeSet<String> {
    book.fodmap_of(food).into_iter().map(|f| f.group).collect()
}

fn has_tag(book: &FoodBook, food: &str, tag: &str) -> bool {
    tags(book, food).iter().any(|t| t == tag)
}

#[test]
fn wheat_rye_and_barley_foods_have_fructans_as_well_as_gluten() {
    let book = FoodBook::bundled();
    for food in [
        "bread",
        "toast",
        "pasta",
        "spaghetti",
        "rye bread",
        "couscous",
        "barley",
    ] {
        assert!(has_tag(&book, food, "gluten"), "{food} lacks gluten");
        assert!(
            groups(&book, food).contains("fructans"),
            "{food} lacks fructans"
        );
        assert!(
            has_tag(&book, food, "high_fodmap"),
            "{food} lacks high_fodmap"
        );
    }
}

#[test]
fn soft_dairy_foods_are_marked_for_lactose_and_hard_cheese_is_not() {
    let book = FoodBook::bundled();
    for food in [
        "yogurt",
        "yoghurt",
        "ice cream",
        "cottage cheese",
        "cream cheese",
        "milk",
    ] {
        assert!(
            groups(&book, food).contains("lactose"),
            "{food} lacks lactose"
        );
        assert!(has_tag(&book, food, "dairy"), "{food} lacks dairy");
    }
    assert!(!groups(&book, "cheddar").contains("lactose"));
    assert!(!groups(&book, "lactose-free milk").contains("lactose"));
}

#[test]
fn sugar_free_gum_is_marked_as_a_polyol() {
    let book = FoodBook::bundled();
    let g = groups(&book, "sugar-free gum");
    assert!(g.contains("sorbitol") && g.contains("mannitol"), "{g:?}");
    let note = book.fodmap_of("sugar free gum")[0].serving.clone().unwrap();
    assert!(note.contains("polyols"), "{note}");
}

#[test]
fn avocado_and_chickpeas_say_the_serving_size_decides_it() {
    let book = FoodBook::bundled();
    for food in ["avocado", "chickpeas", "lentils"] {
        let facts = book.fodmap_of(food);
        assert!(!facts.is_empty(), "{food}");
        let note = facts[0].serving.as_deref().unwrap_or("");
        assert!(note.contains("serving size decides it"), "{food}: {note}");
    }
    // A group only some servings have is shown, but is not counted as high.
    let banana = book.fodmap_of("banana");
    assert_eq!(banana[0].level, FodmapLevel::Depends);
    assert!(!has_tag(&book, "banana", "high_fodmap"));
}

#[test]
fn dishes_are_known_by_their_parts() {
    let book = FoodBook::bundled();
    assert_eq!(book.parts_of("cheese sandwich"), vec!["bread", "cheese"]);
    let t = tags(&book, "cheese sandwich");
    for tag in ["dairy", "gluten", "high_fodmap"] {
        assert!(
            t.iter().any(|x| x == tag),
            "cheese sandwich lacks {tag}: {t:?}"
        );
    }
    let fructans = book
        .fodmap_of("Cheese Sandwiches")
        .into_iter()
        .find(|f| f.group == "fructans")
        .expect("fructans from the bread");
    assert_eq!(fructans.from, "bread");

    assert_eq!(
        book.parts_of("garlic bread"),
        vec!["bread", "garlic", "butter"]
    );
    assert!(has_tag(&book, "garlic bread", "gluten") && has_tag(&book, "garlic bread", "dairy"));

    let expect: [(&str, &[&str], &[&str]); 7] = [
        ("pizza", &["gluten", "dairy"], &["fructans"]),
        ("lasagne", &["gluten", "dairy"], &["fructans", "lactose"]),
        ("burrito", &["gluten", "dairy"], &["fructans", "gos"]),
        ("ramen", &["gluten"], &["fructans"]),
        ("curry", &["spicy"], &["fructans"]),
        ("porridge with milk", &["dairy", "whole_food"], &["lactose"]),
        ("latte", &["caffeine", "dairy"], &["lactose"]),
    ];
    for (dish, want_tags, want_groups) in expect {
        assert!(!book.parts_of(dish).is_empty(), "{dish} has no parts");
        for t in want_tags {
            assert!(has_tag(&book, dish, t), "{dish} lacks tag {t}");
        }
        for g in want_groups {
            assert!(groups(&book, dish).contains(*g), "{dish} lacks {g}");
        }
    }
}

#[test]
fn fodmap_groups_become_factors_computed_from_the_foods() {
    let book = FoodBook::bundled();
    let foods = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let got = book.fodmap_factors(&foods(&["cheese sandwich", "apple", "banana", "rice"]));
    let want: BTreeSet<String> = [
        "fodmap:fructans",
        "fodmap:excess_fructose",
        "fodmap:sorbitol",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(got, want, "banana (depends) and rice add nothing");
    assert!(book.fodmap_factors(&foods(&["rice", "chicken"])).is_empty());
}

#[test]
fn a_users_own_dish_takes_its_parts_and_cannot_loop() {
    let user_parts = vec![
        (
            "my stew".to_string(),
            vec!["beef".to_string(), "onion".to_string()],
        ),
        // A dictionary dish described differently by the user: theirs wins.
        (
            "lasagna".to_string(),
            vec!["gluten-free pasta".to_string(), "cheese".to_string()],
        ),
        // A loop must not hang or overflow.
        ("a".to_string(), vec!["b".to_string()]),
        ("b".to_string(), vec!["a".to_string(), "rice".to_string()]),
    ];
    let book = FoodBook::with_user(Vec::new(), user_parts);
    assert!(groups(&book, "my stew").contains("fructans"));
    assert!(has_tag(&book, "My Stews", "whole_food"));
    assert!(
        !has_tag(&book, "lasagne", "gluten"),
        "{:?}",
        tags(&book, "lasagne")
    );
    assert!(has_tag(&book, "lasagne", "dairy"));
    assert!(has_tag(&book, "a", "whole_food"));
    // Parts must be foods gutlog knows, with a did-you-mean.
    let err = book.parse_parts("toastie", "bread, chese").unwrap_err().0;
    assert!(err.contains("did you mean 'cheese'"), "{err}");
    assert!(book.parse_parts("toastie", "toastie").is_err());
    assert!(book.parse_parts("toastie", " , ").is_err());
    assert_eq!(
        book.parse_parts("toastie", "Bread, my stew").unwrap(),
        vec!["bread", "my stew"]
    );
}

#[test]
fn log_meal_parts_are_remembered_exported_and_imported() {
    let d = Diary::new();
    let out = d.ok(&[
        "log",
        "meal",
        "nan's pie",
        "--parts",
        "puff pastry, beef, onion",
    ]);
    assert!(
        out.contains("Remembered 'nan's pie' as made of puff pastry, beef, onion"),
        "{out}"
    );
    assert!(
        out.contains("gluten") && out.contains("high FODMAP"),
        "{out}"
    );
    // Remembered: next time the dish alone gets the same tags, no hint.
    let out = d.ok(&["log", "meal", "Nan's Pies", "--at", "12:00"]);
    assert!(
        out.contains("gluten") && !out.contains("does not know"),
        "{out}"
    );
    let ex = d.export();
    assert_eq!(ex["food_parts"][0]["food"], "nan's pie");
    assert_eq!(
        ex["food_parts"][0]["parts"],
        serde_json::json!(["puff pastry", "beef", "onion"])
    );
    // Into a fresh diary, and `gutlog food` knows it there.
    let other = Diary::new();
    let file = d.dir.path().join("x.json");
    std::fs::write(&file, serde_json::to_string(&ex).unwrap()).unwrap();
    other.ok(&["import", file.to_str().unwrap()]);
    let shown = other.ok(&["food", "nan's pie"]);
    assert!(
        shown.contains("Made of: puff pastry, beef, onion (as you described it)"),
        "{shown}"
    );
    assert_eq!(other.export(), ex, "export → import → export is identical");
}

#[test]
fn bad_parts_are_refused_and_change_nothing() {
    let d = Diary::new();
    d.ok(&["log", "meal", "rice"]);
    let before = d.bytes();
    let err = d.fails(&["log", "meal", "toastie", "--parts", "bread, chese"], 2);
    assert!(err.contains("did you mean 'cheese'"), "{err}");
    let err = d.fails(&["log", "meal", "toastie, tea", "--parts", "bread"], 2);
    assert!(err.contains("one dish"), "{err}");
    assert_eq!(d.bytes(), before);
}

#[test]
fn gutlog_food_shows_tags_groups_parts_and_sources() {
    let d = Diary::new();
    let out = d.ok(&["food", "cheese sandwich"]);
    for want in [
        "cheese sandwich (a dish in gutlog's food dictionary)",
        "Made of: bread, cheese",
        "Gluten (gluten)",
        "Dairy (dairy)",
        "Fructans (fodmap:fructans), from bread [Monash FODMAP]",
        "https://www.monashfodmap.com/about-fodmap-and-ibs/",
        "coeliac",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let out = d.ok(&["food", "avocado"]);
    assert!(out.contains("serving size decides it"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&d.ok(&["food", "yogurt", "--json"])).unwrap();
    assert_eq!(json["food"]["name"], "yogurt");
    assert_eq!(json["food"]["fodmap"][0]["group"], "lactose");
    assert_eq!(json["sources"][0]["id"], "monash-fodmap");
    assert!(json["coeliac_first"].is_null());
    // Unknown: exit 2, a did-you-mean, nothing written.
    let err = d.fails(&["food", "chese sandwch"], 2);
    assert!(err.contains("did you mean 'cheese sandwich'"), "{err}");
}

#[test]
fn meals_logged_before_keep_their_stored_tags() {
    let d = Diary::new();
    // A v1-era export: bread stored with gluten only.
    let text = serde_json::json!({
        "format": "gutlog", "version": 1,
        "meals": [{"id": "old-1", "at": "2026-11-01T08:00:00", "slot": "breakfast",
                   "foods": ["bread"], "tags": ["gluten"], "note": null}]
    });
    let file = d.dir.path().join("old.json");
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let ex = d.export();
    assert_eq!(
        ex["meals"][0]["tags"],
        serde_json::json!(["gluten"]),
        "not rewritten"
    );
    // The new knowledge applies when the analysis runs, from the foods.
    let factors = FoodBook::bundled().fodmap_factors(&["bread".to_string()]);
    assert!(factors.contains("fodmap:fructans"));
}

#[test]
fn logging_rifaximin_says_it_is_also_a_treatment() {
    let d = Diary::new();
    let out = d.ok(&["log", "intake", "rifaximin"]);
    assert!(out.contains("(antibiotic)"), "{out}");
    assert!(out.contains("treatment for IBS with diarrhoea"), "{out}");
    assert!(out.contains("[ACG 2021; Pimentel 2011]"), "{out}");
}

#[test]
fn report_says_coeliac_testing_first_when_gluten_is_a_suspect() {
    // 28 days: toast (gluten) on even days, each followed by bloating;
    // rice on odd days, without.
    let d = Diary::new();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut meals = Vec::new();
    let mut symptoms = Vec::new();
    for i in 0..28 {
        let day = end - chrono::Duration::days(i);
        let gluten = i % 2 == 0;
        meals.push(serde_json::json!({
            "at": format!("{day}T12:00:00"), "slot": "lunch",
            "foods": [if gluten { "toast" } else { "rice" }],
        }));
        symptoms.push(serde_json::json!({
            "at": format!("{day}T20:00:00"), "symptom": "bloating",
            "severity": if gluten { 3 } else { 0 },
        }));
    }
    let text = serde_json::json!({"format": "gutlog", "version": 1,
        "meals": meals, "symptoms": symptoms});
    let file = d.dir.path().join("g.json");
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&d.ok(&["report", "--json"])).unwrap();
    let factors: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["factor"].as_str().unwrap())
        .collect();
    // Toast is bread: the finding names bread, or gluten, or both together.
    assert!(
        factors
            .iter()
            .any(|f| *f == "food:bread" || *f == "tag:gluten"),
        "{factors:?}"
    );
    assert!(
        v["coeliac_first"]["text"]
            .as_str()
            .unwrap()
            .contains("tested for coeliac disease"),
        "{}",
        v["coeliac_first"]
    );
    let text = d.ok(&["report"]);
    assert!(
        text.contains("Leaving out a suspect above would also leave out gluten:"),
        "{text}"
    );
    // Without gluten in the findings, the key is there but null.
    let plain = Diary::new();
    let v: serde_json::Value = serde_json::from_str(&plain.ok(&["report", "--json"])).unwrap();
    assert!(v["coeliac_first"].is_null());
}

#[test]
fn report_says_coeliac_testing_first_when_fructans_are_a_suspect() {
    // Leaving out fructans (or high-FODMAP foods) leaves out wheat, rye and
    // barley too, so the note follows the one rule experiments use
    // (Factor::leaves_out_gluten), not only the gluten tag. Onion has
    // fructans and no gluten: 28 days, onion on even days followed by
    // bloating, rice on odd days without.
    let d = Diary::new();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut meals = Vec::new();
    let mut symptoms = Vec::new();
    for i in 0..28 {
        let day = end - chrono::Duration::days(i);
        let onion = i % 2 == 0;
        meals.push(serde_json::json!({
            "at": format!("{day}T12:00:00"), "slot": "lunch",
            "foods": [if onion { "onion" } else { "rice" }],
        }));
        symptoms.push(serde_json::json!({
            "at": format!("{day}T20:00:00"), "symptom": "bloating",
            "severity": if onion { 3 } else { 0 },
        }));
    }
    let text = serde_json::json!({"format": "gutlog", "version": 1,
        "meals": meals, "symptoms": symptoms});
    let file = d.dir.path().join("f.json");
    std::fs::write(&file, text.to_string()).unwrap();
    d.ok(&["import", file.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&d.ok(&["report", "--json"])).unwrap();
    let factors: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            std::iter::once(f["factor"].clone())
                .chain(f["together_with"].as_array().unwrap().iter().cloned())
        })
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert!(
        factors.iter().any(|f| f == "fodmap:fructans"),
        "{factors:?}"
    );
    // No gluten by the tag or a food: only the fructans rule can bring it.
    let book = FoodBook::bundled();
    assert!(factors.iter().all(|f| f != "tag:gluten"
        && !f
            .strip_prefix("food:")
            .is_some_and(|food| has_tag(&book, food, "gluten"))));
    assert_eq!(
        v["coeliac_first"]["text"],
        gutlog::content::notes().coeliac_first.text.as_str(),
        "{}",
        v["coeliac_first"]
    );
    let text = d.ok(&["report"]);
    assert!(
        text.contains(&gutlog::content::notes().coeliac_first.text[..40]),
        "{text}"
    );
}
