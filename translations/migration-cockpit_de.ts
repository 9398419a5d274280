<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Alerts</name>
    <message>
        <source>Disable strict mode if it is on, investigate</source>
        <translation>Strikten Modus abschalten, falls aktiv, untersuchen</translation>
    </message>
    <message>
        <source>Check ledger service health</source>
        <translation>Zustand des Ledger-Dienstes prüfen</translation>
    </message>
    <message>
        <source>Investigate ledger query performance</source>
        <translation>Leistung der Ledger-Abfragen untersuchen</translation>
    </message>
    <message>
        <source>%1 discrepancies in the last %2</source>
        <translation>%1 Abweichungen in den letzten %2</translation>
    </message>
    <message>
        <source>success rate %1 (%2 ok, %3 failed)</source>
        <translation>Erfolgsquote %1 (%2 ok, %3 fehlgeschlagen)</translation>
    </message>
    <message>
        <source>p95 ledger %1, legacy %2</source>
        <translation>p95 Ledger %1, Legacy %2</translation>
    </message>
    <message>
        <source>not enough balance reads from both sources in %1</source>
        <translation>zu wenige Saldo-Abfragen aus beiden Quellen in %1</translation>
    </message>
    <message>
        <source>no data (%1): %2</source>
        <translation>keine Daten (%1): %2</translation>
    </message>
    <message>
        <source>discrepancies in the last %1: %2</source>
        <translation>Abweichungen in den letzten %1: %2</translation>
    </message>
    <message>
        <source>success rate %1</source>
        <translation>Erfolgsquote %1</translation>
    </message>
</context>
<context>
    <name>Cockpit::ActivityModel</name>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n time(s) since %2</source>
        <translation>
            <numerusform>%1
%n Mal seit %2</numerusform>
            <numerusform>%1
%n Mal seit %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
</context>
<context>
    <name>Cockpit::ActivityPanel</name>
    <message>
        <source>Sho&amp;w:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Warnings and worse</source>
        <translation>Warnungen und höher</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>Nur kritische</translation>
    </message>
    <message>
        <source>Filter by source or text</source>
        <translation>Nach Quelle oder Text filtern</translation>
    </message>
    <message>
        <source>Filter the activity</source>
        <translation>Aktivität filtern</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
</context>
<context>
    <name>Cockpit::AnalysisHistoryModel</name>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>keine Bewertung</translation>
    </message>
    <message>
        <source>Nothing was rolled back.</source>
        <translation>Es wurde nichts zurückgerollt.</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>Interval end (UTC)</source>
        <translation>Intervallende (UTC)</translation>
    </message>
    <message>
        <source>too few samples</source>
        <translation>zu wenige Messwerte</translation>
    </message>
</context>
<context>
    <name>Cockpit::AuditLogModel</name>
    <message>
        <source>%1 (tampered)</source>
        <translation>%1 (manipuliert)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>Migration</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>Cockpit::AuditLogPage</name>
    <message>
        <source>Audit Log</source>
        <translation>Audit-Log</translation>
    </message>
    <message>
        <source>Filter by migration</source>
        <translation>Nach Migration filtern</translation>
    </message>
    <message>
        <source>Filter by action</source>
        <translation>Nach Aktion filtern</translation>
    </message>
    <message>
        <source>Search operator, reason, evidence, output…</source>
        <translation>Operator, Begründung, Nachweis, Ausgabe durchsuchen…</translation>
    </message>
    <message>
        <source>Search audit log</source>
        <translation>Audit-Log durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Migration:</source>
        <translation>&amp;Migration:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>Ak&amp;tion:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>Audit-Log exportieren</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verifizieren</translation>
    </message>
    <message>
        <source>Verify audit log</source>
        <translation>Audit-Log verifizieren</translation>
    </message>
    <message>
        <source>Check the SHA-256 chain: finds any edited, inserted or deleted entry</source>
        <translation>SHA-256-Kette prüfen: findet jeden bearbeiteten, eingefügten oder gelöschten Eintrag</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Exportergebnis</translation>
    </message>
    <message>
        <source>Not verified yet.</source>
        <translation>Noch nicht verifiziert.</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Verifizierungsergebnis</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Audit-Einträge</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>Eintragsdetails</translation>
    </message>
    <message>
        <source>Select an entry to see every field.</source>
        <translation>Einen Eintrag auswählen, um alle Felder zu sehen.</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>Das Audit-Log kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot verify: %1</source>
        <translation>Verifizierung nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: %n entries, hash chain intact.</source>
        <translation>
            <numerusform>Verifiziert: %n Eintrag, Hash-Kette intakt.</numerusform>
            <numerusform>Verifiziert: %n Einträge, Hash-Kette intakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>TAMPERED: %1</source>
        <translation>MANIPULIERT: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Wird verifiziert…</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Entry %1 at %2 UTC</source>
        <translation>Eintrag %1 am %2 UTC</translation>
    </message>
    <message>
        <source>Operator: %1%2 on %3</source>
        <translation>Operator: %1%2 auf %3</translation>
    </message>
    <message>
        <source>Environment: %1   Migration: %2   Action: %3</source>
        <translation>Umgebung: %1   Migration: %2   Aktion: %3</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Gate evidence:</source>
        <translation>Gate-Nachweise:</translation>
    </message>
    <message>
        <source>Actuator output:</source>
        <translation>Ausgabe des Aktors:</translation>
    </message>
    <message>
        <source>Previous hash: %1</source>
        <translation>Vorheriger Hash: %1</translation>
    </message>
    <message>
        <source>Entry hash:    %1</source>
        <translation>Eintrags-Hash:    %1</translation>
    </message>
    <message>
        <source>All but session starts</source>
        <translation>Ohne Sitzungsbeginne</translation>
    </message>
    <message>
        <source>Every action except environment_opened, the entry a window writes when it opens the environment</source>
        <translation>Alle Aktionen außer environment_opened, dem Eintrag, den ein Fenster beim Öffnen der Umgebung schreibt</translation>
    </message>
    <message>
        <source>Entries shown</source>
        <translation>Angezeigte Einträge</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entries shown</source>
        <translation>
            <numerusform>%1 von %n Eintrag angezeigt</numerusform>
            <numerusform>%1 von %n Einträgen angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported all %n entries.</source>
        <translation>
            <numerusform>%n Eintrag exportiert.</numerusform>
            <numerusform>Alle %n Einträge exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported the %1 of %n entries the filters show.</source>
        <translation>
            <numerusform>Die %1 von %n Eintrag exportiert, die die Filter zeigen.</numerusform>
            <numerusform>Die %1 von %n Einträgen exportiert, die die Filter zeigen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>Das Audit-Log hat noch keine Einträge.</translation>
    </message>
    <message numerus="yes">
        <source>No entry matches the filters: %n hidden by them.</source>
        <translation>
            <numerusform>Kein Eintrag passt zu den Filtern: %n ausgeblendet.</numerusform>
            <numerusform>Kein Eintrag passt zu den Filtern: %n ausgeblendet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::ControlStoreFollower</name>
    <message>
        <source>Migration control</source>
        <translation>Migrationssteuerung</translation>
    </message>
    <message>
        <source>Transition interrupted (its holder stopped): %1. Resume or roll it back on the Overview.</source>
        <translation>Übergang unterbrochen (der ausführende Prozess läuft nicht mehr): %1. In der Übersicht fortsetzen oder zurückrollen.</translation>
    </message>
    <message>
        <source>%1 rolled back automatically (%2): %3</source>
        <translation>%1 automatisch zurückgerollt (%2): %3</translation>
    </message>
    <message>
        <source>%1: a running transition was taken over by %2: %3</source>
        <translation>%1: Ein laufender Übergang wurde von %2 übernommen: %3</translation>
    </message>
    <message>
        <source>%1 by %2: %3</source>
        <translation>%1 durch %2: %3</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Log</translation>
    </message>
</context>
<context>
    <name>Cockpit::DataTable</name>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Spalten</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>&amp;Fit Columns to Contents</source>
        <translation>Spaltenbreite an &amp;Inhalt anpassen</translation>
    </message>
    <message>
        <source>Copy &amp;Cell</source>
        <translation>&amp;Zelle kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Row</source>
        <translation>Z&amp;eile kopieren</translation>
    </message>
    <message>
        <source>Copy Co&amp;lumn</source>
        <translation>Sp&amp;alte kopieren</translation>
    </message>
    <message>
        <source>Copy Table as C&amp;SV</source>
        <translation>Tabelle als C&amp;SV kopieren</translation>
    </message>
    <message>
        <source>Copy Selection as C&amp;SV</source>
        <translation>Auswahl als C&amp;SV kopieren</translation>
    </message>
</context>
<context>
    <name>Cockpit::DeploymentStatePage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>S&amp;ync…</source>
        <translation>S&amp;ynchronisieren…</translation>
    </message>
    <message>
        <source>&amp;Differences only</source>
        <translation>Nur &amp;Unterschiede</translation>
    </message>
    <message>
        <source>LevelDB: %1    JSON files: %2</source>
        <translation>LevelDB: %1    JSON-Dateien: %2</translation>
    </message>
    <message>
        <source>Diff findings</source>
        <translation>Diff-Befunde</translation>
    </message>
    <message>
        <source>Diff status</source>
        <translation>Diff-Status</translation>
    </message>
    <message>
        <source>Refresh diff</source>
        <translation>Diff aktualisieren</translation>
    </message>
    <message>
        <source>Compare the stores again (F5)</source>
        <translation>Die Datenspeicher erneut vergleichen (F5)</translation>
    </message>
    <message>
        <source>Sync LevelDB to JSON</source>
        <translation>LevelDB nach JSON synchronisieren</translation>
    </message>
    <message>
        <source>Plan a sync LevelDB → JSON (dry run first; nothing is written until you apply)</source>
        <translation>Sync LevelDB → JSON planen (zuerst Dry Run; geschrieben wird erst beim Anwenden)</translation>
    </message>
    <message>
        <source>Show differences only</source>
        <translation>Nur Unterschiede anzeigen</translation>
    </message>
    <message>
        <source>Filter contracts…</source>
        <translation>Contracts filtern…</translation>
    </message>
    <message>
        <source>Filter contracts by name</source>
        <translation>Contracts nach Name filtern</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>LevelDB</source>
        <translation>LevelDB</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Chains</source>
        <translation>Chains</translation>
    </message>
    <message>
        <source>Records compared</source>
        <translation>Verglichene Datensätze</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Wird verglichen…</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>All chains</source>
        <translation>Alle Chains</translation>
    </message>
    <message>
        <source>No JSON file for this chain</source>
        <translation>Keine JSON-Datei für diese Chain</translation>
    </message>
    <message>
        <source>  (no file)</source>
        <translation>  (keine Datei)</translation>
    </message>
    <message>
        <source>  (drift)</source>
        <translation>  (Drift)</translation>
    </message>
    <message>
        <source>LevelDB networkName values: %1</source>
        <translation>networkName-Werte in LevelDB: %1</translation>
    </message>
    <message>
        <source>The environment is read-only</source>
        <translation>Die Umgebung ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Plan a sync LevelDB → JSON (dry run first)</source>
        <translation>Sync LevelDB → JSON planen (zuerst Dry Run)</translation>
    </message>
    <message>
        <source>%1 of %2 records fail validation</source>
        <translation>%1 von %2 Datensätzen bestehen die Prüfung nicht</translation>
    </message>
    <message>
        <source>All %1 records pass validation</source>
        <translation>Alle %1 Datensätze bestehen die Prüfung</translation>
    </message>
    <message>
        <source>Compared at %1 UTC</source>
        <translation>Verglichen um %1 UTC</translation>
    </message>
