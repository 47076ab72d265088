//! The crash test: a child process saves the workbook in a loop with changing
//! values while this test kills it with SIGKILL at random moments. After
//! every kill the file parses and is exactly one of the saved workbooks
//! (never a mix), never older than before the kill, and the `.bak` parses
//! and is an older one.
//!
//! `cargo test --test store_crash` runs a short version (25 kills); the full
//! one (200 kills, or `JIXIAO_CRASH_KILLS`) is
//! `cargo test --release --test store_crash -- --ignored --exact crash_test_200_kills`
//! (the `--ignored` children return at once without their environment
//! variable). `JIXIAO_CRASH_SEED` replays a run. On Windows (CI runs the
//! short one under Wine) the kill is `TerminateProcess`, as abrupt.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jixiao::core::format::{load, to_json};
use jixiao::core::model::{FieldId, Workbook};
use jixiao::core::sample::sample_workbook;
use jixiao::store::{backup_path, save_atomic};
use rust_decimal::Decimal;

const TARGET_VAR: &str = "JIXIAO_CRASH_TARGET";

/// The workbook of save number `n`: changes near the start, the middle and
/// the end of the file, and a length that varies by hundreds of bytes, so a
/// torn write cannot look like a whole one.
fn workbook_with(base: &Workbook, n: u64) -> Workbook {
    let mut wb = base.clone();
    let value = Some(Decimal::from(n));
    FieldId::ALL[0].set(&mut wb, value);
    if let Some(last) = FieldId::ALL.last() {
        last.set(&mut wb, value);
    }
    wb.unit.notice_ref = "湛".repeat(usize::try_from(n % 173).unwrap_or(0));
    wb
}

/// The save number a file holds, if its text is exactly that save's text.
fn save_number(base: &Workbook, text: &str) -> Result<u64, String> {
    let loaded = load(text).map_err(|e| format!("does not parse: {e}"))?;
    let n = FieldId::ALL[0]
        .get(&loaded.workbook)
        .and_then(|d| u64::try_from(d).ok())
        .ok_or("no counter")?;
    if to_json(&workbook_with(base, n)) == text {
        Ok(n)
    } else {
        Err(format!(
            "parses as save {n} but is not exactly its text (a mix)"
        ))
    }
}

/// xorshift64*: enough randomness for kill timing without another crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn crash_test(kills: u64) {
    let seed = env_u64("JIXIAO_CRASH_SEED").unwrap_or_else(|| {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| {
            u64::try_from(d.as_nanos() % u128::from(u64::MAX)).unwrap_or(1)
        }) | 1
    });
    eprintln!("crash test: {kills} kills, JIXIAO_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let base = sample_workbook();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wb.json");
    save_atomic(&path, to_json(&workbook_with(&base, 0)).as_bytes()).expect("initial");

    let exe = std::env::current_exe().expect("exe");
    let started = Instant::now();
    let mut last = 0;
    let mut advanced = 0;
    // The kill lands anywhere in a window that adapts to how fast saves are on
    // this machine right now: it grows after a kill that found no new save and
    // shrinks a little after one that did, so most kills interrupt a save loop
    // that has saved, on a loaded CI machine as on an idle one.
    let mut window_us: u64 = 40_000;
    for kill in 0..kills {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--ignored", "--nocapture"])
            .env(TARGET_VAR, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.any(|l| l.is_ok_and(|l| l == "READY"));
        assert!(ready, "child did not start");
        // Kill anywhere from "before the first save" to "many saves in".
        sleep(Duration::from_micros(rng.below(window_us)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        let text = fs::read_to_string(&path).expect("the file is there after the kill");
        let n = save_number(&base, &text)
            .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): {} {e}", path.display()));
        assert!(n >= last, "kill {kill}: went back from save {last} to {n}");
        if n > last {
            advanced += 1;
            window_us = (window_us * 9 / 10).max(40_000);
        } else {
            window_us = (window_us * 3 / 2).min(2_000_000);
        }
        last = n;
        let bak = backup_path(&path);
        if n > 0 {
            let bak_text = fs::read_to_string(&bak).expect("a .bak exists after a save");
            let b = save_number(&base, &bak_text)
                .unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): .bak {e}"));
            assert!(b < n, "kill {kill}: .bak is save {b}, file is save {n}");
        }
    }
    let leftovers = leftover_temps(dir.path());
    eprintln!(
        "crash test: {kills} kills in {:.1?}, {last} saves completed, the counter advanced \
         across {advanced} kills; {leftovers} temporary files left by kills during a save",
        started.elapsed()
    );
    assert!(
        advanced * 2 >= kills,
        "most runs should save at least once ({advanced} of {kills})"
    );
}

/// Temporary files a killed save leaves behind; anything else is a failure.
fn leftover_temps(dir: &Path) -> usize {
    let mut temps = 0;
    for entry in fs::read_dir(dir).expect("ls") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        match name.as_str() {
            "wb.json" | "wb.json.bak" => {}
            other if other.starts_with(".wb.json.") && other.ends_with(".jixiao-tmp") => temps += 1,
            other => panic!("unexpected file {other}"),
        }
    }
    temps
}

#[test]
fn crash_test_25_kills() {
    crash_test(env_u64("JIXIAO_CRASH_QUICK_KILLS").unwrap_or(25));
}

#[test]
#[ignore = "about 10 s; run by .ci/run"]
fn crash_test_200_kills() {
    crash_test(env_u64("JIXIAO_CRASH_KILLS").unwrap_or(200).max(200));
}

/// The child: continues from the file's save number and saves forever.
#[test]
#[ignore = "child of the crash tests"]
fn crash_child() {
    let Some(target) = std::env::var_os(TARGET_VAR) else {
        return;
    };
    let path = Path::new(&target);
    let base = sample_workbook();
    let text = fs::read_to_string(path).expect("read");
    let start = save_number(&base, &text).expect("a whole save");
    println!("READY");
    for n in start + 1.. {
        save_atomic(path, to_json(&workbook_with(&base, n)).as_bytes()).expect("save");
    }
}
