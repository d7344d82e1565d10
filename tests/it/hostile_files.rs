#![allow(clippy::unwrap_used)]
//! docs/storage.md: a file that is not a soleus journal, or a journal that is
//! damaged, read-only or on a full disk, gives one clear line and exit 1,
//! and the file is left byte-for-byte as it was. (A text file, another
//! program's SQLite database and a newer schema are covered in cli.rs.)

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::kit::{self, Journal};

const CHECKIN: [&str; 7] = ["checkin", "--leg", "left", "--pain-rest", "1", "--pain-walk", "1"];

/// One line on stderr, exit 1, containing every word of `says`.
fn assert_refused(out: &Output, what: &str, says: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: one line, got {stderr:?}");
    for word in says {
        assert!(stderr.contains(word), "{what}: {stderr:?} should say {word:?}");
    }
}

/// Every command, reading or writing, is refused and changes nothing.
fn refused_and_untouched(path: &Path, says: &[&str]) {
    let before = fs::read(path).unwrap();
    for args in [&["status"][..], &["export", "--format", "json"], &CHECKIN] {
        let out = kit::soleus_with_db(path).args(args).output().unwrap();
        assert_refused(&out, &format!("{} {args:?}", path.display()), says);
    }
    assert_eq!(fs::read(path).unwrap(), before, "{} was modified", path.display());
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        assert!(!side.exists(), "{} was created", side.display());
    }
}

/// A real journal with a few weeks of entries, closed cleanly.
fn demo_journal() -> Journal {
    let j = Journal::new();
    j.ok(&["demo", "--days", "60"]);
    j
}

#[test]
fn binary_files_that_are_not_sqlite_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = dir.path().join("zeros.db");
    fs::write(&zeros, vec![0u8; 8192]).unwrap();
    let noise = dir.path().join("noise.db");
    let mut rng = fastrand::Rng::with_seed(7);
    fs::write(&noise, (0..4096).map(|_| rng.u8(..)).collect::<Vec<u8>>()).unwrap();
    let short = dir.path().join("short.db");
    fs::write(&short, b"SQLite format 3\0 but nothing else").unwrap();
    for path in [&zeros, &noise, &short] {
        refused_and_untouched(path, &["is not a soleus journal", "not an SQLite database"]);
    }
}

#[test]
fn a_magic_number_with_a_broken_header_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.resize(4096, 0xAB);
    fs::write(&path, bytes).unwrap();
    refused_and_untouched(&path, &["is damaged", "page size"]);
}

#[test]
fn a_journal_cut_short_is_damaged_and_names_the_backups() {
    let j = demo_journal();
    let whole = fs::read(&j.db).unwrap();
    assert!(whole.len() >= 8 * 4096, "a journal of several pages: {}", whole.len());
    for keep in [whole.len() / 2, 100] {
        let cut = j.dir.path().join(format!("cut-{keep}.db"));
        fs::write(&cut, &whole[..keep]).unwrap();
        refused_and_untouched(&cut, &["is damaged", "cut short", "backups"]);
    }
}

#[test]
fn a_device_or_a_folder_is_not_a_journal() {
    refused_and_untouched(Path::new("/dev/null"), &["not a regular file"]);
    let dir = tempfile::tempdir().unwrap();
    let out = kit::soleus_with_db(dir.path()).arg("status").output().unwrap();
    assert_refused(&out, "a folder", &[&dir.path().display().to_string()]);
}

/// Runs soleus as a user that file permissions apply to. Tests often run as
/// root, which ignores them: then the child runs as `nobody` (after the
/// folder is handed to it). Returns `None`, with a printed note, where that
/// is impossible; the caller then skips only the assertions that need it.
struct Unprivileged {
    uid: Option<u32>,
}