</context>
<context>
    <name>Cockpit::DesktopNotifier</name>
    <message>
        <source>Migration Cockpit</source>
        <translation>Migration Cockpit</translation>
    </message>
</context>
<context>
    <name>Cockpit::DiscrepancyCharts</name>
    <message>
        <source>Open discrepancies over time</source>
        <translation>Offene Abweichungen im Zeitverlauf</translation>
    </message>
    <message>
        <source>Open discrepancies by account type</source>
        <translation>Offene Abweichungen nach Kontotyp</translation>
    </message>
    <message>
        <source>Open discrepancies after each run</source>
        <translation>Offene Abweichungen nach jedem Lauf</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>No completed reconciliation run yet</source>
        <translation>Noch kein abgeschlossener Abgleichslauf</translation>
    </message>
</context>
<context>
    <name>Cockpit::DiscrepancyModel</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Resolved by run %1 at %2</source>
        <translation>Behoben durch Lauf %1 am %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>First seen (UTC)</source>
        <translation>Zuerst gesehen (UTC)</translation>
    </message>
    <message>
        <source>Last seen (UTC)</source>
        <translation>Zuletzt gesehen (UTC)</translation>
    </message>
</context>
<context>
    <name>Cockpit::DiscrepancyPanel</name>
    <message numerus="yes">
        <source>%Ln discrepancies match the filter</source>
        <translation>
            <numerusform>%Ln Abweichung entspricht dem Filter</numerusform>
            <numerusform>%Ln Abweichungen entsprechen dem Filter</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Run reconciliation now</source>
        <translation>Abgleich &amp;jetzt ausführen</translation>
    </message>
    <message>
        <source>Compare every ledger balance with the legacy table (Ctrl+R)</source>
        <translation>Jeden Ledger-Saldo mit der Legacy-Tabelle vergleichen (Strg+R)</translation>
    </message>
    <message>
        <source>Run reconciliation now</source>
        <translation>Abgleich jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <source>Cancel the reconciliation run</source>
        <translation>Den Abgleichslauf abbrechen</translation>
    </message>
    <message>
        <source>Reconciliation progress</source>
        <translation>Fortschritt des Abgleichs</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>Re-check changed users continuously</source>
        <translation>Geänderte Benutzer fortlaufend neu prüfen</translation>
    </message>
    <message>
        <source>Live reconciliation</source>
        <translation>Live-Abgleich</translation>
    </message>
    <message>
        <source>Database status</source>
        <translation>Datenbankstatus</translation>
    </message>
    <message>
        <source>No run yet in this session.</source>
        <translation>In dieser Sitzung noch kein Lauf.</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>User id contains…</source>
        <translation>Benutzer-ID enthält…</translation>
    </message>
    <message>
        <source>Filter by user</source>
        <translation>Nach Benutzer filtern</translation>
    </message>
    <message>
        <source>Filter by account type</source>
        <translation>Nach Kontotyp filtern</translation>
    </message>
    <message>
        <source>All account types</source>
        <translation>Alle Kontotypen</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Smallest absolute difference</source>
        <translation>Kleinste absolute Differenz</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Largest absolute difference</source>
        <translation>Größte absolute Differenz</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Open and resolved</source>
        <translation>Offen und behoben</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>CS&amp;V exportieren…</translation>
    </message>
    <message>
        <source>Export the filtered discrepancies as CSV</source>
        <translation>Die gefilterten Abweichungen als CSV exportieren</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>JSON e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export the filtered discrepancies as JSON</source>
        <translation>Die gefilterten Abweichungen als JSON exportieren</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>Be&amp;trag:</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Not an exact amount, e.g. 0.01</source>
        <translation>Kein exakter Betrag, z. B. 0.01</translation>
    </message>
    <message>
        <source>Amount filter is not a number</source>
        <translation>Der Betragsfilter ist keine Zahl</translation>
    </message>
    <message>
        <source>Reconciliation running… %1 discrepancies found so far</source>
        <translation>Abgleich läuft… bisher %1 Abweichungen gefunden</translation>
    </message>
    <message>
        <source>%p% · starting</source>
        <translation>%p% · startet</translation>
    </message>
    <message>
        <source>Reconciliation running…</source>
        <translation>Abgleich läuft…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird abgebrochen…</translation>
    </message>
    <message>
        <source>elapsed %1 s</source>
        <translation>%1 s vergangen</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>noch etwa %1 s</translation>
    </message>
    <message>
        <source>finishing…</source>
        <translation>wird abgeschlossen…</translation>
    </message>
    <message>
        <source>%p% · done</source>
        <translation>%p% · fertig</translation>
    </message>
    <message>
        <source>Run %1 complete in %2 s: %3 accounts checked, %4 discrepancies (%5), %6 new, %7 resolved. Ledger invariants: %8 violations.</source>
        <translation>Lauf %1 nach %2 s abgeschlossen: %3 Konten geprüft, %4 Abweichungen (%5), %6 neu, %7 behoben. Ledger-Invarianten: %8 Verletzungen.</translation>
    </message>
    <message>
        <source>%p% · %1</source>
        <translation>%p% · %1</translation>
    </message>
    <message>
        <source>Run %1 %2, its results are incomplete and were not stored: %3</source>
        <translation>Lauf %1 %2; seine Ergebnisse sind unvollständig und wurden nicht gespeichert: %3</translation>
    </message>
    <message>
        <source>was cancelled</source>
        <translation>wurde abgebrochen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>● Database reachable</source>
        <translation>● Datenbank erreichbar</translation>
    </message>
    <message>
        <source>● Database unreachable, retrying</source>
        <translation>● Datenbank nicht erreichbar, neuer Versuch</translation>
    </message>
    <message>
        <source>● Database unreachable</source>
        <translation>● Datenbank nicht erreichbar</translation>
    </message>
    <message>
        <source>Export discrepancies as JSON</source>
        <translation>Abweichungen als JSON exportieren</translation>
    </message>
    <message>
        <source>Export discrepancies as CSV</source>
        <translation>Abweichungen als CSV exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 discrepancies to %2</source>
        <translation>%1 Abweichungen nach %2 exportiert</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Discrepancies found so far by the running reconciliation (stored when it completes):</source>
        <translation>Bisher vom laufenden Abgleich gefundene Abweichungen (gespeichert, wenn er abgeschlossen ist):</translation>
    </message>
    <message>
        <source>Show &amp;stored discrepancies</source>
        <translation>&amp;Gespeicherte Abweichungen zeigen</translation>
    </message>
    <message>
        <source>Show the stored discrepancies</source>
        <translation>Die gespeicherten Abweichungen zeigen</translation>
    </message>
    <message>
        <source>Discrepancies of the running reconciliation</source>
        <translation>Abweichungen des laufenden Abgleichs</translation>
    </message>
    <message>
        <source>Reconciliation running… %1 discrepancies found so far (the first %2 are listed below)</source>
        <translation>Abgleich läuft… bisher %1 Abweichungen gefunden (die ersten %2 stehen unten)</translation>
    </message>
    <message>
        <source>The run %1 before it started: %2</source>
        <translation>Der Lauf %1, bevor er begann: %2</translation>
    </message>
    <message numerus="yes">
        <source>Partial results of a run that did not complete: %n discrepancies found before it stopped. Not stored, not a complete picture.</source>
        <translation>
            <numerusform>Teilergebnis eines nicht abgeschlossenen Laufs: %n Abweichung vor dem Abbruch gefunden. Nicht gespeichert, kein vollständiges Bild.</numerusform>
            <numerusform>Teilergebnis eines nicht abgeschlossenen Laufs: %n Abweichungen vor dem Abbruch gefunden. Nicht gespeichert, kein vollständiges Bild.</numerusform>
        </translation>
    </message>
    <message>
        <source>An export is still running; try again when it is done.</source>
        <translation>Ein Export läuft noch; bitte erneut versuchen, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>&amp;Look Up User</source>
        <translation>Benutzer &amp;nachschlagen</translation>
    </message>
