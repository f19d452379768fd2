//! Bad input everywhere: property tests over the import format and every
//! argument parser (no panic; what import accepts, the database accepts),
//! Unicode stored byte-for-byte, and no network crate in the build.

mod common;
use common::Diary;
use gutlog::domain::food::{split_foods, FoodBook};
use gutlog::domain::time::{parse_date, parse_when};
use gutlog::domain::{parse_red_flag, parse_symptom, Bristol, Clock, IntakeKind, Severity, Slot};
use gutlog::store::Store;
use proptest::prelude::*;

fn clock() -> Clock {
    Clock::fixed(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(21, 0, 0)
            .unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn argument_parsers_never_panic(s in "\\PC{0,40}") {
        let c = clock();
        let _ = parse_when(&s, &c);
        let _ = parse_date(&s, &c);
        let _ = Severity::parse(&s);
        let _ = Bristol::parse(&s);
        let _ = Slot::parse(&s);
        let _ = IntakeKind::parse(&s);
        let _ = parse_red_flag(&s);
        let _ = parse_symptom(&s, &["hiccups".to_string()]);
        let _ = gutlog::domain::food::parse_tag(&s);
        let book = FoodBook::bundled();
        let foods = split_foods(&s);
        let _ = book.infer(&foods);
        let _ = book.complete(&s, 5);
        prop_assert!(foods.iter().all(|f| !f.trim().is_empty()));
    }

    #[test]
    fn time_like_inputs_parse_or_explain(h in 0u32..40, m in 0u32..80, day in 0u32..40, month in 0u32..15) {
        let c = clock();
        for s in [format!("{h}:{m:02}"), format!("2026-{month:02}-{day:02} {h:02}:{m:02}"), format!("yesterday {h}:{m:02}")] {
            match parse_when(&s, &c) {
                Ok(t) => prop_assert!(t.format("%Y").to_string().starts_with("20")),
                Err(e) => prop_assert!(!e.0.is_empty()),
            }
        }
    }
}

/// Records in the exchange format with values drawn from wide ranges.
fn any_record() -> impl Strategy<Value = (String, serde_json::Value)> {
    let text = prop_oneof![Just(None), "\\PC{0,12}".prop_map(Some)];
    prop_oneof![
        (any::<i64>(), "[0-9:T -]{0,20}", text.clone()).prop_map(|(sev, at, note)| (
            "symptoms".to_string(),
            serde_json::json!({"at": at, "symptom": "gas", "severity": sev % 6, "note": note})
        )),
        (-2i64..10, prop::sample::select(vec!["2026-11-20T08:00:00", "2026-02-30T08:00:00", "x"])).prop_map(|(b, at)| (
            "stools".to_string(),
            serde_json::json!({"at": at, "bristol": b})
        )),
        (-1i64..7, -1.0f64..30.0, -5i64..60, -10i64..2000).prop_map(|(mood, sleep, water, mov)| (
            "checkins".to_string(),
            serde_json::json!({"date": "2026-11-20", "mood": mood, "sleep_hours": (sleep * 4.0).round() / 4.0,
                               "water_glasses": water, "movement_minutes": mov})
        )),
        (prop::collection::vec("\\PC{0,10}", 0..4), prop::option::of(prop::collection::vec("[a-z_]{1,12}", 0..3)))
            .prop_map(|(foods, tags)| (
                "meals".to_string(),
                serde_json::json!({"at": "2026-11-20T12:00:00", "foods": foods, "tags": tags})
            )),
        ("\\PC{0,10}", prop::option::of("[a-z]{0,12}")).prop_map(|(name, kind)| (
            "intakes".to_string(),
            serde_json::json!({"at": "2026-11-20T09:00:00", "name": name, "kind": kind})
        )),
        ("[a-z_]{0,25}", -1i64..10).prop_map(|(flag, day)| (
            "red_flags".to_string(),
            serde_json::json!({"date": format!("2026-11-{:02}", day.rem_euclid(31)), "flag": flag})
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Whatever the parser accepts, the database accepts in full; whatever
    /// it refuses, it refuses with a message naming the record.
    #[test]
    fn import_is_validated_completely(records in prop::collection::vec(any_record(), 0..8)) {
        let mut doc = serde_json::json!({"format": "gutlog", "version": 1});
        for (key, rec) in records {
            doc.as_object_mut().unwrap().entry(key).or_insert_with(|| serde_json::json!([]))
                .as_array_mut().unwrap().push(rec);
        }
        let text = doc.to_string();
        let mut store = Store::open_in_memory().unwrap();
        match gutlog::exchange::parse(&text, &[]) {
            Ok(ex) => {
                store.import(&ex).expect("validated data must fit the schema");
            }
            Err(e) => {
                prop_assert!(e.0.contains('[') || e.0.contains("must"), "{}", e.0);
                prop_assert!(store.is_empty().unwrap());
            }
        }
    }

    #[test]
    fn arbitrary_bytes_as_import_never_panic(text in "\\PC{0,200}") {
        let _ = gutlog::exchange::parse(&text, &[]);
    }
}

#[test]
fn unicode_text_is_stored_and_exported_byte_for_byte() {
    let d = Diary::new();
    let samples = [
        "麻婆豆腐, 饺子",                 // CJK
        "👩‍👩‍👧 family pizza, 🏳️‍🌈 cake",       // emoji with joiners
        "crème brûlée, jalapen\u{0303}o", // precomposed and combining marks
        "فلافل, حمص",                      // right-to-left
        "ﬁsh, Straße, İstanbul kebap",    // ligature and case-folding traps
    ];
    for s in samples {
        d.ok(&["log", "meal", s, "--at", "12:00", "--note", s]);
    }
    let ex = d.export();
    let meals = ex["meals"].as_array().unwrap();
    let notes: Vec<&str> = meals.iter().map(|m| m["note"].as_str().unwrap()).collect();
    for s in samples {
        assert!(notes.contains(&s), "{s} not stored byte-for-byte");
        let foods = split_foods(s);
        assert!(
            meals.iter().any(|m| m["foods"] == serde_json::json!(foods)),
            "{s}"
        );
    }
    // Control characters are refused with a message, never stored.
    for bad in ["a\u{1b}[31mred", "back\u{8}space", "bell\u{7}"] {
        let err = d.fails(&["log", "meal", bad], 2);
        assert!(err.contains("control character"), "{err}");
    }
    let err = d.fails(&["log", "meal", &"x".repeat(5000)], 2);
    assert!(err.contains("too long"), "{err}");
}

/// Crates that speak HTTP, TLS or sockets. If one appears in Cargo.lock,
/// gutlog could start talking to the network: this test must fail.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "http",
    "http-body",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "tokio-rustls",
    "webpki",
    "webpki-roots",
    "socket2",
    "tungstenite",
    "tokio-tungstenite",
    "quinn",
    "trust-dns-resolver",
    "hickory-resolver",
    "hickory-proto",
    "libp2p",
    "zmq",
    "nng",
    "lettre",
    "async-std",
];

#[test]
fn no_network_crate_in_the_build() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(names.contains(&"rusqlite"), "Cargo.lock parsed");
    for n in NETWORK_CRATES {
        assert!(
            !names.contains(n),
            "Cargo.lock contains the network crate {n}"
        );
    }
}

#[test]
fn no_network_code_in_the_source() {
    let files = common::rust_sources();
    assert!(files.len() > 10);
    for (path, text) in files {
        for needle in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "UnixStream",
            "TcpListener",
        ] {
            assert!(!text.contains(needle), "{} uses {needle}", path.display());
        }
    }
}
