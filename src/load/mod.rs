//! Load stage: walks the content folders, reads every file and splits and parses the front
//! matter of Markdown files. Takes the [`Config`]; gives [`Loaded`]: one [`SourceDoc`] per
//! Markdown file, the other files as [`Asset`]s, and the problems found.
//!
//! Content folders are layered: a file in a later folder replaces the file at the same relative
//! path in an earlier one, so a municipality can put its own files over the national base.
//! Reading and parsing run in parallel; the result is sorted by path, so it never depends on
//! the thread schedule. Links are resolved by [`walk`]: nothing from outside the site is read.

pub mod front_matter;
pub(crate) mod modified;
pub(crate) mod walk;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, LineStarts, SourceText};
use crate::hash::FxMap;
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
    /// Language of the page: the site's, or a translation's (`statushouder.en.md`).
    pub lang: String,
    /// Which reading of the file this is, for the preview's [`Memo`]: a file read again gets a
    /// new number, one taken from the memo keeps its number. 0 when read without a memo.
    pub revision: u64,
    /// Whether the file comes from the base or the local layer of a site with a `base:`.
    pub origin: crate::layers::Origin,
}

impl SourceDoc {
    pub(crate) fn source(&self) -> SourceText<'_> {
        SourceText::new(&self.shown, &self.text)
    }

    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// A diagnostic at the value of front matter `key` (or the first line if it is absent), at
    /// the span recorded when the front matter was read.
    pub(crate) fn at_key(&self, d: Diagnostic, key: &str) -> Diagnostic {
        let span = self.front.spans.value(key).unwrap_or(0..3);
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

/// Finds many values of one front matter key in one document, as [`SourceDoc::at_key_value`]
/// does, for a check that may report thousands of values of one page: the key's lines are read
/// once into a table of their list items, so each report costs a lookup instead of a pass over
/// the front matter. A value that is not one whole item of the table (it holds a `,` or starts
/// with a quote) is looked for as `at_key_value` does.
pub struct ValueFinder<'d> {
    doc: &'d SourceDoc,
    key: String,
    /// Each whole item written under the key → where its first occurrence starts.
    items: HashMap<&'d str, usize>,
    lines: LineStarts,
}

/// Items longer than this are not put in the table (they are looked for one by one), which
/// bounds the work per line whatever the line holds.
const LONGEST_ITEM: usize = 256;

impl SourceDoc {
    pub fn value_finder(&self, key: &str) -> ValueFinder<'_> {
        let mut items = HashMap::new();
        let mut offset = self.yaml.start;
        let mut in_key = false;
        for line in self.text[self.yaml.clone()].split_inclusive('\n') {
            if line.starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#') {
                in_key = line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'));
            }
            if in_key {
                let skip = if line.starts_with(key) { key.len() } else { 0 };
                for (start, end) in whole_items(line, skip) {
                    items.entry(&line[start..end]).or_insert(offset + start);
                }
            }
            offset += line.len();
        }
        ValueFinder { doc: self, key: key.to_string(), items, lines: LineStarts::new(&self.text) }
    }
}

impl ValueFinder<'_> {
    /// `d` located at `needle` in the key's value: the same place [`SourceDoc::at_key_value`]
    /// gives.
    pub fn at(&self, d: Diagnostic, needle: &str) -> Diagnostic {
        match self.items.get(needle) {
            Some(&start) if !needle.is_empty() => {
                d.at_indexed(&self.doc.source(), &self.lines, start..start + needle.len())
            }
            _ => self.doc.at_key_value(d, &self.key, needle),
        }
    }
}

