//! Meals in few keys: the offered meal and time, the slot that follows a
//! typed time, slot keys with usual times, the forgiving time field,
//! completion that never replaces a known food, every unknown food listed
//! and marked, repeat and copy-yesterday, and the one meal-building rule.

mod support;

use gutlog::tui::forms::MealField;
use gutlog::tui::rows::Row;
use gutlog::tui::state::Modal;
use support::{focus, press, press_at, screen, words, Diary};

fn hm(t: chrono::NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn form(app: &gutlog::tui::App) -> &gutlog::tui::forms::MealForm {
    match &app.state.modal {
        Some(Modal::Meal(f)) => f,
        other => panic!("no meal form open: {other:?}"),
    }
}

#[test]
fn the_slot_follows_the_typed_time_until_one_is_picked() {
    let d = Diary::new();
    let mut app = d.app(); // 20:30
    press(&mut app, "<Esc>atoast<Up>");
    for (typed, slot) in [
        ("7", "breakfast"),
        ("1230", "lunch"),
        ("4pm", "snack"),
        ("19", "dinner"),
    ] {
        press(&mut app, &format!("<C-u>{typed}"));
        assert_eq!(form(&app).slot.as_str(), slot, "{typed}");
    }
    // Picked by hand, the slot stays whatever time is typed.
    press(&mut app, "<C-l>");
    press(&mut app, "<C-u>7<Enter>");
    let m = &d.today().meals[0];
    assert_eq!((m.slot.as_str(), hm(m.at).as_str()), ("lunch", "07:00"));
}

#[test]
fn a_slot_picked_by_hand_takes_its_usual_time_unless_it_is_now() {
    let d = Diary::with_history(); // usually 08:00, 12:30, 19:30
    let mut app = d.app_at("21:30");
    press_at(&mut app, "21:30", "a");
    press_at(&mut app, "21:30", "<C-l>");
    assert_eq!(form(&app).time.text(), "12:30");
    press_at(&mut app, "21:30", "<M-d>"); // Alt works where Ctrl is taken (tmux)
    assert_eq!(form(&app).time.text(), "19:30");
    press_at(&mut app, "21:30", "<C-b>");
    assert_eq!(form(&app).time.text(), "08:00");
    press_at(&mut app, "21:30", "oats<Enter>");
    // Within 90 minutes of the usual time, the meal is happening now.
    press_at(&mut app, "20:10", "<Esc>a<C-d>");
    assert_eq!(form(&app).time.text(), "20:10");
    press_at(&mut app, "20:10", "soup<Enter>");
    let meals = d.today().meals;
    let got: Vec<(String, String)> = meals
        .iter()
        .map(|m| (m.slot.as_str().into(), hm(m.at)))
        .collect();
    assert_eq!(
        got,
        vec![
            ("breakfast".into(), "08:00".into()),
            ("dinner".into(), "20:10".into())
        ]
    );
}

#[test]
fn the_time_field_reads_every_way_of_typing_a_time() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>");
    let cases = [
        ("8", "08:00"),
        ("830", "08:30"),
        ("0830", "08:30"),
        ("8:30", "08:30"),
        ("20:30", "20:30"),
        ("8pm", "20:00"),
        ("8:30am", "08:30"),
    ];
    for (typed, _) in cases {
        // Typing replaces the offered time; Esc closes the next meal offered.
        press(&mut app, &format!("arice<Up>{typed}<Enter><Esc>"));
    }
    let times: Vec<String> = d.today().meals.iter().map(|m| hm(m.at)).collect();
    let mut want: Vec<String> = cases.iter().map(|(_, w)| w.to_string()).collect();
    want.sort();
    assert_eq!(times, want);
}

#[test]
fn ctrl_u_clears_the_field() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>apasta, parmesan<C-u>rice<Enter>");
    assert_eq!(d.today().meals[0].foods, vec!["rice"]);
}

#[test]
fn completion_never_replaces_a_known_food_and_tab_takes_a_did_you_mean() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>akimchi, rice<Tab>");
    assert_eq!(form(&app).foods.text(), "kimchi, rice", "not 'rice noodle'");
    assert_eq!(form(&app).focus, MealField::Tags, "Tab moved on");
    press(&mut app, "<Up>, cofee");
    assert!(screen(&app, 80, 24).contains("Tab: coffee (did you mean?)"));
    press(&mut app, "<Tab>");
    assert_eq!(form(&app).foods.text(), "kimchi, rice, coffee");
    press(&mut app, "<Enter>");
    assert_eq!(d.today().meals[0].foods, vec!["kimchi", "rice", "coffee"]);
}

#[test]
fn every_unknown_food_is_listed_before_saving_and_marked_in_today() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>amystery stew, cofee, apple");
    let shown = words(&app, 80, 24);
    assert!(
        shown.contains("Not in the food list: 'mystery stew', 'cofee' (did you mean 'coffee'?)"),
        "{shown}"
    );
    press(&mut app, "<Enter><Esc>");
    let shown = screen(&app, 200, 60);
    assert!(shown.contains("mystery stew?, cofee?, apple  ["), "{shown}");
}

