#!/usr/bin/env bash
# up.sh — bring up a real SqWebMail (Debian 12 sqwebmail 6.0.5, Courier) on loopback:
# courier-authdaemond (userdb) + sqwebmaild + the sqwebmail CGI under its own Apache instance.
# SqWebMail reads the Maildir directly (no IMAP server involved).
# No systemd: daemons run in the background, pids in $STATE/*.pid.  Stop with down.sh.
# Courier's sockets are compiled in (/run/courier/...), so only one SqWebMail per machine.
#
# Env overrides: SQW_HTTP_PORT (8103) SQW_STATE (/var/tmp/realpages/sqwebmail)
#                SQW_USER (mara) SQW_PASS (mara-pass-1) SKIP_APT=1 (packages already installed)
set -euo pipefail

T0=$(date +%s%N)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${SQW_STATE:-/var/tmp/realpages/sqwebmail}"
HTTP_PORT="${SQW_HTTP_PORT:-8103}"
WM_USER="${SQW_USER:-mara}"
WM_PASS="${SQW_PASS:-mara-pass-1}"
ME_NAME="Mara Klein"
ME_ADDR="mara.klein@alpenblick-software.de"
MAILUSER=rpwebmail          # unix account that owns the Maildir (userdb maps the login to it)
COURIER=/etc/courier