/// The whole items of a line from byte `skip` on, in order: `(start, end)` of each text that
/// [`is_whole_item`] accepts and that starts after list or mapping punctuation (and the quotes
/// and spaces after it) and ends at the first place where the item may end. In one pass.
fn whole_items(line: &str, skip: usize) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let n = b.len();
    let filler = |c: u8| matches!(c, b' ' | b'\t' | b'"' | b'\'');
    // may_end[j]: what follows byte j, past spaces and quotes, is nothing or `,`, `]`, `#` or a
    // line break.
    let mut may_end = vec![false; n + 1];
    may_end[n] = true;
    for j in (0..n).rev() {
        may_end[j] = if filler(b[j]) { may_end[j + 1] } else { matches!(b[j], b',' | b']' | b'#' | b'\n' | b'\r') };
    }
    // next_end[j]: the first j' >= j with may_end[j'].
    let mut next_end = vec![n; n + 1];
    for j in (0..n).rev() {
        next_end[j] = if may_end[j] { j } else { next_end[j + 1] };
    }
    let mut items = Vec::new();
    // Whether what precedes byte i, past spaces and quotes, is nothing or `[`, `,`, `:`, `-`.
    let mut may_start = true;
    for i in 0..n {
        if may_start && !filler(b[i]) && i >= skip {
            let end = next_end[i + 1];
            if end - i <= LONGEST_ITEM && line.is_char_boundary(i) && line.is_char_boundary(end) {
                items.push((i, end));
            }
        }
        if !filler(b[i]) {
            may_start = matches!(b[i], b'[' | b',' | b':' | b'-');
        }
    }
    items
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
pub(crate) struct Asset {
    pub(crate) rel_path: String,
    pub(crate) file: PathBuf,
    /// The bytes of a file of the built-in base, whose `file` is only a name.
    pub(crate) builtin: Option<&'static [u8]>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Shared with the preview's memo of the files it read.
    pub(crate) docs: Vec<std::sync::Arc<SourceDoc>>,
    pub(crate) assets: Vec<Asset>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// What the local layer adds, replaces and leaves out of the base.
    pub(crate) layers: LayerReport,
    /// Each Markdown file's last-modified date, by relative path (see [`modified`]).
    pub(crate) modified: FxMap<String, crate::date::Date>,
}

/// How a local site differs from its base, by content path (`begrippen/x.md`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LayerReport {
    /// Local files with no base file at their path.
    pub added: Vec<String>,
    /// Local files that replace the base file at their path.
    pub replaced: Vec<String>,
    /// Base files left out by `exclude:`.
    pub excluded: Vec<String>,
}

/// Runs the load stage.
pub fn run(config: &Config) -> Loaded {
    run_with(config, None)
}

/// What the preview keeps of the files it read, so that a rebuild reads and parses only the
/// files that changed: by file, its [`Stamp`] when read and what reading it gave.
#[derive(Default)]
pub struct Memo {
    /// The settings the files were read with; other settings start the memo afresh.
    settings: String,
    files: FxMap<PathBuf, Remembered>,
    revisions: u64,
    /// The files the last walk found, while no change the watcher reported can have changed
    /// which files there are: a rebuild after an edit then neither walks the folders nor looks
    /// at every file's stamp, and reads just the files the watcher named.
    walked: Option<Walked>,
    /// What git said of the content folders, while HEAD stays the same.
    pub(crate) git: GitMemo,
}

struct Walked {
    /// Relative path → (layer, file), as [`run_with`] makes it.
    files: BTreeMap<String, (usize, PathBuf)>,
    /// What the local layer does to the base, and the base file each replaced path had.
    layers: LayerReport,
    replaced: BTreeMap<String, PathBuf>,
    /// The walk's problems.
    diagnostics: Vec<Diagnostic>,
    /// Every file found.
    known: crate::hash::FxSet<PathBuf>,
}

/// What the preview remembers besides the files: what git said of each content folder (see
/// [`modified::GitCache`]). Apart from [`Memo`]'s other fields so that their `Default` and
/// resets stay as they are.
#[derive(Default)]
pub(crate) struct GitMemo {
    pub(crate) cache: modified::GitCache,
}

struct Remembered {
    stamp: Stamp,
    rel_path: String,
    layer: usize,
    read: Read,
}

