//! Interface strings a translation language lacks: its pages show the site language's words
//! there, which a reader of the translation may not read. A warning at `languages` in the config.

use crate::diagnostic::Diagnostic;
use crate::msg;

pub(super) fn check(input: &super::Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (lang, (_, missing)) in &input.theme.translated_strings {
        if missing.is_empty() {
            continue;
        }
        let keys = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let d = Diagnostic::warning("missing-strings", msg!("missing-strings", lang, count = missing.len(), keys))
            .help(msg!("missing-strings.help", lang));
        diagnostics.push(match input.config.places.get("languages") {
            Some(place) => d.at(&place.source(), place.key.clone()),
            None => d,
        });
    }
}
