//! Walking the site's folders without publishing what lies outside the site. Takes a folder
//! (a content folder, or the theme's `templates/`, `static/` and `i18n/`) and the site's
//! [`Bounds`]; gives every regular file in it by relative path, and the problems found.
//!
//! Symbolic links are resolved explicitly, never followed blindly: each link is made canonical
//! and compared with the canonical folders of the site. A link whose target is outside them
//! is an error (`symlink-outside-site`), so that `/etc/passwd` or a private key can never be
//! published through a link someone put in `static/`; a link that leads nowhere is an error
//! too. A link into a hidden file or folder of the site (`.git/`, `.env`) counts as outside:
//! those are no part of the site.
//!
//! A link to a file or folder inside the site is followed: the file is read from its canonical
//! path (so the write stage copies that regular file, not a link that may have changed since),
//! and a linked folder is walked as if it stood where the link is. A file reached through a
//! link keeps the link's place in the site (its address), but messages about its text name the
//! file itself, where the lines are.
//!
//! Pipes, sockets and devices are left out with a warning and never opened: opening a pipe
//! waits until someone writes to it, which would hang the build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::msg;

/// The folders whose files may be published: the site root and the content folders, all
/// canonical (links resolved).
#[derive(Debug, Clone)]
pub(crate) struct Bounds {
    roots: Vec<PathBuf>,
}

impl Bounds {
    pub(crate) fn of(config: &Config) -> Bounds {
        let mut roots: Vec<PathBuf> = fs::canonicalize(&config.root).into_iter().collect();
        // Each content folder is a root of its own, wherever the config puts it (even in a
        // hidden folder); but a content folder that is itself a link, such as a `content` that
        // points elsewhere, is a link like any other, checked when it is walked.
        let base_dirs = config.base.iter().flat_map(|b| b.content_dirs.iter());
        for dir in config.content_dirs.iter().chain(base_dirs) {
            if !dir.is_symlink()
                && let Ok(real) = fs::canonicalize(dir)
            {
                roots.push(real);
            }
        }
        // A folder base is a site too: its theme files (`templates/`, `static/`, `i18n/`) are
        // read, and what links in it lead to may lie anywhere in it.
        if let Some(real) = config.base.as_ref().and_then(|b| b.folder()).and_then(|f| fs::canonicalize(f).ok()) {
            roots.push(real);
        }
        Bounds { roots }
    }

    /// Whether the canonical path `real` lies in one of the site's folders, and not in a hidden
    /// file or folder there (`.git/config`, `.env`), which is no part of the site either.
    pub(crate) fn contains(&self, real: &Path) -> bool {
        self.roots.iter().any(|r| {
            real.strip_prefix(r)
                .is_ok_and(|rel| !rel.components().any(|c| c.as_os_str().to_str().is_none_or(|n| n.starts_with('.'))))
        })
    }
}

/// Which names a walk leaves out: `skip(name, is_folder)`. Folders left out are not entered.
pub(crate) type Skip = fn(&str, bool) -> bool;

/// What a walk needs besides the folder.
pub(crate) struct Walk<'a> {
    pub(crate) config: &'a Config,
    pub(crate) bounds: &'a Bounds,
    pub(crate) skip: Skip,
}

