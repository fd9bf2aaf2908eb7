//! The `asset(path=...)` function of the templates: the output name of a theme asset, with its
//! fingerprint when the build gives them (see [`crate::fingerprint`]), else the path as given.
//! Templates write `{{ root }}{{ asset(path="css/wegwijs.css") }}`; a path the theme does not
//! fingerprint comes back unchanged, so a site's own template cannot break by using it.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use tera::{Context, Kwargs, State, Tera, TeraResult};

use super::{THEME_CSS_TEMPLATE, templates};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::layout::THEME_CSS;
use crate::theme::Theme;

/// What `asset` answers: plain name → output name. Set by [`name`] once the templates are
/// compiled, since the fingerprint of the stylesheet rendered from the settings needs them.
pub(crate) type Names = Arc<OnceLock<BTreeMap<String, String>>>;

/// Adds the `asset` function to `tera`.
pub(super) fn register_function(tera: &mut Tera, names: Names) {
    tera.register_function("asset", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        Ok(names.get().and_then(|n| n.get(path)).cloned().unwrap_or_else(|| path.to_string()))
    });
}

/// Fills in `names` for `tera`, whose global context must already hold `site` and `t`: the
/// stylesheet rendered from the theme settings ([`THEME_CSS`]) is rendered here once for its
/// fingerprint. Gives where that stylesheet goes.
pub(super) fn name(tera: &Tera, config: &Config, theme: &Theme, names: &Names) -> Result<String, Vec<Diagnostic>> {
    let mut all = theme.assets.clone();
    let mut theme_css = THEME_CSS.to_string();
    if config.fingerprint && theme.templates.contains_key(THEME_CSS_TEMPLATE) {
        // The context `Pages` renders it with (`Job::ThemeCss`), so the bytes are the same.
        let mut ctx = Context::new();
        ctx.insert("root", "../");
        ctx.insert("current_path", "css/");
        ctx.insert("canonical", &config.base_url.absolute(""));
        let text = tera
            .render(THEME_CSS_TEMPLATE, &ctx)
            .map_err(|e| vec![templates::template_error(theme, &e.to_string(), crate::msg!("template.rendering"))])?;
        theme_css = crate::fingerprint::of(THEME_CSS, text.as_bytes());
        all.insert(THEME_CSS.to_string(), theme_css.clone());
    }
    let _ = names.set(all);
    Ok(theme_css)
}
