//! Output ownership: see the trust issue.
