//! What the preview serves now, and the open pages that hear about each change.
//!
//! The hub holds one [`Now`]: the last good [`Snapshot`] and the problems of the last build.
//! A new build replaces it whole, so a request sees either the old site or the new one, never
//! half of each, and never nothing while a build runs. Each open page holds a stream of
//! server-sent events; every change is sent to all of them as one JSON message (see
//! [`Hub::message`]), which `live.js` reads.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};

use serde_json::{Value, json};

use super::site::Snapshot;
use crate::diagnostic::Diagnostic;
use crate::messages::Lang;

/// The state served now.
#[derive(Debug, Default)]
pub(crate) struct Now {
    /// The last site that built without errors; `None` until one has.
    pub(crate) site: Option<Arc<Snapshot>>,
    /// Counts the good builds; 0 before the first.
    pub(crate) version: u64,
    /// The version before the last good build, and what that build changed: `None` when it
    /// changed too much to list (the pages then simply reload).
    pub(crate) base: u64,
    pub(crate) changed: Option<Vec<String>>,
    /// Errors of the last build: shown over every open page while there are any.
    pub(crate) problems: Vec<Diagnostic>,
    /// The site's language, for the overlay's and the banner's words.
    pub(crate) language: String,
}

/// More changed files than this are not listed: every open page reloads.
const MAX_LISTED: usize = 2_000;

pub(crate) struct Hub {
    now: RwLock<Arc<Now>>,
    listeners: Mutex<Vec<Sender<Arc<str>>>>,
    /// Tells one run of the server from the next, so a page that reconnects to a restarted
    /// server reloads.
    boot: u64,
}

impl Hub {
    pub(crate) fn new() -> Hub {
        let boot =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
        Hub {
            now: RwLock::new(Arc::new(Now { language: "nl".into(), ..Now::default() })),
            listeners: Mutex::default(),
            boot,
        }
    }

    pub(crate) fn now(&self) -> Arc<Now> {
        self.now.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A good build: `site` is served from now on. Gives how many files it changed, unless it
    /// is the first.
    pub(crate) fn publish_site(&self, site: Snapshot, language: String) -> Option<usize> {
        let old = self.now();
        let site = Arc::new(site);
        let now = |changed| Now {
            site: Some(site.clone()),
            version: old.version + 1,
            base: old.version,
            changed,
            problems: Vec::new(),
            language: language.clone(),
        };
        // Served at once; what changed (a comparison of every file) is worked out after, for
        // the open pages. A page that connects in between is told "everything" and reloads.
        *self.now.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(now(None));
        let changed = old.site.as_ref().map(|s| s.changed(&site));
        let count = changed.as_ref().map(Vec::len);
        self.set(now(changed.filter(|c| c.len() <= MAX_LISTED)));
        count
    }

    /// A build with errors: the last good site stays served, with the problems over it.
    pub(crate) fn publish_problems(&self, problems: Vec<Diagnostic>, language: Option<String>) {
        let old = self.now();
        self.set(Now {
            site: old.site.clone(),
            version: old.version,
            base: old.base,
            changed: old.changed.clone(),
            problems,
            language: language.unwrap_or_else(|| old.language.clone()),
        });
    }

    fn set(&self, now: Now) {
        let message: Arc<str> = self.message(&now).into();
        *self.now.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(now);
        // A page that went away dropped its receiver: it is forgotten here.
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).retain(|l| l.send(message.clone()).is_ok());
    }

    /// A stream of messages, one per change from now on.
    pub(crate) fn listen(&self) -> Receiver<Arc<str>> {
        let (tx, rx) = mpsc::channel();
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
        rx
    }

    /// The message that tells a page about `now`: `{boot, version, base, changed, problems,
    /// words}`. `problems` are the diagnostics in their JSON form (as `check --format json`
    /// gives them); `words` are the overlay's fixed words in the site's language.
    pub(crate) fn message(&self, now: &Now) -> String {
        let lang = Lang::choose(Some(&now.language));
        let problems: Vec<Value> =
            now.problems.iter().map(|d| serde_json::from_str(&d.to_json(lang)).unwrap_or(Value::Null)).collect();
        json!({
            "boot": self.boot,
            "version": now.version,
            "base": now.base,
            "changed": now.changed,
            "problems": problems,
            "words": words(lang),
        })
        .to_string()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

/// The fixed words of the overlay and the draft banner, in the language the messages are in
/// (see [`Lang::choose`]).
pub(crate) fn words(lang: Lang) -> Value {
    if lang == Lang::En {
        json!({
            "problem_in": "Something is wrong in",
            "problem": "Something is wrong",
            "line": "Line",
            "column": "column",
            "what_to_do": "What to do",
            "old_version": "You are looking at the last version that worked. Fix the file and save it: this message goes away by itself.",
            "close": "Hide",
            "more": "more problems: see the terminal",
            "concept": "Draft",
            "concept_text": "this page is a draft and is not published.",
            "no_site": "The site could not be built yet.",
        })
    } else {
        json!({
            "problem_in": "Er is iets mis in",
            "problem": "Er is iets mis",
            "line": "Regel",
            "column": "kolom",
            "what_to_do": "Wat te doen",
            "old_version": "U ziet de laatste versie die wel werkte. Herstel het bestand en sla het op: deze melding verdwijnt dan vanzelf.",
            "close": "Verbergen",
            "more": "problemen meer: zie de terminal",
            "concept": "Concept",
            "concept_text": "deze pagina is een concept en wordt niet gepubliceerd.",
            "no_site": "De site kon nog niet worden gebouwd.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Diagnostic;

    #[test]
    fn a_page_hears_problems_and_their_fix_with_the_site_unchanged() {
        let hub = Hub::new();
        hub.publish_site(Snapshot::default(), "nl".into());
        let rx = hub.listen();
        hub.publish_problems(
            vec![
                Diagnostic::error("broken-link", crate::msg!("missing-title")).help(crate::msg!("missing-title.help")),
            ],
            None,
        );
        let m: Value = serde_json::from_str(&rx.recv().unwrap()).unwrap();
        assert_eq!(m["version"], 1);
        assert_eq!(m["problems"][0]["code"], "broken-link");
        // The site's language, unless the locale of whoever runs the tests says otherwise.
        let lang = Lang::choose(Some("nl"));
        assert_eq!(m["problems"][0]["help"], crate::msg!("missing-title.help").render(lang));
        assert_eq!(m["problems"][0]["lang"], lang.tag());
        assert_eq!(m["words"], words(lang));
        assert!(hub.now().site.is_some());
        hub.publish_site(Snapshot::default(), "en".into());
        let m: Value = serde_json::from_str(&rx.recv().unwrap()).unwrap();
        assert_eq!((m["version"].as_u64(), m["base"].as_u64()), (Some(2), Some(1)));
        assert_eq!(m["problems"].as_array().map(Vec::len), Some(0));
        assert_eq!(m["changed"], json!([]));
        assert_eq!(m["words"], words(Lang::choose(Some("en"))));
    }

    #[test]
    fn the_overlay_speaks_dutch_and_english() {
        assert_eq!(words(Lang::Nl)["line"], "Regel");
        assert_eq!(words(Lang::En)["line"], "Line");
    }
}
