//! Load stage: walks the content folders, reads every file and splits and parses the front
//! matter of Markdown files. Takes the [`Config`]; gives [`Loaded`]: one [`SourceDoc`] per
//! Markdown file, the other files as [`Asset`]s, and the problems found.
//!
//! Content folders are layered: a file in a later folder replaces the file at the same relative
//! path in an earlier one, so a municipality can put its own files over the national base.
//! Reading and parsing run in parallel; the result is sorted by path, so it never depends on
//! the thread schedule. Links are resolved by [`walk`]: nothing from outside the site is read.

pub mod front_matter;
pub mod walk;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceText};
pub use front_matter::{DocRole, RawFrontMatter};

/// A Markdown file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path inside the content folder, with `/` separators: `begrippen/statushouder.md`.
    /// Authors link to pages by this path; it is the page's identity together with `lang`.
    pub rel_path: String,
    /// The path shown in diagnostics (relative to the site root).
    pub shown: PathBuf,
    /// Index of the content folder it came from (`Config::content_dirs`).
    pub layer: usize,
    pub text: String,
    /// Byte offset in `text` where the Markdown body starts.
    pub body_start: usize,
    /// Byte range of the YAML front matter in `text`.
    pub yaml: std::ops::Range<usize>,
    pub role: DocRole,
    pub front: RawFrontMatter,
    /// Language of the page; the site language until translations arrive.
    pub lang: String,
}

impl SourceDoc {
    pub fn source(&self) -> SourceText<'_> {
        SourceText::new(&self.shown, &self.text)
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// A diagnostic at the value of front matter `key` (or the first line if it is absent).
    pub fn at_key(&self, d: Diagnostic, key: &str) -> Diagnostic {
        let span = match crate::yaml::YamlMap::parse(self.source(), self.yaml.clone()) {
            Ok(m) if m.contains(key) => m.value_span(key),
            _ => 0..3,
        };
        d.at(&self.source(), span)
    }

    /// A diagnostic at `needle` in the value of front matter `key` (which may span several
    /// lines, as a YAML list does). An occurrence that is a whole list item (`[a, needle]`,
    /// `- needle`, `key: needle`) wins over one inside a longer value, so `Jeugd` is found as
    /// itself and not inside `Jeugd en gezin`.
    pub fn at_key_value(&self, d: Diagnostic, key: &str, needle: &str) -> Diagnostic {
        let mut offset = self.yaml.start;
        let mut in_key = false;
        let mut first_inside: Option<usize> = None;
        for line in self.text[self.yaml.clone()].split_inclusive('\n') {
            if line.starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#') {
                in_key = line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'));
            }
            if in_key && !needle.is_empty() {
                // Skip the key itself on its own line.
                let skip = if line.starts_with(key) { key.len() } else { 0 };
                for (i, _) in line[skip..].match_indices(needle) {
                    let i = skip + i;
                    let start = offset + i;
                    if is_whole_item(line, i, needle.len()) {
                        return d.at(&self.source(), start..start + needle.len());
                    }
                    first_inside.get_or_insert(start);
                }
            }
            offset += line.len();
        }
        match first_inside {
            Some(start) => d.at(&self.source(), start..start + needle.len()),
            None => self.at_key(d, key),
        }
    }
}

/// Whether `line[i..i + len]` is a whole YAML scalar: only quotes and spaces separate it from
/// the list or mapping punctuation around it.
fn is_whole_item(line: &str, i: usize, len: usize) -> bool {
    let before = line[..i].trim_end_matches([' ', '\t', '"', '\'']);
    let after = line[i + len..].trim_start_matches([' ', '\t', '"', '\'']);
    (before.is_empty() || before.ends_with(['[', ',', ':', '-']))
        && (after.is_empty() || after.starts_with([',', ']', '#', '\n', '\r']))
}

/// A file in a content folder that is not Markdown: copied to the same path in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub rel_path: String,
    pub file: PathBuf,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<SourceDoc>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the load stage.
pub fn run(config: &Config) -> Loaded {
    let mut loaded = Loaded::default();
    // Later layers replace earlier ones: a map from relative path to (layer, file).
    let mut files: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let bounds = walk::Bounds::of(config);
    let walk = walk::Walk { config, bounds: &bounds, skip: |name, _| is_ignored(name) };
    for (layer, dir) in config.content_dirs.iter().enumerate() {
        if !dir.is_dir() {
            loaded.diagnostics.push(
                Diagnostic::error("no-content", format!("the content folder `{}` does not exist", config.display_path(dir).display()))
                    .help("create it and put Markdown files in it, or list your content folders under `content_dirs` in wegwijs.yaml"),
            );
            continue;
        }
        for (rel, file) in walk.files(dir, &mut loaded.diagnostics) {
            files.insert(rel, (layer, file));
        }
    }
    let (md, other): (Vec<_>, Vec<_>) = files.into_iter().partition(|(rel, _)| rel.ends_with(".md"));
    loaded.assets = other.into_iter().map(|(rel_path, (_, file))| Asset { rel_path, file }).collect();
    // An asset is copied only when the site is written; one that cannot be read is found now,
    // so that `check` reports what would make `build` fail.
    let unreadable: Vec<Diagnostic> =
        loaded.assets.par_iter().filter_map(|a| walk::unreadable(&a.file, &config.display_path(&a.file))).collect();
    loaded.diagnostics.extend(unreadable);
    let results: Vec<(Option<SourceDoc>, Vec<Diagnostic>)> =
        md.into_par_iter().map(|(rel, (layer, file))| read_doc(config, rel, layer, &file)).collect();
    for (doc, diagnostics) in results {
        loaded.docs.extend(doc);
        loaded.diagnostics.extend(diagnostics);
    }
    loaded
}

/// Hidden files and editor leftovers, which are not part of the site.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.starts_with("~$")
}

fn read_doc(config: &Config, rel_path: String, layer: usize, file: &Path) -> (Option<SourceDoc>, Vec<Diagnostic>) {
    let shown = config.display_path(file);
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) => return (None, vec![Diagnostic::error("io", format!("cannot read the file: {e}")).in_file(shown)]),
    };
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let mut d = Diagnostic::error("not-utf8", "the file is not valid UTF-8 text")
                .in_file(shown)
                .help("save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)");
            d.line = Some(line);
            return (None, vec![d]);
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    // Only a file named exactly `_index.md` is a section; `x_index.md` is an ordinary page.
    let is_section = rel_path.rsplit('/').next() == Some("_index.md");
    let role = if is_section { DocRole::Section } else { DocRole::Page };
    let src = SourceText::new(&shown, &text);
    let (yaml, body_start, front, diagnostics) = match front_matter::split(src) {
        Ok(split) => {
            let (front, d) = front_matter::parse(src, split.yaml.clone(), &rel_path, role);
            (split.yaml, split.body.start, front, d)
        }
        // Without front matter the whole file is the body, so its links are still checked.
        Err(d) if d.code == "missing-front-matter" => (0..0, 0, RawFrontMatter::default(), vec![d]),
        Err(d) => (0..0, text.len(), RawFrontMatter::default(), vec![d]),
    };
    let doc = SourceDoc { rel_path, shown, layer, text, body_start, yaml, role, front, lang: config.language.clone() };
    (Some(doc), diagnostics)
}
