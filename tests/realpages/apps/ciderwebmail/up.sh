#!/usr/bin/env bash
# up.sh — bring up a real CiderWebmail (Debian 12 ciderwebmail 1.05, Perl/Catalyst) on loopback,
# with its own Dovecot IMAP instance and a pre-seeded Maildir of B2B mails.
# No systemd: daemons run in the background, pids in $STATE/*.pid.  Stop with down.sh.
#
# Env overrides: CIDER_HTTP_PORT (8102) CIDER_IMAP_PORT (10202) CIDER_STATE (/var/tmp/realpages/ciderwebmail)
#                CIDER_USER (mara) CIDER_PASS (mara-pass-1) SKIP_APT=1 (packages already installed)
set -euo pipefail

T0=$(date +%s%N)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${CIDER_STATE:-/var/tmp/realpages/ciderwebmail}"
HTTP_PORT="${CIDER_HTTP_PORT:-8102}"
IMAP_PORT="${CIDER_IMAP_PORT:-10202}"
WM_USER="${CIDER_USER:-mara}"
WM_PASS="${CIDER_PASS:-mara-pass-1}"
ME_NAME="Mara Klein"
ME_ADDR="mara.klein@alpenblick-software.de"
MAILUSER=rpwebmail          # unix account that owns the Maildir (dovecot refuses root)
APPUSER=ciderwebmail        # created by the Debian package; runs plackup

elapsed() { local d=$(( ($(date +%s%N) - T0) / 100000000 )); printf '%d.%d' $((d/10)) $((d%10)); }
log() { printf '[cider-up %6ss] %s\n' "$(elapsed)" "$*"; }
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, useradd, dovecot)"; exit 1; }

