//! `gutlog sync DIR`: two and three diaries with edits and deletes on each,
//! synced in every order, end identical; copies made by sync tools are read
//! or reported; a copied diary takes a new device id; the live diary is
//! never synced; a sync killed at any moment leaves everything usable.

mod common;
use common::Diary;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Runs `gutlog ARGS` on `d` with the clock at `now`; returns stdout.
fn at(d: &Diary, now: &str, args: &[&str]) -> String {
    let out = d.cmd().env("GUTLOG_NOW", now).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "gutlog {args:?} at {now}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sync(d: &Diary, dir: &Path) -> std::process::Output {
    d.cmd()
        .args(["sync", dir.to_str().unwrap()])
        .output()
        .unwrap()
}

fn synced(d: &Diary, dir: &Path) -> String {
    let out = sync(d, dir);
    assert!(
        out.status.success(),
        "sync: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new diary with a fixed device id, so that ties break the same way in
/// every run of the test.
fn machine(device: &str) -> Diary {
    let d = Diary::new();
    d.ok(&["day"]);
    set_device(&d.db, device);
    d
}

fn set_device(db: &Path, device: &str) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute("UPDATE sync_device SET device = ?1", [device])
        .unwrap();
}

fn device_of(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT device FROM sync_device", [], |r| r.get(0))
        .unwrap()
}

fn import(d: &Diary, now: &str, doc: serde_json::Value) -> String {
    let f = d.dir.path().join("in.json");
    std::fs::write(&f, doc.to_string()).unwrap();
    at(d, now, &["import", f.to_str().unwrap()])
}

/// What every diary starts from: records with fixed ids, so that exports
/// from different runs can be compared byte for byte.
fn base() -> serde_json::Value {
    json!({"format": "gutlog", "version": 1,
        "meals": [{"id": "meal-toast", "at": "2026-11-20T08:00:00", "foods": ["toast"]},
                  {"id": "meal-soup", "at": "2026-11-20T12:00:00", "foods": ["soup"]}],
        "stools": [{"id": "stool-1", "at": "2026-11-20T07:30:00", "bristol": 4}],
        "symptoms": [{"id": "sym-1", "at": "2026-11-20T13:00:00", "symptom": "bloating", "severity": 1}],
        "intakes": [{"id": "intake-1", "at": "2026-11-20T09:00:00", "name": "zinc"}],
        "plan_runs": [{"id": "run-1", "started_on": "2026-11-19",
                       "ticks": [{"day": 1, "done_at": "2026-11-19T21:00:00"}]}],
        "red_flags": [{"date": "2026-11-20", "flag": "fever"}],
        "checkins": [{"date": "2026-11-20", "mood": 3, "energy": 3}],
        "food_parts": [{"food": "nan's pie", "parts": ["puff pastry", "beef"]}],
        "profile": {"birth_year": 1970},
        "experiments": [{"id": "exp-dairy", "factor": "tag:dairy", "symptoms": ["bloating"],
            "design": "ab", "phases": [{"condition": "without", "days": 14},
                                       {"condition": "with", "days": 14}],
            "washout_days": 2, "min_phase_days": 10, "started_on": "2026-11-18",
            "created_at": "2026-11-18T21:00:00"}]})
}

/// An export with the random id of the meal logged to change a dish's
/// parts (`changes_on`) replaced, to compare runs of the scenario.
fn same_ids(export: &str) -> String {
    let mut ex: serde_json::Value = serde_json::from_str(export).unwrap();
    for m in ex["meals"].as_array_mut().unwrap() {
        if m["foods"] == json!(["nan's pie"]) {
            m["id"] = json!("random");
        }
    }
    ex.to_string()
}

const LAPTOP: &str = "aaaaaaaaaaaaaaaa";
const DESKTOP: &str = "bbbbbbbbbbbbbbbb";
const TABLET: &str = "cccccccccccccccc";

/// Each computer's changes after the first sync, at its own times.
fn changes_on(device: &str, d: &Diary) {
    match device {
        LAPTOP => {
            at(d, "2026-11-20T21:10:00", &["delete", "meal-soup"]);
            at(
                d,
                "2026-11-20T21:10:00",
                &["log", "checkin", "--sleep", "7"],
            );
            at(
                d,
                "2026-11-20T21:10:00",
                &["log", "flag", "fever", "--clear"],
            );
            at(d, "2026-11-20T21:10:00", &["plan", "untick", "1"]);
            at(
                d,
                "2026-11-20T21:10:00",
                &["profile", "set", "--born", "1971"],
            );
            at(
                d,
                "2026-11-20T21:10:00",
                &[
                    "log",
                    "meal",
                    "nan's pie",
                    "--parts",
                    "rice, beef",
                    "--at",
                    "19:30",
                ],
            );
            at(d, "2026-11-20T21:10:00", &["experiment", "pause"]);
            import(
                d,
                "2026-11-20T21:10:00",
                json!({"format": "gutlog", "version": 1,
                    "meals": [{"id": "meal-rice", "at": "2026-11-20T19:00:00", "foods": ["rice"]}]}),
            );
            // The same field, at the same second, as the desktop: a tie.
            at(
                d,
                "2026-11-20T21:30:00",
                &["log", "checkin", "--energy", "2"],
            );
        }
        DESKTOP => {
            at(
                d,
                "2026-11-20T21:05:00",
                &["log", "checkin", "--sleep", "6"],
            );
            at(d, "2026-11-20T21:20:00", &["log", "checkin", "--mood", "4"]);
            at(d, "2026-11-20T21:20:00", &["plan", "tick", "2"]);
            at(d, "2026-11-20T21:20:00", &["delete", "stool-1"]);
            at(
                d,
                "2026-11-20T21:20:00",
                &["profile", "set", "--sex", "female"],
            );
            // Later than the laptop's pause: this version of the
            // experiment (ended, never paused) wins whole.
            at(d, "2026-11-20T21:20:00", &["experiment", "end"]);
            import(
                d,
                "2026-11-20T21:20:00",
                json!({"format": "gutlog", "version": 1,
                    "symptoms": [{"id": "sym-2", "at": "2026-11-20T20:00:00", "symptom": "gas", "severity": 2}]}),
            );
            at(
                d,
                "2026-11-20T21:30:00",
                &["log", "checkin", "--energy", "5"],
            );
        }
        TABLET => {
            at(d, "2026-11-20T21:15:00", &["delete", "intake-1"]);
            // Unticked and ticked again, later than the laptop's untick.
            at(
                d,
                "2026-11-20T21:25:00",
                &["log", "flag", "fever", "--clear"],
            );
            at(d, "2026-11-20T21:25:00", &["log", "flag", "fever"]);
            at(
                d,
                "2026-11-20T21:35:00",
                &["log", "checkin", "--note", "three"],
            );
        }
        _ => unreachable!(),
    }
}

/// Sets up `devices` sharing one folder (the first imports the base, then
/// each syncs once), lets each make its changes, then syncs them in
/// `order`, twice round. Returns each diary's export and the folder.
fn scenario(devices: &[&str], order: &[usize]) -> (Vec<String>, tempfile::TempDir, Vec<Diary>) {
    let dir = tempfile::tempdir().unwrap();
    let diaries: Vec<Diary> = devices.iter().map(|d| machine(d)).collect();
    import(&diaries[0], "2026-11-20T21:00:00", base());
    for d in &diaries {
        synced(d, dir.path());
    }
    for (device, d) in devices.iter().zip(&diaries) {
        changes_on(device, d);
    }
    for _ in 0..2 {
        for &i in order {
            synced(&diaries[i], dir.path());
        }
    }
    let exports = diaries.iter().map(|d| d.ok(&["export"])).collect();
    (exports, dir, diaries)
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 1 {
        return vec![vec![0]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for i in 0..n {
            let mut q = p.clone();
            q.insert(i, n - 1);
            out.push(q);
        }
    }
    out
}

/// The files in the sync folder, by name, with their bytes.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

fn assert_all_equal(exports: &[String], what: &str) {
    for (i, e) in exports.iter().enumerate() {
        assert_eq!(e, &exports[0], "{what}: diary {i} differs from diary 0");
    }
}

#[test]
fn two_diaries_with_edits_and_deletes_converge_in_either_order() {
    let mut finals = Vec::new();
    for order in permutations(2) {
        let (exports, dir, _diaries) = scenario(&[LAPTOP, DESKTOP], &order);
        assert_all_equal(&exports, &format!("order {order:?}"));
        // Each file in the folder is the same diary too.
        for (name, bytes) in folder(dir.path()) {
            assert_eq!(
                String::from_utf8(bytes).unwrap(),
                exports[0],
                "{name} in order {order:?}"
            );
        }
        finals.push(same_ids(&exports[0]));
    }
    assert_all_equal(&finals, "the two orders");
    let ex: serde_json::Value = serde_json::from_str(&finals[0]).unwrap();
    // The profile merges field by field; dish parts and the experiment
    // each as one element, the later change winning.
    assert_eq!(ex["profile"], json!({"birth_year": 1971, "sex": "female"}));
    assert_eq!(ex["food_parts"][0]["parts"], json!(["rice", "beef"]));
    let e = &ex["experiments"][0];
    assert_eq!(
        (&e["ended_on"], &e["pauses"]),
        (&json!("2026-11-20"), &json!([]))
    );
    let ids = |k: &str| -> Vec<String> {
        ex[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    // Deletions on either side carry over; additions on both arrive.
    assert_eq!(ids("meals"), ["meal-toast", "meal-rice", "random"]);
    assert!(ids("stools").is_empty());
    assert_eq!(ids("symptoms"), ["sym-1", "sym-2"]);
    assert!(ex["red_flags"].as_array().unwrap().is_empty());
    let ticks: Vec<i64> = ex["plan_runs"][0]["ticks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["day"].as_i64().unwrap())
        .collect();
    assert_eq!(
        ticks,
        [2],
        "day 1 unticked on one, day 2 ticked on the other"
    );
    // Check-ins merge field by field, the later change winning; the energy
    // tie (same second) goes to the larger device id, the desktop.
    let c = &ex["checkins"][0];
    assert_eq!(
        (&c["mood"], &c["sleep_hours"], &c["energy"]),
        (&json!(4), &json!(7.0), &json!(5))
    );
    // The deletions travel as tombstones with their time and device.
    let deleted: Vec<(String, String)> = ex["deleted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["key"].as_str().unwrap().to_string(),
                v["by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(deleted.contains(&("meal-soup".into(), LAPTOP.into())));
    assert!(deleted.contains(&("stool-1".into(), DESKTOP.into())));
}

#[test]
fn three_diaries_converge_in_every_order() {
    let mut finals = Vec::new();
    for order in permutations(3) {
        let (exports, _dir, _diaries) = scenario(&[LAPTOP, DESKTOP, TABLET], &order);
        assert_all_equal(&exports, &format!("order {order:?}"));
        finals.push(same_ids(&exports[0]));
    }
    assert_eq!(finals.len(), 6);
    assert_all_equal(&finals, "the six orders");
    let ex: serde_json::Value = serde_json::from_str(&finals[0]).unwrap();
    assert!(ex["intakes"].as_array().unwrap().is_empty());
    // Ticked again on the tablet after the laptop's untick: ticked.
    assert_eq!(ex["red_flags"][0]["flag"], "fever");
    assert_eq!(ex["checkins"][0]["note"], "three");
    assert_eq!(ex["checkins"][0]["energy"], 5);
}

#[test]
fn syncing_again_changes_nothing() {
    let (_, dir, diaries) = scenario(&[LAPTOP, DESKTOP], &[0, 1]);
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before: Vec<_> = diaries.iter().map(|d| d.bytes()).collect();
    let files = folder(dir.path());
    let times: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| stamp(&e.unwrap().path()))
        .collect();
    for d in &diaries {
        let out = synced(d, dir.path());
        assert!(out.contains("0 new, 0 changed, 0 deleted"), "{out}");
        assert!(out.contains("is up to date"), "{out}");
    }
    let after: Vec<_> = diaries.iter().map(|d| d.bytes()).collect();
    assert_eq!(before, after, "a second sync changed a diary");
    assert_eq!(
        folder(dir.path()),
        files,
        "a second sync changed the folder"
    );
    let times_after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| stamp(&e.unwrap().path()))
        .collect();
    assert_eq!(times, times_after, "a second sync rewrote a file");
}

#[test]
fn a_deletion_never_comes_back_from_an_older_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    import(&a, "2026-11-20T21:00:00", base());
    synced(&a, dir.path());
    synced(&b, dir.path());
    let old_export = b.dir.path().join("old.json");
    b.ok(&["export", "--out", old_export.to_str().unwrap()]);
    at(&a, "2026-11-20T21:10:00", &["delete", "meal-soup"]);
    synced(&a, dir.path());
    synced(&b, dir.path());
    let has_soup = |d: &Diary| {
        d.export()["meals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "meal-soup")
    };
    assert!(!has_soup(&b), "the deletion reached the desktop");
    // The desktop's export from before the deletion, imported into the
    // laptop, or a stale copy of it in the folder: the soup stays deleted.
    let out = at(
        &a,
        "2026-11-20T21:20:00",
        &["import", old_export.to_str().unwrap()],
    );
    assert!(
        out.contains("Not brought back: 1 entry deleted in this diary since"),
        "{out}"
    );
    std::fs::copy(
        &old_export,
        dir.path()
            .join(format!("gutlog-sync-{DESKTOP} (conflicted copy).json")),
    )
    .unwrap();
    let out = synced(&a, dir.path());
    assert!(
        out.contains("not brought back: 1 entry deleted here"),
        "{out}"
    );
    assert!(!has_soup(&a) && !has_soup(&b));
}

#[test]
fn copies_made_by_sync_tools_are_merged_and_bad_files_reported_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    import(&a, "2026-11-20T21:00:00", base());
    synced(&a, dir.path());
    synced(&b, dir.path());
    let b_file =
        std::fs::read_to_string(dir.path().join(format!("gutlog-sync-{DESKTOP}.json"))).unwrap();
    let with_meal = |id: &str| {
        let mut ex: serde_json::Value = serde_json::from_str(&b_file).unwrap();
        ex["meals"].as_array_mut().unwrap().push(
            json!({"id": id, "at": "2026-11-20T16:00:00", "slot": "snack",
                         "foods": ["apple"], "tags": [], "note": null}),
        );
        serde_json::to_string_pretty(&ex).unwrap()
    };
    let write = |name: &str, text: &[u8]| std::fs::write(dir.path().join(name), text).unwrap();
    // Syncthing's and Dropbox's copies of the desktop's file, each with a
    // meal found nowhere else.
    write(
        &format!("gutlog-sync-{DESKTOP}.sync-conflict-20261120-211500-ABCDEFG.json"),
        with_meal("meal-st").as_bytes(),
    );
    write(
        &format!("gutlog-sync-{DESKTOP} (Bob's conflicted copy 2026-11-20).json"),
        with_meal("meal-db").as_bytes(),
    );
    // A file the sync tool is still copying, one cut short, garbage, one
    // from a newer gutlog, an empty one, a folder with a file's name, and
    // another computer's temporary file.
    write(
        "gutlog-sync-dddddddddddddddd.json",
        &b_file.as_bytes()[..b_file.len() / 2],
    );
    write("gutlog-sync-eeeeeeeeeeeeeeee.json", b"\x00\xffnot json");
    write(
        "gutlog-sync-ffffffffffffffff.json",
        json!({"format": "gutlog", "version": gutlog::exchange::VERSION + 1})
            .to_string()
            .as_bytes(),
    );
    write("gutlog-sync-0000000000000000.json", b"");
    std::fs::create_dir(dir.path().join("gutlog-sync-1111111111111111.json")).unwrap();
    write(
        &format!(".gutlog-tmp-4242-gutlog-sync-{DESKTOP}.json"),
        b"{\"half",
    );
    let before: Vec<(String, Vec<u8>)> = folder(dir.path())
        .into_iter()
        .filter(|(n, _)| !n.contains(LAPTOP))
        .collect();

    let out = sync(&a, dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let ex = a.export();
    let meals: Vec<&str> = ex["meals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        meals.contains(&"meal-st") && meals.contains(&"meal-db"),
        "{meals:?}"
    );
    assert!(
        err.contains("sync-conflict-20261120-211500-ABCDEFG.json, a copy your sync tool made"),
        "{err}"
    );
    for (file, why) in [
        ("dddddddddddddddd", "could not be read as a gutlog file"),
        ("eeeeeeeeeeeeeeee", "not UTF-8"),
        ("ffffffffffffffff", "newer gutlog"),
        ("0000000000000000", "could not be read as a gutlog file"),
        ("1111111111111111", "not a regular file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("gutlog-sync-{file}.json")))
            .unwrap_or_else(|| panic!("{file} not reported: {err}"));
        assert!(line.contains("skipped") && line.contains(why), "{line}");
    }
    assert!(!err.contains("tmp-4242"), "{err}");
    // Nothing but the laptop's own file was touched.
    let after: Vec<(String, Vec<u8>)> = folder(dir.path())
        .into_iter()
        .filter(|(n, _)| !n.contains(LAPTOP))
        .collect();
    assert_eq!(before, after);
    // The desktop gets both meals through the laptop's file.
    synced(&b, dir.path());
    assert_eq!(b.ok(&["export"]), a.ok(&["export"]));
}

#[test]
fn a_copied_diary_takes_a_new_device_id_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = machine(LAPTOP);
    import(&a, "2026-11-20T21:00:00", base());
    synced(&a, dir.path());
    // The diary file copied to a second computer, as people do.
    let b = Diary::new();
    std::fs::copy(&a.db, &b.db).unwrap();
    at(&a, "2026-11-20T21:10:00", &["delete", "meal-soup"]);
    at(
        &b,
        "2026-11-20T21:12:00",
        &["log", "checkin", "--sleep", "8"],
    );
    synced(&b, dir.path());
    let out = sync(&a, dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("another copy of this diary"), "{err}");
    let new_id = device_of(&a.db);
    assert_ne!(new_id, LAPTOP);
    assert!(dir
        .path()
        .join(format!("gutlog-sync-{new_id}.json"))
        .exists());
    synced(&b, dir.path());
    synced(&a, dir.path());
    let ex = a.export();
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
    assert_eq!(ex["checkins"][0]["sleep_hours"], 8.0);
    assert!(!ex["meals"].to_string().contains("meal-soup"));
    // Once apart, each keeps its own id: no further warnings.
    let out = sync(&b, dir.path());
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    assert_eq!(device_of(&b.db), LAPTOP);
}

#[test]
fn the_live_diary_is_never_synced() {
    let dir = tempfile::tempdir().unwrap();
    let d = Diary {
        db: dir.path().join("diary/gutlog.db"),
        dir: tempfile::tempdir().unwrap(),
    };
    d.ok(&["log", "stool", "4"]);
    let before = d.bytes();
    let err = d.fails(&["sync", dir.path().to_str().unwrap()], 2);
    assert!(err.contains("is inside the sync folder"), "{err}");
    assert_eq!(d.bytes(), before);
    // Refused before the diary is opened: a diary not made yet is not made.
    let new = dir.path().join("new/gutlog.db");
    let out = common::gutlog_at(&new)
        .args(["sync", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!new.exists() && !dir.path().join("new").exists());
    let missing = d.fails(&["sync", "/no/such/folder"], 2);
    assert!(missing.contains("/no/such/folder"), "{missing}");
    let file = d.fails(&["sync", d.db.to_str().unwrap()], 2);
    assert!(file.contains("is not a folder"), "{file}");
}

#[test]
fn paths_warns_when_the_diary_sits_in_a_folder_a_sync_tool_carries() {
    let plain = tempfile::tempdir().unwrap();
    let db = plain.path().join("a/b/gutlog.db");
    let out = common::gutlog_at(&db).arg("paths").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && !text.contains("Warning"), "{text}");
    for marker in gutlog::sync::folder::SYNC_MARKERS
        .iter()
        .copied()
        .chain([".sync_4f2a.db", "._sync_4f2a.db"])
    {
        for level in ["a/b", "a", ""] {
            let root = tempfile::tempdir().unwrap();
            let db = root.path().join("a/b/gutlog.db");
            std::fs::create_dir_all(db.parent().unwrap()).unwrap();
            std::fs::create_dir_all(root.path().join(level).join(marker)).unwrap();
            let out = common::gutlog_at(&db).arg("paths").output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("Warning: the diary is inside") && text.contains(marker),
                "{marker} in {level:?}: {text}"
            );
            assert!(text.contains("gutlog sync DIR"), "{text}");
        }
    }
}

/// SIGKILL at random moments of a sync: the diary stays healthy, every
/// file in the folder stays whole, and the next syncs converge.
#[test]
fn sigkill_during_sync_leaves_the_diary_and_the_folder_usable() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    a.ok(&["demo", "--days", "300", "--seed", "1"]);
    b.ok(&["demo", "--days", "300", "--seed", "2"]);
    synced(&b, dir.path());
    // How long a whole sync takes here, to spread the kills over it.
    let t = std::time::Instant::now();
    let probe = Diary::new();
    std::fs::copy(&a.db, &probe.db).unwrap();
    let probe_dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.path().join(format!("gutlog-sync-{DESKTOP}.json")),
        probe_dir.path().join(format!("gutlog-sync-{DESKTOP}.json")),
    )
    .unwrap();
    synced(&probe, probe_dir.path());
    let whole = t.elapsed().as_millis().max(20) as u64;
    let kills: u64 = std::env::var("GUTLOG_SYNC_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..kills {
        let mut child = common::process_at(&a.db)
            .args(["sync", dir.path().to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(0..whole)));
        let _ = child.kill();
        let _ = child.wait();
        let check = a.cmd().arg("check").output().unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        for (name, bytes) in folder(dir.path()) {
            if name.starts_with('.') {
                assert!(name.starts_with(".gutlog-tmp-"), "{name}");
                continue;
            }
            let text = String::from_utf8(bytes).unwrap();
            gutlog::exchange::parse(&text, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    synced(&a, dir.path());
    synced(&b, dir.path());
    synced(&a, dir.path());
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
    let left: Vec<String> = folder(dir.path())
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn the_own_file_is_private_and_is_the_diarys_export() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let a = machine(LAPTOP);
    a.ok(&["log", "stool", "4"]);
    let out = synced(&a, dir.path());
    let own: PathBuf = dir.path().join(format!("gutlog-sync-{LAPTOP}.json"));
    assert!(out.contains(own.to_str().unwrap()), "{out}");
    assert_eq!(
        std::fs::metadata(&own).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read_to_string(&own).unwrap(), a.ok(&["export"]));
}

/// A plan restarted twice on one day: the run started last is the current
/// one on both computers (when each run was started travels with it).
#[test]
fn a_plan_restarted_on_one_day_has_the_same_current_run_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    at(&a, "2026-11-20T20:00:00", &["plan", "start"]);
    at(&a, "2026-11-20T20:05:00", &["plan", "start"]);
    at(&a, "2026-11-20T20:06:00", &["plan", "tick", "1"]);
    synced(&a, dir.path());
    synced(&b, dir.path());
    let current = |d: &Diary| -> serde_json::Value {
        serde_json::from_str(&d.ok(&["plan", "--json"])).unwrap()
    };
    let (ca, cb) = (current(&a), current(&b));
    assert_eq!(ca["run"]["ticks"][0]["day"], 1, "{ca}");
    assert_eq!(ca["run"]["id"], cb["run"]["id"]);
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
    let ex = b.export();
    let run = ex["plan_runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == ca["run"]["id"])
        .unwrap();
    assert_eq!(run["created_at"], "2026-11-20T20:05:00");
}

/// The summary counts a check-in date whose fields changed once, as
/// "changed", however many of its fields the merge set.
#[test]
fn the_summary_counts_checkin_field_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    synced(&a, dir.path());
    synced(&b, dir.path());
    at(
        &a,
        "2026-11-20T21:10:00",
        &["log", "checkin", "--mood", "4", "--energy", "2"],
    );
    at(
        &b,
        "2026-11-20T21:12:00",
        &["log", "checkin", "--sleep", "7"],
    );
    let out = synced(&a, dir.path());
    assert!(out.contains("0 new, 0 changed, 0 deleted"), "{out}");
    let out = synced(&b, dir.path());
    assert!(out.contains("0 new, 1 changed, 0 deleted"), "{out}");
    let out = synced(&a, dir.path());
    assert!(out.contains("0 new, 1 changed, 0 deleted"), "{out}");
    let c = &serde_json::from_str::<serde_json::Value>(&a.ok(&["export"])).unwrap()["checkins"][0];
    assert_eq!(
        (&c["mood"], &c["energy"], &c["sleep_hours"]),
        (&json!(4), &json!(2), &json!(7.0))
    );
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
}

/// The profile (field by field) and dish parts carry change times: edits
/// and clearing carry over, the later change winning, and the exports end
/// identical.
#[test]
fn edits_to_the_profile_and_dish_parts_carry_over() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    at(
        &a,
        "2026-11-20T21:00:00",
        &["profile", "set", "--born", "1970"],
    );
    at(
        &a,
        "2026-11-20T21:00:00",
        &["log", "meal", "nan's pie", "--parts", "puff pastry, beef"],
    );
    synced(&a, folder.path());
    synced(&b, folder.path());
    // Edited on the laptop; another field and another dish on the desktop.
    at(
        &a,
        "2026-11-20T21:10:00",
        &["profile", "set", "--born", "1971"],
    );
    at(
        &a,
        "2026-11-20T21:10:00",
        &["log", "meal", "nan's pie", "--parts", "rice, beef"],
    );
    at(
        &b,
        "2026-11-20T21:15:00",
        &["profile", "set", "--sex", "female"],
    );
    at(
        &b,
        "2026-11-20T21:15:00",
        &["log", "meal", "dal", "--parts", "lentils, onion"],
    );
    synced(&a, folder.path());
    let out = synced(&b, folder.path());
    assert!(out.contains("1 new, 2 changed, 0 deleted"), "{out}");
    synced(&a, folder.path());
    let ex = |d: &Diary| -> serde_json::Value { serde_json::from_str(&d.ok(&["export"])).unwrap() };
    let (ea, eb) = (ex(&a), ex(&b));
    assert_eq!(eb["profile"], json!({"birth_year": 1971, "sex": "female"}));
    assert_eq!(
        eb["food_parts"],
        json!([{"food": "dal", "parts": ["lentil", "onion"]},
               {"food": "nan's pie", "parts": ["rice", "beef"]}])
    );
    assert_eq!(ea, eb);
    // The same field changed on both: the later change wins everywhere.
    at(
        &b,
        "2026-11-20T22:05:00",
        &["profile", "set", "--born", "1973"],
    );
    at(
        &a,
        "2026-11-20T22:00:00",
        &["profile", "set", "--born", "1972"],
    );
    at(
        &a,
        "2026-11-20T22:10:00",
        &["log", "meal", "dal", "--parts", "lentils, garlic"],
    );
    for d in [&a, &b, &a] {
        synced(d, folder.path());
    }
    let (ea, eb) = (ex(&a), ex(&b));
    assert_eq!(ea["profile"], json!({"birth_year": 1973, "sex": "female"}));
    assert_eq!(ea["food_parts"][0]["parts"], json!(["lentil", "garlic"]));
    assert_eq!(ea, eb);
    // A cleared profile is cleared everywhere.
    at(&b, "2026-11-20T22:30:00", &["profile", "clear"]);
    for d in [&b, &a] {
        synced(d, folder.path());
    }
    assert!(ex(&a).get("profile").is_none(), "{}", ex(&a));
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
    // Nothing left to do: syncing again writes nothing to either diary.
    let before = (a.bytes(), b.bytes());
    synced(&a, folder.path());
    synced(&b, folder.path());
    assert!(before == (a.bytes(), b.bytes()));
}

/// An experiment is one element with its pauses, extension and end: each
/// change made on one computer reaches the other.
#[test]
fn experiment_pauses_extensions_and_ends_carry_over() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    at(
        &a,
        "2026-11-20T21:00:00",
        &["experiment", "start", "dairy", "--symptom", "bloating"],
    );
    synced(&a, folder.path());
    let out = synced(&b, folder.path());
    assert!(out.contains("1 new"), "{out}");
    at(&a, "2026-11-25T20:00:00", &["experiment", "pause"]);
    synced(&a, folder.path());
    let out = synced(&b, folder.path());
    assert!(out.contains("0 new, 1 changed"), "{out}");
    at(&b, "2026-11-28T20:00:00", &["experiment", "resume"]);
    at(&b, "2026-11-28T20:01:00", &["experiment", "extend", "7"]);
    synced(&b, folder.path());
    synced(&a, folder.path());
    let ex = |d: &Diary| -> serde_json::Value { serde_json::from_str(&d.ok(&["export"])).unwrap() };
    let e = &ex(&a)["experiments"][0];
    assert_eq!(
        e["pauses"],
        json!([{"from": "2026-11-25", "to": "2026-11-28"}])
    );
    assert_eq!(e["extended_days"], 7);
    at(&a, "2026-12-05T20:00:00", &["experiment", "end"]);
    synced(&a, folder.path());
    synced(&b, folder.path());
    assert_eq!(ex(&b)["experiments"][0]["ended_on"], "2026-12-05");
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
}

/// Two experiments started on two computers before they synced, sharing
/// dates: the one started later is kept on both, the other removed (its
/// entries stay), and the sync says so.
#[test]
fn overlapping_experiments_from_two_computers_keep_the_later_one() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (machine(LAPTOP), machine(DESKTOP));
    at(
        &a,
        "2026-11-20T21:00:00",
        &["experiment", "start", "dairy", "--symptom", "bloating"],
    );
    at(
        &b,
        "2026-11-20T21:05:00",
        &["experiment", "start", "coffee", "--symptom", "heartburn"],
    );
    synced(&a, folder.path());
    synced(&b, folder.path());
    let out = synced(&a, folder.path());
    assert!(
        out.contains("share dates") && out.contains("dairy"),
        "{out}"
    );
    let ex = |d: &Diary| -> serde_json::Value { serde_json::from_str(&d.ok(&["export"])).unwrap() };
    let es = ex(&a)["experiments"].clone();
    assert_eq!(es.as_array().unwrap().len(), 1, "{es}");
    assert_eq!(es[0]["factor"], "food:coffee");
    for d in [&b, &a, &b] {
        synced(d, folder.path());
    }
    assert_eq!(a.ok(&["export"]), b.ok(&["export"]));
}
