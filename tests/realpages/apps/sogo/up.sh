#!/usr/bin/env bash
# up.sh — bring up a real SOGo webmail (Debian 12 sogo 5.8.0, GNUstep/SOPE) on loopback, with
# its own PostgreSQL 15 cluster, memcached, Dovecot IMAP (seeded Maildir) and an Apache front
# (static WebServerResources + reverse proxy to sogod, as Debian's /usr/share/doc/sogo/apache.conf).
# No systemd: daemons run in the background, pids in $STATE/*.pid.  Stop with down.sh.
# /etc/sogo/sogo.conf is replaced while up (original kept as sogo.conf.realpages-orig, down.sh restores it).
#
# Env overrides: SOGO_HTTP_PORT (8104, Apache) SOGO_SOGOD_PORT (8105) SOGO_PG_PORT (8106)
#                SOGO_MC_PORT (8107, memcached) SOGO_IMAP_PORT (10204) SOGO_STATE (/var/tmp/realpages/sogo)
#                SOGO_USER (mara) SOGO_PASS (mara-pass-1) SKIP_APT=1 (packages already installed)
set -euo pipefail

T0=$(date +%s%N)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${SOGO_STATE:-/var/tmp/realpages/sogo}"
HTTP_PORT="${SOGO_HTTP_PORT:-8104}"
SOGOD_PORT="${SOGO_SOGOD_PORT:-8105}"
PG_PORT="${SOGO_PG_PORT:-8106}"
MC_PORT="${SOGO_MC_PORT:-8107}"
IMAP_PORT="${SOGO_IMAP_PORT:-10204}"
WM_USER="${SOGO_USER:-mara}"
WM_PASS="${SOGO_PASS:-mara-pass-1}"
DB_PASS="sogo-db-pass"
ME_NAME="Mara Klein"
ME_ADDR="mara.klein@alpenblick-software.de"
MAILUSER=rpwebmail          # unix account that owns the Maildir (dovecot refuses root)
PGBIN=/usr/lib/postgresql/15/bin
MARK="realpages sogo up.sh"

elapsed() { local d=$(( ($(date +%s%N) - T0) / 100000000 )); printf '%d.%d' $((d/10)) $((d%10)); }
log() { printf '[sogo-up %6ss] %s\n' "$(elapsed)" "$*"; }
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, useradd, daemons)"; exit 1; }
as() { local u="$1"; shift; setpriv --reuid="$u" --regid="$u" --init-groups "$@"; }

