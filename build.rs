//! Embeds the default theme (`themes/default/`) into the binary, so that the binary alone can
//! build a site. Generates `$OUT_DIR/theme_files.rs`: one `(relative path, bytes)` entry per file,
//! sorted by path so the binary is reproducible.

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
}
