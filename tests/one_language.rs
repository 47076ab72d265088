//! One language at a time: every interface string pair, `Tr("中文", "English")`
//! (constants, pane registry, key bindings), holds no letters or punctuation
//! of the other language. Read from the source, so a new string is checked
//! the moment it is written.

use std::path::Path;

/// ASCII words a Chinese interface may show: key names, file types, programs.
const ZH_MAY_SHOW: &[&str] = &[
    "Ctrl",
    "Enter",
    "Esc",
    "Tab",
    "Shift",
    "Space",
    "Backspace",
    "Del",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "md",
    "docx",
    "pdf",
    "xlsx",
    "csv",
    "json",
    "Word",
    "PDF",
    "LibreOffice",
    "CSV",
    "JSON",
    "n/a",
    "bak",
    "Markdown",
    "soffice",
    "jixiao",
    "check",
    "JIXIAO_ENTER_STAYS",
];

fn is_cjk_or_fullwidth(c: char) -> bool {
    matches!(u32::from(c), 0x3000..=0x303F | 0x3400..=0x9FFF | 0xFF00..=0xFFEF | 0x2018..=0x201D)
}

/// The string pairs of `Tr(zh, en)` and `bind!(…, zh, en, hint)` in a source text.
fn pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let quoted = |s: &str| -> Vec<String> {
        let mut v = Vec::new();
        let mut rest = s;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('"') else { break };
            v.push(after[..end].to_owned());
            rest = &after[end + 1..];
        }
        v
    };
    for (i, _) in text.match_indices("Tr(\"") {
        let tail = &text[i + 2..];
        let end = tail.find(')').unwrap_or(tail.len());
        let q = quoted(&tail[..end]);
        if q.len() == 2 {
            out.push((q[0].clone(), q[1].clone()));
        }
    }
    for line in text.lines().filter(|l| is_texts_row(l)) {
        let q = quoted(line);
        if q.len() == 2 {
            out.push((q[0].clone(), q[1].clone()));
        }
    }
    for line in text
        .lines()
        .filter(|l| l.trim_start().starts_with("bind!("))
    {
        let q = quoted(line);
        if q.len() >= 2 {
            out.push((q[q.len() - 2].clone(), q[q.len() - 1].clone()));
        }
    }
    out
}

/// A row of `i18n::texts!`: `pub NAME: "中文", "English";`.
fn is_texts_row(line: &str) -> bool {
    let row = line.trim_start();
    let row = row
        .strip_prefix("pub(crate) ")
        .or_else(|| row.strip_prefix("pub "))
        .unwrap_or(row);
    row.split_once(": \"").is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }) && row.ends_with("\";")
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The ASCII words of two letters or more left in a Chinese text once the
/// words it may show are taken out.
fn english_words(zh: &str) -> Vec<String> {
    let mut rest = zh.to_owned();
    for word in ZH_MAY_SHOW {
        rest = rest.replace(word, " ");
    }
    rest.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_interface_string_holds_one_language() {
    let mut files = Vec::new();
    sources(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/app")),
        &mut files,
    );
    sources(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui")),
        &mut files,
    );
    files.push(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n.rs")).to_path_buf());
    let mut bad = Vec::new();
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (zh, en) in pairs(&text) {
            seen += 1;
            if en.chars().any(is_cjk_or_fullwidth) {
                bad.push(format!("en holds Chinese: {en:?} ({})", file.display()));
            }
            // A key letter standing alone ("a", "K/J", "S 保存") is not English prose.
            let words = english_words(&zh);
            if !words.is_empty() && zh.chars().any(|c| u32::from(c) >= 0x3400) {
                bad.push(format!("zh holds English: {zh:?} ({})", file.display()));
            }
        }
    }
    assert!(seen > 200, "found only {seen} string pairs");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_detector_catches_the_mixed_strings_of_issue_16() {
    let found = pairs(r#"pub const P: Tr = Tr("报告所写 / printed", "printed");"#);
    assert_eq!(found.len(), 1);
    assert_eq!(english_words(&found[0].0), ["printed"]);
    // Key letters are names, not words; a placeholder in English is a word.
    assert!(english_words("S 保存并退出 · K/J 上移/下移 · Esc 返回").is_empty());
    assert_eq!(english_words("可用 jixiao check FILE"), ["FILE"]);
    let row = pairs(r#"    pub P: "报告所写 / printed", "printed";"#);
    assert_eq!(row, found, "a texts! row reads as the same pair");
    assert!("A3.1 差异率，".chars().any(is_cjk_or_fullwidth));
    assert!(!"Exceeds (5%)".chars().any(is_cjk_or_fullwidth));
}
