//! Arbitrary bytes as a post, default options: no panic, no hang, the html contract,
//! ammonia (configured to our policy) agrees, idempotence.
#![no_main]

use finews_reader::Options;
use finews_reader_fuzz::invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check(data, &Options::default(), true);
});
