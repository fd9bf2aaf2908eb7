//! The theme: templates, static files, interface strings and declared settings, layered.
//!
//! Layers, later ones replacing earlier ones file by file:
//! 1. the default theme embedded in the binary (`themes/default/`, see `build.rs`);
//! 2. the site's `themes/default/` folder, if it has one (theme development without a rebuild),
//!    over a folder base's `themes/default/`;
//! 3. a folder base's own `templates/`, `static/` and `i18n/` folders (`base: ../provincie`:
//!    a province's logo, tokens and strings), see [`crate::layers`];
//! 4. the site's own `templates/`, `static/` and `i18n/` folders.
//!
//! `theme:page.html` (a block override) names the template of layers 1 and 2: a base's
//! `templates/page.html` may extend it, and a local site's replaces the base's whole.
//!
//! The disk layers are walked as the content is: a link that leads out of the site is an error
//! and nothing is read through it.
//!
//! Interface strings (`i18n/<lang>.yaml`) are merged key by key, so a site can change one
//! string without copying the table.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceText};
use crate::load::walk::{Bounds, Walk, unreadable};
use crate::msg;

pub(crate) mod tokens;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// Where a theme file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileSource {
    Embedded(&'static [u8]),
    Disk(PathBuf),
    /// A stylesheet whose `url()`s were pointed at fingerprinted names: the new bytes, and
    /// the file they were made from.
    Rewritten(std::sync::Arc<[u8]>, Box<FileSource>),
}

impl FileSource {
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            FileSource::Embedded(b) => Ok(b.to_vec()),
            FileSource::Disk(p) => fs::read(p),
            FileSource::Rewritten(b, _) => Ok(b.to_vec()),
        }
    }

    /// The path to show in diagnostics.
    pub(crate) fn shown(&self, rel: &str) -> PathBuf {
        match self {
            FileSource::Embedded(_) => Path::new("<built-in theme>").join(rel),
            FileSource::Disk(p) => p.clone(),
            FileSource::Rewritten(_, from) => from.shown(rel),
        }
    }
}

/// The resolved theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name (`page.html`, `partials/card.html`) → source.
    pub(crate) templates: BTreeMap<String, FileSource>,
    /// The theme's own templates, before the site's `templates/` replaced any: what a site
    /// template extends as `theme:page.html` to replace single blocks instead of the whole file.
    pub(crate) theme_templates: BTreeMap<String, FileSource>,
    /// Output path (`css/wegwijs.css`, or with a fingerprint `css/wegwijs.3f9a1c2b7d4e.css`)
    /// → source.
    pub(crate) static_files: BTreeMap<String, FileSource>,
    /// With fingerprints: the path of each fingerprinted static file as the theme names it
    /// (`css/wegwijs.css`) → its output path. Templates ask for it with `asset(path=...)`.
    pub(crate) assets: BTreeMap<String, String>,
    /// Interface strings of the site language.
    pub(crate) strings: BTreeMap<String, String>,
    /// Theme settings: declared defaults with the site's values applied.
    pub settings: BTreeMap<String, String>,
    /// The words of generated addresses, from the strings.
    pub url_words: crate::layout::UrlWords,
    /// Per translation language of the config (`languages`): its interface strings over those
    /// of the site's language, and the keys it lacks (`check` warns about them).
    pub(crate) translated_strings: BTreeMap<String, (BTreeMap<String, String>, Vec<String>)>,
}

impl Theme {
    /// The theme of the pages of translation language `lang`, under `prefix` (`en/`): its
    /// strings, with the site language's for those it lacks, and its address words.
    pub(crate) fn for_language(&self, lang: &str, prefix: &str) -> Theme {
        let mut theme = self.clone();
        if let Some((strings, _)) = self.translated_strings.get(lang) {
            theme.strings = strings.clone();
        }
        theme.url_words = crate::layout::UrlWords::from_strings(&theme.strings).under(prefix);
        theme
    }
}

/// The files of the layered theme.
struct Layered {
    /// Relative path (`templates/page.html`) → source.
    files: BTreeMap<String, FileSource>,
    /// Every file of a disk layer that may be read, replaced or not, by its place in the layer
    /// (`i18n/nl.yaml` in the site) → the file to read there (a link's target). Links that
    /// lead out of the site are not among them.
    on_disk: HashMap<PathBuf, PathBuf>,
    /// Problems with the disk layers' files (links outside the site, pipes, unreadable files).
    diagnostics: Vec<Diagnostic>,
    /// The templates of the theme layers (the binary's and the site's `themes/default/`), by
    /// name, before the site's own `templates/`.
    theme_templates: BTreeMap<String, FileSource>,
}

