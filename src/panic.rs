//! What happens when soleus has a bug: the user sees one line, and the
//! details (message, source location, backtrace) go to an owner-only log
//! file they can attach to a bug report. The journal itself is safe either
//! way: every write is a transaction, which rolls back when a panic unwinds
//! through it (and SQLite recovers the same way after a hard crash).
//!
//! The log is `panic.log` in soleus's state directory
//! (`$XDG_STATE_HOME/soleus`, by default `~/.local/state/soleus`, on Linux;
//! the data directory on systems without one). See [`default_log_dir`].

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

/// The log grows by one report per panic; past this size it starts over
/// (the previous one is kept as `panic.log.old`).
const MAX_LOG_BYTES: u64 = 1 << 20;

/// Where [`install`] writes by default: the platform state directory.
pub fn default_log_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "soleus")?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf())
}

/// Installs the panic hook: the report goes to `<log_dir>/panic.log`
/// (folder 0700, file 0600) and stderr gets one line,
/// `soleus: internal error; details were written to PATH`.
///
/// Call it first in `main`. A hook installed later (ratatui's, which
/// restores the terminal) wraps this one and calls it after its own work.
/// The hook that was in place before (normally the standard one, which
/// prints a multi-line message) is called too only when `RUST_BACKTRACE`
/// is set, for developers.
pub fn install(log_dir: Option<PathBuf>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let report = report(info);
        let mut stderr = std::io::stderr().lock();
        // Nothing here may panic again: a write error is only reported.
        let _ = match log_dir.as_deref().map(|dir| append_report(dir, &report)) {
            Some(Ok(path)) => writeln!(
                stderr,
                "soleus: internal error; details were written to {}",
                crate::sanitize::path(&path)
            ),
            Some(Err(e)) => writeln!(
                stderr,
                "soleus: internal error: {} (could not write the log: {e})",
                summary(info)
            ),
            None => writeln!(stderr, "soleus: internal error: {}", summary(info)),
        };
        drop(stderr);
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            previous(info);
        }
    }));
}

fn message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

fn summary(info: &PanicHookInfo<'_>) -> String {
    let location = info
        .location()
        .map_or_else(|| "unknown location".to_owned(), |l| l.to_string());
    format!("{} at {location}", message(info).replace('\n', " "))
}

fn report(info: &PanicHookInfo<'_>) -> String {
    let thread = std::thread::current();
    format!(
        "=== {} soleus {} panicked in thread {}\n{}\nbacktrace:\n{}\n",
        chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%z"),
        env!("CARGO_PKG_VERSION"),
        thread.name().unwrap_or("unnamed"),
        summary(info),
        std::backtrace::Backtrace::force_capture()
    )
}

fn append_report(dir: &Path, report: &str) -> std::io::Result<PathBuf> {
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let path = dir.join("panic.log");
    if fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        fs::rename(&path, dir.join("panic.log.old"))?;
    }
    let mut file = OpenOptions::new().create(true).append(true).mode(0o600).open(&path)?;
    file.write_all(report.as_bytes())?;
    Ok(path)
}

/// Test support, compiled into debug builds only: panics at `point` when
/// `SOLEUS_DEBUG_PANIC` names it, so the tests can prove that a panic in
/// the middle of a write leaves the journal as it was.
#[track_caller]
pub fn debug_fault(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("SOLEUS_DEBUG_PANIC").is_ok_and(|p| p == point) {
        #[allow(clippy::panic)]
        {
            panic!("fault injected at {point} (SOLEUS_DEBUG_PANIC)");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}
