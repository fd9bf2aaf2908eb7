//! Diagnostics: what went wrong, where (file, line, column), and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`] values instead of failing on the first one, so an
//! editor can fix a whole batch per run. A diagnostic carries the offending source line itself, so
//! printing it never needs the file again. Rendering follows rustc (through `annotate-snippets`,
//! the crate rustc and cargo use): `file:line:col`, the line with a caret under the span, a help
//! line. [`Diagnostic::to_json`] gives the same as one line of JSON, for editors and CI.
//!
//! A diagnostic holds no words: its message, label and help are [`Msg`]s, put into Dutch or
//! English only when shown (see `messages`), so one run can be read in either language.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::messages::{Lang, Msg};

/// How bad a problem is. Errors stop `build`; warnings stop it only with `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case identifier of the kind of problem (`unknown-key`, `broken-link`, ...),
    /// the same in every language.
    pub code: &'static str,
    /// What is wrong, said in a language when shown.
    pub message: Msg,
    /// The file, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    pub column: Option<usize>,
    /// Width of the span under the caret, in characters (at least 1 when a line is known).
    pub width: usize,
    /// The whole source line the span is on.
    pub(crate) source_line: Option<String>,
    /// Short text shown next to the caret.
    pub(crate) label: Option<Msg>,
    /// What to do about it.
    pub(crate) help: Option<Msg>,
}

impl Diagnostic {
    pub(crate) fn new(severity: Severity, code: &'static str, message: Msg) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            file: None,
            line: None,
            column: None,
            width: 0,
            source_line: None,
            label: None,
            help: None,
        }
    }

    pub fn error(code: &'static str, message: Msg) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: Msg) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// The problem concerns a whole file, not a place in it.
    pub(crate) fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at a byte range of a source text.
    pub fn at(self, source: &SourceText<'_>, span: Range<usize>) -> Self {
        let loc = source.locate(span);
        self.located(source, loc)
    }

    /// [`Diagnostic::at`] with the line starts of the text found beforehand: for a stage that
    /// reports many problems in one file, each costs a binary search instead of a pass over the
    /// text before it.
    pub(crate) fn at_indexed(self, source: &SourceText<'_>, lines: &LineStarts, span: Range<usize>) -> Self {
        let loc = source.locate_indexed(lines, span);
        self.located(source, loc)
    }

    fn located(mut self, source: &SourceText<'_>, loc: Located<'_>) -> Self {
        self.file = Some(source.path.to_path_buf());
        self.line = Some(loc.line);
        self.column = Some(loc.column);
        self.width = loc.width;
        self.source_line = Some(loc.line_text.to_string());
        self
    }

    pub fn label(mut self, label: Msg) -> Self {
        self.label = Some(label);
        self
    }

    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    /// The help, if any, in `lang`.
    pub fn help_text(&self, lang: Lang) -> Option<String> {
        self.help.as_ref().map(|h| h.render(lang))
    }

    /// The label, if any, in `lang`.
    pub fn label_text(&self, lang: Lang) -> Option<String> {
        self.label.as_ref().map(|l| l.render(lang))
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or as much of it as is known.
    pub(crate) fn location(&self) -> String {
        match (&self.file, self.line, self.column) {
            (Some(f), Some(l), Some(c)) => format!("{}:{l}:{c}", f.display()),
            (Some(f), Some(l), None) => format!("{}:{l}", f.display()),
            (Some(f), _, _) => f.display().to_string(),
            _ => String::new(),
        }
    }

    /// Renders the diagnostic as rustc does, in `lang`, with colours when `color` is set.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

        let (level, help_level) = match lang {
            Lang::En => (
                match self.severity {
                    Severity::Error => Level::ERROR,
                    Severity::Warning => Level::WARNING,
                },
                Level::HELP,
            ),
            // The words before the message, as an editor reads them: "fout", "waarschuwing", "wat te doen".
            Lang::Nl => (
                match self.severity {
                    Severity::Error => Level::ERROR.with_name(Some("fout")),
                    Severity::Warning => Level::WARNING.with_name(Some("waarschuwing")),
                },
                Level::HELP.with_name(Some("wat te doen")),
            ),
        };
        let message = self.message.render(lang);
        let label = self.label_text(lang);
        let help = self.help_text(lang);
        let title = level.primary_title(message.as_str()).id(self.code);
        let path = self.file.as_ref().map(|f| f.display().to_string());
        let location = self.location();
        let mut group = Group::with_title(title);
        match (&self.source_line, self.line, self.column) {
            (Some(text), Some(line), Some(column)) => {
                let start = char_to_byte(text, column.saturating_sub(1));
                let end = char_to_byte(text, column.saturating_sub(1) + self.width.max(1));
                let mut annotation = AnnotationKind::Primary.span(start..end.max(start));
                if let Some(label) = &label {
                    annotation = annotation.label(label.as_str());
                }
                let mut snippet = Snippet::source(text.as_str()).line_start(line).annotation(annotation);
                if let Some(p) = &path {
                    snippet = snippet.path(p.as_str());
                }
                group = group.element(snippet);
            }
            _ => {
                // Without the source line, show as much of `file:line:col` as is known.
                if path.is_some() {
                    group = group.element(annotate_snippets::Origin::path(location.as_str()));
                }
            }
        }
        if let Some(help) = &help {
            group = group.element(help_level.message(help.as_str()));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        renderer.render(&[group])
    }
}

/// One diagnostic as a line of JSON (JSON Lines), for editors and CI. Every key is always
/// present, `null` when unknown, so that readers need no special cases; `column` and
/// `end_column` count characters, 1-based, `end_column` exclusive.
#[derive(Debug, Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    pub(crate) severity: Severity,
    pub(crate) code: &'static str,
    /// The language of `message`, `label` and `help`: `nl` or `en`.
    pub(crate) lang: &'static str,
    pub(crate) message: &'a str,
    pub(crate) file: Option<String>,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) end_column: Option<usize>,
    pub(crate) source_line: Option<&'a str>,
    pub(crate) label: Option<&'a str>,
    pub(crate) help: Option<&'a str>,
}