# ---------------------------------------------------------------- 1. packages
if [ "${SKIP_APT:-0}" != 1 ]; then
  log "apt-get install sogo memcached postgresql-15 apache2 dovecot-imapd (no recommends)"
  export DEBIAN_FRONTEND=noninteractive
  MADE_POLICY=0   # keep maintainer scripts from starting daemons; only our own policy-rc.d is removed
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; MADE_POLICY=1
  fi
  trap '[ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  APTLOG="/tmp/realpages-apt.$$.log"
  apt-get -o DPkg::Lock::Timeout=900 update -qq || echo "WARNING: apt-get update failed; going on"
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
      sogo memcached postgresql-15 postgresql-client-15 apache2 dovecot-imapd curl >"$APTLOG" 2>&1 \
    && rm -f "$APTLOG" \
    || echo "WARNING: apt-get install failed, see $APTLOG (someone else's half-configured package?); going on if ours are there"
  [ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d; MADE_POLICY=0
fi
[ -x /usr/sbin/sogod ] && [ -x "$PGBIN/initdb" ] && command -v memcached >/dev/null && [ -x /usr/sbin/apache2 ] \
  && command -v dovecot >/dev/null || { echo "packages missing (SKIP_APT=1 set?)"; exit 1; }

# ---------------------------------------------------------------- 2. state dirs (idempotent: restart if up)
if ls "$STATE"/*.pid >/dev/null 2>&1; then log "already up: stopping first"; bash "$HERE/down.sh" >/dev/null; fi
log "state in $STATE"
rm -rf "$STATE"; mkdir -p "$STATE"/{run,log,mail,pgdata,sogo-home,htdocs}
chmod 755 "$STATE"
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
SEED_CRLF=0
. "$HERE/../mail-seed.sh"

# ---------------------------------------------------------------- 3. dovecot + mails
log "seeding Maildir + starting dovecot (127.0.0.1:$IMAP_PORT)"
seed_maildir "$HOME_DIR/Maildir"
chown -R "$MAILUSER:$MAILUSER" "$HOME_DIR"; chmod -R go-rwx "$HOME_DIR"
start_dovecot "$STATE" "$IMAP_PORT" "$WM_USER" "$WM_PASS" "$HOME_DIR" realpages-sogo
log "seeded $N messages"

# ---------------------------------------------------------------- 4. PostgreSQL: own cluster in $STATE/pgdata
log "postgresql: initdb + start (127.0.0.1:$PG_PORT, socket in $STATE/run)"
chown postgres:postgres "$STATE/pgdata"; chmod 700 "$STATE/pgdata"
chown postgres "$STATE/run"; chmod 755 "$STATE/run"
: > "$STATE/log/postgres.log"; chown postgres "$STATE/log/postgres.log"
as postgres "$PGBIN/initdb" -D "$STATE/pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
   -E UTF8 --locale=C.UTF-8 >"$STATE/log/initdb.log" 2>&1
as postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" -l "$STATE/log/postgres.log" -w -s \
   -o "-p $PG_PORT -k $STATE/run -c listen_addresses=127.0.0.1" start
head -1 "$STATE/pgdata/postmaster.pid" > "$STATE/postgres.pid"
# SOGo creates its own tables on first start; the login source is a plain SQL table (SOGoUserSources, type sql).
psql -h "$STATE/run" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q <<SQL
CREATE ROLE sogo LOGIN PASSWORD '$DB_PASS';
CREATE DATABASE sogo OWNER sogo;
\c sogo
SET ROLE sogo;
CREATE TABLE sogo_users (c_uid varchar(128) PRIMARY KEY, c_name varchar(128) NOT NULL,
                         c_password varchar(256) NOT NULL, c_cn varchar(256), mail varchar(256));
INSERT INTO sogo_users VALUES ('$WM_USER', '$WM_USER', '$WM_PASS', '$ME_NAME', '$ME_ADDR');
SQL

# ---------------------------------------------------------------- 5. memcached
log "memcached 127.0.0.1:$MC_PORT"
setsid sh -c 'echo $$ > "$0"; exec "$@"' "$STATE/memcached.pid" \
  memcached -l 127.0.0.1 -p "$MC_PORT" -U 0 -m 64 -u memcache >"$STATE/log/memcached.log" 2>&1 </dev/null &
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$MC_PORT) 2>/dev/null && break; sleep 0.1; done

# ---------------------------------------------------------------- 6. sogo.conf + sogod
log "sogo.conf (Debian's saved as sogo.conf.realpages-orig) + sogod 127.0.0.1:$SOGOD_PORT"
[ -f /etc/sogo/sogo.conf.realpages-orig ] || cp -p /etc/sogo/sogo.conf /etc/sogo/sogo.conf.realpages-orig
DB="postgresql://sogo:$DB_PASS@127.0.0.1:$PG_PORT/sogo"
cat > /etc/sogo/sogo.conf <<CONF
/* written by $MARK; Debian original saved as sogo.conf.realpages-orig */
{
  SOGoProfileURL = "$DB/sogo_user_profile";
  OCSFolderInfoURL = "$DB/sogo_folder_info";
  OCSSessionsFolderURL = "$DB/sogo_sessions_folder";
  OCSEMailAlarmsFolderURL = "$DB/sogo_alarms_folder";
  SOGoUserSources = (
    {
      type = sql;
      id = users;
      viewURL = "$DB/sogo_users";
      canAuthenticate = YES;
      isAddressBook = NO;
      userPasswordAlgorithm = plain;
    }
  );
  SOGoLanguage = English;
  SOGoTimeZone = "Europe/Berlin";
  SOGoMailDomain = "alpenblick-software.de";
  SOGoIMAPServer = "imap://127.0.0.1:$IMAP_PORT";
  SOGoMailingMechanism = smtp;
  SOGoSMTPServer = "smtp://127.0.0.1:25";
  SOGoSentFolderName = Sent;
  SOGoTrashFolderName = Trash;
  SOGoDraftsFolderName = Drafts;
  SOGoSieveScriptsEnabled = NO;
  SOGoVacationEnabled = NO;
  SOGoForwardEnabled = NO;
  SOGoMailMessageCheck = manually;
  SOGoAppointmentSendEMailNotifications = NO;
  SOGoMemcachedHost = "127.0.0.1:$MC_PORT";
}
CONF
chown root:sogo /etc/sogo/sogo.conf; chmod 640 /etc/sogo/sogo.conf
chown sogo:sogo "$STATE/sogo-home"; : > "$STATE/log/sogod.log"; chown sogo "$STATE/log/sogod.log"
mkdir -p "$STATE/run/sogo"; chown sogo "$STATE/run/sogo"
( cd "$STATE/sogo-home"
  setsid sh -c 'echo $$ > "$0"; exec "$@"' "$STATE/sogod-launch.pid" \
    setpriv --reuid=sogo --regid=sogo --init-groups env HOME="$STATE/sogo-home" \
    /usr/sbin/sogod -WOPort "127.0.0.1:$SOGOD_PORT" -WOWorkersCount 3 -WONoDetach YES \
      -WOPidFile "$STATE/run/sogo/sogod.pid" -WOLogFile "$STATE/log/sogod.log" \
    >"$STATE/log/sogod.stdout" 2>&1 </dev/null & )
for i in $(seq 300); do curl -fsS -o /dev/null "http://127.0.0.1:$SOGOD_PORT/SOGo/" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$SOGOD_PORT/SOGo/" || { echo "sogod did not come up; see $STATE/log/sogod.log"; exit 1; }
# sogod's own pid file is the watchdog (parent of the workers); fall back to the launcher's pid
if [ -s "$STATE/run/sogo/sogod.pid" ]; then cp "$STATE/run/sogo/sogod.pid" "$STATE/sogod.pid"; else cp "$STATE/sogod-launch.pid" "$STATE/sogod.pid"; fi
rm -f "$STATE/sogod-launch.pid"

# ---------------------------------------------------------------- 7. apache2 front (static files + proxy)
log "apache2 127.0.0.1:$HTTP_PORT -> sogod (as /usr/share/doc/sogo/apache.conf, http)"
cat > "$STATE/apache2.conf" <<CONF
# standalone apache instance for SOGo (does not read /etc/apache2/apache2.conf)
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
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule setenvif_module /usr/lib/apache2/modules/mod_setenvif.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so
TypesConfig /etc/mime.types
LogFormat "%h %t \"%r\" %>s %b" common
CustomLog $STATE/log/apache-access.log common
DocumentRoot $STATE/htdocs
<Directory />
  Require all denied
  AllowOverride None
</Directory>
RedirectMatch ^/\$ /SOGo/
Alias /SOGo.woa/WebServerResources/ /usr/lib/GNUstep/SOGo/WebServerResources/
Alias /SOGo/WebServerResources/ /usr/lib/GNUstep/SOGo/WebServerResources/
<Directory /usr/lib/GNUstep/SOGo/>
  Require all granted
</Directory>
ProxyRequests Off
ProxyPreserveHost On
SetEnv proxy-nokeepalive 1
ProxyPass /SOGo http://127.0.0.1:$SOGOD_PORT/SOGo retry=0 nocanon
<Proxy http://127.0.0.1:$SOGOD_PORT/SOGo>
  RequestHeader set "x-webobjects-server-port" "$HTTP_PORT"
  SetEnvIf Host (.*) HTTP_HOST=\$1
  RequestHeader set "x-webobjects-server-name" "%{HTTP_HOST}e" env=HTTP_HOST
  RequestHeader set "x-webobjects-server-url" "http://%{HTTP_HOST}e" env=HTTP_HOST
  RequestHeader unset "x-webobjects-remote-user"
  RequestHeader set "x-webobjects-server-protocol" "HTTP/1.0"
  AddDefaultCharset UTF-8
  Require all granted
</Proxy>
CONF
/usr/sbin/apache2 -f "$STATE/apache2.conf" -k start
for i in $(seq 50); do [ -s "$STATE/run/apache2.pid" ] && break; sleep 0.1; done
cp "$STATE/run/apache2.pid" "$STATE/apache2.pid"
B="http://127.0.0.1:$HTTP_PORT"
for i in $(seq 50); do curl -fsS -o /dev/null "$B/SOGo/" 2>/dev/null && break; sleep 0.1; done

# ---------------------------------------------------------------- 8. smoke test (login + INBOX via SOGo's JSON API)
log "smoke test: /SOGo/connect + INBOX listing"
CJ="$STATE/run/smoke.cookies"; rm -f "$CJ"
curl -fsS -c "$CJ" -b "$CJ" -o /dev/null -H 'Content-Type: application/json' \
     -d "{\"userName\":\"$WM_USER\",\"password\":\"$WM_PASS\",\"rememberLogin\":0}" "$B/SOGo/connect" || true
XSRF=$(awk '$6=="XSRF-TOKEN"{print $7}' "$CJ" 2>/dev/null || true)
PAGE=$(curl -fsS -c "$CJ" -b "$CJ" -H "X-XSRF-TOKEN: $XSRF" -H 'Content-Type: application/json' \
     -d '{"sortingAttributes":{"sort":"arrival","asc":0}}' "$B/SOGo/so/$WM_USER/Mail/0/folderINBOX/view" || true)
rm -f "$CJ"
if grep -q 'Katrin Vogel' <<<"$PAGE"; then log "smoke test OK (logged in, $(grep -o '"uids": *\[[^]]*\]' <<<"$PAGE" | tr -cd ',' | wc -c | awk '{print $1+1}') messages listed)"
else log "WARNING: smoke test could not see the INBOX; see $STATE/log/sogod.log"; fi

cat <<MSG

SOGo is up (bring-up took $(elapsed) s):
  URL:        $B/SOGo/      user '$WM_USER'  password '$WM_PASS'
              form: input[ng-model="app.creds.username"], input[ng-model="app.creds.password"], Enter
              -> $B/SOGo/so/$WM_USER/Mail/view#!/Mail/0/INBOX  (3-pane; message n: ...#!/Mail/0/INBOX/<uid>)
  full view:  $B/SOGo/so/$WM_USER/Mail//UIxMailPopupView#!/Mail/0/INBOX/<uid>  ("Open in New Window")
  API login:  POST $B/SOGo/connect {"userName","password"} (cookies; POSTs need X-XSRF-TOKEN)
  IMAP:       127.0.0.1:$IMAP_PORT (dovecot), Maildir $HOME_DIR/Maildir
  internals:  sogod 127.0.0.1:$SOGOD_PORT, postgres 127.0.0.1:$PG_PORT ($STATE/pgdata), memcached 127.0.0.1:$MC_PORT
  logs:       $STATE/log   pids: $STATE/*.pid
  stop:       bash $HERE/down.sh
MSG