/// Every file of the layered theme. The disk layers are walked like the content (see
/// [`crate::load::walk`]): a link out of the site is an error, never followed.
fn layered_files(config: &Config) -> Layered {
    let files = embedded::THEME_FILES.iter().map(|(p, b)| (p.to_string(), FileSource::Embedded(b))).collect();
    let mut layered =
        Layered { files, on_disk: HashMap::new(), diagnostics: Vec::new(), theme_templates: BTreeMap::new() };
    let bounds = Bounds::of(config);
    // Hidden files are left out, but not hidden folders: `static/.well-known/` is published.
    // `.htaccess` too: an Apache site keeps its configuration in static/ (see deploy/), so that
    // it is a file the build makes and a rebuild does not refuse the output for holding it.
    let walk =
        Walk { config, bounds: &bounds, skip: |name, is_dir| !is_dir && name.starts_with('.') && name != ".htaccess" };
    let base = base_folder(config);
    for folder in base.iter().chain([&config.root]) {
        add_disk_layer(&mut layered, &walk, &folder.join("themes/default"), "");
    }
    layered.theme_templates = layered
        .files
        .iter()
        .filter_map(|(path, source)| Some((path.strip_prefix("templates/")?.to_string(), source.clone())))
        .collect();
    for folder in base.iter().chain([&config.root]) {
        for dir in ["templates", "static", "i18n"] {
            add_disk_layer(&mut layered, &walk, &folder.join(dir), dir);
        }
    }
    layered
}

/// The folder of the site's base when it is a folder (`base: ../provincie`): a layer of the
/// theme below the site's own files.
fn base_folder(config: &Config) -> Option<PathBuf> {
    config.base.as_ref().and_then(|b| b.folder()).map(Path::to_path_buf)
}

fn add_disk_layer(layered: &mut Layered, walk: &Walk<'_>, dir: &Path, prefix: &str) {
    // A link counts as a folder here only if it leads to one; a link that leads nowhere or out
    // of the site is reported by the walk.
    if !dir.is_dir() && !dir.is_symlink() {
        return;
    }
    for (rel, file) in walk.files(dir, &mut layered.diagnostics) {
        if let Some(d) = unreadable(&file, &walk.config.display_path(&file)) {
            layered.diagnostics.push(d);
            continue;
        }
        layered.on_disk.insert(dir.join(&rel), file.clone());
        let key = if prefix.is_empty() { rel } else { format!("{prefix}/{rel}") };
        layered.files.insert(key, FileSource::Disk(file));
    }
}

/// Loads the theme for `config`, checking the site language and theme settings. Without
/// interface strings the templates cannot render, so those problems are an `Err`; a problem with
/// a setting is returned beside the theme, which keeps the setting's default.
pub fn load(config: &Config) -> Result<(Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let Layered { files, on_disk, diagnostics: file_problems, theme_templates } = layered_files(config);
    let mut diagnostics = Vec::new();
    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    for (path, source) in &files {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(name.to_string(), source.clone());
        } else if let Some(out) = path.strip_prefix("static/") {
            static_files.insert(out.to_string(), source.clone());
        }
    }
    let strings = load_strings(config, &config.language, &files, &on_disk, &mut diagnostics);
    let mut translated_strings = BTreeMap::new();
    for (tag, _) in &config.languages {
        let own = load_strings(config, tag, &files, &on_disk, &mut diagnostics);
        let missing: Vec<String> = strings.keys().filter(|k| !own.contains_key(*k)).cloned().collect();
        let mut merged = strings.clone();
        merged.extend(own);
        translated_strings.insert(tag.clone(), (merged, missing));
    }
    if !diagnostics.is_empty() {
        diagnostics.extend(file_problems);
        return Err(diagnostics);
    }
    let settings = load_settings(config, &files, &mut diagnostics);
    diagnostics.extend(file_problems);
    let url_words = crate::layout::UrlWords::from_strings(&strings);
    // The tokens are checked under their plain names, before fingerprints rename them.
    diagnostics.extend(tokens::check(config, &static_files, &settings));
    let (static_files, assets) =
        if config.fingerprint { fingerprinted(static_files) } else { (static_files, BTreeMap::new()) };
    Ok((
        Theme { templates, theme_templates, static_files, assets, strings, settings, url_words, translated_strings },
        diagnostics,
    ))
}

type StaticFiles = BTreeMap<String, FileSource>;