impl Diagnostic {
    /// The JSON Lines form: one object, no line breaks inside. The `code` is the same in every
    /// language; the words are in `lang`.
    pub fn to_json(&self, lang: Lang) -> String {
        let (message, label, help) = (self.message.render(lang), self.label_text(lang), self.help_text(lang));
        let json = JsonDiagnostic {
            kind: "diagnostic",
            severity: self.severity,
            code: self.code,
            lang: lang.tag(),
            message: &message,
            // Shown with `/` on every platform, and never failing on a file name that is not
            // UTF-8.
            file: self.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
            line: self.line,
            column: self.column,
            end_column: self.column.map(|c| c + self.width.max(1)),
            source_line: self.source_line.as_deref(),
            label: label.as_deref(),
            help: help.as_deref(),
        };
        serde_json::to_string(&json).expect("a diagnostic serialises")
    }
}

/// In English, for logs and the library's callers; the command line says it in its language.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En, false))
    }
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
}

/// A source file's text with the path to show in diagnostics; turns byte offsets into
/// line and column only when a problem is reported, so the happy path pays nothing.
#[derive(Debug, Clone, Copy)]
pub struct SourceText<'a> {
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
}

/// Where a byte range falls in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located<'a> {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) width: usize,
    pub(crate) line_text: &'a str,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        SourceText { path, text }
    }

    pub(crate) fn locate(&self, span: Range<usize>) -> Located<'a> {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
        self.locate_on_line(span, line, line_start)
    }

    /// [`SourceText::locate`] with the line starts of this text found beforehand.
    pub(crate) fn locate_indexed(&self, lines: &LineStarts, span: Range<usize>) -> Located<'a> {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        // The last line that starts at or before `start`; the first line starts at 0.
        let i = lines.0.partition_point(|&s| s <= start).max(1) - 1;
        self.locate_on_line(span, i + 1, lines.0.get(i).copied().unwrap_or(0))
    }

    fn locate_on_line(&self, span: Range<usize>, line: usize, line_start: usize) -> Located<'a> {
        let text = self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let column = text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(text, span.end.clamp(start, line_start + line_text.len()));
        let width = text[start..end].chars().count().max(1);
        Located { line, column, width, line_text }
    }

    /// Byte range of the 1-based `line`, without its line break.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len()..self.text.len(),
            }
        }
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        start..end
    }
}

/// Byte offsets where the lines of a text start, for locating many spans in one text.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineStarts(Vec<usize>);