</context>
<context>
    <name>Cockpit::EnvironmentBar</name>
    <message>
        <source>PRODUCTION</source>
        <translation>PRODUKTION</translation>
    </message>
    <message>
        <source>STAGING</source>
        <translation>STAGING</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>READ-ONLY: actions disabled</source>
        <translation>SCHREIBGESCHÜTZT: Aktionen deaktiviert</translation>
    </message>
    <message>
        <source>Ledger DB</source>
        <translation>Ledger-DB</translation>
    </message>
    <message>
        <source>LevelDB</source>
        <translation>LevelDB</translation>
    </message>
    <message>
        <source>JSON folder</source>
        <translation>JSON-Ordner</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Environment kind: %1</source>
        <translation>Umgebungsart: %1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>login refused</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>keine Berechtigung</translation>
    </message>
    <message>
        <source>schema mismatch</source>
        <translation>Schema passt nicht</translation>
    </message>
    <message>
        <source>not set up</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>Pfad &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerBalanceModel</name>
    <message>
        <source>overflow</source>
        <translation>Überlauf</translation>
    </message>
    <message>
        <source>⚠ Discrepancy</source>
        <translation>⚠ Abweichung</translation>
    </message>
    <message>
        <source>✓ In sync</source>
        <translation>✓ Synchron</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Kontotyp</translation>
    </message>
    <message>
        <source>Legacy column</source>
        <translation>Legacy-Spalte</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Legacy</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerCharts</name>
    <message>
        <source>Discrepancies and failures per second</source>
        <translation>Abweichungen und Fehler pro Sekunde</translation>
    </message>
    <message>
        <source>Discrepancies</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Shadow-write failures</source>
        <translation>Shadow-Write-Fehler</translation>
    </message>
    <message>
        <source>Failed ledger writes</source>
        <translation>Ledger-Schreibfehler</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Legacy</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <source>Discrepancies and failures chart</source>
        <translation>Diagramm der Abweichungen und Fehler</translation>
    </message>
    <message>
        <source>Balance query latency chart</source>
        <translation>Diagramm der Latenz von Saldo-Abfragen</translation>
    </message>
    <message>
        <source>time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Discrepancies in the preceding %1</source>
        <translation>Abweichungen in den vorangehenden %1</translation>
    </message>
    <message>
        <source>Balance query p95 (%1)</source>
        <translation>Saldo-Abfrage p95 (%1)</translation>
    </message>
    <message>
        <source>Source: %1.</source>
        <translation>Quelle: %1.</translation>
    </message>
    <message>
        <source>Not shown: %1</source>
        <translation>Nicht angezeigt: %1</translation>
    </message>
    <message>
        <source>the cockpit&apos;s own ledger store</source>
        <translation>der eigene Ledger-Speicher des Cockpits</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerHistoryModel</name>
    <message>
        <source>debit</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>Haben</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerPage</name>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Ledger alerts</source>
        <translation>Ledger-Alarme</translation>
    </message>
    <message>
        <source>Ledger database: %1</source>
        <translation>Ledger-Datenbank: %1</translation>
    </message>
    <message>
        <source>Loading metrics…</source>
        <translation>Metriken werden geladen…</translation>
    </message>
    <message>
        <source>Ledger metrics summary</source>
        <translation>Zusammenfassung der Ledger-Metriken</translation>
    </message>
    <message>
        <source>Ledger migration gates</source>
        <translation>Gates der Ledger-Migration</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>User id, e.g. user-7</source>
        <translation>Benutzer-ID, z. B. user-7</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation>Abf&amp;ragen</translation>
    </message>
    <message>
        <source>Look up user</source>
        <translation>Benutzer abfragen</translation>
    </message>
    <message>
        <source>Ledger and legacy balances</source>
        <translation>Salden in Ledger und Legacy</translation>
    </message>
    <message>
        <source>Transaction history</source>
        <translation>Buchungsverlauf</translation>
    </message>
    <message>
        <source>&amp;Start demo workload</source>
        <translation>Demo-&amp;Workload starten</translation>
    </message>
    <message>
        <source>Demo workload</source>
        <translation>Demo-Workload</translation>
    </message>
    <message>
        <source>Demo workload: deposits, orders, fills and releases with failing legacy writes.</source>
        <translation>Demo-Workload: Einzahlungen, Aufträge, Ausführungen und Freigaben mit fehlschlagenden Legacy-Schreibvorgängen.</translation>
    </message>
    <message>
        <source>The demo workload runs only in a writable demo environment.</source>
        <translation>Der Demo-Workload läuft nur in einer beschreibbaren Demo-Umgebung.</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>User lookup</source>
        <translation>Benutzerabfrage</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Type a user id first.</source>
        <translation>Zuerst eine Benutzer-ID eingeben.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>%1 wird abgefragt…</translation>
    </message>
    <message>
        <source>✓ No ledger alerts firing (window %1 s).</source>
        <translation>✓ Keine aktiven Ledger-Alarme (Fenster %1 s).</translation>
    </message>
    <message>
        <source>Last %1 s: write success rate %2 (%3 ok, %4 failed, %5 refused) · shadow-write failures %6 · discrepancies %7 · p95 balance read ledger %8 µs / legacy %9 µs · p95 dual-write lag %10 µs</source>
        <translation>Letzte %1 s: Schreib-Erfolgsquote %2 (%3 ok, %4 fehlgeschlagen, %5 abgewiesen) · Shadow-Write-Fehler %6 · Abweichungen %7 · p95 Saldo-Abfrage Ledger %8 µs / Legacy %9 µs · p95 Verzögerung beim doppelten Schreiben %10 µs</translation>
    </message>
    <message>
        <source>✓ pass</source>
        <translation>✓ bestanden</translation>
    </message>
    <message>
        <source>✗ fail</source>
        <translation>✗ nicht bestanden</translation>
    </message>
    <message>
        <source>? inconclusive</source>
        <translation>? nicht eindeutig</translation>
    </message>
    <message>
        <source>⚠ %1: ledger and legacy differ beyond the tolerance %2.</source>
        <translation>⚠ %1: Ledger und Legacy weichen über die Toleranz %2 hinaus ab.</translation>
    </message>
    <message>
        <source>Lookup failed: %1</source>
        <translation>Abfrage fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Workload stopped: %1</source>
        <translation>Workload gestoppt: %1</translation>
    </message>
    <message>
        <source>&amp;Stop demo workload</source>
        <translation>Demo-&amp;Workload stoppen</translation>
    </message>
    <message>
        <source>? No data from the service&apos;s telemetry for %1 (%2): not judged, not healthy.</source>
        <translation>? Keine Daten aus der Telemetrie des Dienstes für %1 (%2): nicht bewertet, nicht gesund.</translation>
    </message>
    <message>
        <source>✓ No ledger alerts firing in the service&apos;s telemetry (%1, window %2 s).</source>
        <translation>✓ Keine Ledger-Alarme in der Telemetrie des Dienstes (%1, Fenster %2 s).</translation>
    </message>
    <message>
        <source>✗ Ledger health cannot be read, retrying: %1</source>
        <translation>✗ Der Ledger-Zustand kann nicht gelesen werden, neuer Versuch: %1</translation>
    </message>
    <message>
        <source>%1 has no ledger accounts and no legacy balances.</source>
        <translation>%1 hat weder Ledger-Konten noch Legacy-Salden.</translation>
    </message>
    <message numerus="yes">
        <source>✓ %1: ledger and legacy agree; %n entries shown.</source>
        <translation>
            <numerusform>✓ %1: Ledger und Legacy stimmen überein; %n Eintrag angezeigt.</numerusform>
            <numerusform>✓ %1: Ledger und Legacy stimmen überein; %n Einträge angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>? The service&apos;s telemetry did not answer (%1): %2. Nothing is judged.</source>
        <translation>? Die Telemetrie des Dienstes antwortet nicht (%1): %2. Nichts wird bewertet.</translation>
    </message>
    <message>
        <source>%1 %2 started firing: %3. %4</source>
        <translation>%1 %2 ausgelöst: %3. %4</translation>
    </message>
    <message>
        <source>%1 stopped firing</source>
        <translation>%1 nicht mehr ausgelöst</translation>
    </message>
    <message>
        <source>The service&apos;s telemetry did not answer (%1): %2</source>
        <translation>Die Telemetrie des Dienstes hat nicht geantwortet (%1): %2</translation>
    </message>
    <message>
        <source>Firing: %1</source>
        <translation>Ausgelöst: %1</translation>
    </message>
    <message>
        <source>The demo workload cannot start: %1</source>
        <translation>Die Demo-Workload kann nicht starten: %1</translation>
    </message>
    <message>
        <source>Demo workload stopped: %1</source>
        <translation>Demo-Workload gestoppt: %1</translation>
    </message>
    <message>
        <source>No metrics while the ledger health cannot be read.</source>
        <translation>Keine Metriken, solange der Ledger-Zustand nicht gelesen werden kann.</translation>
    </message>
    <message>
        <source>Needed for</source>
        <translation>Nötig für</translation>
    </message>
    <message>
        <source>The transitions into these phases wait for this gate</source>
        <translation>Die Übergänge in diese Phasen warten auf dieses Gate</translation>
    </message>
    <message>
        <source>? No data in the last %1 s for %2 (no ledger writes or balance reads): not judged, not healthy.</source>
        <translation>? Keine Daten in den letzten %1 s für %2 (keine Ledger-Schreibvorgänge oder Saldo-Abfragen): nicht bewertet, nicht gesund.</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>KRITISCH</translation>
    </message>
    <message>
        <source>HIGH</source>
        <translation>HOCH</translation>
    </message>
    <message>
        <source>MEDIUM</source>
        <translation>MITTEL</translation>
    </message>
</context>
<context>
    <name>Cockpit::LedgerWorkload</name>
    <message>
        <source>%1 operations, %2 legacy-write failures, %3 discrepancies seen</source>
        <translation>%1 Operationen, %2 fehlgeschlagene Legacy-Schreibvorgänge, %3 Abweichungen gesehen</translation>
    </message>
</context>
<context>
    <name>Cockpit::MainWindow</name>
    <message>
        <source>Migration Cockpit</source>
        <translation>Migration Cockpit</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n backend(s) unreachable — hover the red lights for details</source>
        <translation>
            <numerusform>%n Backend nicht erreichbar — für Details mit der Maus auf die roten Lampen zeigen</numerusform>
            <numerusform>%n Backends nicht erreichbar — für Details mit der Maus auf die roten Lampen zeigen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Environment…</source>
        <translation>Umgebung ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Re&amp;load Environment</source>
        <translation>Umgebung neu &amp;laden</translation>
    </message>
    <message>
        <source>Read-&amp;only Mode</source>
        <translation>&amp;Schreibgeschützter Modus</translation>
    </message>
    <message>
        <source>Disable every action that changes a migration</source>
        <translation>Alle Aktionen deaktivieren, die eine Migration verändern</translation>
    </message>
    <message>
        <source>Operator &amp;Name…</source>
        <translation>Operator-&amp;Name…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Check &amp;Backends Now</source>
        <translation>&amp;Backends jetzt prüfen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Migration Cockpit</source>
        <translation>Ü&amp;ber Migration Cockpit</translation>
    </message>
    <message>
        <source>About Migration Cockpit</source>
        <translation>Über Migration Cockpit</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Migration Cockpit %1&lt;/h3&gt;&lt;p&gt;Run risky data and code migrations against staging and production, and see at every moment whether it is safe to go on.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Migration Cockpit %1&lt;/h3&gt;&lt;p&gt;Riskante Daten- und Code-Migrationen gegen Staging und Produktion ausführen und jederzeit sehen, ob es sicher weitergehen kann.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No recent environments</source>
        <translation>Keine zuletzt geöffneten Umgebungen</translation>
    </message>
    <message>
        <source>Open Environment</source>
        <translation>Umgebung öffnen</translation>
    </message>
    <message>
        <source>Environment files (*.json)</source>
        <translation>Umgebungsdateien (*.json)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>%1 (%2) — Migration Cockpit</source>
        <translation>%1 (%2) — Migration Cockpit</translation>
    </message>
    <message>
        <source>Operator: %1 on %2</source>
        <translation>Operator: %1 auf %2</translation>
    </message>
    <message>
        <source>Cannot open environment</source>
        <translation>Umgebung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The environment file %1 cannot be opened.</source>
        <translation>Die Umgebungsdatei %1 kann nicht geöffnet werden.</translation>
    </message>
    <message numerus="yes">
        <source>
… and %n more</source>
        <translation>
            <numerusform>
… und %n weiterer</numerusform>
            <numerusform>
… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator Name</source>
        <translation>Operator-Name</translation>
    </message>
    <message>
        <source>Name recorded with your OS user in the audit log:</source>
        <translation>Name, der mit Ihrem Betriebssystem-Benutzer im Audit-Log vermerkt wird:</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Migration Cockpit.</source>
        <translation>Die neue Sprache wird ab dem nächsten Start von Migration Cockpit verwendet.</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Aktivität</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Show the background activity (Ctrl+Shift+A)</source>
        <translation>Die Hintergrundaktivität anzeigen (Strg+Umschalt+A)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ Activity: %n new warning(s)</source>
        <translation>
            <numerusform>⚠ Aktivität: %n neue Warnung</numerusform>
            <numerusform>⚠ Aktivität: %n neue Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Backends</source>
        <translation>Backends</translation>
    </message>
    <message>
        <source>%1 is reachable again (%2)</source>
        <translation>%1 ist wieder erreichbar (%2)</translation>
    </message>
    <message>
        <source>%1 is unreachable: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=6&gt;%1&lt;tr&gt;&lt;td&gt;Ctrl+O&lt;/td&gt;&lt;td&gt;Open environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;Refresh the current page&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+F5&lt;/td&gt;&lt;td&gt;Reload environment&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+B&lt;/td&gt;&lt;td&gt;Check backends now&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+R&lt;/td&gt;&lt;td&gt;Run reconciliation now (Ledger, Discrepancies)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+A&lt;/td&gt;&lt;td&gt;Activity panel&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Shift+R&lt;/td&gt;&lt;td&gt;Read-only mode&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Ctrl+Q&lt;/td&gt;&lt;td&gt;Quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;%1&lt;tr&gt;&lt;td&gt;Strg+O&lt;/td&gt;&lt;td&gt;Umgebung öffnen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;F5&lt;/td&gt;&lt;td&gt;Aktuelle Seite aktualisieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+Umschalt+F5&lt;/td&gt;&lt;td&gt;Umgebung neu laden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+B&lt;/td&gt;&lt;td&gt;Backends jetzt prüfen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+R&lt;/td&gt;&lt;td&gt;Abgleich jetzt starten (Ledger, Abweichungen)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+Umschalt+A&lt;/td&gt;&lt;td&gt;Aktivitätsbereich&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+Umschalt+R&lt;/td&gt;&lt;td&gt;Schreibgeschützter Modus&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Strg+Q&lt;/td&gt;&lt;td&gt;Beenden&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>&amp;Colour Scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;In a chart&lt;/td&gt;&lt;td&gt;Drag: zoom · Shift+drag: pan · + − ← →: zoom and pan · Home or Escape: whole range · click a legend entry: hide or show it&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;In a table&lt;/td&gt;&lt;td&gt;Ctrl+C: copy the selected rows · Enter or double-click: open · Tab: leave the table · right-click: copy, columns&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;In einem Diagramm&lt;/td&gt;&lt;td&gt;Ziehen: vergrößern · Umschalt+Ziehen: verschieben · + − ← →: vergrößern und verschieben · Pos1 oder Escape: ganzer Zeitraum · Klick auf einen Legendeneintrag: aus- oder einblenden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;In einer Tabelle&lt;/td&gt;&lt;td&gt;Strg+C: gewählte Zeilen kopieren · Eingabe oder Doppelklick: öffnen · Tab: Tabelle verlassen · Rechtsklick: kopieren, Spalten&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>All backends reachable — checked %1 UTC</source>
        <translation>Alle Backends erreichbar — geprüft %1 UTC</translation>
    </message>
</context>
<context>
    <name>Cockpit::MigrationCard</name>
    <message>
        <source>Migration %1</source>
        <translation>Migration %1</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Next transition&apos;s gates</source>
        <translation>Gates des nächsten Übergangs</translation>
    </message>
    <message>
        <source>Latest audit entries</source>
        <translation>Neueste Audit-Einträge</translation>
    </message>
    <message>
        <source>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · version %3 · changed by %4 at %5 UTC</source>
        <translation>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · Version %3 · geändert von %4 am %5 UTC</translation>
    </message>
    <message>
        <source>Interrupted transition %1 → %2: resume or roll back</source>
        <translation>Unterbrochener Übergang %1 → %2: fortsetzen oder zurückrollen</translation>
    </message>
    <message>
        <source>Complete: final phase reached</source>
        <translation>Abgeschlossen: letzte Phase erreicht</translation>
    </message>
    <message>
        <source>Holding: the next transition is gated</source>
        <translation>Wartet: Der nächste Übergang wird von Gates blockiert</translation>
    </message>
    <message>
        <source>Healthy: ready for the next transition</source>
        <translation>In Ordnung: bereit für den nächsten Übergang</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>In Ordnung</translation>
    </message>
    <message>
        <source>Next: %1 → %2 (%3) · gates passing: %4 of %5</source>
        <translation>Als Nächstes: %1 → %2 (%3) · Gates bestanden: %4 von %5</translation>
    </message>
    <message>
        <source>Next: %1 → %2 (%3) · gates not evaluated yet</source>
        <translation>Als Nächstes: %1 → %2 (%3) · Gates noch nicht ausgewertet</translation>
    </message>
    <message>
        <source>Not passing:</source>
        <translation>Nicht bestanden:</translation>
    </message>
    <message>
        <source>No audit entries yet</source>
        <translation>Noch keine Audit-Einträge</translation>
    </message>
    <message>
        <source>Latest:</source>
        <translation>Neueste:</translation>
    </message>
    <message>
        <source>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · initial phase, not changed yet</source>
        <translation>Phase &lt;b&gt;%1&lt;/b&gt; — %2 · Anfangsphase, noch nicht geändert</translation>
    </message>
    <message>
        <source>Transition %1 → %2 running on %3</source>
        <translation>Übergang %1 → %2 läuft auf %3</translation>
    </message>
</context>
<context>
    <name>Cockpit::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Overview status</source>
        <translation>Status der Übersicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Refresh overview</source>
        <translation>Übersicht aktualisieren</translation>
    </message>
    <message>
        <source>READ-ONLY session: Cutover and Rollback are disabled.</source>
        <translation>SCHREIBGESCHÜTZTE Sitzung: Cutover und Rollback sind deaktiviert.</translation>
    </message>
    <message>
        <source>Error: cannot read the control database: %1</source>
        <translation>Fehler: Die Steuerungsdatenbank kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n interrupted transition(s) need attention</source>
        <translation>
            <numerusform>%n unterbrochener Übergang erfordert Aufmerksamkeit</numerusform>
            <numerusform>%n unterbrochene Übergänge erfordern Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message>
        <source> · updated %1 UTC</source>
        <translation> · aktualisiert %1 UTC</translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s) · updated %1 UTC</source>
        <translation>
            <numerusform>%n Migration · aktualisiert %1 UTC</numerusform>
            <numerusform>%n Migrationen · aktualisiert %1 UTC</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transition(s) running</source>
        <translation>
            <numerusform>%n Übergang läuft</numerusform>
            <numerusform>%n Übergänge laufen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::PhaseStepper</name>
    <message>
        <source>Phases of %1</source>
        <translation>Phasen von %1</translation>
    </message>
    <message>
        <source>&amp;Cutover…</source>
        <translation>&amp;Cutover…</translation>
    </message>
    <message>
        <source>Roll&amp;back…</source>
        <translation>Roll&amp;back…</translation>
    </message>
    <message>
        <source>Cutover %1</source>
        <translation>Cutover %1</translation>
    </message>
    <message>
        <source>Rollback %1</source>
        <translation>Rollback %1</translation>
    </message>
    <message>
        <source>%1, current phase</source>
        <translation>%1, aktuelle Phase</translation>
    </message>
    <message>
        <source>%1, done</source>
        <translation>%1, erledigt</translation>
    </message>
    <message>
        <source>%1, ahead</source>
        <translation>%1, ausstehend</translation>
    </message>
    <message>
        <source>Interrupted transition %1 → %2 (started by %3 on %4). Resume it or roll it back.</source>
        <translation>Unterbrochener Übergang %1 → %2 (gestartet von %3 auf %4). Fortsetzen oder zurückrollen.</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>&amp;Fortsetzen…</translation>
    </message>
    <message>
        <source>Read-only session: actions are disabled</source>
        <translation>Schreibgeschützte Sitzung: Aktionen sind deaktiviert</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>Final phase</source>
        <translation>Letzte Phase</translation>
    </message>
    <message>
        <source>Nothing to roll back</source>
        <translation>Nichts zurückzurollen</translation>
    </message>
    <message>
        <source>Transition %1 → %2 is running (by %3 on %4, heartbeat %5 s ago).</source>
        <translation>Übergang %1 → %2 läuft (von %3 auf %4, letztes Lebenszeichen vor %5 s).</translation>
    </message>
</context>
<context>
    <name>Cockpit::ReconcileJob</name>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung zu %1 wird hergestellt</translation>
    </message>
    <message>
        <source>Reconciling; the last complete run took %1 s</source>
        <translation>Abgleich läuft; der letzte vollständige Lauf dauerte %1 s</translation>
    </message>
