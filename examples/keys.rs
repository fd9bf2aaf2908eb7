//! Prints the key tables of the README from the tables in the code: the "Site config" table
//! (`wegwijs::config::KEYS`) and the front matter reference (`wegwijs::kind`). A test checks
//! that the README holds exactly these tables; after changing a table, run
//! `cargo run --example keys` and paste its output into the README.

use wegwijs::kind::{COMMON_KEYS, Kind, keys_markdown, section_keys};

fn main() {
    println!("## Site config: `wegwijs.yaml`\n");
    println!("{}", wegwijs::config::keys_markdown());
    println!("## Front matter reference\n");
    println!("### Every kind\n");
    println!("{}", keys_markdown(COMMON_KEYS));
    for kind in [Kind::Term, Kind::Practice, Kind::Tool] {
        println!("### {}\n", kind.described().english());
        println!("{}", keys_markdown(kind.own_keys()));
    }
    let section: Vec<String> = section_keys().map(|k| format!("`{}`", k.key)).collect();
    println!("### Sections (`_index.md`)\n");
    println!("Keys: {}\n", section.join(", "));
}
