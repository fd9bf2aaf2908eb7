// wegwijs search: the part without a page. Reads the index that `src/index/` writes under
// zoeken/index/ and answers queries. Runs in browsers (as a classic script: window.WegwijsSearch)
// and in Node (require), where the tests run it against a site the Rust side built.
//
// The normalisation below must give exactly the terms of src/index/normalise.rs and
// src/language.rs, in the language the index was built in (meta.json's `stemmer`); the shared
// test vectors tests/search/vectors.tsv (Dutch) and tests/search/vectors-en.tsv (English) prove
// it for both.
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.WegwijsSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ---- Normalisation ---------------------------------------------------------------------

  var MIN_WORD_CHARS = 2;
  var MAX_WORD_CHARS = 40;
  // Snowball's stop word lists, as in src/language.rs (English without its contractions).
  var STOP_WORDS = {
    dutch: new Set(("aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen " +
      "door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik " +
      "in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder " +
      "ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil " +
      "worden wordt zal ze zelf zich zij zijn zo zonder zou").split(" ")),
    english: new Set(("a about above after again against all am an and any are as at be because been before " +
      "being below between both but by cannot could did do does doing down during each few for from further had " +
      "has have having he her here hers herself him himself his how i if in into is it its itself me more most my " +
      "myself no nor not of off on once only or other ought our ours ourselves out over own same she should so " +
      "some such than that the their theirs them themselves then there these they this those through to too " +
      "under until up very was we were what when where which while who whom why with would you your yours " +
      "yourself yourselves").split(" "))
  };
  var MARKS = /\p{M}/gu;
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  var ASCII_LETTERS = /^[a-z]+$/;

  function normaliseText(text) {
    return text.toLowerCase().normalize("NFKD").replace(MARKS, "").toLowerCase().replace(/ς/g, "σ");
  }

  function isAlnum(c) {
    var code = c.charCodeAt(0);
    if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    return ALNUM.test(c);
  }

  // Calls f with each normalised word of text: runs of letters and digits, and the
  // concatenation of words joined by hyphens right after the chain's last part.
  function forEachWord(text, f) {
    var s = normaliseText(text);
    var word = "", wordChars = 0, chain = "", chainChars = 0, chainLen = 0, afterHyphen = false;
    function fits(n) { return n >= MIN_WORD_CHARS && n <= MAX_WORD_CHARS; }
    function endWord(hyphenFollows) {
      if (fits(wordChars)) f(word);
      if (hyphenFollows || chainLen > 0) { chain += word; chainChars += wordChars; chainLen++; }
      word = ""; wordChars = 0;
    }
    function endChain() {
      if (chainLen >= 2 && fits(chainChars)) f(chain);
      chain = ""; chainChars = 0; chainLen = 0; afterHyphen = false;
    }
    for (var c of s) {
      if (isAlnum(c)) {
        if (word === "" && !afterHyphen) endChain();
        afterHyphen = false;
        word += c; wordChars++;
      } else if (word !== "") {
        var hyphen = c === "-";
        endWord(hyphen);
        if (hyphen) afterHyphen = true; else endChain();
      } else {
        endChain();
      }
    }
    if (word !== "") endWord(false);
    endChain();
  }

  // The stop words and stemmer of an index, by the name meta.json gives (`stemmer`): "dutch"
  // (also when the field is missing: the first indexes were all Dutch), "english", or "none"
  // for a language without a stemmer, whose words are kept as they are.
  var analyses = new Map();
  function analysis(name) {
    name = name === undefined || name === null ? "dutch" : name;
    if (!analyses.has(name)) analyses.set(name, new Analysis(name));
    return analyses.get(name);
  }

  function Analysis(name) {
    this.name = name;
    this.stopWords = STOP_WORDS[name] || new Set();
    this.stemmer = STEMMERS[name] || null;
    this.stemCache = new Map();
  }

  Analysis.prototype.isStopWord = function (w) { return this.stopWords.has(w); };

  // Only words of a-z are stemmed, as in Rust: the stemmers then index strings the same way.
  Analysis.prototype.stem = function (w) {
    if (!this.stemmer || !ASCII_LETTERS.test(w)) return w;
    var s = this.stemCache.get(w);
    if (s === undefined) {
      s = this.stemmer(w);
      if (this.stemCache.size > 50000) this.stemCache.clear();
      this.stemCache.set(w, s);
    }
    return s;
  };

  // The term of a normalised word: null for a stop word, else its stem.
  Analysis.prototype.term = function (w) { return this.isStopWord(w) ? null : this.stem(w); };

  Analysis.prototype.terms = function (text) {
    var self = this, out = [];
    forEachWord(text, function (w) { var t = self.term(w); if (t !== null) out.push(t); });
    return out;
  };

  // Snowball's Dutch stemmer, ported from the code the Snowball compiler generated for the
  // rust-stemmers crate (dutch.rs), step by step, with the same cursor rules. Only called on
  // words of a-z, so string indices and the Rust byte offsets are the same.
  var V = "aeiouy\u00e8", V_I = V + "I", V_J = V + "j";
  function stemDutch(word) {
    var cur = word, cursor = 0, limit = word.length, lb = 0, bra = 0, ket = 0;
    var p1 = limit, p2 = limit, eFound = false;
    function sliceFrom(s) {
      var adj = s.length - (ket - bra);
      cur = cur.slice(0, bra) + s + cur.slice(ket);
      limit += adj;
      if (cursor >= ket) cursor += adj; else if (cursor > bra) cursor = bra;
    }
    function inV(set, ch) { return ch !== undefined && set.indexOf(ch) >= 0; }
    function inGrouping(set) {
      if (cursor >= limit || !inV(set, cur[cursor])) return false;
      cursor++; return true;
    }
    function outGrouping(set) {
      if (cursor >= limit || inV(set, cur[cursor])) return false;
      cursor++; return true;
    }
    function outGroupingB(set) {
      if (cursor <= lb || inV(set, cur[cursor - 1])) return false;
      cursor--; return true;
    }
    function eqSB(s) {
      if (cursor - lb < s.length || cur.slice(cursor - s.length, cursor) !== s) return false;
      cursor -= s.length; return true;
    }
    // Longest suffix before the cursor among `list`; moves the cursor before it.
    function findAmongB(list) {
      var best = -1, bestLen = -1;
      for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.length > bestLen && cursor - lb >= s.length && cur.slice(cursor - s.length, cursor) === s) {
          best = i; bestLen = s.length;
        }
      }
      if (best >= 0) cursor -= bestLen;
      return best;
    }
    function R1() { return p1 <= cursor; }
    function R2() { return p2 <= cursor; }
    function undouble() {
      var v1 = limit - cursor;
      if (findAmongB(["dd", "kk", "tt"]) < 0) return false;
      cursor = limit - v1;
      ket = cursor;
      if (cursor <= lb) return false;
      cursor--; bra = cursor;
      sliceFrom("");
      return true;
    }
    function eEnding() {
      eFound = false;
      ket = cursor;
      if (!eqSB("e")) return false;
      bra = cursor;
      if (!R1()) return false;
      var v1 = limit - cursor;
      if (!outGroupingB(V)) return false;
      cursor = limit - v1;
      sliceFrom("");
      eFound = true;
      return undouble();
    }
    function enEnding() {
      if (!R1()) return false;
      var v1 = limit - cursor;
      if (!outGroupingB(V)) return false;
      cursor = limit - v1;
      var v2 = limit - cursor;
      if (eqSB("gem")) return false;
      cursor = limit - v2;
      sliceFrom("");
      return undouble();
    }

    // prelude: accents (none left after normalisation, kept for fidelity), then y and i
    // between vowels become consonants (Y, I).
    cur = cur.replace(/[\u00e1\u00e4]/g, "a").replace(/[\u00e9\u00eb]/g, "e").replace(/[\u00ed\u00ef]/g, "i")
      .replace(/[\u00f3\u00f6]/g, "o").replace(/[\u00fa\u00fc]/g, "u");
    var start = 0;
    if (cur[0] === "y") { cur = "Y" + cur.slice(1); start = 1; }
    for (var p = start; p < limit; p++) {
      if (!inV(V, cur[p]) || p + 1 >= limit) continue;
      if (cur[p + 1] === "i" && p + 2 < limit && inV(V, cur[p + 2])) cur = cur.slice(0, p + 1) + "I" + cur.slice(p + 2);
      else if (cur[p + 1] === "y") cur = cur.slice(0, p + 1) + "Y" + cur.slice(p + 2);
    }

    // mark_regions
    cursor = 0;
    (function () {
      while (!inGrouping(V)) { if (cursor >= limit) return; cursor++; }
      while (!outGrouping(V)) { if (cursor >= limit) return; cursor++; }
      p1 = cursor;
      if (p1 < 3) p1 = 3;
      while (!inGrouping(V)) { if (cursor >= limit) return; cursor++; }
      while (!outGrouping(V)) { if (cursor >= limit) return; cursor++; }
      p2 = cursor;
    })();

    // standard_suffix, backwards
    lb = 0; cursor = limit;
    var v, among;
    v = limit - cursor;
    (function () {
      ket = cursor;
      among = findAmongB(["heden", "ene", "se", "en", "s"]);
      if (among < 0) return;
      bra = cursor;
      if (among === 0) { if (!R1()) return; sliceFrom("heid"); }
      else if (among === 1 || among === 3) { enEnding(); }
      else { if (!R1()) return; if (!outGroupingB(V_J)) return; sliceFrom(""); }
    })();
    cursor = limit - v;
    v = limit - cursor;
    eEnding();
    cursor = limit - v;
    v = limit - cursor;
    (function () {
      ket = cursor;
      if (!eqSB("heid")) return;
      bra = cursor;
      if (!R2()) return;
      var v4 = limit - cursor;
      if (eqSB("c")) return;
      cursor = limit - v4;
      sliceFrom("");
      ket = cursor;
      if (!eqSB("en")) return;
      bra = cursor;
      enEnding();
    })();
    cursor = limit - v;
    v = limit - cursor;
    (function () {
      ket = cursor;
      among = findAmongB(["end", "ig", "ing", "lijk", "baar", "bar"]);
      if (among < 0) return;
      bra = cursor;
      if (among === 0 || among === 2) {
        if (!R2()) return;
        sliceFrom("");
        var v6 = limit - cursor;
        var done = (function () {
          ket = cursor;
          if (!eqSB("ig")) return false;
          bra = cursor;
          if (!R2()) return false;
          var v7 = limit - cursor;
          if (eqSB("e")) return false;
          cursor = limit - v7;
          sliceFrom("");
          return true;
        })();
        if (!done) { cursor = limit - v6; undouble(); }
      } else if (among === 1) {
        if (!R2()) return;
        var v8 = limit - cursor;
        if (eqSB("e")) return;
        cursor = limit - v8;
        sliceFrom("");
      } else if (among === 3) {
        if (!R2()) return;
        sliceFrom("");
        eEnding();
      } else if (among === 4) {
        if (!R2()) return;
        sliceFrom("");
      } else {
        if (!R2() || !eFound) return;
        sliceFrom("");
      }
    })();
    cursor = limit - v;
    (function () {
      if (!outGroupingB(V_I)) return;
      var v10 = limit - cursor;
      if (findAmongB(["aa", "ee", "oo", "uu"]) < 0) return;
      if (!outGroupingB(V)) return;
      cursor = limit - v10;
      ket = cursor;
      if (cursor <= lb) return;
      cursor--; bra = cursor;
      sliceFrom("");
    })();
    // postlude
    return cur.replace(/Y/g, "y").replace(/I/g, "i");
  }

  // Snowball's English stemmer ("Porter2"), ported from the Snowball algorithm (english.sbl)
  // as the Snowball compiler generated it for the rust-stemmers crate (english.rs), step by
  // step. Each step looks for the longest of its suffixes at the end of the word (Snowball's
  // `among`), and acts on that one only. Only called on words of a-z, so string indices and the
  // Rust byte offsets are the same.
  var EN_V = "aeiouy", EN_V_WXY = "aeiouywxY", EN_VALID_LI = "cdeghkmnrt";
  // Whole words with a stem of their own (exception1): irregular forms and words that only look
  // inflected.
  var EN_EXCEPTIONS = new Map([
    ["skis", "ski"], ["skies", "sky"], ["dying", "die"], ["lying", "lie"], ["tying", "tie"],
    ["idly", "idl"], ["gently", "gentl"], ["ugly", "ugli"], ["early", "earli"], ["only", "onli"],
    ["singly", "singl"], ["sky", "sky"], ["news", "news"], ["howe", "howe"],
    ["atlas", "atlas"], ["cosmos", "cosmos"], ["bias", "bias"], ["andes", "andes"]
  ]);
  // Words that stop after Step 1a (exception2).
  var EN_INVARIANT = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
  var EN_STEP_1A = ["sses", "ied", "ies", "ss", "us", "s"];
  var EN_STEP_1B = ["eedly", "ingly", "edly", "eed", "ing", "ed"];
  var EN_DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  // Step 2 and 3: suffix → replacement (null: a condition of its own, see the steps).
  var EN_STEP_2 = new Map([
    ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"],
    ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"],
    ["alism", "al"], ["aliti", "al"], ["alli", "al"], ["fulness", "ful"], ["ousli", "ous"],
    ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"], ["bli", "ble"],
    ["ogi", null], ["fulli", "ful"], ["lessli", "less"], ["li", null]
  ]);
  var EN_STEP_3 = new Map([
    ["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", null]
  ]);
  var EN_STEP_2_SUFFIXES = Array.from(EN_STEP_2.keys()), EN_STEP_3_SUFFIXES = Array.from(EN_STEP_3.keys());
  var EN_STEP_4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize", "ion"];

  function stemEnglish(word) {
    if (EN_EXCEPTIONS.has(word)) return EN_EXCEPTIONS.get(word);
    if (word.length < 3) return word;
    var w = word;
    function isV(ch) { return ch !== undefined && EN_V.indexOf(ch) >= 0; }
    function hasVowel(from, to) {
      for (var i = from; i < to; i++) if (isV(w[i])) return true;
      return false;
    }
    // The longest of `suffixes` that the word ends with, or null.
    function longest(suffixes) {
      var best = null;
      suffixes.forEach(function (s) {
        if ((best === null || s.length > best.length) && w.length >= s.length && w.endsWith(s)) best = s;
      });
      return best;
    }
    function replaceEnd(n, s) { w = w.slice(0, w.length - n) + s; }
    // A short syllable ends at `end`: consonant, vowel, consonant other than w, x or Y; or, at
    // the start of the word, vowel and consonant.
    function shortSyllable(end) {
      if (end >= 3 && EN_V_WXY.indexOf(w[end - 1]) < 0 && isV(w[end - 2]) && !isV(w[end - 3])) return true;
      return end === 2 && !isV(w[1]) && isV(w[0]);
    }

    // Prelude: a y that starts the word or follows a vowel is a consonant, Y.
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (var p = 0; p + 1 < w.length; p++) {
      if (isV(w[p]) && w[p + 1] === "y") w = w.slice(0, p + 1) + "Y" + w.slice(p + 2);
    }

    // Regions: R1 starts after the first consonant that follows a vowel (or after one of three
    // prefixes), R2 the same way within R1. Both are positions from the start, which the steps
    // below (all at the end of the word) never move.
    var n = w.length, p1 = n, p2 = n;
    function afterVowelConsonant(from) {
      var i = from;
      while (i < n && !isV(w[i])) i++;
      if (i >= n) return -1;
      i++;
      while (i < n && isV(w[i])) i++;
      return i >= n ? -1 : i + 1;
    }
    var prefix = /^(gener|commun|arsen)/.exec(w);
    var r1 = prefix ? prefix[0].length : afterVowelConsonant(0);
    if (r1 >= 0) {
      p1 = r1;
      var r2 = afterVowelConsonant(p1);
      if (r2 >= 0) p2 = r2;
    }
    function R1(at) { return p1 <= at; }
    function R2(at) { return p2 <= at; }

    // Step 1a: plurals.
    var s = longest(EN_STEP_1A);
    if (s === "sses") replaceEnd(2, "");
    else if (s === "ied" || s === "ies") replaceEnd(3, w.length > 4 ? "i" : "ie");
    else if (s === "s" && hasVowel(0, w.length - 2)) replaceEnd(1, "");

    if (!EN_INVARIANT.has(w)) {
      // Step 1b: -ed, -ing and their -ly forms.
      s = longest(EN_STEP_1B);
      if (s === "eed" || s === "eedly") {
        if (R1(w.length - s.length)) replaceEnd(s.length, "ee");
      } else if (s !== null && hasVowel(0, w.length - s.length)) {
        replaceEnd(s.length, "");
        if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
        else if (longest(EN_DOUBLES) !== null) replaceEnd(1, "");
        else if (p1 === w.length && shortSyllable(w.length)) w += "e";
      }

      // Step 1c: a final y or Y after a consonant that does not start the word becomes i.
      var last = w[w.length - 1];
      if ((last === "y" || last === "Y") && w.length > 2 && !isV(w[w.length - 2])) replaceEnd(1, "i");

      // Step 2: suffixes in R1 to a shorter form.
      s = longest(EN_STEP_2_SUFFIXES);
      if (s !== null && R1(w.length - s.length)) {
        var before = w[w.length - s.length - 1];
        if (s === "ogi") { if (before === "l") replaceEnd(3, "og"); }
        else if (s === "li") { if (before !== undefined && EN_VALID_LI.indexOf(before) >= 0) replaceEnd(2, ""); }
        else replaceEnd(s.length, EN_STEP_2.get(s));
      }

      // Step 3: more suffixes in R1; -ative only in R2.
      s = longest(EN_STEP_3_SUFFIXES);
      if (s !== null && R1(w.length - s.length)) {
        if (s === "ative") { if (R2(w.length - 5)) replaceEnd(5, ""); }
        else replaceEnd(s.length, EN_STEP_3.get(s));
      }

      // Step 4: suffixes in R2 go; -ion only after s or t.
      s = longest(EN_STEP_4);
      if (s !== null && R2(w.length - s.length)) {
        var pre = w[w.length - s.length - 1];
        if (s !== "ion" || pre === "s" || pre === "t") replaceEnd(s.length, "");
      }

      // Step 5: a final e in R2, or in R1 after no short syllable, goes; so does the second l
      // of a final ll in R2.
      var end = w.length;
      if (w[end - 1] === "e") {
        if (R2(end - 1) || (R1(end - 1) && !shortSyllable(end - 1))) replaceEnd(1, "");
      } else if (w[end - 1] === "l") {
        if (R2(end - 1) && w[end - 2] === "l") replaceEnd(1, "");
      }
    }

    // Postlude: Y is y again.
    return w.replace(/Y/g, "y");
  }

  var STEMMERS = { dutch: stemDutch, english: stemEnglish };

  // ---- Index reading ---------------------------------------------------------------------

  var FORMAT_VERSION = 1;
  // Field weights: title (and alias) above headings above summary (summary, definition,
  // themes and other taxonomy values) above body.
  var W_TITLE = 6, W_HEADING = 3, W_SUMMARY = 2, W_BODY = 1.5;
  var BODY_MAX = 15;
  // Impact bit: the page's title (or an alias) is this stem alone (src/index/mod.rs).
  var IN_TITLE = 0x80, IN_WHOLE_TITLE = 0x10;
  // A page whose title is the query comes first: its score is multiplied by this; a page whose
  // title holds every word of the query by the second.
  var F_WHOLE_TITLE = 4, F_ALL_IN_TITLE = 1.6;
  // How many of the first results are checked for a title that is the query (titlesFirst).
  var TITLE_CHECK = 10;
  // How much a word counts when it only matches by completion, typo correction or synonym.
  var F_PREFIX = 0.6, F_PREFIX_KNOWN = 0.25, F_TYPO = 0.5, F_SYNONYM = 0.8;
  // A word that is not in the vocabulary but splits into words that are (see splitCompound).
  // A word that is not in the vocabulary: the compounds of the vocabulary that start with it
  // (schuldhulp: schuldhulpverlening) count for more than its parts found apart (schuld, hulp).
  var F_COMPOUND = 0.8, F_COMPOUND_PARTS = 0.5;
  // A past participle (gewerkt) also matches its verb (werken, werkt), which Snowball's Dutch
  // stemmer keeps apart, at almost full weight.
  var F_PARTICIPLE = 0.9;
  // A glossary term whose name or alias the query is gets this factor, so it comes first.
  var F_GLOSSARY_TERM = 2;
  // A page of the local layer of a site with a base (the facet `origin`, src/index/mod.rs)
  // goes a little above national pages that match the query as well.
  var F_LOCAL = 1.15;
  var MAX_COMPLETIONS = 3, MAX_TYPOS = 3, MIN_PREFIX_CHARS = 3, MIN_TYPO_CHARS = 5;
  // Words of MIN_TYPO_CHARS up to this many letters get one edit, longer ones two.
  var MAX_ONE_EDIT_CHARS = 8;
  // Compound splitting, as in src/index/compound.rs.
  var MIN_COMPOUND_CHARS = 8, MIN_PART_CHARS = 4, LINKS = ["", "s", "en", "e"];

  function chunkKey(s) {
    var cps = Array.from(s);
    return cps.slice(0, 2).join("");
  }

  function readVarint(bytes, pos) {
    var n = 0, shift = 0, b;
    do { b = bytes[pos.i++]; n += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b >= 0x80);
    return n;
  }

  function decodeList(bytes, offset) {
    var pos = { i: offset };
    var n = readVarint(bytes, pos);
    var docs = new Uint32Array(n), impacts = new Uint8Array(n);
    var last = 0;
    for (var k = 0; k < n; k++) { last = k === 0 ? readVarint(bytes, pos) : last + readVarint(bytes, pos); docs[k] = last; }
    for (k = 0; k < n; k++) impacts[k] = bytes[pos.i++];
    return { docs: docs, impacts: impacts };
  }

  function fieldScore(imp) {
    return (imp & 0x80 ? W_TITLE : 0) + (imp & 0x40 ? W_HEADING : 0) + (imp & 0x20 ? W_SUMMARY : 0) +
      W_BODY * (imp & 15) / BODY_MAX;
  }

  // Optimal string alignment distance between a and b (arrays of characters or strings), or
  // max + 1 when it is more than max. Never forgives the first letter: words that start
  // differently are max + 1 apart.
  function editDistance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max || !la || !lb || a[0] !== b[0]) return max + 1;
    var prev2 = null, prev = new Array(lb + 1), cur;
    for (var j = 0; j <= lb; j++) prev[j] = j;
    for (var i = 1; i <= la; i++) {
      cur = new Array(lb + 1);
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= lb; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return Math.min(prev[lb], max + 1);
  }

  // How many edits a typed word may be from a word of the index: none below MIN_TYPO_CHARS
  // letters, one up to MAX_ONE_EDIT_CHARS, two above.
  function allowedEdits(word) {
    var n = Array.from(word).length;
    return n < MIN_TYPO_CHARS ? 0 : n <= MAX_ONE_EDIT_CHARS ? 1 : 2;
  }

  // The first split of a compound into a known head and tail, as [head, tail], or null; the
  // rules of src/index/compound.rs: the head longest first, then a linking "", "s", "en" or
  // "e", parts of at least MIN_PART_CHARS letters that `known` knows, words of a-z only.
  function splitCompound(word, known) {
    if (word.length < MIN_COMPOUND_CHARS || !ASCII_LETTERS.test(word)) return null;
    for (var h = word.length - MIN_PART_CHARS; h >= MIN_PART_CHARS; h--) {
      var head = word.slice(0, h);
      if (!known(head)) continue;
      var rest = word.slice(h);
      for (var k = 0; k < LINKS.length; k++) {
        var link = LINKS[k];
        if (rest.slice(0, link.length) !== link) continue;
        var tail = rest.slice(link.length);
        if (tail.length >= MIN_PART_CHARS && known(tail)) return [head, tail];
      }
    }
    return null;
  }

  // Every part of a compound, its parts split again, each once, head first (as Rust's
  // `all_parts`, which the shared table tests/search/compounds.tsv checks).
  function compoundParts(word, known) {
    var out = [], sp = splitCompound(word, known);
    if (!sp) return out;
    sp.forEach(function (part) {
      if (out.indexOf(part) < 0) out.push(part);
      compoundParts(part, known).forEach(function (p) { if (out.indexOf(p) < 0) out.push(p); });
    });
    return out;
  }

  // Optimal string alignment distance, stopping early above 1.
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The facets' URL parameters, in the order of the index. They are stable codes of the
  // search page's URL in every language (links to search results keep working), not interface
  // text: the Dutch words of the first sites.
  // The URL parameter and value of sorting by date: stable codes, like FACET_PARAMS.
  var SORT_PARAM = "sorteer", SORT_DATE = "datum";
  var FACET_PARAMS = { kind: "soort", municipality: "gemeente", themes: "thema", target_groups: "doelgroep", tool_type: "type", origin: "herkomst" };

  // Dutch only: the stem of the verb of a regular past participle: ge + stem + t/d (gewerkt,
  // gebeld). Words that merely start with "ge" (gezicht, gebruikt) give a stem that is either
  // not in the index or a related word, so the extra alternative costs little.
  Analysis.prototype.participleStem = function (w) {
    if (this.name !== "dutch" || w.length < 6 || w.slice(0, 2) !== "ge" || !/[td]$/.test(w)) return null;
    var s = this.stem(w.slice(2));
    return s === this.stem(w) ? null : s;
  };

  // Splits a query into units: one per word, with `prefix` on a last word still being typed.
  Analysis.prototype.parseQuery = function (q) {
    var self = this, words = [];
    forEachWord(q, function (w) { words.push(w); });
    var typing = q.length > 0 && !/[\s\-.,;:!?)]$/.test(q);
    var units = [];
    words.forEach(function (w, i) {
      var last = i === words.length - 1;
      if (self.isStopWord(w)) return;
      units.push({ word: w, stem: self.stem(w), prefix: last && typing, participle: self.participleStem(w) });
    });
    return units;
  };

  // An engine over a site. `load(path, kind)` gives a promise of the file at `path` (relative to
  // the site root): a string for "text", an ArrayBuffer or Uint8Array for "bytes".
  // `index` is the folder of the index files relative to the site root, as the search page
  // gives it (`data-index`): "zoeken/index/" unless the site's language names it otherwise.
  function Engine(load, index) {
    this.load = load;
    this.index = index || INDEX;
    this.meta = null;
    this.chunks = new Map();
    this.postingFiles = new Map();
    this.lists = new Map();
    this.docFiles = new Map();
    this.texts = new Map();
    this.pages = new Map();
    this.facetData = null;
    this.dateData = null;
    this.localData = null;
    // The stop words and stemmer of the index, once meta.json is read.
    this.analysis = null;
  }

  var INDEX = "zoeken/index/";

  // An index file, JSON-parsed ("text") or as bytes. A .bin file is read from its gzipped copy
  // (.binz) where the browser can inflate it: a plain static server compresses only text
  // types. Without DecompressionStream, or when the copy cannot be read, the .bin itself.
  Engine.prototype.fetch = function (path, kind) {
    var self = this, v = this.meta && path !== "meta.json" ? "?v=" + this.meta.build : "";
    function plain() {
      return Promise.resolve(self.load(self.index + path + v, kind)).then(function (data) {
        if (kind === "bytes") return toBytes(data);
        return JSON.parse(data);
      });
    }
    if (kind !== "bytes" || !/\.bin$/.test(path) || typeof DecompressionStream !== "function") return plain();
    return Promise.resolve(this.load(this.index + path + "z" + v, "bytes")).then(function (data) {
      var bytes = toBytes(data);
      // A server or cache may already have taken the gzip off.
      return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzip(bytes) : bytes;
    }).catch(plain);
  };

  function toBytes(data) { return data instanceof Uint8Array ? data : new Uint8Array(data); }

  // Opened from disk (file://), a browser lets no page fetch files, but it runs scripts. A
  // `wegwijs build --portable` writes beside each file the search reads (the index files, and
  // each page whose text a result quotes) a script that hands over the same bytes:
  // `WegwijsSearch.register("zoeken/index/meta.json", "...")`, base64 for binary files. The
  // loader of `scriptLoader` adds that script to the page and gives what it registered: the
  // same index, read by the same engine. There is no gzipped copy (.binz) of a file there.
  var registered = new Map(), loading = new Map();

  function register(path, data, encoding) {
    registered.set(path, encoding === "base64" ? base64Bytes(data) : data);
  }

  function base64Bytes(text) {
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  // A `load` for an Engine that reads the scripts of a portable build under `siteRoot`: a
  // page (`begrippen/x/`) from `begrippen/x/index.html.js`, any other file from its name + `.js`.
  function scriptLoader(siteRoot) {
    return function (path) {
      var key = path.split("?")[0];
      if (/\.binz$/.test(key)) return Promise.reject(new Error("a portable site has no " + key));
      if (!loading.has(key)) {
        loading.set(key, new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = siteRoot + key + (/\/$/.test(key) ? "index.html.js" : ".js");
          script.onload = function () {
            script.remove();
            if (!registered.has(key)) { reject(new Error(script.src + " registered nothing")); return; }
            resolve(registered.get(key));
            registered.delete(key);
          };
          script.onerror = function () {
            script.remove();
            loading.delete(key);
            reject(new Error("cannot load " + script.src));
          };
          document.head.appendChild(script);
        }));
      }
      return loading.get(key);
    };
  }

  function gunzip(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  Engine.prototype.init = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.fetch("meta.json", "text").then(function (meta) {
        if (meta.version !== FORMAT_VERSION) throw new Error("search index version " + meta.version + " is not supported");
        // A stemmer this script does not have would find nothing that was stemmed: say so.
        if (meta.stemmer !== undefined && meta.stemmer !== "none" && !STEMMERS[meta.stemmer]) {
          throw new Error("search index stemmer " + meta.stemmer + " is not supported");
        }
        self.meta = meta;
        self.analysis = analysis(meta.stemmer);
        return meta;
      });
    }
    return this.ready;
  };

  Engine.prototype.chunkIndex = function (key) {
    var keys = this.meta.vocab, lo = 0, hi = keys.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };

  Engine.prototype.chunk = function (key) {
    // A site without pages has no vocabulary at all.
    if (!this.meta.vocab.length) return Promise.resolve({ entries: [], byStem: new Map(), glossary: new Map(), forms: new Map() });
    var self = this, i = this.chunkIndex(key);
    if (!this.chunks.has(i)) {
      this.chunks.set(i, this.fetch("v/" + i + ".json", "text").then(function (c) {
        var byStem = new Map(), glossary = new Map(), forms = new Map();
        c.w.forEach(function (e) {
          var entry = { stem: e[0], df: e[1], file: e[2], offset: e[3] };
          byStem.set(e[0], entry);
          (e[4] || []).forEach(function (f) { forms.set(f, entry); });
        });
        c.g.forEach(function (g) {
          var list = glossary.get(g[0][0]) || [];
          list.push({ phrase: g[0], terms: g[1], alternatives: g[2], names: g[3] });
          glossary.set(g[0][0], list);
        });
        return { entries: c.w, byStem: byStem, glossary: glossary, forms: forms };
      }));
    }
    return this.chunks.get(i);
  };

  Engine.prototype.entry = function (s) {
    return this.chunk(chunkKey(s)).then(function (c) { return c.byStem.get(s) || null; });
  };

  Engine.prototype.postings = function (entry) {
    var self = this;
    if (!this.lists.has(entry.stem)) {
      if (!this.postingFiles.has(entry.file)) this.postingFiles.set(entry.file, this.fetch("p/" + entry.file + ".bin", "bytes"));
      this.lists.set(entry.stem, this.postingFiles.get(entry.file).then(function (bytes) {
        return decodeList(bytes, entry.offset);
      }));
    }
    return this.lists.get(entry.stem);
  };

  Engine.prototype.facets = function () {
    var self = this;
    if (!this.facetData) {
      this.facetData = this.fetch("facets.bin", "bytes").then(function (bytes) {
        var pos = { i: 0 };
        return self.meta.facets.map(function (f) {
          return f.values.map(function () {
            var n = readVarint(bytes, pos), docs = new Uint32Array(n), last = 0;
            for (var k = 0; k < n; k++) { last = k === 0 ? readVarint(bytes, pos) : last + readVarint(bytes, pos); docs[k] = last; }
            return docs;
          });
        });
      });
    }
    return this.facetData;
  };

  // Per page, its date as a number that sorts as the date does (0: none), from dates.bin.
  Engine.prototype.dates = function () {
    var self = this;
    if (!this.dateData) {
      this.dateData = this.fetch("dates.bin", "bytes").then(function (bytes) {
        var pos = { i: 0 }, out = new Uint32Array(self.meta.docs);
        for (var d = 0; d < out.length; d++) out[d] = readVarint(bytes, pos);
        return out;
      });
    }
    return this.dateData;
  };

  // The results newest first; pages without a date keep their order after them.
  Engine.prototype.byDate = function (results) {
    return this.dates().then(function (dates) {
      return results.map(function (r, i) { return { r: r, i: i }; }).sort(function (a, b) {
        return dates[b.r.id] - dates[a.r.id] || a.i - b.i;
      }).map(function (x) { return x.r; });
    });
  };

  // What a result shows before its page arrives: {t: title, u: site path, k: kind, d: a
  // term's definition, local: whether it is a page of the local layer, for its "In onze
  // gemeente" badge}.
  Engine.prototype.doc = function (id) {
    var per = this.meta.docs_per_file, n = Math.floor(id / per);
    if (!this.docFiles.has(n)) this.docFiles.set(n, this.fetch("d/" + n + ".json", "text"));
    return Promise.all([this.docFiles.get(n), this.localPages()]).then(function (got) {
      var r = got[0][id % per], local = got[1];
      return { id: id, t: r[0], u: r[1], k: r[2], d: r.length > 3 ? r[3] : null, local: local !== null && local.has(id) };
    });
  };

  // The pages of the local layer of a site with a base, as a Set of ids; null for a site
  // without one. They are the facet `origin` (src/index/mod.rs), which every search reads
  // already: the documents hold no second copy of it.
  Engine.prototype.localPages = function () {
    var fi = this.meta.facets.findIndex(function (f) { return f.key === "origin"; });
    if (fi < 0) return Promise.resolve(null);
    if (!this.localData) {
      this.localData = this.facets().then(function (data) {
        var local = new Set();
        data[fi].forEach(function (docs) { docs.forEach(function (d) { local.add(d); }); });
        return local;
      });
    }
    return this.localData;
  };

  // The HTML of a result's own page (fetched once: for its snippet and its sections).
  Engine.prototype.pageHtml = function (id) {
    var self = this;
    if (!this.pages.has(id)) {
      this.pages.set(id, this.doc(id).then(function (doc) { return Promise.resolve(self.load(doc.u, "text")); }));
    }
    return this.pages.get(id);
  };

  // The text of a result's own page, for its snippet.
  Engine.prototype.pageText = function (id) {
    if (!this.texts.has(id)) this.texts.set(id, this.pageHtml(id).then(htmlText));
    return this.texts.get(id);
  };

  // Up to three sections of a result's page that match the query: [{id, title}], to link to.
  Engine.prototype.subResults = function (id, highlight, max) {
    var lang = this.analysis;
    return this.pageHtml(id).then(function (html) { return matchingSections(htmlSections(html), highlight, max || 3, lang); });
  };

  // The snippet of a result's text, with the words of the index's language marked.
  Engine.prototype.snippet = function (text, highlight, size) {
    return snippet(text, highlight, size, this.analysis);
  };

  // The values of a facet (by key) that a page has, as names.
  Engine.prototype.valuesOf = function (id, key) {
    var meta = this.meta;
    return this.facets().then(function (data) {
      var fi = meta.facets.findIndex(function (f) { return f.key === key; });
      if (fi < 0) return [];
      return meta.facets[fi].values.filter(function (v, vi) {
        var docs = data[fi][vi], lo = 0, hi = docs.length - 1;
        while (lo <= hi) {
          var mid = (lo + hi) >> 1;
          if (docs[mid] === id) return true;
          if (docs[mid] < id) lo = mid + 1; else hi = mid - 1;
        }
        return false;
      }).map(function (v) { return v.name; });
    });
  };

  // Resolves each unit to alternatives: lists of index entries that must all match, with a
  // factor. Glossary phrases replace the units they span.
  Engine.prototype.resolve = function (units) {
    var self = this, analysis = this.analysis;
    // Compounds are split by Dutch rules (src/index/compound.rs): not in other languages.
    var dutch = analysis.name === "dutch";
    var chunks = new Map();
    function load(keys) {
      return Promise.all(Array.from(keys).filter(function (k) { return !chunks.has(k); }).map(function (k) {
        return self.chunk(k).then(function (c) { chunks.set(k, c); });
      }));
    }
    // The entry of a written word whose chunk is loaded: by its stem, or as a written form.
    function entryOf(w) {
      var c = chunks.get(chunkKey(w));
      if (!c || analysis.isStopWord(w)) return null;
      return c.byStem.get(analysis.stem(w)) || c.forms.get(w) || null;
    }
    function known(w) { return w.length >= MIN_PART_CHARS && entryOf(w) !== null; }
    // Stems of the word's chunk that are a compound with the word as its head: the rest, after
    // a linking sound, is a stem or a word of the vocabulary, or the word is itself a compound
    // of known words (schuldhulp, schuld + hulp: schuldhulpverlen).
    function headOf(u) {
      var c = chunks.get(chunkKey(u.word)), w = u.word;
      return c.entries.filter(function (e) {
        return e[0].length >= w.length + MIN_PART_CHARS - 1 && e[0].startsWith(w);
      }).map(function (e) {
        var rest = e[0].slice(w.length);
        return { e: e, tails: LINKS.filter(function (l) { return rest.startsWith(l); }).map(function (l) { return rest.slice(l.length); }) };
      });
    }
    function knownStem(s) {
      var c = chunks.get(chunkKey(s));
      return s.length >= MIN_PART_CHARS - 1 && c !== undefined && (c.byStem.has(s) || known(s));
    }
    var keys = new Set();
    units.forEach(function (u) {
      keys.add(chunkKey(u.stem));
      keys.add(chunkKey(u.word));
      if (u.participle) keys.add(chunkKey(u.participle));
    });
    return load(keys).then(function () {
      // A word not in the vocabulary may be a compound of words that are: its heads are in its
      // own chunk, its possible tails in others, loaded before the words are resolved.
      var tails = new Set();
      units.forEach(function (u) {
        var w = u.word;
        if (!dutch || entryOf(w) || w.length < MIN_PART_CHARS || !ASCII_LETTERS.test(w)) return;
        if (!u.prefix) headOf(u).forEach(function (x) { x.tails.forEach(function (t) { tails.add(chunkKey(t)); }); });
        if (w.length < MIN_COMPOUND_CHARS) return;
        for (var h = w.length - MIN_PART_CHARS; h >= MIN_PART_CHARS; h--) {
          if (!known(w.slice(0, h))) continue;
          LINKS.forEach(function (link) {
            var rest = w.slice(h);
            if (rest.slice(0, link.length) === link && rest.length - link.length >= MIN_PART_CHARS) {
              tails.add(chunkKey(rest.slice(link.length)));
            }
          });
        }
      });
      return load(tails);
    }).then(function () {
        var resolved = [];
        for (var i = 0; i < units.length; i++) {
          var u = units[i], c = chunks.get(chunkKey(u.stem));
          // The longest glossary phrase starting at this word.
          var best = null;
          (c.glossary.get(u.stem) || []).forEach(function (g) {
            var n = g.phrase.length;
            if (i + n > units.length || (best && best.phrase.length >= n)) return;
            for (var k = 1; k < n; k++) if (units[i + k].stem !== g.phrase[k]) return;
            best = g;
          });
          if (best) {
            resolved.push({ glossary: best, words: units.slice(i, i + best.phrase.length).map(function (x) { return x.word; }) });
            i += best.phrase.length - 1;
            continue;
          }
          var alts = [], exact = c.byStem.get(u.stem);
          if (exact) alts.push({ entries: [exact], factor: 1, kind: "exact" });
          var verb = u.participle && chunks.get(chunkKey(u.participle)).byStem.get(u.participle);
          if (verb) alts.push({ entries: [verb], factor: F_PARTICIPLE, kind: "stem" });
          if (u.prefix && Array.from(u.word).length >= MIN_PREFIX_CHARS) {
            var pc = chunks.get(chunkKey(u.word));
            pc.entries.filter(function (e) { return e[0] !== u.stem && e[0].startsWith(u.word); })
              .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
              .slice(0, MAX_COMPLETIONS)
              .forEach(function (e) {
                // A word that is complete and known mostly means itself: its completions count
                // for less, and never for more than the word (a rare completion has a high idf).
                alts.push({ entries: [pc.byStem.get(e[0])], factor: exact ? F_PREFIX_KNOWN : F_PREFIX, kind: "prefix",
                  maxIdfOf: exact || null });
              });
          }
          if (dutch && !exact && !entryOf(u.word)) {
            // An unknown word may be the head of compounds the site writes, or a compound of
            // words it writes apart (both parts must then match).
            var hc = chunks.get(chunkKey(u.word));
            if (!u.prefix && u.word.length >= MIN_PART_CHARS && ASCII_LETTERS.test(u.word)) {
              var isCompound = splitCompound(u.word, known) !== null;
              headOf(u).filter(function (x) { return isCompound || x.tails.some(knownStem); }).map(function (x) { return x.e; })
                .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
                .slice(0, MAX_COMPLETIONS)
                .forEach(function (e) { alts.push({ entries: [hc.byStem.get(e[0])], factor: F_COMPOUND, kind: "compound" }); });
            }
            // Its parts apart match loosely: only when nothing else does.
            var parts = alts.length ? null : splitCompound(u.word, known);
            if (parts) alts.push({ entries: parts.map(entryOf), factor: F_COMPOUND_PARTS, kind: "compound" });
          }
          var edits = allowedEdits(u.word);
          if (alts.length === 0 && edits > 0) {
            // Typos: stems and the words as written, within the edits the word's length allows,
            // to the word as typed or to its stem; the fewest edits first, then the most pages.
            var wc = chunks.get(chunkKey(u.word)), found = [];
            wc.entries.forEach(function (e) {
              var d = Math.min(editDistance(u.word, e[0], edits), editDistance(u.stem, e[0], edits));
              (e[4] || []).forEach(function (f) { if (d > 0) d = Math.min(d, editDistance(u.word, f, edits)); });
              if (d <= edits) found.push({ e: e, d: d });
            });
            found.sort(function (a, b) { return a.d - b.d || b.e[1] - a.e[1] || (a.e[0] < b.e[0] ? -1 : 1); })
              .slice(0, MAX_TYPOS)
              .forEach(function (x) {
                alts.push({ entries: [wc.byStem.get(x.e[0])], factor: F_TYPO / x.d, kind: "typo" });
              });
          }
          resolved.push({ alts: alts, words: [u.word] });
        }
        // Glossary alternatives may live in other chunks.
        return Promise.all(resolved.map(function (r) {
          if (!r.glossary) return r;
          return Promise.all(r.glossary.alternatives.map(function (phrase, k) {
            return Promise.all(phrase.map(function (s) { return self.entry(s); })).then(function (entries) {
              if (entries.some(function (e) { return !e; })) return null;
              return { entries: entries, factor: k === 0 ? 1 : F_SYNONYM, kind: k === 0 ? "exact" : "synonym", name: r.glossary.names[k] };
            });
          })).then(function (alts) {
            r.alts = alts.filter(Boolean);
            return r;
          });
        }));
      });
  };

  // Runs a query. `filters` maps a facet key to the selected value slugs. Gives the matching
  // pages in rank order with facet counts that follow the query.
  Engine.prototype.search = function (q, filters) {
    var self = this;
    filters = filters || {};
    var units;
    return this.init().then(function () {
      units = self.analysis.parseQuery(q);
      return Promise.all([self.resolve(units), self.facets()]);
    }).then(function (r) {
      var resolved = r[0], facetDocs = r[1];
      var lists = [];
      resolved.forEach(function (u) { u.alts.forEach(function (a) { a.entries.forEach(function (e) { lists.push(e); }); }); });
      return Promise.all(lists.map(function (e) { return self.postings(e); })).then(function () {
        return Promise.all(resolved.map(function (u) {
          return Promise.all(u.alts.map(function (a) {
            return Promise.all(a.entries.map(function (e) { return self.postings(e); }));
          }));
        }));
      }).then(function (altLists) {
        return self.titlesFirst(units, self.rank(q, resolved, altLists, facetDocs, filters));
      });
    });
  };

  // Among the first results (those shown first, whose titles the page fetches anyway), the
  // pages whose title is the query, word for word after stemming, come first.
  Engine.prototype.titlesFirst = function (units, res) {
    var self = this, top = res.results.slice(0, TITLE_CHECK);
    if (!units.length || res.results.length < 2) return res;
    function key(terms) { return Array.from(new Set(terms)).sort().join(" "); }
    var want = key(units.map(function (u) { return u.stem; }));
    return Promise.all(top.map(function (r) { return self.doc(r.id); })).then(function (docs) {
      var same = [], other = [];
      top.forEach(function (r, i) {
        var t = docs[i].t.replace(/ \([^()]*\)$/, "");
        (key(self.analysis.terms(t)) === want ? same : other).push(r);
      });
      res.results = same.concat(other, res.results.slice(TITLE_CHECK));
      return res;
    });
  };

  Engine.prototype.rank = function (q, resolved, altLists, facetDocs, filters) {
    var N = this.meta.docs;
    var total = new Float64Array(N), matched = new Uint8Array(N);
    var unitScore = new Float64Array(N), altScore = new Float64Array(N), altCount = new Uint8Array(N);
    // Per page, of the best alternative of the current unit: 1 for a typo correction, 1 when
    // all its entries are in the title, 1 when the title is its one stem (see rankOrder).
    var unitFuzzy = new Uint8Array(N), unitTitle = new Uint8Array(N), unitWhole = new Uint8Array(N);
    var altTitle = new Uint8Array(N), altWhole = new Uint8Array(N);
    var fuzzyUnits = new Uint8Array(N), titleUnits = new Uint8Array(N), wholeUnits = new Uint8Array(N);
    var highlight = new Set(), notes = [], glossaryTerms = [];
    resolved.forEach(function (u, ui) {
      unitScore.fill(0); unitFuzzy.fill(0); unitTitle.fill(0); unitWhole.fill(0);
      var boost = null;
      if (u.glossary) {
        boost = new Set(u.glossary.terms);
        glossaryTerms = glossaryTerms.concat(u.glossary.terms);
      }
      u.alts.forEach(function (a, ai) {
        var lists = altLists[ui][ai];
        altScore.fill(0); altCount.fill(0); altTitle.fill(0); altWhole.fill(0);
        a.entries.forEach(function (e, k) {
          var df = a.maxIdfOf ? Math.max(e.df, a.maxIdfOf.df) : e.df;
          var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
          var l = lists[k];
          for (var j = 0; j < l.docs.length; j++) {
            var d = l.docs[j];
            altScore[d] += idf * fieldScore(l.impacts[j]);
            altCount[d]++;
            if (l.impacts[j] & IN_TITLE) altTitle[d]++;
            if (l.impacts[j] & IN_WHOLE_TITLE) altWhole[d]++;
          }
        });
        var need = a.entries.length, any = false;
        for (var d = 0; d < N; d++) {
          if (altCount[d] !== need) continue;
          var s = altScore[d] * a.factor;
          if (s > unitScore[d]) {
            unitScore[d] = s;
            unitFuzzy[d] = a.kind === "typo" ? 1 : 0;
            // A completion of a word that is complete and known is not what its title is about.
            var titled = !(a.kind === "prefix" && a.maxIdfOf);
            unitTitle[d] = titled && altTitle[d] === need ? 1 : 0;
            unitWhole[d] = titled && need === 1 && altWhole[d] ? 1 : 0;
          }
          any = true;
        }
        if (any) {
          a.entries.forEach(function (e) { highlight.add(e.stem); });
          // Say what else was searched for: synonyms by name, corrections by stem.
          if (a.kind === "synonym") notes.push(a.name);
          else if (a.kind === "typo") notes.push(a.entries[0].stem);
        }
      });
      for (var d = 0; d < N; d++) {
        if (unitScore[d] > 0) {
          total[d] += boost && boost.has(d) ? unitScore[d] * F_GLOSSARY_TERM : unitScore[d];
          matched[d]++;
          fuzzyUnits[d] += unitFuzzy[d]; titleUnits[d] += unitTitle[d]; wholeUnits[d] += unitWhole[d];
        }
      }
    });
    var need = resolved.length, partial = false;
    var hits = [];
    if (need === 0) {
      var anyFilter = Object.keys(filters).some(function (k) { return filters[k] && filters[k].length; });
      if (anyFilter) for (var d = 0; d < N; d++) hits.push(d);
    } else {
      for (d = 0; d < N; d++) if (matched[d] === need) hits.push(d);
      if (hits.length === 0 && need > 1) {
        partial = true;
        for (d = 0; d < N; d++) if (matched[d] > 0) hits.push(d);
      }
    }
    // Facets: which pages pass each facet's selection.
    var facets = this.meta.facets;
    var pass = facets.map(function (f, fi) {
      var sel = filters[f.key];
      if (!sel || !sel.length) return null;
      var mask = new Uint8Array(N);
      f.values.forEach(function (v, vi) {
        if (sel.indexOf(v.slug) < 0) return;
        var docs = facetDocs[fi][vi];
        for (var j = 0; j < docs.length; j++) mask[docs[j]] = 1;
      });
      return mask;
    });
    var inQuery = new Uint8Array(N);
    hits.forEach(function (d) { inQuery[d] = 1; });
    var failed = new Uint8Array(N); // number of facets a page fails
    pass.forEach(function (mask) {
      if (!mask) return;
      for (var d = 0; d < N; d++) if (!mask[d]) failed[d]++;
    });
    var facetCounts = facets.map(function (f, fi) {
      var mask = pass[fi];
      return {
        key: f.key,
        param: FACET_PARAMS[f.key] || f.key,
        values: f.values.map(function (v, vi) {
          var docs = facetDocs[fi][vi], n = 0;
          for (var j = 0; j < docs.length; j++) {
            var d = docs[j];
            // Counted when the page passes every other facet's selection.
            if (inQuery[d] && failed[d] - (mask && !mask[d] ? 1 : 0) === 0) n++;
          }
          var sel = filters[f.key] || [];
          return { name: v.name, slug: v.slug, count: n, selected: sel.indexOf(v.slug) >= 0 };
        })
      };
    });
    var results = hits.filter(function (d) { return failed[d] === 0; });
    // Title matches: a page whose title is the one word of the query, or whose title holds every
    // word of the query, goes up.
    results.forEach(function (d) {
      if (need > 0 && titleUnits[d] === need) total[d] *= F_ALL_IN_TITLE;
      if (need === 1 && wholeUnits[d]) total[d] *= F_WHOLE_TITLE;
    });
    var origin = facets.findIndex(function (f) { return f.key === "origin"; });
    if (origin >= 0) {
      facetDocs[origin].forEach(function (docs) {
        for (var j = 0; j < docs.length; j++) total[docs[j]] *= F_LOCAL;
      });
    }
    // Exact and stemmed matches always above typo corrections, then by score.
    results.sort(function (a, b) { return fuzzyUnits[a] - fuzzyUnits[b] || total[b] - total[a] || a - b; });
    var glossaryTerm = null;
    if (glossaryTerms.length) {
      glossaryTerm = glossaryTerms.slice().sort(function (a, b) { return total[b] - total[a] || a - b; })[0];
    }
    return {
      query: q,
      words: resolved.map(function (u) { return u.words.join(" "); }),
      results: results.map(function (d) { return { id: d, score: total[d] }; }),
      partial: partial,
      facets: facetCounts,
      glossaryTerm: glossaryTerm,
      also: notes,
      highlight: highlight
    };
  };

  // ---- Snippets --------------------------------------------------------------------------

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  // Tags that start a new block of text; any other tag is inline and goes without a trace, so
  // "<a>statushouders</a>." stays "statushouders." and "<em>leef</em>stijl" one word.
  var BLOCK_TAGS = /^(address|article|aside|blockquote|br|dd|details|div|dt|figcaption|figure|footer|header|hr|li|main|ol|p|pre|section|summary|table|td|th|tr|ul)$/i;

  // The inner HTML of the first <div class="content"> of html (the page's own Markdown, which
  // every page template wraps so), or null when there is none.
  function contentOf(html) {
    var open = /<div\b[^>]*\bclass="content"[^>]*>/i.exec(html);
    if (!open) return null;
    var from = open.index + open[0].length, depth = 1, tag = /<(\/?)div\b[^>]*>/gi, m;
    tag.lastIndex = from;
    while ((m = tag.exec(html)) !== null) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) return html.slice(from, m.index);
    }
    return html.slice(from);
  }

  // The readable body text of a page: the text of its Markdown (without the title, summary,
  // definition, facts, related terms and sources that the templates add around it), one block
  // (paragraph, list item, cell) a line. Headings are left out: they are no sentences to quote
  // and would run into the text after them.
  function htmlText(html) {
    var m = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html);
    var s = m ? m[1] : html;
    var body = contentOf(s);
    if (body !== null) s = body;
    // Lists of facts (<dl>), the side column's boxes (<aside>), buttons and text for screen
    // readers only are not prose to quote.
    s = s.replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style|nav|svg|template|dl|aside|h[1-6])\b[\s\S]*?<\/\1>/gi, "\n")
      .replace(/<a\b[^>]*class="button"[^>]*>[\s\S]*?<\/a>/gi, "\n")
      .replace(/<span\b[^>]*class="visually-hidden"[^>]*>[\s\S]*?<\/span>/gi, "")
      // A glossary link's definition (its tooltip) is not the page's own text.
      .replace(/<span\b[^>]*class="gloss-tip"[^>]*>[\s\S]*?<\/span>/gi, "")
      .replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, function (all, tag) { return BLOCK_TAGS.test(tag) ? "\n" : ""; })
      .replace(/<[^>]*>/g, "")
      .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (all, e) {
        if (e[0] === "#") {
          var code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
        }
        return ENTITIES[e.toLowerCase()] || all;
      });
    return s.split("\n").map(function (line) { return line.replace(/\s+/g, " ").trim(); })
      .filter(Boolean).join("\n");
  }

  // A word of the text: letters, digits and marks, with inner hyphens and apostrophes (baby's).
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['\u2019-][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  var SENTENCE_END = /[.!?:;]["'\u201d\u2019)]*\s*$/;

  // A function of a normalised word: the term of `highlight` it matches, or null. A compound
  // holds the matched term as its head or tail (the index splits compounds): it matches too,
  // as the reader asked for its part.
  function hitOf(highlight, lang) {
    var parts = Array.from(highlight).filter(function (h) { return h.length >= MIN_PART_CHARS; });
    return function (w) {
      var t = lang.term(w);
      if (t === null) return null;
      if (highlight.has(t)) return t;
      for (var i = 0; i < parts.length; i++) {
        if (w.length >= parts[i].length + MIN_PART_CHARS && (w.startsWith(parts[i]) || t.endsWith(parts[i]))) return parts[i];
      }
      return null;
    };
  }

  // The sections of a page's own text: [{id, title, text}] for each heading with an id (the
  // anchors the renderer gives every heading), the text up to the next heading.
  function htmlSections(html) {
    var m = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html);
    var body = contentOf(m ? m[1] : html);
    if (body === null) return [];
    var re = /<h([2-6])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/gi, heads = [], h;
    while ((h = re.exec(body)) !== null) heads.push({ id: h[2], title: htmlText("<p>" + h[3] + "</p>"), start: h.index, end: re.lastIndex });
    return heads.map(function (x, i) {
      return { id: x.id, title: x.title, text: htmlText(body.slice(x.end, i + 1 < heads.length ? heads[i + 1].start : body.length)) };
    });
  }

  // Up to `max` sections of a page (htmlSections) whose heading or text holds the most
  // different matched terms, then the most matches, in the page's order.
  function matchingSections(sections, highlight, max, lang) {
    var termHit = hitOf(highlight, lang || DUTCH);
    return sections.map(function (sec, i) {
      var seen = new Set(), count = 0, inTitle = 0;
      forEachWord(sec.title, function (w) { var t = termHit(w); if (t) { seen.add(t); count++; inTitle++; } });
      forEachWord(sec.text, function (w) { var t = termHit(w); if (t) { seen.add(t); count++; } });
      return { sec: sec, i: i, score: seen.size * 1000 + inTitle * 100 + count };
    }).filter(function (x) { return x.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.i - b.i; })
      .slice(0, max || 3)
      .sort(function (a, b) { return a.i - b.i; })
      .map(function (x) { return { id: x.sec.id, title: x.sec.title }; });
  }

  // Parts of `text` (as htmlText gives it: one block a line) around the words whose terms are in
  // `highlight`: [{text, mark}], at most about `size` words of one block, cut at spaces so that
  // punctuation stays with its word, from the start of a sentence where one is near, with an
  // ellipsis where text was left out. The terms are those of `lang` (an Analysis; Dutch when
  // not given).
  function snippet(text, highlight, size, lang) {
    size = size || 30;
    lang = lang || DUTCH;
    var words = [], m, block = 0, nextBreak = text.indexOf("\n"), termHit = hitOf(highlight, lang);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      while (nextBreak >= 0 && nextBreak < m.index) { block++; nextBreak = text.indexOf("\n", nextBreak + 1); }
      var hit = null;
      forEachWord(m[0], function (w) { hit = termHit(w) || hit; });
      words.push({ start: m.index, end: m.index + m[0].length, hit: hit, block: block });
    }
    if (!words.length) return [];
    // The window of one block with the most different matched terms, then the most matches.
    var bestStart = 0, bestScore = -1;
    for (var i = 0; i < words.length; i++) {
      if (!words[i].hit) continue;
      var seen = new Set(), count = 0;
      for (var j = i; j < Math.min(words.length, i + size) && words[j].block === words[i].block; j++) {
        if (words[j].hit) { seen.add(words[j].hit); count++; }
      }
      var score = seen.size * 100 + count;
      if (score > bestScore) { bestScore = score; bestStart = i; }
    }
    var b = words[bestStart].block, first = bestStart, last = bestStart;
    while (first > 0 && words[first - 1].block === b) first--;
    while (last + 1 < words.length && words[last + 1].block === b) last++;
    // Start at the sentence of the match when it begins a few words before; else a few words
    // before the match.
    var from = Math.max(first, bestStart - 5);
    for (var k = bestStart; k >= Math.max(first, bestStart - 12); k--) {
      if (k === first || SENTENCE_END.test(text.slice(words[k - 1].end, words[k].start + 0))) { from = k; break; }
    }
    var to = Math.min(last + 1, from + size);
    // Cut at the spaces around the words, so that brackets, quotes and punctuation stay.
    var startPos = words[from].start;
    while (startPos > 0 && !/\s/.test(text[startPos - 1])) startPos--;
    var endPos = words[to - 1].end;
    while (endPos < text.length && !/\s/.test(text[endPos])) endPos++;
    var out = [], pos = startPos;
    if (from > first) out.push({ text: "… ", mark: false });
    for (var n = from; n < to; n++) {
      var w = words[n];
      if (!w.hit) continue;
      if (w.start > pos) out.push({ text: text.slice(pos, w.start), mark: false });
      out.push({ text: text.slice(w.start, w.end), mark: true });
      pos = w.end;
    }
    if (endPos > pos) out.push({ text: text.slice(pos, endPos), mark: false });
    if (to <= last) out.push({ text: " …", mark: false });
    return out;
  }

  // ---- URL state -------------------------------------------------------------------------

  // Reads `q` and the facet parameters from a query string.
  function readState(search) {
    var params = new URLSearchParams(search);
    var filters = {};
    Object.keys(FACET_PARAMS).forEach(function (key) {
      var values = params.getAll(FACET_PARAMS[key]).filter(Boolean);
      if (values.length) filters[key] = values;
    });
    var state = { q: params.get("q") || "", filters: filters };
    if (params.get(SORT_PARAM) === SORT_DATE) state.sort = "date";
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    Object.keys(FACET_PARAMS).forEach(function (key) {
      (state.filters[key] || []).forEach(function (v) { params.append(FACET_PARAMS[key], v); });
    });
    if (state.sort === "date") params.set(SORT_PARAM, SORT_DATE);
    var s = params.toString();
    return s ? "?" + s : "";
  }

  // Dutch, for callers that do not name a language (the first indexes were all Dutch).
  var DUTCH = analysis("dutch");

  return {
    normaliseText: normaliseText,
    forEachWord: forEachWord,
    analysis: analysis,
    isStopWord: function (w) { return DUTCH.isStopWord(w); },
    stem: function (w) { return DUTCH.stem(w); },
    stemDutch: stemDutch,
    stemEnglish: stemEnglish,
    term: function (w) { return DUTCH.term(w); },
    terms: function (text) { return DUTCH.terms(text); },
    parseQuery: function (q) { return DUTCH.parseQuery(q); },
    withinOneEdit: withinOneEdit,
    editDistance: editDistance,
    splitCompound: splitCompound,
    compoundParts: compoundParts,
    Engine: Engine,
    register: register,
    scriptLoader: scriptLoader,
    snippet: snippet,
    htmlText: htmlText,
    htmlSections: htmlSections,
    matchingSections: matchingSections,
    readState: readState,
    writeState: writeState,
    FACET_PARAMS: FACET_PARAMS
  };
});
