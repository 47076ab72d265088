//! The what-if part of `jixiao check`: the nearest input values at which each
//! computed leaf's score changes, and what moves the grade.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::core::Lang;
use crate::core::engine::what_if::{GradeMove, InputMove, WhatIf};
use crate::core::engine::what_if_text::{grade_text, move_text};

fn dec(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn move_json(m: &InputMove) -> Value {
    json!({
        "field": m.field.key(),
        "current": m.current.to_string(),
        "target": m.target.to_string(),
        "rate_exact": dec(m.rate_exact),
        "rate_shown": dec(m.rate_shown),
        "score_after": m.score_after.to_string(),
    })
}

fn grade_json(g: Option<&GradeMove>) -> Value {
    g.map_or(Value::Null, |g| {
        json!({
            "to": g.to,
            "points": g.points.to_string(),
            "inclusive": g.inclusive,
            "leaves": g.leaves,
        })
    })
}

/// The `what_if` object of `check --json` (docs/format.md §3).
#[must_use]
pub fn to_json(w: &WhatIf) -> Value {
    json!({
        "leaves": w.leaves.iter().map(|l| json!({
            "code": l.code,
            "metric": l.metric.map(|m| m.key()),
            "score": l.score.to_string(),
            "moves": l.moves.iter().map(move_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "grade": {
            "current": w.total.grade,
            "raise": grade_json(w.total.raise.as_ref()),
            "lower": grade_json(w.total.lower.as_ref()),
        },
    })
}

/// A code from the workbook, on one line with its controls escaped.
fn safe(text: &str) -> String {
    crate::text::escape_controls(text, false).into_owned()
}

/// One line per move, as the text report writes it.
fn move_line(m: &InputMove, lang: Lang) -> String {
    move_text(m).get(lang).to_owned()
}

fn grade_line(g: &GradeMove, raise: bool, lang: Lang) -> String {
    safe(grade_text(g, raise).get(lang))
}

/// The 【假如】 section of `check`'s text report.
#[must_use]
pub fn to_text(w: &WhatIf, lang: Lang) -> String {
    let mut out = String::new();
    let title = match lang {
        Lang::Zh => "【假如】",
        Lang::En => "[What if]",
    };
    let _ = writeln!(out, "\n{title}");
    for leaf in w.leaves.iter().filter(|l| !l.moves.is_empty()) {
        let _ = writeln!(out, "  {} {}", safe(&leaf.code), safe(leaf.label.get(lang)));
        for m in &leaf.moves {
            let _ = writeln!(out, "    {}", move_line(m, lang));
        }
    }
    for (g, raise) in [(&w.total.raise, true), (&w.total.lower, false)] {
        if let Some(g) = g {
            let _ = writeln!(out, "  {}", grade_line(g, raise, lang));
        }
    }
    out
}
