# The seeded mailbox shared by the four webmails (sourced by their up.sh; needs ME_NAME, ME_ADDR, N).
# Each mail's expected account is in ../<app>/expected.json (by subject), against tests/realpages/data/*.csv.
# SEED_CRLF=0 writes plain LF lines (as SOGo's original seeding did), default CRLF.
# put_mail <hours-ago> <read:0|1> ; message text on stdin (headers without Date/Message-ID)
seed_maildir() {
  local MD="$1"; N=0
  rm -rf "$MD"; mkdir -p "$MD"/{cur,new,tmp}
  put_mail() {
    local ago="$1" seen="$2" ts date fn
    N=$((N+1)); ts=$(( $(date +%s) - ago*3600 )); date=$(date -R -d "@$ts")
    if [ "$seen" = 1 ]; then fn="$MD/cur/$ts.M${N}P$$.realpages:2,S"; else fn="$MD/new/$ts.M${N}P$$.realpages"; fi
    { printf 'Date: %s\nMessage-ID: <%s.%s@realpages.seed>\n' "$date" "$ts" "$N"; if [ "${SEED_CRLF:-1}" = 1 ]; then sed 's/$/\r/'; else cat; fi; } > "$fn.tmp"
    mv "$fn.tmp" "$fn"; touch -d "@$ts" "$fn"
  }
  put_mail 170 1 <<EOF
From: Katrin Vogel <k.vogel@brenner-armaturen.de>
To: $ME_NAME <$ME_ADDR>
Subject: Anfrage: CRM-Anbindung fuer unseren Aussendienst
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Guten Tag Frau Klein,

danke für das Gespräch auf der Hannover Messe. Wir (Brenner Armaturen GmbH,
Schweinfurt) haben 85 Außendienstler in DACH und suchen eine Lösung, die
Kundenhistorie direkt im Webmail anzeigt.

Könnten Sie uns ein Angebot für 85 Nutzer (Jahreslizenz) und Ihr
Sicherheitskonzept (TOMs, AV-Vertrag) schicken?

Mit freundlichen Grüßen
Katrin Vogel
Leitung Vertriebsinnendienst, Brenner Armaturen GmbH
Tel. +49 9721 4470-212 | www.brenner-armaturen.de
EOF
  put_mail 150 1 <<EOF
From: Thomas Wendler <t.wendler@wendler-feinmechanik.de>
To: $ME_NAME <$ME_ADDR>
Cc: Petra Ludwig <p.ludwig@wendler-feinmechanik.de>, Felix Baumann <felix.baumann@alpenblick-software.de>
Subject: Pilot results & rollout to the Chemnitz plant
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="rp-alt-2"

--rp-alt-2
Content-Type: text/plain; charset=UTF-8

Mara, Felix -- the pilot results are in: 28% less time preparing customer visits,
9% more quotes sent. We want to roll out to the Chemnitz plant (40 seats) in Q3.

Thomas Wendler
Geschaeftsfuehrer, Wendler Feinmechanik GmbH

--rp-alt-2
Content-Type: text/html; charset=UTF-8

<html><body style="font-family:Arial,sans-serif">
<p>Mara, Felix &ndash; the pilot results are in:</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>Metric</th><th>Before</th><th>After</th></tr>
<tr><td>Visit preparation</td><td>25 min</td><td>18 min</td></tr>
<tr><td>Quotes sent / rep / week</td><td>11</td><td>12</td></tr>
</table>
<p>We want to roll out to the <b>Chemnitz plant (40 seats)</b> in Q3.</p>
<p>Thomas Wendler<br>Gesch&auml;ftsf&uuml;hrer, Wendler Feinmechanik GmbH</p>
</body></html>

--rp-alt-2--
EOF
  put_mail 120 1 <<EOF
From: Hofmann Druckguss via SAP Ariba <ordersender-prod@ansmtp.ariba.com>
Reply-To: Einkauf Hofmann Druckguss <einkauf@hofmann-druckguss.de>
To: $ME_ADDR
Subject: Bestellung 4500218873 / Purchase order 4500218873
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="rp-mixed-3"

--rp-mixed-3
Content-Type: text/plain; charset=UTF-8

Hofmann Druckguss AG hat die Bestellung 4500218873 an Sie uebermittelt.

  Lieferant:   Alpenblick Software GmbH
  Betrag:      EUR 38.250,00
  Zahlungsziel: 30 Tage netto
  Lieferadresse: Hofmann Druckguss AG, Industriestr. 14, 73430 Aalen

Antworten Sie auf diese E-Mail, um den Einkauf (einkauf@hofmann-druckguss.de) zu erreichen.

--rp-mixed-3
Content-Type: text/csv; charset=UTF-8; name="PO-4500218873.csv"
Content-Disposition: attachment; filename="PO-4500218873.csv"

pos;artikel;bezeichnung;menge;einzelpreis;betrag
10;AB-SEAT-Y;Jahreslizenz Vertrieb;85;450,00;38250,00

--rp-mixed-3--
EOF
  put_mail 96 1 <<EOF
From: =?UTF-8?Q?J=C3=BCrgen_M=C3=B6ller?= <j.moeller@schaefer-kunststofftechnik.de>
To: $ME_NAME <$ME_ADDR>
Subject: =?UTF-8?Q?Angebot_f=C3=BCr_40_Lizenzen_/_quote_for_40_seats?=
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Hallo Frau Klein,

wir (Schäfer Kunststofftechnik GmbH & Co. KG, Lüdenscheid) benötigen ein
Angebot für 40 Lizenzen, bitte in EUR und mit AV-Vertrag im Anhang.

Viele Grüße
Jürgen Möller
Technischer Einkauf, Schäfer Kunststofftechnik
EOF
  put_mail 60 1 <<EOF
From: Lindner Maschinenbau Buchhaltung <noreply@rechnung.lindner-maschinenbau.de>
To: $ME_ADDR
Subject: Zahlungsavis zu Rechnung AB-2024-0412
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Sehr geehrte Damen und Herren,

die Lindner Maschinenbau GmbH hat folgende Zahlung veranlasst:

  Rechnung:   AB-2024-0412
  Betrag:     EUR 21.600,00
  Valuta:     in 2 Bankarbeitstagen (SEPA)

Dieses Postfach wird nicht ueberwacht.
EOF
  put_mail 48 1 <<EOF
From: Sabine Kraus <s.kraus@kraus-spedition.de>
To: $ME_NAME <$ME_ADDR>
Subject: Rahmenvertrag Lagerlogistik - Anfrage
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Sehr geehrte Frau Klein,

wir (Kraus Spedition GmbH, Augsburg) prüfen gerade CRM-Werkzeuge für unsere
12 Disponenten. Haben Sie eine Preisliste?

Freundliche Grüße
Sabine Kraus
EOF
  put_mail 40 1 <<EOF
From: Heinz Daume <heinz.daume@t-online.de>
To: $ME_NAME <$ME_ADDR>
Subject: Rueckruf wegen Lizenz
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Hallo Frau Klein,

bitte rufen Sie mich wegen der Lizenz zurück, ich bin bis 17 Uhr im Büro.

Heinz Daume
EOF
  put_mail 20 0 <<EOF
From: Anton Ostermeier <a.ostermeier@ostermeier-landtechnik.de>
To: $ME_NAME <$ME_ADDR>
Subject: Ersatzteilkatalog im Aussendienst
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Grüß Gott Frau Klein,

können unsere Monteure den Ersatzteilkatalog auch offline im Außendienst
nutzen? Dann bestellen wir zum Herbst.

Anton Ostermeier
Ostermeier Landtechnik e.K.
EOF
  put_mail 30 0 <<EOF
From: Jens Hartmann <jens.hartmann74@gmx.de>
To: $ME_NAME <$ME_ADDR>
Subject: Empfehlung: Zulieferer in Ulm sucht CRM-Tool
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Hallo Mara,

ein Bekannter leitet den Vertrieb bei einem Automotive-Zulieferer in Ulm
(ca. 60 Leute im Vertrieb) und sucht genau so etwas. Darf ich deine
Adresse weitergeben?

Gruss, Jens (freier Berater)
EOF
  put_mail 8 0 <<EOF
From: Felix Baumann <felix.baumann@alpenblick-software.de>
To: $ME_NAME <$ME_ADDR>
Subject: Pipeline-Review Donnerstag: Brenner, Wendler, Hofmann
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Mara, bringst du zum Pipeline-Review am Donnerstag den Stand zu Brenner
(Angebot raus?), Wendler (Rollout Chemnitz) und Hofmann (Bestellung da?) mit?

Felix (intern)
EOF
  put_mail 2 0 <<EOF
From: Katrin Vogel <k.vogel@brenner-armaturen.de>
To: $ME_NAME <$ME_ADDR>
Cc: Stefan Brenner <s.brenner@brenner-armaturen.de>
Subject: Re: Angebot 85 Lizenzen
In-Reply-To: <angebot-85.mara@alpenblick-software.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Frau Klein,

das Angebot passt. Herr Brenner gibt die Bestellung heute frei.
Eine Bitte noch: zwei zusätzliche Admin-Zugänge ohne Aufpreis?

Katrin Vogel
EOF
}
