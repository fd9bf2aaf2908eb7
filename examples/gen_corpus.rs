//! Deterministic Dutch benchmark corpus: the knowledge base of `gen_corpus.py` (the generator
//! the Hugo, Zola and Pagefind anchors were measured on), inside this repository so benchmarks
//! need nothing outside it.
//!
//! It reproduces the Python generator byte for byte: the same Mersenne Twister, seeded the same
//! way, drawing numbers in the same order through the same algorithms as CPython's `random`
//! (`_randbelow`, `choice`, `sample`, `shuffle`, `paretovariate`). Same arguments, same bytes,
//! so our figures compare with the anchors' directly. `tests/gen_corpus.rs` pins the output.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pages 10000 --out /dev/shm/c10k/content [--flavor wegwijs|hugo|plain|zola] [--seed 42]
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// CPython's random.Random

/// MT19937 as CPython seeds and uses it.
struct PyRandom {
    mt: [u32; 624],
    index: usize,
}

impl PyRandom {
    /// `random.Random(seed)` for a non-negative integer seed.
    fn new(seed: u64) -> PyRandom {
        let mut key: Vec<u32> = Vec::new();
        let mut s = seed;
        while s > 0 {
            key.push(s as u32);
            s >>= 32;
        }
        if key.is_empty() {
            key.push(0);
        }
        let mut r = PyRandom { mt: [0; 624], index: 624 };
        r.init_genrand(19_650_218);
        let n = 624usize;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..n.max(key.len()) {
            let prev = r.mt[i - 1] ^ (r.mt[i - 1] >> 30);
            r.mt[i] = (r.mt[i] ^ prev.wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= n {
                r.mt[0] = r.mt[n - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..n - 1 {
            let prev = r.mt[i - 1] ^ (r.mt[i - 1] >> 30);
            r.mt[i] = (r.mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= n {
                r.mt[0] = r.mt[n - 1];
                i = 1;
            }
        }
        r.mt[0] = 0x8000_0000;
        r
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..624 {
            self.mt[i] = 1_812_433_253u32.wrapping_mul(self.mt[i - 1] ^ (self.mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        self.index = 624;
    }

    fn genrand(&mut self) -> u32 {
        if self.index >= 624 {
            for k in 0..624 {
                let y = (self.mt[k] & 0x8000_0000) | (self.mt[(k + 1) % 624] & 0x7fff_ffff);
                let mut v = self.mt[(k + 397) % 624] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.mt[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    fn random(&mut self) -> f64 {
        let a = f64::from(self.genrand() >> 5);
        let b = f64::from(self.genrand() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    fn getrandbits(&mut self, k: u32) -> u32 {
        debug_assert!((1..=32).contains(&k));
        self.genrand() >> (32 - k)
    }

    fn randbelow(&mut self, n: usize) -> usize {
        let k = usize::BITS - n.leading_zeros();
        loop {
            let r = self.getrandbits(k) as usize;
            if r < n {
                return r;
            }
        }
    }

    fn randrange(&mut self, start: i64, stop: i64) -> i64 {
        start + self.randbelow((stop - start) as usize) as i64
    }

    fn randint(&mut self, a: i64, b: i64) -> i64 {
        self.randrange(a, b + 1)
    }

    fn choice<'a, T: ?Sized>(&mut self, seq: &[&'a T]) -> &'a T {
        seq[self.randbelow(seq.len())]
    }

    fn shuffle<T>(&mut self, x: &mut [T]) {
        for i in (1..x.len()).rev() {
            let j = self.randbelow(i + 1);
            x.swap(i, j);
        }
    }

    fn sample<'a>(&mut self, population: &[&'a str], k: usize) -> Vec<&'a str> {
        let n = population.len();
        let mut setsize = 21usize;
        if k > 5 {
            setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
        }
        let mut result = Vec::with_capacity(k);
        if n <= setsize {
            let mut pool = population.to_vec();
            for i in 0..k {
                let j = self.randbelow(n - i);
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::HashSet::new();
            for _ in 0..k {
                let mut j = self.randbelow(n);
                while selected.contains(&j) {
                    j = self.randbelow(n);
                }
                selected.insert(j);
                result.push(population[j]);
            }
        }
        result
    }

    fn paretovariate(&mut self, alpha: f64) -> f64 {
        let u = 1.0 - self.random();
        u.powf(-1.0 / alpha)
    }
}

// ---------------------------------------------------------------------------------------------
// The vocabulary (as in gen_corpus.py)

const SECTIONS: [(&str, &str, f64, &str, &str); 4] = [
    (
        "begrippen",
        "term",
        0.25,
        "Begrippen",
        "Verklaring van begrippen uit het sociaal domein en cultuursensitief werken.",
    ),
    (
        "praktijkvoorbeelden",
        "practice",
        0.40,
        "Praktijkvoorbeelden",
        "Voorbeelden uit gemeenten die laten zien hoe cultuursensitief werken in de praktijk gaat.",
    ),
    ("instrumenten", "tool", 0.15, "Instrumenten", "Hulpmiddelen, methoden en gesprekskaarten voor professionals."),
    ("artikelen", "article", 0.20, "Artikelen", "Achtergrondartikelen en handreikingen voor beleid en uitvoering."),
];

const MUNICIPALITIES: &[&str] = &[
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Arnhem",
    "Haarlem",
    "Enschede",
    "Amersfoort",
    "Zaanstad",
    "Haarlemmermeer",
    "Den Bosch",
    "Zwolle",
    "Zoetermeer",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Ede",
    "Alphen aan den Rijn",
    "Leeuwarden",
    "Alkmaar",
    "Emmen",
    "Westland",
    "Delft",
    "Venlo",
    "Deventer",
    "Sittard-Geleen",
    "Helmond",
    "Oss",
    "Amstelveen",
    "Hilversum",
    "Heerlen",
    "Harderwijk",
    "Súdwest-Fryslân",
];
const THEMES: &[&str] = &[
    "Gezondheid",
    "Jeugd en gezin",
    "Inburgering",
    "Participatie en werk",
    "Onderwijs",
    "Wonen en leefomgeving",
    "Zorg en ondersteuning",
    "Veiligheid",
];
const TAGS: &[&str] = &[
    "statushouders",
    "nieuwkomers",
    "arbeidsmigranten",
    "ouderen met een migratieachtergrond",
    "sleutelpersonen",
    "ervaringsdeskundigen",
    "wijkteam",
    "jeugdhulp",
    "huisartsen",
    "mantelzorg",
    "taalbarrière",
    "tolken",
    "laaggeletterdheid",
    "gezondheidsvaardigheden",
    "eenzaamheid",
    "schulden",
    "armoede",
    "discriminatie",
    "racisme",
    "diversiteit",
    "inclusie",
    "vertrouwen",
    "outreachend werken",
    "voorlichting",
    "psycho-educatie",
    "GGZ",
    "huiselijk geweld",
    "opvoedondersteuning",
    "vrijwilligers",
    "zelforganisaties",
    "moskeeën",
    "kerken",
    "religie",
    "rouw",
    "dementie",
    "bewegen",
    "voeding",
    "vaccinatie",
    "vroegsignalering",
    "samenwerking",
    "casuïstiek",
    "zelfreflectie",
    "communicatie",
    "beeldtaal",
    "participatieverklaring",
    "Wmo",
    "Participatiewet",
    "Wet inburgering",
    "onderwijs",
    "kinderopvang",
    "werkgevers",
    "stages",
    "huisvesting",
    "buurtteam",
    "cliëntondersteuning",
    "financiële zelfredzaamheid",
    "ouderbetrokkenheid",
    "meertaligheid",
    "interculturele competenties",
    "netwerkzorg",
];
const NOUN_PHRASES: &[&str] = &[
    "de gemeente",
    "het wijkteam",
    "de sleutelpersoon",
    "de ervaringsdeskundige",
    "de cliënt",
    "de professional",
    "de huisarts",
    "de jeugdprofessional",
    "de consulent",
    "de beleidsmedewerker",
    "de wethouder",
    "het buurthuis",
    "de zelforganisatie",
    "de statushouder",
    "de nieuwkomer",
    "de mantelzorger",
    "de vrijwilliger",
    "de tolk",
    "de docent",
    "de wijkverpleegkundige",
    "de welzijnsorganisatie",
    "de GGD",
    "het sociaal team",
    "de schuldhulpverlener",
    "de jongerenwerker",
    "de werkgever",
    "de taalcoach",
    "de moskee",
    "de kerk",
    "het migrantennetwerk",
    "de bewonersgroep",
    "het consultatiebureau",
    "de opvoedondersteuner",
    "de cultuurmakelaar",
];
const PLURAL_SUBJECTS: &[&str] = &[
    "gemeenten",
    "professionals",
    "sleutelpersonen",
    "ervaringsdeskundigen",
    "wijkteams",
    "cliënten",
    "statushouders",
    "jongeren",
    "ouders",
    "vrijwilligers",
    "huisartsen",
    "zorgverleners",
    "beleidsmakers",
    "consulenten",
    "nieuwkomers",
    "ouderen",
    "welzijnswerkers",
    "zelforganisaties",
    "scholen",
    "werkgevers",
];
const OBJECTS: &[&str] = &[
    "cultuursensitieve zorg",
    "het vertrouwen van bewoners",
    "de inburgering",
    "de gezondheid van nieuwkomers",
    "de toegang tot jeugdhulp",
    "de diversiteit in de wijk",
    "een passend aanbod",
    "de financiële zelfredzaamheid",
    "het eerste gesprek",
    "de casuïstiek",
    "een gezamenlijk plan",
    "de signalen van eenzaamheid",
    "de taal en de beeldvorming",
    "het netwerk rond het gezin",
    "de leefwereld van de cliënt",
    "de samenwerking tussen organisaties",
    "de voorlichting over gezondheid",
    "de ondersteuning bij schulden",
    "de participatie op de arbeidsmarkt",
    "het gesprek over opvoeding",
    "de rol van religie",
    "de verwachtingen over zorg",
    "de drempels naar hulpverlening",
    "álle betrokkenen",
    "de uitvoering van de Wmo",
    "de doorverwijzing naar de GGZ",
    "de eigen kracht van families",
    "een veilige omgeving",
    "de stem van ervaringsdeskundigen",
    "de werving van tolken",
];
const VERBS_SG: &[&str] = &[
    "versterkt",
    "ondersteunt",
    "verbetert",
    "bespreekt",
    "organiseert",
    "onderzoekt",
    "begeleidt",
    "signaleert",
    "vergroot",
    "verkent",
    "bevordert",
    "financiert",
    "coördineert",
    "evalueert",
    "benadert",
    "betrekt",
];
const VERBS_PL: &[&str] = &[
    "versterken",
    "ondersteunen",
    "verbeteren",
    "bespreken",
    "organiseren",
    "onderzoeken",
    "begeleiden",
    "signaleren",
    "vergroten",
    "verkennen",
    "bevorderen",
    "financieren",
    "coördineren",
    "evalueren",
    "benaderen",
    "betrekken",
];
const ADVERBIALS: &[&str] = &[
    "in de wijk",
    "vanuit het sociaal domein",
    "samen met sleutelpersonen",
    "op een cultuursensitieve manier",
    "zonder oordeel",
    "in de eigen taal",
    "tijdens huisbezoeken",
    "met behulp van beeldmateriaal",
    "bij de start van de inburgering",
    "binnen het wijkteam",
    "in overleg met de cliënt",
    "op laagdrempelige plekken",
    "met aandacht voor diversiteit",
    "vanaf het eerste contact",
    "in kleine groepen",
    "gedurende het hele traject",
    "via informele netwerken",
    "met steun van de gemeente",
    "na een korte training",
    "in samenwerking met zelforganisaties",
];
const CONNECTORS: &[&str] = &[
    "Daarnaast",
    "Bovendien",
    "Tegelijkertijd",
    "In de praktijk",
    "Vaak",
    "Soms",
    "Volgens betrokkenen",
    "Uit evaluaties blijkt dat",
    "Het gevolg is dat",
    "Zo",
    "Juist daarom",
    "Om die reden",
    "Desondanks",
    "Ook",
];
const ADJECTIVES: &[&str] = &[
    "cultuursensitieve",
    "laagdrempelige",
    "meertalige",
    "duurzame",
    "preventieve",
    "outreachende",
    "integrale",
    "financiële",
    "praktische",
    "zorgvuldige",
    "diverse",
    "inclusieve",
    "structurele",
    "lokale",
    "nieuwe",
    "creatieve",
];
const CLAUSES: &[&str] = &[
    "omdat veel bewoners de weg naar hulp niet vanzelf vinden",
    "zodat cliënten zich gehoord voelen",
    "wanneer er sprake is van een taalbarrière",
    "terwijl de wachtlijsten in de jeugdhulp oplopen",
    "als het vertrouwen in instanties laag is",
    "doordat sleutelpersonen de leefwereld van de doelgroep kennen",
    "waardoor problemen eerder in beeld komen",
    "hoewel niet álle professionals daar tijd voor krijgen",
    "zolang de financiering van het project zeker is",
    "nadat de statushouder een woning heeft gekregen",
    "omdat gezondheid voor veel gezinnen niet de eerste zorg is",
    "zodat de casuïstiek in het team besproken kan worden",
];
const HEADINGS: &[&str] = &[
    "Aanleiding",
    "Doelgroep",
    "Aanpak",
    "Resultaten",
    "Lessen uit de praktijk",
    "Rol van sleutelpersonen",
    "Samenwerking in de wijk",
    "Financiering",
    "Achtergrond",
    "Werkzame elementen",
    "Valkuilen",
    "Tips voor professionals",
    "Betrokken partners",
    "Wat zegt het onderzoek?",
    "Meer weten",
    "Randvoorwaarden",
    "Borging",
    "Ervaringen van cliënten",
    "Gesprekstechnieken",
    "Context en cijfers",
];
const SUBHEADINGS: &[&str] = &[
    "Eerste stappen",
    "Voorbereiding",
    "Uitvoering",
    "Evaluatie",
    "Knelpunten",
    "Succesfactoren",
    "Voorbeeld uit de wijk",
    "Aandachtspunten",
    "Benodigdheden",
    "Kosten en tijd",
    "Bereik",
    "Vervolg",
];
const TERM_HEADS: &[&str] = &[
    "Cultuursensitief werken",
    "Sleutelpersoon",
    "Ervaringsdeskundigheid",
    "Statushouder",
    "Inburgering",
    "Gezondheidsvaardigheden",
    "Outreachend werken",
    "Diversiteitsbeleid",
    "Taalbarrière",
    "Interculturele communicatie",
    "Wijkteam",
    "Mantelzorg",
    "Participatieverklaring",
    "Brede intake",
    "Casuïstiekbespreking",
    "Cliëntondersteuning",
    "Financiële zelfredzaamheid",
    "Vroegsignalering",
    "Psycho-educatie",
    "Zelforganisatie",
];
const TOOL_HEADS: &[&str] = &[
    "Gesprekskaarten",
    "Handreiking",
    "Checklist",
    "Training",
    "Toolkit",
    "Webinar",
    "Beeldwoordenboek",
    "Gespreksleidraad",
    "Scan",
    "Spel",
    "E-learning",
    "Factsheet",
];
const ARTICLE_HEADS: &[&str] = &[
    "Hoe gemeenten",
    "Waarom professionals",
    "Wat werkt bij",
    "Zo bereik je",
    "Vijf lessen over",
    "Het belang van",
    "Aan de slag met",
    "Vragen en antwoorden over",
];
const TOPICS: &[&str] = &[
    "cultuursensitieve zorg",
    "statushouders in de wijk",
    "jeugdhulp voor nieuwkomers",
    "ouderen met een migratieachtergrond",
    "gezondheid en inburgering",
    "diversiteit in het wijkteam",
    "sleutelpersonen",
    "ervaringsdeskundigen",
    "armoede en schulden",
    "eenzaamheid onder nieuwkomers",
    "psychische klachten",
    "opvoeding in twee culturen",
    "taal en gezondheid",
    "arbeidsmigranten",
    "financiële zelfredzaamheid",
    "vertrouwen in de overheid",
];
const COMPOUND_HEAD: &[&str] = &[
    "jeugd",
    "zorg",
    "wijk",
    "buurt",
    "gezins",
    "taal",
    "gezondheids",
    "werk",
    "school",
    "ouder",
    "migranten",
    "vluchtelingen",
    "inburgerings",
    "participatie",
    "schuld",
    "armoede",
    "welzijns",
    "huisartsen",
    "mantelzorg",
    "vrijwilligers",
    "beleids",
    "cliënt",
    "preventie",
    "opvoed",
    "vertrouwens",
    "netwerk",
    "diversiteits",
    "ervarings",
    "sport",
    "woon",
];
const COMPOUND_MID: &[&str] = &[
    "",
    "",
    "",
    "hulp",
    "zorg",
    "team",
    "steun",
    "coach",
    "plan",
    "kennis",
    "signalerings",
    "begeleidings",
    "voorlichtings",
    "trainings",
    "ontmoetings",
    "gespreks",
    "advies",
    "informatie",
    "samenwerkings",
    "huis",
];
const COMPOUND_TAIL: &[&str] = &[
    "loket",
    "traject",
    "aanpak",
    "netwerk",
    "overleg",
    "kaart",
    "groep",
    "bijeenkomst",
    "programma",
    "regeling",
    "spreekuur",
    "methodiek",
    "werkplaats",
    "agenda",
    "moment",
    "punt",
    "route",
    "cirkel",
    "protocol",
    "monitor",
    "kompas",
    "tafel",
    "pilot",
    "project",
];
const EXTERNAL: &[(&str, &str)] = &[
    ("Kennisplatform Inclusief Samenleven", "https://www.kis.nl/"),
    ("Pharos", "https://www.pharos.nl/"),
    ("Movisie", "https://www.movisie.nl/"),
    ("VNG", "https://vng.nl/"),
    ("Rijksoverheid", "https://www.rijksoverheid.nl/onderwerpen/inburgering"),
    ("Nederlands Jeugdinstituut", "https://www.nji.nl/"),
    ("Divosa", "https://www.divosa.nl/"),
    ("GGD GHOR Nederland", "https://ggdghor.nl/"),
    ("Vluchtelingenwerk Nederland", "https://www.vluchtelingenwerk.nl/"),
    ("Zorg voor Jeugd", "https://www.zorgvoorjeugd.nu/"),
];
const TOOL_TYPES: &[&str] = &["checklist", "audit", "e-learning", "handreiking", "toolkit", "gesprekskaart"];

// ---------------------------------------------------------------------------------------------
// Text generation

/// Python's `str.capitalize`: first character upper case, the rest lower case.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

struct Gen {
    r: PyRandom,
}

impl Gen {
    fn c(&mut self, seq: &[&'static str]) -> &'static str {
        self.r.choice(seq)
    }

    fn sentence(&mut self) -> String {
        let form = self.r.randrange(0, 6);
        let mut s = match form {
            0 => format!("{} {} {} {}", self.c(NOUN_PHRASES), self.c(VERBS_SG), self.c(OBJECTS), self.c(ADVERBIALS)),
            1 => format!("{} {} {}, {}", self.c(PLURAL_SUBJECTS), self.c(VERBS_PL), self.c(OBJECTS), self.c(CLAUSES)),
            2 => {
                let conn = self.c(CONNECTORS);
                if conn.ends_with("dat") {
                    let (a, b, c, d) = (self.c(PLURAL_SUBJECTS), self.c(OBJECTS), self.c(ADVERBIALS), self.c(VERBS_PL));
                    format!("{conn} {a} {b} {c} {d}")
                } else {
                    let (a, b, c, d) = (self.c(VERBS_PL), self.c(PLURAL_SUBJECTS), self.c(OBJECTS), self.c(ADVERBIALS));
                    format!("{conn} {a} {b} {c} {d}")
                }
            }
            3 => {
                let (a, b, c, d, e) =
                    (self.c(ADJECTIVES), self.c(PLURAL_SUBJECTS), self.c(OBJECTS), self.c(VERBS_PL), self.c(CLAUSES));
                format!("Een {a} aanpak helpt {b} om {c} te {d}, {e}")
            }
            4 => {
                let (a, b, c, d) = (self.c(NOUN_PHRASES), self.c(OBJECTS), self.c(ADVERBIALS), self.c(VERBS_SG));
                format!("Het is belangrijk dat {a} {b} {c} {d}")
            }
            _ => format!("{} {} {}, {}", self.c(NOUN_PHRASES), self.c(VERBS_SG), self.c(OBJECTS), self.c(CLAUSES)),
        };
        if self.r.random() < 0.35 {
            let c = self.compound();
            write!(s, ", bijvoorbeeld via het {c}").unwrap();
        }
        if self.r.random() < 0.15 {
            let c = self.compound();
            write!(s, " en de {c}").unwrap();
        }
        upper_first(&s) + "."
    }

    fn compound(&mut self) -> String {
        let h = if self.r.random() < 0.5 {
            let p = self.r.paretovariate(1.2) as i64 - 1;
            COMPOUND_HEAD[p.min(COMPOUND_HEAD.len() as i64 - 1) as usize]
        } else {
            COMPOUND_HEAD[self.r.randrange(0, COMPOUND_HEAD.len() as i64) as usize]
        };
        let m = self.c(COMPOUND_MID);
        let t = self.c(COMPOUND_TAIL);
        format!("{h}{m}{t}")
    }

    fn emphasise(&mut self, sent: String) -> String {
        let mut words: Vec<String> = sent.split(' ').map(str::to_string).collect();
        if words.len() > 4 && self.r.random() < 0.3 {
            let i = self.r.randrange(1, words.len() as i64 - 1) as usize;
            let w = words[i].trim_matches([',', '.']).to_string();
            if !w.is_empty() {
                let mark = if self.r.random() < 0.5 { "**" } else { "*" };
                words[i] = words[i].replacen(&w, &format!("{mark}{w}{mark}"), 1);
            }
        }
        words.join(" ")
    }

    fn paragraph(&mut self, links: &mut Vec<(String, String)>, nmin: i64, nmax: i64) -> String {
        let n = self.r.randint(nmin, nmax);
        let mut sents: Vec<String> = (0..n)
            .map(|_| {
                let s = self.sentence();
                self.emphasise(s)
            })
            .collect();
        if !links.is_empty() && self.r.random() < 0.55 {
            let (title, url) = links.pop().unwrap();
            let at = self.r.randrange(0, sents.len() as i64 + 1) as usize;
            sents.insert(at, format!("Zie ook [{title}]({url})."));
        }
        sents.join(" ")
    }

    fn bullets(&mut self) -> String {
        let n = self.r.randint(3, 6);
        (0..n)
            .map(|_| {
                let o = self.c(OBJECTS);
                let a = self.c(ADVERBIALS);
                format!("- {} {a}", upper_first(o))
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn table(&mut self) -> String {
        let mut rows =
            vec!["| Gemeente | Doelgroep | Bereik | Looptijd |".to_string(), "|---|---|---:|---|".to_string()];
        for _ in 0..self.r.randint(3, 6) {
            let (m, p) = (self.c(MUNICIPALITIES), self.c(PLURAL_SUBJECTS));
            let (a, b) = (self.r.randint(12, 900), self.r.randint(3, 36));
            rows.push(format!("| {m} | {p} | {a} | {b} maanden |"));
        }
        rows.join("\n")
    }
}

struct PlannedPage {
    folder: &'static str,
    kind: &'static str,
    title: String,
    slug: String,
    muni: Option<&'static str>,
    idx: usize,
}

fn plan_pages(n: usize, r: &mut PyRandom) -> Vec<PlannedPage> {
    let mut counts: Vec<usize> = SECTIONS.iter().map(|s| (n as f64 * s.2) as usize).collect();
    let sum: usize = counts.iter().sum();
    counts[1] += n - sum;
    let mut pages = Vec::with_capacity(n);
    let mut idx = 0;
    for ((folder, kind, ..), cnt) in SECTIONS.iter().zip(counts) {
        for _ in 0..cnt {
            idx += 1;
            let mut muni = None;
            let title = match *kind {
                "term" => format!("{} ({})", r.choice(TERM_HEADS), r.choice(TOPICS)),
                "practice" => {
                    let m = r.choice(MUNICIPALITIES);
                    muni = Some(m);
                    format!("{} in {m}", capitalize(r.choice(TOPICS)))
                }
                "tool" => format!("{} {}", r.choice(TOOL_HEADS), r.choice(TOPICS)),
                _ => format!("{} {}", r.choice(ARTICLE_HEADS), r.choice(TOPICS)),
            };
            let slug = format!("{}-{idx:05}", wegwijs::text::slugify(&title));
            pages.push(PlannedPage { folder, kind, title, slug, muni, idx });
        }
    }
    pages
}

fn body_for(g: &mut Gen, pages: &[PlannedPage]) -> String {
    let target = g.r.randint(600, 900) as usize;
    let mut links: Vec<(String, String)> = Vec::new();
    for _ in 0..g.r.randint(3, 6) {
        let other = &pages[g.r.randbelow(pages.len())];
        links.push((other.title.clone(), format!("/{}/{}/", other.folder, other.slug)));
    }
    for _ in 0..g.r.randint(1, 3) {
        let (t, u) = EXTERNAL[g.r.randbelow(EXTERNAL.len())];
        links.push((t.to_string(), u.to_string()));
    }
    g.r.shuffle(&mut links);
    let mut parts = vec![g.paragraph(&mut links, 3, 5)];
    let has_table = g.r.random() < 0.3;
    let heads = g.r.sample(HEADINGS, 6);
    let words = |parts: &[String]| parts.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
    let mut hi = 0;
    while words(&parts) < target && hi < heads.len() {
        parts.push(format!("## {}", heads[hi]));
        let p = g.paragraph(&mut links, 3, 6);
        parts.push(p);
        if g.r.random() < 0.5 {
            let b = g.bullets();
            parts.push(b);
        }
        if g.r.random() < 0.5 && words(&parts) < target {
            let sub = g.c(SUBHEADINGS);
            parts.push(format!("### {sub}"));
            let p = g.paragraph(&mut links, 3, 6);
            parts.push(p);
        }
        if has_table && hi == 1 {
            let t = g.table();
            parts.push(t);
        }
        hi += 1;
    }
    while words(&parts) < target {
        let p = g.paragraph(&mut links, 2, 4);
        parts.push(p);
    }
    if !links.is_empty() {
        parts.push("## Meer informatie".to_string());
        parts.push(links.iter().map(|(t, u)| format!("- [{t}]({u})")).collect::<Vec<_>>().join("\n"));
    }
    parts.join("\n\n") + "\n"
}

/// `](/section/slug/)` → `](../section/slug.md)`: links by source path, as wegwijs authors write.
fn to_source_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](/") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let replaced = SECTIONS.iter().find_map(|(folder, ..)| {
            let tail = after.strip_prefix(folder)?.strip_prefix('/')?;
            let end = tail.find(['/', ')'])?;
            let slug = &tail[..end];
            (!slug.is_empty() && tail[end..].starts_with("/)"))
                .then(|| (format!("](../{folder}/{slug}.md)"), folder.len() + 1 + end + 2))
        });
        match replaced {
            Some((text, used)) => {
                out.push_str(&text);
                rest = &after[used..];
            }
            None => {
                out.push_str("](/");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn front_matter(flavor: &str, page: &PlannedPage, date: &str, themes: &[&str], tags: &[&str], summary: &str) -> String {
    let list = |items: &[&str]| items.iter().map(|t| yaml_str(t)).collect::<Vec<_>>().join(", ");
    let mut fm = vec!["---".to_string(), format!("title: {}", yaml_str(&page.title)), format!("date: {date}")];
    match flavor {
        "zola" => {
            fm.push(format!("description: {}", yaml_str(summary)));
            fm.push("taxonomies:".into());
            fm.push(format!("  themes: [{}]", list(themes)));
            fm.push(format!("  tags: [{}]", list(tags)));
            if let Some(m) = page.muni {
                fm.push(format!("  municipality: [{}]", yaml_str(m)));
            }
            fm.push("extra:".into());
            fm.push(format!("  kind: {}", page.kind));
            if let Some(m) = page.muni {
                fm.push(format!("  municipality: {}", yaml_str(m)));
            }
            fm.push(format!("  summary: {}", yaml_str(summary)));
        }
        "wegwijs" => {
            if page.kind == "term" {
                fm.push(format!("definition: {}", yaml_str(summary)));
                let head = page.title.split(" (").next().unwrap_or("").to_lowercase() + "en";
                fm.push(format!("aliases: [{}]", yaml_str(&head)));
            } else {
                fm.push(format!("summary: {}", yaml_str(summary)));
            }
            if page.kind == "practice" {
                fm.push(format!("municipality: {}", yaml_str(page.muni.unwrap_or(""))));
                fm.push(format!("year: {}", &date[..4]));
            }
            if page.kind == "tool" {
                fm.push(format!("url: https://www.example.org/instrumenten/{}", page.slug));
                fm.push("publisher: Kennisplatform".into());
                fm.push(format!("tool_type: {}", TOOL_TYPES[page.idx % TOOL_TYPES.len()]));
            }
            fm.push(format!("themes: [{}]", list(themes)));
            fm.push(format!("target_groups: [{}]", list(tags)));
        }
        _ => {
            fm.push(format!("kind: {}", page.kind));
            if let Some(m) = page.muni {
                fm.push(format!("municipality: {}", yaml_str(m)));
            }
            fm.push(format!("themes: [{}]", list(themes)));
            fm.push(format!("tags: [{}]", list(tags)));
            fm.push(format!("summary: {}", yaml_str(summary)));
        }
    }
    fm.push("---".into());
    fm.join("\n") + "\n\n"
}

fn section_index(flavor: &str, title: &str, desc: &str) -> String {
    if flavor == "zola" {
        format!(
            "---\ntitle: {}\ndescription: {}\nsort_by: date\npaginate_by: 50\n---\n\n{desc}\n",
            yaml_str(title),
            yaml_str(desc)
        )
    } else {
        format!("---\ntitle: {}\nsummary: {}\n---\n\n{desc}\n", yaml_str(title), yaml_str(desc))
    }
}

/// Writes the corpus; returns (pages, words).
pub fn generate(pages_n: usize, out: &Path, flavor: &str, seed: u64) -> std::io::Result<(usize, usize)> {
    let mut r = PyRandom::new(seed);
    let pages = plan_pages(pages_n, &mut r);
    if out.exists() {
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)?;
    let root = if flavor == "zola" {
        "---\ntitle: \"Wegwijs in cultuursensitief werken\"\nsort_by: none\n---\n\nKennisbank over cultuursensitief werken in het sociaal domein.\n"
    } else {
        "---\ntitle: \"Wegwijs in cultuursensitief werken\"\n---\n\nKennisbank over cultuursensitief werken in het sociaal domein.\n"
    };
    fs::write(out.join("_index.md"), root)?;
    for (folder, _, _, title, desc) in SECTIONS {
        fs::create_dir_all(out.join(folder))?;
        fs::write(out.join(folder).join("_index.md"), section_index(flavor, title, desc))?;
    }
    let mut total_words = 0;
    for page in &pages {
        // One generator per page: a page's text does not depend on the pages before it.
        let mut g = Gen { r: PyRandom::new(seed * 1_000_003 + page.idx as u64) };
        let year = 2019 + g.r.randrange(0, 7);
        let (month, day) = (g.r.randint(1, 12), g.r.randint(1, 28));
        let date = format!("{year}-{month:02}-{day:02}");
        let k = g.r.randint(1, 3) as usize;
        let mut themes = g.r.sample(THEMES, k);
        themes.sort_unstable();
        let k = g.r.randint(2, 5) as usize;
        let mut tags = g.r.sample(TAGS, k);
        tags.sort_unstable();
        let summary = g.sentence();
        let mut body = body_for(&mut g, &pages);
        if flavor == "wegwijs" {
            body = to_source_links(&body);
        }
        total_words += body.split_whitespace().count();
        let text = front_matter(flavor, page, &date, &themes, &tags, &summary) + &body;
        fs::write(out.join(page.folder).join(format!("{}.md", page.slug)), text)?;
    }
    Ok((pages.len(), total_words))
}

fn main() {
    let mut pages = None;
    let mut out: Option<PathBuf> = None;
    let mut flavor = "wegwijs".to_string();
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus --pages N --out DIR [--flavor wegwijs|hugo|plain|zola] [--seed S]";
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value\n{usage}"));
        match a.as_str() {
            "--pages" => pages = Some(value().parse::<usize>().expect("--pages takes a number")),
            "--out" => out = Some(PathBuf::from(value())),
            "--flavor" => flavor = value(),
            "--seed" => seed = value().parse().expect("--seed takes a number"),
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        }
    }
    let (Some(pages), Some(out)) = (pages, out) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    if !["wegwijs", "hugo", "plain", "zola"].contains(&flavor.as_str()) {
        eprintln!("unknown flavor `{flavor}`\n{usage}");
        std::process::exit(2);
    }
    let (n, words) = generate(pages, &out, &flavor, seed).expect("cannot write the corpus");
    eprintln!(
        "wrote {n} pages ({words} words, {} per page) + {} _index.md to {} [{flavor}]",
        words / n.max(1),
        SECTIONS.len() + 1,
        out.display()
    );
}