impl Walk<'_> {
    /// Every regular file under `dir` as (relative path with `/`, path to read), in name order.
    /// Problems go to `diagnostics`; the files they concern are left out.
    pub(crate) fn files(&self, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        // The folder itself may be a link (a `static/` that points elsewhere).
        let real = match self.resolve(dir, diagnostics) {
            Some(real) => real,
            None => return out,
        };
        let mut chain = vec![real];
        self.tree(dir, dir, "", &mut chain, &mut out, diagnostics);
        out
    }

    /// The canonical target of `path` if it is inside the site; else an error naming it.
    fn resolve(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<PathBuf> {
        let shown = self.config.display_path(path);
        match fs::canonicalize(path) {
            Ok(real) if self.bounds.contains(&real) => Some(real),
            Ok(real) => {
                diagnostics.push(
                    Diagnostic::error(
                        "symlink-outside-site",
                        msg!("symlink-outside-site", link = shown.display(), target = real.display()),
                    )
                    .in_file(&shown)
                    .help(msg!("symlink-outside-site.help")),
                );
                None
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let target = fs::read_link(path).map_or_else(|_| "?".to_string(), |t| t.display().to_string());
                diagnostics.push(
                    Diagnostic::error("dangling-symlink", msg!("dangling-symlink", link = shown.display(), target))
                        .in_file(&shown)
                        .help(msg!("dangling-symlink.help")),
                );
                None
            }
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(
                        "dangling-symlink",
                        msg!("dangling-symlink.unreadable", link = shown.display(), reason = e),
                    )
                    .in_file(&shown)
                    .help(msg!("dangling-symlink.help")),
                );
                None
            }
        }
    }

    /// Walks the folder at `dir` (which shows as `shown_dir`: the place of the link that led
    /// here, if one did), putting its files under `prefix`. `chain` holds the canonical folders
    /// being walked, to stop at a link to one of them.
    fn tree(
        &self,
        dir: &Path,
        shown_dir: &Path,
        prefix: &str,
        chain: &mut Vec<PathBuf>,
        out: &mut Vec<(String, PathBuf)>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let skip = self.skip;
        let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter();
        for entry in walker
            .filter_entry(|e| e.depth() == 0 || !skip(e.file_name().to_str().unwrap_or(""), e.file_type().is_dir()))
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map_or_else(|| shown_dir.to_path_buf(), |p| shown(dir, shown_dir, p));
                    diagnostics
                        .push(Diagnostic::error("io", msg!("io", reason = e)).in_file(self.config.display_path(&path)));
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).expect("walkdir stays under its root");
            let link = shown(dir, shown_dir, entry.path());
            let Some(rel) = rel.to_str() else {
                diagnostics.push(
                    Diagnostic::error("bad-file-name", msg!("bad-file-name"))
                        .in_file(self.config.display_path(&link))
                        .help(msg!("bad-file-name.help")),
                );
                continue;
            };
            let rel = format!("{prefix}{}", rel.replace('\\', "/"));
            let kind = entry.file_type();
            if kind.is_dir() {
                continue;
            }
            if kind.is_file() {
                out.push((rel, entry.into_path()));
                continue;
            }
            if !kind.is_symlink() {
                diagnostics.push(special_file(&self.config.display_path(&link)));
                continue;
            }
            let Some(real) = self.resolve(&link, diagnostics) else { continue };
            match fs::metadata(&real) {
                Ok(m) if m.is_file() => out.push((rel, real)),
                Ok(m) if m.is_dir() => {
                    if chain.contains(&real) {
                        let shown = self.config.display_path(&link);
                        diagnostics.push(
                            Diagnostic::error("symlink-loop", msg!("symlink-loop", link = shown.display()))
                                .in_file(&shown)
                                .help(msg!("symlink-loop.help")),
                        );
                        continue;
                    }
                    chain.push(real.clone());
                    self.tree(&real, &link, &format!("{rel}/"), chain, out, diagnostics);
                    chain.pop();
                }
                Ok(_) => diagnostics.push(special_file(&self.config.display_path(&link))),
                Err(e) => diagnostics
                    .push(Diagnostic::error("io", msg!("io", reason = e)).in_file(self.config.display_path(&link))),
            }
        }
    }
}

/// `path` (under `dir`) as the user sees it: under `shown_dir`, where the link that led to `dir`
/// is.
fn shown(dir: &Path, shown_dir: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(dir) {
        Ok(rel) if !rel.as_os_str().is_empty() => shown_dir.join(rel),
        _ => shown_dir.to_path_buf(),
    }
}

fn special_file(shown: &Path) -> Diagnostic {
    Diagnostic::warning("special-file", msg!("special-file", file = shown.display()))
        .in_file(shown)
        .help(msg!("special-file.help"))
}

/// An error if the file at `path` (shown as `shown`) cannot be opened for reading: found now,
/// by `check` as well, rather than when the build copies it. Only for regular files (a pipe
/// would block).
pub(crate) fn unreadable(path: &Path, shown: &Path) -> Option<Diagnostic> {
    let e = fs::File::open(path).err()?;
    Some(
        Diagnostic::error("unreadable-file", msg!("unreadable-file", file = shown.display(), reason = e))
            .in_file(shown)
            .help(msg!("unreadable-file.help")),
    )
}
