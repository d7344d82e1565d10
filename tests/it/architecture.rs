//! The layout ARCHITECTURE.md describes, checked on the source itself: the
//! top-level modules form no import cycle, the pure core imports no shell
//! module, only `store` and `service` write to the journal, and no source
//! file grows past about 800 lines before its tests.
// A test that reads files may stop at once on a broken tree.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file with its top-level module (`src/ui/tabs/x.rs` is in
/// `ui`; `lib.rs` and `main.rs` are the crate root and the binary).
fn files() -> Vec<(String, PathBuf, String)> {
    let mut paths = Vec::new();
    rust_files(&src(), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(src()).unwrap();
            let first = rel.components().next().unwrap().as_os_str().to_string_lossy();
            let module = first.trim_end_matches(".rs").to_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            (module, path, text)
        })
        .collect()
}

/// The code of a file without its comments (doc links are not imports).
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim_start().starts_with("//"))
}

/// Which top-level modules each one names as `crate::<module>`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, _, text) in files() {
        if module == "lib" || module == "main" {
            continue;
        }
        let deps = graph.entry(module.clone()).or_default();
        for line in code_lines(&text) {
            for (at, _) in line.match_indices("crate::") {
                let rest = &line[at + "crate::".len()..];
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                // `crate::{a, b}` groups.
                if rest.starts_with('{') {
                    let group = &rest[1..rest.find('}').unwrap_or(rest.len())];
                    for part in group.split(',') {
                        let part: String = part
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !part.is_empty() && part != module {
                            deps.insert(part);
                        }
                    }
                } else if !name.is_empty() && name != module && name.chars().next().is_some_and(char::is_lowercase) {
                    deps.insert(name);
                }
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn the_top_level_modules_form_no_import_cycle() {
    let graph = imports();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles between top-level modules:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_pure_core_imports_no_shell_module() {
    let graph = imports();
    let allowed: [(&str, &[&str]); 2] = [
        ("domain", &["units", "sanitize"]),
        ("clinical", &["domain", "units", "sanitize"]),
    ];
    for (core, may) in allowed {
        let extra: Vec<&String> = graph[core].iter().filter(|d| !may.contains(&d.as_str())).collect();
        assert!(extra.is_empty(), "{core} imports {extra:?}; it may import only {may:?}");
    }
    // Nor do they read a clock, the environment or the file system.
    for (module, path, text) in files() {
        if module != "domain" && module != "clinical" {
            continue;
        }
        for bad in [
            "Local::now",
            "Utc::now",
            "SystemTime",
            "std::env",
            "std::fs",
            "ratatui",
            "crossterm",
            "rusqlite",
        ] {
            assert!(
                !code_lines(&text).any(|l| l.contains(bad)),
                "{} uses {bad}: the core is pure",
                path.display()
            );
        }
    }
}

/// The store's write calls, and the transactions, by name.
const WRITES: &[&str] = &[
    ".save_profile(",
    ".save_checkin(",
    ".delete_checkin(",
    ".delete_run(",
    ".add_runs(",
    ".save_exercise(",
    ".save_plan_entry(",
    ".add_exercise(",
    ".change_plan(",
    ".remove_plan_entry(",
    ".save_completion(",
    ".delete_completion(",
    ".save_test(",
    ".acknowledge(",
    ".save_phase_change(",
    ".save_outcome(",
    ".delete_outcome(",
    ".replace_with(",
    "store.import(",
    ".begin_write(",
    "Transaction::new",
    ".transaction(",
];

#[test]
fn only_store_and_service_write_to_the_journal() {
    let mut found = Vec::new();
    for (module, path, text) in files() {
        if module == "store" || module == "service" {
            continue;
        }
        // Unit tests may set up a journal however they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for write in WRITES {
                // `self.acknowledge(…)` is the app's own method, not a store's.
                let by_store = line.match_indices(write).any(|(at, _)| !line[..at].ends_with("self"));
                if by_store {
                    found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "journal writes outside store/ and service/ (build a service::Change instead):\n{}",
        found.join("\n")
    );
}

#[test]
fn no_source_file_is_over_about_800_lines_before_its_tests() {
    let long: Vec<String> = files()
        .into_iter()
        .filter_map(|(_, path, text)| {
            let before = text.split("#[cfg(test)]").next().unwrap_or_default().lines().count();
            (before > 820).then(|| format!("{}: {before} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these along their seams:\n{}", long.join("\n"));
}
