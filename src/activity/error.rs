//! Why a file, or one row of an export, gives no activity. Each message is
//! one line that follows the file's name (or "line N") in what the user is
//! shown, so it starts in lower case and carries no file name itself.

use super::{CsvKind, MAX_FILE_BYTES};

/// Why an activity could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    /// A `.gz` file that does not gunzip; the decoder's reason.
    #[error("not a readable gzip file ({0})")]
    Gzip(String),
    /// A `.gz` file that expands past [`MAX_FILE_BYTES`].
    #[error("expands to more than {} MiB", MAX_FILE_BYTES >> 20)]
    ExpandsTooFar,
    /// A CSV file was asked for a track.
    #[error("a CSV file holds no track")]
    CsvHoldsNoTrack,

    /// The first header has no `.FIT` signature.
    #[error("not a FIT file (no .FIT signature in its header)")]
    NotFit,
    /// Bytes after the last whole FIT file that are not another one.
    #[error("not a readable FIT file: {0} stray bytes after its end")]
    FitStrayBytes(usize),
    /// A FIT header of a size other than 12 or 14 bytes.
    #[error("not a readable FIT file: a header of {0} bytes (12 or 14 expected)")]
    FitHeaderSize(usize),
    /// A FIT file shorter than its header announces.
    #[error("not a readable FIT file: cut short ({bytes} bytes where its header announces {announced})")]
    FitCutShort { bytes: usize, announced: usize },
    /// The FIT decoder's reason, cut to one short line.
    #[error("not a readable FIT file: {0}")]
    FitDecode(String),
    /// A FIT file without a session message.
    #[error("holds no activity summary (a FIT session): not an activity file")]
    NoFitSession,
    /// A FIT session without a start time or a timestamp.
    #[error("its session has no start time")]
    NoStartTime,

    /// The GPX reader's reason, cut to one short line.
    #[error("not a readable GPX file: {0}")]
    Gpx(String),
    /// A GPX file nested deeper than the reader goes.
    #[error("not a readable GPX file: elements nested more than {0} deep")]
    GpxTooDeep(usize),
    /// A GPX file with more points than the reader takes.
    #[error("not a readable GPX file: more than {0} points (the most one file may hold)")]
    GpxTooManyPoints(usize),
    /// A GPX file without a track that has timed points.
    #[error("holds no track with timed points: cannot tell when it was run")]
    NoTimedTrack,

    /// The TCX reader's reason, cut to one short line.
    #[error("not a readable TCX file: {0}")]
    Tcx(String),
    /// A TCX file nested deeper than the reader goes.
    #[error("not a readable TCX file: elements nested more than {0} deep")]
    TcxTooDeep(usize),
    /// A TCX file with more points than the reader takes.
    #[error("not a readable TCX file: more than {0} points (the most one file may hold)")]
    TcxTooManyPoints(usize),

    /// A zip archive that cannot be read; the reader's reason.
    #[error("not a readable zip file ({0})")]
    Zip(String),
    /// A zip archive past one of the limits on what it may hold.
    #[error("{0}")]
    ZipTooLarge(String),

    /// An export's header row cannot be read; the CSV reader's reason.
    #[error("not a readable {} CSV ({reason})", export.activities())]
    CsvHeader { export: CsvKind, reason: String },
    /// One line of an export cannot be read; the CSV reader's reason.
    #[error("line {line} of the {} CSV cannot be read ({reason})", export.activities())]
    CsvLine {
        export: CsvKind,
        line: usize,
        reason: String,
    },
    /// A row of an export with no date.
    #[error("no date")]
    NoDate,
    /// A row of an export whose date is in no format the export writes.
    #[error("date {0:?} is not a date and time this export writes")]
    BadDate(String),
}

impl ActivityError {
    /// True when the message says `text`. Kept for callers that checked
    /// the message when it was a `String` (the property tests of the FIT
    /// reader do).
    pub fn contains(&self, text: &str) -> bool {
        self.to_string().contains(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages are what the user reads after a file's name: each is
    /// held to the words it had when the readers returned text.
    #[test]
    fn messages_read_as_before() {
        let cases = [
            (ActivityError::Gzip("bad".into()), "not a readable gzip file (bad)"),
            (ActivityError::ExpandsTooFar, "expands to more than 64 MiB"),
            (ActivityError::CsvHoldsNoTrack, "a CSV file holds no track"),
            (
                ActivityError::NotFit,
                "not a FIT file (no .FIT signature in its header)",
            ),
            (
                ActivityError::FitStrayBytes(10),
                "not a readable FIT file: 10 stray bytes after its end",
            ),
            (
                ActivityError::FitHeaderSize(136),
                "not a readable FIT file: a header of 136 bytes (12 or 14 expected)",
            ),
            (
                ActivityError::FitCutShort {
                    bytes: 49,
                    announced: 150,
                },
                "not a readable FIT file: cut short (49 bytes where its header announces 150)",
            ),
            (ActivityError::FitDecode("crc".into()), "not a readable FIT file: crc"),
            (
                ActivityError::NoFitSession,
                "holds no activity summary (a FIT session): not an activity file",
            ),
            (ActivityError::NoStartTime, "its session has no start time"),
            (ActivityError::Gpx("eof".into()), "not a readable GPX file: eof"),
            (
                ActivityError::NoTimedTrack,
                "holds no track with timed points: cannot tell when it was run",
            ),
            (
                ActivityError::CsvHeader {
                    export: CsvKind::Strava,
                    reason: "bad".into(),
                },
                "not a readable Strava activities CSV (bad)",
            ),
            (
                ActivityError::CsvLine {
                    export: CsvKind::Garmin,
                    line: 3,
                    reason: "bad".into(),
                },
                "line 3 of the Garmin activities CSV cannot be read (bad)",
            ),
            (ActivityError::NoDate, "no date"),
            (
                ActivityError::BadDate("yesterday".into()),
                "date \"yesterday\" is not a date and time this export writes",
            ),
        ];
        for (err, text) in cases {
            assert_eq!(err.to_string(), text);
            assert!(err.contains(text));
            assert_eq!(err.to_string(), text);
        }
    }
}
