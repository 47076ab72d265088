//! The `jixiao` binary: parses the command line and hands over.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jixiao::cli;
use jixiao::core::Lang;

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
    /// Write the embedded sample workbook.
    Sample {
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Write N generated workbooks into the folder given with -o instead.
        #[arg(long, value_name = "N", requires = "output")]
        synthetic: Option<usize>,
    },
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match args.command {
        Some(Command::Check { file, json }) => match cli::check::open(&file) {
            Ok((wb, derived)) => {
                let name = file.display().to_string();
                if json {
                    let doc = cli::check::to_json(&name, &wb, &derived);
                    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
                } else {
                    print!("{}", cli::check::to_text(&name, &wb, &derived, lang));
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{}", message.get(lang));
                ExitCode::from(2)
            }
        },
        Some(Command::Sample {
            output: Some(dir),
            synthetic: Some(count),
        }) => match cli::synthetic::run(count, &dir) {
            Ok(written) => {
                println!("{} → {}", written.len(), dir.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
        Some(Command::Sample { output, .. }) => match cli::sample::run(output.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
        None => {
            let path = args.file.unwrap_or_else(jixiao::term::open::default_path);
            match jixiao::term::open::open_app(&path, lang) {
                Ok(mut app) => {
                    app.monochrome = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                    match jixiao::term::run(app) {
                        Ok(()) => ExitCode::SUCCESS,
                        Err(e) => {
                            eprintln!("{e}");
                            ExitCode::from(1)
                        }
                    }
                }
                Err(message) => {
                    eprintln!("{}", message.get(lang));
                    ExitCode::from(2)
                }
            }
        }
    }
}
