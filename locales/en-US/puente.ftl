# puente's own messages, English (United States). Every id here must exist in es-MX too,
# with the same variables (a unit test checks). Messages are lowercase phrases with no final
# period; they name the file or segment they are about.

## Help

cli-about = The workflow between the English and Spanish editions of a news story
cli-usage-heading = Usage
cli-commands-heading = Commands
cli-options-heading = Options
cli-arguments-heading = Arguments
cli-help = Print help
cli-version = Print version
cli-ui-lang = Language of puente's own messages (en-US, es-MX); default from PUENTE_UI_LANG, LC_ALL, LC_MESSAGES or LANG
cli-after-help = Exit codes: 0 ok, 1 findings (check) or the gate (merge, publish), 2 error, 128 + N interrupted by signal N (130: Ctrl-C; 143: SIGTERM).
cli-help-command = Print this message or the help of the given command

cmd-import = Turn a scraped plain-text article into a canonical Markdown article
cmd-split = Print the segments of a text, one per line
cmd-segment = Write the work file (PO or XLIFF) for translating an article
cmd-merge = Rebuild the translated article from a work file and its source
cmd-init = Make a working project: a commented puente.toml, a glossary, a work folder

arg-import-input = The scraped article (plain text), or - for standard input
arg-output = Where to write (default: see the command's description)
arg-import-output = Where to write the article (default: standard output)
arg-lang = Language of the text (en, es); by default from the file name (story.es.txt), else the project, else en
arg-keep-all = Keep every line: drop no page furniture
arg-split-input = The text to split, or - for standard input (the default)
arg-format-data = Output format
arg-article = The source article (.md with front matter, or .txt)
arg-to = Target language (default: the other of en/es than the source)
arg-from = Source language (default: the front matter's lang, else the file name's (story.es.md), else the project's, else en)
arg-workfile-format = Work file format
arg-segment-output = Where to write the work file (default: next to the article, ARTICLE.LANG.po)
arg-workfile = The work file (.po or .xlf)
arg-merge-output = Where to write the translated article (default: the source's name with the target language)
arg-draft = Merge even if segments are untranslated or unreviewed: a draft, with draft: true in its front matter, that shows unreviewed translations (untranslated segments keep the source text)
arg-force = Overwrite an existing file

## Results

import-dropped = dropped line { $line }: { $text }
import-related = line { $line } moved to related links: { $text }
import-done = wrote { $path }: { $blocks ->
    [one] 1 block
   *[other] { $blocks } blocks
  }, { $dropped ->
    [one] 1 line dropped
   *[other] { $dropped } lines dropped
  }
segment-done = wrote { $path }: { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
  } in { $blocks ->
    [one] 1 block
   *[other] { $blocks } blocks
  }
segment-carried = kept { $count ->
    [one] 1 existing translation
   *[other] { $count } existing translations
  } from { $path }
merge-done = wrote { $path }: { $translated } of { $total ->
    [one] 1 segment translated
   *[other] { $total } segments translated
  }
merge-draft = DRAFT: { $count ->
    [0] every segment is reviewed
    [one] 1 segment is not reviewed ({ $unreviewed } with an unreviewed translation, { $kept } with the source text)
   *[other] { $count } segments are not reviewed ({ $unreviewed } with an unreviewed translation, { $kept } with the source text)
}
merge-refused = { $count ->
    [one] 1 segment is not ready: merge needs every segment translated and reviewed
   *[other] { $count } segments are not ready: merge needs every segment translated and reviewed
}
merge-pending-item = { $id } ({ $source }:{ $line }): { $reason }
merge-more = … and { $count } more
merge-hint-draft = use --draft to write a draft anyway: unreviewed translations are shown and untranslated segments keep the source text
reason-untranslated = untranslated
reason-fuzzy = fuzzy (not reviewed)
reason-missing = not in the work file
reason-placeholder = placeholder mismatch: { $detail }
init-done = wrote { $path }

## Errors

error-prefix = error
hint-prefix = hint
err-not-found = { $path } does not exist
err-is-dir = { $path } is a directory, not a file
err-permission = cannot read { $path }: permission denied
err-read = cannot read { $path }: { $reason }
err-write = cannot write { $path }: { $reason }
err-not-utf8 = { $path } is not valid UTF-8 (byte offset { $offset })
hint-not-utf8 = convert it first, for example: iconv -f WINDOWS-1252 -t UTF-8 { $path } > fixed.txt
err-utf16 = { $path } is UTF-16, not UTF-8
hint-utf16 = convert it first: iconv -f UTF-16 -t UTF-8 { $path } > fixed.txt
err-nul = { $path } contains a NUL byte at offset { $offset }: it looks like a binary file
err-empty = { $path } is empty
err-front-matter = { $path }:{ $line }: { $reason }
fm-unclosed-quote = a quoted value has no closing quote
fm-multi-line = multi-line values are not supported in front matter
hint-front-matter = write each value on one line, quoted if it contains a colon
fm-toml = invalid TOML: { $reason }
err-po = { $path }:{ $line }:{ $column }: { $reason }
po-unterminated = unterminated string
po-bad-escape = unknown escape sequence
po-unexpected = unexpected text
po-orphan = string continuation without a keyword
po-no-msgid = entry without msgid
err-xliff = { $path }:{ $line }:{ $column }: { $reason }
err-not-workfile = { $path } does not name its source article
hint-not-workfile = merge needs a work file written by puente segment (its header names the source and its checksum)
err-source-missing = the source { $source } named by { $path } does not exist
hint-source-missing = restore the source, or run puente segment on the article again
err-source-changed = { $source } changed since { $path } was written (checksum differs)
hint-source-changed = run puente segment { $source } -o { $path } again: existing translations are carried over
err-same-lang = source and target language are both { $lang }
err-config = { $path }: { $reason }
err-ui-lang = puente does not speak { $value }; using English
err-stdin-workfile = cannot write the work file to standard output in this format

## Glossary

cmd-glossary = Work with the glossary and the quote register
cmd-glossary-lint = Check the glossary for duplicate, conflicting, empty and forbidden forms
arg-glossary-path = A glossary file or folder (default: the project's glossary folder)
lint-error = error
lint-invalid-toml = invalid TOML: { $reason }
lint-unknown-language = unknown language code { $lang } (expected en or es)
lint-empty-form = { $entry }: an empty form ({ $lang })
lint-duplicate-form = { $entry }: the { $lang } form “{ $form }” is also in { $other }
lint-conflicting-targets = { $entry }: the { $lang } form “{ $form }” is translated differently in { $other }
lint-required-and-forbidden = { $entry }: the { $lang } form “{ $form }” is forbidden here but required by { $other }
lint-name-forms-differ = { $entry }: a name must be the same in both languages (en: { $en }; es: { $es })
lint-clean = { $files ->
    [one] 1 glossary file
   *[other] { $files } glossary files
  }, { $terms ->
    [one] 1 term
   *[other] { $terms } terms
  }, { $quotes ->
    [one] 1 quote
   *[other] { $quotes } quotes
  }: no findings
lint-summary = { $count ->
    [one] 1 finding
   *[other] { $count } findings
}
err-glossary = { $file }:{ $line }:{ $column }: the glossary does not load: { $reason }
hint-glossary = run `puente glossary lint { $file }` and fix what it reports
err-unknown-rule = there is no rule { $id }
hint-unknown-rule = the rules are: { $rules }
err-no-languages = { $path } does not say which languages it holds
hint-no-languages = pass --from and --to (en, es), or run puente inside a project whose puente.toml names them
err-no-workfiles = there are no work files (.po, .xlf, .xliff) in { $path }
err-interchange = { $path }:{ $line }: { $reason }

## puente check
cmd-check = Check translated work files: terms, names, quotes, numbers, punctuation, markup
check-after-help = Exit status: 0 no errors (warnings allowed), 1 errors found, 2 could not run. Rules: puente check --explain RULE.
arg-check-paths = Work files (.po, .xlf) or folders holding them (default: the project's work folder)
arg-check-from = Source language, over what the work file says
arg-check-to = Target language, over what the work file says
arg-check-glossary = A glossary file or folder (default: the project's glossary)
arg-explain = Explain a rule and stop
arg-check-format = Report format: human, json (JSON Lines), sarif (SARIF 2.1.0), junit
check-no-glossary = no glossary found: term, name and quote-register rules have nothing to check
check-summary = { $files ->
    [one] 1 file
   *[other] { $files } files
  }, { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
  }: { $errors ->
    [one] 1 error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
  }{ $unchecked ->
    [0] {""}
    [one] ; 1 file could not be checked
   *[other] ; { $unchecked } files could not be checked
  }
check-severity-error = error
check-severity-warning = warning
check-severity-off = off
check-source-label = source
check-target-label = target
check-explain-severity = Default severity: { $default }. In this project: { $project }.
check-explain-silence = To silence it on one segment, add a translator comment: # puente-ignore { $id }: the reason

check-untranslated = the segment is not translated
check-fuzzy = the translation is not reviewed (fuzzy)
check-forbidden-term = “{ $form }” is forbidden here: use “{ $fix }” ({ $entry })
check-glossary-term = “{ $form }” appears { $count ->
    [one] once
   *[other] { $count } times
  } in the source and { $found ->
    [0] never
    [one] once
   *[other] { $found } times
  } in the translation: use { $expected } ({ $entry })
check-number-changed = the number { $number } of the source is { $found } in the translation
check-name-changed = the name { $name } is written “{ $found }”: names stay exactly as they are
check-name-missing = the name { $name } is missing from the translation
check-quote-unclosed = the quotation mark { $mark } is opened and never closed
check-quote-unopened = the quotation mark { $mark } is closed but never opened
check-quote-level = quotes at level { $level } should be { $expected }, not { $found }
check-quote-count = the source has { $source } quotes, the translation { $target }
check-quote-punctuation = “{ $found }”: in Spanish the comma or period goes after the closing mark: “{ $fix }”
check-quote-fidelity = the quote of { $speaker } must be printed as “{ $expected }” ({ $entry })
check-quote-extra = the translation quotes { $speaker } ({ $entry }), which the source does not
check-number-missing = the number { $number } of the source is not in the translation
check-number-extra = the translation has { $number }, which the source does not
check-spanish-opener = “{ $mark }” needs its opening “{ $opener }”
check-spanish-closer = “{ $mark }” is opened and never closed with “{ $closer }”
check-markup-missing = the translation lacks { $token } of the source
check-markup-extra = { $token } is in the translation but not in the source
check-markup-replaced = { $found } stands in the translation where the source has { $token }
check-same-as-source = the translation is the source text, unchanged
check-inconsistent = the same source is translated differently in { $file }:{ $line }: “{ $other }”
check-suppression = “{ $comment }” silences nothing: write puente-ignore RULE: the reason

rule-glossary-term = Glossary terms are translated with their fixed forms
rule-forbidden-term = No forbidden rendering of a glossary term
rule-name-preserved = Names stay exactly as written
rule-quote-marks = Quotation marks are paired, nested in the target's style, as many as the source's
rule-quote-punctuation = Commas and periods sit where the target's style puts them: after the closing quotation mark in Spanish, inside it in English
rule-quote-fidelity = Quotes in the register appear in their approved wording
rule-numbers = The same numbers in the source and the translation
rule-spanish-punctuation = Every ? and ! has its ¿ and ¡
rule-untranslated = Every segment is translated
rule-fuzzy = Every translation is reviewed
rule-same-as-source = The translation is not a copy of the source
rule-inconsistent = The same source has the same translation everywhere
rule-markup = Placeholders, links and inline markup are kept
rule-suppression = Suppression comments name a rule and give a reason

hint-rule-glossary-term = use one of the glossary's forms for each occurrence (puente check --explain glossary-term)
hint-rule-forbidden-term = replace the forbidden form with the glossary's form
hint-rule-name-preserved = copy the name exactly, accents and capitals included
hint-rule-quote-marks = { $target ->
        [en] pair every mark and nest them the English way: “ ” then ‘ ’ then “ ”; a Spanish dialogue line becomes one quotation per spoken turn, the speaker outside the marks
       *[other] pair every mark and nest them the Spanish way: « » then “ ” then ‘ ’ (or the project's quote_style); each spoken turn of a dialogue line is one quotation
    }
hint-rule-quote-punctuation = { $target ->
        [en] in American English put the comma or period inside the closing mark (“…,” she said; called it “a failure.”)
       *[other] in Spanish put the comma or period after the closing mark («…», dijo)
    }
hint-rule-quote-fidelity = print the register's wording; a quote said in Spanish keeps its original words
hint-rule-numbers = { $target ->
        [en] state every number of the source, written the English way (1,500.5; 3.5%)
       *[other] state every number of the source, written the way of the translation's Spanish (es-MX 1,500.5; es-ES 1.500,5)
    }
hint-rule-spanish-punctuation = open questions with ¿ and exclamations with ¡, also mid-sentence
hint-rule-untranslated = translate the segment
hint-rule-fuzzy = review the translation and remove the fuzzy mark
hint-rule-same-as-source = translate the segment, or silence the rule with a reason if it is right as it is
hint-rule-inconsistent = use one translation, or silence the rule with a reason
hint-rule-markup = keep every {"{"}n{"}"} placeholder, link, tag and emphasis mark of the source
hint-rule-suppression = write: puente-ignore RULE: the reason

explain-glossary-term = Each occurrence of a glossary term in the source needs one of the term's forms in the translation: two occurrences in the source, two in the translation. Forms are matched on word boundaries, with accents (cartel is not cártel), across line breaks, with either apostrophe. Names are checked by name-preserved, and terms inside a register quote by quote-fidelity.
explain-forbidden-term = A form the glossary forbids (carteles, huelga for a drone strike) is in the translation. The message gives the form to use instead when exactly one replaces it (the forbidden and accepted lists pair up by position, or the forbidden form is a spelling of one form, case and accents aside); otherwise it names the glossary entry to choose from. puente translate repairs an engine's output the same way, or leaves the segment untranslated for review.
explain-name-preserved = A name from the glossary (kind = "name") is in the source, and the translation must have it verbatim, accents included: López Obrador, not Lopez Obrador; Trump, not Triunfo. The message points at the misspelled name when it can find it.
explain-quote-marks = Quotation marks must be paired and nested in the target's style. Spanish (RAE): « » first, then “ ”, then ‘ ’ (the last repeating deeper down); with quote_style = "curly" in puente.toml, “ ” first, then ‘ ’; with quote_style = "either", a segment may open with either (many Mexican outlets print “ ”) and nests after what it opened with. English: “ ” and ‘ ’ by turns, “ ‘ “ ‘ (straight quotes are tolerated; a British target, tagged en-GB, en-IE, en-AU or en-NZ, may open with ‘ ’ and nest “ ” inside), and no Spanish dialogue dashes. The translation must have as many quotations as the source; each spoken turn of a Spanish dialogue line (—No podemos —afirmó—.), at the start of the segment or after a colon (El fiscal fue tajante: —No habrá acuerdo.), counts as one, as its English rendering in “ ” does; an agency credit (—Con información de AP) and an aside between dashes do not. A quotation the narrator interrupts between dashes («Vamos a cooperar —dijo Sheinbaum—, pero no aceptaremos ataques») counts as one or as two, since English splits it (“We will cooperate,” Sheinbaum said, “but…”). A quote left open in the source (one running over paragraphs) may stay open in the translation.
explain-quote-punctuation = In Spanish a comma or period goes after the closing quotation mark: «No nos subordinamos», dijo. A period inside is fine when another follows the mark (it ends an abbreviation), and so are ? ! and an ellipsis. In American English (as AP writes) the comma and the period always go inside, after speech, a title or a word quoted alike: “We do not subordinate,” she said; she called it “unacceptable.” A quotation that ends with its own ? ! or period is left alone, and an apostrophe (the cartels’.) is no closing mark. A work file whose English is tagged British (Language: en-GB, or en-IE, en-AU, en-NZ; XLIFF trgLang) keeps logical punctuation and is not reported.
explain-quote-fidelity = A source quote that is an entry of the quote register (glossary/quotes.toml) must appear in the translation in the entry's approved wording: every word of it, in order, typography aside (case, quotation marks, apostrophes, dashes, punctuation). A quote said in the target language is printed in its original words, never back-translated. Which entry a quote is allows for how outlets report it: by its original words, its renderings and its reported variants (variants, per language), with small wording differences (a score of at least 0.8 over the words: one word in five added or dropped). A register quote in the translation that the source does not have is reported too.
explain-numbers = The numbers of the source and of the translation must be the same values, each side read with its own locale: the work file's header names it (Language, X-Source-Language; XLIFF srcLang and trgLang), else number_locale in puente.toml. es-MX, es-US and es-419 write 1,500.5 like English; es-ES and the rest of Spanish write 1.500,5 or 1 500 000 with a thin or no-break space. Ordinals count as numbers (19th, 19.º), Roman centuries after siglo too (siglo XIX = 19th century), scale words multiply (1.5 billion = 1500 millones; a Spanish billón is a trillion), Mexican press forms are read (800 mdp = 800 million pesos, mmdd = billion dollars, 2 mil 500, mil 200 millones), the hour of a time is read on a 24-hour clock (10:30 p.m. = 22:30 = 22.30 h = a las 22.30, and not 10:30 a. m.; an hour that names no half of the day may be either), an English decade reads both ways (the 1990s = los 90 = la década de 1990; the 1900s = el siglo XX), and small numbers may be spelled out on either side. A Spanish translation writes centuries in Roman numerals: siglo 20 is reported with siglo XX as the fix (a capitalised Siglo inside a sentence is a name, as in the daily Siglo 21).
explain-spanish-punctuation = In a Spanish translation every question mark and exclamation mark closes a ¿ or ¡ opened before it, also mid-sentence: Si llega, ¿qué hará? A lone (?) or (!) is allowed, and so are URLs.
explain-untranslated = The segment has no translation.
explain-fuzzy = The translation is marked fuzzy (PO) or not final (XLIFF): nobody has reviewed it yet. Machine translations start this way.
explain-same-as-source = The translation is the source text unchanged, though the source has words to translate. Names, numbers, URLs and a single word are exempt.
explain-inconsistent = The same source text is translated differently across the files checked. Each later translation is reported with the place of the first one.
explain-markup = Every placeholder ({"{"}0{"}"}), URL, HTML tag and Markdown emphasis or code mark of the source must be in the translation as many times, and the translation must not add any. Each emphasis or strong span must enclose words, and a name, number or glossary term it encloses in the source must be inside the matching span of the translation (the span may move with its words).
explain-suppression = A translator comment that starts with puente-ignore must name a rule and give a reason: puente-ignore quote-marks: the headline keeps the agency's quotes. In XLIFF, write it as a unit note; add the segment id after the rule to limit it to one segment.

## puente glossary export / import
cmd-glossary-export = Write the glossary as TBX-Basic (terms and quotes), TSV or CSV (terms)
cmd-glossary-import = Read a TBX, TSV or CSV glossary and write it as puente's TOML
arg-glossary-export-output = Where to write (default: standard output)
arg-glossary-format = Format: tbx (the default), tsv or csv
arg-glossary-import-file = The file to import (.tbx, .tsv, .csv)
arg-glossary-import-output = Where to write the TOML (default: standard output)
arg-glossary-import-format = Format, when the extension does not tell: tbx, tsv or csv
glossary-written = wrote { $path }
glossary-exported = exported { $terms ->
    [one] 1 term
   *[other] { $terms } terms
  } and { $quotes ->
    [one] 1 quote
   *[other] { $quotes } quotes
  }
glossary-imported = imported { $terms ->
    [one] 1 term
   *[other] { $terms } terms
  } and { $quotes ->
    [one] 1 quote
   *[other] { $quotes } quotes
  }
glossary-quotes-left-out = { $count ->
    [one] 1 quote of the register is
   *[other] { $count } quotes of the register are
  } not included: TSV and CSV hold terms only (TBX holds both)
glossary-import-lint = the imported glossary has { $count ->
    [one] 1 lint finding
   *[other] { $count } lint findings
  }: run puente glossary lint on it
import-syntax = malformed file: { $reason }
import-doctype = DOCTYPE refused: only one that names an external DTD is read (and the DTD is never fetched); internal subsets and entity declarations are not
import-not-tbx = not a TBX document (no <martif> or <tbx> element)
import-language = language { $value } is not en or es
import-case = unknown case rule { $value } (insensitive, sensitive, first-letter)
import-kind = unknown kind { $value } (term, name)
import-quote-language = a quote without said_in = en|es in its puente: note
import-no-language-column = the header row ({ $header }) names no language column (en, es)
hint-interchange = TBX must be TBX-Basic XML, with at most a DOCTYPE that names an external DTD; TSV and CSV need a header row such as: id, en, es, forbidden:es, note

## puente translate
cmd-translate = Fill untranslated segments with machine translation (glossary, names and quotes protected)
arg-translate-workfiles = The work files (.po, .xlf) to fill, or folders of them
arg-engine = The engine, as named in puente.toml [engine.NAME] (default: the local Apertium)
arg-dry-run = Show what would be sent (segments, characters, batches) and send nothing
translate-dry-run = { $file }: { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
  } to translate, { $characters ->
    [one] 1 character
   *[other] { $characters } characters
  }, { $batches ->
    [one] 1 batch
   *[other] { $batches } batches
  } (nothing sent)
translate-summary = { $file }: { $engine }: { $memory } from the memory, { $sent } sent, { $cached } from the cache, { $verified } verified and written as fuzzy, { $left } left untranslated ({ $failed } of them refused or unanswered), { $characters ->
    [one] 1 character
   *[other] { $characters } characters
  }, { $seconds } s
arg-no-tm = Do not ask the translation memory (.puente/tm.sqlite) first
translate-no-cache = the cache { $path } cannot be opened: going on without it
arg-no-cache = Bypass the translation cache (.puente/cache.sqlite, or the server [cache] url names)
err-engine-missing = the { $engine } engine is not installed
hint-apertium-install = install it with: apt-get install apertium-eng-spa
err-engine-pair = the { $engine } engine does not offer { $pair }
err-engine-failed = { $engine } failed: { $reason }
err-locked = another puente run (process { $pid }) is working on this file: { $path } exists
hint-locked = wait for it to finish; if no such run is active, remove { $path }
err-engine-key = the engine { $engine } needs an API key, and the environment variable { $var } is empty or unset
hint-engine-key = export { $var }=… in the shell that runs puente (keys never go in puente.toml)

## puente engines
cmd-engines = List the configured machine-translation engines and check each one
engines-ok = ok
engines-failed = not usable
engines-summary = engines checked with a test sentence, { $source } → { $target } and back: { $failed ->
    [0] all usable
    [one] 1 not usable
   *[other] { $failed } not usable
  }

## puente status
cmd-status = Show how far each work file is: translated, unreviewed and untranslated segments and words
status-total = total
status-line = { $file }: { $percent } % done: { $translated } translated, { $fuzzy } fuzzy, { $untranslated ->
    [one] 1 untranslated segment
   *[other] { $untranslated } untranslated segments
  }; { $left } of { $words ->
    [one] 1 source word
   *[other] { $words } source words
  } still to review or translate

## puente tm
cmd-tm = The translation memory: reviewed translations, both directions, in .puente/tm.sqlite or on the PostgreSQL server [tm] url names
cmd-tm-add = Add the reviewed translations of work files to the memory
cmd-tm-stats = Count the memory's units per direction
cmd-tm-export = Write the memory as TMX 1.4b
cmd-tm-import = Read a TMX file into the memory
arg-tm = The memory file or postgresql:// URL (default: [tm] url or PUENTE_TM_URL, else .puente/tm.sqlite at the project root)
arg-tm-workfiles = Work files (.po, .xlf), or folders of them, whose reviewed translations enter the memory
arg-tm-export-output = Where to write the TMX (default: standard output)
arg-tm-import-file = The TMX file
arg-tm-from = Source language (default: the project's)
arg-tm-to = Target language (default: the other one)
tm-added = translation memory: { $count ->
    [one] 1 new unit
   *[other] { $count } new units
  } from { $file }
tm-stats-line = { $source } → { $target }: { $units ->
    [one] 1 unit
   *[other] { $units } units
  }, { $sources ->
    [one] 1 distinct source
   *[other] { $sources } distinct sources
  }
tm-where = memory: { $path }
tm-exported = wrote { $count ->
    [one] 1 unit
   *[other] { $count } units
  } ({ $from } → { $to }) to { $file }
tm-imported = translation memory: { $count ->
    [one] 1 new unit
   *[other] { $count } new units
  } of { $read } read from { $file }
err-memory = the translation memory { $path } cannot be used: { $reason }
err-tmx = { $path }:{ $line }: { $reason }
hint-tmx = TMX must be XML, with at most a DOCTYPE that names an external DTD, and <tu> elements holding one <tuv xml:lang="…"><seg> per language
arg-update = Re-segment a revised article into this existing work file: unchanged segments keep their translations, changed ones get the closest old translation as fuzzy
segment-updated = { $fuzzy ->
    [one] 1 changed segment got an old translation as fuzzy
   *[other] { $fuzzy } changed segments got an old translation as fuzzy
  } ({ $flagged } flagged for changed numbers or negations); removed ones are kept as obsolete entries

## publish
cmd-publish = Publish a story: English, Spanish and bilingual editions (HTML, Markdown, aligned JSON), behind the review gate
arg-publish-article = The source article (.md or .txt)
arg-publish-translation = Its work file (.po, .xlf), or the article already translated (default: the work file segment writes)
arg-publish-out = The folder to publish into (default: public/ at the project root)
arg-publish-draft = Publish even with unreviewed segments or check errors: a DRAFT banner and noindex
arg-publish-date = The story's date, YYYY-MM-DD (default: the front matter's date)
arg-publish-author = The byline's author (default: the front matter's author)
arg-publish-base-url = The site's address, for absolute hreflang and canonical links (default: relative links)
err-unpaired = { $path } cannot be paired with { $source } block by block: { $detail }
hint-unpaired = publish from the work file instead, or merge it again so both articles have the same blocks
err-other-article = { $path } was made from { $source }, not from { $article }
err-date = { $value } is not a date
hint-date = write it as YYYY-MM-DD, for example 2026-11-23
publish-check-item = { $file }:{ $line }: segment { $id }: check error ({ $rule })
publish-draft-item = { $file }:{ $line }: the article is marked as a draft (draft: true); remove the flag once it is reviewed
publish-refused = publish refused: { $count ->
    [one] one problem stops
   *[other] { $count } problems stop
} the story
publish-draft-anyway = publishing a DRAFT despite { $count ->
    [one] one problem
   *[other] { $count } problems
}:
publish-hint-draft = review the segments (puente check lists the errors), or publish with --draft for editors' eyes only
publish-done = published { $slug } into { $dir } ({ $files ->
    [one] 1 file
   *[other] { $files } files
  })
publish-done-draft = published { $slug } as a DRAFT into { $dir } ({ $files ->
    [one] 1 file
   *[other] { $files } files
  }; banner and noindex)

## Edition chrome: what readers see (each edition uses its own language's file)
kicker-analysis = ANALYSIS
kicker-opinion = OPINION
kicker-news = NEWS
kicker-explainer = EXPLAINER
kicker-interview = INTERVIEW
edition-also-read = Also read
edition-translated-from-en = Translated from English
edition-translated-from-es = Translated from Spanish
edition-read-this = Read in English
edition-byline = By { $author }
edition-date = { $month } { $day }, { $year }
edition-draft = DRAFT: not reviewed, not for publication
edition-bilingual = Bilingual edition
edition-unreviewed = Unreviewed translation
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Writes, standard output and input size (issue 11)
err-output-is-input = { $path } is { $role ->
    [article] the source article
    [workfile] the work file
    [glossary] the glossary file
    [memory] the translation memory
   *[input] the input
} this command reads; writing there would destroy it
err-output-is-input-linked = { $path } is the same file as { $role ->
    [article] the source article
    [workfile] the work file
    [glossary] the glossary file
    [memory] the translation memory
   *[input] the input
} { $input }; writing there would destroy it
hint-output-is-input = choose another output file
err-output-kind = cannot write { $path }: it is { $kind ->
    [directory] a folder
    [special] a special file (a FIFO, a device or a link)
   *[socket] a socket
}
hint-output-kind = name a file to write
err-no-folder = cannot write { $path }: the folder { $folder } does not exist
hint-no-folder = create it first (mkdir -p { $folder }), or choose another output file
err-stdout = cannot write to standard output: { $reason }
err-too-big = { $path } is { $size }, more than the input limit of { $limit }
err-too-big-stream = { $path } is larger than the input limit of { $limit }
hint-too-big-input = if it really is one input, raise { $setting } in the [limits] table of puente.toml, or set { $var }
hint-too-big = if it really is one input, raise { $setting } in the [limits] table of puente.toml
err-bad-size = { $setting } = "{ $value }" is not a size
hint-bad-size = write a number of bytes, or a number and a unit: 16 MiB, 512 KiB, 1 GiB
interrupted = interrupted by { $signal }; no temporary or lock file was left behind
## MT engines: secrets and time (issue 11)
translate-stopped = { $file }: the run stopped early: { $done ->
    [one] 1 segment translated and saved
   *[other] { $done } segments translated and saved
  }, { $left } still to translate
err-engine-key-env = the engine { $engine } needs an API key, and its table names no key_env
hint-engine-key-env = add key_env = "DEEPL_AUTH_KEY" to [engine.{ $engine }] in puente.toml and export that variable (keys never go in puente.toml)
err-engine-userinfo = the url of the engine { $engine } holds a user name or password; refused, nothing was sent (url without them: { $url })
hint-engine-userinfo = remove them from url in [engine.{ $engine }], and name the environment variable that holds the key with key_env: puente sends it the way the engine expects
err-engine-url = the url of the engine { $engine } is not an http:// or https:// address: { $url }
hint-engine-url = write url = "https://host:port" in [engine.{ $engine }] in puente.toml
err-engine-timeout = { $engine }: { $url } did not answer within { $seconds } s; the engine is taken for dead
hint-engine-timeout = check that the server is running and reachable; a slow one needs a longer timeout in [engine.{ $engine }]
err-engine-redirect = { $engine }: { $from } redirects to { $to }, another origin; refused, so the key and texts stay with the server you configured
hint-engine-redirect = if you trust { $to }, set url in [engine.{ $engine }] to the address the server redirects to
err-engine-wait = { $engine }: { $url } answers HTTP { $status } and asks to wait { $seconds } s, longer than the run allows
hint-engine-wait = run puente translate again later: it sends only what is still missing
err-engine-deadline = { $engine }: the run's deadline of { $seconds } s has passed
hint-engine-deadline = run puente translate again to send the rest, or raise deadline in [engine.{ $engine }]
## Work files and formats (issue 11)
po-invalid-utf8 = escaped bytes (octal or hex) that are not UTF-8
import-unterminated-quote = a quoted value starts on this line and is never closed
po-plural-index = msgstr[{ $found }] where msgstr[{ $expected }] was expected (plural forms are numbered from 0, in order)
duplicate-id-reason = the id { $id } is used twice (first at line { $first }): which translation to use cannot be told
hint-duplicate-id = keep one of the two entries; `puente check { $path }` lists every id used twice
check-duplicate-id = the id { $id } is used twice: first at line { $first_line }
check-plural-count = { $found ->
    [one] one plural form
   *[other] { $found } plural forms
  } where the header's Plural-Forms says nplurals={ $expected }
check-plural-no-msgid-plural = msgstr[n] in an entry without msgid_plural
rule-duplicate-id = Each id is used once in a work file
rule-plural-forms = Plural entries have as many forms as the header's nplurals
hint-rule-duplicate-id = keep one of the entries with this id and delete the other; merge refuses the file until then
hint-rule-plural-forms = write msgstr[0] to msgstr[nplurals-1] for an entry with msgid_plural, and a plain msgstr for any other
explain-duplicate-id = A work file ties each translation to its place in the article by an id, and gettext and CAT tools expect each one once. In PO, two entries must not share both msgctxt and msgid (msgfmt refuses such a file), and in a puente work file no two entries share a msgctxt. In XLIFF, a unit id is used once in its file and a segment id once in its unit (once in the file, in a puente work file). When an id is used twice, merge cannot tell which translation to use, so it refuses the file; keep one of the two.
explain-plural-forms = A PO entry with msgid_plural has one translation per plural form of the target language: msgstr[0] to msgstr[N-1], where N is the nplurals of the header's Plural-Forms (2 when the header does not say; 2 for Spanish and English). Fewer or more forms, or msgstr[n] in an entry without msgid_plural, are refused by msgfmt and leave some counts without a translation.
err-glossary-lint = the glossary { $path } has { $count ->
    [one] a lint error; puente does not choose between its entries
   *[other] { $count } lint errors; puente does not choose between its entries
  }:
err-glossary-lint-more = … and { $count } more
hint-glossary-lint = fix what `puente glossary lint { $path }` reports, then run again
## MT engines: probes and the local program's time (issue 11)
err-engine-dead = { $engine }: { $url } did not answer within { $seconds } s; the server is taken for dead and nothing was sent
err-engine-died = { $engine }: a request got no answer within { $timeout } s, and then { $url } did not answer within { $seconds } s either; the server is taken for dead
hint-engine-dead = check that the server is running and reachable (puente engines checks every engine); once it answers, run puente translate again: it sends only what is still missing
err-engine-stuck = { $engine }: { $program } did not finish within { $seconds } s and was stopped
hint-engine-stuck = check that { $program } runs (echo test | { $program } eng-spa); a slow machine needs a longer timeout in [engine.{ $engine }] with kind = "apertium"

## translate (issue 11)
err-workfile-changed = { $path } changed while translating; your changes are kept, and { $lost ->
    [one] { $lost } translation from this run was not written
   *[other] { $lost } translations from this run were not written
  }
hint-workfile-changed = run puente translate { $path } again: it sends only what is still missing, and what this run received comes from the cache
err-engine-url-query = the url of the engine { $engine } has a query or fragment (?… or #…); refused, nothing was sent (url without them: { $url })
hint-engine-url-query = remove them from url in [engine.{ $engine }]; keys belong in an environment variable named with key_env, never in the url
## check, work files, glossary, XML (issue 11)
rule-control-characters = No control characters in a translation that its source does not have
hint-rule-control-characters = delete the control characters from the translation (they often come from a broken MT answer or a \000 escape in a PO)
explain-control-characters = Control characters (ESC, BEL, NUL, vertical tab and the other C0 and C1 characters, except tab and newline) have no place in an article. A terminal obeys them (an ESC sequence can clear the screen or change the window title of whoever reads the report), XML 1.0 forbids most of them, so an XLIFF or TMX holding them is not well-formed, and a NUL cuts the published text short in many tools. The rule reports a translation that holds a control character its source does not have; merge refuses to write one into the article.
check-control-characters = { $count ->
    [one] the translation holds a control character ({ $chars }) that the source does not have
   *[other] the translation holds { $count } control characters ({ $chars }) that the source does not have
}
reason-control-character = the translation holds the control character { $character }, which an article cannot carry (puente check reports it as control-characters)
tm-export-skipped = { $count ->
    [one] 1 unit was left out of the export: its text holds a control character that XML cannot carry (puente check reports it as control-characters)
   *[other] { $count } units were left out of the export: their text holds control characters that XML cannot carry (puente check reports them as control-characters)
}
note-not-a-regular-file = { $path } is not a regular file (a FIFO, socket or device): skipped
check-plural-no-header = a plural entry, but the header has no Plural-Forms: nplurals=N; plural=EXPRESSION; (msgfmt --check refuses the file)
check-plural-bad-header = a plural entry, but the header's Plural-Forms “{ $forms }” cannot be read: write nplurals=N; plural=EXPRESSION; (msgfmt --check refuses the file)
import-repeated-column = the header row names the column { $column } twice
import-extra-cells = this row has { $cells ->
    [one] 1 cell
   *[other] { $cells } cells
  } but the header names { $columns ->
    [one] 1 column
   *[other] { $columns } columns
  }
hint-interchange-table = TSV and CSV need a header row naming each column once, such as: id, en, es, forbidden:es, note; and no row with more cells than the header (quote a value holding the delimiter)
lint-duplicate-id = { $entry }: the id is also used at { $other }
## Writing files (issue 11, second round)
err-read-only = cannot write { $path }: its permissions do not allow you to write it, so it was left as it is
hint-read-only = make it writable first (chmod u+w { $path }), or choose another output file
err-folder-read-only = cannot write { $path }: the folder { $folder } does not allow you to add files to it
hint-folder-read-only = make the folder writable (chmod u+w { $folder }), or choose another output file
tm-none-yet = no translation memory yet at { $path }: puente merge and puente tm add make it
err-database-kind = { $path } is { $kind ->
    [directory] a folder
    [device] a device or a FIFO
   *[socket] a socket
  }, not a database file, so it was not opened
hint-database-kind = name a file with --tm, or move what is there out of the way
err-no-memory = there is no translation memory at { $path } yet, so there is nothing to export
hint-no-memory = puente merge and puente tm add make it; or name another memory with --tm
err-workfile-too-big = cannot write { $path }: the work file would be larger than { $limit }, the most puente reads back, so it was not written
hint-workfile-too-big = split the article, or raise max_input_size in the [limits] table of puente.toml (work files may be { $factor } times it)

## system errors (issue 11): the reason after "cannot read/write PATH:"
io-with-code = { $reason } (system error { $code })
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = a file of that name already exists
io-storage-full = no space left on the device
io-quota-exceeded = the disk quota is exceeded
io-not-a-directory = a part of the path is not a folder
io-is-a-directory = it is a folder
io-read-only-filesystem = the file system is read-only
io-resource-busy = the file is busy (in use or mounted)
io-crosses-devices = the file is on another device
io-file-too-large = the file is too large for the file system
io-invalid-filename = the file name is not valid here
io-timed-out = the operation timed out
io-interrupted = the operation was interrupted
io-unexpected-eof = the file ended too early

## output (issue 12)
cli-quiet = Print no notes, summaries or progress on stderr (errors and data are printed as usual)

## errors (issue 12)
# A foreign library's or program's own words, under puente's message.
caused-by-prefix = Caused by
io-other = the system refused the operation
xml-unclosed-tag = a tag is never closed with >
xml-unclosed-comment = a comment (<!--) is never closed
xml-unclosed-cdata = a CDATA section is never closed
xml-unclosed-doctype = the DOCTYPE is never closed
xml-unclosed-pi = a processing instruction or XML declaration (<?) is never closed
xml-invalid-markup = <! starts something that is neither a comment, CDATA nor a DOCTYPE
xml-mismatched-end = </{ $found }> closes <{ $expected }>
xml-unmatched-end = </{ $name }> closes an element that was never opened
xml-missing-version = the XML declaration has no version
xml-double-hyphen = a comment holds --
xml-bad-attribute = an attribute is written wrongly (it needs a name, =, and a value in quotes)
xml-duplicate-attribute = a tag gives the same attribute twice
xml-unknown-entity = unknown entity &{ $name }; (only &amp; &lt; &gt; &quot; &apos; and character references are read)
xml-unterminated-entity = an & starts a reference that no ; ends
xml-bad-char-ref = a character reference names no character
xml-forbidden-char = the character { $code } is not allowed in XML 1.0
xml-forbidden-char-ref = the character reference { $reference } names a character XML 1.0 does not allow
xml-doctype = DOCTYPE refused: only one that names an external DTD is read (and the DTD is never fetched); internal subsets and entity declarations are not
hint-xml-doctype = remove the DOCTYPE, or keep only <!DOCTYPE name SYSTEM "file.dtd">
xml-truncated = the file ends before its elements are closed
xml-other = the XML cannot be read
xliff-bad-cp = a <cp> element without a valid hex value
xliff-no-root = no <xliff> element
hint-xliff = a work file must be XLIFF 2 (or 1.2) with an <xliff> root element; puente segment writes one
tmx-not-tmx = not a TMX document (no <tmx> element)
import-table = the table cannot be read
err-config-at = { $path }:{ $line }: { $reason }
cfg-syntax = the file is not valid TOML
hint-cfg-syntax = puente init in an empty folder writes a commented puente.toml to compare with
cfg-unknown-key = unknown key { $key }
hint-cfg-keys = the keys known there are: { $allowed }
cfg-bad-value = { $key } has a value of the wrong type
cfg-choice = { $key } = "{ $value }" is not one of the values allowed
hint-cfg-choice = use one of: { $allowed }
cfg-unknown-rule = [check.rules] names the rule { $id }, which puente does not have
cfg-seconds = { $key } = { $value }: it must be a number of seconds above 0 and at most 86400
cfg-rate = { $key } = { $value }: it must be a number of requests a second above 0 (at least one a day) and at most { $max }
cfg-range = { $key } = { $value }: it must be from { $min } to { $max }
cfg-size = { $key } is not a size above zero
cfg-missing = the engine kind { $kind } needs { $key }
err-glossary-load = { $file }:{ $line }:{ $column }: the glossary does not load
err-engine-failed-alone = the engine { $engine } failed
err-engine-status = { $engine }: { $url } answered HTTP { $status }
hint-engine-quota = the account's quota is spent: wait for it to renew, or raise it with the provider
hint-engine-server = the server failed even after the retries: run puente translate again later; it sends only what is still missing
err-engine-connect = { $engine }: cannot connect to { $url }
err-engine-broken = { $engine }: the connection to { $url } broke before the answer was complete
err-engine-request = { $engine }: the request to { $url } cannot be made
hint-engine-connect = check that the server is running and that url in [engine.{ $engine }] is right (puente engines checks every engine)
err-engine-protocol = { $engine }: { $url } answered something that is no translation: { $reason }
proto-too-large = the answer is larger than 32 MiB
proto-json = the answer is not the JSON the protocol defines
proto-model = the server does not offer the model
proto-pair = the server does not offer the language pair { $pair }
proto-count = { $sent ->
    [one] 1 text sent
   *[other] { $sent } texts sent
  }, { $got } returned
proto-no-choices = the answer holds no choice
proto-unfinished = the answer stopped early (finish_reason { $reason }: cut or filtered)
proto-not-asked = the answer is not the JSON the instructions asked for
proto-twice = the segment { $id } came back twice
proto-not-returned = the segment { $id } did not come back
proto-never-sent = the segment { $id } came back but was never sent
proto-not-texts = translatedText is not a list of texts
err-memory-alone = the translation memory { $path } cannot be used
fm-toml-alone = the front matter is not valid TOML

## publish (issue 12)
err-front-matter-date = { $path }: the front matter's date { $value } is not a date
hint-front-matter-date = write it as YYYY-MM-DD, for example 2026-11-23, or give the date with --date

## command line: usage errors and value names (issue 12)
# The placeholders of arguments in the help and the usage lines.
cli-value-article = ARTICLE
cli-value-translated = TRANSLATED_ARTICLE
cli-value-workfile = WORKFILE
cli-value-scraped = SCRAPED
cli-value-file = FILE
cli-value-path = PATH
cli-value-dir = DIR
cli-value-out = OUT
cli-value-name = NAME
cli-value-rule = RULE
cli-value-date = YYYY-MM-DD
cli-value-command = COMMAND
# Usage errors: what clap found wrong on the command line, in the UI language.
cli-err-unknown-argument = unexpected argument { $arg }
cli-err-unknown-command = unknown command { $command }
cli-err-missing-value = { $arg } needs a value
cli-err-invalid-value = { $value } is not a valid value for { $arg }
cli-err-invalid-choice = { $value } is not a valid value for { $arg }; valid values: { $values }
cli-err-too-many-values = { $arg } takes no more values: { $value }
cli-err-conflict = { $arg } cannot be used with { $other }
cli-err-repeated = { $arg } is given more than once
cli-err-missing-required = { $count ->
    [one] a required argument is missing: { $args }
   *[other] required arguments are missing: { $args }
}
cli-err-missing-command = { $command } needs a command: { $commands }
cli-err-invalid-utf8 = an argument is not valid UTF-8
cli-err-no-equals = { $arg } takes its value after an equals sign ({ $arg }=…)
cli-err-other = the command line cannot be read
cli-hint-help = for more information, run { $help }
cli-hint-did-you-mean = did you mean { $suggestion }? For more information, run { $help }

## languages (issue 12)
err-header-lang = { $path }: its header names the language { $value }, which puente does not translate
hint-header-lang = puente works between en and es: fix the language in the work file's header (PO Language and X-Source-Language, XLIFF srcLang and trgLang)
err-flag-against-header = { $path }: { $flag } { $given } contradicts the work file's header, which says { $declared }
hint-flag-against-header = the header says which languages the translations are in: leave out { $flag }, or make the work file again with puente segment
err-lang-mismatch = { $path }: the front matter says lang { $front }, but the file name says { $name }
hint-lang-mismatch = fix the front matter's lang or the file name, or pass --from to say which language the article is in

## pairing (issue 12)
pair-block-count = the source has { $source ->
        [one] { $source } block
       *[other] { $source } blocks
    } and the translation { $target }
pair-kind = block { $index } (line { $line }) is { $source } in the source and { $target } in the translation
block-kind = { $kind ->
        [kicker] a kicker
        [headline] a headline
        [dek] a dek
        [subhead] a subhead
        [list-item] a list item
        [related-title] a related link's title
       *[paragraph] a paragraph
    }

## engines (issue 13)
err-engine-exit = { $engine }: { $program } exited with status { $code }
err-engine-signal = { $engine }: { $program } was stopped by a signal
err-engine-no-output = { $engine }: { $program } ended without writing a translation
hint-engine-program = run it by hand to see what it says: echo test | { $program } -f txt { $pair }
check-forbidden-term-entry = “{ $form }” is forbidden here, and no single form replaces it: choose one from the glossary entry { $entry }
rule-engine-unknown-words = Words the engine did not know are reviewed
hint-rule-engine-unknown-words = check how the translation renders these words (the engine left them as they were), then review the translation
explain-engine-unknown-words = puente translate notes, in a machine translation's provenance note (a PO translator comment, an XLIFF note), the words the engine did not know: Apertium marks them (*word, @word) and copies them untranslated, and puente takes the marks out. While the translation is not reviewed (fuzzy), this rule lists them, so the reviewer looks at them first. Reviewing the translation (removing the fuzzy mark) ends the finding; translating the segment again replaces the note.
check-engine-unknown-words = the engine did not know { $count ->
        [one] the word
       *[other] the words
    } { $list }
err-engine-test-empty = { $engine }: the test sentence ({ $source } → { $target }) came back empty
err-engine-test-echo = { $engine }: the test sentence ({ $source } → { $target }) came back untranslated: “{ $answer }”
hint-engine-test = the engine answers but does not translate: check its language data (for Apertium, the pair's package; for a server, its models and its log), then run puente engines again
translate-unknown-words = { $file }: { $count ->
        [one] 1 translation holds words the engine did not know; its note names them
       *[other] { $count } translations hold words the engine did not know; their notes name them
    } (puente check lists them as engine-unknown-words)
translate-repaired = { $file }: { $count ->
        [one] 1 translation had a forbidden form the glossary's fix replaced; its note says which
       *[other] { $count } translations had forbidden forms the glossary's fix replaced; their notes say which
    }

## english (issue 13)
check-quote-dialogue = dialogue dashes are Spanish style: in English the spoken words go between “ ” and the speaker outside
check-quote-punctuation-inside = { $found } after a quotation: in American English the comma or period goes inside the closing mark ({ $fix })

## markup (issue 13)
check-markup-empty = { $token } encloses no words
check-markup-emphasis-words = “{ $enclosed }” is inside { $token } in the source but not in the translation

## numbers, centuries and the quote register (issue 13)
check-number-read = the source's { $number } is { $value }, but { $number } reads as { $found_value } in the translation: write the value the way the translation's language writes numbers
check-century-arabic = the century { $number } is written in Arabic numerals: centuries are written in Roman numerals ({ $fix })

## init (issue 16): the comments of the puente.toml template, the starter glossary, and what
## init says it made.
init-config-head =
    puente project settings. puente finds this file in the current folder or its parents.
init-config-languages = The language stories are usually written in, and the one they are translated into (en, es).
init-config-target-locale = The target locale decides number and quotation conventions for checks (es-MX, es-ES).
init-config-workfiles = Where `puente segment` writes work files when no -o is given, relative to this file.
init-config-glossary = The glossary and quote register (TOML files), relative to this file.
init-config-quote-style =
    First-level quotation marks in Spanish: "angular" for « » (RAE), "curly" for “ ”, "either"
    for a desk that takes both (each segment nested after the mark it opens with).
init-config-number-locale = Numbers in the target: "es-MX" writes 1,500.5 like English; "es-ES" writes 1.500,5.
init-config-tm-exact =
    Accept an exact translation-memory match in the same context (same previous and next
    segment) as reviewed, instead of writing it fuzzy for review.
init-config-tm-fuzzy =
    The lowest fuzzy match the memory offers, in percent of characters (50–100). Fuzzy matches
    are written fuzzy with their score and origin, and are not sent to the engine.
init-config-limits =
    The largest article or glossary file puente reads (a news story is far smaller), and the
    largest TMX file `puente tm import` reads. PUENTE_MAX_INPUT_SIZE overrides the first. Work
    files (PO, XLIFF) are many times their article: they may be eight times max_input_size, and
    puente never writes one larger, so it always reads back what it writes.
init-config-rules =
    A rule's severity in this project: "error" (fails the check), "warning" or "off".
    `puente check --explain RULE` documents each rule.
init-glossary-head =
    The newsroom's fixed terms, English ↔ Spanish. Edited by hand; `puente glossary lint`
    checks it in CI. One [[term]] per concept:
      id         stable identifier (lowercase, hyphens)
      kind       "term" (translated) or "name" (never translated: the same in both languages)
      en, es     every accepted form, inflections written out (cartel, cartels ↔ cártel, cárteles)
      forbidden  forms that must not appear, per language, with the entry's forms as the fix
      note       why, for translators
    Quotes whose wording is fixed go in a [[quote]] table (`puente glossary --help`).
    An example; remove the # signs to use it:
init-made-file = wrote { $path }
init-made-folder = made the folder { $path }
init-ignored = added { $entry } to { $path }
init-kept = kept { $path }: it is already there
init-next = next: put an article in this folder and run `puente segment ARTICLE`
arg-init-dir = The project folder (made if it does not exist); the current folder by default
arg-init-ci = Also write the CI recipe of docs/ci.md: github (.github/workflows/puente.yml) or gitlab (.gitlab-ci.yml)

## drafts that say so (issue 15)
merge-done-draft = wrote { $path } as a DRAFT: { $translated } of { $total ->
    [one] 1 segment reviewed
   *[other] { $total } segments reviewed
  }
merge-draft-plain = the edition is plain text, which has no front matter: nothing in it says it is a draft

## review page (issue 15)
edition-legend = Review marks
edition-mark-machine = Machine translation, not reviewed
edition-mark-memory = Translation memory match, not reviewed
edition-mark-untranslated = Untranslated: the source is shown
edition-finding = Check finding

## check reports (issue 16)
arg-check-output = Where to write the report, whole or not at all (default: standard output)
check-nothing = nothing to check: there are no work files (.po, .xlf, .xliff) in { $path }
check-no-work-folder = nothing to check: the work folder { $path } does not exist yet
check-report-written = wrote { $path }
check-report-not-written = the report was not written to { $path }, since some files could not be checked

## status (issue 16)
status-same-story = { $file } translates the same story as { $other }, which is newer: the total counts the story once, from { $other }
tm-export-other-direction = the memory also holds { $count ->
    [one] 1 unit
   *[other] { $count } units
  } { $from } → { $to }, not in this file: export them with --from { $from } --to { $to }

## publish: the newsroom's index (issue 15)
err-reserved-slug = the story's slug { $slug } would take the place of the index { $path }
hint-reserved-slug = give the story another slug in its front matter (slug: …) or rename the article
index-skipped = { $path } is left out of the index: { $reason }
index-skip-unreadable = it cannot be read ({ $reason })
index-skip-too-big = it is too large to be a story record
index-skip-not-json = it is not JSON ({ $reason })
index-skip-not-a-record = it is not a puente story record ({ $reason })
index-skip-schema = it is a story record of schema { $schema }, which this puente does not read
index-skip-other-slug = it holds the record of { $slug }, not of the story its name says
# The index pages: what readers see (each page uses its own language's file).
index-title = Stories
index-language = English
index-date = Date
index-headline = Headline
index-status = Status
index-editions = Editions
index-final = Final
index-draft = Draft
index-bilingual = Bilingual

## interrupts and network errors (issue 16)
translate-resume = run the same command again to resume: what was saved stays, and only the { $left ->
    [one] segment
   *[other] { $left } segments
  } still empty { $left ->
    [one] is
   *[other] are
  } sent
translate-stale-lock = { $file }: took over its lock, left by process { $pid }, which is no longer running (a run that was killed outright)
interrupted-again = interrupted again by { $signal }: stopped at once; the files on disk are whole, each replaced complete or not at all
err-engine-refused = { $engine }: { $url } refused the connection: nothing is listening there
err-engine-dns = { $engine }: the host name in { $url } does not resolve
err-engine-tls = { $engine }: the secure (TLS) connection to { $url } failed
hint-engine-start-apy = start APy (apertium-apy -p { $port } /usr/share/apertium/modes), or fix url in [engine.{ $engine }] if it runs elsewhere; puente engines checks every engine
hint-engine-dns = check the host name in url in [engine.{ $engine }], and this machine's network
hint-engine-tls = check url in [engine.{ $engine }]: https:// only for a server that speaks TLS with a certificate this machine trusts, http:// for a local one without TLS
hint-engine-refused-key-var = the server refused the key: check the key in the environment variable { $var } (key_env in [engine.{ $engine }])
hint-engine-needs-key = the server asks for a key: add key_env = "VARIABLE" to [engine.{ $engine }] (kind = "{ $kind }") and export the key in that variable
err-unknown-engine-named = puente.toml defines no usable engine named { $name } ({ $count ->
    [0] it defines no engine
    [one] the one it defines: { $engines }
   *[other] the ones it defines: { $engines }
  })
hint-unknown-engine-table = add it to puente.toml, or leave out --engine to use the local Apertium:
    { $table }

## front matter (issue 16)
fm-unclosed-at = the front matter opened here is never closed (no { $delim } line after it)
hint-fm-unclosed = close the front matter: add a line { $delim } after line { $last }, before the article's text
fm-lang = lang { $value } is not a language puente translates
hint-fm-lang = write en or es, or a regional form such as en-US, en-GB, es-MX or es_MX
fm-date = date { $value } is not a calendar date
hint-fm-date = write the date as YYYY-MM-DD, for example 2026-11-23 (a time may follow: 2026-11-23T08:00:00Z)
fm-draft = draft { $value } is neither true nor false
hint-fm-draft = write draft: true or draft: false
fm-related-not-a-list = related is not a list of links
fm-related-inline = related is written on one line, where its titles would not be translated
fm-related-not-a-link = this item of related is not a link with a title
fm-related-no-title = this link of related has no title
hint-fm-related = write each link as a list item under related: "- title: …" with "url: …" on the next line, indented
hint-fm-related-toml = write each link as a [[related]] table with title = "…" and url = "…"
warning-prefix = warning
fm-unknown-key = { $path }:{ $line }: unknown front matter key { $key }: it is kept as it is and not translated
fm-unknown-related-key = { $path }:{ $line }: unknown key { $key } in a related link: it is kept as it is and not translated
hint-fm-closest = did you mean { $closest }?
hint-fm-keys = puente knows { $keys }; see README.md, "Front matter"
err-article-not-workfile = { $path } is an article, not a work file
hint-article-not-workfile = merge the article's work file: puente merge { $workfile }
hint-article-not-segmented = segment the article first (puente segment { $path } writes { $workfile }), translate it, then merge that work file
hint-source-moved = restore the article at that path; if it moved, name it: puente merge --source ARTICLE { $path }
arg-merge-source = The source article, when it is no longer where the work file says (moved or renamed); its checksum must still match

## publish: many stories in one run, the index's archive (issue 15, issue 17)
index-archive = Archive
index-undated = Undated
# An archive page's month: "November 2026".
index-month = { $month } { $year }
err-publish-one-story-flag = { $flag } is one story's, but { $count ->
    [one] 1 work file is
   *[other] { $count } work files are
  } being published
hint-publish-one-story-flag = publish the story on its own (puente publish ARTICLE WORKFILE { $flag } …), or set it in each article's front matter
publish-many-done = published { $published ->
    [one] 1 story
   *[other] { $published } stories
  } into { $dir }{ $drafts ->
    [0] {""}
    [one] {" "}(1 as a DRAFT)
   *[other] {" "}({ $drafts } as DRAFTS)
  }; { $refused ->
    [0] none refused
   *[other] { $refused } refused
  }, { $failed ->
    [0] none failed
   *[other] { $failed } failed
  }; the index was rebuilt once
publish-many-refused = { $file }: { $slug } refused
publish-many-nothing = nothing was published: the index was left as it was
arg-publish-article-many = The source article (.md or .txt); or work files (.po, .xlf) and folders of them, each naming its article: every story is published in one run, the index rebuilt once
arg-publish-translation-many = Its work file (.po, .xlf), or the article already translated (default: the work file segment writes); or more work files and folders

## publish of many stories: one story per slug, one work file per story
err-slug-taken = { $path }: its story's slug { $slug } is the slug of { $other }, published in this run; its pages would replace that story's
hint-slug-taken = give one of the articles its own slug in its front matter (slug: …)
publish-same-story = { $file } translates the same story as { $other }, which is newer: only { $other } is published
init-config-kept-hint = the project's settings were kept; puente init --force replaces { $path } with the commented template

## many files in one run: segment and merge of folders (issue 17)
err-no-articles = there are no articles (.md, .txt) in { $path }
err-not-learned = { $merged ->
    [yes] { $file } is merged, but the translation memory { $path } did not learn its units
   *[no] the translation memory { $path } did not learn the units of { $file }
}
hint-not-learned = the memory took none of this batch's units; once it can be written, add them: puente tm add { $file }
many-output = -o names one file, and { $count ->
    [one] a folder was given
   *[other] { $count } inputs were given
}
hint-many-output = leave out -o: each work file or edition goes where a single run puts it
many-update = --update rewrites one work file, and { $count ->
    [one] a folder was given
   *[other] { $count } inputs were given
}
hint-many-update = run puente segment ARTICLE --update WORKFILE once for each article
many-source = --source names the article of one work file, and { $count ->
    [one] a folder was given
   *[other] { $count } inputs were given
}
hint-many-source = run puente merge --source ARTICLE WORKFILE once for each moved article
segment-many-done = segmented { $articles ->
    [one] 1 article
   *[other] { $articles } articles
  }: { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
  }, { $failed ->
    [one] 1 failed
   *[other] { $failed } failed
  }
merge-many-refused = { $path }: { $count ->
    [one] 1 segment is not ready
   *[other] { $count } segments are not ready
  }, nothing written
merge-many-done = merged { $files ->
    [one] 1 work file
   *[other] { $files } work files
  }: { $written } written, { $refused } refused, { $failed ->
    [one] 1 failed
   *[other] { $failed } failed
  }{ $unlearned ->
    [0] {""}
    [one] ; the memory did not learn 1 of those written
   *[other] ; the memory did not learn { $unlearned } of those written
  }
tm-add-done = translation memory { $path }: { $units ->
    [one] 1 new unit
   *[other] { $units } new units
  } from { $files ->
    [one] 1 work file
   *[other] { $files } work files
  }, { $failed ->
    [one] 1 failed
   *[other] { $failed } failed
  }
arg-segment-articles = The source articles (.md with front matter, or .txt), or folders of them
arg-merge-workfiles = The work files (.po or .xlf), or folders of them
segment-edition-skipped = { $path } is the edition merge wrote from { $source }: not segmented
translate-many-done = translated { $files ->
    [one] 1 work file
   *[other] { $files } work files
  }: { $done ->
    [one] 1 segment translated and saved
   *[other] { $done } segments translated and saved
  }, { $left ->
    [one] 1 left untranslated
   *[other] { $left } left untranslated
  }, { $failed ->
    [one] 1 failed
   *[other] { $failed } failed
  }
## Folder runs: progress and Ctrl-C (issue 17)
progress-segment = articles
progress-merge = work files
progress-publish = stories
progress-segments = { $segments ->
    [one] 1 segment
   *[other] { $segments } segments
  }
stopping-between = { $signal }: finishing what is under way and starting nothing else; press Ctrl-C again to stop at once
stopping-after-grace = what was under way did not finish within { $seconds } s: stopping now
stopped-between = interrupted by { $signal }: { $done ->
    [one] 1 done
   *[other] { $done } done
  }, { $unstarted ->
    [0] none left to do
    [one] 1 not started; run the same command again to do the rest
   *[other] { $unstarted } not started; run the same command again to do the rest
  }

## PostgreSQL memory (issue 18)
err-memory-server-down = the translation memory server { $place } does not answer
hint-memory-server-down = check that PostgreSQL runs there and takes connections from this machine, or point [tm] url in puente.toml (or PUENTE_TM_URL) at the right server; nothing was written
err-memory-server-no-password = the translation memory server { $place } asks for a password and none was given
err-memory-server-auth = the translation memory server { $place } refused the user or the password
hint-memory-server-password = give the password in PGPASSWORD, in ~/.pgpass, or in the variable that [tm] password_env names; it is never written in puente.toml
err-memory-server-no-database = the translation memory server { $place } has no such database
hint-memory-server-no-database = create it (createdb) or name an existing database in the URL
err-memory-server-newer = the translation memory on { $place } was made by a newer puente
hint-memory-server-newer = update puente on this machine to use that memory
err-memory-server = the translation memory server { $place } failed
err-memory-url = the translation memory URL in { $from } cannot be used: { $reason }
hint-memory-url = write it as postgresql://user@host:port/database, with ?sslmode=require or ?sslmode=verify-full for TLS
memory-url-not-postgres = it is not a postgresql:// URL
memory-url-no-user = it names no user
memory-url-no-host = it names no host
memory-url-parameter = puente does not use the parameter { $name }
memory-url-value = the value of { $name } is not one puente accepts
err-memory-url-password = the translation memory URL in { $from } holds a password
hint-memory-url-password = take the password out of the URL and give it in PGPASSWORD, in ~/.pgpass, or in the variable that [tm] password_env names
cfg-password-in-url = { $key } holds a password, which is never kept in puente.toml
err-memory-password-env = the variable { $name } that [tm] password_env names is not set
hint-memory-password-env = set it to the memory server's password, or remove password_env to use PGPASSWORD or ~/.pgpass
tm-migrated = translation memory { $from } → { $to }: { $read ->
    [one] 1 unit read
   *[other] { $read } units read
  }, { $added ->
    [one] 1 new
   *[other] { $added } new
  }
cmd-tm-migrate = Copy every unit of the memory into another: a PostgreSQL server or a SQLite file
arg-tm-migrate-to = The memory to copy into: a postgresql:// URL or a SQLite file
err-memory-server-tls = the TLS connection to the translation memory server { $place } failed
hint-memory-server-tls = with sslmode=verify-full the server's certificate must be signed by a public certificate authority, or the one in the file sslrootcert names, for its host name; sslmode=require encrypts without checking the certificate; the server must have ssl = on

## translation cache on a server (issue 18)
translate-no-cache-server = the translation cache on the server { $place } cannot be used: going on without it
hint-cache-url-password = take the password out of the URL and give it in PGPASSWORD, in ~/.pgpass, or in the variable that [cache] password_env names

## memory server CA (issue 18)
err-memory-server-root-cert = cannot read the certificate authority file that sslrootcert names for the translation memory server { $place }
hint-memory-server-root-cert = make sslrootcert in the URL name a readable PEM file holding the certificate authority that signed the server's certificate

## tm streaming and lock wait (issue 17)
err-folder-locked = { $path } is locked: another puente publish is using that folder (waited { $seconds ->
    [one] 1 second
   *[other] { $seconds } seconds
  })
hint-folder-locked = wait for the other publish to finish and run this one again; { $var } sets how many seconds to wait (now { $seconds })
err-bad-seconds = { $setting } = "{ $value }" is not a number of seconds
hint-bad-seconds = write a number of seconds, such as 60 or 0.5

## XLIFF canResegment="no" (issue 17, reliability)
segment-held = { $count ->
    [one] 1 unit was kept as it was: it says canResegment="no" and puente would cut its text into other segments, so merge lists the sentences it does not hold
   *[other] { $count } units were kept as they were: they say canResegment="no" and puente would cut their text into other segments, so merge lists the sentences they do not hold
  }

## a memory that stops learning in a folder merge (issue 17)
hint-not-learned-more = { $count ->
    [one] 1 more work file above was not learned for the same reason
   *[other] { $count } more work files above were not learned for the same reason
}; once the memory can be written, add the reviewed translations there again (a unit it already has changes nothing): { $command }

## publish: archive pages of a bounded size (issue 17)
index-page-previous = Previous page
index-page-next = Next page
index-page = Page { $page }
