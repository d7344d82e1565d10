//! Copies of the journal: before an upgrade, before `import --replace`, the
//! daily ones, and `backup --out`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, backup::StepResult};

use super::error::{classify, one_line};
use super::{BUSY_TIMEOUT, Result, Store, StoreError, backups_dir, daily_backup_path, file};
use crate::outfile::parent_dir;

impl Store {
    /// Copies the journal to `journal.db.v{version}.bak` (owner-only) with
    /// SQLite's online backup, so an upgrade can always be undone by hand.
    pub(super) fn backup_before_migration(&self, version: usize) -> Result<PathBuf> {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".v{version}.bak"));
        let target = self.path.with_file_name(name);
        self.backup_to(&target)?;
        Ok(target)
    }

    /// Writes a consistent copy of the journal to `target` (a resolved path)
    /// with SQLite's online backup API. The copy goes to an owner-only
    /// temporary file beside `target` (see [`crate::outfile`]), is checked
    /// with `PRAGMA quick_check`, synced, and only then renamed over it:
    /// `target` is either what it was or the whole copy, even if soleus is
    /// killed. The copy uses a rollback journal, so it is one self-contained
    /// file.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let out_err = |e: crate::outfile::OutError| match e {
            crate::outfile::OutError::Io { path, source } => StoreError::Io { path, source },
            refused => StoreError::Io {
                path: target.to_owned(),
                source: std::io::Error::other(refused.to_string()),
            },
        };
        let temp = crate::outfile::Temp::create(target).map_err(out_err)?;
        self.copy_into(temp.path(), target)?;
        temp.persist().map_err(out_err)
    }

    fn copy_into(&self, partial: &Path, target: &Path) -> Result<()> {
        let dest_err = |source| classify(target, source);
        let mut dest = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(dest_err)?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dest).map_err(|e| self.sql(e))?;
            let deadline = Instant::now() + BUSY_TIMEOUT;
            loop {
                match backup.step(-1).map_err(|e| self.sql(e))? {
                    StepResult::Done => break,
                    _ if Instant::now() > deadline => {
                        return Err(StoreError::Busy {
                            path: self.path.clone(),
                        });
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        }
        let mode: String = dest
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            .map_err(dest_err)?;
        let check: String = dest
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        if check != "ok" {
            // The copy is page for page the journal: the journal is damaged.
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                reason: format!("SQLite's check found: {}", one_line(&check)),
            });
        }
        if mode != "delete" {
            return Err(StoreError::WriteFailed {
                path: target.to_owned(),
                reason: format!("the copy stayed in journal mode {mode}"),
            });
        }
        dest.close().map_err(|(_, source)| dest_err(source))
    }

    /// Writes today's daily copy if it is due. A failure names the copy,
    /// not the journal: whatever the command saved is saved (see
    /// [`StoreError::DailyBackup`]).
    pub fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        let target = daily_backup_path(&self.path, today);
        let is_a_daily_copy = parent_dir(&self.path).file_name() == Some("backups".as_ref());
        if self.read_only || is_a_daily_copy || target.exists() || self.has_no_entries()? {
            return Ok(None);
        }
        let failed = |e: StoreError| StoreError::DailyBackup {
            backup: target.clone(),
            reason: backup_reason(&e),
        };
        file::create_private_dir(&backups_dir(&self.path)).map_err(failed)?;
        self.backup_to(&target).map_err(failed)?;
        let ahead = file::prune_daily_backups(&self.path, today).map_err(failed)?;
        if let Some(newest) = ahead.first() {
            return Err(StoreError::ClockAhead {
                backup: target,
                newest: *newest,
                count: ahead.len(),
            });
        }
        Ok(Some(target))
    }

    /// The copy written before `import --replace`:
    /// `<backups dir>/<journal>.before-replace-YYYY-MM-DD[-N]`, never over an
    /// earlier one (two replaces on one day keep both) and never pruned.
    pub fn backup_before_replace(&self, today: NaiveDate) -> Result<PathBuf> {
        let dir = backups_dir(&self.path);
        file::create_private_dir(&dir)?;
        let name = self.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let mut target = dir.join(format!("{name}.before-replace-{today}"));
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{name}.before-replace-{today}-{n}"));
            n += 1;
        }
        self.backup_to(&target)?;
        Ok(target)
    }
}

/// Why a daily copy failed, without the parts that speak of the journal
/// ("nothing was saved"): the command's own write is not affected.
fn backup_reason(e: &StoreError) -> String {
    match e {
        StoreError::WriteFailed { reason, .. } | StoreError::ReadOnly { reason, .. } => reason.clone(),
        StoreError::Io { source, .. } => source.to_string(),
        StoreError::Busy { .. } => "another soleus kept the journal busy".to_owned(),
        other => other.after_write(),
    }
}

/// Makes today's daily backup of the journal at `path` if it is due (see
/// [`Store::daily_backup`]). Costs one `stat` when today's copy exists, and
/// never creates a journal.
pub fn ensure_daily_backup(path: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    if !path.is_file() || daily_backup_path(path, today).exists() {
        return Ok(None);
    }
    let failed = |e: StoreError| StoreError::DailyBackup {
        backup: daily_backup_path(path, today),
        reason: backup_reason(&e),
    };
    match Store::open(path).map_err(failed)?.daily_backup(today) {
        // Written: the copies ahead of it are a warning, said here once a
        // day (the copy exists from now on), not a failure.
        Err(ahead @ StoreError::ClockAhead { .. }) => {
            let _ = writeln!(std::io::stderr(), "soleus: warning: {ahead}");
            match ahead {
                StoreError::ClockAhead { backup, .. } => Ok(Some(backup)),
                _ => Ok(None),
            }
        }
        other => other,
    }
}
