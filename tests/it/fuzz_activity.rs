#![allow(clippy::unwrap_used)]
//! Property tests standing in for cargo-fuzz (which needs a nightly
//! toolchain): random and mutated bytes through the FIT, GPX, gzip and
//! export-CSV readers never panic; they read or refuse with a reason.
//! `PROPTEST_CASES` raises the count for a longer local run.

use crate::kit::fit::{self, Session};
use proptest::prelude::*;
use soleus::activity;

/// 2026-06-01T07:00:00Z.
const JUNE_1: i64 = 1_780_297_200;

fn seed_fit() -> Vec<u8> {
    fit::activity(&[
        Session::run(JUNE_1, 5.0, 30.0, 40),
        Session::run(JUNE_1 + 7200, 3.0, 20.0, 0),
    ])
}

fn seed_gpx() -> Vec<u8> {
    let points: Vec<(i64, f64, f64)> = (0..20)
        .map(|i| (i * 30, f64::from(i as i32) * 80.0, 400.0 + (i % 5) as f64))
        .collect();
    fit::gpx_track(JUNE_1, Some("running"), &points)
}

/// A mutation of a valid file: overwrite, insert, delete or cut bytes.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
            (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Insert(i, b)),
            any::<usize>().prop_map(Edit::Remove),
            any::<usize>().prop_map(Edit::Truncate),
        ],
        1..8,
    )
}

fn mutate(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Set(i, b) if !bytes.is_empty() => bytes[i % len] = b,
            Edit::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Edit::Remove(i) if !bytes.is_empty() => {
                bytes.remove(i % len);
            }
            Edit::Truncate(i) => bytes.truncate(i % len),
            _ => {}
        }
    }
    bytes
}

/// A FIT file with its CRCs made right again after mutating the data, so
/// the decoder goes past the checksum into the messages themselves.
fn refit(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.len() < 16 {
        return bytes;
    }
    bytes.truncate(bytes.len() - 2);
    let data_len = u32::try_from(bytes.len() - 14).unwrap();
    bytes[4..8].copy_from_slice(&data_len.to_le_bytes());
    let header_crc = fit::crc16(&bytes[..12]);
    bytes[12..14].copy_from_slice(&header_crc.to_le_bytes());
    let crc = fit::crc16(&bytes);
    bytes.extend(crc.to_le_bytes());
    bytes
}

fn read_any(bytes: &[u8]) {
    let _ = activity::parse_fit(bytes);
    let _ = activity::parse_gpx(bytes);
    let _ = activity::parse_strava(bytes);
    let _ = activity::parse_garmin(bytes, soleus::units::Units::Km, &chrono::Utc);
    if let Ok(inner) = activity::maybe_gunzip(bytes.to_vec(), true) {
        let _ = activity::parse_fit(&inner);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_any(&bytes);
    }

    #[test]
    fn mutated_fit_files_never_panic(edits in edits(), fix_crc in any::<bool>()) {
        let bytes = mutate(seed_fit(), &edits);
        let bytes = if fix_crc { refit(bytes) } else { bytes };
        let _ = activity::parse_fit(&bytes);
        let _ = activity::maybe_gunzip(fit::gzip(&bytes), true).map(|b| activity::parse_fit(&b));
    }

    #[test]
    fn mutated_gpx_files_never_panic(edits in edits()) {
        let bytes = mutate(seed_gpx(), &edits);
        let _ = activity::parse_gpx(&bytes);
    }
}

#[test]
fn the_seeds_are_valid_so_the_mutations_start_from_real_files() {
    assert_eq!(activity::parse_fit(&seed_fit()).unwrap().len(), 2);
    assert_eq!(activity::parse_fit(&refit(seed_fit())).unwrap().len(), 2);
    assert_eq!(activity::parse_gpx(&seed_gpx()).unwrap().len(), 1);
}

/// Regression: `fitparser` 0.11 slices the header by the size its first
/// byte declares, and panicked ("range end index 134 out of range for slice
/// of length 49") on a mutated file whose header claimed more bytes than
/// the file held. soleus checks the header chain before decoding.
#[test]
fn a_header_claiming_more_bytes_than_the_file_has_is_refused_not_a_panic() {
    let mut big_header = seed_fit();
    big_header.truncate(49);
    big_header[0] = 136;
    let err = activity::parse_fit(&big_header).unwrap_err();
    assert!(err.contains("a header of 136 bytes"), "{err}");

    let mut long_data = seed_fit();
    long_data[4..8].copy_from_slice(&100_000u32.to_le_bytes());
    let err = activity::parse_fit(&long_data).unwrap_err();
    assert!(err.contains("cut short"), "{err}");

    // Two FIT files chained, the second cut inside or just after its header.
    let mut chained = seed_fit();
    chained.extend(&seed_fit()[..10]);
    assert!(activity::parse_fit(&chained).unwrap_err().contains("stray bytes"));
    let mut chained = seed_fit();
    chained.extend(&seed_fit()[..13]);
    assert!(activity::parse_fit(&chained).unwrap_err().contains("cut short"));
    let mut whole_chain = seed_fit();
    whole_chain.extend(seed_fit());
    assert_eq!(activity::parse_fit(&whole_chain).unwrap().len(), 4);
}
