#![allow(clippy::unwrap_used)]
//! Issue 20, the data side, each finding reproduced first: walk-run GPX
//! tracks counted as running minutes, typed intervals on the day of an
//! imported run, the running pain asked for after an import, deleted runs
//! that stay deleted, files that name no sport, TCX files and a Garmin
//! Connect export zip. Every file is generated here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::kit::{Journal, fails, fit};
use crate::runs_import::{runs_json, write};

/// 2026-06-01T07:00:00Z.
const JUNE_1: i64 = 1_780_297_200;
const DAY: i64 = 86_400;
const RUN: f64 = 2.8;
const WALK: f64 = 1.4;

/// `runs import PATH` that exits 1; its stderr.
fn refused(j: &Journal, path: &Path) -> String {
    let out = j
        .cmd()
        .args(["runs", "import", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

/// Track points, one every 5 s, for (seconds, m/s) stretches.
fn points(stretches: &[(i64, f64)]) -> Vec<(i64, f64, f64)> {
    let (mut t, mut m) = (0, 0.0);
    let mut out = vec![(0, 0.0, 100.0)];
    for (seconds, speed) in stretches {
        for _ in 0..seconds / 5 {
            t += 5;
            m += speed * 5.0;
            out.push((t, m, 100.0));
        }
    }
    out
}

/// A walk-run with a 5-minute warm-up walk.
fn walk_run(repeats: usize, run_s: i64, walk_s: i64) -> Vec<(i64, f64)> {
    let mut s = vec![(300, WALK)];
    for _ in 0..repeats {
        s.extend([(run_s, RUN), (walk_s, WALK)]);
    }
    s
}

fn gpx(j: &Journal, name: &str, start: i64, kind: Option<&str>, stretches: &[(i64, f64)]) -> PathBuf {
    write(
        &j.dir.path().join("watch"),
        name,
        &fit::gpx_track(start, kind, &points(stretches)),
    )
}

fn running_min(run: &serde_json::Value) -> f64 {
    run["running_s"].as_f64().unwrap() / 60.0
}

#[test]
fn walk_run_tracks_count_their_running_minutes_only() {
    let j = Journal::new();
    let eight = gpx(&j, "eight.gpx", JUNE_1, Some("running"), &walk_run(8, 60, 120));
    let ten = gpx(&j, "ten.gpx", JUNE_1 + DAY, Some("running"), &walk_run(10, 120, 60));
    let steady = gpx(
        &j,
        "steady.gpx",
        JUNE_1 + 2 * DAY,
        Some("running"),
        &[(300, WALK), (1800, RUN), (300, WALK)],
    );
    j.ok(&[
        "runs",
        "import",
        eight.to_str().unwrap(),
        ten.to_str().unwrap(),
        steady.to_str().unwrap(),
    ]);
    let runs = runs_json(&j);
    assert_eq!(runs.len(), 3);
    for (run, truth, intervals) in [
        (&runs[0], 8.0, Some("8x1/2")),
        (&runs[1], 20.0, Some("10x2/1")),
        (&runs[2], 30.0, None),
    ] {
        assert!((running_min(run) - truth).abs() <= 1.0, "{run}: truth {truth} min");
        assert_eq!(run["intervals"].as_str(), intervals, "{run}");
    }
    // Before: "walk-run -" for every GPX, and 29 minutes for 8 x 1 min.
    let table = j.ok(&["runs"]);
    assert!(table.contains("8x1/2 (8 min running)"), "{table}");
    assert!(table.contains("10x2/1 (20 min running)"), "{table}");
    assert!(table.contains("3 runs"), "{table}");
    // The load counts running time: the report's weekly table and Trends
    // read it through `Run::running_min`.
    let report = j.ok(&["report", "--days", "30"]);
    assert!(
        !report.contains("| 69 "),
        "moving minutes are not running minutes:\n{report}"
    );
}

#[test]
fn typed_intervals_on_the_day_of_an_imported_run_describe_that_run() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    // The watch saw one continuous 24 minutes (no walk it could tell).
    let run = gpx(&j, "run.gpx", JUNE_1, Some("running"), &[(1440, RUN)]);
    j.ok(&["runs", "import", run.to_str().unwrap()]);
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-01",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
        "--pain-run",
        "2",
        "--intervals",
        "8x1/2",
    ]);
    let table = j.ok(&["runs"]);
    // Before: "2 runs" (a phantom second run) for one session.
    assert!(table.contains("1 run,"), "{table}");
    assert!(table.contains("the imported run of that day"), "{table}");
    let runs = runs_json(&j);
    let watch = runs.iter().find(|r| r["source"] == "gpx").unwrap();
    assert_eq!(watch["intervals"], "8x1/2", "{watch}");
    assert_eq!(watch["running_s"], 480, "{watch}");
}

