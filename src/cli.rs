//! The command line: one struct of arguments per command, each with `run()`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};

use wegwijs::messages::{Lang, Msg};
use wegwijs::{BuildError, Diagnostics, Overrides, Progress, msg};

/// Exit codes, chosen on purpose: scripts and CI tell content problems from usage mistakes.
pub mod exit {
    /// Success (warnings may have been printed).
    pub const OK: u8 = 0;
    /// The content, config or theme has errors (or warnings, with `check --deny-warnings`), or
    /// the output could not be written.
    pub const CONTENT: u8 = 1;
    /// The command line is wrong (clap uses 2 as well).
    pub const USAGE: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "wegwijs",
    version,
    about = "Builds the wegwijs knowledge base on culture-sensitive work into a static website"
)]
pub struct Cli {
    /// Language of the messages: `nl` or `en` [default: the locale (LC_ALL, LC_MESSAGES, LANG),
    /// else the site's `language`].
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

/// The languages of `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// The command line with its help in `lang`: the texts come from the message tables
/// (`help.*`), like every other word wegwijs says. clap's own words for mistakes in the command
/// line ("unexpected argument", ...) stay English.
pub fn command(lang: Lang) -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let t = |m: Msg| m.text(lang);
    let options = t(msg!("help.options"));
    let template = format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", t(msg!("help.usage")));
    // The placeholder of an option's value, as `<MAP>` in `--root <MAP>`.
    let value_name = |a: clap::Arg| -> clap::Arg {
        let name = a.get_value_names().and_then(|n| n.first()).map(|n| n.as_str().to_string());
        let translated = match name.as_deref() {
            Some("DIR") => msg!("help.value.dir"),
            Some("URL") => msg!("help.value.url"),
            Some("SECONDS") => msg!("help.value.seconds"),
            Some("PORT") => msg!("help.value.port"),
            Some("ADDRESS") => msg!("help.value.address"),
            Some("FORMAT") => msg!("help.value.format"),
            Some("LANG") => msg!("help.value.lang"),
            Some("NAME") => msg!("help.value.name"),
            Some("PATH") => msg!("help.value.path"),
            _ => return a,
        };
        a.value_name(t(translated))
    };
    // clap's own -h and -V, replaced by the same flags with translated help.
    let help_flag = || {
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t(msg!("help.help")))
            .help_heading(options)
    };
    let args_of = |name: &str| -> Vec<(&'static str, Msg)> {
        match name {
            "build" => vec![
                ("root", msg!("help.root")),
                ("output", msg!("help.output")),
                ("base_url", msg!("help.base-url")),
                ("drafts", msg!("help.drafts.build")),
                ("portable", msg!("help.portable")),
                ("quiet", msg!("help.quiet")),
                ("verbose", msg!("help.verbose")),
                ("timings", msg!("help.timings")),
                ("no_fingerprint", msg!("help.no-fingerprint")),
                ("precompress", msg!("help.precompress")),
            ],
            "check" => vec![
                ("root", msg!("help.root")),
                ("format", msg!("help.format")),
                ("deny_warnings", msg!("help.deny-warnings")),
                ("external", msg!("help.external")),
                ("timeout", msg!("help.timeout")),
                ("drafts", msg!("help.drafts.check")),
                ("layers", msg!("help.layers")),
            ],
            "init" => vec![("dir", msg!("help.init.dir")), ("name", msg!("help.init.name"))],
            "override" => vec![("root", msg!("help.root")), ("path", msg!("help.override.path"))],
            "serve" => vec![
                ("root", msg!("help.root")),
                ("port", msg!("help.port")),
                ("bind", msg!("help.bind")),
                ("open", msg!("help.open")),
                ("drafts", msg!("help.drafts.serve")),
            ],
            _ => Vec::new(),
        }
    };
    let mut cmd = Cli::command()
        .about(t(msg!("help.about")))
        .override_usage(t(msg!("help.usage.wegwijs")))
        .help_template(&template)
        .subcommand_help_heading(t(msg!("help.commands")))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t(msg!("help.version")))
                .help_heading(options),
        )
        .mut_arg("lang", |a| value_name(a.help(t(msg!("help.lang"))).help_heading(options).hide_possible_values(true)));
    let subcommands = [
        ("build", msg!("help.build"), msg!("help.usage.build")),
        ("check", msg!("help.check"), msg!("help.usage.check")),
        ("serve", msg!("help.serve"), msg!("help.usage.serve")),
        ("init", msg!("help.init"), msg!("help.usage.init")),
        ("override", msg!("help.override"), msg!("help.usage.override")),
    ];
    for (name, about, usage) in subcommands {
        let args = args_of(name);
        cmd = cmd.mut_subcommand(name, |mut sub| {
            sub = sub
                .about(t(about))
                .long_about(None)
                .override_usage(t(usage))
                .help_template(&template)
                .disable_help_flag(true)
                .arg(help_flag());
            for (id, help) in args {
                // The defaults and choices are in the translated help text itself.
                sub = sub.mut_arg(id, |a| {
                    let a = a.help(t(help)).long_help(None).help_heading(options);
                    if a.get_action().takes_values() {
                        value_name(a.hide_default_value(true).hide_possible_values(true))
                    } else {
                        a
                    }
                });
            }
            sub
        });
    }
    cmd
}

