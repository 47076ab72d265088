//! The `jixiao` binary: parses the command line and hands over.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand, ValueEnum};
use jixiao::cli;
use jixiao::cli::export::{ExportArgs, Failure, Outcome};
use jixiao::core::Lang;
use jixiao::export::csv::CsvTable;

/// Reviewer mode parses thousands of workbooks on every core at once; the
/// system allocator's locking made that slower than one thread. Built
/// without transparent huge pages (Cargo.toml): a 2 MiB page for every
/// region the workbench touches made it twice its size.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "部门整体支出绩效自评工作台 / self-evaluation workbench"
)]
struct Cli {
    /// Interface language (界面语言).
    #[arg(long, value_enum, global = true, default_value = "zh")]
    lang: LangArg,
    /// Workbook to open (默认打开数据目录下的 workbook.json).
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print every derived figure, score, total, grade and warning.
    Check {
        file: PathBuf,
        /// Stable JSON output (documented in docs/format.md).
        #[arg(long)]
        json: bool,
    },
    /// Start a new workbook for any unit and year (新建自评工作簿), blank or from last year's.
    ///
    /// Without --table the built-in `seed` table is used (the tree of the Guangdong district
    /// report jixiao was built from, placeholder weights); the summary names the table you got.
    /// Replace it with your bureau's table later: `jixiao table apply FILE table.json`.
    #[command(
        after_help = "例 / examples:\n  jixiao new jiaoyuju-2024.json --unit 湛江市霞山区教育局 --year 2024\n  jixiao new jiaoyuju-2024.json --table national\n  jixiao new jiaoyuju-2025.json --from jiaoyuju-2024.json"
    )]
    New {
        /// The new workbook file; an existing file is never overwritten without --force.
        file: PathBuf,
        /// Unit name (单位名称); from last year's workbook when --from is given.
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
        /// Fiscal year evaluated (年度); default: last calendar year, or last year's + 1 with --from.
        #[arg(long, value_name = "N")]
        year: Option<u16>,
        /// Scoring table: `seed` (default), `national` (财预〔2013〕53号 framework) or a table file
        /// from `jixiao table import`.
        #[arg(long, value_name = "seed|national|T.json")]
        table: Option<String>,
        /// Last year's workbook: unit, organisation, team, staffing, table and workload structure
        /// carry over; its closing figures fill this year's "last year" fields; scores and reasons clear.
        #[arg(long, value_name = "LAST_YEAR.json")]
        from: Option<PathBuf>,
        /// Replace FILE if it exists (the old one is kept as FILE.bak); never
        /// the --from or --table file.
        #[arg(long, visible_alias = "replace")]
        force: bool,
    },
    /// Write the embedded sample workbook.
    Sample {
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Write N generated workbooks into the folder given with -o instead.
        #[arg(long, value_name = "N", requires = "output")]
        synthetic: Option<usize>,
        /// With --synthetic: each scoring table K times as large (its top-level indicators
        /// repeated, weights divided), for measuring large workbooks.
        #[arg(long, value_name = "K", requires = "synthetic", default_value_t = 1,
              value_parser = clap::value_parser!(u16).range(1..=100))]
        scale: u16,
    },
    /// Write the report (md, docx, pdf), the tables (csv) or a workbook with live formulas (xlsx).
    Export {
        file: PathBuf,
        #[arg(long, value_parser = PossibleValuesParser::new(jixiao::export::format::names()))]
        format: String,
        /// Output file (md, docx, pdf, xlsx, one csv table) or folder (all csv tables).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// With --format csv: write only this table.
        #[arg(long, value_enum)]
        table: Option<TableArg>,
        /// Replace an existing output file (the old one is kept as OUT.bak); the
        /// workbook read is never written over.
        #[arg(long, visible_alias = "replace")]
        force: bool,
        /// Add the engine's warnings for the author (report appendix, xlsx 检查 sheet).
        #[arg(long)]
        with_checks: bool,
        /// Only this project's 项目支出绩效自评表 (md or docx).
        #[arg(long, value_name = "NAME")]
        project: Option<String>,
    },
    #[command(
        about = "发布公开文件，页脚印内容校验码 / Write the published copies, each stamped",
        long_about = "发布公开文件 / Write what the unit publishes: the report (docx, and PDF where LibreOffice is installed), the 基础数据表 and 评分表 (xlsx) and each project's 项目支出绩效自评表 (docx), every footer printing the workbook's content stamp (内容校验码)",
        after_help = "例 / example:\n  jixiao publish jiaoyuju-2024.json -o 公开/\n  jixiao verify 公开/*.docx 公开/*.xlsx --against jiaoyuju-2024.json\n\n已有同名文件时不覆盖，加 --force 替换（原文件留作 .bak）。\nExisting files are never replaced without --force (the old ones kept as .bak)."
    )]
    Publish {
        /// 报送的自评工作簿 / the filed workbook.
        workbook: PathBuf,
        /// 写入的文件夹（不存在则新建） / folder to write into (created when missing).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// 替换已有的同名文件（原文件留作 .bak） / replace existing files of the same names
        /// (kept as .bak); the workbook is never written over.
        #[arg(long, visible_alias = "replace")]
        force: bool,
        #[arg(
            long,
            help = "不生成 PDF / leave the PDF out even where LibreOffice is installed"
        )]
        no_pdf: bool,
    },
    #[command(
        about = "核对公开文件与工作簿是否一致 / Say whether published files match the workbook",
        long_about = "核对公开文件与工作簿是否一致 / Say whether each published docx and xlsx matches the workbook: its figures and texts read back and compared, then its content stamp. 退出码 / exit: 0 all match; 1 naming the first differing figure or text (its label and both values); 2 a file cannot be read (a PDF cannot: verify its docx).",
        after_help = "例 / example:\n  jixiao verify 公开/jiaoyuju-2024-自评报告.docx 公开/jiaoyuju-2024-基础数据表与评分表.xlsx --against jiaoyuju-2024.json"
    )]
    Verify {
        /// 发布的文件（.docx、.xlsx） / the published files (.docx, .xlsx).
        #[arg(required = true, value_name = "PUBLISHED")]
        published: Vec<PathBuf>,
        /// 报送的自评工作簿 / the filed workbook.
        #[arg(long, value_name = "WORKBOOK")]
        against: PathBuf,
    },
    /// Review many workbooks read-only (审核模式): files and folders of workbooks.
    Review {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Who is reviewing: recorded in every review file changed (`n` in
        /// the overview sets it too).
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        #[command(flatten)]
        bureau: BureauArgs,
    },
    /// Bring the bureau's scoring table (评分表) in and out.
    Table {
        #[command(subcommand)]
        command: TableCommand,
    },
    /// Project self-evaluation forms (项目支出绩效自评表).
    Project {
        #[command(subcommand)]
        command: ProjectCommand,
    },
}

