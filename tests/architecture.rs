//! The structure STYLE.md describes, checked on the source itself: the
//! TUI's modules form no import cycle (key → keymap → Action → update →
//! Effect → store → view runs one way), SQL lives only in `src/store/`,
//! and the layers below the front ends never reach up into them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out
}

/// The source without its unit-test module, which may reach anywhere.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The direct submodule of `src/tui` a file belongs to (`views/today.rs`
/// belongs to `views`); `mod.rs` of the TUI itself belongs to none.
fn tui_module(tui: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(tui).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "mod").then_some(name)
}

/// The identifiers that follow `prefix` in `text`: `prefix::name` and
/// every name at the top of `prefix::{a, b::c, d}`.
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        // Only a whole path segment: `super::` is not part of `super::super::`'s tail here.
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        let head = item.trim().split("::").next().unwrap_or("").trim();
                        if !head.is_empty() {
                            out.push(head.to_string());
                        }
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let head = item.trim().split("::").next().unwrap_or("").trim();
                        if !head.is_empty() {
                            out.push(head.to_string());
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Which TUI module uses which: an edge for each `super::m` (from a file
/// directly in `src/tui`), `super::super::m` (from a file in a
/// subfolder) and `crate::tui::m` naming another of the TUI's modules.
fn tui_graph() -> BTreeMap<String, BTreeSet<String>> {
    let tui = src().join("tui");
    let files = rust_files(&tui);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| tui_module(&tui, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(from) = tui_module(&tui, file) else {
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        let text = without_tests(&text);
        let nested = file.parent() != Some(tui.as_path());
        let is_folder_root = nested && file.file_name().is_some_and(|n| n == "mod.rs");
        let mut used = names_after(text, "crate::tui::");
        if nested && !is_folder_root {
            used.extend(names_after(text, "super::super::"));
        } else {
            used.extend(names_after(text, "super::"));
        }
        let deps = graph.entry(from.clone()).or_default();
        for m in used {
            if m != from && modules.contains(&m) {
                deps.insert(m);
            }
        }
    }
    graph
}

/// The groups of modules that reach one another (Tarjan's strongly
/// connected components of more than one module), each sorted.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let i = w.index.len();
        w.index.insert(v, i);
        w.low.insert(v, i);
        w.stack.push(v);
        let graph = w.graph;
        for u in graph.get(v).into_iter().flatten() {
            let u = u.as_str();
            if !w.index.contains_key(u) {
                visit(w, u);
                let lu = w.low[u];
                let lv = w.low.get_mut(v).unwrap();
                *lv = (*lv).min(lu);
            } else if w.stack.contains(&u) {
                let iu = w.index[u];
                let lv = w.low.get_mut(v).unwrap();
                *lv = (*lv).min(iu);
            }
        }
        if w.low[v] == w.index[v] {
            let mut group = Vec::new();
            while let Some(u) = w.stack.pop() {
                group.push(u.to_string());
                if u == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}

fn graph_of(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in edges {
        g.entry((*a).to_string())
            .or_default()
            .insert((*b).to_string());
        g.entry((*b).to_string()).or_default();
    }
    g
}

/// The checker itself finds a cycle when there is one, and only then.
#[test]
fn the_cycle_check_finds_a_planted_cycle() {
    let with = graph_of(&[
        ("app", "update"),
        ("update", "today"),
        ("today", "state"),
        ("state", "notes"),
        ("notes", "app"),
        ("update", "state"),
    ]);
    assert_eq!(
        cycles(&with),
        vec![vec!["app", "notes", "state", "today", "update"]]
    );
    let without = graph_of(&[
        ("app", "update"),
        ("update", "today"),
        ("today", "state"),
        ("state", "notes"),
        ("update", "state"),
    ]);
    assert!(cycles(&without).is_empty());
    assert_eq!(
        names_after(
            "use super::{a, b::{c, d}, e::f};\nsuper::g::h(); x_super::i",
            "super::"
        ),
        vec!["a", "b", "e", "g"]
    );
}

/// No module of the TUI reaches back to one that reaches it: the state
/// knows no screen, the screens know no `update`, the effects side is one
/// way (issue 9 found `state` → `notes` → `app` → `update` → `today` →
/// `state`, and `effects` ↔ `experiment_effects`).
#[test]
fn the_tui_modules_form_no_import_cycle() {
    let graph = tui_graph();
    // The graph is really read: the loop's known edges are in it.
    assert!(graph["app"].contains("update"), "{graph:?}");
    assert!(graph["update"].contains("today"), "{graph:?}");
    assert!(graph["today"].contains("state"), "{graph:?}");
    assert!(graph["views"].contains("state"), "{graph:?}");
    let found = cycles(&graph);
    assert!(found.is_empty(), "import cycles in src/tui: {found:?}");
}

/// SQL is written only in `src/store/`: no other file names rusqlite or
/// holds a statement.
#[test]
fn sql_lives_only_in_the_store() {
    let store = src().join("store");
    let statements = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "CREATE TABLE",
        "PRAGMA ",
    ];
    let mut checked = 0;
    for file in rust_files(&src()) {
        if file.starts_with(&store) {
            continue;
        }
        checked += 1;
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("rusqlite"),
            "{} uses rusqlite",
            file.display()
        );
        for s in statements {
            assert!(!text.contains(s), "{} holds SQL ({s})", file.display());
        }
    }
    assert!(checked > 50, "only {checked} files read");
}

/// The layers under the front ends (domain, analysis, store, content)
/// never use the TUI or the CLI.
#[test]
fn the_lower_layers_never_reach_up_to_the_front_ends() {
    let root = src();
    let mut files = Vec::new();
    for dir in ["domain", "analysis", "store"] {
        files.extend(rust_files(&root.join(dir)));
    }
    files.push(root.join("content.rs"));
    assert!(files.len() > 10);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for front in ["crate::tui", "crate::cli"] {
            assert!(!text.contains(front), "{} uses {front}", file.display());
        }
    }
}
