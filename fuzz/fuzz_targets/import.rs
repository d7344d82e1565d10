//! The import parser under libFuzzer: any bytes go through
//! `soleus::domain::import::parse`, and what it accepts must import whole,
//! import again as unchanged, be all in the export, and round-trip. The
//! property is shared with the proptest in `tests/it/hostile_input.rs`.
#![no_main]

#[path = "../../tests/it/kit/import_property.rs"]
mod import_property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    import_property::check(data);
});
