#![allow(clippy::unwrap_used)]
//! `soleus runs import`: FIT, GPX, gzipped files, folders, a Strava bulk
//! export and a Garmin Connect CSV, generated here (never downloaded).
//! Running activities only; a second import adds nothing; a corrupt file is
//! named and skipped while the rest import; nothing of a half-bad file is
//! written.

use std::fs;
use std::path::{Path, PathBuf};

use crate::kit::Journal;
use crate::kit::fit::{self, Session};

/// 2026-06-01T07:00:00Z.
const JUNE_1: i64 = 1_780_297_200;
const DAY: i64 = 86_400;

pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

pub(crate) fn runs_json(j: &Journal) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&j.ok(&["runs", "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// A trail run: 2 km north over 12 minutes, climbing 60 m then back down 20.
fn trail_points() -> Vec<(i64, f64, f64)> {
    (0..=24)
        .map(|i| {
            let elevation = if i <= 12 {
                500.0 + f64::from(i) * 5.0
            } else {
                560.0 - f64::from(i - 12) * 20.0 / 12.0
            };
            (i64::from(i) * 30, f64::from(i) * 2000.0 / 24.0, elevation)
        })
        .collect()
}

#[test]
fn fit_and_gpx_files_import_and_a_ride_is_skipped() {
    let j = Journal::new();
    let dir = j.dir.path().join("watch");
    let run = write(
        &dir,
        "morning.fit",
        &fit::activity(&[Session::run(JUNE_1, 5.02, 31.5, 42)]),
    );
    let mut ride = Session::run(JUNE_1 + DAY, 30.0, 60.0, 300);
    ride.sport = fit::CYCLING;
    let ride = write(&dir, "ride.fit", &fit::activity(&[ride]));
    let trail = write(
        &dir,
        "trail.gpx",
        &fit::gpx_track(JUNE_1 + 2 * DAY, Some("trail_running"), &trail_points()),
    );
    let out = j.ok(&[
        "runs",
        "import",
        run.to_str().unwrap(),
        ride.to_str().unwrap(),
        trail.to_str().unwrap(),
    ]);
    assert!(
        out.contains("runs import: 2 added, 0 duplicates (already in the journal), 0 refused"),
        "{out}"
    );
    assert!(
        out.contains("skipped 1 other activities (not running): cycling 1"),
        "{out}"
    );

    let runs = runs_json(&j);
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["date"], "2026-06-01");
    assert_eq!(runs[0]["start"], "2026-06-01T07:00:00Z");
    assert_eq!(runs[0]["km"], 5.02);
    assert_eq!(runs[0]["moving_s"], 1890);
    assert_eq!(runs[0]["climb_m"], 42.0);
    assert_eq!(runs[0]["source"], "fit");
    assert_eq!(runs[0]["source_id"], "morning.fit");
    assert_eq!(runs[1]["source"], "gpx");
    assert_eq!(runs[1]["date"], "2026-06-03");
    let km = runs[1]["km"].as_f64().unwrap();
    assert!((km - 2.0).abs() < 0.01, "{km}");
    assert_eq!(runs[1]["moving_s"], 720);
    let climb = runs[1]["climb_m"].as_f64().unwrap();
    assert!((57.0..=60.0).contains(&climb), "{climb}");

    let list = j.ok(&["runs"]);
    assert!(
        list.contains("5.0 km") && list.contains("31:30") && list.contains("42 m"),
        "{list}"
    );
    assert!(list.contains("fit morning.fit"), "{list}");
    assert!(list.contains("2 runs, 7.0 km in all"), "{list}");
}

#[test]
fn a_fit_file_with_a_track_point_a_second_imports_its_session() {
    let j = Journal::new();
    let bytes = fit::activity_with_records(&[Session::run(JUNE_1, 6.0, 36.0, 25)]);
    assert!(bytes.len() > 40_000, "{}", bytes.len());
    let file = write(j.dir.path(), "watch.fit", &bytes);
    let out = j.ok(&["runs", "import", file.to_str().unwrap()]);
    assert!(out.contains("1 added"), "{out}");
    let runs = runs_json(&j);
    assert_eq!(
        (runs[0]["km"].as_f64(), runs[0]["moving_s"].as_u64()),
        (Some(6.0), Some(2160))
    );
}

#[test]
fn gzipped_files_and_folders_import_and_a_second_import_adds_nothing() {
    let j = Journal::new();
    let dir = j.dir.path().join("export");
    write(
        &dir,
        "a/one.fit.gz",
        &fit::gzip(&fit::activity(&[Session::run(JUNE_1, 8.0, 45.0, 80)])),
    );
    write(
        &dir,
        "b/two.gpx.gz",
        &fit::gzip(&fit::gpx_track(JUNE_1 + DAY, Some("running"), &trail_points())),
    );
    let mut treadmill = Session::run(JUNE_1 + 2 * DAY, 6.0, 36.0, 0);
    treadmill.sub_sport = fit::TREADMILL;
    write(&dir, "b/c/treadmill.FIT", &fit::activity(&[treadmill]));
    write(&dir, "notes.txt", b"not an activity");
    let first = j.ok(&["runs", "import", dir.to_str().unwrap()]);
    assert!(first.contains("3 added, 0 duplicates"), "{first}");
    assert!(first.contains("ignored 1 other file"), "{first}");
    let second = j.ok(&["runs", "import", dir.to_str().unwrap()]);
    assert!(second.contains("0 added, 3 duplicates"), "{second}");
    assert_eq!(runs_json(&j).len(), 3);
}

#[test]
fn a_corrupt_file_is_named_and_skipped_while_the_rest_import() {
    let j = Journal::new();
    let dir = j.dir.path().join("watch");
    write(&dir, "good.fit", &fit::activity(&[Session::run(JUNE_1, 5.0, 30.0, 10)]));
    let mut cut = fit::activity(&[Session::run(JUNE_1 + DAY, 5.0, 30.0, 10)]);
    cut.truncate(cut.len() - 9);
    write(&dir, "cut.fit", &cut);
    write(&dir, "broken.gpx", b"<gpx><trk><trkseg><trkpt lat=\"x\"");
    write(&dir, "bad.fit.gz", b"not gzip at all");
    let assert = j.cmd().args(["runs", "import", dir.to_str().unwrap()]).assert().code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        out.contains("1 added, 0 duplicates (already in the journal), 3 refused"),
        "{out}"
    );
    assert!(err.contains("cut.fit: not a readable FIT file"), "{err}");
    assert!(err.contains("broken.gpx: not a readable GPX file"), "{err}");
    assert!(err.contains("bad.fit.gz: not a readable gzip file"), "{err}");
    assert!(err.contains("3 files or rows refused"), "{err}");
    assert_eq!(runs_json(&j).len(), 1);
}