/// The static files with a fingerprint in the names of those it applies to (see
/// [`crate::fingerprint`]), and the map from plain to fingerprinted name. A file that cannot
/// be read keeps its name: the write stage reports it when it copies it.
fn fingerprinted(files: StaticFiles) -> (StaticFiles, BTreeMap<String, String>) {
    let mut assets = BTreeMap::new();
    let mut out = StaticFiles::new();
    let mut sheets = Vec::new();
    for (path, source) in files {
        if !crate::fingerprint::applies_to(&path) {
            out.insert(path, source);
        } else if path.ends_with(".css") {
            sheets.push((path, source));
        } else {
            match source.read() {
                Ok(bytes) => {
                    let named = crate::fingerprint::of(&path, &bytes);
                    assets.insert(path, named.clone());
                    out.insert(named, source);
                }
                Err(_) => {
                    out.insert(path, source);
                }
            }
        }
    }
    // Stylesheets last: a font or image they name (a tokens file's `url(../fonts/x.woff2)`)
    // has its new name by then, which goes into the sheet before the sheet's own fingerprint.
    for (path, source) in sheets {
        match source.read() {
            Ok(bytes) => {
                let rewritten = crate::fingerprint::rewrite_css_urls(&path, &bytes, &assets);
                let named = crate::fingerprint::of(&path, rewritten.as_deref().unwrap_or(&bytes));
                let source = match rewritten {
                    Some(b) => FileSource::Rewritten(b.into(), Box::new(source)),
                    None => source,
                };
                assets.insert(path, named.clone());
                out.insert(named, source);
            }
            Err(_) => {
                out.insert(path, source);
            }
        }
    }
    (out, assets)
}

/// Reads one `i18n/<lang>.yaml` layer after the other into a flat key → string table. Only
/// the site's own language must have a table: a translation language without one shows the
/// site language's strings, which `check` reports.
fn load_strings(
    config: &Config,
    lang: &String,
    files: &BTreeMap<String, FileSource>,
    on_disk: &HashMap<PathBuf, PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let own_language = *lang == config.language;
    let mut strings = BTreeMap::new();
    // The config refuses a language that is not a tag; a `Config` made another way must not
    // name a file outside the theme either.
    if !crate::config::is_language_tag(lang) {
        diagnostics.push(
            config
                .diagnostic_at_key("language", "invalid-language", msg!("invalid-language", lang))
                .help(msg!("invalid-language.help")),
        );
        return strings;
    }
    // Every layer's table for this language, embedded first. A regional tag (`en-gb`) without
    // a table of its own in any layer uses the tables of its language (`en`).
    let layers_of = |tag: &str| -> Vec<FileSource> {
        let wanted = format!("i18n/{tag}.yaml");
        let mut layers: Vec<FileSource> = Vec::new();
        if let Some((_, b)) = embedded::THEME_FILES.iter().find(|(p, _)| *p == wanted) {
            layers.push(FileSource::Embedded(b));
        }
        // The same order as the files' layers (`layered_files`).
        let base = base_folder(config);
        let folders: Vec<&Path> = base.iter().map(PathBuf::as_path).chain([config.root.as_path()]).collect();
        let dirs = folders.iter().map(|f| f.join("themes/default/i18n")).chain(folders.iter().map(|f| f.join("i18n")));
        for dir in dirs {
            let p = dir.join(format!("{tag}.yaml"));
            // Only what the walk let through: a link out of the site is never read.
            if let Some(file) = on_disk.get(&p) {
                layers.push(FileSource::Disk(file.clone()));
            }
        }
        layers
    };
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let (tag, layers) = match layers_of(lang) {
        layers if layers.is_empty() && primary != lang => (primary, layers_of(primary)),
        layers => (lang.as_str(), layers),
    };
    let wanted = format!("i18n/{tag}.yaml");
    if layers.is_empty() && !own_language {
        return strings;
    }
    if layers.is_empty() {
        let have: Vec<String> = files
            .keys()
            .filter_map(|k| k.strip_prefix("i18n/").and_then(|f| f.strip_suffix(".yaml")).map(str::to_string))
            .collect();
        diagnostics.push(
            config.diagnostic_at_key("language", "unknown-language", msg!("unknown-language", lang)).help(msg!(
                "unknown-language.help",
                have = have.join(", "),
                lang
            )),
        );
        return strings;
    }
    for layer in layers {
        let shown = layer.shown(&wanted);
        let text = match layer.read().map(String::from_utf8) {
            Ok(Ok(t)) => t,
            _ => {
                diagnostics.push(Diagnostic::error("io", msg!("io.strings")).in_file(shown));
                continue;
            }
        };
        if let Some(at) = crate::yaml::too_deep(&text) {
            diagnostics.push(crate::yaml::too_deep_error(SourceText::new(&shown, &text), at));
            continue;
        }
        match serde_yaml::from_str::<BTreeMap<String, String>>(&text) {
            Ok(map) => strings.extend(map),
            Err(e) => {
                let src = SourceText::new(&shown, &text);
                let at = e.location().map_or(0, |l| l.index());
                diagnostics.push(
                    Diagnostic::error("bad-strings", msg!("bad-strings", reason = e))
                        .at(&src, at..at + 1)
                        .help(msg!("bad-strings.help")),
                );
            }
        }
    }
    strings
}

