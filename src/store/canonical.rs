//! The absolute, symlink-free form of a path, as the officer would write it.
//!
//! On Windows `fs::canonicalize` returns a verbatim path (`\\?\C:\…`,
//! `\\?\UNC\server\share\…`) that messages would show as is and that would
//! never equal a path the officer typed. The prefix is dropped where the
//! plain form means the same file; Rust's standard library adds it back by
//! itself for long paths.

use std::io;
use std::path::{Path, PathBuf};

/// `fs::canonicalize`, without Windows' verbatim prefix where it is not needed.
///
/// # Errors
/// As `fs::canonicalize` (the path does not exist, …).
pub fn canonicalize(path: &Path) -> io::Result<PathBuf> {
    std::fs::canonicalize(path).map(plain)
}

#[cfg(windows)]
fn plain(path: PathBuf) -> PathBuf {
    let Some(text) = path.to_str() else {
        return path;
    };
    let (rest, unc) = if let Some(rest) = text.strip_prefix(r"\\?\UNC\") {
        (rest, true)
    } else if let Some(rest) = text.strip_prefix(r"\\?\") {
        (rest, false)
    } else {
        return path;
    };
    let drive = rest.as_bytes().get(1) == Some(&b':') && rest.as_bytes()[0].is_ascii_alphabetic();
    // Names that only a verbatim path can reach stay verbatim.
    let plain_names = rest
        .split('\\')
        .all(|name| !name.ends_with('.') && !name.ends_with(' '));
    match (unc, drive && plain_names) {
        (true, _) if plain_names => PathBuf::from(format!(r"\\{rest}")),
        (false, true) => PathBuf::from(rest),
        _ => path,
    }
}

#[cfg(not(windows))]
fn plain(path: PathBuf) -> PathBuf {
    path
}

#[cfg(all(test, windows))]
mod tests {
    use super::*;

    #[test]
    fn verbatim_prefixes_are_dropped_where_plain_paths_mean_the_same() {
        let p = |s: &str| plain(PathBuf::from(s));
        assert_eq!(
            p(r"\\?\C:\用户\报告.json"),
            PathBuf::from(r"C:\用户\报告.json")
        );
        assert_eq!(
            p(r"\\?\UNC\srv\share\a.json"),
            PathBuf::from(r"\\srv\share\a.json")
        );
        assert_eq!(p(r"\\?\C:\a.\b"), PathBuf::from(r"\\?\C:\a.\b"));
        assert_eq!(p(r"C:\a"), PathBuf::from(r"C:\a"));
    }
}
