//! `src/core` stays pure: no terminal, no file system, no clock, no process
//! or environment. Fails naming the file and line of any such use.
//!
//! Comments and string literals are stripped first, so a doc comment that
//! mentions `std::fs` or a message that quotes it does not count.

use std::path::{Path, PathBuf};

/// Path roots and names that must not appear in core code.
const FORBIDDEN_PATHS: &[&str] = &[
    "std::fs",
    "std::io",
    "std::time",
    "std::process",
    "std::env",
    "std::net",
];
/// `std` modules that must not appear inside a grouped `use std::{…}`.
const FORBIDDEN_STD_MODULES: &[&str] = &["fs", "io", "time", "process", "env", "net"];
/// Identifiers (crates, clock types) that must not appear at all.
const FORBIDDEN_WORDS: &[&str] = &[
    "crossterm",
    "ratatui",
    "tempfile",
    "directories",
    "SystemTime",
    "Instant",
    "UNIX_EPOCH",
];
/// Macros that write to the terminal.
const FORBIDDEN_MACROS: &[&str] = &["println", "print", "eprintln", "eprint", "dbg"];

/// The code with comments, string literals and char literals blanked out
/// (newlines kept, so line numbers stay right).
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = at(i);
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && at(i) != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if at(i) == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if at(i) == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, at(i));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(at(i + 1), '"' | '#')
            && i.checked_sub(1)
                .is_none_or(|p| !is_ident(at(p)) || at(p) == 'b')
        {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if at(j) == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, at(j));
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && at(i) != '"' {
                if at(i) == '\\' {
                    i += 1;
                }
                blank(&mut out, at(i));
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{3000}'), or else a lifetime.
            if at(i + 1) == '\\' {
                i += 2;
                while i < chars.len() && at(i) != '\'' {
                    i += 1;
                }
                out.push_str("' '");
                i += 1;
            } else if at(i + 2) == '\'' {
                out.push_str("' '");
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Positions where `word` occurs as a whole identifier.
fn word_positions<'a>(code: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    code.match_indices(word).filter_map(move |(i, _)| {
        let before = code.get(..i).and_then(|s| s.chars().next_back());
        let after = code.get(i + word.len()..).and_then(|s| s.chars().next());
        let whole = !before.is_some_and(is_ident) && !after.is_some_and(is_ident);
        whole.then_some(i)
    })
}

fn line_of(code: &str, offset: usize) -> usize {
    code.get(..offset).map_or(0, |s| s.matches('\n').count()) + 1
}

/// Every impure use in `source`, as (line, what).
fn violations(source: &str) -> Vec<(usize, String)> {
    let code = strip(source);
    // `std :: fs` and `std::fs` alike.
    let squeezed: String = code.chars().filter(|c| *c != ' ' && *c != '\t').collect();
    let mut found = Vec::new();
    for path in FORBIDDEN_PATHS {
        let root = path.split("::").next().unwrap_or_default();
        for at in word_positions(&code, root) {
            let rest: String = code
                .get(at..)
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(path.len() + 1)
                .collect();
            let next = rest.chars().nth(path.len());
            if rest.starts_with(path) && !next.is_some_and(is_ident) {
                found.push((line_of(&code, at), (*path).to_owned()));
            }
        }
    }
    for (at, _) in squeezed.match_indices("std::{") {
        let group: String = squeezed
            .get(at + 6..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c != '}')
            .collect();
        for item in group.split(',') {
            let first = item.split("::").next().unwrap_or_default();
            if FORBIDDEN_STD_MODULES.contains(&first) {
                found.push((0, format!("std::{{{first}}} in a grouped use")));
            }
        }
    }
    for word in FORBIDDEN_WORDS {
        for at in word_positions(&code, word) {
            found.push((line_of(&code, at), (*word).to_owned()));
        }
    }
    for mac in FORBIDDEN_MACROS {
        for at in word_positions(&code, mac) {
            let next = code
                .get(at + mac.len()..)
                .and_then(|s| s.trim_start().chars().next());
            if next == Some('!') {
                found.push((line_of(&code, at), format!("{mac}!")));
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_imports_no_terminal_file_system_clock_process_or_env() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() >= 10, "found only {files:?}");
    let mut report = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("readable");
        for (line, what) in violations(&source) {
            report.push(format!("{}:{line}: {what}", file.display()));
        }
    }
    assert!(
        report.is_empty(),
        "src/core must stay pure:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_scanner_catches_what_it_should() {
    let bad = [
        "use std::fs;",
        "use std::fs::File;",
        "let t = std::fs::read_to_string(p);",
        "use std::io::Write;",
        "use std::{collections::HashMap, fs};",
        "use std::{ io::{self, Write} };",
        "use std::time::Instant;",
        "let now = SystemTime::now();",
        "std :: process :: exit(1);",
        "let home = std::env::var(\"HOME\");",
        "use crossterm::event;",
        "use ratatui::widgets::Paragraph;",
        "let dir = tempfile::tempdir();",
        "let d = directories::ProjectDirs::from(\"\", \"\", \"x\");",
        "println!(\"hi\");",
        "eprintln! (\"hi\");",
        "dbg!(x);",
    ];
    for snippet in bad {
        assert!(!violations(snippet).is_empty(), "missed: {snippet}");
    }
}

#[test]
fn the_scanner_ignores_comments_strings_and_lookalikes() {
    let good = [
        "// writes with std::fs in the caller, not here",
        "/* crossterm /* nested */ ratatui */ let x = 1;",
        "//! Nothing here touches std::time or SystemTime.",
        "let s = \"std::fs::read\";",
        "let s = r#\"use crossterm; \"quoted\" \"#;",
        "use std::fmt::Write as _;",
        "use std::collections::{BTreeMap, HashMap};",
        "fn f<'a>(x: &'a str) -> char { '\"' }",
        "let c = '／'; let q = '\\''; let fs = 1;",
        "let my_instant_value = 1; let printer = 2; let directories_count = 3;",
        "let text = format!(\"{x}\"); write!(out, \"x\");",
        "include_str!(\"../../assets/samples/xiashan-2023.json\")",
    ];
    for snippet in good {
        assert_eq!(violations(snippet), Vec::new(), "false alarm: {snippet}");
    }
}