#[test]
fn the_form_offers_each_meal_not_logged_yet_at_its_usual_time() {
    let d = Diary::with_history();
    let mut app = d.app_at("21:30");
    press_at(&mut app, "21:30", "a");
    assert_eq!(
        (form(&app).slot.as_str(), form(&app).time.text()),
        ("breakfast", "08:00")
    );
    // Saving it offers the next one; Esc closes that quietly.
    press_at(&mut app, "21:30", "oats<Enter>");
    assert_eq!(
        (form(&app).slot.as_str(), form(&app).time.text()),
        ("lunch", "12:30")
    );
    press_at(&mut app, "21:30", "<Esc>");
    assert!(screen(&app, 80, 24).contains("Saved: breakfast at 08:00: oats"));
    press_at(&mut app, "21:30", "a");
    assert_eq!(form(&app).slot.as_str(), "lunch");
    // A slot picked by hand does not start the chain.
    press_at(&mut app, "21:30", "<C-d>pasta<Enter>");
    assert!(app.state.modal.is_none());
    let slots: Vec<&str> = d.today().meals.iter().map(|m| m.slot.as_str()).collect();
    assert_eq!(slots, vec!["breakfast", "dinner"]);
}

#[test]
fn repeat_opens_the_meal_form_filled_in() {
    let d = Diary::with_history();
    let mut app = d.app_at("21:30");
    press_at(&mut app, "21:30", "r");
    let picked = app.state.recent_meals[0].clone(); // yesterday's dinner
    press_at(&mut app, "21:30", "<Enter>");
    let f = form(&app);
    assert_eq!(f.slot, picked.slot);
    assert_eq!(f.foods.text(), picked.foods.join(", "));
    assert_eq!(f.time.text(), "19:30", "the slot's usual time");
    press_at(&mut app, "21:30", "<End>, garlic<Enter>");
    let m = d.today().meals.pop().unwrap();
    let mut foods = picked.foods.clone();
    foods.push("garlic".into());
    assert_eq!(m.foods, foods);
    assert_eq!(hm(m.at), "19:30");
}

#[test]
fn copy_yesterdays_meal_in_the_same_slot() {
    let d = Diary::with_history();
    let yesterday = support::clock().today() - chrono::Duration::days(1);
    let want = d.store().day(yesterday).unwrap().meals[0].clone(); // breakfast
    let mut app = d.app_at("21:30");
    press_at(&mut app, "21:30", "a<C-y>");
    assert!(screen(&app, 80, 24).contains("Copied Thu 19 Nov's breakfast"));
    press_at(&mut app, "21:30", "<Enter>");
    let m = &d.today().meals[0];
    assert_eq!((m.foods.clone(), m.tags.clone()), (want.foods, want.tags));
    assert_eq!(hm(m.at), "08:00");
}

#[test]
fn tags_edited_in_the_tui_are_remembered_for_an_unknown_food() {
    let d = Diary::new();
    let mut app = d.app();
    // Adding: tags typed as words.
    press(&mut app, "<Esc>agrandma stew<Down>bone broth<Enter><Esc>");
    // Editing: the edit is remembered too.
    press(&mut app, "amystery curry<Enter><Esc>");
    focus(&mut app, Row::Meal(1));
    press(&mut app, "<Enter><Down>spicy<Enter>");
    let tags = d.store().food_tags().unwrap();
    assert!(
        tags.contains(&("grandma stew".to_string(), vec!["bone_broth".to_string()])),
        "{tags:?}"
    );
    assert!(
        tags.iter()
            .any(|(f, t)| f == "mystery curry" && t.contains(&"spicy".to_string())),
        "{tags:?}"
    );
    // Next time the food brings its tags by itself.
    press(&mut app, "aGrandma Stew<Enter><Esc>");
    let meals = d.today().meals;
    assert_eq!(meals.last().unwrap().tags, vec!["bone_broth"]);
}

#[test]
fn a_note_of_only_spaces_is_no_note_and_tags_show_as_words() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>ahoney, bread<Down><Down>   <Enter><Esc>");
    let m = &d.today().meals[0];
    assert_eq!(m.note, None);
    assert_eq!(m.tags, vec!["added_sugar", "gluten", "high_fodmap"]);
    let shown = screen(&app, 200, 60);
    assert!(
        shown.contains("[added sugar, gluten, high FODMAP]"),
        "{shown}"
    );
}

/// At any width from the smallest screen up, the time and the foods are
/// drawn on their labels' rows: where the slot keys do not fit beside the
/// slot they get a row of their own (at 45 columns they wrapped onto the
/// time's row, and the time was drawn over them).
#[test]
fn each_meal_field_stays_beside_its_label_at_every_width() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>aoatmeal, banana");
    for (w, h) in [(40, 12), (45, 12), (60, 16), (80, 24), (120, 40)] {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        let text = screen(&app, w, h);
        let row = |label: &str| {
            text.lines()
                .find(|l| l.contains(&format!("│{label}")))
                .unwrap_or_else(|| panic!("no {label} row at {w}x{h}:\n{text}"))
                .to_string()
        };
        let time = match &app.state.modal {
            Some(Modal::Meal(f)) => f.time.text().to_string(),
            other => panic!("{other:?}"),
        };
        assert!(!time.is_empty());
        assert!(
            row("Time ").contains(&format!("Time   {time}")),
            "{w}x{h}:\n{text}"
        );
        assert!(
            row("Foods").contains("Foods  oatmeal, banana"),
            "{w}x{h}:\n{text}"
        );
        assert!(!row("Time ").contains("pick a"), "{w}x{h}:\n{text}");
    }
}
