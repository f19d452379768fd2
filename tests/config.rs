//! The settings file: strict parsing (line and column for every error),
//! defaults from the modules that own them, where each value came from, and
//! precedence: flag > config > default, through the real binary.

mod common;
use common::Diary;
use gutlog::analysis::{DEFAULT_HISTORY_DAYS, DEFAULT_MIN_SEVERITY};
use gutlog::config::{Config, ConfigError, Env, Location, Origin, Source};
use gutlog::domain::water::WaterUnit;
use gutlog::domain::{MealTimes, Slot};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml(text, Env::default())
}

fn err(text: &str) -> ConfigError {
    parse(text).expect_err(text)
}

fn write_config(d: &Diary, text: &str) -> std::path::PathBuf {
    let path = d.dir.path().join("config/gutlog/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_defaults_come_from_the_modules_that_own_them() {
    let c = parse("").unwrap();
    assert_eq!(c, Config::default());
    assert_eq!(c.min_severity.value, DEFAULT_MIN_SEVERITY);
    assert_eq!(c.history_days.value, DEFAULT_HISTORY_DAYS);
    assert_eq!(c.meal_times(), MealTimes::DEFAULT);
    assert_eq!(c.water_unit.value, WaterUnit::Glasses);
    assert!(c.color.value);
    assert!(c.entries().iter().all(|e| e.source == Source::Default));
}

#[test]
fn every_setting_is_read_with_its_line() {
    let c = parse(
        "# my settings\n\
         color = false\n\
         water_unit = \"ml\"\n\
         first_day_of_week = \"Sunday\"\n\
         reminder_hour = 21\n\
         [report]\n\
         min_severity = 1\n\
         history_days = 84\n\
         [meal_times]\n\
         breakfast = \"06:00-09:00\"\n\
         lunch = \"11:30-14:00\"\n\
         dinner = \"18:00-23:30\"\n\
         [symptoms]\n\
         hide = [\"Brain fog\", \"reflux\"]\n\
         order = [\"gas\", \"bloating\"]\n",
    )
    .unwrap();
    assert!(!c.color.value);
    assert_eq!(c.color.source, Source::File { line: 2 });
    assert_eq!(c.water_unit.value, WaterUnit::Ml);
    assert_eq!(c.first_day_of_week.value, chrono::Weekday::Sun);
    assert_eq!(c.reminder_hour.value, 21);
    assert_eq!(c.reminder_hour.source, Source::File { line: 5 });
    assert_eq!((c.min_severity.value, c.history_days.value), (1, 84));
    assert_eq!(c.history_days.source, Source::File { line: 8 });
    // Names, aliases and case resolve to catalogue ids.
    assert_eq!(c.hide_symptoms.value, ["brain_fog", "heartburn"]);
    assert_eq!(c.symptom_order.value, ["gas", "bloating"]);
    let at = |h, m| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    };
    assert_eq!(c.slot_for(at(9, 30)), Slot::Snack, "after breakfast ends");
    assert_eq!(c.slot_for(at(23, 0)), Slot::Dinner);
    assert_eq!(c.slot_for(at(5, 0)), Slot::Snack);
    // `colour` is accepted too.
    assert!(!parse("colour = false").unwrap().color.value);
}

#[test]
fn symptoms_are_ordered_then_hidden() {
    let c = parse("[symptoms]\nhide = [\"gas\"]\norder = [\"heartburn\", \"hiccups\", \"gas\"]\n")
        .unwrap();
    let ids: Vec<String> = ["bloating", "gas", "heartburn", "fatigue"]
        .map(String::from)
        .to_vec();
    // hiccups is not among the ids shown: it is skipped, not invented.
    assert_eq!(
        c.arrange_symptoms(&ids),
        ["heartburn", "bloating", "fatigue"]
    );
}

#[test]
fn unknown_keys_are_refused_with_line_column_and_what_is_allowed() {
    let e = err("water_unit = \"ml\"\n  colr = true\n");
    assert_eq!((e.line, e.column), (Some(2), Some(3)));
    assert!(e.message.contains("unknown setting `colr`"), "{e}");
    assert!(e.message.contains("did you mean `color`?"), "{e}");
    assert!(e.message.contains("allowed here: color, water_unit"), "{e}");

    let e = err("[report]\nmin_severity = 2\nhistory = 30\n");
    assert_eq!((e.line, e.column), (Some(3), Some(1)));
    assert!(
        e.message
            .contains("allowed here: min_severity, history_days"),
        "{e}"
    );

    let e = err("[reports]\n");
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("did you mean `report`?"), "{e}");

    let e = err("report = 2\n");
    assert!(e.message.contains("must be the table [report]"), "{e}");
}

