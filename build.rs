//! Embeds the default theme (`themes/default/`) into the binary, so that the binary alone can
//! build a site. Generates `$OUT_DIR/theme_files.rs`: one `(relative path, bytes)` entry per file,
//! sorted by path so the binary is reproducible.
//!
//! Also embeds the national knowledge base (`content/` and `wegwijs.yaml` of this repository),
//! the base a local site gets with `base: builtin`: `$OUT_DIR/base_files.rs`, in the same form.

use std::{env, fs, path::Path};

fn main() {
    let theme = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files: Vec<String> = walkdir::WalkDir::new(theme)
        .into_iter()
        .map(|e| e.expect("readable theme folder"))
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(theme).unwrap().to_str().expect("theme file names are UTF-8").replace('\\', "/"))
        .collect();
    files.sort();
    let root = env::current_dir().unwrap().join(theme);
    let mut out = String::from("/// Files of `themes/default/`, relative path and contents.\n");
    out.push_str("pub static THEME_FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let abs = root.join(f);
        out.push_str(&format!("    ({f:?}, include_bytes!({:?})),\n", abs.to_str().unwrap()));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("theme_files.rs");
    fs::write(dest, out).unwrap();
    embed_base();
}

/// `content/` and `wegwijs.yaml` as `BASE_FILES` and `BASE_CONFIG`.
fn embed_base() {
    let content = Path::new("content");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=wegwijs.yaml");
    let mut files: Vec<String> = walkdir::WalkDir::new(content)
        .into_iter()
        .map(|e| e.expect("readable content folder"))
        .filter(|e| e.file_type().is_file() && !e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
        .map(|e| {
            e.path().strip_prefix(content).unwrap().to_str().expect("content file names are UTF-8").replace('\\', "/")
        })
        .collect();
    files.sort();
    let here = env::current_dir().unwrap();
    let mut out = String::from("/// Files of the built-in base's `content/`, relative path and contents.\n");
    out.push_str("pub static BASE_FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let abs = here.join(content).join(f);
        out.push_str(&format!("    ({f:?}, include_bytes!({:?})),\n", abs.to_str().unwrap()));
    }
    out.push_str("];\n");
    let config = here.join("wegwijs.yaml");
    out.push_str("/// The built-in base's `wegwijs.yaml`.\n");
    out.push_str(&format!("pub static BASE_CONFIG: &str = include_str!({:?});\n", config.to_str().unwrap()));
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("base_files.rs");
    fs::write(dest, out).unwrap();
}
