//! Standard output of the commands: a closed pipe (`| head -1`) or a full
//! disk (`> /dev/full`) is an error with a message, never a panic as
//! `print!` gives.

use std::io::Write as _;

use crate::core::Bilingual;

/// Writes `bytes` to standard output and flushes it.
///
/// # Errors
/// Says in both languages why standard output did not take the bytes.
pub fn write(bytes: &[u8]) -> Result<(), Bilingual> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| failed(&e))
}

/// The message for an output error.
#[must_use]
pub fn failed(error: &std::io::Error) -> Bilingual {
    let zh = if error.kind() == std::io::ErrorKind::BrokenPipe {
        "无法写出到标准输出：读取方已关闭（管道中断）".to_owned()
    } else {
        format!("无法写出到标准输出：{error}")
    };
    Bilingual::new(zh, format!("cannot write to standard output: {error}"))
}

/// Writes a message line to standard error; a failure there has nowhere
/// left to be told, so it is dropped instead of panicking as `eprintln!` does.
pub fn say(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}