impl Unprivileged {
    fn for_dir(dir: &Path) -> Option<Unprivileged> {
        let probe = dir.join("probe");
        fs::write(&probe, "x").unwrap();
        fs::set_permissions(&probe, fs::Permissions::from_mode(0o000)).unwrap();
        let privileged = fs::File::open(&probe).is_ok();
        fs::remove_file(&probe).unwrap();
        if !privileged {
            return Some(Unprivileged { uid: None });
        }
        const NOBODY: u32 = 65534;
        for entry in walk(dir) {
            std::os::unix::fs::chown(&entry, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        let me = Unprivileged { uid: Some(NOBODY) };
        match me.run(&dir.join("absent.db"), &["--version"]) {
            Some(out) if out.status.success() => Some(me),
            other => {
                println!(
                    "SKIPPED: running as root, and soleus cannot be run as uid {NOBODY} here ({other:?}); \
                     the permission assertions were skipped"
                );
                None
            }
        }
    }

    fn run(&self, db: &Path, args: &[&str]) -> Option<Output> {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_soleus"));
        cmd.env_remove("SOLEUS_DB")
            .env("SOLEUS_TODAY", kit::TODAY)
            .arg("--db")
            .arg(db)
            .args(args);
        if let Some(uid) = self.uid {
            cmd.uid(uid).gid(uid);
        }
        assert_cmd::Command::from_std(cmd)
            .timeout(kit::CHILD_TIMEOUT)
            .output()
            .ok()
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut all = vec![dir.to_owned()];
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(walk(&path));
        } else {
            all.push(path);
        }
    }
    all
}

/// Reading works, writing fails with one clear line, and nothing at all is
/// written: not the journal, and no -wal/-shm files (a read-only -shm left
/// behind would keep the journal read-only after its permissions are fixed).
fn reads_work_writes_refused(user: &Unprivileged, db: &Path) {
    let before = fs::read(db).unwrap();
    for args in [&["status"][..], &["profile"], &["flags"]] {
        let read = user.run(db, args).unwrap();
        assert!(
            read.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&read.stderr)
        );
    }
    let export = user.run(db, &["export", "--format", "json"]).unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert!(String::from_utf8_lossy(&export.stdout).contains("\"checkins\""));
    let write = user.run(db, &CHECKIN).unwrap();
    assert_refused(
        &write,
        "a write to a read-only journal",
        &["is read-only", "nothing was written"],
    );
    assert_eq!(fs::read(db).unwrap(), before, "the journal was modified");
    let dir = db.parent().unwrap();
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["journal.db"], "nothing created beside the journal");
}

/// A journal alone in its folder, and a user that permissions apply to.
fn journal_for_unprivileged_user() -> Option<(Journal, Unprivileged)> {
    let j = Journal::new();
    j.ok(&["demo", "--days", "30"]);
    fs::remove_dir_all(j.dir.path().join("backups")).unwrap();
    let user = Unprivileged::for_dir(j.dir.path())?;
    Some((j, user))
}

#[test]
fn a_read_only_journal_can_be_read_but_not_written() {
    let Some((j, user)) = journal_for_unprivileged_user() else {
        return;
    };
    fs::set_permissions(&j.db, fs::Permissions::from_mode(0o400)).unwrap();
    reads_work_writes_refused(&user, &j.db);

    fs::set_permissions(&j.db, fs::Permissions::from_mode(0o600)).unwrap();
    let write = user.run(&j.db, &CHECKIN).unwrap();
    assert!(
        write.status.success(),
        "writable again once its permissions are: {}",
        String::from_utf8_lossy(&write.stderr)
    );
}