#[test]
fn bad_values_are_refused_with_line_column_and_what_is_allowed() {
    for (text, line, column, says) in [
        ("color = \"no\"\n", 1, 9, "use true or false"),
        ("water_unit = \"cups\"\n", 1, 14, "valid: glasses, ml"),
        (
            "first_day_of_week = \"someday\"\n",
            1,
            21,
            "\"monday\" to \"sunday\"",
        ),
        (
            "\nreminder_hour = 24\n",
            2,
            17,
            "use a whole hour from 0 to 23",
        ),
        (
            "reminder_hour = \"8pm\"\n",
            1,
            17,
            "use a whole hour from 0 to 23",
        ),
        (
            "[report]\nmin_severity = 0\n",
            2,
            16,
            "use 1 (mild), 2 (moderate) or 3 (severe)",
        ),
        ("[report]\nhistory_days = 7\n", 2, 16, "use 14 to 3660"),
        ("[meal_times]\nlunch = \"noon\"\n", 2, 9, "HH:MM-HH:MM"),
        (
            "[meal_times]\nbreakfast = \"06:00-11:00\"\n",
            2,
            13,
            "breakfast 06:00-11:00 overlaps lunch 10:30-15:00",
        ),
        (
            "[symptoms]\nhide = \"gas\"\n",
            2,
            8,
            "must be a list of symptom names",
        ),
        (
            "[symptoms]\norder = [\"gas\", 3]\n",
            2,
            17,
            "symptom names in double quotes",
        ),
        (
            "[symptoms]\nhide = [\"gas!\"]\n",
            2,
            9,
            "unknown symptom 'gas!'",
        ),
        (
            "[symptoms]\norder = [\"gas\", \"Gas\"]\n",
            2,
            17,
            "listed twice",
        ),
        ("color = true\ncolor = false\n", 2, 1, "duplicate key"),
        ("color = \n", 1, 9, "(in `color =`)"),
    ] {
        let e = err(text);
        assert_eq!(
            (e.line, e.column),
            (Some(line), Some(column)),
            "{text:?}: {e}"
        );
        assert!(e.message.contains(says), "{text:?}: {e}");
    }
}

#[test]
fn no_color_turns_colour_off_unless_the_file_says_otherwise() {
    let env = Env { no_color: true };
    let c = Config::from_toml("", env).unwrap();
    assert_eq!(
        (c.color.value, c.color.source),
        (false, Source::Env("NO_COLOR"))
    );
    let c = Config::from_toml("color = true\n", env).unwrap();
    assert_eq!(
        (c.color.value, c.color.source),
        (true, Source::File { line: 1 })
    );
}

#[test]
fn a_missing_file_is_fine_unless_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let at = |origin| Location {
        path: path.clone(),
        origin,
    };
    let c = Config::load(Some(&at(Origin::XdgConfigHome)), Env::default()).unwrap();
    assert_eq!(c, Config::default());
    let e = Config::load(Some(&at(Origin::Given)), Env::default()).unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
    std::fs::write(&path, "reminder_hour = 7\n").unwrap();
    let c = Config::load(Some(&at(Origin::Given)), Env::default()).unwrap();
    assert_eq!(c.reminder_hour.value, 7);
    assert_eq!(c.file.as_deref(), Some(path.as_path()));
    std::fs::write(&path, b"color = \xff\n").unwrap();
    let e = Config::load(Some(&at(Origin::Given)), Env::default()).unwrap_err();
    assert!(e.to_string().contains("is not UTF-8"), "{e}");
}

// ---- through the binary ----

#[test]
fn a_bad_config_exits_2_naming_file_line_and_column_and_changes_nothing() {
    let d = Diary::new();
    d.ok(&["log", "meal", "oats", "--at", "08:00"]);
    let before = d.bytes();
    let path = write_config(&d, "[report]\nmin_severity = 9\n");
    let err = d.fails(&["log", "stool", "4"], 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "gutlog: {}:2:16: report.min_severity",
            path.display()
        )),
        "{err}"
    );
    assert_eq!(d.bytes(), before);
    // `config check` says the same, with exit 2.
    let check = d.fails(&["config", "check"], 2);
    assert!(check.contains(":2:16:"), "{check}");
    // Completions and the man page do not depend on the settings.
    d.ok(&["completions", "bash"]);
    d.ok(&["man"]);
}