/// What reading a Markdown file gave: the document, if it could be read, and its problems.
type Read = (Option<std::sync::Arc<SourceDoc>>, Vec<Diagnostic>);

impl Memo {
    /// Forgets `paths` (as the file watcher names them), so they are read again whatever their
    /// stamp says: a save within the file system's time resolution keeps size, time and inode.
    ///
    /// Gets every path the watcher reported, inputs or not: a path that is now a file but was
    /// not found by the last walk (a new page), or was found but is gone (a deleted or renamed
    /// page), or is a folder, means the next build walks the folders again. A temporary file
    /// an editor wrote and renamed over a page is neither, and changes nothing.
    pub fn forget<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        for path in paths {
            self.files.remove(path);
            if let Ok(real) = fs::canonicalize(path) {
                self.files.remove(&real);
            }
            let known = self.walked.as_ref().is_some_and(|w| w.known.contains(path));
            let meta = fs::symlink_metadata(path);
            let is_file = meta.as_ref().is_ok_and(|m| m.is_file());
            let is_dir = meta.as_ref().is_ok_and(|m| !m.is_file());
            if known != is_file || is_dir {
                self.walked = None;
            }
        }
    }
}

/// Size, modification time and (on Unix) inode of a file: a file saved by renaming a new one
/// over it has a new inode even when size and time, on a file system with coarse times, are
/// the same.
pub(crate) type Stamp = (u64, Option<std::time::SystemTime>, u64);

pub(crate) fn stamp(path: &Path) -> Stamp {
    let Ok(meta) = fs::metadata(path) else { return (0, None, 0) };
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    (meta.len(), meta.modified().ok(), inode)
}

/// [`run`], taking from `memo` what a file unchanged since it was read gave then.
pub(crate) fn run_with(config: &Config, mut memo: Option<&mut Memo>) -> Loaded {
    let mut loaded = Loaded::default();
    let settings = format!(
        "{:?}|{:?}|{}|{:?}|{:?}|{:?}",
        config.root, config.content_dirs, config.language, config.base, config.exclude, config.languages
    );
    let remembered = memo.as_mut().filter(|m| m.settings == settings).and_then(|m| m.walked.take());
    let trusted = remembered.is_some();
    let walked = remembered.unwrap_or_else(|| walk_folders(config));
    let files = walked.files.clone();
    loaded.diagnostics.extend(walked.diagnostics.iter().cloned());
    loaded.layers = walked.layers.clone();
    let replaced = walked.replaced.clone();
    if let Some(m) = memo.as_mut() {
        if m.settings != settings {
            **m = Memo { settings, revisions: m.revisions, ..Memo::default() };
        }
        m.walked = Some(walked);
    }
    let (md, other): (Vec<_>, Vec<_>) = files.into_iter().partition(|(rel, _)| rel.ends_with(".md"));
    // With a memo the dates are made after reading, which tells which files changed.
    if memo.is_none() {
        loaded.modified = modified_dates(config, &md);
    }
    let md_files: Vec<(String, (usize, PathBuf))> = if memo.is_some() { md.clone() } else { Vec::new() };
    loaded.assets = other
        .into_iter()
        .map(|(rel_path, (layer, file))| {
            let builtin = builtin_bytes(config, layer, &rel_path);
            Asset { rel_path, file, builtin }
        })
        .collect();
    // An asset is copied only when the site is written; one that cannot be read is found now,
    // so that `check` reports what would make `build` fail.
    let unreadable: Vec<Diagnostic> = loaded
        .assets
        .par_iter()
        .filter(|a| a.builtin.is_none())
        .filter_map(|a| walk::unreadable(&a.file, &config.display_path(&a.file)))
        .collect();
    loaded.diagnostics.extend(unreadable);
    let results: Vec<Read> = match memo {
        None => md
            .into_par_iter()
            .map(|(rel, (layer, file))| {
                let (doc, problems) = read_doc(config, rel, layer, &file);
                (doc.map(std::sync::Arc::new), problems)
            })
            .collect(),
        Some(memo) => {
            let (results, changed) = read_remembered(config, md, memo, trusted);
            loaded.modified = remembered_dates(config, &md_files, &changed, &mut memo.git.cache);
            results
        }
    };
    for (doc, diagnostics) in results {
        loaded.docs.extend(doc);
        loaded.diagnostics.extend(diagnostics);
    }
    loaded.diagnostics.extend(drift(config, &loaded.docs, &replaced));
    loaded
}

