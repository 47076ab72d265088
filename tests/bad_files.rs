//! Every file in tests/fixtures/bad/ is refused with a message that names the
//! file, the line and column (where there is one), and what was expected, in
//! Chinese and in English.

use std::path::Path;

use jixiao::core::format::{LoadError, load};

struct Case {
    file: &'static str,
    position: Option<(usize, usize)>,
    en: &'static [&'static str],
    zh: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "invalid-json.json",
        position: Some((4, 3)),
        en: &["line 4, column 3", "expected `,` or `}`"],
        zh: &["第 4 行第 3 列", "JSON 语法错误", "此处应为逗号 , 或 }"],
    },
    Case {
        file: "truncated.json",
        position: Some((10, 1)),
        en: &["line 10, column 1", "EOF while parsing a value"],
        zh: &["第 10 行第 1 列", "文件在此处结束，应为一个值"],
    },
    Case {
        file: "wrong-type.json",
        position: Some((4, 44)),
        en: &[
            "line 4, column 44",
            "invalid type: string \"2023\", expected a whole number from 0 to 65535",
            "(at unit.fiscal_year)",
        ],
        zh: &[
            "第 4 行第 44 列",
            "类型不符：此处为字符串 \"2023\"，应为 0–65535 的整数",
            "位置 unit.fiscal_year",
        ],
    },
    Case {
        file: "count-fraction.json",
        position: Some((5, 55)),
        en: &[
            "floating point `12.5`",
            "expected a whole number",
            "(at staffing.retired)",
        ],
        zh: &["此处为小数 12.5", "的整数", "位置 staffing.retired"],
    },
    Case {
        file: "three-decimals.json",
        position: Some((7, 28)),
        en: &[
            "line 7, column 28",
            "invalid amount \"588.555\": more than 2 decimal places",
            "expected a decimal string with at most 2 places",
            "(at budget.income_budget_total)",
        ],
        zh: &[
            "第 7 行第 28 列",
            "金额 \"588.555\" 无效：小数位数超过 2 位",
            "应为最多两位小数的数字字符串",
            "位置 budget.income_budget_total",
        ],
    },
    Case {
        file: "letters.json",
        position: Some((8, 30)),
        en: &[
            "invalid amount \"58O.06\": not a plain decimal number",
            "expected a decimal string",
            "(at budget.income_budget_general)",
        ],
        zh: &[
            "金额 \"58O.06\" 无效：含有数字以外的字符",
            "位置 budget.income_budget_general",
        ],
    },
    Case {
        file: "unknown-rule-kind.json",
        // At the bad kind itself (the derived rule reader placed it at the
        // rule's closing brace, column 85).
        position: Some((13, 83)),
        en: &[
            "unknown variant `sometimes`, expected one of `threshold`",
            "(at table.indicators[0].rule.kind)",
        ],
        zh: &[
            "未知取值 sometimes，应为 threshold、step",
            "位置 table.indicators[0].rule.kind",
        ],
    },
    Case {
        file: "missing-field.json",
        position: Some((4, 33)),
        en: &["missing field `name`", "(at unit)"],
        zh: &["缺少字段 name", "位置 unit"],
    },
    Case {
        file: "missing-top-field.json",
        position: Some((757, 1)),
        en: &["missing field `unit`"],
        zh: &["缺少字段 unit"],
    },
    Case {
        file: "count-too-many-digits.json",
        position: Some((5, 71)),
        en: &[
            "a whole number with too many digits (out of range)",
            "(at staffing.retired)",
        ],
        zh: &["整数位数过多（超出范围）", "位置 staffing.retired"],
    },
    Case {
        file: "negative-weight.json",
        position: Some((170, 19)),
        en: &[
            "invalid number \"-5\": negative",
            "(at table.indicators[1].weight)",
        ],
        zh: &[
            "分值 \"-5\" 无效：不能为负数",
            "位置 table.indicators[1].weight",
        ],
    },
    Case {
        file: "newer-version.json",
        position: Some((3, 14)),
        en: &[
            "newer jixiao",
            "format version 2",
            "reads up to 1",
            "update jixiao",
        ],
        zh: &["较新版本", "格式版本 2", "最高支持 1", "请升级"],
    },
    Case {
        file: "empty.json",
        position: None,
        en: &[
            "the file is empty",
            "expected a JSON object with \"format\": \"jixiao-workbook\"",
        ],
        zh: &["文件为空", "应为 jixiao 工作簿"],
    },
    Case {
        file: "blank.json",
        position: None,
        en: &["the file is empty"],
        zh: &["文件为空"],
    },
    Case {
        file: "not-a-workbook.json",
        position: Some((1, 1)),
        en: &[
            "not a jixiao workbook",
            "expected \"format\": \"jixiao-workbook\"",
        ],
        zh: &["不是 jixiao 工作簿", "缺少 \"format\" 字段", "应为顶层含"],
    },
    Case {
        file: "not-an-object.json",
        position: Some((1, 1)),
        en: &[
            "not a jixiao workbook",
            "the top level is not a JSON object",
        ],
        zh: &["顶层不是 JSON 对象"],
    },
    Case {
        file: "other-format.json",
        position: Some((2, 13)),
        en: &["\"format\" is \"other-tool\", expected \"jixiao-workbook\""],
        zh: &["\"format\" 为 \"other-tool\""],
    },
];

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad"))
}

#[test]
fn every_bad_file_gives_its_expected_message() {
    for case in CASES {
        let path = fixtures().join(case.file);
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let err: LoadError = load(&text).expect_err(case.file);
        assert_eq!(err.position(), case.position, "{}: {err}", case.file);
        let name = format!("bad/{}", case.file);
        let message = err.describe(&name);
        assert!(
            message.en.starts_with(&format!("{name}: ")),
            "{}",
            message.en
        );
        assert!(
            message.zh.starts_with(&format!("{name}：")),
            "{}",
            message.zh
        );
        for part in case.en {
            assert!(
                message.en.contains(part),
                "{}: {:?} lacks {part:?}",
                case.file,
                message.en
            );
        }
        assert!(!message.zh.contains("位置 reported"), "{}", message.zh);
        if case.file == "count-too-many-digits.json" {
            assert!(!message.zh.contains("小数"), "{}", message.zh);
        }
        for part in case.zh {
            assert!(
                message.zh.contains(part),
                "{}: {:?} lacks {part:?}",
                case.file,
                message.zh
            );
        }
    }
}

#[test]
fn every_fixture_has_a_case() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn the_fixtures_differ_from_a_good_file_only_where_broken() {
    // The same base, repaired, loads: so each message is about the one fault.
    let text = std::fs::read_to_string(fixtures().join("three-decimals.json")).expect("read");
    let repaired = text.replace("588.555", "588.55");
    let loaded = load(&repaired).expect("repaired file loads");
    assert_eq!(loaded.workbook.unit.name, "测试单位");
    let bom = format!("\u{feff}{repaired}");
    assert!(load(&bom).is_ok(), "a byte-order mark is tolerated");
}