elapsed() { local d=$(( ($(date +%s%N) - T0) / 100000000 )); printf '%d.%d' $((d/10)) $((d%10)); }
log() { printf '[sqwebmail-up %6ss] %s\n' "$(elapsed)" "$*"; }
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, useradd, courier daemons)"; exit 1; }
# alive <pidfile>: its process runs and is not a zombie (pid 1 here may reap late)
alive() { local st; [ -s "$1" ] || return 1; st=$(ps -o stat= -p "$(cat "$1")" 2>/dev/null) || return 1; [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }

# ---------------------------------------------------------------- 1. packages
if [ "${SKIP_APT:-0}" != 1 ]; then
  log "apt-get install sqwebmail courier-authlib-userdb apache2 (no recommends)"
  export DEBIAN_FRONTEND=noninteractive
  MADE_POLICY=0   # keep maintainer scripts from starting daemons; only our own policy-rc.d is removed
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; MADE_POLICY=1
  fi
  trap '[ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  APTLOG="/tmp/realpages-apt.$$.log"
  apt-get -o DPkg::Lock::Timeout=900 update -qq || echo "WARNING: apt-get update failed; going on"
  # sqwebmail depends on courier-authdaemon, apache2 (httpd-cgi) and an MTA (exim4 gets pulled, never started)
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
      sqwebmail courier-authdaemon courier-authlib-userdb apache2 curl >"$APTLOG" 2>&1 \
    && rm -f "$APTLOG" \
    || echo "WARNING: apt-get install failed, see $APTLOG (someone else's half-configured package?); going on if ours are there"
  [ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d; MADE_POLICY=0
fi
[ -x /usr/lib/courier/courier/sqwebmaild ] && [ -x /usr/sbin/apache2 ] && command -v makeuserdb >/dev/null \
  || { echo "packages missing (SKIP_APT=1 set?)"; exit 1; }

# ---------------------------------------------------------------- 2. state dirs (idempotent: restart if up)
if ls "$STATE"/*.pid >/dev/null 2>&1; then log "already up: stopping first"; bash "$HERE/down.sh" >/dev/null; fi
for p in /run/courier/authdaemon/pid /run/courier/sqwebmaild.pid; do
  if alive "$p"; then echo "a courier daemon not started by us is running ($p); stop it first"; exit 1; fi
done
log "state in $STATE"
rm -rf "$STATE"; mkdir -p "$STATE"/{log,run,mail,htdocs}
chmod 755 "$STATE" "$STATE/mail" "$(dirname "$STATE")"   # sqwebmaild setuids to the mail user: it must reach the home
id "$MAILUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$MAILUSER"
HOME_DIR="$STATE/mail/$WM_USER"
# ---------------------------------------------------------------- seed Maildir (tests/realpages/apps/mail-seed.sh)
. "$HERE/../mail-seed.sh"

# ---------------------------------------------------------------- 3. mails
log "seeding Maildir"
seed_maildir "$HOME_DIR/Maildir"
chown -R "$MAILUSER:$MAILUSER" "$HOME_DIR"; chmod -R go-rwx "$HOME_DIR"
log "seeded $N messages"

# ---------------------------------------------------------------- 4. courier auth: a userdb entry, authdaemonrc -> authuserdb
log "courier userdb entry '$WM_USER' -> $HOME_DIR (uid $MAILUSER), authmodulelist=authuserdb"
# /etc/courier/userdb may be a directory of files; ours is userdb/realpages (down.sh removes it).
if [ -f "$COURIER/userdb" ]; then echo "$COURIER/userdb is a file (someone else's userdb); not touching it"; exit 1; fi
mkdir -p "$COURIER/userdb"; chmod 700 "$COURIER/userdb"
PWHASH=$(printf '%s\n%s\n' "$WM_PASS" "$WM_PASS" | userdbpw -md5 2>/dev/null)
printf '%s\tuid=%s|gid=%s|home=%s|mail=%s|systempw=%s\n' "$WM_USER" "$(id -u "$MAILUSER")" "$(id -g "$MAILUSER")" \
  "$HOME_DIR" "$HOME_DIR/Maildir" "$PWHASH" > "$COURIER/userdb/realpages"
chmod 600 "$COURIER/userdb/realpages"
makeuserdb
[ -f "$COURIER/authdaemonrc.realpages-orig" ] || cp -p "$COURIER/authdaemonrc" "$COURIER/authdaemonrc.realpages-orig"
sed -i 's/^authmodulelist=.*/authmodulelist="authuserdb"/' "$COURIER/authdaemonrc"

# ---------------------------------------------------------------- 5. authdaemond + sqwebmaild (courierlogger keeps the pid files)
log "starting courier authdaemond + sqwebmaild"
mkdir -p /run/courier/authdaemon; chown courier:courier /run/courier/authdaemon 2>/dev/null || true
/usr/sbin/authdaemond start
for i in $(seq 50); do alive /run/courier/authdaemon/pid && [ -S /run/courier/authdaemon/socket ] && break; sleep 0.1; done
cp /run/courier/authdaemon/pid "$STATE/authdaemond.pid"
authtest "$WM_USER" "$WM_PASS" >/dev/null || { echo "courier authtest failed for $WM_USER"; exit 1; }
/usr/sbin/webmaild start
for i in $(seq 50); do alive /run/courier/sqwebmaild.pid && [ -S /run/courier/sqwebmail.sock ] && break; sleep 0.1; done
cp /run/courier/sqwebmaild.pid "$STATE/sqwebmaild.pid"

# ---------------------------------------------------------------- 6. apache2 (own config, CGI) on 127.0.0.1
log "starting apache2 127.0.0.1:$HTTP_PORT (own config; /cgi-bin/sqwebmail + /sqwebmail/ images)"
cat > "$STATE/apache2.conf" <<CONF
# standalone apache instance for sqwebmail (does not read /etc/apache2/apache2.conf)
ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:$HTTP_PORT
PidFile $STATE/run/apache2.pid
DefaultRuntimeDir $STATE/run
Mutex file:$STATE/run default
ErrorLog $STATE/log/apache-error.log
LogLevel warn
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule cgi_module /usr/lib/apache2/modules/mod_cgi.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
TypesConfig /etc/mime.types
LogFormat "%h %t \"%r\" %>s %b" common
CustomLog $STATE/log/apache-access.log common
StartServers 2
DocumentRoot $STATE/htdocs
DirectoryIndex index.html
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory $STATE/htdocs>
  Require all granted
</Directory>
ScriptAlias /cgi-bin/ /usr/lib/cgi-bin/
<Directory /usr/lib/cgi-bin>
  Require all granted
  Options +ExecCGI
</Directory>
Alias /sqwebmail/ /usr/share/sqwebmail/
<Directory /usr/share/sqwebmail/>
  Require all granted
</Directory>
CONF
echo '<meta http-equiv="refresh" content="0; url=/cgi-bin/sqwebmail">' > "$STATE/htdocs/index.html"
/usr/sbin/apache2 -f "$STATE/apache2.conf" -k start
for i in $(seq 50); do [ -s "$STATE/run/apache2.pid" ] && break; sleep 0.1; done
cp "$STATE/run/apache2.pid" "$STATE/apache2.pid"
B="http://127.0.0.1:$HTTP_PORT"
for i in $(seq 50); do curl -fsS -o /dev/null "$B/cgi-bin/sqwebmail?noframes=1" 2>/dev/null && break; sleep 0.1; done

# ---------------------------------------------------------------- 7. smoke test (login + INBOX)
log "smoke test: login form POST + INBOX listing"
LOC=$(curl -fsS -o /dev/null -w '%{redirect_url}' --data-urlencode "username=$WM_USER" --data-urlencode "password=$WM_PASS" \
      -d 'do.login=Login' "$B/cgi-bin/sqwebmail" || true)
SESSION_URL="${LOC%%\?*}"          # .../cgi-bin/sqwebmail/login/<user>/<session>/<time>
curl -fsS -o /dev/null "$SESSION_URL?folder=INBOX&form=folders" 2>/dev/null || true   # the page a login lands on
PAGE=$(curl -fsS "$SESSION_URL?form=folder&folder=INBOX" 2>/dev/null || true)
if grep -q 'Katrin&nbsp;Vogel' <<<"$PAGE"; then log "smoke test OK (logged in, $(grep -o 'form=readmsg&amp;pos=[0-9]*' <<<"$PAGE" | sort -u | wc -l) messages listed)"
else log "WARNING: smoke test could not see the INBOX; see $STATE/log"; fi

cat <<MSG

SqWebMail is up (bring-up took $(elapsed) s):
  URL:        $B/cgi-bin/sqwebmail        (a <frameset>; the login form is in the frame ?noframes=1)
  login:      $B/cgi-bin/sqwebmail?noframes=1  user '$WM_USER'  password '$WM_PASS'
              form: input[name=username] input[name=password] input[name="do.login"]
  after login every page is <session-url>?...: INBOX = ?form=folder&folder=INBOX,
              message n (0-based, newest first) = ?folder=INBOX&form=readmsg&pos=n  (open top-level: no frames)
  Maildir:    $HOME_DIR/Maildir (read directly, no IMAP)
  logs:       $STATE/log   pids: $STATE/{authdaemond,sqwebmaild,apache2}.pid
  stop:       bash $HERE/down.sh
MSG