</context>
<context>
    <name>Cockpit::RecordCompareView</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>LevelDB</source>
        <translation>LevelDB</translation>
    </message>
    <message>
        <source>JSON file</source>
        <translation>JSON-Datei</translation>
    </message>
    <message>
        <source>Record compared side by side</source>
        <translation>Datensatz im direkten Vergleich</translation>
    </message>
    <message>
        <source>Select a record to compare the two stores.</source>
        <translation>Einen Datensatz auswählen, um die beiden Datenspeicher zu vergleichen.</translation>
    </message>
    <message>
        <source>%1 on chain %2</source>
        <translation>%1 auf Chain %2</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>implementation</source>
        <translation>implementation</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>proxy</translation>
    </message>
    <message>
        <source>implementationHash</source>
        <translation>implementationHash</translation>
    </message>
    <message>
        <source>network</source>
        <translation>network</translation>
    </message>
    <message>
        <source>factoryByteCodeHash</source>
        <translation>factoryByteCodeHash</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>timestamp</translation>
    </message>
    <message>
        <source>deploymentArgs</source>
        <translation>deploymentArgs</translation>
    </message>
    <message>
        <source>named in JSON</source>
        <translation>in JSON benannt</translation>
    </message>
    <message>
        <source>health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>abweichend</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutChartPanel</name>
    <message>
        <source>Throughput (tx/s)</source>
        <translation>Durchsatz (tx/s)</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Speicher (MiB)</translation>
    </message>
    <message>
        <source>Error rate (%)</source>
        <translation>Fehlerrate (%)</translation>
    </message>
    <message>
        <source>V1</source>
        <translation>V1</translation>
    </message>
    <message>
        <source>V2</source>
        <translation>V2</translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation>Latenz p95 (ms)</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>Grenze</translation>
    </message>
    <message>
        <source>V2 %</source>
        <translation>V2 %</translation>
    </message>
    <message>
        <source>No V1 or V2 samples in this time range</source>
        <translation>Keine Messwerte von V1 oder V2 in diesem Zeitraum</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutLaneController</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the selected module: no promotion and no automatic action until resumed</source>
        <translation>Ausgewähltes Modul pausieren: keine Promotion und keine automatische Aktion bis zur Fortsetzung</translation>
    </message>
    <message>
        <source>%1 paused.</source>
        <translation>%1 pausiert.</translation>
    </message>
    <message>
        <source>%1 resumed.</source>
        <translation>%1 fortgesetzt.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Fort&amp;setzen</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>%1 fortsetzen</translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation>%1 pausieren</translation>
    </message>
    <message>
        <source>Who guards this environment</source>
        <translation>Wer diese Umgebung bewacht</translation>
    </message>
    <message>
        <source>Automatic rollback on</source>
        <translation>Automatisches Rollback an</translation>
    </message>
    <message>
        <source>Automatic rollback OFF</source>
        <translation>Automatisches Rollback AUS</translation>
    </message>
    <message>
        <source> (the configuration&apos;s default)</source>
        <translation> (Vorgabe der Konfiguration)</translation>
    </message>
    <message>
        <source> (set by %1: %2)</source>
        <translation> (gesetzt von %1: %2)</translation>
    </message>
    <message>
        <source>. Guard: %1 on %2, heartbeat %3 s ago.</source>
        <translation>. Wächter: %1 auf %2, letztes Lebenszeichen vor %3 s.</translation>
    </message>
    <message>
        <source>The configuration&apos;s default. Click to change it for every cockpit and guard of this environment (audited, with a reason).</source>
        <translation>Vorgabe der Konfiguration. Klicken, um sie für jedes Cockpit und jeden Wächter dieser Umgebung zu ändern (auditiert, mit Begründung).</translation>
    </message>
    <message>
        <source>Set by %1: %2. Click to change it (audited, with a reason).</source>
        <translation>Gesetzt von %1: %2. Klicken, um es zu ändern (auditiert, mit Begründung).</translation>
    </message>
    <message>
        <source>Another action is still running; automatic rollback was not changed.</source>
        <translation>Eine andere Aktion läuft noch; das automatische Rollback wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Automatic rollback was not changed: %1</source>
        <translation>Das automatische Rollback wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Automatic rollback is on for this environment.</source>
        <translation>Das automatische Rollback ist für diese Umgebung eingeschaltet.</translation>
    </message>
    <message>
        <source>Automatic rollback is OFF for this environment: breaches are only reported.</source>
        <translation>Das automatische Rollback ist für diese Umgebung AUS: Verletzungen werden nur gemeldet.</translation>
    </message>
    <message>
        <source>Another action is still running; try again when it is done.</source>
        <translation>Eine andere Aktion läuft noch; bitte erneut versuchen, wenn sie fertig ist.</translation>
    </message>
    <message>
        <source>. No guard runs, and this read-only window does not guard: a breach is not rolled back.</source>
        <translation>. Kein Wächter läuft, und dieses schreibgeschützte Fenster bewacht nichts: Eine Verletzung wird nicht zurückgerollt.</translation>
    </message>
    <message>
        <source>. No guard runs: a breach is not rolled back.</source>
        <translation>. Kein Wächter läuft: Eine Verletzung wird nicht zurückgerollt.</translation>
    </message>
    <message>
        <source>. This window holds the guard lease: once it is closed, a breach is rolled back only if a headless guard takes over (cockpitctl guard).</source>
        <translation>. Dieses Fenster hat die Wächterrolle: Sobald es geschlossen ist, wird eine Verletzung nur zurückgerollt, wenn ein Wächter ohne Oberfläche übernimmt (cockpitctl guard).</translation>
    </message>
    <message>
        <source>. Guard: %1 on %2, heartbeat %3 s ago; a cockpit window guards only while it is open.</source>
        <translation>. Wächter: %1 auf %2, letztes Lebenszeichen vor %3 s; ein Cockpit-Fenster bewacht nur, solange es geöffnet ist.</translation>
    </message>
    <message>
        <source>Turn automatic rollback on</source>
        <translation>Automatisches Rollback einschalten</translation>
    </message>
    <message>
        <source>Turn automatic rollback off</source>
        <translation>Automatisches Rollback ausschalten</translation>
    </message>
    <message>
        <source>From now on, a confirmed breach of a module under rollout is rolled back to V1 by the guard of &lt;b&gt;%1&lt;/b&gt;, whichever cockpit or headless guard holds its lease.</source>
        <translation>Ab jetzt rollt der Wächter von &lt;b&gt;%1&lt;/b&gt; eine bestätigte Verletzung eines Moduls im Rollout auf V1 zurück, gleich welches Cockpit oder welcher Wächter ohne Oberfläche die Wächterrolle hat.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The safety net of %1 is switched off for every cockpit and guard&lt;/b&gt;: a confirmed breach is then only reported, never rolled back, until someone turns it on again.</source>
        <translation>&lt;b&gt;Das Sicherheitsnetz von %1 wird für jedes Cockpit und jeden Wächter ausgeschaltet&lt;/b&gt;: Eine bestätigte Verletzung wird dann nur gemeldet, nie zurückgerollt, bis jemand es wieder einschaltet.</translation>
    </message>
    <message>
        <source>Turn &amp;on</source>
        <translation>&amp;Einschalten</translation>
    </message>
    <message>
        <source>Turn &amp;off</source>
        <translation>&amp;Ausschalten</translation>
    </message>
    <message>
        <source>Who guards this environment is unknown: %1</source>
        <translation>Unbekannt, wer diese Umgebung bewacht: %1</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutModuleModel</name>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (pausiert)</translation>
    </message>
    <message>
        <source>metrics unavailable</source>
        <translation>Metriken nicht verfügbar</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>nicht analysiert</translation>
    </message>
    <message>
        <source>✔ pass</source>
        <translation>✔ bestanden</translation>
    </message>
    <message>
        <source>? inconclusive</source>
        <translation>? nicht eindeutig</translation>
    </message>
    <message>
        <source>⚠ failing</source>
        <translation>⚠ auffällig</translation>
    </message>
    <message>
        <source>✖ breach</source>
        <translation>✖ Verletzung</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>V1 / V2 %</source>
        <translation>V1 / V2 %</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutPage</name>
    <message>
        <source>Metrics: built-in simulator (seed %1)</source>
        <translation>Metriken: eingebauter Simulator (Seed %1)</translation>
    </message>
    <message>
        <source>Metrics: Prometheus at %1</source>
        <translation>Metriken: Prometheus unter %1</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>6 hours</source>
        <translation>6 Stunden</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>&amp;Auto-rollback</source>
        <translation>Auto-&amp;Rollback</translation>
    </message>
    <message>
        <source>Automatic rollback on a confirmed breach</source>
        <translation>Automatisches Rollback bei bestätigter Verletzung</translation>
    </message>
    <message>
        <source>This environment is read-only: nothing is rolled back from here.</source>
        <translation>Diese Umgebung ist schreibgeschützt: Von hier wird nichts zurückgerollt.</translation>
    </message>
    <message numerus="yes">
        <source>Roll a module back to V1 after %n failing interval(s) in a row.</source>
        <translation>
            <numerusform>Ein Modul nach %n fehlgeschlagenen Intervall auf V1 zurückrollen.</numerusform>
            <numerusform>Ein Modul nach %n fehlgeschlagenen Intervallen in Folge auf V1 zurückrollen.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Inject regression</source>
        <translation>Regression &amp;injizieren</translation>
    </message>
    <message>
        <source>Inject a V2 regression into the simulator</source>
        <translation>Eine V2-Regression in den Simulator injizieren</translation>
    </message>
    <message>
        <source>Degrades V2 of the selected module in the simulator so that the analysis and automatic rollback can be watched.</source>
        <translation>Verschlechtert V2 des ausgewählten Moduls im Simulator, damit sich Analyse und automatisches Rollback beobachten lassen.</translation>
    </message>
    <message>
        <source>Latency ×2</source>
        <translation>Latenz ×2</translation>
    </message>
    <message>
        <source>Throughput ÷2</source>
        <translation>Durchsatz ÷2</translation>
    </message>
    <message>
        <source>Memory ×1.6</source>
        <translation>Speicher ×1,6</translation>
    </message>
    <message>
        <source>Error rate ×8</source>
        <translation>Fehlerrate ×8</translation>
    </message>
    <message>
        <source>&amp;Clear injected regressions</source>
        <translation>Injizierte Regressionen &amp;entfernen</translation>
    </message>
    <message>
        <source>Simulator: injected regressions cleared; V2 is healthy again from now on.</source>
        <translation>Simulator: Injizierte Regressionen entfernt; V2 ist ab jetzt wieder in Ordnung.</translation>
    </message>
    <message>
        <source>Analyze &amp;now</source>
        <translation>&amp;Jetzt analysieren</translation>
    </message>
    <message>
        <source>Analyze every module now</source>
        <translation>Alle Module jetzt analysieren</translation>
    </message>
    <message>
        <source>Analyze every module now (F5)</source>
        <translation>Alle Module jetzt analysieren (F5)</translation>
    </message>
    <message>
        <source>Rollout notice</source>
        <translation>Rollout-Hinweis</translation>
    </message>
    <message>
        <source>Rollout modules</source>
        <translation>Rollout-Module</translation>
    </message>
    <message>
        <source>Promote, pause and rollback are provided by migration control.</source>
        <translation>Hochstufen, Pausieren und Rollback stellt die Migrationssteuerung bereit.</translation>
    </message>
    <message>
        <source>Analysis history</source>
        <translation>Analyseverlauf</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ No verdict for %1, nothing rolled back: %2</source>
        <translation>⚠ Keine Bewertung für %1, nichts zurückgerollt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Simulator: V2 %1 of %2 degraded by ×%3 from now on. A breach is confirmed after %n failing interval(s).</source>
        <translation>
            <numerusform>Simulator: V2-%1 von %2 ab jetzt um ×%3 verschlechtert. Eine Verletzung gilt nach %n fehlgeschlagenen Intervall als bestätigt.</numerusform>
            <numerusform>Simulator: V2-%1 von %2 ab jetzt um ×%3 verschlechtert. Eine Verletzung gilt nach %n fehlgeschlagenen Intervallen in Folge als bestätigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions for the selected module</source>
        <translation>Aktionen für das gewählte Modul</translation>
    </message>
    <message>
        <source>Why the selected interval was judged so</source>
        <translation>Warum das gewählte Intervall so bewertet wurde</translation>
    </message>
    <message>
        <source>Select an interval to see why it was judged so: the queries as sent, the samples of V1 and V2, the compared values, the threshold and the judge&apos;s verdict. The guard keeps them in the control store (cockpitctl rollout history).</source>
        <translation>Ein Intervall auswählen, um zu sehen, warum es so bewertet wurde: die Abfragen wie gesendet, die Stichproben von V1 und V2, die verglichenen Werte, der Schwellwert und das Urteil der Statistik. Der Wächter bewahrt sie im Steuerungsspeicher auf (cockpitctl rollout history).</translation>
    </message>
    <message>
        <source>⚠ The analysis history cannot be read: %1</source>
        <translation>⚠ Der Analyseverlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>✔ Rolled back automatically: %1</source>
        <translation>✔ Automatisch zurückgerollt: %1</translation>
    </message>
    <message>
        <source>⚠ Guard: %1</source>
        <translation>⚠ Wächter: %1</translation>
    </message>
    <message>
        <source>V2 Rollout guard</source>
        <translation>V2-Rollout-Wächter</translation>
    </message>
    <message>
        <source>Confirmed breach: %1</source>
        <translation>Bestätigte Verletzung: %1</translation>
    </message>
    <message>
        <source>V2 Rollout analysis</source>
        <translation>V2-Rollout-Analyse</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>keine Bewertung</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n series)</source>
        <translation>
            <numerusform>%1 (%n Reihe)</numerusform>
            <numerusform>%1 (%n Reihen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n series could not be fetched: %1</source>
        <translation>
            <numerusform>⚠ %n Reihe konnte nicht geladen werden: %1</numerusform>
            <numerusform>⚠ %n Reihen konnten nicht geladen werden: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::RolloutWorker</name>
    <message numerus="yes">
        <source>%n record(s) skipped, the first: %1</source>
        <translation>
            <numerusform>%n Datensatz übersprungen, der erste: %1</numerusform>
            <numerusform>%n Datensätze übersprungen, der erste: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cockpit::RunStreamModel</name>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Kontotyp</translation>
    </message>
    <message>
        <source>Legacy column</source>
        <translation>Legacy-Spalte</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Legacy</source>
        <translation>Legacy</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateDiffModel</name>
    <message>
        <source>Equal</source>
        <translation>Gleich</translation>
    </message>
    <message>
        <source>Only in LevelDB</source>
        <translation>Nur in LevelDB</translation>
    </message>
    <message>
        <source>Only in JSON</source>
        <translation>Nur in JSON</translation>
    </message>
    <message>
        <source>Mismatch</source>
        <translation>Abweichend</translation>
    </message>
    <message>
        <source>chain has no JSON file</source>
        <translation>Chain hat keine JSON-Datei</translation>
    </message>
    <message>
        <source>named by proxy in %1</source>
        <translation>in %1 über den Proxy benannt</translation>
    </message>
    <message>
        <source>network &quot;%1&quot; vs &quot;%2&quot;</source>
        <translation>Netzwerk „%1“ vs. „%2“</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>Ungültig: %1</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Differing fields</source>
        <translation>Abweichende Felder</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateSyncJob</name>
    <message>
        <source>Reading LevelDB</source>
        <translation>LevelDB wird gelesen</translation>
    </message>
    <message>
        <source>no valid records</source>
        <translation>keine gültigen Datensätze</translation>
    </message>
    <message>
        <source>the JSON file could not be read; fix it first</source>
        <translation>die JSON-Datei konnte nicht gelesen werden; zuerst korrigieren</translation>
    </message>
    <message>
        <source>Chain %1: %2 records</source>
        <translation>Chain %1: %2 Datensätze</translation>
    </message>
</context>
<context>
    <name>Cockpit::StateSyncPanel</name>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>Sync abb&amp;rechen</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Sync plan</source>
        <translation>Sync-Plan</translation>
    </message>
    <message>
        <source>The dry run&apos;s plan appears here before anything is written.</source>
        <translation>Der Plan des Dry Runs erscheint hier, bevor etwas geschrieben wird.</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Sync-Fortschritt</translation>
    </message>
    <message>
        <source>Apply sync</source>
        <translation>Sync anwenden</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Sync abbrechen</translation>
    </message>
    <message>
        <source>Close sync panel</source>
        <translation>Sync-Bereich schließen</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>Abbruch nach der aktuellen Datei…</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Sync fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Computing the plan (dry run, nothing is written)…</source>
        <translation>Plan wird berechnet (Dry Run, nichts wird geschrieben)…</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n change(s) planned. Review, then apply.</source>
        <translation>
            <numerusform>Dry Run: %n Änderung geplant. Prüfen, dann anwenden.</numerusform>
            <numerusform>Dry Run: %n Änderungen geplant. Prüfen, dann anwenden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: the JSON files are up to date.</source>
        <translation>Dry Run: Die JSON-Dateien sind aktuell.</translation>
    </message>
    <message>
        <source>Cancelled; files written so far are complete. Run sync again to finish.</source>
        <translation>Abgebrochen; die bisher geschriebenen Dateien sind vollständig. Sync erneut ausführen, um abzuschließen.</translation>
    </message>
    <message>
        <source>Sync finished: %1 file(s) written.</source>
        <translation>Sync abgeschlossen: %1 Datei(en) geschrieben.</translation>
    </message>
    <message>
        <source>A previous sync was interrupted; this run completes it.
</source>
        <translation>Ein früherer Sync wurde unterbrochen; dieser Lauf schließt ihn ab.
</translation>
    </message>
    <message>
        <source>Chain %1 → %2: </source>
        <translation>Chain %1 → %2: </translation>
    </message>
    <message>
        <source>(no file)</source>
        <translation>(keine Datei)</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>%1 to add, %2 to update, %3 unchanged</source>
        <translation>%1 hinzuzufügen, %2 zu aktualisieren, %3 unverändert</translation>
    </message>
    <message>
        <source>   not copied (invalid): %1
</source>
        <translation>   nicht kopiert (ungültig): %1
</translation>
    </message>
    <message>
        <source>Error: %1
</source>
        <translation>Fehler: %1
</translation>
    </message>
    <message>
        <source>Dry run total: </source>
        <translation>Dry Run gesamt: </translation>
    </message>
    <message>
        <source>Total: </source>
        <translation>Gesamt: </translation>
    </message>
    <message>
        <source>%1 added, %2 updated, %3 unchanged, %4 skipped</source>
        <translation>%1 hinzugefügt, %2 aktualisiert, %3 unverändert, %4 übersprungen</translation>
    </message>
    <message>
        <source>&amp;Apply sync…</source>
        <translation>Sync &amp;anwenden…</translation>
    </message>
    <message>
        <source>Write the planned changes to the JSON files (one atomic write per network), after you give a reason</source>
        <translation>Die geplanten Änderungen in die JSON-Dateien schreiben (ein atomarer Schreibvorgang je Netzwerk), nachdem Sie eine Begründung angegeben haben</translation>
    </message>
    <message>
        <source>Apply sync to %1</source>
        <translation>Sync auf %1 anwenden</translation>
    </message>
    <message>
        <source>Writes &lt;b&gt;%1 added and %2 updated record(s)&lt;/b&gt; from LevelDB into the deployment files of &lt;b&gt;%3&lt;/b&gt; (one atomic write per network). The plan below is the dry run&apos;s, against the files as they are now.</source>
        <translation>Schreibt &lt;b&gt;%1 neue und %2 geänderte Datensätze&lt;/b&gt; aus LevelDB in die Deployment-Dateien von &lt;b&gt;%3&lt;/b&gt; (ein atomarer Schreibvorgang je Netzwerk). Der Plan unten ist der des Dry Runs, gegen die Dateien, wie sie jetzt sind.</translation>
    </message>
    <message>
        <source>&amp;Write the files</source>
        <translation>Dateien &amp;schreiben</translation>
    </message>
    <message>
        <source>Checking that the files are as planned…</source>
        <translation>Es wird geprüft, ob die Dateien dem Plan entsprechen…</translation>
    </message>
    <message>
        <source>The files changed since you approved the plan; nothing was written. Review the new plan and apply again.</source>
        <translation>Die Dateien haben sich geändert, seit Sie den Plan bestätigt haben; es wurde nichts geschrieben. Den neuen Plan prüfen und erneut anwenden.</translation>
    </message>
</context>
<context>
    <name>Cockpit::StatusLight</name>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
</context>
<context>
    <name>Cockpit::TimeChartView</name>
    <message>
        <source>Drag to zoom into a time span, Shift+drag to pan, double-click or Escape to show everything; click a legend entry to hide or show its series.</source>
        <translation>Ziehen vergrößert einen Zeitraum, Umschalt+Ziehen verschiebt, Doppelklick oder Escape zeigt alles; ein Klick auf einen Legendeneintrag blendet seine Reihe aus oder ein.</translation>
    </message>
    <message>
        <source>No data in this time range</source>
        <translation>Keine Daten in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Show Whole Range</source>
        <translation>Ganzen Zeitraum &amp;zeigen</translation>
    </message>
</context>
<context>
    <name>Cockpit::TransitionDialog</name>
    <message>
        <source>Pass</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Nicht eindeutig</translation>
    </message>
    <message>
        <source>Transition: %1</source>
        <translation>Übergang: %1</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Wird geplant…</translation>
    </message>
    <message>
        <source>&amp;Gates</source>
        <translation>&amp;Gates</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Nachweis</translation>
    </message>
    <message>
        <source>Gate checklist</source>
        <translation>Gate-Checkliste</translation>
    </message>
    <message>
        <source>&amp;Dry run: what will be written and run</source>
        <translation>&amp;Dry Run: was geschrieben und ausgeführt wird</translation>
    </message>
    <message>
        <source>Dry-run plan</source>
        <translation>Dry-Run-Plan</translation>
    </message>
    <message>
        <source>Why? Required for rollbacks and overrides; kept in the audit log</source>
        <translation>Warum? Pflicht für Rollbacks und Übersteuerungen; wird im Audit-Log festgehalten</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>&amp;Override failing gates (needs a reason)</source>
        <translation>Fehlgeschlagene Gates über&amp;steuern (Begründung nötig)</translation>
    </message>
    <message>
        <source>Override failing gates</source>
        <translation>Fehlgeschlagene Gates übersteuern</translation>
    </message>
    <message>
        <source>Environment name confirmation</source>
        <translation>Bestätigung des Umgebungsnamens</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>Bestä&amp;tigen</translation>
    </message>
    <message>
        <source>Confirm transition</source>
        <translation>Übergang bestätigen</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation>Zum Bestätigen &lt;b&gt;%1&lt;/b&gt; &amp;eingeben:</translation>
    </message>
    <message>
        <source>Environment &lt;b&gt;%1&lt;/b&gt; — PRODUCTION</source>
        <translation>Umgebung &lt;b&gt;%1&lt;/b&gt; — PRODUKTION</translation>
    </message>
    <message>
        <source>Environment &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Umgebung &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>Cannot plan this transition</source>
        <translation>Dieser Übergang kann nicht geplant werden</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>Cut over</source>
        <translation>Cutover</translation>
    </message>
    <message>
        <source>%1 %2: %3 → %4</source>
        <translation>%1 %2: %3 → %4</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>&amp;Zurückrollen</translation>
    </message>
    <message>
        <source>&amp;Cut over</source>
        <translation>&amp;Cutover</translation>
    </message>
    <message>
        <source>No gates</source>
        <translation>Keine Gates</translation>
    </message>
    <message>
        <source>Rollbacks are never blocked by gates</source>
        <translation>Rollbacks werden nie durch Gates blockiert</translation>
    </message>
    <message>
        <source>New content of %1:</source>
        <translation>Neuer Inhalt von %1:</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <source>A rollback needs a reason.</source>
        <translation>Ein Rollback erfordert eine Begründung.</translation>
    </message>
    <message>
        <source>A gate did not pass: the transition is refused unless you choose Override and give a reason.</source>
        <translation>Ein Gate ist nicht bestanden: Der Übergang wird verweigert, außer Sie wählen „Übersteuern“ und geben eine Begründung an.</translation>
    </message>
    <message>
        <source>An override needs a reason.</source>
        <translation>Ein Übersteuern erfordert eine Begründung.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <source>Done: %1 is now %2 (version %3).</source>
        <translation>Fertig: %1 ist jetzt %2 (Version %3).</translation>
    </message>
    <message>
        <source>&amp;Target phase:</source>
        <translation>Ziel&amp;phase:</translation>
    </message>
    <message>
        <source>Target phase</source>
        <translation>Zielphase</translation>
    </message>
    <message>
        <source>&quot;%1&quot; did not pass, and an override does not lift it: %2</source>
        <translation>„%1“ ist nicht bestanden, und ein Übersteuern hebt das nicht auf: %2</translation>
    </message>
    <message>
        <source>&amp;Take over the running transition (stops its hook; needs a reason)</source>
        <translation>Laufenden Übergang &amp;übernehmen (stoppt seinen Hook; braucht eine Begründung)</translation>
    </message>
    <message>
        <source>Take over the running transition</source>
        <translation>Laufenden Übergang übernehmen</translation>
    </message>
    <message>
        <source>Still running: %1</source>
        <translation>Läuft noch: %1</translation>
    </message>
    <message>
        <source>This transition is still running (%1). Wait for it to finish, or choose Take over and give a reason.</source>
        <translation>Dieser Übergang läuft noch (%1). Warten Sie, bis er fertig ist, oder wählen Sie Übernehmen und geben Sie eine Begründung an.</translation>
    </message>
    <message>
        <source>Taking over a running transition needs a reason.</source>
        <translation>Die Übernahme eines laufenden Übergangs braucht eine Begründung.</translation>
    </message>
</context>
<context>
    <name>Cockpit::TransitionJob</name>
    <message>
        <source>Opening the control database…</source>
        <translation>Steuerungsdatenbank wird geöffnet…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Evaluating gates…</source>
        <translation>Gates werden geprüft…</translation>
    </message>
    <message>
        <source>Preparing the dry run…</source>
        <translation>Dry Run wird vorbereitet…</translation>
    </message>
    <message>
        <source>Running the transition…</source>
        <translation>Übergang läuft…</translation>
    </message>
</context>
<context>
    <name>Cockpit::WriteConfirmDialog</name>
    <message>
        <source>Planned changes</source>
        <translation>Geplante Änderungen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Why? Kept in the audit log</source>
        <translation>Warum? Wird im Audit-Log festgehalten</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Environment name confirmation</source>
        <translation>Bestätigung des Umgebungsnamens</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to &amp;confirm:</source>
        <translation>Zum Bestätigen &lt;b&gt;%1&lt;/b&gt; &amp;eingeben:</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
</context>
<context>
    <name>EnvironmentSession</name>
    <message>
        <source>Audit log</source>
        <translation>Audit-Log</translation>
    </message>
    <message>
        <source>Could not audit &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht ins Audit-Log geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Gates</name>
    <message>
        <source>No interrupted transition pending</source>
        <translation>Kein unterbrochener Übergang offen</translation>
    </message>
    <message>
        <source>no transition pending in the control database</source>
        <translation>kein Übergang offen in der Steuerungsdatenbank</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, still running)</source>
        <translation>%1 %2 -&gt; %3 (gestartet von %4 auf %5 um %6 UTC, läuft noch)</translation>
    </message>
    <message>
        <source>%1 %2 -&gt; %3 (started by %4 on %5 at %6 UTC, interrupted)</source>
        <translation>%1 %2 -&gt; %3 (gestartet von %4 auf %5 um %6 UTC, unterbrochen)</translation>
    </message>
    <message>
        <source>%1 pending: %2</source>
        <translation>%1 offen: %2</translation>
    </message>
    <message>
        <source>no check defined</source>
        <translation>keine Prüfung festgelegt</translation>
    </message>
    <message>
        <source>Shadow mode %1 without discrepancies</source>
        <translation>Schattenmodus %1 ohne Abweichungen</translation>
    </message>
    <message>
        <source>Strict mode %1 without failures</source>
        <translation>Strikter Modus %1 ohne Fehler</translation>
    </message>
    <message>
        <source>Ledger reads within %1 % of legacy (p95)</source>
        <translation>Ledger-Lesezugriffe höchstens %1 % langsamer als Legacy (p95)</translation>
    </message>
    <message>
        <source>No discrepancies for %1 before cutover</source>
        <translation>Keine Abweichungen in den %1 vor dem Cutover</translation>
    </message>
    <message>
        <source>%1 %2 in the last %3 (0 allowed), last at %4</source>
        <translation>%1 %2 in den letzten %3 (0 erlaubt), zuletzt um %4</translation>
    </message>
    <message>
        <source>no ledger writes in the last %1, nothing to judge</source>
        <translation>keine Ledger-Schreibvorgänge in den letzten %1, nichts zu bewerten</translation>
    </message>
    <message>
        <source>0 %1 in the last %2 (%3 writes)</source>
        <translation>0 %1 in den letzten %2 (%3 Schreibvorgänge)</translation>
    </message>
    <message>
        <source>discrepancies</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>failed writes</source>
        <translation>fehlgeschlagene Schreibvorgänge</translation>
    </message>
    <message>
        <source>no balance reads from both sources in the last %1</source>
        <translation>keine Saldo-Abfragen aus beiden Quellen in den letzten %1</translation>
    </message>
    <message>
        <source>p95 ledger %1 vs legacy %2 (limit %3 %)</source>
        <translation>p95 Ledger %1 gegenüber Legacy %2 (Grenze %3 %)</translation>
    </message>
    <message>
        <source>Both stores reachable</source>
        <translation>Beide Speicher erreichbar</translation>
    </message>
    <message>
        <source>LevelDB: %1; JSON folder: %2</source>
        <translation>LevelDB: %1; JSON-Ordner: %2</translation>
    </message>
    <message>
        <source>No record differs between LevelDB and JSON</source>
        <translation>Kein Datensatz unterscheidet sich zwischen LevelDB und JSON</translation>
    </message>
    <message>
        <source>both stores are empty or unreadable</source>
        <translation>beide Speicher sind leer oder nicht lesbar</translation>
    </message>
    <message>
        <source>%1 mismatched, %2 equal, %3 only in LevelDB (served by fallback)</source>
        <translation>%1 abweichend, %2 gleich, %3 nur in LevelDB (über Fallback bedient)</translation>
    </message>
    <message>
        <source>Every LevelDB record is in the JSON files</source>
        <translation>Jeder LevelDB-Datensatz steht in den JSON-Dateien</translation>
    </message>
    <message>
        <source>%1 records only in LevelDB, %2 mismatched, %3 equal; data health %4 %</source>
        <translation>%1 Datensätze nur in LevelDB, %2 abweichend, %3 gleich; Datenzustand %4 %</translation>
    </message>
    <message>
        <source>Module not paused</source>
        <translation>Modul nicht pausiert</translation>
    </message>
    <message>
        <source>paused by %1: %2</source>
        <translation>pausiert von %1: %2</translation>
    </message>
    <message>
        <source>not paused</source>
        <translation>nicht pausiert</translation>
    </message>
    <message>
        <source>Minimum dwell time at the current step</source>
        <translation>Mindestverweildauer auf der aktuellen Stufe</translation>
    </message>
    <message>
        <source>%1 s of dwell time left at %2</source>
        <translation>noch %1 s Verweildauer bei %2</translation>
    </message>
    <message>
        <source>at %1, dwell time reached</source>
        <translation>bei %1, Verweildauer erreicht</translation>
    </message>
    <message>
        <source>V2 within thresholds (no confirmed breach)</source>
        <translation>V2 innerhalb der Schwellen (keine bestätigte Verletzung)</translation>
    </message>
    <message>
        <source>no verdict: %1</source>
        <translation>keine Bewertung: %1</translation>
    </message>
    <message>
        <source>Completion targets met (the plan&apos;s success criteria)</source>
        <translation>Abschlussziele erreicht (Erfolgskriterien des Plans)</translation>
    </message>
    <message>
        <source>met: %1</source>
        <translation>erreicht: %1</translation>
    </message>
    <message>
        <source>not met: %1</source>
        <translation>nicht erreicht: %1</translation>
    </message>
    <message>
        <source> (observed %1 %)</source>
        <translation> (beobachtet %1 %)</translation>
    </message>
    <message>
        <source> (no data)</source>
        <translation> (keine Daten)</translation>
    </message>
    <message>
        <source>not judged: %1 did not answer: %2</source>
        <translation>nicht bewertet: %1 hat nicht geantwortet: %2</translation>
    </message>
    <message>
        <source>no ledger gate %1</source>
        <translation>kein Ledger-Gate %1</translation>
    </message>
    <message>
        <source>ledger database unreachable: %1</source>
        <translation>Ledger-Datenbank nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>cannot read the ledger metrics: %1</source>
        <translation>Ledger-Metriken nicht lesbar: %1</translation>
    </message>
    <message>
        <source>the ledger reports no gate %1</source>
        <translation>der Ledger meldet kein Gate %1</translation>
    </message>
    <message>
        <source>service&apos;s telemetry: discrepancies in the last %1: %2</source>
        <translation>Telemetrie des Dienstes: Abweichungen in den letzten %1: %2</translation>
    </message>
    <message>
        <source>%1; reconciliation runs: %2</source>
        <translation>%1; Abgleichsläufe: %2</translation>
    </message>
    <message>
        <source>cockpit&apos;s reconciliation: %1 complete full runs in the last %2</source>
        <translation>Abgleich des Cockpits: %1 vollständige Läufe in den letzten %2</translation>
    </message>
    <message>
        <source>; no run in %1 of the %2 periods (one per %3 needed), newest gap from %4</source>
        <translation>; kein Lauf in %1 der %2 Zeiträume (einer je %3 nötig), jüngste Lücke ab %4</translation>
    </message>
    <message>
        <source>lowest ledger_write_success_rate in the last %1: %2 (0.99 needed)</source>
        <translation>niedrigste ledger_write_success_rate in den letzten %1: %2 (0.99 nötig)</translation>
    </message>
    <message>
        <source>, %1 of them found discrepancies; the newest, run %2 at %3, found %4</source>
        <translation>, davon %1 mit Abweichungen; der neueste, Lauf %2 um %3, fand %4</translation>
    </message>
