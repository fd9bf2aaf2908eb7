//! Any bytes as a Markdown file: split, read the front matter, print every report.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use wegwijs::diagnostic::SourceText;
use wegwijs::load::front_matter::{self, DocRole};

fuzz_target!(|data: &[u8]| {
    // The load stage reports files that are not UTF-8 before it splits anything.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceText::new(Path::new("begrippen/x.md"), text);
    for role in [DocRole::Page, DocRole::Section] {
        let diagnostics = match front_matter::split(src) {
            Ok(split) => front_matter::parse(src, split.yaml, "begrippen/x.md", role).1,
            Err(d) => vec![d],
        };
        for d in diagnostics {
            let _ = d.render(false);
            let _ = d.to_json();
        }
    }
});