/// Imports `n` runs of 20 minutes' running, one a day from 1 June, and
/// returns what the import said.
fn import_daily_runs(j: &Journal, n: i64) -> String {
    let files: Vec<PathBuf> = (0..n)
        .map(|d| {
            gpx(
                j,
                &format!("d{d:02}.gpx"),
                JUNE_1 + d * DAY,
                Some("running"),
                &[(1200, RUN)],
            )
        })
        .collect();
    let mut args = vec!["runs", "import"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    j.ok(&args)
}

#[test]
fn an_import_ends_with_the_command_that_records_each_runs_pain() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "right"]);
    j.checkin("2026-06-02", None, "1", "1");
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-03",
        "--pain-rest",
        "1",
        "--pain-walk",
        "1",
        "--pain-run",
        "3",
    ]);
    let out = import_daily_runs(&j, 3);
    assert!(
        out.contains(
            "no running pain for the run of 2026-06-01, 3.4 km (run 1): \
             soleus checkin --date 2026-06-01 --leg right --pain-rest N --pain-walk N --pain-run N"
        ),
        "{out}"
    );
    assert!(
        out.contains("(run 2): soleus checkin --date 2026-06-02 --leg right --update --pain-run N"),
        "{out}"
    );
    assert!(!out.contains("2026-06-03"), "that day has its running pain:\n{out}");
    // The command it gives works as given.
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-02",
        "--leg",
        "right",
        "--update",
        "--pain-run",
        "2",
    ]);
}

#[test]
fn a_deleted_run_stays_deleted_until_restored() {
    let j = Journal::new();
    let run = gpx(&j, "run.gpx", JUNE_1, Some("running"), &[(1200, RUN)]);
    j.ok(&["runs", "import", run.to_str().unwrap()]);
    let deleted = j.ok(&["runs", "delete", "1"]);
    assert!(deleted.contains("`soleus runs restore 1`"), "{deleted}");
    // Before: the same export imported again brought it back.
    let again = j.ok(&["runs", "import", run.to_str().unwrap()]);
    assert!(again.contains("runs import: 0 added"), "{again}");
    assert!(
        again.contains("1 deleted earlier, not added again (`soleus runs restore ID` puts one back: 1)"),
        "{again}"
    );
    assert!(runs_json(&j).is_empty());

    let restored = j.ok(&["runs", "restore", "1"]);
    assert!(
        restored.contains("restored run 1 (2026-06-01, 3.4 km, from gpx)"),
        "{restored}"
    );
    let runs = runs_json(&j);
    assert_eq!((runs.len(), runs[0]["id"].as_i64()), (1, Some(1)));
    assert!(fails(&j, &["runs", "restore", "1"]).contains("id: expected the ID of a deleted run"));
    assert!(fails(&j, &["runs", "restore", "x"]).contains("id:"));
    let third = j.ok(&["runs", "import", run.to_str().unwrap()]);
    assert!(third.contains("0 added, 1 duplicate"), "{third}");
}