/// The bureau that sends the letters and makes the 汇总表, kept in each
/// folder's review file (`B` in the overview sets it too).
#[derive(clap::Args)]
struct BureauArgs {
    /// The bureau's name (发函单位 / 制表单位).
    #[arg(long, value_name = "NAME")]
    bureau: Option<String>,
    /// The letters' number (文号) pattern: {year} and {n} are filled in,
    /// e.g. "霞财绩〔{year}〕{n}号".
    #[arg(long, value_name = "PATTERN")]
    letter_number: Option<String>,
    /// Contact person and telephone printed on the letters.
    #[arg(long, value_name = "TEXT")]
    contact: Option<String>,
    /// The date by which a unit sent back files again, e.g. 2026-12-31.
    #[arg(long, value_name = "DATE")]
    deadline: Option<String>,
}

#[derive(Subcommand)]
enum ProjectCommand {
    /// Add the projects of filled forms (xlsx, xls, csv; national and Sichuan layouts) to a workbook.
    #[command(
        after_help = "例 / example:\n  jixiao project import 2024项目自评表.xlsx --into jiaoyuju-2024.json --dry-run"
    )]
    Import {
        form: PathBuf,
        /// The workbook to add them to (kept as WORKBOOK.bak).
        #[arg(long, value_name = "WORKBOOK")]
        into: PathBuf,
        /// Print what would be added without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TableArg {
    Basic,
    Scores,
    Workload,
    Checks,
}

#[derive(Subcommand)]
enum TableCommand {
    /// Read a scoring table from CSV or xlsx into a table file (docs/table-format.md).
    Import {
        input: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// The sheet to read (default: the first with recognised columns).
        #[arg(long)]
        sheet: Option<String>,
        /// Mark the table as checked against the bureau's original.
        #[arg(long)]
        verified: bool,
        /// Write the table even when its weights do not add up.
        #[arg(long)]
        force: bool,
        /// Replace an existing output file (the old one is kept as OUT.bak); the
        /// spreadsheet read is never written over.
        #[arg(long)]
        replace: bool,
    },
    /// Replace a workbook's table, keeping the entries of matching indicators.
    Apply {
        workbook: PathBuf,
        table: PathBuf,
        /// Print the report without writing.
        #[arg(long)]
        dry_run: bool,
        /// Replace the table even when nothing matches or entries would be dropped.
        #[arg(long)]
        force: bool,
    },
    /// Write a workbook's table as CSV or xlsx (by the output's extension).
    Export {
        workbook: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Replace an existing output file (the old one is kept as OUT.bak); the
        /// workbook read is never written over.
        #[arg(long)]
        replace: bool,
    },
}

