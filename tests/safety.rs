//! Trust: wegwijs never deletes what it did not make, never publishes what is outside the site,
//! and never lets content run script. Each module takes one family of cases from the trust
//! issue: a fixture site made on the spot, the command a user would run, and an assertion that
//! every file the user had is byte-identical afterwards (and that nothing outside the output
//! was written), besides the error the user gets.

mod common;
#[path = "safety/support.rs"]
mod support;

#[cfg(unix)]
#[path = "safety/inputs.rs"]
mod inputs;
#[path = "safety/limits.rs"]
mod limits;
#[path = "safety/output.rs"]
mod output;

#[path = "safety/urls.rs"]
mod urls;

#[path = "safety/places.rs"]
mod places;
