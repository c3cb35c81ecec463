//! Arbitrary options and post: no panic, no hang, the html contract, idempotence.
#![no_main]

use finews_reader::Options;
use finews_reader_fuzz::invariants;

libfuzzer_sys::fuzz_target!(|input: (Options, String)| {
    let (options, raw) = input;
    invariants::check(raw.as_bytes(), &options, false);
});