/// Text from files never reaches the terminal raw (see `text::escape_controls`).
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    jixiao::text::escape_controls(text, true)
}

/// Prints an outcome: bytes to standard output, the note to standard error.
fn finish(result: Result<Outcome, Failure>, lang: Lang) -> ExitCode {
    match result {
        Ok(outcome) => {
            if let Some(bytes) = outcome.stdout
                && let Err(message) = cli::stdout::write(&bytes)
            {
                cli::stdout::say(message.get(lang));
                return ExitCode::from(1);
            }
            if let Some(note) = outcome.note {
                eprintln!("{}", printable(note.get(lang).trim_end()));
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{}", printable(failure.message.get(lang).trim_end()));
            ExitCode::from(failure.exit_code)
        }
    }
}

/// The workbench and the reviewer draw on a terminal; without one (input
/// from a file or /dev/null, output to a pipe) they cannot run.
fn has_terminal() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// `jixiao review`: the bureau given on the command line goes into every
/// folder's review file (name, 文号 pattern, contact, deadline, in order).
fn run_review(
    paths: &[PathBuf],
    reviewer: Option<&str>,
    given: BureauArgs,
    lang: Lang,
) -> ExitCode {
    let (mut session, pending) = jixiao::review::session::ReviewSession::open_deferred(paths);
    session.today = jixiao::term::clock::today();
    session.sign_as(reviewer.unwrap_or_default());
    let mut office = session.bureau(None);
    let slots = [
        &mut office.name,
        &mut office.number,
        &mut office.contact,
        &mut office.deadline,
    ];
    let texts = [
        given.bureau,
        given.letter_number,
        given.contact,
        given.deadline,
    ];
    for (slot, text) in slots.into_iter().zip(texts) {
        if let Some(text) = text {
            text.trim().clone_into(slot);
        }
    }
    if office != session.bureau(None)
        && let Err(why) = session.set_bureau(&office)
    {
        eprintln!("{}", why.get(lang));
        return ExitCode::from(2);
    }
    let mut app = jixiao::app::review::ReviewApp::new(session, lang);
    app.monochrome = no_color();
    exit_on_error(jixiao::term::run_review(app, pending))
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match args.command {
        Some(Command::Check { file, json }) => run_check(&file, json, lang),
        Some(Command::New {
            file,
            unit,
            year,
            table,
            from,
            force,
        }) => {
            let request = cli::new::NewRequest {
                file: &file,
                unit: unit.as_deref(),
                year,
                table: table.as_deref(),
                from: from.as_deref(),
                force,
            };
            finish(
                cli::new::run(&request, cli::new::default_fiscal_year(), lang),
                lang,
            )
        }
        Some(Command::Sample {
            output: Some(dir),
            synthetic: Some(count),
            scale,
        }) => match cli::synthetic::run_scaled(count, usize::from(scale), &dir) {
            Ok(written) => {
                let line = format!("{} → {}\n", written.len(), dir.display());
                to_stdout(&line, lang)
            }
            Err(message) => exit_on_error(Err(message)),
        },
        Some(Command::Sample { output, .. }) => exit_on_error(cli::sample::run(output.as_deref())),
        Some(Command::Export {
            file,
            format,
            output,
            table,
            force,
            with_checks,
            project,
        }) => {
            let options = ExportOptions {
                format: &format,
                output: output.as_deref(),
                table,
                force,
                with_checks,
                project: project.as_deref(),
            };
            run_export(&file, &options, lang)
        }
        Some(command @ (Command::Publish { .. } | Command::Verify { .. })) => {
            run_publishing(command, lang)
        }
        Some(Command::Review { .. }) | None if !has_terminal() => {
            eprintln!("{}", jixiao::i18n::NEEDS_TERMINAL.get(lang));
            ExitCode::from(2)
        }
        Some(Command::Review {
            paths,
            reviewer,
            bureau,
        }) => run_review(&paths, reviewer.as_deref(), bureau, lang),
        Some(Command::Table { command }) => finish(run_table(command, lang), lang),
        Some(Command::Project {
            command:
                ProjectCommand::Import {
                    form,
                    into,
                    dry_run,
                },
        }) => finish(
            cli::project::import(&form, &into, cli::project::ImportFlags { dry_run }, lang),
            lang,
        ),
        None => match jixiao::term::open::open_workbench(args.file.as_deref(), lang) {
            Ok((session, mut app)) => {
                app.monochrome = no_color();
                exit_on_error(jixiao::term::run(app, session))
            }
            Err(message) => {
                eprintln!("{}", printable(message.get(lang)));
                ExitCode::from(2)
            }
        },
    }
}

/// `NO_COLOR` set to anything but the empty string asks for monochrome.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Success, or the error on standard error and exit code 1.
fn exit_on_error<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Writes a command's text to standard output: success, or the reason on
/// standard error and exit code 1 (a closed pipe, a full disk).
fn to_stdout(text: &str, lang: Lang) -> ExitCode {
    match cli::stdout::write(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            cli::stdout::say(message.get(lang));
            ExitCode::from(1)
        }
    }
}

