//! A Garmin Connect data export: a zip whose activity files sit in zips of
//! their own (`DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip`).
//! Every FIT, GPX and TCX file in it, or in a zip inside it (one level), is
//! read as a file on disk would be, within limits that keep a zip bomb as
//! harmless as a large file: each activity file at most
//! [`activity::MAX_FILE_BYTES`] unpacked, [`MAX_TOTAL_BYTES`] unpacked in
//! all, [`MAX_ENTRIES`] entries in all, and zips inside zips inside zips
//! not opened. An inner zip is unpacked to an owner-only temporary file,
//! deleted when read.

use std::fs;
use std::io::{Read, Seek};
use std::path::Path;

use crate::activity::{self, Activity, ActivityError, FileKind};

/// Most bytes unpacked from one export, nested zips included.
pub const MAX_TOTAL_BYTES: u64 = 2 << 30;
/// Most entries in one export, nested zips' included.
pub const MAX_ENTRIES: usize = 200_000;

/// One activity file found in the export, or why it could not be read.
pub struct Entry {
    /// Where it is: the inner zip's name and its own, `a.zip: b.fit`.
    pub label: String,
    /// Its file name, for the run's source.
    pub name: String,
    pub kind: FileKind,
    pub activities: Result<Vec<Activity>, String>,
}

/// Reads every activity file in the export at `path`. An error is the
/// whole archive's (not a zip, past a limit); an entry's own reason is in
/// its [`Entry`].
pub fn read(path: &Path, ignored: &mut usize) -> Result<Vec<Entry>, ActivityError> {
    let file = fs::File::open(path).map_err(|e| ActivityError::Zip(e.to_string()))?;
    let mut budget = Budget {
        bytes: MAX_TOTAL_BYTES,
        entries: MAX_ENTRIES,
    };
    let mut entries = Vec::new();
    walk(file, "", 0, &mut budget, &mut entries, ignored)?;
    Ok(entries)
}

struct Budget {
    bytes: u64,
    entries: usize,
}

fn too_large() -> ActivityError {
    ActivityError::ZipTooLarge(format!(
        "unpacks to more than {} MiB, the most one export may",
        MAX_TOTAL_BYTES >> 20
    ))
}

impl Budget {
    fn take_entries(&mut self, n: usize) -> Result<(), ActivityError> {
        self.entries = self.entries.checked_sub(n).ok_or_else(|| {
            ActivityError::ZipTooLarge(format!("holds more than {MAX_ENTRIES} files, the most one export may"))
        })?;
        Ok(())
    }

    /// Reads all of `r`: `Ok(Err(reason))` past `most` bytes (that file
    /// alone is refused), `Err` past what the export has left.
    fn read_all(&mut self, r: impl Read, most: u64) -> Result<Result<Vec<u8>, String>, ActivityError> {
        let limit = most.min(self.bytes);
        let mut bytes = Vec::new();
        if let Err(e) = r.take(limit + 1).read_to_end(&mut bytes) {
            return Ok(Err(format!("cannot be unpacked ({e})")));
        }
        let n = bytes.len() as u64;
        if n > limit {
            if limit < most {
                return Err(too_large());
            }
            return Ok(Err(format!("unpacks to more than {} MiB", most >> 20)));
        }
        self.bytes -= n;
        Ok(Ok(bytes))
    }
}

fn walk<R: Read + Seek>(
    reader: R,
    outer: &str,
    level: usize,
    budget: &mut Budget,
    out: &mut Vec<Entry>,
    ignored: &mut usize,
) -> Result<(), ActivityError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| ActivityError::Zip(e.to_string()))?;
    budget.take_entries(archive.len())?;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|e| ActivityError::Zip(e.to_string()))?;
        if file.is_dir() {
            continue;
        }
        let full = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let name = full.rsplit('/').next().unwrap_or_default().to_owned();
        let label = if outer.is_empty() {
            full.clone()
        } else {
            format!("{outer}: {full}")
        };
        match FileKind::of(&name) {
            Some(FileKind::Zip) if level == 0 => {
                let mut temp = tempfile::tempfile().map_err(|e| ActivityError::Zip(e.to_string()))?;
                let copied = std::io::copy(&mut (&mut file).take(budget.bytes + 1), &mut temp)
                    .map_err(|e| ActivityError::Zip(format!("{full}: {e}")))?;
                if copied > budget.bytes {
                    return Err(too_large());
                }
                budget.bytes -= copied;
                drop(file);
                temp.rewind().map_err(|e| ActivityError::Zip(e.to_string()))?;
                walk(temp, &full, level + 1, budget, out, ignored)?;
            }
            Some(kind @ (FileKind::Fit { .. } | FileKind::Gpx { .. } | FileKind::Tcx { .. })) => {
                let activities = budget
                    .read_all(&mut file, activity::MAX_FILE_BYTES)?
                    .and_then(|bytes| activity::maybe_gunzip(bytes, kind.gzipped()).map_err(|e| e.to_string()))
                    .and_then(|bytes| kind.parse(&bytes).map_err(|e| e.to_string()));
                out.push(Entry {
                    label,
                    name,
                    kind,
                    activities,
                });
            }
            _ => *ignored += 1,
        }
    }
    Ok(())
}