#[test]
fn a_journal_in_a_read_only_folder_can_be_read_but_not_written() {
    let Some((j, user)) = journal_for_unprivileged_user() else {
        return;
    };
    fs::set_permissions(j.dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    reads_work_writes_refused(&user, &j.db);
    let fresh = user.run(&j.dir.path().join("new.db"), &["status"]).unwrap();
    assert_refused(&fresh, "a new journal in a read-only folder", &["new.db"]);
    fs::set_permissions(j.dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
}

/// What a full disk must look like: the write fails with one line naming
/// the journal, exit 1, and the journal still holds exactly what it held.
fn full_disk_refuses_cleanly(j: &Journal, out: &Output, before_bytes: &[u8], before: &serde_json::Value) {
    assert_refused(
        out,
        "an import onto a full disk",
        &["could not write", "nothing was saved"],
    );
    assert_eq!(&fs::read(&j.db).unwrap(), before_bytes, "the journal file changed");
    assert_eq!(&j.export_json(), before, "the journal's contents changed");
    j.ok(&["status"]);
}

/// A large import file, made from a longer demo journal.
fn large_import(dir: &Path) -> PathBuf {
    let source = Journal::new();
    source.ok(&["demo", "--days", "400"]);
    let file = dir.join("large.json");
    fs::write(&file, source.ok(&["export", "--format", "json"])).unwrap();
    file
}

#[test]
fn a_write_beyond_the_file_size_limit_fails_cleanly() {
    // RLIMIT_FSIZE works without privileges: writes past the limit fail
    // with EFBIG, as on a full disk. SIGXFSZ is ignored as a shell does
    // for `trap '' XFSZ`, so soleus sees the error instead of dying (dying
    // is the kill -9 case, covered in crash.rs).
    let j = Journal::new();
    j.ok(&["demo", "--days", "30"]);
    let file = large_import(j.dir.path());
    let before_bytes = fs::read(&j.db).unwrap();
    let before = j.export_json();
    // 100 KiB in 512-byte blocks: room for the -shm file (32 KiB) and the
    // journal as it is, not for the import's write-ahead log.
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", "trap '' XFSZ; ulimit -f 200 && exec \"$@\"", "sh"])
        .arg(env!("CARGO_BIN_EXE_soleus"))
        .env("SOLEUS_TODAY", kit::TODAY)
        .arg("--db")
        .arg(&j.db)
        .arg("import")
        .arg(&file);
    let out = assert_cmd::Command::from_std(cmd)
        .timeout(kit::CHILD_TIMEOUT)
        .output()
        .unwrap();
    full_disk_refuses_cleanly(&j, &out, &before_bytes, &before);
}

/// Unmounts the tmpfs even when the test fails.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = assert_cmd::Command::new("umount")
            .arg(&self.0)
            .timeout(kit::CHILD_TIMEOUT)
            .output();
    }
}

#[test]
fn a_full_disk_fails_cleanly() {
    let outer = tempfile::tempdir().unwrap();
    let mount_point = outer.path().join("small");
    fs::create_dir(&mount_point).unwrap();
    let mounted = assert_cmd::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs"])
        .arg(&mount_point)
        .timeout(kit::CHILD_TIMEOUT)
        .output();
    if !mounted.as_ref().is_ok_and(|o| o.status.success()) {
        println!("SKIPPED: mounting a small tmpfs is not permitted here ({mounted:?})");
        return;
    }
    let _mount = Mount(mount_point.clone());
    let file = large_import(outer.path());
    let j = Journal {
        db: mount_point.join("journal.db"),
        dir: tempfile::tempdir_in(&mount_point).unwrap(),
    };
    j.ok(&["demo", "--days", "30"]);
    let before_bytes = fs::read(&j.db).unwrap();
    let before = j.export_json();
    let out = j.cmd().arg("import").arg(&file).output().unwrap();
    full_disk_refuses_cleanly(&j, &out, &before_bytes, &before);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the disk is full"), "{stderr}");
}

/// Runs soleus on `db` with writes limited to `blocks` 512-byte blocks per
/// file (RLIMIT_FSIZE, as a nearly full disk).
fn with_file_limit(db: &Path, blocks: u32, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", &format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$@\""), "sh"])
        .arg(env!("CARGO_BIN_EXE_soleus"))
        .env_remove("SOLEUS_DB")
        .env("SOLEUS_TODAY", kit::TODAY)
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db)
        .args(args);
    assert_cmd::Command::from_std(cmd)
        .timeout(kit::CHILD_TIMEOUT)
        .output()
        .unwrap()
}

/// Issue 23, item 9: with no room for SQLite's 32 KiB -shm file, a read
/// still reads (the journal opens for reading only), and a write says the
/// disk is full and writes nothing.
#[test]
fn reads_need_no_disk_space() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "30"]);
    let before = j.ok(&["export", "--format", "json"]);
    let bytes = fs::read(&j.db).unwrap();
    // 20 KiB: less than the -shm file.
    let status = with_file_limit(&j.db, 40, &["status"]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(!String::from_utf8_lossy(&status.stderr).contains("nothing was saved"));
    let export = with_file_limit(&j.db, 40, &["export", "--format", "json"]);
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert_eq!(String::from_utf8(export.stdout).unwrap(), before);
    let write = with_file_limit(&j.db, 40, &CHECKIN);
    assert_refused(
        &write,
        "a write with no room",
        &["is read-only", "the disk is full", "nothing was written"],
    );
    assert_eq!(fs::read(&j.db).unwrap(), bytes, "the journal was not touched");
}

