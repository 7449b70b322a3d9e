#!/usr/bin/env bash
# up.sh — bring up a real Horde IMP webmail (Debian 12 php-horde-imp 6.2.27) on loopback,
# with its own Dovecot IMAP instance and a pre-seeded Maildir of B2B mails.
# No systemd: daemons run in the background, pids in $STATE/*.pid.  Stop with down.sh.
#
# Env overrides: HORDE_HTTP_PORT (8101) HORDE_IMAP_PORT (10201) HORDE_STATE (/var/tmp/realpages/horde)
#                HORDE_USER (mara) HORDE_PASS (mara-pass-1) SKIP_APT=1 (packages already installed)
set -euo pipefail

T0=$(date +%s%N)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${HORDE_STATE:-/var/tmp/realpages/horde}"
HTTP_PORT="${HORDE_HTTP_PORT:-8101}"
IMAP_PORT="${HORDE_IMAP_PORT:-10201}"
WM_USER="${HORDE_USER:-mara}"
WM_PASS="${HORDE_PASS:-mara-pass-1}"
ME_NAME="Mara Klein"
ME_ADDR="mara.klein@alpenblick-software.de"
MAILUSER=rpwebmail          # unix account that owns the Maildir (dovecot refuses root)
HORDE_ETC=/etc/horde
HORDE_WEB=/usr/share/horde  # Debian layout; config -> /etc/horde/horde, imp/config -> /etc/horde/imp
MARK="realpages horde up.sh"

elapsed() { local d=$(( ($(date +%s%N) - T0) / 100000000 )); printf '%d.%d' $((d/10)) $((d%10)); }
log() { printf '[horde-up %6ss] %s\n' "$(elapsed)" "$*"; }
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, useradd, dovecot)"; exit 1; }

# ---------------------------------------------------------------- 1. packages
if [ "${SKIP_APT:-0}" != 1 ]; then
  log "apt-get install php-horde-imp php8.2-cli php8.2-sqlite3 dovecot-imapd (no recommends)"
  export DEBIAN_FRONTEND=noninteractive
  MADE_POLICY=0   # keep maintainer scripts from starting daemons; only our own policy-rc.d is removed
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; MADE_POLICY=1
  fi
  trap '[ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  APTLOG="/tmp/realpages-apt.$$.log"
  apt-get -o DPkg::Lock::Timeout=900 update -qq || echo "WARNING: apt-get update failed; going on"
  # php8.2-cgi is listed so that the "php" meta package does not pull libapache2-mod-php/apache2.
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
      php-horde-imp php8.2-cli php8.2-cgi php8.2-sqlite3 dovecot-imapd sqlite3 curl >"$APTLOG" 2>&1 \
    && rm -f "$APTLOG" \
    || echo "WARNING: apt-get install failed, see $APTLOG (someone else's half-configured package?); going on if ours are there"
  [ "$MADE_POLICY" = 1 ] && rm -f /usr/sbin/policy-rc.d; MADE_POLICY=0
fi
command -v dovecot >/dev/null && [ -d "$HORDE_WEB/imp" ] || { echo "packages missing (SKIP_APT=1 set?)"; exit 1; }

