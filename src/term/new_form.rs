//! `jixiao FILE` where FILE does not exist yet: a short form before the
//! workbench starts (unit name, year, scoring table), then a blank workbook
//! for that unit, marked new and written only when the officer saves.

use std::fmt::Write as _;

use std::io::{BufRead, Write};
use std::path::Path;

use serde_json::Value;

use super::session::Session;
use crate::app::{App, Origin, Status};
use crate::cli::new::resolve_table;
use crate::core::model::ScoringTable;
use crate::core::newbook::blank_workbook;
use crate::core::templates::Template;
use crate::core::{Bilingual, Lang};
use crate::store::{self, Document, Journal};

/// What the officer answered (or the defaults, when nobody is at the terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswers {
    pub unit: String,
    pub year: u16,
    pub table: ScoringTable,
}

impl NewAnswers {
    /// No answers: no unit name, the default year and table.
    #[must_use]
    pub fn defaults(year: u16) -> Self {
        Self {
            unit: String::new(),
            year,
            table: Template::DEFAULT.table(),
        }
    }
}

/// How many times a bad year or table is asked again before the default is taken.
const TRIES: usize = 3;

/// Asks for unit, year and table on `output`, reading lines from `input`.
/// An empty answer keeps the default; a bad one says why and asks again.
pub fn ask(
    file: &Path,
    default_year: u16,
    lang: Lang,
    input: &mut impl BufRead,
    output: &mut impl Write,
) -> NewAnswers {
    let zh = lang == Lang::Zh;
    let t = |a: &str, b: &str| if zh { a.to_owned() } else { b.to_owned() };
    let mut say = |text: String| {
        let _ = write!(output, "{text}");
        let _ = output.flush();
    };
    let mut line = || {
        let mut answer = String::new();
        let _ = input.read_line(&mut answer);
        answer.trim().to_owned()
    };
    say(t(
        &format!(
            "{} 尚不存在，新建自评工作簿（直接回车可跳过，之后在工作台中填写）\n",
            file.display()
        ),
        &format!(
            "{} does not exist yet: a new workbook (Enter skips; fill it in later in the workbench)\n",
            file.display()
        ),
    ));
    say(t("  单位名称：", "  Unit name: "));
    let unit = line();
    let mut answers = NewAnswers::defaults(default_year);
    answers.unit = unit;
    for _ in 0..TRIES {
        say(t(
            &format!("  年度 [{default_year}]："),
            &format!("  Fiscal year [{default_year}]: "),
        ));
        match parse_year(&line(), default_year) {
            Ok(year) => {
                answers.year = year;
                break;
            }
            Err(why) => say(format!("  {}\n", why.get(lang))),
        }
    }
    let choices = Template::ALL.iter().fold(String::new(), |mut text, tpl| {
        let _ = writeln!(text, "    {}: {}", tpl.key(), tpl.table().name);
        text
    });
    for _ in 0..TRIES {
        say(t(
            &format!(
                "  评分表（内置模板或评分表文件路径）：\n{choices}  [{}]：",
                Template::DEFAULT.key()
            ),
            &format!(
                "  Scoring table (a built-in template or a table file):\n{choices}  [{}]: ",
                Template::DEFAULT.key()
            ),
        ));
        match resolve_table(Some(&line())) {
            Ok(table) => {
                answers.table = table;
                break;
            }
            Err(why) => say(format!("  {}\n", why.get(lang))),
        }
    }
    answers
}

/// A year as typed: empty keeps `default_year`; otherwise 1949–2200.
///
/// # Errors
/// Not a whole number in that range.
pub fn parse_year(text: &str, default_year: u16) -> Result<u16, Bilingual> {
    let text = text.trim().trim_end_matches('年');
    if text.is_empty() {
        return Ok(default_year);
    }
    match text.parse::<u16>() {
        Ok(year) if (1949..=2200).contains(&year) => Ok(year),
        _ => Err(Bilingual::new(
            format!("“{text}”不是年度，请输入四位数年份，如 {default_year}"),
            format!("\"{text}\" is not a year; type four digits, e.g. {default_year}"),
        )),
    }
}

