//! The commands that make files for a local version: `wegwijs init` (a new local site over the
//! built-in base) and `wegwijs override` (a copy of a base page in the local layer, with the
//! hash of the base page it replaces). They sit beside the pipeline, not inside it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::layers::{BaseSource, content_hash};
use crate::messages::Msg;
use crate::msg;

/// Why a command could not do its work: what is wrong and what to do.
#[derive(Debug)]
pub struct Refused {
    pub message: Msg,
    pub help: Msg,
}

fn refused(message: Msg, help: Msg) -> Refused {
    Refused { message, help }
}

/// The example local practice page `init` writes, at this content path.
pub const EXAMPLE_PAGE: &str = "praktijkvoorbeelden/voorbeeld-uit-onze-gemeente.md";

/// Makes a new local site in `dir` over the built-in base, for the organisation `name`:
/// `wegwijs.yaml`, `content/` with one example page, `static/` and a README for the editors.
/// Refuses a folder that is not empty, and then touches nothing. Gives the files made.
pub fn init(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Refused> {
    match fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(refused(msg!("init-not-empty", folder = dir.display()), msg!("init-not-empty.help")));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(refused(msg!("init-io", folder = dir.display(), reason = e), msg!("init-io.help"))),
    }
    let name = name.trim();
    let files = [
        ("wegwijs.yaml".to_string(), config_text(name)),
        (format!("content/{EXAMPLE_PAGE}"), example_page(name)),
        ("README.md".to_string(), readme(name)),
    ];
    let io = |e: std::io::Error| refused(msg!("init-io", folder = dir.display(), reason = e), msg!("init-io.help"));
    fs::create_dir_all(dir.join("static")).map_err(io)?;
    let mut made = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io)?;
        }
        fs::write(&path, text).map_err(io)?;
        made.push(path);
    }
    made.push(dir.join("static"));
    Ok(made)
}

/// YAML text of `s` in double quotes.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn config_text(name: &str) -> String {
    format!(
        "# Instellingen van de lokale versie van {name}. Uitleg: zie README.md.\n\
         # De landelijke kennisbank zit in wegwijs zelf; uw eigen pagina's staan in content/.\n\
         base: builtin\n\
         theme:\n  organisation: {org}\n\
         # Landelijke pagina's of hele onderdelen weglaten, bijvoorbeeld:\n\
         # exclude:\n#   - praktijkvoorbeelden/amsterdam-klankbordgroep-statushouders.md\n",
        org = quoted(name),
    )
}

fn example_page(name: &str) -> String {
    format!(
        "---\n\
         title: \"Voorbeeld uit onze gemeente\"\n\
         summary: \"Hier beschrijft {name} hoe het zelf cultuursensitief werkt. Vervang deze tekst door uw eigen voorbeeld.\"\n\
         organisations: [{org}]\n\
         themes: [\"Kennis van de leefwereld\"]\n\
         target_groups: [\"beleidsmedewerkers\"]\n\
         ---\n\n\
         ## Aanleiding\n\n\
         Schrijf hier waarom u met dit voorbeeld begon. Dit is een voorbeeldpagina: pas hem aan of\n\
         verwijder hem.\n\n\
         ## Aanpak\n\n\
         Schrijf hier wat u deed, bijvoorbeeld met [sleutelpersonen](../begrippen/sleutelpersoon.md).\n",
        org = quoted(name),
    )
}