/// The language of the command line before it is parsed (for `--help`): `--lang` if given,
/// else as [`Lang::choose`] picks it for the site in `--root` (or here).
pub fn early_language(args: &[std::ffi::OsString]) -> Lang {
    let value_of = |flag: &str| {
        let prefix = format!("{flag}=");
        args.iter().enumerate().find_map(|(i, a)| {
            let a = a.to_str()?;
            if a == flag {
                args.get(i + 1).and_then(|v| v.to_str()).map(str::to_string)
            } else {
                a.strip_prefix(&prefix).map(str::to_string)
            }
        })
    };
    if let Some(lang) = value_of("--lang").and_then(|l| Lang::from_tag(&l)) {
        return lang;
    }
    let root = value_of("--root").map_or_else(|| PathBuf::from("."), PathBuf::from);
    language_for(&root)
}

/// Where `help` stands as the command (`wegwijs help`, `wegwijs --lang en help build`), if it
/// does.
pub fn help_command_at(args: &[std::ffi::OsString]) -> Option<usize> {
    let mut i = 1;
    while let Some(arg) = args.get(i).and_then(|a| a.to_str()) {
        match arg {
            "help" => return Some(i),
            "--lang" => i += 2,
            _ if arg.starts_with("--lang=") => i += 1,
            _ => return None,
        }
    }
    None
}

/// The language to speak in about the site in `root` (see [`Lang::choose`]).
fn language_for(root: &std::path::Path) -> Lang {
    Lang::choose(wegwijs::config::site_language(root).as_deref())
}