/// The workbench over a blank workbook for `answers` at `path`: marked new,
/// nothing written until the officer saves; a recovery left by an earlier
/// session on the same new file is offered back.
#[must_use]
pub fn start(
    path: &Path,
    answers: NewAnswers,
    journal: Option<Journal>,
    lang: Lang,
) -> (Session, App) {
    let workbook = blank_workbook(&answers.unit, answers.year, answers.table);
    let document = Document {
        path: path.to_path_buf(),
        origin: store::Origin::NewFromSample,
        original: serde_json::to_value(&workbook).unwrap_or(Value::Null),
        unknown_fields: Vec::new(),
        stamp: None,
        read_only: None,
    };
    let mut app = App::new(workbook, path.to_path_buf(), Origin::NewFile, lang);
    app.status = Some(Status {
        text: started_note(&app).get(lang).to_owned(),
        is_error: false,
    });
    let mut session = Session::new(document, journal);
    session.offer_recovery(&mut app);
    (session, app)
}

/// What the status bar says first: the year and table, and what is still missing.
fn started_note(app: &App) -> Bilingual {
    let wb = &app.workbook;
    let year = wb.unit.fiscal_year;
    let (mut zh, mut en) = (
        format!(
            "新建 {year} 年度自评工作簿，评分表：{}（未经核实）",
            wb.table.name
        ),
        format!(
            "New {year} workbook, scoring table: {} (not verified)",
            wb.table.name
        ),
    );
    if wb.unit.name.is_empty() {
        zh.push_str("；单位名称未填");
        en.push_str("; unit name not given yet");
    }
    Bilingual::new(zh, en)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn answer(typed: &str, lang: Lang) -> (NewAnswers, String) {
        let mut input = Cursor::new(typed.as_bytes().to_vec());
        let mut output = Vec::new();
        let answers = ask(
            Path::new("jiaoyuju-2024.json"),
            2025,
            lang,
            &mut input,
            &mut output,
        );
        (answers, String::from_utf8(output).expect("utf-8"))
    }

    #[test]
    fn typed_answers_become_unit_year_and_table() {
        let (answers, asked) = answer("湛江市霞山区教育局\n2024\nnational\n", Lang::Zh);
        assert_eq!(answers.unit, "湛江市霞山区教育局");
        assert_eq!(answers.year, 2024);
        assert_eq!(answers.table, Template::National.table());
        for needle in [
            "jiaoyuju-2024.json 尚不存在",
            "单位名称",
            "年度 [2025]",
            "seed",
            "national",
        ] {
            assert!(asked.contains(needle), "{needle}: {asked}");
        }
    }

    #[test]
    fn empty_answers_keep_the_defaults() {
        let (answers, _) = answer("\n\n\n", Lang::En);
        assert_eq!(answers, NewAnswers::defaults(2025));
        let (answers, _) = answer("", Lang::En);
        assert_eq!(answers, NewAnswers::defaults(2025), "end of input");
    }

    #[test]
    fn a_bad_year_or_table_is_explained_and_asked_again() {
        let (answers, asked) = answer("某局\n二〇二四\n2024年\nnope.json\nseed\n", Lang::Zh);
        assert_eq!(answers.year, 2024);
        assert_eq!(answers.table, Template::Seed.table());
        assert!(asked.contains("“二〇二四”不是年度"), "{asked}");
        assert!(asked.contains("nope.json"), "{asked}");
        let (_, asked) = answer("\n1800\n\n", Lang::En);
        assert!(asked.contains("\"1800\" is not a year"), "{asked}");
    }

    #[test]
    fn the_started_workbench_is_blank_new_and_unsaved() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("new.json");
        let answers = NewAnswers {
            unit: "湛江市霞山区教育局".to_owned(),
            ..NewAnswers::defaults(2024)
        };
        let (session, app) = start(&path, answers, None, Lang::Zh);
        assert_eq!(app.origin, Origin::NewFile);
        assert_eq!(app.workbook.unit.name, "湛江市霞山区教育局");
        assert_eq!(app.workbook.unit.fiscal_year, 2024);
        assert_eq!(app.workbook.budget, Default::default());
        assert!(app.workbook.narrative.team.is_empty());
        assert!(!path.exists(), "nothing written before a save");
        assert_eq!(session.document.stamp(), None);
        let note = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(note.contains("2024") && note.contains("未经核实"), "{note}");
        let (_, unnamed) = start(&path, NewAnswers::defaults(2024), None, Lang::Zh);
        let note = unnamed.status.map(|s| s.text).unwrap_or_default();
        assert!(note.contains("单位名称未填"), "{note}");
    }
}