#[test]
fn nothing_is_written_for_a_file_that_fails_half_way() {
    let j = Journal::new();
    // Two sessions: the second starts after today, so the file is refused whole.
    let file = write(
        j.dir.path(),
        "two.fit",
        &fit::activity(&[
            Session::run(JUNE_1, 5.0, 30.0, 10),
            Session::run(JUNE_1 + 40 * DAY, 5.0, 30.0, 10),
        ]),
    );
    let assert = j
        .cmd()
        .args(["runs", "import", file.to_str().unwrap()])
        .assert()
        .code(1);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.contains("two.fit: date: expected a date from"), "{err}");
    assert!(runs_json(&j).is_empty());
}

#[test]
fn a_strava_export_folder_reads_its_csv_and_the_files_it_names() {
    let j = Journal::new();
    let export = j.dir.path().join("export_12345");
    write(
        &export,
        "activities/101.fit.gz",
        &fit::gzip(&fit::activity(&[Session::run(JUNE_1, 10.0, 55.0, 120)])),
    );
    write(
        &export,
        "activities/102.gpx",
        &fit::gpx_track(JUNE_1 + DAY, None, &trail_points()),
    );
    let mut ride = Session::run(JUNE_1 + 2 * DAY, 40.0, 90.0, 400);
    ride.sport = fit::CYCLING;
    write(&export, "activities/103.fit", &fit::activity(&[ride]));
    // A file the CSV does not name is not imported on its own.
    write(
        &export,
        "activities/999.fit",
        &fit::activity(&[Session::run(JUNE_1 + 3 * DAY, 3.0, 20.0, 0)]),
    );
    write(
        &export,
        "activities.csv",
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Moving Time,Distance,Elevation Gain\n\
         101,\"Jun 1, 2026, 7:00:00 AM\",Long run,Run,,3400,10.0,activities/101.fit.gz,3300,10000,120\n\
         102,\"Jun 2, 2026, 7:00:00 AM\",Hills,Trail Run,,800,2.0,activities/102.gpx,720,2000,60\n\
         103,\"Jun 3, 2026, 7:00:00 AM\",Ride,Ride,,5400,40.0,activities/103.fit,5400,40000,400\n"
            .as_bytes(),
    );
    let out = j.ok(&["runs", "import", export.to_str().unwrap()]);
    assert!(out.contains("2 added, 0 duplicates"), "{out}");
    assert!(out.contains("ride 1"), "{out}");
    let runs = runs_json(&j);
    assert_eq!(runs.len(), 2);
    assert_eq!(
        (runs[0]["source"].as_str(), runs[0]["source_id"].as_str()),
        (Some("strava"), Some("101"))
    );
    assert_eq!(runs[0]["km"], 10.0);
    assert_eq!(runs[1]["source_id"], "102");
    assert_eq!(
        runs[1]["date"], "2026-06-02",
        "a GPX with no type is a run when the CSV says so"
    );
    // The CSV given directly reads the same export.
    let again = j.ok(&["runs", "import", export.join("activities.csv").to_str().unwrap()]);
    assert!(again.contains("0 added, 2 duplicates"), "{again}");
}