# ---------------------------------------------------------------- 2. state dirs (idempotent: restart if up)
if ls "$STATE"/*.pid >/dev/null 2>&1; then log "already up: stopping first"; bash "$HERE/down.sh" >/dev/null; fi
log "state in $STATE"
rm -rf "$STATE"; mkdir -p "$STATE"/{db,log,tmp,cache,vfs,run,mail}
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
start_dovecot "$STATE" "$IMAP_PORT" "$WM_USER" "$WM_PASS" "$HOME_DIR" realpages-horde
log "seeded $N messages"

# ---------------------------------------------------------------- 4. horde + imp config
log "horde config (conf.php from conf.xml defaults + overrides), sqlite db"
cat > "$STATE/genconf.php" <<'PHP'
<?php
// Writes /etc/horde/{horde,imp}/conf.php from the apps' conf.xml defaults plus our overrides,
// the way Horde's admin config UI would (Horde_Config::generatePHPConfig).
$state = $argv[1]; $port = $argv[2];
file_put_contents('/etc/horde/horde/conf.php', "<?php\n");
file_put_contents('/etc/horde/imp/conf.php', "<?php\n");
require_once '/usr/share/horde/lib/Application.php';
Horde_Registry::appInit('horde', array('cli' => true, 'authentication' => 'none'));
$vars = array(
  'horde' => array(
    'sql__phptype' => 'sqlite', 'sql__database' => "$state/db/horde.db", 'sql__charset' => 'utf-8',
    'auth__driver' => 'application', 'auth__params__app' => 'imp',      // log in with the IMAP account
    'auth__checkip' => false, 'auth__checkbrowser' => false,
    'log__enabled' => 'true', 'log__priority' => 'WARNING', 'log__type' => 'file',
    'log__name' => "$state/log/horde.log",
    'debug_level' => 'E_ALL & ~E_NOTICE & ~E_DEPRECATED & ~E_STRICT',
    'tmpdir' => "$state/tmp", 'cache__driver' => 'File', 'cache__params__dir' => "$state/cache",
    'vfs__type' => 'File', 'vfs__params__vfsroot' => "$state/vfs",
    'server__port' => $port,    // php -S knows no ServerName/Port: redirects need the port
    'use_ssl' => '0', 'testdisable' => true, 'umask' => '077', 'alarms__driver' => 'false',
    'mailer__type' => 'smtp', 'mailer__params__host' => '127.0.0.1', 'mailer__params__port' => '25',
    'problems__email' => 'webmaster@alpenblick-software.de', 'problems__maildomain' => 'alpenblick-software.de',
    'menu__links__problem' => 'never',
  ),
  'imp' => array(),
);
foreach ($vars as $app => $v) {
  $c = new Horde_Config($app);
  file_put_contents("/etc/horde/$app/conf.php", $c->generatePHPConfig(new Horde_Variables($v)));
}
PHP
php -d error_reporting=0 "$STATE/genconf.php" "$STATE" "$HTTP_PORT" >/dev/null 2>&1
grep -q "sql'\]\['phptype'\] = 'sqlite'" "$HORDE_ETC/horde/conf.php" || { echo "conf.php generation failed"; exit 1; }
for f in horde/conf.php imp/conf.php; do sed -i "2i /* written by $MARK */" "$HORDE_ETC/$f"; done
cat > "$HORDE_ETC/imp/backends.local.php" <<PHP
<?php
/* written by $MARK: the seeded dovecot instance */
\$servers['imap']['disabled'] = false;
\$servers['imap']['name'] = 'Alpenblick IMAP';
\$servers['imap']['hostspec'] = '127.0.0.1';
\$servers['imap']['port'] = $IMAP_PORT;
\$servers['imap']['secure'] = false;
\$servers['imap']['maildomain'] = 'alpenblick-software.de';
\$servers['imap']['cache'] = false;
PHP
cat > "$HORDE_ETC/imp/mime_drivers.local.php" <<PHP
<?php
/* written by $MARK: show HTML parts inline (IMP renders them in an iframe) */
\$mime_drivers['html']['inline'] = true;
PHP
cat > "$HORDE_ETC/horde/prefs.local.php" <<PHP
<?php
/* written by $MARK */
\$_prefs['language']['value'] = 'en_US';
\$_prefs['timezone']['value'] = 'Europe/Berlin';
PHP
cat > "$HORDE_ETC/imp/prefs.local.php" <<PHP
<?php
/* written by $MARK */
\$_prefs['from_addr']['value'] = '$ME_ADDR';
\$_prefs['fullname']['value'] = '$ME_NAME';
\$_prefs['preview_enabled']['value'] = 1;
PHP
php -d error_reporting=0 /usr/bin/horde-db-migrate >"$STATE/log/db-migrate.log" 2>&1 || { echo "horde-db-migrate failed; see $STATE/log/db-migrate.log"; exit 1; }
chown -R www-data:www-data "$STATE"/{db,log,tmp,cache,vfs}
chown www-data "$STATE/log/horde.log" 2>/dev/null || true