/// `jixiao check FILE [--json]`: the derived figures as text or JSON.
fn run_check(file: &std::path::Path, json: bool, lang: Lang) -> ExitCode {
    match cli::check::open(file) {
        Ok((wb, derived)) => {
            let name = file.display().to_string();
            let text = if json {
                let doc = cli::check::to_json(&name, &wb, &derived);
                let mut text = cli::check::to_json_text(&doc);
                text.push('\n');
                text
            } else {
                printable(&cli::check::to_text(
                    &name,
                    &cli::check::printable_workbook(&wb),
                    &derived,
                    lang,
                ))
                .into_owned()
            };
            to_stdout(&text, lang)
        }
        Err(message) => {
            eprintln!("{}", printable(message.get(lang)));
            ExitCode::from(2)
        }
    }
}

/// `jixiao publish` and `jixiao verify` (verify's exit code is its verdict).
fn run_publishing(command: Command, lang: Lang) -> ExitCode {
    match command {
        Command::Publish {
            workbook,
            output,
            force,
            no_pdf,
        } => {
            let args = cli::publish::PublishArgs {
                dir: &output,
                replace: force,
                no_pdf,
                lang,
            };
            finish(cli::publish::publish(&workbook, args), lang)
        }
        Command::Verify { published, against } => {
            let report = cli::publish::verify(&published, &against, lang);
            match cli::stdout::write(printable(&report.text).as_bytes()) {
                Ok(()) => ExitCode::from(report.exit_code),
                Err(message) => {
                    cli::stdout::say(message.get(lang));
                    ExitCode::from(2)
                }
            }
        }
        _ => ExitCode::from(2),
    }
}

/// The options of `jixiao export` as typed.
struct ExportOptions<'a> {
    format: &'a str,
    output: Option<&'a std::path::Path>,
    table: Option<TableArg>,
    force: bool,
    with_checks: bool,
    /// `--project NAME`: that project's form alone.
    project: Option<&'a str>,
}

/// `jixiao export FILE --format F`: an existing output is replaced only when
/// forced, the workbook never (the store's write rule).
fn run_export(file: &std::path::Path, options: &ExportOptions<'_>, lang: Lang) -> ExitCode {
    if let Some(name) = options.project {
        return finish(
            jixiao::cli::project_export::run(
                file,
                name,
                options.format,
                options.output,
                options.force,
                lang,
            ),
            lang,
        );
    }
    let Some(format) = jixiao::export::format::by_name(options.format) else {
        return ExitCode::from(2);
    };
    let table = options.table.map(|t| match t {
        TableArg::Basic => CsvTable::Basic,
        TableArg::Scores => CsvTable::Scores,
        TableArg::Workload => CsvTable::Workload,
        TableArg::Checks => CsvTable::Checks,
    });
    let args = ExportArgs {
        format,
        output: options.output,
        table,
        with_checks: options.with_checks,
        lang,
        replace: options.force,
    };
    finish(jixiao::cli::export::run(file, args), lang)
}

/// `jixiao table import|apply|export`.
fn run_table(command: TableCommand, lang: Lang) -> Result<Outcome, Failure> {
    match command {
        TableCommand::Import {
            input,
            output,
            sheet,
            verified,
            force,
            replace,
        } => jixiao::cli::table::import(
            &input,
            output.as_deref(),
            sheet.as_deref(),
            jixiao::cli::table::ImportFlags {
                verified,
                force,
                replace,
            },
            lang,
        ),
        TableCommand::Apply {
            workbook,
            table,
            dry_run,
            force,
        } => jixiao::cli::table::apply(
            &workbook,
            &table,
            jixiao::cli::table::ApplyFlags { dry_run, force },
            lang,
        ),
        TableCommand::Export {
            workbook,
            output,
            replace,
        } => jixiao::cli::table::export(&workbook, &output, replace, lang),
    }
}