</context>
<context>
    <name>LanePages</name>
    <message>
        <source>&amp;Shadow mode &amp;&amp; balances</source>
        <translation>&amp;Schattenmodus &amp;&amp; Salden</translation>
    </message>
    <message>
        <source>&amp;Discrepancies</source>
        <translation>Abweichun&amp;gen</translation>
    </message>
</context>
<context>
    <name>MigrationDefinition</name>
    <message>
        <source>Legacy only</source>
        <translation>Nur Legacy</translation>
    </message>
    <message>
        <source>Shadow mode (dual-write, legacy reads)</source>
        <translation>Schattenmodus (doppeltes Schreiben, Lesen aus Legacy)</translation>
    </message>
    <message>
        <source>Reads from ledger (still dual-writing)</source>
        <translation>Lesen aus dem Ledger (weiter doppeltes Schreiben)</translation>
    </message>
    <message>
        <source>Strict mode (fail on discrepancies)</source>
        <translation>Strikter Modus (Fehler bei Abweichungen)</translation>
    </message>
    <message>
        <source>Ledger only (legacy writes stopped)</source>
        <translation>Nur Ledger (Legacy-Schreiben gestoppt)</translation>
    </message>
    <message>
        <source>Enable shadow mode (4.1)</source>
        <translation>Schattenmodus einschalten (4.1)</translation>
    </message>
    <message>
        <source>Switch reads to ledger (4.2)</source>
        <translation>Lesen auf den Ledger umstellen (4.2)</translation>
    </message>
    <message>
        <source>Enable strict mode (4.3)</source>
        <translation>Strikten Modus einschalten (4.3)</translation>
    </message>
    <message>
        <source>Cut over to ledger only (4.4)</source>
        <translation>Vollständig auf Ledger umstellen (4.4)</translation>
    </message>
    <message>
        <source>Disable strict mode</source>
        <translation>Strikten Modus ausschalten</translation>
    </message>
    <message>
        <source>Revert to legacy reads</source>
        <translation>Zurück zum Lesen aus Legacy</translation>
    </message>
    <message>
        <source>Re-enable shadow mode and revert to legacy reads</source>
        <translation>Schattenmodus wieder einschalten und zurück zum Lesen aus Legacy</translation>
    </message>
    <message>
        <source>Emergency rollback to legacy</source>
        <translation>Notfall-Rollback auf Legacy</translation>
    </message>
    <message>
        <source>Ledger migration</source>
        <translation>Ledger-Migration</translation>
    </message>
    <message>
        <source>LevelDB only</source>
        <translation>Nur LevelDB</translation>
    </message>
    <message>
        <source>Dual-write (reads from LevelDB)</source>
        <translation>Doppeltes Schreiben (Lesen aus LevelDB)</translation>
    </message>
    <message>
        <source>JSON reads with LevelDB fallback</source>
        <translation>Lesen aus JSON mit LevelDB-Fallback</translation>
    </message>
    <message>
        <source>JSON only</source>
        <translation>Nur JSON</translation>
    </message>
    <message>
        <source>Enable dual-write</source>
        <translation>Doppeltes Schreiben einschalten</translation>
    </message>
    <message>
        <source>Switch reads to JSON with LevelDB fallback</source>
        <translation>Lesen auf JSON umstellen, mit LevelDB-Fallback</translation>
    </message>
    <message>
        <source>Disable dual-write, JSON only</source>
        <translation>Doppeltes Schreiben ausschalten, nur JSON</translation>
    </message>
    <message>
        <source>Re-enable dual-write and LevelDB fallback</source>
        <translation>Doppeltes Schreiben und LevelDB-Fallback wieder einschalten</translation>
    </message>
    <message>
        <source>Switch reads back to LevelDB</source>
        <translation>Lesen zurück auf LevelDB umstellen</translation>
    </message>
    <message>
        <source>Stop dual-write, LevelDB only</source>
        <translation>Doppeltes Schreiben beenden, nur LevelDB</translation>
    </message>
    <message>
        <source>Deployment state migration</source>
        <translation>Migration des Deployment-Zustands</translation>
    </message>
    <message>
        <source>V1 only</source>
        <translation>Nur V1</translation>
    </message>
    <message>
        <source>%1 % to V2</source>
        <translation>%1 % auf V2</translation>
    </message>
    <message>
        <source>V1 removed</source>
        <translation>V1 entfernt</translation>
    </message>
    <message>
        <source>Remove V1 module</source>
        <translation>V1-Modul entfernen</translation>
    </message>
    <message>
        <source>Roll back to V1</source>
        <translation>Auf V1 zurückrollen</translation>
    </message>
    <message>
        <source>Reinstate V1 module</source>
        <translation>V1-Modul wiederherstellen</translation>
    </message>
    <message>
        <source>V2 rollout: %1</source>
        <translation>V2-Rollout: %1</translation>
    </message>
    <message>
        <source>Send %1 % of traffic to V2</source>
        <translation>%1 % des Verkehrs auf V2 lenken</translation>
    </message>