/// The bytes of a file of the built-in base: `Some` for files of layer 0 when the base is
/// built in (whose "file" is only a name, `(basis)/begrippen/x.md`).
fn builtin_bytes(config: &Config, layer: usize, rel: &str) -> Option<&'static [u8]> {
    let builtin = matches!(config.base.as_ref().map(|b| &b.source), Some(crate::layers::BaseSource::Builtin));
    if !builtin || layer != 0 {
        return None;
    }
    crate::layers::builtin_files().iter().find(|(p, _)| *p == rel).map(|(_, b)| *b)
}

/// The layers of the site in order, with the origin of each: the base's folders (or the
/// built-in base, as the one layer 0), then the local folders.
fn layer_origins(config: &Config) -> Vec<crate::layers::Origin> {
    use crate::layers::{BaseSource, Origin};
    let Some(base) = &config.base else {
        return vec![Origin::Site; config.content_dirs.len()];
    };
    let base_layers = match base.source {
        BaseSource::Builtin => 1,
        BaseSource::Folder(_) => base.content_dirs.len(),
    };
    let mut origins = vec![Origin::Base; base_layers];
    origins.extend(std::iter::repeat_n(Origin::Local, config.content_dirs.len()));
    origins
}

/// Local files that say which base page they were copied from (`replaces: <hash>`) and whose
/// base page has changed since: a warning at `replaces`. A `replaces` with no base page at the
/// same path is a warning too.
fn drift(config: &Config, docs: &[std::sync::Arc<SourceDoc>], replaced: &BTreeMap<String, PathBuf>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let origins = layer_origins(config);
    for doc in docs {
        let Some(written) = doc.front.replaces.as_deref() else { continue };
        let Some(base_file) = replaced.get(&doc.rel_path) else {
            if doc.origin == crate::layers::Origin::Local || !config.is_layered() {
                found.push(
                    doc.at_key(Diagnostic::warning("replaces-nothing", crate::msg!("replaces-nothing")), "replaces")
                        .help(crate::msg!("replaces-nothing.help")),
                );
            }
            continue;
        };
        let base_layer = origins.iter().position(|o| *o == crate::layers::Origin::Base).unwrap_or(0);
        let bytes = match builtin_bytes(config, base_layer, &doc.rel_path) {
            Some(b) => b.to_vec(),
            None => match fs::read(base_file) {
                Ok(b) => b,
                Err(_) => continue,
            },
        };
        let now = crate::layers::content_hash(&bytes);
        if now != written.trim() {
            found.push(
                doc.at_key(
                    Diagnostic::warning("base-changed", crate::msg!("base-changed", path = doc.rel_path.as_str())),
                    "replaces",
                )
                .help(crate::msg!("base-changed.help", path = doc.rel_path.as_str(), hash = now)),
            );
        }
    }
    found
}