#[test]
fn config_path_follows_the_flag_the_environment_and_xdg() {
    let d = Diary::new();
    let xdg = d.dir.path().join("config/gutlog/config.toml");
    let out = d.cmd().args(["config", "path"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        xdg.display().to_string()
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist yet"));
    let mine = d.dir.path().join("mine.toml");
    let flag = d.ok(&["--config", mine.to_str().unwrap(), "config", "path"]);
    assert_eq!(flag.trim(), mine.display().to_string());
    let out = d
        .cmd()
        .env("GUTLOG_CONFIG", &mine)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        mine.display().to_string()
    );
    // Without XDG_CONFIG_HOME: ~/.config/gutlog/config.toml.
    let out = d
        .cmd()
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", d.dir.path())
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        d.dir
            .path()
            .join(".config/gutlog/config.toml")
            .display()
            .to_string()
    );
    // A file named with --config must exist.
    let err = d.fails(&["--config", mine.to_str().unwrap(), "day"], 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn config_show_prints_each_value_and_where_it_came_from_as_valid_toml() {
    let d = Diary::new();
    write_config(&d, "water_unit = \"ml\"\n\n[report]\nhistory_days = 28\n");
    let out = d
        .cmd()
        .env("NO_COLOR", "1")
        .args(["config", "show"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let show = String::from_utf8(out.stdout).unwrap();
    let line = |key: &str| {
        show.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} missing: {show}"))
            .to_string()
    };
    assert!(
        line("water_unit").ends_with("# config file, line 1"),
        "{show}"
    );
    assert!(
        line("history_days").ends_with("# config file, line 4"),
        "{show}"
    );
    assert!(line("min_severity").ends_with("# default"), "{show}");
    let color = line("color");
    assert!(
        color.starts_with("color = false") && color.ends_with("# environment: NO_COLOR"),
        "{show}"
    );
    // The output is itself a config file giving the same settings.
    let again = parse(&show).unwrap();
    assert_eq!(again.water_unit.value, WaterUnit::Ml);
    assert_eq!(again.history_days.value, 28);
    assert!(!again.color.value);
    assert_eq!(again.meal_times(), MealTimes::DEFAULT);
}

#[test]
fn config_check_finds_symptoms_that_are_neither_in_the_catalogue_nor_the_diary() {
    let d = Diary::new();
    let none = d.ok(&["config", "check"]);
    assert!(none.contains("No settings file"), "{none}");
    let path = write_config(&d, "[symptoms]\nhide = [\"gas\", \"hiccups\"]\n");
    let before_log = d.fails(&["config", "check"], 2);
    assert!(
        before_log.contains(&format!("{}:2:16: symptoms.hide", path.display())),
        "{before_log}"
    );
    assert!(!d.db.exists(), "check must not create the diary");
    d.ok(&["log", "symptom", "hiccups", "1", "--new"]);
    let ok = d.ok(&["config", "check"]);
    assert!(ok.contains("is valid (1 setting set"), "{ok}");
}

#[test]
fn report_flags_beat_the_config_which_beats_the_defaults() {
    let d = Diary::new();
    let min = |d: &Diary, args: &[&str]| -> (i64, i64) {
        let mut all = vec!["report", "--json"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_str(&d.ok(&all)).unwrap();
        (
            v["analysis"]["min_severity"].as_i64().unwrap(),
            v["analysis"]["window_days"].as_i64().unwrap(),
        )
    };
    assert_eq!(
        min(&d, &[]),
        (DEFAULT_MIN_SEVERITY as i64, DEFAULT_HISTORY_DAYS as i64)
    );
    write_config(&d, "[report]\nmin_severity = 3\nhistory_days = 28\n");
    assert_eq!(min(&d, &[]), (3, 28));
    assert_eq!(
        min(&d, &["--min-severity", "1", "--history-days", "70"]),
        (1, 70)
    );
    let text = d.ok(&["report"]);
    assert!(text.contains("severe"), "the threshold is named: {text}");
}

#[test]
fn meal_times_and_water_unit_reach_the_command_line() {
    let d = Diary::new();
    write_config(
        &d,
        "water_unit = \"ml\"\n[meal_times]\nbreakfast = \"06:00-11:00\"\nlunch = \"11:00-15:00\"\n",
    );
    d.ok(&["log", "meal", "oats", "--at", "10:45"]);
    assert_eq!(d.export()["meals"][0]["slot"], "breakfast");
    // 600 ml is typed in the configured unit and kept as 2 glasses of 250 ml.
    let out = d.ok(&["log", "checkin", "--water", "600"]);
    assert!(out.contains("water 500 ml"), "{out}");
    assert_eq!(d.export()["checkins"][0]["water_glasses"], 2);
    assert!(d.ok(&["day"]).contains("water 500 ml"));
    assert!(d.ok(&["report"]).contains("Water (ml)"));
    let err = d.fails(&["log", "checkin", "--water", "20000"], 2);
    assert!(err.contains("use 0 to 12500 ml"), "{err}");
    // Without the config: glasses, and the default meal times.
    let plain = Diary::new();
    plain.ok(&["log", "meal", "oats", "--at", "10:45"]);
    assert_eq!(plain.export()["meals"][0]["slot"], "lunch");
    let out = plain.ok(&["log", "checkin", "--water", "6"]);
    assert!(out.contains("water 6 glasses"), "{out}");
}