</context>
<context>
    <name>PageCatalog</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Deployment State</source>
        <translation>Deployment-Zustand</translation>
    </message>
    <message>
        <source>V2 Rollout</source>
        <translation>V2-Rollout</translation>
    </message>
    <message>
        <source>Audit Log</source>
        <translation>Audit-Log</translation>
    </message>
</context>
<context>
    <name>StateDiff</name>
    <message>
        <source>%1 contracts in LevelDB are missing from the JSON files</source>
        <translation>%1 Contracts in LevelDB fehlen in den JSON-Dateien</translation>
    </message>
    <message>
        <source> (%1 of them are named by proxy address in infrastructureContracts or protocolContracts)</source>
        <translation> (%1 davon sind per Proxy-Adresse in infrastructureContracts oder protocolContracts genannt)</translation>
    </message>
    <message>
        <source>%1 LevelDB records are on chains without any JSON file (%2), reported on their own</source>
        <translation>%1 LevelDB-Datensätze liegen auf Chains ohne JSON-Datei (%2) und werden gesondert gemeldet</translation>
    </message>
    <message>
        <source>%1 contracts in the JSON files are missing from LevelDB</source>
        <translation>%1 Contracts in den JSON-Dateien fehlen in LevelDB</translation>
    </message>
    <message>
        <source>%1 contracts differ between the stores</source>
        <translation>%1 Contracts unterscheiden sich zwischen den Speichern</translation>
    </message>
    <message>
        <source>%1 LevelDB records carry a networkName different from their chain&apos;s JSON file</source>
        <translation>%1 LevelDB-Datensätze tragen einen anderen networkName als die JSON-Datei ihrer Chain</translation>
    </message>
    <message>
        <source>Data health %1 % (%2 of %3 records pass validation)</source>
        <translation>Datenzustand %1 % (%2 von %3 Datensätzen bestehen die Prüfung)</translation>
    </message>
    <message>
        <source>%1 values or files could not be read; the diff covers the rest</source>
        <translation>%1 Werte oder Dateien konnten nicht gelesen werden; der Vergleich umfasst den Rest</translation>
    </message>