fn readme(name: &str) -> String {
    format!(
        "# Lokale versie van de kennisbank: {name}\n\n\
         Deze map is de lokale versie van de kennisbank Wegwijs in cultuursensitief werken. De\n\
         landelijke pagina's zitten in het programma wegwijs zelf. Hier zet u alleen wat anders is\n\
         in uw gemeente.\n\n\
         ## Wat staat waar\n\n\
         - `wegwijs.yaml`: de instellingen, zoals de naam van uw organisatie.\n\
         - `content/`: uw eigen pagina's. Ze staan op de site met het label \"In onze gemeente\".\n\
         - `static/`: afbeeldingen, zoals uw logo. Noem het logo in `wegwijs.yaml` onder `theme:`\n  \
           (`logo: logo.svg` en `logo_alt: Logo van {name}`).\n\n\
         ## Zo werkt het\n\n\
         - Een nieuwe pagina in `content/` komt bij de landelijke pagina's.\n\
         - Een pagina met dezelfde plek als een landelijke pagina vervangt die. Begin met een kopie:\n  \
           `wegwijs override begrippen/statushouder.md`. Verandert de landelijke pagina later, dan\n  \
           waarschuwt `wegwijs check` u.\n\
         - Een landelijke pagina of een heel onderdeel weglaten: zet het onder `exclude:` in\n  \
           `wegwijs.yaml`.\n\
         - `wegwijs check --layers` laat zien wat u toevoegt, vervangt en weglaat.\n\n\
         ## Bekijken en bouwen\n\n\
         - `wegwijs serve`: bekijk de site op uw eigen computer terwijl u schrijft.\n\
         - `wegwijs build`: maak de site in de map `public/`.\n",
    )
}

/// What `override` did: the file it wrote and the hash it recorded.
#[derive(Debug)]
pub struct Overridden {
    pub file: PathBuf,
    pub hash: String,
}

/// Copies the base page at content path `rel` (`begrippen/statushouder.md`) into the first
/// local content folder of the site in `root`, with `replaces: <hash of the base page>` in its
/// front matter. Refuses a site without a base, a path the base does not have, and a local
/// file that exists already.
pub fn override_page(root: &Path, rel: &str) -> Result<Overridden, Refused> {
    let (config, _) = Config::load(root, &Overrides::default())
        .map_err(|_| refused(msg!("override-no-config"), msg!("override-no-config.help")))?;
    let Some(base) = &config.base else {
        return Err(refused(msg!("override-no-base"), msg!("override-no-base.help")));
    };
    let rel = rel.trim().replace('\\', "/");
    let rel = rel.trim_start_matches("./");
    let bytes: Option<Vec<u8>> = match &base.source {
        BaseSource::Builtin => crate::layers::builtin_files().iter().find(|(p, _)| *p == rel).map(|(_, b)| b.to_vec()),
        BaseSource::Folder(_) => base.content_dirs.iter().rev().find_map(|d| fs::read(d.join(rel)).ok()),
    };
    let Some(bytes) = bytes.filter(|_| rel.ends_with(".md") && !rel.split('/').any(|p| p == "..")) else {
        return Err(refused(msg!("override-not-in-base", path = rel), msg!("override-not-in-base.help")));
    };
    let local = config.content_dirs.first().cloned().unwrap_or_else(|| root.join("content"));
    let file = local.join(rel);
    if file.exists() {
        return Err(refused(
            msg!("override-exists", file = config.display_path(&file).display()),
            msg!("override-exists.help"),
        ));
    }
    let hash = content_hash(&bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let text = with_replaces(&text, &hash);
    let io = |e: std::io::Error| refused(msg!("init-io", folder = file.display(), reason = e), msg!("init-io.help"));
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    fs::write(&file, text).map_err(io)?;
    Ok(Overridden { file: config.display_path(&file), hash })
}

/// `text` with `replaces: <hash>` as the first line of its front matter (a front matter is
/// made when it has none).
fn with_replaces(text: &str, hash: &str) -> String {
    let line_end = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.strip_prefix("---") {
        Some(rest) if rest.starts_with('\n') || rest.starts_with("\r\n") => {
            let rest = rest.trim_start_matches('\r').trim_start_matches('\n');
            format!("---{line_end}replaces: {hash}{line_end}{rest}")
        }
        _ => format!("---{line_end}replaces: {hash}{line_end}---{line_end}{text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_goes_first_in_the_front_matter() {
        assert_eq!(with_replaces("---\ntitle: X\n---\nTekst\n", "ab"), "---\nreplaces: ab\ntitle: X\n---\nTekst\n");
        assert_eq!(with_replaces("Tekst\n", "ab"), "---\nreplaces: ab\n---\nTekst\n");
        assert_eq!(with_replaces("---\r\ntitle: X\r\n---\r\n", "ab"), "---\r\nreplaces: ab\r\ntitle: X\r\n---\r\n");
    }
}