# Debian 12's IMP 6.2.27 still calls each() (removed in PHP 8.0) in the mailbox list and the
# message renderer (imp/lib/Ajax/Application/ListMessages.php, Contents.php, Basic/Mailbox.php):
# without this shim every mailbox view dies with "Call to undefined function each()".
cat > "$STATE/php8-compat.php" <<'PHP'
<?php
/* PHP 8 compatibility shim for Debian 12's Horde: the each() that PHP 8.0 removed. */
if (!function_exists('each')) {
    function each(array &$array)
    {
        $key = key($array);
        if ($key === null) {
            return false;
        }
        $value = current($array);
        next($array);
        return array(1 => $value, 'value' => $value, 0 => $key, 'key' => $key);
    }
}
PHP
# Second PHP 8 break: Horde_Core_Ajax_Application_Handler::has(null) lets ReflectionMethod's
# ValueError escape, which kills the full-message window (imp/dynamic.php?page=message).
# Fix it in a copy that shadows the Debian file through include_path (Debian's file is untouched).
OVL="$STATE/php-overlay/Horde/Core/Ajax/Application"; mkdir -p "$OVL"
sed 's/} catch (ReflectionException \$e) {/} catch (ReflectionException | ValueError | TypeError $e) {/' \
  /usr/share/php/Horde/Core/Ajax/Application/Handler.php > "$OVL/Handler.php"
grep -q 'ValueError' "$OVL/Handler.php" || log "WARNING: Handler.php overlay did not apply"

# ---------------------------------------------------------------- 5. PHP built-in web server
log "starting php -S 127.0.0.1:$HTTP_PORT -t $HORDE_WEB (as www-data)"
: > "$STATE/log/php-server.log"; chown www-data "$STATE/log/php-server.log"
# setsid: own process group (pgid == pid) so down.sh can stop the workers too.
# The pid file is written from inside the new session, so it is the session/group leader's pid
# whether or not setsid had to fork.
PHP_CLI_SERVER_WORKERS=4 setsid sh -c 'echo $$ > "$0"; exec "$@"' "$STATE/php.pid" \
  setpriv --reuid=www-data --regid=www-data --init-groups \
  php -d display_errors=0 -d log_errors=1 -d error_log="$STATE/log/php-errors.log" \
      -d error_reporting='E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_STRICT' \
      -d session.save_path="$STATE/tmp" -d memory_limit=256M -d auto_prepend_file="$STATE/php8-compat.php" \
      -d include_path=".:$STATE/php-overlay:/usr/share/php" \
      -S "127.0.0.1:$HTTP_PORT" -t "$HORDE_WEB" \
  >>"$STATE/log/php-server.log" 2>&1 < /dev/null &
for i in $(seq 50); do [ -s "$STATE/php.pid" ] && break; sleep 0.1; done
for i in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/login.php" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/login.php" || { echo "web server did not come up; see $STATE/log"; exit 1; }

# ---------------------------------------------------------------- 6. smoke test (login + INBOX via IMP)
log "smoke test: login form POST + INBOX listing (basic view)"
CJ="$STATE/tmp/smoke.cookies"; rm -f "$CJ"
B="http://127.0.0.1:$HTTP_PORT"
curl -fsS -c "$CJ" -b "$CJ" -o /dev/null "$B/login.php"
curl -fsS -c "$CJ" -b "$CJ" -o /dev/null --data-urlencode "horde_user=$WM_USER" --data-urlencode "horde_pass=$WM_PASS" \
     -d 'app=&login_post=1&url=&anchor_string=&horde_select_view=basic&new_lang=en_US' "$B/login.php"
PAGE=$(curl -fsS -c "$CJ" -b "$CJ" "$B/imp/basic.php?page=mailbox&mailbox=SU5CT1g" || true)   # SU5CT1g = INBOX
rm -f "$CJ"
if grep -q 'Katrin Vogel' <<<"$PAGE"; then log "smoke test OK (logged in, $(grep -o 'class="mboxSubject"' <<<"$PAGE" | wc -l) messages listed)"
else log "WARNING: smoke test could not see the INBOX; see $STATE/log/horde.log"; fi

cat <<MSG

Horde IMP is up (bring-up took $(elapsed) s):
  URL:        $B/login.php        user '$WM_USER'  password '$WM_PASS'
              form: #horde_user #horde_pass #horde_select_view (dynamic|basic|minimal) #login-button
  3-pane:     $B/imp/dynamic.php?page=mailbox          (after login)
  full page:  $B/imp/basic.php?page=mailbox&mailbox=SU5CT1g   (log in with view 'basic')
  IMAP:       127.0.0.1:$IMAP_PORT (dovecot, plaintext), Maildir $HOME_DIR/Maildir
  logs:       $STATE/log   pids: $STATE/dovecot.pid $STATE/php.pid
  stop:       bash $HERE/down.sh
MSG
