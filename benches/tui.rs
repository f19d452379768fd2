//! TUI speed and memory on a 10-year diary (a benchmark, never a test).
//!
//! `cargo bench --bench tui` builds a `gutlog demo --days 3650` diary in a
//! temp dir and reports: time to first frame (open the store, load, draw
//! at 200×60), drawing each screen at 200×60 (TestBackend), a week step on
//! Insights (review computed and redrawn), key → saved → redrawn for a
//! severity change, and the peak memory of a separate run
//! that only opens the diary and uses the screens.
//! Targets: ≤ 50 ms, ≤ 2 ms, ≤ 10 ms, ≤ 30 MB.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use gutlog::tui::rows::Row;
use gutlog::tui::App;
use gutlog::{Clock, Store};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::Path;
use std::time::{Duration, Instant};

fn clock() -> Clock {
    Clock::fixed(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(20, 30, 0)
            .unwrap(),
    )
}

fn key(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let n = v.len();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.3} ms, p95 {:.3} ms, max {:.3} ms (n={n})",
        ms(v[n / 2]),
        ms(v[n * 95 / 100]),
        ms(v[n - 1])
    )
}

/// CPU time this thread has used, in ns (Linux; 0 elsewhere): a figure
/// that other processes on the machine do not inflate.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn draw(app: &App, term: &mut Terminal<TestBackend>) {
    app.draw(term).unwrap();
}

/// Opens the diary and exercises every screen; used for the memory figure.
fn memory_run(db: &Path) {
    let store = Store::open(db).unwrap();
    let mut app = App::new(store, clock(), gutlog::config::Config::default()).unwrap();
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for keys in ["1", "2", "jjjjjjjjjj", "3", "4", "[[", "5", "1"] {
        for c in keys.chars() {
            key(&mut app, c);
        }
        draw(&app, &mut term);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in status.lines() {
        if line.starts_with("VmHWM") || line.starts_with("VmRSS") {
            println!("  {line}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--memory-run") {
        memory_run(Path::new(&args[i + 1]));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ten-years.db");
    let t = Instant::now();
    {
        let mut store = Store::open(&db).unwrap();
        let ex = gutlog::demo::generate(3650, 42, clock().today());
        store.import(&ex).unwrap();
        let days = store
            .logged_dates(
                chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
                clock().today(),
            )
            .unwrap()
            .len();
        println!(
            "10-year demo diary ({days} days with entries) built in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }

    // Time to first frame: open, load, draw (and each part alone).
    let (mut firsts, mut opens, mut loads, mut draws) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let cpu_before = cpu_ns();
    for _ in 0..20 {
        let t = Instant::now();
        let store = Store::open(&db).unwrap();
        let opened = t.elapsed();
        let app = App::new(store, clock(), gutlog::config::Config::default()).unwrap();
        let loaded = t.elapsed();
        let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
        draw(&app, &mut term);
        let total = t.elapsed();
        firsts.push(total);
        opens.push(opened);
        loads.push(loaded - opened);
        draws.push(total - loaded);
    }
    let cpu_each = (cpu_ns() - cpu_before) as f64 / 20.0 / 1e6;
    println!("first frame (open + load + draw 200x60): {}", stats(firsts));
    println!("  CPU time per first frame: {cpu_each:.1} ms");
    println!("  open the diary: {}", stats(opens));
    println!("  load Today: {}", stats(loads));
    println!("  draw: {}", stats(draws));

    let store = Store::open(&db).unwrap();
    let mut app = App::new(store, clock(), gutlog::config::Config::default()).unwrap();
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();
    app.dispatch(gutlog::tui::action::Action::Resize(200, 60));
    for (name, k) in [
        ("Today", '1'),
        ("Journal", '2'),
        ("Plan", '3'),
        ("Insights", '4'),
        ("Guide", '5'),
    ] {
        let t = Instant::now();
        key(&mut app, k);
        let switch = t.elapsed();
        let mut v = Vec::new();
        for _ in 0..300 {
            let t = Instant::now();
            draw(&app, &mut term);
            v.push(t.elapsed());
        }
        println!(
            "draw {name:<8} at 200x60: {} (switching to it: {:.3} ms)",
            stats(v),
            switch.as_secs_f64() * 1000.0
        );
    }

    // Insights: a week back or forward computes the review again (store
    // read of the 56-day window + analysis) and redraws.
    key(&mut app, '4');
    let mut v = Vec::new();
    for i in 0..40 {
        let c = if i % 2 == 0 { '[' } else { ']' };
        let t = Instant::now();
        key(&mut app, c);
        draw(&app, &mut term);
        v.push(t.elapsed());
    }
    println!(
        "insights week key -> review computed -> redrawn: {}",
        stats(v)
    );

    // Key → saved → redrawn: a severity change on the Bloating row.
    key(&mut app, '1');
    let target = app.state.today.rows.position(Row::Symptom(0)).unwrap();
    while app.state.today.cursor < target {
        key(&mut app, 'j');
    }
    let mut v = Vec::new();
    let cpu_before = cpu_ns();
    for i in 0..200 {
        let c = if i % 2 == 0 { '2' } else { '3' };
        // A digit rates and moves on: back to Bloating first (not timed).
        app.state.today.cursor = target;
        let t = Instant::now();
        key(&mut app, c);
        draw(&app, &mut term);
        v.push(t.elapsed());
    }
    let cpu_each = (cpu_ns() - cpu_before) as f64 / 200.0 / 1e6;
    println!("severity key -> saved -> redrawn: {}", stats(v));
    println!("  CPU time per key: {cpu_each:.2} ms (the rest is waiting for the disk)");

    // Where a key's CPU time goes: reading the day again, and drawing.
    let cpu_before = cpu_ns();
    for _ in 0..200 {
        app.reload().unwrap();
    }
    let reload = (cpu_ns() - cpu_before) as f64 / 200.0 / 1e6;
    let cpu_before = cpu_ns();
    for _ in 0..200 {
        draw(&app, &mut term);
    }
    let drawing = (cpu_ns() - cpu_before) as f64 / 200.0 / 1e6;
    println!("  of which reading Today again: {reload:.2} ms CPU, drawing: {drawing:.2} ms CPU");

    // Peak memory of a fresh process that only uses the TUI on this diary.
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .arg("--memory-run")
        .arg(&db)
        .output()
        .unwrap();
    println!("memory of a TUI run on the 10-year diary (TestBackend, 200x60):");
    print!("{}", String::from_utf8_lossy(&out.stdout));
}
