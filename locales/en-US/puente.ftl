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
cli-after-help = Exit codes: 0 ok, 1 findings (check) or unfinished segments (merge), 2 error.
cli-help-command = Print this message or the help of the given command

cmd-import = Turn a scraped plain-text article into a canonical Markdown article
cmd-split = Print the segments of a text, one per line
cmd-segment = Write the work file (PO or XLIFF) for translating an article
cmd-merge = Rebuild the translated article from a work file and its source
cmd-init = Write a commented puente.toml in the current directory

arg-import-input = The scraped article (plain text), or - for standard input
arg-output = Where to write (default: see the command's description)
arg-import-output = Where to write the article (default: standard output)
arg-lang = Language of the text (en, es)
arg-keep-all = Keep every line: drop no page furniture
arg-split-input = The text to split, or - for standard input (the default)
arg-format-data = Output format
arg-article = The source article (.md with front matter, or .txt)
arg-to = Target language (default: the project's, else the other of en/es)
arg-from = Source language (default: the article's front matter, else the project's, else en)
arg-workfile-format = Work file format
arg-segment-output = Where to write the work file (default: next to the article, ARTICLE.LANG.po)
arg-workfile = The work file (.po or .xlf)
arg-merge-output = Where to write the translated article (default: the source's name with the target language)
arg-draft = Merge even if segments are untranslated or unreviewed: they keep the source text
arg-force = Overwrite an existing file

## Results

import-dropped = dropped line { $line }: { $text }
import-related = line { $line } moved to related links: { $text }
import-done = wrote { $path }: { $blocks } blocks, { $dropped ->
    [one] 1 line dropped
   *[other] { $dropped } lines dropped
}
segment-done = wrote { $path }: { $segments } segments in { $blocks } blocks
segment-carried = kept { $count } existing translations from { $path }
merge-done = wrote { $path }: { $translated } of { $total } segments translated
merge-draft = { $count ->
    [one] 1 segment kept its source text (draft)
   *[other] { $count } segments kept their source text (draft)
}
merge-refused = { $count ->
    [one] 1 segment is not ready: merge needs every segment translated and reviewed
   *[other] { $count } segments are not ready: merge needs every segment translated and reviewed
}
merge-pending-item = { $id } ({ $source }:{ $line }): { $reason }
merge-more = … and { $count } more
merge-hint-draft = use --draft to merge anyway; unfinished segments keep the source text
reason-untranslated = untranslated
reason-fuzzy = fuzzy (not reviewed)
reason-missing = not in the work file
reason-placeholder = placeholder mismatch: { $detail }
init-done = wrote { $path }
init-exists = { $path } already exists
init-hint = use --force to overwrite it

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
fm-unclosed = the front matter is never closed (no closing --- or +++)
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
err-lang = unknown language { $value }
hint-lang = use en or es
err-output-is-source = { $path } is the source article; writing there would destroy it
hint-output-is-source = choose another file with -o
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
lint-clean = { $files } glossary files, { $terms } terms, { $quotes } quotes: no findings
lint-summary = { $count ->
    [one] 1 finding
   *[other] { $count } findings
}