</context>
<context>
    <name>WritePolicy</name>
    <message>
        <source>%1 is read-only (--read-only or environment.readOnly): nothing is written</source>
        <translation>%1 ist schreibgeschützt (--read-only oder environment.readOnly): Es wird nichts geschrieben</translation>
    </message>
    <message>
        <source>A reason is required: this write is kept in the audit log.</source>
        <translation>Eine Begründung ist nötig: Dieser Schreibvorgang wird im Audit-Log festgehalten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a prod environment: type its name to confirm.</source>
        <translation>„%1“ ist eine Produktionsumgebung: Zur Bestätigung ihren Namen eingeben.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run risky data and code migrations and see whether it is safe to go on.</source>
        <translation>Riskante Daten- und Code-Migrationen ausführen und sehen, ob es sicher weitergehen kann.</translation>
    </message>
    <message>
        <source>Environment file to open (default: the demo environment).</source>
        <translation>Zu öffnende Umgebungsdatei (Standard: die Demo-Umgebung).</translation>
    </message>
    <message>
        <source>Disable every action that changes a migration.</source>
        <translation>Alle Aktionen deaktivieren, die eine Migration verändern.</translation>
    </message>
    <message>
        <source>Page to show first: overview, ledger, state, rollout, audit.</source>
        <translation>Zuerst angezeigte Seite: overview, ledger, state, rollout, audit.</translation>
    </message>
    <message>
        <source>Save a screenshot of the window to FILE once the environment is open and its data shown, then quit (for docs and checks).</source>
        <translation>Ein Bildschirmfoto des Fensters in FILE speichern, sobald die Umgebung geöffnet ist und ihre Daten angezeigt werden, dann beenden (für Doku und Prüfungen).</translation>
    </message>
    <message>
        <source>Milliseconds to wait before the screenshot (default 3000).</source>
        <translation>Wartezeit in Millisekunden vor dem Bildschirmfoto (Standard: 3000).</translation>
    </message>
    <message>
        <source>Environment file to open, as --config.</source>
        <translation>Zu öffnende Umgebungsdatei, wie --config.</translation>
    </message>
    <message>
        <source>migration-cockpit: give one environment file (as an argument or with --config)</source>
        <translation>migration-cockpit: eine Umgebungsdatei angeben (als Argument oder mit --config)</translation>
    </message>
    <message>
        <source>Colours for this run: system, light or dark (default: as chosen under Settings, else system).</source>
        <translation>Farben für diesen Lauf: system, light oder dark (Vorgabe: wie unter Einstellungen gewählt, sonst system).</translation>
    </message>
    <message>
        <source>migration-cockpit: --color-scheme: &quot;%1&quot; is not system, light or dark</source>
        <translation>migration-cockpit: --color-scheme: „%1“ ist nicht system, light oder dark</translation>
    </message>
</context>
</TS>