fn load_settings(
    config: &Config,
    files: &BTreeMap<String, FileSource>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    #[derive(serde::Deserialize)]
    struct Declared {
        settings: BTreeMap<String, String>,
    }
    let mut settings = match files.get("theme.yaml").map(FileSource::read) {
        Some(Ok(bytes)) if crate::yaml::too_deep(&String::from_utf8_lossy(&bytes)).is_some() => {
            diagnostics.push(
                Diagnostic::error("too-deep", msg!("too-deep.theme", max = crate::yaml::MAX_DEPTH))
                    .in_file("themes/default/theme.yaml")
                    .help(msg!("too-deep.theme.help")),
            );
            BTreeMap::new()
        }
        Some(Ok(bytes)) => match serde_yaml::from_slice::<Declared>(&bytes) {
            Ok(d) => d.settings,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error("bad-theme", msg!("bad-theme", reason = e)).in_file("themes/default/theme.yaml"),
                );
                BTreeMap::new()
            }
        },
        _ => BTreeMap::new(),
    };
    for (key, value) in &config.theme_settings {
        if !settings.contains_key(key) {
            let help = crate::diagnostic::did_you_mean(key, settings.keys().map(String::as_str)).map_or_else(
                || msg!("unknown-key.theme.help", names = settings.keys().cloned().collect::<Vec<_>>().join(", ")),
                |s| msg!("did-you-mean", name = s),
            );
            diagnostics.push(config.diagnostic_at_key(key, "unknown-key", msg!("unknown-key.theme", key)).help(help));
            continue;
        }
        if key == "logo"
            && let crate::url::UrlKind::Unsafe(scheme) = crate::url::classify(value)
        {
            let unsafe_url = crate::url::unsafe_url(value, &scheme);
            diagnostics.push(
                config
                    .diagnostic_at_key(key, unsafe_url.code, unsafe_url.message)
                    .label(msg!("unsafe-url.logo.label"))
                    .help(msg!("unsafe-url.logo.help")),
            );
            continue;
        }
        if key == "logo"
            && let Some(why) = crate::config::leaves_site(value)
        {
            diagnostics.push(
                config
                    .diagnostic_at_key(key, "path-outside-site", msg!("path-outside-site.logo", logo = value, why))
                    .help(msg!("path-outside-site.logo.help")),
            );
            continue;
        }
        if key.ends_with("_color") {
            match contrast_with_white(value) {
                None => diagnostics.push(
                    config.diagnostic_at_key(key, "bad-color", msg!("bad-color", value)).help(msg!("bad-color.help")),
                ),
                Some(ratio) if ratio < 4.5 => diagnostics.push(
                    config
                        .diagnostic_at_key(
                            key,
                            "low-contrast",
                            msg!("low-contrast", value, ratio = format!("{ratio:.1}")),
                        )
                        .help(msg!("low-contrast.help")),
                ),
                Some(_) => {}
            }
        }
        settings.insert(key.clone(), value.clone());
    }
    settings
}

/// Contrast ratio of a `#rrggbb` (or `#rgb`) colour against white (WCAG 2.1 definition);
/// `None` for any other text.
pub fn contrast_with_white(hex: &str) -> Option<f64> {
    let h = hex.trim().strip_prefix('#')?;
    // Only hex digits: the byte slicing below is then on character boundaries, whatever text
    // the config holds.
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let h: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_string(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(&h[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white("#000000").unwrap() - 21.0).abs() < 0.01);
        assert!((contrast_with_white("#767676").unwrap() - 4.54).abs() < 0.01);
        assert!(contrast_with_white("#ffcc00").unwrap() < 4.5);
        assert!(contrast_with_white("blue").is_none());
        for odd in ["#aéaaa", "#ééé", "#a\u{301}aaaa", "#gggggg", "#12345", "#", "#\u{1F600}aa"] {
            assert!(contrast_with_white(odd).is_none(), "{odd}");
        }
    }

    #[test]
    fn embedded_theme_has_both_languages_with_the_same_keys() {
        let read = |lang: &str| -> BTreeMap<String, String> {
            let (_, b) = embedded::THEME_FILES.iter().find(|(p, _)| *p == format!("i18n/{lang}.yaml")).unwrap();
            serde_yaml::from_slice(b).unwrap()
        };
        let (nl, en, ar) = (read("nl"), read("en"), read("ar"));
        assert_eq!(nl.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert_eq!(nl.keys().collect::<Vec<_>>(), ar.keys().collect::<Vec<_>>());
        // Every translation fills in the same `{placeholders}`.
        let holes = |s: &str| -> Vec<String> {
            s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string())).collect()
        };
        for (key, text) in &nl {
            assert_eq!(holes(text), holes(&en[key]), "en {key}");
            assert_eq!(holes(text), holes(&ar[key]), "ar {key}");
        }
    }
}
