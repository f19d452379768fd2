//! Whole-screen snapshots of every screen and overlay at 80×24 and 120×40,
//! with a pinned clock and a seeded diary (demo data plus a plan run).

mod support;

use gutlog::tui::App;
use support::{press, screen, Diary};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn seeded() -> (Diary, App) {
    let d = Diary::seeded();
    {
        let mut store = d.store();
        let today = support::clock().today();
        let run = store
            .start_plan(today - chrono::Duration::days(2), support::clock().now())
            .unwrap();
        for day in [1, 2] {
            let at = (today - chrono::Duration::days(3 - day as i64))
                .and_hms_opt(21, 0, 0)
                .unwrap();
            store.tick_plan(&run.id, day, at).unwrap();
        }
        support::log_evening(&mut store);
    }
    let app = d.app();
    (d, app)
}

/// Snapshots the app after `keys` at both sizes.
fn snap(name: &str, keys: &str) {
    let (_d, mut app) = seeded();
    press(&mut app, keys);
    for (w, h) in SIZES {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn today() {
    snap("today", "");
}

#[test]
fn today_red_flag_ticked() {
    snap("today_red_flag", "f<Down> ");
}

#[test]
fn today_red_flag_banner() {
    snap("today_red_flag_banner", "f<Down> <Esc>");
}

#[test]
fn journal() {
    snap("journal", "2");
}

#[test]
fn journal_search() {
    snap("journal_search", "2/rice<Enter>");
}

#[test]
fn plan() {
    snap("plan", "3");
}

#[test]
fn plan_day_seven() {
    snap("plan_day7", "3jjjj");
}

#[test]
fn insights() {
    snap("insights", "4");
}

#[test]
fn insights_second_finding_selected() {
    snap("insights_finding2", "4j");
}

#[test]
fn insights_red_flag_banner() {
    snap("insights_red_flag", "f<Down> <Esc>4");
}

#[test]
fn insights_help_overlay() {
    snap("insights_help", "4?");
}

#[test]
fn insights_not_enough_data() {
    let d = Diary::new();
    let mut app = d.app();
    press(&mut app, "<Esc>4");
    for (w, h) in SIZES {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        insta::assert_snapshot!(format!("insights_empty_{w}x{h}"), screen(&app, w, h));
    }
}

/// Under NO_COLOR the Insights screen uses no colour at all, only
/// modifiers; its text is the same as in colour.
#[test]
fn insights_no_color() {
    let (d, _) = seeded();
    for keys in ["4", "f<Down> <Esc>4"] {
        let mut app = App::new(d.store(), support::clock(), support::no_color()).unwrap();
        press(&mut app, keys);
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
        app.draw(&mut term).unwrap();
        let buf = term.backend().buffer();
        for cell in buf.content() {
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "{keys}: {cell:?}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "{keys}: {cell:?}");
        }
    }
}

#[test]
fn guide() {
    snap("guide", "5");
}

#[test]
fn guide_see_a_doctor() {
    snap("guide_doctor", "5<Left>");
}

#[test]
fn help_overlay() {
    snap("help", "?");
}

#[test]
fn confirm_overlay() {
    snap("confirm", "3s");
}

#[test]
fn meal_form() {
    snap("meal_form", "apasta, parme");
}

#[test]
fn stool_form() {
    snap("stool_form", "ba2");
}

#[test]
fn intake_form() {
    snap("intake_form", "iaibupro");
}

#[test]
fn repeat_picker() {
    snap("repeat", "r");
}

#[test]
fn welcome_on_first_run() {
    let d = Diary::new();
    let app = d.app();
    let path = d.path.display().to_string();
    for (w, h) in SIZES {
        let shown = screen(&app, w, h).replace(&path, "DIARY.db");
        insta::assert_snapshot!(format!("welcome_{w}x{h}"), shown);
    }
}

#[test]
fn no_color_shows_severity_as_words() {
    let d = Diary::seeded();
    let app = App::new(d.store(), support::clock(), support::no_color()).unwrap();
    insta::assert_snapshot!("today_no_color_80x24", screen(&app, 80, 24));
}

#[test]
fn profile_form() {
    snap("profile_form", "fp1970<Tab><Right>");
}

#[test]
fn red_flags_with_a_profile() {
    snap("red_flags_profile", "fp1996<Tab><Left><Enter>");
}

/// Today under a settings file (no colour, water in ml, symptoms hidden
/// and ordered) on a diary with nothing logged yesterday: the diary's
/// note and the reminder above the sections, the meals still in view.
#[test]
fn today_with_settings_and_nothing_yesterday() {
    let d = Diary::new();
    {
        let mut store = d.store();
        let before = support::clock().today() - chrono::Duration::days(2);
        store
            .import(&gutlog::demo::generate(21, 7, before))
            .unwrap();
        support::log_evening(&mut store);
    }
    let config = support::settings(
        r#"
color = false
water_unit = "ml"
[symptoms]
hide = ["skin flare", "cold or chills", "muscle aches"]
order = ["fatigue", "heartburn"]
"#,
    );
    let mut app = d.app_with(config);
    for (w, h) in SIZES {
        app.dispatch(gutlog::tui::action::Action::Resize(w, h));
        insta::assert_snapshot!(format!("today_settings_{w}x{h}"), screen(&app, w, h));
    }
}