#[test]
fn files_that_name_no_sport_are_runs_with_the_sport_flag() {
    let j = Journal::new();
    let run = gpx(&j, "untyped.gpx", JUNE_1, None, &[(1200, RUN)]);
    // Before: "no sport named 1", exit 0, and no way to say it was a run.
    let out = j.ok(&["runs", "import", run.to_str().unwrap()]);
    assert!(out.contains("no sport named 1"), "{out}");
    assert!(out.contains("`soleus runs import --sport run PATH...`"), "{out}");
    let ride = {
        let mut s = fit::Session::run(JUNE_1 + DAY, 30.0, 60.0, 0);
        s.sport = fit::CYCLING;
        write(j.dir.path(), "ride.fit", &fit::activity(&[s]))
    };
    let out = j.ok(&[
        "runs",
        "import",
        "--sport",
        "run",
        run.to_str().unwrap(),
        ride.to_str().unwrap(),
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert!(
        out.contains("cycling 1"),
        "a file that names another sport is still skipped: {out}"
    );
    assert!(fails(&j, &["runs", "import", "--sport", "ride", run.to_str().unwrap()]).contains("sport: expected run"));
}

/// A TCX file as Garmin Connect writes one: laps with their intensity.
fn tcx(start: i64, laps: &[(i64, f64, bool)]) -> String {
    let iso = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339();
    let (mut t, mut m) = (start, 0.0);
    let mut body = String::new();
    for (seconds, speed, resting) in laps {
        body.push_str(&format!(
            "<Lap StartTime=\"{}\"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>\
             <DistanceMeters>{}</DistanceMeters><Intensity>{}</Intensity><Track>",
            iso(t),
            *seconds as f64 * speed,
            if *resting { "Resting" } else { "Active" }
        ));
        for _ in 0..seconds / 5 {
            t += 5;
            m += speed * 5.0;
            body.push_str(&format!(
                "<Trackpoint><Time>{}</Time><DistanceMeters>{m}</DistanceMeters></Trackpoint>",
                iso(t)
            ));
        }
        body.push_str("</Track></Lap>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase \
         xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>\
         <Activity Sport=\"Running\"><Id>{}</Id>{body}</Activity></Activities></TrainingCenterDatabase>",
        iso(start)
    )
}

fn tcx_walk_run(start: i64) -> String {
    let mut laps = vec![(300, WALK, true)];
    for _ in 0..8 {
        laps.extend([(60, RUN, false), (120, WALK, true)]);
    }
    tcx(start, &laps)
}

#[test]
fn tcx_files_import_with_their_laps() {
    let j = Journal::new();
    let file = write(j.dir.path(), "walk-run.tcx", tcx_walk_run(JUNE_1).as_bytes());
    let gz = write(
        j.dir.path(),
        "steady.tcx.gz",
        &fit::gzip(tcx(JUNE_1 + DAY, &[(1800, RUN, false)]).as_bytes()),
    );
    let out = j.ok(&["runs", "import", file.to_str().unwrap(), gz.to_str().unwrap()]);
    assert!(out.contains("2 added"), "{out}");
    let runs = runs_json(&j);
    assert_eq!(runs[0]["running_s"], 480, "{}", runs[0]);
    assert_eq!(runs[0]["intervals"], "8x1/2");
    assert_eq!(runs[0]["moving_s"], 300 + 8 * 180);
    assert_eq!(runs[0]["source_id"], "walk-run.tcx");
    assert_eq!(runs[1]["date"], "2026-06-02");
    let bad = write(j.dir.path(), "bad.tcx", b"<TrainingCenterDatabase><Activities>");
    let err = refused(&j, &bad);
    assert!(err.contains("bad.tcx: holds no track"));
}

/// A zip of `entries`, deflated.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn a_garmin_connect_export_zip_reads_the_zips_inside_it() {
    let j = Journal::new();
    let inner = zip_of(&[
        (
            "123_ACTIVITY.fit",
            fit::activity(&[fit::Session::run(JUNE_1, 5.0, 30.0, 10)]),
        ),
        ("124_ACTIVITY.tcx", tcx_walk_run(JUNE_1 + DAY).into_bytes()),
        ("notes.txt", b"not an activity".to_vec()),
        ("broken.fit", b"not a fit file".to_vec()),
    ]);
    let deeper = zip_of(&[("deep.zip", zip_of(&[]))]);
    let export = zip_of(&[
        ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner),
        ("DI_CONNECT/DI-Connect-Fitness/summary.json", b"{}".to_vec()),
        (
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip",
            deeper,
        ),
    ]);
    let path = write(j.dir.path(), "export.zip", &export);
    let out = j
        .cmd()
        .args(["runs", "import", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(stdout.contains("runs import: 2 added"), "{stdout}");
    assert!(
        stderr.contains("UploadedFiles_0-_Part1.zip: broken.fit: not a FIT file"),
        "{stderr}"
    );
    let runs = runs_json(&j);
    assert_eq!(runs[0]["source"], "fit");
    assert_eq!(runs[0]["source_id"], "123_ACTIVITY.fit");
    assert_eq!(runs[1]["running_s"], 480);
}

#[test]
fn a_zip_bomb_is_refused_like_a_large_file() {
    let j = Journal::new();
    // 65 MiB of zeros: a few hundred KiB packed.
    let bomb = zip_of(&[("big.gpx", vec![b' '; 65 << 20])]);
    let path = write(j.dir.path(), "bomb.zip", &bomb);
    let err = refused(&j, &path);
    assert!(
        err.contains("big.gpx: unpacks to more than 64 MiB"),
        "one entry is held to a plain file's limit"
    );
    let junk = write(j.dir.path(), "junk.zip", b"PK not really");
    let err = refused(&j, &junk);
    assert!(err.contains("junk.zip: not a readable zip file"));
}

/// A whole watch history (here 14 runs) asks for the 10 newest runs' pain
/// by name and counts the older ones in one line, not one line a run.
#[test]
fn an_import_of_many_runs_asks_for_the_newest_and_counts_the_rest() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "right"]);
    let out = import_daily_runs(&j, 14);
    let asks = out
        .lines()
        .filter(|l| l.starts_with("no running pain for the run of"))
        .count();
    assert_eq!(asks, 10, "{out}");
    assert!(
        out.contains("4 older runs, from 2026-06-01 to 2026-06-04, have no running pain either"),
        "{out}"
    );
    assert!(out.contains("no running pain for the run of 2026-06-14"), "{out}");
    assert!(!out.contains("no running pain for the run of 2026-06-04"), "{out}");
}