/// Prints a message on stderr in `lang`.
fn say(lang: Lang, m: Msg) {
    eprintln!("{}", m.render(lang));
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced atomically: a failed build leaves the
    /// previous output as it was).
    Build(BuildArgs),
    /// Check the site for problems without writing anything: every check of a build, plus links
    /// to other sites with --external.
    Check(CheckArgs),
    /// Preview the site while you write: builds it into memory, serves it on this computer and
    /// builds again on every saved change; open pages reload by themselves and show problems.
    Serve(ServeArgs),
    /// Make a new local version over the national knowledge base in a new folder.
    Init(InitArgs),
    /// Copy a page of the base into the local content, to change it there.
    Override(OverrideArgs),
    /// Removes a previous output that a build moved aside; started by `build` in the
    /// background, so the build does not wait for it.
    #[command(name = "__remove-old-output", hide = true)]
    RemoveOldOutput { path: PathBuf },
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder, holding content/ and optionally wegwijs.yaml, templates/, static/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Output folder [default: public/ in the site folder, or output_dir in wegwijs.yaml].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Address the site will be published at, such as https://www.example.nl/kennisbank/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also build pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Output that works opened straight from disk (a USB stick, a shared folder), search
    /// included: links name index.html files and the search index loads as scripts.
    #[arg(long)]
    pub portable: bool,
    /// Print only errors and warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: the time of each stage and what was written.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the duration of each stage (load, model, render, index, write).
    #[arg(long)]
    pub timings: bool,
    /// Keep the plain names of the theme's assets and the search index (no content hash).
    #[arg(long)]
    pub no_fingerprint: bool,
    /// Also write a gzipped copy (x.gz) beside each text file, for the web server to send.
    #[arg(long)]
    pub precompress: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder, holding content/ and optionally wegwijs.yaml, templates/, static/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// How to report: `human` (rustc-style, on stderr) or `json` (one JSON object per line on
    /// stdout, then a summary object).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with code 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also ask the servers behind links to other sites whether the pages still exist (needs
    /// the network; working links are remembered for a week in .wegwijs-cache/).
    #[arg(long)]
    pub external: bool,
    /// With --external: time allowed for all links together; links not checked by then are
    /// reported as one warning.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
    /// Also check pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// List what the local version adds to, replaces in and leaves out of its base.
    #[arg(long)]
    pub layers: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new folder of the local version; it must be empty or not exist yet.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The name of the organisation, such as "Gemeente Zwolle".
    #[arg(long, value_name = "NAME", default_value = "Gemeente Voorbeeld")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct OverrideArgs {
    /// The site folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The path of the base page, as in the base's content folder: begrippen/statushouder.md.
    #[arg(value_name = "PATH")]
    pub path: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding content/ and optionally wegwijs.yaml, templates/, static/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. The default keeps the preview on this computer; another address
    /// makes it reachable from the network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Also show pages marked `draft: true`, with a "Concept" banner.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

impl Command {
    pub fn run(self) -> ExitCode {
        match self {
            Command::Build(args) => args.run(),
            Command::RemoveOldOutput { path } => remove_old_output(&path),
            Command::Check(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Override(args) => args.run(),
        }
    }
}

/// Prints diagnostics to stderr in `lang`, in colour on a terminal.
pub fn print_diagnostics(diagnostics: &Diagnostics, lang: Lang) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in &diagnostics.items {
        eprintln!("{}\n", d.render(lang, color));
    }
}

/// A progress bar on stderr, only on a terminal and only for long builds.
struct Bar(std::sync::OnceLock<indicatif::ProgressBar>, bool);

impl Progress for Bar {
    fn start(&self, stage: &'static str, total: usize) {
        if !self.1 || total < 2_000 {
            return;
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_message(stage);
        let _ = self.0.set(bar);
    }
    fn advance(&self, n: usize) {
        if let Some(b) = self.0.get() {
            b.inc(n as u64);
        }
    }
    fn finish(&self) {
        if let Some(b) = self.0.get() {
            b.finish_and_clear();
        }
    }
}

impl BuildArgs {
    pub fn run(self) -> ExitCode {
        if let Err(code) = site_folder_exists(&self.root) {
            return code;
        }
        let lang = language_for(&self.root);
        let started = Instant::now();
        let overrides = Overrides {
            output_dir: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            portable: self.portable,
            no_fingerprint: self.no_fingerprint,
            precompress: self.precompress,
        };
        let bar = Bar(std::sync::OnceLock::new(), !self.quiet && std::io::stderr().is_terminal());
        match wegwijs::build(&self.root, &overrides, &bar) {
            Ok(mut report) => {
                if let Some(previous) = report.previous.take() {
                    remove_in_background(&previous.keep());
                }
                print_diagnostics(&report.diagnostics, lang);
                if self.timings || self.verbose {
                    for (stage, d) in report.timings.stages() {
                        eprintln!("{stage:>8}  {:>8.1} ms", d.as_secs_f64() * 1000.0);
                    }
                }
                if !self.quiet {
                    let kinds: Vec<String> =
                        report.pages_per_kind.iter().map(|(k, n)| plural(*n, *k).render(lang)).collect();
                    let total: usize = report.pages_per_kind.iter().map(|(_, n)| n).sum();
                    let pages = if total == 1 { msg!("count.pages.one") } else { msg!("count.pages", n = total) };
                    let (kinds, lists, output) = (kinds.join(", "), report.other_pages, report.output.display());
                    let translated = match report.translated_pages {
                        0 => String::new(),
                        1 => msg!("cli.built.translated.one").render(lang),
                        n => msg!("cli.built.translated", n).render(lang),
                    };
                    let secs = format!("{:.2}", started.elapsed().as_secs_f64());
                    // A decimal comma in Dutch.
                    let secs = if lang == Lang::Nl { secs.replace('.', ",") } else { secs };
                    say(
                        lang,
                        if report.diagnostics.items.is_empty() {
                            msg!("cli.built", pages, kinds, translated, lists, output, secs)
                        } else {
                            let problems = report.diagnostics.counts();
                            msg!("cli.built.problems", pages, kinds, translated, lists, output, secs, problems)
                        },
                    );
                    if self.verbose {
                        say(lang, msg!("cli.built.files", files = report.files, bytes = report.bytes));
                    }
                }
                ExitCode::from(exit::OK)
            }
            Err(BuildError::Content(diagnostics)) => {
                print_diagnostics(&diagnostics, lang);
                say(lang, msg!("cli.build-failed", counts = diagnostics.counts()));
                ExitCode::from(exit::CONTENT)
            }
            Err(BuildError::Output(refusal)) => {
                let d = wegwijs::Diagnostic::error(refusal.code, refusal.message).help(refusal.help);
                print_diagnostics(&Diagnostics { items: vec![d] }, lang);
                say(lang, msg!("cli.build-refused"));
                ExitCode::from(exit::CONTENT)
            }
            Err(BuildError::Write(e)) => {
                say(lang, msg!("cli.error", message = e.message()));
                let help = match &e.previous {
                    wegwijs::write::Previous::InPlace => msg!("cli.write-failed.in-place"),
                    wegwijs::write::Previous::Aside(at) => {
                        msg!("cli.write-failed.aside", at = at.display(), path = e.path.display())
                    }
                };
                say(lang, msg!("cli.help", help));
                ExitCode::from(exit::CONTENT)
            }
        }
    }
}

impl CheckArgs {
    pub fn run(self) -> ExitCode {
        if let Err(code) = site_folder_exists(&self.root) {
            return code;
        }
        let lang = language_for(&self.root);
        let overrides = Overrides { drafts: self.drafts, ..Overrides::default() };
        let external = self.external.then(|| wegwijs::check::external::Options {
            deadline: std::time::Duration::from_secs(self.timeout),
            ..wegwijs::check::external::Options::for_site(&self.root)
        });
        if self.layers {
            print_layers(&self.root, &overrides, lang);
        }
        let bar = Bar(std::sync::OnceLock::new(), self.format == Format::Human && std::io::stderr().is_terminal());
        let report = wegwijs::check(&self.root, &overrides, external.as_ref(), &bar);
        let diagnostics = &report.diagnostics;
        match self.format {
            Format::Human => {
                print_diagnostics(diagnostics, lang);
                let pages =
                    if report.pages == 1 { msg!("count.pages.one") } else { msg!("count.pages", n = report.pages) };
                let found = if diagnostics.items.is_empty() { msg!("cli.no-problems") } else { diagnostics.counts() };
                say(
                    lang,
                    match report.external_links {
                        None => msg!("cli.checked", pages, found),
                        Some(1) => msg!("cli.checked.link", pages, found),
                        Some(n) => msg!("cli.checked.links", pages, n, found),
                    },
                );
            }
            Format::Json => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                for d in &diagnostics.items {
                    let _ = writeln!(out, "{}", d.to_json(lang));
                }
                let _ = writeln!(out, "{}", diagnostics.summary_json(report.pages));
            }
        }
        let failed = diagnostics.has_errors() || (self.deny_warnings && diagnostics.warnings() > 0);
        ExitCode::from(if failed { exit::CONTENT } else { exit::OK })
    }
}

/// `check --layers`: what the local version adds, replaces and leaves out, on stdout.
fn print_layers(root: &Path, overrides: &Overrides, lang: Lang) {
    let Ok(report) = wegwijs::layers(root, overrides) else { return };
    let groups = [
        (msg!("layers.added", n = report.added.len()), &report.added),
        (msg!("layers.replaced", n = report.replaced.len()), &report.replaced),
        (msg!("layers.excluded", n = report.excluded.len()), &report.excluded),
    ];
    for (heading, paths) in groups {
        println!("{}", heading.render(lang));
        for p in paths {
            println!("  {p}");
        }
    }
}

impl InitArgs {
    pub fn run(self) -> ExitCode {
        let lang = Lang::choose(None);
        match wegwijs::scaffold::init(&self.dir, &self.name) {
            Ok(_) => {
                say(lang, msg!("init-done", folder = self.dir.display(), name = self.name.as_str()));
                ExitCode::from(exit::OK)
            }
            Err(refused) => {
                say(lang, msg!("cli.error", message = refused.message));
                say(lang, msg!("cli.help", help = refused.help));
                ExitCode::from(exit::USAGE)
            }
        }
    }
}

impl OverrideArgs {
    pub fn run(self) -> ExitCode {
        if let Err(code) = site_folder_exists(&self.root) {
            return code;
        }
        let lang = language_for(&self.root);
        match wegwijs::scaffold::override_page(&self.root, &self.path) {
            Ok(done) => {
                say(lang, msg!("override-done", file = done.file.display(), hash = done.hash));
                ExitCode::from(exit::OK)
            }
            Err(refused) => {
                say(lang, msg!("cli.error", message = refused.message));
                say(lang, msg!("cli.help", help = refused.help));
                ExitCode::from(exit::USAGE)
            }
        }
    }
}

impl ServeArgs {
    pub fn run(self) -> ExitCode {
        if let Err(code) = site_folder_exists(&self.root) {
            return code;
        }
        let lang = language_for(&self.root);
        let options = wegwijs::serve::Options {
            root: self.root,
            bind: self.bind,
            port: self.port,
            open: self.open,
            drafts: self.drafts,
        };
        match wegwijs::serve::run(&options) {
            Ok(()) => ExitCode::from(exit::OK),
            Err(failed) => {
                say(lang, msg!("cli.error", message = failed.message));
                say(lang, msg!("cli.help", help = failed.help));
                ExitCode::from(exit::CONTENT)
            }
        }
    }
}

/// A usage error, said once for every command, when `--root` is not a site folder: missing,
/// a file (the folder it is in is meant), or a folder inside a site, such as `content/` (the
/// site around it is meant).
fn site_folder_exists(root: &Path) -> Result<(), ExitCode> {
    let (lang, message, help) = if root.is_file() {
        let folder = root.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        (
            language_for(folder),
            msg!("cli.root-is-file", root = root.display()),
            msg!("cli.root-is-file.help", folder = folder.display()),
        )
    } else if !root.is_dir() {
        (Lang::choose(None), msg!("cli.no-site-folder", root = root.display()), msg!("cli.no-site-folder.help"))
    } else if let Some((site, up)) = site_around(root) {
        let suggestion = folder_up(root, up);
        let inner = std::fs::canonicalize(root).ok().and_then(|r| r.strip_prefix(&site).ok().map(Path::to_path_buf));
        let inner = inner.map_or_else(|| root.display().to_string(), |i| i.display().to_string());
        (
            language_for(&site),
            msg!("cli.inside-site", inner, site = site.display()),
            msg!("cli.inside-site.help", suggestion, site = site.display()),
        )
    } else {
        return Ok(());
    };
    say(lang, msg!("cli.error", message));
    say(lang, msg!("cli.help", help));
    Err(ExitCode::from(exit::USAGE))
}

/// The folder `up` levels above `root`, written the way the user wrote `root`: `content` gives
/// `.`, `/srv/site/content` gives `/srv/site`, and `.` gives `..`.
fn folder_up(root: &Path, up: usize) -> String {
    use std::path::Component;
    let mut parts: Vec<Component<'_>> = root.components().filter(|c| *c != Component::CurDir).collect();
    let mut climbed = 0;
    while climbed < up && matches!(parts.last(), Some(Component::Normal(_))) {
        parts.pop();
        climbed += 1;
    }
    let mut p: PathBuf = parts.iter().collect();
    p.extend(std::iter::repeat_n("..", up - climbed));
    if p.as_os_str().is_empty() { ".".to_string() } else { p.display().to_string() }
}

/// When `root` is no site (no `wegwijs.yaml`, no `content/`) but lies inside one, as `content/`
/// or a folder in it does: that site, and how many folders up it is.
fn site_around(root: &Path) -> Option<(PathBuf, usize)> {
    let is_site = |dir: &Path| dir.join("wegwijs.yaml").is_file() || dir.join("content").is_dir();
    if is_site(root) {
        return None;
    }
    let real = std::fs::canonicalize(root).ok()?;
    // A few folders up at most: deeper than that, it is not a slip of the working folder.
    real.ancestors()
        .skip(1)
        .take(4)
        .enumerate()
        .find(|(_, dir)| is_site(dir))
        .map(|(i, dir)| (dir.to_path_buf(), i + 1))
}

fn plural(n: usize, kind: wegwijs::kind::Kind) -> Msg {
    use wegwijs::kind::Kind::*;
    match (kind, n == 1) {
        (Term, true) => msg!("cli.count.term.one"),
        (Term, false) => msg!("cli.count.term", n),
        (Practice, true) => msg!("cli.count.practice.one"),
        (Practice, false) => msg!("cli.count.practice", n),
        (Tool, true) => msg!("cli.count.tool.one"),
        (Tool, false) => msg!("cli.count.tool", n),
        (Theme, true) => msg!("cli.count.theme.one"),
        (Theme, false) => msg!("cli.count.theme", n),
        (Article, true) => msg!("cli.count.article.one"),
        (Article, false) => msg!("cli.count.article", n),
    }
}

/// Starts this binary again to remove the previous output, without waiting for it: deleting
/// thousands of files is what an atomic build would otherwise spend most of its time on. If
/// the process cannot start, the folder is removed here and now.
fn remove_in_background(old: &std::path::Path) {
    let started = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg("__remove-old-output")
            .arg(old)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if started.is_err() {
        let _ = wegwijs::write::remove_tree(old);
    }
}

fn remove_old_output(path: &std::path::Path) -> ExitCode {
    // Only ever a folder that a build moved aside: `.<name>.wegwijs-old-<pid>`, marked as ours.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let marked = wegwijs::write::ownership::is_marked(path);
    if !(name.starts_with('.') && name.contains(".wegwijs-old-") && marked) {
        let message = msg!("cli.not-old-output", path = path.display());
        say(Lang::choose(None), msg!("cli.error", message));
        return ExitCode::from(exit::USAGE);
    }
    match wegwijs::write::remove_tree(path) {
        Ok(()) => ExitCode::from(exit::OK),
        Err(_) => ExitCode::from(exit::CONTENT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
        for lang in Lang::ALL {
            command(lang).debug_assert();
        }
    }

    #[test]
    fn help_as_a_command_is_found_after_the_language() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(help_command_at(&args(&["wegwijs", "help", "build"])), Some(1));
        assert_eq!(help_command_at(&args(&["wegwijs", "--lang", "en", "help"])), Some(3));
        assert_eq!(help_command_at(&args(&["wegwijs", "--lang=nl", "help", "check"])), Some(2));
        assert_eq!(help_command_at(&args(&["wegwijs", "build", "help"])), None);
        assert_eq!(help_command_at(&args(&["wegwijs", "--root", "help"])), None);
    }

    #[test]
    fn the_folder_above_is_written_like_the_root() {
        assert_eq!(folder_up(Path::new("."), 1), "..");
        assert_eq!(folder_up(Path::new("."), 2), "../..");
        assert_eq!(folder_up(Path::new("content"), 1), ".");
        assert_eq!(folder_up(Path::new("site/content/begrippen"), 2), "site");
        assert_eq!(folder_up(Path::new("/srv/site/content"), 1), "/srv/site");
        assert_eq!(folder_up(Path::new("../content"), 2), "../..");
    }

    #[test]
    fn the_language_of_the_command_line_is_found_before_parsing() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(early_language(&args(&["wegwijs", "--lang", "en", "build"])), Lang::En);
        assert_eq!(early_language(&args(&["wegwijs", "check", "--lang=nl"])), Lang::Nl);
    }
}