#[test]
fn a_garmin_activities_csv_imports_its_runs_and_matches_the_same_run_from_a_fit_file() {
    let j = Journal::new();
    let fit_file = write(
        j.dir.path(),
        "watch.fit",
        &fit::activity(&[Session::run(JUNE_1, 5.0, 30.0, 10)]),
    );
    j.ok(&["runs", "import", fit_file.to_str().unwrap()]);
    let csv = write(
        j.dir.path(),
        "Activities.csv",
        b"Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Total Ascent,Total Descent,Moving Time\n\
          Running,2026-06-01 07:00:01,false,Easy,5.00,400,00:30:00,140,10,10,00:30:00\n\
          Trail Running,2026-06-05 08:00:00,false,Hills,\"12.50\",\"900\",01:20:00,150,\"1,050\",1000,01:15:00\n\
          Cycling,2026-06-06 08:00:00,false,Ride,30.00,900,01:00:00,130,200,200,00:58:00\n\
          Treadmill Running,2026-06-07 18:30:00,false,Treadmill,6.00,400,00:36:00,140,--,--,--\n",
    );
    let out = j.ok(&["runs", "import", csv.to_str().unwrap()]);
    assert!(
        out.contains("2 added, 1 duplicate (already in the journal), 0 refused"),
        "{out}"
    );
    assert!(out.contains("cycling 1"), "{out}");
    let runs = runs_json(&j);
    assert_eq!(runs.len(), 3);
    let hills = runs.iter().find(|r| r["date"] == "2026-06-05").unwrap();
    assert_eq!(
        (hills["km"].as_f64(), hills["climb_m"].as_f64()),
        (Some(12.5), Some(1050.0))
    );
    assert_eq!(hills["moving_s"], 4500);
    assert_eq!(hills["source"], "garmin");
}

#[test]
fn bad_paths_are_refused_before_anything_is_written() {
    let j = Journal::new();
    let missing = j.dir.path().join("nope.fit");
    j.cmd()
        .args(["runs", "import", missing.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("PATH: expected an existing file or folder"));
    let text = write(j.dir.path(), "x.txt", b"<tcx/>");
    j.cmd()
        .args(["runs", "import", text.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a .fit, .gpx or .tcx file (or one gzipped, .fit.gz), a .csv or .zip export, or a folder",
        ));
    assert!(!j.db.exists(), "no journal was created");
}

#[test]
fn runs_delete_removes_one_run() {
    let j = Journal::new();
    let file = write(
        j.dir.path(),
        "a.fit",
        &fit::activity(&[Session::run(JUNE_1, 5.0, 30.0, 10)]),
    );
    j.ok(&["runs", "import", file.to_str().unwrap()]);
    let id = runs_json(&j)[0]["id"].as_i64().unwrap().to_string();
    let out = j.ok(&["runs", "delete", &id]);
    assert!(
        out.contains(&format!("deleted run {id} (2026-06-01, 5.0 km, from fit)")),
        "{out}"
    );
    assert!(runs_json(&j).is_empty());
    j.cmd()
        .args(["runs", "delete", &id])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("id: expected the ID of a run in the journal"));
    // A typed run: deleting it empties its check-in's run fields.
    j.ok(&["profile", "--leg", "left"]);
    j.ok(&[
        "checkin",
        "--pain-rest",
        "0",
        "--pain-walk",
        "0",
        "--run-km",
        "3",
        "--intervals",
        "10x1/2",
    ]);
    let typed = runs_json(&j)[0].clone();
    assert_eq!(typed["intervals"], "10x1/2");
    assert_ne!(
        typed["id"].as_i64().unwrap().to_string(),
        id,
        "a deleted run's ID is not reused"
    );
    let out = j.ok(&["runs", "delete", &typed["id"].as_i64().unwrap().to_string()]);
    assert!(out.contains("typed in the left calf check-in"), "{out}");
    let checkin = &j.export_json()["checkins"][0];
    assert!(
        checkin["run_km"].is_null() && checkin.get("intervals").is_none(),
        "{checkin}"
    );
}