# ---------------------------------------------------------------- 1. packages
if [ "${SKIP_APT:-0}" != 1 ]; then
  log "apt-get install ciderwebmail libdbd-sqlite3-perl dovecot-imapd (no recommends)"
  export DEBIAN_FRONTEND=noninteractive
  MADE_POLICY=0   # keep maintainer scripts from starting daemons; only our own policy-rc.d is removed
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; MADE_POLICY=1
  fi
  trap '[ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  APTLOG="/tmp/realpages-apt.$$.log"
  apt-get -o DPkg::Lock::Timeout=900 update -qq || echo "WARNING: apt-get update failed; going on"
  # libdbd-sqlite3-perl is only a Recommends, but the settings DB needs it; plackup comes with libplack-perl.
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
      ciderwebmail libdbd-sqlite3-perl libplack-perl dovecot-imapd curl >"$APTLOG" 2>&1 \
    && rm -f "$APTLOG" \
    || echo "WARNING: apt-get install failed, see $APTLOG (someone else's half-configured package?); going on if ours are there"
  [ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d; MADE_POLICY=0
fi
command -v dovecot >/dev/null && command -v plackup >/dev/null && [ -d /usr/share/ciderwebmail ] \
  || { echo "packages missing (SKIP_APT=1 set?)"; exit 1; }
id "$APPUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$APPUSER"

# ---------------------------------------------------------------- 2. state dirs (idempotent: restart if up)
if ls "$STATE"/*.pid >/dev/null 2>&1; then log "already up: stopping first"; bash "$HERE/down.sh" >/dev/null; fi
log "state in $STATE"
rm -rf "$STATE"; mkdir -p "$STATE"/{var,log,run,mail}
id "$MAILUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$MAILUSER"
HOME_DIR="$STATE/mail/$WM_USER"
# ---------------------------------------------------------------- dovecot (own instance, IMAP on 127.0.0.1)
# start_dovecot <state> <imap-port> <user> <pass> <home> <instance-name>
start_dovecot() {
  local S="$1" PORT="$2" U="$3" P="$4" H="$5" NAME="$6" MUID MGID i
  MUID=$(id -u "$MAILUSER"); MGID=$(id -g "$MAILUSER")
  mkdir -p "$S/run/dovecot" "$S/run/dovecot-state" "$S/log"
  printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$U" "$P" "$MUID" "$MGID" "$H" > "$S/dovecot.passwd"
  chmod 640 "$S/dovecot.passwd"; chgrp dovecot "$S/dovecot.passwd" 2>/dev/null || true
  cat > "$S/dovecot.conf" <<EOF
# standalone dovecot instance (does not read /etc/dovecot)
protocols = imap
listen = 127.0.0.1
base_dir = $S/run/dovecot
state_dir = $S/run/dovecot-state
instance_name = $NAME
log_path = $S/log/dovecot.log
info_log_path = $S/log/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 100
mail_location = maildir:~/Maildir
mail_privileged_group =
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $S/dovecot.passwd
}
userdb {
  driver = passwd-file
  args = username_format=%n $S/dovecot.passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
EOF
  : > "$S/log/dovecot.log"
  dovecot -c "$S/dovecot.conf" </dev/null >>"$S/log/dovecot.log" 2>&1   # daemonizes
  for i in $(seq 50); do [ -s "$S/run/dovecot/master.pid" ] && break; sleep 0.1; done
  cp "$S/run/dovecot/master.pid" "$S/dovecot.pid"
  for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && return 0; sleep 0.1; done
  echo "dovecot did not listen on $PORT; see $S/log/dovecot.log"; return 1
}
# ---------------------------------------------------------------- seed Maildir (tests/realpages/apps/mail-seed.sh)
. "$HERE/../mail-seed.sh"

# ---------------------------------------------------------------- 3. dovecot + mails
log "seeding Maildir + starting dovecot (127.0.0.1:$IMAP_PORT)"
seed_maildir "$HOME_DIR/Maildir"
chown -R "$MAILUSER:$MAILUSER" "$HOME_DIR"; chmod -R go-rwx "$HOME_DIR"
start_dovecot "$STATE" "$IMAP_PORT" "$WM_USER" "$WM_PASS" "$HOME_DIR" realpages-cider
log "seeded $N messages"

# ---------------------------------------------------------------- 4. ciderwebmail config (own copy, /etc untouched)
log "ciderwebmail config in $STATE (IMAP 127.0.0.1:$IMAP_PORT, settings DB + sessions in $STATE/var)"
cat > "$STATE/ciderwebmail.conf" <<CONF
name CiderWebmail
<server>
	host 127.0.0.1
	port $IMAP_PORT
</server>
<managesieve>
	mode off
</managesieve>
language en
username_default_address 0
<send>
	method smtp
	host 127.0.0.1
</send>
<Model::DB>
	connect_info dbi:SQLite:$STATE/var/user_settings.sql
</Model::DB>
<Plugin::Session>
	storage $STATE/var/session
</Plugin::Session>
CONF
# Debian's /etc/ciderwebmail/ciderwebmail.psgi uses '|=' on the env vars (so an exported
# CIDERWEBMAIL_CONFIG gets bit-or'ed with the default): use our own two-line psgi instead.
cat > "$STATE/ciderwebmail.psgi" <<'PSGI'
use strict;
use warnings;
use CiderWebmail;
my $app = CiderWebmail->apply_default_middlewares(CiderWebmail->psgi_app(@_));
PSGI
chown -R "$APPUSER:$APPUSER" "$STATE/var" "$STATE/log"

# ---------------------------------------------------------------- 5. plackup (HTTP::Server::PSGI)
log "starting plackup 127.0.0.1:$HTTP_PORT (as $APPUSER)"
cd /usr/share/ciderwebmail
# The pid file is written from inside the new session: pid == process group, for down.sh.
CIDERWEBMAIL_HOME=/usr/share/ciderwebmail CIDERWEBMAIL_CONFIG="$STATE/ciderwebmail.conf" \
  setsid sh -c 'echo $$ > "$0"; exec "$@"' "$STATE/plackup.pid" \
  setpriv --reuid="$APPUSER" --regid="$APPUSER" --init-groups \
  plackup -E deployment -s HTTP::Server::PSGI --host 127.0.0.1 --port "$HTTP_PORT" "$STATE/ciderwebmail.psgi" \
  >>"$STATE/log/plackup.log" 2>&1 < /dev/null &
cd - >/dev/null
B="http://127.0.0.1:$HTTP_PORT"
for i in $(seq 300); do curl -fsS -o /dev/null "$B/" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$B/" || { echo "web server did not come up; see $STATE/log/plackup.log"; exit 1; }

# ---------------------------------------------------------------- 6. smoke test (login + INBOX)
log "smoke test: login form POST + INBOX listing"
CJ="$STATE/run/smoke.cookies"; rm -f "$CJ"
PAGE=$(curl -fsS -c "$CJ" -b "$CJ" -L --data-urlencode "username=$WM_USER" --data-urlencode "password=$WM_PASS" "$B/" || true)
rm -f "$CJ"
if grep -q 'Katrin Vogel' <<<"$PAGE"; then log "smoke test OK (logged in, $(grep -o 'class="sender"' <<<"$PAGE" | wc -l) messages listed)"
else log "WARNING: smoke test could not see the INBOX; see $STATE/log/plackup.log"; fi

cat <<MSG

CiderWebmail is up (bring-up took $(elapsed) s):
  URL:        $B/            user '$WM_USER'  password '$WM_PASS'
              form: #username, input[name=password], button[type=submit]  -> $B/mailbox/INBOX/
  full page:  $B/mailbox/INBOX/<uid>      (the list's subject links; a click loads it into the lower pane)
  IMAP:       127.0.0.1:$IMAP_PORT (dovecot, plaintext), Maildir $HOME_DIR/Maildir
  logs:       $STATE/log   pids: $STATE/dovecot.pid $STATE/plackup.pid
  stop:       bash $HERE/down.sh
MSG
