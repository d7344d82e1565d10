//! A small FIT writer for tests: `fitparser` only reads, so fixtures are
//! written here, byte for byte as the FIT protocol lays them out (a
//! 14-byte header, definition and data messages, CRC-16 checksums).
#![allow(dead_code)]

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
const FIT_EPOCH: i64 = 631_065_600;

/// FIT sport numbers.
pub const RUNNING: u8 = 1;
pub const CYCLING: u8 = 2;
/// FIT sub-sport numbers.
pub const GENERIC: u8 = 0;
pub const TREADMILL: u8 = 1;
pub const TRAIL: u8 = 3;

/// One session (activity summary) of a FIT file.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// Unix seconds.
    pub start: i64,
    pub sport: u8,
    pub sub_sport: u8,
    pub distance_m: f64,
    pub timer_s: f64,
    pub ascent_m: u16,
}

impl Session {
    pub fn run(start: i64, km: f64, minutes: f64, ascent_m: u16) -> Session {
        Session {
            start,
            sport: RUNNING,
            sub_sport: GENERIC,
            distance_m: km * 1000.0,
            timer_s: minutes * 60.0,
            ascent_m,
        }
    }
}

/// The FIT protocol's CRC-16 of `data`.
pub fn crc16(data: &[u8]) -> u16 {
    const TABLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01,
        0x8801, 0x4400,
    ];
    let mut crc: u16 = 0;
    for &byte in data {
        for nibble in [byte & 0x0F, byte >> 4] {
            let tmp = TABLE[usize::from(crc & 0x0F)];
            crc = (crc >> 4) & 0x0FFF;
            crc = crc ^ tmp ^ TABLE[usize::from(nibble)];
        }
    }
    crc
}

fn fit_time(unix: i64) -> [u8; 4] {
    u32::try_from(unix - FIT_EPOCH).unwrap().to_le_bytes()
}

/// A FIT activity file holding `sessions`.
pub fn activity(sessions: &[Session]) -> Vec<u8> {
    build(sessions, false)
}

/// The same with a track point (record message) for every second of each
/// session, as a watch writes it: position, distance, altitude and heart
/// rate. A 40-minute run is about 50 KB, like a real file.
pub fn activity_with_records(sessions: &[Session]) -> Vec<u8> {
    build(sessions, true)
}

fn build(sessions: &[Session], with_records: bool) -> Vec<u8> {
    let mut data = Vec::new();
    // file_id (global 0) as local message 0: type, manufacturer, time_created.
    data.extend([0x40, 0, 0, 0, 0, 3, 0, 1, 0x00, 1, 2, 0x84, 4, 4, 0x86]);
    data.push(0x00);
    data.push(4); // activity
    data.extend(1u16.to_le_bytes()); // garmin
    data.extend(fit_time(sessions.first().map_or(FIT_EPOCH + 1, |s| s.start)));
    // session (global 18) as local message 1.
    data.extend([0x41, 0, 0, 18, 0, 8]);
    for (field, size, base) in [
        (253u8, 4u8, 0x86u8), // timestamp
        (2, 4, 0x86),         // start_time
        (5, 1, 0x00),         // sport
        (6, 1, 0x00),         // sub_sport
        (7, 4, 0x86),         // total_elapsed_time, s x 1000
        (8, 4, 0x86),         // total_timer_time, s x 1000
        (9, 4, 0x86),         // total_distance, m x 100
        (22, 2, 0x84),        // total_ascent, m
    ] {
        data.extend([field, size, base]);
    }
    if with_records {
        // record (global 20) as local message 2.
        data.extend([0x42, 0, 0, 20, 0, 6]);
        for (field, size, base) in [
            (253u8, 4u8, 0x86u8), // timestamp
            (0, 4, 0x85),         // position_lat, semicircles
            (1, 4, 0x85),         // position_long
            (5, 4, 0x86),         // distance, m x 100
            (2, 2, 0x84),         // altitude, (m + 500) x 5
            (3, 1, 0x02),         // heart_rate
        ] {
            data.extend([field, size, base]);
        }
        for s in sessions {
            let seconds = s.timer_s as i64;
            for t in 0..seconds {
                let metres = s.distance_m * t as f64 / s.timer_s;
                data.push(0x02);
                data.extend(fit_time(s.start + t));
                data.extend((553_000_000i32 + (metres * 10.0) as i32).to_le_bytes());
                data.extend(83_000_000i32.to_le_bytes());
                data.extend(((metres * 100.0) as u32).to_le_bytes());
                let altitude = ((400.0 + (t % 120) as f64 * 0.2 + 500.0) * 5.0).round() as u16;
                data.extend(altitude.to_le_bytes());
                data.push(140 + (t % 20) as u8);
            }
        }
    }
    for s in sessions {
        data.push(0x01);
        data.extend(fit_time(s.start + s.timer_s as i64));
        data.extend(fit_time(s.start));
        data.push(s.sport);
        data.push(s.sub_sport);
        data.extend(((s.timer_s * 1000.0) as u32).to_le_bytes());
        data.extend(((s.timer_s * 1000.0) as u32).to_le_bytes());
        data.extend(((s.distance_m * 100.0) as u32).to_le_bytes());
        data.extend(s.ascent_m.to_le_bytes());
    }
    let mut file = vec![14, 0x20];
    file.extend(2132u16.to_le_bytes());
    file.extend(u32::try_from(data.len()).unwrap().to_le_bytes());
    file.extend(b".FIT");
    let header_crc = crc16(&file);
    file.extend(header_crc.to_le_bytes());
    file.extend(&data);
    let crc = crc16(&file);
    file.extend(crc.to_le_bytes());
    file
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A GPX track written with the `gpx` crate: `points` of (seconds after
/// `start`, metres north of the start, elevation).
pub fn gpx_track(start: i64, kind: Option<&str>, points: &[(i64, f64, f64)]) -> Vec<u8> {
    let mut segment = gpx::TrackSegment::new();
    for &(seconds, north_m, elevation) in points {
        let lat = 46.0 + north_m / 111_195.0;
        let mut p = gpx::Waypoint::new(geo_types::Point::new(7.0, lat));
        p.elevation = Some(elevation);
        let t = time::OffsetDateTime::from_unix_timestamp(start + seconds).unwrap();
        p.time = Some(t.into());
        segment.points.push(p);
    }
    let mut track = gpx::Track::new();
    track.type_ = kind.map(str::to_owned);
    track.segments.push(segment);
    let doc = gpx::Gpx {
        version: gpx::GpxVersion::Gpx11,
        creator: Some("soleus tests".to_owned()),
        tracks: vec![track],
        ..gpx::Gpx::default()
    };
    let mut out = Vec::new();
    gpx::write(&doc, &mut out).unwrap();
    out
}
