#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs the real tools the tests use (gettext's msgfmt,
# Translate Toolkit's pocount, libxml2's xmllint, Apertium's English-Spanish pair and its APy server,
# Chromium, Java, strace, OpenSSL, PostgreSQL) from Debian's packages when missing (as root), and the W3C Nu HTML Checker
# (npm package vnu-jar) into target/tools.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pocount >/dev/null 2>&1 || need+=(translate-toolkit)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v apertium >/dev/null 2>&1 || need+=(apertium-eng-spa)
command -v apertium-apy >/dev/null 2>&1 || need+=(apertium-apy)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v strace >/dev/null 2>&1 || need+=(strace)
# openssl makes the private certificate authority of the memory server's TLS tests.
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v cargo >/dev/null 2>&1 || need+=(cargo rustc)
# PostgreSQL's server binaries: the memory's tests (tests/it/pgmemory.rs) make private clusters
# with them. Debian's package is told not to create and start a cluster of its own.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
  mkdir -p /etc/postgresql-common
  if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
  fi
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold \
    "${need[@]}" >/dev/null
fi

# The W3C Nu HTML Checker validates every published page (tests/it/publish.rs finds it here).
vnu=target/tools/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
  mkdir -p target/tools
  npm install --prefix target/tools --no-audit --no-fund --silent vnu-jar@26.9.27 >&2
fi

# CI=true makes a missing tool fail its test instead of skipping it.
export CI="${CI:-true}"
# Style gates run where the toolchain has them (rustup components cannot be fetched offline).
if cargo fmt --version >/dev/null 2>&1; then cargo fmt --check; else echo "note: rustfmt not installed; skipping cargo fmt --check" >&2; fi
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --all-targets --quiet -- -D warnings
else
  echo "note: clippy not installed; skipping cargo clippy" >&2
fi
# Unit, integration, property and doc tests; the benchmarks are compiled, not run.
cargo test --quiet
# The project's own glossary must lint clean (exit 1 on findings fails CI).
cargo run --quiet -- glossary lint
# The reviewed sample translation checks clean against it (exit 1 on errors fails CI), and each
# work file that breaks an error-level rule is caught (exit 1), as a newsroom's CI would run it.
cargo run --quiet -- check tests/fixtures/drone-strikes.es.po
for rule in glossary-term forbidden-term name-preserved quote-marks quote-punctuation \
            quote-fidelity numbers spanish-punctuation untranslated markup duplicate-id \
            plural-forms control-characters; do
  set +e
  cargo run --quiet -- check "tests/fixtures/violations/$rule.po" --format json >/dev/null 2>&1
  status=$?
  set -e
  if [ "$status" -ne 1 ]; then echo "check missed $rule (exit $status)" >&2; exit 1; fi
done
# The benchmarks are compiled to prove they still build, in the test build's profile: an
# optimized build of them reuses nothing the tests built (from nothing, it took about 7 of a
# 22-minute run on a slow two-core machine).
cargo bench --no-run --quiet --profile dev