/// The last-modified date of each Markdown file: git is asked once per content folder that
/// has one, the files' times are read in parallel.
fn modified_dates(config: &Config, md: &[(String, (usize, PathBuf))]) -> FxMap<String, crate::date::Date> {
    let layers: std::collections::BTreeSet<usize> = md.iter().map(|(_, (layer, _))| *layer).collect();
    // The built-in base has no folder, so its pages have no date.
    let git: BTreeMap<usize, Option<modified::GitDates>> =
        layers.into_iter().map(|l| (l, layer_dir(config, l).map(modified::GitDates::of))).collect();
    md.par_iter()
        .filter_map(|(rel, (layer, file))| Some((rel.clone(), git[layer].as_ref()?.date(rel, file)?)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// [`modified_dates`] for the preview: git is asked only about what can have changed since
/// its last build (see [`modified::GitCache`]); `changed` are the files read again, by layer.
fn remembered_dates(
    config: &Config,
    md: &[(String, (usize, PathBuf))],
    changed: &[(usize, String)],
    cache: &mut modified::GitCache,
) -> FxMap<String, crate::date::Date> {
    let layers: std::collections::BTreeSet<usize> = md.iter().map(|(_, (layer, _))| *layer).collect();
    for &layer in &layers {
        if let Some(dir) = layer_dir(config, layer) {
            let named: Vec<&str> = changed.iter().filter(|(l, _)| *l == layer).map(|(_, r)| r.as_str()).collect();
            cache.dates(dir, &named);
        }
    }
    let cache = &*cache;
    let git: BTreeMap<usize, Option<&modified::GitDates>> =
        layers.into_iter().map(|l| (l, layer_dir(config, l).and_then(|dir| cache.get(dir)))).collect();
    md.par_iter()
        .filter_map(|(rel, (layer, file))| Some((rel.clone(), git[layer].as_ref()?.date(rel, file)?)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The folder of content layer `layer`: a base folder, a local one, or none for the built-in
/// base (see [`layer_origins`] for the order).
fn layer_dir(config: &Config, layer: usize) -> Option<&Path> {
    use crate::layers::BaseSource;
    let first_local = match &config.base {
        None => 0,
        Some(base) => match base.source {
            BaseSource::Builtin => 1,
            BaseSource::Folder(_) => base.content_dirs.len(),
        },
    };
    match layer.checked_sub(first_local) {
        Some(i) => config.content_dirs.get(i).map(PathBuf::as_path),
        None => match &config.base.as_ref()?.source {
            BaseSource::Builtin => None,
            BaseSource::Folder(_) => config.base.as_ref()?.content_dirs.get(layer).map(PathBuf::as_path),
        },
    }
}

/// Every file in the content folders: relative path → (layer, file), later layers replacing
/// earlier ones. With a base, its files come first (the built-in base's under the name
/// `(basis)/…`), less those `exclude` leaves out; then the local folders.
fn walk_folders(config: &Config) -> Walked {
    use crate::layers::{BUILTIN_SHOWN, BaseSource, glob_matches};
    let mut files: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let bounds = walk::Bounds::of(config);
    let walk = walk::Walk { config, bounds: &bounds, skip: |name, _| is_ignored(name) };
    let mut layers = LayerReport::default();
    let mut first_local = 0;
    if let Some(base) = &config.base {
        match &base.source {
            BaseSource::Builtin => {
                for (rel, _) in crate::layers::builtin_files() {
                    files.insert(rel.to_string(), (0, Path::new(BUILTIN_SHOWN).join(rel)));
                }
                first_local = 1;
            }
            BaseSource::Folder(_) => {
                for (layer, dir) in base.content_dirs.iter().enumerate() {
                    if !dir.is_dir() {
                        diagnostics.push(
                            Diagnostic::error(
                                "no-content",
                                crate::msg!("no-content", folder = config.display_path(dir).display()),
                            )
                            .help(crate::msg!("no-content.help")),
                        );
                        continue;
                    }
                    for (rel, file) in walk.files(dir, &mut diagnostics) {
                        files.insert(rel, (layer, file));
                    }
                }
                first_local = base.content_dirs.len();
            }
        }
        let mut used = vec![false; config.exclude.len()];
        files.retain(|rel, _| {
            let mut keep = true;
            // A page left out takes its translations with it (`x.md` leaves out `x.en.md`).
            let original = crate::layout::translation_of(rel, &config.languages).map(|(_, original)| original);
            for (i, p) in config.exclude.iter().enumerate() {
                if glob_matches(p, rel) || original.as_deref().is_some_and(|o| glob_matches(p, o)) {
                    used[i] = true;
                    keep = false;
                }
            }
            if !keep {
                layers.excluded.push(rel.clone());
            }
            keep
        });
        // A pattern that leaves nothing out is nearly always a slip in a path.
        for (pattern, _) in config.exclude.iter().zip(&used).filter(|(_, used)| !**used) {
            let mut d = config
                .diagnostic_at_key(
                    "exclude",
                    "exclude-matches-nothing",
                    crate::msg!("exclude-matches-nothing", pattern),
                )
                .help(crate::msg!("exclude-matches-nothing.help"));
            d.severity = crate::diagnostic::Severity::Warning;
            diagnostics.push(d);
        }
    }
    let base_files: BTreeMap<String, PathBuf> = files.iter().map(|(r, (_, f))| (r.clone(), f.clone())).collect();
    let mut replaced = BTreeMap::new();
    for (i, dir) in config.content_dirs.iter().enumerate() {
        let layer = first_local + i;
        if !dir.is_dir() {
            diagnostics.push(
                Diagnostic::error("no-content", crate::msg!("no-content", folder = config.display_path(dir).display()))
                    .help(crate::msg!("no-content.help")),
            );
            continue;
        }
        for (rel, file) in walk.files(dir, &mut diagnostics) {
            if config.is_layered() {
                match base_files.get(&rel) {
                    Some(base_file) => {
                        replaced.insert(rel.clone(), base_file.clone());
                    }
                    None => layers.added.push(rel.clone()),
                }
            } else if let Some((_, earlier)) = files.get(&rel) {
                replaced.insert(rel.clone(), earlier.clone());
            }
            files.insert(rel, (layer, file));
        }
    }
    // A path in two local folders is one addition.
    layers.added.sort();
    layers.added.dedup();
    if config.is_layered() {
        layers.replaced = replaced.keys().cloned().collect();
    }
    let known = files.values().map(|(_, f)| f.clone()).collect();
    Walked { files, diagnostics, known, layers, replaced }
}

/// Reads the Markdown files `md` (relative path → layer, file), taking what is still good from
/// `memo`, and leaves in the memo just these files. `trusted`: the watcher has named every file
/// that changed since the memo was made (see [`Memo::forget`]), so the others' stamps need no
/// look.
/// Also gives the files read again (changed, new, or not read before), by layer and path.
fn read_remembered(
    config: &Config,
    md: Vec<(String, (usize, PathBuf))>,
    memo: &mut Memo,
    trusted: bool,
) -> (Vec<Read>, Vec<(usize, String)>) {
    let first = memo.revisions;
    let files = &memo.files;
    let read: Vec<(PathBuf, Remembered, bool)> = md
        .into_par_iter()
        .enumerate()
        .map(|(i, (rel, (layer, file)))| {
            let same = |r: &&Remembered| r.rel_path == rel && r.layer == layer;
            if trusted && let Some(r) = files.get(&file).filter(same) {
                let read = (r.read.0.clone(), r.read.1.clone());
                return (file, Remembered { stamp: r.stamp, rel_path: rel, layer, read }, false);
            }
            let stamp = stamp(&file);
            if let Some(r) = files.get(&file).filter(|r| r.stamp == stamp && same(r)) {
                let read = (r.read.0.clone(), r.read.1.clone());
                return (file, Remembered { stamp, rel_path: rel, layer, read }, false);
            }
            let (mut doc, problems) = read_doc(config, rel.clone(), layer, &file);
            if let Some(doc) = &mut doc {
                doc.revision = first + 1 + i as u64;
            }
            let read = (doc.map(std::sync::Arc::new), problems);
            (file, Remembered { stamp, rel_path: rel, layer, read }, true)
        })
        .collect();
    memo.revisions = first + read.len() as u64 + 1;
    let mut results = Vec::with_capacity(read.len());
    let mut changed = Vec::new();
    memo.files = read
        .into_iter()
        .map(|(file, remembered, fresh)| {
            results.push((remembered.read.0.clone(), remembered.read.1.clone()));
            if fresh {
                changed.push((remembered.layer, remembered.rel_path.clone()));
            }
            (file, remembered)
        })
        .collect();
    (results, changed)
}

/// Hidden files and editor leftovers, which are not part of the site.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.starts_with("~$")
}

fn read_doc(config: &Config, rel_path: String, layer: usize, file: &Path) -> (Option<SourceDoc>, Vec<Diagnostic>) {
    let shown = config.display_path(file);
    let origin = layer_origins(config).get(layer).copied().unwrap_or_default();
    let read = match builtin_bytes(config, layer, &rel_path) {
        Some(bytes) => Ok(bytes.to_vec()),
        None => fs::read(file),
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e) => return (None, vec![Diagnostic::error("io", crate::msg!("io.file", reason = e)).in_file(shown)]),
    };
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let mut d = Diagnostic::error("not-utf8", crate::msg!("not-utf8"))
                .in_file(shown)
                .help(crate::msg!("not-utf8.help"));
            d.line = Some(line);
            return (None, vec![d]);
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    // Only a file named exactly `_index.md` is a section; `x_index.md` is an ordinary page.
    // A translation (`_index.en.md`) is what the file it translates is.
    let translation = crate::layout::translation_of(&rel_path, &config.languages);
    let base = translation.as_ref().map_or(rel_path.as_str(), |(_, b)| b.as_str());
    let is_section = base.rsplit('/').next() == Some("_index.md");
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
    let doc = SourceDoc {
        rel_path,
        shown,
        layer,
        text,
        body_start,
        yaml,
        role,
        front,
        lang: translation.map_or_else(|| config.language.clone(), |(lang, _)| lang),
        revision: 0,
        origin,
    };
    (Some(doc), diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> SourceDoc {
        let yaml_end = text.rfind("---\n").unwrap();
        SourceDoc {
            rel_path: "begrippen/x.md".into(),
            shown: PathBuf::from("content/begrippen/x.md"),
            layer: 0,
            text: text.to_string(),
            body_start: yaml_end + 4,
            yaml: 4..yaml_end,
            role: DocRole::Page,
            front: RawFrontMatter::default(),
            lang: "nl".into(),
            revision: 0,
            origin: Default::default(),
        }
    }

    #[test]
    fn the_value_finder_finds_what_at_key_value_finds() {
        let text = "---\ntitle: Jeugd\nthemes: [Jeugd en gezin, \"Jeugd\", 'a, b', Noord-Holland]\n\
                    target_groups:\n  - Jeugd\n  - \"Jeugd en gezin\" # opmerking\n  - Cliënt  \n  - [x, y]\n\
                    themes2: Jeugd\nrelated: Noord-Holland\n---\nTekst.\n";
        let d = doc(text);
        let needles = [
            "Jeugd",
            "Jeugd en gezin",
            "a, b",
            "a",
            "b",
            "Noord-Holland",
            "Holland",
            "Noord",
            "Cliënt",
            "x",
            "y",
            "gezin",
            "en",
            "\"Jeugd\"",
            "",
            "opmerking",
            "themes",
            "target_groups",
            "ë",
            "iënt",
            "nergens",
        ];
        for key in ["themes", "target_groups", "related", "title", "themes2", "missing"] {
            let finder = d.value_finder(key);
            for needle in needles {
                let blank = || Diagnostic::warning("x", crate::msg!("count.none"));
                let (a, b) = (finder.at(blank(), needle), d.at_key_value(blank(), key, needle));
                assert_eq!((a.line, a.column, a.width), (b.line, b.column, b.width), "{key} {needle:?}");
            }
        }
    }
}
