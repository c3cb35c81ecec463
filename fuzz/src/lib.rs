//! The fuzz targets' shared code: the invariants, over the checks of `tests/common`
//! (the html contract, ammonia as an oracle, idempotence), included by path so that the
//! fuzz targets and the native tests check exactly the same things.

#[path = "../../tests/common/mod.rs"]
pub mod common;
pub mod invariants;
