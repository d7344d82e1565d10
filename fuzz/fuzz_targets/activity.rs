//! The FIT, GPX, gzip and export-CSV readers under libFuzzer: any bytes
//! are read or refused with a reason, never a panic. The proptest stand-in
//! (random and mutated files) is `tests/it/fuzz_activity.rs`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = soleus::activity::parse_fit(data);
    let _ = soleus::activity::parse_gpx(data);
    let _ = soleus::activity::strava_rows(data);
    let _ = soleus::activity::garmin_rows(data, soleus::units::Units::Km, &chrono::Utc);
    if let Ok(inner) = soleus::activity::maybe_gunzip(data.to_vec(), true) {
        let _ = soleus::activity::parse_fit(&inner);
        let _ = soleus::activity::parse_gpx(&inner);
    }
});