#[test]
fn imported_runs_round_trip_through_export_and_import() {
    let j = Journal::new();
    let file = write(
        j.dir.path(),
        "a.fit",
        &fit::activity(&[Session::run(JUNE_1, 5.0, 30.0, 10)]),
    );
    j.ok(&["runs", "import", file.to_str().unwrap()]);
    let export = j.ok(&["export", "--format", "json"]);
    let copy = Journal::new();
    let path = write(copy.dir.path(), "export.json", export.as_bytes());
    copy.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(copy.ok(&["export", "--format", "json"]), export);
    let again = copy.ok(&["import", path.to_str().unwrap()]);
    assert!(again.contains("0 added, 0 updated"), "{again}");
}

#[test]
fn the_report_counts_a_run_logged_on_both_calves_once_and_adds_imported_runs() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    for leg in ["left", "right"] {
        j.ok(&[
            "checkin",
            "--date",
            "2026-06-16",
            "--leg",
            leg,
            "--pain-rest",
            "0",
            "--pain-walk",
            "0",
            "--run-km",
            "5",
            "--run-min",
            "30",
        ]);
    }
    // A walk-run typed on the left calf only: 10 minutes of running.
    j.ok(&[
        "checkin",
        "--date",
        "2026-06-17",
        "--leg",
        "left",
        "--pain-rest",
        "0",
        "--pain-walk",
        "0",
        "--intervals",
        "10x1/2",
        "--run-km",
        "3",
    ]);
    // A hilly run from the watch, 2026-06-18T07:00Z.
    let file = write(
        j.dir.path(),
        "hills.fit",
        &fit::activity(&[Session::run(JUNE_1 + 17 * DAY, 8.0, 50.0, 240)]),
    );
    j.ok(&["runs", "import", file.to_str().unwrap()]);
    j.ok(&["profile", "--baseline-km", "30"]);
    let md = j.ok(&["report", "--days", "6"]);
    assert!(
        md.contains("- Usual running before the injury: 30.0 km a week (last 7 days: 16.0 km, 53%)"),
        "{md}"
    );
    // 15-20 June: 5 km once (not 10), 3 km walk-run, 8 km imported; 30 + 10
    // + 50 running minutes; 240 m of climb.
    assert!(md.contains("| 16 Jun – 20 Jun | 16.0 | 90 | 53% | 240 | 0 |"), "{md}");
}

/// Writes 1,000 FIT runs with a track point a second (one run a day,
/// three years back from today, 25 to 50 KB each) into
/// `$SOLEUS_FIT_DIR`, for timing `soleus runs import` by hand (README,
/// Performance): `SOLEUS_FIT_DIR=/tmp/fit cargo test --release --test
/// runs_import -- --ignored write_1000_fit_files`.
#[test]
#[ignore = "writes files for a manual measurement"]
fn write_1000_fit_files() {
    let dir = PathBuf::from(std::env::var("SOLEUS_FIT_DIR").unwrap());
    for i in 0..1000 {
        let start = JUNE_1 + 19 * DAY - (i + 1) * DAY;
        let km = 4.0 + (i % 9) as f64;
        let session = Session::run(start, km, km * 6.0, (i % 7 * 15) as u16);
        write(&dir, &format!("{i:04}.fit"), &fit::activity_with_records(&[session]));
    }
}

#[test]
fn intervals_and_the_baseline_are_checked_like_every_field() {
    let j = Journal::new();
    j.ok(&["profile", "--leg", "left"]);
    j.cmd()
        .args([
            "checkin",
            "--pain-rest",
            "0",
            "--pain-walk",
            "0",
            "--intervals",
            "10x0/2",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("intervals: expected 1 to 200 repeats"));
    j.cmd()
        .args(["profile", "--baseline-km", "-3"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "baseline_km: expected a number from 0 to 1000",
        ));
    let out = j.ok(&["profile", "--baseline-mi", "20"]);
    assert!(out.contains("usual running before the injury: 32.2 km a week"), "{out}");
    assert_eq!(j.export_json()["profile"]["baseline_km"], 32.18688);
    let out = j.ok(&["profile", "--baseline-km", "none"]);
    assert!(out.contains("usual running before the injury: not set"), "{out}");
    // A walk-run typed in the check-in, then changed with --update.
    j.ok(&[
        "checkin",
        "--pain-rest",
        "0",
        "--pain-walk",
        "0",
        "--intervals",
        "10x1/2",
    ]);
    let out = j.ok(&["checkin", "--update", "--intervals", "11x1/2"]);
    assert!(out.contains("updated the left calf check-in"), "{out}");
    assert_eq!(j.export_json()["checkins"][0]["intervals"], "11x1/2");
    assert!(j.ok(&["runs"]).contains("11x1/2 (11 min running)"));
}