impl LineStarts {
    pub(crate) fn new(text: &str) -> LineStarts {
        LineStarts(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Diagnostics collected over a run; errors and warnings counted at the end.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub(crate) fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorts by file, then position, so output is the same on every run whatever the thread
    /// schedule was.
    pub(crate) fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        self.items.dedup();
    }

    /// The closing line of `--format json`: `{"type":"summary","errors":2,"warnings":1,"pages":24}`.
    pub fn summary_json(&self, pages: usize) -> String {
        #[derive(Serialize)]
        struct Summary {
            #[serde(rename = "type")]
            kind: &'static str,
            errors: usize,
            warnings: usize,
            pages: usize,
        }
        let summary = Summary { kind: "summary", errors: self.errors(), warnings: self.warnings(), pages };
        serde_json::to_string(&summary).expect("a summary serialises")
    }

    /// "2 errors, 1 warning", "2 fouten, 1 waarschuwing".
    pub fn counts(&self) -> Msg {
        let (e, w) = (self.errors(), self.warnings());
        let errors = |n: usize| if n == 1 { crate::msg!("count.errors.one") } else { crate::msg!("count.errors", n) };
        let warnings =
            |n: usize| if n == 1 { crate::msg!("count.warnings.one") } else { crate::msg!("count.warnings", n) };
        match (e, w) {
            (0, 0) => crate::msg!("count.none"),
            (e, 0) => errors(e),
            (0, w) => warnings(w),
            (e, w) => crate::msg!("count.both", errors = errors(e), warnings = warnings(w)),
        }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_l, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "---\ntitle: Cliënt\ntittle: x\n---\n";
        let src = SourceText::new(Path::new("a.md"), text);
        let at = text.find("tittle").unwrap();
        let loc = src.locate(at..at + 6);
        assert_eq!((loc.line, loc.column, loc.width), (3, 1, 6));
        assert_eq!(loc.line_text, "tittle: x");
        let at = text.find("ë").unwrap() + 2;
        let loc = src.locate(at..at + 1);
        assert_eq!((loc.line, loc.column), (2, 12));
        // The same answers with the line starts found beforehand, at every offset.
        let lines = LineStarts::new(text);
        for at in 0..text.len() + 3 {
            for end in [at, at + 1, at + 4] {
                assert_eq!(src.locate_indexed(&lines, at..end), src.locate(at..end), "{at}..{end}");
            }
        }
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "summary", "themes"];
        assert_eq!(did_you_mean("tittle", keys), Some("title"));
        assert_eq!(did_you_mean("thema", keys), Some("themes"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn renders_rustc_style_in_both_languages() {
        let text = "tittle: Statushouder\n";
        let src = SourceText::new(Path::new("content/begrippen/statushouder.md"), text);
        let what = crate::msg!("what.front-matter", kind = crate::msg!("kind.term"));
        let d = Diagnostic::error("unknown-key", crate::msg!("unknown-key", key = "tittle", what))
            .at(&src, 0..6)
            .label(crate::msg!("unknown-key.label"))
            .help(crate::msg!("did-you-mean", name = "title"));
        let out = d.render(Lang::En, false);
        assert!(
            out.contains("error[unknown-key]: unknown key `tittle` in the front matter of a term (begrippen/)"),
            "{out}"
        );
        assert!(out.contains("content/begrippen/statushouder.md:1:1"), "{out}");
        assert!(out.contains("^^^^^^ not a known key"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
        let out = d.render(Lang::Nl, false);
        assert!(out.contains("fout[unknown-key]: onbekend veld `tittle` in de gegevens bovenaan de pagina"), "{out}");
        assert!(out.contains("content/begrippen/statushouder.md:1:1"), "{out}");
        assert!(out.contains("^^^^^^ dit veld bestaat niet"), "{out}");
        assert!(out.contains("wat te doen: bedoelde u `title`?"), "{out}");
        // JSON: the same code, the words in the language asked for.
        let json: serde_json::Value = serde_json::from_str(&d.to_json(Lang::Nl)).unwrap();
        assert_eq!((json["code"].as_str(), json["lang"].as_str()), (Some("unknown-key"), Some("nl")));
        assert_eq!(json["help"], "bedoelde u `title`?");
    }
}