/// Issue 23, item 10: a copy of a journal whose last changes are still in
/// its -wal, in a folder its reader cannot write (a read-only disk, another
/// user's folder): it reads whole, through a copy in memory, and nothing is
/// created or changed beside it.
#[test]
fn a_read_only_copy_with_its_changes_in_the_wal_reads_whole() {
    let j = Journal::new();
    j.ok(&["demo", "--days", "30"]);
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("journal.db");
    {
        // A writer that has not checkpointed: its last change is only in
        // the -wal while it is open. Copy both files then.
        let conn = rusqlite::Connection::open(&j.db).unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute(
            "UPDATE checkin SET note = 'only in the wal' WHERE date = (SELECT max(date) FROM checkin)",
            [],
        )
        .unwrap();
        fs::copy(&j.db, &copy).unwrap();
        fs::copy(
            j.dir.path().join("journal.db-wal"),
            copy_dir.path().join("journal.db-wal"),
        )
        .unwrap();
    }
    assert!(fs::metadata(copy_dir.path().join("journal.db-wal")).unwrap().len() > 0);
    let expected = j.ok(&["export", "--format", "json"]);
    assert!(expected.contains("only in the wal"));
    let Some(user) = Unprivileged::for_dir(copy_dir.path()) else {
        return;
    };
    fs::set_permissions(copy_dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let names = || {
        let mut names: Vec<String> = fs::read_dir(copy_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = (fs::read(&copy).unwrap(), names());
    for args in [&["status"][..], &["flags"], &["report"]] {
        let read = user.run(&copy, args).unwrap();
        assert!(
            read.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&read.stderr)
        );
    }
    let export = user.run(&copy, &["export", "--format", "json"]).unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert_eq!(
        String::from_utf8(export.stdout).unwrap(),
        expected,
        "the -wal's changes are read"
    );
    let write = user.run(&copy, &CHECKIN).unwrap();
    assert_refused(
        &write,
        "a write to a read-only copy",
        &["is read-only", "nothing was written"],
    );
    assert_eq!(
        (fs::read(&copy).unwrap(), names()),
        before,
        "nothing changed or created beside it"
    );
    fs::set_permissions(copy_dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
}

// ----- hostile GPX files (issue 23, items 11 and 12) -----

/// `runs import FILE`: refused in one line naming the file and the limit,
/// nothing written. (Measured on a debug build with /usr/bin/time -v: see
/// docs/runs.md, "Files it refuses".)
fn gpx_refused(name: &str, bytes: &[u8], says: &str) {
    let j = Journal::new();
    let path = j.dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let out = j
        .cmd()
        .args(["runs", "import", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let refused: Vec<&str> = stderr.lines().filter(|l| l.contains("refused")).collect();
    assert!(refused[0].contains(name) && refused[0].contains(says), "{stderr}");
    let runs = String::from_utf8(j.cmd().args(["runs", "--json"]).output().unwrap().stdout).unwrap();
    assert_eq!(runs.trim(), "[]");
}

#[test]
fn a_gpx_nested_200000_deep_is_refused_at_once() {
    let depth = 200_000;
    let mut text = String::from("<?xml version=\"1.0\"?><gpx version=\"1.1\"><trk><trkseg>");
    text.push_str(&"<extensions>".repeat(depth));
    text.push_str(&"</extensions>".repeat(depth));
    text.push_str("</trkseg></trk></gpx>");
    gpx_refused("deep.gpx", text.as_bytes(), "elements nested more than 64 deep");
}

#[test]
fn a_gpx_of_2_7_million_points_is_refused_in_one_line() {
    let mut text = String::from("<?xml version=\"1.0\"?><gpx version=\"1.1\"><trk><trkseg>");
    text.push_str(&"<trkpt lat=\"1\" lon=\"2\"/>".repeat(2_700_000));
    text.push_str("</trkseg></trk></gpx>");
    let gz = kit::fit::gzip(text.as_bytes());
    gpx_refused("points.gpx.gz", &gz, "more than 100000 points");
}
