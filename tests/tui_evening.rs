//! The evening of issue 9 from a diary with 14 days of history, at 80×24,
//! key by key as a user would, then the saved day checked field by field.
//! The same steps drive the real binary in tmux in `cargo bench --bench
//! evening`, which reports the key count.

mod support;

use support::evening::{self, Step};
use support::{press_on, screen, Diary};

#[test]
fn the_evening_takes_30_keys_and_saves_exactly_what_was_meant() {
    let d = Diary::new();
    d.store().import(&evening::history()).unwrap();
    let mut app = gutlog::tui::App::new(
        d.store(),
        gutlog::Clock::fixed(evening::now()),
        gutlog::config::Config::default(),
    )
    .unwrap();
    app.dispatch(gutlog::tui::action::Action::Resize(80, 24));
    for step in evening::EVENING {
        match step {
            Step::Keys(k) => press_on(&mut app, evening::now(), k),
            Step::Names(n) => {
                for c in n.chars() {
                    app.tick(evening::now());
                    app.key(crossterm::event::KeyEvent::new(
                        crossterm::event::KeyCode::Char(c),
                        crossterm::event::KeyModifiers::NONE,
                    ));
                }
            }
            Step::Wait(text) => {
                let shown = screen(&app, 80, 24);
                assert!(shown.contains(text), "waiting for {text:?}:\n{shown}");
            }
        }
    }
    assert!(app.state.quit, "q quits");
    let day = d.store().day(evening::now().date()).unwrap();
    let plan = d.store().current_plan().unwrap().unwrap();
    evening::check(&serde_json::to_value(&day).unwrap(), plan.is_ticked(3)).unwrap();
    let (keys, commas) = evening::counts();
    assert_eq!((keys, commas), (30, 6));
}
